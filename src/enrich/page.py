"""The catalogue page of a release: ``index.html``, one self-contained file.

What it shows: every entry (title, authors, year, venue, citations and their 30-day gain, stars,
code link, flags) grouped by list and section; a trend column with the history the warehouse
keeps (citations and stars over the last year, a point every four weeks, drawn as sparklines); the
fastest growing works and repositories; how much each source covers; and the flagged link
problems with what to fix.

How it is made, and why:

- Server-side HTML from Python with ``html.escape``: no template engine to keep up to date, no
  CDN, nothing fetched at view time. The page opens from disk and from any static host, and the
  table is readable without JavaScript (Datasette's rule: works without it, better with it).
- A few hundred lines of inline JavaScript add search (every word must appear in the row),
  sorting by any column inside each section, and the sparklines. The history is embedded once as
  compact JSON (days before the newest observation, value), and a row's sparklines are drawn only
  when the row scrolls into view, so 10,000 entries stay a few MB and render without freezing.
  The fastest-growing tables (a handful of rows) get their sparklines as SVG from Python.
- Links are kept only when they are http(s): a list may hold ``javascript:`` links.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from html import escape
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any

import duckdb

from enrich.annotate import (
    AnnotateError,
    annotate_version,
    current_lists,
    decode_for_annotation,
    list_rows,
    stored_layout,
)
from enrich.config import Settings
from enrich.durable import write_file, write_text
from enrich.errors import EnrichError
from enrich.lists import list_dir
from enrich.parse import Layout, layout_known
from enrich.release.catalogue import ENTRY_ORDER
from enrich.release.names import ANNOTATED_NAME, PAGE_NAME
from enrich.worker import Helper, Pending, run_in

log = logging.getLogger(__name__)

HISTORY_DAYS = 364  # sparklines: the last year …
BUCKET_DAYS = 28  # … one point every four weeks (14 points: enough for an 80-pixel line)
TOP_N = 10
AUTHORS_SHOWN = 3

# Advice for each flagged problem (data_quality.problem): what the maintainer should do.
FIXES = {
    "title_mismatch": "check that the link points at the paper the entry names",
    "duplicate_id": "two entries link the same paper: merge them or fix one link",
    "shared_repository": "two papers link one repository: check the code links",
    "listed_twice": "the entry appears twice: keep one",
    "same_title_different_ids": "same title, other paper link: keep the right link",
    "repo_archived": "the repository is archived: mark it or link a maintained fork",
    "repo_silent": "no push for a year: say so, or link a maintained fork",
    "repo_renamed": "update the link to the repository's new name",
    "repo_not_found": "the repository is gone: remove the link or find its new home",
    "arxiv_not_found": "the arXiv id does not exist: fix the link",
    "acl_not_found": "the ACL Anthology id does not exist: fix the link",
    "no_resolvable_id": "add a paper link (arXiv, ACL, DOI) or a code link",
}
FLAG_WORDS = {
    "repo_archived": "archived",
    "repo_silent": "silent",
    "repo_renamed": "renamed",
    "repo_not_found": "repo gone",
    "title_mismatch": "wrong paper?",
    "duplicate_id": "duplicate id",
    "shared_repository": "shared repo",
    "listed_twice": "listed twice",
    "same_title_different_ids": "same title",
    "arxiv_not_found": "bad arXiv id",
    "acl_not_found": "bad ACL id",
    "no_resolvable_id": "no id",
}

HISTORY_SQL = f"""
WITH clock AS (SELECT as_of FROM stats_as_of),
wanted AS (
    SELECT DISTINCT 'paper' AS subject_kind, s2_paper_id AS subject_id, 'citations' AS metric
    FROM {{source}} WHERE s2_paper_id IS NOT NULL
    UNION
    SELECT DISTINCT 'repo', repo_key, 'stars' FROM {{source}} WHERE repo_key IS NOT NULL
),
points AS (
    SELECT o.subject_kind, o.subject_id,
           date_diff('day', o.observed_on, c.as_of) // {BUCKET_DAYS} AS bucket,
           max(o.observed_on) AS day,
           arg_max(o.value, o.observed_on) AS value
    FROM observations o
    JOIN wanted w USING (subject_kind, subject_id, metric)
    CROSS JOIN clock c
    WHERE o.observed_on > c.as_of - {HISTORY_DAYS}
    GROUP BY ALL
)
SELECT p.subject_kind, p.subject_id, date_diff('day', p.day, c.as_of) AS days_back, p.value
FROM points p CROSS JOIN clock c
ORDER BY p.subject_kind, p.subject_id, p.day
"""

# What the page shows of a release row, and how many entries each kind of knowledge covers.
PAGE_COLUMNS = (
    "list_name", "section", "subsection", "title", "listed_title", "authors", "year",
    "listed_year", "venue", "listed_venue", "paper_url", "code_url", "github_repo", "repo_key",
    "work_id", "s2_paper_id", "citation_count", "citation_gain_30d", "stars", "flags",
)  # fmt: skip
ROW_BATCH = 2048
COUNTS_SQL = """
SELECT
    count(*)                                                  AS entries,
    count(DISTINCT work_id) FILTER (WHERE work_id <> '')      AS works,
    count(DISTINCT repo_key) FILTER (WHERE repo_key <> '')    AS repositories,
    count(DISTINCT list_name)                                 AS lists,
    count(*) FILTER (WHERE work_id <> '' AND title <> '')     AS with_paper,
    count(*) FILTER (WHERE citation_count IS NOT NULL)        AS with_citations,
    count(*) FILTER (WHERE github_repo <> '')                 AS with_repository,
    count(*) FILTER (WHERE stars IS NOT NULL)                 AS with_stars
FROM {source}
"""

PROBLEMS_SQL = """
SELECT category, problem, list_name, section, line_no, listed_title, subject, detail
FROM data_quality
ORDER BY category, problem, list_name, line_no, entry_id
"""


# ---------------------------------------------------------------------------------------------
# Data


def history(
    con: duckdb.DuckDBPyConnection, source: str = "catalogue"
) -> dict[str, dict[str, list[list[int]]]]:
    """{"p": {s2_paper_id: [[days_back, citations], …]}, "r": {repo_key: [[days_back, stars]]}},
    oldest point first, the newest observation of every four weeks, for the papers and
    repositories of `source` (the catalogue view, or the release's staged rows: the view
    computed again costs seconds at 100,000 entries)."""
    found: dict[str, dict[str, list[list[int]]]] = {"p": {}, "r": {}}
    for kind, subject, days_back, value in con.execute(
        HISTORY_SQL.format(source=source)
    ).fetchall():
        key = "p" if kind == "paper" else "r"
        found[key].setdefault(str(subject), []).append([int(days_back), int(value)])
    return found


def encode_series(points: Sequence[Sequence[int]]) -> list[int]:
    """[[days_back, value], …] (oldest first) as flat deltas: [days_back₀, value₀, step₁,
    change₁, …], where step is how many days later and change how much more. Small numbers:
    a third of the bytes of the plain pairs."""
    if not points:
        return []
    flat = [int(points[0][0]), int(points[0][1])]
    for before, after in pairwise(points):
        flat += [int(before[0]) - int(after[0]), int(after[1]) - int(before[1])]
    return flat


def decode_series(flat: Sequence[int]) -> list[list[int]]:
    """The inverse of encode_series (the page's script does the same)."""
    if not flat:
        return []
    points = [[flat[0], flat[1]]]
    for i in range(2, len(flat), 2):
        points.append([points[-1][0] - flat[i], points[-1][1] + flat[i + 1]])
    return points


def embedded_history(
    hist: Mapping[str, Mapping[str, Sequence[Sequence[int]]]],
) -> tuple[dict[str, dict[str, int]], dict[str, list[list[int]]]]:
    """The history as the page embeds it: per kind a list of encoded series (only those with
    two points or more), and the index of each subject's series, which its rows carry."""
    index: dict[str, dict[str, int]] = {}
    payload: dict[str, list[list[int]]] = {}
    for kind, by_subject in hist.items():
        index[kind], payload[kind] = {}, []
        for subject, points in by_subject.items():
            if len(points) >= 2:
                index[kind][subject] = len(payload[kind])
                payload[kind].append(encode_series(points))
    return index, payload


def coverage(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """How many entries each kind of knowledge covers (`counts`: COUNTS_SQL's row)."""
    return [
        ("entries", counts["entries"]),
        ("with a paper found", counts["with_paper"]),
        ("with citations", counts["with_citations"]),
        ("with a code repository", counts["with_repository"]),
        ("with stars", counts["with_stars"]),
    ]


def entry_counts(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, int]:
    """COUNTS_SQL of the release rows in `source` (a table or a parenthesised query)."""
    result = con.execute(COUNTS_SQL.format(source=source))
    row = result.fetchone()
    assert row is not None  # an aggregate without GROUP BY has one row
    return {d[0]: int(v) for d, v in zip(result.description, row, strict=True)}


def page_rows(con: duckdb.DuckDBPyConnection, source: str) -> Iterator[dict[str, Any]]:
    """The release rows in `source`, in list order, with the columns the page shows, fetched a
    batch at a time (no other query may run on `con` until they are all read)."""
    result = con.execute(
        f"SELECT {', '.join(PAGE_COLUMNS)} FROM {source} ORDER BY {ENTRY_ORDER}"
    )
    while batch := result.fetchmany(ROW_BATCH):
        for row in batch:
            yield dict(zip(PAGE_COLUMNS, row, strict=True))


# ---------------------------------------------------------------------------------------------
# Rendering


def render_page(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    stats: Mapping[str, Any],
    freshness: Mapping[str, Mapping[str, Any]],
    title: str = "Catalogue",
) -> Iterator[str]:
    """The whole page as text, in pieces (10,000 entries make a page of megabytes): `source`
    holds the release rows (catalogue.csv's: a table or a parenthesised query), `stats` is
    stats.json's content, `freshness` the manifest's source_freshness."""
    hist = history(con, source)
    index, payload = embedded_history(hist)
    counts = entry_counts(con, source)
    growing = _growing_section(con, source, stats, hist)
    del hist  # only the payload is embedded
    as_of = stats.get("as_of")
    head = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<header><h1>{escape(title)}</h1>",
        f"<p>{counts['entries']} entries · {counts['works']} works · "
        f"{counts['repositories']} repositories"
        + (f" · data as of {escape(str(as_of))}" if as_of else "")
        + "</p>",
        '<nav><a href="#entries">Entries</a> <a href="#growing">Fastest growing</a> '
        '<a href="#coverage">Coverage</a> <a href="#problems">Problems</a></nav></header>',
        "<main>",
    ]
    yield "\n".join(head) + "\n"
    yield from _entries_section(page_rows(con, source), index, several_lists=counts["lists"] > 1)
    yield "\n"
    tail = [
        growing,
        _coverage_section(counts, freshness),
        _problems_section(con.execute(PROBLEMS_SQL).fetchall()),
        "</main>",
        '<script type="application/json" id="history">' + _script_json(payload) + "</script>",
        f"<script>{JS}</script>",
        "</body></html>",
    ]
    yield "\n".join(tail) + "\n"


def _entries_section(
    rows: Iterable[Mapping[str, Any]],
    index: Mapping[str, Mapping[str, int]],
    *,
    several_lists: bool,
) -> Iterator[str]:
    """One table per section, under one header table whose buttons sort every section.

    Separate tables let the browser skip laying out the sections off screen
    (``content-visibility: auto``): at 10,000 entries the first layout takes a fifth of the time
    of one big table. Their columns line up because every table has the same fixed widths."""
    head = (
        '<table class="s" id="t"><thead><tr>'
        '<th data-k="t" aria-sort="none"><button>Title</button></th>'
        "<th>Authors</th>"
        '<th data-k="y" aria-sort="none"><button>Year</button></th>'
        "<th>Venue</th>"
        '<th data-k="c" aria-sort="none" title="in green: the gain over 30 days">'
        "<button>Citations</button></th>"
        '<th data-k="s" aria-sort="none"><button>Stars</button></th>'
        "<th>Code</th><th>Flags</th>"
        '<th>Trend: <span class="c1">citations</span>, <span class="c2">stars</span></th>'
        "</tr></thead></table>"
    )
    yield (
        '<section id="entries"><h2>Entries</h2>'
        '<p class="tools"><input id="q" type="search" placeholder="Search titles, authors, '
        'venues, flags…" aria-label="Search the entries"> <span id="shown"></span></p>'
        '<div class="scroll"><div class="wide">' + head
    )
    sections = groupby(rows, key=lambda r: (r["list_name"], r["section"], r["subsection"]))
    for number, (key, group) in enumerate(sections):
        place = [p for p in key[1:] if p] or ["(no section)"]
        if several_lists:
            place.insert(0, key[0])
        yield (
            ("\n" if number else "")
            + f'<div class="cv"><table class="s e"><caption>{escape(" › ".join(place))}</caption>'
            "<tbody>"
            + "\n".join(_entry_row(row, index) for row in group)
            + "</tbody></table></div>"
        )
    yield (
        "</div></div>"
        "<noscript><p>Search, sorting and sparklines need JavaScript; the tables above are "
        "complete without it.</p></noscript></section>"
    )


def _entry_row(
    row: Mapping[str, Any], series: Mapping[str, Mapping[str, int]] | None = None
) -> str:
    title = str(row["title"] or row["listed_title"] or "?")
    url = _safe_url(row["paper_url"])
    title_html = f'<a href="{escape(url)}">{escape(title)}</a>' if url else escape(title)
    authors = list(row["authors"] or [])
    shown = ", ".join(authors[:AUTHORS_SHOWN]) + (" et al." if len(authors) > 3 else "")
    citations = row["citation_count"]
    gain = row["citation_gain_30d"]
    cite = "" if citations is None else str(int(citations))
    if gain:
        cite += f" <small>{int(gain):+d}</small>"
    stars = "" if row["stars"] is None else str(int(row["stars"]))
    code = _safe_url(row["code_url"]) or (
        f"https://github.com/{row['github_repo']}" if row["github_repo"] else None
    )
    code_html = f'<a href="{escape(code)}">code</a>' if code else ""
    flags = "".join(f"<i>{escape(FLAG_WORDS.get(str(f), str(f)))}</i>" for f in row["flags"] or ())
    year = row["year"] or row["listed_year"]
    attrs = ""
    if series is not None and row["s2_paper_id"] in series["p"]:
        attrs += f' data-p="{series["p"][row["s2_paper_id"]]}"'
    if series is not None and row["repo_key"] in series["r"]:
        attrs += f' data-r="{series["r"][row["repo_key"]]}"'
    # End tags of cells and rows are optional in HTML: leaving them out saves a fifth of the
    # page at 10,000 entries.
    return (
        f"<tr{attrs}><td>{title_html}<td>{escape(shown)}<td>{year or ''}"
        f"<td>{escape(str(row['venue'] or row['listed_venue'] or ''))}"
        f"<td>{cite}<td>{stars}<td>{code_html}<td>{flags}<td>"
    )


def _growing_section(
    con: duckdb.DuckDBPyConnection,
    source: str,
    stats: Mapping[str, Any],
    hist: Mapping[str, Mapping[str, list[list[int]]]],
) -> str:
    growing = stats.get("fastest_growing") or {}
    works = [str(item.get("subject_id")) for item in list(growing.get("works") or [])[:TOP_N]]
    paper_of = (
        dict(
            con.execute(
                f"SELECT DISTINCT work_id, s2_paper_id FROM {source} "
                "WHERE list_contains(?, work_id)",
                [works],
            ).fetchall()
        )
        if works
        else {}
    )
    parts = ['<section id="growing"><h2>Fastest growing (30 days)</h2>']
    for key, label, metric, series in (
        ("works", "Works", "citations", "p"),
        ("repositories", "Repositories", "stars", "r"),
    ):
        items = list(growing.get(key) or [])[:TOP_N]
        parts.append(f"<h3>{label}</h3>")
        if not items:
            parts.append(f"<p>No {metric} history of 30 days yet.</p>")
            continue
        parts.append(
            '<div class="scroll"><table class="grow"><thead><tr><th>#</th><th>Name</th>'
            f'<th class="n">{metric.capitalize()}</th><th class="n">+30 d</th><th>Trend</th>'
            "</tr></thead><tbody>"
        )
        for item in items:
            subject = str(item.get("subject_id"))
            points = hist[series].get(str(paper_of.get(subject)) if series == "p" else subject, [])
            parts.append(
                f'<tr><td class="n">{item.get("rank")}</td><td>{escape(str(item.get("name")))}</td>'
                f'<td class="n">{item.get("value")}</td>'
                f'<td class="n">+{item.get("gain_30d")}</td>'
                f"<td>{sparkline_svg(points)}</td></tr>"
            )
        parts.append("</tbody></table></div>")
    parts.append("</section>")
    return "\n".join(parts)


def _coverage_section(
    counts: Mapping[str, int], freshness: Mapping[str, Mapping[str, Any]]
) -> str:
    total = max(counts["entries"], 1)
    lines = [
        '<section id="coverage"><h2>Coverage</h2><div class="scroll"><table class="cov">'
        "<thead><tr><th>Entries</th>"
        '<th class="n">count</th><th class="n">share</th></tr></thead><tbody>'
    ]
    for label, n in coverage(counts):
        lines.append(
            f'<tr><td>{escape(label)}</td><td class="n">{n}</td>'
            f'<td class="n">{100 * n / total:.0f}%</td></tr>'
        )
    lines.append(
        '</tbody></table></div><div class="scroll"><table class="cov"><thead><tr><th>Source</th>'
        '<th class="n">ok</th>'
        '<th class="n">not found</th><th class="n">errors</th><th>oldest answer</th>'
        "<th>newest answer</th></tr></thead><tbody>"
    )
    for source, f in freshness.items():
        lines.append(
            f"<tr><td>{escape(source)}</td><td class='n'>{f.get('ok', 0)}</td>"
            f"<td class='n'>{f.get('not_found', 0)}</td><td class='n'>{f.get('error', 0)}</td>"
            f"<td>{escape(str(f.get('oldest_success') or ''))}</td>"
            f"<td>{escape(str(f.get('newest_success') or ''))}</td></tr>"
        )
    lines.append("</tbody></table></div></section>")
    return "\n".join(lines)


def _problems_section(problems: Sequence[tuple[Any, ...]]) -> str:
    lines = [f'<section id="problems"><h2>Flagged problems ({len(problems)})</h2>']
    if not problems:
        lines.append("<p>No problem flagged.</p></section>")
        return "\n".join(lines)
    by_problem: dict[str, list[tuple[Any, ...]]] = {}
    for item in problems:
        by_problem.setdefault(str(item[1]), []).append(item)
    for problem, items in by_problem.items():
        lines.append(
            f"<h3>{escape(problem)} ({len(items)}): "
            f"{escape(FIXES.get(problem, 'have a look'))}</h3>"
            '<div class="scroll"><table class="prob"><thead><tr><th>Entry</th><th>Where</th>'
            "<th>Detail</th></tr></thead><tbody>"
        )
        for _category, _problem, list_name, section, line_no, title, subject, detail in items:
            where = f"{list_name}:{line_no}" + (f" ({section})" if section else "")
            lines.append(
                f"<tr><td>{escape(str(title or ''))}<td>{escape(where)}"
                f"<td>{escape(' '.join(str(x) for x in (subject, detail) if x))}"
            )
        lines.append("</tbody></table></div>")
    lines.append("</section>")
    return "\n".join(lines)


def sparkline_svg(points: Sequence[Sequence[int]], width: int = 80, height: int = 20) -> str:
    """A small line of (days_back, value) points, oldest first; the same drawing as the page's
    script. Empty when fewer than two points."""
    if len(points) < 2:
        return ""
    coords = _spark_coords(points, width, height)
    first, last = points[0][1], points[-1][1]
    return (
        f'<svg class="sp" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{first} to {last} over {points[0][0] - points[-1][0]} days">'
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{coords}"/>'
        "</svg>"
    )


def _spark_coords(points: Sequence[Sequence[int]], width: int, height: int) -> str:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    span_x = max(max(xs) - min(xs), 1)
    low, span_y = min(ys), max(max(ys) - min(ys), 1)
    return " ".join(
        f"{(max(xs) - x) * (width - 2) / span_x + 1:.1f},"
        f"{height - 1 - (y - low) * (height - 2) / span_y:.1f}"
        for x, y in zip(xs, ys, strict=True)
    )


def _safe_url(url: Any) -> str | None:
    text = str(url or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else None


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_page_files(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    *,
    settings: Settings,
    source: str,
    stats: Mapping[str, Any],
    freshness: Mapping[str, Mapping[str, Any]],
    layouts: Mapping[str, Pending[Layout]] | None = None,
) -> list[Path]:
    """The files people look at, in a release folder: index.html, and the annotated list
    (README.annotated.md; with several lists, <list>.README.annotated.md each). `source` holds
    the release rows (a table or a parenthesised query); `layouts`, the lists' layouts asked of
    a helper beforehand (`layouts_ahead`)."""
    page = folder / PAGE_NAME
    write_text(page, render_page(con, source=source, stats=stats, freshness=freshness))
    written = [page]
    lists = current_lists(con)
    for name, sha256, url in lists:
        raw_path = _stored_version(settings, name, sha256)
        if not raw_path.is_file():
            log.warning("%s: no stored version %s: not annotated", name, sha256[:12])
            continue
        try:
            text = decode_for_annotation(raw_path.read_bytes(), str(raw_path))
            ahead = (layouts or {}).get(name)
            result = annotate_version(
                text,
                list_rows(con, name, source),
                list_name=name,
                list_url=url,
                fmt=settings.annotate,
                layout=ahead.result() if ahead is not None else None,
            )
        except AnnotateError as exc:
            log.warning("%s: not annotated: %s", name, exc)
            continue
        target = folder / (ANNOTATED_NAME if len(lists) == 1 else f"{name}.{ANNOTATED_NAME}")
        write_file(target, result.data)
        written.append(target)
    return written


def layouts_ahead(
    con: duckdb.DuckDBPyConnection, settings: Settings, helper: Helper | None
) -> dict[str, Pending[Layout]]:
    """The block layouts `write_page_files` annotates the lists with, started now in `helper`,
    for each list whose layout this process has not got (a rebuild's or a lone release's; a
    refresh kept the ones its parse read): a 10,000-entry list's takes about as long as writing
    the catalogue files, which it runs beside."""
    if helper is None:
        return {}
    ahead: dict[str, Pending[Layout]] = {}
    for name, sha256, _ in current_lists(con):
        path = _stored_version(settings, name, sha256)
        if path.is_file() and not layout_known(path.read_bytes()):
            ahead[name] = run_in(helper, stored_layout, path)
    return ahead


def _stored_version(settings: Settings, name: str, sha256: str) -> Path:
    return list_dir(settings, name) / f"{sha256}.md"


def copy_to_pages(release_dir: Path, pages_dir: Path) -> Path:
    """Copy a release's index.html into a folder a static host serves (GitHub Pages: docs/ or
    the gh-pages branch); returns the page's path there."""
    source = release_dir / PAGE_NAME
    if not source.is_file():
        raise EnrichError(f"{release_dir} has no {PAGE_NAME}: write a release first")
    pages_dir.mkdir(parents=True, exist_ok=True)
    target = pages_dir / PAGE_NAME
    tmp = pages_dir / f".{PAGE_NAME}.partial"
    write_file(tmp, source.read_bytes())
    os.replace(tmp, target)
    return target


CSS = """
:root{color-scheme:light dark;--mut:#6a737d;--line:#d0d7de;--flag:#9a6700}
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;
max-width:1200px;padding:0 12px}
header h1{margin:.6em 0 .2em}header p{margin:0;color:var(--mut)}nav a{margin-right:1em}
table{border-collapse:collapse;width:100%}th,td{padding:4px 6px;border-bottom:1px solid var(--line);
text-align:left;vertical-align:top}td.n,th.n{text-align:right;white-space:nowrap}
thead th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;
color:inherit}thead th[aria-sort=ascending] button::after{content:" ▲"}
thead th[aria-sort=descending] button::after{content:" ▼"}
small{color:#1a7f37}.c1{color:#0969da}.c2{color:#bf8700}
.tools input{width:min(420px,100%);font-size:16px;padding:6px}.scroll{overflow-x:auto}
.sp{color:#0969da;display:block}.sps{color:#bf8700}
table.cov{width:auto;margin-bottom:1em}
.wide{min-width:860px}.cv{content-visibility:auto;contain-intrinsic-size:auto 320px}
table.s{table-layout:fixed}table.s caption{text-align:left;font-weight:600;padding:6px;
background:rgba(127,127,127,.12)}#t{position:sticky;top:0;background:Canvas;z-index:1}
.s tr>:nth-child(1){width:26%}.s tr>:nth-child(2){width:15%}.s tr>:nth-child(3){width:3.2em}
.s tr>:nth-child(4){width:10%}.s tr>:nth-child(5){width:6.6em}.s tr>:nth-child(6){width:4.4em}
.s tr>:nth-child(7){width:3.2em}.s tr>:nth-child(8){width:7.5em}.s tr>:nth-child(9){width:172px}
.s td{overflow-wrap:anywhere}.s tr>:nth-child(3),.s tr>:nth-child(5),.s tr>:nth-child(6)
{text-align:right;white-space:nowrap}
.s i{display:inline-block;white-space:nowrap;font-size:12px;font-style:normal;
border:1px solid var(--flag);color:var(--flag);border-radius:8px;padding:0 5px;margin:1px}
.s td:nth-child(9) svg{display:inline-block;margin-right:4px}
@media (max-width:700px){.wide{min-width:0}.s tr>:nth-child(2),.s tr>:nth-child(4),
.s tr>:nth-child(9){display:none}.s tr>:nth-child(1){width:auto}.s tr>:nth-child(8){width:5em}
body{padding:0 6px}td,th{padding:4px 3px}}
"""

JS = """
(function(){
var H=JSON.parse(document.getElementById('history').textContent);
var W=80,HT=20;
function dec(a){var p=[[a[0],a[1]]];for(var i=2;i<a.length;i+=2){var l=p[p.length-1];
p.push([l[0]-a[i],l[1]+a[i+1]])}return p}
function spark(p,cls,label){if(!p||p.length<2)return'';
var xs=p.map(function(a){return a[0]}),ys=p.map(function(a){return a[1]});
var mx=Math.max.apply(null,xs),sx=Math.max(mx-Math.min.apply(null,xs),1);
var lo=Math.min.apply(null,ys),sy=Math.max(Math.max.apply(null,ys)-lo,1);
var pts=p.map(function(a){return((mx-a[0])*(W-2)/sx+1).toFixed(1)+','+
(HT-1-(a[1]-lo)*(HT-2)/sy).toFixed(1)}).join(' ');
return'<svg class="sp '+cls+'" width="'+W+'" height="'+HT+'" role="img" aria-label="'+label+
' '+p[0][1]+' to '+p[p.length-1][1]+'"><polyline fill="none" stroke="currentColor" '+
'stroke-width="1.5" points="'+pts+'"/></svg>'}
function draw(tr){if(tr._d)return;tr._d=1;var c=tr.cells[8],h='';
if(tr.dataset.p)h+=spark(dec(H.p[+tr.dataset.p]),'spc','citations');
if(tr.dataset.r)h+=spark(dec(H.r[+tr.dataset.r]),'sps','stars');c.innerHTML=h}
var head=document.getElementById('t');if(!head)return;
var tables=Array.prototype.slice.call(document.querySelectorAll('table.e'));
var rows=[];tables.forEach(function(t){rows.push.apply(rows,t.tBodies[0].rows)});
if('IntersectionObserver'in window){var io=new IntersectionObserver(function(es){
es.forEach(function(e){if(e.isIntersecting){draw(e.target);io.unobserve(e.target)}})},
{rootMargin:'400px'});rows.forEach(function(r){io.observe(r)})}else rows.forEach(draw);
var text=null;
var q=document.getElementById('q'),shown=document.getElementById('shown'),timer=0;
function filter(){var words=q.value.toLowerCase().split(/\\s+/).filter(Boolean),n=0;
if(!text)text=rows.map(function(r){return r.textContent.toLowerCase()});
rows.forEach(function(r,i){var ok=words.every(function(w){return text[i].indexOf(w)>=0});
if(r.hidden===ok)r.hidden=!ok;if(ok)n++});
tables.forEach(function(t){var hide=!t.querySelector('tr:not([hidden])');
if(t.parentNode.hidden!==hide)t.parentNode.hidden=hide});
shown.textContent=words.length?n+' of '+rows.length+' entries':''}
q.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(filter,120)});
var keys=null;
function num(c){var v=parseInt(c.textContent,10);return isNaN(v)?null:v}
function makeKeys(){keys={};rows.forEach(function(r,i){r._i=i;
r._k={t:r.cells[0].textContent.toLowerCase(),y:num(r.cells[2]),c:num(r.cells[4]),
s:num(r.cells[5])}})}
var ths=Array.prototype.slice.call(head.querySelectorAll('th[data-k]'));
ths.forEach(function(th){th.querySelector('button').addEventListener('click',function(){
if(!keys)makeKeys();
var k=th.dataset.k,cur=th.getAttribute('aria-sort');
var desc=cur==='none'?k!=='t':cur==='ascending';
ths.forEach(function(o){o.setAttribute('aria-sort','none')});
th.setAttribute('aria-sort',desc?'descending':'ascending');
tables.forEach(function(t){var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows);
rs.sort(function(a,b2){var x=a._k[k],y=b2._k[k];
if(x===null&&y===null)return a._i-b2._i;if(x===null)return 1;if(y===null)return -1;
var c=x<y?-1:x>y?1:0;return(desc?-c:c)||a._i-b2._i});
var f=document.createDocumentFragment();rs.forEach(function(r){f.appendChild(r)});
b.appendChild(f)})})});
})();
"""
