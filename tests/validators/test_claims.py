"""ungrounded-claim: what is claimed for the candidate must be in the resume."""

from __future__ import annotations

import pytest

from referral_ai.models import JobPosting, Referral, Resume, Severity
from referral_ai.validators import find_ungrounded_claims


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # grounded: numbers by value, skills, employers, degree family
        ("I built Kafka pipelines processing 2 million events per day.", []),
        ("I built pipelines processing 2,000,000 events per day.", []),
        ("I cut failed runs by 35 percent.", []),
        ("I have six years of experience in Python and SQL.", []),
        ("I have 6 years of experience.", []),
        ("At Globex I migrated 40 batch jobs to Apache Airflow.", []),
        ("I earned my Bachelor's in Computer Science at the University of Colorado Boulder.", []),
        ("Before that I was an Analytics Engineer at Initech.", []),
        # statements about the posting, scheduling, attachments, links
        ("Your posting asks for Kubernetes in production, which I'd love to learn.", []),
        ("I'm free for a 15-minute call on Thursday, December 3 at 2:30 pm.", []),
        ("I've attached my resume and two writing samples.", []),
        ("I applied for the Senior Data Engineer role (Req R-4821) yesterday.", []),
        ("Thanks to Sam Ortiz, I'm writing to Priya Raman.", []),
        ("I worked closely with Product and Design on every launch.", []),
        ("I moved here from the U.S. last year.", []),
        ("I haven't run Kubernetes in production yet.", []),
        ("I'm eager to learn Terraform.", []),
        ("I analyse results in SQL and keep my guard rails tight; I react fast.", []),
        # planted
        ("I cut failed runs by 45%.", ["45%"]),
        ("I have 12 years of experience.", ["12"]),
        ("I built pipelines processing 3 million events per day.", ["3 million"]),
        ("At Google I built streaming pipelines.", ["Google"]),
        ("I run Kubernetes clusters in production.", ["Kubernetes"]),
        ("I hold a PhD in Computer Science.", ["PhD"]),
        ("I hold an MBA.", ["MBA"]),
        ("I was a Staff Data Engineer at Globex.", ["Staff Data Engineer"]),
        ("I'm an AWS Certified Solutions Architect.", ["AWS Certified Solutions Architect"]),
        ("I also write Rust and Go services.", ["Rust", "Go"]),
        ("I model data in R and Python.", ["R"]),
        ("I built React Native apps.", ["React Native"]),
        ("Jordan led a team of 9 engineers at Globex.", ["9"]),
    ],
)
def test_claims_table(
    sample_resume: Resume,
    sample_posting: JobPosting,
    sample_referral: Referral,
    text: str,
    flagged: list[str],
) -> None:
    referral = sample_referral.model_copy(update={"introducer": "Sam Ortiz"})
    issues = find_ungrounded_claims(text, sample_resume, sample_posting, referral=referral)
    assert [text[i.start : i.end] for i in issues] == flagged
    assert all(i.code == "ungrounded-claim" and i.severity is Severity.error for i in issues)


def test_posting_skills_are_not_grounded_in_a_claim_about_the_candidate(
    sample_resume: Resume, sample_posting: JobPosting
) -> None:
    issues = find_ungrounded_claims(
        "I have run Kubernetes in production.", sample_resume, sample_posting
    )
    assert [i.message.split("\u201d")[0].lstrip("\u201c") for i in issues] == ["Kubernetes"]


def test_posting_title_does_not_ground_a_title_the_candidate_claims_to_have_held(
    sample_resume: Resume, sample_posting: JobPosting
) -> None:
    text = "I worked as a Senior Data Engineer at Globex."
    assert [
        text[i.start : i.end] for i in find_ungrounded_claims(text, sample_resume, sample_posting)
    ] == ["Senior Data Engineer"]
    wish = "I'd love to join your team as the Senior Data Engineer."
    assert find_ungrounded_claims(wish, sample_resume, sample_posting) == []


def test_header_salutation_and_signature_are_not_claims(sample_resume: Resume) -> None:
    text = "Subject: Coffee on 12/03?\n\nHi Priya,\n\nBest,\nJordan Lee\n+1 303 555 0142"
    assert find_ungrounded_claims(text, sample_resume) == []


def test_a_token_is_reported_once(sample_resume: Resume) -> None:
    text = "I used Kubernetes daily. I love Kubernetes."
    assert len(find_ungrounded_claims(text, sample_resume)) == 1


def test_structured_resume_fields_ground_claims_even_without_resume_text(
    sample_resume: Resume,
) -> None:
    assert "Globex" not in sample_resume.text  # the fixture's text is a stub
    assert (
        find_ungrounded_claims(
            "At Globex I wrote SQL reporting for 12 regional teams.", sample_resume
        )
        == []
    )
