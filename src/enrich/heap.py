"""How a run treats its memory, decided here: fewer garbage collections while it builds its
data, native memory handed back after a parse, and the load's caches forgotten when it ends.

A run allocates millions of small objects that live until it ends (entries, links, rows).
CPython's cycle collector is triggered by allocations and each full pass walks every live
object, so with the default thresholds it re-walks the run's growing data again and again:
measured on a 10,000-entry rebuild and release, a quarter of all CPU time. Our data holds no
reference cycles that need collecting early, so a run raises the thresholds (collections stay
on, and still free cycles, seventy times less often) and restores them when it ends.
"""

from __future__ import annotations

import ctypes
import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

RUN_THRESHOLDS = (50_000, 20, 20)
"""(young, middle, old) generation thresholds during a run; CPython's default is (700, 10, 10)."""


@contextmanager
def few_collections() -> Iterator[None]:
    """Run the body with `RUN_THRESHOLDS`; the previous thresholds come back afterwards."""
    previous = gc.get_threshold()
    gc.set_threshold(*RUN_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for one burst of short-lived objects (a list's parse: hundreds
    of thousands of tokens, none in reference cycles; measured, the collector rescanning them
    was a third of a 10,000-entry parse, and the peak memory is the same without it). Switched
    back on afterwards, and left alone if someone else had switched it off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def give_back() -> None:
    """Hand the C heap's free memory back to the system (glibc's `malloc_trim`; nothing where
    there is none). A list's syntax tree (markdown-it-pyrs: native memory, ~70 times the list's
    size) is freed when its parse ends, but glibc keeps the pages: 125 of a 10,000-entry parse's
    240 MB stayed in the process, where DuckDB (its own allocator) cannot reuse them."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        # The C library this process already runs on (not ctypes.util.find_library, which
        # starts `ldconfig` in a child: a fork of a process of hundreds of MB).
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim
        return None
    return trim


# What `forget_load_caches` empties: the caches of a load's parse, resolve and checks, each as
# (how many values it holds, how to empty it).
_LOAD_CACHES: list[tuple[Callable[[], int], Callable[[], Any]]] = []

COLLECT_AFTER_VALUES = 200_000
"""Cached values from which forgetting them is followed by a full collection: after a
100,000-entry load (~370,000 values) it frees ~35 MB more in 0.45 s; after a 10,000-entry load
(~90,000) a few MB for ~0.08 s, and after a list of a few hundred entries nothing worth the
~0.085 s a collection of a process with Prefect loaded takes (after every small refresh of the
test suite it cost 15 s)."""


def load_cache(maxsize: int) -> Callable[[Callable[..., T]], functools._lru_cache_wrapper[T]]:
    """`functools.lru_cache(maxsize)` for a function a load calls again and again (a list
    repeats its labels, links and venues), emptied when the load ends (`forget_load_caches`)."""

    def cached(fn: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
        wrapper = functools.lru_cache(maxsize=maxsize)(fn)
        _LOAD_CACHES.append((lambda: wrapper.cache_info().currsize, wrapper.cache_clear))
        return wrapper

    return cached


def forgotten_with_the_load(size: Callable[[], int], clear: Callable[[], Any]) -> None:
    """Have `forget_load_caches` empty a cache of another shape too (`size`: its values)."""
    _LOAD_CACHES.append((size, clear))


def forget_load_caches() -> None:
    """Empty the load's caches and hand the freed memory back: what comes after a load (the
    release) uses none of them. Full, they held ~60 MB at 100,000 entries, and the small
    objects they pinned kept ~100 MB more of Python's heap from being reused or returned: the
    release then started at 500 MB instead of 390. A big load's are followed by a full
    collection (`COLLECT_AFTER_VALUES`)."""
    held = sum(size() for size, _ in _LOAD_CACHES)
    for _, clear in _LOAD_CACHES:
        clear()
    if held >= COLLECT_AFTER_VALUES:
        gc.collect()
    give_back()
