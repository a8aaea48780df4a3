"""Measure the list parser on real lists: how many of the paper ids a list's text holds reach an
entry, counted independently of the parser (plain regexes over the raw text).

    python -m bench.measure_lists path/to/README.md [more.md …] [--json]

Per list: lines, entries (by shape), distinct paper ids in the text (arXiv, ACL, DOI,
OpenReview), how many reach an entry, how many only a reported problem or a code block, errors and
warnings, ignored links by reason, the titles that still look like they carry something else
(an author list, a venue, a link label) or are longer than 300 characters, and the entries that
link several arXiv papers (two list items read as one, or an entry that links related work),
and how many entries have their authors, venue and year.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from enrich.ids import PAPER_KINDS, acl_id_from_doi, arxiv_id_from_doi, canonicalize
from enrich.parse import parse_list
from enrich.parse.fields import is_generic_label, looks_like_authors
from enrich.parse.venues import looks_like_venue_or_date
from enrich.resolve import node_of

# Independent of the parser and of enrich.ids: what a person would grep for.
_ID_PATTERNS = {
    "arxiv": re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.I),
    # The Anthology's old home too: aclweb.org/anthology/P18-2102, …/anthology/P/P18/P18-2102.pdf
    "acl": re.compile(
        r"(?:aclanthology\.org|aclweb\.org/anthology)/(?:[A-Z]/[A-Z]\d{2}/)?"
        r"(\d{4}\.[a-z0-9]+-[a-z0-9]+\.\d+|[A-Z]\d{2}-\d{4})",
        re.I,
    ),
    # A DOI may hold parentheses: 10.1016/s0140-6736(26)00464-2 (balanced, unlike the link's).
    "doi": re.compile(r"doi\.org/(10\.\d{4,9}/(?:[^\s()\]>\"'|]|\([^\s()]*\))+)", re.I),
    "openreview": re.compile(r"openreview\.net/(?:forum|pdf)\?id=([\w-]+)", re.I),
}


def ids_in_text(text: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for kind, pattern in _ID_PATTERNS.items():
        for m in pattern.finditer(text):
            value = m.group(1).rstrip(".,;:/")
            if kind != "doi":
                found.add((kind, value))
                continue
            # A DOI of an arXiv or ACL paper names that paper (per DOI: one ACL DOI must not
            # make the DOIs after it ACL ids).
            doi = value.lower()
            if (arxiv := arxiv_id_from_doi(doi)) is not None:
                found.add(("arxiv", arxiv))
            elif (acl := acl_id_from_doi(doi)) is not None:
                found.add(("acl", acl))
            else:
                found.add(("doi", doi))
    return found


def _canonical(url: str) -> tuple[str, str] | None:
    cid = canonicalize(url)
    if cid.kind not in PAPER_KINDS:
        return None
    kind, _, value = node_of(cid).partition(":")
    return kind, value


def _suspect_title(title: str) -> str | None:
    if len(title) > 300:
        return "longer than 300 characters"
    if is_generic_label(title):
        return "a link label"
    if looks_like_authors(title):
        return "an author list"
    if looks_like_venue_or_date(title):
        return "a venue or date"
    if re.search(r"\bet al\b|\(\s*(?:19|20)\d{2}\s*\)\s*$|,\s*(?:19|20)\d{2}\s*$", title):
        return "authors or a year"
    return None


def measure(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    parsed = parse_list(path.stem, raw)
    in_text = ids_in_text(text)
    in_entries = {c for e in parsed.entries for k in e.links if (c := _canonical(k.url))}
    reported = {
        c
        for f in parsed.link_ledger
        if f.fate == "problem" or f.reason in ("code", "comment")
        if (c := _canonical(f.url))
    }
    # Compare on the regex's own terms: an id in the text reached an entry when the entry has it.
    reached = {i for i in in_text if i in in_entries}
    # An id the parser cannot read as one (a truncated arXiv id) is reported when a problem
    # names its line.
    problem_lines = [text.splitlines()[p.line_no - 1] for p in parsed.problems
                     if 0 < p.line_no <= text.count("\n") + 1]  # fmt: skip
    only_reported = {i for i in in_text - reached
                     if i in reported or any(i[1] in line for line in problem_lines)}  # fmt: skip
    lost = sorted(in_text - reached - only_reported)
    suspects = [(e.line_no, e.listed_title, why) for e in parsed.entries
                if (why := _suspect_title(e.listed_title))]  # fmt: skip
    # Two arXiv papers in one entry: often two list items read as one (the id count above
    # cannot see that: both ids reached "an entry").
    merged = [(e.line_no, e.listed_title, sorted(ids)) for e in parsed.entries
              if len(ids := {c[1] for k in e.links
                             if (c := _canonical(k.url)) and c[0] == "arxiv"}) > 1]  # fmt: skip
    return {
        "list": path.name,
        "lines": text.count("\n") + 1,
        "entries": len(parsed.entries),
        "shapes": dict(Counter(e.source_format for e in parsed.entries)),
        "ids_in_text": len(in_text),
        "ids_in_entries": len(reached),
        "ids_only_in_problems_or_code": len(only_reported),
        "ids_lost": lost,
        "errors": sum(p.severity == "error" for p in parsed.problems),
        "warnings": sum(p.severity != "error" for p in parsed.problems),
        "links": parsed.link_accounting,
        "suspect_titles": len(suspects),
        "suspect_examples": suspects[:5],
        # What the id count cannot see either: how many entries got their fields.
        "with_authors": sum(1 for e in parsed.entries if e.listed_authors),
        "with_venue": sum(1 for e in parsed.entries if e.listed_venue),
        "with_year": sum(1 for e in parsed.entries if e.listed_year is not None),
        "entries_with_several_arxiv_ids": len(merged),
        "several_arxiv_examples": merged[:3],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("lists", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = [measure(p) for p in args.lists]
    if args.json:
        json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    for r in results:
        share = r["ids_in_entries"] / r["ids_in_text"] if r["ids_in_text"] else 1.0
        print(
            f"{r['list']}: {r['lines']} lines, {r['entries']} entries {r['shapes']}, "
            f"paper ids {r['ids_in_entries']}/{r['ids_in_text']} in entries ({share:.1%}), "
            f"{r['ids_only_in_problems_or_code']} only in problems/code/comments, "
            f"{len(r['ids_lost'])} lost; "
            f"{r['errors']} errors, {r['warnings']} warnings; suspect titles "
            f"{r['suspect_titles']}/{r['entries']}"
        )
        ignored = {k[8:]: v for k, v in r["links"].items() if k.startswith("ignored:")}
        print(f"    ignored links: {ignored}")
        for line, title, why in r["suspect_examples"]:
            print(f"    suspect title line {line} ({why}): {title[:100]}")
        print(f"    fields: authors {r['with_authors']}, venue {r['with_venue']}, year "
              f"{r['with_year']} of {r['entries']} entries")
        if r["entries_with_several_arxiv_ids"]:
            print(f"    entries with several arXiv ids: {r['entries_with_several_arxiv_ids']}")
        for line, title, ids in r["several_arxiv_examples"]:
            print(f"    several arXiv ids line {line}: {title[:60]} {ids[:4]}")
        if r["ids_lost"]:
            print(f"    lost: {r['ids_lost'][:10]}")
    total = sum(r["ids_in_text"] for r in results)
    reached = sum(r["ids_in_entries"] for r in results)
    reported = sum(r["ids_only_in_problems_or_code"] for r in results)
    titles = sum(r["entries"] for r in results)
    suspect = sum(r["suspect_titles"] for r in results)
    several = sum(r["entries_with_several_arxiv_ids"] for r in results)
    fields = {k: sum(r[k] for r in results) for k in ("with_authors", "with_venue", "with_year")}
    print(
        f"\nall {len(results)} lists: paper ids {reached}/{total} in entries "
        f"({reached / max(1, total):.2%}), {reported} only in reported problems, "
        f"{total - reached - reported} lost; "
        f"{sum(r['errors'] for r in results)} errors; suspect titles {suspect}/{titles} "
        f"({suspect / max(1, titles):.2%}); entries with several arXiv ids {several}; with "
        f"authors {fields['with_authors']}, venue {fields['with_venue']}, year "
        f"{fields['with_year']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
