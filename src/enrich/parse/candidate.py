"""A candidate: a piece of the list that may be an entry, decided once the whole list is read."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from enrich.parse.fields import SENTENCE_WORDS, Reading, names_a_paper, names_a_work
from enrich.parse.inline import Seg
from enrich.parse.links import is_target, leads_out

__all__ = ["Candidate"]

_TAG_YEAR_RE = re.compile(r"(?<!\d)(?:(?:19|20)\d{2}|['’]\d{2})(?!\d)")  # "2023", "ATC'23"


# A venue's name as a tag gives it, not words around an event's: "@ ICRA", "ICLR workshop on"
_VENUE_ALONE_RE = re.compile(r"(?![@(])(?!.* @ ).*(?<! on)(?<! of)(?<! at)(?<! in)(?<! for)")


@dataclass
class Candidate:
    """A bullet, table row, heading, paragraph or HTML row that may be an entry."""

    source_format: str  # "bullet" | "table" | "heading" | "paragraph" | "html"
    line_no: int  # 1-based first line of its content
    lines: list[int]  # every 1-based line it owns
    section: str | None
    subsection: str | None
    reading: Reading | None  # None: an empty bullet
    segs: list[Seg] = field(default_factory=list)  # its links and images, for the link ledger
    # the nearest "####" heading, or the "- 2024" bullet it is nested in: read for its date
    minor_heading: str | None = None
    minor_parent: str | None = None  # a "####" heading over a deeper minor one ("#### 2025")
    group: str | None = None
    has_tag: bool = False
    has_sublist: bool = False
    table_id: int | None = None
    dataset_name: str | None = None
    shape_note: str = ""  # table rows with the wrong number of cells
    # a row with no link and no column naming the work, titled by its cell of most words: a
    # paper that lost its link only in a table of papers (`tables._wordiest_cell`)
    title_guessed: bool = False
    # a row whose title is in a column headed as the works' ("Title", "Paper"): a paper
    # whatever its other cells say (`tables._names_works`)
    titled_by_header: bool = False
    text: str = ""  # the first line, for problems
    furniture: bool = False
    quoted: bool = False  # inside a blockquote (a note or call-out, or quoted entries)
    # Paragraphs, headings and HTML are entries only when they link a paper: a paragraph with a
    # link to a tool is prose. Bullets and table rows are entries with any link.
    needs_paper: bool = False
    # it only mentions a paper -- a figure's caption that cites where the figure is from
    # (`readers.paragraphs._caption`), a row of a table of results (`readers.tables`): no
    # entry when the paper is one elsewhere in the list; the line bucket it then takes
    mentions: str = ""
    absorbed: list[Candidate] = field(default_factory=list)  # its fields: sub-bullets, …
    _last_line: int = 0

    @property
    def scope(self) -> tuple[str | None, str | None]:
        return self.section, self.subsection

    @property
    def absorbable(self) -> bool:
        """A field of the entry above it, not an entry of its own: a "Key: value" line, text
        with no link, or links with no title ("[[Paper](…)] [[Code](…)]")."""
        r = self.reading
        if r is None:
            return True
        if r.news:
            return False  # "**Update**: our survey was accepted by [TPAMI](…)": news
        return r.field_key is not None or not r.title or not any(is_target(k.url) for k in r.links)

    def absorb(self, other: Candidate) -> None:
        assert self.reading is not None
        if other.reading is not None:
            self.reading.absorb(other.reading)
        self.segs.extend(other.segs)
        self.absorbed.append(other)
        self._last_line = max(self._last_line, other.last_line)
        self.__dict__.pop("is_entry", None)

    @property
    def last_line(self) -> int:
        """The last line it owns, its fields' included (kept as fields arrive: no rescan)."""
        return max(self._last_line, max(self.lines, default=self.line_no))

    def all_lines(self) -> list[int]:
        out = list(self.lines)
        for other in self.absorbed:
            out.extend(other.all_lines())
        return out

    @functools.cached_property
    def is_entry(self) -> bool:
        """A title and at least one link out of the list (a paper link for the shapes that
        need one): that is an entry."""
        r = self.reading
        if r is None or not r.title or r.field_key is not None:
            return False
        if not any(leads_out(k.url) for k in r.links):
            return False  # an entry whose links are all unsafe stays one: its links are reported
        if self.furniture and not names_a_paper(r.links):
            return False  # a News or Contributing bullet linking a tool or a person
        # A paragraph or heading names a paper by its link, or by citing it as references
        # do: authors and a year beside a marked title ("Low, M. (1930). [Title](…).", "(CVPR
        # 2025) [Title](…) by Liu et al.": the year in the venue's tag).
        dated = r.year is not None or _TAG_YEAR_RE.search(r.venue_tag or "") is not None
        cites = (bool(r.authors) and dated and (
            r.title_marked
            # "[1] Eigen et al, Title, NIPS 2014, [Web](…)": a whole reference, its title unmarked
            or (bool(r.venue) and len(r.title.split()) <= SENTENCE_WORDS)
        )) or (dated and bool(r.venue_tag) and r.title_marked)  # "[ATC'23] [Title](usenix)"
        # "OSDI 2020, [Title](usenix.org)": a venue and its year before a title of some words
        # (not "[Workshop](…) @ ICRA 2021", "ICLR 2021 workshop on [Topic](…)": events)
        venue_alone = r.venue is not None and _VENUE_ALONE_RE.fullmatch(r.venue) is not None
        cites = cites or (dated and r.title_marked and names_a_work(r.title) and venue_alone)
        return not self.needs_paper or (
            (names_a_paper(r.links) or cites) and r.title_reads_as_title
        )
