"""One redaction rule, proven end to end (issue 11, part 3): secrets of several lengths and shapes
are planted through the environment, the fake upstream echoes them back — in a redirect's URL
query, inside a JSON body, in an error message, and inside the data it serves — and a whole
refresh under Prefect runs (release included). Then every place a run leaves text is searched:
every file under the data directory (raw answers, ledgers, releases, run logs), every text of the
warehouse (each column of each table, queried: DuckDB compresses strings, so its file's bytes
prove nothing), the captured logs and output, and Prefect's store (flow run parameters, logs,
artifacts, and every file of its API (its database and write-ahead log, home and log) and of
PREFECT_HOME).

A secret counts as found as written, percent-encoded, escaped as JSON writes it, or cut short to
its first twelve characters (a snippet that kept half a token)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb
import pytest

from enrich.redact import MIN_SECRET_LENGTH, REDACTED

from fake_upstream import FakeUpstream
from prefect_api import PrefectApi
from support import FAST_ENV, env_for, make_settings
from test_refresh import seed_world


@dataclass(frozen=True)
class Planted:
    github_token: str
    s2_key: str

    def secrets(self) -> tuple[str, str]:
        return (self.github_token, self.s2_key)


# Built at runtime so that no scanner mistakes them for real ones.
SHAPES = [
    pytest.param(
        Planted(github_token="ghp_" + "PlantedTok3n" + "x7" * 12, s2_key="k8" + "Shrt9Q"),
        id="classic-token-and-8-character-key",
    ),
    pytest.param(
        Planted(
            github_token="github_pat_" + "11AB" * 6 + "_" + "Zq9" * 20,
            s2_key="S2+" + "LongKey/" * 5 + "End==",
        ),
        id="fine-grained-token-and-long-key-with-url-characters",
    ),
]


def forms(secret: str) -> set[str]:
    """What a secret may look like where it leaked."""
    return {
        secret,
        quote(secret, safe=""),
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=True)[1:-1].replace("/", "\\/"),
        secret[: MIN_SECRET_LENGTH + 4],  # cut short (12 characters: "github_p" is a word)
    }


def leaks_in_text(text: str, planted: Planted) -> list[str]:
    return sorted({form for s in planted.secrets() for form in forms(s) if form in text})


def leaks_in_files(root: Path, planted: Planted) -> list[str]:
    found = []
    for path in [root] if root.is_file() else sorted(root.rglob("*")):
        if path.is_file():
            text = path.read_bytes().decode("latin-1")  # every byte, whatever the encoding
            found += [f"{path}: {leak}" for leak in leaks_in_text(text, planted)]
    return found


def leaks_in_warehouse(path: Path, planted: Planted) -> tuple[list[str], int]:
    """Every text of every table of a DuckDB file (each value cast to text); and how many values
    say REDACTED, to prove that redaction had something to do."""
    con = duckdb.connect(str(path), read_only=True)
    found, redacted = [], 0
    try:
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE NOT internal"
        ).fetchall()
        assert tables, path
        for schema, table in tables:
            rows = con.execute(f'SELECT * FROM "{schema}"."{table}"').fetchall()
            for row in rows:
                text = "\x1f".join("" if v is None else str(v) for v in row)
                found += [f"{table}: {leak}" for leak in leaks_in_text(text, planted)]
                redacted += text.count(REDACTED)
    finally:
        con.close()
    return found, redacted


def prefect_texts(flow_run_id: object) -> list[str]:
    """What Prefect's API holds of a flow run: its parameters, its logs, its artifacts."""
    from prefect.client.orchestration import get_client

    from test_flow import artifacts_of, logs_of

    async def parameters() -> str:
        async with get_client() as client:
            run = await client.read_flow_run(flow_run_id)  # type: ignore[arg-type]
            return json.dumps(run.parameters, default=str)

    return [asyncio.run(parameters()), *logs_of(flow_run_id), json.dumps(
        artifacts_of(flow_run_id), default=str)]


@contextmanager
def records_made() -> Iterator[list[logging.LogRecord]]:
    """Every log record made in the block, whichever handlers exist: Prefect replaces the root
    logger's handlers (pytest's capture among them) when a flow starts."""
    made: list[logging.LogRecord] = []
    active = True
    previous = logging.getLogRecordFactory()

    def recording_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if active:
            made.append(record)
        return record

    logging.setLogRecordFactory(recording_factory)
    try:
        yield made
    finally:
        active = False
        if logging.getLogRecordFactory() is recording_factory:
            logging.setLogRecordFactory(previous)


@pytest.fixture
def echoing(fake_upstream: FakeUpstream, planted: Planted) -> Iterator[FakeUpstream]:
    """The seed world, the fake checking the credentials, and echoing them back: GraphQL
    redirects with the token in the URL query and then quotes it in its JSON answer; Semantic
    Scholar's first batch is refused with an error quoting the key; one repository's
    description carries the key (a secret inside the data a service serves)."""
    world = seed_world()
    repo = next(iter(world.repos.values()))
    repo.description = f"Mirror of the lab's code; deploy with {planted.s2_key} and go"
    fake_upstream.world = world
    fake_upstream.github_token = planted.github_token
    fake_upstream.s2_api_key = planted.s2_key
    fake_upstream.inject("graphql", "echo", status=307)
    fake_upstream.inject("graphql", "echo", status=200)
    fake_upstream.inject("s2", "echo", status=400)
    yield fake_upstream


@pytest.fixture(params=SHAPES)
def planted(request: pytest.FixtureRequest) -> Planted:
    return request.param  # type: ignore[no-any-return]


def test_no_planted_secret_is_left_anywhere_a_run_writes(
    tmp_path: Path,
    planted: Planted,
    echoing: FakeUpstream,
    prefect_harness: None,
    prefect_api: PrefectApi,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from prefect.settings import PREFECT_HOME

    from enrich.flow import refresh_flow

    settings = make_settings(tmp_path, base_url=echoing.base_url)
    for key, value in {
        **FAST_ENV,
        **env_for(settings),
        **{f"ENRICH_{s}_URL": echoing.base_url for s in ("ARXIV", "S2", "GITHUB_API", "ACL")},
        "GITHUB_TOKEN": planted.github_token,
        "S2_API_KEY": planted.s2_key,
    }.items():
        monkeypatch.setenv(key, value)
    caplog.set_level(logging.DEBUG)  # every library's debug lines: urllib3 logs each URL

    with records_made() as records:
        state = refresh_flow(release=True, return_state=True)
    flow_run_id = state.state_details.flow_run_id
    result = state.result(raise_on_failure=False)

    # The echoes happened: the secrets went out, and came back in a URL, a body, an error.
    assert echoing.headers_seen("s2", "x-api-key")[0] == planted.s2_key
    graphql = echoing.requests_for("graphql")
    assert graphql[0].fault == "echo" and graphql[1].fault == "echo"
    assert graphql[1].query["echoed"] == [planted.github_token]
    assert echoing.requests_for("s2")[0].status == 400
    released = sorted((settings.releases_dir / "latest").iterdir())
    assert [p.name for p in released if p.name == "catalogue.csv"]  # the release was written

    # Nowhere a run writes: output, logs, Prefect, the data directory, the warehouse.
    out, err = capsys.readouterr()
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    logged = "\n".join(formatter.format(record) for record in records)
    texts = {"stdout": out, "stderr": err, "log records": logged, "result": str(result)}
    texts |= {f"prefect api {i}": t for i, t in enumerate(prefect_texts(flow_run_id))}
    for where, text in texts.items():
        assert leaks_in_text(text, planted) == [], where
    # Every record was checked, urllib3's DEBUG lines with the redirect's URL among them.
    assert "/graphql?echoed=" + REDACTED in logged
    assert "400" in texts["result"]  # the refused batch is told, its key not
    walked = {p.name for p in settings.data_dir.iterdir()}
    assert {"raw", "warehouse", "releases", "logs"} <= walked, walked  # run logs included
    assert leaks_in_files(settings.data_dir, planted) == []
    in_warehouse, redacted = leaks_in_warehouse(settings.warehouse_path, planted)
    assert in_warehouse == []
    assert redacted > 0  # the key in the repository's description, the error messages
    # The API's database (with its write-ahead log), home and log; this process's home.
    assert prefect_api.database.is_file()
    for place in (prefect_api.place, Path(str(PREFECT_HOME.value()))):
        assert leaks_in_files(place, planted) == [], place
