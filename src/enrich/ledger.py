"""What a rebuild cannot read from raw answers: the runs, and fetches that failed with no answer.

`enrich rebuild` recreates the warehouse from data/raw/. Raw answers say what each service
answered; they cannot say that a request got no answer at all (a timeout, a refused connection,
a 5xx saved or not), nor that a run happened. Without those, a rebuild turned every failed item
back into its older good answer — "fresh", so the next refresh asked nothing — and dropped the
`runs` history (issue 10). So every refresh appends both to crash-safe ledgers next to the raw
answers (data/raw/ledger/), and a rebuild replays them, and carries over what the warehouse it
replaces still knows (runs older than the ledgers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb

from enrich.config import Settings
from enrich.jsonl import append_record, read_records
from enrich.sources.base import ERROR, FetchOutcome, ItemStatus
from enrich.utc import naive_utc

RUNS_LEDGER = "runs.jsonl"
FAILURES_LEDGER = "failures.jsonl"
RUN_COLUMNS = (
    "run_id",
    "started_at",
    "finished_at",
    "state",
    "exit_code",
    "options",
    "counts",
    "requests",
    "errors",
)
VERSION_COLUMNS = ("run_id", "list_name", "sha256", "origin", "note")


@dataclass
class Carried:
    """Runs and failures to put back into a rebuilt warehouse."""

    runs: dict[str, list[Any]] = field(default_factory=dict)  # run_id → runs row
    versions: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    # (source, item) → (status, error, at): the newest failed attempt of each item
    failures: dict[tuple[str, str], tuple[str, str | None, datetime]] = field(default_factory=dict)

    def add_failure(self, source: str, item: str, error: str | None, at: datetime) -> None:
        seen = self.failures.get((source, item))
        if seen is None or seen[2] < at:
            self.failures[(source, item)] = (ERROR, error, at)


def _ledger_dir(settings: Settings) -> Any:
    from enrich.rawstore import private_dir

    return private_dir(settings.raw_dir / "ledger")


def run_rows(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any] | None:
    """A run's rows (runs, run_list_versions) as plain JSON values, for the ledger."""
    row = con.execute(
        f"SELECT {', '.join(RUN_COLUMNS)} FROM runs WHERE run_id = ?", [run_id]
    ).fetchone()
    if row is None:
        return None
    versions = con.execute(
        f"SELECT {', '.join(VERSION_COLUMNS)} FROM run_list_versions WHERE run_id = ?", [run_id]
    ).fetchall()
    return {"run": [_plain(v) for v in row], "versions": [[_plain(v) for v in r] for r in versions]}


def append_run(
    settings: Settings,
    rows: dict[str, Any] | None,
    outcomes: Mapping[str, FetchOutcome],
    at: datetime,
) -> None:
    """Note a published run and its failed items (called once the warehouse is published)."""
    directory = _ledger_dir(settings)
    if rows is not None:
        append_record(directory / RUNS_LEDGER, rows)
    failed = {
        source: {item: st.message for item, st in outcome.failed.items() if st.status == ERROR}
        for source, outcome in outcomes.items()
    }
    failed = {source: items for source, items in failed.items() if items}
    if failed:
        append_record(directory / FAILURES_LEDGER, {"at": at.isoformat(), "failed": failed})


def read_carried(settings: Settings) -> Carried:
    """The ledgers, and what the published warehouse (if any) knows beyond them."""
    carried = Carried()
    if settings.warehouse_path.exists():
        from enrich.warehouse import open_reader

        with open_reader(settings) as con:
            for row in con.execute(f"SELECT {', '.join(RUN_COLUMNS)} FROM runs").fetchall():
                carried.runs[row[0]] = [_plain(v) for v in row]
            for row in con.execute(
                f"SELECT {', '.join(VERSION_COLUMNS)} FROM run_list_versions"
            ).fetchall():
                carried.versions[(row[0], row[1])] = [_plain(v) for v in row]
            for source, item, error, at in con.execute(
                "SELECT source, item_id, error, last_attempt_at FROM fetch_status WHERE status = ?",
                [ERROR],
            ).fetchall():
                carried.add_failure(source, item, error, at.replace(tzinfo=UTC))
    directory = settings.raw_dir / "ledger"
    for record in read_records(directory / RUNS_LEDGER):
        run = record.get("run")
        if isinstance(run, list) and len(run) == len(RUN_COLUMNS):
            carried.runs[str(run[0])] = run
            for version in record.get("versions") or []:
                if isinstance(version, list) and len(version) == len(VERSION_COLUMNS):
                    carried.versions[(str(version[0]), str(version[1]))] = version
    for record in read_records(directory / FAILURES_LEDGER):
        try:
            at = datetime.fromisoformat(record["at"])
        except (KeyError, TypeError, ValueError):
            continue
        for source, items in (record.get("failed") or {}).items():
            for item, message in items.items():
                carried.add_failure(source, item, message, at)
    return carried


def restore(con: duckdb.DuckDBPyConnection, carried: Carried) -> int:
    """Put runs back, and every failure newer than the item's replayed answer; returns how many
    items are failures again."""
    from enrich.warehouse.bulk import insert_columnar
    from enrich.warehouse.raw_load import record_statuses

    # One statement for each table (a year of nightly runs is 365 rows; 1.7 ms an INSERT).
    insert_columnar(
        con, "runs", RUN_COLUMNS, list(carried.runs.values()), on_conflict="ON CONFLICT DO NOTHING"
    )
    insert_columnar(
        con,
        "run_list_versions",
        VERSION_COLUMNS,
        list(carried.versions.values()),
        on_conflict="ON CONFLICT DO NOTHING",
    )
    last = _last_attempts(con, carried.failures)
    by_source: dict[str, dict[str, ItemStatus]] = {}
    times: dict[str, dict[str, datetime]] = {}
    for (source, item), (status, error, at) in carried.failures.items():
        replayed = last.get((source, item))
        naive = naive_utc(at)
        if replayed is not None and replayed >= naive:
            continue  # a later answer was saved: it stands
        by_source.setdefault(source, {})[item] = ItemStatus(status, error or "failed")
        times.setdefault(source, {})[item] = naive
    for source, statuses in by_source.items():
        record_statuses(con, source, statuses, datetime.now(UTC), times[source])
    return sum(len(s) for s in by_source.values())


def _last_attempts(
    con: duckdb.DuckDBPyConnection, items: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], datetime]:
    """When the replayed answers of these (source, item)s were fetched: only theirs (a rebuild
    of 10,000 entries has ~40,000 statuses and usually no failures to restore)."""
    by_source: dict[str, list[str]] = {}
    for source, item in items:
        by_source.setdefault(source, []).append(item)
    last: dict[tuple[str, str], datetime] = {}
    for source, wanted in by_source.items():
        for item, at in con.execute(
            "SELECT item_id, last_attempt_at FROM fetch_status "
            "WHERE source = ? AND item_id IN (SELECT unnest(?))",
            [source, wanted],
        ).fetchall():
            last[(source, item)] = at
    return last


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value
