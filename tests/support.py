"""Helpers shared by tests: settings pointed at a scratch data directory and the seed lists."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from enrich.config import Settings, load_settings

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "lists" / "awesome-mental-health-llms.README.md"  # 2025-11-21, mojibake
SEED_OLD = FIXTURES / "lists" / "awesome-mental-health-llms.2025-11-20.README.md"

# Fast, quiet settings for tests: no pacing, short timeouts, one retry.
FAST_ENV = {
    "ENRICH_ARXIV_PACE": "0",
    "ENRICH_S2_PACE": "0",
    "ENRICH_GITHUB_PACE": "0",
    "ENRICH_ACL_PACE": "0",
    "ENRICH_TIMEOUT": "3",
    "ENRICH_CONNECT_TIMEOUT": "2",
    "ENRICH_MAX_RETRIES": "1",
    "ENRICH_MAX_RETRY_WAIT": "2",
    "ENRICH_BACKOFF": "0.05",
}


def write_config(
    root: Path,
    *,
    list_file: Path | None = SEED,
    url: str | None = None,
    name: str = "mh",
) -> Path:
    """An enrich.yaml in `root` naming one list (a local copy of `list_file`, and/or a URL)."""
    root.mkdir(parents=True, exist_ok=True)
    item: dict[str, object] = {"name": name}
    if list_file is not None:
        snapshot = root / "list.md"
        snapshot.write_bytes(list_file.read_bytes())
        item["snapshot"] = "list.md"
    if url is not None:
        item["url"] = url
    path = root / "enrich.yaml"
    path.write_text(yaml.safe_dump({"lists": [item]}), encoding="utf-8")
    return path


def make_settings(
    root: Path,
    *,
    base_url: str = "http://127.0.0.1:9",  # nothing listens: unreachable, refused at once
    env: dict[str, str] | None = None,
    **config: object,
) -> Settings:
    path = write_config(root, **config)  # type: ignore[arg-type]
    full_env = {
        **FAST_ENV,
        "ENRICH_DATA_DIR": str(root / "data"),
        "ENRICH_ARXIV_URL": base_url,
        "ENRICH_S2_URL": base_url,
        "ENRICH_GITHUB_API_URL": base_url,
        "ENRICH_ACL_URL": base_url,
        **(env or {}),
    }
    return load_settings(path, env=full_env)


def env_for(settings: Settings) -> dict[str, str]:
    """Environment variables that make the CLI use these settings."""
    return {"ENRICH_DATA_DIR": str(settings.data_dir), "ENRICH_CONFIG": str(settings.config_path)}


def fetch_context(source: str, base_url: str, data_dir: Path, **env: str) -> Any:
    """A FetchContext for one source at `base_url`: no pacing, short timeouts, no retries unless
    `env` says otherwise (keys as in the environment, e.g. ENRICH_MAX_RETRIES="1")."""
    from enrich.http import RunStats, build_session
    from enrich.sources.base import FetchContext

    upper = {"s2": "S2", "github": "GITHUB_API"}.get(source, source.upper())
    settings = load_settings(
        config=None,
        env={
            f"ENRICH_{upper}_URL": base_url,
            "ENRICH_DATA_DIR": str(data_dir),
            f"ENRICH_{source.upper()}_PACE": "0",
            "ENRICH_TIMEOUT": "1",
            "ENRICH_CONNECT_TIMEOUT": "1",
            "ENRICH_MAX_RETRIES": "0",
            "ENRICH_MAX_RETRY_WAIT": "5",
            **env,
        },
    )
    stats = RunStats()
    config = settings.sources[source]
    return FetchContext(settings, config, build_session(settings, config, stats), stats)


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler for `local_server`: no request log on stderr, and `answer` sends one
    whole response (status, headers, a Content-Length, the body)."""

    def answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def local_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # Polled every 50 ms for the shutdown (the default, 0.5 s, is half a second per test).
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
