"""Releases: the catalogue as files people download, one directory per release.

`write_release` writes ``<releases_dir>/<UTC date>/``:

- ``catalogue.csv``, ``catalogue.json``, ``catalogue.parquet``  one row per list entry
  (`catalogue`; the JSON checked against its schema first, `schema`);
- ``stats.json``          list and section statistics, fastest growing, top authors, data
  quality (`stats`);
- ``catalogue.bib``       one BibTeX entry per work (`bibtex`);
- ``merges.csv``          why ids are one work, with the evidence;
- ``CHANGES.md``          what changed since the previous release, in a few plain lines
  (`changes`);
- ``index.html``, ``README.annotated.md``  the catalogue page and the annotated list
  (`enrich.page`);
- ``manifest.json``       package and schema version, list versions, source freshness, row
  counts, the sha256 of every other file, and when the release was made (`manifest`).

One module each: `directory` (naming, the atomic swap, ``latest``), `names` (the files of a
release), `catalogue` (written by DuckDB, its CSV cells by the rule of `cells`), `schema`,
`stats`, `manifest`, `changes`, `bibtex`, `publish` (a GitHub Release), `values` (times and
numbers as the files write them), and `write` that puts them together.
"""

from __future__ import annotations

from enrich.release.catalogue import RELEASE_SQL, release_rows
from enrich.release.cells import csv_cell, csv_quote, neutralise
from enrich.release.changes import render_changes, source_notes
from enrich.release.directory import (
    LATEST,
    next_release_name,
    point_latest,
    previous_release,
    release_names,
)
from enrich.release.manifest import build_manifest, source_freshness
from enrich.release.names import (
    ANNOTATED_NAME,
    BIB_NAME,
    CHANGES_NAME,
    CSV_NAME,
    JSON_NAME,
    MANIFEST_NAME,
    MERGES_NAME,
    PAGE_NAME,
    PARQUET_NAME,
    RELEASE_FILES,
    STATS_NAME,
    iter_release_files,
)
from enrich.release.schema import catalogue_schema, check_entries
from enrich.release.stats import build_stats
from enrich.release.write import write_release, write_release_files

__all__ = [
    "ANNOTATED_NAME",
    "BIB_NAME",
    "CHANGES_NAME",
    "CSV_NAME",
    "JSON_NAME",
    "LATEST",
    "MANIFEST_NAME",
    "MERGES_NAME",
    "PAGE_NAME",
    "PARQUET_NAME",
    "RELEASE_FILES",
    "RELEASE_SQL",
    "STATS_NAME",
    "build_manifest",
    "build_stats",
    "catalogue_schema",
    "check_entries",
    "csv_cell",
    "csv_quote",
    "iter_release_files",
    "neutralise",
    "next_release_name",
    "point_latest",
    "previous_release",
    "release_names",
    "release_rows",
    "render_changes",
    "source_freshness",
    "source_notes",
    "write_release",
    "write_release_files",
]
