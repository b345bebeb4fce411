"""Shared fixtures: one realistic application context built directly from the models.

Area-specific fixtures live in each test folder's own conftest.py.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from referral_ai.models import (
    Contact,
    DraftContext,
    Education,
    Evidence,
    Fit,
    JobPosting,
    Material,
    MaterialRequirement,
    Referral,
    RequirementMatch,
    Resume,
    Role,
)


def _load_this_checkouts_prompts() -> None:
    """Make ``referral_ai.prompts`` this checkout's ``prompts/`` folder.

    A git worktree run with ``PYTHONPATH`` set to it imports its own ``referral_ai``, but the shared
    venv's editable install maps the ``referral_ai.prompts`` package (``package-dir``) to the main
    checkout's ``prompts/``: the tests would read other prompt files than the code under test.
    """
    folder = Path(__file__).resolve().parents[1] / "prompts"
    spec = importlib.util.spec_from_file_location(
        "referral_ai.prompts", folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    if spec is None or spec.loader is None or "referral_ai.prompts" in sys.modules:
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules["referral_ai.prompts"] = module
    spec.loader.exec_module(module)


_load_this_checkouts_prompts()


@pytest.fixture
def sample_posting() -> JobPosting:
    return JobPosting(
        title="Senior Data Engineer",
        company="Northwind Logistics",
        location="Denver, CO (hybrid)",
        req_id="R-4821",
        url="https://careers.northwind.example/jobs/4821",
        requirements=[
            "5+ years building batch and streaming data pipelines",
            "Strong Python and SQL",
            "Experience with Apache Airflow or a similar orchestrator",
            "Experience with Kubernetes in production",
        ],
        nice_to_haves=["Experience with dbt"],
        responsibilities=["Own the warehouse ingestion platform"],
        materials=[
            MaterialRequirement(
                material=Material.resume, source="Please submit a resume and a cover letter."
            ),
            MaterialRequirement(
                material=Material.cover_letter, source="Please submit a resume and a cover letter."
            ),
            MaterialRequirement(
                material=Material.code_sample, source="Include a link to a code sample you wrote."
            ),
            MaterialRequirement(
                material=Material.references,
                source="References are optional at this stage.",
                required=False,
            ),
        ],
        contact="Priya Raman",
        deadline="December 15, 2026",
        text=(
            "Senior Data Engineer\nNorthwind Logistics - Denver, CO (hybrid)\nReq ID: R-4821\n"
            "Apply: https://careers.northwind.example/jobs/4821\n"
            "Requirements\n- 5+ years building batch and streaming data pipelines\n- Strong Python and SQL\n"
            "- Experience with Apache Airflow or a similar orchestrator\n- Experience with Kubernetes in production\n"
            "Nice to have\n- Experience with dbt\n"
            "How to apply\nPlease submit a resume and a cover letter. Include a link to a code sample you wrote. "
            "References are optional at this stage.\n"
        ),
        source="<text>",
    )


@pytest.fixture
def sample_resume() -> Resume:
    return Resume(
        name="Jordan Lee",
        contact=Contact(
            name="Jordan Lee",
            email="jordan.lee@example.com",
            phone="+1 303 555 0142",
            location="Denver, CO",
            links=["https://github.com/jordanlee-data"],
        ),
        summary="Data engineer with six years of experience building pipelines in Python and SQL.",
        roles=[
            Role(
                employer="Globex",
                title="Data Engineer",
                start="2021",
                end="Present",
                bullets=[
                    "Built streaming pipelines in Python and Kafka processing 2 million events per day",
                    "Migrated 40 batch jobs to Apache Airflow, cutting failed runs by 35%",
                    "Modelled the sales warehouse in SQL and dbt",
                ],
            ),
            Role(
                employer="Initech",
                title="Analytics Engineer",
                start="2018",
                end="2021",
                bullets=[
                    "Wrote SQL reporting for 12 regional teams",
                    "Automated data quality checks in Python",
                ],
            ),
        ],
        skills=["Python", "SQL", "Airflow", "Kafka", "dbt"],
        education=[
            Education(
                institution="University of Colorado Boulder",
                degree="B.S.",
                field="Computer Science",
                end="2018",
            )
        ],
        text="Jordan Lee\njordan.lee@example.com\n...",
        source="<text>",
    )


@pytest.fixture
def sample_referral() -> Referral:
    return Referral(
        contact="Priya Raman", introducer="Sam Ortiz", contact_email="priya@northwind.example"
    )


@pytest.fixture
def sample_fit(sample_posting: JobPosting) -> Fit:
    return Fit(
        matches=[
            RequirementMatch(
                requirement=sample_posting.requirements[0],
                evidence=[
                    Evidence(
                        text="Built streaming pipelines in Python and Kafka processing 2 million events per day",
                        employer="Globex",
                        title="Data Engineer",
                        score=0.7,
                        matched_terms=["streaming", "pipelines"],
                    )
                ],
            ),
            RequirementMatch(
                requirement=sample_posting.requirements[2],
                evidence=[
                    Evidence(
                        text="Migrated 40 batch jobs to Apache Airflow, cutting failed runs by 35%",
                        employer="Globex",
                        title="Data Engineer",
                        score=0.8,
                        matched_terms=["airflow"],
                    )
                ],
            ),
            RequirementMatch(requirement=sample_posting.requirements[3]),
        ],
        matched_skills=["Python", "SQL", "Airflow"],
        required_materials=sample_posting.required_materials,
    )


@pytest.fixture
def sample_ctx(
    sample_posting: JobPosting, sample_resume: Resume, sample_referral: Referral, sample_fit: Fit
) -> DraftContext:
    return DraftContext(
        posting=sample_posting, resume=sample_resume, referral=sample_referral, fit=sample_fit
    )


REAL_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
"""The real postings and resumes (read where they are, never copied into the repository)."""


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    """``../shared/corpus/real``. CI always has it, so there its absence fails the run; a developer
    or newcomer without it is told, once per test, that these tests need it."""
    if (REAL_CORPUS / "postings.jsonl").is_file():
        return REAL_CORPUS
    message = f"the real corpus is not here: expected {REAL_CORPUS} (CI has it beside the clone)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
