"""From parsed entries to resolved ones: stable entry ids, canonical ids, a paper and a repo each.

Pure: no I/O. The entry id is stable across versions of a list (list, kind, normalised dataset
name and title, and the occurrence number among entries that share them), so two versions can be
compared entry by entry: added, removed, moved.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from enrich.heap import load_cache
from enrich.ids import PAPER_KINDS, CanonicalId, canonicalize, is_unsafe_url, paper_kind
from enrich.models import Entry, Link, pickled_by_fields

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ResolvedLink:
    link_no: int
    link: Link
    cid: CanonicalId


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ResolvedEntry:
    entry: Entry
    entry_id: str
    links: tuple[ResolvedLink, ...]
    paper_ids: tuple[CanonicalId, ...]  # every paper id the entry links (arXiv, ACL, DOI, …)
    repo_key: str | None  # first GitHub repository linked, lower-cased owner/repo
    # javascript:, data:, file:, vbscript: links: never resolved, stored or exported (the parser
    # reports them as link problems).
    unsafe_links: tuple[Link, ...] = ()


@load_cache(1 << 16)  # checks read each listed title four or five times
def normalise_title(text: str | None) -> str:
    return _NON_ALNUM.sub(" ", (text or "").casefold()).strip()


def node_of(cid: CanonicalId) -> str:
    """The identity of a paper id as used for merging: hf_paper ids are arXiv ids."""
    return paper_node(cid.kind, cid.value)


def paper_node(kind: str, value: str) -> str:
    """`node_of` for a stored (kind, value) pair."""
    return f"{paper_kind(kind)}:{value}"


def entry_ids(entries: Sequence[Entry]) -> list[str]:
    """The stable id of each entry (what `resolve_entries` gives it), without resolving its
    links: all that `enrich annotate` needs to find an entry's row."""
    seen: Counter[str] = Counter()
    ids = []
    for entry in entries:
        key = "|".join(
            (
                entry.list_name,
                entry.kind,
                normalise_title(entry.dataset_name),
                normalise_title(entry.listed_title),
            )
        )
        occurrence = seen[key]
        seen[key] += 1
        ids.append(hashlib.sha1(f"{key}|{occurrence}".encode()).hexdigest()[:16])
    return ids


def resolve_entries(entries: tuple[Entry, ...] | list[Entry]) -> list[ResolvedEntry]:
    resolved = []
    for entry, entry_id in zip(entries, entry_ids(entries), strict=True):
        links = tuple(
            ResolvedLink(i, link, canonicalize(link.url))
            for i, link in enumerate(entry.links, 1)
            if not is_unsafe_url(link.url)
        )
        unsafe = tuple(link for link in entry.links if is_unsafe_url(link.url))
        paper_ids = _paper_ids(links)
        repo_key = next((rl.cid.value for rl in links if rl.cid.kind == "github"), None)
        resolved.append(ResolvedEntry(entry, entry_id, links, paper_ids, repo_key, unsafe))
    return resolved


def _paper_ids(links: tuple[ResolvedLink, ...]) -> tuple[CanonicalId, ...]:
    ids: list[CanonicalId] = []
    for rl in links:
        is_paper_link = "paper" in rl.link.label.lower()
        names_paper = rl.cid.kind in PAPER_KINDS or (is_paper_link and rl.cid.kind == "url")
        if names_paper and all(node_of(rl.cid) != node_of(other) for other in ids):
            ids.append(rl.cid)
    # Typed ids first: a plain URL names the work only when nothing better does.
    return tuple(sorted(ids, key=lambda c: c.kind == "url"))
