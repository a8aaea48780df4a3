"""Link checks that catch real mistakes in a list.

- title_mismatch: the title fetched for an entry's paper link is far from the title the list
  gives: the link most likely points at another paper.
- duplicate_id: one paper id linked from entries with different titles: at most one is right.
- shared_repository: one code repository linked from entries about different papers.
- listed_twice: the same paper listed again (same title, same id) in another place of the list.
- same_title_different_ids: one title, two different papers: one of the links is likely wrong,
  or the preprint and its published version are listed as two entries.

Derived anew at every load for the current version of each list.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import duckdb
from rapidfuzz import fuzz

from enrich.resolve import normalise_title
from enrich.warehouse.bulk import dict_rows, insert_columnar

# Below this token-set similarity (0–100) a fetched title is taken to be another paper's.
# Measured on the seed list: true matches score ≥ 85 (subtitles, casing, punctuation differ);
# the wrong links found score < 45.
TITLE_MATCH_THRESHOLD = 60.0


def title_similarity(listed: str, fetched: str) -> float:
    return float(fuzz.token_set_ratio(normalise_title(listed), normalise_title(fetched)))


def run_link_checks(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute link_problems for the current lists; returns how many were flagged."""
    entries = dict_rows(
        con,
        """
        SELECT e.list_name, e.entry_id, e.kind, e.section, e.subsection, e.listed_title,
               e.work_id, e.repo_key, w.title AS fetched_title
        FROM current_entries e LEFT JOIN works w USING (work_id)
        ORDER BY e.list_name, e.position
        """,
    )
    links = dict_rows(
        con,
        """
        SELECT list_name, entry_id, id_kind, id_value FROM current_links
        WHERE is_paper_id AND id_kind <> 'url'
        """,
    )
    problems: set[tuple[str, str, str, str, float | None]] = set()
    by_id = {e["entry_id"]: e for e in entries}

    for e in entries:
        if e["fetched_title"] and e["listed_title"]:
            score = title_similarity(e["listed_title"], e["fetched_title"])
            if score < TITLE_MATCH_THRESHOLD:
                detail = f"listed '{e['listed_title']}' but the link is '{e['fetched_title']}'"
                problems.add((e["list_name"], e["entry_id"], "title_mismatch", detail, score))

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

    con.execute("DELETE FROM link_problems WHERE list_name IN (SELECT list_name FROM lists)")
    insert_columnar(
        con,
        "link_problems",
        ("list_name", "entry_id", "problem", "detail", "score"),
        sorted(problems, key=lambda p: (p[0], p[1], p[2], p[3])),
    )
    return len(problems)


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
