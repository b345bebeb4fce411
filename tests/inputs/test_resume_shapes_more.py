"""More resume shapes: content controls in .docx, 'Title @ Employer', organisation words that
qualify a job noun, prefixed Experience headings, wrapped bullets, spaced dates, dot leaders.

Every snippet is written for the test and reproduces a *shape* (a line layout) seen in real
resumes; real-document behaviour is measured on the corpus by ``benchmarks/bench_parsing.py``.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from referral_ai.inputs import load_resume, parse_resume
from referral_ai.inputs.reading import read_text

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def roles_of(text: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(r.title, r.employer, r.start, r.end) for r in parse_resume(text).roles]


def _docx_with(build: Callable[[object], None]) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _sdt_block(text: str, placeholder: bool = False) -> str:
    shown = "<w:showingPlcHdr/>" if placeholder else ""
    return (
        f'<w:sdt xmlns:w="{_W}"><w:sdtPr><w:alias w:val="Field"/>{shown}</w:sdtPr><w:sdtContent>'
        f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    )


def _sdt_inline(text: str) -> str:
    return (
        f'<w:p xmlns:w="{_W}"><w:sdt><w:sdtPr><w:alias w:val="Enter your name"/></w:sdtPr>'
        f'<w:sdtContent><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:sdtContent></w:sdt></w:p>'
    )


# --------------------------------------------------------------------------- docx content controls


def test_docx_content_controls_inline_and_block_are_read() -> None:
    """Word resume templates keep the name (inline) and headings (block, showing the
    placeholder text Word prints) inside content controls; a table cell holds some too."""
    from lxml import etree

    def build(d: object) -> None:
        import docx.document

        assert isinstance(d, docx.document.Document)
        body = d.element.body
        body.insert(0, etree.fromstring(_sdt_inline("Robin Quill")))
        body.insert(1, etree.fromstring(_sdt_block("Experience", placeholder=True)))
        d.add_paragraph("map technician \u2022 northfield power \u2022 mar 2016 \u2013 jun 2018")
        table = d.add_table(rows=1, cols=1)
        cell_tc = table.rows[0].cells[0]._tc
        cell_tc.append(etree.fromstring(_sdt_block("Education")))
        cell_tc.append(
            etree.fromstring(
                f'<w:p xmlns:w="{_W}"><w:r><w:t>BSc Geography, Lakeside University</w:t></w:r></w:p>'
            )
        )

    loaded = read_text(_docx_with(build), kind="resume")
    assert loaded.text.splitlines()[0] == "Robin Quill"
    assert "Experience" in loaded.text.splitlines()
    assert "Education" in loaded.text.splitlines()
    r = load_resume(_docx_with(build))
    assert r.name == "Robin Quill"
    # The bullet separator does not stay on the employer.
    assert [(x.title, x.employer) for x in r.roles] == [("map technician", "northfield power")]
    assert [e.institution for e in r.education] == ["Lakeside University"]


# --------------------------------------------------------------------------- role line shapes


def test_title_at_sign_employer_dash_city_region_then_dates() -> None:
    text = (
        "Ana Lima\nana@example.com\n\nExperience\n"
        "Senior Software Engineer, Payments Platform @ Banco Norte \u2013 Recife, PE Mar 2021 \u2013 present\n"
        "\u2022 Moved the card ledger to event sourcing.\n"
        "Software Engineer, Risk Analytics @ Vela Wealth Management \u2013 Natal, RN\tJan 2018 \u2013 Mar 2021\n"
        "\u2022 Built the scoring service.\n"
    )
    assert roles_of(text) == [
        ("Senior Software Engineer, Payments Platform", "Banco Norte", "Mar 2021", "Present"),
        ("Software Engineer, Risk Analytics", "Vela Wealth Management", "Jan 2018", "Mar 2021"),
    ]


def test_organisation_word_qualifying_a_job_noun_is_still_a_title() -> None:
    # "Software", "Library", "School" are organisation words, but here they qualify the job noun.
    text = (
        "Kim Park\nkim@example.com\n\nEXPERIENCE\n"
        "Software Developer, Route Planning | Orbit Freight\tJun 2020 \u2013 Present\n"
        "\u2022 Wrote the routing service.\n"
        "Library Assistant, Lending Desk | Maple County\tMay 2017 \u2013 May 2020\n"
        "\u2022 Ran the lending desk.\n"
    )
    assert [(t, e) for t, e, _, _ in roles_of(text)] == [
        ("Software Developer, Route Planning", "Orbit Freight"),
        ("Library Assistant, Lending Desk", "Maple County"),
    ]


def test_prefixed_experience_heading_after_education_is_a_heading() -> None:
    text = (
        "Lee Wong\nlee@example.com\n\nEDUCATION\n"
        "Bachelor of Science | Harbour University (GPA 3.8)\tSep 2016 \u2013 Apr 2020\n"
        "TECHNICAL WORK EXPERIENCE\n"
        "Quanta Labs \u2013 Data Engineer Intern | Halifax, NS\tSept 2020 \u2013 Present\n"
        "\u2022 Built pipelines.\n"
    )
    r = parse_resume(text)
    assert [(x.title, x.employer) for x in r.roles] == [("Data Engineer Intern", "Quanta Labs")]
    # A grade in brackets does not make the line a GPA line.
    assert [(e.institution, e.degree) for e in r.education] == [
        ("Harbour University", "Bachelor of Science")
    ]


def test_bullet_wrapped_at_the_column_onto_a_capitalised_line() -> None:
    # PDF text: a bullet fills the column and continues on a line that starts with a capital.
    filler = "x" * 10
    text = (
        "Sam Roe\nsam@example.com\n\nExperience\n"
        "Platform Engineer, Build Tools @ Gridway \u2013 Austin, TX\tFeb 2019 \u2013 Present\n"
        f"\u2022 Replaced the release scripts with a pipeline service used by the {filler} teams at\n"
        "Gridway and its partners.\n"
        f"\u2022 Cut build times by half across the monorepo for every product group {filler} there.\n"
        f"\u2022 Wrote the on-call guide and trained the engineers who {filler} joined later on.\n"
        "Release Engineer @ Tallow Systems \u2013 Austin, TX\tMay 2016 \u2013 Feb 2019\n"
        "\u2022 Shipped weekly.\n"
    )
    r = parse_resume(text)
    assert [(x.title, x.employer) for x in r.roles] == [
        ("Platform Engineer, Build Tools", "Gridway"),
        ("Release Engineer", "Tallow Systems"),
    ]
    assert r.roles[0].bullets[0].endswith("Gridway and its partners.")


def test_spaced_month_year_and_dot_leaders() -> None:
    text = (
        "Jo Reyes\njo@example.com\n\nResearch Experience\n"
        "Riverside University\n"
        "Graduate Research Assistant\t08/ 2023 to Present\n"
        "- Coded interviews.\n"
        "Teaching Experience\n"
        "Bayview College \u2026\u2026\u2026\u2026\u2026\u2026 07 / 2024- Present\n"
        "Adjunct Instructor\n"
        "- Taught composition.\n"
    )
    assert roles_of(text) == [
        ("Graduate Research Assistant", "Riverside University", "08/2023", "Present"),
        ("Adjunct Instructor", "Bayview College", "07/2024", "Present"),
    ]


def test_leading_dates_title_and_employer_hierarchy_wrapping_onto_the_next_line() -> None:
    # Academic CV: "years  Title, Unit, University" set as prose and wrapped at the column.
    text = (
        "Dana Ives\ndana@example.com\n\nEmployment:\n"
        "2021 - present\tResearch fellow -The Northern Institute for Coastal Studies, University of\n"
        "Eastbay\n"
        "2018 - 2021\tPostdoctoral research associate & Visiting Fellow, Marine Science Centre,\n"
        "School of Earth Sciences, University of Westhaven\n"
        "Publications:\n"
        "Ives D. 2020. A long paper title about tides and shores that wraps the column here.\n"
    )
    # The institute, centre and school named before the university are its units.
    assert [(t, e) for t, e, _, _ in roles_of(text)] == [
        ("Research fellow", "University of Eastbay"),
        ("Postdoctoral research associate & Visiting Fellow", "University of Westhaven"),
    ]


def test_referees_phone_is_not_the_candidates() -> None:
    text = (
        "Eli Moss\neli@example.com\n\nExperience\n"
        "Field Technician, Wetland Trust\t2019 - 2023\n"
        "- Ran the bird counts.\n\n"
        "References\nDr. Ann Lee\nProfessor, Upland University\nann@example.org\n"
        "Phone: +44 (0)1632 960 123\n"
    )
    r = parse_resume(text)
    assert r.contact.phone is None
    assert r.contact.email == "eli@example.com"


def test_one_employer_line_then_several_title_and_years_lines() -> None:
    text = (
        "Rae Cole\nrae@example.com\n\nEXPERIENCE\n"
        "Hillcrest Academy of Music - 12 Oak Dr. Springfield IL 62701\n"
        "Choir Teacher - Junior Grades\t2021 - Present\n"
        "\u25cf Lead three choirs.\n"
        "Music Coordinator\t2019 \u2013 2021\n"
        "\u25cf Planned the concert season.\n"
    )
    assert [(t, e) for t, e, _, _ in roles_of(text)] == [
        ("Choir Teacher - Junior Grades", "Hillcrest Academy of Music"),
        ("Music Coordinator", "Hillcrest Academy of Music"),
    ]


def test_linkedin_place_under_the_dates_and_employer_line_next_to_the_title() -> None:
    # LinkedIn export: Employer / Title / dates (duration) / place; descriptions in between may
    # wrap onto short lines that look like headers.
    text = (
        "Experience\n"
        "Clean Water Alliance of Eastland\nTeam Lead\n"
        "March 2012 - Present (12 years 1 month)\nPortvale, Eastland\n"
        "Global Reading Network\nCountry Representative\n"
        "June 2016 - Present (8 years)\nEastland\n"
        "Youth Voices for Civic Action (YVCA)\nProgramme Coordinator\n"
        "May 2015 - Present (9 years)\nPortvale, North Province, Eastland\n"
        "KOVA - Rural Clinics Support Project (RCSP) Eastland\nProject Officer\n"
        "July 2023 - October 2023 (4 months)\n"
        "Worked with the district teams on the supply plan for the\n"
        "Programme (RCSP)\n"
        "Safe Haven for Families\nExchange Fellow\n"
        "August 2010 - December 2010 (5 months)\n"
    )
    assert [(t, e) for t, e, _, _ in roles_of(text)] == [
        ("Team Lead", "Clean Water Alliance of Eastland"),
        ("Country Representative", "Global Reading Network"),
        ("Programme Coordinator", "Youth Voices for Civic Action (YVCA)"),
        ("Project Officer", "KOVA - Rural Clinics Support Project (RCSP) Eastland"),
        ("Exchange Fellow", "Safe Haven for Families"),
    ]


def test_markdown_cv_setext_headings_nested_items_dotted_dates_and_terms() -> None:
    # academicpages-style cv.md: '=====' headings, "* **Title**" with the employer and dotted
    # month.year dates in a nested item, and "* Term YYYY: Title" with the employer nested.
    text = (
        "Education\n======\n* B.S. in Physics, Lakeview University, 2016\n\n"
        "Research Experience and Internships\n======\n"
        "* **Postdoctoral Research Fellow**\n"
        "  * Northgate University, Brno, CZ, 02.2022-present\n"
        "  * Modelled ion channels.\n\n"
        "* **Visiting Researcher (Summer School)**\n"
        "  * Eastfield University, Malmo, SE, 05.2021 - 08.2021\n"
        "  * Ran beamline experiments.\n\n"
        "Work Experience\n======\n"
        "* Fall/Spring Semester 2015: Physics Lab Tutor\n"
        "  * Lakeview University\n"
        "  * Duties included: grading lab reports.\n"
        "  * Supervisor: Professor Alan Reed\n\n"
        "Community\n======\n"
        "* Science fair judge, 2019\n"
    )
    r = parse_resume(text, fmt="markdown")
    assert [(x.title, x.employer, x.start, x.end) for x in r.roles] == [
        ("Postdoctoral Research Fellow", "Northgate University", "02/2022", "Present"),
        ("Visiting Researcher (Summer School)", "Eastfield University", "05/2021", "08/2021"),
        ("Physics Lab Tutor", "Lakeview University", "2015", "2015"),
    ]
    assert r.roles[0].location == "Brno, CZ"


def test_no_roles_error_says_what_to_do() -> None:
    import pytest

    from referral_ai.errors import ParseError

    with pytest.raises(ParseError) as info:
        parse_resume("Pat Doe\npat@example.com\n\nHobbies\nHiking and chess.\n")
    message = str(info.value)
    assert "nothing to draft from" in message
    assert "'Experience' with one line per job" in message
    assert "JSON Resume" in message
    assert "\n" not in message


def test_title_comma_employer_then_place_dash_dates_with_one_shared_year() -> None:
    text = (
        "EXPERIENCE\n\n"
        "Reporter, The Harbour Ledger\nHalifax, NS - March 2017 to May 2019.\n\n"
        "\u2022 Covered city hall.\n\n"
        "Intern, Prairie public radio news\nRegina, SK \u2013 June to August, 2016\n\n"
        "\u2022 Cut tape.\n"
    )
    assert roles_of(text) == [
        ("Reporter", "The Harbour Ledger", "March 2017", "May 2019"),
        ("Intern", "Prairie public radio news", "June 2016", "August 2016"),
    ]


def test_academic_cv_tab_layout_abbreviated_titles_units_and_title_under_employer() -> None:
    text = (
        "Kai Brandt\n"
        "Department of Economics\t\t\tE-Mail kai@example.org\n"
        "Example Str. 5\t\t\t\tPhone +41 \u2013 (44) 55512 \u2013 678\n\n"
        "PAST EMPLOYMENT\n\n"
        "2015 \u2013 2016 \t\tRA & TA, Lakeside University, Chair of Econometrics\n"
        "2013 \u2013 2015 \t\tRA, Northshore Institute (NSI), Dept. of Statistics\n\n"
        "OTHER PROFESSIONAL EXPERIENCE\n\n"
        "2016 \t\t\tAlder & Berg, Analytics & Tools, Basel\n"
        "- Internship in Strategy Consulting\n"
    )
    r = parse_resume(text)
    assert r.contact.phone == "+41 \u2013 (44) 55512 \u2013 678"
    assert [(x.title, x.employer) for x in r.roles] == [
        ("RA & TA", "Lakeside University, Chair of Econometrics"),
        ("RA", "Northshore Institute (NSI), Dept. of Statistics"),
        ("Internship in Strategy Consulting", "Alder & Berg"),
    ]


def test_lower_case_header_lines_joined_by_bullets_follow_descriptions() -> None:
    # Typed in lower case (shown as small caps), right after a description line.
    text = (
        "Experience\n"
        "map technician \u2022 ridge power \u2022 oct 2016 \u2013 nov 2016\n"
        "- Edited the line records.\n"
        "- Checked imagery\n"
        "map internship \u2022 Lakeside University \u2022 jan 2014 \u2013 may 2014\n"
        "- Digitised plats.\n"
    )
    assert [(t, e) for t, e, _, _ in roles_of(text)] == [
        ("map technician", "ridge power"),
        ("map internship", "Lakeside University"),
    ]


def test_education_line_shapes() -> None:
    text = (
        "Experience\nAnalyst, Acme Corp\t2019 - 2022\n\n"
        "Education\n"
        # open range before a tab stop; a bracket holding a separator
        "2018 \u2013 \tPh.D. Candidate in Economics, Eastbay University\n"
        "2013 \u2013 2017 \t\tMSc. Economics (A - excellent), Westbay University &\n"
        "Northbay College (GPA 3.9)\n"
        # "Degree, School of X, University of Y, year"
        "M.S., Ridge School of Forestry, University of Upland, 2008.\n"
        # campus after an en dash; degree and year around it
        "BACHELOR OF SCIENCE, Geography \u2022 2010-2013 \u2022 University of Lowland \u2013 Riverton\n"
        # "Institution (City, ST)" under the degree
        "- Master of Arts (M.A.) in Education\n"
        "- University of Seaside (Port Town, FL)\n"
    )
    r = parse_resume(text)
    assert [e.institution for e in r.education] == [
        "Eastbay University",
        "Westbay University & Northbay College",
        "University of Upland",
        "University of Lowland \u2013 Riverton",
        "University of Seaside",
    ]


# --------------------------------------------------------------------------- JSON and confidence


def test_home_made_resume_json_is_read_with_a_doubt() -> None:
    import json

    data = {
        "info": {"name": "Noa Field", "email": "noa@example.com", "phone": "(555) 010-2030"},
        "education": {
            "name": "Lakeside University",
            "degree": "B.S. in Physics",
            "time": "2014-2018",
        },
        "work": [
            {"position": "Data Engineer", "company": "Orbit Freight", "date": "06/2019-Present"},
        ],
    }
    r = load_resume(json.dumps(data).encode())
    assert (r.name, r.contact.email, r.contact.phone) == (
        "Noa Field",
        "noa@example.com",
        "(555) 010-2030",
    )
    assert [(x.title, x.employer, x.start, x.end) for x in r.roles] == [
        ("Data Engineer", "Orbit Freight", "06/2019", "Present")
    ]
    assert [(e.institution, e.degree) for e in r.education] == [
        ("Lakeside University", "B.S. in Physics")
    ]
    assert any("not a JSON Resume" in d.message for d in r.report.doubts)
    note = r.report.note("name")
    assert note is not None and note.source == "JSON 'info.name'" and note.confidence < 0.9


def test_name_found_only_near_the_contact_lines_is_doubted() -> None:
    text = (
        "Contact\nsam.lee@example.com\nSam Lee\n(555) 201-3344\n\n"
        "Experience\nAnalyst, Acme Corp\t2019 - 2022\n"
    )
    r = load_resume(text.encode())
    note = r.report.note("name")
    assert r.name == "Sam Lee" and note is not None and note.confidence < 0.5
    assert any(d.field == "name" and d.blocking for d in r.report.doubts)


def test_free_worded_experience_heading_and_title_with_a_course_suffix() -> None:
    text = (
        "Experience\nAnalyst, Acme Corp\t2019 - 2022\n\n"
        "Professional Teaching & Writing Experience\n"
        "Bayview college, (Harbor Campus)\t07/2025- Present\n"
        "Adjunct Instructor & Tutor \u2013 General Studies English ENG 1101 & ENG 1102 (Hybrid- In-Person & Online)\n"
        "- Taught composition.\n\n"
        "Volunteer Experience\n"
        "2016 - 2019 Weaving Instructor\nTOWN CRAFT CENTER\n"
    )
    assert [(t, e) for t, e, _, _ in roles_of(text)] == [
        ("Analyst", "Acme Corp"),
        ("Adjunct Instructor & Tutor", "Bayview college"),
    ]


def test_linkedin_duration_marks_a_position_whose_title_has_no_job_word() -> None:
    text = (
        "Experience\n"
        "Open Rivers Network\nTeam Lead\nMay 2014 - Present (10 years 2 months)\nPortvale, Eastland\n"
        "Clean Air Coalition\nNational Focal Point\nJune 2016 - Present (8 years)\nEastland\n"
        "Harbour Health Institute\nTraining Instructor for Special Education in ICT\n"
        "2002 - 2007 (5 years)\n"
    )
    assert [(t, e) for t, e, _, _ in roles_of(text)] == [
        ("Team Lead", "Open Rivers Network"),
        ("National Focal Point", "Clean Air Coalition"),
        ("Training Instructor for Special Education in ICT", "Harbour Health Institute"),
    ]


def test_memberships_and_honorary_fellowships_are_not_roles() -> None:
    text = (
        "EMPLOYMENT & AFFILIATIONS\n\n"
        "2017 \u2013  \tResearch Associate, Eastbay Institute\n"
        "2020 \u2013  \tFellow, Harbour Scholars Association\n"
        "2018 \u2013  \tAffiliate Member, Coastal Research Network\n"
        "2016 \u2013 2017 \tResearch Fellow, Westbay University\n"
    )
    assert [(t, e) for t, e, _, _ in roles_of(text)] == [
        ("Research Associate", "Eastbay Institute"),
        ("Research Fellow", "Westbay University"),
    ]
