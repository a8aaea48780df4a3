"""Paragraph entries (``**Title** [[paper](…)]``), in blockquotes too, and footnote definitions
(``[^1]: Authors. Title. Venue. [pdf](…)``).

A paragraph whose lines each carry a paper link (one entry a line, joined by ``<br>`` or line
breaks) is one entry per line. A paragraph is an entry only when it links a paper: running text
with a link to a tool is prose.
"""

from __future__ import annotations

import re

from enrich.parse.blocks import Block
from enrich.parse.candidate import Candidate
from enrich.parse.fields import (
    FIELD_KEYS,
    field_label,
    looks_like_authors,
    looks_like_citation,
    read_entry,
)
from enrich.parse.inline import Seg
from enrich.parse.links import is_paperish, is_target
from enrich.parse.readers.bullets import split_papers
from enrich.parse.venues import looks_like_venue_or_date

__all__ = ["read_paragraph"]

_FOOTNOTE_RE = re.compile(r"^\s*\[\^[^\]\s]+\]:\s*")


def read_paragraph(block: Block, lines: list[str], current_year: int) -> list[Candidate]:
    if not block.segs:
        return []
    parts = _split_lines(block.segs)
    out: list[Candidate] = []
    last_line = block.end  # 1-based last line == 0-based end
    for n, part in enumerate(parts):
        first = next((s.line for s in part if s.kind != "break"), block.start + 1)
        nxt = next((s.line for s in parts[n + 1] if s.kind != "break"), last_line + 1) if (
            n + 1 < len(parts)
        ) else last_line + 1
        part = _strip_footnote(part)
        caption = _caption(part)
        images: list[Seg] = []
        if caption is not None:  # "![figure](…)" over "(from Ann Lee, …, Title, arXiv:…)"
            images, part = caption
        reading = read_entry(part, "", current_year=current_year)
        if not reading.title_marked and reading.title and not any(
            ch.isalpha() for ch in reading.title
        ):
            reading.title = ""  # "1 [A](…)，2 [B](…)": a number is no title
        reading.only_images = all(s.kind == "image" or (s.kind != "link" and not s.text.strip())
                                  for s in part)  # fmt: skip
        out.extend(split_papers(
            Candidate(
                source_format="paragraph",
                line_no=first,
                lines=list(range(first, max(nxt, first + 1))),
                section=block.section,
                subsection=block.subsection,
                minor_heading=block.minor_heading,
                minor_parent=block.minor_parent,
                reading=reading,
                segs=[*images, *(s for s in part if s.kind in ("link", "image"))],
                has_tag=reading.venue_tag is not None,
                text=lines[first - 1] if 0 < first <= len(lines) else "",
                furniture=block.furniture,
                needs_paper=True,
                mentions="image" if caption is not None else "",
            ),
            part,
            current_year,
        ))  # fmt: skip
    if len(out) > 1 or not out:
        return out
    out[0].lines = list(range(block.start + 1, block.end + 1))
    return out


def _has_paper_link(segs: list[Seg]) -> bool:
    """A link to a paper: by its address, or by a label that cites one in full ('[Doe, J.
    "Title." Journal (2005).](http://host/download?id=…)')."""
    return any(
        s.kind == "link"
        and is_target(s.url)
        and (is_paperish(s.url, s.text) or (len(s.text) > 40 and looks_like_citation(s.text)))
        for s in segs
    )


def _split_lines(segs: list[Seg]) -> list[list[Seg]]:
    """The paragraph line by line when two or more of its lines carry a paper link each;
    else the paragraph whole."""
    lines: list[list[Seg]] = [[]]
    for seg in segs:
        lines[-1].append(seg)
        if seg.kind == "break":  # it ends its line: "Ann Lee⏎*Nature*" is no "Ann LeeNature"
            lines.append([])
    lines = [ln for ln in lines if any(s.kind != "break" for s in ln)]
    with_papers = sum(_has_paper_link(ln) for ln in lines)
    if with_papers < 2:
        return [segs]
    # A line without a paper link is the authors or venue of the entry above it, or the title
    # of the entry below it ("**Title**" then "[paper](…)").
    parts: list[list[Seg]] = []
    pending: list[Seg] = []
    for ln in lines:
        if parts and not pending and (_buttons_only(ln) or _labelled_link(ln)):
            # "[[IEEE Xplore](…)]" below "Mimic. *CVPR 2017*. [[CVF](…)]"; "DOI: [10.1021/…](…)
            # · PMID: […](…)" below a reference's venue line: more links of the entry above
            parts[-1].extend(ln)
        elif _has_paper_link(ln):
            parts.append([*pending, *ln])
            pending = []
        elif parts and not pending and _describes(ln):
            parts[-1].extend(ln)
        else:
            pending.extend(ln)
    if pending:
        parts[-1].extend(pending)
    return parts


def _labelled_link(line: list[Seg]) -> bool:
    """A line that opens with a link's field label ("DOI: [10.1021/…](…)", "Code: […](…)")
    and names no title: a link of the entry above it."""
    first = next((k for k, s in enumerate(line) if s.kind == "link"), None)
    if not first:
        return False  # no link, or one that opens the line (its label may be a title)
    key, rest = field_label("".join(s.text for s in line[:first] if s.kind == "text").strip())
    return FIELD_KEYS.get(key or "") == "link" and not rest.strip()


def _buttons_only(line: list[Seg]) -> bool:
    """A line of links set in brackets as buttons ("[[arXiv](…)] [[Code](…)]") and nothing
    else: more links of the entry above it, not an entry of its own."""
    text = "".join(s.text for s in line if s.kind == "text")
    return (
        any(s.kind == "link" for s in line)
        and not text.replace("[", "").replace("]", "").strip()
        and text.count("[") >= sum(s.kind == "link" for s in line)
    )


def _describes(line: list[Seg]) -> bool:
    text = " ".join(s.text for s in line if s.kind == "text")
    return looks_like_authors(text) or looks_like_venue_or_date(text)


def _caption(segs: list[Seg]) -> tuple[list[Seg], list[Seg]] | None:
    """(the images, the reference) of a figure and its caption that cites where the figure is
    from ("![detection](….png)" then "(from Ann Lee, Bo Chen, Title, arXiv:1506.01497.)"):
    the caption read without its "(from" and ")"; None for any other paragraph."""
    k = 0
    while k < len(segs) and (segs[k].kind in ("image", "break") or not segs[k].text.strip()):
        k += 1
    images = [s for s in segs[:k] if s.kind == "image"]
    if not images or k == len(segs) or segs[k].kind != "text":
        return None
    opening = _CAPTION_RE.match(segs[k].text)
    if opening is None:
        return None
    head = segs[k]
    rest = [Seg("text", head.text[opening.end() :], head.line, style=head.style), *segs[k + 1 :]]
    last = max((n for n, s in enumerate(rest) if s.kind == "text" and s.text.strip()), default=0)
    tail = rest[last]
    if tail.text.rstrip().endswith(")"):
        rest[last] = Seg("text", tail.text.rstrip()[:-1], tail.line, style=tail.style)
    return images, rest


_CAPTION_RE = re.compile(r"\s*\((?:(?:figure|image|picture|fig\.)\s+)?(?:from|source:)\s+", re.I)


def _strip_footnote(segs: list[Seg]) -> list[Seg]:
    """ "[^1]: …" opens a footnote definition: the marker is not part of the entry."""
    first = next((k for k, s in enumerate(segs) if s.kind == "text"), None)
    if first is None or first != 0 or not _FOOTNOTE_RE.match(segs[0].text):
        return segs
    head = segs[0]
    return [Seg("text", _FOOTNOTE_RE.sub("", head.text, count=1), head.line, style=head.style),
            *segs[1:]]  # fmt: skip
