"""Posting shapes from the fourth development pass: a title's suffix the text never names, a
domain's name inside the organisation's full name, a headline over a kind of post, a place
appended to a title. Each is a small snippet written for the test."""

from __future__ import annotations

from pathlib import Path

from tests.inputs.conftest import blocking_fields, load_snippet

SUFFIX_NOT_NAMED = """---
title: Backend Engineer - Data Pipelines, Cloud Tooling
author: Jo Marsh
---

#### About us

- Quillfeather is a small, remote-first team building data pipelines.
- Write to us at hiring@quillfeather.example.

#### About you

- Strong experience with Python and SQL.
"""


def test_a_title_suffix_the_text_never_names_is_not_the_employer(tmp_path: Path) -> None:
    p = load_snippet(tmp_path, SUFFIX_NOT_NAMED)
    # the suffix lists the job's areas: part of the title as the posting writes it
    assert p.title == "Backend Engineer - Data Pipelines, Cloud Tooling"
    assert p.company == "Quillfeather"  # the e-mail domain's name, which the text writes


def test_an_unnamed_title_suffix_with_nothing_better_is_doubted(tmp_path: Path) -> None:
    text = SUFFIX_NOT_NAMED.replace("Quillfeather is", "We are").replace(
        "hiring@quillfeather.example", "us by e-mail"
    )
    p = load_snippet(tmp_path, text)
    assert p.company in (None, "Data Pipelines, Cloud Tooling")
    assert "company" in blocking_fields(p)


DOMAIN_INSIDE_NAME = """---
title: Postdoctoral Fellowship
---

# Postdoctoral Fellowship

The [Language Lab](http://langlab.example) at the University of Harwick seeks a postdoctoral
fellow in computational semantics. Questions go to lab@harwick.example.

Applicants should have a PhD in Linguistics by the start date.
"""


def test_a_domain_name_inside_the_organisation_s_full_name_gives_the_full_name(
    tmp_path: Path,
) -> None:
    assert load_snippet(tmp_path, DOMAIN_INSIDE_NAME).company == "University of Harwick"


KIND_OF_POST = """---
title: Postdoctoral opportunities at Delmont University
---

Delmont University has postdoctoral positions available in river ecology.

Applicants should have a PhD in ecology.
"""


def test_a_headline_over_a_kind_of_post_is_a_blocking_doubt(tmp_path: Path) -> None:
    p = load_snippet(tmp_path, KIND_OF_POST)
    assert p.company == "Delmont University"
    assert "title" in blocking_fields(p)


PLACE_APPENDED = """# Research Fellow on Glacier Modelling in Tarnby

The University of Tarnby looks forward to filling a research fellow position.

The University Tarnby offers a two-year contract.

## Qualifications

* A PhD in geophysics.
"""


def test_the_employer_s_town_appended_to_a_title_is_the_place(tmp_path: Path) -> None:
    p = load_snippet(tmp_path, PLACE_APPENDED)
    assert p.title == "Research Fellow on Glacier Modelling in Tarnby"  # as the posting writes it
    assert p.location == "Tarnby"
    assert p.company == "University of Tarnby"  # as the text first writes it, with "of"
    assert not blocking_fields(p)


BLOCKQUOTE_LABELS = """
>Department: Housing and Planning Services
>Grade: B4
>Position Designation: Application Support Analyst

## Purpose of Job:

To keep the housing systems running for Eastfold Council staff.

## Person Specification

* Experience supporting business applications.
"""


def test_labels_in_a_markdown_blockquote_are_read_as_labels(tmp_path: Path) -> None:
    p = load_snippet(tmp_path, BLOCKQUOTE_LABELS)
    assert p.title == "Application Support Analyst"  # a job, not an "Applications ..." headline
    assert p.department == "Housing and Planning Services"
    assert "title" not in blocking_fields(p)


def test_a_headline_inviting_applications_is_still_doubted() -> None:
    from referral_ai.inputs.report import _title_doubt

    assert _title_doubt("Applications invited for a Data Steward") is not None
    assert _title_doubt("Application Support Analyst") is None


def test_a_bold_deadline_for_application_singular(tmp_path: Path) -> None:
    text = (
        "# Research Engineer in Robotics\n\n"
        "- Deadline for application: **March 3rd, 2031**\n"
        "- Starting date: May 1st, 2031\n\n"
        "The Robotics Group at Westmarch University seeks a research engineer.\n"
    )
    assert load_snippet(tmp_path, text).deadline == "March 3rd, 2031"
