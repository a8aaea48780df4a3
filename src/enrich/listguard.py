"""Guarded list versions: a new version that cannot be right is quarantined, not loaded.

A list URL that answers an HTML page with status 200, an empty or binary file, a version that
parses to no entries or loses most of them: loading it would empty the catalogue and the next
release (issue 10). Such a version is kept in the raw store as evidence, reported in the run
summary with its reason, and not loaded; the previous version stays current and the run ends
stale (exit 3). `enrich refresh --accept-shrink` accepts a real purge.

Two checks, both pure:
- `text_problem(raw)`: is this text at all? (empty, NUL bytes, a known binary format, mostly
  control characters, an HTML page);
- `shrink_problem(...)`: no entries, or more than `max_shrink` of the previous version's lost.
"""

from __future__ import annotations

import codecs

# Byte-order marks of the encodings whose text has NUL bytes: such a file is text (the parser
# decodes it), not binary.
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BINARY_MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "a gzip file",
    b"\x7fELF": "an executable",
}
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<?xml")
# Control characters other than tab, LF, FF, CR: a few are typos, many mean not text.
_CONTROL = frozenset(range(0x00, 0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}
MAX_CONTROL_SHARE = 0.01
# A Latin-1 list has an invalid UTF-8 byte per accented letter (a few in a hundred); a
# file that is mostly invalid is not a list the parser can read.
MAX_UNDECODABLE_SHARE = 0.25
SAMPLE_BYTES = 64 * 1024


def text_problem(raw: bytes) -> str | None:
    """Why these bytes are not a list's text, or None when they are."""
    if not raw.strip():
        return "the list is empty" if not raw else "the list is blank"
    if raw.startswith(_WIDE_BOMS):
        return None  # UTF-16/32 with a byte-order mark: decoded by the parser
    for magic, what in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            return f"not text: {what}"
    if b"\x00" in raw:
        return "not text: it contains NUL bytes (a binary file, or UTF-16/32 without a BOM)"
    head = raw[:SAMPLE_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML_STARTS):
        return "not a Markdown list: an HTML or XML page (a login page or an error page?)"
    sample = raw[:SAMPLE_BYTES]
    controls = sum(1 for byte in sample if byte in _CONTROL)
    if controls > MAX_CONTROL_SHARE * len(sample):
        return f"not text: {controls} control characters in its first {len(sample)} bytes"
    undecodable = sample.decode("utf-8", errors="replace").count("\ufffd")
    if undecodable > MAX_UNDECODABLE_SHARE * len(sample):
        return f"not text: {undecodable} of its first {len(sample)} bytes are not UTF-8"
    return None


def shrink_problem(
    entries: int,
    previous_entries: int | None,
    *,
    max_shrink: float,
    accept_shrink: bool,
) -> str | None:
    """Why a version with `entries` entries must not replace one with `previous_entries`."""
    if accept_shrink:
        return None
    if entries == 0:
        return "it parses to no entries (--accept-shrink to accept an empty list)"
    if not previous_entries:
        return None
    lost = previous_entries - entries
    if lost > max_shrink * previous_entries:
        return (
            f"it has {entries} entries, {lost} fewer than the {previous_entries} of the "
            f"version in the warehouse: more than the {max_shrink:.0%} allowed "
            "(max_shrink; --accept-shrink to accept)"
        )
    return None
