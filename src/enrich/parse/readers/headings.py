"""Heading entries: ``### [Title](https://arxiv.org/abs/…)`` with field bullets (``- **Authors:**
…``, ``- **Code:** …``) or a paragraph below it; or a plain ``#### Title`` whose lines below carry
the paper link without a title of their own (``- Paper: [arXiv](…)``).

The heading reader only reads the heading; :mod:`enrich.parse.build` gives it the candidates
under it as fields, because which lines those are is known only once they are read.
"""

from __future__ import annotations

from enrich.parse.blocks import Block
from enrich.parse.candidate import Candidate
from enrich.parse.fields import Reading, plain_title, read_entry, title_and_tag

__all__ = ["read_heading"]


def read_heading(heading: Block, lines: list[str], current_year: int) -> Candidate:
    line_no = heading.start + 1
    text = "".join(s.text for s in heading.segs if s.kind == "text").lstrip()
    if any(s.kind in ("link", "image") for s in heading.segs) or text[:1] in "([【":
        # (and "##### (2003) Title", "#### [ICLR 2024] Title": a tag before the title)
        reading = read_entry(heading.segs, "", current_year=current_year)
    else:  # the common case: a section's name, read cheaply (it is a title only with fields)
        title = plain_title("".join(s.text for s in heading.segs))
        tagged = title_and_tag(title) if title.endswith((")", "）")) else None
        # "#### Kitsune: Widget NIDS (NDSS 2018)": the paper's title, then where and when
        reading = Reading(tagged[1], tagged[0], []) if tagged else Reading(None, title, [])
    return Candidate(
        source_format="heading",
        line_no=line_no,
        lines=[line_no],
        section=heading.section,
        subsection=heading.subsection,
        minor_heading=heading.minor_heading,
        minor_parent=heading.minor_parent,
        reading=reading,
        segs=[s for s in heading.segs if s.kind in ("link", "image")],
        has_tag=reading.venue_tag is not None,
        text=lines[heading.start] if heading.start < len(lines) else "",
        furniture=heading.furniture,
        needs_paper=True,
    )
