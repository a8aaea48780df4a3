"""Numbers a researcher can cite (issue 12), against the fake upstream on 127.0.0.1: titles as
published, dates that mean one thing each, merges with their evidence, history that is appended,
gains over the window they name, wrong links caught on generic titles, GraphQL answered by REST.
"""

from __future__ import annotations

from pathlib import Path

from enrich.pipeline import RefreshOptions, run_refresh

from fake_upstream import FakeUpstream
from support import SEED_OLD, make_settings
from test_refresh import RUN, S2_KEY, TOKEN, query, seed_world, settings_for

TEX_MARKERS = ("``", "''", "{", "}", "$", "--", "\\")


# --- titles as published ------------------------------------------------------------------------


def test_titles_follow_the_written_precedence_character_for_character(
    tmp_path: Path, fake_upstream: FakeUpstream
) -> None:
    world = seed_world()
    # One work, three sources that differ only in characters: the published record wins.
    world.acl["2021.acl-long.269"].fields["title"] = (
        "{``}{T}owards{''} Emotional Support Dialog Systems --- {ESC}onv{'}s Story"
    )
    world.arxiv["2106.01144"].title = (
        '"Towards" Emotional Support Dialog Systems - ESConv\'s Story'
    )
    world.s2_by_arxiv("2106.01144").title = "Towards emotional support dialog systems"
    # A preprint only: arXiv's title over Semantic Scholar's.
    memory_bank = "MemoryBank: Enhancing Large Language Models with Long{}Term Memory"
    world.arxiv["2305.10250"].title = memory_bank.format("–")
    world.s2_by_arxiv("2305.10250").title = memory_bank.format("-")
    fake_upstream.world = world
    settings = settings_for(tmp_path, fake_upstream)
    assert run_refresh(settings, RUN).exit_code == 0

    titles = dict(
        query(
            settings,
            "SELECT w.work_id, w.title || ' <' || p.source || '>' FROM works w "
            "JOIN field_provenance p ON p.work_id = w.work_id AND p.field = 'title' "
            "WHERE w.work_id IN ('arxiv:2106.01144', 'arxiv:2305.10250')",
        )
    )
    assert titles == {
        "arxiv:2106.01144": "“Towards” Emotional Support Dialog Systems — ESConv’s Story <acl>",
        "arxiv:2305.10250": (
            "MemoryBank: Enhancing Large Language Models with Long–Term Memory <arxiv>"
        ),
    }
    # A work only Semantic Scholar knows (a DOI link) takes its title; nothing known: NULL.
    assert query(
        settings,
        "SELECT count(*), count(*) FILTER (WHERE p.source = 's2') FROM works w "
        "JOIN field_provenance p ON p.work_id = w.work_id AND p.field = 'title' "
        "WHERE w.work_id LIKE 'doi:%'",
    ) == [(query(settings, "SELECT count(*) FROM works WHERE work_id LIKE 'doi:%'")[0][0],) * 2]


def test_no_tex_reaches_the_catalogue_on_either_seed_version(
    tmp_path: Path, fake_upstream: FakeUpstream
) -> None:
    fake_upstream.world = seed_world()
    for version, list_file in (("new", None), ("old", SEED_OLD)):
        kwargs = {} if list_file is None else {"list_file": list_file}
        settings = make_settings(
            tmp_path / version,
            base_url=fake_upstream.base_url,
            env={"GITHUB_TOKEN": TOKEN, "S2_API_KEY": S2_KEY},
            **kwargs,
        )
        assert run_refresh(settings, RefreshOptions()).exit_code == 0
        rows = query(
            settings, "SELECT listed_title, title FROM catalogue WHERE acl_id IS NOT NULL"
        )
        assert rows
        for _, title in rows:
            assert not any(m in title for m in TEX_MARKERS), title
        # The fake serves each ACL paper under the title the list gives (typographic quotes and
        # all, encoded as the Anthology encodes them): every one must come back as written.
        typographic = [(lt, title) for lt, title in rows if any(c in lt for c in "’𝜓")]
        assert typographic, "the seed has titles with typographic characters"
        for listed, title in typographic:
            assert title == listed.replace("𝜓", "ψ")
        bib = settings.releases_dir / "latest" / "catalogue.bib"
        text = bib.read_text(encoding="utf-8")
        assert "Improving {LLMs}’ Empathy" in text and "{'}" not in text
