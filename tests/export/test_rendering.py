"""What a person sees: the outputs rendered by LibreOffice headless, counted and read back by poppler.

The cover letter is one page, the tailored resume one or two; the text on the pages is the draft's
(every paragraph of the letter, every line of the tailored resume); the .eml carries exactly the
files its Attachments list names. Run on examples/ and on pairs of the real corpus.
"""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from referral_ai.cli import main, write_outputs
from referral_ai.compose import build_context, compose_all
from referral_ai.export.docx import letter_parts
from referral_ai.export.plan import OutputPlan, plan_outputs
from referral_ai.export.resume import tailor
from referral_ai.inputs import load_posting, load_resume
from referral_ai.models import Draft, DraftKind, Referral
from referral_ai.writers.offline import OfflineWriter

from .conftest import EXAMPLES, need_libreoffice, page_count, seen_text, squash

PAIRS = [
    ("postings/parfumado-analytics-engineer-nl.md", "resumes/jammes-jsonresume-same-employer.json"),
    ("postings/hevnly-senior-js-developer-london.md", "resumes/storr-career-change-resume.docx"),
    ("postings/ropensci-community-manager.md", "resumes/trierweiler-librarian-resume.md"),
    ("postings/uchicago-data-scientist-workday.md", "resumes/matthews-tabbed-student-resume.docx"),
    (
        "postings/springer-nature-neuroscience-editor.md",
        "resumes/clement-librarian-academicpages-cv.md",
    ),
    ("postings/cds-research-evaluation-analyst-en.md", "resumes/riera-jsonresume-venezuela.json"),
]


def _draft_set(
    posting: Path, resume: Path, out: Path, **plan_args: object
) -> tuple[OutputPlan, dict[DraftKind, Draft], list[Path]]:
    ctx = build_context(
        load_posting(posting), load_resume(resume), Referral(contact="Dana Whitfield")
    )
    plan = plan_outputs(ctx, list(DraftKind), formats=["md", "docx", "eml", "pdf"], **plan_args)  # type: ignore[arg-type]
    drafts = compose_all(ctx, plan.wrap(OfflineWriter()), allow_invalid=True)
    written = write_outputs(drafts, ctx, out, plan=plan)
    return plan, drafts, written


def _attachments(eml: Path) -> list[str]:
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    return [str(a.get_filename()) for a in msg.iter_attachments()]


def _listed_files(body: str) -> list[str]:
    """The file names the body's Attachments list gives in parentheses."""
    block = body.split("Attachments:\n", 1)[1].split("\n\n", 1)[0]
    return [line.rsplit("(", 1)[1].rstrip(")") for line in block.splitlines() if line.endswith(")")]


def _check_set(plan: OutputPlan, drafts: dict[DraftKind, Draft], out: Path) -> None:
    letter_pdf = out / str(plan.name_of(DraftKind.cover_letter, "pdf"))
    resume_pdf = out / f"{plan.stem}-Resume.pdf"
    pngs = out / "png"
    pngs.mkdir(exist_ok=True)
    assert page_count(letter_pdf, pngs) == 1
    assert 1 <= page_count(resume_pdf, pngs) <= 2
    # the letter a person reads is the draft: salutation, every paragraph, closing, signature
    seen = seen_text(letter_pdf)
    salutation, body, closing, signature = letter_parts(drafts[DraftKind.cover_letter].body)
    for part in [salutation, *body, closing, signature]:
        if part:
            assert squash(part) in seen, part[:60]
    # the follow-up carries exactly what its body lists (PDFs, as they were made)
    follow = drafts[DraftKind.follow_up]
    eml = out / str(plan.name_of(DraftKind.follow_up, "eml"))
    listed = _listed_files(follow.body)
    assert _attachments(eml) == listed
    assert all(name.endswith(".pdf") for name in listed)
    assert not any(name.endswith((".md", ".txt", ".json")) for name in _attachments(eml))


def test_examples_render_as_documents(tmp_path: Path) -> None:
    need_libreoffice()
    out = tmp_path / "out"
    plan, drafts, _ = _draft_set(
        EXAMPLES / "posting.md", EXAMPLES / "resume.md", out, allow_missing=True
    )
    _check_set(plan, drafts, out)
    # the tailored resume a person sees is the tailored resume's lines, in order
    resume = load_resume(EXAMPLES / "resume.md")
    seen = seen_text(out / f"{plan.stem}-Resume.pdf")
    ctx = build_context(load_posting(EXAMPLES / "posting.md"), resume, Referral(contact="D"))
    tailored = tailor(resume, ctx.fit, ctx.posting, page=plan.page)
    pos = 0
    for line in tailored.lines:
        at = seen.find(squash(line.text), pos)
        assert at >= 0, line.text
        pos = at
    assert tailored.proof()["ok"]


@pytest.mark.parametrize(("posting", "resume"), PAIRS, ids=[p[1].split("/")[1] for p in PAIRS])
def test_corpus_pairs_render(tmp_path: Path, posting: str, resume: str, real_corpus: Path) -> None:
    need_libreoffice()
    corpus = real_corpus
    out = tmp_path / "out"
    plan, drafts, _ = _draft_set(corpus / posting, corpus / resume, out, allow_missing=True)
    _check_set(plan, drafts, out)
    seen = seen_text(out / f"{plan.stem}-Resume.pdf")
    the_resume = load_resume(corpus / resume)
    ctx = build_context(load_posting(corpus / posting), the_resume, Referral(contact="D"))
    tailored = tailor(the_resume, ctx.fit, ctx.posting, page=plan.page)
    assert tailored.proof()["ok"]
    missing = [ln.text for ln in tailored.lines if squash(ln.text) not in seen]
    assert not missing, missing[:3]


def test_cli_pdf_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_libreoffice()
    out = tmp_path / "out"
    code = main(
        [
            "draft", str(EXAMPLES / "posting.md"), str(EXAMPLES / "resume.md"),
            "--contact", "Dana Whitfield", "--introducer", "Sam Ortiz", "--out", str(out), "--pdf",
        ]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    names = sorted(p.name for p in out.iterdir())
    stem = "Riley-Chen-Senior-Analytics-Engineer"
    for doc in ("CoverLetter", "Resume"):
        assert f"{stem}-{doc}.docx" in names and f"{stem}-{doc}.pdf" in names
    assert _attachments(out / f"{stem}-FollowUpEmail.eml") == [
        f"{stem}-Resume.pdf",
        f"{stem}-CoverLetter.pdf",
    ]
    assert "tailored resume:" in capsys.readouterr().out
