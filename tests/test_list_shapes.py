"""The entry shapes real lists use, one synthetic list each (tests/fixtures/lists/shapes/), and the
link ledger: every link occurrence has exactly one fate, and no paper id is left without an entry
or a problem -- on the fixtures and on generated documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.config import ListConfig
from enrich.ids import PAPER_KINDS, canonicalize
from enrich.models import ParsedList
from enrich.parse import IGNORE_REASONS, parse_list
from enrich.pipeline import RefreshOptions, run_refresh
from enrich.resolve import resolve_entries
from enrich.warehouse import open_reader

from fake_upstream import FakeUpstream, FakeWorld
from support import make_settings

SHAPES = Path(__file__).parent / "fixtures" / "lists" / "shapes"
YEAR = 2025
OWN = "https://github.com/example/awesome-furniture"


def parse(name: str) -> ParsedList:
    return parse_list(name, (SHAPES / name).read_bytes(), current_year=YEAR, list_url=OWN)


def titles(parsed: ParsedList) -> list[str]:
    return [e.listed_title for e in parsed.entries]


def paper_ids(urls: list[str]) -> set[str]:
    ids = set()
    for url in urls:
        cid = canonicalize(url)
        if cid.kind in PAPER_KINDS:
            ids.add(cid.value)
    return ids


def entry_ids(parsed: ParsedList) -> set[str]:
    return paper_ids([k.url for e in parsed.entries for k in e.links])


def assert_ledger_whole(parsed: ParsedList) -> None:
    """Fates add up; an ignored link never carries a paper id; no error on a clean list."""
    assert sum(parsed.link_accounting.values()) == len(parsed.link_ledger)
    for item in parsed.link_ledger:
        assert item.fate in ("entry", "problem", "ignored")
        if item.fate == "ignored":
            assert item.reason in IGNORE_REASONS
            assert not paper_ids([item.url]) or item.reason in ("code", "reference"), item


def test_heading_entries_take_their_field_bullets() -> None:
    parsed = parse("heading_entries.md")
    assert titles(parsed) == [
        "Chain of Thought Prompting Elicits Reasoning",
        "Self-Consistency Improves Chain of Thought Reasoning",
        "Tree of Thoughts: Deliberate Problem Solving",
        "Least-to-Most Prompting",
    ]
    assert [e.source_format for e in parsed.entries] == ["heading"] * 4
    assert entry_ids(parsed) == {"2201.11903", "2203.11171", "2305.10601", "WZH7099tgfM"}
    cot, sc, _tot, ltm = parsed.entries
    assert [k.url for k in cot.links][-1] == "https://github.com/example/cot"
    assert cot.description == (
        "Method: few-shot exemplars with intermediate steps Data: GSM8K, SVAMP"
    )
    assert sc.listed_authors == "Xuezhi Wang, Jason Wei, Dale Schuurmans"
    assert (sc.listed_venue, sc.listed_year) == ("ICLR", 2023)
    assert ltm.listed_authors == "Denny Zhou, Nathanael Schärli, Le Hou"
    assert not parsed.problems  # field bullets are not errors
    assert parsed.line_accounting.get("problem", 0) == 0
    assert_ledger_whole(parsed)


def test_bullets_bold_linked_quoted_numbered_and_two_papers_in_one() -> None:
    parsed = parse("bullets_bold_and_linked.md")
    assert titles(parsed) == [
        "Attention Is All You Need",
        "BERT: Pre-training of Deep Bidirectional Transformers",
        "Language Models are Few-Shot Learners",
        "Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer",
        "Deep Residual Learning for Image Recognition",
        "Sequence to Sequence Learning with Neural Networks",
        "ModelA",
        "ModelB",
    ]
    attention, bert, gpt3, t5, resnet, _, model_a, model_b = parsed.entries
    assert attention.listed_authors == "Ashish Vaswani, Noam Shazeer et al"
    assert (attention.listed_venue, attention.listed_year) == ("NeurIPS", 2017)
    assert (bert.listed_venue, bert.listed_year) == ("NAACL", 2019)
    assert bert.description is not None and bert.description.startswith("A masked language")
    assert gpt3.listed_authors == "Tom Brown, Benjamin Mann et al"
    assert t5.listed_authors == "Colin Raffel et al"
    assert (resnet.listed_venue, resnet.listed_year) == ("CVPR", 2016)
    # one bullet naming two papers: two entries, each with its own paper
    assert [k.url for k in model_a.links] == ["https://arxiv.org/abs/2101.00001"]
    assert [k.url for k in model_b.links] == ["https://arxiv.org/abs/2102.00002"]
    assert model_b.description == "two baselines"
    # news bullets and description sub-bullets are not errors
    assert not [p for p in parsed.problems if p.severity == "error"]
    assert_ledger_whole(parsed)


def test_tables_found_by_header_names_in_any_order() -> None:
    parsed = parse("tables_any_columns.md")
    assert titles(parsed) == [
        "MMLU: Measuring Massive Multitask Language Understanding",
        "HellaSwag: Can a Machine Really Finish Your Sentence?",
        "GPT-4 Technical Report",
        "Llama 2: Open Foundation and Fine-Tuned Chat Models",
    ]
    mmlu, hellaswag, gpt4, llama = parsed.entries
    # "ICLR 2021" beside a Date of 2020-09 (the arXiv version's): the venue's year is the
    # publication's ("ICLR" with 2020 would name a conference the paper was not at)
    assert (mmlu.listed_venue, mmlu.listed_year, mmlu.listed_month) == ("ICLR", 2021, None)
    assert (hellaswag.listed_venue, hellaswag.listed_year) == ("ACL", 2019)
    assert hellaswag.listed_month == 5
    assert (gpt4.listed_authors, gpt4.listed_year, gpt4.listed_month) == ("OpenAI", 2023, 3)
    assert (llama.listed_year, llama.listed_month) == (2023, 7)
    assert entry_ids(parsed) == {"2009.03300", "P19-1472", "2303.08774", "2307.09288"}
    assert not parsed.problems
    assert_ledger_whole(parsed)


def test_paragraphs_blockquotes_reference_links_and_footnotes() -> None:
    parsed = parse("paragraphs_quotes_footnotes.md")
    assert [e.source_format for e in parsed.entries] == ["paragraph"] * 3 + ["bullet"] * 4 + [
        "paragraph"
    ]
    assert titles(parsed)[:3] == [
        "Constitutional AI: Harmlessness from AI Feedback",
        "Training language models to follow instructions with human feedback",
        "Direct Preference Optimization",
    ]
    voyager = parsed.entries[-1]
    assert voyager.listed_title.startswith("Voyager: An Open-Ended Embodied Agent")
    assert voyager.listed_authors == "Guanzhi Wang et al"
    assert entry_ids(parsed) == {
        "2212.08073", "2203.02155", "2305.18290", "2302.04761", "2210.03629", "2303.11366",
        "2304.03442", "2305.16291",
    }  # fmt: skip
    assert parsed.link_accounting["ignored:reference"] == 2  # counted where they are used
    assert not parsed.problems
    assert_ledger_whole(parsed)


def test_html_table_rows_and_lists() -> None:
    parsed = parse("html_tables.md")
    assert titles(parsed) == [
        "LoRA: Low-Rank Adaptation of Large Language Models",
        "QLoRA: Efficient Finetuning of Quantized LLMs",
        "Prefix-Tuning: Optimizing Continuous Prompts for Generation",
    ]
    assert [e.source_format for e in parsed.entries] == ["html"] * 3
    assert [k.url for k in parsed.entries[0].links][1] == "https://github.com/example/lora"
    assert (parsed.entries[2].listed_year, parsed.entries[1].listed_year) == (2021, 2023)
    assert parsed.link_accounting["ignored:badge"] == 1
    assert_ledger_whole(parsed)


def test_furniture_is_ignored_by_name_and_unsafe_links_are_reported() -> None:
    parsed = parse("furniture.md")
    assert titles(parsed) == ["A Paper That Is An Entry", "Dangerous Link Entry"]
    # the javascript: link is reported and not exported
    assert all(not k.url.startswith("javascript") for e in parsed.entries for k in e.links)
    unsafe = [p for p in parsed.problems if "unsafe scheme 'javascript:'" in p.reason]
    assert [p.line_no for p in unsafe] == [11]
    acc = parsed.link_accounting
    assert acc["ignored:anchor"] == 2  # the table of contents
    assert acc["ignored:own_repo"] == 3  # stargazers, issues, contributors graph
    assert acc["ignored:badge"] == 6
    assert acc["ignored:code"] == 1  # the paper id inside the BibTeX block
    assert acc["ignored:relative"] == 1
    assert acc["ignored:prose"] == 1  # a tool mentioned in running text
    assert acc["problem"] == 1
    assert acc["entry"] == 3
    assert_ledger_whole(parsed)


def test_a_paper_link_outside_every_entry_is_an_error_never_prose() -> None:
    text = (
        "# L\n\n## Papers\n- (*ACL'24*) Real Entry [[Paper](https://arxiv.org/abs/2401.00001)]\n"
        "- [[Paper](https://arxiv.org/abs/2401.00002)]\n\n"
        "See <https://arxiv.org/abs/2401.00003> as well.\n\n"
        "[unused]: https://arxiv.org/abs/2401.00004\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    errors = {p.line_no: p.reason for p in parsed.problems if p.severity == "error"}
    assert set(errors) == {5, 7, 9}
    assert "no title" in errors[5]
    assert "2401.00003" in errors[7]
    assert "never used" in errors[9]
    fates = {f.url: f.fate for f in parsed.link_ledger}
    assert fates["https://arxiv.org/abs/2401.00003"] == "problem"
    assert fates["https://arxiv.org/abs/2401.00004"] == "problem"
    assert_ledger_whole(parsed)


def test_an_arxiv_link_without_a_valid_id_is_a_warning() -> None:
    text = "# L\n\n## P\n- Title Here [paper](https://arxiv.org/abs/2004.0409)\n"
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == ["Title Here"]
    assert [(p.line_no, p.severity) for p in parsed.problems] == [(4, "warning")]
    assert "without a valid id (2004.0409" in parsed.problems[0].reason


def test_utf16_with_bom_is_read() -> None:
    text = "# L\n\n- (*ACL'24*) Wide Entry [[Paper](https://arxiv.org/abs/2401.00001)]\n"
    for encoding in ("utf-16", "utf-32"):
        parsed = parse_list("t", text.encode(encoding), current_year=YEAR)
        assert titles(parsed) == ["Wide Entry"], encoding


# --- generated documents --------------------------------------------------------------------------

_WORDS = st.sampled_from(["Deep", "Networks", "Learning", "for", "Graph", "Agents", "Large", "Of"])
_TITLE = st.lists(_WORDS, min_size=2, max_size=6).map(lambda w: " ".join(w).capitalize())


def _shape(kind: str, title: str, n: int) -> tuple[str, list[str]]:
    """One entry of the given shape with paper id number n: (markdown, urls in it)."""
    paper = f"https://arxiv.org/abs/2301.{n:05d}"
    code = f"https://github.com/gen/r{n}"
    shapes = {
        "bullet": (f"- (*ACL'24*) {title} [[Paper]({paper})] [[Code]({code})]\n", [paper, code]),
        "bold": (f"- **{title}** A. Author, B. Author. [[pdf]({paper})]\n", [paper]),
        "linked": (f"1. [{title}]({paper}) - a description\n", [paper]),
        "heading": (f"### [{title}]({paper})\n- **Code:** [GitHub]({code})\n\n", [paper, code]),
        "paragraph": (f"**{title}** [[paper]({paper})]\n\n", [paper]),
        "quote": (f"> - [{title}]({paper})\n\n", [paper]),
        "row": (f"| {title} | 2023.05 | [arXiv]({paper}) |\n", [paper]),
        "html": (f'<ul><li><a href="{paper}">{title}</a></li></ul>\n\n', [paper]),
        "badge": ("[![b](https://img.shields.io/badge/x-1-red)](#top)\n\n",
                  ["https://img.shields.io/badge/x-1-red", "#top"]),
        "toc": (f"- [Section {n}](#section-{n})\n", [f"#section-{n}"]),
        "code": (f"```\n{paper}\n```\n\n", [paper]),
    }  # fmt: skip
    return shapes[kind]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["bullet", "bold", "linked", "heading", "paragraph", "quote", "row",
                             "html", "badge", "toc", "code"]),
            _TITLE,
        ),
        min_size=1,
        max_size=12,
    )
)
def test_generated_lists_account_for_every_link(parts: list[tuple[str, str]]) -> None:
    """Whatever shapes a list mixes: the ledger has one row per link written, and every paper
    id outside code is in an entry or in a problem."""
    doc = ["# Generated\n\n## Papers\n\n"]
    written: list[str] = []
    papers: set[str] = set()
    in_table = False
    for n, (kind, title) in enumerate(parts, 1):
        if kind == "row" and not in_table:
            doc.append("\n| Title | Date | Paper |\n|---|---|---|\n")
        elif kind != "row" and in_table:
            doc.append("\n")
        in_table = kind == "row"
        text, urls = _shape(kind, title, n)
        doc.append(text)
        written.extend(urls)
        if kind != "code":
            papers |= paper_ids(urls)
    parsed = parse_list("gen", "".join(doc).encode(), current_year=YEAR)
    assert len(parsed.link_ledger) == len(written)
    assert sum(parsed.link_accounting.values()) == len(written)
    problem_urls = [f.url for f in parsed.link_ledger if f.fate == "problem"]
    assert papers <= entry_ids(parsed) | paper_ids(problem_urls)
    assert not [p for p in parsed.problems if p.severity == "error"], parsed.problems


@pytest.mark.parametrize("name", sorted(p.name for p in SHAPES.glob("*.md")))
def test_every_fixture_counts_each_paper_id_of_the_raw_text(name: str) -> None:
    """Counted independently of the parser (a regex over the raw text): every arXiv id of the
    file is in an entry, a problem, or a code block."""
    raw = (SHAPES / name).read_text(encoding="utf-8")
    in_raw = set(re.findall(r"arxiv\.org/abs/(\d{4}\.\d{4,5})", raw))
    parsed = parse(name)
    kept = entry_ids(parsed) | paper_ids(
        [f.url for f in parsed.link_ledger if f.fate == "problem" or f.reason == "code"]
    )
    assert in_raw <= kept


# --- end to end -------------------------------------------------------------------------------


def test_every_shape_is_enriched_end_to_end(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    """All the shape fixtures as configured lists in one refresh against the fake upstream:
    every paper of every shape reaches `catalogue` with its fetched title and citations, and the
    link ledger of each list is in the warehouse."""
    lists = tuple(
        ListConfig(name=p.stem.replace("_", "-"), url=None, snapshot=p)
        for p in sorted(SHAPES.glob("*.md"))
    )
    parsed = [parse_list(lst.name, lst.snapshot.read_bytes()) for lst in lists if lst.snapshot]
    resolved = [r for p in parsed for r in resolve_entries(p.entries)]
    arxiv = sorted({c.value for r in resolved for c in r.paper_ids if c.kind == "arxiv"})
    acl = sorted({c.value for r in resolved for c in r.paper_ids if c.kind == "acl"})
    repos = sorted({r.repo_key for r in resolved if r.repo_key})
    fake_upstream.world = FakeWorld.synthetic(arxiv_ids=arxiv, acl_ids=acl, repos=repos)
    settings = make_settings(
        tmp_path, base_url=fake_upstream.base_url, env={"GITHUB_TOKEN": "t" * 40}
    )
    summary = run_refresh(settings, RefreshOptions(lists=lists, release=False))
    assert summary.exit_code == 0, summary.to_text()
    assert "links:" in summary.to_text()
    with open_reader(settings) as con:
        rows = con.execute(
            "SELECT arxiv_id, acl_id, title, citation_count FROM catalogue "
            "WHERE arxiv_id IS NOT NULL OR acl_id IS NOT NULL"
        ).fetchall()
        ledger_lists = con.execute("SELECT count(DISTINCT list_name) FROM link_ledger").fetchone()
    assert {r[0] for r in rows if r[0]} == set(arxiv)
    assert {r[1] for r in rows if r[1]} == set(acl)
    assert all(r[2] and r[3] is not None for r in rows), rows
    assert ledger_lists == (len(lists),)


def test_links_in_comments_and_table_headers_have_a_fate_too() -> None:
    text = (
        "# T\n<!-- [![old](https://img.shields.io/x)](https://arxiv.org/abs/2401.00009) -->\n\n"
        "## P\n| Title [?](https://arxiv.org/abs/2401.00008) | Link |\n|---|---|\n"
        "| A Real Title | [paper](https://arxiv.org/abs/2401.00001) |\n\n"
        "Text <!-- https://arxiv.org/abs/2401.00007 --> more.\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == ["A Real Title"]
    # The badge in the comment is ignored; the two papers hidden there are listed nowhere
    # else, so each is a warning (hidden on purpose, maybe; never silently dropped).
    assert parsed.link_accounting == {"entry": 1, "ignored:comment": 1, "problem": 3}
    assert [(p.line_no, p.severity) for p in parsed.problems] == [
        (2, "warning"), (5, "error"), (9, "warning")
    ]  # fmt: skip
    assert "table's header row" in parsed.problems[1].reason
    assert all("HTML comment" in parsed.problems[k].reason for k in (0, 2))


def test_a_paper_hidden_in_a_comment_and_listed_elsewhere_is_no_problem() -> None:
    text = (
        "# T\n- A Title [paper](https://arxiv.org/abs/2401.00001)\n"
        "<!-- - Old Title [paper](https://arxiv.org/abs/2401.00001) -->\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == ["A Title"]
    assert parsed.problems == ()
    assert parsed.link_accounting == {"entry": 1, "ignored:comment": 1}


def test_numbered_heading_entries_keep_the_number_out_of_the_title() -> None:
    """``### 12. [Title](…)`` then a ``**Summary**:`` paragraph (a daily-digest list): the
    list's own numbering before the link is not a title, so the link text is; before, every
    such heading was an error "could not be read as an entry"."""
    text = (
        "# T\n\n## Daily\n\n### 2024-10-09\n\n"
        "### 1. [Alpha Method for Editing](https://arxiv.org/pdf/2410.03726)\n"
        "**Summary**: The paper proposes an alpha method.\n\n"
        "### 2) [Beta Knowledge Study](https://arxiv.org/abs/2410.03717)\n"
        "**Summary**: The study looks at beta.\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == ["Alpha Method for Editing", "Beta Knowledge Study"]
    assert [e.source_format for e in parsed.entries] == ["heading"] * 2
    assert entry_ids(parsed) == {"2410.03726", "2410.03717"}
    assert parsed.entries[0].description is not None
    assert "alpha method" in parsed.entries[0].description
    assert parsed.problems == ()
    assert_ledger_whole(parsed)


def test_a_year_before_the_venue_stays_out_of_the_venue() -> None:
    """``(2023, ICLR 2024)`` after the authors: the list's year, then the venue with its own
    year. The venue is "ICLR", not "2023, ICLR"; the year is the list's."""
    text = (
        "# T\n\n## Theory\n\n"
        "- **Alpha Bounds for Attention** — Ann Smith, Bob Jones (2023, ICLR 2024). "
        "[paper](https://arxiv.org/abs/2310.00001). _Why it matters:_ Proves alpha bounds.\n"
        "- **Beta Limits of Depth** — Carol White et al. (2025, NeurIPS 2025 Workshop). "
        "[paper](https://arxiv.org/abs/2503.00002). _Why it matters:_ Shows beta limits.\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == ["Alpha Bounds for Attention", "Beta Limits of Depth"]
    alpha, beta = parsed.entries
    assert (alpha.listed_venue, alpha.listed_year) == ("ICLR", 2023)
    assert alpha.listed_authors == "Ann Smith, Bob Jones"
    assert (beta.listed_venue, beta.listed_year) == ("NeurIPS Workshop", 2025)
    assert parsed.problems == ()


def test_a_chinese_note_without_a_link_is_prose_not_a_missing_link() -> None:
    """Numbered notes in Chinese under linked entries: words are not spaced, so the word count
    that tells a sentence from a title saw one "word"; the full-width comma marks a sentence.
    A short link-less item there is still an entry that lost its link."""
    text = (
        "# T\n\n## 其他格式\n\n"
        "1. (SIGGRAPH 2024) Img2CAD: Reverse Engineering CAD Models\n"
        "[[paper]](https://arxiv.org/abs/2408.01437) 2024.6\n"
        "2. 多阶段生成的这种思路，同时有对关节的约束，不至于说生成部件和部件装配太打架\n"
        "3. BrepDiff\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == ["Img2CAD: Reverse Engineering CAD Models"]
    assert [(p.line_no, p.severity) for p in parsed.problems] == [(8, "error")]
    assert "no link" in parsed.problems[0].reason


def test_a_mistyped_list_number_stays_out_of_the_title_and_the_venue_tag_is_read() -> None:
    """``*2. (CVPR 2025) Title`` then ``[[paper]](…)`` on the next line: the '*' makes it a
    paragraph, not a list item, and its number then led the title and hid the venue tag."""
    text = (
        "# T\n\n## B-rep\n\n"
        "*2. (CVPR 2025) DTGBrepGen: Decoupling Topology and Geometry\n"
        "[[paper]](https://arxiv.org/pdf/2503.13110) 2025.3\n"
        "[[code]](https://github.com/example/dtg)\n\n"
        "*3. BrepGPT: Autoregressive B-rep Generation\n"
        "[[paper]](https://arxiv.org/pdf/2511.22171) 2025.11\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == [
        "DTGBrepGen: Decoupling Topology and Geometry",
        "BrepGPT: Autoregressive B-rep Generation",
    ]
    assert (parsed.entries[0].listed_venue, parsed.entries[0].listed_year) == ("CVPR", 2025)
    assert entry_ids(parsed) == {"2503.13110", "2511.22171"}
    assert parsed.problems == ()


def test_the_in_before_a_venue_is_not_part_of_it() -> None:
    """``- Title. In *ICML 2019*. [[pdf](…)]``: the venue is "ICML", not "In ICML"."""
    text = (
        "# T\n\n## SGD\n\n"
        "- How to escape saddle points efficiently. In *ICML 2017*. "
        "[[pdf](https://arxiv.org/pdf/1703.00887.pdf)]\n"
        "- Neural tangent kernel: Convergence and generalization. In *NeurIPS 2018*. "
        "[[pdf](https://arxiv.org/pdf/1806.07572.pdf)]\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert [(e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("ICML", 2017), ("NeurIPS", 2018)
    ]  # fmt: skip
    assert entry_ids(parsed) == {"1703.00887", "1806.07572"}
    assert parsed.problems == ()


def test_authors_with_contribution_marks_or_joined_by_and_are_authors() -> None:
    """A bold title, its authors and its links on hard-broken lines of one paragraph. Authors
    marked for equal contribution (``Min Shi*``, ``Ahmed Masry∗``, ``Chun Yuan†``) or joined by
    "and" throughout are still authors, not description."""
    text = (
        "# T\n\n## Models\n\n"
        "**EAGLE: Exploring The Design Space for Multimodal LLMs**  \n"
        "Min Shi*, Fuxiao Liu*, Shihao Wang, Chun Yuan†  \n"
        "[arXiv, 28 Aug 2024](https://arxiv.org/abs/2408.15998) • [code](https://github.com/x/eagle)\n"
        "\n"
        "**ChartMimic: Evaluating Cross-Modal Reasoning via Chart-to-Code Generation**  \n"
        "Chufan Shi and Cheng Yang and Yaxin Liu and Bo Shui  \n"
        "[arXiv](https://arxiv.org/pdf/2406.09961) • [homepage](https://chartmimic.github.io/)\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == [
        "EAGLE: Exploring The Design Space for Multimodal LLMs",
        "ChartMimic: Evaluating Cross-Modal Reasoning via Chart-to-Code Generation",
    ]
    eagle, mimic = parsed.entries
    assert eagle.listed_authors is not None and "Shihao Wang" in eagle.listed_authors
    assert mimic.listed_authors == "Chufan Shi and Cheng Yang and Yaxin Liu and Bo Shui"
    assert parsed.problems == ()


def test_a_field_label_after_an_emoji_is_a_field() -> None:
    """``- **💡 Motivation**: …`` explains the list's ratings in its preamble, and
    ``* **📝 Summary**: …`` is a field under an entry: the emoji before the key hid the label,
    so the preamble bullets, in the section of the entries (whose headings are HTML), were
    errors "no link"."""
    text = (
        "# T\n\n### 📊 Each paper is rated:\n"
        "- **💡 Motivation**: How well-motivated is the research problem? ⭐⭐⭐⭐⭐ (5/5)\n"
        "- **🔧 Method**: How novel and technically sound is the approach? ⭐⭐⭐⭐⭐ (5/5)\n\n"
        '<h3 id="y2025"> 2025 </h3>\n\n'  # an HTML heading: still the section above
        "* **[2025.01.23]** **[Activation Gradient based Poisoned Sample Detection]"
        "(https://openreview.net/forum?id=VNMJfBBUd5)**\n"
        "  * Danni Yuan, Shaokui Wei, Mingda Zhang\n"
        "  * **📝 Summary**: Activation gradients separate clean and poisoned samples.\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == ["Activation Gradient based Poisoned Sample Detection"]
    assert parsed.problems == ()
    entry = parsed.entries[0]
    assert entry.listed_authors == "Danni Yuan, Shaokui Wei, Mingda Zhang"
    assert entry.description is not None and "Activation gradients" in entry.description


def test_a_parenthesis_closing_prose_around_badges_is_no_stray_bracket() -> None:
    """``… colors(![A](…) ![B](…))``: the ')' closes the '(' of the text before the badges,
    so it is no mistyped link; a ')' that closes nothing still is."""
    text = (
        "# T\n\n## Papers\n\n"
        "- **Alpha Attack Detection** [paper](https://arxiv.org/abs/2401.00001) "
        "rated by colors(![A](https://img.shields.io/badge/A-red) "
        "![B](https://img.shields.io/badge/B-blue))\n"
        "- **Beta Defense** [paper](https://arxiv.org/abs/2401.00002)) "
        "[code](https://github.com/x/beta)\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == ["Alpha Attack Detection", "Beta Defense"]
    assert [(p.line_no, p.severity) for p in parsed.problems] == [(6, "warning")]
    assert "stray ')'" in parsed.problems[0].reason


def test_a_bare_url_in_parentheses_leaves_no_stray_bracket() -> None:
    """``1. **vllm** (https://github.com/vllm-project/vllm)``: the ')' closes the '(' before
    the bare URL, which was no mistyped link either."""
    text = (
        "# T\n\n## Open Source Code\n"
        "1. **LLM inference engine: vllm** (https://github.com/vllm-project/vllm)\n"
        "2. **Attention: Flashattention** (https://github.com/Dao-AILab/flash-attention)\n"
    )
    parsed = parse_list("t", text.encode(), current_year=YEAR)
    assert titles(parsed) == ["LLM inference engine: vllm", "Attention: Flashattention"]
    assert parsed.problems == ()
