"""The intro request reads as a short note to a friend: exact role with id and link, one ask, a
paragraph to forward (said once), the materials listed."""

from __future__ import annotations

import io
import re

import docx
import pytest

from referral_ai.export.docx import write_email_docx
from referral_ai.export.text import to_markdown
from referral_ai.models import DraftContext, DraftKind, Referral
from referral_ai.writers.offline import OfflineWriter


def test_reads_as_a_note_to_a_friend(writer: OfflineWriter, matched_ctx: DraftContext) -> None:
    d = writer.draft(DraftKind.intro_request, matched_ctx)
    paras = d.body.split("\n\n")
    assert paras[0] == "Hi Sam,"
    assert paras[1] == (
        "I am applying for the Senior Data Engineer role (R-4821) at Northwind Logistics "
        "(https://careers.northwind.example/jobs/4821). "
        "Would you be willing to introduce me to Priya Raman about it?"
    )
    assert paras[2] == f"If so, here is a paragraph you can forward to Priya:\n{d.blurb}"
    assert paras[3].startswith("Attachments:\n- Resume")
    assert paras[-1] == "Thanks,\nJordan Lee"
    assert d.text.count("?") == 1  # one ask
    assert len(d.text.split()) < 150


def test_the_forwarded_paragraph_stands_alone(
    writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    d = writer.draft(DraftKind.intro_request, matched_ctx)
    assert d.blurb
    assert d.blurb.startswith("Jordan Lee, currently Data Engineer at Globex, is applying for ")
    assert "the Senior Data Engineer role (R-4821) at Northwind Logistics" in d.blurb
    assert "made the introduction" not in d.body  # it has not happened yet


def test_sparse_resume_blurb_never_says_the_introduction_happened(
    writer: OfflineWriter, many_materials_ctx: DraftContext
) -> None:
    ctx = many_materials_ctx.model_copy(
        update={"referral": Referral(contact="Priya Raman", introducer="Sam Ortiz")}
    )
    resume = ctx.resume.model_copy(
        update={"name": "Jordan Lee", "roles": [], "summary": None, "skills": []}
    )
    from referral_ai.matching import match

    ctx = ctx.model_copy(update={"resume": resume, "fit": match(ctx.posting, resume)})
    d = writer.draft(DraftKind.intro_request, ctx)
    assert "made the introduction" not in d.body
    # the second sentence is a resume fact (the education), not a line that repeats the ask
    assert d.blurb and "Jordan's education: B.S., Computer Science" in d.blurb
    assert "would welcome a referral" not in d.blurb
    assert d.text.count("?") == 1


def test_docx_and_markdown_show_the_note_once(
    writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    d = writer.draft(DraftKind.intro_request, matched_ctx)
    buf = io.BytesIO()
    write_email_docx(d, matched_ctx, buf)
    texts = [p.text for p in docx.Document(buf).paragraphs if p.text.strip()]
    assert texts[0] == "To: Sam Ortiz"
    assert texts[1] == (
        "Subject: Introduction to Priya Raman \u2014 Senior Data Engineer (R-4821) at Northwind Logistics"
    )
    assert texts[3] == "Hi Sam,"
    assert "\n".join(texts).count(d.blurb or "-") == 1
    md = to_markdown(d)
    assert "Blurb (paste-ready)" not in md
    assert md.count("Would you be willing") == 1


@pytest.mark.parametrize("fixture", ["matched_ctx", "sample_ctx", "many_materials_ctx"])
def test_one_ask_in_every_context(
    fixture: str, writer: OfflineWriter, request: pytest.FixtureRequest
) -> None:
    ctx: DraftContext = request.getfixturevalue(fixture)
    d = writer.draft(DraftKind.intro_request, ctx)
    assert d.body.count("?") == 1
    assert len(re.findall(r"\bWould you\b|\bCould you\b|\bCan you\b", d.body)) == 1
    assert ctx.posting.title in d.body.split("\n\n")[1]
