"""run_batch: lists, concurrency limit, resumability, per-item failures, outputs read back, summary."""

from __future__ import annotations

import asyncio
import json
from email import policy
from email.parser import BytesParser
from pathlib import Path

import docx
import pytest

from referral_ai.batch import BatchItem, BatchSummary, load_items, run_batch
from referral_ai.errors import InputError
from referral_ai.models import (
    Draft,
    DraftContext,
    DraftKind,
    Issue,
    Referral,
    Report,
    Severity,
    Usage,
)
from referral_ai.testing import FakeOpenAIServer, Reply, unauthorized
from referral_ai.writers.offline import OfflineWriter
from referral_ai.writers.openai_writer import OpenAIWriter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TITLES = ["Senior Analytics Engineer", "Staff Data Engineer", "Analytics Engineering Manager"]


def passes(draft: Draft, **_: object) -> Report:
    return Report()


def always_fails(draft: Draft, **_: object) -> Report:
    return Report(
        issues=[Issue(code="generic-ask", severity=Severity.error, message="ask is generic")]
    )


class CountingWriter:
    """OfflineWriter that counts its calls."""

    def __init__(self) -> None:
        self.inner = OfflineWriter()
        self.name = "offline"
        self.calls = 0

    def draft(self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None) -> Draft:
        self.calls += 1
        return self.inner.draft(kind, ctx, feedback=feedback)

    async def adraft(
        self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None
    ) -> Draft:
        return self.draft(kind, ctx, feedback=feedback)


@pytest.fixture
def resume_path() -> Path:
    return EXAMPLES / "resume.md"


@pytest.fixture
def postings(tmp_path: Path) -> Path:
    folder = tmp_path / "postings"
    folder.mkdir()
    text = (EXAMPLES / "posting.md").read_text(encoding="utf-8")
    for n, title in enumerate(TITLES, start=1):
        (folder / f"job{n}.md").write_text(
            text.replace("Senior Analytics Engineer", title), encoding="utf-8"
        )
    (folder / "notes.xyz").write_text("not a posting", encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- reading lists


def test_load_items_from_a_folder(postings):
    items = load_items(postings)
    assert [i.id for i in items] == ["job1", "job2", "job3"]
    assert all(isinstance(i.posting, Path) and i.posting.is_file() for i in items)


def test_load_items_from_csv_resolves_paths_and_keeps_text(postings):
    listing = postings / "list.csv"
    listing.write_text(
        "id,posting,contact,introducer,contact_email\n"
        "a,job1.md,Dana Whitfield,Sam Ortiz,dana@example.com\n"
        ',"Senior Engineer\nAcme\nRequirements:\n- Python",Lee Park,,\n',
        encoding="utf-8",
    )
    first, second = load_items(listing)
    assert first == BatchItem(
        id="a",
        posting=postings / "job1.md",
        contact="Dana Whitfield",
        introducer="Sam Ortiz",
        contact_email="dana@example.com",
    )
    assert (
        second.id.startswith("row-")
        and isinstance(second.posting, str)
        and "Acme" in second.posting
    )
    assert second.introducer is None


def test_load_items_from_jsonl(postings):
    listing = postings / "list.jsonl"
    lines = [
        {"id": "x", "posting": "job2.md", "contact": "Ana"},
        {"posting": "job3.md", "introducer": "Bo"},
    ]
    listing.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    items = load_items(listing)
    assert [(i.id, i.posting, i.contact, i.introducer) for i in items] == [
        ("x", postings / "job2.md", "Ana", None),
        ("row-2", postings / "job3.md", None, "Bo"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.csv", "title,contact\nx,y\n", "'posting' column"),
        ("list.jsonl", '{"posting": "a.md"}\n{oops\n', "line 2"),
        ("list.jsonl", "[1, 2]\n", "not a JSON object"),
        ("list.txt", "posting\n", ".csv, a .jsonl or a folder"),
        ("list.csv", "posting,contact\n", "no postings"),
    ],
)
def test_bad_lists_are_input_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_items(path)
    assert message in str(info.value)


def test_missing_list_is_input_error(tmp_path):
    with pytest.raises(InputError):
        load_items(tmp_path / "nope.csv")


# --------------------------------------------------------------------------- running


@pytest.mark.parametrize("workers", [0, 2], ids=["threads", "two-worker-processes"])
def test_folder_batch_writes_every_document(postings, resume_path, tmp_path, workers):
    out = tmp_path / "out"
    summary = run_batch(
        postings,
        resume_path,
        writer=OfflineWriter(),
        out_dir=out,
        contact="Dana Whitfield",
        introducer="Sam Ortiz",
        workers=workers,
    )
    assert summary.ok and summary.counts == {"ok": 3, "failed": 0, "skipped": 0}
    for n, title in enumerate(TITLES, start=1):
        folder = out / f"job{n}"
        names = sorted(p.name for p in folder.iterdir())
        # the same output plan as `draft`: Firstname-Lastname-Role-Document.ext
        (letter_name,) = [n for n in names if n.endswith("-CoverLetter.docx")]
        stem = letter_name.removesuffix("-CoverLetter.docx")
        assert stem.startswith("Riley-Chen-")
        assert names == sorted(
            [
                "done.json",
                f"{stem}-CoverLetter.docx",
                f"{stem}-CoverLetter.md",
                f"{stem}-FollowUpEmail.eml",
                *(
                    f"{stem}-{k}.{ext}"
                    for k in ("FollowUpEmail", "IntroRequestEmail", "ReminderEmail")
                    for ext in ("docx", "md")
                ),
                f"{stem}-Resume.docx",
                f"{stem}-Resume-Check.json",
            ]
        )
        # read back like a person: the letter and the follow-up name the exact role
        letter = "\n".join(p.text for p in docx.Document(str(folder / letter_name)).paragraphs)
        assert title in letter
        mail = BytesParser(policy=policy.default).parsebytes(
            (folder / f"{stem}-FollowUpEmail.eml").read_bytes()
        )
        # it carries what its body lists: the tailored resume and the cover letter
        attached = [a.get_filename() for a in mail.iter_attachments()]
        assert attached == [f"{stem}-Resume.docx", letter_name]
        assert title in str(mail["Subject"]) or title in mail.get_body(("plain",)).get_content()
        marker = json.loads((folder / "done.json").read_text())
        assert marker["role"] == title and marker["kinds"] == [k.value for k in DraftKind]
        result = next(r for r in summary.results if r.id == f"job{n}")
        assert result.role == title and set(result.files) == {folder / f for f in marker["files"]}
    text = str(summary)
    assert "job1" in text and "3 ok" in text and "0 failed" in text


def test_rerun_skips_finished_items_without_drafting(postings, resume_path, tmp_path):
    out = tmp_path / "out"
    first = CountingWriter()
    run_batch(
        postings,
        resume_path,
        writer=first,
        out_dir=out,
        contact="Dana",
        kinds=["follow_up"],
        progress=False,
    )
    assert first.calls == 3
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = CountingWriter()
    summary = run_batch(
        postings, resume_path, writer=again, out_dir=out, contact="Dana", kinds=["follow_up"]
    )
    assert again.calls == 0
    assert summary.counts == {"ok": 0, "failed": 0, "skipped": 3}
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before
    redo = CountingWriter()
    run_batch(
        postings,
        resume_path,
        writer=redo,
        out_dir=out,
        contact="Dana",
        kinds=["follow_up"],
        resume_run=False,
    )
    assert redo.calls == 3


def test_changed_inputs_are_redone_on_rerun(postings, resume_path, tmp_path):
    out = tmp_path / "out"

    def rerun(**kwargs: object) -> dict[str, str]:
        writer = CountingWriter()
        options = {"contact": "Dana", "kinds": ["follow_up"], **kwargs}
        summary = run_batch(postings, resume_path, writer=writer, out_dir=out, **options)  # type: ignore[arg-type]
        return {r.id: r.status for r in summary.results}

    assert rerun() == {"job1": "ok", "job2": "ok", "job3": "ok"}
    assert rerun() == {"job1": "skipped", "job2": "skipped", "job3": "skipped"}
    job2 = postings / "job2.md"
    job2.write_text(
        job2.read_text(encoding="utf-8").replace("Chicago", "Milwaukee"), encoding="utf-8"
    )
    assert rerun() == {"job1": "skipped", "job2": "ok", "job3": "skipped"}
    assert set(rerun(contact="Someone Else").values()) == {"ok"}  # another referral: new documents
    assert set(rerun(contact="Someone Else", kinds=["follow_up", "reminder"]).values()) == {"ok"}
    assert set(rerun(contact="Someone Else", kinds=["follow_up", "reminder"]).values()) == {
        "skipped"
    }


def test_one_bad_item_does_not_stop_the_batch_and_is_retried_next_run(
    postings, resume_path, tmp_path
):
    out = tmp_path / "out"
    items = [
        BatchItem(id="good", posting=postings / "job1.md", contact="Dana"),
        BatchItem(id="missing file", posting=postings / "gone.md", contact="Dana"),
        BatchItem(id="no contact", posting=postings / "job2.md"),
    ]
    summary = run_batch(
        items, resume_path, writer=OfflineWriter(), out_dir=out, kinds=["follow_up"]
    )
    status = {r.id: r.status for r in summary.results}
    assert status == {"good": "ok", "missing file": "failed", "no contact": "failed"}
    assert not summary.ok and len(summary.failed) == 2
    no_contact = next(r for r in summary.results if r.id == "no contact")
    assert no_contact.error_type == "InputError" and "contact" in (no_contact.error or "")
    error = json.loads((out / "missing-file" / "error.json").read_text())
    assert error["error_type"] == "InputError" and "not found" in error["error"]
    assert "failed" in str(summary) and "InputError" in str(summary)

    (postings / "gone.md").write_text((postings / "job3.md").read_text(), encoding="utf-8")
    writer = CountingWriter()
    second = run_batch(
        items, resume_path, writer=writer, out_dir=out, kinds=["follow_up"], contact="Default"
    )
    assert {r.id: r.status for r in second.results} == {
        "good": "skipped",
        "missing file": "ok",
        "no contact": "ok",
    }
    assert writer.calls == 2
    assert not (out / "missing-file" / "error.json").exists()
    assert (out / "missing-file" / "done.json").exists()


def test_per_item_referral_overrides_the_default(postings, resume_path, tmp_path):
    items = [
        BatchItem(
            id="j", posting=postings / "job1.md", contact="Item Contact", introducer="Item Intro"
        )
    ]
    default = Referral(contact="Default Contact", introducer="Default Intro", note="met at PyCon")
    out = tmp_path / "out"
    run_batch(
        items,
        resume_path,
        writer=OfflineWriter(),
        out_dir=out,
        referral=default,
        kinds=["intro_request"],
        formats=["md"],
    )
    (md,) = (out / "j").glob("*-IntroRequestEmail.md")
    text = md.read_text(encoding="utf-8")
    assert "Item Contact" in text and "Default Contact" not in text
    assert sorted(p.name for p in (out / "j").iterdir()) == sorted(["done.json", md.name])


def test_rejected_drafts_fail_the_item_unless_allowed(postings, resume_path, tmp_path):
    items = [BatchItem(id="j", posting=postings / "job1.md", contact="Dana")]
    rejected = run_batch(
        items,
        resume_path,
        writer=OfflineWriter(),
        out_dir=tmp_path / "a",
        kinds=["follow_up"],
        validator=always_fails,
    )
    (result,) = rejected.results
    assert result.status == "failed" and result.error_type == "DraftRejectedError"
    error = json.loads((tmp_path / "a" / "j" / "error.json").read_text())
    assert error["report"]["issues"][0]["code"] == "generic-ask" and error["attempts"] >= 1

    allowed = run_batch(
        items,
        resume_path,
        writer=OfflineWriter(),
        out_dir=tmp_path / "b",
        kinds=["follow_up", "reminder"],
        validator=always_fails,
        allow_invalid=True,
    )
    (result,) = allowed.results
    assert result.status == "ok" and result.invalid == 2
    assert "validation errors" in str(allowed)


def json_draft(body: str) -> str:
    return json.dumps(
        {
            "subject": "Senior Analytics Engineer (BH-2417)",
            "body": body,
            "blurb": None,
            "attachments": [],
        }
    )


def test_model_batch_respects_the_concurrency_limit_and_sums_usage(postings, resume_path, tmp_path):
    items = [BatchItem(id=f"i{n}", posting=postings / "job1.md", contact="Dana") for n in range(7)]
    reply = Reply(
        json_draft("Hello Dana, about the Senior Analytics Engineer role."),
        usage={"prompt_tokens": 100, "completion_tokens": 20},
    )
    with FakeOpenAIServer(default=reply, latency=0.05) as srv:
        writer = OpenAIWriter(
            base_url=srv.base_url,
            api_key="sk-test-SECRET",
            model="fake-model",
            context_window=16000,
        )
        summary = run_batch(
            items,
            resume_path,
            writer=writer,
            out_dir=tmp_path / "out",
            kinds=["follow_up"],
            concurrency=3,
            validator=passes,
        )
        requests = len(srv.chat_requests)
        peak = srv.max_concurrency
    assert summary.ok and summary.counts["ok"] == 7
    assert requests == 7
    assert 1 < peak <= 3
    assert (
        summary.usage.prompt_tokens == 700
        and summary.usage.completion_tokens == 140
        and summary.usage.calls == 7
    )
    assert all(r.usage.calls == 1 for r in summary.results)


@pytest.mark.parametrize(
    "validator", [always_fails, lambda d, **_: always_fails(d)], ids=["sent-to-workers", "lambda"]
)
def test_worker_processes_check_drafts_and_reask(postings, resume_path, tmp_path, validator):
    """With worker processes, each draft is checked in the worker holding its item (a lambda,
    which cannot be sent there, in a thread here): a rejected draft is re-asked, then the item
    fails with the report, and nothing but error.json is written for it."""
    items = [BatchItem(id=f"i{n}", posting=postings / "job1.md", contact="Dana") for n in range(3)]
    reply = Reply(json_draft("Hello Dana, about the Senior Analytics Engineer role."))
    with FakeOpenAIServer(default=reply) as srv:
        writer = OpenAIWriter(base_url=srv.base_url, api_key="sk-test", model="fake-model")
        summary = run_batch(
            items,
            resume_path,
            writer=writer,
            out_dir=tmp_path / "out",
            kinds=["follow_up"],
            max_reasks=1,
            validator=validator,
            workers=2,
        )
        requests = len(srv.chat_requests)
    assert summary.counts["failed"] == 3 and requests == 6  # each item asked twice
    for r in summary.results:
        assert r.error_type == "DraftRejectedError" and r.errors == 1
        assert [p.name for p in (tmp_path / "out" / r.id).iterdir()] == ["error.json"]


def test_endpoint_errors_are_recorded_per_item_without_the_key(postings, resume_path, tmp_path):
    items = [BatchItem(id=f"i{n}", posting=postings / "job1.md", contact="Dana") for n in range(3)]
    with FakeOpenAIServer(default=unauthorized()) as srv:
        writer = OpenAIWriter(base_url=srv.base_url, api_key="sk-test-SECRET", model="fake-model")
        summary = run_batch(
            items, resume_path, writer=writer, out_dir=tmp_path / "out", kinds=["follow_up"]
        )
        assert len(srv.chat_requests) == 3  # one per item: a 401 is not retried
    assert summary.counts["failed"] == 3
    assert all(
        r.error_type == "ModelHTTPError" and "OPENAI_API_KEY" in (r.error or "")
        for r in summary.results
    )
    assert "SECRET" not in str(summary)
    assert all("SECRET" not in p.read_text() for p in (tmp_path / "out").rglob("error.json"))


def test_run_batch_works_inside_a_running_event_loop(postings, resume_path, tmp_path):
    async def inside() -> BatchSummary:
        return run_batch(
            postings,
            resume_path,
            writer=OfflineWriter(),
            out_dir=tmp_path / "o",
            contact="Dana",
            kinds=["reminder"],
        )

    summary = asyncio.run(inside())
    assert summary.counts["ok"] == 3


def test_no_progress_output_when_not_a_terminal(postings, resume_path, tmp_path, capsys):
    run_batch(
        postings,
        resume_path,
        writer=OfflineWriter(),
        out_dir=tmp_path / "o",
        contact="Dana",
        kinds=["reminder"],
        progress=True,
    )
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_argument_checks(postings, resume_path, tmp_path):
    with pytest.raises(ValueError):
        run_batch(postings, resume_path, writer=OfflineWriter(), out_dir=tmp_path, concurrency=0)
    with pytest.raises(ValueError):
        run_batch(postings, resume_path, writer=OfflineWriter(), out_dir=tmp_path, formats=["rtf"])
    with pytest.raises(ValueError):
        run_batch(postings, resume_path, writer=OfflineWriter(), out_dir=tmp_path, kinds=[])


def test_summary_totals_skip_skipped_items(tmp_path):
    from referral_ai.batch import ItemResult

    summary = BatchSummary(
        results=[
            ItemResult(
                id="a",
                status="ok",
                usage=Usage(prompt_tokens=10, completion_tokens=5, calls=1, cost_usd=0.01),
            ),
            ItemResult(id="b", status="skipped", usage=Usage(prompt_tokens=999, calls=9)),
            ItemResult(
                id="c",
                status="failed",
                error="boom",
                error_type="ModelConnectionError",
                usage=Usage(calls=2),
            ),
        ],
        out_dir=tmp_path,
    )
    assert summary.usage.calls == 3 and summary.usage.total_tokens == 15
    assert summary.as_dict()["counts"] == {"ok": 1, "failed": 1, "skipped": 1}
    assert "$0.0100" in str(summary) and "ModelConnectionError: boom" in str(summary)


def test_cold_items_draft_without_a_contact_when_asked(postings, resume_path, tmp_path):
    out = tmp_path / "out"
    items = [
        BatchItem(id="cold", posting=postings / "job1.md"),
        BatchItem(id="warm", posting=postings / "job2.md", contact="Dana", introducer="Sam"),
    ]
    summary = run_batch(items, resume_path, writer=OfflineWriter(), out_dir=out, cold=True)
    assert {r.id: r.status for r in summary.results} == {"cold": "ok", "warm": "ok"}
    cold_files = sorted(p.name for p in (out / "cold").iterdir())
    warm_files = sorted(p.name for p in (out / "warm").iterdir())
    # nobody to introduce a cold applicant: no intro request; the warm item keeps all four
    assert not [n for n in cold_files if "IntroRequest" in n]
    assert [n for n in warm_files if "IntroRequest" in n]
    follow_up = next((out / "cold").glob("*FollowUpEmail.md")).read_text(encoding="utf-8")
    assert "**Subject:** Application for" in follow_up  # to the hiring contact, not a referral
    assert "introduc" not in follow_up.lower() and "refer me" not in follow_up.lower()
    done = json.loads((out / "cold" / "done.json").read_text())
    assert "intro_request" not in done["kinds"]

    # the same list without cold: the contact-less item fails and names the way out
    plain = run_batch(items, resume_path, writer=OfflineWriter(), out_dir=tmp_path / "plain")
    failed = next(r for r in plain.results if r.id == "cold")
    assert failed.status == "failed" and "--cold" in (failed.error or "")


def test_a_posting_shared_by_items_is_parsed_and_matched_once(
    postings, resume_path, tmp_path, monkeypatch
):
    import referral_ai.inputs as inputs
    import referral_ai.matching as matching

    calls = {"load_posting": 0, "match": 0}

    def counted(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counted(inputs, "load_posting")
    counted(matching, "match")
    items = [BatchItem(id=f"i{n}", posting=postings / "job2.md", contact="Dana") for n in range(4)]
    items.append(BatchItem(id="other", posting=postings / "job3.md", contact="Dana"))
    summary = run_batch(
        items,
        resume_path,
        writer=OfflineWriter(),
        out_dir=tmp_path / "out",
        kinds=["follow_up"],
        workers=0,
        progress=False,
    )
    assert summary.ok, summary
    assert calls == {"load_posting": 2, "match": 2}  # one per distinct posting
    # each item still gets its own, whole context: the role and company read back per item
    assert {r.role for r in summary.results} == {"Staff Data Engineer", TITLES[2]}


def test_an_items_checks_share_inputs_prepared_once(postings, resume_path, tmp_path, monkeypatch):
    """With the default validator, an item's inputs are prepared once for all its checks
    (validators.prepare), and every report is the one an unprepared check gives."""
    import referral_ai.batch as batch
    import referral_ai.validators as validators

    prepared_for: list[str] = []
    real_prepare, real_validate = batch.prepare_checks, validators.validate

    def prepare_checks(ctx):
        prepared_for.append(ctx.posting.title)
        return real_prepare(ctx)

    checks: list[bool] = []

    def validate(draft, *, prepared=None, **kwargs):
        report = real_validate(draft, prepared=prepared, **kwargs)
        assert prepared is not None
        unprepared = real_validate(
            draft,
            posting=prepared.posting,
            resume=prepared.resume,
            referral=prepared.referral,
            facts=prepared.facts,
            **kwargs,
        )
        checks.append(report == unprepared)
        return report

    monkeypatch.setattr(batch, "prepare_checks", prepare_checks)
    monkeypatch.setattr(validators, "validate", validate)
    items = [BatchItem(id=f"i{n}", posting=postings / f"job{n}.md", contact="Dana") for n in (2, 3)]
    summary = run_batch(
        items,
        resume_path,
        writer=OfflineWriter(),
        out_dir=tmp_path / "out",
        kinds=["follow_up", "cover_letter"],
        workers=0,
        progress=False,
    )
    assert summary.ok, summary
    assert sorted(prepared_for) == sorted(["Staff Data Engineer", TITLES[2]])  # one per item
    assert len(checks) >= 4 and all(checks)  # two kinds per item, each checked
