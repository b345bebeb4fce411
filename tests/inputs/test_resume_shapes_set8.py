"""Resume shapes met on development set 8r (real resumes from public repositories): Markdown
entries as sub-headings, a linked name heading, a JSON Resume position repeating the employer.

Every snippet is written for the test and reproduces a *shape*, never a real document's text.
"""

from __future__ import annotations

from referral_ai.inputs import parse_resume, resume_from_json_resume

_MD_SUBHEADINGS = """# Ada Okafor

ada@okafor.example

## Experience

### Team Lead | Bluefin

**Mar 2021 \u2013 Present | Remote**

- Led the team.

### Project Engineer | Corvid Systems

**Jan 2019 \u2013 Feb 2021 | Lagos**

- Kept the old system running.

## Skills

Python, SQL
"""


def test_markdown_sub_headings_under_experience_are_entries_not_sections() -> None:
    resume = parse_resume(_MD_SUBHEADINGS, fmt="markdown")
    got = [(r.title, r.employer, r.start, r.end) for r in resume.roles]
    # "Project Engineer" holds a section word ("Project"): still an entry under "## Experience".
    assert got == [
        ("Team Lead", "Bluefin", "Mar 2021", "Present"),
        ("Project Engineer", "Corvid Systems", "Jan 2019", "Feb 2021"),
    ]
    assert resume.skills


def test_a_heading_of_the_same_level_still_closes_the_section() -> None:
    text = _MD_SUBHEADINGS.replace(
        "## Skills",
        "## Open Source\n\n### Community Manager | GitHub\n\n**Nov 2018 \u2013 Present**\n\n## Skills",
    )
    resume = parse_resume(text, fmt="markdown")
    assert [r.employer for r in resume.roles] == ["Bluefin", "Corvid Systems"]


def test_a_name_heading_that_is_a_link_names_its_text() -> None:
    text = _MD_SUBHEADINGS.replace("# Ada Okafor", "# [Ada Okafor](https://ada.example)")
    assert parse_resume(text, fmt="markdown").name == "Ada Okafor"


def test_json_resume_position_repeating_the_employer_is_only_the_title() -> None:
    data = {
        "basics": {"name": "Ada Okafor", "email": "ada@okafor.example"},
        "work": [
            {"company": "Bluefin", "position": "DevOps Engineer - Bluefin", "startDate": "2024-01"},
            {"company": "Corvid", "position": "Consultant - Corvid SA", "startDate": "2022-01"},
            {"company": "Acme", "position": "Engineer II, Lead Web Developer", "startDate": "2020"},
            {"company": "Acme", "position": "Head of Acme Labs", "startDate": "2019"},
        ],
    }
    resume = resume_from_json_resume(data)
    assert [r.title for r in resume.roles] == [
        "DevOps Engineer",
        "Consultant",
        "Engineer II, Lead Web Developer",
        "Head of Acme Labs",
    ]


def _table_resume() -> bytes:
    """A resume laid out as one table: the section label in a merged first column, the title and
    dates on one row, 'Employer | City' and the duties in one cell of the next row."""
    import io

    import docx

    doc = docx.Document()
    top = doc.add_table(rows=1, cols=2)
    top.cell(0, 0).text = "ADA"
    top.cell(0, 0).add_paragraph("OKAFOR")
    top.cell(0, 1).text = "ada@okafor.example"
    table = doc.add_table(rows=6, cols=3)
    rows = [
        (
            "Software Engineer",
            "May 2019 - Present",
            "Bluefin | Austin, TX",
            "Built the payment service.",
        ),
        ("Engineer Intern", "June - August 2018", "Corvid Ltd | Seattle, WA", "Wrote the tests."),
    ]
    for k, (title, dates, employer, duty) in enumerate(rows):
        table.cell(2 * k, 1).text = title
        table.cell(2 * k, 2).text = dates
        table.cell(2 * k + 1, 1).text = employer
        table.cell(2 * k + 1, 1).add_paragraph(duty)
    label = table.cell(0, 0).merge(table.cell(3, 0))
    label.text = "EXPERIENCE"
    table.cell(4, 0).text = "PROJECTS"
    table.cell(4, 1).text = "Software Engineer"
    table.cell(4, 2).text = "2017"
    table.cell(5, 1).text = "A chess engine | Built for fun."
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_docx_table_with_a_merged_section_label_keeps_title_and_employer_together() -> None:
    from referral_ai.inputs import load_resume

    resume = load_resume(_table_resume())
    assert [(r.title, r.employer) for r in resume.roles] == [
        ("Software Engineer", "Bluefin"),
        ("Engineer Intern", "Corvid Ltd"),
    ]
    # The project row under its own label is not a job (nor is 'PROJECTS' an employer).
    assert resume.name == "Ada Okafor"


def test_a_repeated_section_label_line_does_not_open_a_new_section() -> None:
    text = (
        "Ada Okafor\nada@okafor.example\n\n"
        "EXPERIENCE | Software Engineer | May 2019 - Present\n\nEXPERIENCE\nBluefin | Austin, TX\n"
        "- Built the payment service.\n"
    )
    [role] = parse_resume(text).roles
    assert (role.title, role.employer) == ("Software Engineer", "Bluefin")


def test_one_word_lines_are_a_name_only_over_contact_lines() -> None:
    assert (
        parse_resume(
            "ADA\nOKAFOR\nada@okafor.example\n" + "\nExperience\nAnalyst, Acme Corp  2019 - 2022\n"
        ).name
        == "Ada Okafor"
    )
    # Two one-word lines over a headline, not over the contact details: not joined.
    text = "Resume\nSummary\nAnalyst who builds reports.\nada@okafor.example\n"
    assert (
        parse_resume(text + "\nExperience\nAnalyst, Acme Corp  2019 - 2022\n").name
        != "Resume Summary"
    )


def test_employer_place_em_dash_title_with_a_space_missing_on_one_side() -> None:
    text = (
        "Ada Okafor\nada@okafor.example\n\nEXPERIENCE\n"
        "The Candle Works, Provo \u2014Shift Manager\nSEPTEMBER - DECEMBER 2020\n- Ran the store.\n"
        "Harbor School District, Mt. Pleasant \u2014 Substitute Teacher\nOCT 2021 - DEC 2021\n"
        "- Taught.\n\nEDUCATION\nBrigham Young University, Provo, UT \u2014Secondary Ed. Major\n"
        "SEPTEMBER 2019 - APRIL 2025\n"
    )
    resume = parse_resume(text)
    assert [(r.title, r.employer) for r in resume.roles] == [
        ("Shift Manager", "The Candle Works"),
        ("Substitute Teacher", "Harbor School District"),
    ]
    [edu] = resume.education
    assert (edu.institution, edu.degree) == ("Brigham Young University", "Secondary Ed. Major")


def test_own_contact_read_after_the_references_is_the_candidates() -> None:
    text = (
        "Ada Okafor\n\nEXPERIENCE\nAnalyst, Acme Corp  2019 - 2022\n- Built the reports.\n\n"
        "REFERENCES\nBen Ross \u2014 Acme Corp, Manager\n(801)-555-0101\n\n"
        "(435) 555-0199\nada@okafor.example\nSKILLS\nSpanish\n"
    )
    resume = parse_resume(text)
    assert resume.contact.email == "ada@okafor.example"
    assert resume.contact.phone == "(435) 555-0199"
    # A referee's own number, under the referee's name, is still not the candidate's.
    text = text.replace("\n\n(435) 555-0199\nada@okafor.example", "")
    assert parse_resume(text).contact.phone is None


def test_at_place_headings_and_month_comma_year_dates() -> None:
    text = (
        "Ada Okafor\nada@okafor.example\n\nExperience\n"
        "Bluefin @Istanbul, Turkey\tMay, 2019 \u2013 Present\nData Engineer\n- Built pipelines.\n"
        "Corvid.io @Istanbul, Turkey\tJune, 2018 \u2013 Jan, 2019\nSoftware Developer\n- Wrote APIs.\n"
    )
    resume = parse_resume(text)
    got = [(r.title, r.employer, r.start, r.end) for r in resume.roles]
    assert got == [
        ("Data Engineer", "Bluefin", "May 2019", "Present"),
        ("Software Developer", "Corvid.io", "June 2018", "Jan 2019"),
    ]
    # A company named as a domain is kept, and the review says it may be an address.
    assert any(d.field == "roles[1].employer" for d in resume.report.doubts)


def test_an_employer_line_with_what_the_company_is_after_a_dash() -> None:
    text = (
        "Ada Okafor\nada@okafor.example\n\nExperience\n"
        "Design Intern\tJun. 2025 - Aug. 2025\n"
        "Bluefin AI \u2013 Science-backed Focus App Startup\tSan Jose, CA\n- Designed screens.\n"
        "Frontend Engineer\tOct. 2024 - May 2025\n"
        "Corvid \u2014 open-source synth pedal startup\tSanta Barbara, CA\n- Built the site.\n"
    )
    resume = parse_resume(text)
    assert [r.employer for r in resume.roles] == ["Bluefin AI", "Corvid"]


def test_education_with_a_grade_column_and_the_unit_under_the_school() -> None:
    text = (
        "Ada Okafor\nada@okafor.example\n\nEducation\n"
        "Lakeside University\t4.0 GPA | Aug. 2025 \u2013 Aug. 2026\n"
        "Masters in Human Computer Interaction, School of Computer Science\tPittsburgh, PA\n"
        "Hill State College\t3.75 GPA | Aug. 2021 \u2013 Jun. 2025\n"
        "B.S. Computer Science, Statistics Minor\tSanta Barbara, CA\n"
    )
    resume = parse_resume(text)
    got = [(e.institution, e.degree) for e in resume.education]
    assert got == [("Lakeside University", "Masters"), ("Hill State College", "B.S.")]
    assert resume.education[0].field == "Human Computer Interaction, School of Computer Science"


def test_a_kind_of_work_line_is_neither_title_nor_employer_and_the_role_is_doubted() -> None:
    text = (
        "Ada Okafor\nada@okafor.example\n\nEXPERIENCE\n"
        "Bluefin Product Lifecycle Management\nFull-time co-op positions, January 2013 \u2013 "
        "January 2016\nDeveloped software during five internships.\n"
        "Hillside Christian Academy\nPart-time, Summer 2009\nReplaced the lab computers.\n"
    )
    resume = parse_resume(text)
    got = [(r.title, r.employer) for r in resume.roles]
    assert got == [
        (None, "Bluefin Product Lifecycle Management"),
        (None, "Hillside Christian Academy"),
    ]
    doubted = {d.field for d in resume.report.doubts if "no job title" in d.message}
    assert doubted == {"roles[0]", "roles[1]"}


def test_a_kind_of_work_beside_a_title_leaves_title_and_employer() -> None:
    text = (
        "Ada Okafor\nada@okafor.example\n\nEXPERIENCE\n"
        "Data Analyst | Acme Corp | Part-time\n2019 - 2022\n- Built the reports.\n"
    )
    [role] = parse_resume(text).roles
    assert (role.title, role.employer) == ("Data Analyst", "Acme Corp")


def test_content_work_titles_are_jobs_and_a_volunteer_title_is_not() -> None:
    text = (
        "Ada Okafor\nada@okafor.example\n\nWORK EXPERIENCE\n"
        "Content Creator (Practicum) \u2014 Lakeside Beer Festivals | Aug 2024 \u2013 Nov 2024\n"
        "- Made the event graphics.\n"
        "Harbor Talk Podcast | Creator & Host | Remote | 2026-Present\n- Host the show.\n"
        "Mind Garden | Research Volunteer | Remote | 2022-2023\n- Reviewed papers.\n"
    )
    resume = parse_resume(text)
    assert [(r.title, r.employer) for r in resume.roles] == [
        ("Content Creator (Practicum)", "Lakeside Beer Festivals"),
        ("Creator & Host", "Harbor Talk Podcast"),
    ]


def _chars(runs: list[tuple[str, float]], *, size: float = 11.0) -> list[object]:
    """Characters of one row: each run is (text, x where it starts); letters touch, and a space
    in the text is a literal space glyph."""
    from referral_ai.inputs.pdf import _Ch

    out: list[object] = []
    for text, x in runs:
        for ch in text:
            out.append(
                _Ch(ch, x, x + 5.0, 0.0, size, 0.0, size, False, 0.0, 0, len(out), space=ch == " ")
            )
            x += 5.0
    return out


def test_word_gaps_without_space_glyphs_break_words_even_when_another_column_has_spaces() -> None:
    from referral_ai.inputs.pdf import _words_of_row

    # 'North' and 'Sanpete' a quarter em apart with no space glyph; far to the right, a sidebar
    # written with literal spaces.
    row = _chars([("North", 50.0), ("Sanpete", 77.6), ("Business emphasis", 400.0)])
    words = [w.text for w in _words_of_row(row)]  # type: ignore[arg-type]
    assert words[:2] == ["North", "Sanpete"]
    # Beside literal spaces, the same quarter-em gap is kerning inside a word.
    row = _chars([("Ada K", 50.0), ("ing", 77.6)])
    assert [w.text for w in _words_of_row(row)] == ["Ada", "King"]  # type: ignore[arg-type]


def test_a_title_ending_in_leader_over_a_wrapped_employer_line() -> None:
    text = (
        "Ada Okafor\nada@okafor.example\n\nEXPERIENCE\n"
        "The Harbor Church of Lakeside, Arizona \u2014\nField Envoy, Sister Training Leader\n"
        "MARCH 2021 - OCTOBER 2022\n- Trained four newcomers.\n"
    )
    [role] = parse_resume(text).roles
    assert role.title == "Field Envoy, Sister Training Leader"
    assert role.employer == "The Harbor Church of Lakeside"


def test_degree_first_lines_whose_degree_names_a_school_and_a_place_line_named_college() -> None:
    text = (
        "Ada Okafor\nada@okafor.example\n\nEducation\n"
        "Diploma \u2014 New Media Production & Design\n"
        "Prairie Institute of Technology (PIT) | 2025\n"
        "High School Diploma \u2014 Lakeview High School | 2019\n"
    )
    got = [(e.institution, e.degree, e.field) for e in parse_resume(text).education]
    assert got == [
        ("Prairie Institute of Technology (PIT)", "Diploma", "New Media Production & Design"),
        ("Lakeview High School", "High School Diploma", None),
    ]
    text = (
        "Ada Okafor\nada@okafor.example\n\nEDUCATION\nPh.D. Statistics\nLakeside A&M University\n"
        "2020-2024\tCollege Station, TX\nM.S. Mathematics\nHill State University\n2016 - 2018\n"
    )
    insts = [e.institution for e in parse_resume(text).education]
    assert insts == ["Lakeside A&M University", "Hill State University"]
