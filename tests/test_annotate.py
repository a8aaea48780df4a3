"""`enrich annotate`: the list with what the warehouse knows beside each entry, every other byte
kept; on both seed versions and on every shape fixture, against a warehouse refreshed from the
fake upstream."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from enrich.annotate import (
    MARK_CLOSE,
    MARK_OPEN,
    AnnotateError,
    AnnotationFormat,
    annotate_text,
    annotate_version,
    compact,
    list_rows,
    strip_annotations,
    warehouse_rows,
)
from enrich.cli import main
from enrich.config import Settings
from enrich.errors import ConfigError
from enrich.parse import parse_list
from enrich.resolve import resolve_entries
from enrich.warehouse import open_reader

from annotate_support import LISTS, build_warehouse
from support import env_for

SPAN_RE = re.compile(re.escape(MARK_OPEN) + r" ?(.*?)" + re.escape(MARK_CLOSE))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build_warehouse(tmp_path_factory.mktemp("annotate"))


@pytest.fixture(scope="module")
def rows(warehouse: Settings) -> dict[str, dict[str, dict[str, Any]]]:
    with open_reader(warehouse) as con:
        return {name: warehouse_rows(con, name) for name in LISTS}


def annotate(name: str, text: str, rows: dict[str, dict[str, dict[str, Any]]], **kw: Any) -> Any:
    return annotate_text(text, rows[name], list_name=name, **kw)


def entries_of(name: str, text: str) -> list[tuple[Any, ...]]:
    parsed = parse_list(name, text.encode("utf-8"))
    return [
        (r.entry_id, r.entry.listed_title, r.entry.section, r.entry.subsection, r.entry.kind,
         r.entry.position, tuple((lk.label, lk.url) for lk in r.entry.links),
         tuple(c.value for c in r.paper_ids), r.repo_key,
         # the parser reads past the annotations: the listed fields are the list's own
         r.entry.description, r.entry.listed_venue, r.entry.listed_year,
         r.entry.listed_authors)
        for r in resolve_entries(parsed.entries)
    ]  # fmt: skip


@pytest.mark.parametrize("name", list(LISTS))
def test_annotating_is_idempotent_reversible_and_keeps_the_entries(
    name: str, rows: dict[str, dict[str, dict[str, Any]]]
) -> None:
    original = LISTS[name].read_bytes().decode("utf-8")
    first = annotate(name, original, rows)
    assert first.annotated > 0 or name == "html-tables"
    # Twice in a row: the same bytes.
    assert annotate(name, first.text, rows).text == first.text
    # The markers' content removed: the original, byte for byte.
    assert strip_annotations(first.text) == original
    # The annotated file parses to the same entries: ids, titles, sections, links.
    assert entries_of(name, first.text) == entries_of(name, original)
    # And no problem the original did not have.
    problems = {(p.line_no, p.reason) for p in parse_list(name, first.text.encode()).problems}
    assert problems == {(p.line_no, p.reason) for p in parse_list(name, original.encode()).problems}
    # Only annotation spans or lines differ.
    for line in first.diff(name).splitlines():
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---")):
            assert line.startswith("-") or MARK_OPEN in line, line


@pytest.mark.parametrize("name", list(LISTS))
def test_the_version_the_warehouse_holds_is_annotated_from_its_rows_alike(
    name: str, warehouse: Settings, rows: dict[str, dict[str, dict[str, Any]]]
) -> None:
    """The release annotates the stored version from its rows' line numbers, without parsing
    its entries: the same bytes as annotating it by parsing; an annotated version too."""
    original = LISTS[name].read_bytes().decode("utf-8")
    with open_reader(warehouse) as con:
        in_order = list_rows(con, name)
    assert [r["entry_id"] for r in in_order] == [
        r.entry_id for r in resolve_entries(parse_list(name, original.encode()).entries)
    ]
    expected = annotate(name, original, rows)
    found = annotate_version(original, in_order, list_name=name)
    assert found.text == expected.text
    assert (found.annotated, found.refused) == (expected.annotated, expected.refused)
    again = annotate_version(expected.text, in_order, list_name=name)  # parsed: lines moved
    assert again.text == annotate(name, expected.text, rows).text


def test_a_list_annotated_yesterday_gives_todays_result(
    rows: dict[str, dict[str, dict[str, Any]]],
) -> None:
    original = LISTS["mh"].read_text(encoding="utf-8")
    today = annotate("mh", original, rows).text
    stale = SPAN_RE.sub(lambda m: MARK_OPEN + " ⭐ 1 · 📄 2 citations" + MARK_CLOSE, today)
    assert stale != today
    assert annotate("mh", stale, rows).text == today


def test_the_numbers_are_the_catalogue_views(
    warehouse: Settings, rows: dict[str, dict[str, dict[str, Any]]]
) -> None:
    with open_reader(warehouse) as con:
        catalogue = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT entry_id, stars, citation_count, year FROM catalogue WHERE list_name = 'mh'"
            ).fetchall()
        }
    text = LISTS["mh"].read_text(encoding="utf-8")
    annotated = annotate("mh", text, rows).text
    lines = annotated.splitlines()
    checked = 0
    resolved = resolve_entries(parse_list("mh", text.encode()).entries)
    starts = [r.entry.line_no - 1 for r in resolved] + [len(lines)]
    for i, r in enumerate(resolved):
        stars, citations, year = catalogue[r.entry_id]
        own_lines = "\n".join(lines[starts[i] : max(starts[i + 1], starts[i] + 1)])
        found = SPAN_RE.search(own_lines)  # on the entry's own lines (it may span several)
        if stars is None and citations is None and year is None:
            continue
        assert found, own_lines
        words = found.group(1)
        if " ‖ " in words:  # several papers in one bullet
            continue
        if stars is not None:
            assert f"⭐ {compact(stars)}" in words.split(" · "), words
        else:
            assert "⭐" not in words, words
        if citations is not None:
            assert re.search(rf"📄 {citations} citations?\b", words), words
        if year is not None:
            assert str(year) in words.split(" · "), words
        checked += 1
    assert checked > 20


def test_each_shape_gets_the_right_kind_of_annotation(
    rows: dict[str, dict[str, dict[str, Any]]],
) -> None:
    tables = annotate("tables-any-columns", LISTS["tables-any-columns"].read_text(), rows).text
    row = next(line for line in tables.splitlines() if line.startswith("| MMLU"))
    assert row.endswith(MARK_CLOSE + " |")  # a cell suffix, the row still closed
    assert row.count("|") == 6  # no column added
    headings = annotate("heading-entries", LISTS["heading-entries"].read_text(), rows).text
    lines = headings.splitlines()
    at = lines.index(
        "### [Chain of Thought Prompting Elicits Reasoning](https://arxiv.org/abs/2201.11903)"
    )
    assert lines[at + 1].startswith(MARK_OPEN) and lines[at + 1].endswith(MARK_CLOSE)
    paragraphs = annotate(
        "paragraphs-quotes-footnotes", LISTS["paragraphs-quotes-footnotes"].read_text(), rows
    ).text
    br = next(line for line in paragraphs.splitlines() if "Direct Preference" in line)
    assert br.endswith(MARK_CLOSE + "<br>")  # before the line break, not after it


def test_unsafe_shapes_are_refused_with_a_clear_message(
    rows: dict[str, dict[str, dict[str, Any]]],
) -> None:
    text = LISTS["html-tables"].read_text()
    result = annotate("html-tables", text, rows)
    assert result.text == text  # nothing inside the HTML blocks was touched
    assert result.refused and all("inside an HTML block" in why for _, why in result.refused)
    with pytest.raises(AnnotateError, match="line 3: an enrich marker"):
        strip_annotations("a\nb\n- x " + MARK_OPEN + " dangling\n")


def test_sort_moves_whole_entries_only(rows: dict[str, dict[str, dict[str, Any]]]) -> None:
    text = LISTS["mh"].read_text(encoding="utf-8")
    plain = annotate("mh", text, rows)
    by_stars = annotate("mh", text, rows, sort="citations")
    assert by_stars.text != plain.text
    # The same lines, only in another order; sorting twice changes nothing.
    assert sorted(by_stars.text.splitlines()) == sorted(plain.text.splitlines())
    assert annotate("mh", by_stars.text, rows, sort="citations").text == by_stars.text
    # The same entries, sections kept; inside each run of siblings, citations never go up.
    before = {e[0]: e for e in entries_of("mh", text)}
    after = entries_of("mh", strip_annotations(by_stars.text))
    assert {e[0]: e[1:4] for e in after} == {k: v[1:4] for k, v in before.items()}
    # Heading entries move with their field bullets.
    headings = annotate("heading-entries", LISTS["heading-entries"].read_text(), rows, sort="year")
    assert sorted(strip_annotations(headings.text).splitlines()) == sorted(
        LISTS["heading-entries"].read_text().splitlines()
    )


def test_sort_orders_siblings_and_leaves_the_rest_in_place() -> None:
    text = (
        "# L\n\n## A\n"
        "- [Low](https://arxiv.org/abs/2401.00001)\n"
        "  - a field bullet of Low\n"
        "- [High](https://arxiv.org/abs/2401.00002)\n"
        "- [Unknown](https://arxiv.org/abs/2401.00003)\n"
        "- [Mid](https://arxiv.org/abs/2401.00004)\n"
        "\n## B\n"
        "1. [One](https://arxiv.org/abs/2401.00005)\n"
        "2. [Two](https://arxiv.org/abs/2401.00006)\n"
    )
    ids = {
        r.entry.listed_title: r.entry_id
        for r in resolve_entries(parse_list("t", text.encode()).entries)
    }
    counts = {"Low": 1, "High": 30, "Mid": 7, "One": 1, "Two": 9}
    table = {ids[t]: {"citation_count": n} for t, n in counts.items()}
    result = annotate_text(text, table, list_name="t", sort="citations")
    titles = [e[1] for e in entries_of("t", strip_annotations(result.text))]
    assert titles == ["High", "Mid", "Low", "Unknown", "One", "Two"]
    low = strip_annotations(result.text).splitlines()
    assert (
        low[low.index("- [Low](https://arxiv.org/abs/2401.00001)") + 1]
        == "  - a field bullet of Low"
    )
    assert [why for _, why in result.not_sorted] == ["a numbered list keeps its order"] * 2


def test_the_format_comes_from_the_config(rows: dict[str, dict[str, dict[str, Any]]]) -> None:
    fmt = AnnotationFormat.from_config({"fields": ["citations"], "separator": " / "})
    text = annotate("mh", LISTS["mh"].read_text(), rows, fmt=fmt).text
    spans = SPAN_RE.findall(text)
    assert spans and all(s.startswith("📄 ") and "⭐" not in s for s in spans)
    with pytest.raises(ConfigError, match="unknown"):
        AnnotationFormat.from_config({"fields": ["stars", "likes"]})


def test_cli_out_write_and_diff(
    warehouse: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    for key, value in env_for(warehouse).items():
        monkeypatch.setenv(key, value)
    readme = tmp_path / "README.md"
    original = LISTS["mh"].read_bytes()
    readme.write_bytes(original)
    out = tmp_path / "annotated.md"
    assert main(["annotate", str(readme), "--name", "mh", "--out", str(out)]) == 0
    assert readme.read_bytes() == original and MARK_OPEN in out.read_text()
    assert main(["annotate", str(readme), "--name", "mh", "--diff"]) == 0
    diff = capsys.readouterr().out
    assert diff.startswith("--- a/README.md\n+++ b/README.md\n") and MARK_OPEN in diff
    assert main(["annotate", str(readme), "--name", "mh", "--write"]) == 0
    assert readme.read_bytes() == out.read_bytes()
    # --strip gives back the list as written, for a refresh to read.
    stripped = tmp_path / "stripped.md"
    assert main(["annotate", str(readme), "--strip", "--out", str(stripped)]) == 0
    assert stripped.read_bytes() == original
    assert "annotations removed" in capsys.readouterr().err
    assert main(["annotate", str(readme), "--name", "nope"]) == 2
    assert "no list named 'nope'" in capsys.readouterr().err
    latin = tmp_path / "latin.md"
    latin.write_bytes("- caf\xe9 [x](https://arxiv.org/abs/2401.00001)\n".encode("latin-1"))
    assert main(["annotate", str(latin), "--name", "mh"]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_a_release_of_several_lists_carries_one_annotated_list_each(
    warehouse: Settings, rows: dict[str, dict[str, dict[str, Any]]]
) -> None:
    from enrich.release import iter_release_files, write_release

    release = write_release(warehouse)
    for name, path in LISTS.items():
        annotated = release / f"{name}.README.annotated.md"
        expected = annotate(name, path.read_bytes().decode("utf-8"), rows)
        assert annotated.read_bytes() == expected.data, name
    assert not (release / "README.annotated.md").exists()
    shipped = [p.name for p in iter_release_files(release)]
    assert shipped[-1] == "index.html" and "mh.README.annotated.md" in shipped
    # The manifest hashes every file of the release but itself, the annotated lists included.
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["files"]) == [n for n in shipped if n != "manifest.json"]
    assert sorted(manifest["files"]) == sorted(
        p.name for p in release.iterdir() if p.name != "manifest.json"
    )
    for name, info in manifest["files"].items():
        data = (release / name).read_bytes()
        assert info == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def test_the_span_goes_before_a_lines_tail_whatever_the_line_ends_in() -> None:
    """_with_span skips the regex when the line's last character cannot end a tail: the same
    place as the regex finds, on lines built from every character a tail is made of."""
    import random

    from enrich.annotate import _ENDING_RE, _LINE_TAIL_RE, _ROW_TAIL_RE, _with_span

    def by_regex(line: str, tail_re: re.Pattern[str]) -> str:
        body = _ENDING_RE.sub("", line)
        found = tail_re.search(body)
        assert found is not None
        return body[: found.start()] + "S" + body[found.start() :] + line[len(body) :]

    pieces = ["a", " ", "\t", "<br>", "<br/>", "<BR />", "\\", "|", ">", "\u00a0", "\u3000", "\n"]
    rng = random.Random(14)
    for _ in range(20_000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for tail_re in (_LINE_TAIL_RE, _ROW_TAIL_RE):
            assert _with_span(line, "S", tail_re) == by_regex(line, tail_re), repr(line)
