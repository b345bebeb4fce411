"""Objects that show themselves: the HTML a notebook renders, parsed and read as a person sees it."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

import referral_ai as ra
from referral_ai.batch import BatchItem, BatchSummary, ItemResult, run_batch
from referral_ai.models import (
    Attachment,
    Draft,
    DraftKind,
    Evidence,
    Fit,
    InputWarning,
    Issue,
    JobPosting,
    Material,
    Report,
    RequirementMatch,
    Resume,
    Severity,
    Usage,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def parse(markup: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(markup, create_parent="div")


def seen(markup: str) -> str:
    """The text a person reads, whitespace collapsed."""
    return " ".join(parse(markup).text_content().split())


def marks(markup: str, cls: str) -> list[str]:
    return [m.text_content() for m in parse(markup).iter("mark") if cls in m.get("class", "")]


@pytest.fixture(scope="module")
def example() -> tuple[JobPosting, Resume]:
    return ra.load_posting(EXAMPLES / "posting.md"), ra.load_resume(EXAMPLES / "resume.md")


# --------------------------------------------------------------------------- reports


def test_report_highlights_the_exact_words_by_severity_with_the_fix_beside_them(example):
    posting, resume = example
    text = "Hi Priya, thanks for the chat; I hit the ground running. [Your Name] would love to hear about any openings."
    report = ra.validate(text, posting=posting, resume=resume)
    markup = report._repr_html_()
    assert "[Your Name]" in marks(markup, "ra-error")
    assert marks(markup, "ra-warning") == ["hit the ground running"]
    errors = [m for m in parse(markup).iter("mark") if "ra-error" in m.get("class", "")]
    warnings = [m for m in parse(markup).iter("mark") if "ra-warning" in m.get("class", "")]
    assert errors[0].get("style") != warnings[0].get("style")  # they look different, not only named
    # the checked text is all there, in order, highlights and all (issue numbers aside)
    paper = parse(markup)
    for sup in paper.iter("sup"):
        sup.drop_tree()
    assert " ".join(text.split()) in " ".join(paper.text_content().split())
    # each issue's row holds its code, the words and its fix; no character offsets anywhere
    row = next(tr for tr in parse(markup).iter("tr") if "placeholder" in tr.text_content())
    cells = row.findall("td")
    assert "[Your Name]" in cells[1].text_content()
    assert "Replace it" in cells[2].text_content()
    assert " 0-" not in seen(markup) and "body 3" not in seen(markup)


def test_report_text_names_the_words_not_offsets(example):
    posting, _ = example
    report = ra.validate("Hi, [Name] here. Keep me in mind for any roles.", posting=posting)
    text = str(report)
    assert "body \u201c[Name]\u201d" in text and "the whole body" in text  # missing-role etc.
    assert Report.model_validate_json(report.model_dump_json()).checked_texts == {}


def test_a_whole_draft_issue_is_listed_not_painted_over_the_text(example):
    posting, _ = example
    report = ra.validate("Thanks for the chat yesterday, it was great.", posting=posting)
    markup = report._repr_html_()
    assert "missing-role" in report.codes()
    assert marks(markup, "ra-error") == []  # nothing in the text is the problem: it lacks the role
    row = next(tr for tr in parse(markup).iter("tr") if "missing-role" in tr.text_content())
    assert "the whole draft" in row.text_content()


def test_overlapping_issues_keep_the_text_whole_and_mark_the_worse_severity() -> None:
    body = "one two three four five"
    issues = [
        Issue(code="cliche", severity=Severity.warning, message="w", start=4, end=13),
        Issue(code="placeholder", severity=Severity.error, message="e", start=8, end=18),
    ]
    report = Report(issues=issues).with_texts({"body": (body, 0, len(body))})
    markup = report._repr_html_()
    assert marks(markup, "ra-warning") == ["two "]
    assert marks(markup, "ra-error") == ["three", " four"]
    paper = parse(markup)
    for sup in paper.iter("sup"):
        sup.drop_tree()
    assert body in paper.text_content()


def test_a_report_read_back_from_json_lists_its_issues_without_the_text() -> None:
    issue = Issue(code="generic-ask", severity=Severity.error, message="too vague", start=3, end=9)
    markup = Report(issues=[issue])._repr_html_()
    assert "generic-ask" in seen(markup) and "too vague" in seen(markup)
    assert list(parse(markup).iter("mark")) == []


def test_report_without_issues_says_so() -> None:
    assert "no issues found" in seen(Report()._repr_html_())


# --------------------------------------------------------------------------- drafts


def test_an_email_draft_shows_as_an_email_with_its_report() -> None:
    body = "Hi Dana,\n\nI am a team player.\nSecond line.\n\nThank you,\nRiley"
    start = body.index("team player")
    draft = Draft(
        kind=DraftKind.follow_up,
        body=body,
        subject="Referral for Data Engineer (R-1)",
        to="Dana Whitfield",
        attachments=[
            Attachment(material=Material.resume, filename="Riley-Resume.docx"),
            Attachment(material=Material.code_sample, note="see https://example.org/code"),
        ],
        report=Report(
            issues=[
                Issue(
                    code="cliche",
                    severity=Severity.warning,
                    message="stock phrase",
                    suggestion="Name a team result.",
                    start=start,
                    end=start + len("team player"),
                )
            ]
        ),
        usage=Usage(prompt_tokens=900, completion_tokens=100, calls=1, cost_usd=0.0012),
        writer="gpt-4o-mini",
    )
    markup = draft._repr_html_()
    text = seen(markup)
    for shown in (
        "Follow-up email",
        "Dana Whitfield",
        "Referral for Data Engineer (R-1)",
        "Riley-Resume.docx",
        "see https://example.org/code",
        "1,000 tokens",
        "$0.0012",
        "Name a team result.",
    ):
        assert shown in text, shown
    paragraphs = [p.text_content() for p in parse(markup).iter("p")]
    assert paragraphs[0] == "Hi Dana,"
    assert paragraphs[1].startswith("I am a team player") and "Second line." in paragraphs[1]
    assert paragraphs[2] == "Thank you,Riley"  # one <br> between the lines, as in the letter
    assert marks(markup, "ra-warning") == ["team player"]


def test_drafts_from_the_offline_writer_show_the_letter_and_the_email(example):
    posting, resume = example
    ctx = ra.build_context(posting, resume, ra.Referral(contact="Dana Whitfield"))
    letter = ra.compose("cover letter", ctx, ra.OfflineWriter())
    markup = letter._repr_html_()
    text = seen(markup)
    assert "Cover letter" in text and "Dear Dana Whitfield" in text and "Riley Chen" in text
    assert "no issues found" in text
    assert len(list(parse(markup).iter("p"))) >= 4  # paragraphs, not one block


# --------------------------------------------------------------------------- inputs


def test_a_posting_shows_its_facts_escaped_and_never_its_whole_text() -> None:
    posting = JobPosting(
        title="Engineer <script>alert(1)</script>",
        company="Acme & Co",
        department="Data",
        location="Chicago",
        req_id="R-9",
        deadline="2027-01-30",
        requirements=["Python <b>3</b>", "SQL"],
        text="A long posting body with a sentence that appears nowhere else.",
        url="javascript:alert(1)",
    )
    markup = posting._repr_html_()
    tree = parse(markup)
    assert list(tree.iter("script")) == [] and list(tree.iter("b", "strong")) != []
    assert all(b.text_content() != "3" for b in tree.iter("b"))  # the posting's <b> is text
    text = seen(markup)
    assert "Engineer <script>alert(1)</script>" in text and "Acme & Co" in text
    assert "Python <b>3</b>" in text and "2027-01-30" in text and "R-9" in text
    assert "appears nowhere else" not in text
    assert list(tree.iter("a")) == [] and "javascript:alert(1)" in text  # shown, not a link
    hidden = posting.model_copy(
        update={"warnings": [InputWarning(code="hidden-text", message="white text was removed")]}
    )
    assert "Found while readingwhite text was removed" in seen(hidden._repr_html_())
    assert len(repr(posting)) < 300 and "appears nowhere else" not in repr(posting)


def test_a_posting_shows_materials_and_doubts(example):
    posting, _ = example
    text = seen(posting._repr_html_())
    assert "Materials to send" in text and "required: code sample" in text
    doubted = posting.model_copy(
        update={
            "report": posting.report.model_copy(
                update={
                    "doubts": [
                        ra.models.Doubt(
                            field="company",
                            message="no hiring organisation found",
                            fix='--company "X"',
                            blocking=True,
                        )
                    ]
                }
            )
        }
    )
    shown = seen(doubted._repr_html_())
    assert "no hiring organisation found (stops drafting)" in shown and '--company "X"' in shown


def test_a_resume_shows_name_contact_roles_and_education(example):
    _, resume = example
    text = seen(resume._repr_html_())
    assert repr(resume).startswith("Resume(name='Riley Chen', roles=2, education=1, source=")
    assert "riley.chen@example.com" not in repr(resume)  # contents only in the notebook view
    for shown in (
        "Riley Chen",
        "riley.chen@example.com",
        "Senior Analytics Engineer",
        "Larkspur Logistics",
        "Statistics",
    ):
        assert shown in text, shown


# --------------------------------------------------------------------------- fit


def _fit() -> Fit:
    def match(req: str, score: float | None) -> RequirementMatch:
        ev = [] if score is None else [Evidence(text=f"did {req}", score=score)]
        return RequirementMatch(requirement=req, evidence=ev)

    return Fit(
        matches=[
            match("Long requirement about SQL " * 4, 0.72),
            match("Airflow", 0.29),
            match("HIPAA", None),
            match("dbt", 0.45),
        ]
    )


def test_fit_marks_strong_and_weak_evidence_differently_and_left_aligns_text() -> None:
    fit = _fit()
    assert [m.strength for m in fit.matches] == ["strong", "weak", "gap", "partial"]
    tree = parse(fit._repr_html_())
    rows = tree.findall(".//tbody/tr")
    classes = [row.find("td/span").get("class") for row in rows]
    assert classes == ["ra-strong", "ra-weak", "ra-gap", "ra-partial"]
    marks_shown = [row.find("td/span").text_content().split()[0] for row in rows]
    assert len(set(marks_shown)) == 4  # four different marks, not one tick for 0.29 and 0.72
    for cell in tree.iter("td", "th"):
        assert "text-align:left" in cell.get("style", "")
    text = " ".join(tree.text_content().split())
    assert "3 of 4 requirements evidenced" in text and "no evidence" in text
    bars = [b for b in tree.iter("span") if b.get("class") == "ra-bar"]
    assert len(bars) == 1 + len(rows)  # the coverage bar and one per requirement
    assert "width:75%" in lxml.html.tostring(bars[0]).decode()


def test_fit_text_names_the_strength() -> None:
    lines = str(_fit()).splitlines()
    assert lines[1].startswith("strong  0.72") and lines[3].startswith("weak    0.29")
    assert lines[5].startswith("gap     0.00")


# --------------------------------------------------------------------------- batches


def test_batch_summary_shows_a_table_and_a_chart_of_issues_per_posting(tmp_path: Path) -> None:
    summary = BatchSummary(
        results=[
            ItemResult(
                id="acme", status="ok", role="Data Engineer", company="Acme", errors=0, warnings=2
            ),
            ItemResult(
                id="<b>bolt</b>",
                status="failed",
                error="rejected",
                error_type="DraftRejectedError",
                errors=4,
                warnings=0,
            ),
        ],
        out_dir=tmp_path,
    )
    markup = summary._repr_html_()
    tree = parse(markup)
    table = tree.find(".//table")
    assert table is not None
    header = [th.text_content() for th in table.iter("th")]
    rows = [[td.text_content() for td in tr.findall("td")] for tr in table.findall(".//tbody/tr")]
    assert rows[0][header.index("errors")] == "0" and rows[0][header.index("warnings")] == "2"
    assert rows[1][0] == "<b>bolt</b>" and rows[1][header.index("errors")] == "4"
    chart = tree.find(".//div[@class='ra-chart']")
    assert chart is not None and "Issues per posting" in chart.text_content()
    widths = {
        (bar.get("class"), bar.get("title")): bar.get("style").split("width:")[1].split("px")[0]
        for bar in chart.iter("span")
        if bar.get("class") in ("ra-error", "ra-warning")
    }
    error_bar = int(widths[("ra-error", "4 error(s)")])
    warning_bar = int(widths[("ra-warning", "2 warning(s)")])
    assert error_bar == 2 * warning_bar > 0  # bars proportional to the counts
    assert "4 error(s), 0 warning(s)" in chart.text_content()


def test_batch_items_count_their_issues_and_keep_them_when_skipped(tmp_path: Path) -> None:
    def one_warning(draft: Draft, **_: object) -> Report:
        return Report(issues=[Issue(code="length", severity=Severity.warning, message="long")])

    kwargs = dict(
        writer=ra.OfflineWriter(), out_dir=tmp_path / "out", contact="Dana", kinds=["cover_letter", "follow_up"],
        validator=one_warning, progress=False, workers=0,
    )  # fmt: skip
    posting = EXAMPLES / "posting.md"
    first = run_batch([BatchItem(id="a", posting=posting)], EXAMPLES / "resume.md", **kwargs)
    again = run_batch([BatchItem(id="a", posting=posting)], EXAMPLES / "resume.md", **kwargs)
    assert [(r.status, r.errors, r.warnings) for r in first.results] == [("ok", 0, 2)]
    assert [(r.status, r.errors, r.warnings) for r in again.results] == [("skipped", 0, 2)]
    assert first.as_dict()["items"][0]["warnings"] == 2


def test_batch_progress_in_a_notebook_is_one_display_updated_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from IPython import display as ipython_display

    import referral_ai.batch as batch

    shown: list[tuple[str, dict[str, str]]] = []

    class Handle:
        def update(self, bundle: dict[str, str], raw: bool = False) -> None:
            assert raw
            shown.append(("update", bundle))

    def display(bundle: dict[str, str], raw: bool = False, display_id: bool = False) -> Handle:
        assert raw and display_id  # one display, given an id so it can be updated
        shown.append(("display", bundle))
        return Handle()

    monkeypatch.setattr(batch, "_in_notebook", lambda: True)
    monkeypatch.setattr(ipython_display, "display", display)
    items = [BatchItem(id=f"p{n}", posting=EXAMPLES / "posting.md") for n in range(3)]
    run_batch(
        items, EXAMPLES / "resume.md", writer=ra.OfflineWriter(), out_dir=tmp_path, contact="Dana",
        kinds=["reminder"], workers=0,
    )  # fmt: skip
    assert [what for what, _ in shown].count("display") == 1 and shown[0][0] == "display"
    assert len(shown) >= 3  # at least the start, the last item and the end
    first, last = seen(shown[0][1]["text/html"]), seen(shown[-1][1]["text/html"])
    assert first.startswith("drafting 0 of 3") and last.startswith("done 3 of 3")
    assert "ok 3" in last and shown[-1][1]["text/plain"].startswith("done 3/3")


def test_batch_progress_outside_a_notebook_and_terminal_shows_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_batch(
        [BatchItem(id="p", posting=EXAMPLES / "posting.md")], EXAMPLES / "resume.md",
        writer=ra.OfflineWriter(), out_dir=tmp_path, contact="Dana", kinds=["reminder"], workers=0,
    )  # fmt: skip
    captured = capsys.readouterr()
    assert captured.out == "" and "drafting" not in captured.err


def test_an_estimate_shows_tokens_and_cost_per_document_before_sending(example) -> None:
    posting, resume = example
    ctx = ra.build_context(posting, resume, ra.Referral(contact="Dana Whitfield"))
    writer = ra.OpenAIWriter(model="gpt-4o-mini", api_key="never-sent")
    est = ra.estimate(ctx, writer, ["cover_letter", "follow_up"])
    tree = parse(est._repr_html_())
    rows = [[td.text_content() for td in tr.findall("td")] for tr in tree.findall(".//tbody/tr")]
    assert [r[0] for r in rows] == ["cover letter", "follow up", "total"]
    assert rows[0][1] == f"{est['cover_letter'].prompt_tokens:,}"
    assert rows[2][4] == f"${est.cost_usd:.4f}" and "nothing was sent" in tree.text_content()
    offline = ra.estimate(ctx, ra.OfflineWriter(), ["cover_letter"])
    assert "nothing is sent" in seen(offline._repr_html_())
