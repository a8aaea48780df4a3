"""HTML blocks and code blocks: text Markdown does not parse.

HTML: every ``<tr>``, ``<li>``, ``<p>`` or heading is a unit; its ``<a href>`` are links, its
``<img src>`` images, ``<b>``/``<strong>`` the bold a title is marked with, cell boundaries
separators. A unit that links a paper is an entry, like a paragraph. A Markdown entry written
inside an HTML block (or indented into a code block) is shown by GitHub as text: it is reported,
never dropped. URLs in code are shown, not linked: each gets the ignore reason "code" -- but
for a BibTeX record that is a heading paper's only source of ids (`bibtex_records`, taken by
`enrich.parse.build`), whose DOI, arXiv id and URL are that paper's links.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

from enrich.parse.blocks import Block
from enrich.parse.candidate import Candidate
from enrich.parse.fields import names_a_work, read_entry
from enrich.parse.inline import VERBATIM_URL_RE, Seg, comment_links, squash
from enrich.parse.links import is_paperish
from enrich.parse.readers.tables import fill_from_columns
from enrich.parse.venues import looks_like_venue_or_date

__all__ = [
    "ENTRY_LIKE_RE",
    "BibtexRecord",
    "bibtex_records",
    "code_links",
    "read_html",
    "stray_entry_lines",
]

# A line that would be an entry if Markdown read it as one (used inside HTML and code blocks).
ENTRY_LIKE_RE = re.compile(r"^\s*(?:(?:[-*+]|\d{1,9}[.)])\s+\S.*\]\(|\|.*\]\()")
_MD_LINK_URL_RE = re.compile(r"\]\(\s*<?([^\s)>]+)")
_UNIT_TAGS = frozenset({"tr", "li", "p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
                        "blockquote", "details", "summary"})  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_BOLD_TAGS = frozenset({"b", "strong"})
_EM_TAGS = frozenset({"i", "em"})


def stray_entry_lines(block: Block, lines: list[str]) -> list[tuple[int, list[Seg]]]:
    """Lines of an HTML or indented code block that look like a Markdown entry, with the links
    they hold (1-based line, links)."""
    out: list[tuple[int, list[Seg]]] = []
    for k in range(block.start, min(block.end, len(lines))):
        if ENTRY_LIKE_RE.match(lines[k]):
            urls = _MD_LINK_URL_RE.findall(lines[k])
            out.append((k + 1, [Seg("link", "", k + 1, url=u) for u in urls]))
    return out


def code_links(block: Block) -> list[Seg]:
    """Every URL shown in a code block, as a link the ledger ignores for "code"."""
    out: list[Seg] = []
    for k, text in enumerate(block.text.split("\n")):
        for m in VERBATIM_URL_RE.finditer(text):
            out.append(Seg("link", "", block.start + 1 + k, url=m.group(0).rstrip(".,;:"),
                           in_code=True))  # fmt: skip
    return out


# A BibTeX record: "@article{key," … its fields "name = {value}," or "name = "value",".
_BIBTEX_START_RE = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")
_BIBTEX_FIELD_RE = re.compile(
    r"^\s*(?P<name>[A-Za-z]+)\s*=\s*(?:\{(?P<braced>.*)\}|\"(?P<quoted>.*)\"|(?P<bare>\w+))\s*,?\s*$"
)
_BIBTEX_ID_FIELDS = ("doi", "eprint", "arxivid", "arxiv", "url")


class BibtexRecord(NamedTuple):
    """What one BibTeX record says of its paper: its title, its links (DOI, arXiv id, URL, on
    their lines) and its authors as written."""

    title: str
    links: list[Seg]
    authors: str | None


def bibtex_records(block: Block) -> list[BibtexRecord]:
    """The records of a code block of BibTeX ("@article{…, doi = {10.1175/…}, eprint =
    {1912.12132}, archivePrefix = {arXiv}}"), each with its paper links; none for a code block
    of anything else."""
    text_lines = block.text.split("\n")
    starts = [k for k, line in enumerate(text_lines) if _BIBTEX_START_RE.match(line)]
    records: list[BibtexRecord] = []
    for n, first in enumerate(starts):
        fields: dict[str, tuple[int, str]] = {}
        for k in range(first, starts[n + 1] if n + 1 < len(starts) else len(text_lines)):
            m = _BIBTEX_FIELD_RE.match(text_lines[k])
            if m is not None:
                value = m["braced"] if m["braced"] is not None else m["quoted"] or m["bare"] or ""
                fields.setdefault(m["name"].lower(), (block.start + 1 + k, value.strip(" {}")))
        archive = fields.get("archiveprefix", fields.get("eprinttype", (0, "")))[1].lower()
        links: list[Seg] = []
        for name in _BIBTEX_ID_FIELDS:
            if name not in fields:
                continue
            line, value = fields[name]
            if name == "doi":
                url = value if value.lower().startswith("http") else f"https://doi.org/{value}"
            elif name == "url":
                url = value
            elif name == "eprint" and archive not in ("arxiv", ""):
                continue  # an eprint of another archive
            else:
                url = f"arXiv:{value.removeprefix('arXiv:')}"
            links.append(Seg("link", name, line, url=url))
        title = fields.get("title", (0, ""))[1].replace("{", "").replace("}", "")
        author = fields.get("author")
        records.append(BibtexRecord(squash(title), links, author[1] if author else None))
    return records


class _Units(HTMLParser):
    """Splits an HTML block into units of segments."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.units: list[list[Seg]] = [[]]
        self.cells: dict[int, list[int]] = {}  # unit index -> where each cell's segments start
        self.in_row = False  # inside a <tr>: nested <p>, <li> … do not split the row
        self.header: tuple[str, ...] | None = None  # the <th> row of the table being read
        self.headers: dict[int, tuple[str, ...]] = {}  # unit index -> its table's header
        self.tables: dict[int, int] = {}  # unit index of a row -> its table's number
        self.table_no = 0
        self.header_row = False  # the <tr> being read has a <th>
        self.link: Seg | None = None
        self.style: list[str] = []
        self.pre = 0  # inside <pre>: code, shown as it is (a BibTeX record), no entry's text

    def _line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def _new_unit(self) -> None:
        if self.units[-1]:
            self.units.append([])
        else:
            self.cells.pop(len(self.units) - 1, None)
            self.headers.pop(len(self.units) - 1, None)

    def _header_cells(self) -> tuple[str, ...]:
        """The header row just read, as the Markdown table reader keys its columns: each
        cell's words, lower case."""
        unit, starts = self.units[-1], self.cells.get(len(self.units) - 1, [])
        ends = [*starts[1:], len(unit)]
        cells = ("".join(seg.text for seg in unit[a:b] if seg.kind != "image")
                 for a, b in zip(starts, ends, strict=True))  # fmt: skip
        return tuple(squash(cell.strip(" |")).lower() for cell in cells)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "pre":
            self.pre += 1
        if tag == "table":
            self.header = None
            self.table_no += 1
        if tag == "tr" or (tag in _UNIT_TAGS and not self.in_row):
            self._new_unit()
            self.in_row = tag == "tr"
            self.header_row = False
            if tag == "tr":
                self.tables[len(self.units) - 1] = self.table_no
            if tag == "tr" and self.header is not None:
                self.headers[len(self.units) - 1] = self.header
        if tag == "th":
            self.header_row = True
        if tag in _CELL_TAGS:
            self.units[-1].append(Seg("text", " | ", self._line()))
            self.cells.setdefault(len(self.units) - 1, []).append(len(self.units[-1]))
        elif tag == "br":
            self.units[-1].append(Seg("break", " ", self._line()))
        elif tag in _BOLD_TAGS:
            self.style.append("strong")
        elif tag in _EM_TAGS:
            self.style.append("em")
        elif tag == "a" and "href" in values:
            self.link = Seg("link", "", self._line(), url=values["href"].strip())
            self.units[-1].append(self.link)
        elif tag == "img" and values.get("src"):
            self.units[-1].append(Seg("image", values.get("alt", ""), self._line(),
                                      url=values["src"].strip()))  # fmt: skip
            if self.link is not None and not self.link.text:
                self.link.image_label = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag == "table":
            self.header = None
        if tag == "tr" and self.header_row:
            self.header, self.header_row = self._header_cells(), False
        if tag == "tr" or (tag in _UNIT_TAGS and not self.in_row):
            self._new_unit()
            self.in_row = self.in_row and tag != "tr"
        elif tag in _BOLD_TAGS or tag in _EM_TAGS:
            if self.style:
                self.style.pop()
        elif tag == "a" and self.link is not None:
            self.link.text = self.link.text.strip()
            if self.link.image_label and self.link.text:
                self.link.image_label = False
            self.link = None

    def handle_comment(self, data: str) -> None:
        self.units[-1].extend(comment_links(data, self._line()))

    def handle_data(self, data: str) -> None:
        if self.link is not None:
            self.link.text += data
            return
        line = self._line()
        if self.pre:  # its URLs are shown, not linked: ledgered as code, as in a code block
            self.units[-1].extend(
                Seg("link", "", line, url=m.group(0), autolink=True, in_code=True)
                for m in VERBATIM_URL_RE.finditer(data)
            )
            return
        pos = 0
        for m in VERBATIM_URL_RE.finditer(data):  # a bare URL in HTML text is still a link to read
            self.units[-1].append(Seg("text", data[pos : m.start()], line, style=self._style()))
            self.units[-1].append(Seg("link", "", line, url=m.group(0), autolink=True))
            pos = m.end()
        self.units[-1].append(Seg("text", data[pos:], line, style=self._style()))

    def _style(self) -> str:
        return self.style[-1] if self.style else ""


def _title_cell_first(unit: list[Seg], cells: list[list[Seg]]) -> list[Seg]:
    """A table row with no bold title reads like a GFM row: the first cell with words (not a
    date or a venue) is the title, the other cells give their links -- unless a cell is a
    paper's link named by its title: that names the row's paper better than the group and
    method cells before it ("FedAvg | Mixup | [[2018 ICLR] Mixup: Beyond …](arXiv)")."""
    if len(cells) < 2 or any(s.style == "strong" for s in unit):
        return unit
    def has_words(cell: list[Seg]) -> bool:
        text = _text(cell)
        return sum(ch.isalpha() for ch in text) >= 2 and not looks_like_venue_or_date(text)
    linked = next((link for c in cells if (link := _titled_paper_link(c)) is not None), None)
    if linked is not None:  # read as "Title [link] …"
        return [Seg("text", linked.text, linked.line), *_links_and_dates(cells, None)]
    title = next((c for c in cells if has_words(c)), None)
    if title is None:
        return unit
    return [*title, *_links_and_dates(cells, title)]


def _links_and_dates(cells: list[list[Seg]], title: list[Seg] | None) -> list[Seg]:
    """What the cells but the title's give an entry: their links and images, and a venue or a
    date cell whole ("NeurIPS 2018"), set apart from the title by " | "; group and method
    names are left out. A bare number beside a date ("1912" citations, "2004.04") is a count."""
    dated = [c for c in cells if c is not title and looks_like_venue_or_date(_text(c))]
    if any(not _text(c).isdigit() and _YEAR_RE.search(_text(c)) for c in dated):
        dated = [c for c in dated if not _text(c).isdigit()]
    out: list[Seg] = []
    for cell in cells:
        if cell is title:
            continue
        if any(cell is c for c in dated):
            out.append(Seg("text", " | ", cell[0].line))
            out.extend(cell)
        else:
            out.extend(s for s in cell if s.kind in ("link", "image"))
    return out


_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _text(cell: list[Seg]) -> str:
    """A cell's own text (its links' labels left out)."""
    return "".join(s.text for s in cell if s.kind == "text").replace("|", " ").strip()


def _titled_paper_link(cell: list[Seg]) -> Seg | None:
    """The cell's one link, when the cell is nothing else and the link is a paper's, named by a
    title (not "Paper", not "arXiv 2023")."""
    links = [s for s in cell if s.kind == "link"]
    if len(links) != 1 or _text(cell):
        return None
    link = links[0]
    label = link.text.strip()
    return link if names_a_work(label) and is_paperish(link.url, label) else None


def read_html(
    block: Block, lines: list[str], stray: set[int], current_year: int
) -> list[Candidate]:
    """The units of an HTML block that hold links, as candidates (entries when they link a
    paper). Lines in ``stray`` (Markdown entries inside the HTML) are left out: they are
    reported as they are."""
    text = "\n".join(
        "" if k + 1 in stray else lines[k] for k in range(block.start, min(block.end, len(lines)))
    )
    parser = _Units(block.start + 1)
    parser.feed(text)
    parser.close()
    out: list[Candidate] = []
    group: str | None = None
    table: int | None = None
    for n, unit in enumerate(parser.units):
        media = [s for s in unit if s.kind in ("link", "image")]
        starts = parser.cells.get(n, [])
        if n in parser.tables and parser.tables[n] != table:
            table, group = parser.tables[n], None  # a new table: no group yet
        if not media:
            if len(starts) == 1 and table is not None:
                group = _group_row(unit) or group  # '<td colspan="5">📖CNN-Based Method</td>'
            continue
        cells = [unit[a:b] for a, b in zip(starts, [*starts[1:], len(unit)][: len(starts)],
                                            strict=True)]  # fmt: skip
        ordered = _title_cell_first(unit, cells)
        reading = read_entry(ordered, "", current_year=current_year)
        if ordered is not unit:  # the row's title cell is its title, even "Akata et al."
            reading.title_marked = True
            if not reading.title:
                reading.title = squash(" ".join(s.text for s in ordered if s.kind == "text"))
                reading.title = reading.title.strip(" |")
        header = parser.headers.get(n)
        if header is not None and cells:
            # The header's Venue, Year, Authors … columns, as a Markdown table's give them
            fill_from_columns(reading, header, [_text(cell).strip(" |") for cell in cells],
                              current_year)  # fmt: skip
        reading.only_images = all(s.kind == "image" or not s.text.strip(" |") for s in unit
                                  if s.kind != "link")  # fmt: skip
        first = media[0].line
        out.append(
            Candidate(
                source_format="html",
                line_no=first,
                lines=[],  # the HTML block's lines stay "html" in the line ledger
                section=block.section,
                subsection=block.subsection,
                minor_heading=block.minor_heading,
                minor_parent=block.minor_parent,
                reading=reading,
                segs=media,
                group=group if parser.tables.get(n) == table else None,
                text=lines[first - 1] if 0 < first <= len(lines) else "",
                furniture=block.furniture,
                needs_paper=True,
            )
        )
    return out


def _group_row(unit: list[Seg]) -> str | None:
    """The words of a table row of one cell with no link that names the rows below it (a
    category: "📖 CNN-Based Method"), or None."""
    text = squash(_text(unit)).strip(" |")
    start = next((k for k, ch in enumerate(text) if ch.isalnum()), len(text))
    name = text[start:].strip()
    return name if name and len(name.split()) <= _GROUP_WORDS else None


_GROUP_WORDS = 8
