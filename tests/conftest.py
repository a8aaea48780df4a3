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
