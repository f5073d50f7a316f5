"""Loading: decoding, exact positions, markup masking, language segments, document dates."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from factcheck.load import DocumentMeta, discover, document_from_text, load_documents, load_file
from factcheck.load.text import UnreadableDocument, decode


def test_positions_round_trip_on_cjk_text() -> None:
    text = "科技園公司\n雲集逾 2,000 家科企，擁有逾 24,000 名工作人口。\n"
    doc = document_from_text(text)
    start = text.index("24,000")
    assert doc.position(start) == (2, text.split("\n")[1].index("24,000") + 1)
    for offset in range(len(text)):
        line, column = doc.position(offset)
        assert doc.offset(line, column) == offset
    location = doc.location(start, start + len("24,000"))
    assert location.text == "24,000"
    assert (location.line, location.column, location.end_column) == (2, 19, 25)


def test_columns_count_code_points_not_bytes_or_utf16_units() -> None:
    text = "𝟙𝟚 emoji 😀 then 2,000 firms"
    doc = document_from_text(text)
    start = text.index("2,000")
    # Two astral-plane characters before: UTF-16 would count 4 units, UTF-8 8 bytes.
    assert doc.position(start) == (1, start + 1)
    assert start == 16


def test_crlf_and_lone_cr_are_read_as_newlines(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"First line\r\nSecond line has 42 parks\r\rFourth\r\n")
    doc = load_file(path, "crlf.txt")
    assert doc.original == "First line\nSecond line has 42 parks\n\nFourth\n"
    start = doc.original.index("42")
    assert doc.position(start) == (2, 17)
    # The same offsets as Python's own text-mode reading of the file.
    assert path.read_text(encoding="utf-8")[start : start + 2] == "42"


def test_tabs_count_as_one_column() -> None:
    doc = document_from_text("\t\tTotal:\t900")
    assert doc.position(doc.original.index("900")) == (1, 10)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "約 900 家".encode(), "約 900 家"),
        (b"plain 900", "plain 900"),
        (codecs.BOM_UTF16_LE + "逾 2,000 家科企".encode("utf-16-le"), "逾 2,000 家科企"),
        (codecs.BOM_UTF16_BE + "over 2,000".encode("utf-16-be"), "over 2,000"),
    ],
)
def test_decodes_utf8_with_or_without_bom_and_utf16_with_bom(data: bytes, expected: str) -> None:
    assert decode(data) == expected


def test_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"HK$350 million")
    doc = load_file(path, "bom.txt")
    assert doc.original == "HK$350 million"
    assert doc.position(0) == (1, 1)


def test_undecodable_and_binary_files_are_refused_with_a_reason() -> None:
    with pytest.raises(UnreadableDocument, match="not valid UTF-8"):
        decode(b"caf\xe9 900 companies")
    with pytest.raises(UnreadableDocument, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_bad_files_are_skipped_and_the_others_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text("Over 2,000 companies.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes(b"Caf\xe9 with 12 tables")
    (tmp_path / "image.html").write_bytes(b"\x00\x01\x02\x03binary\x00")
    files, problems = discover([tmp_path])
    result = load_documents(files)
    assert [doc.path for doc in result.documents] == ["good.txt"]
    reasons = {problem.path: problem.reason for problem in result.problems}
    assert set(reasons) == {"latin1.txt", "image.html"}
    assert "UTF-8" in reasons["latin1.txt"]
    assert "binary" in reasons["image.html"]
    assert problems == []


def test_discover_searches_folders_for_document_suffixes_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("a.txt", "b.md", "c.markdown", "sub/d.html", "sub/e.htm", "f.pdf", ".hidden/g.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, problems = discover([Path(".")], exclude=["c.*"])
    assert [path.as_posix() for path in files] == ["a.txt", "b.md", "sub/d.html", "sub/e.htm"]
    missing, problems = discover([Path("nope")])
    assert missing == [] and [problem.reason for problem in problems] == ["no such file or directory"]


def test_markdown_masking_keeps_positions_and_hides_code_and_urls() -> None:
    text = (
        "---\ndate: 2024-03-01\n---\n"
        "# Report 2024\n\n"
        "1. The park has [over 2,000 firms](https://example.org/2024/99) today.\n"
        "```\nvalue = 12345\n```\n"
        "Inline `x = 777` code and <!-- 555 hidden --> comment.\n"
    )
    doc = document_from_text(text, "a.md", "markdown")
    assert len(doc.text) == len(doc.original)
    assert doc.text.count("\n") == doc.original.count("\n")
    start = text.index("over 2,000 firms")
    assert doc.text[start : start + 16] == "over 2,000 firms"
    for hidden in ("12345", "777", "555", "example.org", "date: 2024"):
        assert hidden not in doc.text
        assert hidden in doc.original
    assert "1." not in doc.text.splitlines()[6]
    assert doc.date == "2024-03-01"
    assert doc.date_source == "front-matter"


def test_html_masking_keeps_positions_hides_markup_and_decodes_entities() -> None:
    text = (
        "<html><head><style>p { width: 900px }</style></head><body>\n"
        '<p class="n-42">Cyberport gathers over 2,200 companies</p>'
        "<script>var x = 31337;</script>\n"
        "<p>R&amp;D: HK&#36;350 million</p></body></html>"
    )
    doc = document_from_text(text, "a.html", "html")
    assert len(doc.text) == len(doc.original)
    start = text.index("over 2,200")
    assert doc.text[start : start + 10] == "over 2,200"
    for hidden in ("900px", "n-42", "31337", "<p>"):
        assert hidden not in doc.text
    amp = text.index("&amp;")
    assert doc.text[amp : amp + 5] == "&    "
    dollar = text.index("&#36;")
    assert doc.text[dollar] == "$"


@pytest.mark.parametrize(
    ("head", "date", "source"),
    [
        ("HONG KONG, July 11, 2022 /PRNewswire/ — Hong Kong Science ...", "2022-07-11", "dateline"),
        ("Press Release\n\nHong Kong, 17 September 2025 - Cyberport welcomes ...", "2025-09-17", "dateline"),
        ("Corporate News\n\nTitle of the release\n\n24 Feb 2021\n\nBody text.", "2021-02-24", "header"),
        ("HDQ summer update\n\n1 July 2024 – The Quarter hosts over 1,900 companies.", "2024-07-01", "dateline"),
        ("Notes\n\nMarch 3, 2023 — Phase 2 opened.", "2023-03-03", "dateline"),
        ("The park grew in 2021 and again in 2022.", None, None),
        ("1 July 2024 was the day the park reopened.", None, None),
    ],
)
def test_document_date_from_datelines_and_headers(head: str, date: str | None, source: str | None) -> None:
    doc = document_from_text(head)
    assert (doc.date, doc.date_source) == (date, source)


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("press/2024-07-01-harbour.txt", "2024-07-01"),
        ("press/update_2023_03_02.md", "2023-03-02"),
        ("20240618-annual-review.txt", "2024-06-18"),
        ("2024-13-45-draft.txt", None),  # no such date
        ("seeds/001_0ba20240701f.txt", None),  # digits inside a hash are no date
        ("2024-07-01/notes.txt", None),  # only the file's own name counts
        ("release-2024.txt", None),  # a year alone does not date a document
    ],
)
def test_a_date_in_the_file_name_dates_an_otherwise_undated_document(path: str, date: str | None) -> None:
    doc = document_from_text("The Quarter hosts over 1,900 companies.", path)
    assert (doc.date, doc.date_source) == (date, "filename" if date else None)


def test_the_text_own_date_beats_the_file_name() -> None:
    doc = document_from_text("Hong Kong, 17 September 2025 - Cyberport welcomes ...", "2025-09-01-cyberport.txt")
    assert (doc.date, doc.date_source) == ("2025-09-17", "dateline")


def test_config_metadata_date_wins_and_no_date_is_never_today() -> None:
    doc = document_from_text("No date here.", meta=DocumentMeta(date="2024-12"))
    assert (doc.date, doc.date_source) == ("2024-12", "config")
    assert document_from_text("No date here.").date is None


def test_language_per_run_of_lines() -> None:
    text = (
        "HKSTP is home to over 2,000 tech companies.\n"
        "Mr. Albert Wong\n"
        "黃克強先生\n"
        "香港科技園公司\n"
        "雲集逾 2,000 家科企。\n"
        "Digital Living Lab 是科技園公司的項目。\n"
    )
    doc = document_from_text(text)
    assert doc.lang == "mixed"
    assert doc.lang_at(text.index("over 2,000")) == "en"
    assert doc.lang_at(text.index("逾 2,000")) == "zh"
    assert doc.lang_at(text.index("Digital Living Lab")) == "zh"
    assert [segment.lang for segment in doc.segments] == ["en", "zh"]
    assert doc.segments[0].start == 0 and doc.segments[-1].end == len(text)


def test_seed_foreword_is_mixed_and_the_yearbook_english() -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    foreword = load_file(seeds / "000_88ca1b1a06dcdc28.txt", "000.txt")
    yearbook = load_file(seeds / "001_0ba998b3efe101a7.txt", "001.txt")
    assert foreword.lang == "mixed"
    assert yearbook.lang == "en"
    assert foreword.lang_at(foreword.original.index("逾 2,000")) == "zh"
