"""What the catalogue page and the annotated list cost at 10,000 entries: bytes and seconds.

    python -m bench.page [--entries 10k] [--weeks 52] [--no-browser] [--out FILE.json]

Builds a warehouse of a synthetic list (bench/synth.py, the seed's mix) refreshed with no pacing
against the tests' fake upstream, adds a year of weekly history to every metric (so every row
has full sparklines), then measures:

- ``write_release``: the whole release, and `render_page` and the annotated list on their own;
- the size of ``index.html`` (raw and gzip, as a static host would serve it) and of
  ``README.annotated.md``;
- in headless Chromium (when installed): time to the load event, time until the first
  sparklines are drawn, a search over every row, and a sort by citations, with the longest
  JavaScript task (the page must not freeze).

Timings are wall-clock on this machine (2 shared cores) and vary by tens of percent; the byte
counts are exact.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import synth
from bench.world import build_world

ROOT = synth.ROOT
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from fake_upstream import FakeUpstream  # noqa: E402  (tests/ is put on sys.path just above)

NO_PACE = {
    "ENRICH_ARXIV_PACE": "0",
    "ENRICH_S2_PACE": "0",
    "ENRICH_GITHUB_PACE": "0",
    "ENRICH_ACL_PACE": "0",
    "ENRICH_MAX_RETRIES": "1",
    "GITHUB_TOKEN": "ghp_" + "BENCHTOKEN" + "0" * 30,
}
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def build(root: Path, entries: str, weeks: int) -> Any:
    from enrich.config import ListConfig, load_settings
    from enrich.pipeline import RefreshOptions, run_refresh

    wl = synth.workload(entries)
    list_file = root / "README.md"
    list_file.write_bytes(wl.text)
    with FakeUpstream(build_world(wl.text, fill_volumes=False)) as fake:
        env = {
            **NO_PACE,
            "ENRICH_DATA_DIR": str(root / "data"),
            **{f"ENRICH_{s}_URL": fake.base_url for s in ("ARXIV", "S2", "GITHUB_API", "ACL")},
        }
        settings = load_settings(None, env=env)
        lists = (ListConfig(name="bench", url=None, snapshot=list_file),)
        summary = run_refresh(settings, RefreshOptions(lists=lists, release=False))
        if summary.exit_code not in (0, None):
            raise SystemExit(summary.to_text())
    add_history(settings.warehouse_path, weeks)
    return settings, list_file


def add_history(warehouse: Path, weeks: int) -> None:
    """Every observation of the newest day, copied 1..weeks weeks back with smaller values."""
    import duckdb

    con = duckdb.connect(str(warehouse))
    try:
        con.execute(
            f"""
            INSERT INTO observations
            SELECT o.subject_kind, o.subject_id, o.metric, o.observed_on - CAST(7 * w.i AS INTEGER),
                   CAST(floor(o.value * (1 - w.i / ({weeks} * 1.5))) AS BIGINT),
                   o.observed_at - to_days(CAST(7 * w.i AS INTEGER)), o.source, o.raw_path
            FROM observations o, range(1, {weeks} + 1) w(i)
            WHERE o.observed_on = (SELECT max(observed_on) FROM observations)
            """
        )
    finally:
        con.close()


def measure_files(settings: Any, list_file: Path) -> dict[str, Any]:
    from enrich.annotate import annotate_file
    from enrich.page import render_page
    from enrich.release import RELEASE_SQL, build_stats, source_freshness, write_release
    from enrich.warehouse import open_reader

    started = time.perf_counter()
    release = write_release(settings)
    release_s = time.perf_counter() - started
    with open_reader(settings) as con:
        n_entries = con.execute("SELECT count(*) FROM current_entries").fetchone()
        stats = build_stats(con)
        freshness = source_freshness(con, settings)
        started = time.perf_counter()
        "".join(render_page(con, source=f"({RELEASE_SQL})", stats=stats, freshness=freshness))
        page_s = time.perf_counter() - started
        n_points = con.execute("SELECT count(*) FROM observations").fetchone()
    started = time.perf_counter()
    annotated = annotate_file(settings, str(list_file), name="bench")
    annotate_s = time.perf_counter() - started
    page = (release / "index.html").read_bytes()
    return {
        "entries": n_entries[0] if n_entries else None,
        "observations": n_points[0] if n_points else None,
        "release_s": round(release_s, 2),
        "render_page_s": round(page_s, 2),
        "annotate_s": round(annotate_s, 2),
        "annotated_entries": annotated.annotated,
        "page_bytes": len(page),
        "page_gzip_bytes": len(gzip.compress(page, 6)),
        "annotated_bytes": (release / "README.annotated.md").stat().st_size,
        "list_bytes": list_file.stat().st_size,
        "page_path": str(release / "index.html"),
    }


LONG_TASKS = """
window.__long = 0;
try { new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) {
  window.__long = Math.max(window.__long, e.duration); }); })
  .observe({type: 'longtask', buffered: true}); } catch (e) {}
"""


def measure_browser(page: Path) -> dict[str, Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,900",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(120)
        driver.get(page.as_uri())
        load_ms = driver.execute_script(
            "var t = performance.getEntriesByType('navigation')[0];"
            "return [t.domContentLoadedEventEnd, t.loadEventEnd];"
        )
        wait = WebDriverWait(driver, 60)
        started = time.perf_counter()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "table.e svg.sp"))
        spark_s = time.perf_counter() - started
        driver.execute_script(LONG_TASKS)
        box = driver.find_element(By.ID, "q")
        started = time.perf_counter()
        box.send_keys("model")
        wait.until(lambda d: d.find_element(By.ID, "shown").text)
        search_s = time.perf_counter() - started  # includes the 120 ms debounce
        shown = driver.find_element(By.ID, "shown").text
        started = time.perf_counter()
        driver.find_element(By.CSS_SELECTOR, 'th[data-k="c"] button').click()
        driver.execute_script("return 1")  # the click's handler has run when this answers
        sort_s = time.perf_counter() - started
        longest = driver.execute_script("return window.__long")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return {
        "dom_content_loaded_ms": round(load_ms[0]),
        "load_event_ms": round(load_ms[1]),
        "first_sparklines_s": round(spark_s, 2),
        "search_s": round(search_s, 2),
        "search_shown": shown,
        "sort_s": round(sort_s, 2),
        "longest_task_after_load_ms": round(longest or 0),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.page", description=__doc__)
    parser.add_argument("--entries", default="10k")
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--keep-page", type=Path, help="copy index.html here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-page-") as tmp:
        print(f"building a warehouse of {args.entries} entries …", flush=True)
        started = time.perf_counter()
        settings, list_file = build(Path(tmp), args.entries, args.weeks)
        print(f"   built in {time.perf_counter() - started:.0f} s", flush=True)
        result: dict[str, Any] = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "weeks_of_history": args.weeks,
            **measure_files(settings, list_file),
        }
        if not args.no_browser and Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists():
            result["browser"] = measure_browser(Path(result["page_path"]))
        if args.keep_page:
            shutil.copyfile(result["page_path"], args.keep_page)
        result.pop("page_path")
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
