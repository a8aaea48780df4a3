"""The warehouse: migrations with a ledger, idempotent loads, rollback, one writer, the view."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from filelock import FileLock

from enrich import merge, warehouse
from enrich.config import MergeOverrides, Settings
from enrich.errors import BusyError
from enrich.pipeline import RefreshOptions, run_refresh
from enrich.warehouse import (
    LOCK_NAME,
    checkpoint_if_holding,
    create_views,
    migrate,
    migrations,
    open_reader,
    transaction,
)

from support import make_settings

DESIGN_COLUMNS = (
    "list_name",
    "entry_id",
    "section",
    "subsection",
    "position",
    "kind",
    "listed_title",
    "listed_venue",
    "listed_year",
    "title",
    "authors",
    "abstract",
    "year",
    "venue",
    "arxiv_id",
    "acl_id",
    "doi",
    "openreview_id",
    "s2_paper_id",
    "paper_url",
    "code_url",
    "github_repo",
    "citation_count",
    "influential_citation_count",
    "stars",
    "forks",
    "citations_observed_at",
    "stars_observed_at",
)
HISTORY_TABLES = {"runs", "run_list_versions", "schema_migrations"}
OFFLINE = RefreshOptions(offline=True, release=False)


def table_counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
            ).fetchall()
        ]
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrations_are_numbered_and_applied_once() -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(versions) and versions[0] == 1
    con = duckdb.connect()
    assert migrate(con) == [f"{v:03d}_{n}" for v, n, _ in migrations()]
    assert migrate(con) == []  # the ledger remembers
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (len(versions),)


def test_catalogue_view_has_every_design_column_null_until_fetched(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    run_refresh(settings, OFFLINE)
    with open_reader(settings) as con:
        columns = [r[0] for r in con.execute("DESCRIBE catalogue").fetchall()]
        assert set(DESIGN_COLUMNS) <= set(columns)
        types = dict(
            con.execute("SELECT column_name, column_type FROM (DESCRIBE catalogue)").fetchall()
        )
        assert types["authors"] == "VARCHAR[]"
        row = con.execute(
            "SELECT count(*), count(title), count(citation_count), count(stars) FROM catalogue"
        ).fetchone()
    assert row == (186, 0, 0, 0)


def test_seed_figures_come_out_of_the_catalogue(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    summary = run_refresh(settings, OFFLINE)
    assert summary.ids["arxiv"] == 82 and summary.ids["acl"] == 55 and summary.ids["github"] == 64
    with open_reader(settings) as con:
        figures = con.execute(
            """
            SELECT count(*), count(*) FILTER (WHERE kind <> 'dataset'),
                   count(*) FILTER (WHERE kind = 'dataset'),
                   count(DISTINCT arxiv_id), count(DISTINCT acl_id), count(DISTINCT github_repo)
            FROM catalogue
            """
        ).fetchone()
        assert figures == (186, 94, 92, 82, 55, 64)
        titles = [r[0] for r in con.execute("SELECT listed_title FROM catalogue").fetchall()]
        assert any(t.startswith("Ψ-Arena") for t in titles)
        assert not any("Î¨" in t or "â€" in t or "ğŸ" in t for t in titles)
        # PsyLite is listed in two sections: one work, two entries.
        psylite = con.execute(
            "SELECT count(*), count(DISTINCT work_id), count(DISTINCT subsection) "
            "FROM catalogue WHERE listed_title = 'PsyLite Technical Report'"
        ).fetchone()
    assert psylite == (2, 1, 2)


def test_link_ledger_is_in_the_warehouse_and_adds_up(tmp_path: Path) -> None:
    """Every link of the seed has one row in link_ledger; the fates add up to the links of
    the entries plus what was ignored, and list_versions keeps the totals."""
    settings = make_settings(tmp_path)
    run_refresh(settings, OFFLINE)
    with open_reader(settings) as con:
        fates = dict(con.execute("SELECT fate, count(*) FROM link_ledger GROUP BY fate").fetchall())
        assert fates == {"entry": 290, "ignored": 4}
        reasons = con.execute(
            "SELECT DISTINCT reason FROM link_ledger WHERE fate = 'ignored'"
        ).fetchall()
        assert reasons == [("badge",)]
        entry_links = con.execute("SELECT count(*) FROM links").fetchone()
        assert entry_links == (290,)
        accounting = con.execute("SELECT link_accounting FROM list_versions").fetchone()
        assert accounting is not None and '"entry": 290' in accounting[0]


def test_loading_twice_changes_no_row_count(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    run_refresh(settings, OFFLINE)
    first = table_counts(settings.warehouse_path)
    run_refresh(settings, OFFLINE)
    second = table_counts(settings.warehouse_path)
    for table in set(first) - HISTORY_TABLES:
        assert first[table] == second[table], table
    assert second["runs"] == first["runs"] + 1  # run history is appended, by design


def test_failed_load_leaves_the_previous_warehouse_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    run_refresh(settings, OFFLINE)
    before = digest(settings.warehouse_path)
    counts = table_counts(settings.warehouse_path)

    def explode(con: duckdb.DuckDBPyConnection, *args: object, **kwargs: object) -> int:
        con.execute("DELETE FROM entries")  # half-done work that must not survive
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("enrich.pipeline.rebuild_works", explode)
    with pytest.raises(RuntimeError):
        run_refresh(settings, OFFLINE)
    assert digest(settings.warehouse_path) == before
    assert table_counts(settings.warehouse_path) == counts
    leftovers = [p.name for p in settings.warehouse_dir.iterdir() if "building" in p.name]
    assert leftovers == []


def test_transaction_rolls_back_explicitly() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    with pytest.raises(duckdb.ConstraintException), transaction(con):
        con.execute("INSERT INTO t VALUES (1)")
        con.execute("INSERT INTO t VALUES (1)")
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_a_load_checkpoints_mid_way_only_when_duckdb_holds_enough(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("CREATE TABLE t (n INTEGER)")
    with transaction(con):
        con.execute("INSERT INTO t SELECT range FROM range(100000)")
        assert not checkpoint_if_holding(con, min_mb=1 << 20)  # a terabyte: never held
        assert checkpoint_if_holding(con, min_mb=0)  # committed and checkpointed …
        con.execute("INSERT INTO t VALUES (-1)")  # … and the load goes on in a transaction
    assert con.execute("SELECT count(*) FROM t").fetchone() == (100001,)
    con.close()


def test_checkpoints_between_a_loads_steps_change_nothing_it_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def catalogue(settings: Settings) -> list[list[tuple[object, ...]]]:
        # Twice: the second merge deletes the first one's rows before writing its own.
        for _ in range(2):
            run_refresh(settings, RefreshOptions(offline=True, release=False))
        with open_reader(settings) as con:
            return [
                con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
                for table in ("catalogue", "works", "work_ids", "work_authors",
                              "field_provenance", "merge_links", "link_problems")
            ]  # fmt: skip

    plain = catalogue(make_settings(tmp_path / "plain"))
    checkpoints: list[bool] = []
    real = warehouse.checkpoint_transaction

    def counted(con: duckdb.DuckDBPyConnection) -> None:
        checkpoints.append(True)
        real(con)

    monkeypatch.setattr(warehouse, "CHECKPOINT_MIN_MB", 0)  # after every step
    monkeypatch.setattr(warehouse, "checkpoint_transaction", counted)
    assert catalogue(make_settings(tmp_path / "checkpointed")) == plain
    # Each refresh: after the lists, each source's answers, and the merge's steps (its old rows
    # gone, each batch written).
    assert len(checkpoints) >= 2 * (5 + 3)
    assert all(plain[:3])


def test_views_are_created_again_only_when_they_would_differ(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)  # a new warehouse: tables, then views
    assert not create_views(con)  # the same SQL, every view there: nothing to do
    assert create_views(con, always=True)  # after a migration
    con.execute("DROP VIEW work_merges")
    assert create_views(con)  # a view missing: all made again …
    assert con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = 'work_merges'"
    ).fetchone() == (1,)
    assert not create_views(con)
    macro = warehouse.paper_kind_macro()
    monkeypatch.setattr(warehouse, "paper_kind_macro", lambda: macro + " ")
    assert create_views(con)  # … and when their SQL changed
    con.close()


def test_a_second_writer_is_turned_away_clearly(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    settings.warehouse_dir.mkdir(parents=True)
    lock = FileLock(str(settings.warehouse_dir / LOCK_NAME))
    with lock, pytest.raises(BusyError, match="another refresh is writing"):
        run_refresh(settings, OFFLINE)


def test_readers_see_the_published_state_while_a_writer_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    run_refresh(settings, OFFLINE)
    seen: list[int] = []
    original = merge.rebuild_works

    def read_midway(con: duckdb.DuckDBPyConnection, overrides: MergeOverrides, **_: object) -> int:
        con.execute("DELETE FROM entries WHERE kind = 'dataset'")
        with open_reader(settings) as reader:  # another connection, read-only, mid-load
            seen.append(reader.execute("SELECT count(*) FROM catalogue").fetchone()[0])
        return original(con, overrides)

    monkeypatch.setattr("enrich.pipeline.rebuild_works", read_midway)
    run_refresh(settings, OFFLINE)
    assert seen == [186]


def test_the_writer_keeps_duckdb_to_its_memory_and_says_which_setting_to_raise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from enrich.errors import WarehouseError
    from enrich.warehouse import open_writer

    settings = make_settings(tmp_path, env={"ENRICH_WAREHOUSE_MEMORY_MB": "200"})
    assert settings.warehouse_memory_mb == 200
    scratch = duckdb.connect()
    scratch.execute("SET memory_limit = '200MB'")
    with open_writer(settings) as con:
        assert con.execute("SELECT current_setting('memory_limit')").fetchone() == (
            scratch.execute("SELECT current_setting('memory_limit')").fetchone()
        )
    before = digest(settings.warehouse_path)
    with pytest.raises(WarehouseError, match="ENRICH_WAREHOUSE_MEMORY_MB"), open_writer(settings):
        raise duckdb.OutOfMemoryException("failed to allocate data of size 2.0 MiB")
    assert digest(settings.warehouse_path) == before  # nothing published
    assert [p.name for p in settings.warehouse_dir.iterdir() if "building" in p.name] == []
