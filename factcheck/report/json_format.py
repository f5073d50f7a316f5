"""JSON (CONTRACT.md), JSON lines and CSV renderings."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from json.encoder import encode_basestring  # the C encoder when available (ensure_ascii=False)
from typing import Any

from factcheck.model import FORMAT_VERSION, Finding, Location, Report, Severity

_SCALARS = {True: "true", False: "false"}


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str | None:
    """A JSON scalar as ``json.dumps`` writes it, or None for a container (or a type it would reject)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is bool:
        return _SCALARS[value]
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return _float(value)
    return None


_KEYS: dict[str, str] = {}


class _Written(str):
    """Text already written as json.dumps would write it at the place it goes (see :func:`_finding_text`)."""

    __slots__ = ()


def _member(item: Any, indent: str) -> str:
    """One value inside a container, as json.dumps writes it at ``indent`` (scalars inline: the common case)."""
    kind = type(item)
    if kind is str:
        return encode_basestring(item)
    if kind is int:
        return int.__repr__(item)
    if kind is _Written:
        return str(item)
    if item is None:
        return "null"
    text = _scalar(item)
    if text is not None:
        return text
    out: list[str] = []
    _pretty(item, indent, out)
    return "".join(out)


def _pretty(value: Any, indent: str, out: list[str]) -> None:
    """Append ``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` would write it at ``indent``.

    The standard library's indented encoder is pure Python and generic; this one handles the types a
    report holds (str keys; str, int, float, bool, None, list, tuple, dict values) with the C string
    encoder, encodes each key once per run and joins a container's members in one go.
    Anything else goes through ``json.dumps`` itself.
    """
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        members: list[str] = []
        keys = _KEYS
        for key, item in value.items():
            name = keys.get(key) if type(key) is str else None
            if name is None:
                name = (encode_basestring(key) if type(key) is str else _scalar_key(key)) + ": "
                if type(key) is str and len(keys) < 4096:
                    keys[key] = name
            kind = type(item)
            if kind is str:
                members.append(name + encode_basestring(item))
            elif kind is int:
                members.append(name + int.__repr__(item))
            else:
                members.append(name + _member(item, inner))
        out.append("{\n" + inner + (",\n" + inner).join(members) + "\n" + indent + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        items = [_member(item, inner) for item in value]
        out.append("[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]")
    else:
        text = _scalar(value)
        if text is None:  # another type: whatever json.dumps makes of it (or its error)
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
        out.append(text)


def _scalar_key(key: Any) -> str:
    """A non-string dict key as json.dumps writes it (numbers, booleans and None become strings)."""
    return json.dumps({key: 0}, ensure_ascii=False)[1:].rpartition(":")[0]


def dumps_indented(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, faster on large reports (same bytes)."""
    out: list[str] = []
    _pretty(data, "", out)
    return "".join(out)


def _dump(data: Any) -> str:
    return dumps_indented(data) + "\n"


def documents_json(report: Report) -> list[dict[str, Any]]:
    counts = Counter(claim.location.path for claim in report.claims)
    return [
        {
            "path": document.path,
            "lang": document.lang,
            "date": document.date,
            "date_source": document.date_source,
            "claims": counts.get(document.path, 0),
        }
        for document in report.documents
    ]


def check_json(report: Report, findings: bool = True) -> dict[str, Any]:
    """The JSON report's data (CONTRACT.md); without ``findings``, an empty findings list."""
    return {
        "format_version": FORMAT_VERSION,
        "summary": {
            "documents": len(report.documents),
            "claims": len(report.claims),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
            "baselined": report.baselined,
            "suppressed": report.suppressed,
            "fail_on": report.fail_on,
            "failed": report.failed,
        },
        "documents": documents_json(report),
        "skipped": [{"path": problem.path, "reason": problem.reason} for problem in report.problems],
        "findings": [finding.to_json() for finding in report.findings] if findings else [],
    }


def _location_members(location: Location, inner: str) -> str:
    """The members of ``Location.to_json()`` at ``inner``, joined."""
    return (
        f'"path": {_member(location.path, inner)},\n{inner}"line": {_member(location.line, inner)},\n'
        f'{inner}"column": {_member(location.column, inner)},\n{inner}"end_line": {_member(location.end_line, inner)},\n'
        f'{inner}"end_column": {_member(location.end_column, inner)},\n{inner}"start": {_member(location.start, inner)},\n'
        f'{inner}"end": {_member(location.end, inner)},\n{inner}"text": {_member(location.text, inner)}'
    )


def _finding_text(finding: Finding, indent: str) -> _Written:
    """``finding.to_json()`` as json.dumps(indent=2) writes it at ``indent``, without building the dicts
    (a report holds tens of thousands of findings, each with a location, related locations and claim ids)."""
    one, two, three = indent + "  ", indent + "    ", indent + "      "
    related = [
        f'{{\n{three}{_location_members(item.location, three)},\n{three}"note": {_member(item.note, three)}\n{two}}}'
        for item in finding.related
    ]
    claims = [_member(claim, two) for claim in finding.claims]
    return _Written(
        f'{{\n{one}"rule": {_member(finding.rule, one)},\n{one}"category": {_member(finding.category, one)},\n'
        f'{one}"severity": {_member(finding.severity.value, one)},\n{one}"message": {_member(finding.message, one)},\n'
        f'{one}"location": {{\n{two}{_location_members(finding.location, two)}\n{one}}},\n'
        f'{one}"related": {_list(related, one)},\n{one}"claims": {_list(claims, one)},\n'
        f'{one}"fingerprint": {_member(finding.fingerprint, one)}\n{indent}}}'
    )


def _list(items: list[str], indent: str) -> str:
    """Members already written at ``indent + 2`` as a JSON list at ``indent``."""
    if not items:
        return "[]"
    inner = indent + "  "
    return "[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]"


def render(report: Report) -> str:
    data = check_json(report, findings=False)
    data["findings"] = [_finding_text(finding, "    ") for finding in report.findings]
    return _dump(data)


def render_claims(report: Report) -> str:
    return _dump(
        {
            "format_version": FORMAT_VERSION,
            "documents": documents_json(report),
            "claims": [claim.to_json() for claim in report.claims],
        }
    )


def render_claims_jsonl(report: Report) -> str:
    return "".join(json.dumps(claim.to_json(), ensure_ascii=False) + "\n" for claim in report.claims)


CSV_FIELDS = [
    "id",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "start",
    "end",
    "text",
    "kind",
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "currency",
    "entity",
    "metric",
    "as_of",
    "lang",
]


def render_claims_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for claim in report.claims:
        writer.writerow(claim.to_json())
    return buffer.getvalue()
