"""The markers `enrich annotate` wraps its annotations in, known in one place: the annotator
writes them, the parser reads past them (an annotated list parses like the list as written)."""

from __future__ import annotations

import re

__all__ = ["MARK_CLOSE", "MARK_OPEN", "SPAN_RE", "blank_annotations"]

MARK_OPEN = "<!-- enrich -->"
MARK_CLOSE = "<!-- /enrich -->"
# One annotation: never across a line end, so a stray marker cannot swallow the list.
SPAN_RE = re.compile(re.escape(MARK_OPEN) + r"[^\r\n]*?" + re.escape(MARK_CLOSE))


def blank_annotations(text: str) -> str:
    """The text with every annotation removed in place: line numbers do not move (a line that
    held only an annotation becomes an empty line)."""
    return SPAN_RE.sub("", text) if MARK_OPEN in text else text
