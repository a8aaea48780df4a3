"""One redaction (issue 10): a token and a key, planted, then echoed back by an upstream in a
body, a URL and a header, while every source fails. None of them may reach stdout, stderr, the
data directory (raw answers, ledgers, warehouse, release), Prefect's database, logs or artifacts.

The upstream here is a small echo server on 127.0.0.1 written for this test: it answers every
request with what a careless service does — a redirect to a URL carrying the credential, then a
401 whose body and headers quote it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from enrich.cli import main
from enrich.redact import MIN_SECRET_LENGTH, redact

from prefect_api import PrefectApi
from support import FAST_ENV, QuietHandler, env_for, local_server, make_settings

TOKEN = "ghp_" + "ECHOEDTOKEN" + "7" * 25  # fake, built at runtime
S2_KEY = "s2k-" + "ECHOEDKEY" + "9" * 23


class Echo(QuietHandler):
    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        if length:
            self.rfile.read(length)
        heard = (
            " ".join(
                v for k, v in self.headers.items() if k.lower() in ("authorization", "x-api-key")
            )
            or f"{TOKEN} {S2_KEY}"
        )  # what it saw, or what it guessed
        if "echoed" not in self.path:
            sep = "&" if "?" in self.path else "?"
            echoed = f"{self.path}{sep}echoed=1&session={quote(heard)}"
            self.answer(302, headers={"Location": echoed})
            return
        body = json.dumps({"message": f"Bad credentials: {heard}", "documentation_url": heard})
        headers = {"Content-Type": "application/json", "ETag": f'"{heard}"'}
        self.answer(401, body.encode(), headers | {"x-ratelimit-remaining": heard})

    do_GET = do_POST = _answer


@pytest.fixture
def echo() -> Iterator[str]:
    with local_server(Echo) as url:
        yield url


def test_the_one_rule() -> None:
    spaced = "pass word+with/odd chars"
    secrets = (TOKEN, S2_KEY, "short", spaced)
    assert redact(f"a {TOKEN} b {S2_KEY}/", secrets) == "a *** b ***/"
    assert redact("u?q=" + quote(spaced, safe=""), secrets) == "u?q=***"
    assert redact("https://x.org/p?api_key=abc&token=def&q=1", ()) == (
        "https://x.org/p?api_key=***&token=***&q=1"
    )
    assert redact("a short word", secrets) == "a short word"  # < 8 characters: left alone


def leaks(path: Path) -> list[str]:
    found = []
    for file in [path] if path.is_file() else path.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            for secret in (TOKEN, S2_KEY):
                if secret.encode() in data or quote(secret).encode() in data:
                    found.append(f"{file}: {secret[:8]}")
    return found


@pytest.fixture
def planted(tmp_path: Path, echo: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    settings = make_settings(tmp_path, base_url=echo, env={"GITHUB_TOKEN": TOKEN})
    for key, value in {
        **FAST_ENV,
        **env_for(settings),
        "GITHUB_TOKEN": TOKEN,
        "S2_API_KEY": S2_KEY,
        "ENRICH_ARXIV_URL": echo,
        "ENRICH_S2_URL": echo,
        "ENRICH_GITHUB_API_URL": echo,
        "ENRICH_ACL_URL": echo,
    }.items():
        monkeypatch.setenv(key, value)
    return tmp_path


def test_no_echoed_secret_reaches_output_or_data(
    planted: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENRICH_ORCHESTRATOR", "none")
    assert main(["refresh"]) == 3
    out, err = capsys.readouterr()
    assert "STALE" in out and "401" in out  # the failures are reported …
    for text in (out, err):
        assert TOKEN not in text and S2_KEY not in text  # … without the secrets
    assert main(["sql", "SELECT errors FROM runs", "--format", "json"]) == 0
    runs = capsys.readouterr().out
    assert "***" in runs and TOKEN not in runs and S2_KEY not in runs
    assert leaks(planted / "data") == []
    assert (planted / "data" / "raw" / "github").is_dir()  # answers were saved, redacted


def test_no_echoed_secret_reaches_prefect(
    planted: Path,
    prefect_harness: None,
    prefect_api: PrefectApi,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from prefect.settings import PREFECT_HOME

    from enrich.flow import refresh_flow
    from test_flow import artifacts_of, logs_of

    state = refresh_flow(release=True, return_state=True)
    assert state.name == "Stale"
    flow_run_id = state.state_details.flow_run_id
    artifacts = str(artifacts_of(flow_run_id))
    assert "401" in artifacts
    result = state.result(raise_on_failure=False)  # a stale run ends in a Failed-type state
    texts = [artifacts, "\n".join(logs_of(flow_run_id)), str(result), *capsys.readouterr()]
    for text in texts:
        assert TOKEN not in text and S2_KEY not in text
        assert TOKEN[:12] not in text and S2_KEY[:12] not in text  # nor a cut-off part
    assert leaks(planted / "data") == []
    # The API's database (with its write-ahead log), home and log; this process's home.
    assert prefect_api.database.is_file()
    for place in (prefect_api.place, Path(str(PREFECT_HOME.value()))):
        assert leaks(place) == [], place


def test_a_secret_cut_short_by_a_snippet_is_redacted_too() -> None:
    from enrich.redact import redact

    cut = S2_KEY[:20]  # a body shortened to a snippet before it was redacted
    assert redact(f"unexpected HTTP 401: '{{\"doc\": \"{cut}'", [S2_KEY]) == (
        "unexpected HTTP 401: '{\"doc\": \"***'"
    )
    assert redact("s2k-ECH is fine", [S2_KEY]) == "s2k-ECH is fine"  # under 8 characters


def test_a_secret_escaped_as_json_writes_it_is_redacted() -> None:
    odd = "S2+Long/Key" + "é" * 3 + "=="
    for written in (json.dumps(odd), json.dumps(odd, ensure_ascii=False),
                    json.dumps(odd).replace("/", "\\/"), quote(odd, safe="")):
        assert redact(f"body: {written}", [odd]) in ('body: "***"', "body: ***"), written


def test_a_body_that_is_not_utf8_is_stored_redacted(tmp_path: Path) -> None:
    import base64

    from enrich.rawstore import save_response

    path = save_response(
        tmp_path, source="github", kind="rest", method="GET",
        url=f"https://api.example.org/r?access_token={TOKEN}", status=401, headers={},
        body=b"\xff\xfe caf\xe9 " + TOKEN.encode() + b" \xff", request_body={"key": [S2_KEY]},
        meta={"final_url": f"https://x.org/?session={S2_KEY}"}, secrets=(TOKEN, S2_KEY),
    )
    envelope = json.loads(path.read_text(encoding="utf-8"))
    assert envelope["body"] is None
    assert base64.b64decode(envelope["body_base64"]) == b"\xff\xfe caf\xe9 *** \xff"
    assert envelope["request"] == {
        "method": "GET",
        "url": "https://api.example.org/r?access_token=***",
        "body": {"key": ["***"]},
    }
    assert envelope["meta"] == {"final_url": "https://x.org/?session=***"}


def test_every_log_record_is_redacted_whichever_handler_writes_it() -> None:
    import io
    import logging

    from enrich.redact import install_log_redaction

    install_log_redaction([TOKEN])
    out = io.StringIO()
    handler = logging.StreamHandler(out)  # added after the installation, as Prefect's are
    log = logging.getLogger("enrich.test_redaction")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False  # pytest's own handler fails a test on a logging error
    try:
        log.warning("GET %s failed", f"https://x.org/graphql?echoed={TOKEN}")
        try:
            raise RuntimeError(f"bad credentials {TOKEN}")
        except RuntimeError:
            log.exception("while asking %s", "GitHub")
        log.warning("a library's bad format string %d", "not a number")  # reported, not raised
    finally:
        log.propagate = True
        log.removeHandler(handler)
    written = out.getvalue()
    assert "GET https://x.org/graphql?echoed=*** failed" in written
    assert "RuntimeError: bad credentials ***" in written
    assert TOKEN[:MIN_SECRET_LENGTH] not in written
