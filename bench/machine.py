"""How fast this machine runs Python today, so that timings taken on different days compare.

The machine the benchmarks run on is a shared 2-core box whose speed varies by a factor of three
to four between days (2026-11-30: the probe below in 0.45 s; 2026-12-02: 1.25-1.7 s), far more
than most of the changes measured. The time targets were set on 2026-11-30; a run reports its
probe beside its figures and what they come to at that day's speed. The targets themselves are
judged on the measured figures only: the scaled one is context, not a result.
"""

from __future__ import annotations

import time

REFERENCE_PROBE_S = 0.45
"""The probe's time on 2026-11-30, the day the time targets were set on this machine."""



# The loop as the reference figure was taken: at a module's top level (`python -c`), where
# every name is a dictionary lookup -- the same loop inside a function runs about twice as fast.
_PROBE = compile("total = 0\nfor i in range(additions):\n    total += i\n", "<probe>", "exec")


def probe_s(repeats: int = 3, additions: int = 10**7) -> float:
    """Seconds for 10⁷ additions in a pure-Python loop at top level, the best of `repeats` (the
    best, as the slower ones measure whatever else the machine did meanwhile)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        exec(_PROBE, {"additions": additions})  # a fresh namespace: top-level names, as there
        best = min(best, time.perf_counter() - started)
    return best


def slowdown(probe: float) -> float:
    """How many times slower than on the reference day this machine ran the probe."""
    return probe / REFERENCE_PROBE_S


def at_reference_speed(seconds: float, probe: float) -> float:
    """A time measured beside `probe`, as it would be at the reference day's speed (a CPU-bound
    estimate: waits on the network or the disk do not scale so)."""
    return seconds / slowdown(probe)
