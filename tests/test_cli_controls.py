"""`referral-ai draft`: --dry-run, tokens and cost after a model run, cold applications, style flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referral_ai.cli import main
from referral_ai.testing import FakeOpenAIServer, Reply

ROOT = Path(__file__).resolve().parents[1]
POSTING = ROOT / "examples" / "posting.md"
RESUME = ROOT / "examples" / "resume.md"
STEM = "Riley-Chen-Senior-Analytics-Engineer"


@pytest.fixture(autouse=True)
def _no_model_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REFERRAL_AI_MODEL"):
        monkeypatch.delenv(var, raising=False)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def draft(out: Path, *extra: str) -> list[str]:
    return ["draft", str(POSTING), str(RESUME), "--out", str(out), *extra]


def test_dry_run_prints_tokens_and_cost_and_sends_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-DO-NOT-PRINT-42")
    out = tmp_path / "out"
    with FakeOpenAIServer(default=Reply("{}")) as srv:
        args = draft(out, "--contact", "Dana", "--model", "gpt-4o-mini", "--base-url", srv.url)
        code, stdout, err = run([*args, "--dry-run"], capsys)
        assert srv.requests == []  # no chat, no /models: nothing at all
    assert code == 0, err
    assert not out.exists()
    for kind in ("cover_letter", "follow_up", "intro_request", "reminder"):
        assert kind in stdout
    assert "nothing was sent" in stdout and "$" in stdout and "total" in stdout
    assert "DO-NOT-PRINT" not in stdout + err


def test_dry_run_with_a_server_but_no_model_name_asks_for_it_without_a_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAIServer() as srv:
        code, _, err = run([*draft(tmp_path / "out", "--base-url", srv.url), "--dry-run"], capsys)
        assert srv.requests == []
    assert code == 2 and "--model NAME" in err and len(err.strip().splitlines()) <= 2


def test_dry_run_offline_says_it_costs_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, stdout, _ = run([*draft(tmp_path / "out", "--contact", "Dana"), "--dry-run"], capsys)
    assert code == 0 and "no tokens, no cost" in stdout and not (tmp_path / "out").exists()


def _reply_for(request: dict[str, object]) -> Reply:
    """Answer each kind with the offline draft of it (valid), usage as a real server reports it."""
    import referral_ai as ra

    text = json.dumps(request.get("messages"))
    kind = next(
        k
        for k, marker in (
            ("cover_letter", "Write a cover letter"),
            ("follow_up", "Write a follow-up email"),
        )
        if marker in text
    )
    ctx = ra.build_context(
        ra.load_posting(POSTING), ra.load_resume(RESUME), ra.Referral(contact="Dana")
    )
    d = ra.OfflineWriter().draft(kind, ctx)
    answer = {
        "subject": d.subject,
        "body": d.body,
        "blurb": d.blurb,
        "attachments": [
            {"material": a.material.value, "filename": a.filename, "note": a.note}
            for a in d.attachments
        ],
    }
    return Reply(json.dumps(answer), usage={"prompt_tokens": 1000, "completion_tokens": 200})


@pytest.mark.parametrize(
    ("model", "price"), [("gpt-4o-mini", "$0.0005"), ("my-local-model", "unknown price")]
)
def test_draft_prints_tokens_and_cost_after_a_model_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], model: str, price: str
) -> None:
    with FakeOpenAIServer(default=_reply_for) as srv:
        args = draft(tmp_path / "out", "--contact", "Dana", "--model", model, "--base-url", srv.url)
        code, stdout, err = run([*args, "--kinds", "cover_letter,follow_up"], capsys)
    assert code == 0, stdout + err
    # two calls of 1,000 + 200 tokens at gpt-4o-mini's 0.15/0.60 per million = $0.00054
    assert "spent: 2,000 prompt + 400 completion tokens in 2 call(s)" in stdout
    spent = next(line for line in stdout.splitlines() if "spent:" in line)
    assert price in spent
    if price == "unknown price":
        assert f"no price is known for '{model}'" in spent
    assert "cover_letter: 0 error(s)" in stdout and "(1,000 + 200 tokens" in stdout


def test_offline_draft_prints_no_spend(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(
        draft(tmp_path / "out", "--contact", "Dana", "--kinds", "reminder"), capsys
    )
    assert code == 0 and "spent:" not in stdout


def test_a_cold_application_needs_no_contact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, err = run(draft(out), capsys)
    assert code == 0, stdout + err
    assert "cold application" in err
    names = {p.name for p in out.iterdir()}
    assert f"{STEM}-FollowUpEmail.eml" in names and f"{STEM}-CoverLetter.docx" in names
    assert not any("Intro" in n for n in names)  # nobody to ask for an introduction
    body = (out / f"{STEM}-FollowUpEmail.md").read_text(encoding="utf-8")
    assert "Dear Dana Whitfield," in body and "refer" not in body.lower()


def test_style_flags_reach_the_offline_drafts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = draft(out, "--contact", "Dana", "--tone", "WARM", "--formality", "casual")
    code, stdout, err = run([*args, "--length", "150", "--kinds", "cover_letter"], capsys)
    assert code == 0, stdout + err
    letter = (out / f"{STEM}-CoverLetter.md").read_text(encoding="utf-8")
    assert "could we find a time?" in letter and "Best," in letter
    words = len(letter.split())
    assert 110 <= words <= 200  # the Markdown copy adds a heading line or two


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--tone", "angry"], "invalid choice: 'angry'"),
        (["--length", "5"], "--length: Input should be greater than or equal to 60"),
        (["--voice", "missing.txt"], "missing.txt: no such file"),
        (["--salary", " "], "--salary: empty"),
    ],
)
def test_bad_style_options_are_one_clear_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        code, _, err = run(draft(tmp_path / "out", *extra), capsys)
    except SystemExit as exc:  # argparse's own check of a choice
        code, err = int(exc.code or 0), capsys.readouterr().err
    assert code == 2 and expected in err
    assert not (tmp_path / "out").exists()


def test_a_voice_file_reaches_the_model_prompt_but_never_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    voice = tmp_path / "voice.txt"
    voice.write_text("I write short lines. Mostly plain words.", encoding="utf-8")
    with FakeOpenAIServer(default=_reply_for) as srv:
        args = draft(tmp_path / "out", "--contact", "Dana", "--model", "m", "--base-url", srv.url)
        code, stdout, err = run([*args, "--voice", str(voice), "--kinds", "cover_letter"], capsys)
        sent = srv.chat_requests[0].json["messages"][1]["content"]
    assert code == 0, stdout + err
    assert "<voice>\nI write short lines. Mostly plain words.\n</voice>" in sent
    assert "short lines" not in stdout + err


def test_the_spend_line_says_when_the_server_reported_no_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from referral_ai.testing import Malformed

    def no_usage(request: dict[str, object]) -> Malformed:
        reply = _reply_for(request)
        completion = {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 0,
            "model": "m",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": reply.content},
                    "finish_reason": "stop",
                }
            ],
        }  # a well-formed answer without "usage", as some local servers send
        return Malformed(text=json.dumps(completion))

    with FakeOpenAIServer(default=no_usage) as srv:
        args = draft(tmp_path / "out", "--contact", "Dana", "--model", "m", "--base-url", srv.url)
        code, stdout, err = run([*args, "--kinds", "cover_letter"], capsys)
    assert code == 0, stdout + err
    spent = next(line for line in stdout.splitlines() if "spent:" in line)
    assert "counted here: the server reported no usage" in spent and "unknown price" in spent
