"""The releases directory: one directory per release, named by its UTC date (``-2``, ``-3``… for
a second, third release on one day), written whole or not at all, and ``latest``.

A release is written into a hidden staging directory next to the releases and renamed into
place, so a release directory is either whole or absent; ``latest`` is then pointed at the
newest release (a symlink, or a text file holding its name where symlinks are not available).
One writer at a time (a file lock): a staging directory found on entry is a killed writer's.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from filelock import FileLock

from enrich.durable import fsync
from enrich.release.names import JSON_NAME

LATEST = "latest"
LOCK_NAME = ".release.lock"
STAGING_PREFIX = ".partial-"
RELEASE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")


@dataclass(frozen=True)
class Staged:
    """A release being written: its future name, the staging folder to write into, and the
    previous release (the newest before it that has a catalogue.json), if any."""

    name: str
    folder: Path
    previous: Path | None


@contextmanager
def staged_release(releases: Path, day: date) -> Iterator[Staged]:
    """Stage the next release of `day`; on a clean exit rename it into place and point
    `latest` at it; on any error remove the staging folder, leaving the releases unchanged."""
    releases.mkdir(parents=True, exist_ok=True)
    with FileLock(str(releases / LOCK_NAME)):
        _remove_staging_leftovers(releases)
        name = next_release_name(releases, day)
        staging = releases / f"{STAGING_PREFIX}{name}-{uuid.uuid4().hex[:8]}"
        staging.mkdir()
        try:
            yield Staged(name, staging, previous_release(releases, name))
            os.rename(staging, releases / name)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        fsync(releases)
        point_latest(releases)


def _release_sort_key(name: str) -> tuple[str, int] | None:
    match = RELEASE_NAME.match(name)
    if not match:
        return None
    return match.group(1), int(match.group(2) or 1)


def release_names(releases: Path) -> list[str]:
    """The complete releases in a releases directory, oldest first."""
    if not releases.is_dir():
        return []
    found = [
        p.name
        for p in releases.iterdir()
        if p.is_dir() and not p.is_symlink() and _release_sort_key(p.name) is not None
    ]
    return sorted(found, key=lambda n: _release_sort_key(n) or ("", 0))


def next_release_name(releases: Path, day: date) -> str:
    base = day.isoformat()
    taken = set(release_names(releases))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def previous_release(releases: Path, name: str) -> Path | None:
    """The newest release before `name` that has a catalogue.json."""
    key = _release_sort_key(name)
    assert key is not None
    older = [
        n
        for n in release_names(releases)
        if (_release_sort_key(n) or ("", 0)) < key and (releases / n / JSON_NAME).is_file()
    ]
    return releases / older[-1] if older else None


def point_latest(releases: Path) -> None:
    """Point `latest` at the newest release: a symlink, or a text file with its name."""
    names = release_names(releases)
    if not names:
        return
    newest = names[-1]
    link = releases / LATEST
    tmp = releases / f".{LATEST}.{uuid.uuid4().hex[:8]}"
    try:
        os.symlink(newest, tmp, target_is_directory=True)
    except (OSError, NotImplementedError):
        tmp.write_text(newest + "\n", encoding="utf-8")
    try:
        os.replace(tmp, link)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def _remove_staging_leftovers(releases: Path) -> None:
    """Staging directories of a writer that was killed (we hold the lock: none is in use)."""
    for path in releases.iterdir():
        if path.name.startswith(STAGING_PREFIX) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(f".{LATEST}.") and (path.is_symlink() or path.is_file()):
            path.unlink(missing_ok=True)
