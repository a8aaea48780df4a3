"""The whole refresh of the seed list against the fake upstream: cold, warm, faults one by one,
offline, secrets, rebuild. The real clients talk to a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import logging
import math
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from enrich.config import Settings
from enrich.ids import acl_volume_id
from enrich.parse import parse_list
from enrich.pipeline import RefreshOptions, run_rebuild, run_refresh
from enrich.resolve import resolve_entries
from enrich.warehouse import open_reader

from fake_upstream import FakeUpstream, FakeWorld, S2Author, S2Record
from support import SEED, make_settings

TOKEN = "ghp_" + "PLANTEDTOKEN" + "0" * 24  # fake, planted to prove it never leaks
S2_KEY = "s2-PLANTED-KEY-000000000000000000000"
# Preprints of the seed that were published in the ACL Anthology (from the papers' own pages).
PUBLISHED_AS = [
    ("2305.00450", "2024.findings-emnlp.34"),
    ("2507.20241", "2025.emnlp-main.1245"),
    ("2403.14255", "2024.clinicalnlp-1.25"),
    ("2409.20243", "2024.emnlp-main.264"),
    ("2106.01144", "2021.acl-long.269"),
    ("2407.03103", "2024.findings-emnlp.832"),
]
RUN = RefreshOptions(release=False)


def seed_ids() -> tuple[dict[str, list[str]], dict[str, str]]:
    resolved = resolve_entries(parse_list("mh", SEED.read_bytes()).entries)
    ids: dict[str, list[str]] = {"arxiv": [], "acl": [], "github": [], "doi": []}
    titles: dict[str, str] = {}
    for entry in resolved:
        for rl in entry.links:
            kind = "arxiv" if rl.cid.kind == "hf_paper" else rl.cid.kind
            if kind in ids and rl.cid.value not in ids[kind]:
                ids[kind].append(rl.cid.value)
                # The fake serves the title the list gives, so only wrong links look wrong.
                titles.setdefault(rl.cid.value, entry.entry.listed_title)
    return ids, titles


def seed_world() -> FakeWorld:
    ids, titles = seed_ids()
    world = FakeWorld.synthetic(
        arxiv_ids=ids["arxiv"],
        acl_ids=ids["acl"],
        repos=ids["github"],
        titles=titles,
        links=PUBLISHED_AS,
    )
    for i, doi in enumerate(ids["doi"]):  # papers known to S2 by DOI only
        world.add_s2(
            S2Record(
                paperId=f"doi{i:04d}" + "0" * 32,
                corpusId=900000 + i,
                externalIds={"DOI": doi.upper(), "CorpusId": 900000 + i},
                title=titles[doi],
                year=2022,
                venue="Journal",
                authors=[S2Author("111", "Ada Lovelace"), S2Author("222", "Alan Turing")],
                citationCount=10 + i,
            )
        )
    return world


@pytest.fixture
def upstream(fake_upstream: FakeUpstream) -> FakeUpstream:
    fake_upstream.world = seed_world()
    return fake_upstream


def settings_for(tmp_path: Path, upstream: FakeUpstream, **env: str) -> Settings:
    return make_settings(
        tmp_path,
        base_url=upstream.base_url,
        env={"GITHUB_TOKEN": TOKEN, "S2_API_KEY": S2_KEY, **env},
    )


def query(settings: Settings, sql: str) -> list[tuple[object, ...]]:
    with open_reader(settings) as con:
        return con.execute(sql).fetchall()


def test_cold_refresh_fills_the_catalogue_in_few_requests(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    settings = settings_for(tmp_path, upstream)
    summary = run_refresh(settings, RUN)
    assert summary.exit_code == 0, summary.to_text()
    ids, _ = seed_ids()
    # Batching: ≤1 arXiv request per 100 ids, 1 S2 request per 500, 1 GraphQL per 100 repos,
    # at most one ACL request per paper or volume.
    assert upstream.count("arxiv") == math.ceil(len(ids["arxiv"]) / 100)
    assert upstream.count("s2") == math.ceil(summary.sources["s2"].asked / 500) == 1
    assert upstream.count("graphql") == math.ceil(len(ids["github"]) / 100) == 1
    assert upstream.count("github") == 0  # with a token, no REST
    volumes = {acl_volume_id(a) for a in ids["acl"]}
    assert upstream.count("acl") <= len(volumes)
    assert summary.sources["arxiv"].requests == upstream.count("arxiv")

    missing = query(
        settings,
        """
        SELECT listed_title, arxiv_id, acl_id FROM catalogue
        WHERE (arxiv_id IS NOT NULL OR acl_id IS NOT NULL)
          AND (len(coalesce(authors, [])) = 0 OR abstract IS NULL OR citation_count IS NULL)
    """,
    )
    assert missing == []
    no_stars = query(
        settings,
        "SELECT github_repo FROM catalogue WHERE github_repo IS NOT NULL AND stars IS NULL",
    )
    assert no_stars == []
    assert query(
        settings,
        "SELECT count(*) FROM catalogue WHERE doi IS NOT NULL "
        "AND work_id LIKE 'doi:%' AND citation_count IS NULL",
    ) == [(0,)]
    # A preprint and its published version are one work: the SMILE entries point at one work.
    smile = query(
        settings,
        "SELECT count(DISTINCT work_id), min(acl_id), min(arxiv_id) "
        "FROM catalogue WHERE listed_title LIKE 'SMILE:%'",
    )
    assert smile == [(1, "2024.findings-emnlp.34", "2305.00450")]
    # Bibliographic fields come from the Anthology for published papers, with provenance.
    assert query(
        settings,
        "SELECT source FROM field_provenance "
        "WHERE work_id = 'arxiv:2305.00450' AND field = 'venue'",
    ) == [("acl",)]


def test_second_refresh_asks_nothing_of_arxiv_or_the_anthology(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    settings = settings_for(tmp_path, upstream)
    run_refresh(settings, RUN)
    upstream.reset_counts()
    summary = run_refresh(settings, RUN)
    assert upstream.count("arxiv") == 0 and upstream.count("acl") == 0
    # Counts are 1 day old at most: fresh too, nothing asked at all.
    assert upstream.count() == 0
    assert summary.sources["arxiv"].skipped_fresh == summary.sources["arxiv"].wanted
    forced = run_refresh(
        settings, RefreshOptions(release=False, force=True, only=frozenset({"s2"}))
    )
    assert forced.sources["s2"].asked == forced.sources["s2"].wanted
    assert upstream.count("s2") == 1 and upstream.count("arxiv") == 0


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeUpstream, Path]]:
    """A fake upstream serving the seed world, and a data directory after a cold refresh of the
    seed from it, for the module."""
    with FakeUpstream(seed_world()) as fake:
        root = tmp_path_factory.mktemp("seeded")
        run_refresh(settings_for(root, fake), RUN)
        yield fake, root / "data"


@pytest.fixture
def refreshed_upstream(
    seeded: tuple[FakeUpstream, Path], tmp_path: Path
) -> Iterator[FakeUpstream]:
    """`tmp_path/data` as a cold refresh of the seed left it, and the upstream it came from
    (fresh counts and budgets, no fault; none left behind): a copy, not the same refresh again
    in each test."""
    fake, data = seeded
    shutil.copytree(data, tmp_path / "data")
    fake.reset_counts()
    fake.reset_budgets()
    yield fake
    fake.clear_faults()


@pytest.mark.parametrize(
    ("service", "fault", "source"),
    [
        ("arxiv", "500", "arxiv"),
        ("arxiv", "html", "arxiv"),
        ("arxiv", "truncated", "arxiv"),
        ("s2", "503", "s2"),
        ("s2", "html", "s2"),
        ("s2", "truncated", "s2"),
        ("s2", "timeout", "s2"),
        ("graphql", "502", "github"),
        ("graphql", "rate_limit", "github"),
        ("acl", "503", "acl"),
        ("acl", "html", "acl"),
        ("s2", "429", "s2"),  # Retry-After beyond the wait budget: not waited for, retry_at set
        ("arxiv", "timeout", "arxiv"),
        ("github", "500", "github"),  # REST, when GraphQL is not used (no token): see below
    ],
)
def test_each_fault_is_recorded_and_no_good_value_is_lost(
    tmp_path: Path, refreshed_upstream: FakeUpstream, service: str, fault: str, source: str
) -> None:
    upstream = refreshed_upstream
    # A held answer outlasts the read timeout whatever it is: a short one proves the same.
    settings = settings_for(tmp_path, upstream, ENRICH_TIMEOUT="1" if fault == "timeout" else "3")
    before = query(
        settings,
        "SELECT entry_id, title, authors, citation_count, stars FROM catalogue ORDER BY entry_id",
    )
    assert len(before) == 186
    upstream.inject(service, fault, times=1000, seconds=4, retry_after=600)
    if service == "github":  # the REST path: no token
        settings = make_settings(tmp_path, base_url=upstream.base_url, env={"S2_API_KEY": S2_KEY})
    if service == "graphql":  # GraphQL down falls back to REST: down too, for this test
        upstream.inject("github", fault, times=1000)
    summary = run_refresh(settings, RefreshOptions(release=False, force=True))
    report = summary.sources[source]
    # What the summary says it asked is what the service received, retries included.
    received = upstream.count(service) + (upstream.count("github") if service == "graphql" else 0)
    assert report.requests == received, (report.requests, received)
    assert summary.exit_code == 3 and summary.state == "stale", summary.to_text()
    assert report.stale and report.failed == report.asked > 0
    if fault in ("429", "rate_limit"):
        assert report.rate_limit_reset, report  # the summary says when to come back
    assert source in summary.to_text().split("stale:")[-1]
    after = query(
        settings,
        "SELECT entry_id, title, authors, citation_count, stars FROM catalogue ORDER BY entry_id",
    )
    assert after == before  # previous good values kept, nothing replaced by NULL
    statuses = query(
        settings, f"SELECT DISTINCT status FROM fetch_status WHERE source = '{source}'"
    )
    assert statuses == [("error",)]  # a fault is never "not found"
    for other, rep in summary.sources.items():
        if other != source:
            assert not rep.stale, (other, rep)


def test_unreachable_network_finishes_in_seconds_and_keeps_values(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)  # every source at a refused port
    started = time.monotonic()
    summary = run_refresh(settings, RUN)
    elapsed = time.monotonic() - started
    assert elapsed < 10
    assert summary.exit_code == 3
    assert set(summary.stale_sources) == {"arxiv", "acl", "s2", "github"}
    assert all(s.unreachable for s in summary.sources.values())
    assert summary.lists[0].entries == 186
    assert "unreachable" in summary.to_text()


def test_no_secret_reaches_data_logs_or_the_warehouse(
    tmp_path: Path, upstream: FakeUpstream, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(tmp_path, upstream)
    caplog.set_level(logging.DEBUG)  # every library's debug logging, urllib3 and httpx included
    summary = run_refresh(settings, RUN)
    assert caplog.records  # something was logged, and none of it holds a secret
    for text in (caplog.text, summary.to_text(), summary.to_markdown(), repr(settings)):
        assert TOKEN not in text and S2_KEY not in text
    assert upstream.headers_seen("s2", "x-api-key") == [S2_KEY]
    assert any(TOKEN in h for h in upstream.headers_seen("graphql", "authorization"))
    for path in settings.data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert TOKEN.encode() not in data and S2_KEY.encode() not in data, path


def test_rebuild_from_raw_gives_the_same_catalogue(tmp_path: Path, upstream: FakeUpstream) -> None:
    settings = settings_for(tmp_path, upstream)
    run_refresh(settings, RUN)
    upstream.world.s2_by_arxiv("2305.10250").citationCount += 7
    run_refresh(settings, RefreshOptions(release=False, force=True))
    sql = "SELECT * EXCLUDE (list_sha256) FROM catalogue ORDER BY entry_id"
    before = query(settings, sql)
    upstream.stop()
    settings.warehouse_path.unlink()
    run_rebuild(settings)
    assert query(settings, sql) == before


def test_flagged_link_problems_of_the_seed(tmp_path: Path, upstream: FakeUpstream) -> None:
    settings = settings_for(tmp_path, upstream)
    run_refresh(settings, RUN)
    flagged = query(settings, "SELECT listed_title, problem, detail FROM flagged_links")
    by_problem: dict[str, set[str]] = {}
    for title, problem, _ in flagged:
        by_problem.setdefault(str(problem), set()).add(str(title).split(":")[0])
    # Two entries linking one arXiv id (2508.10848); a code link to another paper's repository;
    # the same paper listed twice; a wrong ACL link (CAMI → the KMI paper).
    assert {
        "Zero-shot Explainable Mental Health Analysis on Social Media by Incorporating "
        "Mental Scales",
        "Mental-LLM",
    } <= by_problem["duplicate_id"]
    assert {"Spiritual-LLM ", "KMI"} <= by_problem["shared_repository"]
    assert {
        "PsyLite Technical Report",
        "Development and Evaluation of HopeBot",
        "MADP",
    } <= by_problem["listed_twice"]
    # ERD and "Reframe Your Life Story" are listed once via arXiv and once via the Anthology:
    # Semantic Scholar joins the preprint and the published paper, so they are one work too.
    assert {"ERD", "Reframe Your Life Story"} <= by_problem["listed_twice"]
    assert "CAMI" in by_problem["title_mismatch"]


def test_a_repository_renamed_upstream_is_recorded(tmp_path: Path, upstream: FakeUpstream) -> None:
    settings = settings_for(tmp_path, upstream)
    upstream.world.rename_repo("qiuhuachuan/smile", "qiuhuachuan/smile-dataset")
    run_refresh(settings, RUN)
    assert query(
        settings,
        "SELECT full_name, renamed_to FROM repositories WHERE repo_key = 'qiuhuachuan/smile'",
    ) == [("qiuhuachuan/smile-dataset", "qiuhuachuan/smile-dataset")]


def test_without_a_token_github_uses_rest_etags_and_respects_the_budget(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    settings = make_settings(tmp_path, base_url=upstream.base_url)
    only_github = RefreshOptions(release=False, only=frozenset({"github"}))
    first = run_refresh(settings, only_github)
    # 64 repositories, 60 requests an hour without a token: GitHub is asked 60 times, then the
    # run stops asking, keeps the rest stale and says when the budget resets.
    report = first.sources["github"]
    assert upstream.count("github") == 60 and upstream.count("graphql") == 0
    assert (report.ok, report.failed, report.stale) == (60, 4, True)
    assert report.rate_limit_reset and first.exit_code == 3
    assert "rate limit" in " ".join(report.errors)

    upstream.reset_budgets()
    upstream.reset_counts()
    second = run_refresh(settings, only_github)  # only the 4 stale ones are asked
    assert upstream.count("github") == 4 and second.exit_code == 0

    upstream.reset_counts()
    forced = run_refresh(
        settings, RefreshOptions(release=False, force=True, only=frozenset({"github"}))
    )
    assert forced.sources["github"].not_modified == 64 and forced.exit_code == 0
    # A 304 carries the last values forward: stars are still there.
    assert query(
        settings, "SELECT count(*) FROM catalogue WHERE github_repo IS NOT NULL AND stars IS NULL"
    ) == [(0,)]


def test_observations_are_appended_per_day(tmp_path: Path, upstream: FakeUpstream) -> None:
    settings = settings_for(tmp_path, upstream)
    run_refresh(settings, RUN)
    with duckdb.connect(str(settings.warehouse_path)) as con:  # pretend the first run was a day ago
        con.execute(
            "UPDATE observations SET observed_on = observed_on - 1, "
            "observed_at = observed_at - INTERVAL 1 DAY"
        )
    upstream.world.repo("Emo-gml/PsyLLM").stars += 5
    run_refresh(settings, RefreshOptions(release=False, force=True))
    rows = query(
        settings,
        "SELECT value FROM observations WHERE subject_kind = 'repo' "
        "AND subject_id = 'emo-gml/psyllm' AND metric = 'stars' "
        "ORDER BY observed_on",
    )
    assert len(rows) == 2 and rows[1][0] == rows[0][0] + 5


def test_a_failing_service_is_given_up_on_after_three_errors_in_a_row(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    settings = settings_for(tmp_path, upstream)
    upstream.inject("acl", "503", times=1000)
    summary = run_refresh(settings, RUN)
    report = summary.sources["acl"]
    # 3 requests, each tried twice (ENRICH_MAX_RETRIES=1), then the rest are not asked.
    assert upstream.count("acl") == 6 and report.requests == 6
    assert report.failed == report.asked == 55
    assert "3 requests in a row" in (report.unreachable or "")


def test_a_paper_added_later_is_read_from_its_stored_volume_not_asked(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    # A published volume holds all its papers, listed or not: .999 is in 2024.emnlp-main's file.
    upstream.world.acl.update(FakeWorld.synthetic(acl_ids=["2024.emnlp-main.999"]).acl)
    settings = settings_for(tmp_path, upstream)
    run_refresh(settings, RUN)
    # The list gains a paper of a volume already fetched.
    listed = (tmp_path / "list.md").read_text(encoding="utf-8")
    (tmp_path / "list.md").write_text(
        listed + "\n## 9. Later\n- (*EMNLP'24*) A Later Paper "
        "[[Paper](https://aclanthology.org/2024.emnlp-main.999/)]\n",
        encoding="utf-8",
    )
    upstream.reset_counts()
    summary = run_refresh(settings, RefreshOptions(release=False, only=frozenset({"acl"})))
    assert upstream.count("acl") == 0 and summary.exit_code == 0
    assert query(
        settings,
        "SELECT title IS NOT NULL, len(authors) > 0 FROM catalogue "
        "WHERE acl_id = '2024.emnlp-main.999'",
    ) == [(True, True)]
