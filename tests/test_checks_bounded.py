"""Link-check details stay bounded however often a list repeats an id (issue 10: one arXiv id
repeated 2,000 times made 1.1 GB of details). Speed is measured in bench/hostile.py, not here."""

from __future__ import annotations

from pathlib import Path

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
