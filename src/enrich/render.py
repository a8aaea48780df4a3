"""Query results as text for people and tools: an aligned table, CSV or JSON.

Shared by `enrich sql` and `enrich status`.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from typing import Any

from enrich.textclip import clip


def write_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str, out: Any) -> None:
    if fmt == "json":
        json.dump(
            [dict(zip(columns, row, strict=True)) for row in rows],
            out,
            default=_json_default,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    elif fmt == "csv":
        # The release's rules: RFC 4180 quoting, and a cell a spreadsheet would run as a formula
        # (= + - @ tab CR) prefixed with ' — people open `enrich sql --format csv` in one too.
        from enrich.release.cells import csv_cell, csv_quote

        out.write(",".join(csv_quote(c) for c in columns) + "\n")
        for row in rows:
            out.write(",".join(csv_quote(csv_cell(v)) for v in row) + "\n")
    else:
        out.write(format_table(columns, rows) + "\n")


def format_table(columns: list[str], rows: list[tuple[Any, ...]], max_width: int = 60) -> str:
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in cells:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    footer = f"({len(rows)} row{'s' if len(rows) != 1 else ''})"
    return "\n".join([line, rule, *body, footer])


def _cell(value: Any, max_width: int | None = None) -> str:
    if value is None:
        text = ""
    elif isinstance(value, list | dict):
        text = json.dumps(value, default=_json_default, ensure_ascii=False)
    else:
        text = str(value)
    text = text.replace("\n", " ")
    return clip(text, max_width) if max_width else text


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return str(value)
