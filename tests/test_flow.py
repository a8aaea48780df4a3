"""The Prefect flow and the one-writer/many-readers design, end to end.

Flow tests run under one temporary Prefect API for the session (the `prefect_harness` fixture);
the process tests run the real `enrich` command in subprocesses against the fake upstream."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from enrich.config import Settings
from enrich.errors import ConfigError, EnrichError
from enrich.warehouse import open_reader

from fake_upstream import FakeUpstream
from support import env_for, make_settings, write_config
from test_refresh import S2_KEY, TOKEN, seed_world


@pytest.fixture
def upstream(fake_upstream: FakeUpstream) -> FakeUpstream:
    fake_upstream.world = seed_world()
    return fake_upstream


def flow_settings(
    tmp_path: Path, upstream: FakeUpstream, monkeypatch: pytest.MonkeyPatch, **env: str
) -> Settings:
    settings = make_settings(
        tmp_path,
        base_url=upstream.base_url,
        env={"GITHUB_TOKEN": TOKEN, "S2_API_KEY": S2_KEY, **env},
    )
    # The flow builds its settings from the environment, as a deployment would.
    for key, value in {
        **env_for(settings),
        "GITHUB_TOKEN": TOKEN,
        "S2_API_KEY": S2_KEY,
        "ENRICH_ARXIV_URL": upstream.base_url,
        "ENRICH_S2_URL": upstream.base_url,
        "ENRICH_GITHUB_API_URL": upstream.base_url,
        "ENRICH_ACL_URL": upstream.base_url,
        **env,
    }.items():
        monkeypatch.setenv(key, value)
    from support import FAST_ENV

    for key, value in FAST_ENV.items():
        monkeypatch.setenv(key, value)
    return settings


def artifacts_of(flow_run_id: object) -> dict[str, object]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    async def read() -> dict[str, object]:
        async with get_client() as client:
            found = await client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])
                )
            )
            return {a.key: a.data for a in found if a.key}

    return asyncio.run(read())


def logs_of(flow_run_id: object) -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogWorker

    # Logs reach Prefect's store in batches, from a background worker: wait until it has sent
    # what is queued, or the store may be read before this run's logs arrive.
    APILogWorker.drain_all(timeout=30)

    async def read() -> list[str]:
        async with get_client() as client:
            logs = await client.read_logs(
                log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))
            )
            return [log.message for log in logs]

    return asyncio.run(read())


def test_flow_refreshes_the_seed_and_reports_in_prefect_terms(
    tmp_path: Path,
    upstream: FakeUpstream,
    monkeypatch: pytest.MonkeyPatch,
    prefect_harness: None,
) -> None:
    from enrich.flow import refresh_flow

    settings = flow_settings(tmp_path, upstream, monkeypatch)
    # INFO reaches Prefect's log store here (the harness keeps WARNING): the summary is logged.
    for name in ("prefect.flow_runs", "prefect.task_runs"):
        monkeypatch.setattr(logging.getLogger(name), "level", logging.INFO)
    state = refresh_flow(release=False, return_state=True)
    assert state.is_completed() and state.name == "Completed", state.message
    summary = state.result()
    assert summary["exit_code"] == 0 and summary["lists"][0]["entries"] == 186
    artifacts = artifacts_of(state.state_details.flow_run_id)
    logs = "\n".join(logs_of(state.state_details.flow_run_id))
    assert f"enrich run {summary['run_id']}: completed (exit 0)" in logs  # the summary …
    assert "arxiv: 82 wanted" in logs  # … and the plan reached Prefect's log store …
    assert TOKEN not in logs and S2_KEY not in logs  # … with no secret
    assert "timeout" not in logs.lower()  # and no warning about task timeouts it cannot enforce
    assert TOKEN not in str(artifacts) and S2_KEY not in str(artifacts)
    for source in ("arxiv", "acl", "s2", "github"):  # progress artifacts, finished
        assert float(str(artifacts[f"fetch-{source}"])) == 100.0, artifacts.keys()
    markdown = str(artifacts["refresh-summary"])
    assert "| arxiv | ok |" in markdown and "Ids per kind" in markdown
    table = json.loads(str(artifacts["flagged-links"]))
    assert any(row["problem"] == "duplicate_id" for row in table)
    with open_reader(settings) as con:
        run = con.execute("SELECT state, exit_code FROM runs").fetchall()
        filled = con.execute(
            "SELECT count(title), count(citation_count) FROM catalogue WHERE arxiv_id IS NOT NULL"
        ).fetchone()
    assert run == [("completed", 0)]
    assert filled is not None and filled[0] == filled[1] > 80


def test_a_stale_source_fails_the_flow_unless_stale_is_allowed(
    tmp_path: Path,
    upstream: FakeUpstream,
    monkeypatch: pytest.MonkeyPatch,
    prefect_harness: None,
) -> None:
    from enrich.flow import refresh_flow

    flow_settings(tmp_path, upstream, monkeypatch, ENRICH_S2_URL="http://127.0.0.1:9")
    state = refresh_flow(release=False, return_state=True)
    # FAILED, named Stale: what an automation on failed runs matches.
    assert state.is_failed() and state.name == "Stale"
    assert "s2" in (state.message or "")
    assert state.result(raise_on_failure=False)["exit_code"] == 3
    allowed = refresh_flow(release=False, allow_stale=True, return_state=True)
    assert allowed.is_completed() and allowed.name == "Stale"
    assert allowed.result()["exit_code"] == 0


def test_an_unreachable_list_url_is_stale_and_names_the_age_of_the_version_used(
    tmp_path: Path,
    upstream: FakeUpstream,
    monkeypatch: pytest.MonkeyPatch,
    prefect_harness: None,
) -> None:
    from enrich.flow import refresh_flow

    settings = flow_settings(tmp_path, upstream, monkeypatch)
    write_config(tmp_path, url="http://127.0.0.1:9/README.md")  # nothing listens there
    snapshot = tmp_path / "list.md"
    os.utime(snapshot, (time.time() - 10 * 86400,) * 2)  # a snapshot ten days old
    state = refresh_flow(release=False, return_state=True)
    assert state.is_failed() and state.name == "Stale", state.message
    assert "list mh" in (state.message or "") and "(10.0 days old)" in (state.message or "")
    summary = state.result(raise_on_failure=False)
    (report,) = summary["lists"]
    assert report["stale"] and report["origin"] == "snapshot"
    assert "could not fetch the list" in report["note"] and "(10.0 days old)" in report["note"]
    assert summary["exit_code"] == 3 and settings.warehouse_path.exists()


@contextmanager
def _port_held(port: int) -> Iterator[None]:
    """`port` of 127.0.0.1 taken while the block runs (by this socket, or already by another
    process, which holds it just as well)."""
    with socket.socket() as holder:
        with suppress(OSError):
            holder.bind(("127.0.0.1", port))
            holder.listen()
        yield


def test_the_task_runner_from_settings_runs_the_fetch_fan_out_on_dask(
    tmp_path: Path,
    upstream: FakeUpstream,
    monkeypatch: pytest.MonkeyPatch,
    prefect_harness: None,
) -> None:
    pytest.importorskip("prefect_dask")
    from enrich.flow import make_task_runner, refresh_flow

    settings = flow_settings(tmp_path, upstream, monkeypatch, ENRICH_TASK_RUNNER="dask")
    assert type(make_task_runner(settings)).__name__ == "DaskTaskRunner"
    # The flow itself, as the CLI and the deployments call it: no runner handed in. Dask's
    # default HTTP port busy (another cluster on the machine) changes nothing: the cluster
    # asks for a free port (warnings are errors here, so its "port in use" warning would fail).
    with _port_held(8787):
        state = refresh_flow(release=False, return_state=True)
    assert state.is_completed(), state.message
    assert state.result()["sources"]["arxiv"]["requests"] == 1


def test_the_flow_writes_a_run_log_and_prunes_only_when_asked(
    tmp_path: Path,
    upstream: FakeUpstream,
    monkeypatch: pytest.MonkeyPatch,
    prefect_harness: None,
) -> None:
    from enrich.flow import refresh_flow

    settings = flow_settings(tmp_path, upstream, monkeypatch)
    old = settings.releases_dir / "2020-01-01"
    old.mkdir(parents=True)
    (settings.releases_dir / "2020-01-01-2").mkdir()
    assert refresh_flow(release=False, return_state=True).is_completed()
    assert old.exists()  # off by default
    assert refresh_flow(release=False, prune=True, return_state=True).is_completed()
    assert not old.exists()
    logs = sorted((settings.data_dir / "logs").glob("refresh-*.log"))
    assert len(logs) == 2
    last = logs[-1].read_text(encoding="utf-8")
    assert "prune: raw answers removed" in last and "releases removed 1 (2020-01-01)" in last
    assert TOKEN not in last and S2_KEY not in last


def test_a_dead_dask_scheduler_fails_the_run_instead_of_falling_back(
    tmp_path: Path,
    upstream: FakeUpstream,
    monkeypatch: pytest.MonkeyPatch,
    prefect_harness: None,
) -> None:
    pytest.importorskip("prefect_dask")
    import enrich.flow
    from enrich.flow import refresh_flow

    # Nothing listens there: any timeout proves it; a short one keeps the test short.
    monkeypatch.setattr(enrich.flow, "DASK_CONNECT_TIMEOUT", "0.5s")
    flow_settings(
        tmp_path,
        upstream,
        monkeypatch,
        ENRICH_TASK_RUNNER="dask",
        ENRICH_DASK_ADDRESS="tcp://127.0.0.1:9",
    )
    state = refresh_flow(release=False, return_state=True)
    assert state.is_failed()
    with pytest.raises(EnrichError, match="cannot start the fetch task runner"):
        state.result()


def test_dask_worker_processes_need_a_prefect_server(
    tmp_path: Path,
    upstream: FakeUpstream,
    monkeypatch: pytest.MonkeyPatch,
    prefect_harness: None,
) -> None:
    from enrich.flow import make_task_runner

    settings = flow_settings(
        tmp_path, upstream, monkeypatch, ENRICH_TASK_RUNNER="dask", ENRICH_DASK_WORKERS="2"
    )
    monkeypatch.setattr("enrich.flow._prefect_api_url", lambda: None)
    with pytest.raises(ConfigError, match="needs a Prefect server"):
        make_task_runner(settings)


# -- processes: one writer, any readers, crash safety ---------------------------------------


def enrich_process(
    settings: Settings, upstream: FakeUpstream, *args: str, env_extra: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        **env_for(settings),
        "ENRICH_ORCHESTRATOR": "none",
        "ENRICH_ARXIV_URL": upstream.base_url,
        "ENRICH_S2_URL": upstream.base_url,
        "ENRICH_GITHUB_API_URL": upstream.base_url,
        "ENRICH_ACL_URL": upstream.base_url,
        "GITHUB_TOKEN": TOKEN,
        "S2_API_KEY": S2_KEY,
    }
    from support import FAST_ENV

    env.update(FAST_ENV)
    env.update(env_extra or {})
    return subprocess.Popen(
        [sys.executable, "-m", "enrich.cli", *args],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def refreshed_in_process(tmp_path: Path, upstream: FakeUpstream) -> Settings:
    """Settings whose warehouse a first refresh (in this process: it is not what is tested)
    has filled, as `enrich refresh --no-release` would."""
    from enrich.pipeline import RefreshOptions, run_refresh

    secrets = {"GITHUB_TOKEN": TOKEN, "S2_API_KEY": S2_KEY}
    settings = make_settings(tmp_path, base_url=upstream.base_url, env=secrets)
    assert run_refresh(settings, RefreshOptions(release=False)).exit_code == 0
    return settings


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sql_answers_while_a_refresh_writes_and_a_second_refresh_is_turned_away(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    settings = refreshed_in_process(tmp_path, upstream)
    # The writer's arXiv answer is held until the reader and the second refresh are done: the
    # writer holds the refresh lock for certain meanwhile (a patient timeout: no retry).
    upstream.reset_counts()
    upstream.inject("arxiv", "slow", seconds=120)
    writer = enrich_process(
        settings,
        upstream,
        "refresh",
        "--force",
        "--no-release",
        env_extra={"ENRICH_TIMEOUT": "150"},
    )
    wait_until(lambda: upstream.count("arxiv") == 1 or writer.poll() is not None)
    reader = enrich_process(
        settings, upstream, "sql", "SELECT count(*) AS n FROM catalogue", "--format", "json"
    )
    code, out, err = finish(reader)
    assert code == 0, err
    assert json.loads(out) == [{"n": 186}]
    second = finish(enrich_process(settings, upstream, "refresh", "--no-release"))
    assert second[0] == 2 and "another refresh is running" in second[2]
    assert "Traceback" not in second[2]
    assert writer.poll() is None  # the reader and the second refresh did not wait for it
    upstream.release_held()
    assert finish(writer)[0] == 0


def wait_until(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_a_refresh_killed_mid_load_leaves_the_warehouse_intact_and_the_next_completes(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    settings = refreshed_in_process(tmp_path, upstream)
    before = digest(settings.warehouse_path)
    staging = settings.warehouse_path.with_name(settings.warehouse_path.name + ".building")
    upstream.reset_counts()

    victim = enrich_process(settings, upstream, "refresh", "--force", "--no-release")
    deadline = time.monotonic() + 60
    while not staging.exists():  # the staging copy appears when loading starts
        assert victim.poll() is None and time.monotonic() < deadline, "never reached the load"
        time.sleep(0.005)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=30)  # reaps it and closes its pipes
    assert digest(settings.warehouse_path) == before
    asked_by_victim = upstream.count()
    assert asked_by_victim > 0

    upstream.reset_counts()
    code, _out, err = finish(enrich_process(settings, upstream, "refresh", "--no-release"))
    assert code == 0, err
    # The killed run's saved answers are loaded, not asked again.
    assert upstream.count("arxiv") == upstream.count("s2") == upstream.count("graphql") == 0
    assert not staging.exists()
    with open_reader(settings) as con:
        assert con.execute("SELECT count(*) FROM catalogue").fetchone() == (186,)
        runs = con.execute("SELECT count(*) FROM runs").fetchone()
    assert runs == (2,)  # the killed run left no trace but its raw payloads


def test_the_cli_checks_the_refresh_lock_before_starting_prefect(tmp_path: Path) -> None:
    from filelock import FileLock

    from enrich.warehouse import REFRESH_LOCK_NAME

    settings = make_settings(tmp_path)
    settings.warehouse_dir.mkdir(parents=True)
    env = {**os.environ, **env_for(settings), "PREFECT_HOME": str(tmp_path / "prefect-home")}
    env.pop("ENRICH_ORCHESTRATOR", None)
    with FileLock(str(settings.warehouse_dir / REFRESH_LOCK_NAME)):
        done = subprocess.run(
            [sys.executable, "-m", "enrich.cli", "refresh", "--offline"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "enrich: another refresh is running; wait for it to finish (this one exits without changes)"
    ]
    assert not (tmp_path / "prefect-home").exists()  # Prefect never started


@pytest.mark.parametrize(
    ("error", "calls"), [(ConfigError("no lists"), 1), (RuntimeError("bug"), 2)]
)
def test_a_step_is_retried_when_it_crashed_never_for_enrichs_own_error(
    tmp_path: Path,
    upstream: FakeUpstream,
    monkeypatch: pytest.MonkeyPatch,
    prefect_harness: None,
    error: Exception,
    calls: int,
) -> None:
    """An EnrichError is enrich's verdict: retrying it only made the user wait (10 s for an
    expected error under Prefect). A crash is retried once."""
    from enrich import flow

    flow_settings(tmp_path, upstream, monkeypatch)
    monkeypatch.setattr(flow.fetch_lists_task, "retry_delay_seconds", 0)  # no real wait
    seen = []

    def failing(*args: object) -> None:
        seen.append(1)
        raise error

    monkeypatch.setattr("enrich.pipeline.lists_to_refresh", failing)
    state = flow.refresh_flow(release=False, return_state=True)
    assert state.is_failed()
    assert len(seen) == calls
