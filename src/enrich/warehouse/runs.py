"""Run history and the figures a summary shows, read from the warehouse."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import duckdb

from enrich.lists import ListVersion
from enrich.summary import RunSummary
from enrich.utc import naive_utc

ID_KINDS_SQL = """
SELECT id_kind, count(DISTINCT id_value)
FROM current_links
GROUP BY id_kind
ORDER BY id_kind
"""


CURRENT_ENTRIES_SQL = "SELECT count(*) FROM current_entries"


def current_entry_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many entries the current lists have (one catalogue row each)."""
    row = con.execute(CURRENT_ENTRIES_SQL).fetchone()
    return int(row[0]) if row else 0


def warehouse_counts(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], dict[str, int]]:
    ids = {kind: n for kind, n in con.execute(ID_KINDS_SQL).fetchall()}
    counts = {}
    for name, sql in (
        ("entries", CURRENT_ENTRIES_SQL),
        ("works", "SELECT count(*) FROM works"),
        ("repositories", "SELECT count(DISTINCT repo_key) FROM current_entries"),
        ("authors", "SELECT count(*) FROM work_authors"),
        ("observations", "SELECT count(*) FROM observations"),
    ):
        row = con.execute(sql).fetchone()
        counts[name] = int(row[0]) if row else 0
    return ids, counts


def list_changes(con: duckdb.DuckDBPyConnection, list_name: str) -> dict[str, int] | None:
    """Entries added, removed and moved between the previous and the current version."""
    row = con.execute(
        "SELECT previous_sha256, current_sha256 FROM lists WHERE list_name = ?", [list_name]
    ).fetchone()
    if not row or not row[0] or row[0] == row[1]:
        return None
    added, removed, moved = con.execute(
        """
        WITH old AS (SELECT * FROM entries WHERE sha256 = $old),
             new AS (SELECT * FROM entries WHERE sha256 = $new)
        SELECT
            (SELECT count(*) FROM new ANTI JOIN old USING (entry_id)),
            (SELECT count(*) FROM old ANTI JOIN new USING (entry_id)),
            (SELECT count(*) FROM new JOIN old USING (entry_id)
              WHERE new.section IS DISTINCT FROM old.section
                 OR new.subsection IS DISTINCT FROM old.subsection)
        """,
        {"old": row[0], "new": row[1]},
    ).fetchone() or (0, 0, 0)
    return {"added": int(added), "removed": int(removed), "moved": int(moved)}


def record_run(
    con: duckdb.DuckDBPyConnection, summary: RunSummary, versions: Sequence[ListVersion]
) -> None:
    data = summary.as_dict()
    con.execute(
        "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            summary.run_id,
            _naive(summary.started_at),
            _naive(summary.finished_at),
            summary.state,
            summary.exit_code,
            json.dumps(summary.options),
            json.dumps({"ids": summary.ids, **summary.counts, "lists": data["lists"]}),
            json.dumps({k: v for k, v in data["sources"].items()}),
            json.dumps({k: v["errors"] for k, v in data["sources"].items() if v["errors"]}),
        ],
    )
    notes = {rep.name: rep.note for rep in summary.lists}
    for version in versions:
        con.execute(
            "INSERT OR REPLACE INTO run_list_versions VALUES (?, ?, ?, ?, ?)",
            [
                summary.run_id,
                version.list_name,
                version.sha256,
                version.origin,
                notes.get(version.list_name),
            ],
        )


def _naive(iso: str | None) -> datetime | None:
    if iso is None:
        return None
    return naive_utc(datetime.fromisoformat(iso))
