"""A full disk, a forbidden directory or a DuckDB I/O failure ends with one line and exit 1, the
published warehouse unchanged (issue 10: tracebacks); raw answers are readable by their owner
only."""

from __future__ import annotations

import errno
import hashlib
import stat
from pathlib import Path
from typing import Any

import duckdb
import pytest

from enrich.cli import main

from prefect_api import PrefectApi
from support import env_for, make_settings


@pytest.fixture
def refreshed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    settings = make_settings(tmp_path)
    for key, value in env_for(settings).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ENRICH_ORCHESTRATOR", "none")
    assert main(["refresh", "--offline", "--no-release"]) == 0
    return settings.warehouse_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fail_with(error: BaseException) -> Any:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


@pytest.mark.parametrize(
    ("target", "error", "line"),
    [
        (
            "enrich.warehouse.shutil.copyfile",
            OSError(errno.ENOSPC, "No space left on device", "/data/warehouse/x.building"),
            "enrich: No space left on device: /data/warehouse/x.building (errno 28); "
            "nothing half-written was published",
        ),
        (
            "enrich.lists.write_private",
            PermissionError(errno.EACCES, "Permission denied", "/data/raw/lists/mh/x.md"),
            "enrich: Permission denied: /data/raw/lists/mh/x.md (errno 13); nothing "
            "half-written was published",
        ),
        (
            "enrich.pipeline.load_everything",
            duckdb.IOException("IO Error: Could not write file: No space left on device"),
            "enrich: the warehouse could not be written: IO Error: Could not write file: No "
            "space left on device; nothing half-written was published",
        ),
        (  # after the load's rows were committed to the private copy (checkpoint_transaction)
            "enrich.pipeline.rebuild_works",
            duckdb.IOException("IO Error: Could not write file: No space left on device"),
            "enrich: the warehouse could not be written: IO Error: Could not write file: No "
            "space left on device; nothing half-written was published",
        ),
    ],
)
def test_machine_faults_are_one_line_and_exit_1(
    refreshed: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: str,
    error: BaseException,
    line: str,
) -> None:
    before = digest(refreshed)
    capsys.readouterr()
    monkeypatch.setattr(target, fail_with(error))
    listed = refreshed.parents[2] / "list.md"  # a new version of the list, to be stored
    listed.write_bytes(
        listed.read_bytes() + b"\n- **One more** [[paper]](https://arxiv.org/abs/2401.00001)\n"
    )
    assert main(["refresh", "--offline", "--no-release", "--accept-shrink"]) == 1
    _, err = capsys.readouterr()
    assert err == line + "\n"
    assert digest(refreshed) == before
    assert not list(refreshed.parent.glob("*.building*"))


def test_raw_answers_and_list_versions_are_owner_only(refreshed: Path) -> None:
    raw = refreshed.parent.parent / "raw"
    files = [p for p in raw.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    for path in [p for p in raw.rglob("*") if p.is_dir() and p != raw]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def _cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of an `enrich` process of a test: this one's, less what configures
    enrich, with a data directory and a Prefect home of its own."""
    import os

    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ENRICH_", "PREFECT_")) and key not in ("GITHUB_TOKEN", "S2_API_KEY")
    }
    return env | {
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "ENRICH_DATA_DIR": str(tmp_path / "data"),
        **extra,
    }


def _enrich(tmp_path: Path, env: dict[str, str], *args: str) -> Any:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )


# `enrich` itself, then whether it imported Prefect (on stdout, after what enrich printed).
PROBE = (
    "import sys; from enrich.cli import main; code = main(sys.argv[1:]); "
    "print('prefect imported:', 'prefect' in sys.modules); sys.exit(code)"
)


def test_an_expected_error_under_prefect_is_one_line(
    tmp_path: Path, prefect_api: PrefectApi
) -> None:
    """Issue 10: under Prefect an expected error printed 74-172 lines (its task and flow
    tracebacks). The real command, in a process of its own with a fresh PREFECT_HOME, its flow
    run on the tests' Prefect API; the error comes from inside the flow (a list that cannot be
    read offline). The ephemeral server's own start is what `.ci/run`'s smoke run does."""
    (tmp_path / "enrich.yaml").write_text(
        "lists:\n  - name: mh\n    url: http://127.0.0.1:9/README.md\n", encoding="utf-8"
    )
    done = _enrich(tmp_path, _cli_env(tmp_path, **prefect_api.env()), "refresh", "--offline")
    assert (done.returncode, done.stdout) == (1, "prefect imported: True\n"), done.stderr
    assert done.stderr == (
        "enrich: list 'mh': offline: the list was not fetched, and there is no stored version "
        "or snapshot to fall back to\n"
    )


def test_nothing_to_refresh_is_said_before_prefect_starts(tmp_path: Path) -> None:
    """No list configured: a usage error (exit 2), and Prefect is not even imported (its start
    takes seconds to half a minute on a fresh machine)."""
    (tmp_path / "enrich.yaml").write_text("lists: []\n", encoding="utf-8")
    done = _enrich(tmp_path, _cli_env(tmp_path), "refresh", "--offline")
    assert (done.returncode, done.stdout) == (2, "prefect imported: False\n")
    assert done.stderr == (
        "enrich: no lists configured: add one to enrich.yaml or pass --list FILE_OR_URL\n"
    )
