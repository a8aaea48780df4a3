"""The refresh flow: the pipeline's table of contents, one Prefect task per step.

    fetch lists → parse → plan → fetch each source (concurrently) → load → release

Each task body is one call into `enrich`. Task retries are for coarse failures only (a crashed
worker, a task timeout): the HTTP layer already retries each request, so retries do not
multiply. A source that is down does not fail the flow: the flow completes in a state named
"Stale", and the summary says what is stale.

Run it with `enrich refresh` (Prefect's ephemeral API, no server), `python -m flows.refresh`, or
as the `nightly` / `adhoc` deployments in prefect.yaml.
"""

from __future__ import annotations

import math
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State
from prefect.states import Completed
from prefect.task_runners import ThreadPoolTaskRunner

from enrich import fetch, pipeline
from enrich.config import Settings, list_from_argument, load_settings
from enrich.errors import EnrichError
from enrich.http import RunStats
from enrich.lists import ListVersion
from enrich.plan import SourcePlan
from enrich.sources.base import ERROR, FetchOutcome, ItemStatus
from enrich.summary import RunSummary
from enrich.warehouse import refresh_lock

FETCH_WORKERS = 4  # one thread per source: each keeps its own pace
# Seconds; a fetch task's timeout also grows with its pacing floor. Prefect enforces it on Dask
# and process workers; in worker threads it can only warn, and what bounds a fetch there is the
# HTTP layer's timeouts on every request and its give-up rules.
FETCH_TIMEOUT_FLOOR = 120.0


@task(
    name="fetch-lists",
    retries=1,
    retry_delay_seconds=10,
    timeout_seconds=300,
    cache_policy=NO_CACHE,
)
def fetch_lists_task(
    settings: Settings, options: pipeline.RefreshOptions
) -> list[tuple[Any, ListVersion]]:
    return pipeline.fetch_lists(settings, options, RunStats())


@task(name="parse", cache_policy=NO_CACHE)
def parse_task(fetched: list[tuple[Any, ListVersion]]) -> list[pipeline.ParsedVersion]:
    return pipeline.parse_versions(fetched)


@task(name="plan", cache_policy=NO_CACHE)
def plan_task(
    settings: Settings, parsed: list[pipeline.ParsedVersion], options: pipeline.RefreshOptions
) -> dict[str, SourcePlan]:
    return pipeline.plan_from_published(settings, parsed, options)


@task(name="fetch-source", retries=1, retry_delay_seconds=30, cache_policy=NO_CACHE)
def fetch_source_task(
    settings: Settings, source: str, items: list[str], state: dict[str, Any]
) -> FetchOutcome:
    return fetch.fetch_source(settings, source, items, state)


@task(name="load", timeout_seconds=3600, cache_policy=NO_CACHE)
def load_task(
    settings: Settings,
    summary: RunSummary,
    options: pipeline.RefreshOptions,
    parsed: list[pipeline.ParsedVersion],
    plans: dict[str, SourcePlan],
    outcomes: dict[str, FetchOutcome],
) -> RunSummary:
    pipeline.load_and_publish(settings, summary, options, parsed, plans, outcomes)
    return summary


@task(name="release", retries=1, retry_delay_seconds=10, cache_policy=NO_CACHE)
def release_task(settings: Settings, summary: RunSummary) -> str | None:
    return pipeline.release_step(settings, summary)


def fetch_timeout(settings: Settings, source: str, n_items: int) -> float:
    """A bound on one source's fetch: its pacing floor, three times over, plus a margin."""
    config = settings.sources[source]
    requests = math.ceil(n_items / max(config.batch_size, 1))
    floor = requests * max(config.pace_seconds, 0.2)
    return FETCH_TIMEOUT_FLOOR + 3 * floor + requests * settings.timeout_seconds


def make_task_runner(settings: Settings) -> Any:
    """Threads by default; a Dask cluster with ENRICH_TASK_RUNNER=dask (prefect-dask extra)."""
    if settings.task_runner == "dask":
        try:
            from prefect_dask.task_runners import DaskTaskRunner
        except ImportError:
            raise EnrichError(
                "ENRICH_TASK_RUNNER=dask needs the dask extra: pip install -e '.[dask]'"
            ) from None
        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        # Threads inside one local worker: worker processes would each start their own
        # ephemeral Prefect API (see LIBRARY-NOTES); with a real PREFECT_API_URL use processes.
        return DaskTaskRunner(
            cluster_kwargs={"processes": False, "n_workers": 1, "threads_per_worker": FETCH_WORKERS}
        )
    return ThreadPoolTaskRunner(max_workers=FETCH_WORKERS)


@flow(
    name="enrich-refresh",
    task_runner=ThreadPoolTaskRunner(max_workers=FETCH_WORKERS),  # type: ignore[arg-type]
    log_prints=False,
)
def refresh_flow(
    config: str | None = None,
    list_source: str | None = None,
    offline: bool = False,
    force: bool = False,
    only: list[str] | None = None,
    allow_stale: bool = False,
    release: bool = True,
    accept_shrink: bool = False,
) -> State:
    """Refresh the configured lists (or `list_source`) into the warehouse and write a release."""
    logger = get_run_logger()
    settings = load_settings(config)
    options = pipeline.RefreshOptions(
        lists=(list_from_argument(list_source, settings.root),) if list_source else None,
        offline=offline,
        force=force,
        only=frozenset(only) if only is not None else None,
        allow_stale=allow_stale,
        release=release,
        accept_shrink=accept_shrink,
    )
    with refresh_lock(settings):
        summary = pipeline.new_summary(options)
        fetched = fetch_lists_task(settings, options)
        parsed = parse_task(fetched)
        plans = plan_task(settings, parsed, options)
        for name, plan in plans.items():
            logger.info("%s: %d wanted, %d to ask", name, len(plan.wanted), len(plan.ask))
        states = fetch.source_states(settings)
        futures = {
            name: fetch_source_task.with_options(
                timeout_seconds=fetch_timeout(settings, name, len(plan.ask))
            ).submit(settings, name, plan.ask, states.get(name, {}))
            for name, plan in plans.items()
            if plan.ask
        }
        outcomes = {name: _outcome(name, future, plans[name]) for name, future in futures.items()}
        summary = load_task(settings, summary, options, parsed, plans, outcomes)
        if options.release:
            summary.release_dir = release_task(settings, summary)
    publish_artifacts(settings, summary)
    logger.info("%s", summary.to_text())
    stale = summary.stale_sources
    message = f"some sources stale: {', '.join(stale)}" if stale else "all sources refreshed"
    return Completed(
        name="Stale" if stale else "Completed", message=message, data=summary.as_dict()
    )


def _outcome(name: str, future: Any, plan: SourcePlan) -> FetchOutcome:
    """A fetch task that crashed or timed out, after its retry, is one failed source."""
    try:
        outcome: FetchOutcome = future.result()
        return outcome
    except Exception as exc:
        message = f"{name}: fetch task failed: {type(exc).__name__}: {exc}"
        return FetchOutcome(
            name,
            failed={item: ItemStatus(ERROR, message) for item in plan.ask},
            errors=[message],
        )


def publish_artifacts(settings: Settings, summary: RunSummary) -> None:
    create_markdown_artifact(
        key="refresh-summary",
        markdown=summary.to_markdown(),
        description=f"enrich refresh {summary.run_id}",
    )
    problems = pipeline.flagged_link_rows(settings)
    create_table_artifact(
        key="flagged-links",
        table=problems or [{"problem": "none flagged"}],
        description="Link problems of the current lists (wrong links, duplicates, shared repos)",
    )


if __name__ == "__main__":
    refresh_flow()
