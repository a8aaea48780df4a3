"""enrich.render: query results as an aligned table, CSV (the release's cell rule) or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json

from enrich.render import format_table, write_rows

COLUMNS = ["title", "stars", "seen", "authors"]
ROWS = [
    ("=SUM(A1)", 12, dt.datetime(2026, 11, 20, 3, 0), ["Ada", "-Bob"]),
    ("Two\nlines, \"quoted\"", None, dt.date(2026, 1, 2), []),
    ("x" * 80, decimal.Decimal("1.50"), None, None),
]


def rendered(fmt: str, columns: list[str] = COLUMNS, rows: list[tuple[object, ...]] = ROWS) -> str:
    out = io.StringIO()
    write_rows(columns, rows, fmt, out)
    return out.getvalue()


def test_csv_is_the_release_rule_quoted_and_spreadsheet_safe() -> None:
    text = rendered("csv")
    assert text.splitlines()[0] == "title,stars,seen,authors"
    assert text.split("\n")[1] == "'=SUM(A1),12,2026-11-20T03:00:00Z,Ada; '-Bob"
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[2] == ['Two\nlines, "quoted"', "", "2026-01-02", ""]
    assert parsed[3] == ["x" * 80, "1.5", "", ""]
    assert text.endswith("\n") and "\r\n" not in text


def test_json_keeps_the_values_and_writes_times_and_decimals_plainly() -> None:
    data = json.loads(rendered("json"))
    assert data[0] == {"title": "=SUM(A1)", "stars": 12, "seen": "2026-11-20T03:00:00",
                       "authors": ["Ada", "-Bob"]}
    assert data[1]["seen"] == "2026-01-02" and data[1]["stars"] is None
    assert data[2]["stars"] == 1.5
    assert rendered("json", ["a"], []) == "[]\n"


def test_table_aligns_clips_long_cells_and_counts_rows() -> None:
    lines = rendered("table").splitlines()
    assert lines[0].split() == COLUMNS
    assert lines[1].split("  ") == ["-" * 60, "-" * 5, "-" * 19, "-" * 15]  # widest cell each
    assert lines[2].startswith("=SUM(A1)") and '["Ada", "-Bob"]' in lines[2]
    assert "Two lines" in lines[3]  # a line break inside a cell is a space
    assert lines[4].startswith("x" * 59 + "…")
    assert lines[-1] == "(3 rows)"
    assert len(lines[0]) == len(lines[1]) == len(lines[2])  # every row padded to the widths


def test_table_of_one_row_and_of_none() -> None:
    assert format_table(["n"], [(1,)]).splitlines() == ["n", "-", "1", "(1 row)"]
    assert format_table(["name"], []).splitlines() == ["name", "----", "(0 rows)"]
    wide = format_table(["t"], [("y" * 10,)], max_width=5).splitlines()
    assert wide[2] == "yyyy…"
