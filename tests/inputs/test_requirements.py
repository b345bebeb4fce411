"""Requirements are what the candidate must bring: shapes seen in real postings (made-up text),
each with a near miss that must stay as it is."""

from __future__ import annotations

import pytest

from referral_ai.inputs import parse_posting
from referral_ai.inputs.requirements import asked_of_you, find_requirements

# --------------------------------------------------------------------------- not asked of you


@pytest.mark.parametrize(
    "item",
    [
        "We respect technical mastery and give you autonomy to do your best work.",
        "Our team ships every day and celebrates small wins.",
        "At Northwind, we believe in learning together.",
        "The person in this role participates in quarterly planning.",
        "The successful applicant will work on soil sensors in either case.",
        "The selected candidate will be expected to lead research on soil sensors.",
        "In this role, you will own the reporting pipeline.",
        "You will have a noticeable impact on millions of readers.",
        "You'll work closely with the finance team.",
        "Northwind is a leading retailer of garden tools.",
        "Competitive salary and a generous pension.",
        "Health insurance for you and your family",
        "Join our friendly team in the heart of Leeds.",
    ],
)
def test_the_employer_its_offer_and_the_duties_are_not_asked_of_you(item: str) -> None:
    assert not asked_of_you(item)


@pytest.mark.parametrize(
    "item",
    [
        "We are looking for applicants with a PhD in soil science.",
        "We expect you to have five years of audit experience.",
        "Our ideal candidate has five years of SQL.",
        "You will have a PhD in soil science by the start date.",
        "A PhD is the minimum requirement.",
        "Python is a must.",
        "Fluency in Welsh is an advantage.",
        "5+ years of experience with flexible data models",
        "The role requires a valid driving licence.",
    ],
)
def test_what_the_candidate_must_bring_stays(item: str) -> None:
    assert asked_of_you(item)


def test_culture_and_duty_items_under_a_requirements_heading_are_left_out() -> None:
    reqs, _, _ = find_requirements(
        "Analyst\n\n## Requirements\n"
        "- Five years of accounting experience\n"
        "- We respect technical mastery and give you autonomy.\n"
        "- The person in this role participates in audits.\n"
        "- A CPA licence\n"
    )
    assert reqs == ["Five years of accounting experience", "A CPA licence"]


def test_prose_requirements_skip_duties_and_impact() -> None:
    reqs, _, _ = find_requirements(
        "Analyst\n\nThe person in this role participates in audits. You will have a noticeable "
        "impact on our products. You have five years of audit experience.\n"
    )
    assert reqs == ["You have five years of audit experience."]


# --------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    "heading",
    [
        "What you will bring to Northwind",
        "What you'll bring",
        "What You Bring",
        "Who you are",
        "What we look for",
        "What you'll need to succeed",
    ],
)
def test_bring_and_who_you_are_headings_head_requirements(heading: str) -> None:
    reqs, _, resp = find_requirements(
        f"Analyst\n\n## What you'll do\n- Close the books each month\n\n## {heading}\n"
        "- Five years of accounting experience\n- A CPA licence\n"
    )
    assert reqs == ["Five years of accounting experience", "A CPA licence"]
    assert resp == ["Close the books each month"]


def test_a_heading_that_only_mentions_bringing_is_not_a_requirements_heading() -> None:
    # near miss: a sentence, not a heading
    reqs, _, _ = find_requirements(
        "Analyst\n\nTell us what you will bring to the role when you apply; we read every letter "
        "and reply within two weeks of the closing date.\n- Five years of accounting experience\n"
    )
    assert reqs == []


# --------------------------------------------------------------------------- lost line breaks


def test_inline_bullets_of_a_posting_with_lost_line_breaks_are_split() -> None:
    text = (
        "Data Analyst at Northwind. Northwind is a leading retailer of garden tools, founded in "
        "1990 and growing. What you'll bring \u2022 3+ years of SQL \u2022 Strong Python skills "
        "\u2022 A degree in statistics Benefits \u2022 Health insurance \u2022 25 days annual leave"
    )
    reqs, _, _ = find_requirements(text)
    assert reqs == ["3+ years of SQL", "Strong Python skills", "A degree in statistics"]


def test_inline_dash_items_after_an_inline_heading_are_split() -> None:
    text = (
        "Northwind opened its first shop in 1990 and now runs forty shops across the north, "
        "with a warehouse in Leeds and a small office in York where the analysts sit together. "
        "Requirements: - Three years of retail analytics - Advanced Excel - A driving licence"
    )
    reqs, _, _ = find_requirements(text)
    assert reqs == ["Three years of retail analytics", "Advanced Excel", "A driving licence"]


def test_a_long_line_with_one_dash_is_prose() -> None:
    # near miss: a long sentence with a dash or two is not a list
    line = (
        "You have three years of retail analytics experience - ideally in garden retail - and "
        "you are comfortable presenting numbers to shop managers who are busy, so that a long "
        "sentence like this one stays one requirement and is never split into pieces."
    )
    reqs, _, _ = find_requirements(f"Analyst\n\n## Who you are\n{line}\n")
    assert reqs == [line]


def test_no_requirement_doubt_still_raised_when_only_culture_is_listed() -> None:
    p = parse_posting(
        "Library Assistant\n\n## Who you are\n- We value curiosity and kindness.\n"
        "- Our library is a friendly place.\n"
    )
    assert p.requirements == []
    assert any(d.message == "no requirements found" for d in p.report.doubts)


# --------------------------------------------------------------------------- more shapes


def test_someone_who_will_heads_duties_and_you_fit_in_if_heads_requirements() -> None:
    reqs, _, resp = find_requirements(
        "Analyst\n\n### We're looking for someone who will:\n- Review and report on service data\n\n"
        "### You'll fit right in if:\n- You have run surveys with Qualtrics\n"
    )
    assert resp == ["Review and report on service data"]
    assert reqs == ["You have run surveys with Qualtrics"]


def test_someone_with_still_heads_requirements() -> None:
    # near miss: "who has" / "with" is what the candidate brings
    reqs, _, _ = find_requirements(
        "Analyst\n\n### We're looking for someone who has:\n- Five years of audit experience\n"
    )
    assert reqs == ["Five years of audit experience"]


def test_inline_markup_sub_headings_split_essential_from_desirable() -> None:
    reqs, nice, _ = find_requirements(
        "Manager\n\n## Criteria\n<u>Essential\n- Deep knowledge of support services\n\n"
        "<u>Desirable\n- Experience in local government\n"
    )
    assert reqs == ["Deep knowledge of support services"]
    assert nice == ["Experience in local government"]


def test_an_item_cut_after_e_g_is_one_item() -> None:
    reqs, _, _ = find_requirements(
        "Engineer\n\n## Requirements\n"
        "    Skills with one or more languages, e.g. Python, JavaScript, Java, etc.\n"
        "    Good knowledge of algorithms. Data structures too.\n"
    )
    assert reqs[0] == "Skills with one or more languages, e.g. Python, JavaScript, Java, etc."


def test_how_applicants_are_rated_is_not_a_requirement() -> None:
    reqs, _, _ = find_requirements(
        "Associate\n\n## Qualifications\n- Two years of legislative experience\n"
        "- Candidates will be placed into categories of best qualified, qualified and not qualified.\n"
        "- Applicants will be rated on the extent of their experience.\n"
    )
    assert reqs == ["Two years of legislative experience"]


def test_it_would_be_great_if_you_are_familiar_with_heads_nice_to_haves() -> None:
    reqs, nice, _ = find_requirements(
        "Engineer\n\nAbout you:\n\n    Strong SQL skills.\n\n"
        "It would be great if you are familiar with:\n\n    Terraform, for our infrastructure.\n"
    )
    assert reqs == ["Strong SQL skills."]
    assert nice == ["Terraform, for our infrastructure."]


@pytest.mark.parametrize(
    "item",
    [
        "Selected candidates will be expected to start working remotely.",
        "Please note visa sponsorship is not available for this position",
        "A successful candidate's actual base salary will be determined by several factors.",
        "See our Benefits page for more details about the Company's benefit plans.",
        "Compensation and Benefits: $40/hour",
    ],
)
def test_conditions_pay_and_start_are_not_requirements(item: str) -> None:
    reqs, _, _ = find_requirements(f"Engineer\n\n## Requirements\n- Strong SQL skills\n- {item}\n")
    assert reqs == ["Strong SQL skills"]


def test_additional_information_heading_ends_the_requirements() -> None:
    reqs, _, _ = find_requirements(
        "Manager\n\nRequirements\n- Seven years as a product manager\n\nAdditional Information\n"
        "- We are based in Carlsbad.\n- Hybrid schedule\n"
    )
    assert reqs == ["Seven years as a product manager"]


@pytest.mark.parametrize(
    ("items", "required", "nice"),
    [
        (  # a stronger "plus", and a misspelt "preferred"
            ["Python", "Routing knowledge is a huge plus.", "Kubernetes experience is prefered."],
            ["Python"],
            ["Routing knowledge is a huge plus.", "Kubernetes experience is prefered."],
        ),
        (  # "a must" keeps the item required even with a plus clause
            ["Deep understanding of databases is a must, PostgreSQL experience is a plus."],
            ["Deep understanding of databases is a must, PostgreSQL experience is a plus."],
            [],
        ),
        (  # a plus clause of its own after a requirement
            ["Strong knowledge of Linux, familiarity with different distros is a plus."],
            ["Strong knowledge of Linux, familiarity with different distros is a plus."],
            [],
        ),
        (  # near miss: one list that is a plus as a whole
            ["Experience with Python, Java, or Go is a plus."],
            [],
            ["Experience with Python, Java, or Go is a plus."],
        ),
    ],
)
def test_preferences_and_must_haves(items: list[str], required: list[str], nice: list[str]) -> None:
    text = "Engineer\n\n## Requirements\n" + "".join(f"- {i}\n" for i in items)
    reqs, found_nice, _ = find_requirements(text)
    assert (reqs, found_nice) == (required, nice)


def test_an_item_wrapped_inside_parentheses_or_mid_phrase_is_one_item() -> None:
    reqs, _, _ = find_requirements(
        "Engineer\n\n### Requirements:\n"
        "- Deep knowledge of storage systems (NAS,\n  SAN, RAID, etc ...).\n"
        "- Hands on experience with\n  Object Store concepts.\n"
        "- Experience working with teams based in\n"
        "- Berlin and Cairo\n"
    )
    assert reqs[:2] == [
        "Deep knowledge of storage systems (NAS, SAN, RAID, etc ...).",
        "Hands on experience with Object Store concepts.",
    ]
    # near miss: "in" may end a phrase ("involved in"); the next bullet stays its own item
    assert reqs[2:] == ["Experience working with teams based in", "Berlin and Cairo"]


@pytest.mark.parametrize(
    "item",
    [
        "CV with a list of projects and publications you have been involved in.",
        "A cover letter describing your interest in the lab.",
        "Research Field: Biological sciences",
        "Job Type: Full-time",
        "IF you have followed up again and still no response, it's probably a bad fit either way.",
    ],
)
def test_materials_and_post_labels_are_not_requirements(item: str) -> None:
    assert not asked_of_you(item)


@pytest.mark.parametrize(
    "item", ["Education Level: PhD or equivalent", "Experience reviewing CVs and cover letters"]
)
def test_a_labelled_or_material_sounding_requirement_stays(item: str) -> None:
    # near misses: a label naming what is required; a skill that mentions CVs
    assert asked_of_you(item)


def test_preferred_but_not_required_is_a_nice_to_have() -> None:
    reqs, nice, _ = find_requirements(
        "Editor\n\n## Requirements\n- PhD\n- Postdoctoral experience preferred but not required\n"
        "- A working proficiency in English. Knowledge of German is not necessary.\n"
    )
    assert reqs == [
        "PhD",
        "A working proficiency in English. Knowledge of German is not necessary.",
    ]
    assert nice == ["Postdoctoral experience preferred but not required"]


def test_prose_requirements_are_read_paragraph_by_paragraph() -> None:
    reqs, _, _ = find_requirements(
        "Research Assistant\n\nSchool of Public Health, Northwind University\n\n"
        "Commence as soon as possible for one year\n\n"
        "Applicants should possess a degree in computer science. We offer a friendly team.\n"
    )
    assert reqs == ["Applicants should possess a degree in computer science."]
