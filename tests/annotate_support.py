"""A warehouse of real shapes for the annotation and page tests: both seed versions and every
shape fixture, refreshed against the fake upstream on 127.0.0.1, with a month of back-dated
history added so gains and sparklines have something to show."""

from __future__ import annotations

from pathlib import Path

import duckdb

from enrich.config import ListConfig, Settings
from enrich.parse import parse_list
from enrich.pipeline import RefreshOptions, run_refresh
from enrich.resolve import resolve_entries

from fake_upstream import FakeUpstream, FakeWorld
from support import FIXTURES, SEED, SEED_OLD, make_settings

SHAPES = FIXTURES / "lists" / "shapes"
# name → file: the lists the warehouse holds (one name per list: a list has one current version).
LISTS: dict[str, Path] = {
    "mh": SEED,
    "mh-old": SEED_OLD,
    **{p.stem.replace("_", "-"): p for p in sorted(SHAPES.glob("*.md"))},
}
HISTORY_DAYS = (84, 56, 28)  # days before the refresh with a smaller value of every metric


def build_world() -> FakeWorld:
    resolved = [
        r for name, path in LISTS.items() for r in resolve_entries(
            parse_list(name, path.read_bytes()).entries
        )
    ]  # fmt: skip
    arxiv = sorted({c.value for r in resolved for c in r.paper_ids if c.kind == "arxiv"})
    acl = sorted({c.value for r in resolved for c in r.paper_ids if c.kind == "acl"})
    repos = sorted({r.repo_key for r in resolved if r.repo_key})
    # The fake serves the title the list gives, so only wrong links look wrong.
    titles: dict[str, str] = {}
    for r in resolved:
        for cid in r.paper_ids:
            titles.setdefault(cid.value, r.entry.listed_title)
    return FakeWorld.synthetic(arxiv_ids=arxiv, acl_ids=acl, repos=repos, titles=titles)


def build_warehouse(root: Path, names: tuple[str, ...] | None = None) -> Settings:
    """Refresh the lists of LISTS (all, or `names`) into a warehouse under `root`, then
    back-date history."""
    with FakeUpstream(build_world()) as fake:
        settings = make_settings(root, base_url=fake.base_url, env={"GITHUB_TOKEN": "t" * 40})
        lists = tuple(
            ListConfig(name=n, url=None, snapshot=p)
            for n, p in LISTS.items()
            if names is None or n in names
        )
        summary = run_refresh(settings, RefreshOptions(lists=lists, release=False))
        assert summary.exit_code == 0, summary.to_text()
    add_history(settings)
    return settings


def add_history(settings: Settings) -> None:
    """Copies of today's observations 84, 56 and 28 days back, with smaller values."""
    con = duckdb.connect(str(settings.warehouse_path))
    try:
        for n, days in enumerate(HISTORY_DAYS):  # (each in a four-week bucket of the page's)
            shrink = 0.6 + 0.1 * n
            con.execute(
                f"""
                INSERT INTO observations
                SELECT subject_kind, subject_id, metric, observed_on - {days},
                       CAST(floor(value * {shrink}) AS BIGINT),
                       observed_at - INTERVAL {days} DAY, source, raw_path
                FROM observations o
                WHERE observed_on = (SELECT max(observed_on) FROM observations)
                """
            )
    finally:
        con.close()
