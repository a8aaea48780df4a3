"""Synthetic awesome lists with the seed list's mix of links, from a few entries to ten thousand.

The mix is *measured* on the parsed seed (`measure`), not typed in: every synthetic entry is made
from one seed entry taken as a template (bullet or table row, the kinds of its links and the
form of each URL — `abs/` or `pdf/`, a version suffix, a trailing slash, `?tab=readme`, an ACM
or Nature DOI page …), cycling through the seed entries in a shuffled order so that every full
cycle reproduces the seed's proportions exactly. Each link gets a made-up id that is valid in
form:

- arXiv: new-style ids over 60 months, `2101.00001`, `2102.00001`, … `2512.00001`, `2101.00002` …
- ACL Anthology: a paper number within a volume drawn from a pool of ~130 volumes (main
  conferences 2020–2025 with their real volume names and sizes, old-style `P19-1`, `D19-1`,
  workshops), weighted towards recent main conferences;
- DOI: the template's prefix and its suffix with the digits replaced (`10.1145/0001234`);
- GitHub: `owner/repo` names, three repositories per owner;
- OpenReview, Hugging Face models and datasets: made-up ids; other URLs: the template's host
  with a new path (so the share of hosts Semantic Scholar can look up stays the seed's).

Duplicates: a link reuses an id already used by an earlier entry with the probability measured
on the seed for its kind (the same paper listed twice, a repository shared by two papers).
Broken lines: the seed's parse problems (a link missing its ']' and a stray ')') are reproduced
at the seed's rate.

`make_workload(n)` returns the list and its changed version (5% more entries, inserted across
the list, old entries unchanged), so a benchmark can measure a list change.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from enrich.ids import acl_volume_id
from enrich.parse import parse_list
from enrich.plan import wanted_items
from enrich.resolve import ResolvedEntry, resolve_entries

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "lists" / "awesome-mental-health-llms.README.md"

# Link kinds as `enrich.ids` names them.
KINDS = ("arxiv", "hf_paper", "acl", "doi", "openreview", "github", "hf_model", "hf_dataset", "url")
PAPER_KINDS = ("arxiv", "hf_paper", "acl", "doi", "openreview")
CHANGE_SHARE = 0.05  # a list change adds 5% entries

# --------------------------------------------------------------------------------------------
# ACL Anthology volumes: (volume, papers in it, weight). Sizes are of the order of the real
# volumes (a main conference's long papers ~500–1300, findings ~500–1000, workshops 20–60).
# --------------------------------------------------------------------------------------------

_YEAR_WEIGHT = {2020: 0.6, 2021: 0.8, 2022: 1.0, 2023: 1.5, 2024: 2.5, 2025: 3.0}
_MAIN: dict[str, tuple[int, float, tuple[int, ...]]] = {
    # venue part: (papers, weight, years)
    "acl-long": (900, 10, (2020, 2021, 2022, 2023, 2024, 2025)),
    "acl-short": (200, 3, (2020, 2021, 2022, 2023, 2024, 2025)),
    "findings-acl": (900, 8, (2021, 2022, 2023, 2024, 2025)),
    "acl-demo": (60, 1, (2020, 2021, 2022, 2023, 2024, 2025)),
    "emnlp-main": (1100, 10, (2020, 2021, 2022, 2023, 2024, 2025)),
    "findings-emnlp": (1000, 8, (2020, 2021, 2022, 2023, 2024, 2025)),
    "emnlp-demo": (60, 1, (2020, 2021, 2022, 2023, 2024, 2025)),
    "naacl-long": (480, 5, (2021, 2022, 2024, 2025)),
    "naacl-short": (120, 2, (2021, 2022, 2024, 2025)),
    "findings-naacl": (500, 3, (2022, 2024, 2025)),
    "eacl-long": (250, 2, (2021, 2023, 2024)),
    "findings-eacl": (200, 1, (2023, 2024)),
    "coling-main": (700, 4, (2020, 2022, 2025)),
    "lrec-1": (750, 3, (2020, 2022)),
    "lrec-main": (1500, 4, (2024,)),
}
_WORKSHOPS = (
    "clpsych-1",
    "wassa-1",
    "bionlp-1",
    "clinicalnlp-1",
    "louhi-1",
    "sigdial-1",
    "iwsds-1",
    "nlpaics-1",
    "wnut-1",
    "cmcl-1",
)
_OLD_STYLE = (  # (volume, papers, weight)
    ("P19-1", 660, 1.5),
    ("D19-1", 680, 1.5),
    ("N19-1", 420, 1.0),
    ("P18-1", 250, 0.7),
    ("D18-1", 550, 0.7),
    ("W19-30", 30, 0.3),
    ("W18-06", 40, 0.3),
    ("W18-59", 40, 0.3),
    ("W17-31", 25, 0.3),
    ("W15-12", 25, 0.3),
)
_VENUE_TAG = {
    "acl": "ACL",
    "findings": "Findings",
    "emnlp": "EMNLP",
    "naacl": "NAACL",
    "eacl": "EACL",
    "coling": "COLING",
    "lrec": "LREC",
    "clpsych": "CLPsych",
    "wassa": "WASSA",
    "bionlp": "BioNLP",
    "clinicalnlp": "clinicalnlp",
    "louhi": "Louhi",
    "sigdial": "SIGDIAL",
    "iwsds": "iwsds",
    "nlpaics": "NLPAICS",
    "wnut": "W-NUT",
    "cmcl": "CMCL",
}


def acl_volumes() -> list[tuple[str, int, float]]:
    """The pool of ACL Anthology volumes: (volume id, papers in it, weight)."""
    pool: list[tuple[str, int, float]] = []
    for part, (size, weight, years) in _MAIN.items():
        pool.extend((f"{y}.{part}", size, weight * _YEAR_WEIGHT[y]) for y in years)
    for name in _WORKSHOPS:
        size = 25 + sum(map(ord, name)) % 36
        pool.extend((f"{y}.{name}", size, 0.5 * _YEAR_WEIGHT[y]) for y in _YEAR_WEIGHT)
    pool.extend(_OLD_STYLE)
    return pool


def volume_size(volume: str) -> int | None:
    """How many papers a pool volume holds (None for a volume not in the pool)."""
    return _VOLUME_SIZES.get(volume)


_VOLUME_SIZES = {v: size for v, size, _ in acl_volumes()}


def _acl_paper_id(volume: str, number: int) -> str:
    if "." in volume:
        return f"{volume}.{number}"
    coll, _, vol = volume.partition("-")
    digits = 4 - len(vol)
    return f"{coll}-{vol}{number:0{digits}d}"


def _acl_tag(volume: str) -> str:
    if "." in volume:
        year, part = volume.split(".", 1)
        venue = part.split("-")[0]
    else:
        year = "20" + volume[1:3]
        venue = {"P": "acl", "D": "emnlp", "N": "naacl", "W": "clpsych"}[volume[0]]
    return f"{_VENUE_TAG.get(venue, venue.upper())}'{year[-2:]}"


# --------------------------------------------------------------------------------------------
# The mix of a list, measured
# --------------------------------------------------------------------------------------------


@dataclass
class Mix:
    """What a list is made of, from its parse."""

    entries: int
    bullets: int
    table_rows: int
    problems: int  # parse problems (warnings and errors)
    links: dict[str, int]  # links of each kind
    unique: dict[str, int]  # distinct ids of each kind
    entries_with: dict[str, int]  # entries with at least one link of the kind
    wanted: dict[str, int]  # items each source would be asked for (plan.wanted_items)
    acl_volumes: int

    def shares(self) -> dict[str, float]:
        """Proportions comparable between lists of any size."""
        n = max(1, self.entries)
        out = {"bullets": self.bullets / n, "problems": self.problems / n}
        for kind in KINDS:
            links = self.links.get(kind, 0)
            out[f"links_per_entry.{kind}"] = links / n
            out[f"entries_with.{kind}"] = self.entries_with.get(kind, 0) / n
            repeated = links - self.unique.get(kind, 0)
            out[f"duplicate_links.{kind}"] = repeated / links if links else 0.0
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "bullets": self.bullets,
            "table_rows": self.table_rows,
            "problems": self.problems,
            "links": dict(self.links),
            "unique_ids": dict(self.unique),
            "entries_with": dict(self.entries_with),
            "wanted": dict(self.wanted),
            "acl_volumes": self.acl_volumes,
        }


def resolved_of(text: bytes, name: str = "list") -> tuple[Any, list[ResolvedEntry]]:
    parsed = parse_list(name, text)
    return parsed, resolve_entries(parsed.entries)


def measure(text: bytes, name: str = "list") -> Mix:
    parsed, resolved = resolved_of(text, name)
    links: Counter[str] = Counter()
    ids: dict[str, set[str]] = {}
    with_kind: Counter[str] = Counter()
    for entry in resolved:
        kinds = set()
        for rl in entry.links:
            links[rl.cid.kind] += 1
            ids.setdefault(rl.cid.kind, set()).add(rl.cid.value)
            kinds.add(rl.cid.kind)
        with_kind.update(kinds)
    wanted = {source: len(items) for source, items in wanted_items(resolved).items()}
    volumes = set()
    for acl_id in ids.get("acl", ()):
        with contextlib.suppress(ValueError):
            volumes.add(acl_volume_id(acl_id))
    formats = Counter(e.source_format for e in parsed.entries)
    return Mix(
        entries=len(parsed.entries),
        bullets=formats.get("bullet", 0),
        table_rows=formats.get("table", 0),
        problems=len(parsed.problems),
        links=dict(links),
        unique={k: len(v) for k, v in ids.items()},
        entries_with=dict(with_kind),
        wanted=wanted,
        acl_volumes=len(volumes),
    )


def compare(seed: Mix, synth: Mix) -> dict[str, tuple[float, float]]:
    """Every share of the seed next to the synthetic list's: {share: (seed, synthetic)}."""
    a, b = seed.shares(), synth.shares()
    return {key: (a[key], b.get(key, 0.0)) for key in a}


# --------------------------------------------------------------------------------------------
# Templates: the seed's entries, as shapes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateLink:
    label: str
    kind: str
    url: str  # the seed's URL, whose id is replaced
    value: str  # the seed's canonical id for that URL


@dataclass(frozen=True)
class Template:
    fmt: str  # "bullet" | "table"
    tag: str | None
    year: str | None  # table "Year" column, e.g. "2024.5"
    description: str | None
    links: tuple[TemplateLink, ...]


def seed_templates(text: bytes | None = None) -> list[Template]:
    _, resolved = resolved_of(text if text is not None else SEED.read_bytes(), "seed")
    out = []
    for r in resolved:
        e = r.entry
        year = None
        if e.listed_year is not None and e.source_format == "table":
            year = f"{e.listed_year}.{e.listed_month}" if e.listed_month else str(e.listed_year)
        links = tuple(
            TemplateLink(rl.link.label, rl.cid.kind, rl.link.url, rl.cid.value) for rl in r.links
        )
        out.append(Template(e.source_format, e.venue_tag, year, e.description, links))
    return out


def seed_rates(text: bytes | None = None) -> tuple[dict[str, float], float]:
    """(probability that a link of each kind repeats an earlier id, parse problems per entry)."""
    mix = measure(text if text is not None else SEED.read_bytes(), "seed")
    dup = {
        kind: (mix.links[kind] - mix.unique.get(kind, 0)) / mix.links[kind]
        for kind in mix.links
        if mix.links[kind]
    }
    return dup, mix.problems / max(1, mix.entries)


# --------------------------------------------------------------------------------------------
# Made-up ids, valid in form
# --------------------------------------------------------------------------------------------

_MONTHS = [f"{y:02d}{m:02d}" for y in range(21, 26) for m in range(1, 13)]
_OWNERS = ("nlp-lab", "MindLab", "psy-ai", "CogGroup", "hci-team", "MedNLP", "ai4mh", "DeepCare")
_REPO_WORDS = ("counsel", "empathy", "depress", "dialog", "bench", "agent", "care", "mind")
_TITLE_WORDS = tuple(
    " ".join(
        (
            "dialogue counseling empathy memory agents support reasoning benchmark dataset",
            "language models therapy emotion retrieval evaluation alignment multilingual safety",
            "detection risk conversation simulation feedback personalised clinical depression",
            "anxiety stress social media cognitive distortion reframing suicide screening",
            "multimodal speech wearable",
        )
    ).split()
)


def _redigit(text: str, k: int) -> str:
    """`text` with its digits replaced by those of k (zero-padded): same shape, new value."""
    n = sum(c.isdigit() for c in text)
    digits = iter(str(k).zfill(n)[-n:] if n else "")
    return "".join(next(digits) if c.isdigit() else c for c in text)


def _replace_ci(text: str, old: str, new: str) -> str | None:
    i = text.lower().find(old.lower())
    return None if i < 0 else text[:i] + new + text[i + len(old) :]


class IdMaker:
    """Fresh ids of every kind, none of them in `reserved`."""

    def __init__(self, rng: random.Random, reserved: set[str] | None = None) -> None:
        self.rng = rng
        self.reserved = {r.lower() for r in reserved or ()}
        self.counters: Counter[str] = Counter()
        self.pool = acl_volumes()
        self.acl_taken: dict[str, set[int]] = {}

    def _next(self, kind: str) -> int:
        self.counters[kind] += 1
        return self.counters[kind]

    def _fresh(self, kind: str, make: Any) -> str:
        while True:
            value = str(make(self._next(kind)))
            if value.lower() not in self.reserved:
                self.reserved.add(value.lower())
                return value

    def arxiv(self) -> str:
        return self._fresh("arxiv", lambda k: f"{_MONTHS[(k - 1) % 60]}.{(k - 1) // 60 + 1:05d}")

    def acl(self) -> str:
        volumes = [v for v, _, _ in self.pool]
        weights = [w for _, _, w in self.pool]
        while True:
            volume = self.rng.choices(volumes, weights)[0]
            size = _VOLUME_SIZES[volume]
            taken = self.acl_taken.setdefault(volume, set())
            if len(taken) >= size:
                continue
            number = self.rng.randint(1, size)
            while number in taken:
                number = self.rng.randint(1, size)
            taken.add(number)
            acl_id = _acl_paper_id(volume, number)
            if acl_id.lower() not in self.reserved:
                self.reserved.add(acl_id.lower())
                return acl_id

    def github(self) -> str:
        def make(k: int) -> str:
            owner = f"{_OWNERS[(k // 3) % len(_OWNERS)]}{k // 3}"
            return f"{owner}/{_REPO_WORDS[k % len(_REPO_WORDS)]}-{k}"

        return self._fresh("github", make)

    def doi(self, template: str) -> str:
        prefix, _, suffix = template.partition("/")
        return self._fresh("doi", lambda k: f"{prefix}/{_redigit(suffix, 1_000_000 + k)}")

    def openreview(self) -> str:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        return self._fresh("openreview", lambda k: "".join(self.rng.choices(alphabet, k=10)))

    def hf(self, kind: str) -> str:
        if kind == "hf_dataset":
            return self._fresh(kind, lambda k: f"lab{k}/Dataset-{k}")
        return self._fresh(kind, lambda k: f"Lab{k}/Model-{k}")

    def url(self, template: str) -> str:
        host = _host(template)
        # One path segment: on huggingface.co two would read as a model id.
        return self._fresh("url", lambda k: f"https://{host}/bench-item-{k}")


def _new_link(link: TemplateLink, value: str) -> str:
    """The template's URL with its id replaced by `value` (same form: abs/pdf, vN, slash …)."""
    url = link.url
    if link.kind == "url":
        return value  # IdMaker.url made a whole URL on the template's host
    if link.kind == "doi":
        old_suffix = link.value.partition("/")[2]
        new_suffix = value.partition("/")[2]
        replaced = _replace_ci(url, old_suffix, new_suffix)
        return replaced if replaced is not None else f"https://doi.org/{value}"
    replaced = _replace_ci(url, link.value, value)
    if replaced is None:  # e.g. an id written differently in the URL: a plain URL of the kind
        return {
            "arxiv": f"https://arxiv.org/abs/{value}",
            "hf_paper": f"https://huggingface.co/papers/{value}",
            "acl": f"https://aclanthology.org/{value}/",
            "github": f"https://github.com/{value}",
            "openreview": f"https://openreview.net/forum?id={value}",
            "hf_model": f"https://huggingface.co/{value}",
            "hf_dataset": f"https://huggingface.co/datasets/{value}",
        }[link.kind]
    return replaced


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------


@dataclass
class SynthEntry:
    fmt: str
    tag: str | None
    title: str
    year: str | None
    description: str | None
    name: str | None  # dataset name (table rows)
    links: list[tuple[str, str]]  # (label, url)
    broken: str | None = None  # "missing_bracket" | "stray_paren"
    added: bool = False  # only in the changed version of the list
    section: int = 0
    subsection: int = 0
    group: int | None = None


@dataclass
class Workload:
    name: str
    text: bytes  # the list (a registry: every list, one after the other, to count and measure)
    changed: bytes  # the list with 5% more entries
    entries: int
    added: int
    extra: dict[str, Any] = field(default_factory=dict)
    # A registry of lists: (text, changed text) of each; empty for a single list.
    lists: list[tuple[bytes, bytes]] = field(default_factory=list)

    def served(self, changed: bool = False) -> list[bytes]:
        """The list files a refresh reads: one, or each list of a registry."""
        if not self.lists:
            return [self.changed if changed else self.text]
        return [c if changed else t for t, c in self.lists]


def _title(rng: random.Random, k: int) -> str:
    words = rng.sample(_TITLE_WORDS, 6)
    acronym = "".join(w[0] for w in words[:3]).upper()
    rest = " ".join(w.capitalize() if i == 0 else w for i, w in enumerate(words))
    return f"{acronym}-{k}: {rest}"


def generate_entries(
    n: int,
    *,
    seed: int = 20261125,
    reserved: set[str] | None = None,
    seed_text: bytes | None = None,
) -> list[SynthEntry]:
    """n entries with the seed's mix, in list order (sections not yet assigned)."""
    rng = random.Random(seed)
    templates = seed_templates(seed_text)
    dup_rate, problem_rate = seed_rates(seed_text)
    ids = IdMaker(rng, reserved)
    used: dict[str, list[str]] = {}
    title_of: dict[tuple[str, str], str] = {}
    order: list[int] = []
    entries: list[SynthEntry] = []
    broken_kinds = ("missing_bracket", "stray_paren")
    bullet_templates = max(1, sum(1 for t in templates if t.fmt == "bullet"))
    broken_per_bullet = problem_rate * len(templates) / bullet_templates
    broken_budget, broken = 0.0, 0
    for k in range(n):
        if not order:
            order = list(range(len(templates)))
            rng.shuffle(order)
        t = templates[order.pop()]
        title = _title(rng, k + 1)
        links: list[tuple[str, str]] = []
        tag = t.tag
        primary: tuple[str, str] | None = None
        for link in t.links:
            kind = link.kind
            pool = used.setdefault(_pool_key(link), [])
            if pool and rng.random() < dup_rate.get(kind, 0.0):
                value = rng.choice(pool)
            else:
                value = _fresh_value(ids, link)
                pool.append(value)
            if kind in PAPER_KINDS and primary is None:
                primary = (kind, value.lower())
                if kind == "acl":
                    tag = _acl_tag(acl_volume_id(value))
            links.append((link.label, _new_link(link, value)))
        if primary is not None:  # the same paper listed again keeps its title
            title = title_of.setdefault(primary, title)
        entry = SynthEntry(
            fmt=t.fmt,
            tag=tag,
            title=title,
            year=t.year,
            description=t.description,
            name=f"DS{k + 1}" if t.fmt == "table" else None,
            links=links,
        )
        if t.fmt == "bullet" and links:
            broken_budget += broken_per_bullet
            if broken_budget >= 1.0:
                broken_budget -= 1.0
                entry.broken = broken_kinds[broken % 2]
                broken += 1
        entries.append(entry)
    return entries


def _pool_key(link: TemplateLink) -> str:
    """Ids a duplicate may repeat: same kind (and same DOI prefix, same host for other URLs,
    so that the repeated id still fits the template's URL form)."""
    if link.kind == "doi":
        return "doi:" + link.value.partition("/")[0]
    if link.kind == "url":
        return "url:" + _host(link.url)
    return link.kind


def _host(url: str) -> str:
    return re.sub(r"^https?://", "", url).split("/", 1)[0].split("?", 1)[0].lower()


def _fresh_value(ids: IdMaker, link: TemplateLink) -> str:
    kind = link.kind
    if kind in ("arxiv", "hf_paper"):
        return ids.arxiv()
    if kind == "acl":
        return ids.acl()
    if kind == "doi":
        return ids.doi(link.value)
    if kind == "github":
        return ids.github()
    if kind == "openreview":
        return ids.openreview()
    if kind in ("hf_model", "hf_dataset"):
        return ids.hf(kind)
    return ids.url(link.url)


BULLETS_PER_SUBSECTION = 12
ROWS_PER_SUBSECTION = 24
ROWS_PER_GROUP = 18


def assign_sections(entries: list[SynthEntry]) -> None:
    """Sections of two bullet subsections and one table subsection, in the seed's sizes."""
    bullets = [e for e in entries if e.fmt == "bullet"]
    rows = [e for e in entries if e.fmt != "bullet"]
    section = 0
    while bullets or rows:
        section += 1
        for sub in (1, 2):
            for e in bullets[:BULLETS_PER_SUBSECTION]:
                e.section, e.subsection = section, sub
            bullets = bullets[BULLETS_PER_SUBSECTION:]
        for i, e in enumerate(rows[:ROWS_PER_SUBSECTION]):
            e.section, e.subsection = section, 3
            e.group = i // ROWS_PER_GROUP if section % 2 == 0 else None
        rows = rows[ROWS_PER_SUBSECTION:]


def _links_text(e: SynthEntry) -> str:
    parts = []
    for i, (label, url) in enumerate(e.links):
        shown = {"Paper": "📝 Paper", "Code": "💻 Code"}.get(label, label)
        if i == 0 and e.broken == "missing_bracket":
            parts.append(f"[[{shown} ({url})]")
        elif i == 0 and e.broken == "stray_paren":
            parts.append(f"[[{shown}]({url}))]")
        else:
            parts.append(f"[[{shown}]({url})]")
    return " ".join(parts)


def render(entries: list[SynthEntry], *, title: str, include_added: bool) -> bytes:
    lines = [
        f"# {title}",
        "",
        "A synthetic awesome list for benchmarks, with the mix of links of the seed list.",
        "",
    ]
    shown = [e for e in entries if include_added or not e.added]
    current: tuple[int, int] | None = None
    group: int | None = None
    for e in shown:
        if (e.section, e.subsection) != current:
            if current is None or current[0] != e.section:
                lines += ["", f"## {e.section}. Topic {e.section}"]
            lines += [f"### {e.section}.{e.subsection} Subtopic {e.section}.{e.subsection}", ""]
            if e.fmt == "table":
                lines += ["| Dataset | Year | Description | Source |", "|---|---|---|---|"]
            current, group = (e.section, e.subsection), None
        tag = f"(*{e.tag}*) " if e.tag else ""
        if e.fmt == "table":
            if e.group is not None and e.group != group:
                lines.append(f"| **Group {e.section}.{e.group + 1}** ||||")
                group = e.group
            lines.append(
                f"| {e.name} | {e.year or ''} | {e.description or 'A dataset'} | "
                f"{tag}{e.title} {_links_text(e)} |"
            )
        else:
            lines.append(f"- {tag}{e.title} {_links_text(e)}".rstrip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def make_workload(n: int, *, seed: int = 20261125, name: str | None = None) -> Workload:
    """A synthetic list of n entries, and the same list with 5% more entries across it."""
    added = math.ceil(n * CHANGE_SHARE)
    entries = generate_entries(n + added, seed=seed, reserved=_seed_ids())
    rng = random.Random(seed + 1)
    for i in rng.sample(range(len(entries)), added):
        entries[i].added = True
    assign_sections(entries)
    title = name or f"Synthetic list of {n} entries"
    return Workload(
        name=name or str(n),
        text=render(entries, title=title, include_added=False),
        changed=render(entries, title=title, include_added=True),
        entries=n,
        added=added,
    )


def seed_workload(*, seed: int = 20261125) -> Workload:
    """The seed list itself, and the seed with 5% more (synthetic) bullets inserted across it."""
    text = SEED.read_bytes()
    mix = measure(text, "seed")
    added = math.ceil(mix.entries * CHANGE_SHARE)
    templates = [t for t in seed_templates(text) if t.fmt == "bullet"]
    bullet_only = _bullet_seed_text(templates)
    extra = generate_entries(added, seed=seed, reserved=_seed_ids(), seed_text=bullet_only)
    for e in extra:
        e.broken = None
    lines = text.split(b"\n")
    bullet_lines = [i for i, line in enumerate(lines) if line.lstrip().startswith(b"- ")]
    rng = random.Random(seed + 1)
    # Inserted before a bullet line: never between an entry and its continuation line.
    before = sorted(rng.sample(bullet_lines, added), reverse=True)
    new_lines = list(lines)
    for i, e in zip(before, extra, strict=True):
        tag = f"(*{e.tag}*) " if e.tag else ""
        new_lines.insert(i, f"- {tag}{e.title} {_links_text(e)}".encode())
    return Workload(
        name="seed",
        text=text,
        changed=b"\n".join(new_lines),
        entries=mix.entries,
        added=added,
    )


def _bullet_seed_text(templates: list[Template]) -> bytes:
    """The seed's bullet entries alone, as a list (templates for bullets added to the seed)."""
    lines = ["## Bullets", "### Only"]
    for t in templates:
        links = " ".join(f"[[{link.label}]({link.url})]" for link in t.links)
        tag = f"(*{t.tag}*) " if t.tag else ""
        lines.append(f"- {tag}Title {links}")
    return ("\n".join(lines) + "\n").encode()


_SEED_IDS: set[str] | None = None


def _seed_ids() -> set[str]:
    """Every id of the seed, so that made-up ids never collide with a real one."""
    global _SEED_IDS
    if _SEED_IDS is None:
        _, resolved = resolved_of(SEED.read_bytes(), "seed")
        _SEED_IDS = {rl.cid.value.lower() for r in resolved for rl in r.links}
    return set(_SEED_IDS)


REGISTRY_LISTS = 10
REGISTRY_SHARED = 0.2  # a fifth of every list's papers is in every other list too


def make_registry(
    total: int,
    *,
    lists: int = REGISTRY_LISTS,
    shared: float = REGISTRY_SHARED,
    seed: int = 20261125,
    name: str | None = None,
) -> Workload:
    """`lists` lists of total/lists entries each, the shape of a list registry: every list has
    a share of its entries (``shared``) in common with all the others, spread through it, and
    its own for the rest; a change adds 5% entries of its own to every list."""
    per_list = total // lists
    n_shared = round(per_list * shared)
    n_own = per_list - n_shared
    added = math.ceil(per_list * CHANGE_SHARE)
    pool = generate_entries(n_shared + lists * (n_own + added), seed=seed, reserved=_seed_ids())
    common = pool[:n_shared]
    texts: list[tuple[bytes, bytes]] = []
    for i in range(lists):
        start = n_shared + i * (n_own + added)
        own = [dataclasses.replace(e) for e in pool[start : start + n_own + added]]
        rng = random.Random(seed + 100 + i)
        for e in rng.sample(own, added):
            e.added = True
        mine = [dataclasses.replace(e) for e in common] + own
        rng.shuffle(mine)
        assign_sections(mine)
        title = f"Synthetic list {i + 1} of a registry of {lists}"
        texts.append((render(mine, title=title, include_added=False),
                      render(mine, title=title, include_added=True)))  # fmt: skip
    return Workload(
        name=name or f"registry-{total}",
        text=b"\n".join(t for t, _ in texts),
        changed=b"\n".join(c for _, c in texts),
        entries=per_list * lists,
        added=added * lists,
        extra={"lists": lists, "entries_per_list": per_list, "shared_per_list": n_shared},
        lists=texts,
    )


def workload(spec: str, *, seed: int = 20261125) -> Workload:
    """`seed`, `1k`, `10k`, a number of entries, or `100k` (a registry of ten lists of 10k
    sharing a fifth of their papers; `registry-N` for another size)."""
    if spec == "seed":
        return seed_workload(seed=seed)
    text = spec.lower().replace("_", "")
    if text in ("100k", "registry") or text.startswith("registry-"):
        size = text.removeprefix("registry-") if text.startswith("registry-") else "100k"
        n = int(float(size[:-1]) * 1000) if size.endswith("k") else int(size)
        return make_registry(n, seed=seed, name=spec)
    n = int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)
    return make_workload(n, seed=seed, name=spec)


if __name__ == "__main__":  # python -m bench.synth 1000: the mix of a synthetic list vs the seed
    import sys

    size = sys.argv[1] if len(sys.argv) > 1 else "1000"
    wl = workload(size)
    seed_mix, synth_mix = measure(SEED.read_bytes(), "seed"), measure(wl.text, "synth")
    print(f"{'share':<34} {'seed':>8} {'synthetic':>10}")
    for key, (a, b) in compare(seed_mix, synth_mix).items():
        if a or b:
            print(f"{key:<34} {a:>8.3f} {b:>10.3f}")
    print("seed:", seed_mix.as_dict())
    print("synthetic:", synth_mix.as_dict())
