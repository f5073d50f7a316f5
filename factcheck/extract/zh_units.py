"""Chinese unit and currency words -> pint units and ISO 4217 codes (language data, not corpus data)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Unit words as written -> pint unit name (CONTRACT.md: "hectare", "square_meter", "square_foot").
UNITS: dict[str, str] = {
    "平方公里": "square_kilometer",
    "平方千米": "square_kilometer",
    "平方米": "square_meter",
    "平方公尺": "square_meter",
    "平米": "square_meter",
    "㎡": "square_meter",
    "平方呎": "square_foot",
    "平方英尺": "square_foot",
    "平方尺": "square_foot",
    "公頃": "hectare",
    "公顷": "hectare",
    "公里": "kilometer",
    "千米": "kilometer",
    "公尺": "meter",
    "厘米": "centimeter",
    "釐米": "centimeter",
    "公分": "centimeter",
    "毫米": "millimeter",
    "米": "meter",
    "英里": "mile",
    "英尺": "foot",
    "呎": "foot",
    "英寸": "inch",
    "吋": "inch",
    "公噸": "metric_ton",
    "公吨": "metric_ton",
    "噸": "metric_ton",
    "吨": "metric_ton",
    "公斤": "kilogram",
    "千克": "kilogram",
    "毫克": "milligram",
    "微克": "microgram",
    "克": "gram",
    "斤": "jin",
    "公升": "liter",
    "毫升": "milliliter",
    "升": "liter",
    "兆瓦": "megawatt",
    "千瓦": "kilowatt",
    "兆赫兹": "megahertz",
    "兆赫茲": "megahertz",
    "兆赫": "megahertz",
    "赫兹": "hertz",
    "赫茲": "hertz",
    "千字节": "kilobyte",
    "千字節": "kilobyte",
    "兆字节": "megabyte",
    "兆字節": "megabyte",
    "字节": "byte",
    "字節": "byte",
    "千比特": "kilobit",
    "兆比特": "megabit",
    "比特": "bit",
    "km2": "square_kilometer",
    "km": "kilometer",
    "KM": "kilometer",
    "cm": "centimeter",
    "CM": "centimeter",
    "mm": "millimeter",
    "m2": "square_meter",
    "m": "meter",
    "kg": "kilogram",
    "KG": "kilogram",
    "mg": "milligram",
    "ml": "milliliter",
    "MW": "megawatt",
    "kW": "kilowatt",
    "ha": "hectare",
    "sq ft": "square_foot",
    "sqft": "square_foot",
}

#: Currency words written after the figure -> ISO 4217; "元" alone is resolved by context (see zh.py).
CURRENCY_SUFFIXES: dict[str, str] = {
    "港元": "HKD",
    "港幣": "HKD",
    "港币": "HKD",
    "人民幣": "CNY",
    "人民币": "CNY",
    "美元": "USD",
    "美金": "USD",
    "歐元": "EUR",
    "欧元": "EUR",
    "日元": "JPY",
    "日圓": "JPY",
    "日圆": "JPY",
    "英鎊": "GBP",
    "英镑": "GBP",
    "澳元": "AUD",
    "加元": "CAD",
    "加幣": "CAD",
    "新加坡元": "SGD",
    "新台幣": "TWD",
    "新台币": "TWD",
    "台幣": "TWD",
    "台币": "TWD",
    "澳門元": "MOP",
    "澳门元": "MOP",
    "澳門幣": "MOP",
    "韓元": "KRW",
    "韩元": "KRW",
    "瑞士法郎": "CHF",
    "盧布": "RUB",
    "卢布": "RUB",
    "元": "",
    "圓": "",
}

#: Currency marks written before the figure (HK$3億, 人民幣 8千元).
CURRENCY_PREFIXES: dict[str, str] = {
    "HK$": "HKD",
    "HKD": "HKD",
    "US$": "USD",
    "USD": "USD",
    "RMB": "CNY",
    "CNY": "CNY",
    "￥": "CNY",
    "¥": "CNY",
    "€": "EUR",
    "£": "GBP",
    "港幣": "HKD",
    "港币": "HKD",
    "人民幣": "CNY",
    "人民币": "CNY",
    "$": "",
}

_DEFINITIONS = (
    "square_meter = meter ** 2",
    "square_kilometer = kilometer ** 2",
    "jin = 0.5 * kilogram",
)


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint

    registry: Any = pint.UnitRegistry()
    for definition in _DEFINITIONS:
        registry.define(definition)
    return registry


@lru_cache(maxsize=128)
def to_base(unit: str) -> tuple[float, str]:
    """(factor, base unit) of a pint unit name: hectare -> (10000, "meter ** 2")."""
    registry = _registry()
    quantity = (1 * registry.Unit(unit)).to_base_units()
    return float(quantity.magnitude), str(quantity.units)
