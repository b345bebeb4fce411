"""The letter states a gap only against requirements the parse read with no doubt: culture,
benefit and duty sentences are not requirements, and with none read the letter says nothing about
gaps (never "my resume shows little of what you ask for" of what no one asked for)."""

from __future__ import annotations

from referral_ai.compose import build_context
from referral_ai.inputs import parse_posting
from referral_ai.models import DraftKind, Referral, Resume, Role
from referral_ai.writers.offline import OfflineWriter

_RESUME = Resume(
    name="Ada Stone",
    roles=[
        Role(
            title="Golf Course Manager",
            employer="Pine Club",
            start="2015",
            end="Present",
            bullets=["Managed the greens crew of 12 through the summer season"],
        )
    ],
)

_CULTURE_ONLY = """# Senior Platform Engineer

Northwind Labs

## Who you are
- We respect technical mastery and give you autonomy to do your best work.
- The person in this role participates in our on-call rotation.
- Our team celebrates small wins every Friday.

## What you'll do
- Run the Kubernetes clusters behind our payment services
- Write Terraform modules for new regions

## How to apply
Send your resume to jobs@northwind.example.
"""

_REAL_REQUIREMENTS = _CULTURE_ONLY.replace(
    "- Our team celebrates small wins every Friday.\n",
    "- Five years of Kubernetes operations experience\n- Production Terraform experience\n",
)


def _letter(text: str) -> str:
    posting = parse_posting(text)
    ctx = build_context(posting, _RESUME, Referral(contact="Dana Whitfield"))
    return OfflineWriter().draft(DraftKind.cover_letter, ctx).body


def test_culture_sentences_are_not_requirements_and_no_gap_is_stated() -> None:
    posting = parse_posting(_CULTURE_ONLY)
    assert posting.requirements == []
    assert any(d.field == "requirements" for d in posting.report.doubts)
    letter = _letter(_CULTURE_ONLY)
    assert "To be plain about the fit" not in letter
    assert "shows little" not in letter
    assert "We respect" not in letter
    assert "participates" not in letter


def test_a_poor_fit_against_real_requirements_is_still_said_plainly() -> None:
    posting = parse_posting(_REAL_REQUIREMENTS)
    assert posting.requirements == [
        "Five years of Kubernetes operations experience",
        "Production Terraform experience",
    ]
    letter = _letter(_REAL_REQUIREMENTS)
    assert "To be plain about the fit: of what you ask for, my resume does not show" in letter
    assert "We respect" not in letter
