"""enrich.sources.acl against the fake ACL Anthology on 127.0.0.1, and its pure BibTeX parser.

Real BibTeX in tests/fixtures/upstream/acl_anthology/ is Anthology-format BibTeX as the authors
quote it (qiuhuachuan/PsyGUARD, MIT; qiuhuachuan/smile, CC0-1.0; see
/work/shared/fixtures/upstream/SOURCES.md). `ACCENTED` below is written in the Anthology's own
style (quoted values, LaTeX accents in braces, capitals protected by braces).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enrich.rawstore import RawResponse, read_response, save_response
from enrich.sources import acl as source
from enrich.sources.base import ERROR, NOT_FOUND, OK, FetchContext, FetchOutcome, Parsed

from fake_upstream import FakeUpstream, FakeWorld
from support import fetch_context

BIBS = Path(__file__).parent / "fixtures" / "upstream" / "acl_anthology"

ACCENTED = r"""@inproceedings{muller-etal-2023-uber,
    title = "{\"U}ber {C}hat{GPT} \& {LLM}s: {\'E}valuation -- a {\v{C}}esk{\'y} Case",
    author = "M{\"u}ller, J{\"o}rg  and
      Garc{\'\i}a, Mar{\'\i}a Jos{\'e}  and
      Dvo{\v{r}}{\'a}k, Tom{\'a}{\v{s}}  and
      {van den Berg}, Piet  and
      Stra{\ss}e, Ren{\'e}e",
    booktitle = "Proceedings of the 61st Annual Meeting of the ACL (Volume 1: Long Papers)",
    month = jul,
    year = "2023",
    address = "Toronto, Canada",
    publisher = "Association for Computational Linguistics",
    url = "https://aclanthology.org/2023.acl-long.999/",
    doi = "10.18653/v1/2023.acl-long.999",
    pages = "100--112",
    abstract = "We study {\"u}ber-models with na{\"\i}ve prompts.",
}
"""

MakeCtx = Callable[..., FetchContext]


@pytest.fixture
def make_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeCtx:
    """A FetchContext for the Anthology at `base_url`: no pacing, short timeouts, no retries."""
    monkeypatch.chdir(tmp_path)  # no ./enrich.yaml
    monkeypatch.delenv("ENRICH_CONFIG", raising=False)

    def make(base_url: str, **env: str) -> FetchContext:
        ctx: FetchContext = fetch_context("acl", base_url, tmp_path / "data", **env)
        return ctx

    return make


def parse_all(outcome: FetchOutcome) -> Parsed:
    """Every saved answer parsed, in order, merged the way a loader would."""
    merged = Parsed()
    for path in outcome.raw_paths:
        parsed = source.parse(read_response(path))
        for table, rows in parsed.rows.items():
            merged.rows.setdefault(table, []).extend(rows)
        merged.statuses.update(parsed.statuses)
    merged.statuses.update(outcome.failed)
    return merged


def status_map(parsed: Parsed) -> dict[str, str]:
    return {acl_id: s.status for acl_id, s in parsed.statuses.items()}


def saved_raw(tmp_path: Path, body: bytes, ids: list[str], kind: str = "bib") -> RawResponse:
    path = save_response(
        tmp_path / "raw",
        source="acl",
        kind=kind,
        method="GET",
        url="http://127.0.0.1/x.bib",
        status=200,
        headers={"content-type": "application/x-bibtex"},
        body=body,
        meta={"ids": ids, "volume": "x"},
    )
    return read_response(path)


def paths_asked(fake: FakeUpstream) -> list[str]:
    return [r.path for r in fake.requests if r.service in ("acl", "files")]


# --- planning -----------------------------------------------------------------------------------


def test_plan_asks_each_volume_once() -> None:
    plan = source.plan_requests(
        [
            "2024.emnlp-main.264",
            "P19-1534",
            "2024.findings-emnlp.34",
            "2024.emnlp-main.3",
            "P19-1001",
            "W15-1204",
            "not an id",
            "2024.emnlp-main.264",  # twice: asked once
        ]
    )
    assert plan == [
        ("/volumes/2024.emnlp-main.bib", ["2024.emnlp-main.264", "2024.emnlp-main.3"]),
        ("/volumes/P19-1.bib", ["P19-1534", "P19-1001"]),
        ("/volumes/2024.findings-emnlp.bib", ["2024.findings-emnlp.34"]),
        ("/volumes/W15-12.bib", ["W15-1204"]),
    ]
    assert source.VOLUME_THRESHOLD == 1
    assert source.plan_requests([]) == []


def test_plan_can_still_ask_single_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "VOLUME_THRESHOLD", 2)
    assert source.plan_requests(["2024.findings-emnlp.34", "P19-1534", "P19-1001"]) == [
        ("/2024.findings-emnlp.34.bib", ["2024.findings-emnlp.34"]),
        ("/volumes/P19-1.bib", ["P19-1534", "P19-1001"]),
    ]


def test_a_volume_answer_notes_the_volume_and_reads_only_the_papers_asked(
    tmp_path: Path,
) -> None:
    world = FakeWorld.synthetic(acl_ids=[f"2024.emnlp-main.{n}" for n in range(1, 5)])
    text = "".join(world.acl[f"2024.emnlp-main.{n}"].bib() for n in range(1, 5))
    raw = saved_raw(tmp_path, text.encode(), ["2024.emnlp-main.2"], "volume")
    parsed = source.parse(raw)
    assert status_map(parsed) == {"2024.emnlp-main.2": OK}
    assert [r["acl_id"] for r in parsed.rows["acl_records"]] == ["2024.emnlp-main.2"]
    (volume,) = parsed.rows["acl_volumes"]
    assert volume["n_papers"] == 4 and volume["raw_path"] == str(raw.path)


def test_per_paper_bib_gives_the_anthology_record(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "VOLUME_THRESHOLD", 2)  # the per-paper path
    fake_upstream.world = FakeWorld.synthetic(acl_ids=["2024.emnlp-main.3", "P19-1534"])
    ctx = make_ctx(fake_upstream.base_url)
    done: list[int] = []
    ctx.progress = done.append

    outcome = source.fetch(["2024.emnlp-main.3", "P19-1534"], ctx)

    assert paths_asked(fake_upstream) == ["/2024.emnlp-main.3.bib", "/P19-1534.bib"]
    assert done == [1, 1]
    assert [read_response(p).kind for p in outcome.raw_paths] == ["bib", "bib"]
    assert read_response(outcome.raw_paths[0]).meta == {
        "ids": ["2024.emnlp-main.3"],
        "volume": "2024.emnlp-main",
    }
    parsed = parse_all(outcome)
    assert status_map(parsed) == {"2024.emnlp-main.3": OK, "P19-1534": OK}
    row = next(r for r in parsed.rows["acl_records"] if r["acl_id"] == "2024.emnlp-main.3")
    fields = fake_upstream.world.acl["2024.emnlp-main.3"].fields
    assert list(row) == [
        "acl_id", "title", "authors", "booktitle", "year", "month", "pages", "doi", "url",
        "publisher", "abstract", "fetched_at", "raw_path",
    ]  # fmt: skip
    assert row["title"] == fields["title"].replace("{", "").replace("}", "")
    assert "{" not in row["title"]
    # The fake world keeps one author list per work; its S2 record has it in order.
    expected = [a.name for a in fake_upstream.world.s2_by_acl("2024.emnlp-main.3").authors]
    assert row["authors"] == expected
    assert row["booktitle"] == fields["booktitle"]
    assert row["year"] == 2024
    assert row["month"] == "November"
    assert row["pages"] == fields["pages"]
    assert row["doi"] == "10.18653/v1/2024.emnlp-main.3"
    assert row["url"] == "https://aclanthology.org/2024.emnlp-main.3/"
    assert row["publisher"] == "Association for Computational Linguistics"
    assert row["abstract"] == fields["abstract"]
    assert row["raw_path"] == str(outcome.raw_paths[0])
    assert row["fetched_at"].tzinfo is None


def test_volume_bib_answers_every_paper_asked_in_one_request(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    volume = [f"2024.emnlp-main.{n}" for n in range(1, 8)]
    fake_upstream.world = FakeWorld.synthetic(acl_ids=[*volume, "2024.findings-emnlp.34"])
    wanted = ["2024.emnlp-main.2", "2024.emnlp-main.5", "2024.emnlp-main.7"]
    wanted += ["2024.emnlp-main.900", "2024.findings-emnlp.34"]  # .900 is not in the volume
    ctx = make_ctx(fake_upstream.base_url)
    done: list[int] = []
    ctx.progress = done.append

    outcome = source.fetch(wanted, ctx)

    assert paths_asked(fake_upstream) == [
        "/volumes/2024.emnlp-main.bib",
        "/volumes/2024.findings-emnlp.bib",
    ]
    assert done == [4, 1]
    assert read_response(outcome.raw_paths[0]).kind == "volume"
    parsed = parse_all(outcome)
    assert status_map(parsed) == {
        "2024.emnlp-main.2": OK,
        "2024.emnlp-main.5": OK,
        "2024.emnlp-main.7": OK,
        "2024.emnlp-main.900": NOT_FOUND,  # not in its volume
        "2024.findings-emnlp.34": OK,
    }
    rows = {r["acl_id"]: r for r in parsed.rows["acl_records"]}
    assert sorted(rows) == sorted(set(wanted) - {"2024.emnlp-main.900"})  # only papers asked
    for acl_id in rows:
        assert rows[acl_id]["abstract"] == fake_upstream.world.acl[acl_id].fields["abstract"]


def test_unknown_volume_falls_back_to_per_paper_requests(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = FakeWorld.synthetic(acl_ids=["2024.emnlp-main.3"])
    bib = ACCENTED.replace("2023.acl-long.999", "2030.newconf-main.1").encode()
    fake_upstream.serve_file("/2030.newconf-main.1.bib", bib)
    wanted = ["2030.newconf-main.1", "2030.newconf-main.2"]

    outcome = source.fetch(wanted, make_ctx(fake_upstream.base_url))

    assert paths_asked(fake_upstream) == [
        "/volumes/2030.newconf-main.bib",
        "/2030.newconf-main.1.bib",
        "/2030.newconf-main.2.bib",
    ]
    assert [read_response(p).status for p in outcome.raw_paths] == [404, 200, 404]
    parsed = parse_all(outcome)
    assert status_map(parsed) == {"2030.newconf-main.1": OK, "2030.newconf-main.2": NOT_FOUND}
    # The volume's 404 alone says nothing about its papers.
    assert source.parse(read_response(outcome.raw_paths[0])).statuses == {}


def test_paper_404_is_not_found(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "VOLUME_THRESHOLD", 2)  # the per-paper path
    outcome = source.fetch(["2024.emnlp-main.264"], make_ctx(fake_upstream.base_url))
    (path,) = outcome.raw_paths
    raw = read_response(path)
    assert raw.status == 404 and b"Page not found" in raw.body
    assert status_map(parse_all(outcome)) == {"2024.emnlp-main.264": NOT_FOUND}
    assert outcome.errors == []


FAULTS: list[tuple[str, dict[str, Any], int | None]] = [
    # fault, its options, HTTP status saved on disk (None: no answer to save)
    ("503", {}, 503),
    ("500", {}, 500),
    ("html", {}, 200),
    ("truncated", {"mode": "close"}, 200),
    ("truncated", {"mode": "length"}, None),
    ("timeout", {"seconds": 3}, None),
    ("429", {"retry_after": 600}, 429),  # no retries allowed: the 429 itself is the answer
]


@pytest.mark.parametrize("volume", [False, True], ids=["paper", "volume"])
@pytest.mark.parametrize(("fault", "opts", "saved_status"), FAULTS)
def test_every_fault_is_an_error_never_not_found(
    fake_upstream: FakeUpstream,
    make_ctx: MakeCtx,
    fault: str,
    opts: dict[str, Any],
    saved_status: int | None,
    volume: bool,
) -> None:
    wanted = ["2024.emnlp-main.3", "2024.emnlp-main.4"] if volume else ["2024.emnlp-main.3"]
    fake_upstream.world = FakeWorld.synthetic(acl_ids=wanted)
    fake_upstream.inject("acl", fault, times=5, **opts)

    ctx = make_ctx(fake_upstream.base_url)
    outcome = source.fetch(wanted, ctx)  # never raises

    assert fake_upstream.count("acl") == 1  # no fallback, no retry: ENRICH_MAX_RETRIES=0
    statuses = parse_all(outcome).statuses
    assert status_map(parse_all(outcome)) == dict.fromkeys(wanted, ERROR)
    assert all(s.message for s in statuses.values())
    assert outcome.errors
    if saved_status is None:
        assert outcome.raw_paths == []
    else:
        (path,) = outcome.raw_paths
        assert path.parent.parent == ctx.settings.raw_dir / "acl"
        assert read_response(path).status == saved_status
    if fault == "429":
        assert outcome.retry_at is not None


def test_a_5xx_then_success_within_retries_is_ok(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    fake_upstream.world = FakeWorld.synthetic(acl_ids=["2024.emnlp-main.3"])
    fake_upstream.inject("acl", "503", times=1)
    ctx = make_ctx(fake_upstream.base_url, ENRICH_MAX_RETRIES="1")
    outcome = source.fetch(["2024.emnlp-main.3"], ctx)
    assert fake_upstream.count("acl") == 2
    assert status_map(parse_all(outcome)) == {"2024.emnlp-main.3": OK}


def test_unreachable_host_fails_fast_and_says_so(make_ctx: MakeCtx) -> None:
    wanted = ["2024.emnlp-main.3", "2024.emnlp-main.4", "P19-1534", "W15-1204"]
    ctx = make_ctx("http://127.0.0.1:1")
    started = time.monotonic()
    outcome = source.fetch([*wanted, "nonsense"], ctx)
    assert time.monotonic() - started < 2
    assert outcome.unreachable is not None
    assert outcome.raw_paths == []
    assert {k: v.status for k, v in outcome.failed.items()} == dict.fromkeys(
        [*wanted, "nonsense"], ERROR
    )
    assert ctx.stats.of("acl").requests == 1


def test_pace_spaces_requests(fake_upstream: FakeUpstream, make_ctx: MakeCtx) -> None:
    wanted = ["2024.emnlp-main.3", "2024.findings-emnlp.34", "P19-1534"]
    fake_upstream.world = FakeWorld.synthetic(acl_ids=wanted)
    ctx = make_ctx(fake_upstream.base_url, ENRICH_ACL_PACE="0.2")
    source.fetch(wanted, ctx)
    arrivals = [r.at for r in fake_upstream.requests_for("acl")]
    assert len(arrivals) == 3
    # The pacer spaces request starts by 0.2 s; what the server sees jitters a little on a busy
    # machine. Unpaced, these gaps are about a millisecond.
    assert all(b - a >= 0.12 for a, b in itertools.pairwise(arrivals))
    assert arrivals[-1] - arrivals[0] >= 0.35


# --- parsing BibTeX -----------------------------------------------------------------------------


def test_accents_and_braces_become_plain_unicode(
    fake_upstream: FakeUpstream, make_ctx: MakeCtx
) -> None:
    fake_upstream.serve_file("/2023.acl-long.999.bib", ACCENTED.encode())
    outcome = source.fetch(["2023.acl-long.999"], make_ctx(fake_upstream.base_url))
    (row,) = parse_all(outcome).rows["acl_records"]
    assert row["title"] == ("Über ChatGPT & LLMs: Évaluation – a Český Case")
    assert row["authors"] == [
        "Jörg Müller",
        "María José García",
        "Tomáš Dvořák",
        "Piet van den Berg",
        "Renée Straße",
    ]
    assert row["abstract"] == "We study über-models with naïve prompts."
    assert row["month"] == "July" and row["year"] == 2023 and row["pages"] == "100--112"


# Titles as the Anthology's BibTeX export writes them (typographic quotes, dashes, accents and
# formulas encoded as TeX), and the text they stand for. The first three are real Anthology
# records as their authors quote them in their READMEs (allenai/dont-stop-pretraining,
# 2020.acl-main.740; a reading list citing 2020.acl-main.154; ruiyiw/patient-psi,
# 2024.emnlp-main.711); the fourth gathers dashes, formulas and accents in the same encoding.
ANTHOLOGY_TITLES = [
    (  # 2020.acl-main.740
        "Don{'}t Stop Pretraining: Adapt Language Models to Domains and Tasks",
        "Don’t Stop Pretraining: Adapt Language Models to Domains and Tasks",
    ),
    (  # 2020.acl-main.154
        "{``}You Sound Just Like Your Father{''} Commercial Machine Translation Systems Include "
        "Stylistic Biases",
        "“You Sound Just Like Your Father” Commercial Machine Translation Systems Include "
        "Stylistic Biases",
    ),
    (  # 2024.emnlp-main.711
        "{PATIENT}-$\\psi$: Using Large Language Models to Simulate Patients for Training Mental "
        "Health Professionals",
        "PATIENT-ψ: Using Large Language Models to Simulate Patients for Training Mental Health "
        "Professionals",
    ),
    (
        "{S}ocial {IQ}a: Commonsense Reasoning about Social Interactions --- and Beyond, "
        "pp. 1--2 with $k$-{NN} and $\\geq$ 3 {M}$^3$ models by Ren{\\'e}e M{\\\"u}ller",
        "Social IQa: Commonsense Reasoning about Social Interactions — and Beyond, pp. 1–2 with "
        "k-NN and ≥ 3 M^3 models by Renée Müller",
    ),
    ("50% of {LLM}s, 50\\% of {NLP} \\& more", "50% of LLMs, 50% of NLP & more"),
    ("A plain title, nothing to convert", "A plain title, nothing to convert"),
]


@pytest.mark.parametrize(("tex", "text"), ANTHOLOGY_TITLES)
def test_anthology_tex_becomes_the_text_it_stands_for(tex: str, text: str) -> None:
    assert source._text(tex) == text


def test_anthology_author_names_with_accents() -> None:
    # 2020.acl-main.740 as its authors quote it.
    names = "Gururangan, Suchin  and\n      Marasovi{\\'c}, Ana  and\n      Swayamdipta, Swabha"
    expected = ["Suchin Gururangan", "Ana Marasović", "Swabha Swayamdipta"]
    assert source.bibtex_names(names) == expected


def test_a_tex_title_in_a_bib_answer_reaches_the_row(tmp_path: Path) -> None:
    bib = ACCENTED.replace(
        r"{\"U}ber {C}hat{GPT} \& {LLM}s: {\'E}valuation -- a {\v{C}}esk{\'y} Case",
        "{``}Best{''} of Both: {LLM}s{'} Counseling --- a {C}ase",
    )
    (row,) = source.parse(saved_raw(tmp_path, bib.encode(), ["2023.acl-long.999"])).rows[
        "acl_records"
    ]
    assert row["title"] == "“Best” of Both: LLMs’ Counseling — a Case"
    assert row["pages"] == "100--112"  # a page range is not prose: kept as BibTeX writes it


def test_real_anthology_bibtex(tmp_path: Path) -> None:
    raw = saved_raw(
        tmp_path, (BIBS / "acl_2024.emnlp-main.264.bib").read_bytes(), ["2024.emnlp-main.264"]
    )
    parsed = source.parse(raw)
    assert status_map(parsed) == {"2024.emnlp-main.264": OK}
    (row,) = parsed.rows["acl_records"]
    assert row["title"] == (
        "PsyGUARD: An Automated System for Suicide Detection and Risk Assessment in "
        "Psychological Counseling"
    )
    assert row["authors"] == ["Huachuan Qiu", "Lizhi Ma", "Zhenzhong Lan"]
    assert row["url"] == "https://aclanthology.org/2024.emnlp-main.264"
    assert row["abstract"] is not None and row["abstract"].startswith("As awareness")

    smile = (BIBS / "acl_2024.findings-emnlp.34_smile.bib").read_bytes()
    (row,) = source.parse(saved_raw(tmp_path, smile, ["2024.findings-emnlp.34"])).rows[
        "acl_records"
    ]
    assert row["title"].startswith("SMILE: Single-turn to Multi-turn") and "ChatGPT" in row["title"]
    assert row["authors"][:2] == ["Huachuan Qiu", "Hongliang He"]
    assert (
        row["booktitle"] == "Findings of the Association for Computational Linguistics: EMNLP 2024"
    )


def test_parse_is_pure_same_file_same_rows(tmp_path: Path) -> None:
    raw = saved_raw(tmp_path, ACCENTED.encode(), ["2023.acl-long.999"])
    again = read_response(raw.path)
    assert source.parse(raw) == source.parse(again)


def test_a_bib_about_another_paper_is_an_error_not_a_row_for_the_one_asked(
    tmp_path: Path,
) -> None:
    raw = saved_raw(tmp_path, ACCENTED.encode(), ["2024.emnlp-main.3"])
    parsed = source.parse(raw)
    assert status_map(parsed) == {"2024.emnlp-main.3": ERROR}
    assert parsed.rows == {}


def test_a_cut_volume_cannot_prove_a_paper_absent(tmp_path: Path) -> None:
    world = FakeWorld.synthetic(acl_ids=[f"2024.emnlp-main.{n}" for n in range(1, 5)])
    text = "".join(world.acl[f"2024.emnlp-main.{n}"].bib() for n in range(1, 5))
    cut = text[: text.index("2024.emnlp-main.4/")]
    raw = saved_raw(tmp_path, cut.encode(), ["2024.emnlp-main.1", "2024.emnlp-main.4"], "volume")
    assert status_map(source.parse(raw)) == {
        "2024.emnlp-main.1": OK,
        "2024.emnlp-main.4": ERROR,
    }


def test_names() -> None:
    assert source.bibtex_names(r"Qiu, Huachuan  and Ma, Lizhi") == ["Huachuan Qiu", "Lizhi Ma"]
    assert source.bibtex_names(r"{Barnes and Noble} and Jane Doe and others") == [
        "Barnes and Noble",
        "Jane Doe",
    ]
    assert source.bibtex_names(r"de la Cruz, Ana and Smith, Jr., John") == [
        "Ana de la Cruz",
        "John Smith Jr.",
    ]
    assert source.bibtex_names("") == []


@given(st.text(alphabet="@ \t\nab{(%", max_size=80))
def test_entry_starts_are_found_as_the_line_anchored_pattern_finds_them(text: str) -> None:
    # _split_entries searches from the "@" (fast) and checks the line; it must cut exactly where
    # the plain line-anchored pattern does.
    starts = list(source._ENTRY_START_RE.finditer(text))
    bounds = [m.start() for m in starts] + [len(text)]
    expected = [(m[1].lower(), text[bounds[i] : bounds[i + 1]]) for i, m in enumerate(starts)]
    assert source._split_entries(text) == expected
