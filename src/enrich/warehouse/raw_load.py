"""Load saved raw answers into the warehouse: parse each with its source's pure `parse`, upsert
the rows by the keys the source declares (`TABLE_KEYS`), append observations, and record each
item's outcome.

The same code serves a refresh (the answers of this run, plus any a crashed run left behind) and
`enrich rebuild` (every answer, oldest first, into an empty warehouse).

Answers are loaded as if one at a time, in order, but together, in two steps. `Stager` (pure
Python) writes each row, numbered and marked with the columns it carries, to its table's file
of JSON lines the moment it is parsed, so Python holds one answer, not a source's; a rebuild
runs it in a worker process (`enrich.warehouse.prestage`). `apply_staged` (DuckDB) reads those
files into temporary tables and writes each key once, each column from the last row that
carries it. What a later answer leaves out (a repository not found has no description) keeps
the earlier answer's value, as it would had the answers been loaded one by one.

Each answer is parsed once a run: when the planner reads a crashed run's leftovers
(`answered_items`), what it parsed is kept for the load (`KEEP_ROWS` rows at most).
"""

from __future__ import annotations

import itertools
import os
import tempfile
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import orjson

from enrich.config import Settings
from enrich.heap import collector_paused
from enrich.rawstore import iter_paths, read_response
from enrich.sources import registry
from enrich.sources.base import ERROR, NOT_FOUND, OK, ItemStatus, Parsed, Source
from enrich.utc import naive_utc, utc_now_naive
from enrich.warehouse.bulk import column_types, insert_columnar, insert_dicts, read_json_lines

# Rows a source adds for a conditional request answered "not modified" (a GitHub 304): not a
# table, an instruction to carry the last values forward (`carry_forward`).
NOT_MODIFIED_TABLE = "_repo_not_modified"
# Rows of parsed leftovers the planner keeps for the load; past this, the load parses again.
KEEP_ROWS = 50_000


def relative_raw_path(settings: Settings, path: Path | str) -> str:
    return _relative(settings.data_dir, path)


def _relative(data_dir: Path, path: Path | str) -> str:
    path = Path(path)
    try:  # the common case, without a resolve() (a syscall per file, every run)
        return str(path.relative_to(data_dir))
    except ValueError:
        pass
    try:
        return str(path.resolve().relative_to(data_dir.resolve()))
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


def carry_forward(con: duckdb.DuckDBPyConnection, source: str, rows: list[dict[str, Any]]) -> None:
    """A GitHub 304: the repository did not change, so today's values are the last ones seen.

    All of a load's 304s at once, as if one after the other: a repository's first 304 at a
    time is the one kept, and its `fetched_at` is its last one's. (Two statements per 304 cost
    ~2.5 ms: a tokenless nightly of 3,000 unchanged repositories spent 7.5 s in them, and a
    rebuild replays every night's.)"""
    if not rows:
        return
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _carried "
        "(n INTEGER, repo_key VARCHAR, observed_at TIMESTAMP, raw_path VARCHAR)"
    )
    insert_columnar(
        con,
        "_carried",
        ("n", "repo_key", "observed_at", "raw_path"),
        [(n, r["repo_key"], r["observed_at"], r["raw_path"]) for n, r in enumerate(rows)],
    )
    con.execute(
        """
        INSERT INTO observations
        SELECT l.subject_kind, l.subject_id, l.metric, CAST(c.observed_at AS DATE), l.value,
               c.observed_at, $source, c.raw_path
        FROM (SELECT DISTINCT ON (repo_key, observed_at) * FROM _carried
              ORDER BY repo_key, observed_at, n) c
        JOIN latest_observations l ON l.subject_kind = 'repo' AND l.subject_id = c.repo_key
        ON CONFLICT (subject_kind, subject_id, metric, observed_at) DO NOTHING
        """,
        {"source": source},
    )
    con.execute(
        "UPDATE repositories SET fetched_at = c.observed_at FROM ("
        " SELECT repo_key, arg_max(observed_at, n) AS observed_at FROM _carried GROUP BY ALL"
        ") c WHERE repositories.repo_key = c.repo_key"
    )
    con.execute("DROP TABLE _carried")


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


@dataclass
class _Segment:
    """Staged rows to merge together, then the rows a 304 carries forward (`carry_forward`)."""

    files: dict[str, str] = field(default_factory=dict)  # table -> its rows, as JSON lines
    shapes: dict[str, dict[tuple[str, ...], int]] = field(default_factory=dict)  # per table
    carry: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class StagedAnswers:
    """Parsed answers of one source, as files ready for DuckDB: what `Stager` makes (in this
    process or in a worker's, `enrich.warehouse.prestage`) and `apply_staged` loads. Picklable:
    it names files, it holds no rows."""

    source: str
    segments: list[_Segment]
    outcomes: dict[str, tuple[ItemStatus, datetime]]
    last_success: dict[str, datetime]
    done: list[str]  # the raw files staged, relative to the data directory


class Stager:
    """Parsed answers of one source into staged files, as if loaded one at a time, in order.

    Each row is numbered (`_seq`), marked with its shape (the columns it carries, `_shape`) and
    written at once, as a JSON line, to its table's file: Python holds one answer, not a
    source's. Pure Python, no warehouse: a rebuild runs it in a second process while the lists
    are parsed."""

    def __init__(self, source: str, workdir: Path) -> None:
        self.source = source
        self.workdir = workdir
        self.segments: list[_Segment] = [_Segment()]
        self.outs: dict[str, BinaryIO] = {}
        self.seq = itertools.count()
        self.outcomes: dict[str, tuple[ItemStatus, datetime]] = {}
        self.last_success: dict[str, datetime] = {}
        self.done: list[str] = []

    def add(self, parsed: Parsed) -> None:
        """One answer's rows and outcomes."""
        for table, rows in parsed.rows.items():
            if table == NOT_MODIFIED_TABLE:  # carries forward the values seen before it
                self._close()
                self.segments[-1].carry.extend(rows)
                self.segments.append(_Segment())
                continue
            if not rows:  # no file, so every staged file has rows to merge
                continue
            segment = self.segments[-1]
            shapes = segment.shapes.setdefault(table, {})
            out = self.outs.get(table)
            if out is None:
                fd, name = tempfile.mkstemp(prefix=f"{table}-", suffix=".json", dir=self.workdir)
                out = self.outs[table] = os.fdopen(fd, "wb", buffering=1 << 20)
                segment.files[table] = name
            for row in rows:
                shape = shapes.setdefault(tuple(row), len(shapes))
                row["_seq"] = next(self.seq)
                row["_shape"] = shape
                out.write(orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE))
        at = naive_utc(parsed.fetched_at or datetime.now(UTC))
        for item, status in parsed.statuses.items():
            self.outcomes[item] = (status, at)
            if status.status != ERROR:
                self.last_success[item] = at

    def _close(self) -> None:
        for out in self.outs.values():
            out.close()
        self.outs = {}

    def finish(self) -> StagedAnswers:
        self._close()
        return StagedAnswers(
            self.source, self.segments, self.outcomes, self.last_success, self.done
        )


def stage_files(source: str, paths: Sequence[Path], data_dir: Path, workdir: Path) -> StagedAnswers:
    """Parse the raw answers at `paths` (of `source`), in order, into staged files under
    `workdir`. Runs in a worker process too: it needs only its arguments."""
    module = registry.module(source)
    stager = Stager(source, workdir)
    with collector_paused():  # rows and outcomes are many, short-lived and in no cycle
        for path in paths:
            rel = _relative(data_dir, path)
            parsed = _kept_or_parsed(module, Path(path))
            for rows in parsed.rows.values():  # provenance relative to the data directory
                for row in rows:
                    if "raw_path" in row:
                        row["raw_path"] = rel
            stager.add(parsed)
            stager.done.append(rel)
    return stager.finish()


def apply_staged(con: duckdb.DuckDBPyConnection, staged: StagedAnswers) -> dict[str, ItemStatus]:
    """Load staged answers: each segment's rows into temporary tables, each key written once
    (`_merge_staged`), then the rows it carries forward; then the items' outcomes. Returns the
    last outcome of each item. The staged files are removed."""
    keys = registry.table_keys(staged.source)
    try:
        for segment in staged.segments:
            for table, name in segment.files.items():
                stage = _STAGE + table
                con.execute(
                    f"CREATE TEMP TABLE {stage} AS "
                    f"SELECT *, 0::BIGINT AS _seq, 0::INTEGER AS _shape FROM {table} LIMIT 0"
                )
                read_json_lines(con, stage, list(column_types(con, stage)), name)
                _merge_staged(con, table, keys[table], segment.shapes[table])
                con.execute(f"DROP TABLE {stage}")
            if segment.carry:
                carry_forward(con, staged.source, segment.carry)
    finally:
        for segment in staged.segments:
            for name in segment.files.values():
                Path(name).unlink(missing_ok=True)
    _write_statuses(
        con,
        staged.source,
        [
            (item, status, at, staged.last_success.get(item))
            for item, (status, at) in staged.outcomes.items()
        ],
    )
    return {item: status for item, (status, _) in staged.outcomes.items()}


_STAGE = "_staged_"  # the temporary table rows of a warehouse table wait in


def _merge_staged(
    con: duckdb.DuckDBPyConnection,
    table: str,
    keys: tuple[str, ...],
    shapes: Mapping[tuple[str, ...], int],
) -> None:
    """Upsert each key of `table`'s staged rows once: each column from the last staged row
    (`_seq`) that carries it (the columns of its `_shape`), the others left as they are; keys
    in the order first staged. Which row wins is found on the row numbers alone, and the winners'
    values are joined back: carrying every column through an aggregate held them all twice."""
    carriers: dict[str, tuple[int, ...]] = {}  # column -> the shapes that carry it
    for columns, shape in shapes.items():
        for column in columns:
            if column not in keys:
                carriers[column] = (*carriers.get(column, ()), shape)
    groups: dict[tuple[int, ...], list[str]] = {}  # columns by the shapes that carry them
    for column, carried_by in carriers.items():
        groups.setdefault(carried_by, []).append(column)
    stage = _STAGE + table
    key_list = ", ".join(keys)
    winners = ["min(_seq) AS _first"]  # per group: the last row that carries its columns
    picked = [f"w.{key}" for key in keys]
    joins = []
    optional = []  # groups that some keys have no row for: their columns are left out
    for i, (carried_by, group) in enumerate(groups.items()):
        everyone = len(carried_by) == len(shapes)
        where = "" if everyone else f" FILTER (WHERE _shape IN {_sql_tuple(carried_by)})"
        winners.append(f"max(_seq){where} AS _w{i}")
        picked.extend(f"g{i}.{column}" for column in group)
        joins.append(f"LEFT JOIN {stage} g{i} ON g{i}._seq = w._w{i}")
        if not everyone:
            optional.append(i)
            picked.append(f"w._w{i} IS NOT NULL AS _has{i}")
    merged = (
        f"(SELECT {', '.join(picked)}, w._first FROM "
        f"(SELECT {key_list}, {', '.join(winners)} FROM {stage} GROUP BY {key_list}) w "
        f"{' '.join(joins)})"
    )
    combos: list[tuple[bool, ...]] = [()]
    if optional:
        flags = ", ".join(f"_has{i}" for i in optional)
        found = con.execute(f"SELECT DISTINCT {flags} FROM {merged}").fetchall()
        combos = [tuple(row) for row in found]
    columns_of = list(groups.values())
    for combo in combos:
        present = dict(zip(optional, combo, strict=True))
        updates = [
            column
            for i, columns in enumerate(columns_of)
            if present.get(i, True)
            for column in columns
        ]
        action = (
            "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in updates)
            if updates
            else "DO NOTHING"
        )
        where = " AND ".join(f"_has{i} = {flag}" for i, flag in present.items()) or "true"
        written = ", ".join([*keys, *updates])
        con.execute(
            f"INSERT INTO {table} ({written}) SELECT {written} FROM {merged} "
            f"WHERE {where} ORDER BY _first ON CONFLICT ({key_list}) {action}"
        )


def _sql_tuple(numbers: Sequence[int]) -> str:
    return f"({', '.join(map(str, numbers))})"


def load_parsed(con: duckdb.DuckDBPyConnection, source: str, parsed: Parsed) -> None:
    """The rows and item outcomes of one parsed answer of `source`."""
    with tempfile.TemporaryDirectory(prefix="enrich-stage-") as workdir:
        stager = Stager(source, Path(workdir))
        stager.add(parsed)
        apply_staged(con, stager.finish())


def load_raw_files(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    source: str,
    paths: Iterable[Path],
    *,
    staged: StagedAnswers | None = None,
) -> dict[str, ItemStatus]:
    """Parse and load the given raw answers of one source, once each; returns item outcomes.
    `staged`: those answers, already staged (by a worker process), when it staged these paths."""
    loaded = {
        r[0]
        for r in con.execute(
            "SELECT raw_path FROM raw_loaded WHERE source = ?", [source]
        ).fetchall()
    }
    todo: list[Path] = []
    for path in paths:
        rel = relative_raw_path(settings, path)
        if rel not in loaded:
            todo.append(Path(path))
            loaded.add(rel)
    if not todo:
        return {}
    with tempfile.TemporaryDirectory(prefix="enrich-stage-") as workdir:
        if staged is None or staged.done != [relative_raw_path(settings, p) for p in todo]:
            staged = stage_files(source, todo, settings.data_dir, Path(workdir))
        outcomes = apply_staged(con, staged)
    insert_columnar(
        con,
        "raw_loaded",
        ("raw_path", "source", "loaded_at"),
        [(rel, source, utc_now_naive()) for rel in staged.done],
    )
    return outcomes


def answered_items(source: str, paths: Sequence[Path]) -> set[str]:
    """Items that the saved answers at `paths` (of `source`) answer, found or not found: they
    need loading, not asking again. What is parsed here is kept for the load (`KEEP_ROWS`)."""
    module = registry.module(source)
    answered: set[str] = set()
    with collector_paused():
        for path in paths:
            parsed = _parse(module, path)
            answered |= {i for i, st in parsed.statuses.items() if st.status in (OK, NOT_FOUND)}
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
