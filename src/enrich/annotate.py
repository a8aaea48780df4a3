"""The list annotated in place: what the warehouse knows, beside each entry, every other byte kept.

An annotation is a short line of text wrapped in a pair of HTML comments, which GitHub renders as
nothing (only the text between them shows)::

    - [Title](https://arxiv.org/abs/…)<!-- enrich --> ⭐ 2.1k · 📄 145 citations<!-- /enrich -->

Where it goes depends on the entry's shape:

- a bullet, a paragraph entry or a footnote: a span at the end of the entry's own text (its
  first paragraph's last line), before a trailing ``<br>`` or hard break;
- a table row: a span at the end of the row's last cell (a cell suffix; an extra column would
  change the header and delimiter rows, which no marker can take back);
- a heading entry: a line of its own right after the heading (a span in the heading would change
  the heading's anchor, and with it every link to it).

Entries inside an HTML block (a ``<table>`` or ``<ul>`` written in HTML) are refused: a comment
there would be shown as text or break the block. Each refusal is reported as
``FILE:LINE: not annotated: why`` and the entry's bytes are left alone.

The rules that make it safe to run every night:

- annotating first removes every marked span (a marked line goes with its line end), so a list
  never annotated and one annotated yesterday give the same result today, and a second run gives
  the same bytes as the first;
- removing the marked spans gives back the original file byte for byte (unless ``--sort`` moved
  entries);
- the list is parsed from the text without annotations, so the entries and their ids are the
  list's own; the annotated file parses to the same entries (the tests check both).

``--sort stars|citations|year`` reorders entries inside each run of sibling entries (the items of
one bullet list, the rows of one table, consecutive heading entries of one level), largest first,
unknown last, ties in list order. Whole entries move, with their sub-bullets and annotations;
anything that is not an entry stays where it is and bounds the runs. Numbered lists are not
reordered (their numbers would no longer count up).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from enrich.annotation_format import AnnotationFormat  # the config's section, light to import
from enrich.errors import EnrichError
from enrich.markers import MARK_CLOSE, MARK_OPEN, SPAN_RE
from enrich.models import Entry
from enrich.parse import Layout, list_layout, parse_list
from enrich.parse.layout import CODE, HEADING, HTML, ROW, Leaf
from enrich.resolve import entry_ids

_SPAN_RE = SPAN_RE
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_ENDING_RE = re.compile(r"(?:\r\n|\r|\n)\Z")
# What stays after the annotation at the end of a line: whitespace, an HTML line break, a
# backslash hard break, and a table row's closing pipe.
_LINE_TAIL_RE = re.compile(r"(?:\s*(?:<br\s*/?>|\\))?\s*\Z", re.IGNORECASE)
_ROW_TAIL_RE = re.compile(r"(?:\s*\|)?\s*\Z")
_TAIL_ENDS = ">\\|"  # what a tail may end in, but whitespace: <br>, a backslash, a pipe

SORT_KEYS = ("stars", "citations", "year")

# data_quality problems → the words shown beside an entry (the others show their own name).
FLAG_TEXT = {
    "repo_archived": "🗄 archived",
    "repo_not_found": "❌ repository not found",
    "repo_silent": "💤 no push for a year",
    "title_mismatch": "⚠ link may point at another paper",
    "duplicate_id": "⚠ same paper id as another entry",
    "shared_repository": "⚠ repository shared with another paper",
    "arxiv_not_found": "❌ arXiv id not found",
    "acl_not_found": "❌ ACL id not found",
}
# Problems that are about the list's bookkeeping, not about an entry's links: not shown inline.
FLAGS_NOT_SHOWN = frozenset({"no_resolvable_id", "listed_twice", "same_title_different_ids"})


class AnnotateError(EnrichError):
    """The list cannot be annotated safely (exit 2: nothing was written)."""

    exit_code = 2


@dataclass
class Annotated:
    """The result of annotating one list."""

    text: str  # the annotated list
    original: str  # the list as given (with any old annotations)
    annotated: int  # entries that got an annotation
    unknown: int  # entries the warehouse does not know (yet): no annotation
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    not_sorted: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    entries: int = 0
    removed: int = 0  # annotations taken out (--strip)

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")

    def diff(self, name: str) -> str:
        return "".join(
            difflib.unified_diff(
                split_lines(self.original),
                split_lines(self.text),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


# ---------------------------------------------------------------------------------------------
# Markers


def split_lines(text: str) -> list[str]:
    """Lines with their own line ends (LF, CRLF or CR, as markdown-it counts them)."""
    return _LINE_RE.findall(text)


def strip_annotations(text: str) -> str:
    """The text without any annotation: marked spans removed, a line that was only a marked span
    removed with its line end (at the end of a file without a final line end, with the line end
    before it). Raises AnnotateError on a marker left open or closed alone."""
    if MARK_OPEN not in text and MARK_CLOSE not in text:
        return text  # never annotated: nothing to take out
    lines = split_lines(text)
    kept: list[str] = []
    for number, line in enumerate(lines, 1):
        body = _ENDING_RE.sub("", line)
        rest = _SPAN_RE.sub("", body)
        if MARK_OPEN in rest or MARK_CLOSE in rest:
            raise AnnotateError(
                f"line {number}: an enrich marker ({MARK_OPEN} … {MARK_CLOSE}) is not closed on "
                "its line; fix or delete it by hand"
            )
        if rest == body:
            kept.append(line)
        elif rest.strip() == "" and body.lstrip().startswith(MARK_OPEN):
            if line == body and kept:  # the last line, without a line end: take the one before
                kept[-1] = _ENDING_RE.sub("", kept[-1])
        else:
            kept.append(rest + line[len(body) :])
    return "".join(kept)


def annotation_span(text: str) -> str:
    return f"{MARK_OPEN} {text}{MARK_CLOSE}"


def annotation_line(text: str) -> str:
    return f"{MARK_OPEN}{text}{MARK_CLOSE}"


# ---------------------------------------------------------------------------------------------
# What an annotation says


def compact(n: int | float) -> str:
    """2134 → 2.1k, 12500 → 12.5k, 1200000 → 1.2M; below 1000 as is."""
    value = int(n)
    for limit, suffix in ((1_000_000, "M"), (1_000, "k")):
        if abs(value) >= limit:
            scaled = value / limit
            text = f"{scaled:.1f}".rstrip("0").rstrip(".") if abs(scaled) < 100 else f"{scaled:.0f}"
            return text + suffix
    return str(value)


def annotation_text(row: Mapping[str, Any], fmt: AnnotationFormat) -> str:
    """The words of one entry's annotation, from its row of the release query (catalogue view
    plus gains and flags); "" when nothing is known."""
    parts: list[str] = []
    for name in fmt.fields:
        if name == "stars" and row.get("stars") is not None:
            parts.append(f"⭐ {compact(row['stars'])}")
        elif name == "citations" and row.get("citation_count") is not None:
            count = int(row["citation_count"])
            text = f"📄 {count} citation{'' if count == 1 else 's'}"
            gain = row.get("citation_gain_30d")
            if gain:
                text += f" ({int(gain):+d} in 30 d)"
            parts.append(text)
        elif name == "year" and row.get("year") is not None:
            parts.append(str(row["year"]))
        elif name == "flags":
            parts += flag_texts(row)
    return fmt.separator.join(parts)


def flag_texts(row: Mapping[str, Any]) -> list[str]:
    texts: list[str] = []
    renamed = row.get("repo_renamed_to")
    for flag in row.get("flags") or ():
        if flag in FLAGS_NOT_SHOWN:
            continue
        if flag == "repo_renamed":
            texts.append(f"↪ moved to {renamed}" if renamed else "↪ repository renamed")
        else:
            texts.append(FLAG_TEXT.get(flag, "⚠ " + str(flag).replace("_", " ")))
    return texts


# ---------------------------------------------------------------------------------------------
# Where each entry's annotation goes


@dataclass
class _Layout:
    """The block structure of a list (the parse's, `enrich.parse.layout`), with the leaf block
    at each line looked up once."""

    layout: Layout
    innermost: list[Leaf | None]  # 0-based line → the leaf block there

    @classmethod
    def of(cls, layout: Layout) -> _Layout:
        return cls(layout, layout.innermost())

    def at(self, line: int) -> Leaf | None:
        return self.innermost[line] if 0 <= line < len(self.innermost) else None


@dataclass(frozen=True)
class _Anchor:
    how: str  # "span" (end of line), "cell" (end of a row's last cell), "line" (a line after)
    line: int  # 0-based line that gets the span, or after which the line goes


def _anchor(line_no: int, layout: _Layout, starts: set[int]) -> _Anchor | str:
    """Where the annotation of the entry starting at `line_no` goes, or why it cannot go
    anywhere safely."""
    line = line_no - 1
    leaf = layout.at(line)
    if leaf is None:
        return "the entry's first line holds no text block"
    if leaf.kind in (HTML, CODE):
        return (
            "inside an HTML block: a comment there would show as text or break the block; "
            "write the entry in Markdown to have it annotated"
        )
    if leaf.kind == HEADING:
        return _Anchor("line", leaf.end - 1)
    if leaf.kind == ROW:
        return _Anchor("cell", line)
    last = leaf.end - 1
    for other in range(line + 1, leaf.end):  # the next entry in the same paragraph
        if other in starts:
            last = other - 1
            break
    return _Anchor("span", last)


def _with_span(line: str, span: str, tail_re: re.Pattern[str]) -> str:
    body = _ENDING_RE.sub("", line)
    ending = line[len(body) :]
    if body and not body[-1].isspace() and body[-1] not in _TAIL_ENDS:
        at = len(body)  # no tail can end in this character: the span goes last
    else:  # a regex search tries every position of the line: only where a tail may be
        match = tail_re.search(body)
        assert match is not None  # both patterns match the empty string at the end
        at = match.start()
    return body[:at] + span + body[at:] + ending


# ---------------------------------------------------------------------------------------------
# The whole list


def annotate_text(
    text: str,
    rows: Mapping[str, Mapping[str, Any]],
    *,
    list_name: str,
    list_url: str | None = None,
    fmt: AnnotationFormat | None = None,
    sort: str | None = None,
) -> Annotated:
    """Annotate a list's text with the rows of the warehouse (entry_id → release row)."""
    fmt = fmt or AnnotationFormat()
    if sort is not None and sort not in SORT_KEYS:
        raise AnnotateError(f"--sort must be one of {', '.join(SORT_KEYS)}, got {sort!r}")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    clean = strip_annotations(text[len(bom) :])
    data = clean.encode("utf-8")
    parsed = parse_list(list_name, data, list_url=list_url)
    placed = [
        (entry.line_no, rows.get(entry_id))
        for entry, entry_id in zip(parsed.entries, entry_ids(parsed.entries), strict=True)
    ]
    layout = _Layout.of(list_layout(data))
    result, out, ending = _annotated(text, clean, layout, placed, fmt)
    if sort is not None:
        values = {line - 1: _sort_value(row, sort) for line, row in placed}
        out, result.not_sorted = _sorted_lines(out, layout, parsed.entries, values, ending)
    result.text = bom + "".join(out)
    return result


def annotate_version(
    text: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    list_name: str,
    list_url: str | None = None,
    fmt: AnnotationFormat | None = None,
    layout: Layout | None = None,
) -> Annotated:
    """Annotate the version of a list the warehouse holds with its release rows (each with its
    entry's ``line_no``, in list order), as `annotate_text` would: the rows say where every
    entry is, so the list is not parsed again (only its block layout is needed: `layout`, when
    it was read beforehand, as `stored_layout` reads it). A version that holds annotations is
    parsed: its line numbers are not those of the text without them."""
    if MARK_OPEN in text or MARK_CLOSE in text:
        by_id = {str(row["entry_id"]): row for row in rows}
        return annotate_text(text, by_id, list_name=list_name, list_url=list_url, fmt=fmt)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    clean = text[len(bom) :]
    if layout is None:
        layout = list_layout(text.encode("utf-8"))  # the stored bytes: as the run read them
    blocks = _Layout.of(layout)
    placed = [(int(row["line_no"]), row) for row in rows]
    result, out, _ = _annotated(text, clean, blocks, placed, fmt or AnnotationFormat())
    result.text = bom + "".join(out)
    return result


def stored_layout(path: Path) -> Layout:
    """The block layout `annotate_version` reads of a stored list version: work a big release
    hands to its helper process (`enrich.worker`) while it writes its other files."""
    return list_layout(decode_for_annotation(path.read_bytes(), str(path)).encode("utf-8"))


def _annotated(
    text: str,
    clean: str,
    layout: _Layout,
    placed: Sequence[tuple[int, Mapping[str, Any] | None]],
    fmt: AnnotationFormat,
) -> tuple[Annotated, list[str], str]:
    """The annotations of `placed` entries ((1-based line, row or None when unknown), in list
    order) put into the lines of `clean`: (the counts, the lines, the dominant line end)."""
    lines = split_lines(clean)
    ending = _dominant_ending(clean)
    starts = {line - 1 for line, _ in placed}

    spans: dict[tuple[str, int], list[str]] = {}
    result = Annotated(text="", original=text, annotated=0, unknown=0, entries=len(placed))
    for line_no, row in placed:
        if row is None:
            result.unknown += 1
            continue
        words = annotation_text(row, fmt)
        if not words:
            continue
        anchor = _anchor(line_no, layout, starts)
        if isinstance(anchor, str):
            result.refused.append((line_no, anchor))
            continue
        spans.setdefault((anchor.how, anchor.line), []).append(words)
        result.annotated += 1

    out = list(lines)
    for (how, line), parts in spans.items():
        words = " ‖ ".join(parts)  # several papers in one bullet: one annotation each
        if how == "span":
            out[line] = _with_span(out[line], annotation_span(words), _LINE_TAIL_RE)
        elif how == "cell":
            out[line] = _with_span(out[line], annotation_span(words), _ROW_TAIL_RE)
        else:
            own = out[line]
            if not _ENDING_RE.search(own):  # the last line of a file without a final line end
                out[line] = own + ending + annotation_line(words)
            else:
                out[line] = own + annotation_line(words) + _ENDING_RE.findall(own)[0]
    return result, out, ending


def _dominant_ending(text: str) -> str:
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}
    return max(counts, key=lambda k: (counts[k], k == "\n"))


# ---------------------------------------------------------------------------------------------
# --sort


def _sort_value(row: Mapping[str, Any] | None, key: str) -> float | None:
    if row is None:
        return None
    column = {"stars": "stars", "citations": "citation_count", "year": "year"}[key]
    value = row.get(column)
    return None if value is None else float(value)


@dataclass
class _Unit:
    start: int  # 0-based first line
    end: int  # 0-based line after the unit
    parent: object  # units with the same parent are siblings
    value: float | None


def _units(
    layout: _Layout,
    entries: Iterable[Entry],
    values: Mapping[int, float | None],
    n_lines: int,
) -> tuple[list[_Unit], list[tuple[int, str]]]:
    units: dict[int, _Unit] = {}
    refused: list[tuple[int, str]] = []
    heading_lines = [h for h, _ in layout.layout.headings]
    levels = dict(layout.layout.headings)
    items = layout.layout.items
    for entry in entries:
        line = entry.line_no - 1
        if line in units:
            continue
        leaf = layout.at(line)
        value = values.get(line)
        if leaf is not None and leaf.kind == ROW:
            units[line] = _Unit(line, line + 1, ("table", _table_of(layout, line)), value)
        elif leaf is not None and leaf.kind == HEADING:
            after = bisect.bisect_right(heading_lines, line)
            end = heading_lines[after] if after < len(heading_lines) else n_lines
            units[line] = _Unit(line, end, ("heading", levels[line]), value)
        elif line in items:
            item = items[line]
            if item.ordered:
                refused.append((entry.line_no, "a numbered list keeps its order"))
                continue
            units[line] = _Unit(item.start, item.end, ("list", item.list_id), value)
        else:
            refused.append((entry.line_no, "only list items, table rows and headings move"))
    return sorted(units.values(), key=lambda u: u.start), refused


def _table_of(layout: _Layout, line: int) -> int:
    """Rows of one table are contiguous lines: the first row line of the run identifies it."""
    while (above := layout.at(line - 1)) is not None and above.kind == ROW:
        line -= 1
    return line


def _sorted_lines(
    out: list[str],
    layout: _Layout,
    entries: Sequence[Entry],
    values: Mapping[int, float | None],
    ending: str,
) -> tuple[list[str], list[tuple[int, str]]]:
    units, refused = _units(layout, entries, values, len(out))
    # Nested entries move with the unit they are in: keep only the outermost units.
    outer: list[_Unit] = []
    for unit in units:
        if outer and unit.start < outer[-1].end:
            continue
        outer.append(unit)
    runs: list[list[_Unit]] = []
    for unit in outer:
        if runs and runs[-1][-1].end == unit.start and runs[-1][-1].parent == unit.parent:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    result = list(out)
    if result and not _ENDING_RE.search(result[-1]):
        result[-1] += ending  # so the last line can move; taken off again below
        had_no_final_ending = True
    else:
        had_no_final_ending = False
    for run in runs:
        if len(run) < 2:
            continue
        chunks = [_split_blank_tail(result[u.start : u.end]) for u in run]
        order = sorted(
            range(len(run)),
            key=lambda i: (run[i].value is None, -(run[i].value or 0.0), i),
        )
        rebuilt: list[str] = []
        for slot, index in enumerate(order):
            rebuilt += chunks[index][0] + chunks[slot][1]  # blank lines stay with their slot
        result[run[0].start : run[-1].end] = rebuilt
    if had_no_final_ending:
        result[-1] = _ENDING_RE.sub("", result[-1])
    return result, refused


def _split_blank_tail(lines: list[str]) -> tuple[list[str], list[str]]:
    cut = len(lines)
    while cut > 1 and lines[cut - 1].strip() == "":
        cut -= 1
    return lines[:cut], lines[cut:]


# ---------------------------------------------------------------------------------------------
# With the warehouse

# What an annotation reads of a release row (`annotation_text`), and where the entry is.
ANNOTATION_COLUMNS = (
    "entry_id",
    "line_no",
    "stars",
    "citation_count",
    "citation_gain_30d",
    "year",
    "flags",
    "repo_renamed_to",
)
ROWS_SQL = "SELECT {columns} FROM {source} WHERE list_name = ? ORDER BY position, entry_id"


def decode_for_annotation(raw: bytes, where: str) -> str:
    """The list's text, if it can be written back byte for byte: UTF-8 (a BOM is kept)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AnnotateError(
            f"{where}: not UTF-8 (byte {exc.start}): annotating it would rewrite every line; "
            "save the list as UTF-8 first"
        ) from None


def list_rows(con: Any, list_name: str, source: str | None = None) -> list[dict[str, Any]]:
    """The release rows of one list's current entries, in list order, with the columns an
    annotation reads (ANNOTATION_COLUMNS). `source` holds the release rows (a table, as the
    release's staged ones, or a parenthesised query); by default they are computed."""
    if source is None:
        from enrich.release.catalogue import RELEASE_SQL

        source = f"({RELEASE_SQL})"
    query = ROWS_SQL.format(columns=", ".join(ANNOTATION_COLUMNS), source=source)
    result = con.execute(query, [list_name])
    return [dict(zip(ANNOTATION_COLUMNS, row, strict=True)) for row in result.fetchall()]


def warehouse_rows(con: Any, list_name: str) -> dict[str, dict[str, Any]]:
    """entry_id → the entry's release row (what an annotation reads of it) for one list."""
    return {str(row["entry_id"]): row for row in list_rows(con, list_name)}


def current_lists(con: Any) -> list[tuple[str, str, str | None]]:
    """(list_name, current sha256, url) of every list the warehouse holds."""
    rows = con.execute(
        "SELECT list_name, current_sha256, url FROM lists "
        "WHERE current_sha256 IS NOT NULL ORDER BY list_name"
    ).fetchall()
    return [(str(r[0]), str(r[1]), r[2]) for r in rows]


def choose_list_name(
    known: Sequence[tuple[str, str, str | None]], file_stem: str, given: str | None
) -> tuple[str, str | None]:
    """The warehouse's list a file is a version of: --name, else the one list, else the list
    named like the file. Returns (name, url)."""
    urls = {name: url for name, _, url in known}
    if given is not None:
        if given not in urls:
            raise AnnotateError(
                f"the warehouse has no list named {given!r}; it has: {', '.join(urls) or 'none'}"
            )
        return given, urls[given]
    if len(urls) == 1:
        name = next(iter(urls))
        return name, urls[name]
    stem = re.sub(r"[^a-z0-9]+", "-", file_stem.lower().removesuffix(".readme")).strip("-")
    if stem in urls:
        return stem, urls[stem]
    raise AnnotateError(
        "which list is this? pass --name; the warehouse has: " + (", ".join(urls) or "none")
    )


def annotate_file(
    settings: Any, path: str, *, name: str | None = None, sort: str | None = None
) -> Annotated:
    """Annotate the list at `path` with the warehouse of `settings` (read-only)."""
    from pathlib import Path

    from enrich.warehouse import open_reader

    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise AnnotateError(f"{path}: cannot read: {exc.strerror}") from None
    text = decode_for_annotation(raw, path)
    with open_reader(settings) as con:
        list_name, url = choose_list_name(current_lists(con), file.name, name)
        rows = warehouse_rows(con, list_name)
    result = annotate_text(
        text, rows, list_name=list_name, list_url=url, fmt=settings.annotate, sort=sort
    )
    if result.entries and result.unknown == result.entries:
        raise AnnotateError(
            f"none of the {result.entries} entries of {path} is in the warehouse's list "
            f"{list_name!r}: is it the right list (--name), and was it refreshed?"
        )
    return result


def strip_file(path: str) -> Annotated:
    """The list at `path` without its annotations (no warehouse needed): what its maintainer
    wrote, for a refresh to read."""
    from pathlib import Path

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise AnnotateError(f"{path}: cannot read: {exc.strerror}") from None
    text = decode_for_annotation(raw, path)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    stripped = bom + strip_annotations(text[len(bom) :])
    removed = len(_SPAN_RE.findall(text))
    return Annotated(text=stripped, original=text, annotated=0, unknown=0, removed=removed)
