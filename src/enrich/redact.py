"""One redaction, used by every path that writes text: HTTP errors, raw envelopes, summaries,
`runs.errors` and `fetch_status.error`, every log record of the process (`install_log_redaction`),
Prefect artifacts, releases and publishing. Other modules may wrap `redact`; none has a rule of
its own.

The rule: every secret value in force (`Settings.secrets()`: the GitHub token, the Semantic
Scholar key) of at least `MIN_SECRET_LENGTH` characters — as written, percent-encoded, and
escaped as JSON writes it — and the value of any `token=`, `access_token=`, `api_key=`/`apikey=`
or `key=` parameter of a URL, becomes `***`. Wherever the text came from: a URL, a header
echoed back, a body a server quoted. A secret cut short by a snippet (its first
`MIN_SECRET_LENGTH` characters or more) goes too: a message shortened before it was redacted
must not keep half a token.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

REDACTED = "***"
MIN_SECRET_LENGTH = 8  # shorter "secrets" would blank ordinary words out of saved bodies
_QUERY_SECRET = re.compile(r"(?i)([?&;](?:api_?key|access_token|token|key)=)[^&#\s\"'<>]+")


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` without any secret value and without secret-looking URL parameters."""
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET_LENGTH:
            text = text.replace(secret, REDACTED)
            for encoded in _encodings(secret):
                text = text.replace(encoded, REDACTED)
            if secret[:MIN_SECRET_LENGTH] in text:  # what is left of a secret cut short
                text = _prefixes(secret).sub(REDACTED, text)
    return _QUERY_SECRET.sub(r"\1" + REDACTED, text)


@functools.lru_cache(maxsize=16)
def _encodings(secret: str) -> tuple[str, ...]:
    """A secret as a URL (percent-encoded) and a JSON string (escaped; ``/`` too, as some
    servers write it) write it, where that differs from the secret as written."""
    as_json = [json.dumps(secret, ensure_ascii=ascii_only)[1:-1] for ascii_only in (True, False)]
    forms = (quote(secret, safe=""), *as_json, *(f.replace("/", "\\/") for f in as_json))
    return tuple(f for f in dict.fromkeys(forms) if f != secret)


@functools.lru_cache(maxsize=16)
def _prefixes(secret: str) -> re.Pattern[str]:
    """Any prefix of `secret` of at least MIN_SECRET_LENGTH characters, the longest first."""
    pattern = ""
    for ch in reversed(secret[MIN_SECRET_LENGTH:]):
        pattern = f"(?:{re.escape(ch)}{pattern})?"
    return re.compile(re.escape(secret[:MIN_SECRET_LENGTH]) + pattern)


def redact_value(value: Any, secrets: Iterable[str]) -> Any:
    """`redact` applied to every string inside lists, tuples and dicts (JSON-like data)."""
    secrets = tuple(secrets)
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, list):
        return [redact_value(v, secrets) for v in value]
    if isinstance(value, tuple):
        return tuple(redact_value(v, secrets) for v in value)
    if isinstance(value, dict):
        return {k: redact_value(v, secrets) for k, v in value.items()}
    return value


def redact_record(record: logging.LogRecord, secrets: Iterable[str]) -> None:
    """Redact a log record in place: its final message and its traceback text."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: logging reports it when a handler formats it
        return
    cleaned = redact(message, secrets)
    if cleaned != message:
        record.msg, record.args = cleaned, None
    if record.exc_info and not record.exc_text:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info), secrets)


_log_secrets: tuple[str, ...] = ()
_factory_installed = False


def install_log_redaction(secrets: Iterable[str]) -> None:
    """Redact every log record of this process as it is made, whichever handler — a console,
    Prefect's API log handler, pytest's capture, one added later — ends up writing it.

    A record factory rather than a filter on the root logger's handlers: the handlers Prefect
    sets up when a flow starts come after the CLI's call and would have none. Secrets add up
    over calls (one process may load settings more than once)."""
    global _log_secrets, _factory_installed
    _log_secrets = tuple(dict.fromkeys((*_log_secrets, *(s for s in secrets if s))))
    if _factory_installed:
        return
    make_record = logging.getLogRecordFactory()

    def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        redact_record(record, _log_secrets)
        return record

    logging.setLogRecordFactory(redacting_factory)
    _factory_installed = True
