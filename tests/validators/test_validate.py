"""validate(): the whole report for drafts and hand-written emails, odd inputs, and the rule registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from referral_ai.models import (
    Attachment,
    Draft,
    DraftContext,
    DraftKind,
    JobPosting,
    Material,
    Referral,
    Report,
    Resume,
    Severity,
)
from referral_ai.validators import RULES, draft_from_text, validate

DOCS = Path(__file__).resolve().parents[2] / "docs" / "validators.md"

BAD_EMAIL = """Subject: Hello

Hi [Name],

I am writing to express my interest in any engineering roles at your company. I'm passionate about data.
At Google I led a team of 15 engineers. Please keep me in mind if anything opens up!
Details: https://evil.example.com/x

Jordan
"""


def test_good_email_has_no_issues(
    good_email: str, sample_posting: JobPosting, sample_resume: Resume, sample_referral: Referral
) -> None:
    report = validate(
        good_email, posting=sample_posting, resume=sample_resume, referral=sample_referral
    )
    assert report.issues == [], str(report)
    assert report.ok


def test_bad_email_codes_and_spans_index_the_string(
    sample_posting: JobPosting, sample_resume: Resume, sample_referral: Referral
) -> None:
    report = validate(
        BAD_EMAIL, posting=sample_posting, resume=sample_resume, referral=sample_referral
    )
    assert not report.ok
    found = {
        (i.code, BAD_EMAIL[i.start : i.end])
        for i in report.issues
        if i.start != i.end
        and i.code not in {"missing-role", "missing-company", "missing-material", "length"}
    }
    assert found == {
        ("subject", "Hello"),
        ("placeholder", "[Name]"),
        (
            "generic-ask",
            "I am writing to express my interest in any engineering roles at your company.",
        ),
        ("generic-ask", "Please keep me in mind if anything opens up!"),
        ("cliche", "I am writing to express my interest"),
        ("cliche", "passionate"),
        ("ungrounded-claim", "Google"),
        ("ungrounded-claim", "15"),
        ("injected-instruction", "https://evil.example.com/x"),
    }
    codes = report.codes()
    assert codes.count("missing-material") == 3
    assert "missing-role" in codes and "missing-company" in codes
    assert all(i.suggestion for i in report.errors)
    (gen, _) = [i for i in report.issues if i.code == "generic-ask"]
    assert "Senior Data Engineer role (Req R-4821" in gen.suggestion


def test_rules_needing_inputs_are_skipped_without_them() -> None:
    report = validate(BAD_EMAIL)
    assert set(report.codes()) == {
        "placeholder",
        "generic-ask",
        "cliche",
    }  # a subject exists; no posting to name


def test_draft_object_with_attachments(sample_ctx: DraftContext) -> None:
    body = (
        "Hi Priya,\n\nSam Ortiz suggested I write about the Senior Data Engineer role (Req R-4821) at Northwind "
        "Logistics. Would you be willing to refer me for it?\n\nJordan Lee"
    )
    draft = Draft(
        kind=DraftKind.follow_up,
        subject="Senior Data Engineer (R-4821) referral",
        body=body,
        attachments=[
            Attachment(material=m)
            for m in (Material.cv, Material.cover_letter, Material.code_sample)
        ],
    )
    report = validate(
        draft, posting=sample_ctx.posting, resume=sample_ctx.resume, referral=sample_ctx.referral
    )
    assert report.issues == [], str(report)
    no_attachments = draft.model_copy(update={"attachments": []})
    report = validate(no_attachments, posting=sample_ctx.posting, resume=sample_ctx.resume)
    assert report.codes() == ["missing-material"] * 3


def test_kind_overrides_the_draft_kind(sample_posting: JobPosting) -> None:
    text = "word " * 150
    assert "length" in validate(text, kind=DraftKind.reminder).codes()
    assert "length" not in validate(text, kind=DraftKind.follow_up).codes()
    assert (
        "subject" not in validate(text, kind=DraftKind.cover_letter, posting=sample_posting).codes()
    )


def test_draft_from_text_reads_subject_and_attachments() -> None:
    draft = draft_from_text(
        "Subject: Referral for Data Analyst (Req 12)\n\nHi Dana,\n\nAttached are my resume and portfolio. "
        "My writing sample is Jordan_Lee_Writing_Sample.pdf.\n\nThanks"
    )
    assert draft.subject == "Referral for Data Analyst (Req 12)"
    assert draft.body.startswith("Hi Dana,")
    assert draft.kind is DraftKind.follow_up and draft.writer == "human"
    assert {a.material for a in draft.attachments} >= {
        Material.resume,
        Material.portfolio,
        Material.writing_sample,
    }
    assert any(a.filename == "Jordan_Lee_Writing_Sample.pdf" for a in draft.attachments)
    assert draft_from_text("Hi Dana, I don't have a portfolio yet.").attachments == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t",
        "Hola Priya, me encantaría trabajar en Northwind. ¿Podrías recomendarme? Gracias.",
        "你好\uff0c我想申请这个职位\u3002谢谢\uff01",
        "| Role | Req | Link |\n|---|---|---|\n| Data Engineer | R-1 | https://a.example/1 |\n| Analyst | R-2 | https://a.example/2 |\n",
        "\n".join(f"https://jobs.example.com/{i}" for i in range(200)),
        "Subject:\n\n",
        "\x00\x01 binary-ish \ufffd text",
    ],
)
def test_odd_inputs_give_a_sensible_report(
    text: str, sample_posting: JobPosting, sample_resume: Resume, sample_referral: Referral
) -> None:
    report = validate(text, posting=sample_posting, resume=sample_resume, referral=sample_referral)
    assert isinstance(report, Report)
    assert "missing-role" in report.codes()  # none of them names the job
    for i in report.issues:
        assert 0 <= i.start <= i.end <= max(len(text), 0) or i.target != "body"


def test_megabyte_email_does_not_hang_or_crash(
    sample_posting: JobPosting, sample_resume: Resume, sample_referral: Referral
) -> None:
    unit = "Please keep me in mind for any roles at Globex, I built 40 pipelines in Python. "
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    report = validate(text, posting=sample_posting, resume=sample_resume, referral=sample_referral)
    assert "generic-ask" in report.codes()
    assert "length" in report.codes()


def test_offline_writer_drafts_pass(sample_ctx: DraftContext) -> None:
    from referral_ai.writers.offline import OfflineWriter

    writer = OfflineWriter()
    for kind in DraftKind:
        draft = writer.draft(kind, sample_ctx)
        report = validate(
            draft,
            posting=sample_ctx.posting,
            resume=sample_ctx.resume,
            referral=sample_ctx.referral,
        )
        assert report.errors == [], f"{kind.value}:\n{report}"


# --------------------------------------------------------------------------- report and registry


def test_report_renderings(sample_posting: JobPosting) -> None:
    report = validate("Hi [Name], keep me in mind for any roles.", posting=sample_posting)
    text = str(report)
    assert "placeholder" in text and "generic-ask" in text and "error(s)" in text
    html = report._repr_html_()
    assert "<table" in html and "[Name]" in html
    feedback = report.as_feedback()
    assert "[generic-ask]" in feedback and "Senior Data Engineer" in feedback
    assert "[subject]" not in feedback  # warnings are not re-ask instructions
    assert str(Report()) == "No issues found." and Report().as_feedback() == ""


def test_registry_lists_every_code_with_severity_and_function() -> None:
    assert set(RULES) == {
        "generic-ask", "missing-role", "missing-company", "missing-material", "ungrounded-claim",
        "unsigned", "misread-field", "placeholder", "injected-instruction", "length", "subject", "cliche",
    }  # fmt: skip
    for code, rule in RULES.items():
        assert rule.code == code and rule.description and callable(rule.function)
        assert rule.function.__doc__
    assert RULES["length"].severity is Severity.warning
    assert RULES["generic-ask"].severity is Severity.error


def test_docs_table_and_readme_give_each_code_its_severity_and_needs() -> None:
    # the table in docs/validators.md: | `code` | severity | needs | function |
    rows = re.findall(
        r"^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|", DOCS.read_text(encoding="utf-8"), re.M
    )
    assert [code for code, _, _ in rows] == list(RULES)
    for code, severity, needs in rows:
        rule = RULES[code]
        assert severity.strip().startswith(rule.severity.value), code
        stated = needs.strip().split(" (")[0]
        assert stated == (" ".join(rule.needs) if rule.needs else "\u2013"), code
    # README's table is generated from the registry: tests/test_readme.py compares them


def test_docs_document_every_rule() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    headings = re.findall(r"^## `([a-z-]+)`", docs, flags=re.MULTILINE)
    assert headings == list(RULES)
    for code in RULES:
        section = docs.split(f"## `{code}`", 1)[1].split("\n## ", 1)[0]
        for part in ("**What**", "**Why**", "**Example**", "**Fix**"):
            assert part in section, (code, part)
        # each rule's Fix opens with the registry's one-line fix (README's table shows that line)
        fix = " ".join(section.split("**Fix** — ", 1)[1].split())
        assert fix.startswith(RULES[code].fix), code
