"""The Markdown walk: markdown-it's tokens -> the list's blocks, in order, with their lines.

One pass. Headings set the scope (``##`` section, ``###`` subsection); list items, table rows,
headings, paragraphs (also inside blockquotes and footnotes), HTML blocks and code blocks become
:class:`Block` s that the readers turn into entries. Lines no reader will claim (blank, rule,
table header, …) are put in their bucket of the line ledger here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from enrich.parse.inline import Seg, plain, segments, squash
from enrich.parse.links import furniture_heading

__all__ = ["Block", "Table", "Walk", "walk"]


class _ListMarkdown(MarkdownIt):
    """CommonMark + tables that hands link destinations back as written.

    markdown-it normally percent-encodes URLs and refuses some schemes; the parser's job is to
    report what the list says, so both are turned off (nothing here is ever rendered).
    """

    def normalizeLink(self, url: str) -> str:
        return url

    def validateLink(self, url: str) -> bool:
        return True


_MD = _ListMarkdown("commonmark").enable("table")


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
    segs: list[Seg] = field(default_factory=list)  # items: the item's own paragraphs only
    content_line: int = 0  # 1-based line where the content starts
    level: int = 0  # heading level
    depth: int = 0  # list nesting: 0 for a top-level item
    parent: Block | None = None  # the item this item is nested in
    has_sublist: bool = False
    quoted: bool = False  # inside a blockquote
    furniture: bool = False  # inside a section such as Contributors or Licence
    own_lines: list[int] = field(default_factory=list)  # 1-based, not nested items' lines
    inlines: list[Token] = field(default_factory=list)
    table: Table | None = None
    cells: list[Token] = field(default_factory=list)  # a table row's cells
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


class _Walker:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.cats: list[str | None] = [None] * len(lines)
        self.section: str | None = None
        self.subsection: str | None = None
        self.furniture = False
        self.blocks: list[Block] = []
        self.problems: list[tuple[int, str, str]] = []
        self.containers: list[str] = []
        self.items: list[Block] = []
        self.table_count = 0

    def mark(self, start: int, end: int, cat: str, *, only_unset: bool = False) -> None:
        for k in range(max(start, 0), min(end, len(self.cats))):
            if not only_unset or self.cats[k] is None:
                self.cats[k] = cat

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type == "table_open":
                i = self._table(tokens, i)
            else:
                self._block(tokens, i)
            i += 1

    def _new(self, kind: str, span: list[int], **kw: object) -> Block:
        block = Block(kind, span[0], span[1], self.section, self.subsection,
                      quoted="blockquote" in self.containers, furniture=self.furniture,
                      **kw)  # type: ignore[arg-type]  # fmt: skip
        return block

    def _block(self, tokens: list[Token], i: int) -> None:
        tok = tokens[i]
        kind = tok.type
        span = tok.map
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if kind == "heading_open" and span:
            self._heading(tok, nxt)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if self.items and self.containers and self.containers[-1] == "list_item":
                self.items[-1].has_sublist = True
            self.containers.append("list")
        elif kind == "list_item_open" and span:
            self.containers.append("list_item")
            parent = self.items[-1] if self.items else None
            item = self._new("item", span, depth=len(self.items), parent=parent)
            self.items.append(item)
            self.blocks.append(item)
        elif kind == "list_item_close":
            self._pop()
            if self.items:
                self._finish_item(self.items.pop())
        elif kind == "blockquote_open":
            self.containers.append("blockquote")
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            self._pop()
        elif kind == "paragraph_open" and span:
            self._paragraph(span, nxt)
        elif kind == "html_block" and span:
            self.blocks.append(self._new("html", span, text=tok.content))
        elif kind == "code_block" and span:
            self.blocks.append(self._new("code", span, text=tok.content))
        elif kind == "fence" and span:
            self.mark(span[0], span[1], "code")
            self.blocks.append(self._new("code", span, text=tok.content))
        elif kind == "hr" and span:
            self.mark(span[0], span[1], "rule")

    def _pop(self) -> None:
        if self.containers:
            self.containers.pop()

    def _heading(self, tok: Token, inline: Token | None) -> None:
        assert tok.map is not None
        self.mark(tok.map[0], tok.map[1], "heading")
        text = squash(plain(inline.children or [])) if inline is not None else ""
        line = tok.map[0] + 1
        level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
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
        # "#" and "####"+ do not change the section: the list's structure is ## and ###.
        block = self._new("heading", tok.map, level=level, content_line=line)
        if inline is not None:
            block.segs = segments(inline, line)
        self.blocks.append(block)

    def _paragraph(self, span: list[int], inline: Token | None) -> None:
        if self.containers and self.containers[-1] == "list_item" and self.items:
            if inline is not None:
                self.items[-1].inlines.append(inline)
            return  # read when the item closes
        block = self._new("paragraph", span, content_line=span[0] + 1)
        if inline is not None:
            block.segs = segments(inline, span[0] + 1)
        self.blocks.append(block)

    def _finish_item(self, item: Block) -> None:
        own = [k for k in range(item.start, min(item.end, len(self.cats))) if self.cats[k] is None]
        for k in own:
            self.cats[k] = ""  # reserved: decided once every candidate is known
        item.own_lines = [k + 1 for k in own]
        item.content_line = (
            (item.inlines[0].map[0] if item.inlines[0].map else item.start) + 1
            if item.inlines
            else item.start + 1
        )
        for inline in item.inlines:
            first = (inline.map[0] if inline.map else item.start) + 1
            if item.segs:
                item.segs.append(Seg("break", " ", first))
            item.segs.extend(segments(inline, first))

    def _table(self, tokens: list[Token], start: int) -> int:
        """Read a whole table (tokens[start] is table_open); return the index of table_close."""
        opener = tokens[start]
        rows: list[tuple[int, list[Token], bool]] = []
        in_head = False
        i = start + 1
        current: list[Token] | None = None
        row_line = 0
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                current, row_line = [], (tok.map[0] if tok.map else row_line + 1)
            elif tok.type == "inline" and current is not None:
                current.append(tok)
            elif tok.type == "tr_close" and current is not None:
                rows.append((row_line, current, in_head))
                current = None
            i += 1
        self.table_count += 1
        header = [squash(plain(c.children or [])).lower() for _, cells, head in rows if head
                  for c in cells]  # fmt: skip
        table = Table(self.table_count, header)
        head_line = next((ln for ln, _, head in rows if head), opener.map[0] if opener.map else 0)
        self.mark(head_line, head_line + 2, "table_header")  # header row + delimiter row
        for line, cells, head in rows:
            if head:
                segs = [s for c in cells for s in segments(c, line + 1)
                        if s.kind in ("link", "image")]  # fmt: skip
                if segs:
                    self.blocks.append(self._new("table_head", [line, line + 1], segs=segs))
            else:
                self.blocks.append(self._new("row", [line, line + 1], table=table, cells=cells,
                                             content_line=line + 1))  # fmt: skip
        if opener.map:
            self.mark(opener.map[0], opener.map[1], "table_header", only_unset=True)
        return i


def walk(text: str, lines: list[str]) -> Walk:
    """Walk the Markdown of a list once; the readers take it from here."""
    env: dict[str, object] = {}
    walker = _Walker(lines)
    walker.walk(_MD.parse(text, env))
    references: dict[str, tuple[str, int]] = {}
    refs = env.get("references")
    if isinstance(refs, dict):
        for label, ref in refs.items():
            span = ref.get("map") or [0, 1]
            references[str(label)] = (str(ref.get("href", "")), int(span[0]) + 1)
    return Walk(lines, walker.blocks, walker.cats, walker.problems, references)
