"""``injected-instruction``: the draft obeyed something hidden in the inputs, or the inputs carry such text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from referral_ai.findings import Finding, to_issues
from referral_ai.kinds import Severity
from referral_ai.prefilter import Gated
from referral_ai.validators.context import InputContext, input_context

if TYPE_CHECKING:
    from referral_ai.models import Issue, JobPosting, Referral, Resume

__all__ = ["find_injected_output", "find_input_injections", "injected_output", "input_injections"]

_I = re.IGNORECASE
# An e-mail's local part is tried from the first word character of its [\w.+-] run only (after at
# most 2 of ".+-"), so a long run with no "@" is not rescanned from each character.
_LINK = Gated(
    r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+"
    r"|(?<!\w)(?<!\w[.+-])(?<!\w[.+-]{2})(?<![.+-]{3})\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    _I,
)
_TRAILING = ".,;:!?)]}'\""


def _norm_link(s: str) -> str:
    s = s.strip().rstrip(_TRAILING).lower()
    s = re.sub(r"^(?:https?://)?(?:www\.)?", "", s)
    return s.rstrip("/")


def _known_links(
    posting: JobPosting | None, resume: Resume | None, referral: Referral | None
) -> str:
    parts: list[str] = []
    if posting is not None:
        parts += [posting.text, posting.url or "", posting.contact or ""]
    if resume is not None:
        parts += [resume.text, resume.contact.email or "", *resume.contact.links]
    if referral is not None:
        parts += [
            referral.contact_email or "",
            referral.introducer_email or "",
            referral.note or "",
        ]
    return " ".join(_norm_link(m.group()) for m in _LINK.finditer("\n".join(parts)))


def _input_facts(
    posting: JobPosting | None, resume: Resume | None, referral: Referral | None
) -> tuple[list[str], list[str]]:
    """The canary words the inputs ask for (sorted) and their known links."""
    from referral_ai.inputs.injection import canary_words

    canaries: set[str] = set()
    for doc in (posting, resume):
        if doc is None:
            continue
        canaries |= canary_words(doc.text)
        # text the loader removed (hidden runs) or flagged is still what a model may have been shown
        for w in doc.warnings:
            if w.code in ("hidden-text", "injected-instruction"):
                canaries |= canary_words(w.excerpt)
    return sorted(canaries, key=str.lower), _known_links(posting, resume, referral).split()


def find_injected_output(
    text: str,
    posting: JobPosting | None,
    resume: Resume | None,
    *,
    referral: Referral | None = None,
    context: InputContext | None = None,
) -> list[Issue]:
    """``injected-instruction`` errors in a draft: a canary word that an instruction hidden in the posting
    or resume asked for (in its text or in a loader warning's excerpt), or a link / email address that
    appears in neither input nor the referral.

    A link counts as known when a known link starts with it or it starts with a known link (so the
    posting's page and its sub-pages both pass). Give at least one input; with neither nothing is checked.
    ``context`` is :func:`~referral_ai.validators.context.input_context` of these inputs, when the
    caller has it (the canary words and known links are derived once per input content).
    """
    return to_issues(injected_output(text, posting, resume, referral=referral, context=context))


def injected_output(
    text: str,
    posting: JobPosting | None,
    resume: Resume | None,
    *,
    referral: Referral | None = None,
    context: InputContext | None = None,
) -> list[Finding]:
    """:func:`find_injected_output` as :class:`~referral_ai.findings.Finding` records."""
    if posting is None and resume is None:
        return []
    issues: list[Finding] = []
    ctx = context or input_context(posting, resume, referral)
    canaries, known_list = ctx.memo(
        "injected-facts", lambda: _input_facts(posting, resume, referral)
    )
    for word in canaries:
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, _I):
            issues.append(
                Finding(
                    code="injected-instruction",
                    severity=Severity.error,
                    message=(
                        f"\u201c{m.group()}\u201d is a word that hidden text in the posting or resume asked an AI "
                        "to include. A person would not write it; it shows the draft followed injected instructions."
                    ),
                    start=m.start(),
                    end=m.end(),
                    suggestion=f"Delete \u201c{m.group()}\u201d and rewrite the sentence from your own materials.",
                )
            )
    for m in _LINK.finditer(text):
        raw = m.group().rstrip(_TRAILING)
        link = _norm_link(raw)
        if not link or any(k.startswith(link) or link.startswith(k) for k in known_list if k):
            continue
        what = "email address" if "@" in link and "/" not in link else "link"
        issues.append(
            Finding(
                code="injected-instruction",
                severity=Severity.error,
                message=(
                    f"The {what} \u201c{raw}\u201d is in neither the posting, your resume nor the referral. "
                    "It may have been invented or planted; readers will click it."
                ),
                start=m.start(),
                end=m.start() + len(raw),
                suggestion=f"Remove it, or use the {what} exactly as it appears in your resume or the posting.",
            )
        )
    issues.sort(key=lambda i: i.start)
    return issues


def find_input_injections(
    posting: JobPosting | None = None,
    resume: Resume | None = None,
    *,
    context: InputContext | None = None,
) -> list[Issue]:
    """``injected-instruction`` warnings about the inputs themselves: instructions addressed to an AI.

    Uses the input's own warnings when the loader recorded them, else scans its text. Spans index the
    input's text when the excerpt can be found there (target ``"posting"`` / ``"resume"``). ``context``
    as for :func:`find_injected_output` (any referral and facts: these issues read neither).
    """
    return to_issues(input_injections(posting, resume, context=context))


def input_injections(
    posting: JobPosting | None = None,
    resume: Resume | None = None,
    *,
    context: InputContext | None = None,
) -> list[Finding]:
    """:func:`find_input_injections` as :class:`~referral_ai.findings.Finding` records."""
    if posting is None and resume is None:
        return []
    ctx = context or input_context(posting, resume)
    return list(ctx.memo("input-injections", lambda: _input_injections(posting, resume)))


def _input_injections(posting: JobPosting | None, resume: Resume | None) -> list[Finding]:
    from referral_ai.inputs.injection import find_injected_instructions

    issues: list[Finding] = []
    for target, doc in (("posting", posting), ("resume", resume)):
        if doc is None:
            continue
        found = [
            w for w in doc.warnings if w.code == "injected-instruction"
        ] or find_injected_instructions(doc.text)
        for w in found:
            excerpt = w.excerpt.strip(".")
            pos = doc.text.find(excerpt) if excerpt else -1
            start, end = (pos, pos + len(excerpt)) if pos >= 0 else (0, 0)
            issues.append(
                Finding(
                    code="injected-instruction",
                    severity=Severity.warning,
                    message=(
                        f"The {target} contains text addressed to an AI, not a person: \u201c{w.excerpt}\u201d. "
                        "It was treated as data and not followed; check the draft does not obey it."
                    ),
                    start=start,
                    end=end,
                    suggestion=f"Read the {target} yourself; if you wrote this text into your resume, remove it."
                    if target == "resume"
                    else "Nothing to change in your draft; be aware the posting contains hidden instructions.",
                    target=target,  # type: ignore[arg-type]
                )
            )
    return issues
