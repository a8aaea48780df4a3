"""From blocks to entries: read every block with its reader, give fields to the entry they belong
to, decide what each candidate is, and keep both ledgers.

- every line of the list ends in exactly one bucket of ``ParsedList.line_accounting``;
- every link occurrence ends with exactly one fate in ``ParsedList.link_ledger``: a link of an
  entry, part of a reported problem, or ignored for a named reason. A link carrying a paper id
  is never ignored: it is an entry's or a problem's.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from enrich.ids import canonicalize
from enrich.models import Entry, Link, LinkFate, ParsedList, ParseProblem
from enrich.parse.blocks import Block, Walk
from enrich.parse.candidate import Candidate
from enrich.parse.fields import (
    FIELD_KEYS,
    HAS_YEAR_RE,
    SENTENCE_WORDS,
    Reading,
    cited_short_name,
    clean_authors,
    compact,
    long_title_warning,
    looks_like_citation,
    names_a_paper,
    names_only,
    names_venue_by_acronym,
    read_links,
)
from enrich.parse.inline import Seg, squash
from enrich.parse.links import (
    has_no_address,
    ignore_reason,
    is_anchor,
    is_paper_id,
    is_paperish,
    is_relative,
    is_target,
    leads_out,
    malformed_paper_link,
    own_repository,
    paper_node,
    reading_list,
    self_links,
    unsafe_scheme,
)
from enrich.parse.readers.bullets import read_item
from enrich.parse.readers.headings import read_heading
from enrich.parse.readers.paragraphs import read_paragraph
from enrich.parse.readers.tables import names_the_work, read_row
from enrich.parse.readers.verbatim import (
    BibtexRecord,
    bibtex_records,
    code_links,
    read_html,
    stray_entry_lines,
)
from enrich.parse.venues import looks_like_venue_or_date, split_venue_tag, venue_named

__all__ = ["ACCOUNTING_KEYS", "build"]

# Every key line_accounting may use, in report order.
ACCOUNTING_KEYS = (
    "entry",  # first line of an entry
    "continuation",  # further lines of an entry (links on the next line, its field bullets)
    "heading",
    "table_header",  # header row and delimiter row of a table
    "table_group",  # bold group row inside a table (| **Depression Detection** ||||)
    "table_empty",  # a table row with no content at all
    "blank",
    "html",  # HTML blocks (the banner, images, <div>s)
    "image",  # a paragraph or bullet holding only images, or a figure and its caption
    "code",  # fenced or indented code
    "rule",  # thematic break (---)
    "reference",  # link reference definition ([id]: https://…)
    "prose",  # paragraphs, navigation bullets, bullets outside entry sections, results rows
    "problem",  # lines of a ParseProblem of severity "error"
)
_HTML_WHY = "inside an HTML block, which Markdown does not parse (a blank line after the HTML " \
    "tag fixes it)"  # fmt: skip
_SHORT_PLAIN_RE = re.compile(r"[\w'’&/.-]+(?: [\w'’&/.-]+){0,3}")  # up to four plain words
_FOOTNOTE_RE = re.compile(r"\[\^([^\]\s]+)\]")
_HEADING_NUMBER_RE = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)、]?|[IVX]{1,4}\.)\s+")
_GLUED_YEAR_HEADING_RE = re.compile(r"[a-z]{2,8}(?P<year>(?:19|20)\d{2})")  # "sp2025", "ccs2024"
_NUMBERED_RE = re.compile(r"^\s*\d{1,9}[.)]\s")
_BULLET_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")
# A bold title line heads its fields like a heading below the ### subsections.
_TITLE_LINE_LEVEL = 4
_CJK_CLAUSE_MARKS = "，。；"
_REFERENCE_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")
_CODE_WHY = "indented 4+ spaces (or a tab), so Markdown shows it as code, not as a list entry"


class _Builder:
    def __init__(self, list_name: str, w: Walk, current_year: int, list_url: str | None) -> None:
        self.list_name = list_name
        self.w = w
        self.year = current_year
        self.own_repo = own_repository(list_url)
        self.cands: list[Candidate] = []  # top level, in reading order
        self.problems: list[ParseProblem] = [
            ParseProblem(list_name, ln, why, self.line(ln), sev) for ln, sev, why in w.problems
        ]
        self.ledger: list[tuple[int, LinkFate]] = []  # (order, fate) -- sorted at the end
        self.by_item: dict[int, list[Candidate]] = {}
        self.absorber: dict[int, Candidate] = {}  # id(candidate) -> the entry it is a field of
        self.heading: Candidate | None = None
        self.heading_level = 0
        self.body: list[Candidate] = []
        self._stray_lines: set[int] = set()  # of the verbatim block being read
        # Paper links in HTML comments: ledgered in place as `comment`, decided last (index).
        self._hidden_papers: list[tuple[int, Seg]] = []
        self._footnote_citations: dict[str, int] | None = None  # footnote label -> first line
        self._heading_dates: dict[str | None, tuple[str | None, int] | None] = {}
        self._headings: frozenset[str] | None = None
        self._table_headers: dict[int, tuple[str, ...]] = {}  # table id -> its header's cells
        # Bold lines alone, "**In web scenarios**" (line, words): sub-headings, if no entry
        self._bold_labels: list[tuple[int, str]] = []

    def line(self, line_no: int) -> str:
        lines = self.w.lines
        return lines[line_no - 1] if 0 < line_no <= len(lines) else ""

    # -- reading ---------------------------------------------------------------------------------

    def read(self) -> None:
        groups: dict[int, str | None] = {}
        for block in self.w.blocks:
            if block.kind == "item":
                self._item(block)
            elif block.kind == "row":
                assert block.table is not None
                tid = block.table.table_id
                self._table_headers[tid] = tuple(block.table.header)
                cands, groups[tid], cat = read_row(
                    block, self.line(block.start + 1), groups.get(tid), self.year
                )
                if not cands:
                    self._mark(block.start, block.end, cat)
                else:
                    self.w.cats[block.start] = ""
                    for cand in cands:
                        if (above := self._row_above_its_authors(cand)) is not None:
                            self._take(above, cand)
                        else:
                            self._top(cand)
            elif block.kind == "heading":
                if block.level < 3 and not any(s.kind in ("link", "image") for s in block.segs):
                    self._close_heading()
                    continue  # "## Section": a part of the list, never an entry, no links
                cand = read_heading(block, self.w.lines, self.year)
                if self._heading_field(cand, block.level):
                    # "#### Title" then "#### Link：[…](…)": one paper, a heading per field
                    self._top(cand)
                    continue
                self._close_heading()
                self.heading, self.heading_level = cand, block.level
                self.cands.append(self.heading)
            elif block.kind == "paragraph":
                if (label := _bold_label(block)) is not None:
                    self._bold_labels.append((block.start + 1, label))
                for cand in read_paragraph(block, self.w.lines, self.year):
                    labelled = cand.reading is not None and cand.reading.title_labelled
                    if labelled or (
                        _is_title_line(cand, block) and not self._heading_links_paper()
                    ):
                        # "**Title**" alone, fields below it (under a heading that links a
                        # paper, a bold line is a note of that paper: "**The first defense**.")
                        self._close_heading()
                        self.heading, self.heading_level = cand, _TITLE_LINE_LEVEL
                        self.cands.append(cand)
                    elif (owner := self._links_owner(cand)) is not None:
                        self._take(owner, cand)
                    else:
                        self._top(cand)
            elif block.kind == "html":
                self._verbatim(block, "html", _HTML_WHY)
                for cand in read_html(block, self.w.lines, self._stray_lines, self.year):
                    self._top(cand)
            elif block.kind == "code":
                taken = self._bibtex_of_heading(block)
                self._verbatim(block, "code", _CODE_WHY, taken=taken)
            elif block.kind == "table_head":
                self._table_head(block)
        self._close_heading()

    def _row_above_its_authors(self, cand: Candidate) -> Candidate | None:
        """The row above a row that holds only names ("|   | Ada Lovelace, Bob Stone. |  |"
        under "| 1 | Title. | 1991 |"): its authors, a line of its own in the table. Read into
        it as authors; None for any other row."""
        r = cand.reading
        above = self.cands[-1] if self.cands else None
        if r is None or r.links or r.year is not None or r.venue or above is None:
            return None
        a = above.reading
        if above.table_id != cand.table_id or a is None or not a.title or a.authors:
            return None
        filled = [c for c in cand.text.strip().strip("|").split("|") if c.strip()]
        if above.line_no != cand.line_no - 1 or len(filled) != 1:
            return None  # (not "| Nature Methods | 5 |" under "| Nature | 18 |")
        names = names_only(r.title)
        if not names or not ("," in names or " and " in names or "et al" in names):
            return None  # people: a name alone may be a journal's ("Nature Biotechnology")
        r.title, r.authors = "", names
        return above

    def _mark(self, start: int, end: int, cat: str, *, only_unset: bool = False) -> None:
        cats = self.w.cats
        for k in range(max(start, 0), min(end, len(cats))):
            if not only_unset or cats[k] is None:
                cats[k] = cat

    def _top(self, cand: Candidate) -> None:
        self.cands.append(cand)
        if self.heading is not None:
            self.body.append(cand)

    def _item(self, block: Block) -> None:
        cands = read_item(block, self.w.lines, self.year)
        self.by_item[id(block)] = cands
        parent = self.by_item.get(id(block.parent)) if block.parent is not None else None
        owner = self._owner(parent[-1]) if parent else None
        for cand in cands:
            if owner is not None and (theirs := self._second_papers_links(cand, owner)):
                self._split_off(owner, cand, theirs)  # "  * …, Other Title, ICML, 2012." below
            elif owner is not None and cand.absorbable and owner.reading is not None and not (
                # "- Optional" over "  - Doe, J. (2013). Title. Journal, 5(2)." with no link: a
                # group over a reference, not a title over its field; "1. Cognitive view："
                # over "   1. Title (Ann Lee, SIGIR 2024)": a label over papers, however written
                not owner.reading.links and cand.reading is not None
                and (
                    (bool(cand.reading.title) and _cites_a_work(cand.reading))
                    or _labels_papers(owner.reading, cand.reading)
                )
            ):
                self._take(owner, cand)
            elif owner is not None and (names := _authors_with_the_link(cand, owner)):
                # "* Title**<br />" over "  * Lina Chen, George Pap.<br />[[Paper]](…)": the
                # title above, its authors and link below (not an entry titled by the names)
                assert cand.reading is not None
                cand.reading.title, cand.reading.authors = "", names
                self._take(owner, cand)
            elif owner is not None and _cites_the_same_paper(cand, owner):
                self._take(owner, cand)  # "  * Rosa Quill, Title, arXiv:1901.00001." below
            elif owner is not None and cand.reading is not None and _labelled_links(cand, owner):
                # "  - ExpEnv: [D4RL](…), [MuJoCo](…)" under a paper: a field of the list's own,
                # no entry; its links are not the paper's (D4RL's stars are not the paper's)
                cand.reading.field_key = cand.reading.title.lower()
                self._top(cand)
            elif (previous := self._citation_owner(cand) or self._field_owner(cand)) is not None:
                self._take(previous, cand)  # a citation line that lost its indent: still a field
            elif (named := self._paper_named_below(cand, block)) is not None:
                self._take(named, cand)  # "TADF. [[arXiv](…)]" then "- Title" and "- Authors"
            else:
                self._top(cand)

    def _citation_owner(self, cand: Candidate) -> Candidate | None:
        """The entry right above a link-less bullet that reads as its citation ("Authors,
        Title, ICLR, 2015."): lists indent such lines under their entry, and one space too few
        makes them bullets of their own."""
        r = cand.reading
        if r is None or r.venue_tag or r.field_key is not None:
            return None
        if any(k.label and k.label == r.title for k in r.links):
            return None  # "- [Title](papers/raft.pdf) (2014) - Authors": titled by its own link
        if r.title_marked and not r.links:
            return None  # "- **Title** — Authors. *Venue 2016*.": a paper of its own, no link
        if cand.has_sublist:
            return None  # "- 2023" over the papers of that year: it heads them
        if _NUMBERED_RE.match(cand.text):
            return None  # "47. Authors. **Title**": the next item of a numbered list
        previous = self._above("bullet")
        if previous is None or previous.reading is None:
            return None
        if previous.reading.field_key is not None:
            return None  # fields find their entry through their heading
        if cand.line_no != previous.last_line + 1 or not self.line(cand.line_no - 1).strip():
            # Only the line right below its entry: an item after a blank line is an item of
            # its own ("1. **Title.** Venue 2019." with no link is not the next one's citation).
            return None
        p = previous.reading
        nodes = {paper_node(k.url) for k in r.links} - {None}
        same = bool(nodes) and nodes <= {paper_node(k.url) for k in p.links}
        # "* Ross Gill, Fast R-CNN, arXiv:1504.08083." under its entry: the id written out (no
        # link of its own: a bullet linking the same paper is the list repeating it)
        cites_by_id = same and not any(k.label for k in r.links)
        if r.title and not (looks_like_citation(r.title) or r.authors or cites_by_id or (
            # "* OverFeat, NYU [[Paper]](…)" then "* OverFeat: Integrated …, ICLR, 2014."
            self._owner(previous) is previous and cited_short_name(p, r)
        )):
            return None  # a citation names its authors ("Azadi, …, "Title", ICLR 2016")
        if _cites_a_work(p) and _cites_a_work(r):
            return None  # two whole references, one a bullet: the second is no citation line
        if previous.is_entry or (not p.title and self._owner(previous) is previous):
            # the citation of that entry (no link, or only to the same paper), or of a name
            # read as people over its paper's link ("* Faster R-CNN, Microsoft [[Paper]](…)")
            return previous if same or not any(leads_out(k.url) for k in r.links) else None
        # "- Title" then "- Authors, Title, arXiv:…, 2015. [[Paper](…)]": one entry (but not
        # when the line below marks a title of its own: "- *Authors*. **Title**. arXiv:…")
        # (not when the line above is a whole reference of its own: "- Doe, J. (1996). Title.
        # Journal, 18(4)." with no link, then "- Roe, R. (2014). Title. … doi:10.1187/…")
        untitled_above = (not p.links and p.title and not p.venue_tag and not previous.has_sublist
                          and not _cites_a_work(p))  # fmt: skip
        return previous if untitled_above and r.links and not r.title_marked else None

    def _above(self, source_format: str) -> Candidate | None:
        """The candidate read last, when it is of that kind and has a reading: the one a
        line right below it may belong to."""
        previous = self.cands[-1] if self.cands else None
        if previous is None or previous.source_format != source_format or not previous.reading:
            return None
        return previous

    def _field_owner(self, cand: Candidate) -> Candidate | None:
        """The bold title right above a "**Authors**: …" bullet that lost its indent ("10.
        **Title**" then "   - **Authors**: …": three spaces are too few under "10. ")."""
        r = cand.reading
        if r is None or r.field_key is None:
            return None
        previous = self._above("bullet")
        if previous is None or previous.reading is None:
            return None
        p = previous.reading
        if p.links or not p.title_marked or p.field_key is not None or p.news:
            return None
        return previous if cand.line_no == previous.last_line + 1 else None

    def _paper_named_below(self, cand: Candidate, block: Block) -> Candidate | None:
        """The paragraph above a top-level bullet with no link, when that paragraph links a
        paper under a short name ("TADF. *CVPR 2021*. [[arXiv](…)] \\- summary") and the
        list right below it gives the paper's title ("- Distilling Object Detectors with …",
        taken as the title) and authors ("- Ruoyu Sun and Fuhui Tang"). None otherwise."""
        r = cand.reading
        if r is None or r.links or r.field_key is not None or block.depth != 0:
            return None
        previous = self._above("paragraph")
        if previous is None or previous.reading is None:
            return None
        p = previous.reading
        if not names_a_paper(p.links) or cand.line_no > previous.last_line + 2:
            return None  # only the list right below it (a blank line between)
        if r.title and not p.authors and len(p.title.split()) <= 2 and _reads_as_title(r.title):
            # the short name stays as the description's first words
            p.description = " ".join(filter(None, (p.title, p.description)))
            p.title, p.title_marked, r.title = r.title, True, ""
            return previous
        return previous if not r.title and r.authors and not p.authors else None

    def _heading_field(self, cand: Candidate, level: int) -> bool:
        """A heading that is a field ("Link: …", "Code: …") of the plain heading right above it,
        at its level, with nothing between them but other such fields."""
        h = self.heading
        return (
            cand.reading is not None
            and cand.reading.field_key is not None
            and h is not None
            and h.reading is not None
            and bool(h.reading.title)
            and h.reading.field_key is None
            and not h.reading.links
            and self.heading_level == level
            and all(c.source_format == "heading" for c in self.body)
        )

    def _heading_links_paper(self) -> bool:
        h = self.heading
        return h is not None and h.reading is not None and names_a_paper(h.reading.links)

    def _links_owner(self, cand: Candidate) -> Candidate | None:
        """The item right above a paragraph of links with no title, when that item has a title
        and no link: "6. **Title.** ACL, 2018." then "[paper](…) [code](…)" unindented, after a
        blank line -- the item's links, which the list ended by one indent too few."""
        r = cand.reading
        if r is None or r.title or not any(is_target(k.url) for k in r.links) or cand.quoted:
            return None
        previous = self.cands[-1] if self.cands else None
        if previous is None or previous.source_format != "bullet" or previous.reading is None:
            return None
        p = previous.reading
        if not p.title or p.field_key is not None or any(leads_out(k.url) for k in p.links):
            return None
        return previous if cand.line_no == previous.last_line + 1 else None

    def _take(self, owner: Candidate, cand: Candidate) -> None:
        """``cand`` is a field of ``owner``: read into it, and remembered as its."""
        owner.absorb(cand)
        self.absorber[id(cand)] = owner

    def _second_papers_links(self, cand: Candidate, owner: Candidate) -> list[Link]:
        """The links of ``owner`` that are the paper of ``cand``, when ``cand`` is a second
        whole reference under it, of another title: "* Learning Features [[Paper-ICML12]](…)
        [[Paper-PAMI13]](…)" over "  * Authors, Scene Parsing …, ICML, 2012." and "  *
        Authors, Learning Features, PAMI, 2013." lists two papers, each with its link (by its
        label's venue and year, or by the id the reference cites). None unless the entry keeps a
        paper link of its own: one reference under two links is one paper's two versions."""
        r, o = cand.reading, owner.reading
        first = _first_reference(owner)
        if r is None or o is None or first is None or not _whole_reference(r):
            return []
        if compact(r.title) == compact(first.title):
            return []
        theirs = [k for k in o.links if _cites_link(r, k)]
        kept = [k for k in o.links if k not in theirs]
        return theirs if theirs and names_a_paper(kept) else []

    def _split_off(self, owner: Candidate, cand: Candidate, theirs: list[Link]) -> None:
        """``cand``, a second paper's reference under ``owner``, becomes an entry of its own
        with its links; when it is the paper the entry's title names, the entry is the first
        reference's paper instead (its title, venue and year)."""
        assert cand.reading is not None and owner.reading is not None
        o, first = owner.reading, _first_reference(owner)
        assert first is not None
        o.links = [k for k in o.links if k not in theirs]
        cand.reading.links[:0] = theirs
        if compact(cand.reading.title) == compact(o.title):
            o.title, o.venue, o.year, o.month = first.title, first.venue, first.year, first.month
        self._top(cand)

    def _owner(self, cand: Candidate) -> Candidate | None:
        """The candidate that takes fields for ``cand``: itself, or the entry it is a field of;
        None when it cannot hold fields (a field label, no title). A paper's link under a
        name read as people ("* R-CNN, UC Berkeley [[Paper]](…)") holds them too: its citation
        below may name the paper."""
        owner = self.absorber.get(id(cand), cand)
        r = owner.reading
        if r is None or r.field_key is not None:
            return None
        return owner if r.title or (r.authors and names_a_paper(r.links)) else None

    def _close_heading(self) -> None:
        """Give a heading the candidates under it, when it is an entry: a heading that links a
        paper takes every field below it; a plain heading takes them only when none of them is
        an entry of its own and together they link a paper."""
        heading, body, heading_level = self.heading, self.body, self.heading_level
        self.heading, self.body = None, []
        if heading is None or heading.reading is None or not heading.reading.title:
            return
        if heading.reading.field_key is not None:
            return
        links_paper = names_a_paper(heading.reading.links)
        if not links_paper and any(is_target(k.url) for k in heading.reading.links):
            return  # a heading linking something else: a section about a tool, a dataset
        if not links_paper and heading_level < 3:
            return  # "# List" and "## Section" name parts of the list, never one paper
        fields = [c for c in body if c.absorbable and id(c) not in self.absorber]
        record = not links_paper and _a_papers_record(fields)
        if not links_paper and (
            any(c.is_entry and c.reading and names_a_paper(c.reading.links) for c in body)
            or not (
                record
                or any(c.reading is not None and names_a_paper(c.reading.links) for c in fields)
            )
        ):
            return  # the section holds entries of its own, or its lines name no paper
        if record:  # a paper's record: an entry with any link, as a bullet is
            heading.needs_paper = False
            heading.__dict__.pop("is_entry", None)
        for cand in fields:
            self._take(heading, cand)
        taken = {id(c) for c in fields}
        self.cands = [c for c in self.cands if id(c) not in taken]

    # -- verbatim blocks ---------------------------------------------------------------------

    def _bibtex_of_heading(self, block: Block) -> set[tuple[int, str]]:
        """A BibTeX record under a heading that names a paper and links none ("##### (2003)
        Title", "* Venue: …", then the record in a code block): its DOI, arXiv id and URL are
        the paper's links, its authors the paper's, a field of the heading (43 papers of one
        list were in no entry and no problem). Returns the (line, URL) of the record's links
        taken, which the code block's ledger leaves to the entry."""
        heading = self.heading
        if heading is None or heading.reading is None or not heading.reading.title:
            return set()
        if heading.reading.links or any(c.is_entry for c in self.body):
            return set()  # the heading links its paper, or the section holds entries
        record = _heading_record(bibtex_records(block), heading.reading.title)
        if record is None or not any(is_paper_id(s.url) or is_paperish(s.url, "")
                                     for s in record.links):  # fmt: skip
            return set()
        segs = record.links
        links, _ = read_links(segs)
        self._top(Candidate(
            source_format="paragraph",
            line_no=segs[0].line,
            lines=[],  # the block's lines stay "code"
            section=block.section,
            subsection=block.subsection,
            reading=Reading(None, "", links, authors=record.authors, field_key="link"),
            segs=segs,
        ))  # fmt: skip
        return {(s.line, s.url) for s in segs}

    def _verbatim(
        self, block: Block, cat: str, why: str, *, taken: set[tuple[int, str]] | None = None
    ) -> None:
        """HTML and code blocks: their lines are not Markdown, but an entry hiding in one is
        reported rather than dropped, and every URL in code is ledgered as code."""
        fenced = cat == "code" and self.line(block.start + 1).lstrip().startswith(("```", "~~~"))
        comment = cat == "html" and block.text.lstrip().startswith("<!--")  # hidden on purpose
        stray = [] if fenced or comment else stray_entry_lines(block, self.w.lines)
        self._stray_lines = {ln for ln, _ in stray}
        for ln, links in stray:
            self.w.cats[ln - 1] = "problem"
            reason = f"looks like a list entry but is {why}"
            self.problems.append(ParseProblem(self.list_name, ln, reason, self.line(ln), "error"))
            for seg in links:
                self._fate(seg, "problem", reason)
        if cat == "code":
            for seg in code_links(block):
                if seg.line not in self._stray_lines and (seg.line, seg.url) not in (taken or ()):
                    self._fate(seg, "ignored", "code")
        self._mark(block.start, block.end, cat, only_unset=True)

    def _table_head(self, block: Block) -> None:
        """Links in a table's header row: never an entry; a paper there is reported."""
        for seg in block.segs:
            if seg.kind == "link" and is_paper_id(seg.url):
                reason = "a paper is linked from a table's header row, not from an entry row"
                self._fate(seg, "problem", reason)
                self.problems.append(
                    ParseProblem(self.list_name, seg.line, reason, self.line(seg.line), "error")
                )
            else:
                self._ignore(seg, block.furniture)

    # -- deciding --------------------------------------------------------------------------------

    def decide(self) -> list[Entry]:
        self._tables_of_papers_are_no_furniture()
        # Sections whose bullets list papers: a bullet there without a link lost it.
        entry_scopes = {c.scope for c in self.cands if c.is_entry and c.source_format == "bullet"
                        and c.reading and names_a_paper(c.reading.links)}  # fmt: skip
        entry_tables = self._tables_of_papers(
            {c.table_id for c in self.cands if c.is_entry and c.table_id is not None}
        )
        entries: list[Entry] = []
        damaged = self._damaged_lines()
        ordered = sorted(self.cands, key=lambda c: c.line_no)
        decisions = [self._decision(c, entry_scopes, entry_tables) for c in ordered]
        decisions = _papers_beside_reported_ones(ordered, decisions)
        self._name_groups(ordered, decisions)
        # A paper linked outside every entry (a badge, a news line) is fine when the same paper
        # is an entry elsewhere in the list; otherwise it is in no entry: an error.
        # (A figure's caption or a result's row is checked by all its paper links, an id or
        # not: `_paper_key`.)
        # (`_paper_key` is a link's `paper_node` when it has one.)
        listed: set[str | None] = set()
        if any(d.startswith("orphan:") for d in decisions):
            listed = {_paper_key(k.url) for c, d in zip(ordered, decisions, strict=True)
                      if d == "entry" and c.reading for k in c.reading.links}  # fmt: skip
            listed.discard(None)
        for cand, decision in zip(ordered, decisions, strict=True):
            elsewhere = False
            key = _paper_key if cand.mentions else paper_node
            if decision.startswith("orphan:"):
                nodes = {key(k.url) for k in cand.reading.links} if cand.reading else set()
                elsewhere = (nodes - {None}) <= listed
                if not elsewhere:
                    decision = "entry" if cand.is_entry else "problem"
                    if cand.mentions and decision == "entry":
                        listed |= nodes - {None}  # its next mentions (the method's other scores)
                else:
                    decision = decision.removeprefix("orphan:")
            self._mark_lines(cand, decision)
            if decision == "entry":
                entry = self._entry(len(entries) + 1, cand)
                entries.append(entry)
                self._ledger_entry(cand, entry)
                self.problems.extend(
                    ParseProblem(self.list_name, ln, why, self.line(ln), "warning")
                    for ln, why in self._warnings(cand, damaged)
                )
            elif decision == "problem":
                reason = self._error_reason(cand)
                self.problems.append(
                    ParseProblem(self.list_name, cand.line_no, reason, cand.text, "error")
                )
                for seg in cand.segs:
                    if seg.kind == "link" and not (seg.in_code or seg.hidden):
                        self._fate(seg, "problem", reason)
                    else:
                        self._ignore(seg, cand.furniture)
            else:
                for seg in cand.segs:
                    if elsewhere and seg.kind == "link" and key(seg.url) in listed:
                        self._fate(seg, "ignored", "elsewhere")
                    else:
                        self._ignore(seg, cand.furniture)
        self._hidden(entries)
        self._references()
        if not entries:
            self._no_links_at_all(ordered, decisions)
        return entries

    def _name_groups(self, ordered: list[Candidate], decisions: list[str]) -> None:
        """The heading nearest an entry below its subsection names its group: a "####" (or
        deeper) heading that is no paper and no date ("#### Question Answering", "#####
        Commonsense Reasoning": 630 entries of five lists kept only the "###" above), and a
        bold line alone that is no entry ("**In web scenarios**" over its papers' bullets).
        Each holds up to the next heading or bold line; it is the entries' subsection when no
        "###" heading gives them one, else their group, unless a table's bold row gave one."""
        headings = [b for b in self.w.blocks if b.kind == "heading"]
        minors = [(b.start + 1, b.minor_heading) for b in headings if b.minor_heading]
        if not self._bold_labels and not minors:
            return
        entry_lines = {c.line_no for c, d in zip(ordered, decisions, strict=True) if d == "entry"}
        names = {
            ln: name
            for ln, name in [*self._bold_labels, *minors]
            if name and ln not in entry_lines and not looks_like_venue_or_date(name)
        }
        stops = sorted([ln for ln, _ in self._bold_labels] + [b.start + 1 for b in headings])
        for cand, decision in zip(ordered, decisions, strict=True):
            if decision != "entry" or cand.group is not None:
                continue
            k = bisect.bisect_right(stops, cand.line_no)
            name = names.get(stops[k - 1]) if k else None
            if name is None:
                continue  # under a section's heading, or above every heading
            if cand.subsection is None:
                cand.subsection = name
            else:
                cand.group = name

    def _tables_of_papers(self, with_entries: set[int]) -> set[int]:
        """The tables with entries, and the tables headed as one of them is, by a header with a
        column naming the work: a row with no link in a table of the list's papers is a paper
        that lost its link, though no row of its own table has one ("| 1 | SpGAT | Spectral
        Graph Attention Network | |" alone under "Number | Nickname | Paper | Code"; 9 rows of
        two real lists were in no entry and no problem). Not "Area | Topic": a table of topics
        may share the header of a table of links."""
        headers = self._table_headers
        papers = {headers[t] for t in with_entries if t in headers and names_the_work(headers[t])}
        return with_entries | {t for t, header in headers.items() if header in papers}

    def _tables_of_papers_are_no_furniture(self) -> None:
        """A table of papers under a heading such as "Contribute to the List!" ("### Projects"
        below it, the list's whole content): one row naming a paper makes the table the list's
        own, and its other rows entries or problems, not furniture (measured: 23 of 86 papers of
        one list were ignored so, their links on publishers' pages, not paper ids)."""
        papers = {c.table_id for c in self.cands if c.furniture and c.table_id is not None
                  and c.is_entry}  # fmt: skip
        for cand in self.cands:
            if cand.furniture and cand.table_id in papers:
                cand.furniture = False
                cand.__dict__.pop("is_entry", None)

    def _no_links_at_all(self, ordered: list[Candidate], decisions: list[str]) -> None:
        """A list of titles with no link anywhere ("- Title. Authors. Venue 2019."): each line
        is prose, none an error, and the parse would end with nothing said. One warning says why
        there is no entry, at the first such title."""
        titled = [c for c, d in zip(ordered, decisions, strict=True)
                  if d == "prose" and c.source_format in ("bullet", "table")
                  and c.reading is not None and c.reading.title and not c.reading.links
                  and not c.furniture and not _reads_as_sentence(c.reading.title)
                  and not names_venue_by_acronym(c.reading)]  # fmt: skip
        if len(titled) >= _TITLES_WITHOUT_LINKS:
            first = titled[0]
            self.problems.append(ParseProblem(
                self.list_name, first.line_no,
                f"no entry: {len(titled)} items have a title but no link at all (each needs one "
                "to the work, e.g. [[📝 Paper](https://…)]), so none is read as a paper",
                first.text, "warning",
            ))  # fmt: skip

    def _hidden(self, entries: list[Entry]) -> None:
        """A paper the list hides in an HTML comment and lists nowhere else is in no entry:
        a warning (not an error: hiding it may be on purpose), never a silent ignore."""
        if not self._hidden_papers:
            return  # the usual case: no need for a set of every link's paper
        listed = {paper_node(k.url) for e in entries for k in e.links}
        for index, seg in self._hidden_papers:
            if paper_node(seg.url) in listed:
                continue  # ledgered as `comment` already
            reason = ("paper link inside an HTML comment (hidden on GitHub) is in no entry; "
                      "take it out of the comment to list it")  # fmt: skip
            fate = self.ledger[index][1]
            self.ledger[index] = (seg.line, LinkFate(fate.line_no, fate.url, "problem", reason))
            self.problems.append(
                ParseProblem(self.list_name, seg.line, reason, self.line(seg.line), "warning")
            )

    def _decision(
        self,
        cand: Candidate,
        entry_scopes: set[tuple[str | None, str | None]],
        entry_tables: set[int],
    ) -> str:
        """ "entry", "problem", the line bucket of a candidate that is not an entry, or
        "orphan:<bucket>" when it links a paper: a problem unless the paper is an entry
        elsewhere in the list."""
        links = cand.reading.links if cand.reading is not None else []
        if cand.is_entry:
            if cand.mentions and any(_paper_key(k.url) for k in links):
                return f"orphan:{cand.mentions}"  # a figure's source, a result: an entry only
                # if the paper is no other
            return "entry"
        decision = self._non_entry(cand, entry_scopes, entry_tables)
        if decision != "problem" and any(is_paper_id(k.url) for k in links):
            return f"orphan:{decision}"  # a paper id outside every entry is never prose
        return decision

    def _non_entry(
        self,
        cand: Candidate,
        entry_scopes: set[tuple[str | None, str | None]],
        entry_tables: set[int],
    ) -> str:
        r = cand.reading
        links = r.links if r is not None else []
        if cand.source_format == "heading":
            return "heading"
        if cand.title_guessed and cand.table_id not in entry_tables:
            return "prose"  # a row of a table of no papers ("| 2016 | OpenAI Gym | …" milestones)
        if r is not None and r.only_images:
            return "image"
        if r is not None and not links and not cand.furniture and _reads_as_reference(
            r, cand.text
        ) and not (
            cand.needs_paper and _reads_as_sentence(r.title)  # prose that cites "[Doe et al., …]"
        ):
            return "problem"  # "> Doe, J. (2009). Title. Journal 124: 531-96.": a paper, no link
        broken = links and not any(is_target(k.url) for k in links) and not (r and r.venue_tag)
        if broken and r is not None and not cand.furniture and _paper_without_a_working_link(
            cand, r, entry_scopes, entry_tables
        ):
            return "problem"  # a paper whose only links are broken on GitHub
        if cand.needs_paper or (r is not None and r.field_key is not None):
            return "prose"
        if broken:
            return "prose"  # a table of contents: links to "#sections" only
        # A dated title over its own fields is no group: "- [2010]. Factorization Machines"
        # over "  - Summary: …" lost its link
        dated_over_fields = bool(cand.absorbed) and r is not None and r.year is not None
        if cand.has_sublist and not links and not dated_over_fields:
            return "prose"  # a bullet that only heads a nested list
        if not links and not dated_over_fields and self._heads_deeper_bullet(cand):
            return "prose"  # " * Princeton" over "  * Fisher Yu, …": a group, one space short
        if r is not None and not r.venue_tag:
            # "Doe, J. (2014). Title. In Proceedings of …": a long title, yet no sentence
            long = _reads_as_sentence(r.title) and not _cites_a_work(r)
            if not links and (cand.quoted or long):
                return "prose"  # a note in a call-out, a sentence: not a title missing its link
            if not r.title and not any(is_paper_id(k.url) for k in links) and not (
                _lost_its_title(r) or _cites_untitled(r, links)
            ):
                return "prose"  # "- [Website](…)": a link to something, no paper, no title
        elif r is not None and not r.title and not names_a_paper(links):
            return "prose"  # "* [CVPR 2018 Tutorial][[Web]](youtube…)": an event's page, no paper
        if cand.furniture:
            return "prose"
        if not links and r is not None and names_venue_by_acronym(r):
            return "prose"  # "- **International Conference on Machine Learning (ICML)**": a key
        if not links and r is not None and _heading_key(r.title) in self._heading_keys():
            return "prose"  # "- 召回排序算法" over "# 2. 召回排序算法": contents with no links
        looks_like_entry = (
            cand.has_tag
            or (cand.source_format == "bullet" and cand.scope in entry_scopes)
            or (cand.table_id is not None and cand.table_id in entry_tables)
            # "22. *Li S, Zhang H, et al*. **Title**[J]. IEEE Access, 2019": a reference
            or (r is not None and bool(r.title) and bool(r.authors or (r.venue and r.year)))
            or (r is not None and _lost_its_title(r))
            # "| 1 | Gradual Typing. | 1991 |" under "rank | paper | year": a paper, no link
            or (cand.titled_by_header and r is not None and bool(r.title) and r.year is not None)
        )
        return "problem" if looks_like_entry else "prose"

    def _heading_keys(self) -> frozenset[str]:
        """The list's headings, as `_heading_key` writes them (read once, when first asked)."""
        if self._headings is None:
            self._headings = frozenset(
                _heading_key("".join(s.text for s in b.segs if s.kind == "text"))
                for b in self.w.blocks
                if b.kind == "heading"
            )
        return self._headings

    def _heads_deeper_bullet(self, cand: Candidate) -> bool:
        """The next line is a bullet indented deeper than this one: this one names a group."""
        here, below = self.line(cand.line_no), self.line(cand.line_no + 1)
        if not _BULLET_RE.match(below):
            return False
        return len(below) - len(below.lstrip()) > len(here) - len(here.lstrip())

    def _mark_lines(self, cand: Candidate, decision: str) -> None:
        """An entry's first line is "entry" and the rest (its fields too) "continuation";
        otherwise the lines get the decision's bucket. A heading that is no entry stays a
        heading, and an HTML unit that is no entry stays HTML."""
        cats = self.w.cats
        if decision == "heading" or (cand.source_format == "html" and decision != "entry"):
            return
        lines = cand.all_lines() if decision == "entry" else cand.lines
        if cand.source_format == "html":
            lines = [cand.line_no]
        first = cand.line_no if cand.line_no in lines else (lines[0] if lines else 0)
        for ln in lines:
            if 0 < ln <= len(cats):
                if decision == "entry":
                    cats[ln - 1] = "entry" if ln == first else "continuation"
                else:
                    cats[ln - 1] = decision
        if decision != "entry":
            for other in cand.absorbed:  # fields of a candidate that is no entry
                for ln in other.all_lines():
                    if 0 < ln <= len(cats) and cats[ln - 1] in ("", None):
                        cats[ln - 1] = decision

    def _entry(self, position: int, cand: Candidate) -> Entry:
        r = cand.reading
        assert r is not None
        venue, tag_year = split_venue_tag(r.venue_tag, self.year) if r.venue_tag else (None, None)
        if cand.source_format == "table":  # a Year column beats the tag
            year = r.year if r.year is not None else tag_year
            month = r.month if r.year is not None else None
        else:
            year = tag_year if tag_year is not None else r.year
            month = r.month if year == r.year else None
        # "👉[Pangu](#pangu)", a table of contents under a titled heading: places in the list
        links = tuple(k for k in r.links if not has_no_address(k.url)
                      and not is_anchor(k.url.strip())
                      and unsafe_scheme(k.url) is None)  # fmt: skip
        listed_venue = venue or r.venue
        if (year is None or listed_venue is None) and (dated := self._dated_scope(cand)):
            # "### ECCV 2024", "## 2023": the heading says where and when its papers appeared
            scope_venue, scope_year = dated
            year, month = (scope_year, None) if year is None else (year, month)
            listed_venue = listed_venue or scope_venue
        return Entry(
            list_name=self.list_name,
            position=position,
            line_no=cand.line_no,
            section=cand.section,
            subsection=None if _names_its_own_scope(cand) else cand.subsection,
            group=cand.group,
            kind=_kind(cand, links),
            source_format=cand.source_format,
            listed_title=r.title,
            listed_venue=listed_venue,
            listed_year=year,
            listed_month=month,
            dataset_name=cand.dataset_name,
            description=r.full_description(),
            venue_tag=r.venue_tag,
            links=links,
            listed_authors=clean_authors(r.authors) if r.authors else None,
        )

    def _dated_scope(self, cand: Candidate) -> tuple[str | None, int] | None:
        """(venue, year) of the nearest heading above an entry ("####" ones too) when it is
        only a year, or a venue and its year ("2023", "ICLR 2024"); a heading without a year
        says too little ("Nature" heads a journal family, "ICLR" may head its workshops) unless
        years are headed under it ("## ICSE", then "### 2025" or "### icse2025") or over it
        ("#### 2025", then "##### USENIX Security")."""
        headings = (cand.minor_heading, cand.minor_parent, cand.subsection, cand.section)
        for k, heading in enumerate(headings):
            if (dated := self._dated(heading)) is not None:
                if dated[0] is None:
                    # the venue headed under the year ("#### 2025", "##### NDSS"), or over it
                    named = (venue_named(h) for h in (*headings[:k], *headings[k + 1 :]) if h)
                    return next((v for v in named if v), None), dated[1]
                return dated
        return None

    def _dated(self, heading: str | None) -> tuple[str | None, int] | None:
        """(venue, year) a heading says, read once per heading (entries share their headings);
        "sp2025", "ccs2024" (a lower-case abbreviation glued to the year): the year alone."""
        if heading not in self._heading_dates:
            self._heading_dates[heading] = self._date_of(heading.rstrip(":：") if heading else "")
        return self._heading_dates[heading]

    def _date_of(self, heading: str) -> tuple[str | None, int] | None:
        """What `_dated` reads of a heading's text ("## 2022:" without its colon)."""
        # short, and plain: not "🗓️ Highlights — May 13, 2024", "Papers accepted at …"
        if heading and _SHORT_PLAIN_RE.fullmatch(heading) and looks_like_venue_or_date(heading):
            venue, year = split_venue_tag(heading, self.year)
            return (venue, year) if year is not None else None
        if heading and (glued := _GLUED_YEAR_HEADING_RE.fullmatch(heading.strip())):
            return None, int(glued["year"])
        return None

    # -- the link ledger -------------------------------------------------------------------------

    def _fate(self, seg: Seg, fate: str, reason: str, position: int | None = None) -> None:
        url = squash(seg.url)
        self.ledger.append((seg.line, LinkFate(seg.line, url, fate, reason, position)))

    def _ignore(self, seg: Seg, furniture: bool) -> None:
        if seg.hidden and seg.kind == "link" and is_paper_id(seg.url):
            self._hidden_papers.append((len(self.ledger), seg))
        reason = ignore_reason(seg.url, image=seg.kind == "image", in_code=seg.in_code,
                               own_repo=self.own_repo, furniture=furniture,
                               hidden=seg.hidden)  # fmt: skip
        self._fate(seg, "ignored", reason)

    def _ledger_entry(self, cand: Candidate, entry: Entry) -> None:
        for seg in cand.segs:
            if seg.kind == "image":
                self._fate(seg, "ignored", "badge")
            elif has_no_address(seg.url):
                self._fate(seg, "ignored", "empty")
            elif is_anchor(seg.url.strip()):
                self._fate(seg, "ignored", "anchor")
            elif seg.in_code or seg.hidden:
                if seg.hidden and is_paper_id(seg.url):
                    self._hidden_papers.append((len(self.ledger), seg))
                self._fate(seg, "ignored", "code" if seg.in_code else "comment")
            elif (why := malformed_paper_link(seg.url)) is not None:
                self._fate(seg, "entry", "", entry.position)
                self.problems.append(
                    ParseProblem(self.list_name, seg.line, why, self.line(seg.line), "warning")
                )
            elif (scheme := unsafe_scheme(seg.url)) is not None:
                reason = f"link with the unsafe scheme '{scheme}:' is not exported"
                self._fate(seg, "problem", reason)
                self.problems.append(
                    ParseProblem(self.list_name, seg.line, reason, self.line(seg.line), "warning")
                )
            else:
                self._fate(seg, "entry", "", entry.position)

    def _references(self) -> None:
        """Link reference definitions: counted where they are used; one never used that names
        a paper is a problem (the paper is in no entry)."""
        used = {squash(f.url) for _, f in self.ledger}
        for label, (url, line) in self.w.references.items():
            seg = Seg("link", label, line, url=url)
            if squash(url) in used or not is_paper_id(url):
                self._fate(seg, "ignored", "reference")
                continue
            cited = self._cited_at(label, line) if label.startswith("^") else None
            if cited is not None:
                # "[^5][^1]" reads as one link to [^1]; GitHub shows two footnotes, so [^5] is
                # used -- but the paper it names is in no entry
                reason = (f"footnote [{label}] (cited at line {cited}) names a paper that is in "
                          "no entry")  # fmt: skip
            else:
                reason = f"link reference definition [{label}] names a paper but is never used"
            self._fate(seg, "problem", reason)
            self.problems.append(ParseProblem(self.list_name, line, reason, self.line(line),
                                              "warning" if cited is not None else "error"))

    def _cited_at(self, label: str, definition_line: int) -> int | None:
        """The first line citing footnote ``label`` ("[^5]"), its definition's line aside. The
        citations of every footnote are found in one pass over the list, when first asked."""
        if self._footnote_citations is None:
            self._footnote_citations = {}
            for k, text in enumerate(self.w.lines):
                if "[^" in text:
                    for m in _FOOTNOTE_RE.finditer(text):
                        if not (m.start() == len(text) - len(text.lstrip()) and
                                text[m.end() : m.end() + 1] == ":"):  # not its definition
                            self._footnote_citations.setdefault(m[1].casefold(), k + 1)
        cited = self._footnote_citations.get(label[1:].casefold())
        return cited if cited != definition_line else None

    def link_ledger(self) -> tuple[LinkFate, ...]:
        return tuple(f for _, f in sorted(self.ledger, key=lambda t: t[0]))

    # -- problems --------------------------------------------------------------------------------

    def _damaged_lines(self) -> set[int]:
        """Lines holding U+FFFD: bytes that were not UTF-8 (the file itself is damaged there)."""
        return {k + 1 for k, ln in enumerate(self.w.lines) if "\ufffd" in ln}

    def _warnings(self, cand: Candidate, damaged: set[int]) -> list[tuple[int, str]]:
        assert cand.reading is not None
        warnings = list(cand.reading.warnings)
        if (long := long_title_warning(cand.reading)) is not None:
            warnings.append((cand.line_no, long))
        hit = next((ln for ln in cand.lines if ln in damaged), None) if damaged else None
        if hit is not None:
            warnings.append(
                (hit, "entry contains bytes that are not UTF-8 (shown as �): the file is damaged")
            )
        return warnings

    @staticmethod
    def _error_reason(cand: Candidate) -> str:
        r = cand.reading
        what = {"bullet": "bullet", "table": "table row", "heading": "heading",
                "paragraph": "paragraph", "html": "HTML element"}[cand.source_format]  # fmt: skip
        if r is None:
            return "empty bullet: nothing follows the list marker"
        has_links = any(is_target(k.url) for k in r.links)
        papers = [k.url for k in r.links if is_paper_id(k.url)]
        if papers and cand.source_format not in ("bullet", "table"):
            if r.title and r.field_key is None:
                return f"{what} links a paper ({papers[0]}) but could not be read as an entry"
            return (f"{what} links a paper ({papers[0]}) but has no title: write the title "
                    "before the link, or make the link text the title")  # fmt: skip
        if r.links and not has_links:
            # "[Title]() | [TLDR](notes.md#t)": the title's empty link is what is wrong
            empty = _empty_title_link(r) or (
                r.links[0] if all(not k.url.strip() for k in r.links) else None
            )
            if empty is not None:
                return (f"{what} has a title but its link is empty ([{empty.label}]()): "
                        "a placeholder, not the work")  # fmt: skip
            if placeholder := next((k.url.strip() for k in r.links
                                    if has_no_address(k.url)), None):
                return (f"{what} has a title but its link is a placeholder ({placeholder}), "
                        "not the work: link the paper")  # fmt: skip
            if broken := next((k.url.strip() for k in r.links if _broken(k.url)), None):
                return (f"{what} links only to paths beside the list ({broken}), which GitHub "
                        "opens inside the list's repository: link the work itself")  # fmt: skip
            return f"{what} links only to anchors inside the list (#…), not to the work itself"
        if cand.source_format == "table":
            shape = f" ({cand.shape_note}: a missing '|' or cell?)" if cand.shape_note else ""
            if not has_links and not r.title:
                return f"table row has neither a title nor a link{shape}"
            if not has_links:
                return f"table row has no link in any cell{shape}"
            return (
                "table row has links but no title (its title and name cells are empty or a number)"
            )
        if not has_links and not r.title:
            return f"{what} has neither a title nor a link"
        if not has_links:
            return (f"{what} has a title but no link (expected e.g. [[📝 Paper](https://…)] "
                    "after it)")  # fmt: skip
        return f"{what} has links but no title before the first link"


_TITLES_WITHOUT_LINKS = 3  # fewer is a note or two, not a list of papers with no links


def _a_papers_record(fields: Sequence[Candidate]) -> bool:
    """ "* 作者：Farzaneh Heidari, et al." and "* 链接：https://appliednetsci.springeropen.com/…"
    under a "####" title: a paper's record, labelled so, whatever site its link is on (a
    journal's own, deepai.org); 3 papers of one list were in no entry and no problem."""
    keys = {FIELD_KEYS.get(c.reading.field_key or "") for c in fields if c.reading is not None}
    return "authors" in keys and any(
        c.reading is not None
        and FIELD_KEYS.get(c.reading.field_key or "") == "link"
        and any(is_target(k.url) for k in c.reading.links)
        for c in fields
    )


def _cites_untitled(r: Reading, links: Sequence[Link]) -> bool:
    """ "- Widget Judgments Revisited, Bo Chen, et al., Arxiv 2024" with no link: names, a venue
    and a year -- a paper whose title was read as one more name, not a line of prose."""
    return not links and bool(r.authors) and r.venue is not None and r.year is not None


def _authors_with_the_link(cand: Candidate, owner: Candidate) -> str | None:
    """The authors of a line under a title with no link, when the line is only their names and
    the paper's link: the title's authors (else None)."""
    r, o = cand.reading, owner.reading
    if r is None or o is None or o.links or o.authors or not o.title or o.field_key:
        return None
    if not r.title or r.field_key or not names_a_paper(r.links):
        return None
    if any(k.label == r.title for k in r.links):
        return None  # "[Rewriting Bolts](…)": a linked title, however short, is a title
    return names_only(r.title)


_REPORTED_TO_BE_PAPERS = 2  # linkless dated references in a part: its titles are papers


def _papers_beside_reported_ones(ordered: list[Candidate], decisions: list[str]) -> list[str]:
    """The decisions, with the linkless bullets that read as titles reported too in the parts
    of the list where linkless references are ("* Title (SIGMOD 2021)" reported, "* Title
    (2019)", "* Title (TKDE)", "* Title" beside them were prose: papers silently in no entry)."""
    reported = Counter(
        c.scope for c, d in zip(ordered, decisions, strict=True)
        if d == "problem" and c.source_format == "bullet" and c.reading is not None
        and not c.reading.links and c.reading.venue and c.reading.year is not None
    )  # fmt: skip
    if not reported:
        return decisions
    out = list(decisions)
    for k, (c, d) in enumerate(zip(ordered, decisions, strict=True)):
        r = c.reading
        if d != "prose" or c.source_format != "bullet" or r is None or r.links or r.field_key:
            continue
        if reported[c.scope] < _REPORTED_TO_BE_PAPERS or c.has_sublist or c.furniture:
            continue
        if c.quoted or not _reads_as_title(_TRAILING_PARENTHESES_RE.sub("", r.title)):
            continue
        out[k] = "problem"
    return out


# "(aiDM 2021)", "（2019）": a note in parentheses at a title's end, however it is written
_TRAILING_PARENTHESES_RE = re.compile(r"\s*[(（][^()（）]{1,40}[)）]$")


def _names_its_own_scope(cand: Candidate) -> bool:
    """A paper's own heading ("#### Title" over "- Paper: …", "### [Title](…)") opened the
    subsection it is in: its name is the paper's, no part of the list's."""
    if cand.source_format != "heading" or cand.subsection is None or cand.reading is None:
        return False
    own = squash(cand.text.strip().lstrip("#").strip())
    return cand.subsection in (own, cand.reading.title)


def _first_reference(owner: Candidate) -> Reading | None:
    """The first whole reference among the fields ``owner`` took, if any."""
    return next((c.reading for c in owner.absorbed
                 if c.reading is not None and _whole_reference(c.reading)), None)  # fmt: skip


def _whole_reference(r: Reading) -> bool:
    """A title, its authors, and where or when it appeared ("Ann Lee, Bo Chen, Title, ICML,
    2012."; "…, Title, arXiv:1501.00092.")."""
    return bool(r.title and r.authors) and (
        r.year is not None or bool(r.venue) or names_a_paper(r.links)
    )


def _cites_link(r: Reading, link: Link) -> bool:
    """The reference ``r`` is the paper ``link`` leads to: the link is to the id it cites, or
    its label names its venue and year ("Paper-ICML12" for "…, ICML, 2012."; "Paper-CVPR")."""
    node = paper_node(link.url)
    if node is not None and node in {paper_node(k.url) for k in r.links}:
        return True
    if not r.venue:
        return False
    label = compact(link.label)
    venue = compact(r.venue)
    if not venue or venue not in label:
        return False
    digits = "".join(ch for ch in label if ch.isdigit())
    return not digits or (r.year is not None and digits in (str(r.year), str(r.year)[2:]))


def _cites_the_same_paper(cand: Candidate, owner: Candidate) -> bool:
    """A line under an entry whose every link is to the entry's own paper ("* Fast Lantern
    [[Paper]](…/pdf/1901.00001)" over "  * Rosa Quill, Title, arXiv:1901.00001."): its
    citation, not a second entry of the same paper."""
    r, o = cand.reading, owner.reading
    if r is None or o is None or not r.links or not o.links:
        return False
    nodes = {paper_node(k.url) for k in r.links}
    return None not in nodes and nodes <= {paper_node(k.url) for k in o.links}


def _labelled_links(cand: Candidate, owner: Candidate) -> bool:
    """ "  - ExpEnv: [D4RL](…), [MuJoCo](…)" under an entry that links a paper: links under a
    label of the list's own ("ExpEnv", "Benchmarks"), naming no paper -- a field whatever its
    key, not an entry titled by the label."""
    r, o = cand.reading, owner.reading
    if r is None or o is None or not names_a_paper(o.links) or names_a_paper(r.links):
        return False
    return _LABEL_BEFORE_LINKS_RE.match(cand.text) is not None


# A bullet's short label, then its links: "- ExpEnv: [D4RL](…)", "- **Datasets**: [A](…)".
_LABEL_BEFORE_LINKS_RE = re.compile(
    r"\s*(?:[-*+]|\d{1,3}[.)])\s+[*_]*[^\[\]:：*_]{1,30}[*_]*\s*[:：]\s*[*_]*\["
)


def _labels_papers(label: Reading, item: Reading) -> bool:
    """ "1. Cognitive view：" over "   1. Are Widgets Good Judges? (Ann Lee, SIGIR 2024)": a
    label ending in a colon over a titled item with no link and no field's key -- a group's
    paper that lost its link, not the label's field."""
    return (
        label.title.endswith((":", "："))
        and bool(item.title or item.authors)  # ("Widget Judgments Revisited, Bo Chen, et al.,
        and item.field_key is None  # Arxiv 2024": a title read as one more name)
        and not item.links
    )


def _cites_a_work(r: Reading) -> bool:
    """Authors and a year: the reading names a work as a reference does, whatever else it has
    (no sentence, no group heading, no citation line of the bullet above)."""
    return bool(r.authors) and r.year is not None


def _reads_as_reference(r: Reading, text: str) -> bool:
    """A whole reference: authors, year and venue beside the title, or a citation's commas
    ("A. Smith, B. Jones, Title, Geophysics 58 (1968) 367–398."), or authors and a year set
    apart as references set it ("Ann Lee and Bo Chen. 2021. Title. In …", ACM's; "Title. Ann
    Lee. 2008. PRL."; "Lee, A. (2015). Title.", APA's), not as prose cites ("Lee et al.
    (2014) showed")."""
    if not r.title or r.field_key is not None:
        return False
    if r.authors and r.year is not None and r.venue:
        return True
    if r.authors and r.year is not None and _YEAR_SET_APART_RE.search(text):
        return True
    dated = r.year is not None or HAS_YEAR_RE.search(r.title) is not None
    return dated and looks_like_citation(r.title)


_YEAR_SET_APART_RE = re.compile(r"(?:\.|\))? \(?(?:19|20)\d{2}[a-z]?\)?\. ")


def _lost_its_title(r: Reading) -> bool:
    """ "- Ann Lee, Bo Chen. 2015. [paper](…)": a reference, its title left out."""
    return not r.title and bool(r.authors) and any(is_paperish(k.url, k.label) for k in r.links)


def _reads_as_title(text: str) -> bool:
    """Three words or more, and no sentence."""
    return len(text.split()) >= 3 and not _reads_as_sentence(text) and not text.endswith(".")


def _reads_as_sentence(title: str) -> bool:
    """Too long for a title, or a Chinese/Japanese sentence: there words are not spaced, so
    the full-width comma or stop that joins clauses marks it ("多阶段生成的这种思路，同时…")."""
    return len(title.split()) > SENTENCE_WORDS or any(ch in title for ch in _CJK_CLAUSE_MARKS)


def _is_title_line(cand: Candidate, block: Block) -> bool:
    """A paragraph that is only a title, with no link: it heads the lines below it the way a
    heading does ("**Title**" or "Title: Subtitle" then "- Paper: …", "- Code: …"). Whether it
    takes them is decided as for a heading: only when they are fields that name a paper."""
    r = cand.reading
    if r is None or r.links or cand.quoted or not r.title:
        return False
    text = squash(" ".join(s.text for s in block.segs if s.kind == "text"))
    if r.title_marked:  # "**Title**", or "**Title**. ICML19." (where and when it appeared)
        text = text.strip(" .:")
        if not text.startswith(r.title):
            return False
        rest = text.removeprefix(r.title)
        return not rest or looks_like_venue_or_date(rest)
    one_line = block.end - block.start == 1
    text = _REFERENCE_NUMBER_RE.sub("", text, count=1)  # "[1] Title" then its fields below
    return one_line and text == r.title and not text.endswith((".", ":")) and (
        2 <= len(text.split()) <= SENTENCE_WORDS
    )


_REFERENCE_NUMBER_RE = re.compile(r"^\[\d{1,4}\]\s+")


def _paper_key(url: str) -> str | None:
    """What names one paper across a list's links: its id ("arxiv:1706.03762"), else the
    address of a paper's page as `enrich.ids.canonicalize` writes it (no "www.", no trailing
    "/"); None for a link to no paper."""
    node = paper_node(url)
    if node is not None or not is_paperish(url, ""):
        return node
    return canonicalize(url).value


def _heading_record(records: Sequence[BibtexRecord], title: str) -> BibtexRecord | None:
    """The record of a heading's paper among a block's BibTeX records: the one of the
    heading's title (a preprint's record beside its journal version's), or the only one."""
    own = compact(title)
    titled = [r for r in records if r.title and compact(r.title) in own]
    if titled:
        return titled[0]
    return records[0] if len(records) == 1 else None


_LABEL_WORDS = 8  # more words than a sub-heading has


def _bold_label(block: Block) -> str | None:
    """The words of a paragraph that is one bold line alone and reads as a sub-heading
    ("**Diffusion models**", "**In web scenarios:**"), no link, no sentence; "" for a venue or
    a date ("**ICML 2019**": it dates the entries below, `_heading_dates`); else None."""
    if block.end - block.start != 1:
        return None
    texts = [s for s in block.segs if s.kind != "text" or s.text.strip()]
    if not texts or not all(s.kind == "text" and s.style == "strong" for s in texts):
        return None
    name = squash("".join(s.text for s in texts)).strip(" :：")
    if not name or name.endswith((".", "!", "?", "。")) or len(name.split()) > _LABEL_WORDS:
        return None
    return "" if looks_like_venue_or_date(name) else name  # "**ICML 2019**" dates, names none


def _heading_key(text: str) -> str:
    """A heading's or a bullet's words without its number and case: "1. Surveys" -> "surveys"."""
    return _HEADING_NUMBER_RE.sub("", squash(text)).casefold().strip(" .:：")


def _broken(url: str) -> bool:
    """A link that leads nowhere from the list's page: no address, or a path beside the list."""
    return not url.strip() or is_relative(url.strip())


def _paper_without_a_working_link(
    cand: Candidate,
    r: Reading,
    entry_scopes: set[tuple[str | None, str | None]],
    entry_tables: set[int],
) -> bool:
    """A bullet or table row that reads as a paper (a title, and a venue or a year, or among
    entries) but links only to paths beside the list ("/2024/program/papers/1/", "./",
    "notes/ice.md"), broken on GitHub, or to no address ("[paper]()", "[Title](None)"): it is
    reported rather than read as prose. So is a paragraph whose linked title has a venue or a
    year beside it ("[Title](None). ECCV, 2020.")."""
    if not r.title or not r.title_reads_as_title or r.field_key is not None:
        return False
    if cand.source_format == "paragraph":
        if not (r.title_marked and (r.venue is not None or r.year is not None)):
            return False
    elif cand.source_format not in ("bullet", "table"):
        return False
    if not any(_broken(k.url) for k in r.links):
        return False  # anchors only: a table of contents
    among_entries = (
        cand.scope in entry_scopes if cand.source_format == "bullet"
        else cand.table_id in entry_tables
    )  # fmt: skip
    # "- [Deep Knowledge Tracing](./paper/Deep_Knowledge_Tracing.pdf)": a paper's file kept
    # beside the list is a paper wherever it stands
    pdf = any(_broken(k.url) and k.url.split("?")[0].lower().endswith(".pdf") for k in r.links)
    return (r.venue is not None or r.year is not None or among_entries or pdf
            or _empty_title_link(r) is not None)  # fmt: skip


def _empty_title_link(r: Reading) -> Link | None:
    """The title's own link left without an address ("- [Towards Understanding the Bugs in
    Solidity Compiler]()"): a paper waiting for its link wherever it stands -- a section of
    them all is no table of contents (its links are "#anchors", a menu's are one word)."""
    if len(r.title.split()) < 3:
        return None
    return next((k for k in r.links if not k.url.strip() and squash(k.label) == r.title), None)


def _kind(cand: Candidate, links: Sequence[Link]) -> str:
    if cand.source_format == "table" and cand.dataset_name:
        return "dataset"
    if any(is_paperish(k.url, k.label) for k in links):
        return "paper"
    return "other"


def _accounting(cats: list[str | None], lines: list[str]) -> dict[str, int]:
    """Blank lines are blank wherever they are; lines no block claimed (link reference
    definitions produce no token) are references or prose."""
    match = _REFERENCE_DEF_RE.match
    for k, line in enumerate(lines):
        if not line.strip(" \t"):
            cats[k] = "blank"
        elif not cats[k]:
            cats[k] = "reference" if match(line) else "prose"
    counts = Counter(c for c in cats if c)
    return {key: counts[key] for key in ACCOUNTING_KEYS if counts[key]}


def build(
    list_name: str,
    w: Walk,
    *,
    current_year: int,
    list_url: str | None,
    repaired: bool,
) -> ParsedList:
    builder = _Builder(list_name, w, current_year, list_url)
    headings = ("".join(s.text for s in b.segs if s.kind in ("text", "link"))
                for b in w.blocks if b.kind == "heading")  # fmt: skip
    with reading_list(self_links("\n".join(w.lines), headings, builder.own_repo)):
        builder.read()
        entries = builder.decide()
        ledger = builder.link_ledger()
    problems = sorted(builder.problems, key=lambda p: (p.line_no, p.severity != "error"))
    return ParsedList(
        list_name, tuple(entries), tuple(problems), repaired, _accounting(w.cats, w.lines), ledger
    )
