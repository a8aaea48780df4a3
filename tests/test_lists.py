"""Fetching a list: conditional GET, versions kept by hash, fallback when offline, and what
changed between two versions."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest

from enrich import parse, pipeline
from enrich.errors import EnrichError
from enrich.http import RunStats
from enrich.lists import fetch_list, list_dir
from enrich.pipeline import RefreshOptions, fetch_lists, run_rebuild, run_refresh
from enrich.warehouse import open_reader

from support import SEED, SEED_OLD, make_settings

LIST_PATH = "/Emo-gml/Awesome-Mental-Health-LLMs/main/README.md"
NO_SOURCES = RefreshOptions(only=frozenset(), release=False)  # the list only, no enrichment


def test_conditional_get_and_versions_by_hash(tmp_path: Path, fake_upstream) -> None:
    fake_upstream.serve_file(LIST_PATH, SEED_OLD.read_bytes())
    settings = make_settings(tmp_path, url=fake_upstream.url(LIST_PATH), list_file=None)
    stats = RunStats()

    ((_, first),) = fetch_lists(settings, NO_SOURCES, stats)
    assert first.origin == "network" and first.raw == SEED_OLD.read_bytes()
    assert first.path == list_dir(settings, "mh") / f"{first.sha256}.md"

    ((_, second),) = fetch_lists(settings, NO_SOURCES, stats)
    assert second.origin == "not-modified" and second.sha256 == first.sha256
    sent = fake_upstream.requests_for("files")[-1].headers
    assert {k.lower(): v for k, v in sent.items()}["if-none-match"]
    assert stats.of("lists").not_modified == 1

    fake_upstream.serve_file(LIST_PATH, SEED.read_bytes())
    ((_, third),) = fetch_lists(settings, NO_SOURCES, stats)
    assert third.origin == "network" and third.sha256 != first.sha256
    # Every distinct version is kept, raw bytes untouched (mojibake and all).
    kept = sorted(p.name for p in list_dir(settings, "mh").glob("*.md"))
    assert kept == sorted([f"{first.sha256}.md", f"{third.sha256}.md"])
    assert (list_dir(settings, "mh") / f"{third.sha256}.md").read_bytes() == SEED.read_bytes()


def test_unreachable_network_falls_back_to_the_newest_stored_version(
    tmp_path: Path, fake_upstream
) -> None:
    fake_upstream.serve_file(LIST_PATH, SEED_OLD.read_bytes())
    settings = make_settings(tmp_path, url=fake_upstream.url(LIST_PATH))
    ((_, fetched),) = fetch_lists(settings, NO_SOURCES, RunStats())
    fake_upstream.stop()
    ((_, fallback),) = fetch_lists(settings, NO_SOURCES, RunStats())
    assert fallback.origin == "stored" and fallback.sha256 == fetched.sha256
    assert "could not fetch the list" in (fallback.note or "")


def test_no_network_and_nothing_stored_uses_the_bundled_snapshot(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, url="http://127.0.0.1:9/README.md")
    ((_, version),) = fetch_lists(settings, NO_SOURCES, RunStats())
    assert version.origin == "snapshot" and version.raw == SEED.read_bytes()
    assert "bundled snapshot" in (version.note or "")


def test_nothing_to_fall_back_to_is_a_clear_error(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, url="http://127.0.0.1:9/README.md", list_file=None)
    with pytest.raises(EnrichError, match="no stored version or snapshot"):
        fetch_list(settings.lists[0], settings, None, offline=True)


def test_run_records_the_list_version_it_used(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    summary = run_refresh(settings, RefreshOptions(offline=True, release=False))
    with open_reader(settings) as con:
        used = con.execute(
            "SELECT list_name, sha256, origin FROM run_list_versions WHERE run_id = ?",
            [summary.run_id],
        ).fetchall()
    assert used == [("mh", summary.lists[0].sha256, "file")]


def test_refresh_from_one_version_to_the_next_shows_added_removed_moved(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, list_file=SEED_OLD)
    offline = RefreshOptions(offline=True, release=False)
    old = run_refresh(settings, offline)
    assert (old.lists[0].entries, old.lists[0].bullets, old.lists[0].table_rows) == (149, 94, 55)

    # The real next day: 37 dataset rows added (two tables), nothing removed or moved.
    (tmp_path / "list.md").write_bytes(SEED.read_bytes())
    new = run_refresh(settings, offline)
    assert new.lists[0].entries == 186
    assert new.lists[0].changes == {"added": 37, "removed": 0, "moved": 0}

    # An edit of our own: one entry moved to another section, one removed.
    text = SEED.read_bytes().decode("utf-8")
    lines = text.split("\n")
    moved = next(i for i, line in enumerate(lines) if "MemoryBank: Enhancing" in line)
    removed = next(i for i, line in enumerate(lines) if "RLVER: Reinforcement" in line)
    target = next(i for i, line in enumerate(lines) if line.startswith("### 2.3"))
    entry = lines[moved]
    edited = [line for i, line in enumerate(lines) if i not in (moved, removed)]
    edited.insert(edited.index(lines[target]) + 1, entry)
    (tmp_path / "list.md").write_bytes("\n".join(edited).encode("utf-8"))
    third = run_refresh(settings, offline)
    assert third.lists[0].changes == {"added": 0, "removed": 1, "moved": 1}
    with open_reader(settings) as con:
        section = con.execute(
            "SELECT subsection FROM catalogue WHERE listed_title LIKE 'MemoryBank%'"
        ).fetchone()
    assert section is not None and section[0].startswith("2.3")


def test_rebuild_holds_one_parsed_version_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild of a long history (or of many lists) keeps only each list's report, not every
    version's entries: when a version is parsed, no version parsed before it is still alive."""
    settings = make_settings(tmp_path, list_file=SEED_OLD)
    offline = RefreshOptions(offline=True, release=False)
    run_refresh(settings, offline)
    (tmp_path / "list.md").write_bytes(SEED.read_bytes())
    run_refresh(settings, offline)

    earlier: list[weakref.ref[pipeline.ParsedVersion]] = []
    alive_at_parse: list[int] = []
    parse_versions = pipeline.parse_versions

    def watched(*args: Any) -> Any:
        gc.collect()
        alive_at_parse.append(sum(ref() is not None for ref in earlier))
        out = parse_versions(*args)
        earlier.extend(weakref.ref(pv) for pv in out)
        return out

    monkeypatch.setattr(pipeline, "parse_versions", watched)
    monkeypatch.setattr(parse, "_RECENT", parse._Memo(0))  # the parse memo would hold some
    summary = run_rebuild(settings)
    assert alive_at_parse == [0, 0]  # two versions, each parsed with nothing before it alive
    assert [r.entries for r in summary.lists] == [186]
    assert summary.lists[0].changes == {"added": 37, "removed": 0, "moved": 0}


def test_rebuild_reads_each_version_when_it_is_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list's history names its versions; their bytes are read one at a time, as each is
    parsed (a year of daily versions of a big list would otherwise be read whole first)."""
    from enrich.lists import read_history, sha256_of

    settings = make_settings(tmp_path, list_file=SEED_OLD)
    offline = RefreshOptions(offline=True, release=False)
    run_refresh(settings, offline)
    (tmp_path / "list.md").write_bytes(SEED.read_bytes())
    run_refresh(settings, offline)
    history = read_history(settings, "mh")
    assert [v.path.name for v in history] == [
        f"{sha256_of(SEED_OLD.read_bytes())}.md", f"{sha256_of(SEED.read_bytes())}.md"
    ]

    reads: list[str] = []
    real_read = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.suffix == ".md" and path.parent == list_dir(settings, "mh"):
            reads.append(path.name)
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    assert read_history(settings, "mh") == history and reads == []  # names, not bytes
    assert history[1].load().raw == SEED.read_bytes() and len(reads) == 1


def test_lists_parsed_two_at_a_time_are_parsed_as_one_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import datetime

    from enrich import worker
    from enrich.config import ListConfig
    from enrich.lists import Guard, ListVersion, sha256_of

    def version(name: str, raw: bytes, guard: Guard | None = None) -> ListVersion:
        return ListVersion(name, sha256_of(raw), raw, Path(f"/nowhere/{name}.md"), "file",
                           datetime(2026, 12, 1), guard=guard)  # fmt: skip

    seed, old = SEED.read_bytes(), SEED_OLD.read_bytes()
    guard = Guard(previous_sha256="0" * 64, previous_entries=1000, max_shrink=0.5)
    fetched = [
        (ListConfig("a", None, "https://github.com/o/a"), version("a", seed)),
        (ListConfig("b", None, None), version("b", old)),
        (ListConfig("c", None, None), version("c", b"<!DOCTYPE html><html></html>", guard)),
        (ListConfig("d", None, None), version("d", seed, guard)),  # shrinks from 1,000
        (ListConfig("e", None, None), version("e", seed[: len(seed) // 2])),
    ]
    handed: list[Any] = []
    submit = worker.Helper.submit

    def counted(self: worker.Helper, fn: Any, *args: Any, **kwargs: Any) -> Any:
        handed.append(args)
        return submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(worker.Helper, "submit", counted)
    monkeypatch.setattr(worker, "PARSE_MIN_BYTES", 1 << 40)
    alone = pipeline.parse_versions(fetched)
    assert handed == []
    monkeypatch.setattr(worker, "PARSE_MIN_BYTES", 0)
    shared = pipeline.parse_versions(fetched)
    assert handed  # the helper parsed some of them
    assert [pv.quarantined is None for pv in shared] == [True, True, False, False, True]
    for one, two in zip(alone, shared, strict=True):
        assert (two.config, two.version) == (one.config, one.version)
        assert (two.parsed, two.resolved, two.quarantined) == (
            one.parsed, one.resolved, one.quarantined
        )  # fmt: skip
