"""arXiv API: title, authors in order, abstract, categories, dates, versions, DOI, journal ref.

How the `arxiv` library is used, and why not its `Client`:

`arxiv.Client` fetches and parses in one step (`Client.results`), so the raw feed never reaches
us: an error answer becomes an exception without its body, an HTML page or an empty feed becomes
"no results" without a word, and nothing can be saved before it is parsed. It also sends its own
User-Agent, keeps its own delay and retries (immediate, no backoff, no `Retry-After`) and has no
timeout. So `fetch` does the one GET the client would do, through our `PoliteSession` (pace,
timeouts, retries with backoff, breaker, counters), saves the answer whatever it is, and `parse`
hands the saved feed to the library's own mapping (`arxiv._feed`, which builds `arxiv.Result`
objects from each Atom entry): the library still maps the Atom fields, and a rebuild from
`data/raw/` gives the same rows with no network. `arxiv._feed` is private (arxiv 4.x; 2.x used
feedparser), so `_library_results` is the one place that touches it and the tests pin its
behaviour.

The library's feed parser is lenient (lxml `recover=True`: a truncated feed yields the entries
before the cut, an HTML page yields nothing). `parse` therefore first checks the answer itself —
HTTP 200, well-formed XML, an Atom `<feed>`, no arXiv error entry, `opensearch:totalResults`
consistent with the entries — and only then may an id that is absent be NOT_FOUND. Anything else
is ERROR for every id asked: a 5xx, a 429 or a broken page is never "not found". The XML is
parsed once, strictly, by lxml with the library's own settings; on a well-formed feed the
library's lenient parse would give that same tree, so its entries go to the library's mapping
as they are.

Statuses and rows are keyed by base id ("2412.00251", "astro-ph/0601001"): `fetch` asks for base
ids, so arXiv answers with the latest version, whose suffix goes to `latest_version`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from arxiv import _feed as arxiv_feed
from lxml import etree

from enrich.errors import RateLimited, SourceError
from enrich.http import looks_like_html
from enrich.ids import paper_kind, parse_arxiv_id
from enrich.rawstore import RawResponse
from enrich.resolve import ResolvedEntry
from enrich.sources import base, registry
from enrich.sources.base import ERROR, NOT_FOUND, OK, FetchContext, FetchOutcome, ItemStatus, Parsed
from enrich.utc import naive_utc

NAME = "arxiv"
QUERY_PATH = "/api/query"
# The most ids a request (id_list), the pace and the other defaults, with the rules they follow,
# are in the registry; the pace is applied by the session's pacer.
BATCH_SIZE = registry.spec(NAME).max_batch_size
TABLE = "arxiv_records"
TABLE_KEYS = {TABLE: ("arxiv_id",)}

_ATOM = "{http://www.w3.org/2005/Atom}"
_OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
_ERROR_ID = "/api/errors"
# "math.GT/0309136" is listed by arXiv as "math/0309136": compare old-style ids without the class.
_SUBJECT_CLASS_RE = re.compile(r"^([a-z-]+)\.[A-Za-z]{2}/")


# --- plan and fetch -----------------------------------------------------------------------------


def wanted(entry: ResolvedEntry) -> Iterator[str]:
    """The arXiv ids an entry links (a Hugging Face paper page is an arXiv paper)."""
    for link in entry.links:
        if paper_kind(link.cid.kind) == NAME:
            yield link.cid.value


def query_url(base_url: str, arxiv_ids: Sequence[str]) -> str:
    """The GET `arxiv.Client` would send for these ids: one page holding all of them.

    `max_results` is the number of ids: the API's default page (10) and the library's default
    `Search.max_results` (100) both cut a longer list off without a word.
    """
    query = urlencode({"id_list": ",".join(arxiv_ids), "start": 0, "max_results": len(arxiv_ids)})
    return f"{base_url.rstrip('/')}{QUERY_PATH}?{query}"


def fetch(items: Sequence[str], ctx: FetchContext) -> FetchOutcome:
    """Ask arXiv for `items` (arXiv ids) in batches; save every answer before it is parsed.

    Never raises for an upstream fault: ids that got no answer at all land in `outcome.failed`;
    ids whose answer was an error are saved and reported ERROR by `parse`. Once the host is
    unreachable or rate limits us, the remaining batches are not asked.
    """
    outcome = FetchOutcome(source=NAME)
    to_ask: list[str] = []
    for item in items:
        parsed = parse_arxiv_id(item)
        if parsed is None:
            outcome.failed[item] = ItemStatus(ERROR, f"not an arXiv id: {item!r}; not asked")
        elif parsed[0] not in to_ask:
            to_ask.append(parsed[0])
    base.ask_in_batches(
        to_ask, BATCH_SIZE, lambda chunk: _fetch_chunk(chunk, ctx, outcome), ctx, outcome
    )
    return outcome


def _fetch_chunk(chunk: list[str], ctx: FetchContext, outcome: FetchOutcome) -> str | None:
    """One request. Returns why the remaining chunks must not be asked, or None."""
    url = query_url(ctx.source.base_url, chunk)
    try:
        response = base.send(ctx, "GET", url, ids=tuple(chunk))
    except SourceError as exc:
        return str(exc) if base.record_source_error(outcome, exc, chunk, ctx) else None
    body = response.content
    path = ctx.save_answer(
        response,
        kind="query",
        method="GET",
        url=response.url or url,
        meta={"ids": chunk},
    )
    outcome.raw_paths.append(path)
    error = base.check_answer(ctx, response, chunk, outcome)
    if isinstance(error, RateLimited):
        return f"arXiv rate limited us (HTTP {response.status_code})"
    if error is None:  # a 200 can still be an HTML page or a cut-off feed: say so too
        problem, _ = _read_feed(response.status_code, body)
        if problem is not None:
            outcome.errors.append(f"arxiv: {problem} ({len(chunk)} ids)")
    return None


# --- parse --------------------------------------------------------------------------------------


def parse(raw: RawResponse) -> Parsed:
    """One saved answer -> `arxiv_records` rows and a status per id asked. Pure."""
    fetched_at = naive_utc(raw.fetched_at)
    parsed = Parsed(fetched_at=fetched_at)
    asked = _asked(raw.meta.get("ids") or [])
    problem, root = _read_feed(raw.status, raw.body)
    if problem is not None or root is None:
        problem = problem or "arXiv's answer is not a feed"
        for arxiv_id in asked:
            parsed.statuses[arxiv_id] = ItemStatus(ERROR, problem)
        return parsed
    results = _library_results(raw.body, root)
    by_key = {_match_key(arxiv_id): arxiv_id for arxiv_id in asked}
    for result in results:
        split = parse_arxiv_id(result.get_short_id())
        if split is None:
            continue
        base_id, version = split
        arxiv_id = by_key.get(_match_key(base_id), base_id)
        parsed.add(TABLE, _row(result, arxiv_id, version, fetched_at, str(raw.path)))
        if arxiv_id in asked:
            parsed.statuses[arxiv_id] = ItemStatus(OK)
    missing = [arxiv_id for arxiv_id in asked if arxiv_id not in parsed.statuses]
    gap = _completeness_problem(root, len(results))
    for arxiv_id in missing:
        if gap is None:
            parsed.statuses[arxiv_id] = ItemStatus(NOT_FOUND, "arXiv has no record of this id")
        else:
            parsed.statuses[arxiv_id] = ItemStatus(ERROR, gap)
    return parsed


def _library_results(body: bytes, root: Any) -> list[Any]:
    """The `arxiv.Result`s the library builds from a feed: from the entries of `root` when lxml
    parsed it (`_read_xml`), else from the library's own (lenient) parse of `body`."""
    if etree.iselement(root):
        entries = root.iterfind("atom:entry", arxiv_feed._NS)
        return [r for r in map(arxiv_feed._build_result, entries) if r is not None]
    return list(arxiv_feed.parse(body).results)


def _row(
    result: Any, arxiv_id: str, version: str | None, fetched_at: datetime, raw_path: str
) -> dict[str, Any]:
    return {
        "arxiv_id": arxiv_id,
        "latest_version": version,
        "title": _collapse(result.title),
        "authors": [_collapse(author.name) for author in result.authors],
        "abstract": (result.summary or "").strip() or None,
        "primary_category": result.primary_category or None,
        "categories": list(result.categories),
        "published": naive_utc(result.published),
        "updated": naive_utc(result.updated),
        "doi": _optional(result.doi),
        "journal_ref": _optional(result.journal_ref),
        "comment": _optional(result.comment),
        "fetched_at": fetched_at,
        "raw_path": raw_path,
    }


def _read_feed(status: int, body: bytes) -> tuple[str | None, Any]:
    """(why this answer says nothing about the ids asked, or None; the feed's XML root, parsed
    once for every check below). ERROR for all ids when there is a why."""
    root, unreadable = (None, None) if looks_like_html(body) else _read_xml(body)
    if status != 200:
        detail = _arxiv_error(root)
        return f"arXiv answered HTTP {status}" + (f": {detail}" if detail else ""), None
    if root is None and unreadable is None:
        return "arXiv answered an HTML page, not an Atom feed", None
    if root is None:
        return f"arXiv's answer is not complete XML ({unreadable}): cut off or not a feed", None
    if root.tag != f"{_ATOM}feed":
        return f"arXiv's answer is not an Atom feed (root element {root.tag!r})", None
    detail = _arxiv_error(root)
    if detail is not None:
        return f"arXiv refused the query: {detail}", None
    if _total_results(root) is None:
        return "arXiv's feed has no opensearch:totalResults: not an API answer", None
    return None, root


def _read_xml(body: bytes) -> tuple[Any, ET.ParseError | None]:
    """The XML root of `body` (an lxml element), or why it is not well-formed XML. What lxml
    refuses goes to ElementTree, for its verdict and its words (as the checks have said it)."""
    strict = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(body, parser=strict), None
    except etree.XMLSyntaxError:
        pass
    try:
        return ET.fromstring(body), None
    except ET.ParseError as exc:
        return None, exc


def _completeness_problem(root: Any, n_results: int) -> str | None:
    """Why ids absent from a well-formed feed cannot be called NOT_FOUND, or None."""
    n_entries = len(root.findall(f"{_ATOM}entry"))
    total = _total_results(root)
    if n_results < n_entries:
        return f"arXiv's feed has {n_entries} entries but only {n_results} could be read"
    if total is not None and total != n_entries:
        return f"arXiv's feed says {total} results but holds {n_entries}: incomplete answer"
    return None


def _arxiv_error(root: Any) -> str | None:
    """The message of arXiv's error entry (id …/api/errors#…, title "Error"), if there is one."""
    if root is None:
        return None
    for entry in root.findall(f"{_ATOM}entry"):
        entry_id = entry.findtext(f"{_ATOM}id") or ""
        if _ERROR_ID in entry_id:
            return _collapse(entry.findtext(f"{_ATOM}summary") or entry_id) or "error entry"
    return None


def _total_results(root: Any) -> int | None:
    text = (root.findtext(f"{_OPENSEARCH}totalResults") or "").strip()
    return int(text) if text.isdigit() else None


def _asked(ids: Sequence[Any]) -> list[str]:
    """Ids asked, as base ids, in order, once each ("2412.00251v2" -> "2412.00251")."""
    asked: list[str] = []
    for item in ids:
        split = parse_arxiv_id(str(item))
        base_id = split[0] if split else str(item)
        if base_id not in asked:
            asked.append(base_id)
    return asked


def _match_key(base_id: str) -> str:
    return _SUBJECT_CLASS_RE.sub(r"\1/", base_id).lower()


def _collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def _optional(text: str | None) -> str | None:
    return _collapse(text) or None
