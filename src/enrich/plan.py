"""Plan: which items each source must be asked for in this run.

An item is asked when it is new, when its last good answer is older than the source's
time-to-live, or when its last attempt failed; `--force` asks for everything, `--only` limits the
sources, `--offline` asks nothing. ACL Anthology records are published and never change: once
stored, never asked again, whatever the time-to-live.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import duckdb

from enrich.config import Settings
from enrich.ids import s2_lookup_id
from enrich.resolve import ResolvedEntry

# Sources whose answers never change once given.
IMMUTABLE_SOURCES = frozenset({"acl"})
TTL_MARGIN = timedelta(hours=2)


@dataclass
class SourcePlan:
    source: str
    wanted: list[str] = field(default_factory=list)  # every item the lists need
    ask: list[str] = field(default_factory=list)  # the stale or new ones, to be asked now
    not_asked_because: str | None = None  # "offline", "not in --only", "disabled in config"

    @property
    def fresh(self) -> int:
        return 0 if self.not_asked_because else len(self.wanted) - len(self.ask)


def wanted_items(resolved: Sequence[ResolvedEntry]) -> dict[str, list[str]]:
    """Every item each source could tell us about, in list order, without duplicates."""
    items: dict[str, dict[str, None]] = {"arxiv": {}, "acl": {}, "s2": {}, "github": {}}
    for entry in resolved:
        for rl in entry.links:
            cid = rl.cid
            if cid.kind in ("arxiv", "hf_paper"):
                items["arxiv"][cid.value] = None
            elif cid.kind == "acl":
                items["acl"][cid.value] = None
            elif cid.kind == "github":
                items["github"][cid.value] = None
        for cid in entry.paper_ids:
            lookup = s2_lookup_id(cid)
            if lookup:
                items["s2"][lookup] = None
    return {source: list(values) for source, values in items.items()}


def make_plans(
    con: duckdb.DuckDBPyConnection | None,
    settings: Settings,
    resolved: Sequence[ResolvedEntry],
    *,
    force: bool = False,
    only: frozenset[str] | None = None,
    offline: bool = False,
    now: datetime | None = None,
) -> dict[str, SourcePlan]:
    now = now or datetime.now(UTC)
    plans = {}
    for source, wanted in wanted_items(resolved).items():
        plan = SourcePlan(source, wanted=wanted)
        if offline:
            plan.not_asked_because = "offline"
        elif not settings.sources[source].enabled:
            plan.not_asked_because = "disabled in config"
        elif only is not None and source not in only:
            plan.not_asked_because = "not in --only"
        else:
            if force:
                plan.ask = list(wanted)
            else:
                fresh = _fresh_items(con, source, settings.sources[source].ttl_days, now)
                plan.ask = [item for item in wanted if item not in fresh]
            if source == "acl" and con is not None and not force:
                plan.ask = _not_in_stored_volumes(con, plan.ask)
        plans[source] = plan
    return plans


def _fresh_items(
    con: duckdb.DuckDBPyConnection | None, source: str, ttl_days: float, now: datetime
) -> set[str]:
    if con is None:
        return set()
    if source in IMMUTABLE_SOURCES:
        rows = con.execute(
            "SELECT item_id FROM fetch_status WHERE source = ? AND status = 'ok'", [source]
        ).fetchall()
        return {r[0] for r in rows}
    # A nightly run must not find yesterday's values "just" fresh because the last run started a
    # few minutes later in the day: an item is due once it is older than the TTL less a margin.
    ttl = timedelta(days=ttl_days)
    cutoff = (now - ttl + min(ttl * 0.1, TTL_MARGIN)).replace(tzinfo=None)
    rows = con.execute(
        """
        SELECT item_id FROM fetch_status
        WHERE source = ? AND status IN ('ok', 'not_found') AND last_attempt_at >= ?
        """,
        [source, cutoff],
    ).fetchall()
    return {r[0] for r in rows}


def _not_in_stored_volumes(con: duckdb.DuckDBPyConnection, acl_ids: list[str]) -> list[str]:
    """ACL ids whose volume file is not stored yet: the others are read from it, not asked."""
    from enrich.ids import acl_volume_id
    from enrich.warehouse.raw_load import stored_volumes

    volumes = stored_volumes(con)
    keep = []
    for acl_id in acl_ids:
        try:
            stored = acl_volume_id(acl_id) in volumes
        except ValueError:
            stored = False
        if not stored:
            keep.append(acl_id)
    return keep
