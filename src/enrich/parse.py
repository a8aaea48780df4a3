"""Parse a curated Markdown list (an "awesome list" README) into entries.

Approach
--------
1. **Decode** (:func:`decode_list`): the bytes are read as UTF-8 (``errors="replace"``: never
   fails) and mojibake is repaired. Lists get saved through the wrong code page (Windows-1252 or,
   for the seed list, Windows-1254); the bytes such a code page does not define are *lost*
   (📝 = F0 9F 93 9D reaches us as ``ğŸ“`` with the 9D gone), which ftfy cannot undo. So a
   small pre-pass first restores such a sequence when exactly one byte is missing (see
   :func:`_restore_lost_bytes`), then ftfy repairs the rest, with every option that would touch
   text that is *not* broken (curly quotes, ligatures, widths, line breaks, Unicode
   normalisation, control characters) switched off. Mojibake is made of non-ASCII characters
   only, so only runs of those go through the repair (cached: the same runs recur on every
   line); ASCII, and so every line break, is never touched.
2. **Markdown** is parsed by markdown-it-py (CommonMark + GFM tables) -- block structure,
   list items, table rows and inline links are what a Markdown parser is for, and its ``map``
   gives each block's lines. The walk over its tokens collects *candidates*: one per list item
   (bullet) and one per table body row.
3. **Entries** are read from a candidate's inline tokens: an optional venue tag ``(*EMNLP'24*)``,
   the title up to the first link, and the links. Only what Markdown cannot parse is recovered
   with regexes: a link missing its ``]`` (``[Paper (https://…)]``) and bare URLs; the former
   is reported as a warning.
4. **Accounting**: every line of the list ends up in exactly one bucket of
   ``ParsedList.line_accounting``. A candidate that looks like an entry (it has a venue tag, or
   it sits in a section/table that has entries) but yields no title or no link becomes a
   ``ParseProblem`` of severity ``"error"`` -- never a silent drop, never an exception.

Everything is a pure function of the bytes (plus the current year, used to tell a 2-digit year
from a volume number; tests pass it explicitly). Cost is linear in the size of the list.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import ftfy
from markdown_it import MarkdownIt
from markdown_it.token import Token

from enrich.models import Entry, Link, ParsedList, ParseProblem

__all__ = ["ACCOUNTING_KEYS", "decode_list", "normalize_venue", "parse_list", "split_venue_tag"]

# --- decoding -----------------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"

# ftfy with everything that changes *intact* text switched off: the list's curly quotes,
# ligatures, full-width characters and line breaks are as the authors meant them, and line
# breaks must stay put so line numbers match the raw file.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

# Code pages a UTF-8 file gets mis-decoded through; each leaves some bytes undefined (lost).
_MOJIBAKE_CODECS = ("cp1254", "cp1252")
# Which lost byte to try first. 0x9D is by far the commonest loss: it ends ” (E2 80 9D) and
# 📝 (F0 9F 93 9D) and is the 2nd byte of every mathematical letter (𝜓 = F0 9D 9C 93).
_LOST_BYTE_ORDER = (0x9D, 0x81, 0x8D, 0x8F, 0x90, 0x8E, 0x9E)
# A restored character must be a real, visible one (not unassigned, control, format or space).
_REJECTED_CATEGORIES = frozenset({"Cn", "Co", "Cs", "Cc", "Cf", "Zs", "Zl", "Zp"})

# --- Markdown structure -------------------------------------------------------------------------

# Every key line_accounting may use, in report order.
ACCOUNTING_KEYS = (
    "entry",  # first line of an entry
    "continuation",  # further lines of an entry (links on the next line, a URL broken in two)
    "heading",
    "table_header",  # header row and delimiter row of a table
    "table_group",  # bold group row inside a table (| **Depression Detection** ||||)
    "table_empty",  # a table row with no content at all
    "blank",
    "html",  # HTML blocks (the banner, images, <div>s)
    "image",  # a paragraph or bullet holding only images
    "code",  # fenced or indented code
    "rule",  # thematic break (---)
    "reference",  # link reference definition ([id]: https://…)
    "prose",  # paragraphs, navigation bullets, bullets outside entry sections
    "problem",  # lines of a ParseProblem of severity "error"
)

# A line that would be an entry if Markdown read it as one (used inside HTML and code blocks).
_ENTRY_LIKE_RE = re.compile(r"^\s*(?:(?:[-*+]|\d{1,9}[.)])\s+\S.*\]\(|\|.*\]\()")
_REFERENCE_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")
_BULLET_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")

# --- entry text ---------------------------------------------------------------------------------

# The venue tag opening an entry, read from the plain text: "(EMNLP'24) Title …".
_PLAIN_TAG_RE = re.compile(r"^\s*\(\s*(?P<tag>[^()\[\]\n]{1,100}?)\s*\)")
# In the raw Markdown the tag is emphasised: "(*EMNLP'24*)" -- what tells it from a title that
# merely starts with a parenthesis.
_RAW_EMPH_TAG_RE = re.compile(r"^\s*\(\s*[*_]")
# "EMNLP'24", "ICLR’25", "Expert Systems with Applications'217" (a volume: no year).
_TAG_APOSTROPHE_RE = re.compile(r"^(?P<venue>.*?)\s*['’‘`´]\s*(?P<year>\d+)$")
# "ACL 2024", "(2023)".
_TAG_FULL_YEAR_RE = re.compile(r"^(?P<venue>.*?)[\s,]*(?P<year>(?:19|20)\d{2})$")

# Known venue spellings, keyed by lower case; anything else is kept as written.
_VENUES = {
    v.lower(): v
    for v in (
        "AAAI", "AACL", "ACL", "ACM MM", "arXiv", "CHI", "CIKM", "ClinicalNLP", "CLPsych",
        "COLING", "CSCW", "CSCWD", "EACL", "EMNLP", "Findings", "ICASSP", "ICLR", "ICML",
        "IJCAI", "IJCNLP", "Interspeech", "IWSDS", "JMIR", "KDD", "LREC", "LREC-COLING", "MM",
        "NAACL", "NeurIPS", "SIGDIAL", "SIGIR", "TACL", "WSDM", "WWW",
    )
}  # fmt: skip

# A link Markdown could not read, left in the text: "[📝 Paper (https://…)]" (no "]"),
# "[Paper](https://…" (no ")"), "[Paper] (https://…)" (a space between "]" and "(").
_BROKEN_LINK_RE = re.compile(
    r"\[\s*(?P<label>[^\[\]()\n]{0,80}?)\s*(?P<close>\])?(?P<gap>[ \t]*)\(\s*"
    r"(?P<url>(?:https?://|www\.)[^\s()\[\]<>|]+)(?P<end>\s*\))?"
)
_URL_HINT_RE = re.compile(r"https?://|www\.")
# A URL written without link syntax (GitHub links it too).
_BARE_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+")
_URL_TRAILING_PUNCT = ".,;:!?'\""
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TITLE_LEAD = " \t-–—:|,"
_TITLE_TRAIL = " \t[(:|,-–—"
_LABEL_STRIP = "[](){}"
_LABEL_EDGE = " :-|·•"
_LONG_TITLE = 500  # characters; longer means lines ran together

# Link labels that name the kind of link, not the work: never used as a title.
_GENERIC_LABELS = frozenset(
    {
        "paper", "pdf", "code", "github", "project", "project page", "website", "homepage",
        "demo", "data", "dataset", "datasets", "model", "models", "huggingface", "hf", "arxiv",
        "link", "slides", "video", "blog", "doi", "poster", "bib", "bibtex", "openreview",
    }
)  # fmt: skip
_PAPER_LABELS = frozenset({"paper", "pdf", "arxiv", "doi", "openreview", "publication"})
# Hosts whose links are papers (no dependency on enrich.ids on purpose: the parser stands alone).
_PAPER_HOSTS = (
    "arxiv.org", "aclanthology.org", "aclweb.org", "openreview.net", "doi.org", "dl.acm.org",
    "ieeexplore.ieee.org", "sciencedirect.com", "link.springer.com", "nature.com",
    "ojs.aaai.org", "aaai.org", "ijcai.org", "proceedings.neurips.cc", "papers.nips.cc",
    "proceedings.mlr.press", "semanticscholar.org", "biorxiv.org", "medrxiv.org", "jmir.org",
    "mdpi.com", "frontiersin.org", "pubmed.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov",
    "isca-archive.org", "isca-speech.org", "onlinelibrary.wiley.com", "tandfonline.com",
    "journals.plos.org", "pmc.ncbi.nlm.nih.gov",
)  # fmt: skip

# Table header names (lower case, markup stripped) -> the role of the column.
_NAME_HEADERS = frozenset({"dataset", "datasets", "corpus", "benchmark", "data", "name"})
_DATASET_HEADERS = frozenset({"dataset", "datasets", "corpus", "benchmark", "data"})
_YEAR_HEADERS = frozenset({"year", "date", "time", "published"})
_DESCRIPTION_HEADERS = frozenset({"description", "desc", "summary", "notes"})
_SOURCE_HEADERS = frozenset({"source", "paper", "papers", "title", "publication", "reference"})
_ESCAPED_RE = re.compile(r"\\.")
_TABLE_YEAR_RE = re.compile(r"^(?P<year>\d{4})(?:\s*[.\-/]\s*(?P<month>\d{1,2}))?$")
_BOLD_CELL_RE = re.compile(r"^(\*\*|__)(?P<text>.+)\1$", re.S)


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


# --- decoding -----------------------------------------------------------------------------------


def _codec_chars(codec: str) -> dict[str, int]:
    """Character -> byte for the high half of a code page; an undefined byte stands for itself
    as a C1 control (how ftfy's "sloppy" codecs read it)."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            table[bytes([byte]).decode(codec)] = byte
        except UnicodeDecodeError:
            table[chr(byte)] = byte
    return table


def _lost_byte_pattern(chars: dict[str, int]) -> re.Pattern[str]:
    """Mojibake of a UTF-8 sequence that is exactly one byte short: a 4-byte lead with two
    continuation bytes, or E2 (the lead of punctuation: ” ‘ – …) with one. Not followed by a
    further continuation byte, else the sequence is complete and ftfy handles it."""
    lead4 = "".join(re.escape(c) for c, b in chars.items() if 0xF0 <= b <= 0xF4)
    cont = "".join(re.escape(c) for c, b in chars.items() if 0x80 <= b <= 0xBF)
    e2 = re.escape(next(c for c, b in chars.items() if b == 0xE2))
    return re.compile(f"(?:[{lead4}][{cont}]{{2}}|{e2}[{cont}])(?![{cont}])")


_LOST_BYTE_TABLES = tuple(
    (codec, chars, _lost_byte_pattern(chars))
    for codec, chars in ((c, _codec_chars(c)) for c in _MOJIBAKE_CODECS)
)


def _undefined_bytes(codec: str) -> tuple[int, ...]:
    lost: list[int] = []
    for byte in _LOST_BYTE_ORDER:
        try:
            bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            lost.append(byte)
    return tuple(lost)


_LOST_BYTES = {codec: _undefined_bytes(codec) for codec in _MOJIBAKE_CODECS}


def _restore_one(seq: bytes, codec: str) -> str | None:
    """The character ``seq`` was before the code page lost one of its bytes, or None.

    Tried in order of likelihood: the commonest lost byte first, the end of the sequence
    first (where 0x9D sits in ” and 📝); the first insertion that decodes to a real, visible
    character wins (for 𝜓 = F0 ?? 9C 93 only the 2nd position gives an assigned character).
    """
    for byte in _LOST_BYTES[codec]:
        for pos in range(len(seq), 0, -1):
            candidate = seq[:pos] + bytes([byte]) + seq[pos:]
            try:
                char = candidate.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(char) == 1 and unicodedata.category(char) not in _REJECTED_CATEGORIES:
                return char
    return None


def _restore_lost_bytes(text: str) -> str:
    """Undo mojibake whose code page dropped a byte, before ftfy sees the text (ftfy would
    leave ``ğœ“`` as it is, or read ``ğŸ“ `` + space as 📠 by taking the space for a lost A0)."""
    for codec, chars, pattern in _LOST_BYTE_TABLES:

        def fix(m: re.Match[str], codec: str = codec, chars: dict[str, int] = chars) -> str:
            restored = _restore_one(bytes(chars[c] for c in m.group(0)), codec)
            return restored if restored is not None else m.group(0)

        text = pattern.sub(fix, text)
    return text


def _mojibake_hint() -> re.Pattern[str]:
    """What any text ftfy could change must contain: a UTF-8 lead byte read through one of
    ftfy's code pages, followed by a continuation byte (or by what a lost byte becomes: a space,
    "?", U+FFFD); or a C1 control; or a lone surrogate. Text without it is left alone."""
    leads: set[str] = set()
    conts: set[str] = {" ", "?", "\ufffd"}
    for codec in ftfy.chardata.CHARMAP_ENCODINGS:
        for byte in range(0x80, 0x100):
            try:
                char = bytes([byte]).decode(codec)
            except UnicodeDecodeError:
                continue
            (conts if byte < 0xC0 else leads).add(char)
    lead_class = "".join(re.escape(c) for c in sorted(leads))
    cont_class = "".join(re.escape(c) for c in sorted(conts))
    return re.compile(f"[{lead_class}][{cont_class}]|[\x80-\x9f]|[\ud800-\udfff]")


_MOJIBAKE_HINT_RE = _mojibake_hint()
# Non-ASCII characters, with the single spaces or "?" a lost byte may have become.
_NON_ASCII_RUN_RE = re.compile(r"[^\x00-\x7f](?:[^\x00-\x7f]|[ ?](?=[^\x00-\x7f]))*[ ?]?")


@functools.lru_cache(maxsize=65536)  # the same mojibake ("ğŸ“ " for 📝) recurs on every line
def _repair_run(run: str) -> str:
    if not _MOJIBAKE_HINT_RE.search(run):
        return run
    return ftfy.fix_text(_restore_lost_bytes(run), config=_FTFY_CONFIG)


def decode_list(raw: bytes) -> tuple[str, bool]:
    """Bytes of a list -> (text, repaired?).

    UTF-8 with undecodable bytes replaced by U+FFFD (never fails); a BOM is dropped; mojibake is
    repaired. ``repaired`` is True when the repair changed anything. Line breaks are untouched.

    Mojibake of a UTF-8 text consists of non-ASCII characters only (every byte of a multi-byte
    sequence is >= 0x80), or spaces / "?" where a byte was lost. So only runs of non-ASCII
    characters are handed to ftfy, each on its own: ftfy costs ~250 µs a line, a 10,000-entry
    list would take seconds, and the runs ("ğŸ“ ", "â€™") repeat, so they are cached.
    """
    data = bytes(raw)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    text = data.decode("utf-8", errors="replace")
    if text.isascii():
        return text, False
    fixed = _NON_ASCII_RUN_RE.sub(lambda m: _repair_run(m.group(0)), text)
    return fixed, fixed != text


# --- venue tags ---------------------------------------------------------------------------------


def normalize_venue(venue: str) -> str | None:
    """Known spellings made canonical ("Arxiv" -> "arXiv", "clpsych" -> "CLPsych"); unknown
    venues as written; empty -> None."""
    cleaned = " ".join(venue.split()).strip(" -,")
    if not cleaned:
        return None
    return _VENUES.get(cleaned.lower(), cleaned)


def _tag_year(digits: str, current_year: int) -> int | None:
    if len(digits) == 2:
        year = 2000 + int(digits)
        # "Neural Computing and Applications'34" is volume 34, not the year 2034.
        return year if year <= current_year + 1 else None
    if len(digits) == 4:
        return int(digits)
    return None  # "'217": a volume


def split_venue_tag(tag: str, current_year: int | None = None) -> tuple[str | None, int | None]:
    """ "EMNLP'24" -> ("EMNLP", 2024); "Arxiv'25" -> ("arXiv", 2025); "ICLR’25" (curly) too;
    "Neural Computing and Applications'34" -> (as written, None); "ACL 2024" -> ("ACL", 2024)."""
    year_now = current_year if current_year is not None else date.today().year
    cleaned = " ".join(tag.split())
    m = _TAG_APOSTROPHE_RE.match(cleaned)
    if m:
        return normalize_venue(m["venue"]), _tag_year(m["year"], year_now)
    m = _TAG_FULL_YEAR_RE.match(cleaned)
    if m:
        return normalize_venue(m["venue"]), int(m["year"])
    return normalize_venue(cleaned), None


# --- inline reading -----------------------------------------------------------------------------


@dataclass
class _Seg:
    """A piece of an entry's inline content, in order."""

    kind: str  # "text" | "link" | "break" (a line break inside the entry)
    text: str  # plain text, or the link's label as written
    line: int  # 1-based line
    url: str = ""
    broken: bool = False  # recovered by regex from a link Markdown could not parse
    defect: str = ""  # for a broken link: what is wrong with it
    autolink: bool = False


@dataclass
class _Reading:
    """What one entry says: tag, title, links, and what had to be repaired on the way."""

    venue_tag: str | None
    title: str
    links: list[Link]
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    only_images: bool = False


def _squash(text: str) -> str:
    return " ".join(_CONTROL_RE.sub("", text).split())


def _plain(tokens: Iterable[Token]) -> str:
    """Inline tokens as plain text: markup dropped, line breaks as spaces, images skipped."""
    parts: list[str] = []
    for tok in tokens:
        if tok.type in ("text", "code_inline"):
            parts.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


@functools.lru_cache(maxsize=4096)  # labels repeat ("📝 Paper" thousands of times)
def _clean_label(text: str) -> str:
    """ "📝 Paper" -> "Paper": emoji, symbols, brackets and format characters stripped."""
    kept = [
        ch
        for ch in text
        if ch not in _LABEL_STRIP
        and unicodedata.category(ch) not in ("So", "Sk", "Cf", "Cc", "Co", "Cn", "Cs", "Mn", "Me")
    ]
    return _squash("".join(kept)).strip(_LABEL_EDGE)


def _link_segment(children: Sequence[Token], start: int) -> tuple[str, str, bool, int]:
    """Read the link opening at children[start]: (label, url, autolink?, index of its close)."""
    opener = children[start]
    url = str(opener.attrs.get("href", ""))
    label: list[str] = []
    alts: list[str] = []
    depth = 1
    j = start + 1
    while j < len(children):
        tok = children[j]
        if tok.type == "link_open":
            depth += 1
        elif tok.type == "link_close":
            depth -= 1
            if depth == 0:
                break
        elif tok.type in ("text", "code_inline"):
            label.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            label.append(" ")
        elif tok.type == "image":
            alts.append(tok.content)  # a badge: [![Paper](badge.svg)](url)
        j += 1
    text = "".join(label).strip() or " ".join(alts)
    return text, url, opener.markup == "autolink", j


class _LineLocator:
    """Finds where each link sits in the raw source of a paragraph, in order.

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


def _segments(inline: Token, first_line: int) -> list[_Seg]:
    """The inline content of one paragraph or table cell as text/link/break segments."""
    children = inline.children or []
    locator = _LineLocator(inline.content, first_line)
    segs: list[_Seg] = []
    line = first_line
    i = 0
    while i < len(children):
        tok = children[i]
        if tok.type in ("text", "code_inline"):
            segs.append(_Seg("text", tok.content, line))
        elif tok.type in ("softbreak", "hardbreak"):
            line += 1
            segs.append(_Seg("break", " ", line))
        elif tok.type == "link_open":
            label, url, auto, i = _link_segment(children, i)
            found = locator.locate(url)
            start_line = line
            if found is not None:
                start_line, line = found
            segs.append(_Seg("link", "" if auto else label, start_line, url=url, autolink=auto))
        i += 1
    return _recover_links(segs)


def _merge_text(segs: list[_Seg]) -> list[_Seg]:
    """Adjacent text pieces as one (markdown-it splits text at "[", "*", escapes, …)."""
    out: list[_Seg] = []
    pending: list[_Seg] = []
    for seg in [*segs, _Seg("break", "", 0)]:
        if seg.kind == "text":
            pending.append(seg)
            continue
        if pending:
            out.append(_Seg("text", "".join(p.text for p in pending), pending[0].line))
            pending = []
        out.append(seg)
    out.pop()  # the sentinel
    return out


def _recover_links(segs: list[_Seg]) -> list[_Seg]:
    """Find links in plain text that Markdown could not parse: a missing "]" or ")" (kept,
    reported) and bare URLs (GitHub links those as well)."""
    out: list[_Seg] = []
    for seg in _merge_text(segs):
        if seg.kind != "text" or not _URL_HINT_RE.search(seg.text):
            out.append(seg)
            continue
        pos = 0
        for m in _BROKEN_LINK_RE.finditer(seg.text):
            out.extend(_bare_urls(seg.text[pos : m.start()], seg.line))
            out.append(_Seg("link", m["label"], seg.line, url=m["url"], broken=True,
                            defect=_link_defect(m)))  # fmt: skip
            pos = m.end()
        out.extend(_bare_urls(seg.text[pos:], seg.line))
    return out


def _link_defect(m: re.Match[str]) -> str:
    """What keeps a link from being one, in the words a maintainer fixes it with."""
    if not m["close"]:
        return "is missing the ']' between its label and its URL"
    if not m["end"]:
        return "is missing its closing ')'"
    if m["gap"]:
        return "has a space between ']' and '(', so Markdown does not read it as a link"
    return "is not read as a link by Markdown"


def _bare_urls(text: str, line: int) -> list[_Seg]:
    out: list[_Seg] = []
    pos = 0
    for m in _BARE_URL_RE.finditer(text):
        url = m.group(0).rstrip(_URL_TRAILING_PUNCT)
        if url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]
        out.append(_Seg("text", text[pos : m.start()], line))
        out.append(_Seg("link", "", line, url=url, autolink=True))
        pos = m.start() + len(url)
    out.append(_Seg("text", text[pos:], line))
    return [s for s in out if s.kind == "link" or s.text]


def _split_tag(pre: str, raw_head: str) -> tuple[str | None, str]:
    """(venue tag, rest of the text) from the text before the first link."""
    m = _PLAIN_TAG_RE.match(pre)
    if not m:
        return None, pre
    tag = _squash(m["tag"])
    looks_like_tag = (
        _RAW_EMPH_TAG_RE.match(raw_head) is not None
        or _TAG_APOSTROPHE_RE.match(tag) is not None
        or _TAG_FULL_YEAR_RE.match(tag) is not None
    )
    if not looks_like_tag or not tag:
        return None, pre
    return tag, pre[m.end() :]


def _read(segs: list[_Seg], raw_head: str) -> _Reading:
    """Tag, title and links of one entry from its segments."""
    first_link = next((k for k, s in enumerate(segs) if s.kind == "link"), len(segs))
    pre = "".join(s.text for s in segs[:first_link])
    tag, rest = _split_tag(pre, raw_head)
    title = _squash(rest).lstrip(_TITLE_LEAD).rstrip(_TITLE_TRAIL)
    links, warnings = _links(segs[first_link:])
    if not title and links and segs[first_link].kind == "link":
        # "- [Title](url)": the first link's text is the title, unless it only says "Paper".
        candidate = _squash(segs[first_link].text)
        if not segs[first_link].autolink and _clean_label(candidate).lower() not in _GENERIC_LABELS:
            title = candidate
    warnings.extend(_stray_text_warnings(segs[first_link:]))
    if len(title) > _LONG_TITLE:
        line = segs[0].line if segs else 0
        warnings.append((line, f"title is {len(title)} characters long: lines run together?"))
    return _Reading(tag, title, links, warnings)


def _links(segs: Iterable[_Seg]) -> tuple[list[Link], list[tuple[int, str]]]:
    """The links among the segments, and a warning for each one recovered by regex."""
    links: list[Link] = []
    warnings: list[tuple[int, str]] = []
    for seg in segs:
        if seg.kind != "link":
            continue
        url = _squash(seg.url)  # a URL broken over two lines is one URL
        label = "" if seg.autolink else _clean_label(seg.text)
        links.append(Link(label=label, url=url, line_no=seg.line))
        if seg.broken:
            warnings.append((seg.line, f"link {seg.defect} (read as label '{label}', URL {url})"))
    return links, warnings


def _stray_text_warnings(after_first_link: list[_Seg]) -> list[tuple[int, str]]:
    """A ')' or '(' left between the links means a link was mistyped (an extra ')')."""
    out: list[tuple[int, str]] = []
    for seg in after_first_link:
        if seg.kind != "text":
            continue
        junk = seg.text.strip(" \t[]")
        if junk and set(junk) <= set("()"):
            out.append((seg.line, f"stray '{junk}' after a link (an extra bracket in the list)"))
    return out


# --- candidates ---------------------------------------------------------------------------------


@dataclass
class _Candidate:
    """A bullet or table row that may be an entry; decided once the whole list is read."""

    source_format: str  # "bullet" | "table"
    line_no: int  # 1-based first line of its content
    lines: list[int]  # every 1-based line it owns
    section: str | None
    subsection: str | None
    group: str | None
    reading: _Reading | None  # None: an empty bullet
    has_tag: bool = False
    has_sublist: bool = False
    table_id: int | None = None
    dataset_name: str | None = None
    description: str | None = None
    year: int | None = None
    month: int | None = None
    shape_note: str = ""  # table rows with the wrong number of cells
    text: str = ""  # the first line, for problems

    @property
    def scope(self) -> tuple[str | None, str | None]:
        return self.section, self.subsection

    @functools.cached_property
    def is_entry(self) -> bool:
        """A title and at least one link out of the list: that is an entry."""
        r = self.reading
        return r is not None and bool(r.title) and any(_is_target(k.url) for k in r.links)


def _is_target(url: str) -> bool:
    """A link to something outside the list (an in-page "#anchor" is navigation)."""
    return bool(url) and not url.startswith("#")


@dataclass
class _OpenItem:
    start: int  # 0-based first line of the list item
    end: int  # 0-based line after it
    section: str | None
    subsection: str | None
    inlines: list[Token] = field(default_factory=list)
    has_sublist: bool = False


def _table_year(text: str) -> tuple[int | None, int | None]:
    m = _TABLE_YEAR_RE.match(text.strip())
    if not m:
        return None, None
    month = int(m["month"]) if m["month"] else None
    return int(m["year"]), month if month is not None and 1 <= month <= 12 else None


def _count_cells(line: str) -> int:
    """Cells of a raw table row as GFM splits it: on every "|" not escaped with "\\"."""
    body = _ESCAPED_RE.sub("", line.strip())
    body = body.removeprefix("|")
    body = body.removesuffix("|")
    return body.count("|") + 1


def _column(header: list[str], names: frozenset[str]) -> int | None:
    return next((k for k, h in enumerate(header) if h in names), None)


class _Walker:
    """One pass over markdown-it's tokens: headings set the scope, lists and tables yield
    candidates, every other block accounts for its lines."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.cats: list[str | None] = [None] * len(lines)
        self.section: str | None = None
        self.subsection: str | None = None
        self.candidates: list[_Candidate] = []
        self.problems: list[tuple[int, str, str]] = []  # (line, severity, reason)
        self.containers: list[str] = []
        self.items: list[_OpenItem] = []
        self.table_count = 0

    # -- helpers --

    def _mark(self, start: int, end: int, cat: str, *, only_unset: bool = False) -> None:
        for k in range(max(start, 0), min(end, len(self.cats))):
            if not only_unset or self.cats[k] is None:
                self.cats[k] = cat

    def line(self, line_no: int) -> str:
        return self.lines[line_no - 1] if 0 < line_no <= len(self.lines) else ""

    # -- the walk --

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type == "table_open":
                i = self._table(tokens, i)
            else:
                self._block(tokens, i)
            i += 1

    def _block(self, tokens: list[Token], i: int) -> None:
        tok = tokens[i]
        kind = tok.type
        span = tok.map
        if kind == "heading_open" and span:
            self._heading(tok, tokens[i + 1] if i + 1 < len(tokens) else None)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if self.items and self.containers and self.containers[-1] == "list_item":
                self.items[-1].has_sublist = True
            self.containers.append("list")
        elif kind == "list_item_open" and span:
            self.containers.append("list_item")
            self.items.append(_OpenItem(span[0], span[1], self.section, self.subsection))
        elif kind == "list_item_close":
            self._pop_container()
            if self.items:
                self._finish_item(self.items.pop())
        elif kind == "blockquote_open":
            self.containers.append("blockquote")
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            self._pop_container()
        elif kind == "paragraph_open" and span:
            self._paragraph(tok, tokens[i + 1] if i + 1 < len(tokens) else None)
        elif kind == "html_block" and span:
            self._verbatim(span, "html", "inside an HTML block, which Markdown does not parse "
                           "(a blank line after the HTML tag fixes it)")  # fmt: skip
        elif kind == "code_block" and span:
            self._verbatim(span, "code", "indented 4+ spaces (or a tab), so Markdown shows it "
                           "as code, not as a list entry")  # fmt: skip
        elif kind == "fence" and span:
            self._mark(span[0], span[1], "code")
        elif kind == "hr" and span:
            self._mark(span[0], span[1], "rule")

    def _pop_container(self) -> None:
        if self.containers:
            self.containers.pop()

    def _heading(self, tok: Token, inline: Token | None) -> None:
        assert tok.map is not None
        self._mark(tok.map[0], tok.map[1], "heading")
        text = _squash(_plain(inline.children or [])) if inline is not None else ""
        line = tok.map[0] + 1
        if tok.tag == "h2":
            self.section, self.subsection = text or None, None
            if not text:
                self.problems.append((line, "warning", "empty '##' heading: the entries below "
                                      "it have no section name"))  # fmt: skip
        elif tok.tag == "h3":
            self.subsection = text or None
            if not text:
                self.problems.append((line, "warning", "empty '###' heading: the entries below "
                                      "it have no subsection name"))  # fmt: skip
        # "#" and "####"+ do not change the section: the list's structure is ## and ###.

    def _paragraph(self, tok: Token, inline: Token | None) -> None:
        assert tok.map is not None
        if self.containers and self.containers[-1] == "list_item" and self.items:
            if inline is not None:
                self.items[-1].inlines.append(inline)
            return  # accounted for when the item closes
        children = (inline.children or []) if inline is not None else []
        only_images = bool(children) and all(
            c.type == "image" or (c.type in ("text", "softbreak") and not c.content.strip())
            for c in children
        )
        self._mark(tok.map[0], tok.map[1], "image" if only_images else "prose", only_unset=True)

    def _verbatim(self, span: list[int], cat: str, why: str) -> None:
        """HTML and code blocks: their lines are not Markdown, but an entry hiding in one is
        reported rather than dropped."""
        for k in range(span[0], min(span[1], len(self.lines))):
            if _ENTRY_LIKE_RE.match(self.lines[k]):
                self.cats[k] = "problem"
                self.problems.append((k + 1, "error", f"looks like a list entry but is {why}"))
            elif self.cats[k] is None:
                self.cats[k] = cat

    # -- bullets --

    def _finish_item(self, item: _OpenItem) -> None:
        own = [k for k in range(item.start, min(item.end, len(self.cats))) if self.cats[k] is None]
        for k in own:
            self.cats[k] = ""  # reserved: decided once every candidate is known
        own_lines = [k + 1 for k in own]
        if not item.inlines:
            self.candidates.append(self._bullet(item, own_lines, item.start + 1, None))
            return
        segs: list[_Seg] = []
        for inline in item.inlines:
            first = (inline.map[0] if inline.map else item.start) + 1
            if segs:
                segs.append(_Seg("break", " ", first))
            segs.extend(_segments(inline, first))
        only_images = all(
            c.type == "image" or (c.type in ("text", "softbreak") and not c.content.strip())
            for inline in item.inlines
            for c in inline.children or []
        )
        parts = self._split_unbulleted(segs)
        content_line = (item.inlines[0].map[0] if item.inlines[0].map else item.start) + 1
        firsts = [next((s.line for s in p if s.kind != "break"), content_line) for p in parts]
        # Each part owns its lines up to the next part's first line; the first part also owns
        # the item's lines before its content (a bare "-" line).
        cuts = [0] + [bisect.bisect_left(own_lines, f) for f in firsts[1:]] + [len(own_lines)]
        for n, part in enumerate(parts):
            first_line = firsts[n]
            raw_head = _BULLET_MARKER_RE.sub("", self.line(first_line), count=1)
            reading = _read(part, raw_head)
            reading.only_images = only_images and not reading.links
            cand = self._bullet(item, own_lines[cuts[n] : cuts[n + 1]], first_line, reading)
            if n > 0:
                reading.warnings.append(
                    (first_line, "starts a new entry (venue tag) without a '- ' bullet marker, "
                     "so Markdown joins it to the entry above; read as a separate entry")
                )  # fmt: skip
            self.candidates.append(cand)

    def _split_unbulleted(self, segs: list[_Seg]) -> list[list[_Seg]]:
        """Split an item where a continuation line starts with its own venue tag: that is a
        second entry whose "- " was forgotten, not part of the first one's title."""
        parts: list[list[_Seg]] = [[]]
        has_link = False
        for seg in segs:
            if seg.kind == "break" and has_link and _RAW_EMPH_TAG_RE.match(self.line(seg.line)):
                parts.append([])
                has_link = False
                continue
            parts[-1].append(seg)
            has_link = has_link or seg.kind == "link"
        return [p for p in parts if p] or [[]]

    def _bullet(
        self,
        item: _OpenItem,
        lines: list[int],
        first_line: int,
        reading: _Reading | None,
    ) -> _Candidate:
        return _Candidate(
            source_format="bullet",
            line_no=first_line,
            lines=lines or [first_line],
            section=item.section,
            subsection=item.subsection,
            group=None,
            reading=reading,
            has_tag=reading is not None and reading.venue_tag is not None,
            has_sublist=item.has_sublist,
            text=self.line(first_line),
        )

    # -- tables --

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
        table_id = self.table_count
        header = [_squash(_plain(c.children or [])).lower() for ln, cells, head in rows if head
                  for c in cells]  # fmt: skip
        head_line = next((ln for ln, _, head in rows if head), opener.map[0] if opener.map else 0)
        self._mark(head_line, head_line + 2, "table_header")  # header row + delimiter row
        group: str | None = None
        for line, cells, head in rows:
            if head:
                continue
            group = self._table_row(table_id, header, line, cells, group)
        if opener.map:
            self._mark(opener.map[0], opener.map[1], "table_header", only_unset=True)
        return i

    def _table_row(
        self, table_id: int, header: list[str], line: int, cells: list[Token], group: str | None
    ) -> str | None:
        """Account for one body row; returns the group in force after it."""
        contents = [c.content.strip() for c in cells]
        filled = [c for c in contents if c]
        segs_by_cell = [_segments(c, line + 1) for c in cells]
        has_link = any(s.kind == "link" for segs in segs_by_cell for s in segs)
        if not filled:
            self._mark(line, line + 1, "table_empty")
            return group
        bold = _BOLD_CELL_RE.match(filled[0]) if len(filled) == 1 else None
        if bold and not has_link:
            self._mark(line, line + 1, "table_group")
            return _squash(_plain(c for cell in cells for c in cell.children or [])) or None
        self.cats[line] = ""  # reserved: decided once every candidate is known
        self.candidates.append(
            self._row_candidate(table_id, header, line, cells, segs_by_cell, group)
        )
        return group

    def _row_candidate(
        self,
        table_id: int,
        header: list[str],
        line: int,
        cells: list[Token],
        segs_by_cell: list[list[_Seg]],
        group: str | None,
    ) -> _Candidate:
        texts = [_squash(_plain(c.children or [])) for c in cells]
        name_col = _column(header, _NAME_HEADERS)
        year_col = _column(header, _YEAR_HEADERS)
        desc_col = _column(header, _DESCRIPTION_HEADERS)
        source_col = _column(header, _SOURCE_HEADERS)
        if source_col is None:  # no Source column: the first cell with a link plays its part
            source_col = next(
                (k for k, segs in enumerate(segs_by_cell) if any(s.kind == "link" for s in segs)),
                None,
            )
        if name_col is None and header and source_col != 0:
            name_col = 0
        source_segs = segs_by_cell[source_col] if source_col is not None else []
        raw_head = cells[source_col].content if source_col is not None else ""
        reading = _read(source_segs, raw_head)
        for k, segs in enumerate(segs_by_cell):  # links in the other cells belong to the row too
            if k != source_col:
                links, warnings = _links(segs)
                reading.links.extend(links)
                reading.warnings.extend(warnings)
        name = texts[name_col] if name_col is not None and name_col < len(texts) else ""
        if not reading.title and name:
            reading.title = name
        year, month = _table_year(texts[year_col]) if year_col is not None else (None, None)
        raw_line = self.line(line + 1)
        raw_cells = _count_cells(raw_line)
        shape = ""
        if header and raw_cells != len(header):
            shape = f"row has {raw_cells} cells but the table header has {len(header)}"
        if shape and reading.links:
            reading.warnings.append((line + 1, shape))
        is_dataset = name_col is not None and header[name_col] in _DATASET_HEADERS
        return _Candidate(
            source_format="table",
            line_no=line + 1,
            lines=[line + 1],
            section=self.section,
            subsection=self.subsection,
            group=group,
            reading=reading,
            has_tag=reading.venue_tag is not None,
            table_id=table_id,
            dataset_name=(name or None) if is_dataset else None,
            description=(texts[desc_col] or None) if desc_col is not None else None,
            year=year,
            month=month,
            shape_note=shape,
            text=raw_line,
        )


# --- decisions ----------------------------------------------------------------------------------


def _looks_like_paper(link: Link) -> bool:
    label = link.label.lower()
    if label in _PAPER_LABELS or label.startswith("paper"):
        return True
    try:
        parts = urlsplit(link.url if "://" in link.url else "https://" + link.url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    host = host.removeprefix("www.")
    if any(host == h or host.endswith("." + h) for h in _PAPER_HOSTS):
        return True
    return parts.path.lower().endswith(".pdf")


def _kind(cand: _Candidate, links: Sequence[Link]) -> str:
    if cand.source_format == "table" and cand.dataset_name:
        return "dataset"
    if any(link.label.lower() == "paper" for link in links) or any(map(_looks_like_paper, links)):
        return "paper"
    return "other"


def _error_reason(cand: _Candidate) -> str:
    r = cand.reading
    what = "bullet" if cand.source_format == "bullet" else "table row"
    if r is None:
        return "empty bullet: nothing follows the list marker"
    has_links = any(_is_target(k.url) for k in r.links)
    if r.links and not has_links:
        return f"{what} links only to anchors inside the list (#…), not to the work itself"
    if cand.source_format == "table":
        shape = f" ({cand.shape_note}: a missing '|' or cell?)" if cand.shape_note else ""
        if not has_links and not r.title:
            return f"table row has neither a title nor a link{shape}"
        if not has_links:
            return f"table row has no link in any cell{shape}"
        return "table row has links but no title (empty Source and name cells)"
    if not has_links and not r.title:
        return "bullet has neither a title nor a link"
    if not has_links:
        return "bullet has a title but no link (expected e.g. [[📝 Paper](https://…)] after it)"
    return "bullet has links but no title before the first link"


def _decide(
    cand: _Candidate, entry_scopes: set[tuple[str | None, str | None]], entry_tables: set[int]
) -> str:
    """ "entry", "problem", or the accounting bucket of a line that is not an entry at all."""
    if cand.is_entry:
        return "entry"
    r = cand.reading
    if r is not None and r.only_images:
        return "image"
    if (
        r is not None
        and r.links
        and not any(_is_target(k.url) for k in r.links)
        and not r.venue_tag
    ):
        return "prose"  # a table of contents: links to "#sections" only
    if cand.has_sublist and (r is None or not r.links):
        return "prose"  # a bullet that only heads a nested list
    looks_like_entry = (
        cand.has_tag
        or cand.scope in entry_scopes
        or (cand.table_id is not None and cand.table_id in entry_tables)
    )
    return "problem" if looks_like_entry else "prose"


def _entry(list_name: str, position: int, cand: _Candidate, current_year: int) -> Entry:
    r = cand.reading
    assert r is not None
    venue, tag_year = split_venue_tag(r.venue_tag, current_year) if r.venue_tag else (None, None)
    year = cand.year if cand.year is not None else tag_year
    return Entry(
        list_name=list_name,
        position=position,
        line_no=cand.line_no,
        section=cand.section,
        subsection=cand.subsection,
        group=cand.group,
        kind=_kind(cand, r.links),
        source_format=cand.source_format,
        listed_title=r.title,
        listed_venue=venue,
        listed_year=year,
        listed_month=cand.month if cand.year is not None else None,
        dataset_name=cand.dataset_name,
        description=cand.description,
        venue_tag=r.venue_tag,
        links=tuple(r.links),
    )


def _split_lines(text: str) -> list[str]:
    """Lines as markdown-it counts them: split on "\\n" only (after CR/CRLF normalisation)."""
    if not text:
        return []
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


def _mark_candidate(cats: list[str | None], cand: _Candidate, decision: str) -> None:
    """An entry's first line is "entry" and the rest "continuation"; otherwise all lines get
    the decision's bucket."""
    first = cand.line_no if cand.line_no in cand.lines else cand.lines[0]
    for ln in cand.lines:
        if decision == "entry":
            cats[ln - 1] = "entry" if ln == first else "continuation"
        else:
            cats[ln - 1] = decision


def _warnings(cand: _Candidate, damaged_lines: set[int]) -> list[tuple[int, str]]:
    assert cand.reading is not None
    warnings = list(cand.reading.warnings)
    damaged = (
        next((ln for ln in cand.lines if ln in damaged_lines), None) if damaged_lines else None
    )
    if damaged is not None:
        warnings.append(
            (damaged, "entry contains bytes that are not UTF-8 (shown as �): the file is damaged")
        )
    return warnings


def _parse(list_name: str, raw: bytes, current_year: int) -> ParsedList:
    text, repaired = decode_list(raw)
    # markdown-it reads CR and CRLF as line breaks; so do the line numbers.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _split_lines(text)
    walker = _Walker(lines)
    walker.walk(_MD.parse(text))

    # Second pass: whether a link-less bullet is a broken entry or just prose depends on
    # whether its section (or table) holds entries at all -- known only now.
    candidates = sorted(walker.candidates, key=lambda c: c.line_no)
    entry_scopes = {c.scope for c in candidates if c.is_entry}
    entry_tables = {c.table_id for c in candidates if c.is_entry and c.table_id is not None}
    # Lines holding U+FFFD: bytes that were not UTF-8 (the file itself is damaged there).
    damaged = {k + 1 for k, ln in enumerate(lines) if "\ufffd" in ln} if "\ufffd" in text else set()
    entries: list[Entry] = []
    problems = [ParseProblem(list_name, ln, why, walker.line(ln), sev)
                for ln, sev, why in walker.problems]  # fmt: skip
    for cand in candidates:
        decision = _decide(cand, entry_scopes, entry_tables)
        _mark_candidate(walker.cats, cand, decision)
        if decision == "entry":
            entries.append(_entry(list_name, len(entries) + 1, cand, current_year))
            problems.extend(
                ParseProblem(list_name, ln, why, walker.line(ln), "warning")
                for ln, why in _warnings(cand, damaged)
            )
        elif decision == "problem":
            problems.append(
                ParseProblem(list_name, cand.line_no, _error_reason(cand), cand.text, "error")
            )
    problems.sort(key=lambda p: (p.line_no, p.severity != "error"))
    return ParsedList(
        list_name, tuple(entries), tuple(problems), repaired, _accounting(walker.cats, lines)
    )


def _accounting(cats: list[str | None], lines: list[str]) -> dict[str, int]:
    """Blank lines are blank wherever they are; lines no block claimed (link reference
    definitions produce no token) are references or prose."""
    for k, line in enumerate(lines):
        if not line.strip(" \t"):
            cats[k] = "blank"
        elif not cats[k]:
            cats[k] = "reference" if _REFERENCE_DEF_RE.match(line) else "prose"
    counts = Counter(c for c in cats if c)
    return {key: counts[key] for key in ACCOUNTING_KEYS if counts[key]}


def _failed(list_name: str, raw: bytes, exc: Exception) -> ParsedList:
    """The never-raise fallback: a parser bug becomes one loud problem, not a crashed run."""
    try:
        text = bytes(raw).decode("utf-8", errors="replace").replace("\r\n", "\n")
        n_lines = len(_split_lines(text.replace("\r", "\n")))
    except Exception:  # raw is not even bytes-like
        n_lines = 0
    problem = ParseProblem(
        list_name,
        1 if n_lines else 0,
        f"internal parser error ({type(exc).__name__}: {exc}); the list was not parsed -- "
        "please report this with the list file",
        "",
        "error",
    )
    return ParsedList(list_name, (), (problem,), False, {"problem": n_lines} if n_lines else {})


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a list is parsed.

    A big list makes hundreds of thousands of short-lived tokens, none in reference cycles; the
    collector would rescan them again and again (a third of the time of a 10,000-entry list).
    It is switched back on afterwards, and left alone if someone else had switched it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_list(list_name: str, raw: bytes, *, current_year: int | None = None) -> ParsedList:
    """Parse the raw bytes of a Markdown list into entries, problems and a line accounting.

    Pure and total: never raises. ``current_year`` (default: this year) decides whether a
    2-digit year in a venue tag is a year ('24 -> 2024) or a volume ('34 -> None).
    """
    year = current_year if current_year is not None else date.today().year
    try:
        with _gc_paused():
            return _parse(list_name, raw, year)
    except Exception as exc:  # the contract is "never raises"; see _failed
        return _failed(list_name, raw, exc)
