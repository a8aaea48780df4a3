"""A helper process for pure-Python work that can run beside this process's own.

The machine a nightly run gets has two cores, and Python uses one of them per process: work
that needs nothing from the rest of the run (parsing saved answers during a rebuild, reading
the lists' block layouts for a release's annotated lists and checking and comparing its
catalogue.json while the other files are written) goes to one helper
process so the two share the machine instead of taking turns. Only big inputs pay for it: a
helper's start (a fresh interpreter and its imports) costs ~0.5 s of the other core.

What a helper does must be a module-level function of picklable arguments whose result is the
same whether it runs there or here (`run_in` without a helper): a helper can make a run faster,
never different.
"""

from __future__ import annotations

import functools
import importlib
import logging
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Generic, ParamSpec, TypeVar

# Input sizes from which a helper pays for its start (~0.5 s of the other core) and for the
# memory it holds beside this process (bytes, except where named otherwise).
# A rebuild's saved answers: the 10,000-entry workload's (~40 MB) stage in ~1.5 s, beside a
# list's parse; the bundled list's (~1 MB) in ~0.1 s.
STAGE_MIN_BYTES = 8 << 20
# A release's entries, whose catalogue.json (~1.6 KB an entry) a helper checks and compares: at
# 10,000 entries (16 MB) the helper takes 2.0 -> 1.3 s off the release (the rest of it, ~1.2 s,
# runs beside it) and the run peaks at 434 MB; at 100,000 (158 MB) it saves 5-7 s of a 17 s
# release. Below ~5,000 (8 MB) the rest of the release is shorter than the helper's start, and
# it would wait. Counted in entries: the helper starts with the release, before the file exists.
RELEASE_MIN_ENTRIES = 5_000
# Lists to parse, beyond the first one (which this process starts on at once): a 10,000-entry
# list is 2.6 MB and parses in ~2 s; its parse sent back costs ~0.5 s. Below ~2 MB the helper's
# start and the sending eat what it saves.
PARSE_MIN_BYTES = 2 << 20

P = ParamSpec("P")
T = TypeVar("T")
A = TypeVar("A")

log = logging.getLogger(__name__)


class Helper:
    """One helper process. Work is handed to it with `submit`; it is shut down once, whichever
    comes first: its owner's `close`, or the end of the last work handed to it once the owner
    said there is no more (`no_more_work`) — idle, it holds its memory (a rebuild's staging
    worker held ~120 MB through the load of every list, the 100k rebuild's peak)."""

    def __init__(self, pool: ProcessPoolExecutor | None = None) -> None:
        # spawn, not fork: this process has threads (DuckDB's, Prefect's) that fork would not
        # copy.
        self._pool: ProcessPoolExecutor | None = (
            pool
            if pool is not None
            else ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        )
        # Work handed and not yet done (a finished one is forgotten: its result is its
        # caller's to keep or drop, not this helper's to hold to its end).
        self._handed: set[Future[Any]] = set()
        self._handed_lock = threading.Lock()
        self._stopping = threading.Lock()

    def submit(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        if self._pool is None:
            raise RuntimeError("work handed to a helper that was stopped")
        future = self._pool.submit(fn, *args, **kwargs)
        with self._handed_lock:
            self._handed.add(future)
        future.add_done_callback(self._forget)
        return future

    def _forget(self, future: Future[Any]) -> None:
        with self._handed_lock:
            self._handed.discard(future)

    def start(self, *modules: str) -> None:
        """Start the process now and import `modules` in it (the modules of the work to come),
        so that its start runs beside the owner's own work: a process pool starts its process
        only when the first work is handed to it, and that work waits for the imports."""
        self.submit(import_modules, modules)

    def no_more_work(self) -> None:
        """Stop as soon as the work handed so far is done (now, if it is)."""
        with self._handed_lock:
            handed = list(self._handed)

        def finished(_: Future[Any]) -> None:
            # Runs on the pool's own thread: it must not wait for the pool.
            if all(future.done() for future in handed):
                self._stop(wait=False)

        for future in handed:
            future.add_done_callback(finished)
        if not handed:
            self._stop(wait=False)

    def close(self) -> None:
        """Stop the helper (work not yet started is cancelled) and wait for it."""
        self._stop(wait=True)

    def _stop(self, *, wait: bool) -> None:
        # Once: two shutdowns at the same time race on the pool's own attributes.
        with self._stopping:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)


def import_modules(modules: Sequence[str]) -> None:
    """Import `modules` (what `Helper.start` has a new helper do first)."""
    for module in modules:
        importlib.import_module(module)


def start_helper() -> Helper:
    """One helper process (its owner closes it)."""
    return Helper()


def pays_for_helper(size: int, minimum: int) -> bool:
    """Whether work on input of `size` pays for a helper (`minimum`: one of the above, in its
    unit)."""
    return size >= minimum


@contextmanager
def helper_for(size: int, minimum: int) -> Iterator[Helper | None]:
    """A helper process while the block runs when input of `size` pays for one (see
    `pays_for_helper`), else None."""
    if not pays_for_helper(size, minimum):
        yield None
        return
    helper = start_helper()
    try:
        yield helper
    finally:
        helper.close()


class Pending(Generic[T]):
    """Work handed to `run_in`: its result when asked."""

    def __init__(self, future: Future[T], fn: Callable[[], T]) -> None:
        self.future = future
        self.fn = fn

    def result(self) -> T:
        """The work's result. When the helper process itself failed (killed, out of memory),
        the work done here instead; what the work raises is raised as it is."""
        try:
            return self.future.result()
        except BrokenProcessPool as exc:
            log.warning("a helper process failed (%s); its work is done here", exc)
            return self.fn()


def run_in(
    helper: Helper | None, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> Pending[T]:
    """`fn(*args, **kwargs)` in the helper, or here and now without one (an error it raises
    then waits for `result()`, as it would from a helper)."""
    here = functools.partial(fn, *args, **kwargs)
    if helper is not None:
        return Pending(helper.submit(fn, *args, **kwargs), here)
    future: Future[T] = Future()
    try:
        future.set_result(here())
    except Exception as exc:
        future.set_exception(exc)
    return Pending(future, here)


def map_in_two(
    fn: Callable[[A], T], items: Sequence[A], sizes: Sequence[int], min_bytes: int
) -> list[T]:
    """`[fn(item) for item in items]`, shared with a helper process when the items after the
    first are `min_bytes` (their `sizes` summed) or more: this process takes items from the
    front, the helper from the back, each the next one as soon as it is free (items of uneven
    cost balance themselves). The results come in the items' order, the same as without a
    helper; a helper that fails leaves its items to this process."""
    if len(items) < 2:
        return [fn(item) for item in items]
    # Indexes not yet taken; a deque's pops from either end are atomic (two threads take).
    left = deque(range(len(items)))

    def take(*, front: bool) -> int | None:
        try:
            return left.popleft() if front else left.pop()
        except IndexError:
            return None

    handed: dict[int, Pending[T]] = {}
    with helper_for(sum(sizes[1:]), min_bytes) as helper:
        if helper is None:
            return [fn(item) for item in items]

        def feed() -> None:
            # A thread of this process hands the helper its next item when the last is done.
            while (i := take(front=False)) is not None:
                try:
                    handed[i] = run_in(helper, fn, items[i])
                except RuntimeError:  # the helper was stopped: this process failed
                    return
                try:
                    handed[i].future.result()
                except BrokenProcessPool:
                    return  # the helper is gone: the rest is this process's
                except Exception:  # fn's own error, raised in its place below
                    pass

        feeder = threading.Thread(target=feed, name="enrich-helper-feeder", daemon=True)
        feeder.start()
        done: dict[int, T] = {}
        try:
            while (i := take(front=True)) is not None:
                done[i] = fn(items[i])
        finally:
            left.clear()  # on an error here, the feeder hands out nothing more
            feeder.join()
    done.update((i, pending.result()) for i, pending in handed.items())
    return [done[i] for i in range(len(items))]
