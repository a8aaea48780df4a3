"""One refresh at a time: the refresh lock, in a module light to import.

`enrich refresh` takes it before anything heavy is imported (DuckDB, the list parser, Prefect),
so a second refresh is turned away at once; it is held until the refresh ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout

from enrich.config import Settings
from enrich.errors import BusyError

REFRESH_LOCK_NAME = ".refresh.lock"


@contextmanager
def refresh_lock(settings: Settings) -> Iterator[None]:
    """One refresh at a time: a second one exits at once with a clear message (exit 2)."""
    settings.warehouse_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(settings.warehouse_dir / REFRESH_LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise BusyError(
            "another refresh is running; wait for it to finish (this one exits without changes)"
        ) from None
    try:
        yield
    finally:
        lock.release()
