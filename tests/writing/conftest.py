"""Fixtures for the writing tests: a context whose fit comes from the real matcher, and a richer posting."""

from __future__ import annotations

import re
from datetime import date

import pytest

from referral_ai.matching import match
from referral_ai.models import (
    DraftContext,
    JobPosting,
    Material,
    MaterialRequirement,
    Referral,
    Resume,
)
from referral_ai.writers.offline import OfflineWriter

TODAY = date(2026, 11, 25)


@pytest.fixture
def writer() -> OfflineWriter:
    return OfflineWriter()


@pytest.fixture
def matched_ctx(
    sample_posting: JobPosting, sample_resume: Resume, sample_referral: Referral
) -> DraftContext:
    """The shared sample application, with the fit computed by :func:`referral_ai.matching.match`."""
    fit = match(sample_posting, sample_resume, today=TODAY)
    return DraftContext(
        posting=sample_posting, resume=sample_resume, referral=sample_referral, fit=fit
    )


@pytest.fixture
def many_materials_ctx(sample_posting: JobPosting, sample_resume: Resume) -> DraftContext:
    """A posting asking for non-file materials too (salary, screening answers, references), no names known."""
    src_form = (
        "Answer the screening questions and give your salary expectations in the application form."
    )
    posting = sample_posting.model_copy(
        update={
            "contact": None,
            "req_id": None,
            "deadline": None,
            "materials": [
                MaterialRequirement(material=Material.resume, source="Send a resume."),
                MaterialRequirement(material=Material.portfolio, source="Include a portfolio."),
                MaterialRequirement(material=Material.screening_questions, source=src_form),
                MaterialRequirement(material=Material.salary_expectations, source=src_form),
                MaterialRequirement(
                    material=Material.references, source="Provide three references."
                ),
                MaterialRequirement(
                    material=Material.availability, source="Tell us your earliest start date."
                ),
            ],
        }
    )
    resume = sample_resume.model_copy(
        update={"name": None, "contact": sample_resume.contact.model_copy(update={"name": None})}
    )
    referral = Referral(contact="", introducer=None)
    return DraftContext(
        posting=posting, resume=resume, referral=referral, fit=match(posting, resume, today=TODAY)
    )


PLACEHOLDER = re.compile(
    r"\[[^\]]*\]|\{[^}]*\}|<[^>@\s]*>|\bX{2,}\b|\bTBD\b|\bTODO\b|\bN/A\b|lorem ipsum|\byour name\b|\bcompany name\b",
    re.IGNORECASE,
)


def input_corpus(ctx: DraftContext) -> str:
    """Everything the inputs state, as one lowercase string (for groundedness checks)."""
    r, p, ref = ctx.resume, ctx.posting, ctx.referral
    parts: list[str | None] = [
        r.name,
        r.summary,
        r.text,
        *r.skills,
        *r.certifications,
        r.contact.name,
        r.contact.email,
        r.contact.phone,
        r.contact.location,
        *r.contact.links,
        p.title,
        p.company,
        p.location,
        p.req_id,
        p.url,
        p.deadline,
        p.contact,
        p.text,
        ref.contact,
        ref.introducer,
        ref.contact_email,
        ref.introducer_email,
    ]
    for role in r.roles:
        parts += [role.employer, role.title, role.start, role.end, role.location, *role.bullets]
    for edu in r.education:
        parts += [edu.institution, edu.degree, edu.field, edu.start, edu.end, *edu.details]
    return "\n".join(x for x in parts if x).lower()
