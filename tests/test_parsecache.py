"""The parse kept on disk (`enrich.parsecache`): read back only for the same bytes, name, URL,
year and code; never a torn file or a parser failure; a list's old parses forgotten."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from enrich import parse, parsecache
from enrich.models import ParsedList
from enrich.parse import parse_list
from enrich.parsecache import KEEP_PER_LIST, parse_kept
from enrich.pipeline import RefreshOptions, run_rebuild, run_refresh
from enrich.warehouse import open_reader

from support import SEED, SEED_OLD, make_settings

FIXTURE_LISTS = sorted((Path(__file__).parent / "fixtures" / "lists").rglob("*.md"))
URL = "https://github.com/o/awesome"


@pytest.fixture
def no_parse(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Parses of this test from here on are recorded (by list name) instead of made."""
    asked: list[str] = []

    def refused(list_name: str, raw: bytes, **kwargs: Any) -> Any:
        asked.append(list_name)
        return parse_list(list_name, raw, **kwargs)

    monkeypatch.setattr(parsecache, "parse_list", refused)
    return asked


def _fresh(list_name: str, raw: bytes, **kwargs: Any) -> ParsedList:
    parse._RECENT.clear()  # the in-memory memo must not answer for the file
    return parse_list(list_name, raw, **kwargs)


@pytest.mark.parametrize("path", [SEED, SEED_OLD, *FIXTURE_LISTS[:40]], ids=lambda p: p.name)
def test_a_parse_read_back_equals_the_parse(tmp_path: Path, path: Path) -> None:
    raw = path.read_bytes()
    first = parse_kept(tmp_path, "mh", raw, list_url=URL, current_year=2026)
    parse._RECENT.clear()
    again = parse_kept(tmp_path, "mh", raw, list_url=URL, current_year=2026)
    assert again is not first  # read from the file, not from the parser's memo
    assert again == first == _fresh("mh", raw, list_url=URL, current_year=2026)
    assert len(list(tmp_path.glob("*.json"))) == 1
    # The layout comes back with it, as the parse's own (the annotated list reads it).
    layout = parse.list_layout(raw)
    parse._LAYOUTS.clear()
    assert not parse.layout_known(raw)
    parse_kept(tmp_path, "mh", raw, list_url=URL, current_year=2026)
    assert parse.layout_known(raw)
    read_back = parse.list_layout(raw)
    parse._LAYOUTS.clear()
    assert read_back == layout == parse.list_layout(raw)


def test_anything_the_parse_depends_on_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_parse: list[str]
) -> None:
    raw = SEED.read_bytes()
    parse_kept(tmp_path, "mh", raw, list_url=URL, current_year=2026)
    parse._RECENT.clear()
    parse_kept(tmp_path, "mh", raw, list_url=URL, current_year=2026)
    assert no_parse == ["mh"]  # the second was read back

    parse_kept(tmp_path, "mh", raw + b"\n- [A new paper](https://arxiv.org/abs/2401.00001)\n",
               list_url=URL, current_year=2026)  # fmt: skip
    parse_kept(tmp_path, "mh", raw, list_url="https://github.com/o/other", current_year=2026)
    moved = parse_kept(tmp_path, "mh", raw, list_url=URL, current_year=2030)
    renamed = parse_kept(tmp_path, "other", raw, list_url=URL, current_year=2026)
    monkeypatch.setattr(parsecache, "code_key", lambda: "0123456789abcdef")
    parse_kept(tmp_path, "mh", raw, list_url=URL, current_year=2026)
    assert no_parse == ["mh"] * 4 + ["other", "mh"]
    assert renamed.list_name == "other" and {e.list_name for e in renamed.entries} == {"other"}
    assert moved == _fresh("mh", raw, list_url=URL, current_year=2030)


def test_the_code_key_is_the_code_that_parses() -> None:
    key = parsecache.code_key()
    assert len(key) == 16 and int(key, 16) >= 0
    assert key == parsecache.code_key()
    # Each module of the package is in it: the parser's own and the records it builds.
    hashed = {p.name for p in Path(parsecache.__file__).parent.rglob("*.py")}
    assert {"fields.py", "build.py", "models.py", "markers.py", "parsecache.py"} <= hashed


def test_a_torn_or_foreign_file_is_parsed_again_and_rewritten(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, no_parse: list[str]
) -> None:
    raw = SEED_OLD.read_bytes()
    parsed = parse_kept(tmp_path, "mh", raw, current_year=2026)
    (kept,) = tmp_path.glob("*.json")
    whole = kept.read_bytes()
    for broken in (whole[: len(whole) // 2], b"", b'{"format": 99}', b"[1, 2]"):
        kept.write_bytes(broken)
        parse._RECENT.clear()
        with caplog.at_level(logging.WARNING, logger="enrich.parsecache"):
            assert parse_kept(tmp_path, "mh", raw, current_year=2026) == parsed
        assert kept.read_bytes() == whole
    assert len(no_parse) == 5
    assert "could not be read back" in caplog.text and "parsing the list again" in caplog.text


def test_a_parser_failure_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> Any:
        raise MemoryError("a bad moment, not a bad list")

    monkeypatch.setattr(parse, "_parse", broken)
    failed = parse_kept(tmp_path, "mh", SEED.read_bytes(), current_year=2026)
    assert failed.entries == () and failed.problems[0].reason.startswith(parse.INTERNAL_ERROR)
    assert list(tmp_path.iterdir()) == []


def test_a_list_keeps_its_last_parses_and_drops_other_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsecache, "code_key", lambda: "aaaaaaaaaaaaaaaa")
    parse_kept(tmp_path, "other", b"- [A](https://arxiv.org/abs/2401.00001)\n", current_year=2026)
    parse_kept(tmp_path, "mh", b"- [B](https://arxiv.org/abs/2401.00002)\n", current_year=2026)
    monkeypatch.setattr(parsecache, "code_key", lambda: "bbbbbbbbbbbbbbbb")
    for n in range(KEEP_PER_LIST + 2):
        raw = f"- [Paper {n}](https://arxiv.org/abs/2401.0000{n})\n".encode()
        parse_kept(tmp_path, "mh", raw, current_year=2026)
    names = sorted(p.name for p in tmp_path.iterdir())
    mine = [name for name in names if "-bbbbbbbbbbbbbbbb-" in name]
    assert len(mine) == KEEP_PER_LIST  # the other code's parse of "mh" is gone too
    assert len(names) == KEEP_PER_LIST + 1  # "other" keeps its own
    assert not list(tmp_path.glob(".*"))  # no partial file left


def test_a_kept_parse_is_as_private_as_the_list_versions(tmp_path: Path) -> None:
    cache = tmp_path / "state" / "parsed"
    parse_kept(cache, "mh", SEED.read_bytes(), current_year=2026)
    (kept,) = cache.iterdir()
    assert cache.stat().st_mode & 0o777 == 0o700
    assert kept.stat().st_mode & 0o777 == 0o600


def test_an_unwritable_cache_costs_a_parse_not_the_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    with caplog.at_level(logging.WARNING, logger="enrich.parsecache"):
        parsed = parse_kept(blocked / "parsed", "mh", SEED.read_bytes(), current_year=2026)
    assert len(parsed.entries) == 186 and "could not keep" in caplog.text


def _catalogue(settings: Any) -> list[tuple[Any, ...]]:
    with open_reader(settings) as con:
        return con.execute(
            "SELECT sha256, position, line_no, listed_title, listed_venue, listed_year, work_id "
            "FROM entries ORDER BY sha256, position"
        ).fetchall()


def test_a_nightly_and_a_rebuild_read_the_unchanged_list_back(
    tmp_path: Path, no_parse: list[str]
) -> None:
    settings = make_settings(tmp_path)
    offline = RefreshOptions(offline=True, release=False)
    first = run_refresh(settings, offline)
    assert no_parse == ["mh"] and len(list(settings.parse_cache_dir.glob("*.json"))) == 1
    catalogue = _catalogue(settings)
    parse._RECENT.clear()
    second = run_refresh(settings, offline)
    run_rebuild(settings)
    assert no_parse == ["mh"]  # neither parsed the list again
    assert second.lists[0].entries == first.lists[0].entries == 186
    assert _catalogue(settings) == catalogue
