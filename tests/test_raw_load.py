"""warehouse/raw_load.py on its own: upserts by the source's keys, item outcomes, a 304's carry
forward, and loading saved answers once each (with a toy source, so only the loader is tested)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import pytest

import toy_source
from enrich.rawstore import save_response
from enrich.sources import registry
from enrich.sources.base import ERROR, NOT_FOUND, OK, ItemStatus
from enrich.warehouse import migrate
from enrich.warehouse.raw_load import (
    carry_forward,
    load_raw_files,
    load_stored_answers,
    pending_raw_files,
    record_statuses,
    relative_raw_path,
    upsert,
)

from support import make_settings

AT = datetime(2026, 3, 1, 12, 0)


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    migrate(con)
    con.execute(toy_source.TABLE_SQL)
    yield con
    con.close()


def test_upsert_keeps_the_last_row_of_a_key_and_the_columns_a_row_leaves_out(
    con: duckdb.DuckDBPyConnection,
) -> None:
    keys = ("doi",)
    row = {"fetched_at": AT, "raw_path": "raw/toy/1.json"}
    upsert(
        con,
        "toy_records",
        keys,
        [{"doi": "a", "title": "first", **row}, {"doi": "a", "title": "second", **row}],
    )
    assert con.execute("SELECT title FROM toy_records").fetchall() == [("second",)]
    # A later row without a title (a "not found" row, say) does not blank the stored one.
    upsert(con, "toy_records", keys, [{"doi": "a", "fetched_at": AT + timedelta(days=1)}])
    assert con.execute("SELECT title, fetched_at FROM toy_records").fetchall() == [
        ("second", AT + timedelta(days=1))
    ]


def test_statuses_keep_the_last_success_through_a_failure(
    con: duckdb.DuckDBPyConnection,
) -> None:
    record_statuses(con, "toy", {"a": ItemStatus(OK), "b": ItemStatus(NOT_FOUND, "gone")}, AT)
    later = datetime(2026, 3, 2, 13, 0, tzinfo=timezone(timedelta(hours=1)))  # 12:00 UTC
    record_statuses(con, "toy", {"a": ItemStatus(ERROR, "HTTP 503")}, later)
    rows = con.execute(
        "SELECT item_id, status, last_attempt_at, last_success_at, error FROM fetch_status "
        "ORDER BY item_id"
    ).fetchall()
    assert rows == [
        ("a", ERROR, datetime(2026, 3, 2, 12, 0), AT, "HTTP 503"),  # stored as naive UTC
        ("b", NOT_FOUND, AT, AT, "gone"),
    ]


def test_a_304_carries_the_last_observations_forward(con: duckdb.DuckDBPyConnection) -> None:
    seen = {"subject_kind": "repo", "subject_id": "o/r", "source": "github", "raw_path": "r1"}
    upsert(
        con,
        "observations",
        ("subject_kind", "subject_id", "metric", "observed_at"),
        [{**seen, "metric": "stars", "value": 5, "observed_on": AT.date(), "observed_at": AT}],
    )
    upsert(
        con,
        "repositories",
        ("repo_key",),
        [{"repo_key": "o/r", "status": "ok", "fetched_at": AT, "raw_path": "r1"}],
    )
    later = AT + timedelta(days=1)
    carry_forward(con, "github", [{"repo_key": "o/r", "observed_at": later, "raw_path": "r2"}])
    assert con.execute(
        "SELECT value, observed_at, source, raw_path FROM observations ORDER BY observed_at"
    ).fetchall() == [(5, AT, "github", "r1"), (5, later, "github", "r2")]
    assert con.execute("SELECT fetched_at FROM repositories").fetchall() == [(later,)]


def test_a_loads_304s_carry_forward_as_one_after_the_other_would(
    con: duckdb.DuckDBPyConnection,
) -> None:
    def seen(repo: str, metric: str, value: int) -> dict[str, Any]:
        return {"subject_kind": "repo", "subject_id": repo, "metric": metric, "value": value,
                "observed_on": AT.date(), "observed_at": AT, "source": "github",
                "raw_path": "r1"}  # fmt: skip

    upsert(
        con,
        "observations",
        ("subject_kind", "subject_id", "metric", "observed_at"),
        [seen("o/a", "stars", 5), seen("o/a", "forks", 2), seen("o/b", "stars", 7)],
    )
    upsert(
        con,
        "repositories",
        ("repo_key",),
        [{"repo_key": r, "status": "ok", "fetched_at": AT, "raw_path": "r1"}
         for r in ("o/a", "o/b", "o/c")],
    )  # fmt: skip
    day, two = AT + timedelta(days=1), AT + timedelta(days=2)
    carry_forward(
        con,
        "github",
        [{"repo_key": repo, "observed_at": at, "raw_path": raw} for repo, at, raw in (
            ("o/a", day, "r2"), ("o/b", day, "r3"), ("o/a", two, "r4"),
            ("o/c", day, "r5"),  # never observed: nothing to carry
            ("o/a", day, "r6"),  # a second 304 at the same time: the first one stands
        )],
    )  # fmt: skip
    assert con.execute(
        "SELECT subject_id, metric, value, observed_at, raw_path FROM observations "
        "WHERE observed_at > ? ORDER BY ALL",
        [AT],
    ).fetchall() == [
        ("o/a", "forks", 2, day, "r2"),
        ("o/a", "forks", 2, two, "r4"),
        ("o/a", "stars", 5, day, "r2"),
        ("o/a", "stars", 5, two, "r4"),
        ("o/b", "stars", 7, day, "r3"),
    ]
    # fetched_at: each repository's last 304, in the order they came.
    assert con.execute("SELECT repo_key, fetched_at FROM repositories ORDER BY 1").fetchall() == [
        ("o/a", day), ("o/b", day), ("o/c", day)
    ]


def test_raw_paths_are_relative_to_the_data_directory(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    inside = settings.raw_dir / "toy" / "2026-03-01" / "x.json"
    assert relative_raw_path(settings, inside) == "raw/toy/2026-03-01/x.json"
    assert relative_raw_path(settings, "/elsewhere/x.json") == "/elsewhere/x.json"


def _save(settings_raw: Path, dois: list[str], works: dict[str, object], at: datetime) -> Path:
    return save_response(
        settings_raw,
        source="toy",
        kind="works",
        method="GET",
        url="http://127.0.0.1:9/works",
        status=200,
        headers={"Content-Type": "application/json"},
        body=json.dumps({"works": works}).encode(),
        meta={"ids": dois},
        fetched_at=at,
    )


def test_saved_answers_are_loaded_once_each_later_answers_winning(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    settings = make_settings(tmp_path)
    with registry.registered(toy_source.SPEC):
        first = _save(settings.raw_dir, ["a", "b"], {"a": {"title": "A"}, "b": None}, AT)
        second = _save(settings.raw_dir, ["a"], {"a": {"title": "A, revised"}}, AT.replace(hour=13))
        pending = pending_raw_files(con, settings, "toy")
        assert pending == [first, second]
        outcomes = load_raw_files(con, settings, "toy", pending)
        assert {item: st.status for item, st in outcomes.items()} == {"a": OK, "b": NOT_FOUND}
        assert con.execute("SELECT doi, title, raw_path FROM toy_records").fetchall() == [
            ("a", "A, revised", relative_raw_path(settings, second))
        ]
        assert con.execute(
            "SELECT item_id, last_attempt_at FROM fetch_status ORDER BY item_id"
        ).fetchall() == [("a", AT.replace(hour=13)), ("b", AT)]
        # Loaded: nothing pending, and loading the same files again changes nothing.
        assert pending_raw_files(con, settings, "toy") == []
        assert load_raw_files(con, settings, "toy", [first, second]) == {}
        # The toy source has no answers stored for later: nothing more to load.
        assert load_stored_answers(con, settings) == 0


def test_loading_writes_only_through_the_registry(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    con = duckdb.connect()
    migrate(con)
    with pytest.raises(KeyError, match="no source named 'toy'"):
        load_raw_files(con, settings, "toy", [tmp_path / "x.json"])


def test_a_load_reads_this_runs_answers_after_a_crashed_runs_leftovers(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    from enrich.pipeline import answers_to_load
    from enrich.sources.base import FetchOutcome

    settings = make_settings(tmp_path)
    with registry.registered(toy_source.SPEC):
        leftover = _save(settings.raw_dir, ["a"], {"a": {"title": "A"}}, AT)  # never loaded
        mine = _save(settings.raw_dir, ["b"], {"b": {"title": "B"}}, AT.replace(hour=13))
        outcome = FetchOutcome("toy", raw_paths=[mine])
        # The fetch's own answers as it returned them, each once; the leftover found on disk.
        assert answers_to_load(con, settings, "toy", outcome) == [leftover, mine]
        assert answers_to_load(con, settings, "toy", None) == [leftover, mine]  # a rebuild
        load_raw_files(con, settings, "toy", [leftover, mine])
        assert answers_to_load(con, settings, "toy", FetchOutcome("toy")) == []


def _save_repo(raw_dir: Path, status: int, body: dict[str, object], at: datetime) -> Path:
    return save_response(
        raw_dir,
        source="github",
        kind="repo",
        method="GET",
        url="http://127.0.0.1:9/repos/o/r",
        status=status,
        headers={"Content-Type": "application/json", "ETag": f'"{at.day}"'},
        body=json.dumps(body).encode(),
        meta={"repo": "o/r"},
        fetched_at=at,
    )


def _repo_state(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "SELECT r.status, r.description, r.etag, r.fetched_at, s.status, s.last_attempt_at, "
        "s.last_success_at FROM repositories r, fetch_status s WHERE s.item_id = r.repo_key"
    ).fetchall()


def test_answers_loaded_together_are_loaded_as_if_one_by_one(tmp_path: Path) -> None:
    """A repository found, then gone (a 404 row carries no description), then an error: loaded in
    one go or one answer at a time, the description and the last success stay."""
    settings = make_settings(tmp_path)
    repo = {"full_name": "o/r", "description": "A repo", "stargazers_count": 5}
    answers = [
        _save_repo(settings.raw_dir, 200, repo, AT),
        _save_repo(settings.raw_dir, 404, {"message": "Not Found"}, AT + timedelta(days=1)),
        _save_repo(settings.raw_dir, 502, {"message": "Bad gateway"}, AT + timedelta(days=2)),
    ]
    states = []
    for batches in ([answers], [[path] for path in answers]):
        con = duckdb.connect()
        migrate(con)
        for batch in batches:
            load_raw_files(con, settings, "github", batch)
        states.append(_repo_state(con))
        con.close()
    assert states[0] == states[1] == [
        ("not_found", "A repo", '"1"', AT + timedelta(days=1), ERROR, AT + timedelta(days=2),
         AT + timedelta(days=1))
    ]  # fmt: skip


def test_staging_holds_no_rows_each_goes_to_its_tables_file_in_order(tmp_path: Path) -> None:
    """A source's answers are staged as they come: the stager keeps no row once written (its
    memory is one answer, not a source's), numbered in answer order and marked with its shape."""
    import weakref

    from enrich.sources.base import Parsed
    from enrich.warehouse.raw_load import Stager

    class Row(dict[str, Any]):  # a dict that can be watched
        pass

    watched: list[weakref.ref[Row]] = []
    stager = Stager("toy", tmp_path)
    for i in range(5):
        rows = [Row(doi=f"d{i}", title="D"), Row(doi=f"e{i}")]
        watched += [weakref.ref(row) for row in rows]
        stager.add(Parsed({"toy_records": rows}, {f"d{i}": ItemStatus(OK)}, AT))
        del rows
    assert all(ref() is None for ref in watched)
    staged = stager.finish()
    (segment,) = staged.segments
    lines = Path(segment.files["toy_records"]).read_text().splitlines()
    assert [json.loads(line) for line in lines[:2]] == [
        {"doi": "d0", "title": "D", "_seq": 0, "_shape": 0},
        {"doi": "e0", "_seq": 1, "_shape": 1},
    ]
    assert [json.loads(line)["_seq"] for line in lines] == list(range(10))
    assert segment.shapes["toy_records"] == {("doi", "title"): 0, ("doi",): 1}
    assert sorted(staged.outcomes) == [f"d{i}" for i in range(5)]


def test_the_planners_parse_of_a_leftover_serves_the_load(
    tmp_path: Path, con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from enrich.pipeline import saved_but_not_loaded

    settings = make_settings(tmp_path)
    parses: list[str] = []
    real_parse = toy_source.parse

    def counting(raw: Any) -> Any:
        parses.append(raw.path.name)
        return real_parse(raw)

    monkeypatch.setattr(toy_source, "parse", counting)
    with registry.registered(toy_source.SPEC):
        leftover = _save(settings.raw_dir, ["a", "b"], {"a": {"title": "A"}, "b": None}, AT)
        assert saved_but_not_loaded(con, settings, "toy") == {"a", "b"}
        load_raw_files(con, settings, "toy", [leftover])
        assert parses == [leftover.name]  # once, by the planner
        assert con.execute("SELECT doi, raw_path FROM toy_records").fetchall() == [
            ("a", relative_raw_path(settings, leftover))
        ]
        # A file written again after the planner read it is parsed again.
        again = _save(settings.raw_dir, ["c"], {"c": {"title": "C"}}, AT.replace(hour=13))
        assert saved_but_not_loaded(con, settings, "toy") == {"c"}
        again.write_bytes(again.read_bytes().replace(b'\\"C\\"', b'\\"C2\\"'))
        load_raw_files(con, settings, "toy", [again])
        assert parses == [leftover.name, again.name, again.name]
        assert con.execute("SELECT title FROM toy_records WHERE doi = 'c'").fetchone() == ("C2",)


def test_rows_of_many_shapes_load_as_if_upserted_one_by_one() -> None:
    """Random rows of one table, each carrying its own choice of columns: loaded together, they
    leave what upserting them one at a time leaves."""
    import random

    from enrich.sources.base import Parsed
    from enrich.warehouse.raw_load import load_parsed

    rng = random.Random(14)
    with registry.registered(toy_source.SPEC):
        for _ in range(20):
            rows = []
            for n in range(rng.randint(1, 12)):
                row: dict[str, Any] = {"doi": rng.choice("abc")}
                if rng.random() < 0.6:
                    row["title"] = rng.choice([None, f"t{n}"])
                if rng.random() < 0.5:
                    row["fetched_at"] = AT + timedelta(hours=n)
                if rng.random() < 0.5:
                    row["raw_path"] = f"raw/{n}"
                rows.append(row)
            tables = []
            for one_by_one in (True, False):
                con = duckdb.connect()  # the table alone: the rows carry no item outcomes
                con.execute(toy_source.TABLE_SQL)
                con.execute("INSERT INTO toy_records VALUES ('a', 'before', NULL, 'raw/0')")
                if one_by_one:
                    for row in rows:
                        upsert(con, "toy_records", ("doi",), [dict(row)])
                else:
                    load_parsed(con, "toy", Parsed(rows={"toy_records": [dict(r) for r in rows]}))
                tables.append(con.execute("SELECT * FROM toy_records ORDER BY doi").fetchall())
                con.close()
            assert tables[0] == tables[1], rows
