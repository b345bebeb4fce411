"""The layout model of an experience section (``inputs/layout.py``), and the resume parser using it.

Entries are built from shapes (made-up names, no corpus text): the model's reading of one entry
depends on the others, so the tests give whole sections.
"""

from __future__ import annotations

from referral_ai.inputs import parse_resume
from referral_ai.inputs.layout import DOUBT_MARGIN, Fragment, Slot, read_entries, template_of
from referral_ai.inputs.report import role_named


def frag(text: str, line: int, title: float, org: float, font: str | None = None) -> Fragment:
    return Fragment(
        text=text, slot=Slot(("above", 2 - line), 0, font), line=line, title=title, org=org
    )


def test_a_lone_entry_goes_by_its_words() -> None:
    # "Globex" / "Data Analyst": the job noun decides, whatever the order.
    (reading,) = read_entries([[frag("Globex", 0, 0, 0), frag("Data Analyst", 1, 5, -5)]])
    assert (reading.title, reading.employer) == (1, 0)
    assert not reading.doubtful


def test_entries_the_words_decide_place_the_ones_they_do_not() -> None:
    # Two entries say "employer line, then title line"; the third has no words either way
    # ("Quill" / "Wexmoor") and is read the same way.
    entries = [
        [frag("Acme Ltd", 0, -3, 3), frag("Software Engineer", 1, 5, -5)],
        [frag("Initech Corp", 0, -3, 3), frag("Analyst", 1, 5, -5)],
        [frag("Quill", 0, 0, 0), frag("Wexmoor", 1, 0, 0)],
    ]
    readings = read_entries(entries)
    assert [(r.title, r.employer) for r in readings] == [(1, 0), (1, 0), (1, 0)]
    assert readings[2].templated and not readings[2].doubtful


def test_the_same_words_in_the_other_layout_read_the_other_way() -> None:
    # The same undecided entry under resumes that write "title line, then employer line".
    entries = [
        [frag("Software Engineer", 0, 5, -5), frag("Acme Ltd", 1, -3, 3)],
        [frag("Analyst", 0, 5, -5), frag("Initech Corp", 1, -3, 3)],
        [frag("Quill", 0, 0, 0), frag("Wexmoor", 1, 0, 0)],
    ]
    assert [(r.title, r.employer) for r in read_entries(entries)][2] == (0, 1)


def test_fonts_carry_the_roles_when_the_lines_move() -> None:
    # The title is in the bold font wherever it sits: an entry with an extra line above keeps it.
    entries = [
        [frag("Acme Ltd", 0, -3, 3, "plain"), frag("Engineer", 1, 5, -5, "bold")],
        [frag("Initech Corp", 0, -3, 3, "plain"), frag("Analyst", 1, 5, -5, "bold")],
        [
            Fragment("Quill", Slot(("above", 3), 0, "bold"), 0, 0, 0),
            Fragment("Wexmoor", Slot(("above", 2), 0, "plain"), 1, 0, 0),
        ],
    ]
    template = template_of(entries)
    assert template is not None and template[0].font == "bold"
    assert (read_entries(entries)[2].title, read_entries(entries)[2].employer) == (0, 1)


def test_clear_words_beat_the_template() -> None:
    # An entry that names its job noun and its company suffix the other way round is read by them.
    entries = [
        [frag("Acme Ltd", 0, -3, 3), frag("Engineer", 1, 5, -5)],
        [frag("Initech Corp", 0, -3, 3), frag("Analyst", 1, 5, -5)],
        [frag("Research Scientist", 0, 5, -5), frag("Umbrella Labs", 1, -3, 3)],
    ]
    assert (read_entries(entries)[2].title, read_entries(entries)[2].employer) == (0, 1)


def test_no_evidence_and_no_template_is_a_doubt() -> None:
    # One entry, two fragments with no words either way: either reading could be right.
    (reading,) = read_entries([[frag("Quill", 0, 0, 0), frag("Wexmoor", 1, 0, 0)]])
    assert reading.margin < DOUBT_MARGIN and reading.doubtful


def test_an_entry_of_one_fragment_reads_it_as_title_only_when_it_is_one() -> None:
    assert read_entries([[frag("Data Analyst", 0, 5, -5)]])[0].title == 0
    only = read_entries([[frag("Wexmoor", 0, 0, 0)]])[0]
    assert (only.title, only.employer) == (None, 0)


# --------------------------------------------------------------------------- through the parser


def _roles(text: str) -> list[tuple[str | None, str | None]]:
    return [(r.title, r.employer) for r in parse_resume(text).roles]


def test_parser_reads_an_entry_whose_words_tie_like_the_others() -> None:
    # "Freelance" / "Freelance Designer": both read as titles; the entries above say the
    # employer line comes first.
    text = (
        "Pat Doe\npat@example.com\n\nEXPERIENCE\n"
        "Acme Ltd\nSoftware Engineer\nJan 2020 - Present\n- Built things\n"
        "Initech Corp\nData Analyst\nJan 2018 - Dec 2019\n- Counted things\n"
        "Freelance\nFreelance Designer\nJan 2016 - Dec 2017\n- Drew things\n"
    )
    assert _roles(text)[2] == ("Freelance Designer", "Freelance")


def test_parser_doubts_a_role_it_cannot_place_and_the_letter_does_not_name_it() -> None:
    # One entry whose two parts both read as job titles, and no other entry to go by.
    text = (
        "Pat Doe\npat@example.com\n\nEXPERIENCE\nLead Architect \u2013 Tide Partner\n2019 - 2021\n"
        "- Drew plans for harbour buildings\n"
    )
    resume = parse_resume(text)
    assert [r.title for r in resume.roles] == ["Lead Architect"]
    (doubt,) = [d for d in resume.report.doubts if d.field == "roles[0]"]
    assert "not sure" in doubt.message and not doubt.blocking
    assert not role_named(resume, 0)
    # The same entry under two that say "title | employer" is read without a doubt.
    more = text.replace(
        "EXPERIENCE\n",
        "EXPERIENCE\nData Analyst \u2013 Initech Corp\n2021 - 2023\n- Counted\n"
        "Software Engineer \u2013 Acme Ltd\n2017 - 2019\n- Built\n",
    )
    resume = parse_resume(more)
    assert [d for d in resume.report.doubts if d.field.startswith("roles")] == []
    assert role_named(resume, 1)


def test_unit_beside_the_title_and_organisation_below_gives_the_organisation() -> None:
    text = (
        "Pat Doe\npat@example.com\n\nEXPERIENCE\n"
        "Research Assistant \u2013 Institute of Tides\t04/2023 \u2013 02/2024\n"
        "University of Wexmoor\n- Measured tides.\n"
        "Research Assistant \u2013 Department of Winds\t03/2021 \u2013 09/2022\n"
        "University of Wexmoor\n- Measured winds.\n"
    )
    assert _roles(text) == [
        ("Research Assistant", "University of Wexmoor"),
        ("Research Assistant", "University of Wexmoor"),
    ]


def test_moderncv_full_stop_after_title_and_wrapped_employer() -> None:
    text = (
        "Pat Doe\npat@example.com\n\nWORK EXPERIENCE\n"
        "2019\u20132022 Research Associate. Laboratory of Tides, University of\n"
        "Wexmoor, Quilltown, OR\n"
        "2015\u20132018 Forest Technician. Camp Nine Forest Man-\n"
        "agement, Joseph, OR\n"
    )
    assert _roles(text) == [
        ("Research Associate", "University of Wexmoor"),
        ("Forest Technician", "Camp Nine Forest Management"),
    ]


def test_colon_after_dates_and_an_aside_in_brackets_are_not_the_role() -> None:
    text = (
        "Pat Doe\npat@example.com\n\nEXPERIENCE\n"
        "Feb 2019-present: Analytical Lead, Tide Team, WXA (mostly working in R)\n"
        "Oct 2017-Feb 2019: Research Manager, Wind Unit, QDE (mostly working in SQL)\n"
    )
    assert _roles(text) == [("Analytical Lead", "WXA"), ("Research Manager", "QDE")]


def test_title_employer_country_on_one_dated_line() -> None:
    text = (
        "Pat Doe\npat@example.com\n\nRESEARCH EXPERIENCE\n"
        "2020 \u2013 Present\tLecturer in statistics \u2013 Wexmoor & Quill, Belgium\n"
        "2016 \u2013 2020\tDoctoral researcher in statistics \u2013 Wexmoor, Belgium\n"
    )
    assert _roles(text) == [
        ("Lecturer in statistics", "Wexmoor & Quill"),
        ("Doctoral researcher in statistics", "Wexmoor"),
    ]


def test_date_run_into_the_title_is_split() -> None:
    text = (
        "Pat Doe\npat@example.com\n\n## Experience\n\n"
        "__Wexmoor Tides, May 2019 - August 2019Machine Operator__\n\n- Ran machines\n\n"
        "__Quill Grocery, August 2020 - CurrentNight Clerk__\n\n- Stocked shelves\n"
    )
    assert _roles(text) == [
        ("Machine Operator", "Wexmoor Tides"),
        ("Night Clerk", "Quill Grocery"),
    ]
