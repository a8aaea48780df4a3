"""Releases: golden files, growth between two releases, spreadsheet safety, reproducibility,
atomic writing, the `latest` pointer, and publishing to a GitHub Release on 127.0.0.1.

The warehouse here is small and fixed: one list ("demo") in two versions, a week apart, with
observations on 2026-10-10, 10-19…10-22, 11-06, 11-13 (phase one) and 11-20 (phase two).
`build_warehouse` is also used by test_stats_views.py.

Set ENRICH_UPDATE_GOLDEN=1 to rewrite tests/golden/ from the current code (then read the diff).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import bibtexparser
import duckdb
import jsonschema
import pytest

import enrich.release.bibtex as bibtex_module
from enrich.config import SOURCE_DEFAULTS, Settings, SourceConfig
from enrich.http import RunStats, build_session
from enrich.release import catalogue_schema, write_release
from enrich.release.publish import PublishError, publish_release
from enrich.warehouse import migrate

from support import QuietHandler, local_server

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("ENRICH_UPDATE_GOLDEN") == "1"
GOLDEN_FILES = ("catalogue.csv", "catalogue.json", "stats.json", "CHANGES.md", "catalogue.bib",
                "merges.csv")
SHA1 = "a" * 64
SHA2 = "b" * 64
LIST = "demo"
DAY1 = datetime(2026, 11, 13, 6, 0, tzinfo=UTC)
DAY2 = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
TOKEN = "ghp_test_token_never_written_0123456789"


# ---------------------------------------------------------------------------------------------
# The small warehouse

# entry_id, position, line, section, subsection, kind, listed_title, venue, year, work, repo
ENTRIES_V1: list[tuple[Any, ...]] = [
    ("e-counsel", 1, 10, "1. Models", "1.1 Fine-tuning", "paper",
     "CounselLLM: Fine-tuning for Counseling", "arXiv", 2024, "arxiv:2401.00001",
     "alice/counsel-llm"),
    ("e-psyqa", 2, 11, "1. Models", "1.1 Fine-tuning", "paper",
     "PsyQA: A Chinese Dataset & Benchmark", "ACL", 2021, "acl:2021.findings-acl.130",
     "thu-coai/psyqa"),
    ("e-journal", 3, 12, "1. Models", "1.2 Prompting", "paper",
     "Empathy in 50% of_cases {sic}", "JMIR", 2023, "doi:10.2196/12345", None),
    ("e-dataset", 4, 20, "2. Data", None, "dataset", "MentalChat Corpus", None, 2025, None, None),
    ("e-counsel-2", 5, 21, "2. Data", None, "paper", "CounselLLM: Fine-tuning for Counseling",
     "arXiv", 2024, "arxiv:2401.00001", None),
    ("e-ghost", 6, 22, "2. Data", None, "paper", "Ghost Paper", "arXiv", 2024,
     "arxiv:2402.99999", "carol/old-name"),
    ("e-quiet", 7, 23, "2. Data", None, "dataset", "Quiet Dataset", None, 2019, None,
     "dave/quiet"),
    ("e-gone", 8, 24, "2. Data", None, "dataset", "Gone Tool", None, 2022, None, "eve/gone"),
]

# entry_id → [(label, url, id_kind, id_value, is_paper_id)]
LINKS_V1: dict[str, list[tuple[str, str, str, str, bool]]] = {
    "e-counsel": [
        ("Paper", "https://arxiv.org/abs/2401.00001", "arxiv", "2401.00001", True),
        ("Code", "https://github.com/Alice/counsel-llm", "github", "alice/counsel-llm", False),
    ],
    "e-psyqa": [
        ("Paper", "https://aclanthology.org/2021.findings-acl.130", "acl",
         "2021.findings-acl.130", True),
        ("Code", "https://github.com/thu-coai/PsyQA", "github", "thu-coai/psyqa", False),
    ],
    "e-journal": [("Paper", "https://doi.org/10.2196/12345", "doi", "10.2196/12345", True)],
    "e-dataset": [("Dataset", "https://huggingface.co/datasets/x/mentalchat", "hf_dataset",
                   "x/mentalchat", False)],
    "e-counsel-2": [("Paper", "https://arxiv.org/abs/2401.00001", "arxiv", "2401.00001", True)],
    "e-ghost": [
        ("Paper", "https://arxiv.org/abs/2402.99999", "arxiv", "2402.99999", True),
        ("Code", "https://github.com/carol/old-name", "github", "carol/old-name", False),
    ],
    "e-quiet": [("Code", "https://github.com/dave/quiet", "github", "dave/quiet", False)],
    "e-gone": [("Code", "https://github.com/eve/gone", "github", "eve/gone", False)],
}

WORKS = [
    # work_id, title, abstract, year, venue, publication_date, arxiv_id, acl_id, doi,
    # s2_paper_id, url, primary_category, open_access_pdf, published
    ("arxiv:2401.00001", "CounselLLM: Fine-Tuning LLMs for Counseling", "We fine-tune.", 2024,
     "arXiv", "2024-01-02", "2401.00001", None, None, "S2A", "https://arxiv.org/abs/2401.00001",
     "cs.CL", "https://arxiv.org/pdf/2401.00001", False),
    ("acl:2021.findings-acl.130",
     "PsyQA: A Chinese Dataset for Generating Long Counseling Text for Mental Health Support",
     None, 2021, "Findings of ACL", None, None, "2021.findings-acl.130",
     "10.18653/v1/2021.findings-acl.130", "S2B",
     "https://aclanthology.org/2021.findings-acl.130", None, None, True),
    ("doi:10.2196/12345", "Empathy in 50% of_cases {sic}", "A study.", 2023, "JMIR Mental Health",
     "2023-05-01", None, None, "10.2196/12345", "S2C", "https://doi.org/10.2196/12345", None,
     None, True),
    ("arxiv:2402.99999", None, None, None, None, None, "2402.99999", None, None, None,
     "https://arxiv.org/abs/2402.99999", None, None, False),
]

# merge_links: why ids are one work (a link a maintainer refused has no work).
MERGES = [
    ("acl:2021.findings-acl.130", "acl:2021.findings-acl.130", "s2:S2B", "s2_lookup",
     "Semantic Scholar answers ACL:2021.findings-acl.130 with paper S2B", "s2", False, None),
    (None, "arxiv:2401.00001", "doi:10.2196/12345", "s2_external_ids",
     "Semantic Scholar paper S2C lists ArXiv 2401.00001", "s2", True, 31.0),
]

AUTHORS = [
    ("arxiv:2401.00001", 1, "Wei Zhang", "111"),
    ("arxiv:2401.00001", 2, "Ana Müller", None),
    ("acl:2021.findings-acl.130", 1, "Hao Sun", "222"),
    ("acl:2021.findings-acl.130", 2, "Wei Zhang", "333"),  # another Wei Zhang
    ("acl:2021.findings-acl.130", 3, "ana  müller", None),  # the same name-only author
    ("doi:10.2196/12345", 1, "José Álvarez", "444"),
]

# (kind, subject, metric) → {day: value}; phase one has the days up to 11-13, phase two adds 11-20.
OBSERVATIONS: dict[tuple[str, str, str], dict[str, int]] = {
    ("paper", "S2A", "citations"): {"2026-10-10": 10, "2026-10-21": 12, "2026-11-06": 15,
                                    "2026-11-13": 18, "2026-11-20": 25},
    ("paper", "S2A", "influential_citations"): {"2026-11-13": 2, "2026-11-20": 3},
    ("paper", "S2B", "citations"): {"2026-10-10": 100, "2026-11-13": 110, "2026-11-20": 112},
    ("paper", "S2B", "influential_citations"): {"2026-11-20": 9},
    ("paper", "S2C", "citations"): {"2026-11-20": 4},
    ("repo", "alice/counsel-llm", "stars"): {"2026-10-10": 50, "2026-10-22": 53,
                                             "2026-11-06": 60, "2026-11-13": 70,
                                             "2026-11-20": 95},
    ("repo", "alice/counsel-llm", "forks"): {"2026-11-13": 6, "2026-11-20": 7},
    ("repo", "thu-coai/psyqa", "stars"): {"2026-10-10": 300, "2026-10-19": 303,
                                          "2026-11-13": 312, "2026-11-20": 311},
    ("repo", "thu-coai/psyqa", "forks"): {"2026-11-20": 40},
    ("repo", "carol/old-name", "stars"): {"2026-11-13": 5, "2026-11-20": 5},
    ("repo", "dave/quiet", "stars"): {"2026-11-13": 2, "2026-11-20": 2},
}
PHASE_ONE_LAST_DAY = "2026-11-13"


def make_settings(data_dir: Path, publish_repo: str | None = None,
                  github_api: str = "https://api.github.com") -> Settings:
    sources = {
        name: SourceConfig(name, d.base_url, d.ttl_days, 0.0, d.batch_size)
        for name, d in SOURCE_DEFAULTS.items()
    }
    sources["github"] = SourceConfig("github", github_api, 1, 0.0, 100)
    return Settings(
        config_path=None, root=data_dir, data_dir=data_dir, lists=(), sources=sources,
        github_token=TOKEN, publish_repo=publish_repo, max_retries=0,
    )


def _insert_entries(con: duckdb.DuckDBPyConnection, sha: str,
                    entries: list[tuple[Any, ...]],
                    links: dict[str, list[tuple[str, str, str, str, bool]]]) -> None:
    for (entry_id, position, line, section, subsection, kind, title, venue, year, work,
         repo) in entries:
        con.execute(
            "INSERT INTO entries (list_name, sha256, entry_id, position, line_no, section, "
            "subsection, kind, source_format, listed_title, listed_venue, listed_year, work_id, "
            "repo_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bullet', ?, ?, ?, ?, ?)",
            [LIST, sha, entry_id, position, line, section, subsection, kind, title, venue, year,
             work, repo],
        )
        for link_no, (label, url, id_kind, id_value, is_paper) in enumerate(
            links.get(entry_id, []), start=1
        ):
            con.execute(
                "INSERT INTO links VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                [sha, entry_id, link_no, label, url, line, id_kind, id_value, url, is_paper],
            )


def _insert_observations(con: duckdb.DuckDBPyConnection, *, days: set[str]) -> None:
    for (kind, subject, metric), values in OBSERVATIONS.items():
        for day, value in values.items():
            if day in days:
                con.execute(
                    "INSERT INTO observations VALUES (?, ?, ?, ?, ?, CAST(? AS TIMESTAMP) "
                    "+ INTERVAL 3 HOUR, ?, ?)",
                    [kind, subject, metric, day, value, day,
                     "s2" if kind == "paper" else "github", f"raw/{kind}/{day}.json"],
                )


def _repository(con: duckdb.DuckDBPyConnection, repo_key: str, full_name: str | None,
                status: str, *, pushed: str | None, archived: bool | None,
                renamed_to: str | None = None, fetched: str = "2026-11-13 03:00:00") -> None:
    con.execute(
        "INSERT OR REPLACE INTO repositories (repo_key, full_name, renamed_to, status, language, "
        "license, pushed_at, archived, fetched_at, raw_path) "
        "VALUES (?, ?, ?, ?, 'Python', 'MIT', ?, ?, ?, 'raw/github/x.json')",
        [repo_key, full_name, renamed_to, status, pushed, archived, fetched],
    )


def build_warehouse(data_dir: Path, *, phase: int = 2) -> Settings:
    """The small warehouse at phase one (list v1, observations to 11-13) or two (list v2, one
    more week of observations, a repository archived and renamed, a new link problem)."""
    settings = make_settings(data_dir)
    settings.warehouse_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(settings.warehouse_path))
    try:
        migrate(con)
        _phase_one(con)
        if phase >= 2:
            _phase_two(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return settings


def advance_to_phase_two(settings: Settings) -> None:
    con = duckdb.connect(str(settings.warehouse_path))
    try:
        _phase_two(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _phase_one(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO lists VALUES (?, 'https://example.org/demo/README.md', ?, NULL, "
                "TIMESTAMP '2026-11-13 03:00:00')", [LIST, SHA1])
    con.execute("INSERT INTO list_versions VALUES (?, ?, TIMESTAMP '2026-11-13 03:00:00', "
                "'file', 'raw/lists/demo/a.md', 1000, false, 8, 0, NULL, NULL)", [LIST, SHA1])
    _insert_entries(con, SHA1, ENTRIES_V1, LINKS_V1)
    for w in WORKS:
        con.execute(
            "INSERT INTO works (work_id, title, abstract, year, venue, publication_date, "
            "arxiv_id, acl_id, doi, s2_paper_id, url, primary_category, open_access_pdf, "
            "is_open_access, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*w[:13], w[12] is not None, w[13]],
        )
    for work_id, position, name, s2_id in AUTHORS:
        con.execute("INSERT INTO work_authors VALUES (?, ?, ?, ?, 's2')",
                    [work_id, position, name, s2_id])
    for merge in MERGES:
        con.execute("INSERT INTO merge_links VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(merge))
    con.execute(
        "INSERT INTO acl_records (acl_id, title, booktitle, year, pages, publisher, fetched_at, "
        "raw_path) VALUES ('2021.findings-acl.130', 'PsyQA', "
        "'Findings of the Association for Computational Linguistics: ACL-IJCNLP 2021', 2021, "
        "'1489--1503', 'Association for Computational Linguistics', "
        "TIMESTAMP '2026-11-01 03:00:00', 'raw/acl/x.bib')"
    )
    _repository(con, "alice/counsel-llm", "Alice/counsel-llm", "ok", pushed="2026-11-01",
                archived=False)
    _repository(con, "thu-coai/psyqa", "thu-coai/PsyQA", "ok", pushed="2026-06-01",
                archived=False)
    _repository(con, "carol/old-name", "carol/old-name", "ok", pushed="2025-12-01",
                archived=False)
    _repository(con, "dave/quiet", "dave/quiet", "ok", pushed="2024-01-01", archived=False)
    _repository(con, "eve/gone", None, "not_found", pushed=None, archived=None)
    for source, item, status, success, error in [
        ("arxiv", "2401.00001", "ok", "2026-11-10 03:00:00", None),
        ("arxiv", "2402.99999", "not_found", None, "arXiv has no paper 2402.99999"),
        ("acl", "2021.findings-acl.130", "ok", "2026-11-01 03:00:00", None),
        ("s2", "ARXIV:2401.00001", "ok", "2026-11-13 03:00:00", None),
        ("s2", "DOI:10.2196/12345", "error", "2026-11-06 03:00:00", "s2: server error HTTP 503"),
        ("github", "alice/counsel-llm", "ok", "2026-11-13 03:00:00", None),
        ("github", "eve/gone", "not_found", None, "Not Found"),
    ]:
        con.execute("INSERT INTO fetch_status VALUES (?, ?, ?, TIMESTAMP '2026-11-13 03:00:00', "
                    "?, ?)", [source, item, status, success, error])
    con.execute(
        "INSERT INTO link_problems VALUES (?, 'e-counsel', 'listed_twice', "
        "'also listed in: 2. Data', NULL), (?, 'e-counsel-2', 'listed_twice', "
        "'also listed in: 1. Models / 1.1 Fine-tuning', NULL)", [LIST, LIST],
    )
    _insert_observations(con, days={d for v in OBSERVATIONS.values() for d in v
                                    if d <= PHASE_ONE_LAST_DAY})
    _record_run(con, "20261113T030000Z-aaaaaa", "2026-11-13 03:00:00", stale=False)


def _phase_two(con: duckdb.DuckDBPyConnection) -> None:
    """A week later: list v2 (one entry added, one removed, one moved and given a code link), a
    week of growth, a repository archived and renamed, a title mismatch flagged, S2 stale."""
    entries = [e for e in ENTRIES_V1 if e[0] != "e-gone"]
    entries = [
        (*e[:3], "2. Data", None, *e[5:]) if e[0] == "e-journal" else e for e in entries
    ]
    entries.append(("e-new", 9, 25, "1. Models", "1.2 Prompting", "paper",
                    "NewBench: Evaluating Counselors", "arXiv", 2025, "arxiv:2411.00042", None))
    links = dict(LINKS_V1)
    links["e-journal"] = [*LINKS_V1["e-journal"],
                          ("Code", "https://github.com/frank/empathy", "github", "frank/empathy",
                           False)]
    links["e-new"] = [("Paper", "https://arxiv.org/abs/2411.00042", "arxiv", "2411.00042", True)]
    con.execute("UPDATE lists SET previous_sha256 = current_sha256, current_sha256 = ?", [SHA2])
    con.execute("INSERT INTO list_versions VALUES (?, ?, TIMESTAMP '2026-11-20 03:00:00', "
                "'file', 'raw/lists/demo/b.md', 1100, false, 8, 0, NULL, NULL)", [LIST, SHA2])
    _insert_entries(con, SHA2, entries, links)
    con.execute("INSERT INTO works (work_id, arxiv_id, url, published) VALUES "
                "('arxiv:2411.00042', '2411.00042', 'https://arxiv.org/abs/2411.00042', false)")
    con.execute("UPDATE entries SET repo_key = 'frank/empathy' "
                "WHERE sha256 = ? AND entry_id = 'e-journal'", [SHA2])
    _insert_observations(con, days={"2026-11-20"})
    fetched = "2026-11-20 03:00:00"
    _repository(con, "alice/counsel-llm", "Alice/counsel-llm", "ok", pushed="2026-11-18",
                archived=False, fetched=fetched)
    _repository(con, "thu-coai/psyqa", "thu-coai/PsyQA", "ok", pushed="2026-06-01",
                archived=False, fetched=fetched)
    _repository(con, "carol/old-name", "carol/new-name", "ok", pushed="2025-12-01",
                archived=True, renamed_to="carol/new-name", fetched=fetched)
    _repository(con, "dave/quiet", "dave/quiet", "ok", pushed="2024-01-01", archived=False,
                fetched=fetched)
    con.execute(
        "INSERT INTO link_problems VALUES (?, 'e-ghost', 'title_mismatch', "
        "'the paper link is titled \"Something Else Entirely\"', 42.0)", [LIST],
    )
    _record_run(con, "20261120T030000Z-bbbbbb", "2026-11-20 03:00:00", stale=True)


def _record_run(con: duckdb.DuckDBPyConnection, run_id: str, started: str, *,
                stale: bool) -> None:
    sources = {
        "arxiv": {"name": "arxiv", "stale": False, "unreachable": None, "errors": [],
                  "not_asked_because": None},
        "s2": {"name": "s2", "stale": stale, "unreachable": None,
               "errors": ["s2: server error HTTP 503"] if stale else [],
               "not_asked_because": None},
        "github": {"name": "github", "stale": False, "unreachable": None, "errors": [],
                   "not_asked_because": None},
        "acl": {"name": "acl", "stale": False, "unreachable": None, "errors": [],
                "not_asked_because": "offline" if stale else None},
    }
    con.execute(
        "INSERT INTO runs VALUES (?, ?, ?, ?, ?, '{}', '{}', ?, '{}')",
        [run_id, started, started, "stale" if stale else "completed", 3 if stale else 0,
         json.dumps(sources)],
    )


# ---------------------------------------------------------------------------------------------
# Helpers


def validate_catalogue(release_dir: Path) -> list[dict[str, Any]]:
    data = json.loads((release_dir / "catalogue.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(catalogue_schema())
    jsonschema.validate(data, catalogue_schema(), cls=jsonschema.Draft202012Validator)
    assert isinstance(data, list)
    return data


def sha256s(release_dir: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(release_dir.iterdir()) if p.name != "manifest.json"
    }


def comparable_manifest(release_dir: Path) -> dict[str, Any]:
    """The manifest without what legitimately changes: the time it was made, the package
    version, and the Parquet file's hash (DuckDB's writer stamps its own version in the file)."""
    manifest: dict[str, Any] = json.loads((release_dir / "manifest.json").read_text("utf-8"))
    manifest.pop("created_at")
    manifest["package"]["version"] = "<version>"
    manifest["files"]["catalogue.parquet"] = "<parquet>"
    return manifest


def csv_rows(release_dir: Path) -> list[dict[str, str]]:
    text = (release_dir / "catalogue.csv").read_bytes().decode("utf-8")  # keep \r in cells
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path, Path]:
    """A release on 2026-11-13 of phase one, then one on 2026-11-20 of phase two."""
    settings = build_warehouse(tmp_path_factory.mktemp("two-releases"), phase=1)
    first = write_release(settings, now=DAY1)
    advance_to_phase_two(settings)
    second = write_release(settings, now=DAY2)
    return settings, first, second


# ---------------------------------------------------------------------------------------------
# Golden files


def test_release_matches_golden_files(two_releases: tuple[Settings, Path, Path]) -> None:
    _, _, second = two_releases
    validate_catalogue(second)
    expected_dir = GOLDEN / "release"
    if UPDATE_GOLDEN:
        expected_dir.mkdir(parents=True, exist_ok=True)
        for name in GOLDEN_FILES:
            shutil.copyfile(second / name, expected_dir / name)
        (expected_dir / "manifest.json").write_text(
            json.dumps(comparable_manifest(second), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    for name in GOLDEN_FILES:
        assert (second / name).read_bytes() == (expected_dir / name).read_bytes(), (
            f"{name} differs from tests/golden/release/{name} "
            "(ENRICH_UPDATE_GOLDEN=1 rewrites the golden files)"
        )
    expected_manifest = json.loads((expected_dir / "manifest.json").read_text(encoding="utf-8"))
    assert comparable_manifest(second) == expected_manifest


def test_manifest_lists_versions_freshness_counts_and_hashes(
    two_releases: tuple[Settings, Path, Path],
) -> None:
    _, _, second = two_releases
    manifest = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["created_at"] == "2026-11-20T06:00:00Z"
    assert manifest["release"] == "2026-11-20"
    assert manifest["lists"] == [
        {"name": "demo", "sha256": SHA2, "url": "https://example.org/demo/README.md"}
    ]
    assert manifest["source_freshness"]["arxiv"] == {
        "ok": 1, "not_found": 1, "error": 0,
        "oldest_success": "2026-11-10T03:00:00Z", "newest_success": "2026-11-10T03:00:00Z",
    }
    assert manifest["source_freshness"]["s2"]["error"] == 1
    assert manifest["row_counts"]["catalogue"] == 8
    # Every other file of the release (no raw list here: no README.annotated.md).
    assert set(manifest["files"]) == {
        "catalogue.csv", "catalogue.json", "catalogue.parquet", "stats.json", "catalogue.bib",
        "merges.csv", "CHANGES.md", "index.html",
    }
    assert set(manifest["files"]) == {p.name for p in second.iterdir()} - {"manifest.json"}
    for name, info in manifest["files"].items():
        data = (second / name).read_bytes()
        assert info == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


# ---------------------------------------------------------------------------------------------
# Two releases, one week apart


def test_first_release_says_so(two_releases: tuple[Settings, Path, Path]) -> None:
    _, first, _ = two_releases
    validate_catalogue(first)
    changes = (first / "CHANGES.md").read_text(encoding="utf-8")
    assert "First release: 8 entries (4 works, 5 repositories) from 1 list." in changes
    assert "Every source was refreshed in the latest run." in changes


def test_second_release_reports_exactly_the_growth(
    two_releases: tuple[Settings, Path, Path],
) -> None:
    _, _, second = two_releases
    changes = (second / "CHANGES.md").read_text(encoding="utf-8")
    assert "Since release 2026-11-13: 8 entries then, 8 now" in changes
    assert "1 added, 1 removed, 1 moved." in changes
    assert "- Added: “NewBench: Evaluating Counselors” (1. Models › 1.2 Prompting)" in changes
    assert "- Removed: “Gone Tool” (2. Data)" in changes
    assert "- Moved: “Empathy in 50% of\\_cases {sic}”: 1. Models › 1.2 Prompting → 2. Data" \
        in changes
    assert "repository none → frank/empathy" in changes
    # 18 → 25 and 110 → 112 citations; 70 → 95 stars (psyqa lost one: not a gain).
    assert "- Citations: +9 over 2 works." in changes
    assert "“CounselLLM: Fine-tuning for Counseling” +7 (18 → 25)" in changes
    assert "- Stars: +25 over 1 repository. Biggest: Alice/counsel-llm +25 (70 → 95)." in changes
    assert "- Newly archived (1): carol/new-name." in changes
    assert "- Renamed (1): carol/old-name → carol/new-name." in changes
    assert "3 new: 1 repo_archived, 1 repo_renamed, 1 title_mismatch." in changes
    assert "Stale: s2 (s2: server error HTTP 503) could not be refreshed" in changes
    assert "Not asked (offline): acl" in changes

    entries = {e["entry_id"]: e for e in validate_catalogue(second)}
    counsel = entries["e-counsel"]
    assert counsel["citations"] == {
        "count": 25, "influential": 3, "observed_at": "2026-11-20T03:00:00Z",
        "per_year": 8.33, "gain_7d": 7, "gain_30d": 13, "gain_7d_days": 7, "gain_30d_days": 30,
    }
    assert counsel["github"]["stars"] == 95
    assert counsel["github"]["gain_7d"] == 25
    assert counsel["github"]["gain_30d"] == 42  # 95 − 53 (10-22: within 3 days of 10-21)
    assert counsel["github"]["gain_30d_days"] == 29  # … so the gain spans 29 days, and says so
    assert entries["e-psyqa"]["github"]["gain_7d"] == -1
    assert entries["e-journal"]["citations"]["gain_7d"] is None  # no history that old

    stats = json.loads((second / "stats.json").read_text(encoding="utf-8"))
    assert stats["as_of"] == "2026-11-20"
    assert [(w["subject_id"], w["gain_30d"]) for w in stats["fastest_growing"]["works"]] == [
        ("arxiv:2401.00001", 13)  # PsyQA: nothing within 3 days of 10-21, so no 30-day gain
    ]


# ---------------------------------------------------------------------------------------------
# CSV safe in a spreadsheet


def test_formula_like_titles_are_neutralised_in_csv_and_intact_in_json(tmp_path: Path) -> None:
    settings = build_warehouse(tmp_path)
    risky = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn"]
    con = duckdb.connect(str(settings.warehouse_path))
    for i, title in enumerate(risky):
        con.execute(
            "INSERT INTO entries (list_name, sha256, entry_id, position, line_no, kind, "
            "source_format, listed_title, description) "
            "VALUES (?, ?, ?, ?, ?, 'paper', 'bullet', ?, ?)",
            [LIST, SHA2, f"risky-{i}", 100 + i, 100 + i, title, title],
        )
    con.close()
    release = write_release(settings, now=DAY2)
    rows = {row["entry_id"]: row for row in csv_rows(release)}
    for i, title in enumerate(risky):
        assert rows[f"risky-{i}"]["listed_title"] == "'" + title
        assert rows[f"risky-{i}"]["description"] == "'" + title
    entries = {e["entry_id"]: e for e in validate_catalogue(release)}
    for i, title in enumerate(risky):
        assert entries[f"risky-{i}"]["listed_title"] == title
    # Numbers are ours, not text: a negative gain stays a number.
    assert rows["e-psyqa"]["stars_gain_7d"] == "-1"
    assert rows["e-counsel"]["authors"] == "Wei Zhang; Ana Müller"
    assert rows["e-counsel"]["flags"] == "listed_twice"
    assert rows["e-counsel"]["published"] == "false"
    # Parquet keeps the original text and the lists as lists.
    con = duckdb.connect()
    found = con.execute(
        "SELECT listed_title, authors FROM read_parquet(?) WHERE entry_id IN ('risky-0', "
        "'e-counsel') ORDER BY entry_id", [str(release / "catalogue.parquet")],
    ).fetchall()
    con.close()
    assert found == [("CounselLLM: Fine-tuning for Counseling", ["Wei Zhang", "Ana Müller"]),
                     (risky[0], [])]


# ---------------------------------------------------------------------------------------------
# Reproducible, atomic, latest


def test_same_warehouse_gives_byte_identical_files(tmp_path: Path) -> None:
    one = build_warehouse(tmp_path / "one")
    two = make_settings(tmp_path / "two")
    two.warehouse_dir.mkdir(parents=True)
    shutil.copyfile(one.warehouse_path, two.warehouse_path)
    first = write_release(one, now=DAY2)
    second = write_release(two, now=DAY2.replace(hour=23, minute=59))
    assert sha256s(first) == sha256s(second)
    # Every file but the manifest, the Parquet file, merges.csv and the page included (no raw
    # list: no README.annotated.md here).
    assert len(sha256s(first)) == 8
    assert comparable_manifest(first) == comparable_manifest(second)


def test_same_day_release_gets_a_suffix_and_failures_leave_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = build_warehouse(tmp_path)
    releases = settings.releases_dir
    first = write_release(settings, now=DAY2)
    second = write_release(settings, now=DAY2.replace(hour=9))
    assert (first.name, second.name) == ("2026-11-20", "2026-11-20-2")
    assert os.readlink(releases / "latest") == "2026-11-20-2"
    assert (releases / "latest" / "catalogue.json").is_file()
    assert "Since release 2026-11-20: 8 entries then, 8 now" in (
        second / "CHANGES.md").read_text(encoding="utf-8")

    # A writer killed mid-release left a staging directory behind: the next one removes it.
    (releases / ".partial-2026-11-20-3-deadbeef").mkdir()
    (releases / ".partial-2026-11-20-3-deadbeef" / "catalogue.csv").write_text("half")

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(bibtex_module, "write_bibtex", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write_release(settings, now=DAY2.replace(hour=10))
    assert sorted(p.name for p in releases.iterdir()) == [
        ".release.lock", "2026-11-20", "2026-11-20-2", "latest"
    ]
    assert os.readlink(releases / "latest") == "2026-11-20-2"


def test_latest_is_a_text_file_where_symlinks_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = build_warehouse(tmp_path)

    def no_symlinks(*args: object, **kwargs: object) -> None:
        raise OSError("symlinks not supported")

    monkeypatch.setattr(os, "symlink", no_symlinks)
    release = write_release(settings, now=DAY2)
    latest = settings.releases_dir / "latest"
    assert not latest.is_symlink()
    assert latest.read_text(encoding="utf-8") == release.name + "\n"


# ---------------------------------------------------------------------------------------------
# BibTeX


def test_bibtex_keys_types_and_escaping(two_releases: tuple[Settings, Path, Path]) -> None:
    _, _, second = two_releases
    text = (second / "catalogue.bib").read_text(encoding="utf-8")
    database = bibtexparser.loads(text)
    entries = {e["ID"]: e for e in database.entries}
    assert sorted(entries) == ["alvarez2023empathy", "anon2024ghost", "anon2025newbench",
                               "sun2021psyqa", "zhang2024counselllm"]
    assert entries["zhang2024counselllm"]["ENTRYTYPE"] == "article"
    assert entries["zhang2024counselllm"]["journal"] == "arXiv"
    assert entries["zhang2024counselllm"]["eprint"] == "2401.00001"
    assert entries["zhang2024counselllm"]["archiveprefix"] == "arXiv"
    assert entries["sun2021psyqa"]["ENTRYTYPE"] == "inproceedings"
    assert entries["sun2021psyqa"]["booktitle"].startswith("Findings of the Association")
    assert entries["sun2021psyqa"]["author"] == "Hao Sun and Wei Zhang and ana müller"
    assert entries["alvarez2023empathy"]["title"] == r"Empathy in 50\% of\_cases \{sic\}"
    assert entries["alvarez2023empathy"]["doi"] == "10.2196/12345"


def test_bibtex_key_collisions_get_suffixes_in_work_id_order() -> None:
    from enrich.release.bibtex import BibWork, assign_keys, render_bibtex

    works = [
        BibWork("arxiv:2", "Deep Care", ("Jane Doe",), 2024),
        BibWork("arxiv:1", "The deep end", ("Doe, John",), 2024),
        BibWork("arxiv:3", "Other", ("Jane Doe",), 2024),
    ]
    assert assign_keys(works) == {"arxiv:1": "doe2024deepa", "arxiv:2": "doe2024deepb",
                                  "arxiv:3": "doe2024other"}
    assert assign_keys(list(reversed(works))) == assign_keys(works)
    assert render_bibtex(works) == render_bibtex(list(reversed(works)))


# ---------------------------------------------------------------------------------------------
# Publishing to a GitHub Release (a local server on 127.0.0.1 plays GitHub)


class FakeReleases(QuietHandler):
    """POST /repos/{o}/{r}/releases, GET …/releases/tags/{tag}, POST /uploads/…/assets?name=."""

    calls: ClassVar[list[dict[str, Any]]] = []
    releases: ClassVar[dict[str, dict[str, Any]]] = {}
    upload_base: ClassVar[str] = ""

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        self.answer(status, json.dumps(body).encode(), {"Content-Type": "application/json"})

    def _record(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        call = {"method": self.command, "path": self.path, "headers": dict(self.headers),
                "body": self.rfile.read(length)}
        self.calls.append(call)
        return call

    def do_POST(self) -> None:
        call = self._record()
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._answer(401, {"message": "Bad credentials"})
        elif self.path == "/repos/owner/repo/releases":
            tag = json.loads(call["body"])["tag_name"]
            if tag in self.releases:
                self._answer(422, {"message": "Validation Failed",
                                   "errors": [{"code": "already_exists", "field": "tag_name"}]})
                return
            release_id = len(self.releases) + 1
            self.releases[tag] = {
                "id": release_id, "tag_name": tag, "assets": [],
                "html_url": f"https://github.com/owner/repo/releases/tag/{tag}",
                "upload_url": f"{self.upload_base}/uploads/repos/owner/repo/releases/"
                              f"{release_id}/assets{{?name,label}}",
            }
            self._answer(201, self.releases[tag])
        elif self.path.startswith("/uploads/"):
            name = self.path.split("?name=", 1)[1]
            for rel in self.releases.values():
                if f"/releases/{rel['id']}/" in self.path:
                    rel["assets"].append({"name": name, "size": len(call["body"])})
            self._answer(201, {"name": name, "state": "uploaded"})
        else:
            self._answer(404, {"message": "Not Found"})

    def do_GET(self) -> None:
        self._record()
        prefix = "/repos/owner/repo/releases/tags/"
        if self.path.startswith(prefix) and self.path[len(prefix):] in self.releases:
            self._answer(200, self.releases[self.path[len(prefix):]])
        else:
            self._answer(404, {"message": "Not Found"})


@pytest.fixture
def fake_github() -> Iterator[str]:
    FakeReleases.calls = []
    FakeReleases.releases = {}
    with local_server(FakeReleases) as base:
        FakeReleases.upload_base = base
        yield base


def _session(settings: Settings) -> Any:
    session = build_session(settings, settings.sources["github"], RunStats())
    session.trust_env = False  # no proxy between us and 127.0.0.1
    return session


@pytest.fixture(scope="module")
def one_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("publish")
    release: Path = write_release(build_warehouse(data_dir), now=DAY2)
    return release


def test_publish_creates_the_release_and_uploads_every_file(
    one_release: Path, fake_github: str
) -> None:
    release = one_release
    settings = make_settings(release.parents[1], publish_repo="owner/repo",
                             github_api=fake_github)
    url = publish_release(settings, release, _session(settings))
    assert url == "https://github.com/owner/repo/releases/tag/catalogue-2026-11-20"

    create, *uploads = FakeReleases.calls
    body = json.loads(create["body"])
    assert body["tag_name"] == "catalogue-2026-11-20"
    assert body["body"] == (release / "CHANGES.md").read_text(encoding="utf-8")
    names = [call["path"].split("?name=")[1] for call in uploads]
    assert names == ["catalogue.csv", "catalogue.json", "catalogue.parquet", "stats.json",
                     "catalogue.bib", "merges.csv", "CHANGES.md", "manifest.json",
                     "index.html"]
    for call, name in zip(uploads, names, strict=True):
        assert call["body"] == (release / name).read_bytes()
        assert call["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert uploads[0]["headers"]["Content-Type"] == "text/csv; charset=utf-8"
    for path in settings.releases_dir.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path

    # Publishing again (say, after a failed upload) finds the release and skips what is there.
    FakeReleases.calls.clear()
    FakeReleases.releases["catalogue-2026-11-20"]["assets"] = [
        a for a in FakeReleases.releases["catalogue-2026-11-20"]["assets"]
        if a["name"] != "manifest.json"
    ]
    assert publish_release(settings, release, _session(settings)) == url
    assert [c["method"] for c in FakeReleases.calls] == ["POST", "GET", "POST"]
    assert FakeReleases.calls[-1]["path"].endswith("?name=manifest.json")


def test_publish_refuses_an_upload_url_on_another_host(
    one_release: Path, fake_github: str
) -> None:
    release = one_release
    settings = make_settings(release.parents[1], publish_repo="owner/repo",
                             github_api=fake_github)
    FakeReleases.upload_base = "http://127.0.0.1:1"  # another port: another origin
    with pytest.raises(PublishError) as caught:
        publish_release(settings, release, _session(settings))
    assert TOKEN not in str(caught.value)
    assert [c["method"] for c in FakeReleases.calls] == ["POST"]  # nothing uploaded


def test_changes_name_stale_sources_from_the_run_summary(
    two_releases: tuple[Settings, Path, Path],
) -> None:
    from enrich.release import source_notes
    from enrich.summary import RunSummary, SourceReport
    from enrich.warehouse import open_reader

    settings, _, _ = two_releases
    summary = RunSummary(run_id="r", started_at="2026-11-20T03:00:00+00:00", sources={
        "arxiv": SourceReport("arxiv", ok=3),
        "github": SourceReport("github", stale=True, unreachable="connection refused"),
        "s2": SourceReport("s2", stale=True, errors=["s2: rate limited (HTTP 429)"]),
    })
    with open_reader(settings) as con:
        assert source_notes(con, summary) == [
            "Stale: s2 (s2: rate limited (HTTP 429)), github (connection refused) could not be "
            "refreshed; their previous values are shown."
        ]
        assert source_notes(con, RunSummary(run_id="r", started_at="x")) == [
            "Every source was refreshed in the latest run."
        ]


def test_text_written_in_pieces_is_the_text_whole(tmp_path: Path) -> None:
    """index.html is written a buffer at a time (durable.write_text): the same bytes."""
    from enrich.durable import write_text

    pieces = ["<p>", "é ünïcode ", "", "x" * 10, "\n", "end"]
    for buffer_chars in (1, 3, 1 << 20):
        path = tmp_path / f"page-{buffer_chars}.html"
        write_text(path, iter(pieces), buffer_chars=buffer_chars)
        assert path.read_bytes() == "".join(pieces).encode("utf-8")


def test_a_catalogue_off_its_schema_is_refused_with_the_entry_that_is_off() -> None:
    """The schema is checked a batch of entries at a time: an error in a later batch is still
    found, and named by its index in the whole file."""
    from enrich.errors import EnrichError
    from enrich.release import check_entries
    from enrich.release.schema import CHECK_BATCH

    entry = json.loads((GOLDEN / "release" / "catalogue.json").read_text())[0]
    entries = [dict(entry) for _ in range(CHECK_BATCH * 2 + 5)]
    check_entries(iter(entries))
    off = CHECK_BATCH + 7
    entries[off]["position"] = "first"
    with pytest.raises(EnrichError, match=rf"catalogue.json at /{off}/position: 'first' is not"):
        check_entries(iter(entries))


def test_a_helper_process_writes_the_same_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With catalogue.json checked and compared in a helper process (`enrich.worker`, forced on
    here: the test catalogue is far below its threshold), a release is byte for byte the
    one written in a single process, CHANGES.md against a previous release included."""
    from enrich import worker

    started = []
    real_start = worker.start_helper
    monkeypatch.setattr(worker, "start_helper", lambda: started.append(1) or real_start())
    releases: dict[int, tuple[Path, Path]] = {}
    for size in (1 << 60, 0):  # never a helper, then always one
        monkeypatch.setattr(worker, "RELEASE_MIN_ENTRIES", size)
        settings = build_warehouse(tmp_path / str(size), phase=1)
        first = write_release(settings, now=DAY1)
        advance_to_phase_two(settings)
        releases[size] = first, write_release(settings, now=DAY2)
    for alone, helped in zip(releases[1 << 60], releases[0], strict=True):
        assert sha256s(alone) == sha256s(helped)
        assert comparable_manifest(alone) == comparable_manifest(helped)
    assert len(started) == 2  # one helper per release of the second pair
    assert "Since release 2026-11-13" in (releases[0][1] / "CHANGES.md").read_text()
