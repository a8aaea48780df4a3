"""The catalogue files: catalogue.csv, catalogue.json and catalogue.parquet, one row per list
entry in list order, written by DuckDB itself (``COPY … TO``) from one query.

- ``catalogue.csv``     UTF-8, a header line, ``\\n`` line ends, RFC 4180 quoting, cells by the
                        rule of `cells` (spreadsheet-safe text, lists joined with ``"; "``, an
                        empty cell for an unknown value, ``true``/``false``, times ISO 8601 in UTC);
- ``catalogue.json``    the same entries as objects, with metrics next to their observation time
                        (schema: ``enrich/schemas/catalogue.schema.json``, JSON Schema 2020-12),
                        a JSON array with one entry per line; the original text;
- ``catalogue.parquet`` the CSV's columns with their SQL types (lists stay lists), zstd.

The rows are computed once, into catalogue.parquet; the other files (and the page) read them
back from it, through a temporary view (ENTRIES_TABLE), each in one ``COPY``. catalogue.json is
then read back, an entry at a time (`iter_entries`): the schema check and CHANGES.md read the
file people download, not a copy of it made in Python.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from enrich.durable import fsync
from enrich.errors import EnrichError
from enrich.release.cells import (
    CSV_COPY_OPTIONS,
    cell_sql,
    json_value_sql,
    sql_name,
    sql_string,
)

ENTRIES_TABLE = "release_entries"  # a temporary view: RELEASE_SQL's rows, for every writer
ENTRY_ORDER = "list_name, position, entry_id"
# The staged rows in list order: the order catalogue.parquet has them in (RELEASE_SQL's ORDER
# BY), which DuckDB keeps reading it (preserve_insertion_order, set by stage_entries). Sorting
# them again for each file held every row in memory, twice the time and half a GB at 100,000
# entries.
STAGED_SQL = f"SELECT * FROM {ENTRIES_TABLE}"
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd"

# catalogue.json: the plain fields of an entry, then `citations` and `github` objects, then flags.
JSON_PLAIN_FIELDS = (
    "list_name",
    "entry_id",
    "section",
    "subsection",
    "position",
    "line_no",
    "kind",
    "entry_group",
    "listed_title",
    "listed_venue",
    "listed_year",
    "listed_month",
    "dataset_name",
    "description",
    "work_id",
    "title",
    "authors",
    "abstract",
    "year",
    "venue",
    "publication_date",
    "first_public_date",
    "published_date",
    "arxiv_first_version_date",
    "published",
    "arxiv_id",
    "acl_id",
    "doi",
    "openreview_id",
    "s2_paper_id",
    "paper_url",
    "code_url",
    "is_open_access",
    "open_access_pdf",
)
JSON_CITATION_FIELDS = {
    "count": "citation_count",
    "influential": "influential_citation_count",
    "observed_at": "citations_observed_at",
    "per_year": "citations_per_year",
    "gain_7d": "citation_gain_7d",
    "gain_30d": "citation_gain_30d",
    "gain_7d_days": "citation_gain_7d_days",
    "gain_30d_days": "citation_gain_30d_days",
}
JSON_GITHUB_FIELDS = {
    "repo": "github_repo",
    "repo_key": "repo_key",
    "stars": "stars",
    "forks": "forks",
    "observed_at": "stars_observed_at",
    "gain_7d": "stars_gain_7d",
    "gain_30d": "stars_gain_30d",
    "gain_7d_days": "stars_gain_7d_days",
    "gain_30d_days": "stars_gain_30d_days",
    "archived": "repo_archived",
    "pushed_at": "repo_pushed_at",
    "license": "repo_license",
    "language": "repo_language",
    "renamed_to": "repo_renamed_to",
}

# Every column of catalogue.csv and catalogue.parquet, in file order: catalogue.json's fields
# (so the files cannot drift apart), then the flags.
RELEASE_COLUMNS = (
    *JSON_PLAIN_FIELDS,
    *JSON_CITATION_FIELDS.values(),
    *JSON_GITHUB_FIELDS.values(),
    "flags",
)
# The columns RELEASE_SQL does not take from the catalogue view (c) as they are: lists never
# null, the entry's repository as linked (e), the gains of work_stats (ws) and repo_stats (rs).
COLUMN_EXPRESSIONS = {
    "authors": "coalesce(c.authors, [])",
    "flags": "coalesce(f.flags, [])",
    "repo_key": "e.repo_key",
    **{
        name: f"ws.{name}"
        for name in JSON_CITATION_FIELDS.values()
        if name.startswith(("citations_per_", "citation_gain_"))
    },
    **{
        name: f"rs.{name}" for name in JSON_GITHUB_FIELDS.values() if name.startswith("stars_gain_")
    },
}


def _select_list() -> str:
    return ",\n    ".join(
        f"{COLUMN_EXPRESSIONS[name]} AS {name}" if name in COLUMN_EXPRESSIONS else f"c.{name}"
        for name in RELEASE_COLUMNS
    )


# One row per current entry, in list order: the columns of catalogue.csv and catalogue.parquet.
RELEASE_SQL = f"""
SELECT
    {_select_list()}
FROM catalogue c
JOIN current_entries e USING (list_name, entry_id)
LEFT JOIN work_stats ws ON ws.work_id = c.work_id
LEFT JOIN repo_stats rs ON rs.repo_key = e.repo_key
LEFT JOIN (
    SELECT list_name, entry_id, list(DISTINCT problem ORDER BY problem) AS flags
    FROM data_quality
    GROUP BY list_name, entry_id
) f USING (list_name, entry_id)
ORDER BY c.list_name, c.position, c.entry_id
"""


def release_rows(
    con: duckdb.DuckDBPyConnection, query: str = RELEASE_SQL
) -> tuple[list[str], list[dict[str, Any]]]:
    """The column names and rows of catalogue.csv, in list order (for the page); `query` may
    be STAGED_SQL once the entries are staged."""
    result = con.execute(query)
    columns = [d[0] for d in result.description]
    return columns, [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def stage_entries(con: duckdb.DuckDBPyConnection, parquet_path: Path) -> None:
    """RELEASE_SQL's rows, in list order, written once: catalogue.parquet, which every other
    catalogue file and the page read back (ENTRIES_TABLE, in list order: STAGED_SQL). On disk,
    columnar and compressed (13 MB at 100,000 entries), where a temporary table held them in
    DuckDB's memory to the release's end (~470 MB)."""
    con.execute("SET preserve_insertion_order = true")  # DuckDB's default, relied upon
    _copy(con, RELEASE_SQL, parquet_path, PARQUET_OPTIONS)
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {ENTRIES_TABLE} AS "
        f"SELECT * FROM read_parquet({sql_string(str(parquet_path))})"
    )


def write_catalogue_files(con: duckdb.DuckDBPyConnection, csv_path: Path, json_path: Path) -> None:
    """Write catalogue.csv and catalogue.json of the staged entries (catalogue.parquet is
    written by `stage_entries`)."""
    write_csv(con, STAGED_SQL, csv_path)
    _copy(con, json_sql(con), json_path, "FORMAT json, ARRAY true")


def write_csv(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    """The rows of `query` as a CSV file, every cell by the rule of `enrich.release.cells`."""
    cells = ", ".join(
        f"{cell_sql(sql_name(name), sql_type)} AS {sql_name(name)}"
        for name, sql_type in _columns(con, query)
    )
    _copy(con, f"SELECT {cells} FROM ({query})", path, CSV_COPY_OPTIONS)


def json_sql(con: duckdb.DuckDBPyConnection) -> str:
    """The staged entries as catalogue.json's objects: the plain fields, then the `citations`
    and `github` objects (null without a count / a repository), then the flags."""
    types = dict(_columns(con, f"SELECT * FROM {ENTRIES_TABLE}"))

    def value(column: str) -> str:
        return json_value_sql(sql_name(column), types[column])

    def struct(fields: dict[str, str]) -> str:
        return "{" + ", ".join(f"{sql_string(k)}: {value(c)}" for k, c in fields.items()) + "}"

    plain = ", ".join(f"{value(c)} AS {sql_name(c)}" for c in JSON_PLAIN_FIELDS)
    return (
        f"SELECT {plain}, "
        f"CASE WHEN citation_count IS NOT NULL THEN {struct(JSON_CITATION_FIELDS)} END "
        "AS citations, "
        f"CASE WHEN github_repo IS NOT NULL THEN {struct(JSON_GITHUB_FIELDS)} END AS github, "
        f"flags FROM {ENTRIES_TABLE}"  # in list order: see STAGED_SQL
    )


def load_entries(path: Path) -> list[dict[str, Any]]:
    """The entries of a catalogue.json; refuses a file that is not a JSON array of objects
    (NaN and Infinity included: they are not JSON)."""
    return list(iter_entries(path))


def iter_entries(path: Path, chunk_chars: int = 1 << 20) -> Iterator[dict[str, Any]]:
    """The entries of a catalogue.json one at a time, read a chunk at a time (the file is
    hundreds of MB at 100,000 entries, its objects in Python several times that); refuses what
    `load_entries` refuses, when it gets there."""

    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not JSON")

    decoder = json.JSONDecoder(parse_constant=refuse)
    with open(path, encoding="utf-8") as handle:
        text, at, done = "", 0, False

        def more() -> bool:
            nonlocal text, at, done
            chunk = "" if done else handle.read(chunk_chars)
            done = not chunk
            text, at = text[at:] + chunk, 0
            return not done

        def skip_space() -> str:
            nonlocal at
            while True:
                while at < len(text) and text[at] in " \t\r\n":
                    at += 1
                if at < len(text) or not more():
                    return text[at : at + 1]

        try:
            first = skip_space()
            if first != "[":
                raise _NotObjects if first else json.JSONDecodeError("Expecting value", text, at)
            at += 1
            if skip_space() == "]":
                at += 1
            else:
                while True:
                    first = skip_space()
                    if first != "{":
                        if first in ("", "]"):  # cut short, or "[{…},]"
                            raise json.JSONDecodeError("Expecting value", text, at)
                        raise _NotObjects
                    while True:
                        try:
                            entry, end = decoder.raw_decode(text, at)
                            break
                        except json.JSONDecodeError:
                            if not more():  # the object is not cut by the chunk: it is bad
                                raise
                    at = end
                    yield entry
                    follows = skip_space()
                    at += 1
                    if follows == "]":
                        break
                    if follows != ",":
                        raise json.JSONDecodeError("expected ',' or ']'", text, at - 1)
            if skip_space():
                raise json.JSONDecodeError("extra data", text, at)
        except _NotObjects:
            raise EnrichError(
                f"release not written: {path.name} is not a list of objects"
            ) from None
        except ValueError as exc:
            raise EnrichError(
                f"release not written: {path.name} is not valid JSON: {exc}"
            ) from None


class _NotObjects(Exception):
    """catalogue.json is JSON, but not an array of objects."""


def _columns(con: duckdb.DuckDBPyConnection, query: str) -> list[tuple[str, str]]:
    return [(row[0], row[1]) for row in con.execute(f"DESCRIBE {query}").fetchall()]


def _copy(con: duckdb.DuckDBPyConnection, query: str, path: Path, options: str) -> None:
    con.execute(f"COPY ({query}) TO {sql_string(str(path))} ({options})")
    fsync(path)  # on disk before the release directory is renamed into place
