"""Times as the warehouse stores them: UTC, without tzinfo."""

from __future__ import annotations

from datetime import UTC, datetime


def naive_utc(moment: datetime) -> datetime:
    """`moment` in UTC without tzinfo, as the warehouse stores times; a naive one is kept as is
    (it is taken to be UTC already)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def utc_now_naive() -> datetime:
    """Now, as the warehouse stores it."""
    return naive_utc(datetime.now(UTC))
