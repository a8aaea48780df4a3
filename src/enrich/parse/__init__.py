"""Parse a curated Markdown list (an "awesome list" README) into entries, with two ledgers.

The flow, one module a step:

- :mod:`.decode` -- bytes to text: BOMs, UTF-16/32, mojibake repair;
- :mod:`.markdown` -- the syntax tree (markdown-it-pyrs, compiled; :mod:`.markdown_fallback`:
  markdown-it-py, for the documents the two would read differently);
- :mod:`.blocks` -- the walk of that tree (CommonMark + GFM tables) into blocks;
- :mod:`.inline` -- a block's inline content as text, links and images, with lines;
- :mod:`.readers` -- one reader per entry shape (bullets, tables, headings, paragraphs, HTML);
- :mod:`.fields` -- title, authors, venue, date, description of one entry;
- :mod:`.venues` -- venue tags and dates as lists write them;
- :mod:`.links` -- what a link is: a paper id, a link to the work, or furniture to ignore;
- :mod:`.build` -- fields to their entry, the decision, the line and link ledgers;
- :mod:`.layout` -- the block layout (leaf blocks, list items, headings) for `enrich annotate`.

Everything is a pure function of the bytes (plus the current year, used to tell a 2-digit year
from a volume number, and the list's URL, used to know its own repository). Cost is linear in
the size of the list. ``parse_list`` never raises: a parser bug becomes one loud problem.
The last list parsed is kept by content, and the layouts of the last sixteen: the release's
annotated lists read the layout the run's parse found, without parsing again.
"""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from collections import OrderedDict
from datetime import date
from typing import TypeVar

from enrich.heap import collector_paused, forgotten_with_the_load, give_back
from enrich.markers import blank_annotations
from enrich.models import ParsedList, ParseProblem
from enrich.parse.blocks import walk
from enrich.parse.build import ACCOUNTING_KEYS, build
from enrich.parse.decode import decode_list
from enrich.parse.layout import Layout, layout_of
from enrich.parse.links import IGNORE_REASONS, LINK_FATES
from enrich.parse.markdown import parse_tree
from enrich.parse.venues import normalize_venue, split_venue_tag

__all__ = [
    "ACCOUNTING_KEYS",
    "IGNORE_REASONS",
    "INTERNAL_ERROR",
    "LINK_FATES",
    "Layout",
    "decode_list",
    "keep_layout",
    "layout_known",
    "list_layout",
    "normalize_venue",
    "parse_list",
    "split_venue_tag",
]


# How a parser failure's one problem begins (`_failed`): a run's result, never a list's to keep.
INTERNAL_ERROR = "internal parser error"


def split_lines(text: str) -> list[str]:
    """Lines as markdown-it counts them: split on "\\n" only (after CR/CRLF normalisation)."""
    if not text:
        return []
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


def _list_text(raw: bytes) -> tuple[str, bool]:
    """The text the parse reads (and whether mojibake was repaired in it)."""
    text, repaired = decode_list(raw)
    # markdown-it reads CR and CRLF as line breaks; so do the line numbers.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        # "Kuchař" written as "r" and a combining caron: read as GitHub shows it (a name's
        # letters are letters; the titles and names compare with the sources')
        text = unicodedata.normalize("NFC", text)
    return blank_annotations(text), repaired  # what `enrich annotate` added is not the list's


def _parse(
    list_name: str, raw: bytes, current_year: int, list_url: str | None
) -> tuple[ParsedList, Layout]:
    text, repaired = _list_text(raw)
    lines = split_lines(text)
    walked = walk(text, lines)
    return build(list_name, walked, current_year=current_year, list_url=list_url,
                 repaired=repaired), walked.layout  # fmt: skip


def _failed(list_name: str, raw: bytes, exc: Exception) -> ParsedList:
    """The never-raise fallback: a parser bug becomes one loud problem, not a crashed run."""
    try:
        text = bytes(raw).decode("utf-8", errors="replace").replace("\r\n", "\n")
        n_lines = len(split_lines(text.replace("\r", "\n")))
    except Exception:  # raw is not even bytes-like
        n_lines = 0
    problem = ParseProblem(
        list_name,
        1 if n_lines else 0,
        f"{INTERNAL_ERROR} ({type(exc).__name__}: {exc}); the list was not parsed -- "
        "please report this with the list file",
        "",
        "error",
    )
    return ParsedList(list_name, (), (problem,), False, {"problem": n_lines} if n_lines else {})


def parse_list(
    list_name: str,
    raw: bytes,
    *,
    current_year: int | None = None,
    list_url: str | None = None,
) -> ParsedList:
    """Parse the raw bytes of a Markdown list into entries, problems, and the line and link
    ledgers.

    Pure and total: never raises. ``current_year`` (default: this year) decides whether a
    2-digit year in a venue tag is a year ('24 -> 2024) or a volume ('34 -> None);
    ``list_url`` (optional) names the list's own repository, whose links are furniture.
    """
    year = current_year if current_year is not None else date.today().year
    try:
        digest = hashlib.sha256(raw).digest()
    except TypeError as exc:  # not bytes: the never-raise contract holds for that too
        return _failed(list_name, raw, exc)
    key = (list_name, digest, year, list_url)
    known = _RECENT.recall(key)
    if known is not None:
        return known
    try:
        with collector_paused():
            parsed, layout = _parse(list_name, raw, year, list_url)
    except Exception as exc:  # the contract is "never raises"; see _failed
        return _failed(list_name, raw, exc)
    finally:
        give_back()  # the syntax tree's native memory
    _RECENT.keep(key, parsed)
    _LAYOUTS.keep(digest, layout)
    return parsed


def list_layout(raw: bytes) -> Layout:
    """The block layout of a list, for `enrich annotate`: the one its parse found when it is
    among the last sixteen lists parsed, else read off its syntax tree alone (a fraction of
    a parse). Total like `parse_list`: empty when the list cannot be read."""
    try:
        digest = hashlib.sha256(raw).digest()
    except TypeError:
        return Layout.empty()
    known = _LAYOUTS.recall(digest)
    if known is not None:
        return known
    try:
        with collector_paused():
            text, _ = _list_text(raw)
            layout = layout_of(*parse_tree(text), text, split_lines(text))
    except Exception:  # as parse_list: a parser bug is not a crashed run
        return Layout.empty()
    finally:
        give_back()
    _LAYOUTS.keep(digest, layout)
    return layout


def keep_layout(raw: bytes, layout: Layout) -> None:
    """Remember `layout` as the layout of `raw` (one read back with a kept parse,
    `enrich.parsecache`), so that `list_layout(raw)` need not read the list's syntax tree."""
    _LAYOUTS.keep(hashlib.sha256(raw).digest(), layout)


def layout_known(raw: bytes) -> bool:
    """Whether `list_layout(raw)` is at hand in this process (a parse or a layout of these
    bytes was among the last sixteen), so that asking another process for it saves nothing."""
    return hashlib.sha256(raw).digest() in _LAYOUTS


K = TypeVar("K")
V = TypeVar("V")


class _Memo(OrderedDict[K, V]):
    """The last `size` values by key, the least recently used dropped first; shared by threads."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size
        self.lock = threading.Lock()

    def recall(self, key: K) -> V | None:
        with self.lock:
            value = self.get(key)
            if value is not None:
                self.move_to_end(key)
            return value

    def keep(self, key: K, value: V) -> None:
        with self.lock:
            self[key] = value
            self.move_to_end(key)
            while len(self) > self.size:
                self.popitem(last=False)


# The same bytes give the same, immutable ParsedList, so the last one is kept, by content: a
# caller that asks again for the list it just parsed (a check, then its report) parses it once.
# One only: a parsed 10,000-entry list holds ~25 MB, and the release needs its layout (below),
# not its entries; a registry run would otherwise keep several lists to its end. Forgotten when
# the load ends (`heap.forget_load_caches`).
_RECENT_SIZE = 1
_RECENT: _Memo[tuple[str, bytes, int, str | None], ParsedList] = _Memo(_RECENT_SIZE)
forgotten_with_the_load(_RECENT.__len__, _RECENT.clear)
# The layouts of more lists are kept (4.5 MB for 10,000 entries, a twentieth of the parse's
# peak): the release annotates every list of a registry after the refresh parsed them all.
_LAYOUTS_SIZE = 16
_LAYOUTS: _Memo[bytes, Layout] = _Memo(_LAYOUTS_SIZE)  # sha256 of the list's bytes → layout
