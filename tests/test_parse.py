"""Tests for enrich.parse: the two real seed lists, a file of deliberately malformed lines, small
Markdown cases, random bytes, and a 10,000-entry list.

Figures for the seeds were counted by hand from the files (see the comments at each figure),
not copied from the parser's output.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest

from enrich.ids import canonicalize
from enrich.models import Entry, ParsedList
from enrich.parse import ACCOUNTING_KEYS, decode_list, parse_list, split_venue_tag

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.parse_speed import seed_list  # noqa: E402  (the project root is on sys.path above)

LISTS = Path(__file__).parent / "fixtures" / "lists"
SEED_1121 = LISTS / "awesome-mental-health-llms.README.md"  # mojibake (Windows-1254)
SEED_1120 = LISTS / "awesome-mental-health-llms.2025-11-20.README.md"  # correctly encoded
MALFORMED = LISTS / "malformed.md"
EMPTY = LISTS / "empty.md"
YEAR = 2025  # the seeds' year: tags like 'Neural Computing and Applications'34' are volumes

MOJIBAKE_MARKERS = ("Ã", "â€", "ğŸ", "ğœ", "Î¨", "Ã©", "\ufffd")


def parse_file(path: Path) -> ParsedList:
    return parse_list(path.stem, path.read_bytes(), current_year=YEAR)


def by_line(parsed: ParsedList) -> dict[int, Entry]:
    return {e.line_no: e for e in parsed.entries}


def distinct_ids(parsed: ParsedList) -> Counter[str]:
    """How many distinct things of each kind the list links to (over all links of all entries)."""
    ids = {
        (c.kind, c.value) for e in parsed.entries for k in e.links for c in [canonicalize(k.url)]
    }
    return Counter(kind for kind, _ in ids)


def line_count(raw: bytes) -> int:
    text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + (0 if not text or text.endswith("\n") else 1)


@pytest.fixture(scope="module")
def seed_1121() -> ParsedList:
    return parse_file(SEED_1121)


@pytest.fixture(scope="module")
def seed_1120() -> ParsedList:
    return parse_file(SEED_1120)


@pytest.fixture(scope="module")
def malformed() -> ParsedList:
    return parse_file(MALFORMED)


# --- the 2025-11-21 seed (mojibake) -------------------------------------------------------------


def test_seed_1121_entry_counts(seed_1121: ParsedList) -> None:
    # Bullets: lines 52-113 (62 lines) minus 2 headings (84, 104) and 2 continuation lines
    # (80, 112) = 58; lines 119-158 (40) minus 3 headings and 1 continuation (153) = 36 -> 94.
    # Table rows: 3.1 = 31 (165-195); 3.2 = 27 minus 3 group rows = 24; 3.3 = 14 (229-242);
    # 3.4 = 25 minus 2 group rows = 23 -> 92.
    formats = Counter(e.source_format for e in seed_1121.entries)
    assert len(seed_1121.entries) == 186
    assert formats == {"bullet": 94, "table": 92}


def test_seed_1121_distinct_ids(seed_1121: ParsedList) -> None:
    ids = distinct_ids(seed_1121)
    assert (ids["arxiv"], ids["acl"], ids["github"]) == (82, 55, 64)


def test_seed_1121_mojibake_is_repaired(seed_1121: ParsedList) -> None:
    assert seed_1121.text_repaired
    titles = {e.listed_title for e in seed_1121.entries}
    assert any(t.startswith("Ψ-Arena:") for t in titles)
    assert any(t.startswith("PATIENT-𝜓:") for t in titles)
    assert any("LLMs’ Empathy" in t for t in titles)  # curly apostrophe kept, not uncurled
    texts = [
        text
        for e in seed_1121.entries
        for text in (e.listed_title, e.venue_tag or "", e.section or "", e.subsection or "")
    ] + [k.label for e in seed_1121.entries for k in e.links]
    assert not [t for t in texts if any(m in t for m in MOJIBAKE_MARKERS)]
    assert {k.label for e in seed_1121.entries for k in e.links} == {"Paper", "Code"}


def test_seed_1121_line_accounting(seed_1121: ParsedList) -> None:
    # Counted by hand: 18 headings (## x6 incl. "4. Benchmark", ### x12), 32 HTML lines
    # (1-3, 5-12, 17, 19-24, 26-28, 30, 33-35, 38-40, 43-45, 48), 17 blank lines, 2 prose lines
    # (14-15), 8 table header/delimiter lines, 5 bold group rows, 3 continuation lines.
    raw = SEED_1121.read_bytes()
    assert seed_1121.line_accounting == {
        "entry": 186,
        "continuation": 3,
        "heading": 18,
        "table_header": 8,
        "table_group": 5,
        "blank": 17,
        "html": 32,
        "prose": 2,
    }
    assert sum(seed_1121.line_accounting.values()) == line_count(raw) == 271


def test_seed_1121_problems(seed_1121: ParsedList) -> None:
    found = [(p.line_no, p.severity, p.reason.split(" (")[0]) for p in seed_1121.problems]
    assert found == [
        (98, "warning", "link is missing the ']' between its label and its URL"),
        (113, "warning", "stray ')' after a link"),
    ]
    assert all(p.list_name == SEED_1121.stem for p in seed_1121.problems)
    assert seed_1121.problems[0].text.startswith("-  (*Arxiv'24*) SouLLMate")


def test_seed_1121_positions_follow_list_order(seed_1121: ParsedList) -> None:
    assert [e.position for e in seed_1121.entries] == list(range(1, 187))
    lines = [e.line_no for e in seed_1121.entries]
    assert lines == sorted(lines)
    assert all(e.list_name == SEED_1121.stem for e in seed_1121.entries)


# --- the 2025-11-20 seed ------------------------------------------------------------------------


def test_seed_1120_figures(seed_1120: ParsedList) -> None:
    # Same 94 bullets (lines 52-158 are identical in both versions); tables 3.1 (31 rows) and
    # 3.2 (24 rows) only: 3.3 and 3.4 are still empty headings -> 149 entries.
    assert not seed_1120.text_repaired
    assert len(seed_1120.entries) == 149
    assert Counter(e.source_format for e in seed_1120.entries) == {"bullet": 94, "table": 55}
    # Hand count from the 11-21 figures minus what tables 3.3/3.4 add there:
    #   arXiv: 2503.21888, 2507.07421 (3.3); 2504.13211, 2008.11708, 2209.14085 (3.4; MESC's
    #     2408.03650 is already a bullet) -> 82 - 5 = 77.
    #   ACL: 2023.acl-long.577, 2023.acl-long.763, 2024.lrec-main.498, 2024.lrec-main.1017,
    #     2024.nlpaics-1.26, 2025.naacl-short.73, 2025.acl-long.272, 2025.acl-short.52,
    #     2025.findings-emnlp.1089 (3.3; CPsyCounR's 2024.findings-acl.830 is in 3.1), and
    #     2020.lrec-1.187 (3.4) -> 55 - 10 = 45.
    #   GitHub: uccollab/annomi, dll-wu/Client-Reactions, facebookresearch/ParlAI,
    #     vsrana-ai/IC-AnnoMI, Dregdael/EmpatheticeExchanges-dataset, MichiganNLP/MIDAS,
    #     HanMeng2004/Mental-Health-Stigma-Interview-Corpus, danushkhanna/self-percept,
    #     youxiazhao/sdoh_annotation (3.3), aidenwang9867/Weibo-User-Depression-Detection-Dataset
    #     (3.4; chuyq/MESC and nobel-postech/mirror are bullets already) -> 64 - 10 = 54.
    ids = distinct_ids(seed_1120)
    assert (ids["arxiv"], ids["acl"], ids["github"]) == (77, 45, 54)


def test_seed_1120_line_accounting(seed_1120: ParsedList) -> None:
    # 229 lines: 31 HTML (1-3, 5-12, 17, 19-21, 23-24, 26-28, 30, 33-35, 38-40, 43-45, 48),
    # 19 blank, 18 headings, 4 table header lines, 3 group rows, 2 prose, 3 continuation lines.
    assert seed_1120.line_accounting == {
        "entry": 149,
        "continuation": 3,
        "heading": 18,
        "table_header": 4,
        "table_group": 3,
        "blank": 19,
        "html": 31,
        "prose": 2,
    }
    assert sum(seed_1120.line_accounting.values()) == line_count(SEED_1120.read_bytes()) == 229
    assert [(p.line_no, p.severity) for p in seed_1120.problems] == [
        (98, "warning"),
        (113, "warning"),
    ]


def test_repaired_seed_reads_exactly_like_the_clean_one(
    seed_1121: ParsedList, seed_1120: ParsedList
) -> None:
    """Lines 52-225 are byte-identical once the mojibake is repaired, so the first 149 entries
    must be equal field by field: proof that the repair restores every emoji, 𝜓 and ’."""
    strip = [asdict(e) | {"list_name": ""} for e in seed_1121.entries[:149]]
    clean = [asdict(e) | {"list_name": ""} for e in seed_1120.entries]
    assert strip == clean


# --- seed details -------------------------------------------------------------------------------


def test_bullet_entry_fields(seed_1121: ParsedList) -> None:
    e = by_line(seed_1121)[52]
    assert e.kind == "paper" and e.source_format == "bullet"
    assert e.section == "1. Large Language Models for mental health"
    assert e.subsection == "1.1 Core Methodologies for Model Adaptation"
    assert e.group is None and e.dataset_name is None and e.description is None
    assert e.listed_title.startswith("Beyond Empathy: Integrating Diagnostic")
    assert e.listed_title.endswith("for Mental Health Counseling")  # trimmed (two spaces follow)
    assert (e.venue_tag, e.listed_venue, e.listed_year, e.listed_month) == (
        "Arxiv'25",
        "arXiv",
        2025,
        None,
    )
    assert [(k.label, k.url, k.line_no) for k in e.links] == [
        ("Paper", "https://arxiv.org/abs/2505.15715", 52),
        ("Code", "https://github.com/Emo-gml/PsyLLM", 52),
    ]


def test_subsection_text_as_written_even_under_another_section(seed_1121: ParsedList) -> None:
    e = by_line(seed_1121)[105]
    assert e.section == "1. Large Language Models for mental health"
    assert e.subsection == "3.3 Beyond Text: Integrating Multimodal Cues"
    # "## 2." resets the subsection before "### 2.1".
    assert (
        by_line(seed_1121)[119].subsection
        == "2.1 Enhancing Longitudinal Engagement and Personalization"
    )


def test_title_line_followed_by_links_line(seed_1121: ParsedList) -> None:
    e = by_line(seed_1121)[79]
    assert e.listed_title.endswith("via Bilateral Reinforcement Learning")
    assert [(k.url, k.line_no) for k in e.links] == [("https://arxiv.org/abs/2508.02458", 80)]
    assert 80 not in by_line(seed_1121)


def test_link_split_over_two_lines(seed_1121: ParsedList) -> None:
    links = by_line(seed_1121)[111].links
    assert [(k.label, k.url, k.line_no) for k in links] == [
        ("Paper", "https://arxiv.org/abs/2502.04976/", 111),
        ("Code", "https://github.com/nobel-postech/mirror", 111),
    ]
    assert by_line(seed_1121)[152].links[1].url == "https://ckqqqq.github.io/Demo/Psy-Insight/"


def test_link_quirks_kept_as_written_but_trimmed(seed_1121: ParsedList) -> None:
    entries = by_line(seed_1121)
    assert entries[69].links[0].url == "https://aclanthology.org/2024.emnlp-main.264/"  # "( https"
    assert entries[98].links == entries[98].links[:1]  # missing "]": still extracted
    assert (entries[98].links[0].label, entries[98].links[0].url) == (
        "Paper",
        "https://arxiv.org/abs/2410.16322/",
    )
    assert entries[113].links[0].url == "https://arxiv.org/abs/2502.06873/"  # extra ")"
    assert entries[109].links[1].url == "https://github.com/chuyq/MESC/?tab=readme-ov-file"
    assert entries[264].links[0].url == "https://www.nature.com/articles/s41597-022-01211-x#citeas"
    assert entries[107].links[0].url == "https://openreview.net/pdf?id=KA9StC9l3T/"


def test_curly_apostrophe_tag(seed_1121: ParsedList) -> None:
    e = by_line(seed_1121)[107]
    assert (e.venue_tag, e.listed_venue, e.listed_year) == ("ICLR’25", "ICLR", 2025)


def test_venue_spellings_normalised(seed_1121: ParsedList) -> None:
    venues = {e.venue_tag: e.listed_venue for e in seed_1121.entries}
    assert venues["lrec'24"] == "LREC"
    assert venues["Coling'25"] == "COLING"
    assert venues["clpsych'24"] == "CLPsych"
    assert venues["clinicalnlp'24"] == "ClinicalNLP"
    assert venues["iwsds'25"] == "IWSDS"
    assert venues["Findings'21"] == "Findings"
    assert venues["ACM Trans'24"] == "ACM Trans"  # unknown: as written
    assert venues["PGAI CIKM'23"] == "PGAI CIKM"


def test_table_row_fields(seed_1121: ParsedList) -> None:
    e = by_line(seed_1121)[165]
    assert e.kind == "dataset" and e.source_format == "table"
    assert (e.section, e.subsection, e.group) == (
        "3. Dataset",
        "3.1 Mental Health Dialogue Data Construction and Synthesis",
        None,
    )
    assert e.dataset_name == "EmpatheticDialogues"
    assert (e.listed_year, e.listed_month) == (2018, 11)  # from "2018.11", not from the tag
    assert e.description == "A dialogue dataset for empathy and emotional conversations"
    assert (e.venue_tag, e.listed_venue) == ("ACL'19", "ACL")
    assert e.listed_title == (
        "Towards Empathetic Open-domain Conversation Models: a New Benchmark and Dataset"
    )
    assert [k.label for k in e.links] == ["Paper", "Code"]


def test_table_group_rows(seed_1121: ParsedList) -> None:
    groups = {ln: e.group for ln, e in by_line(seed_1121).items() if e.source_format == "table"}
    assert groups[200] == groups[207] == "Depression Detection"
    assert groups[209] == groups[213] == "Suicide Detection"
    assert groups[215] == groups[225] == "Other Diseases Detection"  # row "|||" (3 cells)
    assert groups[229] is None  # a new table: the group ends with the table
    assert groups[247] == groups[249] == "Interaction-Oriented Supportive Dialogue"  # "|| ||"
    assert groups[251] == groups[270] == "Behavior-Based Mental Health Detection"
    assert {199, 208, 214, 246, 250}.isdisjoint(groups)  # group rows are not entries


def test_volume_numbers_are_not_years(seed_1121: ParsedList) -> None:
    e = by_line(seed_1121)[218]
    assert e.venue_tag == "Neural Computing and Applications'34"
    assert e.listed_venue == "Neural Computing and Applications"
    assert (e.listed_year, e.listed_month) == (2022, 7)  # the table's year column
    assert split_venue_tag(e.venue_tag, YEAR) == ("Neural Computing and Applications", None)


# --- venue tags ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("EMNLP'24", ("EMNLP", 2024)),
        ("Arxiv'25", ("arXiv", 2025)),
        ("arxiv'23", ("arXiv", 2023)),
        ("lrec'24", ("LREC", 2024)),
        ("Coling'25", ("COLING", 2025)),
        ("clpsych'24", ("CLPsych", 2024)),
        ("clinicalnlp'24", ("ClinicalNLP", 2024)),
        ("iwsds'25", ("IWSDS", 2025)),
        ("Findings'21", ("Findings", 2021)),
        ("LREC-COLING'24", ("LREC-COLING", 2024)),
        ("ICLR’25", ("ICLR", 2025)),
        ("ICLR‘25", ("ICLR", 2025)),
        ("IEEE transactions on multimedia'24", ("IEEE transactions on multimedia", 2024)),
        ("Neural Computing and Applications'34", ("Neural Computing and Applications", None)),
        ("Expert Systems with Applications'217", ("Expert Systems with Applications", None)),
        ("ACL'2023", ("ACL", 2023)),
        ("ACL 2024", ("ACL", 2024)),
        ("WWW'26", ("WWW", 2026)),  # next year's conference is announced already
        ("WWW'27", ("WWW", None)),
        ("Scientific Data", ("Scientific Data", None)),
    ],
)
def test_split_venue_tag(tag: str, expected: tuple[str | None, int | None]) -> None:
    assert split_venue_tag(tag, YEAR) == expected


# --- decoding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("[[ğŸ“ Paper](u)]", "[[📝 Paper](u)]"),  # Windows-1254, the 9D byte lost
        ("[[ğŸ’» Code](u)]", "[[💻 Code](u)]"),  # Windows-1254, nothing lost
        ("PATIENT-ğœ“: Using", "PATIENT-𝜓: Using"),  # 9D lost in the middle
        ("Î¨-Arena", "Ψ-Arena"),
        ("LLMsâ€™ Empathy", "LLMs’ Empathy"),
        ("â€œquotedâ€</i>", "“quoted”</i>"),  # the closing quote lost its 9D
        ("[[ðŸ“ Paper](u)]", "[[📝 Paper](u)]"),  # Windows-1252, the 9D byte lost
        ("cafÃ© crÃ¨me", "café crème"),
    ],
)
def test_decode_repairs_mojibake(broken: str, fixed: str) -> None:
    assert decode_list(broken.encode("utf-8")) == (fixed, True)


@pytest.mark.parametrize(
    "text",
    [
        "‘single’ and “double” curly quotes, an apostrophe’s curl",
        "pâte brisée, naïve café, à la carte — ½ … ﬁ ligature, ＡＢＣ full width",
        "Türkçe: ğüşıöç İĞÜŞÖÇ; Ελληνικά; русский «текст»; 中文; 𝜓 📝 💻",
        "line one\r\nline two\rline three\n",
        "control \x01 chars and a form\x0cfeed stay",
    ],
)
def test_decode_leaves_intact_text_alone(text: str) -> None:
    assert decode_list(text.encode("utf-8")) == (text, False)


def test_decode_bom_and_invalid_bytes() -> None:
    assert decode_list(b"\xef\xbb\xbf# Title\n") == ("# Title\n", False)
    text, repaired = decode_list(b"ok \xff\xfe\x80 ok")
    assert text == "ok \ufffd\ufffd\ufffd ok" and not repaired
    assert decode_list(b"") == ("", False)


# --- malformed lines ----------------------------------------------------------------------------


def test_malformed_fixture_is_what_it_claims() -> None:
    raw = MALFORMED.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n") == 43
    assert max(len(line) for line in raw.split(b"\r\n")) > 10_000
    assert b"\t" in raw and b"\x00" in raw and b"\xff" in raw


def test_malformed_line_accounting(malformed: ParsedList) -> None:
    assert malformed.line_accounting == {
        "entry": 11,  # 8, 9, 10, 14, 15, 16, 17, 18, 33, 34, 38
        "heading": 7,  # 1 (after the BOM), 5 ("#" alone), 6, 7, 22, 29, 40
        "table_header": 2,  # 30, 31
        "table_group": 2,  # 32, 37
        "table_empty": 1,  # 36
        "blank": 8,  # 2, 4, 19, 21, 24, 28, 39, 42
        "html": 2,  # 25, 27
        "reference": 1,  # 43
        "prose": 3,  # 3 (table of contents), 20 (binary junk), 41
        "problem": 6,  # 11, 12, 13, 23, 26, 35
    }
    assert sum(malformed.line_accounting.values()) == 43
    assert set(malformed.line_accounting) <= set(ACCOUNTING_KEYS)


def test_malformed_problems(malformed: ParsedList) -> None:
    found = {(p.line_no, p.severity): p.reason for p in malformed.problems}
    expected = {
        (9, "warning"): "missing its closing ')'",  # unterminated link: still extracted
        (10, "warning"): "missing the ']'",
        (11, "error"): "bullet has a title but no link",
        (12, "error"): "bullet has links but no title",
        (13, "error"): "empty bullet",
        (16, "warning"): "not UTF-8",  # binary junk inside an entry
        (17, "warning"): "characters long",  # the 10 kB line
        (18, "warning"): "without a '- ' bullet marker",
        (23, "error"): "indented 4+ spaces (or a tab)",
        (26, "error"): "inside an HTML block",
        (35, "error"): "row has 3 cells but the table header has 4",
    }
    assert set(found) == set(expected)
    for key, fragment in expected.items():
        assert fragment in found[key], (key, found[key])
    assert all(p.text for p in malformed.problems)  # the offending line, for the maintainer


def test_malformed_entries(malformed: ParsedList) -> None:
    entries = by_line(malformed)
    assert sorted(entries) == [8, 9, 10, 14, 15, 16, 17, 18, 33, 34, 38]
    assert entries[9].links[0].url == "https://arxiv.org/abs/2401.00002"
    assert entries[10].links[0].url == "https://arxiv.org/abs/2401.00003"
    assert entries[14].listed_title == "Tabbed Entry"  # tabs are whitespace
    assert (entries[14].listed_venue, entries[14].listed_year) == ("arXiv", 2025)
    assert (entries[15].listed_venue, entries[15].listed_year) == ("ICLR", 2025)
    assert len(entries[17].listed_title) > 10_000
    assert entries[18].listed_title == "Forgotten Bullet Marker"
    assert [k.url for k in entries[17].links] == ["https://arxiv.org/abs/2401.00006"]
    assert {e.section for e in malformed.entries if e.source_format == "bullet"} == {"1. Papers"}
    # Tables: the group carries over rows, a missing trailing "|" is still a row, month 13 is
    # no month, and the table's year column wins over the tag's volume number.
    assert (entries[33].group, entries[33].listed_year, entries[33].listed_month) == (
        "Group A",
        2024,
        5,
    )
    assert (entries[34].dataset_name, entries[34].listed_year, entries[34].listed_month) == (
        "NoTrailingPipe",
        2023,
        None,
    )
    assert entries[34].listed_title == "No Trailing Pipe"
    assert (entries[38].group, entries[38].listed_venue, entries[38].listed_year) == (
        "Group B",
        "LREC",
        2021,
    )


@pytest.mark.parametrize("raw", [b"", EMPTY.read_bytes(), b"\xef\xbb\xbf", b"\n\n\n"])
def test_empty_inputs(raw: bytes) -> None:
    parsed = parse_list("empty", raw, current_year=YEAR)
    assert parsed.entries == () and parsed.problems == ()
    assert sum(parsed.line_accounting.values()) == line_count(raw.removeprefix(b"\xef\xbb\xbf"))


# --- small Markdown cases -----------------------------------------------------------------------


def parse_text(text: str) -> ParsedList:
    return parse_list("t", text.encode("utf-8"), current_year=YEAR)


def test_double_hash_resets_subsection() -> None:
    parsed = parse_text(
        "## A\n### A.1\n- (*ACL'24*) One [[Paper](https://arxiv.org/abs/2401.00001)]\n"
        "## B\n- (*ACL'24*) Two [[Paper](https://arxiv.org/abs/2401.00002)]\n"
    )
    assert [(e.section, e.subsection) for e in parsed.entries] == [("A", "A.1"), ("B", None)]


def test_headings_inside_html_blocks_are_ignored() -> None:
    parsed = parse_text(
        "## Real\n<div>\n## Not a section\n</div>\n\n"
        "- (*ACL'24*) One [[Paper](https://arxiv.org/abs/2401.00001)]\n"
    )
    assert parsed.entries[0].section == "Real"
    assert parsed.line_accounting == {"entry": 1, "heading": 1, "blank": 1, "html": 3}


def test_images_and_navigation_are_not_entries() -> None:
    parsed = parse_text(
        "- [Papers](#papers)\n\n![banner](banner.png)\n\n## Papers\n- ![logo](logo.png)\n"
        "- (*ACL'24*) One [[Paper](https://arxiv.org/abs/2401.00001)]\n"
    )
    assert len(parsed.entries) == 1 and parsed.problems == ()
    assert parsed.line_accounting == {"entry": 1, "heading": 1, "blank": 2, "image": 2, "prose": 1}


def test_kinds_and_titles_from_link_text() -> None:
    parsed = parse_text(
        "## Tools\n"
        "- (*Arxiv'24*) A Tool [[💻 Code](https://github.com/a/b)]\n"
        "- [A Paper By Its Link Text](https://aclanthology.org/2024.acl-long.1/)\n"
        "- Bare URL Paper https://arxiv.org/abs/2401.00001\n"
        "- [Some Website](https://example.org/tool) - a description\n"
    )
    got = [(e.kind, e.listed_title, [(k.label, k.url) for k in e.links]) for e in parsed.entries]
    assert got == [
        ("other", "A Tool", [("Code", "https://github.com/a/b")]),
        (
            "paper",
            "A Paper By Its Link Text",
            [("A Paper By Its Link Text", "https://aclanthology.org/2024.acl-long.1/")],
        ),
        ("paper", "Bare URL Paper", [("", "https://arxiv.org/abs/2401.00001")]),
        ("other", "Some Website", [("Some Website", "https://example.org/tool")]),
    ]


def test_space_between_bracket_and_parenthesis_is_a_warning() -> None:
    parsed = parse_text("## S\n- (*ACL'24*) T [Paper] (https://arxiv.org/abs/2401.00001)\n")
    assert [k.url for k in parsed.entries[0].links] == ["https://arxiv.org/abs/2401.00001"]
    assert [(p.line_no, p.severity) for p in parsed.problems] == [(2, "warning")]
    assert "space between ']' and '('" in parsed.problems[0].reason


def test_nested_list_heads_and_prose_sections() -> None:
    parsed = parse_text(
        "## Contributing\n- Fork the repository\n- Open a pull request\n\n"
        "## Papers\n- Depression\n  - (*ACL'24*) One [[Paper](https://arxiv.org/abs/2401.00001)]\n"
    )
    assert [e.listed_title for e in parsed.entries] == ["One"]
    assert parsed.problems == ()  # link-less bullets outside entry sections are prose
    assert parsed.line_accounting["prose"] == 3


def test_empty_headings() -> None:
    parsed = parse_text(
        "## A\n- (*ACL'24*) One [[Paper](https://arxiv.org/abs/2401.00001)]\n#\n"
        "##\n- (*ACL'24*) Two [[Paper](https://arxiv.org/abs/2401.00002)]\n"
    )
    assert [e.section for e in parsed.entries] == ["A", None]  # "#" changes nothing, "##" does
    assert [(p.line_no, p.severity) for p in parsed.problems] == [(4, "warning")]
    assert "empty '##' heading" in parsed.problems[0].reason
    assert parsed.line_accounting == {"entry": 2, "heading": 3}


def test_lost_bullet_marker_splits_entries_linearly() -> None:
    lines = "".join(f"(*ACL'24*) T{k} [[Paper](https://x.org/{k})]\n" for k in range(2_000))
    parsed = parse_text("## S\n- (*ACL'24*) T [[Paper](https://x.org/a)]\n" + lines)
    assert len(parsed.entries) == 2_001
    assert parsed.entries[-1].listed_title == "T1999" and parsed.entries[-1].line_no == 2_002
    assert sum(p.severity == "warning" for p in parsed.problems) == 2_000


def test_ordered_list_and_default_year() -> None:
    parsed = parse_list(
        "t", b"## S\n1. (*EMNLP'24*) One [[Paper](https://arxiv.org/abs/2401.00001)]\n"
    )
    assert parsed.entries[0].listed_year == 2024 and parsed.entries[0].listed_venue == "EMNLP"


# --- robustness and speed -----------------------------------------------------------------------

_FRAGMENTS = [
    b"- ", b"* ", b"1. ", b"| ", b" |", b"||", b"|---|---|", b"[", b"]", b"(", b")", b"](",
    b"[[", b"]]", b"(*", b"*)", b"'24", b"\xe2\x80\x99", b"https://arxiv.org/abs/2401.00001",
    b"## ", b"### ", b"#", b"\n", b"\r\n", b"\r", b"\t", b"    ", b"<div>", b"</div>", b"```",
    b"**", b"`", b"\\", b"![a](b)", b"<https://a.b>", b"[x]: http://y", b"---", b">",
    b"\xef\xbb\xbf", b"\xc3\xa2\xe2\x82\xac", b"\xc4\x9f\xc5\xb8\xe2\x80\x9c", b"\x00", b"\xff",
    b"&amp;", b"Title ",
]  # fmt: skip


def _random_input(rng: random.Random) -> bytes:
    """Random bytes mixed with Markdown and mojibake fragments, so the parser's paths are hit."""
    parts = []
    for _ in range(rng.randint(0, 150)):
        if rng.random() < 0.3:
            parts.append(bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))))
        else:
            parts.append(rng.choice(_FRAGMENTS))
    return b"".join(parts)


def test_random_bytes_never_raise() -> None:
    rng = random.Random(20251121)
    for _ in range(200):
        raw = _random_input(rng)
        parsed = parse_list("fuzz", raw, current_year=YEAR)
        assert sum(parsed.line_accounting.values()) == line_count(
            raw.removeprefix(b"\xef\xbb\xbf")
        ), raw
        assert not [p for p in parsed.problems if "internal parser error" in p.reason], raw
        assert [e.position for e in parsed.entries] == list(range(1, len(parsed.entries) + 1))
        assert all(e.listed_title and e.links for e in parsed.entries)


def test_ten_thousand_entries() -> None:
    """A 10,000-entry list (2.7 MB, mojibake included) is read whole: every entry, every line
    and every link accounted for. How fast: `python -m bench.parse_speed` (bench/README.md)."""
    raw = seed_list(10_000)
    parsed = parse_list("big", raw, current_year=YEAR)
    assert len(parsed.entries) == 10_000
    assert [e.position for e in parsed.entries] == list(range(1, 10_001))
    assert sum(parsed.line_accounting.values()) == line_count(raw)
    assert parsed.line_accounting["entry"] == 10_000
    assert sum(parsed.link_accounting.values()) == len(parsed.link_ledger)
    assert not [p for p in parsed.problems if p.severity == "error"]
    # Half bullets, half table rows, each with its links: none of them lost or left unfated.
    assert sum(len(e.links) for e in parsed.entries) == parsed.link_accounting["entry"]


# --- the Markdown engine -------------------------------------------------------------------------
# Lists are read by markdown-it-pyrs (compiled); markdown-it-py, which the parser used before, is
# the reference. What the compiled engine reads differently is put back (first table), or the
# document goes to markdown-it-py (second table). Either way the parse must be markdown-it-py's.

REPAIRED = {
    "destinations it percent-encodes": (
        "- [Paper](https://x.org/é%20a) [c](<https://y.org/a b>) <https://a.b/c%20d> "
        "[d](https://日本.jp/x)\n"
    ),
    "schemes it refuses": (
        "- **T** [p](javascript:alert(1)) [q](JaVaScRiPt:x) ![i](data:text/html,x) "
        "[f](file:///etc/passwd) <vbscript:y> data: and file: in prose\n"
    ),
    "a reference's destination": "- [Paper][r] and [R]\n\n[r]: https://ref.org/é \"t\"\n",
    "Unicode spaces at the ends": (
        "\u00a0**Title**\u00a0 [p](https://arxiv.org/abs/2401.00001)\u00a0\n\n"
        "| a | b |\n|---|---|\n| \u00a0x\u00a0 | [y](https://z.org)\u00a0 |\n"
    ),
    "bold at either end": "**Only bold**\n\n- **A** [p](https://arxiv.org/abs/2401.00002) **B**\n",
    "emphasis in a label, over two lines": (
        "- [**Deep**\nLearning](https://arxiv.org/abs/2401.00003) and "
        "![**i** x\ny](https://i.org/é.png) *a** b\n"
    ),
    "code spans of spaces": "- a `` `` b ``  \n`` [c](https://c.org)\n",
    "an entity that is a space": "&nbsp;\n\n- &nbsp;[x](https://x.org)&nbsp;\n",
    "an HTML block ending the file": "- [x](https://x.org)\n\n<div><a href=\"https://y.org\">y</a>",
    "an escape that is none": "- \\data: [x](https://x.org/é) \\*a\\*\n",
    "NUL": "- a\x00b [x](https://x.org/\x00)\n",
}

MISREAD = {
    "a backtick run closing nowhere in a link label (it panics)": (
        "- [Bob`s paper](https://arxiv.org/abs/2401.00004)\n"
    ),
    "an item that cannot interrupt a paragraph, after a blockquote": (
        "> - [a](https://x.org)\n2) b\n"
    ),
    "the same, after a table": "| a | b |\n|---|---|\n| x | [y](https://y.org) |\n-\n",
    "a table under a list item": "- [a](https://x.org)\n|---|\n",
    "a table under a blockquote's lazy line": (
        "> - [a](https://x.org)\n| a | b |\n|---|---|\n"
    ),
    "an emoji next to emphasis": "- a*😀*b [x](https://x.org)\n",
    "a run of three markers in text": "- **_a*b*;***[a*b [x](https://x.org)\n",
    "a lower-case declaration": "<!doctype html>\n\n- [a](https://x.org) <!x>\n",
    "an escaped pipe before a pipe": "| a | b |\n|---|---|\n| x\\|| [y](https://y.org) |\n",
    "a comment holding \"--\"": "- [a](https://x.org) <!-- a -- b --> <!--> c\n",
    "<pre> over a blank line": "- <pre>\n\n  https://x.org\n  </pre>\n",
    "a backslash alone on a line": "- [a](https://x.org)\n  \\\n  b\n",
    "\"[label](\" naming a definition": "- [r]( and [r][x\n\n[r]: https://ref.org\n",
    "a definition ending in a backslash": "[r]: https://ref.org/x\\\n\n- [r]\n",
    "the source holding a masked scheme": "- [a](javascript:x) and dat-: [b](https://x.org)\n",
    "reference definitions and inline links": (
        "- [a](https://x.org) [b][r] [c](\n\n[r]: https://r.org\n[^1]: a footnote\n"
    ),
    "an empty comment": "- [a](https://x.org) <!--> x\n",
    "a tab-indented line in a list item": "- [a](https://x.org)\n\tb [c](https://y.org/é)\n",
    "an item of an empty blockquote": "> - >\n   \n- [a](https://x.org)\n",
    "a line of no-break spaces after a table": "| a |\n|---|\n| [x](https://x.org) |\n\u00a0\n",
}


def _parsed_as_data(parsed: ParsedList) -> tuple[object, ...]:
    return (parsed.entries, parsed.problems, parsed.link_ledger, parsed.line_accounting)


def _parse_with(text: str, monkeypatch: pytest.MonkeyPatch, *, reference: bool) -> ParsedList:
    """Parse with the compiled engine, or (reference) with markdown-it-py."""
    from enrich.parse import markdown as engine

    with monkeypatch.context() as patch:
        patch.setattr(engine, "_needs_fallback", lambda text, source: reference)
        return parse_list("engine", text.encode(), current_year=YEAR)


@pytest.mark.parametrize("name", sorted(REPAIRED))
def test_compiled_engine_reads_as_markdown_it_py(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from enrich.parse import markdown as engine

    text = REPAIRED[name]
    assert not engine._needs_fallback(text, engine.Source(text))  # the compiled engine reads it
    compiled = _parse_with(text, monkeypatch, reference=False)
    reference = _parse_with(text, monkeypatch, reference=True)
    assert _parsed_as_data(compiled) == _parsed_as_data(reference)
    assert compiled.link_ledger  # every case has links, so the comparison compares something


@pytest.mark.parametrize("name", sorted(MISREAD))
def test_documents_the_compiled_engine_misreads_go_to_markdown_it_py(name: str) -> None:
    from enrich.parse import markdown as engine

    text = MISREAD[name].replace("\0", "\ufffd")
    assert engine._needs_fallback(text, engine.Source(text))
    parsed = parse_list("engine", MISREAD[name].encode(), current_year=YEAR)
    assert not [p for p in parsed.problems if "internal parser error" in p.reason]
    assert parsed.link_ledger


def test_a_panic_of_the_compiled_engine_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were a document the screen let through to panic, markdown-it-py reads it instead."""
    text = MISREAD["a backtick run closing nowhere in a link label (it panics)"]
    through = _parse_with(text, monkeypatch, reference=False)  # screen off: it panics, caught
    reference = _parse_with(text, monkeypatch, reference=True)
    assert _parsed_as_data(through) == _parsed_as_data(reference)
    assert [e.listed_title for e in through.entries] == ["Bob`s paper"]


def test_the_same_bytes_are_parsed_once_and_the_memory_of_them_is_bounded() -> None:
    import enrich.parse as parse_module

    raw = b"# T\n- A Title [paper](https://arxiv.org/abs/2401.00001)\n"
    first = parse_list("t", raw, current_year=YEAR)
    assert parse_list("t", raw, current_year=YEAR) is first  # asked again: not parsed again
    assert parse_list("t", raw, current_year=YEAR + 1) is not first  # what it depends on: a key
    assert parse_list("t", raw, current_year=YEAR, list_url="https://github.com/a/b") is not first
    assert parse_list("u", raw, current_year=YEAR) is not first
    for k in range(2 * parse_module._RECENT_SIZE):
        parse_list("t", raw + f"- Another [p](https://arxiv.org/abs/2401.{k:05d})\n".encode())
    assert len(parse_module._RECENT) == parse_module._RECENT_SIZE
    assert parse_list("t", raw, current_year=YEAR) is not first  # forgotten, parsed again …
    assert parse_list("t", raw, current_year=YEAR) == first  # … to the same result


def test_the_list_measure_reads_each_doi_on_its_own() -> None:
    """bench.measure_lists counts ids independently of the parser: an ACL DOI must not make
    the arXiv DOI after it an "ACL id" (it did, and reported the paper as lost)."""
    from bench.measure_lists import ids_in_text

    text = (
        "- [A](https://doi.org/10.18653/v1/2024.findings-emnlp.464)\n"
        "- [B](https://doi.org/10.48550/arXiv.2407.01505)\n"
        "- [C](https://doi.org/10.1016/j.patter.2024.100988)\n"
    )
    assert ids_in_text(text) == {
        ("acl", "2024.findings-emnlp.464"),
        ("arxiv", "2407.01505"),
        ("doi", "10.1016/j.patter.2024.100988"),
    }


def test_the_list_measure_reads_dois_with_parentheses_and_the_old_anthology_address() -> None:
    """A Lancet DOI holds parentheses; aclweb.org/anthology is where older lists link the
    Anthology: the measure counted the first as a lost id and never saw the second."""
    from bench.measure_lists import ids_in_text

    text = (
        "- **[A](https://doi.org/10.1016/s0140-6736(26)00464-2)**<br/>\n"
        "- [B](https://www.aclweb.org/anthology/P18-2102/) [C](http://aclweb.org/anthology/P/P17/P17-1001.pdf)\n"
        "- see (https://doi.org/10.1016/j.patter.2024.100988)\n"
    )
    assert ids_in_text(text) == {
        ("doi", "10.1016/s0140-6736(26)00464-2"),
        ("acl", "P18-2102"),
        ("acl", "P17-1001"),
        ("doi", "10.1016/j.patter.2024.100988"),
    }


def test_the_list_measure_counts_entries_that_link_several_arxiv_papers(tmp_path: Path) -> None:
    """Two papers read as one entry keep both ids "in an entry": the measure counts such
    entries on their own (here an entry that does link two: a paper and its follow-up)."""
    from bench.measure_lists import measure

    path = tmp_path / "list.md"
    path.write_text(
        "- Paper one [v1](https://arxiv.org/abs/2001.00001) [v2](https://arxiv.org/abs/2001.00002)\n"
        "- Paper three [pdf](https://arxiv.org/abs/2001.00003) - Ann Lee and Bo Chen, ICLR 2020\n",
        encoding="utf-8",
    )
    result = measure(path)
    assert result["entries_with_several_arxiv_ids"] == 1
    assert result["several_arxiv_examples"][0][2] == ["2001.00001", "2001.00002"]
    # and how many entries got their fields: the second says its authors, venue and year
    assert (result["with_authors"], result["with_venue"], result["with_year"]) == (1, 1, 1)
