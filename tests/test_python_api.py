"""The library as Python users and the CLI meet it: the model only when asked, ``python -m``, kinds
given as strings, messages that speak to the caller, and objects that show themselves.

Every server is a FakeOpenAIServer on 127.0.0.1; nothing reaches the internet.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from referral_ai.cli import _parse_kinds, main
from referral_ai.compose import compose, compose_all
from referral_ai.errors import OutputExistsError
from referral_ai.export.docx import write_letter_docx
from referral_ai.files import atomic_write
from referral_ai.models import Doubt, Draft, DraftContext, DraftKind, JobPosting, ParseReport
from referral_ai.testing import FakeOpenAIServer, Reply
from referral_ai.validators import validate
from referral_ai.writers.offline import OfflineWriter
from referral_ai.writers.openai_writer import OpenAIWriter

ROOT = Path(__file__).resolve().parents[1]
POSTING = ROOT / "examples" / "posting.md"
RESUME = ROOT / "examples" / "resume.md"

_MODEL_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REFERRAL_AI_MODEL")

FOLLOW_UP_JSON = json.dumps(
    {
        "subject": "Referral: Senior Analytics Engineer (Req BH-2417)",
        "body": "Hi Dana,\n\nThank you for talking with me. Could you refer me for the Senior "
        "Analytics Engineer role (Req BH-2417)?\n\nBest,\nRiley Chen",
        "blurb": "Riley Chen is applying for Senior Analytics Engineer (Req BH-2417).",
        "attachments": [],
    }
)


@pytest.fixture(autouse=True)
def _no_model_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in _MODEL_ENV:
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(Reply(FOLLOW_UP_JSON), models=("only-model",)) as srv:
        yield srv


def draft(out: Path, *extra: str) -> list[str]:
    return [
        "draft", str(POSTING), str(RESUME), "--contact", "Dana Whitfield",
        "--introducer", "Sam Ortiz", "--out", str(out), "--kinds", "follow_up", *extra,
    ]  # fmt: skip


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- the model only when asked


@pytest.fixture
def no_outbound(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every outbound connection attempt from this process, refused and recorded."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("outbound connection refused by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.mark.parametrize(
    "exported",
    [("OPENAI_API_KEY",), ("OPENAI_BASE_URL",), ("OPENAI_API_KEY", "OPENAI_BASE_URL")],
)
def test_exported_key_or_endpoint_alone_makes_no_request_and_drafts_offline(
    exported: tuple[str, ...],
    server: FakeOpenAIServer,
    no_outbound: list[object],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = {"OPENAI_API_KEY": "sk-test-exported-0123456789", "OPENAI_BASE_URL": server.base_url}
    for var in exported:
        monkeypatch.setenv(var, values[var])
    code, stdout, err = run(draft(tmp_path / "out"), capsys)
    assert code == 0, err
    assert server.requests == [] and no_outbound == []
    assert "writer: offline" in stdout
    assert err.count("drafting offline") == 1
    assert "--model" in err and "--base-url" in err and "REFERRAL_AI_MODEL" in err
    for var in exported:
        assert var in err
    assert "sk-test-exported" not in err + stdout


def test_batch_with_an_exported_key_drafts_offline_and_says_so_once(
    server: FakeOpenAIServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-exported-0123456789")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    postings = tmp_path / "postings"
    postings.mkdir()
    for i in range(2):
        (postings / f"p{i}.md").write_text(POSTING.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["batch", str(postings), str(RESUME), "--out", str(tmp_path / "out")]
    code, _, err = run([*argv, "--kinds", "cover_letter"], capsys)
    assert server.requests == []
    assert err.count("drafting offline") == 1, err
    assert code in (0, 1)


def test_offline_flag_is_silent_about_exported_variables(
    server: FakeOpenAIServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-exported-0123456789")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    code, stdout, err = run(draft(tmp_path / "out", "--offline", "--model", "m"), capsys)
    assert code == 0 and "writer: offline" in stdout
    assert "drafting offline" not in err
    assert server.requests == []


def test_no_variables_no_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = run(draft(tmp_path / "out"), capsys)
    assert code == 0 and "writer: offline" in stdout and "note:" not in err


@pytest.mark.parametrize(
    ("how", "expected_model"),
    [
        ("--base-url alone, one model served", "only-model"),
        ("--base-url and --model", "named-model"),
        ("REFERRAL_AI_MODEL with OPENAI_BASE_URL", "env-model"),
        ("--model with OPENAI_BASE_URL", "named-model"),
    ],
)
def test_asking_for_a_model_uses_it(
    how: str,
    expected_model: str,
    server: FakeOpenAIServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    extra: list[str] = []
    if how.startswith("--base-url"):
        extra += ["--base-url", server.url]
    else:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    if "--model" in how:
        extra += ["--model", "named-model"]
    if how.startswith("REFERRAL_AI_MODEL"):
        monkeypatch.setenv("REFERRAL_AI_MODEL", "env-model")
    code, stdout, err = run(draft(tmp_path / "out", "--allow-invalid", *extra), capsys)
    assert code in (0, 1), err
    models = {r.json["model"] for r in server.chat_requests}
    assert models == {expected_model}
    assert f"writer: {expected_model}" in stdout
    assert "drafting offline" not in err


@pytest.mark.parametrize(
    ("served", "message"),
    [
        (("llama3.1", "qwen2.5"), r"serves several models \(llama3\.1, qwen2\.5\)"),
        ((), "lists no models"),
    ],
)
def test_local_server_without_one_model_asks_for_model_and_sends_no_default_name(
    served: tuple[str, ...],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with FakeOpenAIServer(Reply(FOLLOW_UP_JSON), models=served) as srv:
        code, _, err = run(draft(tmp_path / "out", "--base-url", srv.url), capsys)
        assert code == 2
        assert srv.chat_requests == []
    assert re.search(message, err), err
    assert "--model" in err and "gpt-" not in err
    assert not (tmp_path / "out").exists()


def test_unreachable_local_server_without_model_is_a_model_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from referral_ai.testing import free_port

    url = f"http://127.0.0.1:{free_port()}"
    code, _, err = run(draft(tmp_path / "out", "--base-url", url), capsys)
    assert code == 3
    assert "--model" in err and "could not be listed" in err


def test_python_writer_reads_openai_base_url_and_needs_no_key_for_a_local_server(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)  # without /v1, as the CLI accepts it
    with OpenAIWriter(model="only-model") as w:
        assert w.base_url == server.base_url
        ctx = _ctx()
        d = w.draft(DraftKind.follow_up, ctx)
    assert d.writer == "only-model"
    assert [r.json["model"] for r in server.chat_requests] == ["only-model"]


def test_python_writer_argument_beats_openai_base_url(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    with OpenAIWriter(model="only-model", base_url=server.url) as w:
        assert w.base_url == server.base_url


def _ctx() -> DraftContext:
    from referral_ai.compose import build_context
    from referral_ai.inputs.load import load_posting, load_resume
    from referral_ai.models import Referral

    return build_context(
        load_posting(POSTING),
        load_resume(RESUME),
        Referral(contact="Dana Whitfield", introducer="Sam Ortiz"),
    )


def test_epilog_says_the_model_is_used_only_when_asked() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "referral_ai.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    text = " ".join(result.stdout.split())
    assert "OPENAI_API_KEY or OPENAI_BASE_URL alone never sends your resume anywhere" in text


# --------------------------------------------------------------------------- python -m referral_ai


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in _MODEL_ENV}
    help_run = subprocess.run(
        [sys.executable, "-m", "referral_ai", "--help"], capture_output=True, text=True, env=env
    )
    assert help_run.returncode == 0
    assert help_run.stdout.startswith("usage: referral-ai")
    for word in ("draft", "materials", "check", "batch", "doctor"):
        assert word in help_run.stdout
    out = tmp_path / "out"
    drafted = subprocess.run(
        [sys.executable, "-m", "referral_ai", *draft(out)], capture_output=True, text=True, env=env
    )
    assert drafted.returncode == 0, drafted.stderr
    assert "writer: offline" in drafted.stdout
    assert any(p.name.endswith("-FollowUpEmail.eml") for p in out.iterdir())
    missing = subprocess.run(
        [sys.executable, "-m", "referral_ai", "materials", str(tmp_path / "nope.md")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert missing.returncode == 2 and "nope.md" in missing.stderr


# --------------------------------------------------------------------------- kinds as strings

LETTER = (
    "Dear Priya Raman,\n\nI am applying for the Senior Data Engineer role (Req R-4821) at Northwind "
    "Logistics. At Globex I migrated 40 batch jobs to Apache Airflow.\n\nSincerely,\nJordan Lee"
)


@pytest.mark.parametrize(
    ("spelling", "kind"),
    [
        ("cover_letter", DraftKind.cover_letter),
        ("cover letter", DraftKind.cover_letter),
        ("cover-letter", DraftKind.cover_letter),
        ("Cover Letter", DraftKind.cover_letter),
        (" follow_up ", DraftKind.follow_up),
        ("follow-up", DraftKind.follow_up),
        ("FOLLOW UP", DraftKind.follow_up),
        ("intro request", DraftKind.intro_request),
        ("reminder", DraftKind.reminder),
        (DraftKind.reminder, DraftKind.reminder),
    ],
)
def test_kind_spellings_parse(spelling: str, kind: DraftKind) -> None:
    assert DraftKind(spelling) is kind
    assert Draft(kind=spelling, body="x").kind is kind


@pytest.mark.parametrize("bad", ["thank you", "cover", "", "cover_letters", "x" * 500, 3, None])
def test_unknown_kind_lists_the_valid_ones(bad: object) -> None:
    with pytest.raises(ValueError) as info:
        DraftKind(bad)
    message = str(info.value)
    assert message.startswith("unknown kind ")
    for kind in DraftKind:
        assert repr(kind.value) in message
    assert len(message) < 250  # a huge value is not echoed whole


@pytest.mark.parametrize("spelling", ["cover_letter", "cover letter", "cover-letter"])
def test_validate_with_a_string_kind_runs_that_kinds_rules(
    spelling: str, sample_posting: JobPosting
) -> None:
    as_string = validate(LETTER, posting=sample_posting, kind=spelling)
    as_enum = validate(LETTER, posting=sample_posting, kind=DraftKind.cover_letter)
    assert as_string == as_enum
    # a letter is not asked to attach the resume and code sample; an email is
    assert "missing-material" not in {i.code for i in as_string.issues}
    as_email = validate(LETTER, posting=sample_posting, kind="follow_up")
    assert "missing-material" in {i.code for i in as_email.issues}
    assert as_email == validate(LETTER, posting=sample_posting)


def test_validate_with_an_unknown_kind_is_a_clear_error(sample_posting: JobPosting) -> None:
    with pytest.raises(ValueError, match=r"unknown kind 'letter'; valid kinds: 'cover_letter'"):
        validate(LETTER, posting=sample_posting, kind="letter")


def test_compose_takes_string_kinds(sample_ctx: DraftContext) -> None:
    writer = OfflineWriter()
    by_string = compose("follow-up", sample_ctx, writer, allow_invalid=True)
    by_enum = compose(DraftKind.follow_up, sample_ctx, writer, allow_invalid=True)
    assert by_string.kind is DraftKind.follow_up and by_string.text == by_enum.text
    drafts = compose_all(sample_ctx, writer, kinds=["cover letter", "reminder"], allow_invalid=True)
    assert list(drafts) == [DraftKind.cover_letter, DraftKind.reminder]
    with pytest.raises(ValueError, match="valid kinds: 'cover_letter', 'follow_up'"):
        compose("cover letters", sample_ctx, writer)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("cover-letter, follow up", [DraftKind.cover_letter, DraftKind.follow_up]),
        ("Reminder,,intro_request", [DraftKind.reminder, DraftKind.intro_request]),
    ],
)
def test_cli_kinds_use_the_same_parser(value: str, expected: list[DraftKind]) -> None:
    assert _parse_kinds(value) == expected


@pytest.mark.parametrize(
    ("value", "message"), [("thanks", "unknown kind 'thanks'"), (" , ", "no kinds")]
)
def test_cli_unknown_kind_exits_2_listing_the_valid_ones(
    value: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a if a != "follow_up" else value for a in draft(tmp_path / "out")]
    code, _, err = run(argv, capsys)
    assert code == 2 and message in err and "--kinds" in err
    if value == "thanks":
        assert "valid kinds: 'cover_letter', 'follow_up', 'intro_request', 'reminder'" in err
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- messages to the caller


@pytest.mark.parametrize(
    "write",
    [
        lambda dest, ctx: atomic_write(dest, b"new"),
        lambda dest, ctx: write_letter_docx(
            Draft(kind="cover_letter", body="Dear Priya,\n\nHello."), ctx, dest
        ),
    ],
    ids=["atomic_write", "write_letter_docx"],
)
def test_output_exists_error_from_python_says_overwrite_true(
    write: Callable[[Path, DraftContext], object], tmp_path: Path, sample_ctx: DraftContext
) -> None:
    dest = tmp_path / "letter.docx"
    dest.write_bytes(b"mine")
    with pytest.raises(OutputExistsError) as info:
        write(dest, sample_ctx)
    message = str(info.value)
    assert "overwrite=True" in message and "--force" not in message
    assert info.value.path == str(dest) and message.startswith(str(dest))
    assert dest.read_bytes() == b"mine"


def test_output_exists_error_from_the_cli_says_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run(draft(out), capsys)[0] == 0
    code, _, err = run(draft(out), capsys)
    assert code == 2
    assert "already exists (pass --force to replace it)" in err and "overwrite=True" not in err


# --------------------------------------------------------------------------- objects that show themselves


@pytest.mark.parametrize(
    ("draft_", "sent"),
    [
        (
            Draft(kind="follow_up", subject="Referral: Data Engineer", body="Hi Priya,\n\nThanks."),
            "Subject: Referral: Data Engineer\n\nHi Priya,\n\nThanks.",
        ),
        (Draft(kind="cover_letter", body="Dear Priya,\n\nI apply."), "Dear Priya,\n\nI apply."),
    ],
)
def test_str_of_a_draft_is_the_text_a_person_sends(draft_: Draft, sent: str) -> None:
    assert str(draft_) == sent == draft_.text
    assert f"{draft_}" == sent


def test_draft_repr_is_short_and_says_how_it_fared(sample_ctx: DraftContext) -> None:
    d = compose("follow_up", sample_ctx, OfflineWriter(), allow_invalid=True)
    assert d.report is not None
    text = repr(d)
    assert text.startswith("Draft(kind='follow_up', writer='offline', words=")
    assert f"words={len(d.body.split())}" in text
    errors, warnings = len(d.report.errors), len(d.report.warnings)
    assert f"report='{errors} error(s), {warnings} warning(s)'" in text
    assert d.body.splitlines()[0] not in text and len(text) < 160
    unchecked = repr(Draft(kind="reminder", body="one two three"))
    assert unchecked == "Draft(kind='reminder', writer='offline', words=3, report='not checked')"


def test_fit_and_report_reprs_are_short_and_carry_no_resume_line(sample_ctx: DraftContext) -> None:
    fit = sample_ctx.fit
    shown = repr(fit)
    reqs = [m for m in fit.matches if m.kind == "requirement"]
    assert shown.startswith(f"Fit(verdict={fit.verdict!r}, score={round(fit.score, 2)!r}, ")
    assert f"requirements={len(reqs)}, evidenced={sum(m.met for m in reqs)}" in shown
    lines = [e.text for m in fit.matches for e in m.evidence]
    assert lines and not any(line in shown for line in lines) and len(shown) < 120
    assert str(fit).count("\n") >= len(fit.matches)  # str() still shows each item and its evidence
    d = compose("follow_up", sample_ctx, OfflineWriter(), allow_invalid=True)
    assert d.report is not None
    errors, warnings = len(d.report.errors), len(d.report.warnings)
    assert repr(d.report).startswith(f"Report(errors={errors}, warnings={warnings}")
    assert all(code in repr(d.report) for code in d.report.codes())
    assert not any(i.message in repr(d.report) for i in d.report.issues)


def test_posting_repr_names_the_role_without_dumping_the_text(sample_posting: JobPosting) -> None:
    text = repr(sample_posting)
    assert text == (
        "JobPosting(title='Senior Data Engineer', company='Northwind Logistics', "
        "location='Denver, CO (hybrid)', req_id='R-4821', deadline='December 15, 2026', "
        "requirements=4, materials=4, source='<text>')"
    )
    assert str(sample_posting) == text
    long = JobPosting(title="T" * 300, text="word " * 10_000, source="job.html")
    shown = repr(long)
    assert len(shown) < 150 and "word" not in shown and "source='job.html'" in shown
    assert "requirements=0" in shown and "company" not in shown
    doubted = long.model_copy(
        update={"report": ParseReport(doubts=[Doubt(field="company", message="no company")])}
    )
    assert "doubts=1" in repr(doubted) and "no company" not in repr(doubted)


def test_loaded_posting_repr_is_one_short_line() -> None:
    from referral_ai.inputs.load import load_posting

    posting = load_posting(POSTING)
    text = repr(posting)
    assert "\n" not in text and len(text) < 300
    assert posting.title in text and posting.text.splitlines()[2] not in text
    assert text.endswith("source='\u2026" + str(POSTING)[-59:] + "')") or str(POSTING) in text
    assert "source='\u2026" + "x" * 59 + "'" in repr(
        posting.model_copy(update={"source": "/" + "x" * 200})
    )
