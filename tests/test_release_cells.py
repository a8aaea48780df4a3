"""The CSV cell rule written twice — in SQL for the release files DuckDB writes, in Python for
`enrich sql --format csv` — gives the same bytes for every value: text of any shape (formula
starts, quotes, commas, CR, LF, ``#``, empty), lists with unknown items, integers, doubles
(NaN and infinities too), booleans, dates, times with and without a time zone, NULL."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enrich.errors import EnrichError
from enrich.release.catalogue import load_entries, write_csv
from enrich.release.cells import FORMULA_STARTS, csv_cell, csv_quote

TYPES = {
    "text": "VARCHAR",
    "texts": "VARCHAR[]",
    "count": "BIGINT",
    "small": "INTEGER",
    "ratio": "DOUBLE",
    "flag": "BOOLEAN",
    "day": "DATE",
    "seen": "TIMESTAMP",
    "seen_tz": "TIMESTAMPTZ",
}
# Text that exercises the rule: formula starts, the characters CSV quotes, '#', spaces.
TRICKY = st.text(alphabet=st.sampled_from([*FORMULA_STARTS, ",", '"', "\n", "#", " ", "'", "a",
                                           ";", "é", "\u2028", "\x00", "\x1f"]), max_size=6)
TEXT = st.one_of(st.none(), TRICKY, st.text(max_size=20))
TIMES = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1))
ROW = st.fixed_dictionaries({
    "text": TEXT,
    "texts": st.one_of(st.none(), st.lists(TEXT, max_size=4)),
    "count": st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)),
    "small": st.one_of(st.none(), st.integers(-(2**31), 2**31 - 1)),
    "ratio": st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    "flag": st.one_of(st.none(), st.booleans()),
    "day": st.one_of(st.none(), st.dates(min_value=date(1000, 1, 1))),
    "seen": st.one_of(st.none(), TIMES),
    "seen_tz": st.one_of(st.none(), TIMES.map(lambda t: t.replace(tzinfo=UTC))),
})


def python_csv(rows: list[dict[str, Any]]) -> bytes:
    """The rule as the release wrote it before DuckDB did (and `enrich sql` still does)."""
    lines = [",".join(csv_quote(c) for c in TYPES)]
    lines += [",".join(csv_quote(csv_cell(row[c])) for c in TYPES) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def duckdb_csv(rows: list[dict[str, Any]], path: Path) -> bytes:
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'Asia/Kolkata'")  # a session zone must not shift the times
        columns = ", ".join(f"{name} {sql_type}" for name, sql_type in TYPES.items())
        con.execute(f"CREATE TABLE t (i INTEGER, {columns})")
        if rows:  # none: the header alone
            con.executemany(
                f"INSERT INTO t VALUES (?, {', '.join('?' for _ in TYPES)})",
                [[i, *(row[c] for c in TYPES)] for i, row in enumerate(rows)],
            )
        write_csv(con, f"SELECT {', '.join(TYPES)} FROM t ORDER BY i", path)
    finally:
        con.close()
    return path.read_bytes()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, max_size=12))
def test_duckdb_writes_every_cell_as_the_python_rule_does(
    tmp_path: Path, rows: list[dict[str, Any]]
) -> None:
    assert duckdb_csv(rows, tmp_path / "cells.csv") == python_csv(rows)


def test_the_cases_that_matter_by_name(tmp_path: Path) -> None:
    stockholm = timezone(timedelta(hours=1))
    rows = [
        {c: None for c in TYPES}
        | {"text": "=HYPERLINK(\"http://x\")", "texts": ["-a", None, "", "b"], "count": -3,
           "ratio": 0.1, "flag": False, "day": date(2024, 1, 2),
           "seen": datetime(2026, 11, 20, 3, 0, 0, 999_999),
           "seen_tz": datetime(2026, 11, 20, 4, 0, tzinfo=stockholm)},
        {c: None for c in TYPES}
        | {"text": "", "texts": [], "ratio": math.inf, "small": 0, "flag": True},
        {c: None for c in TYPES} | {"text": "#1, \"best\"\r\nline", "texts": ["@x", "+y"],
                                    "ratio": 1e16},
        {c: None for c in TYPES} | {"text": "\tlead", "ratio": math.nan},
    ]
    written = duckdb_csv(rows, tmp_path / "cells.csv")
    assert written == python_csv(rows)
    lines = written.decode("utf-8").split("\n")
    assert lines[1] == (
        "\"'=HYPERLINK(\"\"http://x\"\")\",'-a; ; b,-3,,0.1,false,2024-01-02,"
        "2026-11-20T03:00:00Z,2026-11-20T03:00:00Z"
    )
    assert lines[2] == ",,,0,Infinity,true,,,"  # an empty text and an empty list: empty cells
    assert lines[3] == "\"#1, \"\"best\"\"\r"  # quoted, CR kept inside the quotes …
    assert lines[4] == "line\",'@x; '+y,,,1e+16,,,,"  # … and each item of a list neutralised
    assert lines[5] == "'\tlead,,,,NaN,,,,"


def test_a_column_type_without_a_rule_is_refused(tmp_path: Path) -> None:
    con = duckdb.connect()
    try:
        with pytest.raises(ValueError, match="no CSV rule for the SQL type BLOB"):
            write_csv(con, "SELECT 'x'::BLOB AS b", tmp_path / "x.csv")
    finally:
        con.close()
    assert not (tmp_path / "x.csv").exists()


def test_catalogue_json_is_read_back_strictly(tmp_path: Path) -> None:
    """DuckDB writes a NaN as `NaN`, which is not JSON: such a file is refused, not published."""
    path = tmp_path / "catalogue.json"
    path.write_text('[\n\t{"a":1,"b":[]}\n]\n', encoding="utf-8")
    assert load_entries(path) == [{"a": 1, "b": []}]
    for text, problem in (
        ('[{"per_year":NaN}]', "NaN is not JSON"),
        ('[{"per_year":Infinity}]', "Infinity is not JSON"),
        ('{"a":1}', "not a list of objects"),
        ("[1]", "not a list of objects"),
        ("[", "not valid JSON"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(EnrichError, match=problem):
            load_entries(path)


def test_catalogue_json_read_a_chunk_at_a_time_is_the_file(tmp_path: Path) -> None:
    """iter_entries reads catalogue.json in chunks: objects cut by a chunk's end, strings holding
    brackets, commas and escapes, and any spacing between items come out as json.loads reads
    them."""
    import json

    from enrich.release.catalogue import iter_entries

    entries = [
        {"a": i, "t": 'x "[{,}]" \\ é\n' * (i % 3), "l": [1, {"b": None}], "o": {"c": True}}
        for i in range(50)
    ]
    path = tmp_path / "catalogue.json"
    path.write_text(
        "[\n\t" + ",\n\t".join(json.dumps(e, ensure_ascii=False) for e in entries) + "\n]\n",
        encoding="utf-8",
    )
    for chunk_chars in (1, 2, 7, 64, 1 << 20):
        assert list(iter_entries(path, chunk_chars)) == entries, chunk_chars
    path.write_text(" [ " + " , ".join(json.dumps(e) for e in entries) + " ] ", encoding="utf-8")
    assert list(iter_entries(path, 5)) == entries
