"""Releases: the catalogue as files people download, one directory per release.

`write_release` reads the published warehouse (read-only, so it works while a refresh runs) and
writes ``<releases_dir>/<UTC date>/`` (``-2``, ``-3``… for a second, third release on one day):

- ``catalogue.csv``     one row per list entry, UTF-8, a header line, ``\\n`` line ends;
- ``catalogue.json``    the same entries as objects, with metrics next to their observation time
                        (schema: ``enrich/schemas/catalogue.schema.json``, JSON Schema 2020-12);
- ``catalogue.parquet`` the CSV's columns with their SQL types (lists stay lists), zstd;
- ``stats.json``        list and section statistics, fastest growing, top authors, data quality;
- ``catalogue.bib``     one BibTeX entry per work (see `enrich.bibtex`);
- ``CHANGES.md``        what changed since the previous release, in a few plain lines;
- ``manifest.json``     package and schema version, list versions, source freshness, row counts,
                        the sha256 of every other file, and when the release was made.

The CSV is made safe to open in a spreadsheet: a text cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with a single quote ``'`` so that no spreadsheet runs
it as a formula (numbers we format ourselves, such as a negative gain, are left alone). List
columns (``authors``, ``flags``) are joined with ``"; "``. An empty cell is an unknown value;
booleans are ``true``/``false``; times are ISO 8601 in UTC (``2026-11-20T03:00:00Z``). The JSON and
Parquet files keep the original text.

Reproducible: the same warehouse gives byte-identical files, except ``manifest.json``'s
``created_at``. Every query has a full ORDER BY, no file carries a run id or the time of the
release (only the times values were observed), and the statistics are measured from the newest
observation day, never from the wall clock. DuckDB writes the same Parquet bytes for the same rows
(checked by the tests; across DuckDB versions the bytes may differ, as the writer stamps its
version into the file's metadata).

Atomic: the files are written into a hidden staging directory next to the releases and renamed
into place, so a release directory is either whole or absent; ``latest`` is then pointed at the
newest release (a symlink, or a text file holding its name where symlinks are not available).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
from filelock import FileLock

from enrich.bibtex import write_bibtex
from enrich.config import SOURCE_NAMES, Settings
from enrich.errors import EnrichError, WarehouseError
from enrich.redact import redact
from enrich.summary import RunSummary

CSV_NAME = "catalogue.csv"
JSON_NAME = "catalogue.json"
PARQUET_NAME = "catalogue.parquet"
STATS_NAME = "stats.json"
BIB_NAME = "catalogue.bib"
MERGES_NAME = "merges.csv"
CHANGES_NAME = "CHANGES.md"
MANIFEST_NAME = "manifest.json"
RELEASE_FILES = (
    CSV_NAME,
    JSON_NAME,
    PARQUET_NAME,
    STATS_NAME,
    BIB_NAME,
    MERGES_NAME,
    CHANGES_NAME,
    MANIFEST_NAME,
)
SCHEMA_FILE = "catalogue.schema.json"
LATEST = "latest"
LOCK_NAME = ".release.lock"
STAGING_PREFIX = ".partial-"
RELEASE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
TOP_N = 10  # rows of the rankings in stats.json
CHANGES_ITEMS = 10  # items listed per kind of change in CHANGES.md before "… and N more"
GAINS_SHOWN = 5
STATS_VIEWS = (
    "work_stats",
    "list_stats",
    "section_stats",
    "fastest_growing",
    "author_stats",
    "data_quality",
)

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
ID_FIELDS = ("work_id", "arxiv_id", "acl_id", "doi", "openreview_id", "paper_url", "code_url")


# ---------------------------------------------------------------------------------------------
# The release as a whole


def write_release(
    settings: Settings, *, now: datetime | None = None, summary: RunSummary | None = None
) -> Path:
    """Write a release of the published warehouse; returns its directory.

    `now` names the release (its UTC date) and is the manifest's `created_at`; `summary`, when
    given (at the end of a refresh), says which sources were stale, else the latest recorded run
    does.
    """
    from enrich.warehouse import open_reader

    moment = _utc(now or datetime.now(UTC))
    releases = settings.releases_dir
    releases.mkdir(parents=True, exist_ok=True)
    with FileLock(str(releases / LOCK_NAME)):
        _remove_staging_leftovers(releases)
        name = next_release_name(releases, moment.date())
        previous = previous_release(releases, name)
        staging = releases / f"{STAGING_PREFIX}{name}-{uuid.uuid4().hex[:8]}"
        staging.mkdir()
        try:
            with open_reader(settings) as con:
                _require_views(con)
                write_release_files(
                    con,
                    staging,
                    settings=settings,
                    name=name,
                    now=moment,
                    summary=summary,
                    previous=previous,
                )
            final = releases / name
            os.rename(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _fsync_dir(releases)
        point_latest(releases)
    return final


def write_release_files(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    *,
    settings: Settings,
    name: str,
    now: datetime,
    summary: RunSummary | None,
    previous: Path | None,
) -> None:
    columns, rows = release_rows(con)
    entries = [entry_object(row) for row in rows]
    check_entries(entries)
    _write_bytes(folder / CSV_NAME, render_csv(columns, rows))
    _write_bytes(folder / JSON_NAME, _json_bytes(entries))
    write_parquet(con, folder / PARQUET_NAME)
    stats = build_stats(con)
    _write_bytes(folder / STATS_NAME, _json_bytes(stats))
    n_bib = write_bibtex(con, folder / BIB_NAME)
    merges = con.execute("SELECT * FROM work_merges")  # why ids are one work, with evidence
    merge_columns = [d[0] for d in merges.description]
    merge_rows = [dict(zip(merge_columns, r, strict=True)) for r in merges.fetchall()]
    _write_bytes(folder / MERGES_NAME, render_csv(merge_columns, merge_rows))
    previous_entries = _read_entries(previous / JSON_NAME) if previous else None
    changes = render_changes(
        entries,
        previous_entries,
        previous_name=previous.name if previous else None,
        sources=source_notes(con, summary),
    )
    changes = redact(changes, settings.secrets())
    _write_bytes(folder / CHANGES_NAME, changes.encode("utf-8"))
    manifest = build_manifest(
        con,
        folder,
        settings=settings,
        name=name,
        now=now,
        counts={
            "catalogue": len(entries),
            "works": len({e["work_id"] for e in entries if e["work_id"]}),
            "repositories": len({e["github"]["repo_key"] for e in entries if e["github"]}),
            "bibtex_entries": n_bib,
            "data_quality": stats["data_quality"]["total"],
        },
    )
    _write_bytes(folder / MANIFEST_NAME, _json_bytes(manifest))
    # What people look at: the catalogue page and the annotated list (enrich.page).
    from enrich.page import write_page_files

    write_page_files(
        con,
        folder,
        settings=settings,
        rows=rows,
        stats=stats,
        freshness=manifest["source_freshness"],
    )


# ---------------------------------------------------------------------------------------------
# Naming, previous release, latest


def _release_sort_key(name: str) -> tuple[str, int] | None:
    match = RELEASE_NAME.match(name)
    if not match:
        return None
    return match.group(1), int(match.group(2) or 1)


def release_names(releases: Path) -> list[str]:
    """The complete releases in a releases directory, oldest first."""
    if not releases.is_dir():
        return []
    found = [
        p.name
        for p in releases.iterdir()
        if p.is_dir() and not p.is_symlink() and _release_sort_key(p.name) is not None
    ]
    return sorted(found, key=lambda n: _release_sort_key(n) or ("", 0))


def next_release_name(releases: Path, day: date) -> str:
    base = day.isoformat()
    taken = set(release_names(releases))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def previous_release(releases: Path, name: str) -> Path | None:
    """The newest release before `name` that has a catalogue.json."""
    key = _release_sort_key(name)
    assert key is not None
    older = [
        n
        for n in release_names(releases)
        if (_release_sort_key(n) or ("", 0)) < key and (releases / n / JSON_NAME).is_file()
    ]
    return releases / older[-1] if older else None


def point_latest(releases: Path) -> None:
    """Point `latest` at the newest release: a symlink, or a text file with its name."""
    names = release_names(releases)
    if not names:
        return
    newest = names[-1]
    link = releases / LATEST
    tmp = releases / f".{LATEST}.{uuid.uuid4().hex[:8]}"
    try:
        os.symlink(newest, tmp, target_is_directory=True)
    except (OSError, NotImplementedError):
        tmp.write_text(newest + "\n", encoding="utf-8")
    try:
        os.replace(tmp, link)
    except OSError:
        _unlink(tmp)
        raise


def _remove_staging_leftovers(releases: Path) -> None:
    """Staging directories of a writer that was killed (we hold the lock: none is in use)."""
    for path in releases.iterdir():
        if path.name.startswith(STAGING_PREFIX) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(f".{LATEST}.") and (path.is_symlink() or path.is_file()):
            _unlink(path)


def _require_views(con: duckdb.DuckDBPyConnection) -> None:
    names = {
        row[0]
        for row in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    }
    missing = [v for v in ("catalogue", "work_merges", *STATS_VIEWS) if v not in names]
    if missing:
        raise WarehouseError(
            "the warehouse lacks the views "
            + ", ".join(missing)
            + ": it was built by an older enrich; run `enrich refresh --offline` once"
        )


# ---------------------------------------------------------------------------------------------
# catalogue.csv / .json / .parquet


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
        return _number_text(value)
    if isinstance(value, datetime | date):
        return _time_text(value)
    if isinstance(value, list | tuple):
        return neutralise(LIST_SEPARATOR.join(csv_cell(v) for v in value if v is not None))
    return neutralise(str(value))


def neutralise(text: str) -> str:
    """Prefix a single quote to text a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def entry_object(row: Mapping[str, Any]) -> dict[str, Any]:
    """One entry of catalogue.json (see schemas/catalogue.schema.json)."""
    entry: dict[str, Any] = {name: _plain(row[name]) for name in JSON_PLAIN_FIELDS}
    entry["citations"] = (
        {key: _plain(row[col]) for key, col in JSON_CITATION_FIELDS.items()}
        if row["citation_count"] is not None
        else None
    )
    entry["github"] = (
        {key: _plain(row[col]) for key, col in JSON_GITHUB_FIELDS.items()}
        if row["github_repo"] is not None
        else None
    )
    entry["flags"] = list(row["flags"])
    return entry


def catalogue_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of catalogue.json, shipped in enrich/schemas/."""
    text = (resources.files("enrich") / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _compiled_schema() -> Any:
    import fastjsonschema

    schema = dict(catalogue_schema())
    schema.pop("$schema", None)  # compiled with fastjsonschema's default draft (07): same keywords
    return fastjsonschema.compile(schema)


def check_entries(entries: Sequence[Mapping[str, Any]]) -> None:
    """Refuse to publish a catalogue.json that does not match its own schema.

    fastjsonschema compiles the schema to Python: 10,000 entries check in a fraction of a second,
    where jsonschema took 3.5 s. The schema uses only keywords both read alike; jsonschema, the
    reference validator (the tests use it too), words the error when there is one."""
    import fastjsonschema
    import jsonschema

    try:
        _compiled_schema()(list(entries))
        return
    except fastjsonschema.JsonSchemaException:
        pass
    validator = jsonschema.Draft202012Validator(catalogue_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(list(entries)))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)
        raise EnrichError(f"release not written: catalogue.json at /{where}: {error.message}")


def write_parquet(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    target = str(path).replace("'", "''")
    con.execute(f"COPY ({RELEASE_SQL}) TO '{target}' (FORMAT PARQUET, COMPRESSION zstd)")


# ---------------------------------------------------------------------------------------------
# stats.json


def build_stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    as_of = con.execute("SELECT as_of FROM stats_as_of").fetchone()
    problems = _query(
        con,
        "SELECT category, problem, count(*) AS n, count(DISTINCT entry_id) AS entries "
        "FROM data_quality GROUP BY ALL ORDER BY category, problem",
    )
    flagged = con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT list_name, entry_id FROM data_quality)"
    ).fetchone()
    by_category: Counter[str] = Counter()
    for row in problems:
        by_category[row["category"]] += row["n"]
    return {
        "as_of": _plain(as_of[0] if as_of else None),
        "lists": _query(con, "SELECT * FROM list_stats ORDER BY list_name"),
        "sections": _query(
            con,
            "SELECT * EXCLUDE (section_position) FROM ("
            " SELECT *, min(first_position) OVER (PARTITION BY list_name, section)"
            " AS section_position FROM section_stats) "
            "ORDER BY list_name, section_position, level, first_position, subsection",
        ),
        "fastest_growing": {
            "works": _query(
                con,
                f"SELECT * EXCLUDE (kind) FROM fastest_growing WHERE kind = 'work' "
                f"AND gain_30d > 0 ORDER BY rank LIMIT {TOP_N}",
            ),
            "repositories": _query(
                con,
                f"SELECT * EXCLUDE (kind) FROM fastest_growing WHERE kind = 'repository' "
                f"AND gain_30d > 0 ORDER BY rank LIMIT {TOP_N}",
            ),
        },
        "top_authors": _query(
            con,
            "SELECT * FROM author_stats "
            f"ORDER BY works DESC, total_citations DESC, author_key LIMIT {TOP_N}",
        ),
        "data_quality": {
            "total": sum(row["n"] for row in problems),
            "entries_flagged": int(flagged[0]) if flagged else 0,
            "by_category": dict(sorted(by_category.items())),
            "by_problem": dict(sorted((row["problem"], row["n"]) for row in problems)),
        },
    }


# ---------------------------------------------------------------------------------------------
# manifest.json


def build_manifest(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    *,
    settings: Settings,
    name: str,
    now: datetime,
    counts: Mapping[str, int],
) -> dict[str, Any]:
    from enrich import __version__
    from enrich.warehouse import schema_version

    files = {}
    for file_name in RELEASE_FILES:
        path = folder / file_name
        if file_name != MANIFEST_NAME and path.exists():
            data = path.read_bytes()
            files[file_name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    as_of = con.execute("SELECT as_of FROM stats_as_of").fetchone()
    return {
        "release": name,
        "created_at": _time_text(now),
        "package": {"name": "enrich", "version": __version__},
        "schema_version": schema_version(),
        "catalogue_schema": catalogue_schema()["$id"],
        "as_of": _plain(as_of[0] if as_of else None),
        "lists": _query(
            con,
            "SELECT list_name AS name, current_sha256 AS sha256, url FROM lists "
            "WHERE current_sha256 IS NOT NULL ORDER BY list_name",
        ),
        "source_freshness": source_freshness(con, settings),
        "row_counts": dict(counts),
        "files": files,
    }


def source_freshness(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, Any]:
    """Per source: items whose last attempt was ok / not found / an error, and the oldest and
    newest good answer among them."""
    found = {
        row["source"]: row
        for row in _query(
            con,
            """
            SELECT source,
                   count(*) FILTER (WHERE status = 'ok')        AS ok,
                   count(*) FILTER (WHERE status = 'not_found') AS not_found,
                   count(*) FILTER (WHERE status = 'error')     AS error,
                   min(last_success_at)                         AS oldest_success,
                   max(last_success_at)                         AS newest_success
            FROM fetch_status
            GROUP BY source
            ORDER BY source
            """,
        )
    }
    names = [n for n in SOURCE_NAMES if n in settings.sources or n in found]
    names += sorted(set(found) - set(names))
    empty = {"ok": 0, "not_found": 0, "error": 0, "oldest_success": None, "newest_success": None}
    return {n: {k: v for k, v in found.get(n, empty).items() if k != "source"} for n in names}


# ---------------------------------------------------------------------------------------------
# CHANGES.md


def source_notes(con: duckdb.DuckDBPyConnection, summary: RunSummary | None) -> list[str] | None:
    """Plain lines about sources that were stale or not asked in the run this release follows
    (the summary given, else the latest run recorded); None when no run is known."""
    if summary is not None:
        reports: dict[str, Any] = {n: asdict(s) for n, s in summary.sources.items()}
    else:
        row = con.execute(
            "SELECT requests FROM runs ORDER BY started_at DESC, run_id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        reports = json.loads(row[0]) if row[0] else {}
    stale: list[str] = []
    not_asked: dict[str, list[str]] = {}
    for source_name in sorted(reports, key=_source_order):
        report = reports[source_name] or {}
        if report.get("stale"):
            errors = report.get("errors") or []
            reason = report.get("unreachable") or (errors[0] if errors else None)
            stale.append(f"{source_name} ({_short(reason)})" if reason else source_name)
        elif report.get("not_asked_because"):
            not_asked.setdefault(report["not_asked_because"], []).append(source_name)
    lines = []
    if stale:
        lines.append(
            "Stale: " + ", ".join(stale) + " could not be refreshed; their previous values are "
            "shown."
        )
    for reason, names in not_asked.items():
        lines.append(f"Not asked ({reason}): {', '.join(names)}; stored values are shown.")
    if not lines:
        lines.append("Every source was refreshed in the latest run.")
    return lines


def render_changes(
    current: Sequence[Mapping[str, Any]],
    previous: Sequence[Mapping[str, Any]] | None,
    *,
    previous_name: str | None,
    sources: list[str] | None,
) -> str:
    """CHANGES.md: what changed since the previous release, short and with numbers."""
    lines = ["# What changed", ""]
    works = len({e["work_id"] for e in current if e.get("work_id")})
    repos = len({_repo_key(e) for e in current if e.get("github")})
    lists = len({e["list_name"] for e in current})
    flagged = sum(len(e.get("flags") or []) for e in current)
    if previous is None and previous_name:
        lines.append(
            f"The previous release, {previous_name}, could not be read: nothing to compare with. "
            f"Now: {len(current)} entries ({works} works, {repos} repositories)."
        )
    elif previous is None:
        lines.append(
            f"First release: {len(current)} entries ({works} works, {repos} repositories) "
            f"from {lists} {'list' if lists == 1 else 'lists'}."
        )
        if flagged:
            lines += [
                "",
                f"Flagged for a look: {flagged} problems on "
                f"{sum(1 for e in current if e.get('flags'))} entries "
                "(stats.json, `data_quality`).",
            ]
    else:
        lines.append(
            f"Since release {previous_name}: {len(previous)} entries then, {len(current)} now "
            f"({works} works, {repos} repositories)."
        )
        lines += _entry_changes(current, previous)
        lines += _per_list_changes(current, previous)
        lines += _id_changes(current, previous)
        lines += _new_flags(current, previous)
        lines += _gains(current, previous)
        lines += _repository_changes(current, previous)
    lines += ["", "## Sources", ""]
    lines += (
        [f"- {line}" for line in sources]
        if sources
        else ["- No refresh run is recorded in the warehouse."]
    )
    return "\n".join(lines) + "\n"


def _key(entry: Mapping[str, Any]) -> tuple[str, str]:
    return entry["list_name"], entry["entry_id"]


def _entry_changes(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    old = {_key(e): e for e in previous}
    new = {_key(e): e for e in current}
    added = [e for e in current if _key(e) not in old]
    removed = [e for e in previous if _key(e) not in new]
    moved = [
        (old[_key(e)], e) for e in current if _key(e) in old and _place(old[_key(e)]) != _place(e)
    ]
    lines = ["", "## Entries", ""]
    if not (added or removed or moved):
        return [*lines, "No entry was added, removed or moved."]
    lines.append(f"{len(added)} added, {len(removed)} removed, {len(moved)} moved.")
    lines.append("")
    lines += _capped([f"- Added: {_title(e)} ({_place(e)})" for e in added])
    lines += _capped([f"- Removed: {_title(e)} ({_place(e)})" for e in removed])
    lines += _capped([f"- Moved: {_title(n)}: {_place(o)} → {_place(n)}" for o, n in moved])
    return lines


def _per_list_changes(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    """With more than one list: per list, entries then and now, added and removed."""
    names = sorted({e["list_name"] for e in current} | {e["list_name"] for e in previous})
    if len(names) < 2:
        return []
    lines = ["", "## Per list", ""]
    for name in names:
        old = {_key(e) for e in previous if e["list_name"] == name}
        new = {_key(e) for e in current if e["list_name"] == name}
        if not new:
            what = "no longer in the catalogue (removed from the config)"
        elif not old:
            what = f"new: {len(new)} entries"
        else:
            what = (
                f"{len(old)} entries then, {len(new)} now: {len(new - old)} added, "
                f"{len(old - new)} removed"
            )
        lines.append(f"- {_md(name)}: {what}")
    return lines


def _id_changes(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    old = {_key(e): e for e in previous}
    changed = []
    for entry in current:
        before = old.get(_key(entry))
        if before is None:
            continue
        diffs = [
            f"{name} {before.get(name) or 'none'} → {entry.get(name) or 'none'}"
            for name in ID_FIELDS
            if before.get(name) != entry.get(name)
        ]
        repo_then, repo_now = _repo_key(before), _repo_key(entry)
        if repo_then != repo_now:
            diffs.append(f"repository {repo_then or 'none'} → {repo_now or 'none'}")
        if diffs:
            changed.append(f"- {_title(entry)}: " + "; ".join(_md(d) for d in diffs))
    if not changed:
        return []
    return [
        "",
        "## Ids and links",
        "",
        f"{_count(len(changed), 'entry')} with other ids or links than before.",
        "",
        *_capped(changed),
    ]


def _new_flags(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    old = {_key(e): set(e.get("flags") or []) for e in previous}
    found = []
    for entry in current:
        for flag in sorted(set(entry.get("flags") or []) - old.get(_key(entry), set())):
            found.append((flag, entry))
    if not found:
        return []
    counts = Counter(flag for flag, _ in found)
    summary = ", ".join(f"{n} {flag}" for flag, n in sorted(counts.items()))
    return [
        "",
        "## New flagged problems",
        "",
        f"{len(found)} new: {summary}.",
        "",
        *_capped([f"- {_title(e)} (line {e.get('line_no')}): {flag}" for flag, e in found]),
    ]


def _gains(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    """The biggest growth between the counts the previous release published and today's."""

    def counts(entries: Sequence[Mapping[str, Any]], kind: str) -> dict[str, tuple[int, str]]:
        found: dict[str, tuple[int, str]] = {}
        for e in entries:
            if kind == "citations" and e.get("work_id") and e.get("citations"):
                found.setdefault(e["work_id"], (e["citations"]["count"], _title(e)))
            elif kind == "stars" and e.get("github") and e["github"].get("stars") is not None:
                found.setdefault(
                    _repo_key(e) or "", (e["github"]["stars"], _md(e["github"]["repo"]))
                )
        return found

    lines = []
    for kind in ("citations", "stars"):
        then, now = counts(previous, kind), counts(current, kind)
        gains = sorted(
            ((now[k][0] - then[k][0], k) for k in now if k in then and now[k][0] > then[k][0]),
            key=lambda g: (-g[0], g[1]),
        )
        if gains:
            total = sum(g for g, _ in gains)
            shown = "; ".join(
                f"{now[k][1]} +{g} ({then[k][0]} → {now[k][0]})" for g, k in gains[:GAINS_SHOWN]
            )
            noun = "work" if kind == "citations" else "repository"
            lines.append(
                f"- {kind.capitalize()}: +{total} over {_count(len(gains), noun)}. "
                f"Biggest: {shown}."
            )
    if not lines:
        return []
    return ["", "## Growth since the previous release", "", *lines]


def _repository_changes(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    then = {_repo_key(e): e["github"] for e in previous if e.get("github")}
    archived: list[str] = []
    renamed: list[str] = []
    seen: set[str | None] = set()
    for entry in current:
        github = entry.get("github")
        repo = _repo_key(entry)
        if not github or repo in seen:
            continue
        seen.add(repo)
        before = then.get(repo)
        if before is None:
            continue
        if github.get("archived") and not before.get("archived"):
            archived.append(_md(github["repo"]))
        if github.get("renamed_to") and github.get("renamed_to") != before.get("renamed_to"):
            renamed.append(f"{_md(repo or '?')} → {_md(github['renamed_to'])}")
    lines = []
    if archived:
        lines.append(f"- Newly archived ({len(archived)}): {', '.join(archived)}.")
    if renamed:
        lines.append(f"- Renamed ({len(renamed)}): {', '.join(renamed)}.")
    return ["", "## Repositories", "", *lines] if lines else []


def _repo_key(entry: Mapping[str, Any]) -> str | None:
    """The repository as linked (lower-cased owner/name): stable across renames."""
    github = entry.get("github")
    if not github:
        return None
    return str(github.get("repo_key") or github.get("repo") or "").lower() or None


def _place(entry: Mapping[str, Any]) -> str:
    parts = [p for p in (entry.get("section"), entry.get("subsection")) if p]
    return _md(" › ".join(parts)) if parts else "no section"


def _title(entry: Mapping[str, Any]) -> str:
    return "“" + _md(str(entry.get("listed_title") or entry.get("title") or "?")) + "”"


def _md(text: str) -> str:
    """Text that Markdown shows as is."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", " ".join(text.split()))


def _count(n: int, noun: str) -> str:
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _capped(items: list[str]) -> list[str]:
    if len(items) <= CHANGES_ITEMS:
        return items
    return [*items[:CHANGES_ITEMS], f"- … and {len(items) - CHANGES_ITEMS} more"]


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _source_order(name: str) -> tuple[int, str]:
    return (SOURCE_NAMES.index(name) if name in SOURCE_NAMES else len(SOURCE_NAMES), name)


# ---------------------------------------------------------------------------------------------
# Small helpers


def _query(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    result = con.execute(sql)
    columns = [d[0] for d in result.description]
    return [{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in result.fetchall()]


def _plain(value: Any) -> Any:
    """A JSON-ready value: ISO times in UTC, lists and structs recursively, Decimals as numbers."""
    if isinstance(value, datetime | date):
        return _time_text(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _time_text(value: datetime | date) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="seconds") + "Z"
    return value.isoformat()


def _number_text(value: int | float | Decimal) -> str:
    if isinstance(value, Decimal):
        value = _plain(value)
    return json.dumps(value)


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def _read_entries(path: Path) -> list[dict[str, Any]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return [e for e in data if isinstance(e, dict)] if isinstance(data, list) else None


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def iter_release_files(release_dir: Path) -> Iterable[Path]:
    """The files of a release, in the order they are listed in RELEASE_FILES, then the
    annotated lists and the page."""
    from enrich.page import ANNOTATED_NAME, PAGE_NAME

    for name in RELEASE_FILES:
        path = release_dir / name
        if path.is_file():
            yield path
    yield from sorted(p for p in release_dir.glob(f"*{ANNOTATED_NAME}") if p.is_file())
    if (release_dir / PAGE_NAME).is_file():
        yield release_dir / PAGE_NAME
