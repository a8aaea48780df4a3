"""The Markdown walk: the list's syntax tree -> the list's blocks, in order, with their lines.

One pass. Headings set the scope (``##`` section, ``###`` subsection); list items, table rows,
headings, paragraphs (also inside blockquotes and footnotes), HTML blocks and code blocks become
:class:`Block` s that the readers turn into entries. Lines no reader will claim (blank, rule,
table header, …) are put in their bucket of the line ledger here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from enrich.parse.inline import FOOTNOTE_TEXT_RE, Inline, Seg, Tok, plain, segments, squash
from enrich.parse.layout import Layout, layout_of
from enrich.parse.links import furniture_heading
from enrich.parse.markdown import BLOCK_NODES, Document, TreeNode, parse_tree

__all__ = ["Block", "Table", "Walk", "walk"]

# "*[Title](…) - Authors": a list marker glued to a link (not "*[Title](…)*", a link in italics,
# nor "-[x]", a task box)
# A line of its own that may head the list right below it, as a "####" heading would: a venue
# and its year ("NAACL 2021", "**Findings of EMNLP 2020**"); whether it dates the entries is the
# builder's to say (`_Builder._dated`), as for a heading.
_LIST_LABEL_RE = re.compile(r"[^\n]{0,40}(?<!\d)(?:19|20)\d{2}(?!\d)[^\n]{0,10}")
# A heading written in HTML, alone on its line, its text plain: '<h3 id="1.1">1.1 Basic</h3>'.
_HTML_HEADING_RE = re.compile(r"<h(?P<level>[1-6])\b[^>]*>(?P<text>[^<>\n]*)</h(?P=level)>", re.I)
# A table of contents' heading: "Contents", "Table of Contents", "目录", "목차".
_CONTENTS_HEADING_RE = re.compile(
    r"(?:table of )?contents?|toc|目录|目錄|目次|목차|содержание", re.I
)
_YEAR_HEADING_RE = re.compile(r"(?:19|20)\d{2}\s*[:：]?")
_GLUED_MARKER_RE = re.compile(r"^\s*[*+-]\[(?![ xX]\])(?!.*\]\(.*\)\*\s*$)")


@dataclass
class Table:
    table_id: int
    header: list[str]  # header cells, lower case, markup stripped


@dataclass(slots=True)
class Block:
    """One block of the list that may hold an entry or links."""

    kind: str  # "item" | "row" | "table_head" | "heading" | "paragraph" | "html" | "code"
    start: int  # 0-based first line
    end: int  # 0-based line after the block
    section: str | None
    subsection: str | None
    minor_heading: str | None  # the nearest "####" (or deeper) heading in the subsection
    minor_parent: str | None  # the "####" (or deeper) heading over that one, if any
    segs: list[Seg] = field(default_factory=list)  # items: the item's own paragraphs only
    content_line: int = 0  # 1-based line where the content starts
    level: int = 0  # heading level
    depth: int = 0  # list nesting: 0 for a top-level item
    parent: Block | None = None  # the item this item is nested in
    has_sublist: bool = False
    quoted: bool = False  # inside a blockquote
    furniture: bool = False  # inside a section such as Contributors or Licence
    own_lines: list[int] = field(default_factory=list)  # 1-based, not nested items' lines
    inlines: list[Inline] = field(default_factory=list)
    table: Table | None = None
    cells: list[Inline] = field(default_factory=list)  # a table row's cells
    group: str | None = None  # a table row's bold group row
    text: str = ""  # html / code: the raw text of the block


@dataclass
class Walk:
    """What the walk found: blocks in document order and the line ledger so far."""

    lines: list[str]
    blocks: list[Block]
    cats: list[str | None]  # line -> bucket; "" = reserved for a reader's decision
    problems: list[tuple[int, str, str]]  # (line, severity, reason)
    references: dict[str, tuple[str, int]]  # label -> (url, 1-based line)
    layout: Layout  # the block layout, for `enrich annotate`


class _Walker:
    def __init__(self, lines: list[str], source: Document) -> None:
        self.lines = lines
        self.source = source
        self.cats: list[str | None] = [None] * len(lines)
        self.section: str | None = None
        self.subsection: str | None = None
        self.minor_heading: str | None = None
        self.minor_headings: list[tuple[int, str]] = []  # (level, text): "#### 2025", "##### NDSS"
        self.furniture = False
        self.titled = False  # the list's "#" title was seen: a later "#" heading is a section
        self.in_contents = False  # under "## Contents": its "###" headings are the sections
        self.subsections_seen = False  # a "###" under the current "##": "####" is minor then
        self.blocks: list[Block] = []
        self.problems: list[tuple[int, str, str]] = []
        self.containers: list[str] = []
        self.items: list[Block] = []
        self.table_count = 0
        self.references: dict[str, tuple[str, int]] = {}
        self.list_label: str | None = None  # a paragraph's line that may head the next list

    def mark(self, start: int, end: int, cat: str, *, only_unset: bool = False) -> None:
        for k in range(max(start, 0), min(end, len(self.cats))):
            if not only_unset or self.cats[k] is None:
                self.cats[k] = cat

    def walk(self, nodes: Iterable[TreeNode]) -> None:
        for node in nodes:
            self._block(node)

    def _new(self, kind: str, span: tuple[int, int], **kw: object) -> Block:
        parent = self.minor_headings[-2][1] if len(self.minor_headings) > 1 else None
        block = Block(kind, span[0], span[1], self.section, self.subsection, self.minor_heading,
                      parent,
                      quoted="blockquote" in self.containers, furniture=self.furniture,
                      **kw)  # type: ignore[arg-type]  # fmt: skip
        return block

    def _block(self, node: TreeNode) -> None:
        kind = node.name
        label, self.list_label = self.list_label, None  # it heads the very next block only
        if label is not None and kind in ("bullet_list", "ordered_list"):
            # "NAACL 2021" over "- Names: [*Title*](…)": the line heads its list, as "####" would
            above, self.minor_heading = self.minor_heading, label
            self._inside("list", node)
            self.minor_heading = above
        elif kind == "list_item":
            self._item(node)
        elif kind == "paragraph":
            self._paragraph(node)
        elif kind in ("heading", "lheading"):
            self._heading(node)
        elif kind in ("bullet_list", "ordered_list"):
            if self.items and self.containers and self.containers[-1] == "list_item":
                self.items[-1].has_sublist = True
            self._inside("list", node)
        elif kind == "blockquote":
            self._inside("blockquote", node)
        elif kind == "table":
            self._table(node)
        elif kind in ("html_block", "code_block", "fence"):
            span = self.source.span(node)
            if kind == "fence":
                self.mark(span[0], span[1], "code")
            text = self.source.block_text(node)
            if kind == "html_block" and text.lstrip()[:2].lower() == "<h" and (
                heading := _HTML_HEADING_RE.fullmatch(text.strip())
            ):  # '<h2 id="1">1 Selected Readings</h2>': a heading, written in HTML
                self._enter_heading(int(heading["level"]), squash(heading["text"]), span[0] + 1)
            self.blocks.append(self._new("html" if kind == "html_block" else "code", span,
                                         text=text))  # fmt: skip
        elif kind == "hr":
            span = self.source.span(node)
            self.mark(span[0], span[1], "rule")
        elif kind == "definition":
            label, url = self.source.definition(node)
            if label[:1] == "^" and FOOTNOTE_TEXT_RE.fullmatch(url):
                return  # "[^1]: 选择架构的研究": a footnote's note, no address (see `segments`)
            if label not in self.references:  # the first definition of a label is the one
                self.references[label] = (url, self.source.span(node)[0] + 1)

    def _inside(self, container: str, node: TreeNode) -> None:
        self.containers.append(container)
        self.walk(node.children)
        self._pop()

    def _pop(self) -> None:
        if self.containers:
            self.containers.pop()

    def _item(self, node: TreeNode) -> None:
        self.containers.append("list_item")
        parent = self.items[-1] if self.items else None
        span = self.source.span(node)
        if parent is None:  # each line once: a nested item's lines are inside its top one's
            self._glued_markers(span[0] + 1, span[1])
        item = self._new("item", span, depth=len(self.items), parent=parent)
        self.items.append(item)
        self.blocks.append(item)
        # A tight item holds its text's inline nodes directly (no paragraph node around them).
        run: list[TreeNode] = []
        for child in node.children:
            if child.name in BLOCK_NODES:
                if run:
                    item.inlines.append(self.source.inline(run))
                    run = []
                self._block(child)
            else:
                run.append(child)
        if run:
            item.inlines.append(self.source.inline(run))
        self._pop()
        self._finish_item(self.items.pop())

    def _glued_markers(self, start: int, end: int) -> None:
        """A line of an item that starts "*[" or "-[" meant to be an item of its own (GitHub
        joins it to the item above: a list marker needs a space after it)."""
        for k in range(start, min(end, len(self.lines))):
            line = self.lines[k]
            if line.lstrip()[1:2] == "[" and _GLUED_MARKER_RE.match(line):
                self.problems.append((k + 1, "warning", "line starts with a list marker and no "
                                      "space ('*[…'): GitHub joins it to the item above; write "
                                      "'* [' to make it an item of its own"))  # fmt: skip

    def _heading(self, node: TreeNode) -> None:
        span = self.source.span(node)
        self.mark(span[0], span[1], "heading")
        inline = self.source.inline(node.children, line=span[0])
        text = _heading_name(inline.children)
        line = span[0] + 1
        written = int(node.meta.get("level", 1))
        linked = any(tok.type == "link_open" for tok in inline.children)
        self._enter_heading(written, text, line, linked=linked)
        block = self._new("heading", span, level=written, content_line=line)
        block.segs = segments(inline, line)
        self.blocks.append(block)

    def _enter_heading(self, written: int, text: str, line: int, *, linked: bool = False) -> None:
        """The scope a heading opens: the section, subsection and minor headings below it
        (``linked``: the heading holds a link, as a paper's own heading does)."""
        level = self._scope_level(written, text, linked=linked)
        if level >= 4:
            self.minor_heading = text or None  # "#### 2019" dates what is below it
            while self.minor_headings and self.minor_headings[-1][0] >= level:
                self.minor_headings.pop()
            self.minor_headings.append((level, text))  # "##### NDSS" under "#### 2025"
        elif level >= 2 or _YEAR_HEADING_RE.fullmatch(text):
            # and "# 2024" in a list of years headed so (not "# ICCV 2025 Papers", its title)
            self.minor_heading = text if level == 1 else None
            self.minor_headings = [(level, text)] if level == 1 else []
        if level == 2:
            self.section, self.subsection = text or None, None
            self.furniture = furniture_heading(text)
            if not text:
                self.problems.append((line, "warning", "empty '##' heading: the entries below "
                                      "it have no section name"))  # fmt: skip
        elif level == 3:
            self.subsection = text or None
            self.furniture = furniture_heading(self.section) or furniture_heading(text)
            if not text:
                self.problems.append((line, "warning", "empty '###' heading: the entries below "
                                      "it have no subsection name"))  # fmt: skip

    def _scope_level(self, level: int, text: str, *, linked: bool = False) -> int:
        """The level a heading scopes its entries at: "##" a section, "###" a subsection, as
        written -- but a "#" heading after the list's title starts a section ("# LLMs
        coming"), and under "## Contents" (its table of contents) the "###" and "####"
        headings are the list's sections and subsections."""
        if level == 1:
            titled, self.titled = self.titled, True
            if not titled or not text or _YEAR_HEADING_RE.fullmatch(text):
                return 1  # the title (or an empty "#"); "# 2024" dates the papers below it
            level = 2
        if level == 2:
            self.in_contents = _CONTENTS_HEADING_RE.fullmatch(text) is not None
            self.subsections_seen = False
            return 2
        level = level - 1 if self.in_contents else level
        if level == 3:
            self.subsections_seen = True
        elif level == 4 and not (
            self.subsections_seen or linked or _YEAR_HEADING_RE.fullmatch(text)
            or len(text.split()) > _SUBSECTION_WORDS or ":" in text
        ):  # "## Galaxies" then "#### Morphology": the list's subsections, one # more (not
            return 3  # "#### [Title](…)" or "#### Title: …", a paper's own, nor "#### 2019")
        return level

    def _paragraph(self, node: TreeNode) -> None:
        span = self.source.span(node)
        inline = self.source.inline(node.children, line=span[0])
        if self.containers and self.containers[-1] == "list_item" and self.items:
            self.items[-1].inlines.append(inline)
            return  # read when the item closes
        block = self._new("paragraph", span, content_line=span[0] + 1)
        block.segs = segments(inline, span[0] + 1)
        self.blocks.append(block)
        if span[1] - span[0] == 1 and all(seg.kind == "text" for seg in block.segs):
            text = squash("".join(seg.text for seg in block.segs))
            self.list_label = text if _LIST_LABEL_RE.fullmatch(text) else None

    def _finish_item(self, item: Block) -> None:
        own = [k for k in range(item.start, min(item.end, len(self.cats))) if self.cats[k] is None]
        for k in own:
            self.cats[k] = ""  # reserved: decided once every candidate is known
        item.own_lines = [k + 1 for k in own]
        item.content_line = (item.inlines[0].line if item.inlines else item.start) + 1
        for inline in item.inlines:
            first = inline.line + 1
            if item.segs:  # a paragraph of its own: "\n", where a wrapped line is " "
                item.segs.append(Seg("break", "\n", first))
            item.segs.extend(segments(inline, first))

    def _table(self, node: TreeNode) -> None:
        """Read a whole table: its header row, then its body rows."""
        rows: list[tuple[int, list[Inline], bool]] = []
        for part in node.children:  # thead, tbody
            in_head = part.name == "thead"
            for row in part.children:
                row_line = self.source.span(row)[0]
                cells = [self.source.cell(c, row_line) for c in row.children]
                rows.append((row_line, cells, in_head))
        self.table_count += 1
        header = [squash(plain(c.children)).lower() for _, cells, head in rows if head
                  for c in cells]  # fmt: skip
        table = Table(self.table_count, header)
        span = self.source.span(node)
        head_line = next((ln for ln, _, head in rows if head), span[0])
        self.mark(head_line, head_line + 2, "table_header")  # header row + delimiter row
        for line, cells, head in rows:
            if head:
                segs = [s for c in cells for s in segments(c, line + 1)
                        if s.kind in ("link", "image")]  # fmt: skip
                if segs:
                    self.blocks.append(self._new("table_head", (line, line + 1), segs=segs))
            else:
                self.blocks.append(self._new("row", (line, line + 1), table=table, cells=cells,
                                             content_line=line + 1))  # fmt: skip
        self.mark(span[0], span[1], "table_header", only_unset=True)


def walk(text: str, lines: list[str]) -> Walk:
    """Walk the Markdown of a list once; the readers take it from here."""
    source, root = parse_tree(text)
    walker = _Walker(lines, source)
    walker.walk(root.children)
    return Walk(lines, walker.blocks, walker.cats, walker.problems, walker.references,
                layout_of(source, root, text, lines))  # fmt: skip


def _heading_name(tokens: Sequence[Tok]) -> str:
    """A heading's text without its links inside the list ("### Reviews [^](#contents)", "##
    Theory [[Back to Top](#top)]": a way back up, no word of the name), unless those are all
    of it ("## [Papers](#papers)")."""
    whole = squash(plain(tokens))
    if "[^" in whole:  # "## Models for text [^7]": a footnote's marker, no word of the name
        whole = _FOOTNOTE_MARK_RE.sub("", whole).strip() or whole
    if ":" in whole and _SHORTCODE_RE.search(whole):  # "### :books:Knowledge": GitHub's emoji
        whole = squash(_SHORTCODE_RE.sub(" ", whole)) or whole
    if not any(tok.type == "link_open" and tok.url.startswith("#") for tok in tokens):
        return whole  # the usual heading
    kept: list[Tok] = []
    inside_anchor = False
    for tok in tokens:
        if tok.type == "link_open":
            inside_anchor = tok.url.startswith("#")
        elif tok.type == "link_close":
            inside_anchor = False
        elif not inside_anchor:
            kept.append(tok)
    # the brackets the link sat in ("[[Back to Top](#top)]"), and a separator before it
    name = squash(_EMPTY_BRACKETS_RE.sub("", plain(kept))).rstrip(" |-–—·:").strip()
    return name or whole


_SUBSECTION_WORDS = 4  # "#### Structure Formation"; a paper's title is longer

_EMPTY_BRACKETS_RE = re.compile(r"\[\s*\]|\(\s*\)")
_FOOTNOTE_MARK_RE = re.compile(r"\s*\[\^[^\]\s]+\]")
_SHORTCODE_RE = re.compile(r"(?<!\w):[a-z0-9_+-]*[a-z][a-z0-9_+-]*:")
