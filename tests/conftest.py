"""Shared pytest fixtures, and what makes the suite safe under pytest-xdist (`pytest -n auto`).

Every xdist worker (and a plain serial run) gets a scratch directory of its own, made before any
test module is imported: Prefect's home is there (Prefect reads PREFECT_HOME when it is first
imported; a home shared by two workers would share its SQLite database and task caches). Tests
keep their data under `tmp_path` (per worker too) and fake upstreams on port 0; the flows they
run in process (and the `enrich` processes that need only *a* Prefect API) use one temporary
Prefect API for the whole run (tests/prefect_api.py). The tests that start real Prefect
servers, browsers or whole benchmark runs are marked `slow` and put first, so that a parallel run
starts its longest chains at once; the tests of a module that shares one Prefect server run on
one worker."""

from __future__ import annotations

import io
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fake_upstream import FakeUpstream, FakeWorld
from prefect_api import PrefectApi, own_the_run, shared_api, stop_shared_api

REPO_DATA = Path(__file__).parents[1] / "data"

PREFECT_ENV = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}
"""Telemetry off and a patient ephemeral start on a small, busy machine: for this process and
every `enrich` or `prefect` process a test starts."""

ONE_WORKER_MODULES = frozenset({"tests/test_production.py"})
"""Modules whose tests share one Prefect server (a module fixture, 20-90 s to start): under
xdist all their tests go to one worker, in order, which starts it once."""

_scratch: Path | None = None
_owner = "PYTEST_XDIST_WORKER" not in os.environ
"""Whether this process owns the run: the xdist controller, or pytest itself in a serial run."""


def pytest_configure(config: pytest.Config) -> None:
    global _scratch
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    _scratch = Path(tempfile.mkdtemp(prefix=f"enrich-tests-{worker}-"))
    home = _scratch / "prefect-home"
    home.mkdir()
    os.environ.update({**PREFECT_ENV, "PREFECT_HOME": str(home)})
    if _owner:
        own_the_run(_scratch)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _scratch is not None:
        if _owner:
            stop_shared_api(_scratch)
        shutil.rmtree(_scratch, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The longest chains first (a stable sort keeps the order within each part): the modules
    # that share one server (one worker runs all their tests: a minute), then the slow tests;
    # under xdist they start at once while the short tests fill the other workers.
    def chain(item: pytest.Item) -> int:
        if item.nodeid.split("::", 1)[0] in ONE_WORKER_MODULES:
            return 0
        return 1 if item.get_closest_marker("slow") is not None else 2

    items.sort(key=chain)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than this process may use cores. Much of the suite waits (on
    `enrich` and Prefect processes, servers, a service's pace) rather than computes; on this
    two-core machine 2 workers took 133 s, 3 took 118 s, 4 took 116-120 s."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return cores + 1


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under `-n`, tests are handed out one at a time (xdist's `load`), but each module of
    ONE_WORKER_MODULES as one unit. (xdist's own `--dist loadgroup` marks no group under
    pytest 9.2: it renames `item._nodeid`, which pytest no longer reads.) An explicit `--dist`
    other than `load` is left to xdist."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class OneWorkerPerSharedServer(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in ONE_WORKER_MODULES else nodeid

    return OneWorkerPerSharedServer(config, log)


class _CurrentStderr(io.TextIOBase):
    """Writes to whatever `sys.stderr` is at the moment of writing, as a process's stderr is."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


CURRENT_STDERR = _CurrentStderr()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Prefect's console handler (on the root logger once Prefect is imported) keeps the
    `sys.stderr` of the moment Prefect was imported: a test's capture, closed when that test
    ends. Every record after it then failed to write and printed a traceback and a stack
    instead (thousands of them at DEBUG: seconds of CPU, and no console output to check):
    point it at the current stderr instead."""
    if "prefect.logging.handlers" not in sys.modules:
        return
    from prefect.logging.handlers import PrefectConsoleHandler

    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, "handlers", ()):
            if isinstance(handler, PrefectConsoleHandler) and handler.stream is not CURRENT_STDERR:
                # Not setStream: it flushes the closed stream. The handler writes through its
                # rich console, which holds the stream too.
                handler.stream = handler.console.file = CURRENT_STDERR


@pytest.fixture(scope="session", autouse=True)
def repository_data_untouched() -> Iterator[None]:
    """No test writes into the repository's data/ (a shared file between workers and runs)."""
    before = sorted(p.relative_to(REPO_DATA) for p in REPO_DATA.rglob("*"))
    yield
    after = sorted(p.relative_to(REPO_DATA) for p in REPO_DATA.rglob("*"))
    assert after == before, "a test wrote into the repository's data/ directory"


@pytest.fixture
def fake_upstream() -> Iterator[FakeUpstream]:
    """A fake arXiv / Semantic Scholar / GitHub / ACL Anthology server on 127.0.0.1 (see
    tests/fake_upstream.py), on a free port. ``fake_upstream.world`` starts empty and may be
    replaced."""
    with FakeUpstream(FakeWorld()) as fake:
        yield fake


@pytest.fixture(scope="session")
def prefect_api() -> PrefectApi:
    """The run's temporary Prefect API (tests/prefect_api.py): started by the first test that
    needs it, 10-30 s; `prefect_api.env()` points an `enrich` process at it."""
    return shared_api()


@pytest.fixture(scope="session")
def prefect_harness(prefect_api: PrefectApi) -> Iterator[None]:
    """Flows run in this process against the run's Prefect API (as under Prefect's
    `prefect_test_harness`, with its database), log level WARNING and no flow heartbeats."""
    saved = os.environ.get("PREFECT_LOGGING_LEVEL")
    os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
    from prefect.context import _temporary_global_settings_context, get_settings_context
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        PREFECT_SERVER_DATABASE_CONNECTION_URL,
        temporary_settings,
    )

    settings = {
        PREFECT_API_URL: prefect_api.url,
        PREFECT_SERVER_DATABASE_CONNECTION_URL: prefect_api.database_url,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None,
    }
    try:
        # The settings made process-wide too (entered second, so with them in force), as the
        # harness does: code in a context copied before this one (a Prefect background thread)
        # would otherwise start an ephemeral server of its own.
        with (
            temporary_settings(settings),
            _temporary_global_settings_context(get_settings_context()),
        ):
            yield
    finally:
        if saved is None:
            os.environ.pop("PREFECT_LOGGING_LEVEL", None)
        else:
            os.environ["PREFECT_LOGGING_LEVEL"] = saved
