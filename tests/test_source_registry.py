"""The source registry: one place says which sources exist, in what order, with what defaults;
and a fifth source takes one module and one registry line (a toy one, registered here, is
planned, fetched from a local fake and loaded like the four real ones)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest

import toy_source
from enrich import config
from enrich.config import SourceConfig
from enrich.fetch import fetch_source, source_states
from enrich.parse import parse_list
from enrich.plan import make_plans, wanted_items
from enrich.prune import raw_areas, referencing_tables
from enrich.resolve import resolve_entries
from enrich.sources import registry
from enrich.sources.base import NOT_FOUND, OK
from enrich.warehouse import migrate
from enrich.warehouse.raw_load import load_raw_files, pending_raw_files

from support import QuietHandler, local_server, make_settings

LIST = b"""# Toy list

## Papers

- [A paper](https://doi.org/10.1000/one) - with a DOI.
- [Another](https://doi.org/10.1000/two) - another DOI.
- [Third](https://doi.org/10.1000/three) - a DOI the toy service does not know.
- [On arXiv](https://arxiv.org/abs/2401.00001) - no DOI: the toy is not asked.
"""
KNOWN = {"10.1000/one": "A paper", "10.1000/two": "Another"}


class _Works(QuietHandler):
    asked: list[list[str]]

    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        dois = query.get("dois", [""])[0].split(",")
        type(self).asked.append(dois)
        works = {doi: ({"title": KNOWN[doi]} if doi in KNOWN else None) for doi in dois}
        body = json.dumps({"works": works}).encode()
        self.answer(200, body, {"Content-Type": "application/json"})


@pytest.fixture
def toy_server() -> Iterator[tuple[str, list[list[str]]]]:
    handler = type("Works", (_Works,), {"asked": []})
    with local_server(handler) as url:
        yield url, handler.asked


def test_the_registry_orders_sources_for_runs_and_for_people() -> None:
    assert registry.names() == ("arxiv", "acl", "s2", "github")
    assert registry.listed_names() == ("arxiv", "s2", "github", "acl")
    # The configuration reads its sources and their defaults from the registry.
    assert registry.listed_names() == config.SOURCE_NAMES
    assert {name: spec.pace_seconds for name, spec in config.SOURCE_DEFAULTS.items()} == {
        "arxiv": 3.0,
        "s2": 1.0,
        "github": 0.0,
        "acl": 1.0,
    }
    assert [spec.name for spec in registry.SOURCES if spec.immutable] == ["acl"]


def test_default_settings_come_from_the_registry(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, env={"ENRICH_ARXIV_PACE": "", "ENRICH_ACL_PACE": ""})
    for name in registry.names():
        spec = registry.spec(name)
        source = settings.sources[name]
        assert (source.ttl_days, source.batch_size) == (spec.ttl_days, spec.batch_size)
    assert settings.sources["arxiv"].pace_seconds == registry.spec("arxiv").pace_seconds
    assert settings.sources["acl"].pace_seconds == registry.spec("acl").pace_seconds


def test_batch_sizes_are_bounded_by_the_registry(tmp_path: Path) -> None:
    from enrich.errors import ConfigError

    too_many = str(registry.spec("s2").max_batch_size + 1)
    with pytest.raises(ConfigError, match=r"sources\.s2\.batch_size"):
        make_settings(tmp_path, env={"ENRICH_S2_BATCH": too_many})


def test_each_source_declares_the_load_keys_of_its_tables() -> None:
    keys = {name: registry.table_keys(name) for name in registry.names()}
    assert keys["arxiv"] == {"arxiv_records": ("arxiv_id",)}
    assert keys["acl"] == {"acl_records": ("acl_id",), "acl_volumes": ("volume_id",)}
    assert keys["s2"]["s2_lookups"] == ("lookup_id",)
    assert keys["github"]["repositories"] == ("repo_key",)
    # One table filled by two sources has one key.
    assert keys["s2"]["observations"] == keys["github"]["observations"]


def test_an_unknown_source_is_named_with_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: arxiv, acl, s2, github"):
        registry.spec("openalex")


def test_a_fifth_source_is_one_module_and_one_registry_line(
    tmp_path: Path, toy_server: tuple[str, list[list[str]]]
) -> None:
    url, asked = toy_server
    settings = make_settings(tmp_path)
    toy = SourceConfig("toy", url, ttl_days=7, pace_seconds=0.0, batch_size=2)
    settings = replace(settings, sources={**settings.sources, "toy": toy})
    resolved = resolve_entries(parse_list("toy", LIST).entries)

    with registry.registered(toy_source.SPEC):
        assert registry.names()[-1] == "toy"
        assert raw_areas()[-2:] == ("toy", "lists")
        assert "toy_records" in referencing_tables()
        # Planning asks every source for what it wants of the entries.
        wanted = wanted_items(resolved)
        assert wanted["toy"] == ["10.1000/one", "10.1000/two", "10.1000/three"]
        plans = make_plans(None, settings, resolved)
        assert plans["toy"].ask == wanted["toy"]
        assert source_states(settings) == {}  # no warehouse yet: no stored state

        # Fetch: in the source's batches (2), every answer saved under raw/toy/.
        outcome = fetch_source(settings, "toy", plans["toy"].ask, reporter=None)
        assert asked == [["10.1000/one", "10.1000/two"], ["10.1000/three"]]
        assert not outcome.failed and not outcome.errors
        assert outcome.stats is not None and outcome.stats.requests == 2
        saved = sorted((settings.raw_dir / "toy").rglob("*"))
        assert [p for p in saved if p.is_file()], "no raw answer saved"

        # Load: rows upserted by the keys the toy declares, outcomes recorded per item.
        con = duckdb.connect()
        migrate(con)
        con.execute(toy_source.TABLE_SQL)
        statuses = load_raw_files(con, settings, "toy", pending_raw_files(con, settings, "toy"))
        assert {doi: st.status for doi, st in statuses.items()} == {
            "10.1000/one": OK,
            "10.1000/two": OK,
            "10.1000/three": NOT_FOUND,
        }
        rows = con.execute("SELECT doi, title FROM toy_records ORDER BY doi").fetchall()
        assert rows == [("10.1000/one", "A paper"), ("10.1000/two", "Another")]
        # Loaded once: the same answers are not pending again.
        assert pending_raw_files(con, settings, "toy") == []

        # The next plan finds them fresh (the toy's time-to-live is a week).
        assert make_plans(con, settings, resolved)["toy"].ask == []
    assert "toy" not in registry.names()
