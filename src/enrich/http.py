"""HTTP policy in one place: who we say we are, how long we wait, how we retry, how fast we ask.

Every source gets a `PoliteSession` (a `requests.Session`):
- a User-Agent naming the project and a contact URL;
- a (connect, read) timeout on every request, whatever the caller forgets;
- urllib3's `Retry` for 429/5xx and read errors: exponential backoff with jitter, `Retry-After`
  honoured up to a bound (a service asking us to come back in an hour ends this run's asking
  instead of hanging it);
- no retry of a failed connect or DNS lookup, and a per-session circuit breaker: once a host
  cannot be reached, the rest of the run does not try it again, so an offline refresh ends in
  seconds and says which sources it could not reach;
- a per-host pace (the least time between two requests), shared by threads;
- counters (requests, retries, 304s, bytes) for the run summary and the benchmarks.

It is also the one place where requests' and urllib3's exceptions become enrich errors
(`PoliteSession.request`), where an HTTP status is classified (`error_class`) and where an HTML
page is recognised (`looks_like_html`): a source only ever raises and catches `SourceError`s.

The libraries are not given their own HTTP: the sources send the request `arxiv.Client` would
send through this session, and `semanticscholar`'s requester is replaced by one that sends
through it (see each source module), so the policy still holds in one place.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from enrich.config import Settings, SourceConfig, host_of
from enrich.errors import (
    AccessRefused,
    BadPayload,
    HostDown,
    RateLimited,
    SourceError,
    SourceUnreachable,
)
from enrich.redact import redact
from enrich.textclip import clip

log = logging.getLogger(__name__)

RETRY_STATUSES = (429, 500, 502, 503, 504)
# After this many requests in a row answered 5xx (each after its retries), give up on the service
# for the rest of the run.
MAX_SERVER_ERRORS_IN_A_ROW = 3
# Connection failures that mean the host cannot be reached at all (not a slow answer): the rest
# of the run does not try this host again.
HOST_DOWN_REASONS = frozenset(
    {"host cannot be resolved (no network or DNS)", "connection refused", "connect timed out"}
)
CREDENTIAL_HEADERS = ("Authorization", "x-api-key")
BACKOFF_JITTER = 0.5  # up to half the backoff again, at random: retries do not arrive in step


@dataclass
class SourceStats:
    """What one source cost in this run."""

    requests: int = 0  # attempts on the wire, retries included
    retries: int = 0
    not_modified: int = 0  # 304 answers: a conditional request that cost nothing
    bytes_received: int = 0
    failures: int = 0
    rate_limit_remaining: int | None = None
    rate_limit_reset: int | None = None  # epoch seconds
    unreachable: str | None = None  # why the host was given up on, if it was
    worker: str | None = None  # host:pid of the process that fetched (Dask workers differ)
    waiting: str | None = None  # what the fetch waits for right now ("the pace", "Retry-After")

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class RunStats:
    """Counters for every source, shared by the sessions of one run."""

    sources: dict[str, SourceStats] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def of(self, source: str) -> SourceStats:
        with self._lock:
            return self.sources.setdefault(source, SourceStats())

    def add(self, source: str, **deltas: int) -> None:
        stats = self.of(source)
        with self._lock:
            for name, delta in deltas.items():
                setattr(stats, name, getattr(stats, name) + delta)


# Services measure the gap between requests as they arrive, not as we send them: a few percent
# more than their rule keeps network jitter from making a request look early. (Measured: with no
# margin, 20 of 45 arXiv requests of the 10k benchmark arrived a hair under 3 s apart.)
PACE_MARGIN = 0.05


class HostPacer:
    """The least time between two requests to one host, across threads and, with a
    `shared_file`, across processes (Dask workers, two refreshes' fetches): a pace kept per
    process is not a pace. The file holds the wall-clock time the next request may go out,
    under an exclusive `flock`."""

    def __init__(self, interval_seconds: float, shared_file: Path | None = None) -> None:
        self.interval = interval_seconds * (1 + PACE_MARGIN)
        self.shared_file = shared_file
        self._lock = threading.Lock()
        self._next_at = 0.0

    def wait(self, before_sleep: Callable[[float], None] | None = None) -> float:
        """Wait for this request's turn; returns the seconds waited."""
        if self.interval <= 0:
            return 0.0
        with self._lock:
            if self.shared_file is None:
                now = time.monotonic()
                start = max(now, self._next_at)
                self._next_at = start + self.interval
            else:
                now = time.time()
                start = self._reserve_shared(now)
        if start > now:
            if before_sleep is not None:
                before_sleep(start - now)
            time.sleep(start - now)
        return max(0.0, start - now)

    def sent(self) -> None:
        """This request leaves now: the next one waits a full interval from now. A thread may
        leave later than its turn (woken late: another thread's parse or a collection of a big
        heap holding the interpreter), and the next one on time: 2-3 of the 100k benchmark's
        138 Semantic Scholar requests arrived 2-4 % early so."""
        if self.interval <= 0:
            return
        with self._lock:
            if self.shared_file is None:
                self._next_at = max(self._next_at, time.monotonic() + self.interval)
                return
            with self._locked_state() as state:
                state["next_at"] = max(state["next_at"], time.time() + self.interval)

    def done(self) -> None:
        """A request's answer came back. Another process's next request waits a full interval
        from now: a request's arrival is only known to lie between its start and its answer,
        and a first request may linger in connection set-up (measured: 0.15 s) while another
        process's goes straight out. (This process's own next request keeps the plain pace.)"""
        if self.interval <= 0 or self.shared_file is None:
            return
        with self._lock, self._locked_state() as state:
            state["others_after"] = max(state["others_after"], time.time() + self.interval)
            state["pid"] = float(os.getpid())

    def _reserve_shared(self, now: float) -> float:
        with self._locked_state() as state:
            start = max(now, state["next_at"])
            if state["pid"] != os.getpid():
                start = max(start, state["others_after"])
            if start > now + 3600:  # the wall clock went back: start afresh
                start = now
            state["next_at"] = start + self.interval
        return start

    @contextmanager
    def _locked_state(self) -> Iterator[dict[str, float]]:
        """The shared pace state under an exclusive flock: next_at, pid, others_after."""
        assert self.shared_file is not None
        self.shared_file.parent.mkdir(parents=True, exist_ok=True)
        with self.shared_file.open("a+", encoding="ascii") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
            handle.seek(0)
            try:
                values = [float(v) for v in handle.read().split()]
            except ValueError:
                values = []
            state = dict(zip(("next_at", "pid", "others_after"), values, strict=False))
            state = {"next_at": 0.0, "pid": 0.0, "others_after": 0.0, **state}
            yield state
            handle.seek(0)
            handle.truncate()
            handle.write(f"{state['next_at']!r} {state['pid']:.0f} {state['others_after']!r}")


class CountingRetry(Retry):
    """urllib3's Retry, counting each retry and bounding how long a Retry-After may make us wait."""

    def __init__(
        self,
        *args: Any,
        on_retry: Any = None,
        on_wait: Any = None,
        max_retry_after: float = 60.0,
        min_backoff: float = 0.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.on_retry = on_retry
        self.on_wait = on_wait  # called with what a retry waits for, then with None
        self.max_retry_after = max_retry_after
        self.min_backoff = min_backoff

    def new(self, **kwargs: Any) -> CountingRetry:
        kwargs.setdefault("on_retry", self.on_retry)
        kwargs.setdefault("on_wait", self.on_wait)
        kwargs.setdefault("max_retry_after", self.max_retry_after)
        kwargs.setdefault("min_backoff", self.min_backoff)
        return super().new(**kwargs)

    def sleep(self, response: Any = None) -> None:
        # Counted here, once the wait is over and the retry goes out: a retry that a too-long
        # Retry-After stops (raised from the wait) was never sent and is not counted.
        if self.on_wait is not None:
            asked = response is not None and response.headers.get("Retry-After")
            self.on_wait("Retry-After" if asked else "a retry's backoff")
        try:
            super().sleep(response)
        finally:
            if self.on_wait is not None:
                self.on_wait(None)
        if self.on_retry is not None:
            self.on_retry()

    def get_backoff_time(self) -> float:
        # A retry is a request too: it keeps the service's pace, whatever the backoff says.
        backoff = super().get_backoff_time()
        return max(backoff, self.min_backoff) if self.history else backoff

    def parse_retry_after(self, retry_after: str) -> float:
        # urllib3 takes whole seconds or an HTTP date; "3.0" would fail the whole batch.
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            return float(super().parse_retry_after(retry_after))

    def get_retry_after(self, response: Any) -> float | None:
        seconds = super().get_retry_after(response)
        if seconds is not None and seconds > self.max_retry_after:
            # Waiting longer than our budget would stall the whole run: give up on this request.
            raise RetryAfterTooLong(seconds)
        return seconds


class RetryAfterTooLong(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"asked to wait {seconds:.0f} s")
        self.seconds = seconds


class PoliteSession(requests.Session):
    """A requests.Session with the project's timeouts, retries, pace, breaker and counters."""

    def __init__(
        self,
        source: str,
        *,
        settings: Settings,
        pace_seconds: float,
        stats: RunStats,
        retries: int | None = None,
        pace_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        self.stats = stats
        self.secrets = settings.secrets()
        self.timeout = (settings.connect_timeout_seconds, settings.timeout_seconds)
        self.pacer = HostPacer(pace_seconds, pace_file)
        self.deadline: float | None = None  # time.monotonic() after which nothing is asked
        self.budget_seconds: float | None = None
        self.headers["User-Agent"] = settings.user_agent
        total = settings.max_retries if retries is None else retries
        retry = CountingRetry(
            total=total,
            connect=0,  # an unreachable host is not retried: fail fast, say so
            read=min(1, total),
            status=total,
            other=0,
            backoff_factor=settings.backoff_seconds,
            backoff_jitter=BACKOFF_JITTER * settings.backoff_seconds,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=None,  # POST batch and GraphQL queries are safe to repeat
            respect_retry_after_header=True,
            raise_on_status=False,  # the caller sees the last answer and decides
            on_retry=self._before_retry,
            on_wait=self._waiting,
            max_retry_after=settings.max_retry_wait_seconds,
            min_backoff=pace_seconds * (1 + PACE_MARGIN),
        )
        adapter = HTTPAdapter(max_retries=retry, pool_maxsize=4)
        self.mount("http://", adapter)
        self.mount("https://", adapter)
        self._down: str | None = None
        self._server_errors_in_a_row = 0
        # The hosts this source's credential belongs to; it is sent nowhere else.
        self.secret_hosts = settings.secret_hosts(source)
        self.credentials_withheld = 0

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        """Every request on the wire, redirects included: a credential header goes only to the
        host it belongs to (requests drops Authorization on a redirect to another host, but not
        x-api-key; and a base URL may point anywhere)."""
        host = host_of(request.url or "")
        if host not in self.secret_hosts:
            for header in CREDENTIAL_HEADERS:
                if header in request.headers:
                    del request.headers[header]
                    self.credentials_withheld += 1
                    log.warning(
                        "%s: %s not sent to %s: it belongs to %s",
                        self.source,
                        header,
                        host or "?",
                        ", ".join(sorted(self.secret_hosts)) or "no host",
                    )
        self.pacer.sent()
        return super().send(request, **kwargs)

    def request(  # type: ignore[override]
        self, method: str, url: str, *args: Any, **kwargs: Any
    ) -> requests.Response:
        if self._down is not None:
            raise HostDown(
                f"{self.source}: not asked: {self._down}",
                source=self.source,
                url=self.redact(url),
            )
        kwargs.setdefault("timeout", self.timeout)
        self.pacer.wait(lambda seconds: self._waiting("the pace"))
        self._waiting(None)
        self._check_deadline(url)
        self.stats.add(self.source, requests=1)
        try:
            try:
                response = super().request(method, url, *args, **kwargs)
            finally:
                self.pacer.done()
        except RetryAfterTooLong as exc:
            # Raised from urllib3's sleep, unwrapped: the service asked us to come back later
            # than this run is willing to wait.
            raise self._failed(
                RateLimited,
                f"rate limited, {exc}; not waiting that long in this run",
                url,
                retry_at=in_seconds_iso(exc.seconds),
            ) from None
        except requests.exceptions.RetryError as exc:
            raise self._failed(RateLimited, f"gave up after retries: {short(exc)}", url) from None
        except requests.exceptions.ConnectionError as exc:
            reason = _connection_reason(exc)
            error: type[SourceError] = SourceUnreachable
            if reason in HOST_DOWN_REASONS:
                self._down = reason
                self.stats.of(self.source).unreachable = reason
                error = HostDown
            raise self._failed(error, f"{reason} ({self.redact(url)})", url) from None
        except requests.exceptions.Timeout as exc:
            raise self._failed(SourceUnreachable, f"timed out ({short(exc)})", url) from None
        except requests.exceptions.RequestException as exc:
            # A body cut short (ChunkedEncodingError, ContentDecodingError …): an answer we cannot
            # use, never "not found".
            raise self._failed(
                BadPayload, f"broken answer: {type(exc).__name__}: {short(exc)}", url
            ) from None
        self._note_response(response)
        return response

    def _before_retry(self) -> None:
        """A retry is about to go out: it is a request too, so it takes its turn at the pace
        (otherwise the request after a retry follows it at once and is itself refused)."""
        self.pacer.wait(lambda seconds: self._waiting("the pace"))
        self._waiting(None)
        self.stats.add(self.source, retries=1, requests=1)

    def _waiting(self, what: str | None) -> None:
        self.stats.of(self.source).waiting = what

    def set_budget(self, seconds: float) -> None:
        """Bound the whole fetch: once `seconds` have passed, no request goes out and the rest
        of the items fail as stale. This is what stops a fetch on every task runner (Prefect
        cannot interrupt a task running in a thread)."""
        self.budget_seconds = seconds
        self.deadline = time.monotonic() + seconds

    def _check_deadline(self, url: str) -> None:
        if self.deadline is None or time.monotonic() < self.deadline:
            return
        self._down = f"its time budget of {self.budget_seconds:.0f} s for this run ran out"
        self.stats.of(self.source).unreachable = self._down
        raise HostDown(
            f"{self.source}: not asked: {self._down}", source=self.source, url=self.redact(url)
        )

    def _failed(
        self, error: type[SourceError], message: str, url: str, *, retry_at: str | None = None
    ) -> SourceError:
        """Count a request that got no usable answer; the `error` to raise for it."""
        self.stats.add(self.source, failures=1)
        return error(
            f"{self.source}: {message}", source=self.source, url=self.redact(url), retry_at=retry_at
        )

    def _note_response(self, response: requests.Response) -> None:
        stats = self.stats.of(self.source)
        # A service that keeps failing after retries is not asked again in this run: hammering
        # it helps nobody, and its items stay stale (previous values kept) until the next run.
        if response.status_code >= 500:
            self._server_errors_in_a_row += 1
            if self._server_errors_in_a_row >= MAX_SERVER_ERRORS_IN_A_ROW:
                self._down = (
                    f"the service answered HTTP {response.status_code} to "
                    f"{self._server_errors_in_a_row} requests in a row (after retries)"
                )
                stats.unreachable = self._down
        else:
            self._server_errors_in_a_row = 0
        if response.status_code == 304:
            self.stats.add(self.source, not_modified=1)
        self.stats.add(self.source, bytes_received=len(response.content))
        remaining = response.headers.get("x-ratelimit-remaining")
        reset = response.headers.get("x-ratelimit-reset")
        if remaining is not None and remaining.isdigit():
            stats.rate_limit_remaining = int(remaining)
        if reset is not None and reset.isdigit():
            stats.rate_limit_reset = int(reset)

    def redact(self, text: str) -> str:
        return redact(text, self.secrets)

    def check(self, response: requests.Response, *, ids: tuple[str, ...] = ()) -> None:
        """Raise the right SourceError for an answer that is not a usable 200/304/404."""
        status = response.status_code
        if status in USABLE_STATUSES:
            return
        url = self.redact(response.url)
        error = error_class(status, response.headers)
        if error is RateLimited:
            reset = response.headers.get("x-ratelimit-reset")
            retry_after = response.headers.get("retry-after", "")
            retry_at = epoch_iso(reset) or (
                in_seconds_iso(float(retry_after)) if retry_after.isdigit() else None
            )
            raise RateLimited(
                f"{self.source}: rate limited (HTTP {status})"
                + (f", resets at {retry_at}" if retry_at else ""),
                source=self.source,
                url=url,
                status=status,
                ids=ids,
                retry_at=retry_at,
            )
        if status >= 500:
            problem = f"server error HTTP {status}"
        else:
            problem = f"unexpected HTTP {status}: {self.redact(response.text)[:200]!r}"
        raise error(
            f"{self.source}: {problem}", source=self.source, url=url, status=status, ids=ids
        )


# An answer that says something about what was asked: the thing, "not modified", "not found".
USABLE_STATUSES = frozenset({200, 304, 404})
# The statuses by which a service refuses our credential, unless it says otherwise.
REFUSED_STATUSES = frozenset({401})


def error_class(
    status: int,
    headers: Mapping[str, str],
    message: str = "",
    *,
    refused: frozenset[int] = REFUSED_STATUSES,
) -> type[SourceError]:
    """What an answer with HTTP `status` (one the caller cannot use) is, as an error type.

    429, or a 403 whose budget header says 0 or whose `message` (the body's, for a service that
    words its limit there: GitHub) says "rate limit": RateLimited. A status in `refused` (S2
    refuses a key with 403 too): AccessRefused. Anything else: a SourceError for these ids only.
    """
    remaining = {k.lower(): v for k, v in headers.items()}.get("x-ratelimit-remaining")
    if status == 429 or (
        status == 403 and (remaining == "0" or "rate limit" in message.lower())
    ):
        return RateLimited
    if status in refused:
        return AccessRefused
    return SourceError


# The first bytes of an HTML page: an error page, a login wall, a CDN's "try again later".
_HTML_STARTS = (b"<!doctype html", b"<html")


def looks_like_html(body: bytes, content_type: str = "") -> bool:
    """True for an HTML page where a feed, BibTeX or JSON was due: its first bytes, or the
    `content_type` the server declared."""
    if "html" in content_type.lower():
        return True
    return body[:300].lstrip().lower().startswith(_HTML_STARTS)


def build_session(
    settings: Settings, source: SourceConfig, stats: RunStats, **kwargs: Any
) -> PoliteSession:
    kwargs.setdefault("pace_file", settings.pace_dir / source.name if source.pace_seconds else None)
    return PoliteSession(
        source.name, settings=settings, pace_seconds=source.pace_seconds, stats=stats, **kwargs
    )


def _connection_reason(exc: BaseException) -> str:
    text = str(exc)
    if (
        "NameResolutionError" in text
        or "Name or service not known" in text
        or "getaddrinfo" in text
    ):
        return "host cannot be resolved (no network or DNS)"
    if "Connection refused" in text:
        return "connection refused"
    if "Read timed out" in text or isinstance(exc, requests.exceptions.ReadTimeout):
        return "read timed out"
    if "timed out" in text:
        return "connect timed out"
    if "RemoteDisconnected" in text or "Connection aborted" in text:
        return "connection closed by the server (read)"
    return short(exc)


def short(exc: BaseException) -> str:
    """An exception's text, cut to 160 characters for a one-line summary."""
    return clip(str(exc), 160, "...")


def epoch_iso(value: str | None) -> str | None:
    """An epoch-seconds header (x-ratelimit-reset) as ISO 8601 UTC, or None."""
    if not value or not value.strip().isdigit():
        return None
    return datetime.fromtimestamp(int(value), UTC).isoformat(timespec="seconds")


def in_seconds_iso(seconds: float) -> str:
    """The UTC time `seconds` from now, ISO 8601 to the second (when a wait ends)."""
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat(timespec="seconds")


def retry_after_iso(headers: Mapping[str, str]) -> str | None:
    """When a `Retry-After: <seconds>` header says to come back (see `in_seconds_iso`), or None
    (no such header, or one in the HTTP-date form)."""
    value = {k.lower(): v for k, v in headers.items()}.get("retry-after", "").strip()
    return in_seconds_iso(float(value)) if value.isdigit() else None
