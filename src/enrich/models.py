"""Records passed between the stages of the pipeline (parse → plan → fetch → load).

Plain frozen dataclasses: no behaviour, no I/O, so every stage can be tested on its own.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """A frozen slotted dataclass pickled as its class and its field values. (Python's own
    pickling of one looks up its fields for every object, both ways: a 10,000-entry list's
    parse, sent from a helper process, took 0.33 s to pickle and 0.45 s to unpickle.)"""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    values: Callable[[Any], Any] = operator.attrgetter(*names)
    one = len(names) == 1

    def reduce(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, (values(self),) if one else values(self)

    setattr(cls, "__reduce__", reduce)  # noqa: B010  (a method set on the class made above)
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Link:
    """One link of a list entry, as the list wrote it."""

    label: str  # "Paper", "Code", … (emoji and brackets stripped); "" when the list gave none
    url: str  # as written, trimmed of surrounding whitespace; never rewritten
    line_no: int  # 1-based line of the list where the link starts


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a list: a bullet, a table row, a heading, a paragraph or an HTML row."""

    list_name: str
    position: int  # 1-based order of the entry in the list
    line_no: int  # 1-based line where the entry starts
    section: str | None  # text of the enclosing "##" heading, as written (numbering kept)
    subsection: str | None  # text of the enclosing "###" heading, as written
    group: str | None  # a bold group row inside a table ("Depression Detection"), if any
    kind: str  # "paper" | "dataset" | "other"
    source_format: str  # "bullet" | "table" | "heading" | "paragraph" | "html"
    listed_title: str  # the title as the list gives it (mojibake repaired)
    listed_venue: str | None  # "EMNLP", "arXiv", … from a tag like (*EMNLP'24*)
    listed_year: int | None  # 2024 from (*EMNLP'24*) or from a table year like 2024.5
    listed_month: int | None  # 5 from a table year like 2024.5
    dataset_name: str | None  # first column of a dataset table row
    description: str | None  # description column of a table row
    venue_tag: str | None  # the raw tag as written, e.g. "EMNLP'24"
    links: tuple[Link, ...] = ()
    listed_authors: str | None = None  # the authors as the list writes them, if it does


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ParseProblem:
    """A line that looks like an entry but could not be (fully) parsed."""

    list_name: str
    line_no: int
    reason: str
    text: str  # the offending line (repaired text), for the maintainer to find it
    severity: str = "error"  # "error": entry lost; "warning": entry kept, something repaired


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class LinkFate:
    """One link occurrence of a list and what became of it: exactly one fate per occurrence."""

    line_no: int
    url: str  # as written
    fate: str  # "entry" | "problem" | "ignored"
    reason: str  # ignored: the category ("badge", "anchor", …); problem: why; entry: ""
    entry_position: int | None = None  # the entry it belongs to (fate "entry")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ParsedList:
    list_name: str
    entries: tuple[Entry, ...]
    problems: tuple[ParseProblem, ...]
    text_repaired: bool  # True when mojibake was found and repaired
    # How every line of the list was accounted for: {"entry": 180, "heading": 12, "blank": …}
    line_accounting: dict[str, int] = field(default_factory=dict)
    # What became of every link occurrence, in document order, and the totals by fate/reason.
    link_ledger: tuple[LinkFate, ...] = ()

    @property
    def link_accounting(self) -> dict[str, int]:
        """{"entry": 310, "problem": 2, "ignored:badge": 12, …}: sums to len(link_ledger)."""
        counts: dict[str, int] = {}
        for item in self.link_ledger:
            key = item.fate if item.fate != "ignored" else f"ignored:{item.reason}"
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))
