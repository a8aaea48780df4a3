"""ACL Anthology: the authoritative bibliographic record of ACL papers, from its BibTeX files.

Two ways to ask, both static files: `/{acl_id}.bib` (one paper) and `/volumes/{volume}.bib`
(the volume's `@proceedings` and every paper in it). `plan_requests` asks per volume: one volume
file answers every paper of it the list wants now and every one it may add later. `parse` reads
only the papers asked (a main conference's file holds over a thousand, megabytes) with a small
scanner for the Anthology's regular BibTeX (`_read_entry`), and notes the volume in
`acl_volumes`; a paper the list adds later is read from that saved file, never asked again
(`still_to_ask` leaves it out of the plan, `stored_answers` reads it for the loader): at most one
request per volume, ever.
The per-paper file is the fallback when a volume file is missing.

Outcomes: a per-paper 404 (the Anthology's HTML "Page not found") is NOT_FOUND; a complete
volume file that does not list an asked paper is NOT_FOUND too. A volume 404 (an unknown or
renamed volume) is not an answer about the papers: `fetch` asks them one by one instead. A 5xx,
a 429, an HTML page with HTTP 200, a cut-off body or a timeout is ERROR, never NOT_FOUND.
"""

from __future__ import annotations

import calendar
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

import requests

from enrich.errors import RateLimited, SourceError
from enrich.http import looks_like_html
from enrich.ids import acl_id_from_doi, acl_volume_id, canonicalize
from enrich.latex import latex_to_text
from enrich.rawstore import RawResponse, read_response
from enrich.resolve import ResolvedEntry
from enrich.sources import base
from enrich.sources.base import ERROR, NOT_FOUND, OK, FetchContext, FetchOutcome, ItemStatus, Parsed
from enrich.utc import naive_utc

if TYPE_CHECKING:
    import duckdb

    from enrich.config import Settings

NAME = "acl"
PAPER_PATH = "/{acl_id}.bib"
VOLUME_PATH = "/volumes/{volume}.bib"
# Ask for the volume file once this many of its papers are wanted. One: a volume file costs no
# more requests than a paper's, and it answers the papers the list adds later too.
VOLUME_THRESHOLD = 1
TABLE = "acl_records"
VOLUMES_TABLE = "acl_volumes"
TABLE_KEYS = {TABLE: ("acl_id",), VOLUMES_TABLE: ("volume_id",)}

_ANTHOLOGY_URL_RE = re.compile(
    r"""(?im)^\s*url\s*=\s*["{]\s*https?://(?:www\.)?aclanthology\.org/"""
    r"""(\d{4}\.[a-z\d-]+\.\d+|[A-Z]\d{2}-\d{4})/?\s*["}]"""
)
_ENTRY_START_RE = re.compile(r"(?m)^[ \t]*@[ \t]*(\w+)[ \t]*[{(]")
# The same entry start found from its "@": a pattern that begins with a literal is searched for
# in C, where "^[ \t]*" first is tried at every character (most of a volume file's parse time).
_AT_ENTRY_RE = re.compile(r"@[ \t]*(\w+)[ \t]*[{(]")
_URL_FIELD_RE = re.compile(r"(?im)^\s*url\s*=\s*[\"{]\s*([^\"}\s]+)")
_DOI_FIELD_RE = re.compile(r"(?im)^\s*doi\s*=\s*[\"{]\s*([^\"}\s]+)")
_NOT_PAPERS = frozenset({"proceedings", "book", "comment", "string", "preamble"})
_AND_RE = re.compile(r"\s+and\s+", re.I)
_COMMA_RE = re.compile(r",")


# --- plan and fetch -----------------------------------------------------------------------------


def wanted(entry: ResolvedEntry) -> Iterator[str]:
    """The ACL ids an entry links."""
    for link in entry.links:
        if link.cid.kind == NAME:
            yield link.cid.value


def by_volume(acl_ids: Iterable[str]) -> dict[str, list[str]]:
    """`acl_ids` grouped by volume, in first-seen order, once each; ids that are not ACL ids
    are left out. Pure."""
    volumes: dict[str, list[str]] = {}
    for acl_id in acl_ids:
        try:
            volume = acl_volume_id(acl_id)
        except ValueError:
            continue
        papers = volumes.setdefault(volume, [])
        if acl_id not in papers:
            papers.append(acl_id)
    return volumes


def stored_volumes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The volume files saved before: volume id -> raw path (relative to the data directory)."""
    return dict(con.execute(f"SELECT volume_id, raw_path FROM {VOLUMES_TABLE}").fetchall())


def still_to_ask(con: duckdb.DuckDBPyConnection, acl_ids: list[str]) -> list[str]:
    """ACL ids whose volume file is not stored yet: the others are read from it, not asked."""
    volumes = stored_volumes(con)
    stored = {
        acl_id for volume, ids in by_volume(acl_ids).items() if volume in volumes for acl_id in ids
    }
    return [acl_id for acl_id in acl_ids if acl_id not in stored]


def stored_answers(con: duckdb.DuckDBPyConnection, settings: Settings) -> Iterator[Parsed]:
    """ACL papers the lists want that are not stored yet, but whose volume file was fetched
    before: read from that saved file instead of asking the Anthology again. (A refresh's
    planner leaves them out of what it asks: `still_to_ask`.)"""
    wanted_ids = [
        r[0]
        for r in con.execute(
            f"""
        SELECT DISTINCT l.id_value FROM current_links l
        WHERE l.id_kind = '{NAME}'
          AND NOT EXISTS (SELECT 1 FROM {TABLE} r WHERE r.acl_id = l.id_value)
        ORDER BY 1
        """
        ).fetchall()
    ]
    volumes = stored_volumes(con)
    by_file: dict[str, list[str]] = {}
    for volume, ids in by_volume(wanted_ids).items():
        if volume in volumes:
            by_file.setdefault(volumes[volume], []).extend(ids)
    for raw_path, ids in by_file.items():
        path = settings.data_dir / raw_path
        if not path.is_file():
            continue  # the raw file is gone: the planner will ask again
        raw = read_response(path)
        answer = parse(replace(raw, meta={**raw.meta, "ids": ids}))
        for rows in answer.rows.values():
            for row in rows:
                if "raw_path" in row:
                    row["raw_path"] = raw_path
        yield answer


def plan_requests(acl_ids: Sequence[str]) -> list[tuple[str, list[str]]]:
    """The requests to make for `acl_ids`: (path, ids it answers), in first-seen order. Pure.

    Per volume: `/volumes/{volume}.bib` when `VOLUME_THRESHOLD` or more of its papers are wanted,
    else `/{acl_id}.bib` per paper. Ids that are not ACL ids are left out (`fetch` reports them).
    """
    plan: list[tuple[str, list[str]]] = []
    for volume, papers in by_volume(acl_ids).items():
        if len(papers) >= VOLUME_THRESHOLD:
            plan.append((VOLUME_PATH.format(volume=volume), papers))
        else:
            plan.extend((PAPER_PATH.format(acl_id=acl_id), [acl_id]) for acl_id in papers)
    return plan


def fetch(items: Sequence[str], ctx: FetchContext) -> FetchOutcome:
    """Fetch the BibTeX of `items` (ACL ids); save every answer before it is parsed.

    Never raises for an upstream fault: ids with no saved answer land in `outcome.failed`. A
    volume 404 is saved, then its ids are asked one by one. Once the host is unreachable or rate
    limits us, nothing more is asked.
    """
    outcome = FetchOutcome(source=NAME)
    to_ask: list[str] = []
    for item in items:
        try:
            acl_volume_id(item)
        except ValueError:
            outcome.failed[item] = ItemStatus(ERROR, f"not an ACL Anthology id: {item!r}")
            continue
        if item not in to_ask:
            to_ask.append(item)
    queue = deque(plan_requests(to_ask))
    stopped: str | None = None
    while queue:
        path, ids = queue.popleft()
        if stopped is not None:
            base.fail_items(outcome, ids, f"not asked: {stopped}")
            ctx.progress(len(ids))
            continue
        answer = _ask(path, ids, ctx, outcome)
        if isinstance(answer, str):
            stopped = answer
        elif answer is not None and answer.status_code == 404 and path.startswith("/volumes/"):
            queue.extend((PAPER_PATH.format(acl_id=acl_id), [acl_id]) for acl_id in ids)
            continue
        ctx.progress(len(ids))
    return outcome


def _ask(
    path: str, ids: list[str], ctx: FetchContext, outcome: FetchOutcome
) -> requests.Response | str | None:
    """One request: the saved response, or why the rest must not be asked (str), or None."""
    url = ctx.source.base_url.rstrip("/") + path
    try:
        response = base.send(ctx, "GET", url, ids=tuple(ids))
    except SourceError as exc:
        return str(exc) if base.record_source_error(outcome, exc, ids, ctx) else None
    body = response.content
    volume = path.startswith("/volumes/")
    saved = ctx.save_answer(
        response,
        kind="volume" if volume else "bib",
        method="GET",
        url=response.url or url,
        meta={"ids": ids, "volume": acl_volume_id(ids[0])},
    )
    outcome.raw_paths.append(saved)
    error = base.check_answer(ctx, response, ids, outcome)
    if isinstance(error, RateLimited):
        return f"the ACL Anthology rate limited us (HTTP {response.status_code})"
    if error is None:
        text = body.decode("utf-8", errors="replace") if response.ok else ""
        problem = _answer_problem(response.status_code, body, text) if response.ok else None
        if problem is None and response.ok and not _balanced(text):
            problem = "the BibTeX answer is cut off (unbalanced braces)"
        if problem is not None:  # a 200 that is no usable BibTeX: say so in the summary too
            outcome.errors.append(f"acl: {problem} at {path} ({len(ids)} ids)")
    return response


# --- parse --------------------------------------------------------------------------------------


def parse(raw: RawResponse) -> Parsed:
    """One saved answer -> `acl_records` rows and a status per id asked. Pure."""
    fetched_at = naive_utc(raw.fetched_at)
    parsed = Parsed(fetched_at=fetched_at)
    asked = list(dict.fromkeys(str(i) for i in raw.meta.get("ids") or []))
    volume = raw.kind == "volume"
    if raw.status == 404:
        if not volume:  # a volume 404 is not about the papers: fetch asked them one by one
            for acl_id in asked:
                parsed.statuses[acl_id] = ItemStatus(
                    NOT_FOUND, "the ACL Anthology has no such paper"
                )
        return parsed
    text = raw.body.decode("utf-8", errors="replace")
    problem = _answer_problem(raw.status, raw.body, text)
    if problem is not None:
        for acl_id in asked:
            parsed.statuses[acl_id] = ItemStatus(ERROR, problem)
        return parsed
    chunks = _split_entries(text)
    found, damaged = _papers(text, chunks, asked, volume=volume)
    if volume and damaged is None and raw.meta.get("volume"):
        parsed.add(
            VOLUMES_TABLE,
            {
                "volume_id": str(raw.meta["volume"]),
                "raw_path": str(raw.path),
                "n_papers": sum(1 for kind, _ in chunks if kind not in _NOT_PAPERS),
                "fetched_at": fetched_at,
            },
        )
    for acl_id, fields in found.items():
        parsed.add(TABLE, _row(acl_id, fields, fetched_at, str(raw.path)))
        parsed.statuses[acl_id] = ItemStatus(OK)
    for acl_id in asked:
        if acl_id in found:
            continue
        if damaged is not None:
            parsed.statuses[acl_id] = ItemStatus(ERROR, damaged)
        elif volume:
            parsed.statuses[acl_id] = ItemStatus(NOT_FOUND, "not in its volume's BibTeX")
        else:
            parsed.statuses[acl_id] = ItemStatus(ERROR, "the BibTeX answer is about another paper")
    return parsed


def _answer_problem(status: int, body: bytes, text: str) -> str | None:
    """Why this answer says nothing about the papers asked (ERROR for all), or None. `text` is
    the body decoded, once, by the caller that reads it further."""
    if status != 200:
        return f"the ACL Anthology answered HTTP {status}"
    if looks_like_html(body):
        return "the ACL Anthology answered an HTML page, not BibTeX"
    if not _ENTRY_START_RE.search(text):
        return "the ACL Anthology answered no BibTeX entry"
    return None


def _papers(
    text: str, chunks: list[tuple[str, str]], asked: list[str], *, volume: bool
) -> tuple[dict[str, dict[str, str]], str | None]:
    """The asked papers' fields by ACL id, and why absent ones cannot be NOT_FOUND (or None)."""
    strings = "".join(chunk for kind, chunk in chunks if kind == "string")
    papers = [chunk for kind, chunk in chunks if kind not in _NOT_PAPERS]
    wanted = {acl_id.lower(): acl_id for acl_id in asked}
    found: dict[str, dict[str, str]] = {}
    damaged: str | None = None
    if not _balanced(text):
        damaged = "the BibTeX answer is cut off (unbalanced braces)"
    for chunk in papers:
        acl_id = _id_in(chunk)
        if acl_id is None and not volume and len(asked) == 1 and len(papers) == 1:
            acl_id = asked[0]  # a single-paper answer without url/doi: the paper asked
        if acl_id is None or acl_id.lower() not in wanted:
            continue
        fields = _read_entry(strings + chunk) if _balanced(chunk) else None
        if fields is None:
            damaged = damaged or "an entry of the BibTeX answer could not be read"
            continue
        found[wanted[acl_id.lower()]] = fields
    return found, damaged


def _balanced(text: str) -> bool:
    return text.count("{") == text.count("}")


def _split_entries(text: str) -> list[tuple[str, str]]:
    """(entry type lower-cased, entry text) for every `@type{` at the start of a line."""
    starts: list[tuple[int, str]] = []
    for m in _AT_ENTRY_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start : m.start()].strip(" \t"):  # only blanks before it on its line
            starts.append((line_start, m[1]))
    bounds = [start for start, _ in starts] + [len(text)]
    return [(kind.lower(), text[bounds[i] : bounds[i + 1]]) for i, (_, kind) in enumerate(starts)]


def _id_in(chunk: str) -> str | None:
    """The ACL id an entry names, from its url (`https://aclanthology.org/<id>/`) or DOI."""
    # The Anthology's own url field, read directly: a volume file has a thousand entries or more,
    # and full URL canonicalisation of each was most of the time of a 10k-entry rebuild.
    plain = _ANTHOLOGY_URL_RE.search(chunk)
    if plain:
        return plain[1]
    url = _URL_FIELD_RE.search(chunk)
    if url:
        cid = canonicalize(url[1])
        if cid.kind == "acl":
            return cid.value
    doi = _DOI_FIELD_RE.search(chunk)
    return acl_id_from_doi(doi[1]) if doi else None


_MONTHS = {name[:3].lower(): name for name in calendar.month_name[1:]}  # BibTeX's jan … dec
_FIELD_NAME_RE = re.compile(r"\s*,?\s*([A-Za-z][\w:-]*)\s*=\s*")
_ENTRY_HEAD_RE = re.compile(r"@(\w+)\s*[{(]\s*([^,\s]*)\s*,", re.S)
_STRING_RE = re.compile(r"@string\s*[{(]\s*(\w+)\s*=\s*", re.I)
_BARE_WORD = re.compile(r"[\w.:-]+")  # a number or a macro name, outside braces and quotes


def _read_entry(entry_text: str) -> dict[str, str] | None:
    """One BibTeX entry as bibtexparser would give it: lower-case field names, ENTRYTYPE and ID,
    outer quotes or braces removed, @string macros and month abbreviations expanded.

    A small scanner for the regular BibTeX the Anthology writes: bibtexparser 1.x (pyparsing)
    took 20 ms an entry, a minute for the 3,000 ACL papers of a 10,000-entry list."""
    macros = dict(_MONTHS)
    for match in _STRING_RE.finditer(entry_text):
        value, _ = _read_value(entry_text, match.end(), macros)
        if value is not None:
            macros[match[1].lower()] = value
    head = None
    for match in _ENTRY_HEAD_RE.finditer(entry_text):
        if match[1].lower() not in _NOT_PAPERS:
            head = match
            break
    if head is None:
        return None
    fields = {"ENTRYTYPE": head[1].lower(), "ID": head[2]}
    pos = head.end()
    while True:
        name = _FIELD_NAME_RE.match(entry_text, pos)
        if name is None:
            break
        value, pos = _read_value(entry_text, name.end(), macros)
        if value is None:
            return None  # a value that does not end: a damaged entry, not a partial record
        fields[name[1].lower()] = value
    return fields


def _read_value(text: str, pos: int, macros: dict[str, str]) -> tuple[str | None, int]:
    """A field value at `pos` (pieces joined by #); returns (value, position after it)."""
    parts: list[str] = []
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return None, pos
        closing = _DELIMITED.get(text[pos])
        if closing is not None:  # {…} or "…": the text between, as written
            end = closing(text, pos)
            if end < 0:
                return None, pos
            parts.append(text[pos + 1 : end])
            pos = end + 1
        else:
            match = _BARE_WORD.match(text, pos)
            if match is None:
                return None, pos
            word = match[0]
            parts.append(macros.get(word.lower(), word))
            pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos < len(text) and text[pos] == "#":
            pos += 1
            continue
        return "".join(parts), pos


# The characters a closing brace or quote depends on: the scans below jump from one to the next
# (an abstract is a thousand characters of nothing but text).
_BRACES = re.compile(r"[{}]")
_BRACES_OR_QUOTE = re.compile(r'[{}"]')


def _closing_brace(text: str, start: int) -> int:
    depth = 0
    for brace in _BRACES.finditer(text, start):
        i = brace.start()
        if text[i - 1] == "\\":
            continue
        if brace[0] == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _closing_quote(text: str, start: int) -> int:
    depth = 0
    for found in _BRACES_OR_QUOTE.finditer(text, start + 1):
        char = found[0]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and text[found.start() - 1] != "\\":
            return found.start()
    return -1


# How a delimited piece of a value ends, by its opening character: where its closer stands.
_DELIMITED: dict[str, Callable[[str, int], int]] = {"{": _closing_brace, '"': _closing_quote}


def _row(
    acl_id: str, fields: dict[str, str], fetched_at: datetime, raw_path: str
) -> dict[str, Any]:
    year = re.search(r"\d{4}", fields.get("year", ""))
    return {
        "acl_id": acl_id,
        "title": _text(fields.get("title")),
        "authors": bibtex_names(fields.get("author", "")),
        "booktitle": _text(fields.get("booktitle") or fields.get("journal")),
        "year": int(year[0]) if year else None,
        "month": _text(fields.get("month")),
        "pages": _verbatim(fields.get("pages")),
        "doi": _verbatim(fields.get("doi")),
        "url": base.url_or_none(_verbatim(fields.get("url"))),
        "publisher": _text(fields.get("publisher")),
        "abstract": _text(fields.get("abstract")),
        "fetched_at": fetched_at,
        "raw_path": raw_path,
    }


def bibtex_names(value: str) -> list[str]:
    """BibTeX `author` -> names in order as "First Last": "M{\\"u}ller, J{\\"o}rg and Ana Li"
    -> ["Jörg Müller", "Ana Li"]. Splits on " and " outside braces; "others" is dropped."""
    names: list[str] = []
    for part in _split_top(value, _AND_RE):
        pieces = [p.strip() for p in _split_top(part, _COMMA_RE)]
        if len(pieces) == 1:
            name = pieces[0]  # "First von Last"
        elif len(pieces) == 2:
            name = f"{pieces[1]} {pieces[0]}"  # "von Last, First"
        else:
            name = f"{pieces[2]} {pieces[0]} {pieces[1]}"  # "von Last, Jr, First"
        cleaned = _text(name)
        if cleaned and cleaned.lower() != "others":
            names.append(cleaned)
    return names


def _split_top(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split `text` at `separator` matches that are not inside braces."""
    if "{" not in text and "}" not in text:  # most names
        return [p for p in separator.split(text) if p.strip()]
    braces = [(b.start(), 1 if b[0] == "{" else -1) for b in _BRACES.finditer(text)]
    parts: list[str] = []
    last = depth = seen = 0
    for match in separator.finditer(text):
        while seen < len(braces) and braces[seen][0] < match.start():
            depth += braces[seen][1]
            seen += 1
        if depth == 0:
            parts.append(text[last : match.start()])
            last = match.end()
    parts.append(text[last:])
    return [p for p in parts if p.strip()]


def _text(value: str | None) -> str | None:
    """LaTeX to Unicode ({\\"u} -> ü, \\& -> &, `` -> “, --- -> —), whitespace collapsed."""
    if value is None:
        return None
    return " ".join(latex_to_text(value).split()) or None


def _verbatim(value: str | None) -> str | None:
    """A field that is not prose (pages, doi, url): braces dropped, ``--`` kept as BibTeX has it."""
    if value is None:
        return None
    return " ".join(value.replace("{", "").replace("}", "").split()) or None
