"""The cover letter restates requirements faithfully (years kept), varies its lead-ins, and every claim
about the candidate is a resume line, verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from referral_ai.inputs import load_posting, load_resume
from referral_ai.matching import match
from referral_ai.models import DraftContext, DraftKind, Referral
from referral_ai.writers.offline import OfflineWriter, _restate

ROOT = Path(__file__).resolve().parents[2]
LEADS = ("You ask for ", "The role also calls for ", "You also want ", "As a plus, you list ")


@pytest.fixture
def example_ctx() -> DraftContext:
    posting = load_posting(ROOT / "examples" / "posting.md")
    resume = load_resume(ROOT / "examples" / "resume.md")
    referral = Referral(contact="Dana Whitfield", introducer="Sam Ortiz")
    return DraftContext(
        posting=posting, resume=resume, referral=referral, fit=match(posting, resume)
    )


@pytest.mark.parametrize(
    ("requirement", "restated"),
    [
        (
            "4+ years in analytics engineering, data engineering or a similar role",
            "4+ years in analytics engineering, data engineering or a similar role",
        ),
        ("Expert SQL and solid Python", "expert SQL and solid Python"),
        (
            "Production experience with dbt, including tests and documentation.",
            "production experience with dbt, including tests and documentation",
        ),
        (
            "Five years running Kubernetes in production",
            "five years running Kubernetes in production",
        ),
        (
            "Comfortable on call for a global fleet",
            "someone comfortable on call for a global fleet",
        ),
        ("You are fluent in German", "someone fluent in German"),
        ("You have 3+ years of Go", "3+ years of Go"),
        ("Must have a driving licence", "a driving licence"),
        ("Bachelor's degree in Computer Science", "a bachelor's degree in Computer Science"),
        ("MS in Statistics or equivalent", "an MS in Statistics or equivalent"),
        ("Ability to travel 20% of the time", "the ability to travel 20% of the time"),
        ("Write clear SQL others can review", "someone who can write clear SQL others can review"),
        ("PCI DSS experience", "PCI DSS experience"),
        ("Python and SQL", "Python and SQL"),
        ("Have shipped a mobile app", "someone who has shipped a mobile app"),
        ("You have 5+ years of Go", "5+ years of Go"),
        ("You'll be comfortable with ambiguity", "someone comfortable with ambiguity"),
        ("Be willing to travel", "someone willing to travel"),
        ("Master\u2019s degree in Finance", "a master's degree in Finance"),
        ("Lead a team of five analysts", "someone who can lead a team of five analysts"),
        ("dbt in production", "dbt in production"),
        (  # a list item with the list's "; and", opening with an article
            "A valid Registered Nurse license issued by the California Board of Registered Nursing; and",
            "a valid Registered Nurse license issued by the California Board of Registered Nursing",
        ),
        ("Experience with Tableau, or", "experience with Tableau"),
        ("C and C++ in embedded systems", "C and C++ in embedded systems"),
        (
            "Education: Minimum requirements include a college or university degree in related field.",
            "a college or university degree in related field",
        ),
        ("Qualifications are a PhD in Physics", "a PhD in Physics"),
        (  # the employer's wish, restated as what it asks for
            "We are particularly interested in candidates with a record of working across disciplines.",
            "a record of working across disciplines",
        ),
        (
            "We seek applicants with a research agenda on complex systems",
            "a research agenda on complex systems",
        ),
    ],
)
def test_requirements_are_restated_faithfully(requirement: str, restated: str) -> None:
    assert _restate(requirement) == restated


def _evidence_paragraphs(body: str) -> list[str]:
    return body.split("\n\n")[2:-2]  # after greeting and opening; before materials/ask and sign-off


def test_example_letter_keeps_the_years_and_grounds_them(
    writer: OfflineWriter, example_ctx: DraftContext
) -> None:
    body = writer.draft(DraftKind.cover_letter, example_ctx).body
    assert (
        "You ask for 4+ years in analytics engineering, data engineering or a similar role; "
        "I am an analytics engineer with eight years of experience turning messy operational data "
        "into trusted models in SQL, dbt and Python." in body
    )
    assert "asks for analytics engineering" not in body  # the old, years-dropped restatement
    assert "The role also calls for expert SQL and solid Python." in body
    assert "production experience with dbt, including tests and documentation." in body


@pytest.mark.parametrize("fixture", ["example_ctx", "matched_ctx", "sample_ctx"])
def test_lead_ins_vary_and_paragraphs_start_differently(
    fixture: str, writer: OfflineWriter, request: pytest.FixtureRequest
) -> None:
    ctx: DraftContext = request.getfixturevalue(fixture)
    body = writer.draft(DraftKind.cover_letter, ctx).body
    leads = [lead for lead in LEADS for _ in range(body.count(lead))]
    assert len(leads) == len(set(leads)), leads  # no lead-in is used twice
    starts = [p.split()[:3] for p in body.split("\n\n")[1:-1]]
    assert len(starts) == len({tuple(s) for s in starts}), starts
    assert "You also ask for" not in body and "Your posting asks for" not in body


def _claims(body: str) -> list[str]:
    """The sentences of the evidence paragraphs that speak about the candidate."""
    out: list[str] = []
    for para in _evidence_paragraphs(body):
        for sentence in re.split(r"(?<=[.;])\s+", para):
            if sentence.startswith(LEADS) or sentence.startswith(("The role ", "My resume also")):
                continue
            out.append(sentence)
    return out


@pytest.mark.parametrize("fixture", ["example_ctx", "matched_ctx", "sample_ctx"])
def test_every_claim_is_a_resume_line_verbatim(
    fixture: str, writer: OfflineWriter, request: pytest.FixtureRequest
) -> None:
    ctx: DraftContext = request.getfixturevalue(fixture)
    body = writer.draft(DraftKind.cover_letter, ctx).body
    resume = ctx.resume
    lines = [resume.summary or "", *(b for r in resume.roles for b in r.bullets)]
    employers = [r.employer for r in resume.roles if r.employer]
    claims = _claims(body)
    assert claims, body
    for claim in claims:
        core = claim.rstrip(".")
        for employer in employers:
            core = core.removeprefix(f"At {employer}, ")
        core = re.sub(r"^I (?:am an? )?", "", core)
        assert any(core.lower() in line.lower() for line in lines), claim


def test_a_years_requirement_is_answered_by_the_line_stating_years(
    writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    body = writer.draft(DraftKind.cover_letter, matched_ctx).body
    assert (
        "You ask for 5+ years building batch and streaming data pipelines; I am a data engineer "
        "with six years of experience building pipelines in Python and SQL." in body
    )
    # The bullet it used before still answers another requirement.
    assert (
        "I built streaming pipelines in Python and Kafka processing 2 million events per day."
        in (body)
    )


def test_a_restated_requirement_and_a_claim_never_join_into_a_generic_ask(
    example_ctx: DraftContext, writer: OfflineWriter
) -> None:
    # The posting's "or a similar role" and a summary "keen on data quality" in one sentence read as
    # a job topic with an ask cue; the letter says them in two sentences and passes its own check.
    from referral_ai.validators import validate

    keen = "Analytics engineer with eight years of experience, keen on data quality."
    resume = example_ctx.resume.model_copy(update={"summary": keen})
    ctx = example_ctx.model_copy(
        update={"resume": resume, "fit": match(example_ctx.posting, resume)}
    )
    draft = writer.draft(DraftKind.cover_letter, ctx)
    assert (
        "You ask for 4+ years in analytics engineering, data engineering or a similar role. "
        "I am an analytics engineer with eight years of experience, keen on data quality."
        in draft.body
    )
    report = validate(
        draft,
        posting=ctx.posting,
        resume=resume,
        referral=ctx.referral,
        kind=DraftKind.cover_letter,
    )
    assert [i.rule for i in report.errors] == []
