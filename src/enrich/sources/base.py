"""What every source module shares: the shape of a source (`Source`), the fetch context, the
outcome of a fetch, parsed rows, and the helpers that keep the sources' fetch loops alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, Unpack

import requests

from enrich.config import Settings, SourceConfig
from enrich.errors import HostDown, RateLimited, SourceError
from enrich.http import PoliteSession, RunStats, SourceStats, retry_after_iso
from enrich.rawstore import Exchange, RawResponse, save_response

if TYPE_CHECKING:
    from enrich.resolve import ResolvedEntry

OK = "ok"
NOT_FOUND = "not_found"  # the service answered, and said it does not know this item
ERROR = "error"  # no usable answer (5xx, timeout, HTML page, truncated body, rate limit …)

T = TypeVar("T")


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

    def save(self, **exchange: Unpack[Exchange]) -> Path:
        """Save one exchange with this source, its secrets redacted (`enrich.rawstore`)."""
        return save_response(
            self.settings.raw_dir,
            source=self.source.name,
            secrets=self.settings.secrets(),
            **exchange,
        )

    def save_answer(
        self,
        response: requests.Response,
        *,
        kind: str,
        method: str,
        url: str,
        request_body: Any = None,
        meta: Mapping[str, Any] | None = None,
    ) -> Path:
        """`save` for an answer as requests gives it: its status, headers and body."""
        return self.save(
            kind=kind,
            method=method,
            url=url,
            status=response.status_code,
            headers=response.headers,
            body=response.content,
            request_body=request_body,
            meta=meta,
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

    def redacted(self, secrets: tuple[str, ...]) -> FetchOutcome:
        """This outcome with every message passed through `enrich.redact.redact` (an error
        text may quote a body in which a server echoed a secret)."""
        from dataclasses import replace

        from enrich.redact import redact

        if not secrets:
            return self
        return replace(
            self,
            failed={
                item: ItemStatus(st.status, redact(st.message, secrets) if st.message else None)
                for item, st in self.failed.items()
            },
            errors=[redact(e, secrets) for e in self.errors],
            unreachable=redact(self.unreachable, secrets) if self.unreachable else None,
        )


@dataclass
class Parsed:
    """Rows from one raw answer, by warehouse table, and an outcome per item asked."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    statuses: dict[str, ItemStatus] = field(default_factory=dict)
    fetched_at: datetime | None = None

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)


# The load key of `observations`, for every source that adds to it: every observation is kept,
# a second refresh the same day adds a row, never replaces one.
OBSERVATION_KEYS: dict[str, tuple[str, ...]] = {
    "observations": ("subject_kind", "subject_id", "metric", "observed_at")
}


class Source(Protocol):
    """What a source module declares (registered in `enrich.sources.registry`).

    Optional, looked up by the registry when a module has them: `stored_state(con)` (what the
    fetch needs from the warehouse: GitHub's ETags), `still_to_ask(con, items)` (items the
    warehouse can answer without asking: ACL papers of a stored volume) and
    `stored_answers(con, settings)` (those answers, as `Parsed`).
    """

    NAME: str
    # Every table `parse` fills, with the key its rows are upserted by (dlt's primary_key).
    TABLE_KEYS: Mapping[str, tuple[str, ...]]

    def wanted(self, entry: ResolvedEntry) -> Iterable[str]:
        """The items of one list entry this source can tell about, in link order."""
        ...

    def fetch(self, items: Sequence[str], ctx: FetchContext) -> FetchOutcome: ...

    def parse(self, raw: RawResponse) -> Parsed: ...


def send(
    ctx: FetchContext, method: str, url: str, *, ids: tuple[str, ...], **kwargs: Any
) -> requests.Response:
    """One request through the source's `PoliteSession`, which raises only `SourceError`s (it is
    the one place requests' and urllib3's faults are translated). `ids` are the items the
    request asks about, noted on the error for the summary."""
    try:
        return ctx.session.request(method, url, **kwargs)
    except SourceError as exc:
        exc.ids = exc.ids or ids
        raise


def record_source_error(
    outcome: FetchOutcome,
    exc: SourceError,
    ids: Sequence[str],
    ctx: FetchContext,
    *,
    unit: str = "ids",
    answered: bool = False,
) -> bool:
    """Note a request for `ids` that raised `exc`; True when the source should stop asking
    (`exc.stops_source`, see `enrich.errors`).

    One line goes to `outcome.errors`; the ids are failed with the error's message, unless
    `answered` (the answer was saved, and `parse` reports ERROR for them). A rate limit's reset
    goes to `outcome.retry_at`, a host given up on to `outcome.unreachable`.
    """
    message = str(exc)
    outcome.errors.append(f"{message} ({len(ids)} {unit})")
    if not answered:
        fail_items(outcome, ids, message)
    if isinstance(exc, RateLimited):
        outcome.retry_at = exc.retry_at or outcome.retry_at
    elif isinstance(exc, HostDown):
        outcome.unreachable = ctx.stats.of(ctx.source.name).unreachable or str(exc)
    return exc.stops_source


def check_answer(
    ctx: FetchContext, response: requests.Response, ids: Sequence[str], outcome: FetchOutcome
) -> SourceError | None:
    """`ctx.session.check` on a saved answer: an unusable one is noted in `outcome.errors` (a rate
    limit's reset in `outcome.retry_at` too) and returned; a usable one gives None."""
    try:
        ctx.session.check(response, ids=tuple(ids))
    except RateLimited as exc:
        outcome.retry_at = exc.retry_at or retry_after_iso(response.headers) or outcome.retry_at
        outcome.errors.append(f"{exc} ({len(ids)} ids)")
        return exc
    except SourceError as exc:
        outcome.errors.append(f"{exc} ({len(ids)} ids)")
        return exc
    return None


def ask_in_batches(
    ids: list[str],
    limit: int,
    ask: Callable[[list[str]], str | None],
    ctx: FetchContext,
    outcome: FetchOutcome,
) -> None:
    """`ask` each batch of `ids` (the source's batch size, at most `limit`) in turn, until one
    returns why to stop; the batches after it are failed "not asked: <why>"."""
    stopped: str | None = None
    for batch in chunks(ids, max(1, min(ctx.source.batch_size, limit))):
        if stopped is None:
            stopped = ask(batch)
        else:
            fail_items(outcome, batch, f"not asked: {stopped}")
        ctx.progress(len(batch))


def fail_items(outcome: FetchOutcome, ids: Iterable[str], message: str) -> None:
    """Record each of `ids` in `outcome.failed` as ERROR with `message` (no answer saved)."""
    for item in ids:
        outcome.failed[item] = ItemStatus(ERROR, message)


def chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    """`items` in order, in lists of `size` (the last one may be shorter)."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def observation_row(
    subject_kind: str,
    subject_id: str,
    metric: str,
    value: int,
    fetched_at: datetime,
    source: str,
    raw_path: str,
) -> dict[str, Any]:
    """One `observations` row: `metric` of a subject ("paper", "repo") as seen at `fetched_at`."""
    return {
        "subject_kind": subject_kind,
        "subject_id": subject_id,
        "metric": metric,
        "observed_on": fetched_at.date(),
        "value": value,
        "observed_at": fetched_at,
        "source": source,
        "raw_path": raw_path,
    }


def url_or_none(value: Any) -> str | None:
    """A URL from an upstream answer, or None when there is none or it is not safe to export
    (javascript:, data:, file:, vbscript: — see `enrich.ids.is_unsafe_url`)."""
    from enrich.ids import is_unsafe_url

    text = text_or_none(value)
    return None if is_unsafe_url(text) else text


def text_or_none(value: Any) -> str | None:
    """`value` as stripped text; None for None or for nothing but whitespace."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
