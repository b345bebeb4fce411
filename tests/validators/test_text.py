"""Sentence spans: abbreviations, URLs, emails, bullets, wrapped lines, text without punctuation."""

from __future__ import annotations

import pytest

from referral_ai.validators import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        (
            "I have a B.S. from the U.S. and worked with Dr. Smith, e.g. on pipelines. Next one.",
            [
                "I have a B.S. from the U.S. and worked with Dr. Smith, e.g. on pipelines.",
                "Next one.",
            ],
        ),
        (
            "See https://careers.example.com/jobs/4821. Mail jordan.lee@example.com today.",
            ["See https://careers.example.com/jobs/4821.", "Mail jordan.lee@example.com today."],
        ),
        ("It rose 4.5 times. Done.", ["It rose 4.5 times.", "Done."]),
        (
            "- first bullet\n- second bullet\n1. numbered. More.",
            ["first bullet", "second bullet", "numbered.", "More."],
        ),
        (
            "I have worked at Globex for several years building data pipelines and\nwarehouses for the sales team.",
            [
                "I have worked at Globex for several years building data pipelines and\nwarehouses for the sales team."
            ],
        ),
        ("Hi Priya,\n\nThanks\nJordan", ["Hi Priya,", "Thanks", "Jordan"]),
        ("no punctuation at all here", ["no punctuation at all here"]),
        ("", []),
        ("   \n\n  ", []),
        ("J. Lee wrote this. It works.", ["J. Lee wrote this.", "It works."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [s.text for s in spans] == expected
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_long_run_without_punctuation_is_cut_into_bounded_pieces() -> None:
    text = "word " * 100_000
    spans = split_sentences(text)
    assert len(spans) > 1
    assert max(s.end - s.start for s in spans) <= 4000
    assert all(text[s.start : s.end] == s.text for s in spans)
