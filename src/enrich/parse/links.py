"""What a link is, for the link ledger: a paper id, a link to the work, or something to ignore.

Every link occurrence in a list ends with exactly one fate: a link of an entry, part of a reported
problem, or ignored for a named reason. The reasons are the list's furniture, named so a
maintainer can query what was ignored and why (``SELECT * FROM link_ledger WHERE fate =
'ignored'``). Which links carry a paper id is decided by :mod:`enrich.ids`, the one place that
reads ids out of URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from enrich.heap import load_cache
from enrich.ids import PAPER_KINDS, canonicalize
from enrich.resolve import node_of

__all__ = [
    "IGNORE_REASONS",
    "LINK_FATES",
    "badge_words",
    "furniture_heading",
    "has_no_address",
    "ignore_reason",
    "is_paper_id",
    "is_paperish",
    "is_target",
    "leads_out",
    "malformed_paper_link",
    "own_repository",
    "paper_node",
    "reading_list",
    "self_links",
    "site_root",
    "unsafe_scheme",
]

LINK_FATES = ("entry", "problem", "ignored")
# Why a link that is in no entry and names no paper is left alone, in report order.
IGNORE_REASONS = (
    "anchor",  # "#section", "./#section": the list's own table of contents and navigation
    "badge",  # an image or a badge (shields.io, star history, contributor avatars)
    "own_repo",  # the list's own repository: its issues, its files, its stargazers
    "relative",  # a file beside the list ("./CONTRIBUTING.md", "images/tree.png")
    "code",  # inside a code block or `code` span: shown, not linked
    "furniture",  # in a section such as Contributors, Sponsors, Licence, Star History
    "reference",  # a link reference definition ("[1]: https://…"), counted where it is used
    "elsewhere",  # a paper linked outside the entries (a badge, news) that is an entry elsewhere
    "comment",  # inside an HTML comment: the list hides it
    "prose",  # a link in running text that names no paper (a tool, a blog, another list)
    "empty",  # "[paper]()", "[1](None)": a link to no address (a placeholder: "coming soon")
)

# What a list writes, or a template leaves, where the address is not known yet.
PLACEHOLDER_URLS = frozenset({"none", "null", "nan", "tbd", "todo", "tba", "coming soon", "-",
                              "link", "url", "xxx"})  # fmt: skip


def has_no_address(url: str) -> bool:
    """A link to no address: "[paper]()", or a placeholder a template left ("[1](None)",
    "[code](TBD)"): never an entry's link."""
    stripped = url.strip()
    return not stripped or stripped.lower() in PLACEHOLDER_URLS


_UNSAFE_SCHEMES = frozenset({"javascript", "data", "file", "vbscript"})
# Labels that name the kind of link, not the work.
PAPER_LABELS = frozenset({"paper", "pdf", "arxiv", "doi", "openreview", "publication"})
# Hosts whose links are papers even without an id enrich can resolve.
_PAPER_HOSTS = (
    "arxiv.org", "aclanthology.org", "aclweb.org", "openreview.net", "doi.org", "dl.acm.org",
    "ieeexplore.ieee.org", "sciencedirect.com", "link.springer.com", "nature.com",
    "ojs.aaai.org", "aaai.org", "ijcai.org", "proceedings.neurips.cc", "papers.nips.cc",
    "proceedings.mlr.press", "semanticscholar.org", "biorxiv.org", "medrxiv.org", "jmir.org",
    "mdpi.com", "frontiersin.org", "pubmed.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov",
    "isca-archive.org", "isca-speech.org", "onlinelibrary.wiley.com", "tandfonline.com",
    "journals.plos.org", "pmc.ncbi.nlm.nih.gov", "openaccess.thecvf.com", "jmlr.org",
    "academic.oup.com", "jamanetwork.com", "bmj.com", "europepmc.org", "nejm.org",
    "thelancet.com", "cell.com", "science.org", "pnas.org", "biomedcentral.com",
    "psycnet.apa.org", "sagepub.com", "cambridge.org", "annualreviews.org", "iopscience.iop.org",
    "journals.aps.org", "pubs.acs.org", "royalsocietypublishing.org", "elifesciences.org",
    "researchgate.net", "ssrn.com", "papers.ssrn.com", "osf.io", "psyarxiv.com", "chemrxiv.org",
    "dbpia.co.kr", "linkinghub.elsevier.com", "openalex.org",
)  # fmt: skip
# Hosts that serve badges, counters and avatars, never content.
_BADGE_HOSTS = (
    "img.shields.io", "shields.io", "badgen.net", "badge.fury.io", "awesome.re",
    "cdn.rawgit.com", "visitor-badge.laobi.icu", "komarev.com", "hits.seeyoufarm.com",
    "api.star-history.com", "star-history.com", "contrib.rocks", "avatars.githubusercontent.com",
    "forthebadge.com", "github-readme-stats.vercel.app", "starchart.cc", "repobeats.axiom.co",
)  # fmt: skip
_FURNITURE_HEADINGS = re.compile(
    r"\b(contribut\w*|sponsor\w*|licen[cs]e|star[- ]?history|stargazers|acknowledg\w*|"
    r"contact|citation|cite|how to cite|backers|supporters|maintainers|todo|changelog|updates?|"
    r"news|talks|videos|lectures|podcasts|courses|people|researchers|"
    r"research (?:groups?|labs?)|labs|(?:related|relevant|other|similar)(?: awesome)? "
    r"(?:lists?|repos|repositories)|awesome lists)\b",
    re.I,
)
_PARENTHESES_RE = re.compile(r"\([^()]*\)")
# "arxiv.org/abs/…" written without a scheme is a URL; "README.md" is a file.
_BARE_HOST_RE = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.([A-Za-z]{2,})(?=[/?#:]|$)")
_FILE_EXTENSIONS = frozenset({"md", "markdown", "png", "jpg", "jpeg", "gif", "svg", "webp", "pdf",
                              "txt", "html", "htm", "bib", "yml", "yaml", "json", "csv", "py",
                              "ipynb", "rst", "cff", "mp4"})  # fmt: skip
_GITHUB_REPO_RE = re.compile(r"^/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


@load_cache(65536)
def unsafe_scheme(url: str) -> str | None:
    """The scheme of a link that must never be exported ("javascript", "data", …), or None."""
    m = _SCHEME_RE.match(url.strip())
    scheme = m.group(1).lower() if m else ""
    return scheme if scheme in _UNSAFE_SCHEMES else None


def leads_out(url: str) -> bool:
    """A link meant to lead out of the list: not an in-page anchor, not a file of the list's
    repository ("topics/llm.md"). An unsafe one ("javascript:…") was meant so too."""
    stripped = url.strip()
    return bool(stripped) and not is_anchor(stripped) and not is_relative(stripped)


def is_target(url: str) -> bool:
    """A link to something outside the list that may be followed: leads out, and is safe."""
    return leads_out(url) and unsafe_scheme(url.strip()) is None


def is_relative(url: str) -> bool:
    """A path beside the list ("./CONTRIBUTING.md", "images/tree.png"), not a URL or an id."""
    if _SCHEME_RE.match(url) or url.startswith(("www.", "//")) or is_anchor(url):
        return False
    m = _BARE_HOST_RE.match(url)
    return m is None or m.group(1).lower() in _FILE_EXTENSIONS


def is_anchor(url: str) -> bool:
    """A link to a place in the list itself ("#section"), or to one of its headings by the
    list's address (`self_links`): no link of a work."""
    if url.startswith(("#", "./#", "/#")):
        return True
    if "#" not in url:
        return False
    known = _SELF_LINKS.get()
    return known is not None and known.holds(url)


# A heading of a README linked by its address: "https://github.com/o/awesome#surveys",
# "…/blob/main/README.md#2-methods" (the repository root or its README, then the fragment).
_README_ANCHOR = (r"https?://(?:www\.)?github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?"
                  r"(?:/(?:blob|tree)/[^/#?\s]+/(?:readme(?:\.[a-z]+)?)?)?/?#")  # fmt: skip
_README_ANCHOR_RE = re.compile(_README_ANCHOR + r"(.+)", re.I)
_README_ANCHOR_IN_TEXT_RE = re.compile(_README_ANCHOR + r"([^\s()\[\]<>\"'|]+)", re.I)
_SLUG_DROPS_RE = re.compile(r"[^\w\- ]")
_SLUG_REPEAT_RE = re.compile(r"-\d{1,3}$")  # GitHub's "-1", "-2" for a repeated heading


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation and emoji dropped, spaces as
    hyphens ("1. Surveys & Reviews 🔥" -> "1-surveys--reviews-")."""
    return _SLUG_DROPS_RE.sub("", heading.strip().lower()).replace(" ", "-")


@dataclass(frozen=True)
class SelfLinks:
    """The list's own repositories, and its headings' anchors: a link to one of those headings
    by its address is a link within the list (a table of contents), not a work."""

    repos: frozenset[str]  # "owner/repo", lower case
    slugs: frozenset[str]

    def holds(self, url: str) -> bool:
        m = _README_ANCHOR_RE.match(url.strip())
        if m is None or f"{m[1]}/{m[2]}".lower() not in self.repos:
            return False
        return _fragment_slug(m[3]) in self.slugs


def _fragment_slug(fragment: str) -> str:
    """A fragment as a heading's slug, without the number a repeated heading gets (the
    headings' slugs are compared without it too)."""
    return _SLUG_REPEAT_RE.sub("", unquote(fragment).lower().removeprefix("user-content-"))


def self_links(text: str, headings: Iterable[str], own_repo: str | None) -> SelfLinks | None:
    """What links to the list's own headings look like in `text`: those of its own repository
    (`own_repo`, from its URL), and of any repository that two or more links name with
    different fragments that are the list's headings (the list read from a file, or its
    repository renamed since it wrote its table of contents)."""
    if "#" not in text or "github.com/" not in text.lower():
        return None
    slugs = frozenset(_SLUG_REPEAT_RE.sub("", github_slug(h)) for h in headings)
    seen: dict[str, set[str]] = {}
    for m in _README_ANCHOR_IN_TEXT_RE.finditer(text):
        slug = _fragment_slug(m[3])
        if slug in slugs:
            seen.setdefault(f"{m[1]}/{m[2]}".lower(), set()).add(slug)
    repos = {repo for repo, found in seen.items() if len(found) >= 2 or repo == own_repo}
    return SelfLinks(frozenset(repos), slugs) if repos else None


_SELF_LINKS: ContextVar[SelfLinks | None] = ContextVar("enrich_self_links", default=None)


@contextmanager
def reading_list(known: SelfLinks | None) -> Iterator[None]:
    """While one list is read: `is_anchor` knows its own headings' addresses."""
    token = _SELF_LINKS.set(known)
    try:
        yield
    finally:
        _SELF_LINKS.reset(token)


def is_paper_id(url: str) -> bool:
    """The link carries a paper id enrich resolves: arXiv, ACL, DOI, OpenReview, HF paper."""
    return paper_node(url) is not None


@load_cache(65536)  # a list repeats its links (the same code repo, …)
def paper_node(url: str) -> str | None:
    """ "arxiv:2401.00001" for a link that carries a paper id (a Hugging Face paper page is its
    arXiv paper), else None: what tells two links of one paper apart from two papers."""
    if not is_target(url):
        return None
    cid = canonicalize(url)
    return node_of(cid) if cid.kind in PAPER_KINDS else None


_ARXIV_PAGE_RE = re.compile(r"^https?://(?:[\w-]+\.)?arxiv\.org/(?:abs|pdf)/(?P<rest>[^?#]*)", re.I)


@load_cache(65536)
def malformed_paper_link(url: str) -> str | None:
    """Why a link to an arXiv paper page carries no valid id ("…/abs/2004.0409": a digit
    lost), or None."""
    m = _ARXIV_PAGE_RE.match(url.strip())
    if m is None or paper_node(url) is not None:
        return None
    return (f"arXiv link without a valid id ({m['rest'] or 'nothing'} after /abs/): "
            "a digit lost? The paper cannot be fetched")  # fmt: skip


# A static badge says what its address says: "/badge/ICML-2021-red" (label, message, colour),
# "/badge/Paper-purple" (message, colour); "--" is a dash, "__" an underscore, "_" a space.
_STATIC_BADGE_RE = re.compile(r"^/badge/(?P<content>[^?#]+?)(?:\.(?:svg|png))?$")
_BADGE_DASH_RE = re.compile(r"(?<!-)-(?!-)")


@load_cache(4096)  # a list repeats its badges
def is_badge(url: str) -> bool:
    """An image a badge service draws (stars, a version, a venue): no picture of the work."""
    stripped = url.strip()
    host = _host(stripped) if "://" in stripped or stripped.startswith("www.") else ""
    return any(host == h or host.endswith("." + h) for h in _BADGE_HOSTS)


def badge_words(url: str) -> str | None:
    """The words a static shields.io or badgen badge shows ("ICML 2021", "Paper"), read off its
    address; None for any other image."""
    host = _host(url.strip())
    if host not in ("img.shields.io", "shields.io", "badgen.net"):
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    m = _STATIC_BADGE_RE.match(path)
    if m is None:
        return None
    if host == "badgen.net":  # /badge/label/message/colour
        parts = m["content"].split("/")[:2]
    elif "/" in m["content"]:
        return None  # not a static badge
    else:
        parts = _BADGE_DASH_RE.split(m["content"])
        parts = parts[:-1] if len(parts) > 1 else parts  # the last part is the colour
    words = [unquote(p.replace("--", "-").replace("__", "\0").replace("_", " ").replace("\0", "_"))
             for p in parts]  # fmt: skip
    text = " ".join(" ".join(w.split()) for w in words if w.strip())
    return text or None


def _host(url: str) -> str:
    try:
        parts = urlsplit(url if "://" in url else "https://" + url)
        return (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return ""


@load_cache(65536)
def is_paperish(url: str, label: str) -> bool:
    """A link to a paper: a paper id, a publisher's host, a PDF, or a link labelled "Paper"."""
    lowered = label.lower()
    if lowered in PAPER_LABELS or lowered.startswith("paper"):
        return True
    if is_paper_id(url):
        return True
    host = _host(url)
    if any(host == h or host.endswith("." + h) for h in _PAPER_HOSTS):
        return True
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return False
    # "neurips.cc/virtual/2024/poster/95598": a conference's page of one paper
    return path.endswith(".pdf") or (
        host in _CONFERENCE_HOSTS and _CONFERENCE_PAPER_PATH_RE.search(path) is not None
    )


_CONFERENCE_HOSTS = frozenset({"neurips.cc", "nips.cc", "icml.cc", "iclr.cc", "aistats.org",
                               "auai.org", "roboticsconference.org"})  # fmt: skip
_CONFERENCE_PAPER_PATH_RE = re.compile(r"/(?:virtual/\d{4}/)?(?:poster|oral|spotlight|paper)s?/")


def site_root(url: str) -> bool:
    """A site's home page ("https://arxiv.org/"): it names no work. (Asked of every paper link:
    plain string work, not a URL parse.)"""
    text = url.strip()
    start = text.find("://")
    if start < 0:
        return False
    rest = text[start + 3 :].rstrip("/")
    return bool(rest) and "/" not in rest and "?" not in rest and "#" not in rest


def own_repository(list_url: str | None) -> str | None:
    """ "owner/repo" (lower case) of the list's own GitHub repository, from its URL."""
    if not list_url:
        return None
    try:
        parts = urlsplit(list_url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if host not in ("github.com", "raw.githubusercontent.com", "www.github.com"):
        return None
    m = _GITHUB_REPO_RE.match(parts.path)
    return f"{m.group(1)}/{m.group(2)}".lower().removesuffix(".git") if m else None


def furniture_heading(text: str | None) -> bool:
    """A section a list keeps for itself, not for its entries (Contributors, Licence, …). What
    a heading says in parentheses is an aside: "## Ann Lee (from Cruise research group, RMIT)"
    heads her papers."""
    if not text:
        return False
    if ")" in text:
        text = _PARENTHESES_RE.sub(" ", text)
    return _FURNITURE_HEADINGS.search(text) is not None


def ignore_reason(
    url: str,
    *,
    image: bool,
    in_code: bool,
    own_repo: str | None,
    furniture: bool,
    hidden: bool = False,
) -> str:
    """The named reason a link that is in no entry and names no paper is ignored."""
    stripped = url.strip()
    if has_no_address(stripped):
        return "empty"
    if hidden:
        return "comment"
    if in_code:
        return "code"
    if is_anchor(stripped):
        return "anchor"
    if image or is_badge(stripped):
        return "badge"
    host = _host(stripped) if "://" in stripped or stripped.startswith("www.") else ""
    if is_relative(stripped):
        return "relative"
    if own_repo and host in ("github.com", "raw.githubusercontent.com"):
        m = _GITHUB_REPO_RE.match(urlsplit(stripped).path)
        if m and f"{m.group(1)}/{m.group(2)}".lower().removesuffix(".git") == own_repo:
            return "own_repo"
    if furniture:
        return "furniture"
    return "prose"
