"""What the parser doubts about a posting or a resume, in words a job seeker understands, and how
the user corrects a field once.

:func:`review_posting` and :func:`review_resume` look at the parsed fields the documents depend on
(the candidate's name, the job title, the hiring organisation) and at the ones a letter would
state (employers, titles, e-mail), and return :class:`~referral_ai.models.Doubt` items, each with
its fix. A doubt is ``blocking`` when drafting from the parse would write something false: the
CLI then stops before writing anything. :func:`correct_posting` and :func:`correct_resume` apply
the user's own values (``--title``, ``--company``, ``--req-id``, ``--name``, …), which are never
doubted again.

The checks are shape checks, not knowledge: a name that is a section heading, a web address or a
sentence; a title carrying markup or a page's wrapper words; a company that is a place, a
department or a phrase. They never decide what the right value is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from referral_ai.errors import DoubtfulParseError
from referral_ai.inputs.lexicon import (
    _EMAIL_RE,
    _JOB_NOUN,
    _LOCATION_RE,
    _OPEN_END,
    _POINT,
    _RANGE_RE,
)
from referral_ai.inputs.posting import _SENTENCE_TAIL
from referral_ai.inputs.resume import _RESUME_SECTIONS
from referral_ai.models import Doubt, FieldNote, JobPosting, ParseReport, Resume, Role

__all__ = [
    "GIVEN_BY_YOU",
    "correct_posting",
    "correct_resume",
    "plausible_role",
    "refuse_doubtful",
    "review_posting",
    "review_resume",
    "role_named",
    "with_review",
]

GIVEN_BY_YOU = "given by you"
"""The :class:`FieldNote` source of a value the user supplied; such a field is never doubted."""

LOW_CONFIDENCE = 0.5
"""A header field the parser recorded with less confidence than this is doubted."""

_WEB = re.compile(
    r"(?:https?://|www\.)\S|(?<![\w-])[\w-]{1,63}\.(?:com|org|net|io|me|dev|co|edu|gov|info|app|site|xyz)\b"
    r"|@\w",
    re.IGNORECASE,
)
_PHONE_LIKE = re.compile(r"(?:\+?\d[\d ().-]{6,}\d)")
# Markup, or a front-matter key left in ("title: ...", "name = ..."; keys are lower case, so
# "Postdoc: A Prototype ..." is a title).
_MARKUP = re.compile(
    r"[<>{}\[\]]|#{2,}|^\s*[a-z_][a-z0-9_-]*\s*[:=]\s|^[\"']|[\"']$|&[a-z]+;|\*\*|__"
)
# "Applications invited for X" is a headline; "Application Support Manager" is a job.
_WRAPPER_START = re.compile(
    r"^(?:hiring|vacanc(?:y|ies)\b|opportunit(?:y|ies)\s+(?:for|at)\b|we(?:'re| are)\b|join\b|applications?\s+(?:for|are|now|open|invited|welcome)\b|apply\b|now\s+hiring|job\s+(?:opening|posting|ad)|"
    r"vacancy\b|call\s+for\b|open\s+(?:position|call)|position\s+available)",
    re.IGNORECASE,
)
# "Department for Education" and "Department of Labor" are ministries that hire, not units.
_MINISTRY = re.compile(
    r"^(?:the\s+)?(?:u\.?s\.?\s+)?department\s+(?:for\b|of\s+(?:the\s+)?(?:labou?r|education|state|"
    r"health|defen[cs]e|justice|energy|transport(?:ation)?|veterans|homeland|agriculture|commerce|"
    r"treasury|interior|housing|finance|foreign|home|environment|employment|social|public|"
    r"corrections|revenue|motor\s+vehicles|water|parks|human\s+services|children))",
    re.IGNORECASE,
)
_UNIT_START = re.compile(
    r"^(?:the\s+)?(?:department|dept\.?|faculty|school\s+of|division|office\s+of|team|unit|lab(?:oratory)?|"
    r"group|centre|center|chair|institute\s+for|section)\b",
    re.IGNORECASE,
)
_NOT_A_NAME_WORDS = re.compile(
    r"^(?:contact(?:\s+(?:me|info(?:rmation)?|details))?|resume|résumé|curriculum\s+vitae|cv|profile|"
    r"personal\s+(?:details|information|data)|page\s+\d+(?:\s+of\s+\d+)?|about(?:\s+me)?|home|"
    r"portfolio|references?)$",
    re.IGNORECASE,
)
# A name never ends in one of these (a surname like "Cook" or "Driver" may, so the list is short).
_TITLE_END = re.compile(
    r"\b(?:engineer|developer|manager|designer|scientist|analyst|consultant|specialist|director|"
    r"officer|intern|coordinator|administrator|professor|lecturer|accountant|librarian|"
    r"researcher|technician|assistant|associate)s?$",
    re.IGNORECASE,
)
# Headings a page puts where a title could be ("General information", "How to apply", "About us").
_SECTION_TITLE = re.compile(
    r"^(?:(?:job|position|role|vacancy|general|basic|key|more|additional|further|background)\s+)?"
    r"(?:information|info|details|description|overview|summary|context|facts)"
    r"(?:\s+(?:and|&)\s+\w+(?:\s+\w+)?)?$|"
    r"^(?:how\s+to\s+apply|apply(?:\s+now)?|about(?:\s+(?:us|the\s+(?:role|job|position|team)))?|"
    r"requirements|qualifications|responsibilities|benefits|contact(?:\s+us)?|overview|home|menu|"
    r"news|careers?|jobs?|vacancies|open\s+positions|navigation)$",
    re.IGNORECASE,
)
# The name of a unit, not of a job: "Ecological Forecasting Lab", "Interaction Group".
_UNIT_END = re.compile(
    r"\b(?:lab(?:oratory)?|group|department|centre|center|institute|school|faculty|team|unit|"
    r"office|university|college|division|programme|program)$",
    re.IGNORECASE,
)
_GENERIC_ORG = re.compile(
    r"^the\s+(?:university|company|department|organi[sz]ation|institute|school|college|employer|"
    r"firm|agency|lab(?:oratory)?|group|team|foundation|hospital|city|county|state)$",
    re.IGNORECASE,
)
_M = TypeVar("_M", JobPosting, Resume)


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _given(report: ParseReport, field: str) -> bool:
    note = report.note(field)
    return note is not None and note.source == GIVEN_BY_YOU


def _low_confidence(report: ParseReport, field: str) -> FieldNote | None:
    note = report.note(field)
    return note if note is not None and note.confidence < LOW_CONFIDENCE else None


def _is_heading(text: str) -> bool:
    t = text.strip().rstrip(":").strip()
    if len(t) > 80:  # no heading is this long; and the patterns then see a bounded string
        return False
    if _NOT_A_NAME_WORDS.fullmatch(t):
        return True
    return any(pattern.fullmatch(t) for _, pattern in _RESUME_SECTIONS)


# --------------------------------------------------------------------------- posting


def _title_doubt(title: str) -> str | None:
    t = title.strip()
    if not t:
        return "no job title found"
    if _MARKUP.search(t) or " | " in t or "%%%" in t:
        return f"the title '{_short(t)}' carries page or markup text"
    if _SECTION_TITLE.match(t):
        return f"the title '{_short(t)}' is a section heading of the page, not a job title"
    if _UNIT_END.search(t) and not _JOB_NOUN.search(t):
        return f"the title '{_short(t)}' looks like the name of a lab, team or unit, not a job"
    if _WRAPPER_START.match(t):
        return f"the title '{_short(t)}' reads like a page headline, not a job title"
    if (
        len(t.split()) > 14
        or (t.endswith(".") and len(t.split()) > 6)
        or _SENTENCE_TAIL.search(f" {t} ")
    ):
        return f"the title '{_short(t)}' reads like a sentence, not a job title"
    if _WEB.search(t) or _EMAIL_RE.search(t):
        return f"the title '{_short(t)}' looks like a web or e-mail address"
    return None


def _company_doubt(posting: JobPosting) -> str | None:
    company = (posting.company or "").strip()
    if not company:
        return "no hiring organisation found in the posting"
    if _MARKUP.search(company):
        return f"the company '{_short(company)}' carries page or markup text"
    if re.search(r"(?<=\S)\s+[-|\u2013\u2014/]\s+(?=\S)", company):
        return f"the company '{_short(company)}' joins two names; which one is hiring?"
    abbreviated = re.search(r"(?<![\w.&'-])[A-Z](?![\w.&'-])", company)
    if abbreviated and not re.fullmatch(r"[A-Z](?:\s+[A-Z])*", company):
        return f"the company '{_short(company)}' looks abbreviated ('{abbreviated.group(0)}')"
    if _GENERIC_ORG.match(company):
        return f"the company '{_short(company)}' does not name the organisation"
    if not re.search(r"[A-Z0-9]", company) or re.match(
        r"^(?:the|a|an|our|this|your|their|its)\s", company
    ):
        return f"the company '{_short(company)}' reads like a phrase, not an organisation's name"
    if _UNIT_START.match(company) and not _MINISTRY.match(company):
        return f"'{_short(company)}' looks like a department or team, not the hiring organisation"
    if posting.location and company.casefold() == posting.location.casefold():
        return f"the company '{_short(company)}' is the posting's location"
    if _LOCATION_RE.fullmatch(company):
        return f"the company '{_short(company)}' looks like a place"
    if company.casefold() == posting.title.casefold():
        return f"the company '{_short(company)}' is the job title"
    if _WEB.fullmatch(company) or _EMAIL_RE.search(company):
        return f"the company '{_short(company)}' looks like a web or e-mail address"
    if len(company.split()) > 12:
        return f"the company '{_short(company)}' reads like a sentence"
    return None


def _stated_field_doubt(
    report: ParseReport, field: str, value: str | None, why: str | None, fix: str
) -> Doubt | None:
    """The blocking doubt about a field the letters state (name, title, company), if any: its shape
    (``why``) or the parser's own low confidence, unless the user gave the value."""
    if _given(report, field) or (
        value and any(d.field == field and d.blocking for d in report.doubts)
    ):
        return None  # the user's own value, or a value the parser already stops on (saying why)
    note = _low_confidence(report, field)
    if why is None and note is not None:
        why = f"not sure of the {field} '{_short(value or '')}' (from {note.source})"
    return None if why is None else Doubt(field=field, message=why, fix=fix, blocking=True)


def review_posting(posting: JobPosting) -> list[Doubt]:
    """The doubts about ``posting``: title and company (blocking), requirements, req id."""
    doubts: list[Doubt] = []
    report = posting.report
    for found in (
        _stated_field_doubt(
            report,
            "title",
            posting.title,
            _title_doubt(posting.title),
            'pass the exact job title: --title "Senior Data Analyst"',
        ),
        _stated_field_doubt(
            report,
            "company",
            posting.company,
            _company_doubt(posting),
            'pass the hiring organisation: --company "Acme Health"',
        ),
    ):
        if found is not None:
            doubts.append(found)
    if posting.req_id and not _given(report, "req_id"):
        rid = posting.req_id
        if len(rid) > 40 or re.search(r"\s{2,}|[<>{}]", rid) or rid.count("/") > 1:
            doubts.append(
                Doubt(
                    field="req_id",
                    message=f"the requisition id '{_short(rid)}' looks malformed",
                    fix='pass it as the posting gives it: --req-id "JR12345"',
                )
            )
    if not posting.requirements and not posting.responsibilities:
        doubts.append(
            Doubt(
                field="requirements",
                message="no requirements found: the letter can only speak about the role in "
                "general terms",
                fix="check that the posting's qualifications are in the file (a saved page may "
                "hold only its menu)",
            )
        )
    return doubts


# --------------------------------------------------------------------------- resume


def _name_doubt(name: str | None) -> str | None:
    n = (name or "").strip()
    if not n:
        return "no name found on the resume: letters would be signed with nothing"
    if _is_heading(n):
        return f"the name '{_short(n)}' looks like a section heading"
    if re.match(r"^the\s", n, re.IGNORECASE):
        return f"the name '{_short(n)}' reads like a place or a title, not a person's name"
    if _EMAIL_RE.search(n) or _WEB.search(n):
        return f"the name '{_short(n)}' looks like a web or e-mail address"
    if _PHONE_LIKE.search(n) or re.search(r"\d", n):
        return f"the name '{_short(n)}' has digits in it"
    if len(n.split()) > 5 or (n.endswith((".", ":", ",")) and not re.search(r"\b[A-Z]\.$", n)):
        return f"the name '{_short(n)}' reads like a sentence or a label"
    if _TITLE_END.search(n):
        return f"the name '{_short(n)}' looks like a job title"
    if _LOCATION_RE.fullmatch(n):
        return f"the name '{_short(n)}' looks like a place"
    return None


# "Present", "2019" or "May 2021" where an employer or a title belongs: a date column read as one.
_DATE_LIKE = re.compile(rf"(?:{_OPEN_END}|{_POINT})\.?", re.IGNORECASE)


def _role_part_doubt(value: str | None, what: str) -> str | None:
    if not value:
        return None
    v = value.strip()
    if _EMAIL_RE.search(v) or _WEB.search(v):
        return f"'{_short(v)}' looks like a web or e-mail address, not {what}"
    if _PHONE_LIKE.fullmatch(v):
        return f"'{_short(v)}' looks like a phone number, not {what}"
    if _DATE_LIKE.fullmatch(v) or _RANGE_RE.fullmatch(v):
        return f"'{_short(v)}' looks like a date, not {what}"
    if _is_heading(v):
        return f"'{_short(v)}' looks like a section heading, not {what}"
    if _MARKUP.search(v):
        return f"'{_short(v)}' carries markup, not {what}"
    return None


def plausible_role(role: Role) -> bool:
    """False when a writer must not name this role: its title or employer is not one."""
    return (
        _role_part_doubt(role.title, "a job title") is None
        and _role_part_doubt(role.employer, "an employer") is None
    )


def role_named(resume: Resume, role: Role | int) -> bool:
    """Whether a writer may name ``role`` (a role of ``resume``, or its index): its title and
    employer read as such (:func:`plausible_role`) and the parser has no doubt about it, such as
    which of its parts is the title and which the employer."""
    at = (
        role
        if isinstance(role, int)
        else next((i for i, r in enumerate(resume.roles) if r is role), None)
    )
    if at is None or not 0 <= at < len(resume.roles):
        return False
    field = f"roles[{at}]"
    return plausible_role(resume.roles[at]) and not any(
        d.field == field for d in resume.report.doubts
    )


def review_resume(resume: Resume) -> list[Doubt]:
    """The doubts about ``resume``: the name (blocking), roles that are not roles, no roles at all
    (not blocking: drafting draws on education and projects), no e-mail."""
    doubts: list[Doubt] = []
    report = resume.report
    found = _stated_field_doubt(
        report,
        "name",
        resume.name,
        _name_doubt(resume.name),
        'pass your name as it should sign the letters: --name "Ada Lovelace"',
    )
    if found is not None:
        doubts.append(found)
    for i, role in enumerate(resume.roles):
        for value, what in ((role.employer, "an employer"), (role.title, "a job title")):
            why = _role_part_doubt(value, what)
            if why is not None:
                doubts.append(
                    Doubt(
                        field=f"roles[{i}]",
                        message=f"{why}; this role will not be named in your letters",
                        fix="correct the role in a JSON Resume (referral-ai parse RESUME "
                        "--json-resume > resume.json, edit, and pass resume.json)",
                    )
                )
                break
    if not resume.roles:
        doubts.append(
            Doubt(
                field="roles",
                message="no jobs found in the resume; the letter will draw on education and "
                "projects — if you do have jobs, check their layout",
                fix="put each job under an 'Experience' heading, one line per job with title, "
                "employer and dates ('Analyst, Acme Corp  2019 - 2022'), or list them in a JSON "
                "Resume's 'work' (referral-ai parse RESUME --json-resume > resume.json)",
            )
        )
    if not resume.contact.email:
        doubts.append(
            Doubt(
                field="email",
                message="no e-mail address found: the letterhead and the e-mail's From line "
                "will not have one",
                fix="add it to the resume's contact line, or to a JSON Resume's basics.email",
            )
        )
    return doubts


# --------------------------------------------------------------------------- both


def refuse_doubtful(*parsed: tuple[str, JobPosting | Resume], options: bool = True) -> None:
    """Raise :class:`DoubtfulParseError` when drafting would state a doubtful name, title or company.

    ``parsed`` pairs each parsed input with the argument the user gave for it. ``options=False``
    where the fields cannot be given as options (a batch's postings: ``batch`` has no ``--company``):
    the way out is then the corrected file, saved and listed in the original's place.
    """
    blocking = [(arg, model, d) for arg, model in parsed for d in model.report.blocking]
    if not blocking:
        return
    lines = ["cannot draft: the letters would state something the parser is not sure of"]
    for arg, _, d in blocking:
        lines.append(f"  {arg}: {d.field}: {d.message}")
        if options:
            lines.append(f"    fix: {d.fix}")
    lead = "or correct" if options else "correct"
    use = "pass {}" if options else "list {} in its place"
    for arg, model in parsed:
        if not model.report.blocking:
            continue
        if isinstance(model, JobPosting):
            lines.append(
                f"  {lead} the posting once: referral-ai parse {arg} --json > posting.json, "
                f"edit it, and {use.format('posting.json')}"
            )
        else:
            lines.append(
                f"  {lead} the resume once: referral-ai parse {arg} --json-resume > "
                f"resume.json, edit it, and {use.format('resume.json')}"
            )
    raise DoubtfulParseError("\n".join(lines), doubts=[d for _, _, d in blocking])


def _merge(existing: Iterable[Doubt], new: Iterable[Doubt]) -> list[Doubt]:
    out: list[Doubt] = []
    seen: set[tuple[str, str]] = set()
    for d in [*existing, *new]:
        key = (d.field, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def with_review(parsed: _M) -> _M:
    """``parsed`` with the review's doubts added to the parser's own (none about a field the user
    gave)."""
    found = review_posting(parsed) if isinstance(parsed, JobPosting) else review_resume(parsed)
    # A field the parse left empty is doubted once, by the review, which says what follows from it
    # ("no name found at the top of the resume" gives way to "no name found on the resume: letters
    # would be signed with nothing").
    empty = {d.field for d in found if not getattr(parsed, d.field, True)}
    own = [d for d in parsed.report.doubts if d.field not in empty]
    doubts = [d for d in _merge(own, found) if not _given(parsed.report, d.field)]
    report = parsed.report.model_copy(update={"doubts": doubts})
    return parsed.model_copy(update={"report": report})


def _given_notes(report: ParseReport, values: dict[str, str | None]) -> ParseReport:
    given = {k for k, v in values.items() if v is not None}
    fields = [n for n in report.fields if n.field not in given]
    fields += [FieldNote(field=k, source=GIVEN_BY_YOU, confidence=1.0) for k in sorted(given)]
    doubts = [d for d in report.doubts if d.field not in given]
    return report.model_copy(update={"fields": fields, "doubts": doubts})


def _clean_value(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    v = " ".join(value.split())
    if not v:
        from referral_ai.errors import InputError

        raise InputError(f"--{field.replace('_', '-')} is empty")
    return v


def correct_posting(
    posting: JobPosting,
    *,
    title: str | None = None,
    company: str | None = None,
    department: str | None = None,
    req_id: str | None = None,
    location: str | None = None,
) -> JobPosting:
    """``posting`` with the user's own values for the given fields, reviewed again.

    A value given here is recorded with source :data:`GIVEN_BY_YOU` and never doubted.
    """
    values = {
        "title": _clean_value("title", title),
        "company": _clean_value("company", company),
        "department": _clean_value("department", department),
        "req_id": _clean_value("req_id", req_id),
        "location": _clean_value("location", location),
    }
    update: dict[str, object] = {k: v for k, v in values.items() if v is not None}
    update["report"] = _given_notes(posting.report, values)
    return with_review(posting.model_copy(update=update))


def correct_resume(resume: Resume, *, name: str | None = None) -> Resume:
    """``resume`` with the user's own name (it signs the letters), reviewed again."""
    value = _clean_value("name", name)
    update: dict[str, object] = {"report": _given_notes(resume.report, {"name": value})}
    if value is not None:
        update["name"] = value
        update["contact"] = resume.contact.model_copy(update={"name": value})
    return with_review(resume.model_copy(update=update))
