"""prefect.yaml is checked the way production uses it: `prefect deploy --all` against a local
Prefect server on 127.0.0.1. A broken cron or entrypoint must fail here, not at 03:00."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PREFECT = str(Path(sys.executable).with_name("prefect"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    log = (home / "server.log").open("w")
    server = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(
                        "the local Prefect server did not start: "
                        + (home / "server.log").read_text()[-2000:]
                    )
                time.sleep(0.5)
        prefect(env, "work-pool", "create", "enrich-pool", "--type", "process")
        yield env
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


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


def project_copy(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "flows", copy / "flows", ignore=shutil.ignore_patterns("__pycache__"))
    text = (ROOT / "prefect.yaml").read_text(encoding="utf-8")
    if edit:
        assert edit[0] in text
        text = text.replace(*edit)
    (copy / "prefect.yaml").write_text(text, encoding="utf-8")
    return copy


def test_deployments_deploy_with_nightly_cron_and_one_at_a_time(
    prefect_server: dict[str, str], tmp_path: Path
) -> None:
    result = prefect(prefect_server, "deploy", "--all", cwd=project_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    shown = prefect(
        prefect_server, "deployment", "inspect", "enrich-refresh/nightly", "--output", "json"
    )
    assert shown.returncode == 0, shown.stderr
    nightly = json.loads(shown.stdout)
    assert nightly["entrypoint"] == "flows/refresh.py:refresh_flow"
    schedule = nightly["schedules"][0]["schedule"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 3 * * *", "UTC")
    assert nightly["global_concurrency_limit"]["limit"] == 1
    assert nightly["work_pool_name"] == "enrich-pool"
    adhoc = prefect(prefect_server, "deployment", "inspect", "enrich-refresh/adhoc")
    assert adhoc.returncode == 0


@pytest.mark.parametrize(
    "edit",
    [
        ('cron: "0 3 * * *"', 'cron: "61 3 * * *"'),
        ("flows/refresh.py:refresh_flow", "flows/refresh.py:no_such_flow"),
    ],
    ids=["broken-cron", "broken-entrypoint"],
)
def test_a_broken_deployment_file_fails(
    prefect_server: dict[str, str], tmp_path: Path, edit: tuple[str, str]
) -> None:
    result = prefect(prefect_server, "deploy", "--all", cwd=project_copy(tmp_path, edit))
    assert result.returncode != 0
