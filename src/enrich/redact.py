"""One redaction, used by every path that writes text: HTTP errors, raw envelopes, summaries,
`runs.errors` and `fetch_status.error`, Prefect logs and artifacts, releases and publishing.

The rule: every secret value in force (`Settings.secrets()`: the GitHub token, the Semantic
Scholar key) of at least `MIN_SECRET_LENGTH` characters — as written, and percent-encoded — and
the value of any `token=`, `access_token=`, `api_key=`/`apikey=` or `key=` parameter of a URL,
becomes `***`. Wherever the text came from: a URL, a header echoed back, a body a server quoted.
A secret cut short by a snippet (its first `MIN_SECRET_LENGTH` characters or more) goes too:
a message shortened before it was redacted must not keep half a token.
"""

from __future__ import annotations

import functools
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
            encoded = quote(secret, safe="")
            if encoded != secret:
                text = text.replace(encoded, REDACTED)
            if secret[:MIN_SECRET_LENGTH] in text:  # what is left of a secret cut short
                text = _prefixes(secret).sub(REDACTED, text)
    return _QUERY_SECRET.sub(r"\1" + REDACTED, text)


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


class RedactingFilter(logging.Filter):
    """A logging filter that redacts each record's final message (installed on handlers)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = tuple(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            cleaned = redact(message, self.secrets)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        return True


def install_log_redaction(secrets: Iterable[str]) -> None:
    """Redact every record that reaches the root logger's handlers."""
    secrets = tuple(secrets)
    if not secrets:
        return
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter(secrets))
