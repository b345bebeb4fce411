from __future__ import annotations

import email
import io
import zipfile
from datetime import date, datetime, timezone
from email import policy
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from docx.shared import Inches

from referral_ai.errors import InputError, OutputExistsError
from referral_ai.export.docx import letter_parts, write_email_docx, write_letter_docx
from referral_ai.export.eml import build_eml, write_eml
from referral_ai.export.text import from_markdown, to_markdown, to_plain
from referral_ai.models import Draft, DraftContext, DraftKind
from referral_ai.writers.offline import OfflineWriter

DAY = date(2026, 11, 25)
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def letter(writer: OfflineWriter, matched_ctx: DraftContext) -> Draft:
    return writer.draft(DraftKind.cover_letter, matched_ctx)


@pytest.fixture
def follow_up(writer: OfflineWriter, matched_ctx: DraftContext) -> Draft:
    return writer.draft(DraftKind.follow_up, matched_ctx)


def _texts(path_or_stream: Path | io.BytesIO) -> list[str]:
    return [p.text for p in docx.Document(path_or_stream).paragraphs]


# --------------------------------------------------------------------------- letter .docx


def test_letter_reads_as_a_business_letter(
    tmp_path: Path, letter: Draft, matched_ctx: DraftContext
) -> None:
    dest = tmp_path / "letter.docx"
    assert write_letter_docx(letter, matched_ctx, dest, date=DAY) == dest
    texts = [t for t in _texts(dest) if t.strip()]
    assert texts[0] == "Jordan Lee"
    assert (
        texts[1]
        == "jordan.lee@example.com \u00b7 +1 303 555 0142 \u00b7 Denver, CO \u00b7 https://github.com/jordanlee-data"
    )
    assert texts[2] == "November 25, 2026"
    assert texts[3:6] == ["Priya Raman", "Northwind Logistics", "Denver, CO"]
    assert texts[6] == "Dear Priya Raman,"
    body = "\n".join(texts[7:-2])
    assert "Senior Data Engineer role (R-4821) at Northwind Logistics" in body
    assert "migrated 40 batch jobs to Apache Airflow, cutting failed runs by 35%" in body
    assert texts[-2:] == ["Sincerely,", "Jordan Lee"]
    # the salutation / sign-off are not repeated inside the body paragraphs
    assert sum(t.startswith("Dear ") for t in texts) == 1 and texts.count("Sincerely,") == 1


def test_letter_page_font_and_properties(
    tmp_path: Path, letter: Draft, matched_ctx: DraftContext
) -> None:
    dest = tmp_path / "letter.docx"
    write_letter_docx(letter, matched_ctx, dest, date=DAY)
    d = docx.Document(dest)
    s = d.sections[0]
    assert (s.page_width, s.page_height) == (Inches(8.5), Inches(11))
    assert all(
        m == Inches(1) for m in (s.left_margin, s.right_margin, s.top_margin, s.bottom_margin)
    )
    assert d.styles["Normal"].font.name == "Calibri"
    cp = d.core_properties
    assert cp.author == "Jordan Lee" and cp.last_modified_by == "Jordan Lee"
    assert cp.title == "Cover letter \u2014 Senior Data Engineer, Northwind Logistics"
    assert cp.comments == ""
    assert cp.created == datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    with zipfile.ZipFile(dest) as z:
        for name in z.namelist():
            assert b"python-docx" not in z.read(name).lower(), name


def test_letter_a4_to_stream(letter: Draft, matched_ctx: DraftContext) -> None:
    buf = io.BytesIO()
    assert write_letter_docx(letter, matched_ctx, buf, date=DAY, page="a4") is None
    buf.seek(0)
    s = docx.Document(buf).sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)


def test_letter_refuses_overwrite(tmp_path: Path, letter: Draft, matched_ctx: DraftContext) -> None:
    dest = tmp_path / "letter.docx"
    dest.write_bytes(b"mine")
    with pytest.raises(OutputExistsError):
        write_letter_docx(letter, matched_ctx, dest, date=DAY)
    assert dest.read_bytes() == b"mine"
    write_letter_docx(letter, matched_ctx, dest, date=DAY, overwrite=True)
    assert "Dear Priya Raman," in _texts(dest)


def test_letter_without_salutation_or_closing_gets_them(matched_ctx: DraftContext) -> None:
    bare = Draft(
        kind=DraftKind.cover_letter,
        body="I built pipelines at Globex.\n\nCould we talk about the role?",
    )
    buf = io.BytesIO()
    write_letter_docx(bare, matched_ctx, buf, date=DAY)
    texts = [t for t in _texts(buf) if t.strip()]
    assert "Dear Priya Raman," in texts
    assert texts[-2:] == ["Sincerely,", "Jordan Lee"]


def test_letter_parts() -> None:
    sal, body, closing, sig = letter_parts("Hello,\n\nOne.\n\nTwo.\n\nBest regards,\nJo Doe")
    assert (sal, body, closing, sig) == ("Hello,", ["One.", "Two."], "Best regards,", "Jo Doe")
    assert letter_parts("Just text.") == (None, ["Just text."], None, None)


# --------------------------------------------------------------------------- email .docx


def test_email_docx(tmp_path: Path, follow_up: Draft, matched_ctx: DraftContext) -> None:
    dest = tmp_path / "email.docx"
    write_email_docx(follow_up, matched_ctx, dest, date=DAY)
    d = docx.Document(dest)
    texts = [p.text for p in d.paragraphs if p.text.strip()]
    assert texts[0] == "To: Priya Raman <priya@northwind.example>"
    assert texts[1] == f"Subject: {follow_up.subject}"
    assert texts[2].startswith("Attachments: Resume; Cover letter (")
    assert "Code sample: see https://github.com/jordanlee-data" in texts[2]
    assert texts[3] == "Hi Priya,"
    assert "Would you be willing to refer me for the Senior Data Engineer role (R-4821)?" in texts
    bullets = [p.text for p in d.paragraphs if p.style.name == "List Bullet"]
    assert bullets[0] == "Resume" and len(bullets) == 3
    # The body already carries the blurb: it is shown once, with no second "Blurb" section.
    assert "Blurb (paste-ready)" not in texts
    assert "\n".join(texts).count(follow_up.blurb or "-") == 1
    assert texts[-1] == "Thank you,\nJordan Lee"
    assert (
        d.core_properties.title
        == "Follow-up email \u2014 Senior Data Engineer, Northwind Logistics"
    )
    assert d.core_properties.author == "Jordan Lee"


# --------------------------------------------------------------------------- .eml


def _parse(msg: EmailMessage) -> EmailMessage:
    parsed = email.message_from_bytes(msg.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_eml_headers_body_and_attachments(
    tmp_path: Path, follow_up: Draft, letter: Draft, matched_ctx: DraftContext
) -> None:
    letter_path = write_letter_docx(letter, matched_ctx, tmp_path / "letter.docx", date=DAY)
    assert letter_path is not None
    md = tmp_path / "follow_up.md"
    md.write_text(to_markdown(follow_up), encoding="utf-8")
    pdf = tmp_path / "resume.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    when = datetime(2026, 11, 25, 9, 30, tzinfo=timezone.utc)
    msg = _parse(
        build_eml(follow_up, matched_ctx, [letter_path, pdf, md], date=when, html_alternative=True)
    )

    assert msg["To"] == "Priya Raman <priya@northwind.example>"
    assert msg["From"] == "Jordan Lee <jordan.lee@example.com>"
    assert msg["Subject"] == follow_up.subject
    assert msg["Date"].datetime == when
    assert msg["Message-ID"].endswith("@example.com>")

    body = msg.get_body(preferencelist=("plain",))
    assert body is not None
    assert (
        "Would you be willing to refer me for the Senior Data Engineer role (R-4821)?"
        in body.get_content()
    )
    html = msg.get_body(preferencelist=("html",))
    assert html is not None and "<p>Hi Priya,</p>" in html.get_content()

    atts = {part.get_filename(): part for part in msg.iter_attachments()}
    assert set(atts) == {"letter.docx", "resume.pdf", "follow_up.md"}
    assert atts["letter.docx"].get_content_type() == DOCX_MIME
    assert atts["resume.pdf"].get_content_type() == "application/pdf"
    assert atts["follow_up.md"].get_content_type() == "text/markdown"
    assert atts["letter.docx"].get_content() == letter_path.read_bytes()
    assert "Dear Priya Raman," in _texts(io.BytesIO(atts["letter.docx"].get_content()))
    assert atts["resume.pdf"].get_content() == pdf.read_bytes()


def test_eml_intro_request_goes_to_introducer(
    writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    ref = matched_ctx.referral.model_copy(update={"introducer_email": "sam@example.org"})
    ctx = matched_ctx.model_copy(update={"referral": ref})
    msg = _parse(build_eml(writer.draft(DraftKind.intro_request, ctx), ctx, []))
    assert msg["To"] == "Sam Ortiz <sam@example.org>"
    assert not list(msg.iter_attachments())


def test_eml_without_addresses_leaves_headers_out(
    writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    ref = matched_ctx.referral.model_copy(update={"contact_email": None})
    ctx = matched_ctx.model_copy(update={"referral": ref})
    msg = _parse(
        build_eml(writer.draft(DraftKind.reminder, ctx), ctx, [], sender="Jo <jo@example.net>")
    )
    assert msg["To"] is None
    assert msg["From"] == "Jo <jo@example.net>"
    assert msg["Message-ID"].endswith("@example.net>")


def test_eml_missing_attachment(
    tmp_path: Path, follow_up: Draft, matched_ctx: DraftContext
) -> None:
    with pytest.raises(InputError, match=r"nope\.pdf"):
        build_eml(follow_up, matched_ctx, [tmp_path / "nope.pdf"])


def test_write_eml_atomic(tmp_path: Path, follow_up: Draft, matched_ctx: DraftContext) -> None:
    dest = tmp_path / "follow_up.eml"
    write_eml(follow_up, matched_ctx, [], dest)
    parsed = email.message_from_bytes(dest.read_bytes(), policy=policy.default)
    assert parsed["Subject"] == follow_up.subject
    with pytest.raises(OutputExistsError):
        write_eml(follow_up, matched_ctx, [], dest)
    assert [p.name for p in tmp_path.iterdir()] == ["follow_up.eml"]


# --------------------------------------------------------------------------- text


def test_plain_and_markdown(follow_up: Draft) -> None:
    plain = to_plain(follow_up)
    assert plain.startswith(f"Subject: {follow_up.subject}\n\nHi Priya,")
    assert plain.endswith("Jordan Lee\n")
    md = to_markdown(follow_up)
    assert md.startswith("# Follow-up email\n")
    assert "**Subject:** Referral for Senior Data Engineer (R-4821)" in md
    assert "- Resume\n" in md
    # The blurb is in the body already: once, not repeated as a quote at the end.
    assert md.count("Jordan Lee, currently Data Engineer at Globex") == 1
    assert "Blurb (paste-ready)" not in md and "\n> " not in md
    assert "(Jordan-Lee-Senior-Data-Engineer-CoverLetter.docx)" in md  # the plan's file name
    odd = follow_up.model_copy(update={"body": "See my_notes_file.txt"})
    assert "my\\_notes\\_file" in to_markdown(odd)  # underscores escaped, so they are not emphasis


def test_markdown_escapes_syntax() -> None:
    d = Draft(
        kind=DraftKind.cover_letter,
        body="Dear Jo,\n\n# not a heading, *not emphasis*, C# <b>\n\nSincerely,\nJo",
    )
    md = to_markdown(d)
    assert "\\# not a heading, \\*not emphasis\\*, C# \\<b\\>" in md


@pytest.mark.parametrize("kind", list(DraftKind))
def test_a_drafts_markdown_reads_back_as_its_plain_text(
    kind: DraftKind, writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    d = writer.draft(kind, matched_ctx)
    assert from_markdown(to_markdown(d)) == to_plain(d)
    odd = d.model_copy(  # no attachments: the rendering would list them, the plain text not
        update={
            "attachments": [],
            "body": "Hi Jo,\n\n# C# and *nix, my_notes.txt, <b>, a | b\n1. first\n-flag\n\nBest,\nJo",
        }
    )
    assert from_markdown(to_markdown(odd)) == to_plain(odd)
    assert from_markdown("# My notes\n\nSubject: hello\n") is None  # not a draft's rendering


def test_a_markdown_draft_with_its_own_sections_reads_as_the_email(follow_up: Draft) -> None:
    assert follow_up.blurb
    body = follow_up.body.replace(follow_up.blurb, "").replace(
        "A blurb you can paste or forward:", ""
    )
    bare = follow_up.model_copy(update={"body": body.split("Attachments:")[0].strip()})
    read = from_markdown(to_markdown(bare))
    assert read is not None and read.startswith(f"Subject: {follow_up.subject}\n\nHi Priya,")
    assert "\nAttachments:\n- Resume" in read  # the list the rendering added
    assert follow_up.blurb not in read  # the paste-ready blurb is not part of the email


def test_letter_recipient_block_skips_email_addresses(
    letter: Draft, matched_ctx: DraftContext
) -> None:
    posting = matched_ctx.posting.model_copy(update={"contact": "jobs@northwind.example"})
    referral = matched_ctx.referral.model_copy(update={"contact": "hr@northwind.example"})
    ctx = matched_ctx.model_copy(update={"posting": posting, "referral": referral})
    bare = letter.model_copy(update={"to": None, "body": "I built pipelines at Globex."})
    buf = io.BytesIO()
    write_letter_docx(bare, ctx, buf, date=DAY)
    texts = [t for t in _texts(buf) if t.strip()]
    assert texts[3:6] == ["Northwind Logistics", "Denver, CO", "Dear Hiring Manager,"]
    assert not any("@northwind" in t for t in texts)


def test_intro_request_email_docx_is_addressed_to_the_introducer(
    writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    ref = matched_ctx.referral.model_copy(update={"introducer_email": "sam@example.org"})
    ctx = matched_ctx.model_copy(update={"referral": ref})
    buf = io.BytesIO()
    write_email_docx(writer.draft(DraftKind.intro_request, ctx), ctx, buf, date=DAY)
    texts = [t for t in _texts(buf) if t.strip()]
    assert texts[0] == "To: Sam Ortiz <sam@example.org>"
    assert texts[1].startswith("Subject: Introduction to Priya Raman")
    assert "Hi Sam," in texts


def test_cover_letter_as_plain_text_and_eml(letter: Draft, matched_ctx: DraftContext) -> None:
    assert to_plain(letter) == letter.body.strip() + "\n"
    msg = _parse(build_eml(letter, matched_ctx, []))
    assert msg["Subject"] == "Cover letter \u2014 Senior Data Engineer, Northwind Logistics"
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content().startswith("Dear Priya Raman,")


@pytest.mark.parametrize("kind", [DraftKind.follow_up, DraftKind.intro_request])
def test_blurb_is_shown_once_in_every_export(
    kind: DraftKind, writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    d = writer.draft(kind, matched_ctx)
    assert d.blurb
    buf = io.BytesIO()
    write_email_docx(d, matched_ctx, buf, date=DAY)
    docx_text = "\n".join(_texts(buf))
    for rendered in (docx_text, to_markdown(d).replace("\\", ""), to_plain(d)):
        assert " ".join(rendered.split()).count(" ".join(d.blurb.split())) == 1
        assert "Blurb (paste-ready)" not in rendered


def test_blurb_missing_from_the_body_gets_its_own_section(
    follow_up: Draft, matched_ctx: DraftContext
) -> None:
    """A writer (e.g. a model) that returns the blurb apart from the body: the exports add it once."""
    assert follow_up.blurb
    body = follow_up.body.replace(follow_up.blurb, "").replace(
        "A blurb you can paste or forward:", ""
    )
    d = follow_up.model_copy(update={"body": body})
    md = to_markdown(d)
    assert md.count("## Blurb (paste-ready)") == 1
    assert "> Jordan Lee, currently Data Engineer at Globex" in md
    buf = io.BytesIO()
    write_email_docx(d, matched_ctx, buf, date=DAY)
    texts = [t for t in _texts(buf) if t.strip()]
    assert texts[-2:] == ["Blurb (paste-ready)", follow_up.blurb]
    assert "\n".join(texts).count(follow_up.blurb) == 1
