"""A rebuild's raw answers staged by a worker process (`enrich.warehouse.prestage`) load exactly
what staging them in the rebuild's own process loads; a failed worker changes nothing."""

from __future__ import annotations

import logging
import multiprocessing
import tempfile
import time
from concurrent.futures import Future, wait
from pathlib import Path
from typing import Any

import duckdb
import pytest

import enrich.warehouse.prestage as prestage
from enrich import worker
from enrich.pipeline import RefreshOptions, run_rebuild, run_refresh
from enrich.warehouse.raw_load import StagedAnswers

from fake_upstream import FakeUpstream
from test_refresh import seed_world, settings_for

RUN = RefreshOptions(release=False)
# Columns that say when a load ran, not what it loaded.
WHEN_LOADED = {"loaded_at", "updated_at", "started_at", "finished_at", "run_id"}


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' AND table_name NOT IN ('runs', 'schema_migrations') "
            "ORDER BY 1"
        ).fetchall()]  # fmt: skip
        out = {}
        for name in names:
            columns = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [name]
            ).fetchall() if r[0] not in WHEN_LOADED]  # fmt: skip
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {name}").fetchall()
            out[name] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def test_a_worker_stages_what_the_rebuild_would_stage_itself(
    tmp_path: Path, fake_upstream: FakeUpstream, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_upstream.world = seed_world()
    settings = settings_for(tmp_path, fake_upstream)
    run_refresh(settings, RUN)
    run_refresh(settings, RefreshOptions(release=False, force=True))  # a second answer each
    fake_upstream.stop()

    monkeypatch.setattr(worker, "STAGE_MIN_BYTES", 1 << 60)  # never a worker
    settings.warehouse_path.unlink()
    run_rebuild(settings)
    alone = _tables(settings.warehouse_path)

    taken: list[str] = []
    worker_idle_at_first_take: list[bool] = []
    real_take = prestage.Prestaged.take

    def take(self: prestage.Prestaged, source: str, paths: Any) -> StagedAnswers | None:
        if not taken:  # the worker is done with every job: it is gone before the load takes one
            wait([future for _, future in self.jobs.values()])
            worker_idle_at_first_take.append(_children_gone())
        staged = real_take(self, source, paths)
        if staged is not None:
            taken.append(source)
        return staged

    monkeypatch.setattr(worker, "STAGE_MIN_BYTES", 0)  # always a worker
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the staged files go
    monkeypatch.setattr(prestage.Prestaged, "take", take)
    settings.warehouse_path.unlink()
    run_rebuild(settings)
    assert sorted(taken) == ["acl", "arxiv", "github", "s2"]
    assert worker_idle_at_first_take == [True]
    assert _tables(settings.warehouse_path) == alone
    assert not list(scratch.iterdir())  # the staged files and their directory are gone
    assert alone["works"] and alone["observations"]


def _children_gone(within_s: float = 30.0) -> bool:
    """Whether this process's child processes have all ended (waiting up to `within_s`)."""
    deadline = time.monotonic() + within_s
    while multiprocessing.active_children():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_failed_worker_leaves_the_staging_to_the_load(caplog: pytest.LogCaptureFixture) -> None:
    failed: Future[StagedAnswers] = Future()
    failed.set_exception(RuntimeError("worker died"))
    paths = [Path("raw/a.json")]
    jobs = prestage.Prestaged({"arxiv": (paths, failed)})
    with caplog.at_level(logging.WARNING):
        assert jobs.take("arxiv", paths) is None
    assert "worker died" in caplog.text
    # Paths other than the worker's are not the worker's to answer.
    done: Future[StagedAnswers] = Future()
    done.set_result(StagedAnswers("arxiv", [], {}, {}, ["raw/a.json"]))
    assert prestage.Prestaged({"arxiv": (paths, done)}).take("arxiv", [Path("raw/b.json")]) is None
