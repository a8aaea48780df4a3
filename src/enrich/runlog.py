"""A log file per run, under the data directory, rotated.

`data/logs/refresh-<run id>.log` gets the run's own narrative (logger `enrich.run`, INFO and up:
options, plans, the summary) and every warning or error of the `enrich` loggers while the run
lasts. The newest `keep` files are kept; older ones are removed when a run starts. Prefect keeps
its own copy of the flow's logs in its database; this one stays with the data, and works the
same without Prefect.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from enrich.config import Settings

RUN_LOGGER = "enrich.run"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DEFAULT_KEEP = 30


def logs_dir(settings: Settings) -> Path:
    return settings.data_dir / "logs"


@contextmanager
def run_log(settings: Settings, run_id: str, keep: int = DEFAULT_KEEP) -> Iterator[Path]:
    """Write this run's log file while the block runs; yields its path."""
    directory = logs_dir(settings)
    directory.mkdir(parents=True, exist_ok=True)
    rotate(directory, keep - 1)
    path = directory / f"refresh-{run_id}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    narrative = logging.getLogger(RUN_LOGGER)
    narrative.setLevel(logging.INFO)
    narrative.propagate = False  # the narrative goes to the file, not to the terminal
    package = logging.getLogger("enrich")
    narrative.addHandler(handler)
    package.addHandler(handler)
    try:
        yield path
    except BaseException as exc:
        narrative.error("run %s failed: %s: %s", run_id, type(exc).__name__, exc)
        raise
    finally:
        narrative.removeHandler(handler)
        package.removeHandler(handler)
        handler.close()


def rotate(directory: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` run logs (names sort by the run's start time)."""
    logs = sorted(directory.glob("refresh-*.log"))
    old = logs[: max(len(logs) - max(keep, 0), 0)]
    for path in old:
        with suppress(FileNotFoundError):
            path.unlink()
    return old


def narrate(message: str, *args: object) -> None:
    logging.getLogger(RUN_LOGGER).info(message, *args)
