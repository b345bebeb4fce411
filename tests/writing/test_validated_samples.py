"""The validators accept every offline draft, of every kind, for the example and every sample posting
and resume in tests/inputs/data (parsed for real), with and without names for the people involved."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from referral_ai.inputs import load_posting, load_resume
from referral_ai.matching import match
from referral_ai.models import DraftContext, DraftKind, JobPosting, Referral, Resume
from referral_ai.validators import validate
from referral_ai.writers.offline import OfflineWriter

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "inputs" / "data"
POSTINGS = [ROOT / "examples" / "posting.md", *sorted(DATA.glob("posting*"))]
RESUMES = [ROOT / "examples" / "resume.md", *sorted(DATA.glob("resume*"))]
REFERRALS = {
    "named": Referral(contact="Dana Whitfield", introducer="Sam Ortiz"),
    "contact-only": Referral(contact="Dana Whitfield"),
    "unnamed": Referral(contact=""),
}
SALARY = "USD 150,000\u2013165,000 base"


@functools.cache
def _posting(path: Path) -> JobPosting:
    return load_posting(path)


@functools.cache
def _resume(path: Path) -> Resume:
    return load_resume(path)


def _ctx(posting: Path, resume: Path, referral: str) -> DraftContext:
    p, r = _posting(posting), _resume(resume)
    return DraftContext(posting=p, resume=r, referral=REFERRALS[referral], fit=match(p, r))


def test_the_samples_are_all_there() -> None:
    assert len(POSTINGS) >= 5 and len(RESUMES) >= 5


@pytest.mark.parametrize("referral", list(REFERRALS))
@pytest.mark.parametrize("resume", RESUMES, ids=lambda p: p.name)
@pytest.mark.parametrize("posting", POSTINGS, ids=lambda p: p.name)
def test_no_validator_errors_on_any_kind(posting: Path, resume: Path, referral: str) -> None:
    ctx = _ctx(posting, resume, referral)
    writer = OfflineWriter()
    for kind in DraftKind:
        draft = writer.draft(kind, ctx)
        report = validate(
            draft, posting=ctx.posting, resume=ctx.resume, referral=ctx.referral, kind=kind
        )
        assert report.errors == [], f"{kind.value}:\n{report}\n\n{draft.text}"


@pytest.mark.parametrize("posting", POSTINGS, ids=lambda p: p.name)
def test_with_a_salary_figure_only_the_figure_itself_is_unknown_to_the_validators(
    posting: Path,
) -> None:
    """The candidate's own figure is not in the resume, so the grounded-claims rule cannot know it;
    every other rule stays clean, and nothing else in the drafts is flagged."""
    ctx = _ctx(posting, RESUMES[0], "named").model_copy(update={"salary_expectations": SALARY})
    writer = OfflineWriter()
    for kind in DraftKind:
        draft = writer.draft(kind, ctx)
        report = validate(
            draft, posting=ctx.posting, resume=ctx.resume, referral=ctx.referral, kind=kind
        )
        at = draft.body.find(SALARY)
        outside = [
            i
            for i in report.errors
            if not (
                at >= 0
                and i.code == "ungrounded-claim"
                and at <= i.start < i.end <= at + len(SALARY)
            )
        ]
        assert outside == [], f"{kind.value}:\n{report}"
