"""A --focus run's cross-document checks compute only the findings that can touch a focus document.

Each must still report exactly what a full run reports of the focus documents
(``engine.focus_findings`` of the full run's findings): checked here on invented corpora for every
document as the focus, rule by rule, and end to end (fingerprints, suppression) on a generated corpus.
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.corpus import generate_corpus
from factcheck.checks import CHECKS
from factcheck.checks.base import CheckContext
from factcheck.config import load_config
from factcheck.engine import RunOptions, collect, focus_findings, in_focus, run_check, run_checks
from factcheck.fingerprint import with_fingerprints
from factcheck.index import build_index
from factcheck.knowledge import Entity, Knowledge, Metric
from factcheck.model import Claim, Finding
from factcheck.suppress import apply as apply_suppressions
from tests.xdoc_support import Corpus

#: The corpus-scoped rules of the built-in pack whose work a --focus run narrows.
_RULES = (
    "figure-conflict",
    "figure-undated-conflict",
    "figure-trend",
    "figure-series",
    "figure-jump",
    "anniversary-matches-founding",
    "part-exceeds-whole",
    "shares-exceed-whole",
    "total-matches-parts",
    "unit-mismatch",
)

_KNOWLEDGE = Knowledge(
    entities=(
        Entity("Northbridge Corporation", ("Northbridge Corporation",), "organisation"),
        Entity("Northbridge Innovation Park", ("Northbridge Innovation Park",), parent="Northbridge Corporation"),
        Entity("Harbourview Science Hub", ("Harbourview Science Hub",), "organisation", founded="2004-10"),
    ),
    metrics=(
        Metric("tech companies", ("tech companies", "technology companies")),
        Metric("staff", ("staff", "employees"), monotonic="increasing"),
        Metric("site area", ("site area",), stable=True),
    ),
)
_ENTITIES = ("Northbridge Corporation", "Northbridge Innovation Park", "Harbourview Science Hub", "Lantern Lab")
_FIGURES = (
    ("over 2,000", 2000, "over"),
    ("around 900", 900, "about"),
    ("1,450", 1450, "exact"),
    ("2,046", 2046, "exact"),
)
_DATES = ("2021-03-01", "2023-06-30", "2024-03-14", "2024", "2024-05-02", None)


class _Writer:
    """Sentences of one invented document, with a claim on each figure (positions found in the text)."""

    def __init__(self, chooser: random.Random) -> None:
        self.chooser = chooser
        self.sentences: list[str] = []
        self.claims: list[tuple[int, str, dict[str, object]]] = []

    def say(self, sentence: str, *claims: tuple[str, dict[str, object]]) -> None:
        self.sentences.append(sentence)
        self.claims.extend((len(self.sentences) - 1, text, fields) for text, fields in claims)


def _document(writer: _Writer, entity: str) -> None:
    """A few statements of a few facts: counts, staff over time, parts, shares, totals, areas, anniversaries."""
    chooser = writer.chooser
    for _ in range(chooser.randint(1, 4)):
        written, value, qualifier = chooser.choice(_FIGURES)
        metric = chooser.choice(("tech companies", "technology companies", "staff"))
        as_of = chooser.choice((True, True, None, "2022-12-31"))
        flags = ("period-phrase",) if chooser.random() < 0.1 else ()
        text = f"{written} {metric}"
        writer.say(
            f"{entity} had {text}.",
            (
                text,
                {
                    "value": value,
                    "qualifier": qualifier,
                    "entity": entity,
                    "metric": metric,
                    "as_of": as_of,
                    "flags": flags,
                },
            ),
        )
    if chooser.random() < 0.4:
        whole_value = chooser.choice((2000, 900))
        part_value = chooser.choice((1500, 2500))
        whole, part = f"{whole_value:,} tech companies", f"{part_value:,} are start-ups"
        writer.say(
            f"{entity} hosts {whole}, of which {part}.",
            (whole, {"value": whole_value, "entity": entity, "metric": "tech companies", "name": "whole"}),
            (part, {"value": part_value, "entity": entity, "metric": "start-ups", "part_of": "whole"}),
        )
    if chooser.random() < 0.3:
        shares = [chooser.choice((30, 45, 60)) for _ in range(2)]
        whole = "1,200 firms"
        first, second = f"{shares[0]}% are local", f"{shares[1]}% are foreign"
        writer.say(
            f"{entity} counts {whole}: {first} and {second}.",
            (whole, {"value": 1200, "entity": entity, "metric": "firms", "name": "firms"}),
            (first, {"value": shares[0], "kind": "percent", "entity": entity, "metric": "firms", "part_of": "firms"}),
            (second, {"value": shares[1], "kind": "percent", "entity": entity, "metric": "firms", "part_of": "firms"}),
        )
    if chooser.random() < 0.3:
        total = chooser.choice((100, 140))
        whole, first, second = f"a total of {total} grants", "60 grants to start-ups", "50 grants to SMEs"
        writer.say(
            f"{entity} made {whole}, {first} and {second}.",
            (whole, {"value": total, "entity": entity, "metric": "grants", "flags": ("total",), "name": "total"}),
            (first, {"value": 60, "entity": entity, "metric": "grants", "part_of": "total"}),
            (second, {"value": 50, "entity": entity, "metric": "grants", "part_of": "total"}),
        )
    if chooser.random() < 0.4:
        hectares = chooser.choice((22, 40))
        square_metres = chooser.choice((220000, 400000))
        first, second = f"{hectares} hectares", f"{square_metres:,} square metres"
        common = {"kind": "quantity", "entity": entity, "metric": "site area", "base_unit": "meter ** 2"}
        writer.say(
            f"{entity} covers {first} ({second}).",
            (first, {**common, "value": hectares, "unit": "hectare", "base_value": hectares * 10000.0}),
            (second, {**common, "value": square_metres, "unit": "square_meter", "base_value": float(square_metres)}),
        )
    if chooser.random() < 0.3:
        year = chooser.choice((2001, 2004))
        text = f"established in {year}"
        writer.say(
            f"{entity} was {text}.",
            (
                f"{year}",
                {
                    "value": year,
                    "kind": "year",
                    "entity": entity,
                    "flags": ("founding",),
                    "lower": False,
                    "upper": False,
                },
            ),
        )
    if chooser.random() < 0.4:
        years = chooser.choice((18, 20, 23))
        text = f"{years}th anniversary"
        writer.say(
            f"{entity} celebrates its {text}.",
            (text, {"value": years, "kind": "ordinal", "entity": entity, "flags": ("anniversary",)}),
        )


def _invented(seed: int, documents: int = 14) -> Corpus:
    chooser = random.Random(seed)
    corpus = Corpus(knowledge=_KNOWLEDGE)
    for number in range(documents):
        writer = _Writer(chooser)
        for _ in range(chooser.randint(1, 2)):
            _document(writer, chooser.choice(_ENTITIES))
        starts: list[int] = []
        text = "NEWS -"
        for said in writer.sentences:
            text += " "
            starts.append(len(text))
            text += said
        doc = corpus.doc(f"d{number:02}.txt", text + "\n", date=chooser.choice(_DATES))
        named: dict[str, Claim] = {}
        for sentence, written, fields in writer.claims:
            position = text.index(written, starts[sentence])
            occurrence = sum(1 for start in range(position + 1) if text.startswith(written, start))
            options = dict(fields)
            name, whole = options.pop("name", None), options.pop("part_of", None)
            qualifier = str(options.pop("qualifier", "exact"))
            claim = doc.claim(
                written,
                options.pop("value"),  # type: ignore[arg-type]
                occurrence=occurrence,
                qualifier=qualifier,
                part_of=named.get(str(whole)) if whole else None,
                **options,  # type: ignore[arg-type]
            )
            if name:
                named[str(name)] = claim
    return corpus


def _focused(context: CheckContext, path: str, fresh: bool) -> CheckContext:
    """``context`` of a --focus run on ``path`` (with an index of its own, or sharing the full run's)."""
    index = build_index(context.claims, context.knowledge) if fresh else context.index
    return dataclasses.replace(context, index=index, focus=frozenset({path}))


@pytest.mark.parametrize("seed", range(8))
def test_a_focus_run_of_each_rule_finds_what_a_full_run_finds_of_each_document(seed: int) -> None:
    corpus = _invented(seed)
    full_context = corpus.context()
    rules = [corpus.rule(rule_id) for rule_id in _RULES]
    full = {rule.id: list(CHECKS[rule.check].check(rule, full_context)) for rule in rules}
    assert sum(map(len, full.values())) >= 10, "the invented corpus has findings"
    for number, document in enumerate(corpus.documents):
        path = document.path
        context = _focused(full_context, path, fresh=number % 2 == 0)
        for rule in rules:
            found = list(CHECKS[rule.check].check(rule, context))
            # Computed as in the full run (never a finding the full run lacks) ...
            assert set(found) <= set(full[rule.id]), (rule.id, path)
            # ... and every finding of the full run that touches the focus document.
            expected = [finding for finding in full[rule.id] if in_focus(finding, {path})]
            assert Counter(finding for finding in found if in_focus(finding, {path})) == Counter(expected), (
                rule.id,
                path,
            )


def test_the_invented_corpora_exercise_every_rule() -> None:
    """Each narrowed rule has findings on some invented corpus, some of them raised outside the focus file."""
    found: dict[str, int] = dict.fromkeys(_RULES, 0)
    turned = 0
    for seed in range(8):
        corpus = _invented(seed)
        context = corpus.context()
        for rule_id in _RULES:
            rule = corpus.rule(rule_id)
            findings = list(CHECKS[rule.check].check(rule, context))
            found[rule_id] += len(findings)
            turned += sum(
                1
                for finding in findings
                if finding.related and finding.related[0].location.path != finding.location.path
            )
    assert all(found.values()), found
    assert turned


def test_in_focus_is_focus_findings_criterion() -> None:
    corpus = _invented(3)
    findings = corpus.run("figure-conflict") + corpus.run("figure-undated-conflict")
    for document in corpus.documents:
        focus = {document.path}
        kept = [finding for finding in findings if in_focus(finding, focus)]
        assert focus_findings(kept, focus) == focus_findings(findings, focus)
        assert len(focus_findings(findings, focus)) == len(kept)


# -- end to end: fingerprints and suppression ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 generated documents with suppressions: of every conflict of two documents with conflicts, and
    directives that suppress nothing in two others."""
    root = tmp_path_factory.mktemp("focus")
    paths = sorted(generate_corpus(root / "corpus", 20, seed=5))
    rules = (Path(__file__).resolve().parents[1] / "rules").as_posix()
    (root / "factcheck.yaml").write_text(f"paths: [corpus/]\nrules: [{rules}]\ndefault_currency: HKD\n", "utf-8")
    report = run_check(load_config(root / "factcheck.yaml"), RunOptions(paths=(root / "corpus",), use_cache=False))
    conflicts = sorted({finding.location.path for finding in report.findings if finding.rule == "figure-conflict"})
    assert len(conflicts) >= 2
    quiet = [path for path in paths if path.name not in {Path(conflict).name for conflict in conflicts}]
    for path, directive in [
        *((root / "corpus" / Path(conflict).name, "disable figure-conflict") for conflict in conflicts[:2]),
        *((path, "disable-next-line ocr-artifact") for path in quiet[:2]),
    ]:
        path.write_text(f"factcheck: {directive}\n" + path.read_text("utf-8"), "utf-8")
    return root


def test_a_focus_run_reports_the_full_runs_findings_of_every_document(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    config = load_config(project / "factcheck.yaml")
    cache = tmp_path / "cache"
    full = run_check(config, RunOptions(cache_dir=cache))
    corpus = collect(config, RunOptions(cache_dir=cache))
    # What the full run suppressed: its findings before suppression, less those it kept.
    checked = run_checks(corpus, config)
    kept = {
        finding.fingerprint for finding in apply_suppressions(checked, corpus.documents, corpus.ruleset.rules).findings
    }
    suppressed = [finding for finding in checked if finding.fingerprint not in kept]
    assert full.suppressed == len(suppressed) > 0
    assert any(finding.rule == "unused-suppression" for finding in full.findings)
    touched = 0
    for document in corpus.documents:
        focus = {document.path}
        report = run_check(config, RunOptions(cache_dir=cache, focus=(Path(document.path),)))
        expected = focus_findings(full.findings, focus)
        assert [finding.to_json() for finding in report.findings] == [finding.to_json() for finding in expected]
        # A focus run counts the suppressed findings that touch the focus files.
        assert report.suppressed == sum(1 for finding in suppressed if in_focus(finding, focus))
        touched += bool(report.suppressed)
    assert touched


def test_fingerprints_of_the_findings_touching_the_focus_do_not_depend_on_the_others(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    config = load_config(project / "factcheck.yaml")
    corpus = collect(config, RunOptions(cache_dir=tmp_path / "cache"))
    documents = {document.path: document for document in corpus.documents}
    findings = sorted(run_checks(corpus, config), key=Finding.sort_key)
    # The same finding, twice on one line: the occurrence number tells them apart, in focus runs too.
    doubled = sorted([*findings, *findings[:3]], key=Finding.sort_key)
    everything = with_fingerprints(doubled, documents)
    assert len({finding.fingerprint for finding in everything}) == len(everything)
    for path in sorted(documents)[:8]:
        focus = {path}
        alone = with_fingerprints([finding for finding in doubled if in_focus(finding, focus)], documents)
        assert alone == [finding for finding in everything if in_focus(finding, focus)]


def test_the_check_stage_benchmark_times_a_focus_run(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import check_stage

    monkeypatch.chdir(project)
    run_check(load_config(project / "factcheck.yaml"), RunOptions(cache_dir=project / "cache"))  # fills its cache
    path = sorted((project / "corpus").iterdir())[0].relative_to(project).as_posix()
    assert check_stage.main(["--workdir", str(project), "--once", "--focus", path, "--skip", "name-variant"]) == 0
    times = json.loads(capsys.readouterr().out)
    assert {"build_index", "check consistency", "check anniversary", "fingerprints", "suppression"} <= set(times)
    assert "check name-variant" not in times
    assert all(seconds >= 0 for seconds in times.values())
