"""Parse speed of the list parser against the parser it replaced, on two kinds of big lists.

    python -m bench.parse_speed [--sizes 1k,10k,100k] [--repeat 5] [--repeat-large 2]
                                [--no-old] [--out FILE.json]

Lists: ``seed`` is the seed's bullets and table rows repeated (mojibake included, so every line
goes through the repair; it was tests/test_parse.py's 10,000-entry list); ``synth`` is the
benchmark's synthetic list with the seed's mix (bench.synth.make_workload). For each size it
prints the best-of-N CPU seconds of this parser and of the old one-module parser (commit
d36e8a5, read with ``git show`` into a temporary module, so the comparison works on a fresh
clone), their ratio, and how the time grows from one size to the next (10x the entries should
cost about 10x the time). CPU time: other jobs on the machine do not count.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from enrich.parse import parse_list

from bench.synth import SEED, make_workload

ROOT = Path(__file__).resolve().parents[1]
OLD_COMMIT = "d36e8a5"  # the last commit with the one-module parser (src/enrich/parse.py)
YEAR = 2025  # the seed's year, as the tests parse it

Parser = Callable[..., Any]


def seed_list(n: int) -> bytes:
    """n entries: half the seed's bullets, half its table rows, repeated."""
    lines = SEED.read_bytes().split(b"\n")
    bullets = [ln for ln in lines if ln.startswith(b"- (")]
    rows = [ln for ln in lines if ln.startswith(b"| ") and b"](" in ln]
    half = n // 2
    return (
        b"## 1. Papers\n### 1.1 All\n"
        + b"\n".join(bullets[k % len(bullets)] for k in range(half))
        + b"\n\n## 2. Datasets\n| Dataset | Year | Description | Source |\n|---|---|---|---|\n"
        + b"\n".join(rows[k % len(rows)] for k in range(n - half))
        + b"\n"
    )


def synth_list(n: int) -> bytes:
    return make_workload(n).text


LISTS: dict[str, Callable[[int], bytes]] = {"seed": seed_list, "synth": synth_list}


def old_parser() -> Parser | None:
    """The one-module parser of commit d36e8a5, or None when git or the commit is missing."""
    try:
        source = subprocess.run(
            ["git", "show", f"{OLD_COMMIT}:src/enrich/parse.py"],
            cwd=ROOT, capture_output=True, check=True, text=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp(prefix="old-parse-")) / "old_parse.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_parse", path)
    if spec is None or spec.loader is None:
        return None
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules["old_parse"] = module
    spec.loader.exec_module(module)
    parse: Parser = module.parse_list
    return parse


def best_cpu_seconds(parse: Parser, raw: bytes, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        parse("bench", raw, current_year=YEAR)
        best = min(best, time.process_time() - start)
    return best


def _size(spec: str) -> int:
    spec = spec.strip().lower()
    return int(float(spec[:-1]) * 1000) if spec.endswith("k") else int(spec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Parse speed of the list parser against the old one.")
    ap.add_argument("--sizes", default="1k,10k,100k", help="entries per list (default %(default)s)")
    ap.add_argument("--lists", default="seed,synth", help="which lists (default %(default)s)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure, best kept")
    ap.add_argument("--repeat-large", type=int, default=2,
                    help="runs per figure from 50,000 entries on")  # fmt: skip
    ap.add_argument("--no-old", action="store_true", help="time this parser only")
    ap.add_argument("--out", type=Path, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    sizes = [_size(s) for s in args.sizes.split(",") if s.strip()]
    old = None if args.no_old else old_parser()
    if old is None and not args.no_old:
        print(f"(old parser unavailable: no git or no commit {OLD_COMMIT}; new parser only)")
    parsers: dict[str, Parser] = {"new": parse_list, **({"old": old} if old else {})}
    figures: list[dict[str, Any]] = []
    print(f"{'list':<6} {'entries':>8} {'MB':>6} " + " ".join(f"{p + ' s':>8}" for p in parsers)
          + ("  new/old" if old else "") + "  ×size: " + " ".join(parsers))  # fmt: skip
    for name in args.lists.split(","):
        previous: dict[str, float] = {}
        for n in sizes:
            raw = LISTS[name](n)
            repeat = args.repeat if n < 50_000 else args.repeat_large
            times = {p: best_cpu_seconds(f, raw, repeat) for p, f in parsers.items()}
            growth = {p: times[p] / previous[p] for p in parsers if p in previous}
            row = {"list": name, "entries": n, "bytes": len(raw), "repeat": repeat,
                   "cpu_s": times, "growth_from_previous_size": growth}  # fmt: skip
            if old:
                row["new_over_old"] = times["new"] / times["old"]
            figures.append(row)
            print(f"{name:<6} {n:>8,} {len(raw) / 1e6:>6.2f} "
                  + " ".join(f"{times[p]:>8.3f}" for p in parsers)
                  + (f"  {times['new'] / times['old']:>7.2f}" if old else "")
                  + "  " + " ".join(f"{growth[p]:.1f}x" for p in growth))  # fmt: skip
            previous = times
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
