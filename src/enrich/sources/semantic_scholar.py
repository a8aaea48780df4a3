"""Semantic Scholar Graph API: citation counts, S2 ids, external ids, authors with S2 author ids.

One `POST /graph/v1/paper/batch?fields=…` with `{"ids": [...]}` per ≤ 500 lookup ids
(`ARXIV:…`, `ACL:…`, `DOI:…`, `URL:…`). The API answers an array aligned with the ids asked,
`null` for an id it does not know.

How the `semanticscholar` library is used, and why not as it stands:

- `SemanticScholar.get_papers` builds the call: the URL (`api_url` + `/graph/v1/paper/batch`),
  the `fields` parameter, the JSON payload and the `x-api-key` header (only when a key is set).
- Left alone, it would also send it (httpx, its own timeout, no pace, a 4-minute tenacity retry
  on 429), return `[]` silently for a 503 or any status it does not handle, drop the `null`s so
  results can no longer be matched to ids by position, and log every unmatched id (all `URL:`
  ids among them) as "not found".
- So its requester — `ApiRequester`, which `AsyncSemanticScholar` keeps in `_requester` and
  calls with (url, parameters, headers, payload) — is replaced by `_SavingRequester`: it sends
  that exact request through our `PoliteSession` (pace, timeouts, retries with backoff and a
  bounded `Retry-After`, breaker, counters), saves the answer with `ctx.save` whatever it is,
  raises a `SourceError` for an unusable answer (5xx, 429, 4xx, HTML, cut off, not the array
  asked for) and otherwise stops the library there (`_AnswerSaved`): nothing the library would
  do with the answer is wanted, because `parse` reads the saved bytes by position.
- `_requester` is private: `build_client` checks it is there and fails loudly if a new version
  of the library moves it; the tests pin the call the library builds.
- The constructor calls `logging.basicConfig()`; `build_client` makes sure that is a no-op.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from semanticscholar import SemanticScholar
from semanticscholar.ApiRequester import ApiRequester

from enrich.errors import AccessRefused, BadPayload, RateLimited, SourceError
from enrich.http import error_class, looks_like_html, retry_after_iso
from enrich.ids import s2_lookup_id
from enrich.rawstore import RawResponse, json_value
from enrich.resolve import ResolvedEntry
from enrich.sources import base, registry
from enrich.sources.base import ERROR, NOT_FOUND, OK, FetchContext, FetchOutcome, ItemStatus, Parsed
from enrich.utc import naive_utc

NAME = "s2"
# paper/batch takes 1 to 500 ids a request (API reference, "Get details for multiple papers");
# that bound, the pace and the other defaults, with the rules they follow, are in the registry.
BATCH_SIZE = registry.spec(NAME).max_batch_size
# S2 refuses a key it does not accept with 403 as well as 401.
REFUSED_STATUSES = frozenset({401, 403})
# `authors` returns authorId and name for each author, in order.
FIELDS = (
    "paperId",
    "corpusId",
    "externalIds",
    "title",
    "abstract",
    "year",
    "venue",
    "publicationDate",
    "authors",
    "citationCount",
    "influentialCitationCount",
    "referenceCount",
    "isOpenAccess",
    "openAccessPdf",
)
KIND = "batch"
RECORDS = "s2_records"
LOOKUPS = "s2_lookups"
OBSERVATIONS = "observations"
TABLE_KEYS = {RECORDS: ("s2_paper_id",), LOOKUPS: ("lookup_id",), **base.OBSERVATION_KEYS}
# observation metric -> S2 field
METRICS = (
    ("citations", "citationCount"),
    ("influential_citations", "influentialCitationCount"),
    ("references", "referenceCount"),
)


# --- the library, wired to our session ----------------------------------------------------------


class _AnswerSaved(Exception):  # not an error: the answer is saved, the library may stop
    """Raised by the requester once a usable answer is saved: `parse` takes it from there."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class _SavingRequester(ApiRequester):  # type: ignore[misc]  # untyped library
    """The library's requester, sending through our session and saving before anything else."""

    def __init__(self, ctx: FetchContext) -> None:
        super().__init__(ctx.settings.timeout_seconds, retry=False)
        self.ctx = ctx
        self.saved: Path | None = None  # the answer saved by the last call, if any

    async def get_data_async(
        self,
        url: str,
        parameters: str,
        headers: dict[str, str],
        payload: dict[str, Any] | None = None,
    ) -> Any:
        self.saved = None
        query = parameters.lstrip("&")
        full_url = f"{url}?{query}" if query else url
        method = "POST" if payload else "GET"
        ids = tuple(str(i) for i in (payload or {}).get("ids", ()))
        response = base.send(self.ctx, method, full_url, ids=ids, headers=headers, json=payload)
        self.saved = self.ctx.save_answer(
            response,
            kind=KIND,
            method=method,
            url=full_url,
            request_body=payload,
            meta={"ids": list(ids)},
        )
        try:
            read_answer(response.status_code, response.headers, response.content, ids)
        except SourceError as exc:
            exc.url = exc.url or self.ctx.session.redact(full_url)
            if isinstance(exc, RateLimited):
                exc.retry_at = exc.retry_at or retry_after_iso(response.headers)
            raise
        raise _AnswerSaved(self.saved)


def build_client(ctx: FetchContext) -> tuple[SemanticScholar, _SavingRequester]:
    """A `SemanticScholar` whose requests go through `ctx.session` and are saved by `ctx.save`."""
    with _no_root_logging_setup():
        client = SemanticScholar(
            api_url=ctx.source.base_url,
            api_key=ctx.settings.s2_api_key,
            timeout=ctx.settings.timeout_seconds,
            retry=False,
        )
    inner = getattr(client, "_AsyncSemanticScholar", None)
    if not isinstance(getattr(inner, "_requester", None), ApiRequester):
        raise RuntimeError(
            "semanticscholar: SemanticScholar._AsyncSemanticScholar._requester not found; "
            "this version of the library is not supported by enrich.sources.semantic_scholar"
        )
    requester = _SavingRequester(ctx)
    inner._requester = requester  # type: ignore[union-attr]
    return client, requester


@contextmanager
def _no_root_logging_setup() -> Iterator[None]:
    """Make the library's `logging.basicConfig()` a no-op: it only acts on a root logger that
    has no handler, so give it one for the moment, and take it away again."""
    root = logging.getLogger()
    placeholder = logging.NullHandler()
    if not root.handlers:
        root.addHandler(placeholder)
    try:
        yield
    finally:
        root.removeHandler(placeholder)


# --- plan and fetch -----------------------------------------------------------------------------


def wanted(entry: ResolvedEntry) -> Iterator[str]:
    """The S2 lookup ids (`ARXIV:…`, `ACL:…`, `DOI:…`, `URL:…`) of an entry's paper ids."""
    for cid in entry.paper_ids:
        lookup = s2_lookup_id(cid)
        if lookup:
            yield lookup


def fetch(items: Sequence[str], ctx: FetchContext) -> FetchOutcome:
    """Ask paper/batch for `items` (lookup ids), ≤ 500 a request; save every answer first.

    Never raises for an upstream fault: ids that got no answer at all land in `outcome.failed`;
    ids whose answer was an error are saved and reported ERROR by `parse`. Once S2 rate limits
    us beyond the wait budget, or the host is unreachable, the remaining batches are not asked.
    """
    outcome = FetchOutcome(source=NAME)
    lookup_ids = list(dict.fromkeys(items))
    client, requester = build_client(ctx)
    base.ask_in_batches(
        lookup_ids,
        BATCH_SIZE,
        lambda batch: _fetch_batch(client, requester, batch, ctx, outcome),
        ctx,
        outcome,
    )
    return outcome


def _fetch_batch(
    client: SemanticScholar,
    requester: _SavingRequester,
    batch: list[str],
    ctx: FetchContext,
    outcome: FetchOutcome,
) -> str | None:
    """One request. Returns why the remaining batches must not be asked, or None."""
    requester.saved = None
    try:
        client.get_papers(batch, fields=list(FIELDS))
    except _AnswerSaved as answered:
        outcome.raw_paths.append(answered.path)
        return None
    except SourceError as exc:
        if requester.saved is not None:  # an answer, saved: parse reports ERROR for every id
            outcome.raw_paths.append(requester.saved)
        stop = base.record_source_error(
            outcome, exc, batch, ctx, answered=requester.saved is not None
        )
        return str(exc) if stop else None
    raise RuntimeError("semanticscholar: get_papers returned without going through our requester")


# --- reading an answer (pure) -------------------------------------------------------------------


def read_answer(
    status: int, headers: Mapping[str, str], body: bytes, ids: Sequence[str]
) -> list[dict[str, Any] | None]:
    """The array a paper/batch answer holds, aligned with `ids`; a SourceError if it has none.

    Pure: used by the requester (to stop a bad answer) and by `parse` (to report it per id).
    """
    lower = {k.lower(): v for k, v in headers.items()}
    batch = tuple(ids)
    if status != 200:
        raise _status_error(status, lower, body, batch)
    data, problem = _decode_array(lower.get("content-type", "").lower(), body)
    if problem is None and len(data) != len(batch):
        problem = f"{len(data)} answers for {len(batch)} ids asked; not guessing which is which"
    if problem is not None:
        raise BadPayload(f"{NAME}: {problem}", source=NAME, status=status, ids=batch)
    return data


def _decode_array(content_type: str, body: bytes) -> tuple[list[dict[str, Any] | None], str | None]:
    """The JSON array of a 200 answer, or why there is none."""
    if looks_like_html(body, content_type):
        return [], f"an HTML page where JSON was due ({content_type or 'no content type'})"
    try:
        data = json_value(body)
    except ValueError as exc:
        return [], f"the answer is not complete JSON ({exc}): cut off or not JSON"
    if not isinstance(data, list):
        return [], f"expected a JSON array, got {type(data).__name__}: {_snippet(body)}"
    if any(item is not None and not isinstance(item, dict) for item in data):
        return [], "the array holds something that is neither a paper nor null"
    return data, None


def _status_error(
    status: int, headers: Mapping[str, str], body: bytes, ids: tuple[str, ...]
) -> SourceError:
    message = _error_message(body)
    detail = f": {message}" if message else ""
    error = error_class(status, headers, refused=REFUSED_STATUSES)
    if error is RateLimited:
        wait = headers.get("retry-after", "").strip()
        after = f", Retry-After {wait} s" if wait else ""
        return RateLimited(
            f"{NAME}: rate limited (HTTP {status}{after})", source=NAME, status=status, ids=ids
        )
    if status == 400:
        if len(ids) > BATCH_SIZE or "more than" in message.lower():
            why = f"too many ids ({len(ids)}; at most {BATCH_SIZE} a request)"
        elif "field" in message.lower():
            why = "a field asked for is unknown"
        else:
            why = "an id in the batch is malformed or the request is not understood"
        return SourceError(
            f"{NAME}: batch refused, {why} (HTTP 400{detail})", source=NAME, status=status, ids=ids
        )
    if error is AccessRefused:
        return AccessRefused(
            f"{NAME}: access refused (HTTP {status}{detail}); check S2_API_KEY",
            source=NAME,
            status=status,
            ids=ids,
        )
    if status >= 500:
        return SourceError(
            f"{NAME}: server error HTTP {status}{detail}", source=NAME, status=status, ids=ids
        )
    return SourceError(
        f"{NAME}: unexpected HTTP {status}{detail}", source=NAME, status=status, ids=ids
    )


def _error_message(body: bytes) -> str:
    try:
        data = json_value(body)
    except ValueError:
        return _snippet(body)
    if isinstance(data, dict):
        return str(data.get("error") or data.get("message") or "")
    return ""


# --- parse --------------------------------------------------------------------------------------


def parse(raw: RawResponse) -> Parsed:
    """One saved paper/batch answer -> `s2_records`, `s2_lookups`, `observations` rows and a
    status per lookup id asked. Pure.

    The answer is matched to the ids by position; anything that is not an array of the same
    length (an error status, an HTML page, a cut-off body) is ERROR for every id, never
    NOT_FOUND. A `null` is NOT_FOUND, with an `s2_lookups` row whose paper is NULL.
    """
    fetched_at = naive_utc(raw.fetched_at)
    parsed = Parsed(fetched_at=fetched_at)
    ids = _asked_ids(raw)
    try:
        papers = read_answer(raw.status, raw.headers, raw.body, ids)
    except SourceError as exc:
        for lookup_id in ids:
            parsed.statuses[lookup_id] = ItemStatus(ERROR, str(exc))
        return parsed
    raw_path = str(raw.path)
    seen: set[str] = set()
    for lookup_id, paper in zip(ids, papers, strict=True):
        if paper is None:
            parsed.add(LOOKUPS, _lookup_row(lookup_id, None, fetched_at, raw_path))
            parsed.statuses[lookup_id] = ItemStatus(NOT_FOUND, "Semantic Scholar has no such paper")
            continue
        paper_id = paper.get("paperId")
        if not isinstance(paper_id, str) or not paper_id:
            parsed.statuses[lookup_id] = ItemStatus(ERROR, f"{NAME}: a paper without paperId")
            continue
        parsed.add(LOOKUPS, _lookup_row(lookup_id, paper_id, fetched_at, raw_path))
        parsed.statuses[lookup_id] = ItemStatus(OK)
        if paper_id in seen:  # two ids of one paper (its arXiv id and its DOI): one record
            continue
        seen.add(paper_id)
        parsed.add(RECORDS, _record_row(paper_id, paper, fetched_at, raw_path))
        for row in _observation_rows(paper_id, paper, fetched_at, raw_path):
            parsed.add(OBSERVATIONS, row)
    return parsed


def _asked_ids(raw: RawResponse) -> list[str]:
    body = raw.request_body
    ids = body.get("ids") if isinstance(body, dict) else None
    if not isinstance(ids, list):
        ids = raw.meta.get("ids") or []
    return [str(i) for i in ids]


def _lookup_row(
    lookup_id: str, paper_id: str | None, fetched_at: datetime, raw_path: str
) -> dict[str, Any]:
    return {
        "lookup_id": lookup_id,
        "s2_paper_id": paper_id,
        "fetched_at": fetched_at,
        "raw_path": raw_path,
    }


# `external_ids` as json.dumps(…, ensure_ascii=False, sort_keys=True) writes it (the warehouse keeps
# a JSON column's text as given), with the encoder built once rather than once a paper.
_EXTERNAL_IDS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _record_row(
    paper_id: str, paper: Mapping[str, Any], fetched_at: datetime, raw_path: str
) -> dict[str, Any]:
    external = paper.get("externalIds")
    external = external if isinstance(external, dict) else {}
    authors = [a for a in paper.get("authors") or [] if isinstance(a, dict)]
    pdf = paper.get("openAccessPdf")
    doi = base.text_or_none(external.get("DOI"))
    return {
        "s2_paper_id": paper_id,
        "corpus_id": _int(paper.get("corpusId")),
        "external_ids": _EXTERNAL_IDS_JSON.encode(external),
        "arxiv_id": base.text_or_none(external.get("ArXiv")),
        "acl_id": base.text_or_none(external.get("ACL")),
        "doi": doi.lower() if doi else None,
        "title": base.text_or_none(paper.get("title")),
        "abstract": base.text_or_none(paper.get("abstract")),
        "year": _int(paper.get("year")),
        "venue": base.text_or_none(paper.get("venue")),  # S2 answers "" for an unknown venue
        "publication_date": _date(paper.get("publicationDate")),
        "author_names": [str(a.get("name") or "") for a in authors],
        "author_ids": [base.text_or_none(a.get("authorId")) for a in authors],
        "citation_count": _int(paper.get("citationCount")),
        "influential_citation_count": _int(paper.get("influentialCitationCount")),
        "reference_count": _int(paper.get("referenceCount")),
        "is_open_access": paper.get("isOpenAccess")
        if isinstance(paper.get("isOpenAccess"), bool)
        else None,
        "open_access_pdf": base.url_or_none(pdf.get("url")) if isinstance(pdf, dict) else None,
        "fetched_at": fetched_at,
        "raw_path": raw_path,
    }


def _observation_rows(
    paper_id: str, paper: Mapping[str, Any], fetched_at: datetime, raw_path: str
) -> Iterator[dict[str, Any]]:
    for metric, field in METRICS:
        value = _int(paper.get(field))
        if value is None:
            continue
        yield base.observation_row("paper", paper_id, metric, value, fetched_at, NAME, raw_path)


# --- small helpers ------------------------------------------------------------------------------


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _snippet(body: bytes) -> str:
    text = body[:160].decode("utf-8", errors="replace").strip()
    return " ".join(text.split())
