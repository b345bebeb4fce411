"""Posting shapes from ATS page dumps, job-board templates, government bulletins and reposts (second
development pass), each reproduced by a small snippet written for the test."""

from __future__ import annotations

from pathlib import Path

from referral_ai.inputs import load_posting, parse_posting
from referral_ai.inputs.materials import extract_materials

# --------------------------------------------------------------------------- ids in addresses

SCRAPED_FRONT_MATTER = """---
source_url: {url}
title: Systems Analyst
company: Northfield College
location: Springfield, IL
---

Northfield College is seeking a Systems Analyst to support the registrar's office.

Requirements:
* Three years of experience with SQL.
"""


def _scraped(tmp_path: Path, url: str) -> str | None:
    path = tmp_path / "job.md"
    path.write_text(SCRAPED_FRONT_MATTER.format(url=url), encoding="utf-8")
    p = load_posting(path)
    assert p.url == url
    return p.req_id


def test_the_id_in_a_scraped_posting_s_source_url(tmp_path: Path) -> None:
    assert _scraped(tmp_path, "https://jobs.northfield.example/hr/view/48213") == "48213"
    assert (
        _scraped(tmp_path, "https://www.acme.example/careers?gh_jid=551234&gh_src=x1") == "551234"
    )
    assert _scraped(tmp_path, "https://acme.icims.com/jobs/2207/systems-analyst/job") == "2207"
    assert (
        _scraped(tmp_path, "https://acme.breezy.hr/p/0a1b2c3d4e5f-systems-analyst")
        == "0a1b2c3d4e5f"
    )
    # a site's page that is not a careers site: its numbers are not a requisition
    assert _scraped(tmp_path, "https://blog.example.org/2031/04/1234/systems-analyst") is None


def test_a_taleo_job_parameter_in_an_apply_link() -> None:
    text = (
        "Systems Analyst\n\nNorthfield College invites applications.\n\n"
        "Apply at https://nf.taleo.net/careersection/staff/jobdetail.ftl?job=31000072Q&tz=GMT\n"
    )
    assert parse_posting(text).req_id == "31000072Q"


# --------------------------------------------------------------------------- label templates


def test_a_job_board_template_with_identifier_labels() -> None:
    text = (
        "POSITION_NAME: Payments - Senior Analyst At Kestrel Pay\n\n"
        "LINK_TO_ORIGINAL_JOB_POSTING: https://kestrel.breezy.hr/p/77aa01bc99de-senior-analyst\n\n"
        "LOCATION_TYPE: Lisbon, PT\n\nWORK_TYPE: FULL-TIME\n\n"
        "REQUIREMENTS:\n- Five years of financial analysis.\n"
    )
    p = parse_posting(text)
    assert p.title == "Payments - Senior Analyst"
    assert p.company == "Kestrel Pay"
    assert p.location == "Lisbon, PT"
    assert p.req_id == "77aa01bc99de"


def test_a_state_bulletin_names_its_agency_and_keeps_the_class_title_qualifier() -> None:
    text = (
        "ACCOUNT TECHNICIAN I (BILINGUAL SPANISH)\n"
        "Job Requisition ID: 51234\n"
        "Closing Date: 03/14/2031\n"
        "Agency: Department of Revenue\n"
        "Class Title: ACCOUNT TECH I - 00101\n"
        "Work Location: 12 Main St, Dover, DE 19901\n\n"
        "Qualifications:\n- Two years of bookkeeping.\n"
    )
    p = parse_posting(text)
    assert p.title == "ACCOUNT TECHNICIAN I (BILINGUAL SPANISH)"
    assert p.department is None
    assert p.company == "Department of Revenue"
    assert p.req_id == "51234"
    assert p.deadline == "2031-03-14"
    # a unit in a mixed-case title's parentheses is still the unit
    q = parse_posting("Campaign Manager (Brand Marketing)\n\nRequirements:\n- Five years.\n")
    assert q.title == "Campaign Manager" and q.department == "Brand Marketing"


# --------------------------------------------------------------------------- saved careers pages

ICIMS_DUMP = """
Skip to Main Content
Back to Brightwave Careers
Returning Candidate?
Log back in!
Data Engineer, 2031 Graduate U.S.
Job Locations US-OR-Portland | US-OR-Portland
ID REQ-2031-0042

Category
    Graduates

Overview

Brightwave is hiring graduates to build its data platform. Visit go.brightwave.example/life.

Qualifications

    Experience with Python or Java.

Apply for this job online
Software Powered by iCIMS
"""


def test_an_icims_page_dump_behind_its_sign_in_prompts() -> None:
    p = parse_posting(ICIMS_DUMP)
    assert p.title == "Data Engineer, 2031 Graduate U.S."
    assert p.company == "Brightwave"  # its lower-case web address does not make it a common word
    assert p.req_id == "REQ-2031-0042"
    note = p.report.note("title")
    assert note is not None and note.confidence >= 0.5


def _menu_page(title: str) -> str:
    menu = "\n\n".join(
        [
            "Careers | Orbex.com", " Skip to main content", "Search careers", "My profile",
            "Austria", "Belgium", "Canada", "Denmark", "EN", "FR", "German", "Spanish",
            "Create your profile | Sign in", "Activate career alerts",
            " Find similar career opportunities",
        ]
    )  # fmt: skip
    return (
        f"{menu}\n\n{title}\n\n Category:\n Software Development\n\n Main location:\n\n"
        " Canada, Ontario, Toronto\n\n Position ID:\n J0101-2233\n\n Employment Type:\n\n Full Time\n\n"
        "Position Description:\n\nOrbex is looking for an architect to lead platform design.\n"
        "You will need to reference the Position ID of the position in which you are interested.\n\n"
        "Required qualifications to be successful in this role\n - Ten years of architecture.\n"
    )


def test_a_careers_page_with_a_long_menu_before_the_title_and_its_fields() -> None:
    p = parse_posting(_menu_page("Cloud Platform Architect"))
    assert p.title == "Cloud Platform Architect"
    assert p.location == "Canada, Ontario, Toronto"
    assert p.req_id == "J0101-2233"
    assert p.company == "Orbex"
    assert p.materials == []  # "to reference the Position ID" asks for no references
    # the line above the fields must name a job; a menu entry there is not taken as the title
    q = parse_posting(
        _menu_page("Global careers site").replace("Position Description", "Job Title: Analyst\n\nX")
    )
    assert q.title == "Analyst"


# --------------------------------------------------------------------------- reposts, suffixes

BLOG_REPOST = """+++
title = "Tenure-Track Position in"
date = "2031-02-08"
+++
Tenure-Track Position in Medieval History (University of Texas at Tyler)

My department at the University of Texas at Tyler is hiring for a tenure-track position. The
basic information is below; see the job ad for how to apply.

**Assistant Professor, Medieval History**

The Department of History invites applications. The University of Texas at Tyler is an equal
opportunity employer. The University of Texas system has several campuses.
"""


def test_a_blog_repost_with_a_cut_off_front_matter_title(tmp_path: Path) -> None:
    path = tmp_path / "repost.md"
    path.write_text(BLOG_REPOST, encoding="utf-8")
    p = load_posting(path)
    assert p.title == "Assistant Professor, Medieval History"  # the ad's own title, not "... in"
    assert p.company == "University of Texas at Tyler"  # "at Tyler" is inside the name


SUFFIXED_TITLE = """---
title: Staff Backend Engineer - Expert Use
company: Loomcraft
location: Remote
---

Loomcraft builds looms. Our engineers own the platform.

Requirements:
* Ten years of backend work.
"""


def test_a_title_suffix_that_is_not_the_named_employer_stays_in_the_title(tmp_path: Path) -> None:
    path = tmp_path / "job.md"
    path.write_text(SUFFIXED_TITLE, encoding="utf-8")
    assert load_posting(path).title == "Staff Backend Engineer - Expert Use"
    path.write_text(SUFFIXED_TITLE.replace("Expert Use", "Loomcraft"), encoding="utf-8")
    p = load_posting(path)
    assert p.title == "Staff Backend Engineer" and p.company == "Loomcraft"


# --------------------------------------------------------------------------- affiliation chains

CHAIN = """Postdoctoral Fellow in Soil Microbiology

Position

Position as Postdoctoral Fellow available at Roots and Fungi (RF) group, Department of Biology,
University of Tromsdal, Norway. The project is a collaboration with the Mycel Foundation.

Qualification requirements

- A doctoral degree in biology.
"""


def test_a_unit_org_country_chain_names_the_employer_and_the_place() -> None:
    p = parse_posting(CHAIN)
    assert p.company == "University of Tromsdal"  # not the unit's first word, not the partner
    # the university is named for its city and written with its country: that city, that country
    assert p.location == "Tromsdal, Norway"


def test_a_company_the_text_names_only_once_is_doubted() -> None:
    text = (
        "Backend Developer\n\nYou will work at Quillstone on payment services.\n\n"
        "Requirements:\n- Five years of Go.\n"
    )
    p = parse_posting(text)
    note = p.report.note("company")
    assert p.company == "Quillstone" and note is not None and note.confidence < 0.5
    twice = parse_posting(text.replace("services.", "services. Quillstone is remote-first."))
    note = twice.report.note("company")
    assert note is not None and note.confidence >= 0.5


def test_the_office_a_job_is_based_in() -> None:
    base = "# Data Reporter\n\n### The Ledger\n\nThe Ledger is hiring a data reporter.\n\n"
    p = parse_posting(base + "This is a full-time job based in our Chicago newsroom.\n")
    assert p.location == "Chicago"
    q = parse_posting(base + "The role is based at The Ledger's San Antonio office.\n")
    assert q.location == "San Antonio"
    r = parse_posting(base + "Our newsroom has won awards.\n")
    assert r.location is None


def test_a_hard_wrapped_unit_of_organisation_sentence() -> None:
    text = (
        "**Assistant Professor, Linguistics**\n\n"
        "The Department of English and Linguistics of the University of Nevada\n"
        "at Elko invites applications for a tenure-track appointment as\n"
        "assistant professor of linguistics.\n\n"
        "Qualifications:\n- A PhD in linguistics.\n"
    )
    p = parse_posting(text)
    assert p.company == "University of Nevada at Elko"
    assert p.department == "Department of English and Linguistics"


# --------------------------------------------------------------------------- departments


def test_a_team_the_job_works_with_is_not_its_unit() -> None:
    text = (
        "Frontend Developer\n\nRunestone builds catalog software for colleges.\n\n"
        "Duties:\n- Work closely with product managers and other members of the Platform Team.\n"
        "- Write tests.\n\nRequirements:\n- Three years of JavaScript.\n"
    )
    assert parse_posting(text).department is None
    hired = text.replace("Runestone builds", "The Platform Team at Runestone builds")
    assert parse_posting(hired).department == "Platform Team"


def test_a_posting_for_several_teams_names_no_one_unit() -> None:
    teams = (
        "Principal Engineer\n\nAcme styles clothes. We are looking for principal engineers for"
        " several teams.\n\n### About the Warehouse Engineering Team\n\nThe warehouse team ships.\n\n"
        "### About the Pricing Engineering Team\n\nThe pricing team prices.\n\n"
        "Requirements:\n- Ten years of Ruby.\n"
    )
    assert parse_posting(teams).department is None


def test_a_lab_vacancies_page_names_the_kind_of_post_under_a_generic_heading() -> None:
    text = (
        "Open positions\n\nPhD studentships\n\n"
        "The Robotics and Sound Lab (RSL) at the institute invites applications for a PhD position.\n"
        "We are based in sunny Portugal, close to the sea.\n\n"
        "The ideal candidate will possess:\n\n- A degree in computer science.\n"
    )
    p = parse_posting(text)
    assert p.title == "PhD studentships"
    assert p.location == "Portugal"


# --------------------------------------------------------------------------- materials


def _asked(text: str) -> dict[str, bool]:
    return {m.material.value: m.required for m in extract_materials(text)}


def test_works_and_an_electronic_recruiting_system() -> None:
    text = (
        "How to apply\n\nThe application must include:\n\n- Cover letter\n- CV\n"
        "- Up to 3 scientific works that the applicant wishes to be considered\n\n"
        "The application with attachments must be delivered in our electronic recruiting system.\n"
    )
    assert _asked(text) == {
        "cover_letter": True, "cv": True, "writing_sample": True, "application_form": True,
    }  # fmt: skip


def test_a_deferral_binds_to_the_material_right_before_it() -> None:
    text = (
        "Applicants should submit a letter of application, a CV, and a list of names and e-mail\n"
        "addresses for three references for confidential letters of recommendation to be requested.\n"
    )
    assert _asked(text) == {"cover_letter": True, "cv": True, "references": True}
    later = "Applicants should submit a CV. Letters of recommendation will be solicited later.\n"
    assert _asked(later) == {"cv": True}


UNIT_OPENING = """---
title: Clinical Systems Analyst
company: Northfield University
location: Springfield, IL
---

{opening} is seeking a Clinical Systems Analyst to support transplant applications.

Requirements:
* Three years of Epic experience.
"""


def test_a_unit_of_the_named_employer_opens_the_posting(tmp_path: Path) -> None:
    path = tmp_path / "job.md"
    path.write_text(UNIT_OPENING.format(opening="Northfield Health Information Systems (NHIS)"))
    p = load_posting(path)
    assert p.department == "Northfield Health Information Systems (NHIS)"
    note = p.report.note("department")
    assert note is not None and note.confidence <= 0.5
    for opening in ("Northfield University", "The university", "Dana Whitfield"):
        path.write_text(UNIT_OPENING.format(opening=opening))
        assert load_posting(path).department is None, opening


# --------------------------------------------------------------------------- doubts


def test_a_bare_academic_rank_is_doubted_when_the_text_names_the_field() -> None:
    text = (
        "Assistant Professor | Lakeview University\n\n"
        "Lakeview University invites applications for a tenure-track position in marine ecology.\n\n"
        "Qualifications:\n- A PhD in ecology.\n"
    )
    p = parse_posting(text)
    assert p.title == "Assistant Professor"
    note = p.report.note("title")
    assert note is not None and note.confidence < 0.5
    assert any(d.field == "title" for d in p.report.doubts)
    full = parse_posting(
        text.replace("Assistant Professor |", "Assistant Professor in Marine Ecology |")
    )
    note = full.report.note("title")
    assert note is not None and note.confidence >= 0.5
