"""`referral-ai parse`, corrections, and the refusal to draft from a doubtful parse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referral_ai.cli import main
from referral_ai.inputs import load_posting, load_resume
from referral_ai.inputs.saved import POSTING_FORMAT, posting_schema

ROOT = Path(__file__).resolve().parents[1]
POSTING = ROOT / "examples" / "posting.md"
RESUME = ROOT / "examples" / "resume.md"

NO_COMPANY = """# Software Engineering Manager

You will lead a team of six engineers building our campaign editor.

## Requirements
- 5+ years of software engineering experience
- 2+ years managing engineers
"""

HEADING_NAME = """Contact
riley.chen@example.com

Experience
Senior Analytics Engineer | Larkspur Logistics | 2021 - Present
- Built the dbt models behind every finance dashboard
"""


def _letter(out: Path) -> str:
    """The Markdown cover letter written into ``out``."""
    (letter,) = [p for p in out.iterdir() if p.suffix == ".md" and "cover" in p.name.lower()]
    return letter.read_text(encoding="utf-8")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_model_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REFERRAL_AI_MODEL"):
        monkeypatch.delenv(var, raising=False)


def test_parse_shows_each_field(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["parse", str(POSTING)], capsys)
    assert code == 0
    fields = dict(line.split(":", 1) for line in out.splitlines())
    assert fields["title"].strip().startswith("Senior Analytics Engineer")
    assert fields["company"].strip().startswith("Bramble Health")
    assert fields["req id"].strip().startswith("BH-2417")


def test_a_saved_posting_is_read_back_with_the_users_correction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        ["parse", str(POSTING), "--json", "--company", "Bramble Health Inc."], capsys
    )
    assert code == 0
    data = json.loads(out)
    assert data["format"] == POSTING_FORMAT
    data["title"] = "Staff Analytics Engineer"  # a hand edit
    saved = tmp_path / "posting.json"
    saved.write_text(json.dumps(data), encoding="utf-8")
    again = load_posting(saved)
    original = load_posting(POSTING)
    assert again.title == "Staff Analytics Engineer"
    assert again.company == "Bramble Health Inc."
    assert again.requirements == original.requirements
    assert again.materials == original.materials
    code, out, _ = run(["materials", str(saved)], capsys)
    assert code == 0 and out.startswith("Staff Analytics Engineer (Req BH-2417) at Bramble Health")


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ('{"format": "referral-ai/posting@1", "title": 7}', "title"),
        ('{"format": "referral-ai/posting@1"}', "title"),
        ('{"title": "Analyst"}', "parse POSTING --json"),
        ('{"basics": {"name": "Ada"}, "work": []}', "JSON Resume"),
        ("{not json", "invalid JSON"),
    ],
)
def test_a_bad_saved_posting_is_one_line_exit_2(
    payload: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "posting.json"
    path.write_text(payload, encoding="utf-8")
    code, _, err = run(["materials", str(path)], capsys)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1


def test_json_resume_round_trip_keeps_the_resume(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["parse", str(RESUME), "--json-resume"], capsys)
    assert code == 0
    saved = tmp_path / "resume.json"
    saved.write_text(out, encoding="utf-8")
    before, after = load_resume(RESUME), load_resume(saved)
    assert after.name == before.name
    assert after.contact.email == before.contact.email
    assert after.contact.phone == before.contact.phone
    assert [(r.title, r.employer, r.bullets) for r in after.roles] == [
        (r.title, r.employer, r.bullets) for r in before.roles
    ]
    assert [e.institution for e in after.education] == [e.institution for e in before.education]
    assert after.skills == before.skills


def test_draft_refuses_a_posting_with_no_company_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posting = tmp_path / "job.md"
    posting.write_text(NO_COMPANY, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["draft", str(posting), str(RESUME), "--contact", "Dana", "--out", str(out)]
    code, _, err = run(argv, capsys)
    assert code == 2
    assert "cannot draft" in err and "--company" in err
    assert not out.exists()
    code, _, err = run([*argv, "--company", "Twilio SendGrid"], capsys)
    assert code == 0, err
    assert "Twilio SendGrid" in _letter(out)


def test_draft_refuses_a_resume_without_a_real_name_until_given_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(HEADING_NAME, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["draft", str(POSTING), str(resume), "--contact", "Dana", "--out", str(out)]
    code, _, err = run(argv, capsys)
    assert code == 2
    assert ": name: " in err and "--name" in err  # no name, or a heading taken for one
    assert not out.exists()
    code, _, err = run([*argv, "--name", "Riley Chen", "--allow-missing"], capsys)
    assert code == 0, err
    assert _letter(out).rstrip().endswith("Riley Chen")


def test_fit_prints_doubts_first_but_still_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posting = tmp_path / "job.md"
    posting.write_text(NO_COMPANY, encoding="utf-8")
    code, out, err = run(["fit", str(posting), str(RESUME)], capsys)
    assert code == 0
    assert "unsure:" in err and "company" in err
    assert "fit score" in out


def test_fit_json_says_what_the_text_says(capsys: pytest.CaptureFixture[str]) -> None:
    code, text, _ = run(["fit", str(POSTING), str(RESUME)], capsys)
    assert code == 0
    code, out, _ = run(["fit", str(POSTING), str(RESUME), "--json"], capsys)
    assert code == 0
    payload = json.loads(out)
    headline = text.splitlines()[0]  # "<role>: partial fit: 3 of 5 requirements evidenced, ..."
    assert payload["verdict"] in ("strong", "partial", "poor")
    assert f": {payload['verdict']} fit: " in headline
    assert f"{payload['summary']} (fit score {payload['score']:.2f})" in headline
    assert len(payload["matches"]) == text.count("\n✓ [") + text.count("\n✗ [")


def test_draft_states_the_fit_as_fit_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text, _ = run(["fit", str(POSTING), str(RESUME)], capsys)
    assert code == 0
    headline = text.splitlines()[0].split(": ", 1)[1]  # "strong fit: 5 of 6 ... (fit score 0.66)"
    argv = ["draft", str(POSTING), str(RESUME), "--contact", "Dana", "--allow-missing"]
    code, out, err = run([*argv, "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    assert f"  fit: {headline}" in out.splitlines()


def test_the_published_schema_is_current() -> None:
    published = json.loads((ROOT / "docs" / "posting.schema.json").read_text(encoding="utf-8"))
    assert published == posting_schema()


def test_parse_schema_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["parse", "--schema"], capsys)
    assert code == 0 and json.loads(out) == posting_schema()


def test_batch_fails_only_the_item_whose_company_is_doubtful(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a.md").write_text(POSTING.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.md").write_text(NO_COMPANY, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["batch", str(folder), str(RESUME), "--contact", "Dana", "--out", str(out)]
    code, stdout, err = run([*argv, "--json", "--no-progress"], capsys)
    assert code == 1
    items = {i["id"]: i for i in json.loads(stdout)["items"]}
    assert items["a"]["status"] == "ok"
    error = items["b"]["error"]
    assert items["b"]["status"] == "failed" and "company: no hiring organisation found" in error
    # batch has no --company: the fix it gives is the corrected posting, listed in its place
    assert "--company" not in error
    assert f"correct the posting once: referral-ai parse {folder / 'b.md'} --json" in error
    assert "edit it, and list posting.json in its place" in error
    assert f"referral-ai: failed: b: {error}" in err  # the whole reason, not the table's first line
    assert not any(p.suffix in {".docx", ".eml"} for p in (out / "b").iterdir())


def test_the_formats_page_is_current() -> None:
    from referral_ai.inputs.formats import formats_markdown

    assert (ROOT / "docs" / "formats.md").read_text(encoding="utf-8") == formats_markdown()
