"""manifest.json: package and schema version, list versions, source freshness, row counts, the
sha256 and size of every other file of the release, and when the release was made.

Written last, so that it covers every file of the release (`names.iter_release_files`): the
catalogue files, stats, BibTeX, merges, CHANGES.md, the annotated lists and the page."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from enrich.config import SOURCE_NAMES, Settings
from enrich.release.names import MANIFEST_NAME, iter_release_files
from enrich.release.schema import catalogue_schema
from enrich.release.values import plain, query, time_text


def build_manifest(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    *,
    name: str,
    now: datetime,
    counts: Mapping[str, int],
    freshness: Mapping[str, Any],
) -> dict[str, Any]:
    from enrich import __version__
    from enrich.warehouse import schema_version

    as_of = con.execute("SELECT as_of FROM stats_as_of").fetchone()
    return {
        "release": name,
        "created_at": time_text(now),
        "package": {"name": "enrich", "version": __version__},
        "schema_version": schema_version(),
        "catalogue_schema": catalogue_schema()["$id"],
        "as_of": plain(as_of[0] if as_of else None),
        "lists": query(
            con,
            "SELECT list_name AS name, current_sha256 AS sha256, url FROM lists "
            "WHERE current_sha256 IS NOT NULL ORDER BY list_name",
        ),
        "source_freshness": dict(freshness),
        "row_counts": dict(counts),
        "files": file_hashes(folder),
    }


def file_hashes(folder: Path) -> dict[str, dict[str, Any]]:
    """The sha256 and size of every file of the release but the manifest itself."""
    files = {}
    for path in iter_release_files(folder):
        if path.name != MANIFEST_NAME:
            with open(path, "rb") as handle:  # a buffer at a time: the files are large
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            files[path.name] = {"sha256": digest, "bytes": path.stat().st_size}
    return files


def source_freshness(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, Any]:
    """Per source: items whose last attempt was ok / not found / an error, and the oldest and
    newest good answer among them."""
    found = {
        row["source"]: row
        for row in query(
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
