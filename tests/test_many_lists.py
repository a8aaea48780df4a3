"""Many lists in one config: three lists sharing entries. One run asks each id once, the
summary and the release say per list what changed, and a list can be removed from the config
and added back without a rebuild."""

from __future__ import annotations

from pathlib import Path

import yaml

from enrich.config import Settings, load_settings
from enrich.pipeline import RefreshOptions, run_rebuild, run_refresh
from enrich.warehouse import open_reader

from fake_upstream import FakeUpstream
from support import FAST_ENV, SEED
from test_refresh import S2_KEY, TOKEN, seed_world

LINES = SEED.read_bytes().splitlines(keepends=True)
HEAD = LINES[:50]  # title, badges, contents: no entries
LISTS = {
    "all": LINES,  # the seed
    "early": HEAD + LINES[50:200],  # sections 1 to 3.2
    "late": HEAD + LINES[117:],  # sections 2 to 4: overlaps "early" in 2.x and 3.1
}


def settings_for(root: Path, upstream: FakeUpstream, names: list[str]) -> Settings:
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / f"{name}.md").write_bytes(b"".join(LISTS[name]))
    config = {"lists": [{"name": name, "snapshot": f"{name}.md"} for name in names]}
    (root / "enrich.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {
        **FAST_ENV,
        "ENRICH_DATA_DIR": str(root / "data"),
        "GITHUB_TOKEN": TOKEN,
        "S2_API_KEY": S2_KEY,
        **{f"ENRICH_{s}_URL": upstream.base_url for s in ("ARXIV", "S2", "GITHUB_API", "ACL")},
    }
    return load_settings(root / "enrich.yaml", env=env)


def entries_per_list(settings: Settings) -> dict[str, int]:
    with open_reader(settings) as con:
        rows = con.execute("SELECT list_name, count(*) FROM catalogue GROUP BY ALL").fetchall()
    return dict(rows)


def test_three_lists_sharing_entries(fake_upstream: FakeUpstream, tmp_path: Path) -> None:
    fake_upstream.world = seed_world()
    # One list alone: what the seed costs.
    single = settings_for(tmp_path / "single", fake_upstream, ["all"])
    run_refresh(single, RefreshOptions(release=False))
    alone = {s: fake_upstream.count(s) for s in ("arxiv", "s2", "graphql", "acl")}
    fake_upstream.reset_counts()

    root = tmp_path / "three"
    settings = settings_for(root, fake_upstream, ["all", "early", "late"])
    summary = run_refresh(settings, RefreshOptions())
    # Every id is asked once however many lists carry it: the same requests as the seed alone.
    assert {s: fake_upstream.count(s) for s in alone} == alone == {
        "arxiv": 1, "s2": 1, "graphql": 1, "acl": 34,
    }  # fmt: skip
    (arxiv,) = fake_upstream.requests_for("arxiv")
    asked = arxiv.query["id_list"][0].split(",")
    assert len(asked) == len(set(asked)) == 82
    per_list = entries_per_list(settings)
    assert per_list["all"] == 186 and 0 < per_list["early"] < 186 and 0 < per_list["late"] < 186
    assert per_list["early"] + per_list["late"] > 186  # they share entries
    assert [report.name for report in summary.lists] == ["all", "early", "late"]

    # "late" is removed from the config; "early" loses its last 20 lines.
    settings = settings_for(root, fake_upstream, ["all", "early"])
    (root / "early.md").write_bytes(b"".join(LISTS["early"][:-20]))
    fake_upstream.reset_counts()
    summary = run_refresh(settings, RefreshOptions())
    assert summary.removed_lists == ["late"]
    text = summary.to_text()
    assert "list late: no longer configured; left the catalogue" in text
    early = next(r for r in summary.lists if r.name == "early")
    assert early.changes is not None and early.changes["removed"] > 0
    assert f"since previous version: 0 added, {early.changes['removed']} removed" in text
    assert set(entries_per_list(settings)) == {"all", "early"}
    assert fake_upstream.count() == 0  # nothing new to ask
    changes = (Path(str(summary.release_dir)) / "CHANGES.md").read_text(encoding="utf-8")
    assert "## Per list" in changes
    assert "- late: no longer in the catalogue (removed from the config)" in changes
    assert f"- early: {per_list['early']} entries then" in changes
    with open_reader(settings) as con:  # the history of the removed list is kept
        kept = con.execute("SELECT count(*) FROM list_versions WHERE list_name = 'late'")
        assert kept.fetchone() == (1,)

    # Named again, it is back, without a rebuild; a rebuild gives the same catalogue.
    settings = settings_for(root, fake_upstream, ["all", "early", "late"])
    run_refresh(settings, RefreshOptions(release=False))
    assert entries_per_list(settings)["late"] == per_list["late"]
    before = entries_per_list(settings)
    run_rebuild(settings)
    assert entries_per_list(settings) == before
