"""Smoke test of the benchmarks (bench/): the synthetic lists have the seed's mix, and the harness
runs end to end on a tiny workload and writes every figure. No pacing, no latency, no timing
assertions: the figures themselves come from `python -m bench.run` (see bench/README.md)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import run, synth  # noqa: E402  (the project root is put on sys.path just above)


def test_synthetic_list_has_the_seed_mix() -> None:
    seed = synth.measure(synth.SEED.read_bytes(), "seed")
    workload = synth.workload("1000")
    mix = synth.measure(workload.text, "synthetic")
    assert mix.entries == 1000
    for share, (want, got) in synth.compare(seed, mix).items():
        tolerance = 0.08 if share.startswith("duplicate_links.") else 0.03
        assert abs(want - got) <= tolerance, (share, want, got)
    # Every kind of the seed is there, duplicates and broken lines included.
    assert set(mix.links) == set(seed.links)
    assert mix.problems > 0
    assert all(mix.unique[k] < mix.links[k] for k in ("arxiv", "acl", "github"))
    # ACL ids spread over a realistic number of volumes; arXiv ids are new-style and valid.
    assert 40 <= mix.acl_volumes <= 140
    assert mix.wanted["arxiv"] == mix.unique["arxiv"]

    # The changed list: 5% more entries, the old ones untouched.
    changed = synth.measure(workload.changed, "synthetic")
    assert changed.entries == 1000 + math.ceil(1000 * synth.CHANGE_SHARE)
    old_lines = set(workload.text.decode().splitlines())
    assert old_lines <= set(workload.changed.decode().splitlines())

    # Deterministic: the same seed gives the same list.
    assert synth.workload("1000").text == workload.text


def test_seed_workload_adds_five_percent_without_breaking_lines() -> None:
    wl = synth.seed_workload()
    before, after = synth.measure(wl.text, "seed"), synth.measure(wl.changed, "seed")
    assert after.entries == before.entries + math.ceil(before.entries * synth.CHANGE_SHARE)
    assert after.problems == before.problems


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_harness_runs_and_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    code = run.main(
        [
            "--workloads",
            "60",
            "--pace-scale",
            "0",
            "--latency",
            "0",
            "--naive-sample",
            "3",
            "--no-volume-fill",
            "--probes",
            "1",
            "--out",
            str(out),
            "--workdir",
            str(tmp_path / "work"),
        ]
    )
    results = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0, results
    wl = results["workloads"]["60"]
    phases = wl["phases"]
    assert set(phases) == {"cold", "warm", "change", "rebuild"}
    for name, phase in phases.items():
        assert "failed" not in phase, (name, phase)
        for key in (
            "wall_s",
            "cpu_s",
            "release_s",
            "stages",
            "rows",
            "requests",
            "summary",
            "pacing_violations",
        ):
            assert key in phase, (name, key)
        assert phase["process"]["peak_rss_mb"] > 0
        assert phase["cpu_s"] >= 0 and phase["wall_s"] > 0
        assert phase["release_s"] is not None or phase.get("release_error")
        assert phase["rows"]["warehouse_total"] > 0
        assert phase["summary"]["exit_code"] == 0, (name, phase["summary"])
        assert phase["pacing_violations"] == {}
    for name in ("cold", "warm", "change"):
        assert "load" in phases[name]["stages"] and "fetch" in phases[name]["stages"]
        for source in ("arxiv", "s2", "github", "acl"):
            assert "bytes_received" in phases[name]["summary"]["sources"][source]
    assert "load.raw" in phases["rebuild"]["stages"]

    # Batching: ≤1 arXiv request per 100 ids, 1 S2 request per 500, 1 GraphQL query per 100
    # repositories (no REST with a token), at most one ACL request per volume.
    wanted = wl["mix"]["wanted"]
    cold = phases["cold"]["requests"]
    assert 0 < cold["arxiv"] <= math.ceil(wanted["arxiv"] / 100)
    assert 0 < cold["s2"] <= math.ceil(wanted["s2"] / 500)
    assert 0 < cold["graphql"] <= math.ceil(wanted["github"] / 100)
    assert cold["github"] == 0
    assert cold["acl"] <= wl["mix"]["acl_volumes"]
    assert cold["files"] == 1  # the list itself
    # A warm night: the list's conditional GET, one S2 batch, one GraphQL query.
    warm = phases["warm"]["requests"]
    assert warm["total"] <= 3 and warm["arxiv"] == 0 and warm["acl"] == 0

    # Ours against the naive baseline: fewer requests, cold and warm.
    naive = wl["naive"]
    assert cold["total"] < naive["requests_total"]["cold"]
    assert warm["total"] < naive["requests_total"]["warm"]
    assert naive["requests"]["cold"]["arxiv"] == wanted["arxiv"]
    assert {"serial_s", "parallel_s", "per_source_s"} <= set(naive["time"]["cold"])
    assert wl["floor"]["requests"]["arxiv"] == math.ceil(wanted["arxiv"] / 100)
    sample = results["naive_sample"]
    for source in ("arxiv", "s2", "github", "acl"):
        assert sample[source]["ok"] == 3 and not sample[source]["errors"], sample[source]
    assert sample["requests"]["arxiv"] == 3 and sample["requests"]["s2"] == 3

    # Every target is evaluated and printed.
    assert any(t["target"].startswith("60 cold: arXiv") for t in results["targets"])
    assert results["meta"]["computed"] and results["meta"]["measured"]

    # The machine's speed is probed before and after the runs, and a time target says what its
    # figure comes to at the targets' day's speed (context: judged on the measured time).
    probes = results["meta"]["probe_s"]
    assert probes["before"] > 0 and probes["after"] > 0
    results["meta"]["probe_s"] = {"before": 0.9, "after": 1.2}  # twice the reference's 0.45 s
    (from_raw,) = (
        t for t in run.targets(results, real_pace=False) if t["target"].endswith("from raw")
    )
    total = phases["rebuild"]["wall_s"] + phases["rebuild"]["release_s"]
    assert f"≈ {total / 2:.1f} s at the targets' day's machine speed" in from_raw["note"]
    assert "2.0× slower" in from_raw["note"]


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_hostile_harness_runs_and_bounds_details(tmp_path: Path) -> None:
    from bench import hostile

    out = tmp_path / "hostile.json"
    assert hostile.main(["--repeats", "60", "--big-mb", "0.06", "--out", str(out)]) == 0
    cases = json.loads(out.read_text(encoding="utf-8"))["cases"]
    assert set(cases) == {"repeat-60", "list-0.06mb"}
    repeat = cases["repeat-60"]
    assert repeat["entries"] == 60 and repeat["link_problems"] == 60
    assert repeat["longest_detail"] < 200
    assert cases["list-0.06mb"]["entries"] == 186  # the seed, once
    for case in cases.values():
        assert case["peak_rss_mb"] > 0 and case["after"]["entries"] == 186
