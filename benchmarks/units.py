"""The first quantity a fresh extraction worker converts: the unit table vs building pint's registry.

Each run is a fresh process (as a forked ``--focus`` worker is): it loads the English pipeline and the
Chinese extractor on documents without quantities, then times (CPU, ``time.process_time``) the first
``extract_document`` calls on an English and a Chinese document with areas, lengths and weights.
Variant ``table`` is the shipped code (factcheck/unit_table.py); variant ``pint`` empties the table, so
every unit goes to pint's shared registry (what a unit outside the lexicons costs).  Runs alternate
between the variants; the medians and whether pint was imported are printed.

    python -m benchmarks.units              # 5 runs of each variant
    python -m benchmarks.units --runs 1     # check the script works
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ENGLISH = (
    "The campus covers 22 hectares and 400,000 square feet of floor space, 3.5 km from the station. "
    "The robot weighs 12 kg and lifts 500 pounds. The new wing adds 1,200 square metres."
)
CHINESE = "園區佔地22公頃，樓面面積40萬平方米，距離車站3.5公里，機械人重12公斤。"
VARIANTS = ("table", "pint")


def child(variant: str) -> dict[str, object]:
    """One fresh process's measurement (run with ``--child VARIANT``)."""
    from factcheck import units
    from factcheck.extract import extract_document
    from factcheck.knowledge import Knowledge
    from factcheck.load import document_from_text

    knowledge = Knowledge()
    if variant == "pint":
        units.TABLE = {}
    extract_document(document_from_text("The Park opened in 2002 with 120 companies.", "warm.txt"), knowledge)
    extract_document(document_from_text("園區於2002年開幕，有120家公司。", "warm-zh.txt"), knowledge)
    start = time.process_time()
    claims = [
        claim
        for number, text in enumerate((ENGLISH, CHINESE))
        for claim in extract_document(document_from_text(text, f"doc{number}.txt"), knowledge)
    ]
    seconds = time.process_time() - start
    return {
        "variant": variant,
        "cpu": seconds,
        "quantities": sum(claim.kind == "quantity" for claim in claims),
        "pint": "pint" in sys.modules,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.units", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        print(json.dumps(child(options.child)))
        return 0
    samples: dict[str, list[dict[str, object]]] = {variant: [] for variant in VARIANTS}
    for _ in range(options.runs):
        for variant in VARIANTS:
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.units", "--child", variant],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            samples[variant].append(json.loads(done.stdout))
    medians: dict[str, float] = {}
    for variant, runs in samples.items():
        medians[variant] = statistics.median(float(str(run["cpu"])) for run in runs)
        imported = sorted({bool(run["pint"]) for run in runs})
        print(
            f"{variant:>5}: first quantity documents {medians[variant]:.3f} s CPU (median of {len(runs)}), "
            f"{runs[0]['quantities']} quantities, pint imported: {imported}"
        )
    print(f"saved: {medians['pint'] - medians['table']:.3f} s CPU per fresh worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
