"""Shapes of real lists the parser misread, each written again here as a small list of its own
(2026-12-01: 21 lists it had never seen, measured with bench.measure_lists; what each misread
cost is in CHANGELOG.md). Every case checks what the entries are, not only that their paper ids
reached some entry: a merge of two papers into one entry keeps every id and loses a paper."""

from __future__ import annotations

import pytest

from enrich.models import ParsedList
from enrich.parse import parse_list, split_venue_tag
from enrich.parse.fields import looks_like_authors

YEAR = 2026


def parse(text: str) -> ParsedList:
    return parse_list("shapes", text.encode(), current_year=YEAR)


def rows(parsed: ParsedList) -> list[tuple[int, str, str | None, int | None, list[str]]]:
    return [
        (e.line_no, e.listed_title, e.listed_venue, e.listed_year, [k.url for k in e.links])
        for e in parsed.entries
    ]


def errors(parsed: ParsedList) -> list[tuple[int, str]]:
    return [(p.line_no, p.reason) for p in parsed.problems if p.severity == "error"]


def listed(parsed: ParsedList, *names: str) -> list[tuple[object, ...]]:
    """Each entry's listed fields by name ("title", "authors", "venue", "year")."""
    return [tuple(getattr(e, f"listed_{name}") for name in names) for e in parsed.entries]


NO_LINK = "bullet has a title but no link (expected e.g. [[📝 Paper](https://…)] after it)"


def test_a_loose_item_with_no_link_is_reported_and_the_next_item_keeps_its_own_title() -> None:
    # Numbered items with a blank line between them and the authors in a paragraph below: the
    # item with no link was taken for a citation line of its neighbour, which lost its title.
    parsed = parse(
        "## Surveys\n"
        "\n"
        "1. **A survey of sequence models for shopping.** Journal of Surveys, 2019. \n"
        "\n"
        "2. **Time in recommendation: an overview.** RecSys, 2021. [paper](https://example.org/t.pdf)\n"
        "\n"
        "   *Ann Smith, Bo Chen*\n"
        "\n"
        "3. **Matrix factorisation over time.** ICDM, 2016. [paper](https://arxiv.org/abs/1601.00001)\n"
    )
    assert [(line, title) for line, title, *_ in rows(parsed)] == [
        (5, "Time in recommendation: an overview"),
        (9, "Matrix factorisation over time"),
    ]
    assert parsed.entries[0].listed_authors == "Ann Smith, Bo Chen"
    assert errors(parsed) == [(3, NO_LINK)]
    assert parsed.line_accounting["problem"] == 1


def test_an_item_with_no_link_below_an_entry_is_not_silently_its_field() -> None:
    parsed = parse(
        "## Attacks\n"
        "1. **Perturbing communities at many scales.** arXiv 2020. [[paper]](https://arxiv.org/pdf/2001.00001.pdf)\n"
        "\n"
        "   *Ann Smith, Bo Chen, and Cy Lee.*\n"
        "\n"
        "1. **A unified view of poisoning graphs.** NeurIPS 2020. \n"
        "\n"
        "   *Di Wu, Ed Park, Flo Ng.*\n"
    )
    assert [e.listed_title for e in parsed.entries] == ["Perturbing communities at many scales"]
    assert parsed.entries[0].listed_authors == "Ann Smith, Bo Chen, and Cy Lee"
    assert errors(parsed) == [(6, NO_LINK)]


def test_a_citation_line_right_below_its_entry_is_still_its_field() -> None:
    # What the rule is for: one space too few, and an entry's citation became a bullet.
    parsed = parse(
        "- [Very deep networks for images](https://arxiv.org/abs/1409.01556)\n"
        "- Karen Smith and Andrew Jones, Very deep networks for images, ICLR, 2015.\n"
    )
    assert [e.listed_title for e in parsed.entries] == ["Very deep networks for images"]
    assert not errors(parsed)


@pytest.mark.parametrize(
    "title",
    [
        "Simple and Controllable Music Generation",
        "Relaxation-Based Coarsening and Multiscale Graph Organization",
        "On Interpolating Experts and Multi-Armed Bandits",
        "Graph Positional and Structural Encoder",
    ],
)
def test_a_title_joined_by_and_is_no_author_list(title: str) -> None:
    assert not looks_like_authors(title)
    parsed = parse(f"- [2023/06] **{title}** [[paper](https://arxiv.org/abs/2306.05284)]\n")
    assert [e.listed_title for e in parsed.entries] == [title]
    assert not errors(parsed)


@pytest.mark.parametrize(
    "names", ["Ann Lee and Bo Chen", "Saurabh Verma and Zhi-Li Zhang", "A. Smith, B. Jones"]
)
def test_names_joined_by_and_are_still_an_author_list(names: str) -> None:
    assert looks_like_authors(names)


def test_bold_title_paragraphs_with_a_venue_take_the_badge_line_and_abstract_below() -> None:
    # "**Title**. ICML19." then a line of HTML badges linking the paper, then the abstract in a
    # blockquote: each paper was a field of the ### heading above, two entries for twelve.
    badge = '<a href="{url}" target="_blank"><img alt="{alt}" src="https://img.shields.io/badge/-{alt}-blue"/></a>'
    parsed = parse(
        "# Graph PDE papers\n"
        "\n"
        "### Message passing models\n"
        "\n"
        "**Mesh networks: learned solvers on irregular grids**. ICML19. \n"
        "\n"
        + badge.format(url="http://arxiv.org/abs/1901.00011", alt="link") + " "
        + badge.format(url="https://github.com/example/mesh", alt="Github") + "\n"
        "\n"
        "> We learn solvers on meshes. The *abstract* goes on.\n"
        "\n"
        "<br>\n"
        "\n"
        "**Operator learning with graphs**. NeurIPS20. \n"
        "\n"
        + badge.format(url="http://arxiv.org/abs/2003.00022", alt="Arxiv") + "\n"
        "\n"
        "> Operators are learned on graphs.\n"
    )
    assert rows(parsed) == [
        (5, "Mesh networks: learned solvers on irregular grids", "ICML", 2019,
         ["http://arxiv.org/abs/1901.00011", "https://github.com/example/mesh"]),
        (13, "Operator learning with graphs", "NeurIPS", 2020, ["http://arxiv.org/abs/2003.00022"]),
    ]  # fmt: skip
    assert parsed.entries[0].description == "We learn solvers on meshes. The abstract goes on."
    assert not parsed.problems


def test_a_sub_bullet_holding_a_button_link_is_a_link_of_its_entry() -> None:
    # "[[Python High Performance]](…)": a short label in brackets names a kind of link, like
    # "[[Paper]](…)", whatever its words (longer, it may be a title written in brackets).
    parsed = parse(
        "- **Graph2vec: whole graph embeddings (2017)**\n"
        "  - Ann Lee, Bo Chen and Cy Wu\n"
        "  - [[Paper]](https://arxiv.org/abs/1707.05005)\n"
        "  - [[Python High Performance]](https://github.com/example/graph2vec)\n"
        "  - [[C++ Reference]](https://github.com/example/graph2vec-cpp)\n"
        "- **Kernels on graphs (2016)**\n"
        "  - [[Paper]](https://arxiv.org/abs/1603.00001)\n"
        "  - [[Slides and Talk Video]](https://example.org/kernels-talk)\n"
    )
    assert [(e.listed_title, len(e.links)) for e in parsed.entries] == [
        ("Graph2vec: whole graph embeddings", 3),
        ("Kernels on graphs", 2),
    ]


@pytest.mark.parametrize(
    ("tag", "split"),
    [
        ("ICML19", ("ICML", 2019)),
        ("NeurIPS20", ("NeurIPS", 2020)),
        ("AAAI26", ("AAAI", 2026)),
        ("GPT35", ("GPT35", None)),  # 2035 is no year yet: kept as written
        ("Nature19", ("Nature19", None)),  # not an acronym
        ("sigmod23", ("sigmod", 2023)),  # a known venue's word in lower case
        ("T5", ("T5", None)),
    ],
)
def test_a_venue_acronym_glued_to_its_year(tag: str, split: tuple[str, int | None]) -> None:
    assert split_venue_tag(tag, YEAR) == split


def test_a_line_of_links_below_an_item_with_no_link_is_that_items() -> None:
    # The item's links on a line of their own, unindented after a blank line (so the list
    # ended): they were an entry titled by a link's label ("presentation").
    parsed = parse(
        "## Knowledge\n"
        "\n"
        "6. **Properties from embeddings with little help.** ACL, 2018. \n"
        "\n"
        "[paper](https://aclanthology.org/P18-2102/) [dataset&code](https://github.com/example/pce)"
        " [presentation](https://vimeo.com/1/) [slide](https://example.org/P18-2102.pdf)\n"
        "7. **Spatial templates.** AAAI, 2018. [paper](https://example.org/16232)\n"
        "\n"
        "A paragraph of prose with a [tool](https://example.org/tool) in it.\n"
    )
    assert rows(parsed) == [
        (3, "Properties from embeddings with little help", "ACL", 2018,
         ["https://aclanthology.org/P18-2102/", "https://github.com/example/pce",
          "https://vimeo.com/1/", "https://example.org/P18-2102.pdf"]),
        (6, "Spatial templates", "AAAI", 2018, ["https://example.org/16232"]),
    ]  # fmt: skip
    assert not errors(parsed)


def test_a_link_to_no_address_is_ignored_as_empty_not_kept_as_a_link() -> None:
    parsed = parse(
        "- [????/??] **A chatbot that speaks** [[paper]()][[code](https://github.com/example/x)]"
        " *paper coming soon*\n"
    )
    assert [[k.url for k in e.links] for e in parsed.entries] == [["https://github.com/example/x"]]
    assert parsed.link_accounting == {"entry": 1, "ignored:empty": 1}


def test_an_html_row_of_group_cells_is_titled_by_its_papers_linked_title() -> None:
    # `rowspan` group and method cells come first; the paper is the link named by its title.
    parsed = parse(
        "## Methods\n"
        "\n"
        "<table>\n"
        "<tr><td><em>Category</em></td><td><em>Method</em></td></tr>\n"
        "<tr>\n"
        '<td rowspan="2">FedAvg</td>\n'
        "<td>Robust regularisation</td>\n"
        "<td>Mixup</td>\n"
        '<td><a href="https://arxiv.org/abs/1710.09412">[2018 ICLR] Mixing inputs: beyond empirical'
        " risk</a></td>\n"
        "</tr>\n"
        "<tr>\n"
        "<td>GCE</td>\n"
        '<td><a href="https://arxiv.org/abs/1805.07836">Paper</a></td>\n'
        "<td>NeurIPS 2018</td>\n"
        "</tr>\n"
        "</table>\n"
    )
    assert rows(parsed) == [
        (9, "Mixing inputs: beyond empirical risk", "ICLR", 2018,
         ["https://arxiv.org/abs/1710.09412"]),
        (13, "GCE", "NeurIPS", 2018, ["https://arxiv.org/abs/1805.07836"]),  # "Paper" names none
    ]  # fmt: skip


def test_a_row_number_is_no_title() -> None:
    # A table of conferences: "No." numbers the rows, the next column names them -- a venue,
    # which names no work (since 2026-12-01: they were entries titled "AAAI", "MICCAI").
    parsed = parse(
        "| No. | Conference | Type | Submission | Web |\n"
        "|:--:|:---|:---|:---|:---|\n"
        "| 1 | AAAI | ML | Aug 2 2025 | https://aaai.org |\n"
        "|10 | MICCAI | CV | Feb 2026 | https://www.miccai.org |\n"
        "\n"
        "| # | Paper | Notes |\n"
        "|---|---|---|\n"
        "| 19 | https://arxiv.org/abs/1909.13739 | |\n"
    )
    assert [e.listed_title for e in parsed.entries] == []
    assert errors(parsed) == [
        (8, "table row has links but no title (its title and name cells are empty or a number)")
    ]


def test_a_heading_that_is_a_year_or_a_venue_and_year_dates_the_entries_below() -> None:
    parsed = parse(
        "## 2021\n"
        "- [Coding notes automatically](https://arxiv.org/abs/2101.00001)\n"
        "- [An older one, dated](https://arxiv.org/abs/1901.00002) (2019)\n"
        "### ECCV 2024\n"
        "| ID | Title | Authors |\n"
        "| -- | ----- | ------- |\n"
        "| 1770 | [Light diffusion](https://example.org/07138.pdf) | Ann Kim, Bo Song |\n"
        "## Nature journals\n"
        "- [A foundation model for the clinic](https://doi.org/10.1038/s41586-026-10764-5)\n"
        "## ICLR\n"
        "- [Workshop or main track?](https://openreview.net/forum?id=abc123)\n"
    )
    assert [(e.listed_title, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("Coding notes automatically", None, 2021),
        ("An older one, dated", None, 2019),  # what the entry says beats its heading
        ("Light diffusion", "ECCV", 2024),
        ("A foundation model for the clinic", None, None),  # no year: says too little
        ("Workshop or main track?", None, None),
    ]


def test_fields_after_a_line_break_separated_by_middle_dots() -> None:
    # "**[Title](doi)**<br/>Authors · *Venue* · date": 214 entries of one list had no authors.
    parsed = parse(
        "### Nature\n"
        "\n"
        "- **[Towards conversational agents for care](https://doi.org/10.1038/s41586-026-10764-5)**"
        "<br/>Lievin V et al. · *Nature* · 2026-06-17 💊\n"
        "- **[A fully open model for chest radiographs](https://doi.org/10.1038/s41586-026-10675-5)**"
        "<br/>Ann Smith, Bo Chen • *ICLR* • 2025-11-02\n"
    )
    assert [(e.listed_authors, e.listed_venue, e.listed_year, e.listed_month)
            for e in parsed.entries] == [
        ("Lievin V et al", "Nature", 2026, 6),
        ("Ann Smith, Bo Chen", "ICLR", 2025, 11),
    ]  # fmt: skip


def test_numbered_references_with_the_title_in_quotes() -> None:
    # '**[1]** Authors. "**Title**." Journal vol.issue (year): pages. [[pdf]](…)': the authors
    # ran into the quote marks the title left behind, and the journal kept "()" and the pages.
    parsed = parse(
        '**[1]** LeCun, Yann, Ann Lee, and Bo Chen. "**Deep nets**." Nature 521.7553 (2015):'
        " 436-444. [[pdf]](https://example.org/deep.pdf) **(A survey)** :star::star:\n"
        "\n"
        '**[2]** Sutskever, Ilya, et al. "**On momentum in deep learning**." ICML (3) 28 (2013):'
        " 1139-1147. [[pdf]](https://example.org/momentum.pdf)\n"
    )
    assert [(e.listed_title, e.listed_authors, e.listed_venue, e.listed_year)
            for e in parsed.entries] == [
        ("Deep nets", "LeCun, Yann, Ann Lee, and Bo Chen", "Nature", 2015),
        ("On momentum in deep learning", "Sutskever, Ilya, et al", "ICML", 2013),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("tag", "split"),
    [
        ("September 2023, arXiv", ("arXiv", 2023)),  # the month is the date's, not the venue's
        ("in EMNLP 2020", ("EMNLP", 2020)),  # "Title. in EMNLP 2020."
        ("NeurIPS 2019 /", ("NeurIPS", 2019)),
        ("Nature 521.7553 (2015): 436-444", ("Nature", 2015)),  # volume.issue (year): pages
        ("CVPR 2023 highlight", ("CVPR", 2023)),  # how it was presented is no venue
    ],
)
def test_venues_written_around_their_dates(tag: str, split: tuple[str, int]) -> None:
    assert split_venue_tag(tag, YEAR) == split


# -- a second sweep: 19 more unseen lists (2026-12-01) ------------------------------------------


def test_tags_and_brackets_before_a_titled_link_are_not_its_title() -> None:
    parsed = parse(
        "* <[A contextual bandit for mobile recommenders](http://www.example.org/cb)> by Ann Lee,"
        " Bo Chen, and Cy Wu, 2012.\n"
        "* **[MBIE]** <[An evaluation of interval estimation for MDPs](http://example.org/mbie)>\n"
        "  - (ORCA-DD) [Smooth navigation for many robots](https://example.org/ORCA-DD/),"
        " IROS 2010.\n"
        "- [WIREs'2017] [A survey of itemset mining](https://example.org/widm.1208)\n"
        "- **[UbiComp, 2025]** Pulse-PPG: a field-trained PPG model [[paper]](https://arxiv.org/abs/2502.01108)\n"
    )
    assert [(e.listed_title, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("A contextual bandit for mobile recommenders", None, 2012),  # (its year, since 2026-12-02)
        ("An evaluation of interval estimation for MDPs", None, None),
        ("Smooth navigation for many robots", "IROS", 2010),
        ("A survey of itemset mining", "WIREs", 2017),
        ("Pulse-PPG: a field-trained PPG model", "UbiComp", 2025),
    ]


def test_a_link_in_quotes_after_the_authors_is_the_title() -> None:
    parsed = parse(
        '- S. Liu, P. Chang, and K. Driggs-Campbell, "[Decentralized structural RNN for crowd'
        ' navigation](https://arxiv.org/abs/2011.04820)," in Proc. ICRA, 2023\n'
    )
    (entry,) = parsed.entries
    assert entry.listed_title == "Decentralized structural RNN for crowd navigation"
    assert entry.listed_authors == "S. Liu, P. Chang, and K. Driggs-Campbell"


def test_a_task_list_box_is_not_part_of_the_title() -> None:
    parsed = parse(
        "* [x] [Attention Is All You Need](notes/transformer.md) (_NeurIPS '17_)"
        " [[Paper](https://arxiv.org/abs/1706.03762)]\n"
        "* [ ] Generative Adversarial Networks (_NeurIPS '14_) [[Paper](https://arxiv.org/abs/1406.2661)]\n"
    )
    assert [(e.listed_title, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("Attention Is All You Need", "NeurIPS", 2017),
        ("Generative Adversarial Networks", "NeurIPS", 2014),
    ]


def test_a_paper_whose_only_link_is_broken_is_reported_not_prose() -> None:
    # A path beside the list ("/2024/program/papers/1/" copied from a conference site, "./"):
    # GitHub opens it inside the list's repository. These papers were neither entries nor
    # problems; a table of contents ("#papers") and a file link with no paper stay prose.
    parsed = parse(
        "## RSS 2024\n"
        "\n"
        "- [Stein variational ergodic search](/2024/program/papers/1/), RSS, 2024\n"
        "- **Mining seasonal patterns.** KDD, 2020. [paper]()\n"
        "\n"
        "## Contents\n"
        "\n"
        "- [Contributing](CONTRIBUTING.md)\n"
        "- [Papers](#papers)\n"
    )
    assert not parsed.entries
    assert errors(parsed) == [
        (3, "bullet links only to paths beside the list (/2024/program/papers/1/), which GitHub "
            "opens inside the list's repository: link the work itself"),
        (4, "bullet has a title but its link is empty ([paper]()): a placeholder, not the work"),
    ]  # fmt: skip
    assert parsed.line_accounting["prose"] == 2


def test_links_first_then_the_title() -> None:
    parsed = parse(
        "- **[[статья](https://arxiv.org/pdf/1906.06543.pdf)] (NOV2019) Image-based 3D object"
        " reconstruction: the state of the art**\n"
        "- [[pdf]](https://arxiv.org/abs/2001.00001) A simple title here (ICLR 2020)"
        " [[:heavy_division_sign:](https://github.com/example/x)]\n"
        "- [[Website]](https://example.org) cool\n"
    )
    assert [(e.listed_title, e.listed_venue, e.listed_year, e.listed_month)
            for e in parsed.entries] == [
        ("Image-based 3D object reconstruction: the state of the art", None, 2019, 11),
        ("A simple title here", "ICLR", 2020, None),
    ]  # fmt: skip
    assert not errors(parsed)  # "[[Website]](…) cool": a link to a site, noted


def test_tables_and_labels_in_chinese_korean_and_russian() -> None:
    parsed = parse(
        "| 논문 | 학회 | arXiv |\n"
        "|---|---|---|\n"
        "| FrankMocap | ICCVW 2021 | [2108.06428](https://arxiv.org/abs/2108.06428) |\n"
        "\n"
        "| Бенчмарк | Что измеряет | Ссылки |\n"
        "|---|---|---|\n"
        "| MedSafetyBench | Отказ от вредных запросов | [статья](https://arxiv.org/abs/2403.03744)"
        " · [код](https://github.com/example/msb) |\n"
        "\n"
        "| 标题 | 会议 | 年份 | 代码 |\n"
        "|---|---|---|---|\n"
        "| [一个关于图的综述](https://arxiv.org/abs/2301.00001) | KDD | 2023 |"
        " [代码](https://github.com/example/g) |\n"
    )
    assert [(e.listed_title, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("FrankMocap", "ICCVW", 2021),
        ("MedSafetyBench", None, None),
        ("一个关于图的综述", "KDD", 2023),
    ]


def test_a_table_cell_naming_several_papers_is_one_entry_each() -> None:
    # "[A](…); [B](…); [C](…)" in one cell: one entry holding five papers, nothing said.
    parsed = parse(
        "| Area | Topic | Approaches | Code |\n"
        "|---|---|---|---|\n"
        "| **Models** | **Heterogeneity** | [FedLoRA](https://arxiv.org/abs/2310.13283);"
        " [HetLoRA](https://arxiv.org/abs/2401.06432) ([NeurIPS’24 poster](https://neurips.cc/p/1))"
        " | [code](https://github.com/example/lora) |\n"
        "| Blackbox | | [FedBPT](https://arxiv.org/abs/2310.01467) | |\n"
        "\n"
        "| Model | Paper |\n"
        "|---|---|\n"
        "| Guard models | [LG3](https://arxiv.org/abs/2411.10414) ·"
        " [SG](https://arxiv.org/abs/2407.21772) |\n"
    )
    *split, guard = parsed.entries
    assert [(e.listed_title, [k.url for k in e.links]) for e in split] == [
        ("FedLoRA", ["https://arxiv.org/abs/2310.13283", "https://github.com/example/lora"]),
        ("HetLoRA", ["https://arxiv.org/abs/2401.06432", "https://neurips.cc/p/1"]),
        ("FedBPT", ["https://arxiv.org/abs/2310.01467"]),
    ]
    # a row named by its Model column is one thing, whatever it links
    assert [k.url for k in guard.links] == [
        "https://arxiv.org/abs/2411.10414", "https://arxiv.org/abs/2407.21772"
    ]
    assert sum(parsed.link_accounting.values()) == len(parsed.link_ledger) == 7


def test_a_heading_entry_takes_its_venue_line_and_its_bold_note_with_the_notes_below() -> None:
    # Under "#### [Title](arXiv)": "ICLR 2020", then "**The first certified defense**." and
    # numbered notes. The bold line was taken for a new title line, so the notes were four
    # errors ("title but no link"), and the venue line said nothing.
    parsed = parse(
        "## Certified defenses\n"
        "\n"
        "#### [Certified defenses for patches](https://arxiv.org/abs/2003.06693)\n"
        "\n"
        "ICLR 2020\n"
        "\n"
        "**The first certified defense**. \n"
        "\n"
        "1. Show that two empirical defenses are broken\n"
        "2. Adapt interval bounds for certification\n"
        "\n"
        "#### [Clipped features against stickers](https://ieeexplore.ieee.org/document/9283860)\n"
    )
    assert [(e.listed_title, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("Certified defenses for patches", "ICLR", 2020),
        ("Clipped features against stickers", None, None),
    ]
    assert not parsed.problems
    assert "Show that two empirical defenses are broken" in (parsed.entries[0].description or "")


def test_a_url_inside_an_extra_pair_of_parentheses_is_read_and_warned_about() -> None:
    parsed = parse(
        "- [RLBench: a robot learning benchmark](https://arxiv.org/abs/1909.12271)"
        " | [code]((https://github.com/stepjam/RLBench))\n"
    )
    (entry,) = parsed.entries
    assert [k.url for k in entry.links][-1] == "https://github.com/stepjam/RLBench"
    assert [(p.severity, p.reason) for p in parsed.problems] == [
        ("warning", "link has its URL inside an extra pair of parentheses (read as label 'code',"
                    " URL https://github.com/stepjam/RLBench)"),
    ]  # fmt: skip


# -- a third sweep: 18 more unseen lists (2026-12-01) -------------------------------------------


def test_authors_and_a_year_before_a_linked_title() -> None:
    # 399 of one list's 403 titles were its author lists.
    parsed = parse(
        "* Ann Lee, Bo Chen, and Cy Wu. 2015. [Neural translation by aligning](https://arxiv.org/"
        "pdf/1409.0473.pdf). In *Proceedings of ICLR 2015*. ([Citation](https://scholar.google.com"
        "/scholar?cites=94): 5,572)\n"
        "\n"
        "Granier, A., & Senn, W. [**Self-attention in cortical circuits**](https://arxiv.org/abs/"
        "2504.06354) arXiv (2025)\n"
    )
    assert [(e.listed_title, e.listed_authors, e.listed_venue, e.listed_year)
            for e in parsed.entries] == [
        ("Neural translation by aligning", "Ann Lee, Bo Chen, and Cy Wu",
         "Proceedings of ICLR", 2015),
        ("Self-attention in cortical circuits", "Granier, A., & Senn, W", "arXiv", 2025),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "names", ["Granier, A., & Senn, W.", "Smith, J. A., Jones, B., & Lee, C.", "Vaswani, A. et al."]
)
def test_surnames_with_initials_are_an_author_list(names: str) -> None:
    assert looks_like_authors(names)


def test_numbered_references_are_each_their_own_item() -> None:
    # Item 46 has no link; item 47, right below, does: 47 was read as 46's citation line and
    # vanished into it (its arXiv id under 46's title).
    parsed = parse(
        "## Papers\n"
        "45. *Ann B, Sharma A.* **A review of deep learning in law**[C]//AIAI. Springer, Cham,"
        " 2019: 374-381. [pdf](https://example.org/review.pdf)\n"
        "46. *Bhatt P, Ghosh K, et al.* **Overview of the AILA track**[J]. Proc. of FIRE, 2019:"
        " 12-15.\n"
        "47. *Bhatt P, Paul S, et al.* **Rhetorical roles of sentences in judgments**[J]. arXiv"
        " preprint arXiv:1911.05405, 2019.\n"
        "48. *Li S, Zhang H, et al*. **A multichannel network for judgment prediction**[J]. IEEE"
        " Access, 2019, 7: 151144-151155.\n"
    )
    assert [(e.line_no, e.listed_title, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        (2, "A review of deep learning in law", "AIAI", 2019),  # not its publisher
        (4, "Rhetorical roles of sentences in judgments", "arXiv", 2019),
    ]
    # a reference with no link is reported, whatever section it is in
    assert [line for line, _ in errors(parsed)] == [3, 5]


def test_a_title_column_names_the_work_before_a_publication_column() -> None:
    # "Year | Publication | Title": the rows of each "### Year" were read by their Publication
    # cell (no title), so all of them were fields of the heading: 15 papers, 6 entries.
    parsed = parse(
        "### Year 2023\n"
        "\n"
        "**Year** | **Publication** | **Title** | **Preprint**\n"
        ":-: | :-:| :- | :-:\n"
        "**2023** | **ICLR** | [QuAnt: quantum annealing](https://openreview.net/pdf?id=isiQ5KIXbjj)"
        " | [arXiv](https://arxiv.org/pdf/2210.08114.pdf)\n"
        "**2023** | **CVPR** | [Quantum multi-model fitting](https://example.org/qmmf.pdf) |\n"
    )
    assert [(e.listed_title, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("QuAnt: quantum annealing", "ICLR", 2023),
        ("Quantum multi-model fitting", "CVPR", 2023),
    ]


def test_a_dated_heading_that_is_more_than_a_venue_and_year_dates_nothing() -> None:
    parsed = parse(
        "## 🗓️ Previous Highlights — May 13, 2024 (Update 2)\n"
        "- [Repo0: repository-level code search](https://arxiv.org/abs/2508.00001)\n"
        "## Papers accepted at NeurIPS 2023\n"
        "- [Another paper](https://arxiv.org/abs/2308.00002)\n"
    )
    assert [(e.listed_venue, e.listed_year) for e in parsed.entries] == [(None, None)] * 2


def test_a_quote_inside_a_title_is_not_the_title() -> None:
    parsed = parse(
        '- **POYO**: Towards a "universal translator" for neural dynamics. NeurIPS 2024'
        " [[paper](https://openreview.net/forum?id=CBBtMnlTGq)]\n"
        '- Ann Lee, Bo Chen. "Deep nets for all". Nature 2015. [pdf](https://example.org/a.pdf)\n'
    )
    assert [(e.listed_title, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ('POYO: Towards a "universal translator" for neural dynamics', "NeurIPS", 2024),
        ("Deep nets for all", "Nature", 2015),
    ]


def test_an_items_paragraphs_are_its_fields_one_by_one() -> None:
    # Title, then the authors, then venue and year, each a paragraph of the item: 320 of one
    # list's 332 entries had no authors and the venue "Qi Liu IJCAI".
    parsed = parse(
        "31. **Towards a new generation of cognitive diagnosis**\n"
        "\n"
        "    *Ann Lee, Bo Chen*\n"
        "\n"
        "    IJCAI, 2021. [`conference`](http://example.org/ijcai21.pdf)\n"
        "\n"
        "32. **Wrapped fields stay whole**\n"
        "    *Cy Wu (Korea Advanced Institute of\n"
        "    Science and Technology) et al.* [pdf](https://arxiv.org/abs/2301.00001)\n"
    )
    assert [(e.listed_authors, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("Ann Lee, Bo Chen", "IJCAI", 2021),
        # read whole across the wrap; its affiliation is then no part of the authors
        ("Cy Wu et al", None, None),
    ]


def test_a_table_cell_listing_works_one_per_line_is_one_entry_each() -> None:
    # "[Title A](…)<br>[Title B](…)<br>[Title C](…)": one entry titled A, B and C its links.
    parsed = parse(
        "| Company | Idea | Key papers |\n"
        "|---|---|---|\n"
        "| **Acme** | Tune indexes | [Evaluating index tuning with advisors](https://arxiv.org/abs/"
        "2603.09181)<br>[Bitmap filtering in the warehouse](https://example.org/sigmod26.html) |\n"
        "| **Beta** | Learn codes | [Quantum annealing with learnt couplings](https://arxiv.org/abs/"
        "2210.08114) <br><sub> **QuAnt:** learns the couplings</sub> |\n"
    )
    assert [e.listed_title for e in parsed.entries] == [
        "Evaluating index tuning with advisors",
        "Bitmap filtering in the warehouse",
        "Quantum annealing with learnt couplings",  # a note below a work stays with it
    ]


def test_a_footnote_cited_next_to_another_is_used() -> None:
    # "[^5][^1]" reads in CommonMark as one link to [^1]; GitHub shows two footnotes. [^5] was
    # reported "never used": it is cited, and the paper it names is in no entry (a warning).
    parsed = parse(
        "Link: [arXiv](https://arxiv.org/abs/2503.21471).[^5][^1]\n"
        "\n"
        "[^1]: https://arxiv.org/abs/2503.21471\n"
        "[^5]: https://dl.acm.org/doi/10.1007/978-981-97-0669-3_11\n"
        "[^7]: https://arxiv.org/abs/2001.00001\n"
    )
    assert [(p.line_no, p.severity, p.reason) for p in parsed.problems][1:] == [
        (4, "warning", "footnote [^5] (cited at line 1) names a paper that is in no entry"),
        (5, "error", "link reference definition [^7] names a paper but is never used"),
    ]


# -- a fourth sweep: 4 large, popular lists (2026-12-01) ----------------------------------------


def test_fields_on_lines_of_their_own_after_hard_breaks() -> None:
    # "\\" at the end of each line: the title, the authors, the venue, the date the list added
    # it. Authors were lost on all 270 entries of one list and the venue was "18 Aug".
    parsed = parse(
        "**Robust classifier guidance for diffusion** \\\n"
        "*Ann Kawar, Bo Ganz, Cy Elad* \\\n"
        "ICML 2022. [[Paper](https://arxiv.org/abs/2208.08664)] \\\n"
        "18 Aug 2022\n"
        "\n"
        "**A unified perspective** <br>\n"
        "*Calvin Luo, Di Wu* <br>\n"
        "arXiv 2022. [[Paper](https://arxiv.org/abs/2208.11970)]\n"
    )
    assert [(e.listed_authors, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("Ann Kawar, Bo Ganz, Cy Elad", "ICML", 2022),
        ("Calvin Luo, Di Wu", "arXiv", 2022),
    ]


def test_et_al_then_the_venue_after_a_comma() -> None:
    parsed = parse(
        "- [NeRF: scenes as radiance fields](https://arxiv.org/abs/2003.08934), Mildenhall et al.,"
        " ECCV 2020 | [github](https://github.com/example/nerf)\n"
        "- [Neural volumes in real time](https://arxiv.org/abs/2103.00001), Neff et al, CGF 2021\n"
    )
    assert [(e.listed_authors, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("Mildenhall et al", "ECCV", 2020),
        ("Neff et al", "CGF", 2021),
    ]


@pytest.mark.parametrize(
    "names",
    [
        "Rianne van den Berg, Ivan Titov, Max Welling",
        "Wang, Xiaolong and Girshick, Ross and Gupta, Abhinav and He, Kaiming",
        "Kipf, Thomas and others",
    ],
)
def test_particles_and_bibtex_names_are_an_author_list(names: str) -> None:
    assert looks_like_authors(names)


@pytest.mark.parametrize(
    "text", ["Paris, France", "Learning, Reasoning and Planning, Acting", "Smith, John"]
)
def test_one_bibtex_name_or_a_title_is_not_an_author_list(text: str) -> None:
    assert not looks_like_authors(text)


def test_link_fields_under_an_entry_stay_its_fields() -> None:
    # "Keyword:" (one keyword key) and "Dataset;" (a semicolon before the link) made entries.
    parsed = parse(
        "- [Learning from human preferences](https://arxiv.org/abs/2001.00011)\n"
        "  - Ann Lee, Bo Chen\n"
        "  - Keyword: Reward learning, Atari, [DQN](https://github.com/x/dqn)\n"
        "  - Dataset; [Atari](https://github.com/x/atari)\n"
        "- [Safety of robot vision](https://arxiv.org/abs/1708.06939) arXiv 1708; ICCV Workshop"
        " 2017\n"
    )
    assert [(e.listed_title, [k.url for k in e.links]) for e in parsed.entries] == [
        ("Learning from human preferences", ["https://arxiv.org/abs/2001.00011",
         "https://github.com/x/dqn", "https://github.com/x/atari"]),
        ("Safety of robot vision", ["https://arxiv.org/abs/1708.06939"]),
    ]
    assert parsed.entries[1].listed_venue is not None  # "arXiv 1708;" is no "arXiv" field


def test_an_acronym_spelled_out_before_it_is_the_title_s_own() -> None:
    parsed = parse(
        "- (*ICLR'24*) Node classification with Large Language Models (LLMS)"
        " [[paper](https://arxiv.org/abs/2001.00091)]\n"
        "- Robust perception for driving (ICRA) [[paper](https://arxiv.org/abs/2001.00092)]\n"
    )
    assert [(e.listed_title, e.listed_venue) for e in parsed.entries] == [
        ("Node classification with Large Language Models (LLMS)", "ICLR"),
        ("Robust perception for driving", "ICRA"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (  # "(year), authors" after a bold title (a list of 200 such entries)
            "- **Adam: A method for stochastic optimization** (2014), D. Kingma and J. Ba"
            " [[pdf]](http://arxiv.org/pdf/1412.6980)",
            ("Adam: A method for stochastic optimization", "D. Kingma and J. Ba", None, 2014),
        ),
        (  # … and after a plain one
            "- Long short-term memory (1997), S. Hochreiter and J. Schmidhuber."
            " [[pdf]](https://doi.org/10.1162/neco.1997.9.8.1735)",
            ("Long short-term memory", "S. Hochreiter and J. Schmidhuber", None, 1997),
        ),
        (  # a bold alias in brackets before the title; one author between "|" fields
            "- **[Fast R-CNN]** Fast R-CNN | Ross Girshick | **[ICCV' 15]**"
            " |[`[pdf]`](https://arxiv.org/pdf/1504.08083.pdf)",
            ("Fast R-CNN", "Ross Girshick", "ICCV", 2015),
        ),
        (  # a bracketed venue with its year, too long for a tag, before the title
            "- [Pacific Symposium on Biocomputing 2023] A graph coarsening algorithm for cells."
            " [[paper](https://arxiv.org/abs/2301.00001)]",
            ("A graph coarsening algorithm for cells", None, "Pacific Symposium on Biocomputing",
             2023),
        ),
    ],
    ids=["year-then-authors-bold", "year-then-authors-plain", "alias-and-pipes",
         "bracketed-long-venue"],
)
def test_fields_around_a_title(
    line: str, expected: tuple[str, str | None, str | None, int | None]
) -> None:
    parsed = parse("# Papers\n\n" + line + "\n")
    assert [
        (e.listed_title, e.listed_authors, e.listed_venue, e.listed_year) for e in parsed.entries
    ] == [expected]


def test_emoji_field_labels_and_dates_with_a_day() -> None:
    parsed = parse(
        "- [Set-of-mark prompting for grounding](https://arxiv.org/abs/2310.11441)\n"
        "    - Jianwei Yang, Hao Zhang, Feng Li\n"
        "    - 📅 Date: October 17, 2023\n"
        "    - 📑 Publisher: NeurIPS 2023\n"
    )
    assert [(e.listed_authors, e.listed_venue, e.listed_year, e.listed_month)
            for e in parsed.entries] == [("Jianwei Yang, Hao Zhang, Feng Li", "NeurIPS", 2023, 10)]


def test_a_date_in_a_venue_column_is_a_date() -> None:
    parsed = parse(
        "| Title | arXiv | Pub. & Date |\n|---|---|---|\n"
        "| [Frozen in time](https://arxiv.org/abs/2104.00650) | - | ICCV, 2021 |\n"
        "| [Video latent consistency](https://arxiv.org/abs/2312.09109) | - | Dec, 2023 |\n"
    )
    assert [(e.listed_venue, e.listed_year, e.listed_month) for e in parsed.entries] == [
        ("ICCV", 2021, None), (None, 2023, 12)
    ]


def test_title_case_titles_before_a_year_and_authors_are_not_merged_into_the_heading() -> None:
    # "Wasserstein GAN (2017), M. Arjovsky et al.": the year was taken for an affiliation, the
    # whole line for an author list, and two such bullets became one entry titled by the heading.
    parsed = parse(
        "### New papers\n"
        "- Wasserstein GAN (2017), M. Arjovsky et al. [[pdf]](https://arxiv.org/pdf/1701.07875v1)\n"
        "- Trust Region Policy Optimization (2015), J. Schulman et al."
        " [[pdf]](http://www.jmlr.org/proceedings/papers/v37/schulman15.pdf)\n"
        "- Mask R-CNN (2017), K. He. [[pdf]](https://arxiv.org/pdf/1703.06870)\n"
    )
    assert [(e.listed_title, e.listed_authors, e.listed_year) for e in parsed.entries] == [
        ("Wasserstein GAN", "M. Arjovsky et al", 2017),
        ("Trust Region Policy Optimization", "J. Schulman et al", 2015),
        ("Mask R-CNN", "K. He", 2017),
    ]


def test_a_numbered_heading_is_the_title_its_links_line_is_not() -> None:
    parsed = parse(
        "## 2024\n"
        "### 1. HeadStudio: Text to animatable head avatars\n"
        "**Authors**: Zhenglin Zhou, Fan Ma, Hehe Fan\n\n"
        "  [📄 Paper](https://arxiv.org/pdf/2402.06149.pdf) |"
        " [💻 Code (not yet)](https://github.com/ZhenglinZhou/HeadStudio/)\n"
    )
    assert [(e.listed_title, e.listed_authors) for e in parsed.entries] == [
        ("HeadStudio: Text to animatable head avatars", "Zhenglin Zhou, Fan Ma, Hehe Fan")
    ]


def test_a_paper_written_as_a_heading_per_field_is_one_entry() -> None:
    # "#### Title" then "#### Link：[…](…)" and "#### Code：[…](…)": 27 papers of one list were
    # each "a heading linking a paper with no title".
    parsed = parse(
        "# 3DGS\n\n"
        "#### HybridGS: Decoupling transients and statics\n"
        "#### Link：[https://arxiv.org/pdf/2412.03844](https://arxiv.org/pdf/2412.03844)\n"
        "#### Code：[https://example.org/hybridgs/](https://example.org/hybridgs/)\n\n"
        "#### CarPlanner: Consistent trajectory planning\n"
        "#### Link: [https://arxiv.org/pdf/2502.19908](https://arxiv.org/pdf/2502.19908)\n"
    )
    assert [(e.listed_title, [k.url for k in e.links]) for e in parsed.entries] == [
        ("HybridGS: Decoupling transients and statics",
         ["https://arxiv.org/pdf/2412.03844", "https://example.org/hybridgs/"]),
        ("CarPlanner: Consistent trajectory planning", ["https://arxiv.org/pdf/2502.19908"]),
    ]
    assert parsed.problems == ()


def test_a_bullet_titled_by_its_own_link_is_never_the_citation_of_the_one_above() -> None:
    # "- [Raft](papers/raft.pdf) (2014) - Ongaro, Diego, and John Ousterhout.": its link is a
    # path beside the list, and it was read as the citation line of the entry above -- 42
    # papers of one list merged into their neighbours, silently.
    parsed = parse(
        "### Consensus\n\n"
        "- [The part-time parliament](https://dl.acm.org/doi/pdf/10.1145/3335772.3335939) (1998)"
        " - Lamport, Leslie.\n"
        "- [In search of an understandable consensus algorithm](papers/consensus/raft.pdf)"
        " (2014) - Ongaro, Diego, and John Ousterhout.\n"
    )
    assert [(e.listed_title, [k.url for k in e.links]) for e in parsed.entries] == [
        ("The part-time parliament", ["https://dl.acm.org/doi/pdf/10.1145/3335772.3335939"])
    ]
    assert [line for line, _ in errors(parsed)] == [4]


def test_title_labelled_blocks_are_one_entry_each() -> None:
    # "**Title:** [T](…)" / "**Authors:** …" / "**Journal Info:** …" blocks under a plain
    # heading were all fields of that heading: one entry titled "Peak Callers" for two papers.
    parsed = parse(
        "### Peak callers\n\n"
        "**Title:** [Features that define the best peak calling algorithms](https://academic.oup.com/bib/article/18/3/441/2453291)\n\n"
        "**Authors:** Reuben Thomas, et al.\n\n"
        "**Journal Info:** Briefings in Bioinformatics, May 2017\n\n"
        "---\n\n"
        "**Title:** [A comparison of peak callers](https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0096303)\n\n"
        "**Authors:** Hashem Koohy, et al.\n\n"
        "**Journal Info:** PLoS ONE, May 2014\n"
    )
    assert [
        (e.listed_title, e.listed_authors, e.listed_venue, e.listed_year) for e in parsed.entries
    ] == [
        ("Features that define the best peak calling algorithms", "Reuben Thomas, et al.",
         "Briefings in Bioinformatics", 2017),
        ("A comparison of peak callers", "Hashem Koohy, et al.", "PLoS ONE", 2014),
    ]


def test_a_list_with_no_link_at_all_says_why_it_has_no_entry() -> None:
    # 88 papers as plain titles under venue headings: no entry, and nothing said about it.
    parsed = parse(
        "# Security papers\n\n## 2017\n\n### NDSS\n\n"
        "* SafeInit: Comprehensive mitigation of uninitialized reads\n"
        "* MARX: Uncovering class hierarchies in C++ programs\n"
        "* Dynamic hooks: hiding control flow changes within non-control data\n"
    )
    assert parsed.entries == ()
    assert [(p.line_no, p.severity) for p in parsed.problems] == [(7, "warning")]
    assert parsed.problems[0].reason.startswith("no entry: 3 items have a title but no link")


@pytest.mark.parametrize(
    "line",
    [
        "* **[Backdoor detection](https://openreview.net/forum?id=s56xikpD92)**"
        " [![stars](https://img.shields.io/github/stars/a/b)]([https://github.com/x/old](https://github.com/a/b))",
        "* **[Backdoor detection](https://openreview.net/forum?id=s56xikpD92)**"
        " <a href='[https://github.com/x/old](https://github.com/a/b)'>code</a>",
    ],
    ids=["markdown", "html"],
)
def test_a_markdown_link_written_as_an_address_is_read_and_reported(line: str) -> None:
    # The whole "[…](…)" text was kept as the link's URL, silently.
    parsed = parse(line + "\n")
    assert [k.url for k in parsed.entries[0].links] == [
        "https://openreview.net/forum?id=s56xikpD92", "https://github.com/a/b"
    ]
    assert [(p.severity, "Markdown link as its address" in p.reason) for p in parsed.problems] == [
        ("warning", True)
    ]


def test_a_bold_short_name_before_authors_and_a_quoted_title_is_no_field() -> None:
    # '- **SPGA:** Authors.' then '"Title."' then '[[paper](…)]': read as a field "SPGA" of no
    # entry, the paper was in no entry and no problem.
    parsed = parse(
        "## Attacks\n\n"
        "- **SPGA:** Zhenbo Shi, Zhi Chen.\n\n"
        '  "Shape prior guided attack: sparser perturbations on point clouds. "\n\n'
        "  [[paper](https://ojs.aaai.org/index.php/AAAI/article/download/20802/20561)]\n"
    )
    assert [(e.listed_title, e.listed_authors) for e in parsed.entries] == [
        ("Shape prior guided attack: sparser perturbations on point clouds",
         "Zhenbo Shi, Zhi Chen")
    ]


def test_a_table_of_papers_under_a_contribute_heading_is_the_list_not_its_furniture() -> None:
    # "## Contribute to the List!" then "### Projects" and the list's whole table: rows linking
    # a publisher's page (no paper id) were ignored as the section's furniture, a row with no
    # link was said nothing about (23 of 86 papers of one list).
    parsed = parse(
        "## Contribute to the List!\n"
        "Fork this repository and add your paper to the table.\n"
        "\n"
        "### Projects\n"
        "| Year | Paper | Topic |\n"
        "|------|-------|-------|\n"
        "| 2024 | [Owl Tracking in the Wild](https://arxiv.org/abs/2401.01234) | PD |\n"
        "| 2023 | [Heron Pose Estimation](https://example-journal.org/article/123) | BPE |\n"
        "| 2022 | Crane Faces | FR |\n"
    )
    assert [(line, title, year) for line, title, _, year, _ in rows(parsed)] == [
        (7, "Owl Tracking in the Wild", 2024),
        (8, "Heron Pose Estimation", 2023),
    ]
    assert errors(parsed) == [(9, "table row has no link in any cell")]


def test_a_contributors_table_of_people_stays_furniture() -> None:
    parsed = parse(
        "## Papers\n"
        "- [Owl Tracking in the Wild](https://arxiv.org/abs/2401.01234)\n"
        "\n"
        "## Contributors\n"
        "| Name | Page |\n"
        "|------|------|\n"
        "| Ada Ruiz | [ada.example.org](https://ada.example.org) |\n"
        "| Bo Chen | [github.com/bochen](https://github.com/bochen) |\n"
    )
    assert [title for _, title, *_ in rows(parsed)] == ["Owl Tracking in the Wild"]
    assert errors(parsed) == []


def test_authors_on_the_line_below_a_title_are_the_authors_not_the_title() -> None:
    # "+ Title␣␣⏎Authors␣␣⏎[[paper](…)]" (hard breaks) or a soft break under a venue heading:
    # every title of one list ran on into its authors.
    parsed = parse(
        "### CVPR 2023\n"
        "\n"
        "+ Sparse Lanterns for Robust Widgets  \n"
        "Ada Ruiz, Bo Chen  \n"
        "[[paper](https://arxiv.org/abs/2301.00001)] [[code](https://github.com/a/b)]\n"
        "\n"
        "+ Tiny Owls at Dusk  \n"
        "Carl Dahl  \n"
        "[[paper](https://arxiv.org/abs/2301.00002)]\n"
        "\n"
        "- Quiet Gradients in Loud Rooms\n"
        "  Dan Eck, Fay Gil\n"
        "  [[paper](https://arxiv.org/abs/2301.00003)]\n"
    )
    entries = parsed.entries
    read = [(e.listed_title, e.listed_authors, e.listed_venue, e.listed_year) for e in entries]
    assert read == [
        ("Sparse Lanterns for Robust Widgets", "Ada Ruiz, Bo Chen", "CVPR", 2023),
        ("Tiny Owls at Dusk", "Carl Dahl", "CVPR", 2023),
        ("Quiet Gradients in Loud Rooms", "Dan Eck, Fay Gil", "CVPR", 2023),
    ]


def test_a_title_wrapped_onto_a_second_line_stays_whole() -> None:
    parsed = parse(
        "- A Study of\n"
        "  Neural Nets [[paper](https://arxiv.org/abs/2301.00001)]\n"
        "- Sorting Widgets at Scale with Very Long Titles That\n"
        "  Wrap Onto the Next Line [[paper](https://arxiv.org/abs/2301.00002)]\n"
    )
    assert [title for _, title, *_ in rows(parsed)] == [
        "A Study of Neural Nets",
        "Sorting Widgets at Scale with Very Long Titles That Wrap Onto the Next Line",
    ]


def test_research_groups_and_related_lists_are_no_papers() -> None:
    parsed = parse(
        "## Papers\n"
        "- [Owl Tracking in the Wild](https://arxiv.org/abs/2401.01234)\n"
        "\n"
        "## Research Groups\n"
        "- [Owl Lab](https://owllab.example.edu/), Graz, Austria\n"
        "\n"
        "## Relevant Awesome Lists\n"
        "- [Awesome Herons](https://github.com/someone/awesome-herons)\n"
        "- [Heron survey paper](https://arxiv.org/abs/2401.09999)\n"
    )
    assert [title for _, title, *_ in rows(parsed)] == [
        "Owl Tracking in the Wild",
        "Heron survey paper",  # a paper named there is still an entry
    ]
    assert errors(parsed) == []
    assert parsed.link_accounting.get("ignored:furniture") == 2


def test_a_paper_sites_home_page_is_no_paper_under_its_heading() -> None:
    # "### Paper sites" over "- [arXiv](https://arxiv.org/)": the heading took the link as its
    # paper and became an entry titled "Paper sites".
    parsed = parse(
        "### Paper sites\n"
        "- [arXiv](https://arxiv.org/)\n"
        "- [OpenReview](https://openreview.net)\n"
        "\n"
        "### Papers\n"
        "- [Owl Nets](https://arxiv.org/abs/2401.01234)\n"
    )
    assert [title for _, title, *_ in rows(parsed)] == ["Owl Nets"]
    assert errors(parsed) == []


def test_a_news_line_is_no_entry_and_no_field_of_the_line_above() -> None:
    # "**Update**: Our survey … accepted by [TPAMI](…)!" was an entry titled "Update: Our survey
    # paper has been accepted by"; taken for fields, news lines made the welcome line above them
    # an entry.
    parsed = parse(
        "# Owls\n"
        "\n"
        "🤗 Contributions are always welcome!\n"
        "\n"
        "**Update**: Our survey paper has been accepted by"
        " [TPAMI](https://ieeexplore.ieee.org/document/11111111)!\n"
        "\n"
        "## Papers\n"
        "- [Owl Nets](https://arxiv.org/abs/2401.01234)\n"
    )
    assert [title for _, title, *_ in rows(parsed)] == ["Owl Nets"]
    assert errors(parsed) == []


def test_bibtex_in_an_html_pre_block_is_code_not_an_entry() -> None:
    parsed = parse(
        "<details><summary><b>Gradient Ferns for Tiny Robots</b>\n"
        "<br>\n"
        "&emsp;<i>Alice Smith, Bob Jones</i>\n"
        "<br>&emsp;\n"
        '[<a href="https://proceedings.mlr.press/v162/smith22a.html">Paper</a>]\n'
        "</summary>\n"
        "<details><summary><b>Bibtex</b></summary>\n"
        "<pre><code>@InProceedings{smith22a,\n"
        "  title = {Gradient Ferns for Tiny Robots},\n"
        "  url = {https://proceedings.mlr.press/v162/smith22a.html}\n"
        "}</code></pre>\n"
        "</details>\n"
        "</details>\n"
    )
    assert [title for _, title, *_ in rows(parsed)] == ["Gradient Ferns for Tiny Robots"]
    assert parsed.link_accounting == {"entry": 1, "ignored:code": 1}


def test_talks_courses_and_videos_are_no_papers() -> None:
    parsed = parse(
        "## Papers\n"
        "- [Owl Tracking in the Wild](https://arxiv.org/abs/2401.01234)\n"
        "\n"
        "## Talks\n"
        "- [Causal Owls: a talk](https://www.youtube.com/watch?v=abc) - Ann Lee\n"
        "\n"
        "## Online Courses\n"
        "- [Owl Studies 101](https://courses.example.edu/owls)\n"
        "- [The owl survey, read in class](https://arxiv.org/abs/2401.09999)\n"
    )
    assert [title for _, title, *_ in rows(parsed)] == [
        "Owl Tracking in the Wild",
        "The owl survey, read in class",  # a paper named there is still an entry
    ]


def test_a_korean_paper_database_page_is_a_paper() -> None:
    # DBpia serves Korean papers: its pages name papers, as a publisher's do (2026-12-01: a
    # table of papers under "## Tools" of a Korean NLP list).
    parsed = parse(
        "## Tools\n| Year | Venue | Title |\n|---|---|---|\n"
        "| 2014 | | [반자동 태깅 도구 개발]"
        "(http://www.dbpia.co.kr/Journal/ArticleDetail/NODE02444107) |\n"
    )
    assert [(e.kind, e.listed_title, e.listed_year) for e in parsed.entries] == [
        ("paper", "반자동 태깅 도구 개발", 2014)
    ]


def test_a_numbered_shared_task_is_a_title_not_a_venue() -> None:
    # 2026-12-01: "* SemEval-2010 Task 8 [[paper]](…)" was reported as having no title, and the
    # sub-bullet below it (its description) was read into the next bullet's entry.
    parsed = parse(
        "## Datasets\n"
        "* SemEval-2010 Task 8 [[paper]](http://www.aclweb.org/anthology/S10-1006)"
        " [[download]](https://example.org/semeval.zip)\n"
        "  * Multi-way classification of semantic relations between pairs of nominals\n"
    )
    assert [(line, title) for line, title, *_ in rows(parsed)] == [(2, "SemEval-2010 Task 8")]
    assert errors(parsed) == []


def test_a_bold_title_then_its_chinese_labelled_link_paragraph() -> None:
    # 2026-12-01 (the fourteenth sweep): "**Title**", a line in Chinese, then "论文地址：[url](url)"
    # (paper address), each a paragraph: 64 of 111 papers of one list were errors, "paragraph
    # links a paper but could not be read as an entry".
    parsed = parse(
        "## EMNLP_2021\n### 文本分类\n\n"
        "**Classification of hierarchical widget text: the case of clinical trials**\n\n"
        "使用几何深度学习对分层文本进行分类\n\n"
        "论文地址：[https://aclanthology.org/2021.emnlp-main.48/]"
        "(https://aclanthology.org/2021.emnlp-main.48/)\n\n"
        "**Effective widget attention for clinical documents**\n\n"
        "论文链接：[https://aclanthology.org/2021.emnlp-main.49/]"
        "(https://aclanthology.org/2021.emnlp-main.49/)\n"
    )
    assert [(line, title, venue, year) for line, title, venue, year, _ in rows(parsed)] == [
        (4, "Classification of hierarchical widget text: the case of clinical trials", "EMNLP",
         2021),
        (10, "Effective widget attention for clinical documents", "EMNLP", 2021),
    ]  # fmt: skip
    assert errors(parsed) == []


def test_a_link_with_its_url_in_square_brackets_is_read_and_reported() -> None:
    # 2026-12-01 (the fifteenth sweep): "Title[[paper][https://…]]" (Markdown shows the text:
    # a reference to no definition) left "[[paper]" in 3 of 47 titles.
    parsed = parse(
        "## Papers\n"
        "- (*ACL'24*) MovieSum: a widget summarization dataset"
        "[[paper][https://aclanthology.org/2024.findings-acl.239/]][[code](https://github.com/x/y)]\n"
    )
    assert rows(parsed) == [
        (2, "MovieSum: a widget summarization dataset", "ACL", 2024,
         ["https://aclanthology.org/2024.findings-acl.239/", "https://github.com/x/y"]),
    ]  # fmt: skip
    assert [(p.line_no, p.severity) for p in parsed.problems] == [(2, "warning")]
    assert "URL in [ ] instead of ( )" in parsed.problems[0].reason


def test_a_venue_button_before_the_title_and_year_headings_below_the_subsection() -> None:
    # 2026-12-01 (the sixteenth sweep): the point-cloud lists' "- [[CVPR](paper)] Title.
    # [[code](…)] [__`seg.`__] :fire:" gave no venue in 214 of 218 entries, the tags in 202
    # titles, and "3DV" or "extension" (a one-word button) as the title of 11; "#### 2019" below
    # "### arXiv" dated nothing (68 entries).
    parsed = parse(
        "## Papers\n"
        "### 2017\n"
        "- [[CVPR](https://example.org/cvpr/widgetnet.pdf)] WidgetNet: Deep Learning on Widget"
        " Sets. [[tensorflow](https://github.com/x/widgetnet)] [__`cls.`__ __`seg.`__] :fire:"
        " :star:\n"
        "- [[3DV](https://example.org/3dv/cloud.pdf)] WidgetCloud: Segmentation of Widget"
        " Clouds. [[project](https://example.org/cloud/)] [__`seg.`__]\n"
        "- [[ICCV 2019](https://arxiv.org/abs/1903.00343)] Octree guided widget kernels."
        " [[extension](https://arxiv.org/pdf/1909.09287.pdf)]\n"
        "### arXiv\n"
        "#### 2018\n"
        "- [[arXiv](https://arxiv.org/abs/1807.00652)] WidgetSIFT: A Module for Widget"
        " Segmentation. [__`seg.`__]\n"
        "* **[[SINE'21]](https://arxiv.org/pdf/2102.09267.pdf)** Sparse-Interest Widgets."
        " WSDM 2021.\n"
    )
    assert rows(parsed) == [
        (3, "WidgetNet: Deep Learning on Widget Sets", "CVPR", 2017,
         ["https://example.org/cvpr/widgetnet.pdf", "https://github.com/x/widgetnet"]),
        (4, "WidgetCloud: Segmentation of Widget Clouds", "3DV", 2017,
         ["https://example.org/3dv/cloud.pdf", "https://example.org/cloud/"]),
        (5, "Octree guided widget kernels", "ICCV", 2019,
         ["https://arxiv.org/abs/1903.00343", "https://arxiv.org/pdf/1909.09287.pdf"]),
        (8, "WidgetSIFT: A Module for Widget Segmentation", "arXiv", 2018,
         ["https://arxiv.org/abs/1807.00652"]),
        (9, "Sparse-Interest Widgets", "WSDM", 2021, ["https://arxiv.org/pdf/2102.09267.pdf"]),
    ]  # fmt: skip


def test_a_research_group_in_a_headings_parentheses_and_a_favourites_mark_after_a_title() -> None:
    # 2026-12-01 (the sixteenth sweep): "## Ann Lee (from Cruise research group, RMIT)" made
    # the table below it furniture (5 papers in no entry and no problem), and "Title 🌟" (the
    # list's mark for a favourite) kept the star in 41 titles.
    parsed = parse(
        "## [Ann Lee](https://example.org/lee) (from [Widget research group]"
        "(https://example.org/group), RMIT)\n"
        "| Venue | Paper Title | Code |\n"
        "|---|---|---|\n"
        "| *IMWUT '22* | Cross modality widget learning 🌟 | [WML](https://github.com/x/wml) |\n"
        "| *WWW '21* | Widget change points ⭐️🔥 | [WCP](https://github.com/x/wcp) |\n"
        "## Research groups\n"
        "- [Widget Lab](https://example.org/lab)\n"
    )
    assert rows(parsed) == [
        (4, "Cross modality widget learning", "IMWUT", 2022, ["https://github.com/x/wml"]),
        (5, "Widget change points", "WWW", 2021, ["https://github.com/x/wcp"]),
    ]


def test_a_hash_before_a_links_url_and_a_date_after_the_labelled_authors() -> None:
    # 2026-12-01 (the sixteenth sweep): "[Title](#http://…)" (a "#" typed before the address:
    # on GitHub a link to nowhere) was ledgered as an in-page anchor and 7 papers of one list
    # were in no entry and no problem; "Authors: Ann Lee and Bo Chen. (3/2017)." kept the date
    # in the authors and gave no year (5 entries).
    parsed = parse(
        "## Planning\n"
        "* [Widget planning under stochastic disturbances](#http://example.org/~a/plan.pdf)\n"
        "* [Widget layers for optimisation](https://arxiv.org/abs/1703.00443)\n"
        "  * Authors: Ann Lee and J. Bo Chen. (3/2017).\n"
        "* [Widget solvers](https://arxiv.org/abs/1703.00444)\n"
        "  * Authors: Lee, A. & Chen, B.\n"
    )
    assert [(line, title, year) for line, title, _, year, _ in rows(parsed)] == [
        (2, "Widget planning under stochastic disturbances", None),
        (3, "Widget layers for optimisation", 2017),
        (5, "Widget solvers", None),
    ]
    assert [e.listed_authors for e in parsed.entries] == [
        None, "Ann Lee and J. Bo Chen", "Lee, A. & Chen, B."
    ]
    assert parsed.entries[0].links[0].url == "http://example.org/~a/plan.pdf"
    assert [(p.line_no, p.severity) for p in parsed.problems] == [(2, "warning")]
    assert "'#' before its URL" in parsed.problems[0].reason


def test_an_html_table_row_with_a_date_cell_beside_a_count() -> None:
    # 2026-12-01 (the sixteenth sweep): an HTML table "Metric | Citations | Earliest publication
    # | Reference | Paper" glued the date cell to the title ("…similarity2004.04", no year) in 77
    # rows, and a citation count that reads as a year ("1912") to the others.
    row = (
        "<tr>\n<td>{metric}</td>\n<td>{count}</td>\n<td>{date}</td>\n<td>With</td>\n"
        '<td><a href="https://ieeexplore.ieee.org/document/{doc}">{title}</a></td>\n</tr>\n'
    )
    parsed = parse(
        "## Metrics\n\n<table>\n"
        + row.format(metric="widget similarity (WSIM)", count="58352", date="2004.04",
                     doc="1284395", title="Widget quality: from error to structure")
        + row.format(metric="blind widget index", count="1912", date="2012.08", doc="6190099",
                     title="Blind widget quality in the DCT domain")
        + "</table>\n"
    )  # fmt: skip
    assert [(title, year) for _, title, _, year, _ in rows(parsed)] == [
        ("Widget quality: from error to structure", 2004),
        ("Blind widget quality in the DCT domain", 2012),
    ]


def test_a_date_then_a_long_venue_name_in_brackets_is_the_entrys_tag() -> None:
    # 2026-12-01 (the sixteenth sweep): "**[2023.05 | Arquivos Brasileiros de Cirurgia
    # Digestiva]** **Title**" (a venue of more than four words) was no tag: the line, a paper
    # with no link, was prose with no problem, where its neighbours were reported.
    parsed = parse(
        "## Timeline\n"
        "- **[2023.05 | Arquivos Brasileiros de Cirurgia Digestiva]** **Widgets in surgery**\n"
        "- **[2023.07 | Lancet]** **The promise of widgets in health care**"
        " [paper](https://doi.org/10.1016/widgets)\n"
    )
    assert rows(parsed) == [
        (3, "The promise of widgets in health care", "Lancet", 2023,
         ["https://doi.org/10.1016/widgets"]),
    ]  # fmt: skip
    assert errors(parsed) == [(2, NO_LINK)]


def test_an_alias_in_brackets_inside_a_bold_title_and_the_kind_of_paper_after_a_venue() -> None:
    # 2026-12-01 (the sixteenth sweep): "**[G3DC] G3DC: Title**" kept "[G3DC] " in 33 titles
    # of one list; "SIGIR 2022 (SHORT)" gave the venue "SIGIR (SHORT" (3 entries).
    parsed = parse(
        "## Papers\n"
        "| Year | Title | Venue | Paper |\n"
        "|---|---|---|---|\n"
        "| 2024 | **[G3DC] G3DC: A Gene-Graph-Guided Widget Clustering Method** | BDMA |"
        " [link](https://ieeexplore.ieee.org/document/10654682/) |\n"
        "\n"
        "* **[[DCN'22]](https://dl.acm.org/doi/pdf/10.1145/3477495.3531918)** Dual Contrastive"
        " Widgets for Recommendation. SIGIR 2022 (SHORT). [[code](https://github.com/x/dcn)]\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("G3DC: A Gene-Graph-Guided Widget Clustering Method", "BDMA", 2024),
        ("Dual Contrastive Widgets for Recommendation", "SIGIR", 2022),
    ]


def test_a_bold_label_and_a_comma_before_the_papers_titled_link() -> None:
    # 2026-12-01 (the sixteenth sweep): "- **Binary images**, [An attention fusion network for
    # …](paper), Venue, 2021." (the bold names the kind of input a method takes) titled 16
    # entries of one list by the label; the link names the paper.
    parsed = parse(
        "## Input representations\n"
        "- **Binary images**, [An attention fusion network for widget detection]"
        "(https://ieeexplore.ieee.org/abstract/document/9506561/), Proc. IEEE Int. Conf. Image"
        " Process. (ICIP), 2021.\n"
        "- **WidgetNet**: a widget network for widgets [paper](https://arxiv.org/abs/2101.00002)\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("An attention fusion network for widget detection", "ICIP", 2021),
        ("WidgetNet: a widget network for widgets", None, None),
    ]  # fmt: skip


def test_one_author_or_authors_in_chinese_before_the_linked_title() -> None:
    # 2026-12-01 (the sixteenth sweep): "Kryjak T, **_[Title](…)_**, arXiv, 2024." and
    # "李家宁, 田永鸿, **_[Title](…)_**, 计算机学报, 2021." were titled by their authors; a law
    # list's Chinese author lists were read as nothing (3 entries).
    parsed = parse(
        "## Surveys\n"
        "- Kryjak T, **_[Widget vision on FPGAs: a survey](https://arxiv.org/pdf/2407.08356)_**,"
        " arXiv, 2024.\n"
        "- 李家宁, 田永鸿, **_[神经形态视觉传感器的研究进展](http://cjc.ict.ac.cn/a.pdf)_**,"
        " 计算机学报, 2021.\n"
        "- Deep Learning, [Widget book by many](https://example.org/book.pdf)\n"
    )
    assert [(title, e.listed_authors, venue, year)
            for (_, title, venue, year, _), e in zip(rows(parsed), parsed.entries, strict=True)
            ] == [
        ("Widget vision on FPGAs: a survey", "Kryjak T", "arXiv", 2024),
        ("神经形态视觉传感器的研究进展", "李家宁, 田永鸿", "计算机学报", 2021),
        ("Deep Learning", None, None, None),
    ]  # fmt: skip
    assert errors(parsed) == []


def test_numbered_references_whose_one_link_is_a_project_page() -> None:
    # 2026-12-01 (the seventeenth sweep): "[1] Eigen et al, Title, NIPS 2014, [Web](project
    # page)" paragraphs were prose (23 of 60 papers of one list in no entry, no problem); the
    # same line with a "[PDF](arxiv)" link was an entry. A whole reference is a paper.
    parsed = parse(
        "## Supervised\n\n"
        "[1] Eigen et al, Widget Depth Prediction from a Single Image, NIPS 2014,"
        " [Web](https://cs.nyu.edu/~deigen/depth/)\n\n"
        "[2] Laina et al, Deeper Widget Prediction with Residual Networks, 3DV 2016,"
        " [Code](https://github.com/iro-cp/FCRN-DepthPrediction)\n\n"
        "We thank [the widget team](https://example.org/team) for their help, 2016.\n"
    )
    assert [(line, title, venue, year) for line, title, venue, year, _ in rows(parsed)] == [
        (3, "Widget Depth Prediction from a Single Image", "NIPS", 2014),
        (5, "Deeper Widget Prediction with Residual Networks", "3DV", 2016),
    ]
    assert [e.listed_authors for e in parsed.entries] == ["Eigen et al", "Laina et al"]


def test_a_venue_and_its_year_heading_a_links_label() -> None:
    # 2026-12-01 (the seventeenth sweep): "[[CIKM 2019] Meta-GNN: …](…)" in a table (37 of 37
    # rows of one list) and "#### [ICCV21 Learning to …](…)" headings (33 of 35 of another) kept
    # the tag in the title and gave no venue or year. "GPT4 …" is a name, not a venue.
    parsed = parse(
        "## Node classification\n"
        "|Name|Paper|\n"
        "|---|---|\n"
        "|Meta-GNN|[[CIKM 2019] Meta-GNN: On Few-shot Widget Classification]"
        "(https://arxiv.org/pdf/1905.09718.pdf)|\n"
        "\n"
        "#### [ICCV21 Learning to Estimate Hidden Widgets with Global Aggregation]"
        "(https://arxiv.org/abs/2104.02409)\n"
        "\n"
        "Code: [GMA](https://github.com/zacjiang/GMA)\n"
        "\n"
        "- [GPT4 Technical Report on widgets](https://arxiv.org/abs/2303.08774)\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Meta-GNN: On Few-shot Widget Classification", "CIKM", 2019),
        ("Learning to Estimate Hidden Widgets with Global Aggregation", "ICCV", 2021),
        ("GPT4 Technical Report on widgets", None, None),
    ]


def test_an_italic_author_list_below_wins_over_a_tag_that_reads_like_one_name() -> None:
    # 2026-12-01 (the seventeenth sweep): "1. **Title** `CICM 2018` [[paper]](…) [NL, Mizar]"
    # then "*Wang, Qingxiang and Urban, Josef*": the topic tag "NL, Mizar" (one inverted
    # name, by its shape) was the authors of 37 entries and the real author list was dropped.
    parsed = parse(
        "## Autoformalization\n\n"
        "1. **First Experiments with Widget Translation** `CICM 2018`"
        " [[paper]](https://arxiv.org/pdf/1805.06502.pdf) [NL, Mizar]\n\n"
        "   *Wang, Qingxiang and Kaliszyk, Cezary and Urban, Josef*\n"
    )
    (entry,) = parsed.entries
    assert (entry.listed_title, entry.listed_authors, entry.listed_venue, entry.listed_year) == (
        "First Experiments with Widget Translation",
        "Wang, Qingxiang and Kaliszyk, Cezary and Urban, Josef",
        "CICM",
        2018,
    )


def test_a_reference_written_as_bracketed_groups_before_the_links() -> None:
    # 2026-12-01 (the seventeenth sweep): "- [Chen _et. al._] [Title] [MIDL'18] [[google
    # scholar]](…) [[pdf]](…)" kept the brackets and the venue in all 30 titles of one list
    # (no authors, no venue); "(**AnoGAN**)" inside the title became the whole title.
    parsed = parse(
        "## Brain MRI\n"
        "- [Chen _et. al._] [Unsupervised detection of widgets in brain MRI] [MIDL'18]"
        " [[google scholar]](https://scholar.google.com/scholar?q=widgets)"
        " [[pdf]](https://openreview.net/pdf?id=widgets1)\n"
        "- [Baur _et. al._] [Deep autoencoding widgets for anomaly segmentation] [MICCAI'18"
        " workshop] [[pdf]](https://arxiv.org/pdf/1806.04972)\n"
        "- [Schlegl _et. al._] [Unsupervised anomaly detection with widgets (**AnoGAN**)]"
        " [IPMI'17] [[pdf]](https://arxiv.org/pdf/1703.05921)\n"
        "- [Roe _et. al._] [Widget priors] [MIA, 2020] [[pdf]](https://arxiv.org/pdf/2001.00001)\n"
    )
    assert [(title, e.listed_authors, venue, year)
            for (_, title, venue, year, _), e in zip(rows(parsed), parsed.entries, strict=True)
            ] == [
        ("Unsupervised detection of widgets in brain MRI", "Chen et. al.", "MIDL", 2018),
        ("Deep autoencoding widgets for anomaly segmentation", "Baur et. al.", "MICCAI workshop",
         2018),
        ("Unsupervised anomaly detection with widgets (AnoGAN)", "Schlegl et. al.", "IPMI", 2017),
        ("Widget priors", "Roe et. al.", "MIA", 2020),
    ]  # fmt: skip


def test_a_bullet_that_is_only_a_bare_url_is_an_entry_named_by_its_address() -> None:
    # 2026-12-01 (the seventeenth sweep): "#### KGQA HLM" then "- https://github.com/…" (7
    # repositories of one list, 5 datasets of another) were ledgered as prose: in no entry and
    # no problem. A nested bare URL stays a field of the item above it.
    parsed = parse(
        "## Projects\n"
        "#### Widget QA\n"
        "- https://github.com/chizhu/widget_qa\n"
        "#### Widget demo\n"
        "- <https://github.com/x/widget-demo>\n"
        "## Papers\n"
        "- [Widget graphs at scale](https://arxiv.org/abs/2101.00001)\n"
        "  - https://github.com/x/widget-graphs\n"
    )
    assert rows(parsed) == [
        (3, "https://github.com/chizhu/widget_qa", None, None,
         ["https://github.com/chizhu/widget_qa"]),
        (5, "https://github.com/x/widget-demo", None, None, ["https://github.com/x/widget-demo"]),
        (7, "Widget graphs at scale", None, None,
         ["https://arxiv.org/abs/2101.00001", "https://github.com/x/widget-graphs"]),
    ]  # fmt: skip
    assert parsed.problems == ()


def test_a_papers_pdf_kept_beside_the_list_is_reported_wherever_it_stands() -> None:
    # 2026-12-01 (the seventeenth sweep): a section whose bullets all link a PDF in the list's
    # own repository ("./paper/Deep_Knowledge_Tracing.pdf") was prose, 5 papers in no entry
    # and no problem; the same bullets beside one entry were errors.
    parsed = parse(
        "## Knowledge tracing\n"
        "- [Deep widget tracing](./paper/Deep_Widget_Tracing.pdf)\n"
        "- [Individualized widget tracing models](./paper/Widget_Models.pdf)\n"
        "- [Contributing](./CONTRIBUTING.md)\n"
    )
    assert parsed.entries == ()
    assert [line for line, reason in errors(parsed) if "paths beside the list" in reason] == [2, 3]


def test_the_papers_link_named_by_its_venue_after_the_authors() -> None:
    # 2026-12-01 (the seventeenth sweep): "3. **Title**, Yang et al., [IEEE Signal Processing
    # Letters](semanticscholar.org/paper/…)" gave no venue (19 entries of one list); "[arXiv]"
    # names the kind of link and "[A Review of …](…)" a title.
    parsed = parse(
        "## Motion prediction\n"
        "3. **Adaptive Widget Graph-Mixer for Motion Prediction**, Yang et al.,"
        " [IEEE Signal Processing Letters](https://www.semanticscholar.org/paper/d73d0c2d)\n"
        "4. **Widget Transformers for Motion**, Lee et al., [arXiv](https://arxiv.org/abs/2101.00001)\n"
        "5. **Review**: [A Review of Widget Software for Crowds](https://example.org/review.pdf)\n"
    )
    assert [venue for _, _, venue, _, _ in rows(parsed)] == [
        "IEEE Signal Processing Letters", None, None
    ]


def test_a_name_and_a_colon_before_a_bare_url_and_a_chinese_title_after_a_button() -> None:
    # 2026-12-01 (the seventeenth sweep): "- SIGHAN Bake-off 2013: http://…" (3 datasets of one
    # list) and "- [[中文](blog)] 2023年顶会、顶刊SNN相关论文" (2 posts of another: Chinese does not
    # space its words, so the title was "one word") were in no entry and no problem.
    parsed = parse(
        "## Data\n"
        "- SIGHAN Widget-off 2013: http://ir.example.edu/widget7csc.html\n"
        "## Blogs\n"
        "- [[中文](https://blog.csdn.net/widgets/article/details/128918566)]"
        " 2023年顶会SNN相关论文\n"
    )
    assert [(title, links) for _, title, _, _, links in rows(parsed)] == [
        ("SIGHAN Widget-off 2013", ["http://ir.example.edu/widget7csc.html"]),
        ("2023年顶会SNN相关论文", ["https://blog.csdn.net/widgets/article/details/128918566"]),
    ]


def test_a_key_of_venue_names_and_their_acronyms_is_no_list_of_papers_without_links() -> None:
    # 2026-12-01 (the seventeenth sweep): a list's key to the abbreviations of its tables
    # ("- **International Conference on Machine Learning (ICML)**") gave 14 false "no link"
    # errors. A paper's title with an acronym is still reported.
    parsed = parse(
        "## Papers\n"
        "- [Widget pretraining](https://arxiv.org/abs/2101.00001)\n"
        "- **Computer Vision and Pattern Recognition (CVPR)**\n"
        "- **International Workshop on Deep Learning in Medical Image Analysis (DLMIA)**\n"
        "- **IEEE International Conference on Acoustics, Speech and Signal Processing (ICASSP)**\n"
        "- **Widget Nets for Widget Segmentation (WNWS)**\n"
    )
    assert [title for _, title, _, _, _ in rows(parsed)] == ["Widget pretraining"]
    assert errors(parsed) == [(6, NO_LINK)]


def test_a_venue_with_how_it_was_presented_or_a_preprint_server_after_the_titles_comma() -> None:
    # 2026-12-01 (the seventeenth sweep): "Authors, Title, CVPR 2019(oral), [PDF](…)" and
    # "Authors, Title, Arxiv, [PDF](…)" kept the venue in the title.
    parsed = parse(
        "## Depth\n\n"
        "[1] Wong et al, Learning the Depths of Moving Widgets, CVPR 2019(oral),"
        " [PDF](https://arxiv.org/pdf/1904.11111.pdf)\n\n"
        "[2] Lee et al, From Big to Small: Widget Guidance for Depth, Arxiv,"
        " [PDF](https://arxiv.org/pdf/1907.10326.pdf)\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Learning the Depths of Moving Widgets", "CVPR", 2019),
        ("From Big to Small: Widget Guidance for Depth", "arXiv", None),
    ]


def test_a_whole_reference_with_its_authors_as_a_links_label() -> None:
    # 2026-12-01 (the seventeenth sweep): "[Title. EMNLP 2015. Luo, Yuanfei and Guo, Li.](…)"
    # was titled by the whole reference (4 entries of one list); "[Cao et al. [2023]](…)" stays
    # a citation, and a quoted reference is read as before.
    parsed = parse(
        "## Embedding\n"
        "- [Context-dependent widget embedding. EMNLP 2015. Luo, Yuanfei and Guo, Li.]"
        "(https://aclanthology.org/D15-1191/)\n"
        "- [Widget alignment with embeddings. IJCAI 2018. Zequn Sun, Wei Hu and Yuzhong Qu.]"
        "(https://www.ijcai.org/proceedings/2018/0611.pdf)\n"
        "- [TiFL: A Tier-based Widget System. HPDC 2020 (High-Performance Parallel and"
        " Distributed Computing).](https://arxiv.org/abs/2001.09249)\n"
    )
    assert [(title, e.listed_authors, venue, year)
            for (_, title, venue, year, _), e in zip(rows(parsed), parsed.entries, strict=True)
            ][:2] == [
        ("Context-dependent widget embedding", "Luo, Yuanfei and Guo, Li", "EMNLP", 2015),
        ("Widget alignment with embeddings", "Zequn Sun, Wei Hu and Yuzhong Qu", "IJCAI", 2018),
    ]  # fmt: skip
    assert parsed.entries[2].listed_authors is None  # a venue's name spelt out, not people


def test_a_paragraph_naming_a_paper_by_a_short_name_with_its_title_and_authors_below() -> None:
    # 2026-12-01 (the seventeenth sweep): "Mimic. *CVPR 2017*." then "[[CVF](…)]" and
    # "[[IEEE Xplore](…)]" on lines of their own and a summary, then a list "- Title" and
    # "- Authors": 0 of 24 papers of one list read right (titles "IEEE Xplore" and summaries,
    # 16 false errors, one paper in no entry).
    parsed = parse(
        "## Vanilla\n\n"
        "Mimic. *CVPR 2017*.\n"
        "[[CVF](http://openaccess.thecvf.com/content_cvpr_2017/html/Li_Mimicking.html)]\n"
        "[[IEEE Xplore](http://ieeexplore.ieee.org/document/8100259/)]\n"
        "\\- A fully convolutional widget mimic framework.\n\n"
        "- Mimicking Very Efficient Widgets for Detection\n"
        "- Quanquan Li and Shengying Jin and Junjie Yan\n\n"
        "TADF.\n"
        "[[arXiv](http://arxiv.org/abs/2006.13108)]\n"
        "\\- A general widget distillation framework.\n\n"
        "- Distilling Widget Detectors with Task Adaptive Regularization\n"
        "- Ruoyu Sun and Fuhui Tang and Qi Tian\n"
    )
    assert [(title, e.listed_authors, venue, year, links)
            for (_, title, venue, year, links), e in zip(rows(parsed), parsed.entries,
                                                         strict=True)] == [
        ("Mimicking Very Efficient Widgets for Detection",
         "Quanquan Li and Shengying Jin and Junjie Yan", "CVPR", 2017,
         ["http://openaccess.thecvf.com/content_cvpr_2017/html/Li_Mimicking.html",
          "http://ieeexplore.ieee.org/document/8100259/"]),
        ("Distilling Widget Detectors with Task Adaptive Regularization",
         "Ruoyu Sun and Fuhui Tang and Qi Tian", None, None, ["http://arxiv.org/abs/2006.13108"]),
    ]  # fmt: skip
    assert parsed.problems == ()


def test_an_arxiv_id_in_brackets_as_the_tag_and_a_full_stop_after_a_plain_title() -> None:
    # 2026-12-01 (the eighteenth sweep): "- 【arXiv:1903.00100】Title. [[paper]](…)" was titled
    # "【" (the id is read as a link of its own): 100 entries of one list; "Title. [[paper]](…)"
    # kept the full stop in 57 titles of two lists ("U.S." keeps its own).
    parsed = parse(
        "## Recognition\n"
        "- 【arXiv:1903.00100】Appearance-based widget recognition in the compressed domain."
        " [[paper]](https://arxiv.org/pdf/1903.00100)\n\n"
        "  *Shaojie Xu, Anvaya Rai*\n"
        "- 【2019 TPAMI】Widget sign language translation."
        " [[paper]](https://ieeexplore.ieee.org/document/1)\n"
        "- Widgets in the U.S. [[paper]](https://ieeexplore.ieee.org/document/2)\n"
    )
    assert [(title, e.listed_authors, venue, year)
            for (_, title, venue, year, _), e in zip(rows(parsed), parsed.entries, strict=True)
            ] == [
        ("Appearance-based widget recognition in the compressed domain",
         "Shaojie Xu, Anvaya Rai", "arXiv", 2019),
        ("Widget sign language translation", None, "TPAMI", 2019),
        ("Widgets in the U.S.", None, None, None),
    ]  # fmt: skip
    assert parsed.entries[0].links[-1].url == "arXiv:1903.00100"  # the id stays a link of it


def test_a_bold_titled_paper_with_no_link_below_an_entry_is_reported_not_absorbed() -> None:
    # 2026-12-01 (the eighteenth sweep): "- **Title** — Authors. *Venue 2016*." with no link,
    # right below a linked entry, was taken for that entry's citation line: 33 papers of one
    # list in no entry and no problem, and one entry given the next paper's authors.
    parsed = parse(
        "## Format-based\n"
        "- **A reversible widget scheme using font type** — Rajeev Kumar et al. *ICCCA 2016*."
        " [[Paper]](https://doi.org/10.1109/CCAA.2016.7813878)\n"
        "- **Widget steganography using font attributes** — Bala Krishnan et al. *Security and"
        " Communication Networks 2016*.\n"
    )
    assert [(title, e.listed_authors) for (_, title, _, _, _), e in
            zip(rows(parsed), parsed.entries, strict=True)] == [
        ("A reversible widget scheme using font type", "Rajeev Kumar et al"),
    ]  # fmt: skip
    assert errors(parsed) == [(3, NO_LINK)]


def test_paragraphs_of_a_mark_and_a_link_named_by_a_short_name_and_its_venue() -> None:
    # 2026-12-01 (the eighteenth sweep): "❌[USDRL AAAI'2025](…)" (the mark says whether code
    # is out) gave 1 entry of 26, 19 papers in no entry and no problem; "[ATC'23]
    # [Title](usenix.org/…)" paragraphs were prose (5 papers of another list). A label whose
    # title is long keeps its venue as a reference does ("[Title, AAAI 2019](…)").
    parsed = parse(
        "## 2025\n\n"
        "❌[Heterogeneous CVPR'2025](https://openaccess.thecvf.com/content/CVPR2025/x.pdf)\n\n"
        "✅[USDRL AAAI'2025](https://ojs.aaai.org/index.php/AAAI/article/view/32899)"
        " [[code](https://github.com/x/usdrl)]\n\n"
        "✅[MS-CLR arxiv'2025](https://arxiv.org/abs/2508.14889)\n\n"
        "[ATC'23] [Accelerating Distributed Widget Training with Lina]"
        "(https://www.usenix.org/conference/atc23/presentation/li-jiamin)\n\n"
        "## Shared tasks\n"
        "- [Widget shared task at the Gender Bias in NLP Workshop 2019]"
        "(https://aclanthology.org/W19-3801/)\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Heterogeneous", "CVPR", 2025),
        ("USDRL", "AAAI", 2025),
        ("MS-CLR", "arXiv", 2025),
        ("Accelerating Distributed Widget Training with Lina", "ATC", 2023),
        ("Widget shared task at the Gender Bias in NLP Workshop 2019", None, None),
    ]
    assert parsed.problems == ()


def test_a_year_bullet_over_nested_papers_dates_them_and_is_no_citation_line() -> None:
    # 2026-12-01 (the eighteenth sweep): papers nested under "- 2024" had no year (58 of one
    # list), and the year bullet after a paper was taken for its citation line (the paper got
    # the next group's year).
    parsed = parse(
        "## Papers\n"
        "- 2024\n"
        "  - [Widget closures from density maps](https://example.org/a.pdf)\n"
        "  - [Widget maps](https://arxiv.org/abs/2401.00001)\n"
        "- 2023\n"
        "  - [Widget maps two](https://arxiv.org/abs/2301.00001)\n"
        "- Surveys\n"
        "  - [Widget maps three](https://arxiv.org/abs/2201.00001)\n"
    )
    assert [(title, year) for _, title, _, year, _ in rows(parsed)] == [
        ("Widget closures from density maps", 2024),
        ("Widget maps", 2024),
        ("Widget maps two", 2023),
        ("Widget maps three", None),
    ]


def test_one_word_tags_set_as_code_before_the_title() -> None:
    # 2026-12-01 (the eighteenth sweep): "- **`Learning`** **`RAL`** RINet: Title [`pdf`](…)"
    # kept the kind of method in all 58 titles of one list, and an unknown venue's acronym
    # ("`TRO`") in 18; "`Compiler` Romano, Alan, et al. …" gave the authors "Compiler Romano,
    # …". A code name before a colon is the work's name ("`aeon`: A toolkit for …").
    parsed = parse(
        "## 2024\n"
        "- **`Learning`** **`RAL`** RINet: Efficient Widget Place Recognition"
        " [`pdf`](https://ieeexplore.ieee.org/abstract/document/9712221)\n"
        "- **`Handcraft`** **`TRO`** RING++: Roto-Translation-Invariant Widget Gram"
        " [`pdf`](https://arxiv.org/abs/2210.05984)\n"
        "- `aeon`: A toolkit for machine learning from widgets [code](https://github.com/x/aeon)\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("RINet: Efficient Widget Place Recognition", "RAL", 2024),
        ("RING++: Roto-Translation-Invariant Widget Gram", "TRO", 2024),
        ("aeon: A toolkit for machine learning from widgets", None, 2024),
    ]


def test_a_venue_tag_in_brackets_after_a_plain_title() -> None:
    # 2026-12-01 (the eighteenth sweep): "* Title [ACL 2021 Long] [[__pdf__](…)]" kept the tag
    # in all 43 titles of one list (16 of them, under topic headings, had no venue or year).
    parsed = parse(
        "## Topics\n"
        "* Measuring Widget Relevance of Terms: A Core-Fringe Approach [ACL 2021 Long]"
        " [[__pdf__](https://arxiv.org/pdf/2105.13255.pdf)][[__code__](https://github.com/x/y)]\n"
        "* Widgets for spoken language understanding [Findings of ACL 2021]"
        " [[__pdf__](https://arxiv.org/pdf/2106.14464.pdf)]\n"
        "* Widget stuff explained [Tutorial] [[__pdf__](https://arxiv.org/pdf/2106.14465.pdf)]\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Measuring Widget Relevance of Terms: A Core-Fringe Approach", "ACL", 2021),
        ("Widgets for spoken language understanding", "Findings of ACL", 2021),
        ("Widget stuff explained [Tutorial]", None, None),
    ]


def test_the_venue_and_year_a_link_label_gives_below_the_title() -> None:
    # 2026-12-01 (the eighteenth sweep): "Title <br>" then "[arXiv 2016](…) / [Code](…)" gave no
    # venue or year for "arXiv 2016", "3DV 2021" and "Computer Graphics Forum 2021" (16
    # entries of one list) where "[CVPR 2021](…)" did.
    parsed = parse(
        "## Voxels\n"
        "- Generative Widget Modeling with Convolutional Networks <br>\n"
        "  [arXiv 2016](https://arxiv.org/abs/1608.04236) / [Code](https://github.com/a/b)\n"
        "- Widget Fields for 3D <br>\n"
        "  [3DV 2021](https://arxiv.org/abs/2101.04236) / [Code](https://github.com/a/c)\n"
        "- Widget Surfaces <br>\n"
        "  [Computer Graphics Forum 2021](https://onlinelibrary.wiley.com/doi/10.1111/cgf.1)\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Generative Widget Modeling with Convolutional Networks", "arXiv", 2016),
        ("Widget Fields for 3D", "3DV", 2021),
        ("Widget Surfaces", "Computer Graphics Forum", 2021),
    ]


def test_a_bold_name_a_colon_and_a_quoted_or_affiliated_title() -> None:
    # 2026-12-01 (the eighteenth sweep): '* **ProDA**: "Title", CVPR, 2022 (*Huawei*).' kept the
    # whole line as the title (37 entries of one list), "**ProReg**：Title(*University*)" (a
    # full-width colon) was titled "ProReg" with the university as its authors (34), and
    # "Title (*Salesforce AI*)" kept the affiliation (31).
    parsed = parse(
        "## Prompts\n"
        '* **ProDA**: "Prompt Distribution Widgets", CVPR, 2022 (*Huawei*).'
        " [[Paper](https://arxiv.org/abs/2205.03340)]\n"
        "* **ProReg**：Debiased Fine-Tuning of Widgets by Prompt Regularization(*Nanyang"
        " Technological University*)[[AAAI 2023](https://arxiv.org/abs/2301.12429)]\n"
        "* **XSGD**: Efficiently Enhancing Zero-Shot Widgets (*Salesforce AI*)"
        " [[Paper](https://arxiv.org/abs/2304.01234)]\n"
        '* **OrdinalCLIP**: "OrdinalCLIP: Learning Rank Widgets", NeurIPS, 2022'
        " [[Paper](https://arxiv.org/abs/2206.02338)]\n"
        # 2026-12-02 (the nineteenth sweep): the quotes hold the whole title; the bold short
        # name was put before it ("Gato: A Generalist Agent", 55 entries of one list)
        '* **Gato**: "A Generalist Widget", *TMLR, Nov 2022*. [[Paper](https://arxiv.org/abs/2205.06175)]\n'
    )
    assert [(title, e.listed_authors, venue, year)
            for (_, title, venue, year, _), e in zip(rows(parsed), parsed.entries, strict=True)
            ] == [
        ("Prompt Distribution Widgets", None, "CVPR", 2022),
        ("ProReg: Debiased Fine-Tuning of Widgets by Prompt Regularization", None, "AAAI", 2023),
        ("XSGD: Efficiently Enhancing Zero-Shot Widgets", None, None, None),
        ("OrdinalCLIP: Learning Rank Widgets", None, "NeurIPS", 2022),
        ("A Generalist Widget", None, "TMLR", 2022),
    ]  # fmt: skip


def test_a_title_with_an_empty_link_is_reported_in_a_section_of_them_all() -> None:
    # 2026-12-02 (the nineteenth sweep): "* [security] [Title]()." was reported in a section
    # that also linked papers, and dropped silently in one where every bullet was such a
    # placeholder (82 papers of one list, 25 sections); beside a link to notes in the list's
    # repository it was reported as "anchors inside the list".
    parsed = parse(
        "## S&P\n"
        "### 2024\n"
        "* [security] [Widget Attacks on Mempools](https://arxiv.org/abs/2407.03543).\n"
        "* [security] [Optimal Flexible Widget Consensus]().\n"
        "### 2023\n"
        "* [security] [Towards Understanding the Bugs in Widget Compilers]().\n"
        "* [security] [Three Birds with One Widget]() | **[MyTLDR](TLDR.md#23_8_27)**.\n"
        "## Links\n"
        "* [Coming soon]()\n"
        "* [Home]()\n"
    )
    assert [title for _, title, _, _, _ in rows(parsed)] == ["Widget Attacks on Mempools"]
    empty = "bullet has a title but its link is empty ([{}]()): a placeholder, not the work"
    assert errors(parsed) == [
        (4, empty.format("Optimal Flexible Widget Consensus")),
        (6, empty.format("Towards Understanding the Bugs in Widget Compilers")),
        (7, empty.format("Three Birds with One Widget")),
    ]


def test_a_venue_heading_over_year_headings_names_the_venue_of_its_papers() -> None:
    # 2026-12-02 (the nineteenth sweep): "## S&P" over "### sp2025", and "## ESEC/FSE" over
    # "### 2025": no venue reached the entries (304 of one list), nor the year of a year glued
    # to an abbreviation (145). "## GNN" over "### 2024" is a topic: the year only. "### arXiv"
    # over "#### 2018" names the preprint server.
    parsed = parse(
        "## S&P \n"
        "### sp2025\n"
        "* [security] [Asymmetric Widget Security](https://arxiv.org/pdf/2407.03543).\n"
        "## ESEC/FSE\n"
        "### 2025\n"
        "* [security] [Smart Widget Fuzzing](https://arxiv.org/pdf/2501.08834).\n"
        "## GNN\n"
        "### 2024\n"
        "* [Graph Widgets Are Fun](https://arxiv.org/pdf/2501.08835).\n"
        "## Preprints\n"
        "### arXiv\n"
        "#### 2018\n"
        "* [Point Widgets](https://arxiv.org/pdf/1801.08835).\n"
        "## Journals\n"
        "* [TOSEM] [sGuard+: Rule-based Widget Repair](https://dl.acm.org/doi/10.1145/3641846).\n"
        "* [sigmod23] [When Private Widgets Meet Databases](https://arxiv.org/pdf/2211.15163).\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Asymmetric Widget Security", "S&P", 2025),
        ("Smart Widget Fuzzing", "ESEC/FSE", 2025),
        ("Graph Widgets Are Fun", None, 2024),
        ("Point Widgets", "arXiv", 2018),
        ("sGuard+: Rule-based Widget Repair", "TOSEM", None),
        ("When Private Widgets Meet Databases", "sigmod", 2023),
    ]


def test_a_year_in_parentheses_then_a_colon_and_what_the_list_says_of_the_paper() -> None:
    # 2026-12-02 (the nineteenth sweep): "* [Title](…) (2001): Paxos is …" lost the year that
    # "[Title](…) (2001)" alone gives (21 of 31 entries of one list).
    parsed = parse(
        "## Basics\n"
        "* [Widgets Made Simple](http://x.org/w.pdf) (2001): Widgets are a protocol.\n"
        "* [Widgets at Scale](http://x.org/s.pdf) (OSDI 2006) - a store of widgets.\n"
        "* [Widgets Again](http://x.org/a.pdf) (2002)\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Widgets Made Simple", None, 2001),
        ("Widgets at Scale", "OSDI", 2006),
        ("Widgets Again", None, 2002),
    ]
    assert parsed.entries[0].description == "Widgets are a protocol"


def test_a_bold_title_italic_authors_then_the_venue_and_an_arxiv_id_with_its_classes() -> None:
    # 2026-12-02 (the nineteenth sweep): "N. **Title**, *Authors*, Venue, Year." put the
    # authors into the venue or the venue into the authors, or lost both (28 of 48 entries of
    # one list); "…, arXiv:2104.10013 [cs], 2021." gave neither venue nor year (19). Italics
    # that open inside a list of names are no boundary ("*Ann Lee/*, Bo Chen/*, Cy Dai*").
    parsed = parse(
        "## Libraries\n"
        "1. **DeepWidget: A Library for Solving Widget Equations**, *Lu Lu, Xuhui Meng, George"
        " Em Karniadakis*, SIAM Review, 2021. [[paper](https://epubs.siam.org/doi/10.1137/19M1)]\n"
        "1. **A widget-aware learning architecture**, *Amir Behjat, Chen Zeng, Rahul Rai*,"
        " Applied Soft Computing, 2020. [[paper](https://doi.org/10.1016/j.asoc.2020.106665)]\n"
        "1. **Parallel Widgets via Domain Decomposition**, *Khemraj Shukla, Ameya D. Jagtap*,"
        " arXiv:2104.10013 [hep-lat, physics:hep-ph, stat], 2021."
        " [[paper](https://arxiv.org/pdf/2104.10013)]\n"
        "1. **Widget flows** <br>\n"
        "*Mingdong Wu/*, Fangwei Zhong/*, Yulong Xia, Hao Dong* <br>\n"
        "NeurIPS 2022. [[Paper](https://arxiv.org/abs/2209.00853)]\n"
    )
    assert [(e.listed_title, e.listed_authors, e.listed_venue, e.listed_year)
            for e in parsed.entries] == [
        ("DeepWidget: A Library for Solving Widget Equations",
         "Lu Lu, Xuhui Meng, George Em Karniadakis", "SIAM Review", 2021),
        ("A widget-aware learning architecture", "Amir Behjat, Chen Zeng, Rahul Rai",
         "Applied Soft Computing", 2020),
        ("Parallel Widgets via Domain Decomposition", "Khemraj Shukla, Ameya D. Jagtap", "arXiv",
         2021),
        ("Widget flows", "Mingdong Wu, Fangwei Zhong, Yulong Xia, Hao Dong", "NeurIPS", 2022),
    ]  # fmt: skip


def test_a_citation_of_the_physical_sciences_on_the_line_below_the_linked_title() -> None:
    # 2026-12-02 (the nineteenth sweep): "1. [Title.](…)" then, indented below, "Names, &
    # Last Name, Journal **vol**(issue), pages (year)": the authors were never read, the
    # journal lost or glued to the names (46 of 48 papers of one list), the "[tag]" after the
    # year hid the year, and the label's closing full stop stayed in the title (37).
    parsed = parse(
        "## Reviews\n"
        "1. [Machine learning for molecular widgets.](https://www.nature.com/articles/s41586-018-0337-2)\n"
        "    K. T. Butler, D. W. Davies, O. Isayev, & A. Walsh, Nature **559**, 547–555 (2018)\n"
        "2. [Four generations of widget potentials](https://pubs.acs.org/doi/10.1021/acs.chemrev.0c00868)\n"
        "    J. Behler, Chemical Reviews **121**(16), 10037–10072 (2021)\n"
        "3. [Planning widget syntheses with deep networks.](https://www.nature.com/articles/nature25978)\n"
        "    Marwin H. S. Segler, Mike Preuss, & Mark P. Waller, Nature **555**, 604–610 (2018)"
        " [Reinforcement learning]\n"
        "4. [A roadmap on widgets in electronic structure.](https://iopscience.iop.org/article/10.1088/2516-1075/ac572f)\n"
        "    H. J. Kulik, T. Hammerschmidt, & L. M. Ghiringhelli, Electronic Structure **4**,"
        " 023004 (2022)\n"
    )
    assert [(e.listed_title, e.listed_authors, e.listed_venue, e.listed_year)
            for e in parsed.entries] == [
        ("Machine learning for molecular widgets",
         "K. T. Butler, D. W. Davies, O. Isayev, & A. Walsh", "Nature", 2018),
        ("Four generations of widget potentials", "J. Behler", "Chemical Reviews", 2021),
        ("Planning widget syntheses with deep networks",
         "Marwin H. S. Segler, Mike Preuss, & Mark P. Waller", "Nature", 2018),
        ("A roadmap on widgets in electronic structure",
         "H. J. Kulik, T. Hammerschmidt, & L. M. Ghiringhelli", "Electronic Structure", 2022),
    ]  # fmt: skip


def test_links_to_places_in_the_list_are_no_links_of_an_entry() -> None:
    # 2026-12-02 (the nineteenth sweep): "[Title](paper) - Authors, 2023 👉[Pangu](#pangu)" kept
    # "#pangu" among the paper's links, and a survey titled in a heading took the 28 anchors of
    # the table of contents below it (37 entries of five lists). They are ignored as anchors.
    parsed = parse(
        "## [A Survey of Widgets](https://arxiv.org/abs/2408.12171)\n"
        "- [Widgets](#widgets)\n"
        "- [Benchmarks](#benchmarks)\n"
        "## Widgets\n"
        "- [Accurate widget forecasting](https://www.nature.com/articles/s41586-023-06185-3)"
        " - Kaifeng Bi et al., 2023 👉[Pangu](#pangu)\n"
    )
    assert [links for _, _, _, _, links in rows(parsed)] == [
        ["https://arxiv.org/abs/2408.12171"],
        ["https://www.nature.com/articles/s41586-023-06185-3"],
    ]
    fates = {f.url: (f.fate, f.reason) for f in parsed.link_ledger}
    assert fates["#pangu"] == fates["#widgets"] == ("ignored", "anchor")


def test_a_first_author_with_a_middle_initial_before_et_al_stays_whole() -> None:
    # 2026-12-02 (the nineteenth sweep): "- Jonathan A. Weyn et al., 2019" after a linked title
    # was cut at the initial to "Weyn et al" (13 entries of five lists).
    parsed = parse(
        "## Weather\n"
        "- [Can Widgets Learn to Predict Weather?](https://doi.org/10.1029/2019MS001705)"
        " - Jonathan A. Weyn et al., 2019\n"
        "- [Accurate widget forecasting](https://www.nature.com/articles/s41586-023-06185-3)"
        " - Kaifeng Bi et al., 2023\n"
    )
    assert [(e.listed_authors, e.listed_year) for e in parsed.entries] == [
        ("Jonathan A. Weyn et al", 2019),
        ("Kaifeng Bi et al", 2023),
    ]


def test_a_year_and_a_long_journal_name_in_brackets_and_two_venues_with_their_years() -> None:
    # 2026-12-02 (the nineteenth sweep): "[2022 Current Opinion in Structural Biology] **Title**"
    # gave no venue or year where "[2021 Briefings in Bioinformatics]" did (a name of more
    # than three words), and "[1987 SOSP & 1988 TOCS]" kept the second year in the venue.
    parsed = parse(
        "## Reviews\n"
        "1. [2022 Current Opinion in Structural Biology] **Deep widget design: An overview**"
        " [[paper]](https://doi.org/10.1016/j.sbi.2021.10.001)\n"
        "2. [2021 Briefings in Bioinformatics] **Widget BERT** [[paper]](https://doi.org/10.1093/bib/bbab1)\n"
        "3. [1987 SOSP & 1988 TOCS] AFS: **Scale and performance in a distributed widget"
        " system**. [[PDF](https://dl.acm.org/doi/10.1145/35037.35059)]\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Deep widget design: An overview", "Current Opinion in Structural Biology", 2022),
        ("Widget BERT", "Briefings in Bioinformatics", 2021),
        ("Scale and performance in a distributed widget system", "SOSP & TOCS", 1987),
    ]


def test_italics_inside_a_bold_title_and_an_emoji_before_it_are_no_fields() -> None:
    # 2026-12-02 (the twentieth sweep): "**A Survey of *POI Recommendation* in Networks**" was
    # titled "A Survey of" and "***Group Widgets*: Survey**" "Survey" with the italics as its
    # authors (10 entries of one list); "**✨Title.**" (a list's mark for its own group's
    # papers) kept the mark (10 of another, 21 titles in all).
    parsed = parse(
        "## Surveys\n"
        "* [2002] ***Hybrid Widget Systems*: Survey and Experiments**. [[PDF](http://x.org/a.pdf)]\n"
        "* [2016] **A Survey of *Point-of-interest Widgets* in Social Networks**."
        " [[PDF](http://x.org/b.pdf)]\n"
        "8. **✨Learning Widget Matching and Related Problems.** IJCAI, 2020."
        " [paper](https://www.ijcai.org/proceedings/2020/0694.pdf)\n"
        "* 🕵🏻‍♀️ [RNA-Widget: Benchmarking RNA Widgets](https://arxiv.org/abs/2501.00001)\n"
    )
    assert [(e.listed_title, e.listed_authors, e.listed_year) for e in parsed.entries] == [
        ("Hybrid Widget Systems: Survey and Experiments", None, 2002),
        ("A Survey of Point-of-interest Widgets in Social Networks", None, 2016),
        ("Learning Widget Matching and Related Problems", None, 2020),
        ("RNA-Widget: Benchmarking RNA Widgets", None, None),
    ]


def test_a_dated_title_with_no_link_over_its_own_fields_is_reported() -> None:
    # 2026-12-02 (the twentieth sweep): "- [2010]. Factorization Machines" over "  - 简介：…"
    # (its summary) was taken for a group heading its sublist and dropped with no problem (5
    # papers of one list, 12 records of another); without the sub-bullet it was reported.
    parsed = parse(
        "## Classics\n"
        "- [2003]. Widget recommendations: Item-to-item collaborative filtering\n"
        "  - 简介：亚马逊提出经典的item-based协同过滤算法\n"
        "- [2010]. Factorization Widgets\n"
        "  - Summary: widgets in CTR\n"
        "- [2010]. Fast Context-aware Widgets\n"
        "- Surveys of widgets\n"
        "  - [Widget paper one](https://arxiv.org/abs/2001.00001)\n"
    )
    assert [title for _, title, _, _, _ in rows(parsed)] == ["Widget paper one"]
    assert [line for line, _ in errors(parsed)] == [2, 4, 6]


def test_a_venue_its_year_and_a_colon_then_its_workshop() -> None:
    # 2026-12-02 (the twentieth sweep): "**Title**. KDD 2017: Anomaly Detection in Finance ."
    # gave no venue or year (10 entries of one list) and "IJCAI 2020: AI in FinTech" the
    # venue "IJCAI : AI in FinTech" (35).
    parsed = parse(
        "## Fraud\n"
        "9. **Collective Widget Fraud Detection**. KDD 2017: Anomaly Detection in Finance ."
        " [paper](http://proceedings.mlr.press/v71/cao18a/cao18a.pdf)\n"
        "17. **Modeling the Widget Relation**. IJCAI 2020: AI in FinTech ."
        " [paper](https://www.ijcai.org/Proceedings/2020/0626.pdf)\n"
    )
    assert [(venue, year) for _, _, venue, year, _ in rows(parsed)] == [
        ("KDD: Anomaly Detection in Finance", 2017),
        ("IJCAI: AI in FinTech", 2020),
    ]


def test_a_badge_linking_somewhere_names_no_work() -> None:
    # 2026-12-02 (the twentieth sweep): "  - [![GitHub stars](shields.io/…)](repo)" below a paper
    # was an entry titled "GitHub stars" (50 of one list), and the lists' "[![Awesome](…)](…)"
    # and "[![Maintenance](…)](…)" badges were entries too (6 lists); "[![Star](…)](repo)
    # [**PP-OCRv5**](…)" was titled "Star". A badge's words name nothing: the link is a field
    # of the entry above, or the title is the next link's.
    parsed = parse(
        "# Widgets [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n"
        "## Models\n"
        "- [Widget paper](https://arxiv.org/abs/2001.00001)\n"
        "  - [![GitHub stars](https://img.shields.io/github/stars/a/b?style=social)](https://github.com/a/b)\n"
        "- [![Star](https://img.shields.io/github/stars/c/d.svg)](https://github.com/c/d)"
        " [**PP-Widget**](https://arxiv.org/abs/2001.00002)\n"
    )
    assert [(title, links) for _, title, _, _, links in rows(parsed)] == [
        ("Widget paper", ["https://arxiv.org/abs/2001.00001", "https://github.com/a/b"]),
        ("PP-Widget", ["https://github.com/c/d", "https://arxiv.org/abs/2001.00002"]),
    ]


def test_lines_of_references_each_linked_by_its_whole_citation_are_entries_each() -> None:
    # 2026-12-02 (the twentieth sweep): in a paragraph of "[n]. [whole reference](url)<br>"
    # lines, a line whose link is no paper's address ("…/download?doi=…&type=pdf") was taken
    # for the title line of the next and merged into it: its paper was lost (2 of one list).
    parsed = parse(
        "## Multi-agent\n"
        '[1]. [Crandall, Jacob W., and Michael A. Goodrich. "Learning to compete widgets in'
        ' repeated games." Proceedings of the 22nd international conference on Machine'
        " learning. ACM, 2005.]( http://citeseerx.ist.psu.edu/viewdoc/download?doi=10.1.1.448"
        ".8292&rep=rep1&type=pdf)<br>\n"
        '[2]. [Panait, Liviu, and Sean Luke. "Cooperative multi-widget learning: The state of'
        ' the art." Autonomous agents and multi-agent systems 11.3 (2005): 387-434.]'
        "( https://cs.gmu.edu/~eclab/papers/panait05cooperative.pdf)<br>\n"
    )
    assert [(line, title) for line, title, _, _, _ in rows(parsed)] == [
        (2, "Learning to compete widgets in repeated games"),
        (3, "Cooperative multi-widget learning: The state of the art"),
    ]


def test_a_list_marker_glued_to_a_link_is_warned_of() -> None:
    # 2026-12-02 (the twentieth sweep): "*[Title](…) - Authors" (no space after the marker) is
    # text GitHub joins to the item above: its paper was folded into that entry with nothing
    # reported (one list; three more lines of two others). A link set in italics is no marker.
    parsed = parse(
        "## Trading\n"
        "* [Deep Widget Networks in Trading](https://arxiv.org/abs/1809.01506) - Ann Lee (2018)\n"
        "*[Algorithmic Widgets on GPU](http://ceur-ws.org/Vol-2147/p09.pdf) - Bo Chen\n"
        "* [Widget](https://arxiv.org/abs/1809.01507)\n"
        "*[Italic widget title](https://arxiv.org/abs/1809.01508)*\n"
    )
    glued = "line starts with a list marker and no space ('*[…'): GitHub joins it to the item"
    assert [(p.line_no, p.severity) for p in parsed.problems if p.reason.startswith(glued)] == [
        (3, "warning")
    ]


def test_a_sub_bullet_of_reading_notes_in_chinese_is_a_link_of_the_paper() -> None:
    # 2026-12-02 (the twentieth sweep): "  - 阅读笔记：[Notes on DSSM](blog)" (reading notes) below
    # a paper was an entry of its own titled "阅读笔记：" (19 of one list) or by the note's link
    # text (3); like "笔记" (notes) and "博客" (blog) it is a link field of the paper above.
    parsed = parse(
        "## Matching\n"
        "- [2016]. [Deep Structured Widget Models](https://arxiv.org/abs/1606.07792)\n"
        "  - 简介：经典的Wide & Deep网络结构\n"
        "  - 阅读笔记：[深度语义模型DSSM](http://felixzhao.cn/Articles/article/4)\n"
    )
    assert [(title, links) for _, title, _, _, links in rows(parsed)] == [
        ("Deep Structured Widget Models",
         ["https://arxiv.org/abs/1606.07792", "http://felixzhao.cn/Articles/article/4"]),
    ]  # fmt: skip


def test_a_field_bullet_one_space_short_under_a_numbered_bold_title() -> None:
    # 2026-12-02 (the twentieth sweep): "10. **Title**" then "   - **Authors**: …" (three
    # spaces: too few under "10. ") and "    - **Year**: 2020" (GitHub runs it into the
    # authors' line): the paper was lost behind a false "links but no title" error (2 of 17).
    parsed = parse(
        "## Solar\n"
        "9. **A Widget Paper Nine**\n"
        "    - **Authors**: Ann Lee, Bo Chen\n"
        "    - **Year**: 2021\n"
        "    - **DOI**: [10.3390/en13246622](https://doi.org/10.3390/en13246622)\n"
        "10. **A Review on Widget Models for Forecasting Solar Irradiance**\n"
        "   - **Authors**: Rial A. Rajagukguk, Hyun-jin Lee\n"
        "    - **Year**: 2020\n"
        "    - **DOI**: [10.3390/en13246623](https://doi.org/10.3390/en13246623)\n"
    )
    assert [(e.listed_title, e.listed_authors, e.listed_year, [k.url for k in e.links])
            for e in parsed.entries] == [
        ("A Widget Paper Nine", "Ann Lee, Bo Chen", 2021, ["https://doi.org/10.3390/en13246622"]),
        ("A Review on Widget Models for Forecasting Solar Irradiance",
         "Rial A. Rajagukguk, Hyun-jin Lee", 2020, ["https://doi.org/10.3390/en13246623"]),
    ]  # fmt: skip
    assert not errors(parsed)


def test_scholar_citations_as_link_labels_an_arxiv_id_a_nickname_and_a_spaced_label() -> None:
    # 2026-12-02 (the twentieth sweep): '[… "Title." arXiv preprint arXiv:1906.07315 (2019).](…)'
    # was dated 1906 (the id's digits) with the venue "arXiv preprint arXiv:."; '[(MADDPG) Lowe,
    # Ryan, et al. "Title." …](…)' lost its authors to the list's nickname (7 of one list);
    # "[ AAMAS  2018 ](…)" (two spaces) gave no venue where "[ ICML 2018 ](…)" did.
    parsed = parse(
        "## Multi-agent\n"
        '- [Khadka, Shauharda, et al. "Evolutionary Widget Learning." arXiv preprint'
        " arXiv:1906.07316 (2019).](https://arxiv.org/abs/1906.07316)\n"
        '- [(MADDPG) Lowe, Ryan, et al. "Multi-agent actor-critic for widgets." Advances in'
        " Neural Information Processing Systems. 2017.](https://arxiv.org/abs/1706.02275)\n"
        "- **Value-Decomposition Widgets For Cooperative Learning**"
        " [ AAMAS  2018 ]( https://arxiv.org/pdf/1706.05296.pdf )\n"
    )
    assert [(e.listed_title, e.listed_authors, e.listed_venue, e.listed_year)
            for e in parsed.entries] == [
        ("Evolutionary Widget Learning", "Khadka, Shauharda, et al", "arXiv", 2019),
        ("Multi-agent actor-critic for widgets", "Lowe, Ryan, et al", None, 2017),
        ("Value-Decomposition Widgets For Cooperative Learning", None, "AAMAS", 2018),
    ]  # fmt: skip


def test_a_dataset_named_like_a_venue_and_year_in_a_dataset_column() -> None:
    # 2026-12-02 (the nineteenth sweep): "| [CLPsych 2015](…) | Depression | … |" under a
    # "Dataset" header read its name as a venue and a year, and the row was reported as
    # having no title (2 of one list).
    parsed = parse(
        "## Datasets\n"
        "| Dataset | Domain | Size | Link |\n"
        "|---|---|---|---|\n"
        "| [EATD](https://ieeexplore.ieee.org/abstract/document/9746569) | Depression | 162 |"
        " [github](https://github.com/a/b) |\n"
        "| [CLPsych 2015](https://aclanthology.org/W15-1204.pdf) | Depression | 1,746 |"
        " [github](https://github.com/clpsych/shared_task) |\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("EATD", None, None),
        ("CLPsych 2015", "CLPsych", 2015),
    ]
    assert not errors(parsed)


def test_bullets_that_name_the_lists_headings_are_its_contents_not_papers() -> None:
    # 2026-12-02 (the twentieth sweep): "This list covers:" then "- 召回排序算法" … (the titles of
    # its "# 2. 召回排序算法" sections, with no links) were reported as papers with no link (4
    # false errors of one list; one more list, 4).
    parsed = parse(
        "# Widgets\n"
        "This list covers:\n\n"
        "- Surveys of widgets\n"
        "- 召回排序算法\n\n"
        "# 1. Surveys of widgets\n"
        "- [2005]. [Toward widgets](https://arxiv.org/abs/2001.00001)\n"
        "- [2006]. A widget paper with no link\n\n"
        "# 2. 召回排序算法\n"
        "- [2010]. [Widget ranking](https://arxiv.org/abs/2001.00002)\n"
    )
    assert [title for _, title, _, _, _ in rows(parsed)] == ["Toward widgets", "Widget ranking"]
    assert [line for line, _ in errors(parsed)] == [9]


def test_names_written_with_combining_accents_are_read_as_github_shows_them() -> None:
    # 2026-12-02 (the twentieth sweep): "*Jaroslav Kuchar\u030c, Vojte\u030cch Sva\u0301tek*" (each
    # accent a combining mark after its letter, NFD) was no list of names: no authors.
    parsed = parse(
        "## Finance\n"
        "1. **Widget Mining for Finance**. [paper](https://arxiv.org/abs/2001.00009)\n\n"
        "    *Jaroslav Kuchar\u030c, Vojte\u030cch Sva\u0301tek*\n"
    )
    assert [e.listed_authors for e in parsed.entries] == ["Jaroslav Kuchař, Vojtěch Svátek"]


def test_authors_then_a_venue_no_list_knows_and_its_year() -> None:
    # 2026-12-02 (a leftover of the sweeps, measured on the kept lists): "[Title](…), B. Biggio,
    # Pattern Recognition 2018" and "**Title** — Khan Farhan Rafat. *International Conference on
    # Frontiers of Information Technology 2009*" had no authors (and the first no venue or
    # year): the venue is in no list of venues, so the names beside it were no reference's.
    parsed = parse(
        "## Papers\n"
        "- [Widgets in the wild](https://arxiv.org/abs/2001.00001), B. Biggio, Pattern"
        " Recognition 2018\n"
        "- [Widgets in the field](https://arxiv.org/abs/2001.00002), J. Smith, K. Jones,"
        " Geophysics 2019.\n"
        "- **Widgets at sea** — Mona Shirali-Shahreza. *International Conference on Frontiers of"
        " Widgets 2009*. [[Paper]](https://doi.org/10.1145/1838002.1838082)\n"
        "- [Widgets on land](https://www.aclweb.org/anthology/2020.gebnlp-1.7), Cercas Curry,"
        " Amanda and Robertson, Judy and Rieser, Verena 2020\n"
        "- (Widget Force) [Widget force model](https://arxiv.org/abs/2001.00003), Physics"
        " Review 1995.\n"
    )
    assert [(e.listed_authors, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("B. Biggio", "Pattern Recognition", 2018),
        ("J. Smith, K. Jones", "Geophysics", 2019),
        ("Mona Shirali-Shahreza", "International Conference on Frontiers of Widgets", 2009),
        # names written last name first: "Verena" is a given name, not a venue
        (None, None, None),
        # a nickname in parentheses before the title is no author
        (None, "Physics Review", 1995),
    ]


def test_a_table_of_papers_with_no_link_in_any_row_is_reported() -> None:
    # 2026-12-02 (the twenty-first sweep): "| 1 | SpGAT | Spectral Graph Attention Network | |"
    # alone under the header of the list's other tables of papers, and tables of a Korean list
    # whose rows had no link yet, were in no entry and no problem (9 papers of two lists); a
    # table of topics headed as a table of links is not a table of papers.
    parsed = parse(
        "## Spectral\n\n"
        "| Number | Nickname | Paper | Code |\n"
        "|---|---|---|---|\n"
        "| 1 | WidgetNet | [Widget networks](https://arxiv.org/abs/2001.00001) | |\n\n"
        "## Attention\n\n"
        "| Number | Nickname | Paper | Code |\n"
        "|---|---|---|---|\n"
        "| 1 | SpGAT | Spectral Widget Attention Network | |\n\n"
        "## Topics\n\n"
        "| Area | Topic |\n"
        "|---|---|\n"
        "| Widgets | [WidgetFL](https://arxiv.org/abs/2001.00002) |\n\n"
        "## Directions\n\n"
        "| Area | Topic |\n"
        "|---|---|\n"
        "| Deployment | Personalised widgets on confidential data |\n"
    )
    assert [title for _, title, _, _, _ in rows(parsed)] == ["Widget networks", "WidgetFL"]
    assert errors(parsed) == [(11, "table row has no link in any cell")]


def test_a_title_then_in_its_venue_and_year() -> None:
    # 2026-12-02 (the twenty-first sweep): "Title, in *Knowledge-Based Systems* 2022. [[Paper]](…)"
    # kept ", in Knowledge-Based Systems 2022" in the title (84 entries of a weather list; 16
    # more of two kept lists), "in *arXiv* 2022" was the venue "in arXiv" (78 + 12), and
    # "EarthNet2021: A … Dataset" lost its dataset's name to a venue "EarthNet".
    parsed = parse(
        "## Forecasting\n"
        "* Widgetcast: the spatiotemporal widget network for nowcasting, in *Knowledge-Based"
        " Systems* 2022. [\\[Paper\\]](https://www.sciencedirect.com/science/article/pii/S1)\n"
        "* WidgetCast: Learning Skillful Medium-Range Widget Forecasting, in *arXiv* 2022."
        " [\\[paper\\]](https://arxiv.org/abs/2212.12794)\n"
        "* WidgetNet2021: A Large-Scale Dataset for Widget Forecasting, in *Computer Vision and"
        " Pattern Recognition* 2021. [\\[Paper\\]](https://arxiv.org/abs/2104.10066)\n"
        "* CVPR2021: A Large-Scale Dataset of Widgets. [\\[Paper\\]](https://arxiv.org/abs/2104.10067)\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Widgetcast: the spatiotemporal widget network for nowcasting", "Knowledge-Based Systems",
         2022),
        ("WidgetCast: Learning Skillful Medium-Range Widget Forecasting", "arXiv", 2022),
        ("WidgetNet2021: A Large-Scale Dataset for Widget Forecasting",
         "Computer Vision and Pattern Recognition", 2021),
        ("A Large-Scale Dataset of Widgets", "CVPR", 2021),
    ]


def test_citations_after_the_link_as_nature_and_pubmed_write_them() -> None:
    # 2026-12-02 (the twenty-first sweep, a biomedical list): Nature's "Cite this article"
    # after the link ("Eraslan, G., Avsec, Ž., Gagneur, J. et al. Nat Rev Genet 20, 389–403
    # (2019).") had no authors and the venue "J. et al. Nat Rev Genet" (40 entries); PubMed's
    # "Quang D, Chen Y, Xie X. Bioinformatics, 2015, 31(5): 761-763." had the names in the
    # venue or nothing (8); "[ *** Title](…)" kept the list's mark for a key paper (10).
    parsed = parse(
        "## Genomics\n"
        "- [Deep widgets for genomics](https://www.nature.com/articles/s41576-019-0122-6)"
        " Eraslan, G., Avsec, Ž., Gagneur, J. et al. Nat Rev Genet 20, 389–403 (2019).\n"
        "- [Widgets of whole genomes](https://www.nature.com/articles/s41586-020-1969-6)"
        " Campbell, P.J., Getz, G. Nature 578, 82–93 (2020).\n"
        "- [ *** DANN: a widget approach](https://academic.oup.com/bioinformatics/article/31/5/1)"
        " Quang D, Chen Y, Xie X. Bioinformatics, 2015, 31(5): 761-763.\n"
        "- [Widgets in chemistry](https://arxiv.org/abs/1801.00002) K. T. Butler, D. W. Davies,"
        " & A. Walsh, Nature **559**, 547–555 (2018)\n"
        "- [Widget gestures](https://arxiv.org/abs/1011.00001) Harshith C, Karthik R. Shastry,"
        " Manoj Ravindran, arXiv 2010\n"
    )
    read = [(e.listed_title, e.listed_authors, e.listed_venue, e.listed_year)
            for e in parsed.entries]  # fmt: skip
    assert read == [
        ("Deep widgets for genomics", "Eraslan, G., Avsec, Ž., Gagneur, J. et al",
         "Nat Rev Genet", 2019),
        ("Widgets of whole genomes", "Campbell, P.J., Getz, G", "Nature", 2020),
        ("DANN: a widget approach", "Quang D, Chen Y, Xie X", "Bioinformatics", 2015),
        ("Widgets in chemistry", "K. T. Butler, D. W. Davies, & A. Walsh", "Nature", 2018),
        ("Widget gestures", "Harshith C, Karthik R. Shastry, Manoj Ravindran", "arXiv", 2010),
    ]


def test_journals_named_by_their_field() -> None:
    # 2026-12-02 (the twenty-first sweep): "[Title](…), Remote Sensing 2019." had no venue or
    # year (6 entries of one list, 4 of another): "Remote Sensing" reads as a person's name,
    # and its words were none a journal is named by.
    parsed = parse(
        "## Captioning\n"
        "* [Widget captions for satellites](https://www.mdpi.com/2072-4292/11/6/612), Remote"
        " Sensing 2019.\n"
        "* [Widgets for satellites](https://www.mdpi.com/2072-4292/11/6/613), Remote Sensing of"
        " Environment 2020.\n"
    )
    assert [(venue, year) for _, _, venue, year, _ in rows(parsed)] == [
        ("Remote Sensing", 2019),
        ("Remote Sensing of Environment", 2020),
    ]


def test_a_line_with_a_venue_and_year_heads_the_list_below_it() -> None:
    # 2026-12-02 (the twenty-first sweep, a legal NLP list): "NAACL 2021", "Findings of EMNLP
    # 2020" on a line of their own above each list of papers, as "####" headings would: the
    # papers had no venue or year (14 entries). A dated line that names no venue does not date
    # the list ("Updated in 2024.").
    parsed = parse(
        "## Papers\n\n"
        "NAACL 2021\n"
        "- Ann Lee, Bo Chen: [*Paragraph-level widgets*](https://arxiv.org/pdf/2103.13084.pdf)\n\n"
        "Findings of EMNLP 2020\n"
        "- Ann Lee, Bo Chen: [*Cross-lingual widgets*](https://arxiv.org/pdf/2103.13085.pdf)\n\n"
        "**ICML 2019**\n\n"
        "- Ann Lee, Bo Chen: [*Bold widgets*](https://arxiv.org/pdf/2103.13086.pdf)\n\n"
        "Updated in 2024.\n\n"
        "- Ann Lee, Bo Chen: [*Other widgets*](https://arxiv.org/pdf/2103.13087.pdf)\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Paragraph-level widgets", "NAACL", 2021),
        ("Cross-lingual widgets", "Findings of EMNLP", 2020),
        ("Bold widgets", "ICML", 2019),
        ("Other widgets", None, None),
    ]


def test_fields_labelled_in_chinese_say_where_and_when() -> None:
    # 2026-12-02 (the twenty-first sweep): "* 发表时间：2016" and "* 发表于：ICLR 2017" under a
    # "####" title were no fields: the venue was "发表时间：" (12 entries) or "发表于：arXiv"
    # (2); and "作者：Thomas N. Kipf, et al. (University of Amsterdam)" kept the affiliation.
    parsed = parse(
        "## Static graphs\n\n"
        "#### Semi-Supervised Classification with Widget Networks\n"
        "* 作者：Thomas N. Kipf, et al. (University of Amsterdam)\n"
        "* 发表时间：2016\n"
        "* 发表于：ICLR 2017\n"
        "* 链接：https://arxiv.org/pdf/1609.02907.pdf\n\n"
        "#### Temporal Widget Networks for Dynamic Graphs\n"
        "* 作者：Rossi, Emanuele, et al.（Twitter）\n"
        "* 发表时间：2020.6\n"
        "* 发表于：arXiv\n"
        "* 链接：https://arxiv.org/pdf/2006.10637.pdf\n"
    )
    assert [(e.listed_authors, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("Thomas N. Kipf, et al", "ICLR", 2016),
        ("Rossi, Emanuele, et al", "arXiv", 2020),
    ]


def test_a_heading_over_a_labelled_record_of_a_paper_is_an_entry_whatever_its_link() -> None:
    # 2026-12-02 (the twenty-first sweep): "#### Title" over "* 作者：…" and "* 链接：<a journal's
    # own site, deepai.org>" was in no entry and no problem (3 papers of one list): a heading is
    # an entry only when it links a paper, and those sites were none known for papers. And the
    # code bullet "* 是否有开源代码：有（https://github.com/a/b）" was an entry titled
    # "是否有开源代码：有（" linking "…/b）".
    parsed = parse(
        "## Dynamic graphs\n\n"
        "#### Evolving widget representation learning based on random walks\n"
        "* 作者： Farzaneh Heidari, et al.(York University)\n"
        "* 发表时间：2020\n"
        "* 链接：https://appliednetsci.springeropen.com/articles/10.1007/s41109-020-00257-3\n"
        "* 是否有开源代码：有（https://github.com/farzana0/EvoNRL）\n\n"
        "#### widget2vec\n"
        "* 作者： Palash Goyal, et al.\n"
        "* 概述：本文从知识的表示学习、**时态知识图谱**以及知识感知应用等方面做了阐述\n"
        "* 链接：https://deepai.org/publication/widget2vec\n"
    )
    assert rows(parsed) == [
        (3, "Evolving widget representation learning based on random walks", None, 2020,
         ["https://appliednetsci.springeropen.com/articles/10.1007/s41109-020-00257-3",
          "https://github.com/farzana0/EvoNRL"]),
        (9, "widget2vec", None, None, ["https://deepai.org/publication/widget2vec"]),
        # (and "概述：" (an overview) is a field: its bold words are no title of their own)
    ]
    assert not parsed.problems


def test_a_row_with_no_link_in_a_table_of_papers_with_no_title_column_is_reported() -> None:
    # 2026-12-02 (the twenty-first sweep): "| 1988 | Neural net modeling of music | No |" under
    # "Year | Articles, Thesis and Reports | Code" (no column named as the work's) had no title
    # to be read by, so no problem either (2 papers of one list; a kept list's "| 2023 | Gao
    # *et al.* | … |" rows, 5). Its cell of most words is the title of a paper that lost its
    # link, in a table of papers only: a table of milestones with no paper stays prose.
    parsed = parse(
        "## Summary\n\n"
        "| Year | Articles, Thesis and Reports | Code |\n"
        "|------|------------------------------|------|\n"
        "| 1988 | Neural widget modeling of music | No |\n"
        "| 1988 | [Creation by widget refinement](http://ieeexplore.ieee.org/doc/1) | No |\n"
        "\n## History\n\n"
        "| Year | Milestone | Meaning |\n"
        "|------|-----------|---------|\n"
        "| 2016 | OpenAI Widget Gym (Brockman et al.) | Widget environments became an API |\n"
    )
    assert [title for _, title, _, _, _ in rows(parsed)] == ["Creation by widget refinement"]
    assert errors(parsed) == [(5, "table row has no link in any cell")]


def test_whole_references_on_bullets_of_their_own_are_never_one_anothers_citation() -> None:
    # 2026-12-02 (the twenty-first sweep, a course's reading list): five APA references, one
    # a bullet each, the second with a bare "doi:": all five were one entry, the first's title
    # with the second's DOI (a paper's link given to another paper), and three were in no entry
    # and no problem. Kept lists had the same: "**Title** — Authors. *Venue 2021*." with no link
    # took the link of the paper below it; "[Title](papers/x.pdf) (1996) - Authors" (a link
    # inside the list's repository) was folded into the paper above it, unreported.
    parsed = parse(
        "## Week 10\n\n"
        "- Haythornthwaite, C. (1996). Widget network analysis: An approach and technique."
        " Library & Information Science Research, 18(4):323–342.\n"
        "- Grunspan, D. Z., Wiggins, B. L., & Goodreau, S. M. (2014). Understanding widgets"
        " through network analysis. CBE-Life Sciences Education, 13(2), 167–178."
        " doi:10.1187/cbe.13-08-0162\n"
        "- Oshima, J., Oshima, R., and Matsuzawa, Y. (2012). Widget building discourse explorer."
        " Educational Technology Research and Development, 60(5), 903–921.\n"
        "- [The Ubiquitous Widget](https://dl.acm.org/doi/pdf/10.1145/356770.356776) (1979) -"
        " Comer, Douglas.\n"
        "- [The Log-Structured Widget](papers/the-log-structured-widget.pdf) (1996) - O’Neil,"
        " Patrick, et al.\n"
    )
    assert rows(parsed) == [
        (4, "Understanding widgets through network analysis", "CBE-Life Sciences Education",
         2014, ["doi:10.1187/cbe.13-08-0162"]),
        (6, "The Ubiquitous Widget", None, 1979,
         ["https://dl.acm.org/doi/pdf/10.1145/356770.356776"]),
    ]
    assert [line for line, _ in errors(parsed)] == [3, 5, 7]


def test_references_with_no_link_under_a_group_or_long_are_reported() -> None:
    # 2026-12-02 (the twenty-first sweep, a course's reading list): "- Optional" over "  - Doe,
    # J. (2013). Title. Journal, 5(2), 1-10." (no link) took the reference for its field, and
    # a reference whose title ran on into "In Proceedings of … - LAK ’14, pages 226–230, …" was
    # a sentence: 4 papers in no entry and no problem. The linked sibling is an entry.
    parsed = parse(
        "## Week 7\n\n"
        "- Optional\n"
        "  - Suhirman, S., & Zain, J. M. (2014). [Widget Mining: A Review](http://journals.sfu.ca"
        "/i-jet/article/view/3950). *International Journal of Widgets*, 9(2).\n"
        "  - van De Sande, B. (2013). Properties of the bayesian widget tracing model. Journal"
        " of Educational Widget Mining, 5(2), 1-10.\n"
        "- Chen, B. and Resendes, M. (2014). Uncovering what matters: Analyzing transitional"
        " relations among widget types in widget-building discourse. In Proceedings of the"
        " Fourth International Conference on Widget Analytics And Knowledge - LAK ’14, pages"
        " 226–230, New York, New York, USA. ACM Press.\n"
    )
    assert [title for _, title, _, _, _ in rows(parsed)] == ["Widget Mining: A Review"]
    assert [line for line, _ in errors(parsed)] == [5, 6]


def test_a_venue_in_full_width_parentheses_after_the_title() -> None:
    # 2026-12-02 (the twenty-first sweep): "Title（ASPLOS'23) [link to paper](…)" kept
    # "（ASPLOS'23)" in the title, with no venue or year; all full-width, "（ASPLOS'23）" too.
    parsed = parse(
        "## Training\n"
        "- Optimus-CC: Efficient Widget Training with Compression（ASPLOS'23) [link to paper]"
        "(https://dl.acm.org/doi/pdf/10.1145/3575693.3575712)\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Optimus-CC: Efficient Widget Training with Compression", "ASPLOS", 2023),
    ]


def test_a_link_label_naming_the_work_then_its_authors_in_parentheses() -> None:
    # 2026-12-02 (the twenty-first sweep): "[MagBERT (Kumar et al.)](…)" was titled "MagBERT
    # (Kumar et al.)" with no authors (4 entries of a materials list, 1 of a kept list).
    parsed = parse(
        "| Model | Base | Date | Venue |\n"
        "|---|---|---|---|\n"
        "| [WidgetBERT (Kumar et al.)](https://www.sciencedirect.com/science/article/pii/S22)"
        " | BERT | 2024.08 | *Widgets Today Communications* |\n"
    )
    assert [(e.listed_title, e.listed_authors) for e in parsed.entries] == [
        ("WidgetBERT", "Kumar et al."),
    ]


def test_fields_labelled_in_korean() -> None:
    # 2026-12-02 (the twenty-second sweep): "- **저자**: K. He, …" and "- **학회/저널**: CVPR 2016"
    # under a "### 1. [Title](…)" heading were no fields (a field's label had to start with a
    # Latin or Chinese letter): 11 papers of a Korean list had no authors, venue or year.
    parsed = parse(
        "## 이미지 분야\n\n"
        "### 1. [Deep Residual Widget Learning](https://arxiv.org/abs/1512.03385) (ResNet)\n"
        "- **저자**: K. He, X. Zhang, S. Ren, J. Sun\n"
        "- **학회/저널**: CVPR 2016\n"
        "- **요약**: Skip connection을 도입하여 매우 깊은 신경망 학습을 가능하게 만든 구조.\n"
    )
    assert [(e.listed_authors, e.listed_venue, e.listed_year) for e in parsed.entries] == [
        ("K. He, X. Zhang, S. Ren, J. Sun", "CVPR", 2016),
    ]


def test_year_headings_at_the_top_level_or_with_a_colon() -> None:
    # 2026-12-02 (the twenty-second sweep): "# 2025:", "# 2024" (the list's years as top-level
    # headings) and "## 2024:" did not date the papers under them (14 entries of one list, 11
    # of a kept one); "# ICCV 2025 widget papers", a list's title, dates nothing.
    parsed = parse(
        "# 2024\n"
        "- [Widget driving one](https://arxiv.org/abs/2401.00001)\n\n"
        "## 2022:\n"
        "- [Widget driving two](https://arxiv.org/abs/2201.00002)\n"
    )
    assert [(title, year) for _, title, _, year, _ in rows(parsed)] == [
        ("Widget driving one", 2024),
        ("Widget driving two", 2022),
    ]
    titled = parse(
        "# ICCV 2025 widget papers\n- [Widget driving three](https://arxiv.org/abs/2301.00003)\n"
    )
    assert [(title, year) for _, title, _, year, _ in rows(titled)] == [
        ("Widget driving three", None),
    ]


def test_a_table_title_cell_led_by_a_bold_short_name() -> None:
    # 2026-12-02 (the twenty-second sweep): "| **FM**: Factorization Machines | ICDM'2010 |
    # [[pdf]](…) |" under a misspelt "Titile" header was titled "FM: Factorization Machines"
    # (37 entries of one list), where a bullet of the same shape drops the short name.
    parsed = parse(
        "| Titile | Booktitle | Resources |\n"
        "| --- | :---: | --- |\n"
        "| **FM**: Factorization Widgets | ICDM'2010 | [[pdf]](https://www.csie.ntu.edu.tw/fm.pdf)"
        " [[code]](https://github.com/coreylynch/pyFM) |\n"
    )
    assert [(title, venue, year) for _, title, venue, year, _ in rows(parsed)] == [
        ("Factorization Widgets", "ICDM", 2010),
    ]


def test_a_titles_full_stop_after_an_acronym_or_with_a_year_inside() -> None:
    # 2026-12-02 (the twenty-second sweep): "[… Late Interaction over BERT.](…)" and "[TREC 2019
    # News Track Overview.](…)" kept their full stops (one after capitals, read as an
    # initial's; one in a label with a year, read as a whole reference): 40 titles of 9 lists.
    parsed = parse(
        "## P\n"
        "- [Widget Search via Late Interaction over BERT.](https://arxiv.org/abs/2004.12832)\n"
        "- [TREC 2019 Widget Track Overview.](https://trec.nist.gov/pubs/trec28/OVERVIEW.pdf)\n"
        "- [Widgets for the U.S.](https://arxiv.org/abs/2004.12834)\n"
    )
    assert [title for _, title, _, _, _ in rows(parsed)] == [
        "Widget Search via Late Interaction over BERT",
        "TREC 2019 Widget Track Overview",
        "Widgets for the U.S.",
    ]


def test_authors_after_a_venue_tag_and_the_lists_name_for_the_work() -> None:
    # 2026-12-02 (the twenty-second sweep): '- [ICLR 2023] [Mole-BERT] Xia, Jun, et al.
    # "Title." …' had no authors (55 entries of one list, 1 of a kept list); with one tag only
    # they were read.
    parsed = parse(
        "## Pretraining\n"
        '- [ICLR 2023] [Mole-Widget] Xia, Jun, et al. "Mole-widget: Rethinking pre-training'
        ' widget networks for molecules." The Eleventh International Conference on Learning'
        " Representations. 2022. [[paper]](https://openreview.net/forum?id=jevY-DtiZTR)\n"
    )
    read = [(e.listed_title, e.listed_authors, e.listed_venue, e.listed_year)
            for e in parsed.entries]  # fmt: skip
    assert read == [
        ("Mole-widget: Rethinking pre-training widget networks for molecules",
         "Xia, Jun, et al", "ICLR", 2023),
    ]


def test_a_line_break_inside_a_table_cell_parts_its_words() -> None:
    # 2026-12-02 (the twenty-second sweep): "Nandor Licker, University of Cambridge<br>Andrew
    # Rice, …" in an Authors cell read "CambridgeAndrew" (19 entries of one list), and a kept
    # Korean list's venues "Advanced Science and<br>Technology Letters" read "andTechnology"
    # (28 entries): a "<br>" is a line break, read as a space as the others are.
    parsed = parse(
        "| Title | Authors | Venue |\n"
        "|---|---|---|\n"
        "| [Widget Build Rules](https://arxiv.org/abs/2001.00001) | Nandor Licker, University"
        " of Cambridge<br>Andrew Rice | Advanced Science and<br>Technology Letters 2016 |\n"
    )
    assert [(e.listed_authors, e.listed_venue) for e in parsed.entries] == [
        ("Nandor Licker, University of Cambridge Andrew Rice",
         "Advanced Science and Technology Letters"),
    ]


TABLE_OF_CONTENTS_BY_ADDRESS = (
    "# Awesome Widgets\n"
    "\n"
    "## Contents\n"
    "- [1. Surveys](https://github.com/someone/Awesome-Widget-Papers#1-surveys)\n"
    "- [2. Methods](https://github.com/someone/awesome-widget-papers#2-methods)\n"
    "  - [Graph Methods 🔥](https://github.com/someone/Awesome-Widget-Papers/blob/main/"
    "README.md#graph-methods-)\n"
    "\n"
    "## 1. Surveys\n"
    "- [A Survey of Widgets](https://arxiv.org/abs/2401.00001), 2024\n"
    "\n"
    "## 2. Methods\n"
    "### Graph Methods 🔥\n"
    "- [Graph Widgets](https://arxiv.org/abs/2401.00002)\n"
    "- [WidgetKit](https://github.com/other/widgetkit#usage) - a toolkit\n"
    "- [Awesome Gadgets, its surveys](https://github.com/other/awesome-gadgets#1-surveys)\n"
)


OWN_ADDRESSES = [
    None,
    "https://github.com/someone/Awesome-Widget-Papers",
    "https://github.com/someone/Widget-Papers-Renamed-Since",
]


@pytest.mark.parametrize("list_url", OWN_ADDRESSES)
def test_a_table_of_contents_by_the_lists_own_address_is_no_entry(list_url: str | None) -> None:
    # 2026-12-02 (the twenty-second sweep): a table of contents whose links are the list's own
    # address and a heading's anchor ("https://github.com/o/Awesome-X#1-surveys") made an entry
    # of every section (11 in one list whose repository was renamed since), and with it a
    # GitHub repository: the list's own, asked of GitHub as a work's code. Read from a file,
    # with no URL, every such table did. They are links within the list, as "#1-surveys" is;
    # a link to another repository's heading ("…/widgetkit#usage") is a link to a work.
    parsed = parse_list("shapes", TABLE_OF_CONTENTS_BY_ADDRESS.encode(), current_year=YEAR,
                        list_url=list_url)  # fmt: skip
    assert [(title, links) for _, title, _, _, links in rows(parsed)] == [
        ("A Survey of Widgets", ["https://arxiv.org/abs/2401.00001"]),
        ("Graph Widgets", ["https://arxiv.org/abs/2401.00002"]),
        ("WidgetKit", ["https://github.com/other/widgetkit#usage"]),
        ("Awesome Gadgets, its surveys", ["https://github.com/other/awesome-gadgets#1-surveys"]),
    ]
    ignored = [(f.line_no, f.reason) for f in parsed.link_ledger if f.fate == "ignored"]
    assert ignored == [(4, "anchor"), (5, "anchor"), (6, "anchor")]


def test_one_link_to_a_heading_of_another_repository_is_a_work() -> None:
    # One link to "#surveys" of a repository that is not the list's own is a work's section,
    # even where the list has a "Surveys" heading of its own: it takes two to name the list.
    parsed = parse(
        "## Surveys\n"
        "- [Awesome Gadgets](https://github.com/other/awesome-gadgets#surveys)\n"
    )
    assert [title for _, title, _, _, _ in rows(parsed)] == ["Awesome Gadgets"]


def test_authors_then_a_venue_in_bold_italics_and_a_year_on_the_line_below() -> None:
    # 2026-12-02 (the twenty-second sweep, left then): "* Authors, ***Venue***, Year" under a
    # bold title read the venue as the line's title and dropped it and the year (126 of 132
    # entries of one list); written plain, the authors were read into the venue; before a
    # venue the lists know ("***NeurIPS***"), the authors were dropped into the description.
    parsed = parse(
        "* **Widget Power Forecasting: A Survey** [[paper](https://ieeexplore.ieee.org/document/1)]\n"
        "  * Zhao, Shuai and Blaabjerg, Frede and Wang, Huai, ***IEEE Transactions on Power"
        " Electronics***, *2020*\n"
        "\n"
        "* **Widget Load Forecasting** [[paper](https://www.sciencedirect.com/science/article/pii/2)]\n"
        "  * D Kim, G Ryu, C Moon, B Kim, ***Applied Energy***, 2024\n"
        "\n"
        "* **Time-Widget: Forecasting by Reprogramming** [[paper](https://arxiv.org/abs/2310.01728)]\n"
        "  * Ming Jin, Shiyu Wang, Lintao Ma, ***ICLR***, 2024\n"
        "\n"
        "* **Widgets in Smart Grids** [[paper](https://ieeexplore.ieee.org/document/3)]\n"
        "  * Aslam, Sheraz and Herodotou, Herodotos, Renewable and Sustainable Energy Reviews,"
        " 2021\n"
        "\n"
        "* **Widget Lenat** [[paper](https://dl.acm.org/doi/4)]\n"
        "  * Communications of the ACM, 1995\n"
    )
    read = [(e.listed_authors, e.listed_venue, e.listed_year, e.description)
            for e in parsed.entries]  # fmt: skip
    assert read == [
        ("Zhao, Shuai and Blaabjerg, Frede and Wang, Huai",
         "IEEE Transactions on Power Electronics", 2020, None),
        ("D Kim, G Ryu, C Moon, B Kim", "Applied Energy", 2024, None),
        ("Ming Jin, Shiyu Wang, Lintao Ma", "ICLR", 2024, None),
        ("Aslam, Sheraz and Herodotou, Herodotos", "Renewable and Sustainable Energy Reviews",
         2021, None),
        (None, "Communications of the ACM", 1995, None),
    ]


def test_an_html_tables_header_names_its_venue_authors_and_year_columns() -> None:
    # 2026-12-02 (the twenty-second sweep, left then): an HTML <table> read each row's title and
    # links, but not the columns its <th> row names: "Pub." (66 entries of one list), "Venue"
    # (3 in two kept lists). A Markdown table's "Pub." header was no venue column either.
    parsed = parse(
        "<table>\n"
        "  <thead><tr><th>Year</th><th>Input</th><th>Paper Title</th><th>Authors</th>"
        "<th>Pub.</th></tr></thead>\n"
        "  <tbody>\n"
        "    <tr>\n"
        "      <td>2014</td>\n"
        "      <td>ASTER</td>\n"
        '      <td><a href="https://doi.org/10.3390/rs6065019">Object-based classification of'
        " summer widgets</a></td>\n"
        "      <td>Ann Lee, Bo Chen</td>\n"
        "      <td>Remote Sensing</td>\n"
        "    </tr>\n"
        "  </tbody>\n"
        "</table>\n"
        "\n"
        "<table>\n"
        '<tr><td><a href="https://arxiv.org/abs/2401.00001">A Widget Paper</a></td>'
        "<td>Remote Sensing</td></tr>\n"
        "</table>\n"
        "\n"
        "| Title | Pub. | Year |\n"
        "|---|---|---|\n"
        "| [Widget Crops](https://doi.org/10.1016/j.x.2017.1) | Science of the Total Environment"
        " | 2017 |\n"
    )
    read = listed(parsed, "title", "authors", "venue", "year")
    assert read == [
        ("Object-based classification of summer widgets", "Ann Lee, Bo Chen", "Remote Sensing",
         2014),
        ("A Widget Paper", None, None, None),  # no header: a cell names no column
        ("Widget Crops", None, "Science of the Total Environment", 2017),
    ]


def test_a_journal_in_sentence_case_with_its_year_volume_and_pages() -> None:
    # 2026-12-02 (the twenty-first sweep, left then): GB/T 7714 and Vancouver write a journal's
    # name in sentence case ("Human genetics, 2019, 138(2): 109-124"): its venue and year were
    # lost (8 entries of one list). The year, volume and pages say it is a journal; without
    # them a lower-case name is not read so ("Multi-lingual wav2vec 2.0" is a model's name).
    parsed = parse(
        "- [Translating widget genomics](https://link.springer.com/article/10.1007/s00439-1)"
        " Xu J, Yang P, Xue S, et al. Human genetics, 2019, 138(2): 109-124.\n"
        "- [Deep widgets](https://doi.org/10.1093/bib/1) Zhou J, Troyanskaya O G. Briefings in"
        " bioinformatics, 2018, 19(6): 1236-1246.\n"
        "- Multi-lingual wav2vec 2.0: [Cross-lingual widgets](https://arxiv.org/abs/2006.13979)"
        " - *A Conneau et al*, `arXiv 2020`\n"
    )
    read = listed(parsed, "authors", "venue", "year")
    assert read == [
        ("Xu J, Yang P, Xue S, et al", "Human genetics", 2019),
        ("Zhou J, Troyanskaya O G", "Briefings in bioinformatics", 2018),
        ("A Conneau et al", "arXiv", 2020),
    ]


def test_a_year_heading_over_venue_headings_dates_and_places_their_papers() -> None:
    # 2026-12-02 (the twenty-third sweep): "#### 2025" over "##### USENIX Security", "#####
    # NDSS" … gave 19 papers of a security list neither venue nor year: only the nearest
    # "####"-or-deeper heading was read. A venue heading with a year over it (or under it, as
    # before) is the papers' venue; "IEEE S&P (Oakland)" names S&P, and "FSE", "ICDCS", "DSN"
    # are venues by their names (14 papers of a smart-contract list, "## DSN" over "### 2020").
    parsed = parse(
        "## Security Conferences\n"
        "#### 2025\n"
        "##### USENIX Security\n"
        "- [Widget Fuzz](https://www.usenix.org/conference/usenixsecurity25/presentation/a)\n"
        "##### IEEE S&P (Oakland)\n"
        "- [Widget Attacks](https://ieeexplore.ieee.org/document/1)\n"
        "#### 2024\n"
        "##### FSE/ESEC\n"
        "- [Widget Smells](https://dl.acm.org/doi/10.1145/1)\n"
        "#### Tools\n"
        "- [Widget Kit](https://arxiv.org/abs/2401.00001)\n"
        "## DSN\n"
        "### 2020\n"
        "- [Widget Chains](https://ieeexplore.ieee.org/document/2)\n"
    )
    assert listed(parsed, "title", "venue", "year") == [
        ("Widget Fuzz", "USENIX Security", 2025),
        ("Widget Attacks", "IEEE S&P", 2025),
        ("Widget Smells", "FSE/ESEC", 2024),
        ("Widget Kit", None, None),  # "#### Tools" is no year's: the years end there
        ("Widget Chains", "DSN", 2020),
    ]


def test_a_venue_the_lists_know_on_the_line_below_a_linked_title_dates_it() -> None:
    # "* authors, ***ICCAD***, 2024" and "* Jinsung Jeon, JEONGHAK KIM, …, ***NeurIPS***, 2022"
    # under a linked bold title: the venue and year are the entry's, the rest its description.
    # Under a group line with no link, "DenseCAvoid, ICRA 2020" is a paper of the group, not
    # the group's venue: no entry, no false "no link" error for the group.
    parsed = parse(
        "* **Circuit Widgets** [[paper](https://2024.iccad.com/accepted-papers)]\n"
        "  * authors, ***ICCAD***, 2024\n"
        "- Constrained crowd navigation\n"
        "  - [Widget Navigation](https://arxiv.org/abs/2012.04406), ICRA 2021.\n"
        "  - DenseCAvoid, ICRA 2020.\n"
    )
    read = [(e.listed_title, e.listed_venue, e.listed_year, e.description)
            for e in parsed.entries]  # fmt: skip
    assert read == [
        ("Circuit Widgets", "ICCAD", 2024, "authors"),
        ("Widget Navigation", "ICRA", 2021, None),
    ]
    assert errors(parsed) == []


def test_a_journal_in_italics_with_its_year_in_parentheses_below_the_authors() -> None:
    # 2026-12-02 (the twenty-third sweep): "**Title**[[paper]](…)" / authors / "*Nature
    # Machine Intelligence (2022)*" lost the venue of 67 of 102 entries of a protein list: the
    # year parted from the name, which was then no longer the italic text. A name set in
    # italics with its year is a journal whatever its words ("*Proteins (2018)*", "*Cell
    # systems (2021)*").
    parsed = parse(
        "**Widget Models**[[paper]](https://www.nature.com/articles/s42256-022-00499-z)    \n"
        "Ferruz, N., Hocker, B      \n"
        "*Nature Machine Intelligence (2022)*   \n"
        "\n"
        "**Widget Folds**[[paper]](https://doi.org/10.1002/prot.1)  \n"
        "Ann Lee and Bo Chen.  \n"
        "*Proteins (2018)*\n"
        "\n"
        "**Widget Cells**[[paper]](https://doi.org/10.1016/j.cels.1)  \n"
        "Ann Lee and Bo Chen.  \n"
        "*Cell systems (2021)*\n"
    )
    read = listed(parsed, "authors", "venue", "year")
    assert read == [
        ("Ferruz, N., Hocker, B", "Nature Machine Intelligence", 2022),
        ("Ann Lee and Bo Chen", "Proteins", 2018),
        ("Ann Lee and Bo Chen", "Cell systems", 2021),
    ]


def test_an_algorithm_column_names_the_work_and_publication_by_a_link_column_the_venue() -> None:
    # 2026-12-02 (the twenty-third sweep): "| Space | Algorithm | Date | Publication | Paper
    # Link |" with every link labelled "Link" titled 24 rows by their first cell ("State
    # Space") and 31 by their venue ("RA-L", "TRO"; the venue lost): "Algorithm" names the
    # work, and "Publication" beside a "Paper Link" column is where it was published.
    parsed = parse(
        "| EN Space | Algorithm | Date | Publication | Paper Link | Code |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| State Space | OpenWidgets | 2020 | ICRA | [Link](https://ieeexplore.ieee.org/document/1)"
        " | [Link](https://github.com/rpng/open_widgets) |\n"
        "| State Space | Consistency of a Widget SLAM | 2017 | RA-L |"
        " [Link](https://ieeexplore.ieee.org/abstract/document/2) | --- |\n"
    )
    assert listed(parsed, "title", "venue", "year") == [
        ("OpenWidgets", "ICRA", 2020),
        ("Consistency of a Widget SLAM", "RA-L", 2017),
    ]


def test_a_link_label_ending_in_where_and_when_after_commas() -> None:
    # 2026-12-02 (the twenty-third sweep): "[Title, SIGMOD, 2008](…)" kept the venue and year
    # in the title (55 entries of a databases list), and "[Widget Nets, NeurIPS 2020](…)" was
    # read as a citation by surnames and its paper was silently lost. A year, a span of years
    # in a title ("…, 1929-1933"), a volume ("…, 227 (2020)") and a comma inside brackets
    # ("MiniMax-Speech (MiniMax, 2025)") are told apart.
    parsed = parse(
        "- [x] [OLTP Through the Widget Glass, and What We Found There, SIGMOD, 2008]"
        "(https://15721.courses.cs.cmu.edu/a.pdf)\n"
        "- [ ] [Orca: A Modular Widget Optimizer, 2014, SIGMOD](https://x.org/orca.pdf)\n"
        "- [ ] [Making-Widgets-Serializable, Alan Fekete, 2005](https://x.org/f.pdf)\n"
        "- [An Overview of Widget Optimization, PODS, 1998](https://x.org/o.pdf)\n"
        "- [Widget Nets, NeurIPS 2020](https://x.org/n.pdf)\n"
        "- [Widget Panics in a District Border, 1929-1933](https://x.org/p.pdf)\n"
        "- [MiniMax-Widget (MiniMax, 2025)](https://arxiv.org/abs/2505.07916)\n"
    )
    read = listed(parsed, "title", "authors", "venue", "year")
    assert read == [
        ("OLTP Through the Widget Glass, and What We Found There", None, "SIGMOD", 2008),
        ("Orca: A Modular Widget Optimizer", None, "SIGMOD", 2014),
        ("Making-Widgets-Serializable", "Alan Fekete", None, 2005),
        ("An Overview of Widget Optimization", None, "PODS", 1998),
        ("Widget Nets", None, "NeurIPS", 2020),
        ("Widget Panics in a District Border, 1929-1933", None, None, None),
        ("MiniMax-Widget (MiniMax, 2025)", None, None, None),
    ]


def test_a_paragraph_naming_where_and_when_or_who_and_when_is_a_paper_on_any_host() -> None:
    # 2026-12-02 (the twenty-third sweep): paragraphs "OSDI 2020, [Title](usenix.org)",
    # "[Title](computer.org) (IEEE S&P 25)" and "[Title](jneurosci.org)" over "by Helmstaedter
    # (2015)" were ignored as prose, their papers **silently lost** (5 + 12 of a kept list +
    # 17 + 6): only a link to a paper's host made a paragraph a paper. A venue and its year, or
    # an author and a year, beside a linked title name a work; a workshop announced "@ ICRA
    # 2021" or "ICLR 2021 workshop on [Topic](…)" is no paper.
    parsed = parse(
        "## Scheduling\n"
        "\n"
        "OSDI 2020, [FIRM: A Fine-grained Widget Manager](https://www.usenix.org/conference/"
        "osdi20/presentation/qiu)---Notes:[zhihu](https://zhuanlan.zhihu.com/p/2)\n"
        "\n"
        "[Stateful Fuzzing of Widget Firmware](https://www.computer.org/csdl/proceedings-article/"
        "sp/2025/1) (IEEE S&P 25)\n"
        "\n"
        "[Connectomic widget reconstruction](https://www.jneurosci.org/content/35/1/1)\n"
        "by Helmstaedter (2015)\n"
        "\n"
        "[On Widgets](https://numenta.com/on-widgets)\n"
        "by Hawkins & Blakeslee (2004) - a book about widgets\n"
        "\n"
        "[Social Widgets in Humans and Robots](https://social-widgets.github.io/) @ ICRA 2021\n"
        "\n"
        "ICLR 2021 workshop on [Embodied Widget Learning](https://eml-workshop.github.io/).\n"
    )
    read = listed(parsed, "title", "authors", "venue", "year")
    assert read == [
        ("FIRM: A Fine-grained Widget Manager", None, "OSDI", 2020),
        ("Stateful Fuzzing of Widget Firmware", None, "IEEE S&P", 2025),
        ("Connectomic widget reconstruction", "Helmstaedter", None, 2015),
        ("On Widgets", "Hawkins & Blakeslee", None, 2004),
    ]


def test_a_references_key_before_its_title_is_no_venue() -> None:
    # 2026-12-02 (the twenty-third sweep): "[Degrave2022]Title[J]. Nature, 2022, …" read the
    # key as the venue "Degrave" (48 entries of a fusion list): a name glued to a year that no
    # venue is named by is a reference's key; "[CVPR2023] Title" stays a venue's tag.
    parsed = parse(
        "[Degrave2022]Magnetic control of tokamak widgets[J]. Nature, 2022, 602(7897): 414-419."
        "[DOI](https://www.nature.com/articles/s41586-021-04301-9)\n"
        "\n"
        "- [Paruchuri2025] Density regulation of widgets using a safe controller. Fusion"
        " Engineering and Design, 2025, 216, 115064. [DOI](https://doi.org/10.1016/j.f.1).\n"
        "- [CVPR2023] Widget Detection in the Wild. [paper](https://arxiv.org/abs/2301.00001)\n"
    )
    assert listed(parsed, "venue", "year") == [
        ("Nature", 2022), ("Fusion Engineering and Design", 2025), ("CVPR", 2023),
    ]


def test_a_footnote_whose_note_is_no_address_is_no_link() -> None:
    # 2026-12-02 (the twenty-third sweep): "| [^1] | [Title](arXiv) |" with "[^1]: 选择架构的研究"
    # below gave each of 11 entries a "link" to its Chinese note (Markdown without footnotes
    # reads "[^1]: …" as a link's definition). A note with no address is GitHub's footnote; a
    # footnote whose note is an address stays the link it names.
    parsed = parse(
        "| No. | Title |\n"
        "|---|---|\n"
        "| [^1] | [Choice Widgets and Selection Bias](http://arxiv.org/abs/2308.13496) |\n"
        "\n"
        "- A survey of widgets [^2]\n"
        "\n"
        "[^ back to top](#table-of-contents)\n"
        "\n"
        "[^1]: 选择架构、隐私估值和顾客数据选择偏差的研究\n"
        "[^2]: https://arxiv.org/abs/2401.00001\n"
    )
    assert [[k.url for k in e.links] for e in parsed.entries] == [
        ["http://arxiv.org/abs/2308.13496"], ["https://arxiv.org/abs/2401.00001"],
    ]
    assert [f.url for f in parsed.link_ledger] == [
        "http://arxiv.org/abs/2308.13496", "https://arxiv.org/abs/2401.00001",
        "#table-of-contents", "https://arxiv.org/abs/2401.00001",
    ]


def test_a_tag_in_code_after_the_venue_is_a_field_of_its_own() -> None:
    # 2026-12-02 (the twenty-third sweep): "_EuroSys '20_ `[Google]`" read the venue
    # "EuroSys Google" (21 of 21 entries of a systems list), "(ICML 2021) `[Meta]`" read "ICML )
    # Meta", and "*A Baevski et al*, `arXiv 2019, ICLR 2020`" lost its authors: a span of code
    # that is a tag or a date is a field of its own; a nickname in code stays where it is.
    parsed = parse(
        "- [**Autopilot: Widget Autoscaling**](https://dl.acm.org/doi/10.1145/1), _EuroSys '20_"
        " `[Google]`\n"
        "- [A Widget Paper](https://x.org/a) (ICML 2021) `[Meta]`\n"
        "- [vq-widget: Discrete Widgets](https://arxiv.org/abs/1910.05453) - *A Baevski et al*,"
        " `arXiv 2019, ICLR 2020`\n"
        "- [Widget Scaling at Scale](https://dl.acm.org/doi/10.1145/2) <br> Ann Lee, Bo Chen <br>"
        " _OSDI '23_ `[Meta]`\n"  # over lines (hard breaks), as on one
    )
    read = listed(parsed, "authors", "venue")
    assert read == [
        (None, "EuroSys"), (None, "ICML"), ("A Baevski et al", "ICLR"),
        ("Ann Lee, Bo Chen", "OSDI"),
    ]


def test_a_title_ending_in_its_venue_and_year_in_parentheses() -> None:
    # 2026-12-02 (the twenty-third sweep): "[Widget KB for Healthcare (KDD'22)](…)" in a
    # table (14 of 14 entries of a healthcare list) and "#### 🧾 Kitsune: … (NDSS 2018)" over
    # its fields (6 of 6 of a security list) kept the venue in the title and had none. A
    # dataset's name ("(HOPV15)"), a remark and a year alone are left as they were, and so is
    # a row that links only to a place in the list.
    parsed = parse(
        "| Title | Data |\n"
        "|---|---|\n"
        "| [Widget KB for Healthcare (KDD'22)](https://arxiv.org/abs/2201.00001) | MIMIC |\n"
        "| [The Widget Schema Challenge (WSC, AAAI workshop, 2011)](#WSC) | English |\n"
        "\n"
        "#### 🧾 Kitsune: An Ensemble of Widget Autoencoders (NDSS 2018)\n"
        "\n"
        "- **Link**: [Paper](https://www.ndss-symposium.org/kitsune)\n"
        "\n"
        "## More\n"
        "- [A Widget Paper (CVPR21)](https://x.org/w.pdf)\n"
        "- [Widget dataset (HOPV15)](https://x.org/h.pdf)\n"
        "- [Widget (Extended Abstract)](https://x.org/e.pdf)\n"
    )
    read = listed(parsed, "title", "venue", "year")
    assert read == [
        ("Widget KB for Healthcare", "KDD", 2022),
        ("Kitsune: An Ensemble of Widget Autoencoders", "NDSS", 2018),
        ("A Widget Paper", "CVPR", 2021),
        ("Widget dataset (HOPV15)", None, None),
        ("Widget (Extended Abstract)", None, None),
    ]
    assert errors(parsed) == []


def test_a_reference_with_no_link_set_as_references_set_it_is_reported() -> None:
    # 2026-12-02 (the twenty-third sweep): ACM's "M. Carvalho and D. F. Macedo. 2021. Title.
    # In 2021 IFIP/IEEE Int. Symposium …" paragraphs with no link were read as prose, their
    # papers **silently lost** (8 of a cloud list; 4 of a kept quantum-RAM list: "Title. Ann
    # Lee. 2008. PRL."). A year set apart as references set it makes them papers with no link
    # (reported); prose that cites "Yamins et al. (2014)" stays prose.
    parsed = parse(
        "## Papers\n"
        "\n"
        "M. Carvalho and D. F. Macedo. 2021. QoE-Aware Widget Scheduler for Co-located Cloud"
        " Environments. In 2021 IFIP/IEEE Int. Symposium on Integrated Network Management (IM)."
        " 286-294.\n"
        "\n"
        "Quantum Random Access Widgets. Vittorio Giovannetti, Seth Lloyd, and Lorenzo Maccone."
        " 2008. PRL. 4 pages.\n"
        "\n"
        "Following the task-driven approach of Yamins et al. (2014) and Kell et al. (2018), this"
        " study optimised a variety of deep widgets.\n"
    )
    assert parsed.entries == ()
    assert [line for line, _ in errors(parsed)] == [3, 5]


def test_a_manubot_reference_keeps_its_lines_apart_and_its_doi_line() -> None:
    # 2026-12-02 (the twenty-third sweep): Manubot's "**Title**" / authors / "*Journal*,
    # November 2012, <short DOI>" / "DOI: [10.1021/…](…) · PMID: […](…)" made the DOI line an
    # entry of its own ("no title": 20 false errors of one list) and glued the lines of the
    # rest ("Gianluca MollaBioinformatics"): the lines are read apart, the DOI line is the
    # entry's, and the month is the date's, not the journal's.
    parsed = parse(
        "**The Widget Imager: a tool**   \n"
        "Gianluca Tomasello, Ilaria Armenia, Gianluca Molla  \n"
        "*Bioinformatics*, January 2020, <https://doi.org/gqhbf2>   \n"
        "DOI: [10.1093/bioinformatics/btaa009](https://doi.org/10.1093/bioinformatics/btaa009)"
        " · PMID: [31999325](https://www.ncbi.nlm.nih.gov/pubmed/31999325)\n"
        "\n"
        "**Enumeration of 166 Billion Widgets**   \n"
        "Lars Ruddigkeit, Ruud van Deursen, Lorenz C. Blum  \n"
        "*Journal of Chemical Information and Modeling*, November 2012, <https://doi.org/f4d9mt>"
        "   \n"
        "DOI: [10.1021/ci300415d](https://doi.org/10.1021/ci300415d)\n"
    )
    read = [(e.listed_authors, e.listed_venue, e.listed_year, len(e.links))
            for e in parsed.entries]  # fmt: skip
    assert read == [
        ("Gianluca Tomasello, Ilaria Armenia, Gianluca Molla", "Bioinformatics", 2020, 3),
        ("Lars Ruddigkeit, Ruud van Deursen, Lorenz C. Blum",
         "Journal of Chemical Information and Modeling", 2012, 2),
    ]
    assert errors(parsed) == []


def test_a_reference_of_authors_title_venue_and_year_parted_by_commas() -> None:
    # 2026-12-02 (the twenty-third sweep): "Leslie Pack Kaelbling, Michael L. Littman, Andrew
    # W. Moore, Reinforcement Learning: A Survey, JAIR, 1996. [[Paper]](…)" kept the authors
    # and the venue in the title (11 entries of a reinforcement-learning list). The names come
    # off where a title starts; a title's own first clause ("One Model, One World: …", "Eigen
    # et al, Predicting Depth, Surface Normals …") and a name list cut by a full stop stay.
    parsed = parse(
        " - Leslie Pack Kaelbling, Michael L. Littman, Andrew W. Moore, Reinforcement Widgets: A"
        " Survey, JAIR, 1996. [[Paper]](https://www.jair.org/media/301/live-301-1562-jair.pdf)\n"
        " - Jens Kober, J. Andrew Bagnell, Jan Peters, Widget Learning in Robotics, A Survey,"
        " IJRR, 2013. [[Paper]](https://x.org/k.pdf)\n"
        " - Richard Sutton and Andrew Barto, Widget Learning: An Introduction"
        " [[Book]](https://x.org/b.pdf)\n"
        " - Min Li, Defeng Sun, and Kim Chuan Toh, “A convergent 3-block widget,” Asia-Pacific"
        " Journal of Operational Research, 2015. [[paper]](https://x.org/m.pdf)\n"
        " - [2] Eigen et al, Predicting Depth, Surface Normals and Semantic Widgets with a Common"
        " Architecture, ICCV 2015, [Web](https://cs.nyu.edu/~deigen/dnl/)\n"
    )
    read = listed(parsed, "title", "authors", "venue", "year")
    assert read[:4] == [
        ("Reinforcement Widgets: A Survey",
         "Leslie Pack Kaelbling, Michael L. Littman, Andrew W. Moore", "JAIR", 1996),
        ("Widget Learning in Robotics, A Survey", "Jens Kober, J. Andrew Bagnell, Jan Peters",
         "IJRR", 2013),
        ("Widget Learning: An Introduction", "Richard Sutton and Andrew Barto", None, None),
        ("A convergent 3-block widget", "Min Li, Defeng Sun, and Kim Chuan Toh",
         "Asia-Pacific Journal of Operational Research", 2015),
    ]
    assert read[4][0].startswith("Predicting Depth, Surface Normals")


def test_an_authors_affiliation_in_parentheses_is_no_part_of_the_list() -> None:
    # 2026-12-02 (the twenty-third sweep): "Younggi Park (Korea University), Hwiwon Lee (Korea
    # University)" kept the affiliations in the authors (28 entries of a security list; 40 of
    # a kept agents list, "Felix Hill(University of Cambridge) et al"). A parenthesis that
    # names an organisation goes; a nickname ("Duen Horng (Polo) Chau") stays.
    parsed = parse(
        "| Year | Paper |\n"
        "|---|---|\n"
        "| 2024 | [**Widget Root Causes**](https://x.org/a.pdf)<br>Younggi Park (Korea"
        " University), Hwiwon Lee (Friedrich-Alexander-Universität Erlangen-Nürnberg),"
        " Huy Kang Kim (Korea University) |\n"
        "\n"
        "- [Widget Agents](https://arxiv.org/abs/2401.00001) - Felix Hill(University of"
        " Cambridge) et al\n"
        "- [Widget Detectives](https://x.org/d.pdf) - Ann Lee, Duen Horng (Polo) Chau\n"
    )
    assert [e.listed_authors for e in parsed.entries] == [
        "Younggi Park, Hwiwon Lee, Huy Kang Kim", "Felix Hill et al",
        "Ann Lee, Duen Horng (Polo) Chau",
    ]


def test_a_journal_named_by_an_abbreviation_then_its_year() -> None:
    # 2026-12-02 (the twenty-third sweep): "**Title.** Nat. Methods 2019." lost its venue and
    # year (9 entries of a single-cell list; "Nat. Reviews Genetics" read "Reviews
    # Genetics"). A nickname before a venue ("Mimic. CVPR 2017") and "Diss. 2016" stay as
    # they were read.
    parsed = parse(
        "1. **DCA: Widget denoising with a deep count autoencoder.** Nat. Methods 2019."
        " [paper](https://www.nature.com/articles/s41467-018-07931-2.pdf)\n"
        "1. **Deep widgets for genomics.** Nat. Reviews Genetics 2018. [paper](https://x.org/a)\n"
        "1. **Mimicking Widget Detectors.** Mimic. CVPR 2017. [paper](https://x.org/m)\n"
    )
    assert listed(parsed, "venue", "year") == [
        ("Nat. Methods", 2019), ("Nat. Reviews Genetics", 2018), ("CVPR", 2017),
    ]


def test_a_venue_and_year_before_a_titled_link_are_no_title() -> None:
    # 2026-12-02 (the twenty-third sweep): "Euro-Par 2022, [Title](…)" took "Euro-Par 2022"
    # for the title (3 entries of a cloud list; a venue no list of venues knows). Before a
    # link labelled "[[link]]", or after a person's name, the text stays the title.
    parsed = parse(
        "## Papers\n"
        "\n"
        "Euro-Par 2022, [Multi-objective Hybrid Autoscaling of Widgets](https://dl.acm.org/doi/"
        "abs/10.1007/978-3-031-12597-3_15)---Notes:[Markdown](https://x.org/n)\n"
        "\n"
        "- AutoSimTrans 2020, [[link]](https://autosimtrans.github.io/), [[paper]]"
        "(https://www.aclweb.org/anthology/2020.autosimtrans-1.pdf)\n"
    )
    assert listed(parsed, "title", "venue", "year") == [
        ("Multi-objective Hybrid Autoscaling of Widgets", "Euro-Par", 2022),
        ("AutoSimTrans 2020", None, None),
    ]


def test_an_abbreviated_journal_after_a_dash_is_the_venue() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "[Title](…) - J. Chem. Inf. Model. 2015" lost its
    # venue (and "- Nat. Methods 2019" its year too): the dash cut the abbreviation's words
    # into pieces ("Nat", "Methods 2019"). Read as "**Title.** Nat. Methods 2019." was.
    parsed = parse(
        "- [Widget docking for everyone](https://doi.org/10.1021/acs.jcim.5b00559)"
        " - J. Chem. Inf. Model. 2015\n"
        "- [Deep widgets in cells](https://doi.org/10.1038/s41592-019-0001-2) - Nat. Methods 2019\n"
        "- [Widgets, reviewed](https://doi.org/10.1038/s41592-019-0001-3) — Sci. Rep. 2020.\n"
        "- [Another widget paper](https://x.org/w) - J. Smith 2015\n"
    )
    assert listed(parsed, "venue", "year", "authors") == [
        ("J. Chem. Inf. Model", 2015, None),
        ("Nat. Methods", 2019, None),
        ("Sci. Rep", 2020, None),
        (None, None, None),  # a person's initial is no journal's abbreviation
    ]


def test_a_dataset_named_like_a_venue_is_no_venue_of_its_own() -> None:
    # 2026-12-02 (the twenty-fourth sweep, from the twenty-third's code-span fix): "[ZINC
    # 15](…) `ZINC 15`" read the venue ZINC of 2015 and "[MOSES](…) `MOSES 2020`" the venue
    # MOSES: a "venue" that is the entry's own name names the dataset (its version, or the
    # year stays: its release's). A known venue's own page keeps it; so does a workshop's
    # volume named with its full year.
    parsed = parse(
        "- [ZINC 15](https://zinc15.docking.org/) `ZINC 15` A free database of compounds.\n"
        "- [MOSES](https://github.com/molecularsets/moses) `MOSES 2020` A benchmark.\n"
        "- [CVPR 2023](https://cvpr2023.thecvf.com/) `CVPR 2023` The conference.\n"
        "- [BioNLP 2019: Proceedings of the Widget Workshop](https://aclanthology.org/W19-50/)"
        " BioNLP 2019\n"
    )
    assert listed(parsed, "venue", "year") == [
        (None, None), (None, 2020), ("CVPR", 2023), ("BioNLP", 2019),
    ]


def test_a_paragraph_paper_with_labelled_lines_and_no_link_is_reported() -> None:
    # 2026-12-02 (the twenty-third sweep's leftover): a Chinese list wrote each paper as a
    # bold title over "作者：…" and "会议：…" lines with no link; 10 papers were in no entry and
    # no problem, the labels read as words of one venue ("作者：张三, 李四 会议：CVPR"). The
    # labelled lines are the paper's fields, so the paragraph reads as a paper that lost its
    # link. A note under a bold heading stays prose.
    parsed = parse(
        "## 2021\n"
        "\n"
        "**Widget Networks for Graph Learning**\n"
        "作者：张三，李四\n"
        "会议：CVPR 2021\n"
        "\n"
        "**Deep Widget Transformers**  \n"
        "Authors: Ann Smith, Bo Chen  \n"
        "Conference: NeurIPS 2020\n"
        "\n"
        "**A note on this list**\n"
        "We collect widget papers here. Contributions welcome.\n"
    )
    no_link = NO_LINK.replace("bullet", "paragraph")
    assert errors(parsed) == [(3, no_link), (7, no_link)]
    assert parsed.entries == ()


def test_a_dated_venue_in_parentheses_and_a_journal_named_like_a_person_before_the_link() -> None:
    # 2026-12-02 (the twenty-third sweep's leftovers): "(2025.09 Science Robotics) [Title](…)"
    # lost its venue and year (4 entries of a robotics list; "(2024.05 ICRA)" was read), and
    # "Cluster Computing 2019, [Title](…)" took the journal for the title: its two capitalised
    # words read as a person's name. A person's name and year before the link stay as read.
    parsed = parse(
        "- (2025.09 Science Robotics) [Widget hands that grasp](https://www.science.org/doi/"
        "10.1126/scirobotics.adj0001)\n"
        "- Cluster Computing 2019, [Widget clusters for everyone](https://link.springer.com/"
        "article/10.1007/s10586-019-00001-1)\n"
        "- Euro-Par 2022, [Widget autoscaling for clouds](https://doi.org/10.1007/978-3-031-12597-3_15)\n"
    )
    assert listed(parsed, "title", "venue", "year") == [
        ("Widget hands that grasp", "Science Robotics", 2025),
        ("Widget clusters for everyone", "Cluster Computing", 2019),
        ("Widget autoscaling for clouds", "Euro-Par", 2022),
    ]


def test_authors_with_their_affiliations_are_the_names_alone() -> None:
    # 2026-12-02 (the twenty-third sweep's leftovers): "Name (University of Widgets (UW))" put
    # the whole author list into the venue (3 entries: the acronym's parentheses inside the
    # affiliation's), and "Name, Affiliation; Name, Affiliation" kept the last person and
    # their affiliation as two authors (13 entries of one list).
    parsed = parse(
        "- [Widget networks for graph learning](https://arxiv.org/abs/2101.00001) - Ann Lee"
        " (University of Widgets (UW)), Bo Chen (Widget Labs), ICLR 2021\n"
        "- [Widget transformers](https://arxiv.org/abs/2101.00002) - Ann Lee, University of"
        " Widgets; Bo Chen, Widget Labs. NeurIPS 2020\n"
        "- [Widget surveys](https://arxiv.org/abs/2101.00003) - Lee, Ann; Chen, Bo. TPAMI 2022\n"
    )
    assert listed(parsed, "authors", "venue", "year") == [
        ("Ann Lee, Bo Chen", "ICLR", 2021),
        ("Ann Lee, Bo Chen", "NeurIPS", 2020),
        ("Lee, Ann; Chen, Bo", "TPAMI", 2022),
    ]


def test_a_span_of_years_is_no_year_of_publication() -> None:
    # 2026-12-02 (an earlier sweep's leftover): "[Title](…) （2021-2026）" gave the year 2021,
    # "(2019-2023)" the year 2023: the years a survey spans, not one it appeared in. A date
    # with its month stays a date.
    parsed = parse(
        "- [Widget diffusion survey](https://arxiv.org/abs/2101.00004) （2021-2026）\n"
        "- [Widget GAN survey](https://arxiv.org/abs/2101.00005) (2019-2023)\n"
        "- [Widget GAN paper](https://arxiv.org/abs/2101.00006) (2019-05)\n"
    )
    assert listed(parsed, "title", "year") == [
        ("Widget diffusion survey", None), ("Widget GAN survey", None), ("Widget GAN paper", 2019),
    ]


def test_a_numbered_title_over_its_fields_is_one_paper() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "[1] Title" as a paragraph, then its fields as a
    # loose list ("- Project: https://…", "- Paper: https://arxiv.org/pdf/…", "- Abstract："
    # over a quoted abstract): every paper of a NeRF list was an error ("bullet has links but
    # no title"), and the quoted abstract warned of a 1,000-character "title".
    abstract = "We propose a widget model that reads scenes. " * 25
    parsed = parse(
        "## ICML 2021\n"
        "\n"
        "[1] Widget-VAE: A Geometry Aware Widget Model\n"
        "\n"
        "- Category：生成式模型\n"
        "\n"
        "- Project: https://www.example.org/widget-vae\n"
        "\n"
        "- Paper: https://arxiv.org/pdf/2104.00587\n"
        "\n"
        "- Abstract：\n"
        "\n"
        f"  > *{abstract.strip()}*\n"
        "\n"
        "---\n"
        "\n"
        "[2] Widget Fields from a Single View\n"
        "\n"
        "- Code: https://github.com/widgets/fields\n"
        "\n"
        "- Paper: https://arxiv.org/pdf/2102.08860.pdf\n"
    )
    assert rows(parsed) == [
        (3, "Widget-VAE: A Geometry Aware Widget Model", "ICML", 2021,
         ["https://www.example.org/widget-vae", "https://arxiv.org/pdf/2104.00587"]),
        (17, "Widget Fields from a Single View", "ICML", 2021,
         ["https://github.com/widgets/fields", "https://arxiv.org/pdf/2102.08860.pdf"]),
    ]
    assert parsed.problems == ()


def test_a_short_name_over_its_citation_takes_the_citations_title() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "* PVANET [[Paper]](…)" over "  * Kye-Hyeon Kim,
    # …, PVANET: Deep but Lightweight …, arXiv:1608.08021" (an older list's shape, 13 of its
    # papers): the entry kept the short name as its title, and "* R-CNN, UC Berkeley
    # [[Paper]](…)" (the name and the lab read as two people) was an error with its citation
    # another. The citation under a short name names the paper: its title, authors, venue and
    # year; the short name stays in the description. A note under a name is no citation, nor
    # is a venue set in bold under a title.
    parsed = parse(
        "* PVANET [[Paper]](https://arxiv.org/pdf/1608.08021)\n"
        "  * Kye-Hyeon Kim, Sanghoon Hong, PVANET: Deep but Lightweight Widget Networks,"
        " arXiv:1608.08021\n"
        "* R-CNN, UC Berkeley [[Paper-arXiv14]](http://arxiv.org/pdf/1311.2524)\n"
        "  * Ross Girshick, Jeff Donahue, Rich widget hierarchies for accurate detection, CVPR,"
        " 2014.\n"
        "* Inside-Outside Net [[Paper]](http://arxiv.org/abs/1512.04143)\n"
        "  * Sean Bell, Kavita Bala, Inside-Outside Net: Detecting Widgets in Context\n"
        "* **[MathInstruct](https://huggingface.co/datasets/TIGER-Lab/MathInstruct)**\n"
        "  * create pairs through **Self-Instruct** (Wang et al., 2023),\n"
        "* **Widget Load Forecasting** [[paper](https://www.sciencedirect.com/science/article/pii/2)]\n"
        "  * D Kim, G Ryu, C Moon, ***Applied Energy***, 2024\n"
    )
    read = listed(parsed, "title", "authors", "venue", "year")
    assert read[:3] + read[4:] == [
        ("PVANET: Deep but Lightweight Widget Networks", "Kye-Hyeon Kim, Sanghoon Hong", None,
         None),
        ("Rich widget hierarchies for accurate detection", "Ross Girshick, Jeff Donahue", "CVPR",
         2014),
        ("Inside-Outside Net: Detecting Widgets in Context", "Sean Bell, Kavita Bala", None, None),
        ("Widget Load Forecasting", "D Kim, G Ryu, C Moon", "Applied Energy", 2024),
    ]
    assert read[3][0] == "MathInstruct"
    assert parsed.entries[1].description == "R-CNN, UC Berkeley"
    assert errors(parsed) == []


def test_an_arxiv_id_after_arxiv_dates_the_entry_and_a_none_link_is_no_link() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "**Title**, `arXiv, 2406.00515`, [arxiv](…),
    # cication: [**-1**](None)" (a generated list, 93 of its 160 entries) read the venue
    # "arXiv, 2406.00515" and no year, and kept a link to "None" (77 entries). The id is the
    # preprint's, which says when it was submitted; "None" is a template's placeholder, a link
    # to no address.
    parsed = parse(
        "- **A Survey on Widgets**, `arXiv, 2406.00515`, [arxiv](http://arxiv.org/abs/"
        "2406.00515v1), cication: [**-1**](None)\n"
        "- **Folding Cogs**, arXiv, 2310.18628, [arxiv](http://arxiv.org/abs/2310.18628v1)\n"
    )
    assert rows(parsed) == [
        (1, "A Survey on Widgets", "arXiv", 2024, ["http://arxiv.org/abs/2406.00515v1"]),
        (2, "Folding Cogs", "arXiv", 2023, ["http://arxiv.org/abs/2310.18628v1"]),
    ]
    assert parsed.link_accounting["ignored:empty"] == 1


def test_a_table_names_its_authors_in_more_words_and_its_venue_in_the_links_label() -> None:
    # 2026-12-02 (the twenty-fourth sweep): under "|Date|The First and Last Authors|Title|Code|
    # Reference|" every row of a medical-imaging list (125) had no authors and no venue: the
    # header says "authors" in more words, and the venue is the label of the paper's link in
    # the Reference column ("[MICCAI2021](…)"), whose year is the publication's.
    parsed = parse(
        "|Date|The First and Last Authors|Title|Code|Reference|\n"
        "|---|---|---|---|---|\n"
        "|2021-09|A. Brook and C. Dune|Mean Students Teach Hearts|None|"
        "[MICCAI2021](https://example.org/heart.pdf)|\n"
        "|2020-09|E. Fenn and G. Holt|Dual Tasks for Left Atria|None|"
        "[AAAI2021](https://arxiv.org/pdf/2009.04448.pdf)|\n"
        "|2020-10|H. Ito and J. Kim|Widget Labels for Cells|None|[PDF](https://x.org/c.pdf)|\n"
    )
    assert listed(parsed, "authors", "venue", "year") == [
        ("A. Brook and C. Dune", "MICCAI", 2021),
        ("E. Fenn and G. Holt", "AAAI", 2021),
        ("H. Ito and J. Kim", None, 2020),
    ]


def test_sections_below_a_table_of_contents_and_after_a_second_title_heading() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "## Contents" (the list's table of contents), then
    # "### Paper List" and "#### Surveys": every one of a list's 210 entries had the section
    # "Contents" and its 13 categories were lost; a later "# LLMs coming" (after the list's "#"
    # title) did not start a section (its entries kept the one above). An empty "#" and "#
    # 2024" change no section.
    parsed = parse(
        "# Widget papers\n"
        "## Contents\n"
        "- [Paper List](#paper-list)\n"
        "    - [Surveys](#surveys)\n"
        "\n"
        "### Paper List\n"
        "#### Surveys\n"
        "1. [A Survey of Widgets](https://arxiv.org/abs/2001.00001), Lee, Ann and Chen, Bo, 2020\n"
        "## Encoders\n"
        "- [Dense Widgets](https://arxiv.org/abs/2001.00002)\n"
        "# LLMs coming\n"
        "- [Sparse Widgets](https://arxiv.org/abs/2408.00002)\n"
        "#\n"
        "- [Wide Widgets](https://arxiv.org/abs/2408.00003)\n"
    )
    assert [(e.section, e.subsection) for e in parsed.entries] == [
        ("Paper List", "Surveys"), ("Encoders", None), ("LLMs coming", None),
        ("LLMs coming", None),
    ]
    assert parsed.problems == ()


def test_a_date_before_the_venue_is_no_part_of_its_name() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "Ann Lee et al., 2020.09 EMNLP2020" read the venue
    # "2020.09 EMNLP", "2022.03, EMNLP2022" "2022.03, EMNLP" and "9 Mar 2024, Arxiv" "9 , Arxiv"
    # (17 entries of a retrieval list): the date the list took the paper, then the venue.
    parsed = parse(
        "1. [Dense Widgets](https://arxiv.org/abs/2004.00001) Ann Lee et al., 2020.09 EMNLP2020\n"
        "2. [Sparse Bolts](https://arxiv.org/abs/2205.00002) Bo Chen et al., 2022.03, EMNLP2022\n"
        "3. [Folding Cogs](https://arxiv.org/abs/2403.00003) Cy Diaz, et al., 9 Mar 2024, Arxiv\n"
    )
    assert listed(parsed, "venue", "year") == [("EMNLP", 2020), ("EMNLP", 2022), ("arXiv", 2024)]


def test_papers_with_no_link_under_a_label_are_each_reported() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "1. Cognitive view：" over "   1. Title (Ann Lee,
    # SIGIR 2024)" and "   2. Title, Bo Chen, et al., Arxiv 2024" with no links: the label took
    # its papers as its fields and was one false error; 6 papers of a list were in no entry and
    # no problem. A label ending in a colon heads papers; each that lost its link is reported.
    parsed = parse(
        "## Reranking\n"
        "1. Cognitive view：\n"
        "   1. Do Widgets Dream of Sprockets? (Ann Lee, SIGIR 2024)\n"
        "   2. Widget Judgments Revisited, Bo Chen, et al., Arxiv 2024\n"
        "2. Query rewriting\n"
        "   1. [Rewriting Bolts](https://arxiv.org/abs/2301.00001) Di Eng, et al., ACL2023\n"
    )
    assert [line for line, _ in errors(parsed)] == [3, 4]
    assert [e.listed_title for e in parsed.entries] == ["Rewriting Bolts"]


def test_a_venue_set_apart_as_code_is_the_venue_whatever_its_name() -> None:
    # 2026-12-02 (the twenty-fourth sweep): '"Title". `UMAP(2020)` [[PDF]](…)' kept the year
    # and lost the venue unless the parser knew its name (9 of a list's entries: UMAP, WI,
    # AI*IA, HAI, ICKG, IUI, "Decision Support Systems"); set apart as code, it is the venue.
    parsed = parse(
        '1. "Predicting Moods in Widgets". `UMAP(2020)` [[PDF]](https://example.org/moods.pdf)\n'
        '2. "Bandits That Chat". `AI*IA(2019)` [[Link]](https://example.org/bandits)\n'
        '3. "Studying Widgets". `Decision Support Systems(2020)` [[Link]](https://x.org/dss)\n'
        '4. "Knowledge Graph Widgets". `KDD(2020)` [[PDF]](https://example.org/kg.pdf)\n'
    )
    assert listed(parsed, "venue", "year") == [
        ("UMAP", 2020), ("AI*IA", 2019), ("Decision Support Systems", 2020), ("KDD", 2020),
    ]


def test_a_citation_ending_in_venue_comma_year_and_a_full_stop() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "…, CVPR, 2015." under a short name lost the venue
    # and year (9 entries of two older vision lists; "OverFeat: …, ICLR" was read as the
    # venue): the full stop after the year hid the venue's comma tail.
    parsed = parse(
        "* TunaNet [[Paper]](https://example.org/tunanet.pdf)\n"
        "  * Anna Leeds, Boris Chen, Dana Ekberg, CVPR, 2015.\n"
        "* OverCast, NYU [[Paper]](https://example.org/overcast.pdf)\n"
        "  * OverCast: Integrated Recognition and Localization of Clouds, ICLR, 2014.\n"
        "* N Wang, DY Yeung, Learning a Deep Compact Widget, NIPS, 2013. [[Paper]](https://x.org/d)\n"
    )
    assert listed(parsed, "title", "authors", "venue", "year")[:2] == [
        ("TunaNet", "Anna Leeds, Boris Chen, Dana Ekberg", "CVPR", 2015),
        ("OverCast: Integrated Recognition and Localization of Clouds", None, "ICLR", 2014),
    ]
    assert listed(parsed, "venue", "year")[2] == ("NIPS", 2013)


def test_a_labelled_line_of_links_under_a_paper_is_no_entry_and_not_its_links() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "  - ExpEnv: [D4RL](github…), [MuJoCo](github…)"
    # under "- [Title](arxiv…)" was an entry titled "ExpEnv" (22 of a list's entries): a field
    # of the list's own, whatever its key. Its links are the environments', not the paper's:
    # not the entry's links either (D4RL's stars are not the paper's).
    parsed = parse(
        "- [Planning Widgets with Diffusion](https://arxiv.org/abs/2401.00001)\n"
        "  - Ann Lee, Bo Chen\n"
        "  - ExpEnv: [D4RL](https://github.com/rail-berkeley/d4rl), [MuJoCo](https://github.com/"
        "openai/mujoco-py)\n"
        "  - Code: [official](https://github.com/x/widgets)\n"
        "- [Widget Planner](https://arxiv.org/abs/2401.00002)\n"
    )
    assert rows(parsed) == [
        (1, "Planning Widgets with Diffusion", None, None,
         ["https://arxiv.org/abs/2401.00001", "https://github.com/x/widgets"]),
        (5, "Widget Planner", None, None, ["https://arxiv.org/abs/2401.00002"]),
    ]
    assert parsed.link_accounting["ignored:prose"] == 2


def test_a_note_on_the_line_after_the_venue_is_no_part_of_it() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "[Title](…) Ann Lee, et al., WWW'25" then an
    # indented note line ("Uses a cog-level prompt for ranking") lost the venue and year (4
    # entries of a list): the note ran into "WWW'25". A line that ends in a date ends a field.
    # "Honglei Zhuang, NACCL2024" is a name and a venue, not two people.
    parsed = parse(
        "   1. [Ranking Widgets](https://arxiv.org/abs/2301.00001) Ann Lee, et al., WWW'25\n"
        "        Uses a cog-level prompt for ranking\n"
        "   2. [Sorting Bolts](https://arxiv.org/abs/2302.00002), Honglei Zhuang, NACCL2024\n"
        "       Log-probability of the relevance label\n"
    )
    assert listed(parsed, "authors", "venue", "year")[0] == ("Ann Lee, et al", "WWW", 2025)
    assert parsed.entries[1].listed_authors != "Honglei Zhuang, NACCL2024"


def test_a_citation_of_the_same_paper_and_authors_around_their_affiliations() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "* Fast Lantern, Acme Lab [[Paper]](…/1901.00001)"
    # over "  * Rosa Quill, Fast Lanterns Without Regions, arXiv:1901.00001." was two entries of
    # one paper; "…, Leon Gibbs, Stanford University" kept the lab as an author (6 entries);
    # "_Zhang and Yan_, ICLR 2023" read the venue "Zhang and Yan, ICLR" (3).
    parsed = parse(
        "* Fast Lantern, Acme Lab [[Paper]](https://arxiv.org/pdf/1901.00001)\n"
        "  * Rosa Quill, Fast Lanterns Without Regions, arXiv:1901.00001.\n"
        "* PointSoup: Learning on Point Soups [[Paper]](https://example.org/soup.pdf)\n"
        "  * Charles Q. Ito, Hao Su, Leon Gibbs, Stanford University\n"
        "- **Crossways: Widgets Across Dimensions**, _Zhang and Yan_, ICLR 2023."
        " \\[[paper](https://openreview.net/forum?id=abc123)\\]\n"
    )
    assert [len(e.links) for e in parsed.entries] == [2, 1, 1]
    assert listed(parsed, "authors", "venue")[1:] == [
        ("Charles Q. Ito, Hao Su, Leon Gibbs", None), ("Zhang and Yan", "ICLR"),
    ]


def test_authors_then_a_venue_and_a_year_each_after_a_comma() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "[Title](…), Ivo Jan, Kim Lu, Max Ng, ICML, 2018"
    # and "[Title](…), Gil de Sousa P. Marra, Feb 2025, Arxiv" read no authors, venue or year
    # (2 lists; "…, Mary Phuong, Christoph Lampert, ICML" was read as a venue). A journal's
    # name before its publisher and year is no person.
    parsed = parse(
        "1. [Bending Widgets](https://arxiv.org/abs/1806.00009), Ivo Jan, Kim Lu, Max Ng, ICML,"
        " 2018\n"
        "2. [Sorting Widgets](https://arxiv.org/abs/2407.00007), Gil de Sousa P. Marra, Feb 2025,"
        " Arxiv\n"
        "3. [Recognising Widgets](https://doi.org/10.1016/j.patcog.2019.1), Pattern Recognition,"
        " Elsevier, 2019\n"
    )
    assert listed(parsed, "authors", "venue", "year")[:2] == [
        ("Ivo Jan, Kim Lu, Max Ng", "ICML", 2018), ("Gil de Sousa P. Marra", "arXiv", 2025),
    ]
    assert parsed.entries[2].listed_authors is None


def test_dashed_year_and_venue_papers_and_headings_written_in_html() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "- 20-OSDI-PANIC: A Programmable NIC" under
    # '<h3 id="1.1">1.1 Basic</h3>' -- 87 papers of a systems list with no link were in no entry
    # and no problem (read as prose), and every entry's section was the Markdown heading far
    # above ("Catalog"). The dashed year and venue tag the paper (reported: it lost its link),
    # and a heading written in HTML scopes the entries below it as "##" does.
    parsed = parse(
        "## Catalog\n"
        "- [1 Readings](#1)\n"
        "\n"
        '<h2 id="1">1 Selected Readings</h2>\n'
        "\n"
        '<h3 id="1.1">1.1 Basic</h3>\n'
        "\n"
        "- 16-ATC-Design Guidelines for Fast Widget Systems\n"
        "- 20-OSDI-PANIC: A Programmable Widget NIC\n"
        "- [Widget Stack](https://github.com/w/stack)\n"
    )
    assert [line for line, _ in errors(parsed)] == [8, 9]
    assert [(e.section, e.subsection) for e in parsed.entries] == [
        ("1 Selected Readings", "1.1 Basic"),
    ]


def test_a_title_over_its_authors_and_link_and_a_bold_mark_never_opened() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "* Title**<br />" over "  *  Lina Chen+, George
    # Pap+ (+ equal contribution). <br /> [[Paper]](…). In ICLR, 2015." was an entry titled by
    # the names, the title in no entry (3 of an older list); "Title**" kept the stray mark (2).
    # A linked title under a group stays a title.
    parsed = parse(
        "* Semantic Fish Segmentation with Deep Nets**<br />\n"
        "  *  Lina Chen+, George Pap+, Kevin Moor (+ equal\n"
        "    contribution). <br />\n"
        "    [[Paper]](https://arxiv.org/abs/1412.7006). In ICLR, 2015.\n"
        "* Xcoral: Deep Learning with Separable Corals\n"
        "  *  Frank Chollet\n"
        "    [[Paper]](https://arxiv.org/abs/1610.02007). In CVPR, 2017.\n"
        "* Query rewriting\n"
        "  * [Rewriting Bolts](https://arxiv.org/abs/2301.00001) Di Eng, et al., ACL2023\n"
    )
    assert listed(parsed, "title", "authors", "venue", "year") == [
        ("Semantic Fish Segmentation with Deep Nets", "Lina Chen, George Pap, Kevin Moor", "ICLR",
         2015),
        ("Xcoral: Deep Learning with Separable Corals", "Frank Chollet", "CVPR", 2017),
        ("Rewriting Bolts", "Di Eng, et al", "ACL", 2023),
    ]


def test_a_code_host_is_no_venue() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "|**Seg2Sat**|…|Github|null|[link](…)|" under
    # "Publication" read the venue "Github": where the code is, not where a paper appeared.
    parsed = parse(
        "|Abbreviation|Title|Publication|Paper|Code|\n"
        "|---|---|---|---|---|\n"
        "|**Seg2Widget**|**Seg2Widget - widgets from segments**|Github|null|"
        "[link](https://github.com/w/seg2widget)|\n"
        "|**WidgetNet**|**WidgetNet: widgets at scale**|TGRS2021|[paper](https://doi.org/10.1/w)|"
        "null|\n"
    )
    assert listed(parsed, "venue", "year") == [(None, None), ("TGRS", 2021)]


def test_a_talk_is_how_a_paper_was_presented_not_its_venue() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "Publisher: ICML 2022 (long talk)" read the venue
    # "ICML talk)"; a talk is how the paper was presented there, as "(oral)" is.
    assert [split_venue_tag(t, YEAR) for t in (
        "ICML 2022 (long talk)", "ICLR 2021 (contributed talk)", "ICML 2022 (oral)",
    )] == [("ICML", 2022), ("ICLR", 2021), ("ICML", 2022)]  # fmt: skip


def test_a_links_label_after_the_title_is_no_part_of_it() -> None:
    # 2026-12-02 (the twenty-fourth sweep): "> - *MMLU(-Math)*: Measuring Massive Multitask
    # Language Understanding, reference: https://arxiv.org/abs/…" kept ", reference" in the
    # title (3 of a list): the label of the bare link after it.
    parsed = parse(
        "> - *GQA(-Math)*: Measuring Massive Widget Understanding, reference:"
        " https://arxiv.org/abs/2009.03300, https://github.com/x/test, MIT License\n"
    )
    assert [e.listed_title for e in parsed.entries] == [
        "GQA(-Math): Measuring Massive Widget Understanding",
    ]


def test_a_bullet_with_two_papers_links_and_a_reference_of_each_is_two_entries() -> None:
    # 2026-12-02 (the twenty-fifth sweep, a list of 10,000 stars and its forks): "* Title
    # [[Paper-ICML12]](…) [[Paper-PAMI13]](…)" over a reference of each paper was one entry,
    # the ICML paper in none; an arXiv version cited by its id takes its link by that id. One
    # reference under two links (a paper's two versions) stays one entry.
    parsed = parse(
        "* Learning Features for Reef Labeling [[Paper-ICML12]](https://ex.org/icml-12.pdf)"
        " [[Paper-PAMI13]](https://ex.org/pami-13.pdf)\n"
        "  * Clem Farabe, Yann LeCoon, Reef Parsing with Purity Trees, ICML, 2012.\n"
        "  * Clem Farabe, Yann LeCoon, Learning Features for Reef Labeling, PAMI, 2013.\n"
        "* Super-Resolution (SRFISH) [[Web]](https://ex.org/srfish.html)"
        " [[Paper-ECCV14]](https://ex.org/eccv14.pdf)"
        " [[Paper-arXiv15]](http://arxiv.org/pdf/1501.00092.pdf)\n"
        "  * Chao Dong, Kai He, Learning a Deep Network for Fish Super-Resolution, ECCV, 2014.\n"
        "  * Chao Dong, Kai He, Fish Super-Resolution Using Deep Networks, arXiv:1501.00092.\n"
        "* R-FISH, UC Berkeley [[Paper-CVPR14]](https://ex.org/rfish.pdf)"
        " [[Paper-arXiv14]](http://arxiv.org/pdf/1311.2524)\n"
        "  * Ross Gill, Jeff Donald, Rich feature hierarchies for fish detection, CVPR, 2014.\n"
    )
    assert [(*row[1:4], row[4]) for row in rows(parsed)] == [
        ("Reef Parsing with Purity Trees", "ICML", 2012, ["https://ex.org/icml-12.pdf"]),
        ("Learning Features for Reef Labeling", "PAMI", 2013, ["https://ex.org/pami-13.pdf"]),
        ("Learning a Deep Network for Fish Super-Resolution", "ECCV", 2014,
         ["https://ex.org/srfish.html", "https://ex.org/eccv14.pdf"]),
        ("Fish Super-Resolution Using Deep Networks", None, None,
         ["http://arxiv.org/pdf/1501.00092.pdf", "arXiv:1501.00092"]),
        ("Rich feature hierarchies for fish detection", "CVPR", 2014,
         ["https://ex.org/rfish.pdf", "http://arxiv.org/pdf/1311.2524"]),
    ]
    assert [e.listed_authors for e in parsed.entries] == [
        "Clem Farabe, Yann LeCoon", "Clem Farabe, Yann LeCoon", "Chao Dong, Kai He",
        "Chao Dong, Kai He", "Ross Gill, Jeff Donald",
    ]
    assert errors(parsed) == []


def test_a_reference_one_space_short_of_its_entry_and_an_organisations_name() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "  * OverFeat, NYU [[Paper]](…)" over "   *
    # OverFeat: Integrated …, ICLR, 2014." (three spaces: a sibling, not a sub-bullet) was an
    # entry of its own that took the next bullet as its authors (R-CNN in no entry);
    # "Microsoft (Deep Residual Learning)", "CMU / Microsoft", "Idiap / EPFL / Facebook" kept
    # the organisation for the title (17); "Title, CVPR, 2015." under the same title lost its
    # venue and year (11 entries).
    parsed = parse(
        "  * PikeNet, NYU [[Paper]](http://arxiv.org/pdf/1312.6229.pdf)\n"
        "   * PikeNet: Integrated Spotting and Counting using Nets, ICLR, 2014.\n"
        "  * R-FISH, UC Berkeley [[Paper]](http://arxiv.org/pdf/1311.2524)\n"
        "   * Ross Gill, Jeff Donald, Rich feature hierarchies for fish detection, CVPR, 2014.\n"
        "  * Microsoft (Deep Residual Learning) [[Paper]](http://arxiv.org/pdf/1512.03385v1.pdf)\n"
        "    * Kai He, Jian Sun, Deep Residual Learning for Fish Recognition, arXiv:1512.03385.\n"
        "  * CMU / Microsoft [[Paper]](http://arxiv.org/pdf/1411.5654)\n"
        "    * Xin Chen, Larry Zitnick, Learning a Recurrent Representation, arXiv:1411.5654.\n"
        "  * Fully Convolutional Nets for Reef Segmentation [[Paper]](https://ex.org/fcn.pdf)\n"
        "    * Jon Lung, Evan Shell, Fully Convolutional Nets for Reef Segmentation, CVPR, 2015.\n"
        "  * Idiap / EPFL / Facebook [[Paper]](http://arxiv.org/pdf/1502.03671)\n"
        "    * Remi Lebret, Ronan Collobert, Phrase-based Fish Captioning, ICML, 2015.\n"
    )
    assert listed(parsed, "title", "authors", "venue", "year") == [
        ("PikeNet: Integrated Spotting and Counting using Nets", None, "ICLR", 2014),
        ("Rich feature hierarchies for fish detection", "Ross Gill, Jeff Donald", "CVPR", 2014),
        ("Deep Residual Learning for Fish Recognition", "Kai He, Jian Sun", None, None),
        ("Learning a Recurrent Representation", "Xin Chen, Larry Zitnick", None, None),
        ("Fully Convolutional Nets for Reef Segmentation", "Jon Lung, Evan Shell", "CVPR", 2015),
        ("Phrase-based Fish Captioning", "Remi Lebret, Ronan Collobert", "ICML", 2015),
    ]
    assert errors(parsed) == []


def test_a_label_in_double_brackets_a_space_before_its_address() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "* Title [[Paper]] (http://arxiv.org/pdf/…)" kept
    # "[[Paper]]" in the title (6 entries of one list) and one such line whose name read as
    # people was an error; the link is read, and reported for its space, as "[Paper] (…)" is.
    parsed = parse(
        "  * Fast R-FISH, Microsoft Research [[Paper]] (http://arxiv.org/pdf/1504.08083)\n"
        "   * Ross Gill, Fast R-FISH, arXiv:1504.08083.\n"
        "  * Faster R-FISH, Microsoft Research [[Paper]] (http://arxiv.org/pdf/1506.01497)\n"
        "   * Shao Ren, Kai He, Faster R-FISH: Towards Real-Time Fish Detection,"
        " arXiv:1506.01497.\n"
        "  * You Only Fish Once: Unified Detection [[Paper]] (http://arxiv.org/abs/1506.02640)\n"
    )
    assert rows(parsed) == [
        (1, "Fast R-FISH", None, None,
         ["http://arxiv.org/pdf/1504.08083", "arXiv:1504.08083"]),
        (3, "Faster R-FISH: Towards Real-Time Fish Detection", None, None,
         ["http://arxiv.org/pdf/1506.01497", "arXiv:1506.01497"]),
        (5, "You Only Fish Once: Unified Detection", None, None,
         ["http://arxiv.org/abs/1506.02640"]),
    ]
    assert errors(parsed) == []
    assert sum("has a space between ']' and '('" in p.reason for p in parsed.problems) == 3


def test_an_events_name_in_brackets_before_its_link() -> None:
    # 2026-12-02 (the twenty-fourth sweep's leftover): "* [CVPR 2018 Main Conference][[Web]](…
    # youtube …)" was an error "no title before the first link" (4 of a list): a venue's name
    # with no paper is a page about the event, as the same line without brackets is;
    # "[Title][[Paper]](…)" keeps its title without the brackets; "[Blog] [Title](…)" is a kind.
    parsed = parse(
        "## Conference\n"
        "* [CVPR 2018 Main Conference][[Web]](https://www.youtube.com/playlist?list=AAA)\n"
        "* [Deep Fish Summer School][[Web]](https://www.youtube.com/playlist?list=CCC)\n"
        "* [Deep Fish Net][[Paper]](https://arxiv.org/abs/2101.00001)\n"
        "* [Blog] [Causal Fish: A Primer](https://fish.example.org/primer/): a blog series.\n"
    )
    assert [e.listed_title for e in parsed.entries] == [
        "Deep Fish Summer School", "Deep Fish Net", "Causal Fish: A Primer",
    ]
    assert parsed.problems == ()


def test_a_table_of_papers_with_no_link_is_reported_row_by_row() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "| rank | paper | year | score |" with a row of
    # authors under each paper and no link anywhere was prose, 60 papers of a list silently in
    # no entry and no problem (the same rows under "Title | Venue | Year" were reported). The
    # authors' row is the paper's; a table of journals and counts stays prose.
    parsed = parse(
        "- [Great Works in Widgets](https://example.org/widgets.html)\n"
        "\n"
        "| rank | paper | year | score |\n"
        "|-----:|:------|-----:|------:|\n"
        "| 1 | Gradual Frobnication of Typed Widgets. | 1991 | 0.004 |\n"
        "|   | Ada Lovelace, Bob Stone. | | |\n"
        "| 2 | A Calculus for Quux Effects. | 2003 | 0.002 |\n"
        "\n"
        "| Journal | Papers |\n"
        "| --- | ---: |\n"
        "| Nature Medicine | 70 |\n"
        "| Nature Biomedical Engineering | 23 |\n"
    )
    assert [e.listed_title for e in parsed.entries] == ["Great Works in Widgets"]
    assert errors(parsed) == [(5, "table row has no link in any cell"),
                              (7, "table row has no link in any cell")]  # fmt: skip
    problem = next(p for p in parsed.problems if p.line_no == 5)
    assert "Ada Lovelace" not in problem.text  # the row's first line, as problems show it
    assert parsed.line_accounting["problem"] == 3  # the authors' row with its paper's


def test_a_headings_way_back_up_is_no_part_of_its_name() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "### Reviews [^](#table-of-contents)" gave the section
    # "Reviews ^" (224 entries of a list) and "### Attack Papers 2020 [[Back to Top](#…)]" the
    # subsection "Attack Papers 2020 [Back to Top]" (88 of another); a heading that is only its
    # anchor link keeps its text, and a name's own parentheses stay.
    parsed = parse(
        "# Qubit papers\n"
        "## Contents\n"
        "### Reviews [^](#table-of-contents)\n"
        "- [A survey of toy qubits](https://arxiv.org/abs/2401.00001)\n"
        "## Widget Attack\n"
        "### Attack Papers 2020 [[Back to Top](#qubit-papers)]\n"
        "- [Gadget Leaks](https://arxiv.org/abs/2001.00001)\n"
        "### [Differential Privacy (DP)](#dp)\n"
        "- [Private Widgets](https://arxiv.org/abs/2001.00002)\n"
    )
    assert [(e.section, e.subsection) for e in parsed.entries] == [
        ("Reviews", None), ("Widget Attack", "Attack Papers 2020"),
        ("Widget Attack", "Differential Privacy (DP)"),
    ]


def test_a_fourth_level_heading_right_under_a_section_is_its_subsection() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "## Large-Scale Structure" then "#### Structure
    # Formation" (no "###" in the list's sections) gave no subsection to 276 entries of a list;
    # under a "###", a "####" stays minor, and "#### 2019" still dates the papers below it.
    parsed = parse(
        "# Reading list\n"
        "## Galaxies\n"
        "#### Morphology\n"
        "- [Deep galaxy shapes](https://arxiv.org/abs/2101.00001)\n"
        "#### Redshifts\n"
        "- [Photo-z with trees](https://arxiv.org/abs/2101.00002)\n"
        "## Lensing\n"
        "### Weak\n"
        "#### Shear\n"
        "- [Shear nets](https://arxiv.org/abs/2101.00003)\n"
        "## Older\n"
        "#### 2019\n"
        "- [Old widgets](https://example.org/old.pdf)\n"
    )
    assert [(e.section, e.subsection, e.listed_year) for e in parsed.entries] == [
        ("Galaxies", "Morphology", None), ("Galaxies", "Redshifts", None),
        ("Lensing", "Weak", None), ("Older", None, 2019),
    ]


def test_a_venue_tag_dated_to_the_day_before_the_title() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "(Arxiv 2024.06.27) Title [Paper](…)" kept the tag in
    # the title and read no venue or year (295 of 366 entries of a list); "(Arxiv 2024) Title"
    # was read.
    parsed = parse(
        "# Simulation papers\n\n"
        "(Arxiv 2024.06.27) Agents that trade coffee futures [Paper](https://arxiv.org/abs/"
        "2406.11111)\n\n"
        "(Journal of Toy Economics 2007.06) A view of toy markets [Paper](https://doi.org/10.1234/"
        "toy.5678)\n"
    )
    assert listed(parsed, "title", "venue", "year") == [
        ("Agents that trade coffee futures", "arXiv", 2024),
        ("A view of toy markets", "Journal of Toy Economics", 2007),
    ]


def test_a_journal_abbreviated_with_full_stops_after_the_authors() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "**Title**, *Ana Lima, Bo Chen*, Nat. Rev. Phys.,
    # 2021." read the venue "Phys" and "Acta Mech" as an author (15 of 33 entries of a list);
    # "*…, David L. Dill.* 2018." is the last author, then the year.
    parsed = parse(
        "## Reviews\n"
        "1. **Neural solvers for heat flow**, *Ana Lima, Bo Chen*, Nat. Rev. Phys., 2021."
        " [[paper](https://doi.org/10.1000/aa.1)]\n"
        "2. **Neural solvers for wave flow**, *Ana Lima, Bo Chen*, Comput. Methods Appl. Mech."
        " Eng., 2020. [[paper](https://doi.org/10.1000/aa.2)]\n"
        "3. **Learning a Widget Solver from Single-Bit Supervision.**\n"
        "*Dan Sells, Matt Lamb, Leo de Moura, David L. Dill.* 2018."
        " [paper](https://arxiv.org/abs/1802.03685)\n"
    )
    assert listed(parsed, "authors", "venue", "year") == [
        ("Ana Lima, Bo Chen", "Nat. Rev. Phys", 2021),
        ("Ana Lima, Bo Chen", "Comput. Methods Appl. Mech. Eng", 2020),
        ("Dan Sells, Matt Lamb, Leo de Moura, David L. Dill", None, 2018),
    ]


def test_a_bold_name_over_its_papers_title_and_tag_on_the_next_line() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "* **VIOLETv2** [[Paper](…)] @Microsoft" then "<br/>
    # An Empirical Study of … (CVPR 2023)" kept the name for the title (40 of 62 entries of a
    # list): the line of a title and its tag names the paper; the name leads the description.
    parsed = parse(
        "## Video Captioning\n\n"
        "  * **FooNet** [[Paper](https://arxiv.org/abs/2101.00001)]"
        "[[Code](https://github.com/acme/foonet)] @Acme\n"
        "    <br/> FooNet: Learning to Caption Widgets with Sparse Attention (CVPR 2022)\n\n"
        "  * **BarQA** [[Paper](https://arxiv.org/abs/2101.00002)] @Umbrella\n"
    )
    assert listed(parsed, "title", "venue", "year") == [
        ("FooNet: Learning to Caption Widgets with Sparse Attention", "CVPR", 2022),
        ("BarQA", None, None),
    ]
    assert (parsed.entries[0].description or "").startswith("FooNet")


def test_titles_with_no_link_beside_reported_references_are_reported_too() -> None:
    # 2026-12-02 (the twenty-fifth sweep): among linkless "* Title (SIGMOD 2021)" bullets (each
    # reported), "* Title (2019)", "* Title (aiDM 2021)", "* Title (TKDE)" and "* Title" were
    # prose: 62 papers of a list in no entry and no problem. In a part of the list where
    # linkless references are reported, a linkless title is reported too; a note stays prose.
    parsed = parse(
        "# Learned systems\n\n## Tuning\n\n"
        "* Alpha: Learned Knob Tuning for Row Stores (SIGMOD 2021)\n"
        "* Beta: Learned Knob Tuning for Column Stores (2020)\n"
        "* Gamma: Learned Knob Tuning for Graph Stores (VLDB 2022)"
        " [Code](https://github.com/example/gamma)\n"
        "* Delta: Learned Knob Tuning for Key-Value Stores (aiDM 2021)\n"
        "* Epsilon: Learned Knob Tuning for Blob Stores (TKDE)\n"
        "* Eta: Learned Knob Tuning for Tape Stores (ICDE 2023)\n\n"
        "## Notes\n\n"
        "* Learned Knob Tuning for Disks\n"
        "* Eta: Learned Knob Tuning for Tape Stores (ICDE 2023)\n"
    )
    assert [line for line, _ in errors(parsed)] == [5, 6, 8, 9, 10, 15]


def test_emoji_shortcodes_after_a_reference_are_no_part_of_it() -> None:
    # 2026-12-02 (the twenty-fifth sweep): '… arXiv:1409.0473 (2014). [[pdf]](…) :star::star:'
    # lost its year (35 entries of a list of 38,000 stars): GitHub shows ":star:" as an emoji,
    # the list's rating, no word of the reference.
    parsed = parse(
        '**[1]** Smith, John, and Ana Lopez. "**Gradient tricks for sparse nets**." arXiv'
        " preprint arXiv:1409.0473 (2014). [[pdf]](https://arxiv.org/pdf/1409.0473v7.pdf)"
        " :star::star::star:\n\n"
        '**[2]** Smith, John, et al. "**Gradient tricks for wide nets**". In arXiv preprint'
        " arXiv:1411.4555, 2014. [[pdf]](https://arxiv.org/pdf/1411.4555.pdf):star::star:\n"
    )
    assert listed(parsed, "title", "year") == [
        ("Gradient tricks for sparse nets", 2014), ("Gradient tricks for wide nets", 2014),
    ]


def test_a_journal_in_italics_between_the_authors_and_the_date() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "<br/>Doe J et al. · *Radiology: Artificial
    # Intelligence* · 2026-03-01" read no venue (28 entries of a list), where "*Nature
    # Medicine*" was read: the italic name between the authors and a date is the journal.
    parsed = parse(
        "- **[Alpha model for chest films](https://doi.org/10.1000/a1)**<br/>Doe J et al. ·"
        " *Radiology: Artificial Intelligence* · 2026-03-01\n"
        "- **[Beta model for chest films](https://doi.org/10.1000/a2)**<br/>Doe J et al. ·"
        " *NEJM AI* · 2025-04-17\n"
        "- **[Gamma model for chest films](https://doi.org/10.1000/a3)**<br/>Doe J et al. ·"
        " *Nature Medicine* · 2025-04-17\n"
    )
    assert listed(parsed, "venue", "year") == [
        ("Radiology: Artificial Intelligence", 2026), ("NEJM AI", 2025), ("Nature Medicine", 2025),
    ]


def test_an_arxiv_month_is_no_year() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "arXiv 2104" under a paper's heading read the venue
    # "arXiv 2104" and no year, "arXiv 1909" the year 1909 (23 entries of a list): four digits
    # after arXiv that cannot be a year are its month (YYMM); "arXiv 2012" may be either and
    # stays a year; the published venue's year wins over the preprint's.
    tags = ("arXiv 2104", "arXiv 1909", "arXiv 2012", "arXiv 2704")
    assert [split_venue_tag(t, YEAR) for t in tags] == [
        ("arXiv", 2021), ("arXiv", 2019), ("arXiv", 2012), ("arXiv 2704", None),
    ]
    parsed = parse(
        "#### [Widget Cleanser: Robust Defense](https://arxiv.org/abs/2108.09135)\n\n"
        "arXiv 2108; USENIX Security 2022\n"
    )
    assert listed(parsed, "venue", "year") == [("USENIX Security", 2022)]


def test_bullets_linking_the_same_paper_stay_entries_of_their_own() -> None:
    # 2026-12-02 (found by the link checks' tests): a reference one space short of its entry
    # is taken as that entry's citation when it writes the entry's paper's id out; a bullet
    # with a link of its own to the same paper is the list repeating it (a duplicate the link
    # checks report), never a field of the bullet above.
    parsed = parse(
        "## Papers\n\n"
        "- **Study number 00000** [[paper]](https://arxiv.org/abs/2401.00001)\n"
        "- **Study number 00001** [[paper]](https://arxiv.org/abs/2401.00001)\n"
        "  * Fast R-FISH, Microsoft Research [[Paper]](http://arxiv.org/pdf/1504.08083)\n"
        "   * Ross Gill, Fast R-FISH, arXiv:1504.08083.\n"
    )
    assert [e.listed_title for e in parsed.entries] == [
        "Study number 00000", "Study number 00001", "Fast R-FISH",
    ]


def test_in_a_named_venue_and_a_year_after_the_title() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "* Title, in *Geoscientific Model Development* 2023."
    # kept ", in … 2023" in the title when the venue was no name the lists know, had "(ICDM)" or
    # began "32nd" (16 entries of a list; "in *Remote Sensing* 2023" was read).
    parsed = parse(
        "## Papers\n\n"
        "* Alpha Net: learning rain, in *Geoscientific Model Development* 2023."
        " [\\[Paper\\]](https://example.org/a1)\n"
        "* Gamma Net: learning hail, in *Conference on Data Mining (ICDM)* 2018."
        " [\\[Paper\\]](https://example.org/a3)\n"
        "* Delta Net: learning fog, in *32nd ACM Conference on Knowledge Management* 2023."
        " [\\[Paper\\]](https://example.org/a4)\n"
        "* Eps Net: learning wind, in *Remote Sensing* 2023. [\\[Paper\\]](https://example.org/a5)\n"
    )
    assert listed(parsed, "title", "venue", "year") == [
        ("Alpha Net: learning rain", "Geoscientific Model Development", 2023),
        ("Gamma Net: learning hail", "ICDM", 2018),
        ("Delta Net: learning fog", "32nd ACM Conference on Knowledge Management", 2023),
        ("Eps Net: learning wind", "Remote Sensing", 2023),
    ]


def test_one_author_then_the_year_or_the_venue_after_a_linked_title() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "* [Title](…), Rich Caruana, 2006" lost its author
    # and its year, "…, Lujun Li, ECCV 2022" read the venue "Lujun Li, ECCV" (5 entries of a
    # list); a journal's name ("Applied Sciences, 2022") or abbreviation ("Acta Mech. Sin.,
    # 2022") is no person.
    parsed = parse(
        "* [Beta Compression of Ensembles](https://example.org/beta.pdf), Rich Carver, 2006\n"
        "* [Gamma Compression of Ensembles](https://example.org/gamma.pdf), Lu Jin, ECCV 2022\n"
        "* [Delta Compression of Ensembles](https://example.org/delta.pdf), Applied Sciences,"
        " 2022\n"
        "* [Eps Compression of Ensembles](https://example.org/eps.pdf), Acta Mech. Sin., 2022\n"
    )
    assert listed(parsed, "authors", "venue", "year") == [
        ("Rich Carver", None, 2006), ("Lu Jin", "ECCV", 2022),
        (None, "Applied Sciences", 2022), (None, "Acta Mech. Sin.", 2022),
    ]


def test_an_author_list_with_one_odd_name_in_it() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "*Canran WANG, Yuwen Yang, …*" (a surname in
    # capitals), "*…, fei Wang, …*", "*…, Muhammad Habib ur Rehman, …*" cost the entry all its
    # authors (11 entries of five lists); one odd name in three is still a list of people.
    assert [looks_like_authors(t) for t in (
        "Canran WANG, Yuwen Yang, Zhen Wang, Ming MA",
        "Ke Tu, Peng Cui, Xiao Wang, fei Wang, Wenwu Zhu",
        "Michael Mathieu, camille couprie, Yann Lecun",
        "BERT, GPT, XLNet, and RoBERTa",
        "Deep Learning, NLP Models, Large Language Models",
    )] == [True, True, True, False, False]  # fmt: skip
    parsed = parse(
        "1. **Alpha Tutor: Socratic Hints for Algebra**\n\n"
        "    *Mina Park, Canran WANG, Leo Gray*\n\n"
        "    ACL, 2026. [`conference`](https://aclanthology.org/2026.acl-long.1/)\n"
    )
    assert listed(parsed, "authors", "venue") == [("Mina Park, Canran WANG, Leo Gray", "ACL")]


def test_an_italic_author_list_across_a_lines_end() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "*Ana Lima, Bo Chen, Diaz," then "Cara*, Energies,
    # 2023." (a list wrapping its BibTeX names) cut the authors at the line's end and lost the
    # venue (8 entries of a list): the italic span is one list of names.
    parsed = parse(
        "1. **Neural solvers for dry flow**, *Ana Lima, Bo Chen, Diaz,\n"
        "Cara*, Energies, 2023. [[paper](https://doi.org/10.1000/aa.11)]\n"
    )
    assert listed(parsed, "authors", "venue", "year") == [
        ("Ana Lima, Bo Chen, Diaz, Cara", "Energies", 2023),
    ]


def test_a_title_that_begins_with_a_quote_of_its_own() -> None:
    # 2026-12-02 (the twenty-fourth sweep's leftover, and three entries of the twenty-fifth's):
    # '(Arxiv 2023) "Alice is kind": Gender cues … [Paper](…)' and '1. ""That jacket is not for
    # a wedding": Turning Critiques …". `EMNLP(2021)`' were cut to the quoted words: a quote
    # before its subtitle's colon heads the title; a reference's quoted title is still its title.
    parsed = parse(
        '(Arxiv 2023) "Alice is kind": Gender cues in generated letters'
        " [Paper](https://arxiv.org/abs/2310.44444)\n\n"
        '1. ""That jacket is not for a wedding": Turning Critiques into Preferences". '
        "`EMNLP(2021)` [[PDF]](https://arxiv.org/pdf/2109.00009.pdf)\n"
        '2. Smith, John. "Gradient tricks for sparse nets." ICML 2014.'
        " [[PDF]](https://arxiv.org/pdf/1409.00473.pdf)\n"
    )
    assert [e.listed_title for e in parsed.entries] == [
        '"Alice is kind": Gender cues in generated letters',
        '"That jacket is not for a wedding": Turning Critiques into Preferences',
        "Gradient tricks for sparse nets",
    ]


def test_a_title_like_two_names_after_a_venue_tag() -> None:
    # 2026-12-02 (the twenty-fifth sweep): "(Federal Reserve Bank … Working Paper 2024.02)
    # Artificial Intelligence and Inflation Forecasts [Paper](…)" read the title as two names:
    # no title, the paper in no entry and no problem. After a tag comes the title.
    parsed = parse(
        "(Arxiv 2024) Agents that trade tea futures [Paper](https://arxiv.org/abs/2406.22222)\n\n"
        "(Toy Bank Working Paper 2024.02) Robots and Inflation Forecasts"
        " [Paper](http://bank.example.org/wp/2023/2023-015.pdf)\n"
    )
    assert listed(parsed, "title", "authors", "venue", "year") == [
        ("Agents that trade tea futures", None, "arXiv", 2024),
        ("Robots and Inflation Forecasts", None, "Toy Bank Working Paper", 2024),
    ]


def test_a_papers_own_heading_is_no_subsection_of_the_list() -> None:
    # 2026-12-02 (the twenty-fifth sweep, found while "####" under "##" became a subsection): a
    # paper's own heading ("#### Title" over "- Paper: …", "#### [Title](…)") named the
    # subsection its entry was in; it is the paper's name, no part of the list's.
    parsed = parse(
        "# L\n\n## Papers\n\n"
        "#### Alpha Patches Against Object Detectors in the Wild\n"
        "- Paper: https://arxiv.org/abs/2101.00001\n\n"
        "#### [Beta Patch Against Phones](https://arxiv.org/abs/2101.00002)\n\nECCV 2020\n\n"
        "## Lensing\n\n### Weak\n\n- [Shear nets](https://arxiv.org/abs/2101.00003)\n"
    )
    assert [(e.section, e.subsection) for e in parsed.entries] == [
        ("Papers", None), ("Papers", None), ("Lensing", "Weak"),
    ]


def test_a_reference_of_the_entrys_own_title_with_its_authors_before_it() -> None:
    # 2026-12-02 (the twenty-sixth sweep): "* Finding Action Tubes [[Paper]](…)" over "  * Georgia
    # Gkioxari, Jitendra Malik, Finding Action Tubes, CVPR, 2015." read the title as a third
    # author; "* Fast R-CNN, Microsoft Research" over "  * Ross Girshick, Fast R-CNN, arXiv:…"
    # kept the maker in the title and lost the author.
    parsed = parse(
        "## Detection\n"
        "\n"
        "* Finding Widget Tubes [[Paper]](http://arxiv.org/pdf/1411.6031)\n"
        "  * Ann Lee, Bo Chen, Finding Widget Tubes, CVPR, 2015.\n"
        "* Fast W-CNN, Widget Research [[Paper]](http://arxiv.org/pdf/1504.08083)\n"
        "  * Cy Dow, Fast W-CNN, arXiv:1504.08083.\n"
        "* You Only Widget Once: Unified, Real-Time Widgets [[Paper]](http://arxiv.org/abs/1506.02640)\n"
        "  * Di Eng, Ed Fox, You Only Widget Once: Unified, Real-Time Widgets, arXiv:1506.02640\n"
        "* Deep Widgets, Oxford [[Paper]](http://arxiv.org/abs/1506.06981)\n"
        "  * Deep Widgets, ICCV, 2015.\n"
    )
    assert listed(parsed, "title", "authors", "venue", "year") == [
        ("Finding Widget Tubes", "Ann Lee, Bo Chen", "CVPR", 2015),
        ("Fast W-CNN", "Cy Dow", None, None),
        ("You Only Widget Once: Unified, Real-Time Widgets", "Di Eng, Ed Fox", None, None),
        ("Deep Widgets", None, "ICCV", 2015),  # as before: the short name leads its reference
    ]
    assert parsed.entries[1].description == "Widget Research"
    assert errors(parsed) == []


def test_a_journal_of_one_abbreviation_then_a_comma_and_its_year() -> None:
    # 2026-12-02 (the twenty-sixth session): "[Title](…), Front. Big Data, 2021." lost its
    # venue and year; after authors, "Front" was read as one more name.
    parsed = parse(
        "## Papers\n"
        "\n"
        "- [Widget learning for big data](https://doi.org/10.3389/fdata.2021.00001), Front. Big"
        " Data, 2021.\n"
        "- [Widget learning for small data](https://doi.org/10.3389/fdata.2021.00002), Ann Lee,"
        " Bo Chen, Front. Big Data, 2021.\n"
        "- [Widgets in cells](https://doi.org/10.1038/s41592-019-0001-1), Nat. Methods, 2019.\n"
    )
    assert listed(parsed, "title", "authors", "venue", "year") == [
        ("Widget learning for big data", None, "Front. Big Data", 2021),
        ("Widget learning for small data", "Ann Lee, Bo Chen", "Front. Big Data", 2021),
        ("Widgets in cells", None, "Nat. Methods", 2019),
    ]


def test_a_figures_caption_that_cites_its_source_is_no_second_entry() -> None:
    # 2026-12-02 (the twenty-sixth session): an image over "(from Ann Lee, …, Title, arXiv:….)"
    # under each heading of awesome-deep-vision was an entry titled "(from Ann Lee, …, Title"
    # beside the paper's own entry (the same id under two titles: a false duplicate_id). The
    # caption's paper is ignored as listed elsewhere; a caption whose paper is listed nowhere
    # else is its entry, read as a reference.
    parsed = parse(
        "## Detection\n"
        "![detection](https://cloud.githubusercontent.com/assets/1/2/f76ba500.PNG)\n"
        "(from Ann Lee, Bo Chen, Faster W-CNN: Towards Real-Time Widget Detection with Region"
        " Proposal Networks, arXiv:1506.01497.)\n"
        "\n"
        "  * Faster W-CNN, Microsoft Research [[Paper]](http://arxiv.org/pdf/1506.01497)\n"
        "\n"
        "## Edges\n"
        "![edges](https://cloud.githubusercontent.com/assets/1/2/93ca6f7e.PNG)\n"
        "(from Cy Dow, Ed Fox, DeepWidget: A Multi-Scale Widget Network, CVPR, 2015.)"
        " [[Paper]](http://arxiv.org/pdf/1412.1123)\n"
        "\n"
        "  * Holistic Widgets [[Paper]](http://arxiv.org/pdf/1504.06375)\n"
    )
    assert listed(parsed, "title", "authors", "venue", "year") == [
        ("Faster W-CNN, Microsoft Research", None, None, None),
        ("DeepWidget: A Multi-Scale Widget Network", "Cy Dow, Ed Fox", "CVPR", 2015),
        ("Holistic Widgets", None, None, None),
    ]
    fates = {(f.line_no, f.url): (f.fate, f.reason) for f in parsed.link_ledger}
    assert fates[(3, "arXiv:1506.01497")] == ("ignored", "elsewhere")
    assert fates[(2, "https://cloud.githubusercontent.com/assets/1/2/f76ba500.PNG")] == (
        "ignored", "badge"
    )
    assert errors(parsed) == []
    assert parsed.line_accounting["image"] == 2  # the figure and its caption


@pytest.mark.parametrize(
    "text", ["Faster W-CNN, Microsoft Research", "W-CNN, UC Berkeley", "Mask-RCNN, FAIR"]
)
def test_a_method_and_its_maker_are_no_people(text: str) -> None:
    # "* Faster R-CNN, Microsoft Research [[Paper]](…)" with no reference under it was read as
    # two people's names: no title, an error instead of an entry.
    assert not looks_like_authors(text)
    parsed = parse(f"## Detection\n\n* {text} [[Paper]](http://arxiv.org/pdf/1506.01497)\n")
    assert listed(parsed, "title", "authors") == [(text, None)]
    assert errors(parsed) == []


@pytest.mark.parametrize("text", ["Jean-Pierre Lee, Yen-Chen Lin", "Ann Lee-Smith, Bo Chen"])
def test_hyphenated_names_are_still_people(text: str) -> None:
    assert looks_like_authors(text)


def test_a_bold_line_over_entries_of_their_own_names_their_group() -> None:
    # A bold line alone used as a sub-heading ("**In web scenarios**" over its papers: 202
    # entries of one list, 60 of another) named nothing; it names the entries' subsection
    # under a "##" heading, their group under a "###" one. A bold title over its own fields
    # is still that paper's entry.
    parsed = parse(
        "## Methods\n"
        "\n"
        "**Diffusion models:**\n"
        "\n"
        "- [Widget diffusion](https://arxiv.org/abs/2101.00001), CVPR 2021\n"
        "- [Widget flows](https://arxiv.org/abs/2101.00002), ICCV 2021\n"
        "\n"
        "**GAN models**\n"
        "- [Widget GAN](https://arxiv.org/abs/2101.00003), NeurIPS 2020\n"
        "\n"
        "### Agents\n"
        "\n"
        "**In web scenarios**\n"
        "- [Widget web agent](https://arxiv.org/abs/2101.00004)\n"
        "\n"
        "**A bold title of a paper**\n"
        "- Paper: https://arxiv.org/abs/2101.00005\n"
        "- Code: https://github.com/widget/agent\n"
    )
    assert [(e.listed_title, e.subsection, e.group) for e in parsed.entries] == [
        ("Widget diffusion", "Diffusion models", None),
        ("Widget flows", "Diffusion models", None),
        ("Widget GAN", "GAN models", None),
        ("Widget web agent", "Agents", "In web scenarios"),
        ("A bold title of a paper", "Agents", None),
    ]
    assert errors(parsed) == []


def test_a_bullet_drawn_by_hand_before_a_heading_entry() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a hand-pose list): "##### • \[2020 TPAMI\] Title."
    # kept "• [2020 TPAMI]" in 86 titles with no venue or year, and "##### • [\[arXiv:ID\]](…)
    # Title." was an error (19 papers): the drawn bullet hid the tag and the id.
    parsed = parse(
        "## Journal Papers\n\n"
        "##### • \\[2020 TPAMI\\] 3D Widget Pose Estimation. [\\[PDF\\]](https://ieeexplore.ieee.org/document/9091090)\n"
        "_Ann Lee, Bo Chen_\n"
        "##### • [\\[arXiv:2012.06475\\]](https://arxiv.org/abs/2012.06475) EventWidgets: Real-Time"
        " Widgets. [\\[PDF\\]](https://arxiv.org/pdf/2012.06475.pdf)\n"
        "_Cy Dow, Di Eng_\n\n"
        "- ► A bullet with a drawn one [paper](https://arxiv.org/abs/2012.06476)\n"
    )
    assert listed(parsed, "title", "authors", "venue", "year") == [
        ("3D Widget Pose Estimation", "Ann Lee, Bo Chen", "TPAMI", 2020),
        ("EventWidgets: Real-Time Widgets", "Cy Dow, Di Eng", None, None),
        ("A bullet with a drawn one", None, None, None),
    ]
    assert errors(parsed) == []


def test_papers_on_an_elsevier_resolver_or_openalex_are_papers() -> None:
    # 2026-12-02 (the twenty-sixth sweep): rows linking only linkinghub.elsevier.com or
    # openalex.org were of kind "other" (3 of two lists).
    parsed = parse(
        "| Year | Title | Paper |\n|---|---|---|\n"
        "| 2020 | **Robust widget clustering** |"
        " [link](https://linkinghub.elsevier.com/retrieve/pii/S1568494620303616) |\n"
        "| 2019 | **Generative widgets for graphs** | [link](https://openalex.org/W2957874522) |\n"
    )
    assert [(e.listed_title, e.kind) for e in parsed.entries] == [
        ("Robust widget clustering", "paper"),
        ("Generative widgets for graphs", "paper"),
    ]


def test_a_table_of_papers_headed_in_japanese() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a Japanese LLM list): "初出時期" (first seen) and
    # "会議/ジャーナル" (venue) were not read: 21 papers had no year, 17 no venue.
    parsed = parse(
        "| モデル名 | 初出時期 | 会議/ジャーナル | 論文 |\n"
        "|:---|:---|:---|:--|\n"
        "| Widgeter | 2017.06.12 | NIPS(NeurIPS) 2017 |"
        " [Attention Is All Widgets Need](https://arxiv.org/abs/1706.03762) |\n"
        "| WIDGET | 2018.10.11 | NAACL 2019 |"
        " [WIDGET: Deep Widgets](https://aclanthology.org/N19-1423/) |\n"
        "| Other | 2020.01.02 | - | [Other widgets](https://arxiv.org/abs/2001.00001) |\n"
    )
    assert listed(parsed, "title", "venue", "year") == [
        ("Attention Is All Widgets Need", "NIPS(NeurIPS)", 2017),  # as written
        ("WIDGET: Deep Widgets", "NAACL", 2019),
        ("Other widgets", None, 2020),
    ]


def test_a_footnote_marker_is_no_word_of_a_section_name() -> None:
    # 2026-12-02 (the twenty-sixth sweep): "## Models for text generation [^7]" named 15
    # entries' section with its footnote's marker.
    parsed = parse(
        "## Models for text generation [^7]\n\n"
        "- [Widget generation](https://arxiv.org/abs/2001.00001)\n\n"
        "[^7]: Some note on the section.\n"
    )
    assert [e.section for e in parsed.entries] == ["Models for text generation"]


def test_an_alias_in_small_letters_that_the_title_repeats() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a single-cell list): "**[scASDC] scASDC:Title**" kept
    # the bracketed alias in 16 titles ("[G3DC] G3DC:Title" lost it).
    parsed = parse(
        "| Year | Title | Venue | Paper |\n|---|---|---|---|\n"
        "| 2024 | **[scWID] scWID:Attention Enhanced Widget Clustering** | Arxiv |"
        " [link](https://arxiv.org/abs/2401.00002) |\n"
        "| 2023 | **[scMW] Clustering of single-cell widgets** | NC |"
        " [link](https://arxiv.org/abs/2401.00003) |\n"
    )
    assert [e.listed_title for e in parsed.entries] == [
        "scWID:Attention Enhanced Widget Clustering",
        "Clustering of single-cell widgets",
    ]


def test_names_of_three_or_four_words_before_et_al_after_a_mark() -> None:
    # 2026-12-02 (the twenty-sixth sweep, an EEG list): "· *Glenn Anta Bucagu et al.* (arXiv
    # 2026)" kept "Bucagu et al" (9 entries): the "·" was counted as a word of a title before
    # the names. A title in the same text still parts from them.
    parsed = parse(
        "- **Widget One**  \n"
        "  [paper](https://arxiv.org/abs/2607.27913) · *Glenn Anta Bucagu et al.* (arXiv 2026)\n"
        "- **Widget Two**  \n"
        "  [paper](https://arxiv.org/abs/2606.22657) · *Thi Kieu Khanh Ho et al.* (arXiv 2026)\n"
        "- [Widget Three](https://arxiv.org/abs/2606.22658) · Hsiang-Yun Sherry Chien et al."
        " · arXiv 2026\n"
        "- Learning widgets in real time Corey Lynch et al. [paper](https://arxiv.org/abs/2606.2)\n"
    )
    assert listed(parsed, "authors") == [
        ("Glenn Anta Bucagu et al",),
        ("Thi Kieu Khanh Ho et al",),
        ("Hsiang-Yun Sherry Chien et al",),
        ("Corey Lynch et al",),
    ]


def test_a_heading_paper_whose_only_ids_are_in_its_bibtex() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a precipitation-nowcasting list): "##### (2003)
    # Title", "* Venue: *Journal*", then the paper's BibTeX in a code block with its doi or
    # eprint: 43 papers, no Markdown link, were in no entry and no problem. The record's ids are
    # the heading's links and its authors the heading's; of a preprint's and a journal
    # version's records, the heading's title picks one. A bibliography under entries of their
    # own stays code.
    fence = "```"
    parsed = parse(
        "## Papers\n\n"
        "##### (2003) Distributed Widget Forecasting Using Radar\n"
        "* Venue: *Journal of Widgetology*\n"
        "* Doc: https://widgets.example.org/docs/\n"
        "<details><summary>bibtex</summary>\n\n"
        f"{fence}bibtex\n"
        "@article{lee2003widget,\n"
        "  author = {Lee, Ann and Chen, Bo},\n"
        "  title = {Distributed Widget Forecasting Using Radar},\n"
        "  year = {2003},\n"
        "  doi = {10.1175/1525-7541(2003)004<1168:DWFUR>2.0.CO;2}\n"
        "}\n"
        f"{fence}\n\n"
        "</details>\n\n"
        "##### (2021) Skillful Widget Forecasts\n"
        "* Venue: *arXiv*\n"
        f"{fence}bibtex\n"
        "@misc{dow2021skillful,\n"
        "  author = {Cy Dow and Di Eng},\n"
        "  title = {Skillful Widget Forecasts},\n"
        "  eprint = {2111.07470},\n"
        "  archivePrefix = {arXiv},\n"
        "}\n\n"
        "@article{dow2022deep,\n"
        "  title = {Deep learning for widget forecasts},\n"
        "  doi = {10.1038/s41467-022-32483-x}\n"
        "}\n"
        f"{fence}\n\n"
        "## Linked\n\n"
        "- [Linked widgets](https://arxiv.org/abs/2101.00001)\n\n"
        f"{fence}bibtex\n"
        "@misc{other, title = {Other}, doi = {10.1/other}}\n"
        "@misc{more,\n  doi = {10.1/more}\n}\n"
        f"{fence}\n"
    )
    assert listed(parsed, "title", "authors", "venue", "year") == [
        ("Distributed Widget Forecasting Using Radar", "Lee, Ann and Chen, Bo",
         "Journal of Widgetology", 2003),
        ("Skillful Widget Forecasts", "Cy Dow and Di Eng", "arXiv", 2021),
        ("Linked widgets", None, None, None),
    ]  # fmt: skip
    assert [[k.url for k in e.links] for e in parsed.entries] == [
        ["https://widgets.example.org/docs/",
         "https://doi.org/10.1175/1525-7541(2003)004<1168:DWFUR>2.0.CO;2"],
        ["arXiv:2111.07470"],
        ["https://arxiv.org/abs/2101.00001"],
    ]  # fmt: skip
    assert errors(parsed) == []


def test_emoji_shortcodes_are_no_words_of_a_section_name() -> None:
    # 2026-12-02 (the twenty-sixth sweep): "### :books:Knowledge and Capability Evaluation"
    # named 267 entries' subsection with GitHub's emoji codes; a time ("10:30:00") stays.
    parsed = parse(
        "## :package: Papers\n\n"
        "### :books:Knowledge Evaluation\n\n"
        "- [Widget knowledge](https://arxiv.org/abs/1606.05250)\n\n"
        "### :syringe::woman_judge: Specialized\n\n"
        "- [Widget med](https://arxiv.org/abs/1606.05252)\n\n"
        "### Talks at 10:30:00\n\n"
        "- [Widget talk](https://arxiv.org/abs/1606.05253)\n"
    )
    assert [(e.section, e.subsection) for e in parsed.entries] == [
        ("Papers", "Knowledge Evaluation"),
        ("Papers", "Specialized"),
        ("Papers", "Talks at 10:30:00"),
    ]


def test_the_nearest_heading_below_the_subsection_names_the_entries_group() -> None:
    # 2026-12-02 (the twenty-sixth sweep): "#### Question Answering" and "##### Commonsense
    # Reasoning" under "### Knowledge Evaluation" were recorded nowhere (630 entries of five
    # lists kept only the "###"). The nearest one names the entries' group; a dated heading
    # ("#### 2019") dates them and names none; a paper's own heading names none.
    parsed = parse(
        "## Papers\n\n### Knowledge Evaluation\n\n#### Question Answering\n\n"
        "- [Widget QA](https://arxiv.org/abs/1606.05250)\n\n"
        "##### Commonsense Reasoning\n\n"
        "- [Widget sense](https://arxiv.org/abs/1606.05251)\n\n"
        "#### 2019\n\n"
        "- [Widget year](https://arxiv.org/abs/1606.05252)\n\n"
        "#### [A Paper With Its Own Heading](https://arxiv.org/abs/1606.05253)\n"
        "- Code: https://github.com/widget/own\n\n#### Benchmarks\n\n"
        "| Title | Paper |\n|---|---|\n| Widget row | [paper](https://arxiv.org/abs/1606.05254) |\n"
    )
    assert [(e.listed_title, e.subsection, e.group, e.listed_year) for e in parsed.entries] == [
        ("Widget QA", "Knowledge Evaluation", "Question Answering", None),
        ("Widget sense", "Knowledge Evaluation", "Commonsense Reasoning", None),
        ("Widget year", "Knowledge Evaluation", None, 2019),
        ("A Paper With Its Own Heading", "Knowledge Evaluation", None, None),
        ("Widget row", "Knowledge Evaluation", "Benchmarks", None),
    ]


def test_names_joined_by_and_before_et_al_stay_one_author_list() -> None:
    # 2026-12-02 (the twenty-sixth sweep, an LLM-evaluation list): "*Yupeng Chang and Xu Wang
    # et al.*" kept "Xu Wang et al" (the first author lost, 14 entries) and "*Pratik Joshi,
    # Somak Aditya and Aalok Sathe et al.*" kept "Pratik Joshi, Somak Aditya and Aalok" (8).
    parsed = parse(
        "1. Widget: **\"Widget evaluation of things\"**.\n\n"
        "    *Yupeng Chang and Xu Wang et al.* arXiv 2023. [[Paper](https://arxiv.org/pdf/2307.03109.pdf)]\n\n"
        "2. Social: **\"Social widgets\"**.\n\n"
        "    *Pratik Joshi, Somak Aditya and Aalok Sathe et al.* CoNLL 2020."
        " [[Paper](http://arxiv.org/abs/2009.14505)]\n\n"
        "3. Learning to see and act Corey Lynch et al. [paper](https://arxiv.org/abs/2606.00002)\n"
    )
    assert listed(parsed, "title", "authors") == [
        ("Widget evaluation of things", "Yupeng Chang and Xu Wang et al"),
        ("Social widgets", "Pratik Joshi, Somak Aditya and Aalok Sathe et al"),
        ("Learning to see and act", "Corey Lynch et al"),
    ]


def test_a_preprints_day_is_no_month_of_the_venues_year() -> None:
    # 2026-12-02 (the twenty-sixth sweep, an LLM-reliability list): "ICLR 2023." then "17 Oct
    # 2022" (the preprint's day) read October 2023, a date that exists nowhere (21 entries).
    parsed = parse(
        "**Prompting Widgets To Be Reliable** \\\n"
        "*Ann Lee, Bo Chen* \\\n"
        "ICLR 2023. [[Paper](https://arxiv.org/abs/2210.09150)] \\\n"
        "17 Oct 2022\n\n"
        "**Other Widgets** \\\n"
        "*Ann Lee, Bo Chen* \\\n"
        "EMNLP 2022. [[Paper](https://arxiv.org/abs/2210.09151)] \\\n"
        "16 Oct 2022\n"
    )
    assert listed(parsed, "venue", "year", "month") == [("ICLR", 2023, None), ("EMNLP", 2022, 10)]


def test_a_heading_paper_linked_to_its_conference_page() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a hallucination-detection list): "### [Title](https://
    # neurips.cc/virtual/2024/poster/95598)" over its "- **Metrics:** …" was read as a
    # subsection (its link ignored as prose, no problem): the list's first paper, lost.
    parsed = parse(
        "## Papers and Summaries\n\n"
        "### [Semantic Widgets: Uncertainty in Widget Space](https://neurips.cc/virtual/2024/poster/95598)\n"
        "- **Metrics:** AUROC, AUPR\n\n"
        "### [Widget Detection](https://icml.cc/virtual/2023/oral/25555)\n"
        "- **Datasets:** WidgetQA\n"
    )
    assert [(e.listed_title, e.kind) for e in parsed.entries] == [
        ("Semantic Widgets: Uncertainty in Widget Space", "paper"),
        ("Widget Detection", "paper"),
    ]
    assert errors(parsed) == []


def test_a_conferences_other_pages_name_no_paper() -> None:
    from enrich.parse.links import is_paperish

    assert is_paperish("https://neurips.cc/virtual/2024/poster/95598", "")
    assert not is_paperish("https://neurips.cc/", "")
    assert not is_paperish("https://neurips.cc/Conferences/2024/CallForPapers", "")


def test_a_short_journal_in_italics_after_the_authors_under_a_linked_title() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a graph-causal list): "- Title." "[[pdf]](…)" over
    # "  - Judea Pearl. *Statistics Surveys*, 2009." lost its venue and year (8 of 81 entries)
    # when the journal was not one the parser knew by name. A paper's title in the same place
    # is not a venue.
    parsed = parse(
        "- Causal widgets in statistics: An overview.\n"
        "  [[pdf]](https://ftp.cs.ucla.edu/pub/stat_ser/r350.pdf)\n"
        "  - Judea Pearl. *Statistics Surveys*, 2009.\n"
        "- Explainable widgets for graph neural networks.\n"
        "  [[pdf]](https://arxiv.org/abs/2101.00001)\n"
        "  - Ann Lee, Bo Chen, and Cy Dow. *Information Fusion*, 2021.\n"
        "- Counterfactual widgets for graph neural networks.\n"
        "  [[pdf]](https://arxiv.org/abs/2101.00003)\n"
        "  - Ann Lee and Bo Chen. *Knowledge-Based Systems*, 2022.\n"
        "- Deep widget learning for fish and other animals.\n"
        "  [[pdf]](https://arxiv.org/abs/2101.00002)\n"
        "  - Ann Lee, Bo Chen. Deep Widget Learning for Fish Recognition, 2015.\n"
    )
    assert listed(parsed, "venue", "year") == [
        ("Statistics Surveys", 2009),
        ("Information Fusion", 2021),
        ("Knowledge-Based Systems", 2022),
        (None, None),  # (as before: a reference of another title says nothing of this one)
    ]


def test_several_papers_in_one_cell_each_titled_by_its_link() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a course's reading list): "This lecture is based on
    # [Title A](arxiv) and [Title B](arxiv)" was one entry titled "This lecture is based on"
    # holding two papers, and "[Title A](ieeexplore) and [Title B](arxiv)" one entry of two
    # papers (7 papers merged into a neighbour). Links labelled by their own titles are one
    # paper each, on any paper host; "Title [arXiv](…) [IEEE](…)" is still one paper.
    parsed = parse(
        "| Week | Readings | Slides |\n|:--|:--|:--|\n"
        "| 3 | This lecture is based on [What Can Neural Widgets Reason About?]"
        "(https://arxiv.org/abs/1905.13211) and [Geometric Deep Widget Learning]"
        "(https://arxiv.org/abs/2104.13478) | [PDF](https://github.com/o/c/blob/main/l6.pdf) |\n"
        "| 4 | [The Graph Widget Model](https://ieeexplore.ieee.org/document/4700287) and"
        " [Convolutional Widgets on Graphs](https://arxiv.org/abs/1606.09375) | |\n"
        "| 5 | Widget learning at scale [arXiv](https://arxiv.org/abs/1907.06051)"
        " [IEEE](https://ieeexplore.ieee.org/document/4700288) | |\n"
    )
    assert [e.listed_title for e in parsed.entries] == [
        "What Can Neural Widgets Reason About?",
        "Geometric Deep Widget Learning",
        "The Graph Widget Model",
        "Convolutional Widgets on Graphs",
        "Widget learning at scale",
    ]


def test_a_table_of_results_repeats_no_paper_the_list_has() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a remote-sensing list): tables of scores ("| Method |
    # Year | BLEU-1 | BLEU-2 | … |", a row a method) were 54 entries titled by methods' names,
    # most of them papers the list had already (45 % of its entries were such rows). A row of
    # three scores or more is a result: no entry when its paper is one already (by its id or
    # its page), else the paper's entry, once.
    parsed = parse(
        "## Papers\n\n"
        "- [Widget captioning with attention](https://ieeexplore.ieee.org/document/8240966/)\n\n"
        "## Benchmarks\n\n"
        "| Method | Year | BLEU-1 | BLEU-2 | CIDEr |\n|---|---|---|---|---|\n"
        "| [VLAD-WIDGET](https://ieeexplore.ieee.org/document/8240966) | 2018 | 0.7016 | 0.6085 |"
        " 2.3131 |\n"
        "| [Soft Widget](https://arxiv.org/abs/1502.03044) | 2015 | 0.7322 | 0.6346 | -- |\n"
        "| [Soft Widget](https://arxiv.org/abs/1502.03044) | 2015 | 0.7122 | 0.6146 | -- |\n\n"
        "| Model | Year | Citations | Paper |\n|---|---|---|---|\n"
        "| Widget-2 | 2019 | 120 | [Widgets all the way](https://arxiv.org/abs/1901.00002) |\n"
    )
    assert [(e.listed_title, e.section) for e in parsed.entries] == [
        ("Widget captioning with attention", "Papers"),
        ("Soft Widget", "Benchmarks"),
        ("Widgets all the way", "Benchmarks"),  # (a table of papers: one score, no result)
    ]
    fates = [(f.line_no, f.fate, f.reason) for f in parsed.link_ledger if f.fate != "entry"]
    assert fates == [(9, "ignored", "elsewhere"), (11, "ignored", "elsewhere")]
    assert errors(parsed) == []


def test_a_short_affiliation_after_a_name_is_no_part_of_the_list() -> None:
    # 2026-12-02 (the twenty-sixth sweep, an LLM-agents list): "*Shuyan Zhou (CMU) et al.*",
    # "*Ronan Collobert(Princeton) et al.*" kept the affiliation (25 entries): only one that
    # names an organisation ("(Tsinghua University)") went. A few words with no number after
    # a whole name go too; a nickname inside a name and a year stay.
    parsed = parse(
        "- [2023/07] **Widget Arena.** *Shuyan Zhou (CMU) et al. arXiv.*"
        " [[paper](https://arxiv.org/abs/2307.13854)]\n"
        "- [2011/03] **Widgets from Scratch.** *Ronan Collobert(Princeton) et al. arXiv.*"
        " [[paper](https://arxiv.org/abs/1103.0398)]\n"
        "- [Widget Detectives](https://x.org/d.pdf) - Ann Lee (UC Berkeley),"
        " Duen Horng (Polo) Chau\n"
    )
    assert [e.listed_authors for e in parsed.entries] == [
        "Shuyan Zhou et al", "Ronan Collobert et al", "Ann Lee, Duen Horng (Polo) Chau",
    ]


def test_a_row_of_one_cell_in_an_html_table_names_the_rows_below_it() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a survey's companion list): '<td colspan="5">📖CNN-Based
    # Method</td>' rows named the categories of one big HTML table; the 77 papers had none. The
    # category is their group, as a bold row's is in a Markdown table, up to the table's end.
    parsed = parse(
        "## Methods\n\n"
        "<table>\n"
        "    <tr><td>Metric</td><td>Year</td><td>Paper name</td></tr>\n"
        '    <tr><td colspan="3"><a id="1"></a> 📖HVS-Based Method</td></tr>\n'
        "    <tr><td>W-SSIM</td><td>2004</td><td><a href=\"https://ieeexplore.ieee.org/document/1284395\">"
        "Widget quality assessment: from error visibility</a></td></tr>\n"
        '    <tr><td colspan="3">📖CNN-Based Method</td></tr>\n'
        "    <tr><td>W-CNN</td><td>2014</td><td><a href=\"https://ieeexplore.ieee.org/document/6909620\">"
        "Convolutional widgets for no-reference quality</a></td></tr>\n"
        "</table>\n\n"
        "<ul><li><a href=\"https://arxiv.org/abs/2101.00001\">"
        "A widget paper after the table</a></li></ul>\n"
    )
    assert [e.group for e in parsed.entries] == ["HVS-Based Method", "CNN-Based Method", None]


def test_a_quotes_mark_after_a_break_in_a_table_cell() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a remote-sensing list): "<br/>> TGRS 2022<br/>" in a
    # paper's cell read the venue "> TGRS" (23 entries).
    parsed = parse(
        "| Paper | Abstract |\n|---|---|\n"
        "| [NWPU-Widgets Dataset for Remote Widget Captioning](https://ieeexplore.ieee.org/document/9866055/)"
        "<br/>*Qimin Cheng; Haiyan Huang*<br/>> Huazhong University of Science and Technology"
        "<br/>> TGRS 2022<br/>> Cited by 106 | The paper proposes |\n"
    )
    assert listed(parsed, "venue", "year") == [("TGRS", 2022)]


def test_names_before_et_al_glued_to_the_venue_or_with_a_particle() -> None:
    # 2026-12-02 (the twenty-sixth sweep, an LLM-agents list): "*Aman Madaan et al.arXiv.*"
    # lost authors and venue (8 entries), "*Aaron van den Oord et al. arXiv.*" kept "Oord et
    # al", and "*Yuan Gong et al. arXiv. *" (a space before the closing mark, so no emphasis)
    # kept a "*" in its authors.
    parsed = parse(
        "- [2022/10] **Widgets of Code are Few-Shot Learners.** *Aman Madaan et al.arXiv.*"
        "[[paper](https://arxiv.org/abs/2210.07128)]\n"
        "- [2017/11] **Neural Discrete Widget Learning.** *Aaron van den Oord et al. arXiv.*"
        "[[paper](https://arxiv.org/abs/1711.00937)]\n"
        "- [2021/04] **AST: Audio Widget Transformer.** *Yuan Gong et al. arXiv. *"
        "[[paper](https://arxiv.org/abs/2104.01778)]\n"
    )
    assert listed(parsed, "authors", "venue") == [
        ("Aman Madaan et al", "arXiv"),
        ("Aaron van den Oord et al", "arXiv"),
        ("Yuan Gong et al", "arXiv"),
    ]


def test_a_bold_venue_tag_is_no_title_when_a_link_names_the_work() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a remote-sensing list): "[**Remote sensing 2024**]
    # [0] [Title](…)" was titled "Remote sensing 2024" (3 entries; "[**TGRS 2024**]" was read).
    parsed = parse(
        "* [**Remote sensing 2024**] [0] [RS-Widget: A Vision-Language Widget for Captioning]"
        "(https://doi.org/10.3390/rs16091477) *Yakoub Bazi et al.*\n"
        "* [**Pattern Recognition 2021**] [3] [Pattern Widgets in the Wild]"
        "(https://doi.org/10.1016/j.patcog.2021.1) *Li et al.*\n"
    )
    assert listed(parsed, "title", "venue", "year") == [
        ("RS-Widget: A Vision-Language Widget for Captioning", "Remote sensing", 2024),
        ("Pattern Widgets in the Wild", "Pattern Recognition", 2021),
    ]


def test_a_long_author_list_is_still_an_author_list() -> None:
    # 2026-12-02 (the twenty-sixth sweep): Llama 2's 68 names (1,400 characters) and HELM's 50
    # had no authors at all: a list over 600 characters was read as no list of names.
    names = ", ".join(f"Ann{chr(97 + k % 26)} Lee{chr(97 + k // 26)}son" for k in range(68))
    parsed = parse(
        "1. **Widget 2: Open Foundation and Fine-Tuned Chat Widgets**\n"
        f"   *{names}* [[paper]](https://arxiv.org/abs/2307.09288) 2023.7\n"
    )
    assert listed(parsed, "authors") == [(names,)]


def test_a_publisher_then_its_venues_acronym_in_parentheses() -> None:
    # 2026-12-02 (the twenty-sixth sweep, an LLM-agents list): "*Corey Lynch et al.
    # IEEE(RAL)*", "IEEE(ICRA)." read the venue "IEEE"; an acronym no list uses stays IEEE.
    parsed = parse(
        "- [2023/07] Interactive widgets: Talking to robots in real time *Corey Lynch et al."
        " IEEE(RAL)* [[paper](https://arxiv.org/pdf/2210.06407.pdf)]\n"
        "- [2023/02] **Widgets as Policies.** *Jacky Liang et al. IEEE(ICRA).*"
        " [[paper](https://arxiv.org/pdf/2209.07753.pdf)]\n"
        "- [2022/01] **A Survey of Embodied Widgets.** *Jiafei Duan et al. IEEE(TETCI).*"
        " [[paper](https://arxiv.org/pdf/2103.04918.pdf)]\n"
    )
    assert listed(parsed, "authors", "venue") == [
        ("Corey Lynch et al", "RAL"), ("Jacky Liang et al", "ICRA"), ("Jiafei Duan et al", "IEEE"),
    ]


def test_title_year_and_one_author_glued_to_their_commas() -> None:
    # 2026-12-02 (the twenty-sixth sweep, a recommender-systems list): "Title (2012),S Rendle."
    # and "Title (2007), A Paterek." kept the year and the name in the title, as did
    # "…at Facebook(2014), X He, J Pan" (5 entries); "(2008), Y Koren" was read.
    parsed = parse(
        "- Factorization Widgets with libFM (2012),S Rendle. [[pdf]](https://x.org/a.pdf)\n"
        "- Improving regularized widget decomposition (2007), A Paterek. [[pdf]](https://x.org/b.pdf)\n"
        "- Practical Lessons from Predicting Widgets at Facebook(2014), X He, J Pan, O Jin."
        " [[pdf]](https://x.org/c.pdf)\n"
        "- Widget factorization meets the neighborhood (2008), Y Koren. [[pdf]](https://x.org/d.pdf)\n"
    )
    assert listed(parsed, "title", "year") == [
        ("Factorization Widgets with libFM", 2012),
        ("Improving regularized widget decomposition", 2007),
        ("Practical Lessons from Predicting Widgets at Facebook", 2014),
        ("Widget factorization meets the neighborhood", 2008),
    ]
    assert listed(parsed, "authors")[0] == ("S Rendle",)


def test_a_table_of_papers_with_dashes_for_what_it_lacks_is_no_table_of_results() -> None:
    # "| [Paper](…) | - | - | - |": no code, no data, no notes -- not three scores. The same
    # paper twice in such tables is listed twice, as before.
    parsed = parse(
        "| Paper | Code | Data | Notes |\n|---|---|---|---|\n"
        "| [Widget sensing](https://arxiv.org/abs/2101.00001) | - | - | - |\n\n"
        "### Again\n\n"
        "| Paper | Code | Data | Notes |\n|---|---|---|---|\n"
        "| [Widget sensing](https://arxiv.org/abs/2101.00001) | - | - | - |\n"
    )
    assert [e.listed_title for e in parsed.entries] == ["Widget sensing", "Widget sensing"]
