"""Link checks that catch real mistakes in a list.

- title_mismatch: the paper an entry links is most likely another paper than the one the list
  names: the titles share too few of their distinctive words (words weighted by how rare they are
  among the list's titles, so "… with large language models" counts for little), or they share
  some but the year or the authors disagree as well. The detail gives the evidence.
- duplicate_id: one paper id linked from entries with different titles: at most one is right.
- shared_repository: one code repository linked from entries about different papers.
- listed_twice: the same paper listed again (same title, same id) in another place of the list.
- same_title_different_ids: one title, two different papers: one of the links is likely wrong,
  or the preprint and its published version are listed as two entries.

Derived anew at every load for the current version of each list.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import duckdb
from rapidfuzz import fuzz

from enrich.resolve import normalise_title
from enrich.warehouse.bulk import dict_rows, insert_columnar

# A wrong link: below MISMATCH_SCORE of title likeness; or below DOUBTFUL_SCORE with a year or
# authors that disagree too. Title likeness (0–100) is the weighted share of distinctive words
# the two titles have in common (see `TitleWeights`). Measured on both seed list versions and
# the generic-title wrong links of the fake upstream: true matches score ≥ 80 (subtitles,
# casing, punctuation, typos differ), wrong links ≤ 45, generic-title wrong links 15–45.
MISMATCH_SCORE = 70.0
DOUBTFUL_SCORE = 80.0
# Years: a list may give the preprint's year or the venue's; one year either way is a slip.
YEAR_SLACK = 1
# Two words are one when they are alike at least this much (typos, British/American spelling).
WORD_MATCH = 88.0
STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "for",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "by",
        "with",
        "from",
        "via",
        "into",
        "through",
        "using",
        "based",
        "towards",
        "toward",
        "is",
        "are",
        "as",
        "its",
        "their",
        "our",
        "we",
        "do",
        "does",
        "can",
    }
)


def title_similarity(listed: str, fetched: str) -> float:
    """Plain token-set similarity (0–100), unweighted (used where no list context exists)."""
    return float(fuzz.token_set_ratio(normalise_title(listed), normalise_title(fetched)))


def title_words(title: str | None) -> list[str]:
    """The words of a title that can tell papers apart: lower-case, no stop words, a plural
    's' dropped (LLMs ~ LLM)."""
    words = []
    for word in normalise_title(title).split():
        if word in STOP_WORDS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


class TitleWeights:
    """How distinctive each word is among a list's titles: idf = ln((N + 1) / (df + 1)) + 1.
    'language' in a list of LLM papers weighs little, 'psyguard' much."""

    def __init__(self, titles: list[str]) -> None:
        self.n = len(titles)
        self.df: Counter[str] = Counter()
        for title in titles:
            self.df.update(set(title_words(title)))

    def weight(self, word: str) -> float:
        return math.log((self.n + 1) / (self.df.get(word, 0) + 1)) + 1.0

    def compare(self, listed: str, fetched: str) -> TitleComparison:
        a, b = dict.fromkeys(title_words(listed)), dict.fromkeys(title_words(fetched))
        if not a or not b:
            return TitleComparison(100.0, (), (), ())
        if a.keys() == b.keys():  # the same words (most links): what the rest would find
            return TitleComparison(100.0, tuple(a), (), ())
        shared = [w for w in a if w in b or any(_alike(w, x) for x in b)]
        matched_b = [x for x in b if x in a or any(_alike(x, w) for w in a)]
        weight_a = sum(self.weight(w) for w in a)
        weight_b = sum(self.weight(w) for w in b)
        recall = sum(self.weight(w) for w in shared) / weight_a
        precision = sum(self.weight(w) for w in matched_b) / weight_b
        missing = tuple(sorted((w for w in a if w not in shared), key=self.weight, reverse=True))
        extra = tuple(sorted((w for w in b if w not in matched_b), key=self.weight, reverse=True))
        # The better of the two directions: a list may shorten a title, a source may add a subtitle.
        return TitleComparison(
            round(100 * max(recall, precision), 1), tuple(shared), missing, extra
        )


@dataclass(frozen=True)
class TitleComparison:
    score: float  # 0–100
    shared: tuple[str, ...]
    missing: tuple[str, ...]  # distinctive words of the listed title the fetched one lacks
    extra: tuple[str, ...]  # and the other way round


def _alike(a: str, b: str) -> bool:
    return len(a) >= 5 and len(b) >= 5 and fuzz.ratio(a, b) >= WORD_MATCH


def year_evidence(listed_year: int | None, first_year: int | None, year: int | None) -> str | None:
    """Why the listed year cannot be this paper's, or None when it can (or nothing is known)."""
    known = [y for y in (first_year, year) if y]
    if not listed_year or not known:
        return None
    if min(known) - YEAR_SLACK <= listed_year <= max(known) + YEAR_SLACK:
        return None
    span = str(min(known)) if min(known) == max(known) else f"{min(known)}–{max(known)}"
    return f"listed year {listed_year}, the paper is of {span}"


def name_evidence(listed: str, fetched: str) -> str | None:
    """Why two titles name different papers by name: both open with a short name before a colon
    ("PsyGUARD: …", "SMILE: …") and no word of one is like a word of the other."""
    a, b = _title_name(listed), _title_name(fetched)
    if not a or not b:
        return None
    if any(x == y or _alike(x, y) for x in a for y in b):
        return None
    names = (listed.split(":", 1)[0].strip(), fetched.split(":", 1)[0].strip())
    return f"the names differ: '{names[0]}' / '{names[1]}'"


def _title_name(title: str) -> list[str]:
    head, colon, _ = title.partition(":")
    words = normalise_title(head).split()
    return words if colon and 0 < len(words) <= 3 else []


def author_evidence(author_lists: dict[str, list[str]]) -> str | None:
    """Why the records joined in one work are about different papers: two sources whose author
    lists share no surname. None when they share one, or fewer than two sources have authors."""
    surnames = {
        source: {_surname(name) for name in names if name}
        for source, names in author_lists.items()
        if names
    }
    sources = sorted(surnames)
    for i, first in enumerate(sources):
        for second in sources[i + 1 :]:
            if surnames[first] and surnames[second] and not surnames[first] & surnames[second]:
                return f"the {first} and {second} records share no author"
    return None


def _surname(name: str) -> str:
    parts = normalise_title(name).split()
    return parts[-1] if parts else ""


def run_link_checks(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute link_problems for the current lists; returns how many were flagged.

    Every check compares entries of one list, so the lists are checked one at a time: one
    list's rows in memory, not a registry's."""
    con.execute("DELETE FROM link_problems WHERE list_name IN (SELECT list_name FROM lists)")
    flagged = 0
    for (list_name,) in con.execute(
        "SELECT DISTINCT list_name FROM current_entries ORDER BY list_name"
    ).fetchall():
        problems = _list_problems(con, list_name)
        insert_columnar(
            con,
            "link_problems",
            ("list_name", "entry_id", "problem", "detail", "score"),
            sorted(problems, key=lambda p: (p[0], p[1], p[2], p[3])),
        )
        flagged += len(problems)
    return flagged


def _list_problems(
    con: duckdb.DuckDBPyConnection, list_name: str
) -> set[tuple[str, str, str, str, float | None]]:
    """The link problems of one list's current entries."""
    entries = dict_rows(
        con,
        """
        SELECT e.list_name, e.entry_id, e.kind, e.section, e.subsection, e.listed_title,
               e.listed_year, e.work_id, e.repo_key, w.title AS fetched_title,
               year(w.first_public_date) AS first_year, w.year AS work_year,
               ax.authors AS arxiv_authors, ac.authors AS acl_authors,
               s2.author_names AS s2_authors
        FROM current_entries e
        LEFT JOIN works w USING (work_id)
        LEFT JOIN arxiv_records ax ON ax.arxiv_id = w.arxiv_id
        LEFT JOIN acl_records ac ON ac.acl_id = w.acl_id
        LEFT JOIN s2_records s2 ON s2.s2_paper_id = w.s2_paper_id
        WHERE e.list_name = ?
        ORDER BY e.position
        """,
        [list_name],
    )
    links = dict_rows(
        con,
        """
        SELECT list_name, entry_id, id_kind, id_value FROM current_links
        WHERE is_paper_id AND id_kind <> 'url' AND list_name = ?
        """,
        [list_name],
    )
    problems: set[tuple[str, str, str, str, float | None]] = set()
    by_id = {e["entry_id"]: e for e in entries}

    weights = TitleWeights([e["listed_title"] for e in entries if e["listed_title"]])
    for e in entries:
        found = wrong_link(e, weights)
        if found is not None:
            detail, score = found
            problems.add((list_name, e["entry_id"], "title_mismatch", detail, score))

    entries_by_id: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for link in links:
        entries_by_id[(link["list_name"], link["id_kind"], link["id_value"])].add(link["entry_id"])
    for (list_name, kind, value), entry_ids in entries_by_id.items():
        titles = {normalise_title(by_id[i]["listed_title"]) for i in entry_ids if i in by_id}
        if len(titles) > 1:
            # Sorted once per id; each entry's detail names a few others and counts the rest,
            # so an id linked from n entries costs O(n log n), not n details of n titles each.
            listed = sorted((by_id[i]["listed_title"], i) for i in entry_ids if i in by_id)
            for entry_id in entry_ids:
                n_others = len(listed) - (entry_id in by_id)
                detail = f"{kind}:{value} is also linked from: " + _few_others(
                    listed, entry_id, n_others
                )
                problems.add((list_name, entry_id, "duplicate_id", detail, None))

    entries_by_repo: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    entries_by_title: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in entries:
        if e["repo_key"]:
            entries_by_repo[(e["list_name"], e["repo_key"])].append(e)
        entries_by_title[(e["list_name"], e["kind"], normalise_title(e["listed_title"]))].append(e)
    for (list_name, repo), group in entries_by_repo.items():
        papers = {(e["work_id"] or normalise_title(e["listed_title"])) for e in group}
        titles = {normalise_title(e["listed_title"]) for e in group}
        if len(papers) > 1 and len(titles) > 1:
            repo_titles = Counter(e["listed_title"] for e in group)
            ordered_titles = sorted(repo_titles)
            for e in group:
                detail = f"github:{repo} is also the code link of: " + _few_distinct(
                    ordered_titles, repo_titles, e["listed_title"]
                )
                problems.add((list_name, e["entry_id"], "shared_repository", detail, None))

    for (list_name, _, _), group in entries_by_title.items():
        if len(group) < 2:
            continue
        works = {e["work_id"] for e in group}
        group_places = Counter(_place(e) for e in group)
        ordered_places = sorted(group_places)
        for e in group:
            places = [_few_distinct(ordered_places, group_places, _place(e))]
            if len(works) == 1:
                problem, what = "listed_twice", "also listed in: "
            else:
                problem, what = "same_title_different_ids", "same title, other paper link in: "
            problems.add((list_name, e["entry_id"], problem, what + " | ".join(places), None))
    return problems


def wrong_link(entry: dict[str, Any], weights: TitleWeights) -> tuple[str, float] | None:
    """(detail, title score) when the entry's paper link most likely points at another paper."""
    listed, fetched = entry["listed_title"], entry["fetched_title"]
    if not listed or not fetched:
        return None
    title = weights.compare(listed, fetched)
    named = name_evidence(listed, fetched)
    if title.score >= DOUBTFUL_SCORE and named is None:
        return None
    evidence = [
        e
        for e in (
            named,
            year_evidence(entry["listed_year"], entry["first_year"], entry["work_year"]),
            author_evidence(
                {
                    "arXiv": entry["arxiv_authors"] or [],
                    "ACL Anthology": entry["acl_authors"] or [],
                    "Semantic Scholar": entry["s2_authors"] or [],
                }
            ),
        )
        if e
    ]
    if title.score >= MISMATCH_SCORE and not evidence:
        return None
    words = f"title likeness {title.score:.0f}/100"
    if title.shared:
        words += "; shared: " + ", ".join(title.shared)
    if title.missing:
        words += "; only in the list: " + ", ".join(title.missing[:5])
    if title.extra:
        words += "; only in the paper: " + ", ".join(title.extra[:5])
    detail = f"listed '{listed}' but the link is '{fetched}' ({'; '.join([words, *evidence])})"
    return detail, title.score


DETAIL_EXAMPLES = 3  # titles named in a duplicate_id detail; the rest are counted


def _few_others(listed: list[tuple[str, str]], entry_id: str, n_others: int) -> str:
    """The first few titles of `listed` (sorted (title, entry_id) pairs) other than
    `entry_id`'s, and how many more there are (`n_others` in all): a detail of bounded length."""
    others = [title for title, other in listed[: DETAIL_EXAMPLES + 1] if other != entry_id]
    shown = others[:DETAIL_EXAMPLES]
    more = n_others - len(shown)
    return " | ".join(shown) + (f" | … and {more} more" if more > 0 else "")


def _few_distinct(ordered: list[str], counts: Counter[str], own: str) -> str:
    """The distinct values of a group (`ordered`: sorted `counts`) other than one member's own
    (which counts if another member shares it), the first few and how many more: bounded, and
    O(1) per member."""
    others = [v for v in ordered[: DETAIL_EXAMPLES + 1] if v != own or counts[v] > 1]
    n_others = len(ordered) - (counts[own] == 1)
    shown = others[:DETAIL_EXAMPLES]
    more = n_others - len(shown)
    return " | ".join(shown) + (f" | … and {more} more" if more > 0 else "")


def _place(entry: dict[str, Any]) -> str:
    return entry["subsection"] or entry["section"] or "(top)"
