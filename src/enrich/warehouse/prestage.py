"""A rebuild's raw answers, staged by a second process while this one parses the lists.

Parsing the saved answers (arXiv XML, S2 and GitHub JSON, ACL BibTeX) is pure Python and needs
nothing from the lists, so a rebuild hands it to one worker process at its start
(`raw_load.stage_files`, per source, oldest answer first) and the load takes the staged files
when it reaches them (`Prestaged.take`): the two halves of the work share the machine's two
cores instead of taking turns. Only big rebuilds: a worker's start (a fresh interpreter and its
imports, ~0.5 s) costs more than small ones save. Whatever goes wrong in the worker, the load
stages those answers itself: the worker can make a rebuild faster, never different.
"""

from __future__ import annotations

import logging
import multiprocessing
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import duckdb

from enrich.config import Settings
from enrich.sources import registry
from enrich.warehouse.raw_load import StagedAnswers, pending_raw_files, stage_files

log = logging.getLogger(__name__)

# Raw answers, in bytes, from which a worker pays for its start: the 10,000-entry workload's are
# ~40 MB and stage in ~1.5 s; the bundled list's are ~1 MB and stage in ~0.1 s.
WORKER_MIN_BYTES = 8 << 20


class Prestaged:
    """Staged answers per source, as the worker finishes them."""

    def __init__(
        self,
        jobs: Mapping[str, tuple[list[Path], Future[StagedAnswers]]],
        pool: ProcessPoolExecutor | None = None,
    ) -> None:
        self.jobs = dict(jobs)
        self.pool = pool

    def close(self) -> None:
        """Stop the worker (it holds its memory while idle)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

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
    if size < WORKER_MIN_BYTES:
        yield Prestaged({})
        return
    workdir = Path(tempfile.mkdtemp(prefix="enrich-prestage-"))  # mode 0700
    # spawn, not fork: this process has threads (DuckDB's, Prefect's) that fork would not copy.
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    staged = Prestaged({}, pool)
    try:
        staged.jobs = {
            source: (paths, pool.submit(stage_files, source, paths, settings.data_dir, workdir))
            for source, paths in pending.items()
            if paths
        }
        yield staged
    finally:
        staged.close()
        shutil.rmtree(workdir, ignore_errors=True)
