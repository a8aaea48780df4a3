"""Durable renames: a file renamed into a directory survives a crash once the directory is
synced too."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Flush the directory `path` itself (its entries: names created, renamed, removed)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
