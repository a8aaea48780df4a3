"""`enrich.worker`: work handed to a helper process gives what it gives here, errors included;
a helper is stopped once, by its owner or when its work is done."""

from __future__ import annotations

import gc
import multiprocessing
import time
import weakref
from concurrent.futures import Future
from typing import Any, cast

import pytest

from enrich import worker


def test_work_runs_alike_with_and_without_a_helper() -> None:
    with worker.helper_for(9, 10) as none:
        assert none is None  # input too small to pay for a helper's start
        assert worker.run_in(none, divmod, 7, 2).result() == (3, 1)
    with worker.helper_for(10, 10) as helper:
        assert helper is not None
        assert worker.run_in(helper, divmod, 7, 2).result() == (3, 1)


def _imported(module: str) -> bool:
    import sys

    return module in sys.modules


def test_a_helper_started_early_has_imported_the_work_to_come() -> None:
    """`Helper.start` starts the process at once and imports the given modules there, so the
    first work handed to it finds them imported (its start ran beside the caller's work)."""
    module = "enrich.release.write"
    with worker.helper_for(1, 0) as helper:
        assert helper is not None
        assert not worker.run_in(helper, _imported, module).result()  # a fresh interpreter
    with worker.helper_for(1, 0) as helper:
        assert helper is not None
        helper.start(module)
        assert worker.run_in(helper, _imported, module).result()


def test_an_error_reaches_the_caller_at_result_from_either_place() -> None:
    with worker.helper_for(1, 0) as helper:
        for where in (None, helper):
            failed = worker.run_in(where, int, "not a number")  # no raise until asked
            with pytest.raises(ValueError, match="not a number"):
                failed.result()


def _doubled_here_only(x: int) -> int:
    """Dies in a helper process (as one killed for its memory would); doubles `x` here."""
    import multiprocessing
    import os

    if multiprocessing.parent_process() is not None:
        os._exit(1)
    return 2 * x


def test_work_of_a_helper_that_died_is_done_here(caplog: pytest.LogCaptureFixture) -> None:
    with worker.helper_for(1, 0) as helper:
        died = worker.run_in(helper, _doubled_here_only, 21)
        assert died.result() == 42
    assert "a helper process failed" in caplog.text
    # An error of the work itself is the caller's, not a reason to do it twice.
    with pytest.raises(ValueError, match="not a number"):
        worker.run_in(None, int, "not a number").result()


class _CountingPool:
    """A stand-in for the helper's process pool: futures the test completes, shutdowns counted."""

    def __init__(self) -> None:
        self.futures: list[Future[Any]] = []
        self.shutdowns: list[bool] = []

    def submit(self, fn: Any, *args: Any, **kwargs: Any) -> Future[Any]:
        self.futures.append(Future())
        return self.futures[-1]

    def shutdown(self, wait: bool, cancel_futures: bool) -> None:
        self.shutdowns.append(wait)


def test_a_helper_stops_once_when_its_work_is_done_or_its_owner_closes_it() -> None:
    pool = _CountingPool()
    helper = worker.Helper(cast(Any, pool))
    first, last = helper.submit(divmod, 7, 2), helper.submit(divmod, 9, 2)
    helper.no_more_work()
    first.set_result((3, 1))
    assert pool.shutdowns == []  # work is still running
    last.set_result((4, 1))
    assert pool.shutdowns == [False]  # on the pool's thread: not waiting for itself
    helper.close()
    assert pool.shutdowns == [False]  # stopped already: not twice
    with pytest.raises(RuntimeError, match="stopped"):
        helper.submit(divmod, 1, 1)

    pool = _CountingPool()
    helper = worker.Helper(cast(Any, pool))
    helper.submit(divmod, 7, 2)
    helper.close()  # its owner first (a run that ends early)
    pool.futures[0].set_result((3, 1))
    assert pool.shutdowns == [True]

    pool = _CountingPool()
    worker.Helper(cast(Any, pool)).no_more_work()  # nothing handed: stopped at once
    assert pool.shutdowns == [False]


def test_a_helper_process_is_gone_once_its_work_is_done() -> None:
    with worker.helper_for(1, 0) as helper:
        assert helper is not None
        work = worker.run_in(helper, divmod, 7, 2)
        helper.no_more_work()
        assert work.result() == (3, 1)
        deadline = time.monotonic() + 30
        while multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not multiprocessing.active_children()  # before the block's end


def _slow_square(x: int) -> tuple[int, int]:
    """x², and the process that computed it; slow enough that both processes get items."""
    import os

    time.sleep(0.05)
    return x * x, os.getpid()


def test_items_mapped_in_two_processes_come_back_in_order() -> None:
    import os

    items = list(range(12))
    shared = worker.map_in_two(_slow_square, items, [1] * len(items), min_bytes=0)
    assert [square for square, _ in shared] == [x * x for x in items]
    pids = [pid for _, pid in shared]
    # This process took items from the front, the helper from the back.
    assert pids[0] == os.getpid() and pids[-1] != os.getpid()
    mine = [i for i, pid in enumerate(pids) if pid == os.getpid()]
    assert mine == list(range(len(mine)))
    # Too little after the first item: no helper, the same results.
    alone = worker.map_in_two(_slow_square, items, [1] * len(items), min_bytes=len(items))
    assert alone == [(x * x, os.getpid()) for x in items]


def _squared_here_only(x: int) -> int:
    """Dies in a helper process; squares `x` here."""
    import os

    if multiprocessing.parent_process() is not None:
        os._exit(1)
    time.sleep(0.05)
    return x * x


def test_items_of_a_helper_that_died_are_mapped_here(caplog: pytest.LogCaptureFixture) -> None:
    items = list(range(6))
    shared = worker.map_in_two(_squared_here_only, items, [1] * len(items), min_bytes=0)
    assert shared == [x * x for x in items]
    assert "a helper process failed" in caplog.text


def test_an_error_of_an_item_is_raised_wherever_it_was_mapped() -> None:
    for items in (["1", "2", "x"], ["x", "2", "3"]):  # the helper's first item, then this one's
        with pytest.raises(ValueError, match="'x'"):
            worker.map_in_two(int, items, [1] * len(items), min_bytes=0)


_HELD: weakref.WeakSet[_Held] = weakref.WeakSet()


class _Held:
    """A result that counts itself in `_HELD` in the process that holds it, made here or sent
    back from a helper."""

    def __init__(self, n: int) -> None:
        self.n = n
        _HELD.add(self)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        _HELD.add(self)


def test_a_helper_holds_no_result_its_caller_let_go() -> None:
    """Finished work is forgotten by the helper: a result its caller dropped is gone, while the
    helper still runs (it kept every one until it stopped; a helper that returns parsed lists
    would have held them all)."""
    with worker.helper_for(1, 0) as helper:
        assert helper is not None
        for n in range(5):
            pending = worker.run_in(helper, _Held, n)
            assert pending.result().n == n
            del pending
        gc.collect()
        assert len(_HELD) == 0
