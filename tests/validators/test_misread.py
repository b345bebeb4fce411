"""unsigned, misread-field, and the posting's own title never claimed for the candidate (issue 7)."""

from __future__ import annotations

import pytest

from referral_ai.models import DraftKind, JobPosting, Resume, Role, Severity
from referral_ai.validators import (
    find_misread_fields,
    find_ungrounded_claims,
    find_unsigned,
    validate,
)

UNSIGNED = [
    ("Dear Ms. Lee,\n\nI built pipelines.\n\nSincerely,\n", 1),
    ("Hi Dana,\n\nThanks!\n\nBest,", 1),
    ("Hi Dana,\n\nThanks!\n\nBest,\nJordan Lee", 0),
    ("Hi Dana,\n\nThank you for the intro.\nJordan", 0),
    ("Hi Dana, thanks for the intro and all the best with the launch.", 0),
]


@pytest.mark.parametrize(("text", "n"), UNSIGNED)
def test_unsigned_closing(text: str, n: int) -> None:
    issues = find_unsigned(text)
    assert len(issues) == n
    assert all(i.code == "unsigned" and i.severity is Severity.error for i in issues)


NAMELESS = [(Resume(name=None), DraftKind.cover_letter, 1), (Resume(name="Jordan Lee"), DraftKind.cover_letter, 0),
            (Resume(name=None), DraftKind.follow_up, 0)]  # fmt: skip


@pytest.mark.parametrize(("resume", "kind", "n"), NAMELESS)
def test_letter_without_candidate_name(resume: Resume, kind: DraftKind, n: int) -> None:
    assert (
        len(find_unsigned("Dear Ms. Lee,\n\nI built pipelines.\n\nJordan", resume, kind=kind)) == n
    )


MISREAD = [
    ("My most recent role was example.me at x@y.com.", ["example.me"]),
    ("My current role is Designer at jane@studio.io.", ["jane@studio.io"]),
    ("At janedoe.dev, I developed a booking app.", ["janedoe.dev"]),
    ("My most recent role was Data Engineer at Globex.", []),
    ("You can reach me at x@y.com.", []),
    (
        "My resume also lists team, one, job and making, which your posting names.",
        ["team, one, job and making"],
    ),
    ("My resume also lists Python, SQL and dbt, which your posting names.", []),
    ("My resume also lists Python, team and Airflow, which your posting names.", []),
]


@pytest.mark.parametrize(("text", "flagged"), MISREAD)
def test_misread_fields(text: str, flagged: list[str]) -> None:
    issues = find_misread_fields(text)
    assert [text[i.start : i.end] for i in issues] == flagged
    assert all(i.code == "misread-field" and i.severity is Severity.error for i in issues)


def test_role_sentences_without_an_address_hint_are_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The role patterns run only on a sentence with "@", "://", "www." or a ".com"-like ending, and
    that finds what reading every sentence finds (made-up shapes and the real outreach sentences)."""
    import json
    import re
    from pathlib import Path

    from referral_ai.validators import misread

    data = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
    texts = [t for t, _ in MISREAD] + [
        "I worked as https://jane.example at Initech.",
        "I was a consultant with WWW.ACME.CO, then at Globex.",
        "Most recently Designer at studio.GITHUB.IO/jane.",
        "With jane@mail.example.org, I ran the newsletter.",
        "I am a designer at Globex.",
    ]
    for path in sorted(data.glob("asks-*.jsonl")):
        texts += [
            json.loads(x)["text"]
            for x in path.read_text(encoding="utf-8").splitlines()
            if x.strip()
        ]
    assert not misread._ADDRESS_HINT.search("I am a designer at Globex.")
    hinted = [find_misread_fields(t) for t in texts]
    monkeypatch.setattr(misread, "_ADDRESS_HINT", re.compile(""))  # every sentence read
    assert [find_misread_fields(t) for t in texts] == hinted
    assert sum(map(len, hinted)) >= 6


_POSTING = JobPosting(
    title="Designer", company="Acme Studio", text="Designer\nAcme Studio\nWe need a Designer."
)
_RESUME = Resume(
    name="Ana Lima",
    roles=[Role(title="Illustrator", employer="Globex")],
    text="Ana Lima\nIllustrator at Globex",
)
POSTING_OWN = [
    ("I am applying for the Designer role at Acme Studio.", []),
    ("I'm excited to apply as the Designer.", []),
    ("I'd love to join Acme Studio as a Designer.", []),
    ("I was a Designer at Globex.", ["Designer"]),
    ("I worked as a Designer at Globex.", ["Designer"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "flagged"), POSTING_OWN)
def test_posting_title_is_not_claimed_for_you(text: str, flagged: list[str]) -> None:
    issues = find_ungrounded_claims(text, _RESUME, _POSTING)
    assert [text[i.start : i.end] for i in issues] == flagged


def test_validate_runs_the_new_rules() -> None:
    report = validate("Hi Dana,\n\nMy most recent role was example.me at x@y.com.\n\nBest,\n")
    assert {"unsigned", "misread-field"} <= set(report.codes())
