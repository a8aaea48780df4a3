"""Cost on hostile lists: one id repeated thousands of times, and a 50 MB list.

    python -m bench.hostile [--repeats 1000,2000,4000,10000] [--big-mb 5,20,50] [--out FILE]

Issue 10 measured, before the fix: one arXiv id repeated 1,000 / 2,000 / 4,000 times took
0.5 / 1.1 / 3.75 GB (each duplicate_id detail named every other title), a 50 MB list 21.7 GiB and
274 s, and every later refresh in that data directory stayed slow and big. Each case here runs
offline (no network, no Prefect: `run_refresh` then `write_release`) in a child process of its
own, and then an ordinary refresh of the seed list in the same data directory. Figures: wall
time, peak RSS (the child's VmHWM, see bench/run.py), warehouse size, the longest link-problem
detail. The claim checked is linear cost: time and memory per entry stay flat as the input grows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import synth

ROOT = synth.ROOT
RESULTS = ROOT / "bench" / "results"
SEED = synth.SEED


def repeated_id_list(n: int) -> bytes:
    """n entries with different titles, all linking one arXiv id."""
    lines = ["# Awesome repeats", "", "## Papers", ""]
    lines += [
        f"- **Study number {i:06d} of one paper** [[paper]](https://arxiv.org/abs/2401.00001)"
        for i in range(n)
    ]
    return ("\n".join(lines) + "\n").encode()


def big_list(megabytes: float) -> bytes:
    """The seed list repeated until it weighs `megabytes` MB: every id and title repeated."""
    seed = SEED.read_bytes()
    copies = max(1, round(megabytes * 1_000_000 / len(seed)))
    return seed * copies


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(spec: dict[str, Any]) -> dict[str, Any]:
    from enrich.config import load_settings
    from enrich.pipeline import RefreshOptions, run_refresh
    from enrich.release import write_release
    from enrich.warehouse import open_reader

    root = Path(spec["root"])
    config = root / "enrich.yaml"
    config.write_text(
        f"lists:\n  - name: hostile\n    snapshot: {spec['list']}\n", encoding="utf-8"
    )
    settings = load_settings(config, env={"ENRICH_DATA_DIR": str(root / "data")})
    start = time.perf_counter()
    options = RefreshOptions(offline=True, release=False, accept_shrink=spec["accept_shrink"])
    summary = run_refresh(settings, options)
    refresh_s = time.perf_counter() - start
    start = time.perf_counter()
    write_release(settings, summary=summary)
    release_s = time.perf_counter() - start
    with open_reader(settings) as con:
        row = con.execute(
            "SELECT count(*), coalesce(max(length(detail)), 0), coalesce(sum(length(detail)), 0) "
            "FROM link_problems"
        ).fetchone()
    assert row is not None
    return {
        "entries": summary.lists[0].entries,
        "refresh_s": round(refresh_s, 2),
        "release_s": round(release_s, 2),
        "peak_rss_mb": round(_rss_mb(), 1),
        "warehouse_mb": round(settings.warehouse_path.stat().st_size / 1e6, 1),
        "link_problems": int(row[0]),
        "longest_detail": int(row[1]),
        "details_mb": round(int(row[2]) / 1e6, 2),
    }


def run_child(root: Path, list_path: Path, *, accept_shrink: bool = False) -> dict[str, Any]:
    spec = json.dumps({"root": str(root), "list": str(list_path), "accept_shrink": accept_shrink})
    proc = subprocess.run(
        [sys.executable, "-m", "bench.hostile", "--child", spec],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return {"failed": proc.returncode, "stderr": proc.stderr[-2000:]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def run_case(name: str, data: bytes, workdir: Path) -> dict[str, Any]:
    root = workdir / name
    root.mkdir(parents=True)
    hostile = root / "hostile.md"
    hostile.write_bytes(data)
    result = run_child(root, hostile)
    result["list_mb"] = round(len(data) / 1e6, 2)
    # The next ordinary night in the same data directory: the seed list under the same name
    # (accepted as a purge: without --accept-shrink the guard would quarantine it, rightly).
    result["after"] = run_child(root, SEED, accept_shrink=True)
    print(json.dumps({name: result}), flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__)
    parser.add_argument("--repeats", default="1000,2000,4000,10000")
    parser.add_argument("--big-mb", default="5,20,50", help="sizes of the big lists, in MB")
    parser.add_argument("--out", default=None)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0
    results: dict[str, Any] = {
        "meta": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "cpus": os.cpu_count(),
            "commit": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
            ).stdout.strip(),
        },
        "cases": {},
    }
    with tempfile.TemporaryDirectory(prefix="enrich-hostile-") as tmp:
        workdir = Path(tmp)
        for n in (int(x) for x in args.repeats.split(",") if x):
            results["cases"][f"repeat-{n}"] = run_case(f"repeat-{n}", repeated_id_list(n), workdir)
        for size in (float(x) for x in args.big_mb.split(",") if x):
            name = f"list-{size:g}mb"
            results["cases"][name] = run_case(name, big_list(size), workdir)
    out = Path(args.out) if args.out else RESULTS / f"hostile-{results['meta']['date'][:10]}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
