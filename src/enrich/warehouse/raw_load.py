"""Load saved raw answers into the warehouse: parse each with its source's pure `parse`, upsert
the rows by the keys the source declares (`TABLE_KEYS`), append observations, and record each
item's outcome.

The same code serves a refresh (the answers of this run, plus any a crashed run left behind) and
`enrich rebuild` (every answer, oldest first, into an empty warehouse).

Answers are loaded as if one at a time, in order, but in batches (`_Loader`): rows wait, the last
of each key, and go in with one INSERT per table and row shape (`enrich.warehouse.bulk`) once
`BATCH_ROWS` wait, so memory follows the batch, not the number of answers. A row whose key
already waits with other columns sends the batch first: what a later answer leaves out (a
repository not found has no description) keeps the earlier answer's value, as it would had the
answers been loaded one by one.

Each answer is parsed once a run: when the planner reads a crashed run's leftovers
(`answered_items`), what it parsed is kept for the load (`KEEP_ROWS` rows at most).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from enrich.config import Settings
from enrich.rawstore import iter_paths, read_response
from enrich.sources import registry
from enrich.sources.base import ERROR, NOT_FOUND, OK, ItemStatus, Parsed, Source
from enrich.utc import naive_utc, utc_now_naive
from enrich.warehouse.bulk import insert_columnar, insert_dicts

# Rows a source adds for a conditional request answered "not modified" (a GitHub 304): not a
# table, an instruction to carry the last values forward (`carry_forward`).
NOT_MODIFIED_TABLE = "_repo_not_modified"
# Rows that wait before they are inserted: one INSERT costs a few milliseconds, and a waiting row
# a few kilobytes (an abstract, authors, …).
BATCH_ROWS = 20_000
# Rows of parsed leftovers the planner keeps for the load; past this, the load parses again.
KEEP_ROWS = 50_000


def relative_raw_path(settings: Settings, path: Path | str) -> str:
    path = Path(path)
    try:  # the common case, without a resolve() (a syscall per file, every run)
        return str(path.relative_to(settings.data_dir))
    except ValueError:
        pass
    try:
        return str(path.resolve().relative_to(settings.data_dir.resolve()))
    except ValueError:
        return str(path)


def upsert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    keys: tuple[str, ...],
    rows: Iterable[dict[str, Any]],
) -> None:
    """Insert or update rows by the table's `keys`, updating only the columns a row carries (so
    a 'not found' row that carries no description does not blank the stored one). Of two rows
    with one key, the last wins."""
    latest: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:  # DuckDB keeps the first of two rows with one key; we want the last
        latest[tuple(row[k] for k in keys)] = row
    by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in latest.values():
        by_shape.setdefault(tuple(row), []).append(row)
    for columns, group in by_shape.items():
        updates = [c for c in columns if c not in keys]
        action = (
            "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in updates)
            if updates
            else "DO NOTHING"
        )
        insert_dicts(
            con, table, columns, group, on_conflict=f"ON CONFLICT ({', '.join(keys)}) {action}"
        )


def carry_forward(
    con: duckdb.DuckDBPyConnection, source: str, rows: list[dict[str, Any]]
) -> None:
    """A GitHub 304: the repository did not change, so today's values are the last ones seen."""
    for row in rows:
        con.execute(
            """
            INSERT INTO observations
            SELECT subject_kind, subject_id, metric, CAST($at AS DATE), value, $at, $source, $raw
            FROM latest_observations
            WHERE subject_kind = 'repo' AND subject_id = $repo
            ON CONFLICT (subject_kind, subject_id, metric, observed_at) DO NOTHING
            """,
            {
                "at": row["observed_at"],
                "source": source,
                "raw": row["raw_path"],
                "repo": row["repo_key"],
            },
        )
        con.execute(
            "UPDATE repositories SET fetched_at = ? WHERE repo_key = ?",
            [row["observed_at"], row["repo_key"]],
        )


def record_statuses(
    con: duckdb.DuckDBPyConnection,
    source: str,
    statuses: Mapping[str, ItemStatus],
    at: datetime,
    times: Mapping[str, datetime] | None = None,
) -> None:
    """The outcome of the last attempt for each item, seen `at` (or at `times[item]`)."""
    when = {item: naive_utc((times or {}).get(item, at)) for item in statuses}
    _write_statuses(
        con,
        source,
        [
            (item, st, when[item], when[item] if st.status != ERROR else None)
            for item, st in statuses.items()
        ],
    )


def _write_statuses(
    con: duckdb.DuckDBPyConnection,
    source: str,
    outcomes: Sequence[tuple[str, ItemStatus, datetime, datetime | None]],
) -> None:
    """(item, status, attempted at, last success at or None) into `fetch_status`; an item's
    stored last success stays when it has none here."""
    insert_columnar(
        con,
        "fetch_status",
        ("source", "item_id", "status", "last_attempt_at", "last_success_at", "error"),
        [
            (source, item, st.status, at, success, st.message if st.status != OK else None)
            for item, st, at, success in outcomes
        ],
        on_conflict="""
        ON CONFLICT (source, item_id) DO UPDATE SET
            status = excluded.status,
            last_attempt_at = excluded.last_attempt_at,
            last_success_at = coalesce(excluded.last_success_at, fetch_status.last_success_at),
            error = excluded.error
        """,
    )


class _Loader:
    """Parsed answers of one source into the warehouse, as if loaded one by one, in order."""

    def __init__(self, con: duckdb.DuckDBPyConnection, source: str) -> None:
        self.con = con
        self.source = source
        self.keys = registry.table_keys(source)
        # Per table, the rows waiting: the last of each key, in the order keys were first seen.
        self.waiting: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
        self.outcomes: dict[str, tuple[ItemStatus, datetime]] = {}
        self.last_success: dict[str, datetime] = {}

    def add(self, parsed: Parsed) -> None:
        for table, rows in parsed.rows.items():
            if table == NOT_MODIFIED_TABLE:
                self.flush()  # it carries forward the values seen before it: load those first
                carry_forward(self.con, self.source, rows)
            elif rows:
                self._wait(table, rows)
        at = naive_utc(parsed.fetched_at or datetime.now(UTC))
        for item, status in parsed.statuses.items():
            self.outcomes[item] = (status, at)
            if status.status != ERROR:
                self.last_success[item] = at
        if sum(len(rows) for rows in self.waiting.values()) >= BATCH_ROWS:
            self.flush()

    def _wait(self, table: str, rows: list[dict[str, Any]]) -> None:
        keys = self.keys[table]
        waiting = self.waiting.setdefault(table, {})
        for row in rows:
            key = tuple(row[k] for k in keys)
            earlier = waiting.get(key)
            if earlier is not None and earlier.keys() != row.keys():
                self._send(table)  # the earlier row's columns first, then this row's
                waiting = self.waiting.setdefault(table, {})
            waiting[key] = row

    def _send(self, table: str) -> None:
        upsert(self.con, table, self.keys[table], self.waiting.pop(table, {}).values())

    def flush(self) -> None:
        for table in list(self.waiting):
            self._send(table)

    def finish(self) -> dict[str, ItemStatus]:
        """Load what waits and the items' outcomes; returns the last outcome of each item."""
        self.flush()
        _write_statuses(
            self.con,
            self.source,
            [
                (item, status, at, self.last_success.get(item))
                for item, (status, at) in self.outcomes.items()
            ],
        )
        return {item: status for item, (status, _) in self.outcomes.items()}


def load_parsed(con: duckdb.DuckDBPyConnection, source: str, parsed: Parsed) -> None:
    """The rows and item outcomes of one parsed answer of `source`."""
    loader = _Loader(con, source)
    loader.add(parsed)
    loader.finish()


def load_raw_files(
    con: duckdb.DuckDBPyConnection, settings: Settings, source: str, paths: Iterable[Path]
) -> dict[str, ItemStatus]:
    """Parse and load the given raw answers of one source, once each; returns item outcomes."""
    paths = list(paths)
    if not paths:
        return {}
    module = registry.module(source)
    loaded = {
        r[0]
        for r in con.execute(
            "SELECT raw_path FROM raw_loaded WHERE source = ?", [source]
        ).fetchall()
    }
    loader = _Loader(con, source)
    done: list[str] = []
    for path in paths:
        rel = relative_raw_path(settings, path)
        if rel in loaded:
            continue
        parsed = _kept_or_parsed(module, Path(path))
        for rows in parsed.rows.values():  # provenance relative to the data directory
            for row in rows:
                if "raw_path" in row:
                    row["raw_path"] = rel
        loader.add(parsed)
        done.append(rel)
        loaded.add(rel)
    outcomes = loader.finish()
    insert_columnar(
        con,
        "raw_loaded",
        ("raw_path", "source", "loaded_at"),
        [(rel, source, utc_now_naive()) for rel in done],
    )
    return outcomes


def answered_items(source: str, paths: Sequence[Path]) -> set[str]:
    """Items that the saved answers at `paths` (of `source`) answer, found or not found: they
    need loading, not asking again. What is parsed here is kept for the load (`KEEP_ROWS`)."""
    module = registry.module(source)
    answered: set[str] = set()
    for path in paths:
        parsed = _parse(module, path)
        answered |= {item for item, st in parsed.statuses.items() if st.status in (OK, NOT_FOUND)}
        _keep(path, parsed)
    return answered


# Answers parsed by the planner, kept for the load of the same run, by the file's identity (a
# file written since is parsed again). A run's load takes them; so at most KEEP_ROWS rows wait.
_kept: dict[tuple[str, int, int], Parsed] = {}
_kept_lock = threading.Lock()


def _identity(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path), stat.st_size, stat.st_mtime_ns)


def _keep(path: Path, parsed: Parsed) -> None:
    with _kept_lock:
        kept = sum(_n_rows(p) for p in _kept.values())
        if kept + _n_rows(parsed) <= KEEP_ROWS:
            _kept[_identity(path)] = parsed


def _kept_or_parsed(module: Source, path: Path) -> Parsed:
    if _kept:
        with _kept_lock:
            kept = _kept.pop(_identity(path), None)
        if kept is not None:
            return kept
    return _parse(module, path)


def _parse(module: Source, path: Path) -> Parsed:
    raw = read_response(path)
    parsed = module.parse(raw)
    if parsed.fetched_at is None:
        parsed.fetched_at = raw.fetched_at
    return parsed


def _n_rows(parsed: Parsed) -> int:
    return sum(len(rows) for rows in parsed.rows.values())


def pending_raw_files(
    con: duckdb.DuckDBPyConnection, settings: Settings, source: str
) -> list[Path]:
    """Raw answers on disk that the warehouse has not loaded (a crashed run's, or all of them
    for a rebuild), oldest first."""
    loaded = {
        r[0]
        for r in con.execute(
            "SELECT raw_path FROM raw_loaded WHERE source = ?", [source]
        ).fetchall()
    }
    return [
        path
        for path in iter_paths(settings.raw_dir, source)
        if relative_raw_path(settings, path) not in loaded
    ]


def load_stored_answers(con: duckdb.DuckDBPyConnection, settings: Settings) -> int:
    """Items the lists want now that a source can answer from what it saved before (its
    `stored_answers`: ACL papers of a volume file fetched for other papers), loaded without
    asking again. Returns how many were found. (The planner left them out of what it asks.)"""
    found = 0
    for source in registry.names():
        for parsed in registry.stored_answers(source, con, settings):
            load_parsed(con, source, parsed)
            found += sum(1 for st in parsed.statuses.values() if st.status == OK)
    return found
