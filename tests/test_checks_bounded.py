"""Link-check details stay bounded however often a list repeats an id (issue 10: one arXiv id
repeated 2,000 times made 1.1 GB of details). Speed is measured in bench/hostile.py, not here."""

from __future__ import annotations

from pathlib import Path

from enrich.parse import parse_list
from enrich.pipeline import RefreshOptions, run_refresh
from enrich.warehouse import open_reader

from support import make_settings

REPEATS = 300


def repeated_id_list(n: int) -> bytes:
    lines = ["# Awesome repeats", "", "## Papers", ""]
    lines += [
        f"- **Study number {i:05d}** [[paper]](https://arxiv.org/abs/2401.00001)" for i in range(n)
    ]
    return ("\n".join(lines) + "\n").encode()


def test_duplicate_id_detail_names_three_others_and_counts_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "repeats.md"
    source.write_bytes(repeated_id_list(REPEATS))
    settings = make_settings(tmp_path / "run", list_file=source)
    run_refresh(settings, RefreshOptions(offline=True, release=False))
    with open_reader(settings) as con:
        rows = con.execute(
            "SELECT e.listed_title, p.detail FROM link_problems p JOIN entries e USING (entry_id) "
            "WHERE p.problem = 'duplicate_id' ORDER BY e.listed_title"
        ).fetchall()
    assert len(rows) == REPEATS
    assert rows[0] == (
        "Study number 00000",
        "arxiv:2401.00001 is also linked from: Study number 00001 | Study number 00002 | "
        "Study number 00003 | … and 296 more",
    )
    assert rows[2][1] == (
        "arxiv:2401.00001 is also linked from: Study number 00000 | Study number 00001 | "
        "Study number 00003 | … and 296 more"
    )
    assert max(len(detail) for _, detail in rows) < 200


def test_shared_repository_and_listed_twice_details_are_bounded(tmp_path: Path) -> None:
    lines = ["# Awesome repeats", ""]
    for i in range(REPEATS):
        lines += [f"## Section {i:04d}", ""]
        lines.append(
            f"- **Study number {i:05d}** [[paper]](https://arxiv.org/abs/2401.{i:05d}) "
            "[[code]](https://github.com/one/repo)"
        )
        lines.append("- **The same title** [[paper]](https://arxiv.org/abs/2402.00001)")
        lines.append("")
    source = tmp_path / "repeats.md"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = make_settings(tmp_path / "run", list_file=source)
    run_refresh(settings, RefreshOptions(offline=True, release=False))
    with open_reader(settings) as con:
        rows = dict(
            con.execute(
                "SELECT problem, max(length(detail)) FROM link_problems GROUP BY problem"
            ).fetchall()
        )
        first = con.execute(
            "SELECT p.detail FROM link_problems p JOIN entries e USING (entry_id) "
            "WHERE p.problem = 'listed_twice' ORDER BY e.position LIMIT 1"
        ).fetchone()
    assert set(rows) == {"shared_repository", "listed_twice"}
    assert max(rows.values()) < 200
    assert first == ("also listed in: Section 0001 | Section 0002 | Section 0003 | … and 296 more",)


def test_a_reference_of_thousands_of_names_under_its_entry_is_read_in_linear_time() -> None:
    # The entry's own reference ("Ann Lee, …, Title, CVPR, 2015.") is found by walking the
    # line's commas from its end (enrich.parse.fields._own_reference): only when the line ends
    # with the title and only while the text after them can still be it, so a line of 4,000
    # commas and another title costs one pass, not one per comma (counted scans, not timed).
    from enrich.parse import fields

    calls = 0
    real = fields.compact

    def counting(text: str) -> str:
        nonlocal calls
        calls += 1
        return real(text)

    names = ", ".join(["a widget"] * 4_000)  # (no names: the whole line is read as a title)
    text = (
        "## A\n\n* Widget Title [[Paper]](https://arxiv.org/abs/2101.00001)\n"
        f"  * {names}, Another Widget Paper, CVPR, 2015.\n"
    )
    fields.compact = counting
    try:
        parse_list("hostile", text.encode(), current_year=2026)
    finally:
        fields.compact = real
    assert calls < 100
