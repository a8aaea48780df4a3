"""What a release holds: the names of its files, and every file of a release on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

CSV_NAME = "catalogue.csv"
JSON_NAME = "catalogue.json"
PARQUET_NAME = "catalogue.parquet"
STATS_NAME = "stats.json"
BIB_NAME = "catalogue.bib"
MERGES_NAME = "merges.csv"
CHANGES_NAME = "CHANGES.md"
MANIFEST_NAME = "manifest.json"
# The page and the annotated list (enrich.page): one README.annotated.md per list, prefixed with
# the list's name when a release has several.
PAGE_NAME = "index.html"
ANNOTATED_NAME = "README.annotated.md"
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


def iter_release_files(release_dir: Path) -> Iterator[Path]:
    """Every file of a release: those of RELEASE_FILES in that order, then the annotated lists
    (by name) and the page."""
    for name in RELEASE_FILES:
        path = release_dir / name
        if path.is_file():
            yield path
    yield from sorted(p for p in release_dir.glob(f"*{ANNOTATED_NAME}") if p.is_file())
    if (release_dir / PAGE_NAME).is_file():
        yield release_dir / PAGE_NAME
