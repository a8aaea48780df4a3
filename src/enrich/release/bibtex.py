"""BibTeX export of the works of the current lists: one entry per work, stable keys.

Keys: first author's surname + year + first word of the title (skipping a leading "a", "an",
"the"), folded to lower-case ASCII letters and digits, e.g. ``sun2021psyqa``. A missing part
becomes ``anon`` / ``nd`` / ``untitled``. When several works share a key, every one of them gets a
suffix ``a``, ``b``, ``c``… in the order of their work ids, so the same works always get the same
keys.

Entry types:
- ACL Anthology papers: ``@inproceedings`` with ``booktitle`` (``@article`` with ``journal`` for
  the Anthology's journals, TACL and Computational Linguistics), ``url`` on aclanthology.org;
- arXiv preprints that are not (known to be) published: ``@article`` with ``journal = {arXiv}``,
  ``eprint``, ``archivePrefix = {arXiv}``, ``primaryClass``;
- other published works with a venue: ``@article`` with ``journal``;
- anything else: ``@misc`` with a ``url``.

Text fields are escaped for LaTeX (``\\ { } & % $ # _ ~ ^``) and words with inner capitals
(``PsyQA``, ``LLMs``) are braced so styles do not lower-case them; ``doi``, ``url`` and ``eprint``
are written verbatim (braces percent-encoded). Non-ASCII text is kept as UTF-8.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from enrich.durable import write_text

STOP_WORDS = frozenset({"a", "an", "the"})
_ACL_JOURNAL = re.compile(r"^(\d{4}\.(tacl|cl)-|[QJ]\d\d-)", re.IGNORECASE)
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_WORD_CORE = re.compile(r"^(\W*)(.*?)([\W_]*)$")  # a word without its punctuation
_LATEX_PATTERN = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIALS))
_ASCII_UPPER = re.compile("[A-Z]")

BIB_SQL = """
WITH firsts AS (
    SELECT
        work_id,
        min_by(listed_title, (list_name, position)) AS listed_title,
        min_by(listed_year, (list_name, position))  AS listed_year,
        min_by(listed_venue, (list_name, position)) AS listed_venue
    FROM current_entries
    WHERE work_id IS NOT NULL
    GROUP BY work_id
),
names AS (
    SELECT work_id, list(name ORDER BY position) AS authors
    FROM work_authors
    GROUP BY work_id
)
SELECT
    w.work_id,
    coalesce(w.title, f.listed_title),
    coalesce(n.authors, []),
    coalesce(w.year, year(w.publication_date), f.listed_year),
    coalesce(w.venue, f.listed_venue),
    w.journal_ref,
    coalesce(w.published, false),
    w.arxiv_id,
    w.primary_category,
    w.acl_id,
    ar.booktitle,
    ar.pages,
    ar.publisher,
    w.doi,
    w.url
FROM works w
JOIN firsts f USING (work_id)
LEFT JOIN names n USING (work_id)
LEFT JOIN acl_records ar ON ar.acl_id = w.acl_id
ORDER BY w.work_id
"""


@dataclass(frozen=True)
class BibWork:
    work_id: str
    title: str | None
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    journal_ref: str | None = None
    published: bool = False
    arxiv_id: str | None = None
    primary_category: str | None = None
    acl_id: str | None = None
    booktitle: str | None = None
    pages: str | None = None
    publisher: str | None = None
    doi: str | None = None
    url: str | None = None


@dataclass
class BibEntry:
    entry_type: str
    key: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # (name, rendered value)

    def render(self) -> str:
        width = max((len(name) for name, _ in self.fields), default=0)
        lines = [f"@{self.entry_type}{{{self.key},"]
        lines += [f"  {name.ljust(width)} = {{{value}}}," for name, value in self.fields]
        lines.append("}")
        return "\n".join(lines)


def bib_works(con: duckdb.DuckDBPyConnection) -> list[BibWork]:
    """The works the current lists point at, with what a citation needs."""
    return [
        BibWork(
            work_id=row[0],
            title=row[1],
            authors=tuple(row[2]),
            year=row[3],
            venue=row[4],
            journal_ref=row[5],
            published=bool(row[6]),
            arxiv_id=row[7],
            primary_category=row[8],
            acl_id=row[9],
            booktitle=row[10],
            pages=row[11],
            publisher=row[12],
            doi=row[13],
            url=row[14],
        )
        for row in con.execute(BIB_SQL).fetchall()
    ]


def write_bibtex(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Write catalogue.bib, an entry at a time; returns the number of entries."""
    works = bib_works(con)
    write_text(path, bibtex_pieces(works))
    return len(works)


def render_bibtex(works: list[BibWork]) -> str:
    return "".join(bibtex_pieces(works))


def bibtex_pieces(works: list[BibWork]) -> Iterator[str]:
    """catalogue.bib in pieces: the entries in the order of their keys, a blank line between
    two, a line end at the end."""
    keys = assign_keys(works)
    for n, work in enumerate(sorted(works, key=lambda w: keys[w.work_id])):
        yield ("\n\n" if n else "") + bib_entry(work, keys[work.work_id]).render()
    yield "\n"


def assign_keys(works: list[BibWork]) -> dict[str, str]:
    """work_id → citation key, unique, the same for the same works whatever their order."""
    by_base: dict[str, list[str]] = defaultdict(list)
    for work in works:
        by_base[base_key(work)].append(work.work_id)
    taken = {base for base, ids in by_base.items() if len(ids) == 1}
    keys: dict[str, str] = {}
    for base, ids in sorted(by_base.items()):
        if len(ids) == 1:
            keys[ids[0]] = base
            continue
        suffixes = _suffixes()
        for work_id in sorted(ids):
            key = base + next(suffixes)
            while key in taken:
                key = base + next(suffixes)
            taken.add(key)
            keys[work_id] = key
    return keys


def base_key(work: BibWork) -> str:
    surname = _ascii_word(_surname(work.authors[0])) if work.authors else ""
    year = str(work.year) if work.year else "nd"
    words = [w for w in re.findall(r"[a-z0-9]+", _fold(work.title or "")) if w]
    while words and words[0] in STOP_WORDS and len(words) > 1:
        words.pop(0)
    return f"{surname or 'anon'}{year}{words[0] if words else 'untitled'}"


def bib_entry(work: BibWork, key: str) -> BibEntry:
    fields: list[tuple[str, str]] = [("title", protect_title(work.title or "Untitled"))]
    if work.authors:
        fields.append(("author", " and ".join(latex_escape(a) for a in work.authors)))
    if work.acl_id and _ACL_JOURNAL.match(work.acl_id):
        entry_type = "article"
        fields.append(("journal", latex_escape(work.venue or work.booktitle or "ACL Anthology")))
    elif work.acl_id:
        entry_type = "inproceedings"
        fields.append(("booktitle", latex_escape(work.booktitle or work.venue or "ACL Anthology")))
    elif work.arxiv_id and not work.published:
        entry_type = "article"
        fields.append(("journal", "arXiv"))
    elif work.published and (work.venue or work.journal_ref):
        entry_type = "article"
        fields.append(("journal", latex_escape(work.venue or work.journal_ref or "")))
    else:
        entry_type = "misc"
    if work.year:
        fields.append(("year", str(work.year)))
    if work.pages:
        fields.append(("pages", latex_escape(work.pages)))
    if work.publisher and work.acl_id:
        fields.append(("publisher", latex_escape(work.publisher)))
    if work.arxiv_id:
        fields.append(("eprint", verbatim(work.arxiv_id)))
        fields.append(("archivePrefix", "arXiv"))
        if work.primary_category:
            fields.append(("primaryClass", verbatim(work.primary_category)))
    if work.doi:
        fields.append(("doi", verbatim(work.doi)))
    url = _url(work)
    if url:
        fields.append(("url", verbatim(url)))
    return BibEntry(entry_type, key, fields)


def latex_escape(text: str) -> str:
    text = " ".join(text.split())
    return _LATEX_PATTERN.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text)


def protect_title(title: str) -> str:
    """Escape a title and brace the words whose capitals must survive a bibliography style."""
    return " ".join(_protected_word(word) for word in title.split())


@functools.lru_cache(maxsize=1 << 16)  # titles share most of their words
def _protected_word(word: str) -> str:
    match = _WORD_CORE.match(word)
    lead, core, tail = match.groups() if match else ("", word, "")
    if _has_upper(core[1:]):
        return latex_escape(lead) + "{" + latex_escape(core) + "}" + latex_escape(tail)
    return latex_escape(word)


def _has_upper(text: str) -> bool:
    if text.isascii():  # most words: one C-level scan
        return _ASCII_UPPER.search(text) is not None
    return any(c.isupper() for c in text)


def verbatim(text: str) -> str:
    """A field BibTeX keeps as is (doi, url, eprint): only braces would break it."""
    return text.strip().replace("{", "%7B").replace("}", "%7D")


def _url(work: BibWork) -> str | None:
    if work.acl_id:
        return f"https://aclanthology.org/{work.acl_id}"
    if work.arxiv_id and not work.published:
        return f"https://arxiv.org/abs/{work.arxiv_id}"
    if work.url:
        return work.url
    if work.doi:
        return f"https://doi.org/{work.doi}"
    if work.arxiv_id:
        return f"https://arxiv.org/abs/{work.arxiv_id}"
    return None


def _surname(name: str) -> str:
    name = name.strip()
    if "," in name:
        return name.split(",", 1)[0]
    parts = name.split()
    return parts[-1] if parts else ""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


def _ascii_word(text: str) -> str:
    return "".join(re.findall(r"[a-z0-9]+", _fold(text)))


def _suffixes() -> _SuffixIter:
    return _SuffixIter()


class _SuffixIter:
    """a, b, … z, aa, ab, …"""

    def __init__(self) -> None:
        self.n = 0

    def __iter__(self) -> _SuffixIter:
        return self

    def __next__(self) -> str:
        n, self.n = self.n, self.n + 1
        letters = ""
        while True:
            letters = chr(ord("a") + n % 26) + letters
            n = n // 26 - 1
            if n < 0:
                return letters
