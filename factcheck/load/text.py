"""Bytes -> text, and text -> line starts and language segments."""

from __future__ import annotations

import codecs
import re

from factcheck.model import Segment


class UnreadableDocument(Exception):
    """A document that cannot be decoded as text; the message says why."""


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode(data: bytes, checked: bool = True) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM.

    Newlines are then read as Python's text mode reads them (``\\r\\n`` and a
    lone ``\\r`` become ``\\n``), so offsets agree with ``Path.read_text()``.
    ``checked=False`` skips the tests for binary data: for bytes known to have passed
    them (the corpus memo's, identified by their sha256), which decode the same way.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        encoding = "utf-8"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if checked and b"\x00" in data[:8192]:
            raise UnreadableDocument("binary file (NUL bytes and no UTF-16 byte-order mark)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            f"not valid {encoding.upper()} (byte 0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if checked:
        sample = text[:8192]
        if sample and _control_count(sample) > max(8, len(sample) // 100):
            raise UnreadableDocument("binary file (too many control characters)")
    if b"\r" not in data:  # a CR character has a 0x0d byte in UTF-8 and UTF-16: most files need no replace
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CONTROL_BYTES = bytes((*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)))


def _control_count(sample: str) -> int:
    """How many characters of ``sample`` ``_CONTROL`` matches: counted in its UTF-8 bytes, where a control
    character is the same single byte and no other character has a byte below 0x80 (a regex over a text
    with Han characters costs about 50 µs per document)."""
    data = sample.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    position = find("\n")
    while position != -1:
        starts.append(position + 1)
        position = find("\n", position + 1)
    return tuple(starts)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_LATIN = re.compile(r"[A-Za-z]")


def line_language(line: str) -> str | None:
    """``zh`` when Han characters outnumber Latin letters, ``en`` when not, None for no letters."""
    if _HAN.search(line) is None:  # the common case, without building lists of matches
        return "en" if _LATIN.search(line) else None
    han = _HAN.subn("", line)[1]  # counted in C, without a list of a million one-character matches
    latin = _LATIN.subn("", line)[1]
    if han == 0 and latin == 0:
        return None
    # A Chinese line often quotes English names ("Digital Living Lab"); one Han
    # character weighs about as much as a short English word.
    return "zh" if han * 4 >= latin else "en"


def language_segments(text: str) -> tuple[Segment, ...]:
    """Split the text into runs of lines of one language.

    Lines without letters join the run around them, so a figure on a line of its
    own belongs to its paragraph's language.
    """
    segments: list[Segment] = []
    current_lang: str | None = None
    current_start = 0
    offset = 0
    for line in text.split("\n"):
        lang = line_language(line)
        if lang is not None and lang != current_lang:
            if current_lang is not None:
                segments.append(Segment(current_start, offset, current_lang))
                current_start = offset
            elif segments:
                current_start = offset
            current_lang = lang
        offset += len(line) + 1
    if current_lang is not None:
        segments.append(Segment(current_start, len(text), current_lang))
    if segments:
        first = segments[0]
        segments[0] = Segment(0, first.end, first.lang)
    return tuple(segments)


def document_language(segments: tuple[Segment, ...]) -> str:
    weights: dict[str, int] = {}
    for segment in segments:
        weights[segment.lang] = weights.get(segment.lang, 0) + segment.end - segment.start
    if not weights:
        return "en"
    if len(weights) == 1:
        return next(iter(weights))
    total = sum(weights.values())
    # A stray line in the other script does not make a document bilingual.
    minority = min(weights.values())
    if minority < total * 0.05:
        return max(weights, key=lambda lang: weights[lang])
    return "mixed"
