"""GFM table rows, whatever the column order: columns are found by their header names (Title,
Paper, Code, Venue, Date, Authors, Dataset, Description, …); the title cell may be linked or not.
A row holding only a bold cell is a group heading for the rows below it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import NamedTuple

from enrich.heap import load_cache
from enrich.parse.blocks import Block
from enrich.parse.candidate import Candidate
from enrich.parse.fields import Reading, is_generic_label, names_a_work, read_entry, read_links
from enrich.parse.inline import Inline, Seg, plain, segments, squash
from enrich.parse.readers.bullets import split_papers
from enrich.parse.venues import date_parts, looks_like_venue_or_date, split_venue_tag

__all__ = ["read_row"]

# Header names, English first, then as Chinese, Japanese, Korean and Russian lists write them.
_NAME_HEADERS = frozenset({"dataset", "datasets", "corpus", "benchmark", "data", "name",
                           "model", "method", "tool", "algorithm", "algorithms", "approach",
                           "名称", "模型", "方法", "数据集", "データセット",
                           "모델", "방법", "데이터셋",
                           "название", "модель", "метод", "бенчмарк", "датасет"})  # fmt: skip
_DATASET_HEADERS = frozenset({"dataset", "datasets", "corpus", "benchmark", "data",
                              "数据集", "データセット", "데이터셋",
                              "датасет", "бенчмарк"})  # fmt: skip
_YEAR_HEADERS = frozenset({"year", "date", "time", "published", "month", "release", "released",
                           "release date", "publication date", "pub. date",
                           "年份", "年", "时间", "日期", "発表年", "初出時期", "公開日",
                           "発表日", "日付", "연도", "날짜",
                           "год", "дата"})  # fmt: skip
_DESCRIPTION_HEADERS = frozenset({"description", "desc", "summary", "notes", "note", "tl;dr",
                                  "tldr", "comment", "comments", "remarks", "highlights",
                                  "contribution", "key idea", "abstract",
                                  "描述", "简介", "说明", "备注", "概要", "설명", "비고", "요약",
                                  "описание", "примечание"})  # fmt: skip
# The columns that may name the work, the first found winning ("Year | Publication | Title":
# there the publication is the venue); after the title columns, any header that says "title"
# ("Full title", "完整标题") but not "short".
_TITLE_HEADERS = ("title", "paper title", "paper name", "标题", "题目", "论文标题", "タイトル",
                  "제목", "название")
_PAPER_HEADERS = ("paper", "papers", "论文", "論文", "논문", "статья")
_WORK_HEADERS = (*_PAPER_HEADERS, "source", "publication", "reference", "work", "article",
                 "работа")
_LINK_HEADERS = ("paper link", "paper links", "link", "links", "url", "pdf")
# Columns of the paper's link, whose label may say where it appeared ("[MICCAI2021](…)").
_CITED_HEADERS = frozenset({*_LINK_HEADERS, "reference", "references", "ref", "paper", "papers"})
_SAYS_TITLE = ("title", "标题", "题目", "全称", "タイトル", "제목", "название")
_SAYS_VENUE = ("venue", "conference", "journal", "会议", "期刊", "会議", "ジャーナル", "학회",
               "저널")
_SAYS_SHORT = ("short", "abbr", "简称", "缩写", "略称")
_VENUE_HEADERS = frozenset({"venue", "conference", "conf", "journal", "conf/journal",
                            "published in", "publisher", "pub", "where", "pub. & date",
                            "pub & date", "venue & date", "venue/date", "venue & year",
                            "会议", "期刊", "会议/期刊", "发表", "学会", "会議", "ジャーナル",
                            "会議/ジャーナル", "掲載先", "발표", "학회", "저널",
                            "конференция", "журнал"})  # fmt: skip
_AUTHOR_HEADERS = frozenset({"author", "authors", "first author", "lead author", "author(s)",
                             "team", "institution", "affiliation", "organization", "org",
                             "作者", "第一作者", "一作", "著者", "第一著者", "저자", "제1저자",
                             "автор", "авторы"})  # fmt: skip
# A row number or id column ("No.", "#", "ID"): it names no work.
_INDEX_HEADERS = frozenset({"no.", "no", "#", "id", "index", "num", "number", "序号", "编号"})
_ESCAPED_RE = re.compile(r"\\.")
_LETTER_RE = re.compile(r"[^\W\d_]")
# A work's short name in bold, a colon, then its title: "**FM**: Factorization Machines"
_BOLD_NAME_RE = re.compile(r"\s*(\*\*|__)[^*_]{1,30}\1\s*[:：]\s*(?P<title>\S.*)$", re.S)
_BOLD_CELL_RE = re.compile(r"^(\*\*|__)(?P<text>.+)\1$", re.S)
_HEADER_MARKUP = str.maketrans("", "", "*_`:📄📝💻🔗")


class _Columns(NamedTuple):
    """Which column of a table holds what, by its header name (None: no such column)."""

    name: int | None
    dataset: int | None
    source: int | None
    year: int | None
    venue: int | None
    authors: int | None
    description: int | None
    other_date: int | None  # "Initial Date", "arXiv date": a year when no other cell gives one
    cited: int | None = None  # "Reference": the paper's link, labelled by where it appeared


def _column(header: tuple[str, ...], names: frozenset[str]) -> int | None:
    return next((k for k, h in enumerate(header) if _header_name(h) in names), None)


def _header_name(header: str) -> str:
    """A header cell as the column names are written: markup dropped, no full stop after an
    abbreviation ("Pub." is "pub"; "No." stays, as a name of its own)."""
    name = header.translate(_HEADER_MARKUP).strip()
    return name[:-1] if name.endswith(".") and name not in _INDEX_HEADERS else name


def _other_date_column(header: tuple[str, ...]) -> int | None:
    """A column of some other date of the work ("Initial Date", "arXiv date", "Submission
    year"): its year is the entry's only when the row gives no other (a venue's year is the
    publication's, the first arXiv version's date is not)."""
    if _column(header, _YEAR_HEADERS) is not None:
        return None
    return next((k for k, h in enumerate(header)
                 if h.translate(_HEADER_MARKUP).strip().endswith((" date", " year"))),
                None)  # fmt: skip


def _source_column(header: tuple[str, ...]) -> int | None:
    """The column naming the work: a title column, else one that names the work otherwise."""
    names = {h.translate(_HEADER_MARKUP).strip(): k for k, h in reversed(list(enumerate(header)))}
    titled = next((k for name, k in sorted(names.items(), key=lambda item: item[1])
                   if any(w in name for w in _SAYS_TITLE)
                   and not any(w in name for w in _SAYS_SHORT)), None)  # fmt: skip
    found = next((names[name] for name in _TITLE_HEADERS if name in names), None)
    if found is None:  # "Short name | Full title": the full title names the work
        found = titled
    if found is not None:
        return found
    work = next((name for name in _WORK_HEADERS if name in names), None)
    if work in ("publication", "source") and (
        linked := next((names[name] for name in _LINK_HEADERS if name in names), None)
    ) is not None:
        return linked  # "Publication | Paper Link": where it was published, and the paper
    return names[work] if work is not None else None


def _names_works(header: str) -> bool:
    """A header that says its column holds the works' titles ("Title", "Paper", "论文")."""
    name = _header_name(header).lower()
    return name in _TITLE_HEADERS or name in _PAPER_HEADERS or (
        any(w in name for w in _SAYS_TITLE) and not any(w in name for w in _SAYS_SHORT)
    )


def _wordiest_cell(cells: Sequence[Inline]) -> int | None:
    """The cell of most words in a row with no link and no column naming the work ("| 1988 |
    Neural net modeling of music | No |" under "Year | Articles, Thesis and Reports | Code"):
    the title of a paper that lost its link, when it has three words or more."""
    words = [len(cell.content.split()) for cell in cells]
    best = max(range(len(words)), key=words.__getitem__, default=None)
    return best if best is not None and words[best] >= 3 else None


def names_the_work(header: tuple[str, ...]) -> bool:
    """Whether a table's header has a column naming the work ("Title", "Paper", "论文")."""
    return _source_column(header) is not None


@load_cache(1024)  # once per table shape, not once per row
def _columns(header: tuple[str, ...]) -> _Columns:
    source = _source_column(header)
    venue = _column(header, _VENUE_HEADERS)
    if venue is None:  # "Publication", "Source": the venue when another column names the work
        named = (_column(header, frozenset({name})) for name in ("publication", "source"))
        venue = next((k for k in named if k is not None and k != source), None)
    if venue is None:  # "Conference/Journal", "Venue & Code": a header that says where
        venue = next((k for k, h in enumerate(header)
                      if any(w in h for w in _SAYS_VENUE) and k != source), None)  # fmt: skip
    return _Columns(
        name=_column(header, _NAME_HEADERS),
        dataset=_column(header, _DATASET_HEADERS),
        source=source,
        year=_column(header, _YEAR_HEADERS),
        venue=venue if venue != source else None,
        authors=_authors_column(header),
        other_date=_other_date_column(header),
        description=_column(header, _DESCRIPTION_HEADERS),
        cited=cited if (cited := _column(header, _CITED_HEADERS)) != source else None,
    )


def _authors_column(header: tuple[str, ...]) -> int | None:
    """The authors' column: "Authors", "作者", or a header that says so in more words ("The
    First and Last Authors")."""
    named = _column(header, _AUTHOR_HEADERS)
    if named is not None:
        return named
    return next((k for k, h in enumerate(header)
                 if _AUTHOR_WORD_RE.search(_header_name(h))), None)  # fmt: skip


_AUTHOR_WORD_RE = re.compile(r"\bauthors?\b", re.I)


def count_cells(line: str) -> int:
    """Cells of a raw table row as GFM splits it: on every "|" not escaped with "\\"."""
    body = _ESCAPED_RE.sub("", line.strip())
    body = body.removeprefix("|")
    body = body.removesuffix("|")
    return body.count("|") + 1


def read_row(
    row: Block, raw_line: str, group: str | None, current_year: int
) -> tuple[list[Candidate], str | None, str]:
    """(candidates, the group in force after the row, line bucket when none): one candidate a
    row, or one per paper when its title cell names several ("[A](…); [B](…); [C](…)")."""
    cells = row.cells
    line = row.start
    contents = [c.content.strip() for c in cells]
    filled = [c for c in contents if c]
    segs_by_cell = [segments(c, line + 1) for c in cells]
    has_link = any(s.kind == "link" for segs in segs_by_cell for s in segs)
    if not filled:
        return [], group, "table_empty"
    bold = _BOLD_CELL_RE.match(filled[0]) if len(filled) == 1 else None
    if bold and not has_link:
        return [], squash(plain(c for cell in cells for c in cell.children)) or None, (
            "table_group"
        )
    return _row_candidates(row, raw_line, segs_by_cell, group, current_year), group, ""


def _is_result(cells: Sequence[Inline]) -> bool:
    """A row of a table of results: three scores or more ("0.7016", "45.3", "78.1%", a "--"
    where a score is missing), two of them numbers at least; not a year, and not a row of
    dashes where a table of papers has no code or data."""
    texts = [c.content.strip() for c in cells]
    numbers = sum(_SCORE_RE.fullmatch(t) is not None for t in texts)
    missing = sum(_MISSING_RE.fullmatch(t) is not None for t in texts)
    return numbers >= 2 and numbers + missing >= _RESULT_SCORES


_RESULT_SCORES = 3
_SCORE_RE = re.compile(r"[-+]?(?:\d{1,3}(?:\.\d+)?|\.\d+)\s*%?")
_MISSING_RE = re.compile(r"[-–—]{1,2}")


def _row_candidates(
    row: Block, raw_line: str, segs_by_cell: list[list[Seg]], group: str | None,
    current_year: int,
) -> list[Candidate]:  # fmt: skip
    assert row.table is not None
    header = tuple(row.table.header)
    cells = row.cells
    texts = _CellTexts(cells)
    cols = _columns(header)
    name_col = cols.name
    source_col = cols.source
    if source_col is None:  # no Source column: the first cell with a link plays its part
        source_col = next(
            (k for k, segs in enumerate(segs_by_cell) if any(s.kind == "link" for s in segs)),
            None,
        )

    if name_col is None and header and source_col != 0:
        # The first column names the row, unless it only numbers the rows.
        name_col = 0 if _column(header[:1], _INDEX_HEADERS) is None else 1
        if name_col == source_col or name_col >= len(header):
            name_col = None
    source_segs = segs_by_cell[source_col] if source_col is not None else []
    raw_head = cells[source_col].content if source_col is not None else ""
    reading = read_entry(source_segs, raw_head, current_year=current_year)
    other_links = []
    for k, segs in enumerate(segs_by_cell):  # links in the other cells belong to the row too
        if k != source_col:
            links, warnings = read_links(segs)
            other_links.extend(links)
            reading.warnings.extend(warnings)
    reading.links.extend(other_links)
    name = _cell(texts, name_col)
    if name and (name.isdigit() or is_generic_label(name) or not _LETTER_RE.search(name)):
        name = ""  # "Link", "-": a column of links headed "Dataset" names nothing
    if not reading.title and name and not name.strip(" .#").isdigit():  # "12": a row number
        reading.title = name
        if name_col is not None and (nick := _BOLD_NAME_RE.match(cells[name_col].content)):
            reading.title = squash(nick["title"])  # "**FM**: Factorization Machines"
    if not reading.title and source_col is not None and source_col == cols.dataset:
        label = _cell(texts, source_col)  # "[CLPsych 2015](…)" in a Dataset column: its name,
        if _LETTER_RE.search(label) and (  # though it reads as a venue and a year
            looks_like_venue_or_date(label) or not is_generic_label(label)
        ):
            reading.title = label
    if not reading.title and reading.authors and reading.links and source_col is not None:
        reading.title = reading.authors  # "**Pandey et al.**": the work named by its authors
    guessed = not reading.title and not reading.links
    if guessed and (wordiest := _wordiest_cell(cells)) is not None:
        reading.title = _cell(texts, wordiest)  # "| 1988 | Neural net modeling of music | No |"
    _columns_to_fields(reading, cols, texts, current_year)
    raw_cells = count_cells(raw_line)
    shape = ""
    if header and raw_cells != len(header):
        shape = f"row has {raw_cells} cells but the table header has {len(header)}"
    if raw_cells > len(header) and reading.links:  # GFM drops the extra cells' content
        reading.warnings.append((row.start + 1, f"{shape}: the extra cells are not shown"))
    is_dataset = cols.name is not None and cols.name == cols.dataset
    cand = Candidate(
        source_format="table",
        line_no=row.start + 1,
        lines=[row.start + 1],
        section=row.section,
        subsection=row.subsection,
        minor_heading=row.minor_heading,
        minor_parent=row.minor_parent,
        reading=reading,
        segs=[s for segs in segs_by_cell for s in segs if s.kind in ("link", "image")],
        group=group,
        has_tag=reading.venue_tag is not None,
        table_id=row.table.table_id,
        dataset_name=(name or reading.title or None) if is_dataset else None,
        shape_note=shape,
        title_guessed=guessed and bool(reading.title),
        titled_by_header=cols.source is not None and _names_works(header[cols.source]),
        text=raw_line,
        furniture=row.furniture,
        # "| [VLAD-LSTM](paper) | 2018 | 0.7016 | 0.6085 | 0.5496 | …": a method's scores
        mentions="prose" if _is_result(cells) else "",
    )
    # A row named by a Name column is one thing, however many papers it links (a family of
    # models); a row without one whose title cell names several papers is one entry each.
    pieces = split_papers(cand, source_segs, current_year) if cols.name is None else [cand]
    if len(pieces) == 1 and cols.name is None:
        pieces = _split_at_breaks(cand, source_segs, current_year)
    if len(pieces) == 1:
        return [cand]
    # The row's other cells (a Year, a Code column) hold for each paper; their links are
    # the first paper's, so that every link of the row is still one entry's.
    others = [s for k, segs in enumerate(segs_by_cell) if k != source_col for s in segs
              if s.kind in ("link", "image")]  # fmt: skip
    for piece in pieces:
        assert piece.reading is not None
        _columns_to_fields(piece.reading, cols, texts, current_year)
    first = pieces[0]
    assert first.reading is not None
    first.segs.extend(others)
    first.reading.links.extend(other_links)
    return pieces


def _split_at_breaks(cand: Candidate, segs: list[Seg], current_year: int) -> list[Candidate]:
    """"[Title A](…)<br>[Title B](…)": a cell listing works one per line, each linked by its
    title, is one entry per work (a line with no titled link, a note, stays with the one above)."""
    parts: list[list[Seg]] = [[]]
    for seg in segs:
        if seg.kind == "break" and parts[-1]:
            parts.append([])
        elif seg.kind != "break":
            parts[-1].append(seg)
    titled = [any(s.kind == "link" and names_a_work(s.text) for s in part) for part in parts]
    if sum(titled) < 2 or not titled[0]:
        return [cand]
    works: list[list[Seg]] = []
    for part, has_title in zip(parts, titled, strict=True):
        if has_title or not works:
            works.append(list(part))
        else:
            works[-1].extend(part)
    out = []
    for work in works:
        reading = read_entry(work, "", current_year=current_year)
        media = [s for s in work if s.kind in ("link", "image")]
        out.append(dataclasses.replace(cand, reading=reading, segs=media, absorbed=[]))
    return out



class _CellTexts:
    """A row's cells as plain text, read only for the columns a row asks about."""

    def __init__(self, cells: list[Inline]) -> None:
        self.cells = cells
        self.texts: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.cells)

    def __getitem__(self, col: int) -> str:
        if col not in self.texts:
            self.texts[col] = squash(plain(self.cells[col].children))
        return self.texts[col]


def _cell(texts: _CellTexts | Sequence[str], col: int | None) -> str:
    return texts[col] if col is not None and col < len(texts) else ""


def fill_from_columns(
    reading: Reading, header: tuple[str, ...], texts: Sequence[str], current_year: int
) -> None:
    """An HTML table's row (its cells' texts, under its `<th>` row): the row's fields from the
    columns its header names, as a Markdown table's."""
    _columns_to_fields(reading, _columns(header), texts, current_year)


def _columns_to_fields(
    reading: Reading, cols: _Columns, texts: _CellTexts | Sequence[str], current_year: int
) -> None:
    """Date, venue, authors and description columns fill the row's fields (a column beats
    what the title cell said in passing)."""
    year_text = _cell(texts, cols.year)
    year, month = date_parts(year_text)
    if year is not None:
        reading.year, reading.month = year, month
    venue_text = _cell(texts, cols.venue)
    if year is None and year_text and not venue_text and looks_like_venue_or_date(year_text):
        venue_text = year_text  # "Published: NIPS 2017", "SIGIR ’18": a venue with its year
    cell_year, cell_month = date_parts(venue_text) if venue_text else (None, None)
    if cell_year is not None:  # "Dec, 2023" in a Venue (or "Pub. & Date") column: a date
        reading.year = reading.year if reading.year is not None else cell_year
        reading.month = reading.month if reading.month is not None else cell_month
    elif venue_text:
        venue, venue_year = split_venue_tag(venue_text, current_year)
        reading.venue = venue
        if venue_year is not None and venue_year != reading.year:
            # "ICLR 2022" beside a Date of "2023-03-20": the venue's year is the publication's
            # (the date column's, an arXiv version's or the day the list took the paper)
            reading.year, reading.month = venue_year, None
    if reading.venue is None and cols.venue is None and cols.cited is not None:
        # "| … | [MICCAI2021](…) |" under "Reference": the link's label says where
        label = _cell(texts, cols.cited)
        venue, venue_year = split_venue_tag(label, current_year) if (
            looks_like_venue_or_date(label)
        ) else (None, None)  # fmt: skip
        if venue and venue_year is not None:  # its year is the publication's, as a Venue's
            reading.venue = venue
            if venue_year != reading.year:
                reading.year, reading.month = venue_year, None
    if reading.year is None and cols.other_date is not None:
        reading.year, reading.month = date_parts(_cell(texts, cols.other_date))
    authors = _cell(texts, cols.authors)
    if authors:
        reading.authors = authors
    if cols.description is not None:
        reading.description = _cell(texts, cols.description) or None
