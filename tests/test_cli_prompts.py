"""`--prompts-dir` on the command line: a broken prompt file stops drafting, offline too."""

from __future__ import annotations

from pathlib import Path

import pytest

from referral_ai.cli import main

ROOT = Path(__file__).resolve().parents[1]
POSTING = ROOT / "examples" / "posting.md"
RESUME = ROOT / "examples" / "resume.md"


@pytest.fixture(autouse=True)
def _no_model_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REFERRAL_AI_MODEL"):
        monkeypatch.delenv(var, raising=False)


def _draft(out: Path, prompts: Path, *extra: str) -> list[str]:
    return [
        "draft", str(POSTING), str(RESUME), "--contact", "Dana Whitfield", "--out", str(out),
        "--prompts-dir", str(prompts), *extra,
    ]  # fmt: skip


@pytest.mark.parametrize("offline", [(), ("--offline",)])
@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("follow_up.md", b"---\nname: follow_up\ntemperature: hot\n---\nx\n", "'temperature' must be a number"),
        ("cover_letter.md", b"---\nname: cover_letter\nvariables: [tone]\n---\n$tone\n", "does not provide: tone; available: "),
        ("system.md", b"\xff\xfe\x00broken", "cannot be read as UTF-8"),
    ],
)  # fmt: skip
def test_broken_prompt_file_is_exit_2_naming_it_and_nothing_is_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    needle: str,
    offline: tuple[str, ...],
) -> None:
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    (prompts / name).write_bytes(content)
    out = tmp_path / "out"
    code = main(_draft(out, prompts, *offline))
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and needle in err[0] and str(prompts / name) in err[0], err
    assert not out.exists()


def test_good_prompt_folder_drafts_offline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    (prompts / "reminder.md").write_text(
        "---\nname: reminder\nvariables: [contact]\n---\nHi $contact\n", encoding="utf-8"
    )
    assert main(_draft(tmp_path / "out", prompts)) == 0, capsys.readouterr().err
    assert any((tmp_path / "out").iterdir())


def test_missing_prompt_folder_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_draft(tmp_path / "out", tmp_path / "nope")) == 2
    assert "does not exist or is not a directory" in capsys.readouterr().err


def test_batch_checks_the_prompt_folder_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    postings = tmp_path / "postings"
    postings.mkdir()
    (postings / "one.md").write_bytes(POSTING.read_bytes())
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    (prompts / "system.md").write_text("no front matter\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(
        ["batch", str(postings), str(RESUME), "--out", str(out), "--prompts-dir", str(prompts)]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1, err
    assert f"{prompts / 'system.md'}: missing front matter" in err[0]
    assert not out.exists()
