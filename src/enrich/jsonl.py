"""Append-only JSON-lines files that survive a crash mid-append.

Each record is one line, written with a single `write` and flushed to disk. A crash (kill -9,
power, disk full) can leave only the last line torn: no newline at its end, or not JSON. Reading
detects it, drops it and truncates the file back to its last whole record; appending heals first,
so a new record is never glued onto a torn one. A damaged line in the middle (which no torn
append makes) is skipped and counted, never a crash.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def append_record(path: Path, record: dict[str, Any], *, mode: int = 0o600) -> None:
    """Add one record as a line, after healing a torn last line."""
    heal(path)
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, mode)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def read_records(path: Path) -> list[dict[str, Any]]:
    """Every whole record, in order; a torn last line is dropped and cut from the file."""
    if not path.is_file():
        return []
    heal(path)
    records = []
    damaged = 0
    for line in path.read_bytes().split(b"\n"):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            damaged += 1
            continue
        if isinstance(record, dict):
            records.append(record)
        else:
            damaged += 1
    if damaged:
        log.warning("%s: %d damaged line(s) skipped", path, damaged)
    return records


def heal(path: Path) -> bool:
    """Cut a torn last line (no newline at its end, or not JSON). Returns True if it did."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return False
    if not data:
        return False
    keep = len(data)
    if not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
    else:
        last_start = data.rfind(b"\n", 0, len(data) - 1) + 1
        try:
            json.loads(data[last_start:])
        except ValueError:
            keep = last_start
    if keep == len(data):
        return False
    log.warning("%s: a torn last record (%d bytes) was dropped", path, len(data) - keep)
    with path.open("r+b") as out:
        out.truncate(keep)
        out.flush()
        os.fsync(out.fileno())
    return True
