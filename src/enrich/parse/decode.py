"""Bytes of a list -> text: BOMs honoured, mojibake repaired, line breaks untouched.

The bytes are read as UTF-8 (``errors="replace"``: never fails), or as UTF-16/32 when a BOM says
so. Lists get saved through the wrong code page (Windows-1252 or, for the seed list,
Windows-1254); the bytes such a code page does not define are *lost* (📝 = F0 9F 93 9D reaches
us as ``ğŸ“`` with the 9D gone), which ftfy cannot undo. So a small pre-pass first restores such
a sequence when exactly one byte is missing (see :func:`_restore_lost_bytes`), then ftfy repairs
the rest, with every option that would touch text that is *not* broken (curly quotes, ligatures,
widths, line breaks, Unicode normalisation, control characters) switched off. Mojibake is made of
non-ASCII characters only, so only runs of those go through the repair (cached: the same runs
recur on every line); ASCII, and so every line break, is never touched.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy

from enrich.heap import load_cache

__all__ = ["decode_list"]

_UTF8_BOM = codecs.BOM_UTF8
# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# ftfy with everything that changes *intact* text switched off: the list's curly quotes,
# ligatures, full-width characters and line breaks are as the authors meant them, and line
# breaks must stay put so line numbers match the raw file.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

# Code pages a UTF-8 file gets mis-decoded through; each leaves some bytes undefined (lost).
_MOJIBAKE_CODECS = ("cp1254", "cp1252")
# Which lost byte to try first. 0x9D is by far the commonest loss: it ends ” (E2 80 9D) and
# 📝 (F0 9F 93 9D) and is the 2nd byte of every mathematical letter (𝜓 = F0 9D 9C 93).
_LOST_BYTE_ORDER = (0x9D, 0x81, 0x8D, 0x8F, 0x90, 0x8E, 0x9E)
# A restored character must be a real, visible one (not unassigned, control, format or space).
_REJECTED_CATEGORIES = frozenset({"Cn", "Co", "Cs", "Cc", "Cf", "Zs", "Zl", "Zp"})


def _codec_chars(codec: str) -> dict[str, int]:
    """Character -> byte for the high half of a code page; an undefined byte stands for itself
    as a C1 control (how ftfy's "sloppy" codecs read it)."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            table[bytes([byte]).decode(codec)] = byte
        except UnicodeDecodeError:
            table[chr(byte)] = byte
    return table


def _lost_byte_pattern(chars: dict[str, int]) -> re.Pattern[str]:
    """Mojibake of a UTF-8 sequence that is exactly one byte short: a 4-byte lead with two
    continuation bytes, or E2 (the lead of punctuation: ” ‘ – …) with one. Not followed by a
    further continuation byte, else the sequence is complete and ftfy handles it."""
    lead4 = "".join(re.escape(c) for c, b in chars.items() if 0xF0 <= b <= 0xF4)
    cont = "".join(re.escape(c) for c, b in chars.items() if 0x80 <= b <= 0xBF)
    e2 = re.escape(next(c for c, b in chars.items() if b == 0xE2))
    return re.compile(f"(?:[{lead4}][{cont}]{{2}}|{e2}[{cont}])(?![{cont}])")


_LOST_BYTE_TABLES = tuple(
    (codec, chars, _lost_byte_pattern(chars))
    for codec, chars in ((c, _codec_chars(c)) for c in _MOJIBAKE_CODECS)
)


def _undefined_bytes(codec: str) -> tuple[int, ...]:
    lost: list[int] = []
    for byte in _LOST_BYTE_ORDER:
        try:
            bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            lost.append(byte)
    return tuple(lost)


_LOST_BYTES = {codec: _undefined_bytes(codec) for codec in _MOJIBAKE_CODECS}


def _restore_one(seq: bytes, codec: str) -> str | None:
    """The character ``seq`` was before the code page lost one of its bytes, or None.

    Tried in order of likelihood: the commonest lost byte first, the end of the sequence
    first (where 0x9D sits in ” and 📝); the first insertion that decodes to a real, visible
    character wins (for 𝜓 = F0 ?? 9C 93 only the 2nd position gives an assigned character).
    """
    for byte in _LOST_BYTES[codec]:
        for pos in range(len(seq), 0, -1):
            candidate = seq[:pos] + bytes([byte]) + seq[pos:]
            try:
                char = candidate.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(char) == 1 and unicodedata.category(char) not in _REJECTED_CATEGORIES:
                return char
    return None


def _restore_lost_bytes(text: str) -> str:
    """Undo mojibake whose code page dropped a byte, before ftfy sees the text (ftfy would
    leave ``ğœ“`` as it is, or read ``ğŸ“ `` + space as 📠 by taking the space for a lost A0)."""
    for codec, chars, pattern in _LOST_BYTE_TABLES:

        def fix(m: re.Match[str], codec: str = codec, chars: dict[str, int] = chars) -> str:
            restored = _restore_one(bytes(chars[c] for c in m.group(0)), codec)
            return restored if restored is not None else m.group(0)

        text = pattern.sub(fix, text)
    return text


def _mojibake_hint() -> re.Pattern[str]:
    """What any text ftfy could change must contain: a UTF-8 lead byte read through one of
    ftfy's code pages, followed by a continuation byte (or by what a lost byte becomes: a space,
    "?", U+FFFD); or a C1 control; or a lone surrogate. Text without it is left alone."""
    leads: set[str] = set()
    conts: set[str] = {" ", "?", "\ufffd"}
    for codec in ftfy.chardata.CHARMAP_ENCODINGS:
        for byte in range(0x80, 0x100):
            try:
                char = bytes([byte]).decode(codec)
            except UnicodeDecodeError:
                continue
            (conts if byte < 0xC0 else leads).add(char)
    lead_class = "".join(re.escape(c) for c in sorted(leads))
    cont_class = "".join(re.escape(c) for c in sorted(conts))
    return re.compile(f"[{lead_class}][{cont_class}]|[\x80-\x9f]|[\ud800-\udfff]")


_MOJIBAKE_HINT_RE = _mojibake_hint()
# Non-ASCII characters, with the single spaces or "?" a lost byte may have become.
_NON_ASCII_RUN_RE = re.compile(r"[^\x00-\x7f](?:[^\x00-\x7f]|[ ?](?=[^\x00-\x7f]))*[ ?]?")


@load_cache(65536)  # the same mojibake ("ğŸ“ " for 📝) recurs on every line
def _repair_run(run: str) -> str:
    if not _MOJIBAKE_HINT_RE.search(run):
        return run
    return ftfy.fix_text(_restore_lost_bytes(run), config=_FTFY_CONFIG)


def decode_list(raw: bytes) -> tuple[str, bool]:
    """Bytes of a list -> (text, repaired?).

    UTF-8 with undecodable bytes replaced by U+FFFD (never fails); a UTF-8 BOM is dropped; a
    UTF-16 or UTF-32 BOM decodes the rest in that encoding (Windows editors save lists so);
    mojibake is repaired. ``repaired`` is True when the repair changed anything. Line breaks are
    untouched.
    """
    data = bytes(raw)
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return _repair(data[len(bom) :].decode(encoding, errors="replace"))
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    return _repair(data.decode("utf-8", errors="replace"))


def _repair(text: str) -> tuple[str, bool]:
    """Mojibake of a UTF-8 text consists of non-ASCII characters only (every byte of a multi-byte
    sequence is >= 0x80), or spaces / "?" where a byte was lost. So only runs of non-ASCII
    characters are handed to ftfy, each on its own: ftfy costs ~250 µs a line, a 10,000-entry
    list would take seconds, and the runs ("ğŸ“ ", "â€™") repeat, so they are cached.
    """
    if text.isascii():
        return text, False
    fixed = _NON_ASCII_RUN_RE.sub(lambda m: _repair_run(m.group(0)), text)
    return fixed, fixed != text
