"""enrich.checks, piece by piece: title words and weights, the evidence a wrong link leaves
(title, name, year, authors), bounded details, and the problems a small list's load derives."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from enrich.checks import (
    DETAIL_EXAMPLES,
    DOUBTFUL_SCORE,
    MISMATCH_SCORE,
    TitleComparison,
    TitleWeights,
    _few_distinct,
    _few_others,
    author_evidence,
    name_evidence,
    title_similarity,
    title_words,
    wrong_link,
    year_evidence,
)
from enrich.pipeline import RefreshOptions, run_refresh
from enrich.warehouse import open_reader

from support import make_settings

LLM_TITLES = [
    "Large Language Models for Counseling",
    "Large Language Models in Psychotherapy",
    "PsyGUARD: Suicide Risk Detection with Large Language Models",
    "Evaluating Large Language Models on Empathy",
]


def test_title_words_drop_stop_words_and_plural_s() -> None:
    assert title_words("The LLMs of Towards Models: a Study") == ["llm", "model", "study"]
    assert title_words("Glass and Gas") == ["glass", "gas"]  # 'ss' kept, short words kept
    assert title_words(None) == []


def test_common_words_weigh_less_than_distinctive_ones() -> None:
    weights = TitleWeights(LLM_TITLES)
    assert weights.weight("psyguard") > weights.weight("language")
    assert weights.weight("unseen") == max(weights.weight(w) for w in ("unseen", "psyguard"))


def test_compare_scores_the_same_paper_high_and_another_low() -> None:
    weights = TitleWeights(LLM_TITLES)
    same = weights.compare(
        "PsyGUARD: Suicide Risk Detection with Large Language Models",
        "PsyGUARD: Suicide Risk Detection with Large Language Models. Extended Version",
    )
    assert same.score == 100.0  # a subtitle added by the source costs nothing
    typo = weights.compare("Evaluating Large Languge Models on Empathy",
                           "Evaluating Large Language Models on Empathy")
    assert typo.score == 100.0  # a typo in a long word is the same word
    other = weights.compare("Large Language Models for Counseling",
                            "Graph Neural Networks for Traffic Forecasting")
    assert other.score < MISMATCH_SCORE
    assert other.missing[0] == "counseling" and "traffic" in other.extra
    assert weights.compare("", "Anything").score == 100.0  # nothing to compare: no evidence
    # The same words in another case, order or number: full marks, every word shared.
    alike = weights.compare(
        "Large Language Models for Counseling", "counseling: large language model"
    )
    assert alike == TitleComparison(100.0, ("large", "language", "model", "counseling"), (), ())


def test_plain_similarity_ignores_case_and_punctuation() -> None:
    assert title_similarity("PsyQA: a Dataset!", "psyqa a dataset") == 100.0
    assert title_similarity("PsyQA", "Counseling with GPT") < 50


def test_year_evidence_allows_one_year_either_way() -> None:
    assert year_evidence(2023, 2022, 2024) is None
    assert year_evidence(2021, 2022, None) is None  # a year early: the preprint's
    assert year_evidence(2019, 2022, 2023) == "listed year 2019, the paper is of 2022–2023"
    assert year_evidence(2030, 2024, 2024) == "listed year 2030, the paper is of 2024"
    assert year_evidence(None, 2024, 2024) is None and year_evidence(2020, None, None) is None


def test_name_evidence_compares_the_short_names_before_a_colon() -> None:
    assert name_evidence("PsyGUARD: Risk", "SMILE: Chats") == (
        "the names differ: 'PsyGUARD' / 'SMILE'"
    )
    assert name_evidence("PsyGUARD: Risk", "PsyGUARD v2: Risk") is None
    assert name_evidence("No name here", "SMILE: Chats") is None
    assert name_evidence("A Very Long Opening Phrase: x", "SMILE: y") is None  # not a name


def test_author_evidence_needs_two_sources_with_disjoint_surnames() -> None:
    assert author_evidence({"arXiv": ["Ada Lovelace"], "Semantic Scholar": ["Alan Turing"]}) == (
        "the Semantic Scholar and arXiv records share no author"
    )
    assert author_evidence({"arXiv": ["A. Lovelace"], "ACL Anthology": ["Ada Lovelace"]}) is None
    assert author_evidence({"arXiv": ["Ada Lovelace"], "ACL Anthology": []}) is None


def entry(**fields: Any) -> dict[str, Any]:
    base = {"listed_title": None, "fetched_title": None, "listed_year": None, "first_year": None,
            "work_year": None, "arxiv_authors": None, "acl_authors": None, "s2_authors": None}
    return base | fields


def test_wrong_link_names_its_evidence_and_lets_right_links_be() -> None:
    weights = TitleWeights(LLM_TITLES)
    right = entry(listed_title=LLM_TITLES[0], fetched_title=LLM_TITLES[0] + ": A Survey")
    assert wrong_link(right, weights) is None
    assert wrong_link(entry(listed_title=LLM_TITLES[0]), weights) is None  # nothing fetched
    found = wrong_link(
        entry(listed_title="Large Language Models for Counseling",
              fetched_title="Graph Neural Networks for Traffic Forecasting",
              listed_year=2024, first_year=2019, work_year=2019),
        weights,
    )
    assert found is not None
    detail, score = found
    assert score < MISMATCH_SCORE
    assert detail.startswith(
        "listed 'Large Language Models for Counseling' but the link is 'Graph Neural Networks "
        "for Traffic Forecasting' (title likeness "
    )
    assert "only in the list: counseling" in detail
    assert detail.endswith("listed year 2024, the paper is of 2019)")
    # A doubtful title alone is let be; with a year that disagrees too, it is flagged.
    doubtful = entry(listed_title="Large Language Models for Counseling Dialogues",
                     fetched_title="Large Language Models for Psychotherapy Dialogues")
    assert MISMATCH_SCORE <= weights.compare(doubtful["listed_title"],
                                             doubtful["fetched_title"]).score < DOUBTFUL_SCORE
    assert wrong_link(doubtful, weights) is None
    flagged = wrong_link(doubtful | {"listed_year": 2024, "first_year": 2015}, weights)
    assert flagged is not None and flagged[0].endswith("listed year 2024, the paper is of 2015)")


def test_details_name_a_few_others_and_count_the_rest() -> None:
    listed = sorted((f"Title {i}", f"e{i}") for i in range(10))
    assert _few_others(listed, "e0", 9) == "Title 1 | Title 2 | Title 3 | … and 6 more"
    assert _few_others(listed[:3], "e1", 2) == "Title 0 | Title 2"
    counts = Counter({"A": 2, "B": 1, "C": 1, "D": 1, "E": 1})
    ordered = sorted(counts)
    assert _few_distinct(ordered, counts, "A") == "A | B | C | … and 2 more"  # A shared: named
    assert _few_distinct(ordered, counts, "B") == "A | C | D | … and 1 more"
    assert DETAIL_EXAMPLES == 3


LIST = """# Awesome checks

## Models

- **CounselBot: Chat for Counseling** [[paper]](https://arxiv.org/abs/2401.00001) [[code]](https://github.com/lab/bot)
- **Another Title Entirely** [[paper]](https://arxiv.org/abs/2401.00001)
- **SafeTalk: Guarding Chats** [[paper]](https://arxiv.org/abs/2402.00002) [[code]](https://github.com/lab/bot)

## Data

- **CounselBot: Chat for Counseling** [[paper]](https://arxiv.org/abs/2401.00001)
- **Twin Title** [[paper]](https://arxiv.org/abs/2403.00003)
- **Twin Title** [[paper]](https://arxiv.org/abs/2404.00004)
"""


def test_a_load_derives_each_kind_of_problem(tmp_path: Path) -> None:
    source = tmp_path / "checks.md"
    source.write_text(LIST, encoding="utf-8")
    settings = make_settings(tmp_path / "run", list_file=source)
    run_refresh(settings, RefreshOptions(offline=True, release=False))
    with open_reader(settings) as con:
        rows = con.execute(
            "SELECT e.listed_title, e.section, p.problem, p.detail FROM link_problems p "
            "JOIN current_entries e USING (list_name, entry_id) "
            "ORDER BY p.problem, e.position"
        ).fetchall()
    found = {(title, section, problem) for title, section, problem, _ in rows}
    assert found == {
        ("CounselBot: Chat for Counseling", "Models", "duplicate_id"),
        ("Another Title Entirely", "Models", "duplicate_id"),
        ("CounselBot: Chat for Counseling", "Data", "duplicate_id"),
        ("CounselBot: Chat for Counseling", "Models", "listed_twice"),
        ("CounselBot: Chat for Counseling", "Data", "listed_twice"),
        ("CounselBot: Chat for Counseling", "Models", "shared_repository"),
        ("SafeTalk: Guarding Chats", "Models", "shared_repository"),
        ("Twin Title", "Data", "same_title_different_ids"),
    }
    details = {(title, problem): detail for title, _, problem, detail in rows}
    assert details[("Another Title Entirely", "duplicate_id")] == (
        "arxiv:2401.00001 is also linked from: CounselBot: Chat for Counseling | "
        "CounselBot: Chat for Counseling"
    )
    assert details[("SafeTalk: Guarding Chats", "shared_repository")] == (
        "github:lab/bot is also the code link of: CounselBot: Chat for Counseling"
    )
    assert details[("Twin Title", "same_title_different_ids")] == (
        "same title, other paper link in: Data"
    )
