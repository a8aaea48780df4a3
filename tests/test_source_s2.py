"""enrich.sources.semantic_scholar against the fake S2 Graph API on 127.0.0.1, and its pure parser.

The recorded answer in tests/fixtures/upstream/semantic_scholar/ is a real paper/batch answer
(fields as asked, `null` for an unknown id).
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from enrich.config import load_settings
from enrich.http import RunStats, build_session
from enrich.rawstore import RawResponse, read_response, save_response
from enrich.sources import semantic_scholar as s2
from enrich.sources.base import ERROR, NOT_FOUND, OK, FetchContext, FetchOutcome, Parsed

from fake_upstream import FakeUpstream, FakeWorld

UPSTREAM = Path(__file__).parent / "fixtures" / "upstream" / "semantic_scholar"
MIGRATION = (
    Path(__file__).parents[1] / "src" / "enrich" / "warehouse" / "migrations" / "001_core.sql"
)
PLANTED_KEY = "s2k_PLANTEDKEY000000000000000000"
KNOWN = ["2305.10250", "2401.00001", "2402.00002"]
ACL = "2024.emnlp-main.264"

MakeCtx = Callable[..., FetchContext]


@pytest.fixture
def make_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeCtx:
    """A FetchContext for S2 at `base_url`: no pacing, short timeouts, one retry."""
    monkeypatch.chdir(tmp_path)  # no ./enrich.yaml, no ./.env
    monkeypatch.delenv("ENRICH_CONFIG", raising=False)

    def make(base_url: str, **env: str) -> FetchContext:
        settings = load_settings(
            config=None,
            env={
                "ENRICH_S2_URL": base_url,
                "ENRICH_DATA_DIR": str(tmp_path / "data"),
                "ENRICH_S2_PACE": "0",
                "ENRICH_TIMEOUT": "0.5",
                "ENRICH_CONNECT_TIMEOUT": "1",
                "ENRICH_MAX_RETRIES": "1",
                "ENRICH_MAX_RETRY_WAIT": "5",
                **env,
            },
        )
        stats = RunStats()
        config = settings.sources["s2"]
        return FetchContext(settings, config, build_session(settings, config, stats), stats)

    return make


@pytest.fixture
def world() -> FakeWorld:
    return FakeWorld.synthetic(arxiv_ids=KNOWN, links=[("2406.12345", ACL)])


def parse_all(outcome: FetchOutcome) -> Parsed:
    """Every saved answer parsed, merged the way a loader would, plus the items never asked."""
    merged = Parsed()
    for path in outcome.raw_paths:
        parsed = s2.parse(read_response(path))
        for table, rows in parsed.rows.items():
            merged.rows.setdefault(table, []).extend(rows)
        merged.statuses.update(parsed.statuses)
    merged.statuses.update(outcome.failed)
    return merged


def saved(tmp_path: Path, ids: list[str], body: bytes, status: int = 200) -> RawResponse:
    path = save_response(
        tmp_path / "raw",
        source="s2",
        kind="batch",
        method="POST",
        url="http://127.0.0.1:1/graph/v1/paper/batch?fields=paperId",
        status=status,
        headers={"Content-Type": "application/json"},
        body=body,
        request_body={"ids": ids},
        meta={"ids": ids},
    )
    return read_response(path)


def table_columns(table: str) -> set[str]:
    sql = MIGRATION.read_text(encoding="utf-8")
    block = re.search(rf"CREATE TABLE {table} \((.*?)\n\);", sql, re.S)
    assert block is not None, table
    names = set()
    for line in block[1].splitlines():
        match = re.match(r"\s+([a-z0-9_]+)\s+[A-Z]", line)
        if match and match[1] != "PRIMARY":
            names.add(match[1])
    return names


# --- batches and mapping ------------------------------------------------------------------------


def test_1200_ids_make_three_batches_of_at_most_500(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    known = [f"ARXIV:{a}" for a in KNOWN]
    unknown = [f"ARXIV:2501.{i:05d}" for i in range(1, 1201 - len(known))]
    ids = unknown[:600] + known + unknown[600:]
    ctx = make_ctx(fake_upstream.base_url)
    done: list[int] = []
    ctx.progress = done.append

    outcome = s2.fetch(ids, ctx)

    batches = [r.json()["ids"] for r in fake_upstream.requests_for("s2")]
    assert [len(b) for b in batches] == [500, 500, 200]
    assert [i for b in batches for i in b] == ids
    assert sum(done) == 1200 and len(outcome.raw_paths) == 3 and not outcome.failed
    parsed = parse_all(outcome)
    assert {k for k, v in parsed.statuses.items() if v.status == OK} == set(known)
    assert sum(v.status == NOT_FOUND for v in parsed.statuses.values()) == 1200 - len(known)
    lookups = {row["lookup_id"]: row["s2_paper_id"] for row in parsed.rows["s2_lookups"]}
    assert len(lookups) == 1200
    assert all(lookups[u] is None for u in unknown)
    assert lookups["ARXIV:2305.10250"] == world.s2_by_arxiv("2305.10250").paperId


def test_answers_map_back_by_position_across_nulls(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    acl_record = world.s2_by_acl(ACL)
    ids = [
        "ARXIV:2501.99999",
        f"ARXIV:{KNOWN[1]}",
        "DOI:10.9999/nothing",
        f"ACL:{ACL}",
        "URL:https://arxiv.org/abs/2305.10250",  # the library itself would call this not found
        f"DOI:{acl_record.externalIds['DOI'].upper()}",  # a second id of the ACL paper
        "ARXIV:2501.88888",
    ]
    outcome = s2.fetch(ids, make_ctx(fake_upstream.base_url))
    parsed = parse_all(outcome)

    lookups = {row["lookup_id"]: row["s2_paper_id"] for row in parsed.rows["s2_lookups"]}
    assert lookups == {
        "ARXIV:2501.99999": None,
        f"ARXIV:{KNOWN[1]}": world.s2_by_arxiv(KNOWN[1]).paperId,
        "DOI:10.9999/nothing": None,
        f"ACL:{ACL}": acl_record.paperId,
        "URL:https://arxiv.org/abs/2305.10250": world.s2_by_arxiv("2305.10250").paperId,
        f"DOI:{acl_record.externalIds['DOI'].upper()}": acl_record.paperId,
        "ARXIV:2501.88888": None,
    }
    assert [parsed.statuses[i].status for i in ids] == [
        NOT_FOUND,
        OK,
        NOT_FOUND,
        OK,
        OK,
        OK,
        NOT_FOUND,
    ]
    # One record per paper, however many ids led to it.
    assert len(parsed.rows["s2_records"]) == 3
    record = next(r for r in parsed.rows["s2_records"] if r["s2_paper_id"] == acl_record.paperId)
    assert record["acl_id"] == ACL and record["arxiv_id"] == "2406.12345"


def test_rows_use_the_warehouse_columns(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    record = world.s2_by_arxiv(KNOWN[0])
    record.externalIds["DOI"] = "10.1145/ABC.DEF"
    fake_upstream.world = world
    outcome = s2.fetch([f"ARXIV:{KNOWN[0]}", "ARXIV:2501.00001"], make_ctx(fake_upstream.base_url))
    parsed = parse_all(outcome)
    raw = read_response(outcome.raw_paths[0])
    at = raw.fetched_at.astimezone(UTC).replace(tzinfo=None)

    for table in ("s2_records", "s2_lookups", "observations"):
        for row in parsed.rows[table]:
            assert set(row) == table_columns(table), table
    (row,) = parsed.rows["s2_records"]
    assert row["doi"] == "10.1145/abc.def"
    assert row["arxiv_id"] == KNOWN[0]
    assert row["corpus_id"] == record.corpusId
    assert json.loads(row["external_ids"])["ArXiv"] == KNOWN[0]
    assert row["author_names"] == [a.name for a in record.authors]
    assert row["author_ids"] == [a.authorId for a in record.authors]
    assert row["citation_count"] == record.citationCount
    assert row["open_access_pdf"] == (record.openAccessPdf or {}).get("url")
    assert str(row["publication_date"]) == record.publicationDate
    assert row["fetched_at"] == at and row["fetched_at"].tzinfo is None
    assert row["raw_path"] == str(outcome.raw_paths[0])
    metrics = {(o["metric"], o["value"]) for o in parsed.rows["observations"]}
    assert metrics == {
        ("citations", record.citationCount),
        ("influential_citations", record.influentialCitationCount),
        ("references", record.referenceCount),
    }
    assert {
        (o["subject_kind"], o["subject_id"], o["observed_on"], o["source"])
        for o in parsed.rows["observations"]
    } == {("paper", record.paperId, at.date(), "s2")}


def test_the_library_builds_the_call_and_our_session_sends_it(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    s2.fetch([f"ARXIV:{KNOWN[0]}"], make_ctx(fake_upstream.base_url))
    (request,) = fake_upstream.requests_for("s2")
    assert request.method == "POST" and request.path == "/graph/v1/paper/batch"
    assert request.query["fields"] == [",".join(s2.FIELDS)]
    assert request.json() == {"ids": [f"ARXIV:{KNOWN[0]}"]}
    assert request.headers["user-agent"].startswith("enrich/")  # not httpx's own


# --- the key ------------------------------------------------------------------------------------


def test_api_key_is_sent_when_set_and_never_saved(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx, tmp_path: Path
) -> None:
    fake_upstream.world = world
    fake_upstream.s2_api_key = PLANTED_KEY
    outcome = s2.fetch(
        [f"ARXIV:{KNOWN[0]}"], make_ctx(fake_upstream.base_url, S2_API_KEY=PLANTED_KEY)
    )
    assert fake_upstream.headers_seen("s2", "x-api-key") == [PLANTED_KEY]
    assert parse_all(outcome).statuses[f"ARXIV:{KNOWN[0]}"].status == OK
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files
    assert not [p for p in files if PLANTED_KEY.encode() in p.read_bytes()]


def test_no_key_header_without_a_key(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    s2.fetch([f"ARXIV:{KNOWN[0]}"], make_ctx(fake_upstream.base_url))
    assert fake_upstream.count("s2") == 1
    assert fake_upstream.headers_seen("s2", "x-api-key") == []


def test_a_refused_key_is_an_error_and_stops_the_run(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    fake_upstream.s2_api_key = "the-right-key"
    ids = ["ARXIV:2501.00001", "ARXIV:2501.00002"]
    ctx = make_ctx(fake_upstream.base_url, S2_API_KEY="wrong", ENRICH_S2_BATCH="1")
    outcome = s2.fetch(ids, ctx)
    assert fake_upstream.count("s2") == 1  # every batch would be refused alike
    statuses = parse_all(outcome).statuses
    assert {v.status for v in statuses.values()} == {ERROR} and set(statuses) == set(ids)
    assert "403" in (statuses[ids[0]].message or "")
    assert "not asked" in (statuses[ids[1]].message or "")


# --- faults -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "opts", "saved_answer"),
    [
        ("500", {}, True),
        ("502", {}, True),
        ("503", {}, True),
        ("html", {}, True),
        ("truncated", {"mode": "close"}, True),
        ("truncated", {"mode": "length"}, False),
        ("timeout", {"seconds": 3}, False),
    ],
)
def test_a_fault_is_an_error_never_not_found(
    fake_upstream: FakeUpstream,
    world: FakeWorld,
    make_ctx: MakeCtx,
    fault: str,
    opts: dict[str, object],
    saved_answer: bool,
) -> None:
    fake_upstream.world = world
    fake_upstream.inject("s2", fault, times=5, **opts)  # more than the retries
    ids = [f"ARXIV:{KNOWN[0]}", "ARXIV:2501.00001", f"ACL:{ACL}"]
    outcome = s2.fetch(ids, make_ctx(fake_upstream.base_url))

    parsed = parse_all(outcome)
    assert {i: parsed.statuses[i].status for i in ids} == dict.fromkeys(ids, ERROR)
    assert not parsed.rows
    assert outcome.errors
    assert bool(outcome.raw_paths) is saved_answer
    if saved_answer:  # the answer as served, saved before anything read it
        (raw,) = [read_response(p) for p in outcome.raw_paths]
        assert raw.request_body == {"ids": ids}
        served = fake_upstream.requests_for("s2")[-1]
        assert raw.status == served.status


def test_429_with_a_short_retry_after_is_waited_for(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    # Fractions of a second are honoured like whole ones (the first retry has no backoff of
    # its own): a short wait proves it is waited for.
    fake_upstream.inject("s2", "429", times=1, retry_after=0.3)
    started = time.monotonic()
    outcome = s2.fetch([f"ARXIV:{KNOWN[0]}"], make_ctx(fake_upstream.base_url))
    assert time.monotonic() - started >= 0.28
    assert fake_upstream.count("s2") == 2
    assert parse_all(outcome).statuses[f"ARXIV:{KNOWN[0]}"].status == OK
    assert outcome.retry_at is None and not outcome.errors


def test_429_beyond_the_wait_budget_stops_with_retry_at(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    fake_upstream.inject("s2", "429", times=1, retry_after=120)
    ids = [f"ARXIV:{KNOWN[0]}", f"ARXIV:{KNOWN[1]}", f"ARXIV:{KNOWN[2]}"]
    started = time.monotonic()
    outcome = s2.fetch(ids, make_ctx(fake_upstream.base_url, ENRICH_S2_BATCH="2"))

    assert time.monotonic() - started < 3
    assert fake_upstream.count("s2") == 1  # the second batch is not asked
    assert {i: outcome.failed[i].status for i in ids} == dict.fromkeys(ids, ERROR)
    assert "rate limited" in (outcome.failed[ids[0]].message or "")
    assert "not asked" in (outcome.failed[ids[2]].message or "")
    assert outcome.retry_at is not None
    wait = datetime.fromisoformat(outcome.retry_at) - datetime.now(UTC)
    assert 100 < wait.total_seconds() <= 121


def test_429_after_every_retry_is_saved_and_an_error_with_retry_at(
    fake_upstream: FakeUpstream, world: FakeWorld, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = world
    fake_upstream.inject("s2", "429", times=5, retry_after=1)
    outcome = s2.fetch([f"ARXIV:{KNOWN[0]}"], make_ctx(fake_upstream.base_url))
    assert fake_upstream.count("s2") == 2  # one retry, then the 429 is the answer
    (raw,) = [read_response(p) for p in outcome.raw_paths]
    assert raw.status == 429
    assert parse_all(outcome).statuses[f"ARXIV:{KNOWN[0]}"].status == ERROR
    assert outcome.retry_at is not None


def test_a_refused_port_is_unreachable_fast(make_ctx: MakeCtx) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    ids = [f"ARXIV:2501.{i:05d}" for i in range(1, 8)]
    started = time.monotonic()
    outcome = s2.fetch(ids, make_ctx(f"http://127.0.0.1:{port}", ENRICH_S2_BATCH="3"))
    assert time.monotonic() - started < 2
    assert outcome.unreachable is not None and "refused" in outcome.unreachable
    assert not outcome.raw_paths
    assert {v.status for v in outcome.failed.values()} == {ERROR} and len(outcome.failed) == 7
    assert "not asked" in (outcome.failed[ids[-1]].message or "")


# --- parse, on saved answers --------------------------------------------------------------------


def test_parse_a_recorded_answer_with_a_null(tmp_path: Path) -> None:
    body = (UPSTREAM / "s2_batch_fullfields_with_null.json").read_bytes()
    ids = [
        "DOI:10.0000/unknown",
        "DOI:10.2139/SSRN.288970",
        "DOI:10.2139/ssrn.2250500",
        "DOI:10.1257/rct.1355",
    ]
    parsed = s2.parse(saved(tmp_path, ids, body))
    assert [parsed.statuses[i].status for i in ids] == [NOT_FOUND, OK, OK, OK]
    first, _, last = parsed.rows["s2_records"]
    assert first["s2_paper_id"] == "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce"
    assert first["doi"] == "10.2139/ssrn.288970"
    assert first["venue"] is None  # S2's "" means unknown
    assert first["open_access_pdf"] == "http://papers.nber.org/papers/w8841.pdf"
    assert first["citation_count"] == 10670 and first["year"] == 2001
    assert first["corpus_id"] == 470667 and first["arxiv_id"] is None
    assert last["open_access_pdf"] is None and last["citation_count"] == 0
    assert [r["s2_paper_id"] for r in parsed.rows["s2_lookups"]] == [
        None,
        "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce",
        "cb1ebd913c3724c599f6b276b14b5c6253da68f3",
        "0f40b1f08821e22e859c6050916cec3667778613",
    ]


def test_parse_refuses_a_misaligned_answer(tmp_path: Path) -> None:
    body = (UPSTREAM / "s2_batch_fullfields_with_null.json").read_bytes()
    ids = ["ARXIV:1", "ARXIV:2", "ARXIV:3"]
    parsed = s2.parse(saved(tmp_path, ids, body))
    assert {v.status for v in parsed.statuses.values()} == {ERROR} and len(parsed.statuses) == 3
    assert "not guessing" in (parsed.statuses["ARXIV:1"].message or "")
    assert not parsed.rows


def test_parse_says_why_a_400_refused_the_batch(tmp_path: Path) -> None:
    too_many = [f"ARXIV:2501.{i:05d}" for i in range(501)]
    body = b'{"error":"Cannot process more than 500 ids per request"}'
    parsed = s2.parse(saved(tmp_path, too_many, body, status=400))
    assert "too many ids (501" in (parsed.statuses[too_many[0]].message or "")
    bad_field = (UPSTREAM / "s2_paper_400_unknown_field.json").read_bytes()
    parsed = s2.parse(saved(tmp_path, ["ARXIV:1"], bad_field, status=400))
    assert "field" in (parsed.statuses["ARXIV:1"].message or "")
    parsed = s2.parse(saved(tmp_path, ["BOGUS"], b'{"error":"Unacceptable id"}', status=400))
    assert "malformed" in (parsed.statuses["BOGUS"].message or "")
    assert all(v.status == ERROR for v in parsed.statuses.values())


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (404, b'{"error":"Not found"}'),
        (200, b'{"error":"something"}'),
        (200, b"[null, {"),
        (200, b"<!DOCTYPE html><html><body>maintenance</body></html>"),
        (503, b'{"message":"Service Unavailable"}'),
    ],
)
def test_parse_never_turns_a_bad_answer_into_not_found(
    tmp_path: Path, status: int, body: bytes
) -> None:
    ids = ["ARXIV:1", "ARXIV:2"]
    parsed = s2.parse(saved(tmp_path, ids, body, status=status))
    assert {v.status for v in parsed.statuses.values()} == {ERROR}
    assert not parsed.rows


# --- the library's logging ----------------------------------------------------------------------


def test_building_the_client_adds_no_handler_to_the_root_logger(tmp_path: Path) -> None:
    script = f"""
import logging
from enrich.config import load_settings
from enrich.http import RunStats, build_session
from enrich.sources.base import FetchContext
from enrich.sources import semantic_scholar as s2
settings = load_settings(config=None, env={{"ENRICH_DATA_DIR": {str(tmp_path)!r},
                                            "ENRICH_S2_URL": "http://127.0.0.1:9"}})
stats = RunStats()
config = settings.sources["s2"]
ctx = FetchContext(settings, config, build_session(settings, config, stats), stats)
root = logging.getLogger()
root.setLevel(logging.DEBUG)
s2.build_client(ctx)
print(len(root.handlers), root.level)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    # basicConfig would have added a StreamHandler and set the level to WARNING (30).
    assert done.stdout.split() == ["0", str(10)]
