"""The run summary: what a refresh did, in a few lines a person reads, and as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from enrich.textclip import clip


@dataclass
class ListReport:
    name: str
    sha256: str
    origin: str
    note: str | None
    entries: int
    bullets: int
    table_rows: int
    problems: list[dict[str, Any]]
    text_repaired: bool
    changes: dict[str, int] | None = None  # added / removed / moved since the previous version
    other_shapes: dict[str, int] = field(default_factory=dict)  # heading / paragraph / html
    links: dict[str, int] = field(default_factory=dict)  # the link ledger's totals by fate
    # The list could not be fetched and a stored version or the bundled snapshot was used.
    stale: bool = False

    def shapes_text(self) -> str:
        parts = [f"{self.bullets} bullets", f"{self.table_rows} table rows"]
        parts += [f"{n} {shape}s" for shape, n in sorted(self.other_shapes.items()) if n]
        return ", ".join(parts)

    def links_text(self) -> str:
        """ "412 links: 300 in entries, 2 problems, 110 ignored (anchor 50, badge 40, …)"."""
        total = sum(self.links.values())
        ignored = {k.split(":", 1)[1]: v for k, v in self.links.items() if k.startswith("ignored:")}
        text = (
            f"{total} links: {self.links.get('entry', 0)} in entries, "
            f"{self.links.get('problem', 0)} problems, {sum(ignored.values())} ignored"
        )
        if ignored:
            text += " (" + ", ".join(f"{k} {v}" for k, v in sorted(ignored.items())) + ")"
        return text


@dataclass
class SourceReport:
    name: str
    asked: int = 0
    ok: int = 0
    not_found: int = 0
    failed: int = 0
    skipped_fresh: int = 0  # not asked: stored value still within its time-to-live
    requests: int = 0
    retries: int = 0
    not_modified: int = 0
    bytes_received: int = 0
    rate_limit_remaining: int | None = None
    rate_limit_reset: str | None = None
    errors: list[str] = field(default_factory=list)
    unreachable: str | None = None
    stale: bool = False  # some values could not be refreshed and the previous ones were kept
    not_asked_because: str | None = None
    wanted: int = 0
    worker: str | None = None  # host:pid of the process that fetched it


@dataclass
class RunSummary:
    run_id: str
    started_at: str
    finished_at: str | None = None
    state: str = "running"
    exit_code: int | None = None
    lists: list[ListReport] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # distinct ids per kind, current lists
    counts: dict[str, int] = field(default_factory=dict)  # rows: entries, works, repositories …
    sources: dict[str, SourceReport] = field(default_factory=dict)
    link_problems: int = 0
    release_dir: str | None = None
    release_url: str | None = None  # the GitHub Release it was published to, if any
    options: dict[str, Any] = field(default_factory=dict)
    # Settings a person should know are in force: base URLs that are not the services' own (and
    # where they came from), secrets withheld. Said in every summary.
    notices: list[str] = field(default_factory=list)
    # List versions quarantined instead of loaded (see enrich.listguard): list name → why.
    quarantined: dict[str, str] = field(default_factory=dict)
    # Lists no longer in the config: they left the catalogue in this run (history kept).
    removed_lists: list[str] = field(default_factory=list)

    @property
    def stale_sources(self) -> list[str]:
        """Lists served from an older copy, sources that could not be refreshed, and lists
        whose new version was quarantined."""
        lists = [f"list {rep.name}" for rep in self.lists if rep.stale]
        stale = [name for name, s in self.sources.items() if s.stale]
        return lists + stale + [f"list {name} (quarantined)" for name in self.quarantined]

    def redact(self, secrets: tuple[str, ...]) -> None:
        """Pass every text of the summary through `enrich.redact.redact`, in place: what it
        says reaches stdout, `runs`, Prefect's logs and artifacts, and CHANGES.md."""
        from enrich.redact import redact, redact_value

        if not secrets:
            return
        for rep in self.lists:
            rep.note = redact(rep.note, secrets) if rep.note else rep.note
            rep.problems = redact_value(rep.problems, secrets)
        for src in self.sources.values():
            src.errors = [redact(e, secrets) for e in src.errors]
            src.unreachable = redact(src.unreachable, secrets) if src.unreachable else None
        self.notices = [redact(n, secrets) for n in self.notices]
        self.quarantined = redact_value(self.quarantined, secrets)
        self.options = redact_value(self.options, secrets)

    def as_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        data = asdict(self)
        data["stale_sources"] = self.stale_sources
        return data

    def to_text(self) -> str:
        lines = [f"enrich run {self.run_id}: {self.state} (exit {self.exit_code})"]
        for rep in self.lists:
            how = rep.origin + (f" — {rep.note}" if rep.note else "")
            lines.append(
                f"  list {rep.name} @ {rep.sha256[:12]} ({how}): {rep.entries} entries "
                f"({rep.shapes_text()})"
                + (", mojibake repaired" if rep.text_repaired else "")
            )
            if rep.links:
                lines.append(f"    {rep.links_text()}")
            if rep.changes:
                lines.append(
                    "    since previous version: "
                    + ", ".join(f"{v} {k}" for k, v in rep.changes.items())
                )
            errors = [p for p in rep.problems if p["severity"] == "error"]
            warnings = [p for p in rep.problems if p["severity"] != "error"]
            if rep.problems:
                lines.append(f"    parse problems: {len(errors)} errors, {len(warnings)} warnings")
                for p in rep.problems[:10]:
                    lines.append(f"      line {p['line_no']}: [{p['severity']}] {p['reason']}")
                if len(rep.problems) > 10:
                    lines.append(
                        f"      … {len(rep.problems) - 10} more: enrich sql "
                        '"SELECT * FROM parse_problems"'
                    )
        for name, why in self.quarantined.items():
            lines.append(f"  QUARANTINED list {name}: {why}")
        for notice in self.notices:
            lines.append(f"  note: {notice}")
        for name in self.removed_lists:
            lines.append(
                f"  list {name}: no longer configured; left the catalogue (its history is kept)"
            )
        if self.ids:
            lines.append("  ids: " + ", ".join(f"{k} {v}" for k, v in sorted(self.ids.items())))
        if self.counts:
            lines.append("  warehouse: " + ", ".join(f"{k} {v}" for k, v in self.counts.items()))
        for name, s in self.sources.items():
            if s.not_asked_because:
                lines.append(
                    f"  {name:<7} not asked ({s.not_asked_because}): {s.wanted} items, "
                    "stored values used"
                )
                continue
            state = "STALE" if s.stale else "ok"
            line = (
                f"  {name:<7} {state:<5} asked {s.asked}, ok {s.ok}, not found {s.not_found}, "
                f"failed {s.failed}, fresh {s.skipped_fresh}; {s.requests} request"
                + ("" if s.requests == 1 else "s")
            )
            if s.not_modified:
                line += f" ({s.not_modified} not modified)"
            if s.rate_limit_remaining is not None:
                line += f"; rate limit left {s.rate_limit_remaining}"
            lines.append(line)
            if s.unreachable:
                lines.append(f"          unreachable: {s.unreachable}")
            for error in s.errors[:5]:
                lines.append(f"          {_clip(error)}")
            if len(s.errors) > 5:
                lines.append(f"          … {len(s.errors) - 5} more errors")
        if self.link_problems:
            lines.append(
                f"  link problems flagged: {self.link_problems} "
                '(enrich sql "SELECT * FROM link_problems")'
            )
        if self.stale_sources:
            lines.append(
                "  stale: "
                + ", ".join(self.stale_sources)
                + " — previous values kept; the next refresh asks again"
            )
        if self.release_dir:
            lines.append(f"  release: {self.release_dir}")
        if self.release_url:
            lines.append(f"  published: {self.release_url}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """The summary as a Prefect markdown artifact: the figures a maintainer looks at."""
        out = [f"# enrich refresh `{self.run_id}`: {self.state}", ""]
        out += [
            "| list | version | origin | entries | bullets | table rows | problems | changes |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for rep in self.lists:
            changes = ", ".join(f"{v} {k}" for k, v in (rep.changes or {}).items()) or "–"
            out.append(
                f"| {rep.name} | `{rep.sha256[:12]}` | {rep.origin} | {rep.entries} | "
                f"{rep.bullets} | {rep.table_rows} | {len(rep.problems)} | {changes} |"
            )
        for name, why in self.quarantined.items():
            out += ["", f"**Quarantined list {name}:** {why}"]
        for notice in self.notices:
            out += ["", f"**Note:** {notice}"]
        out += [
            "",
            "**Ids per kind:** " + ", ".join(f"{k} {v}" for k, v in sorted(self.ids.items())),
            "",
        ]
        out += [
            "| source | state | asked | ok | not found | failed | fresh | requests | "
            "304s | bytes | rate limit left | fetched by |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name, s in self.sources.items():
            state = s.not_asked_because or ("stale" if s.stale else "ok")
            left = "" if s.rate_limit_remaining is None else str(s.rate_limit_remaining)
            out.append(
                f"| {name} | {state} | {s.asked} | {s.ok} | {s.not_found} | {s.failed} | "
                f"{s.skipped_fresh} | {s.requests} | {s.not_modified} | "
                f"{s.bytes_received} | {left} | {s.worker or ''} |"
            )
        errors = [e for s in self.sources.values() for e in s.errors]
        if errors:
            out += ["", "## Failures (previous values kept)", ""] + [f"- {e}" for e in errors[:50]]
        out += [
            "",
            "**Warehouse:** " + ", ".join(f"{k} {v}" for k, v in self.counts.items()),
            "",
            f"**Link problems flagged:** {self.link_problems}",
        ]
        if self.release_dir:
            out += ["", f"**Release:** `{self.release_dir}`"]
        return "\n".join(out)


def summary_from_dict(data: dict[str, Any]) -> RunSummary:
    """Rebuild a RunSummary from `as_dict()` (a Prefect flow returns its summary as data)."""
    data = dict(data)
    data.pop("stale_sources", None)
    lists = [ListReport(**item) for item in data.pop("lists", [])]
    sources = {name: SourceReport(**item) for name, item in data.pop("sources", {}).items()}
    return RunSummary(**data, lists=lists, sources=sources)


def _clip(text: str, width: int = 200) -> str:
    """One summary line per error: long URLs (82 ids in a query) are cut, the full text is in
    the warehouse (runs.errors, fetch_status.error)."""
    return clip(text, width)
