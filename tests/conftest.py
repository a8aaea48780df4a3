"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fake_upstream import FakeUpstream, FakeWorld


@pytest.fixture
def fake_upstream() -> Iterator[FakeUpstream]:
    """A fake arXiv / Semantic Scholar / GitHub / ACL Anthology server on 127.0.0.1 (see
    tests/fake_upstream.py). ``fake_upstream.world`` starts empty and may be replaced."""
    with FakeUpstream(FakeWorld()) as fake:
        yield fake


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One temporary Prefect API for the whole session, with its own PREFECT_HOME (task caches
    in a shared home would leak between runs), telemetry off and a patient start (~20 s once)."""
    import os

    home = tmp_path_factory.mktemp("prefect-home")
    saved = {k: os.environ.get(k) for k in PREFECT_ENV}
    os.environ.update({**PREFECT_ENV, "PREFECT_HOME": str(home)})
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    try:
        with (
            prefect_test_harness(server_startup_timeout=120),
            temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}),
        ):
            yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


PREFECT_ENV = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}
