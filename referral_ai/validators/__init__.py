"""The referral advice as checks with stable codes.

:func:`validate` runs every rule that its inputs allow and returns a :class:`~referral_ai.models.Report`.
Each rule is also a plain public function returning ``list[Issue]``; :data:`RULES` lists them all
(code -> severity, one-line description, function). ``docs/validators.md`` documents every code.

Rules that need the posting or the resume are skipped when it is not given; nothing is guessed.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from referral_ai._lazy import lazy_exports
from referral_ai.findings import Finding, to_issues
from referral_ai.kinds import DraftKind, Severity
from referral_ai.validators._text import Span, split_sentences
from referral_ai.validators.asks import (
    ask_finding,
    assess_asks,
    classify_ask,
    find_generic_asks,
    generic_asks,
    is_generic_ask,
    names_specific_role,
)
from referral_ai.validators.claims import find_ungrounded_claims, ungrounded_claims
from referral_ai.validators.context import InputContext, Prepared, input_context, prepare
from referral_ai.validators.email import (
    Attached,
    attached_materials,
    draft_from_text,
    parse_email,
)
from referral_ai.validators.injected import (
    find_injected_output,
    find_input_injections,
    injected_output,
    input_injections,
)
from referral_ai.validators.misread import (
    find_misread_fields,
    find_unsigned,
    misread_fields,
    unsigned,
)
from referral_ai.validators.rules import (
    LENGTH_LIMITS,
    check_length,
    check_subject,
    cliches,
    find_cliches,
    find_missing_company,
    find_missing_materials,
    find_missing_role,
    find_placeholders,
    length_findings,
    missing_company,
    missing_materials,
    missing_role,
    placeholders,
    subject_findings,
)

if TYPE_CHECKING:
    from referral_ai.models import Attachment, Draft, Issue, JobPosting, Referral, Report, Resume
    from referral_ai.style import Style
    from referral_ai.validators.judge import AskJudge, JudgedReport, Judgement

__all__ = [
    "LENGTH_LIMITS",
    "RULES",
    "AskJudge",
    "Check",
    "CheckInput",
    "JudgedReport",
    "Judgement",
    "Prepared",
    "Rule",
    "Span",
    "check_length",
    "check_subject",
    "classify_ask",
    "draft_from_text",
    "find_cliches",
    "find_generic_asks",
    "find_injected_output",
    "find_input_injections",
    "find_misread_fields",
    "find_missing_company",
    "find_missing_materials",
    "find_missing_role",
    "find_placeholders",
    "find_ungrounded_claims",
    "find_unsigned",
    "is_generic_ask",
    "names_specific_role",
    "prepare",
    "rules_markdown",
    "split_sentences",
    "validate",
    "validate_findings",
]


@dataclass(frozen=True)
class CheckInput:
    """Everything a rule may read, built once per :func:`validate` call. Every rule's ``check`` takes one."""

    body: str
    subject: str | None
    spans: list[Span]
    kind: DraftKind
    attachments: Sequence[Attachment | Attached] = field(default_factory=list)
    posting: JobPosting | None = None
    resume: Resume | None = None
    referral: Referral | None = None
    facts: Sequence[str] = ()
    length: int | None = None
    context: InputContext | None = None
    """What the rules derive from posting, resume, referral and facts (:func:`validate` sets it)."""


Check = Callable[[CheckInput], list[Finding]]


def _on_subject(issues: list[Finding]) -> list[Finding]:
    return [dataclasses.replace(i, target="subject") for i in issues]


@dataclass(frozen=True)
class Rule:
    """One rule: its stable code, severity, a one-line description, what it needs, and its check.

    ``check`` has the one signature every rule shares (``CheckInput -> list[Finding]``, the
    :class:`~referral_ai.findings.Finding` records :func:`validate` turns into issues; those with target
    ``"subject"`` index the subject, the others the body). ``function`` is the rule's documented public
    function. ``needs`` names the inputs the rule requires (``"posting"``, ``"resume"``; ``"posting or
    resume"`` is satisfied by either): :func:`validate` skips the rule without them. ``fix`` is the
    general fix in one line, as ``docs/validators.md`` opens each rule's **Fix**.
    """

    code: str
    severity: Severity
    description: str
    function: Callable[..., list[Issue]]
    check: Check
    needs: tuple[str, ...] = ()
    fix: str = field(kw_only=True)
    """The general fix in one line (each issue's ``suggestion`` is the specific one)."""

    def ready(self, inputs: CheckInput) -> bool:
        """Are the inputs this rule needs given?"""
        return not self.needs or all(
            any(getattr(inputs, name.strip()) is not None for name in need.split(" or "))
            for need in self.needs
        )


_sentence_lock = threading.Lock()
_sentence_cache: dict[tuple[str, str], list[Finding]] = {}
_SENTENCE_CACHE_MAX = 8192


def _by_sentence(code: str, fn: Callable[[str], list[Finding]], c: CheckInput) -> list[Finding]:
    """``fn`` run on each sentence of the body (cached by sentence text), its spans moved to the body.

    For rules whose findings never cross a sentence end (placeholders, clichés, misread fields): an
    email re-checked on every keystroke re-reads only the sentence that changed.
    """
    out: list[Finding] = []
    cache = _sentence_cache
    for s in c.spans:
        key = (code, s.text)
        found = cache.get(key)
        if found is None:
            found = fn(s.text)
            with _sentence_lock:
                if len(cache) >= _SENTENCE_CACHE_MAX:
                    cache.clear()
                cache[key] = found
        if found:  # most sentences: nothing to move
            out += _shift(found, s.start)
    return out


def _placeholders(c: CheckInput) -> list[Finding]:
    return _by_sentence("placeholder", placeholders, c) + (
        _on_subject(placeholders(c.subject)) if c.subject else []
    )


def _injected(c: CheckInput) -> list[Finding]:
    out = injected_output(c.body, c.posting, c.resume, referral=c.referral, context=c.context)
    if c.subject:
        out += _on_subject(
            injected_output(c.subject, c.posting, c.resume, referral=c.referral, context=c.context)
        )
    return out + input_injections(c.posting, c.resume, context=c.context)


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("generic-ask", Severity.error, "A sentence asks about unspecified jobs instead of one named posting.", find_generic_asks,
             lambda c: generic_asks(c.body, c.posting, spans=c.spans),
             fix="ask about one posting by its exact title, with the req id and link"),
        Rule("missing-role", Severity.error, "The posting's exact title (and, in emails, its req id or link) is not named.", find_missing_role,
             lambda c: missing_role(c.body, c.posting, kind=c.kind, subject=c.subject) if c.posting else [], ("posting",),
             fix="write the title as posted plus the req id or link"),
        Rule("missing-company", Severity.error, "The company is not named.", find_missing_company,
             lambda c: missing_company(c.body, c.posting, subject=c.subject) if c.posting else [], ("posting",),
             fix="name the company next to the role"),
        Rule("missing-material", Severity.error, "A material the posting requires is neither attached nor addressed.", find_missing_materials,
             lambda c: missing_materials(c.body, c.posting, attachments=c.attachments, kind=c.kind, spans=c.spans) if c.posting else [], ("posting",),
             fix="attach it, or say in the email where it is"),
        Rule("ungrounded-claim", Severity.error, "Something claimed for the candidate is not in the resume.", find_ungrounded_claims,
             lambda c: ungrounded_claims(c.body, c.resume, c.posting, referral=c.referral, spans=c.spans, facts=c.facts, context=c.context) if c.resume else [], ("resume",),
             fix="use the figure, title or name exactly as the resume states it, or remove it"),
        Rule("unsigned", Severity.error, "The draft is signed with nothing: no name after the closing, or no candidate name.", find_unsigned,
             lambda c: unsigned(c.body, c.resume, kind=c.kind),
             fix="sign with your full name under the closing; put your name at the top of your resume"),
        Rule("misread-field", Severity.error, "A fact from a misread input: a web or e-mail address as a role or employer, common words as skills.", find_misread_fields,
             lambda c: _by_sentence("misread-field", misread_fields, c),
             fix="write the role as 'title at employer' from your resume; list only real skills (tools, methods, languages) both documents name, or drop the sentence"),
        Rule("placeholder", Severity.error, "Unfilled template text such as [Company Name], {name} or XX.", find_placeholders, _placeholders,
             fix="replace it with the real value from the posting or your resume, or delete it"),
        Rule("injected-instruction", Severity.error, "The draft obeys text hidden in the inputs (canary word, unknown link); or an input contains instructions to an AI (warning).", find_injected_output,
             _injected, ("posting or resume",),
             fix="delete the word or link and rewrite the sentence from your own materials"),
        Rule("length", Severity.warning, "The draft is longer than its kind should be, or outside the length its style asks for.", check_length,
             lambda c: length_findings(c.body, c.kind, c.length),
             fix="keep the ask, the role, one or two proofs of fit and the attachment list; cut the rest"),
        Rule("subject", Severity.warning, "The email subject is missing or does not name the role.", check_subject,
             lambda c: subject_findings(c.subject, c.posting, kind=c.kind),
             fix="name the role in the subject, with its req id"),
        Rule("cliche", Severity.warning, "A stock phrase readers skip.", find_cliches, lambda c: _by_sentence("cliche", cliches, c),
             fix="replace the adjective with the concrete thing you did"),
    )
}  # fmt: skip
"""Every rule by code, in the order :func:`validate` runs them. A new rule is one module, one row here,
its section in ``docs/validators.md`` and its tests."""


def rules_markdown() -> str:
    """The registry as a Markdown table: code, severity, what it checks, the fix.

    README's table under "The checks" is exactly this (a test compares them); after changing a rule,
    ``python scripts/update_readme_rules.py`` rewrites it.
    """

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    rows = ["| code | severity | what it checks | fix |", "|---|---|---|---|"]
    for r in RULES.values():
        fix = r.fix[:1].upper() + r.fix[1:] + "."
        rows.append(f"| `{r.code}` | {r.severity.value} | {cell(r.description)} | {cell(fix)} |")
    return "\n".join(rows) + "\n"


def _shift(issues: list[Finding], offset: int) -> list[Finding]:
    if not offset:
        return issues
    return [dataclasses.replace(i, start=i.start + offset, end=i.end + offset) for i in issues]


def validate(
    draft: Draft | str,
    *,
    posting: JobPosting | None = None,
    resume: Resume | None = None,
    referral: Referral | None = None,
    kind: DraftKind | str | None = None,
    facts: Sequence[str] = (),
    judge: AskJudge | None = None,
    style: Style | None = None,
    prepared: Prepared | None = None,
) -> Report:
    """Check a draft against every rule its inputs allow (the :data:`RULES` registry) and return the
    :class:`Report`.

    ``draft`` is a :class:`Draft`, or a ``str`` holding a hand-written email (an optional leading
    ``Subject: ...`` line, then the body; materials it attaches are read from its text, see
    :func:`draft_from_text`). ``kind`` overrides the draft's kind (a ``str`` draft defaults to a
    follow-up); it may be a string (``"cover_letter"``, ``"cover letter"``; see :class:`DraftKind`).
    Rules needing ``posting`` (role, company, materials) or ``resume`` (grounded claims) are skipped
    without them. ``facts`` are statements the candidate supplied besides the resume (e.g.
    ``DraftContext.salary_expectations``): what they say counts as grounded. Spans index the body (target
    ``"body"``) or the subject (``"subject"``); for a ``str`` they index that string. ``judge`` (an
    :class:`~referral_ai.writers.openai_writer.OpenAIWriter`) is asked about the ``generic-ask``
    sentences the rule is unsure of, and the result is a :class:`JudgedReport`. ``style`` (a
    :class:`~referral_ai.style.Style`) sets the length the ``length`` rule checks. ``prepared``
    (:func:`prepare`) gives posting, resume, referral and facts keyed once, for many checks against
    inputs that do not change; any of them given too must be the prepared ones (ValueError). Never
    raises on odd text (empty, huge, non-English).
    """
    findings, texts, judged = _validate(
        draft,
        posting=posting,
        resume=resume,
        referral=referral,
        kind=kind,
        facts=facts,
        judge=judge,
        style=style,
        prepared=prepared,
    )
    issues = to_issues(findings)
    if judged is None:
        from referral_ai.models import Report

        return Report(issues=issues).with_texts(texts)
    from referral_ai.validators.judge import JudgedReport

    return JudgedReport(issues=issues, **judged).with_texts(texts)


Texts = dict[str, tuple[str, int, int]]
"""What each target's spans index: target -> (text, start, end of the target's part of it)."""


def validate_findings(
    draft: Draft | str,
    *,
    posting: JobPosting | None = None,
    resume: Resume | None = None,
    referral: Referral | None = None,
    kind: DraftKind | str | None = None,
    facts: Sequence[str] = (),
    style: Style | None = None,
    prepared: Prepared | None = None,
) -> tuple[list[Finding], Texts]:
    """:func:`validate` without building the report: the :class:`~referral_ai.findings.Finding`
    records in the report's order, and what their spans index (print both with
    :func:`~referral_ai.findings.report_text`). ``referral-ai check`` runs this, so that it starts
    without loading pydantic."""
    findings, texts, _ = _validate(
        draft,
        posting=posting,
        resume=resume,
        referral=referral,
        kind=kind,
        facts=facts,
        judge=None,
        style=style,
        prepared=prepared,
    )
    return findings, texts


def _validate(
    draft: Draft | str,
    *,
    posting: JobPosting | None,
    resume: Resume | None,
    referral: Referral | None,
    kind: DraftKind | str | None,
    facts: Sequence[str],
    judge: AskJudge | None,
    style: Style | None,
    prepared: Prepared | None = None,
) -> tuple[list[Finding], Texts, dict[str, Any] | None]:
    context: InputContext | None = None
    if prepared is not None:
        posting, resume, referral, facts = prepared.inputs(posting, resume, referral, facts)
        context = prepared.context
    elif posting is not None or resume is not None:
        context = input_context(posting, resume, referral, facts)
    body_offset = subject_offset = 0
    wanted = DraftKind(kind) if kind is not None else None  # a string kind too; unknown: ValueError
    attachments: Sequence[Attachment | Attached]
    if isinstance(draft, str):
        # what draft_from_text reads, without building the Draft
        parsed = parse_email(draft)
        body, subject, attachments = parsed.body, parsed.subject, attached_materials(parsed.body)
        body_offset, subject_offset = parsed.body_start, parsed.subject_start
        the_kind = wanted or DraftKind.follow_up
    else:
        body, subject, attachments = draft.body, draft.subject, list(draft.attachments)
        the_kind = wanted or draft.kind
    inputs = CheckInput(
        body=body,
        subject=subject,
        spans=split_sentences(body),
        kind=the_kind,
        attachments=attachments,
        posting=posting,
        resume=resume,
        referral=referral,
        facts=facts,
        length=style.length if style is not None else None,
        context=context,
    )
    body_issues: list[Finding] = []
    subject_issues: list[Finding] = []
    other: list[Finding] = []
    judged: dict[str, Any] | None = None
    for rule in RULES.values():
        if not rule.ready(inputs):
            continue
        if judge is not None and rule.code == "generic-ask":
            found, judged = _judged_asks(inputs, judge)
        else:
            found = rule.check(inputs)
        for i in found:
            (
                subject_issues
                if i.target == "subject"
                else other
                if i.target in ("posting", "resume") and i.code == "injected-instruction"
                else body_issues
            ).append(i)
    issues = _shift(subject_issues, subject_offset) + _shift(body_issues, body_offset) + other
    # what the spans index, so a report can show the issues' words (a string: both index it)
    text = draft if isinstance(draft, str) else body
    texts = {"body": (text, body_offset, body_offset + len(body))}
    if subject is not None:
        texts["subject"] = (
            draft if isinstance(draft, str) else subject,
            subject_offset,
            subject_offset + len(subject),
        )
    return issues, texts, judged


def _judged_asks(inputs: CheckInput, judge: AskJudge) -> tuple[list[Finding], dict[str, Any]]:
    """``generic-ask`` with the model deciding the uncertain sentences."""
    from referral_ai.validators.judge import Judgement, ask_judge

    assessed = assess_asks(inputs.body, inputs.posting, spans=inputs.spans)
    unsure = [(s, v, counted) for s, v, counted in assessed if v.uncertain]
    answers, usage, notes = ask_judge(judge, [s.text for s, _, _ in unsure])
    judgements = [
        Judgement(
            sentence=s.text, start=s.start, end=s.end, step=v.step, pattern=v.pattern,
            rule_generic=counted, model_generic=answers.get(n),
        )
        for n, (s, v, counted) in enumerate(unsure)
    ]  # fmt: skip
    verdict = {(j.start, j.end): j.generic for j in judgements}
    issues = [
        ask_finding(s, v, inputs.posting)
        for s, v, counted in assessed
        if verdict.get((s.start, s.end), counted)
    ]
    return issues, {"judgements": judgements, "judge_usage": usage, "judge_notes": notes}


# the model's second opinion is imported only when asked for (a check without a judge starts faster)
__getattr__, __dir__ = lazy_exports(
    __name__,
    dict.fromkeys(("AskJudge", "JudgedReport", "Judgement"), "referral_ai.validators.judge"),
    globals(),
)
