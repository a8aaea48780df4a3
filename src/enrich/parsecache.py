"""A list version's parse, kept on disk by content and by code: a nightly run whose list did not
change reads its entries back (0.3 s for 10,000 entries) instead of parsing the list again (2-7 s
on a 2-core machine, most of a warm night's CPU). The list's block layout is kept with it: the
release's annotated list needs it (`parse.list_layout`), as it would after a parse.

The key is everything `enrich.parse.parse_list` is a function of: the list's bytes, its name, its
URL and the current year, and the code that parses (every module of enrich, the versions of the
libraries the parser calls, Python's Unicode tables). A change to any of them is a miss, so a
parse read back is the parse this code would make. A file that cannot be read back whole is a
miss too, never an error; a parser failure (`parse.INTERNAL_ERROR`) is never kept.

Files: ``<data_dir>/state/parsed/<list key>-<code key>-<content key>.json``, written whole and
renamed into place, owner-readable only (as the raw list versions are); a list keeps its last
`KEEP_PER_LIST` parses of the current code, and loses the others when a new one is written.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import sys
import unicodedata
from dataclasses import fields
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from enrich.models import Entry, Link, LinkFate, ParsedList, ParseProblem
from enrich.parse import INTERNAL_ERROR, Layout, keep_layout, list_layout, parse_list
from enrich.parse.layout import Item, Leaf
from enrich.rawstore import PRIVATE_DIR_MODE, write_private

__all__ = ["KEEP_PER_LIST", "code_key", "parse_kept"]

log = logging.getLogger(__name__)

KEEP_PER_LIST = 3  # a list's current version, and two it may go back to (a revert, a rebuild)
_FORMAT = 1
# The libraries whose behaviour the parse depends on (the Markdown trees, URLs, mojibake repair).
_PARSER_LIBRARIES = ("markdown-it-pyrs", "markdown-it-py", "mdurl", "ftfy")
# Records are written as lists of their fields' values, in the dataclass's order.
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))
_LINK_FIELDS = tuple(f.name for f in fields(Link))
_PROBLEM_FIELDS = tuple(f.name for f in fields(ParseProblem))
_FATE_FIELDS = tuple(f.name for f in fields(LinkFate))
_LINKS_AT = _ENTRY_FIELDS.index("links")


@functools.cache
def code_key() -> str:
    """A digest of the code that parses: enrich's modules, the parser's libraries, Python."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for name in _PARSER_LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    digest.update(f"{sys.version}\0{unicodedata.unidata_version}\0{_FORMAT}".encode())
    return digest.hexdigest()[:16]


def parse_kept(
    cache_dir: Path | None,
    list_name: str,
    raw: bytes,
    *,
    list_url: str | None = None,
    current_year: int | None = None,
) -> ParsedList:
    """`parse_list(list_name, raw, …)`, read back from `cache_dir` when this code parsed these
    bytes before, else parsed and kept there (no cache when `cache_dir` is None)."""
    current_year = current_year if current_year is not None else date.today().year
    if cache_dir is None:
        return parse_list(list_name, raw, list_url=list_url, current_year=current_year)
    path = cache_dir / _file_name(list_name, raw, list_url, current_year)
    kept = _read(path, list_name)
    if kept is not None:
        parsed, layout = kept
        keep_layout(raw, layout)  # the release's annotated list reads it, as after a parse
        return parsed
    parsed = parse_list(list_name, raw, list_url=list_url, current_year=current_year)
    if not any(p.reason.startswith(INTERNAL_ERROR) for p in parsed.problems):
        _keep(path, parsed, list_layout(raw))  # the parse's own layout, remembered by it
    return parsed


def _list_key(list_name: str) -> str:
    return hashlib.sha256(list_name.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _file_name(list_name: str, raw: bytes, list_url: str | None, current_year: int) -> str:
    content = hashlib.sha256(raw)
    content.update(f"\0{list_url or ''}\0{current_year}".encode("utf-8", "surrogatepass"))
    return f"{_list_key(list_name)}-{code_key()}-{content.hexdigest()[:32]}.json"


def _read(path: Path, list_name: str) -> tuple[ParsedList, Layout] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        parsed, layout = _from_json(json.loads(data))
    except Exception as exc:  # a torn or foreign file is a miss: parse again
        log.warning("parse cache: %s could not be read back (%s); parsing the list again",
                    path.name, type(exc).__name__)  # fmt: skip
        return None
    if parsed.list_name != list_name:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: the last to be forgotten
    return parsed, layout


def _keep(path: Path, parsed: ParsedList, layout: Layout) -> None:
    """Write the parse (whole, then renamed into place) and forget the list's older ones.
    Best effort: a full disk or a read-only data directory costs the next run a parse."""
    try:
        path.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        path.parent.chmod(PRIVATE_DIR_MODE)  # a list's text, as private as its raw versions
        text = json.dumps(_to_json(parsed, layout), ensure_ascii=False, separators=(",", ":"))
        write_private(path, text.encode("utf-8", "surrogatepass"))
        _forget_older(path)
    except OSError as exc:
        log.warning("parse cache: could not keep %s (%s)", path.name, exc)


def _forget_older(path: Path) -> None:
    """A list's parses by other code go; of this code's, the `KEEP_PER_LIST` last used stay."""
    list_key, code, _ = path.name.split("-", 2)
    mine: list[tuple[float, Path]] = []
    for other in path.parent.glob(f"{list_key}-*.json"):
        if other.name.split("-", 2)[1] != code:
            other.unlink(missing_ok=True)
            continue
        try:
            mine.append((other.stat().st_mtime, other))
        except FileNotFoundError:
            continue
    for _, old in sorted(mine, reverse=True)[KEEP_PER_LIST:]:
        old.unlink(missing_ok=True)


def _row(record: Any, names: tuple[str, ...]) -> list[Any]:
    return [getattr(record, name) for name in names]


def _to_json(parsed: ParsedList, layout: Layout) -> dict[str, Any]:
    entries = []
    for entry in parsed.entries:
        row = _row(entry, _ENTRY_FIELDS)
        row[_LINKS_AT] = [_row(link, _LINK_FIELDS) for link in entry.links]
        entries.append(row)
    return {
        "format": _FORMAT,
        "list_name": parsed.list_name,
        "text_repaired": parsed.text_repaired,
        "line_accounting": parsed.line_accounting,
        "entries": entries,
        "problems": [_row(problem, _PROBLEM_FIELDS) for problem in parsed.problems],
        "link_ledger": [_row(fate, _FATE_FIELDS) for fate in parsed.link_ledger],
        "layout": {
            "n_lines": layout.n_lines,
            "leaves": [[leaf.kind, leaf.start, leaf.end] for leaf in layout.leaves],
            "items": [[i.start, i.end, i.list_id, i.ordered] for i in layout.items.values()],
            "headings": layout.headings,
        },
    }


def _from_json(data: dict[str, Any]) -> tuple[ParsedList, Layout]:
    if data["format"] != _FORMAT:
        raise ValueError(f"format {data['format']!r}")
    entries = []
    for row in data["entries"]:
        row[_LINKS_AT] = tuple(Link(*link) for link in row[_LINKS_AT])
        entries.append(Entry(*row))
    parsed = ParsedList(
        data["list_name"],
        tuple(entries),
        tuple(ParseProblem(*problem) for problem in data["problems"]),
        bool(data["text_repaired"]),
        dict(data["line_accounting"]),
        tuple(LinkFate(*fate) for fate in data["link_ledger"]),
    )
    shape = data["layout"]
    items = (Item(*item) for item in shape["items"])
    layout = Layout(
        int(shape["n_lines"]),
        tuple(Leaf(*leaf) for leaf in shape["leaves"]),
        {item.start: item for item in items},
        tuple((line, level) for line, level in shape["headings"]),
    )
    return parsed, layout
