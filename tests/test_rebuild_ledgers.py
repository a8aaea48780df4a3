"""`enrich rebuild` keeps failed fetches as failures and keeps the run history (issue 10: a
rebuild turned 59 failed repositories into `ok` and dropped rows from `runs`); torn ledger and
history lines are healed, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.lists import HISTORY_FILE, list_dir
from enrich.pipeline import RefreshOptions, plan_from_published, run_rebuild, run_refresh

from fake_upstream import FakeUpstream
from test_refresh import query, seed_world, settings_for

RUN = RefreshOptions(release=False)


@pytest.fixture
def upstream(fake_upstream: FakeUpstream) -> FakeUpstream:
    fake_upstream.world = seed_world()
    return fake_upstream


def test_rebuild_keeps_failures_and_runs(tmp_path: Path, upstream: FakeUpstream) -> None:
    settings = settings_for(tmp_path, upstream)
    run_refresh(settings, RUN)
    down = settings_for(tmp_path, upstream, ENRICH_GITHUB_API_URL="http://127.0.0.1:9")
    second = run_refresh(
        down, RefreshOptions(release=False, force=True, only=frozenset({"github"}))
    )
    assert second.exit_code == 3
    status_sql = "SELECT source, status, count(*) FROM fetch_status GROUP BY ALL ORDER BY ALL"
    runs_sql = "SELECT run_id, state, exit_code FROM runs ORDER BY started_at, run_id"
    before_status, before_runs = query(settings, status_sql), query(settings, runs_sql)
    assert ("github", "error", 64) in before_status
    # Two runs may start within one second (run times are kept to the second): their order
    # is then the random run id's, so compare what the runs were, not their order.
    assert sorted(r[1:] for r in before_runs) == [("completed", 0), ("stale", 3)]

    # Every value of every run and of the list versions it used, as the runs wrote them.
    whole_runs = "SELECT * FROM runs ORDER BY run_id"
    whole_versions = "SELECT * FROM run_list_versions ORDER BY ALL"
    before_whole = query(settings, whole_runs), query(settings, whole_versions)

    upstream.stop()
    # Carried from the warehouse a rebuild replaces, then from data/raw/ alone.
    for removed in (False, True):
        if removed:
            settings.warehouse_path.unlink()
        rebuilt = run_rebuild(settings)
        assert query(settings, status_sql) == before_status
        runs = query(settings, runs_sql)
        # (runs started in the same second sort by their random id: compare without rebuilds)
        assert [r for r in runs if r[1] != "rebuilt"] == before_runs
        assert (rebuilt.run_id, "rebuilt", 0) in runs
        rebuilds = {r[0] for r in runs if r[1] == "rebuilt"}
        after_whole = (
            [r for r in query(settings, whole_runs) if r[0] not in rebuilds],
            [v for v in query(settings, whole_versions) if v[0] not in rebuilds],
        )
        assert after_whole == before_whole
    # … so the next refresh asks GitHub again for every failed repository.
    from enrich.lists import fetch_list
    from enrich.pipeline import parse_versions

    version = fetch_list(settings.lists[0], settings, None, offline=True)
    plans = plan_from_published(settings, parse_versions([(settings.lists[0], version)]), RUN)
    assert len(plans["github"].ask) == 64


def test_a_torn_last_history_line_is_healed(tmp_path: Path, upstream: FakeUpstream) -> None:
    settings = settings_for(tmp_path, upstream)
    run_refresh(settings, RefreshOptions(release=False, offline=True))
    history = list_dir(settings, "mh") / HISTORY_FILE
    whole = history.read_bytes()
    history.write_bytes(whole + b'{"sha256": "abc", "orig')  # a crash mid-append
    run_rebuild(settings)  # reads past it …
    assert history.read_bytes() == whole  # … and cut it off
    history.write_bytes(whole + b'{"sha256": "abc"')
    run_refresh(settings, RefreshOptions(release=False, offline=True))  # appends after healing
    lines = history.read_bytes().splitlines()
    assert len(lines) == 2 and lines[0] == whole.rstrip(b"\n")
    assert query(settings, "SELECT count(*) FROM catalogue") == [(186,)]
