"""Resume role shapes from layouts nobody tuned on: employers written with their units or a place,
"Title, Unit, Organisation, dates" lines of academic CVs, German headings and job words, a dated
line that names title and employer above its description, the kind of engagement beside a title.

Every snippet is written for the test and reproduces a *shape* (a line layout) seen in real
resumes; real-document behaviour is measured on the corpus by ``benchmarks/bench_parsing.py``.
"""

from __future__ import annotations

import pytest

from referral_ai.inputs import parse_resume
from referral_ai.inputs.resume import _organisation


def roles_of(text: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(r.title, r.employer, r.start, r.end) for r in parse_resume(text).roles]


@pytest.mark.parametrize(
    ("written", "organisation"),
    [
        # a unit before the organisation is left out; units after it stay as written
        (
            "Ocean Robotics Lab, Northfield University, School of Engineering",
            "Northfield University, School of Engineering",
        ),
        ("College of Letters and Sciences, NFU", "NFU"),
        (
            "Marine Systems Centre and School of Physics, University of Westbay, Norway",
            "University of Westbay",
        ),
        ("Kestrel College, Department of History", "Kestrel College, Department of History"),
        # a place, an address or "City, ST" after the employer is not part of it
        ("Bramble Bakery, Toronto", "Bramble Bakery"),
        ("Harbour Analytics, Belgium", "Harbour Analytics"),
        ("Grace Chapel, 12, Palm Road, Lagos", "Grace Chapel"),
        ("Northwind Foundry, Clay Springs, NY", "Northwind Foundry"),
        # a company suffix and a branch belong to the name
        ("Quillon Systems, Inc.", "Quillon Systems, Inc."),
        ("Fenwick & Hale CPAs, Eastport Branch", "Fenwick & Hale CPAs, Eastport Branch"),
    ],
)
def test_employer_from_the_organisation_on(written: str, organisation: str) -> None:
    assert _organisation(written) == organisation


def test_academic_title_unit_organisation_dates_lines() -> None:
    text = (
        "Jane Example\njane@example.org\n\nACADEMIC APPOINTMENTS\n"
        "Professor, History, NFU, 2021 - present.\n"
        "Associate Professor, Games and Interactive Media, NFU, 2016 - 2021.\n"
        "Assistant Professor, Digital Media, University of Westbay, 2012 - 2016.\n"
        "PUBLISHED BOOKS\n"
        "Example, Jane. A Book About Things. Westbay Press, 2020.\n"
    )
    assert roles_of(text) == [
        ("Professor", "NFU", "2021", "Present"),
        ("Associate Professor", "NFU", "2016", "2021"),
        ("Assistant Professor", "University of Westbay", "2012", "2016"),
    ]


def test_german_heading_and_job_words_on_a_complete_dated_line() -> None:
    text = (
        "Max Mustermann\nmax@example.de\n\nBeruflicher Werdegang\n"
        "03/2018 \u2013 07/2018 Berufspraktikum, Nordlicht Logistik GmbH, Linz.\n"
        "Entwicklung eines Wartungssystems für Förderanlagen\n"
        "02/2011 \u2013 09/2013 Vollzeit: Monteur im Anlagenbau, Brandtner, Bad-Ischl.\n"
        "Aufgaben:\n"
        "- Montage von Sondermaschinen\n"
    )
    assert roles_of(text) == [
        ("Berufspraktikum", "Nordlicht Logistik GmbH", "03/2018", "07/2018"),
        ("Monteur im Anlagenbau", "Brandtner", "02/2011", "09/2013"),
    ]


def test_engagement_kind_beside_the_title_is_not_part_of_it() -> None:
    text = (
        "Sam Example\nsam@example.com\n\nExperience\n"
        "Product Designer (Contract) | Lumen Pay\nOct 2025 \u2013 May 2026\n"
        "- Redesigned onboarding flows for a payments app.\n"
        "Brand Designer (Full-Time) | Starling Works\nAug 2022 \u2013 Feb 2025\n"
        "- Built a visual system used across the web site.\n"
    )
    assert roles_of(text) == [
        ("Product Designer", "Lumen Pay", "Oct 2025", "May 2026"),
        ("Brand Designer", "Starling Works", "Aug 2022", "Feb 2025"),
    ]


def test_employer_with_a_place_after_it_on_the_dated_line() -> None:
    text = (
        "Tina Example\ntina@example.com\n\nEXPERIENCE\n"
        "Marketing Assistant\nBramble Bakery, Toronto | March 2021 - Present\n"
        "- Ran social media campaigns for the shop.\n"
    )
    assert roles_of(text) == [("Marketing Assistant", "Bramble Bakery", "March 2021", "Present")]


def schools_of(text: str) -> list[str]:
    return [e.institution for e in parse_resume(text).education]


def test_education_grade_with_three_decimals_and_a_town_after_the_school() -> None:
    text = (
        "Isa Example\nisa@example.com\n\nEDUCATION\n"
        "Maple Community College, Brookton \u2014 2 semesters,\nGPA 3.852\n"
        "August 2021 - May 2022\n"
        "Harlow University, St. Ives \u2014 Working towards a Bachelor\u2019s degree in English,"
        " GPA 3.89\nAugust 2023-PRESENT\n"
    )
    assert schools_of(text) == ["Maple Community College", "Harlow University"]


def test_linkedin_school_over_a_line_of_dates_alone() -> None:
    text = (
        "Ari Example\nari@example.com\n\nEducation\n"
        "Northfield Institute of Technology\n"
        "Bachelor's degree, Artificial Intelligence \u00b7 (September 2024 - September 2028)\n"
        "Lighthouse\n\u00b7 (2023 - 2024)\n"
    )
    assert schools_of(text) == ["Northfield Institute of Technology", "Lighthouse"]


def test_a_school_of_under_its_university_is_a_unit_and_a_tech_is_a_school() -> None:
    text = (
        "Han Example\nhan@example.com\n\nEDUCATION\n"
        "Westbay University\nCarver School of Business\nOxford, OH \u2014 May 2015\n"
        "Bachelor of Science in Business\n"
        "Georgia Tech: Supply Chain Project Management certification (04/19 - 08/20)\n"
    )
    assert schools_of(text) == ["Westbay University", "Georgia Tech"]


def test_years_full_stop_degree_field_institution_country() -> None:
    text = (
        "Al Example\nal@example.org\n\nEducation\n"
        "2010-2013. Doctor of Philosophy (PhD), Zoology, University of Westbay, New Zealand.\n"
        "2008-2009. Master of Science and Diploma of Kestrel College (MSc. DIC), Ecology,"
        " Kestrel College London, United Kingdom.\n"
    )
    assert schools_of(text) == ["University of Westbay", "Kestrel College London"]


def test_years_full_stop_title_full_stop_units_and_organisation() -> None:
    text = (
        "Al Example\nal@example.org\n\nRelevant Employment\n"
        "2018 \u2013 Present. Research Fellow. Marine Centre and School of Physics,"
        " University of Westbay, Norway.\n"
        "2014. Guest Lecturer, Coastal Ecology. Department of Zoology, University of Eastport,"
        " New Zealand.\n"
    )
    assert roles_of(text) == [
        ("Research Fellow", "University of Westbay", "2018", "Present"),
        ("Guest Lecturer", "University of Eastport", "2014", "2014"),
    ]


def test_employer_and_dates_then_title_and_place_on_two_tabbed_lines() -> None:
    text = (
        "Jo Example\njo@example.com\n\nExperience\n"
        "Harbour Capital Partners\tJun. 2025 \u2013 Sept. 2025\n"
        "Equity Research Intern\tShanghai, CN\n"
        "\u2022 Compiled market reports on oil and gas.\n"
    )
    roles = parse_resume(text).roles
    assert [(r.title, r.employer, r.location) for r in roles] == [
        ("Equity Research Intern", "Harbour Capital Partners", "Shanghai, CN")
    ]
