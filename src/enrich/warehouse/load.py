"""Load parsed lists into the warehouse. Every function here is idempotent: loading the same
input twice changes no row count (rows of a list version are replaced, not added)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import duckdb

from enrich.lists import ListVersion
from enrich.models import ParsedList
from enrich.resolve import ResolvedEntry
from enrich.utc import naive_utc
from enrich.warehouse.bulk import insert_columnar


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:
    insert_columnar(con, table, columns, rows)


ENTRY_COLUMNS = (
    "list_name",
    "sha256",
    "entry_id",
    "position",
    "line_no",
    "section",
    "subsection",
    "entry_group",
    "kind",
    "source_format",
    "listed_title",
    "listed_venue",
    "venue_tag",
    "listed_year",
    "listed_month",
    "dataset_name",
    "description",
    "work_id",
    "repo_key",
    "listed_authors",
)
LINK_COLUMNS = (
    "sha256",
    "entry_id",
    "link_no",
    "label",
    "url",
    "line_no",
    "id_kind",
    "id_value",
    "id_version",
    "normalized_url",
    "is_paper_id",
)

LEDGER_COLUMNS = (
    "list_name",
    "sha256",
    "occurrence",
    "line_no",
    "url",
    "fate",
    "reason",
    "entry_position",
)


def load_list_version(
    con: duckdb.DuckDBPyConnection,
    version: ListVersion,
    parsed: ParsedList,
    resolved: Sequence[ResolvedEntry],
    url: str | None,
) -> None:
    """Store one version of a list with its entries, links and parse problems, and make it the
    list's current version."""
    sha = version.sha256
    con.execute(
        """
        INSERT INTO list_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (list_name, sha256) DO UPDATE SET
            n_entries = excluded.n_entries, n_problems = excluded.n_problems,
            text_repaired = excluded.text_repaired, line_accounting = excluded.line_accounting,
            link_accounting = excluded.link_accounting
        """,
        [
            version.list_name,
            sha,
            naive_utc(version.fetched_at),
            version.origin,
            str(version.path),
            len(version.raw),
            parsed.text_repaired,
            len(parsed.entries),
            len(parsed.problems),
            json.dumps(parsed.line_accounting, sort_keys=True),
            json.dumps(parsed.link_accounting, sort_keys=True),
        ],
    )
    for table in ("entries", "links", "parse_problems", "link_ledger"):
        con.execute(f"DELETE FROM {table} WHERE sha256 = ?", [sha])

    entry_rows, link_rows = [], []
    for r in resolved:
        e = r.entry
        entry_rows.append(
            (
                e.list_name,
                sha,
                r.entry_id,
                e.position,
                e.line_no,
                e.section,
                e.subsection,
                e.group,
                e.kind,
                e.source_format,
                e.listed_title,
                e.listed_venue,
                e.venue_tag,
                e.listed_year,
                e.listed_month,
                e.dataset_name,
                e.description,
                None,
                r.repo_key,
                e.listed_authors,
            )
        )
        paper_nodes = {(c.kind, c.value) for c in r.paper_ids}
        for rl in r.links:
            link_rows.append(
                (
                    sha,
                    r.entry_id,
                    rl.link_no,
                    rl.link.label,
                    rl.link.url,
                    rl.link.line_no,
                    rl.cid.kind,
                    rl.cid.value,
                    rl.cid.version,
                    rl.cid.url or rl.link.url,
                    (rl.cid.kind, rl.cid.value) in paper_nodes,
                )
            )
    insert_rows(con, "entries", ENTRY_COLUMNS, entry_rows)
    insert_rows(con, "links", LINK_COLUMNS, link_rows)
    # One problem per line and reason (the key); the parser may report a line twice.
    problems = {(p.line_no, p.reason): p for p in parsed.problems}
    insert_rows(
        con,
        "parse_problems",
        ("list_name", "sha256", "line_no", "severity", "reason", "line_text"),
        [(p.list_name, sha, p.line_no, p.severity, p.reason, p.text) for p in problems.values()],
    )
    insert_rows(
        con,
        "link_ledger",
        LEDGER_COLUMNS,
        [
            (version.list_name, sha, n, f.line_no, f.url, f.fate, f.reason, f.entry_position)
            for n, f in enumerate(parsed.link_ledger, 1)
        ],
    )
    con.execute(
        """
        INSERT INTO lists VALUES (?, ?, ?, NULL, now())
        ON CONFLICT (list_name) DO UPDATE SET
            url = excluded.url,
            previous_sha256 = CASE WHEN lists.current_sha256 = excluded.current_sha256
                                   THEN lists.previous_sha256 ELSE lists.current_sha256 END,
            current_sha256 = excluded.current_sha256,
            updated_at = now()
        """,
        [version.list_name, url, sha],
    )
