"""The command line end to end: files written and read back, exit codes, nothing partial left behind."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from email import policy
from email.parser import BytesParser
from pathlib import Path

import docx
import pytest

from referral_ai.cli import main
from referral_ai.testing import free_port

ROOT = Path(__file__).resolve().parents[1]
POSTING = ROOT / "examples" / "posting.md"
RESUME = ROOT / "examples" / "resume.md"
STEM = "Riley-Chen-Senior-Analytics-Engineer"
LETTER = f"{STEM}-CoverLetter.docx"
FOLLOW_UP = f"{STEM}-FollowUpEmail"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def draft_args(out: Path, *extra: str) -> list[str]:
    return [
        "draft", str(POSTING), str(RESUME), "--contact", "Dana Whitfield",
        "--introducer", "Sam Ortiz", "--out", str(out), *extra,
    ]  # fmt: skip


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.fixture(autouse=True)
def _no_model_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REFERRAL_AI_MODEL"):
        monkeypatch.delenv(var, raising=False)


def test_draft_writes_letter_and_emails_a_person_could_send(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run(draft_args(out), capsys)
    assert code == 0, stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [
            LETTER, f"{STEM}-CoverLetter.md", f"{FOLLOW_UP}.docx", f"{FOLLOW_UP}.eml", f"{FOLLOW_UP}.md",
            f"{STEM}-IntroRequestEmail.docx", f"{STEM}-IntroRequestEmail.md",
            f"{STEM}-ReminderEmail.docx", f"{STEM}-ReminderEmail.md",
            f"{STEM}-Resume.docx", f"{STEM}-Resume-Check.json",
        ]
    )  # fmt: skip

    letter = docx_text(out / LETTER)
    for expected in (
        "Riley Chen",
        "Senior Analytics Engineer",
        "Bramble Health",
        "Dana Whitfield",
        "Sincerely",
    ):
        assert expected in letter
    assert "Larkspur Logistics" in letter  # evidence from the resume, by employer
    assert "[" not in letter and "{" not in letter
    assert docx.Document(str(out / LETTER)).core_properties.author == "Riley Chen"

    email = docx_text(out / f"{FOLLOW_UP}.docx")
    assert "BH-2417" in email and "Sam" in email

    msg = BytesParser(policy=policy.default).parsebytes((out / f"{FOLLOW_UP}.eml").read_bytes())
    assert "Senior Analytics Engineer" in msg["subject"]
    attached = {part.get_filename() for part in msg.iter_attachments()}
    assert attached == {LETTER, f"{STEM}-Resume.docx"}  # the tailored resume, never the .md
    assert "Senior Analytics Engineer" in stdout and "wrote:" in stdout
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging folder left


def test_draft_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / f"{FOLLOW_UP}.md"
    mine.write_text("my own notes", encoding="utf-8")
    code, _, err = run(draft_args(out), capsys)
    assert code == 2
    assert f"{FOLLOW_UP}.md" in err and "--force" in err
    assert mine.read_text(encoding="utf-8") == "my own notes"
    assert [p.name for p in out.iterdir()] == [f"{FOLLOW_UP}.md"]  # nothing else written

    code, _, _ = run(draft_args(out, "--force"), capsys)
    assert code == 0
    assert "Senior Analytics Engineer" in mine.read_text(encoding="utf-8")


BAD_INPUTS = [
    ("empty.md", b"   \n\n  ", "empty"),
    ("binary.pdf", b"\x00\x01\x02\x03" * 64, "binary.pdf"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "photo.png"),
]


@pytest.mark.parametrize(("name", "data", "needle"), BAD_INPUTS)
def test_bad_posting_is_one_line_exit_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, needle: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    out = tmp_path / "out"
    code, _stdout, err = run(
        ["draft", str(bad), str(RESUME), "--contact", "Dana", "--out", str(out)], capsys
    )
    assert code == 2
    assert needle in err and name in err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert not out.exists()


def test_resume_without_roles_and_posting_without_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    no_roles = tmp_path / "resume.txt"
    no_roles.write_text("Riley Chen\nriley@example.com\n\nSkills\nSQL, Python\n", encoding="utf-8")
    code, _, err = run(
        ["draft", str(POSTING), str(no_roles), "--contact", "Dana", "--out", str(tmp_path / "o")],
        capsys,
    )
    assert code == 2 and "resume.txt" in err
    assert not (tmp_path / "o").exists()

    no_title = tmp_path / "posting.txt"
    no_title.write_text("- 5 years of SQL\n- Python\n- Apply now\n", encoding="utf-8")
    code, _, err = run(["materials", str(no_title)], capsys)
    assert code == 2 and "posting.txt" in err and "title" in err


def test_a_posting_whose_title_is_only_in_prose_stops_until_the_title_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "We are looking for a strong software engineer to join our platform group at Acme "
        "Robotics.\n\nYou have 3+ years of Python.\nTo apply, send your resume and a cover letter.\n",
        encoding="utf-8",
    )
    out = tmp_path / "o"
    code, _, err = run(
        ["draft", str(posting), str(RESUME), "--contact", "Dana", "--out", str(out)], capsys
    )
    # the title read from the sentence is offered, doubted: the stop names it and its fix
    assert code == 2 and "the title was read from prose" in err, err
    assert '--title "Software Engineer"' in err and "Senior Data Analyst" not in err
    assert not out.exists()

    code, stdout, err = run(
        ["draft", str(posting), str(RESUME), "--contact", "Dana", "--out", str(out),
         "--title", "Software Engineer", "--company", "Acme Robotics"],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    assert "Software Engineer at Acme Robotics" in stdout
    letter = docx_text(out / "Riley-Chen-Software-Engineer-CoverLetter.docx")
    assert "Software Engineer" in letter and "Acme Robotics" in letter


def test_missing_file_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["materials", str(tmp_path / "nope.md")], capsys)
    assert code == 2 and "nope.md" in err


def test_materials_json_lists_required_and_optional_with_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, stdout, _ = run(["materials", str(POSTING), "--json"], capsys)
    assert code == 0
    data = json.loads(stdout)
    assert set(data) == {"required", "optional"}
    required = {item["material"] for item in data["required"]}
    optional = {item["material"] for item in data["optional"]}
    assert {"resume", "cover_letter", "salary_expectations"} <= required
    assert "writing_sample" in optional and "writing_sample" not in required
    for item in data["required"] + data["optional"]:
        assert (
            item["source"] in POSTING.read_text(encoding="utf-8").replace("\n", " ")
            or item["source"]
        )
    # "a code sample ... or a portfolio": both, as the drafts and the validators name it
    (code_sample,) = [i for i in data["required"] if i["material"] == "code_sample"]
    assert code_sample["alternatives"] == ["portfolio"]
    assert code_sample["label"] == "code sample or portfolio"
    code, text, _ = run(["materials", str(POSTING)], capsys)
    assert f'  [required] code sample or portfolio: "{code_sample["source"]}"' in text.splitlines()


def test_check_flags_a_generic_ask_with_json_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    email = tmp_path / "email.txt"
    email.write_text(
        "Subject: Hello\n\nHi Dana,\n\nThanks for chatting! Please keep me in mind if anything opens up.\n\nRiley",
        encoding="utf-8",
    )
    code, stdout, _ = run(["check", str(email), "--posting", str(POSTING), "--json"], capsys)
    assert code == 1
    issues = json.loads(stdout)["issues"]
    generic = [i for i in issues if i["code"] == "generic-ask"]
    assert generic and generic[0]["severity"] == "error"
    assert set(generic[0]) == {"code", "severity", "message", "start", "end", "suggestion"}
    text = email.read_text(encoding="utf-8")
    assert "keep me in mind" in text[generic[0]["start"] : generic[0]["end"]]
    assert "Senior Analytics Engineer" in generic[0]["suggestion"]


def test_check_passes_the_drafted_follow_up_eml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run(draft_args(out), capsys)[0] == 0
    code, stdout, _ = run(
        [
            "check",
            str(out / f"{FOLLOW_UP}.eml"),
            "--posting",
            str(POSTING),
            "--resume",
            str(RESUME),
        ],
        capsys,
    )
    assert code == 0, stdout


def test_check_reads_the_drafted_follow_up_md_and_docx_as_its_eml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run(draft_args(out), capsys)[0] == 0
    said = {}
    for suffix in (".eml", ".md", ".docx"):
        argv = ["check", str(out / f"{FOLLOW_UP}{suffix}"), "--posting", str(POSTING)]
        code, stdout, _ = run(
            [*argv, "--resume", str(RESUME), "--contact", "Dana Whitfield", "--json"], capsys
        )
        assert code == 0, stdout
        said[suffix] = [(i["code"], i["message"]) for i in json.loads(stdout)["issues"]]
    assert said[".md"] == said[".eml"]  # its subject read, its Markdown escapes and heading not
    assert said[".docx"] == said[".eml"]  # its Subject: line read after its To: line
    assert not any(code == "subject" for code, _ in said[".md"] + said[".docx"])


def test_posting_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(POSTING.read_text(encoding="utf-8")))
    code, stdout, _ = run(["materials", "-"], capsys)
    assert code == 0 and "Senior Analytics Engineer" in stdout


def test_unreachable_model_fails_loudly_without_offline_fallback_or_leaking_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-DO-NOT-PRINT-123")
    out = tmp_path / "out"
    url = f"http://127.0.0.1:{free_port()}"
    code, stdout, err = run(
        draft_args(out, "--base-url", url, "--model", "m", "--kinds", "follow_up"), capsys
    )
    assert code == 3
    assert "model endpoint failed" in err
    assert "DO-NOT-PRINT" not in err + stdout
    assert not out.exists()


def test_console_script_help_is_usable() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "referral_ai.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for word in ("draft", "materials", "check", "batch", "doctor", "examples:"):
        assert word in result.stdout


def test_salary_figure_is_stated_verbatim_and_counts_as_grounded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run(draft_args(out, "--salary", "USD 150,000-165,000 base"), capsys)
    assert code == 0, stdout
    assert "USD 150,000-165,000 base" in docx_text(out / LETTER)
    assert "pass --salary" not in stdout

    code, stdout, _ = run(draft_args(tmp_path / "other"), capsys)
    assert code == 0 and "pass --salary" in stdout
    assert "150,000" not in (tmp_path / "other" / f"{STEM}-CoverLetter.md").read_text(
        encoding="utf-8"
    )


def test_an_invented_salary_is_an_ungrounded_claim_unless_the_candidate_supplied_it() -> None:
    from referral_ai import load_posting, load_resume, validate

    posting, resume = load_posting(POSTING), load_resume(RESUME)
    text = "Subject: Senior Analytics Engineer (BH-2417)\n\nHi Dana, my salary expectation is USD 150,000 base."
    codes = validate(text, posting=posting, resume=resume).codes()
    assert "ungrounded-claim" in codes
    supplied = validate(text, posting=posting, resume=resume, facts=["USD 150,000 base"]).codes()
    assert "ungrounded-claim" not in supplied


def test_check_knows_the_contacts_address_when_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run(draft_args(out), capsys)[0] == 0
    body = (out / f"{FOLLOW_UP}.md").read_text(encoding="utf-8")
    email = tmp_path / "mine.txt"
    email.write_text(
        body + "\n\nP.S. Dana, I copied your colleague at dana.w@bramble.example.\n",
        encoding="utf-8",
    )
    base = ["check", str(email), "--posting", str(POSTING), "--resume", str(RESUME), "--json"]
    code, stdout, _ = run(base, capsys)
    assert code == 1 and "injected-instruction" in stdout
    code, stdout, _ = run(
        [*base, "--contact", "Dana Whitfield", "--contact-email", "dana.w@bramble.example"], capsys
    )
    assert code == 0, stdout


def _offline_follow_up_json() -> str:
    """A good follow-up as a model would return it: the offline writer's draft, as JSON."""
    from referral_ai import (
        DraftKind,
        OfflineWriter,
        Referral,
        build_context,
        load_posting,
        load_resume,
    )

    ctx = build_context(
        load_posting(POSTING),
        load_resume(RESUME),
        Referral(contact="Dana Whitfield", introducer="Sam Ortiz"),
    )
    d = OfflineWriter().draft(DraftKind.follow_up, ctx)
    attachments = [
        {"material": a.material.value, "filename": a.filename, "note": a.note}
        for a in d.attachments
    ]
    return json.dumps(
        {"subject": d.subject, "body": d.body, "blurb": d.blurb, "attachments": attachments}
    )


GENERIC = json.dumps(
    {
        "subject": "Hello",
        "body": "Hi Dana,\n\nPlease keep me in mind if anything opens up at [Company Name].\n\nRiley",
        "blurb": None,
        "attachments": [],
    }
)


def test_draft_with_a_model_over_http(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from referral_ai.testing import FakeOpenAIServer, Reply

    out = tmp_path / "out"
    with FakeOpenAIServer(default=Reply(_offline_follow_up_json())) as srv:
        code, stdout, err = run(
            draft_args(
                out,
                "--base-url",
                srv.base_url.removesuffix("/v1"),
                "--model",
                "fake-model",
                "--kinds",
                "follow_up",
            ),
            capsys,
        )
        assert code == 0, stdout + err
        assert len(srv.chat_requests) == 1  # valid on the first attempt: no re-ask
        sent = srv.chat_requests[0].json
    assert sent["model"] == "fake-model"
    assert sent["response_format"]["type"] == "json_schema"
    system = next(m["content"] for m in sent["messages"] if m["role"] == "system")
    assert (
        "Bramble Health runs 40 primary-care clinics" not in system
    )  # inputs stay in user content
    assert "writer: fake-model" in stdout
    assert "BH-2417" in (out / f"{FOLLOW_UP}.md").read_text(encoding="utf-8")


def test_a_model_that_keeps_writing_generic_asks_is_rejected_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from referral_ai.testing import FakeOpenAIServer, Reply

    out = tmp_path / "out"
    args = draft_args(out, "--model", "fake-model", "--kinds", "follow_up", "--max-reasks", "2")
    attempts = iter(range(100))

    def generic_each_time(request: dict[str, object]) -> Reply:  # a new wording per attempt
        return Reply(GENERIC.replace("Please keep", f"({next(attempts)}) Please keep"))

    with FakeOpenAIServer(default=generic_each_time) as srv:
        code, _, err = run([*args, "--base-url", srv.base_url], capsys)
        assert code == 1
        assert len(srv.chat_requests) == 3  # the first attempt and two re-asks
        reask = srv.chat_requests[-1].json["messages"][-1]["content"]
        assert "generic-ask" in reask
    assert "generic-ask" in err and "nothing was written" in err
    assert not out.exists()

    with FakeOpenAIServer(default=Reply(GENERIC)) as srv:
        code, stdout, _ = run([*args, "--base-url", srv.base_url, "--allow-invalid"], capsys)
        assert len(srv.chat_requests) == 2  # the same text twice: a third ask could not help
    assert code == 1  # written, but the exit code still says it has errors
    assert (out / f"{FOLLOW_UP}.md").exists() and "generic-ask" in stdout


def test_batch_over_a_folder_is_resumable_and_reports_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    shutil.copy(POSTING, folder / "bramble.md")
    shutil.copy(
        ROOT / "tests" / "inputs" / "data" / "posting_setext.txt", folder / "tessellate.txt"
    )
    out = tmp_path / "batch"
    base = [
        "batch",
        str(folder),
        str(RESUME),
        "--contact",
        "Dana Whitfield",
        "--out",
        str(out),
        "--no-progress",
    ]
    code, stdout, err = run([*base, "--formats", "md", "--json"], capsys)
    assert code == 0, stdout + err
    first = json.loads(stdout)
    assert first["counts"]["ok"] == 2
    roles = {item["role"] for item in first["items"]}
    assert {"Senior Analytics Engineer", "Site Reliability Engineer"} <= roles
    assert all(Path(f).suffix == ".md" for item in first["items"] for f in item["files"])

    code, stdout, _ = run([*base, "--formats", "md", "--json"], capsys)
    assert (
        code == 0 and json.loads(stdout)["counts"]["skipped"] == 2
    )  # finished items are not redone

    code, _, err = run([*base, "--formats", "rtf"], capsys)
    assert code == 2 and "--formats" in err


def test_doctor_reports_modes_and_an_unreachable_endpoint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from referral_ai.testing import FakeOpenAIServer, Reply, reject_json_schema

    with FakeOpenAIServer(default=reject_json_schema(Reply('{"ok": true}'))) as srv:
        code, stdout, _ = run(
            ["doctor", "--base-url", srv.base_url, "--model", "fake-model", "--json"], capsys
        )
    report = json.loads(stdout)
    assert report["reachable"] is True
    assert report["modes"]["json_schema"] is False and report["modes"]["json_object"] is True
    assert report["best_mode"] == "json_object"

    code, stdout, _ = run(
        ["doctor", "--base-url", f"http://127.0.0.1:{free_port()}", "--model", "m"], capsys
    )
    assert code == 3 and "running" in stdout.lower()


def test_check_starts_without_pydantic_and_prints_what_the_report_prints(tmp_path: Path) -> None:
    # editors run `check` on every keystroke: it must not load the models (pydantic) or the SDK,
    # and its text is exactly str(validate(...))
    email = tmp_path / "email.txt"
    email.write_text(
        "Hi [Name],\n\nI am passionate about data. Please keep me in mind for any openings.\n\nBest,\n",
        encoding="utf-8",
    )
    code = (
        "import sys, contextlib, io\n"
        "from referral_ai.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    rc = main(['check', {str(email)!r}])\n"
        "print(rc, sorted(m for m in ('pydantic', 'openai', 'referral_ai.models') if m in sys.modules))\n"
        "print(out.getvalue(), end='')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, _, printed = done.stdout.partition("\n")
    assert first == "1 []"
    from referral_ai.validators import validate

    assert printed == str(validate(email.read_text(encoding="utf-8"))) + "\n"
    assert "placeholder" in printed and "generic-ask" in printed and "cliche" in printed
