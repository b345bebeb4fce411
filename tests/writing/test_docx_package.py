"""The .docx package writer (``export/opc.py``): the members python-docx's own save writes, with
the template's shared parts compressed once, shared by every document and never written to."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, Any

import docx
import pytest

from referral_ai.export import opc
from referral_ai.export.docx import write_email_docx, write_letter_docx
from referral_ai.export.resume import TailoredResume, tailor, write_resume_docx
from referral_ai.models import Draft, DraftContext, DraftKind

DAY = date(2026, 11, 25)
Write = Callable[[IO[bytes]], object]


def _writers(ctx: DraftContext) -> dict[str, Write]:
    letter = Draft(
        kind=DraftKind.cover_letter,
        body="Dear Priya,\n\nMy pipelines are at https://github.com/jlee/pipes.\n\nSincerely,\nJordan Lee",
    )
    email = Draft(
        kind=DraftKind.follow_up,
        subject="Senior Data Engineer",
        body="Hi Priya,\n\nThank you.\n\n- one\n- two\n\nBest,\nJordan",
    )
    tailored = tailor(ctx.resume, ctx.fit, ctx.posting, page="letter")
    return {
        "letter": lambda out: write_letter_docx(letter, ctx, out, date=DAY),
        "email": lambda out: write_email_docx(email, ctx, out, date=DAY, page="a4"),
        "resume": lambda out: write_resume_docx(tailored, out, date=DAY),
    }


def _example_tailoring() -> TailoredResume:
    """The example resume tailored for the example posting (roles with dates, many lines)."""
    from referral_ai.inputs import load_posting, load_resume
    from referral_ai.matching import match

    examples = Path(__file__).resolve().parents[2] / "examples"
    posting, resume = load_posting(examples / "posting.md"), load_resume(examples / "resume.md")
    return tailor(resume, match(posting, resume), posting, page="letter")


def _bytes(write: Write) -> bytes:
    buf = io.BytesIO()
    write(buf)
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["letter", "email", "resume"])
def test_the_package_holds_what_python_docx_saves(
    kind: str, matched_ctx: DraftContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    write = _writers(matched_ctx)[kind]
    our_bytes = _bytes(write)

    def python_docx_save(package: Any) -> bytes:
        buf = io.BytesIO()
        package.save(buf)
        return buf.getvalue()

    monkeypatch.setattr(opc, "package_bytes", python_docx_save)
    their_bytes = _bytes(write)
    ours, theirs = zipfile.ZipFile(io.BytesIO(our_bytes)), zipfile.ZipFile(io.BytesIO(their_bytes))
    assert ours.testzip() is None
    assert ours.namelist() == theirs.namelist()
    assert "word/styles.xml" in ours.namelist() and "word/document.xml" in ours.namelist()
    for name in ours.namelist():
        assert ours.read(name) == theirs.read(name), name
    seen = [p.text for p in docx.Document(io.BytesIO(our_bytes)).paragraphs]
    assert seen == [p.text for p in docx.Document(io.BytesIO(their_bytes)).paragraphs]
    assert any(text.strip() for text in seen)


def test_template_parts_are_never_written_to(matched_ctx: DraftContext) -> None:
    for write in _writers(matched_ctx).values():
        _bytes(write)
    assert len(opc._FROZEN) >= 6  # styles, settings, web settings, font table, theme, numbering
    for part, members in opc._FROZEN.values():
        assert zlib.decompress(members[0].data, -15) == part.blob, part.partname


def test_one_document_does_not_leak_into_the_next(matched_ctx: DraftContext) -> None:
    first = Draft(
        kind=DraftKind.follow_up, body="Hi,\n\nSee https://first.example.org/a.\n\nJordan"
    )
    second = Draft(kind=DraftKind.follow_up, body="Hi,\n\nA second note.\n\nJordan")
    _bytes(lambda out: write_email_docx(first, matched_ctx, out, date=DAY))
    z = zipfile.ZipFile(io.BytesIO(_bytes(lambda out: write_email_docx(second, matched_ctx, out))))
    body = z.read("word/document.xml").decode()
    assert "A second note." in body and "first.example.org" not in body
    assert "first.example.org" not in z.read("word/_rels/document.xml.rels").decode()


def test_the_same_document_gives_the_same_bytes(matched_ctx: DraftContext) -> None:
    write = _writers(matched_ctx)["email"]
    assert _bytes(write) == _bytes(write)


def test_resume_dates_sit_at_a_right_tab_stop_and_are_not_bold() -> None:
    """A role line reads "Title, Employer<tab>dates": the dates at a right-aligned tab stop at the
    text's right edge, in a run that is not bold (the role style is)."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    tailored = _example_tailoring()
    dated = [ln for ln in tailored.lines if ln.right]
    assert dated
    doc = docx.Document(io.BytesIO(_bytes(lambda out: write_resume_docx(tailored, out))))
    section = doc.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    rows = [p for p in doc.paragraphs if "\t" in p.text]
    assert [p.text for p in rows] == [f"{ln.text}\t{ln.right}" for ln in dated]
    for p in rows:
        (stop,) = p.paragraph_format.tab_stops
        assert stop.alignment == WD_TAB_ALIGNMENT.RIGHT
        assert abs(stop.position - width) < 635  # within a twip (635 EMU)
        assert p.style.name == "Resume Role"
        assert p.runs[-1].bold is False and p.runs[-1].text == f"\t{p.text.split(chr(9))[1]}"


def test_the_proof_file_is_each_tailoring_s_own_proof() -> None:
    """``Resume-Check.json`` is the indented proof; a second, identical tailoring gets the same
    text (formatted once), and a tailoring with other lines gets its own."""
    import json

    first, again, fewer = _example_tailoring(), _example_tailoring(), _example_tailoring()
    fewer.proofs = fewer.proofs[:-1]
    assert first.proof_json() == json.dumps(first.proof(), indent=2, ensure_ascii=False)
    assert again.proof_json() is first.proof_json()
    assert json.loads(fewer.proof_json()) == fewer.proof() != first.proof()
