"""Posting shapes from the eighth development set (real postings from public repositories; see
benchmarks/data/extra-corpus-8-SOURCES.md). Each test is a small snippet written for the test that
shows the shape, not a copy of a corpus file."""

from __future__ import annotations

from pathlib import Path

from tests.inputs.conftest import blocking_fields, load_snippet

ENTITY_COMMENT = """---
title: "Data Engineer"
author: someone
---
Brindlewood - Data Engineer - Leeds

We&#x27;re hiring a Data Engineer to build our pipelines &amp; models.

Apply: <a href="https:&#x2F;&#x2F;jobs.ashbyhq.com&#x2F;brindlewood&#x2F;3f2a9c1e-7b4d-4e8a-9c0f-2d6b8e1a4c57" rel="nofollow">https:&#x2F;&#x2F;jobs.ashbyhq.com&#x2F;brindlewood&#x2F;3f2a9c...</a>
"""


def test_character_references_in_markdown_are_read_as_rendered(tmp_path: Path) -> None:
    # a comment copied from a web page into Markdown keeps its entities: rendered, they are text
    p = load_snippet(tmp_path, ENTITY_COMMENT)
    assert p.req_id == "3f2a9c1e-7b4d-4e8a-9c0f-2d6b8e1a4c57"  # the id inside the encoded link
    assert "We're hiring" in p.text
    assert "&#x27;" not in p.text and "&amp;" not in p.text


def test_character_references_in_plain_text_stay_as_written(tmp_path: Path) -> None:
    # a .txt is not rendered: "&amp;" there is what the file says
    p = load_snippet(
        tmp_path, "Data Engineer\n\nWe build pipelines &amp; models for Acme Ltd.\n", "job.txt"
    )
    assert "&amp;" in p.text


WRAPPED_EMPLOYER = """---
title: "We're hiring - Senior Data Steward"
---

An opening is available in our data team, on an open-ended contract, for work across the whole
of the University
of Tarnwick. Team members are trainers for the Zephyr Deep Learning Institute and editors
for the Open Data Journal.

To find out what makes the University of Tarnwick a good place to work, read our pages.
"""


def test_an_employer_named_across_a_line_wrap_is_counted_there(tmp_path: Path) -> None:
    # "University\\nof Tarnwick" is the same name as "University of Tarnwick": named twice, so the
    # employer, not the institute the team trains for
    p = load_snippet(tmp_path, WRAPPED_EMPLOYER)
    assert p.company == "University of Tarnwick"
    assert "company" not in blocking_fields(p)


SLOGAN_TITLE = """---
title: 'Serve Your City: Be our Street Data Engineer'
---

We are hiring a Street Data Engineer to map what happens in every neighbourhood.

# Skills we expect

* Experience with databases and web services

# Equal Employment Opportunity

The City and County of Marlow is committed to equal employment opportunity.
"""


def test_a_slogan_over_the_title_is_neither_the_employer_nor_the_title(tmp_path: Path) -> None:
    p = load_snippet(tmp_path, SLOGAN_TITLE)
    assert p.title == "Street Data Engineer"  # not "Be our ...", not "Serve Your City: ..."
    # the employer's equal-opportunity pledge names it ("City and County of" is one name)
    assert p.company == "City and County of Marlow"
    assert not blocking_fields(p)


HTML_FRAGMENT_WITH_FRONT_MATTER = """---
layout: page
title: "Position: Pipeline Developer at the Harrow Data Centre"
date: 2014-04-24
---

<p><b>This post first appeared on our old blog.</b></p>
<p>
  The Harrow Data Centre runs compute services for researchers,
  and we are seeking to hire a Pipeline Developer
  who will build workflow tools.
  Please see the online posting at
  <a href="https://jobs.harrow.example/posting?num=4411">https://jobs.harrow.example/posting?num=4411</a>
</p>
"""


def test_an_html_fragment_under_front_matter_is_rendered_as_html(tmp_path: Path) -> None:
    # few tags, so it does not look like a page by tag density, but an .html body is HTML
    p = load_snippet(tmp_path, HTML_FRAGMENT_WITH_FRONT_MATTER, "post.html")
    assert "<b>" not in p.text and "<a href" not in p.text
    assert p.title == "Pipeline Developer"
    assert "title" not in blocking_fields(p)


def test_an_abbreviated_employer_is_written_out_as_the_text_names_it(tmp_path: Path) -> None:
    p = load_snippet(
        tmp_path,
        "---\ntitle: Field Educator Position at KORN\n---\n\nThe Kestrel Ornithology Research "
        "Network (KORN) is looking for a Field Educator to run its public programmes.\n",
    )
    assert p.company == "Kestrel Ornithology Research Network"
    q = load_snippet(
        tmp_path,
        "---\ntitle: 'Position: Lab Manager at UT-Halden'\n---\n\nThe Imaging Core at the "
        "University of Tarn-Halden is seeking to hire a Lab Manager.\n",
    )
    assert q.company == "University of Tarn-Halden"


def test_an_abbreviation_the_text_never_writes_out_stays_as_it_is(tmp_path: Path) -> None:
    p = load_snippet(
        tmp_path,
        "---\ntitle: Field Educator Position at KORN\n---\n\nKORN is looking for a Field Educator "
        "to run Kestrel Ornithology programmes (not a network) in the north.\n",
    )
    assert p.company == "KORN"


BOARD_COMMENT = """---
title: "Backend Engineer : Leeds HQ or Remote (within 2 hrs of Leeds)"
author: someone
---

*Quarrydale - Backend Engineer - Leeds HQ or Remote (within 2 hrs of Leeds) - Full-time - <a href="https://www.quarrydale.example">https://www.quarrydale.example</a>*

We're hiring a backend engineer to build our inventory service.
"""


def test_a_board_comment_s_title_place_and_header_line_employer(tmp_path: Path) -> None:
    p = load_snippet(tmp_path, BOARD_COMMENT)
    assert p.title == "Backend Engineer"  # "Title : Place", the place is not the job's name
    assert p.location == "Leeds HQ or Remote (within 2 hrs of Leeds)"
    # the name before the job in the header line, whose own link is that name's domain
    assert p.company == "Quarrydale"
    assert "company" not in blocking_fields(p)


def test_a_header_line_name_without_its_own_link_is_doubted(tmp_path: Path) -> None:
    p = load_snippet(
        tmp_path, BOARD_COMMENT.replace("https://www.quarrydale.example", "https://x.example")
    )
    assert p.company == "Quarrydale"
    assert "company" in blocking_fields(p)  # a name only the header line gives: the letter waits


def test_a_labelled_postal_address_gives_its_town_and_country(tmp_path: Path) -> None:
    p = load_snippet(
        tmp_path,
        "Research Software Engineer\n\nJob title: Research Software Engineer\nLocation: "
        "University of Kelby, Kelby Data Centre, 7 Mill Road, Kelby, KB1 3QG, UK\n\n"
        "We need experience with Python.\n",
        "job.txt",
    )
    assert p.location == "Kelby, UK"  # not the organisation, the unit, the street or postcode
    q = load_snippet(tmp_path, "Data Analyst\n\nLocation: Austin, TX\n\nWe need SQL.\n", "job.txt")
    assert q.location == "Austin, TX"  # an address-less place stays as written


def test_offices_in_a_town_with_its_state_written_out(tmp_path: Path) -> None:
    p = load_snippet(
        tmp_path,
        "---\ntitle: Outreach Coordinator Position at Harlow Trust\n---\n\nHarlow Trust is "
        "looking for an Outreach Coordinator. The coordinator will work out of our offices in "
        "Fairview, Colorado.\n",
    )
    assert p.location == "Fairview, Colorado"


def test_multiple_locations_in_a_title_is_not_a_unit(tmp_path: Path) -> None:
    p = load_snippet(
        tmp_path,
        '---\ntitle: "Branch Librarian (Multiple Locations) - Harlow Public Library"\n---\n\n'
        "Harlow Public Library serves 40 branches.\n\n### Location\n\nHarlow, NY\n",
    )
    assert p.title == "Branch Librarian"
    assert p.department is None


def _materials(text: str) -> set[str]:
    from referral_ai.inputs.materials import extract_materials

    return {m.material.value for m in extract_materials(text) if m.required}


def test_the_employer_s_own_portfolio_is_not_a_material() -> None:
    assert "portfolio" not in _materials(
        "Send a CV to jobs@example.org if your skills extend our existing portfolio."
    )
    assert "portfolio" not in _materials(
        "Please apply with a CV: the role supports a growing portfolio of data projects."
    )
    assert "portfolio" in _materials("Please send your CV and a portfolio to jobs@example.org.")


def test_reference_before_a_quoted_subject_line_is_the_verb() -> None:
    found = _materials(
        "Please send your resume and cover letter to jobs@example.org and reference "
        "\u201cBranch Librarian \u2013 EXTERNAL\u201d in the subject line of the email."
    )
    assert found == {"resume", "cover_letter"}


def test_an_application_at_a_portal_and_an_apply_link_to_a_tracking_system() -> None:
    assert "application_form" in _materials(
        "Complete application [#PEX-1043-0773](https://www.jobs.example.gov/x) at the City's Jobs "
        "Portal. Include a cover letter and a resume with your application."
    )
    assert "application_form" in _materials(
        "We build tools for recyclers.\n\n"
        'Apply: <a href="https://jobs.ashbyhq.com/quarrydale/0a1b">https://jobs.ashbyhq.com/q</a>\n'
    )
    assert "application_form" in _materials(
        "[Apply here](https://jobs.tarnwick.example/sap/hrrcf_a_posting_apply?PARAM=x1)\n"
    )
    # a link to the company's home page, or to a careers site's page about the job, is not one
    assert "application_form" not in _materials(
        "We build tools for recyclers.\n\nApply: https://www.quarrydale.example/about\n"
    )
    assert "application_form" not in _materials(
        "Send your resume to jobs@quarrydale.example.\n\nApply: https://careers.q.example/jobs/48\n"
    )


def test_ids_in_a_vacancy_query_a_careers_job_path_and_an_application_number(
    tmp_path: Path,
) -> None:
    p = load_snippet(
        tmp_path,
        "Systems Developer\n\nPlease see the online posting at "
        "http://www.hr.example.edu/WebListing/PVLSummary.aspx?pvl_num=78231 for details.\n",
        "job.txt",
    )
    assert p.req_id == "78231"
    q = load_snippet(
        tmp_path,
        "Lead Engineer\n\nOfficial link: https://careers.acme.example/us/en/job/"
        "ACMUSR16335EXTENUS/Lead-Engineer\n",
        "job.txt",
    )
    assert q.req_id == "ACMUSR16335EXTENUS"
    r = load_snippet(
        tmp_path,
        "# How to apply\n\nComplete application [#PEX-1043-0773](https://www.jobs.example.gov/b?"
        "R1=PEX) at the City's Jobs Portal.\n",
    )
    assert r.req_id == "PEX-1043-0773"


BOARD_HEADER = """---
title: "Brightmoor : LDN"
---

Brightmoor - Platform Engineering (Data)- LDN- Hybrid - Full-Time
Location: London, UK (Hybrid).

As a Platform Engineer, you will build our data platform with Python and Kafka.

How to apply: email jobs@brightmoor.example with your CV.
"""


def test_a_board_header_line_opening_with_the_employer_gives_the_job(tmp_path: Path) -> None:
    p = load_snippet(tmp_path, BOARD_HEADER)
    assert p.company == "Brightmoor"
    # not "Brightmoor - Platform Engineering (Data)- LDN- Hybrid": the team's discipline gives
    # way to the person the text names
    assert p.title == "Platform Engineer"
    note = next(n for n in p.report.fields if n.field == "title")
    assert "header line" in note.source


def test_the_group_or_department_a_sentence_says_the_job_joins(tmp_path: Path) -> None:
    p = load_snippet(
        tmp_path,
        "---\ntitle: Senior Data Steward\n---\n\nAn opening is available to join the growing "
        "Research Data Stewardship (RDS) group at the University of Tarnwick.\n",
    )
    assert p.department == "Research Data Stewardship (RDS) group"
    q = load_snippet(
        tmp_path,
        "---\ntitle: Archivist - Harlow Historical Society\n---\n\nHarlow Historical Society "
        "seeks an Archivist to support reference work within the Collections and Exhibitions "
        "department.\n",
    )
    assert q.department == "Collections and Exhibitions department"
