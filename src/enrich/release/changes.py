"""CHANGES.md: what changed since the previous release, in a few plain lines with numbers —
entries added, removed and moved, per list, ids and links, new flagged problems, growth of
citations and stars, repositories archived or renamed — and which sources were stale.

Compares the entries of this release's catalogue.json with the previous release's, so it needs
nothing but the two files. Each entry is kept as an `EntryFacts`: only what CHANGES.md reads, a
tuple, its repeated strings shared with the other release's — two releases of 100,000 entries
are held at once (as dicts of the same fields, 184 MB each; as EntryFacts, 99 MB)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, NamedTuple

import duckdb

from enrich.config import SOURCE_NAMES
from enrich.summary import RunSummary
from enrich.textclip import clip

CHANGES_ITEMS = 10  # items listed per kind of change in CHANGES.md before "… and N more"
GAINS_SHOWN = 5
ID_FIELDS = ("work_id", "arxiv_id", "acl_id", "doi", "openreview_id", "paper_url", "code_url")


class EntryFacts(NamedTuple):
    """What CHANGES.md and the manifest's counts read of one entry of catalogue.json."""

    list_name: str
    entry_id: str
    section: str | None
    subsection: str | None
    line_no: int | None
    listed_title: str | None
    title: str | None
    flags: tuple[str, ...]
    work_id: str | None
    arxiv_id: str | None
    acl_id: str | None
    doi: str | None
    openreview_id: str | None
    paper_url: str | None
    code_url: str | None
    citations: int | None  # None: never observed
    repo: str | None  # None: the entry links no repository
    repo_key: str | None  # the repository as linked, lower-cased: stable across renames
    stars: int | None
    archived: bool
    renamed_to: str | None

    @property
    def key(self) -> tuple[str, str]:
        return self.list_name, self.entry_id

    @property
    def place(self) -> str:
        parts = [p for p in (self.section, self.subsection) if p]
        return _md(" › ".join(parts)) if parts else "no section"

    @property
    def shown_title(self) -> str:
        return "“" + _md(str(self.listed_title or self.title or "?")) + "”"


class FactsReader:
    """Turns catalogue.json's entries into EntryFacts, one string object for each repeated
    value: lists, sections and flags, and the titles, ids and repositories that lists share and
    that the previous release has too (one reader for both releases)."""

    def __init__(self) -> None:
        self._shared: dict[str, str] = {}

    def __call__(self, entry: Mapping[str, Any]) -> EntryFacts:
        share = self._share
        get = entry.get
        citations = get("citations") or {}
        github = get("github") or {}
        repo = str(github.get("repo") or github.get("repo_key") or "") if github else None
        key = str(github.get("repo_key") or repo).lower() if github else None
        return EntryFacts(
            list_name=share(entry["list_name"]),
            entry_id=share(entry["entry_id"]),
            section=share(get("section")),
            subsection=share(get("subsection")),
            line_no=get("line_no"),
            listed_title=share(get("listed_title")),
            title=share(get("title")),
            flags=tuple(share(flag) for flag in get("flags") or ()),
            work_id=share(get("work_id")),
            arxiv_id=share(get("arxiv_id")),
            acl_id=share(get("acl_id")),
            doi=share(get("doi")),
            openreview_id=share(get("openreview_id")),
            paper_url=share(get("paper_url")),
            code_url=share(get("code_url")),
            citations=citations.get("count"),
            repo=share(repo),
            repo_key=share(key or None),
            stars=github.get("stars"),
            archived=bool(github.get("archived")),
            renamed_to=share(github.get("renamed_to")),
        )

    def _share(self, value: Any) -> Any:
        """The one string object for `value` (anything else as it is)."""
        return self._shared.setdefault(value, value) if type(value) is str else value


def source_notes(con: duckdb.DuckDBPyConnection, summary: RunSummary | None) -> list[str] | None:
    """Plain lines about sources that were stale or not asked in the run this release follows
    (the summary given, else the latest run recorded); None when no run is known."""
    if summary is not None:
        reports: dict[str, Any] = {n: asdict(s) for n, s in summary.sources.items()}
    else:
        row = con.execute(
            "SELECT requests FROM runs ORDER BY started_at DESC, run_id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        reports = json.loads(row[0]) if row[0] else {}
    stale: list[str] = []
    not_asked: dict[str, list[str]] = {}
    for source_name in sorted(reports, key=_source_order):
        report = reports[source_name] or {}
        if report.get("stale"):
            errors = report.get("errors") or []
            reason = report.get("unreachable") or (errors[0] if errors else None)
            stale.append(f"{source_name} ({_short(reason)})" if reason else source_name)
        elif report.get("not_asked_because"):
            not_asked.setdefault(report["not_asked_because"], []).append(source_name)
    lines = []
    if stale:
        lines.append(
            "Stale: " + ", ".join(stale) + " could not be refreshed; their previous values are "
            "shown."
        )
    for reason, names in not_asked.items():
        lines.append(f"Not asked ({reason}): {', '.join(names)}; stored values are shown.")
    if not lines:
        lines.append("Every source was refreshed in the latest run.")
    return lines


def render_changes(
    current: Sequence[EntryFacts],
    previous: Sequence[EntryFacts] | None,
    *,
    previous_name: str | None,
    sources: list[str] | None,
) -> str:
    """CHANGES.md: what changed since the previous release, short and with numbers."""
    lines = ["# What changed", ""]
    works = len(_works(current))
    repos = len(_repositories(current))
    lists = len({e.list_name for e in current})
    flagged = sum(len(e.flags) for e in current)
    if previous is None and previous_name:
        lines.append(
            f"The previous release, {previous_name}, could not be read: nothing to compare with. "
            f"Now: {len(current)} entries ({works} works, {repos} repositories)."
        )
    elif previous is None:
        lines.append(
            f"First release: {len(current)} entries ({works} works, {repos} repositories) "
            f"from {lists} {'list' if lists == 1 else 'lists'}."
        )
        if flagged:
            lines += [
                "",
                f"Flagged for a look: {flagged} problems on "
                f"{sum(1 for e in current if e.flags)} entries "
                "(stats.json, `data_quality`).",
            ]
    else:
        lines.append(
            f"Since release {previous_name}: {len(previous)} entries then, {len(current)} now "
            f"({works} works, {repos} repositories)."
        )
        old = {e.key: e for e in previous}
        lines += _entry_changes(current, previous, old)
        lines += _per_list_changes(current, previous)
        lines += _id_changes(current, old)
        lines += _new_flags(current, old)
        lines += _gains(current, previous)
        lines += _repository_changes(current, previous)
    lines += ["", "## Sources", ""]
    lines += (
        [f"- {line}" for line in sources]
        if sources
        else ["- No refresh run is recorded in the warehouse."]
    )
    return "\n".join(lines) + "\n"


def catalogue_counts(entries: Sequence[EntryFacts]) -> dict[str, int]:
    """The manifest's counts of a catalogue: entries, works and repositories."""
    return {
        "catalogue": len(entries),
        "works": len(_works(entries)),
        "repositories": len(_repositories(entries)),
    }


def _works(entries: Iterable[EntryFacts]) -> set[str]:
    return {e.work_id for e in entries if e.work_id}


def _repositories(entries: Iterable[EntryFacts]) -> set[str | None]:
    return {e.repo_key for e in entries if e.repo is not None}


def _entry_changes(
    current: Sequence[EntryFacts],
    previous: Sequence[EntryFacts],
    old: Mapping[tuple[str, str], EntryFacts],
) -> list[str]:
    new = {e.key for e in current}
    added = [e for e in current if e.key not in old]
    removed = [e for e in previous if e.key not in new]
    moved = [
        (before, e)
        for e in current
        if (before := old.get(e.key)) is not None and before.place != e.place
    ]
    lines = ["", "## Entries", ""]
    if not (added or removed or moved):
        return [*lines, "No entry was added, removed or moved."]
    lines.append(f"{len(added)} added, {len(removed)} removed, {len(moved)} moved.")
    lines.append("")
    lines += _capped([f"- Added: {e.shown_title} ({e.place})" for e in added])
    lines += _capped([f"- Removed: {e.shown_title} ({e.place})" for e in removed])
    lines += _capped([f"- Moved: {n.shown_title}: {o.place} → {n.place}" for o, n in moved])
    return lines


def _per_list_changes(current: Sequence[EntryFacts], previous: Sequence[EntryFacts]) -> list[str]:
    """With more than one list: per list, entries then and now, added and removed."""
    then: dict[str, set[str]] = {}
    now: dict[str, set[str]] = {}
    for entries, keys in ((previous, then), (current, now)):
        for e in entries:
            keys.setdefault(e.list_name, set()).add(e.entry_id)
    names = sorted(then.keys() | now.keys())
    if len(names) < 2:
        return []
    lines = ["", "## Per list", ""]
    for name in names:
        old, new = then.get(name, set()), now.get(name, set())
        if not new:
            what = "no longer in the catalogue (removed from the config)"
        elif not old:
            what = f"new: {len(new)} entries"
        else:
            what = (
                f"{len(old)} entries then, {len(new)} now: {len(new - old)} added, "
                f"{len(old - new)} removed"
            )
        lines.append(f"- {_md(name)}: {what}")
    return lines


def _id_changes(
    current: Sequence[EntryFacts], old: Mapping[tuple[str, str], EntryFacts]
) -> list[str]:
    changed = []
    for entry in current:
        before = old.get(entry.key)
        if before is None:
            continue
        diffs = [
            f"{name} {getattr(before, name) or 'none'} → {getattr(entry, name) or 'none'}"
            for name in ID_FIELDS
            if getattr(before, name) != getattr(entry, name)
        ]
        if before.repo_key != entry.repo_key:
            diffs.append(f"repository {before.repo_key or 'none'} → {entry.repo_key or 'none'}")
        if diffs:
            changed.append(f"- {entry.shown_title}: " + "; ".join(_md(d) for d in diffs))
    if not changed:
        return []
    return _section(
        "Ids and links",
        f"{_count(len(changed), 'entry')} with other ids or links than before.",
        changed,
    )


def _new_flags(
    current: Sequence[EntryFacts], old: Mapping[tuple[str, str], EntryFacts]
) -> list[str]:
    found = []
    for entry in current:
        before = old.get(entry.key)
        for flag in sorted(set(entry.flags) - set(before.flags if before else ())):
            found.append((flag, entry))
    if not found:
        return []
    counts = Counter(flag for flag, _ in found)
    summary = ", ".join(f"{n} {flag}" for flag, n in sorted(counts.items()))
    items = [f"- {e.shown_title} (line {e.line_no}): {flag}" for flag, e in found]
    return _section("New flagged problems", f"{len(found)} new: {summary}.", items)


def _gains(current: Sequence[EntryFacts], previous: Sequence[EntryFacts]) -> list[str]:
    """The biggest growth between the counts the previous release published and today's."""

    def counts(entries: Sequence[EntryFacts], kind: str) -> dict[str, tuple[int, str]]:
        found: dict[str, tuple[int, str]] = {}
        for e in entries:
            if kind == "citations" and e.work_id and e.citations is not None:
                found.setdefault(e.work_id, (e.citations, e.shown_title))
            elif kind == "stars" and e.repo is not None and e.stars is not None:
                found.setdefault(e.repo_key or "", (e.stars, _md(e.repo)))
        return found

    lines = []
    for kind in ("citations", "stars"):
        then, now = counts(previous, kind), counts(current, kind)
        gains = sorted(
            ((now[k][0] - then[k][0], k) for k in now if k in then and now[k][0] > then[k][0]),
            key=lambda g: (-g[0], g[1]),
        )
        if gains:
            total = sum(g for g, _ in gains)
            shown = "; ".join(
                f"{now[k][1]} +{g} ({then[k][0]} → {now[k][0]})" for g, k in gains[:GAINS_SHOWN]
            )
            noun = "work" if kind == "citations" else "repository"
            lines.append(
                f"- {kind.capitalize()}: +{total} over {_count(len(gains), noun)}. "
                f"Biggest: {shown}."
            )
    if not lines:
        return []
    return ["", "## Growth since the previous release", "", *lines]


def _repository_changes(current: Sequence[EntryFacts], previous: Sequence[EntryFacts]) -> list[str]:
    then = {e.repo_key: e for e in previous if e.repo is not None}
    archived: list[str] = []
    renamed: list[str] = []
    seen: set[str | None] = set()
    for entry in current:
        if entry.repo is None or entry.repo_key in seen:
            continue
        seen.add(entry.repo_key)
        before = then.get(entry.repo_key)
        if before is None:
            continue
        if entry.archived and not before.archived:
            archived.append(_md(entry.repo))
        if entry.renamed_to and entry.renamed_to != before.renamed_to:
            renamed.append(f"{_md(entry.repo_key or '?')} → {_md(entry.renamed_to)}")
    lines = []
    if archived:
        lines.append(f"- Newly archived ({len(archived)}): {', '.join(archived)}.")
    if renamed:
        lines.append(f"- Renamed ({len(renamed)}): {', '.join(renamed)}.")
    return ["", "## Repositories", "", *lines] if lines else []


def _md(text: str) -> str:
    """Text that Markdown shows as is."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", " ".join(text.split()))


def _count(n: int, noun: str) -> str:
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _section(heading: str, lead: str, items: list[str]) -> list[str]:
    """A CHANGES.md section: its heading, a one-line count, then the items, capped."""
    return ["", f"## {heading}", "", lead, "", *_capped(items)]


def _capped(items: list[str]) -> list[str]:
    if len(items) <= CHANGES_ITEMS:
        return items
    return [*items[:CHANGES_ITEMS], f"- … and {len(items) - CHANGES_ITEMS} more"]


def _short(text: str, limit: int = 120) -> str:
    return clip(" ".join(str(text).split()), limit)


def _source_order(name: str) -> tuple[int, str]:
    return (SOURCE_NAMES.index(name) if name in SOURCE_NAMES else len(SOURCE_NAMES), name)


def read_entries(path: Path, facts: FactsReader) -> list[EntryFacts] | None:
    """What CHANGES.md reads of a previous release's catalogue.json; None when it cannot be
    read."""
    from enrich.errors import EnrichError
    from enrich.release.catalogue import iter_entries

    try:
        return [facts(entry) for entry in iter_entries(path)]
    except (OSError, EnrichError):
        return None
