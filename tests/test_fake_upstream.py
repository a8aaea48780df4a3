"""The fake upstream speaks the real formats: real clients against it, and shape checks against
real recorded answers (tests/fixtures/upstream, see SOURCES.md there)."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import arxiv
import bibtexparser
import pytest
import requests
from bibtexparser.bparser import BibTexParser
from semanticscholar import SemanticScholar
from semanticscholar.SemanticScholarException import (
    BadQueryParametersException,
    ObjectNotFoundException,
)

from fake_upstream import (
    ArxivRecord,
    FakeUpstream,
    FakeWorld,
    GithubRepo,
    acl_volume_id,
)

FIX = Path(__file__).parent / "fixtures" / "upstream"
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "arxiv": "http://arxiv.org/schemas/atom",
    "opensearch": "http://a9.com/-/spec/opensearch/1.1/",
}
SEED_TITLES = {
    "2305.10250": "MemoryBank: Enhancing Large Language Models with Long-Term Memory",
    "2024.emnlp-main.264": "PsyGUARD: An Automated System for Suicide Detection and Risk "
    "Assessment in Psychological Counseling",
}


class _Anything:
    def __eq__(self, other: object) -> bool:
        return True


ANY: Any = _Anything()


def utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def seed_world() -> FakeWorld:
    return FakeWorld.synthetic(
        arxiv_ids=["2305.10250", "2309.13567", "2408.15787"],
        acl_ids=["2024.emnlp-main.264", "2024.emnlp-main.300", "W15-1201", "P19-1001"],
        repos=["zhongwanjun/MemoryBank-SiliconFriend", "qiuhuachuan/PsyGUARD"],
        titles=SEED_TITLES,
        links=[("2305.00450", "2024.findings-emnlp.34"), ("2409.20243", "2024.emnlp-main.264")],
    )


@pytest.fixture
def fake(fake_upstream: FakeUpstream) -> FakeUpstream:
    fake_upstream.world = seed_world()
    return fake_upstream


def arxiv_client(fake: FakeUpstream, page_size: int = 100, delay: float = 0) -> arxiv.Client:
    client = arxiv.Client(page_size=page_size, delay_seconds=delay, num_retries=0)
    client.query_url_format = fake.base_url + "/api/query?{}"
    return client


def s2_client(fake: FakeUpstream, key: str | None = None) -> SemanticScholar:
    return SemanticScholar(api_url=fake.base_url, timeout=5, retry=False, api_key=key)


def gql(fake: FakeUpstream, query: str, token: str | None = "ghp_secret") -> requests.Response:
    headers = {"Authorization": f"bearer {token}"} if token else {}
    return requests.post(fake.url("/graphql"), json={"query": query}, headers=headers, timeout=5)


# -- the world ---------------------------------------------------------------------------------


def test_synthetic_world_is_deterministic_and_links_preprints_to_published_versions() -> None:
    assert seed_world() == seed_world()
    world = seed_world()
    assert world.arxiv_record("2305.10250v2").title == SEED_TITLES["2305.10250"]
    linked = world.s2_by_arxiv("2409.20243")
    assert linked is world.s2_by_acl("2024.emnlp-main.264")
    assert linked.externalIds["DOI"] == "10.18653/v1/2024.emnlp-main.264"
    assert world.arxiv_record("2409.20243").title == SEED_TITLES["2024.emnlp-main.264"]
    acl_authors = world.acl_record("2024.emnlp-main.264").fields["author"]
    first = world.arxiv_record("2409.20243").authors[0]
    assert acl_authors.startswith(f"{first.split()[-1]}, {' '.join(first.split()[:-1])}  and\n")
    assert len(world.s2) == 3 + 2 + 3  # one S2 record per work: arXiv-only, linked, ACL-only
    assert acl_volume_id("W15-1201") == "W15-12"
    assert acl_volume_id("P19-1001") == "P19-1"


# -- arXiv ---------------------------------------------------------------------------------------


def test_arxiv_library_parses_entries_omits_unknown_and_honours_versions(
    fake: FakeUpstream,
) -> None:
    rec = fake.world.arxiv_record("2305.10250")
    rec.affiliations = {rec.authors[0]: ["Sun Yat-Sen University"]}
    rec.doi, rec.journal_ref = "10.1609/aaai.v38i17.29946", "AAAI 2024"
    rec.versions = 3
    ids = ["2305.10250", "0000.00001", "2309.13567v1", "2408.15787"]
    results = list(arxiv_client(fake).results(arxiv.Search(id_list=ids, max_results=None)))

    by_id = {r.get_short_id(): r for r in results}
    assert set(by_id) == {
        "2305.10250v3",
        "2309.13567v1",
        "2408.15787v" + str(fake.world.arxiv_record("2408.15787").versions),
    }
    memory = by_id["2305.10250v3"]
    assert memory.title == SEED_TITLES["2305.10250"]
    assert [a.name for a in memory.authors] == rec.authors
    assert memory.authors[0].affiliation == ["Sun Yat-Sen University"]
    assert (memory.doi, memory.journal_ref) == ("10.1609/aaai.v38i17.29946", "AAAI 2024")
    assert memory.primary_category == rec.categories[0]
    assert memory.pdf_url == "https://arxiv.org/pdf/2305.10250v3"
    assert by_id["2309.13567v1"].published == fake.world.arxiv_record("2309.13567").published
    assert fake.count("arxiv") == 1
    assert fake.requests[0].query["id_list"] == [",".join(ids)]


def test_arxiv_pagination_search_errors_and_long_urls(fake: FakeUpstream) -> None:
    ids = ["2305.10250", "2309.13567", "2408.15787", "2305.00450", "2409.20243"]
    paged = list(
        arxiv_client(fake, page_size=2).results(arxiv.Search(id_list=ids, max_results=None))
    )
    assert sorted(r.get_short_id().split("v")[0] for r in paged) == sorted(ids)
    assert fake.count("arxiv") == 3
    assert [r.query["start"] for r in fake.requests] == [["0"], ["2"], ["4"]]

    last_name = fake.world.arxiv_record("2305.10250").authors[0].split()[-1]
    search = arxiv.Search(query=f'ti:"Long-Term Memory" AND au:{last_name}')
    found = [r.get_short_id().split("v")[0] for r in arxiv_client(fake).results(search)]
    assert found == ["2305.10250"]

    bad = requests.get(fake.url("/api/query"), params={"id_list": "abc"}, timeout=5)
    assert bad.status_code == 400
    assert "incorrect id format for abc" in bad.text
    real_error = ET.parse(FIX / "arxiv" / "arxiv_abc_error400.atom.xml").getroot()
    fake_error = ET.fromstring(bad.content)
    assert [c.tag for c in fake_error] == [c.tag for c in real_error]

    def status_for(n: int) -> int:  # commas encoded as %2C, as the arxiv library sends them
        many = ",".join(f"2301.{i:05d}" for i in range(n))
        return requests.get(fake.url("/api/query"), params={"id_list": many}, timeout=5).status_code

    assert (status_for(600), status_for(642)) == (200, 414)


def test_arxiv_entry_has_the_real_element_structure(fake: FakeUpstream) -> None:
    real = ET.parse(FIX / "arxiv" / "arxiv_query_testing_10entries.atom.xml").getroot()
    real_entry = real.find("atom:entry", NS)
    assert real_entry is not None
    rec = fake.world.arxiv_record("2305.10250")
    rec.doi, rec.journal_ref = "10.1/x", "Proc. X"
    body = requests.get(fake.url("/api/query"), params={"id_list": "2305.10250"}, timeout=5)
    ours = ET.fromstring(body.content)
    entry = ours.find("atom:entry", NS)
    assert entry is not None
    assert [c.tag for c in ours if c.tag != f"{{{NS['atom']}}}entry"] == [
        c.tag for c in real if c.tag != f"{{{NS['atom']}}}entry"
    ]
    assert {c.tag for c in entry} == {c.tag for c in real_entry}
    rels = {(link.get("rel"), link.get("title")) for link in entry.iter(f"{{{NS['atom']}}}link")}
    assert rels == {
        (link.get("rel"), link.get("title")) for link in real_entry.iter(f"{{{NS['atom']}}}link")
    }
    assert ours.findtext("opensearch:totalResults", namespaces=NS) == "1"


def _record_from_real_entry(entry: ET.Element) -> ArxivRecord:
    def text(path: str) -> str | None:
        return entry.findtext(path, namespaces=NS)

    short = (text("atom:id") or "").removeprefix("http://arxiv.org/abs/")
    base, _, version = short.rpartition("v")
    authors = entry.findall("atom:author", NS)
    return ArxivRecord(
        arxiv_id=base,
        versions=int(version),
        title=text("atom:title") or "",
        abstract=text("atom:summary") or "",
        authors=[a.findtext("atom:name", namespaces=NS) or "" for a in authors],
        affiliations={
            a.findtext("atom:name", namespaces=NS) or "": [
                x.text or "" for x in a.findall("arxiv:affiliation", NS)
            ]
            for a in authors
            if a.find("arxiv:affiliation", NS) is not None
        },
        categories=[c.get("term") or "" for c in entry.findall("atom:category", NS)],
        published=utc(text("atom:published") or ""),
        updated=utc(text("atom:updated") or ""),
        doi=text("arxiv:doi"),
        journal_ref=text("arxiv:journal_ref"),
        comment=text("arxiv:comment"),
    )


def _canonical(element: ET.Element) -> list[tuple[str, dict[str, str], str]]:
    return [(child.tag, dict(child.attrib), (child.text or "").strip()) for child in element.iter()]


@pytest.mark.parametrize(
    ("fixture", "id_list"),
    [
        ("arxiv_idlist_0808.05394_1707.08567.atom.xml", "0808.05394,1707.08567"),
        ("arxiv_query_testing_10entries.atom.xml", "2202.12139"),
        ("arxiv_astro-ph_0601001.atom.xml", "astro-ph/0601001"),
        ("arxiv_2104.12255v1.atom.xml", "2104.12255v1"),
    ],
)
def test_arxiv_renders_real_records_exactly_as_arxiv_does(
    fake_upstream: FakeUpstream, fixture: str, id_list: str
) -> None:
    real = ET.parse(FIX / "arxiv" / fixture).getroot()
    real_entry = real.find("atom:entry", NS)
    assert real_entry is not None
    world = FakeWorld()
    world.add_arxiv(_record_from_real_entry(real_entry))
    fake_upstream.world = world
    got = requests.get(fake_upstream.url("/api/query"), params={"id_list": id_list}, timeout=5)
    ours = ET.fromstring(got.content)
    entry = ours.find("atom:entry", NS)
    assert entry is not None
    assert _canonical(entry) == _canonical(real_entry)
    if "08.05394" in id_list:
        assert ours.findtext("opensearch:totalResults", namespaces=NS) == "1"


def test_arxiv_reverse_order_option(fake: FakeUpstream) -> None:
    fake.arxiv_reverse_order = True
    ids = ["2305.10250", "2309.13567"]
    got = [
        r.get_short_id().split("v")[0]
        for r in arxiv_client(fake).results(arxiv.Search(id_list=ids, max_results=None))
    ]
    assert got == ids[::-1]


# -- Semantic Scholar ---------------------------------------------------------------------------


def test_semanticscholar_library_batch_with_a_null(fake: FakeUpstream) -> None:
    ids = [
        "ARXIV:2305.10250",
        "ARXIV:0000.00001",
        "acl:2024.emnlp-main.264",
        "DOI:10.18653/v1/2024.findings-emnlp.34",
    ]
    papers, not_found = s2_client(fake, key="s2-secret-key").get_papers(
        ids, fields=["title", "externalIds", "citationCount"], return_not_found=True
    )
    assert [p.title for p in papers] == [
        SEED_TITLES["2305.10250"],
        SEED_TITLES["2024.emnlp-main.264"],
        fake.world.s2_by_acl("2024.findings-emnlp.34").title,
    ]
    assert not_found == ["ARXIV:0000.00001"]
    assert papers[1].externalIds["ArXiv"] == "2409.20243"  # the preprint ↔ published join
    assert fake.headers_seen("s2", "x-api-key") == ["s2-secret-key"]

    raw = fake.requests[-1]
    assert raw.method == "POST" and raw.path == "/graph/v1/paper/batch"
    assert raw.json() == {"ids": ids}


def test_s2_raw_batch_fields_prefixes_and_limits(fake: FakeUpstream) -> None:
    url = fake.url("/graph/v1/paper/batch")
    rec = fake.world.s2_by_arxiv("2305.10250")
    ids = [
        "arXiv:2305.10250",
        f"CorpusId:{rec.corpusId}",
        rec.paperId,
        "URL:https://arxiv.org/abs/2305.10250v2",
        "URL:https://aclanthology.org/2024.emnlp-main.264/",
        "10.18653/v1/2024.emnlp-main.264",
        "ARXIV:9999.99999",
    ]
    body = requests.post(url, params={"fields": "citationCount"}, json={"ids": ids}, timeout=5)
    answer = body.json()
    assert [a and a["paperId"] for a in answer[:4]] == [rec.paperId] * 4
    assert answer[4]["paperId"] == answer[5]["paperId"] != rec.paperId
    assert answer[6] is None
    assert set(answer[0]) == {"paperId", "citationCount"}

    too_many = requests.post(url, json={"ids": ["ARXIV:2305.10250"] * 501}, timeout=5)
    assert too_many.status_code == 400 and set(too_many.json()) == {"error"}

    bad_field = requests.post(url, params={"fields": "title,unknown"}, json={"ids": ids}, timeout=5)
    real_400 = json.loads(
        (FIX / "semantic_scholar" / "s2_paper_400_unknown_field.json").read_text()
    )
    assert bad_field.status_code == 400 and bad_field.json() == real_400


def test_s2_single_paper_and_library_errors(fake: FakeUpstream) -> None:
    s2 = s2_client(fake)
    paper = s2.get_paper("ARXIV:2305.10250", fields=["title", "authors", "year"])
    assert paper.title == SEED_TITLES["2305.10250"]
    assert [a.name for a in paper.authors] == fake.world.arxiv_record("2305.10250").authors
    with pytest.raises(ObjectNotFoundException):
        s2.get_paper("0", fields=["title"])
    real_404 = json.loads((FIX / "semantic_scholar" / "s2_paper_404_not_found.json").read_text())
    assert fake.requests[-1].status == 404
    got = requests.get(fake.url("/graph/v1/paper/0"), params={"fields": "title"}, timeout=5)
    assert got.json() == real_404
    with pytest.raises(BadQueryParametersException):
        s2.get_paper("ARXIV:2305.10250", fields=["unknown"])

    fake.s2_api_key = "the-right-key"
    wrong = requests.post(
        fake.url("/graph/v1/paper/batch"),
        json={"ids": ["x"]},
        headers={"x-api-key": "nope"},
        timeout=5,
    )
    forbidden = json.loads((FIX / "semantic_scholar" / "s2_batch_403_forbidden.json").read_text())
    assert wrong.status_code == 403 and wrong.json() == forbidden


def test_s2_answer_has_the_real_keys_in_the_real_order(fake: FakeUpstream) -> None:
    real = json.loads((FIX / "semantic_scholar" / "s2_batch_fullfields_with_null.json").read_text())
    real_paper = real[1]
    fields = ",".join(sorted(real_paper))  # the order the client library sends them in
    got = requests.post(
        fake.url("/graph/v1/paper/batch"),
        params={"fields": fields},
        json={"ids": ["ARXIV:2305.10250"]},
        timeout=5,
    ).json()[0]
    assert list(got) == list(real_paper)
    for key, value in real_paper.items():
        if value is not None and got[key] is not None:
            assert type(got[key]) is type(value), key
    assert set(got["authors"][0]) == set(real_paper["authors"][0])
    assert set(got["openAccessPdf"]) == set(real_paper["openAccessPdf"])


# -- GitHub REST -------------------------------------------------------------------------------


def test_github_rest_shape_etag_304_and_budget(fake: FakeUpstream) -> None:
    url = fake.url("/repos/ZHONGWANJUN/memorybank-siliconfriend")
    first = requests.get(url, timeout=5)
    assert first.status_code == 200
    body = first.json()
    repo = fake.world.repo("zhongwanjun/MemoryBank-SiliconFriend")
    assert body["full_name"] == repo.full_name
    assert body["stargazers_count"] == repo.stars
    assert first.headers["x-ratelimit-limit"] == "60"
    assert first.headers["x-ratelimit-remaining"] == "59"
    assert first.headers["x-ratelimit-resource"] == "core"
    assert int(first.headers["x-ratelimit-reset"]) > time.time()

    real = json.loads((FIX / "github" / "github_repo_PyGithub_PyGithub.json").read_text())
    must = [
        "id",
        "full_name",
        "stargazers_count",
        "forks_count",
        "subscribers_count",
        "watchers_count",
        "open_issues_count",
        "license",
        "language",
        "topics",
        "description",
        "homepage",
        "created_at",
        "pushed_at",
        "archived",
        "html_url",
    ]
    assert set(must) <= set(body) <= set(real)
    for key in body:
        if body[key] is not None and real[key] is not None:
            assert type(body[key]) is type(real[key]), key

    etag = first.headers["ETag"]
    again = requests.get(url, headers={"If-None-Match": etag}, timeout=5)
    assert again.status_code == 304 and again.content == b""
    assert again.headers["x-ratelimit-remaining"] == "59"  # a 304 is free

    repo.stars += 3  # the next "day"
    changed = requests.get(url, headers={"If-None-Match": etag}, timeout=5)
    assert changed.status_code == 200 and changed.json()["stargazers_count"] == repo.stars
    assert changed.headers["ETag"] != etag
    assert changed.headers["x-ratelimit-remaining"] == "58"

    authed = requests.get(url, headers={"Authorization": "token ghp_secret"}, timeout=5)
    assert authed.headers["x-ratelimit-limit"] == "5000"
    assert "ghp_secret" in fake.headers_seen("github", "authorization")[0]

    fake.budgets["core_anon"].remaining = 0
    limited = requests.get(url, timeout=5)
    assert limited.status_code == 403
    assert limited.json()["message"].startswith("API rate limit exceeded for 127.0.0.1.")
    assert set(limited.json()) == {"message", "documentation_url"}
    assert limited.headers["x-ratelimit-remaining"] == "0"


def test_github_rename_404_and_rate_limit_endpoint(fake: FakeUpstream) -> None:
    repo = fake.world.rename_repo("qiuhuachuan/PsyGUARD", "qiuhuachuan/PsyGUARD-v2")
    old = fake.url("/repos/qiuhuachuan/psyguard")
    raw = requests.get(old, allow_redirects=False, timeout=5)
    assert raw.status_code == 301
    assert raw.headers["Location"] == fake.url(f"/repositories/{repo.id}")
    real_301 = json.loads(
        (FIX / "github" / "github_repo_301_moved_protoncoin_protoncoin.json").read_text()
    )
    assert set(raw.json()) == set(real_301) and raw.json()["message"] == real_301["message"]

    followed = requests.get(old, timeout=5)
    assert followed.status_code == 200 and [h.status_code for h in followed.history] == [301]
    assert followed.json()["full_name"] == "qiuhuachuan/PsyGUARD-v2"

    missing = requests.get(fake.url("/repos/jacquev6/Xxx"), timeout=5)
    real_404 = json.loads(
        (FIX / "github" / "github_repo_404_not_found_jacquev6_Xxx.json").read_text()
    )
    assert missing.status_code == 404 and missing.json()["message"] == real_404["message"]
    assert "x-ratelimit-remaining" in missing.headers

    limits = requests.get(fake.url("/rate_limit"), headers={"Authorization": "token t"}, timeout=5)
    real_rl = json.loads((FIX / "github" / "github_rate_limit.json").read_text())
    assert set(limits.json()) == set(real_rl)
    assert set(limits.json()["resources"]) >= set(real_rl["resources"])
    assert set(real_rl["rate"]) <= set(limits.json()["rate"])


def test_github_injected_rate_limit_429_then_reset(fake: FakeUpstream) -> None:
    url = fake.url("/repos/qiuhuachuan/PsyGUARD")
    fake.inject("github", "rate_limit", reset_in=0.4, status=429)
    limited = requests.get(url, headers={"Authorization": "bearer x"}, timeout=5)
    assert limited.status_code == 429
    assert limited.headers["x-ratelimit-remaining"] == "0"
    assert "API rate limit exceeded" in limited.json()["message"]
    time.sleep(0.5)
    assert requests.get(url, timeout=5).status_code == 200


# -- GitHub GraphQL ----------------------------------------------------------------------------


def test_graphql_aliases_not_found_rename_and_rate_limit(fake: FakeUpstream) -> None:
    fake.world.rename_repo("qiuhuachuan/PsyGUARD", "qiuhuachuan/PsyGUARD-v2")
    query = """query {
  r0: repository(owner: "zhongwanjun", name: "MemoryBank-SiliconFriend") { ...R }
  r1: repository(owner: "nobody", name: "nothing") { ...R }
  r2: repository(owner: "qiuhuachuan", name: "PsyGUARD") { stargazerCount }
  rateLimit { cost remaining resetAt limit used }
}
fragment R on Repository { nameWithOwner stargazerCount }"""
    assert gql(fake, query, token=None).status_code == 401
    answer = gql(fake, query)
    assert answer.status_code == 200
    data = answer.json()
    repo = fake.world.repo("zhongwanjun/MemoryBank-SiliconFriend")
    assert data["data"]["r0"]["stargazerCount"] == repo.stars
    assert data["data"]["r0"]["licenseInfo"] == (
        None if repo.license_spdx is None else {"spdxId": repo.license_spdx, "name": ANY}
    )
    assert data["data"]["r1"] is None
    assert data["data"]["r2"]["nameWithOwner"] == "qiuhuachuan/PsyGUARD-v2"
    (error,) = data["errors"]
    real = json.loads((FIX / "github" / "github_graphql_node_not_found_error.json").read_text())
    assert set(error) == set(real["errors"][0])
    assert error["type"] == "NOT_FOUND" and error["path"] == ["r1"]
    assert error["message"] == "Could not resolve to a Repository with the name 'nobody/nothing'."
    assert error["locations"] == [{"line": 3, "column": 3}]
    assert data["data"]["rateLimit"]["remaining"] == 4999
    assert answer.headers["x-ratelimit-resource"] == "graphql"

    fake.budgets["graphql"].remaining = 0
    limited = gql(fake, query)
    assert limited.status_code == 200
    assert limited.json()["errors"][0]["type"] == "RATE_LIMITED"
    assert limited.headers["x-ratelimit-remaining"] == "0"


def test_graphql_variables_and_bad_token(fake: FakeUpstream) -> None:
    query = "query Q($o: String!, $n: String!) { repository(owner: $o, name: $n) { url } }"
    answer = requests.post(
        fake.url("/graphql"),
        json={"query": query, "variables": {"o": "QIUHUACHUAN", "n": "psyguard"}},
        headers={"Authorization": "token abc"},
        timeout=5,
    ).json()
    assert answer == {"data": {"repository": fake.world.repo("qiuhuachuan/PsyGUARD").graphql()}}
    fake.github_token = "the-real-token"
    assert gql(fake, query, token="stolen").status_code == 401


# -- ACL Anthology -----------------------------------------------------------------------------


def _parse_bib(text: str) -> list[dict[str, str]]:
    entries: list[dict[str, str]] = bibtexparser.loads(
        text, parser=BibTexParser(common_strings=True)
    ).entries
    return entries


def test_acl_bib_volume_bib_and_404(fake: FakeUpstream) -> None:
    got = requests.get(fake.url("/2024.emnlp-main.264.bib"), timeout=5)
    assert got.status_code == 200
    (entry,) = _parse_bib(got.text)
    (real,) = _parse_bib((FIX / "acl_anthology" / "acl_2024.emnlp-main.264.bib").read_text())
    assert set(real) <= set(entry)
    assert (
        entry["ENTRYTYPE"] == "inproceedings" and entry["doi"] == "10.18653/v1/2024.emnlp-main.264"
    )
    assert entry["url"] == "https://aclanthology.org/2024.emnlp-main.264/"
    assert entry["booktitle"] == real["booktitle"] and entry["month"] == "November"
    assert (
        entry["title"] == "{P}sy{GUARD}: An Automated System for Suicide Detection and Risk "
        "Assessment in Psychological Counseling"
    )
    assert "  and\n      " in got.text and "    month = nov,\n" in got.text

    volume = _parse_bib(requests.get(fake.url("/volumes/2024.emnlp-main.bib"), timeout=5).text)
    assert [e["ENTRYTYPE"] for e in volume] == ["proceedings", "inproceedings", "inproceedings"]
    assert volume[1]["url"].endswith("2024.emnlp-main.264/")
    old = _parse_bib(requests.get(fake.url("/volumes/W15-12.bib"), timeout=5).text)
    assert old[-1]["url"] == "https://aclanthology.org/W15-1201/"

    missing = requests.get(fake.url("/2099.nothing-main.1.bib"), timeout=5)
    assert missing.status_code == 404 and missing.headers["Content-Type"].startswith("text/html")


# -- plain files -------------------------------------------------------------------------------


def test_served_file_etag_and_304(fake: FakeUpstream) -> None:
    path = "/Emo-gml/list/main/README.md"
    etag = fake.serve_file(path, b"# List\n- [x](https://arxiv.org/abs/2305.10250)\n")
    first = requests.get(fake.url(path), timeout=5)
    assert first.status_code == 200 and first.headers["ETag"] == etag
    assert (
        requests.get(fake.url(path), headers={"If-None-Match": etag}, timeout=5).status_code == 304
    )
    fake.serve_file(path, b"# List v2\n")
    second = requests.get(fake.url(path), headers={"If-None-Match": etag}, timeout=5)
    assert second.status_code == 200 and second.content == b"# List v2\n"
    assert fake.count("files") == 3
    assert requests.get(fake.url("/nowhere.md"), timeout=5).status_code == 404


# -- faults, latency, pacing, counting ---------------------------------------------------------

S2_BATCH = "/graph/v1/paper/batch"


def _s2_post(fake: FakeUpstream, timeout: float = 5) -> requests.Response:
    return requests.post(
        fake.url(S2_BATCH),
        json={"ids": ["ARXIV:2305.10250"]},
        params={"fields": "title"},
        timeout=timeout,
    )


def test_fault_timeout_holds_then_closes(fake: FakeUpstream) -> None:
    fake.inject("s2", "timeout", seconds=1.0)
    with pytest.raises(requests.exceptions.ReadTimeout):
        _s2_post(fake, timeout=0.3)
    assert _s2_post(fake).status_code == 200  # only the next one was faulted
    assert fake.requests[0].fault == "timeout" and fake.requests[0].status is None


def test_fault_slow_and_latency(fake: FakeUpstream) -> None:
    fake.inject("github", "slow", seconds=0.3)
    start = time.monotonic()
    assert requests.get(fake.url("/repos/qiuhuachuan/PsyGUARD"), timeout=5).status_code == 200
    assert time.monotonic() - start >= 0.3
    fake.latency = 0.15
    start = time.monotonic()
    assert _s2_post(fake).status_code == 200
    assert time.monotonic() - start >= 0.15


def test_fault_429_with_retry_after(fake: FakeUpstream) -> None:
    fake.inject("s2", "429", times=2, retry_after=7)
    for _ in range(2):
        got = _s2_post(fake)
        assert got.status_code == 429 and got.headers["Retry-After"] == "7"
        assert "Too Many Requests" in got.json()["message"]
    assert _s2_post(fake).status_code == 200


@pytest.mark.parametrize("status", [500, 502, 503])
@pytest.mark.parametrize(
    ("service", "path", "kind"),
    [
        ("s2", S2_BATCH, "application/json"),
        ("github", "/repos/qiuhuachuan/PsyGUARD", "application/json"),
        ("arxiv", "/api/query?id_list=2305.10250", "text/html"),
        ("acl", "/2024.emnlp-main.264.bib", "text/html"),
    ],
)
def test_fault_5xx_bodies(
    fake: FakeUpstream, service: str, path: str, kind: str, status: int
) -> None:
    fake.inject(service, str(status))
    method = "POST" if service == "s2" else "GET"
    got = requests.request(method, fake.url(path), json={"ids": []}, timeout=5)
    assert got.status_code == status
    assert got.headers["Content-Type"].startswith(kind)
    if service == "s2":
        assert "message" in got.json()
    if service == "github":
        assert got.json() == {"message": "Server Error"}


def test_fault_html_page_where_xml_was_due(fake: FakeUpstream) -> None:
    fake.inject("arxiv", "html")
    results = list(arxiv_client(fake).results(arxiv.Search(id_list=["2305.10250"])))
    assert results == []  # what the arxiv library makes of it: silence
    assert fake.requests[-1].status == 200 and fake.requests[-1].fault == "html"


def test_fault_truncated_body(fake: FakeUpstream) -> None:
    fake.inject("github", "truncated")
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.get(fake.url("/repos/qiuhuachuan/PsyGUARD"), timeout=5)
    fake.inject("s2", "truncated", mode="close")
    cut = _s2_post(fake)
    assert cut.status_code == 200
    with pytest.raises(ValueError):
        cut.json()


def test_pacing_enforcement_and_a_polite_client(fake: FakeUpstream) -> None:
    fake.enforce_pacing = {"s2": 0.3, "arxiv": 0.2}
    assert _s2_post(fake).status_code == 200
    assert _s2_post(fake).status_code == 429
    assert len(fake.pacing_violations) == 1 and fake.pacing_violations[0].service == "s2"
    time.sleep(0.35)
    assert _s2_post(fake).status_code == 200

    requests.get(fake.url("/api/query?id_list=2305.10250"), timeout=5)
    assert requests.get(fake.url("/api/query?id_list=2305.10250"), timeout=5).status_code == 503
    fake.reset_counts()
    assert fake.pacing_violations == [] and fake.count() == 0
    time.sleep(0.25)
    ids = ["2305.10250", "2309.13567", "2408.15787"]
    polite = arxiv_client(fake, page_size=1, delay=0.2)
    assert len(list(polite.results(arxiv.Search(id_list=ids, max_results=None)))) == 3
    assert fake.count("arxiv") == 3 and fake.pacing_violations == []


@pytest.mark.skipif(sys.platform != "linux", reason="the kernel's receive timestamps are Linux's")
def test_the_pace_is_measured_when_requests_arrive_not_when_a_busy_process_gets_to_them(
    fake: FakeUpstream,
) -> None:
    # Two requests 0.4 s apart, against a pace of 0.2 s, while this process holds the
    # interpreter: the fake's handler threads get to both at once, and must still see them
    # 0.4 s apart (a busy test process once made a paced client look 47 ms early).
    fake.enforce_pacing = {"acl": 0.2}
    request = b"GET /2024.emnlp-main.264.bib HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    first, second = (socket.create_connection(("127.0.0.1", fake.port)) for _ in range(2))
    switch = sys.getswitchinterval()
    sys.setswitchinterval(5.0)  # no other thread runs until this one waits
    try:
        first.sendall(request)
        sent_at = time.monotonic()
        while time.monotonic() - sent_at < 0.4:
            pass
        second.sendall(request)
    finally:
        sys.setswitchinterval(switch)
    answers = [_read_all(connection) for connection in (first, second)]
    assert [a.split(b" ", 2)[1] for a in answers] == [b"200", b"200"], fake.pacing_violations
    arrivals = sorted(r.at for r in fake.requests_for("acl"))
    assert 0.35 < arrivals[1] - arrivals[0] < 1.0


def _read_all(connection: socket.socket) -> bytes:
    with connection:
        connection.settimeout(10)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_counting_and_inject_validation(fake: FakeUpstream) -> None:
    _s2_post(fake)
    requests.get(fake.url("/2024.emnlp-main.264.bib"), timeout=5)
    gql(fake, 'query { repository(owner: "qiuhuachuan", name: "PsyGUARD") { url } }')
    assert (fake.count("s2"), fake.count("acl"), fake.count("graphql"), fake.count()) == (
        1,
        1,
        1,
        3,
    )
    assert [r.status for r in fake.requests] == [200, 200, 200]
    fake.reset_counts()
    assert fake.count() == 0
    with pytest.raises(ValueError):
        fake.inject("s2", "explode")
    with pytest.raises(ValueError):
        fake.inject("acl", "rate_limit")


def test_stop_releases_held_requests_quickly() -> None:
    fake = FakeUpstream(FakeWorld.synthetic(arxiv_ids=["2305.10250"])).start()
    fake.inject("arxiv", "timeout", seconds=30)
    errors: list[BaseException] = []

    def call() -> None:
        try:
            requests.get(fake.url("/api/query?id_list=2305.10250"), timeout=10)
        except requests.RequestException as exc:
            errors.append(exc)

    worker = threading.Thread(target=call)
    worker.start()
    time.sleep(0.2)
    start = time.monotonic()
    fake.stop()
    worker.join(timeout=5)
    assert time.monotonic() - start < 2
    assert len(errors) == 1 and isinstance(errors[0], requests.ConnectionError)


def test_release_held_answers_held_requests_now_and_holds_later_ones(fake: FakeUpstream) -> None:
    fake.inject("github", "slow", times=2, seconds=30)
    answers: list[int] = []

    def call() -> None:
        got = requests.get(fake.url("/repos/qiuhuachuan/PsyGUARD"), timeout=10)
        answers.append(got.status_code)

    first = threading.Thread(target=call)
    first.start()
    deadline = time.monotonic() + 5
    while fake.count("github") == 0:  # the request has arrived and is held
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert answers == []
    start = time.monotonic()
    fake.release_held()
    first.join(timeout=5)
    assert answers == [200] and time.monotonic() - start < 2
    second = threading.Thread(target=call)  # the second slow request is held again
    second.start()
    second.join(timeout=0.3)
    assert second.is_alive() and answers == [200]
    fake.release_held()
    second.join(timeout=5)
    assert answers == [200, 200]


def test_replaced_world_and_custom_records(fake_upstream: FakeUpstream) -> None:
    world = FakeWorld()
    world.add_arxiv(
        ArxivRecord(
            arxiv_id="hep-th/9901001",
            title="Old style",
            authors=["A. Author"],
            abstract=" x ",
            categories=["hep-th"],
            published=utc("1999-01-01T00:00:00Z"),
            updated=utc("1999-02-01T00:00:00Z"),
            versions=2,
        )
    )
    world.add_repo(GithubRepo(full_name="a/b", id=7, stars=1, license_spdx=None))
    fake_upstream.world = world
    results = list(arxiv_client(fake_upstream).results(arxiv.Search(id_list=["hep-th/9901001v1"])))
    assert [r.entry_id for r in results] == ["http://arxiv.org/abs/hep-th/9901001v1"]
    assert results[0].updated == results[0].published  # v1's dates
    body = requests.get(fake_upstream.url("/repos/a/b"), timeout=5).json()
    assert body["license"] is None and body["stargazers_count"] == 1
