"""Rules for drafts built on a misread input: ``unsigned`` and ``misread-field``.

* ``unsigned`` — the draft is signed with nothing: its closing ("Sincerely,", "Best,", "Thanks,") is the
  last line with no name after it, or (a cover letter, with a resume) the resume gives no candidate name
  at all, so the letterhead and signature are empty.
* ``misread-field`` — a sentence states a fact that can only come from a misread resume or posting:
  a role or employer that is a web address or an e-mail address ("My most recent role was example.me at
  x@y.com", "At jane.dev, I built ..."), or a list of "skills the posting names" made of common words
  ("team, one, job and making").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from referral_ai.findings import Finding, to_issues
from referral_ai.kinds import DraftKind, Severity
from referral_ai.prefilter import Gated
from referral_ai.validators._text import Span, split_sentences
from referral_ai.validators.skills import find_skills

if TYPE_CHECKING:
    from referral_ai.models import Issue, Resume

__all__ = ["find_misread_fields", "find_unsigned", "misread_fields", "unsigned"]

_I = re.IGNORECASE

# --------------------------------------------------------------------------- unsigned

_CLOSING = re.compile(
    r"^\s*(?:best|best\s+regards|kind\s+regards|warm\s+regards|warmly|regards|thanks|thank\s+you|many\s+thanks|"
    r"thanks\s+(?:again|so\s+much)|cheers|sincerely|yours\s+sincerely|sincerely\s+yours|yours\s+truly|yours\s+faithfully|"
    r"respectfully|with\s+(?:thanks|gratitude|appreciation)|all\s+the\s+best|gratefully|talk\s+soon)\s*[,.!]?\s*$",
    _I,
)


def find_unsigned(
    text: str, resume: Resume | None = None, *, kind: DraftKind = DraftKind.follow_up
) -> list[Issue]:
    """``unsigned`` errors: the draft ends with its closing and no name, or (a cover letter checked with
    a resume) the resume gives no candidate name to sign with.

    The span is the closing line when there is one, else the whole text.
    """
    return to_issues(unsigned(text, resume, kind=kind))


def unsigned(
    text: str, resume: Resume | None = None, *, kind: DraftKind = DraftKind.follow_up
) -> list[Finding]:
    """:func:`find_unsigned` as :class:`~referral_ai.findings.Finding` records."""
    lines = [
        (m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()
    ]
    if not lines:
        return []
    start, end, last = lines[-1]
    if _CLOSING.match(last):
        a = start + len(last) - len(last.lstrip())
        return [
            Finding(
                code="unsigned",
                severity=Severity.error,
                message=f"The draft ends with \u201c{last.strip()}\u201d and no name: it would go out unsigned.",
                start=a,
                end=end,
                suggestion="Sign with your full name under the closing (add your name to the resume if it is missing).",
            )
        ]
    if kind is DraftKind.cover_letter and resume is not None and not (resume.name or "").strip():
        return [
            Finding(
                code="unsigned",
                severity=Severity.error,
                message="Your resume gives no name, so the letter has no letterhead name and no signature.",
                start=0,
                end=len(text),
                suggestion="Put your name at the top of the resume (or pass it explicitly) and sign the letter with it.",
                target="resume",
            )
        ]
    return []


# --------------------------------------------------------------------------- misread-field

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_TLDS = (
    r"com|net|org|io|me|dev|co|app|ai|info|site|online|page|xyz|"
    r"tech|design|studio|portfolio|github\.io|uk|us|de|ca"
)
_WEB = r"(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.(?:" + _TLDS + r")\b(?:/\S*)?)"
_ADDRESS = re.compile(rf"^(?:{_EMAIL}|{_WEB})[.,;:)]*$", _I)
# what every e-mail or web address above contains: a sentence without it names no address as a role or
# employer (its title and employer tokens are read only to find one)
_ADDRESS_HINT = re.compile(r"@|://|www\.|\.(?:" + _TLDS + r")\b", _I)
# "My most recent role was X at Y", "My current role is X at Y", "I worked as X at Y", "I was X at Y"
_ROLE_SENTENCE = Gated(
    r"\b(?:my\s+(?:(?:most\s+recent|current|last|previous|latest|present)\s+)?(?:role|position|job|title)\s+"
    r"(?:was|is|has\s+been)|I\s+(?:was|am|worked\s+as|work\s+as|served\s+as|have\s+been)|currently|most\s+recently)"
    r"\s+(?:an?\s+|the\s+)?(?P<title>[^\s,;]+(?:\s+[^\s,;]+){0,6}?)\s+(?:at|with|for)\s+(?P<employer>[^\s,;]+)",
    _I,
)
_AT_START = Gated(rf"^\s*(?:At|With|While\s+at)\s+(?P<employer>{_EMAIL}|{_WEB})\s*,", _I)

# "skills the posting names": the list after "lists / names / skills such as" up to the clause end
_SKILL_LIST = Gated(
    r"\b(?:(?:also\s+)?lists|skills?(?:\s+(?:such\s+as|like|including|in))?|experience\s+(?:with|in))\s+"
    r"(?P<list>[^.;:!?]{3,200}?)(?=,?\s+(?:which|that|as|all\s+of\s+which)\s+(?:the|your)\s+(?:posting|role|job|"
    r"description|listing|ad)\b|[.;!?]|$)",
    _I,
)
_COMMON = frozenset(
    """a about after all also an and any are as at back be because been being best both but by can come could day
    do does done each even every first for from get give go good great has have help here high how if in into is
    it its job jobs just keep know large last like long look made make makes making many may more most much must
    need needs new next no not now of off on one only or other our out over own part people place plan point
    work works working world would year years you your team teams role roles time times way ways use used using
    well what when where which while who will with within without day days able across ability strong excellent
    ensure etc including include includes including level levels part parts range related relevant required
    requirements responsibilities support supporting skills skill experience experiences knowledge understanding
    things thing lot lots some such than that the their them then there these they this those through to too
    under up very want was we were yes yet""".split()  # noqa: SIM905
)
_ITEM_SPLIT = re.compile(r"(?:(?<!\s)\s*)?(?:,|\band\b|\bor\b|&|/)\s*", _I)


def _address(token: str) -> bool:
    return bool(_ADDRESS.match(token.strip()))


def _misread_issue(message: str, start: int, end: int, suggestion: str) -> Finding:
    return Finding(
        code="misread-field",
        severity=Severity.error,
        message=message,
        start=start,
        end=end,
        suggestion=suggestion,
    )


def find_misread_fields(text: str, *, spans: list[Span] | None = None) -> list[Issue]:
    """``misread-field`` errors: a role sentence whose title or employer is a web or e-mail address, and a
    skills list made mostly of common words ("team, one, job and making").

    Spans cover the address, or the list.
    """
    return to_issues(misread_fields(text, spans=spans))


def misread_fields(text: str, *, spans: list[Span] | None = None) -> list[Finding]:
    """:func:`find_misread_fields` as :class:`~referral_ai.findings.Finding` records."""
    issues: list[Finding] = []
    for s in spans if spans is not None else split_sentences(text):
        t = s.text
        for m in _ROLE_SENTENCE.finditer(t) if _ADDRESS_HINT.search(t) else ():
            for group in ("title", "employer"):
                token = m.group(group)
                if _address(token):
                    a = s.start + m.start(group)
                    issues.append(
                        _misread_issue(
                            f"\u201c{token.rstrip('.,;:')}\u201d is a web or e-mail address, not a job title or "
                            "employer; the resume was probably misread.",
                            a,
                            a + len(token.rstrip(".,;:")),
                            "Write the role as your resume states it: the job title, then the employer's name.",
                        )
                    )
                    break
        m2 = _AT_START.match(t) if _ADDRESS_HINT.search(t) else None
        if m2:
            token = m2.group("employer")
            a = s.start + m2.start("employer")
            issues.append(
                _misread_issue(
                    f"\u201c{token}\u201d is a web or e-mail address, not an employer; the resume was probably misread.",
                    a,
                    a + len(token),
                    "Name the employer as your resume states it.",
                )
            )
        for lm in _SKILL_LIST.finditer(t):
            raw = lm.group("list")
            items = [i.strip(" \"'\u201c\u201d") for i in _ITEM_SPLIT.split(raw) if i.strip()]
            if len(items) < 2:
                continue
            common = [i for i in items if i.lower() in _COMMON and not find_skills(i)]
            if len(common) >= 2 and 2 * len(common) >= len(items):
                a = s.start + lm.start("list")
                issues.append(
                    _misread_issue(
                        f"\u201c{raw.strip()}\u201d is listed as skills, but "
                        + ", ".join(f"\u201c{c}\u201d" for c in common)
                        + " are common words, not skills; the posting or resume was probably misread.",
                        a,
                        a + len(raw.rstrip()),
                        "List only skills both your resume and the posting name (tools, methods, languages), or drop the sentence.",
                    )
                )
    return issues
