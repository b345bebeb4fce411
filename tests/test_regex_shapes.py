"""No regular expression in referral_ai has a shape that backtracks catastrophically.

Structural, not timed: every pattern the package compiles (found by ``regex_audit.collect``, the
discovery ``benchmarks/bench_patterns.py`` measures too) is read from its parse tree, and the
shapes of ``regex_audit.ENFORCED`` are rejected: an unbounded repeat nested in another one that
can split a run in exponentially many ways, and two overlapping unbounded repeats at the start of
a pattern (n² work at each of the n positions a search tries). ``regex_audit.ALLOWED`` lists the
few patterns with such a shape whose work is bounded anyway, each with its bound checked here.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from referral_ai.regex_audit import (
    ADJACENT,
    ADJACENT_AT_START,
    ALLOWED,
    ALTERNATIVES,
    ENFORCED,
    LEADING,
    NESTED,
    backtracking_shapes,
    collect,
)


def _kinds(pattern: str, flags: int = 0) -> set[str]:
    return {shape.split(":")[0] for shape in backtracking_shapes(re.compile(pattern, flags))}


@pytest.mark.parametrize(
    ("pattern", "kind"),
    [
        (r"(\w+\s*)+$", NESTED),  # the classic: a word run splits into words in 2^n ways
        (r"(a+)+b", NESTED),
        (r"(?:a|a+)*b", NESTED),
        (r"(?:a+a)+b", NESTED),
        (r"(?:\w+|\d+)+x", NESTED),
        (r"^(?:(?:x|\s+)[a-z ]*)*!", NESTED),
        # alternatives that overlap inside a repeat: re factors (?:aa|a) to a(?:a|), an optional
        # part that trades characters with the next iteration
        (r"(?:aa|a)+b", NESTED),
        (r"(?:\d{1,3},?)+x", NESTED),  # a bounded part splits a digit run in many ways
        (r"(?:\w|\d\d)+x", ALTERNATIVES),  # a digit pair is one \d\d or two \w
        (r"(?:\s+\w|\s\s)+x", ALTERNATIVES),
        (r"(a|ab)*c", LEADING),  # 'ab' is never two iterations: n² from the starts of a run only
        (r"\s*\s+x", ADJACENT_AT_START),
        (r"\w+\.?\w+!", ADJACENT_AT_START),
        (r"\s*,?\s*\(", ADJACENT_AT_START),
        (r"(?:\s{2,}|,)\s*[A-Z]", ADJACENT_AT_START),
        (r"x\s*\s*y", ADJACENT),  # behind a required character: n² once per occurrence
        (r"^\s*(.+)$", ADJACENT),  # anchored: one start
        (r"\s+(?:of|and)$", LEADING),  # each start of a run rescans it: n² (counted only)
        (r"\d+\s*years", LEADING),
    ],
)
def test_a_backtracking_shape_is_named(pattern: str, kind: str) -> None:
    assert kind in _kinds(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:\s+\w+)*",  # the repeats cannot trade characters: one way to split
        r"(?:[A-Z]\w*\s+)+x",
        r"(?:a+b)+c",
        r"(?m)(?:[ \t]*[-*][^\n]*(?:\n|$))+",  # [^\n]* must reach the line end
        r"(?:\w+\s)+\w*$",
        r"[^\n]*\n",
        r"(?<!\s)\s*(?:,\s*)?\(",
        r"\{\{[^}\n]{0,300}\}\}",
        r"(?:a{1,3}){1,3}b",  # bounded: no unbounded repeat at all
        r"(?:\w|\d)+x",  # one set: re merges single-character alternatives
        r"(?:any\s+|all\s+|your\s+)*x",  # they differ at the second letter: never the same text
        r"(?<!\s)(?:\s+(?:I{1,3}|IV|V|VI|Jr\.?))+$",  # 'I' then 'V' needs a space between
        r"(?m)(?:[-*][^\n]*(?:\n|$))+",  # '$' is no character: it cannot take the line break
        r"[*_]{1,2}[^*_]+(?:[*_]{2,4}[^*_]+)*",
        *([r"(?:a++)+b", r"(?>a+)+b"] if sys.version_info >= (3, 11) else []),
    ],
)
def test_a_linear_shape_is_not_flagged(pattern: str) -> None:
    assert not _kinds(pattern) & set(ENFORCED)


@pytest.mark.parametrize("pattern", [r"(?<!\s)\s+(?:of|and)$", r"\w+\s*", r"\bfoo\s+bar", r"^\s+x"])
def test_a_repeat_that_cannot_restart_inside_a_run_is_not_leading(pattern: str) -> None:
    assert LEADING not in _kinds(pattern)


def test_discovery_finds_every_kind_of_definition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Module constants, tables of patterns, class attributes and inline ``re.*`` calls with
    their flags; a bad pattern in any of them is caught."""
    pkg = tmp_path / "shapes_pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "mod.py").write_text(
        "import re\n"
        "_I = re.I\n"
        'CONSTANT = re.compile(r"(\\w+\\s*)+$")\n'
        'TABLE = [("k", re.compile(r"(a+)+b"))]\n'
        "class Holder:\n"
        '    FIELD = re.compile(r"\\s*\\s+x")\n'
        "def use(text: str) -> str:\n"
        '    return re.sub(r"(?:a|a+)*b", "", text, flags=_I | re.M)\n'
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    found = {f.where: f.pattern for f in collect("shapes_pkg")}
    assert set(found) == {"sub.mod.CONSTANT", "sub.mod.TABLE", "sub.mod.Holder", "sub.mod:8"}
    assert found["sub.mod:8"].flags & re.I and found["sub.mod:8"].flags & re.M
    assert all(set(ENFORCED) & _kinds(p.pattern, p.flags) for p in found.values())


def test_no_pattern_in_referral_ai_backtracks_catastrophically() -> None:
    found = collect()
    assert len(found) > 500  # the whole package, not one module
    assert {f.where.split(".")[0].split(":")[0] for f in found} >= {
        "inputs",
        "validators",
        "writers",
        "export",
    }
    offenders = [
        f"{f.where}: {shape} in {f.pattern.pattern[:120]!r}"
        for f in found
        if f.where not in ALLOWED
        for shape in backtracking_shapes(f.pattern)
        if shape.split(":")[0] in ENFORCED
    ]
    assert offenders == []


def test_every_allowance_is_current_and_its_bound_holds() -> None:
    found = {f.where: f.pattern for f in collect()}
    for where, allowed in ALLOWED.items():
        assert where in found, f"{where} is allowed but no longer exists"
        pattern = found[where]
        assert set(ENFORCED) & _kinds(pattern.pattern, pattern.flags), (
            f"{where} no longer has an enforced shape: remove its allowance"
        )
        assert allowed.holds(pattern), f"{where}: {allowed.bound} does not hold"


def test_an_allowance_check_fails_on_a_pattern_it_does_not_fit() -> None:
    bound = next(iter(ALLOWED.values()))
    assert not bound.holds(re.compile(r"\s*\s+x"))


def test_the_emphasis_header_check_is_linear_and_matches_the_old_pattern() -> None:
    """inputs.resume._only_emphasis replaced a fullmatch whose 3-4 mark runs split two ways at
    every part (2^n); it gives the old pattern's answer on 200k random strings (in the commit) and
    on these, and a 100k-part line is one pass."""
    from referral_ai.inputs.resume import _only_emphasis

    old = re.compile(r"(?:[*_]{1,2}[^*_]+[*_]{1,2}[\s|,\u2013\u2014-]*)+")
    assert ALTERNATIVES  # the shape the audit names; the old pattern is nested
    assert NESTED in _kinds(old.pattern)
    cases = [
        "**Title**",
        "**Data Engineer** | *Globex* \u2014 *2019 - 2021*",
        "*a***b*",
        "*a****b*",
        "*a*****b*",
        "**a** - ",
        "*a* x *b*",
        "a*b*",
        "**",
        "*a",
        "_Employer, City_ || _Dates_",
    ]
    for case in cases:
        assert _only_emphasis(case) is (old.fullmatch(case) is not None), case
    assert not _only_emphasis("*a" + "***a" * 100_000 + "*!*")  # the old one: 0.5 s at 20 parts
