"""The refresh flow: the pipeline's table of contents, one Prefect task per step.

    fetch lists → parse → plan → fetch each source (concurrently) → load → release

Each task body is one call into `enrich`. Task retries are for coarse failures only (a crashed
worker): the HTTP layer already retries each request, so retries do not multiply, and it also
bounds each source's fetch in time (Prefect cannot stop a task running in a thread).

The fetch fan-out runs on the task runner the settings name (`ENRICH_TASK_RUNNER=thread|dask`,
see `make_task_runner`); the light steps run in the flow's own thread pool.

One refresh at a time: a run of a deployment first takes a slot of the global concurrency limit
`enrich-refresh` (created by `enrich deploy`), shared by every deployment, so an overlapping run
waits; the warehouse's file lock stays as the last guard (a run that meets it ends "Busy").

Final states: "Completed"; "Stale" when a source or a list could not be fetched — of type FAILED
unless `allow_stale`, so automations and notifications see it; "Busy" (FAILED) when another
refresh held the warehouse.

Run it with `enrich refresh` (Prefect's ephemeral API, no server), `python -m flows.refresh`, or
as the `nightly` / `adhoc` deployments in prefect.yaml.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from prefect import flow, get_run_logger, runtime, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State
from prefect.states import Completed, Failed
from prefect.task_runners import ThreadPoolTaskRunner

from enrich import fetch, pipeline
from enrich.config import Settings, list_from_argument, load_settings
from enrich.errors import BusyError, ConfigError, EnrichError
from enrich.http import RunStats
from enrich.lists import ListVersion
from enrich.plan import SourcePlan
from enrich.progress import Reporter, SourceProgress, combine, console_reporter
from enrich.redact import install_log_redaction
from enrich.runlog import narrate, run_log
from enrich.sources.base import ERROR, FetchOutcome, ItemStatus
from enrich.summary import RunSummary
from enrich.warehouse import refresh_lock

FETCH_WORKERS = 4  # one per source: each keeps its own pace
FLOW_NAME = "enrich-refresh"
# Prefect Secret blocks a deployment run reads when its worker's environment lacks the variable.
SECRET_BLOCKS = {"GITHUB_TOKEN": "enrich-github-token", "S2_API_KEY": "enrich-s2-api-key"}
# The global concurrency limit every deployment of this flow shares (created by `enrich deploy`).
GLOBAL_LIMIT = "enrich-refresh"
# A held slot is leased; the lease is renewed while the run lives and lapses if it dies.
LIMIT_LEASE_SECONDS = 300.0
ARTIFACT_EVERY = 2.0  # seconds between two updates of a source's progress artifact
# How long to wait for a Dask scheduler at ENRICH_DASK_ADDRESS before failing the run.
DASK_CONNECT_TIMEOUT = "20s"


@task(name="fetch-lists", retries=1, retry_delay_seconds=10, cache_policy=NO_CACHE)
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
    # Bounded in time by the HTTP layer (fetch.fetch_budget), on every task runner. Progress goes
    # to this process's console (a board on a terminal) and to a progress artifact in the UI.
    reporter = combine(console_reporter(), artifact_reporter(source, len(items)))
    return fetch.fetch_source(settings, source, items, state, reporter=reporter)


def artifact_reporter(source: str, asked: int) -> Reporter:
    """A progress artifact `fetch-<source>`, updated at most every ARTIFACT_EVERY seconds."""
    artifact_id: Any = create_progress_artifact(
        progress=0.0, key=f"fetch-{source}", description=f"{source}: 0/{asked} ids"
    )
    last = [0.0]

    def report(progress: SourceProgress) -> None:
        now = time.monotonic()
        if not progress.finished and now - last[0] < ARTIFACT_EVERY:
            return
        last[0] = now
        share = 100.0 if progress.finished else 100.0 * progress.done / max(progress.asked, 1)
        update_progress_artifact(artifact_id, progress=share, description=progress.line())

    return report


@task(name="load", cache_policy=NO_CACHE)
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


@task(name="prune", cache_policy=NO_CACHE)
def prune_task(settings: Settings) -> str:
    from enrich.prune import prune

    report = prune(
        settings, keep_raw_days=settings.keep_raw_days, keep_release_days=settings.keep_release_days
    )
    return report.to_text()


@task(name="release", retries=1, retry_delay_seconds=10, cache_policy=NO_CACHE)
def release_task(settings: Settings, summary: RunSummary) -> str | None:
    return pipeline.release_step(settings, summary)


def make_task_runner(settings: Settings) -> Any:
    """The runner of the fetch fan-out, from the settings:

    - `threads` (default): a bounded thread pool in the flow's process;
    - `dask` with `dask_address`: the Dask scheduler there;
    - `dask` with `dask_workers=N`: a local cluster of N worker processes (they report to the
      Prefect server, so PREFECT_API_URL must name one: under the ephemeral API each worker
      process would start its own);
    - `dask` otherwise: a local cluster of threads in one worker process.
    """
    if settings.task_runner != "dask":
        return ThreadPoolTaskRunner(max_workers=FETCH_WORKERS)
    try:
        from prefect_dask.task_runners import DaskTaskRunner
    except ImportError:
        raise ConfigError(
            "ENRICH_TASK_RUNNER=dask needs the dask extra: pip install -e '.[dask]'"
        ) from None
    if settings.dask_address:
        return DaskTaskRunner(
            address=settings.dask_address, client_kwargs={"timeout": DASK_CONNECT_TIMEOUT}
        )
    cluster: dict[str, Any] = {"dashboard_address": None}  # no dashboard port to open
    if settings.dask_workers:
        if not _prefect_api_url():
            raise ConfigError(
                f"ENRICH_DASK_WORKERS={settings.dask_workers} needs a Prefect server: set "
                "PREFECT_API_URL (worker processes cannot share the ephemeral API)"
            )
        per_worker = math.ceil(FETCH_WORKERS / settings.dask_workers)
        cluster.update(
            processes=True,
            host="127.0.0.1",  # the scheduler listens on this machine only
            n_workers=settings.dask_workers,
            threads_per_worker=per_worker,
        )
    else:
        cluster.update(processes=False, n_workers=1, threads_per_worker=FETCH_WORKERS)
    return DaskTaskRunner(cluster_kwargs=cluster)


def _prefect_api_url() -> str | None:
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return str(url) if url else None


@contextmanager
def started(runner: Any, settings: Settings) -> Iterator[Any]:
    """Enter a task runner; a Dask scheduler that cannot be reached is one clear error."""
    try:
        runner.__enter__()
        if hasattr(runner, "client"):
            runner.client  # noqa: B018 (DaskTaskRunner connects when its client is first used)
    except (OSError, TimeoutError, RuntimeError) as exc:
        where = settings.dask_address or "a local Dask cluster"
        raise EnrichError(f"cannot start the fetch task runner ({where}): {exc}") from None
    try:
        yield runner
    finally:
        runner.__exit__(None, None, None)


@contextmanager
def one_refresh_at_a_time() -> Iterator[None]:
    """A deployment run waits for a slot of the global limit shared by every deployment."""
    if not runtime.deployment.id:
        yield  # the CLI, or a flow called directly: the file lock alone keeps writers apart
        return
    from prefect.concurrency._asyncio import ConcurrencySlotAcquisitionError
    from prefect.concurrency.sync import concurrency

    get_run_logger().info("waiting for a slot of the global concurrency limit %s", GLOBAL_LIMIT)
    try:
        slot = concurrency(
            GLOBAL_LIMIT, occupy=1, lease_duration=LIMIT_LEASE_SECONDS, strict=True
        )
        slot.__enter__()
    except ConcurrencySlotAcquisitionError:
        raise ConfigError(
            f"the global concurrency limit '{GLOBAL_LIMIT}' does not exist on this Prefect "
            "server: run `enrich deploy` (it creates the pool, the limit, the automations and "
            "the deployments)"
        ) from None
    try:
        yield
    finally:
        slot.__exit__(None, None, None)


def environment_with_secret_blocks() -> dict[str, str]:
    """The environment, plus secrets from Prefect Secret blocks (saved by `enrich deploy
    --store-secrets`) for variables it lacks. Only for deployment runs: the CLI's ephemeral
    API has no blocks."""
    env = dict(os.environ)
    if not runtime.deployment.id:
        return env
    from prefect.blocks.system import Secret

    for variable, block in SECRET_BLOCKS.items():
        if env.get(variable):
            continue
        try:
            secret: Any = Secret.load(block)
            env[variable] = str(secret.get())
        except ValueError:  # no such block
            continue
    return env


@flow(
    name=FLOW_NAME,
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
    prune: bool = False,
) -> State:
    """Refresh the configured lists (or `list_source`) into the warehouse and write a release;
    with `prune`, then remove what `enrich prune` would (off by default)."""
    logger = get_run_logger()
    settings = load_settings(config, env=environment_with_secret_blocks())
    install_log_redaction(settings.secrets())  # a worker runs no CLI: every record, redacted
    options = pipeline.RefreshOptions(
        lists=(list_from_argument(list_source, settings.root),) if list_source else None,
        offline=offline,
        force=force,
        only=frozenset(only) if only is not None else None,
        allow_stale=allow_stale,
        release=release,
        accept_shrink=accept_shrink,
    )
    runner = make_task_runner(settings)
    try:
        with one_refresh_at_a_time(), refresh_lock(settings):
            summary = refresh_steps(settings, options, runner, prune)
    except BusyError as exc:
        # Expected, not a crash: a state that says so, without a traceback in the logs.
        return Failed(name="Busy", message=str(exc))
    publish_artifacts(settings, summary)
    logger.info("%s", summary.to_text())
    stale = summary.stale_sources
    if not stale:
        return Completed(message="all sources refreshed", data=summary.as_dict())
    message = f"stale: {', '.join(stale)} (catalogue and release written with previous values)"
    for report in summary.lists:  # which older version stood in for a list, and how old it is
        if report.stale:
            message += f"; list {report.name}: {report.note}"
    if options.allow_stale:
        return Completed(name="Stale", message=message, data=summary.as_dict())
    # Not acceptable: a FAILED state automations and notifications match (named "Stale").
    return Failed(name="Stale", message=message, data=summary.as_dict())


def refresh_steps(
    settings: Settings, options: pipeline.RefreshOptions, runner: Any, prune: bool = False
) -> RunSummary:
    summary = pipeline.new_summary(options)
    with run_log(settings, summary.run_id, settings.keep_logs) as log_path:
        get_run_logger().info("run log: %s", log_path)
        narrate("refresh %s started: %s", summary.run_id, options.as_dict())
        summary = fetch_and_load(settings, options, runner, summary)
        if options.release:
            summary.release_dir = release_task(settings, summary)
        if prune:
            narrate("%s", prune_task(settings))
        narrate("%s", summary.to_text())
    return summary


def fetch_and_load(
    settings: Settings, options: pipeline.RefreshOptions, runner: Any, summary: RunSummary
) -> RunSummary:
    fetched = fetch_lists_task(settings, options)
    parsed = parse_task(fetched)
    plans = plan_task(settings, parsed, options)
    for name, plan in plans.items():  # in the run log file and in Prefect's
        narrate("%s: %d wanted, %d to ask", name, len(plan.wanted), len(plan.ask))
        get_run_logger().info("%s: %d wanted, %d to ask", name, len(plan.wanted), len(plan.ask))
    states = fetch.source_states(settings)
    asked = {name: plan for name, plan in plans.items() if plan.ask}
    outcomes: dict[str, FetchOutcome] = {}
    if asked:
        with started(runner, settings):
            futures = {
                name: runner.submit(
                    fetch_source_task,
                    parameters={
                        "settings": settings,
                        "source": name,
                        "items": plan.ask,
                        "state": states.get(name, {}),
                    },
                )
                for name, plan in asked.items()
            }
            outcomes = {name: _outcome(name, futures[name], plans[name]) for name in futures}
    result: RunSummary = load_task(settings, summary, options, parsed, plans, outcomes)
    return result


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
