"""Raw first: every upstream answer is saved under data/raw/<source>/<date>/ before it is parsed.

One JSON envelope per response: the request (secrets redacted), status, useful headers, time and
body. `enrich rebuild` replays these files, in the order they were written, to recreate the
warehouse with no network.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NotRequired, TypedDict, Unpack

import orjson

from enrich.redact import redact, redact_value

# Headers worth keeping: they explain caching, pacing and rate limits after the fact.
USEFUL_HEADERS = (
    "content-type",
    "etag",
    "last-modified",
    "retry-after",
    "location",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-used",
    "x-ratelimit-resource",
)
SECRET_HEADERS = ("authorization", "x-api-key", "cookie")

_counter = itertools.count()
_lock = threading.Lock()


@dataclass(frozen=True)
class RawResponse:
    """A saved upstream answer, as read back from data/raw/."""

    source: str
    kind: str  # what was asked, per source: "query", "batch", "repo", "graphql", "bib", …
    fetched_at: datetime
    method: str
    url: str
    request_body: Any
    status: int
    headers: dict[str, str]
    body: bytes
    meta: dict[str, Any]  # source-specific context (ids asked, repo asked, …)
    path: Path

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json_value(self.body)


def json_value(data: bytes) -> Any:
    """`json.loads(data)`, in C where it can be: orjson reads strict JSON (the same values), and
    what it refuses (NaN, a BOM, a lone surrogate, an integer past 64 bits, broken JSON) goes to
    `json.loads`, which reads it or raises as it always did."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def useful_headers(headers: Mapping[str, str]) -> dict[str, str]:
    lower = {k.lower(): v for k, v in headers.items()}
    return {k: lower[k] for k in USEFUL_HEADERS if k in lower}


class Exchange(TypedDict):
    """What an envelope records of one request and its answer (the rest is where and when)."""

    kind: str  # what was asked, in the source's words: "query", "graphql", a list's name …
    method: str
    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    request_body: NotRequired[Any]
    meta: NotRequired[Mapping[str, Any] | None]


def save_response(
    raw_dir: Path,
    *,
    source: str,
    secrets: Iterable[str] = (),
    fetched_at: datetime | None = None,
    **exchange: Unpack[Exchange],
) -> Path:
    """Write one envelope atomically and return its path."""
    secrets = tuple(secrets)
    kind = exchange["kind"]
    body = exchange["body"]
    when = fetched_at or datetime.now(UTC)
    day_dir = private_dir(raw_dir / source / when.strftime("%Y-%m-%d"))
    with _lock:
        seq = next(_counter)
    name = f"{when.strftime('%H%M%S%f')}-{os.getpid()}-{seq:06d}-{kind}.json"
    try:
        text_body: str | None = body.decode("utf-8")
    except UnicodeDecodeError:
        text_body = None
        # Not UTF-8: kept as base64, redacted byte for byte (Latin-1 maps each byte to one
        # character, so an ASCII secret is found wherever its bytes are).
        body = redact(body.decode("latin-1"), secrets).encode("latin-1")
    envelope = {
        "source": source,
        "kind": kind,
        "fetched_at": when.isoformat(),
        "request": {
            "method": exchange["method"],
            "url": redact(exchange["url"], secrets),
            "body": redact_value(exchange.get("request_body"), secrets),
        },
        "status": exchange["status"],
        "headers": {
            k: redact(v, secrets)
            for k, v in useful_headers(exchange["headers"]).items()
            if k not in SECRET_HEADERS
        },
        "meta": redact_value(dict(exchange.get("meta") or {}), secrets),
        # A secret echoed back by a server must not be stored either.
        "body": redact(text_body, secrets) if text_body is not None else None,
        "body_base64": None if text_body is not None else base64.b64encode(body).decode(),
    }
    path = day_dir / name
    write_private(path, json.dumps(envelope, ensure_ascii=False).encode("utf-8"))
    return path


# Raw answers may hold what a service told only us (private repositories, account data): they
# are readable by their owner only, whatever the umask.
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Make `path` a directory only its owner can enter, and its missing parents inside the raw
    store too (the data directory above it keeps the umask's mode); returns it."""
    if path.is_dir():
        return path
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for directory in reversed(missing):
        inside_raw = "raw" in directory.parts
        directory.mkdir(mode=PRIVATE_DIR_MODE if inside_raw else 0o777, exist_ok=True)
        if inside_raw:
            directory.chmod(PRIVATE_DIR_MODE)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write a file atomically (a temporary file renamed over it), owner-readable only."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def read_response(path: Path) -> RawResponse:
    data = path.read_bytes()
    try:
        envelope = orjson.loads(data)
    except orjson.JSONDecodeError:  # as `json_value`, but text as read_text decoded it
        envelope = json.loads(data.decode("utf-8"))
    if envelope.get("body") is not None:
        body = envelope["body"].encode("utf-8")
    else:
        body = base64.b64decode(envelope.get("body_base64") or "")
    return RawResponse(
        source=envelope["source"],
        kind=envelope["kind"],
        fetched_at=datetime.fromisoformat(envelope["fetched_at"]),
        method=envelope["request"]["method"],
        url=envelope["request"]["url"],
        request_body=envelope["request"].get("body"),
        status=int(envelope["status"]),
        headers=dict(envelope.get("headers") or {}),
        body=body,
        meta=dict(envelope.get("meta") or {}),
        path=path,
    )


def iter_paths(raw_dir: Path, source: str) -> Iterator[Path]:
    """The files of every saved answer of one source, oldest first (names sort by time)."""
    base = raw_dir / source
    if not base.is_dir():
        return
    for day in sorted(p for p in base.iterdir() if p.is_dir()):
        yield from sorted(day.glob("*.json"))
