"""Tests for enrich.ids: links as lists write them -> canonical ids.

Most rows come from a real awesome list; each rule of the module is at least one row.
"""

from __future__ import annotations

import random
import string

import pytest

from enrich.ids import (
    KINDS,
    PAPER_KINDS,
    CanonicalId,
    acl_id_from_doi,
    acl_volume_id,
    arxiv_id_from_doi,
    canonicalize,
    normalize_url,
    parse_arxiv_id,
    s2_lookup_id,
)

AX = "https://arxiv.org/abs/"
ACL = "https://aclanthology.org/"
DOI = "https://doi.org/"
GH = "https://github.com/"
HF = "https://huggingface.co/"

# (link as written, kind, value, version, url)
CASES: list[tuple[str, str, str, str | None, str]] = [
    # --- arXiv: real links ---
    ("https://arxiv.org/abs/2505.15715", "arxiv", "2505.15715", None, AX + "2505.15715"),
    ("https://arxiv.org/pdf/2403.03029", "arxiv", "2403.03029", None, AX + "2403.03029"),
    ("https://www.arxiv.org/abs/2508.09521", "arxiv", "2508.09521", None, AX + "2508.09521"),
    ("https://arxiv.org/abs/2412.00251v2", "arxiv", "2412.00251", "v2", AX + "2412.00251"),
    ("https://arxiv.org/abs/2410.16322/", "arxiv", "2410.16322", None, AX + "2410.16322"),
    ("https://arxiv.org/abs/2502.06873/)", "arxiv", "2502.06873", None, AX + "2502.06873"),
    # --- arXiv: path forms, hosts, versions ---
    ("https://arxiv.org/pdf/2403.03029.pdf", "arxiv", "2403.03029", None, AX + "2403.03029"),
    ("https://arxiv.org/pdf/2403.03029v3.pdf", "arxiv", "2403.03029", "v3", AX + "2403.03029"),
    # a doubled slash (seen in a real list) opens the same page
    ("https://arxiv.org/abs//2307.02628", "arxiv", "2307.02628", None, AX + "2307.02628"),
    ("http://export.arxiv.org/abs/2305.10250", "arxiv", "2305.10250", None, AX + "2305.10250"),
    ("https://arxiv.org/html/2412.00251v1", "arxiv", "2412.00251", "v1", AX + "2412.00251"),
    ("https://arxiv.org/html/2412.00251v1/#S3", "arxiv", "2412.00251", "v1", AX + "2412.00251"),
    ("arxiv.org/abs/2305.10250", "arxiv", "2305.10250", None, AX + "2305.10250"),
    ("HTTPS://ARXIV.ORG/abs/2305.10250", "arxiv", "2305.10250", None, AX + "2305.10250"),
    ("https://arxiv.org/abs/0704.0001", "arxiv", "0704.0001", None, AX + "0704.0001"),
    ("https://arxiv.org/abs/1412.7878", "arxiv", "1412.7878", None, AX + "1412.7878"),
    ("https://arxiv.org/abs/1501.00001", "arxiv", "1501.00001", None, AX + "1501.00001"),
    # old-style ids: archive lower-case, subject class as arXiv writes it (upper-case)
    ("https://arxiv.org/abs/astro-ph/0601001", "arxiv", "astro-ph/0601001", None,
     AX + "astro-ph/0601001"),
    ("https://arxiv.org/abs/hep-th/9901001v3", "arxiv", "hep-th/9901001", "v3",
     AX + "hep-th/9901001"),
    ("https://arxiv.org/abs/math.GT/0309136", "arxiv", "math.GT/0309136", None,
     AX + "math.GT/0309136"),
    ("https://arxiv.org/pdf/cond-mat/0102536v1.pdf", "arxiv", "cond-mat/0102536", "v1",
     AX + "cond-mat/0102536"),
    # bare ids and the arXiv DOI
    ("arXiv:2305.10250v1", "arxiv", "2305.10250", "v1", AX + "2305.10250"),
    ("https://doi.org/10.48550/arXiv.2305.10250", "arxiv", "2305.10250", None,
     AX + "2305.10250"),
    ("10.48550/ARXIV.2305.10250", "arxiv", "2305.10250", None, AX + "2305.10250"),
    # --- ACL Anthology: real links ---
    (" https://aclanthology.org/2024.emnlp-main.264/", "acl", "2024.emnlp-main.264", None,
     ACL + "2024.emnlp-main.264"),
    ("https://aclanthology.org/P19-1534/", "acl", "P19-1534", None, ACL + "P19-1534"),
    ("https://aclanthology.org/W15-1204/", "acl", "W15-1204", None, ACL + "W15-1204"),
    # --- ACL Anthology: other forms ---
    ("https://aclanthology.org/2024.emnlp-main.264.pdf", "acl", "2024.emnlp-main.264", None,
     ACL + "2024.emnlp-main.264"),
    ("aclanthology.org/2024.clpsych-1.20/", "acl", "2024.clpsych-1.20", None,
     ACL + "2024.clpsych-1.20"),
    ("https://aclanthology.org/2023.findings-emnlp.12v2.pdf", "acl", "2023.findings-emnlp.12",
     None, ACL + "2023.findings-emnlp.12"),
    ("https://aclanthology.org/D19-6213.pdf", "acl", "D19-6213", None, ACL + "D19-6213"),
    ("https://aclanthology.org/W18-0603", "acl", "W18-0603", None, ACL + "W18-0603"),
    ("https://www.aclweb.org/anthology/P19-1534", "acl", "P19-1534", None, ACL + "P19-1534"),
    ("http://aclweb.org/anthology/P/P19/P19-1534.pdf", "acl", "P19-1534", None,
     ACL + "P19-1534"),
    ("https://doi.org/10.18653/v1/2024.emnlp-main.264", "acl", "2024.emnlp-main.264", None,
     ACL + "2024.emnlp-main.264"),
    ("https://dx.doi.org/10.18653/v1/P19-1534", "acl", "P19-1534", None, ACL + "P19-1534"),
    # volume and event pages are not papers
    ("https://aclanthology.org/volumes/2024.emnlp-main/", "url",
     ACL + "volumes/2024.emnlp-main", None, ACL + "volumes/2024.emnlp-main"),
    ("https://aclanthology.org/events/emnlp-2024/", "url", ACL + "events/emnlp-2024", None,
     ACL + "events/emnlp-2024"),
    # --- DOI ---
    ("https://dl.acm.org/doi/10.1145/3676962", "doi", "10.1145/3676962", None,
     DOI + "10.1145/3676962"),
    ("https://dl.acm.org/doi/abs/10.1007/s00521-021-06208-y", "doi",
     "10.1007/s00521-021-06208-y", None, DOI + "10.1007/s00521-021-06208-y"),
    ("https://dl.acm.org/doi/pdf/10.1145/3676962", "doi", "10.1145/3676962", None,
     DOI + "10.1145/3676962"),
    ("https://dl.acm.org/doi/fullHtml/10.1145/3676962", "doi", "10.1145/3676962", None,
     DOI + "10.1145/3676962"),
    ("https://doi.org/10.1145/3676962", "doi", "10.1145/3676962", None,
     DOI + "10.1145/3676962"),
    ("http://dx.doi.org/10.1016/J.JAD.2020.01.001.", "doi", "10.1016/j.jad.2020.01.001", None,
     DOI + "10.1016/j.jad.2020.01.001"),
    ("https://doi.org/10.1002%2Fcpp.2345/", "doi", "10.1002/cpp.2345", None,
     DOI + "10.1002/cpp.2345"),
    # PLOS's own resolver: the path is the DOI (6 rows of a single-cell list were no paper)
    ("https://dx.plos.org/10.1371/journal.pcbi.1011641", "doi", "10.1371/journal.pcbi.1011641",
     None, DOI + "10.1371/journal.pcbi.1011641"),
    ("https://link.springer.com/article/10.1007/s00521-021-06208-y", "doi",
     "10.1007/s00521-021-06208-y", None, DOI + "10.1007/s00521-021-06208-y"),
    ("https://link.springer.com/content/pdf/10.1007/s00521-021-06208-y.pdf", "doi",
     "10.1007/s00521-021-06208-y", None, DOI + "10.1007/s00521-021-06208-y"),
    ("https://www.nature.com/articles/s41597-022-01211-x#citeas", "doi",
     "10.1038/s41597-022-01211-x", None, DOI + "10.1038/s41597-022-01211-x"),
    ("https://onlinelibrary.wiley.com/doi/full/10.1002/cpp.2345", "doi", "10.1002/cpp.2345",
     None, DOI + "10.1002/cpp.2345"),
    ("https://onlinelibrary.wiley.com/doi/10.1002/cpp.2345/abstract", "doi", "10.1002/cpp.2345",
     None, DOI + "10.1002/cpp.2345"),
    ("https://www.tandfonline.com/doi/abs/10.1080/10503307.2020.1808729", "doi",
     "10.1080/10503307.2020.1808729", None, DOI + "10.1080/10503307.2020.1808729"),
    ("https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0226431", "doi",
     "10.1371/journal.pone.0226431", None, DOI + "10.1371/journal.pone.0226431"),
    ("https://www.frontiersin.org/articles/10.3389/fpsyt.2023.1234567/full", "doi",
     "10.3389/fpsyt.2023.1234567", None, DOI + "10.3389/fpsyt.2023.1234567"),
    ("https://www.biorxiv.org/content/10.1101/2020.03.01.972844v2.full.pdf", "doi",
     "10.1101/2020.03.01.972844", None, DOI + "10.1101/2020.03.01.972844"),
    ("doi:10.1145/3676962", "doi", "10.1145/3676962", None, DOI + "10.1145/3676962"),
    # --- OpenReview ---
    ("https://openreview.net/pdf?id=KA9StC9l3T/", "openreview", "KA9StC9l3T", None,
     "https://openreview.net/forum?id=KA9StC9l3T"),
    ("https://openreview.net/forum?id=KA9StC9l3T", "openreview", "KA9StC9l3T", None,
     "https://openreview.net/forum?id=KA9StC9l3T"),
    ("https://openreview.net/forum?id=KA9StC9l3T&noteId=xyz123#discussion", "openreview",
     "KA9StC9l3T", None, "https://openreview.net/forum?id=KA9StC9l3T"),
    ("https://openreview.net/group?id=ICLR.cc/2024/Conference", "url",
     "https://openreview.net/group?id=ICLR.cc/2024/Conference", None,
     "https://openreview.net/group?id=ICLR.cc/2024/Conference"),
    # --- GitHub ---
    ("https://github.com/chuyq/MESC/?tab=readme-ov-file", "github", "chuyq/mesc", None,
     GH + "chuyq/MESC"),
    ("https://github.com/facebookresearch/ParlAI/tree/main/projects/reframe_thoughts",
     "github", "facebookresearch/parlai", None, GH + "facebookresearch/ParlAI"),
    ("https://github.com/facebookresearch/ParlAI/blob/main/README.md#install", "github",
     "facebookresearch/parlai", None, GH + "facebookresearch/ParlAI"),
    ("https://github.com/facebookresearch/ParlAI.git", "github", "facebookresearch/parlai",
     None, GH + "facebookresearch/ParlAI"),
    ("http://www.github.com/chuyq/MESC", "github", "chuyq/mesc", None, GH + "chuyq/MESC"),
    ("https://github.com/facebookresearch", "url", GH + "facebookresearch", None,
     GH + "facebookresearch"),
    ("https://github.com/topics/mental-health", "url", GH + "topics/mental-health", None,
     GH + "topics/mental-health"),
    ("https://ckqqqq.github.io/Demo/Psy-Insight/", "url",
     "https://ckqqqq.github.io/Demo/Psy-Insight", None,
     "https://ckqqqq.github.io/Demo/Psy-Insight"),
    ("https://gist.github.com/someone/0123abcd", "url", "https://gist.github.com/someone/0123abcd",
     None, "https://gist.github.com/someone/0123abcd"),
    # --- Hugging Face ---
    ("https://huggingface.co/Hongbin37/CBT-LLM", "hf_model", "hongbin37/cbt-llm", None,
     HF + "Hongbin37/CBT-LLM"),
    ("https://huggingface.co/Hongbin37/CBT-LLM/tree/main", "hf_model", "hongbin37/cbt-llm", None,
     HF + "Hongbin37/CBT-LLM"),
    ("https://huggingface.co/Psychotherapy-LLM", "url", HF + "Psychotherapy-LLM", None,
     HF + "Psychotherapy-LLM"),
    ("https://huggingface.co/datasets/ameyhengle/ANGST", "hf_dataset", "ameyhengle/angst", None,
     HF + "datasets/ameyhengle/ANGST"),
    ("https://huggingface.co/datasets/ameyhengle/ANGST/viewer", "hf_dataset",
     "ameyhengle/angst", None, HF + "datasets/ameyhengle/ANGST"),
    ("https://huggingface.co/papers/2305.10250", "hf_paper", "2305.10250", None,
     HF + "papers/2305.10250"),
    ("https://huggingface.co/spaces/someone/demo", "url", HF + "spaces/someone/demo", None,
     HF + "spaces/someone/demo"),
    # --- everything else is a plain link ---
    ("https://ieeexplore.ieee.org/document/10807220?denied=", "url",
     "https://ieeexplore.ieee.org/document/10807220", None,
     "https://ieeexplore.ieee.org/document/10807220"),
    ("https://anonymous.4open.science/r/CAMS1/", "url", "https://anonymous.4open.science/r/CAMS1",
     None, "https://anonymous.4open.science/r/CAMS1"),
    ("https://git.opendfki.de/philipp.mueller/autopsyc", "url",
     "https://git.opendfki.de/philipp.mueller/autopsyc", None,
     "https://git.opendfki.de/philipp.mueller/autopsyc"),
    ("https://www.sciencedirect.com/science/article/pii/S0165032720300010", "url",
     "https://sciencedirect.com/science/article/pii/S0165032720300010", None,
     "https://sciencedirect.com/science/article/pii/S0165032720300010"),
    ("https://ojs.aaai.org/index.php/AAAI/article/view/17620", "url",
     "https://ojs.aaai.org/index.php/AAAI/article/view/17620", None,
     "https://ojs.aaai.org/index.php/AAAI/article/view/17620"),
    ("https://sites.google.com/view/psy-llm/home?utm_source=x", "url",
     "https://sites.google.com/view/psy-llm/home", None,
     "https://sites.google.com/view/psy-llm/home"),
    ("https://gitlab.com/group/project", "url", "https://gitlab.com/group/project", None,
     "https://gitlab.com/group/project"),
    ("https://arxiv.org/list/cs.CL/recent", "url", "https://arxiv.org/list/cs.CL/recent", None,
     "https://arxiv.org/list/cs.CL/recent"),
    # --- robustness ---
    ("  https://arxiv.org/abs/2505.15715  ", "arxiv", "2505.15715", None, AX + "2505.15715"),
    ("https://arxiv.org/abs/\n   2505.15715", "arxiv", "2505.15715", None, AX + "2505.15715"),
    ("https://aclanthology.org/2024.emnlp-\nmain.264/", "acl", "2024.emnlp-main.264", None,
     ACL + "2024.emnlp-main.264"),
    ("<https://github.com/chuyq/MESC>", "github", "chuyq/mesc", None, GH + "chuyq/MESC"),
    ("https://en.wikipedia.org/wiki/Eliza_(program)", "url",
     "https://en.wikipedia.org/wiki/Eliza_(program)", None,
     "https://en.wikipedia.org/wiki/Eliza_(program)"),
    ("", "url", "", None, ""),
    ("   ", "url", "", None, ""),
    ("not a link at all", "url", "not a link at all", None, "not a link at all"),
    ("https://arxiv.org/abs/9999.99999", "url", "https://arxiv.org/abs/9999.99999", None,
     "https://arxiv.org/abs/9999.99999"),
    ("https://", "url", "https://", None, "https://"),
    ("http://[::1", "url", "http://[::1", None, "http://[::1"),
]  # fmt: skip


@pytest.mark.parametrize(("link", "kind", "value", "version", "url"), CASES)
def test_canonicalize(link: str, kind: str, value: str, version: str | None, url: str) -> None:
    assert canonicalize(link) == CanonicalId(kind, value, version, url)


def test_case_table_is_large_and_covers_every_kind() -> None:
    assert len(CASES) >= 60
    assert {row[1] for row in CASES} == set(KINDS)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://arxiv.org/abs/2412.00251v2", "https://arxiv.org/pdf/2412.00251v1.pdf"),
        ("https://arxiv.org/abs/2305.10250", "https://doi.org/10.48550/arXiv.2305.10250"),
        ("https://aclanthology.org/P19-1534/", "https://doi.org/10.18653/v1/P19-1534"),
        ("https://github.com/chuyq/MESC", "https://github.com/ChuYQ/mesc.git"),
        ("https://doi.org/10.1145/3676962", "https://dl.acm.org/doi/pdf/10.1145/3676962"),
    ],
)
def test_same_thing_same_identity(a: str, b: str) -> None:
    ca, cb = canonicalize(a), canonicalize(b)
    assert (ca.kind, ca.value) == (cb.kind, cb.value)


# --- normalize_url ---


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://Example.COM/Path/", "https://example.com/Path"),
        ("https://www.example.com/a#frag", "https://example.com/a"),
        ("  https://example.com/a\n  /b  ", "https://example.com/a/b"),
        ("https://example.com/?tab=readme-ov-file", "https://example.com"),
        ("https://example.com/a?utm_source=x&q=1&fbclid=y", "https://example.com/a?q=1"),
        (
            "https://openreview.net/forum?id=KA9StC9l3T",
            "https://openreview.net/forum?id=KA9StC9l3T",
        ),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:8080/a", "https://example.com:8080/a"),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        ("example.com/a/", "https://example.com/a"),
        ("//example.com/a", "https://example.com/a"),
        ("https://example.com/a).", "https://example.com/a"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
        ("", ""),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


# --- helpers ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2412.00251v2", ("2412.00251", "v2")),
        ("2412.00251", ("2412.00251", None)),
        ("arXiv:2305.10250", ("2305.10250", None)),
        ("0704.0001", ("0704.0001", None)),
        ("astro-ph/0601001", ("astro-ph/0601001", None)),
        ("hep-th/9901001v3", ("hep-th/9901001", "v3")),
        ("math.GT/0309136", ("math.GT/0309136", None)),
        ("MATH.gt/0309136V1", ("math.GT/0309136", "v1")),
        ("2505.1571", None),  # 4-digit numbers ended in 2014
        ("1412.12345", None),  # 5-digit numbers started in 2015
        ("0612.0001", None),  # the new scheme starts in April 2007
        ("2413.00001", None),  # no month 13
        ("hep-th/9901001v0", None),
        ("hello", None),
        ("", None),
    ],
)
def test_parse_arxiv_id(text: str, expected: tuple[str, str | None] | None) -> None:
    assert parse_arxiv_id(text) == expected


@pytest.mark.parametrize(
    ("doi", "expected"),
    [
        ("10.48550/arXiv.2305.10250", "2305.10250"),
        ("https://doi.org/10.48550/arxiv.2305.10250", "2305.10250"),
        ("10.48550/arXiv.math.GT/0309136", "math.GT/0309136"),
        ("10.1145/3676962", None),
        ("10.48550/arXiv.nonsense", None),
    ],
)
def test_arxiv_id_from_doi(doi: str, expected: str | None) -> None:
    assert arxiv_id_from_doi(doi) == expected


@pytest.mark.parametrize(
    ("doi", "expected"),
    [
        ("10.18653/v1/2024.emnlp-main.264", "2024.emnlp-main.264"),
        ("10.18653/v1/P19-1534", "P19-1534"),
        ("10.18653/V1/p19-1534", "P19-1534"),
        ("doi:10.18653/v1/2023.findings-acl.12", "2023.findings-acl.12"),
        ("10.1145/3676962", None),
        ("10.18653/v1/not-an-id", None),
    ],
)
def test_acl_id_from_doi(doi: str, expected: str | None) -> None:
    assert acl_id_from_doi(doi) == expected


@pytest.mark.parametrize(
    ("acl_id", "expected"),
    [
        ("2024.emnlp-main.264", "2024.emnlp-main"),
        ("2024.clpsych-1.20", "2024.clpsych-1"),
        ("2023.findings-emnlp.12", "2023.findings-emnlp"),
        ("P19-1534", "P19-1"),
        ("N19-1001", "N19-1"),
        ("J90-2001", "J90-2"),
        ("Q17-1010", "Q17-1"),
        ("E17-2001", "E17-2"),
        ("W15-1204", "W15-12"),
        ("W18-0603", "W18-06"),
        ("D19-1001", "D19-1"),
        ("D19-6213", "D19-62"),  # D19-50 .. D19-66 are workshops: 2-digit volume
        ("C69-0101", "C69-01"),
    ],
)
def test_acl_volume_id(acl_id: str, expected: str) -> None:
    assert acl_volume_id(acl_id) == expected


def test_acl_volume_id_rejects_non_ids() -> None:
    with pytest.raises(ValueError):
        acl_volume_id("not-an-id")


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://arxiv.org/abs/2305.10250v2", "ARXIV:2305.10250"),
        ("https://arxiv.org/abs/math.GT/0309136", "ARXIV:math/0309136"),
        ("https://aclanthology.org/2024.emnlp-main.264/", "ACL:2024.emnlp-main.264"),
        ("https://dl.acm.org/doi/10.1145/3676962", "DOI:10.1145/3676962"),
        ("https://openreview.net/pdf?id=KA9StC9l3T/",
         "URL:https://openreview.net/forum?id=KA9StC9l3T"),
        ("https://huggingface.co/papers/2305.10250", "ARXIV:2305.10250"),
        ("https://dl.acm.org/citation.cfm?id=3290605", "URL:https://dl.acm.org/citation.cfm?id=3290605"),
        ("https://www.semanticscholar.org/paper/abc/0123456789abcdef",
         "URL:https://semanticscholar.org/paper/abc/0123456789abcdef"),
        ("https://www.aclweb.org/portal/content/x", "URL:https://aclweb.org/portal/content/x"),
        ("https://github.com/chuyq/MESC", None),
        ("https://huggingface.co/Hongbin37/CBT-LLM", None),
        ("https://ieeexplore.ieee.org/document/10807220", None),
        ("https://evilarxiv.org/abs/1", None),
        ("garbage", None),
    ],
)  # fmt: skip
def test_s2_lookup_id(link: str, expected: str | None) -> None:
    assert s2_lookup_id(canonicalize(link)) == expected


def test_kind_constants() -> None:
    assert set(PAPER_KINDS) <= set(KINDS)
    assert "url" in KINDS and "github" not in PAPER_KINDS


def test_canonicalize_never_raises() -> None:
    rng = random.Random(20240521)
    alphabet = string.printable + "éß中\u200b\x00%[]()#?&=/:."
    prefixes = ["", "https://", "http://arxiv.org/abs/", "https://github.com/", "doi:10.",
                "https://doi.org/", "https://huggingface.co/", "https://openreview.net/pdf?id=",
                "https://aclanthology.org/", "//", "arXiv:"]  # fmt: skip
    for _ in range(3000):
        text = rng.choice(prefixes) + "".join(
            rng.choice(alphabet) for _ in range(rng.randint(0, 40))
        )
        cid = canonicalize(text)
        assert cid.kind in KINDS
        assert isinstance(cid.value, str) and isinstance(cid.url, str)
        s2_lookup_id(cid)
