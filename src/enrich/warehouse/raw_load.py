"""Load saved raw answers into the warehouse: parse each with its source's pure `parse`, upsert
the rows by the keys the source declares (`TABLE_KEYS`), append observations, and record each
item's outcome.

The same code serves a refresh (the answers of this run, plus any a crashed run left behind) and
`enrich rebuild` (every answer, oldest first, into an empty warehouse).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from enrich.config import Settings
from enrich.rawstore import iter_paths, read_response
from enrich.sources import registry
from enrich.sources.base import ERROR, OK, ItemStatus, Parsed
from enrich.utc import naive_utc, utc_now_naive
from enrich.warehouse.bulk import insert_columnar

# Rows a source adds for a conditional request answered "not modified" (a GitHub 304): not a
# table, an instruction to carry the last values forward (`carry_forward`).
NOT_MODIFIED_TABLE = "_repo_not_modified"


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
    con: duckdb.DuckDBPyConnection, table: str, keys: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    """Insert or update rows by the table's `keys`, updating only the columns a row carries (so
    a 'not found' row that carries no description does not blank the stored one)."""
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
        insert_columnar(
            con,
            table,
            columns,
            [[row[c] for c in columns] for row in group],
            on_conflict=f"ON CONFLICT ({', '.join(keys)}) {action}",
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
    if not statuses:
        return
    when = {item: naive_utc((times or {}).get(item, at)) for item in statuses}
    insert_columnar(
        con,
        "fetch_status",
        ("source", "item_id", "status", "last_attempt_at", "last_success_at", "error"),
        [
            (
                source,
                item,
                st.status,
                when[item],
                when[item] if st.status != ERROR else None,
                st.message if st.status != OK else None,
            )
            for item, st in statuses.items()
        ],
        on_conflict="""
        ON CONFLICT (source, item_id) DO UPDATE SET
            status = excluded.status,
            last_attempt_at = excluded.last_attempt_at,
            last_success_at = coalesce(excluded.last_success_at, fetch_status.last_success_at),
            error = excluded.error
        """,
    )


def load_parsed(con: duckdb.DuckDBPyConnection, source: str, parsed: Parsed) -> None:
    """The rows and item outcomes of one parsed answer of `source`."""
    _load_rows(con, source, parsed)
    record_statuses(con, source, parsed.statuses, parsed.fetched_at or datetime.now(UTC))


def _load_rows(con: duckdb.DuckDBPyConnection, source: str, parsed: Parsed) -> None:
    keys = registry.table_keys(source)
    for table, rows in parsed.rows.items():
        if table == NOT_MODIFIED_TABLE:
            carry_forward(con, source, rows)
        elif rows:
            upsert(con, table, keys[table], rows)


def load_raw_files(
    con: duckdb.DuckDBPyConnection, settings: Settings, source: str, paths: Iterable[Path]
) -> dict[str, ItemStatus]:
    """Parse and load the given raw answers of one source, once each; returns item outcomes."""
    paths = list(paths)
    outcomes: dict[str, ItemStatus] = {}
    if not paths:
        return outcomes
    module = registry.module(source)
    loaded = {
        r[0]
        for r in con.execute(
            "SELECT raw_path FROM raw_loaded WHERE source = ?", [source]
        ).fetchall()
    }
    # Rows of many answers are loaded together: one INSERT per table, not one per answer (each
    # costs milliseconds; a 10k-entry rebuild replays hundreds of answers). Later answers win.
    batch = Parsed()
    done: list[str] = []
    for path in paths:
        rel = relative_raw_path(settings, path)
        if rel in loaded:
            continue
        raw = read_response(Path(path))
        parsed = module.parse(raw)
        if parsed.fetched_at is None:
            parsed.fetched_at = raw.fetched_at
        for rows in parsed.rows.values():  # provenance relative to the data directory
            for row in rows:
                if "raw_path" in row:
                    row["raw_path"] = rel
        if NOT_MODIFIED_TABLE in parsed.rows:
            # A 304 carries forward the values seen before it: load those first.
            _flush(con, source, batch, done)
            batch, done = Parsed(), []
        _merge_into(batch, parsed)
        done.append(rel)
        outcomes.update(parsed.statuses)
        loaded.add(rel)
    _flush(con, source, batch, done)
    return outcomes


def _merge_into(batch: Parsed, parsed: Parsed) -> None:
    for table, rows in parsed.rows.items():
        batch.rows.setdefault(table, []).extend(rows)
    at = parsed.fetched_at or datetime.now(UTC)
    for item, status in parsed.statuses.items():
        batch.statuses[item] = status
        batch.status_times[item] = at


def _flush(con: duckdb.DuckDBPyConnection, source: str, batch: Parsed, done: list[str]) -> None:
    _load_rows(con, source, batch)
    record_statuses(con, source, batch.statuses, datetime.now(UTC), times=batch.status_times)
    insert_columnar(
        con,
        "raw_loaded",
        ("raw_path", "source", "loaded_at"),
        [(rel, source, utc_now_naive()) for rel in done],
    )


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
