"""The refresh, step by step: fetch lists → parse → plan → fetch sources → load → derive → release.

Each step is a plain function of its inputs, so the Prefect flow in `flows/` can wrap each one in
a task, and tests can call them one by one. `run_refresh` composes them without Prefect.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from enrich.config import ListConfig, Settings
from enrich.errors import EnrichError
from enrich.http import RunStats, build_session
from enrich.lists import ListVersion, fetch_list
from enrich.models import ParsedList
from enrich.parse import decode_list, parse_list
from enrich.resolve import ResolvedEntry, resolve_entries
from enrich.summary import ListReport, RunSummary
from enrich.warehouse import open_writer, transaction
from enrich.warehouse.load import load_list_version
from enrich.warehouse.runs import list_changes, record_run, warehouse_counts


@dataclass(frozen=True)
class RefreshOptions:
    lists: tuple[ListConfig, ...] | None = None  # None: the configured lists
    offline: bool = False  # ask nothing of the network; use what is stored
    force: bool = False  # ask for everything, whatever its age
    only: frozenset[str] | None = None  # the sources to ask; None: all
    allow_stale: bool = False  # exit 0 even when a source could not be refreshed
    release: bool = True

    def as_dict(self) -> dict[str, object]:
        return {
            "lists": [lst.name for lst in self.lists] if self.lists else None,
            "offline": self.offline,
            "force": self.force,
            "only": sorted(self.only) if self.only else None,
            "allow_stale": self.allow_stale,
            "release": self.release,
        }


@dataclass
class ParsedVersion:
    config: ListConfig
    version: ListVersion
    parsed: ParsedList
    resolved: list[ResolvedEntry] = field(default_factory=list)


def new_summary(options: RefreshOptions) -> RunSummary:
    now = datetime.now(UTC)
    run_id = now.strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    return RunSummary(run_id=run_id, started_at=now.isoformat(timespec="seconds"),
                      options=options.as_dict())


def fetch_lists(
    settings: Settings, options: RefreshOptions, stats: RunStats
) -> list[tuple[ListConfig, ListVersion]]:
    lists = options.lists or settings.lists
    if not lists:
        raise EnrichError("no lists configured: add one to enrich.yaml or pass --list FILE_OR_URL")
    from enrich.config import SourceConfig

    session = None
    if not options.offline:
        session = build_session(
            settings, SourceConfig("lists", "", 0, 0.0, 1), stats, retries=1
        )
    return [(lst, fetch_list(lst, settings, session, offline=options.offline)) for lst in lists]


def parse_versions(fetched: Sequence[tuple[ListConfig, ListVersion]]) -> list[ParsedVersion]:
    out = []
    for lst, version in fetched:
        parsed = parse_list(lst.name, version.raw)
        out.append(ParsedVersion(lst, version, parsed, resolve_entries(parsed.entries)))
    return out


def load_lists(con: duckdb.DuckDBPyConnection, parsed: Sequence[ParsedVersion]) -> None:
    for pv in parsed:
        load_list_version(con, pv.version, pv.parsed, pv.resolved, pv.config.url)


def list_reports(
    con: duckdb.DuckDBPyConnection, parsed: Sequence[ParsedVersion]
) -> list[ListReport]:
    reports = []
    for pv in parsed:
        formats = Counter(e.source_format for e in pv.parsed.entries)
        reports.append(
            ListReport(
                name=pv.config.name,
                sha256=pv.version.sha256,
                origin=pv.version.origin,
                note=pv.version.note,
                entries=len(pv.parsed.entries),
                bullets=formats.get("bullet", 0),
                table_rows=formats.get("table", 0),
                problems=[
                    {"line_no": p.line_no, "severity": p.severity, "reason": p.reason}
                    for p in pv.parsed.problems
                ],
                text_repaired=pv.parsed.text_repaired,
                changes=list_changes(con, pv.config.name),
            )
        )
    return reports


def decide_exit(summary: RunSummary, options: RefreshOptions) -> None:
    stale = summary.stale_sources
    summary.state = "stale" if stale else "completed"
    summary.exit_code = 3 if stale and not options.allow_stale else 0


def run_refresh(settings: Settings, options: RefreshOptions) -> RunSummary:
    """The whole refresh without Prefect (the flow in flows/ composes the same steps)."""
    summary = new_summary(options)
    stats = RunStats()
    fetched = fetch_lists(settings, options, stats)
    parsed = parse_versions(fetched)
    with open_writer(settings) as con:
        with transaction(con):
            load_lists(con, parsed)
            from enrich.merge import rebuild_works

            rebuild_works(con)
            summary.lists = list_reports(con, parsed)
            summary.ids, summary.counts = warehouse_counts(con)
            decide_exit(summary, options)
            summary.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
            record_run(con, summary, [pv.version for pv in parsed])
    return summary
