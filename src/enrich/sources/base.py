"""What every source module shares: the fetch context, the outcome of a fetch, parsed rows."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from enrich.config import Settings, SourceConfig
from enrich.http import PoliteSession, RunStats, SourceStats
from enrich.rawstore import RawResponse, save_response

OK = "ok"
NOT_FOUND = "not_found"  # the service answered, and said it does not know this item
ERROR = "error"  # no usable answer (5xx, timeout, HTML page, truncated body, rate limit …)


@dataclass(frozen=True)
class ItemStatus:
    status: str  # OK | NOT_FOUND | ERROR
    message: str | None = None


@dataclass
class FetchContext:
    settings: Settings
    source: SourceConfig
    session: PoliteSession
    stats: RunStats
    # Stored state a source may need: e.g. GitHub ETags by repo_key for conditional requests.
    state: Mapping[str, Any] = field(default_factory=dict)
    progress: Callable[[int], None] = lambda n: None  # called with the items done since last call

    def save(
        self,
        *,
        kind: str,
        method: str,
        url: str,
        status: int,
        headers: Mapping[str, str],
        body: bytes,
        request_body: Any = None,
        meta: Mapping[str, Any] | None = None,
    ) -> Path:
        return save_response(
            self.settings.raw_dir,
            source=self.source.name,
            kind=kind,
            method=method,
            url=url,
            status=status,
            headers=headers,
            body=body,
            request_body=request_body,
            meta=meta,
            secrets=self.settings.secrets(),
        )


@dataclass
class FetchOutcome:
    """What a fetch did: the raw answers it saved, and items it got no answer for at all."""

    source: str
    raw_paths: list[Path] = field(default_factory=list)
    # Items with no saved answer (connection failed, budget exhausted before asking, …).
    failed: dict[str, ItemStatus] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # one line each, for the summary
    unreachable: str | None = None
    retry_at: str | None = None  # when a rate limit resets, if one stopped us
    # What the fetch cost on the wire; filled in by enrich.fetch.fetch_source. Travels with the
    # outcome so a fetch run in another process (a Dask worker) still reports its requests.
    stats: SourceStats | None = None


@dataclass
class Parsed:
    """Rows from one raw answer, by warehouse table, and an outcome per item asked."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    statuses: dict[str, ItemStatus] = field(default_factory=dict)
    fetched_at: datetime | None = None

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)


class SourceModule(Protocol):
    NAME: str

    def fetch(self, items: Sequence[str], ctx: FetchContext) -> FetchOutcome: ...

    def parse(self, raw: RawResponse) -> Parsed: ...


def new_stats() -> RunStats:
    return RunStats()
