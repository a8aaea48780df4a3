"""Files that survive a crash: written and fsynced before they are renamed into place, and the
directory fsynced after the rename, so that a release or a warehouse is whole or absent."""

from __future__ import annotations

import os
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` and fsync it (the rename that publishes it must not outrun it)."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def fsync(path: Path) -> None:
    """fsync a file another writer wrote (DuckDB's COPY), or a directory after a rename in it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
