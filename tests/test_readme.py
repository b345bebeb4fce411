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
    tour, full = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(tour, "README.md (tour)", "exec"), {})
    out = capsys.readouterr().out
    # the fit, the letter as sent, and the report on a generic ask
    assert "Expert SQL and solid Python" in out and "Sincerely,\nRiley Chen" in out
    assert "error   generic-ask" in out
    exec(compile(full, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Senior Analytics Engineer" in out and "generic-ask" in out
    assert (tmp_path / "cover-letter.docx").stat().st_size > 0


def test_every_documented_command_exists() -> None:
    documented = set(re.findall(r"^referral-ai (\w+)", README, flags=re.M))
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert documented == set(sub.choices)  # type: ignore[union-attr]


def test_readme_validator_table_is_generated_from_the_registry() -> None:
    from referral_ai.validators import RULES, rules_markdown

    table = README.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert table == rules_markdown(), "run: python scripts/update_readme_rules.py"
    assert [row.split("`")[1] for row in table.splitlines()[2:]] == list(RULES)
    for rule in RULES.values():
        assert f"| `{rule.code}` | {rule.severity.value} | {rule.description} |" in table


def test_readme_tour_sits_after_the_two_opening_blocks() -> None:
    blocks = [m.start() for m in re.finditer(r"```bash\n", README)]
    assert README.index("## A short tour") > blocks[1] > blocks[0]
    assert README.index("## A short tour") < README.index("## What it does")
    tour = README.split("## A short tour", 1)[1].split("\n## ", 1)[0]
    for notebook in ("01_quickstart", "02_prompt_lab", "03_batch"):
        assert f"`{notebook}.ipynb`" in tour
        assert (ROOT / "notebooks" / f"{notebook}.ipynb").is_file()


def test_readme_endpoint_table_names_each_server() -> None:
    section = README.split("### Configuring an endpoint", 1)[1].split("\n### ", 1)[0]
    for server in ("OpenAI", "Azure OpenAI", "Ollama", "vLLM", "llama.cpp", "LM Studio"):
        assert f"\n| {server}" in section, server
    for env in ("REFERRAL_AI_MODEL", "OPENAI_BASE_URL", "OPENAI_API_KEY"):
        assert env in section
