"""plan.py on its own: what each source wants of the entries, and which of it is asked in a
run (new, stale past its time-to-live less the margin, failed; never again for an immutable
source; not at all offline, disabled or outside --only)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from enrich.config import Settings
from enrich.parse import parse_list
from enrich.plan import make_plans, wanted_items
from enrich.resolve import ResolvedEntry, resolve_entries
from enrich.sources.base import ERROR, NOT_FOUND, OK, ItemStatus
from enrich.warehouse import migrate
from enrich.warehouse.raw_load import record_statuses, upsert

from support import make_settings

LIST = b"""# Plan list

## Papers

- [One](https://arxiv.org/abs/2401.00001v2) - [code](https://github.com/Owner/Repo).
- [One again](https://huggingface.co/papers/2401.00001) - the same arXiv paper.
- [Two](https://aclanthology.org/2024.acl-long.7/) - an ACL paper.
- [Three](https://aclanthology.org/2024.acl-long.9/) - same volume.
- [Four](https://aclanthology.org/2023.emnlp-main.3/) - another volume.
- [Five](https://doi.org/10.1000/five) - a DOI.
"""
NOW = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


@pytest.fixture
def resolved() -> list[ResolvedEntry]:
    return resolve_entries(parse_list("plan", LIST).entries)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    migrate(con)
    yield con
    con.close()


def test_each_source_wants_its_items_in_list_order_once(resolved: list[ResolvedEntry]) -> None:
    wanted = wanted_items(resolved)
    assert list(wanted) == ["arxiv", "acl", "s2", "github"]  # the registry's run order
    assert wanted["arxiv"] == ["2401.00001"]  # the Hugging Face page is the same arXiv paper
    assert wanted["acl"] == ["2024.acl-long.7", "2024.acl-long.9", "2023.emnlp-main.3"]
    assert wanted["github"] == ["owner/repo"]
    assert wanted["s2"] == [
        "ARXIV:2401.00001",
        "ACL:2024.acl-long.7",
        "ACL:2024.acl-long.9",
        "ACL:2023.emnlp-main.3",
        "DOI:10.1000/five",
    ]


def test_nothing_stored_asks_for_everything(
    settings: Settings, resolved: list[ResolvedEntry]
) -> None:
    plans = make_plans(None, settings, resolved, now=NOW)
    assert {name: plan.ask for name, plan in plans.items()} == wanted_items(resolved)
    assert all(plan.fresh == 0 and plan.not_asked_because is None for plan in plans.values())


def test_offline_only_and_disabled_ask_nothing_and_say_why(
    settings: Settings, resolved: list[ResolvedEntry]
) -> None:
    offline = make_plans(None, settings, resolved, offline=True)
    assert {p.not_asked_because for p in offline.values()} == {"offline"}
    assert all(p.ask == [] and p.fresh == 0 for p in offline.values())
    only = make_plans(None, settings, resolved, only=frozenset({"github"}))
    assert only["github"].ask == ["owner/repo"]
    assert only["arxiv"].not_asked_because == "not in --only"
    off = replace(settings.sources["s2"], enabled=False)
    disabled = replace(settings, sources={**settings.sources, "s2": off})
    assert make_plans(None, disabled, resolved)["s2"].not_asked_because == "disabled in config"


def test_an_item_is_due_past_its_ttl_less_the_margin(
    settings: Settings, resolved: list[ResolvedEntry], con: duckdb.DuckDBPyConnection
) -> None:
    # S2's time-to-live is a day; the margin a tenth of it, at most two hours: due after 22 h.
    record_statuses(con, "s2", {"ARXIV:2401.00001": ItemStatus(OK)}, NOW - timedelta(hours=21))
    record_statuses(con, "s2", {"ACL:2024.acl-long.7": ItemStatus(OK)}, NOW - timedelta(hours=23))
    record_statuses(
        con, "s2", {"ACL:2024.acl-long.9": ItemStatus(NOT_FOUND)}, NOW - timedelta(hours=1)
    )
    record_statuses(con, "s2", {"DOI:10.1000/five": ItemStatus(ERROR, "503")}, NOW)
    plan = make_plans(con, settings, resolved, now=NOW)["s2"]
    assert plan.ask == ["ACL:2024.acl-long.7", "ACL:2023.emnlp-main.3", "DOI:10.1000/five"]
    assert plan.fresh == 2
    # --force asks for everything, fresh or not.
    forced = make_plans(con, settings, resolved, force=True, now=NOW)["s2"]
    assert forced.ask == wanted_items(resolved)["s2"]


def test_an_immutable_source_is_never_asked_again_once_answered(
    settings: Settings, resolved: list[ResolvedEntry], con: duckdb.DuckDBPyConnection
) -> None:
    long_ago = NOW - timedelta(days=400)
    record_statuses(con, "acl", {"2024.acl-long.7": ItemStatus(OK)}, long_ago)
    record_statuses(con, "acl", {"2023.emnlp-main.3": ItemStatus(NOT_FOUND)}, long_ago)
    plan = make_plans(con, settings, resolved, now=NOW)["acl"]
    # OK long ago: still fresh. "Not found" is asked again: the Anthology may publish it.
    assert plan.ask == ["2024.acl-long.9", "2023.emnlp-main.3"]


def test_acl_papers_of_a_stored_volume_file_are_not_asked(
    settings: Settings, resolved: list[ResolvedEntry], con: duckdb.DuckDBPyConnection
) -> None:
    upsert(
        con,
        "acl_volumes",
        ("volume_id",),
        [
            {
                "volume_id": "2024.acl-long",
                "raw_path": "raw/acl/2026-03-01/v.json",
                "n_papers": 900,
                "fetched_at": datetime(2026, 3, 1),
            }
        ],
    )
    assert make_plans(con, settings, resolved, now=NOW)["acl"].ask == ["2023.emnlp-main.3"]
    # --force asks again whatever is stored.
    forced = make_plans(con, settings, resolved, force=True, now=NOW)["acl"]
    assert forced.ask == wanted_items(resolved)["acl"]
