"""Builders for the input tests: real .docx files (python-docx) and real PDFs (fpdf2), made in the test."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from referral_ai.inputs import load_posting
from referral_ai.models import JobPosting

DATA = Path(__file__).parent / "data"


def load_snippet(tmp_path: Path, text: str, name: str = "job.md") -> JobPosting:
    """``text`` saved as ``name`` in ``tmp_path`` and read as a posting file (its format from the name)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_posting(path)


def blocking_fields(p: JobPosting) -> set[str]:
    """The fields whose doubts stop drafting."""
    return {d.field for d in p.report.blocking}


# A block is (text, style) where style is one of: "p", "h1", "h2", "bullet", "white", "tiny", "vanish".
Block = tuple[str, str]


def build_docx(blocks: Sequence[Block], *, table: Sequence[Sequence[str]] = ()) -> bytes:
    """A .docx with one paragraph per block; hidden styles are applied to a run of their own."""
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    for text, style in blocks:
        if style == "h1":
            document.add_heading(text, level=1)
        elif style == "h2":
            document.add_heading(text, level=2)
        elif style == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif style in {"white", "tiny", "vanish", "near-white"}:
            paragraph = document.add_paragraph("Visible lead-in. ")
            run = paragraph.add_run(text)
            if style == "white":
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            elif style == "near-white":
                run.font.color.rgb = RGBColor(0xFA, 0xFB, 0xFC)
            elif style == "tiny":
                run.font.size = Pt(1)
            else:
                run.font.hidden = True
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.rows[r].cells[c].text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_pdf(lines: Sequence[str | tuple[str, str]]) -> bytes:
    """A one-page PDF; a line may be (text, "white") or (text, "tiny") to draw it hidden."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for line in lines:
        text, style = (line, "p") if isinstance(line, str) else line
        pdf.set_text_color(255, 255, 255) if style == "white" else pdf.set_text_color(0, 0, 0)
        size = 2 if style == "tiny" else 16 if style == "h1" else 11
        pdf.set_font("Helvetica", style="B" if style == "h1" else "", size=size)
        pdf.multi_cell(190, max(size * 0.6, 2), text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def build_image_pdf() -> bytes:
    """A PDF whose page has only drawings (like a scan): no text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(30, 30, 30)
    for i in range(20):
        pdf.rect(10, 10 + i * 12, 150, 6, style="F")
    return bytes(pdf.output())


@pytest.fixture
def make_docx() -> Callable[..., bytes]:
    return build_docx


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    return build_pdf
