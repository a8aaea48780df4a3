"""The fallback Markdown engine: markdown-it-py, for the documents markdown-it-pyrs cannot read.

markdown-it-pyrs 0.4.0 (markdown-it.rs 0.6.0) panics on a link label holding a backtick run
that closes nowhere ("[Bob`s paper](…)": its code-span cache is indexed out of bounds when the
label is read a second time). Such a document is parsed here instead, by the engine the Rust
one is a port of, and handed to the walk as the same kind of tree, so what is read from it does
not depend on which engine read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from enrich.parse.inline import Inline, Tok

__all__ = ["FallbackSource", "parse_fallback_tree"]


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

# markdown-it-py token names -> the names markdown-it-pyrs gives the same nodes.
_NAMES = {"tr": "trow", "th": "tcell", "td": "tcell"}


@dataclass(slots=True)
class FallbackNode:
    """A node of the tree built from markdown-it-py's tokens (the walk reads name, children,
    meta; the source reads lines and inline content)."""

    name: str
    lines: tuple[int, int]  # [first line, line after)
    meta: dict[str, Any] = field(default_factory=dict)
    children: list[FallbackNode] = field(default_factory=list)
    inline: Token | None = None  # for name == "inline"


class FallbackSource:
    """The document as markdown-it-py read it, answering the walk like :class:`Source`."""

    def span(self, node: FallbackNode) -> tuple[int, int]:
        return node.lines

    def run_span(self, nodes: Sequence[FallbackNode]) -> tuple[int, int]:
        return nodes[0].lines[0], nodes[-1].lines[1]

    def unmask(self, text: str) -> str:
        return text  # no scheme was masked: markdown-it-py was told to accept them all

    def inline(self, nodes: Sequence[FallbackNode], content: str | None = None,
               line: int | None = None) -> Inline:  # fmt: skip
        token = nodes[0].inline if nodes else None
        if token is None:
            return Inline(content or "", [], line or 0)
        return Inline(
            token.content if content is None else content,
            _toks(token.children or []),
            (token.map[0] if token.map else 0) if line is None else line,
        )

    def block_text(self, node: FallbackNode) -> str:
        return str(node.meta.get("content", ""))

    def cell(self, node: FallbackNode, line: int) -> Inline:
        return self.inline(node.children, line=line)

    def definition(self, node: FallbackNode) -> tuple[str, str]:
        return str(node.meta["label"]), str(node.meta["destination"])


def _toks(tokens: Sequence[Token]) -> list[Tok]:
    out: list[Tok] = []
    for tok in tokens:
        if tok.type == "link_open":
            out.append(Tok("link_open", url=str(tok.attrs.get("href", "")), markup=tok.markup))
        elif tok.type == "link_close":
            out.append(Tok("link_close", markup=tok.markup))
        elif tok.type == "image":
            out.append(Tok("image", tok.content, url=str(tok.attrs.get("src", ""))))
        else:
            out.append(Tok(tok.type, tok.content))
    return out


def parse_fallback_tree(text: str) -> tuple[FallbackSource, FallbackNode]:
    """Parse with markdown-it-py; reference definitions come last, as ``definition`` nodes."""
    env: dict[str, Any] = {}
    tokens = _MD.parse(text, env)
    root = FallbackNode("root", (0, 0))
    stack = [root]
    for tok in tokens:
        name = tok.type.removesuffix("_open").removesuffix("_close")
        name = _NAMES.get(name, name)
        lines = (tok.map[0], tok.map[1]) if tok.map else stack[-1].lines
        if tok.nesting == 1:
            node = FallbackNode(name, lines)
            if name == "heading":
                node.meta["level"] = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            stack[-1].children.append(node)
            stack.append(node)
        elif tok.nesting == -1:
            stack.pop()
        else:
            stack[-1].children.append(FallbackNode(
                name, lines, {"content": tok.content}, inline=tok if name == "inline" else None
            ))  # fmt: skip
    refs = env.get("references")
    if isinstance(refs, dict):
        for label, ref in refs.items():
            span = ref.get("map") or [0, 1]
            root.children.append(FallbackNode(
                "definition", (int(span[0]), int(span[1])),
                {"label": str(label), "destination": str(ref.get("href", ""))},
            ))  # fmt: skip
    return FallbackSource(), root
