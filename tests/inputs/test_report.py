"""The parse review: what is doubted (hits), what is not (near misses), and corrections."""

from __future__ import annotations

import pytest

from referral_ai.errors import DoubtfulParseError, InputError
from referral_ai.inputs.report import (
    GIVEN_BY_YOU,
    correct_posting,
    correct_resume,
    plausible_role,
    refuse_doubtful,
    review_posting,
    review_resume,
    with_review,
)
from referral_ai.models import Contact, Doubt, FieldNote, JobPosting, ParseReport, Resume, Role


def _posting(**kw: object) -> JobPosting:
    base: dict[str, object] = {
        "title": "Data Analyst",
        "company": "Acme Health",
        "requirements": ["SQL"],
    }
    base.update(kw)
    return JobPosting.model_validate(base)


def _resume(name: str | None = "Ada Lovelace", **kw: object) -> Resume:
    base: dict[str, object] = {
        "name": name,
        "contact": Contact(name=name, email="ada@example.org"),
        "roles": [Role(title="Analyst", employer="Initech")],
    }
    base.update(kw)
    return Resume.model_validate(base)


def _blocking(doubts: list) -> set[str]:  # type: ignore[type-arg]
    return {d.field for d in doubts if d.blocking}


@pytest.mark.parametrize(
    "name",
    [
        None,
        "",
        "Contact",
        "CONTACT",
        "Curriculum Vitae",
        "Resume",
        "Experience",
        "Page 1 of 2",
        "jane@example.com",
        "www.janedoe.me",
        "+1 312 555 0187",
        "Senior Software Engineer",
        "The Grove",
        "Proven track record of delivering results in fast-paced teams.",
    ],
)
def test_names_that_are_not_names_block_drafting(name: str | None) -> None:
    assert "name" in _blocking(review_resume(_resume(name)))


@pytest.mark.parametrize(
    "name",
    [
        "Ada Lovelace",
        "MUHAMMAD ANWAAR AHMAD",
        "Nicholas J. Hallman",
        "Emily Malcolm-White",
        "Sam Cook",  # a surname that is also an occupation
        "José Álvarez de la Fuente",
        "刘伟",
    ],
)
def test_real_names_are_not_doubted(name: str) -> None:
    assert "name" not in _blocking(review_resume(_resume(name)))


@pytest.mark.parametrize(
    "title",
    [
        'title = "Research Assistant"',
        "title: Research Assistant",
        "<h1>Research Assistant</h1>",
        "Data Scientist | University Careers",
        "Hiring our next Community Manager",
        "Applications for Assistant Professor Position Now Open",
        "General Information",
        "How to Apply",
        "Ecological Forecasting Lab",
        "Senior JavaScript developer ##",
        "We are looking for a motivated person to join our growing team and help us build the "
        "future of data",
    ],
)
def test_titles_carrying_page_furniture_block_drafting(title: str) -> None:
    assert "title" in _blocking(review_posting(_posting(title=title)))


@pytest.mark.parametrize(
    "title",
    [
        "Data Scientist",
        "Designer",
        "Postdoctoral Research Fellow",
        "Associate or Senior Editor, Nature Neuroscience",
        "Tenure-track Assistant Professor in Complex Systems",
        "Lab Manager",
        "Conseiller principal en politiques",
        "Postdoc: A Prototype Data Assimilation System for the Terrestrial Carbon Cycle",
    ],
)
def test_job_titles_are_not_doubted(title: str) -> None:
    assert "title" not in _blocking(review_posting(_posting(title=title)))


@pytest.mark.parametrize(
    "company",
    [None, "the Department", "The University", "Department of Mathematics", "Saarbrücken, Germany"],
)
def test_companies_that_are_not_the_employer_block_drafting(company: str | None) -> None:
    assert "company" in _blocking(review_posting(_posting(company=company)))


@pytest.mark.parametrize(
    "company",
    [
        "Acme Health",
        "Springer Nature",
        "KTH Royal Institute of Technology",
        "rOpenSci",
        "LMU",
        "Department for Education",
        "U.S. Department of Labor",
    ],
)
def test_organisations_are_not_doubted(company: str) -> None:
    assert "company" not in _blocking(review_posting(_posting(company=company)))


def test_a_low_confidence_note_is_a_doubt_naming_its_source() -> None:
    posting = _posting(
        report=ParseReport(fields=[FieldNote(field="title", source="page <title>", confidence=0.3)])
    )
    (doubt,) = [d for d in review_posting(posting) if d.field == "title"]
    assert doubt.blocking and "page <title>" in doubt.message


def test_no_requirements_is_a_note_not_a_refusal() -> None:
    doubts = review_posting(_posting(requirements=[]))
    assert [d.field for d in doubts] == ["requirements"]
    assert not doubts[0].blocking


def test_a_field_the_parse_left_empty_is_doubted_once() -> None:
    from referral_ai.inputs import load_posting, load_resume

    resume = load_resume(
        "Contact\nada@example.org\n\nExperience\nAnalyst | Initech | 2019 - 2022\n"
        "- Built the weekly revenue report in SQL\n"
    )
    assert resume.name is None
    (name,) = [d for d in resume.report.doubts if d.field == "name"]
    assert name.blocking and "signed with nothing" in name.message
    posting = load_posting("Library Assistant\n\nWe are a small library in the valley.\n")
    (requirements,) = [d for d in posting.report.doubts if d.field == "requirements"]
    assert "general terms" in requirements.message
    # A doubt about a field the parse filled is kept beside the review's.
    kept = Doubt(field="company", message="two organisations are named", fix="--company X")
    filled = _posting(company="Acme Health", report=ParseReport(doubts=[kept]))
    assert kept in with_review(filled).report.doubts


@pytest.mark.parametrize(
    ("role", "ok"),
    [
        (Role(title="Designer", employer="example.me"), False),
        (Role(title="Analyst", employer="jane@example.com"), False),
        (Role(title="VOLUNTEER EXPERIENCE", employer="Red Cross"), False),
        (Role(title="<p><strong>Librarian</strong></p>", employer="City Library"), False),
        (Role(title="Software Engineer II", employer="Present"), False),
        (Role(title="May 2021", employer="Acme Corp"), False),
        (Role(title="Analyst", employer="2019 - 2021"), False),
        (Role(title="Presenter", employer="Current TV"), True),
        (Role(title="Founder", employer="Paideum Education"), True),
        (Role(title="Data Services Librarian", employer="Reed College"), True),
    ],
)
def test_roles_that_are_not_roles_are_not_named(role: Role, ok: bool) -> None:
    assert plausible_role(role) is ok
    doubts = review_resume(_resume(roles=[role]))
    assert any(d.field == "roles[0]" for d in doubts) is (not ok)
    assert "roles[0]" not in _blocking(doubts)


def test_corrections_replace_the_value_and_are_never_doubted() -> None:
    posting = with_review(_posting(company=None, title="General Information"))
    assert _blocking(posting.report.doubts) == {"title", "company"}
    fixed = correct_posting(posting, title="Science Manager", company="  Acme   Bio ")
    assert (fixed.title, fixed.company) == ("Science Manager", "Acme Bio")
    assert not fixed.report.blocking
    note = fixed.report.note("company")
    assert note is not None and note.source == GIVEN_BY_YOU


def test_a_corrected_name_signs_and_heads_the_letter() -> None:
    resume = correct_resume(with_review(_resume("Contact")), name="Arham Awan")
    assert resume.name == resume.contact.name == "Arham Awan"
    assert not resume.report.blocking


def test_an_empty_correction_is_an_input_error() -> None:
    with pytest.raises(InputError, match="--company"):
        correct_posting(_posting(), company="   ")


def test_refusal_lists_each_doubt_with_its_fix_and_how_to_save_a_correction() -> None:
    posting = with_review(_posting(company=None))
    resume = with_review(_resume("Contact"))
    with pytest.raises(DoubtfulParseError) as info:
        refuse_doubtful(("job.md", posting), ("cv.pdf", resume))
    text = str(info.value)
    assert "job.md: company:" in text and "--company" in text
    assert "cv.pdf: name:" in text and "--name" in text
    assert "parse job.md --json" in text and "parse cv.pdf --json-resume" in text
    assert {d.field for d in info.value.doubts} == {"company", "name"}


def test_nothing_doubtful_is_not_refused() -> None:
    refuse_doubtful(("job.md", with_review(_posting())), ("cv.pdf", with_review(_resume())))
