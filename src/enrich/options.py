"""What a refresh was asked to do: built once (by the CLI, or by the flow from its parameters)
and passed down to every step. Light to import: the CLI builds it before taking the lock."""

from __future__ import annotations

from dataclasses import dataclass

from enrich.config import ListConfig, Settings
from enrich.errors import ConfigError


@dataclass(frozen=True)
class RefreshOptions:
    lists: tuple[ListConfig, ...] | None = None  # None: the configured lists
    offline: bool = False  # ask nothing of the network; use stored lists and values
    force: bool = False  # ask for everything, whatever its age
    only: frozenset[str] | None = None  # the sources to ask; None: all
    allow_stale: bool = False  # exit 0 even when a source could not be refreshed
    release: bool = True
    accept_shrink: bool = False  # load a list version that lost most (or all) of its entries
    prune: bool = False  # then remove what `enrich prune` would

    def as_dict(self) -> dict[str, object]:
        return {
            "lists": [lst.name for lst in self.lists] if self.lists else None,
            "offline": self.offline,
            "force": self.force,
            "only": sorted(self.only) if self.only else None,
            "allow_stale": self.allow_stale,
            "release": self.release,
            "accept_shrink": self.accept_shrink,
        }


def lists_to_refresh(settings: Settings, options: RefreshOptions) -> tuple[ListConfig, ...]:
    """The lists a refresh reads: those asked for, else the configured ones; none is a usage
    error (checked by the CLI before Prefect starts, and by the refresh itself)."""
    lists = options.lists or tuple(settings.lists)
    if not lists:
        raise ConfigError("no lists configured: add one to enrich.yaml or pass --list FILE_OR_URL")
    return lists
