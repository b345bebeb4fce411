"""Resume-reading steps rewritten to be linear (issue 11) keep what the old patterns found.

Each case is the result of the pattern the code replaced; a run of 100k '(' or blanks finishes
(its cost is measured by benchmarks/bench_patterns.py, never asserted here).
"""

from __future__ import annotations

import pytest

from referral_ai.inputs.resume import _TRAILING_DATE_RE, _paren_tail, _without_final_paren


@pytest.mark.parametrize(
    ("unit", "core"),
    [
        ("Engineer (Contract)", "Engineer"),
        ("Engineer  (Contract)\n", "Engineer\n"),  # "$" matched before a final newline
        ("Lead (Data (Platform)", "Lead"),  # the first "(" after the last inner ")"
        ("Lead (a) (b)", "Lead (a)"),
        ("(Contract)", ""),
        ("Engineer (Contract) II", "Engineer (Contract) II"),
        ("Engineer )", "Engineer )"),
        ("(" * 100_000, "(" * 100_000),
    ],
)
def test_without_final_paren(unit: str, core: str) -> None:
    assert _without_final_paren(unit) == core


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("Jane Doe  (Berlin, Germany)", ("Jane Doe", "Berlin, Germany")),
        ("Jane Doe (Berlin", ("Jane Doe", "Berlin")),  # the ")" is optional
        (" (Berlin)", (" ", "Berlin")),  # the head is at least one character
        ("Jane (x) Doe (Berlin)", ("Jane (x) Doe", "Berlin")),
        ("Jane\nDoe (Berlin)", None),  # the head is one line
        ("Jane Doe (B)", None),  # loc is 2 to 60 characters
        ("Jane Doe (Berlin) now", None),
        ("(Berlin)", None),
        (" " * 100_000 + "(", None),
    ],
)
def test_paren_tail(line: str, parts: tuple[str, str] | None) -> None:
    assert _paren_tail(line) == parts


@pytest.mark.parametrize(
    ("line", "start", "date"),
    [
        ("Design Intern    Summer 2017", 13, "Summer 2017"),
        ("Design Intern | 2017", 13, "2017"),
        ("Design Intern  - 2017", 14, "2017"),  # " - " keeps its own start
        ("Design Intern (2017)", 13, "2017"),
        ("Design Intern\t05/2017", 13, "05/2017"),
    ],
)
def test_trailing_date_starts_where_the_blanks_do(line: str, start: int, date: str) -> None:
    m = _TRAILING_DATE_RE.search(line)
    assert m is not None and (m.start(), m.group("d")) == (start, date)


def test_trailing_date_needs_a_separator() -> None:
    assert _TRAILING_DATE_RE.search("Intern2017") is None
    assert _TRAILING_DATE_RE.search(" " * 100_000 + "x") is None
