"""The inline content of one block (a paragraph, a list item, a table cell, a heading) as a flat
sequence of segments: text (with its emphasis), links, images and line breaks, each with its line.

Links are everything a reader would click: Markdown inline, reference-style and autolinks (all
three resolved by the Markdown engine), ``<a href>`` in inline HTML, bare URLs and bare
``arXiv:``/``doi:`` ids (GitHub links the URLs too), and links Markdown could not read because a
bracket is missing (recovered by regex and reported). Images (``![alt](src)``, ``<img src>``)
are segments of their own, so every ``src`` has a fate in the link ledger as well.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from enrich.heap import load_cache
from enrich.parse.links import badge_words

__all__ = [
    "FOOTNOTE_TEXT_RE", "VERBATIM_URL_RE", "Inline", "Seg", "Tok", "clean_label", "comment_links",
    "plain", "segments",
    "squash",
]  # fmt: skip

# A link Markdown could not read, left in the text: "[📝 Paper (https://…)]" (no "]"),
# "[Paper](https://…" (no ")"), "[Paper] (https://…)" (a space between "]" and "("), and
# "[[Paper]] (https://…)" (the label in brackets of its own, as "[[Paper]](https://…)" has).
_BROKEN_LINK_RE = re.compile(
    r"\[\s*(?P<outer>\[)?(?P<label>[^\[\]()\n]{0,80}?)\s*(?P<close>\](?(outer)\]))?"
    r"(?P<gap>[ \t]*)\(\s*"
    r"(?P<url>(?:https?://|www\.)[^\s()\[\]<>|]+)(?P<end>\s*\))?"
)
_URL_HINT_RE = re.compile(r"https?://|www\.|arxiv:|doi:", re.I)
# A URL written without link syntax (GitHub links it too), or a bare arXiv / DOI id.
# A bare URL ends at a space, a bracket, or the full-width punctuation of Chinese and Japanese
# text ("有（https://github.com/a/b）", "见https://a.org/x，以及"): no address holds those
# unescaped, and GitHub's autolink, which keeps them, opens no page.
_NOT_IN_BARE_URL = r"\s<>()\[\]（）【】「」『』，。；：！？、"
_BARE_URL_RE = re.compile(
    rf"(?:https?://|www\.)[^{_NOT_IN_BARE_URL}]+"
    r"|\barXiv:\s?(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
    rf"|\bdoi:\s?10\.\d{{4,9}}/[^{_NOT_IN_BARE_URL}]+",
    re.I,
)
_URL_TRAILING_PUNCT = ".,;:!?'\"*_"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LABEL_STRIP = "[](){}"
_LABEL_EDGE = " :-|·•"
# Inline HTML a list uses for links and images.
_HTML_HREF_RE = re.compile(r"""^<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_HTML_SRC_RE = re.compile(r"""^<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_HTML_ALT_RE = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_HTML_CLOSE_A_RE = re.compile(r"^</a\s*>", re.I)
_HTML_BR_RE = re.compile(r"^<br\s*/?>", re.I)
# "<em>Nature Genetics</em>", "<b>Title</b>": emphasis written in HTML is emphasis.
_HTML_EMPHASIS_RE = re.compile(r"^<(?P<close>/?)(?P<tag>em|i|strong|b)\s*>$", re.I)
_HTML_STYLES = {"em": "em", "i": "em", "strong": "strong", "b": "strong"}


@dataclass(slots=True)
class Tok:
    """One piece of inline content, as markdown-it-py's flat inline tokens had it."""

    type: str  # text, code_inline, softbreak, hardbreak, image, html_inline, link_open, …
    content: str = ""  # text; an image's label as written; the HTML of html_inline
    url: str = ""  # link_open: destination as written; image: its source
    markup: str = ""  # link_open: "autolink" for <https://…>


@dataclass(slots=True)
class Inline:
    """The inline content of one paragraph, heading, tight list item's text or table cell."""

    content: str  # its source text
    children: list[Tok] = field(default_factory=list)
    line: int = 0  # 0-based line where it starts


@dataclass(slots=True)  # made by the hundred thousand: slots make them cheaper
class Seg:
    """A piece of a block's inline content, in order."""

    kind: str  # "text" | "link" | "image" | "break" (a line break inside the block)
    text: str  # plain text, the link's label as written, or an image's alt text
    line: int  # 1-based line
    url: str = ""  # link target or image source
    style: str = ""  # for text: "strong", "em", "code" or "" (plain)
    broken: bool = False  # recovered by regex from a link Markdown could not parse
    defect: str = ""  # for a broken link: what is wrong with it
    autolink: bool = False  # <https://…> or a bare URL: no label of its own
    in_code: bool = False  # a URL inside `code`: shown, not linked
    hidden: bool = False  # a URL inside an HTML comment: not shown at all
    image_label: bool = False  # the link's label is only an image (a badge linking somewhere)


def squash(text: str) -> str:
    """Whitespace runs as one space, control characters dropped, ends trimmed."""
    if text.isprintable() and "  " not in text and text == text.strip():
        return text  # the common case, and the cheap one
    return " ".join(_CONTROL_RE.sub("", text).split())


def plain(tokens: Iterable[Tok]) -> str:
    """Inline tokens as plain text: markup dropped, line breaks as spaces, images skipped."""
    parts: list[str] = []
    for tok in tokens:
        if tok.type in ("text", "code_inline"):
            parts.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak") or (
            tok.type == "html_inline" and _HTML_BR_RE.match(tok.content)
        ):  # "<br>" too: "Ann Lee, MIT<br>Bo Chen" in a table cell is two lines
            parts.append(" ")
    return "".join(parts)


@load_cache(4096)  # labels repeat ("📝 Paper" thousands of times)
def clean_label(text: str) -> str:
    """ "📝 Paper" -> "Paper": emoji, symbols, brackets and format characters stripped."""
    kept = [
        ch
        for ch in text
        if ch not in _LABEL_STRIP
        and unicodedata.category(ch) not in ("So", "Sk", "Cf", "Cc", "Co", "Cn", "Cs", "Mn", "Me")
    ]
    return squash("".join(kept)).strip(_LABEL_EDGE)


def _html_attr(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    return html.unescape(next(g for g in match.groups() if g is not None))


def _link_segment(children: Sequence[Tok], start: int) -> tuple[str, list[Seg], bool, int]:
    """Read the link opening at children[start]: (label, images inside it, label is only
    images?, index of its close). A Markdown link closes at link_close; an HTML ``<a>`` at
    ``</a>``."""
    is_html = children[start].type == "html_inline"
    label: list[str] = []
    images: list[Seg] = []
    depth = 1
    j = start + 1
    while j < len(children):
        tok = children[j]
        if is_html and tok.type == "html_inline" and _HTML_CLOSE_A_RE.match(tok.content):
            break
        if not is_html and tok.type == "link_open":
            depth += 1
        elif not is_html and tok.type == "link_close":
            depth -= 1
            if depth == 0:
                break
        elif tok.type in ("text", "code_inline"):
            label.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak") or (
            tok.type == "html_inline" and _HTML_BR_RE.match(tok.content)
        ):
            label.append(" ")  # "Parsing<br />performance": two words
        elif tok.type == "image":
            images.append(Seg("image", tok.content, 0, url=tok.url))
        elif tok.type == "html_inline":
            src = _html_attr(_HTML_SRC_RE.match(tok.content))
            if src is not None:
                alt = _html_attr(_HTML_ALT_RE.search(tok.content)) or ""
                images.append(Seg("image", alt, 0, url=src))
        j += 1
    text = "".join(label).strip()
    if text or not images:
        return text, images, False, j
    # A badge with no alt text still says what it links to: "/badge/Paper-purple" is "Paper".
    return " ".join(i.text or badge_words(i.url) or "" for i in images), images, True, j


class _LineLocator:
    """Finds where each link sits in the raw source of a block, in order.

    Inline tokens carry no line numbers and a URL broken over two lines has no line-break token,
    so counting breaks alone would drift; the URL's position in the raw text does not.
    """

    def __init__(self, content: str, first_line: int) -> None:
        self.content = content
        self.first_line = first_line
        self.cursor = 0
        self.newlines = 0  # newlines in content[:cursor]

    def _line_at(self, pos: int) -> int:
        return self.first_line + self.newlines + self.content.count("\n", self.cursor, pos)

    def locate(self, url: str) -> tuple[int, int] | None:
        """(line where the link starts, line where it ends) or None when not found."""
        pos = self.content.find(url, self.cursor) if url else -1
        if pos < 0:
            return None
        # The link starts at its "](" (the label sits right before it), not where the URL does.
        opener = self.content.rfind("](", self.cursor, pos)
        between = self.content[opener + 2 : pos] if opener >= 0 else "x"
        start = opener if not between.strip("( \t\n") else pos
        end = pos + len(url)
        start_line, end_line = self._line_at(start), self._line_at(end)
        self.newlines += self.content.count("\n", self.cursor, end)
        self.cursor = end
        return start_line, end_line


def segments(inline: Inline, first_line: int) -> list[Seg]:
    """The inline content of one paragraph, heading or table cell as segments."""
    children = inline.children
    if len(children) == 1 and children[0].type == "text":  # a plain cell or line: the common case
        text = children[0].content
        seg = Seg("text", text, first_line)
        return _recover_links([seg]) if _URL_HINT_RE.search(text) else [seg]
    locator = _LineLocator(inline.content, first_line)
    segs: list[Seg] = []
    line = first_line
    styles: list[str] = []
    i = 0
    while i < len(children):
        tok = children[i]
        kind = tok.type
        if kind == "text":
            # "**A Survey of *POI Recommendation* in Networks**": italics inside the bold are
            # part of the bold run (the title), not a field of their own
            style = "strong" if "strong" in styles else (styles[-1] if styles else "")
            segs.append(Seg("text", tok.content, line, style=style))
        elif kind == "code_inline":
            segs.append(Seg("text", tok.content, line, style="code"))
        elif kind in ("strong_open", "em_open"):
            styles.append(kind.removesuffix("_open"))
        elif kind in ("strong_close", "em_close") and styles:
            styles.pop()
        elif kind in ("softbreak", "hardbreak"):
            line += 1
            # A hard break ("\\" or two spaces at the end of a line) ends a field of its own:
            # "**Title** \\" "*Authors* \\" "arXiv 2022. [[Paper](…)]"; a wrapped line does not.
            segs.append(Seg("break", "\n" if kind == "hardbreak" else " ", line))
        elif kind == "image":
            found = locator.locate(tok.url)
            segs.append(Seg("image", tok.content, found[0] if found else line, url=tok.url))
        elif kind == "link_open" or (kind == "html_inline" and _HTML_HREF_RE.match(tok.content)):
            url = (
                tok.url
                if kind == "link_open"
                else _html_attr(_HTML_HREF_RE.match(tok.content)) or ""
            )
            auto = tok.markup == "autolink"
            label, images, only_images, i = _link_segment(children, i)
            if label[:1] == "^" and _FOOTNOTE_MARK_RE.fullmatch(label) and (
                FOOTNOTE_TEXT_RE.fullmatch(url)
            ):
                # "[^1]" whose definition is a note ("[^1]: 选择架构的研究"), not an address: GitHub
                # shows a footnote mark; Markdown without footnotes read a link to the note
                segs.append(Seg("text", f"[{label}]", line))
                i += 1
                continue
            found = locator.locate(url)
            start_line = line
            if found is not None:
                start_line, line = found
            for image in images:
                image.line = start_line
            link = Seg("link", "" if auto else label, start_line, url=url, autolink=auto,
                       image_label=only_images)  # fmt: skip
            if _WRAPPED_URL_RE.fullmatch(url):  # "[code]((https://…))": one "(" too many
                link.url, link.broken = url[1:-1], True
                link.defect = "has its URL inside an extra pair of parentheses"
            elif (nested := _NESTED_LINK_URL_RE.fullmatch(url.strip())) is not None:
                # "[label]([https://a](https://b))": a Markdown link written as the address; the
                # page it opens is the inner link's
                link.url, link.broken = nested["target"], True
                link.defect = "has a Markdown link as its address"
            elif url[:1] == "#" and _ANCHORED_URL_RE.match(url):
                # "[Title](#http://…)": a "#" typed before the address hides the paper (GitHub
                # opens no page); the address is the one after it
                link.url, link.broken = url[1:], True
                link.defect = "has a '#' before its URL: write [label](URL)"
            segs.append(link)
            segs.extend(images)
        elif kind == "html_inline" and tok.content.startswith("<!--"):
            segs.extend(comment_links(tok.content, line))
        elif kind == "html_inline" and (emphasis := _HTML_EMPHASIS_RE.match(tok.content)):
            if not emphasis["close"]:
                styles.append(_HTML_STYLES[emphasis["tag"].lower()])
            elif styles and styles[-1] == _HTML_STYLES[emphasis["tag"].lower()]:
                styles.pop()
        elif kind == "html_inline":
            src = _html_attr(_HTML_SRC_RE.match(tok.content))
            if src is not None:
                alt = _html_attr(_HTML_ALT_RE.search(tok.content)) or ""
                segs.append(Seg("image", alt, line, url=src))
            elif _HTML_BR_RE.match(tok.content):
                segs.append(Seg("break", "\n", line))  # "<br>": a hard break too
        i += 1
    return _recover_links(segs)


# A URL in text no Markdown reads (code, HTML, comments): up to a space, bracket or quote.
VERBATIM_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]{}\"'`]+")


def comment_links(text: str, first_line: int) -> list[Seg]:
    """The URLs inside an HTML comment: the list hid them, so they are ledgered as hidden."""
    out: list[Seg] = []
    for k, part in enumerate(text.split("\n")):
        for m in VERBATIM_URL_RE.finditer(part):
            out.append(Seg("link", "", first_line + k, url=m.group(0).rstrip(".,;:"),
                           hidden=True))  # fmt: skip
    return out


def _merge_text(segs: list[Seg]) -> list[Seg]:
    """Adjacent text pieces of one style as one (markdown-it splits text at "[", escapes, …)."""
    out: list[Seg] = []
    for seg in segs:
        last = out[-1] if out else None
        if seg.kind == "text" and last is not None and last.kind == "text" and (
            last.style == seg.style
        ):
            out[-1] = Seg("text", last.text + seg.text, last.line, style=last.style)
        else:
            out.append(seg)
    return out


def _recover_links(segs: list[Seg]) -> list[Seg]:
    """Find links in plain text that Markdown could not parse: a missing "]" or ")" (kept,
    reported) and bare URLs and ids (GitHub links URLs as well)."""
    out: list[Seg] = []
    for seg in _merge_text(segs):
        if seg.kind != "text" or not _URL_HINT_RE.search(seg.text):
            out.append(seg)
            continue
        if seg.style == "code":  # `https://…` is shown, not linked
            out.extend(_bare_urls(seg.text, seg.line, seg.style))
            continue
        pos = 0
        for m in _BROKEN_LINK_RE.finditer(seg.text):
            out.extend(_reversed_links(seg.text[pos : m.start()], seg.line, seg.style))
            out.append(Seg("link", m["label"], seg.line, url=m["url"], broken=True,
                           defect=_link_defect(m)))  # fmt: skip
            pos = m.end()
        out.extend(_reversed_links(seg.text[pos:], seg.line, seg.style))
    return out


# "[paper][https://…]": a link with its URL in square brackets (Markdown reads a reference to
# a definition that is not there, and shows the text)
_REVERSED_LINK_RE = re.compile(
    r"\[\s*(?P<label>[^\[\]()\n]{1,40}?)\s*\]\[\s*(?P<url>https?://[^\s\[\]<>]+)\s*\]"
)


def _reversed_links(text: str, line: int, style: str) -> list[Seg]:
    """Bare URLs, and links written "[label][URL]": kept with their label, and reported."""
    if "][" not in text:
        return _bare_urls(text, line, style)
    out: list[Seg] = []
    pos = 0
    for m in _REVERSED_LINK_RE.finditer(text):
        out.extend(_bare_urls(text[pos : m.start()], line, style))
        out.append(Seg("link", m["label"], line, url=m["url"], broken=True,
                       defect="has its URL in [ ] instead of ( ): write [label](URL)"))  # fmt: skip
        pos = m.end()
    out.extend(_bare_urls(text[pos:], line, style))
    return out


# A footnote's note where a link reference's address would be: no scheme, "/" or ".".
FOOTNOTE_TEXT_RE = re.compile(r"[^:/.#][^:/.]*")
_FOOTNOTE_MARK_RE = re.compile(r"\^[^\s\[\]]+")  # "[^1]", "[^note]"; not "[^ back to top]"
_WRAPPED_URL_RE = re.compile(r"\((?:https?://|www\.)[^()\s]+\)")
_NESTED_LINK_URL_RE = re.compile(r"\[[^\[\]\s]+\]\((?P<target>https?://[^()\s]+)\)")


_ANCHORED_URL_RE = re.compile(r"#(?:https?://|www\.)", re.I)


def _link_defect(m: re.Match[str]) -> str:
    """What keeps a link from being one, in the words a maintainer fixes it with."""
    if not m["close"]:
        return "is missing the ']' between its label and its URL"
    if not m["end"]:
        return "is missing its closing ')'"
    if m["gap"]:
        return "has a space between ']' and '(', so Markdown does not read it as a link"
    return "is not read as a link by Markdown"


def _bare_urls(text: str, line: int, style: str) -> list[Seg]:
    out: list[Seg] = []
    pos = 0
    for m in _BARE_URL_RE.finditer(text):
        url = m.group(0).rstrip(_URL_TRAILING_PUNCT)
        if url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]
        out.append(Seg("text", text[pos : m.start()], line, style=style))
        out.append(Seg("link", "", line, url=url, autolink=True, in_code=style == "code"))
        pos = m.start() + len(url)
    out.append(Seg("text", text[pos:], line, style=style))
    return [s for s in out if s.kind == "link" or s.text]
