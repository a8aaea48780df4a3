"""The naive baseline: one request per id per source, the way most hand-written scripts do it.

With the same client libraries and the same politeness as ours:

- arXiv: one `arxiv.Client` (its own `delay_seconds` = our pace, measured from the end of the
  previous answer) and one `Search(id_list=[id])` per id;
- Semantic Scholar: `SemanticScholar(...).get_paper(id)` per id, `time.sleep(pace)` after each;
- GitHub: `requests.get(/repos/{owner}/{repo})` per repository with the token (REST; no pace,
  GitHub's limit is the hourly budget);
- ACL Anthology: `requests.get(/{id}.bib)` per id, `time.sleep(pace)` after each;
- the list: one plain GET (no ETag).

A script like this keeps no state, so every night it asks for everything again.

`naive_requests` counts its requests exactly (one per distinct id, duplicates already removed:
a script that does not deduplicate asks more). `naive_time` computes its time as the pacing
floor: requests × pace per service (GitHub: requests × the measured cost of one request, plus a
wait of an hour for every 5,000 requests beyond the first 5,000). `run_naive` runs the code for
real, each service in its own thread, and measures what one request costs.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

GITHUB_HOURLY_BUDGET = 5000
SOURCES = ("arxiv", "s2", "github", "acl")


def naive_requests(wanted: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Requests of the naive script for a list: one per distinct id, plus the list itself."""
    counts = {source: len(wanted.get(source, ())) for source in SOURCES}
    counts["lists"] = 1
    return counts


def naive_time(
    requests: Mapping[str, int],
    paces: Mapping[str, float],
    per_request: Mapping[str, float],
) -> dict[str, Any]:
    """The naive script's time, computed as its pacing floor, per service and in all:
    `serial` (one service after the other, as such a script runs) and `parallel` (each
    service in its own thread: the least it could take)."""
    per_source: dict[str, float] = {}
    for source in SOURCES:
        n = requests.get(source, 0)
        pace = paces.get(source, 0.0)
        # No pace (GitHub): the cost of one request, measured on the sample.
        seconds = n * pace if pace > 0 else n * per_request.get(source, 0.0)
        if source == "github" and n > GITHUB_HOURLY_BUDGET:
            seconds += 3600.0 * math.ceil(n / GITHUB_HOURLY_BUDGET - 1)
        per_source[source] = seconds
    return {
        "per_source_s": per_source,
        "serial_s": sum(per_source.values()),
        "parallel_s": max(per_source.values(), default=0.0),
        "how": "computed: requests × pace per service (GitHub: requests × measured cost of one "
        "request); serial = services one after another, parallel = services at once",
    }


class _Tally:
    def __init__(self) -> None:
        self.ok = 0
        self.not_found = 0
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def add(self, outcome: str, detail: str = "") -> None:
        with self.lock:
            if outcome == "ok":
                self.ok += 1
            elif outcome == "not_found":
                self.not_found += 1
            elif len(self.errors) < 5:
                self.errors.append(detail)
            else:
                self.errors.append("…")


def _arxiv(ids: Sequence[str], base: str, pace: float, tally: _Tally, **_: Any) -> None:
    import arxiv

    client = arxiv.Client(page_size=100, delay_seconds=pace, num_retries=3)
    client.query_url_format = base.rstrip("/") + "/api/query?{}"
    for arxiv_id in ids:
        try:
            results = list(client.results(arxiv.Search(id_list=[arxiv_id], max_results=1)))
            tally.add("ok" if results else "not_found")
        except Exception as exc:  # a script would log and go on
            tally.add("error", f"{arxiv_id}: {type(exc).__name__}: {exc}"[:200])


def _s2(
    ids: Sequence[str], base: str, pace: float, tally: _Tally, key: str | None = None, **_: Any
) -> None:
    from semanticscholar import SemanticScholar
    from semanticscholar.SemanticScholarException import ObjectNotFoundException

    from enrich.sources.semantic_scholar import FIELDS

    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    client = SemanticScholar(api_url=base.rstrip("/"), api_key=key, timeout=20, retry=False)
    root.setLevel(level)
    root.handlers[:] = handlers
    for i, paper_id in enumerate(ids):
        if i:
            time.sleep(pace)
        try:
            client.get_paper(paper_id, fields=list(FIELDS))
            tally.add("ok")
        except ObjectNotFoundException:
            tally.add("not_found")
        except Exception as exc:
            tally.add("error", f"{paper_id}: {type(exc).__name__}: {exc}"[:200])


def _github(
    ids: Sequence[str], base: str, pace: float, tally: _Tally, token: str | None = None, **_: Any
) -> None:
    import requests

    headers = {"Accept": "application/vnd.github+json"}
    if token:
        headers["Authorization"] = f"token {token}"
    for i, repo in enumerate(ids):
        if i and pace:
            time.sleep(pace)
        try:
            response = requests.get(f"{base.rstrip('/')}/repos/{repo}", headers=headers, timeout=20)
            if response.status_code == 200:
                tally.add("ok")
            elif response.status_code == 404:
                tally.add("not_found")
            else:
                tally.add("error", f"{repo}: HTTP {response.status_code}")
        except Exception as exc:
            tally.add("error", f"{repo}: {type(exc).__name__}: {exc}"[:200])


def _acl(ids: Sequence[str], base: str, pace: float, tally: _Tally, **_: Any) -> None:
    import requests

    for i, acl_id in enumerate(ids):
        if i:
            time.sleep(pace)
        try:
            response = requests.get(f"{base.rstrip('/')}/{acl_id}.bib", timeout=20)
            if response.status_code == 200:
                tally.add("ok")
            elif response.status_code == 404:
                tally.add("not_found")
            else:
                tally.add("error", f"{acl_id}: HTTP {response.status_code}")
        except Exception as exc:
            tally.add("error", f"{acl_id}: {type(exc).__name__}: {exc}"[:200])


RUNNERS: dict[str, Callable[..., None]] = {
    "arxiv": _arxiv,
    "s2": _s2,
    "github": _github,
    "acl": _acl,
}


def run_naive(
    ids: Mapping[str, Sequence[str]],
    base_url: str,
    paces: Mapping[str, float],
    *,
    token: str | None,
    s2_key: str | None,
    list_url: str | None = None,
) -> dict[str, Any]:
    """Run the naive script for real on `ids` (per source), each service in its own thread.
    Returns, per source: ids asked, wall time, time per request, outcomes."""
    out: dict[str, Any] = {}

    def one(source: str) -> None:
        tally = _Tally()
        started = time.perf_counter()
        RUNNERS[source](
            list(ids.get(source, ())),
            base_url,
            paces.get(source, 0.0),
            tally,
            token=token,
            key=s2_key,
        )
        wall = time.perf_counter() - started
        n = len(ids.get(source, ()))
        out[source] = {
            "ids": n,
            "wall_s": wall,
            "per_request_s": wall / n if n else 0.0,
            "ok": tally.ok,
            "not_found": tally.not_found,
            "errors": tally.errors,
        }

    started = time.perf_counter()
    if list_url:
        import requests

        requests.get(list_url, timeout=20)
    with ThreadPoolExecutor(max_workers=len(SOURCES)) as pool:
        list(pool.map(one, SOURCES))
    out["wall_s"] = time.perf_counter() - started
    return out
