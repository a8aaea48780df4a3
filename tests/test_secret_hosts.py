"""Secrets go only to the host they belong to (issue 10), and base URLs that are not the
services' own are said in every summary, with where they came from."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from enrich.cli import main
from enrich.config import load_settings
from enrich.http import RunStats, build_session

from support import SEED

TOKEN = "ghp_" + "HOSTBOUNDTOKEN" + "3" * 22  # fake, built at runtime
S2_KEY = "s2k-" + "HOSTBOUNDKEY" + "5" * 20


class Recorder(ThreadingHTTPServer):
    def __init__(self, redirect_to: str | None = None) -> None:
        self.redirect_to = redirect_to
        self.seen: list[dict[str, str]] = []
        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Recorder

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.seen.append({k.lower(): v for k, v in self.headers.items()})
        if self.server.redirect_to:
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to + self.path)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def servers() -> Iterator[tuple[Recorder, Recorder]]:
    elsewhere = Recorder()
    configured = Recorder(redirect_to=elsewhere.url)
    try:
        yield configured, elsewhere
    finally:
        for server in (configured, elsewhere):
            server.shutdown()
            server.server_close()


def test_a_credential_never_follows_a_redirect_or_goes_to_another_host(
    servers: tuple[Recorder, Recorder], tmp_path: Path
) -> None:
    configured, elsewhere = servers
    settings = load_settings(
        None,
        env={
            "ENRICH_DATA_DIR": str(tmp_path),
            "ENRICH_GITHUB_API_URL": configured.url,
            "ENRICH_S2_URL": configured.url,
            "GITHUB_TOKEN": TOKEN,
            "S2_API_KEY": S2_KEY,
        },
    )
    github = build_session(settings, settings.sources["github"], RunStats())
    s2 = build_session(settings, settings.sources["s2"], RunStats())
    github.get(configured.url + "/graphql", headers={"Authorization": f"bearer {TOKEN}"})
    s2.get(configured.url + "/graph/v1/paper/x", headers={"x-api-key": S2_KEY})
    assert [h.get("authorization") for h in configured.seen] == [f"bearer {TOKEN}", None]
    assert [h.get("x-api-key") for h in configured.seen] == [None, S2_KEY]
    assert len(elsewhere.seen) == 2  # both redirects were followed …
    assert all("authorization" not in h and "x-api-key" not in h for h in elsewhere.seen)
    # … and asked directly, another host gets nothing either; the S2 key never goes to GitHub.
    github.get(elsewhere.url + "/x", headers={"Authorization": f"bearer {TOKEN}"})
    s2.get(elsewhere.url + "/x", headers={"x-api-key": S2_KEY})
    assert all("authorization" not in h and "x-api-key" not in h for h in elsewhere.seen)
    # (requests itself drops Authorization on a redirect to another host; x-api-key is ours)
    assert (github.credentials_withheld, s2.credentials_withheld) == (1, 2)
    assert settings.secret_hosts("github") == {configured.url.removeprefix("http://")}


def test_a_dotenv_url_is_named_and_gets_no_secret_from_the_environment(
    tmp_path: Path, servers: tuple[Recorder, Recorder]
) -> None:
    _, elsewhere = servers
    (tmp_path / "enrich.yaml").write_text("lists: []\n", encoding="utf-8")
    (tmp_path / ".env").write_text(f"ENRICH_GITHUB_API_URL={elsewhere.url}\n", encoding="utf-8")
    settings = load_settings(tmp_path / "enrich.yaml", env={"GITHUB_TOKEN": TOKEN})
    assert settings.github_token is None
    assert settings.notices == (
        f"github base URL {elsewhere.url} (from $ENRICH_GITHUB_API_URL in .env; "
        "default https://api.github.com)",
        f"GITHUB_TOKEN not sent to {elsewhere.url}: that URL comes from .env, the secret does not",
    )
    # A .env that brings its own token (GitHub Enterprise set up in one file) keeps it.
    (tmp_path / ".env").write_text(
        f"ENRICH_GITHUB_API_URL={elsewhere.url}\nGITHUB_TOKEN={TOKEN}\n", encoding="utf-8"
    )
    settings = load_settings(tmp_path / "enrich.yaml", env={})
    assert settings.github_token == TOKEN and len(settings.notices) == 1


def test_the_summary_says_which_base_urls_are_not_the_services(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "list.md").write_bytes(SEED.read_bytes())
    (tmp_path / "enrich.yaml").write_text(
        "lists:\n  - {name: mh, snapshot: list.md}\n", encoding="utf-8"
    )
    (tmp_path / ".env").write_text("ENRICH_ACL_URL=http://127.0.0.1:9\n", encoding="utf-8")
    monkeypatch.setenv("ENRICH_CONFIG", str(tmp_path / "enrich.yaml"))
    monkeypatch.setenv("ENRICH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ENRICH_ORCHESTRATOR", "none")
    monkeypatch.setenv("ENRICH_S2_URL", "http://127.0.0.1:9")
    for name in ("ENRICH_ARXIV_URL", "ENRICH_GITHUB_API_URL", "ENRICH_ACL_URL"):
        monkeypatch.delenv(name, raising=False)
    assert main(["refresh", "--offline", "--no-release"]) == 0
    out = capsys.readouterr().out
    assert (
        "  note: s2 base URL http://127.0.0.1:9 (from $ENRICH_S2_URL; "
        "default https://api.semanticscholar.org)\n"
        "  note: acl base URL http://127.0.0.1:9 (from $ENRICH_ACL_URL in .env; "
        "default https://aclanthology.org)\n"
    ) in out
