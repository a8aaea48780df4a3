"""Housekeeping: what `data/` may forget, and what it must keep.

Raw answers (`data/raw/<source>/<YYYY-MM-DD>/*.json`, and the list fetches' envelopes under
`data/raw/lists/<YYYY-MM-DD>/`) are kept when they are
- from the last `keep_raw_days` days, or
- referenced by the published warehouse (a record, an observation, a field's provenance, an
  ACL volume: what `enrich rebuild` needs to give the same warehouse back), or
- not loaded yet (a crashed run's answers, which the next refresh loads).
Everything else (answers superseded by newer ones, 304 envelopes, failed answers) goes. List
versions (`data/raw/lists/<list>/<sha256>.md`) and their history are never pruned: rebuild
replays them.

Releases (`data/releases/<date>[-N]/`) are kept when they are the newest, or the last of their
day within `keep_release_days` days, or the last of their month (a monthly archive for ever).
Same-day re-runs (`-2`, `-3` …) before the last of the day go.

Run logs (`data/logs/*.log`) are rotated by `enrich.runlog`, not here.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from enrich.config import Settings
from enrich.release.directory import release_names
from enrich.sources import registry

# Derived tables whose rows name the raw answer a value came from (besides every table a source
# loads: see `referencing_tables`).
DERIVED_REFERENCING_TABLES = ("field_provenance",)


def raw_areas() -> tuple[str, ...]:
    """The folders of data/raw/: one a source, and the lists'."""
    return (*registry.listed_names(), "lists")


def referencing_tables() -> tuple[str, ...]:
    """Warehouse tables whose rows name the raw answer they came from: every table a source
    loads (each row keeps its `raw_path`), and the derived ones."""
    loaded = {table: None for name in registry.names() for table in registry.table_keys(name)}
    return (*loaded, *DERIVED_REFERENCING_TABLES)


@dataclass
class PruneReport:
    raw_removed: int = 0
    raw_kept: int = 0
    bytes_freed: int = 0
    releases_removed: list[str] = field(default_factory=list)
    releases_kept: int = 0
    dry_run: bool = False

    def to_text(self) -> str:
        verb = "would remove" if self.dry_run else "removed"
        return (
            f"prune: raw answers {verb} {self.raw_removed}, kept {self.raw_kept} "
            f"({self.bytes_freed / 1e6:.1f} MB); releases {verb} {len(self.releases_removed)}"
            + (f" ({', '.join(self.releases_removed)})" if self.releases_removed else "")
            + f", kept {self.releases_kept}"
        )


def prune(
    settings: Settings,
    *,
    keep_raw_days: int = 30,
    keep_release_days: int = 30,
    dry_run: bool = False,
    today: date | None = None,
) -> PruneReport:
    """Remove what the rules above let go. Call it holding the refresh lock."""
    today = today or datetime.now(UTC).date()
    report = PruneReport(dry_run=dry_run)
    prune_raw(settings, today - timedelta(days=keep_raw_days), report)
    prune_releases(settings, today - timedelta(days=keep_release_days), report)
    return report


def prune_raw(settings: Settings, before: date, report: PruneReport) -> None:
    found = _warehouse_paths(settings)
    if found is None:
        return  # nothing loaded yet: every answer may still be needed
    referenced, loaded = found
    for area in raw_areas():
        base = settings.raw_dir / area
        if not base.is_dir():
            continue
        for day_dir in sorted(p for p in base.iterdir() if p.is_dir()):
            day = _day(day_dir.name)
            if day is None:
                continue  # a list's own directory of versions: never pruned
            for path in sorted(day_dir.glob("*.json")):
                relative = str(path.relative_to(settings.data_dir))
                keep = day >= before or relative in referenced
                if area != "lists" and relative not in loaded:
                    keep = True  # not loaded yet: the next refresh loads it
                if keep:
                    report.raw_kept += 1
                    continue
                report.raw_removed += 1
                report.bytes_freed += path.stat().st_size
                if not report.dry_run:
                    path.unlink()
            if not report.dry_run and not any(day_dir.iterdir()):
                day_dir.rmdir()


def _warehouse_paths(settings: Settings) -> tuple[set[str], set[str]] | None:
    """(raw paths the warehouse references, raw paths it has loaded), or None without one."""
    if not settings.warehouse_path.exists():
        return None
    from enrich.warehouse import open_reader

    with open_reader(settings) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        union = " UNION ".join(
            f"SELECT raw_path FROM {table} WHERE raw_path IS NOT NULL"
            for table in referencing_tables()
            if table in tables
        )
        referenced = {r[0] for r in con.execute(union).fetchall()}
        loaded = {r[0] for r in con.execute("SELECT raw_path FROM raw_loaded").fetchall()}
    return referenced, loaded


def prune_releases(settings: Settings, before: date, report: PruneReport) -> None:
    names = release_names(settings.releases_dir)
    keep = set(names[-1:])  # the newest, whatever its age
    last_of_day: dict[str, str] = {}
    last_of_month: dict[str, str] = {}
    for name in names:  # oldest first: the last one seen of a day or month wins
        last_of_day[name[:10]] = name
        last_of_month[name[:7]] = name
    keep |= set(last_of_month.values())
    keep |= {name for day, name in last_of_day.items() if (_day(day) or before) >= before}
    for name in names:
        if name in keep:
            report.releases_kept += 1
            continue
        report.releases_removed.append(name)
        if not report.dry_run:
            shutil.rmtree(settings.releases_dir / name)


def _day(name: str) -> date | None:
    try:
        return date.fromisoformat(name[:10]) if len(name) >= 10 else None
    except ValueError:
        return None
