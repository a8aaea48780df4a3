"""Write a release: every file of it, from the published warehouse, into a staged directory.

`write_release` reads the published warehouse (read-only, so it works while a refresh runs).
Reproducible: the same warehouse gives byte-identical files, except ``manifest.json``'s
``created_at``. Every query has a full ORDER BY (the other catalogue files keep the order of
catalogue.parquet, written with one: `catalogue.STAGED_SQL`), no file carries a run id or the
time of the release (only the times values were observed), and the statistics are measured from
the newest observation day, never from the wall clock. DuckDB writes the same Parquet bytes for
the same rows (checked by the tests; across DuckDB versions the bytes may differ, as the writer
stamps its version into the file's metadata).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from enrich import worker
from enrich.config import Settings
from enrich.durable import write_file
from enrich.errors import WarehouseError
from enrich.heap import few_collections
from enrich.redact import redact
from enrich.release import bibtex, names
from enrich.release.catalogue import (
    ENTRIES_TABLE,
    iter_entries,
    stage_entries,
    write_catalogue_files,
    write_csv,
)
from enrich.release.changes import (
    EntryFacts,
    FactsReader,
    catalogue_counts,
    read_entries,
    render_changes,
    source_notes,
)
from enrich.release.directory import staged_release
from enrich.release.manifest import build_manifest, source_freshness
from enrich.release.schema import check_entries
from enrich.release.stats import STATS_VIEWS, build_stats
from enrich.release.values import json_bytes, utc
from enrich.summary import RunSummary
from enrich.warehouse.runs import current_entry_count
from enrich.worker import helper_for, run_in

RELEASE_THREADS = 1


def write_release(
    settings: Settings, *, now: datetime | None = None, summary: RunSummary | None = None
) -> Path:
    """Write a release of the published warehouse; returns its directory.

    `now` names the release (its UTC date) and is the manifest's `created_at`; `summary`, when
    given (at the end of a refresh), says which sources were stale, else the latest recorded run
    does.
    """
    from enrich.warehouse import open_reader

    moment = utc(now or datetime.now(UTC))
    with (
        few_collections(),
        staged_release(settings.releases_dir, moment.date()) as staged,
        open_reader(settings) as con,
    ):
        _require_views(con)
        # One DuckDB thread: the release's queries are short and its Python side the longer
        # part, and each thread's buffers for the staged rows and their copies cost hundreds of
        # MB at 100,000 entries (half the release's peak) for no time saved on two cores.
        con.execute(f"SET threads = {RELEASE_THREADS}")
        write_release_files(
            con,
            staged.folder,
            settings=settings,
            name=staged.name,
            now=moment,
            summary=summary,
            previous=staged.previous,
        )
    return settings.releases_dir / staged.name


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
    """Every file of a release into `folder`; manifest.json last, as it hashes all the others.

    A big catalogue's release has a helper process (started with it) do what needs files only:
    read the block layouts of the lists to annotate (`layouts_ahead`), beside the catalogue
    files, then check catalogue.json and compare it with the previous release
    (`describe_catalogue`), while this one writes the files the warehouse gives."""
    with helper_for(current_entry_count(con), worker.RELEASE_MIN_ENTRIES) as helper:
        if helper is not None:
            helper.start(__name__)  # its start beside the writing of the catalogue files
        # What people look at: the catalogue page and the annotated list (enrich.page), whose
        # layouts the helper reads first, beside the catalogue files.
        from enrich.page import layouts_ahead, write_page_files

        layouts = layouts_ahead(con, settings, helper)
        stage_entries(con, folder / names.PARQUET_NAME)
        json_path = folder / names.JSON_NAME
        write_catalogue_files(con, folder / names.CSV_NAME, json_path)
        described = run_in(
            helper, describe_catalogue, json_path, previous, source_notes(con, summary)
        )
        if helper is not None:
            helper.no_more_work()  # done with it as soon as the catalogue is described
        stats = build_stats(con)
        write_file(folder / names.STATS_NAME, json_bytes(stats))
        n_bib = bibtex.write_bibtex(con, folder / names.BIB_NAME)
        # work_merges.csv: why ids are one work
        write_csv(con, "SELECT * FROM work_merges", folder / names.MERGES_NAME)
        freshness = source_freshness(con, settings)
        write_page_files(
            con,
            folder,
            settings=settings,
            source=ENTRIES_TABLE,
            stats=stats,
            freshness=freshness,
            layouts=layouts,
        )
        changes, counts = described.result()
    write_file(folder / names.CHANGES_NAME, redact(changes, settings.secrets()).encode("utf-8"))
    manifest = build_manifest(
        con,
        folder,
        name=name,
        now=now,
        freshness=freshness,
        counts={
            **counts,
            "bibtex_entries": n_bib,
            "data_quality": stats["data_quality"]["total"],
        },
    )
    write_file(folder / names.MANIFEST_NAME, json_bytes(manifest))


def describe_catalogue(
    path: Path, previous: Path | None, sources: list[str] | None
) -> tuple[str, dict[str, int]]:
    """Check catalogue.json against its schema (`read_back`) and say what changed since the
    `previous` release: CHANGES.md's text (not yet redacted: secrets stay in this process) and
    the manifest's counts of the catalogue. Reads the two files only."""
    facts = FactsReader()  # one for both: the releases share most of their strings
    entries = read_back(path, facts)
    changes = render_changes(
        entries,
        read_entries(previous / names.JSON_NAME, facts) if previous else None,
        previous_name=previous.name if previous else None,
        sources=sources,
    )
    return changes, catalogue_counts(entries)


def read_back(path: Path, facts: FactsReader) -> list[EntryFacts]:
    """catalogue.json as written, checked against its schema on the way (not published
    otherwise), an entry at a time: returns what CHANGES.md and the counts read of each entry."""
    kept: list[EntryFacts] = []

    def each() -> Iterator[dict[str, Any]]:
        for entry in iter_entries(path):
            kept.append(facts(entry))
            yield entry

    check_entries(each())
    return kept


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
