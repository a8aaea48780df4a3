"""`enrich sql` reaches the warehouse and nothing else: each door of issue 10, one test each.

Every refused statement ends with one line on stderr, exit 2, no output, no file written and the
warehouse byte for byte unchanged."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from enrich.cli import main
from enrich.pipeline import RefreshOptions, run_refresh

from support import env_for, make_settings

SECRET = "sk-" + "PLANTEDENVSECRET" + "1" * 12  # fake, built at runtime


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("door")
    settings = make_settings(root)
    run_refresh(settings, RefreshOptions(offline=True, release=False))
    return settings.warehouse_path, env_for(settings)


@pytest.fixture
def door(warehouse: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> Path:
    path, env = warehouse
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GITHUB_TOKEN", SECRET)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(query: str, capsys: pytest.CaptureFixture[str], path: Path) -> str:
    before = digest(path)
    code = main(["sql", query])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("enrich: ")
    assert SECRET not in err
    assert digest(path) == before
    return err.strip()


def test_a_select_still_answers(door: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "SELECT count(*) AS n FROM catalogue", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\n186\n"


def test_the_environment_cannot_be_read(door: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused("SELECT content FROM read_text('/proc/self/environ')", capsys, door)
    assert err == (
        'enrich: SQL error: Permission Error: Cannot access file "/proc/self/environ" - '
        "file system operations are disabled by configuration"
    )
    refused("SELECT getenv('GITHUB_TOKEN')", capsys, door)


def test_no_file_can_be_read_or_listed(
    door: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private = tmp_path / "private.csv"
    private.write_text("secret\n" + SECRET + "\n", encoding="utf-8")
    for query in (
        f"SELECT * FROM read_text('{private}')",
        f"SELECT * FROM read_csv('{private}')",
        f"SELECT * FROM '{private}'",
        f"SELECT * FROM glob('{tmp_path}/**')",
        "SELECT * FROM read_parquet('http://127.0.0.1:9/x.parquet')",
    ):
        assert "file system operations are disabled" in refused(query, capsys, door)


def test_copy_and_export_write_nothing(
    door: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    err = refused(f"COPY (SELECT * FROM catalogue) TO '{target}'", capsys, door)
    assert err == (
        "enrich: SQL error: enrich sql is read-only and reaches only the warehouse: COPY is "
        "refused (files come from releases: data/releases/latest/)"
    )
    assert "EXPORT is refused (files come" in refused(
        f"EXPORT DATABASE '{tmp_path / 'dump'}'", capsys, door
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("ATTACH '/tmp/other.duckdb' AS other", "ATTACH"),
        ("INSTALL httpfs", "INSTALL"),
        ("LOAD httpfs", "LOAD"),
        ("PRAGMA database_list", "PRAGMA"),
        ("SET enable_external_access = true", "SET"),
        ("RESET lock_configuration", "RESET"),
        ("CALL pragma_version()", "CALL"),
        ("DETACH catalogue", "DETACH"),
        ("CREATE TEMP TABLE t AS SELECT 1", "CREATE"),
        ("DELETE FROM entries", "DELETE"),
    ],
)
def test_statements_that_write_or_reach_outside_are_refused(
    door: Path, capsys: pytest.CaptureFixture[str], query: str, word: str
) -> None:
    assert refused(query, capsys, door) == (
        "enrich: SQL error: enrich sql is read-only and reaches only the warehouse: "
        f"{word} is refused"
    )


def test_one_statement_per_call(door: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused("SELECT 1; COPY (SELECT 1) TO '/tmp/x.csv'", capsys, door)
    assert err == "enrich: SQL error: enrich sql runs one statement at a time; got 2"


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    door: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = (
        "SELECT '=HYPERLINK(\"http://x\")' AS a, '+1' AS b, '-2' AS c, '@SUM(A1)' AS d, "
        "-3 AS n, 'plain' AS e"
    )
    assert main(["sql", query, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[1] == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "-3", "plain"]
