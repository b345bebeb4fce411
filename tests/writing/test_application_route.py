"""The letter names the application system the posting names ("I will complete the application
form through Interfolio."), and says only "the application form" when the posting names none."""

from __future__ import annotations

import pytest

from referral_ai.compose import build_context, check_draft
from referral_ai.inputs import parse_posting
from referral_ai.models import DraftKind, Referral, Resume, Role
from referral_ai.validators import validate
from referral_ai.writers.offline import OfflineWriter

_RESUME = Resume(
    name="Ada Stone",
    roles=[
        Role(
            title="Data Analyst",
            employer="Pine Club",
            start="2015",
            end="Present",
            bullets=["Wrote SQL queries against the booking system"],
        )
    ],
)


def _posting(how: str) -> str:
    return f"# Data Analyst\n\nNorthwind\n\n## Requirements\n- SQL\n\n## How to apply\n{how}\n"


@pytest.mark.parametrize(
    ("how", "sentence"),
    [
        (
            "Apply through Interfolio with a CV and a cover letter.",
            "I will complete the application form through Interfolio.",
        ),
        (
            "All applications must be submitted via the Northwind careers website with a CV.",
            "I will complete the application form through the Northwind careers website.",
        ),
        (  # near miss: no system named
            "Applications will only be accepted online. Please include a CV.",
            "I will complete the application form.",
        ),
    ],
)
def test_the_letter_names_the_route_the_posting_names(how: str, sentence: str) -> None:
    ctx = build_context(parse_posting(_posting(how)), _RESUME, Referral(contact="Dana Whitfield"))
    draft = OfflineWriter().draft(DraftKind.cover_letter, ctx)
    assert sentence in draft.body
    report = check_draft(validate, draft, ctx, DraftKind.cover_letter)
    assert not [i for i in report.issues if i.severity == "error"], report.issues


@pytest.mark.parametrize(
    ("how", "note"),
    [
        (
            "Apply through Interfolio with a CV and a cover letter.",
            "I will complete it through Interfolio",
        ),
        (  # near miss: no system named
            "Applications will only be accepted online. Please include a CV.",
            "I will complete it with my application",
        ),
    ],
)
def test_the_output_plan_names_the_same_route_as_the_letter(how: str, note: str) -> None:
    from referral_ai.export.plan import plan_outputs
    from referral_ai.models import Material

    ctx = build_context(parse_posting(_posting(how)), _RESUME, Referral(contact="Dana Whitfield"))
    plan = plan_outputs(ctx, [DraftKind.cover_letter, DraftKind.follow_up])
    forms = [a.note for a in plan.attachments if a.material is Material.application_form]
    assert forms == [note]


@pytest.mark.parametrize(
    "how",
    [
        "Send a CV, your salary expectations, your availability to start and three references.",
        "Send a CV. Salary expectations and answers to the screening questions are entered online.",
        "Send a CV, proof of work authorization and copies of your certifications.",
        # "request" is not "on request": the references are asked for now
        "Send a CV and the names of three references; we request these with every application.",
    ],
)
def test_the_letter_and_the_output_plan_give_the_same_notes(how: str) -> None:
    """Each material that is not a file gets one note, whether the letter's writer or the output plan
    (the emails' Attachments lists) asks for it."""
    from referral_ai.export.plan import plan_outputs
    from referral_ai.writers.offline import material_attachments

    ctx = build_context(parse_posting(_posting(how)), _RESUME, Referral(contact="Dana Whitfield"))
    plan = plan_outputs(ctx, [DraftKind.cover_letter, DraftKind.follow_up])
    planned = {a.material: a.note for a in plan.attachments if not a.filename}
    written = {a.material: a.note for a in material_attachments(ctx) if a.material in planned}
    assert planned, plan.attachments
    assert written == planned
