"""What the fake upstream knows for a benchmark workload, and a fake fast enough for 10,000.

`tests/fake_upstream.py` is the tests' fake, used unchanged. Two things are adapted here, in a
subclass of its `FakeWorld`, so that the fake's own costs do not show up as ours:

- lookups: the tests' world scans every Semantic Scholar record per id asked (fine for 150
  records, ~8,000 × 8,000 comparisons at 10k entries, seconds of server time per batch); here
  they go through dictionaries built once. Same answers, same order.
- ACL Anthology volumes: the tests' world answers a volume file with the papers it knows, i.e.
  only those of the list. A real volume file holds the whole volume (a main conference: 500 to
  1,500 papers, megabytes). With `fill_volumes` (the default) a volume of the synthetic pool is
  answered at its real size, the papers not in the list made up on the fly (not stored).
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from enrich.ids import paper_kind

from bench.synth import ROOT, _acl_paper_id, resolved_of, volume_size

if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from fake_upstream import (  # tests/ is put on sys.path just above
    AclRecord,
    FakeWorld,
    S2Author,
    S2Record,
    _norm_url,
)

# An abstract of the length of a real one (~900 characters) for made-up volume papers.
_FILLER_ABSTRACT = (
    "Large language models are increasingly used to support people with mental health needs. "
    "We study how such systems behave in counselling conversations, collect a corpus of "
    "annotated dialogues, and propose an evaluation protocol grounded in clinical practice. "
    "Our experiments compare open and proprietary models across several settings and show "
    "that careful prompting and fine-tuning improve empathy and safety, while errors remain "
    "in risk assessment and long conversations. We discuss the limits of automatic metrics, "
    "report a human evaluation with trained counsellors, and release code and data to the "
    "community so that others can reproduce and extend the findings. Finally, we outline "
    "open questions about privacy, consent and deployment in real services."
)


@dataclass
class BenchWorld(FakeWorld):
    """`FakeWorld` with indexed lookups and volume files of realistic size."""

    fill_volumes: bool = True
    _index_key: tuple[int, int] = field(default=(-1, -1), repr=False)
    _by_external: dict[tuple[str, str], list[S2Record]] = field(default_factory=dict, repr=False)
    _by_url: dict[str, S2Record] = field(default_factory=dict, repr=False)
    _by_corpus: dict[str, S2Record] = field(default_factory=dict, repr=False)
    _by_volume: dict[str, list[AclRecord]] = field(default_factory=dict, repr=False)

    def _reindex(self) -> None:
        key = (len(self.s2), len(self.acl))
        if key == self._index_key:
            return
        by_external: dict[tuple[str, str], list[S2Record]] = {}
        by_url: dict[str, S2Record] = {}
        by_corpus: dict[str, S2Record] = {}
        for rec in self.s2:
            for name, value in rec.externalIds.items():
                by_external.setdefault((name, str(value).strip().lower()), []).append(rec)
            for url in rec.all_urls():
                by_url.setdefault(url, rec)
            by_corpus.setdefault(str(rec.corpusId), rec)
        by_volume: dict[str, list[AclRecord]] = {}
        for acl in self.acl.values():
            by_volume.setdefault(acl.volume_id, []).append(acl)
        self._by_external, self._by_url, self._by_corpus = by_external, by_url, by_corpus
        self._by_volume = by_volume
        self._index_key = key

    def _s2_by_external(self, name: str, value: str) -> list[S2Record]:
        self._reindex()
        return list(self._by_external.get((name, value.strip().lower()), []))

    def s2_lookup(self, raw_id: str) -> S2Record | None:
        prefix, sep, value = raw_id.partition(":")
        kind = prefix.lower() if sep else ""
        if kind == "url":
            self._reindex()
            return self._by_url.get(_norm_url(value))
        if kind == "corpusid":
            self._reindex()
            return self._by_corpus.get(value.strip())
        return super().s2_lookup(raw_id)

    def acl_volume(self, volume_id: str) -> list[AclRecord]:
        self._reindex()
        papers = list(self._by_volume.get(volume_id, []))
        if not papers:
            return []
        size = volume_size(volume_id) if self.fill_volumes else None
        if size:
            papers += _filler(volume_id, papers[0], size, {p.acl_id for p in papers})
        return sorted(papers, key=lambda r: int(re.split(r"[.\-]", r.acl_id)[-1]))


def _filler(volume: str, template: AclRecord, size: int, listed: set[str]) -> list[AclRecord]:
    """The papers of a volume that the list does not link: made up, of a real paper's size."""
    out = []
    for number in range(1, size + 1):
        acl_id = _acl_paper_id(volume, number)
        if acl_id in listed:
            continue
        fields = dict(template.fields)
        fields["title"] = f"Volume paper {number} of {volume}: counselling, empathy and safety"
        fields["author"] = "Doe, Jane  and\n      Roe, Richard  and\n      Moe, Mary"
        fields["url"] = f"https://aclanthology.org/{acl_id}/"
        if "doi" in fields:
            fields["doi"] = f"10.18653/v1/{acl_id}"
        fields["pages"] = f"{number * 13}--{number * 13 + 11}"
        fields["abstract"] = _FILLER_ABSTRACT
        out.append(AclRecord(acl_id=acl_id, fields=fields, bibkey=f"doe-etal-{volume}-{number}"))
    return out


def world_ids(text: bytes) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Every id of a list per kind (arXiv, ACL, GitHub, DOI), and the title listed for each."""
    _, resolved = resolved_of(text, "world")
    ids: dict[str, list[str]] = {"arxiv": [], "acl": [], "github": [], "doi": []}
    seen: set[tuple[str, str]] = set()
    titles: dict[str, str] = {}
    for entry in resolved:
        for rl in entry.links:
            kind = paper_kind(rl.cid.kind)
            if kind in ids and (kind, rl.cid.value) not in seen:
                seen.add((kind, rl.cid.value))
                ids[kind].append(rl.cid.value)
                # The fake serves the title the list gives, so only wrong links look wrong.
                titles.setdefault(rl.cid.value, entry.entry.listed_title)
    return ids, titles


def build_world(text: bytes, *, fill_volumes: bool = True) -> BenchWorld:
    """Records for every id of the list: arXiv, ACL (every ninth published from an arXiv
    preprint that the list does not link, so works merge as in the seed), Semantic Scholar for
    all of them and for the DOIs, GitHub repositories."""
    ids, titles = world_ids(text)
    # Preprint ↔ published pairs: the seed has 6 among 55 ACL ids. The preprint's id is one the
    # list does not hold (2512.9xxxx), so that titles agree and nothing is flagged for it.
    links = [(f"2512.{90000 + i:05d}", acl) for i, acl in enumerate(ids["acl"][::9])]
    world = BenchWorld.synthetic(
        arxiv_ids=ids["arxiv"], acl_ids=ids["acl"], repos=ids["github"], titles=titles, links=links
    )
    assert isinstance(world, BenchWorld)
    world.fill_volumes = fill_volumes
    for i, doi in enumerate(ids["doi"]):  # papers known to S2 by their DOI only
        world.add_s2(
            S2Record(
                paperId=hashlib.sha1(("doi:" + doi).encode()).hexdigest(),
                corpusId=900_000 + i,
                externalIds={"DOI": doi.upper(), "CorpusId": 900_000 + i},
                title=titles[doi],
                year=2022,
                venue="Journal",
                authors=[S2Author("111", "Ada Lovelace"), S2Author("222", "Alan Turing")],
                citationCount=10 + i % 300,
            )
        )
    return world


def describe(world: BenchWorld) -> dict[str, Any]:
    world._reindex()
    return {
        "arxiv_records": len(world.arxiv),
        "acl_records": len(world.acl),
        "s2_records": len(world.s2),
        "repositories": len(world.repos),
        "acl_volumes_known": len(world._by_volume),
        "volume_files_filled_to_real_size": world.fill_volumes,
    }
