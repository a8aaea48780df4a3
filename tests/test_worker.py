"""`enrich.worker`: work handed to a helper process gives what it gives here, errors included."""

from __future__ import annotations

import pytest

from enrich import worker


def test_work_runs_alike_with_and_without_a_helper() -> None:
    with worker.helper_for(9, 10) as none:
        assert none is None  # input too small to pay for a helper's start
        assert worker.run_in(none, divmod, 7, 2).result() == (3, 1)
    with worker.helper_for(10, 10) as helper:
        assert helper is not None
        assert worker.run_in(helper, divmod, 7, 2).result() == (3, 1)


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
