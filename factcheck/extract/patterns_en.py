"""English extraction patterns, kept as data.

Everything here is vocabulary (words, symbols, units), not logic: the scanner in
``figures.py`` and ``dates.py`` compiles these tables into anchored regexes once.
Nothing here names an organisation or a corpus: that knowledge lives in rule packs.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (vocabulary lists below are written as prose)."""
    return frozenset(text.split())


#: Qualifier phrases that stand before a figure -> (qualifier, below_only).
QUALIFIERS_BEFORE: dict[str, tuple[str, bool]] = {
    "more than": ("over", False),
    "over": ("over", False),
    "above": ("over", False),
    "exceeding": ("over", False),
    "exceeds": ("over", False),
    "exceeded": ("over", False),
    "in excess of": ("over", False),
    "surpasses": ("over", False),
    "surpass": ("over", False),
    "bigger than": ("over", False),
    "greater than or equal to": ("at_least", False),
    "more than or equal to": ("at_least", False),
    "higher than or equal to": ("at_least", False),
    "bigger or equal than": ("at_least", False),
    "higher or equal than": ("at_least", False),
    "larger or equal than": ("at_least", False),
    "greater or equal than": ("at_least", False),
    "less than or equal to": ("at_most", False),
    "lower than or equal to": ("at_most", False),
    "less or equal than": ("at_most", False),
    "lower or equal than": ("at_most", False),
    "smaller or equal than": ("at_most", False),
    "surpassing": ("over", False),
    "surpassed": ("over", False),
    "greater than": ("over", False),
    "larger than": ("over", False),
    "higher than": ("over", False),
    "upwards of": ("over", False),
    "at least": ("at_least", False),
    "no fewer than": ("at_least", False),
    "no less than": ("at_least", False),
    "not less than": ("at_least", False),
    "not fewer than": ("at_least", False),
    "a minimum of": ("at_least", False),
    "minimum of": ("at_least", False),
    "under": ("under", False),
    "less than": ("under", False),
    "below": ("under", False),
    "fewer than": ("under", False),
    "lower than": ("under", False),
    "smaller than": ("under", False),
    "up to": ("at_most", False),
    "at most": ("at_most", False),
    "no more than": ("at_most", False),
    "not more than": ("at_most", False),
    "not exceeding": ("at_most", False),
    "a maximum of": ("at_most", False),
    "maximum of": ("at_most", False),
    "maximum": ("at_most", False),
    "about": ("about", False),
    "around": ("about", False),
    "approximately": ("about", False),
    "approx.": ("about", False),
    "approx": ("about", False),
    "some": ("about", False),
    "roughly": ("about", False),
    "circa": ("about", False),
    "an estimated": ("about", False),
    "estimated": ("about", False),
    "nearly": ("about", True),
    "almost": ("about", True),
    "close to": ("about", True),
    "just under": ("about", True),
    "just over": ("over", False),
}

#: Qualifier phrases that follow a figure ("2,000 or more", "2,000+").
QUALIFIERS_AFTER: dict[str, str] = {
    "or more": "at_least",
    "and more": "at_least",
    "or above": "at_least",
    "and above": "at_least",
    "or over": "at_least",
    "or greater": "at_least",
    "or higher": "at_least",
    "or larger": "at_least",
    "or lower": "at_most",
    "or smaller": "at_most",
    "plus": "at_least",
    "+": "at_least",
    "or less": "at_most",
    "or fewer": "at_most",
    "or below": "at_most",
    "and below": "at_most",
    "or so": "about",
    "odd": "about",
}

#: Currency symbols and codes written before a figure -> ISO 4217 ("$" resolves by default currency).
CURRENCY_PREFIXES: dict[str, str] = {
    "HK$": "HKD",
    "HKD": "HKD",
    "US$": "USD",
    "USD": "USD",
    "U.S.$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "S$": "SGD",
    "SGD": "SGD",
    "NT$": "TWD",
    "R$": "BRL",
    "MX$": "MXN",
    "NZ$": "NZD",
    "MOP$": "MOP",
    "MOP": "MOP",
    "RMB": "CNY",
    "CNY": "CNY",
    "¥": "CNY",
    "￥": "CNY",
    "JPY": "JPY",
    "£": "GBP",
    "GBP": "GBP",
    "€": "EUR",
    "EUR": "EUR",
    "₹": "INR",
    "INR": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "₩": "KRW",
    "CHF": "CHF",
    "NZD": "NZD",
    "TWD": "TWD",
    "KRW": "KRW",
    "MYR": "MYR",
    "THB": "THB",
    "SEK": "SEK",
    "NOK": "NOK",
    "DKK": "DKK",
    "ZAR": "ZAR",
    "BRL": "BRL",
    "MXN": "MXN",
    "IDR": "IDR",
    "VND": "VND",
    "$": "",
}
#: ISO codes that may be written in lower case when a "$" follows: "nzd$15", "usd$2.5m", "hkd$80".
DOLLAR_CODES: tuple[str, ...] = (
    "USD",
    "HKD",
    "NZD",
    "AUD",
    "CAD",
    "SGD",
    "TWD",
    "MOP",
    "MXN",
    "US",
    "HK",
    "NZ",
    "AU",
    "NT",
    "MX",
)

#: A scale letter fused to an ISO code after a figure, as finance tables write it: "48.5 MGBP", "500 kEUR".
SCALED_CODE_PREFIXES: dict[str, float] = {"k": 1e3, "K": 1e3, "M": 1e6, "Mn": 1e6, "mn": 1e6, "Bn": 1e9, "bn": 1e9}

#: Currency words written after a figure ("50 dollars", "3 million yuan").
CURRENCY_SUFFIXES: dict[str, str] = {
    "hong kong dollars": "HKD",
    "hong kong dollar": "HKD",
    "hk dollars": "HKD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "singapore dollars": "SGD",
    "dollars": "",
    "dollar": "",
    "hkd": "HKD",
    "usd": "USD",
    "rmb": "CNY",
    "cny": "CNY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "jpy": "JPY",
    "yen": "JPY",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "pounds sterling": "GBP",
    "pound sterling": "GBP",
    "british pounds": "GBP",
    "gbp": "GBP",
    "cents": "",
    "rupees": "INR",
    "won": "KRW",
    "swiss francs": "CHF",
    "francs": "CHF",
}

#: Scale words after a figure -> multiplier.  Misspellings read as meant (the rules flag them).
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "thousands": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "milion": 1e6,
    "millon": 1e6,
    "miilion": 1e6,
    "mil": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bilion": 1e9,
    "billon": 1e9,
    "biliion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "trilion": 1e12,
    "tn": 1e12,
    "bln": 1e9,
    "tln": 1e12,
    "mln": 1e6,
    "t": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "lakh crore": 1e12,
    "lakh crores": 1e12,
    "dozen": 12,
    "dozens": 12,
}

#: Short scale words that only count as scales next to money ("$5m", "HK$2bn", "3k").
SHORT_SCALES: frozenset[str] = frozenset({"k", "m", "mn", "mil", "b", "bn", "tn", "t"})
#: Of those, the ones that are scales right after a bare number too ("3k", "12bn"), and those that are
#: only after a decimal, case as written ("1.2b", "1.5M": "2b" is a label, "3M" a name, "1.5m" metres).
BARE_SHORT_SCALES: frozenset[str] = frozenset({"k", "bn", "mn"})
DECIMAL_SHORT_SCALES: frozenset[str] = frozenset({"b", "B", "M"})
#: Words after which "1.2b" is a numbered clause, not 1.2 billion.
NUMBERING_WORDS: frozenset[str] = word_set("""
    section sections sec clause clauses article art item items paragraph para paras rule rules question exercise
    exercises chapter figure fig table annex appendix part step note schedule regulation reg no nos
    """)

#: Scale words after which "and N" (N below the scale) goes on with the same number: "3 hundred and 21",
#: "6 crore and two hundred".  ("2 million and 500 staff" is two figures: million is not here.)
AND_CONTINUED_SCALES: dict[str, float] = {"hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "crore": 1e7}

#: Currency words of a major unit that a number of minor units (hundredths) may follow:
#: "15 dollars 50", "13 dollars and 45 cents", "one dollar and one".
MAJOR_CURRENCY_WORDS: frozenset[str] = frozenset({"dollars", "dollar", "euros", "euro", "pounds sterling"})
#: Words of the minor unit (a hundredth of the major one).
MINOR_CURRENCY_WORDS: tuple[str, ...] = ("cents", "cent", "pence", "penny")

UNITS_0_19: dict[str, int] = {
    "zero": 0,
    "nought": 0,
    "naught": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
WORD_SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
#: Counting nouns: "a dozen", "two dozen", "a score of".
COUNT_NOUNS: dict[str, int] = {"dozen": 12, "dozens": 12, "score": 20}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
    "millionth": 1_000_000,
    "billionth": 1_000_000_000,
    "trillionth": 1_000_000_000_000,
}

#: Fraction words: "one-third", "two thirds", "a quarter", "half".
FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}

#: Percent signs and words after a figure.
PERCENT_WORDS: tuple[str, ...] = ("%", "％", "per cent", "percent", "percentage points", "percentage", "pct")

#: Time units for durations -> canonical unit.
DURATION_UNITS: dict[str, str] = {
    "years": "year",
    "year": "year",
    "yrs": "year",
    "months": "month",
    "month": "month",
    "weeks": "week",
    "week": "week",
    "days": "day",
    "day": "day",
    "decades": "decade",
    "decade": "decade",
    "hours": "hour",
    "hour": "hour",
    "minutes": "minute",
    "minute": "minute",
}
#: Adjectives allowed between a number and its time unit ("20 continuous years").
DURATION_ADJECTIVES: tuple[str, ...] = ("continuous", "consecutive", "successive", "straight", "full", "long")

#: A unit and the smaller unit that may follow it in one measurement ("5 ft 2 in", "7 lb 3 oz"):
#: unit -> (how many small units make one, the small unit as written).  "in" only at a clause's end.
SUBUNITS: dict[str, tuple[float, tuple[str, ...]]] = {
    "foot": (12, ("inches", "inch", "in", '"', "″")),
    "pound": (16, ("ounces", "ounce", "oz")),
}

#: Physical units as written -> pint unit name.  Longest forms first when compiled.
QUANTITY_UNITS: dict[str, str] = {
    "square kilometres": "square_kilometer",
    "square kilometers": "square_kilometer",
    "square kilometre": "square_kilometer",
    "square kilometer": "square_kilometer",
    "sq km": "square_kilometer",
    "km²": "square_kilometer",
    "km2": "square_kilometer",
    "square metres": "square_meter",
    "square meters": "square_meter",
    "square metre": "square_meter",
    "square meter": "square_meter",
    "sq metres": "square_meter",
    "sq meters": "square_meter",
    "sq. m.": "square_meter",
    "sq m": "square_meter",
    "sq. m": "square_meter",
    "sqm": "square_meter",
    "m²": "square_meter",
    "m2": "square_meter",
    "square feet": "square_foot",
    "square foot": "square_foot",
    "sq ft": "square_foot",
    "sq. ft.": "square_foot",
    "sq. ft": "square_foot",
    "sqft": "square_foot",
    "ft²": "square_foot",
    "hectares": "hectare",
    "hectare": "hectare",
    "ha": "hectare",
    "acres": "acre",
    "acre": "acre",
    "cubic metres": "cubic_meter",
    "cubic meters": "cubic_meter",
    "m³": "cubic_meter",
    "kilometres": "kilometer",
    "kilometers": "kilometer",
    "kilometre": "kilometer",
    "kilometer": "kilometer",
    "km": "kilometer",
    "metres": "meter",
    "meters": "meter",
    "metre": "meter",
    "meter": "meter",
    "centimetres": "centimeter",
    "centimeters": "centimeter",
    "cm": "centimeter",
    "decimetres": "decimeter",
    "decimeters": "decimeter",
    "decimetre": "decimeter",
    "decimeter": "decimeter",
    "dm": "decimeter",
    "nanometres": "nanometer",
    "nanometers": "nanometer",
    "nanometre": "nanometer",
    "nanometer": "nanometer",
    "nm": "nanometer",
    "micrometres": "micrometer",
    "micrometers": "micrometer",
    "micrometre": "micrometer",
    "micrometer": "micrometer",
    "μm": "micrometer",
    "µm": "micrometer",
    "picometres": "picometer",
    "picometers": "picometer",
    "picometre": "picometer",
    "picometer": "picometer",
    "millimetres": "millimeter",
    "millimeters": "millimeter",
    "mm": "millimeter",
    "miles": "mile",
    "mile": "mile",
    "mi": "mile",
    "feet": "foot",
    "foot": "foot",
    "ft": "foot",
    "inches": "inch",
    "inch": "inch",
    "yards": "yard",
    "yard": "yard",
    "yd": "yard",
    "nautical miles": "nautical_mile",
    "light years": "light_year",
    "light-years": "light_year",
    "kilograms": "kilogram",
    "kilogrammes": "kilogram",
    "kilogram": "kilogram",
    "kg": "kilogram",
    "kgs": "kilogram",
    "grams": "gram",
    "gram": "gram",
    "g": "gram",
    "milligrams": "milligram",
    "mg": "milligram",
    "micrograms": "microgram",
    "microgrammes": "microgram",
    "microgram": "microgram",
    "mcg": "microgram",
    "μg": "microgram",
    "µg": "microgram",
    "t": "metric_ton",
    "tonnes": "metric_ton",
    "tonne": "metric_ton",
    "metric tons": "metric_ton",
    "tons": "ton",
    "ton": "ton",
    "pounds": "pound",
    "pound": "pound",
    "lbs": "pound",
    "lb": "pound",
    "ounces": "ounce",
    "ounce": "ounce",
    "oz": "ounce",
    "litres": "liter",
    "liters": "liter",
    "litre": "liter",
    "liter": "liter",
    "l": "liter",
    "millilitres": "milliliter",
    "milliliters": "milliliter",
    "ml": "milliliter",
    "centilitres": "centiliter",
    "centiliters": "centiliter",
    "cl": "centiliter",
    "decilitres": "deciliter",
    "deciliters": "deciliter",
    "dl": "deciliter",
    "tablespoons": "tablespoon",
    "tablespoon": "tablespoon",
    "tbsp": "tablespoon",
    "teaspoons": "teaspoon",
    "teaspoon": "teaspoon",
    "tsp": "teaspoon",
    "cups": "cup",
    "cup": "cup",
    "gallons": "gallon",
    "gallon": "gallon",
    "gigawatts": "gigawatt",
    "gigawatt": "gigawatt",
    "gw": "gigawatt",
    "megawatts": "megawatt",
    "megawatt": "megawatt",
    "mw": "megawatt",
    "kilowatts": "kilowatt",
    "kilowatt": "kilowatt",
    "kw": "kilowatt",
    "watts": "watt",
    "watt": "watt",
    "kwh": "kilowatt_hour",
    "mwh": "megawatt_hour",
    "gwh": "gigawatt_hour",
    "km/h": "kilometer / hour",
    "kph": "kilometer / hour",
    "mph": "mile / hour",
    "terabytes": "terabyte",
    "gigabytes": "gigabyte",
    "megabytes": "megabyte",
    "kilobytes": "kilobyte",
    "bytes": "byte",
    "gigahertz": "gigahertz",
    "megahertz": "megahertz",
    "kilohertz": "kilohertz",
    "hertz": "hertz",
    "ghz": "gigahertz",
    "mhz": "megahertz",
    "khz": "kilohertz",
    "hz": "hertz",
    "gb": "gigabyte",
    "tb": "terabyte",
    "mb": "megabyte",
    "gbps": "gigabit / second",
    "mbps": "megabit / second",
    "petaflops": "petaflop",
    "degrees celsius": "degree_Celsius",
    "degrees centigrade": "degree_Celsius",
    "degree celsius": "degree_Celsius",
    "degrees fahrenheit": "degree_Fahrenheit",
    "degrees farenheit": "degree_Fahrenheit",
    "degree fahrenheit": "degree_Fahrenheit",
    "degrees c": "degree_Celsius",
    "degrees f": "degree_Fahrenheit",
    "deg c": "degree_Celsius",
    "deg f": "degree_Fahrenheit",
    "°c": "degree_Celsius",
    "°f": "degree_Fahrenheit",
    "℃": "degree_Celsius",
    "℉": "degree_Fahrenheit",
    "kelvin": "kelvin",
    "° celsius": "degree_Celsius",
    "° fahrenheit": "degree_Fahrenheit",
    "° c": "degree_Celsius",
    "° f": "degree_Fahrenheit",
    "°": "degree",
}
#: Units that must touch the number or follow it with a space AND never stand for a word
#: ("g", "l", "ha", "mi", "m" are English words or scale words too).
AMBIGUOUS_UNITS: frozenset[str] = frozenset(
    {"g", "l", "mi", "ha", "in", "oz", "mb", "gb", "tb", "ft", "yd", "kg", "mm", "dm", "nm", "cl", "dl"}
)

#: Of those, the ones that may also follow the number after one space ("5 ft", "3 to 4 L"), case as written.
#: ("dm", "nm", "cl", "dl" in lower case only: "5 DM" is Deutsche Mark or a direct message, "5 NM" nautical miles.)
SPACED_AMBIGUOUS_UNITS: frozenset[str] = frozenset(
    {"g", "mi", "oz", "ft", "yd", "kg", "mm", "t", "L", "lb", "lbs", "dm", "nm", "cl", "dl"}
)

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

#: Words before a year that make an as-of phrase: "As at the end of October 2024".
AS_OF_LEADS: tuple[str, ...] = ("as at", "as of", "up to", "up till", "up until", "as on", "at the end of")

#: Verbs of founding before a date: "Established in May 2001", "was set up in 1999".
FOUNDING_VERBS: tuple[str, ...] = (
    "established",
    "founded",
    "set up",
    "incorporated",
    "formed",
    "inaugurated",
    "created",
    "constituted",
    "chartered",
)

#: Words that make an anniversary of a duration: "celebrating 20 years", "for 20 continuous years".
ANNIVERSARY_WORDS: tuple[str, ...] = ("anniversary", "anniversaries", "jubilee", "celebrat", "commemorat", "mark")

#: Connectors that make the following figure a part of the preceding one.
PART_CONNECTORS: tuple[str, ...] = (
    "of which",
    "of whom",
    "among them",
    "among which",
    "amongst them",
    "including",
    "includes",
    "include",
    "comprising",
    "in which",
)

#: Phrases that mark a stated total.
TOTAL_MARKERS: tuple[str, ...] = (
    "a total of",
    "in total",
    "total of",
    "totalling",
    "totaling",
    "totals",
    "total",
    "altogether",
    "combined",
    "in all",
    "overall",
    "aggregate",
)

#: Capitalised words before a number that do NOT make it a name ("In 2024", "Over 400").
NAME_STOPWORDS: frozenset[str] = word_set("""
    a an the and or but nor of in on at by for from to with without since until till through during before after
    about around over under some only all nearly almost approximately roughly more less fewer than up top total
    between among amongst within as per each every another other these those this that its their our his her
    we they it he she there here then when while where if whereas although though because so also yet still
    currently now today approx circa just exactly precisely estimated additional further another only
    fy year years page pages no nos figure fig table chapter section item items number numbers step
    """)

#: Words after which a capitalised word + number is an identifier, not a figure: "Phase 3", "Building 17W".
#: (Any capitalised word outside NAME_STOPWORDS does this; this list only documents typical cases.)
NAME_NUMBER_EXAMPLES: tuple[str, ...] = ("Phase", "Batch", "Stage", "Building", "Tower", "Block", "Level", "Cyberport")

#: Lowercase words that stop a metric noun phrase.
METRIC_STOPWORDS: frozenset[str] = word_set("""
    of in on at by for from to with without into onto across through over under about around than as and or but
    nor which that who whom whose where when while are is was were be been being have has had having will would
    shall should can could may might must do does did done this these those its their our his her my your
    such so also already each every per via including include includes included a an the it they we he she
    there here then up down out off more less most least very not no only just both all some any other another
    same between among amongst within during since until till before after against along upon toward towards
    plus minus versus vs respectively etc i.e e.g approximately nearly almost around roughly
    today yesterday tomorrow now currently annually yearly monthly daily each altogether overall
    """)

#: Determiners and adjectives dropped from the front of a metric ("a dedicated professional cadre").
METRIC_DROP_LEADING: frozenset[str] = word_set("""
    a an the its their our his her my your this these those total overall combined dedicated whole entire
    current existing new additional further estimated approximately about around some
    """)

#: Pronouns and generic subjects that mean "the document's own subject".
SELF_REFERENCES: frozenset[str] = frozenset({"we", "our", "us", "it", "its", "the company", "the corporation"})

#: Verbs that mark the capitalised name before them as a clause's subject ("Cyberport houses over 400").
SUBJECT_VERBS: tuple[str, ...] = tuple(
    sorted(
        word_set("""
    has have had is are was were celebrates celebrate marks houses hosts gathers brings attracts attract manages
    provides operates runs owns employs supports receives launches sets announces offers holds includes comprises
    consists boasts welcomes becomes reaches records achieves invests raises approves funds organises organizes
    implements plans aims continues helps serves covers counts accounts spans contains features expects targets
    creates builds leads drives nurtures incubates admits grants awards allocates spends invested became
    """)
    )
)

#: Words the pipeline's PhraseMatcher finds as places where a written-out figure may start.
NUMBER_WORDS: tuple[str, ...] = (
    *UNITS_0_19,
    *TENS,
    *WORD_SCALES,
    "dozen",
    *ORDINAL_WORDS,
    "half",
    "quarter",
)
#: Words that anchor a date without a year digit in them ("June 30", "the first quarter").
PERIOD_WORDS: tuple[str, ...] = (*MONTHS, "sept.", "quarter", "half")

#: Named days with a fixed date (month, day); a negative day is a rule computed per year (see dates.py).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new years day": (1, 1),
    "new year's day": (1, 1),
    "valentines day": (2, 14),
    "valentine's day": (2, 14),
    "earth day": (4, 22),
    "labour day": (5, 1),
    "may day": (5, 1),
    "halloween": (10, 31),
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "boxing day": (12, 26),
    "new years eve": (12, 31),
    "new year's eve": (12, 31),
    "thanksgiving": (11, -4),
    "thanksgiving day": (11, -4),
    "black friday": (11, -5),
}

#: Nouns that name what a figure measures when they open a sentence with no determiner ("Revenue rose to $52
#: million", "Exports totalled ..."): a capitalised word alone there may be a name ("Cyberport is 24 hectares"),
#: these are not.
MEASURE_NOUNS: frozenset[str] = word_set("""
    revenue revenues turnover sales exports imports profit profits income earnings spending expenditure expenses
    costs employment unemployment headcount workforce staffing occupancy attendance enrolment enrollment output
    production investment investments funding membership population ridership footfall traffic throughput
    inflation debt assets capacity consumption emissions visitors tourism arrivals admissions donations
    """)

#: Head nouns of names of bodies and places a document may call by its head alone: "Northgate Park" ... "the park".
#: An abstract head ("the development" of "Social Development", "the industry") is no reference to a name.
BODY_HEADS: frozenset[str] = word_set("""
    park campus centre center hub estate zone district precinct fund foundation trust bank company corporation
    group council authority agency bureau board commission committee department ministry office institute
    institution university college school academy hospital museum library gallery port airport harbour harbor
    station terminal programme program scheme initiative project festival fair exhibition expo conference summit
    network association society club federation union alliance consortium partnership accelerator incubator
    laboratory lab facility plant factory mall village tower building complex arena stadium garden gardens
    """)
