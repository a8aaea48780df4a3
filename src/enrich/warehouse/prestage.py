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
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

import duckdb

from enrich import worker
from enrich.config import Settings
from enrich.sources import registry
from enrich.warehouse.raw_load import StagedAnswers, pending_raw_files, stage_files
from enrich.worker import Helper, pays_for_helper, start_helper

log = logging.getLogger(__name__)


class Prestaged:
    """Staged answers per source, as the worker finishes them."""

    def __init__(
        self,
        jobs: Mapping[str, tuple[list[Path], Future[StagedAnswers]]],
        helper: Helper | None = None,
    ) -> None:
        self.jobs = dict(jobs)
        self.helper = helper

    def close(self) -> None:
        """Stop the worker, if it has not stopped by itself, and wait for it."""
        if self.helper is not None:
            self.helper.close()

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
    helper = start_helper()
    staged = Prestaged({}, helper)
    try:
        staged.jobs = {
            source: (paths, helper.submit(stage_files, source, paths, settings.data_dir, workdir))
            for source, paths in pending.items()
            if paths
        }
        helper.no_more_work()  # it stops once it has staged them all, not when the load is done
        yield staged
    finally:
        staged.close()
        shutil.rmtree(workdir, ignore_errors=True)
