"""Values that cross stages: frozen dataclasses only.

The stages flow one way (load -> extract -> index -> check -> report); each
stage receives these values and returns new ones, never mutating what it got.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

FORMAT_VERSION = 1

#: The categories of CONTRACT.md, exactly.
CATEGORIES: tuple[str, ...] = (
    "conflict",
    "bilingual",
    "anniversary",
    "blank-figure",
    "malformed-number",
    "magnitude-typo",
    "name-variant",
    "part-whole",
    "unit",
    "date",
    "ocr-artifact",
    "other",
)

#: Claim kinds of CONTRACT.md.
KINDS: tuple[str, ...] = (
    "count",
    "money",
    "percent",
    "quantity",
    "ratio",
    "ordinal",
    "date",
    "year",
    "duration",
    "number",
)

#: Qualifiers of CONTRACT.md.
QUALIFIERS: tuple[str, ...] = ("exact", "over", "at_least", "under", "at_most", "about", "range")


class Severity(enum.Enum):
    """Finding severity; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls(name)
        except ValueError:
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Location:
    """A span of a document: 1-based line/column and 0-based offsets, in code points."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of lines in one language (a paragraph for language purposes)."""

    start: int
    end: int
    lang: str  # "en" or "zh"


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded document.

    ``original`` is the decoded text (BOM removed, newlines read as Python's text
    mode reads them); every offset in factcheck points into it.  ``text`` has the
    same length with markup (code blocks, tags, URLs, comments) blanked out by
    spaces, so extraction never sees markup and positions never shift.
    """

    path: str
    original: str
    text: str
    format: str  # "text", "markdown" or "html"
    lang: str  # "en", "zh" or "mixed"
    segments: tuple[Segment, ...]
    date: str | None = None
    date_source: str | None = None
    default_currency: str | None = None
    sha256: str = ""
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based code-point offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position`."""
        return self.line_starts[line - 1] + column - 1

    def location(self, start: int, end: int) -> Location:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Location(self.path, line, column, end_line, end_column, start, end, self.original[start:end])

    def lang_at(self, offset: int) -> str:
        """Language of the segment holding ``offset`` (the document's language if none)."""
        starts = [segment.start for segment in self.segments]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < self.segments[index].end:
            return self.segments[index].lang
        return "zh" if self.lang == "zh" else "en"


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure or date stated in a document, with the interval its wording implies."""

    id: str
    location: Location
    kind: str
    value: float | int | str | None
    lower: float | int | str | None
    upper: float | int | str | None
    qualifier: str
    unit: str | None = None
    currency: str | None = None
    entity: str | None = None
    metric: str | None = None
    as_of: str | None = None
    lang: str = "en"
    base_value: float | None = None
    base_unit: str | None = None
    #: Id of the claim this one is a part of ("X, of which Y").
    part_of: str | None = None
    #: Free-form extraction notes, e.g. ("malformed-ordinal",).
    flags: tuple[str, ...] = ()
    #: The sentence the claim sits in, as offsets into the original text.
    sentence_start: int = 0
    sentence_end: int = 0

    @property
    def path(self) -> str:
        return self.location.path

    def to_json(self) -> dict[str, Any]:
        loc = self.location
        data: dict[str, Any] = {
            "id": self.id,
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "start": loc.start,
            "end": loc.end,
            "text": loc.text,
            "kind": self.kind,
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "currency": self.currency,
            "entity": self.entity,
            "metric": self.metric,
            "as_of": self.as_of,
            "lang": self.lang,
        }
        if self.base_unit is not None:
            data["base_value"] = self.base_value
            data["base_unit"] = self.base_unit
        if self.part_of is not None:
            data["part_of"] = self.part_of
        if self.flags:
            data["flags"] = list(self.flags)
        return data


@dataclass(frozen=True, slots=True)
class RelatedLocation:
    location: Location
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        data = self.location.to_json()
        data["note"] = self.note
        return data


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: Severity
    message: str
    location: Location
    related: tuple[RelatedLocation, ...] = ()
    claims: tuple[str, ...] = ()
    fingerprint: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.location.path, self.location.start, self.location.end, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.to_json(),
            "related": [related.to_json() for related in self.related],
            "claims": list(self.claims),
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be read, and why (reported on stderr, never fatal alone)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a report says of a rule (for SARIF, JUnit and the HTML appendix)."""

    id: str
    check: str
    category: str
    severity: Severity
    description: str
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "check": self.check,
            "category": self.category,
            "severity": self.severity.value,
            "description": self.description,
            "source": self.source,
        }


class DeferredClaims(Sequence[Claim]):
    """A corpus's claims, read only when something iterates or indexes them.

    A full run whose findings come from the run memo needs only how many claims each document has (the
    summary, the JSON report's document list); the claims themselves are produced by ``produce`` on first
    use (formats that list or chart claims). ``counts`` maps each path to its number of claims.
    """

    __slots__ = ("_claims", "_counts", "_produce")

    def __init__(self, counts: Mapping[str, int], produce: Callable[[], tuple[Claim, ...]]) -> None:
        self._counts = dict(counts)
        self._produce = produce
        self._claims: tuple[Claim, ...] | None = None

    @property
    def counts(self) -> Mapping[str, int]:
        return self._counts

    def materialise(self) -> tuple[Claim, ...]:
        if self._claims is None:
            self._claims = self._produce()
        return self._claims

    def __len__(self) -> int:
        return sum(self._counts.values()) if self._claims is None else len(self._claims)

    @overload
    def __getitem__(self, index: int) -> Claim: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Claim]: ...

    def __getitem__(self, index: int | slice) -> Claim | Sequence[Claim]:
        return self.materialise()[index]

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.materialise())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DeferredClaims):
            other = other.materialise()
        return self.materialise() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"DeferredClaims({len(self)} claims)"


def claim_counts(claims: Sequence[Claim]) -> Mapping[str, int]:
    """How many claims each path has (without reading deferred claims)."""
    if isinstance(claims, DeferredClaims):
        return claims.counts
    counts: dict[str, int] = {}
    for claim in claims:
        path = claim.location.path
        counts[path] = counts.get(path, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a formatter may use. Formatters never see documents' files."""

    documents: tuple[Document, ...]
    #: A tuple, or :class:`DeferredClaims` when a full run recalled its findings (read on first use).
    claims: Sequence[Claim]
    findings: tuple[Finding, ...]
    rules: tuple[RuleInfo, ...] = ()
    problems: tuple[Problem, ...] = ()
    fail_on: str = "error"
    baselined: int = 0
    suppressed: int = 0
    tool_version: str = ""
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    @property
    def failed(self) -> bool:
        return fails(self.findings, self.fail_on)


def fails(findings: tuple[Finding, ...] | list[Finding], fail_on: str) -> bool:
    """True when a finding is at or above the ``fail_on`` threshold."""
    if fail_on == "never":
        return False
    threshold = Severity.parse(fail_on).rank
    return any(finding.severity.rank >= threshold for finding in findings)
