"""A role whose title or employer is a misread (a web address, an e-mail, a heading) is never named."""

from __future__ import annotations

from pathlib import Path

import pytest

import referral_ai as ra
from referral_ai.models import Contact, Resume, Role

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("employer", ["example.me", "riley@example.com", "EXPERIENCE"])
def test_a_misread_employer_is_never_named_in_any_draft(employer: str) -> None:
    posting = ra.load_posting(ROOT / "examples" / "posting.md")
    real = ra.load_resume(ROOT / "examples" / "resume.md")
    first = real.roles[0].model_copy(update={"employer": employer})
    resume = Resume(
        name="Riley Chen",
        contact=Contact(name="Riley Chen", email="riley.chen@example.com"),
        roles=[first, *real.roles[1:]],
        skills=real.skills,
        education=real.education,
    )
    ctx = ra.build_context(posting, resume, ra.Referral(contact="Dana Whitfield"))
    drafts = ra.compose_all(ctx, ra.OfflineWriter(), allow_invalid=True)
    for draft in drafts.values():
        assert employer not in draft.text, draft.kind
    # the other roles still speak for the candidate
    assert real.roles[1].employer in drafts[ra.DraftKind.cover_letter].text


def test_a_plausible_role_is_still_named() -> None:
    posting = ra.load_posting(ROOT / "examples" / "posting.md")
    resume = ra.load_resume(ROOT / "examples" / "resume.md")
    ctx = ra.build_context(posting, resume, ra.Referral(contact="Dana Whitfield"))
    letter = ra.compose(ra.DraftKind.cover_letter, ctx, ra.OfflineWriter())
    assert resume.roles[0].employer in letter.text
    assert isinstance(resume.roles[0], Role)


THIRD_PERSON = """Riley Chen
riley.chen@example.com

Summary
Riley is an analytics engineer who has built dbt models, SQL pipelines and Airflow schedules for six years.

Experience
Senior Analytics Engineer | Larkspur Logistics | 2021 - Present
- Built the dbt project behind every finance dashboard, with tests and documentation
"""


def test_a_third_person_summary_is_never_quoted_as_the_candidates_words() -> None:
    resume = ra.load_resume(THIRD_PERSON)
    assert resume.summary_voice == "third"
    posting = ra.load_posting(ROOT / "examples" / "posting.md")
    ctx = ra.build_context(posting, resume, ra.Referral(contact="Dana Whitfield"))
    drafts = ra.compose_all(ctx, ra.OfflineWriter(), allow_invalid=True)
    for draft in drafts.values():
        assert "Riley is an analytics engineer" not in draft.text, draft.kind
        assert "summary reads" not in draft.text, draft.kind
