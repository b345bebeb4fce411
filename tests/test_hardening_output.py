"""Output side of the hardening: one-line errors (exit 2) for output locations a user can get wrong,
bad bytes on standard input and garbage .eml files; nothing left behind when a run is killed
(SIGTERM / SIGINT / SIGKILL at known points, in a real subprocess); --force swaps whole sets."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from referral_ai import cli, staging

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
POSTING, RESUME = str(EXAMPLES / "posting.md"), str(EXAMPLES / "resume.md")
KINDS = "follow_up,reminder"  # both addressed to the contact: every file names who it is for
STEM = "Riley-Chen-Senior-Analytics-Engineer"
FOLLOW_UP_EML = f"{STEM}-FollowUpEmail.eml"
SET = {
    f"{STEM}-FollowUpEmail.md",
    f"{STEM}-FollowUpEmail.docx",
    FOLLOW_UP_EML,
    f"{STEM}-ReminderEmail.md",
    f"{STEM}-ReminderEmail.docx",
    f"{STEM}-Resume.docx",
    f"{STEM}-Resume-Check.json",
}


def draft_args(out: Path, contact: str = "Dana Whitfield", *more: str) -> list[str]:
    return ["draft", POSTING, RESUME, "--contact", contact, "--kinds", KINDS, "--out", str(out), *more]  # fmt: skip


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    return lines[0]


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(staging.PREFIX))


# --------------------------------------------------------------------------- output locations


def test_out_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "taken"
    target.write_text("mine")
    assert cli.main(draft_args(target)) == cli.EXIT_INPUT
    assert "is a file, not a folder" in one_line_error(capsys.readouterr().err)
    assert target.read_text() == "mine"


def test_out_below_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").write_text("mine")
    assert cli.main(draft_args(tmp_path / "taken" / "out")) == cli.EXIT_INPUT
    assert "part of the path is a file" in one_line_error(capsys.readouterr().err)


def test_out_name_too_long(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(draft_args(tmp_path / ("x" * 300))) == cli.EXIT_INPUT
    assert "name is too long" in one_line_error(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("code", "said"),
    [(errno.EROFS, "read-only"), (errno.EACCES, "permission denied"), (errno.EPERM, "permission")],
)
def test_out_read_only_or_unwritable(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    said: str,
) -> None:
    # (the tests may run as root, whom permission bits do not stop: the OS error is simulated)
    def refuse(*args: object, **kwargs: object) -> str:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    out = tmp_path / "out"
    assert cli.main(draft_args(out)) == cli.EXIT_INPUT
    assert said in one_line_error(capsys.readouterr().err)
    assert list(out.iterdir()) == []


def test_disk_full_mid_write_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    real = Path.write_bytes

    def full(self: Path, data: bytes) -> int:  # the .eml is written last: the rest is staged
        if self.suffix == ".eml":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    assert cli.main(draft_args(out)) == cli.EXIT_INPUT
    assert "no space left" in one_line_error(capsys.readouterr().err)
    assert list(out.iterdir()) == []


def test_disk_full_on_force_keeps_the_old_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert cli.main(draft_args(out, "Oldham Avery")) == cli.EXIT_OK
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = Path.write_text

    def full(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_text", full)
    assert cli.main(draft_args(out, "Newton Avery", "--force")) == cli.EXIT_INPUT
    monkeypatch.setattr(Path, "write_text", real)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert "no space left" in capsys.readouterr().err


def test_batch_out_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    postings = tmp_path / "postings"
    postings.mkdir()
    (postings / "one.md").write_text((EXAMPLES / "posting.md").read_text())
    target = tmp_path / "taken"
    target.write_text("mine")
    args = ["batch", str(postings), RESUME, "--contact", "Dana", "--out", str(target)]
    assert cli.main([*args, "--no-progress"]) == cli.EXIT_INPUT
    assert "is a file, not a folder" in one_line_error(capsys.readouterr().err)


# --------------------------------------------------------------------------- odd inputs


def _special(tmp_path: Path, kind: str, name: str) -> Path:
    """A path of ``kind``: a FIFO with no writer, a symbolic link to /dev/zero, a folder."""
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    return path


@pytest.mark.parametrize(
    ("kind", "why"),
    [("fifo", "is a FIFO"), ("zero", "is a device"), ("bytes", "not UTF-8 text")],
)
def test_batch_list_that_is_not_a_readable_file_is_one_line_and_makes_no_out_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, why: str
) -> None:
    if kind == "bytes":
        listed = tmp_path / "postings.csv"
        listed.write_bytes(b"posting\n\xff\xfe.md\n")
    else:
        listed = _special(tmp_path, kind, "postings.csv")
    out = tmp_path / "out"
    args = ["batch", str(listed), RESUME, "--contact", "Dana", "--out", str(out), "--no-progress"]
    assert cli.main(args) == cli.EXIT_INPUT
    assert why in one_line_error(capsys.readouterr().err)
    assert not out.exists()


@pytest.mark.parametrize("kind", ["fifo", "zero", "dir"])
@pytest.mark.parametrize("option", ["--template", "--attach"])
def test_template_or_attachment_that_is_not_a_file_is_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, option: str
) -> None:
    special = _special(tmp_path, kind, "mine.docx")
    out = tmp_path / "out"
    assert cli.main([*draft_args(out), option, str(special)]) == cli.EXIT_INPUT
    line = one_line_error(capsys.readouterr().err)
    assert {"fifo": "is a FIFO", "zero": "is a device", "dir": "is a directory"}[kind] in line
    assert "mine.docx" in line and "no such" not in line
    assert not out.exists()


def test_invalid_utf8_on_stdin_fails_before_drafting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (EXAMPLES / "posting.md").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text[:200] + b"\xff\xfe" + text)))
    out = tmp_path / "out"
    args = ["draft", "-", RESUME, "--contact", "Dana", "--out", str(out)]
    assert cli.main(args) == cli.EXIT_INPUT
    line = one_line_error(capsys.readouterr().err)
    assert "<stdin>" in line and "not valid UTF-8" in line and "offset 200" in line
    assert not out.exists()


def test_check_on_random_bytes_named_eml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garbage = tmp_path / "mail.eml"
    garbage.write_bytes(bytes(range(256)) * 20 + os.urandom(2000))
    assert cli.main(["check", str(garbage)]) == cli.EXIT_INPUT
    assert "not an email message" in one_line_error(capsys.readouterr().err)


def test_attachment_file_name_with_a_newline(tmp_path: Path) -> None:
    odd = tmp_path / "my\ncode-sample.pdf"
    odd.write_bytes(b"%PDF-1.4 code")
    out = tmp_path / "out"
    args = ["draft", POSTING, RESUME, "--contact", "Dana", "--kinds", "follow_up"]
    assert cli.main([*args, "--attach", str(odd), "--out", str(out)]) == cli.EXIT_OK
    message = BytesParser(policy=policy.default).parsebytes((out / FOLLOW_UP_EML).read_bytes())
    names = [p.get_filename() for p in message.iter_attachments()]
    assert "my code-sample.pdf" in names


def test_posting_and_resume_file_names_with_a_newline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posting = tmp_path / "job\nposting.md"
    posting.write_text((EXAMPLES / "posting.md").read_text(encoding="utf-8"), encoding="utf-8")
    resume = tmp_path / "my\ncv.md"
    resume.write_text((EXAMPLES / "resume.md").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    args = ["draft", str(posting), str(resume), "--contact", "Dana", "--kinds", "follow_up"]
    assert cli.main([*args, "--out", str(out)]) == cli.EXIT_OK
    assert (out / FOLLOW_UP_EML).is_file()
    capsys.readouterr()
    # A missing file of that name is one line naming it, its newline shown escaped.
    assert cli.main(["parse", str(tmp_path / "gone\ncv.md"), "--resume"]) == cli.EXIT_INPUT
    line = one_line_error(capsys.readouterr().err)
    assert "gone\\ncv.md" in line and ("file not found" in line or "no such file" in line)


# --------------------------------------------------------------------------- killed runs

RUNNER = """
import os, sys, time
from pathlib import Path
from referral_ai import cli, staging

stop_at, marker = os.environ["STOP_AT"], Path(os.environ["MARKER"])


def hold(step):
    if step == stop_at:
        marker.write_text(step)
        time.sleep(120)


staging._checkpoint = hold
sys.exit(cli.main(sys.argv[1:]))
"""


def start_stopped(tmp_path: Path, step: str, args: list[str]) -> subprocess.Popen[bytes]:
    """Run the CLI in a subprocess that stops (sleeps) at ``step``; return once it is there."""
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER)
    marker = tmp_path / f"at-{step}"
    marker.unlink(missing_ok=True)
    env = {**os.environ, "STOP_AT": step, "MARKER": str(marker)}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(Path(cli.__file__).parents[1]), env.get("PYTHONPATH")) if p)  # fmt: skip
    proc = subprocess.Popen([sys.executable, str(runner), *args], env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"run ended before {step}: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"run never reached {step}")
        time.sleep(0.05)
    return proc


def contacts_in(out: Path) -> set[str]:
    """Which contact each document of the set was written for (one name = one consistent set)."""
    found: set[str] = set()
    for path in out.iterdir():
        if path.suffix == ".md":
            text = path.read_text()
        elif path.suffix == ".eml":
            msg = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
            body = msg.get_body(preferencelist=("plain",))
            assert body is not None
            text = str(body.get_content())
        else:
            continue
        found |= {name for name in ("Oldham Avery", "Newton Avery") if name.split()[0] in text}
    return found


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_while_staging_removes_the_staging_folder(tmp_path: Path, sig: int) -> None:
    out = tmp_path / "out"
    proc = start_stopped(tmp_path, "staging", draft_args(out))
    assert leftovers(out)  # the staging folder exists while the run writes
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (143 if sig == signal.SIGTERM else 130)
    assert "nothing partial was left behind" in err.decode() and b"Traceback" not in err
    assert list(out.iterdir()) == []


def test_sigterm_during_force_keeps_the_old_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli.main(draft_args(out, "Oldham Avery")) == cli.EXIT_OK
    proc = start_stopped(tmp_path, "staged", draft_args(out, "Newton Avery", "--force"))
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert {p.name for p in out.iterdir()} == SET
    assert contacts_in(out) == {"Oldham Avery"}


def test_stale_staging_folder_of_a_killed_run_is_cleaned_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = start_stopped(tmp_path, "staging", draft_args(out))
    proc.kill()
    proc.communicate(timeout=60)
    assert leftovers(out)  # SIGKILL: nothing could clean up
    assert cli.main(draft_args(out)) == cli.EXIT_OK
    assert leftovers(out) == []
    assert {p.name for p in out.iterdir()} == SET


@pytest.mark.parametrize("step", ["staged", "aside", "moved"])
def test_kill_mid_force_leaves_the_old_set_after_recovery(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], step: str
) -> None:
    out = tmp_path / "out"
    assert cli.main(draft_args(out, "Oldham Avery")) == cli.EXIT_OK
    proc = start_stopped(tmp_path, step, draft_args(out, "Newton Avery", "--force"))
    proc.kill()
    proc.communicate(timeout=60)
    assert leftovers(out)
    # the next run (here one that refuses to overwrite) first puts the folder right
    assert cli.main(draft_args(out, "Thirza Avery")) == cli.EXIT_INPUT
    assert "already exists" in capsys.readouterr().err
    assert leftovers(out) == []
    assert {p.name for p in out.iterdir()} == SET
    assert contacts_in(out) == {"Oldham Avery"}


def test_kill_after_the_swap_keeps_the_new_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli.main(draft_args(out, "Oldham Avery")) == cli.EXIT_OK
    proc = start_stopped(tmp_path, "done", draft_args(out, "Newton Avery", "--force"))
    proc.kill()
    proc.communicate(timeout=60)
    assert staging.recover(out)  # found and finished the killed run's folder
    assert leftovers(out) == []
    assert {p.name for p in out.iterdir()} == SET
    assert contacts_in(out) == {"Newton Avery"}


def test_a_live_runs_staging_folder_is_left_alone(tmp_path: Path) -> None:
    with staging.staged(tmp_path) as folder:
        (folder / "half.md").write_text("being written")
        assert staging.recover(tmp_path) == []
        assert (folder / "half.md").exists()
    assert not folder.exists()


def test_an_unlocked_folder_is_stale_only_after_a_grace_period(tmp_path: Path) -> None:
    fresh = tmp_path / (staging.PREFIX + "fresh")
    fresh.mkdir()
    assert staging.recover(tmp_path) == []  # its run may be about to lock it
    old = time.time() - 3600
    os.utime(fresh, (old, old))
    assert staging.recover(tmp_path) == [fresh]
    assert not fresh.exists()
