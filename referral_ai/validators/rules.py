"""Structural rules: role, company, materials, placeholders, length, subject and clichés."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from referral_ai.findings import Finding, to_issues
from referral_ai.kinds import DraftKind, Material, Severity
from referral_ai.prefilter import Gated
from referral_ai.validators._text import (
    Span,
    contains_phrase,
    normalize,
    nth_word_start,
    split_sentences,
    title_named,
    word_count,
)

if TYPE_CHECKING:
    from referral_ai.models import Attachment, Issue, JobPosting
    from referral_ai.validators.email import Attached

__all__ = [
    "LENGTH_LIMITS",
    "check_length",
    "check_subject",
    "cliches",
    "find_cliches",
    "find_missing_company",
    "find_missing_materials",
    "find_missing_role",
    "find_placeholders",
    "length_findings",
    "missing_company",
    "missing_materials",
    "missing_role",
    "placeholders",
    "subject_findings",
]

_I = re.IGNORECASE

# --------------------------------------------------------------------------- missing-role

_REQ_PREFIX = re.compile(
    r"^\s*(?:req(?:uisition)?|job|position|ref(?:erence)?)?\.?\s*(?:id|no\.?|number|#)?\s*[:#]?\s*",
    _I,
)
_ALNUM = re.compile(r"[^0-9a-z]+")
_DIGITS = re.compile(r"\d{3,}")


def _req_id_named(text: str, req_id: str) -> bool:
    core = _ALNUM.sub("", _REQ_PREFIX.sub("", req_id).lower())
    if not core:
        return False
    flat = _ALNUM.sub("", text.lower())
    if core in flat:
        return True
    digits = _DIGITS.findall(req_id)
    return bool(digits) and any(
        re.search(rf"(?<!\d){d}(?!\d)", text) for d in digits if len(d) >= 4
    )


def _url_named(text: str, url: str) -> bool:
    core = re.sub(r"^https?://(?:www\.)?", "", url.strip(), flags=_I).rstrip("/").lower()
    return bool(core) and core in text.lower()


def _title_span(text: str, title: str) -> tuple[int, int] | None:
    words = [re.escape(w) for w in re.split(r"[^\w+#]+", title) if w]
    if not words:
        return None
    m = re.search(r"(?<![\w])" + r"[^\w+#]{1,3}".join(words) + r"(?![\w])", text, _I)
    return (m.start(), m.end()) if m else None


def find_missing_role(
    text: str,
    posting: JobPosting,
    *,
    kind: DraftKind = DraftKind.follow_up,
    subject: str | None = None,
) -> list[Issue]:
    """``missing-role`` errors: the draft never names the posting's exact title, or (follow-up and
    intro request) names it without the req id or link the posting has.

    The title match ignores case and punctuation and expands common abbreviations ("Sr." = "Senior").
    ``subject`` (if any) counts as part of the draft. Spans cover the whole text when the title is
    missing, and the title's mention when only the req id / link is missing.
    """
    return to_issues(missing_role(text, posting, kind=kind, subject=subject))


def missing_role(
    text: str,
    posting: JobPosting,
    *,
    kind: DraftKind = DraftKind.follow_up,
    subject: str | None = None,
) -> list[Finding]:
    """:func:`find_missing_role` as :class:`~referral_ai.findings.Finding` records."""
    whole = f"{subject}\n{text}" if subject else text
    norm = normalize(whole)
    if not title_named(norm, posting.title):
        return [
            Finding(
                code="missing-role",
                severity=Severity.error,
                message=(
                    f"The draft never names the job \u201c{posting.title}\u201d. Whoever reads or forwards it "
                    "must know exactly which posting you mean."
                ),
                start=0,
                end=len(text),
                suggestion=f"Name the job exactly as posted: \u201c{posting.role_reference}\u201d"
                + (f" ({posting.url})" if posting.url else "")
                + ".",
            )
        ]
    if kind in (DraftKind.follow_up, DraftKind.intro_request) and (posting.req_id or posting.url):
        has_id = bool(posting.req_id) and _req_id_named(whole, posting.req_id or "")
        has_url = bool(posting.url) and _url_named(whole, posting.url or "")
        if not (has_id or has_url):
            span = _title_span(text, posting.title) or (0, len(text))
            what = " or ".join(
                x
                for x in (
                    f"req id {posting.req_id}" if posting.req_id else "",
                    f"link {posting.url}" if posting.url else "",
                )
                if x
            )
            return [
                Finding(
                    code="missing-role",
                    severity=Severity.error,
                    message=(
                        f"The job is named but not identified: add the {what}, so your contact can find the exact "
                        "posting in their referral tool."
                    ),
                    start=span[0],
                    end=span[1],
                    suggestion=f"Write \u201c{posting.role_reference}\u201d"
                    + (f" and include the link {posting.url}" if posting.url else "")
                    + ".",
                )
            ]
    return []


# --------------------------------------------------------------------------- missing-company

_LEGAL = re.compile(
    r"(?<![,\s])[,\s]+(?:inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|s\.a|plc|lp|llp|"
    r"pty|bv|nv|oy|ab|srl|sas)\.?$",
    _I,
)
_COMMON_FIRST = frozenset(
    [
        "the",
        "a",
        "an",
        "american",
        "national",
        "general",
        "united",
        "international",
        "global",
        "first",
        "new",
        "north",
        "south",
        "east",
        "west",
        "central",
        "city",
        "state",
        "bank",
        "group",
        "data",
        "digital",
        "applied",
        "advanced",
        "capital",
        "pacific",
        "atlantic",
        "university",
    ]
)


def company_named(text: str, company: str) -> bool:
    """Does ``text`` name ``company`` (legal suffix optional; a distinctive first word is enough)?"""
    name = _LEGAL.sub("", company.strip())
    name = re.sub(r"^the\s+", "", name, flags=_I)
    norm = normalize(text)
    if contains_phrase(norm, company) or contains_phrase(norm, name):
        return True
    words = name.split()
    first = words[0] if words else ""
    return (
        len(words) >= 2
        and len(first) >= 4
        and first.lower() not in _COMMON_FIRST
        and re.search(rf"(?<!\w){re.escape(first)}(?!\w)", text) is not None
    )


def find_missing_company(
    text: str, posting: JobPosting, *, subject: str | None = None
) -> list[Issue]:
    """``missing-company`` error when the draft (subject included) never names the posting's company.

    Nothing is reported when the posting does not state a company.
    """
    return to_issues(missing_company(text, posting, subject=subject))


def missing_company(text: str, posting: JobPosting, *, subject: str | None = None) -> list[Finding]:
    """:func:`find_missing_company` as :class:`~referral_ai.findings.Finding` records."""
    if not posting.company:
        return []
    whole = f"{subject}\n{text}" if subject else text
    if company_named(whole, posting.company):
        return []
    return [
        Finding(
            code="missing-company",
            severity=Severity.error,
            message=f"The draft never names the company, {posting.company}. A forwarded note must stand on its own.",
            start=0,
            end=len(text),
            suggestion=f"Name {posting.company} where you name the job, e.g. \u201cthe {posting.title} role at {posting.company}\u201d.",
        )
    ]


# --------------------------------------------------------------------------- missing-material

_EQUIVALENT = {
    Material.resume: {Material.resume, Material.cv},
    Material.cv: {Material.resume, Material.cv},
}
# Materials a cover letter itself must contain when the posting asks for them in the letter.
_IN_LETTER = frozenset(
    {Material.salary_expectations, Material.availability, Material.work_authorization}
)
_LETTER_WORDS = re.compile(r"\b(?:cover(?:ing)?\s+letter|letter|statement\s+of\s+interest)\b", _I)


def _covered(material: Material, have: set[Material]) -> bool:
    return bool(_EQUIVALENT.get(material, {material}) & have)


def find_missing_materials(
    text: str,
    posting: JobPosting,
    *,
    attachments: Sequence[Attachment | Attached] | None = None,
    kind: DraftKind = DraftKind.follow_up,
    spans: list[Span] | None = None,
) -> list[Issue]:
    """``missing-material`` errors: materials the posting requires that the draft neither attaches nor addresses.

    Follow-up emails (and hand-written emails): every required material must be in ``attachments`` or
    mentioned in the text (:func:`referral_ai.inputs.materials.mentioned_materials`; resume and CV are the same).
    Cover letters: only salary expectations, availability and work authorization, and only when the
    posting's own sentence asks for them in the letter. Intro requests and reminders: nothing.
    """
    return to_issues(
        missing_materials(text, posting, attachments=attachments, kind=kind, spans=spans)
    )


def missing_materials(
    text: str,
    posting: JobPosting,
    *,
    attachments: Sequence[Attachment | Attached] | None = None,
    kind: DraftKind = DraftKind.follow_up,
    spans: list[Span] | None = None,
) -> list[Finding]:
    """:func:`find_missing_materials` as :class:`~referral_ai.findings.Finding` records."""
    from referral_ai.validators.email import mentioned as mentioned_materials

    if kind in (DraftKind.intro_request, DraftKind.reminder):
        return []
    required = posting.required_materials
    if kind is DraftKind.cover_letter:
        required = [
            r for r in required if r.material in _IN_LETTER and _LETTER_WORDS.search(r.source)
        ]
    if not required:
        return []
    # material mentions are read sentence by sentence, so the union over sentences is the same (and an
    # email re-checked on every keystroke re-reads only the sentence that changed)
    have = {a.material for a in attachments or []}

    def all_covered() -> bool:
        return all(any(_covered(m, have) for m in req.options) for req in required)

    # (once every required material is attached or mentioned, the other sentences cannot change the
    # result: a drafted email usually attaches them all)
    if not all_covered():
        for s in spans if spans is not None else split_sentences(text):
            found = mentioned_materials(s.text)
            if found - have:
                have |= found
                if all_covered():
                    break
    issues: list[Finding] = []
    seen: set[Material] = set()
    for req in required:
        # "a portfolio or code samples": any one of them meets the requirement
        if req.material in seen or any(_covered(m, have) for m in req.options):
            continue
        seen.add(req.material)
        label = req.label
        it = "it" if len(req.options) == 1 else "any of them"
        if kind is DraftKind.cover_letter:
            message = f"The posting asks for your {label} in the cover letter (\u201c{req.source}\u201d), and the letter doesn't give {it}."
            suggestion = f"Add one sentence with your {label}."
        else:
            message = f"The posting requires your {label} (\u201c{req.source}\u201d), but the email neither attaches nor mentions {it}."
            suggestion = f"Attach your {label}, or say in the email where it is (a link, or that you sent it with the application)."
        issues.append(
            Finding(
                code="missing-material",
                severity=Severity.error,
                message=message,
                start=0,
                end=len(text),
                suggestion=suggestion,
            )
        )
    return issues


# --------------------------------------------------------------------------- placeholder

_PLACEHOLDER_WORDS = (
    r"(?:name|company|title|role|position|job|date|your|insert|recipient|hiring|manager|address|phone|email|"
    r"link|url|city|team|department|employer|school|degree|number|skill|x+|tbd|contact|organi[sz]ation|"
    r"here|field|industry|project|achievement|years?|placeholder|firstname|lastname|first|last)"
)
_PLACEHOLDERS = Gated(
    r"\{\{[^{}\n]{0,60}\}\}"  # {{x}}
    r"|\{[A-Za-z_][\w .-]{0,40}\}"  # {name}
    r"|\[(?![ xX]?\])(?=[^\]\n]{1,60}\](?!\())[^\]\n]*?\b"
    + "(?i:"
    + _PLACEHOLDER_WORDS
    + ")"
    + r"\b[^\]\n]*\](?!\()"  # [Company Name]
    r"|\[(?:[A-Z][A-Z _/-]{2,40})\](?!\()"  # [COMPANY]
    r"|<<[^<>\n]{1,60}>>"  # <<name>>
    r"|<\s*(?i:insert|your|company|name|enter|add|job|title|role|recipient|date)\b[^<>\n]{0,60}>"  # <insert ...>
    r"|(?<![\w$])(?:XXX*|xxx+)(?![\w])"  # XX, XXX
    r"|\$X[X,.]*\b|\b\d+X+\b|\b(?:TBD|TBA)\b"  # $XX,XXX, 20XX, TBD
    r"|\b(?i:lorem\s+ipsum)\b"
    r"|_{4,}"
)


def find_placeholders(text: str) -> list[Issue]:
    """``placeholder`` errors: unfilled template text (``[Company Name]``, ``{name}``, ``{{x}}``,
    ``<insert ...>``, ``XX``, ``TBD``, "Lorem ipsum", blanks ``____``). "Dear Hiring Manager," is fine.
    """
    return to_issues(placeholders(text))


def placeholders(text: str) -> list[Finding]:
    """:func:`find_placeholders` as :class:`~referral_ai.findings.Finding` records."""
    issues: list[Finding] = []
    for m in _PLACEHOLDERS.finditer(text):
        issues.append(
            Finding(
                code="placeholder",
                severity=Severity.error,
                message=f"Unfilled template text \u201c{m.group()}\u201d would go out as is.",
                start=m.start(),
                end=m.end(),
                suggestion="Replace it with the real value from the posting or your resume, or delete it.",
            )
        )
    return issues


# --------------------------------------------------------------------------- length

LENGTH_LIMITS: dict[DraftKind, int] = {
    DraftKind.follow_up: 200,
    DraftKind.intro_request: 200,
    DraftKind.reminder: 120,
    DraftKind.cover_letter: 450,
}
"""Word limits per draft kind (the body, not the subject)."""


def check_length(
    text: str, kind: DraftKind = DraftKind.follow_up, length: int | None = None
) -> list[Issue]:
    """``length`` warning when the body's word count is outside what its kind (and style) allows.

    Without ``length`` (a :class:`~referral_ai.style.Style`'s ``length``) the body must stay under the
    kind's limit (:data:`LENGTH_LIMITS`). With it, a cover letter must be within
    :func:`~referral_ai.style.length_bounds` of ``length`` words (too short is flagged too), and an
    email under ``length`` and its own limit, whichever is less. The span of a long draft starts at
    the first word over the limit and runs to the end; a short one spans the whole body.
    """
    return to_issues(length_findings(text, kind, length))


def length_findings(
    text: str, kind: DraftKind = DraftKind.follow_up, length: int | None = None
) -> list[Finding]:
    """:func:`check_length` as :class:`~referral_ai.findings.Finding` records."""
    kind = DraftKind(kind)
    what = kind.value.replace("_", " ")
    n = word_count(text)
    low, limit = 0, LENGTH_LIMITS[kind]
    asked = ""
    if length is not None and kind is DraftKind.cover_letter:
        from referral_ai.style import length_bounds  # a style was given: its module is loaded

        low, limit = length_bounds(length)
        asked = f" (the style asks for about {length})"
    elif length is not None and length < limit:
        limit, asked = length, " (the style's length)"
    if n < low:
        return [
            Finding(
                code="length",
                severity=Severity.warning,
                message=f"This {what} is {n} words; the style asks for about {length} "
                f"(at least {low}).",
                start=0,
                end=len(text),
                suggestion=f"Add about {low - n} words: one more requirement the resume evidences, "
                "with the result it shows.",
            )
        ]
    if n <= limit:
        return []
    return [
        Finding(
            code="length",
            severity=Severity.warning,
            message=f"This {what} is {n} words; keep it under {limit}{asked} so it is read and easy to forward.",
            start=nth_word_start(text, limit),
            end=len(text),
            suggestion=f"Cut about {n - limit} words: keep the ask, the role, one or two proofs of fit and the attachments list.",
        )
    ]


# --------------------------------------------------------------------------- subject


def check_subject(
    subject: str | None, posting: JobPosting | None = None, *, kind: DraftKind = DraftKind.follow_up
) -> list[Issue]:
    """``subject`` warning: an email has no subject, or (given a posting) its subject doesn't name the role.

    Cover letters have no subject and are never reported. Spans index the subject.
    """
    return to_issues(subject_findings(subject, posting, kind=kind))


def subject_findings(
    subject: str | None, posting: JobPosting | None = None, *, kind: DraftKind = DraftKind.follow_up
) -> list[Finding]:
    """:func:`check_subject` as :class:`~referral_ai.findings.Finding` records."""
    if kind is DraftKind.cover_letter:
        return []
    if not subject or not subject.strip():
        title = posting.title if posting else "the job title"
        return [
            Finding(
                code="subject",
                severity=Severity.warning,
                message="The email has no subject line; a subject naming the role gets it opened and forwarded.",
                start=0,
                end=0,
                suggestion=f"Add a subject such as \u201cReferral for {title}"
                + (f" ({posting.req_id})" if posting and posting.req_id else "")
                + "\u201d.",
                target="subject",
            )
        ]
    if posting is not None and not title_named(normalize(subject), posting.title):
        return [
            Finding(
                code="subject",
                severity=Severity.warning,
                message=f"The subject doesn't name the role, {posting.title}.",
                start=0,
                end=len(subject),
                suggestion=f"Use a subject such as \u201cReferral for {posting.role_reference}\u201d.",
                target="subject",
            )
        ]
    return []


# --------------------------------------------------------------------------- cliche

_CLICHES: tuple[tuple[str, str], ...] = (
    (
        r"I\s+am\s+writing\s+to\s+(?:express|convey)\s+my\s+(?:strong\s+|keen\s+|sincere\s+)?interest",
        "Open with the role and who introduced you.",
    ),
    (r"I\s+am\s+writing\s+to\s+apply", "Open with the role and why you fit it."),
    (r"passionate(?:ly)?|passion\s+for", "Show it with one concrete thing you did instead."),
    (r"synerg(?:y|ies|ize|ise)", "Say what you would actually do together."),
    (r"team\s+player", "Name a team result you contributed to."),
    (r"think(?:ing)?\s+outside\s+(?:of\s+)?the\s+box", "Describe the unusual solution itself."),
    (r"go-?getter", "Give an example of taking initiative."),
    (
        r"hit\s+the\s+ground\s+running",
        "Say which part of the job you can do from day one, and why.",
    ),
    (r"detail[- ]oriented", "Give an example where your care caught a problem."),
    (r"results[- ]driven|results[- ]oriented", "State the result instead."),
    (r"self[- ]starter", "Give an example of starting something yourself."),
    (r"hard[- ]working|hardworking", "Let the work you describe say it."),
    (
        r"dynamic\s+(?:team|environment|professional|individual)",
        "Describe the team or environment concretely.",
    ),
    (r"fast[- ]paced\s+environment", "Describe the pace with a fact."),
    (r"proven\s+track\s+record", "Give the record: a result and a number from your resume."),
    (r"(?:perfect|ideal)\s+(?:fit|candidate)", "Let the evidence make that case."),
    (r"wear\s+many\s+hats", "Name the hats."),
    (r"value[- ]add(?:ed)?", "Say what the value is."),
    (
        r"leverag(?:e|ed|ing)\s+my\s+(?:skills|experience|expertise)",
        "Say what you would use and on what.",
    ),
    (r"out-of-the-box", "Describe the idea itself."),
    (r"(?:best|top)\s+of\s+breed", "Say what makes it good."),
    (r"to\s+whom\s+it\s+may\s+concern", "Address the person by name."),
    (
        r"I\s+believe\s+I\s+would\s+be\s+a\s+(?:great|good|strong)\s+(?:asset|fit|addition)",
        "Show the fit with evidence instead.",
    ),
)
# One word boundary on each side of the whole alternation (not one per phrase): the same matches, but
# a position that is not a word boundary fails once instead of once per phrase.
_CLICHE = Gated(
    r"\b(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_CLICHES)) + r")\b", _I
)


def find_cliches(text: str) -> list[Issue]:
    """``cliche`` warnings: stock phrases ("I am writing to express my interest", "passionate", "synergy",
    "team player", "think outside the box", "go-getter", "hit the ground running", "detail-oriented", ...)."""
    return to_issues(cliches(text))


def cliches(text: str) -> list[Finding]:
    """:func:`find_cliches` as :class:`~referral_ai.findings.Finding` records."""
    issues: list[Finding] = []
    for m in _CLICHE.finditer(
        text
    ):  # (gated: runs only on text with a word one of the phrases has)
        idx = int((m.lastgroup or "c0")[1:])
        issues.append(
            Finding(
                code="cliche",
                severity=Severity.warning,
                message=f"\u201c{m.group()}\u201d is a stock phrase readers skip.",
                start=m.start(),
                end=m.end(),
                suggestion=_CLICHES[idx][1],
            )
        )
    return issues
