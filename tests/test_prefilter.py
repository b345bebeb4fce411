"""The prefilter skips a pattern only where it cannot match: every result equals the plain pattern's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from referral_ai.prefilter import Anchored, Branches, Gated, fold, needles, split_branches, starts
from referral_ai.validators import asks
from referral_ai.validators._text import split_sentences

_I = re.IGNORECASE
DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:kept|bear|have)\s+me\s+in\s+mind\b", {"mind"}),  # the longest run every match has
        (r"\bon\s+your\s+radar\b", {"radar"}),
        (r"(?:bar|cozz)x", {"bar", "cozz"}),  # the union over an alternation's branches
        (
            r"\b(?:a|every)\s+(?:role|job)s?\b",
            {"role", "job"},
        ),  # the shortest needle longest
        (r"(?:open)+ing", {"open"}),  # a repeat of at least one contains its needles
        (r"\b(?:Senior|Lead)\b", {"senior", "lead"}),  # lower case, as the text is compared
        (
            r"(?:abc)?\d+",
            set("0123456789"),
        ),  # an optional part gives none; a digit class its digits
        (r"x?[1-3]", {"1", "2", "3"}),
        (r"a|[^0-9]", None),  # one branch without a needle: the alternation has none
        (r"[a-z]+", None),
    ],
)
def test_needles(pattern: str, expected: set[str] | None) -> None:
    got = needles(pattern, _I)
    assert (set(got) if got is not None else None) == expected


def test_needles_drop_implied_and_never_contain_cased_non_ascii() -> None:
    assert needles(r"\b(?:job|jobs)\b", _I) == {"job"}  # "jobs" contains "job"
    # "é" lower-cases exactly but its case partner É is not ASCII: the run is cut there, "r" and "sum" remain
    assert needles(r"r\u00e9sum\u00e9s", _I) == {"sum"}


def test_split_branches_respects_groups_classes_and_escapes() -> None:
    assert split_branches(r"a|(b|c)|[|]|\||[]|]x") == ["a", "(b|c)", "[|]", r"\|", "[]|]x"]
    assert split_branches("abc") == ["abc"]


def _alternation(branches: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<p{n}>{b})" for n, b in enumerate(branches, 1)), _I)


def _same(branches: list[str] | tuple[str, ...], texts: list[str]) -> None:
    whole, gated = _alternation(branches), Branches(branches, _I)
    for t in texts:
        m, hit = whole.search(t), gated.search(t)
        want = (int((m.lastgroup or "p0")[1:]), m.span(), m.group()) if m else None
        got = (hit[0], hit[1].span(), hit[1].group()) if hit else None
        assert got == want, t


def test_branches_pick_the_leftmost_match_then_the_first_listed() -> None:
    branches = [r"\bkeep\s+me\s+posted\b", r"\bany\s+roles?\b", r"\bany\b", r"\d+"]
    texts = [
        "Are there any roles? Keep me posted.",  # branch 2 starts first although branch 1 matches later
        "Keep me posted about any role.",  # branch 1 first
        "any roles",  # 2 and 3 both start at 0: the first listed (2) wins
        "Nothing here.",
        "Call me at 555 if any.",  # \d+ has no needle and always runs
    ]
    _same(branches, texts)
    hit = Branches(branches, _I).search("any roles")
    assert hit is not None and hit[0] == 2 and hit[1].group() == "any roles"


def test_text_whose_lower_case_is_not_exact_runs_every_pattern() -> None:
    # re.IGNORECASE matches the long s (U+017F) as "s" and the Kelvin sign as "k"; lower() keeps the first
    assert fold("\u017ftart") is None
    assert Gated(re.compile(r"\bstart\b", _I)).search("\u017ftart now") is not None
    assert Gated(re.compile(r"kelvin", _I)).search("\u212aelvin") is not None
    _same([r"\bstart\b", r"\bstop\b"], ["\u017ftart", "\u017ftop and start", "stop \u017ftart"])
    # \d matches any decimal digit ("\u0663" is Arabic-Indic three), not only the needles 0-9
    assert fold("room 3\u0663") is None
    assert Gated(re.compile(r"\d+")).search("\u0663") is not None
    # a curly apostrophe is not such a character: the needles are still used
    assert fold("I\u2019d love a role") == "i\u2019d love a role"


def test_gated_runs_the_pattern_only_where_it_can_match() -> None:
    g = Gated(re.compile(r"\bkeep\s+me\s+in\s+mind\b", _I))
    assert not g.may_match("Please let me know.")
    assert g.search("Please let me know.") is None
    m = g.search("Please KEEP me in MIND!")
    assert m is not None and m.group() == "KEEP me in MIND"
    assert [x.group() for x in g.finditer("keep me in mind, keep me in mind")] == [
        "keep me in mind"
    ] * 2
    assert g.sub("X", "keep me in mind") == "X"


def _real_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(DATA.glob("asks-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                out += [text, *(s.text for s in split_sentences(text))]
    return out


def test_the_ask_patterns_find_what_their_alternations_find_on_real_sentences() -> None:
    texts = _real_sentences()
    assert len(texts) > 500
    _same(asks._ALWAYS_GENERIC, texts)
    _same(asks._VAGUE, texts)
    job_seeking = re.compile(rf"\b(?:{asks._JOB_SEEKING_SRC})", _I)
    for t in texts:
        m, hit = job_seeking.search(t), asks._JOB_SEEKING.search(t)
        assert (hit[1].span() if hit else None) == (m.span() if m else None), t


def test_the_regex_audit_sees_the_patterns_behind_a_gate() -> None:
    from referral_ai.regex_audit import collect

    found = {f.pattern.pattern for f in collect()}
    assert set(asks._VAGUE) <= found  # the branches of a Branches
    assert asks._ASK_CUE.pattern.pattern in found  # a Gated pattern


def test_dispatch_matches_what_the_plain_alternation_matches() -> None:
    from referral_ai.prefilter import dispatch
    from referral_ai.validators import skills

    texts = [
        *_real_sentences(),
        "I know C++, c#, R and Go; pl/sql, CI/CD, A/B testing.",
        "\u212aafka",
    ]
    from referral_ai.validators import claims

    lists: list[tuple[list[str], int]] = [
        (sorted({skills._alt(a) for alts, _ in skills._SPEC.values() for a in alts}), _I),
        (asks._ASK_CUES, _I),
        (claims._ABOUT_THEM_WORDS, _I),
        ([r"\bplease\b", r"\?", r"(?:could|would)\s+you", r"\bcould\b", r"[A-C]\w+"], _I),
        ([r"(?P<x>role)s?", r"(?P<y>rol)", "Job", "job"], 0),  # case kept: "Job" and "job" apart
    ]
    for alternatives, flags in lists:
        plain = re.compile("(?:" + "|".join(alternatives) + ")", flags)
        fast = re.compile(dispatch(alternatives, flags), flags)
        assert fast.pattern != plain.pattern  # it did dispatch
        for t in texts:
            want = [(m.span(), m.group(), m.lastgroup) for m in plain.finditer(t)]
            assert [(m.span(), m.group(), m.lastgroup) for m in fast.finditer(t)] == want, t
    # a first character that is not a small known set: the plain alternation
    assert dispatch([r"\w+", "abc"]) == r"(?:\w+|abc)"
    assert dispatch([r"(?i:abc)", "xyz"]) == r"(?:(?i:abc)|xyz)"
    assert dispatch([r"(?P<g>a|b)c", "xyz"]) == r"(?:(?P<g>a|b)c|xyz)"  # a group, two first chars


def test_gated_tests_an_alternation_branch_by_branch() -> None:
    g = Gated(re.compile(r"\b\d+\s*%|\bhttps?://\S+", _I))
    # every branch's needles: a digit and "%", or "http" and "://"; one from each branch is not enough
    assert not g.may_match("A 50 page http guide")
    assert g.may_match("grew 50 %")
    assert g.search("see https://x.example/a") is not None
    assert g.search("nothing") is None


def test_gated_with_few_needles_tests_a_new_text_without_the_scan() -> None:
    from referral_ai.prefilter import _INDEX

    g = Gated(re.compile(r"@[\w-]+\.\w+|\bwww\.\S+", _I))
    text = "A long email that no pattern has looked at before, 7c1f0a. " * 20
    assert not g.may_match(text)
    assert _INDEX.known(text) is False  # decided without scanning it for every pattern's needles
    assert g.search(text + " mail me@example.com") is not None


def test_the_needle_table_is_what_the_patterns_give() -> None:
    # the table is read instead of the parse trees at start-up; a pattern changed without
    # regenerating it would still be right (derived), only slower to start: regenerate it
    # (in a fresh process: the patterns these tests gate are not the package's)
    import subprocess
    import sys

    import referral_ai

    code = "from referral_ai.prefilter import needle_table; print(needle_table(), end='')"
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    path = Path(referral_ai.__file__).parent / "_needle_table.py"
    assert path.read_text(encoding="utf-8") == fresh.stdout, (
        "the needle table is stale: run python scripts/update_needle_table.py"
    )


def test_a_pattern_the_table_lacks_is_derived() -> None:
    from referral_ai import prefilter

    gate = Gated(re.compile(r"\bq(?:uux|orb)\s+zz\b"))
    assert (0, gate.pattern.pattern) not in (prefilter._table or {})
    assert gate.needle_sets() == [frozenset({"uux", "orb"}), frozenset({"zz"})]
    assert gate.search("a qorb zz here") and not gate.search("a qorb here")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bfoo|bar", {"foo", "bar"}),  # \b matches no character; each branch its own start
        (r"a?b", {"ab", "b"}),  # an optional part: with it and without it
        (r"(?i)\bAb\.?Cd", {"abcd", "ab.c"}),  # lower case, at most four characters
        (r"[\"']x", {'"x', "'x"}),  # a class of a few literal characters
        (r"(?<=[.!])go|go+d", {"go"}),  # a look-behind matches no character; "goo" is implied
        (r"(?:ab)+c", {"abab", "abc"}),
        (r"you(?:'re|\s+are)", {"you"}),  # a blank class ends the start
        (r"\s+x", None),  # the first character is a class of many
        (r"x*", None),  # may match the empty string anywhere
        (r"\w+ing", None),
        (r"ab|\d", None),  # one branch without a start: the pattern has none
    ],
)
def test_starts(pattern: str, expected: set[str] | None) -> None:
    found = starts(pattern)
    assert (None if found is None else set(found)) == expected


_ANCHOR_PATTERNS = [
    re.compile(r"\b(?:foo|bar)\s+baz\b", _I),
    re.compile(r"(?<=[.!?])\s*Note\b"),  # plain: its starts begin with a blank
    re.compile(r"^[ \t]*##\s*hi", re.M),
    re.compile(r"(?i:\bend)\s+([A-Z]{2,})"),  # case-sensitive token after a case-insensitive word
    re.compile(r"aa"),  # overlapping places: finditer takes the first, then goes on after it
    re.compile(r"\bx\.?y", _I),
]


@pytest.mark.parametrize(
    "text",
    [
        "foo baz. Bar  baz! xfoo baz, FOO BAZ",
        "Hi.Note this. !  Note: that. Notes",
        "  ## hi\n## HI\nx ## hi",
        "End ZZ, end zz, END QQ. weekend AB",
        "aaaaa aa a",
        "x.y X.Y xy axy",
        "\u017f ends",  # the long s: lower-casing is not exact for re.IGNORECASE, all run plainly
        "foo baz \u0130 end QQ",  # dotted capital I lower-cases to two characters
        "",
    ],
)
def test_anchored_gives_what_finditer_gives(text: str) -> None:
    anchored = Anchored(_ANCHOR_PATTERNS).matches(text)
    plain = [[(m.span(), m.groups()) for m in p.finditer(text)] for p in _ANCHOR_PATTERNS]
    assert [[(m.span(), m.groups()) for m in ms] for ms in anchored] == plain
    assert any(plain) or not text.strip() or text.startswith("\u017f")
