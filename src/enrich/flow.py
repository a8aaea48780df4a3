"""The refresh as a Prefect flow: `enrich.pipeline`'s steps, each run as a Prefect task.

    fetch lists → parse → plan → fetch each source (concurrently) → load → release (→ prune)

The list of steps is `pipeline.run_refresh`; this module hands it `PrefectSteps`, which run the
very same step functions as tasks, and adds only what Prefect adds: the task runner of the fetch
fan-out, progress and summary artifacts, task retries, the final state, the global concurrency
limit of deployment runs and the Secret blocks they may read.

Task retries are for coarse failures only (a crashed worker; never enrich's own errors: `crashed`):
the HTTP layer already retries each request, so retries do not multiply, and it also bounds each
source's fetch in time (Prefect cannot stop a task running in a thread).

The fetch fan-out runs on the task runner the settings name (`ENRICH_TASK_RUNNER=thread|dask`,
see `make_task_runner`); the light steps run in the flow's own thread pool.

One refresh at a time: a run of a deployment first takes a slot of the global concurrency limit
`enrich-refresh` (created by `enrich deploy`), shared by every deployment, so an overlapping run
waits; the warehouse's file lock stays as the last guard (a run that meets it ends "Busy").

Final states: "Completed"; "Stale" when a source or a list could not be fetched — of type FAILED
unless `allow_stale`, so automations and notifications see it; "Busy" (FAILED) when another
refresh held the warehouse.

Run it with `enrich refresh` (which builds the settings and options once, takes the refresh lock
before Prefect starts and hands both to the flow: `run_in_process`), or as the `nightly` / `adhoc`
deployments of prefect.yaml, whose entrypoint `flows/refresh.py` imports `refresh_flow` from here.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, cast

from prefect import Task, flow, get_run_logger, runtime, task
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
from enrich.options import RefreshOptions
from enrich.pipeline import P, R
from enrich.plan import SourcePlan
from enrich.progress import Reporter, SourceProgress, combine, console_reporter
from enrich.redact import install_log_redaction
from enrich.runlog import narrate
from enrich.sources.base import ERROR, FetchOutcome, ItemStatus
from enrich.summary import RunSummary, summary_from_dict

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



def crashed(task: Task[..., Any], task_run: Any, state: State) -> bool:
    """Whether a failed task is retried: only when it crashed. An EnrichError is enrich's own
    verdict (what is wrong and what to do; sources already retried each request), the same
    when asked again a few seconds later: a retry would only make the user wait for it."""
    return not isinstance(state.data, EnrichError)


# The steps of `enrich.pipeline`, as tasks: the same functions, with Prefect's retries.
fetch_lists_task = task(
    name="fetch-lists", retries=1, retry_delay_seconds=10, retry_condition_fn=crashed,
    cache_policy=NO_CACHE,
)(pipeline.fetch_lists)  # fmt: skip
parse_task = task(name="parse", cache_policy=NO_CACHE)(pipeline.parse_versions)
plan_task = task(name="plan", cache_policy=NO_CACHE)(pipeline.plan_from_published)
load_task = task(name="load", cache_policy=NO_CACHE)(pipeline.load_and_publish)
release_task = task(
    name="release", retries=1, retry_delay_seconds=10, retry_condition_fn=crashed,
    cache_policy=NO_CACHE,
)(pipeline.release_step)  # fmt: skip
prune_task = task(name="prune", cache_policy=NO_CACHE)(pipeline.prune_step)
# What `PrefectSteps.run` runs for a step function of `enrich.pipeline`: its task, by its name.
STEP_TASKS: dict[str, Task[..., Any]] = {
    t.fn.__name__: t
    for t in (fetch_lists_task, parse_task, plan_task, load_task, release_task, prune_task)
}


@task(
    name="fetch-source", retries=1, retry_delay_seconds=30, retry_condition_fn=crashed,
    cache_policy=NO_CACHE,
)  # fmt: skip
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


class PrefectSteps(pipeline.Steps):
    """Each step of `pipeline.run_refresh` as a Prefect task; the fetches fan out on `runner`;
    the run's narrative also goes to Prefect's log of the flow run."""

    orchestrator = "Prefect"

    def __init__(self, runner: Any) -> None:
        self.runner = runner

    def narrate(self, message: str, *args: object) -> None:
        narrate(message, *args)
        get_run_logger().info(message, *args)

    def run(self, step: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """The step's task (its retries, its state in the UI), found by the function's name."""
        return cast(R, STEP_TASKS[step.__name__](*args, **kwargs))

    def fetch_sources(
        self, settings: Settings, plans: Mapping[str, SourcePlan]
    ) -> dict[str, FetchOutcome]:
        states = fetch.source_states(settings)
        asked = {name: plan for name, plan in plans.items() if plan.ask}
        if not asked:
            return {}
        with started(self.runner, settings) as runner:
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
            return {name: _outcome(name, futures[name], plans[name]) for name in futures}


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
    # No dashboard. The scheduler still serves its HTTP routes (health, metrics): on a free
    # port of this machine only, as Dask's default (8787, every interface) is open to the
    # network and taken by any other Dask cluster on the machine (a warning, then a port of
    # its own; an error where warnings are errors).
    cluster: dict[str, Any] = {
        "dashboard_address": None,
        "scheduler_kwargs": {"dashboard": False, "dashboard_address": "127.0.0.1:0"},
    }
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


# Settings and options the CLI built, handed to the flow it runs in this process (with the refresh
# lock it holds): the flow's parameters then only show what was asked. Reached through the two
# functions below only: the flow's body is pickled (Dask) and a ContextVar cannot be.
_handed: ContextVar[tuple[Settings, RefreshOptions] | None] = ContextVar(
    "enrich_handed_refresh", default=None
)


@contextmanager
def handing_over(settings: Settings, options: RefreshOptions) -> Iterator[None]:
    token = _handed.set((settings, options))
    try:
        yield
    finally:
        _handed.reset(token)


def handed_over() -> tuple[Settings, RefreshOptions] | None:
    return _handed.get()


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
    handed = handed_over()
    if handed is None:  # a deployment run, or the flow called directly: build them here, once
        settings = load_settings(config, env=environment_with_secret_blocks())
        options = RefreshOptions(
            lists=(list_from_argument(list_source, settings.root),) if list_source else None,
            offline=offline,
            force=force,
            only=frozenset(only) if only is not None else None,
            allow_stale=allow_stale,
            release=release,
            accept_shrink=accept_shrink,
            prune=prune,
        )
    else:
        settings, options = handed
    install_log_redaction(settings.secrets())  # a worker runs no CLI: every record, redacted
    runner = make_task_runner(settings)
    steps = PrefectSteps(runner)
    try:
        with one_refresh_at_a_time():
            summary = pipeline.run_refresh(settings, options, steps, lock_held=handed is not None)
    except BusyError as exc:
        # Expected, not a crash: a state that says so, without a traceback in the logs.
        return Failed(name="Busy", message=str(exc))
    publish_artifacts(settings, summary)
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


def flow_parameters(options: RefreshOptions, config: str | None) -> dict[str, Any]:
    """The flow's parameters for these options: what the flow run shows it was asked."""
    lists = options.lists or ()
    return {
        "config": config,
        "list_source": (lists[0].url or str(lists[0].snapshot)) if len(lists) == 1 else None,
        "offline": options.offline,
        "force": options.force,
        "only": sorted(options.only) if options.only is not None else None,
        "allow_stale": options.allow_stale,
        "release": options.release,
        "accept_shrink": options.accept_shrink,
        "prune": options.prune,
    }


def run_in_process(
    settings: Settings, options: RefreshOptions, config: str | None = None
) -> RunSummary:
    """Run the flow here for a caller that built the settings and options and HOLDS the refresh
    lock (`enrich refresh`); its final state as a summary, or the flow's error raised."""
    with handing_over(settings, options):
        state = refresh_flow(**flow_parameters(options, config), return_state=True)
    if state.name == "Busy":
        raise BusyError(state.message or "another refresh is running")
    if state.name == "Stale":  # FAILED unless allow_stale; the catalogue was still written
        stale: dict[str, Any] = state.result(raise_on_failure=False)  # type: ignore[assignment]
        return summary_from_dict(stale)
    if not state.is_completed():
        state.result()  # re-raises the flow's error: an EnrichError is one line in the CLI
        raise EnrichError(f"the refresh flow ended in state {state.name}: {state.message}")
    data: dict[str, Any] = state.result()  # type: ignore[assignment]
    return summary_from_dict(data)


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
