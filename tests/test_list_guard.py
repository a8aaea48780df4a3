"""Guarded list versions (issue 10): an HTML page, an empty or binary file, a version that parses
to nothing or loses most of its entries is quarantined — kept in the raw store, reported, not
loaded — and the run ends stale (exit 3) with the catalogue as it was."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from enrich.cli import main
from enrich.config import Settings
from enrich.listguard import shrink_problem, text_problem
from enrich.lists import HISTORY_FILE, QUARANTINE_FILE, list_dir, sha256_of
from enrich.pipeline import RefreshOptions, run_rebuild, run_refresh
from enrich.warehouse import open_reader

from fake_upstream import FakeUpstream
from support import SEED, env_for, make_settings

LIST_PATH = "/owner/awesome/main/README.md"
LISTS_ONLY = RefreshOptions(only=frozenset(), release=False)  # the list only, no enrichment
HTML_PAGE = b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>...</body></html>"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "the list is empty"),
        (b" \n\n\t\n", "the list is blank"),
        (HTML_PAGE, "not a Markdown list: an HTML or XML page (a login page or an error page?)"),
        (b"%PDF-1.7\n...", "not text: a PDF document"),
        (b"\x89PNG\r\n\x1a\n....", "not text: a PNG image"),
        (
            b"# list\n- a\x00b\n",
            "not text: it contains NUL bytes (a binary file, or UTF-16/32 without a BOM)",
        ),
        (bytes(range(1, 32)) * 10, "not text: 270 control characters in its first 310 bytes"),
        (b"\xe9\xe8\xff\xfe" * 100, "not text: 400 of its first 400 bytes are not UTF-8"),
        (SEED.read_bytes(), None),
        (codecs.BOM_UTF16_LE + "# list\n- [a](https://x.org)\n".encode("utf-16-le"), None),
        (codecs.BOM_UTF32_BE + "# list\n".encode("utf-32-be"), None),
        ("# Liste\n\n- **Étude sur la santé mentale** et les modèles\n".encode("latin-1"), None),
    ],
)
def test_what_is_not_text(raw: bytes, problem: str | None) -> None:
    assert text_problem(raw) == problem


def test_shrink_rules() -> None:
    assert shrink_problem(93, 186, max_shrink=0.5, accept_shrink=False) is None
    assert shrink_problem(92, 186, max_shrink=0.5, accept_shrink=False) == (
        "it has 92 entries, 94 fewer than the 186 of the version in the warehouse: more than "
        "the 50% allowed (max_shrink; --accept-shrink to accept)"
    )
    assert shrink_problem(0, None, max_shrink=0.5, accept_shrink=False) == (
        "it parses to no entries (--accept-shrink to accept an empty list)"
    )
    assert shrink_problem(0, 186, max_shrink=0.5, accept_shrink=True) is None
    assert shrink_problem(5, None, max_shrink=0.5, accept_shrink=False) is None


def first_entries(n: int) -> bytes:
    """The seed cut after its n-th bullet entry: a list that lost most of its entries."""
    lines = SEED.read_bytes().split(b"\n")
    out, seen = [], 0
    for line in lines:
        if line.lstrip().startswith(b"- ") and b"](" in line:
            seen += 1
            if seen > n:
                continue
        if line.startswith(b"|"):
            continue
        out.append(line)
    return b"\n".join(out)


@pytest.fixture
def served(tmp_path: Path, fake_upstream: FakeUpstream) -> Settings:
    fake_upstream.serve_file(LIST_PATH, SEED.read_bytes())
    settings = make_settings(tmp_path, url=fake_upstream.url(LIST_PATH), list_file=None)
    summary = run_refresh(settings, LISTS_ONLY)
    assert summary.exit_code == 0 and summary.lists[0].entries == 186
    return settings


def catalogue_rows(settings: Settings) -> int:
    with open_reader(settings) as con:
        row = con.execute("SELECT count(*) FROM catalogue").fetchone()
    assert row is not None
    return int(row[0])


def history(settings: Settings) -> list[str]:
    path = list_dir(settings, "mh") / HISTORY_FILE
    return [json.loads(line)["sha256"] for line in path.read_text().splitlines()]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (HTML_PAGE, "not a Markdown list: an HTML or XML page (a login page or an error page?)"),
        (b"", None),  # an empty 200 falls back to the stored version (not a new version)
        (os.urandom(4096) + b"\x00", "not text: it contains NUL bytes"),
        (b"# Awesome list\n\nNothing here any more.\n", "it parses to no entries"),
        (first_entries(40), "it has 42 entries, 144 fewer than the 186"),
    ],
)
def test_a_bad_version_is_quarantined_and_the_catalogue_stays(
    served: Settings, fake_upstream: FakeUpstream, body: bytes, reason: str | None
) -> None:
    good = history(served)
    fake_upstream.serve_file(LIST_PATH, body)
    summary = run_refresh(served, LISTS_ONLY)
    assert catalogue_rows(served) == 186
    assert set(history(served)) == set(good)  # no new version recorded as used
    if reason is None:  # served from the stored copy: a stale outcome (issue 13), not a new one
        assert summary.lists[0].origin == "stored" and summary.lists[0].stale
        assert summary.exit_code == 3 and "list mh" in summary.stale_sources
        return
    assert summary.exit_code == 3 and summary.state == "stale"
    why = summary.quarantined["mh"]
    sha = sha256_of(body)
    assert why.startswith(f"version {sha[:12]} not loaded: {reason}")
    kept = list_dir(served, "mh") / f"{sha}.md"
    assert kept.read_bytes() == body  # kept as evidence
    text = summary.to_text()
    assert f"QUARANTINED list mh: version {sha[:12]} not loaded: {reason}" in text
    assert "stale: list mh (quarantined)" in text
    ledger = (list_dir(served, "mh") / QUARANTINE_FILE).read_text().splitlines()
    assert [json.loads(line)["sha256"] for line in ledger] == [sha]
    with open_reader(served) as con:
        runs = con.execute("SELECT state, exit_code FROM runs ORDER BY started_at").fetchall()
    assert runs[-1] == ("stale", 3)
    # Still quarantined the next night (the ETag answers 304 with the same bad version) …
    assert run_refresh(served, LISTS_ONLY).exit_code == 3
    # … and a rebuild from the raw store replays only loaded versions.
    run_rebuild(served)
    assert catalogue_rows(served) == 186


def test_accept_shrink_loads_a_real_purge(served: Settings, fake_upstream: FakeUpstream) -> None:
    fake_upstream.serve_file(LIST_PATH, first_entries(40))
    assert run_refresh(served, LISTS_ONLY).exit_code == 3
    summary = run_refresh(
        served, RefreshOptions(only=frozenset(), release=False, accept_shrink=True)
    )
    assert summary.exit_code == 0 and summary.quarantined == {}
    assert catalogue_rows(served) == 42


def test_a_shrink_within_the_configured_share_is_loaded(
    tmp_path: Path, fake_upstream: FakeUpstream
) -> None:
    fake_upstream.serve_file(LIST_PATH, SEED.read_bytes())
    settings = make_settings(
        tmp_path,
        url=fake_upstream.url(LIST_PATH),
        list_file=None,
        env={"ENRICH_MAX_SHRINK": "0.9"},
    )
    run_refresh(settings, LISTS_ONLY)
    fake_upstream.serve_file(LIST_PATH, first_entries(40))
    assert run_refresh(settings, LISTS_ONLY).exit_code == 0
    assert catalogue_rows(settings) == 42


def test_only_regular_files_are_read_as_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    for key, value in env_for(settings).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ENRICH_ORCHESTRATOR", "none")
    fifo = tmp_path / "list.fifo"
    os.mkfifo(fifo)
    for target in ("/proc/self/environ", str(fifo)):
        assert main(["refresh", "--offline", "--list", target]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err == f"enrich: --list {target}: not a regular file; a list is a file on disk\n"
    assert not settings.data_dir.exists()
