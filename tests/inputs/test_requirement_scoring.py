"""The bench's requirement-matching rule (benchmarks/corpus_scoring.py), on made-up strings.

A parsed requirement matches a gold one when their content words overlap with a Dice coefficient of
at least REQUIREMENT_MATCH; pairing is one-to-one, each gold item taking the parsed item it overlaps
most.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from corpus_scoring import (
    REQUIREMENT_MATCH,
    pair_requirements,
    requirement_overlap,
)


def test_the_same_requirement_in_other_words_order_and_case_matches() -> None:
    gold = "Five years of experience with relational databases"
    got = "experience with Relational Databases (five years)"
    assert requirement_overlap(gold, got) >= REQUIREMENT_MATCH


def test_stop_words_alone_do_not_make_a_match() -> None:
    assert requirement_overlap(
        "Fluency in the Welsh language", "Ability to work in the evenings"
    ) < (REQUIREMENT_MATCH)


def test_a_gold_item_split_in_two_still_matches_one_half_and_a_small_fragment_does_not() -> None:
    gold = "Strong written communication and stakeholder management across several departments"
    half = "stakeholder management across several departments"
    fragment = "communication"
    assert requirement_overlap(gold, half) >= REQUIREMENT_MATCH
    assert requirement_overlap(gold, fragment) < REQUIREMENT_MATCH


def test_pairing_is_one_to_one_and_counts_misses_and_extras() -> None:
    gold = ["A degree in forestry or ecology", "A valid first aid certificate"]
    got = [
        "degree in forestry",
        "a degree in ecology",
        "first aid certificate (valid)",
        "Benefits: a company bicycle",
    ]
    matched, missed, extra = pair_requirements(gold, got)
    assert matched == gold
    assert missed == []
    # the second degree item had no gold item left to pair with; the benefit never matched
    assert extra == ["a degree in ecology", "Benefits: a company bicycle"]


def test_the_best_overlap_wins_over_an_earlier_weaker_one() -> None:
    gold = ["Experience pruning orchard trees by hand"]
    got = ["experience with trees", "hand pruning of orchard trees, experience"]
    matched, _, extra = pair_requirements(gold, got)
    assert matched == gold
    assert extra == ["experience with trees"]


def test_nothing_parsed_misses_every_gold_item() -> None:
    matched, missed, extra = pair_requirements(["Driving skills", "Spanish"], [])
    assert (matched, missed, extra) == ([], ["Driving skills", "Spanish"], [])
