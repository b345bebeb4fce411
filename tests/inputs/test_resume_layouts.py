"""Resume line shapes, contact forms, DOCX layout (styles, text boxes, headers), JSON Resume faults.

Every snippet is written for the test and reproduces a *shape* seen in real resumes; real-document
behaviour is measured on the corpus by ``benchmarks/bench_parsing.py``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest

from referral_ai.errors import InputError
from referral_ai.inputs import load_resume, parse_resume
from referral_ai.inputs.reading import read_text


def roles_of(text: str) -> list[tuple[str | None, str | None]]:
    return [(r.title, r.employer) for r in parse_resume(text).roles]


# --------------------------------------------------------------------------- role line shapes


def test_employer_city_state_dash_title_then_dates() -> None:
    text = (
        "Pat Doe\npat@example.com\n\nEXPERIENCE\n"
        "Harbor Media, Denver, CO \u2014 CFO\nOctober 2019 - Present\n"
        "\u25cf Built financial models.\n"
        "Tillwise, Provo, UT \u2014 Draftsman\nMay 2015 - April 2017\n"
        "\u25cf Drew plans for the shop floor\n"
        "and kept them current.\n"
    )
    r = parse_resume(text)
    assert [(x.title, x.employer, x.location, x.start, x.end) for x in r.roles] == [
        ("CFO", "Harbor Media", "Denver, CO", "October 2019", "Present"),
        ("Draftsman", "Tillwise", "Provo, UT", "May 2015", "April 2017"),
    ]
    assert r.roles[1].bullets == ["Drew plans for the shop floor and kept them current."]


def test_linkedin_block_employer_title_dates_duration_location() -> None:
    text = (
        "Experience\n"
        "Kestrel Cloud Ltd\n"
        "Serverless Engineer | Contact Centre Integration Specialist\n"
        "April 2024 - Present (1 year 9 months)\n"
        "Hamilton, Waikato, New Zealand\n"
        "Developing & optimizing serverless functions for call routing\n"
        "Northgate University of Sciences\n"
        "Project Intern\n"
        "August 2021 - March 2022 (8 months)\n"
        "Lahore, Punjab, Pakistan\n"
        "Processed and cleaned audio data for training\n"
        "Page 1 of 2\n"
    )
    r = parse_resume("Sam Rivera\n" + text)
    assert [(x.title, x.employer) for x in r.roles] == [
        ("Serverless Engineer | Contact Centre Integration Specialist", "Kestrel Cloud Ltd"),
        ("Project Intern", "Northgate University of Sciences"),
    ]
    assert r.roles[0].location == "Hamilton, Waikato, New Zealand"
    assert r.roles[0].bullets == ["Developing & optimizing serverless functions for call routing"]


def test_several_titles_under_one_employer_with_dates_first() -> None:
    text = (
        "Lee Park\n\nEMPLOYMENT\n"
        "THE UNIVERSITY OF NORTHWOOD\n"
        "2023 - Present | Associate Professor (tenured)\n"
        "2016 - 2023 | Assistant Professor\n"
        "ACME AUDIT PARTNERS\n"
        "2011 \u2013 2012 | Senior Auditor\n"
        "2009 \u2013 2011 | Staff Auditor\n"
        "PEER REVIEWED PUBLICATIONS\n"
        "1. A paper about auditors. Journal of Things, 2020.\n"
    )
    assert roles_of(text) == [
        ("Associate Professor (tenured)", "THE UNIVERSITY OF NORTHWOOD"),
        ("Assistant Professor", "THE UNIVERSITY OF NORTHWOOD"),
        ("Senior Auditor", "ACME AUDIT PARTNERS"),
        ("Staff Auditor", "ACME AUDIT PARTNERS"),
    ]


def test_date_column_first_then_title_then_caps_employer_then_city() -> None:
    text = (
        "Robin Vale\n\nTEACHING EXPERIENCE\n"
        "2019 -\tMath Lecturer\nWESTFIELD COLLEGE, DEPARTMENT OF MATHEMATICS\nWestfield, VT, USA\n"
        "\u2022 taught calculus\n"
        "2019 -\tInstructor\nCODE CARPENTRY\nVarious Locations\n"
        "2015 - 2019 Learning Specialist\nSTATE UNIVERSITY, TUTORING CENTER\nDavis, CA, USA\n"
        "VOLUNTEER EXPERIENCE\n"
        "2016 - 2019 Mentor\nGUARDIAN PROGRAM\n"
    )
    assert roles_of(text) == [
        ("Math Lecturer", "WESTFIELD COLLEGE, DEPARTMENT OF MATHEMATICS"),
        ("Instructor", "CODE CARPENTRY"),
        ("Learning Specialist", "STATE UNIVERSITY, TUTORING CENTER"),
    ]


def test_title_line_then_employer_with_city_and_dates_after_a_bar() -> None:
    text = (
        "Work Experience\n\nSoftware Developer\nTrue Widgets, St. Peters, Mo. | 2019- Present\n"
        "- Rewrote the customer API.\n\nFactory Department Lead\n"
        "True Widgets, St. Peters, Mo. | 2007- 2019\n- Managed production goals.\n"
    )
    assert roles_of("Aaron Example\n" + text) == [
        ("Software Developer", "True Widgets"),
        ("Factory Department Lead", "True Widgets"),
    ]


def test_projects_awards_and_research_entries_are_not_roles() -> None:
    text = (
        "Kim Lane\n\nINTERNSHIP & RESEARCH EXPERIENCE\n"
        "\u201cSoftware Engineering Intern\u201d\t2016\nOrchard Computers\nCupertino, California\n"
        "Manager: Hong Zhu\n\n"
        "\u201cQuantifying Seaweed Boundaries Near the Gulf Stream\u201d\t2016\n"
        "Coastal State University\nMentor: A. Person\n\n"
        "AWARDS, HONORS, & SCHOLARSHIPS\n"
        "Orchard Scholars Ambassador\t2016-Present\n"
        "PROJECTS\n"
        "Campus Network System December 2025\n\u2022 Built a network.\n"
    )
    assert roles_of(text) == [("Software Engineering Intern", "Orchard Computers")]


def test_web_address_email_and_city_are_never_title_or_employer() -> None:
    text = (
        "Ana Ruiz\n\nExperience\n"
        "2025 - Present | Founder | paideum.example.com\nPAIDEUM LEARNING\n"
        "Designer, ana@example.com, Austin, TX | 2019 - 2021\n"
    )
    for title, employer in roles_of(text):
        for value in (title, employer):
            assert value is None or ("@" not in value and ".com" not in value)
            assert value not in {"Austin", "Austin, TX"}


def test_markdown_with_inline_html_and_front_matter() -> None:
    text = (
        "---\nlayout: page\ntitle: Resume\n---\n{% include nav %}\n"
        "<h2>Experience</h2>\n"
        '<h3><a href="https://example.org">Meadow Corporation | Digital SEO Team</a></h3>\n'
        "<small>Feb 2019-Present</small>\n<p><strong>Technical SEO Manager</strong></p>\n"
        "<ul><li>Led audits.</li></ul>\n"
        "<h3>Lane Consulting Services</h3>\n<small>2014, 2018</small>\n"
        "<p><strong>Freelance Research Assistant</strong> </p>\n"
    )
    r = parse_resume(text, fmt="markdown")
    assert [(x.title, x.employer) for x in r.roles] == [
        ("Technical SEO Manager", "Meadow Corporation"),
        ("Freelance Research Assistant", "Lane Consulting Services"),
    ]


def test_academicpages_style_emphasised_bullets_and_escaped_pipes() -> None:
    text = (
        "Work experience\n======\n* **Data Services Librarian**\n"
        "  * *Hill College, Middlebury, VT* \\|\\| *September 2015 -- Present*\n"
        "    * Provide research assistance to students.\n\n"
        "* **Data Services Librarian**\n  * *Reed Institute, Portland, OR* \\|\\| "
        "*September 2013 -- September 2015*\n    * Led data services.\n"
    )
    r = parse_resume(text, fmt="markdown")
    assert [(x.title, x.employer, x.start, x.end) for x in r.roles] == [
        ("Data Services Librarian", "Hill College", "September 2015", "Present"),
        ("Data Services Librarian", "Reed Institute", "September 2013", "September 2015"),
    ]


def test_a_resume_with_only_projects_reads_them_as_projects_not_roles() -> None:
    # Was a ParseError ("no work experience found") before the no-roles policy changed.
    r = parse_resume("Jo Bloggs\n\nPROJECTS\nWeather App 2021 - 2022\n- Built it.\n")
    assert r.roles == []
    assert [(p.name, p.start, p.end, p.highlights) for p in r.projects] == [
        ("Weather App", "2021", "2022", ["Built it."])
    ]


# --------------------------------------------------------------------------- contact


@pytest.mark.parametrize(
    ("line", "phone"),
    [
        ("+923353777733 (Mobile)", "+923353777733"),
        ("Slough, England \u2022 +44 07765 015 306", "+44 07765 015 306"),
        ("(704) 737-4340", "(704) 737-4340"),
        ("704.737.4340 | jo@example.com", "704.737.4340"),
        ("(636)  497-5595", "(636) 497-5595"),
    ],
)
def test_phone_forms(line: str, phone: str) -> None:
    r = parse_resume(f"Jo Bloggs\n{line}\n\nExperience\nAnalyst, Initech, 2019 - 2021\n")
    assert r.contact.phone == phone


def test_dates_and_postcodes_are_not_phones() -> None:
    r = parse_resume(
        "Jo Bloggs\nCharlotte, North Carolina 28214\t\t1704 Weeksville Road\n2019 - 2021\n\n"
        "Experience\nAnalyst, Initech, 2019 - 2021\n"
    )
    assert r.contact.phone is None


def test_email_wrapped_at_the_line_end_is_joined() -> None:
    r = parse_resume(
        "Jo Bloggs\njo.bloggs2004@gmail.co\nm\n\nExperience\nAnalyst, Initech, 2019 - 2021\n"
    )
    assert r.contact.email == "jo.bloggs2004@gmail.com"
    note = r.report.note("email")
    assert note is not None and note.line == 2


@pytest.mark.parametrize(
    "first", ["Contact", "Resume", "Curriculum Vitae", "Last Updated May 2026"]
)
def test_name_is_never_a_heading(first: str) -> None:
    r = parse_resume(f"{first}\nJANE Q. PUBLIC\n\nExperience\nAnalyst, Initech, 2019 - 2021\n")
    assert r.name == "Jane Q. Public"


def test_layout_name_hint_wins_and_missing_name_is_a_blocking_doubt() -> None:
    text = "Contact\njo@example.com\nTop Skills\nExcel\nJo Bloggs\n\nExperience\nAnalyst, Initech, 2019 - 2021\n"
    assert parse_resume(text, layout={"name": "Jo Bloggs", "headings": []}).name == "Jo Bloggs"
    r = parse_resume("Experience\nAnalyst, Initech, 2019 - 2021\n")
    assert r.name is None
    assert [d.field for d in r.report.blocking] == ["name"]


def test_field_notes_for_name_email_phone_and_roles() -> None:
    r = parse_resume(
        "Jo Bloggs\njo@example.com | (303) 555-0142\n\nExperience\nAnalyst, Initech, 2019 - 2021\n"
    )
    fields = {n.field for n in r.report.fields}
    assert {"name", "email", "phone", "roles[0]"} <= fields
    assert r.report.note("roles[0]") is not None


# --------------------------------------------------------------------------- summaries


@pytest.mark.parametrize(
    ("summary", "voice"),
    [
        ("Jane is a seasoned analyst who has shipped twelve dashboards.", "third"),
        ("She has led finance teams for ten years and brings rigour.", "third"),
        ("I build data pipelines and my teams ship on time.", "first"),
        ("Analytics engineer with eight years of experience in SQL and dbt.", "first"),
    ],
)
def test_summary_voice(summary: str, voice: str) -> None:
    r = parse_resume(
        f"Jane Smith\n\nSummary\n{summary}\n\nExperience\nAnalyst, Initech, 2019 - 2021\n"
    )
    assert r.summary_voice == voice


def test_no_summary_has_no_voice() -> None:
    assert parse_resume(
        "Jo Bloggs\n\nExperience\nAnalyst, Initech, 2019 - 2021\n"
    ).summary_voice == ("none")


# --------------------------------------------------------------------------- education


def test_degree_line_with_dates_then_institution_line() -> None:
    r = parse_resume(
        "Jo Bloggs\n\nEDUCATION\nBachelors in Computer Science August 2023 \u2013 Present\n"
        "National University of Emerging Sciences\nRelevant Coursework: Writing, Data Science\n"
        "F.sc Pre-Engineering March 2021 \u2013 March 2023\nKIPS Education System, Colony Town\n"
        "EXPERIENCE\nAnalyst, Initech, 2019 - 2021\n"
    )
    assert [(e.institution, e.degree) for e in r.education] == [
        ("National University of Emerging Sciences", "Bachelors"),
        ("KIPS Education System, Colony Town", "F.sc Pre-Engineering"),
    ]


def test_institution_line_then_degree_and_bullet_degree_institution_year() -> None:
    r = parse_resume(
        "Jo Bloggs\n\nEducation\nUNIVERSITY OF NORTHWOOD\nPhD in Accountancy\nMay 2016\n"
        "* Master of Arts, Temple University, 2006\n\nExperience\nAnalyst, Initech, 2019 - 2021\n"
    )
    assert [(e.institution, e.degree, e.field) for e in r.education] == [
        ("UNIVERSITY OF NORTHWOOD", "PhD", "Accountancy"),
        ("Temple University", "Master of Arts", None),
    ]


# --------------------------------------------------------------------------- DOCX layout


def _docx_with(build: Callable[[object], None]) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_TEXTBOX = """<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>{body}</w:txbxContent>
</wps:txbx></wps:wsp></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox>
</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"""


def _para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_docx_text_box_stored_twice_is_read_once() -> None:
    from lxml import etree

    def build(d: object) -> None:
        import docx.document

        assert isinstance(d, docx.document.Document)
        d.add_paragraph("Aaron Example", style="Title")
        body = "".join(
            _para(t)
            for t in (
                "Work Experience",
                "Software Developer",
                "Widget Works, St. Peters, Mo. | 2019- Present",
            )
        )
        d.element.body.insert(1, etree.fromstring(_TEXTBOX.format(body=body)))

    loaded = read_text(_docx_with(build), kind="resume")
    assert loaded.text.count("Software Developer") == 1
    r = load_resume(_docx_with(build))
    assert r.name == "Aaron Example"
    assert [(x.title, x.employer, x.start) for x in r.roles] == [
        ("Software Developer", "Widget Works", "2019")
    ]


def test_docx_layout_hints_from_styles() -> None:
    from docx.shared import Pt

    def build(d: object) -> None:
        import docx.document

        assert isinstance(d, docx.document.Document)
        p = d.add_paragraph()
        run = p.add_run("Morgan Ellis")
        run.font.size = Pt(24)
        d.add_paragraph("morgan@example.com")
        d.add_heading("Experience", level=1)
        d.add_paragraph("Data Engineer\tJan 2020 \u2013 Present")
        d.add_paragraph("Globex Corporation")

    loaded = read_text(_docx_with(build), kind="resume")
    assert loaded.data is not None
    layout = loaded.data["layout"]
    assert layout["name"] == "Morgan Ellis"
    assert "Experience" in layout["headings"]
    r = load_resume(_docx_with(build))
    assert (r.name, r.roles[0].title, r.roles[0].employer, r.roles[0].start) == (
        "Morgan Ellis",
        "Data Engineer",
        "Globex Corporation",
        "Jan 2020",
    )


def test_docx_name_and_contact_in_the_page_header() -> None:
    def build(d: object) -> None:
        import docx.document

        assert isinstance(d, docx.document.Document)
        header = d.sections[0].header
        header.is_linked_to_previous = False
        header.paragraphs[0].text = "Riley Stone"
        d.sections[0].footer.is_linked_to_previous = False
        d.sections[0].footer.paragraphs[0].text = "riley@example.com | (312) 555-0187"
        d.add_heading("Experience", level=1)
        d.add_paragraph("Analyst, Initech, 2019 - 2021")

    r = load_resume(_docx_with(build))
    assert r.name == "Riley Stone"
    assert (r.contact.email, r.contact.phone) == ("riley@example.com", "(312) 555-0187")


def test_password_protected_docx_is_one_line_input_error() -> None:
    # The shape of an encrypted Office file: an OLE compound file naming its encryption streams.
    data = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 64
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 1024
    )
    with pytest.raises(InputError) as info:
        load_resume(data)
    assert "password-protected .docx" in str(info.value)
    assert "\n" not in str(info.value)


# --------------------------------------------------------------------------- JSON Resume faults


def test_json_resume_numbers_where_strings_belong() -> None:
    doc = {
        "basics": {"name": "Ana Ruiz", "phone": 5551234567, "profiles": 5, "location": "x"},
        "work": [{"name": 123, "position": "Engineer", "startDate": 2020, "highlights": "x"}],
        "education": {"institution": 1},
        "skills": [{"name": 1, "keywords": "x"}],
    }
    r = load_resume(json.dumps(doc).encode())
    assert r.contact.phone == "5551234567"
    assert [(x.title, x.employer, x.start) for x in r.roles] == [("Engineer", "123", "2020")]
    # One school written as an object (not a list of one) is read; its number kept as text.
    assert [e.institution for e in r.education] == ["1"]


def test_json_resume_wrong_types_and_missing_fields() -> None:
    r = load_resume(
        json.dumps(
            {"basics": {"name": "A B"}, "work": ["a", 1, None, {"position": "Chef"}]}
        ).encode()
    )
    assert [(x.title, x.employer) for x in r.roles] == [("Chef", None)]
    with pytest.raises(InputError) as info:
        load_resume(json.dumps({"basics": [], "work": {"name": "x"}}).encode())
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "payload",
    [
        '{"basics": {"name": "A"}, "work": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"basics": ' + '{"a": ' * 3000 + "1" + "}" * 3000 + "}",
    ],
)
def test_json_resume_nested_thousands_deep_is_one_line(payload: str) -> None:
    with pytest.raises(InputError) as info:
        load_resume(payload.encode())
    assert "nested" in str(info.value) and "\n" not in str(info.value)


def test_title_inside_the_description_and_dates_on_a_from_line() -> None:
    text = (
        "Adrian Example\n\nWork Experience:\n"
        "Oak Club of Purchase : 10 Country Club drive, Purchase, New York: Course Management\n"
        "From: 2012 \u2013 Present\n"
        "HAT for Kings boutique, Belair rd, Baltimore, Maryland\n"
        "Co- Owner responsible for the store space. Inventory management and supplies.\n"
        "From: 2007-2010\n"
    )
    assert roles_of(text) == [
        ("Course Management", "Oak Club of Purchase"),
        ("Co- Owner", "HAT for Kings boutique"),
    ]


def test_chinese_resume_without_an_experience_heading() -> None:
    text = (
        "186 1020 2501\nname@example.com\n\n\u738b\u5c0f\u660e\n\n"
        "\u81ea\u6211\u8bc4\u4ef7\n- \u70ed\u7231\u5b66\u4e60\n\n"
        "\u5317\u4eac\u67d0\u67d0\u79d1\u6280\u6709\u9650\u516c\u53f8\n2009/08 \u2013 \u81f3\u4eca\n\n"
        "\u7cfb\u7edf\u67b6\u6784\u8bbe\u8ba1\u5e08\n"
        + "\u8d1f\u8d23"
        * 20
        + "\u3002\n\n\u67d0\u67d0\u7cfb\u7edf\uff08Demo\uff09\n2014/04 \u2013 2014/09\n\n"
        "\u9879\u76ee\u63cf\u8ff0 | " + "\u6d4b\u8bd5" * 20 + "\u3002\n"
    )
    r = parse_resume(text)
    assert r.name == "\u738b\u5c0f\u660e"
    assert [(x.title, x.employer, x.start, x.end) for x in r.roles] == [
        (
            "\u7cfb\u7edf\u67b6\u6784\u8bbe\u8ba1\u5e08",
            "\u5317\u4eac\u67d0\u67d0\u79d1\u6280\u6709\u9650\u516c\u53f8",
            "2009/08",
            "Present",
        )
    ]
