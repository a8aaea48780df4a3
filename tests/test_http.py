"""http.py on its own: the one status classifier, the one HTML sniffer, the error types'
properties, and PoliteSession turning every request failure into an enrich error."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from enrich.errors import (
    AccessRefused,
    BadPayload,
    HostDown,
    RateLimited,
    SourceError,
    SourceUnreachable,
)
from enrich.http import (
    PoliteSession,
    RunStats,
    build_session,
    epoch_iso,
    error_class,
    looks_like_html,
    retry_after_iso,
    short,
)

from support import QuietHandler, local_server, make_settings


@pytest.mark.parametrize(
    ("status", "headers", "message", "expected"),
    [
        (429, {}, "", RateLimited),
        (403, {"X-RateLimit-Remaining": "0"}, "", RateLimited),
        (403, {}, "API rate limit exceeded for 1.2.3.4", RateLimited),
        (401, {}, "Bad credentials", AccessRefused),
        (403, {}, "Resource protected by SAML", SourceError),
        (500, {}, "", SourceError),
        (400, {}, "", SourceError),
    ],
)
def test_error_class(
    status: int, headers: dict[str, str], message: str, expected: type[SourceError]
) -> None:
    assert error_class(status, headers, message) is expected


def test_a_service_may_refuse_a_key_with_403_too() -> None:
    assert error_class(403, {}, refused=frozenset({401, 403})) is AccessRefused
    assert error_class(403, {"x-ratelimit-remaining": "0"}, refused=frozenset({403})) is RateLimited


@pytest.mark.parametrize(
    ("body", "content_type", "html"),
    [
        (b"<!DOCTYPE html><html>", "", True),
        (b"\n\n   <html><body>Not Found</body></html>", "", True),
        (b'{"error": "x"}', "text/html; charset=utf-8", True),
        (b'{"data": {}}', "application/json", False),
        (b"<?xml version='1.0'?><feed/>", "application/atom+xml", False),
        (b"@inproceedings{x,", "", False),
    ],
)
def test_looks_like_html(body: bytes, content_type: str, html: bool) -> None:
    assert looks_like_html(body, content_type) is html


def test_transient_and_stopping_are_properties_of_the_error_type() -> None:
    assert SourceError.transient and not SourceError.stops_source
    assert BadPayload.transient and not BadPayload.stops_source
    assert SourceUnreachable.transient and not SourceUnreachable.stops_source  # one timeout
    assert HostDown.stops_source and issubclass(HostDown, SourceUnreachable)
    assert RateLimited.transient and RateLimited.stops_source
    assert not AccessRefused.transient and AccessRefused.stops_source


def test_time_helpers() -> None:
    assert epoch_iso("0") == "1970-01-01T00:00:00+00:00"
    assert epoch_iso("soon") is None and epoch_iso(None) is None
    assert retry_after_iso({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}) is None
    moment = retry_after_iso({"retry-after": "60"})
    assert moment is not None
    assert 55 <= (datetime.fromisoformat(moment) - datetime.now(UTC)).total_seconds() <= 61


def test_short_cuts_an_exception_to_one_summary_line() -> None:
    assert short(ValueError("x" * 10)) == "x" * 10
    cut = short(ValueError("y" * 500))
    assert len(cut) == 160 and cut.endswith("...")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _session(tmp_path: Path, **env: str) -> PoliteSession:
    settings = make_settings(tmp_path, env={"ENRICH_MAX_RETRIES": "0", **env})
    return build_session(settings, settings.sources["arxiv"], RunStats())


def test_a_refused_connection_is_a_host_down_and_nothing_more_is_asked(tmp_path: Path) -> None:
    session = _session(tmp_path)
    url = f"http://127.0.0.1:{_free_port()}/api/query"
    with pytest.raises(HostDown, match="connection refused"):
        session.request("GET", url)
    with pytest.raises(HostDown, match="not asked: connection refused"):
        session.request("GET", url)
    stats = session.stats.of("arxiv")
    assert (stats.requests, stats.failures, stats.unreachable) == (1, 1, "connection refused")


def test_a_spent_budget_stops_the_session_before_the_wire(tmp_path: Path) -> None:
    session = _session(tmp_path)
    session.set_budget(0)
    with pytest.raises(HostDown, match="time budget"):
        session.request("GET", "http://127.0.0.1:9/")
    assert session.stats.of("arxiv").requests == 0


class _Faulty(QuietHandler):
    def do_GET(self) -> None:
        if self.path == "/cut":  # promises 1000 bytes, sends 10, hangs up
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"0123456789")
            self.wfile.flush()
            self.close_connection = True
            return
        status = {"/limited": 429, "/refused": 401, "/broken": 503, "/gone": 404}[self.path]
        self.answer(status, b"<html>no</html>", {"Retry-After": "120"} if status == 429 else {})


@pytest.fixture
def faulty() -> Iterator[str]:
    with local_server(_Faulty) as url:
        yield url


def test_a_body_cut_short_is_a_bad_payload(tmp_path: Path, faulty: str) -> None:
    session = _session(tmp_path)
    with pytest.raises(BadPayload, match="broken answer"):
        session.request("GET", f"{faulty}/cut")
    assert session.stats.of("arxiv").failures == 1


def test_check_raises_the_error_each_status_is(tmp_path: Path, faulty: str) -> None:
    session = _session(tmp_path, ENRICH_MAX_RETRY_WAIT="1")
    session.check(session.request("GET", f"{faulty}/gone"))  # a 404 is an answer
    with pytest.raises(RateLimited, match=r"HTTP 429") as limited:
        # A Retry-After above the wait budget: no retry, the limit is raised at once.
        session.check(session.request("GET", f"{faulty}/limited"), ids=("a",))
    assert limited.value.ids == ("a",) and limited.value.retry_at is not None
    with pytest.raises(AccessRefused, match="unexpected HTTP 401"):
        session.check(session.request("GET", f"{faulty}/refused"))
    with pytest.raises(SourceError, match="server error HTTP 503") as broken:
        session.check(session.request("GET", f"{faulty}/broken"))
    assert type(broken.value) is SourceError


def test_sessions_send_the_project_user_agent(tmp_path: Path) -> None:
    session = _session(tmp_path)
    assert str(session.headers["User-Agent"]).startswith("enrich/")
    assert isinstance(session, requests.Session)


class _Clock:
    """time.monotonic, time.time and time.sleep for enrich.http, on a clock the test moves."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.mark.parametrize("shared", [False, True], ids=["one-process", "shared-file"])
def test_a_request_that_leaves_late_pushes_the_next_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shared: bool
) -> None:
    import enrich.http

    clock = _Clock()
    monkeypatch.setattr(enrich.http, "time", clock)
    pacer = enrich.http.HostPacer(1.0, tmp_path / "pace" if shared else None)
    interval = pacer.interval  # the pace and its margin
    assert pacer.wait() == 0.0  # the first request's turn is now …
    clock.now += 0.3  # … but its thread runs 0.3 s later (another thread held the interpreter)
    pacer.sent()
    left = clock.now
    pacer.wait()
    assert clock.now - left == pytest.approx(interval)  # a full interval after it left
    # One that leaves on time changes nothing.
    pacer.sent()
    left = clock.now
    pacer.wait()
    assert clock.now - left == pytest.approx(interval)
