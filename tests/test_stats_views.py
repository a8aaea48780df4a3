"""The derived statistics views (warehouse/views/020_stats.sql), each asked the question the README
shows it answering, on the small fixed warehouse of test_release.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from test_release import build_warehouse

# The README's example query for each view: (question, SQL). The expected answers are below.
README_QUERIES: dict[str, tuple[str, str]] = {
    "work_stats": (
        "Which papers with code are cited fastest, and how much did they gain this month?",
        "SELECT title, citations, citations_per_year, citation_gain_30d, repo_full_name, stars\n"
        "FROM work_stats WHERE has_code\n"
        "ORDER BY citations_per_year DESC NULLS LAST, work_id LIMIT 10",
    ),
    "list_stats": (
        "How big is each list, how much of it has code, how cited is it, and how complete is "
        "what we fetched?",
        "SELECT list_name, entries, works, share_with_code, median_citations, top_citations,\n"
        "       top_venues, share_with_citations, share_with_stars\n"
        "FROM list_stats ORDER BY list_name",
    ),
    "section_stats": (
        "Which subsections have the least code?",
        "SELECT section, subsection, entries, share_with_code, median_citations\n"
        "FROM section_stats WHERE level = 'subsection'\n"
        "ORDER BY share_with_code, first_position",
    ),
    "fastest_growing": (
        "Which repositories gained the most stars in the last 30 days?",
        "SELECT rank, name, value AS stars, gain_7d, gain_30d\n"
        "FROM fastest_growing WHERE kind = 'repository' ORDER BY rank LIMIT 10",
    ),
    "author_stats": (
        "Who wrote the most works in the lists, and how cited are they?",
        "SELECT name, s2_author_id, works, first_author_works, total_citations\n"
        "FROM author_stats ORDER BY works DESC, total_citations DESC, author_key LIMIT 10",
    ),
    "data_quality": (
        "What should the list maintainer look at, line by line?",
        "SELECT line_no, listed_title, category, problem, subject\n"
        "FROM data_quality ORDER BY list_name, line_no, problem",
    ),
    "repo_stats": (
        "Which linked repositories are archived, renamed or gone?",
        "SELECT repo_key, full_name, status, archived, renamed_to, stars\n"
        "FROM repo_stats WHERE status = 'not_found' OR archived OR renamed_to IS NOT NULL\n"
        "ORDER BY repo_key",
    ),
    "metric_gains": (
        "How did one paper's citations grow?",
        "SELECT metric, value, observed_on, gain_7d, gain_30d\n"
        "FROM metric_gains WHERE subject_kind = 'paper' AND subject_id = 'S2A' ORDER BY metric",
    ),
}

EXPECTED: dict[str, list[tuple[Any, ...]]] = {
    "work_stats": [
        ("PsyQA: A Chinese Dataset for Generating Long Counseling Text for Mental Health Support",
         112, 18.67, None, "thu-coai/PsyQA", 311),  # no observation within 3 days of 10-21
        ("CounselLLM: Fine-Tuning LLMs for Counseling", 25, 8.33, 13, "Alice/counsel-llm", 95),
        ("Empathy in 50% of_cases {sic}", 4, 1.0, None, "frank/empathy", None),
        ("Ghost Paper", None, None, None, "carol/new-name", 5),
    ],
    "list_stats": [
        ("demo", 8, 5, 0.625, 25.0, 112,
         [{"venue": "arXiv", "entries": 4}, {"venue": "Findings of ACL", "entries": 1},
          {"venue": "JMIR Mental Health", "entries": 1}],
         0.667, 0.8),
    ],
    "section_stats": [
        ("1. Models", "1.2 Prompting", 1, 0.0, None),
        ("1. Models", "1.1 Fine-tuning", 2, 1.0, 68.5),
    ],
    "fastest_growing": [
        (1, "Alice/counsel-llm", 95, 25, 42),  # 95 − 53 (10-22, a day after the window start)
        (2, "thu-coai/PsyQA", 311, -1, 8),  # 311 − 303 (10-19)
    ],
    "author_stats": [
        ("Ana Müller", None, 2, 0, 137),  # "Ana Müller" and "ana  müller": one name-only author
        ("Hao Sun", "222", 1, 1, 112),
        ("Wei Zhang", "333", 1, 0, 112),  # two people called Wei Zhang stay two
        ("Wei Zhang", "111", 1, 1, 25),
        ("José Álvarez", "444", 1, 1, 4),
    ],
    "data_quality": [
        (10, "CounselLLM: Fine-tuning for Counseling", "duplicate", "listed_twice", None),
        (20, "MentalChat Corpus", "unresolved", "no_resolvable_id", None),
        (21, "CounselLLM: Fine-tuning for Counseling", "duplicate", "listed_twice", None),
        (22, "Ghost Paper", "dead_link", "arxiv_not_found", "2402.99999"),
        (22, "Ghost Paper", "stale_repository", "repo_archived", "carol/old-name"),
        (22, "Ghost Paper", "outdated_link", "repo_renamed", "carol/old-name"),
        (22, "Ghost Paper", "suspected_wrong_link", "title_mismatch", None),
        (23, "Quiet Dataset", "stale_repository", "repo_silent", "dave/quiet"),
    ],
    "repo_stats": [
        ("carol/old-name", "carol/new-name", "ok", True, "carol/new-name", 5),
    ],
    "metric_gains": [
        ("citations", 25, "2026-11-20", 7, 13),
        ("influential_citations", 3, "2026-11-20", 1, None),
    ],
}


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    settings = build_warehouse(tmp_path_factory.mktemp("stats"), phase=2)
    connection = _connect(settings.warehouse_path)
    yield connection
    connection.close()


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return [
        tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in row)
        for row in con.execute(sql).fetchall()
    ]


@pytest.mark.parametrize("view", sorted(README_QUERIES))
def test_readme_query_answers_its_question(con: duckdb.DuckDBPyConnection, view: str) -> None:
    _question, sql = README_QUERIES[view]
    assert f"FROM {view}" in sql
    assert _rows(con, sql) == EXPECTED[view]


def test_every_stats_view_has_a_readme_query(con: duckdb.DuckDBPyConnection) -> None:
    sql_file = Path(__file__).parents[1] / "src/enrich/warehouse/views/020_stats.sql"
    public = {"work_stats", "list_stats", "section_stats", "fastest_growing", "author_stats",
              "data_quality", "repo_stats", "metric_gains"}
    assert public <= set(README_QUERIES)
    text = sql_file.read_text(encoding="utf-8")
    for view in public:
        header = text.split(f"CREATE OR REPLACE VIEW {view} AS")[0].rstrip().splitlines()[-1]
        assert header.startswith("--"), f"{view} has no header comment"


def test_gains_are_null_until_the_history_reaches_back(tmp_path: Path) -> None:
    """At phase one the history starts on 10-10 and ends on 11-13 (the as-of day)."""
    settings = build_warehouse(tmp_path, phase=1)
    con = _connect(settings.warehouse_path)
    try:
        assert _rows(con, "SELECT as_of FROM stats_as_of") == [("2026-11-13",)]
        assert _rows(
            con,
            "SELECT subject_id, value, gain_7d, gain_30d FROM metric_gains "
            "WHERE metric IN ('citations', 'stars') ORDER BY subject_id",
        ) == [
            # 7 days: 18 − 15 (11-06). 30 days: 10-14 ± 3 days holds no observation (10-10
            # is 4 days off): NULL, not a 34-day gain labelled 30.
            ("S2A", 18, 3, None),
            ("S2B", 110, None, None),  # nothing near 11-06 or 10-14: no gain, not a 34-day one
            ("alice/counsel-llm", 70, 10, None),
            ("carol/old-name", 5, None, None),  # first seen on 11-13
            ("dave/quiet", 2, None, None),
            ("thu-coai/psyqa", 312, None, None),
        ]
        # The repository that is gone is a dead link while the list still links it.
        assert ("dead_link", "repo_not_found", "eve/gone") in _rows(
            con, "SELECT category, problem, subject FROM data_quality"
        )
        assert _rows(con, "SELECT count(*) FROM fastest_growing WHERE kind = 'work'") == [(0,)]
    finally:
        con.close()


def test_work_stats_flags_code_open_access_and_publication(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert _rows(
        con,
        "SELECT work_id, has_code, has_open_access_pdf, published, publication_status, entries "
        "FROM work_stats ORDER BY work_id",
    ) == [
        ("acl:2021.findings-acl.130", True, False, True, "published", 1),
        ("arxiv:2401.00001", True, True, False, "preprint", 2),
        ("arxiv:2402.99999", True, False, False, "preprint", 1),
        ("arxiv:2411.00042", False, False, False, "preprint", 1),
        ("doi:10.2196/12345", True, False, True, "published", 1),
    ]


def test_section_stats_counts_coverage_among_what_could_be_known(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert _rows(
        con,
        "SELECT level, section, subsection, entries, works, repositories, share_with_authors, "
        "share_with_abstract, share_with_citations, share_with_stars, first_year, last_year "
        "FROM section_stats ORDER BY first_position, level, subsection",
    ) == [
        ("section", "1. Models", None, 3, 3, 2, 0.667, 0.333, 0.667, 1.0, 2021, 2025),
        ("subsection", "1. Models", "1.1 Fine-tuning", 2, 2, 2, 1.0, 0.5, 1.0, 1.0, 2021, 2024),
        ("section", "2. Data", None, 5, 3, 3, 0.667, 0.667, 0.667, 0.667, 2019, 2025),
        ("subsection", "1. Models", "1.2 Prompting", 1, 1, 0, 0.0, 0.0, 0.0, None, 2025, 2025),
    ]
