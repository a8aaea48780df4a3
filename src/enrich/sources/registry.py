"""The sources enrich asks, in one place: every other module asks this registry which sources
exist, in what order, with which defaults, and reaches their modules through it.

A `SourceSpec` is plain data (no import of the source's module, whose libraries are heavy and
whose `base` imports the configuration that reads these defaults); the module is imported the
first time something asks for it (`module`). What a module declares itself, beside its code:
`NAME`, `TABLE_KEYS` (the load keys of the tables it fills), `wanted`, `fetch`, `parse`, and
optionally the planning extras `stored_state` and `still_to_ask` and the loading extra
`stored_answers` (see `enrich.sources.base.Source`).

Adding a source: write its module (the shape of `enrich.sources.base.Source`), add one
`SourceSpec` line to `SOURCES` below; see the README's "Adding a source".
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

    from enrich.config import Settings
    from enrich.sources.base import Parsed, Source


@dataclass(frozen=True)
class SourceSpec:
    name: str  # the short name used in the config, --only, raw/<name>/, fetch_status.source
    module: str  # dotted path of the module with `fetch` and `parse`
    base_url: str
    url_env: str  # the environment variable that overrides base_url
    ttl_days: float  # how old a stored value may be before a refresh asks again
    pace_seconds: float  # the least time between two requests to this service (its rule)
    batch_size: int  # ids a request, by default
    max_batch_size: int  # the most the service takes in one request (the config's bound)
    # Where the source is listed for people: --only's help, the config, a release's sources.
    listed_at: int
    immutable: bool = False  # its answers never change: once answered, never asked again


# In the order a run works through them (fetch, load, report): a paper's own records first, then
# the services that answer about them, then the code.
SOURCES: list[SourceSpec] = [
    # arXiv API Terms of Use: "make no more than one request every three seconds, and limit
    # requests to a single connection at a time" (https://info.arxiv.org/help/api/tou.html);
    # id_list takes at most 100 ids a call (the library's own page size; ~640 ids gave HTTP 414).
    SourceSpec("arxiv", "enrich.sources.arxiv", "https://export.arxiv.org", "ENRICH_ARXIV_URL",
               ttl_days=30, pace_seconds=3.0, batch_size=100, max_batch_size=100, listed_at=0),
    # ACL Anthology: no published limit; it is a volunteer-run site: one request a second at
    # most, one file a request. Its records are published and never change.
    SourceSpec("acl", "enrich.sources.acl", "https://aclanthology.org", "ENRICH_ACL_URL",
               ttl_days=30, pace_seconds=1.0, batch_size=1, max_batch_size=1, listed_at=3,
               immutable=True),
    # Semantic Scholar: "1 request per second" with an API key (unauthenticated callers share a
    # pool that answers 429 often); paper/batch takes 1 to 500 ids a request.
    SourceSpec("s2", "enrich.sources.semantic_scholar", "https://api.semanticscholar.org",
               "ENRICH_S2_URL", ttl_days=1, pace_seconds=1.0, batch_size=500,
               max_batch_size=500, listed_at=1),
    # GitHub: no pace, a budget (60 REST requests an hour without a token, 5000 with one);
    # GraphQL takes ~100 aliased repositories a query.
    SourceSpec("github", "enrich.sources.github", "https://api.github.com",
               "ENRICH_GITHUB_API_URL", ttl_days=1, pace_seconds=0.0, batch_size=100,
               max_batch_size=100, listed_at=2),
]  # fmt: skip


def names() -> tuple[str, ...]:
    """Every source, in the order a run fetches, loads and reports them."""
    return tuple(spec.name for spec in SOURCES)


def listed_names() -> tuple[str, ...]:
    """Every source, in the order people see them listed (help, config, a release)."""
    return tuple(spec.name for spec in sorted(SOURCES, key=lambda s: s.listed_at))


def spec(name: str) -> SourceSpec:
    for candidate in SOURCES:
        if candidate.name == name:
            return candidate
    raise KeyError(f"no source named {name!r}; known: {', '.join(names())}")


def module(name: str) -> Source:
    """The module of source `name` (imported on first use)."""
    loaded: Source = importlib.import_module(spec(name).module)
    return loaded


def modules() -> dict[str, Source]:
    """Every source's module, by name, in run order."""
    return {name: module(name) for name in names()}


def table_keys(name: str) -> dict[str, tuple[str, ...]]:
    """The tables source `name` loads, each with the key its rows are upserted by."""
    return dict(module(name).TABLE_KEYS)


def stored_state(name: str, con: duckdb.DuckDBPyConnection | None) -> dict[str, Any]:
    """What source `name` needs from the warehouse to ask politely (GitHub's ETags), or {}."""
    hook = getattr(module(name), "stored_state", None)
    return dict(hook(con)) if hook is not None and con is not None else {}


def still_to_ask(name: str, con: duckdb.DuckDBPyConnection, items: list[str]) -> list[str]:
    """`items` less those the warehouse can answer without asking (ACL papers of a stored
    volume file)."""
    hook = getattr(module(name), "still_to_ask", None)
    return list(hook(con, items)) if hook is not None else items


def stored_answers(
    name: str, con: duckdb.DuckDBPyConnection, settings: Settings
) -> Iterator[Parsed]:
    """Answers source `name` already saved for items the lists want now (see `still_to_ask`)."""
    hook = getattr(module(name), "stored_answers", None)
    if hook is not None:
        yield from hook(con, settings)


@contextmanager
def registered(extra: SourceSpec) -> Iterator[SourceSpec]:
    """`extra` in the registry for the duration (tests: a toy source)."""
    SOURCES.append(extra)
    try:
        yield extra
    finally:
        SOURCES.remove(extra)
