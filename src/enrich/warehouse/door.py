"""What `enrich sql` lets through: one read-only statement.

The connection itself is the real wall (`open_locked_reader`: read-only, no external access,
configuration locked); this check turns what would fail deep inside DuckDB, or what is not a
read at all, into one plain line before anything runs.
"""

from __future__ import annotations

import duckdb

from enrich.errors import ConfigError

# Statement types that only read the warehouse. DESCRIBE, SHOW, SUMMARIZE and FROM-first queries
# are SELECTs to DuckDB's parser.
READ_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


def check_query(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Refuse anything but a single SELECT (or EXPLAIN), with one line saying why."""
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        first_line = str(exc).strip().splitlines()[0]
        raise ConfigError(f"SQL error: {first_line}") from None
    if len(statements) != 1:
        raise ConfigError(
            f"SQL error: enrich sql runs one statement at a time; got {len(statements)}"
        )
    kind = statements[0].type
    if kind not in READ_STATEMENTS:
        word = query.strip().split(None, 1)[0].upper() if query.strip() else kind.name
        files = kind in (duckdb.StatementType.COPY, duckdb.StatementType.EXPORT)
        raise ConfigError(
            f"SQL error: enrich sql is read-only and reaches only the warehouse: {word} is "
            "refused" + (" (files come from releases: data/releases/latest/)" if files else "")
        )
