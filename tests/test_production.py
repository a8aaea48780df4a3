"""Production as it runs: a Prefect server on 127.0.0.1, `enrich deploy`, a process worker, the
deployments run by the worker with the Dask task runner and worker processes, the fake upstream
for every service, and a local webhook receiver for the alerts. prefect.yaml is checked the way
production uses it (`prefect deploy --all`, which `enrich deploy` runs): a broken cron or
entrypoint must fail here, not at 03:00. Slow (a minute or two), and run by `.ci/run` like every
other test."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from enrich.config import load_settings

from fake_upstream import FakeUpstream
from prefect_server import (
    BIN,
    ROOT,
    api,
    artifacts,
    prefect,
    prefect_server,
    run_deployment,
    stop,
    wait_for_run,
)
from support import FAST_ENV, SEED
from test_refresh import S2_KEY, TOKEN, seed_world

# One server and one worker for the module, started once: its tests run on one xdist worker, in
# this order (conftest.py).
pytestmark = pytest.mark.slow

SERVICE_URL_KEYS = ("ARXIV", "S2", "GITHUB_API", "ACL")
CATALOGUE = (
    "SELECT list_name, entry_id, title, authors, arxiv_id, acl_id, s2_paper_id, citation_count,"
    " stars, github_repo FROM catalogue ORDER BY ALL"
)


class Receiver(ThreadingHTTPServer):
    """A webhook receiver on 127.0.0.1: keeps the JSON bodies POSTed to it."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        super().__init__(("127.0.0.1", 0), ReceiverHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class ReceiverHandler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.bodies.append(json.loads(body or b"{}"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Server, fake upstream, webhook receiver, `enrich deploy` and a worker, for the module."""
    base = tmp_path_factory.mktemp("production")
    project = base / "project"
    shutil.copytree(ROOT / "flows", project / "flows", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "prefect.yaml", project / "prefect.yaml")
    shutil.copy(SEED, project / "list.md")
    config = {"lists": [{"name": "mh", "snapshot": "list.md"}]}
    (project / "enrich.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    unreachable = {"lists": [{**config["lists"][0], "url": "http://127.0.0.1:9/README.md"}]}
    (project / "unreachable.yaml").write_text(yaml.safe_dump(unreachable), encoding="utf-8")
    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    with FakeUpstream(seed_world()) as upstream, prefect_server(base) as server_env:
        env = {
            **server_env,
            **FAST_ENV,
            "ENRICH_CONFIG": str(project / "enrich.yaml"),
            "ENRICH_DATA_DIR": str(base / "data"),
            "ENRICH_ARXIV_URL": upstream.base_url,
            "ENRICH_S2_URL": upstream.base_url,
            "ENRICH_GITHUB_API_URL": upstream.base_url,
            "ENRICH_ACL_URL": upstream.base_url,
            # One process asks the Anthology 34 times at this pace; the fake rejects gaps under
            # 0.05 s at arrival: 0.2 s left for the jitter of a busy machine (with 0.1 s left,
            # a request arrived 0.149 s after the one before under a load of 7 and was refused,
            # 429), while a client that kept no pace sends them a few ms apart.
            "ENRICH_ACL_PACE": "0.25",
            "ENRICH_TASK_RUNNER": "dask",
            "ENRICH_DASK_WORKERS": "2",
            "PREFECT_WORKER_QUERY_SECONDS": "1",
        }
        deployed = subprocess.run(
            [str(BIN / "enrich"), "deploy", "--webhook", receiver.url, "--store-secrets",
             "--project", str(project)],
            env={**env, "GITHUB_TOKEN": TOKEN, "S2_API_KEY": S2_KEY},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        # The worker's environment has no secrets: the runs read the Secret blocks.
        worker_env = {k: v for k, v in env.items() if k not in ("GITHUB_TOKEN", "S2_API_KEY")}
        log = (base / "worker.log").open("w")
        worker = subprocess.Popen(
            [str(BIN / "prefect"), "worker", "start", "--pool", "enrich-pool"],
            cwd=base,
            env=worker_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield {
                "env": env,
                "server_env": server_env,
                "project": project,
                "base": base,
                "upstream": upstream,
                "receiver": receiver,
                "setup": deployed.stdout,
                "worker_log": base / "worker.log",
            }
        finally:
            stop(worker, grace=2)  # every run it took has ended: nothing to finish
            log.close()
            receiver.shutdown()
            receiver.server_close()


def completed(production: dict[str, Any], run: dict[str, Any]) -> None:
    assert run["state"]["type"] == "COMPLETED", (
        run["state"],
        production["worker_log"].read_text()[-4000:],
    )


def test_enrich_deploy_sets_up_pool_limit_alerts_and_deployments(
    production: dict[str, Any],
) -> None:
    env = production["env"]
    setup = production["setup"]
    assert "global concurrency limit enrich-refresh: created (1 slot)" in setup
    assert "automation 'enrich: refresh failed, crashed or stale': created" in setup
    limit = api(env, "GET", "/v2/concurrency_limits/enrich-refresh")
    assert limit["limit"] == 1
    for name in ("nightly", "adhoc"):
        assert api(env, "GET", f"/deployments/name/enrich-refresh/{name}")["work_pool_name"] == (
            "enrich-pool"
        )


def test_the_deployment_runs_the_fetch_fan_out_on_dask_worker_processes(
    production: dict[str, Any], tmp_path: Path
) -> None:
    env, upstream = production["env"], production["upstream"]
    upstream.reset_counts()
    upstream.enforce_pacing = {"acl": 0.05}
    with FakeUpstream(seed_world()) as other_upstream:
        # Meanwhile, the same refresh on the thread runner without Prefect (its own upstream
        # and data directory, no pace: the pace does not change what is loaded).
        threads = subprocess.Popen(
            [sys.executable, "-m", "enrich.cli", "refresh", "--no-release"],
            env={
                **env,
                **{f"ENRICH_{s}_URL": other_upstream.base_url for s in SERVICE_URL_KEYS},
                "ENRICH_ACL_PACE": "0",
                "ENRICH_ORCHESTRATOR": "none",
                "ENRICH_TASK_RUNNER": "threads",
                "ENRICH_DATA_DIR": str(tmp_path / "data"),
                "GITHUB_TOKEN": TOKEN,
                "S2_API_KEY": S2_KEY,
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        flow_run_id = run_deployment(env, "enrich-refresh/adhoc")
        run = wait_for_run(env, flow_run_id)
        _, threads_err = threads.communicate(timeout=300)
    completed(production, run)
    # Batched: one request per source but the Anthology's 34 volumes, at its pace.
    counts = {s: upstream.count(s) for s in ("arxiv", "s2", "graphql", "acl")}
    acl = [(r.status, r.fault, round(r.at % 100, 3)) for r in upstream.requests_for("acl")]
    assert counts == {"arxiv": 1, "s2": 1, "graphql": 1, "acl": 34}, acl
    assert upstream.pacing_violations == []
    # The fetch tasks ran in the Dask worker processes, not in the flow run's process.
    summary = str(artifacts(env, flow_run_id)["refresh-summary"])
    rows = [line.split("|") for line in summary.splitlines() if line.startswith("| ")]
    workers = {cells[1].strip(): cells[-2].strip() for cells in rows if len(cells) == 14}
    workers.pop("source")  # the header
    assert set(workers) == {"arxiv", "acl", "s2", "github"}
    flow_process = str(run["infrastructure_pid"])
    assert all(w and w != flow_process for w in workers.values()), (workers, flow_process)
    assert len(set(workers.values())) == 2  # two worker processes shared the four sources
    # The secrets came from the Secret blocks: the worker's environment had none.
    settings = load_settings(env["ENRICH_CONFIG"], env=env)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        dask_rows = con.execute(CATALOGUE).fetchall()
        assert con.execute("SELECT count(*) FROM observations").fetchone()[0] > 0  # type: ignore[index]
    # The same refresh on the thread runner, without Prefect, gives the same catalogue.
    assert threads.returncode == 0, threads_err
    with duckdb.connect(str(tmp_path / "data/warehouse/catalogue.duckdb"), read_only=True) as con:
        assert con.execute(CATALOGUE).fetchall() == dask_rows


def test_overlapping_nightly_and_adhoc_runs_take_turns(production: dict[str, Any]) -> None:
    env, upstream = production["env"], production["upstream"]
    # The first run's arXiv answer is held until the second run is running: the second run
    # starts while the first holds the slot, for certain.
    job = {"env": {"ENRICH_TASK_RUNNER": "threads", "ENRICH_TIMEOUT": "150", "DO_NOT_TRACK": "1"}}
    upstream.reset_counts()
    upstream.inject("arxiv", "slow", times=1, seconds=120)
    force = {"force": True}
    first = run_deployment(env, "enrich-refresh/nightly", parameters=force, job_variables=job)
    wait_until(lambda: upstream.count("arxiv") > 0)  # the first run is fetching, in its slot
    second = run_deployment(env, "enrich-refresh/adhoc", parameters=force, job_variables=job)
    wait_until(lambda: api(env, "GET", f"/flow_runs/{second}")["state"]["type"] == "RUNNING")
    upstream.release_held()
    runs = [wait_for_run(env, first), wait_for_run(env, second)]
    for run in runs:
        completed(production, run)
    settings = load_settings(env["ENRICH_CONFIG"], env=env)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        windows = con.execute(
            "SELECT started_at, finished_at FROM runs ORDER BY started_at DESC LIMIT 2"
        ).fetchall()
    (later_start, _), (_, earlier_end) = windows
    assert as_time(later_start) >= as_time(earlier_end)  # the refreshes did not overlap …
    assert as_time(runs[1]["start_time"]) < as_time(earlier_end)  # … the second one waited


def wait_until(condition: Any, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.2)


def test_a_stale_run_alerts_through_the_webhook(production: dict[str, Any]) -> None:
    env, receiver = production["env"], production["receiver"]
    receiver.bodies.clear()
    config = str(production["project"] / "unreachable.yaml")
    flow_run_id = run_deployment(env, "enrich-refresh/nightly", parameters={"config": config})
    run = wait_for_run(env, flow_run_id)
    assert (run["state"]["type"], run["state"]["name"]) == ("FAILED", "Stale")
    assert "list mh" in run["state"]["message"]
    deadline = time.monotonic() + 120
    while not receiver.bodies and time.monotonic() < deadline:
        time.sleep(1)
    assert receiver.bodies, "no notification reached the webhook"
    alert = receiver.bodies[0]
    assert alert["subject"] == f"enrich: {run['name']} ended Stale"
    assert "FAILED" in alert["body"] and "list mh" in alert["body"]
    assert "using the bundled snapshot list.md, file modified" in alert["body"]  # and how old it is


def as_time(value: Any) -> datetime:
    """A timestamp of the API (with its zone) or of the warehouse (UTC, without one)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- prefect.yaml, as `enrich deploy` deployed it and broken ------------------------------------
# Last in the module: a broken file may still deploy the deployments it does not break.


def test_prefect_yaml_deploys_a_nightly_cron_one_at_a_time(production: dict[str, Any]) -> None:
    env = production["server_env"]
    nightly = api(env, "GET", "/deployments/name/enrich-refresh/nightly")
    assert nightly["entrypoint"] == "flows/refresh.py:refresh_flow"
    schedule = nightly["schedules"][0]["schedule"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 3 * * *", "UTC")
    assert nightly["global_concurrency_limit"]["limit"] == 1
    assert nightly["work_pool_name"] == "enrich-pool"
    adhoc = api(env, "GET", "/deployments/name/enrich-refresh/adhoc")
    assert adhoc["schedules"] == [] and adhoc["global_concurrency_limit"]["limit"] == 1


def project_copy(tmp_path: Path, edit: tuple[str, str]) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "flows", copy / "flows", ignore=shutil.ignore_patterns("__pycache__"))
    text = (ROOT / "prefect.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    (copy / "prefect.yaml").write_text(text.replace(*edit), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    "edit",
    [
        ('cron: "0 3 * * *"', 'cron: "61 3 * * *"'),
        ("flows/refresh.py:refresh_flow", "flows/refresh.py:no_such_flow"),
    ],
    ids=["broken-cron", "broken-entrypoint"],
)
def test_a_broken_deployment_file_fails(
    production: dict[str, Any], tmp_path: Path, edit: tuple[str, str]
) -> None:
    result = prefect(production["server_env"], "deploy", "--all", cwd=project_copy(tmp_path, edit))
    assert result.returncode != 0

