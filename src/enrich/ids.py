"""Canonical ids from links: one link as a list wrote it -> one identity for the thing it names.

Lists link the same paper many ways (abs page, PDF, a DOI, a trailing slash, a version suffix,
a link broken over two lines). Deduplication and enrichment need one key per thing, so every link
is mapped to a ``CanonicalId(kind, value, version, url)``:

* ``arxiv``      -- arXiv base id, ``2412.00251`` or old style ``astro-ph/0601001``; the version
                    (``v2``) is kept apart in ``version`` so all versions share one identity.
* ``acl``        -- ACL Anthology id, ``2024.emnlp-main.264`` (new style) or ``P19-1534`` (old).
* ``doi``        -- a DOI, lower-cased (DOIs are case-insensitive) and percent-decoded.
* ``openreview`` -- an OpenReview forum id (``KA9StC9l3T``; case-sensitive, kept as written).
* ``github``     -- ``owner/repo``, lower-cased (GitHub names are case-insensitive).
* ``hf_model``   -- Hugging Face model ``owner/name``, lower-cased.
* ``hf_dataset`` -- Hugging Face dataset ``owner/name``, lower-cased.
* ``hf_paper``   -- a Hugging Face paper page; its id *is* an arXiv base id.
* ``url``        -- anything else; the value is the normalised URL itself.

A DOI that is really an arXiv or ACL id (``10.48550/arXiv.…``, ``10.18653/v1/…``) is reported as
``arxiv``/``acl``, so a paper linked once by DOI and once by its landing page gets one identity.

Pure: no I/O, no network; only ``re`` and ``urllib.parse``. ``canonicalize`` never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from enrich.heap import load_cache
from enrich.models import pickled_by_fields

__all__ = [
    "KINDS",
    "PAPER_KINDS",
    "CanonicalId",
    "acl_id_from_doi",
    "acl_volume_id",
    "arxiv_id_from_doi",
    "canonicalize",
    "is_unsafe_url",
    "normalize_url",
    "paper_kind",
    "parse_arxiv_id",
    "s2_lookup_id",
]

KINDS = ("arxiv", "acl", "doi", "openreview", "github", "hf_model", "hf_dataset", "hf_paper", "url")
PAPER_KINDS = ("arxiv", "acl", "doi", "openreview", "hf_paper")

# Schemes that run code or read local files when a reader clicks them: never a URL we export.
UNSAFE_SCHEMES = frozenset({"javascript", "data", "file", "vbscript"})
# Browsers drop ASCII tabs, newlines and control characters inside a URL before reading its scheme
# ("java\tscript:" runs), so the scheme is read the same way here.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")

# --- URL clean-up -------------------------------------------------------------------------------

# A link broken over two lines in the list: the line break and the indentation around it are
# not part of the URL.
_LINE_BREAK_RE = re.compile(r"\s*[\r\n]+\s*")
# Markdown / prose debris that sticks to the end of a link ("see https://x.org/a.").
_TRAILING_JUNK = ".,;:!?'\"*`>"
_LEADING_JUNK = "<([\"'`*"
# "arxiv.org/abs/…" written without a scheme: a dotted host name ending in a letter-only TLD.
_BARE_HOST_RE = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?=[/?#:]|$)")
# Query parameters that track the click or pick a UI tab; they never change what is linked.
_TRACKING_PARAMS = frozenset(
    {
        "tab",  # github ?tab=readme-ov-file
        "ref",
        "ref_src",
        "ref_url",
        "source",
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "usp",  # google docs ?usp=sharing
        "si",  # youtube share id
        "denied",  # ieeexplore ?denied= after a paywall bounce
        "via",
        "_hsenc",
        "_hsmi",
    }
)
_TRACKING_PREFIXES = ("utm_",)
_DEFAULT_PORTS = {"http": 80, "https": 443}

# --- arXiv --------------------------------------------------------------------------------------

# New style (April 2007 on): YYMM.NNNN until 1412, YYMM.NNNNN from 1501.
_ARXIV_NEW_RE = re.compile(
    r"^(?P<yy>\d{2})(?P<mm>\d{2})\.(?P<num>\d{4,5})(?P<ver>v[1-9]\d*)?$", re.I
)
# Old style (1991 - March 2007): archive[.SC]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
_ARXIV_OLD_RE = re.compile(
    r"^(?P<archive>[a-z]+(?:-[a-z]+)?)(?:\.(?P<sc>[a-z]{2}))?/"
    r"(?P<yy>\d{2})(?P<mm>\d{2})(?P<num>\d{3})(?P<ver>v[1-9]\d*)?$",
    re.I,
)
# The ".GT" of "math.GT/0309136": not part of the identifier proper (see s2_lookup_id).
_OLD_SUBJECT_CLASS_RE = re.compile(r"\.[A-Z]{2}/")
_ARXIV_PREFIX_RE = re.compile(r"^arxiv:\s*", re.I)
_ARXIV_HOSTS = frozenset({"arxiv.org", "export.arxiv.org"})
# Paths that name one paper: /abs/<id>, /pdf/<id>[.pdf], /html/<id>, /ps/<id>, /format/<id>;
# a doubled slash ("/abs//2307.02628", seen in a real list) opens the same page.
_ARXIV_PATH_RE = re.compile(r"^/+(?:abs|pdf|html|ps|format)/+(?P<rest>.+)$")
_ARXIV_DOI_RE = re.compile(r"^10\.48550/arxiv\.(?P<id>.+)$", re.I)

# --- ACL Anthology ------------------------------------------------------------------------------

# New style (2020 on): YEAR.VENUE-VOLUME.NUMBER, e.g. 2024.emnlp-main.264, 2023.findings-acl.12.
_ACL_NEW_RE = re.compile(r"^(?P<id>\d{4}\.[a-z0-9]+-[a-z0-9]+\.\d+)$", re.I)
# Old style: letter + 2-digit year + '-' + 4 digits (volume and paper number), e.g. P19-1534.
_ACL_OLD_RE = re.compile(r"^(?P<id>[a-z]\d{2}-\d{4})$", re.I)
_ACL_OLD_VOLUME_RE = re.compile(r"^(?P<coll>[A-Z]\d{2})-(?P<num>\d{4})$")
# A path segment holding a paper: the id, an optional revision (v2) and file extension(s).
_ACL_SEGMENT_RE = re.compile(
    r"^(?P<id>\d{4}\.[a-z0-9]+-[a-z0-9]+\.\d+|[a-z]\d{2}-\d{4})(?:v\d+)?(?:\.[a-z]+)*$", re.I
)
_ACL_HOSTS = frozenset({"aclanthology.org", "aclweb.org", "aclanthology.info"})
_ACL_DOI_RE = re.compile(r"^10\.18653/v1/(?P<id>.+)$", re.I)

# --- DOI ----------------------------------------------------------------------------------------

_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX_RE = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "dx.plos.org"})  # the path is the DOI
# Publisher platforms (ACM, Wiley, Taylor & Francis, SAGE, …) put the DOI after /doi/[view/].
_DOI_PATH_RE = re.compile(
    r"/doi/(?:(?:abs|full|pdf|epdf|pdfdirect|fullHtml|book|proceedings|reader)/)?"
    r"(?P<doi>10\.\d{4,9}/.+)$",
    re.I,
)
# Old Wiley-style links append the view after the DOI: /doi/10.1002/xyz/abstract.
_DOI_VIEW_SUFFIX_RE = re.compile(r"/(?:abstract|full|pdf|epdf|fulltext|summary)$", re.I)
_SPRINGER_PATH_RE = re.compile(
    r"^/(?:article|chapter|book|content/pdf|referenceworkentry|protocol)/(?P<doi>10\.\d{4,9}/.+)$"
)
_FRONTIERS_PATH_RE = re.compile(r"^/(?:journals/[^/]+/)?articles?/(?P<doi>10\.\d{4,9}/.+)$")
_NATURE_PATH_RE = re.compile(r"^/articles/(?P<suffix>[A-Za-z0-9._-]+)$")
_NATURE_DOI_PREFIX = "10.1038/"
# bioRxiv/medRxiv: /content/10.1101/2020.01.01.123456v1.full.pdf -> 10.1101/2020.01.01.123456
_BIORXIV_PATH_RE = re.compile(r"^/content/(?P<doi>10\.1101/[\d.]+?)(?:v\d+)?(?:\.[a-z-]+)*$")
_BIORXIV_HOSTS = frozenset({"biorxiv.org", "medrxiv.org"})
_DOI_URL_SAFE = "/:;()[]._-~+,=@!$*'"

# --- OpenReview ---------------------------------------------------------------------------------

_OPENREVIEW_PATHS = frozenset({"/forum", "/pdf", "/attachment"})
# Note ids are URL-safe base64-ish; anything after them (the "/" of ".../pdf?id=X/") is debris.
_OPENREVIEW_ID_RE = re.compile(r"^[A-Za-z0-9_-]+")

# --- GitHub and Hugging Face --------------------------------------------------------------------

_GITHUB_HOST = "github.com"
_GITHUB_OWNER_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_REPO_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
# First path segments of github.com that are site pages, not user or organisation names.
_GITHUB_RESERVED = frozenset(
    {
        "about", "apps", "codespaces", "collections", "contact", "copilot", "customer-stories",
        "enterprise", "events", "explore", "features", "issues", "login", "marketplace", "new",
        "notifications", "orgs", "organizations", "pricing", "pulls", "readme", "resources",
        "search", "security", "settings", "site", "solutions", "sponsors", "topics", "trending",
        "users",
    }
)  # fmt: skip
_HF_HOSTS = frozenset({"huggingface.co", "hf.co"})
_HF_OWNER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# First path segments of huggingface.co that are site sections, not owners.
_HF_RESERVED = frozenset(
    {
        "api", "blog", "chat", "collections", "datasets", "docs", "enterprise", "join", "learn",
        "login", "models", "new", "organizations", "papers", "posts", "pricing", "search",
        "settings", "spaces", "tasks",
    }
)  # fmt: skip

# --- Semantic Scholar ---------------------------------------------------------------------------

# Hosts whose URLs Semantic Scholar resolves with a "URL:<url>" paper id (its API docs).
_S2_URL_HOSTS = ("aclweb.org", "acm.org", "arxiv.org", "biorxiv.org", "semanticscholar.org")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class CanonicalId:
    """The identity of a linked thing; two links name the same thing iff (kind, value) match."""

    kind: str  # one of KINDS
    value: str  # the canonical identity (see the module docstring)
    version: str | None = None  # arXiv version like "v2", kept apart from the base id; else None
    url: str = ""  # a normalised https URL for the thing


# --- URL normalisation --------------------------------------------------------------------------


def _ends_in_debris(s: str) -> bool:
    last = s[-1]
    if last in _TRAILING_JUNK:
        return True
    # A closing bracket is debris only when unbalanced: wiki links like /Foo_(bar) keep theirs.
    if last == ")":
        return s.count(")") > s.count("(")
    if last == "]":
        return s.count("]") > s.count("[")
    return False


def _clean_text(text: str) -> str:
    """Undo list formatting around a link: line breaks, brackets, trailing punctuation."""
    s = _LINE_BREAK_RE.sub("", text).strip()
    s = s.lstrip(_LEADING_JUNK)
    while s and _ends_in_debris(s):
        s = s[:-1]
    return s.strip()


def _filter_query(query: str) -> str:
    """Drop tracking/UI parameters; keep the rest exactly as written (no re-encoding)."""
    kept: list[str] = []
    for piece in query.split("&"):
        if not piece:
            continue
        key = unquote(piece.split("=", 1)[0]).strip().lower()
        if key in _TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES):
            continue
        kept.append(piece)
    return "&".join(kept)


def _normalize(cleaned: str) -> str:
    if cleaned.startswith("//"):
        cleaned = "https:" + cleaned
    elif "://" not in cleaned and _BARE_HOST_RE.match(cleaned):
        cleaned = "https://" + cleaned
    parts = urlsplit(cleaned)
    scheme = parts.scheme.lower()
    hostname = parts.hostname  # a property that parses the netloc again at each use
    if scheme not in ("http", "https") or not hostname:
        return cleaned  # not a web link: nothing safe to rewrite
    host = hostname.lower().rstrip(".")
    host = host.removeprefix("www.")
    # Credentials in a link are dropped (never stored); a non-default port is kept.
    port = parts.port
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = parts.path.rstrip("/")
    return urlunsplit(("https", netloc, path, _filter_query(parts.query), ""))


def normalize_url(url: str) -> str:
    """A stable form of a link: https, lower-case host without "www.", no fragment, no trailing
    slash, no tracking/UI query parameters; meaningful query (openreview ?id=) kept.

    Text that is not a web link comes back cleaned of whitespace and punctuation debris only.
    Never raises.
    """
    return _normalize_cleaned(_clean_text(url))


def _normalize_cleaned(cleaned: str) -> str:
    try:
        return _normalize(cleaned)
    except ValueError:  # e.g. an invalid port or a broken IPv6 literal
        return cleaned


# --- arXiv --------------------------------------------------------------------------------------


def _valid_new_arxiv(yy: int, mm: int, digits: int) -> bool:
    # The new scheme starts at 0704; 5-digit numbers start at 1501 and replace 4-digit ones.
    yymm = yy * 100 + mm
    if not 1 <= mm <= 12 or yymm < 704:
        return False
    return digits == 4 if yymm <= 1412 else digits == 5


def _valid_old_arxiv(yy: int, mm: int) -> bool:
    # The old scheme ran from 9108 to 0703.
    return 1 <= mm <= 12 and (yy >= 91 or yy <= 7)


def parse_arxiv_id(text: str) -> tuple[str, str | None] | None:
    """Split an arXiv id into (base id, version): "2412.00251v2" -> ("2412.00251", "v2").

    Accepts an "arXiv:" prefix. Old-style ids keep their subject class as arXiv writes it
    (archive lower-case, class upper-case: "math.GT/0309136"). Invalid -> None.
    """
    s = _ARXIV_PREFIX_RE.sub("", text.strip())
    m = _ARXIV_NEW_RE.match(s)
    if m:
        if not _valid_new_arxiv(int(m["yy"]), int(m["mm"]), len(m["num"])):
            return None
        ver = m["ver"].lower() if m["ver"] else None
        return f"{m['yy']}{m['mm']}.{m['num']}", ver
    m = _ARXIV_OLD_RE.match(s)
    if m:
        if not _valid_old_arxiv(int(m["yy"]), int(m["mm"])):
            return None
        subject = f".{m['sc'].upper()}" if m["sc"] else ""
        ver = m["ver"].lower() if m["ver"] else None
        return f"{m['archive'].lower()}{subject}/{m['yy']}{m['mm']}{m['num']}", ver
    return None


def arxiv_id_from_doi(doi: str) -> str | None:
    """The arXiv base id inside an arXiv DOI: "10.48550/arXiv.2305.10250" -> "2305.10250"."""
    m = _ARXIV_DOI_RE.match(_clean_doi(doi))
    if not m:
        return None
    parsed = parse_arxiv_id(m["id"])
    return parsed[0] if parsed else None


def _arxiv_id(base: str, version: str | None) -> CanonicalId:
    return CanonicalId("arxiv", base, version, f"https://arxiv.org/abs/{base}")


def _arxiv_from_path(path: str) -> CanonicalId | None:
    m = _ARXIV_PATH_RE.match(path)
    if not m:
        return None
    rest = m["rest"].rstrip("/").removesuffix(".pdf")
    segments = rest.split("/")
    # The whole rest, then an old-style "archive/number", then a new-style id followed by a
    # sub-path (/html/2412.00251v1/x1.png).
    # "1112.6209.pdf&embed": debris after the file name is not part of the id.
    head = re.split(r"\.pdf|[&;]", segments[0], maxsplit=1)[0]
    for candidate in (rest, "/".join(segments[:2]), segments[0], head):
        parsed = parse_arxiv_id(candidate.removesuffix(".pdf"))
        if parsed:
            return _arxiv_id(*parsed)
    return None


# --- ACL Anthology ------------------------------------------------------------------------------


def _normalize_acl_id(text: str) -> str | None:
    """Canonical case of an ACL id: new style lower-case, old style upper-case letter."""
    if _ACL_NEW_RE.match(text):
        return text.lower()
    if _ACL_OLD_RE.match(text):
        return text.upper()
    return None


def acl_id_from_doi(doi: str) -> str | None:
    """The ACL Anthology id inside an ACL DOI: "10.18653/v1/2024.emnlp-main.264" -> its id."""
    m = _ACL_DOI_RE.match(_clean_doi(doi))
    return _normalize_acl_id(m["id"]) if m else None


def acl_volume_id(acl_id: str) -> str:
    """The volume holding an ACL paper: "2024.emnlp-main.264" -> "2024.emnlp-main",
    "P19-1534" -> "P19-1", "W15-1204" -> "W15-12".

    Old-style ids spend 1 digit on the volume for conferences and journals, 2 for workshops
    ("W"), and -- per the Anthology's own rules -- also for C69 and D19-50 .. D19-66 (EMNLP 2019
    workshops that overflowed the W19 numbering). Raises ValueError for a non-ACL id.
    """
    norm = _normalize_acl_id(acl_id.strip())
    if norm is None:
        raise ValueError(f"not an ACL Anthology paper id: {acl_id!r}")
    if _ACL_NEW_RE.match(norm):
        return norm.rsplit(".", 1)[0]
    m = _ACL_OLD_VOLUME_RE.match(norm)
    assert m is not None  # _normalize_acl_id accepted it as old style
    coll, num = m["coll"], m["num"]
    two_digit = coll[0] == "W" or coll == "C69" or (coll == "D19" and num[0] >= "5")
    return f"{coll}-{num[:2] if two_digit else num[:1]}"


def _acl_id(acl_id: str) -> CanonicalId:
    return CanonicalId("acl", acl_id, None, f"https://aclanthology.org/{acl_id}")


def _acl_from_path(host: str, path: str) -> CanonicalId | None:
    if host == "aclweb.org" and not path.startswith("/anthology"):
        return None  # the rest of aclweb.org is the association's site, not papers
    # Last segment first: /anthology/P/P19/P19-1534.pdf, /papers/P19-1534/p19-1534.
    for segment in reversed([s for s in path.split("/") if s]):
        m = _ACL_SEGMENT_RE.match(segment)
        if m:
            norm = _normalize_acl_id(m["id"])
            if norm:
                return _acl_id(norm)
    return None


# --- DOI ----------------------------------------------------------------------------------------


def _clean_doi(doi: str) -> str:
    """Percent-decoded, lower-cased, without "doi:"/resolver prefix or trailing punctuation."""
    s = _DOI_PREFIX_RE.sub("", _clean_text(unquote(doi)))
    while s and (s[-1] == "/" or _ends_in_debris(s)):
        s = s[:-1]
    return s.lower()


def _doi_id(raw: str) -> CanonicalId | None:
    """The id for a DOI; arXiv and ACL DOIs become those kinds. None if not a DOI."""
    doi = _clean_doi(raw)
    if not _DOI_RE.match(doi):
        return None
    arxiv = _ARXIV_DOI_RE.match(doi)
    if arxiv:
        parsed = parse_arxiv_id(arxiv["id"])
        if parsed:
            return _arxiv_id(*parsed)
    acl = acl_id_from_doi(doi)
    if acl:
        return _acl_id(acl)
    # Quote what cannot appear raw in a URL (old SICI DOIs carry "<", ">", "#").
    url = "https://doi.org/" + quote(doi, safe=_DOI_URL_SAFE)
    return CanonicalId("doi", doi, None, url)


def _query_param(query: str, name: str) -> str | None:
    for piece in query.split("&"):
        key, _, value = piece.partition("=")
        if unquote(key) == name and value:
            return unquote(value)
    return None


def _doi_from_url(host: str, path: str, query: str) -> CanonicalId | None:
    raw: str | None = None
    if host in _DOI_HOSTS:
        raw = unquote(path.lstrip("/"))
    elif host == "journals.plos.org":
        raw = _query_param(query, "id")
    elif host == "nature.com":
        m = _NATURE_PATH_RE.match(path.removesuffix(".pdf"))
        raw = _NATURE_DOI_PREFIX + m["suffix"] if m else None
    elif host in _BIORXIV_HOSTS:
        m = _BIORXIV_PATH_RE.match(path)
        raw = m["doi"] if m else None
    elif host == "link.springer.com":
        m = _SPRINGER_PATH_RE.match(path)
        raw = m["doi"].removesuffix(".pdf") if m else None
    elif host.endswith("frontiersin.org"):
        m = _FRONTIERS_PATH_RE.match(path)
        raw = _DOI_VIEW_SUFFIX_RE.sub("", m["doi"]) if m else None
    else:
        m = _DOI_PATH_RE.search(path)
        raw = _DOI_VIEW_SUFFIX_RE.sub("", m["doi"]) if m else None
    return _doi_id(raw) if raw else None


# --- OpenReview, GitHub, Hugging Face -----------------------------------------------------------


def _openreview_from_url(path: str, query: str) -> CanonicalId | None:
    if path not in _OPENREVIEW_PATHS:
        return None
    m = _OPENREVIEW_ID_RE.match(_query_param(query, "id") or "")
    if not m:
        return None
    note = m.group(0)
    return CanonicalId("openreview", note, None, f"https://openreview.net/forum?id={note}")


def _github_from_path(path: str) -> CanonicalId | None:
    segments = [s for s in path.split("/") if s]
    if len(segments) < 2:
        return None  # github.com/owner is a user or organisation page
    owner, repo = segments[0], segments[1]
    repo = re.sub(r"\.git$", "", repo, flags=re.I)
    if (
        owner.lower() in _GITHUB_RESERVED
        or not _GITHUB_OWNER_RE.match(owner)
        or not _REPO_NAME_RE.match(repo)
        or repo in (".", "..")
    ):
        return None
    # Everything after owner/repo (/tree/…, /blob/…, /issues/3) is inside the same repository.
    return CanonicalId(
        "github", f"{owner}/{repo}".lower(), None, f"https://github.com/{owner}/{repo}"
    )


def _hf_from_path(path: str) -> CanonicalId | None:
    segments = [s for s in path.split("/") if s]
    if not segments:
        return None
    head = segments[0].lower()
    if head == "papers" and len(segments) >= 2:
        parsed = parse_arxiv_id(segments[1])
        if parsed is None:
            return None
        base, version = parsed
        return CanonicalId("hf_paper", base, version, f"https://huggingface.co/papers/{base}")
    if head == "datasets" and len(segments) >= 2:
        # Legacy canonical datasets have no owner: huggingface.co/datasets/squad.
        name_parts = segments[1:3] if len(segments) >= 3 else segments[1:2]
        if not all(_HF_OWNER_RE.match(p) for p in name_parts):
            return None
        name = "/".join(name_parts)
        return CanonicalId(
            "hf_dataset", name.lower(), None, f"https://huggingface.co/datasets/{name}"
        )
    if head in _HF_RESERVED or len(segments) < 2:
        return None  # a site section, or huggingface.co/<owner>: an organisation page
    owner, model = segments[0], segments[1]
    if not (_HF_OWNER_RE.match(owner) and _HF_OWNER_RE.match(model)):
        return None
    name = f"{owner}/{model}"
    return CanonicalId("hf_model", name.lower(), None, f"https://huggingface.co/{name}")


# --- entry points -------------------------------------------------------------------------------


def _from_bare_id(cleaned: str) -> CanonicalId | None:
    """Ids written without a link: "arXiv:2305.10250", "doi:10.1145/…", "10.1145/…"."""
    if _ARXIV_PREFIX_RE.match(cleaned):
        parsed = parse_arxiv_id(cleaned)
        return _arxiv_id(*parsed) if parsed else None
    if _DOI_PREFIX_RE.match(cleaned) or _DOI_RE.match(cleaned):
        return _doi_id(cleaned)
    return None


def _from_url(normalized: str) -> CanonicalId | None:
    parts = urlsplit(normalized)
    host = parts.hostname
    if parts.scheme != "https" or not host:
        return None
    path, query = parts.path, parts.query
    if host in _ARXIV_HOSTS or host.endswith(".arxiv.org"):  # browse.arxiv.org, …
        return _arxiv_from_path(path)
    if host in _ACL_HOSTS:
        return _acl_from_path(host, path)
    if host == "openreview.net":
        return _openreview_from_url(path, query)
    if host == _GITHUB_HOST:
        return _github_from_path(path)
    if host in _HF_HOSTS:
        return _hf_from_path(path)
    return _doi_from_url(host, path, query)


def _canonicalize(url: str) -> CanonicalId:
    cleaned = _clean_text(url)
    found = _from_bare_id(cleaned)
    if found is None:
        normalized = _normalize_cleaned(cleaned)
        found = _from_url(normalized) or CanonicalId("url", normalized, None, normalized)
    return found


def is_unsafe_url(url: str | None) -> bool:
    """True for a javascript:, data:, file: or vbscript: URL, however it is cased or padded."""
    if not url:
        return False
    squashed = _URL_NOISE.sub("", url).lower()
    scheme, colon, _ = squashed.partition(":")
    return bool(colon) and scheme in UNSAFE_SCHEMES


# Pure in its text, and asked again for the same link by the parser (which links name papers)
# and then resolve, list by list; a registry's lists share many links. Bounded (a 10,000-entry
# list has ~15,000 distinct links) so a registry's links do not all stay in memory; a
# CanonicalId is frozen, so sharing one is safe.
@load_cache(1 << 15)
def canonicalize(url: str) -> CanonicalId:
    """The canonical id of a link as a list wrote it. Never raises: anything not recognised
    (including garbage) is kind "url" with the normalised text as its value."""
    try:
        return _canonicalize(url)
    except Exception:  # a last resort: one odd link must not stop a whole list
        try:
            fallback = normalize_url(url)
        except Exception:
            fallback = url if isinstance(url, str) else ""
        return CanonicalId("url", fallback, None, fallback)


def _host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


# Link kinds that name a paper of another kind by the same id: a Hugging Face paper page is
# the arXiv paper of its id. The one place this rule is written: `paper_kind` applies it, for
# merging (`enrich.resolve.node_of`), planning, S2 lookups, and the SQL views (the
# `paper_kind` macro, made from this mapping by `enrich.warehouse.create_views`).
SAME_PAPER_AS: dict[str, str] = {"hf_paper": "arxiv"}


def paper_kind(kind: str) -> str:
    """The kind of paper a link of `kind` names ("hf_paper" -> "arxiv"; others are themselves)."""
    return SAME_PAPER_AS.get(kind, kind)


def s2_lookup_id(cid: CanonicalId) -> str | None:
    """The paper id Semantic Scholar's paper/batch endpoint accepts for this id, or None."""
    if paper_kind(cid.kind) == "arxiv":
        # arXiv's preferred external form of an old-style id drops the subject class
        # (math.GT/0309136 -> math/0309136); that is the form indexes such as S2 store.
        return "ARXIV:" + _OLD_SUBJECT_CLASS_RE.sub("/", cid.value)
    if cid.kind == "acl":
        return f"ACL:{cid.value}"
    if cid.kind == "doi":
        return f"DOI:{cid.value}"
    if cid.kind == "openreview":
        return f"URL:{cid.url}"
    if cid.kind == "url":
        host = _host_of(cid.url)
        if any(host == h or host.endswith("." + h) for h in _S2_URL_HOSTS):
            return f"URL:{cid.url}"
    return None
