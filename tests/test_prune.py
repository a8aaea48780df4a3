"""Housekeeping: `enrich prune` forgets what nothing needs, and `enrich rebuild` still gives
the same warehouse back; every run leaves a log file, rotated."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from enrich.pipeline import RefreshOptions, run_rebuild, run_refresh
from enrich.prune import prune
from enrich.warehouse import open_reader

from fake_upstream import FakeUpstream
from support import env_for, make_settings
from test_refresh import S2_KEY, TOKEN, seed_world

CATALOGUE = (
    "SELECT entry_id, title, authors, abstract, citation_count, stars, github_repo "
    "FROM catalogue ORDER BY ALL"
)
HISTORY = (
    "SELECT subject_kind, subject_id, metric, value, observed_on FROM observations ORDER BY ALL"
)


def test_prune_keeps_what_rebuild_needs_and_removes_superseded_answers(
    fake_upstream: FakeUpstream, tmp_path: Path
) -> None:
    fake_upstream.world = seed_world()
    settings = make_settings(
        tmp_path,
        base_url=fake_upstream.base_url,
        env={"GITHUB_TOKEN": TOKEN, "S2_API_KEY": S2_KEY},
    )
    run_refresh(settings, RefreshOptions(release=False))
    run_refresh(settings, RefreshOptions(force=True, release=False))  # supersedes the first
    unloaded = settings.raw_dir / "arxiv" / "2020-01-01" / "crashed-run.json"
    unloaded.parent.mkdir(parents=True)
    unloaded.write_text("{}", encoding="utf-8")  # a crashed run's answer, never loaded
    with open_reader(settings) as con:
        before = con.execute(CATALOGUE).fetchall(), con.execute(HISTORY).fetchall()
    files_before = sorted(settings.raw_dir.rglob("*.json"))

    in_40_days = date.today() + timedelta(days=40)  # every answer is older than 30 days then
    dry = prune(settings, keep_raw_days=30, dry_run=True, today=in_40_days)
    assert sorted(settings.raw_dir.rglob("*.json")) == files_before
    report = prune(settings, keep_raw_days=30, today=in_40_days)
    assert report.raw_removed == dry.raw_removed > 0
    assert report.raw_kept + report.raw_removed == len(files_before)
    assert unloaded.exists()
    assert (settings.raw_dir / "lists" / "mh" / "history.jsonl").exists()  # versions stay
    # Nothing that is kept is younger than the cut-off by accident: a prune today keeps all.
    assert prune(settings, keep_raw_days=30).raw_removed == 0

    unloaded.unlink()
    run_rebuild(settings)
    with open_reader(settings) as con:
        assert (con.execute(CATALOGUE).fetchall(), con.execute(HISTORY).fetchall()) == before


def test_release_retention_keeps_the_newest_the_last_of_each_recent_day_and_of_each_month(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path)
    names = [
        "2026-10-01", "2026-10-15", "2026-10-31", "2026-11-29",
        "2026-11-30", "2026-11-30-2", "2026-11-30-3",
    ]  # fmt: skip
    for name in names:
        (settings.releases_dir / name).mkdir(parents=True)
    report = prune(settings, keep_release_days=7, today=date(2026, 11, 30))
    assert report.releases_removed == ["2026-10-01", "2026-10-15", "2026-11-30", "2026-11-30-2"]
    kept = sorted(p.name for p in settings.releases_dir.iterdir())
    assert kept == ["2026-10-31", "2026-11-29", "2026-11-30-3"]


def test_each_run_writes_a_log_file_and_old_ones_are_rotated(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, env={"ENRICH_KEEP_LOGS": "2"})
    for _ in range(3):
        run_refresh(settings, RefreshOptions(offline=True, release=False))
    logs = sorted((settings.data_dir / "logs").glob("refresh-*.log"))
    assert len(logs) == 2
    text = logs[-1].read_text(encoding="utf-8")
    assert "started (no orchestrator)" in text and "186 entries" in text


def test_enrich_prune_from_the_command_line(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    (settings.releases_dir / "2020-01-01").mkdir(parents=True)
    (settings.releases_dir / "2020-01-01-2").mkdir(parents=True)
    (settings.releases_dir / "2020-01-01-2" / "manifest.json").write_text(json.dumps({}))
    done = subprocess.run(
        [sys.executable, "-m", "enrich.cli", "prune", "--keep-release-days", "1"],
        env={**env_for(settings), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "releases removed 1 (2020-01-01)" in done.stdout
    assert [p.name for p in settings.releases_dir.iterdir()] == ["2020-01-01-2"]
