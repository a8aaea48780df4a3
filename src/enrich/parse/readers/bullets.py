"""Bullets and numbered items: ``- (*EMNLP'24*) Title [[Paper](…)] [[Code](…)]``,
``1. **Title** Authors. [pdf](…)``, ``- [Title](…) - description``, and their sub-bullets.

An item whose continuation line starts with its own venue tag is two entries (the second lost
its ``-``). An item naming several papers, each with its own labelled paper link
(``[ModelA](…/abs/1) and [ModelB](…/abs/2) - two baselines``), is one entry per paper.
"""

from __future__ import annotations

import dataclasses
import re

from enrich.ids import canonicalize
from enrich.parse.blocks import Block
from enrich.parse.candidate import Candidate
from enrich.parse.fields import RAW_EMPH_TAG_RE, Reading, is_generic_label, read_entry
from enrich.parse.inline import Seg
from enrich.parse.links import is_paper_id, is_paperish, leads_out
from enrich.parse.venues import looks_like_venue_or_date

__all__ = ["read_item"]

_BULLET_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


def read_item(item: Block, lines: list[str], current_year: int) -> list[Candidate]:
    """The candidates of one list item (usually one)."""
    if not item.segs:
        return [_candidate(item, item.own_lines, item.start + 1, None, [], lines)]
    only_images = all(s.kind == "image" or (s.kind != "link" and not s.text.strip())
                      for s in item.segs)  # fmt: skip
    parts = _split_unbulleted(item.segs, lines)
    firsts = [next((s.line for s in p if s.kind != "break"), item.content_line) for p in parts]
    # Each part owns its lines up to the next part's first line; the first part also owns the
    # item's lines before its content (a bare "-" line).
    own = item.own_lines
    cuts = [0] + [_bisect(own, f) for f in firsts[1:]] + [len(own)]
    out: list[Candidate] = []
    for n, part in enumerate(parts):
        first_line = firsts[n]
        raw_head = _BULLET_MARKER_RE.sub("", _line(lines, first_line), count=1)
        reading = read_entry(part, raw_head, current_year=current_year)
        reading.only_images = only_images and not reading.links
        if not reading.title and item.depth == 0 and (named := _bare_url(part)):
            # "- https://github.com/chizhu/KGQA_HLM", "- SIGHAN Bake-off 2013: http://…": the
            # list names the work by its address, or by the name before it (nested, such a line
            # is a field of the item above it)
            reading.title, reading.venue, reading.year = named, None, None
        if n > 0:
            reading.warnings.append(
                (first_line, "starts a new entry (venue tag) without a '- ' bullet marker, "
                 "so Markdown joins it to the entry above; read as a separate entry")
            )  # fmt: skip
        media = [s for s in part if s.kind in ("link", "image")]
        cand = _candidate(item, own[cuts[n] : cuts[n + 1]], first_line, reading, media, lines)
        out.extend(split_papers(cand, part, current_year))
    return out


def _bare_url(segs: list[Seg]) -> str:
    """The name of an item that is one bare URL (or "<URL>"), alone or after a name and a
    colon ("SIGHAN Bake-off 2013: http://…"): that name, or the URL; else ""."""
    links = [s for s in segs if s.kind == "link"]
    if len(links) != 1 or not links[0].autolink or not leads_out(links[0].url):
        return ""
    if any(s.kind == "image" for s in segs):
        return ""
    k = segs.index(links[0])
    before = "".join(s.text for s in segs[:k] if s.kind == "text").strip(" \t<")
    after = "".join(s.text for s in segs[k + 1 :] if s.kind == "text").strip(" \t>")
    if after or (before and not before.endswith((":", "："))):
        return ""
    return before.rstrip(":：").strip() or links[0].url.strip()


def _dated_parent(item: Block, lines: list[str]) -> str | None:
    """The text of the bullet an item is nested in when that bullet is only a year or a venue
    and its year ("- 2024" over the papers of that year): it dates them as a heading would."""
    parent = item.parent
    if parent is None or any(s.kind in ("link", "image") for s in parent.segs):
        return None
    text = _BULLET_MARKER_RE.sub("", _line(lines, parent.start + 1), count=1).strip()
    return text if 0 < len(text) <= 30 and looks_like_venue_or_date(text) else None


def _bisect(values: list[int], x: int) -> int:
    return next((k for k, v in enumerate(values) if v >= x), len(values))


def _line(lines: list[str], line_no: int) -> str:
    return lines[line_no - 1] if 0 < line_no <= len(lines) else ""


def _split_unbulleted(segs: list[Seg], lines: list[str]) -> list[list[Seg]]:
    """Split an item where a continuation line starts with its own venue tag: that is a second
    entry whose "- " was forgotten, not part of the first one's title."""
    parts: list[list[Seg]] = [[]]
    has_link = False
    for seg in segs:
        if seg.kind == "break" and has_link and RAW_EMPH_TAG_RE.match(_line(lines, seg.line)):
            parts.append([])
            has_link = False
            continue
        parts[-1].append(seg)
        has_link = has_link or seg.kind == "link"
    return [p for p in parts if p] or [[]]


def split_papers(cand: Candidate, segs: list[Seg], current_year: int) -> list[Candidate]:
    """One candidate per paper when a bullet names several, each by its own labelled link.

    Only when the bullet has no title of its own before the links: "Title [arXiv](…) [ACL](…)"
    is one paper linked twice, and "[ModelA](…) and [ModelB](…)" is two.
    """
    r = cand.reading
    if r is None or sum(s.kind == "link" and not s.autolink for s in segs) < 2:
        return [cand]
    paper_links = [
        k for k, s in enumerate(segs)
        if s.kind == "link" and not s.autolink and not is_generic_label(s.text)
        and (is_paper_id(s.url) or (is_paperish(s.url, "") and _titles_it(s.text)))
    ]  # fmt: skip
    first_link = next((k for k, s in enumerate(segs) if s.kind == "link"), None)
    if len(paper_links) < 2 or first_link != paper_links[0]:
        return [cand]
    before = "".join(s.text for s in segs[:first_link] if s.kind == "text")
    if any(ch.isalpha() for ch in before) and not all(
        _titles_it(segs[k].text) for k in paper_links
    ):  # "Title [arXiv](…) [ACL](…)": the bullet names its one paper first (not "This lecture
        return [cand]  # is based on [Title A](…) and [Title B](…)": each link titles its own)
    nodes = {canonicalize(segs[k].url).value if is_paper_id(segs[k].url) else segs[k].url
             for k in paper_links}  # fmt: skip
    if len(nodes) < len(paper_links):
        return [cand]
    out: list[Candidate] = []
    bounds = [*paper_links, len(segs)]
    for n, start in enumerate(paper_links):
        piece = segs[start : bounds[n + 1]]
        reading = read_entry(piece, "", current_year=current_year)
        reading.venue_tag = r.venue_tag
        reading.description = reading.description or r.description
        reading.warnings = r.warnings if n == 0 else []
        media = [s for s in piece if s.kind in ("link", "image")]
        out.append(_copy(cand, reading, media, piece[0].line))
    return out


def _titles_it(label: str) -> bool:
    """A link's label that is a paper's title (three words or more), not a kind of link."""
    return len(label.split()) >= _TITLE_LABEL_WORDS


_TITLE_LABEL_WORDS = 3


def _copy(cand: Candidate, reading: Reading, media: list[Seg], line_no: int) -> Candidate:
    lines = cand.lines if line_no == cand.line_no else [line_no]
    return dataclasses.replace(cand, line_no=line_no, lines=lines, reading=reading, segs=media,
                               absorbed=[])  # fmt: skip


def _candidate(
    item: Block,
    own_lines: list[int],
    first_line: int,
    reading: Reading | None,
    media: list[Seg],
    lines: list[str],
) -> Candidate:
    return Candidate(
        source_format="bullet",
        line_no=first_line,
        lines=own_lines or [first_line],
        section=item.section,
        subsection=item.subsection,
        minor_heading=_dated_parent(item, lines) or item.minor_heading,
        minor_parent=item.minor_parent,
        reading=reading,
        segs=media,
        has_tag=reading is not None and reading.venue_tag is not None,
        has_sublist=item.has_sublist,
        text=_line(lines, first_line),
        furniture=item.furniture,
        quoted=item.quoted,
    )
