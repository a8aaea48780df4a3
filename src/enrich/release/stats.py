"""stats.json: list and section statistics, fastest growing, top authors, data quality.

Measured from the newest observation day (`stats_as_of`), never from the wall clock, so the same
warehouse gives the same file."""

from __future__ import annotations

from collections import Counter
from typing import Any

import duckdb

from enrich.release.values import plain, query

TOP_N = 10  # rows of the rankings in stats.json
STATS_VIEWS = (
    "work_stats",
    "list_stats",
    "section_stats",
    "fastest_growing",
    "author_stats",
    "data_quality",
)


def build_stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    as_of = con.execute("SELECT as_of FROM stats_as_of").fetchone()
    problems = query(
        con,
        "SELECT category, problem, count(*) AS n, count(DISTINCT entry_id) AS entries "
        "FROM data_quality GROUP BY ALL ORDER BY category, problem",
    )
    flagged = con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT list_name, entry_id FROM data_quality)"
    ).fetchone()
    by_category: Counter[str] = Counter()
    for row in problems:
        by_category[row["category"]] += row["n"]
    return {
        "as_of": plain(as_of[0] if as_of else None),
        "lists": query(con, "SELECT * FROM list_stats ORDER BY list_name"),
        "sections": query(
            con,
            "SELECT * EXCLUDE (section_position) FROM ("
            " SELECT *, min(first_position) OVER (PARTITION BY list_name, section)"
            " AS section_position FROM section_stats) "
            "ORDER BY list_name, section_position, level, first_position, subsection",
        ),
        "fastest_growing": {
            "works": query(
                con,
                f"SELECT * EXCLUDE (kind) FROM fastest_growing WHERE kind = 'work' "
                f"AND gain_30d > 0 ORDER BY rank LIMIT {TOP_N}",
            ),
            "repositories": query(
                con,
                f"SELECT * EXCLUDE (kind) FROM fastest_growing WHERE kind = 'repository' "
                f"AND gain_30d > 0 ORDER BY rank LIMIT {TOP_N}",
            ),
        },
        "top_authors": query(
            con,
            "SELECT * FROM author_stats "
            f"ORDER BY works DESC, total_citations DESC, author_key LIMIT {TOP_N}",
        ),
        "data_quality": {
            "total": sum(row["n"] for row in problems),
            "entries_flagged": int(flagged[0]) if flagged else 0,
            "by_category": dict(sorted(by_category.items())),
            "by_problem": dict(sorted((row["problem"], row["n"]) for row in problems)),
        },
    }
