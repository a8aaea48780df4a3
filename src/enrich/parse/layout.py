"""The block layout of a list: which block each line is in, its list items and its headings.

`enrich annotate` needs it to know where an annotation may go (the end of a paragraph, a table
row, the line after a heading, never inside an HTML or code block) and what may move under
``--sort`` (list items, table rows, heading sections). It is read off the syntax tree the parse
already built, in one walk over the block nodes, so annotating a list does not parse it again.

Lines are 0-based, spans are [first line, line after), as markdown-it's ``token.map``: the
layout is the one markdown-it-py's block parser gives (the tests compare the two).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from enrich.parse.markdown import BLOCK_NODES, TreeNode

__all__ = ["Item", "Layout", "Leaf", "layout_of"]

# The kinds of leaf blocks an annotation can be anchored to (or refused in).
PARAGRAPH, HEADING, ROW, HTML, CODE = "paragraph", "heading", "row", "html", "code"
_LEAF_KINDS = {
    "paragraph": PARAGRAPH,
    "heading": HEADING,
    "lheading": HEADING,
    "html_block": HTML,
    "fence": CODE,
    "code_block": CODE,
}


@dataclass(frozen=True, slots=True)
class Leaf:
    """A block that holds text: a paragraph (a tight list item's too), a heading, a table row
    (header rows too), an HTML block, a code block."""

    kind: str  # PARAGRAPH, HEADING, ROW, HTML or CODE
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Item:
    """A list item, and which list it is in (items of one list share `list_id`)."""

    start: int
    end: int
    list_id: int
    ordered: bool


@dataclass(frozen=True)
class Layout:
    """The block structure of a list."""

    n_lines: int
    leaves: tuple[Leaf, ...]  # in document order
    items: dict[int, Item]  # first line → the innermost item starting there
    headings: tuple[tuple[int, int], ...]  # (line, level) of every heading, in order

    @classmethod
    def empty(cls) -> Layout:
        return cls(0, (), {}, ())

    def innermost(self) -> list[Leaf | None]:
        """Line → the leaf block at that line (the last one in document order), or None."""
        at: list[Leaf | None] = [None] * self.n_lines
        for leaf in self.leaves:
            for line in range(leaf.start, min(leaf.end, self.n_lines)):
                at[line] = leaf
        return at


class _Walk:
    def __init__(self, document: Any, limit: int) -> None:
        self.document = document
        self.limit = limit
        self.leaves: list[Leaf] = []
        self.items: dict[int, Item] = {}
        self.headings: list[tuple[int, int]] = []
        self.lists = 0

    def blocks(self, nodes: Sequence[TreeNode]) -> None:
        for node in nodes:
            name = node.name
            kind = _LEAF_KINDS.get(name)
            if kind is not None:
                start, end = self._span(node)
                self.leaves.append(Leaf(kind, start, end))
                if kind == HEADING:
                    self.headings.append((start, int(node.meta.get("level", 1))))
            elif name in ("bullet_list", "ordered_list"):
                self._list(node, ordered=name == "ordered_list")
            elif name == "table":
                for part in node.children:  # thead, tbody
                    for row in part.children:
                        start, end = self._span(row)
                        self.leaves.append(Leaf(ROW, start, end))
            elif name == "blockquote":
                self.blocks(node.children)

    def _list(self, node: TreeNode, *, ordered: bool) -> None:
        self.lists += 1
        list_id = self.lists
        for item in node.children:
            start, end = self._span(item)
            self.items[start] = Item(start, end, list_id, ordered)
            # A tight item holds its paragraph's inline nodes directly (markdown-it-pyrs has
            # no paragraph node there; markdown-it-py has a hidden one): each run is one.
            run: list[TreeNode] = []
            for child in item.children:
                if child.name in BLOCK_NODES:
                    self._run(run)
                    run = []
                    self.blocks([child])
                else:
                    run.append(child)
            self._run(run)

    def _run(self, run: list[TreeNode]) -> None:
        if run:
            start, end = self._clamped(*self.document.run_span(run))
            self.leaves.append(Leaf(PARAGRAPH, start, end))

    def _span(self, node: TreeNode) -> tuple[int, int]:
        return self._clamped(*self.document.span(node))

    def _clamped(self, start: int, end: int) -> tuple[int, int]:
        return start, max(min(end, self.limit), start + 1)


def layout_of(document: Any, root: TreeNode, text: str, lines: Sequence[str]) -> Layout:
    """The layout of a parsed document (`enrich.parse.markdown.parse_tree`'s result of `text`,
    split into `lines`)."""
    # A last line of spaces without a line end is in no block for markdown-it-py; markdown-it-pyrs
    # maps the blocks that reach the end of the text over it.
    open_blank_end = bool(lines) and not text.endswith("\n") and not lines[-1].strip(" \t")
    walk = _Walk(document, len(lines) - 1 if open_blank_end else len(lines))
    walk.blocks(root.children)
    return Layout(len(lines), tuple(walk.leaves), walk.items, tuple(walk.headings))
