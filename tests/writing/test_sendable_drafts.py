"""Offline drafts read as a careful person's writing: titles that already name a post get no extra
"role", capitals as a sentence shows them, no resume headline quoted, duties and bullets in grammatical
sentences, and a blurb whose every sentence is a fact about the candidate."""

from __future__ import annotations

import re

import pytest

import referral_ai as ra
from referral_ai.models import Contact, Education, JobPosting, Resume, Role
from referral_ai.writers.offline import (
    OfflineWriter,
    _duty_sentence,
    _restate,
    display_name,
    role_reference,
    the_role,
)


def _posting(title: str, req_id: str | None = None, **extra: object) -> JobPosting:
    return JobPosting(title=title, company="Larkspur University", req_id=req_id, **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("title", "req_id", "phrase"),
    [
        ("Data Engineer", None, "the Data Engineer role"),
        ("Data Engineer", "4821", "the Data Engineer role (Req 4821)"),
        (
            "Postdoctoral position in Algebraic Geometry",
            "880654",
            "the Postdoctoral position in Algebraic Geometry (Req 880654)",
        ),
        ("Design Fellowship", None, "the Design Fellowship"),
        ("PhD positions", None, "the PhD positions"),
        (
            "Postdoc: A Prototype Data Assimilation System",
            None,
            "the \u201cPostdoc: A Prototype Data Assimilation System\u201d role",
        ),
        ("CORRECTIONAL NURSE", "2317", "the Correctional Nurse role (Req 2317)"),
    ],
)
def test_the_role_reads_in_a_sentence(title: str, req_id: str | None, phrase: str) -> None:
    assert the_role(_posting(title, req_id)) == phrase


def test_role_reference_shows_an_all_capitals_title_as_a_sentence_would() -> None:
    assert role_reference(_posting("CORRECTIONAL NURSE", "2317")) == "Correctional Nurse (Req 2317)"
    assert role_reference(_posting("Senior SRE", "R-1")) == "Senior SRE (R-1)"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "MIDDLEBURY COLLEGE, DEPARTMENT OF MATHEMATICS",
            "Middlebury College, Department of Mathematics",
        ),
        ("MALCOLM-WHITE CONSULTING", "Malcolm-White Consulting"),
        ("SANOFI CHC UK", "SANOFI CHC UK"),  # one long word: could be a brand; left as written
        ("NASA", "NASA"),
        ("IBM UK", "IBM UK"),
        ("Globex Corporation", "Globex Corporation"),
    ],
)
def test_display_name_changes_only_text_written_all_in_capitals(text: str, shown: str) -> None:
    assert display_name(text) == shown


@pytest.mark.parametrize(
    ("requirement", "restated"),
    [
        (
            "Education: Masters degree in engineering or biomedical engineering",
            "a masters degree in engineering or biomedical engineering",
        ),
        ("Required skills: Python and SQL", "Python and SQL"),
        ("Large Language Model (LLM)", "Large Language Model (LLM)"),
        ("Note: SQL", "note: SQL"),  # too short to be an item after its label: kept whole
        (
            "Candidates must have a Ph.D. or equivalent degree in statistics",
            "a Ph.D. or equivalent degree in statistics",
        ),
        ("The ideal candidate has 5+ years of Go", "5+ years of Go"),
        (
            "Qualified candidates must have a Bachelor's degree in Computer Science",
            "a Bachelor's degree in Computer Science",
        ),
        (
            "The candidate should demonstrate teaching experience in world religions",
            "teaching experience in world religions",
        ),
    ],
)
def test_an_items_own_label_is_not_quoted_back(requirement: str, restated: str) -> None:
    assert _restate(requirement) == restated


@pytest.mark.parametrize(
    ("duty", "sentence"),
    [
        ("build data pipelines", "The role is to build data pipelines."),
        (
            "curates and updates continental-scale geospatial data",
            "The person in this role curates and updates continental-scale geospatial data.",
        ),
        ("carries out field surveys", "The person in this role carries out field surveys."),
        (
            "data quality across the warehouse",
            "The role includes data quality across the warehouse.",
        ),
        ("A Correctional Nurse performs nursing services in City jails", None),
        (
            "solve Complex Problems: Tackle challenging issues in distributed systems",
            "The role is to tackle challenging issues in distributed systems.",
        ),
        (
            "coordinate/work closely with Project Managers",
            "The role is to coordinate/work closely with Project Managers.",
        ),
        ("The successful candidate will run the lab", None),
    ],
)
def test_a_duty_becomes_a_grammatical_lead_in_or_none(duty: str, sentence: str | None) -> None:
    assert _duty_sentence(duty) == sentence


POSTING = """# Analytics Engineer

Company: Larkspur Logistics

## Requirements
- Experience building cloud data pipelines with AWS Glue
- Media budget management across several brands

## Responsibilities
- Curates and updates the warehouse's geospatial data
"""


def _resume(**update: object) -> Resume:
    base = Resume(
        name="Riley Chen",
        contact=Contact(name="Riley Chen", email="riley.chen@example.com"),
        roles=[
            Role(
                title="DATA ENGINEER | PLATFORM SPECIALIST",
                employer="ASTRO CLOUD LIMITED",
                start="2021",
                end="Present",
                bullets=["Building & maintaining cloud data pipelines with AWS Glue for analytics"],
            )
        ],
        education=[
            Education(institution="University of Colorado Boulder", degree="B.S.", field="Physics")
        ],
    )
    return base.model_copy(update=update)


def _drafts(resume: Resume, posting_text: str = POSTING) -> dict[ra.DraftKind, ra.Draft]:
    posting = ra.load_posting(posting_text)
    ctx = ra.build_context(
        posting, resume, ra.Referral(contact="Dana Whitfield", introducer="Sam Ortiz")
    )
    return ra.compose_all(
        ctx,
        OfflineWriter(),
        kinds=[ra.DraftKind.cover_letter, ra.DraftKind.follow_up, ra.DraftKind.intro_request],
    )


def test_capitals_and_pipes_in_resume_titles_read_as_prose() -> None:
    letter = _drafts(_resume())[ra.DraftKind.cover_letter].body
    assert "Data Engineer / Platform Specialist at Astro Cloud Limited" in letter
    assert "ASTRO CLOUD" not in letter and " | " not in letter
    # a gerund bullet becomes a sentence, its words kept
    assert (
        "At Astro Cloud Limited, my work included building & maintaining cloud data pipelines "
        "with AWS Glue for analytics." in letter
    )


def test_a_headline_summary_is_never_quoted_and_a_verb_summary_is_said_in_the_first_person() -> (
    None
):
    headline = _resume(
        roles=[],
        summary="MEDIA EXECUTIVE | PAID MEDIA & GROWTH Managed media budgets across several brands.",
    )
    letter = _drafts(headline)[ra.DraftKind.cover_letter].body
    assert "resume summary reads" not in letter
    assert "MEDIA EXECUTIVE" not in letter
    assert '.".' not in letter
    verb = _resume(roles=[], summary="Managed media budgets across several brands.")
    letter = _drafts(verb)[ra.DraftKind.cover_letter].body
    assert "I managed media budgets across several brands." in letter


def test_a_blurb_without_evidence_states_the_education_not_a_line_repeating_the_ask() -> None:
    resume = _resume(roles=[], skills=[])
    posting = POSTING.replace("AWS Glue", "Snowflake").replace("geospatial", "retail")
    drafts = _drafts(resume, posting)
    blurb = drafts[ra.DraftKind.follow_up].blurb or ""
    assert "Riley's education: B.S., Physics, University of Colorado Boulder." in blurb
    assert "made the introduction" not in blurb
    intro = drafts[ra.DraftKind.intro_request].blurb or ""
    assert "would welcome a referral" not in intro
    assert "Riley's education: B.S., Physics, University of Colorado Boulder." in intro


def test_a_third_person_duty_gets_a_grammatical_lead_in() -> None:
    resume = _resume(
        roles=[
            Role(
                title="GIS Technician",
                employer="Globex",
                start="2020",
                end="Present",
                bullets=["Curated and updated the geospatial data warehouse for 40 counties"],
            )
        ]
    )
    letter = _drafts(resume)[ra.DraftKind.cover_letter].body
    assert "The role includes curates" not in letter
    assert re.search(r"The person in this role curates and updates", letter)


def test_a_block_of_lines_read_as_one_bullet_is_never_stated_and_spaced_colons_are_tidied() -> None:
    block = (
        "Building cloud data pipelines with AWS Glue\n- migrated 40 jobs\n- ran the on-call rota"
    )
    resume = _resume(
        roles=[
            Role(
                title="Data Engineer",
                employer="Globex",
                start="2021",
                end="Present",
                bullets=[block, "Veille techno : AWS Glue, Athena and Redshift"],
            )
        ]
    )
    letter = _drafts(resume)[ra.DraftKind.cover_letter].body
    assert "migrated 40 jobs" not in letter
    assert "Veille techno : AWS" not in letter
    assert "Veille techno: AWS Glue, Athena and Redshift" in letter


def test_a_paragraph_read_as_one_bullet_is_never_stated() -> None:
    paragraph = (
        "As a Data Engineer at Globex I am in charge of the AWS Glue pipelines. My goal is to "
        "provide a sensible environment for analysts"
    )
    resume = _resume(
        roles=[
            Role(
                title="Data Engineer",
                employer="Globex",
                start="2021",
                end="Present",
                bullets=[paragraph, "Built cloud data pipelines with AWS Glue for the U.S. Army"],
            )
        ]
    )
    letter = _drafts(resume)[ra.DraftKind.cover_letter].body
    assert "My goal is" not in letter
    assert "I built cloud data pipelines with AWS Glue for the U.S. Army." in letter


def test_a_job_seeking_summary_is_not_stated_and_was_bullets_get_a_subject() -> None:
    resume = _resume(
        summary="I love new challenges and would like to work in the following areas: data pipelines.",
        roles=[
            Role(
                title="Intern",
                employer="Globex",
                start="2019",
                end="2020",
                bullets=["Was responsible for the cloud data pipelines built with AWS Glue"],
            )
        ],
    )
    drafts = _drafts(resume)
    letter = drafts[ra.DraftKind.cover_letter]
    assert "would like to work" not in letter.body
    assert "At Globex, I was responsible for the cloud data pipelines built with AWS Glue." in (
        letter.body
    )
    assert letter.report is not None and not letter.report.errors


def test_common_lower_case_words_are_not_listed_as_skills() -> None:
    from referral_ai.writers.offline import _listable

    assert _listable(
        ["Project management", "communication", "team", "dbt", "jQuery", "Python"]
    ) == [
        "Project management",
        "dbt",
        "jQuery",
        "Python",
    ]


def test_a_short_line_without_a_verb_is_not_stated_as_work() -> None:
    resume = _resume(
        roles=[
            Role(
                title="Cloud Engineer",
                employer="Globex",
                start="2021",
                end="Present",
                bullets=["AWS Glue pipelines", "Built cloud data pipelines with AWS Glue"],
            )
        ]
    )
    letter = _drafts(resume)[ra.DraftKind.cover_letter].body
    assert ": AWS Glue pipelines" not in letter
    assert "I built cloud data pipelines with AWS Glue." in letter


def test_self_employment_is_not_named_as_an_employer() -> None:
    resume = _resume(
        roles=[
            Role(
                title="Data Engineer",
                employer="Freelance",
                start="2021",
                end="Present",
                bullets=["Built cloud data pipelines with AWS Glue for three clients"],
            )
        ]
    )
    drafts = _drafts(resume)
    letter = drafts[ra.DraftKind.cover_letter].body
    assert "My current role is Data Engineer (freelance)." in letter
    assert "In my freelance work, I built cloud data pipelines with AWS Glue" in letter
    assert "at Freelance" not in (drafts[ra.DraftKind.follow_up].blurb or "")


def test_freelance_work_reads_as_such_in_every_bullet_shape() -> None:
    from referral_ai.models import Evidence
    from referral_ai.writers.offline import _claim

    bullets = [
        "Using Figma to design websites for small firms",
        "Figma and Sketch for seven small firms",
    ]
    resume = Resume(
        name="Riley Chen",
        roles=[
            Role(
                title="Designer", employer="Freelance", start="2020", end="Present", bullets=bullets
            )
        ],
    )
    said = [
        _claim(
            Evidence(text=b, section="role", employer="Freelance", title="Designer", score=0.5),
            resume,
            None,
        )
        for b in bullets
    ]
    assert said == [
        "My freelance work included using Figma to design websites for small firms.",
        "From my freelance work as Designer: Figma and Sketch for seven small firms.",
    ]
