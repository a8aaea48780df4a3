"""prefect.yaml is checked the way production uses it: `prefect deploy --all` against a local
Prefect server on 127.0.0.1. A broken cron or entrypoint must fail here, not at 03:00."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from prefect_server import ROOT, api, prefect, prefect_server

# One server for the module: its tests run on one xdist worker (conftest.py).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def prefect_server_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with prefect_server(tmp_path_factory.mktemp("prefect-server")) as env:
        prefect(env, "work-pool", "create", "enrich-pool", "--type", "process")
        yield env


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
    prefect_server_env: dict[str, str], tmp_path: Path
) -> None:
    result = prefect(prefect_server_env, "deploy", "--all", cwd=project_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    shown = prefect(
        prefect_server_env, "deployment", "inspect", "enrich-refresh/nightly", "--output", "json"
    )
    assert shown.returncode == 0, shown.stderr
    nightly = json.loads(shown.stdout)
    assert nightly["entrypoint"] == "flows/refresh.py:refresh_flow"
    schedule = nightly["schedules"][0]["schedule"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 3 * * *", "UTC")
    assert nightly["global_concurrency_limit"]["limit"] == 1
    assert nightly["work_pool_name"] == "enrich-pool"
    adhoc = prefect(prefect_server_env, "deployment", "inspect", "enrich-refresh/adhoc")
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
    prefect_server_env: dict[str, str], tmp_path: Path, edit: tuple[str, str]
) -> None:
    result = prefect(prefect_server_env, "deploy", "--all", cwd=project_copy(tmp_path, edit))
    assert result.returncode != 0


def test_the_cli_runs_on_the_server_prefect_api_url_names_with_no_ephemeral_start(
    prefect_server_env: dict[str, str], tmp_path: Path
) -> None:
    """With PREFECT_API_URL naming a running server, `enrich refresh` records its flow run there
    and never imports (let alone starts) Prefect's ephemeral server."""
    from support import env_for, make_settings

    settings = make_settings(tmp_path)
    probe = (
        "import sys; from enrich.cli import main; code = main(sys.argv[1:]); "
        "print('ephemeral server imported:', 'prefect.server.api.server' in sys.modules); "
        "sys.exit(code)"
    )
    env = {**prefect_server_env, **env_for(settings), "PREFECT_HOME": str(tmp_path / "home")}
    env.pop("ENRICH_ORCHESTRATOR", None)
    done = subprocess.run(
        [sys.executable, "-c", probe, "refresh", "--offline", "--no-release"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "ephemeral server imported: False"
    runs = api(
        prefect_server_env,
        "POST",
        "/flow_runs/filter",
        {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}},
    )
    assert any(run["parameters"].get("offline") is True for run in runs), runs
