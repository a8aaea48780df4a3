"""The `enrich` command line: a thin layer over the library.

Expected failures print one line on stderr and exit non-zero; no tracebacks unless --debug.
Exit codes: 0 done; 3 done, but some source could not be refreshed (the catalogue and release
were still written, the summary says what is stale); 1 failed, nothing published; 2 bad usage,
bad configuration, or another refresh is running.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from enrich import __version__
from enrich.config import SOURCE_NAMES, Settings, list_from_argument, load_settings
from enrich.errors import ConfigError, EnrichError
from enrich.redact import install_log_redaction, redact
from enrich.render import write_rows

if TYPE_CHECKING:
    from enrich.options import RefreshOptions
    from enrich.summary import RunSummary

log = logging.getLogger("enrich")

# Prefect, tamed for a command-line tool: no telemetry, a patient ephemeral API start on a small
# machine (the 20 s default failed once in four cold starts), and its own logs kept quiet so the
# run summary is what a person reads. Each can be overridden from the environment.
PREFECT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="enrich",
        description="Keep curated research lists alive: resolve, enrich, load into DuckDB, "
        "publish releases.",
    )
    parser.add_argument("--version", action="version", version=f"enrich {__version__}")
    parser.add_argument("--config", help="config file (default: $ENRICH_CONFIG or ./enrich.yaml)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    refresh = commands.add_parser(
        "refresh",
        help="fetch the lists and sources, load the warehouse, write a release",
        description="Fetch the configured lists (or --list), parse them, ask each source for "
        "what is stale, load a private copy of the warehouse and publish it whole (or not at all), "
        "and write a release.",
    )
    refresh.add_argument(
        "--list",
        dest="list_",
        metavar="FILE_OR_URL",
        help="refresh this list instead of the configured ones",
    )
    add_switches(
        refresh,
        {
            "--offline": "ask nothing of the network; use stored lists and values",
            "--force": "ask every source for everything, whatever its age",
        },
    )
    refresh.add_argument(
        "--only",
        metavar="SOURCES",
        help=f"comma-separated sources to ask ({','.join(SOURCE_NAMES)})",
    )
    add_switches(
        refresh,
        {
            "--allow-stale": "exit 0 even when a source could not be reached (default: exit 3)",
            "--no-release": "do not write a release",
            "--accept-shrink": "load a new list version even if it lost more than max_shrink of "
            "its entries (a real purge); without it such a version is quarantined",
            "--prune": "then remove what `enrich prune` would",
        },
    )
    add_pages_option(refresh)

    sql = commands.add_parser(
        "sql",
        help="run read-only SQL on the warehouse",
        description="Run one read-only SQL statement on the published warehouse. Works while "
        "a refresh runs.",
    )
    sql.add_argument("query", help='e.g. "SELECT title, stars FROM catalogue LIMIT 5"')
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")

    release = commands.add_parser(
        "release",
        help="write a release of the warehouse: CSV, JSON, Parquet, stats, CHANGES",
        description="Write data/releases/<UTC date>/ from the published warehouse: "
        "catalogue.csv/.json/.parquet, catalogue.bib, stats.json, manifest.json and CHANGES.md; "
        "data/releases/latest points at it. Uploads it when the config has publish.github_repo.",
    )
    add_pages_option(release)

    commands.add_parser(
        "rebuild",
        help="recreate the warehouse from data/raw/ alone, with no network",
        description="Recreate the warehouse from the raw payloads and list versions saved under "
        "data/raw/: every list version runs used, then every saved answer, oldest first.",
    )

    check = commands.add_parser(
        "check",
        help="check a list file: entries, link fates and problems; no network, no warehouse",
        description="Parse a list (a README) as a refresh would, with no network and no "
        "warehouse, and print every problem as FILE:LINE: severity: message, then the totals. "
        "Exits 1 when the list has errors, so a list's own CI can run it.",
    )
    add_list_file_argument(check)
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--repo-url",
        help="the list's own repository (https://github.com/OWNER/REPO): its links are furniture",
    )

    prune = commands.add_parser(
        "prune",
        help="remove old raw answers and releases that nothing needs",
        description="Remove raw answers older than --keep-raw-days that the warehouse does not "
        "reference (rebuild still gives the same warehouse), and releases other than the newest, "
        "the last of each day within --keep-release-days and the last of each month.",
    )
    prune.add_argument("--keep-raw-days", type=int, help="default: keep_raw_days (30)")
    prune.add_argument("--keep-release-days", type=int, help="default: keep_release_days (30)")
    prune.add_argument("--dry-run", action="store_true", help="say what would go; remove nothing")

    deploy = commands.add_parser(
        "deploy",
        help="set up a Prefect server: work pool, global limit, automations, deployments",
        description="Against the Prefect server at PREFECT_API_URL, create (or update) the "
        "process work pool enrich-pool, the global concurrency limit enrich-refresh (one "
        "refresh at a time across deployments), the notification block and automation that "
        "alert on failed, crashed and stale runs, and the deployments of prefect.yaml.",
    )
    deploy.add_argument(
        "--webhook",
        metavar="URL",
        default=os.environ.get("ENRICH_ALERT_WEBHOOK"),
        help="POST alerts here (default: $ENRICH_ALERT_WEBHOOK); saved as block enrich-alerts",
    )
    deploy.add_argument(
        "--store-secrets",
        action="store_true",
        help="save GITHUB_TOKEN / S2_API_KEY from this environment as Prefect Secret blocks",
    )
    deploy.add_argument(
        "--project",
        default=".",
        help="the directory holding prefect.yaml, which workers run the flow from (default: .)",
    )
    deploy.add_argument(
        "--no-deployments", action="store_true", help="everything but `prefect deploy --all`"
    )

    annotate = commands.add_parser(
        "annotate",
        help="write the list back with citations, stars and flags beside each entry",
        description="Annotate a list file with what the warehouse knows: after each entry, "
        "stars, citations (and their 30-day gain), year and flags, between <!-- enrich --> "
        "markers that GitHub does not show; every other byte is kept, and a second run "
        "replaces the annotations instead of adding more. Prints the result unless --out, "
        "--write or --diff.",
    )
    add_list_file_argument(annotate)
    annotate.add_argument("--name", help="the list's name in the warehouse (default: guessed)")
    annotate.add_argument(
        "--sort",
        choices=("stars", "citations", "year"),
        help="reorder the entries of each run of siblings, largest first (whole entries move)",
    )
    annotate.add_argument(
        "--strip",
        action="store_true",
        help="remove every annotation instead: the list as its maintainer wrote it",
    )
    annotate_output = annotate.add_mutually_exclusive_group()
    annotate_output.add_argument("--out", metavar="FILE", help="write the annotated list here")
    annotate_output.add_argument("--write", action="store_true", help="rewrite LIST in place")
    annotate_output.add_argument(
        "--diff", action="store_true", help="print a unified diff to review instead"
    )

    commands.add_parser(
        "status",
        help="last runs, freshness and coverage per source",
        description="Show the last runs, and for each source how fresh and complete it is.",
    )
    return parser


def add_switches(parser: argparse.ArgumentParser, switches: dict[str, str]) -> None:
    """Add on/off options (False unless given), in order: {flag: help}."""
    for flag, help_text in switches.items():
        parser.add_argument(flag, action="store_true", help=help_text)


def add_pages_option(parser: argparse.ArgumentParser) -> None:
    """--pages, of every command that writes a release."""
    parser.add_argument(
        "--pages",
        metavar="DIR",
        help="also copy the release's index.html into DIR, for a static host (GitHub Pages)",
    )


def add_list_file_argument(parser: argparse.ArgumentParser) -> None:
    """LIST, of every command that reads one list file."""
    parser.add_argument("list_file", metavar="LIST", help="path of the list, e.g. README.md")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        if args.command == "check":  # a list maintainer's command: no config, no data directory
            return cmd_check(args)
        settings = load_settings(args.config)
        install_log_redaction(settings.secrets())
        handler = {
            "refresh": cmd_refresh,
            "rebuild": cmd_rebuild,
            "release": cmd_release,
            "sql": cmd_sql,
            "status": cmd_status,
            "deploy": cmd_deploy,
            "prune": cmd_prune,
            "annotate": cmd_annotate,
        }[args.command]
        return handler(settings, args)
    except EnrichError as exc:
        if args.debug:
            raise
        print(f"enrich: {redact(str(exc), _secrets())}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("enrich: interrupted; the published warehouse is unchanged", file=sys.stderr)
        return 130
    except Exception as exc:
        # A full disk, a read-only or forbidden directory, a DuckDB I/O failure: the machine's
        # fault, not a bug. One line, exit 1; the warehouse is swapped in only when complete.
        line = machine_fault(exc)
        if line is None or args.debug:
            raise
        print(f"enrich: {redact(line, _secrets())}", file=sys.stderr)
        return 1


def machine_fault(exc: BaseException) -> str | None:
    """One line for an error of the machine (disk, permissions, DuckDB I/O), or None."""
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        what = exc.strerror or type(exc).__name__
        return f"{what}{where} (errno {exc.errno}); nothing half-written was published"
    duckdb = sys.modules.get("duckdb")
    io_errors = tuple(
        getattr(duckdb, name)
        for name in ("IOException", "FatalException", "PermissionException", "OutOfMemoryException")
        if duckdb is not None and hasattr(duckdb, name)
    )
    if io_errors and isinstance(exc, io_errors):
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"the warehouse could not be written: {first}; nothing half-written was published"
    return None


def _secrets() -> tuple[str, ...]:
    """Secrets to keep out of an error line, even when the settings could not be built."""
    return tuple(os.environ[k] for k in ("GITHUB_TOKEN", "S2_API_KEY") if os.environ.get(k))


def cmd_refresh(settings: Settings, args: argparse.Namespace) -> int:
    from enrich.lock import refresh_lock
    from enrich.options import RefreshOptions, lists_to_refresh

    only = None
    if args.only:
        only = frozenset(s.strip() for s in args.only.split(",") if s.strip())
        unknown = only - set(SOURCE_NAMES)
        if unknown:
            raise ConfigError(
                f"--only: unknown source(s) {', '.join(sorted(unknown))}; "
                f"known: {', '.join(SOURCE_NAMES)}"
            )
    lists = (list_from_argument(args.list_, settings.root),) if args.list_ else None
    options = RefreshOptions(
        lists=lists,
        offline=args.offline,
        force=args.force,
        only=only,
        allow_stale=args.allow_stale,
        release=not args.no_release,
        accept_shrink=args.accept_shrink,
        prune=args.prune,
    )
    lists_to_refresh(settings, options)  # nothing to refresh: said before Prefect starts
    # The lock first, held to the end: a second refresh is turned away before Prefect is even
    # imported (seconds of start-up), and nothing can slip in between a check and the flow.
    with refresh_lock(settings):
        if os.environ.get("ENRICH_ORCHESTRATOR", "prefect") == "none":
            from enrich.pipeline import run_refresh

            summary = run_refresh(settings, options, lock_held=True)  # the same steps
        else:
            summary = run_refresh_flow(settings, options, args)
    print(redact(summary.to_text(), settings.secrets()))
    if args.pages and options.release and summary.exit_code in (0, 3, None):
        _copy_pages(settings.releases_dir / "latest", args.pages)
    return summary.exit_code or 0


def _copy_pages(release_dir: Any, pages_dir: str) -> None:
    from pathlib import Path

    from enrich.page import copy_to_pages

    print(f"page written: {copy_to_pages(Path(release_dir), Path(pages_dir))}")


def run_refresh_flow(
    settings: Settings, options: RefreshOptions, args: argparse.Namespace
) -> RunSummary:
    """Run the Prefect flow (enrich.flow) in this process, with the settings and options built
    here and the refresh lock this command holds; its final state as a summary."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if args.debug:
        os.environ["PREFECT_LOGGING_LEVEL"] = "DEBUG"
    from enrich.flow import run_in_process  # imports Prefect: after the lock, never before

    if not args.debug:
        quiet_prefect_console()
    return run_in_process(settings, options, config=args.config)


class _NoPrefectErrors(logging.Filter):
    """Keep Prefect's own error reports (a traceback per task and per flow, 60+ lines) off the
    console: this command prints one line for an expected error and the traceback of an
    unexpected one itself. They still reach Prefect's log store (its API handler)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno >= logging.ERROR and record.name.startswith("prefect"))


def quiet_prefect_console() -> None:
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _NoPrefectErrors) for f in handler.filters):
            handler.addFilter(_NoPrefectErrors())


def cmd_release(settings: Settings, args: argparse.Namespace) -> int:
    from enrich.pipeline import release_step

    path = release_step(settings)
    print(f"release written: {path}")
    if args.pages:
        _copy_pages(path, args.pages)
    return 0


def cmd_rebuild(settings: Settings, args: argparse.Namespace) -> int:
    from enrich.pipeline import run_rebuild

    summary = run_rebuild(settings)
    print(summary.to_text())
    return 0


def cmd_sql(settings: Settings, args: argparse.Namespace) -> int:
    import duckdb

    from enrich.warehouse import open_locked_reader
    from enrich.warehouse.door import check_query

    with open_locked_reader(settings) as con:
        check_query(con, args.query)
        try:
            cursor = con.execute(args.query)
            if cursor.description is None:
                return 0
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        except duckdb.Error as exc:
            first_line = str(exc).strip().splitlines()[0]
            hint = " (the warehouse is read-only here)" if "read-only" in str(exc) else ""
            raise ConfigError(f"SQL error: {first_line}{hint}") from None
    write_rows(columns, rows, args.format, sys.stdout)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from enrich.listcheck import check_list

    report = check_list(Path(args.list_file), list_url=args.repo_url)
    if args.format == "json":
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.to_text())
    return report.exit_code


def cmd_prune(settings: Settings, args: argparse.Namespace) -> int:
    from enrich.lock import refresh_lock
    from enrich.prune import prune

    with refresh_lock(settings):  # not while a refresh saves answers
        report = prune(
            settings,
            keep_raw_days=settings.keep_raw_days
            if args.keep_raw_days is None
            else args.keep_raw_days,
            keep_release_days=settings.keep_release_days
            if args.keep_release_days is None
            else args.keep_release_days,
            dry_run=args.dry_run,
        )
    print(report.to_text())
    return 0


def cmd_deploy(settings: Settings, args: argparse.Namespace) -> int:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from pathlib import Path

    from enrich.deploy import deploy

    project = Path(args.project).resolve()
    for line in deploy(
        project,
        webhook=args.webhook,
        store_secrets=args.store_secrets,
        deployments=not args.no_deployments,
    ):
        print(line)
    return 0


def cmd_annotate(settings: Settings, args: argparse.Namespace) -> int:
    from enrich.annotate import annotate_file, strip_file

    if args.strip:
        result = strip_file(args.list_file)
    else:
        result = annotate_file(settings, args.list_file, name=args.name, sort=args.sort)
    if args.diff:
        sys.stdout.write(result.diff(os.path.basename(args.list_file)))
    elif args.out or args.write:
        with open(args.out or args.list_file, "wb") as handle:
            handle.write(result.data)
    else:
        sys.stdout.write(result.text)
    for line, why in result.refused:
        print(f"{args.list_file}:{line}: not annotated: {why}", file=sys.stderr)
    for line, why in result.not_sorted:
        print(f"{args.list_file}:{line}: not moved: {why}", file=sys.stderr)
    if args.strip:
        print(f"enrich annotate: {result.removed} annotations removed", file=sys.stderr)
        return 0
    print(
        f"enrich annotate: {result.annotated} of {result.entries} entries annotated"
        + (f", {result.unknown} not in the warehouse yet" if result.unknown else "")
        + (f", {len(result.refused)} refused" if result.refused else ""),
        file=sys.stderr,
    )
    return 0


def cmd_status(settings: Settings, args: argparse.Namespace) -> int:
    from enrich.warehouse import open_locked_reader
    from enrich.warehouse.status import status_report

    with open_locked_reader(settings) as con:
        print(status_report(con, settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
