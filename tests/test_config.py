"""enrich.config beyond validation (tests/test_config_validation.py): where the config is found,
what settings a file and the environment make (defaults, paths, lists, secrets, .env), host
names, one-off lists and what counts as a list file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from enrich.config import (
    DEFAULT_MAX_SHRINK,
    SOURCE_DEFAULTS,
    SOURCE_NAMES,
    find_config,
    host_of,
    is_regular_list_file,
    list_from_argument,
    load_settings,
)
from enrich.errors import ConfigError

TOKEN = "ghp_" + "CONFIGTOKEN" + "4" * 25
KEY = "s2-" + "CONFIGKEY" + "5" * 20


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_config_is_the_argument_then_the_environment_then_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    explicit = write(tmp_path / "a" / "mine.yaml", "lists: []\n")
    from_env = write(tmp_path / "b" / "env.yaml", "lists: []\n")
    here = write(tmp_path / "c" / "enrich.yaml", "lists: []\n")
    monkeypatch.chdir(here.parent)
    assert find_config(explicit, {"ENRICH_CONFIG": str(from_env)}) == explicit
    assert find_config(None, {"ENRICH_CONFIG": str(from_env)}) == from_env
    assert find_config(None, {}) == Path.cwd() / "enrich.yaml"
    monkeypatch.chdir(tmp_path)
    assert find_config(None, {}) is None
    with pytest.raises(ConfigError, match=r"config file not found: .*nope\.yaml"):
        find_config(None, {"ENRICH_CONFIG": str(tmp_path / "nope.yaml")})


def test_defaults_without_a_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(None, env={})
    assert settings.config_path is None and settings.lists == ()
    assert settings.data_dir == tmp_path / "data"
    assert settings.raw_dir == tmp_path / "data" / "raw"
    assert settings.warehouse_path == tmp_path / "data" / "warehouse" / "catalogue.duckdb"
    assert settings.releases_dir == tmp_path / "data" / "releases"
    assert settings.pace_dir == tmp_path / "data" / "state" / "pace"
    assert tuple(settings.sources) == SOURCE_NAMES
    for name, default in SOURCE_DEFAULTS.items():
        source = settings.sources[name]
        assert source.base_url == default.base_url.rstrip("/") and source.enabled
    assert settings.max_shrink == DEFAULT_MAX_SHRINK
    assert settings.secrets() == () and settings.notices == ()
    assert settings.user_agent.startswith("enrich/") and "(+https://" in settings.user_agent


def test_paths_and_lists_are_relative_to_the_config(tmp_path: Path) -> None:
    config = write(
        tmp_path / "project" / "enrich.yaml",
        "data_dir: store\n"
        "lists:\n"
        "  - {name: 'Mental Health LLMs!', snapshot: lists/mh.md}\n"
        "  - {name: remote, url: 'https://example.org/o/r/main/README.md'}\n",
    )
    settings = load_settings(config, env={})
    root = config.parent.resolve()
    assert settings.root == root and settings.data_dir == root / "store"
    assert [(c.name, c.url, c.snapshot) for c in settings.lists] == [
        ("mental-health-llms", None, root / "lists" / "mh.md"),
        ("remote", "https://example.org/o/r/main/README.md", None),
    ]
    env_dir = tmp_path / "elsewhere"
    assert load_settings(config, env={"ENRICH_DATA_DIR": str(env_dir)}).data_dir == env_dir


@pytest.mark.parametrize(
    ("lists", "message"),
    [
        ("  - {name: a, url: 'https://x.org/a'}\n  - {name: A, url: 'https://x.org/b'}\n",
         "'a' is used twice"),
        ("  - {name: lonely}\n", "list 'lonely' needs a 'url' or a 'snapshot'"),
        ("  - {name: '!!!', url: 'https://x.org/a'}\n", "cannot make a list name out of '!!!'"),
    ],
)
def test_list_entries_that_cannot_work_are_refused(
    tmp_path: Path, lists: str, message: str
) -> None:
    config = write(tmp_path / "enrich.yaml", "lists:\n" + lists)
    with pytest.raises(ConfigError, match=message):
        load_settings(config, env={})


def test_a_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "blocker", "not a directory")
    with pytest.raises(ConfigError, match="cannot be a directory"):
        load_settings(None, env={"ENRICH_DATA_DIR": str(tmp_path / "blocker" / "data")})


def test_secrets_come_from_the_environment_then_dotenv_and_are_never_shown(
    tmp_path: Path,
) -> None:
    config = write(tmp_path / "enrich.yaml", "lists: []\n")
    write(tmp_path / ".env", f"GITHUB_TOKEN=from-dotenv-token\nS2_API_KEY={KEY}\n"
                             "ENRICH_MAX_RETRIES=5\n")
    settings = load_settings(config, env={"GITHUB_TOKEN": TOKEN})
    assert settings.github_token == TOKEN  # the real environment wins over .env
    assert settings.s2_api_key == KEY  # .env fills what the environment lacks
    assert settings.max_retries == 5
    assert settings.secrets() == (TOKEN, KEY)
    assert TOKEN not in repr(settings) and KEY not in repr(settings)
    # A variable set empty in the environment is set: .env does not fill it, and empty is unset.
    emptied = load_settings(config, env={"S2_API_KEY": "", "ENRICH_MAX_RETRIES": ""})
    assert emptied.secrets() == ("from-dotenv-token",) and emptied.max_retries == 3


def test_a_changed_base_url_is_named_and_keeps_its_secret_from_the_environment(
    tmp_path: Path,
) -> None:
    settings = load_settings(
        None, env={"ENRICH_GITHUB_API_URL": "http://127.0.0.1:8080/", "GITHUB_TOKEN": TOKEN}
    )
    assert settings.sources["github"].base_url == "http://127.0.0.1:8080"
    assert settings.github_token == TOKEN
    assert settings.notices == (
        f"github base URL http://127.0.0.1:8080 (from $ENRICH_GITHUB_API_URL; default "
        f"{SOURCE_DEFAULTS['github'].base_url})",
    )
    assert settings.secret_hosts("github") == {"127.0.0.1:8080"}
    assert settings.secret_hosts("nope") == frozenset()


def test_secret_hosts_of_github_include_its_uploads_host() -> None:
    settings = load_settings(None, env={})
    assert settings.secret_hosts("github") == {"api.github.com:443", "uploads.github.com:443"}
    assert settings.secret_hosts("s2") == {host_of(SOURCE_DEFAULTS["s2"].base_url)}


def test_host_of_makes_the_default_port_explicit() -> None:
    assert host_of("https://API.GitHub.com/graphql") == "api.github.com:443"
    assert host_of("http://127.0.0.1:9/x") == "127.0.0.1:9"
    assert host_of("http://example.org") == "example.org:80"
    assert host_of("ftp://example.org") == "example.org:0"
    assert host_of("not a url") == "" and host_of("http://[::1") == ""


def test_a_one_off_list_is_a_url_or_a_regular_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://raw.githubusercontent.com/owner/Awesome-Things/main/README.md"
    assert list_from_argument(url, tmp_path) == list_from_argument(url, Path("/"))
    assert list_from_argument(url, tmp_path).name == "awesome-things"
    assert list_from_argument("https://example.org/list", tmp_path).name == (
        "https-example-org-list"
    )
    write(tmp_path / "My.List.README.md", "# x\n")
    monkeypatch.chdir(tmp_path)
    local = list_from_argument("My.List.README.md", tmp_path)
    assert (local.name, local.url, local.snapshot) == (
        "my-list", None, (tmp_path / "My.List.README.md").resolve()
    )
    with pytest.raises(ConfigError, match=r"list file not found: missing\.md"):
        list_from_argument("missing.md", tmp_path)
    (tmp_path / "folder").mkdir()
    with pytest.raises(ConfigError, match="not a regular file"):
        list_from_argument(str(tmp_path / "folder"), tmp_path)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="Linux /proc")
def test_only_regular_files_outside_the_machines_state_are_list_files(tmp_path: Path) -> None:
    regular = write(tmp_path / "list.md", "# x\n")
    assert is_regular_list_file(regular)
    link = tmp_path / "to-environ"
    link.symlink_to("/proc/self/environ")
    for path in (Path("/proc/self/environ"), link, Path("/dev/null"), tmp_path,
                 tmp_path / "missing.md"):
        assert not is_regular_list_file(path), path
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert not is_regular_list_file(fifo)
