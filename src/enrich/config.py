"""Settings, built once from the YAML config file and the environment, frozen, passed down.

Precedence for every setting: environment variable > config file > default. Secrets
(`GITHUB_TOKEN`, `S2_API_KEY`) come from the environment (or a `.env` file) only: a config file
is committed, a secret never is.

Everything is validated before anything runs, by one typed schema (`ConfigFile`, pydantic): the
file and the environment variables that override it together. Unknown keys are refused with a
"did you mean", numbers must be finite and in range (batch sizes within each service's limit),
URLs http(s). Every problem is one `ConfigError` line naming the key and where it came from (the
file, or the environment variable), exit 2.

A `.env` next to the config is read for convenience, and trusted less than the real
environment: a base URL it changes from the default is named in every run summary, and a secret
from the real environment is not sent to a host that only the `.env` chose.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from enrich.errors import ConfigError
from enrich.sources import registry
from enrich.sources.registry import SourceSpec

if TYPE_CHECKING:
    from enrich.annotation_format import AnnotationFormat

CONFIG_ENV = "ENRICH_CONFIG"
DATA_DIR_ENV = "ENRICH_DATA_DIR"
DEFAULT_CONFIG_NAME = "enrich.yaml"
CONTACT_URL = "https://github.com/enrich-catalogue/enrich"

# Every source and its defaults come from the registry (enrich.sources.registry), the one place.
SOURCE_NAMES = registry.listed_names()
SOURCE_DEFAULTS: dict[str, SourceSpec] = {name: registry.spec(name) for name in SOURCE_NAMES}


DEFAULT_MAX_SHRINK = 0.5  # a new list version may lose at most half the previous one's entries


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
class MergeOverrides:
    """What a maintainer knows better than the sources: pairs of ids ("arxiv:2305.00450",
    "acl:2024.findings-emnlp.34", or any link URL) that must never be one work (`refuse`), or
    must be one work although no source links them (`force`)."""

    refuse: tuple[tuple[str, str], ...] = ()
    force: tuple[tuple[str, str], ...] = ()


class UnderDataDir:
    """A path under the settings' data_dir, one line per path instead of a property each."""

    def __init__(self, *parts: str) -> None:
        self.parts = parts

    def __get__(self, settings: Settings, owner: type[Settings] | None = None) -> Path:
        return settings.data_dir.joinpath(*self.parts)


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
    merges: MergeOverrides = field(default_factory=MergeOverrides)  # `merges:` in the config
    # The share of the previous version's entries a new list version may lose before it is
    # quarantined instead of loaded (see enrich.listguard).
    max_shrink: float = DEFAULT_MAX_SHRINK
    # What every run summary says about the settings: base URLs that differ from the services'
    # and where they came from, secrets withheld from a host only a .env chose.
    notices: tuple[str, ...] = ()
    # Worker processes of the local Dask cluster (needs a Prefect server); 0: threads in one.
    dask_workers: int = 0
    # Housekeeping (`enrich prune`, `enrich refresh --prune`, the run logs): see enrich.prune.
    keep_raw_days: int = 30  # raw answers younger than this are kept, referenced or not
    keep_release_days: int = 30  # the last release of each day within this; monthly beyond
    keep_logs: int = 30  # run log files under data/logs/
    # DuckDB's memory while a refresh or rebuild writes the warehouse (enrich.warehouse).
    warehouse_memory_mb: int = 512
    annotate: AnnotationFormat | None = None  # `annotate:` (enrich.annotation_format)

    # Where things live under data_dir (read as attributes: settings.raw_dir).
    raw_dir = UnderDataDir("raw")
    warehouse_dir = UnderDataDir("warehouse")
    warehouse_path = UnderDataDir("warehouse", "catalogue.duckdb")
    releases_dir = UnderDataDir("releases")
    # The services' paces, shared by every process of this data directory.
    pace_dir = UnderDataDir("state", "pace")
    parse_cache_dir = UnderDataDir("state", "parsed")  # enrich.parsecache

    def secrets(self) -> tuple[str, ...]:
        # (Redaction ignores values shorter than 8 characters: no real token is that short.)
        """Every secret value in force, for redaction."""
        return tuple(s for s in (self.github_token, self.s2_api_key) if s)

    def secret_hosts(self, source: str) -> frozenset[str]:
        """The hosts (host:port) a source's credential may be sent to: its own API host, and
        for GitHub the uploads host that answers for it (publishing release files)."""
        if source not in self.sources:
            return frozenset()
        hosts = {host_of(self.sources[source].base_url)}
        if source == "github":
            hosts |= {"uploads." + h[len("api.") :] for h in hosts if h.startswith("api.")}
        return frozenset(h for h in hosts if h)


def host_of(url: str) -> str:
    """`host:port` of a URL, lower-cased, with the scheme's default port made explicit."""
    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    except ValueError:
        return ""
    return f"{(parts.hostname or '').lower()}:{port}" if parts.hostname else ""


# --- the schema -----------------------------------------------------------------------------

FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _http_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"must be an http(s) URL, got {value!r}")
    return value


class _SourceFile(_Strict):
    base_url: str | None = None
    ttl_days: FiniteFloat | None = Field(default=None, gt=0, le=3650)
    pace_seconds: FiniteFloat | None = Field(default=None, ge=0, le=3600)
    enabled: bool = True

    _check_url = field_validator("base_url")(_http_url)


def _source_file(spec: SourceSpec) -> type[_SourceFile]:
    """A source's config section; its batch size within the service's own limit."""
    return create_model(
        f"_{spec.name.title()}File",
        __base__=_SourceFile,
        batch_size=(int | None, Field(default=None, ge=1, le=spec.max_batch_size)),
    )


_SOURCE_FILES = {name: _source_file(spec) for name, spec in SOURCE_DEFAULTS.items()}
# One section a source, in the order sources are listed.
_SourcesFile = create_model(
    "_SourcesFile",
    __base__=_Strict,
    **{name: (model, model()) for name, model in _SOURCE_FILES.items()},  # type: ignore[call-overload]
)


class _ListFile(_Strict):
    name: str = Field(min_length=1)
    url: str | None = None
    snapshot: str | None = None

    _check_url = field_validator("url")(_http_url)


class _PublishFile(_Strict):
    github_repo: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


class _MergesFile(_Strict):
    """`merges: {refuse: [[id, id], …], force: [[id, id], …]}`; ids as "kind:value" or URLs."""

    refuse: list[tuple[str, str]] = []
    force: list[tuple[str, str]] = []

    @field_validator("refuse", "force")
    @classmethod
    def _two_different_ids(cls, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        for a, b in pairs:
            if not a.strip() or not b.strip() or a.strip() == b.strip():
                raise ValueError(
                    'each pair must be two different ids, e.g. ["arxiv:2305.00450", '
                    '"acl:2024.findings-emnlp.34"]'
                )
        return [(a.strip(), b.strip()) for a, b in pairs]


def _merges(checked: _MergesFile | None) -> MergeOverrides:
    if checked is None:
        return MergeOverrides()
    return MergeOverrides(refuse=tuple(checked.refuse), force=tuple(checked.force))


class ConfigFile(_Strict):
    """enrich.yaml, with the environment's overrides laid over it."""

    lists: list[_ListFile] = []
    sources: _SourcesFile = _SourcesFile()  # type: ignore[valid-type]
    data_dir: str | None = None
    timeout_seconds: FiniteFloat = Field(default=20.0, gt=0, le=600)
    connect_timeout_seconds: FiniteFloat = Field(default=5.0, gt=0, le=600)
    max_retries: int = Field(default=3, ge=0, le=10)
    max_retry_wait_seconds: FiniteFloat = Field(default=60.0, ge=0, le=3600)
    backoff_seconds: FiniteFloat = Field(default=1.0, ge=0, le=60)
    max_shrink: FiniteFloat = Field(default=DEFAULT_MAX_SHRINK, ge=0, le=1)
    publish: _PublishFile | None = None
    task_runner: Literal["threads", "dask"] = "threads"
    dask_address: str | None = None
    dask_workers: int = Field(default=0, ge=0, le=256)  # local Dask worker processes; 0: threads
    keep_raw_days: int = Field(default=30, ge=0, le=36500)  # enrich prune: raw answers kept
    keep_release_days: int = Field(default=30, ge=0, le=36500)  # daily releases kept
    keep_logs: int = Field(default=30, ge=1, le=100000)  # run log files kept
    warehouse_memory_mb: int = Field(default=512, ge=128, le=1_048_576)  # DuckDB's, when writing
    merges: _MergesFile | None = None
    annotate: dict[str, Any] | None = None  # checked by enrich.annotation_format


# Environment variables and the key each one overrides.
ENV_KEYS: dict[str, tuple[str, ...]] = {
    DATA_DIR_ENV: ("data_dir",),
    "ENRICH_TIMEOUT": ("timeout_seconds",),
    "ENRICH_CONNECT_TIMEOUT": ("connect_timeout_seconds",),
    "ENRICH_MAX_RETRIES": ("max_retries",),
    "ENRICH_MAX_RETRY_WAIT": ("max_retry_wait_seconds",),
    "ENRICH_BACKOFF": ("backoff_seconds",),
    "ENRICH_MAX_SHRINK": ("max_shrink",),
    "ENRICH_TASK_RUNNER": ("task_runner",),
    "ENRICH_DASK_ADDRESS": ("dask_address",),
    "ENRICH_DASK_WORKERS": ("dask_workers",),
    "ENRICH_KEEP_RAW_DAYS": ("keep_raw_days",),
    "ENRICH_KEEP_RELEASE_DAYS": ("keep_release_days",),
    "ENRICH_KEEP_LOGS": ("keep_logs",),
    "ENRICH_WAREHOUSE_MEMORY_MB": ("warehouse_memory_mb",),
}
for _name, _default in SOURCE_DEFAULTS.items():
    ENV_KEYS[_default.url_env] = ("sources", _name, "base_url")
    ENV_KEYS[f"ENRICH_{_name.upper()}_TTL_DAYS"] = ("sources", _name, "ttl_days")
    ENV_KEYS[f"ENRICH_{_name.upper()}_PACE"] = ("sources", _name, "pace_seconds")
    ENV_KEYS[f"ENRICH_{_name.upper()}_BATCH"] = ("sources", _name, "batch_size")


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
    """Build the settings from the config file (if any) and the environment, validated."""
    env = dict(os.environ if env is None else env)
    path = find_config(config, env)
    raw: dict[str, Any] = {}
    from_dotenv: set[str] = set()
    if path is not None:
        from_dotenv = _load_dotenv(path.parent / ".env", env)
        raw = _read_yaml(path)
    root = path.parent.resolve() if path is not None else Path.cwd()
    where = str(path) if path is not None else "the environment"

    overrides: dict[tuple[str, ...], str] = {}
    merged: dict[str, Any] = _copy(raw)
    for env_key, loc in ENV_KEYS.items():
        value = env.get(env_key)
        if value is None or value == "":
            continue
        _set(merged, loc, value)
        overrides[loc] = env_key
    try:
        checked = ConfigFile.model_validate(merged)
    except ValidationError as exc:
        raise ConfigError(_one_line(exc, where, overrides, from_dotenv)) from None

    data_dir = Path(checked.data_dir or "data")
    if not data_dir.is_absolute():
        data_dir = root / data_dir
    _check_data_dir(data_dir, overrides.get(("data_dir",)) or f"data_dir in {where}")

    sources = {
        name: SourceConfig(
            name=name,
            base_url=(getattr(checked.sources, name).base_url or default.base_url).rstrip("/"),
            ttl_days=_or(getattr(checked.sources, name).ttl_days, default.ttl_days),
            pace_seconds=_or(getattr(checked.sources, name).pace_seconds, default.pace_seconds),
            batch_size=int(_or(getattr(checked.sources, name).batch_size, default.batch_size)),
            enabled=getattr(checked.sources, name).enabled,
        )
        for name, default in SOURCE_DEFAULTS.items()
    }
    secrets = {
        "github": ("GITHUB_TOKEN", env.get("GITHUB_TOKEN") or None),
        "s2": ("S2_API_KEY", env.get("S2_API_KEY") or None),
    }
    notices: list[str] = []
    for name, default in SOURCE_DEFAULTS.items():
        url = sources[name].base_url
        if url == default.base_url:
            continue
        origin = _origin(("sources", name, "base_url"), overrides, from_dotenv, where)
        notices.append(f"{name} base URL {url} (from {origin}; default {default.base_url})")
        secret_name, secret = secrets.get(name, ("", None))
        if secret and default.url_env in from_dotenv and secret_name not in from_dotenv:
            # A .env lying next to a config may come with a checkout; the real environment's
            # token is not handed to a host that only such a file chose.
            secrets[name] = (secret_name, None)
            notices.append(
                f"{secret_name} not sent to {url}: that URL comes from .env, the secret does not"
            )

    from enrich import __version__

    return Settings(
        config_path=path,
        root=root,
        data_dir=data_dir,
        lists=_lists(checked.lists, root, where),
        sources=sources,
        github_token=secrets["github"][1],
        s2_api_key=secrets["s2"][1],
        timeout_seconds=checked.timeout_seconds,
        connect_timeout_seconds=checked.connect_timeout_seconds,
        max_retries=checked.max_retries,
        max_retry_wait_seconds=checked.max_retry_wait_seconds,
        backoff_seconds=checked.backoff_seconds,
        user_agent=f"enrich/{__version__} (+{CONTACT_URL})",
        publish_repo=checked.publish.github_repo if checked.publish else None,
        task_runner=checked.task_runner,
        dask_address=checked.dask_address or None,
        merges=_merges(checked.merges),
        max_shrink=checked.max_shrink,
        notices=tuple(notices),
        dask_workers=checked.dask_workers,
        keep_raw_days=checked.keep_raw_days,
        keep_release_days=checked.keep_release_days,
        keep_logs=checked.keep_logs,
        warehouse_memory_mb=checked.warehouse_memory_mb,
        annotate=_annotation_format(checked.annotate),
    )


def _annotation_format(raw: Any) -> AnnotationFormat:
    from enrich.annotation_format import AnnotationFormat  # it validates its own section

    return AnnotationFormat.from_config(raw)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"config error: {path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"config error: {path}: cannot be read: {exc.strerror}") from None
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        first = " ".join(str(exc).split())
        raise ConfigError(f"config error: {path}: not valid YAML: {first}") from None
    if loaded is not None and not isinstance(loaded, dict):
        raise ConfigError(f"config error: {path}: expected a mapping at the top level")
    return loaded or {}


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _set(target: dict[str, Any], loc: tuple[str, ...], value: str) -> None:
    for key in loc[:-1]:
        inner = target.get(key)
        if not isinstance(inner, dict):
            if inner is not None:
                return  # the file's own value is wrong: validation names it
            inner = target[key] = {}
        target = inner
    target[loc[-1]] = value


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


def _origin(
    loc: tuple[str | int, ...],
    overrides: dict[tuple[str, ...], str],
    from_dotenv: set[str],
    where: str,
) -> str:
    env_key = overrides.get(tuple(str(p) for p in loc))
    if env_key is None:
        return where
    return f"${env_key} in .env" if env_key in from_dotenv else f"${env_key}"


def _one_line(
    exc: ValidationError,
    where: str,
    overrides: dict[tuple[str, ...], str],
    from_dotenv: set[str],
) -> str:
    """The first problem, as one line naming the key and where it came from."""
    error = exc.errors(include_url=False)[0]
    loc = tuple(error["loc"])
    key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    key = key or "(top level)"
    origin = _origin(loc, overrides, from_dotenv, where)
    if error["type"] == "extra_forbidden":
        known = _known_keys(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(known)}"
        return f"config error: unknown key '{key}' in {origin}{hint}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] in ("model_type", "dict_type"):
        message = "must be a mapping of settings (key: value)"
    elif error["type"] == "missing":
        message = "is required but missing"
    value = error.get("input")
    got = ""
    if error["type"] not in ("missing", "value_error") and not isinstance(value, dict | list):
        got = f", got {value!r}"
    return f"config error: {key} in {origin}: {message}{got}"


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    """The keys the schema accepts at `loc` (list indexes skipped)."""
    model: Any = ConfigFile
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = model.model_fields.get(part)
        if field_info is None:
            return []
        annotation = field_info.annotation
        args = [a for a in getattr(annotation, "__args__", (annotation,)) if a is not type(None)]
        nested = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if nested is None:
            return []
        model = nested
    return sorted(model.model_fields)


def _check_data_dir(path: Path, what: str) -> None:
    """The data directory must be a directory, or creatable as one."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            if not candidate.is_dir():
                raise ConfigError(
                    f"config error: {what}: {path} cannot be a directory "
                    f"({candidate} is not a directory)"
                )
            return


def _lists(items: list[_ListFile], root: Path, where: str) -> tuple[ListConfig, ...]:
    lists: list[ListConfig] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        name = _slug(item.name)
        if name in seen:
            raise ConfigError(f"config error: lists[{i}].name in {where}: '{name}' is used twice")
        seen.add(name)
        snapshot_path = None
        if item.snapshot:
            snapshot_path = Path(item.snapshot)
            if not snapshot_path.is_absolute():
                snapshot_path = root / snapshot_path
        if not item.url and snapshot_path is None:
            raise ConfigError(
                f"config error: lists[{i}] in {where}: list '{name}' needs a 'url' or a 'snapshot'"
            )
        lists.append(ListConfig(name=name, url=item.url or None, snapshot=snapshot_path))
    return tuple(lists)


def list_from_argument(argument: str, root: Path) -> ListConfig:
    """`--list FILE_OR_URL`: a one-off list instead of the configured ones. A file must be a
    regular file: /proc/self/environ, a FIFO or a device is not a list."""
    if argument.startswith(("http://", "https://")):
        name = _slug(argument.rstrip("/").split("/")[-3] if argument.count("/") > 4 else argument)
        return ListConfig(name=name, url=argument, snapshot=None)
    path = Path(argument)
    if not path.is_absolute():
        path = (Path.cwd() / path).resolve()
    if not path.exists():
        raise ConfigError(f"list file not found: {argument}")
    if not is_regular_list_file(path):
        raise ConfigError(f"--list {argument}: not a regular file; a list is a file on disk")
    return ListConfig(name=_slug(path.stem.removesuffix(".README")), url=None, snapshot=path)


def is_regular_list_file(path: Path) -> bool:
    """A regular file outside /proc, /sys and /dev (whose "files" are the machine's state)."""
    import stat

    try:
        resolved = path.resolve()
        mode = resolved.stat().st_mode
    except OSError:
        return False
    pseudo = ("/proc", "/sys", "/dev")
    return stat.S_ISREG(mode) and not any(
        str(resolved) == p or str(resolved).startswith(p + "/") for p in pseudo
    )


def _load_dotenv(path: Path, env: dict[str, str]) -> set[str]:
    """Read settings and secrets from a .env next to the config; the real environment wins.
    Returns the keys the .env supplied."""
    if not path.is_file():
        return set()
    from dotenv import dotenv_values

    supplied = set()
    for key, value in dotenv_values(path).items():
        if value is not None and key not in env:
            env[key] = value
            supplied.add(key)
    return supplied


def _slug(text: str) -> str:
    slug = "".join(c.lower() if c.isalnum() else "-" for c in text).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    if not slug:
        raise ConfigError(f"cannot make a list name out of {text!r}")
    return slug
