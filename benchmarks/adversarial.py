"""Time 1 MB adversarial lines and check that time grows linearly (issue 9, item 2).

    PYTHONPATH=. python benchmarks/adversarial.py [--size 1048576] [--only digits,dollars]

For each input of ``tests/test_robustness_adversarial.py`` (long runs of digits,
separators, spaces, currency signs, "1,1,1,...", "$ $ $", "9 9 9 ...", markup
openers), loads and extracts a single line of 1/4 of the size and of the full size,
and prints both times and their ratio.  Fails (exit 1) when a full-size line takes
2 s or more, or when the ratio shows clearly super-linear growth (over 8 where
linear is 4; timings on a shared machine are noisy, so small excesses are noise).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_robustness_adversarial import ADVERSARIAL, TookTooLong, load_and_extract

TARGET_SECONDS = 2.0
#: time(size) / time(size / 4) above this is called super-linear (linear is 4, quadratic 16).
MAX_RATIO = 8.0
#: Below this the ratio is noise (timer resolution, warm-up).
NOISE_SECONDS = 0.05


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1024 * 1024, help="characters in the full-size line (1 MB)")
    parser.add_argument("--only", default="", help="comma-separated input names (default: all)")
    parser.add_argument("--timeout", type=float, default=30.0, help="give up on an input after this many seconds")
    args = parser.parse_args(argv)
    names = [name for name in sorted(ADVERSARIAL) if not args.only or name in args.only.split(",")]
    load_and_extract("about 12 companies ", "text", 1000)  # warm up: the extractors load spaCy once
    failures = []
    print(f"{'input':<18} {'fmt':<8} {'1/4 size':>9} {'full size':>10} {'ratio':>6} {'claims':>7}  verdict")
    for name in names:
        unit, fmt = ADVERSARIAL[name]
        try:
            quarter, _ = load_and_extract(unit, fmt, args.size // 4, limit=args.timeout)
            full, claims = load_and_extract(unit, fmt, args.size, limit=args.timeout)
        except TookTooLong:
            failures.append(name)
            print(f"{name:<18} {fmt:<8} {'':>9} {'':>10} {'':>6} {'':>7}  TIMEOUT (over {args.timeout:g} s)")
            continue
        except Exception as error:  # an extractor crash is a finding of this benchmark, not its end
            failures.append(name)
            print(f"{name:<18} {fmt:<8} {'':>9} {'':>10} {'':>6} {'':>7}  CRASH {type(error).__name__}: {error}")
            continue
        ratio = full / quarter if quarter > 0 else float("inf")
        verdict = "ok"
        if full >= TARGET_SECONDS:
            verdict = f"SLOW (>= {TARGET_SECONDS:.0f} s)"
        elif full > NOISE_SECONDS and ratio > MAX_RATIO:
            verdict = "SUPER-LINEAR"
        if verdict != "ok":
            failures.append(name)
        print(f"{name:<18} {fmt:<8} {quarter:>8.3f}s {full:>9.3f}s {ratio:>6.1f} {claims:>7}  {verdict}")
    print(f"{len(names) - len(failures)}/{len(names)} inputs under {TARGET_SECONDS:.0f} s and linear")
    if failures:
        print("failing: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
