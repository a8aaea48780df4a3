"""Numbers a researcher can cite (issue 12), against the fake upstream on 127.0.0.1: titles as
published, dates that mean one thing each, merges with their evidence, history that is appended,
gains over the window they name, wrong links caught on generic titles, GraphQL answered by REST.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pytest

from enrich.checks import (
    DOUBTFUL_SCORE,
    MISMATCH_SCORE,
    TitleWeights,
    author_evidence,
    title_similarity,
    wrong_link,
    year_evidence,
)
from enrich.config import Settings, load_settings
from enrich.errors import ConfigError
from enrich.parse import parse_list
from enrich.pipeline import RefreshOptions, run_rebuild, run_refresh
from enrich.resolve import resolve_entries
from enrich.warehouse import migrate, migrations

from fake_upstream import FakeUpstream, generic_sibling
from support import SEED, SEED_OLD, make_settings
from test_refresh import RUN, S2_KEY, TOKEN, query, seed_world, settings_for, upstream

__all__ = ["upstream"]  # the fixture, shared with test_refresh

TEX_MARKERS = ("``", "''", "{", "}", "$", "--", "\\")


# --- titles as published ------------------------------------------------------------------------


def test_titles_follow_the_written_precedence_character_for_character(
    tmp_path: Path, fake_upstream: FakeUpstream
) -> None:
    world = seed_world()
    # One work, three sources that differ only in characters: the published record wins.
    world.acl["2021.acl-long.269"].fields["title"] = (
        "{``}{T}owards{''} Emotional Support Dialog Systems --- {ESC}onv{'}s Story"
    )
    world.arxiv["2106.01144"].title = '"Towards" Emotional Support Dialog Systems - ESConv\'s Story'
    world.s2_by_arxiv("2106.01144").title = "Towards emotional support dialog systems"
    # A preprint only: arXiv's title over Semantic Scholar's.
    memory_bank = "MemoryBank: Enhancing Large Language Models with Long{}Term Memory"
    world.arxiv["2305.10250"].title = memory_bank.format("–")
    world.s2_by_arxiv("2305.10250").title = memory_bank.format("-")
    fake_upstream.world = world
    settings = settings_for(tmp_path, fake_upstream)
    assert run_refresh(settings, RUN).exit_code == 0

    titles = dict(
        query(
            settings,
            "SELECT w.work_id, w.title || ' <' || p.source || '>' FROM works w "
            "JOIN field_provenance p ON p.work_id = w.work_id AND p.field = 'title' "
            "WHERE w.work_id IN ('arxiv:2106.01144', 'arxiv:2305.10250')",
        )
    )
    assert titles == {
        "arxiv:2106.01144": "“Towards” Emotional Support Dialog Systems — ESConv’s Story <acl>",
        "arxiv:2305.10250": (
            "MemoryBank: Enhancing Large Language Models with Long–Term Memory <arxiv>"
        ),
    }
    # A work only Semantic Scholar knows (a DOI link) takes its title.
    sources = query(
        settings,
        "SELECT DISTINCT p.source FROM works w JOIN field_provenance p "
        "ON p.work_id = w.work_id AND p.field = 'title' WHERE w.work_id LIKE 'doi:%'",
    )
    assert sources == [("s2",)]


def test_no_tex_reaches_the_catalogue_on_either_seed_version(
    tmp_path: Path, fake_upstream: FakeUpstream
) -> None:
    fake_upstream.world = seed_world()
    for version, list_file in (("new", None), ("old", SEED_OLD)):
        kwargs = {} if list_file is None else {"list_file": list_file}
        settings = make_settings(
            tmp_path / version,
            base_url=fake_upstream.base_url,
            env={"GITHUB_TOKEN": TOKEN, "S2_API_KEY": S2_KEY},
            **kwargs,
        )
        assert run_refresh(settings, RefreshOptions()).exit_code == 0
        rows = query(settings, "SELECT listed_title, title FROM catalogue WHERE acl_id IS NOT NULL")
        assert rows
        for _, title in rows:
            assert not any(m in title for m in TEX_MARKERS), title
        # The fake serves each ACL paper under the title the list gives (typographic quotes and
        # all, encoded as the Anthology encodes them): every one must come back as written.
        typographic = [(lt, title) for lt, title in rows if any(c in lt for c in "’𝜓")]
        assert typographic, "the seed has titles with typographic characters"
        for listed, title in typographic:
            assert title == listed.replace("𝜓", "ψ")
        bib = settings.releases_dir / "latest" / "catalogue.bib"
        text = bib.read_text(encoding="utf-8")
        assert "Improving {LLMs}’ Empathy" in text and "{'}" not in text


# --- dates with meanings ------------------------------------------------------------------------


def test_a_preprint_of_2023_published_in_2024_has_dates_that_agree(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    settings = settings_for(tmp_path, upstream)
    assert run_refresh(settings, RUN).exit_code == 0
    preprint = upstream.world.arxiv["2305.00450"]  # SMILE, published at EMNLP 2024 (November)
    citations = upstream.world.s2_by_arxiv("2305.00450").citationCount
    ((year, published, first_public, v1, publication_date),) = query(
        settings,
        "SELECT year, published_date, first_public_date, arxiv_first_version_date, "
        "publication_date FROM works WHERE work_id = 'arxiv:2305.00450'",
    )
    assert year == 2024 and published == date(2024, 11, 1)
    assert first_public == v1 == preprint.published.date() and v1.year == 2023
    assert publication_date.year == year  # the row never contradicts itself
    ((per_year, as_of),) = query(
        settings,
        "SELECT citations_per_year, (SELECT as_of FROM stats_as_of) FROM work_stats "
        "WHERE work_id = 'arxiv:2305.00450'",
    )
    # Citable since 2023: the span counts from the first public version, not the venue year.
    assert per_year == round(citations / (as_of.year - 2023 + 1), 2)
    # A preprint never published: its year is its first version's.
    ((year, published, first_public),) = query(
        settings,
        "SELECT year, published_date, first_public_date FROM works "
        "WHERE work_id = 'arxiv:2305.10250'",
    )
    assert published is None and year == first_public.year == 2023


# --- history appended ---------------------------------------------------------------------------


def test_two_refreshes_in_one_day_keep_both_observations(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    settings = settings_for(tmp_path, upstream)
    run_refresh(settings, RUN)
    upstream.world.repo("Emo-gml/PsyLLM").stars += 5
    run_refresh(settings, RefreshOptions(release=False, force=True))
    rows = query(
        settings,
        "SELECT observed_on, value FROM observations WHERE subject_kind = 'repo' "
        "AND subject_id = 'emo-gml/psyllm' AND metric = 'stars' ORDER BY observed_at",
    )
    assert len(rows) == 2 and rows[0][0] == rows[1][0]  # one day, two observations
    assert rows[1][1] == rows[0][1] + 5
    # The day's value is its last one, in the per-day view and in the catalogue.
    assert query(
        settings,
        "SELECT value, observations FROM daily_observations WHERE subject_kind = 'repo' "
        "AND subject_id = 'emo-gml/psyllm' AND metric = 'stars'",
    ) == [(rows[1][1], 2)]
    assert query(
        settings, "SELECT DISTINCT stars FROM catalogue WHERE repo_key = 'emo-gml/psyllm'"
    ) == [(rows[1][1],)]
    # Rebuilt from raw, both observations are there again.
    run_rebuild(settings)
    assert (
        len(
            query(
                settings,
                "SELECT * FROM observations WHERE subject_id = 'emo-gml/psyllm' "
                "AND metric = 'stars'",
            )
        )
        == 2
    )


def _gains_warehouse(days: dict[int, int]) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse with one repository's stars on the given days (day → value),
    day 0 being 2026-10-01."""
    con = duckdb.connect()
    migrate(con)
    for day, value in days.items():
        con.execute(
            "INSERT INTO observations VALUES ('repo', 'a/b', 'stars', DATE '2026-10-01' + ?, ?, "
            "TIMESTAMP '2026-10-01 03:00:00' + to_days(?), 'github', 'raw/x.json')",
            [day, value, day],
        )
    return con


def _gains(con: duckdb.DuckDBPyConnection) -> tuple[object, ...]:
    row = con.execute(
        "SELECT gain_7d, gain_7d_days, gain_30d, gain_30d_days FROM metric_gains"
    ).fetchone()
    assert row is not None
    return tuple(row)


def test_gains_are_against_the_window_start_within_a_tolerance_or_null() -> None:
    # The case: observations on day 7 and day 30 only. A 23-day gain is no 7-day gain,
    # and day 7 is too far from day 0 to stand for it: both NULL.
    assert _gains(_gains_warehouse({7: 100, 30: 160})) == (None, None, None, None)
    # Within tolerance (7 days: ±1, 30 days: ±3): the gain, and the real span it covers.
    assert _gains(_gains_warehouse({2: 90, 7: 100, 22: 140, 30: 160})) == (20, 8, 70, 28)
    # Exactly on the window start; two days as near: the earlier one (the longer span).
    assert _gains(_gains_warehouse({0: 80, 22: 140, 24: 150, 23: 145, 30: 160})) == (15, 7, 80, 30)
    # The newest value must be near "now" too: a subject not seen lately gets no gain.
    con = _gains_warehouse({0: 80, 23: 145, 26: 150})
    con.execute(
        "INSERT INTO observations VALUES ('repo', 'c/d', 'stars', DATE '2026-10-31', 1, "
        "TIMESTAMP '2026-10-31 03:00:00', 'github', 'raw/y.json')"
    )
    assert con.execute(
        "SELECT gain_7d, gain_30d FROM metric_gains WHERE subject_id = 'a/b'"
    ).fetchone() == (None, None)


def test_a_warehouse_of_the_old_schema_migrates_keeping_its_history(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        "applied_at TIMESTAMP NOT NULL)"
    )
    for version, name, sql in migrations():
        if version < 3:  # the schema before this change
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
    # A view of the old code over the table (the migration replaces the table under it).
    con.execute("CREATE VIEW latest_observations AS SELECT * FROM observations")
    con.execute(
        "INSERT INTO observations VALUES "
        "('repo', 'a/b', 'stars', '2026-11-01', 5, '2026-11-01 03:00', 'github', 'raw/1.json'), "
        "('repo', 'a/b', 'stars', '2026-11-02', 7, '2026-11-02 03:00', 'github', 'raw/2.json')"
    )
    con.execute("INSERT INTO works (work_id, title, year) VALUES ('arxiv:1', 'T', 2024)")
    con.close()

    con = duckdb.connect(str(path))
    applied = migrate(con)
    assert any(name.startswith("004_") for name in applied)
    assert con.execute(
        "SELECT observed_on::VARCHAR, value FROM observations ORDER BY observed_at"
    ).fetchall() == [("2026-11-01", 5), ("2026-11-02", 7)]
    # Now a second observation the same day is kept, not refused or merged.
    con.execute(
        "INSERT INTO observations VALUES "
        "('repo', 'a/b', 'stars', '2026-11-02', 9, '2026-11-02 15:00', 'github', 'raw/3.json')"
    )
    assert con.execute("SELECT count(*) FROM observations").fetchone() == (3,)
    assert con.execute("SELECT title, year, first_public_date FROM works").fetchall() == [
        ("T", 2024, None)
    ]
    con.close()


# --- GraphQL → REST -----------------------------------------------------------------------------


def test_a_graphql_outage_is_answered_by_rest(tmp_path: Path, upstream: FakeUpstream) -> None:
    settings = settings_for(tmp_path, upstream)
    run_refresh(settings, RUN)
    upstream.world.repo("Emo-gml/PsyLLM").stars += 7
    upstream.reset_counts()
    upstream.inject("graphql", "502", times=1000)
    summary = run_refresh(settings, RefreshOptions(release=False, force=True))
    assert summary.exit_code == 0, summary.to_text()
    repos = query(
        settings, "SELECT count(DISTINCT repo_key) FROM catalogue WHERE repo_key IS NOT NULL"
    )
    assert upstream.count("github") == repos[0][0]  # one REST request per repository, no more
    assert not summary.sources["github"].stale
    assert query(
        settings,
        "SELECT DISTINCT stars FROM catalogue WHERE repo_key = 'emo-gml/psyllm'",
    ) == [(upstream.world.repo("Emo-gml/PsyLLM").stars,)]


# --- merges with their evidence -----------------------------------------------------------------


def test_every_merge_has_its_evidence_in_a_view_and_in_the_release(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    settings = settings_for(tmp_path, upstream)
    assert run_refresh(settings, RefreshOptions()).exit_code == 0
    smile = query(
        settings,
        "SELECT id_b, evidence, detail, refused, title_score FROM work_merges "
        "WHERE work_id = 'arxiv:2305.00450' AND evidence = 's2_external_ids' ORDER BY id_b",
    )
    paper = upstream.world.s2_by_arxiv("2305.00450").paperId
    assert [(r[0], r[1], r[3]) for r in smile] == [("s2:" + paper, "s2_external_ids", False)] * len(
        smile
    )
    details = {r[2] for r in smile}
    assert f"Semantic Scholar paper {paper} lists ArXiv 2305.00450" in details
    assert f"Semantic Scholar paper {paper} lists ACL 2024.findings-emnlp.34" in details
    assert all(r[4] is not None and r[4] >= 90 for r in smile)  # both sides have one title
    # Every work of several ids is connected by its recorded links: nothing merged unexplained.
    unexplained = query(
        settings,
        """
        WITH ids AS (SELECT work_id, count(*) AS n FROM work_ids GROUP BY work_id HAVING n > 1),
        links AS (SELECT work_id, list(DISTINCT id_a) || list(DISTINCT id_b) AS nodes
                  FROM work_merges WHERE NOT refused GROUP BY work_id)
        SELECT i.work_id FROM ids i
        JOIN work_ids w ON w.work_id = i.work_id
        LEFT JOIN links l ON l.work_id = i.work_id
        WHERE NOT list_contains(coalesce(l.nodes, []), w.id_kind || ':' || w.id_value)
        """,
    )
    assert unexplained == []
    published = query(
        settings,
        "SELECT count(DISTINCT work_id) FROM work_ids WHERE work_id IN "
        "(SELECT work_id FROM work_ids WHERE id_kind = 'acl') AND id_kind = 'arxiv'",
    )
    assert published[0][0] >= 4  # the preprint ↔ published pairs of the seed
    text = (settings.releases_dir / "latest" / "merges.csv").read_text(encoding="utf-8")
    assert text.startswith("work_id,id_a,id_b,evidence,detail,source,refused,title_score\n")
    assert f"Semantic Scholar paper {paper} lists ACL 2024.findings-emnlp.34" in text


def test_config_refuses_and_forces_merges(tmp_path: Path, upstream: FakeUpstream) -> None:
    config = tmp_path / "config"
    settings = settings_for(config, upstream)
    text = settings.config_path.read_text(encoding="utf-8") if settings.config_path else ""
    settings.config_path.write_text(  # type: ignore[union-attr]
        text
        + "merges:\n"
        + "  refuse:\n"
        + "    - [arxiv:2305.00450, 'https://aclanthology.org/2024.findings-emnlp.34/']\n"
        + "  force:\n"
        + "    - [arxiv:2305.10250, arxiv:2309.13567]\n",
        encoding="utf-8",
    )
    settings = load_settings(settings.config_path, env=env_of(settings, upstream))
    assert settings.merges.refuse == (
        ("arxiv:2305.00450", "https://aclanthology.org/2024.findings-emnlp.34/"),
    )
    assert run_refresh(settings, RUN).exit_code == 0
    smile = query(
        settings,
        "SELECT DISTINCT work_id FROM catalogue WHERE listed_title LIKE 'SMILE:%' ORDER BY 1",
    )
    assert smile == [("acl:2024.findings-emnlp.34",), ("arxiv:2305.00450",)]
    refused = query(
        settings, "SELECT id_a, id_b, evidence FROM work_merges WHERE refused ORDER BY ALL"
    )
    assert refused and all(
        r[0].startswith(("arxiv:2305.00450", "acl:2024.findings-emnlp.34", "s2:")) for r in refused
    )
    forced = query(
        settings,
        "SELECT work_id, id_a, id_b, source FROM work_merges WHERE evidence = 'forced'",
    )
    assert forced == [("arxiv:2305.10250", "arxiv:2305.10250", "arxiv:2309.13567", "config")]
    assert query(
        settings,
        "SELECT count(DISTINCT work_id) FROM catalogue "
        "WHERE arxiv_id IN ('2305.10250', '2309.13567') OR work_id = 'arxiv:2305.10250'",
    ) == [(1,)]


def test_bad_merge_config_is_refused_before_anything_runs(tmp_path: Path) -> None:
    for bad in (
        "merges: [a, b]",
        "merges: {refuse: [[a]]}",
        "merges: {force: [[a, a]]}",
        "merges: {other: []}",
    ):
        path = tmp_path / "enrich.yaml"
        path.write_text(bad + "\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="merges"):
            load_settings(path, env={})


def env_of(settings: Settings, upstream: FakeUpstream) -> dict[str, str]:
    """The environment settings_for gives, to load the same settings again from their file."""
    from support import FAST_ENV

    env = {
        **FAST_ENV,
        "ENRICH_DATA_DIR": str(settings.data_dir),
        "GITHUB_TOKEN": TOKEN,
        "S2_API_KEY": S2_KEY,
    }
    for name in ("ARXIV", "S2", "GITHUB_API", "ACL"):
        env[f"ENRICH_{name}_URL"] = upstream.base_url
    return env


# --- wrong links --------------------------------------------------------------------------------

# The list's own wrong links, which the fake serves as they are (two entries share one arXiv id,
# two link a paper of other authors, CAMI links the KMI paper).
SEED_WRONG_LINKS = {
    "Zero-shot Explainable Mental Health Analysis",
    "Mental-LLM",
    "Deep Learning for Suicide and Depression Identification",
    "Retrieval-Enhanced Mental Health Assessment",
    "CAMI",
}


def _flagged(settings: Settings) -> set[str]:
    rows = query(
        settings, "SELECT listed_title FROM flagged_links WHERE problem = 'title_mismatch'"
    )
    return {str(r[0]) for r in rows}


def _seed_prefix(title: str) -> str:
    return next((p for p in SEED_WRONG_LINKS if title.startswith(p)), title)


def test_no_false_wrong_links_on_either_seed_version(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    for version, list_file in (("new", SEED), ("old", SEED_OLD)):
        settings = make_settings(
            tmp_path / version,
            base_url=upstream.base_url,
            env={"GITHUB_TOKEN": TOKEN, "S2_API_KEY": S2_KEY},
            list_file=list_file,
        )
        run_refresh(settings, RUN)
        assert {_seed_prefix(t) for t in _flagged(settings)} == SEED_WRONG_LINKS, version
        detail = query(
            settings,
            "SELECT detail FROM flagged_links WHERE problem = 'title_mismatch' "
            "AND listed_title LIKE 'CAMI:%'",
        )[0][0]
        assert "title likeness" in detail and "only in the list: cami" in detail


def test_wrong_links_sharing_only_generic_phrases_are_caught(
    tmp_path: Path, fake_upstream: FakeUpstream
) -> None:
    world = seed_world()
    resolved = resolve_entries(parse_list("mh", SEED.read_bytes()).entries)
    titles = [r.entry.listed_title for r in resolved]
    df: Counter[str] = Counter()
    for title in titles:
        df.update({w.lower() for w in re.findall(r"\w+", title)})
    common = {w for w, n in df.items() if n >= 8}  # "large", "language", "models", "mental", …
    linked: Counter[str] = Counter(
        f"{rl.cid.kind}:{rl.cid.value}" for r in resolved for rl in r.links
    )
    wrong: dict[str, tuple[str, str]] = {}  # listed title → (listed, what the link now is)
    for r in resolved:
        ids = [rl.cid for rl in r.links if rl.cid.kind in ("arxiv", "acl")]
        if len(ids) != 1 or linked[f"{ids[0].kind}:{ids[0].value}"] != 1 or len(wrong) >= 60:
            continue
        listed = r.entry.listed_title
        if _seed_prefix(listed) in SEED_WRONG_LINKS or titles.count(listed) > 1:
            continue
        sibling = generic_sibling(listed, common, ids[0].value)
        kept = sum(1 for w in re.findall(r"\w+", listed) if w.lower() in common)
        swapped = sum(1 for x, y in zip(listed.split(), sibling.split(), strict=True) if x != y)
        # Another paper: at least a fifth of its words (two or more) differ; three generic
        # words or more are shared.
        if swapped < max(2, len(listed.split()) / 5) or kept < 3:
            continue
        cid = ids[0]
        if cid.kind == "arxiv" and cid.value in world.arxiv:
            world.arxiv[cid.value].title = sibling
            world.s2_by_arxiv(cid.value).title = sibling
        elif cid.kind == "acl" and cid.value in world.acl:
            world.acl[cid.value].fields["title"] = sibling
            world.s2_by_acl(cid.value).title = sibling
        else:
            continue
        wrong[listed] = (listed, sibling)
    assert len(wrong) >= 30
    # Generic: by plain word overlap most of them look like the paper the list names.
    looked_right = [t for t, (a, b) in wrong.items() if title_similarity(a, b) >= 60]
    assert len(looked_right) >= 10, len(looked_right)

    fake_upstream.world = world
    settings = settings_for(tmp_path, fake_upstream)
    run_refresh(settings, RUN)
    flagged = _flagged(settings)
    assert set(wrong) <= flagged  # every one caught …
    assert {_seed_prefix(t) for t in flagged - set(wrong)} == SEED_WRONG_LINKS  # … and no other


def test_year_and_authors_weigh_in_when_the_title_is_doubtful() -> None:
    weights = TitleWeights(
        [
            "Counseling Dialogue Generation with Large Language Models",
            "Empathy Detection with Large Language Models",
            "Large Language Models for Mental Health",
            "Suicide Risk with Large Language Models",
        ]
    )
    entry: dict[str, object] = {
        "listed_title": "Counseling Dialogue Generation with Large Language Models",
        "fetched_title": "Counseling Agents: Risk Generation via Large Language Models",
        "listed_year": 2024,
        "first_year": 2023,
        "work_year": 2024,
        "arxiv_authors": ["Ana Li", "Wei Zhang"],
        "acl_authors": ["Wei Zhang", "Ana Li"],
        "s2_authors": [],
    }
    score = weights.compare(str(entry["listed_title"]), str(entry["fetched_title"])).score
    assert MISMATCH_SCORE <= score < DOUBTFUL_SCORE  # a doubtful title, alone not enough
    assert wrong_link(entry, weights) is None
    found = wrong_link({**entry, "listed_year": 2019}, weights)
    assert found is not None and "listed year 2019, the paper is of 2023–2024" in found[0]
    found = wrong_link({**entry, "acl_authors": ["Jonas Berg"]}, weights)
    assert found is not None and "the ACL Anthology and arXiv records share no author" in found[0]
    assert year_evidence(2022, 2023, 2024) is None  # a year's slip either way is no evidence
    assert author_evidence({"arXiv": ["A. Smith"], "Semantic Scholar": []}) is None
