"""Resume shapes met on held-out documents: nicknames beside the name, a second 'Name:' line,
LinkedIn exports in French/Spanish/German, "Employer<tab>City" over "Title<tab>Dates", open ranges.

Every snippet is written for the test and reproduces a *shape* (a line layout), never a real
document's text; real-document behaviour is measured by ``benchmarks/bench_parsing.py``.
"""

from __future__ import annotations

import pytest

from referral_ai.errors import ParseError
from referral_ai.inputs import parse_resume
from referral_ai.inputs.report import with_review

_ROLE = "\nExperience\nAnalyst, Acme Corp  2019 - 2022\n- Built the reports.\n"


def _blocking(text: str) -> set[str]:
    return {d.field for d in with_review(parse_resume(text)).report.doubts if d.blocking}


@pytest.mark.parametrize(
    ("top", "name"),
    [
        ("Ada Okafor (Addie)", "Ada Okafor"),
        ("Priya Raman (she/her)", "Priya Raman"),
        ("Priya (she/her) Raman", "Priya Raman"),
        ("Tomas Lind \u201cTom\u201d", "Tomas Lind"),
        # A nickname inside the name is part of how its owner writes it.
        ('Robert "Bob" Mendes', 'Robert "Bob" Mendes'),
        ("Wei (Victor) Zhang", "Wei (Victor) Zhang"),
        ("WEI (VICTOR) ZHANG", "Wei (Victor) Zhang"),
    ],
)
def test_pronouns_or_an_aside_after_the_name_are_not_part_of_it(top: str, name: str) -> None:
    r = parse_resume(f"{top}\nada@example.com{_ROLE}")
    assert r.name == name
    assert "name" not in _blocking(f"{top}\nada@example.com{_ROLE}")


def test_a_second_name_in_a_name_line_makes_the_name_doubted() -> None:
    # A bilingual resume: the top name in one script, a 'Name' line in the other part.
    text = (
        "\u0531\u0576\u056b \u0544\u0561\u0580\u057f\u056b\u0580\u0578\u057d\u0575\u0561\u0576\n"
        "ani@example.com\n\nCV\nName\t\tAni Martirosyan\nEmail\t\tani@example.com" + _ROLE
    )
    r = with_review(parse_resume(text))
    doubt = next(d for d in r.report.doubts if d.field == "name")
    assert doubt.blocking
    assert "Ani Martirosyan" in doubt.message
    assert "--name" in doubt.fix


def test_a_name_line_that_agrees_is_not_a_doubt() -> None:
    text = "Ani Martirosyan\nani@example.com\n\nPersonal details\nName: Martirosyan Ani\n" + _ROLE
    assert parse_resume(text).name == "Ani Martirosyan"
    assert "name" not in _blocking(text)


def test_a_name_line_gives_the_name_when_the_top_has_none() -> None:
    text = (
        "CURRICULUM VITAE\n\nPersonal details\nName:   Ani Martirosyan\nani@example.com\n" + _ROLE
    )
    assert parse_resume(text).name == "Ani Martirosyan"


def test_a_referee_name_line_is_not_the_candidates() -> None:
    text = "Ani Martirosyan\nani@example.com\n" + _ROLE + "\nReferences\nName: Karen Holt\n"
    assert "name" not in _blocking(text)


@pytest.mark.parametrize(
    ("experience", "education", "dates", "degree_line"),
    [
        (
            "Exp\u00e9rience",
            "Formation",
            "janvier 2021 - aujourd\u2019hui (2 ans 1 mois)",
            "Licence, Histoire \u00b7 (septembre 2019 - juillet 2020)",
        ),
        (
            "Experiencia",
            "Educaci\u00f3n",
            "marzo 2019 - actualidad (4 a\u00f1os 2 meses)",
            "Grado, Historia \u00b7 (septiembre 2015 - junio 2019)",
        ),
        (
            "Berufserfahrung",
            "Ausbildung",
            "M\u00e4rz 2020 - heute (3 Jahre 1 Monat)",
            "Bachelor, Geschichte \u00b7 (Oktober 2016 - Juli 2019)",
        ),
    ],
)
def test_a_linkedin_export_in_another_language(
    experience: str, education: str, dates: str, degree_line: str
) -> None:
    text = (
        "Ren\u00e9 Marchal\nrene@example.com\n"
        f"{experience}\nBanque Lumen\nAssistant informatique\n{dates}\nLyon, France\n"
        "Atelier Sud\nEmploy\u00e9 administratif\njuillet 2018 - septembre 2018 (3 mois)\n"
        f"{education}\nUniversit\u00e9 de Lyon\n{degree_line}\n"
    )
    r = parse_resume(text)
    assert [(x.title, x.employer) for x in r.roles] == [
        ("Assistant informatique", "Banque Lumen"),
        ("Employ\u00e9 administratif", "Atelier Sud"),
    ]
    assert r.roles[0].end == "Present"
    assert [e.institution for e in r.education] == ["Universit\u00e9 de Lyon"]


def test_employer_and_place_over_title_and_dates_split_by_tabs() -> None:
    text = (
        "Pat Quill\npat@example.com\n\nEXPERIENCE\n"
        "Nordlys Software\tTromsø\nSoftware developer\t2016\u2013\n- Designed the interface.\n"
        "Kaffe Hus\tAalborg\nWeb designer\t2015\u20132015\n- Built the web page.\n"
        "Ibera S.R.L\tRosario, Argentina\nIT Consultant\t2013\u20132014\n- Ran the mail servers.\n"
    )
    r = parse_resume(text)
    assert [(x.title, x.employer, x.location, x.start, x.end) for x in r.roles] == [
        ("Software developer", "Nordlys Software", "Tromsø", "2016", None),
        ("Web designer", "Kaffe Hus", "Aalborg", "2015", "2015"),
        ("IT Consultant", "Ibera S.R.L", "Rosario, Argentina", "2013", "2014"),
    ]


def test_a_title_aligned_right_of_the_employer_is_not_a_place() -> None:
    text = (
        "Pat Quill\npat@example.com\n\nEXPERIENCE\n"
        "Nordlys Software\tSenior Developer\n2016 - 2020\n- Designed the interface.\n"
    )
    r = parse_resume(text)
    assert [(x.title, x.employer, x.location) for x in r.roles] == [
        ("Senior Developer", "Nordlys Software", None)
    ]


def test_a_title_stated_in_a_sentence_naming_the_employer() -> None:
    text = (
        "Noor Aziz\nnoor@example.com\n\nEXPERIENCE\n"
        "Lumen Optics SDN. BHD.\tMarch 2023 - September 2023\n"
        "Working as Customer Service Asistant at Lumen Optics SDN. BHD. as a part timer.\n"
        "Kept the customer records up to date.\n"
    )
    r = parse_resume(text)
    assert [(x.title, x.employer) for x in r.roles] == [
        ("Customer Service Asistant", "Lumen Optics SDN. BHD.")
    ]


def test_a_sentence_naming_another_employer_gives_no_title() -> None:
    text = (
        "Noor Aziz\nnoor@example.com\n\nEXPERIENCE\n"
        "Lumen Optics SDN. BHD.\tMarch 2023 - September 2023\n"
        "Working as a volunteer reader at the City Library on weekends.\n"
    )
    # no role, and nothing else a letter could draw on
    with pytest.raises(ParseError, match="nothing to draft from"):
        parse_resume(text)


@pytest.mark.parametrize("number", ["9399-3436", "555-0123"])
def test_a_short_local_number_on_the_contact_line(number: str) -> None:
    text = f"Pat Quill\n{number} \u2022\tpat@example.com\n{_ROLE}"
    assert parse_resume(text).contact.phone == number


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Riverside, Iloilo | 09170001234 | pat@example.com", "09170001234"),
        ("Tel : 771234567", "771234567"),
        ("+44 07400123456 | pat@example.com", "+44 07400123456"),
        ("+43 650 12345678 \u2022 pat@example.com", "+43 650 12345678"),
    ],
)
def test_a_phone_written_as_one_long_group(line: str, number: str) -> None:
    text = f"Pat Quill\n{line}\n{_ROLE}"
    assert parse_resume(text).contact.phone == number


@pytest.mark.parametrize("line", ["Matriculation 201912345", "Geburtstag: 20.10.1990"])
def test_a_long_number_off_a_contact_line_or_a_date_is_not_a_phone(line: str) -> None:
    text = f"Pat Quill\npat@example.com\n{line}\n{_ROLE}"
    assert parse_resume(text).contact.phone is None


def test_a_page_range_further_down_is_not_a_phone() -> None:
    text = (
        f"Pat Quill\npat@example.com\n{_ROLE}\nPublications\n"
        "Quill, P. (2019). A study of rivers. Journal of Water 12,\n2183-2188.\n"
    )
    assert parse_resume(text).contact.phone is None


def test_certificates_under_a_certifications_and_education_heading_are_not_degrees() -> None:
    text = (
        "Pat Quill\npat@example.com\n" + _ROLE + "\nCERTIFICATIONS AND EDUCATION\n"
        "Calibrating Lab Instruments, Institute of Measurement Standards\n"
        "Network Defence \u2013 Harbor Networking Academy, 2025\n"
        "M.Sc. Mechatronics, Riverside University\n"
        "Northgate Community College\n"
    )
    r = parse_resume(text)
    assert [e.institution for e in r.education] == [
        "Riverside University",
        "Northgate Community College",
    ]
    assert r.certifications == [
        "Calibrating Lab Instruments, Institute of Measurement Standards",
        "Network Defence, Harbor Networking Academy",
    ]


def test_under_an_education_heading_alone_an_academy_stays_education() -> None:
    text = "Pat Quill\npat@example.com\n" + _ROLE + "\nEDUCATION\nHarbor Design Academy, 2019\n"
    assert [e.institution for e in parse_resume(text).education] == ["Harbor Design Academy"]


@pytest.mark.parametrize(
    ("top", "name"),
    [
        ("HANNAH OKAFOR", "Hannah Okafor"),
        ("JEAN-LUC O'BRIEN", "Jean-Luc O'Brien"),
        ("MARIA DE LA CRUZ", "Maria de la Cruz"),
        ("Ada McKAY", "Ada McKAY"),  # any lower-case letter: the name as written
    ],
)
def test_a_name_set_in_capitals_signs_letters_as_a_person_writes_it(top: str, name: str) -> None:
    text = f"{top}\nada@example.com{_ROLE}"
    assert parse_resume(text).name == name
    assert "name" not in _blocking(text)


def test_a_heading_in_capitals_at_the_top_is_still_not_a_name() -> None:
    text = f"CONTACT\nada@example.com{_ROLE}"
    assert "name" in _blocking(text)


@pytest.mark.parametrize(
    "top",
    [
        "Ada Okafor (ada.okafor@example.org)",
        "Ada Okafor <ada.okafor@example.org>",
        "Ada Okafor (adaokafor.example.dev)",
    ],
)
def test_a_contact_beside_the_name_is_not_part_of_it(top: str) -> None:
    text = f"{top}\nadaokafor.example.dev\nGoogle Scholar{_ROLE}"
    assert parse_resume(text).name == "Ada Okafor"
    assert "name" not in _blocking(text)


@pytest.mark.parametrize(
    "label", ["Google Scholar", "LinkedIn", "Personal Website", "GitHub Profile"]
)
def test_a_link_label_is_never_the_name(label: str) -> None:
    text = f"{label}\nada@example.com{_ROLE}"
    assert parse_resume(text).name is None
    assert "name" in _blocking(text)


def test_a_personal_details_heading_is_not_the_name_and_labelled_parts_give_it() -> None:
    text = (
        "\u00c9TAT CIVIL\nPr\u00e9nom : Ada\nNom : OKAFOR\nT\u00e9l : 770000000\n"
        "E-mail : ada@example.com\n\nLANGUES PARL\u00c9ES\nAnglais\n" + _ROLE
    )
    assert parse_resume(text).name == "Ada OKAFOR"


def test_first_and_last_name_lines_give_the_name() -> None:
    text = "Personal details\nFirst name: Ada\nLast name: Okafor\nada@example.com\n" + _ROLE
    assert parse_resume(text).name == "Ada Okafor"


def test_employer_line_over_a_bulleted_title_with_dates() -> None:
    text = (
        "Pat Quill\npat@example.com\n\nAppointments\n"
        "Example Lab, Example University, School of Policy\n"
        "\u2022 Research Professor (Fall 2025 \u2013 present)\n"
        "Harbor Agency, Office of Sciences (HOS)\n\u2022 Data Scientist (2019 \u2013 2022)\n"
    )
    roles = [(r.title, r.employer, r.start) for r in parse_resume(text).roles]
    # The lab named before the university is a unit: the employer starts at the organisation.
    assert roles == [
        ("Research Professor", "Example University, School of Policy", "Fall 2025"),
        ("Data Scientist", "Harbor Agency, Office of Sciences (HOS)", "2019"),
    ]


def test_institution_then_a_full_stop_then_the_degree() -> None:
    text = (
        "Pat Quill\npat@example.com\n\nEducation\n"
        "Example State University. PhD in Political Science (2020)\n"
        "North University. BA in Government (2013)\n" + _ROLE
    )
    edu = [(e.institution, e.degree) for e in parse_resume(text).education]
    assert edu == [("Example State University", "PhD"), ("North University", "BA")]
