"""One line of text cut to a width, for summaries, tables and error messages."""

from __future__ import annotations


def clip(text: str, width: int, ellipsis: str = "…") -> str:
    """`text` if it is at most `width` characters, else its start and `ellipsis`, `width` in
    all (a width of 0 or less: no limit)."""
    if width <= 0 or len(text) <= width:
        return text
    return text[: max(width - len(ellipsis), 0)] + ellipsis
