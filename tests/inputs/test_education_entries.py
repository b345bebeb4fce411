"""Education entries read as a person reads them: the section cut into entries at their dates,
the institution and the degree of each placed by the layout the other entries share, details
(coursework, modules, grades, a thesis) left out, and near-misses that name no school.

The lines are shaped like real resumes' (Portuguese, German, Spanish, French, Kenyan, US
nursing, a left-column label); the names are made up."""

from __future__ import annotations

import pytest

from referral_ai.inputs import parse_resume
from referral_ai.inputs.education import (
    DATES,
    DEGREE,
    INSTITUTION,
    PLAIN,
    EduLine,
    entry_spans,
    read_spans,
)

HEAD = "Ola Berg\nola@example.com\n\nEXPERIENCE\nData Analyst, Acme Corp  2020 - 2023\n- Built reports\n\n"

CASES = [
    pytest.param(
        "EDUCA\u00c7\u00c3O\n"
        "IFXP (2020 - 2024)\nEnsino Superior: Bacharel em Ci\u00eancias da Computa\u00e7\u00e3o.\n\n"
        "IFXP (2017 - 2019)\nEnsino M\u00e9dio: T\u00e9cnico em Inform\u00e1tica.\n\n"
        "SESQ (2008 - 2016)\nEnsino Fundamental.\n",
        ["IFXP", "IFXP", "SESQ"],
        id="portuguese-acronym-schools-by-their-place",
    ),
    pytest.param(
        "BILDUNGSABSCHL\u00dcSSE\n"
        "10/2020 - 03/2022\nMaster Systems-Engineering\nHochschule Albrand\n"
        "\u2022 Schwerpunkt: Industrie 4.0\n"
        "01/2013 - 01/2016\nB-1, B-2 und C-1 Zertifikat\nSprachhaus Nord\n"
        "\u2022 Schwerpunkt: Deutsch als Fremdsprache\n"
        "09/2010 -\t07/2011\nAbitur\nLessing-Gymnasium Talheim\n",
        ["Hochschule Albrand", "Sprachhaus Nord", "Lessing-Gymnasium Talheim"],
        id="german-dates-degree-school-lines",
    ),
    pytest.param(
        "Educaci\u00f3n y Certificados:\n"
        "2018 \u2013 2019\t\tBachiller en Ingenier\u00eda de Sistemas.\nUniversidad Santa Lidia\n\n"
        "2015 \u2013 2016\t\t\tTaller de Dise\u00f1o Gr\u00e1fico\nCentro Industrial Monte Alto\n",
        # (a workshop at a centre with no degree, under "... y Certificados", is a certificate)
        ["Universidad Santa Lidia"],
        id="spanish-degree-first-under-education-and-certificates",
    ),
    pytest.param(
        "Education\n"
        "2022 \tDoctorate of Nursing Practice, Executive Leadership, Varden University, "
        "Pittsburgh, PA\n"
        "Expected Graduate: August 2025\nGPA: 3.8\nSummer 2022\n"
        "- History and Contemporary Practice for Nurses\n- Health Care Ethics in Policy\n"
        "2014 \tBachelor of Science, Psychology,  University of Kelso, Kelso, PA\n",
        ["Varden University", "University of Kelso"],
        id="year-tab-one-line-and-coursework-under-a-term",
    ),
    pytest.param(
        "EDUCATION\n"
        "Full Stack Software Engineering\t\t\tSeptember 2023 \u2013 March 2024\nMoranga School\n"
        "Modules covered:\n- HTML and CSS\n- React\nProjects completed:\n- A dictionary app\n\n"
        "Bachelor of Science in Telecommunications\t\tJuly 2019 \u2013 July 2023\n"
        "Strathmere University\n\n"
        "REFEREES\nAmani Otieno\t\t\tLecturer\nStrathmere University\n",
        ["Moranga School", "Strathmere University"],
        id="list-labels-inside-an-entry-and-referees-after",
    ),
    pytest.param(
        "Formation\n"
        "2019 - 2022 Master Technologies du Web\nUniversit\u00e9 Jean Lorrain\n"
        "2017 - 2018 Licence Informatique\t2\u00e8me ann\u00e9e\nUFRXT Le Havre\n"
        "2017\tDEUG Informatique\nFacult\u00e9 des Sciences, Agadir, Maroc\n",
        ["Universit\u00e9 Jean Lorrain", "UFRXT Le Havre", "Facult\u00e9 des Sciences"],
        id="french-licence-deug-faculte",
    ),
]


@pytest.mark.parametrize(("section", "schools"), CASES)
def test_entries_of_a_section(section: str, schools: list[str]) -> None:
    r = parse_resume(HEAD + section)
    assert [e.institution for e in r.education] == schools


def test_each_school_takes_the_degree_of_its_own_entry() -> None:
    r = parse_resume(HEAD + CASES[1].values[0])
    assert [(e.degree, e.field) for e in r.education] == [
        ("Master", "Systems-Engineering"),
        ("B-1, B-2 und C-1 Zertifikat", None),
        ("Abitur", None),
    ]
    assert [(e.start, e.end) for e in r.education] == [
        ("10/2020", "03/2022"),
        ("01/2013", "01/2016"),
        ("09/2010", "07/2011"),
    ]


def test_a_label_in_a_left_column_opens_its_section() -> None:
    text = (
        "Mina Cho\nmina@example.com\n"
        "EDUCATION University of Talbot (Seattle WA)\tJune 2018\n"
        "B.S. Information Science (GPA 3.6/4.0)\n"
        "EXPERIENCE Software Engineer\tAugust 2018 - Present\nBay Goods Company | New York, NY\n"
    )
    r = parse_resume(text)
    assert [(e.institution, e.degree) for e in r.education] == [("University of Talbot", "B.S.")]
    assert r.roles and r.roles[0].employer == "Bay Goods Company"


@pytest.mark.parametrize(
    ("section", "wrong"),
    [
        # a programme's name, not a school ("Pre-university")
        (
            "EDUCATION\nSept 2017 \u2013 Jul 2019\tPre-university education\n"
            "Sept 2019 \u2013 Jul 2023\tBachelor of Science in Physics\n",
            "Pre-university education",
        ),
        # a French degree's name ("Dipl\u00f4me Universitaire de Technologie")
        (
            "Education\nENS Talou - DUT\nDipl\u00f4me Universitaire de Technologie en Multim\u00e9dia\n"
            "2018-2020\n",
            "Dipl\u00f4me Universitaire de Technologie en Multim\u00e9dia",
        ),
        # "mit" in a German sentence is not MIT, and a sentence is no entry
        (
            "Ausbildung\nTechnikum Wels \u2013 Informationstechnologie\n"
            "Bei meiner Diplomarbeit, mit dem Titel Farbwerk, ging es darum eine Software zu "
            "entwickeln, welche alte Fotos koloriert.\n",
            "Bei meiner Diplomarbeit",
        ),
    ],
)
def test_near_misses_are_not_schools(section: str, wrong: str) -> None:
    r = parse_resume(HEAD + section)
    assert not any((e.institution or "").startswith(wrong) for e in r.education)


def test_a_school_placed_by_its_place_alone_is_a_doubt() -> None:
    r = parse_resume(HEAD + CASES[1].values[0])
    doubted = {d.field for d in r.report.doubts}
    assert "education[1].institution" in doubted  # "Sprachhaus Nord": no school word
    assert "education[0].institution" not in doubted  # "Hochschule Albrand"


def test_a_spanish_workshop_is_a_certificate_under_education_and_certificates() -> None:
    r = parse_resume(HEAD + CASES[2].values[0])
    assert any("Taller de Dise\u00f1o" in c for c in r.certifications)


def test_plain_lines_with_no_layout_to_place_them_are_not_schools() -> None:
    # no entry names a school, so nothing says which plain line would be one
    r = parse_resume(
        HEAD + "EDUCATION\n2015 - 2016\nNordhavn Program\nGreen Line\n"
        "2012 - 2014\nEastfield Track\nBlue Line\n"
    )
    assert r.education == []


def test_spans_open_or_close_at_the_dates() -> None:
    opened = [EduLine(DATES, True), EduLine(DEGREE, False), EduLine(PLAIN, False)] * 2
    assert entry_spans(opened) == [range(0, 3), range(3, 6)]
    closed = [EduLine(INSTITUTION, False), EduLine(DEGREE, True)] * 2
    assert entry_spans(closed) == [range(0, 2), range(2, 4)]
    # dates in the middle with a school after the last: not cut
    middle = [EduLine(INSTITUTION, False), EduLine(DEGREE, True), EduLine(INSTITUTION, False)]
    assert entry_spans(middle) is None
    assert entry_spans([EduLine(DATES, True), EduLine(DEGREE, False)]) is None


def test_the_other_entries_place_a_plain_line_and_plain_entries_place_nothing() -> None:
    lines = [
        EduLine(DEGREE, True),
        EduLine(INSTITUTION, False),
        EduLine(DEGREE, True),
        EduLine(INSTITUTION, False),
        EduLine(PLAIN, True),
        EduLine(PLAIN, False),
    ]
    spans = entry_spans(lines)
    assert spans is not None
    last = read_spans(lines, spans)[-1]
    assert (last.institution, last.degree, last.templated, last.doubtful) == (5, 4, True, False)
    alone = [EduLine(DATES, True), EduLine(PLAIN, False), EduLine(PLAIN, False)] * 2
    spans = entry_spans(alone)
    assert spans is not None
    assert all(not r.templated for r in read_spans(alone, spans))
