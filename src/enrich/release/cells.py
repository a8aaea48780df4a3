"""How a value becomes a CSV cell: one rule, written once for DuckDB (the release files, written
by ``COPY … TO``) and once for Python (`enrich sql --format csv`), from the same constants.

- An unknown value and an empty text are an empty cell; booleans are ``true``/``false``; numbers
  as JSON writes them (``12``, ``0.5``, ``1e-07``); times ISO 8601 in UTC to the second
  (``2026-11-20T03:00:00Z``), dates ``2026-11-20``.
- Lists are joined with ``"; "`` (unknown items left out).
- Spreadsheet safety: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return is prefixed with a single quote ``'`` so that no spreadsheet runs it as a formula
  (numbers we format ourselves, such as a negative gain, are left alone).
- RFC 4180 quoting: a cell with a comma, a quote, CR or LF is quoted, quotes doubled; LF line ends.
  DuckDB's writer quotes by this rule too once its comment character is off (``COMMENT ''``:
  else it also quotes a cell holding ``#``); Python's csv module does not quote a lone CR when
  the line end is LF, hence `csv_quote`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from enrich.release.values import number_text, time_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
ISO_UTC = "%Y-%m-%dT%H:%M:%SZ"  # what values.time_text writes, as DuckDB's strftime says it

# DuckDB's options for writing CSV by the rule above (an empty cell is NULL: see cell_sql).
CSV_COPY_OPTIONS = (
    "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\n', "
    "NULLSTR '', COMMENT ''"
)
_INTEGERS = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"}
    | {"UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
)


# ---------------------------------------------------------------------------------------------
# In DuckDB


def sql_string(text: str) -> str:
    """`text` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def sql_name(name: str) -> str:
    """`name` as a SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _formula_class() -> str:
    """FORMULA_STARTS as an RE2 character class."""
    escaped = {"\t": r"\t", "\r": r"\r", "\n": r"\n"}
    return "[" + "".join(escaped.get(c, "\\" + c) for c in FORMULA_STARTS) + "]"


def neutralise_sql(text: str) -> str:
    """SQL for `neutralise`: a text expression with a single quote put before a formula start."""
    return f"regexp_replace({text}, {sql_string('^(' + _formula_class() + ')')}, '''\\1')"


def json_value_sql(column: str, sql_type: str) -> str:
    """SQL for a column as catalogue.json carries it: times as ISO text in UTC (`values.plain`),
    every other type as DuckDB's JSON writer writes it."""
    if sql_type == "TIMESTAMP":
        return f"strftime({column}, '{ISO_UTC}')"
    if sql_type == "TIMESTAMP WITH TIME ZONE":
        return f"strftime(timezone('UTC', {column}), '{ISO_UTC}')"
    if sql_type == "DATE":
        return f"CAST({column} AS VARCHAR)"
    return column


def cell_sql(column: str, sql_type: str) -> str:
    """SQL for one CSV cell of `column` (of DuckDB type `sql_type`), NULL for an empty cell."""
    return f"nullif({_text_sql(column, sql_type)}, '')"


def _text_sql(value: str, sql_type: str) -> str:
    """SQL for `csv_cell` of an expression of type `sql_type` (NULL stays NULL)."""
    if sql_type == "VARCHAR":
        return neutralise_sql(value)
    if sql_type == "BOOLEAN":
        return f"CASE WHEN {value} THEN 'true' WHEN NOT {value} THEN 'false' END"
    if sql_type in _INTEGERS:
        return f"CAST({value} AS VARCHAR)"
    if sql_type in ("DOUBLE", "FLOAT"):
        # DuckDB's shortest text of a double is Python's repr; JSON's names for the specials.
        return (
            f"CASE WHEN isnan({value}) THEN 'NaN' WHEN isinf({value}) AND {value} > 0 "
            f"THEN 'Infinity' WHEN isinf({value}) THEN '-Infinity' "
            f"ELSE CAST(CAST({value} AS DOUBLE) AS VARCHAR) END"
        )
    if sql_type in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"):
        return json_value_sql(value, sql_type)
    if sql_type.endswith("[]"):
        item = _text_sql("item", sql_type[:-2])
        joined = (
            f"array_to_string([{item} FOR item IN {value}], {sql_string(LIST_SEPARATOR)})"
        )
        return neutralise_sql(joined)
    raise ValueError(f"no CSV rule for the SQL type {sql_type} (column {value})")


# ---------------------------------------------------------------------------------------------
# In Python


def csv_quote(cell: str) -> str:
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_cell(value: Any) -> str:
    """One CSV cell: spreadsheet-safe text, lists joined with '; ', ISO times, true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return number_text(value)
    if isinstance(value, datetime | date):
        return time_text(value)
    if isinstance(value, list | tuple):
        return neutralise(LIST_SEPARATOR.join(csv_cell(v) for v in value if v is not None))
    return neutralise(str(value))


def neutralise(text: str) -> str:
    """Prefix a single quote to text a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
