"""enrich.sources.arxiv against the fake arXiv API on 127.0.0.1, and its pure parser on real feeds.

Real feeds in tests/fixtures/upstream/arxiv/ come from lukasschwab/arxiv.py (MIT), recorded
against export.arxiv.org (see /work/shared/fixtures/upstream/SOURCES.md).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import arxiv
import pytest

from enrich.rawstore import RawResponse, read_response, save_response
from enrich.sources import arxiv as source
from enrich.sources.base import ERROR, NOT_FOUND, OK, FetchContext, FetchOutcome, Parsed

from fake_upstream import FakeUpstream, FakeWorld
from support import fetch_context

FEEDS = Path(__file__).parent / "fixtures" / "upstream" / "arxiv"

MakeCtx = Callable[..., FetchContext]


@pytest.fixture
def make_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeCtx:
    """A FetchContext for arXiv at `base_url`: no pacing, short timeouts, no retries unless said."""
    monkeypatch.chdir(tmp_path)  # no ./enrich.yaml
    monkeypatch.delenv("ENRICH_CONFIG", raising=False)

    def make(base_url: str, **env: str) -> FetchContext:
        ctx: FetchContext = fetch_context("arxiv", base_url, tmp_path / "data", **env)
        return ctx

    return make


def ids_of(n: int, month: str = "2401") -> list[str]:
    return [f"{month}.{i:05d}" for i in range(1, n + 1)]


def parse_all(outcome: FetchOutcome) -> Parsed:
    """Every saved answer parsed, in order, merged the way a loader would."""
    merged = Parsed()
    for path in outcome.raw_paths:
        parsed = source.parse(read_response(path))
        for table, rows in parsed.rows.items():
            merged.rows.setdefault(table, []).extend(rows)
        merged.statuses.update(parsed.statuses)
    merged.statuses.update(outcome.failed)
    return merged


def saved_raw(tmp_path: Path, name: str, ids: list[str], status: int = 200) -> RawResponse:
    """A fixture feed saved and read back the way fetch saves answers."""
    path = save_response(
        tmp_path / "raw",
        source="arxiv",
        kind="query",
        method="GET",
        url="http://127.0.0.1/api/query",
        status=status,
        headers={"content-type": "application/atom+xml"},
        body=(FEEDS / name).read_bytes(),
        meta={"ids": ids},
    )
    return read_response(path)


# --- the happy path -----------------------------------------------------------------------------


def test_250_ids_take_3_requests_and_every_record_arrives_in_order(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    wanted = ids_of(250)
    fake_upstream.world = FakeWorld.synthetic(arxiv_ids=wanted)
    fake_upstream.arxiv_reverse_order = True  # results must be keyed by id, not by position
    ctx = make_ctx(fake_upstream.base_url)
    done: list[int] = []
    ctx.progress = done.append

    outcome = source.fetch(wanted, ctx)

    requests = fake_upstream.requests_for("arxiv")
    assert len(requests) == 3
    asked = [r.query["id_list"][0].split(",") for r in requests]
    assert [len(a) for a in asked] == [100, 100, 50]
    assert [r.query["max_results"][0] for r in requests] == ["100", "100", "50"]
    assert [arxiv_id for batch in asked for arxiv_id in batch] == wanted
    assert done == [100, 100, 50]
    assert outcome.failed == {} and outcome.errors == [] and outcome.unreachable is None
    parsed = parse_all(outcome)
    assert {k: v.status for k, v in parsed.statuses.items()} == dict.fromkeys(wanted, OK)
    rows = {row["arxiv_id"]: row for row in parsed.rows["arxiv_records"]}
    assert sorted(rows) == wanted
    for arxiv_id in wanted:
        record = fake_upstream.world.arxiv[arxiv_id]
        row = rows[arxiv_id]
        assert row["authors"] == record.authors
        assert row["title"] == record.title
        assert row["latest_version"] == f"v{record.versions}"
        assert row["primary_category"] == record.categories[0]
        assert row["categories"] == record.categories
        assert row["published"] == record.published.replace(tzinfo=None)
        assert row["updated"] == record.updated.replace(tzinfo=None)
        assert row["comment"] == record.comment


def test_row_has_exactly_the_warehouse_columns(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = FakeWorld.synthetic(arxiv_ids=["2305.10250"])
    outcome = source.fetch(["2305.10250"], make_ctx(fake_upstream.base_url))
    raw = read_response(outcome.raw_paths[0])
    (row,) = source.parse(raw).rows["arxiv_records"]
    assert list(row) == [
        "arxiv_id", "latest_version", "title", "authors", "abstract", "primary_category",
        "categories", "published", "updated", "doi", "journal_ref", "comment", "fetched_at",
        "raw_path",
    ]  # fmt: skip
    assert row["fetched_at"] == raw.fetched_at.astimezone(UTC).replace(tzinfo=None)
    assert row["fetched_at"].tzinfo is None and row["published"].tzinfo is None
    assert row["raw_path"] == str(outcome.raw_paths[0])


def test_versioned_old_style_and_unknown_ids(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    world = FakeWorld.synthetic(arxiv_ids=["2401.00001", "astro-ph/0601001"])
    world.arxiv["2401.00001"].versions = 3
    fake_upstream.world = world
    items = ["2401.00001v2", "astro-ph/0601001", "2401.99999", "2401.00001"]

    outcome = source.fetch(items, make_ctx(fake_upstream.base_url))

    (request,) = fake_upstream.requests_for("arxiv")
    # The base id is asked once: arXiv then answers with the latest version.
    assert request.query["id_list"] == ["2401.00001,astro-ph/0601001,2401.99999"]
    parsed = parse_all(outcome)
    assert {k: v.status for k, v in parsed.statuses.items()} == {
        "2401.00001": OK,
        "astro-ph/0601001": OK,
        "2401.99999": NOT_FOUND,
    }
    rows = {row["arxiv_id"]: row for row in parsed.rows["arxiv_records"]}
    assert rows["2401.00001"]["latest_version"] == "v3"
    assert rows["astro-ph/0601001"]["authors"] == world.arxiv["astro-ph/0601001"].authors


def test_only_unknown_ids_in_a_valid_feed_are_not_found(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    outcome = source.fetch(["2401.99998", "2401.99999"], make_ctx(fake_upstream.base_url))
    statuses = parse_all(outcome).statuses
    assert {k: v.status for k, v in statuses.items()} == dict.fromkeys(
        ["2401.99998", "2401.99999"], NOT_FOUND
    )


def test_an_invalid_id_is_not_sent_and_does_not_spoil_its_batch(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = FakeWorld.synthetic(arxiv_ids=["2401.00001"])
    outcome = source.fetch(["abc", "2401.00001"], make_ctx(fake_upstream.base_url))
    assert fake_upstream.requests_for("arxiv")[0].query["id_list"] == ["2401.00001"]
    statuses = parse_all(outcome).statuses
    assert statuses["abc"].status == ERROR and "not an arXiv id" in (statuses["abc"].message or "")
    assert statuses["2401.00001"].status == OK


def test_our_request_is_the_one_the_arxiv_library_builds() -> None:
    ids = ["2401.00001", "astro-ph/0601001"]
    ours = parse_qs(urlsplit(source.query_url("http://h", ids)).query)
    client = arxiv.Client()
    client.query_url_format = "http://h/api/query?{}"
    theirs = parse_qs(urlsplit(client._format_url(arxiv.Search(id_list=ids), 0, len(ids))).query)
    for key in ("id_list", "start", "max_results"):
        assert ours[key] == theirs[key]


def test_pace_spaces_requests(fake_upstream: FakeUpstream, make_ctx: MakeCtx) -> None:
    wanted = ids_of(6)
    fake_upstream.world = FakeWorld.synthetic(arxiv_ids=wanted)
    fake_upstream.enforce_pacing = {"arxiv": 0.1}  # the fake answers 503 to anything faster
    ctx = make_ctx(fake_upstream.base_url, ENRICH_ARXIV_PACE="0.2", ENRICH_ARXIV_BATCH="2")

    outcome = source.fetch(wanted, ctx)

    arrivals = [r.at for r in fake_upstream.requests_for("arxiv")]
    assert len(arrivals) == 3
    # The pacer spaces request starts by 0.2 s; what the server sees jitters a little on a busy
    # machine. Unpaced, these gaps are about a millisecond.
    assert all(b - a >= 0.12 for a, b in itertools.pairwise(arrivals))
    assert arrivals[-1] - arrivals[0] >= 0.35
    assert fake_upstream.pacing_violations == []
    assert {s.status for s in parse_all(outcome).statuses.values()} == {OK}


# --- faults -------------------------------------------------------------------------------------


FAULTS: list[tuple[str, dict[str, Any], dict[str, str], int | None]] = [
    # fault, its options, settings, HTTP status saved on disk (None: no answer to save)
    ("500", {}, {}, 500),
    ("503", {}, {}, 503),
    ("html", {}, {}, 200),
    ("truncated", {"mode": "close"}, {}, 200),
    ("truncated", {"mode": "length"}, {}, None),
    ("timeout", {"seconds": 3}, {}, None),
    ("429", {"retry_after": 1}, {"ENRICH_MAX_RETRIES": "1"}, 429),
    ("429", {"retry_after": 600}, {"ENRICH_MAX_RETRIES": "1"}, None),
]


@pytest.mark.parametrize(("fault", "opts", "env", "saved_status"), FAULTS)
def test_every_fault_is_an_error_for_every_id_never_not_found(
    fake_upstream: FakeUpstream,
    make_ctx: MakeCtx,
    fault: str,
    opts: dict[str, Any],
    env: dict[str, str],
    saved_status: int | None,
) -> None:
    wanted = ["2401.00001", "2401.00002", "2401.99999"]  # the last one is unknown
    fake_upstream.world = FakeWorld.synthetic(arxiv_ids=wanted[:2])
    fake_upstream.inject("arxiv", fault, times=5, **opts)
    ctx = make_ctx(fake_upstream.base_url, **env)

    outcome = source.fetch(wanted, ctx)  # never raises

    statuses = parse_all(outcome).statuses
    assert set(statuses) == set(wanted)
    assert {s.status for s in statuses.values()} == {ERROR}, statuses
    assert all(s.message for s in statuses.values())
    assert outcome.errors  # one line for the run summary
    if saved_status is None:
        assert outcome.raw_paths == [] and set(outcome.failed) == set(wanted)
    else:
        (path,) = outcome.raw_paths
        assert path.parent.parent == ctx.settings.raw_dir / "arxiv"
        assert path.parent.name == datetime.now(UTC).strftime("%Y-%m-%d")
        assert read_response(path).status == saved_status
    if fault == "429":
        assert outcome.retry_at is not None


def test_a_transient_fault_then_success_within_retries_is_ok(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    wanted = ["2401.00001", "2401.00002"]
    fake_upstream.world = FakeWorld.synthetic(arxiv_ids=wanted)
    fake_upstream.inject("arxiv", "503", times=1)
    ctx = make_ctx(fake_upstream.base_url, ENRICH_MAX_RETRIES="2")

    outcome = source.fetch(wanted, ctx)

    assert fake_upstream.count("arxiv") == 2
    assert ctx.stats.of("arxiv").retries == 1
    statuses = parse_all(outcome).statuses
    assert {s.status for s in statuses.values()} == {OK}
    assert outcome.errors == []


def test_a_fault_spoils_only_its_own_batch(fake_upstream: FakeUpstream, make_ctx: MakeCtx) -> None:
    wanted = ids_of(4)
    fake_upstream.world = FakeWorld.synthetic(arxiv_ids=wanted)
    fake_upstream.inject("arxiv", "500", times=1)
    outcome = source.fetch(wanted, make_ctx(fake_upstream.base_url, ENRICH_ARXIV_BATCH="2"))
    statuses = parse_all(outcome).statuses
    assert [statuses[i].status for i in wanted] == [ERROR, ERROR, OK, OK]


def test_unreachable_host_fails_fast_and_says_so(make_ctx: MakeCtx) -> None:
    wanted = ids_of(250)
    ctx = make_ctx("http://127.0.0.1:1")  # nothing listens there: connection refused
    started = time.monotonic()

    outcome = source.fetch(wanted, ctx)

    assert time.monotonic() - started < 2
    assert outcome.unreachable is not None and "refused" in outcome.unreachable
    assert outcome.raw_paths == []
    assert set(outcome.failed) == set(wanted)
    assert {s.status for s in outcome.failed.values()} == {ERROR}
    assert ctx.stats.of("arxiv").requests == 1  # the breaker kept the other batches home


# --- parse: pure, and strict about what counts as "not found" ----------------------------------


def test_parse_is_pure_same_file_same_rows(fake_upstream: FakeUpstream, make_ctx: MakeCtx) -> None:
    fake_upstream.world = FakeWorld.synthetic(arxiv_ids=ids_of(5))
    outcome = source.fetch([*ids_of(5), "2401.99999"], make_ctx(fake_upstream.base_url))
    (path,) = outcome.raw_paths
    first, second = source.parse(read_response(path)), source.parse(read_response(path))
    assert first == second
    assert len(first.rows["arxiv_records"]) == 5


def test_real_feeds_versioned_and_old_style(tmp_path: Path) -> None:
    parsed = source.parse(saved_raw(tmp_path, "arxiv_2104.12255v1.atom.xml", ["2104.12255v1"]))
    assert parsed.statuses == {"2104.12255": parsed.statuses["2104.12255"]}
    assert parsed.statuses["2104.12255"].status == OK
    (row,) = parsed.rows["arxiv_records"]
    assert (row["arxiv_id"], row["latest_version"]) == ("2104.12255", "v1")

    parsed = source.parse(
        saved_raw(tmp_path, "arxiv_astro-ph_0601001.atom.xml", ["astro-ph/0601001"])
    )
    (row,) = parsed.rows["arxiv_records"]
    assert row["arxiv_id"] == "astro-ph/0601001"
    assert row["authors"][:3] == ["Andrew Gould", "Susan Dorsher", "B. Scott Gaudi"]
    assert row["abstract"] is not None and row["abstract"] == row["abstract"].strip()
    assert row["title"].startswith("Frequency of Hot Jupiters") and "\n" not in row["title"]
    assert row["journal_ref"] == "ActaAstron.56:1-50,2006"
    assert row["published"] == datetime(2006, 1, 2, 14, 57, 58)


def test_real_feed_with_doi_journal_ref_comment(tmp_path: Path) -> None:
    raw = saved_raw(tmp_path, "arxiv_query_testing_10entries.atom.xml", [])
    rows = source.parse(raw).rows["arxiv_records"]
    assert len(rows) == 10
    assert any(r["doi"] for r in rows) and any(r["journal_ref"] for r in rows)
    assert all(r["comment"] is None or "\n" not in r["comment"] for r in rows)


def test_real_feed_one_of_two_found(tmp_path: Path) -> None:
    raw = saved_raw(
        tmp_path, "arxiv_idlist_0808.05394_1707.08567.atom.xml", ["0808.05394", "1707.08567"]
    )
    statuses = source.parse(raw).statuses
    assert statuses["1707.08567"].status == OK
    assert statuses["0808.05394"].status == NOT_FOUND


def test_feed_whose_total_disagrees_with_its_entries_is_no_proof_of_absence(
    tmp_path: Path,
) -> None:
    raw = saved_raw(
        tmp_path, "arxiv_idlist_0808.05394_1707.08567.atom.xml", ["0808.05394", "1707.08567"]
    )
    body = raw.body.replace(b"<opensearch:totalResults>1<", b"<opensearch:totalResults>2<")
    statuses = source.parse(_replace_body(raw, body)).statuses
    assert statuses["1707.08567"].status == OK
    assert statuses["0808.05394"].status == ERROR


def test_arxiv_error_feed_is_an_error_with_its_message(tmp_path: Path) -> None:
    for status in (400, 200):
        raw = saved_raw(tmp_path, "arxiv_abc_error400.atom.xml", ["2401.00001"], status=status)
        parsed = source.parse(raw)
        assert parsed.rows == {}
        status_of = parsed.statuses["2401.00001"]
        assert status_of.status == ERROR
        assert "incorrect id format for abc" in (status_of.message or "")


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<!DOCTYPE html><html><body>Please sign in</body></html>",
        b"Rate exceeded.\n",
        b"<?xml version='1.0'?><rss><channel/></rss>",
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'></feed>",  # no totals
    ],
)
def test_anything_but_an_arxiv_atom_feed_is_an_error(tmp_path: Path, body: bytes) -> None:
    raw = _replace_body(saved_raw(tmp_path, "arxiv_2104.12255v1.atom.xml", ["2104.12255"]), body)
    parsed = source.parse(raw)
    assert parsed.statuses["2104.12255"].status == ERROR
    assert parsed.rows == {}


def test_a_cut_feed_is_an_error_even_for_the_entries_before_the_cut(tmp_path: Path) -> None:
    raw = saved_raw(tmp_path, "arxiv_query_testing_10entries.atom.xml", ["2401.00001"])
    parsed = source.parse(_replace_body(raw, raw.body[: len(raw.body) * 2 // 3]))
    assert parsed.rows == {}
    assert parsed.statuses["2401.00001"].status == ERROR


def _replace_body(raw: RawResponse, body: bytes) -> RawResponse:
    return RawResponse(
        source=raw.source,
        kind=raw.kind,
        fetched_at=raw.fetched_at,
        method=raw.method,
        url=raw.url,
        request_body=raw.request_body,
        status=raw.status,
        headers=raw.headers,
        body=body,
        meta=raw.meta,
        path=raw.path,
    )
