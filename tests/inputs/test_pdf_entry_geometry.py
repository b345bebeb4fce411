"""Experience entries read from PDF page geometry: a sidebar beside a date column, entries
told apart by position, size and gaps. The PDFs are drawn in the test (fpdf2) and read back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from referral_ai.inputs.load import load_resume
from referral_ai.inputs.pdf import _read_pdf


def _pdf(draw: Callable[[Any], None]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    draw(pdf)
    return bytes(pdf.output())


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


_SIDE = [
    "ABOUT ME",
    "Hi. I studied design in",
    "Milan and worked as a",
    "stylist, then for five",
    "years as a freelancer.",
    "CONTACT",
    "PHONE",
    "+49 30 1234567",
    "EMAIL",
    "jordan.example@example.com",
    "SKILLS",
    "Photoshop",
    "Illustrator",
    "InDesign",
    "Figma",
    "HTML",
    "CSS",
    "JavaScript",
    "React",
    "LANGUAGES",
    "English",
    "German",
    "Italian",
]
_DESCRIPTION = [
    "Developed concepts for the website design of our clients and",
    "implemented them in the form of attractive, responsive designs.",
    "Designed layouts, fonts, colours, images and animations so that",
    "they reflect the needs and the corporate identity of customers.",
    "Presented the collection in the showroom.",
]
_ENTRIES = [
    ("2019 - 2021", "WEB DESIGNER", "NORTHWIND STUDIO"),
    ("2016 - 2018", "GRAPHIC DESIGNER", "CATTEL SPA"),
    ("2014 - 2016", "SALES ASSISTANT", "CONTOSO RETAIL"),
]


def _dates_left_sidebar_right(pdf: Any) -> None:
    # The geometry of a designed CV (PDF24 export): a date column at x=27, entries at x=129,
    # a sidebar at x=425 whose rows fall between and on the main column's rows.
    pdf.set_font("Helvetica", "B", 21)
    pdf.text(44, 69, "Jordan Alexandra Example")
    pdf.set_font("Helvetica", "", 13)
    for x, word in ((44, "Web Designer"), (170, "Illustrator"), (269, "Web Developer")):
        pdf.text(x, 103, word)  # a headline spaced out across the main column
    pdf.set_font("Helvetica", "B", 12)
    pdf.text(54, 153, "EXPERIENCE")
    y = 209.0
    for when, title, employer in _ENTRIES:
        pdf.set_font("Helvetica", "B", 10)
        pdf.text(27, y, when)
        pdf.text(129, y, title)
        pdf.set_font("Helvetica", "", 9)
        pdf.text(129, y + 15, employer)
        pdf.set_font("Helvetica", "", 8)
        for k, desc in enumerate(_DESCRIPTION):
            pdf.text(129, y + 31 + 10 * k, desc)
        y += 124
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(435, 216, _SIDE[0])
    for i, text in enumerate(_SIDE[1:]):
        pdf.set_font("Helvetica", "B" if text.isupper() else "", 10)
        pdf.text(425, 265 + 12 * i, text)


def test_sidebar_beside_a_date_column_is_read_as_its_own_block() -> None:
    text = _read_pdf(_pdf(_dates_left_sidebar_right), name="r.pdf").text
    lines = _lines(text)
    # Each date stays on its title's row; no sidebar line lands inside an entry.
    for when, title, employer in _ENTRIES:
        at = lines.index(f"{when}\t{title}")
        assert lines[at + 1] == employer
    assert lines[lines.index("ABOUT ME") : lines.index("ABOUT ME") + len(_SIDE)] == _SIDE
    assert lines.index("ABOUT ME") > lines.index("CONTOSO RETAIL")


def test_roles_beside_a_sidebar_pair_each_title_with_its_employer() -> None:
    resume = load_resume(_pdf(_dates_left_sidebar_right))
    got = [(r.title, r.employer, r.start, r.end) for r in resume.roles]
    assert got == [(title, employer, when[:4], when[-4:]) for when, title, employer in _ENTRIES]
