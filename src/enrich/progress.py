"""Live progress of the fetch, per source: ids done of asked, requests, what it is waiting for
(the service's pace, a Retry-After or a backoff), and an ETA.

Where it shows:
- on a terminal (stderr is a TTY): a board of one line per source, redrawn in place twice a
  second (`TerminalBoard`, one per process: the terminal is the process's);
- otherwise: a plain line per source every `PLAIN_EVERY` seconds, to stderr and the run log;
- in the Prefect UI: a progress artifact per source, updated as it goes (enrich.flow gives
  `fetch_source` a reporter that does it).

`ENRICH_PROGRESS=off` turns the terminal board and the plain lines off; `=plain` forces the plain
lines even on a terminal.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from enrich.http import SourceStats

PLAIN_EVERY = 15.0  # seconds between two plain progress lines of a source
REDRAW_EVERY = 0.5


@dataclass
class SourceProgress:
    source: str
    asked: int
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: bool = False
    stats: SourceStats = field(default_factory=SourceStats)

    def eta_seconds(self) -> float | None:
        if self.finished or self.done <= 0 or self.done >= self.asked:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.done * (self.asked - self.done)

    def line(self) -> str:
        stats = self.stats
        requests = f"{stats.requests} request" + ("" if stats.requests == 1 else "s")
        parts = [f"{self.source:<7} {self.done:>5}/{self.asked:<5} ids", requests]
        if stats.retries:
            parts.append(f"{stats.retries} retried")
        if self.finished:
            parts.append("done" if not stats.unreachable else f"stopped: {stats.unreachable}")
        else:
            if stats.waiting:
                parts.append(f"waiting for {stats.waiting}")
            eta = self.eta_seconds()
            if eta is not None:
                parts.append(f"ETA {eta:.0f} s")
        return ", ".join(parts)


Reporter = Callable[[SourceProgress], None]


class TerminalBoard:
    """One line per source on a terminal, redrawn in place by a background thread."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.rows: dict[str, SourceProgress] = {}
        self.drawn = 0
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def report(self, progress: SourceProgress) -> None:
        with self._lock:
            self.rows[progress.source] = progress
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True, name="progress")
                self._thread.start()
        if progress.finished:
            self.draw()

    def _run(self) -> None:
        while True:
            self.draw()
            with self._lock:
                if all(row.finished for row in self.rows.values()):
                    self.rows.clear()
                    self.drawn = 0  # the next fetch starts a new board below this one
                    return
            time.sleep(REDRAW_EVERY)

    def draw(self) -> None:
        with self._lock:
            lines = [row.line() for row in self.rows.values()]
            up = f"\x1b[{self.drawn}F" if self.drawn else ""
            self.out.write(up + "".join(f"\x1b[2K{line}\n" for line in lines))
            self.out.flush()
            self.drawn = len(lines)


class PlainLines:
    """A plain line per source now and then, for logs and pipes."""

    def __init__(self, out: TextIO, every: float = PLAIN_EVERY) -> None:
        self.out = out
        self.every = every
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def report(self, progress: SourceProgress) -> None:
        now = time.monotonic()
        with self._lock:
            last = self._last.setdefault(progress.source, progress.started)
            if progress.finished or now - last < self.every:
                return
            self._last[progress.source] = now
        from enrich.runlog import narrate

        line = f"enrich: progress: {progress.line()}"
        self.out.write(line + "\n")
        self.out.flush()
        narrate("%s", line)


_BOARD: TerminalBoard | None = None
_BOARD_LOCK = threading.Lock()


def console_reporter(out: TextIO | None = None) -> Reporter | None:
    """The reporter for this process's stderr: a board on a terminal, plain lines otherwise."""
    global _BOARD
    mode = os.environ.get("ENRICH_PROGRESS", "auto")
    if mode == "off":
        return None
    stream = out or sys.stderr
    if mode != "plain" and stream.isatty():
        with _BOARD_LOCK:
            if _BOARD is None or _BOARD.out is not stream:
                _BOARD = TerminalBoard(stream)
            return _BOARD.report
    return PlainLines(stream).report


def combine(*reporters: Reporter | None) -> Reporter | None:
    chosen = [r for r in reporters if r is not None]
    if not chosen:
        return None

    def report(progress: SourceProgress) -> None:
        for reporter in chosen:
            reporter(progress)

    return report
