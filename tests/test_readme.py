"""The README's claims run: its Python example works and its command list matches the CLI."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from referral_ai.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_main_job_then_the_tests() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    assert "referral-ai draft examples/posting.md examples/resume.md" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for line in blocks[1].strip().splitlines():
        assert line in ci, f"CI must run the README's test command: {line}"


def test_python_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (code,) = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Senior Analytics Engineer" in out and "generic-ask" in out
    assert (tmp_path / "cover-letter.docx").stat().st_size > 0


def test_every_documented_command_exists() -> None:
    documented = set(re.findall(r"^referral-ai (\w+)", README, flags=re.M))
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert documented == set(sub.choices)  # type: ignore[union-attr]
