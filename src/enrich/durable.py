"""Files that survive a crash: written and fsynced before they are renamed into place, and the
directory fsynced after the rename, so that a release or a warehouse is whole or absent."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` and fsync it (the rename that publishes it must not outrun it)."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_text(path: Path, pieces: Iterable[str], *, buffer_chars: int = 1 << 20) -> None:
    """Write text given in pieces (UTF-8) to `path`, a buffer at a time rather than whole, and
    fsync it as `write_file` does."""
    with open(path, "wb") as handle:
        buffer: list[str] = []
        size = 0
        for piece in pieces:
            buffer.append(piece)
            size += len(piece)
            if size >= buffer_chars:
                handle.write("".join(buffer).encode("utf-8"))
                buffer, size = [], 0
        handle.write("".join(buffer).encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())


def fsync(path: Path) -> None:
    """fsync a file another writer wrote (DuckDB's COPY), or a directory after a rename in it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
