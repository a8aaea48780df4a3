"""``enrich check LIST``: parse a list with no network and no warehouse, and say what a
maintainer should fix, in the ``FILE:LINE: severity: message`` form editors and CI annotate.

A list's own CI can run it to stop a malformed entry being merged (the way awesome-lint is used):
it exits 1 when the list has errors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from enrich.config import is_regular_list_file
from enrich.errors import ConfigError
from enrich.models import ParsedList
from enrich.parse import parse_list

__all__ = ["CheckReport", "check_list"]


@dataclass(frozen=True)
class CheckReport:
    file: str
    parsed: ParsedList

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.parsed.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity != "error" for p in self.parsed.problems)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def shapes(self) -> dict[str, int]:
        return dict(Counter(e.source_format for e in self.parsed.entries))

    def to_text(self) -> str:
        lines = [f"{self.file}:{p.line_no}: {p.severity}: {p.reason}" for p in self.parsed.problems]
        shapes = ", ".join(f"{n} {k}" for k, n in sorted(self.shapes().items()))
        links = self.parsed.link_accounting
        ignored = {k.split(":", 1)[1]: v for k, v in links.items() if k.startswith("ignored:")}
        ignored_text = ", ".join(f"{k} {v}" for k, v in sorted(ignored.items()))
        lines.append(
            f"{self.file}: {len(self.parsed.entries)} entries ({shapes or 'none'}); "
            f"{len(self.parsed.link_ledger)} links: {links.get('entry', 0)} in entries, "
            f"{links.get('problem', 0)} in problems, {sum(ignored.values())} ignored"
            + (f" ({ignored_text})" if ignored_text else "")
            + f"; {self.errors} errors, {self.warnings} warnings"
        )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "entries": len(self.parsed.entries),
            "shapes": self.shapes(),
            "lines": self.parsed.line_accounting,
            "links": self.parsed.link_accounting,
            "errors": self.errors,
            "warnings": self.warnings,
            "problems": [
                {"line": p.line_no, "severity": p.severity, "message": p.reason, "text": p.text}
                for p in self.parsed.problems
            ],
        }


def check_list(path: Path, *, list_url: str | None = None) -> CheckReport:
    """Parse the list at ``path`` (a regular file) and report on it."""
    if not path.exists():
        raise ConfigError(f"cannot read the list {path}: No such file or directory")
    if not is_regular_list_file(path):  # the one rule for what is read as a list
        raise ConfigError(f"{path} is not a regular file: give the path of a list's README")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the list {path}: {exc.strerror or exc}") from None
    parsed = parse_list(path.stem, raw, list_url=list_url)
    return CheckReport(str(path), parsed)
