"""A real Prefect server on 127.0.0.1 for the tests that check production as it runs: started
by the test itself (its own PREFECT_HOME, telemetry off, no UI), spoken to over its REST API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[1]
BIN = Path(sys.executable).parent
PREFECT = str(BIN / "prefect")
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def prefect_server(home: Path) -> Iterator[dict[str, str]]:
    """`prefect server start` on a free port of 127.0.0.1, with its own PREFECT_HOME; yields
    the environment to reach it. (A port found free may be taken by another process, an xdist
    worker's server say, before this one binds it: then it starts again on another.)"""
    for attempt in range(START_TRIES):
        port = free_port()
        env = {
            **os.environ,
            "PREFECT_HOME": str(home),
            "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
            "DO_NOT_TRACK": "1",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            # No test looks at the UI: no copy of its files at start.
            "PREFECT_SERVER_UI_ENABLED": "false",
            # A run refused a slot of a concurrency limit asks again after the server's
            # Retry-After: up to 30 s by default, 1 s here (the run still waits for the slot).
            "PREFECT_SERVER_CONCURRENCY_MAXIMUM_CONCURRENCY_SLOT_WAIT_SECONDS": "1",
        }
        env.pop("PREFECT_LOGGING_LEVEL", None)
        with (home / "server.log").open("w") as log:
            server = subprocess.Popen(
                [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            if not _healthy(server, port):
                server.wait(timeout=30)
                log_text = (home / "server.log").read_text()
                if "address already in use" in log_text.lower() and attempt < START_TRIES - 1:
                    continue
                raise RuntimeError("the local Prefect server did not start: " + log_text[-2000:])
            yield env
            return
        finally:
            stop(server)


START_TRIES = 3


def stop(process: subprocess.Popen[Any], grace: float = 10) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds. (A Prefect worker takes its first SIGTERM
    as "finish the runs you have" and was seen still waiting a minute later with none left; a
    second signal is what ends it.)"""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def _healthy(server: subprocess.Popen[bytes], port: int) -> bool:
    """Whether the server answers its health check within 120 s (False once it has exited)."""
    deadline = time.monotonic() + 120
    while server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2):
                return True
        except OSError:
            if time.monotonic() > deadline:
                server.terminate()
                return False
            time.sleep(0.2)
    return False


def prefect(env: dict[str, str], *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PREFECT, "--no-prompt", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def api(env: dict[str, str], method: str, path: str, body: Any = None) -> Any:
    """One call of the server's REST API. A 503 is asked again, as Prefect's own client does: a
    busy server (its SQLite database locked by another writer) answers 503 and rolls back."""
    for attempt in range(API_TRIES):
        request = urllib.request.Request(
            env["PREFECT_API_URL"] + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code != 503 or attempt == API_TRIES - 1:
                raise
        time.sleep(1 + attempt)


API_TRIES = 5


def run_deployment(env: dict[str, str], name: str, **run: Any) -> str:
    """Create a run of deployment `flow/deployment`; its flow run id."""
    deployment = api(env, "GET", f"/deployments/name/{name}")
    return str(api(env, "POST", f"/deployments/{deployment['id']}/create_flow_run", run)["id"])


def wait_for_run(env: dict[str, str], flow_run_id: str, timeout: float = 300) -> dict[str, Any]:
    """Poll a flow run until it reaches a final state; the run as the API shows it."""
    deadline = time.monotonic() + timeout
    while True:
        run: dict[str, Any] = api(env, "GET", f"/flow_runs/{flow_run_id}")
        if run["state"] and run["state"]["type"] in TERMINAL:
            return run
        if time.monotonic() > deadline:
            raise TimeoutError(f"flow run {flow_run_id} still {run['state']} after {timeout} s")
        time.sleep(1)


def artifacts(env: dict[str, str], flow_run_id: str) -> dict[str, Any]:
    found = api(
        env, "POST", "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}}
    )
    return {a["key"]: a["data"] for a in found if a["key"]}
