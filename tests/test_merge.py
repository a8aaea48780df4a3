"""merge.py on its own: the nodes ids become, the union-find, and `rebuild_works` on a small
warehouse (one work per paper, whatever links name it; the config's overrides obeyed)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from enrich import merge
from enrich.config import MergeOverrides
from enrich.lists import ListVersion
from enrich.merge import UnionFind, doi_node, lookup_node, override_node, rebuild_works
from enrich.parse import parse_list
from enrich.resolve import resolve_entries
from enrich.warehouse import migrate
from enrich.warehouse.load import load_list_version
from enrich.warehouse.raw_load import upsert

LIST = b"""# Merge list

## Papers

- [Alpha: a paper](https://arxiv.org/abs/2401.00001) - on arXiv.
- [Alpha: a paper](https://huggingface.co/papers/2401.00001) - its Hugging Face page.
- [Beta: published](https://doi.org/10.1000/beta) - the published version.
- [Beta: preprint](https://arxiv.org/abs/2402.00002) - the preprint, which gives that DOI.
- [Gamma](https://aclanthology.org/2024.acl-long.7/) - an ACL paper.
"""


def test_union_find_joins_under_the_smaller_name() -> None:
    uf = UnionFind()
    uf.union("doi:10.1/b", "arxiv:1")
    uf.union("acl:x", "doi:10.1/b")
    assert {uf.find(n) for n in ("doi:10.1/b", "arxiv:1", "acl:x")} == {"acl:x"}
    assert uf.find("alone") == "alone"


def test_doi_nodes_name_arxiv_and_acl_papers_by_their_own_ids() -> None:
    assert doi_node(" 10.48550/arXiv.2401.00001 ") == "arxiv:2401.00001"
    assert doi_node("10.18653/v1/2024.acl-long.7") == "acl:2024.acl-long.7"
    assert doi_node("10.1000/ABC") == "doi:10.1000/abc"


def test_lookup_and_override_nodes() -> None:
    assert lookup_node("ARXIV:2401.00001") == "arxiv:2401.00001"
    assert lookup_node("ACL:2024.acl-long.7") == "acl:2024.acl-long.7"
    assert lookup_node("DOI:10.1000/x") == "doi:10.1000/x"
    assert lookup_node("CorpusId:5") is None
    # A Hugging Face paper URL names the arXiv paper, in an override as in a list.
    assert override_node("https://huggingface.co/papers/2401.00001") == "arxiv:2401.00001"
    assert override_node("ACL:2024.acl-long.7") == "acl:2024.acl-long.7"
    assert override_node("doi:10.1000/X") == "doi:10.1000/x"


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    migrate(con)
    parsed = parse_list("merge", LIST)
    version = ListVersion(
        "merge",
        hashlib.sha256(LIST).hexdigest(),
        LIST,
        tmp_path / "merge.md",
        "file",
        datetime(2026, 1, 1, tzinfo=UTC),
    )
    load_list_version(con, version, parsed, resolve_entries(parsed.entries), None)
    seen = {"fetched_at": datetime(2026, 1, 2), "raw_path": "raw/arxiv/x.json"}
    upsert(
        con,
        "arxiv_records",
        ("arxiv_id",),
        [
            {"arxiv_id": "2401.00001", "title": "Alpha: a paper", "doi": None, **seen},
            {"arxiv_id": "2402.00002", "title": "Beta: preprint", "doi": "10.1000/beta", **seen},
        ],
    )
    return con


def _works(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
    rows = con.execute(
        "SELECT work_id, list(id_kind || ':' || id_value ORDER BY id_kind, id_value) "
        "FROM work_ids GROUP BY work_id ORDER BY 2"
    ).fetchall()
    return [ids for _, ids in rows]


def test_one_work_per_paper_whatever_links_name_it(con: duckdb.DuckDBPyConnection) -> None:
    assert rebuild_works(con) == 3
    assert _works(con) == [
        ["acl:2024.acl-long.7"],
        ["arxiv:2401.00001"],  # its arXiv and Hugging Face links: one id, one work
        ["arxiv:2402.00002", "doi:10.1000/beta"],  # joined by the DOI arXiv gives
    ]
    evidence = con.execute(
        "SELECT id_a, id_b, evidence, source, refused FROM merge_links ORDER BY ALL"
    ).fetchall()
    assert ("arxiv:2402.00002", "doi:10.1000/beta", "doi", "arxiv", False) in evidence


def test_overrides_refuse_and_force_links(con: duckdb.DuckDBPyConnection) -> None:
    overrides = MergeOverrides(
        refuse=(("arxiv:2402.00002", "doi:10.1000/beta"),),
        force=(("https://huggingface.co/papers/2401.00001", "acl:2024.acl-long.7"),),
    )
    assert rebuild_works(con, overrides) == 3
    assert _works(con) == [
        ["acl:2024.acl-long.7", "arxiv:2401.00001"],
        ["arxiv:2402.00002"],
        ["doi:10.1000/beta"],
    ]
    refused = con.execute("SELECT count(*) FROM merge_links WHERE refused").fetchone()
    assert refused == (1,)
    # Rebuilding is idempotent: the same works again.
    rebuild_works(con, overrides)
    assert len(_works(con)) == 3


def test_works_merged_in_batches_are_the_works_merged_at_once(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    tables = ("works", "work_ids", "work_authors", "field_provenance", "merge_links")

    def everything() -> list[list[tuple[object, ...]]]:
        return [con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables]

    rebuild_works(con)
    at_once = everything()
    monkeypatch.setattr(merge, "WORKS_PER_BATCH", 1)  # one work per batch: three batches
    assert rebuild_works(con) == 3
    assert everything() == at_once
    titles = con.execute("SELECT title FROM works ORDER BY work_id").fetchall()
    assert ("Beta: preprint",) in titles  # each batch read the records of its own works
