"""Chinese wording patterns: qualifiers, measure words, periods (language data, never corpus data)."""

from __future__ import annotations

#: Qualifiers written before a figure -> (qualifier, below_only).  Longest first when compiled.
PREFIX_QUALIFIERS: dict[str, tuple[str, bool]] = {
    # over: 逾 2,000 / 超過 / 多於; strictness is not modelled (see intervals.py).
    "逾": ("over", False),
    "超過": ("over", False),
    "超过": ("over", False),
    "超出": ("over", False),
    "多於": ("over", False),
    "多于": ("over", False),
    "高於": ("over", False),
    "高于": ("over", False),
    "大於": ("over", False),
    "大于": ("over", False),
    # at least
    "不少於": ("at_least", False),
    "不少于": ("at_least", False),
    "不低於": ("at_least", False),
    "不低于": ("at_least", False),
    "不小於": ("at_least", False),
    "不小于": ("at_least", False),
    "最少": ("at_least", False),
    "至少": ("at_least", False),
    "起碼": ("at_least", False),
    "起码": ("at_least", False),
    "大於或等於": ("at_least", False),
    "大于或等于": ("at_least", False),
    "大於或者等於": ("at_least", False),
    "大于或者等于": ("at_least", False),
    "大於等於": ("at_least", False),
    "大于等于": ("at_least", False),
    # about
    "約": ("about", False),
    "约": ("about", False),
    "大約": ("about", False),
    "大约": ("about", False),
    "大概": ("about", False),
    "大致": ("about", False),
    "估計": ("about", False),
    "估计": ("about", False),
    # nearly: about, below the figure only
    "近": ("about", True),
    "接近": ("about", True),
    "將近": ("about", True),
    "将近": ("about", True),
    "逼近": ("about", True),
    "幾近": ("about", True),
    "几近": ("about", True),
    # at most: 最多 / 不多於 / 不超過 are inclusive ("no more than")
    "最多": ("at_most", False),
    "至多": ("at_most", False),
    "不多於": ("at_most", False),
    "不多于": ("at_most", False),
    "不超過": ("at_most", False),
    "不超过": ("at_most", False),
    "不高於": ("at_most", False),
    "不高于": ("at_most", False),
    "不大於": ("at_most", False),
    "不大于": ("at_most", False),
    "小於或等於": ("at_most", False),
    "小于或等于": ("at_most", False),
    "小於等於": ("at_most", False),
    "小于等于": ("at_most", False),
    # under: strictly fewer
    "少於": ("under", False),
    "少于": ("under", False),
    "低於": ("under", False),
    "低于": ("under", False),
    "小於": ("under", False),
    "小于": ("under", False),
    "不足": ("under", False),
    "不到": ("under", False),
    "未滿": ("under", False),
    "未满": ("under", False),
}

#: Qualifiers written after a figure (and its measure word or unit).
SUFFIX_QUALIFIERS: dict[str, tuple[str, bool]] = {
    "或以上": ("at_least", False),
    "以上": ("over", False),
    "或更多": ("at_least", False),
    "或者更多": ("at_least", False),
    "或以下": ("at_most", False),
    "以下": ("at_most", False),
    "以內": ("at_most", False),
    "以内": ("at_most", False),
    "之內": ("at_most", False),
    "之内": ("at_most", False),
    "左右": ("about", False),
    "上下": ("about", False),
}

#: Words that may sit between a prefix qualifier and the figure (逾了, 超過了, 約為, 最多為).
QUALIFIER_LINKS = ("了", "為", "为", "達", "达", "有", "約", "约")

#: Measure words that make a bare figure a count; the noun after them is the metric.
MEASURE_WORDS: tuple[str, ...] = (
    "人次",
    "家",
    "名",
    "個",
    "个",
    "項",
    "项",
    "間",
    "间",
    "所",
    "人",
    "位",
    "座",
    "宗",
    "份",
    "件",
    "條",
    "条",
    "張",
    "张",
    "台",
    "臺",
    "部",
    "架",
    "艘",
    "輛",
    "辆",
    "隻",
    "只",
    "套",
    "次",
    "屆",
    "届",
    "期",
    "層",
    "层",
    "幢",
    "棟",
    "栋",
    "本",
    "篇",
    "款",
    "種",
    "种",
    "類",
    "类",
    "批",
    "戶",
    "户",
    "支",
    "枚",
    "顆",
    "颗",
    "株",
    "棵",
    "頭",
    "头",
    "匹",
    "對",
    "对",
    "雙",
    "双",
    "場",
    "场",
    "團",
    "团",
    "組",
    "组",
    "隊",
    "队",
    "章",
    "節",
    "节",
    "筆",
    "笔",
    "塊",
    "块",
    "打",
    "床",
    "席",
    "票",
    "杯",
    "瓶",
    "包",
    "箱",
    # Places counted without a measure word (大灣區內地九市, 十八區): the noun is the metric.
    "市",
    "區",
    "区",
    "省",
    "縣",
    "县",
    "城",
)

#: Measure words that are themselves the noun counted (九市 -> metric 市).
NOUN_MEASURE_WORDS = frozenset("市區区省縣县城")

#: Measure words after 第N that keep a Chinese-numeral ordinal a figure (第二十五屆, 第一名).
ORDINAL_WORDS: tuple[str, ...] = (
    "屆",
    "届",
    "次",
    "期",
    "名",
    "位",
    "個",
    "个",
    "號",
    "号",
    "章",
    "節",
    "节",
    "條",
    "条",
    "年",
    "天",
    "日",
    "季",
    "輪",
    "轮",
    "批",
    "份",
    "項",
    "项",
    "款",
    "級",
    "级",
    "部",
    "集",
    "頁",
    "页",
    "場",
    "场",
    "回",
    "任",
    "類",
    "类",
    "組",
    "组",
    "階段",
    "阶段",
    "座",
    "間",
    "间",
    "家",
)

#: Duration words -> unit.
DURATIONS: dict[str, str] = {
    "個月": "month",
    "个月": "month",
    "個小時": "hour",
    "个小时": "hour",
    "小時": "hour",
    "小时": "hour",
    "分鐘": "minute",
    "分钟": "minute",
    "星期": "week",
    "週": "week",
    "周": "week",
    "天": "day",
    "秒鐘": "second",
    "秒钟": "second",
    "秒": "second",
}

#: Part of the year -> (first month, first day, last month, last day, value precision month or None).
PERIODS: dict[str, tuple[int, int, int, int, int | None]] = {
    "年初": (1, 1, 3, 31, None),
    "年頭": (1, 1, 3, 31, None),
    "年头": (1, 1, 3, 31, None),
    "年中": (5, 1, 8, 31, None),
    "年底": (12, 1, 12, 31, 12),
    "年末": (12, 1, 12, 31, 12),
    "年尾": (12, 1, 12, 31, 12),
    "年終": (12, 1, 12, 31, 12),
    "年终": (12, 1, 12, 31, 12),
    "上半年": (1, 1, 6, 30, None),
    "下半年": (7, 1, 12, 31, None),
    "首季": (1, 1, 3, 31, None),
    "第一季": (1, 1, 3, 31, None),
    "第二季": (4, 1, 6, 30, None),
    "第三季": (7, 1, 9, 30, None),
    "第四季": (10, 1, 12, 31, None),
    "第1季": (1, 1, 3, 31, None),
    "第2季": (4, 1, 6, 30, None),
    "第3季": (7, 1, 9, 30, None),
    "第4季": (10, 1, 12, 31, None),
    "一季度": (1, 1, 3, 31, None),
    "二季度": (4, 1, 6, 30, None),
    "三季度": (7, 1, 9, 30, None),
    "四季度": (10, 1, 12, 31, None),
}

#: Words naming a year relative to the last one mentioned (同年) -> offset.
CONTEXT_YEARS: dict[str, int] = {"同年": 0, "翌年": 1, "次年": 1, "前一年": -1}
#: Words naming a year relative to the document's date -> offset.
DOCUMENT_YEARS: dict[str, int] = {"今年": 0, "本年": 0, "去年": -1, "明年": 1, "前年": -2}

#: Founding: the year/date comes after these ("成立於2001年") ...
FOUNDING_BEFORE = (
    "成立於",
    "成立于",
    "創立於",
    "创立于",
    "創辦於",
    "创办于",
    "始創於",
    "始创于",
    "創建於",
    "创建于",
    "成立",
)
#: ... or before these ("2001年成立", "於2001年5月正式成立").
FOUNDING_AFTER = ("成立", "創立", "创立", "創辦", "创办", "創建", "创建")

#: As-of phrases: the date after them is the as-of date of the sentence's figures.
AS_OF_WORDS = ("截至", "截止至", "截止到", "截止", "直至", "截至到")

#: "Of which": a figure after these in the same sentence is part of the previous one.
PART_WORDS = ("其中", "當中", "当中", "內含", "内含")

#: "In total" before a figure.
TOTAL_WORDS = (
    "合共",
    "總共",
    "总共",
    "共有",
    "合計",
    "合计",
    "總計",
    "总计",
    "一共",
    "共計",
    "共计",
    "累計",
    "累计",
    "總數",
    "总数",
)

#: "Accounts for" before a percentage: a share of a whole.
SHARE_WORDS = ("佔", "占")

#: Leading words stripped from a noun phrase taken before the figure (其中研發人員 -> 研發人員).
NOUN_LEADS = (
    "其中",
    "當中",
    "当中",
    "包括",
    "另有",
    "共有",
    "擁有",
    "拥有",
    "合共",
    "總共",
    "总共",
    "累計",
    "累计",
    "而",
    "有",
    "共",
)

#: Words that end a noun phrase taken after a measure word (a verb follows the noun).
NOUN_STOP_WORDS = (
    "簽署",
    "签署",
    "參與",
    "参与",
    "參加",
    "参加",
    "加入",
    "獲得",
    "获得",
    "提供",
    "推出",
    "進行",
    "进行",
    "成為",
    "成为",
    "位於",
    "位于",
    "設立",
    "设立",
    "擁有",
    "拥有",
    "包括",
    "來自",
    "来自",
    "進駐",
    "进驻",
    "落戶",
    "落户",
    "已經",
    "已经",
    "正在",
    "共同",
    "合作",
    "受惠",
)

#: Verbs and qualifiers stripped from the end of a noun phrase taken before the figure (員工人數達 -> 員工人數).
NOUN_TRAILS = (
    "達到",
    "达到",
    "增至",
    "增加至",
    "增加到",
    "上升至",
    "下降至",
    "減至",
    "减至",
    "錄得",
    "录得",
    "共有",
    "合共",
    "超過",
    "超过",
    "約為",
    "约为",
    "逾",
    "約",
    "约",
    "近",
    "達",
    "达",
    "為",
    "为",
    "有",
    "是",
    "共計",
    "共计",
    "至",
    "到",
)

#: Characters that end a noun phrase taken after a measure word.
NOUN_STOPS = frozenset("的及和與与或在於于是為为並并等以之其共合達达已將将均都亦也從从來来約约逾近超至到")

#: Characters and words that precede a year used as a plain time (不是名稱): 於 2024 / 至 2025.
TIME_FUNCTION_CHARS = frozenset("於于在至到從从自及和與与、，,。；：的是為为由截起止前後后之迄")

#: Idioms, set phrases and names that contain numeral characters but state no figure.
IDIOMS: tuple[str, ...] = (
    "一國兩制",
    "一国两制",
    "一帶一路",
    "一带一路",
    "三三兩兩",
    "三三两两",
    "一五一十",
    "十全十美",
    "千方百計",
    "千方百计",
    "千千萬萬",
    "千千万万",
    "四面八方",
    "五花八門",
    "五花八门",
    "九牛一毛",
    "一舉兩得",
    "一举两得",
    "一石二鳥",
    "一石二鸟",
    "萬眾一心",
    "万众一心",
    "三心兩意",
    "三心二意",
    "七上八下",
    "亂七八糟",
    "乱七八糟",
    "不三不四",
    "百分百",
    "千萬別",
    "千万别",
    "千萬不",
    "千万不",
    "萬萬不",
    "万万不",
    "萬萬沒",
    "万万没",
)

#: Characters after 成 that make it a verb or noun, not "tenths" (成立, 成為, 成本 ...).
NOT_TENTHS = frozenset("立為为功員员本果就長长熟型交效績绩分份品")
#: Characters after 折 that make it a verb or noun, not a discount (折舊, 折扣 ...).
NOT_DISCOUNT = frozenset("舊旧扣算合射線线疊叠騰腾返")
#: Characters after 元 that make it a word, not the currency (元素, 元旦, 元首 ...).
NOT_YUAN = frozenset("素旦首宵件老朗年月代氣气宇")
#: Characters after 升 that make it "rise", not litres.
NOT_LITRE = frozenset("至到幅級级值高職职為为")
#: Characters after 米 that make it rice, not metres.
NOT_METRE = frozenset("飯饭粉酒糧粮價价")
#: Characters after 克 that make it a verb, not grams.
NOT_GRAM = frozenset("服隆制勤難难")

#: Characters that only Simplified (resp. Traditional) Chinese uses, to guess a text's script.
SIMPLIFIED_ONLY = frozenset(
    "们这个为国发经过时对说会来还进实现业务银门问间见关开东车长书区学马鸟鱼亿万与产员术术计让认设华"
)
TRADITIONAL_ONLY = frozenset(
    "們這個為國發經過時對說會來還進實現業務銀門問間見關開東車長書區學馬鳥魚億萬與產員術計讓認設華"
)
