"""Settings, built once from the YAML config file and the environment, frozen, passed down.

Precedence for every setting: environment variable > config file > default. Secrets
(`GITHUB_TOKEN`, `S2_API_KEY`) come from the environment (or a `.env` file) only: a config file
is committed, a secret never is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from enrich.errors import ConfigError

if TYPE_CHECKING:
    from enrich.annotate import AnnotationFormat

CONFIG_ENV = "ENRICH_CONFIG"
DATA_DIR_ENV = "ENRICH_DATA_DIR"
DEFAULT_CONFIG_NAME = "enrich.yaml"
CONTACT_URL = "https://github.com/enrich-catalogue/enrich"

SOURCE_NAMES = ("arxiv", "s2", "github", "acl")


@dataclass(frozen=True)
class SourceDefaults:
    base_url: str
    url_env: str
    ttl_days: float  # how old a stored value may be before a refresh asks again
    pace_seconds: float  # the least time between two requests to this service (their rule)
    batch_size: int


# The services' own rules, next to the numbers that follow them.
SOURCE_DEFAULTS: dict[str, SourceDefaults] = {
    # arXiv API terms: "make no more than one request every three seconds"; id_list ≤ 100 per call.
    "arxiv": SourceDefaults("https://export.arxiv.org", "ENRICH_ARXIV_URL", 30, 3.0, 100),
    # Semantic Scholar: 1 request/s with a key; paper/batch takes at most 500 ids.
    "s2": SourceDefaults("https://api.semanticscholar.org", "ENRICH_S2_URL", 1, 1.0, 500),
    # GitHub: GraphQL takes ~100 aliased repositories per query; REST is one repository a request.
    "github": SourceDefaults("https://api.github.com", "ENRICH_GITHUB_API_URL", 1, 0.0, 100),
    # ACL Anthology: no published limit; be polite, one request a second. Records never change.
    "acl": SourceDefaults("https://aclanthology.org", "ENRICH_ACL_URL", 30, 1.0, 1),
}


@dataclass(frozen=True)
class ListConfig:
    name: str
    url: str | None  # raw README URL; None for a local-only list
    snapshot: Path | None  # bundled snapshot used when the URL cannot be fetched


@dataclass(frozen=True)
class SourceConfig:
    name: str
    base_url: str
    ttl_days: float
    pace_seconds: float
    batch_size: int
    enabled: bool = True


@dataclass(frozen=True)
class Settings:
    config_path: Path | None
    root: Path  # directory the config lives in; relative paths resolve against it
    data_dir: Path
    lists: tuple[ListConfig, ...]
    sources: dict[str, SourceConfig]
    github_token: str | None = field(default=None, repr=False)
    s2_api_key: str | None = field(default=None, repr=False)
    timeout_seconds: float = 20.0  # read timeout of one HTTP request
    connect_timeout_seconds: float = 5.0
    max_retries: int = 3
    max_retry_wait_seconds: float = 60.0  # the most a Retry-After may make us wait, per request
    backoff_seconds: float = 1.0  # first wait between retries; doubles each time, plus jitter
    user_agent: str = ""
    publish_repo: str | None = None  # owner/repo of a GitHub Release to upload to (optional)
    task_runner: str = "threads"  # "threads" or "dask" (the prefect-dask extra)
    dask_address: str | None = None  # a running Dask scheduler; None: a local cluster
    annotate: AnnotationFormat | None = None  # `annotate:` (enrich.annotate); None: the default

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def warehouse_dir(self) -> Path:
        return self.data_dir / "warehouse"

    @property
    def warehouse_path(self) -> Path:
        return self.warehouse_dir / "catalogue.duckdb"

    @property
    def releases_dir(self) -> Path:
        return self.data_dir / "releases"

    def secrets(self) -> tuple[str, ...]:
        # (Redaction ignores values shorter than 8 characters: no real token is that short.)
        """Every secret value in force, for redaction."""
        return tuple(s for s in (self.github_token, self.s2_api_key) if s)


def find_config(
    explicit: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None
) -> Path | None:
    """The config file to use: --config, then $ENRICH_CONFIG, then ./enrich.yaml if present."""
    env = dict(os.environ if env is None else env)
    candidate = explicit or env.get(CONFIG_ENV)
    if candidate:
        path = Path(candidate)
        if not path.is_file():
            raise ConfigError(f"config file not found: {path} (check --config or ${CONFIG_ENV})")
        return path
    default = Path.cwd() / DEFAULT_CONFIG_NAME
    return default if default.is_file() else None


def load_settings(
    config: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None
) -> Settings:
    """Build the settings from the config file (if any) and the environment."""
    env = dict(os.environ if env is None else env)
    path = find_config(config, env)
    raw: dict[str, Any] = {}
    if path is not None:
        _load_dotenv(path.parent / ".env", env)
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML: {exc}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{path}: expected a mapping at the top level")
        raw = loaded or {}
    root = path.parent.resolve() if path is not None else Path.cwd()

    data_dir = Path(env.get(DATA_DIR_ENV) or raw.get("data_dir") or "data")
    if not data_dir.is_absolute():
        data_dir = root / data_dir

    from enrich import __version__

    return Settings(
        config_path=path,
        root=root,
        data_dir=data_dir,
        lists=_parse_lists(raw.get("lists") or [], root),
        sources=_parse_sources(raw.get("sources") or {}, env),
        github_token=env.get("GITHUB_TOKEN") or None,
        s2_api_key=env.get("S2_API_KEY") or None,
        timeout_seconds=_number(raw, env, "timeout_seconds", "ENRICH_TIMEOUT", 20.0),
        connect_timeout_seconds=_number(
            raw, env, "connect_timeout_seconds", "ENRICH_CONNECT_TIMEOUT", 5.0
        ),
        max_retries=int(_number(raw, env, "max_retries", "ENRICH_MAX_RETRIES", 3)),
        max_retry_wait_seconds=_number(
            raw, env, "max_retry_wait_seconds", "ENRICH_MAX_RETRY_WAIT", 60.0
        ),
        backoff_seconds=_number(raw, env, "backoff_seconds", "ENRICH_BACKOFF", 1.0),
        user_agent=f"enrich/{__version__} (+{CONTACT_URL})",
        publish_repo=(raw.get("publish") or {}).get("github_repo"),
        task_runner=_choice(
            env.get("ENRICH_TASK_RUNNER") or raw.get("task_runner") or "threads",
            ("threads", "dask"),
            "task_runner (ENRICH_TASK_RUNNER)",
        ),
        dask_address=env.get("ENRICH_DASK_ADDRESS") or raw.get("dask_address") or None,
        annotate=_annotation_format(raw.get("annotate")),
    )


def _annotation_format(raw: Any) -> AnnotationFormat:
    from enrich.annotate import AnnotationFormat

    return AnnotationFormat.from_config(raw)


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ConfigError(f"{what} must be one of {', '.join(allowed)}, got {value!r}")
    return value


def list_from_argument(argument: str, root: Path) -> ListConfig:
    """`--list FILE_OR_URL`: a one-off list instead of the configured ones."""
    if argument.startswith(("http://", "https://")):
        name = _slug(argument.rstrip("/").split("/")[-3] if argument.count("/") > 4 else argument)
        return ListConfig(name=name, url=argument, snapshot=None)
    path = Path(argument)
    if not path.is_absolute():
        path = (Path.cwd() / path).resolve()
    if not path.is_file():
        raise ConfigError(f"list file not found: {argument}")
    return ListConfig(name=_slug(path.stem.removesuffix(".README")), url=None, snapshot=path)


def _parse_lists(items: Any, root: Path) -> tuple[ListConfig, ...]:
    if not isinstance(items, list):
        raise ConfigError("config: 'lists' must be a list of {name, url, snapshot}")
    lists: list[ListConfig] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not item.get("name"):
            raise ConfigError(f"config: lists[{i}] needs at least a 'name'")
        name = _slug(str(item["name"]))
        if name in seen:
            raise ConfigError(f"config: list name '{name}' is used twice")
        seen.add(name)
        snapshot = item.get("snapshot")
        snapshot_path = None
        if snapshot:
            snapshot_path = Path(snapshot)
            if not snapshot_path.is_absolute():
                snapshot_path = root / snapshot_path
        url = item.get("url")
        if not url and snapshot_path is None:
            raise ConfigError(f"config: list '{name}' needs a 'url' or a 'snapshot'")
        lists.append(ListConfig(name=name, url=url or None, snapshot=snapshot_path))
    return tuple(lists)


def _parse_sources(raw: Any, env: dict[str, str]) -> dict[str, SourceConfig]:
    if not isinstance(raw, dict):
        raise ConfigError("config: 'sources' must be a mapping of source name to settings")
    unknown = set(raw) - set(SOURCE_NAMES)
    if unknown:
        raise ConfigError(
            f"config: unknown source(s) {sorted(unknown)}; known: {', '.join(SOURCE_NAMES)}"
        )
    sources: dict[str, SourceConfig] = {}
    for name, default in SOURCE_DEFAULTS.items():
        item = raw.get(name) or {}
        upper = name.upper()
        sources[name] = SourceConfig(
            name=name,
            base_url=(env.get(default.url_env) or item.get("base_url") or default.base_url).rstrip(
                "/"
            ),
            ttl_days=_number(item, env, "ttl_days", f"ENRICH_{upper}_TTL_DAYS", default.ttl_days),
            pace_seconds=_number(
                item, env, "pace_seconds", f"ENRICH_{upper}_PACE", default.pace_seconds
            ),
            batch_size=int(
                _number(item, env, "batch_size", f"ENRICH_{upper}_BATCH", default.batch_size)
            ),
            enabled=bool(item.get("enabled", True)),
        )
    return sources


def _number(
    raw: dict[str, Any], env: dict[str, str], key: str, env_key: str, default: float
) -> float:
    value = env.get(env_key, raw.get(key, default))
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {key} (${env_key}) must be a number, got {value!r}") from None
    if number < 0:
        raise ConfigError(f"setting {key} (${env_key}) must not be negative, got {number}")
    return number


def _load_dotenv(path: Path, env: dict[str, str]) -> None:
    """Read secrets from a .env next to the config; the real environment wins."""
    if not path.is_file():
        return
    from dotenv import dotenv_values

    for key, value in dotenv_values(path).items():
        if value is not None and key not in env:
            env[key] = value


def _slug(text: str) -> str:
    slug = "".join(c.lower() if c.isalnum() else "-" for c in text).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    if not slug:
        raise ConfigError(f"cannot make a list name out of {text!r}")
    return slug
