"""Parsing accuracy on the real corpus (../shared/corpus/real) never falls below what was achieved.

The scoring is benchmarks/corpus_scoring.py, the same definition ``python benchmarks/bench_parsing.py``
prints; the floors are the figures reached when they were set (first run, before any parser change:
title 0.23, company 0.15, department 0.19, req id 0.65, location 0.46, deadline 0.77, materials
P/R 0.85/0.49, non-English declined 0/4; name 0.76, e-mail 0.88, phone 0.71, roles F1 0.31,
education P/R 0.35/0.40). Raise a floor when the parser gets better; never lower one to let a
change through. The corpus is read where CI has it (the ``real_corpus`` fixture: absent in CI is a failure).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_scoring import CorpusScores, check_drafts, score_corpus  # noqa: E402

POSTING_FLOORS = {
    "title": 0.92,
    "company": 0.96,
    "department": 0.84,  # 22/26
    "req_id": 1.00,
    "location": 0.96,  # 25/26
    "deadline": 1.00,
}
RESUME_FLOORS = {"name": 1.00, "email": 1.00, "phone": 1.00}


@pytest.fixture(scope="module")
def scores(real_corpus: Path) -> CorpusScores:
    return score_corpus(real_corpus)


@pytest.mark.parametrize(("field", "floor"), {**POSTING_FLOORS, **RESUME_FLOORS}.items())
def test_field_accuracy_holds(scores: CorpusScores, field: str, floor: float) -> None:
    got = scores.accuracy(field)
    misses = [m for m in scores.misses if f": {field} gold=" in m]
    assert got >= floor - 1e-9, f"{field}: {got:.2f} < {floor:.2f}\n" + "\n".join(misses)


def test_materials_precision_and_recall_hold(scores: CorpusScores) -> None:
    precision, recall = scores.materials_pr
    assert (precision, recall) >= (1.0, 1.0), [m for m in scores.misses if "materials" in m]


def test_roles_and_education_hold(scores: CorpusScores) -> None:
    _, _, f1 = scores.roles_prf
    assert f1 >= 0.98, [m for m in scores.misses if "role" in m]
    precision, recall = scores.education_pr
    # 47 of 47 institutions found, 1 extra (0.98 / 1.00)
    assert precision >= 0.97 and recall >= 1.0, [m for m in scores.misses if "education" in m]


def test_non_english_postings_are_declined_and_unreadable_files_fail_cleanly(
    scores: CorpusScores,
) -> None:
    assert scores.declined_other[0] == scores.declined_other[1] == 4
    assert scores.clean_failures[0] == scores.clean_failures[1]


def test_wrong_names_titles_and_companies_are_doubted_not_written(scores: CorpusScores) -> None:
    silent = [m for m in scores.misses if "SILENTLY WRONG" in m]
    assert scores.silent_wrong == 0, silent


def test_offline_drafts_name_the_job_and_are_signed(real_corpus: Path) -> None:
    drafts = check_drafts(real_corpus)
    # 34, not 37: an organisation the text names once and nothing corroborates (no web or e-mail
    # domain, page title or copyright naming it) is doubted, as it was wrong on 2 of 6 held-out
    # postings; two correct single mentions (a university named once) now ask for --company, and
    # an abbreviated employer ("Saarland U and ...") that was written wrong now stops.
    assert drafts.written >= 34
    assert len(drafts.problems) <= 1, drafts.problems
