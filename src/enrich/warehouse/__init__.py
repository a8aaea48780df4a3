"""The DuckDB warehouse: migrations, one writer at a time, readers that never wait.

DuckDB lets one process hold a database file. So a refresh never writes the published file:
it copies it to a private staging file, migrates and loads that, checkpoints it, and renames it
over the published one (an atomic `os.replace`). Readers (`enrich sql`) open the published file
read-only and see either the whole previous state or the whole new one, never half a load. A crash
or kill mid-refresh leaves the published file untouched; the staging file is left behind and
removed by the next writer. A file lock keeps a second writer out with a clear message.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path

import duckdb

from enrich.config import Settings
from enrich.durable import fsync
from enrich.errors import WarehouseError

# The refresh lock lives in a light module (a refused refresh must not wait for DuckDB); it is
# still reachable here, where the other locks are.
from enrich.lock import REFRESH_LOCK_NAME as REFRESH_LOCK_NAME
from enrich.lock import held_or_busy
from enrich.lock import refresh_lock as refresh_lock

LOCK_NAME = ".writer.lock"
STAGING_SUFFIX = ".building"
_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


def _sql_files(folder: str) -> list[tuple[str, str]]:
    base = resources.files("enrich.warehouse") / folder
    names = sorted(p.name for p in base.iterdir() if p.name.endswith(".sql"))
    return [(name, (base / name).read_text(encoding="utf-8")) for name in names]


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration, in order."""
    found = []
    for file_name, sql in _sql_files("migrations"):
        match = _MIGRATION_NAME.match(file_name)
        if not match:
            raise WarehouseError(f"migration file name not of the form NNN_name.sql: {file_name}")
        found.append((int(match.group(1)), match.group(2), sql))
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise WarehouseError("two migration files share a number")
    return found


def schema_version() -> int:
    return max(v for v, _, _ in migrations())


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not yet in the ledger, each in one transaction with its record; then
    the views (`create_views`)."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    applied = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    done = []
    for version, name, sql in migrations():
        if version in applied:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
        done.append(f"{version:03d}_{name}")
    create_views(con, always=bool(done))
    return done


def create_views(con: duckdb.DuckDBPyConnection, *, always: bool = False) -> bool:
    """Create (or replace) the views, unless the warehouse has every view this very SQL made
    (`schema_views` records its digest and how many views it made) and `always` is not asked
    (a migration ran). Binding ~650 lines of views took ~40 ms of every writer's open. Returns
    whether they were created."""
    statements = [paper_kind_macro(), *(sql for _, sql in _sql_files("views"))]
    digest = hashlib.sha256("\n;\n".join(statements).encode("utf-8")).hexdigest()
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_views (digest VARCHAR NOT NULL, views INTEGER NOT NULL)"
    )
    recorded = con.execute("SELECT digest, views FROM schema_views").fetchone()
    if not always and recorded == (digest, _view_count(con)):
        return False
    for sql in statements:
        con.execute(sql)
    con.execute("DELETE FROM schema_views")
    con.execute("INSERT INTO schema_views VALUES (?, ?)", [digest, _view_count(con)])
    return True


def _view_count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()
    return int(row[0]) if row else 0


def paper_kind_macro() -> str:
    """`paper_kind(id_kind)` for the views: `enrich.ids.paper_kind`, the one rule for which
    kind of paper a link names (a Hugging Face paper page is an arXiv paper), made from its
    mapping."""
    from enrich.ids import SAME_PAPER_AS

    cases = " ".join(f"WHEN '{kind}' THEN '{same}'" for kind, same in SAME_PAPER_AS.items())
    return f"CREATE OR REPLACE MACRO paper_kind(kind) AS CASE kind {cases} ELSE kind END"


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT, with an explicit ROLLBACK on error.

    DuckDB's COMMIT after a failed statement silently rolls back instead of raising, so the
    error must be caught here and the rollback made explicit.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def checkpoint_transaction(con: duckdb.DuckDBPyConnection) -> None:
    """Commit what the open `transaction` wrote so far, write it to the file, and go on in a new
    transaction. DuckDB then holds the file's compressed blocks (evictable) rather than every
    uncommitted row: before a 100,000-entry rebuild's works merge, 386 -> 55 MB, and the
    rebuild's peak 1,045 -> 902 MB. Only on `open_writer`'s private copy, which is published at
    the writer's clean end alone: a failure after this still publishes nothing."""
    con.execute("COMMIT")
    con.execute("CHECKPOINT")
    con.execute("BEGIN TRANSACTION")


CHECKPOINT_MIN_MB = 96
"""What DuckDB holds, in MB, from which a load checkpoints between its steps
(`checkpoint_if_holding`): at 100,000 entries the lists' rows and indexes alone are ~130 MB
when the answers' load starts; at 10,000 a whole load holds ~60 MB, and a checkpoint would cost
~0.1 s and save nothing."""


def checkpoint_if_holding(con: duckdb.DuckDBPyConnection, min_mb: int | None = None) -> bool:
    """`checkpoint_transaction` when DuckDB holds `min_mb` (default `CHECKPOINT_MIN_MB`) or
    more; whether it did."""
    limit = CHECKPOINT_MIN_MB if min_mb is None else min_mb
    row = con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()
    if row is None or (row[0] or 0) < limit * 1e6:
        return False
    checkpoint_transaction(con)
    return True


@contextmanager
def open_writer(settings: Settings, *, fresh: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one writer: a private copy of the warehouse (an empty one when `fresh`), published
    atomically on success.

    DuckDB may use `settings.warehouse_memory_mb` (default 512 MB): what it holds beyond that
    (table data already written to the file, staged rows) it evicts or spills to a temporary
    directory next to the file. Left at its default (80% of the machine's memory) it keeps the
    whole warehouse being written in memory: 0.9 GB for the 100k benchmark's rebuild, whose
    indexes and running queries need under 384 MB. What it cannot evict (mostly the key
    indexes) grows with the warehouse; past the limit the run stops with a message that names
    the setting."""
    lock = settings.warehouse_dir / LOCK_NAME
    busy = f"another refresh is writing the warehouse; wait for it to finish (lock: {lock})"
    published = settings.warehouse_path
    staging = published.with_name(published.name + STAGING_SUFFIX)
    with held_or_busy(lock, busy):
        try:
            _remove(staging)  # a leftover of a killed writer
            if published.exists() and not fresh:
                shutil.copyfile(published, staging)
            con = _connect(staging, read_only=False)
            try:
                con.execute(f"SET memory_limit = '{settings.warehouse_memory_mb}MB'")
                migrate(con)
                yield con
                con.execute("CHECKPOINT")
            except duckdb.OutOfMemoryException as exc:
                raise WarehouseError(
                    f"DuckDB needs more than its {settings.warehouse_memory_mb} MB to write the "
                    "warehouse: raise warehouse_memory_mb in the config (or "
                    f"ENRICH_WAREHOUSE_MEMORY_MB); nothing was published ({exc})"
                ) from None
            finally:
                con.close()
            os.replace(staging, published)
            fsync(published.parent)
        finally:
            _remove(staging)


@contextmanager
def open_reader(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published warehouse; works while a refresh runs."""
    path = settings.warehouse_path
    if not path.exists():
        raise WarehouseError(f"no warehouse at {path} yet: run `enrich refresh` first")
    con = _connect(path, read_only=True)
    try:
        yield con
    finally:
        con.close()


# The SQL door: what a connection handed to people's SQL may reach. Read-only, no files, no
# environment, no other databases, no extensions, and no SET to undo any of it.
LOCKED_READER_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,  # read_text, read_csv, glob, COPY TO, ATTACH, getenv …
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,  # last: nothing after it can turn the others back on
}


@contextmanager
def open_locked_reader(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The connection people's SQL runs on (`enrich sql`, `enrich status`): the published
    warehouse, read-only, and nothing else. Releases are where files come from."""
    path = settings.warehouse_path
    if not path.exists():
        raise WarehouseError(f"no warehouse at {path} yet: run `enrich refresh` first")
    con = _connect(path, read_only=True, config=LOCKED_READER_CONFIG)
    try:
        yield con
    finally:
        con.close()


# DuckDB's allocator keeps what a query freed (its default: until 128 MB more than that was
# freed, or for good): staging a 100,000-entry release freed ~450 MB that stayed in the process
# for the rest of the release, while a helper process did its part. Flushed after each task and
# by background threads, the process holds what DuckDB holds: 591 -> 131 MB a second later.
ALLOCATOR_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "allocator_flush_threshold": "16MB",
    "allocator_background_threads": True,
}


def _connect(
    path: Path,
    *,
    read_only: bool,
    config: dict[str, str | bool | int | float | list[str]] | None = None,
) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(
            str(path), read_only=read_only, config={**ALLOCATOR_CONFIG, **(config or {})}
        )
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open the warehouse {path}: {exc}") from None


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        with suppress(FileNotFoundError):
            candidate.unlink()
    # Where DuckDB spills past its memory limit (it empties it when it closes; a kill does not).
    shutil.rmtree(path.with_name(path.name + ".tmp"), ignore_errors=True)
