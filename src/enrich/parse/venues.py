"""Venues and dates as lists write them: ``(*EMNLP'24*)``, ``ACL 2024``, ``2023.05``, ``May 2023``.

Pure string functions. A 2-digit year needs the current year to be told from a volume number
("Neural Computing and Applications'34" is volume 34, not 2034), so callers pass it in.
"""

from __future__ import annotations

import re
from datetime import date

from enrich.heap import load_cache
from enrich.ids import parse_arxiv_id

__all__ = [
    "date_parts", "looks_like_venue_or_date", "normalize_venue", "read_citation", "split_venue_tag",
]  # fmt: skip

# "MICCAI'18 workshop": the venue's short year, then what part of it.
_APOSTROPHE_YEAR_INSIDE_RE = re.compile(
    r"^(?P<venue>[A-Za-z][\w&-]*)\s*['’](?P<year>\d{2})\s+(?P<rest>[A-Za-z][A-Za-z ]*)$"
)
# "EMNLP'24", "ICLR’25", "Expert Systems with Applications'217" (a volume: no year).
TAG_APOSTROPHE_RE = re.compile(r"^(?P<venue>.*?)\s*['’‘`´]\s*(?P<year>\d+)$")
# "ACL 2024", "(2023)"; not "arXiv, 2022092" (a date cut short: no year 2092).
TAG_FULL_YEAR_RE = re.compile(r"^(?P<venue>.*?)[\s,_]*(?<!\d)(?P<year>(?:19|20)\d{2})$")
# "ICML19", "NeurIPS20": a venue's acronym (two capitals at least) with its year's last digits.
_TAG_GLUED_YEAR_RE = re.compile(r"^(?P<venue>(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{2,12})(?P<year>\d{2})$")

# "CCS 18", "IEEE S&P 19": a venue's acronym (its last word two capitals at least), a space, and
# its year's last digits.
_TAG_SHORT_YEAR_RE = re.compile(
    r"^(?P<venue>(?:[A-Za-z&]+ )*(?=(?:[a-z&]*[A-Z]){2})[A-Za-z&]{2,12}) (?P<year>\d{2})$"
)
# "USENIX Security 24", "Mobisys 21": a venue named by a known word, a space, its year's last
# digits.
_NAMED_SHORT_YEAR_RE = re.compile(r"^(?P<venue>[A-Za-z&][A-Za-z& ]{1,40}) (?P<year>\d{2})$")
# "sigmod23": a word glued to its year's last digits (a known venue's: `_known_glued_year`)
_LOWER_GLUED_YEAR_RE = re.compile(r"^(?P<venue>[a-z]{2,10})(?P<year>\d{2})$")
# "3DV2020", "3DIMPVT2012": an acronym (a digit may lead it) glued to its four-digit year.
_GLUED_FULL_YEAR_RE = re.compile(r"^\d?[A-Z][A-Za-z]{1,10}(?:19|20)\d{2}$")
# Known venue spellings, keyed by lower case; anything else is kept as written.
_VENUES = {
    v.lower(): v
    for v in (
        "AAAI", "AACL", "ACL", "ACM MM", "arXiv", "CHI", "CIKM", "ClinicalNLP", "CLPsych",
        "COLING", "CSCW", "CSCWD", "EACL", "EMNLP", "Findings", "ICASSP", "ICLR", "ICML",
        "IJCAI", "IJCNLP", "Interspeech", "IWSDS", "JMIR", "KDD", "LREC", "LREC-COLING", "MM",
        "NAACL", "NeurIPS", "SIGDIAL", "SIGIR", "TACL", "WSDM", "WWW",
        # mobile, networked and computer systems
        "MobiCom", "MobiSys", "SenSys", "UbiComp", "IMWUT", "USENIX", "INFOCOM", "EuroSys",
        "ASPLOS", "ISCA", "HPCA", "SIGMETRICS", "CoNEXT",
    )
}  # fmt: skip

_ARXIV_SPELLINGS = frozenset({"arxiv preprint", "arxiv e-prints", "arxiv e-print", "corr"})
# Words that, with a year, make a fragment a venue/date and not a title: "arXiv 2023", "ACL'24".
_VENUE_WORDS = frozenset(_VENUES) | frozenset(
    {
        "cvpr", "iccv", "eccv", "tmlr", "jmlr", "tpami", "tkde", "tois", "nature", "science",
        "preprint", "workshop", "findings", "proceedings", "journal", "conference", "transactions",
        "acm", "ieee", "springer", "elsevier", "biorxiv", "medrxiv", "ssrn", "coling", "aistats",
        "uai", "colm", "iclr", "icml", "neurips", "nips", "aaai", "www", "emnlp", "naacl", "eacl",
        "eccvw", "iccvw", "cvprw", "corl", "wacv", "bmvc", "accv", "icra", "iros", "miccai",
        "isbi", "icpr", "icip", "ijcv", "tmi", "tcsvt", "tnnls", "techrxiv", "chemrxiv",
        "psyarxiv", "researchsquare", "eartharxiv", "thesis", "dissertation",
        # databases, systems, data mining, graphics, speech, statistics
        "sigkdd", "sigmod", "vldb", "pvldb", "icde", "osdi", "sosp", "nsdi", "sigcomm", "mlsys",
        "icdm", "sdm", "ecml", "pkdd", "recsys", "siggraph", "tvcg", "tog", "ral", "ijcnn",
        "asru", "jrssb", "jasa",
        # security, software engineering, programming languages
        "ccs", "ndss", "esorics", "acsac", "asiaccs", "raid", "tdsc", "tifs", "icse", "ase",
        "issta", "icsme", "saner", "tosem", "tse", "oopsla", "pldi", "popl", "cav", "fse",
        "esec", "msr", "ecoop", "oakland", "eurocrypt", "dsn",
        # architecture, design automation, HPC, HCI
        "iccad", "ppopp", "cgo", "hpdc", "icdcs", "uist",
    }
)  # fmt: skip
# Venues whose names hold a mark or a word of titles, known whole: "## S&P", "## USENIX Security"
_MARKED_VENUES = {
    v.lower(): v
    for v in ("S&P", "IEEE S&P", "USENIX Security", "USENIX ATC", "ESEC/FSE", "Euro S&P")
}
_MONTHS = {
    m: k
    for k, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for m in names
}  # fmt: skip
# "2023.05", "2023-5", "2023/05", "2023"
_NUMERIC_DATE_RE = re.compile(
    r"^(?P<year>(?:19|20)\d{2})(?:\s*[.,\-/]\s*(?P<month>\d{1,2})(?:\s*[.\-/]\s*\d{1,2})?)?$"
)
# "May 2023", "May. 2023", "05/2023", "March 20, 2023", "20 March 2023"
_MONTH_YEAR_RE = re.compile(
    r"^(?:\d{1,2}\s+)?(?P<month>[A-Za-z]{3,9}|\d{1,2})\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"[\s,/\-]*(?P<year>(?:19|20)\d{2})$"
)
# "1987 SOSP & 1988 TOCS": a second venue joined to the first, with a year of its own
_OTHER_YEAR_RE = re.compile(r"(?<=& )(?:19|20)\d{2}\s+(?=[^\W\d_])")
_YEAR_ANYWHERE_RE = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?![\d.])|['’]\d{2}\b")
_WORD_RE = re.compile(r"[A-Za-z]+")
# A venue's name as lists write one not known by its words: capitalised words, joiners between
# ("Journal of Neural Computation", "IFAC Control Engineering Practice"); repeat the second part.
VENUE_NAME_FIRST = r"[A-Z][\w&-]*"
VENUE_NAME_NEXT = r"(?: (?:[A-Z][\w&-]*|of|and|on|in|for|the|&))"
# "ESANN' 15", "Journal of Neural Computation' 01": such a name, an apostrophe, a space maybe,
# and a two-digit year.
_NAME_APOSTROPHE_YEAR_RE = re.compile(
    rf"^{VENUE_NAME_FIRST}{VENUE_NAME_NEXT}* ?['’] ?\d{{2}}$"
)
# A venue's acronym: two capitals at least, any case between ("SDM", "CoRL", "3DV", "ECCVW");
# not a name glued to a year ("BDCI2017") nor letters inside other script ("让AI当").
_ACRONYM_RE = re.compile(r"\b(?=(?:[a-z0-9]*[A-Z]){2})[A-Z0-9][A-Za-z]{1,9}\b")
# A year inside a tag, with a month or day after it: "CVPR 2023 highlight", "arXiv 2023.04".
_YEAR_INSIDE_RE = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?:[./-]\d{1,2}){0,2}(?![\d])")
_MONTH_WORD_RE = re.compile(r"\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True))
                            + r")\b\.?", re.I)  # fmt: skip
# "(in Chinese)", "(very recent)": a remark in lower case after a venue
_REMARK_RE = re.compile(r"\s*\((?=[^()]*\b[a-z]{3,})[^()A-Z]*\)\s*$")
_TRAILING_MONTH_RE = re.compile(
    r"[\s,]*\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?\s*$", re.I
)
# "In ICML 2019": the preposition of a reference ("Title. In *ICML 2019*.") is not the venue.
_IN_VENUE_RE = re.compile(r"^[Ii]n\s+(?=[A-Z])")
# A citation's numbers beside a venue, which are no year: pages after a colon or "pp."
# ("SIGMOD Conference 2022: 1920-1933"), a volume(issue) and its pages ("VLDB Endow, 14(11):
# 2019-2032", "Proceedings of the VLDB Endowment, 12(9), 1044–1057").
_PAGES_AFTER_COLON_RE = re.compile(r"\s*(?::|\bpp\.?)\s*\d{1,6}\s*[-–—]\s*\d{1,6}(?!\d)")
_VOLUME_PAGES_RE = re.compile(
    r",?\s*\d{1,4}\s*\(\s*(?!(?:19|20)\d{2}\s*\))\d{1,4}\s*\)"  # not "(2015)": a year
    r"(?:\s*,\s*\d{1,6}\s*[-–—]\s*\d{1,6})?(?=\s*(?:,|$))"
)
# "arXiv,20250313", "MICCAI, 202310": a venue, then a date of digits only (year, month, day)
_COMPACT_DATE_END_RE = re.compile(
    r"(?P<venue>.*[^\W\d_].*?)[\s,]+(?P<year>(?:19|20)\d{2})(?:0[1-9]|1[0-2])(?:[0-3]\d)?$"
)
# How a paper was presented at its venue, which is no part of the venue's name.
_PRESENTATION_RE = re.compile(
    r"\s*\(?\b(?:oral|spotlight|poster|highlight|(?:best (?:student )?paper )?award(?: candidate)?"
    r"|(?:best|outstanding) (?:student )?paper|(?:short|long|full|demo) (?:papers?|talks?)"
    r"|(?:invited |contributed )?talk)\b"
    r"(?: presentation)?\)?"
    r"|\s*\((?:short|long|full|demo)\b\)?"  # "SIGIR 2022 (SHORT)": the kind of paper
    r"|(?<=\d)\s+(?:short|long)\b",  # "ACL 2021 Long"
    re.I,
)
_EMPTY_PARENTHESES_RE = re.compile(r"\(\s*\)")  # "Arxiv 2024 (Dec)" once its month is gone
_ARXIV_ID_RE = re.compile(r"\barXiv:\s?\d{4}\.\d{4,5}(?:v\d+)?", re.I)
# "arXiv, 2406.00515", "arXiv preprint arXiv:1906.07315": the server and the preprint's id
_ARXIV_AND_ID_RE = re.compile(
    r"arxiv(?: preprint)?[\s,:]*(?P<id>(?:arxiv:)?\d{4}\.\d{4,5}(?:v\d+)?)", re.I
)
# "(2019-2023)": the years a survey spans
_YEAR_RANGE_RE = re.compile(r"[(（\[]?\s*(?:19|20)\d{2}\s*[-–—~～]\s*(?:19|20)\d{2}\s*[)）\]]?")
# "2020.09 EMNLP2020", "9 Mar 2024, Arxiv": a date, then the venue
_LEADING_DATE_RE = re.compile(
    r"(?:(?P<year>(?:19|20)\d{2})[./-]\d{1,2}|\d{1,2} [A-Z][a-z]{2,8}\.? (?P<year2>(?:19|20)\d{2}))"
    r"[\s,]+(?P<rest>[^\W\d_].*)"
)
# "2023, ICLR 2024": the year the list gives the work, then the venue with its own year.
_LEADING_YEAR_RE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*,\s*(?P<rest>.*[^\W\d_].*)")


_PUBLICATION_NOTES = frozenset(
    {"published", "online", "accepted", "to", "appear", "in", "press", "first"}
)


@load_cache(16384)  # tags and dates repeat down a list
def normalize_venue(venue: str) -> str | None:
    """Known spellings made canonical ("Arxiv" -> "arXiv", "clpsych" -> "CLPsych"); unknown
    venues as written; empty -> None."""
    cleaned = " ".join(venue.split()).strip(" -,/_|")
    if not any(ch.isalpha() for ch in cleaned):
        return None  # "2700-2719": pages, a volume, not a venue
    if all(w in _PUBLICATION_NOTES for w in cleaned.lower().split()):
        return None  # "Published online 2013/Apr/01": when, not where
    lowered = cleaned.lower()
    if lowered in _ARXIV_SPELLINGS:
        return "arXiv"  # "Arxiv preprint", "arXiv e-prints": the preprint server
    if lowered in _WHERE_CODE_IS:
        return None  # "Github" in a Publication column: where the code is, not the paper
    return _VENUES.get(lowered, cleaned)


# Sites that host code, models or posts: never where a paper was published.
_WHERE_CODE_IS = frozenset({"github", "gitlab", "hugging face", "huggingface", "blog", "website",
                            "homepage", "youtube", "medium", "null", "none", "n/a"})  # fmt: skip


def without_presentation(text: str) -> str:
    """ "CVPR 2019(oral)" -> "CVPR 2019": how a paper was presented is no part of its venue."""
    return _PRESENTATION_RE.sub("", text).strip() or text


def _known_short_year(text: str) -> re.Match[str] | None:
    """ "USENIX Security 24": a name with a known venue's word, and a year of two digits."""
    m = _NAMED_SHORT_YEAR_RE.match(text)
    return m if m and any(w.lower() in _VENUE_WORDS for w in m["venue"].split()) else None


def _known_glued_year(text: str) -> re.Match[str] | None:
    """ "sigmod23", "cvpr21": a known venue's word in lower case glued to its year's digits."""
    m = _LOWER_GLUED_YEAR_RE.match(text)
    return m if m and m["venue"].lower() in _VENUE_WORDS else None


_ALSO_KNOWN_AS_RE = re.compile(r"(?P<venue>[^()]+?)\s*\([A-Za-z][\w&. -]{0,20}\)")


def venue_named(text: str) -> str | None:
    """The venue a short heading names and nothing else ("S&P", "ICSE", "USENIX Security",
    "EUROSYS" -> "EuroSys"); None for a topic ("GNN", "Surveys") or a date."""
    cleaned = " ".join(text.split()).strip("*_ ")
    if (marked := _MARKED_VENUES.get(cleaned.lower())) is not None:
        return marked
    if cleaned.endswith(")") and (aka := _ALSO_KNOWN_AS_RE.fullmatch(cleaned)):
        return venue_named(aka["venue"])  # "IEEE S&P (Oakland)": the venue, by another name
    words = _WORD_RE.findall(cleaned)
    if not words or len(words) > 3 or not all(w.lower() in _VENUE_WORDS for w in words):
        return None
    return normalize_venue(cleaned) if not _YEAR_ANYWHERE_RE.search(cleaned) else None


def is_venue_word(word: str) -> bool:
    """A venue known by this one word: "NeurIPS", "TPAMI", "CVPR"."""
    return word.lower() in _VENUE_WORDS


def _tag_year(digits: str, current_year: int) -> int | None:
    if len(digits) == 2:
        year = 2000 + int(digits)
        # "Neural Computing and Applications'34" is volume 34, not the year 2034.
        return year if year <= current_year + 1 else None
    if len(digits) == 4:
        return int(digits)
    return None  # "'217": a volume


# "arXiv 2104": the preprint's month, as its ids begin (YYMM)
_ARXIV_MONTH_RE = re.compile(r"(?i)arxiv[\s,]*(?P<yymm>\d{4})")


def _is_yymm(digits: str, year_now: int) -> bool:
    """Four digits that are an arXiv month and no year: "2104" (April 2021), "1909" (before
    arXiv was), not "2012" (a year too: the year is what is read) nor a month to come."""
    year, month = 2000 + int(digits[:2]), int(digits[2:])
    no_year = int(digits) > year_now or int(digits) < _ARXIV_FIRST_YEAR
    return no_year and year <= year_now and 1 <= month <= 12


_ARXIV_FIRST_YEAR = 1991


@load_cache(16384)  # tags and dates repeat down a list
def split_venue_tag(tag: str, current_year: int | None = None) -> tuple[str | None, int | None]:
    """ "EMNLP'24" -> ("EMNLP", 2024); "Arxiv'25" -> ("arXiv", 2025); "ICLR’25" (curly) too;
    "Neural Computing and Applications'34" -> (as written, None); "ACL 2024" -> ("ACL", 2024);
    "2023, ICLR 2024" -> ("ICLR", 2023); "In ICML 2019" -> ("ICML", 2019)."""
    year_now = current_year if current_year is not None else date.today().year
    spaced = " ".join(tag.replace("，", ", ").split())  # "arXiv，2026": a full-width comma
    if (by_id := _ARXIV_AND_ID_RE.fullmatch(spaced)) and (parsed := parse_arxiv_id(by_id["id"])):
        # "arXiv, 2406.00515": the preprint's id (as `enrich.ids` reads one), which says when
        # it was submitted
        return "arXiv", 2000 + int(parsed[0][:2])
    if (yymm := _ARXIV_MONTH_RE.fullmatch(spaced)) and _is_yymm(yymm["yymm"], year_now):
        return "arXiv", 2000 + int(yymm["yymm"][:2])  # "arXiv 2104": its month, April 2021
    if ":" in spaced and _ARXIV_ID_RE.search(spaced):  # "arXiv preprint arXiv:1906.07315
        spaced = " ".join(_ARXIV_ID_RE.sub(" ", spaced).split())  # (2019)": no year 1906
    cleaned = _IN_VENUE_RE.sub("", spaced, count=1)
    if _YEAR_RANGE_RE.fullmatch(cleaned):
        return None, None  # "(2019-2023)": the years a survey spans, not one it appeared in
    if _PRESENTATION_RE.search(cleaned):  # "CVPR 21 Oral", "ICCV 2021 (spotlight)"
        cleaned = _PRESENTATION_RE.sub("", cleaned).strip() or cleaned
    if ":" in cleaned or "(" in cleaned:  # "SIGMOD Conference 2022: 1920-1933": no year 1933
        cleaned = _VOLUME_PAGES_RE.sub("", _PAGES_AFTER_COLON_RE.sub("", cleaned)).strip(" ,")
    compact = _COMPACT_DATE_END_RE.match(cleaned) if cleaned[-1:].isdigit() else None
    if compact:  # "arXiv,20250313": the date written as digits only, after the venue
        return normalize_venue(compact["venue"]), int(compact["year"])
    dated = _LEADING_DATE_RE.fullmatch(cleaned)
    if dated:  # "2020.09 EMNLP2020", "9 Mar 2024, Arxiv": the date, then the venue
        venue, year = split_venue_tag(dated["rest"], year_now)
        return venue, year if year is not None else int(dated["year"] or dated["year2"])
    lead = _LEADING_YEAR_RE.fullmatch(cleaned)
    if lead:  # the venue is what follows the list's year; that year stays the year
        return split_venue_tag(lead["rest"], year_now)[0], int(lead["year"])
    m = TAG_APOSTROPHE_RE.match(cleaned) or _APOSTROPHE_YEAR_INSIDE_RE.match(cleaned)
    if m:  # "EMNLP'24"; "MICCAI'18 workshop" as "MICCAI 2018 workshop" is read
        venue = f"{m['venue']} {m['rest']}" if m.groupdict().get("rest") else m["venue"]
        return normalize_venue(venue), _tag_year(m["year"], year_now)
    m = TAG_FULL_YEAR_RE.match(cleaned)
    if m:  # "Briefings in Bioinformatics, May 2017": the month is the date's
        return normalize_venue(_TRAILING_MONTH_RE.sub("", m["venue"])), int(m["year"])
    m = (_TAG_GLUED_YEAR_RE.match(cleaned) or _TAG_SHORT_YEAR_RE.match(cleaned)
         or _known_short_year(cleaned) or _known_glued_year(cleaned))  # fmt: skip
    if m and (year := _tag_year(m["year"], year_now)) is not None:
        return normalize_venue(m["venue"]), year
    m = _YEAR_INSIDE_RE.search(cleaned)
    if m and cleaned[: m.start()].endswith("("):
        # "Nature 521.7553 (2015): 436-444": a journal, its volume.issue, (year) and pages
        journal = cleaned[: m.start() - 1].rstrip(" 0123456789.,:;()")
        return normalize_venue(journal), int(m["year"])
    if m:  # "CVPR 2023 highlight"; "September 2023, arXiv" (the month is the date's)
        before = _MONTH_WORD_RE.sub(" ", cleaned[: m.start()]).rstrip("-–_")  # "ACL-2021 Findings"
        after = cleaned[m.end() :]
        if after[:1] == ":":  # "IJCAI 2020: AI in FinTech": the venue's workshop, named after
            before = before.rstrip()
        if after.lstrip().startswith(",") and any(ch.isalpha() for ch in before):
            after = ""  # "CoRL, 2024, Stanford": what follows the venue's year is not the venue
        rest = _EMPTY_PARENTHESES_RE.sub(" ", _MONTH_WORD_RE.sub(" ", before + after))
        if "&" in rest:  # "1987 SOSP & 1988 TOCS": the year is the first venue's
            rest = _OTHER_YEAR_RE.sub("", rest)
        # "Springer, Cham, 2019: 232-242", "IEEE Access, 2019, 7: 151144-151155": pages and a
        # volume after the year are not the venue's
        rest = " ".join(rest.split()).rstrip(" ,;:0123456789-–—").strip(" ,;")
        rest = rest.strip("年月日号 ,;，；、")  # "2017年": a year's own mark in Chinese, Japanese
        # "arXiv 2022 (canonical survey)": a remark in lower case is not the venue's name
        rest = _REMARK_RE.sub("", rest) if _REMARK_RE.sub("", rest) else rest
        return normalize_venue(rest), int(m["year"])
    return normalize_venue(cleaned), None



@load_cache(16384)  # tags and dates repeat down a list
def date_parts(text: str) -> tuple[int | None, int | None]:
    """(year, month) of a date cell or fragment: "2018.11", "2021-6", "May 2023", "2023";
    (None, None) when it is not one (a month outside 1-12 is dropped, the year kept)."""
    cleaned = text.strip().strip("()[]*_ .")
    m = _NUMERIC_DATE_RE.match(cleaned)
    month_text = None
    if m:
        month_text = m["month"]
    else:
        m = _MONTH_YEAR_RE.match(cleaned)
        if not m:
            return None, None
        month_text = m["month"]
    if month_text is not None and month_text.isalpha() and month_text.lower() not in _MONTHS:
        return None, None  # "NAACL 2019" is a venue, not a month
    year = int(m["year"])
    if month_text is None:
        return year, None
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
    return year, month if month is not None and 1 <= month <= 12 else None


_NUMBERED_TASK_RE = re.compile(r"\b[Tt]ask\s*\d+\b")


@load_cache(16384)  # tags and dates repeat down a list
def looks_like_venue_or_date(text: str) -> bool:
    """A fragment that names where or when, not what: "ACL 2023", "arXiv'24", "(2023)",
    "NeurIPS", "May 2023", "Preprint". Used to keep such fragments out of titles."""
    cleaned = text.strip().strip("()[]*_,.;:| ")
    if _PRESENTATION_RE.search(cleaned):  # "CVPR 21 Oral": how the paper was presented there
        cleaned = _PRESENTATION_RE.sub("", cleaned).strip()
    if not cleaned or len(cleaned) > 60:
        return False
    if date_parts(cleaned) != (None, None):
        return True
    if "ask" in cleaned and _NUMBERED_TASK_RE.search(cleaned):
        return False  # "SemEval-2010 Task 8": a shared task, the title of its overview paper
    words = [w.lower() for w in _WORD_RE.findall(cleaned)]
    if not words:
        return bool(_YEAR_ANYWHERE_RE.search(cleaned))
    venue_words = sum(w in _VENUE_WORDS or w in _MONTHS for w in words)
    has_year = bool(_YEAR_ANYWHERE_RE.search(cleaned))
    if has_year and len(words) <= 3 and _ACRONYM_RE.search(cleaned):
        return True  # "SDM 2018", "IROS'21": an unknown venue's acronym and a year
    if len(words) <= 2 and TAG_APOSTROPHE_RE.match(cleaned) and has_year:
        return True  # "Wisec'24": a venue's name with its year, as tags write them
    if len(words) <= 5 and ("'" in cleaned or "’" in cleaned) and _NAME_APOSTROPHE_YEAR_RE.match(
        cleaned
    ):
        return True  # "ESANN' 15", "Signal Processing' 19": a capitalised name, "'" and a year
    if _TAG_SHORT_YEAR_RE.match(cleaned) or _known_short_year(cleaned) or (
        (_TAG_GLUED_YEAR_RE.match(cleaned) or _GLUED_FULL_YEAR_RE.match(cleaned))
        and len(words) == 1
    ):
        return True  # "CCS 18", "IEEE S&P 19", "NDSS19", "3DV2020"
    return venue_words == len(words) or (has_year and venue_words >= 1 and len(words) <= 4)


# -- journals, as references in the sciences cite them -------------------------------------------
# "npj Digital Medicine, 2023", "Journal of Affective Disorders, 12(3), 45–67", "NPJ Digit Med.
# 2024 Mar;7(1):55" (Vancouver, as PubMed writes it): a journal's name, then its citation
# numbers. Only text already not the title is read so (a piece after it), and only a name with
# a word journals are named by: "Towards Better Mental Health Care" is a subtitle.
JOURNAL_WORDS = frozenset(
    {
        "journal", "transactions", "trans", "letters", "lett", "proceedings", "proc",
        "annals", "ann", "archives", "arch", "bulletin", "bull", "magazine", "quarterly",
        "frontiers", "front", "reports", "rep", "communications", "commun", "review", "reviews",
        "rev", "research", "res", "medicine", "med", "medical", "psychiatry", "psychiatric",
        "psychiatr", "psychology", "psychol", "psychological", "health", "healthcare",
        "informatics", "inform", "nature", "nat", "lancet", "jama", "bmj", "bmc", "plos", "npj",
        "cell", "science", "sci", "sciences", "neuron", "neuroscience", "neurosci", "neurology",
        "neurol", "clinical", "clin", "biology", "biol", "biomedical", "biomed",
        "bioinformatics", "physics", "phys", "chemistry", "chem", "disorders", "disord",
        "therapy", "ther", "digit", "internet", "computing", "comput", "cognition", "cogn",
        "linguistics", "economics", "econ", "acad", "natl", "engl", "ieee", "acm", "mdpi",
        "elsevier", "springer", "sensors", "access",
    }
)  # fmt: skip
_NAME_JOINERS = frozenset({"of", "and", "in", "on", "for", "the", "&", "de", "la", "für", "und"})
# Words a title starts with and a journal's name does not.
_TITLE_LEADS = frozenset(
    {"towards", "toward", "on", "a", "an", "learning", "improving", "understanding",
     "rethinking", "revisiting", "exploring", "beyond", "when", "what", "how", "why", "can",
     "do", "does", "is", "are", "using", "evaluating", "assessing"}
)  # fmt: skip
# After the name: year (month, day), volume(issue), pages -- each optional, in this order.
_CITATION_NUMBERS_RE = re.compile(
    r"(?:[\s,.;:]*\(?(?P<year>(?:19|20)\d{2})\)?(?:\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?)?)?"
    r"(?:[\s,.;:]*(?:[Vv]ol\.?\s*)?(?P<volume>\d+)[A-Za-z]?(?:\s*\(\s*[\w–-]+\s*\))?)?"
    r"(?:[\s,.;:]*(?:pp?\.\s*)?(?P<pages>[eE]?\d+(?:\s*[-–—]\s*[eE]?\d+)?))?"
    r"[\s.,;:]*"
)
# Where the name ends: the first separator before a digit or "(digit".
_NAME_END_RE = re.compile(r"[\s,.;:]+(?=\(?\d)")


@load_cache(16384)  # journal names repeat down a list
def read_citation(
    text: str, *, italic: bool = False, dated: bool = False
) -> tuple[str | None, int | None] | None:
    """(journal, year) of a piece of a reference that is not its title: "npj Digital Medicine,
    2023" -> ("npj Digital Medicine", 2023); "Journal of Affective Disorders, 12(3), 45–67" ->
    (…, None); "2023;25:e12345" -> (None, 2023). A name in italics with its year ("*Proteins
    (2018)*", ``dated``) is a journal by any name. A name alone counts only when ``italic`` (the
    list set it so: "*JAMA Psychiatry*"). None when the text is not such a piece."""
    cleaned = " ".join(text.split()).strip(" .,;:")
    if not cleaned or len(cleaned) > 150:
        return None
    end = _NAME_END_RE.search(cleaned)
    if cleaned[0].isdigit() or cleaned[0] == "(":
        name, numbers = "", cleaned
    elif end is not None:
        name, numbers = cleaned[: end.start()], cleaned[end.start() :]
    else:
        name, numbers = cleaned, ""
    m = _CITATION_NUMBERS_RE.fullmatch(numbers)
    if m is None:
        return None
    year = int(m["year"]) if m["year"] else None
    cited = year is not None or m["volume"] is not None or m["pages"] is not None
    if not name:
        return (None, year) if year is not None else None
    name = _IN_VENUE_RE.sub("", name, count=1)  # "In *Proceedings of NAACL*": not the name's
    if year is not None:  # "Journal of …, November 2012": the month is the date's
        name = _TRAILING_MONTH_RE.sub("", name) or name
    # A volume and pages are a journal's whatever its name ("Econometrica, 82(1), 229-269"),
    # and with a year, in sentence case too ("Human genetics, 2019, 138(2): 109-124", as
    # GB/T 7714 and Vancouver write it).
    paged = m["volume"] is not None and m["pages"] is not None
    sentence_case = (paged and year is not None) or dated
    if not (cited or italic) or not _journal_name(name, any_name=paged or dated,
                                                  sentence_case=sentence_case):  # fmt: skip
        return None
    return normalize_venue(name), year


def _journal_name(name: str, *, any_name: bool = False, sentence_case: bool = False) -> bool:
    """ "Journal of Medical Internet Research", "npj Digital Medicine", "NPJ Digit Med",
    "Proc Natl Acad Sci U S A": capitalised words (lower-case joiners between them), one at
    least of the words journals are named by (any words, when ``any_name``; lower-case words
    after the first too, when ``sentence_case``)."""
    words = name.split()
    if not 1 <= len(words) <= 12 or words[0].lower() in _TITLE_LEADS:
        return False
    sentence_case = sentence_case and words[0][0].isupper()
    named = False
    for word in words:
        bare = word.strip(".,:;()").lower()
        if not bare or bare in _NAME_JOINERS:
            continue
        if not (word[0].isupper() or word[0] == "(" or bare == "npj"
                or (sentence_case and word.isalpha())
                or (word[0].islower() and any(ch.isupper() for ch in word[1:]))):  # "eLife"
            return False
        named = named or bare in JOURNAL_WORDS
    return named or any_name


# -- the container of a reference, as MLA and Chicago write it (Google Scholar's "Cite") --------
# After the quoted title: a journal's name, its volume (and issue) and the year in parentheses
# ("Management Science 22.4 (1975): 455-460.", Chicago's "Cognition 12, no. 3 (2020): 45-67."),
# or a proceedings' or book's name, then its publisher and year ("Proceedings of the 10th ACM
# Conference on Recommender Systems. ACM, 2016.", "Advances in neural information processing
# systems. 2008."). Not "arXiv preprint arXiv:1801.05532 (2018)": the name ends at a colon.
_MLA_JOURNAL_RE = re.compile(
    r"(?P<venue>[^\d\"“”—|·•]{2,150}?[\w)])\s+(?!(?:19|20)\d{2}\b)\d{1,4}(?:\.\d{1,4})?"
    r"(?:,\s*no\.\s*\d{1,4})?"
    r"\s*\((?P<year>(?:19|20)\d{2})\)(?::\s*[\w–—-]+)?"
)
BARE_YEAR_RE = re.compile(r"(?P<year>(?:19|20)\d{2})")  # a year alone, the whole text
# Google Scholar turns IEEE's proceedings inside out: "Neural Networks (IJCNN), The 2012
# International Joint Conference on" is "The 2012 International Joint Conference on Neural
# Networks (IJCNN)".
_INVERTED_PROCEEDINGS_RE = re.compile(r"(?P<topic>.+), (?P<name>The .+ (?:on|of|for))")


def read_journal_volume_year(text: str) -> tuple[str, int] | None:
    """(journal, year) of "Journal Name 22.4 (1975): 455-460" (MLA), "Journal 12, no. 3
    (2020): 45-67" (Chicago); None for any other text."""
    m = _MLA_JOURNAL_RE.fullmatch(" ".join(text.split()).strip(" .,;"))
    if m is None:
        return None
    venue = normalize_venue(m["venue"])
    return (venue, int(m["year"])) if venue else None


def read_reference_container(text: str) -> tuple[str, int] | None:
    """(venue, year) of what follows a quoted title that ends a sentence ('"Title." …'), as MLA
    and Chicago write it: a journal with its volume and year, or a proceedings' or book's name
    with its publisher and year. None for any other text."""
    cleaned = " ".join(text.split()).strip(" .,;")
    journal = read_journal_volume_year(cleaned)
    if journal is not None:
        return journal
    name, stop, after = cleaned.rpartition(". ")
    if not stop or (not name[-1:].isalnum() and name[-1:] != ")"):
        return None
    year = int(after) if BARE_YEAR_RE.fullmatch(after) else publisher_and_year(after)
    if year is None:
        return None
    inverted = _INVERTED_PROCEEDINGS_RE.fullmatch(name)
    if inverted is not None:
        name = f"{inverted['name']} {inverted['topic']}"
    venue = normalize_venue(name)
    return (venue, year) if venue else None


# Publishers, as a reference names them between its venue and its year ("Proceedings of the
# 25th international conference on Machine learning. ACM, 2008"): where the work appeared is the
# name before them, not the publisher. Not "AAAI", "IJCAI" or "ACL": "AAAI, 2020" is a venue.
PUBLISHERS = frozenset(
    {"acm", "ieee", "springer", "elsevier", "aaai press", "mit press", "pmlr", "siam",
     "curran associates", "curran associates inc", "wiley", "omnipress", "openreview.net",
     "association for computational linguistics", "ieee computer society", "usenix association",
     "ios press", "morgan kaufmann", "kluwer", "springer international publishing",
     "springer nature", "cambridge university press", "oxford university press",
     "taylor & francis", "sage publications"}
)  # fmt: skip
_PUBLISHER_YEAR_RE = re.compile(
    r"(?P<publisher>[A-Za-z][\w&.' -]{1,60}?)(?:,\s*[A-Z][\w. ]{1,30}){0,2},?\s+"
    r"(?P<year>(?:19|20)\d{2})(?:\s*[,:]\s*[\w()–—-]+)*"
)


def publisher_and_year(text: str) -> int | None:
    """The year of "ACM, 2016", "Springer, Cham, 2019", "ACM, 2008: 1192-1199" (a publisher
    and the year it published); None for any other text."""
    m = _PUBLISHER_YEAR_RE.fullmatch(" ".join(text.split()).strip(" .,;"))
    if m is None or not is_publisher(m["publisher"]):
        return None
    return int(m["year"])


def is_publisher(name: str) -> bool:
    """ "ACM", "Springer", "AUAI Press", "Now Publishers": a publisher's name."""
    lowered = name.lower().strip(" .,")
    return lowered in PUBLISHERS or lowered.endswith(_PUBLISHER_ENDS)


_PUBLISHER_ENDS = (" press", " publishing", " publishers", " verlag")
