"""Weak sources of a title or a company are doubted, not written; strong ones are not.

Each snippet reproduces a shape (front matter of a job board or a lab page, a saved page's footer,
a single mention of an organisation) with invented names.
"""

from __future__ import annotations

from pathlib import Path

from referral_ai.inputs import load_posting
from referral_ai.inputs.posting import parse_posting as _parse
from referral_ai.inputs.report import with_review
from referral_ai.models import JobPosting

BODY = """
### Responsibilities
- Build dashboards for the clinics.
- Work with the data team.

### Requirements
- Three years of SQL.
"""


def parse_posting(text: str, **kw: object) -> JobPosting:
    return with_review(_parse(text, **kw))  # type: ignore[arg-type]


def _md(tmp_path: Path, text: str) -> JobPosting:
    path = tmp_path / "job.md"
    path.write_text(text, encoding="utf-8")
    return load_posting(path)


def _blocking(posting: JobPosting) -> set[str]:
    return {d.field for d in posting.report.blocking}


# --------------------------------------------------------------------------- company


def test_an_organisation_named_once_among_others_is_doubted() -> None:
    text = (
        "Data Analyst\n\nThe project is funded together with the Brackwater Institute and runs "
        "for two years.\n" + BODY
    )
    p = parse_posting(text, source="job.txt")
    note = p.report.note("company")
    assert p.company == "Brackwater Institute"
    assert note is not None and note.confidence < 0.5
    assert "company" in _blocking(p)


def test_an_organisation_the_text_names_again_and_again_is_not_doubted() -> None:
    text = (
        "Data Analyst\n\nThe City of Marrowby runs the clinics. Staff of the City of Marrowby "
        "get a pension.\n" + BODY
    )
    p = parse_posting(text, source="job.txt")
    note = p.report.note("company")
    assert (p.company or "").endswith("City of Marrowby")
    assert note is not None and note.source == "organisation the text names most"
    assert "company" not in _blocking(p)


def test_an_organisation_named_once_is_trusted_when_the_e_mail_domain_spells_it() -> None:
    text = (
        "Data Analyst\n\nYou will join Hollin University Hospital for two years.\n"
        + BODY
        + "\nSend questions to jobs@hollin-hospital.example.org\n"
    )
    p = parse_posting(text, source="job.txt")
    assert p.company == "Hollin University Hospital"
    assert "company" not in _blocking(p)


def test_an_applicant_tracking_system_is_never_the_employer(tmp_path: Path) -> None:
    p = _md(
        tmp_path,
        "# Delivery Manager\n\nApply on our page at "
        "https://boards.greenhouse.io/quillon/jobs/123 or read https://quillon.example/jobs/ "
        "about Quillon.\nQuillon builds hubs.\n" + BODY,
    )
    assert p.company != "Greenhouse"
    assert (p.company or "").lower() != "greenhouse"


def test_a_name_starting_with_a_digit_is_a_name(tmp_path: Path) -> None:
    p = _md(
        tmp_path,
        "# Delivery Manager\n\nRead https://3q3c.example/jobs/ first. 3q3c runs open hubs.\n"
        + BODY,
    )
    assert p.company == "3q3c"
    assert "company" not in _blocking(p)


def test_a_company_joining_two_names_is_doubted(tmp_path: Path) -> None:
    p = _md(
        tmp_path,
        "---\ntitle: Data Analyst\norganization: Probe Lab - The Quarry Project\n---\n" + BODY,
    )
    assert "company" in _blocking(p)
    assert any("joins two names" in d.message for d in p.report.blocking)


def test_a_front_matter_subtitle_naming_an_organisation_is_the_employer(tmp_path: Path) -> None:
    p = _md(tmp_path, "---\ntitle: Data Analyst\nsubtitle: Fennick University\n---\n" + BODY)
    assert p.company == "Fennick University"


def test_a_lower_case_article_is_not_part_of_the_name(tmp_path: Path) -> None:
    p = _md(tmp_path, '---\ntitle: "Postdoc Opening at the University of Tarnby"\n---\n' + BODY)
    assert p.company == "University of Tarnby"
    assert not any(d.field == "company" for d in p.report.doubts)


# --------------------------------------------------------------------------- title


def test_a_title_that_goes_on_as_a_sentence_gives_way_to_the_role(tmp_path: Path) -> None:
    p = _md(
        tmp_path,
        "---\nlayout: jobs\ntitle: Designer to improve the app on phones\n"
        "role: UX designer\norganization: Quarry Project\n---\n" + BODY,
    )
    assert p.title == "UX designer"
    assert "title" not in _blocking(p)


def test_a_sentence_title_with_no_role_is_doubted(tmp_path: Path) -> None:
    p = _md(tmp_path, "---\ntitle: Designer to improve the app on phones\n---\n" + BODY)
    assert "title" in _blocking(p)


def test_a_gender_note_is_not_part_of_the_title(tmp_path: Path) -> None:
    p = _md(
        tmp_path, "---\ntitle: Backend Developer (m/w/d)\norganization: Quarry AG\n---\n" + BODY
    )
    assert p.title == "Backend Developer"
    assert "title" not in _blocking(p)


def test_a_site_name_glued_after_the_job_is_doubted(tmp_path: Path) -> None:
    p = _md(
        tmp_path,
        "---\ntitle: Interaction Designer Wikiquarry(f/m)\norganization: Quarry e.V.\n---\n" + BODY,
    )
    assert p.title == "Interaction Designer Wikiquarry"
    assert "title" in _blocking(p)


def test_a_page_title_the_texts_own_heading_names_more_fully_is_doubted(tmp_path: Path) -> None:
    p = _md(
        tmp_path,
        "---\ntitle: Postdoc in Soil Robotics\n---\n### Now hiring!\n\n"
        "#### Research Associate / Fellow (Postdoc) position on Soil Robotics\n" + BODY,
    )
    assert "title" in _blocking(p)


def test_one_word_left_after_a_headline_is_doubted(tmp_path: Path) -> None:
    p = _md(tmp_path, '---\ntitle: "Postdoc Opening at the University of Tarnby"\n---\n' + BODY)
    assert p.title == "Postdoc"
    assert "title" in _blocking(p)


def test_a_plural_page_title_of_one_kind_of_post_is_not_doubted(tmp_path: Path) -> None:
    p = _md(tmp_path, "---\ntitle: Postdocs\norganization: Tarnby Lab Institute\n---\n" + BODY)
    assert p.title == "Postdoc"
    assert "title" not in _blocking(p)


def test_a_headline_about_a_post_gives_way_to_the_title_the_text_names(tmp_path: Path) -> None:
    p = _md(
        tmp_path,
        "---\ntitle: Postdoc position in soil flows (Tarnby, Australia)\n"
        "subtitle: Fennick University\n---\n"
        "We have a position available for a Postdoctoral Research Fellow to join our team.\n"
        + BODY,
    )
    assert p.title == "Postdoctoral Research Fellow"
    assert p.location == "Tarnby, Australia"


def test_a_trailing_colon_and_position_word_leave_the_heading() -> None:
    p = parse_posting(
        "Senior Researcher Position:\n\nThe Vantor Institute is hiring.\n" + BODY,
        source="job.txt",
        title_hint="Senior Researcher Position:",
        facts={"title_heading": {"value": "Senior Researcher Position:", "source": "h1",
                                 "confidence": 0.7}},
    )  # fmt: skip
    assert p.title == "Senior Researcher"


def test_a_site_name_glued_after_the_job_goes_when_the_text_names_the_job(
    tmp_path: Path,
) -> None:
    p = _md(
        tmp_path,
        "---\ntitle: Interaction Designer Wikiquarry(f/m)\norganization: Quarry e.V.\n---\n"
        "As an Interaction Designer (f/m) you will shape our editor.\n" + BODY,
    )
    assert p.title == "Interaction Designer"
    assert "title" not in _blocking(p)


# --------------------------------------------------------------------------- unit, place


def test_a_duty_location_label_is_the_location() -> None:
    p = parse_posting(
        "Policy Associate\n\n**Agency:** Quarry Oversight Board\n**Duty Location:** Lundby, MN\n"
        + BODY,
        source="job.txt",
    )
    assert p.location == "Lundby, MN"


def test_a_location_that_goes_on_as_prose_is_cut() -> None:
    p = parse_posting(
        "Delivery Manager\n\nLocation: Remote, preference for hours that overlap with the team\n"
        + BODY,
        source="job.txt",
    )
    assert p.location == "Remote"


def test_a_postal_address_in_the_header_gives_the_city() -> None:
    p = parse_posting(
        "Product Manager, Analytics\n12 Quarry Road, Lundby, CA 92008, USA\n\n"
        "Sub Department: Data & Analytics\nDepartment: HQ - Technology\n" + BODY,
        source="job.txt",
    )
    assert p.location == "Lundby, CA"
    assert p.department == "Data & Analytics"


def test_a_person_hiring_for_a_department_at_an_organisation() -> None:
    p = parse_posting(
        "Postdoctoral Researcher\n\nDr. Mira Quell is seeking a postdoctoral researcher to join "
        "her lab in the Department of Soil Physics at Tarnby-Hill University.\n" + BODY,
        source="job.txt",
    )
    assert p.company == "Tarnby-Hill University"
    assert p.department == "Department of Soil Physics"
    assert "company" not in _blocking(p)


def test_a_unit_after_a_possessive_is_the_department(tmp_path: Path) -> None:
    p = _md(
        tmp_path,
        "---\ntitle: Research Fellow\n---\nA research fellow post is open at the University of "
        "Tarnby's School of Soil Systems.\n" + BODY,
    )
    assert p.department == "School of Soil Systems"


def test_a_saved_page_with_front_matter_keeps_it_out_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "job.html"
    path.write_text(
        "---\nlayout: default\n---\n<header><h1><a href='{{ site.url }}'>{{ site.name }}</a></h1>"
        "</header><main><h2>Data Analyst</h2><p>Quarry Health is hiring a data analyst.</p>"
        "<h3>Requirements</h3><ul><li>Three years of SQL.</li></ul></main>",
        encoding="utf-8",
    )
    p = load_posting(path)
    assert "layout" not in p.text and "---" not in p.text and "{{" not in p.text
    assert p.title == "Data Analyst"


def test_the_title_an_opening_sentence_makes_its_subject() -> None:
    p = parse_posting(
        "Description\n\nThe Quarry Senior Sales Insights Manager will be responsible for the "
        "category reviews.\n" + BODY,
        source="job.txt",
    )
    assert p.title == "Quarry Senior Sales Insights Manager"
    assert "title" not in _blocking(p)


def test_an_abbreviated_organisation_is_doubted() -> None:
    from referral_ai.inputs.report import review_posting

    abbreviated = JobPosting(title="Postdoc", company="Tarnby U and Quell Institute")
    assert any(d.field == "company" and d.blocking for d in review_posting(abbreviated))
    for name in ("U.S. Department of Labor", "AT&T", "Quell Institute"):
        fine = JobPosting(title="Postdoc", company=name)
        assert not any(d.field == "company" for d in review_posting(fine)), name
