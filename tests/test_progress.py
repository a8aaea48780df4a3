"""Progress a person can see: a board on a terminal (checked under a pseudo-terminal, with and
without Prefect), plain lines when piped, and what the fetch is waiting for."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from enrich.fetch import fetch_source
from enrich.progress import PlainLines, SourceProgress

from fake_upstream import FakeUpstream
from support import FAST_ENV, env_for, make_settings
from test_refresh import S2_KEY, TOKEN, seed_ids, seed_world


@pytest.fixture
def upstream(fake_upstream: FakeUpstream) -> FakeUpstream:
    fake_upstream.world = seed_world()
    return fake_upstream


def cli_env(tmp_path: Path, upstream: FakeUpstream, **extra: str) -> dict[str, str]:
    settings = make_settings(tmp_path, base_url=upstream.base_url)
    env = {
        **os.environ,
        **FAST_ENV,
        **env_for(settings),
        "ENRICH_ARXIV_URL": upstream.base_url,
        "ENRICH_S2_URL": upstream.base_url,
        "ENRICH_GITHUB_API_URL": upstream.base_url,
        "ENRICH_ACL_URL": upstream.base_url,
        "GITHUB_TOKEN": TOKEN,
        "S2_API_KEY": S2_KEY,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        **extra,
    }
    env.pop("ENRICH_PROGRESS", None)
    return env


def run_in_pty(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run a command with stdout and stderr on a pseudo-terminal; its exit code and output."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, env=env, stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process is gone
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    os.close(leader)
    return process.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


REFRESH = [sys.executable, "-m", "enrich.cli", "refresh", "--no-release"]


@pytest.mark.parametrize("orchestrator", ["none", "prefect"])
def test_a_terminal_sees_a_live_board_per_source(
    tmp_path: Path, upstream: FakeUpstream, orchestrator: str, request: pytest.FixtureRequest
) -> None:
    env = cli_env(tmp_path, upstream, ENRICH_ORCHESTRATOR=orchestrator, ENRICH_ACL_PACE="0.05")
    if orchestrator == "prefect":  # the flow runs on the run's Prefect API
        env |= request.getfixturevalue("prefect_api").env()
    code, output = run_in_pty(REFRESH, env)
    assert code == 0, output
    assert "\x1b[2K" in output  # lines redrawn in place
    for source, asked in (("arxiv", 82), ("acl", 55), ("s2", 155), ("github", 64)):
        assert f"{source:<7} {asked:>5}/{asked:<5} ids" in output, source
    assert "done" in output
    assert "enrich run" in output  # and the summary after it


def test_a_piped_run_draws_no_board(tmp_path: Path, upstream: FakeUpstream) -> None:
    env = cli_env(tmp_path, upstream, ENRICH_ORCHESTRATOR="none")
    done = subprocess.run(REFRESH, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stderr + done.stdout
    assert " ids" not in done.stderr  # a short run: no periodic line was due


def test_plain_lines_say_what_the_fetch_waits_for(
    tmp_path: Path, upstream: FakeUpstream
) -> None:
    settings = make_settings(
        tmp_path, base_url=upstream.base_url, env={"ENRICH_ACL_PACE": "0.25"}
    )
    out = io.StringIO()
    plain = PlainLines(out, every=0.0)
    seen: list[str] = []
    live: list[SourceProgress] = []
    stop = threading.Event()

    def sample() -> None:  # what a board would draw, every 50 ms
        while not stop.wait(0.05):
            if live:
                seen.append(live[0].line())

    def reporter(progress: SourceProgress) -> None:
        live[:] = [progress]
        plain.report(progress)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        acl_ids = sorted(seed_ids()[0]["acl"])[:12]
        fetch_source(settings, "acl", acl_ids, reporter=reporter)
    finally:
        stop.set()
        sampler.join()
    assert any("waiting for the pace" in line for line in seen)
    assert any("ETA" in line for line in seen)
    lines = out.getvalue().splitlines()
    assert lines and all(line.startswith("enrich: progress: acl") for line in lines)
    assert "\x1b[" not in out.getvalue()
