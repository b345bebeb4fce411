"""Education entries read by structure: schools named in other languages or with no school word,
a school followed by its country, a branch after the university, grades after the degree."""

from __future__ import annotations

import pytest

from referral_ai.inputs import parse_resume

HEAD = "Ola Berg\nola@example.com\n\nEXPERIENCE\nData Analyst, Acme Corp  2020 - 2023\n- Built reports\n\n"


def _schools(education: str) -> list[tuple[str | None, str | None]]:
    r = parse_resume(HEAD + "EDUCATION\n" + education)
    return [(e.institution, e.degree) for e in r.education]


def test_a_university_then_its_country_is_not_a_place() -> None:
    got = _schools(
        "Bachelor of Science in Chemistry\nKaduna Valley University, Kenya (2021 \u2013 2025)\n"
    )
    assert [i for i, _ in got] == ["Kaduna Valley University"]
    assert got[0][1] == "Bachelor of Science"


def test_a_bracket_left_empty_by_the_dates_is_dropped() -> None:
    got = _schools("B.Sc. Physics\nKaduna Valley University (2023 \u2013 2027 Expected)\n")
    assert [i for i, _ in got] == ["Kaduna Valley University"]


@pytest.mark.parametrize(
    "school",
    [
        "Universiti Sains Pulau",
        "Universitas Negeri Timur",
        "Instituto Tecnico Superior",
        "Istituto Tecnico Verdi",
        "Politecnico di Lario",
        "Hogeschool Noord",
        "Lyc\u00e9e Victor Duruy",
        "National Polytechnic Univercity of Sevan",
    ],
)
def test_schools_named_in_other_languages(school: str) -> None:
    got = _schools(f"{school}\tOctober 2019 - June 2023\nDiploma in Computer Science\n")
    assert got == [(school, "Diploma")]


def test_a_grade_after_the_degree_does_not_hide_it() -> None:
    got = _schools("Hogeschool Noord\t2019 - 2023\nDiploma in Computer Science, CGPA: 3.76\n")
    assert got == [("Hogeschool Noord", "Diploma")]


def test_a_dated_line_beside_a_degree_line_is_the_school_that_gave_it() -> None:
    # no school word at all: the structure says it is the school
    text = (
        "Master of Science in Geology\nNordvik Sprogskole\t2015 \u2013 2016\n\n"
        "Bachelor of Science in Geology\nKaduna Valley University\t2011 \u2013 2014\n"
    )
    assert [i for i, _ in _schools(text)] == ["Nordvik Sprogskole", "Kaduna Valley University"]


def test_a_licence_with_one_date_among_certificates_is_not_a_school() -> None:
    text = (
        "Acme Cloud \u2013 Certification: Cloud Basics (ID 12)\tJan 2022\n"
        "BRAVO \u2013 License: Analyst (ID 22)\tJan 2020\n"
        "Toledo Institution of Learning \u2013 LL.B Law\tDec 2013\n"
    )
    assert [i for i, _ in _schools(text)] == ["Toledo Institution of Learning"]


def test_a_branch_after_the_university_belongs_to_it() -> None:
    text = (
        "M.Sc. Mechanical Engineering, Sevan Open University, North Branch\n"
        "B.Sc. Civil Engineering, Sevan Open University, North Branch\n"
    )
    r = parse_resume(HEAD + "EDUCATION\n" + text)
    assert [(e.institution, e.degree, e.field) for e in r.education] == [
        ("Sevan Open University, North Branch", "M.Sc.", "Mechanical Engineering"),
        ("Sevan Open University, North Branch", "B.Sc.", "Civil Engineering"),
    ]


def test_coursework_wrapped_above_a_university_is_not_joined_to_it() -> None:
    text = (
        "Lakeview University\nM.Eng. in Biomedical Engineering\n"
        "Related coursework: Project Management, Tissue Engineering, Data\n"
        "Science in R, Biofluid Mechanics, Entrepreneurship\n"
        "University of Eastfield\nCertificate in Pre-Health\n"
    )
    assert [i for i, _ in _schools(text)] == ["Lakeview University", "University of Eastfield"]


# --------------------------------------------------------------------------- e-mail


@pytest.mark.parametrize(
    ("line", "email"),
    [
        ("ola.berg [at] example [dot] com", "ola.berg@example.com"),
        ("Oslo | ola(at)example.no | +47 912 34 567", "ola@example.no"),
        ("ola {AT} mail {DOT} co {DOT} uk.", "ola@mail.co.uk"),
    ],
)
def test_a_bracketed_at_and_dot_address_is_decoded(line: str, email: str) -> None:
    r = parse_resume(HEAD.replace("ola@example.com", line))
    assert r.contact.email == email


@pytest.mark.parametrize(
    "line",
    [
        "ola at example dot com",  # could be prose: left alone
        "ola [at] example [dot] com or ola [at] work [dot] org",  # two: which one?
        "ola [at] example [dot] c",  # no real top-level domain
    ],
)
def test_an_ambiguous_spelled_address_is_not_guessed(line: str) -> None:
    r = parse_resume(HEAD.replace("ola@example.com", line))
    assert r.contact.email is None


def test_a_chinese_education_line_with_full_width_commas() -> None:
    # degree, university, major, dates; then contest prizes whose names hold "university students"
    text = (
        "\u674e\u534e\n13800000000 \u00b7 lihua@example.com\n\n"
        "\u6559\u80b2\u7ecf\u5386\n"
        "\u5b66\u58eb\uff0c\u5357\u6e56\u5de5\u4e1a\u5927\u5b66\uff0c\u8f6f\u4ef6\u5de5\u7a0b"
        "\u4e13\u4e1a\uff0c2022.9~2026.6\n"
        "2024\u5e74\u5168\u56fd\u5927\u5b66\u751f\u6570\u5b66\u7ade\u8d5b\u4e09\u7b49\u5956\n"
        "\u7b2c\u5341\u5c4a\u8f6f\u4ef6\u5927\u8d5b\u5927\u5b66\u7ec4\u4e8c\u7b49\u5956\n"
    )
    # the heading as a PDF reader marks it (larger type)
    r = parse_resume(text, layout={"headings": ["\u6559\u80b2\u7ecf\u5386"]})
    assert [(e.institution, e.degree) for e in r.education] == [
        ("\u5357\u6e56\u5de5\u4e1a\u5927\u5b66", "\u5b66\u58eb")
    ]


@pytest.mark.parametrize(
    ("line", "school", "degree"),
    [
        (
            "Integrated master\u2019s degree in Mathematics (MMath); University of Leeds, 2016",
            "University of Leeds",
            "Integrated master\u2019s degree in Mathematics (MMath)",
        ),
        (
            "Masters in political science, faculty of commerce, Suez Canal University, 2020.",
            "Suez Canal University",
            "Masters",
        ),
        ("B.A. Bates College, Geology (with honors), 2004", "Bates College", "B.A."),
        ("Diploma of Imperial College, 2001", "Diploma of Imperial College", None),
    ],
)
def test_a_degree_first_line_names_the_school_after_it(
    line: str, school: str, degree: str | None
) -> None:
    assert _schools(line + "\n") == [(school, degree)]


def test_a_faculty_beside_the_university_is_not_the_school() -> None:
    got = _schools(
        "University of Lagos, Faculty of Engineering\nBSc Civil Engineering\n2010 - 2014\n"
    )
    assert got == [("University of Lagos", "BSc")]


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_a_place_beside_the_school_is_never_the_degree(sep: str) -> None:
    got = _schools(f"Kenyatta University{sep}Nairobi, Kenya\nBachelor of Arts in Economics\n")
    assert got == [("Kenyatta University", "Bachelor of Arts")]
    alone = _schools(f"Kenyatta University{sep}Nairobi, Kenya\n2012 - 2016\n")
    assert alone == [("Kenyatta University", None)]
