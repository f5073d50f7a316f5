"""User regexes: static rejection of catastrophic backtracking, and the matching time budget."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from factcheck.rules import RuleError, load_ruleset, regexes
from factcheck.rules.regexes import TimedPattern, UnsafePattern, compile_safe, unsafe_reason


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a+)+$",
        r"(\d+)+x",
        r"(x*)*y",
        r"(?:a?)+b",
        r"(.*a){12}",
        r"(\w+\s?)+$",
        r"(a|a)*c",
        r"(?:x+|y)+z",
        r"(a)\1",
        r"(?:)*",
    ],
)
def test_catastrophic_patterns_are_rejected(pattern: str) -> None:
    reason = unsafe_reason(pattern)
    assert reason is not None
    with pytest.raises(UnsafePattern):
        compile_safe(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d{1,3}(?:,\d{3})+",
        r"X{2,}(?:\.X+)?",
        r"X{1,3}(?:,XXX)+",
        r"(?:[,.]X+)*",
        r"(?:cat|car)+s",
        r"(?:ab|a)*c",
        r"\bAl\b",
        r"(?:\w|\d)+!",  # one character class per repetition: no ambiguity
        r"(?<![\w&])(?:I[1l|]|[1|\[\]!l])&([A-Z])(?![\w&])",
        r"([A-Z][a-z]+ )+Park",
        r"\s+(?!(?:Subsidy|Scheme)\b)[A-Z][a-z]",
    ],
)
def test_safe_patterns_pass(pattern: str) -> None:
    assert unsafe_reason(pattern) is None


def test_rejected_patterns_really_are_slow_and_accepted_ones_are_not() -> None:
    """The static check is about real behaviour: the rejected shape blows up, the accepted one does not."""
    subject = "a" * 22 + "!"
    began = time.perf_counter()
    re.match(r"(a|a)*c", subject)
    slow = time.perf_counter() - began
    began = time.perf_counter()
    re.match(r"(?:ab|a)*c", "a" * 100_000 + "!")
    fast = time.perf_counter() - began
    assert fast < slow


def test_invalid_and_overlong_patterns() -> None:
    assert "invalid regular expression" in (unsafe_reason("(") or "")
    assert "longer than" in (unsafe_reason("a" * 2000) or "")


def test_timed_pattern_finds_every_match_across_blocks() -> None:
    timed = TimedPattern(re.compile(r"b+"), budget=10.0)
    text = "abba\ncbbbc\n" + "x" * 10_000 + "bb\n"
    found = [(match.start(), match.group()) for match in timed.finditer(text)]
    assert found == [(1, "bb"), (6, "bbb"), (11 + 10_000, "bb")]


def test_timed_pattern_stops_when_the_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(range(1000))
    monkeypatch.setattr(regexes.time, "perf_counter", lambda: float(next(ticks)))
    timed = TimedPattern(re.compile(r"x"), budget=2.0)
    text = ("x" + "y" * 3000 + "\n") * 10  # one line per block
    matches = list(timed.finditer(text))
    assert len(matches) == 2  # each block "costs" one second here; the budget allows two
    assert timed.exhausted
    assert list(timed.finditer(text)) == []


def test_a_catastrophic_pattern_in_a_rule_pack_is_a_rule_error(tmp_path: Path) -> None:
    pack = tmp_path / "ocr.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: my-ocr\n"
        "    check: ocr-artifact\n"
        "    category: ocr-artifact\n"
        "    params:\n"
        "      substitutions:\n"
        "        - {find: '(\\w+\\s?)+$', means: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match=r"ocr\.yaml:6: rule 'my-ocr': parameter 'substitutions' 'find': .*backtrack"):
        load_ruleset([pack])


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\b(?:around|about|up\s+to)\s+\d", re.I),
        (r"(?:(?:HK|US|A|AU)\$|\$|€)\s*million", 0),
        (r"(?<![\w/])(?:X{2,}|TB[CD]|_{3,}|\?{2,})(?![\w/])", 0),
        (r"(?:a?b)+c", 0),
    ],
)
def test_first_char_guard_keeps_the_matches(pattern: str, flags: int) -> None:
    guarded = regexes.first_char_guard(pattern, flags)
    assert guarded.startswith("(?=[")
    text = "About 5, around 7; up to 9. HK$ million, AU$million, € million. XX TBC ___ ?? a?bbc abbc bc"
    plain = [m.span() for m in re.finditer(pattern, text, flags)]
    assert plain
    assert [m.span() for m in re.finditer(guarded, text, flags)] == plain


def test_first_char_guard_leaves_patterns_it_cannot_read() -> None:
    assert regexes.first_char_guard(r"\w+x") == r"\w+x"
    assert regexes.first_char_guard(r".*y") == r".*y"
    assert regexes.first_char_guard(r"x*y").startswith("(?=[xy])")
