"""The HTML audit report's data: plain values built from a Report, rendered by one template.

Like coverage.py's HTML report, everything the page shows is computed here (excerpts, counts, timeline
geometry); the template only lays it out, and Jinja2's autoescape escapes every piece of document text.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from factcheck.model import CATEGORIES, Claim, Document, Finding, Location, Report, Severity
from factcheck.report.json_format import check_json

#: Lines of context shown above and below a finding's span.
CONTEXT_LINES = 2
#: Characters of a long line kept on each side of the highlighted span.
LINE_WINDOW = 160
#: Context lines longer than this are cut.
CONTEXT_LINE_MAX = 220
#: A highlighted span longer than this is cut (the whole text is in the embedded JSON).
MARK_MAX = 2000

#: A chart shows at most this many claims (every conflicting one first), and labels them only up to LABEL_LIMIT.
MAX_TIMELINE_POINTS = 60
LABEL_LIMIT = 24
#: Sources shown side by side for one finding (the rest are counted; all are in the embedded JSON).
MAX_EXCERPTS = 8
#: Width of the chart's lane for claims with no as-of date.
UNDATED_LANE = 96

INTEGER_KINDS = ("count", "ordinal", "year")
NUMERIC_KINDS = ("count", "money", "percent", "quantity", "ratio", "number", "duration", "ordinal", "year")
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

# Characters that exist in only one of the two Chinese scripts (common ones), to tell zh-Hant from zh-Hans.
_HANT = set(
    "們這個為與國發區會學時實現經點業過對將來後從說開關長門問題體產動種處應變條數據檢務費網際隊線園灣龍華電機軟術創萬億幣銀資訊營單東車書場"
)
_HANS = set(
    "们这个为与国发区会学时实现经点业过对将来后从说开关长门问题体产动种处应变条数据检务费网际队线园湾龙华电机软术创万亿币银资讯营单东车书场"
)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def html_lang(lang: str, text: str = "") -> str:
    """The BCP 47 tag for a factcheck language code: ``zh`` becomes ``zh-Hant`` or ``zh-Hans`` when the
    text shows which script it is written in."""
    if lang != "zh" and not (lang == "mixed" and _HAN.search(text)):
        return "en" if lang in ("en", "mixed") else lang
    traditional = sum(1 for char in text if char in _HANT)
    simplified = sum(1 for char in text if char in _HANS) - sum(1 for char in text if char in _HANT & _HANS)
    if traditional > simplified:
        return "zh-Hant"
    if simplified > traditional:
        return "zh-Hans"
    return "zh"


def name_lang(name: str) -> str:
    """The ``lang`` for a name or phrase on its own (an entity, a metric): Chinese if it has Han characters."""
    return html_lang("zh", name) if _HAN.search(name) else "en"


# ---------------------------------------------------------------------------------------------- values


def format_number(value: float | int | str | None, compact: bool = False, kind: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind in ("year", "ordinal") and float(value).is_integer():
        return str(int(value))  # 2001, not 2,001
    if compact and abs(value) >= 10_000:
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
            if abs(value) >= size:
                return f"{value / size:,.3g}{suffix}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def format_interval(claim: Claim) -> str:
    if claim.lower is None and claim.upper is None:
        return "unbounded"
    lower = "−∞" if claim.lower is None else format_number(claim.lower, kind=claim.kind)
    upper = "∞" if claim.upper is None else format_number(claim.upper, kind=claim.kind)
    if lower == upper:
        return lower
    return f"{lower} … {upper}"


_QUALIFIER_SIGNS = {"over": ">", "at_least": "≥", "under": "<", "at_most": "≤", "about": "≈"}


def short_value(claim: Claim) -> str:
    """A compact label for a timeline point: ``>2,000``, ``≈900``, ``1,000–1,200``."""
    if claim.qualifier == "range" and claim.lower is not None and claim.upper is not None:
        return f"{format_number(claim.lower, kind=claim.kind)}–{format_number(claim.upper, kind=claim.kind)}"
    return _QUALIFIER_SIGNS.get(claim.qualifier, "") + format_number(claim.value, kind=claim.kind)


def _numeric(value: float | int | str | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


@functools.lru_cache(maxsize=4096)
def parse_as_of(as_of: str | None) -> dt.date | None:
    """First day of an ISO date at any precision (``2024``, ``2024-05``, ``2024-05-31``)."""
    if not as_of:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", as_of)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------- page data


@dataclass(frozen=True, slots=True)
class Part:
    text: str
    mark: bool = False


@dataclass(frozen=True, slots=True)
class ExcerptLine:
    number: int
    parts: tuple[Part, ...]
    lang: str


@dataclass(frozen=True, slots=True)
class Excerpt:
    role: str  # "primary" or "related"
    note: str
    path: str
    document_anchor: str | None
    line: int
    column: int
    date: str | None
    date_source: str | None
    lang: str
    lines: tuple[ExcerptLine, ...]


@dataclass(frozen=True, slots=True)
class ClaimLink:
    anchor: str
    label: str


@dataclass(frozen=True, slots=True)
class FindingView:
    anchor: str
    rule: str
    category: str
    severity: str
    message: str
    where: str
    documents: str  # space-separated document anchors, for the document filter
    excerpts: tuple[Excerpt, ...]
    more_sources: int
    claims: tuple[ClaimLink, ...]
    fingerprint: str


@dataclass(frozen=True, slots=True)
class Count:
    name: str
    count: int
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    anchor: str
    x: float
    y: float
    y_low: float
    y_high: float
    open_low: bool
    open_high: bool
    conflict: bool
    label: str
    text: str
    lang: str
    as_of: str
    where: str
    label_x: float
    label_anchor: str  # "start" (label to the right of the point) or "end" (to the left)


@dataclass(frozen=True, slots=True)
class Timeline:
    anchor: str
    title: str
    title_lang: str
    subtitle: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    points: tuple[TimelinePoint, ...]
    summary: str
    conflicts: int
    #: Claims in the group; ``len(points)`` of them are drawn.
    total: int
    labelled: bool
    #: x of the line between the undated lane and the time axis (0: no undated claims).
    lane_x: float


@dataclass(frozen=True, slots=True)
class ClaimRow:
    anchor: str
    line: int
    column: int
    text: str
    lang: str
    kind: str
    value: str
    interval: str
    qualifier: str
    unit: str
    entity: str
    entity_lang: str
    metric: str
    metric_lang: str
    as_of: str
    flags: str
    findings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DocumentView:
    anchor: str
    path: str
    lang: str
    date: str | None
    date_source: str | None
    format: str
    findings: int
    claims: tuple[ClaimRow, ...]


@dataclass(frozen=True, slots=True)
class RuleView:
    id: str
    check: str
    category: str
    severity: str
    description: str
    source: str
    findings: int


@dataclass(frozen=True, slots=True)
class Page:
    title: str
    tool_version: str
    failed: bool
    fail_on: str
    documents_count: int
    claims_count: int
    findings_count: int
    baselined: int
    suppressed: int
    severities: tuple[Count, ...]
    categories: tuple[Count, ...]
    document_counts: tuple[Count, ...]
    findings: tuple[FindingView, ...]
    timelines: tuple[Timeline, ...]
    documents: tuple[DocumentView, ...]
    rules: tuple[RuleView, ...]
    problems: tuple[tuple[str, str], ...]
    data_json: str


# ---------------------------------------------------------------------------------------------- excerpts


def _line_bounds(document: Document, line: int) -> tuple[int, int]:
    starts = document.line_starts
    start = starts[line - 1]
    end = starts[line] - 1 if line < len(starts) else len(document.original)
    if end < start:
        end = start
    return start, end


def _cut(parts: list[Part]) -> list[Part]:
    """Shorten a long line to a window around its highlight."""
    if not any(part.mark for part in parts):
        text = "".join(part.text for part in parts)
        return [Part(text[:CONTEXT_LINE_MAX] + "…")] if len(text) > CONTEXT_LINE_MAX else parts
    result: list[Part] = []
    for index, part in enumerate(parts):
        if part.mark:
            result.append(Part(part.text[:MARK_MAX] + "…", mark=True) if len(part.text) > MARK_MAX else part)
        elif index == 0 and len(part.text) > LINE_WINDOW:
            result.append(Part("…" + part.text[-LINE_WINDOW:]))
        elif index == len(parts) - 1 and len(part.text) > LINE_WINDOW:
            result.append(Part(part.text[:LINE_WINDOW] + "…"))
        else:
            result.append(part)
    return result


def excerpt_lines(document: Document, start: int, end: int, context: int = CONTEXT_LINES) -> tuple[ExcerptLine, ...]:
    first_line, _ = document.position(start)
    last_line, _ = document.position(max(start, end - 1) if end > start else start)
    lines = []
    for number in range(max(1, first_line - context), min(len(document.line_starts), last_line + context) + 1):
        line_start, line_end = _line_bounds(document, number)
        text = document.original[line_start:line_end]
        mark_start, mark_end = max(start, line_start), min(end, line_end)
        if mark_start < mark_end:
            raw = [
                Part(document.original[line_start:mark_start]),
                Part(document.original[mark_start:mark_end], mark=True),
                Part(document.original[mark_end:line_end]),
            ]
        elif start == end and line_start <= start <= line_end:  # an empty span: mark the spot
            raw = [
                Part(document.original[line_start:start]),
                Part("", mark=True),
                Part(document.original[start:line_end]),
            ]
        else:
            raw = [Part(text)]
        parts = tuple(part for part in _cut(raw) if part.text or part.mark)
        lines.append(ExcerptLine(number, parts, html_lang(document.lang_at(line_start), text)))
    # Blank context lines at either edge add nothing.
    while lines and not lines[-1].parts:
        lines.pop()
    while lines and not lines[0].parts:
        lines.pop(0)
    return tuple(lines)


def _excerpt(
    location: Location, role: str, note: str, documents: Mapping[str, Document], anchors: Mapping[str, str]
) -> Excerpt:
    document = documents.get(location.path)
    if document is None:
        lines: tuple[ExcerptLine, ...] = (ExcerptLine(location.line, (Part(location.text, mark=True),), "en"),)
        return Excerpt(role, note, location.path, None, location.line, location.column, None, None, "en", lines)
    lines = excerpt_lines(document, location.start, location.end)
    lang = html_lang(document.lang_at(location.start), location.text)
    return Excerpt(
        role,
        note,
        location.path,
        anchors.get(location.path),
        location.line,
        location.column,
        document.date,
        document.date_source,
        lang,
        lines,
    )


# ---------------------------------------------------------------------------------------------- timelines


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks, 1)
    magnitude = float(10 ** math.floor(math.log10(raw))) if raw > 0 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _timeline(
    number: int,
    key: TimelineKey,
    claims: list[Claim],
    conflict_ids: set[str],
    claim_anchors: Mapping[str, str],
    total: int,
) -> Timeline:
    entity, metric, kind, dimension = key
    width, height, left, right, top, bottom = 880, 260, 72, 56, 24, 44
    dates = [parse_as_of(claim.as_of) for claim in claims]
    # Undated claims get a lane of their own at the left, apart from the time axis.
    lane = UNDATED_LANE if any(date is None for date in dates) else 0
    plot_left = left + lane
    plot_w, plot_h = width - plot_left - right, height - top - bottom
    ordinals = [date.toordinal() for date in dates if date is not None] or [0]
    x_min, x_max = min(ordinals), max(ordinals)
    pad = max(30.0, (x_max - x_min) * 0.08)
    x_lo, x_hi = x_min - pad, x_max + pad

    finite: list[float] = []
    for claim in claims:
        finite.extend(v for v in (_numeric(claim.value), _numeric(claim.lower), _numeric(claim.upper)) if v is not None)
    y_lo = min(0.0, min(finite))
    y_top = max(finite) * 1.18 if max(finite) > 0 else 1.0
    step = _nice_step(y_top - y_lo)
    if kind in INTEGER_KINDS and not step.is_integer():
        step = float(math.ceil(step))  # no 2.5 companies on the axis
    y_lo = math.floor(y_lo / step) * step
    y_hi = math.ceil(y_top / step) * step

    def x_of(date: dt.date | None) -> float:
        if date is None:
            return left + lane / 2
        return round(plot_left + (date.toordinal() - x_lo) / (x_hi - x_lo) * plot_w, 1)

    def y_of(value: float) -> float:
        return round(top + plot_h - (value - y_lo) / (y_hi - y_lo) * plot_h, 1)

    y_ticks = []
    tick = y_lo
    while tick <= y_hi + step / 2:
        y_ticks.append(Tick(y_of(tick), format_number(tick, compact=True)))
        tick += step
    distinct_dates = sorted({date for date in dates if date is not None})
    x_ticks: tuple[Tick, ...] = (Tick(x_of(None), "undated"),) if lane else ()
    if len(distinct_dates) > 8:  # keep the axis readable: label years instead
        years = sorted({date.year for date in distinct_dates})
        year_ticks = (Tick(x_of(dt.date(year, 1, 1)), str(year)) for year in years)
        x_ticks += tuple(tick for tick in year_ticks if plot_left <= tick.position <= width - right)
    else:
        written: dict[dt.date, str] = {}
        for claim, date in zip(claims, dates, strict=True):
            if date is not None and claim.as_of:
                written.setdefault(date, claim.as_of)
        x_ticks += tuple(Tick(x_of(date), written[date]) for date in distinct_dates)

    ordered = sorted(
        zip(claims, dates, strict=True), key=lambda pair: (pair[1] or dt.date.min, pair[0].path, pair[0].location.start)
    )
    per_date: Counter[dt.date | None] = Counter(dates)
    seen: Counter[dt.date | None] = Counter()
    points = []
    for claim, date in ordered:
        value = _numeric(claim.value)
        lower, upper = _numeric(claim.lower), _numeric(claim.upper)
        centre = value if value is not None else (lower if lower is not None else upper)
        assert centre is not None
        # Several claims on one date sit side by side, centred on the date, with room for their labels.
        if date is None:
            spacing = max(4.0, min(30.0, (lane - 24) / per_date[date]))
        else:
            spacing = 52.0 if per_date[date] <= 3 else max(4.0, 156.0 / per_date[date])
        offset = (seen[date] - (per_date[date] - 1) / 2) * spacing
        seen[date] += 1
        x = round(x_of(date) + offset, 1)
        y = y_of(centre)
        y_low = float(top + plot_h) if lower is None else y_of(lower)
        y_high = float(top) if upper is None else y_of(upper)
        label = short_value(claim)
        # Of several claims on one date, those left of the date are labelled on their left, so labels never cross.
        label_anchor = "end" if offset < 0 else "start"
        label_x = round(x - 8 if offset < 0 else x + 8, 1)
        points.append(
            TimelinePoint(
                anchor=claim_anchors[claim.id],
                x=x,
                y=y,
                y_low=y_low,
                y_high=y_high,
                open_low=lower is None,
                open_high=upper is None,
                conflict=claim.id in conflict_ids,
                label=label,
                text=claim.location.text,
                lang=html_lang(claim.lang, claim.location.text),
                as_of=claim.as_of or "undated",
                where=f"{claim.path}:{claim.location.line}",
                label_x=label_x,
                label_anchor=label_anchor,
            )
        )
    title = f"{entity} · {metric}"
    subtitle = kind + (f", {dimension}" if dimension and dimension != kind else "")
    summary = " → ".join(f"{point.label} ({point.as_of})" for point in points)
    return Timeline(
        anchor=f"t-{number}",
        title=title,
        title_lang=name_lang(title),
        subtitle=subtitle,
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        x_ticks=x_ticks,
        y_ticks=tuple(y_ticks),
        points=tuple(points),
        summary=summary,
        conflicts=sum(1 for point in points if point.conflict),
        total=total,
        labelled=len(points) <= LABEL_LIMIT,
        lane_x=float(plot_left) if lane else 0.0,
    )


def _sample(claims: list[Claim], conflict_ids: set[str]) -> list[Claim]:
    """At most MAX_TIMELINE_POINTS claims: every conflicting one, then others evenly spread over the dates."""
    if len(claims) <= MAX_TIMELINE_POINTS:
        return claims
    conflicting = [claim for claim in claims if claim.id in conflict_ids][:MAX_TIMELINE_POINTS]
    others = sorted((claim for claim in claims if claim.id not in conflict_ids), key=lambda claim: claim.as_of or "")
    room = MAX_TIMELINE_POINTS - len(conflicting)
    if room > 0 and others:
        step = len(others) / room
        conflicting.extend(others[int(index * step)] for index in range(min(room, len(others))))
    return conflicting


TimelineKey = tuple[str, str, str, str | None]


def _aligned(report: Report) -> Mapping[str, Sequence[str | None]]:
    """The index's aligned keys, if the engine put them in the report: ``metadata["claim_keys"]`` maps a claim
    id to its (entity, metric, kind, dimension) after alias and synonym matching."""
    keys = report.metadata.get("claim_keys")
    return keys if isinstance(keys, Mapping) else {}


def timeline_key(claim: Claim, aligned: Mapping[str, Sequence[str | None]]) -> TimelineKey | None:
    """(entity, metric, kind, unit or currency as written): values on one axis must share a unit, so the
    written unit or currency is part of the key even where the index aligns across units."""
    entity, metric = claim.entity, claim.metric
    if aligned:
        key = aligned.get(claim.id)
        if key is None or len(key) < 2:
            return None  # not indexed (a year used as a name, an anniversary)
        entity, metric = key[0], key[1]
    if entity is None or metric is None:
        return None
    return (entity, metric, claim.kind, claim.currency or claim.unit)


def timelines(report: Report, claim_anchors: Mapping[str, str]) -> tuple[Timeline, ...]:
    """One chart per (entity, metric, kind, unit) with numeric claims at several as-of dates (undated claims
    count as one more "date"), or in conflict."""
    conflict_ids = {claim for finding in report.findings if finding.category == "conflict" for claim in finding.claims}
    aligned = _aligned(report)
    groups: dict[TimelineKey, list[Claim]] = {}
    for claim in report.claims:
        if claim.kind not in NUMERIC_KINDS:
            continue
        if all(_numeric(value) is None for value in (claim.value, claim.lower, claim.upper)):
            continue
        key = timeline_key(claim, aligned)
        if key is not None:
            groups.setdefault(key, []).append(claim)
    charts: list[Timeline] = []
    for key in sorted(groups, key=lambda key: tuple("" if part is None else part for part in key)):
        claims = groups[key]
        dates = {parse_as_of(claim.as_of) for claim in claims}
        in_conflict = any(claim.id in conflict_ids for claim in claims)
        # Worth a chart: values at two or more dates (an undated lane counts as one), or a conflict.
        if len(claims) < 2 or (len(dates) < 2 and not in_conflict):
            continue
        shown = _sample(claims, conflict_ids)
        charts.append(_timeline(len(charts) + 1, key, shown, conflict_ids, claim_anchors, len(claims)))
    return tuple(charts)


# ---------------------------------------------------------------------------------------------- the page


def embedded_json(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``: ``</script>``, ``<!--`` and the JavaScript line
    separators cannot appear in it, so document text can never end the element early."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"), sort_keys=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _touches(finding: Finding) -> list[str]:
    paths = [finding.location.path]
    paths.extend(related.location.path for related in finding.related if related.location.path not in paths)
    return paths


def _counts(names: Iterable[str], order: Iterable[str] = ()) -> tuple[Count, ...]:
    counter = Counter(names)
    ordered = [name for name in order if counter[name]]
    ordered.extend(sorted(name for name in counter if name not in ordered))
    return tuple(Count(name, counter[name]) for name in ordered)


def build_page(report: Report, title: str = "factcheck audit report") -> Page:
    documents = {document.path: document for document in report.documents}
    doc_anchors = {document.path: f"d-{index}" for index, document in enumerate(report.documents, start=1)}
    claim_anchors = {claim.id: f"c-{index}" for index, claim in enumerate(report.claims, start=1)}
    finding_anchors = [f"f-{index}" for index, _ in enumerate(report.findings, start=1)]
    findings_of_claim: dict[str, list[str]] = {}
    for anchor, finding in zip(finding_anchors, report.findings, strict=True):
        for claim_id in finding.claims:
            findings_of_claim.setdefault(claim_id, []).append(anchor)

    finding_views = []
    for anchor, finding in zip(finding_anchors, report.findings, strict=True):
        excerpts = [_excerpt(finding.location, "primary", "", documents, doc_anchors)]
        excerpts.extend(
            _excerpt(related.location, "related", related.note, documents, doc_anchors)
            for related in finding.related[: MAX_EXCERPTS - 1]
        )
        loc = finding.location
        touched = _touches(finding)
        finding_views.append(
            FindingView(
                anchor=anchor,
                rule=finding.rule,
                category=finding.category,
                severity=finding.severity.value,
                message=finding.message,
                where=f"{loc.path}:{loc.line}:{loc.column}",
                documents=" ".join(doc_anchors.get(path, "") for path in touched if path in doc_anchors),
                excerpts=tuple(excerpts),
                more_sources=max(0, len(finding.related) - (MAX_EXCERPTS - 1)),
                claims=tuple(
                    ClaimLink(claim_anchors[claim_id], claim_id)
                    for claim_id in finding.claims
                    if claim_id in claim_anchors
                ),
                fingerprint=finding.fingerprint[:12],
            )
        )

    touched_counts = Counter(path for finding in report.findings for path in _touches(finding))
    claims_by_path: dict[str, list[Claim]] = {}
    for claim in report.claims:
        claims_by_path.setdefault(claim.path, []).append(claim)
    document_views = []
    for document in report.documents:
        rows = tuple(
            ClaimRow(
                anchor=claim_anchors[claim.id],
                line=claim.location.line,
                column=claim.location.column,
                text=claim.location.text,
                lang=html_lang(claim.lang, claim.location.text),
                kind=claim.kind,
                value=format_number(claim.value, kind=claim.kind),
                interval=format_interval(claim),
                qualifier=claim.qualifier,
                unit=claim.currency or claim.unit or "",
                entity=claim.entity or "",
                entity_lang=name_lang(claim.entity or ""),
                metric=claim.metric or "",
                metric_lang=name_lang(claim.metric or ""),
                as_of=claim.as_of or "",
                flags=", ".join(claim.flags),
                findings=tuple(findings_of_claim.get(claim.id, ())),
            )
            for claim in claims_by_path.get(document.path, ())
        )
        document_views.append(
            DocumentView(
                anchor=doc_anchors[document.path],
                path=document.path,
                lang=document.lang,
                date=document.date,
                date_source=document.date_source,
                format=document.format,
                findings=touched_counts.get(document.path, 0),
                claims=rows,
            )
        )

    per_rule = Counter(finding.rule for finding in report.findings)
    data = check_json(report)
    data["claims"] = [claim.to_json() for claim in report.claims]
    data["rules"] = [rule.to_json() for rule in report.rules]
    return Page(
        title=title,
        tool_version=report.tool_version,
        failed=report.failed,
        fail_on=report.fail_on,
        documents_count=len(report.documents),
        claims_count=len(report.claims),
        findings_count=len(report.findings),
        baselined=report.baselined,
        suppressed=report.suppressed,
        severities=tuple(Count(severity.value, report.count(severity)) for severity in SEVERITIES),
        categories=_counts((finding.category for finding in report.findings), CATEGORIES),
        document_counts=tuple(
            Count(document.path, touched_counts.get(document.path, 0), doc_anchors[document.path])
            for document in report.documents
        ),
        findings=tuple(finding_views),
        timelines=timelines(report, claim_anchors),
        documents=tuple(document_views),
        rules=tuple(
            RuleView(
                rule.id,
                rule.check,
                rule.category,
                rule.severity.value,
                rule.description,
                rule.source,
                per_rule.get(rule.id, 0),
            )
            for rule in report.rules
        ),
        problems=tuple((problem.path, problem.reason) for problem in report.problems),
        data_json=embedded_json(data),
    )
