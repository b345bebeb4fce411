"""The output plan: one naming scheme, what the .eml attaches and what its body lists, materials
mapped to files, missing materials refused, page size by country, attachments checked."""

from __future__ import annotations

import email
from datetime import date
from email import policy
from pathlib import Path

import pytest

from referral_ai.cli import main, write_outputs
from referral_ai.compose import compose_all
from referral_ai.errors import InputError
from referral_ai.export.plan import (
    MissingMaterialsError,
    page_for,
    parse_attach,
    plan_outputs,
)
from referral_ai.matching import match
from referral_ai.models import (
    Draft,
    DraftContext,
    DraftKind,
    JobPosting,
    Material,
    MaterialRequirement,
    Referral,
    Resume,
)
from referral_ai.writers.offline import OfflineWriter

from .conftest import EXAMPLES

STEM = "Jordan-Lee-Senior-Data-Engineer"


@pytest.fixture
def ctx(
    sample_posting: JobPosting, sample_resume: Resume, sample_referral: Referral
) -> DraftContext:
    """The shared sample application, with the fit computed by the real matcher."""
    return DraftContext(
        posting=sample_posting,
        resume=sample_resume,
        referral=sample_referral,
        fit=match(sample_posting, sample_resume, today=date(2026, 11, 25)),
    )


def _eml_names(path: Path) -> list[str]:
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    return [str(a.get_filename()) for a in msg.iter_attachments()]


def _pdf_like(tmp_path: Path, name: str, size: int = 2048) -> Path:
    p = tmp_path / name
    p.write_bytes(b"%PDF-1.4\n" + b"x" * size)
    return p


def test_names_follow_one_scheme(ctx: DraftContext) -> None:
    plan = plan_outputs(ctx, list(DraftKind), formats=["md", "docx", "eml", "pdf"])
    assert plan.names == [
        f"{STEM}-CoverLetter.md", f"{STEM}-CoverLetter.docx", f"{STEM}-CoverLetter.pdf",
        f"{STEM}-FollowUpEmail.md", f"{STEM}-FollowUpEmail.docx", f"{STEM}-FollowUpEmail.eml",
        f"{STEM}-IntroRequestEmail.md", f"{STEM}-IntroRequestEmail.docx",
        f"{STEM}-ReminderEmail.md", f"{STEM}-ReminderEmail.docx",
        f"{STEM}-Resume.docx", f"{STEM}-Resume.pdf", f"{STEM}-Resume-Check.json",
    ]  # fmt: skip
    assert plan.eml_files == [f"{STEM}-Resume.pdf", f"{STEM}-CoverLetter.pdf"]


def test_settled_email_lists_exactly_what_the_eml_attaches(
    ctx: DraftContext, tmp_path: Path
) -> None:
    sample = _pdf_like(tmp_path, "pipeline-code-sample.pdf")
    plan = plan_outputs(ctx, list(DraftKind), attachments=[sample])
    drafts = compose_all(ctx, plan.wrap(OfflineWriter()))
    follow = drafts[DraftKind.follow_up]
    assert [a.filename for a in follow.attachments if a.filename] == [
        f"{STEM}-Resume.docx", f"{STEM}-CoverLetter.docx", "pipeline-code-sample.pdf",
    ]  # fmt: skip
    block = follow.body.split("Attachments:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert block == [
        f"- Resume ({STEM}-Resume.docx)",
        f"- Cover letter ({STEM}-CoverLetter.docx)",
        "- Code sample (pipeline-code-sample.pdf)",
    ]
    out = tmp_path / "out"
    write_outputs(drafts, ctx, out, plan=plan)
    assert _eml_names(out / f"{STEM}-FollowUpEmail.eml") == [
        f"{STEM}-Resume.docx", f"{STEM}-CoverLetter.docx", "pipeline-code-sample.pdf",
    ]  # fmt: skip
    # the intro request lists the same set; the reminder lists none
    assert "Attachments:\n" + "\n".join(block) in drafts[DraftKind.intro_request].body
    assert "Attachments" not in drafts[DraftKind.reminder].body


def test_own_resume_replaces_the_tailored_one(ctx: DraftContext, tmp_path: Path) -> None:
    own = _pdf_like(tmp_path, "jordan.pdf")
    plan = plan_outputs(ctx, list(DraftKind), attachments=[f"{own}=resume"])
    assert not plan.tailored_resume and f"{STEM}-Resume.docx" not in plan.names
    assert plan.eml_files[0] == own


def test_missing_material_is_refused_then_allowed(ctx: DraftContext) -> None:
    posting = ctx.posting.model_copy(
        update={
            "materials": [
                *ctx.posting.materials,
                MaterialRequirement(
                    material=Material.writing_sample, source="Send a writing sample."
                ),
            ]
        }
    )
    needy = ctx.model_copy(
        update={"posting": posting, "fit": ctx.fit.model_copy(update={"required_materials": []})}
    )
    with pytest.raises(
        MissingMaterialsError,
        match=r"writing sample.*--attach FILE=writing_sample.*--allow-missing",
    ):
        plan_outputs(needy, list(DraftKind))
    plan = plan_outputs(needy, list(DraftKind), allow_missing=True)
    assert plan.missing == [Material.writing_sample]
    assert (
        "- Writing sample: not attached; I will send it with my application"
        in plan.attachment_lines()
    )
    # without a follow-up nothing promises to carry it
    assert plan_outputs(needy, [DraftKind.cover_letter]).missing == [Material.writing_sample]


@pytest.mark.parametrize(
    ("requirement", "line"),
    [
        (
            MaterialRequirement(material=Material.transcripts, source="Send your transcripts."),
            "- Transcripts: not attached; I will send them with my application",
        ),
        (
            MaterialRequirement(
                material=Material.writing_sample, count=3, source="Send three writing samples."
            ),
            "not attached; I will send them with my application",
        ),
    ],
)
def test_a_plural_material_sent_later_is_them(
    ctx: DraftContext, requirement: MaterialRequirement, line: str
) -> None:
    posting = ctx.posting.model_copy(update={"materials": [*ctx.posting.materials, requirement]})
    needy = ctx.model_copy(
        update={"posting": posting, "fit": ctx.fit.model_copy(update={"required_materials": []})}
    )
    lines = plan_outputs(needy, list(DraftKind), allow_missing=True).attachment_lines()
    assert any(line in x for x in lines), lines
    assert not any("send it" in x for x in lines if requirement.material.label in x.lower())


@pytest.mark.parametrize(
    ("name", "material"),
    [
        ("Portfolio-2026.pdf", Material.portfolio),
        ("transcript.pdf", Material.transcripts),
        ("writing_sample.docx", Material.writing_sample),
        ("teaching-statement.pdf", Material.teaching_statement),
        ("letters-of-recommendation.pdf", Material.reference_letters),
        ("Jordan_CV.pdf", Material.cv),
    ],
)
def test_attachment_material_from_its_name(
    tmp_path: Path, ctx: DraftContext, name: str, material: Material
) -> None:
    f = _pdf_like(tmp_path, name)
    plan = plan_outputs(ctx, list(DraftKind), attachments=[f])
    assert plan.user_files[0].material is material


def test_bad_attachments_are_clear_errors(tmp_path: Path, ctx: DraftContext) -> None:
    with pytest.raises(InputError, match="no such file to attach"):
        plan_outputs(ctx, list(DraftKind), attachments=[tmp_path / "nope.pdf"])
    empty = tmp_path / "portfolio.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        plan_outputs(ctx, list(DraftKind), attachments=[empty])
    odd = _pdf_like(tmp_path, "scan-0001.pdf")
    with pytest.raises(InputError, match="which material"):
        plan_outputs(ctx, list(DraftKind), attachments=[odd])
    with pytest.raises(InputError, match="unknown material 'poem'"):
        parse_attach([f"{odd}=poem"])
    big = tmp_path / "portfolio-big.pdf"
    with big.open("wb") as fh:  # sparse: 21 MB on paper, nothing on disk
        fh.truncate(21 * 1024 * 1024)
    with pytest.raises(InputError, match="over the usual mail limit"):
        plan_outputs(ctx, list(DraftKind), attachments=[big])


@pytest.mark.parametrize(
    ("location", "page"),
    [
        ("Denver, CO (hybrid)", "letter"),
        ("Toronto, Ontario, Canada", "letter"),
        ("Remote (US)", "letter"),
        ("London, United Kingdom", "a4"),
        ("Amsterdam", "a4"),
        ("Munich, Germany", "a4"),
        (None, "letter"),
    ],
)
def test_page_from_the_posting_country(location: str | None, page: str) -> None:
    assert page_for(location) == page


def test_a4_letter_dates_and_closing(ctx: DraftContext, tmp_path: Path) -> None:
    import docx

    posting = ctx.posting.model_copy(update={"location": "London, UK"})
    uk = ctx.model_copy(update={"posting": posting})
    plan = plan_outputs(uk, [DraftKind.cover_letter])
    assert plan.page == "a4"
    drafts = compose_all(uk, plan.wrap(OfflineWriter()))
    assert "Yours sincerely," in drafts[DraftKind.cover_letter].body
    out = tmp_path / "out"
    write_outputs(drafts, uk, out, plan=plan)
    d = docx.Document(str(out / f"{STEM}-CoverLetter.docx"))
    assert round(d.sections[0].page_width.mm) == 210
    texts = [p.text for p in d.paragraphs]
    assert texts[-2:] == ["Yours sincerely,", "Jordan Lee"]
    date_line = texts[3]
    assert date_line.split()[0].isdigit()  # "1 December 2026"
    styles = {p.style.name for p in d.paragraphs}
    assert {
        "Letterhead Name",
        "Letter Date",
        "Recipient",
        "Salutation",
        "Letter Body",
        "Closing",
        "Signature",
    } <= styles


def test_cli_page_option_is_case_insensitive_and_old_name_works(tmp_path: Path) -> None:
    import docx

    for flag, value, mm in (
        ("--page", "A4", 210),
        ("--page-size", "letter", 216),
        ("--page", "LETTER", 216),
    ):
        out = tmp_path / f"{flag}-{value}"
        code = main(
            ["draft", str(EXAMPLES / "posting.md"), str(EXAMPLES / "resume.md"), "--contact", "Dana",
             "--out", str(out), flag, value, "--kinds", "cover_letter"]
        )  # fmt: skip
        assert code == 0
        (letter,) = out.glob("*-CoverLetter.docx")
        assert round(docx.Document(str(letter)).sections[0].page_width.mm) == mm


def test_cli_refuses_missing_material_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posting = tmp_path / "posting.md"
    posting.write_text(
        (EXAMPLES / "posting.md").read_text(encoding="utf-8")
        + "\n\nPlease also include a writing sample and your transcripts.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = [
        "draft",
        str(posting),
        str(EXAMPLES / "resume.md"),
        "--contact",
        "Dana",
        "--out",
        str(out),
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "writing sample" in err and "transcripts" in err and "--allow-missing" in err
    assert not out.exists() or not list(out.iterdir())
    sample = _pdf_like(tmp_path, "essay.pdf")
    grades = _pdf_like(tmp_path, "transcripts.pdf")
    assert main([*args, "--attach", f"{sample}=writing_sample", "--attach", str(grades)]) == 0
    (eml,) = out.glob("*.eml")
    assert _eml_names(eml)[-2:] == ["essay.pdf", "transcripts.pdf"]


def test_cli_attach_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    base = [
        "draft",
        str(EXAMPLES / "posting.md"),
        str(EXAMPLES / "resume.md"),
        "--contact",
        "Dana",
        "--out",
        str(out),
    ]
    empty = tmp_path / "portfolio.pdf"
    empty.write_bytes(b"")
    assert main([*base, "--attach", str(empty)]) == 2
    assert "empty (0 bytes)" in capsys.readouterr().err
    assert main([*base, "--attach", str(tmp_path / "gone.pdf")]) == 2
    assert "no such file to attach" in capsys.readouterr().err
    assert not out.exists() or not list(out.iterdir())


def test_batch_uses_the_same_plan(tmp_path: Path) -> None:
    from referral_ai.batch import BatchItem, run_batch

    items = [BatchItem(id="one", posting=EXAMPLES / "posting.md", contact="Dana Whitfield")]
    summary = run_batch(
        items, EXAMPLES / "resume.md", writer=OfflineWriter(), out_dir=tmp_path, progress=False
    )
    assert summary.ok, summary
    folder = tmp_path / "one"
    stem = "Riley-Chen-Senior-Analytics-Engineer"
    names = {p.name for p in folder.iterdir()}
    assert {f"{stem}-CoverLetter.docx", f"{stem}-Resume.docx", f"{stem}-FollowUpEmail.eml"} <= names
    eml = folder / f"{stem}-FollowUpEmail.eml"
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    body = msg.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    listed = [
        line.rsplit("(", 1)[1].rstrip(")")
        for line in body.splitlines()
        if line.startswith("- ") and line.endswith(")")
    ]
    assert _eml_names(eml) == listed == [f"{stem}-Resume.docx", f"{stem}-CoverLetter.docx"]
    assert not any(n.startswith(".referral-ai-") for n in names)


def test_a_resume_without_roles_is_sent_as_it_is_never_an_empty_tailored_one(
    ctx: DraftContext, tmp_path: Path
) -> None:
    original = tmp_path / "Jordan Lee resume.docx"
    original.write_bytes(b"PK\x03\x04 a real resume")
    bare = ctx.resume.model_copy(update={"roles": [], "source": str(original)})
    plan = plan_outputs(ctx.model_copy(update={"resume": bare}), list(DraftKind))
    assert not plan.tailored_resume and plan.eml_files[0] == original
    assert "attached as it is" in plan.warnings[0]
    as_text = bare.model_copy(update={"source": str(tmp_path / "resume.md")})
    plan = plan_outputs(ctx.model_copy(update={"resume": as_text}), list(DraftKind))
    assert plan.tailored_resume and "no experience section" in plan.warnings[0]


def test_batch_in_a_process_pool_writes_the_same_sets(tmp_path: Path) -> None:
    from referral_ai.batch import BatchItem, run_batch

    items = [
        BatchItem(id=f"i{n}", posting=EXAMPLES / "posting.md", contact="Dana Whitfield")
        for n in range(8)
    ]
    summary = run_batch(
        items, EXAMPLES / "resume.md", writer=OfflineWriter(), out_dir=tmp_path,
        progress=False, workers=2, kinds=["follow_up", "cover_letter"],
    )  # fmt: skip
    assert summary.ok, summary
    sets = {tuple(sorted(p.name for p in (tmp_path / f"i{n}").iterdir())) for n in range(8)}
    assert len(sets) == 1  # every item: the same names
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    # a rerun with changed options redoes every item and swaps each folder whole
    again = run_batch(
        items, EXAMPLES / "resume.md", writer=OfflineWriter(), out_dir=tmp_path,
        progress=False, workers=2, kinds=["follow_up", "cover_letter"], page="a4",
    )  # fmt: skip
    assert again.counts["ok"] == 8
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_batch_sweeps_what_a_killed_run_left(tmp_path: Path) -> None:
    from referral_ai.batch import _sweep

    half = tmp_path / ".referral-ai-item-a-x1y2"
    half.mkdir()
    (half / "partial.docx").write_bytes(b"half")
    aside = tmp_path / ".referral-ai-old-b-z9"
    (aside / "item").mkdir(parents=True)
    (aside / "item" / "done.json").write_text("{}")
    _sweep(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]  # the old folder put back
    assert (tmp_path / "b" / "done.json").exists()


def _either(ctx: DraftContext) -> DraftContext:
    """The sample application, whose posting asks for "either a portfolio or code samples"."""
    from referral_ai.inputs.materials import extract_materials

    asked = extract_materials(
        "Please attach your resume and either a portfolio or code samples (a GitHub link is fine)."
    )
    posting = ctx.posting.model_copy(update={"materials": asked})
    resume = ctx.resume.model_copy(
        update={"contact": ctx.resume.contact.model_copy(update={"links": []})}
    )
    return ctx.model_copy(
        update={
            "posting": posting,
            "resume": resume,
            "fit": ctx.fit.model_copy(update={"required_materials": []}),
        }
    )


def test_a_file_for_any_alternative_provides_the_material(
    ctx: DraftContext, tmp_path: Path
) -> None:
    needy = _either(ctx)
    with pytest.raises(MissingMaterialsError) as refused:
        plan_outputs(needy, list(DraftKind))
    message = str(refused.value)
    assert "requires portfolio or code sample" in message
    assert "--attach FILE=portfolio or --attach FILE=code_sample" in message
    code = _pdf_like(tmp_path, "pipelines.pdf")
    plan = plan_outputs(needy, list(DraftKind), attachments=[f"{code}=code_sample"])
    assert plan.missing == []
    assert code in plan.eml_files
    lines = plan.attachment_lines()
    assert "- Code sample (pipelines.pdf)" in lines
    assert not any(line.startswith("- Portfolio") for line in lines)


def test_work_samples_by_name_are_a_portfolio(ctx: DraftContext, tmp_path: Path) -> None:
    samples = _pdf_like(tmp_path, "Jordan-Lee-Work-Samples.pdf")
    plan = plan_outputs(_either(ctx), list(DraftKind), attachments=[samples])
    assert plan.missing == []
    assert "- Portfolio (Jordan-Lee-Work-Samples.pdf)" in plan.attachment_lines()


class _Careless:
    """A writer whose follow-up names neither the role nor the company: every check sees it."""

    name = "careless"

    def draft(self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None) -> Draft:
        return Draft(
            kind=kind,
            subject="Hello",
            body="Hi Dana,\n\nLet me know if anything opens up.\n\nThanks,\nRiley Chen",
        )

    async def adraft(
        self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None
    ) -> Draft:
        return self.draft(kind, ctx, feedback=feedback)


def test_a_pooled_batch_rejects_a_draft_with_the_report_made_here(tmp_path: Path) -> None:
    """A batch whose items are parsed and written in worker processes rejects a careless draft with
    exactly the report :func:`validate` gives in this process."""
    import json

    from referral_ai.batch import BatchItem, run_batch
    from referral_ai.inputs import load_posting, load_resume
    from referral_ai.validators import validate

    items = [
        BatchItem(id=f"i{n}", posting=EXAMPLES / "posting.md", contact="Dana Whitfield")
        for n in range(8)
    ]
    summary = run_batch(
        items, EXAMPLES / "resume.md", writer=_Careless(), out_dir=tmp_path, progress=False,
        workers=2, kinds=["follow_up"], max_reasks=0, allow_missing=True,
    )  # fmt: skip
    assert summary.counts["failed"] == 8
    assert {r.error_type for r in summary.results} == {"DraftRejectedError"}
    posting, resume = load_posting(EXAMPLES / "posting.md"), load_resume(EXAMPLES / "resume.md")
    ctx = DraftContext(
        posting=posting,
        resume=resume,
        referral=Referral(contact="Dana Whitfield"),
        fit=match(posting, resume),
    )
    plan = plan_outputs(ctx, [DraftKind.follow_up], allow_missing=True)
    draft = plan.settle(_Careless().draft(DraftKind.follow_up, ctx))
    here = validate(draft, posting=posting, resume=resume, referral=ctx.referral)
    assert not here.ok
    for n in range(8):
        error = json.loads((tmp_path / f"i{n}" / "error.json").read_text(encoding="utf-8"))
        assert [i["code"] for i in error["report"]["issues"]] == [i.code for i in here.issues]


def _read_set(out: Path) -> tuple[str, str, str, list[str]]:
    """What a person sees: the letter (.docx), the follow-up (.docx), the .eml's body and its files."""
    import docx

    def text(pattern: str) -> str:
        (path,) = out.glob(pattern)
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)

    (eml,) = out.glob("*.eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    body = msg.get_body(("plain",))
    assert body is not None
    return (
        text("*-CoverLetter.docx"),
        text("*-FollowUpEmail.docx"),
        body.get_content(),
        [str(a.get_filename()) for a in msg.iter_attachments()],
    )


@pytest.mark.parametrize("how", ["draft", "batch"])
def test_letter_email_and_eml_agree_on_a_material_sent_later(tmp_path: Path, how: str) -> None:
    """--allow-missing: the letter never says it is sending transcripts the .eml does not carry;
    letter, email and .eml all say they are sent later. Attached, all three say they are sent."""
    posting = tmp_path / "posting.md"
    posting.write_text(
        (EXAMPLES / "posting.md").read_text(encoding="utf-8")
        + "\n\nPlease also include your transcripts.\n",
        encoding="utf-8",
    )

    def run(out: Path, *attach: str) -> tuple[str, str, str, list[str]]:
        if how == "draft":
            args = ["draft", str(posting), str(EXAMPLES / "resume.md"), "--contact", "Dana"]
            args += ["--out", str(out), "--allow-missing", "--kinds", "cover_letter,follow_up"]
            for a in attach:
                args += ["--attach", a]
            assert main(args) == 0
            return _read_set(out)
        from referral_ai.batch import BatchItem, run_batch

        summary = run_batch(
            [BatchItem(id="one", posting=posting, contact="Dana")],
            EXAMPLES / "resume.md",
            writer=OfflineWriter(),
            out_dir=out,
            kinds=["cover_letter", "follow_up"],
            allow_missing=True,
            attachments=list(attach),
            progress=False,
        )
        assert summary.ok, summary
        return _read_set(out / "one")

    letter, mail_docx, body, files = run(tmp_path / "later")
    assert "I will send my transcripts with my application." in letter
    sending = next(s for s in letter.split(". ") if "With this letter I am sending" in s)
    assert "transcripts" not in sending
    for mail in (mail_docx, body):
        assert "Transcripts: not attached; I will send them with my application" in mail
    assert not any("transcript" in f.lower() for f in files)

    grades = _pdf_like(tmp_path, "transcripts.pdf")
    letter, mail_docx, body, files = run(tmp_path / "sent", str(grades))
    sending = next(s for s in letter.split(". ") if "With this letter I am sending" in s)
    assert "my transcripts" in sending and "I will send my transcripts" not in letter
    assert "Transcripts (transcripts.pdf)" in body and "transcripts.pdf" in mail_docx
    assert files[-1] == "transcripts.pdf"
