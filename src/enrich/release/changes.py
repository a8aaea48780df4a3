"""CHANGES.md: what changed since the previous release, in a few plain lines with numbers —
entries added, removed and moved, per list, ids and links, new flagged problems, growth of
citations and stars, repositories archived or renamed — and which sources were stale.

Compares the entries of this release with the previous release's catalogue.json (the objects of
`catalogue.entry_object`), so it needs nothing but the two files' contents."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import duckdb

from enrich.config import SOURCE_NAMES
from enrich.summary import RunSummary
from enrich.textclip import clip

CHANGES_ITEMS = 10  # items listed per kind of change in CHANGES.md before "… and N more"
GAINS_SHOWN = 5
ID_FIELDS = ("work_id", "arxiv_id", "acl_id", "doi", "openreview_id", "paper_url", "code_url")
# What CHANGES.md reads of an entry of catalogue.json (`slim` keeps only that: the two releases'
# entries are compared in memory, and whole they take gigabytes at 100,000 entries).
READ_FIELDS = ("list_name", "entry_id", "section", "subsection", "line_no", "listed_title",
               "title", "flags", *ID_FIELDS)  # fmt: skip
READ_OBJECT_FIELDS = {
    "citations": ("count",),
    "github": ("repo_key", "repo", "stars", "archived", "renamed_to"),
}


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
    current: Sequence[Mapping[str, Any]],
    previous: Sequence[Mapping[str, Any]] | None,
    *,
    previous_name: str | None,
    sources: list[str] | None,
) -> str:
    """CHANGES.md: what changed since the previous release, short and with numbers."""
    lines = ["# What changed", ""]
    works = len({e["work_id"] for e in current if e.get("work_id")})
    repos = len({_repo_key(e) for e in current if e.get("github")})
    lists = len({e["list_name"] for e in current})
    flagged = sum(len(e.get("flags") or []) for e in current)
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
                f"{sum(1 for e in current if e.get('flags'))} entries "
                "(stats.json, `data_quality`).",
            ]
    else:
        lines.append(
            f"Since release {previous_name}: {len(previous)} entries then, {len(current)} now "
            f"({works} works, {repos} repositories)."
        )
        lines += _entry_changes(current, previous)
        lines += _per_list_changes(current, previous)
        lines += _id_changes(current, previous)
        lines += _new_flags(current, previous)
        lines += _gains(current, previous)
        lines += _repository_changes(current, previous)
    lines += ["", "## Sources", ""]
    lines += (
        [f"- {line}" for line in sources]
        if sources
        else ["- No refresh run is recorded in the warehouse."]
    )
    return "\n".join(lines) + "\n"


def _key(entry: Mapping[str, Any]) -> tuple[str, str]:
    return entry["list_name"], entry["entry_id"]


def _entry_changes(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    old = {_key(e): e for e in previous}
    new = {_key(e): e for e in current}
    added = [e for e in current if _key(e) not in old]
    removed = [e for e in previous if _key(e) not in new]
    moved = [
        (old[_key(e)], e) for e in current if _key(e) in old and _place(old[_key(e)]) != _place(e)
    ]
    lines = ["", "## Entries", ""]
    if not (added or removed or moved):
        return [*lines, "No entry was added, removed or moved."]
    lines.append(f"{len(added)} added, {len(removed)} removed, {len(moved)} moved.")
    lines.append("")
    lines += _capped([f"- Added: {_title(e)} ({_place(e)})" for e in added])
    lines += _capped([f"- Removed: {_title(e)} ({_place(e)})" for e in removed])
    lines += _capped([f"- Moved: {_title(n)}: {_place(o)} → {_place(n)}" for o, n in moved])
    return lines


def _per_list_changes(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    """With more than one list: per list, entries then and now, added and removed."""
    names = sorted({e["list_name"] for e in current} | {e["list_name"] for e in previous})
    if len(names) < 2:
        return []
    lines = ["", "## Per list", ""]
    for name in names:
        old = {_key(e) for e in previous if e["list_name"] == name}
        new = {_key(e) for e in current if e["list_name"] == name}
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
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    old = {_key(e): e for e in previous}
    changed = []
    for entry in current:
        before = old.get(_key(entry))
        if before is None:
            continue
        diffs = [
            f"{name} {before.get(name) or 'none'} → {entry.get(name) or 'none'}"
            for name in ID_FIELDS
            if before.get(name) != entry.get(name)
        ]
        repo_then, repo_now = _repo_key(before), _repo_key(entry)
        if repo_then != repo_now:
            diffs.append(f"repository {repo_then or 'none'} → {repo_now or 'none'}")
        if diffs:
            changed.append(f"- {_title(entry)}: " + "; ".join(_md(d) for d in diffs))
    if not changed:
        return []
    return _section(
        "Ids and links",
        f"{_count(len(changed), 'entry')} with other ids or links than before.",
        changed,
    )


def _new_flags(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    old = {_key(e): set(e.get("flags") or []) for e in previous}
    found = []
    for entry in current:
        for flag in sorted(set(entry.get("flags") or []) - old.get(_key(entry), set())):
            found.append((flag, entry))
    if not found:
        return []
    counts = Counter(flag for flag, _ in found)
    summary = ", ".join(f"{n} {flag}" for flag, n in sorted(counts.items()))
    items = [f"- {_title(e)} (line {e.get('line_no')}): {flag}" for flag, e in found]
    return _section("New flagged problems", f"{len(found)} new: {summary}.", items)


def _gains(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    """The biggest growth between the counts the previous release published and today's."""

    def counts(entries: Sequence[Mapping[str, Any]], kind: str) -> dict[str, tuple[int, str]]:
        found: dict[str, tuple[int, str]] = {}
        for e in entries:
            if kind == "citations" and e.get("work_id") and e.get("citations"):
                found.setdefault(e["work_id"], (e["citations"]["count"], _title(e)))
            elif kind == "stars" and e.get("github") and e["github"].get("stars") is not None:
                found.setdefault(
                    _repo_key(e) or "", (e["github"]["stars"], _md(e["github"]["repo"]))
                )
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


def _repository_changes(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> list[str]:
    then = {_repo_key(e): e["github"] for e in previous if e.get("github")}
    archived: list[str] = []
    renamed: list[str] = []
    seen: set[str | None] = set()
    for entry in current:
        github = entry.get("github")
        repo = _repo_key(entry)
        if not github or repo in seen:
            continue
        seen.add(repo)
        before = then.get(repo)
        if before is None:
            continue
        if github.get("archived") and not before.get("archived"):
            archived.append(_md(github["repo"]))
        if github.get("renamed_to") and github.get("renamed_to") != before.get("renamed_to"):
            renamed.append(f"{_md(repo or '?')} → {_md(github['renamed_to'])}")
    lines = []
    if archived:
        lines.append(f"- Newly archived ({len(archived)}): {', '.join(archived)}.")
    if renamed:
        lines.append(f"- Renamed ({len(renamed)}): {', '.join(renamed)}.")
    return ["", "## Repositories", "", *lines] if lines else []


def _repo_key(entry: Mapping[str, Any]) -> str | None:
    """The repository as linked (lower-cased owner/name): stable across renames."""
    github = entry.get("github")
    if not github:
        return None
    return str(github.get("repo_key") or github.get("repo") or "").lower() or None


def _place(entry: Mapping[str, Any]) -> str:
    parts = [p for p in (entry.get("section"), entry.get("subsection")) if p]
    return _md(" › ".join(parts)) if parts else "no section"


def _title(entry: Mapping[str, Any]) -> str:
    return "“" + _md(str(entry.get("listed_title") or entry.get("title") or "?")) + "”"


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


def slim(entry: Mapping[str, Any]) -> dict[str, Any]:
    """What CHANGES.md reads of an entry (READ_FIELDS, READ_OBJECT_FIELDS)."""
    kept = {name: entry[name] for name in READ_FIELDS if name in entry}
    for name, fields in READ_OBJECT_FIELDS.items():
        if name in entry:
            value = entry[name]
            kept[name] = (
                {k: value[k] for k in fields if k in value} if isinstance(value, dict) else value
            )
    return kept


def read_entries(path: Path) -> list[dict[str, Any]] | None:
    """The entries of a previous release's catalogue.json (what CHANGES.md reads of them:
    `slim`); None when it cannot be read."""
    from enrich.errors import EnrichError
    from enrich.release.catalogue import iter_entries

    try:
        return [slim(entry) for entry in iter_entries(path)]
    except (OSError, EnrichError):
        return None
