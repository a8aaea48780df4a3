"""`enrich status`: the last runs, and the freshness and coverage of each source."""

from __future__ import annotations

import duckdb

from enrich.config import Settings
from enrich.render import format_table

RUNS_SQL = """
SELECT run_id, started_at, finished_at, state, exit_code,
       CAST(json_extract(counts, '$.entries') AS INTEGER) AS entries
FROM runs ORDER BY started_at DESC LIMIT 10
"""

FRESHNESS_SQL = """
SELECT source,
       count(*)                                   AS items,
       count(*) FILTER (WHERE status = 'ok')       AS ok,
       count(*) FILTER (WHERE status = 'not_found') AS not_found,
       count(*) FILTER (WHERE status = 'error')    AS errors,
       min(last_success_at)                       AS oldest_success,
       max(last_success_at)                       AS newest_success
FROM fetch_status GROUP BY source ORDER BY source
"""

COVERAGE_SQL = """
SELECT list_name,
       count(*)                                                   AS entries,
       count(work_id)                                             AS with_paper_id,
       count(*) FILTER (WHERE len(coalesce(authors, [])) > 0)     AS with_authors,
       count(abstract)                                            AS with_abstract,
       count(citation_count)                                      AS with_citations,
       count(github_repo)                                         AS with_repo,
       count(stars)                                               AS with_stars
FROM catalogue GROUP BY list_name ORDER BY list_name
"""


def status_report(con: duckdb.DuckDBPyConnection, settings: Settings) -> str:
    parts = [f"warehouse: {settings.warehouse_path}"]
    for title, sql in (
        ("last runs", RUNS_SQL),
        ("freshness per source (fetch outcomes of the last attempt per item)", FRESHNESS_SQL),
        ("coverage of the catalogue", COVERAGE_SQL),
    ):
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        parts.append(f"\n{title}:")
        parts.append(format_table(columns, rows) if rows else "  (none yet)")
    ttl = ", ".join(f"{s.name} {s.ttl_days:g} d" for s in settings.sources.values())
    parts.append(f"\ntime-to-live: {ttl}")
    return "\n".join(parts)
