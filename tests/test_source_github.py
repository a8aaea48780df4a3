"""enrich.sources.github against the fake GitHub REST and GraphQL APIs on 127.0.0.1, and its parser.

The recorded answers in tests/fixtures/upstream/github/ are real REST answers (a repository, a
404) and a real GraphQL NOT_FOUND error.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from enrich.config import load_settings
from enrich.http import RunStats, build_session
from enrich.rawstore import RawResponse, read_response, save_response
from enrich.sources import github
from enrich.sources.base import ERROR, NOT_FOUND, OK, FetchContext, FetchOutcome, Parsed

from fake_upstream import FakeUpstream, FakeWorld

UPSTREAM = Path(__file__).parent / "fixtures" / "upstream" / "github"
MIGRATION = (
    Path(__file__).parents[1] / "src" / "enrich" / "warehouse" / "migrations" / "001_core.sql"
)
PLANTED_TOKEN = "ghp_" + "PLANTEDTOKEN" + "0" * 16  # fake, planted to prove it never leaks
REPOS = ["Alpha/One", "beta/two", "Gamma/Three", "delta/four", "Eps/Five"]
KEYS = [r.lower() for r in REPOS]

MakeCtx = Callable[..., FetchContext]


@pytest.fixture
def make_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeCtx:
    """A FetchContext for GitHub at `base_url`: no pacing, short timeouts, one retry."""
    monkeypatch.chdir(tmp_path)  # no ./enrich.yaml, no ./.env
    monkeypatch.delenv("ENRICH_CONFIG", raising=False)

    def make(base_url: str, state: dict[str, object] | None = None, **env: str) -> FetchContext:
        settings = load_settings(
            config=None,
            env={
                "ENRICH_GITHUB_API_URL": base_url,
                "ENRICH_DATA_DIR": str(tmp_path / "data"),
                "ENRICH_GITHUB_PACE": "0",
                "ENRICH_TIMEOUT": "1",
                "ENRICH_CONNECT_TIMEOUT": "1",
                "ENRICH_MAX_RETRIES": "1",
                "ENRICH_MAX_RETRY_WAIT": "5",
                **env,
            },
        )
        stats = RunStats()
        config = settings.sources["github"]
        session = build_session(settings, config, stats)
        return FetchContext(settings, config, session, stats, state or {})

    return make


@pytest.fixture
def world() -> FakeWorld:
    built = FakeWorld.synthetic(repos=[*REPOS, "Old/Name"])
    built.rename_repo("Old/Name", "New/Name")
    return built


def parse_all(outcome: FetchOutcome) -> Parsed:
    """Every saved answer parsed, merged the way a loader would, plus the items never asked."""
    merged = Parsed()
    for path in outcome.raw_paths:
        parsed = github.parse(read_response(path))
        for table, rows in parsed.rows.items():
            merged.rows.setdefault(table, []).extend(rows)
        merged.statuses.update(parsed.statuses)
    merged.statuses.update(outcome.failed)
    return merged


def repo_rows(parsed: Parsed) -> dict[str, dict[str, object]]:
    return {str(row["repo_key"]): row for row in parsed.rows.get("repositories", [])}


def table_columns(table: str) -> set[str]:
    sql = MIGRATION.read_text(encoding="utf-8")
    block = re.search(rf"CREATE TABLE {table} \((.*?)\n\);", sql, re.S)
    assert block is not None, table
    return {
        m[1] for line in block[1].splitlines() if (m := re.match(r"\s+([a-z0-9_]+)\s+[A-Z]", line))
    }


def saved(tmp_path: Path, kind: str, status: int, body: bytes, **meta: object) -> RawResponse:
    path = save_response(
        tmp_path / "raw",
        source="github",
        kind=kind,
        method="GET",
        url="http://127.0.0.1:1/x",
        status=status,
        headers={"Content-Type": "application/json; charset=utf-8"},
        body=body,
        meta=meta,
    )
    return read_response(path)


def token_ctx(fake: FakeUpstream, make_ctx: MakeCtx) -> FetchContext:
    fake.github_token = PLANTED_TOKEN
    return make_ctx(fake.base_url, GITHUB_TOKEN=PLANTED_TOKEN)


# --- GraphQL (with a token) ---------------------------------------------------------------------


def test_250_repositories_make_three_graphql_queries(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx, tmp_path: Path
) -> None:
    names = [f"Owner{i % 7}/repo-{i}" for i in range(250)]
    fake_upstream.world = FakeWorld.synthetic(repos=names)
    ctx = token_ctx(fake_upstream, make_ctx)
    done: list[int] = []
    ctx.progress = done.append

    outcome = github.fetch([n.lower() for n in names], ctx)

    queries = fake_upstream.requests_for("graphql")
    assert len(queries) == 3 and fake_upstream.count("github") == 0
    blocks = [len(re.findall(r"\brepository\(", q.json()["query"])) for q in queries]
    assert blocks == [100, 100, 50]
    assert fake_upstream.headers_seen("graphql", "authorization") == [f"bearer {PLANTED_TOKEN}"] * 3
    assert sum(done) == 250
    parsed = parse_all(outcome)
    assert {v.status for v in parsed.statuses.values()} == {OK} and len(parsed.statuses) == 250
    rows = repo_rows(parsed)
    repo = fake_upstream.world.repo(names[17])
    row = rows[names[17].lower()]
    assert row["full_name"] == names[17] and row["renamed_to"] is None
    assert row["watchers"] == repo.watchers and row["open_issues"] == repo.open_issues
    assert row["topics"] == repo.topics and row["license"] == repo.license_spdx
    assert "etag" not in row  # GraphQL has none: a stored REST ETag is left alone
    assert len(parsed.rows["observations"]) == 250 * 4
    # The token travels in a header only, and is never written anywhere.
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files and not [p for p in files if PLANTED_TOKEN.encode() in p.read_bytes()]


def test_graphql_not_found_and_rename(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    outcome = github.fetch(
        ["alpha/one", "old/name", "gone/away"], token_ctx(fake_upstream, make_ctx)
    )
    parsed = parse_all(outcome)
    assert parsed.statuses["alpha/one"].status == OK
    assert parsed.statuses["old/name"].status == OK
    assert parsed.statuses["gone/away"].status == NOT_FOUND
    assert "Could not resolve" in (parsed.statuses["gone/away"].message or "")
    rows = repo_rows(parsed)
    assert rows["old/name"]["full_name"] == "New/Name"
    assert rows["old/name"]["renamed_to"] == "New/Name"
    assert rows["alpha/one"]["renamed_to"] is None  # a case difference is not a rename
    assert set(rows["gone/away"]) == {"repo_key", "status", "fetched_at", "raw_path"}
    assert rows["gone/away"]["status"] == "not_found"
    observed = {o["subject_id"] for o in parsed.rows["observations"]}
    assert observed == {"alpha/one", "old/name"}


def test_graphql_rate_limited_stops_the_run(fake_upstream: FakeUpstream, make_ctx: MakeCtx) -> None:
    names = [f"o/r{i}" for i in range(250)]
    fake_upstream.world = FakeWorld.synthetic(repos=names)
    ctx = token_ctx(fake_upstream, make_ctx)
    fake_upstream.budgets["graphql"].remaining = 1  # the first query passes, the second not

    outcome = github.fetch(names, ctx)

    assert fake_upstream.count("graphql") == 2  # the third is not sent
    parsed = parse_all(outcome)
    assert all(parsed.statuses[n].status == OK for n in names[:100])
    assert {parsed.statuses[n].status for n in names[100:]} == {ERROR}
    assert b"RATE_LIMITED" in read_response(outcome.raw_paths[1]).body  # saved, HTTP 200
    assert "rate limit exhausted, resets at" in (parsed.statuses[names[150]].message or "")
    assert "not asked" in (parsed.statuses[names[249]].message or "")
    assert set(repo_rows(parsed)) == set(names[:100])  # no rows for the rest: old values stay
    reset = fake_upstream.budgets["graphql"].reset_at
    assert outcome.retry_at == datetime.fromtimestamp(int(reset), UTC).isoformat()


def test_graphql_server_error_is_an_error_not_not_found(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    fake_upstream.inject("graphql", "502", times=5)
    fake_upstream.inject("github", "502", times=5)  # REST is down as well
    outcome = github.fetch(["alpha/one", "gone/away"], token_ctx(fake_upstream, make_ctx))
    parsed = parse_all(outcome)
    assert {v.status for v in parsed.statuses.values()} == {ERROR}
    assert not parsed.rows and outcome.errors and outcome.retry_at is None


@pytest.mark.parametrize("fault", ["502", "html", "truncated"])
def test_a_batch_graphql_cannot_answer_is_asked_by_rest(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx, fault: str
) -> None:
    names = [f"o/r{i}" for i in range(150)]
    fake_upstream.world = FakeWorld.synthetic(repos=names[:149])  # o/r149 does not exist
    # The first batch only (a 5xx is retried once here: both tries fail); the second is fine.
    tries = 2 if fault == "502" else 1
    fake_upstream.inject("graphql", fault, times=tries)
    outcome = github.fetch(names, token_ctx(fake_upstream, make_ctx))

    assert fake_upstream.count("graphql") == tries + 1
    rest = fake_upstream.requests_for("github")
    assert [r.path for r in rest] == [f"/repos/o/r{i}" for i in range(100)]
    assert {r.headers.get("authorization") for r in rest} == {f"token {PLANTED_TOKEN}"}
    parsed = parse_all(outcome)
    assert all(parsed.statuses[n].status == OK for n in names[:149])
    assert parsed.statuses["o/r149"].status == NOT_FOUND
    assert set(repo_rows(parsed)) == set(names)
    assert not outcome.failed
    assert any("asked REST instead" in e for e in outcome.errors)


def test_the_rest_fallback_keeps_within_the_rest_budget(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    names = [f"o/r{i}" for i in range(10)]
    fake_upstream.world = FakeWorld.synthetic(repos=names)
    fake_upstream.inject("graphql", "503", times=2)  # the try and its retry
    fake_upstream.budgets["core"].remaining = 4
    outcome = github.fetch(names, token_ctx(fake_upstream, make_ctx))

    assert fake_upstream.count("github") == 4  # not one request beyond the budget
    parsed = parse_all(outcome)
    assert [parsed.statuses[n].status for n in names] == [OK] * 4 + [ERROR] * 6
    assert "rate limit exhausted" in (parsed.statuses["o/r9"].message or "")
    assert outcome.retry_at is not None


def test_invalid_names_are_not_asked(fake_upstream: FakeUpstream, make_ctx: MakeCtx) -> None:
    evil = ['a/b") { x } #', "a/b/c", "noslash", "a/..", "ow ner/x"]
    outcome = github.fetch(evil, token_ctx(fake_upstream, make_ctx))
    assert fake_upstream.count() == 0
    assert {k: v.status for k, v in outcome.failed.items()} == dict.fromkeys(evil, NOT_FOUND)
    with pytest.raises(ValueError):
        github.graphql_query({"r0": 'a/b"'})
    query = github.graphql_query({"r0": "my.org/some_repo-1"})
    assert 'r0: repository(owner: "my.org", name: "some_repo-1")' in query


# --- REST (no token) ----------------------------------------------------------------------------


def test_rest_asks_one_by_one_then_etags_make_free_304s(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    outcome = github.fetch(KEYS, make_ctx(fake_upstream.base_url))
    assert fake_upstream.count("github") == len(KEYS) and fake_upstream.count("graphql") == 0
    assert all("authorization" not in r.headers for r in fake_upstream.requests)
    parsed = parse_all(outcome)
    assert {parsed.statuses[k].status for k in KEYS} == {OK}
    rows = repo_rows(parsed)
    for table in ("repositories", "observations"):
        for row in parsed.rows[table]:
            assert set(row) == table_columns(table), table
    repo = world.repo("Gamma/Three")
    row = rows["gamma/three"]
    raw = read_response(outcome.raw_paths[2])
    assert row["full_name"] == "Gamma/Three" and row["status"] == "ok"
    assert row["watchers"] == repo.watchers  # subscribers, not watchers_count (stars)
    assert row["open_issues"] == repo.open_issues + repo.open_prs  # REST counts PRs in
    assert row["etag"] == raw.headers["etag"]
    assert row["pushed_at"] == datetime.fromisoformat(repo.pushed_at.replace("Z", ""))
    assert row["fetched_at"] == raw.fetched_at.astimezone(UTC).replace(tzinfo=None)
    stars = {(o["subject_id"], o["metric"]): o["value"] for o in parsed.rows["observations"]}
    assert stars[("gamma/three", "stars")] == repo.stars
    assert stars[("gamma/three", "watchers")] == repo.watchers

    etags = {key: row["etag"] for key, row in rows.items()}
    remaining = fake_upstream.budgets["core_anon"].remaining
    fake_upstream.reset_counts()
    second = github.fetch(KEYS, make_ctx(fake_upstream.base_url, state={"etags": etags}))

    assert fake_upstream.budgets["core_anon"].remaining == remaining  # 304s are free
    seen = fake_upstream.requests_for("github")
    assert [r.status for r in seen] == [304] * len(KEYS)
    assert [r.headers["if-none-match"] for r in seen] == [etags[k] for k in KEYS]
    again = parse_all(second)
    assert {again.statuses[k].status for k in KEYS} == {OK}
    assert "repositories" not in again.rows and "observations" not in again.rows
    carried = {r["repo_key"]: r for r in again.rows["_repo_not_modified"]}
    assert set(carried) == set(KEYS)
    assert carried["beta/two"]["etag"] == etags["beta/two"]
    assert set(carried["beta/two"]) == {"repo_key", "observed_at", "raw_path", "etag"}


def test_rest_rename_and_not_found(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    outcome = github.fetch(["old/name", "gone/away"], make_ctx(fake_upstream.base_url))
    assert [r.status for r in fake_upstream.requests_for("github")] == [301, 200, 404]
    parsed = parse_all(outcome)
    rows = repo_rows(parsed)
    assert parsed.statuses["old/name"].status == OK
    assert rows["old/name"]["full_name"] == "New/Name"
    assert rows["old/name"]["renamed_to"] == "New/Name"
    assert read_response(outcome.raw_paths[0]).meta["redirects"][0]["status"] == 301
    assert parsed.statuses["gone/away"].status == NOT_FOUND
    assert rows["gone/away"]["status"] == "not_found"
    assert set(rows["gone/away"]) == {"repo_key", "status", "fetched_at", "raw_path"}


def test_rest_budget_exhausted_mid_run(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    fake_upstream.budgets["core_anon"].remaining = 2
    outcome = github.fetch(KEYS, make_ctx(fake_upstream.base_url))

    assert fake_upstream.count("github") == 2  # the third is not sent: remaining was 0
    parsed = parse_all(outcome)
    assert [parsed.statuses[k].status for k in KEYS] == [OK, OK, ERROR, ERROR, ERROR]
    reset = datetime.fromtimestamp(int(fake_upstream.budgets["core_anon"].reset_at), UTC)
    assert outcome.retry_at == reset.isoformat()
    assert (parsed.statuses["gamma/three"].message or "").endswith(
        f"rate limit exhausted, resets at {reset.isoformat()}"
    )
    assert set(repo_rows(parsed)) == set(KEYS[:2])


@pytest.mark.parametrize("status", [403, 429])
def test_rest_rate_limit_answer_stops_the_run(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx, status: int
) -> None:
    fake_upstream.world = world
    fake_upstream.inject("github", "rate_limit", status=status, reset_in=600)
    started = time.monotonic()
    outcome = github.fetch(KEYS, make_ctx(fake_upstream.base_url))

    assert time.monotonic() - started < 5
    # A 403 is not retried; a 429 is retried once by the session (see the report).
    assert fake_upstream.count("github") == (1 if status == 403 else 2)
    parsed = parse_all(outcome)
    assert {parsed.statuses[k].status for k in KEYS} == {ERROR}
    assert len(outcome.raw_paths) == 1  # the rate-limit answer itself, saved
    assert not parsed.rows
    assert outcome.retry_at is not None
    wait = datetime.fromisoformat(outcome.retry_at) - datetime.now(UTC)
    assert 500 < wait.total_seconds() <= 601


@pytest.mark.parametrize(
    ("fault", "opts", "times"),
    [
        ("500", {}, 2),  # retried once by the session: both tries fail
        ("502", {}, 2),
        ("503", {}, 2),
        ("timeout", {"seconds": 3}, 2),
        ("html", {}, 1),  # not retried
        ("truncated", {"mode": "close"}, 1),
        ("truncated", {"mode": "length"}, 1),
    ],
)
def test_rest_faults_are_errors_never_not_found(
    fake_upstream: FakeUpstream,
    world: FakeWorld,
    make_ctx: MakeCtx,
    fault: str,
    opts: dict[str, object],
    times: int,
) -> None:
    fake_upstream.world = world
    fake_upstream.inject("github", fault, times=times, **opts)
    outcome = github.fetch(["gone/away", "alpha/one"], make_ctx(fake_upstream.base_url))
    parsed = parse_all(outcome)
    assert parsed.statuses["gone/away"].status == ERROR
    assert parsed.statuses["alpha/one"].status == OK  # the run goes on
    assert set(repo_rows(parsed)) == {"alpha/one"}
    assert outcome.errors


def test_refused_port_is_unreachable_fast(make_ctx: MakeCtx) -> None:
    started = time.monotonic()
    outcome = github.fetch(KEYS, make_ctx("http://127.0.0.1:9"))
    assert time.monotonic() - started < 2
    assert outcome.unreachable is not None and not outcome.raw_paths
    assert {outcome.failed[k].status for k in KEYS} == {ERROR}


# --- parse, on recorded answers -----------------------------------------------------------------


def test_parse_recorded_rest_answers(tmp_path: Path) -> None:
    body = (UPSTREAM / "github_repo_PyGithub_PyGithub.json").read_bytes()
    parsed = github.parse(saved(tmp_path, "repo", 200, body, repo="pygithub/pygithub"))
    (row,) = parsed.rows["repositories"]
    assert row["full_name"] == "PyGithub/PyGithub" and row["renamed_to"] is None
    assert row["license"] and row["language"] == "Python"
    assert parsed.statuses["pygithub/pygithub"].status == OK
    not_found = (UPSTREAM / "github_repo_404_not_found_jacquev6_Xxx.json").read_bytes()
    parsed = github.parse(saved(tmp_path, "repo", 404, not_found, repo="jacquev6/xxx"))
    assert parsed.statuses["jacquev6/xxx"].status == NOT_FOUND
    html_404 = b"<!doctype html><html><body>404</body></html>"
    parsed = github.parse(saved(tmp_path, "repo", 404, html_404, repo="a/b"))
    assert parsed.statuses["a/b"].status == ERROR  # not GitHub's own "Not Found": not trusted
    assert not parsed.rows


def test_parse_graphql_errors_by_alias(tmp_path: Path) -> None:
    body = (
        b'{"data": {"r0": null, "r1": null}, "errors": ['
        b'{"type": "NOT_FOUND", "path": ["r0"], "message": "Could not resolve"},'
        b'{"type": "FORBIDDEN", "path": ["r1"], "message": "Resource protected"}]}'
    )
    raw = saved(tmp_path, "graphql", 200, body, aliases={"r0": "a/b", "r1": "c/d"})
    parsed = github.parse(raw)
    assert parsed.statuses["a/b"].status == NOT_FOUND
    assert parsed.statuses["c/d"].status == ERROR
    assert "FORBIDDEN" in (parsed.statuses["c/d"].message or "")
    # A recorded NOT_FOUND whose path names no alias of ours is not a NOT_FOUND for anyone.
    recorded = (UPSTREAM / "github_graphql_node_not_found_error.json").read_bytes()
    parsed = github.parse(saved(tmp_path, "graphql", 200, recorded, aliases={"r0": "a/b"}))
    assert parsed.statuses["a/b"].status == ERROR
