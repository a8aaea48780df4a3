"""Fetch: ask every source for its planned items, concurrently, each at its own pace.

Each source runs in its own thread with its own PoliteSession, so one slow or dead service never
holds up another, and each keeps the pace its service asks for. (The Prefect flow runs the same
`fetch_source` as one task per source on a bounded task runner.)
"""

from __future__ import annotations

import math
import os
import socket
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import duckdb

from enrich.config import Settings
from enrich.http import RunStats, build_session
from enrich.plan import SourcePlan
from enrich.progress import Reporter, SourceProgress, console_reporter
from enrich.sources import registry
from enrich.sources.base import ERROR, FetchContext, FetchOutcome, ItemStatus

# Seconds every source's fetch may take on top of its pacing floor (see `fetch_budget`).
FETCH_BUDGET_FLOOR = 120.0


def fetch_budget(settings: Settings, source: str, n_items: int) -> float:
    """How long one source's fetch may take: its pacing floor three times over, a read timeout
    per request, and a margin. Past it the session asks nothing more (`set_budget`)."""
    config = settings.sources[source]
    requests = math.ceil(n_items / max(config.batch_size, 1))
    floor = requests * max(config.pace_seconds, 0.2)
    return FETCH_BUDGET_FLOOR + 3 * floor + requests * settings.timeout_seconds


def worker_name() -> str:
    """host:pid of the process doing a fetch (the summary shows where each source ran)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def source_states(settings: Settings) -> dict[str, dict[str, Any]]:
    """The stored state of every source, read from the published warehouse (if any)."""
    if not settings.warehouse_path.exists():
        return {}
    from enrich.warehouse import open_reader

    with open_reader(settings) as con:
        return {name: source_state(con, name) for name in settings.sources}


def source_state(con: duckdb.DuckDBPyConnection | None, source: str) -> dict[str, Any]:
    """Stored state a source needs to ask politely (its `stored_state`: GitHub's ETags for
    conditional requests), or {}."""
    return registry.stored_state(source, con)


def fetch_source(
    settings: Settings,
    source: str,
    items: list[str],
    state: Mapping[str, Any] | None = None,
    reporter: Reporter | None = None,
    budget_seconds: float | None = None,
) -> FetchOutcome:
    """Ask one source for its items; never raises for an upstream fault (see FetchOutcome).
    The fetch stops asking after `budget_seconds` (default: `fetch_budget`). Progress goes to
    `reporter` (default: this process's console, see enrich.progress)."""
    stats = RunStats()
    stats.of(source).worker = worker_name()
    if not items:
        return FetchOutcome(source, stats=stats.of(source))
    module = registry.module(source)
    config = settings.sources[source]
    session = build_session(settings, config, stats)
    session.set_budget(
        fetch_budget(settings, source, len(items)) if budget_seconds is None else budget_seconds
    )
    report = reporter if reporter is not None else console_reporter()
    live = SourceProgress(source, len(items), stats=stats.of(source))

    def progress(done: int) -> None:
        live.done += done
        if report is not None:
            report(live)

    if report is not None:
        report(live)
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
        live.finished = True
        if report is not None:
            report(live)
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
            name: pool.submit(fetch_source, settings, name, plans[name].ask, states.get(name))
            for name in asked
        }
        return {name: future.result() for name, future in futures.items()}
