"""Plan: which items each source must be asked for in this run.

An item is asked when it is new, when its last good answer is older than the source's
time-to-live, or when its last attempt failed; `--force` asks for everything, `--only` limits the
sources, `--offline` asks nothing. A source whose answers never change (the registry's
`immutable`: the ACL Anthology) is never asked again for an item once answered, whatever the
time-to-live; a source may also leave out items the warehouse can answer without asking (its
`still_to_ask`: ACL papers of a volume file saved before).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import duckdb

from enrich.config import Settings
from enrich.resolve import ResolvedEntry
from enrich.sources import registry
from enrich.utc import naive_utc

# An item is due once it is older than its time-to-live less this margin, or a tenth of the
# time-to-live if that is less (see `_fresh_items`).
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
    """Every item each source could tell us about (its `wanted`), in list order, without
    duplicates; sources in the registry's order."""
    items: dict[str, dict[str, None]] = {}
    for source, module in registry.modules().items():
        found = items[source] = {}
        for entry in resolved:
            found.update(dict.fromkeys(module.wanted(entry)))
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
            if con is not None and not force:
                plan.ask = registry.still_to_ask(source, con, plan.ask)
        plans[source] = plan
    return plans


def _fresh_items(
    con: duckdb.DuckDBPyConnection | None, source: str, ttl_days: float, now: datetime
) -> set[str]:
    if con is None:
        return set()
    if registry.spec(source).immutable:
        rows = con.execute(
            "SELECT item_id FROM fetch_status WHERE source = ? AND status = 'ok'", [source]
        ).fetchall()
        return {r[0] for r in rows}
    # A nightly run must not find yesterday's values "just" fresh because the last run started a
    # few minutes later in the day: an item is due once it is older than the TTL less a margin.
    ttl = timedelta(days=ttl_days)
    cutoff = naive_utc(now - ttl + min(ttl * 0.1, TTL_MARGIN))
    rows = con.execute(
        """
        SELECT item_id FROM fetch_status
        WHERE source = ? AND status IN ('ok', 'not_found') AND last_attempt_at >= ?
        """,
        [source, cutoff],
    ).fetchall()
    return {r[0] for r in rows}
