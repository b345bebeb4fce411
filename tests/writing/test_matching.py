from __future__ import annotations

from datetime import date

from referral_ai.matching import match, normalize, required_years, resume_years
from referral_ai.models import JobPosting, Resume, Role

from .conftest import TODAY


def _req(fit, text: str):  # type: ignore[no-untyped-def]
    return next(m for m in fit.matches if m.requirement == text)


def test_sample_airflow_found_kubernetes_gap(
    sample_posting: JobPosting, sample_resume: Resume
) -> None:
    fit = match(sample_posting, sample_resume, today=TODAY)
    airflow = _req(fit, "Experience with Apache Airflow or a similar orchestrator")
    assert airflow.met
    best = airflow.evidence[0]
    assert best.text == "Migrated 40 batch jobs to Apache Airflow, cutting failed runs by 35%"
    assert best.employer == "Globex" and best.title == "Data Engineer" and best.section == "role"
    assert "airflow" in best.matched_terms
    assert fit.gaps == ["Experience with Kubernetes in production"]
    assert not _req(fit, "Experience with Kubernetes in production").evidence


def test_every_posting_item_is_matched_in_order(
    sample_posting: JobPosting, sample_resume: Resume
) -> None:
    fit = match(sample_posting, sample_resume, today=TODAY)
    assert [m.requirement for m in fit.matches] == [
        *sample_posting.requirements,
        *sample_posting.nice_to_haves,
        *sample_posting.responsibilities,
    ]
    assert [m.kind for m in fit.matches][-2:] == ["nice_to_have", "responsibility"]
    dbt = _req(fit, "Experience with dbt")
    assert dbt.evidence[0].text == "Modelled the sales warehouse in SQL and dbt"


def test_evidence_is_verbatim_sorted_and_bounded(
    sample_posting: JobPosting, sample_resume: Resume
) -> None:
    fit = match(sample_posting, sample_resume, today=TODAY)
    resume_lines = {b for r in sample_resume.roles for b in r.bullets} | set(sample_resume.skills)
    resume_lines.add(sample_resume.summary or "")
    for m in fit.matches:
        assert len(m.evidence) <= 3
        scores = [e.score for e in m.evidence]
        assert scores == sorted(scores, reverse=True)
        for e in m.evidence:
            assert 0.0 <= e.score <= 1.0
            assert e.text in resume_lines


def test_matched_skills_and_materials(sample_posting: JobPosting, sample_resume: Resume) -> None:
    fit = match(sample_posting, sample_resume, today=TODAY)
    assert fit.matched_skills == ["Python", "SQL", "Airflow", "dbt"]  # Kafka is not in the posting
    assert fit.required_materials == sample_posting.required_materials
    assert {m.material.value for m in fit.required_materials} == {
        "resume",
        "cover_letter",
        "code_sample",
    }


def test_deterministic(sample_posting: JobPosting, sample_resume: Resume) -> None:
    assert match(sample_posting, sample_resume, today=TODAY) == match(
        sample_posting, sample_resume, today=TODAY
    )


def test_synonyms_meet() -> None:
    posting = JobPosting(
        title="Platform Engineer",
        requirements=[
            "Kubernetes in production",
            "PostgreSQL tuning",
            "Machine learning pipelines",
            "JavaScript",
        ],
    )
    resume = Resume(
        roles=[
            Role(
                employer="Acme",
                bullets=[
                    "Ran k8s clusters for 30 services",
                    "Tuned Postgres queries for the billing team",
                    "Shipped ML pipelines for fraud scoring",
                    "Wrote JS tooling",
                ],
            )
        ]
    )
    fit = match(posting, resume, today=TODAY)
    assert fit.gaps == []
    assert [m.evidence[0].text for m in fit.matches] == resume.roles[0].bullets


def test_normalize_folds_inflections_and_stop_words() -> None:
    assert normalize("Building pipelines") == normalize("built pipeline")
    assert normalize("the k8s cluster") == normalize("Kubernetes clusters")
    assert normalize("the k8s cluster")[0] == "kubernetes"
    assert normalize("engineering") == normalize("Engineers")
    assert normalize("Modelled data models") == ["model", "data", "model"]


def test_one_common_word_is_not_evidence() -> None:
    posting = JobPosting(
        title="Ops Lead", responsibilities=["Own the warehouse ingestion platform"]
    )
    resume = Resume(roles=[Role(employer="X", bullets=["Stocked the warehouse shelves"])])
    fit = match(posting, resume, today=TODAY)
    assert fit.matches[0].evidence == []


def test_named_tool_must_be_named() -> None:
    posting = JobPosting(title="SRE", requirements=["Experience with Kubernetes in production"])
    resume = Resume(
        roles=[Role(employer="X", bullets=["Kept production systems running in production"])]
    )
    assert match(posting, resume, today=TODAY).gaps == ["Experience with Kubernetes in production"]


def test_required_years_parsing() -> None:
    assert required_years("5+ years building pipelines") == 5
    assert required_years("At least three years of Python") == 3
    assert required_years("Strong SQL") is None


def test_resume_years_from_dates() -> None:
    roles = [Role(start="2018", end="2021"), Role(start="Jan 2021", end="Present")]
    assert resume_years(roles, today=date(2026, 1, 1)) == 8.0
    assert (
        resume_years(
            [Role(start="2015", end="2016"), Role(start="2015-06", end="2017")], today=TODAY
        )
        == 2.0
    )
    assert resume_years([Role(employer="X")], today=TODAY) is None


def _years_posting() -> JobPosting:
    return JobPosting(
        title="Data Engineer", requirements=["5+ years building data pipelines in Python"]
    )


def test_years_met_from_role_dates() -> None:
    resume = Resume(
        roles=[
            Role(
                employer="A",
                start="2019",
                end="Present",
                bullets=["Built data pipelines in Python"],
            )
        ]
    )
    m = match(_years_posting(), resume, today=TODAY).matches[0]
    assert m.met
    assert "7+ years" in m.evidence[0].matched_terms


def test_years_short_is_a_gap() -> None:
    resume = Resume(
        roles=[
            Role(
                employer="A",
                start="2024",
                end="Present",
                bullets=["Built data pipelines in Python"],
            )
        ]
    )
    fit = match(_years_posting(), resume, today=TODAY)
    assert fit.gaps == ["5+ years building data pipelines in Python"]


def test_years_without_dates_are_not_invented() -> None:
    resume = Resume(roles=[Role(employer="A", bullets=["Built data pipelines in Python"])])
    m = match(_years_posting(), resume, today=TODAY).matches[0]
    assert m.met
    assert m.score <= 0.5
    assert not any("years" in t for t in m.evidence[0].matched_terms)


def test_bare_years_requirement_uses_stated_summary() -> None:
    posting = JobPosting(title="Analyst", requirements=["3+ years of experience"])
    resume = Resume(
        summary="Analyst with five years of experience in retail.", roles=[Role(employer="A")]
    )
    m = match(posting, resume, today=TODAY).matches[0]
    assert m.evidence[0].section == "summary"
    assert m.evidence[0].text == "Analyst with five years of experience in retail."


def test_education_and_certifications_are_evidence() -> None:
    posting = JobPosting(
        title="Cloud Engineer", requirements=["AWS certification", "Degree in Computer Science"]
    )
    resume = Resume.model_validate(
        {
            "certifications": ["AWS Certified Solutions Architect"],
            "education": [
                {"institution": "State University", "degree": "B.S.", "field": "Computer Science"}
            ],
        }
    )
    fit = match(posting, resume, today=TODAY)
    assert fit.matches[0].evidence[0].section == "certifications"
    assert fit.matches[1].evidence[0].text == "B.S. Computer Science, State University"
