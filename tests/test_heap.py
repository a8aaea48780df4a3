"""A run raises the cycle collector's thresholds while it builds its data, and restores them;
a load's caches are forgotten when it ends."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from enrich import heap, pipeline
from enrich.heap import RUN_THRESHOLDS, few_collections, forget_load_caches, load_cache
from enrich.ids import canonicalize
from enrich.pipeline import RefreshOptions, run_rebuild, run_refresh
from enrich.release import write_release
from enrich.resolve import normalise_title

from support import make_settings


def test_thresholds_are_raised_inside_and_restored_after_even_on_error() -> None:
    before = gc.get_threshold()
    assert before != RUN_THRESHOLDS
    with few_collections():
        assert gc.get_threshold() == RUN_THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), few_collections():
        raise RuntimeError("a step failed")
    assert gc.get_threshold() == before


def test_refresh_rebuild_and_release_run_with_few_collections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, tuple[int, int, int]] = {}
    parse_versions = pipeline.parse_versions

    def watched(*args: Any) -> Any:
        seen.setdefault("refresh" if "refresh" not in seen else "rebuild", gc.get_threshold())
        return parse_versions(*args)

    monkeypatch.setattr(pipeline, "parse_versions", watched)
    settings = make_settings(tmp_path)
    before = gc.get_threshold()
    summary = run_refresh(settings, RefreshOptions(offline=True, release=False))
    run_rebuild(settings)
    assert seen == {"refresh": RUN_THRESHOLDS, "rebuild": RUN_THRESHOLDS}
    assert gc.get_threshold() == before

    import enrich.release.write as release_write

    catalogue = release_write.stage_entries

    def staged(*args: Any, **kwargs: Any) -> Any:
        seen["release"] = gc.get_threshold()
        return catalogue(*args, **kwargs)

    monkeypatch.setattr(release_write, "stage_entries", staged)
    write_release(settings, summary=summary)
    assert seen["release"] == RUN_THRESHOLDS
    assert gc.get_threshold() == before


def test_a_pause_switches_the_collector_back_on_only_if_it_was_on() -> None:
    from enrich.heap import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # someone else's choice is kept
    finally:
        gc.enable()


def test_giving_memory_back_starts_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """`give_back` finds malloc_trim in the C library the process runs on: looking the library
    up by name (ctypes.util) forked an `ldconfig` child of a process of hundreds of MB."""
    import subprocess
    import sys

    from enrich import heap

    def no_process(*args: object, **kwargs: object) -> None:
        raise AssertionError("give_back started a process")

    monkeypatch.setattr(subprocess.Popen, "__init__", no_process)
    monkeypatch.setattr("os.fork", no_process)
    heap._malloc_trim.cache_clear()
    try:
        heap.give_back()
        if sys.platform.startswith("linux"):  # glibc here; elsewhere there is nothing to trim
            assert heap._malloc_trim() is not None
    finally:
        heap._malloc_trim.cache_clear()


def test_a_load_cache_caches_until_the_load_forgets_it() -> None:
    calls: list[str] = []

    @load_cache(8)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert shout("a") == shout("a") == "A"
    assert calls == ["a"]
    forget_load_caches()
    assert shout.cache_info().currsize == 0
    assert shout("a") == "A"
    assert calls == ["a", "a"]


def test_refresh_and_rebuild_forget_their_caches_before_the_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse's, resolve's and checks' caches are full while a load runs and empty once it
    ended (what comes after, the release, reads none of them)."""
    import enrich.parse as parse

    during: list[int] = []
    finish_summary = pipeline.finish_summary

    def watched(*args: Any, **kwargs: Any) -> Any:
        during.append(canonicalize.cache_info().currsize + len(parse._RECENT))
        return finish_summary(*args, **kwargs)

    monkeypatch.setattr(pipeline, "finish_summary", watched)
    settings = make_settings(tmp_path)
    for run in (
        lambda: run_refresh(settings, RefreshOptions(offline=True, release=False)),
        lambda: run_rebuild(settings),
    ):
        run()
        assert during.pop() > 0
        assert canonicalize.cache_info().currsize == 0
        assert normalise_title.cache_info().currsize == 0
        assert not parse._RECENT


def test_only_forgetting_a_big_loads_caches_pays_for_a_full_collection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collections: list[object] = []
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(args) or 0)
    monkeypatch.setattr(heap, "COLLECT_AFTER_VALUES", 3)

    @load_cache(8)
    def double(n: int) -> int:
        return 2 * n

    forget_load_caches()  # whatever other tests left in the caches
    collections.clear()
    double(1), double(2)
    forget_load_caches()
    assert collections == []  # 2 values: a small load
    double(1), double(2), double(3)
    forget_load_caches()
    assert len(collections) == 1


def test_a_refresh_lets_go_of_each_lists_parse_once_it_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run's lists are parsed before the fetch and loaded after it; once loaded, their
    entries live in the warehouse and the run keeps only each list's report."""
    seen: list[pipeline.ParsedVersion] = []
    load_everything = pipeline.load_everything

    def watched(con: Any, settings: Any, parsed: Any, *args: Any, **kwargs: Any) -> Any:
        seen.extend(parsed)
        assert all(pv.parsed.entries for pv in parsed)
        return load_everything(con, settings, parsed, *args, **kwargs)

    monkeypatch.setattr(pipeline, "load_everything", watched)
    summary = run_refresh(make_settings(tmp_path), RefreshOptions(offline=True, release=False))
    assert seen
    for pv in seen:
        assert (pv.parsed.entries, pv.parsed.link_ledger, pv.resolved) == ((), (), [])
    reported = {rep.name: rep.entries for rep in summary.lists}
    assert reported == {pv.config.name: pv.loaded().report.entries for pv in seen}
    assert all(reported.values())
