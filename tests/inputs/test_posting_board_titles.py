"""Job-board title shapes (written for the test): a heading that links to the application, and a
front-matter title written "Employer: Title"."""

from __future__ import annotations

from pathlib import Path

import pytest

from referral_ai.errors import ParseError
from referral_ai.inputs import load_posting, parse_posting

REQS = """
## Requirements
- Experience designing training programmes
- Clear written English
"""


def test_a_heading_that_links_to_the_application_gives_its_words_as_the_title() -> None:
    p = parse_posting(
        "# [Training Lead](https://board.example/apply/training-lead)\n### brightline\n\n"
        "## Description\n\nBrightline Capital is looking for a Training Lead to join our People "
        "team. Brightline Capital builds payment software.\n" + REQS
    )
    assert p.title == "Training Lead"
    assert p.company == "Brightline Capital"


def test_employer_colon_title_splits_into_title_and_company() -> None:
    p = parse_posting(
        "title: Northfield Legal Aid Center: Policy Analyst\n\nThe Policy Analyst will study "
        "housing data.\n" + REQS
    )
    assert p.title == "Policy Analyst"
    assert p.company == "Northfield Legal Aid Center"


def test_a_title_with_a_colon_that_is_not_an_employer_stays_whole() -> None:
    p = parse_posting(
        "Postdoc: A Prototype Forecasting System for River Flows\n\nA postdoctoral position is "
        "available in the Hydrology Lab at Eastmoor University.\n" + REQS
    )
    assert p.title == "Postdoc: A Prototype Forecasting System for River Flows"


def test_an_about_the_role_heading_in_capitals_is_not_the_employer() -> None:
    p = parse_posting(
        "About the job\n\nWe are looking for an AI Software Developer.\n\nAbout The Role\n\n"
        "Join Quillpay as a Software Engineer. At Quillpay, we publish our pay bands. "
        "Why join Quillpay? Quillpay is growing fast.\n" + REQS
    )
    assert p.company == "Quillpay"


def test_a_corehr_job_specification_address_gives_the_job_id() -> None:
    p = parse_posting(
        "Research Associate in Speech\n\n[Apply online now](https://my.corehr.example/pls/uni/"
        "erq_jobspec_version_4.jobspec?p_id=012345)\n" + REQS
    )
    assert p.req_id == "012345"


def test_load_posting_takes_the_title_the_user_gives(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "We are hiring someone to run our front desk in Leeds.\n\nYou have two years in hospitality.\n",
        encoding="utf-8",
    )
    with pytest.raises(ParseError, match="--title"):
        load_posting(posting)
    read = load_posting(posting, title="Receptionist")
    assert read.title == "Receptionist"
    assert any("you gave" in (n.source or "") for n in read.report.fields if n.field == "title")
