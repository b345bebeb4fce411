"""Posting shapes seen in real postings (front matter, wrappers, academic headers, ATS links, other
languages), each reproduced by a small snippet written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from referral_ai.errors import InputError, ParseError
from referral_ai.inputs import load_posting, parse_posting, read_text
from referral_ai.inputs.materials import extract_materials
from referral_ai.models import Material

M = Material

# --------------------------------------------------------------------------- front matter


YAML_POSTING = """---
title: "Lundby University | Research Engineer in Soil Robotics"
date: 2031-03-01 00:00:00 -0400
layout: post
tags: [job]
author:
  name: Site Editor
  twitter: siteeditor
---
### About the position
The Department of Field Robotics at Lundby University invites applications for a research
engineer. Applicants should have a PhD in robotics or a related field.

### How to apply
Please send a cover letter and a CV to jobs@lundby.example.
"""


def test_yaml_front_matter_is_read_and_never_left_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(YAML_POSTING, encoding="utf-8")
    p = load_posting(path)
    assert p.title == "Research Engineer in Soil Robotics"
    assert p.company == "Lundby University"
    assert p.department == "Department of Field Robotics"
    assert "layout" not in p.text and "Site Editor" not in p.text and "name:" not in p.text
    assert p.text.startswith("### About the position")
    assert {m.material for m in p.required_materials} == {M.cover_letter, M.cv}
    note = p.report.note("title")
    assert note is not None and note.source == "front matter"


TOML_POSTING = """+++
# a page section made with a site builder
widget = "blank"
weight = 40
title = "Open positions"

[design]
  columns = "1"
+++

# Vacancies in the lab

- **Part-time data curation assistant**. We are looking for a part-time assistant to help
  curate survey data in the Survey Methods Lab at Harbour University. Closing date:
  {{< hl >}}04/11/2031{{< /hl >}}. To apply, email a CV and a cover letter to lab@harbour.ac.uk.
"""


def test_toml_front_matter_with_a_generic_title_and_shortcodes(tmp_path: Path) -> None:
    path = tmp_path / "vacancies.md"
    path.write_text(TOML_POSTING, encoding="utf-8")
    loaded = read_text(path, kind="posting")
    assert "widget" not in loaded.text and "{{" not in loaded.text and "columns" not in loaded.text
    assert "04/11/2031." in loaded.text  # the shortcode's inner text stays
    p = load_posting(path)
    assert p.title == "Part-time data curation assistant"
    assert p.company == "Harbour University"
    # a .ac.uk address: the numeric date is day first
    assert p.deadline == "2031-11-04"


GENERATOR_TEMPLATE = """Research Fellow, Eastfield
%%%
<a id="top"> </a><h1>Research Fellow in Ocean Modelling, School of Earth Sciences, University of Eastfield</h1>
<p>
The School of Earth Sciences at the University of Eastfield invites applications for a
Research Fellow. Applications submitted by March 3, 2031 will be considered.
Application materials:
</p>
<ul>
<li>Cover Letter</li>
<li>Curriculum Vitae</li>
<li>Two Letters of Recommendation</li>
</ul>
"""


def test_site_generator_header_and_html_body(tmp_path: Path) -> None:
    path = tmp_path / "fellow.tpl"
    path.write_text(GENERATOR_TEMPLATE, encoding="utf-8")
    p = load_posting(path)
    assert "%%%" not in p.text and "<h1>" not in p.text
    assert p.title == "Research Fellow in Ocean Modelling"
    assert p.company == "University of Eastfield"
    assert p.department == "School of Earth Sciences"
    assert p.deadline == "March 3, 2031"
    materials = {m.material: m for m in p.materials}
    assert set(materials) == {M.cover_letter, M.cv, M.reference_letters}
    assert materials[M.reference_letters].count == 2


def test_liquid_tags_images_and_attribute_lists_are_not_content() -> None:
    text = (
        "---\ntitle: Data Analyst\n---\n{% include base_path %}\nWe need a Data Analyst.\n"
        '![Banner](/img/banner.png){: .wide width="800" }\n{{ page.footer }}\n'
    )
    loaded = read_text(text.encode(), kind="posting")
    assert "include" not in loaded.text and "Banner" not in loaded.text
    assert "{:" not in loaded.text and "page.footer" not in loaded.text


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("front_title", "title", "company", "location"),
    [
        (
            "Norvik University | Postdoc in Glaciology",
            "Postdoc in Glaciology",
            "Norvik University",
            None,
        ),
        ("Hiring our next Operations Lead", "Operations Lead", None, None),
        (
            "Applications for Associate Professor Position Now Open",
            "Associate Professor",
            None,
            None,
        ),
        (
            "Lab Manager position at Brightwater Institute",
            "Lab Manager",
            "Brightwater Institute",
            None,
        ),
        ("Position in Leeds as a full-time Data Engineer", "Data Engineer", None, "Leeds"),
        ('title = "Platform Engineer"', "Platform Engineer", None, None),
        ("Postdocs", "Postdoc", None, None),
    ],
)
def test_front_matter_title_wrappers(
    front_title: str, title: str, company: str | None, location: str | None
) -> None:
    p = parse_posting(
        "We are growing our team.\n",
        facts={"title": {"value": front_title, "source": "front matter", "confidence": 0.8}},
    )
    assert (p.title, p.company, p.location) == (title, company, location)


def test_title_unit_organisation_heading_is_split() -> None:
    p = parse_posting(
        "Tenure-Track Assistant Professorship, DMS, University of Westmere, Calder\n\n"
        "The Department of Marine Science at the University of Westmere invites applications.\n"
    )
    assert p.title == "Tenure-Track Assistant Professorship"
    assert p.company == "University of Westmere, Calder"
    assert p.department == "Department of Marine Science"  # "DMS" spelled out by the text


def test_opening_sentence_names_the_job_more_fully_than_the_heading() -> None:
    p = parse_posting(
        "Postdoctoral Fellowship Position\n\n"
        "Dr. Ana Ruiz invites applications for a Postdoctoral Research Fellowship position at "
        "Carden University starting next spring.\n"
    )
    assert p.title == "Postdoctoral Research Fellowship"
    assert p.company == "Carden University"


def test_a_lab_banner_and_a_persons_name_are_not_titles() -> None:
    p = parse_posting(
        "Ines Moreau\n\nA postdoctoral position is available in the Coastal Dynamics lab at "
        "Marlow University. The successful candidate will have a PhD in oceanography.\n",
        facts={"title_page": {"value": "Ines Moreau", "source": "<title>", "confidence": 0.4}},
    )
    assert p.title == "Postdoctoral position"
    assert p.company == "Marlow University"
    assert p.department == "Coastal Dynamics lab"


def test_team_in_parentheses_is_the_department_and_hashes_close_headings() -> None:
    p = parse_posting("## Backend Engineering Lead (Billing Systems) ##\n#### Austin, TX\n")
    assert (p.title, p.department, p.location) == (
        "Backend Engineering Lead",
        "Billing Systems",
        "Austin, TX",
    )


def test_structured_facts_win_over_heuristics() -> None:
    p = parse_posting(
        "Welcome to our careers site\n\nJoin Globex and build things.\n",
        facts={
            "title": {
                "value": "Site Reliability Engineer",
                "source": "JSON-LD JobPosting",
                "confidence": 0.95,
            },
            "company": {"value": "Initech Ltd", "source": "JSON-LD JobPosting", "confidence": 0.95},
            "identifiers": {
                "value": [{"label": "requisition", "value": "REQ-5521"}],
                "source": "JSON-LD JobPosting",
                "confidence": 0.9,
            },
            "deadline": {"value": "2031-05-01", "source": "JSON-LD JobPosting", "confidence": 0.9},
        },
    )
    assert (p.title, p.company, p.req_id, p.deadline) == (
        "Site Reliability Engineer",
        "Initech Ltd",
        "REQ-5521",
        "2031-05-01",
    )
    assert p.report.note("company") is not None
    assert p.report.note("company").source == "JSON-LD JobPosting"  # type: ignore[union-attr]


# --------------------------------------------------------------------------- company, ids, dates


def test_department_field_is_not_the_company() -> None:
    p = parse_posting(
        "Job Information\n- Organisation/Company: Hollis Medical School\n"
        "- Department: Centre for Imaging\n- Job Title: Imaging Scientist\n"
    )
    assert (p.title, p.company, p.department) == (
        "Imaging Scientist",
        "Hollis Medical School",
        "Centre for Imaging",
    )


def test_unit_with_its_parent_in_parentheses() -> None:
    p = parse_posting(
        "Research Assistant in Hydrology\n\n"
        "The Department of Water Science (Tarn University, Tarn Climate Centre, Norway) invites "
        "applicants for a research assistant post.\n"
    )
    assert p.company == "Tarn University"
    assert p.department == "Department of Water Science (Tarn Climate Centre)"


def test_company_from_the_postings_own_domain() -> None:
    p = parse_posting(
        "## Senior Frontend Developer\n"
        "Brisklo started in a small studio and now ships to millions of shoppers.\n\n"
        "Write to careers@brisklo.example to apply.\n"
    )
    assert p.company == "Brisklo"


@pytest.mark.parametrize(
    ("line", "req_id"),
    [
        (
            "Apply: https://acme.wd1.myworkdayjobs.com/Careers/job/Boston/Data-Analyst_JR44120",
            "JR44120",
        ),
        ("Apply: https://www.jobboard-ats.example/en/available-jobs/job/451277/analyst", "451277"),
        ("Apply here (https://uni.varbi.com/en/what:login/jobID:661203/type:job)", "661203"),
        ("Class Code:       4471", "4471"),
        ("REFERENCE NO. 3120/0522", "3120/0522"),
        ("Source: https://euraxess.ec.europa.eu/jobs/112233", None),  # a job board's listing
        ("Funded by grant agreement GA 101186001.", None),
    ],
)
def test_identifiers_with_labels(line: str, req_id: str | None) -> None:
    p = parse_posting(f"Data Analyst\n\n{line}\n")
    assert p.req_id == req_id
    if req_id:
        assert any(i.value == req_id for i in p.identifiers)


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Closing date: 10/12/2031. Salary £30,000.", "2031-12-10"),
        ("Closing date: 10/12/2031. Salary $60,000.", "2031-10-12"),
        ("Closing date: 23/12/2031.", "2031-12-23"),
        ("Review of applications begins May 1, 2031 and continues until filled.", None),
        ("Applications submitted by November 15, 2031 will be considered.", "November 15, 2031"),
        ("The deadline for applications is the 2nd of June 2031.", "2031-06-02"),
    ],
)
def test_deadlines(text: str, deadline: str | None) -> None:
    assert parse_posting(f"Data Analyst\n\n{text}\n").deadline == deadline


@pytest.mark.parametrize(
    ("opening", "location"),
    [
        ("Both teams are located at the harbour campus in Tromsø, Norway.", "Tromsø, Norway"),
        ("Please note: you must be living in the Netherlands to apply.", "Netherlands"),
        ("We are a friendly team of six.", None),
    ],
)
def test_location_from_the_opening_paragraphs(opening: str, location: str | None) -> None:
    assert parse_posting(f"Data Analyst\n\n{opening}\n").location == location


# --------------------------------------------------------------------------- language


GERMAN = (
    "Wissenschaftliche Mitarbeiterin / Wissenschaftlicher Mitarbeiter (m/w/d)\n\n"
    "Die Universität sucht zum nächstmöglichen Zeitpunkt eine engagierte Persönlichkeit für "
    "Forschung und Lehre im Bereich Wasserwirtschaft. Ihre Aufgaben umfassen die eigenständige "
    "Bearbeitung von Forschungsprojekten, die Betreuung von Studierenden und die Mitarbeit in der "
    "Lehre. Wir erwarten einen überdurchschnittlichen Hochschulabschluss und sehr gute "
    "Deutschkenntnisse. Bitte senden Sie Ihre Bewerbung mit den üblichen Unterlagen.\n"
)


def test_a_german_posting_is_declined_in_one_line() -> None:
    with pytest.raises(ParseError) as exc:
        parse_posting(GERMAN, source="stelle.md")
    message = str(exc.value)
    assert "German" in message and "language" in message and "\n" not in message
    assert isinstance(exc.value, InputError)


def test_bilingual_posting_with_an_english_part_is_read() -> None:
    english = (
        "Professor of Linguistics\n\nEnglish version (unofficial)\n\n"
        "The university invites applications for a professor of linguistics. The successful "
        "candidate will teach undergraduate and graduate courses and lead a research group. "
        "Please send a letter of motivation and a detailed CV by 1 May 2031.\n\n"
    )
    french = (
        "Version française (officielle)\n\nL'université met au concours un poste de professeur "
        "ordinaire en linguistique. La personne retenue enseignera aux niveaux bachelor et master "
        "et dirigera un groupe de recherche. Les dossiers de candidature comprendront une lettre de "
        "motivation et un curriculum vitae détaillé. Les candidatures doivent parvenir au décanat.\n"
    )
    p = parse_posting(english + french)
    assert p.language == "en"
    assert p.title == "Professor of Linguistics"


# --------------------------------------------------------------------------- requirements


def test_boilerplate_is_not_a_requirement_and_prose_requirements_are_found() -> None:
    p = parse_posting(
        "Field Technician\n\n"
        "You will maintain sensors across the county. You have a valid driver's licence and two "
        "years of field experience. The ideal candidate is comfortable working outdoors.\n\n"
        "Requirements\n"
        "- The City is an equal opportunity employer and does not discriminate.\n"
        "- Offers are contingent on a background check.\n"
    )
    assert p.requirements == [
        "You have a valid driver's licence and two years of field experience.",
        "The ideal candidate is comfortable working outdoors.",
    ]


def test_no_requirements_is_a_doubt() -> None:
    p = parse_posting("Library Assistant\n\nWe are a small library in the valley.\n")
    assert p.requirements == []
    assert any(d.message == "no requirements found" for d in p.report.doubts)


# --------------------------------------------------------------------------- materials


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a lead sentence ending in a colon heads the list under it
            "Interested candidates should e-mail the following application materials:\n\n"
            " 1. Cover letter describing your past work.\n\n 2. CV with publications.\n",
            {M.cover_letter: True, M.cv: True},
        ),
        (
            "The application must contain:\n- Cover Letter (1 page): why this role.\n"
            "- Educational Certificates: copy of your doctoral degree.\n",
            {M.cover_letter: True, M.transcripts: True},
        ),
        (  # later / at interview / solicited: not sent now
            "Send your CV. Contact details for two referees should be provided during a possible "
            "interview. Three letters of recommendation (will be solicited after the initial review).",
            {M.cv: True},
        ),
        (  # a duty is not a material
            "In this role you will produce case studies and maintain our portfolio of courses. "
            "Please send your resume.",
            {M.resume: True},
        ),
        (  # an online form or recruitment system
            "Applications will only be accepted on-line. Please register your application via the "
            "recruitment system and upload a CV.",
            {M.application_form: True, M.cv: True},
        ),
        (  # the employer's start date is not a request for availability
            "The expected start date is 1 September 2031. Please submit a CV.",
            {M.cv: True},
        ),
        (  # the standard phrasing of the main application is not "optional"
            "Interested applicants are encouraged to submit a cover letter, CV, and contact info "
            "for 3 references.",
            {M.cover_letter: True, M.cv: True, M.references: True},
        ),
        (  # referees who send letters are not a second material
            "Two confidential letters of reference should be sent directly by the referees.",
            {M.reference_letters: True},
        ),
    ],
)
def test_materials_shapes(text: str, expected: dict[Material, bool]) -> None:
    assert {m.material: m.required for m in extract_materials(text)} == expected


@pytest.mark.parametrize(
    ("text", "material", "count"),
    [
        ("Please submit three writing samples and a CV.", M.writing_sample, 3),
        ("Please submit three writing samples and a CV.", M.cv, None),
        ("Submit a CV and contact info for 3 references.", M.references, 3),
        ("Please include:\n- List of references (three or more).", M.references, 3),
        ("Submit a 3-5-page research plan.", M.research_statement, None),
    ],
)
def test_material_counts(text: str, material: Material, count: int | None) -> None:
    found = {m.material: m for m in extract_materials(text)}
    assert found[material].count == count


_JSON_PAGE = """{
    "layout": "jobs/single",
    "title": "Data Engineer",
    "company": "Northwind Analytics",
    "location": "Leeds",
    "tags": ["all", "engineering"],
    "job": {
        "intro": "Northwind Analytics is hiring a Data Engineer to build our pipelines.",
        "heading": "What you bring",
        "point1": "You have three years of experience with Python and SQL.",
        "point2": "You have built batch pipelines on a cloud warehouse."
    }
}
"""


def test_json_front_matter_page_is_a_posting_not_a_json_resume(tmp_path: Path) -> None:
    # Hugo writes front matter as a JSON object; some sites keep the whole page in its fields.
    path = tmp_path / "data-engineer.md"
    path.write_text(_JSON_PAGE, encoding="utf-8")
    posting = load_posting(path)
    assert posting.title == "Data Engineer"
    assert posting.company == "Northwind Analytics"
    assert "jobs/single" not in posting.text and '"layout"' not in posting.text
    assert "three years of experience with Python" in posting.text


def test_json_front_matter_then_a_body(tmp_path: Path) -> None:
    path = tmp_path / "job.md"
    path.write_text(
        '{"title": "Data Engineer", "company": "Northwind Analytics"}\n\n'
        "Northwind Analytics is hiring a Data Engineer.\n\n## Requirements\n\n"
        "- Three years of experience with Python and SQL.\n",
        encoding="utf-8",
    )
    posting = load_posting(path)
    assert posting.title == "Data Engineer" and posting.company == "Northwind Analytics"
    assert "{" not in posting.text


def test_a_json_file_is_still_refused_as_a_posting(tmp_path: Path) -> None:
    path = tmp_path / "job.json"
    path.write_text(_JSON_PAGE, encoding="utf-8")
    with pytest.raises(InputError, match="JSON"):
        load_posting(path)
