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


def test_a_project_bullet_wrapped_at_the_column_is_one_bullet() -> None:
    """Project bullets wrap like role bullets (a PDF's text layer breaks them at the column): the
    run-on line joins its bullet, with a capital too when the bullet filled the column and stopped
    mid-sentence; a contact line after the last bullet is not a continuation."""
    lines = [
        "\u2022 Built a multi-campus hub-and-spoke network with access lists, EIGRP routing, DHCP and web",
        "servers on Cisco devices.",
        "\u2022 Wrote a TCP/UDP client-server program in C so that campus offices could share files safely.",
        "\u2022 Completed labs covering the OWASP Top 10 vulnerabilities, including SQL injection, XSS, Broken",
        "Authentication and SSRF.",
        "linkedin.com/in/jo-bloggs",
    ]
    r = parse_resume("Jo Bloggs\n\nPROJECTS\nCampus Network 2025\n" + "\n".join(lines) + "\n")
    assert [p.highlights for p in r.projects][:1] == [
        [
            "Built a multi-campus hub-and-spoke network with access lists, EIGRP routing, DHCP and web"
            " servers on Cisco devices.",
            "Wrote a TCP/UDP client-server program in C so that campus offices could share files safely.",
            "Completed labs covering the OWASP Top 10 vulnerabilities, including SQL injection, XSS,"
            " Broken Authentication and SSRF.",
        ]
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


def test_a_letter_spaced_name_with_a_long_word_is_a_blocking_doubt() -> None:
    text = "RANJITRAJ KUMAR\nrr@example.com\n\nExperience\nAnalyst, Initech, 2019 - 2021\n"
    hint = {"name": "RANJITRAJ KUMAR", "name_spaced": True, "headings": []}
    spaced = parse_resume(text, layout=hint)
    doubts = [d for d in spaced.report.blocking if d.field == "name"]
    assert len(doubts) == 1 and "spaced-out letters" in doubts[0].message
    # The same name set in ordinary letters, or spaced with short words: no doubt.
    plain = parse_resume(text, layout={"name": "RANJITRAJ KUMAR", "headings": []})
    assert plain.name and not [d for d in plain.report.blocking if d.field == "name"]
    short = parse_resume(
        text.replace("RANJITRAJ", "RANJIT RAJ"),
        layout={"name": "RANJIT RAJ KUMAR", "name_spaced": True, "headings": []},
    )
    assert short.name and not [d for d in short.report.blocking if d.field == "name"]


@pytest.mark.parametrize("fmt", ["markdown", None])
def test_an_e_mail_in_a_markdown_autolink_is_read(fmt: str | None) -> None:
    text = (
        "# Jane Smith\n\n<jane.smith@example.com> | <https://janesmith.example.org>\n\n"
        "## Experience\n\nAnalyst, Initech, 2019 - 2021\n"
    )
    r = parse_resume(text, fmt=fmt)
    assert r.contact.email == "jane.smith@example.com"
    mailto = parse_resume(text.replace("<jane", "<mailto:jane"), fmt=fmt)
    assert mailto.contact.email == "jane.smith@example.com"


@pytest.mark.parametrize(
    ("line", "left_out"),
    [
        ("Dr. Jane Smith", "'Dr.' before"),
        ("Dr Jane Smith, PhD", "'Dr' before"),
        ("Prof. Dr. Hans M\u00fcller", "'Prof. Dr.' before"),
        ("Ms. Jane Smith", "'Ms.' before"),
    ],
)
def test_an_honorific_is_left_out_of_the_signing_name(line: str, left_out: str) -> None:
    r = parse_resume(f"{line}\njane@example.com\n\nExperience\nAnalyst, Initech, 2019 - 2021\n")
    assert r.name in {"Jane Smith", "Hans M\u00fcller"}
    note = r.report.note("name")
    assert note is not None and left_out in note.source


def _roles(text: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(x.title, x.employer, x.start, x.end) for x in parse_resume(text).roles]


def test_spanish_and_portuguese_months_joined_by_de_stay_out_of_the_header() -> None:
    text = (
        "Ana P\u00e9rez\nana@example.com\n\nExperiencia\n"
        "Team Leader\nAcme Servicios S.A.\noctubre de 2019 - actualidad\n- Dirig\u00ed un equipo\n"
        "Analista\nGlobex Ltda\nmar\u00e7o de 2016 - setembro de 2019\n- Analic\u00e9 datos\n"
    )
    assert _roles(text) == [
        ("Team Leader", "Acme Servicios S.A.", "octubre 2019", "Present"),
        ("Analista", "Globex Ltda", "mar\u00e7o 2016", "setembro 2019"),
    ]


@pytest.mark.parametrize(
    ("dates", "start", "end"),
    [
        ("Mar 19 \u2013 Jun 21", "Mar 2019", "Jun 2021"),
        ("Mar '19 - Present", "Mar 2019", "Present"),
        ("SEP 98 - JAN 02", "SEP 1998", "JAN 2002"),
    ],
)
def test_two_digit_years_in_a_range(dates: str, start: str, end: str) -> None:
    text = (
        f"Jo Bloggs\njo@example.com\n\nExperience\nINITECH {dates}\nData Analyst\n- Built reports\n"
    )
    assert _roles(text) == [("Data Analyst", "INITECH", start, end)]


def test_a_day_of_the_month_is_not_a_two_digit_year() -> None:
    text = "Jo Bloggs\n\nSummary\nShipped the May 19, 2020 release - June 12 was the next.\n"
    assert "May 19, 2020 release - June 12" in parse_resume(text).summary


def test_linkedin_positions_under_one_employer_keep_it() -> None:
    text = (
        "Jo Bloggs\njo@example.com\n\nExperience\nAcme Corp\n3 years 2 months\n"
        "Senior Engineer\nJanuary 2020 - Present (1 year 2 months)\nDenver, Colorado, United States\n"
        "Led the platform team of six engineers through the migration to Kubernetes.\n"
        "Engineer\nMarch 2018 - January 2020 (1 year 11 months)\n"
        "Built the billing service that invoices eight thousand merchants every month.\n"
        "Globex\nAnalyst\nJune 2015 - February 2018 (2 years 9 months)\n"
        "Wrote the weekly reports for the sales team and the board.\n"
    )
    assert [r[:2] for r in _roles(text)] == [
        ("Senior Engineer", "Acme Corp"),
        ("Engineer", "Acme Corp"),
        ("Analyst", "Globex"),
    ]
    spanish = (
        "Ana P\u00e9rez\nana@example.com\n\nExperiencia\nAcme Servicios\n4 a\u00f1os 1 mes\n"
        "Team Leader\noctubre de 2019 - Present (2 a\u00f1os)\n"
        "Gerente de Proyectos\nenero de 2018 - octubre de 2019 (1 a\u00f1o 10 meses)\n"
        "Globex\nConsultor\nmarzo de 2016 - diciembre de 2017 (1 a\u00f1o 10 meses)\n"
    )
    assert [r[:2] for r in _roles(spanish)] == [
        ("Team Leader", "Acme Servicios"),
        ("Gerente de Proyectos", "Acme Servicios"),
        ("Consultor", "Globex"),
    ]


def _awesome_cv_pdf(plain: bool) -> bytes:
    """Entries as awesome-cv sets them: "Employer<right>City" in bold, "TITLE<right>Dates", then
    bullets that fill the column (``plain``: the employer line with no right-aligned city)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 24)
    pdf.text(40, 50, "Jordan Lee")
    pdf.set_font("Helvetica", size=9)
    pdf.text(40, 66, "jordan@example.com | +1 555 010 0199")
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(40, 100, "Experience")
    y = 120.0
    entries = [
        ("Acme Analytics", "Boston, MA", "Senior Data Engineer", "Jan. 2020 - Present"),
        ("Globex Corporation", "Chicago, IL", "Data Analyst", "Jun. 2016 - Dec. 2019"),
        ("Initech", "Austin, TX", "Intern", "Jun. 2015 - Aug. 2015"),
    ]
    bullets = [
        "Wrote the weekly revenue reports read by the board and the sales leadership team",
        "Automated the monthly close checks with Python and SQL for the finance department",
    ]
    for employer, city, title, dates in entries:
        pdf.set_font("Helvetica", "B", 11)
        pdf.text(40, y, employer)
        pdf.set_font("Helvetica", "I", 10)
        if not plain:
            pdf.text(570 - pdf.get_string_width(city), y, city)
        y += 13
        pdf.set_font("Helvetica", size=9)
        pdf.text(40, y, title.upper())
        pdf.set_font("Helvetica", "I", 9)
        pdf.text(570 - pdf.get_string_width(dates), y, dates)
        y += 13
        pdf.set_font("Helvetica", size=10)
        for b in bullets:
            pdf.text(48, y, "-")
            pdf.text(58, y, b)
            y += 12
        y += 6
    return bytes(pdf.output())


@pytest.mark.parametrize("plain", [False, True])
def test_each_entry_keeps_its_own_employer_line_after_long_bullets(plain: bool) -> None:
    r = load_resume(_awesome_cv_pdf(plain))
    assert [(x.title, x.employer) for x in r.roles] == [
        ("SENIOR DATA ENGINEER", "Acme Analytics"),
        ("DATA ANALYST", "Globex Corporation"),
        ("INTERN", "Initech"),
    ]
    assert all(x.bullets[-1].endswith("finance department") for x in r.roles)


def test_activities_are_not_jobs() -> None:
    text = (
        "Jo Bloggs\njo@example.com\n\nExperience\nData Analyst, Initech\n2019 - 2021\n- Built reports\n"
        "Data Analyst Job Simulation, Deloitte Australia (Forage)\nJune 2023\n- Built a dashboard\n"
        "Data Visualisation Workshop, Code First Girls\nMarch 2022 - April 2022\n- Learnt Tableau\n"
        "Workshop Coordinator, Makerspace Ltd\n2015 - 2016\n- Ran the evening classes\n"
        "\nVolunteer and Fundraising\nVolunteer, British Red Cross\n2017 - 2018\n- Ran the shop\n"
        "Fundraiser, Oxfam\n2016 - 2017\n- Raised money\n"
        "\nEducation\nBSc Statistics, University of Leeds, 2016\n"
    )
    assert [r[:2] for r in _roles(text)] == [
        ("Data Analyst", "Initech"),
        ("Workshop Coordinator", "Makerspace Ltd"),
    ]


def test_a_month_and_year_alone_on_the_dated_line_is_one_date() -> None:
    text = "Jo Bloggs\n\nExperience\nData Analyst, Initech\nJune 2023\n- Built reports\n"
    assert _roles(text) == [("Data Analyst", "Initech", "June 2023", "June 2023")]


@pytest.mark.parametrize(
    ("dates", "start", "end"),
    [
        ("01/10/2021 bis 31/03/2022", "10/2021", "03/2022"),  # day/month/year, German "bis"
        ("15/08/2021 \u2013 30/09/2021", "08/2021", "09/2021"),
        ("10\\2022 at\u00e9 2023", "10/2022", "2023"),  # a backslash, Portuguese "at\u00e9"
        ("marzo 2016 hasta diciembre 2019", "marzo 2016", "diciembre 2019"),
        ("2015 au 2019", "2015", "2019"),
    ],
)
def test_ranges_written_with_days_or_the_word_for_to(dates: str, start: str, end: str) -> None:
    text = f"Jo Bloggs\n\nExperience\nData Analyst, Initech GmbH\n{dates}\n- Built reports\n"
    assert _roles(text) == [("Data Analyst", "Initech GmbH", start, end)]


def test_a_labelled_title_under_the_employer_line() -> None:
    text = (
        "Eduarda Souza\neduarda@example.com\n\nEXPERI\u00caNCIA PROFISSIONAL\n"
        "Lar Supermercados - 10\\2022 at\u00e9 2023\nCargo: Repositora de alimentos.\n\nAtividades:\n"
        "\u25cf Empacotamentos\n\u25cf Atendimento na padaria\n"
    )
    r = parse_resume(text)
    assert [(x.title, x.employer, x.start, x.end) for x in r.roles] == [
        ("Repositora de alimentos", "Lar Supermercados", "10/2022", "2023")
    ]
    assert r.roles[0].bullets[-2:] == ["Empacotamentos", "Atendimento na padaria"]


def test_german_section_headings_for_work_and_schooling() -> None:
    text = (
        "Anna Weber\nanna@example.de\n\nARBEITSERFAHRUNG\n15/08/2021 bis 30/09/2021\nPraktikant\n"
        "Krause Automatisierungstechnik GmbH\n\u2022 SPS-Programmierung\n\n"
        "BILDUNGSABSCHL\u00dcSSE\n10/2016 - 07/2020\nBachelor of Engineering in Maschinenbau\n"
        "Hochschule Kempten\n"
    )
    r = parse_resume(text)
    assert [(x.title, x.employer) for x in r.roles] == [
        ("Praktikant", "Krause Automatisierungstechnik GmbH")
    ]
    assert [(e.institution, e.degree) for e in r.education] == [
        ("Hochschule Kempten", "Bachelor of Engineering")
    ]
