"""The input context: what the rules derive from posting, resume and referral, once per content."""

from __future__ import annotations

import pytest

from referral_ai.models import JobPosting, Referral, Resume
from referral_ai.validators import context, prepare, validate
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


def test_a_prepared_check_gives_the_same_report_and_keys_the_inputs_once(
    sample_posting: JobPosting,
    sample_resume: Resume,
    sample_referral: Referral,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emails = [
        "Hi Priya,\n\nAt Globex I cut cloud costs by 27%. Any openings you know of?\n\nBest,\nJordan Lee\n",
        "Subject: Hello\n\nCould you refer me for the role? I led 40 engineers.\n\nThanks,\nJordan\n",
    ]
    plain = [
        validate(e, posting=sample_posting, resume=sample_resume, referral=sample_referral)
        for e in emails
    ]
    prepared = prepare(sample_posting, sample_resume, sample_referral)
    assert prepared.context is input_context(sample_posting, sample_resume, sample_referral)
    keyed: list[object] = []
    real_key = context.model_key
    monkeypatch.setattr(context, "model_key", lambda m: keyed.append(m) or real_key(m))
    for email, expected in zip(emails, plain, strict=True):
        got = validate(email, prepared=prepared)
        assert got.issues == expected.issues
        assert str(got) == str(expected)
        # the same objects given again are accepted (a compose validator passes them)
        again = validate(email, posting=sample_posting, resume=sample_resume, prepared=prepared)
        assert again.issues == expected.issues
    assert keyed == []  # nothing serialised per email
    assert repr(prepared) == "Prepared(posting, resume, referral, facts=0)"


def test_a_prepared_check_refuses_other_inputs(
    sample_posting: JobPosting, sample_resume: Resume
) -> None:
    prepared = prepare(sample_posting, sample_resume)
    email = "Hi,\n\nI led 40 engineers.\n\nJordan Lee\n"
    with pytest.raises(ValueError, match="another resume than the one prepared"):
        validate(email, resume=sample_resume.model_copy(deep=True), prepared=prepared)
    with pytest.raises(ValueError, match="other facts than the ones prepared"):
        validate(email, facts=["EUR 90k"], prepared=prepared)
    # without a resume prepared, the claims rule is skipped as it is without one given
    only_posting = prepare(sample_posting)
    codes = {i.code for i in validate(email, prepared=only_posting).issues}
    assert "ungrounded-claim" not in codes
    assert codes == {i.code for i in validate(email, posting=sample_posting).issues}
