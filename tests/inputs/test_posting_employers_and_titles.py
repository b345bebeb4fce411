"""Employer, unit, title and remote-role shapes seen on real postings: a table of hits and near
misses per rule (snippets written for the test; employers and places invented)."""

from __future__ import annotations

import pytest

from referral_ai.inputs import parse_posting

REQS = """
Requirements
- A degree in a related field
- Clear written English
"""


def _facts(**values: str) -> dict[str, dict[str, object]]:
    return {
        k: {"value": v, "source": "front matter", "confidence": 0.85} for k, v in values.items()
    }


# --------------------------------------------------------------------------- employer and unit


@pytest.mark.parametrize(
    ("company", "body", "want", "unit"),
    [
        (  # a description after the name
            "Quillfield, a Brackton Labs Venture Company",
            "Quillfield is seeking a Software Engineer.",
            "Quillfield",
            None,
        ),
        (  # the organisation's unit, by a possessive
            "Brackton University's Trials Statistics Group (TSG)",
            "We are hiring statisticians.",
            "Brackton University",
            "Trials Statistics Group (TSG)",
        ),
        (  # a research centre the text places at a university
            "Center for Applied Soil Research",
            "The Center for Applied Soil Research (CASR) is an applied research center based out "
            "of the College of Engineering at the University of Lindholm. We map soils.",
            "University of Lindholm",
            "Center for Applied Soil Research (CASR)",
        ),
    ],
)
def test_a_company_value_naming_more_than_the_employer(
    company: str, body: str, want: str, unit: str | None
) -> None:
    p = parse_posting(f"Software Engineer\n\n{body}\n" + REQS, facts=_facts(company=company))
    assert p.company == want
    if unit:
        assert p.department == unit


@pytest.mark.parametrize(
    ("company", "body"),
    [
        ("University of California, Irvine", "We teach."),  # a comma inside the name
        ("Acme, Inc.", "We build tools."),
        ("Center for Applied Soil Research", "The Center maps soils for farmers."),  # no parent
        ("Brackton's Bakery", "We bake bread."),  # a possessive that is the name itself
    ],
)
def test_company_values_that_are_the_employer_as_written(company: str, body: str) -> None:
    p = parse_posting(f"Software Engineer\n\n{body}\n" + REQS, facts=_facts(company=company))
    assert p.company == company


def test_the_unit_a_sentence_says_the_job_works_within() -> None:
    p = parse_posting(
        "Software Developer\n\nThe Lindholm Observatory is looking to recruit a developer to "
        "work within its IT Department.\n" + REQS
    )
    assert p.department == "IT Department"


def test_a_brand_written_with_its_domain_keeps_it() -> None:
    p = parse_posting(
        "Technical Account Manager\n\nAt Quillstack, we help people build sites.\n\n"
        "### About Quillstack.io\n\nQuillstack.io is creating a CMS.\n\n"
        "Contact careers@quillstack.io with your resume.\n" + REQS
    )
    assert p.company == "Quillstack.io"


def test_a_name_that_is_not_written_with_its_domain_stays_bare() -> None:
    p = parse_posting(
        "Technical Account Manager\n\nAt Quillstack, we help people build sites. Quillstack "
        "is creating a CMS.\n\nContact careers@quillstack.io with your resume.\n" + REQS
    )
    assert p.company == "Quillstack"


# --------------------------------------------------------------------------- remote roles


@pytest.mark.parametrize(
    "sentence",
    ["This is a **remote** role, with some travel.", "The position is fully remote."],
)
def test_a_remote_role_outranks_the_headquarters(sentence: str) -> None:
    p = parse_posting(
        f"Technical Account Manager\n\n{sentence}\n\nOur HQ is located in Canada and we have "
        "people around the world.\n" + REQS
    )
    assert p.location == "Remote"


def test_remote_tools_do_not_make_a_remote_role() -> None:
    p = parse_posting(
        "Support Engineer\n\nYou will support our remote monitoring product. Our HQ is located in "
        "Canada.\n" + REQS
    )
    assert p.location == "Canada"


# --------------------------------------------------------------------------- titles


def test_the_heading_and_opening_sentence_outrank_a_front_matter_title() -> None:
    p = parse_posting(
        "# Quillstack - Software Development Engineer\n\nQuillstack is seeking a versatile "
        "Software Development Engineer to join our team.\n" + REQS,
        facts=_facts(title="Python/Django Developer"),
    )
    assert p.title == "Software Development Engineer"


def test_a_front_matter_title_the_sentence_does_not_contradict_stays() -> None:
    p = parse_posting(
        "# Quillstack - Software Development Engineer\n\nWe build tools for teachers.\n" + REQS,
        facts=_facts(title="Python/Django Developer"),
    )
    assert p.title == "Python/Django Developer"
    assert p.report.note("title").confidence < 0.5  # type: ignore[union-attr]


def _structured(title: str, location: str = "Kendal, GB") -> dict[str, dict[str, object]]:
    return {
        "title": {"value": title, "source": "JSON-LD JobPosting", "confidence": 0.95},
        "location": {"value": location, "source": "JSON-LD JobPosting", "confidence": 0.9},
        "company": {"value": "Harbourside Care", "source": "JSON-LD", "confidence": 0.95},
    }


@pytest.mark.parametrize("title", ["Staff Nurse - North West Other", "Staff Nurse - Kendal"])
def test_a_board_region_suffix_on_a_structured_title_is_dropped_and_said(title: str) -> None:
    p = parse_posting("Harbourside Care runs homes.\n" + REQS, facts=_structured(title))
    note = p.report.note("title")
    assert p.title == "Staff Nurse"
    assert note is not None and "region suffix" in note.source and note.confidence <= 0.7


def test_a_board_name_suffix_on_a_structured_title_is_doubted() -> None:
    p = parse_posting(
        "Harbourside Care runs homes.\n" + REQS,
        facts=_structured("Staff Nurse | CareJobs Network"),
    )
    assert p.report.note("title").confidence < 0.5  # type: ignore[union-attr]
    assert [d for d in p.report.doubts if d.field == "title"]


@pytest.mark.parametrize(
    "title", ["Senior Engineer - Payments", "Data Engineer - Platform Team", "Staff Nurse"]
)
def test_structured_titles_with_a_team_or_no_suffix_stay_sure(title: str) -> None:
    p = parse_posting("Harbourside Care runs homes.\n" + REQS, facts=_structured(title))
    assert p.title == title
    assert p.report.note("title").confidence >= 0.9  # type: ignore[union-attr]
