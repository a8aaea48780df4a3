"""The local loop and the one list of steps: a refused refresh answers before Prefect is imported,
the light commands never import it, the flow runs the same steps as a plain run (same summary for
the same input), a refresh pointed at a running Prefect server starts none of its own, and the
installed distribution has no top-level `flows` package.

Which modules a command imported is read from `sys.modules` in a process of its own, never from
timings (the figures are bench/local_loop.py's)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from enrich.config import Settings
from enrich.errors import BusyError
from enrich.lock import REFRESH_LOCK_NAME, refresh_lock
from enrich.pipeline import RefreshOptions, run_refresh

from fake_upstream import FakeUpstream
from prefect_api import PrefectApi
from prefect_server import api
from support import FAST_ENV, SEED, env_for, make_settings
from test_refresh import S2_KEY, TOKEN, seed_world

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = (
    "SELECT list_name, entry_id, title, authors, arxiv_id, acl_id, s2_paper_id, citation_count,"
    " stars, github_repo FROM catalogue ORDER BY ALL"
)
HEAVY = ("prefect", "duckdb", "markdown_it", "pandas")

# `enrich ARGS` in this interpreter, then the heavy modules it imported, as JSON on the last line.
RUN_AND_LIST_IMPORTS = f"""
import json, sys
from enrich.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = {HEAVY!r}
print(json.dumps([name for name in heavy if name in sys.modules]))
sys.exit(code)
"""


def enrich_listing_imports(
    tmp_path: Path, settings: Settings, *args: str
) -> tuple[int, list[str], str]:
    """Run `enrich ARGS` in a fresh process; its exit code, the heavy modules it imported, and
    its stderr."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "ENRICH_ORCHESTRATOR"},
        **env_for(settings),
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
    }
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_IMPORTS, *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    imported: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return done.returncode, imported, done.stderr


def test_a_refused_refresh_answers_before_prefect_duckdb_or_the_parser_are_imported(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path)
    settings.warehouse_dir.mkdir(parents=True)
    with FileLock(str(settings.warehouse_dir / REFRESH_LOCK_NAME)):
        code, imported, err = enrich_listing_imports(tmp_path, settings, "refresh", "--offline")
    assert code == 2
    assert err.splitlines() == [
        "enrich: another refresh is running; wait for it to finish (this one exits without changes)"
    ]
    assert imported == []  # no work before the lock: nothing heavy, Prefect least of all
    assert not (tmp_path / "prefect-home").exists()


def test_help_check_and_sql_never_import_prefect(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    code, imported, _ = enrich_listing_imports(tmp_path, settings, "--help")
    assert (code, imported) == (0, [])
    code, imported, _ = enrich_listing_imports(tmp_path, settings, "check", str(SEED))
    assert code == 0 and imported == ["markdown_it"]  # the parser, and nothing else heavy
    run_refresh(settings, RefreshOptions(offline=True, release=False))
    code, imported, err = enrich_listing_imports(tmp_path, settings, "sql", "SELECT 1 AS one")
    assert code == 0, err
    assert imported == ["duckdb"]


def test_the_cli_holds_the_lock_through_the_run_and_refuses_a_second_one_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Taken once, before any step, and held to the end: no window between a check and the run
    in which a second refresh could slip in."""
    from enrich import cli, pipeline

    settings = make_settings(tmp_path)
    for key, value in env_for(settings).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ENRICH_ORCHESTRATOR", "none")
    seen: list[str] = []
    steps = pipeline.Steps.fetch_lists

    def during_the_run(self: pipeline.Steps, *args: Any) -> Any:
        with pytest.raises(BusyError, match="another refresh is running"), refresh_lock(settings):
            pass
        seen.append("refused while running")
        return steps(self, *args)

    monkeypatch.setattr(pipeline.Steps, "fetch_lists", during_the_run)
    assert cli.main(["refresh", "--offline", "--no-release"]) == 0
    assert seen == ["refused while running"]
    with refresh_lock(settings):  # and released at the end
        pass
    assert "completed (exit 0)" in capsys.readouterr().out


def comparable(summary: dict[str, Any], *volatile: str) -> dict[str, Any]:
    """A summary with what differs between two runs of the same input taken out: its id and
    times, and the paths and addresses of its own data directory and fake upstream."""
    text = json.dumps(summary, sort_keys=True)
    for value in volatile:
        text = text.replace(value, "<here>")
    text = re.sub(r"\d{8}T\d{6}Z-[0-9a-f]{6}", "<run id>", text)
    data: dict[str, Any] = json.loads(text)
    for key in ("started_at", "finished_at", "release_dir"):
        data.pop(key)
    return data


def test_the_flow_and_the_plain_run_give_the_same_summary_for_the_same_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefect_harness: None
) -> None:
    """The CLI's two ways (ENRICH_ORCHESTRATOR=none, and the Prefect flow it hands its settings
    and options to) run the one list of steps: same input, same summary, same warehouse."""
    from enrich.flow import run_in_process

    for key, value in FAST_ENV.items():
        monkeypatch.setenv(key, value)
    options = RefreshOptions()
    summaries = {}
    catalogues = {}
    for way in ("plain", "flow"):
        with FakeUpstream(seed_world()) as upstream:
            root = tmp_path / way
            settings = make_settings(
                root, base_url=upstream.base_url, env={"GITHUB_TOKEN": TOKEN, "S2_API_KEY": S2_KEY}
            )
            with refresh_lock(settings):  # as the CLI does
                if way == "plain":
                    summary = run_refresh(settings, options, lock_held=True)
                else:
                    summary = run_in_process(settings, options)
            summaries[way] = comparable(summary.as_dict(), str(root), upstream.base_url)
            from enrich.warehouse import open_reader

            with open_reader(settings) as con:
                catalogues[way] = con.execute(CATALOGUE).fetchall()
    assert summaries["plain"]["exit_code"] == 0
    assert summaries["plain"]["sources"]["arxiv"]["requests"] == 1
    assert summaries["flow"] == summaries["plain"]
    assert catalogues["flow"] == catalogues["plain"]


def test_the_deployment_entrypoint_is_the_flow_of_the_installed_package() -> None:
    from prefect.flows import load_flow_from_entrypoint

    from enrich.flow import refresh_flow

    loaded = load_flow_from_entrypoint(f"{ROOT / 'flows' / 'refresh.py'}:refresh_flow")
    assert loaded is refresh_flow  # prefect.yaml's entrypoint: one flow, in enrich.flow


def test_only_enrich_is_installed_no_top_level_flows(tmp_path: Path) -> None:
    distribution = metadata.distribution("enrich")
    top_level = (distribution.read_text("top_level.txt") or "").split()
    files = {
        Path(str(f)).parts[0]
        for f in distribution.files or ()
        if not str(f).startswith(("__editable__", "../")) and ".dist-info" not in str(f)
    }
    assert set(top_level) | files <= {"enrich"}, (top_level, files)
    assert "flows" not in metadata.packages_distributions()
    # Outside the project directory, nothing named `flows` can be imported.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", "import importlib.util as u; print(u.find_spec('flows'))"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout.strip() == "None", done.stdout + done.stderr


def test_a_flow_run_that_meets_a_running_refresh_ends_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefect_harness: None
) -> None:
    """A deployment run (the flow building its own settings) takes the lock itself, and one that
    finds it held ends in a FAILED state named Busy, which the alerts match."""
    from enrich.flow import refresh_flow

    settings = make_settings(tmp_path)
    for key, value in env_for(settings).items():
        monkeypatch.setenv(key, value)
    settings.warehouse_dir.mkdir(parents=True)
    with FileLock(str(settings.warehouse_dir / REFRESH_LOCK_NAME)):
        state = refresh_flow(offline=True, release=False, return_state=True)
    assert state.is_failed() and state.name == "Busy"
    assert "another refresh is running" in (state.message or "")
    assert not settings.warehouse_path.exists()


def test_the_cli_runs_on_the_server_prefect_api_url_names_with_no_ephemeral_start(
    tmp_path: Path, prefect_api: PrefectApi
) -> None:
    """With PREFECT_API_URL naming a running server, `enrich refresh` records its flow run there
    and never imports (let alone starts) Prefect's ephemeral server."""
    settings = make_settings(tmp_path)
    probe = (
        "import sys; from enrich.cli import main; code = main(sys.argv[1:]); "
        "print('ephemeral server imported:', 'prefect.server.api.server' in sys.modules); "
        "sys.exit(code)"
    )
    config = str(settings.config_path)  # a flow run parameter: which run is this one's
    env = {
        **os.environ,
        **env_for(settings),
        **prefect_api.env(),
        "PREFECT_HOME": str(tmp_path / "home"),
    }
    env.pop("ENRICH_ORCHESTRATOR", None)
    done = subprocess.run(
        [sys.executable, "-c", probe, "--config", config, "refresh", "--offline", "--no-release"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "ephemeral server imported: False"
    runs = api(prefect_api.env(), "POST", "/flow_runs/filter", {})
    ours = [run for run in runs if run["parameters"].get("config") == config]
    assert [(run["state_type"], run["parameters"]["offline"]) for run in ours] == [
        ("COMPLETED", True)
    ]
