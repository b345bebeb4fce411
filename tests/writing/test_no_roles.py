"""A resume with no jobs (a student, a new graduate, a career changer) still drafts: both writers draw
on its education, projects and skills, and never write a sentence about a job that is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from referral_ai.compose import build_context
from referral_ai.inputs import load_posting, parse_resume
from referral_ai.inputs.report import refuse_doubtful, with_review
from referral_ai.models import DraftContext, DraftKind, Referral
from referral_ai.validators import validate
from referral_ai.writers.offline import OfflineWriter
from referral_ai.writers.openai_writer import build_prompt

EXAMPLES = Path(__file__).parents[2] / "examples"

STUDENT = """Jane Doe
jane.doe@example.com | +1 415 555 0100

Education
University of Somewhere, B.S. Computer Science, 2019 - 2023

Projects
Weather Dashboard | 2023
- Built a Python dashboard that charts city weather from a public API
- Wrote SQL queries over 2 million rows in PostgreSQL

Skills
Python, SQL, PostgreSQL, Git
"""

STUDYING = STUDENT.replace("2019 - 2023", "2024 - Present")


def _ctx(text: str, referral: Referral) -> DraftContext:
    resume = with_review(parse_resume(text, source="jane.txt"))
    posting = load_posting(EXAMPLES / "posting.md")
    return build_context(posting, resume, referral)


REFERRED = Referral(contact="Dana Whitfield", introducer="Sam Ortiz")


def test_no_jobs_is_a_doubt_that_does_not_stop_drafting() -> None:
    ctx = _ctx(STUDENT, REFERRED)
    assert ctx.resume.roles == []
    assert [p.name for p in ctx.resume.projects] == ["Weather Dashboard"]
    assert any(d.field == "roles" and not d.blocking for d in ctx.resume.report.doubts)
    refuse_doubtful(("jane.txt", ctx.resume), ("posting.md", ctx.posting))  # does not raise


@pytest.mark.parametrize("referral", [REFERRED, Referral()], ids=["referred", "cold"])
@pytest.mark.parametrize("kind", list(DraftKind))
def test_offline_drafts_from_a_resume_without_jobs_pass_the_validators(
    kind: DraftKind, referral: Referral
) -> None:
    ctx = _ctx(STUDENT, referral)
    draft = OfflineWriter().draft(kind, ctx)
    report = validate(draft, posting=ctx.posting, resume=ctx.resume, referral=ctx.referral)
    assert report.errors == [], str(report)
    body = draft.body
    assert "None" not in body
    assert "role was" not in body and "role is" not in body and "most recently" not in body
    assert "Jane Doe" in body


def test_the_cover_letter_states_the_education_and_a_project() -> None:
    body = OfflineWriter().draft(DraftKind.cover_letter, _ctx(STUDENT, REFERRED)).body
    assert "I studied Computer Science at the University of Somewhere (B.S., 2023)." in body
    assert "In my project Weather Dashboard, I built a Python dashboard" in body


def test_an_education_still_under_way_is_said_to_be() -> None:
    ctx = _ctx(STUDYING, REFERRED)
    letter = OfflineWriter().draft(DraftKind.cover_letter, ctx).body
    assert "I am studying Computer Science at the University of Somewhere (B.S.)." in letter
    blurb = OfflineWriter().draft(DraftKind.follow_up, ctx).body
    assert "Jane Doe, who is studying Computer Science at the University of Somewhere" in blurb


def test_the_model_prompt_says_there_are_no_jobs_and_carries_the_projects() -> None:
    ctx = _ctx(STUDENT, REFERRED)
    user = build_prompt(DraftKind.cover_letter, ctx, model="gpt-4o-mini").messages[1]["content"]
    assert "The resume lists no jobs" in user
    assert "never mention a current or previous job" in user
    assert "Project: Weather Dashboard (2023)" in user
    assert "* Wrote SQL queries over 2 million rows in PostgreSQL" in user
    assert "Education: B.S., Computer Science, University of Somewhere" in user


def test_a_resume_with_jobs_gets_no_such_note() -> None:
    text = STUDENT.replace(
        "Education\n",
        "Experience\nData Analyst, Acme Corp  2023 - Present\n- Built reports\n\nEducation\n",
    )
    ctx = _ctx(text, REFERRED)
    assert ctx.resume.roles and not any(d.field == "roles" for d in ctx.resume.report.doubts)
    user = build_prompt(DraftKind.cover_letter, ctx, model="gpt-4o-mini").messages[1]["content"]
    assert "The resume lists no jobs" not in user


def test_the_tailored_resume_keeps_the_projects_and_traces_every_line() -> None:
    from referral_ai.export.resume import tailor

    ctx = _ctx(STUDENT, REFERRED)
    tailored = tailor(ctx.resume, ctx.fit, ctx.posting)
    texts = [(ln.style, ln.text, ln.right) for ln in tailored.lines]
    at = texts.index(("heading", "Projects", ""))
    assert texts[at + 1] == ("role", "Weather Dashboard", "2023")
    assert ("bullet", "Wrote SQL queries over 2 million rows in PostgreSQL", "") in texts[at:]
    assert tailored.left_out == [] and tailored.proof()["ok"]
