"""Salary expectations: the candidate's own figure stated verbatim, or an honest natural sentence; never invented."""

from __future__ import annotations

import io
import re

import docx
import pytest

from referral_ai.export.docx import write_email_docx, write_letter_docx
from referral_ai.export.text import to_markdown
from referral_ai.inputs.materials import mentioned_materials
from referral_ai.matching import match
from referral_ai.models import DraftContext, DraftKind, Material, MaterialRequirement
from referral_ai.writers.offline import OfflineWriter

from .conftest import TODAY

SALARY = "USD 150,000\u2013165,000 base"
# A currency sign or code next to a figure, or a "120k": any salary figure at all.
FIGURE = re.compile(r"[$\u20ac\u00a3]\s?\d|\b(?:USD|EUR|GBP|CAD)\s?\d|\d\s?k\b", re.IGNORECASE)


@pytest.fixture
def salary_ctx(matched_ctx: DraftContext) -> DraftContext:
    """The sample application, with a posting that asks for salary expectations (not in a form)."""
    posting = matched_ctx.posting.model_copy(
        update={
            "materials": [
                *matched_ctx.posting.materials,
                MaterialRequirement(
                    material=Material.salary_expectations,
                    source="Tell us your salary expectations.",
                ),
            ]
        }
    )
    return matched_ctx.model_copy(
        update={"posting": posting, "fit": match(posting, matched_ctx.resume, today=TODAY)}
    )


def _docx_text(buf: io.BytesIO) -> str:
    return "\n".join(p.text for p in docx.Document(buf).paragraphs)


def test_letter_states_the_given_figure_verbatim(
    writer: OfflineWriter, salary_ctx: DraftContext
) -> None:
    ctx = salary_ctx.model_copy(update={"salary_expectations": SALARY})
    letter = writer.draft(DraftKind.cover_letter, ctx)
    buf = io.BytesIO()
    write_letter_docx(letter, ctx, buf)
    text = _docx_text(buf)
    assert f"My salary expectation is {SALARY}." in text
    assert "Salary expectations:" not in text  # a sentence, not a label


def test_follow_up_lists_the_figure_with_the_materials(
    writer: OfflineWriter, salary_ctx: DraftContext
) -> None:
    ctx = salary_ctx.model_copy(update={"salary_expectations": SALARY})
    d = writer.draft(DraftKind.follow_up, ctx)
    note = next(a.note for a in d.attachments if a.material is Material.salary_expectations)
    assert note == SALARY
    assert f"- Salary expectations: {SALARY}" in d.body.splitlines()
    md = to_markdown(d)
    assert f"- Salary expectations: {SALARY}" in md
    buf = io.BytesIO()
    write_email_docx(d, ctx, buf)
    paragraphs = [p.text for p in docx.Document(buf).paragraphs]
    assert f"Salary expectations: {SALARY}" in paragraphs  # a bullet of its own
    assert f"Salary expectations: {SALARY}" in paragraphs[2]  # and the Attachments header line


def test_figure_with_a_full_stop_is_not_doubled(
    writer: OfflineWriter, salary_ctx: DraftContext
) -> None:
    ctx = salary_ctx.model_copy(update={"salary_expectations": "  EUR 90,000 per year. "})
    letter = writer.draft(DraftKind.cover_letter, ctx)
    assert "My salary expectation is EUR 90,000 per year. " in letter.body
    assert ".." not in letter.body


def test_without_a_figure_the_letter_says_so_naturally(
    writer: OfflineWriter, salary_ctx: DraftContext
) -> None:
    letter = writer.draft(DraftKind.cover_letter, salary_ctx)
    assert (
        "I will include my salary expectations in my application, as the posting asks."
        in letter.body
    )
    assert "Salary expectations:" not in letter.body
    for kind in DraftKind:
        assert not FIGURE.search(writer.draft(kind, salary_ctx).text), kind
    follow_up = writer.draft(DraftKind.follow_up, salary_ctx)
    assert "- Salary expectations: I will provide them with my application" in follow_up.body


def test_without_a_figure_a_form_posting_is_answered_in_the_form(
    writer: OfflineWriter, many_materials_ctx: DraftContext
) -> None:
    letter = writer.draft(DraftKind.cover_letter, many_materials_ctx)
    assert (
        "In the application form I will answer the screening questions and give my salary "
        "expectations, as the posting asks." in letter.body
    )
    assert (
        "With my application I will provide my references (names and contact details) and "
        "confirm my availability to start." in letter.body
    )
    assert letter.body.count("I will") == 2  # grouped, not four "I will ..." sentences in a row
    assert not re.search(r"\b[A-Z][a-z ()]+: ", letter.body)  # no "Label: note" fragments
    assert not FIGURE.search(letter.body)


def test_a_figure_the_posting_does_not_ask_for_is_never_volunteered(
    writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    ctx = matched_ctx.model_copy(update={"salary_expectations": SALARY})
    for kind in DraftKind:
        d = writer.draft(kind, ctx)
        assert "150,000" not in d.text and "salary" not in d.text.lower(), kind


@pytest.mark.parametrize(
    ("materials", "sentence"),
    [
        (
            [Material.references],
            "I will provide my references (names and contact details) with my application.",
        ),
        ([Material.availability], "I will confirm my availability to start in my application."),
        ([Material.work_authorization], "I will confirm my work authorization in my application."),
        (
            [Material.salary_expectations, Material.work_authorization],
            "With my application I will include my salary expectations and confirm my work "
            "authorization, as the posting asks.",
        ),
    ],
)
def test_non_file_materials_read_as_sentences(
    materials: list[Material], sentence: str, writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    posting = matched_ctx.posting.model_copy(
        update={
            "materials": [
                MaterialRequirement(material=m, source="Tell us in your cover letter.")
                for m in materials
            ]
        }
    )
    ctx = matched_ctx.model_copy(
        update={"posting": posting, "fit": match(posting, matched_ctx.resume, today=TODAY)}
    )
    letter = writer.draft(DraftKind.cover_letter, ctx)
    assert sentence in letter.body
    assert mentioned_materials(sentence) >= set(materials)
