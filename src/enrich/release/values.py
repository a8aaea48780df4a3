"""Values as the release files write them: ISO times in UTC, plain numbers, JSON text; and a
query's rows as JSON-ready dicts (stats.json, manifest.json)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import duckdb

from enrich.utc import naive_utc


def query(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    """The rows of `sql` as dicts of JSON-ready values."""
    result = con.execute(sql)
    columns = [d[0] for d in result.description]
    return [{c: plain(v) for c, v in zip(columns, row, strict=True)} for row in result.fetchall()]


def plain(value: Any) -> Any:
    """A JSON-ready value: ISO times in UTC, lists and structs recursively, Decimals as numbers."""
    if isinstance(value, datetime | date):
        return time_text(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def time_text(value: datetime | date) -> str:
    """A time as ISO 8601 in UTC to the second (``2026-11-20T03:00:00Z``), a date as a date;
    a naive time is taken as UTC."""
    if isinstance(value, datetime):
        return naive_utc(value).isoformat(timespec="seconds") + "Z"
    return value.isoformat()


def number_text(value: int | float | Decimal) -> str:
    return json.dumps(plain(value))


def json_bytes(data: Any) -> bytes:
    """JSON as the release writes it: UTF-8, indented by two, no NaN, a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def utc(moment: datetime) -> datetime:
    """`moment` in UTC (a naive time is taken as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
