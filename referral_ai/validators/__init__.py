"""The referral advice as checks with stable codes.

:func:`validate` runs every rule that its inputs allow and returns a :class:`~referral_ai.models.Report`.
Each rule is also a plain public function returning ``list[Issue]``; :data:`RULES` lists them all
(code -> severity, one-line description, function). ``docs/validators.md`` documents every code.

Rules that need the posting or the resume are skipped when it is not given; nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from referral_ai.models import (
    Draft,
    DraftKind,
    Issue,
    JobPosting,
    Referral,
    Report,
    Resume,
    Severity,
)
from referral_ai.validators._text import Span, split_sentences
from referral_ai.validators.asks import find_generic_asks, is_generic_ask, names_specific_role
from referral_ai.validators.claims import find_ungrounded_claims
from referral_ai.validators.email import draft_from_text, parse_email
from referral_ai.validators.injected import find_injected_output, find_input_injections
from referral_ai.validators.rules import (
    LENGTH_LIMITS,
    check_length,
    check_subject,
    find_cliches,
    find_missing_company,
    find_missing_materials,
    find_missing_role,
    find_placeholders,
)

__all__ = [
    "LENGTH_LIMITS",
    "RULES",
    "Rule",
    "Span",
    "check_length",
    "check_subject",
    "draft_from_text",
    "find_cliches",
    "find_generic_asks",
    "find_injected_output",
    "find_input_injections",
    "find_missing_company",
    "find_missing_materials",
    "find_missing_role",
    "find_placeholders",
    "find_ungrounded_claims",
    "is_generic_ask",
    "names_specific_role",
    "split_sentences",
    "validate",
]


@dataclass(frozen=True)
class Rule:
    """One rule: its stable code, severity, a one-line description and the function that checks it."""

    code: str
    severity: Severity
    description: str
    function: Callable[..., list[Issue]]
    needs: tuple[str, ...] = ()


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("generic-ask", Severity.error, "A sentence asks about unspecified jobs instead of one named posting.", find_generic_asks),
        Rule("missing-role", Severity.error, "The posting's exact title (and, in emails, its req id or link) is not named.", find_missing_role, ("posting",)),
        Rule("missing-company", Severity.error, "The company is not named.", find_missing_company, ("posting",)),
        Rule("missing-material", Severity.error, "A material the posting requires is neither attached nor addressed.", find_missing_materials, ("posting",)),
        Rule("ungrounded-claim", Severity.error, "Something claimed for the candidate is not in the resume.", find_ungrounded_claims, ("resume",)),
        Rule("placeholder", Severity.error, "Unfilled template text such as [Company Name], {name} or XX.", find_placeholders),
        Rule("injected-instruction", Severity.error, "The draft obeys text hidden in the inputs (canary word, unknown link); or an input contains instructions to an AI (warning).", find_injected_output, ("posting or resume",)),
        Rule("length", Severity.warning, "The draft is longer than its kind should be.", check_length),
        Rule("subject", Severity.warning, "The email subject is missing or does not name the role.", check_subject),
        Rule("cliche", Severity.warning, "A stock phrase readers skip.", find_cliches),
    )
}  # fmt: skip
"""Every rule by code. ``needs`` says which input a rule requires (it is skipped without it)."""


def _shift(issues: list[Issue], offset: int) -> list[Issue]:
    if not offset:
        return issues
    return [i.model_copy(update={"start": i.start + offset, "end": i.end + offset}) for i in issues]


def validate(
    draft: Draft | str,
    *,
    posting: JobPosting | None = None,
    resume: Resume | None = None,
    referral: Referral | None = None,
    kind: DraftKind | None = None,
    facts: Sequence[str] = (),
) -> Report:
    """Check a draft against every rule its inputs allow and return the :class:`Report`.

    ``draft`` is a :class:`Draft`, or a ``str`` holding a hand-written email (an optional leading
    ``Subject: ...`` line, then the body; materials it attaches are read from its text, see
    :func:`draft_from_text`). ``kind`` overrides the draft's kind (a ``str`` defaults to a follow-up).
    Rules needing ``posting`` (role, company, materials) or ``resume`` (grounded claims) are skipped
    without them. ``facts`` are statements the candidate supplied besides the resume (e.g.
    ``DraftContext.salary_expectations``): what they say counts as grounded. Spans index the body (target ``"body"``) or the subject (``"subject"``); for a
    ``str`` they index that string. Never raises on odd text (empty, huge, non-English).
    """
    body_offset = subject_offset = 0
    if isinstance(draft, str):
        parsed = parse_email(draft)
        d = draft_from_text(draft, kind or DraftKind.follow_up)
        body_offset, subject_offset = parsed.body_start, parsed.subject_start
    else:
        d = draft
    k = kind or d.kind
    body = d.body
    subject = d.subject
    spans = split_sentences(body)

    body_issues: list[Issue] = []
    body_issues += find_generic_asks(body, posting, spans=spans)
    if posting is not None:
        body_issues += find_missing_role(body, posting, kind=k, subject=subject)
        body_issues += find_missing_company(body, posting, subject=subject)
        body_issues += find_missing_materials(body, posting, attachments=d.attachments, kind=k)
    if resume is not None:
        body_issues += find_ungrounded_claims(
            body, resume, posting, referral=referral, spans=spans, facts=facts
        )
    body_issues += find_placeholders(body)
    body_issues += find_injected_output(body, posting, resume, referral=referral)
    body_issues += check_length(body, k)
    body_issues += find_cliches(body)

    subject_issues: list[Issue] = check_subject(subject, posting, kind=k)
    if subject:
        subject_issues += [
            i.model_copy(update={"target": "subject"}) for i in find_placeholders(subject)
        ]
        subject_issues += [
            i.model_copy(update={"target": "subject"})
            for i in find_injected_output(subject, posting, resume, referral=referral)
        ]

    issues = _shift(subject_issues, subject_offset) + _shift(body_issues, body_offset)
    issues += find_input_injections(posting, resume)
    return Report(issues=issues)
