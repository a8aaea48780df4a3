"""The catalogue files: catalogue.csv, catalogue.json and catalogue.parquet, one row per list
entry in list order.

- ``catalogue.csv``     UTF-8, a header line, ``\\n`` line ends, RFC 4180 quoting;
- ``catalogue.json``    the same entries as objects, with metrics next to their observation time
                        (schema: ``enrich/schemas/catalogue.schema.json``, JSON Schema 2020-12);
- ``catalogue.parquet`` the CSV's columns with their SQL types (lists stay lists), zstd.

The CSV is made safe to open in a spreadsheet: a text cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with a single quote ``'`` so that no spreadsheet runs
it as a formula (numbers we format ourselves, such as a negative gain, are left alone). List
columns (``authors``, ``flags``) are joined with ``"; "``. An empty cell is an unknown value;
booleans are ``true``/``false``; times are ISO 8601 in UTC (``2026-11-20T03:00:00Z``). The JSON and
Parquet files keep the original text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from enrich.release.values import number_text, plain, time_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "

# One row per current entry, in list order: the columns of catalogue.csv and catalogue.parquet.
RELEASE_SQL = """
SELECT
    c.list_name,
    c.entry_id,
    c.section,
    c.subsection,
    c.position,
    c.line_no,
    c.kind,
    c.entry_group,
    c.listed_title,
    c.listed_venue,
    c.listed_year,
    c.listed_month,
    c.dataset_name,
    c.description,
    c.work_id,
    c.title,
    coalesce(c.authors, [])         AS authors,
    c.abstract,
    c.year,
    c.venue,
    c.publication_date,
    c.first_public_date,
    c.published_date,
    c.arxiv_first_version_date,
    c.published,
    c.arxiv_id,
    c.acl_id,
    c.doi,
    c.openreview_id,
    c.s2_paper_id,
    c.paper_url,
    c.code_url,
    c.is_open_access,
    c.open_access_pdf,
    c.citation_count,
    c.influential_citation_count,
    c.citations_observed_at,
    ws.citations_per_year,
    ws.citation_gain_7d,
    ws.citation_gain_30d,
    ws.citation_gain_7d_days,
    ws.citation_gain_30d_days,
    c.github_repo,
    e.repo_key,
    c.stars,
    c.forks,
    c.stars_observed_at,
    rs.stars_gain_7d,
    rs.stars_gain_30d,
    rs.stars_gain_7d_days,
    rs.stars_gain_30d_days,
    c.repo_archived,
    c.repo_pushed_at,
    c.repo_license,
    c.repo_language,
    c.repo_renamed_to,
    coalesce(f.flags, [])           AS flags
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


def release_rows(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[dict[str, Any]]]:
    """The column names and rows of catalogue.csv, in list order."""
    result = con.execute(RELEASE_SQL)
    columns = [d[0] for d in result.description]
    return columns, [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def render_csv(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> bytes:
    """RFC 4180 quoting (a cell with a comma, a quote, CR or LF is quoted, quotes doubled), with
    LF line ends. Written by hand: the csv module does not quote a lone CR when the line end is
    LF, and a reader would split the row there."""
    lines = [",".join(csv_quote(c) for c in columns)]
    lines += [",".join(csv_quote(csv_cell(row[c])) for c in columns) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


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


def entry_object(row: Mapping[str, Any]) -> dict[str, Any]:
    """One entry of catalogue.json (see schemas/catalogue.schema.json)."""
    entry: dict[str, Any] = {name: plain(row[name]) for name in JSON_PLAIN_FIELDS}
    entry["citations"] = (
        {key: plain(row[col]) for key, col in JSON_CITATION_FIELDS.items()}
        if row["citation_count"] is not None
        else None
    )
    entry["github"] = (
        {key: plain(row[col]) for key, col in JSON_GITHUB_FIELDS.items()}
        if row["github_repo"] is not None
        else None
    )
    entry["flags"] = list(row["flags"])
    return entry


def write_parquet(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    target = str(path).replace("'", "''")
    con.execute(f"COPY ({RELEASE_SQL}) TO '{target}' (FORMAT PARQUET, COMPRESSION zstd)")
