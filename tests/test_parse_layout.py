"""The block layout the parse hands `enrich annotate` (`enrich.parse.list_layout`) is the one
markdown-it-py's block parser gives: the same leaf blocks, list items (with their list) and
headings, on every fixture list and on documents built from the shapes where the two engines
could part (tight and loose items, lazy lines, fences left open, a last line of spaces)."""

from __future__ import annotations

import hashlib
import random
from typing import Any

import pytest
from markdown_it import MarkdownIt

from enrich.parse import Layout, list_layout, parse_list

from support import FIXTURES

_MD = MarkdownIt("commonmark").enable("table").disable("inline")
_KIND = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
    "tr_open": "row",
    "html_block": "html",
    "fence": "code",
    "code_block": "code",
}
# Lines to build documents from: every block the layout tells apart, and the edges.
PIECES = [
    "- item [a](https://arxiv.org/abs/2401.00001)", "* star item", "+ plus", "1. one", "2) two",
    "10. ten", "  - nested", "    - deeper", "  continued text", "lazy line", "", "", "   ",
    "\t- tab item", "\tindented", "    code block", "```", "~~~", "```python", "  ```", "| a | b |",
    "|---|---|", "| 1 | 2 |", "a | b", "--- | ---", "# Heading", "## Section", "### Sub",
    "Setext", "===", "---", "***", "> quote", "> - quoted item", "  > nested quote", "- > q",
    "<div>", "</div>", "<!-- comment -->", "<pre>", "</pre>", "- <pre>", "**bold** text",
    "text  ", "text\\", "[ref]: https://example.com", "- ", "-", "1.", "- # heading in item",
    "- | x | y |", "  | x | y |", "  |---|---|", "`code` span", "- a *b", "c* d", "\u3000",
    "- a\u00a0b", "&nbsp;entity",
]  # fmt: skip


def reference(text: str) -> tuple[Any, ...]:
    """The layout as markdown-it-py's block parser gives it."""
    leaves, items, headings = [], {}, []
    lists: list[tuple[int, bool]] = []
    count = 0
    for tok in _MD.parse(text):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            count += 1
            lists.append((count, tok.type == "ordered_list_open"))
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open" and tok.map and lists:
            items[tok.map[0]] = (tok.map[0], tok.map[1], *lists[-1])
        if tok.type == "heading_open" and tok.map:
            headings.append((tok.map[0], int(tok.tag[1])))
        if tok.type in _KIND and tok.map:
            leaves.append((_KIND[tok.type], tok.map[0], tok.map[1]))
    return leaves, items, headings


def ours(text: str) -> tuple[Any, ...]:
    layout = list_layout(text.encode("utf-8"))
    return (
        [(leaf.kind, leaf.start, leaf.end) for leaf in layout.leaves],
        {k: (i.start, i.end, i.list_id, i.ordered) for k, i in layout.items.items()},
        list(layout.headings),
    )


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("lists/**/*.md")), ids=lambda p: p.name)
def test_the_layout_of_every_fixture_list_is_markdown_it_pys(path: Any) -> None:
    text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    assert ours(text) == reference(text)


def test_the_layout_of_built_documents_is_markdown_it_pys() -> None:
    rng = random.Random(14)
    for _ in range(1500):
        lines = [rng.choice(PIECES) for _ in range(rng.randint(1, 16))]
        text = "\n".join(lines) + rng.choice(["\n", "", "\n\n"])
        assert ours(text) == reference(text), repr(text)


def test_a_tight_items_paragraph_is_a_leaf_and_items_know_their_list() -> None:
    layout = list_layout(b"- a\n  more\n- b\n  - c\n\n1. d\n")
    assert [(leaf.kind, leaf.start, leaf.end) for leaf in layout.leaves] == [
        ("paragraph", 0, 2), ("paragraph", 2, 3), ("paragraph", 3, 4), ("paragraph", 5, 6),
    ]  # fmt: skip
    outer, inner, numbered = layout.items[0].list_id, layout.items[3].list_id, layout.items[5]
    assert layout.items[2].list_id == outer != inner
    assert numbered.ordered and numbered.list_id not in (outer, inner)


def test_the_layout_comes_with_the_parse_and_is_empty_for_what_cannot_be_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import enrich.parse as parse_module

    raw = b"# T\n- A Title [paper](https://arxiv.org/abs/2401.00002)\n\n| a |\n|---|\n| b |\n"
    parse_module._LAYOUTS.clear()
    parse_list("t", raw)
    from_the_parse = parse_module._LAYOUTS[hashlib.sha256(raw).digest()]

    def parse_again(*args: Any) -> Any:
        raise AssertionError("parsed a second time")

    with monkeypatch.context() as patched:
        patched.setattr(parse_module, "parse_tree", parse_again)
        assert list_layout(raw) is from_the_parse  # the parse's own, not parsed again
    parse_module._LAYOUTS.clear()
    assert list_layout(raw) == from_the_parse  # read off the tree alone: the same
    assert from_the_parse.headings == ((0, 1),)
    assert [leaf.kind for leaf in from_the_parse.leaves] == ["heading", "paragraph", "row", "row"]
    assert list_layout("not bytes") == Layout.empty()  # type: ignore[arg-type]


def test_the_layouts_kept_are_bounded() -> None:
    import enrich.parse as parse_module

    for k in range(2 * parse_module._LAYOUTS_SIZE):
        list_layout(f"# T\n- [Another](https://arxiv.org/abs/2401.{k:05d})\n".encode())
    assert len(parse_module._LAYOUTS) == parse_module._LAYOUTS_SIZE
