"""Blank out markup so extraction sees prose only, keeping every offset.

Masking replaces markup characters by spaces (newlines are kept), so the masked
text has exactly the length of the original and a claim found at ``[start, end)``
in it is at ``[start, end)`` in the original file too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


_NOT_NEWLINE = re.compile(r"[^\n]")


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Replace each span by spaces, keeping newlines (spans may overlap)."""
    chars = list(text)
    for start, end in spans:
        segment = text[start:end]
        chars[start:end] = _NOT_NEWLINE.sub(" ", segment) if "\n" in segment else " " * (end - start)
    return "".join(chars)


# -- markdown ---------------------------------------------------------------

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.S | re.M)
_INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")
_BACKTICKS = re.compile(r"`+")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REFERENCE_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", re.M)
# No "<" inside: a line of "<<<<" must not make every "<" scan to the end of the text (quadratic).
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_HEADING_MARK = re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t])", re.M)
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t])", re.M)
_EMPHASIS = re.compile(r"(?<![\\*_])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![*_])")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.M)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code: a run of backticks up to the next run of the same length (CommonMark).

    Done over the runs rather than with a backtracking regex, which takes quadratic
    time or worse on a long line of backticks.  A run without a closing run of the
    same length is literal text.
    """
    runs = [match.span() for match in _BACKTICKS.finditer(text)]
    following: dict[int, int] = {}
    next_same: list[int | None] = [None] * len(runs)
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        next_same[index] = following.get(length)
        following[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closing = next_same[index]
        if closing is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closing][1]))
        index = closing + 1
    return spans


def mask_markdown(text: str) -> str:
    """Mask front matter, code, comments, link targets, URLs, tags and list/heading markers.

    List numbering ("1. ") is masked so it is never read as a figure.  Backslash
    escapes are kept: the extractor reads ``HK\\$280.8`` itself.
    """
    spans: list[tuple[int, int]] = []
    front = FRONT_MATTER.match(text)
    if front:
        spans.append(front.span())
    for pattern in (_FENCE, _INDENTED_CODE, _HTML_COMMENT):
        spans.extend(_spans(pattern, text))
    masked = blank(text, spans)
    spans = _code_spans(masked)
    for pattern in (
        _LINK_TARGET,
        _REFERENCE_DEF,
        _AUTOLINK,
        _BARE_URL,
        _TAG,
        _HEADING_MARK,
        _LIST_MARK,
        _EMPHASIS,
        _TABLE_RULE,
    ):
        spans.extend(_spans(pattern, masked))
    masked = blank(masked, spans)
    # Image alt text is prose, but "![" is not; "[" and "]" of links are not either.
    return masked.replace("![", "  ").replace("[", " ").replace("]", " ")


# -- html -------------------------------------------------------------------

# "[^<>]" rather than "[^>]": an unclosed "<script" or "<!DOCTYPE" repeated on one line would
# otherwise scan to the end of the text from each of them (quadratic).
_HTML_RAW = re.compile(r"<(script|style|template|noscript)\b[^<>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
_HTML_TAG = re.compile(r"<[!/?]?[A-Za-z][^<>]*>|<!DOCTYPE[^<>]*>", re.I)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|blockquote|pre|hr)\b",
    re.I,
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def mask_html(text: str) -> str:
    """Mask tags (with their attributes), comments, scripts and styles; decode entities in place.

    A block-level tag becomes a line break in the masked text so sentences do not
    run across table cells or paragraphs.  An entity such as ``&amp;`` becomes
    its character followed by spaces, so the length stays the same.
    """
    spans = _spans(_HTML_COMMENT, text) + _spans(_HTML_RAW, text)
    masked = blank(text, spans)
    chars = list(masked)
    for match in _HTML_TAG.finditer(masked):
        start, end = match.span()
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "
        if _BLOCK_TAG.match(match.group()):
            chars[start] = "\n"
    for match in _ENTITY.finditer(masked):
        start, end = match.span()
        decoded = html.unescape(match.group())
        if len(decoded) == 1 and decoded not in "<>":
            if decoded == "\xa0":
                decoded = " "
            chars[start] = decoded
            for index in range(start + 1, end):
                chars[index] = " "
    return "".join(chars)
