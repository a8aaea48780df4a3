"""fetch.py on its own: the time budget of a fetch, one source's fetch never raising, the
stored state handed to a source, and fetching only the sources with something to ask."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest

from enrich.fetch import (
    FETCH_BUDGET_FLOOR,
    fetch_all,
    fetch_budget,
    fetch_source,
    source_state,
    worker_name,
)
from enrich.plan import SourcePlan
from enrich.progress import SourceProgress
from enrich.sources import registry
from enrich.sources.base import ERROR, FetchContext, FetchOutcome
from enrich.warehouse import migrate
from enrich.warehouse.raw_load import upsert

from fake_upstream import FakeUpstream, GithubRepo
from support import make_settings


def test_fetch_budget_grows_with_requests_pace_and_timeout(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, env={"ENRICH_ARXIV_PACE": "3", "ENRICH_TIMEOUT": "20"})
    # 250 arXiv ids: 3 requests of 100; each paced 3 s (three times over) plus a read timeout.
    assert fetch_budget(settings, "arxiv", 250) == pytest.approx(FETCH_BUDGET_FLOOR + 27 + 60)
    # No pace: the floor of 0.2 s a request still counts.
    assert fetch_budget(settings, "github", 100) == pytest.approx(
        FETCH_BUDGET_FLOOR + 3 * 0.2 + 20
    )


def test_nothing_to_ask_asks_nothing(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    outcome = fetch_source(settings, "arxiv", [], reporter=None)
    assert outcome.failed == {} and outcome.errors == []
    assert outcome.stats is not None
    assert (outcome.stats.requests, outcome.stats.worker) == (0, worker_name())


def test_a_source_that_crashes_fails_its_items_and_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = "ghp_" + "s3cr3t" * 6
    settings = make_settings(tmp_path, env={"GITHUB_TOKEN": token})

    def explode(items: Sequence[str], ctx: FetchContext) -> FetchOutcome:
        raise RuntimeError(f"bug while asking with {token}")

    broken = SimpleNamespace(NAME="arxiv", fetch=explode)
    monkeypatch.setattr(registry, "module", lambda name: broken)
    seen: list[SourceProgress] = []
    outcome = fetch_source(settings, "arxiv", ["2401.00001", "2401.00002"], reporter=seen.append)
    assert set(outcome.failed) == {"2401.00001", "2401.00002"}
    assert {st.status for st in outcome.failed.values()} == {ERROR}
    assert outcome.errors[0].startswith("arxiv: fetch failed: RuntimeError: bug while asking")
    messages = outcome.errors + [str(st.message) for st in outcome.failed.values()]
    assert token not in " ".join(messages)
    assert seen and seen[-1].finished  # the progress line is closed either way


def test_github_gets_its_stored_etags_and_others_nothing() -> None:
    con = duckdb.connect()
    migrate(con)
    row = {"status": "ok", "fetched_at": "2026-03-01 00:00:00", "raw_path": "raw/github/x"}
    upsert(
        con,
        "repositories",
        ("repo_key",),
        [
            {"repo_key": "a/b", "etag": 'W/"1"', **row},
            {"repo_key": "c/d", "etag": None, **row},
            {**row, "repo_key": "e/f", "etag": 'W/"2"', "status": "not_found"},
        ],
    )
    assert source_state(con, "github") == {"etags": {"a/b": 'W/"1"'}}
    assert source_state(con, "arxiv") == {}
    assert source_state(None, "github") == {}


def test_fetch_all_asks_only_sources_with_items(
    tmp_path: Path, fake_upstream: FakeUpstream
) -> None:
    fake_upstream.world.add_repo(GithubRepo("owner/repo", id=1, stars=7))
    settings = make_settings(tmp_path, base_url=fake_upstream.base_url)
    plans = {
        "arxiv": SourcePlan("arxiv", wanted=["2401.00001"], not_asked_because="offline"),
        "github": SourcePlan("github", wanted=["owner/repo"], ask=["owner/repo"]),
    }
    states: dict[str, dict[str, Any]] = {"github": {"etags": {}}}
    outcomes = fetch_all(settings, plans, states)
    assert list(outcomes) == ["github"]
    assert outcomes["github"].failed == {} and len(outcomes["github"].raw_paths) == 1
    assert fake_upstream.count("github") == 1 and fake_upstream.count("arxiv") == 0
