"""LaTeX and BibTeX text to plain Unicode: one rule for the Anthology's BibTeX records and for
author lists a curated list pastes from BibTeX ("L{\\"o}ser, Alexander")."""

from __future__ import annotations

import re
import unicodedata

from pylatexenc.latex2text import LatexNodes2Text

# BibTeX as the Anthology writes it (and as lists copy it). Its records are Unicode; its BibTeX
# export encodes them: accents as {\"u}, \"{u}, {\'\i}, \v{c}; letters as \ss, \o; capitals
# protected by braces; typographic quotes as {``} {''} {'} (“ ” ’); dashes as -- and --- (– —);
# formulas as $…$ ($\psi$, M$^3$). pylatexenc (maintained, with LaTeX's own symbol tables for
# accents, ligatures and math) turns all of that back; what it leaves to us: {'} and {`}, which
# the Anthology writes for ’ and ‘ (pylatexenc keeps a straight quote), and a bare %, which LaTeX
# would read as the start of a comment (and drop the rest of the title). Text with no TeX but
# braces (most titles: {P}sy{GUARD}) skips the parser.
_TEX_MARKERS = re.compile(r"[\\$~`%]|--|''")
_BRACED_QUOTES = {"{'}": "\u2019", "{`}": "\u2018"}
_BARE_PERCENT = re.compile(r"(?<!\\)%")
_LATEX = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


def latex_to_text(value: str) -> str:
    """BibTeX/LaTeX text to plain Unicode: accents composed, quotes and dashes as the characters
    they stand for, math symbols spelled (``$\\psi$`` -> ψ), braces dropped."""
    for braced, char in _BRACED_QUOTES.items():
        value = value.replace(braced, char)
    if not _TEX_MARKERS.search(value):  # most titles: at most braces around capitals
        return unicodedata.normalize("NFC", value.replace("{", "").replace("}", ""))
    value = _BARE_PERCENT.sub(r"\\%", value)
    return unicodedata.normalize("NFC", _LATEX.latex_to_text(value))
