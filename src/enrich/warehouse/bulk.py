"""Fast inserts: one statement per batch instead of one per row.

DuckDB's `executemany` runs an INSERT per row (about 8 ms each for an upsert: 3 s for the seed
list). Passing each column as one list parameter and zipping them back with `unnest` inserts
20,000 rows in about 0.3 s, with no pandas or pyarrow.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

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


def insert_columnar(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    on_conflict: str = "",
) -> None:
    """INSERT rows (tuples in `columns` order) in one statement; `on_conflict` is appended as
    written, e.g. "ON CONFLICT (k) DO UPDATE SET v = excluded.v"."""
    if not rows:
        return
    types = column_types(con, table)
    if not types:
        types = {c: "VARCHAR" for c in columns}  # a temporary table not in information_schema
    selects = ", ".join(
        f"CAST(unnest(${i}) AS {types[column]}) AS {column}" for i, column in enumerate(columns, 1)
    )
    values = [[row[i] for row in rows] for i in range(len(columns))]
    con.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {selects} {on_conflict}", values
    )
