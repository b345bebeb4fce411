"""Bad input on the output side: the user's templates (plain letterhead, docxtpl placeholders, corrupt,
password-protected, unknown or missing placeholders), LibreOffice missing or hanging, a resume too
long for two pages. Clear one-line errors or warnings; nothing half-written."""

from __future__ import annotations

import io
import os
import stat
from datetime import date
from pathlib import Path

import docx
import pytest

from referral_ai.cli import main
from referral_ai.errors import InputError
from referral_ai.export.docx import STYLE_NAMES, write_letter_docx
from referral_ai.export.pdf import PACKAGE, PdfError, PdfUnavailableError, convert
from referral_ai.export.plan import plan_outputs
from referral_ai.export.resume import estimated_height, page_height, tailor
from referral_ai.matching import match
from referral_ai.models import (
    Contact,
    Draft,
    DraftContext,
    DraftKind,
    JobPosting,
    Referral,
    Resume,
    Role,
)
from referral_ai.writers.offline import OfflineWriter

from .conftest import EXAMPLES, need_libreoffice, page_count

ARGS = ["draft", str(EXAMPLES / "posting.md"), str(EXAMPLES / "resume.md"), "--contact", "Dana"]


@pytest.fixture
def ctx(
    sample_posting: JobPosting, sample_resume: Resume, sample_referral: Referral
) -> DraftContext:
    fit = match(sample_posting, sample_resume, today=date(2026, 11, 25))
    return DraftContext(
        posting=sample_posting, resume=sample_resume, referral=sample_referral, fit=fit
    )


@pytest.fixture
def letter(ctx: DraftContext) -> Draft:
    return OfflineWriter().draft(DraftKind.cover_letter, ctx)


def _letterhead(path: Path, header: str = "JORDAN LEE \u00b7 DATA ENGINEER", *paras: str) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = header
    d.styles["Normal"].font.name = "Georgia"
    for text in paras:
        d.add_paragraph(text)
    d.save(str(path))
    return path


def _texts(src: Path | io.BytesIO) -> list[str]:
    return [p.text for p in docx.Document(src).paragraphs]


def test_plain_letterhead_lends_header_and_styles(
    tmp_path: Path, ctx: DraftContext, letter: Draft
) -> None:
    tpl = _letterhead(tmp_path / "mine.docx", "JORDAN LEE \u00b7 DATA ENGINEER", "old body text")
    buf = io.BytesIO()
    write_letter_docx(letter, ctx, buf, template=tpl, date=date(2026, 11, 25))
    d = docx.Document(buf)
    assert d.sections[0].header.paragraphs[0].text == "JORDAN LEE \u00b7 DATA ENGINEER"
    texts = [p.text for p in d.paragraphs]
    assert "old body text" not in texts  # the template's body is not the letter's
    assert texts[0] == "November 25, 2026"  # the header is the letterhead: none repeated
    assert d.styles["Normal"].font.name == "Georgia"
    assert {s.name for s in d.styles} >= set(STYLE_NAMES)


def test_docxtpl_template_is_filled(tmp_path: Path, ctx: DraftContext, letter: Draft) -> None:
    tpl = _letterhead(
        tmp_path / "tpl.docx", "{{ name }} | {{ email }}",
        "{{ date }}", "{{ recipient }}", "{{ company }}", "{{ salutation }}", "{{ body }}",
        "{{ closing }}", "{{ signature }}",
    )  # fmt: skip
    buf = io.BytesIO()
    write_letter_docx(letter, ctx, buf, template=tpl, date=date(2026, 11, 25))
    d = docx.Document(buf)
    assert d.sections[0].header.paragraphs[0].text == "Jordan Lee | jordan.lee@example.com"
    texts = [t for t in (p.text for p in d.paragraphs) if t]
    assert texts[:4] == [
        "November 25, 2026",
        "Priya Raman",
        "Northwind Logistics",
        "Dear Priya Raman,",
    ]
    assert texts[-2:] == ["Sincerely,", "Jordan Lee"]
    assert len(texts) > 7  # one paragraph per body paragraph
    assert not any("{{" in t for t in texts)


@pytest.mark.parametrize(
    ("paras", "message"),
    [
        (("{{ body }}", "{{ favourite_colour }}"), "unknown placeholder(s) {{ favourite_colour }}"),
        (("{{ name }}", "{{ date }}"), "no {{ body }} placeholder"),
        (("{{ body ",), "cannot read the template's placeholders"),
    ],
)
def test_template_placeholder_errors(
    tmp_path: Path, ctx: DraftContext, letter: Draft, paras: tuple[str, ...], message: str
) -> None:
    tpl = _letterhead(tmp_path / "tpl.docx", "head", *paras)
    with pytest.raises(InputError) as info:
        write_letter_docx(letter, ctx, io.BytesIO(), template=tpl)
    assert message in str(info.value) and "tpl.docx" in str(info.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 this is not really a zip", "not a readable .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "password-protected"),
        (b"{\\rtf1 hello}", "not a .docx file"),
    ],
)
def test_broken_templates_are_one_line_errors_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    tpl = tmp_path / "letterhead.docx"
    tpl.write_bytes(data)
    out = tmp_path / "out"
    assert main([*ARGS, "--out", str(out), "--template", str(tpl)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "letterhead.docx" in err[0]
    assert not out.exists() or not [p for p in out.iterdir()]


def test_cli_template_for_every_document(tmp_path: Path) -> None:
    tpl = _letterhead(tmp_path / "mine.docx", "RILEY CHEN \u00b7 ANALYTICS")
    out = tmp_path / "out"
    assert main([*ARGS, "--out", str(out), "--template", str(tpl)]) == 0
    for name in ("CoverLetter", "FollowUpEmail", "Resume"):
        (path,) = out.glob(f"*-{name}.docx")
        assert (
            docx.Document(str(path)).sections[0].header.paragraphs[0].text
            == "RILEY CHEN \u00b7 ANALYTICS"
        )


def test_libreoffice_missing_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REFERRAL_AI_SOFFICE", str(tmp_path / "no-soffice-here"))
    with pytest.raises(PdfUnavailableError, match=PACKAGE):
        convert([tmp_path / "x.docx"], tmp_path)
    out = tmp_path / "out"
    assert main([*ARGS, "--out", str(out), "--pdf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and PACKAGE in err[0]
    assert not out.exists() or not [p for p in out.iterdir()]  # nothing half-written


def test_libreoffice_hanging_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 60\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("REFERRAL_AI_SOFFICE", str(fake))
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"PK")
    with pytest.raises(PdfError, match="did not finish the PDF within 1 s"):
        convert([doc], tmp_path, timeout=1)
    assert not (tmp_path / "a.pdf").exists()


def test_libreoffice_failing_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("REFERRAL_AI_SOFFICE", str(fake))
    with pytest.raises(PdfError, match="could not be loaded"):
        convert([tmp_path / "a.docx"], tmp_path)


def _long_resume() -> Resume:
    roles = [
        Role(
            title=f"Data Engineer {n}",
            employer=f"Company {n}",
            start=f"{2000 + n}",
            end=f"{2001 + n}",
            bullets=[
                f"Built pipeline number {n}.{k} in Python and SQL for the finance and operations "
                f"teams, moving nightly loads to Airflow and adding data tests to every model"
                for k in range(9)
            ],
        )
        for n in range(14)
    ]
    text = "Long Person\nlong@example.com\n" + "\n".join(
        f"{r.title}, {r.employer} {r.start} - {r.end}\n" + "\n".join(f"- {b}" for b in r.bullets)
        for r in roles
    )
    return Resume(
        name="Long Person", contact=Contact(email="long@example.com"), roles=roles, text=text
    )


def test_resume_too_long_for_two_pages_leaves_out_and_says_what(
    tmp_path: Path, sample_posting: JobPosting
) -> None:
    resume = _long_resume()
    fit = match(sample_posting, resume, today=date(2026, 11, 25))
    tailored = tailor(resume, fit, sample_posting)
    assert tailored.left_out and all("to fit two pages" in x for x in tailored.left_out)
    assert any("Data Engineer 0, Company 0" in x for x in tailored.left_out) or tailored.left_out
    assert estimated_height(tailored.lines) <= 2 * page_height()
    assert tailored.proof()["ok"]
    # rendered, it is two pages at most
    need_libreoffice()
    ctx = DraftContext(
        posting=sample_posting, resume=resume, referral=Referral(contact="D"), fit=fit
    )
    plan = plan_outputs(ctx, [DraftKind.cover_letter], formats=["docx", "pdf"])
    from referral_ai.cli import write_outputs

    drafts = {DraftKind.cover_letter: OfflineWriter().draft(DraftKind.cover_letter, ctx)}
    out = tmp_path / "out"
    write_outputs(drafts, ctx, out, plan=plan)
    (pdf,) = out.glob("*-Resume.pdf")
    assert page_count(pdf) == 2
    assert os.path.getsize(pdf) > 0


def test_docxtpl_letterhead_placeholders_filled_in_every_document(tmp_path: Path) -> None:
    tpl = _letterhead(tmp_path / "tpl.docx", "{{ name }} \u00b7 {{ email }}", "{{ body }}")
    out = tmp_path / "out"
    assert main([*ARGS, "--out", str(out), "--template", str(tpl)]) == 0
    for name in ("CoverLetter", "FollowUpEmail", "Resume"):
        (path,) = out.glob(f"*-{name}.docx")
        header = docx.Document(str(path)).sections[0].header.paragraphs[0].text
        assert header == "Riley Chen \u00b7 riley.chen@example.com", name
