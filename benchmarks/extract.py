"""Extraction throughput: words per second of spaCy's bare tokenizer vs the full factcheck extraction.

Both run in one process on the same text: the seed documents repeated until the corpus is at
least ``--megabytes`` (default 2) MB.  Prints words/s of (a) ``spacy.blank("en")`` tokenizing and
(b) ``extract_document`` on the same Documents, and the ratio b/a (target >= 0.5).  Both are timed in
CPU time (``time.process_time``), alternating document by document: on a shared machine, wall time
mostly measures the other jobs.

    python -m benchmarks.extract            # the full run (>= 2 MB)
    python -m benchmarks.extract --quick    # a tiny input, to check the script works
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.extract import extract_document
from factcheck.knowledge import Knowledge
from factcheck.load import document_from_text
from factcheck.model import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@dataclass(frozen=True, slots=True)
class Result:
    documents: int
    characters: int
    words: int
    claims: int
    tokenizer_seconds: float
    extraction_seconds: float

    @property
    def tokenizer_rate(self) -> float:
        return self.words / self.tokenizer_seconds if self.tokenizer_seconds else float("inf")

    @property
    def extraction_rate(self) -> float:
        return self.words / self.extraction_seconds if self.extraction_seconds else float("inf")

    @property
    def ratio(self) -> float:
        return self.extraction_rate / self.tokenizer_rate if self.tokenizer_rate else 0.0


def corpus(megabytes: float, seeds: Path = SEEDS) -> list[Document]:
    """The seed documents, copied under distinct paths until the text reaches ``megabytes``."""
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in sorted(seeds.glob("*.txt"))]
    if not texts:
        raise FileNotFoundError(f"no seed documents in {seeds}")
    target = int(megabytes * 1_000_000)
    documents: list[Document] = []
    size = 0
    copy = 0
    while size < target:
        for name, text in texts:
            documents.append(document_from_text(text, f"copy{copy}/{name}"))
            size += len(text.encode("utf-8"))
            if size >= target:
                break
        copy += 1
    return documents


def run(documents: Sequence[Document], knowledge: Knowledge | None = None) -> Result:
    import spacy

    knowledge = knowledge or Knowledge()
    nlp = spacy.blank("en")
    # Warm up both sides (vocabulary, pipeline and pint registry construction are not throughput).
    seen: set[str] = set()
    for document in documents:
        if document.sha256 not in seen:
            seen.add(document.sha256)
            nlp(document.text)
            extract_document(document, knowledge)

    # (a) and (b) alternate document by document, so a load spike on a shared machine hits both alike;
    # CPU time, so other jobs' time is not counted.
    tokenizer_seconds = extraction_seconds = 0.0
    claims = 0
    for document in documents:
        started = time.process_time()
        nlp(document.text)
        tokenizer_seconds += time.process_time() - started
        started = time.process_time()
        claims += len(extract_document(document, knowledge))
        extraction_seconds += time.process_time() - started

    return Result(
        documents=len(documents),
        characters=sum(len(document.text) for document in documents),
        words=sum(len(document.text.split()) for document in documents),
        claims=claims,
        tokenizer_seconds=tokenizer_seconds,
        extraction_seconds=extraction_seconds,
    )


def report(result: Result) -> str:
    return "\n".join(
        [
            f"corpus: {result.documents} documents, {result.characters:,} characters, {result.words:,} words",
            f"(a) spacy.blank('en') tokenizer: {result.tokenizer_rate:,.0f} words/s ({result.tokenizer_seconds:.2f} s)",
            f"(b) factcheck extraction:       {result.extraction_rate:,.0f} words/s ({result.extraction_seconds:.2f} s, "
            f"{result.claims:,} claims)",
            f"b/a = {result.ratio:.2f} (target >= 0.5)",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extract", description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=2.0, help="corpus size in MB (default 2)")
    parser.add_argument("--quick", action="store_true", help="a tiny input (about 20 KB): checks the script works")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of seed documents")
    args = parser.parse_args(argv)
    megabytes = 0.02 if args.quick else args.megabytes
    print(report(run(corpus(megabytes, args.seeds))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
