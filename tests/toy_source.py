"""A fifth source for tests only: a DOI registry (think Crossref) answering
`GET /works?dois=<doi>,<doi>` with `{"works": {doi: {"title": …} | null}}`.

It is what the README's "Adding a source" asks of a new source, and nothing more: the module
(`NAME`, `TABLE_KEYS`, `wanted`, `fetch`, `parse`, built on `enrich.sources.base`) and one
`SourceSpec` (`SPEC`, registered by the test with `registry.registered`). Its table is made by
the test, as a migration would make a real source's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlencode

from enrich.errors import SourceError
from enrich.rawstore import RawResponse
from enrich.resolve import ResolvedEntry
from enrich.sources import base
from enrich.sources.base import ERROR, NOT_FOUND, OK, FetchContext, FetchOutcome, ItemStatus, Parsed
from enrich.sources.registry import SourceSpec
from enrich.utc import naive_utc

NAME = "toy"
TABLE = "toy_records"
TABLE_KEYS = {TABLE: ("doi",)}
TABLE_SQL = (
    f"CREATE TABLE {TABLE} (doi VARCHAR PRIMARY KEY, title VARCHAR, fetched_at TIMESTAMP, "
    "raw_path VARCHAR)"
)
SPEC = SourceSpec(
    NAME,
    __name__,
    base_url="http://127.0.0.1:9",
    url_env="ENRICH_TOY_URL",
    ttl_days=7,
    pace_seconds=0.0,
    batch_size=2,
    max_batch_size=2,
    listed_at=4,
)


def wanted(entry: ResolvedEntry) -> Iterator[str]:
    for link in entry.links:
        if link.cid.kind == "doi":
            yield link.cid.value


def fetch(items: Sequence[str], ctx: FetchContext) -> FetchOutcome:
    outcome = FetchOutcome(source=NAME)

    def ask(batch: list[str]) -> str | None:
        url = f"{ctx.source.base_url}/works?{urlencode({'dois': ','.join(batch)})}"
        try:
            response = base.send(ctx, "GET", url, ids=tuple(batch))
        except SourceError as exc:
            return str(exc) if base.record_source_error(outcome, exc, batch, ctx) else None
        outcome.raw_paths.append(
            ctx.save(
                kind="works",
                method="GET",
                url=url,
                status=response.status_code,
                headers=response.headers,
                body=response.content,
                meta={"ids": batch},
            )
        )
        base.check_answer(ctx, response, batch, outcome)
        return None

    base.ask_in_batches(list(dict.fromkeys(items)), SPEC.max_batch_size, ask, ctx, outcome)
    return outcome


def parse(raw: RawResponse) -> Parsed:
    fetched_at = naive_utc(raw.fetched_at)
    parsed = Parsed(fetched_at=fetched_at)
    asked = [str(i) for i in raw.meta.get("ids") or []]
    works: Any = json.loads(raw.body).get("works") if raw.status == 200 else None
    for doi in asked:
        if not isinstance(works, dict):
            parsed.statuses[doi] = ItemStatus(ERROR, f"toy answered HTTP {raw.status}")
        elif works.get(doi) is None:
            parsed.statuses[doi] = ItemStatus(NOT_FOUND, "toy has no such DOI")
        else:
            row = {"doi": doi, "title": works[doi]["title"], "fetched_at": fetched_at}
            parsed.add(TABLE, {**row, "raw_path": str(raw.path)})
            parsed.statuses[doi] = ItemStatus(OK)
    return parsed
