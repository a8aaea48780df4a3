"""The command line: every command has --help, errors are one line and a non-zero exit."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from enrich.cli import build_parser, main

from support import FAST_ENV, env_for, make_settings

COMMANDS = ("refresh", "rebuild", "sql", "status", "check")
LISTS = Path(__file__).parent / "fixtures" / "lists"


def point_the_cli_at(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings(root)
    for key, value in {**FAST_ENV, **env_for(settings)}.items():
        monkeypatch.setenv(key, value)
    for key in ("ARXIV", "S2", "GITHUB_API", "ACL"):
        monkeypatch.setenv(f"ENRICH_{key}_URL", "http://127.0.0.1:9")


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefect_harness: None) -> Path:
    point_the_cli_at(tmp_path, monkeypatch)
    return tmp_path


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    """One `enrich refresh --offline` (under Prefect) for the tests that only read its result."""
    root = tmp_path_factory.mktemp("refreshed")
    with pytest.MonkeyPatch.context() as monkeypatch:
        point_the_cli_at(root, monkeypatch)
        assert main(["refresh", "--offline"]) == 0
    return root


@pytest.fixture
def refreshed_env(refreshed: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    point_the_cli_at(refreshed, monkeypatch)
    return refreshed


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ((), *((c,) for c in COMMANDS)):
        with pytest.raises(SystemExit) as exit_info:
            main([*command, "--help"])
        assert exit_info.value.code == 0
        assert "usage: enrich" in capsys.readouterr().out


def test_refresh_then_sql_in_three_formats(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["refresh", "--offline"]) == 0
    out = capsys.readouterr().out
    assert "186 entries (94 bullets, 92 table rows)" in out
    assert "arxiv 82" in out and "acl 55" in out and "github 64" in out

    query = (
        "SELECT count(*) AS entries, count(DISTINCT arxiv_id) AS arxiv, "
        "count(DISTINCT acl_id) AS acl, count(DISTINCT github_repo) AS repos FROM catalogue"
    )
    assert main(["sql", query, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"entries": 186, "arxiv": 82, "acl": 55, "repos": 64}
    ]
    assert main(["sql", query, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["entries", "arxiv", "acl", "repos"], ["186", "82", "55", "64"]]
    assert main(["sql", query]) == 0
    table = capsys.readouterr().out
    assert "entries" in table and "186" in table and "(1 row)" in table


def test_sql_is_read_only(refreshed_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "DELETE FROM entries"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("enrich: SQL error") and "read-only" in err
    assert len(err.strip().splitlines()) == 1
    assert main(["sql", "SELECT count(*) AS n FROM entries", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["n"] > 0


def test_sql_before_any_refresh_says_what_to_do(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sql", "SELECT 1"]) == 1
    assert "run `enrich refresh` first" in capsys.readouterr().err


def test_status_shows_runs_freshness_and_coverage(
    refreshed_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "last runs" in out and "completed" in out
    assert "coverage of the catalogue" in out and "186" in out


def test_bad_usage_and_bad_config_exit_2_with_one_line(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["refresh", "--only", "arxiv,nope"]) == 2
    assert "unknown source(s) nope" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("lists: [ {url: 1} ]", encoding="utf-8")
    assert main(["--config", str(bad), "status"]) == 2
    err = capsys.readouterr().err
    assert err == f"enrich: config error: lists[0].name in {bad}: is required but missing\n"
    assert main(["--config", str(tmp_path / "missing.yaml"), "status"]) == 2


def test_console_script_prints_no_traceback(cli_env: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "enrich.cli", "sql", "SELECT * FROM nowhere"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.startswith("enrich:")


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    subparsers = next(
        a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction"
    )
    for command in subparsers.choices:  # type: ignore[attr-defined]
        assert f"enrich {command}" in readme, f"README does not show `enrich {command}`"


def test_check_prints_problems_as_file_line_severity_and_exits_1_on_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = LISTS / "malformed.md"
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{path}:11: error: bullet has a title but no link" in out[2]
    assert out[0].startswith(f"{path}:9: warning: link is missing its closing ')'")
    assert out[-1] == (
        f"{path}: 11 entries (8 bullet, 3 table); 18 links: 12 in entries, 3 in problems, "
        "3 ignored (anchor 1, prose 1, reference 1); 6 errors, 5 warnings"
    )


def test_check_a_clean_list_exits_0_and_speaks_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = LISTS / "awesome-mental-health-llms.README.md"
    assert main(["check", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["entries"], report["errors"], report["warnings"]) == (186, 0, 2)
    assert report["shapes"] == {"bullet": 94, "table": 92}
    assert report["links"] == {"entry": 290, "ignored:badge": 4}
    assert [p["line"] for p in report["problems"]] == [98, 113]


def test_check_needs_no_config_and_refuses_what_is_not_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no enrich.yaml here
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"enrich: {tmp_path} is not a regular file: give the path of a list's README"]
    assert main(["check", str(tmp_path / "missing.md")]) == 2
    assert "cannot read the list" in capsys.readouterr().err
