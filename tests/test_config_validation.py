"""Config is validated before anything runs: one line naming the key and where it came from,
exit 2, nothing written (issue 10: NaN, inf, strings, typos and zeros went through or crashed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.cli import main
from enrich.config import load_settings
from enrich.errors import ConfigError

from support import SEED


def config_error(tmp_path: Path, text: str | bytes, env: dict[str, str] | None = None) -> str:
    path = tmp_path / "enrich.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path, env=env or {})
    return str(info.value).replace(str(path), "FILE")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "sources:\n  arxiv: {ttl_days: .nan}\n",
            "config error: sources.arxiv.ttl_days in FILE: Input should be a finite number, "
            "got nan",
        ),
        (
            "sources:\n  arxiv: {ttl_days: .inf}\n",
            "config error: sources.arxiv.ttl_days in FILE: Input should be a finite number, "
            "got inf",
        ),
        (
            "sources:\n  s2: {ttl_days: 100000}\n",
            "config error: sources.s2.ttl_days in FILE: Input should be less than or equal to "
            "3650, got 100000",
        ),
        (
            "sources:\n  github: fast\n",
            "config error: sources.github in FILE: must be a mapping of settings (key: value), "
            "got 'fast'",
        ),
        (
            "lists:\n  - {name: a, url: 123}\n",
            "config error: lists[0].url in FILE: Input should be a valid string, got 123",
        ),
        (
            "sources:\n  s2: {batch_size: 0}\n",
            "config error: sources.s2.batch_size in FILE: Input should be greater than or "
            "equal to 1, got 0",
        ),
        (
            "sources:\n  arxiv: {batch_size: 500}\n",
            "config error: sources.arxiv.batch_size in FILE: Input should be less than or "
            "equal to 100, got 500",
        ),
        (
            "timeout_seconds: 0\n",
            "config error: timeout_seconds in FILE: Input should be greater than 0, got 0",
        ),
        (
            "sources:\n  arxiv: {ttl_day: 3}\n",
            "config error: unknown key 'sources.arxiv.ttl_day' in FILE; did you mean 'ttl_days'?",
        ),
        (
            "sources:\n  arxv: {}\n",
            "config error: unknown key 'sources.arxv' in FILE; did you mean 'arxiv'?",
        ),
        (
            "timout_seconds: 3\n",
            "config error: unknown key 'timout_seconds' in FILE; did you mean 'timeout_seconds'?",
        ),
        (
            "lists:\n  - {name: a, snapshoot: a.md}\n",
            "config error: unknown key 'lists[0].snapshoot' in FILE; did you mean 'snapshot'?",
        ),
        (
            "lists:\n  - {name: a, url: 'javascript:alert(1)'}\n",
            "config error: lists[0].url in FILE: must be an http(s) URL, got 'javascript:alert(1)'",
        ),
        (
            "max_shrink: 1.5\n",
            "config error: max_shrink in FILE: Input should be less than or equal to 1, got 1.5",
        ),
    ],
)
def test_bad_values_in_the_file_name_key_and_file(tmp_path: Path, text: str, message: str) -> None:
    assert config_error(tmp_path, text) == message


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"ENRICH_S2_BATCH": "0"},
            "config error: sources.s2.batch_size in $ENRICH_S2_BATCH: Input should be greater "
            "than or equal to 1, got '0'",
        ),
        (
            {"ENRICH_TIMEOUT": "nan"},
            "config error: timeout_seconds in $ENRICH_TIMEOUT: Input should be a finite number, "
            "got 'nan'",
        ),
        (
            {"ENRICH_GITHUB_API_URL": "file:///etc"},
            "config error: sources.github.base_url in $ENRICH_GITHUB_API_URL: must be an "
            "http(s) URL, got 'file:///etc'",
        ),
        (
            {"ENRICH_DATA_DIR": "/dev/null/x"},
            "config error: ENRICH_DATA_DIR: /dev/null/x cannot be a directory (/dev/null is not "
            "a directory)",
        ),
    ],
)
def test_bad_values_in_the_environment_name_the_variable(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    assert config_error(tmp_path, "lists: []\n", env) == message


def test_a_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    assert config_error(tmp_path, b"lists:\n  - name: caf\xe9\n") == (
        "config error: FILE: not UTF-8 text (byte 20)"
    )


def test_the_command_line_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "list.md").write_bytes(SEED.read_bytes())
    config = tmp_path / "enrich.yaml"
    config.write_text(
        "lists:\n  - {name: mh, snapshot: list.md}\nsources:\n  s2: {batch_size: 0}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("ENRICH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ENRICH_ORCHESTRATOR", "none")
    assert main(["--config", str(config), "refresh", "--offline"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"enrich: config error: sources.s2.batch_size in {config}: Input should be greater "
        "than or equal to 1, got 0\n"
    )
    assert not (tmp_path / "data").exists()


def test_good_values_from_file_and_environment(tmp_path: Path) -> None:
    path = tmp_path / "enrich.yaml"
    path.write_text(
        "sources:\n  arxiv: {ttl_days: 7, batch_size: 50}\nmax_shrink: 0.2\n", encoding="utf-8"
    )
    settings = load_settings(path, env={"ENRICH_ARXIV_PACE": "4.5", "ENRICH_MAX_RETRIES": "2"})
    arxiv = settings.sources["arxiv"]
    assert (arxiv.ttl_days, arxiv.batch_size, arxiv.pace_seconds) == (7, 50, 4.5)
    assert settings.max_retries == 2 and settings.max_shrink == 0.2
    assert settings.notices == ()
