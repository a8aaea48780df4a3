"""One refresh at a time: the refresh lock, in a module light to import.

`enrich refresh` takes it before anything heavy is imported (DuckDB, the list parser, Prefect),
so a second refresh is turned away at once; it is held until the refresh ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from enrich.config import Settings
from enrich.errors import BusyError

REFRESH_LOCK_NAME = ".refresh.lock"


@contextmanager
def held_or_busy(path: Path, busy: str) -> Iterator[None]:
    """Hold the file lock at `path` for the block, or raise `BusyError(busy)` at once if another
    process holds it: the refresh and the warehouse writer both turn a second comer away, never
    make it wait."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise BusyError(busy) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def refresh_lock(settings: Settings) -> Iterator[None]:
    """One refresh at a time: a second one exits at once with a clear message (exit 2)."""
    with held_or_busy(
        settings.warehouse_dir / REFRESH_LOCK_NAME,
        "another refresh is running; wait for it to finish (this one exits without changes)",
    ):
        yield
