"""Crash-safe JSON-lines ledgers: a torn last record is detected, dropped and cut; a damaged
middle line is skipped; an append never glues onto a torn line."""

from __future__ import annotations

import stat
from pathlib import Path

from enrich.jsonl import append_record, heal, read_records


def test_torn_last_record_is_dropped_and_cut(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    append_record(path, {"n": 1})
    append_record(path, {"n": 2})
    whole = path.read_bytes()
    assert whole == b'{"n": 1}\n{"n": 2}\n'
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_bytes(whole + b'{"n": 3, "tor')  # no newline: a crash mid-write
    assert read_records(path) == [{"n": 1}, {"n": 2}]
    assert path.read_bytes() == whole
    path.write_bytes(whole + b'{"n": 3, "torn\n')  # a newline, but not JSON
    assert heal(path) is True and path.read_bytes() == whole
    assert heal(path) is False


def test_append_heals_first_and_a_damaged_middle_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    path.write_bytes(b'{"n": 1}\nnot json\n{"n": 2}\n{"n": 3')
    append_record(path, {"n": 4})
    assert path.read_bytes() == b'{"n": 1}\nnot json\n{"n": 2}\n{"n": 4}\n'
    assert read_records(path) == [{"n": 1}, {"n": 2}, {"n": 4}]
    assert read_records(tmp_path / "missing.jsonl") == []
