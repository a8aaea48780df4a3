"""Two nightly refreshes against the fake upstream, a week apart, with counts grown in between:
the second release shows exactly the growth that was served."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from enrich.pipeline import RefreshOptions, run_refresh
from enrich.warehouse import open_reader

from fake_upstream import FakeUpstream
from support import make_settings
from test_refresh import S2_KEY, TOKEN, seed_world

GROWN_PAPERS = {"2305.10250": 40, "2309.13567": 7}  # arXiv id → citations gained
GROWN_REPOS = {"Emo-gml/PsyLLM": 12, "qiuhuachuan/smile": 3}  # repository → stars gained


def age_everything_by_days(path: Path, days: int) -> None:
    """Pretend the first refresh ran `days` ago (the fake cannot move the clock)."""
    with duckdb.connect(str(path)) as con:
        con.execute(
            f"UPDATE observations SET observed_on = observed_on - {days}, "
            f"observed_at = observed_at - INTERVAL {days} DAY"
        )
        con.execute(
            f"UPDATE fetch_status SET last_attempt_at = last_attempt_at - INTERVAL {days} DAY"
        )


def test_second_release_shows_exactly_the_growth_served(
    tmp_path: Path, fake_upstream: FakeUpstream
) -> None:
    fake_upstream.world = world = seed_world()
    settings = make_settings(
        tmp_path, base_url=fake_upstream.base_url, env={"GITHUB_TOKEN": TOKEN, "S2_API_KEY": S2_KEY}
    )
    first = run_refresh(settings, RefreshOptions())
    assert first.release_dir and first.exit_code == 0
    age_everything_by_days(settings.warehouse_path, 7)

    for arxiv_id, gain in GROWN_PAPERS.items():
        world.s2_by_arxiv(arxiv_id).citationCount += gain
    for repo, gain in GROWN_REPOS.items():
        world.repo(repo).stars += gain
    second = run_refresh(settings, RefreshOptions())  # a week later: counts are stale, asked
    assert second.exit_code == 0 and second.release_dir != first.release_dir
    assert second.sources["arxiv"].asked == 0  # metadata still fresh (30 days)

    release = Path(second.release_dir or "")
    changes = (release / "CHANGES.md").read_text(encoding="utf-8")
    entries = json.loads((release / "catalogue.json").read_text(encoding="utf-8"))
    total_citations = sum(GROWN_PAPERS.values())
    total_stars = sum(GROWN_REPOS.values())
    assert f"+{total_citations}" in changes and f"+{total_stars}" in changes, changes
    for gain in (*GROWN_PAPERS.values(), *GROWN_REPOS.values()):
        assert f"+{gain}" in changes

    with open_reader(settings) as con:
        gains = dict(
            con.execute(
                "SELECT replace(work_id, 'arxiv:', ''), citation_gain_7d FROM work_stats "
                "WHERE citation_gain_7d <> 0"
            ).fetchall()
        )
        star_gains = dict(
            con.execute(
                "SELECT repo_key, stars_gain_7d FROM repo_stats WHERE stars_gain_7d <> 0"
            ).fetchall()
        )
    assert gains == GROWN_PAPERS
    assert star_gains == {repo.lower(): gain for repo, gain in GROWN_REPOS.items()}
    memorybank = [e for e in entries if e["listed_title"].startswith("MemoryBank")]
    assert memorybank and memorybank[0]["citations"]["gain_7d"] == GROWN_PAPERS["2305.10250"]
