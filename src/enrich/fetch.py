"""Fetch: ask every source for its planned items, concurrently, each at its own pace.

Each source runs in its own thread with its own PoliteSession, so one slow or dead service never
holds up another, and each keeps the pace its service asks for. (The Prefect flow runs the same
`fetch_source` as one task per source on a bounded task runner.)
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import duckdb
from tqdm import tqdm

from enrich.config import Settings
from enrich.http import RunStats, build_session
from enrich.plan import SourcePlan
from enrich.sources.base import ERROR, FetchContext, FetchOutcome, ItemStatus
from enrich.warehouse.raw_load import source_modules


def source_states(settings: Settings) -> dict[str, dict[str, Any]]:
    """The stored state of every source, read from the published warehouse (if any)."""
    if not settings.warehouse_path.exists():
        return {}
    from enrich.warehouse import open_reader

    with open_reader(settings) as con:
        return {name: source_state(con, name) for name in settings.sources}


def source_state(con: duckdb.DuckDBPyConnection | None, source: str) -> dict[str, Any]:
    """Stored state a source needs to ask politely: GitHub's ETags for conditional requests."""
    if con is None or source != "github":
        return {}
    rows = con.execute(
        "SELECT repo_key, etag FROM repositories WHERE etag IS NOT NULL AND status = 'ok'"
    ).fetchall()
    return {"etags": dict(rows)}


def fetch_source(
    settings: Settings,
    source: str,
    items: list[str],
    state: Mapping[str, Any] | None = None,
    progress_position: int = 0,
) -> FetchOutcome:
    """Ask one source for its items; never raises for an upstream fault (see FetchOutcome)."""
    stats = RunStats()
    if not items:
        return FetchOutcome(source, stats=stats.of(source))
    module = source_modules()[source]
    config = settings.sources[source]
    session = build_session(settings, config, stats)
    with tqdm(
        total=len(items),
        desc=f"{source:<7}",
        unit="id",
        position=progress_position,
        leave=False,
        disable=None,
    ) as bar:

        def progress(done: int) -> None:
            bar.update(done)

        ctx = FetchContext(settings, config, session, stats, state or {}, progress)
        try:
            outcome = module.fetch(items, ctx)
        except Exception as exc:  # a bug or an unforeseen fault must not sink the other sources
            outcome = FetchOutcome(source)
            message = f"{source}: fetch failed: {type(exc).__name__}: {session.redact(str(exc))}"
            outcome.errors.append(message)
            outcome.failed = {item: ItemStatus(ERROR, message) for item in items}
        finally:
            session.close()
    outcome.stats = stats.of(source)
    return outcome.redacted(settings.secrets())


def fetch_all(
    settings: Settings,
    plans: Mapping[str, SourcePlan],
    states: Mapping[str, Mapping[str, Any]],
    max_workers: int = 4,
) -> dict[str, FetchOutcome]:
    asked = [name for name, plan in plans.items() if plan.ask]
    if not asked:
        return {}
    with ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="fetch") as pool:
        futures = {
            name: pool.submit(fetch_source, settings, name, plans[name].ask, states.get(name), i)
            for i, name in enumerate(asked)
        }
        return {name: future.result() for name, future in futures.items()}
