"""A resume in another language than the posting: its language is recorded, drafting says so in a
non-blocking doubt, and the offline letters refer to its lines without pasting them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from referral_ai.compose import build_context
from referral_ai.inputs import load_posting, load_resume
from referral_ai.inputs.language import foreign_resume, language_doubt
from referral_ai.inputs.resume import parse_resume
from referral_ai.models import DraftKind, JobPosting, Referral, Resume
from referral_ai.writers.offline import OfflineWriter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

FRENCH = """Camille Durand
camille.durand@exemple.fr · +33 6 12 34 56 78 · Lyon

Profil
Ingénieure de données avec six ans d'expérience dans la conception de pipelines fiables pour des
équipes produit, passionnée par la qualité des données et la transmission des connaissances.

Expérience professionnelle

Ingénieure de données, Globex France    2021 - Présent
- Conçu et maintenu des pipelines Python et SQL qui alimentent les tableaux de bord de la direction
- Migré quarante traitements par lots vers Apache Airflow, réduisant les échecs de trente-cinq pour cent
- Mis en place des tests de qualité des données avec dbt pour toutes les tables partagées

Analyste de données, Initech    2018 - 2021
- Automatisé les rapports hebdomadaires en Python, ce qui a fait gagner une journée par semaine
- Rédigé des requêtes SQL complexes pour les équipes commerciales et financières de l'entreprise

Formation
Université Lyon 1, Master en informatique (2018)

Compétences
Python, SQL, dbt, Apache Airflow, Snowflake
"""

ENGLISH = """Camille Durand
camille.durand@example.com · +33 6 12 34 56 78 · Lyon

Summary
Data engineer with six years of experience building reliable pipelines for product teams, keen on
data quality and on sharing what I know with the people around me.

Experience

Data Engineer, Globex France    2021 - Present
- Designed and maintained Python and SQL pipelines that feed the leadership dashboards every day
- Migrated forty batch jobs to Apache Airflow, cutting failed runs by thirty-five percent overall
- Set up data quality tests with dbt for every shared table used across the analytics teams

Data Analyst, Initech    2018 - 2021
- Automated the weekly reports in Python, which saved the team a full day of work every week
- Wrote complex SQL queries for the sales and finance teams of the company across regions

Education
University of Lyon 1, Master in Computer Science (2018)

Skills
Python, SQL, dbt, Apache Airflow, Snowflake
"""


@pytest.fixture(scope="module")
def posting() -> JobPosting:
    return load_posting(EXAMPLES / "posting.md")


def _bullets(resume: Resume) -> list[str]:
    return [b for role in resume.roles for b in role.bullets]


def _pasted(text: str, resume: Resume) -> list[str]:
    """Runs of five or more consecutive words of the resume's bullets and summary found in ``text``."""
    found = []
    flat = " ".join(text.split())
    for line in [*_bullets(resume), resume.summary or ""]:
        words = line.lstrip("-• ").split()
        for i in range(len(words) - 4):
            run = " ".join(words[i : i + 5])
            if run in flat:
                found.append(run)
    return found


def test_the_resume_language_is_read_and_noted() -> None:
    french = parse_resume(FRENCH, source="cv.txt")
    assert french.language == "fr"
    note = french.report.note("language")
    assert note is not None and note.confidence >= 0.8
    assert parse_resume(ENGLISH, source="resume.txt").language == "en"
    short = parse_resume("Ada King\nada@example.org\n\nExperience\nAnalyst, Acme  2019 - 2022\n")
    assert short.language is None  # too little text to judge
    assert short.report.note("language") is None


def test_a_french_resume_for_an_english_posting_gets_a_non_blocking_doubt(
    posting: JobPosting,
) -> None:
    french = parse_resume(FRENCH, source="cv.txt")
    assert foreign_resume(posting, french)
    ctx = build_context(posting, french, Referral(contact="Priya Raman"))
    (doubt,) = [d for d in ctx.resume.report.doubts if d.field == "language"]
    assert not doubt.blocking
    assert "French" in doubt.message and "English" in doubt.message
    assert not ctx.resume.report.blocking
    assert french.report.doubts == [d for d in ctx.resume.report.doubts if d is not doubt]
    english = parse_resume(ENGLISH, source="resume.txt")
    assert language_doubt(posting, english) is None
    assert not any(
        d.field == "language" for d in build_context(posting, english).resume.report.doubts
    )


@pytest.mark.parametrize(
    "kind", [DraftKind.cover_letter, DraftKind.follow_up, DraftKind.intro_request]
)
def test_the_letters_refer_to_french_lines_without_pasting_them(
    kind: DraftKind, posting: JobPosting
) -> None:
    writer = OfflineWriter()
    referral = Referral(contact="Priya Raman", introducer="Sam Ortiz")
    french = parse_resume(FRENCH, source="cv.txt")
    assert len(_bullets(french)) >= 3
    body = writer.draft(kind, build_context(posting, french, referral)).body
    assert _pasted(body, french) == []
    assert not re.search(r"\b(?:des|pour|avec|les|qui)\b", body)  # no French sentence in it
    if kind is DraftKind.cover_letter:  # the evidence is still named: where, and what skills
        assert re.search(r"My work at Globex France involved [^.]*\bPython\b", body)
    # The same resume in English is quoted: the refusal above comes from the language alone.
    english = parse_resume(ENGLISH, source="resume.txt")
    quoted = writer.draft(kind, build_context(posting, english, referral)).body
    assert _pasted(quoted, english)


def test_a_real_french_json_resume_is_not_quoted(real_corpus: Path, posting: JobPosting) -> None:
    resume = load_resume(real_corpus / "resumes" / "elissaoui-jsonresume-fr.json")
    assert resume.language == "fr"
    ctx = build_context(posting, resume, Referral(contact="Priya Raman", introducer="Sam Ortiz"))
    assert any(d.field == "language" and not d.blocking for d in ctx.resume.report.doubts)
    for kind in (DraftKind.cover_letter, DraftKind.follow_up):
        assert _pasted(OfflineWriter().draft(kind, ctx).body, resume) == []


def test_batch_says_the_language_doubt_per_item_as_draft_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from referral_ai.cli import main

    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REFERRAL_AI_MODEL"):
        monkeypatch.delenv(var, raising=False)
    cv = tmp_path / "cv.txt"
    cv.write_text(FRENCH, encoding="utf-8")
    posting = EXAMPLES / "posting.md"
    doubt = language_doubt(load_posting(posting), load_resume(cv))
    assert doubt is not None
    common = ["--contact", "Priya Raman", "--allow-missing"]
    assert main(["draft", str(posting), str(cv), *common, "--out", str(tmp_path / "d")]) == 0
    drafted = [line for line in capsys.readouterr().err.splitlines() if ": language: " in line]
    assert drafted == [f"referral-ai: note: {cv}: language: {doubt.message}"]

    folder = tmp_path / "postings"
    folder.mkdir()
    for name in ("a.md", "b.md"):
        (folder / name).write_text(posting.read_text(encoding="utf-8"), encoding="utf-8")
    batch = ["batch", str(folder), "--formats", "md", "--no-progress", *common]
    assert main([*batch, str(cv), "--out", str(tmp_path / "b"), "--json"]) == 0
    out, err = capsys.readouterr()
    items = json.loads(out)["items"]
    assert sorted(i["id"] for i in items) == ["a", "b"]
    for item in items:  # the same line as draft's, the item in place of the file
        assert f"referral-ai: note: {item['id']}: language: {doubt.message}" in err.splitlines()
        assert [d["message"] for d in item["doubts"] if d["field"] == "language"] == [doubt.message]
    # The example resume, in English, gives no such note.
    assert main([*batch, str(EXAMPLES / "resume.md"), "--out", str(tmp_path / "e")]) == 0
    assert ": language: " not in capsys.readouterr().err


def test_the_model_is_told_the_resume_language_and_the_letters(posting: JobPosting) -> None:
    from referral_ai.testing import FakeOpenAIServer, draft_responder
    from referral_ai.writers.openai_writer import OpenAIWriter

    referral = Referral(contact="Priya Raman", introducer="Sam Ortiz")
    french = build_context(posting, parse_resume(FRENCH, source="cv.txt"), referral)
    english = build_context(posting, parse_resume(ENGLISH, source="resume.txt"), referral)
    with FakeOpenAIServer(default=draft_responder("Camille Durand")) as srv:
        writer = OpenAIWriter(base_url=srv.base_url, model="fake-model")
        try:
            for kind in (DraftKind.cover_letter, DraftKind.follow_up, DraftKind.reminder):
                writer.draft(kind, french)
                writer.draft(kind, english)
        finally:
            writer.close()
        prompts = [r.json["messages"][-1]["content"] for r in srv.chat_requests]
    told = (
        "Write in: English, the posting's language. The resume is written in French: state its "
        "facts in English and never paste its French lines (the evidence lines are quoted from it)."
    )
    assert len(prompts) == 6
    for i, prompt in enumerate(prompts):
        role = prompt.split("\n<role>\n", 1)[1].split("\n</role>", 1)[0]  # the data block
        assert (told in role) == (i % 2 == 0), prompt  # the French resume's prompts only
