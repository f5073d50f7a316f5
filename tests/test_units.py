"""The generated unit table (factcheck/unit_table.py): what pint computes, for every unit the lexicons emit,
read without importing pint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import units
from factcheck.extract import quantities, zh_units
from factcheck.extract.patterns_en import QUANTITY_UNITS, SUBUNITS
from factcheck.index import dimension_of
from factcheck.load import document_from_text
from factcheck.model import Claim
from factcheck.unit_table import TABLE

REGENERATE = "run `python -m factcheck.units --write` and commit factcheck/unit_table.py"


def test_every_table_entry_is_what_pint_computes_now() -> None:
    computed = {unit: units.compute(unit) for unit in TABLE}
    stale = {unit: (found, computed[unit]) for unit, found in TABLE.items() if computed[unit] != found}
    assert not stale, f"table entries differ from pint (table, pint): {stale}; {REGENERATE}"
    assert units.main(["--check"]) == 0


def test_every_unit_the_lexicons_can_emit_is_in_the_table() -> None:
    missing = sorted(set(units.lexicon_units()) - set(TABLE))
    assert not missing, f"units missing from factcheck/unit_table.py: {missing}; {REGENERATE}"
    # The lexicons named: English unit words, the "5 ft 2 in" subunits, Chinese unit words.
    assert {*QUANTITY_UNITS.values(), *SUBUNITS, *zh_units.UNITS.values()} <= set(TABLE)
    assert TABLE["hectare"] == (10000.0, 0.0, "meter ** 2")
    assert TABLE["degree_Celsius"] == (1.0, 273.15, "kelvin")
    assert TABLE["jin"] == (0.5, 0.0, "kilogram")  # a Chinese definition on the shared registry
    assert TABLE["petaflop"] is None  # pint does not know it: recorded, so no pint import to learn that


def test_chinese_units_convert_by_a_factor() -> None:
    offsets = {name: TABLE[name] for name in zh_units.UNITS.values() if (TABLE[name] or (0, 1.0, ""))[1]}
    assert not offsets  # zh_units.to_base returns a factor: no Chinese unit may have an offset (or be unknown)
    assert zh_units.to_base("square_meter") == (1.0, "meter ** 2")
    assert zh_units.to_base("jin") == (0.5, "kilogram")


def test_an_unknown_unit_goes_through_pint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(units, "_COMPUTED", {})
    assert "square_mile" not in TABLE
    assert quantities.to_base(2.0, "square_mile") == (5179976.220672, "meter ** 2")
    assert units.factor("square_mile") == (2589988.110336, 0.0, "meter ** 2")
    assert units.base_unit("square_mile") == "meter ** 2"
    assert units.base_unit("no such unit") is None
    assert quantities.to_base(3.0, "no such unit") is None
    assert units._COMPUTED == {
        "square_mile": (2589988.110336, 0.0, "meter ** 2"),
        "no such unit": None,
    }  # each asked pint once
    with pytest.raises(ValueError, match="no such unit"):
        zh_units.to_base("no such unit")
    # The index reads the same conversion for a claim that came without a base unit.
    location = document_from_text("A 5 sq mi park.", "a.txt").location(2, 9)
    claim = Claim("a.txt#1", location, "quantity", 5, 5, 5, "exact", unit="square_mile")
    assert dimension_of(claim) == "meter ** 2"


_SCRIPT = """
import json, sys
from factcheck.extract import extract_document
from factcheck.knowledge import Knowledge
from factcheck.load import document_from_text

DOCUMENTS = {
    "en.txt": "The campus covers 22 hectares, with 400,000 square feet of floor space and a 1,200 sq m atrium. "
    "The new line runs 3.5 km to the station; the robot is 5 ft 2 in tall and weighs 12 kg (26 lb). "
    "The roof holds 40 tonnes of panels rated 2 MW, at up to 35 °C.",
    "zh.txt": "園區佔地22公頃，樓面面積40萬平方米，另有5平方公里用地，距離車站3.5公里，機械人重12公斤，重約三斤半。",
}

def extract():
    return [repr(claim) for path, text in DOCUMENTS.items()
            for claim in extract_document(document_from_text(text, path), Knowledge())]

from_table = extract()
imported = "pint" in sys.modules
import factcheck.units
factcheck.units.TABLE = {}  # force the pint fallback
from_pint = extract()
print(json.dumps({"imported": imported, "from_table": from_table, "from_pint": from_pint,
                  "imported_after": "pint" in sys.modules}))
"""


def test_extraction_reads_the_table_without_importing_pint_and_agrees_with_pint() -> None:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], cwd=root, capture_output=True, text=True, check=True, timeout=300
    )
    result = json.loads(done.stdout)
    assert result["imported"] is False
    assert result["imported_after"] is True  # the fallback really asked pint
    assert result["from_table"] == result["from_pint"]
    quantities_read = [line for line in result["from_table"] if "kind='quantity'" in line]
    units_read = {line.split("unit='", 1)[1].split("'", 1)[0] for line in quantities_read}
    assert units_read >= {"hectare", "square_foot", "square_meter", "kilometer", "foot", "kilogram", "pound"}
    assert units_read >= {"metric_ton", "megawatt", "degree_Celsius", "square_kilometer", "jin"}
    assert any("base_value=220000.0, base_unit='meter ** 2'" in line for line in quantities_read)
    assert any("unit='jin'" in line and "base_value=1.75, base_unit='kilogram'" in line for line in quantities_read)


def test_the_unit_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import units as bench_units

    assert bench_units.main(["--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "table: first quantity documents" in out and "pint imported: [False]" in out
    assert " pint: first quantity documents" in out and "pint imported: [True]" in out
    assert "10 quantities" in out
