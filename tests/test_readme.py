"""The README's SQL is run, every query of it, on a warehouse of the seed list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from enrich.pipeline import RefreshOptions, run_refresh
from enrich.warehouse import open_reader

from support import make_settings

README = Path(__file__).parents[1] / "README.md"


def readme_queries() -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    queries = []
    for block in blocks:
        for statement in block.split(";"):
            lines = [ln for ln in statement.splitlines() if not ln.strip().startswith("--")]
            if "".join(lines).strip():
                queries.append("\n".join(lines).strip())
    return queries


def test_readme_shows_queries_for_every_public_view() -> None:
    text = "\n".join(readme_queries())
    for view in (
        "catalogue",
        "flagged_links",
        "work_stats",
        "list_stats",
        "section_stats",
        "fastest_growing",
        "author_stats",
        "data_quality",
        "repo_stats",
        "metric_gains",
    ):
        assert f"FROM {view}" in text, view


@pytest.fixture(scope="module")
def seed_settings(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path_factory.mktemp("readme"))
    run_refresh(settings, RefreshOptions(offline=True, release=False))
    return settings


@pytest.mark.parametrize("sql", readme_queries())
def test_every_readme_query_runs(seed_settings, sql: str) -> None:  # type: ignore[no-untyped-def]
    with open_reader(seed_settings) as con:
        con.execute(sql).fetchall()
