"""Fetch a list README, keep every distinct version of it by content hash.

The raw bytes are stored untouched at data/raw/lists/<list>/<sha256>.md (mojibake and all: the
parser repairs text, the raw file stays evidence). A conditional GET (If-None-Match) makes an
unchanged list cost one 304. When the network cannot be reached, the newest stored version is
used, or else the snapshot bundled with the project, and the summary says so.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from enrich.config import ListConfig, Settings, is_regular_list_file
from enrich.errors import EnrichError, SourceError
from enrich.http import PoliteSession
from enrich.jsonl import append_record, read_records
from enrich.rawstore import private_dir, save_response, write_private

STATE_FILE = "state.json"


@dataclass(frozen=True)
class ListVersion:
    list_name: str
    sha256: str
    raw: bytes
    path: Path  # where the raw bytes are kept
    origin: str  # "network", "not-modified", "stored", "snapshot", "file"
    fetched_at: datetime
    note: str | None = None  # what the summary should say about how this version was obtained
    guard: Guard | None = None  # what a new version is checked against before it is loaded
    # The list's URL could not be fetched and an older version stands in: a stale outcome.
    stale: bool = False


@dataclass(frozen=True)
class Guard:
    """The list's version in the published warehouse, and the rules for replacing it."""

    previous_sha256: str | None
    previous_entries: int | None
    max_shrink: float
    accept_shrink: bool = False


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def list_dir(settings: Settings, list_name: str) -> Path:
    return settings.raw_dir / "lists" / list_name


def store_version(settings: Settings, list_name: str, raw: bytes) -> tuple[str, Path]:
    """Keep these bytes as a version of the list (idempotent: same bytes, same file)."""
    digest = sha256_of(raw)
    directory = private_dir(list_dir(settings, list_name))
    path = directory / f"{digest}.md"
    if not path.exists():
        write_private(path, raw)
    return digest, path


def fetch_list(
    lst: ListConfig,
    settings: Settings,
    session: PoliteSession | None,
    *,
    offline: bool = False,
) -> ListVersion:
    """The current version of a list: from the network if we can, else the newest we have."""
    now = datetime.now(UTC)
    if lst.url is None:
        if lst.snapshot is None or not lst.snapshot.is_file():
            raise EnrichError(f"list '{lst.name}': file not found: {lst.snapshot}")
        _require_regular(lst)
        return _version(settings, lst.name, lst.snapshot.read_bytes(), "file", now)

    if offline or session is None:
        return _fallback(lst, settings, now, "offline: the list was not fetched", stale=False)

    state = _read_state(settings, lst.name)
    headers = {}
    stored_path = list_dir(settings, lst.name) / f"{state.get('sha256')}.md"
    if state.get("etag") and state.get("url") == lst.url and stored_path.is_file():
        headers["If-None-Match"] = state["etag"]
    try:
        response = session.get(lst.url, headers=headers)
        session.check(response)
    except SourceError as exc:
        return _fallback(lst, settings, now, f"could not fetch the list ({exc})")
    save_response(
        settings.raw_dir,
        source="lists",
        kind=lst.name,
        method="GET",
        url=lst.url,
        status=response.status_code,
        headers=response.headers,
        body=b"",  # the body itself is kept once, by hash, next to the list's other versions
        meta={
            "list": lst.name,
            "sha256": sha256_of(response.content) if response.content else None,
        },
        secrets=settings.secrets(),
    )
    if response.status_code == 304:
        return ListVersion(
            lst.name, state["sha256"], stored_path.read_bytes(), stored_path, "not-modified", now
        )
    if response.status_code != 200 or not response.content:
        return _fallback(lst, settings, now, f"the list URL answered HTTP {response.status_code}")
    version = _version(settings, lst.name, response.content, "network", now)
    _write_state(
        settings,
        lst.name,
        {
            "url": lst.url,
            "etag": response.headers.get("ETag"),
            "sha256": version.sha256,
            "fetched_at": now.isoformat(),
        },
    )
    return version


def _fallback(
    lst: ListConfig, settings: Settings, now: datetime, why: str, *, stale: bool = True
) -> ListVersion:
    """The newest stored version, else the bundled snapshot; `stale` unless asked to be offline.
    The note names the version's age, so a list served from an old copy for weeks shows it."""
    state = _read_state(settings, lst.name)
    stored = list_dir(settings, lst.name) / f"{state.get('sha256')}.md"
    if state.get("sha256") and stored.is_file():
        fetched_at = state.get("fetched_at", "?")
        return ListVersion(
            lst.name,
            state["sha256"],
            stored.read_bytes(),
            stored,
            "stored",
            now,
            note=f"{why}; using the version fetched {fetched_at}{_age(fetched_at, now)}",
            stale=stale,
        )
    if lst.snapshot is not None and lst.snapshot.is_file():
        _require_regular(lst)
        version = _version(settings, lst.name, lst.snapshot.read_bytes(), "snapshot", now)
        dated = datetime.fromtimestamp(lst.snapshot.stat().st_mtime, UTC).isoformat(
            timespec="seconds"
        )
        return ListVersion(
            version.list_name,
            version.sha256,
            version.raw,
            version.path,
            "snapshot",
            now,
            # The file's modification time: a fresh checkout makes it look new, and the note
            # says that is what it is.
            note=f"{why}; using the bundled snapshot {lst.snapshot.name}, "
            f"file modified {dated}{_age(dated, now)}",
            stale=stale,
        )
    raise EnrichError(
        f"list '{lst.name}': {why}, and there is no stored version or snapshot to fall back to"
    )


def _require_regular(lst: ListConfig) -> None:
    """Only a regular file is read as a list: not /proc/self/environ, a FIFO or a device."""
    if lst.snapshot is not None and not is_regular_list_file(lst.snapshot):
        raise EnrichError(f"list '{lst.name}': {lst.snapshot} is not a regular file; not read")


def _age(iso: str, now: datetime) -> str:
    """' (3.2 days old)' for an ISO timestamp, or '' if it cannot be read."""
    try:
        then = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    return f" ({(now - then).total_seconds() / 86400:.1f} days old)"


def _version(
    settings: Settings, list_name: str, raw: bytes, origin: str, now: datetime
) -> ListVersion:
    digest, path = store_version(settings, list_name, raw)
    return ListVersion(list_name, digest, raw, path, origin, now)


def _read_state(settings: Settings, list_name: str) -> dict[str, str]:
    path = list_dir(settings, list_name) / STATE_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_state(settings: Settings, list_name: str, state: dict[str, str | None]) -> None:
    path = list_dir(settings, list_name) / STATE_FILE
    write_private(path, json.dumps(state, indent=2).encode("utf-8"))


HISTORY_FILE = "history.jsonl"
QUARANTINE_FILE = "quarantine.jsonl"


def append_history(settings: Settings, version: ListVersion) -> None:
    """Note that a run loaded this version, so `enrich rebuild` can replay the list's history."""
    directory = private_dir(list_dir(settings, version.list_name))
    record = {
        "sha256": version.sha256,
        "origin": version.origin,
        "at": version.fetched_at.isoformat(),
        "note": version.note,
    }
    append_record(directory / HISTORY_FILE, record)


def record_quarantine(settings: Settings, version: ListVersion, reason: str) -> None:
    """Note that this version was kept out of the warehouse, and why (its bytes stay stored)."""
    directory = private_dir(list_dir(settings, version.list_name))
    record = {
        "sha256": version.sha256,
        "origin": version.origin,
        "at": version.fetched_at.isoformat(),
        "reason": reason,
    }
    append_record(directory / QUARANTINE_FILE, record)


@dataclass(frozen=True)
class RecordedVersion:
    """A list version a run used, as its history records it: its bytes stay on disk until the
    version is `load`ed (a list's history is as many versions as it had edits)."""

    list_name: str
    sha256: str
    path: Path
    origin: str
    fetched_at: datetime
    note: str | None = None

    def load(self) -> ListVersion:
        return ListVersion(
            self.list_name,
            self.sha256,
            self.path.read_bytes(),
            self.path,
            self.origin,
            self.fetched_at,
            self.note,
        )


def read_history(settings: Settings, list_name: str) -> list[RecordedVersion]:
    """The versions runs used, in order, with consecutive repeats folded. A torn last record
    (a crash mid-append) is dropped and cut from the file."""
    directory = list_dir(settings, list_name)
    versions: list[RecordedVersion] = []
    for record in read_records(directory / HISTORY_FILE):
        try:
            sha256, origin, at = record["sha256"], record["origin"], record["at"]
            fetched_at = datetime.fromisoformat(at)
        except (KeyError, TypeError, ValueError):
            continue
        raw_path = directory / f"{sha256}.md"
        if not raw_path.is_file() or (versions and versions[-1].sha256 == sha256):
            continue
        versions.append(
            RecordedVersion(list_name, sha256, raw_path, origin, fetched_at, record.get("note"))
        )
    return versions


def recorded_lists(settings: Settings) -> list[str]:
    base = settings.raw_dir / "lists"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / HISTORY_FILE).is_file())
