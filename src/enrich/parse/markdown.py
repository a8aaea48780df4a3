"""The Markdown engine: markdown-it-pyrs (compiled) parses a list once; this module turns its
syntax tree into what the walk reads, exactly as markdown-it-py read it before.

markdown-it-pyrs is the Rust port of markdown-it, so a document gets the same CommonMark + GFM
table reading at a fraction of the time. Where its output differs, it is put back here:

* it percent-encodes link destinations (``é`` -> ``%C3%A9``); the list's links are reported as
  written, so a destination it changed is read again from the source;
* it refuses ``javascript:``, ``vbscript:``, ``file:`` and ``data:`` links (leaves them as
  text); the parser must see them to report them as unsafe, so the schemes are masked in the
  source (same length, so offsets hold) and unmasked in everything read back;
* its node positions are byte offsets (and wrong for emphasis whose marker run is only partly
  used); :class:`Source` turns them into lines and text;
* it trims only ASCII spaces off a paragraph, a heading or a cell, leaves out the empty text
  markdown-it-py keeps around ``**bold**``, and words autolinks and all-space code spans its
  own way.

Inline content comes out as a flat run of :class:`Tok` (``link_open`` … ``link_close``,
``strong_open`` …), the shape the segment reader walks.

Where the two engines build different trees, no repair is possible: such a document (rare in a
list: see :func:`_needs_fallback`) is read by markdown-it-py itself, through
:mod:`enrich.parse.markdown_fallback`. So is one on which markdown-it-pyrs 0.4.0 panics (a
backtick run closing nowhere inside a link label). The comparison behind these rules (the seeds,
the fixtures, two 10,000-entry lists, 9,000 mutated excerpts and ~100,000 generated documents,
zero differences) is described in bench/README.md.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import mdurl
from markdown_it.common.normalize_url import normalizeLinkText
from markdown_it.common.utils import normalizeReference, unescapeAll
from markdown_it_pyrs import MarkdownIt, Node

from enrich.parse.inline import Inline, Tok
from enrich.parse.markdown_fallback import parse_fallback_tree

__all__ = ["BLOCK_NODES", "Document", "Source", "TreeNode", "parse_tree"]

_MD = MarkdownIt("commonmark").enable("table")

# Node names of block structure; every other node is inline content.
BLOCK_NODES = frozenset({
    "paragraph", "heading", "lheading", "bullet_list", "ordered_list", "list_item", "blockquote",
    "html_block", "code_block", "fence", "hr", "table", "thead", "tbody", "trow", "tcell",
    "definition",
})  # fmt: skip

# The schemes markdown-it refuses as links (its validateLink), masked by changing their last
# letter to "-" (lower case) or "." (upper case): same byte length, and still a valid scheme
# and a valid HTML attribute name (`<a hrefjavascript:…>` must stay a tag if it was one).
_UNSAFE_SCHEME_RE = re.compile(r"(javascrip(?=t:)|vbscrip(?=t:)|fil(?=e:)|dat(?=a:))(\w)", re.I)
_MASKED_SCHEME_RE = re.compile(r"(javascrip|vbscrip|fil|dat)([-.])(?=:)", re.I)
_LAST_LETTER = {"javascrip": "t", "vbscrip": "t", "fil": "e", "dat": "a"}


def _may_be_unsafe(text: str) -> bool:
    """Cheap first look for _UNSAFE_SCHEME_RE (a regex with re.I over a whole list is not)."""
    lower = text.lower()
    return "script:" in lower or "file:" in lower or "data:" in lower


def _mask(match: re.Match[str]) -> str:
    return match[1] + ("." if match[2].isupper() else "-")


def _unmask(match: re.Match[str]) -> str:
    letter = _LAST_LETTER[match[1].lower()]
    return match[1] + (letter.upper() if match[2] == "." else letter)


class TreeNode(Protocol):
    """A node of the syntax tree, whichever engine made it."""

    @property
    def name(self) -> str: ...

    @property
    def children(self) -> Sequence[TreeNode]: ...

    @property
    def meta(self) -> Mapping[str, Any]: ...


class Document(Protocol):
    """What the walk asks of the parsed document about its nodes (each engine's own kind)."""

    def span(self, node: Any) -> tuple[int, int]: ...

    def run_span(self, nodes: Sequence[Any]) -> tuple[int, int]: ...

    def unmask(self, text: str) -> str: ...

    def inline(self, nodes: Sequence[Any], content: str | None = None,
               line: int | None = None) -> Inline: ...  # fmt: skip

    def cell(self, node: Any, line: int) -> Inline: ...

    def block_text(self, node: Any) -> str: ...

    def definition(self, node: Any) -> tuple[str, str]: ...


class Source:
    """The text markdown-it-pyrs read, addressed by its byte offsets."""

    def __init__(self, text: str) -> None:
        masked = _UNSAFE_SCHEME_RE.sub(_mask, text) if _may_be_unsafe(text) else text
        self.masked = masked != text
        self.text = masked
        self.data = masked.encode()
        self.ascii = len(self.data) == len(masked)
        self.line_starts = [0, *itertools.accumulate(len(ln) + 1 for ln in self.data.split(b"\n"))]
        self._written_definitions: dict[str, str] | None = None
        self.root: Node | None = None

    def line(self, offset: int) -> int:
        """0-based line of a byte offset."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def span(self, node: Node) -> tuple[int, int]:
        """[first line, line after) of a block node, as markdown-it's token.map."""
        start, end = node.srcmap or (0, 0)
        first = self.line(start)
        return first, (self.line(end) + 1 if end > start else first)

    def run_span(self, nodes: Sequence[Node]) -> tuple[int, int]:
        """[first line, line after) of a run of inline nodes: a tight list item's paragraph,
        which markdown-it-pyrs leaves without a paragraph node."""
        start, end = _edge(nodes[0], first=True), _edge(nodes[-1], first=False)
        first = self.line(start)
        return first, (self.line(end) + 1 if end > start else first)

    def slice(self, start: int, end: int) -> str:
        if self.ascii:
            return self.unmask(self.text[start:end])
        return self.unmask(self.data[start:end].decode("utf-8", "replace"))

    def source_of(self, node: Node) -> str:
        start, end = node.srcmap or (0, 0)
        return self.slice(start, end)

    def block_text(self, node: Node) -> str:
        """An HTML block's or a code block's text. Ending the document with no line break,
        markdown-it-py's HTML block or fence has none either; markdown-it-pyrs adds one."""
        text = self.unmask(str(node.meta.get("content", "")))
        if (
            node.name != "code_block"
            and text.endswith("\n")
            and not self.text.endswith("\n")
            and node.srcmap is not None
            and node.srcmap[1] >= len(self.data)
        ):
            return text[:-1]
        return text

    def cell(self, node: Node, line: int) -> Inline:
        """A table cell's content, as markdown-it-py gave it: "\\|" is a "|" in the cell."""
        content = self.source_of(node).strip()  # Python's strip, as markdown-it-py's
        if "\\|" in content:
            content = content.replace("\\|", "|")
        return self.inline(node.children, content=content, line=line)

    def mask(self, text: str) -> str:
        """A string as it reads in the masked source."""
        return _UNSAFE_SCHEME_RE.sub(_mask, text) if self.masked else text

    def unmask(self, text: str) -> str:
        """A string read back from the masked source, with the list's own schemes."""
        if self.masked and ("-" in text or "." in text):
            return _MASKED_SCHEME_RE.sub(_unmask, text)
        return text

    # -- inline content ------------------------------------------------------------------------

    def inline(self, nodes: Sequence[Node], content: str | None = None,
               line: int | None = None) -> Inline:  # fmt: skip
        """Inline nodes (a paragraph's children, or a run of them) as one :class:`Inline`;
        ``line`` (0-based) is where it starts, by default where its first node does."""
        if not nodes:
            return Inline(content or "", [], line or 0)
        start = _edge(nodes[0], first=True)
        out: list[Tok] = []
        self._flatten(nodes, out)
        if self.masked:
            for tok in out:
                if tok.type in ("text", "code_inline", "html_inline"):
                    tok.content = self.unmask(tok.content)
        raw = None
        if content is None or _space_at_ends(out):
            raw = self.slice(start, _edge(nodes[-1], first=False))
            # markdown-it-py strips a paragraph, heading or cell with str.strip before reading
            # it (so no-break and other Unicode spaces go too); markdown-it-pyrs trims ASCII.
            if raw[:1].isspace() or raw[-1:].isspace():
                _strip_ends(out, lead=raw[:1].isspace(), trail=raw[-1:].isspace())
        return Inline(
            raw.strip() if content is None and raw is not None else content or "",
            out,
            self.line(start) if line is None else line,
        )

    def _flatten(self, nodes: Sequence[Node], out: list[Tok]) -> None:
        for node in nodes:
            name = node.name
            if name == "text":
                # Adjacent text is one token, as markdown-it-py joins it (fragments_join); an
                # entity stays a token of its own, so trimming spaces (_strip_ends) stops at
                # it: markdown-it-py trims the source, before "&nbsp;" is decoded.
                if out and out[-1].type == "text" and not out[-1].markup:
                    out[-1].content += node.meta["content"]
                else:
                    out.append(Tok("text", node.meta["content"]))
            elif name == "text_special":
                meta = node.meta
                if meta.get("info") == "entity":
                    out.append(Tok("text", meta["content"], markup="decoded"))
                elif out and out[-1].type == "text" and not out[-1].markup:
                    out[-1].content += meta["content"]  # an escape is text like any other
                else:
                    out.append(Tok("text", meta["content"]))
            elif name == "softbreak" or name == "hardbreak":
                out.append(Tok(name))
            elif name == "link":
                out.append(Tok("link_open", url=self._link_url(node)))
                self._flatten(node.children, out)
                out.append(Tok("link_close"))
            elif name == "em":
                out.append(Tok("em_open"))
                self._flatten(node.children, out)
                out.append(Tok("em_close"))
            elif name == "strong":
                # markdown-it-py leaves an empty text token on each side of a "**" pair (the
                # marker's unused half), joined to any text next to it; readers see it.
                if not out or out[-1].type != "text":
                    out.append(Tok("text"))
                out.append(Tok("strong_open"))
                self._flatten(node.children, out)
                out.append(Tok("strong_close"))
                out.append(Tok("text"))
            elif name == "code_inline":
                code = "".join(c.meta.get("content", "") for c in node.children)
                if not code.strip():  # spaces only: kept whole (markdown-it-pyrs trims them)
                    marker = int(node.meta.get("marker_len", 1))
                    code = self.source_of(node)[marker:-marker].replace("\n", " ")
                out.append(Tok("code_inline", code))
            elif name == "html_inline":
                out.append(Tok("html_inline", node.meta["content"]))
            elif name == "image":
                out.append(self._image(node))
            elif name == "autolink":
                raw = self.source_of(node)[1:-1]
                out.append(Tok("link_open", url=raw if ":" in raw else "mailto:" + raw,
                               markup="autolink"))  # fmt: skip
                out.append(Tok("text", normalizeLinkText(raw)))  # as markdown-it-py words it
                out.append(Tok("link_close", markup="autolink"))
            else:  # a node this walk does not know: its text still counts
                self._flatten(node.children, out)

    def _image(self, node: Node) -> Tok:
        """markdown-it-py kept an image's label as written (its alt text, markup included)."""
        start, end = node.srcmap or (0, 0)
        url = str(node.meta.get("url", ""))
        close, written = self._inline_destination(node, url)
        if close is None:  # a reference image, "![alt][ref]": its label ends at the first "]"
            label_end = max((_edge(c, first=False) for c in node.children), default=start + 2)
            found = self.data.find(b"]", label_end, end)
            close = found if found >= 0 else None
        label = self.slice(start + 2, close) if close is not None else ""
        return Tok("image", label, url=written if written is not None else self._written(url))

    def _link_url(self, node: Node) -> str:
        url = str(node.meta.get("url", ""))
        if "%" not in url and url.isascii():
            return self.unmask(url)  # not re-encoded: as written
        written = self._inline_destination(node, url)[1]
        return written if written is not None else self._written(url)

    def _inline_destination(self, node: Node, url: str) -> tuple[int | None, str | None]:
        """(byte offset of the label's "]", destination as written) of an inline link or
        image, "[label](destination)"; (None, None) for a reference one. The "](" is looked
        for from the end, as the label may hold one too."""
        start, end = node.srcmap or (0, 0)
        source = self.data[start:end]
        k = source.rfind(b"](")
        while k >= 0:
            dest = _destination(self.slice(start + k + 2, end))
            if dest is not None and mdurl.encode(self.mask(dest)) == url:  # as pyrs encodes
                return start + k, dest
            k = source.rfind(b"](", 0, k)
        return None, None

    def _written(self, url: str) -> str:
        """A reference link's destination: its definition's as written."""
        if "%" not in url and url.isascii():
            return self.unmask(url)
        return self._written_definitions_by_url().get(url, self.unmask(url))

    # -- reference definitions -----------------------------------------------------------------

    def definition(self, node: Node) -> tuple[str, str]:
        """(normalised label, destination as written) of a reference definition."""
        meta = node.meta
        label = normalizeReference(self.unmask(str(meta.get("label", ""))))
        url = str(meta.get("destination", ""))
        if "%" in url or not url.isascii():
            source = self.source_of(node)
            colon = _label_end(source)
            dest = _destination(source[colon + 1 :]) if colon is not None else None
            if dest is not None and mdurl.encode(self.mask(dest)) == url:  # as pyrs encodes
                return label, dest
        return label, self.unmask(url)

    def _written_definitions_by_url(self) -> dict[str, str]:
        if self._written_definitions is None:
            self._written_definitions = {}
            if self.root is not None:
                for node in self.root.walk():
                    if node.name == "definition":
                        encoded = str(node.meta.get("destination", ""))
                        self._written_definitions.setdefault(encoded, self.definition(node)[1])
        return self._written_definitions


def _edge(node: Node, *, first: bool) -> int:
    """Byte offset where an inline node starts (or ends). markdown-it-pyrs maps an emphasis
    node wrongly when its marker run is only partly used ("**a****"), so emphasis is measured
    by its content (its markers left out: what is read from the span does not need them)."""
    if node.name in ("em", "strong") and node.children:
        inner = [_edge(c, first=first) for c in node.children]
        return min(inner) if first else max(inner)
    if node.srcmap is None:
        return 0
    return node.srcmap[0] if first else node.srcmap[1]


def _space_at_ends(toks: list[Tok]) -> bool:
    first, last = toks[0], toks[-1]
    return (first.type == "text" and first.content[:1].isspace()) or (
        last.type == "text" and last.content[-1:].isspace()
    )


def _source_text(tok: Tok) -> bool:
    return tok.type == "text" and not tok.markup  # not an entity or escape, decoded


def _strip_ends(toks: list[Tok], *, lead: bool, trail: bool) -> None:
    """Trim the whitespace markdown-it-pyrs left at the start (lead) or end (trail) of a
    block's inline content, as markdown-it-py would not have read it."""
    while lead and toks and _source_text(toks[0]) and toks[0].content[:1].isspace():
        toks[0].content = toks[0].content.lstrip()
        if toks[0].content:
            break
        if len(toks) > 1 and toks[1].type == "strong_open":
            break  # the empty token markdown-it-py leaves before "**" stays
        del toks[0]
        while toks and toks[0].type in ("softbreak", "hardbreak"):
            del toks[0]
    while trail and toks and _source_text(toks[-1]) and toks[-1].content[-1:].isspace():
        toks[-1].content = toks[-1].content.rstrip()
        if toks[-1].content:
            break
        if len(toks) > 1 and toks[-2].type == "strong_close":
            break  # the empty token markdown-it-py leaves after "**" stays
        del toks[-1]
        while toks and toks[-1].type in ("softbreak", "hardbreak"):
            del toks[-1]


def _label_end(source: str) -> int | None:
    """Index of the ":" after a definition's "[label]"."""
    k = 1
    while k < len(source):
        ch = source[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "]":
            return k + 1 if source[k + 1 : k + 2] == ":" else None
        k += 1
    return None


def _destination(rest: str) -> str | None:
    """The destination at the start of ``rest`` (after "(" or "]:"), unescaped as markdown-it
    does (its parseLinkDestination), or None when it cannot be read."""
    k = 0
    while k < len(rest) and rest[k] in " \t\n":
        k += 1
    if rest[k : k + 1] == "<":
        j = k + 1
        while j < len(rest):
            ch = rest[j]
            if ch == "\n" or ch == "<":
                return None
            if ch == ">":
                return unescapeAll(rest[k + 1 : j])
            j += 2 if ch == "\\" and j + 1 < len(rest) else 1
        return None
    level = 0
    j = k
    while j < len(rest):
        ch = rest[j]
        if ch == " " or ord(ch) < 0x20 or ord(ch) == 0x7F:
            break
        if ch == "\\" and j + 1 < len(rest):
            j += 2
            continue
        if ch == "(":
            level += 1
            if level > 32:
                return None
        elif ch == ")":
            if level == 0:
                break
            level -= 1
        j += 1
    return unescapeAll(rest[k:j]) if j > k and level == 0 else None


# A stray backtick run in a paragraph that also holds a "[" (markdown-it-pyrs' panic needs both).
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_BACKTICKS_RE = re.compile(r"`+")


# A line indented with a tab: inside a list item or a blockquote, markdown-it-pyrs maps the
# inline content of such a line to the wrong bytes (it counts the tab as the spaces it stands
# for), and which lines are inside one is the parser's to say.
_TAB_INDENTED_TEXT_RE = re.compile(r"^[ >]*\t", re.M)
# A list item holding only an empty blockquote ("- >"): the engines end the item on different
# lines.
_ITEM_OF_EMPTY_QUOTE_RE = re.compile(r"^[ \t>]*(?:[*+-]|\d{1,9}[.)])[ \t]+>[ \t>]*$", re.M)
# A line of Unicode spaces only (no-break, ideographic, …): markdown-it-py ends a table there,
# markdown-it-pyrs reads it as one more row.
_UNICODE_SPACE_LINE_RE = re.compile(r"^(?:>|[^\S\n])*[^\S\n \t](?:>|[^\S\n])*$", re.M)
# "\||" in a table row: markdown-it-pyrs takes the "|" after an escaped one as escaped too.
_ESCAPED_PIPE_THEN_PIPE = "\\||"


# "<!doctype …>": markdown-it-pyrs reads a declaration only in upper case (older CommonMark).
_LOWER_DECLARATION_RE = re.compile(r"<![a-z]")
# An emphasis marker run: see _flanking_differs and _mixed_emphasis.
_MARKER_BY_NON_ASCII_RE = re.compile(r"[^\x00-\x7f](?=[*_])|[*_](?=[^\x00-\x7f])")
_LONG_MARKER_RUN_RE = re.compile(r"(?:\\?\*){3,}|(?:\\?_){3,}")  # escaped ones count


# Block structure the two engines read differently (markdown-it-py is the reference):
# a list item that may not interrupt a paragraph (empty, or numbered from other than 1) ends a
# blockquote's lazy lines and a table in markdown-it-py, not in markdown-it-pyrs;
_WEAK_LIST_ITEM_RE = re.compile(
    r"^[ \t>]*(?:[*+-]|\d{1,9}[.)])[ \t]*$|^[ \t>]*(?:0*[02-9]\d{0,8}|0*1\d{1,8})[.)][ \t]",
    re.M,
)
# and a table starts in one engine only when a delimiter row ("|---|", "---") sits under a line
# that starts a list item or a blockquote, or when only one of the two lines has a "|".
_DELIMITER_ROW_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CONTAINER_START_RE = re.compile(r"^[ \t]*(?:>|[*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))")


# "[label](" or "[label][" that is no link: one of the engines may still read it as a link to a
# reference definition ("[label]: url").
_DEFINITION_RE = re.compile(r"^[ \t>]*\[((?:[^\]\\]|\\.){1,999})\]:", re.M)
# A definition whose line ends in "\\": markdown-it-py keeps it (with the line break in its
# destination), markdown-it-pyrs drops it.
_DEFINITION_ENDING_IN_BACKSLASH_RE = re.compile(r"^[ \t>]*\[[^\]]+\]:.*\\$", re.M)
_LABEL_BEFORE_BRACKET_RE = re.compile(r"\[((?:[^\[\]\\]|\\.){1,999})\][ \t]*[(\[]")
# A backslash alone on a line, or ending a paragraph's last line before a line of spaces: a
# hard break (or a literal "\\") in markdown-it-py, dropped by markdown-it-pyrs.
_LONE_BACKSLASH_RE = re.compile(r"^(?:[>*+\-\d.)]|[^\S\n])*\\$|\\\n(?:>|[^\S\n])+$", re.M)
# "<pre>" (and its kind, which only their closing tag ends) in a list item: markdown-it-pyrs
# ends the HTML block at a blank line.
_RAW_HTML_BLOCK_RE = re.compile(r"^[ \t>*+\-\d.)]*<(?:pre|script|style|textarea)\b", re.M | re.I)


def _needs_fallback(text: str, source: Source) -> bool:
    """Whether this text is one markdown-it-pyrs cannot read as markdown-it-py does. Each
    regex runs only when a plain substring test says it may match (a list is megabytes)."""
    line_end_backslash = "\\\n" in text or text.endswith("\\")
    lower = text.lower() if "<" in text else ""
    return (
        _may_panic(text)
        or _block_structure_differs(text)
        or (line_end_backslash and _LONE_BACKSLASH_RE.search(text) is not None)
        or (line_end_backslash and _DEFINITION_ENDING_IN_BACKSLASH_RE.search(text) is not None)
        or ("\t" in text and _TAB_INDENTED_TEXT_RE.search(text) is not None)
        or (">" in text and _ITEM_OF_EMPTY_QUOTE_RE.search(text) is not None)
        or _ESCAPED_PIPE_THEN_PIPE in text
        or (not text.isascii() and _UNICODE_SPACE_LINE_RE.search(text) is not None)
        or _defined_label_before_bracket(text)
        or ("<!--" in text and _comment_differs(text))
        or (_has_raw_html_tag(lower) and _RAW_HTML_BLOCK_RE.search(text) is not None)
        or ("<!" in text and _LOWER_DECLARATION_RE.search(text) is not None)
        or (source.masked and _masked_in_source(text))
        or _flanking_differs(text)
        or _mixed_emphasis(text)
    )


def _has_raw_html_tag(lower: str) -> bool:
    return any(tag in lower for tag in ("<pre", "<script", "<style", "<textarea"))


def _masked_in_source(text: str) -> bool:
    """Whether the list itself holds what masking writes ("dat-:"): unmasking would change it."""
    return ("-:" in text or ".:" in text) and _MASKED_SCHEME_RE.search(text) is not None


def _block_structure_differs(text: str) -> bool:
    """Whether the text holds a line the two engines build different blocks from (see
    _WEAK_LIST_ITEM_RE, _DELIMITER_ROW_RE), judged in its paragraph (lines between blank
    lines)."""
    for chunk in _BLANK_LINE_RE.split(text):
        quoted = ">" in chunk
        if (quoted or "|" in chunk) and _WEAK_LIST_ITEM_RE.search(chunk):
            return True
        if "-" not in chunk or not (quoted or "|" in chunk):
            continue
        lines = [line.lstrip(" \t>") for line in chunk.split("\n")]  # inside the blockquote
        for k in range(1, len(lines)):
            line, above = lines[k], lines[k - 1]
            if "-" in line and above.strip() and _DELIMITER_ROW_RE.match(line) and (
                quoted or ("|" in line) != ("|" in above) or _CONTAINER_START_RE.match(above)
            ):
                return True
    return False


def _defined_label_before_bracket(text: str) -> bool:
    """Whether a list with reference definitions has an inline link, or a "[label][" naming a
    defined reference (see _DEFINITION_RE): the engines resolve a few such shapes differently."""
    if "]:" not in text:
        return False
    defined = {normalizeReference(m[1]) for m in _DEFINITION_RE.finditer(text)}
    if defined and "](" in text:
        # A "[label](" that is no inline link may still be read as a link to a definition
        # named later on its line (markdown-it-py goes on from where the destination failed).
        return True
    return bool(defined) and any(
        normalizeReference(m[1]) in defined for m in _LABEL_BEFORE_BRACKET_RE.finditer(text)
    )


def _comment_differs(text: str) -> bool:
    """An HTML comment holding "--", or "<!-->" / "<!--->": markdown-it-pyrs follows the older
    CommonMark rule and leaves it as text inside a paragraph."""
    start = text.find("<!--")
    while start >= 0:
        if text.startswith((">", "->"), start + 4):
            return True
        end = text.find("-->", start + 4)
        if end < 0:
            return False
        body = text[start + 4 : end]
        if body.startswith((">", "->")) or "--" in body:
            return True
        start = text.find("<!--", end + 3)
    return False


def _mixed_emphasis(text: str) -> bool:
    """A run of three or more "*" or "_" in a line of text (not a rule): the engines pair such
    runs differently when other markers are about (markdown-it-pyrs follows an older
    markdown-it), so any is sent to markdown-it-py."""
    if not any(s in text for s in ("***", "___", "\\*", "\\_")):
        return False  # no run of three (escaped markers count), cheaply
    for m in _LONG_MARKER_RUN_RE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        line = text[start : end if end >= 0 else len(text)]
        if line.strip(" \t*_->"):  # more than a thematic break ("***", "* * *", "___")
            return True
    return False


def _flanking_differs(text: str) -> bool:
    """Whether an emphasis marker run may open or close differently in the two engines:
    markdown-it-py counts Unicode symbols (emoji, ©, €) as punctuation, markdown-it-pyrs does
    not, and CommonMark's flanking rules turn on punctuation next to the run."""
    if text.isascii():
        return False
    for m in _MARKER_BY_NON_ASCII_RE.finditer(text):
        start = m.start() if text[m.start()] in "*_" else m.end()  # a character of the run
        end = start + 1
        marker = text[start]
        while start > 0 and text[start - 1] == marker:
            start -= 1
        while end < len(text) and text[end] == marker:
            end += 1
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if _open_close(marker, before, after, symbols=True) != _open_close(
            marker, before, after, symbols=False
        ):
            return True
    return False


def _open_close(marker: str, before: str, after: str, *, symbols: bool) -> tuple[bool, bool]:
    """(may open, may close) emphasis: a marker run between two characters, by CommonMark's
    flanking rules (``_`` is stricter inside words)."""

    def punct(ch: str) -> bool:
        if ch.isascii():
            return not ch.isalnum() and not ch.isspace() and ch.isprintable()
        return unicodedata.category(ch)[0] in ("PS" if symbols else "P")

    space_before, space_after = before.isspace(), after.isspace()
    left = not space_after and (not punct(after) or space_before or punct(before))
    right = not space_before and (not punct(before) or space_after or punct(after))
    if marker == "_":
        return left and (not right or punct(before)), right and (not left or punct(after))
    return left, right


def _may_panic(text: str) -> bool:
    """Whether markdown-it-pyrs may panic on this text: a backtick run that opens a code span
    closing nowhere, after a "[" in the same inline content. Cheap and cautious: the content is
    taken both as the lines between blank lines and as each line (a list item, a table row, a
    heading); a panic it misses is still caught."""
    if "`" not in text or "[" not in text:
        return False
    for chunk in _BLANK_LINE_RE.split(text):
        if "`" in chunk and "[" in chunk and (
            _unclosed_code_after_bracket(chunk)
            or any(
                "`" in line and "[" in line and _unclosed_code_after_bracket(line)
                for line in chunk.split("\n")
            )
        ):
            return True
    return False


def _unclosed_code_after_bracket(chunk: str) -> bool:
    runs: list[tuple[int, int]] = []  # (start, length) of each unescaped backtick run
    for m in _BACKTICKS_RE.finditer(chunk):
        start, length = m.start(), m.end() - m.start()
        slashes = len(chunk[:start]) - len(chunk[:start].rstrip("\\"))
        if slashes % 2:  # "\`": the first backtick is a literal one
            start, length = start + 1, length - 1
        if length:
            runs.append((start, length))
    next_same: list[int | None] = [None] * len(runs)  # the next run of the same length
    seen: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        next_same[k] = seen.get(runs[k][1])
        seen[runs[k][1]] = k
    k = 0
    while k < len(runs):
        close = next_same[k]
        if close is None:
            if "[" in chunk[: runs[k][0]]:
                return True
            k += 1
        else:
            k = close + 1  # a code span: the runs inside it are its content
    return False


def parse_tree(text: str) -> tuple[Document, TreeNode]:
    """Parse a list's text (CR/CRLF already normalised) into its syntax tree."""
    text = text.replace("\0", "\ufffd")  # markdown-it's own normalisation
    source = Source(text)
    if not _needs_fallback(text, source):
        try:
            root = _MD.tree(source.text)
        except BaseException as exc:  # pyo3's PanicException derives from BaseException
            if type(exc).__name__ != "PanicException":
                raise
        else:
            source.root = root
            return source, root
    return parse_fallback_tree(text)
