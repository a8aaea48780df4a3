"""A service's pace holds across processes: two processes asking one service (two Dask workers,
or a refresh and a benchmark on one data directory) share its pace through the data directory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fake_upstream import FakeUpstream
from test_refresh import seed_ids, seed_world

ASK_SIX_TIMES = textwrap.dedent(
    """
    import sys
    from enrich.config import load_settings
    from enrich.http import RunStats, build_session

    settings = load_settings(None, env={{
        "ENRICH_DATA_DIR": sys.argv[1], "ENRICH_ARXIV_URL": sys.argv[2],
        "ENRICH_ARXIV_PACE": "{pace}", "ENRICH_MAX_RETRIES": "0",
    }})
    session = build_session(settings, settings.sources["arxiv"], RunStats())
    for _ in range(6):
        try:
            session.get(sys.argv[2] + "/api/query?id_list=2401.00001")
        except Exception:  # the control: 503s for early requests, then the breaker
            break
    """
)


@pytest.mark.parametrize("shared", [True, False], ids=["one-data-dir", "two-data-dirs"])
def test_two_processes_keep_one_pace_per_service(
    fake_upstream: FakeUpstream, tmp_path: Path, shared: bool
) -> None:
    # The fake rejects gaps under 0.3 s at arrival; the clients keep 0.5 s: 0.2 s is left for
    # the jitter of a busy machine between sending and arriving (0.1 s was not always enough
    # under xdist with four workers on two cores).
    fake_upstream.enforce_pacing = {"arxiv": 0.3}
    script = ASK_SIX_TIMES.format(pace=0.5)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path / ("data" if shared else f"d{i}")),
             fake_upstream.base_url]
        )
        for i in range(2)
    ]
    assert [p.wait(timeout=60) for p in processes] == [0, 0]
    if shared:
        assert fake_upstream.count("arxiv") == 12
        assert fake_upstream.pacing_violations == []
    else:  # the control: paces kept apart (two data directories) do collide
        assert fake_upstream.pacing_violations


def test_a_fetch_past_its_time_budget_stops_asking_and_says_so(
    fake_upstream: FakeUpstream, tmp_path: Path
) -> None:
    from enrich.fetch import fetch_source
    from enrich.sources.base import ERROR

    from support import make_settings

    fake_upstream.world = seed_world()
    fake_upstream.latency = 0.3  # every ACL volume takes 0.3 s; 34 volumes would take 10 s
    settings = make_settings(tmp_path, base_url=fake_upstream.base_url)
    acl_ids = sorted(seed_ids()[0]["acl"])
    outcome = fetch_source(settings, "acl", acl_ids, budget_seconds=1.0)
    asked = fake_upstream.count("acl")
    assert 1 <= asked <= 5  # it stopped after about a second, not after 34 requests
    assert outcome.stats is not None and "time budget of 1 s" in str(outcome.stats.unreachable)
    assert outcome.failed and all(st.status == ERROR for st in outcome.failed.values())


def test_the_request_after_a_retry_keeps_the_pace(
    fake_upstream: FakeUpstream, tmp_path: Path
) -> None:
    from enrich.config import load_settings
    from enrich.http import RunStats, build_session

    fake_upstream.world = seed_world()
    # 0.2 s left for a busy machine's jitter, as above (0.1 s was not always enough: a request
    # that kept the pace arrived early and the fake refused it, 429); a retry that skipped the
    # pace would come 0.01 s after the failure.
    fake_upstream.enforce_pacing = {"acl": 0.3}
    settings = load_settings(
        None,
        env={
            "ENRICH_DATA_DIR": str(tmp_path),
            "ENRICH_ACL_URL": fake_upstream.base_url,
            "ENRICH_ACL_PACE": "0.5",
            "ENRICH_MAX_RETRIES": "1",
            "ENRICH_BACKOFF": "0.01",
        },
    )
    session = build_session(settings, settings.sources["acl"], RunStats())
    fake_upstream.inject("acl", "500", times=1)
    for volume in ("2024.acl-long", "2024.emnlp-main", "2024.naacl-long"):
        session.get(f"{fake_upstream.base_url}/volumes/{volume}.bib")
    statuses = [r.status for r in fake_upstream.requests_for("acl")]
    assert statuses[0] == 500 and len(statuses) == 4 and 429 not in statuses, statuses
    assert fake_upstream.pacing_violations == []
