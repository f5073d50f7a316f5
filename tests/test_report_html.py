"""The HTML audit report without a browser: escaping, CSP, embedded JSON, timelines, language tags."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.load import DocumentMeta, document_from_text
from factcheck.model import Report
from factcheck.report import build, html
from factcheck.report.json_format import check_json


class _Collector(HTMLParser):
    """Elements with their attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in, self._attrs, self._buffer = tag, dict(attrs), []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in == "script":
            self.scripts.append((self._attrs, "".join(self._buffer)))
        elif tag == self._in == "style":
            self.styles.append("".join(self._buffer))
        if tag == self._in:
            self._in = None


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def test_self_contained_with_a_strict_csp(sample_report: Report) -> None:
    page = html.render(sample_report)
    parsed = _parse(page)
    csp = next(attrs["content"] for tag, attrs in parsed.elements if tag == "meta" and attrs.get("http-equiv"))
    assert csp is not None
    assert "default-src 'none'" in csp
    executable = [source for attrs, source in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(executable) == 1
    assert f"script-src {_sha256(executable[0])}" in csp
    assert f"style-src {_sha256(parsed.styles[0])}" in csp
    # Nothing is loaded from anywhere: no src attributes, no stylesheet links, no remote URLs in attributes.
    for tag, attrs in parsed.elements:
        assert "src" not in attrs, tag
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
        for value in attrs.values():
            assert not re.match(r"\s*(https?:|//|javascript:)", value or ""), (tag, attrs)
    assert '<meta charset="utf-8">' in page


def test_embedded_json_is_the_report(sample_report: Report) -> None:
    parsed = _parse(html.render(sample_report))
    data_source = next(source for attrs, source in parsed.scripts if attrs.get("id") == "factcheck-data")
    data = json.loads(data_source)
    expected = check_json(sample_report)
    assert {key: data[key] for key in expected} == json.loads(json.dumps(expected))
    assert len(data["claims"]) == len(sample_report.claims)
    assert [rule["id"] for rule in data["rules"]] == [rule.id for rule in sample_report.rules]


def test_embedded_json_cannot_close_its_script() -> None:
    payload = {"text": "</script><script>alert(1)</script> <!-- & \u2028\u2029"}
    embedded = build.embedded_json(payload)
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in embedded
    assert json.loads(embedded) == payload


def test_hostile_text_is_escaped_everywhere(xss_report: Report) -> None:
    page = html.render(xss_report)
    parsed = _parse(page)
    tags = [tag for tag, _ in parsed.elements]
    assert tags.count("script") == 2  # the JSON data and our own script, nothing from the documents
    assert "img" not in tags and "iframe" not in tags
    assert not any(name.startswith("on") for _, attrs in parsed.elements for name in attrs)
    assert "svg" in tags  # our charts; but no svg element carries an onload (checked above)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;/script&gt;&lt;script&gt;window.__xss=3;alert(3)&lt;/script&gt;" in page
    assert "hostile/&lt;script&gt;alert(6)&lt;/script&gt;.txt" in page
    assert not any((attrs.get("href") or "").startswith("javascript:") for _, attrs in parsed.elements)


def test_chinese_is_marked_with_its_language(sample_report: Report) -> None:
    page = html.render(sample_report)
    assert '<span class="lt" lang="zh-Hant">截至2024年3月，香港科技園公司匯聚<mark>超過1,800家科技公司</mark>' in page
    assert '<td lang="zh-Hant"><mark>超過1,800家科技公司</mark>' in page


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("zh", "香港科技園公司匯聚超過1,800家科技公司", "zh-Hant"),
        ("zh", "香港科技园公司汇聚超过1,800家科技公司，这个", "zh-Hans"),
        ("zh", "二千", "zh"),
        ("en", "2,000 companies", "en"),
    ],
)
def test_html_lang(lang: str, text: str, expected: str) -> None:
    assert build.html_lang(lang, text) == expected


def test_findings_show_every_source_side_by_side(sample_report: Report) -> None:
    page = build.build_page(sample_report)
    conflict = next(finding for finding in page.findings if finding.rule == "figure-conflict")
    assert [excerpt.role for excerpt in conflict.excerpts] == ["primary", "related"]
    primary, related = conflict.excerpts
    assert primary.date == related.date == "2025-09-17"
    marked = [part.text for line in primary.lines for part in line.parts if part.mark]
    assert marked == ["about 300 AI and data science start-ups"]
    assert [line.number for line in primary.lines] == [4, 5, 6, 7]  # no blank line 8 at the end
    anniversary = next(finding for finding in page.findings if finding.category == "anniversary")
    assert [part.text for line in anniversary.excerpts[1].lines for part in line.parts if part.mark] == [
        "Established in 2001"
    ]


def test_long_lines_are_cut_around_the_highlight(sample_report: Report) -> None:
    document = sample_report.documents[0]
    long_doc = type(document)(
        path="long.txt",
        original="x" * 1000 + " over 2,000 companies " + "y" * 1000,
        text="x" * 1000 + " over 2,000 companies " + "y" * 1000,
        format="text",
        lang="en",
        segments=(),
        line_starts=(0,),
    )
    (line,) = build.excerpt_lines(long_doc, 1001, 1021)
    texts = [part.text for part in line.parts]
    assert texts[1] == "over 2,000 companies"
    assert texts[0].startswith("…") and len(texts[0]) == build.LINE_WINDOW + 1
    assert texts[2].endswith("…") and len(texts[2]) == build.LINE_WINDOW + 1


def test_timelines_group_by_entity_and_metric(sample_report: Report) -> None:
    page = build.build_page(sample_report)
    titles = [chart.title for chart in page.timelines]
    assert titles == ["Cyberport · companies", "Cyberport · start-ups", "HKSTP · companies", "HKSTP · researchers"]
    hkstp = page.timelines[2]
    assert [point.label for point in hkstp.points] == ["≈900", ">1,000", ">2,000", ">1,800"]
    assert [point.as_of for point in hkstp.points] == ["2021-02-24", "2022-07-11", "2024-03", "2024-03"]
    assert [tick.label for tick in hkstp.x_ticks] == ["2021-02-24", "2022-07-11", "2024-03"]
    xs = [point.x for point in hkstp.points]
    assert xs == sorted(xs)
    about, over = hkstp.points[0], hkstp.points[1]
    assert not about.open_high and not about.open_low and about.y_high < about.y < about.y_low
    assert over.open_high and over.y_high == hkstp.top  # "over 1,000": an arrow to the top edge
    startups = page.timelines[1]
    assert startups.conflicts == 2 and all(point.conflict for point in startups.points)
    assert not any(point.conflict for point in hkstp.points)


def test_timeline_svg_is_rendered(sample_report: Report) -> None:
    page = html.render(sample_report)
    assert page.count('<svg class="chart"') == 4
    assert "≈900 (2021-02-24) → &gt;1,000 (2022-07-11) → &gt;2,000 (2024-03) → &gt;1,800 (2024-03)" in page
    assert page.count('class="point conflict"') == 2


def test_readable_without_javascript(sample_report: Report) -> None:
    page = html.render(sample_report)
    parsed = _parse(page)
    form = next(attrs for tag, attrs in parsed.elements if tag == "form")
    assert "hidden" in form  # shown by the script only
    findings = [attrs for tag, attrs in parsed.elements if tag == "li" and "finding" in (attrs.get("class") or "")]
    assert len(findings) == len(sample_report.findings)
    assert not any("hidden" in attrs for attrs in findings)
    assert page.count('<details class="document"') == len(sample_report.documents)
    assert 'class="skip-link" href="#findings"' in page
    assert "Appendix: active rules" in page


def test_value_formatting(sample_report: Report) -> None:
    assert build.format_number(2001, kind="year") == "2001"
    assert build.format_number(350_000_000) == "350,000,000"
    assert build.format_number(350_000_000, compact=True) == "350M"
    assert build.format_number(2.5) == "2.5"
    founding = next(claim for claim in sample_report.claims if "founding" in claim.flags)
    assert build.format_interval(founding) == "2001"
    over = next(claim for claim in sample_report.claims if claim.location.text == "over 1,000 technology companies")
    assert build.format_interval(over) == "1,001 … ∞"
    assert build.short_value(over) == ">1,000"


def _tags(page: str) -> set[str]:
    return {tag for tag, _ in _parse(page).elements}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                *"<>/&\"'=;:! \n\u2028\u2029ax科技",
                "</script>",
                "<script>",
                "<!--",
                "]]>",
                "onerror=",
                "javascript:",
                "<svg",
            ]
        ),
        max_size=20,
    ).map("".join)
)
def test_any_document_text_is_inert(sample_report: Report, noise: str) -> None:
    """Whatever a document, message or note says, the page gains no element and no attribute from it."""
    document = sample_report.documents[0]
    hostile = document_from_text(noise + "\n" + document.original, document.path, meta=DocumentMeta(date=document.date))
    finding = sample_report.findings[0]
    noisy = dataclasses.replace(
        finding,
        message=noise,
        location=hostile.location(0, len(noise)),
        related=(dataclasses.replace(finding.related[0], note=noise),),
    )
    report = dataclasses.replace(sample_report, documents=(hostile, *sample_report.documents[1:]), findings=(noisy,))
    page = html.render(report)
    parsed = _parse(page)
    assert [attrs.get("type") for tag, attrs in parsed.elements if tag == "script"] == ["application/json", None]
    assert not any(name.startswith("on") for _, attrs in parsed.elements for name in attrs)
    assert _tags(page) <= _tags(html.render(sample_report)) | {"mark"}
    data_source = next(source for attrs, source in parsed.scripts if attrs.get("id") == "factcheck-data")
    assert json.loads(data_source)["findings"][0]["message"] == noise


def test_crowded_timelines_and_findings_are_capped(sample_report: Report) -> None:
    base = next(claim for claim in sample_report.claims if claim.location.text == "over 1,000 technology companies")
    many = tuple(
        dataclasses.replace(base, id=f"gen#{n}", value=1000 + n, lower=1001 + n, as_of=f"{2000 + n % 20}-01-01")
        for n in range(200)
    )
    conflict = next(finding for finding in sample_report.findings if finding.category == "conflict")
    crowded = dataclasses.replace(
        conflict, claims=("gen#7", "gen#150"), related=conflict.related * (build.MAX_EXCERPTS + 3)
    )
    report = dataclasses.replace(sample_report, claims=sample_report.claims + many, findings=(crowded,))
    page = build.build_page(report)
    chart = next(chart for chart in page.timelines if chart.title == "HKSTP · companies")
    assert chart.total == 204
    assert len(chart.points) == build.MAX_TIMELINE_POINTS and not chart.labelled
    assert chart.conflicts == 2  # both conflicting claims are always drawn
    (finding,) = page.findings
    assert len(finding.excerpts) == build.MAX_EXCERPTS
    assert finding.more_sources == 4
    rendered = html.render(report)
    assert f"({build.MAX_TIMELINE_POINTS} of 204 claims shown" in rendered
    assert "… and 4 more sources" in rendered


def test_timelines_follow_the_index_alignment_when_given(sample_report: Report) -> None:
    """With the index's aligned keys in the metadata, differently worded metrics share one chart."""
    renamed = tuple(
        dataclasses.replace(claim, metric="technology companies")
        if claim.location.text.startswith("over 1,000")
        else claim
        for claim in sample_report.claims
    )
    split = build.build_page(dataclasses.replace(sample_report, claims=renamed))
    assert [len(chart.points) for chart in split.timelines if chart.title == "HKSTP · companies"] == [3]
    keys = {
        claim.id: [
            claim.entity,
            "companies" if claim.metric == "technology companies" else claim.metric,
            claim.kind,
            None,
        ]
        for claim in renamed
    }
    keys.pop(renamed[0].id)  # a claim the index left out is left out of the charts too
    merged = build.build_page(dataclasses.replace(sample_report, claims=renamed, metadata={"claim_keys": keys}))
    chart = next(chart for chart in merged.timelines if chart.title == "HKSTP · companies")
    assert [point.label for point in chart.points] == [">1,000", ">2,000", ">1,800"]


def test_a_huge_highlight_is_cut(sample_report: Report) -> None:
    original = "Intro line\n" + "9" * 50_000 + " staff\n"
    document = document_from_text(original, "huge.txt")
    lines = build.excerpt_lines(document, 11, 11 + 50_000)
    marks = [part.text for line in lines for part in line.parts if part.mark]
    assert marks == ["9" * build.MARK_MAX + "…"]
    assert [line.number for line in lines] == [1, 2]


def test_undated_claims_get_a_lane_of_their_own(sample_report: Report) -> None:
    undated = tuple(
        dataclasses.replace(claim, as_of=None) if claim.location.text == "over 1,900 companies" else claim
        for claim in sample_report.claims
    )
    page = build.build_page(dataclasses.replace(sample_report, claims=undated))
    chart = next(chart for chart in page.timelines if chart.title == "Cyberport · companies")
    first, second = chart.points
    assert (first.as_of, first.label, second.as_of, second.label) == ("undated", ">1,900", "2025-09-17", ">2,200")
    assert chart.x_ticks[0].label == "undated"
    assert first.x < chart.lane_x < second.x
    dated = next(chart for chart in page.timelines if chart.title == "HKSTP · companies")
    assert dated.lane_x == 0
    assert "undated" not in [tick.label for tick in dated.x_ticks]


def test_chinese_names_are_marked_too(sample_report: Report) -> None:
    renamed = tuple(
        dataclasses.replace(claim, entity="香港科技園公司", metric="科企") if claim.lang == "zh" else claim
        for claim in sample_report.claims
    )
    page = html.render(dataclasses.replace(sample_report, claims=renamed))
    assert '<td lang="zh-Hant">香港科技園公司</td>' in page
    assert '<td lang="zh">科企</td>' in page  # too short to tell the script: plain zh
    assert build.name_lang("tech companies") == "en"


def test_count_axes_have_whole_ticks_and_labels_do_not_cross(sample_report: Report) -> None:
    base = next(claim for claim in sample_report.claims if claim.location.text == "over 1,900 companies")
    small = (
        dataclasses.replace(base, id="u#1", value=9, lower=9, upper=9, qualifier="exact", as_of="2024-01-01"),
        dataclasses.replace(base, id="u#2", value=10, lower=10, upper=10, qualifier="exact", as_of="2025-01-01"),
        dataclasses.replace(base, id="u#3", value=11, lower=11, upper=11, qualifier="exact", as_of="2025-01-01"),
    )
    report = dataclasses.replace(sample_report, claims=small, findings=())
    (chart,) = build.build_page(report).timelines
    assert all(float(tick.label).is_integer() for tick in chart.y_ticks), [tick.label for tick in chart.y_ticks]
    alone, left, right = chart.points
    assert alone.label_anchor == "start" and alone.label_x > alone.x
    assert left.label_anchor == "end" and left.label_x < left.x
    assert right.label_anchor == "start" and right.label_x > right.x
