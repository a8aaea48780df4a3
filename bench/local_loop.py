"""The local loop: what a person waits for when they run `enrich refresh` on their machine.

    python -m bench.local_loop [--runs 3] [--no-server] [--out FILE]

In a fresh project directory (the bundled enrich.yaml and its list snapshot) with its own
PREFECT_HOME, every run a process of its own, as a person runs it:

1. a first `enrich refresh --offline` (creates Prefect's database and the warehouse);
2. `--runs` later ones under Prefect's ephemeral API, each traced (see `traced_main`): when the
   lock is taken, Prefect and `enrich.flow` imported, Prefect's server module imported in this
   process, the ephemeral server started (a subprocess: Python, its imports, DB migrations check,
   block registration, services) and healthy, the first and last step of the refresh, the flow's
   end, and the process's exit;
3. the same refresh without Prefect (`ENRICH_ORCHESTRATOR=none`): Prefect's part is the
   difference of the two walls;
4. a second refresh while another holds the lock: how long until it says so, and whether it
   imported Prefect;
5. unless `--no-server`: a `prefect server start` on a free port of 127.0.0.1, and the traced
   refresh with PREFECT_API_URL naming it (no ephemeral start-up);
6. the anatomy of the ephemeral server's start, in a process of its own: importing the server,
   the database migrations check, and the app's start (migrations, block registration,
   services).

Figures are medians over the runs. The machine's load moves them (2 shared cores here): compare
phases within one run of this script, not across machines.
"""

from __future__ import annotations

import argparse
import builtins
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
TRACE_ENV = "ENRICH_BENCH_TRACE"  # where a traced child writes its marks

# The phases of a traced refresh, back to back: (label, from mark, to mark). "set-up from" is
# when the server answered, or (no ephemeral server) when enrich.flow was imported. A phase
# whose marks are missing is left out.
PHASES = (
    ("start Python, import the CLI, load settings, take the lock", "spawned", "lock taken"),
    ("import Prefect and enrich.flow", "lock taken", "enrich.flow imported"),
    ("import Prefect's server module here, pick a port", "enrich.flow imported", "server start"),
    ("ephemeral server: start until healthy (subprocess)", "server start", "server healthy"),
    ("flow run set-up, until the first step", "set-up from", "steps start"),
    ("the refresh steps (as Prefect tasks)", "steps start", "steps end"),
    ("flow wrap-up: artifacts, final state", "steps end", "main returned"),
    ("exit: stop the server, drain logs, leave", "main returned", "exited"),
)


def traced_main() -> None:
    """`enrich` with timestamps (wall clock, so the parent can add its own): run in a child
    process as `python -c "from bench.local_loop import traced_main; traced_main()" ARGS`."""
    marks: dict[str, float] = {}
    modules: list[str] = []

    def mark(name: str) -> None:
        marks.setdefault(name, time.time())

    def write() -> None:  # registered first, so it runs after Prefect's own exit handlers
        mark("atexit done")
        heavy = ("prefect", "prefect.server.api.server", "duckdb", "markdown_it", "pandas")
        modules.extend(m for m in heavy if m in sys.modules)
        Path(os.environ[TRACE_ENV]).write_text(json.dumps({"marks": marks, "modules": modules}))

    import atexit

    atexit.register(write)
    mark("python up")
    _trace_server_import(mark)

    from enrich import cli
    from enrich import lock as refresh

    lock = refresh.refresh_lock

    @contextmanager
    def traced_lock(settings: Any) -> Iterator[None]:
        with lock(settings):
            mark("lock taken")
            yield

    refresh.refresh_lock = traced_lock
    run_flow = cli.run_refresh_flow

    def traced_run_flow(*args: Any, **kwargs: Any) -> Any:
        for key, value in cli.PREFECT_DEFAULTS.items():  # as the CLI does, before Prefect
            os.environ.setdefault(key, value)
        from enrich import flow, pipeline  # noqa: F401 (imports Prefect: that is the phase)

        mark("enrich.flow imported")
        steps = pipeline.run_refresh

        def traced_steps(*args: Any, **kwargs: Any) -> Any:
            mark("steps start")
            try:
                return steps(*args, **kwargs)
            finally:
                mark("steps end")

        pipeline.run_refresh = traced_steps
        return run_flow(*args, **kwargs)

    cli.run_refresh_flow = traced_run_flow
    code = cli.main(sys.argv[1:])
    mark("main returned")
    sys.exit(code)


def _trace_server_import(mark: Callable[[str], None]) -> None:
    """Mark when Prefect imports its server module here, and when its ephemeral server starts
    and answers (Prefect imports the module with `from … import`, which goes through here)."""
    name = "prefect.server.api.server"
    original = builtins.__import__
    done: set[str] = set()

    def importing(module: str, *args: Any, **kwargs: Any) -> Any:
        first = module == name and name not in sys.modules
        if first:
            mark("server module import")
        result = original(module, *args, **kwargs)
        if first and name in sys.modules and "patched" not in done:
            done.add("patched")
            server = sys.modules[name].SubprocessASGIServer
            start = server.start

            def timed_start(self: Any, *a: Any, **k: Any) -> Any:
                if self.running:
                    return start(self, *a, **k)
                mark("server start")
                try:
                    return start(self, *a, **k)
                finally:
                    mark("server healthy")

            server.start = timed_start
        return result

    builtins.__import__ = importing  # type: ignore[assignment]


# -- the parent ------------------------------------------------------------------------------


def make_project(base: Path) -> Path:
    """The bundled config and list snapshot, in a directory of their own."""
    project = base / "project"
    snapshots = ROOT / "data" / "raw" / "lists" / "snapshots"
    shutil.copytree(snapshots, project / "data" / "raw" / "lists" / "snapshots")
    shutil.copy(ROOT / "enrich.yaml", project / "enrich.yaml")
    return project


def base_env(base: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ENRICH_"))}
    env.update(
        PREFECT_HOME=str(base / "prefect-home"),
        DO_NOT_TRACK="1",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PYTHONPATH=str(ROOT),  # for `bench.local_loop` in the traced child
    )
    return env


def run_enrich(
    project: Path, env: dict[str, str], *args: str, traced: bool = False
) -> dict[str, Any]:
    """One `enrich` process; its wall time, exit code, and the trace's marks when traced."""
    trace = project / "trace.json"
    trace.unlink(missing_ok=True)
    command = [str(BIN / "enrich"), *args]
    if traced:
        code = "from bench.local_loop import traced_main; traced_main()"
        command = [sys.executable, "-c", code, *args]
        env = {**env, TRACE_ENV: str(trace)}
    spawned = time.time()
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    exited = time.time()
    result: dict[str, Any] = {
        "wall": exited - spawned,
        "code": done.returncode,
        "stderr": done.stderr.strip()[-2000:],
    }
    if traced and trace.exists():
        found = json.loads(trace.read_text())
        marks = {"spawned": spawned, **found["marks"], "exited": exited}
        set_up_from = marks.get("server healthy", marks.get("enrich.flow imported"))
        if set_up_from is not None:
            marks["set-up from"] = set_up_from
        result["phases"] = {
            label: marks[end] - marks[begin]
            for label, begin, end in PHASES
            if begin in marks and end in marks
        }
        result["modules"] = found["modules"]
    return result


def refused(project: Path, env: dict[str, str]) -> dict[str, Any]:
    """A refresh while another holds the refresh lock."""
    from filelock import FileLock

    from enrich.lock import REFRESH_LOCK_NAME

    lock = project / "data" / "warehouse" / REFRESH_LOCK_NAME
    lock.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(lock)):
        return run_enrich(project, env, "refresh", "--offline", traced=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def prefect_server(base: Path, env: dict[str, str]) -> Iterator[str]:
    """`prefect server start` on a free port; yields its API URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    log = (base / "server.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env={**env, "PREFECT_HOME": str(base / "server-home")},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the Prefect server did not start; see server.log") from None
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


SERVER_ANATOMY = """
import asyncio, json, sys, time
t0 = time.time()
from prefect.server.api.server import create_app
from prefect.server.database import provide_database_interface
t1 = time.time()
app = create_app(ephemeral=True, final=True)
async def start():
    a = time.time()
    await provide_database_interface().create_db()
    b = time.time()
    context = app.router.lifespan_context(app)
    await context.__aenter__()
    c = time.time()
    try:
        await context.__aexit__(None, None, None)
    except Exception:
        pass  # some services assert on a stop before their first loop; irrelevant here
    return b - a, c - b
migrations, lifespan = asyncio.run(start())
print(json.dumps({"import the server": t1 - t0, "database migrations check": migrations,
                  "app start (migrations, blocks, services)": lifespan}))
"""


def server_anatomy(env: dict[str, str]) -> dict[str, float]:
    """The ephemeral server's start, piece by piece, as its subprocess does it (Prefect's home
    already migrated by the runs before)."""
    server_env = {
        **env,
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
        "PREFECT_UI_ENABLED": "0",
        "PREFECT_LOGGING_LEVEL": "ERROR",
    }
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", SERVER_ANATOMY],
        env=server_env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"failed": float(done.returncode)}
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["whole process"] = time.time() - started
    return figures


def median(runs: list[dict[str, Any]], key: str = "wall") -> float:
    return float(statistics.median(r[key] for r in runs))


def median_phases(runs: list[dict[str, Any]]) -> dict[str, float]:
    labels = [label for label, _, _ in PHASES if all(label in r.get("phases", {}) for r in runs)]
    return {label: statistics.median(r["phases"][label] for r in runs) for label in labels}


def measure(runs: int, with_server: bool, workdir: Path) -> dict[str, Any]:
    project = make_project(workdir)
    env = base_env(workdir)
    first = run_enrich(project, env, "refresh", "--offline")
    if first["code"] != 0:
        raise SystemExit(f"the first refresh failed: {first['stderr']}")
    ephemeral = [run_enrich(project, env, "refresh", "--offline", traced=True) for _ in range(runs)]
    plain_env = {**env, "ENRICH_ORCHESTRATOR": "none"}
    plain = [run_enrich(project, plain_env, "refresh", "--offline") for _ in range(runs)]
    turned_away = [refused(project, env) for _ in range(runs)]
    result: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "cores": os.cpu_count(),
        "load_average": os.getloadavg(),
        "runs": runs,
        "first_refresh_wall": first["wall"],
        "ephemeral": {
            "wall": median(ephemeral),
            "phases": median_phases(ephemeral),
            "all": ephemeral,
        },
        "no_prefect": {"wall": median(plain), "all": plain},
        "refused": {
            "wall": median(turned_away),
            "codes": [r["code"] for r in turned_away],
            "message": turned_away[0]["stderr"],
            "imported": turned_away[0].get("modules", []),
        },
    }
    result["prefect_part"] = result["ephemeral"]["wall"] - result["no_prefect"]["wall"]
    result["server_anatomy"] = server_anatomy(env)
    if with_server:
        with prefect_server(workdir, env) as url:
            server_env = {**env, "PREFECT_API_URL": url}
            run_enrich(project, server_env, "refresh", "--offline")  # registers the flow once
            served = [
                run_enrich(project, server_env, "refresh", "--offline", traced=True)
                for _ in range(runs)
            ]
        result["running_server"] = {
            "wall": median(served),
            "phases": median_phases(served),
            "started_ephemeral": any("server start" in r.get("phases", {}) for r in served)
            or any("prefect.server.api.server" in r.get("modules", []) for r in served),
            "all": served,
        }
        result["running_server"]["prefect_part"] = (
            result["running_server"]["wall"] - result["no_prefect"]["wall"]
        )
    return result


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def report(result: dict[str, Any]) -> str:
    lines = [
        f"local loop, commit {result['commit']}, {result['cores']} cores, load average "
        f"{result['load_average'][0]:.1f}, median of {result['runs']} runs",
        f"  first refresh --offline (new Prefect home)   {result['first_refresh_wall']:6.2f} s",
        f"  later refresh --offline, ephemeral API       {result['ephemeral']['wall']:6.2f} s",
        f"  the same without Prefect                     {result['no_prefect']['wall']:6.2f} s",
        f"  Prefect's part (difference)                  {result['prefect_part']:6.2f} s",
    ]
    for label, seconds in result["ephemeral"]["phases"].items():
        lines.append(f"    {label:<62} {seconds:6.2f} s")
    refused = result["refused"]
    lines.append(
        f"  refused second refresh answers in            {refused['wall']:6.2f} s "
        f"(exit {refused['codes']}, imported: {', '.join(refused['imported']) or 'nothing heavy'})"
    )
    lines.append("  the ephemeral server's start, piece by piece (a process of its own):")
    for label, seconds in result["server_anatomy"].items():
        lines.append(f"    {label:<62} {seconds:6.2f} s")
    served = result.get("running_server")
    if served:
        lines.append(
            f"  later refresh --offline, PREFECT_API_URL set {served['wall']:6.2f} s "
            f"(Prefect's part {served['prefect_part']:.2f} s; ephemeral server started: "
            f"{'yes' if served['started_ephemeral'] else 'no'})"
        )
        for label, seconds in served["phases"].items():
            lines.append(f"    {label:<62} {seconds:6.2f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="traced runs of each kind (median)")
    parser.add_argument("--no-server", action="store_true", help="skip the running-server case")
    parser.add_argument("--out", type=Path, help="JSON figures (default bench/results/…)")
    parser.add_argument("--workdir", type=Path, help="keep the project and Prefect home here")
    args = parser.parse_args(argv)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        result = measure(args.runs, not args.no_server, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="enrich-local-loop-") as tmp:
            result = measure(args.runs, not args.no_server, Path(tmp))
    print(report(result))
    out = args.out or RESULTS / f"local-loop-{datetime.now(UTC):%Y-%m-%d}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"figures: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
