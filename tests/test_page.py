"""The catalogue page and the annotated list in a release of the seed, refreshed against the fake
upstream with a month of history: the files, their numbers against the `catalogue` view, and
the page in a real browser (headless Chromium driven by Selenium)."""

from __future__ import annotations

import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from enrich.annotate import annotate_text, strip_annotations, warehouse_rows
from enrich.cli import main
from enrich.config import Settings
from enrich.page import (
    FIXES,
    PAGE_NAME,
    _entry_row,
    decode_series,
    embedded_history,
    encode_series,
    history,
    sparkline_svg,
)
from enrich.release import release_rows, write_release
from enrich.warehouse import open_reader

from annotate_support import LISTS, build_warehouse
from support import env_for

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Set by .ci/run once it has installed Chromium: then a missing browser is a failure, not a skip.
REQUIRE_BROWSER = os.environ.get("ENRICH_REQUIRE_BROWSER") == "1"
SCREENSHOT = os.environ.get("ENRICH_PAGE_SCREENSHOT")  # a path: keep a screenshot there


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    settings = build_warehouse(tmp_path_factory.mktemp("page"), names=("mh",))
    return settings, write_release(settings)


@pytest.fixture(scope="module")
def catalogue(seed: tuple[Settings, Path]) -> list[dict[str, Any]]:
    with open_reader(seed[0]) as con:
        return release_rows(con)[1]


class Rows(HTMLParser):
    """The entry rows of the page's tables (one a section): their data attributes and cell texts
    (the page leaves out the optional end tags of cells and rows)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self.in_table = False
        self.in_body = False
        self.cell: list[str] | None = None

    def _close_cell(self) -> None:
        if self.cell is not None:
            self.rows[-1]["cells"].append("".join(self.cell).strip())
            self.cell = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and "e" in (found.get("class") or "").split():
            self.in_table = True
        elif self.in_table and tag in ("tr", "tbody"):
            self._close_cell()
            self.in_body = self.in_body or tag == "tbody"
            if tag == "tr" and self.in_body:
                self.rows.append({"attrs": found, "cells": []})
        elif self.in_table and tag == "td" and self.rows:
            self._close_cell()
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("tbody", "table"):
            self._close_cell()
        if tag == "table":
            self.in_table = self.in_body = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def page_rows(release: Path) -> list[dict[str, Any]]:
    parser = Rows()
    parser.feed((release / PAGE_NAME).read_text(encoding="utf-8"))
    return parser.rows


def test_the_release_carries_the_page_and_the_annotated_list(seed: tuple[Settings, Path]) -> None:
    settings, release = seed
    annotated = (release / "README.annotated.md").read_bytes()
    original = LISTS["mh"].read_bytes()
    assert strip_annotations(annotated.decode("utf-8")).encode("utf-8") == original
    with open_reader(settings) as con:
        rows = warehouse_rows(con, "mh")
    assert annotated == annotate_text(original.decode(), rows, list_name="mh").data
    assert (release / PAGE_NAME).stat().st_size > 10_000


def test_a_helper_process_reads_the_layout_for_the_same_annotated_list(
    seed: tuple[Settings, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big release has its helper process read the block layout of a list whose layout this
    process has not got (as after a rebuild; forced here: the seed is far below the threshold,
    and its layout is at hand): the annotated list is byte for byte the one read here."""
    from datetime import UTC, datetime

    from enrich import page, worker
    from enrich.release import write_release_files

    settings, release = seed
    asked: list[int] = []
    monkeypatch.setattr(worker, "RELEASE_MIN_ENTRIES", 0)
    monkeypatch.setattr(page, "layout_known", lambda raw: asked.append(len(raw)) is not None)
    with open_reader(settings) as con:
        write_release_files(
            con,
            tmp_path,
            settings=settings,
            name=release.name,
            now=datetime.now(UTC),
            summary=None,
            previous=None,
        )
    assert asked == [len(LISTS["mh"].read_bytes())]
    annotated = (tmp_path / "README.annotated.md").read_bytes()
    assert annotated == (release / "README.annotated.md").read_bytes()


def test_the_page_shows_the_catalogue_views_numbers(
    seed: tuple[Settings, Path], catalogue: list[dict[str, Any]]
) -> None:
    shown = page_rows(seed[1])
    assert len(shown) == len(catalogue) > 100
    for row, expected in zip(shown, catalogue, strict=True):
        citations, stars = expected["citation_count"], expected["stars"]
        cells = row["cells"]
        assert len(cells) == 9
        assert cells[0] == (expected["title"] or expected["listed_title"])
        assert cells[4].split(" ")[0] == ("" if citations is None else str(citations))
        assert cells[5] == ("" if stars is None else str(stars))
        assert cells[2] == str(expected["year"] or expected["listed_year"] or "")


def test_the_page_is_self_contained(seed: tuple[Settings, Path]) -> None:
    text = (seed[1] / PAGE_NAME).read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", text)
    assert "<link" not in text and "@import" not in text and "url(" not in text
    assert text.count("<script") == 2  # the history (JSON) and the script, both inline


def test_sparklines_and_growth_come_from_observations(
    seed: tuple[Settings, Path], catalogue: list[dict[str, Any]]
) -> None:
    settings, release = seed
    text = (release / PAGE_NAME).read_text(encoding="utf-8")
    embedded = json.loads(re.search(r'id="history">(.*?)</script>', text, re.S).group(1))  # type: ignore[union-attr]
    paper = next(r["s2_paper_id"] for r in catalogue if r["s2_paper_id"])
    with open_reader(settings) as con:
        index, payload = embedded_history(history(con))
        observed = con.execute(
            "SELECT value FROM observations WHERE subject_kind = 'paper' AND subject_id = ? "
            "AND metric = 'citations' ORDER BY observed_on",
            [paper],
        ).fetchall()
    assert embedded == payload
    points = decode_series(embedded["p"][index["p"][paper]])
    assert [v for _, v in points] == [v for (v,) in observed]
    assert [d for d, _ in points] == [84, 56, 28, 0]
    # The rows name their series.
    row = next(r for r in page_rows(release) if r["attrs"].get("data-p") == str(index["p"][paper]))
    assert row["cells"][0] == next(
        c["title"] or c["listed_title"] for c in catalogue if c["s2_paper_id"] == paper
    )
    assert len(observed) == 4  # today and three back-dated days
    growing = text[text.index('id="growing"') : text.index('id="coverage"')]
    assert growing.count("<svg") >= 10
    assert sparkline_svg([[30, 1], [0, 5]]).startswith("<svg") and sparkline_svg([[0, 5]]) == ""
    series = [[364, 10], [350, 12], [14, 12], [0, 40]]
    assert encode_series(series) == [364, 10, 14, 2, 336, 0, 14, 28]
    assert decode_series(encode_series(series)) == series


def test_problems_and_coverage_are_listed(seed: tuple[Settings, Path]) -> None:
    settings, release = seed
    text = (release / PAGE_NAME).read_text(encoding="utf-8")
    with open_reader(settings) as con:
        counts = con.execute("SELECT problem, count(*) FROM data_quality GROUP BY ALL").fetchall()
    n = sum(c for _, c in counts)
    assert n > 0 and f"Flagged problems ({n})" in text
    problems = text[text.index('id="problems"') : text.index('id="history"')]
    for problem, count in counts:  # one table per problem, headed by what to fix
        assert f"<h3>{problem} ({count}): {FIXES[problem]}</h3>" in problems
    assert problems.count("<tr><td>") == n
    coverage = text[text.index('id="coverage"') : text.index('id="problems"')]
    for source in ("arxiv", "s2", "github", "acl"):
        assert f"<td>{source}</td>" in coverage


def test_list_text_is_escaped_and_only_web_links_are_kept() -> None:
    row: dict[str, Any] = {
        "title": "<script>alert(1)</script>", "listed_title": None,
        "paper_url": "javascript:alert(1)", "code_url": "https://github.com/a/b",
        "authors": ["A", "B", "C", "D"], "citation_count": 3, "citation_gain_30d": 2,
        "stars": None, "github_repo": "a/b", "flags": ["title_mismatch"], "year": 2024,
        "listed_year": None, "venue": None, "listed_venue": "<b>X</b>", "s2_paper_id": "p1",
        "repo_key": "a/b",
    }  # fmt: skip
    html = _entry_row(row)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and 'href="https://github.com/a/b"' in html
    assert "A, B, C et al." in html and "&lt;b&gt;X&lt;/b&gt;" in html


def test_release_pages_copies_the_page_for_a_static_host(
    seed: tuple[Settings, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, release = seed
    for key, value in env_for(settings).items():
        monkeypatch.setenv(key, value)
    pages = tmp_path / "docs"
    assert main(["release", "--pages", str(pages)]) == 0
    newest = settings.releases_dir / "latest"
    assert (pages / PAGE_NAME).read_bytes() == (newest / PAGE_NAME).read_bytes()
    # The same warehouse: the same page, byte for byte.
    assert (pages / PAGE_NAME).read_bytes() == (release / PAGE_NAME).read_bytes()


# ---------------------------------------------------------------------------------------------
# In a real browser


@pytest.fixture
def browser(tmp_path: Path) -> Any:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        if REQUIRE_BROWSER:
            pytest.fail(f"Chromium or ChromeDriver missing ({CHROMIUM}, {CHROMEDRIVER})")
        pytest.skip("no Chromium: apt-get install chromium chromium-driver (.ci/run does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1280,900",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.mark.slow
def test_the_page_in_a_browser(
    seed: tuple[Settings, Path], catalogue: list[dict[str, Any]], browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 10)
    browser.get((seed[1] / PAGE_NAME).as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "table.e tbody tr")
    assert len(rows) == len(catalogue)

    # A chart: the rows in view get their sparklines.
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "table.e svg.spc polyline"))
    if SCREENSHOT:
        browser.save_screenshot(SCREENSHOT)

    # Search: every word must appear in the row.
    term = "wundtgpt"
    expected = sum(1 for r in catalogue if term in str(r["title"] or r["listed_title"]).lower())
    assert expected >= 1
    box = browser.find_element(By.ID, "q")
    box.send_keys("WundtGPT")
    wait.until(lambda d: d.find_element(By.ID, "shown").text)
    visible = [r for r in rows if r.is_displayed()]
    assert len(visible) == expected
    assert browser.find_element(By.ID, "shown").text == f"{expected} of {len(catalogue)} entries"
    box.clear()
    box.send_keys(" ")  # an input event with no words: every row again
    wait.until(lambda d: d.find_element(By.ID, "shown").text == "")

    # Sort by citations: largest first inside each section, unknown last.
    browser.find_element(By.CSS_SELECTOR, 'th[data-k="c"] button').click()
    header = browser.find_element(By.CSS_SELECTOR, 'th[data-k="c"]')
    assert header.get_attribute("aria-sort") == "descending"
    for body in browser.find_elements(By.CSS_SELECTOR, "table.e tbody")[:5]:
        values = browser.execute_script(
            "return Array.from(arguments[0].rows)"
            ".map(r => parseInt(r.cells[4].textContent, 10))"
            ".map(v => isNaN(v) ? null : v)",
            body,
        )
        known = [v for v in values if v is not None]
        assert known == sorted(known, reverse=True)
        assert values == known + [None] * (len(values) - len(known))

    # On a phone: no sideways scrolling of the page, secondary columns hidden.
    browser.set_window_size(390, 844)
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert widths[0] <= widths[1] + 1, widths
    assert not browser.find_element(By.CSS_SELECTOR, "table.e td:nth-child(2)").is_displayed()

    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
