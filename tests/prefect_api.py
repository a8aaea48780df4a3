"""One temporary Prefect API for the whole test run, shared by every xdist worker.

It is what `prefect_test_harness` starts in each process that uses it (Prefect's API as its
ephemeral server runs it: uvicorn, a SQLite database of its own, the ephemeral services, no UI),
but once per run rather than once per worker: a start migrates a new database, 7-10 s of CPU and
up to half a minute on a busy two-core machine. The first test process that needs it starts it,
under a file lock; the others read its address. The process that owns the run (the xdist
controller, or pytest itself in a serial run) stops it at the end; a watchdog stops it if that
process dies without doing so.

Tests that share it only ever look up their own flow runs (by id), so sharing changes nothing
they read."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

RUN_DIR = "ENRICH_TESTS_RUN_DIR"
OWNER = "ENRICH_TESTS_RUN_OWNER"
"""Set by the process that owns the run, before the xdist workers start (they inherit them)."""

START_TIMEOUT = 120.0


@dataclass(frozen=True)
class PrefectApi:
    url: str
    place: Path
    """Its directory: the database (with its write-ahead log), its PREFECT_HOME, its log."""

    @property
    def database(self) -> Path:
        return self.place / "prefect.db"

    @property
    def database_url(self) -> str:
        return f"sqlite+aiosqlite:///{self.database}"

    def env(self) -> dict[str, str]:
        """What a subprocess needs to run its flows here (and start no server of its own)."""
        return {"PREFECT_API_URL": self.url}


def own_the_run(run_dir: Path) -> None:
    """Called once by the process that owns the run (before any worker starts)."""
    os.environ[RUN_DIR] = str(run_dir)
    os.environ[OWNER] = str(os.getpid())


def shared_api() -> PrefectApi:
    """The run's Prefect API, started now if no test process has started it yet."""
    run_dir = Path(os.environ[RUN_DIR])
    place = run_dir / "prefect-api"
    with FileLock(str(run_dir / "prefect-api.lock")):
        address = place / "url"
        if place.exists() and not address.exists():
            raise RuntimeError(f"the tests' Prefect API failed to start: see {place}/server.log")
        if not address.exists():
            _start(place, owner=int(os.environ[OWNER]))
        return PrefectApi(address.read_text(encoding="utf-8"), place)


def stop_shared_api(run_dir: Path) -> None:
    """Stop the run's Prefect API if a test started it (by the owner of the run, at its end)."""
    pid_file = run_dir / "prefect-api" / "watchdog.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text(encoding="utf-8"))
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 15
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)


def _start(place: Path, owner: int) -> None:
    place.mkdir()
    (place / "home").mkdir()
    database = f"sqlite+aiosqlite:///{place / 'prefect.db'}"
    env = {
        **os.environ,
        "PREFECT_HOME": str(place / "home"),
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": database,
        "PREFECT_SERVER_UI_ENABLED": "false",
        # How Prefect's own SubprocessASGIServer (the ephemeral server, and the test harness's)
        # runs its API: the ephemeral set of services, and the app built once.
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
    }
    env.pop("PREFECT_API_URL", None)
    pid_file = place / "watchdog.pid"
    with socket.socket() as sock, (place / "server.log").open("wb") as log:
        # The server gets the listening socket itself: no port to find free and lose in a race.
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        port = sock.getsockname()[1]
        subprocess.run(
            [sys.executable, __file__, str(owner), str(pid_file), str(sock.fileno())],
            env=env,
            pass_fds=[sock.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2):
                break
        except OSError:
            dead = pid_file.exists() and not _alive(int(pid_file.read_text(encoding="utf-8")))
            if dead or time.monotonic() > deadline:
                tail = (place / "server.log").read_text(encoding="utf-8", errors="replace")
                raise RuntimeError(
                    "the tests' Prefect API did not start: " + tail[-2000:]
                ) from None
            time.sleep(0.1)
    (place / "url").write_text(url, encoding="utf-8")


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped by its parent, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return True  # no /proc: alive, as far as we can tell
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _watchdog(owner: int, pid_file: Path, fd: int) -> None:
    """`python prefect_api.py OWNER_PID PID_FILE FD`: forks away from the test process that
    started it (which waits only for the fork's parent) and runs the API on the listening socket
    FD until SIGTERM, or until the owner of the run is gone."""
    if os.fork():
        os._exit(0)
    os.setsid()  # out of the test process's group: a Ctrl-C reaches the owner, which stops it

    def stop(*_: object) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    app = "prefect.server.api.server:create_app"
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", app, "--fd", str(fd), "--log-level",
         "error", "--lifespan", "on"],
        pass_fds=[fd],
    )
    pid_file.with_suffix(".new").write_text(str(os.getpid()), encoding="utf-8")
    pid_file.with_suffix(".new").replace(pid_file)
    try:
        while server.poll() is None and _alive(owner):
            time.sleep(1)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one: still stop the server
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    _watchdog(int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
