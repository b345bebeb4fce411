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
        "## Open Source\n\n### Maintainer | GitHub\n\n**Nov 2018 \u2013 Present**\n\n## Skills",
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
