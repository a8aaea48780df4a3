"""Merge everything known about papers into works: one row per paper, whatever ids point at it.

Ids are nodes; an edge joins two ids that name the same paper: ids linked from one entry, the
externalIds Semantic Scholar gives for a paper (a preprint and its published version), the DOI
arXiv or the ACL Anthology records for a paper. Each connected group that a list entry points at
is one work. Then each field is taken from the best source that has it, and where it came from is
recorded: bibliographic fields prefer the ACL Anthology, then arXiv, then Semantic Scholar; counts
come from Semantic Scholar (observations, not fields).

Derived anew at every load from the source tables, so it is idempotent and rebuildable.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from enrich.checks import title_similarity
from enrich.config import MergeOverrides
from enrich.ids import acl_id_from_doi, arxiv_id_from_doi, canonicalize
from enrich.resolve import node_of, paper_node
from enrich.warehouse.bulk import dict_rows, insert_columnar

# Which id names a work, best first: the id a reader can open and that never changes.
KIND_PRIORITY = {"arxiv": 0, "acl": 1, "doi": 2, "openreview": 3, "url": 4}


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def doi_node(doi: str) -> str:
    doi = doi.strip().lower()
    acl = acl_id_from_doi(doi)
    if acl:
        return f"acl:{acl}"
    arxiv = arxiv_id_from_doi(doi)
    if arxiv:
        return f"arxiv:{arxiv}"
    return f"doi:{doi}"


def lookup_node(lookup_id: str) -> str | None:
    """The node of a Semantic Scholar lookup id such as ARXIV:2305.10250 or URL:https://…"""
    prefix, _, value = lookup_id.partition(":")
    prefix = prefix.upper()
    if prefix == "ARXIV":
        return f"arxiv:{value}"
    if prefix == "ACL":
        return f"acl:{value}"
    if prefix == "DOI":
        return doi_node(value)
    if prefix == "URL":
        return node_of(canonicalize(value))
    return None


def _sort_key(node: str) -> tuple[int, str]:
    kind, _, value = node.partition(":")
    return (KIND_PRIORITY.get(kind, 9), value)


@dataclass
class Provenance:
    source: str
    fetched_at: Any
    raw_path: str | None


@dataclass(frozen=True, slots=True)
class Edge:
    """Two ids that name one paper, and why we think so."""

    a: str
    b: str
    evidence: str  # entry | s2_lookup | s2_external_ids | doi | forced
    detail: str
    source: str  # list | s2 | arxiv | acl | config


def override_node(text: str) -> str:
    """A config id ("arxiv:2305.00450", "ACL:…", or a link URL) as a node."""
    kind, sep, value = text.partition(":")
    if sep and kind.lower() in KIND_PRIORITY and not value.startswith("//"):
        return doi_node(value) if kind.lower() == "doi" else f"{kind.lower()}:{value.strip()}"
    return node_of(canonicalize(text))


WORKS_PER_BATCH = 5_000
"""Works merged, and their rows written, at a time: the records of one batch are in memory, not
the whole warehouse's (a registry of 100,000 entries holds a quarter of a million records)."""


def rebuild_works(
    con: duckdb.DuckDBPyConnection,
    overrides: MergeOverrides | None = None,
    between_steps: Callable[[], object] | None = None,
) -> int:
    """Recompute works, work_ids, work_authors, merge_links and field_provenance; returns the
    work count. Every link between two ids is kept in merge_links with its evidence; `overrides`
    (the config's `merges:`) force links no source makes and refuse links a source makes.
    `between_steps` is called after each table's old rows are gone and each batch of new ones
    written (the writer checkpoints there when DuckDB holds much: a warehouse's derived rows,
    deleted and written again, are hundreds of MB at 100,000 entries until committed).

    Two passes: the ids and the links between them (a few columns of each table) make the
    groups; then each batch of works reads the records it needs and writes its rows."""
    overrides = overrides or MergeOverrides()
    step = between_steps or (lambda: None)
    uf = UnionFind()
    entry_nodes, edges = _edges(con, overrides)
    refused_pairs = [(override_node(a), override_node(b)) for a, b in overrides.refuse]
    accepted: list[Edge] = []
    refused: list[Edge] = []
    for node in (n for nodes in entry_nodes.values() for n in nodes):
        uf.find(node)
    for edge in edges:
        if edge.a == edge.b:
            continue
        if _would_join_refused(uf, edge, refused_pairs):
            refused.append(edge)
            continue
        uf.union(edge.a, edge.b)
        accepted.append(edge)

    # Groups that some list entry points at become works, named by their best id.
    members: dict[str, list[str]] = defaultdict(list)
    for node in list(uf.parent):
        members[uf.find(node)].append(node)
    groups: dict[str, list[str]] = {}  # work id -> its nodes, best first
    root_to_work: dict[str, str] = {}
    for root in sorted({uf.find(nodes[0]) for nodes in entry_nodes.values() if nodes}):
        nodes = sorted(members[root], key=_sort_key)
        work_id = next(n for n in nodes if not n.startswith("s2:"))
        root_to_work[root] = work_id
        groups[work_id] = nodes
    del members

    titles = _titles(con)
    merges = _merge_rows(uf, accepted, refused, root_to_work, titles)
    con.execute("DELETE FROM merge_links")
    insert_columnar(
        con,
        "merge_links",
        ("work_id", "id_a", "id_b", "evidence", "detail", "source", "refused", "title_score"),
        merges,
    )
    del merges, titles, accepted, refused, edges
    step()
    con.execute("DELETE FROM field_provenance")
    con.execute("DELETE FROM work_authors")
    con.execute("DELETE FROM work_ids")
    con.execute("DELETE FROM works")
    step()
    work_ids = list(groups)
    for start in range(0, len(work_ids), WORKS_PER_BATCH):
        _write_works(con, {w: groups[w] for w in work_ids[start : start + WORKS_PER_BATCH]})
        step()

    assignments = [
        (root_to_work[uf.find(nodes[0])], sha, entry_id)
        for (sha, entry_id), nodes in entry_nodes.items()
    ]
    con.execute("UPDATE entries SET work_id = NULL")
    if assignments:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE entry_work (work_id VARCHAR, sha256 VARCHAR, "
            "entry_id VARCHAR)"
        )
        insert_columnar(con, "entry_work", ("work_id", "sha256", "entry_id"), assignments)
        con.execute(
            "UPDATE entries SET work_id = w.work_id FROM entry_work w "
            "WHERE entries.sha256 = w.sha256 AND entries.entry_id = w.entry_id"
        )
        con.execute("DROP TABLE entry_work")
    return len(groups)


def _edges(
    con: duckdb.DuckDBPyConnection, overrides: MergeOverrides
) -> tuple[dict[tuple[str, str], list[str]], list[Edge]]:
    """The paper ids of each entry (in link order), and every edge between two ids: forced by
    the config, one entry's, Semantic Scholar's, the DOIs arXiv and the Anthology give."""
    edges: list[Edge] = [
        Edge(override_node(a), override_node(b), "forced", "merges.force in the config", "config")
        for a, b in overrides.force
    ]
    entry_nodes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sha, entry_id, id_kind, id_value, list_name, line_no in con.execute(
        "SELECT l.sha256, l.entry_id, l.id_kind, l.id_value, e.list_name, e.line_no "
        "FROM links l JOIN entries e USING (sha256, entry_id) WHERE l.is_paper_id "
        "ORDER BY l.sha256, l.entry_id, l.link_no"
    ).fetchall():
        node = paper_node(id_kind, id_value)
        nodes = entry_nodes[(sha, entry_id)]
        if node not in nodes:
            nodes.append(node)
        if nodes[0] != node:
            where = f"linked from one entry of list {list_name} (line {line_no})"
            edges.append(Edge(nodes[0], node, "entry", where, "list"))

    for lookup_id, paper_id in con.execute(
        "SELECT lookup_id, s2_paper_id FROM s2_lookups "
        "WHERE s2_paper_id IN (SELECT s2_paper_id FROM s2_records) ORDER BY lookup_id"
    ).fetchall():
        lookup_target = lookup_node(lookup_id)
        if lookup_target:
            detail = f"Semantic Scholar answers {lookup_id} with paper {paper_id}"
            edges.append(Edge(lookup_target, f"s2:{paper_id}", "s2_lookup", detail, "s2"))
    for paper_id, external in con.execute(
        "SELECT s2_paper_id, external_ids FROM s2_records ORDER BY s2_paper_id"
    ).fetchall():
        for name, node in _s2_nodes(external):
            detail = f"Semantic Scholar paper {paper_id} lists {name} {node.partition(':')[2]}"
            edges.append(Edge(f"s2:{paper_id}", node, "s2_external_ids", detail, "s2"))
    for source, table, key, publisher in (
        ("arxiv", "arxiv_records", "arxiv_id", "arXiv"),
        ("acl", "acl_records", "acl_id", "the ACL Anthology"),
    ):
        for record_id, doi in con.execute(
            f"SELECT {key}, doi FROM {table} WHERE doi <> '' ORDER BY {key}"
        ).fetchall():
            detail = f"{publisher} gives {record_id} the DOI {doi}"
            edges.append(Edge(f"{source}:{record_id}", doi_node(doi), "doi", detail, source))
    return entry_nodes, edges


def _titles(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The title each source gives each id it has a record of, by node ("arxiv:2305.10250")."""
    return {
        node: title
        for node, title in con.execute(
            "SELECT 'arxiv:' || arxiv_id, title FROM arxiv_records WHERE title <> '' "
            "UNION ALL SELECT 'acl:' || acl_id, title FROM acl_records WHERE title <> '' "
            "UNION ALL SELECT 's2:' || s2_paper_id, title FROM s2_records WHERE title <> ''"
        ).fetchall()
    }


def _records(
    con: duckdb.DuckDBPyConnection, table: str, key: str, ids: list[str]
) -> dict[str, dict[str, Any]]:
    """The whole records of `ids` in `table`, by id."""
    if not ids:
        return {}
    rows = dict_rows(con, f"SELECT * FROM {table} WHERE {key} IN (SELECT unnest(?))", [ids])
    return {r[key]: r for r in rows}


def _write_works(con: duckdb.DuckDBPyConnection, groups: dict[str, list[str]]) -> None:
    """Merge one batch of works (work id -> its nodes, best first) and write their rows."""
    wanted: dict[str, set[str]] = {"arxiv": set(), "acl": set(), "s2": set()}
    for nodes in groups.values():
        for kind in ("arxiv", "acl"):
            first = _first(nodes, kind)
            if first is not None:
                wanted[kind].add(first)
        wanted["s2"].update(n[3:] for n in nodes if n.startswith("s2:"))
    arxiv = _records(con, "arxiv_records", "arxiv_id", sorted(wanted["arxiv"]))
    acl = _records(con, "acl_records", "acl_id", sorted(wanted["acl"]))
    s2 = _records(con, "s2_records", "s2_paper_id", sorted(wanted["s2"]))

    works: list[dict[str, Any]] = []
    work_ids: list[tuple[str, str, str]] = []
    authors: list[tuple[Any, ...]] = []
    provenance: list[tuple[Any, ...]] = []
    for work_id, nodes in groups.items():
        work, work_authors, fields = _merge_work(work_id, nodes, arxiv, acl, s2)
        works.append(work)
        work_ids.extend(
            (n.partition(":")[0], n.partition(":")[2], work_id)
            for n in nodes
            if not n.startswith("s2:")
        )
        authors.extend(work_authors)
        provenance.extend(
            (work_id, name, p.source, p.fetched_at, p.raw_path) for name, p in fields.items()
        )
    if works:
        columns = list(works[0])
        insert_columnar(con, "works", columns, [[w[c] for c in columns] for w in works])
    insert_columnar(con, "work_ids", ("id_kind", "id_value", "work_id"), work_ids)
    insert_columnar(
        con, "work_authors", ("work_id", "position", "name", "s2_author_id", "source"), authors
    )
    insert_columnar(
        con,
        "field_provenance",
        ("work_id", "field", "source", "fetched_at", "raw_path"),
        provenance,
    )


def _would_join_refused(uf: UnionFind, edge: Edge, refused_pairs: list[tuple[str, str]]) -> bool:
    """Would this edge put two ids the config keeps apart into one work?"""
    ra, rb = uf.find(edge.a), uf.find(edge.b)
    if ra == rb:
        return False
    for x, y in refused_pairs:
        if x not in uf.parent or y not in uf.parent:
            continue
        rx, ry = uf.find(x), uf.find(y)
        if {rx, ry} == {ra, rb}:
            return True
    return False


def _merge_rows(
    uf: UnionFind,
    accepted: list[Edge],
    refused: list[Edge],
    root_to_work: dict[str, str],
    titles: dict[str, str],
) -> list[tuple[Any, ...]]:
    """merge_links rows: the links of every work, and every refused link that touches one; each
    with how alike the two ids' titles are (0–100, NULL when one side has none)."""
    rows: dict[tuple[str, str, str, str], tuple[Any, ...]] = {}
    for edge, was_refused in [(e, False) for e in accepted] + [(e, True) for e in refused]:
        work_a = root_to_work.get(uf.find(edge.a))
        work_b = root_to_work.get(uf.find(edge.b))
        if work_a is None and work_b is None:
            continue  # not about a work of the lists
        a, b = sorted((edge.a, edge.b), key=_sort_key)
        score = _title_score(titles.get(a), titles.get(b))
        work_id = None if was_refused else work_a
        rows[(a, b, edge.evidence, edge.detail)] = (
            work_id,
            a,
            b,
            edge.evidence,
            edge.detail,
            edge.source,
            was_refused,
            score,
        )
    return [rows[k] for k in sorted(rows)]


def _title_score(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    return round(title_similarity(a, b), 1)


def _s2_nodes(external: Any) -> list[tuple[str, str]]:
    """(externalIds name, node) of every id Semantic Scholar lists for a paper (its
    `external_ids`: JSON text or already a mapping)."""
    if isinstance(external, str):
        external = json.loads(external)
    external = external or {}
    nodes = []
    if external.get("ArXiv"):
        nodes.append(("ArXiv", f"arxiv:{external['ArXiv']}"))
    if external.get("ACL"):
        nodes.append(("ACL", f"acl:{external['ACL']}"))
    if external.get("DOI"):
        nodes.append(("DOI", doi_node(external["DOI"])))
    return nodes


def _first(nodes: list[str], kind: str) -> str | None:
    return next((n.partition(":")[2] for n in nodes if n.startswith(kind + ":")), None)


def _merge_work(
    work_id: str,
    nodes: list[str],
    arxiv: dict[str, dict[str, Any]],
    acl: dict[str, dict[str, Any]],
    s2: dict[str, dict[str, Any]],
) -> tuple[dict[str, Any], list[tuple[Any, ...]], dict[str, Provenance]]:
    arxiv_id = _first(nodes, "arxiv")
    acl_id = _first(nodes, "acl")
    # Several S2 records in one group (rare): the most cited is the canonical one.
    s2_candidates = [s2[n[3:]] for n in nodes if n.startswith("s2:") and n[3:] in s2]
    s2_rec = max(s2_candidates, key=lambda r: r["citation_count"] or 0, default=None)
    ax = arxiv.get(arxiv_id) if arxiv_id else None
    ac = acl.get(acl_id) if acl_id else None
    fields: dict[str, Provenance] = {}

    def pick(name: str, *options: tuple[str, dict[str, Any] | None, Any]) -> Any:
        for source, record, value in options:
            if record is not None and value not in (None, "", []):
                fields[name] = Provenance(source, record.get("fetched_at"), record.get("raw_path"))
                return value
        return None

    def get(record: dict[str, Any] | None, key: str) -> Any:
        return record.get(key) if record else None

    arxiv_v1 = get(ax, "published")
    arxiv_first_version_date = arxiv_v1.date() if arxiv_v1 else None

    # Titles and abstracts: the published record (the Anthology), then arXiv, then Semantic
    # Scholar; the listed title is the last resort of the views that need one (BibTeX, work_stats).
    def published_first(name: str) -> Any:
        return pick(
            name,
            ("acl", ac, get(ac, name)),
            ("arxiv", ax, get(ax, name)),
            ("s2", s2_rec, get(s2_rec, name)),
        )

    title = published_first("title")
    abstract = published_first("abstract")
    # Dates. published_date: the venue version's (the Anthology's year and month, the first of
    # the month; or Semantic Scholar's date of a work that has no preprint). first_public_date:
    # the earliest version anywhere. year: the published version's year, else the first public.
    s2_date = get(s2_rec, "publication_date")
    published_date = pick(
        "published_date",
        ("acl", ac, _month_start(get(ac, "year"), get(ac, "month"))),
        ("s2", s2_rec if ax is None and acl_id is None else None, s2_date),
    )
    first_public_date = min(
        (d for d in (arxiv_first_version_date, s2_date, published_date) if d is not None),
        default=None,
    )
    year = pick(
        "year",
        ("acl", ac, get(ac, "year")),
        ("s2", s2_rec if ax is None and acl_id is None else None, get(s2_rec, "year")),
        ("arxiv", ax, first_public_date.year if first_public_date else None),
        ("s2", s2_rec, get(s2_rec, "year")),
    )
    venue = pick(
        "venue",
        ("acl", ac, get(ac, "booktitle")),
        ("s2", s2_rec, get(s2_rec, "venue")),
        ("arxiv", ax, get(ax, "journal_ref")),
        ("arxiv", ax, "arXiv" if ax else None),
    )
    doi = pick(
        "doi",
        ("acl", ac, get(ac, "doi")),
        ("arxiv", ax, get(ax, "doi")),
        ("s2", s2_rec, get(s2_rec, "doi")),
    )
    doi = doi or _first(nodes, "doi")
    # publication_date: the date of the version `year` counts, so the two never disagree.
    publication_date = published_date or (
        first_public_date if first_public_date and first_public_date.year == year else None
    )
    author_names: list[str] = (
        pick(
            "authors",
            ("acl", ac, get(ac, "authors")),
            ("arxiv", ax, get(ax, "authors")),
            ("s2", s2_rec, get(s2_rec, "author_names")),
        )
        or []
    )
    author_source = fields["authors"].source if "authors" in fields else ""
    s2_ids = _align_author_ids(author_names, s2_rec)
    authors = [
        (work_id, i, name, s2_ids[i - 1], author_source) for i, name in enumerate(author_names, 1)
    ]
    kind, _, value = work_id.partition(":")
    work = {
        "work_id": work_id,
        "title": title,
        "abstract": abstract.strip() if isinstance(abstract, str) else abstract,
        "year": year,
        "venue": venue,
        "publication_date": publication_date,
        "first_public_date": first_public_date,
        "published_date": published_date,
        "arxiv_first_version_date": arxiv_first_version_date,
        "arxiv_id": arxiv_id,
        "arxiv_version": get(ax, "latest_version"),
        "acl_id": acl_id,
        "doi": doi,
        "openreview_id": _first(nodes, "openreview"),
        "s2_paper_id": s2_rec["s2_paper_id"] if s2_rec else None,
        "url": _work_url(kind, value),
        "primary_category": get(ax, "primary_category"),
        "categories": get(ax, "categories"),
        "journal_ref": get(ax, "journal_ref"),
        "is_open_access": get(s2_rec, "is_open_access"),
        "open_access_pdf": get(s2_rec, "open_access_pdf"),
        "published": bool(
            acl_id or (doi and not doi.startswith("10.48550/")) or get(ax, "journal_ref")
        ),
    }
    return work, authors, fields


_MONTH_NUMBERS = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def _month_start(year: int | None, month: str | None) -> date | None:
    """The first day of a BibTeX year and month ("July", "jul", "7"); None when either is
    unknown (a year alone is not a date)."""
    if not year or not month:
        return None
    text = month.strip().lower()
    number = int(text) if text.isdigit() else _MONTH_NUMBERS.get(text[:3])
    return date(year, number, 1) if number and 1 <= number <= 12 else None


def _align_author_ids(names: list[str], s2_rec: dict[str, Any] | None) -> list[str | None]:
    """Semantic Scholar author ids for the chosen author list: by position when the lists agree
    in length, otherwise by a normalised name; an author S2 does not know gets None."""
    if not s2_rec or not s2_rec.get("author_names"):
        return [None] * len(names)
    s2_names: list[str] = s2_rec["author_names"]
    s2_ids: list[str | None] = list(s2_rec.get("author_ids") or [None] * len(s2_names))
    if len(s2_names) == len(names):
        return s2_ids
    by_name = {_name_key(n): i for n, i in zip(s2_names, s2_ids, strict=False)}
    return [by_name.get(_name_key(n)) for n in names]


def _name_key(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalpha())


# A work's page by the kind of its key; a kind not here has no page.
_WORK_URL_PREFIXES = {
    "arxiv": "https://arxiv.org/abs/",
    "acl": "https://aclanthology.org/",
    "doi": "https://doi.org/",
    "openreview": "https://openreview.net/forum?id=",
    "url": "",
}


def _work_url(kind: str, value: str) -> str | None:
    prefix = _WORK_URL_PREFIXES.get(kind)
    return None if prefix is None else prefix + value
