"""Fast inserts: one statement per batch instead of one per row.

DuckDB's `executemany` runs an INSERT per row (about 8 ms each for an upsert: 3 s for the seed
list), and handing it each column as a list parameter makes the client build a DuckDB value per
cell (1.3 s for the 10k-entry workload's raw answers). So rows travel as JSON instead: orjson
writes them (C, about a microsecond a row) to a private temporary file and DuckDB's JSON reader
(C++) reads it typed by the table's own columns, a third of the time, with no pandas or pyarrow.

What JSON carries exactly: text (any Unicode, NUL too), integers, floats (shortest round-trip
form), booleans, lists, dates, and datetimes, which must be naive UTC as the warehouse keeps
them (`enrich.utc`): DuckDB would read an offset written after an aware one as if it were not
there. A JSON column takes its value as JSON text (a `str`), as `CAST(… AS JSON)` would.

Rows that come as tuples (`insert_columnar`) travel by column: a JSON object of arrays per
`ROWS_PER_CHUNK` rows, which DuckDB unnests. orjson writes a chunk in one call with no dict per
row: 200,000 rows of a 10,000-entry rebuild took 0.53 s as one object a row, 0.41 s so.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import duckdb
import orjson

_TYPES: dict[str, dict[str, str]] = {}


def dict_rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
) -> list[dict[str, Any]]:
    """The rows of a query as dicts keyed by column name."""
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column types of a table (the schema is fixed once migrations ran: looked up once)."""
    if table in _TYPES:
        return _TYPES[table]
    types = _column_types(con, table)
    if types:
        _TYPES[table] = types
    return types


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?",
        [table],
    ).fetchall()
    return {name: data_type for name, data_type in rows}


ROWS_PER_CHUNK = 20_000
"""Rows a column chunk holds: what its JSON line holds in memory at once (works rows with their
abstracts: ~1 KB each)."""


def insert_columnar(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    on_conflict: str = "",
) -> None:
    """INSERT rows (tuples in `columns` order) in one statement; `on_conflict` is appended as
    written, e.g. "ON CONFLICT (k) DO UPDATE SET v = excluded.v"."""
    fd, path = tempfile.mkstemp(prefix="enrich-columns-", suffix=".json")  # mode 0600
    try:
        longest = 0
        with os.fdopen(fd, "wb", buffering=1 << 20) as out:
            for chunk in _chunks(rows, ROWS_PER_CHUNK):
                line = orjson.dumps(
                    dict(zip(columns, zip(*chunk, strict=True), strict=True)),
                    option=orjson.OPT_APPEND_NEWLINE,
                )
                longest = max(longest, len(line))
                out.write(line)
        if longest:
            _read_json_columns(con, table, columns, path, longest, on_conflict=on_conflict)
    finally:
        os.unlink(path)


def _chunks(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    chunk: list[Sequence[Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _read_json_columns(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    path: str,
    longest: int,
    *,
    on_conflict: str,
) -> None:
    types = column_types(con, table)
    # Each column is an array of the column's type (JSON read as its text, then cast); the
    # arrays of a line unnest side by side into its rows.
    shape = ", ".join(f"'{c}': '{_read_as(types[c])}[]'" for c in columns)
    unnested = ", ".join(f"unnest({c}) AS {c}" for c in columns)
    con.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {_selects(columns, types)} "
        f"FROM (SELECT {unnested} "
        f"FROM read_json($path, format = 'newline_delimited', columns = {{{shape}}}, "
        f"maximum_object_size = {longest + 1024})) {on_conflict}",
        {"path": path},
    )


def insert_dicts(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    *,
    on_conflict: str = "",
) -> None:
    """INSERT rows (dicts; a column a row lacks is NULL) into `columns` of `table` in one
    statement; `on_conflict` as for `insert_columnar`. The rows are written to the file one by
    one (JSON lines): neither they nor their JSON are held whole."""
    fd, path = tempfile.mkstemp(prefix="enrich-rows-", suffix=".json")  # mode 0600
    try:
        written = 0
        with os.fdopen(fd, "wb", buffering=1 << 20) as out:
            for row in rows:
                out.write(orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE))
                written += 1
        if written:
            read_json_lines(con, table, columns, path, on_conflict=on_conflict)
    finally:
        os.unlink(path)


def read_json_lines(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    path: str,
    *,
    on_conflict: str = "",
) -> None:
    """INSERT the rows of a JSON-lines file (one object a line, as orjson writes them; a key a
    row lacks is NULL) into `columns` of `table`; `on_conflict` as for `insert_columnar`."""
    types = column_types(con, table)
    shape = ", ".join(f"'{c}': '{_read_as(types[c])}'" for c in columns)
    con.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {_selects(columns, types)} "
        f"FROM read_json($path, format = 'newline_delimited', columns = {{{shape}}}) "
        f"{on_conflict}",
        {"path": path},
    )


def _read_as(data_type: str) -> str:
    """The type the JSON reader reads a column of `data_type` as: a JSON column as its text
    (the reader would take the text for a JSON string), cast by `_selects`."""
    return "VARCHAR" if data_type == "JSON" else data_type


def _selects(columns: Sequence[str], types: dict[str, str]) -> str:
    return ", ".join(f"CAST({c} AS JSON) AS {c}" if types[c] == "JSON" else c for c in columns)
