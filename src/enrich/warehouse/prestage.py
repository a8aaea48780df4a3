"""A rebuild's raw answers, staged by a second process while this one parses the lists.

Parsing the saved answers (arXiv XML, S2 and GitHub JSON, ACL BibTeX) is pure Python and needs
nothing from the lists, so a rebuild hands it to one worker process at its start
(`raw_load.stage_files`, per source, oldest answer first) and the load takes the staged files
when it reaches them (`Prestaged.take`): the two halves of the work share the machine's two
cores instead of taking turns (`enrich.worker`: only big rebuilds pay for a worker's start).
Whatever goes wrong in the worker, the load stages those answers itself: the worker can make a
rebuild faster, never different.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import duckdb

from enrich import worker
from enrich.config import Settings
from enrich.sources import registry
from enrich.warehouse.raw_load import StagedAnswers, pending_raw_files, stage_files
from enrich.worker import pays_for_helper, start_helper

log = logging.getLogger(__name__)


class Prestaged:
    """Staged answers per source, as the worker finishes them."""

    def __init__(
        self,
        jobs: Mapping[str, tuple[list[Path], Future[StagedAnswers]]],
        pool: ProcessPoolExecutor | None = None,
    ) -> None:
        self.jobs = dict(jobs)
        self.pool = pool
        self._stopping = threading.Lock()

    def close(self) -> None:
        """Stop the worker (it holds its memory while idle) and wait for it."""
        self._stop(wait=True)

    def stop_when_done(self) -> None:
        """Stop the worker as soon as it has staged every job: what it made is files and their
        outcomes, already handed over, and idle it held ~120 MB until the load took the last job
        (at 100,000 entries, past the load of every list: the rebuild's peak)."""
        futures = [future for _, future in self.jobs.values()]

        def finished(_: Future[StagedAnswers]) -> None:
            # Runs on the pool's own thread: it must not wait for the pool.
            if all(future.done() for future in futures):
                self._stop(wait=False)

        for future in futures:
            future.add_done_callback(finished)

    def _stop(self, *, wait: bool) -> None:
        # Whoever comes first (the last job's end, or `close`) shuts the pool down, once: two
        # shutdowns at the same time race on the pool's own attributes.
        with self._stopping:
            pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)

    def take(self, source: str, paths: Sequence[Path]) -> StagedAnswers | None:
        """The staged answers of `source`, if the worker staged exactly `paths` and succeeded;
        else None (the caller stages them itself)."""
        job = self.jobs.pop(source, None)
        try:
            if job is None or job[0] != list(paths):
                return None
            return job[1].result()
        except Exception as exc:  # a worker that died or failed: the load does it itself
            log.warning("a worker failed to stage %s answers (%s); staged here", source, exc)
            return None
        finally:
            if not self.jobs:
                self.close()


@contextmanager
def prestaged(settings: Settings, con: duckdb.DuckDBPyConnection) -> Iterator[Prestaged]:
    """Start staging every raw answer the warehouse has not loaded, per source, in a worker
    process when they are big enough to pay for one; yields what the load can `take`."""
    pending = {source: pending_raw_files(con, settings, source) for source in registry.names()}
    size = sum(path.stat().st_size for paths in pending.values() for path in paths)
    if not pays_for_helper(size, worker.STAGE_MIN_BYTES):
        yield Prestaged({})
        return
    workdir = Path(tempfile.mkdtemp(prefix="enrich-prestage-"))  # mode 0700
    pool = start_helper()
    staged = Prestaged({}, pool)
    try:
        staged.jobs = {
            source: (paths, pool.submit(stage_files, source, paths, settings.data_dir, workdir))
            for source, paths in pending.items()
            if paths
        }
        staged.stop_when_done()
        yield staged
    finally:
        staged.close()
        shutil.rmtree(workdir, ignore_errors=True)
