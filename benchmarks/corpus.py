"""A deterministic synthetic corpus for benchmarks: variations of the seed documents.

Each generated document is one of the seeds with its figures, years, months and
people's names varied (seeded ``random.Random``), so the corpus has the shape of
real press releases -- dates, figures, bilingual passages, OCR noise -- and a
realistic share of cross-document disagreements, while the same ``seed`` always
gives the same bytes.

    python benchmarks/corpus.py /tmp/corpus --count 1000 --seed 0
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")
#: A figure: 1,234,567 / 12.5 / 2024; not part of a word, not an ordinal (21st), not inside an ISO code.
_FIGURE = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w/]|[.,]\d)")
_PERSON = re.compile(r"\b(Mr|Ms|Mrs|Dr|Prof)\.? ([A-Z][a-z]+) ([A-Z][a-z]+)\b")
_GIVEN = ("Albert", "Sunny", "Grace", "Daniel", "Winnie", "Kelvin", "Irene", "Patrick", "Joyce", "Victor", "Fiona")
_FAMILY = ("Wong", "Chai", "Chan", "Leung", "Lau", "Cheung", "Ho", "Ng", "Tsang", "Yip", "Kwok", "Lam")


def seed_texts(seeds_dir: Path = SEEDS_DIR) -> list[tuple[str, str]]:
    """(name, text) of every seed document, sorted by name."""
    return [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(seeds_dir.glob("*.txt"))]


def _format_like(original: str, value: float) -> str:
    """``value`` written the way ``original`` is: same decimals, thousands separators if it had them."""
    decimals = len(original.split(".")[1]) if "." in original else 0
    if decimals:
        return f"{value:,.{decimals}f}" if "," in original else f"{value:.{decimals}f}"
    number = max(1, round(value))
    return f"{number:,}" if "," in original else str(number)


def vary(text: str, rng: random.Random) -> str:
    """One variation of ``text``: years shifted together, some figures changed, months and names swapped."""
    year_shift = rng.choice((-2, -1, 0, 0, 0, 1, 2))
    month_shift = rng.choice((0, 0, 1, 2, 11))
    change_rate = rng.choice((0.05, 0.15, 0.3))

    def figure(match: re.Match[str]) -> str:
        written = match.group(1)
        plain = written.replace(",", "")
        if "," not in written and "." not in written and len(plain) == 4 and 1950 <= int(plain) <= 2050:
            return str(int(plain) + year_shift)
        if rng.random() >= change_rate:
            return written
        return _format_like(written, float(plain) * rng.uniform(0.7, 1.4))

    def month(match: re.Match[str]) -> str:
        return _MONTHS[(_MONTHS.index(match.group(1)) + month_shift) % 12]

    def person(match: re.Match[str]) -> str:
        return f"{match.group(1)} {rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"

    text = _FIGURE.sub(figure, text)
    text = _MONTH.sub(month, text)
    return _PERSON.sub(person, text)


def generate_corpus(directory: Path, count: int = 1000, seed: int = 0) -> list[Path]:
    """Write ``count`` documents into ``directory`` (created; existing files overwritten) and return their paths.

    Every tenth document is Markdown (a heading over the text); the rest are plain text.
    The output depends only on ``count``, ``seed`` and the seed documents.
    """
    rng = random.Random(seed)
    seeds = seed_texts()
    if not seeds:
        raise FileNotFoundError(f"no seed documents in {SEEDS_DIR}")
    directory.mkdir(parents=True, exist_ok=True)
    width = max(4, len(str(count - 1)))
    paths: list[Path] = []
    for number in range(count):
        name, text = seeds[number % len(seeds)]
        body = vary(text, rng)
        if number % 10 == 9:
            path = directory / f"doc_{number:0{width}d}_{name[:3]}.md"
            body = f"# Release {number}\n\n{body}"
        else:
            path = directory / f"doc_{number:0{width}d}_{name[:3]}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the synthetic benchmark corpus from the seeds.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate_corpus(args.directory, args.count, args.seed)
    size = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB) to {args.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
