"""Bulk inserts (enrich.warehouse.bulk) store every value as an INSERT of it would."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import duckdb
import pytest

from enrich.warehouse import bulk

COLUMNS = ("k", "text", "n", "x", "flag", "tags", "day", "seen_at", "doc")
TABLE = (
    "CREATE TABLE t (k INTEGER PRIMARY KEY, text VARCHAR, n BIGINT, x DOUBLE, flag BOOLEAN,"
    " tags VARCHAR[], day DATE, seen_at TIMESTAMP, doc JSON)"
)
ROWS: list[tuple[Any, ...]] = [
    (1, "plain", 2**40, 0.1, True, ["a", "b"], date(2026, 11, 30), datetime(2026, 11, 30, 3, 0, 1),
     '{"a": [1, 2]}'),
    (2, "Ünïcødé 🧠, a NUL \x00 and \"quotes\"\n", -1, 1e-300, False, [], date(1999, 1, 2),
     datetime(2001, 2, 3, 4, 5, 6, 789000), "[]"),
    (3, None, None, None, None, None, None, None, None),
    (4, "", 0, -2.5, True, ["", "x,y"], date(2026, 2, 28), datetime(2026, 2, 28, 23, 59, 59),
     '"text"'),
]  # fmt: skip


def fresh() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(TABLE)
    bulk._TYPES.pop("t", None)  # a new table of the same name: its types looked up again
    return con


def one_by_one(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    con = fresh()
    marks = ", ".join("?" for _ in COLUMNS)
    for row in rows:
        con.execute(f"INSERT INTO t VALUES ({marks})", list(row))
    return con.execute("SELECT * FROM t ORDER BY k").fetchall()


@pytest.mark.parametrize("per_chunk", [1, 3, 20_000])
def test_columnar_rows_store_as_single_inserts_do(
    monkeypatch: pytest.MonkeyPatch, per_chunk: int
) -> None:
    monkeypatch.setattr(bulk, "ROWS_PER_CHUNK", per_chunk)  # one row, a partial, all in one
    con = fresh()
    bulk.insert_columnar(con, "t", COLUMNS, ROWS)
    assert con.execute("SELECT * FROM t ORDER BY k").fetchall() == one_by_one(ROWS)


def test_columnar_rows_take_the_conflict_clause_and_nothing_is_an_empty_insert() -> None:
    con = fresh()
    bulk.insert_columnar(con, "t", COLUMNS, [])
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)
    bulk.insert_columnar(con, "t", ("k", "text"), [(1, "old"), (2, "kept")])
    bulk.insert_columnar(
        con, "t", ("k", "text"), [(1, "new")],
        on_conflict="ON CONFLICT (k) DO UPDATE SET text = excluded.text",
    )  # fmt: skip
    assert con.execute("SELECT k, text FROM t ORDER BY k").fetchall() == [(1, "new"), (2, "kept")]


def test_rows_of_another_length_than_the_columns_are_refused() -> None:
    with pytest.raises(ValueError):
        bulk.insert_columnar(fresh(), "t", ("k", "text"), [(1, "a"), (2,)])
