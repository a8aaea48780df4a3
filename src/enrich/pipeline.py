"""The refresh, step by step: fetch lists → parse → plan → fetch sources → load → derive → release
(→ prune).

Each step is a plain function of its inputs, and `run_refresh` is the one list of steps, run under
the refresh lock. How each step runs is a `Steps`: this module's own calls them in this process
(fetching a thread per source); `enrich.flow` wraps the very same functions as Prefect tasks and
adds only what Prefect adds (a task runner for the fetches, artifacts, final states, retries).
Tests can call the steps one by one.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

import duckdb

from enrich import fetch, ledger, worker
from enrich.checks import run_link_checks
from enrich.config import ListConfig, Settings, SourceConfig
from enrich.errors import EnrichError
from enrich.heap import few_collections, forget_load_caches
from enrich.http import RunStats, build_session
from enrich.listguard import shrink_problem, text_problem
from enrich.lists import (
    Guard,
    ListVersion,
    RecordedVersion,
    append_history,
    fetch_list,
    record_quarantine,
)
from enrich.lock import refresh_lock
from enrich.merge import rebuild_works
from enrich.models import ParsedList
from enrich.options import RefreshOptions as RefreshOptions  # re-exported: callers import it here
from enrich.options import lists_to_refresh
from enrich.parsecache import parse_kept
from enrich.plan import SourcePlan, make_plans
from enrich.resolve import ResolvedEntry, resolve_entries
from enrich.runlog import narrate, run_log
from enrich.sources import registry
from enrich.sources.base import ERROR, NOT_FOUND, OK, FetchOutcome, ItemStatus
from enrich.summary import ListReport, RunSummary, SourceReport
from enrich.warehouse import checkpoint_if_holding, checkpoint_transaction, transaction
from enrich.warehouse.bulk import dict_rows
from enrich.warehouse.load import load_list_version
from enrich.warehouse.prestage import Prestaged, prestaged
from enrich.warehouse.raw_load import (
    answered_items,
    load_raw_files,
    load_stored_answers,
    pending_raw_files,
    record_statuses,
    relative_raw_path,
)
from enrich.warehouse.runs import list_changes, record_run, warehouse_counts
from enrich.worker import map_in_two

P = ParamSpec("P")  # a step function's parameters, for `Steps.run`
R = TypeVar("R")


@dataclass
class ParsedVersion:
    """A list version as parsed and resolved, from the parse to the load. Once the load has
    written it to the warehouse (`unload`) only its report remains: `loaded()`, with `config`,
    `version` and `quarantined`."""

    config: ListConfig
    version: ListVersion
    parsed: ParsedList
    resolved: list[ResolvedEntry] = field(default_factory=list)
    quarantined: str | None = None  # why this version is kept out of the warehouse, if it is
    _report: LoadedVersion | None = field(default=None, init=False, repr=False, compare=False)

    def loaded(self) -> LoadedVersion:
        """What the run's summary needs of this version once loaded: its report, not its
        entries (a rebuild of many lists need not hold every list's entries to its end)."""
        if self._report is not None:  # unloaded
            return self._report
        formats = Counter(e.source_format for e in self.parsed.entries)
        report = ListReport(
            name=self.config.name,
            sha256=self.version.sha256,
            origin=self.version.origin,
            note=self.version.note,
            entries=len(self.parsed.entries),
            bullets=formats.get("bullet", 0),
            table_rows=formats.get("table", 0),
            problems=[
                {"line_no": p.line_no, "severity": p.severity, "reason": p.reason}
                for p in self.parsed.problems
            ],
            text_repaired=self.parsed.text_repaired,
            other_shapes={k: v for k, v in formats.items() if k not in ("bullet", "table")},
            links=self.parsed.link_accounting,
            stale=self.version.stale,
        )
        return LoadedVersion(self.config, self.version, report, self.quarantined)

    def unload(self) -> None:
        """Keep the report, let go of the entries, links and ledger: the warehouse has them. A
        refresh holds every list's parse from the plan to the load; without this the ten lists
        of the 100k benchmark stayed through the answers' load and the merge (its cold peak
        1,016 MB; 995 with it)."""
        self._report = self.loaded()
        self.parsed = replace(self.parsed, entries=(), link_ledger=())
        self.resolved = []


@dataclass(frozen=True)
class LoadedVersion:
    """A list version as the run's summary reports it (`ParsedVersion.loaded`)."""

    config: ListConfig
    version: ListVersion
    report: ListReport  # its `changes` are read from the warehouse by `finish_summary`
    quarantined: str | None = None


def new_summary(options: RefreshOptions) -> RunSummary:
    now = datetime.now(UTC)
    run_id = now.strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    return RunSummary(
        run_id=run_id, started_at=now.isoformat(timespec="seconds"), options=options.as_dict()
    )


def fetch_lists(
    settings: Settings, options: RefreshOptions, stats: RunStats | None = None
) -> list[tuple[ListConfig, ListVersion]]:
    stats = stats if stats is not None else RunStats()
    lists = lists_to_refresh(settings, options)
    session = None
    if not options.offline:
        session = build_session(settings, SourceConfig("lists", "", 0, 0.0, 1), stats, retries=1)
    fetched = [(lst, fetch_list(lst, settings, session, offline=options.offline)) for lst in lists]
    guards = published_guards(settings, [lst.name for lst in lists], options)
    return [(lst, replace(version, guard=guards.get(lst.name))) for lst, version in fetched]


def published_guards(
    settings: Settings, names: Sequence[str], options: RefreshOptions
) -> dict[str, Guard]:
    """For each list, its current version in the published warehouse and the rules a new
    version must pass to replace it."""
    from enrich.warehouse import open_reader

    current: dict[str, tuple[str | None, int | None]] = {}
    if settings.warehouse_path.exists():
        with open_reader(settings) as con:
            rows = con.execute(
                """
                SELECT l.list_name, l.current_sha256, v.n_entries
                FROM lists l LEFT JOIN list_versions v
                  ON v.list_name = l.list_name AND v.sha256 = l.current_sha256
                """
            ).fetchall()
        current = {name: (sha, n) for name, sha, n in rows}
    return {
        name: Guard(
            previous_sha256=current.get(name, (None, None))[0],
            previous_entries=current.get(name, (None, None))[1],
            max_shrink=settings.max_shrink,
            accept_shrink=options.accept_shrink,
        )
        for name in names
    }


def parse_versions(
    fetched: Sequence[tuple[ListConfig, ListVersion]], cache_dir: Path | None = None
) -> list[ParsedVersion]:
    """Parse and resolve each version; a guarded version that is not text, parses to nothing or
    shrinks too much is quarantined (not resolved, not loaded). A version this code parsed
    before is read back from `cache_dir` (`enrich.parsecache`). Several big lists are parsed
    two at a time, here and in a helper process (`worker.map_in_two`): the 100k benchmark's
    ten lists took 21 s on one core."""
    parts = map_in_two(
        _parse_version,
        [(lst, version, cache_dir) for lst, version in fetched],
        [len(version.raw) for _, version in fetched],
        worker.PARSE_MIN_BYTES,
    )
    return [
        ParsedVersion(lst, version, parsed, resolved, quarantined=why)
        for (lst, version), (parsed, resolved, why) in zip(fetched, parts, strict=True)
    ]


def _parse_version(
    job: tuple[ListConfig, ListVersion, Path | None],
) -> tuple[ParsedList, list[ResolvedEntry], str | None]:
    """One version's parse, its resolved entries, and why it is quarantined (if it is)."""
    lst, version, cache_dir = job
    guard = version.guard
    checked = guard is not None and version.sha256 != guard.previous_sha256
    why = text_problem(version.raw) if checked else None
    if why is not None:
        return ParsedList(lst.name, (), (), False), [], why
    parsed = parse_kept(cache_dir, lst.name, version.raw, list_url=lst.url)
    if checked and guard is not None:
        why = shrink_problem(
            len(parsed.entries),
            guard.previous_entries,
            max_shrink=guard.max_shrink,
            accept_shrink=guard.accept_shrink,
        )
    return parsed, [] if why else resolve_entries(parsed.entries), why


def loadable(parsed: Sequence[ParsedVersion]) -> list[ParsedVersion]:
    return [pv for pv in parsed if pv.quarantined is None]


def plan_sources(
    con: duckdb.DuckDBPyConnection | None,
    settings: Settings,
    parsed: Sequence[ParsedVersion],
    options: RefreshOptions,
) -> dict[str, SourcePlan]:
    resolved = [r for pv in loadable(parsed) for r in pv.resolved]
    return make_plans(
        con, settings, resolved, force=options.force, only=options.only, offline=options.offline
    )


def load_everything(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    parsed: Sequence[ParsedVersion],
    outcomes: Mapping[str, FetchOutcome],
    prestaged: Prestaged | None = None,
) -> dict[str, dict[str, ItemStatus]]:
    """Load lists and every raw answer not yet loaded, then derive works and link checks
    (answers a worker `prestaged` are taken from it). Returns the item outcomes of this load,
    per source."""
    for pv in loadable(parsed):
        load_list_version(con, pv.version, pv.parsed, pv.resolved, pv.config.url)
        pv.unload()
    checkpoint_if_holding(con)  # a big load's rows go to the file as it goes, not all at once
    statuses: dict[str, dict[str, ItemStatus]] = {}
    now = datetime.now(UTC)
    for source in registry.names():
        outcome = outcomes.get(source)
        to_load = answers_to_load(con, settings, source, outcome)
        staged = prestaged.take(source, to_load) if prestaged is not None else None
        loaded = load_raw_files(con, settings, source, to_load, staged=staged)
        failed = outcome.failed if outcome else {}
        record_statuses(con, source, failed, now)
        statuses[source] = {**loaded, **failed}
        checkpoint_if_holding(con)
    load_stored_answers(con, settings)
    checkpoint_transaction(con)  # what was loaded goes to the file before the merge reads it all
    # The merge deletes and writes again every derived row: checkpointed as it goes when big.
    rebuild_works(con, settings.merges, between_steps=lambda: checkpoint_if_holding(con))
    run_link_checks(con)
    return statuses


def answers_to_load(
    con: duckdb.DuckDBPyConnection, settings: Settings, source: str, outcome: FetchOutcome | None
) -> list[Path]:
    """The raw answers a load reads for one source: this run's, as its fetch returned them,
    after any that a crashed run saved but never loaded (found on disk; for a rebuild, all)."""
    fresh = list(outcome.raw_paths) if outcome is not None else []
    mine = {relative_raw_path(settings, path) for path in fresh}
    leftovers = [path for path in pending_raw_files(con, settings, source)
                 if relative_raw_path(settings, path) not in mine]  # fmt: skip
    return leftovers + fresh


def source_reports(
    plans: Mapping[str, SourcePlan],
    outcomes: Mapping[str, FetchOutcome],
    statuses: Mapping[str, Mapping[str, ItemStatus]],
    stats: RunStats,
) -> dict[str, SourceReport]:
    reports = {}
    for source in registry.names():
        plan = plans.get(source) or SourcePlan(source)
        asked = set(plan.ask)
        got = {item: st for item, st in statuses.get(source, {}).items() if item in asked}
        counts = Counter(st.status for st in got.values())
        outcome = outcomes.get(source) or FetchOutcome(source)
        net = stats.of(source)
        failed = counts.get(ERROR, 0)
        report = SourceReport(
            name=source,
            asked=len(asked),
            ok=counts.get(OK, 0),
            not_found=counts.get(NOT_FOUND, 0),
            failed=failed,
            skipped_fresh=plan.fresh,
            not_asked_because=plan.not_asked_because,
            wanted=len(plan.wanted),
            requests=net.requests,
            retries=net.retries,
            not_modified=net.not_modified,
            bytes_received=net.bytes_received,
            rate_limit_remaining=net.rate_limit_remaining,
            rate_limit_reset=outcome.retry_at,
            errors=list(outcome.errors),
            unreachable=outcome.unreachable or net.unreachable,
            stale=bool(failed or outcome.unreachable),
            worker=net.worker,
        )
        if failed and not report.errors:
            first = next(st.message for st in got.values() if st.status == ERROR)
            report.errors.append(f"{failed} item(s) failed, e.g. {first}")
        reports[source] = report
    return reports


def finish_summary(
    con: duckdb.DuckDBPyConnection,
    summary: RunSummary,
    options: RefreshOptions,
    lists: Sequence[LoadedVersion],
) -> None:
    summary.lists = [
        replace(lv.report, changes=None if lv.quarantined else list_changes(con, lv.config.name))
        for lv in lists
    ]
    summary.quarantined = {
        lv.config.name: f"version {lv.version.sha256[:12]} not loaded: {lv.quarantined}; "
        f"the previous version stays (kept in {lv.version.path})"
        for lv in lists
        if lv.quarantined
    }
    summary.ids, summary.counts = warehouse_counts(con)
    row = con.execute("SELECT count(*) FROM flagged_links").fetchone()
    summary.link_problems = int(row[0]) if row else 0
    stale = summary.stale_sources
    summary.state = "stale" if stale else "completed"
    # A quarantined list needs its maintainer: --allow-stale (for unreachable sources) does not
    # hide it.
    stale_exit = bool(summary.quarantined) or (bool(stale) and not options.allow_stale)
    summary.exit_code = 3 if stale_exit else 0
    summary.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    record_run(con, summary, [lv.version for lv in lists if lv.quarantined is None])


def plan_from_published(
    settings: Settings, parsed: Sequence[ParsedVersion], options: RefreshOptions
) -> dict[str, SourcePlan]:
    """Plan against the published warehouse (read-only: no lock held while the network works),
    counting as fresh what a crashed run already fetched and saved but never loaded."""
    from enrich.warehouse import open_reader

    if not settings.warehouse_path.exists():
        return plan_sources(None, settings, parsed, options)
    with open_reader(settings) as con:
        plans = plan_sources(con, settings, parsed, options)
        if not options.force:
            for source, plan in plans.items():
                saved = saved_but_not_loaded(con, settings, source)
                plan.ask = [item for item in plan.ask if item not in saved]
    return plans


def saved_but_not_loaded(
    con: duckdb.DuckDBPyConnection, settings: Settings, source: str
) -> set[str]:
    """Items a crashed run got a good answer for: they need loading, not asking again. (What is
    parsed here is kept for this run's load.)"""
    return answered_items(source, pending_raw_files(con, settings, source))


def fetch_sources(settings: Settings, plans: Mapping[str, SourcePlan]) -> dict[str, FetchOutcome]:
    """Ask each source for its planned items, a thread per source, each at its own pace."""
    return fetch.fetch_all(settings, plans, fetch.source_states(settings))


def load_and_publish(
    settings: Settings,
    summary: RunSummary,
    options: RefreshOptions,
    parsed: Sequence[ParsedVersion],
    plans: Mapping[str, SourcePlan],
    outcomes: Mapping[str, FetchOutcome],
) -> RunSummary:
    """The one write of a refresh: on a private staging copy (committed in two steps, the load
    then what is derived from it: `load_everything`), swapped in whole at the end. Fills in
    `summary` and returns it."""
    from enrich.warehouse import open_writer

    stats = RunStats()
    for source, outcome in outcomes.items():
        if outcome.stats is not None:
            stats.sources[source] = outcome.stats
    summary.notices = list(settings.notices)
    loaded_at = datetime.now(UTC)
    secrets = settings.secrets()
    outcomes = {name: outcome.redacted(secrets) for name, outcome in outcomes.items()}
    with open_writer(settings) as con, transaction(con):
        statuses = load_everything(con, settings, parsed, outcomes)
        if options.lists is None:  # the configured lists: the catalogue shows those
            summary.removed_lists = retire_unconfigured_lists(con, settings)
        summary.sources = source_reports(plans, outcomes, statuses, stats)
        summary.redact(secrets)  # before it is recorded in `runs`
        finish_summary(con, summary, options, [pv.loaded() for pv in parsed])
        run = ledger.run_rows(con, summary.run_id)
    # After the warehouse is published: the ledgers list only what a warehouse held.
    ledger.append_run(settings, run, outcomes, loaded_at)
    for pv in parsed:
        if pv.quarantined:
            record_quarantine(settings, pv.version, pv.quarantined)
        else:
            append_history(settings, pv.version)
    forget_load_caches()
    return summary


def retire_unconfigured_lists(con: duckdb.DuckDBPyConnection, settings: Settings) -> list[str]:
    """Lists in the warehouse that the config no longer names leave the catalogue (no current
    version); their versions and entries stay, and naming them again brings them back."""
    configured = [lst.name for lst in settings.lists]
    if not configured:
        return []
    rows = con.execute(
        "UPDATE lists SET previous_sha256 = current_sha256, current_sha256 = NULL, "
        "updated_at = now() WHERE current_sha256 IS NOT NULL AND NOT list_contains(?, list_name) "
        "RETURNING list_name",
        [configured],
    ).fetchall()
    return sorted(row[0] for row in rows)


def release_step(settings: Settings, summary: RunSummary | None = None) -> str:
    """Write a release of the published warehouse (the last step of every refresh), and upload
    it to a GitHub Release when the config names a repository."""
    from enrich.release import write_release

    path = write_release(settings, summary=summary)
    if settings.publish_repo:
        from enrich.http import build_session
        from enrich.release.publish import publish_release

        session = build_session(settings, settings.sources["github"], RunStats())
        url = publish_release(settings, path, session)
        if summary is not None:
            summary.release_url = url
    return str(path)


def flagged_link_rows(settings: Settings, limit: int = 500) -> list[dict[str, object]]:
    from enrich.warehouse import open_reader

    with open_reader(settings) as con:
        return dict_rows(
            con, "SELECT line_no, listed_title, problem, detail FROM flagged_links LIMIT ?", [limit]
        )


def prune_step(settings: Settings) -> str:
    """What `enrich prune` does, with the configured retention; its report, one line."""
    from enrich.prune import prune

    report = prune(
        settings, keep_raw_days=settings.keep_raw_days, keep_release_days=settings.keep_release_days
    )
    return report.to_text()


class Steps:
    """How each step of a refresh runs: here, a plain call in this process (the fetches on a
    thread per source). `enrich.flow.PrefectSteps` runs the same step functions as Prefect
    tasks. `run_refresh` names the function of each step when it calls it, so a benchmark may
    wrap them."""

    orchestrator = "no orchestrator"

    def narrate(self, message: str, *args: object) -> None:
        narrate(message, *args)

    def run(self, step: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run one step function of this module with its arguments."""
        return step(*args, **kwargs)

    def fetch_lists(
        self, settings: Settings, options: RefreshOptions
    ) -> list[tuple[ListConfig, ListVersion]]:
        # A method of its own: the first step, where a caller may hold a run at its start.
        return self.run(fetch_lists, settings, options)

    def fetch_sources(
        self, settings: Settings, plans: Mapping[str, SourcePlan]
    ) -> dict[str, FetchOutcome]:
        return fetch_sources(settings, plans)


def run_refresh(
    settings: Settings,
    options: RefreshOptions,
    steps: Steps | None = None,
    *,
    lock_held: bool = False,
) -> RunSummary:
    """The whole refresh, the one list of its steps: under the refresh lock (unless the caller
    says it holds it already, as the CLI does), with a run log, each step run by `steps`
    (default: plain calls in this process; `enrich.flow` passes Prefect tasks)."""
    steps = steps if steps is not None else Steps()
    with nullcontext() if lock_held else refresh_lock(settings), few_collections():
        summary = new_summary(options)
        with run_log(settings, summary.run_id, settings.keep_logs) as log_path:
            steps.narrate(
                "refresh %s started (%s): %s", summary.run_id, steps.orchestrator, options.as_dict()
            )
            steps.narrate("run log: %s", log_path)
            fetched = steps.fetch_lists(settings, options)
            parsed = steps.run(parse_versions, fetched, settings.parse_cache_dir)
            plans = steps.run(plan_from_published, settings, parsed, options)
            for name, plan in plans.items():
                steps.narrate("%s: %d wanted, %d to ask", name, len(plan.wanted), len(plan.ask))
            outcomes = steps.fetch_sources(settings, plans)
            summary = steps.run(
                load_and_publish, settings, summary, options, parsed, plans, outcomes
            )
            if options.release:
                summary.release_dir = steps.run(release_step, settings, summary)
            if options.prune:
                steps.narrate("%s", steps.run(prune_step, settings))
            steps.narrate("%s", summary.to_text())
    return summary


def run_rebuild(settings: Settings) -> RunSummary:
    """Recreate the warehouse from data/raw/ alone: every list version runs used, in order, then
    every saved answer of every source, oldest first. No network."""
    from enrich.lists import read_history, recorded_lists
    from enrich.warehouse import open_writer

    options = RefreshOptions(offline=True, release=False)
    summary = new_summary(options)
    names = recorded_lists(settings)
    if not names:
        raise EnrichError(
            f"nothing to rebuild from: no list history under {settings.raw_dir / 'lists'}"
        )
    recorded = [
        (_config_of(settings, name), version)
        for name in names
        for version in read_history(settings, name)
    ]
    carried = ledger.read_carried(settings)  # runs and failures no raw answer records
    with (
        open_writer(settings, fresh=True) as con,
        transaction(con),
        few_collections(),
        prestaged(settings, con) as answers,  # staged by a worker while the lists parse
    ):
        current = _reload_history(con, recorded, settings.parse_cache_dir)
        load_everything(con, settings, [], {}, answers)
        ledger.restore(con, carried)
        retire_unconfigured_lists(con, settings)
        current = [lv for lv in current if not settings.lists or lv.config in settings.lists]
        finish_summary(con, summary, options, current)
        summary.state = "rebuilt"
        con.execute("UPDATE runs SET state = 'rebuilt' WHERE run_id = ?", [summary.run_id])
    forget_load_caches()
    return summary


def _config_of(settings: Settings, name: str) -> ListConfig:
    """The configured list of this name, or a bare one for a list the config no longer names."""
    return next((lst for lst in settings.lists if lst.name == name), ListConfig(name, None, None))


def _reload_history(
    con: duckdb.DuckDBPyConnection,
    recorded: Sequence[tuple[ListConfig, RecordedVersion]],
    cache_dir: Path,
) -> list[LoadedVersion]:
    """Load every recorded version of every list, each list's oldest first; returns each list's
    last version, its current one. One version is read and parsed at a time, and loaded before
    the next: one version in memory, however long the history. (Parsed two at a time, here and
    in a helper once the staging worker is done, the 100k benchmark's ten lists parsed in 47
    instead of 60 s on a slow day, but the two parses beside the loaded warehouse peaked at
    985-1,011 MB: over the 1 GB the rebuild is held to.)"""
    current: dict[str, LoadedVersion] = {}
    for config, version in recorded:
        (pv,) = parse_versions([(config, version.load())], cache_dir)
        load_list_version(con, pv.version, pv.parsed, pv.resolved, pv.config.url)
        current[pv.config.name] = pv.loaded()
        del pv  # not held while the next version is parsed
        checkpoint_if_holding(con)  # the versions' rows go to the file as they come
    return list(current.values())

