"""The `annotate:` section of the config: what an annotation shows and what separates its parts.

Its own module, light to import, because loading the settings (every command) validates it;
`enrich.annotate`, which uses it, imports the list parser and markdown-it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from enrich.errors import ConfigError

FIELDS = ("stars", "citations", "year", "flags")
DEFAULT_FIELDS = ("stars", "citations", "year", "flags")
DEFAULT_SEPARATOR = " · "


@dataclass(frozen=True)
class AnnotationFormat:
    """What an annotation shows, in order, and what separates the parts (config: ``annotate``)."""

    fields: tuple[str, ...] = DEFAULT_FIELDS
    separator: str = DEFAULT_SEPARATOR

    @classmethod
    def from_config(cls, raw: Any) -> AnnotationFormat:
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise ConfigError("config: 'annotate' must be a mapping with 'fields' and 'separator'")
        unknown_keys = set(raw) - {"fields", "separator"}
        if unknown_keys:
            raise ConfigError(f"config: annotate: unknown key(s) {sorted(unknown_keys)}")
        fields = raw.get("fields", list(DEFAULT_FIELDS))
        if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
            raise ConfigError("config: annotate.fields must be a list of field names")
        bad = [f for f in fields if f not in FIELDS]
        if bad:
            raise ConfigError(f"config: annotate.fields: unknown {bad}; known: {', '.join(FIELDS)}")
        separator = raw.get("separator", DEFAULT_SEPARATOR)
        if not isinstance(separator, str) or any(c in separator for c in "\r\n|<>"):
            raise ConfigError(
                "config: annotate.separator must be text without |, <, > or a newline"
            )
        return cls(tuple(fields), separator)
