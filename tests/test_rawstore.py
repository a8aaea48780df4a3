"""enrich.rawstore: one envelope per answer, read back as it was saved; secrets and credential
headers left out; private files; names that sort by time and never collide."""

from __future__ import annotations

import os
import stat
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from enrich.rawstore import (
    PRIVATE_DIR_MODE,
    PRIVATE_FILE_MODE,
    iter_paths,
    private_dir,
    read_response,
    save_response,
    useful_headers,
    write_private,
)

WHEN = datetime(2026, 11, 20, 3, 4, 5, 678901, tzinfo=UTC)
KEY = "s2-" + "RAWSTOREKEY" + "1" * 20


def save(raw: Path, **fields: object) -> Path:
    defaults: dict[str, object] = {
        "source": "s2", "kind": "batch", "method": "POST",
        "url": "https://api.example.org/graph/v1/paper/batch?fields=title", "status": 200,
        "headers": {}, "body": b"[]", "fetched_at": WHEN,
    }
    return save_response(raw, **(defaults | fields))  # type: ignore[arg-type]


def test_an_answer_reads_back_as_it_was_saved(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    path = save(
        raw,
        headers={"Content-Type": "application/json", "ETag": 'W/"1"', "X-Api-Key": KEY,
                 "Authorization": "Bearer x", "Set-Cookie": "a=b", "X-RateLimit-Remaining": "7"},
        body='[{"title": "Café"}]'.encode(),
        request_body={"ids": ["ARXIV:2401.00001"]},
        meta={"ids": ["ARXIV:2401.00001"]},
        secrets=(KEY,),
    )
    assert path.parent == raw / "s2" / "2026-11-20"
    assert path.name.startswith("030405678901-") and path.name.endswith("-batch.json")
    got = read_response(path)
    assert (got.source, got.kind, got.method, got.status) == ("s2", "batch", "POST", 200)
    assert got.fetched_at == WHEN
    assert got.body == '[{"title": "Café"}]'.encode() and got.text() == '[{"title": "Café"}]'
    assert got.request_body == {"ids": ["ARXIV:2401.00001"]}
    assert got.meta == {"ids": ["ARXIV:2401.00001"]}
    # What explains caching and pacing is kept; credentials and cookies are not.
    assert got.headers == {"content-type": "application/json", "etag": 'W/"1"',
                           "x-ratelimit-remaining": "7"}
    assert KEY not in path.read_text(encoding="utf-8")


def test_a_binary_answer_is_kept_byte_for_byte(tmp_path: Path) -> None:
    body = bytes(range(256))
    got = read_response(save(tmp_path / "raw", body=body))
    assert got.body == body


def test_useful_headers_ignore_case_and_keep_their_order() -> None:
    assert list(useful_headers({"ETAG": "e", "Content-Type": "t", "Server": "s"})) == [
        "content-type", "etag"
    ]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_raw_answers_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    path = save(tmp_path / "data" / "raw")
    assert stat.S_IMODE(path.stat().st_mode) == PRIVATE_FILE_MODE
    for directory in (path.parent, path.parent.parent, tmp_path / "data" / "raw"):
        assert stat.S_IMODE(directory.stat().st_mode) == PRIVATE_DIR_MODE, directory
    # The data directory above the raw store keeps the umask's mode.
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) != PRIVATE_DIR_MODE
    assert private_dir(path.parent) == path.parent  # an existing directory is left as it is


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "answer.json"
    write_private(target, b"old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_private(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["answer.json"]


def test_paths_come_oldest_first_across_days(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    later = save(raw, fetched_at=WHEN + timedelta(days=1))
    first = save(raw, fetched_at=WHEN - timedelta(hours=1))
    second = save(raw, fetched_at=WHEN)
    save(raw, source="github", kind="graphql", fetched_at=WHEN)
    assert list(iter_paths(raw, "s2")) == [first, second, later]
    assert list(iter_paths(raw, "acl")) == []


def test_answers_saved_at_once_by_threads_never_share_a_name(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    paths: list[Path] = []

    def worker() -> None:
        for _ in range(25):
            paths.append(save(raw))  # the same timestamp every time

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(paths)) == 100
    assert len(list(iter_paths(raw, "s2"))) == 100
