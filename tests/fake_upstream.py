"""A fake upstream for tests: one real HTTP server on 127.0.0.1 that speaks four real APIs.

`FakeUpstream` runs a stdlib `ThreadingHTTPServer` on 127.0.0.1 (port 0, so a free port) in a
background thread. It never contacts any other address. Every client (requests, httpx, the
`arxiv` and `semanticscholar` libraries) talks to it unchanged: give them `fake.base_url`.

Endpoints (one base URL for all; the service name in brackets is what `fake.requests` records):

* [arxiv]    ``GET /api/query?id_list=a,b&search_query=…&start=0&max_results=N`` — an Atom feed in
  arXiv's format (opensearch totals, ``<entry>`` with id ``http://arxiv.org/abs/<id>v<N>``, dates,
  title, summary, authors with optional ``arxiv:affiliation``, ``arxiv:doi``, ``arxiv:journal_ref``,
  ``arxiv:comment``, alternate/pdf/doi links, primary category, categories). Unknown ids are
  omitted; a versioned id returns that version; a malformed id is HTTP 400 with arXiv's error
  feed; a request line over 8190 bytes is HTTP 414 (Apache's limit: ~640 ids in one URL).
  ``search_query`` understands ``ti: au: abs: cat: id: all:`` terms joined by AND / OR / ANDNOT.
* [s2]       ``POST /graph/v1/paper/batch?fields=…`` with ``{"ids": […]}`` — a JSON array aligned
  with the ids, ``null`` for unknown ones; ids ``ARXIV:`` ``ACL:`` ``DOI:`` ``URL:`` ``CorpusId:``
  (prefixes case-insensitive), a bare paperId or a bare DOI. Only the requested fields, in S2's
  key order, plus ``paperId``. >500 ids → 400 ``{"error": …}``; unknown field → 400 like S2.
  ``GET /graph/v1/paper/{id}?fields=…`` → one paper, or 404
  ``{"error":"Paper with id X not found"}``.
  If ``fake.s2_api_key`` is set, a *different* ``x-api-key`` gets 403 ``{"message":"Forbidden"}``.
* [github]   ``GET /repos/{owner}/{repo}`` (case-insensitive) — the REST repository JSON (shape
  copied from a real recording), weak ``ETag``; ``If-None-Match`` with it → 304, no body, free.
  Rate-limit headers on every answer; budgets 60/h without ``Authorization`` and 5000/h with.
  Exhausted → 403 (or 429) "API rate limit exceeded …". Unknown → 404. Renamed → 301 with
  ``Location: <base>/repositories/<id>``; ``GET /repositories/{id}``; ``GET /rate_limit`` (free). If
  ``fake.github_token`` is set, any other token gets 401 "Bad credentials".
* [graphql]  ``POST /graphql`` — needs ``Authorization: bearer|token …`` (else 401). Aliased
  ``rN: repository(owner: "a", name: "b") {…}`` blocks (literals or ``$variables``) are found with
  a regex; each found repo gets the fixed shape of `GithubRepo.graphql()` whatever the selection;
  an unknown one is ``null`` plus a NOT_FOUND error in HTTP 200; renamed repos resolve to their new
  ``nameWithOwner``. ``rateLimit`` is answered if asked. 1 point per query of a 5000/h budget;
  exhausted → 200 with ``errors: [{"type": "RATE_LIMITED", …}]``.
* [acl]      ``GET /{acl_id}.bib`` — the Anthology's BibTeX; ``GET /volumes/{volume_id}.bib`` —
  ``@proceedings`` plus every known paper of the volume. Unknown → 404 HTML page.
* [files]    whatever was registered with ``fake.serve_file(path, bytes)``: strong ETag,
  ``If-None-Match`` → 304. Unregistered paths that match nothing → 404 [unknown].

Controls: ``fake.world`` (a `FakeWorld`, replaceable at any time); ``fake.requests``
(`RecordedRequest`: service, method, path, query, headers with lower-case names, body, status,
fault); ``fake.count(service)``; ``fake.reset_counts()``; ``fake.inject(service, fault, times=1,
**opts)``; ``fake.latency`` (seconds added to every answer); ``fake.release_held()`` (every
request held now by ``timeout``, ``slow`` or ``latency`` goes on at once: hold a request with a long
``seconds`` and release it when the test has seen what it waits for); ``fake.enforce_pacing``
(e.g. ``{"arxiv": 3.0, "s2": 1.0}``: a request sooner than that after the previous one of the
service gets 503 (arXiv) / 429 (others) and lands in ``fake.pacing_violations``; a request's
arrival is when its first bytes reached the machine, by the kernel's receive timestamp, as a real
service would see it: a handler thread that is slow to get to a request must not make it look
later than it came);
``fake.budgets`` (`RateBudget` per "core", "core_anon", "graphql").

Faults (``FAULTS``), applied to the next ``times`` requests of the service, in injection order:
``timeout`` (hold ``seconds``=10, then close without a byte), ``slow`` (wait ``seconds``=2, then
answer normally), ``429`` (``Retry-After: retry_after``=1), ``500``/``502``/``503`` (each service's
real error body; ``retry_after`` adds Retry-After), ``html`` (200 text/html maintenance page),
``truncated`` (``mode="length"``: Content-Length of the whole body, half sent, connection closed;
``mode="close"``: no Content-Length, half sent, connection closed), ``rate_limit`` (github/graphql
only, ``times`` ignored: the budget is empty now and refills after ``reset_in``=60 s; github
answers ``status``=403 or 429), ``echo`` (a careless service quoting the credential it was sent
— the ``Authorization`` value without its scheme, or ``x-api-key`` — back to the client:
``status``=307 redirects to the same URL with ``&echoed=<credential>``; 200 answers normally with
``"echoed": <credential>`` added to the JSON object, or to each object of a JSON array; any other
status answers a JSON error whose message and documentation URL quote it).
"""

from __future__ import annotations

import base64
import contextlib
import copy
import hashlib
import json
import random
import re
import socket
import struct
import threading
import time
import unicodedata
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, quote, unquote, urlsplit
from xml.sax.saxutils import escape

FIXTURES = Path(__file__).parent / "fixtures" / "upstream"

SERVICES = ("arxiv", "s2", "github", "graphql", "acl", "files")
FAULTS = (
    "timeout", "slow", "429", "500", "502", "503", "html", "truncated", "rate_limit", "echo"
)

ARXIV_MAX_REQUEST_LINE = 8190
S2_MAX_BATCH = 500
GITHUB_ANON_LIMIT = 60
GITHUB_AUTH_LIMIT = 5000
GRAPHQL_LIMIT = 5000

_ARXIV_NEW_ID = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")
_ARXIV_OLD_ID = re.compile(r"^[a-z][a-z\-]*(?:\.[A-Z]{2})?/(\d{2})(\d{2})\d{3}$")
_VERSION = re.compile(r"^(.+?)v(\d+)$")
_ACL_NEW_ID = re.compile(r"^(\d{4})\.([a-z0-9]+(?:-[a-z0-9]+)*)\.(\d+)$")
_ACL_OLD_ID = re.compile(r"^([A-Z])(\d{2})-(\d{4})$")


def _utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def split_arxiv_version(arxiv_id: str) -> tuple[str, int | None]:
    """``"2305.10250v2"`` → ``("2305.10250", 2)``; ``"2305.10250"`` → ``("2305.10250", None)``."""
    match = _VERSION.match(arxiv_id)
    if match and (_ARXIV_NEW_ID.match(match[1]) or _ARXIV_OLD_ID.match(match[1])):
        return match[1], int(match[2])
    return arxiv_id, None


def _valid_arxiv_id(arxiv_id: str) -> bool:
    base, _ = split_arxiv_version(arxiv_id)
    return bool(_ARXIV_NEW_ID.match(base) or _ARXIV_OLD_ID.match(base))


def acl_volume_id(acl_id: str) -> str:
    """``2024.emnlp-main.264`` → ``2024.emnlp-main``; ``P19-1001`` → ``P19-1``; ``W15-1201`` →
    ``W15-12`` and ``D19-6213`` → ``D19-62`` (workshops use two digits)."""
    new = _ACL_NEW_ID.match(acl_id)
    if new:
        return f"{new[1]}.{new[2]}"
    old = _ACL_OLD_ID.match(acl_id)
    if old:
        # The Anthology's rule: workshops (W), and the workshops filed under D19-50 … D19-66
        # (EMNLP 2019) and C69, have two-digit volumes; every other old id has one digit.
        number = int(old[3][:2])
        two = (
            old[1] == "W"
            or (old[1] == "C" and old[2] == "69")
            or (old[1] == "D" and old[2] == "19" and 50 <= number <= 66)
        )
        return f"{old[1]}{old[2]}-{old[3][: 2 if two else 1]}"
    raise ValueError(f"not an ACL Anthology id: {acl_id!r}")


# --------------------------------------------------------------------------------------------
# The in-memory world
# --------------------------------------------------------------------------------------------


@dataclass
class ArxivRecord:
    """One arXiv paper. ``arxiv_id`` has no version; ``versions`` is how many exist."""

    arxiv_id: str
    title: str
    authors: list[str]
    abstract: str
    categories: list[str]  # the first one is the primary category
    published: datetime  # v1
    updated: datetime  # latest version
    versions: int = 1
    doi: str | None = None
    journal_ref: str | None = None
    comment: str | None = None
    affiliations: dict[str, list[str]] = field(default_factory=dict)  # author name → list

    def version_dates(self, version: int) -> tuple[datetime, datetime]:
        """(published, updated) as the feed shows them for ``version``."""
        if version >= self.versions or self.versions <= 1:
            return self.published, self.updated
        step = (self.updated - self.published) / (self.versions - 1)
        return self.published, self.published + step * (version - 1)


@dataclass
class S2Author:
    authorId: str | None
    name: str


@dataclass
class S2Record:
    """One Semantic Scholar paper; attribute names are S2's field names."""

    paperId: str
    corpusId: int
    externalIds: dict[str, Any]  # e.g. {"ArXiv": …, "ACL": …, "DOI": …, "CorpusId": …}
    title: str
    abstract: str | None = None
    year: int | None = None
    venue: str = ""
    publicationDate: str | None = None
    authors: list[S2Author] = field(default_factory=list)
    citationCount: int = 0
    influentialCitationCount: int = 0
    referenceCount: int = 0
    isOpenAccess: bool = False
    openAccessPdf: dict[str, Any] | None = None
    fieldsOfStudy: list[str] | None = None
    publicationTypes: list[str] | None = None
    journal: dict[str, Any] | None = None
    publicationVenue: dict[str, Any] | None = None
    urls: list[str] = field(default_factory=list)  # what ``URL:`` ids it answers to
    extra: dict[str, Any] = field(default_factory=dict)  # any other field, returned as is

    def all_urls(self) -> set[str]:
        urls = {_norm_url(u) for u in self.urls}
        urls.add(_norm_url(f"https://www.semanticscholar.org/paper/{self.paperId}"))
        if self.externalIds.get("ArXiv"):
            urls.add(_norm_url(f"https://arxiv.org/abs/{self.externalIds['ArXiv']}"))
        if self.externalIds.get("ACL"):
            acl = self.externalIds["ACL"]
            urls.add(_norm_url(f"https://aclanthology.org/{acl}"))
            urls.add(_norm_url(f"https://www.aclweb.org/anthology/{acl}"))
        return urls

    def field_value(self, name: str, author_fields: list[str]) -> Any:
        if name in self.extra:
            return copy.deepcopy(self.extra[name])
        if name == "externalIds":
            ids = dict(self.externalIds)
            ids.setdefault("CorpusId", self.corpusId)
            return ids
        if name == "url":
            return f"https://www.semanticscholar.org/paper/{self.paperId}"
        if name == "authors":
            out = []
            for author in self.authors:
                entry: dict[str, Any] = {"authorId": author.authorId, "name": author.name}
                for sub in author_fields:
                    entry.setdefault(sub, None)
                out.append(entry)
            return out
        if name == "s2FieldsOfStudy":
            return [{"category": f, "source": "s2-fos-model"} for f in self.fieldsOfStudy or []]
        if name == "citationStyles":
            names = " and ".join(a.name for a in self.authors)
            key = re.sub(r"\W", "", (self.authors[0].name.split()[-1] if self.authors else "X"))
            return {
                "bibtex": f"@Article{{{key}{self.year},\n author = {{{names}}},\n"
                f" title = {{{self.title}}},\n year = {{{self.year}}}\n}}\n"
            }
        if name in ("citations", "references"):
            return []
        if name in ("embedding", "tldr", "textAvailability"):
            return None
        return copy.deepcopy(getattr(self, name))


@dataclass
class GithubRepo:
    """One GitHub repository. ``watchers`` is GitHub's subscribers (people watching);
    ``open_issues`` excludes pull requests (REST ``open_issues_count`` adds ``open_prs``)."""

    full_name: str
    id: int
    stars: int = 0
    forks: int = 0
    watchers: int = 0
    open_issues: int = 0
    open_prs: int = 0
    license_spdx: str | None = "MIT"
    language: str | None = "Python"
    topics: list[str] = field(default_factory=list)
    description: str | None = None
    homepage: str | None = None
    created_at: str = "2023-01-01T00:00:00Z"
    updated_at: str = "2025-01-01T00:00:00Z"
    pushed_at: str = "2025-01-01T00:00:00Z"
    archived: bool = False
    fork: bool = False
    renamed_from: list[str] = field(default_factory=list)
    owner_type: str = "User"
    default_branch: str = "main"
    size: int = 1024

    LICENSES: ClassVar[dict[str, tuple[str, str]]] = {
        "MIT": ("mit", "MIT License"),
        "Apache-2.0": ("apache-2.0", "Apache License 2.0"),
        "GPL-3.0": ("gpl-3.0", "GNU General Public License v3.0"),
        "LGPL-3.0": ("lgpl-3.0", "GNU Lesser General Public License v3.0"),
        "BSD-3-Clause": ("bsd-3-clause", 'BSD 3-Clause "New" or "Revised" License'),
        "CC-BY-4.0": ("cc-by-4.0", "Creative Commons Attribution 4.0 International"),
        "NOASSERTION": ("other", "Other"),
    }

    @property
    def owner(self) -> str:
        return self.full_name.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.full_name.split("/", 1)[1]

    def license(self, api: str) -> dict[str, Any] | None:
        if self.license_spdx is None:
            return None
        key, name = self.LICENSES.get(
            self.license_spdx, (self.license_spdx.lower(), self.license_spdx)
        )
        return {
            "key": key,
            "name": name,
            "spdx_id": self.license_spdx,
            "url": None if key == "other" else f"{api}/licenses/{key}",
            "node_id": "MDc6TGljZW5zZTEz",
        }

    def rest(self, api: str) -> dict[str, Any]:
        """The REST body, built on the structure of a real recorded answer."""
        body = _rest_template(api, self.owner, self.name)
        body.update(
            id=self.id,
            node_id=_b64id(f"010:Repository{self.id}"),
            name=self.name,
            full_name=self.full_name,
            description=self.description,
            fork=self.fork,
            created_at=self.created_at,
            updated_at=self.updated_at,
            pushed_at=self.pushed_at,
            homepage=self.homepage,
            size=self.size,
            stargazers_count=self.stars,
            watchers_count=self.stars,  # GitHub's quirk: watchers_count is the star count
            language=self.language,
            forks_count=self.forks,
            archived=self.archived,
            open_issues_count=self.open_issues + self.open_prs,
            license=self.license(api),
            topics=list(self.topics),
            forks=self.forks,
            open_issues=self.open_issues + self.open_prs,
            watchers=self.stars,
            default_branch=self.default_branch,
            network_count=self.forks,
            subscribers_count=self.watchers,
        )
        owner_id = _int_hash("owner:" + self.owner.lower(), 10**7, 10**8)
        kind = "Organization" if self.owner_type == "Organization" else "User"
        body["owner"].update(
            id=owner_id,
            type=self.owner_type,
            node_id=_b64id(f"04:{kind}{owner_id}"),
            avatar_url=f"https://avatars.githubusercontent.com/u/{owner_id}?v=4",
        )
        if self.owner_type == "Organization":
            body["organization"] = copy.deepcopy(body["owner"])
        else:
            body.pop("organization", None)
        return body

    def graphql(self) -> dict[str, Any]:
        """The fixed GraphQL shape returned for every ``repository(…)`` block."""
        lic = self.LICENSES.get(self.license_spdx or "", None)
        return {
            "nameWithOwner": self.full_name,
            "url": f"https://github.com/{self.full_name}",
            "stargazerCount": self.stars,
            "forkCount": self.forks,
            "watchers": {"totalCount": self.watchers},
            "issues": {"totalCount": self.open_issues},
            "licenseInfo": None
            if self.license_spdx is None
            else {"spdxId": self.license_spdx, "name": lic[1] if lic else self.license_spdx},
            "primaryLanguage": None if self.language is None else {"name": self.language},
            "repositoryTopics": {"nodes": [{"topic": {"name": t}} for t in self.topics]},
            "description": self.description,
            "homepageUrl": self.homepage,
            "createdAt": self.created_at,
            "pushedAt": self.pushed_at,
            "isArchived": self.archived,
        }


@dataclass
class AclRecord:
    """One ACL Anthology paper: ``fields`` are BibTeX fields in output order, values as they
    appear between the quotes (``month`` is a bare macro such as ``nov``)."""

    acl_id: str
    fields: dict[str, str]
    bibkey: str
    entry_type: str = "inproceedings"

    @property
    def volume_id(self) -> str:
        return acl_volume_id(self.acl_id)

    def bib(self) -> str:
        return _bibtex(self.entry_type, self.bibkey, self.fields)


@dataclass
class FakeWorld:
    """What the fake upstream knows. Mutate it freely between requests ("days")."""

    arxiv: dict[str, ArxivRecord] = field(default_factory=dict)  # by base id
    s2: list[S2Record] = field(default_factory=list)
    repos: dict[str, GithubRepo] = field(default_factory=dict)  # by lower-case full name
    acl: dict[str, AclRecord] = field(default_factory=dict)  # by acl id

    # -- building -------------------------------------------------------------------------
    def add_arxiv(self, record: ArxivRecord) -> ArxivRecord:
        self.arxiv[record.arxiv_id] = record
        return record

    def add_s2(self, record: S2Record) -> S2Record:
        self.s2.append(record)
        return record

    def add_repo(self, repo: GithubRepo) -> GithubRepo:
        self.repos[repo.full_name.lower()] = repo
        return repo

    def add_acl(self, record: AclRecord) -> AclRecord:
        self.acl[record.acl_id] = record
        return record

    def rename_repo(self, old: str, new: str) -> GithubRepo:
        """Rename: the old name then answers 301 (REST) and resolves transparently (GraphQL)."""
        repo = self.repos.pop(old.lower())
        repo.renamed_from.append(repo.full_name)
        repo.full_name = new
        self.repos[new.lower()] = repo
        return repo

    def remove_repo(self, full_name: str) -> None:
        self.repos.pop(full_name.lower())

    # -- lookups (KeyError when absent) -----------------------------------------------------
    def arxiv_record(self, arxiv_id: str) -> ArxivRecord:
        return self.arxiv[split_arxiv_version(arxiv_id)[0]]

    def s2_by_arxiv(self, arxiv_id: str) -> S2Record:
        return self._s2_one(self._s2_by_external("ArXiv", split_arxiv_version(arxiv_id)[0]))

    def s2_by_acl(self, acl_id: str) -> S2Record:
        return self._s2_one(self._s2_by_external("ACL", acl_id))

    def s2_by_doi(self, doi: str) -> S2Record:
        return self._s2_one(self._s2_by_external("DOI", doi))

    def repo(self, full_name: str) -> GithubRepo:
        """The repository under its current name or any former one."""
        found = self.find_repo(full_name)
        if found is None:
            raise KeyError(full_name)
        return found[0]

    def acl_record(self, acl_id: str) -> AclRecord:
        return self.acl[acl_id]

    # -- lookups used by the server ---------------------------------------------------------
    def find_repo(self, full_name: str) -> tuple[GithubRepo, bool] | None:
        """(repo, renamed?) for a current or former name, case-insensitive."""
        key = full_name.lower()
        if key in self.repos:
            return self.repos[key], False
        for repo in self.repos.values():
            if key in (n.lower() for n in repo.renamed_from):
                return repo, True
        return None

    def repo_by_id(self, repo_id: int) -> GithubRepo | None:
        return next((r for r in self.repos.values() if r.id == repo_id), None)

    def acl_volume(self, volume_id: str) -> list[AclRecord]:
        papers = [r for r in self.acl.values() if r.volume_id == volume_id]
        return sorted(papers, key=lambda r: int(re.split(r"[.\-]", r.acl_id)[-1]))

    def s2_lookup(self, raw_id: str) -> S2Record | None:
        """Resolve a batch/single id the way S2 does (see module docstring)."""
        prefix, sep, value = raw_id.partition(":")
        kind = prefix.lower() if sep else ""
        if kind == "arxiv":
            return self._s2_first(self._s2_by_external("ArXiv", value))
        if kind == "acl":
            return self._s2_first(self._s2_by_external("ACL", value))
        if kind == "doi":
            return self._s2_first(self._s2_by_external("DOI", value))
        if kind in ("mag", "pmid", "pmcid", "dblp"):
            name = {"mag": "MAG", "pmid": "PubMed", "pmcid": "PubMedCentral", "dblp": "DBLP"}
            return self._s2_first(self._s2_by_external(name[kind], value))
        if kind == "corpusid":
            return next((r for r in self.s2 if str(r.corpusId) == value.strip()), None)
        if kind == "url":
            wanted = _norm_url(value)
            return next((r for r in self.s2 if wanted in r.all_urls()), None)
        if re.fullmatch(r"[0-9a-fA-F]{40}", raw_id):
            return next((r for r in self.s2 if r.paperId.lower() == raw_id.lower()), None)
        if raw_id.startswith("10."):
            return self._s2_first(self._s2_by_external("DOI", raw_id))
        return None

    def _s2_by_external(self, name: str, value: str) -> list[S2Record]:
        value = value.strip().lower()
        return [r for r in self.s2 if str(r.externalIds.get(name, "")).lower() == value]

    @staticmethod
    def _s2_first(found: list[S2Record]) -> S2Record | None:
        return found[0] if found else None

    @staticmethod
    def _s2_one(found: list[S2Record]) -> S2Record:
        if not found:
            raise KeyError("no such S2 record")
        return found[0]

    # -- the deterministic builder ----------------------------------------------------------
    @classmethod
    def synthetic(
        cls,
        arxiv_ids: Iterable[str] = (),
        acl_ids: Iterable[str] = (),
        repos: Iterable[str] = (),
        titles: dict[str, str] | None = None,
        links: Iterable[tuple[str, str]] = (),
    ) -> FakeWorld:
        """Invent plausible records, seeded by each id (same ids → same records).

        One S2 record per work: a linked ``(arxiv_id, acl_id)`` pair is one work whose
        externalIds carry both ids (plus the ACL DOI), with the same title and authors on arXiv
        and in the Anthology. ``titles`` may be keyed by an arXiv or an ACL id.
        """
        titles = titles or {}
        world = cls()
        link_list = [(split_arxiv_version(a)[0], b) for a, b in links]
        acl_of = dict(link_list)
        arxiv_of = {b: a for a, b in link_list}
        all_arxiv = list(
            dict.fromkeys([split_arxiv_version(a)[0] for a in arxiv_ids] + list(acl_of))
        )
        all_acl = list(dict.fromkeys([*acl_ids, *arxiv_of]))
        for aid in all_arxiv:
            acl_id = acl_of.get(aid)
            title = titles.get(aid) or (titles.get(acl_id) if acl_id else None)
            _synth_work(world, aid, acl_id, title)
        for acl_id in all_acl:
            if acl_id not in arxiv_of:
                _synth_work(world, None, acl_id, titles.get(acl_id))
        for full_name in repos:
            world.add_repo(_synth_repo(full_name))
        return world


# --------------------------------------------------------------------------------------------
# Synthetic data
# --------------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FIRST = _words(
    "Wei Huachuan Siyang Ana Lena Kenji Priya Omar Sofia Minh Yuki Elena Tomás Aisha Jonas "
    "Mei Rahul Hyunjong Suyeon Fatima Lucas Ingrid Mateo Chiara Arjun Zhenzhong Hongbin "
    "Noor Dmitri Kailai"
)
_LAST = _words(
    "Zhang Qiu Liu Müller Rossi Tanaka Sharma Haddad García Nguyen Sato Petrova Silva "
    "Okafor Berg Chen Gupta Kim Lee Rahman Martin Andersen Lopez Bianchi Iyer Lan Na Yang "
    "Ivanov Zhong"
)
_WORDS = _words(
    "dialogue counseling empathy memory agents support reasoning benchmark dataset language "
    "models therapy emotion retrieval evaluation alignment multilingual safety detection "
    "risk conversation simulation feedback personalised clinical"
)
_CATEGORIES = ("cs.CL", "cs.AI", "cs.LG", "cs.HC", "cs.CY", "cs.IR")
_TOPICS = _words(
    "nlp llm mental-health dialogue-systems pytorch transformers chatbot dataset benchmark "
    "psychology huggingface"
)
_CITIES = (
    "Online",
    "Singapore",
    "Toronto, Canada",
    "Bangkok, Thailand",
    "Vienna, Austria",
    "Dublin, Ireland",
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _rng(seed: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))


def _int_hash(seed: str, low: int, high: int) -> int:
    return low + int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16) % (high - low)


def _b64id(text: str) -> str:
    return base64.b64encode(text.encode()).decode().rstrip("=")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _arxiv_month(arxiv_id: str) -> tuple[int, int]:
    match = _ARXIV_NEW_ID.match(arxiv_id) or _ARXIV_OLD_ID.match(arxiv_id)
    if not match:
        raise ValueError(f"not an arXiv id: {arxiv_id!r}")
    yy, mm = int(match[1]), int(match[2])
    return (2000 + yy if yy < 90 else 1900 + yy), mm


def _acl_year(acl_id: str) -> int:
    new = _ACL_NEW_ID.match(acl_id)
    if new:
        return int(new[1])
    old = _ACL_OLD_ID.match(acl_id)
    if not old:
        raise ValueError(f"not an ACL Anthology id: {acl_id!r}")
    yy = int(old[2])
    return 2000 + yy if yy < 50 else 1900 + yy


def _acl_venue(acl_id: str) -> str:
    """``emnlp``, ``acl``, ``naacl``, ``lrec`` … (the bare conference)."""
    new = _ACL_NEW_ID.match(acl_id)
    if new:
        part = new[2].removeprefix("findings-")
        return part.split("-")[0]
    letter = acl_id[0]
    return {"P": "acl", "D": "emnlp", "N": "naacl", "L": "lrec", "W": "ws"}.get(letter, "acl")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _booktitle(acl_id: str) -> str:
    year = _acl_year(acl_id)
    volume = acl_volume_id(acl_id)
    part = volume.split(".", 1)[1] if "." in volume else ""
    if part.startswith("findings-"):
        return (
            f"Findings of the Association for Computational Linguistics: {part[9:].upper()} {year}"
        )
    if part == "emnlp-main" or acl_id.startswith("D"):
        return (
            f"Proceedings of the {year} Conference on Empirical Methods in Natural Language "
            "Processing"
        )
    if part.startswith("acl-") or acl_id.startswith("P"):
        kind = "Volume 2: Short Papers" if part == "acl-short" else "Volume 1: Long Papers"
        return (
            f"Proceedings of the {_ordinal(year - 1962)} Annual Meeting of the Association for "
            f"Computational Linguistics ({kind})"
        )
    if part.startswith("naacl-") or acl_id.startswith("N"):
        chapter = "Nations of the Americas" if year >= 2025 else "North American"
        return (
            f"Proceedings of the {year} Conference of the {chapter} Chapter of the Association for "
            "Computational Linguistics: Human Language Technologies (Volume 1: Long Papers)"
        )
    if part == "lrec-main" and year == 2024:
        return (
            "Proceedings of the 2024 Joint International Conference on Computational Linguistics, "
            "Language Resources and Evaluation (LREC-COLING 2024)"
        )
    return f"Proceedings of the Workshop {volume} ({year})"


_S2_VENUES = {
    "emnlp": "Conference on Empirical Methods in Natural Language Processing",
    "acl": "Annual Meeting of the Association for Computational Linguistics",
    "naacl": "North American Chapter of the Association for Computational Linguistics",
    "lrec": "International Conference on Language Resources and Evaluation",
}
_KNOWN_PLACES = {
    (2024, "emnlp"): ("nov", "Miami, Florida, USA"),
    (2024, "lrec"): ("may", "Torino, Italia"),
    (2025, "naacl"): ("apr", "Albuquerque, New Mexico"),
    (2021, "acl"): ("aug", "Online"),
}
_VENUE_MONTH = {"emnlp": "nov", "acl": "aug", "naacl": "jun", "lrec": "may"}


def _brace_caps(title: str) -> str:
    """The Anthology protects capitals: ``PsyGUARD`` → ``{P}sy{GUARD}``, ``SMILE`` → ``{SMILE}``."""

    def word(w: str) -> str:
        if re.search(r"[A-Z]", w[1:]):
            return re.sub(r"[A-Z]+", lambda m: "{" + m.group() + "}", w)
        return w

    return " ".join(word(w) for w in title.split(" "))


# The Anthology's BibTeX export writes typographic characters as TeX (its records are Unicode).
_ANTHOLOGY_TEX = (
    ("\u201c", "{``}"),
    ("\u201d", "{''}"),
    ("\u2019", "{'}"),
    ("\u2018", "{`}"),
    ("\u2014", "---"),
    ("\u2013", "--"),
    ("\U0001d713", "$\\psi$"),  # PATIENT-𝜓
    ("\u03c8", "$\\psi$"),
)


def anthology_tex(text: str) -> str:
    """Unicode title → the Anthology's BibTeX: ``“Best” – LLMs’`` → ``{``}Best{''} -- LLMs{'}``."""
    for char, tex in _ANTHOLOGY_TEX:
        text = text.replace(char, tex)
    return text


_OTHER_WORDS = _words(
    "Orchard Lattice Glacier Harbor Nebula Falcon Meadow Cobalt Saffron Quartz Tundra Willow "
    "Ember Basalt Lagoon Thistle Marble Juniper Canyon Aurora Cinder Fjord Pebble Kestrel"
)


def generic_sibling(title: str, common: set[str], seed: str) -> str:
    """Another paper's title that shares only the generic words of `title`: every word whose
    lower-case form is not in `common` (the words many titles of the list share, and stop
    words) is swapped for an unrelated one. "PsyX: Empathy with Large Language Models" →
    "Orchard: Quartz with Large Language Models"."""
    rng = _rng("sibling:" + seed)
    out = []
    for word in title.split(" "):
        parts = [p.lower() for p in re.findall(r"\w+", word)]
        # "LLM-based" keeps its "LLM"; "Model" is as generic as "models".
        if not parts or any(p in common or p + "s" in common or p[:-1] in common for p in parts):
            out.append(word)
        else:
            out.append(re.sub(r"[\w][\w'’-]*", rng.choice(_OTHER_WORDS), word, count=1))
    return " ".join(out)


def _bib_value(text: str) -> str:
    return text.replace('"', '{"}')


def _bibtex(entry_type: str, key: str, fields: dict[str, str]) -> str:
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields.items():
        if name == "month" and value in _MONTHS:
            lines.append(f"    {name} = {value},")
        else:
            lines.append(f'    {name} = "{_bib_value(value)}",')
    if len(lines) > 1 and entry_type == "proceedings":
        lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _bib_names(names: list[str]) -> str:
    """``["Huachuan Qiu", "Lizhi Ma"]`` → ``Qiu, Huachuan  and\\n      Ma, Lizhi``."""
    parts = []
    for name in names:
        first, _, last = name.rpartition(" ")
        parts.append(f"{last}, {first}" if first else last)
    return "  and\n      ".join(parts)


def _bibkey(names: list[str], year: int, title: str) -> str:
    lasts = [_ascii(n.rpartition(" ")[2]) for n in names] or ["anonymous"]
    stop = {"a", "an", "the", "on", "of", "for", "towards", "toward"}
    words = [w for w in re.findall(r"[a-z0-9]+", _ascii(title)) if w not in stop] or ["paper"]
    who = f"{lasts[0]}-etal" if len(lasts) > 2 else "-".join(lasts)
    return f"{who}-{year}-{words[0]}"


def _synth_names(rng: random.Random, n: int) -> list[str]:
    names: list[str] = []
    while len(names) < n:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name not in names:
            names.append(name)
    return names


def _synth_title(rng: random.Random) -> str:
    words = rng.sample(_WORDS, 5)
    acronym = "".join(w[0] for w in words[:3]).upper() + rng.choice(("", "-LLM", "Bench"))
    return f"{acronym}: " + " ".join(w.capitalize() if i == 0 else w for i, w in enumerate(words))


def _synth_abstract(rng: random.Random, title: str) -> str:
    sentences = [
        f"We present {title.split(':')[0]}, a study of {rng.choice(_WORDS)} and "
        f"{rng.choice(_WORDS)}.",
        f"We release {rng.randint(2, 90)}k annotated examples.",
        f"Experiments show gains of {rng.randint(2, 19)} points over strong baselines.",
        "Code and data are publicly available.",
    ]
    return " ".join(sentences)


def _synth_work(
    world: FakeWorld, arxiv_id: str | None, acl_id: str | None, title: str | None
) -> None:
    key = arxiv_id or acl_id or ""
    rng = _rng("work:" + key)
    title = title or _synth_title(rng)
    authors = _synth_names(rng, rng.randint(2, 6))
    abstract = _synth_abstract(rng, title)
    published: datetime | None = None
    if arxiv_id:
        pub_year, pub_month = _arxiv_month(arxiv_id)
        published = datetime(
            pub_year,
            pub_month,
            rng.randint(1, 28),
            rng.randint(0, 23),
            rng.randint(0, 59),
            rng.randint(0, 59),
            tzinfo=UTC,
        )
        versions = rng.randint(1, 3)
        updated = published + timedelta(days=rng.randint(20, 200)) if versions > 1 else published
        cats = [rng.choice(_CATEGORIES)]
        cats += [c for c in rng.sample(_CATEGORIES, 2) if c != cats[0]][: rng.randint(0, 2)]
        world.add_arxiv(
            ArxivRecord(
                arxiv_id=arxiv_id,
                title=title,
                authors=list(authors),
                abstract=abstract,
                categories=cats,
                published=published,
                updated=updated,
                versions=versions,
                comment=f"{rng.randint(8, 30)} pages, {rng.randint(1, 9)} figures",
            )
        )
    if acl_id:
        year = _acl_year(acl_id)
        venue = _acl_venue(acl_id)
        month, address = _KNOWN_PLACES.get(
            (year, venue), (_VENUE_MONTH.get(venue, rng.choice(_MONTHS)), rng.choice(_CITIES))
        )
        number = int(re.split(r"[.\-]", acl_id)[-1]) % 1000
        start = 1 + number * 13 + rng.randint(0, 9)
        fields: dict[str, str] = {
            "title": anthology_tex(_brace_caps(title)),
            "author": _bib_names(authors),
            "editor": _bib_names(_synth_names(_rng("editors:" + acl_volume_id(acl_id)), 3)),
            "booktitle": _booktitle(acl_id),
            "month": month,
            "year": str(year),
            "address": address,
            "publisher": "Association for Computational Linguistics",
            "url": f"https://aclanthology.org/{acl_id}/",
        }
        if year >= 2015:
            fields["doi"] = f"10.18653/v1/{acl_id}"
        fields["pages"] = f"{start}--{start + rng.randint(8, 16)}"
        fields["abstract"] = abstract
        world.add_acl(AclRecord(acl_id=acl_id, fields=fields, bibkey=_bibkey(authors, year, title)))
    # One S2 record per work.
    ext: dict[str, Any] = {}
    year_s2 = _acl_year(acl_id) if acl_id else (published.year if published else None)
    if arxiv_id:
        ext["DBLP"] = "journals/corr/abs-" + arxiv_id.replace(".", "-").replace("/", "-")
        ext["ArXiv"] = arxiv_id
    if acl_id:
        ext["ACL"] = acl_id
        ext["DOI"] = f"10.18653/v1/{acl_id}"
    elif arxiv_id:
        ext["DOI"] = f"10.48550/arXiv.{arxiv_id}"
    corpus_id = _int_hash("corpus:" + key, 200_000_000, 280_000_000)
    ext["CorpusId"] = corpus_id
    citations = rng.randint(0, 400)
    if acl_id:
        venue_name = _S2_VENUES.get(_acl_venue(acl_id), "Workshop")
        pdf = {"url": f"https://aclanthology.org/{acl_id}.pdf", "status": "HYBRID"}
    else:
        venue_name = "arXiv.org"
        pdf = {"url": f"https://arxiv.org/pdf/{arxiv_id}", "status": "GREEN"}
    world.add_s2(
        S2Record(
            paperId=hashlib.sha1(("paper:" + key).encode()).hexdigest(),
            corpusId=corpus_id,
            externalIds=ext,
            title=title,
            abstract=abstract,
            year=year_s2,
            venue=venue_name,
            publicationDate=published.date().isoformat() if published else f"{year_s2}-11-01",
            authors=[S2Author(str(_int_hash("author:" + n, 10**6, 10**10)), n) for n in authors],
            citationCount=citations,
            influentialCitationCount=citations // rng.randint(8, 20),
            referenceCount=rng.randint(15, 90),
            isOpenAccess=True,
            openAccessPdf=pdf,
            fieldsOfStudy=["Computer Science"],
            publicationTypes=["JournalArticle", "Conference"] if acl_id else ["JournalArticle"],
            journal={"name": venue_name}
            if acl_id
            else {"name": "ArXiv", "volume": f"abs/{arxiv_id}"},
        )
    )


def _synth_repo(full_name: str) -> GithubRepo:
    rng = _rng("repo:" + full_name.lower())
    stars = rng.randint(5, 5000)
    created = datetime(2019, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 5 * 365 * 86400))
    pushed = created + timedelta(seconds=rng.randint(86400, 400 * 86400))
    return GithubRepo(
        full_name=full_name,
        id=_int_hash("repoid:" + full_name.lower(), 100_000_000, 999_999_999),
        stars=stars,
        forks=stars // rng.randint(5, 12),
        watchers=max(1, stars // rng.randint(20, 60)),
        open_issues=rng.randint(0, 40),
        open_prs=rng.randint(0, 5),
        license_spdx=rng.choice(("MIT", "Apache-2.0", "MIT", None, "CC-BY-4.0")),
        language=rng.choice(("Python", "Python", "Jupyter Notebook", "Python", None)),
        topics=sorted(rng.sample(_TOPICS, rng.randint(0, 4))),
        description=f"Code and data for {full_name.split('/')[-1]}",
        homepage=rng.choice(("", None, f"https://{full_name.split('/')[0].lower()}.github.io")),
        created_at=_iso(created),
        updated_at=_iso(pushed + timedelta(days=3)),
        pushed_at=_iso(pushed),
        owner_type=rng.choice(("User", "Organization")),
    )


# --------------------------------------------------------------------------------------------
# Wire formats
# --------------------------------------------------------------------------------------------

_REST_TEMPLATE: dict[str, Any] | None = None
_REST_ADMIN_ONLY = _words(
    "permissions temp_clone_token allow_squash_merge allow_merge_commit allow_rebase_merge "
    "allow_auto_merge delete_branch_on_merge allow_update_branch "
    "use_squash_pr_title_as_default squash_merge_commit_message squash_merge_commit_title "
    "merge_commit_message merge_commit_title security_and_analysis"
)


def _rest_template(api: str, owner: str, name: str) -> dict[str, Any]:
    global _REST_TEMPLATE
    if _REST_TEMPLATE is None:
        raw = (FIXTURES / "github" / "github_repo_PyGithub_PyGithub.json").read_text("utf-8")
        _REST_TEMPLATE = json.loads(raw)
        for key in _REST_ADMIN_ONLY:
            _REST_TEMPLATE.pop(key, None)

    def fix(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, str):
            value = value.replace(
                "https://api.github.com/repos/PyGithub/PyGithub", f"{api}/repos/{owner}/{name}"
            )
            value = value.replace("https://api.github.com/users/PyGithub", f"{api}/users/{owner}")
            value = value.replace(
                "https://github.com/PyGithub/PyGithub", f"https://github.com/{owner}/{name}"
            )
            value = value.replace("https://github.com/PyGithub", f"https://github.com/{owner}")
            value = value.replace(
                "git://github.com/PyGithub/PyGithub", f"git://github.com/{owner}/{name}"
            )
            value = value.replace(
                "git@github.com:PyGithub/PyGithub", f"git@github.com:{owner}/{name}"
            )
            value = value.replace("https://api.github.com", api)
            if value == "PyGithub":
                value = owner
        return value

    return dict(fix(_REST_TEMPLATE))


def _norm_url(url: str) -> str:
    url = url.strip()
    url = re.sub(r"^https?://(www\.)?", "", url, flags=re.I)
    host, _, rest = url.partition("/")
    rest = re.sub(r"(v\d+)?(\.pdf)?/?$", "", rest) if host.lower() == "arxiv.org" else rest
    rest = rest.replace("pdf/", "abs/", 1) if host.lower() == "arxiv.org" else rest
    return f"{host.lower()}/{rest.rstrip('/')}"


def _atom_entry(rec: ArxivRecord, version: int) -> str:
    vid = f"{rec.arxiv_id}v{version}"
    published, updated = rec.version_dates(version)
    out = [
        "  <entry>",
        f"    <id>http://arxiv.org/abs/{vid}</id>",
        f"    <title>{escape(rec.title)}</title>",
        f"    <updated>{_iso(updated)}</updated>",
        f'    <link href="https://arxiv.org/abs/{vid}" rel="alternate" type="text/html"/>',
        f'    <link href="https://arxiv.org/pdf/{vid}" rel="related" type="application/pdf" '
        'title="pdf"/>',
        f"    <summary>{escape(rec.abstract)}</summary>",
    ]
    out += [
        f'    <category term="{c}" scheme="http://arxiv.org/schemas/atom"/>' for c in rec.categories
    ]
    out.append(f"    <published>{_iso(published)}</published>")
    if rec.comment:
        out.append(f"    <arxiv:comment>{escape(rec.comment)}</arxiv:comment>")
    if rec.categories:
        out.append(f'    <arxiv:primary_category term="{rec.categories[0]}"/>')
    if rec.journal_ref:
        out.append(f"    <arxiv:journal_ref>{escape(rec.journal_ref)}</arxiv:journal_ref>")
    for name in rec.authors:
        out.append("    <author>")
        out.append(f"      <name>{escape(name)}</name>")
        out += [
            f"      <arxiv:affiliation>{escape(a)}</arxiv:affiliation>"
            for a in rec.affiliations.get(name, [])
        ]
        out.append("    </author>")
    if rec.doi:
        out.append(f"    <arxiv:doi>{escape(rec.doi)}</arxiv:doi>")
        out.append(
            f'    <link rel="related" href="https://doi.org/{escape(rec.doi)}" title="doi"/>'
        )
    out.append("  </entry>")
    return "\n".join(out)


_FEED_OPEN = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
    'xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">\n'
)


def _atom_feed(
    title_query: str, total: int, start: int, per_page: int, entries: list[str]
) -> bytes:
    feed_id = hashlib.sha1(title_query.encode()).hexdigest()[:27]
    link_query = escape(title_query, {'"': "&quot;"})
    head = [
        f"  <id>https://arxiv.org/api/{feed_id}</id>",
        f"  <title>arXiv Query: {escape(title_query)}</title>",
        f"  <updated>{_iso(datetime.now(UTC))}</updated>",
        f'  <link href="https://arxiv.org/api/query?{link_query}" type="application/atom+xml"/>',
        f"  <opensearch:itemsPerPage>{per_page}</opensearch:itemsPerPage>",
        f"  <opensearch:totalResults>{total}</opensearch:totalResults>",
        f"  <opensearch:startIndex>{start}</opensearch:startIndex>",
    ]
    return (_FEED_OPEN + "\n".join(head + entries) + "\n</feed>\n").encode("utf-8")


def _atom_error(slug: str, message: str) -> bytes:
    now = _iso(datetime.now(UTC))
    url = f"https://arxiv.org/api/errors#{slug}"
    body = [
        "  <id>https://arxiv.org/</id>",
        "  <title>arXiv Search Results</title>",
        f"  <updated>{now}</updated>",
        "  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>",
        "  <opensearch:totalResults>1</opensearch:totalResults>",
        "  <opensearch:startIndex>0</opensearch:startIndex>",
        "  <entry>",
        f"    <id>{escape(url)}</id>",
        "    <title>Error</title>",
        f"    <updated>{now}</updated>",
        f'    <link href="{escape(url)}" rel="alternate" type="text/html"/>',
        f"    <summary>{escape(message)}</summary>",
        "    <author>",
        "      <name>arXiv api core</name>",
        "    </author>",
        "  </entry>",
    ]
    return (_FEED_OPEN + "\n".join(body) + "\n</feed>\n").encode("utf-8")


def _arxiv_matches(rec: ArxivRecord, query: str) -> bool:
    """A small subset of arXiv's query language: field:value terms, AND / OR / ANDNOT."""
    tokens = re.split(r"\s+(AND|OR|ANDNOT)\s+", query.strip())
    result = _arxiv_term(rec, tokens[0])
    for op, term in zip(tokens[1::2], tokens[2::2], strict=True):
        hit = _arxiv_term(rec, term)
        result = (
            (result and hit)
            if op == "AND"
            else (result or hit)
            if op == "OR"
            else (result and not hit)
        )
    return result


def _arxiv_term(rec: ArxivRecord, term: str) -> bool:
    term = term.strip().strip("()")
    prefix, sep, value = term.partition(":")
    if not sep:
        prefix, value = "all", term
    value = value.strip('"').replace("_", " ").lower()
    haystacks = {
        "ti": [rec.title],
        "au": rec.authors,
        "abs": [rec.abstract],
        "co": [rec.comment or ""],
        "jr": [rec.journal_ref or ""],
        "cat": rec.categories,
        "id": [rec.arxiv_id],
    }
    if prefix == "all":
        texts = [t for values in haystacks.values() for t in values]
    else:
        texts = haystacks.get(prefix, [])
    if prefix == "cat":
        return any(t.lower() == value for t in texts)
    return any(value in t.lower() for t in texts)


S2_FIELD_ORDER = _words(
    "paperId externalIds corpusId publicationVenue url title abstract venue year "
    "referenceCount citationCount influentialCitationCount isOpenAccess openAccessPdf "
    "fieldsOfStudy s2FieldsOfStudy publicationTypes publicationDate journal citationStyles "
    "authors citations references embedding tldr textAvailability"
)
_S2_AUTHOR_FIELDS = {
    "authorId",
    "name",
    "url",
    "affiliations",
    "homepage",
    "paperCount",
    "citationCount",
    "hIndex",
    "externalIds",
}
_S2_NESTED_FIELDS = set(S2_FIELD_ORDER) | {"specter_v1", "specter_v2", "model", "vector", "text"}


def _s2_fields(raw: str | None) -> tuple[list[str], list[str], list[str]]:
    """(top-level fields in S2 order, author sub-fields, unknown fields)."""
    wanted = [f.strip() for f in (raw or "paperId,title").split(",") if f.strip()]
    top: set[str] = {"paperId"}
    author_fields: list[str] = []
    unknown: list[str] = []
    for name in wanted:
        head, _, sub = name.partition(".")
        if head not in S2_FIELD_ORDER:
            unknown.append(name)
        elif sub and head == "authors":
            if sub in _S2_AUTHOR_FIELDS:
                author_fields.append(sub)
            else:
                unknown.append(name)
        elif sub and sub not in _S2_NESTED_FIELDS:
            unknown.append(name)
        else:
            top.add(head)
    return [f for f in S2_FIELD_ORDER if f in top], author_fields, unknown


def _s2_paper(rec: S2Record, fields: list[str], author_fields: list[str]) -> dict[str, Any]:
    return {name: rec.field_value(name, author_fields) for name in fields}


def _html_page(title: str, text: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n</head>\n<body>\n<h1>{escape(title)}</h1>\n"
        f"<p>{escape(text)}</p>\n</body>\n</html>\n"
    ).encode()


_ACL_404 = (
    b'<!doctype html>\n<html lang="en-us">\n<head>\n<meta charset="utf-8">\n'
    b"<title>Page not found - ACL Anthology</title>\n</head>\n<body>\n"
    b'<div id="main-container" class="container">\n<section id="main">\n'
    b'<h2 id="title">Page not found</h2>\n<p>The requested page could not be found.</p>\n'
    b'<p>If you believe this is an error, please <a href="https://github.com/acl-org/acl-anthology/'
    b'issues/new">file a bug</a>.</p>\n</section>\n</div>\n</body>\n</html>\n'
)

_MAINTENANCE_PAGE = (
    b'<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>Network login required'
    b'</title>\n<meta http-equiv="refresh" content="0; url=http://login.portal.invalid/">\n'
    b"</head>\n<body>\n<h1>Please sign in to continue</h1>\n<p>This network requires you to "
    b"accept the terms of use. Scheduled maintenance may also make this service briefly "
    b"unavailable.</p>\n</body>\n</html>\n"
)

_GH_DOCS = "https://docs.github.com/rest"
_GH_RATE_DOCS = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"
_GH_SECONDARY_DOCS = (
    "https://docs.github.com/free-pro-team@latest/rest/overview/"
    "rate-limits-for-the-rest-api#about-secondary-rate-limits"
)
_GRAPHQL_401 = {
    "message": "This endpoint requires you to be authenticated.",
    "documentation_url": "https://docs.github.com/graphql/guides/forming-calls-with-graphql"
    "#authenticating-with-graphql",
}
_REASONS = {
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


# --------------------------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------------------------


@dataclass
class RecordedRequest:
    """One request as the fake saw it. ``headers`` keys are lower-case."""

    service: str
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    status: int | None = None  # None: no answer was sent (timeout fault)
    fault: str | None = None  # the injected fault or "pacing" that shaped the answer
    at: float = 0.0  # time.time() on arrival

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class PacingViolation:
    service: str
    path: str
    gap: float  # seconds to the nearest other request of that service
    required: float
    at: float


@dataclass
class RateBudget:
    """A GitHub rate-limit window. ``reset_at`` is epoch seconds."""

    resource: str
    limit: int
    remaining: int
    reset_at: float

    @property
    def used(self) -> int:
        return self.limit - self.remaining

    def refresh(self, now: float) -> None:
        if now >= self.reset_at:
            self.remaining = self.limit
            self.reset_at = now + 3600

    def headers(self) -> list[tuple[str, str]]:
        return [
            ("x-ratelimit-limit", str(self.limit)),
            ("x-ratelimit-remaining", str(self.remaining)),
            ("x-ratelimit-reset", str(int(self.reset_at))),
            ("x-ratelimit-used", str(self.used)),
            ("x-ratelimit-resource", self.resource),
        ]


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    content_type: str | None = "application/json; charset=utf-8"


@dataclass
class _Fault:
    kind: str
    remaining: int
    opts: dict[str, Any]


@dataclass
class _File:
    body: bytes
    content_type: str
    etag: str


_SO_TIMESTAMPNS = 35  # Linux's SO_TIMESTAMPNS (= SCM_TIMESTAMPNS); the socket module lacks it


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: FakeUpstream

    def server_bind(self) -> None:
        # Set on the listening socket, the receive timestamps are on before any connection is
        # accepted (accepted sockets inherit it): bytes that came before a handler thread
        # started are stamped when they came, not when it asks.
        with contextlib.suppress(OSError):
            self.socket.setsockopt(socket.SOL_SOCKET, _SO_TIMESTAMPNS, 1)
        super().server_bind()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the second waits for the client's
    # delayed ACK (40 ms) on a kept-alive connection: 1.5 s of every refresh of the seed.
    disable_nagle_algorithm = True
    server_version = "fake-upstream/1.0"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version

    timeout = 30
    server: _Server

    arrived_at: float | None = None

    def setup(self) -> None:
        super().setup()
        self.server.fake._track(self.connection, add=True)

    def handle_one_request(self) -> None:
        try:
            self.arrived_at = self._first_bytes_arrived_at()
        except OSError:  # the idle keep-alive connection timed out or was reset
            self.close_connection = True
            return
        super().handle_one_request()

    def _first_bytes_arrived_at(self) -> float | None:
        """When the next request's first bytes reached this machine (the kernel's receive
        timestamp, wall clock), waiting for them without taking them. Measured on arrival, a pace
        is the client's, and this process may be busy serving another test's requests (seen: two
        requests stamped 47 ms apart against a client pace of 0.26 s while the same process
        answered a whole other refresh)."""
        _, ancillary, _, _ = self.connection.recvmsg(1, socket.CMSG_SPACE(16), socket.MSG_PEEK)
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == _SO_TIMESTAMPNS and len(data) >= 16:
                seconds, nanoseconds = struct.unpack("qq", data[:16])
                return seconds + nanoseconds / 1e9
        return None  # no such timestamp here (not Linux): the handler's own clock

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.fake._track(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_GET
    do_HEAD = do_GET
    do_PUT = do_GET
    do_DELETE = do_GET

    def _handle(self) -> None:
        fake = self.server.fake
        if fake._stopping.is_set():
            self.close_connection = True
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        path = unquote(split.path)
        record = RecordedRequest(
            service=fake._route(path),
            method=self.command,
            path=path,
            query=parse_qs(split.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            at=self.arrived_at or time.time(),
        )
        violation, fault = fake._arrive(record)
        if fake.latency:
            fake._hold(fake.latency)
        if violation is not None:
            record.fault = "pacing"
            self._send(record, violation)
            return
        if fault is not None:
            record.fault = fault.kind
            self._fault(record, fault)
            return
        self._send(record, fake._dispatch(record, len(self.requestline)))

    def _send(self, record: RecordedRequest, reply: _Reply, *, cut: str | None = None) -> None:
        record.status = reply.status
        self.send_response(reply.status)
        if reply.content_type and reply.status != 304:
            self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers:
            self.send_header(name, value)
        body = reply.body
        if cut == "close":
            self.send_header("Connection", "close")
            self.close_connection = True
            body = body[: len(body) // 2]
        elif reply.status != 304:
            self.send_header("Content-Length", str(len(body)))
            if cut == "length":
                self.close_connection = True
                body = body[: len(body) // 2]
        self.end_headers()
        if self.command != "HEAD" and reply.status != 304:
            self.wfile.write(body)
        self.wfile.flush()

    def _fault(self, record: RecordedRequest, fault: _Fault) -> None:
        fake = self.server.fake
        kind, opts = fault.kind, fault.opts
        if kind == "timeout":
            fake._hold(float(opts.get("seconds", 10.0)))
            self.close_connection = True
            return
        if kind == "slow":
            fake._hold(float(opts.get("seconds", 2.0)))
            self._send(record, fake._dispatch(record, len(self.requestline)))
            return
        if kind == "truncated":
            reply = fake._dispatch(record, len(self.requestline))
            self._send(record, reply, cut=str(opts.get("mode", "length")))
            return
        if kind == "echo":
            reply = fake._echo_reply(record, self.path, fault.opts, len(self.requestline))
            self._send(record, reply)
            return
        if kind == "html":
            self._send(
                record, _Reply(200, _MAINTENANCE_PAGE, content_type="text/html; charset=utf-8")
            )
            return
        self._send(record, fake._error_reply(record.service, int(kind), opts))


class FakeUpstream:
    """The server. Use as a context manager, or ``start()`` / ``stop()``."""

    def __init__(self, world: FakeWorld | None = None) -> None:
        self.world: FakeWorld = world if world is not None else FakeWorld()
        self.requests: list[RecordedRequest] = []
        self.pacing_violations: list[PacingViolation] = []
        self.latency: float = 0.0
        self.enforce_pacing: dict[str, float] = {}
        self.s2_api_key: str | None = None
        self.github_token: str | None = None
        self.arxiv_reverse_order: bool = False  # answer id_list in reverse: clients must key by id
        self.budgets: dict[str, RateBudget] = {}
        self._rate_limit_status: dict[str, int] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._files: dict[str, _File] = {}
        self._arrivals: dict[str, list[float]] = {}  # per service, in order of arrival
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._gate = threading.Event()  # set: every request held now goes on (release_held)
        self._connections: set[socket.socket] = set()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.reset_budgets()

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> FakeUpstream:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._stopping.clear()
        self._gate = threading.Event()
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name="fake-upstream",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; held (timeout) requests are released and every connection closed."""
        self._stopping.set()
        self.release_held()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        with self._lock:
            conns = list(self._connections)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> FakeUpstream:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeUpstream is not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def port(self) -> int:
        return int(self.base_url.rsplit(":", 1)[1])

    # -- controls -----------------------------------------------------------------------------
    def release_held(self) -> None:
        """Let every request held right now (``timeout``, ``slow``, ``latency``) go on at once:
        a test holds a request as long as it needs (``slow`` with a long ``seconds``) and ends
        the hold when it has seen what it waits for, instead of sleeping a guessed time. A held
        ``timeout`` then closes without a byte, a ``slow`` answers. Later requests are held
        again."""
        with self._lock:
            gate, self._gate = self._gate, threading.Event()
        gate.set()

    def _hold(self, seconds: float) -> None:
        with self._lock:
            gate = self._gate
        gate.wait(seconds)

    def count(self, service: str | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.requests if service is None or r.service == service)

    def requests_for(self, service: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.service == service]

    def headers_seen(self, service: str, header: str) -> list[str]:
        """Every value of ``header`` received by ``service`` (e.g. ``"x-api-key"``)."""
        return [
            r.headers[header.lower()]
            for r in self.requests_for(service)
            if header.lower() in r.headers
        ]

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()
            self.pacing_violations.clear()
            self._arrivals.clear()

    def reset_budgets(self) -> None:
        """Full budgets, a new one-hour window; forget injected rate-limit statuses."""
        self._rate_limit_status = {}
        reset = time.time() + 3600
        self.budgets = {
            "core": RateBudget("core", GITHUB_AUTH_LIMIT, GITHUB_AUTH_LIMIT, reset),
            "core_anon": RateBudget("core", GITHUB_ANON_LIMIT, GITHUB_ANON_LIMIT, reset),
            "graphql": RateBudget("graphql", GRAPHQL_LIMIT, GRAPHQL_LIMIT, reset),
        }

    def inject(self, service: str, fault: str, times: int = 1, **opts: Any) -> None:
        """Make the next ``times`` requests of ``service`` fail with ``fault`` (see FAULTS)."""
        if service not in SERVICES:
            raise ValueError(f"unknown service {service!r}; expected one of {SERVICES}")
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; expected one of {FAULTS}")
        with self._lock:
            if fault == "rate_limit":
                if service not in ("github", "graphql"):
                    raise ValueError("rate_limit applies to 'github' and 'graphql' only")
                reset_at = time.time() + float(opts.get("reset_in", opts.get("seconds", 60)))
                names = ("core", "core_anon") if service == "github" else ("graphql",)
                for name in names:
                    self.budgets[name].remaining = 0
                    self.budgets[name].reset_at = reset_at
                self._rate_limit_status[service] = int(opts.get("status", 403))
                return
            self._faults.setdefault(service, []).append(_Fault(fault, times, dict(opts)))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def serve_file(
        self, path: str, body: bytes, content_type: str = "text/plain; charset=utf-8"
    ) -> str:
        """Serve ``body`` at ``path`` (replacing what was there); returns the file's ETag."""
        etag = '"' + hashlib.sha256(body).hexdigest()[:40] + '"'
        with self._lock:
            self._files[path] = _File(body, content_type, etag)
        return etag

    def remove_file(self, path: str) -> None:
        with self._lock:
            self._files.pop(path, None)

    def url(self, path: str) -> str:
        return self.base_url + path

    # -- internals ----------------------------------------------------------------------------
    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def _route(self, path: str) -> str:
        if path in self._files:
            return "files"
        if path == "/api/query":
            return "arxiv"
        if path.startswith("/graph/v1/"):
            return "s2"
        if path == "/graphql":
            return "graphql"
        if path.startswith(("/repos/", "/repositories/")) or path == "/rate_limit":
            return "github"
        if path.endswith(".bib"):
            return "acl"
        return "unknown"

    def _arrive(self, record: RecordedRequest) -> tuple[_Reply | None, _Fault | None]:
        with self._lock:
            self.requests.append(record)
            service = record.service
            # Handler threads may get to two requests in the other order than they came: the
            # gap is to the nearest arrival on either side.
            arrivals = self._arrivals.setdefault(service, [])
            at = bisect_left(arrivals, record.at)
            neighbours = arrivals[max(0, at - 1) : at + 1]
            insort(arrivals, record.at)
            gap = min((abs(record.at - other) for other in neighbours), default=None)
            required = self.enforce_pacing.get(service)
            if required is not None and gap is not None and gap < required:
                self.pacing_violations.append(
                    PacingViolation(service, record.path, gap, required, record.at)
                )
                status = 503 if service == "arxiv" else 429
                return self._error_reply(service, status, {"retry_after": required}), None
            queue = self._faults.get(service)
            if queue:
                fault = queue[0]
                fault.remaining -= 1
                if fault.remaining <= 0:
                    queue.pop(0)
                return None, fault
        return None, None

    def _dispatch(self, record: RecordedRequest, request_line: int) -> _Reply:
        handler = {
            "files": self._files_reply,
            "arxiv": self._arxiv_reply,
            "s2": self._s2_reply,
            "github": self._github_reply,
            "graphql": self._graphql_reply,
            "acl": self._acl_reply,
        }.get(record.service)
        if record.service == "arxiv" and request_line > ARXIV_MAX_REQUEST_LINE:
            return _Reply(
                414,
                _html_page(
                    "414 Request-URI Too Long",
                    "The requested URL's length exceeds the capacity limit for this server.",
                ),
                content_type="text/html; charset=iso-8859-1",
            )
        if handler is None:
            return _Reply(404, b"404 page not found\n", content_type="text/plain; charset=utf-8")
        return handler(record)

    def _error_reply(self, service: str, status: int, opts: dict[str, Any]) -> _Reply:
        reason = _REASONS.get(status, "Error")
        headers: list[tuple[str, str]] = []
        if status == 429 or (status == 503 and "retry_after" in opts):
            headers.append(("Retry-After", str(opts.get("retry_after", 1))))
        if service == "s2":
            if status == 429:
                body: Any = {
                    "message": "Too Many Requests. Please wait and try again or apply for a key "
                    "for higher rate limits. https://www.semanticscholar.org/product/api"
                    "#api-key-form",
                    "code": "429",
                }
            else:
                body = {"message": reason}
            return _Reply(status, _json(body), headers, "application/json")
        if service in ("github", "graphql"):
            with self._lock:
                budget = self.budgets["graphql" if service == "graphql" else "core"]
                headers += budget.headers()
            if status == 429:
                body = {
                    "message": "You have exceeded a secondary rate limit. Please wait a few "
                    "minutes before you try again. If you reach out to GitHub Support for help, "
                    "please include the request ID 0000:FAKE:0000.",
                    "documentation_url": _GH_SECONDARY_DOCS,
                }
            elif service == "graphql" and status == 502:
                body = {
                    "data": None,
                    "errors": [
                        {
                            "message": "Something went wrong while executing your query. "
                            "This may be the result of a timeout, or it could be a GitHub bug. "
                            "Please include `0000:FAKE:0000` when reporting this issue."
                        }
                    ],
                }
            else:
                body = {"message": "Server Error"}
            return _Reply(status, _json(body), headers)
        if service == "files":
            return _Reply(
                status, f"{status}: {reason}\n".encode(), headers, "text/plain; charset=utf-8"
            )
        if service == "arxiv" and status == 429:
            return _Reply(status, b"Rate exceeded.\n", headers, "text/plain")
        site = "arXiv" if service == "arxiv" else "ACL Anthology"
        page = _html_page(
            f"{status} {reason}",
            f"{site} is temporarily unable to serve your request. Please try again later.",
        )
        return _Reply(status, page, headers, "text/html; charset=utf-8")

    def _echo_reply(
        self, record: RecordedRequest, raw_path: str, opts: dict[str, Any], request_line: int
    ) -> _Reply:
        heard = " ".join(
            record.headers[h].split()[-1]
            for h in ("authorization", "x-api-key")
            if record.headers.get(h)
        )
        status = int(opts.get("status", 401))
        if 300 <= status < 400:
            sep = "&" if "?" in raw_path else "?"
            location = f"{raw_path}{sep}echoed={quote(heard, safe='')}"
            return _Reply(status, b"", [("Location", location)], None)
        if status == 200:
            reply = self._dispatch(record, request_line)
            data = json.loads(reply.body)
            for item in data if isinstance(data, list) else [data]:
                if isinstance(item, dict):
                    item["echoed"] = heard
            return _Reply(reply.status, _json(data), reply.headers, reply.content_type)
        body = {
            "message": f"Bad credentials: {heard} is not a valid key",
            "documentation_url": f"https://docs.example.org/errors?token={quote(heard, safe='')}",
        }
        return _Reply(status, _json(body), [], "application/json")

    # -- files --------------------------------------------------------------------------------
    def _files_reply(self, record: RecordedRequest) -> _Reply:
        with self._lock:
            served = self._files.get(record.path)
        if served is None:
            return _Reply(404, b"404: Not Found", content_type="text/plain; charset=utf-8")
        headers = [("ETag", served.etag), ("Cache-Control", "max-age=300")]
        if _etag_match(record.headers.get("if-none-match"), served.etag):
            return _Reply(304, b"", headers, None)
        return _Reply(200, served.body, headers, served.content_type)

    # -- arXiv --------------------------------------------------------------------------------
    def _arxiv_reply(self, record: RecordedRequest) -> _Reply:
        query = {k: v[0] for k, v in record.query.items()}
        ids = [s.strip() for s in query.get("id_list", "").split(",") if s.strip()]
        search = query.get("search_query", "").strip()
        atom = "application/atom+xml; charset=utf-8"
        try:
            start = int(query.get("start", "0"))
            max_results = int(query.get("max_results", "10"))
        except ValueError:
            return _Reply(
                400,
                _atom_error("start_must_be_an_integer", "start and max_results must be integers"),
                [],
                atom,
            )
        if start < 0 or max_results < 0:
            return _Reply(
                400,
                _atom_error("start_must_be_non_negative", "start must be non-negative"),
                [],
                atom,
            )
        for raw in ids:
            if not _valid_arxiv_id(raw):
                return _Reply(
                    400,
                    _atom_error(f"incorrect_id_format_for_{raw}", f"incorrect id format for {raw}"),
                    [],
                    atom,
                )
        world = self.world
        found: list[tuple[ArxivRecord, int]] = []
        if ids:
            seen: set[str] = set()
            for raw in ids:
                base, version = split_arxiv_version(raw)
                rec = world.arxiv.get(base)
                if rec is None or raw in seen:
                    continue
                seen.add(raw)
                if version is not None and version > rec.versions:
                    continue
                if search and not _arxiv_matches(rec, search):
                    continue
                found.append((rec, version or rec.versions))
            if self.arxiv_reverse_order:
                found.reverse()
        elif search:
            found = [(r, r.versions) for r in world.arxiv.values() if _arxiv_matches(r, search)]
            sort_by = query.get("sortBy", "relevance")
            if sort_by in ("submittedDate", "lastUpdatedDate"):
                attr = "published" if sort_by == "submittedDate" else "updated"
                found.sort(
                    key=lambda p: getattr(p[0], attr),
                    reverse=query.get("sortOrder", "descending") == "descending",
                )
        page = found[start : start + max_results]
        title_query = (
            f"search_query={search}&id_list={','.join(ids)}&start={start}&max_results={max_results}"
        )
        entries = [_atom_entry(rec, version) for rec, version in page]
        return _Reply(
            200, _atom_feed(title_query, len(found), start, max_results, entries), [], atom
        )

    # -- Semantic Scholar ---------------------------------------------------------------------
    def _s2_reply(self, record: RecordedRequest) -> _Reply:
        ctype = "application/json"
        key = record.headers.get("x-api-key")
        if self.s2_api_key is not None and key is not None and key != self.s2_api_key:
            return _Reply(403, b'{"message":"Forbidden"}', [], ctype)
        rest = record.path[len("/graph/v1") :]
        raw_fields = record.query.get("fields", [None])[0]
        fields, author_fields, unknown = _s2_fields(raw_fields)
        if rest == "/paper/batch" and record.method == "POST":
            try:
                payload = json.loads(record.body or b"null")
                ids = payload["ids"]
                if not isinstance(ids, list):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                return _Reply(400, _json({"error": "Unacceptable JSON body"}), [], ctype)
            if len(ids) > S2_MAX_BATCH:
                msg = f"Cannot process more than {S2_MAX_BATCH} ids per request"
                return _Reply(400, _json({"error": msg}), [], ctype)
            if unknown:
                return self._s2_unknown_fields(unknown)
            out = []
            for raw in ids:
                rec = self.world.s2_lookup(str(raw))
                out.append(None if rec is None else _s2_paper(rec, fields, author_fields))
            return _Reply(200, _json(out), [], ctype)
        if rest.startswith("/paper/") and record.method in ("GET", "HEAD") and rest != "/paper/":
            paper_id = rest[len("/paper/") :]
            if unknown:
                return self._s2_unknown_fields(unknown)
            rec = self.world.s2_lookup(paper_id)
            if rec is None:
                return _Reply(
                    404, _json({"error": f"Paper with id {paper_id} not found"}), [], ctype
                )
            return _Reply(200, _json(_s2_paper(rec, fields, author_fields)), [], ctype)
        return _Reply(403, b'{"message":"Missing Authentication Token"}', [], ctype)

    @staticmethod
    def _s2_unknown_fields(unknown: list[str]) -> _Reply:
        msg = "Unrecognized or unsupported fields: [" + ", ".join(unknown) + "]"
        return _Reply(400, _json({"error": msg}), [], "application/json")

    # -- GitHub REST --------------------------------------------------------------------------
    def _github_auth(self, headers: dict[str, str]) -> tuple[str | None, _Reply | None]:
        auth = headers.get("authorization")
        if auth is None:
            return None, None
        scheme, _, token = auth.partition(" ")
        if scheme.lower() not in ("bearer", "token") or not token.strip():
            token = ""
        if not token or (self.github_token is not None and token.strip() != self.github_token):
            body = {"message": "Bad credentials", "documentation_url": _GH_DOCS, "status": "401"}
            return token, _Reply(401, _json(body))
        return token.strip(), None

    def _github_reply(self, record: RecordedRequest) -> _Reply:
        token, denied = self._github_auth(record.headers)
        if denied is not None:
            return denied
        now = time.time()
        with self._lock:
            budget = self.budgets["core" if token else "core_anon"]
            budget.refresh(now)
            if record.path == "/rate_limit":
                gql = self.budgets["graphql"]
                gql.refresh(now)

                def res(b: RateBudget) -> dict[str, int]:
                    return {
                        "limit": b.limit,
                        "used": b.used,
                        "remaining": b.remaining,
                        "reset": int(b.reset_at),
                    }

                body = {
                    "resources": {
                        "core": res(budget),
                        "search": {
                            "limit": 30 if token else 10,
                            "used": 0,
                            "remaining": 30 if token else 10,
                            "reset": int(now) + 60,
                        },
                        "graphql": res(gql)
                        if token
                        else {"limit": 0, "used": 0, "remaining": 0, "reset": int(now) + 3600},
                    },
                    "rate": res(budget),
                }
                return _Reply(200, _json(body), budget.headers())
            if budget.remaining <= 0:
                who = "user ID 1" if token else "127.0.0.1"
                extra = (
                    ""
                    if token
                    else (
                        " (But here's the good news: Authenticated requests get a higher rate "
                        "limit. Check out the documentation for more details.)"
                    )
                )
                body = {
                    "message": f"API rate limit exceeded for {who}.{extra}",
                    "documentation_url": _GH_RATE_DOCS,
                }
                status = self._rate_limit_status.get("github", 403)
                return _Reply(status, _json(body), budget.headers())
            repo, renamed = self._github_find(record.path)
            if repo is not None and not renamed:
                payload = _json(repo.rest(self.base_url))
                etag = 'W/"' + hashlib.sha256(payload).hexdigest()[:32] + '"'
                extra_headers = [
                    ("ETag", etag),
                    ("Cache-Control", "private, max-age=60, s-maxage=60"),
                    ("Last-Modified", _http_date(repo.updated_at)),
                    ("x-github-media-type", "github.v3; format=json"),
                ]
                if _etag_match(record.headers.get("if-none-match"), etag):
                    return _Reply(304, b"", extra_headers + budget.headers(), None)
                budget.remaining -= 1
                return _Reply(200, payload, extra_headers + budget.headers())
            budget.remaining -= 1
            if repo is not None:
                location = f"{self.base_url}/repositories/{repo.id}"
                body = {
                    "message": "Moved Permanently",
                    "url": location,
                    "documentation_url": "https://developer.github.com/v3/#http-redirects",
                }
                return _Reply(301, _json(body), [("Location", location), *budget.headers()])
            body = {
                "message": "Not Found",
                "documentation_url": "https://docs.github.com/rest/repos/repos#get-a-repository",
                "status": "404",
            }
            return _Reply(404, _json(body), budget.headers())

    def _github_find(self, path: str) -> tuple[GithubRepo | None, bool]:
        by_id = re.fullmatch(r"/repositories/(\d+)/?", path)
        if by_id:
            return self.world.repo_by_id(int(by_id[1])), False
        by_name = re.fullmatch(r"/repos/([^/]+)/([^/]+?)/?", path)
        if by_name:
            found = self.world.find_repo(f"{by_name[1]}/{by_name[2]}")
            if found is not None:
                return found
        return None, False

    # -- GitHub GraphQL -----------------------------------------------------------------------
    _BLOCK = re.compile(r"(?:\b(\w+)\s*:\s*)?\brepository\s*\(([^)]*)\)")
    _ARG = re.compile(r"(\w+)\s*:\s*(\"(?:[^\"\\]|\\.)*\"|\$\w+)")
    _RATE = re.compile(r"(?:\b(\w+)\s*:\s*)?\brateLimit\b")

    def _graphql_reply(self, record: RecordedRequest) -> _Reply:
        if record.method != "POST":
            return _Reply(404, _json({"message": "Not Found", "documentation_url": _GH_DOCS}))
        auth = record.headers.get("authorization")
        if auth is None:
            return _Reply(401, _json(_GRAPHQL_401))
        _, denied = self._github_auth(record.headers)
        if denied is not None:
            return denied
        body: dict[str, Any]
        try:
            payload = json.loads(record.body)
            query = str(payload["query"])
            variables = payload.get("variables") or {}
        except (ValueError, KeyError, TypeError):
            body = {
                "message": "Problems parsing JSON",
                "documentation_url": "https://docs.github.com/graphql",
            }
            return _Reply(400, _json(body))
        now = time.time()
        with self._lock:
            budget = self.budgets["graphql"]
            budget.refresh(now)
            if budget.remaining <= 0:
                body = {
                    "errors": [
                        {
                            "type": "RATE_LIMITED",
                            "message": "API rate limit exceeded for user ID 1.",
                        }
                    ]
                }
                status = self._rate_limit_status.get("graphql", 200)
                return _Reply(status, _json(body), budget.headers())
            blocks = list(self._BLOCK.finditer(query))
            rate = self._RATE.search(query)
            if not blocks and rate is None:
                body = {
                    "errors": [
                        {
                            "message": "fake upstream: only repository(owner:, name:) "
                            "and rateLimit are understood",
                            "locations": [],
                        }
                    ]
                }
                return _Reply(200, _json(body), budget.headers())
            budget.remaining -= 1
            data: dict[str, Any] = {}
            errors: list[dict[str, Any]] = []
            for block in blocks:
                alias = block[1] or "repository"
                args = {}
                for arg in self._ARG.finditer(block[2]):
                    value = arg[2]
                    args[arg[1]] = (
                        str(variables.get(value[1:], ""))
                        if value.startswith("$")
                        else json.loads(value)
                    )
                owner, name = args.get("owner", ""), args.get("name", "")
                found = self.world.find_repo(f"{owner}/{name}")
                if found is None:
                    data[alias] = None
                    line = query.count("\n", 0, block.start()) + 1
                    column = block.start() - query.rfind("\n", 0, block.start())
                    errors.append(
                        {
                            "type": "NOT_FOUND",
                            "path": [alias],
                            "locations": [{"line": line, "column": column}],
                            "message": f"Could not resolve to a Repository with the name "
                            f"'{owner}/{name}'.",
                        }
                    )
                else:
                    data[alias] = found[0].graphql()
            if rate is not None:
                data[rate[1] or "rateLimit"] = {
                    "cost": 1,
                    "remaining": budget.remaining,
                    "resetAt": _iso(datetime.fromtimestamp(budget.reset_at, UTC)),
                    "limit": budget.limit,
                    "used": budget.used,
                }
            out: dict[str, Any] = {"data": data}
            if errors:
                out["errors"] = errors
            return _Reply(200, _json(out), budget.headers())

    # -- ACL Anthology ------------------------------------------------------------------------
    def _acl_reply(self, record: RecordedRequest) -> _Reply:
        bib = "application/x-bibtex; charset=utf-8"
        not_found = _Reply(404, _ACL_404, content_type="text/html; charset=utf-8")
        path = record.path
        if path.startswith("/volumes/"):
            volume = path[len("/volumes/") : -len(".bib")]
            papers = self.world.acl_volume(volume)
            if not papers:
                return not_found
            first = papers[0].fields
            year = first.get("year", "")
            key = _volume_bibkey(volume, year)
            head: dict[str, str] = {"title": first.get("booktitle", volume)}
            for name in ("editor", "month", "year", "address", "publisher"):
                if name in first:
                    head[name] = first[name]
            head["url"] = f"https://aclanthology.org/{volume}/"
            if "doi" in first:
                head["doi"] = f"10.18653/v1/{volume}"
            text = _bibtex("proceedings", key, head) + "".join("\n" + p.bib() for p in papers)
            return _Reply(200, text.encode("utf-8"), [], bib)
        acl_id = path[1 : -len(".bib")]
        rec = self.world.acl.get(acl_id)
        if rec is None:
            return not_found
        return _Reply(200, rec.bib().encode("utf-8"), [], bib)


def _volume_bibkey(volume: str, year: str) -> str:
    """``2024.emnlp-main`` → ``emnlp-2024-main``; ``W15-12`` → ``w15-12``."""
    if "." not in volume:
        return volume.lower()
    venue, _, rest = volume.split(".", 1)[1].partition("-")
    return f"{venue}-{year}-{rest or 'main'}"


def _etag_match(header: str | None, etag: str) -> bool:
    if not header:
        return False
    bare = etag.removeprefix("W/")
    return any(t.strip() == "*" or t.strip().removeprefix("W/") == bare for t in header.split(","))


def _http_date(iso: str) -> str:
    return _utc(iso).strftime("%a, %d %b %Y %H:%M:%S GMT")


__all__ = [
    "FAULTS",
    "SERVICES",
    "AclRecord",
    "ArxivRecord",
    "FakeUpstream",
    "FakeWorld",
    "GithubRepo",
    "PacingViolation",
    "RateBudget",
    "RecordedRequest",
    "S2Author",
    "S2Record",
    "acl_volume_id",
    "split_arxiv_version",
]
