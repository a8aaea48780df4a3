"""A javascript:, data:, file: or vbscript: link is never resolved, stored or exported as a URL
(the parser reports it as a link problem; resolve keeps it out of every URL column)."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.ids import is_unsafe_url
from enrich.markers import SPAN_RE
from enrich.pipeline import RefreshOptions, run_refresh
from enrich.sources.base import url_or_none
from enrich.warehouse import open_reader

from support import FIXTURES, make_settings

UNSAFE_LIST = FIXTURES / "lists" / "unsafe-links.md"
PLANTED = ("javascript:alert", "data:text/html", "file:///etc", "vbscript:msgbox")


@pytest.mark.parametrize(
    ("url", "unsafe"),
    [
        ("javascript:alert(1)", True),
        ("JaVaScRiPt:alert(1)", True),
        ("  java\tscript:alert(1)", True),
        ("data:text/html,<b>x</b>", True),
        ("file:///etc/passwd", True),
        ("vbscript:msgbox(1)", True),
        ("https://arxiv.org/abs/2401.00001", False),
        ("arxiv.org/abs/2401.00001", False),
        ("mailto:someone@example.org", False),
        ("", False),
    ],
)
def test_unsafe_schemes_are_recognised_however_written(url: str, unsafe: bool) -> None:
    assert is_unsafe_url(url) is unsafe


def test_an_upstream_url_with_an_unsafe_scheme_is_dropped() -> None:
    assert url_or_none(" javascript:alert(1) ") is None
    assert url_or_none("https://example.org/paper.pdf") == "https://example.org/paper.pdf"


def test_no_url_column_and_no_release_file_carries_an_unsafe_link(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, list_file=UNSAFE_LIST)
    summary = run_refresh(settings, RefreshOptions(offline=True))
    assert summary.lists[0].entries == 4
    with open_reader(settings) as con:
        urls = con.execute(
            "SELECT listed_title, paper_url, code_url FROM catalogue ORDER BY position"
        ).fetchall()
        stored = con.execute("SELECT url, normalized_url FROM links ORDER BY url").fetchall()
    assert urls == [
        ("A Study of Things", None, None),  # the venue goes to listed_venue (issue 9)
        ("Another Study", None, None),
        ("Third Study", None, "https://github.com/a/b"),
        ("Fourth Study", "https://arxiv.org/abs/2401.00001", None),
    ]
    assert stored == [
        ("https://arxiv.org/abs/2401.00001", "https://arxiv.org/abs/2401.00001"),
        ("https://github.com/a/b", "https://github.com/a/b"),
    ]
    release = Path(summary.release_dir or "")
    for path in release.iterdir():
        if path.name == "README.annotated.md":
            # The list itself, byte for byte, plus annotations: it holds whatever the list
            # holds (GitHub drops such links when it renders it); what enrich adds has none.
            added = "".join(SPAN_RE.findall(path.read_text(encoding="utf-8"))).lower()
            assert not [u for u in PLANTED if u in added]
        elif path.suffix in (".csv", ".json", ".bib", ".md", ".html"):
            text = path.read_text(encoding="utf-8").lower()
            assert not [u for u in PLANTED if u in text], path.name
