"""One table per structural rule: role, company, materials, placeholders, length, subject, clichés."""

from __future__ import annotations

import pytest

from referral_ai.models import (
    Attachment,
    DraftKind,
    JobPosting,
    Material,
    MaterialRequirement,
    Severity,
)
from referral_ai.validators import (
    LENGTH_LIMITS,
    check_length,
    check_subject,
    find_cliches,
    find_missing_company,
    find_missing_materials,
    find_missing_role,
    find_placeholders,
)

# --------------------------------------------------------------------------- missing-role


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "Could you refer me for the Senior Data Engineer role (Req R-4821)?",
            DraftKind.follow_up,
            [],
        ),
        (
            "Could you refer me for the senior data-engineer role, req r4821?",
            DraftKind.follow_up,
            [],
        ),
        ("Could you refer me for the Sr. Data Engineer role (4821)?", DraftKind.follow_up, []),
        (
            "Could you refer me for the Senior Data Engineer role? https://careers.northwind.example/jobs/4821",
            DraftKind.follow_up,
            [],
        ),
        (
            "Could you refer me for the Senior Data Engineer role?",
            DraftKind.follow_up,
            ["missing-role"],
        ),
        (
            "Could you introduce me to Priya about the Senior Data Engineer role?",
            DraftKind.intro_request,
            ["missing-role"],
        ),
        ("I am applying for the Senior Data Engineer role.", DraftKind.cover_letter, []),
        ("Just checking in about the Senior Data Engineer role.", DraftKind.reminder, []),
        (
            "Could you refer me for the Data Engineer role (Req R-4821)?",
            DraftKind.follow_up,
            ["missing-role"],
        ),
        ("Could you refer me for the role?", DraftKind.cover_letter, ["missing-role"]),
    ],
)
def test_missing_role_table(
    sample_posting: JobPosting, text: str, kind: DraftKind, expected: list[str]
) -> None:
    assert [i.code for i in find_missing_role(text, sample_posting, kind=kind)] == expected


@pytest.mark.parametrize(
    ("title", "text", "named"),
    [
        ("Senior Data Engineer (Remote)", "the Senior Data Engineer role", True),
        ("Data Engineer - Denver, CO", "the Data Engineer role", True),
        ("Nurse Practitioner | Part-time", "the Nurse Practitioner position", True),
        ("Backend Engineer, Payments", "the Backend Engineer role", False),
        ("Backend Engineer, Payments", "the Backend Engineer - Payments role", True),
    ],
)
def test_title_core_without_location_or_schedule_counts(
    sample_posting: JobPosting, title: str, text: str, named: bool
) -> None:
    posting = sample_posting.model_copy(update={"title": title, "req_id": None, "url": None})
    assert (find_missing_role(text, posting) == []) is named


def test_missing_role_counts_the_subject_and_points_at_the_title(
    sample_posting: JobPosting,
) -> None:
    assert (
        find_missing_role(
            "Could you refer me?", sample_posting, subject="Senior Data Engineer (R-4821)"
        )
        == []
    )
    text = "Could you refer me for the Senior Data Engineer role?"
    (issue,) = find_missing_role(text, sample_posting)
    assert text[issue.start : issue.end] == "Senior Data Engineer"
    assert (
        "R-4821" in issue.suggestion
        and sample_posting.url
        and sample_posting.url in issue.suggestion
    )


def test_missing_title_suggests_the_exact_title(sample_posting: JobPosting) -> None:
    (issue,) = find_missing_role("Could you refer me for the data job?", sample_posting)
    assert "Senior Data Engineer (Req R-4821)" in issue.suggestion
    assert issue.severity is Severity.error


# --------------------------------------------------------------------------- missing-company


@pytest.mark.parametrize(
    ("text", "company", "expected"),
    [
        ("the role at Northwind Logistics", "Northwind Logistics", []),
        ("the role at Northwind", "Northwind Logistics", []),
        ("the role at northwind logistics", "Northwind Logistics, Inc.", []),
        ("the role on your team", "Northwind Logistics", ["missing-company"]),
        ("the role at General", "General Dynamics", ["missing-company"]),
        ("the role at Acme", "Acme Corp.", []),
    ],
)
def test_missing_company_table(
    sample_posting: JobPosting, text: str, company: str, expected: list[str]
) -> None:
    posting = sample_posting.model_copy(update={"company": company})
    assert [i.code for i in find_missing_company(text, posting)] == expected


def test_no_company_in_posting_means_nothing_to_check(sample_posting: JobPosting) -> None:
    assert find_missing_company("hello", sample_posting.model_copy(update={"company": None})) == []


# --------------------------------------------------------------------------- missing-material


@pytest.mark.parametrize(
    ("text", "attachments", "expected_missing"),
    [
        ("My resume and cover letter are attached, with a link to my code sample.", [], set()),
        ("My CV and cover letter are attached; my code sample: https://github.com/x/y.", [], set()),
        ("My resume is attached.", [], {"cover letter", "code sample"}),
        ("Hello.", [Material.resume, Material.cover_letter, Material.code_sample], set()),
        ("Hello.", [Material.cv, Material.cover_letter], {"code sample"}),
        ("Hello.", [], {"resume", "cover letter", "code sample"}),
    ],
)
def test_missing_material_table(
    sample_posting: JobPosting, text: str, attachments: list[Material], expected_missing: set[str]
) -> None:
    issues = find_missing_materials(
        text, sample_posting, attachments=[Attachment(material=m) for m in attachments]
    )
    assert {
        i.message.split(" (")[0].removeprefix("The posting requires your ") for i in issues
    } == expected_missing
    assert all(i.code == "missing-material" for i in issues)


def test_materials_stop_being_read_once_every_required_one_is_met(
    sample_posting: JobPosting, monkeypatch: pytest.MonkeyPatch
) -> None:
    from referral_ai.validators import email

    read: list[str] = []
    real = email.mentioned
    monkeypatch.setattr(email, "mentioned", lambda t: read.append(t) or real(t))
    required = [Material.resume, Material.cover_letter, Material.code_sample]
    text = "Attached are my resume and cover letter. My code sample is linked below. Thanks again."
    # everything attached: no sentence is read
    attached = [Attachment(material=m) for m in required]
    assert find_missing_materials(text, sample_posting, attachments=attached) == []
    assert read == []
    # the second sentence meets the last one: the third is not read, and nothing is missing
    assert find_missing_materials(text, sample_posting) == []
    assert read == ["Attached are my resume and cover letter.", "My code sample is linked below."]
    # one still missing: every sentence is read, and it is reported
    read.clear()
    issues = find_missing_materials(text.replace("My code sample", "It"), sample_posting)
    assert [i.message.split(" (")[0] for i in issues] == ["The posting requires your code sample"]
    assert len(read) == 3


def test_optional_materials_are_not_required(sample_posting: JobPosting) -> None:
    issues = find_missing_materials(
        "Resume, cover letter and code sample attached.", sample_posting
    )
    assert issues == []  # references are optional in the sample posting


def test_intro_requests_and_reminders_need_no_materials(sample_posting: JobPosting) -> None:
    for kind in (DraftKind.intro_request, DraftKind.reminder):
        assert find_missing_materials("Hello.", sample_posting, kind=kind) == []


def test_cover_letter_must_contain_what_the_posting_asks_for_in_the_letter(
    sample_posting: JobPosting,
) -> None:
    src = "In your cover letter, please state your salary expectations."
    posting = sample_posting.model_copy(
        update={
            "materials": [
                *sample_posting.materials,
                MaterialRequirement(material=Material.salary_expectations, source=src),
            ]
        }
    )
    (issue,) = find_missing_materials(
        "I am applying for the role.", posting, kind=DraftKind.cover_letter
    )
    assert "salary expectations" in issue.message
    assert (
        find_missing_materials(
            "My salary expectation is $150,000.", posting, kind=DraftKind.cover_letter
        )
        == []
    )


# --------------------------------------------------------------------------- placeholder


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hi [Name],", ["[Name]"]),
        ("I'd love to join [Company Name].", ["[Company Name]"]),
        ("Best, [Your Name]", ["[Your Name]"]),
        ("Hello {name}!", ["{name}"]),
        ("Hello {{ first_name }}!", ["{{ first_name }}"]),
        ("See <insert link here>.", ["<insert link here>"]),
        ("I have XX years of experience.", ["XX"]),
        ("I cut costs by XXX%.", ["XXX"]),
        ("Start date: TBD.", ["TBD"]),
        ("Lorem ipsum dolor sit amet.", ["Lorem ipsum"]),
        ("Signed: ________", ["________"]),
        ("Dear Hiring Manager,", []),
        ("See [the docs](https://example.com).", []),
        ("The [sic] spelling is theirs.", []),
        ("I built an XML parser for Xbox titles.", []),
    ],
)
def test_placeholder_table(text: str, found: list[str]) -> None:
    issues = find_placeholders(text)
    assert [text[i.start : i.end] for i in issues] == found
    assert all(i.code == "placeholder" and i.severity is Severity.error for i in issues)


# --------------------------------------------------------------------------- length


@pytest.mark.parametrize(
    ("kind", "words", "expected"),
    [
        (DraftKind.follow_up, 200, []),
        (DraftKind.follow_up, 201, ["length"]),
        (DraftKind.intro_request, 201, ["length"]),
        (DraftKind.reminder, 120, []),
        (DraftKind.reminder, 121, ["length"]),
        (DraftKind.cover_letter, 450, []),
        (DraftKind.cover_letter, 451, ["length"]),
    ],
)
def test_length_table(kind: DraftKind, words: int, expected: list[str]) -> None:
    text = " ".join(f"w{i}" for i in range(words))
    issues = check_length(text, kind)
    assert [i.code for i in issues] == expected
    for i in issues:  # the span starts at the first word over the limit
        assert i.severity is Severity.warning
        assert text[i.start :].split()[0] == f"w{LENGTH_LIMITS[kind]}"


# --------------------------------------------------------------------------- subject


@pytest.mark.parametrize(
    ("subject", "kind", "expected"),
    [
        ("Referral for Senior Data Engineer (R-4821)", DraftKind.follow_up, []),
        ("senior data engineer referral", DraftKind.follow_up, []),
        ("Quick question", DraftKind.follow_up, ["subject"]),
        (None, DraftKind.follow_up, ["subject"]),
        ("   ", DraftKind.reminder, ["subject"]),
        (None, DraftKind.cover_letter, []),
    ],
)
def test_subject_table(
    sample_posting: JobPosting, subject: str | None, kind: DraftKind, expected: list[str]
) -> None:
    issues = check_subject(subject, sample_posting, kind=kind)
    assert [i.code for i in issues] == expected
    assert all(i.target == "subject" and i.severity is Severity.warning for i in issues)


def test_subject_without_posting_only_requires_a_subject() -> None:
    assert check_subject("Quick question") == []
    assert [i.code for i in check_subject(None)] == ["subject"]


# --------------------------------------------------------------------------- cliche


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "I am writing to express my interest in the role.",
            ["I am writing to express my interest"],
        ),
        ("I'm passionate about data and a team player.", ["passionate", "team player"]),
        ("Let's find synergy and think outside the box.", ["synergy", "think outside the box"]),
        (
            "A detail-oriented go-getter who can hit the ground running.",
            ["detail-oriented", "go-getter", "hit the ground running"],
        ),
        ("I migrated 40 batch jobs to Airflow.", []),
    ],
)
def test_cliche_table(text: str, found: list[str]) -> None:
    issues = find_cliches(text)
    assert [text[i.start : i.end] for i in issues] == found
    assert all(
        i.code == "cliche" and i.severity is Severity.warning and i.suggestion for i in issues
    )


# A posting's "X or Y" (parsed by the real reader): any one of them meets the requirement.
_EITHER = (
    "Please attach your resume and either a portfolio or code samples (a GitHub link is fine)."
)


def _asking(posting: JobPosting, sentence: str) -> JobPosting:
    from referral_ai.inputs.materials import extract_materials

    return posting.model_copy(update={"materials": extract_materials(sentence)})


@pytest.mark.parametrize(
    ("text", "attachments"),
    [
        ("My resume is attached; my code is at https://github.com/jlee/pipelines.", []),
        ("My resume and portfolio are attached.", []),
        ("Hello.", [Material.resume, Material.code_sample]),
    ],
)
def test_any_alternative_meets_the_requirement(
    sample_posting: JobPosting, text: str, attachments: list[Material]
) -> None:
    posting = _asking(sample_posting, _EITHER)
    (either,) = [r for r in posting.required_materials if r.alternatives]
    assert either.options == [Material.portfolio, Material.code_sample]
    issues = find_missing_materials(
        text, posting, attachments=[Attachment(material=m) for m in attachments]
    )
    assert issues == []


def test_the_refusal_names_every_alternative(sample_posting: JobPosting) -> None:
    posting = _asking(sample_posting, _EITHER)
    (issue,) = find_missing_materials("My resume is attached.", posting)
    assert issue.message.startswith("The posting requires your portfolio or code sample (")
    assert issue.message.endswith("neither attaches nor mentions any of them.")
    assert "Attach your portfolio or code sample" in (issue.suggestion or "")


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        (
            "Applicants must include a transcript (unofficial is fine) and a CV.",
            "My CV and my unofficial transcript are attached.",
        ),
        (
            "Please provide two or three references with your application.",
            "My resume is attached. References are available on request.",
        ),
        (
            "To apply, please submit a resume, a cover letter, and a portfolio or work samples.",
            "Attached are my resume, my cover letter and my work samples.",
        ),
    ],
)
def test_real_phrasings_of_a_material_are_met_by_an_honest_answer(
    sample_posting: JobPosting, sentence: str, answer: str
) -> None:
    posting = _asking(sample_posting, sentence)
    assert posting.required_materials
    assert find_missing_materials(answer, posting) == []
    # and the same posting still catches an email that says nothing of them
    assert find_missing_materials("Hello.", posting)
