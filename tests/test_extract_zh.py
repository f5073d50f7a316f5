"""Chinese extraction: real sentences (Traditional and Simplified), positions asserted, idioms as negatives."""

from __future__ import annotations

import pytest

from factcheck.extract import zh
from factcheck.extract.zh_numerals import parse
from factcheck.knowledge import Entity, Knowledge
from factcheck.load import DocumentMeta, document_from_text
from factcheck.model import Claim

KNOWLEDGE = Knowledge(
    entities=(
        Entity("HKSTP", aliases=("HKSTP", "香港科技園公司", "科技園公司"), kind="organisation", founded="2001-05"),
    ),
)


def claims_of(text: str, date: str | None = None, currency: str | None = None) -> list[Claim]:
    document = document_from_text(text, "doc.txt", meta=DocumentMeta(lang="zh", date=date, currency=currency))
    claims = zh.extract_segment(document, 0, len(document.text), KNOWLEDGE)
    for claim in claims:
        assert claim.location.text == text[claim.location.start : claim.location.end]
        assert claim.lang == "zh"
    return claims


def only(text: str, **kwargs: str) -> Claim:
    claims = claims_of(text, **kwargs)
    assert len(claims) == 1, [claim.location.text for claim in claims]
    return claims[0]


SEED_PARAGRAPH = (
    "科技園公司在香港建立了蓬勃的創科生態圈。創科社群蓬勃發展，雲\n"
    "集逾 2,000 家科企，擁有逾 24,000 名工作人口，其中研發人員逾 15,000 名。"
)


def test_seed_paragraph_counts_with_qualifiers_metrics_and_part_of() -> None:
    claims = claims_of(SEED_PARAGRAPH)
    texts = [(claim.location.text, claim.location.start) for claim in claims]
    assert texts == [
        ("逾 2,000 家科企", SEED_PARAGRAPH.index("逾 2,000")),
        ("逾 24,000 名工作人口", SEED_PARAGRAPH.index("逾 24,000")),
        ("逾 15,000 名", SEED_PARAGRAPH.index("逾 15,000")),
    ]
    assert texts[0][1] == 32
    companies, workforce, research = claims
    assert (companies.kind, companies.value, companies.lower, companies.upper) == ("count", 2000, 2000, None)
    assert companies.qualifier == "over"
    assert companies.metric == "科企"
    assert workforce.metric == "工作人口"
    assert research.metric == "研發人員"
    assert research.part_of == workforce.id
    # The sentence names no entity; the paragraph's subject (科技園公司) carries over.
    assert {claim.entity for claim in claims} == {"HKSTP"}
    assert (companies.location.line, companies.location.column) == (2, 2)


def test_simplified_money_with_scale_and_default_currency() -> None:
    claim = only("本期开奖结束后，奖池金额攀升至36.57亿元。")
    assert (claim.location.start, claim.location.end, claim.location.text) == (15, 22, "36.57亿元")
    assert claim.kind == "money"
    assert claim.value == 3657000000
    assert claim.currency == "CNY"  # 元 alone in Simplified text


def test_traditional_money_uses_document_currency_and_rounding() -> None:
    claim = only("政府已預留48億元推動創科發展。", currency="HKD")
    assert claim.location.text == "48億元"
    assert (claim.value, claim.currency) == (4800000000, "HKD")
    assert (claim.lower, claim.upper) == (4750000000, 4850000000)


def test_traditional_yuan_without_default_is_unknown() -> None:
    claim = only("計劃共涉及 5,200萬元。")
    assert (claim.value, claim.currency) == (52000000, None)
    assert "total" not in claim.flags or claim.location.text == "5,200萬元"


@pytest.mark.parametrize(
    ("text", "surface", "value", "currency"),
    [
        ("每股作價1.95港元", "1.95港元", 1.95, "HKD"),
        ("中国资金净流出1200亿美元", "1200亿美元", 120000000000, "USD"),
        ("兑换１．０７５３美元", "１．０７５３美元", 1.0753, "USD"),
        ("投資額達HK$3億", "HK$3億", 300000000, "HKD"),
        ("公司獲得人民幣 8千元資助", "人民幣 8千元", 8000, "CNY"),
    ],
)
def test_currencies(text: str, surface: str, value: float, currency: str) -> None:
    claim = only(text)
    assert claim.location.text == surface
    assert claim.location.start == text.index(surface)
    assert (claim.kind, claim.value, claim.currency) == ("money", value, currency)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("失業率為 3.5%", "3.5%", 3.5),
        ("佔總數的３０％", "３０％", 30),
        ("增幅達百分之三十", "百分之三十", 30),
        ("約九成受訪者表示支持", "九成", 90),
        ("上升了百分之2.2", "百分之2.2", 2.2),
    ],
)
def test_percentages(text: str, surface: str, value: float) -> None:
    claim = only(text)
    assert claim.location.text.endswith(surface)
    assert claim.kind == "percent" and claim.unit == "%"
    assert claim.value == value


def test_share_flag_on_percentage_of_a_whole() -> None:
    claim = only("研發人員佔全體員工的６０％。")
    assert "share" in claim.flags


@pytest.mark.parametrize(
    ("text", "surface", "unit", "base_value", "base_unit"),
    [
        ("園區佔地22公頃", "22公頃", "hectare", 220000, "meter ** 2"),
        ("新大樓提供 12,000 平方米樓面", "12,000 平方米", "square_meter", 12000, "meter ** 2"),
        ("寫字樓面積約 3.5萬平方呎", "約 3.5萬平方呎", "square_foot", None, "meter ** 2"),
        ("全长12千米的道路", "12千米", "kilometer", 12000, "meter"),
    ],
)
def test_quantities_through_pint(text: str, surface: str, unit: str, base_value: float | None, base_unit: str) -> None:
    claim = only(text)
    assert claim.location.text == surface
    assert claim.kind == "quantity"
    assert (claim.unit, claim.base_unit) == (unit, base_unit)
    if base_value is not None:
        assert claim.base_value == pytest.approx(base_value)


def test_about_quantity_interval() -> None:
    claim = only("寫字樓面積約 3.5萬平方呎")
    assert claim.value == 35000
    assert claim.qualifier == "about"
    assert (claim.lower, claim.upper) == (31500, 38500)


@pytest.mark.parametrize(
    ("text", "qualifier", "lower", "upper"),
    [
        ("園區有超過 1,000 家公司", "over", 1000, None),
        ("不少於 500 名學生參加", "at_least", 500, None),
        ("大約 900 間初創企業", "about", 810, 990),
        ("接近 900 間初創企業", "about", 810, 900),
        ("最多 30 名參加者", "at_most", None, 30),
        ("少於 20 家公司", "under", None, 20),
        ("五百以上的產品", "over", 500, None),
        ("900 間初創企業左右", "about", 810, 990),
    ],
)
def test_qualifiers_as_intervals(text: str, qualifier: str, lower: float | None, upper: float | None) -> None:
    claim = only(text)
    assert claim.qualifier == qualifier
    assert (claim.lower, claim.upper) == (lower, upper)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("二千", 2000),
        ("兩千", 2000),
        ("两千", 2000),
        ("一萬五千", 15000),
        ("二〇二四", 2024),
        ("28億", 2800000000),
        ("1,000萬", 10000000),
        ("3.5萬", 35000),
        ("十", 10),
        ("一百五十二", 152),
        ("零", 0),
        ("两千四百五", 2450),
        ("五亿零六", 500000006),
        ("4.78萬億", 4780000000000),
    ],
)
def test_numeral_parser(written: str, value: int) -> None:
    parsed = parse(written)
    assert parsed is not None
    assert parsed.value == value


@pytest.mark.parametrize("written", ["萬", "萬一", "一五一十", "十百"])
def test_numeral_parser_rejects(written: str) -> None:
    assert parse(written) is None


@pytest.mark.parametrize(
    "text",
    [
        "堅持一國兩制，提供一站式服務中心。",
        "介紹人工智能與第三代互聯網（Web3）之間的關係。",
        "吸引一流人材，我們正以多管齊下，營造多方共贏的創科生態圈。",
        "科技園公司亦已推出全港首個高效能運算服務。",
        "这是一个重要的平台，统一标准，十分重要。",
        "登陆部队已经上岸，入伍时分总令人感伤。",
        "我家在四川，千万不要忘记。",
    ],
)
def test_idioms_and_names_are_not_figures(text: str) -> None:
    assert claims_of(text) == []


def test_dates_full_and_partial() -> None:
    text = "該計劃於2024年12月31日完成，並於二〇二四年公布。"
    claims = claims_of(text)
    assert [(claim.location.text, claim.kind, claim.value) for claim in claims] == [
        ("2024年12月31日", "date", "2024-12-31"),
        ("二〇二四年", "year", 2024),
    ]
    assert claims[0].location.start == 4


def test_early_year_and_same_year() -> None:
    text = "於 2024 年年初，我們宣佈合作；同年年底再推出新服務。"
    early, late = claims_of(text)
    assert (early.location.text, early.kind, early.lower, early.upper) == (
        "2024 年年初",
        "date",
        "2024-01-01",
        "2024-03-31",
    )
    assert (late.location.text, late.value, late.lower, late.upper) == (
        "同年年底",
        "2024-12",
        "2024-12-01",
        "2024-12-31",
    )
    assert "year-from-context" in late.flags


@pytest.mark.parametrize(
    ("text", "surface", "lower", "upper"),
    [
        ("我2017年上半年都不在北京", "2017年上半年", "2017-01-01", "2017-06-30"),
        ("公司2025年第一季的收入", "2025年第一季", "2025-01-01", "2025-03-31"),
        ("2023年下半年", "2023年下半年", "2023-07-01", "2023-12-31"),
    ],
)
def test_year_periods(text: str, surface: str, lower: str, upper: str) -> None:
    claim = only(text)
    assert claim.location.text == surface
    assert (claim.lower, claim.upper) == (lower, upper)


def test_period_without_year_takes_document_year() -> None:
    claim = only("項目將於年底完成。", date="2024-03-01")
    assert (claim.location.text, claim.value) == ("年底", "2024-12")


def test_as_of_phrase_sets_as_of_of_the_sentence() -> None:
    text = "截至2024年底，園區共有逾 1,800 家公司。翌年再增加。"
    claims = claims_of(text, date="2025-02-01")
    date, count = claims[0], claims[1]
    assert date.location.text == "2024年底"
    assert count.location.text == "逾 1,800 家公司"
    assert count.as_of == "2024-12-31"
    assert "as-of-phrase" in count.flags
    assert "total" in count.flags


def test_as_of_defaults_to_document_date() -> None:
    claim = only("園區有逾 1,800 家公司。", date="2025-02-01")
    assert claim.as_of == "2025-02-01"
    assert "as-of-phrase" not in claim.flags


def test_years_used_as_names() -> None:
    text = "科技園公司主辦的全港大專生機械人大賽 2024，祝賀《2025 香港通訊業概覽》出版。"
    robocon, guide = claims_of(text)
    assert (robocon.location.text, robocon.kind, robocon.value) == ("2024", "year", 2024)
    assert "year-name" in robocon.flags
    assert guide.location.start == text.index("2025")
    assert "year-name" in guide.flags


def test_founding_year() -> None:
    claim = only("香港科技園公司成立於2001年，致力推動創科。")
    assert (claim.location.text, claim.kind, claim.value) == ("2001年", "year", 2001)
    assert "founding" in claim.flags
    assert claim.entity == "HKSTP"


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value", "flags"),
    [
        ("慶祝成立二十周年", "二十周年", "ordinal", 20, ("anniversary",)),
        ("踏入20週年", "20週年", "ordinal", 20, ("anniversary",)),
        ("第二十五屆大會", "第二十五屆", "ordinal", 25, ()),
        ("排名第20", "第20", "ordinal", 20, ()),
    ],
)
def test_ordinals_and_anniversaries(text: str, surface: str, kind: str, value: int, flags: tuple[str, ...]) -> None:
    claim = only(text)
    assert (claim.location.text, claim.kind, claim.value) == (surface, kind, value)
    assert claim.location.start == text.index(surface)
    for flag in flags:
        assert flag in claim.flags


def test_full_width_digits_keep_original_positions() -> None:
    text = "这个数字大于或者等于４，５６５"
    claim = only(text)
    assert claim.location.text == "大于或者等于４，５６５"
    assert (claim.value, claim.qualifier, claim.lower) == (4565, "at_least", 4565)


def test_figure_split_by_line_break_is_joined() -> None:
    text = "園區擁有逾 24,\n000 名工作人口。"
    claim = only(text)
    assert claim.value == 24000
    assert "joined" in claim.flags
    assert claim.location.text == "逾 24,\n000 名工作人口"


def test_ranges() -> None:
    claim = only("这些苹果大概有20~100个")
    assert claim.qualifier == "range"
    assert (claim.lower, claim.upper) == (19.5, 105)  # "100" is read to two significant figures


def test_identifiers_are_not_figures() -> None:
    assert claims_of("推動 Web3 及 5G 應用，時間為 2:00。") == []


def test_chinese_numerals_need_a_measure_word_when_alone() -> None:
    text = "我们有三个方案，十分满意，共五十二名员工。"
    claims = claims_of(text)
    assert [(claim.location.text, claim.value) for claim in claims] == [("三个方案", 3), ("五十二名员工", 52)]
    assert claims[1].location.start == text.index("五十二")


def test_sentences_end_at_chinese_punctuation_and_paragraph_breaks() -> None:
    text = "第一句。第二句；第三句\n\n第四句 3.5萬"
    sentences = [text[start:end] for start, end in zh._sentences(text)]
    assert sentences == ["第一句。", "第二句；", "第三句\n\n", "第四句 3.5萬"]


def test_a_claim_knows_its_sentence() -> None:
    text = "科技園公司今年有逾1,100家公司。 其中約900家為初創企業。"
    claims = claims_of(text)
    assert [(claim.location.text, claim.sentence_start, claim.sentence_end) for claim in claims] == [
        ("逾1,100家公司", 0, 18),  # the space after 。 belongs to no sentence
        ("約900家", 19, 32),
    ]


def test_fiscal_year_is_one_date_over_two_years() -> None:
    text = "香港科技園公司今日公布2023/24年度業績。"
    claim = only(text)
    assert (claim.location.text, claim.kind, claim.lower, claim.upper) == (
        "2023/24年度",
        "date",
        "2023-01-01",
        "2024-12-31",
    )
    assert claim.location.start == text.index("2023")
    assert "fiscal-year" in claim.flags


def test_phone_numbers_are_not_figures() -> None:
    assert claims_of("查詢：2629 6800；傳真：+852 2629 6801") == []


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value"),
    [
        ("50元6角三分", "50元6角三分", "money", 50.63),
        ("这台电脑两美元又三美分", "两美元又三美分", "money", 2.03),
        ("约三分之一来自海外", "约三分之一", "ratio", 0.333333333333),
        ("负一又二分之一", "负一又二分之一", "ratio", -1.5),
        ("1/2的努力", "1/2", "ratio", 0.5),
        ("十打蘋果", "十打蘋果", "count", 120),
    ],
)
def test_fractions_subunits_and_dozens(text: str, surface: str, kind: str, value: float) -> None:
    claim = only(text)
    assert claim.location.text == surface
    assert claim.location.start == text.index(surface)
    assert claim.kind == kind
    assert claim.value == pytest.approx(value)


def test_month_end_as_of_and_noun_before_the_figure() -> None:
    text = "2024年上半年表現理想。截至6月底，全市科技型中小企业超过2.5万家。"
    period, month, count = claims_of(text)
    assert (period.lower, period.upper) == ("2024-01-01", "2024-06-30")
    assert (month.location.text, month.value) == ("6月底", "2024-06")
    assert (count.location.text, count.metric, count.as_of) == ("超过2.5万家", "全市科技型中小企业", "2024-06-30")


def test_noun_before_is_not_a_verb_or_a_clause_with_figures() -> None:
    text = "累计达到1,190家，興建一幢樓高12層的大樓。"
    total, floors = claims_of(text)
    assert (total.location.text, total.metric) == ("1,190家", None)
    assert "total" in total.flags
    assert (floors.location.text, floors.metric) == ("12層", None)


def test_same_year_with_month_is_one_date() -> None:
    text = "新大樓預計2026年第二季落成，第二十五屆創科展於同年11月舉行。"
    quarter, edition, month = claims_of(text)
    assert (quarter.lower, quarter.upper) == ("2026-04-01", "2026-06-30")
    assert (edition.kind, edition.value) == ("ordinal", 25)
    assert (month.location.text, month.value) == ("同年11月", "2026-11")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("18年10月1日到19年2月3日", "18年10月1日", "2018-10-01"),
        ("零八年奥运会在北京举办", "零八年", 2008),
        ("九七年回歸後", "九七年", 1997),
    ],
)
def test_two_digit_years(text: str, surface: str, value: str | int) -> None:
    claim = claims_of(text)[0]
    assert (claim.location.text, claim.value) == (surface, value)
    assert claim.location.start == text.index(surface)


def test_dash_between_dates_is_not_a_minus_sign() -> None:
    text = "计费周期 2019年6月1日-6月30日，增长-3%"
    first, second, change = claims_of(text)
    assert (first.value, second.location.text, second.value) == ("2019-06-01", "6月30日", "2019-06-30")
    assert second.location.start == text.index("6月30日")
    assert (change.location.text, change.value) == ("-3%", -3)


def test_thousands_suffix() -> None:
    claim = only("月薪 25K 起")
    assert (claim.location.text, claim.value) == ("25K", 25000)
    assert claims_of("推動 Web3k 平台") == []


@pytest.mark.parametrize(
    "text",
    [
        "他三番四次強調，這是百年一遇的機遇，五湖四海的人才聚首一堂。",
        "三十而立，四十不惑。",
        "初一十五上香的習俗、九龍灣及十一號碼頭。",
        "歷年來均有數百名會員出席。",
        "一方面推出一系列措施，另一方面一心一意推動發展。",
    ],
)
def test_numeral_idioms_and_vague_amounts_are_not_figures(text: str) -> None:
    assert claims_of(text) == []


def test_counts_that_look_like_idioms_are_kept() -> None:
    text = "五年三次獲獎，九年八吨。"
    assert [(claim.location.text, claim.value) for claim in claims_of(text)] == [
        ("五年", 5),
        ("三次獲獎", 3),
        ("九年", 9),
        ("八吨", 8),
    ]


def test_quarter_without_year_and_places_counted_directly() -> None:
    text = "第一季的訪客人數為 12.5 萬人次，大灣區內地九市與香港合作。"
    quarter, visitors, cities = claims_of(text, date="2025-05-20")
    assert (quarter.location.text, quarter.lower, quarter.upper) == ("第一季", "2025-01-01", "2025-03-31")
    assert (visitors.location.text, visitors.value, visitors.metric) == ("12.5 萬人次", 125000, "訪客人數")
    assert (cities.location.text, cities.value, cities.metric) == ("九市", 9, "市")
    assert cities.location.start == text.index("九市")


def test_line_break_between_numbers_separates_them() -> None:
    text = "年份\n2023\n2024\n收入（億元）\n48\n52"
    assert [(claim.location.text, claim.value) for claim in claims_of(text)] == [
        ("2023", 2023),
        ("2024", 2024),
        ("48", 48),
        ("52", 52),
    ]


def test_digit_runs_too_long_to_be_figures() -> None:
    assert parse("9" * 40) is None
    assert claims_of("成立於2001年，編號" + "9" * 40)[0].value == 2001


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("香港科技園公司在香港建立生態圈。2023 年，活動順利舉行。", "HKSTP"),
        ("我們全力支持香港科技園公司的計劃。2023 年，活動順利舉行。", None),
        ("2023 年，香港科技園公司舉辦活動。", "HKSTP"),
    ],
)
def test_entity_from_the_sentence_or_the_paragraph_subject(text: str, entity: str | None) -> None:
    claim = only(text)
    assert claim.location.text == "2023 年"
    assert claim.entity == entity
