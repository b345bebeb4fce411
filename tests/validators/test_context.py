"""The input context: what the rules derive from posting, resume and referral, once per content."""

from __future__ import annotations

from referral_ai.models import JobPosting, Referral, Resume
from referral_ai.validators import validate
from referral_ai.validators.context import CONTEXTS, input_context


def test_the_same_content_gets_the_same_context_and_a_copy_counts_as_the_same(
    sample_posting: JobPosting, sample_resume: Resume, sample_referral: Referral
) -> None:
    ctx = input_context(sample_posting, sample_resume, sample_referral)
    assert input_context(sample_posting, sample_resume, sample_referral) is ctx
    assert (
        input_context(sample_posting.model_copy(deep=True), sample_resume, sample_referral) is ctx
    )
    assert input_context(sample_posting, sample_resume, None) is not ctx
    assert input_context(sample_posting, sample_resume, sample_referral, ["EUR 90k"]) is not ctx
    built: list[int] = []
    assert ctx.memo("n", lambda: built.append(1) or 41) == 41
    assert ctx.memo("n", lambda: built.append(1) or 42) == 41  # built once
    assert built == [1]


def test_a_resume_changed_in_place_is_read_again(
    sample_posting: JobPosting, sample_resume: Resume
) -> None:
    email = "Hi Priya,\n\nAt Globex I cut cloud costs by 27%.\n\nBest,\nJordan Lee\n"
    before = validate(email, posting=sample_posting, resume=sample_resume)
    assert "27%" in [email[i.start : i.end] for i in before.issues if i.code == "ungrounded-claim"]
    resume = sample_resume.model_copy(deep=True)
    validate(email, posting=sample_posting, resume=resume)
    resume.roles[0].bullets.append("Cut cloud costs by 27% in one year")  # the same object, mutated
    after = validate(email, posting=sample_posting, resume=resume)
    assert "27%" not in [
        email[i.start : i.end] for i in after.issues if i.code == "ungrounded-claim"
    ]


def test_contexts_are_bounded(sample_posting: JobPosting, sample_resume: Resume) -> None:
    first = input_context(sample_posting, sample_resume, Referral(contact="Person 0"))
    for n in range(1, CONTEXTS + 1):
        input_context(sample_posting, sample_resume, Referral(contact=f"Person {n}"))
    assert input_context(sample_posting, sample_resume, Referral(contact="Person 0")) is not first
