"""Parse a resume's text into a :class:`Resume`, without a model."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from referral_ai.errors import ParseError
from referral_ai.inputs.vocabulary import (
    _BARE_LINK_RE,
    _COMPANY_SUFFIX,
    _EMAIL_RE,
    _I,
    _JOB_NOUN,
    _LOCATION_LABEL,
    _LOCATION_RE,
    _MONTH,
    _PHONE_RE,
    _PLACE,
    _RANGE_RE,
    _SEASON,
    _SEPARATORS,
    _SINGLE_DATE_RE,
    _URL_RE,
    _US_STATE,
    _WORK_MODE_RE,
    _clean,
    _dedupe,
    _heading_text,
    _is_bullet,
    _section_words,
    _sections,
)
from referral_ai.models import Contact, Education, InputWarning, Resume, Role

# --------------------------------------------------------------------------- resume

_RESUME_SECTIONS: list[tuple[str, re.Pattern[str]]] = [
    (
        "experience",
        _section_words(
            r"(?:professional\s+|work\s+|relevant\s+|employment\s+|career\s+|industry\s+|selected\s+)?"
            r"(?:experience|employment|work\s+history|employment\s+history|career\s+history|history)",
            r"experience\s+(?:and|&)\s+(?:projects|leadership)|work|career|positions(?:\s+held)?|professional\s+background",
        ),
    ),
    (
        "education",
        _section_words(
            r"education(?:\s+(?:and|&)\s+(?:training|certifications?))?|academic\s+(?:background|history)|degrees?|training"
        ),
    ),
    (
        "skills",
        _section_words(
            r"(?:technical\s+|core\s+|key\s+|relevant\s+|professional\s+)?(?:skills|competencies|expertise|proficiencies)"
            r"(?:\s+(?:and|&)\s+(?:tools|technologies|expertise|interests|languages))?",
            r"tools(?:\s+(?:and|&)\s+technologies)?|technologies|tech(?:nical)?\s+stack|stack|toolkit",
        ),
    ),
    (
        "summary",
        _section_words(
            r"(?:professional\s+|career\s+|executive\s+)?(?:summary|profile|objective|overview)|about(?:\s+me)?|bio|introduction",
        ),
    ),
    (
        "certifications",
        _section_words(
            r"(?:licen[cs]es?\s+(?:and|&)\s+)?certifications?(?:\s+(?:and|&)\s+(?:licen[cs]es?|training|courses))?|"
            r"certificates?|licen[cs]es?|credentials",
        ),
    ),
    (
        "other",
        _section_words(
            r"projects?|selected\s+projects|awards?(?:\s+(?:and|&)\s+honou?rs)?|honou?rs|publications?|languages?|"
            r"interests|hobbies|volunteer(?:ing|\s+experience|\s+work)?|activities|leadership|references?|"
            r"affiliations|memberships|patents|talks|speaking|courses|coursework|contact(?:\s+information)?|links",
        ),
    ),
]
_DEGREE_RE = re.compile(
    r"\b(?:B\.?\s?S\.?c?\.?|B\.?\s?A\.?|B\.?\s?Eng\.?|B\.?\s?Tech|BBA|M\.?\s?S\.?c?\.?|M\.?\s?A\.?|M\.?\s?Eng\.?|MBA|M\.?\s?Ed\.?|"
    r"MFA|MPH|MPA|Ph\.?\s?D\.?|Ed\.?D\.?|J\.?D\.?|M\.?D\.?|LL\.?[BM]\.?|A\.?A\.?S?\.?|A\.?S\.?|"
    r"Bachelor(?:'s)?(?:\s+of\s+[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|and|&)){0,3})?|"
    r"Master(?:'s)?(?:\s+of\s+[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|and|&)){0,3})?|"
    r"Doctor(?:ate)?(?:\s+of\s+\w+)?|Associate(?:'s)?(?:\s+(?:of|in)\s+\w+(?:\s+\w+)?)?|Diploma|Certificate|"
    r"High\s+School\s+Diploma|GED|BSc|MSc|BEng|MEng|BFA|BS|BA|MS|MA|PhD)(?=[\s,.;:|)]|$)",
)
_INSTITUTION_RE = re.compile(
    r"\b(?:University|Universit\u00e9|Universidad|College|Institute|School|Academy|Polytechnic|Conservatory|"
    r"Bootcamp|Seminary|Hochschule|Universit\u00e4t)\b|\b(?:MIT|UCLA|NYU|UC\s+\w+|ETH|EPFL|KTH|LSE|UCL)\b",
)


def _split_header_parts(line: str) -> list[str]:
    return [p.strip(" ,;|") for p in _SEPARATORS.split(line) if p and p.strip(" ,;|")]


_LOCATION_TAIL = re.compile(
    rf"(?:\s[|\u2013\u2014\u00b7-]\s|,\s|\t|\s{{2,}}|\()\s*(?P<loc>{_LOCATION_RE.pattern})\)?\s*$"
)


_TRAILING_DATE_RE = re.compile(
    rf"(?:\s{{2,}}|\t|\s*[|,\u2013\u2014(]\s*|\s-\s|\s)(?P<d>(?:{_MONTH}|{_SEASON})\s+\d{{4}}|\d{{1,2}}/\d{{4}}|(?:19|20)\d{{2}})\)?\s*$",
    _I,
)


def _take_dates(line: str) -> tuple[str, str | None, str | None]:
    """Remove a date range (or single date) from ``line``; return the rest and (start, end)."""
    m = _RANGE_RE.search(line)
    if m:
        rest = (line[: m.start()] + " " + line[m.end() :]).strip()
        return _tidy(rest), _tidy_date(m.group("start")), _tidy_date(m.group("end"))
    single = _TRAILING_DATE_RE.search(line)
    if single and single.start() > 0:
        # "Design Intern    Summer 2017": one date at the end of a header line is both start and end.
        date = _tidy_date(single.group("d"))
        return _tidy(line[: single.start()]), date, date
    return line, None, None


def _tidy(s: str) -> str:
    s = re.sub(r"\(\s*\)|\[\s*\]", "", s)
    return s.strip(" ,;|-\u2013\u2014()\t")


def _tidy_date(s: str) -> str:
    s = " ".join(s.split())
    return (
        "Present"
        if re.fullmatch(r"(?:present|currently|current|now|today|ongoing|to\s+date)", s, _I)
        else s
    )


def _pull_location(parts: list[str]) -> tuple[list[str], str | None]:
    for i, part in enumerate(parts):
        if _LOCATION_RE.fullmatch(part) or _WORK_MODE_RE.match(part):
            return parts[:i] + parts[i + 1 :], part
        m = re.search(rf",\s*({_PLACE},\s*{_US_STATE})$", part)
        if m:
            return [*parts[:i], part[: m.start()].strip(), *parts[i + 1 :]], m.group(1)
    return parts, None


def _assign_title_employer(parts: list[str]) -> tuple[str | None, str | None]:
    """Given header fragments without dates/location, decide which is the title and which the employer."""
    parts = [p for p in parts if p]
    if not parts:
        return None, None
    if len(parts) == 1:
        only = parts[0]
        return (
            (only, None)
            if _JOB_NOUN.search(only) and not _COMPANY_SUFFIX.search(only)
            else (None, only)
        )
    scored = []
    for i, part in enumerate(parts[:3]):
        title_score = (2 if _JOB_NOUN.search(part) else 0) - (
            2 if _COMPANY_SUFFIX.search(part) else 0
        )
        scored.append((title_score, -i, part))
    title = max(scored)[2]
    others = [p for p in parts if p is not title]
    employer = next((p for p in others if _COMPANY_SUFFIX.search(p)), others[0] if others else None)
    if max(scored)[0] <= 0:
        # No vocabulary to go on: "Employer | Title" reads employer first when a separator joins them.
        title, employer = parts[0], parts[1]
    return title, employer


@dataclass
class _Entry:
    header: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


def _entries(lines: Sequence[str]) -> list[_Entry]:
    """Group a section's lines into entries: header lines followed by bullet or description lines."""
    entries: list[_Entry] = []
    current: _Entry | None = None
    for raw in lines:
        if not raw.strip():
            continue
        line = raw.strip()
        if _is_bullet(line):
            if current is None:
                current = _Entry()
                entries.append(current)
            current.bullets.append(_clean(line))
            continue
        clean = _clean(line)
        is_description = (len(clean.split()) > 12 or clean.endswith(".")) and not _RANGE_RE.search(
            clean
        )
        if current is not None and is_description:
            current.bullets.append(clean)
            continue
        starts_new = (
            current is None
            or bool(current.bullets)
            or (
                _RANGE_RE.search(clean) is not None
                and any(_RANGE_RE.search(h) for h in current.header)
            )
            or len(current.header) >= 3
        )
        if starts_new:
            current = _Entry()
            entries.append(current)
        assert current is not None
        current.header.append(clean)
    return entries


def _role_from_entry(entry: _Entry) -> Role | None:
    start = end = location = None
    fragments: list[list[str]] = []
    for line in entry.header:
        rest, s, e = _take_dates(line)
        if s and not start:
            start, end = s, e
        if _LOCATION_RE.fullmatch(rest) or _WORK_MODE_RE.match(rest):
            location = location or rest
            continue
        tail = _LOCATION_TAIL.search(rest)
        if tail:
            location = location or tail.group("loc")
            rest = _tidy(rest[: tail.start()])
        parts = _split_header_parts(rest) if rest else []
        parts, loc = _pull_location(parts)
        location = location or loc
        if parts:
            fragments.append(parts)
    if not fragments and not entry.bullets:
        return None
    if len(fragments) >= 2 and len(fragments[0]) == 1 and len(fragments[1]) >= 1:
        # Title line then employer line (or employer line then title line).
        a, b = fragments[0][0], fragments[1][0]
        a_title = bool(_JOB_NOUN.search(a)) and not _COMPANY_SUFFIX.search(a)
        b_title = bool(_JOB_NOUN.search(b)) and not _COMPANY_SUFFIX.search(b)
        title: str | None
        employer: str | None
        title, employer = (b, a) if b_title and not a_title else (a, b)
    else:
        flat = [p for frag in fragments for p in frag]
        title, employer = _assign_title_employer(flat)
    if not (title or employer):
        return None
    return Role(
        employer=employer,
        title=title,
        start=start,
        end=end,
        location=location,
        bullets=entry.bullets,
    )


def _education_from_entry(entry: _Entry) -> Education | None:
    start = end = None
    institution = degree = field_ = None
    details: list[str] = list(entry.bullets)
    for line in entry.header:
        rest, s, e = _take_dates(line)
        if s:
            # A single date on an education line is when it ended (graduation).
            start, end = (None, e) if s == e else (s, e)
        elif (m := _SINGLE_DATE_RE.search(rest)) and not end:
            end = m.group("start")
            rest = _tidy(rest[: m.start()] + rest[m.end() :])
        for part in _split_header_parts(rest):
            if _LOCATION_RE.fullmatch(part):
                continue
            if institution is None and _INSTITUTION_RE.search(part):
                institution = part
                continue
            dm = _DEGREE_RE.search(part)
            if degree is None and dm:
                degree = dm.group(0).strip()
                after = part[dm.end() :].strip(" ,.-")
                fm = re.match(r"^(?:in|of)\s+(.+)$", after, _I) or (
                    re.match(r"^[,:]?\s*(.+)$", after) if after else None
                )
                if fm and fm.group(1).strip():
                    field_ = fm.group(1).strip(" .")
                continue
            if (
                degree
                and field_ is None
                and not _INSTITUTION_RE.search(part)
                and len(part.split()) <= 6
            ):
                field_ = re.sub(r"^(?:in|of)\s+", "", part, flags=_I)
                continue
            if institution is None and len(part.split()) <= 8:
                institution = part
                continue
            details.append(part)
    if not (institution or degree):
        return None
    return Education(
        institution=institution, degree=degree, field=field_, start=start, end=end, details=details
    )


def _skills(lines: Sequence[str]) -> list[str]:
    out: list[str] = []
    for raw in lines:
        line = _clean(raw)
        if not line:
            continue
        label = re.match(r"^([A-Za-z][\w &/+-]{1,30}):\s*(.+)$", line)
        if label:
            line = label.group(2)
        for part in re.split(r"\s*[,;|\u2022\u00b7]\s*|\s{2,}|\t+", line):
            part = part.strip(" .")
            if part and len(part) <= 60:
                out.append(part)
    return _dedupe(out)


def _contact(header: Sequence[str], text: str, name: str | None) -> Contact:
    block = "\n".join(header) if header else text[:1500]
    email_m = _EMAIL_RE.search(block) or _EMAIL_RE.search(text)
    phone_m = _PHONE_RE.search(block)
    links: list[str] = []
    for m in list(_URL_RE.finditer(block)) + list(_BARE_LINK_RE.finditer(block)):
        url = m.group(0).rstrip(".,;:)")
        if not any(url in existing or existing in url for existing in links):
            links.append(url)
    location = None
    for line in header:
        label = _LOCATION_LABEL.match(line)
        if label:
            location = _clean(label.group("v"))
            break
        for part in re.split(r"\s[|\u2022\u00b7]\s|\s{2,}|\t+", _clean(line)):
            part = part.strip()
            if _EMAIL_RE.search(part) or _URL_RE.search(part):
                continue
            if _LOCATION_RE.fullmatch(part):
                location = part
                break
        if location:
            break
    return Contact(
        name=name,
        email=email_m.group(0) if email_m else None,
        phone=" ".join(phone_m.group(0).split()) if phone_m else None,
        location=location,
        links=links,
    )


_NAME_PARTICLES = {
    "de",
    "la",
    "del",
    "della",
    "da",
    "di",
    "van",
    "von",
    "der",
    "den",
    "du",
    "le",
    "bin",
    "al",
    "el",
    "y",
    "e",
}


def _resume_name(header: Sequence[str]) -> str | None:
    for raw in header:
        line = _heading_text(raw)
        if not line or re.fullmatch(r"(?:r[eé]sum[eé]|curriculum\s+vitae|cv)", line, _I):
            continue
        first = _split_header_parts(line)[0] if _split_header_parts(line) else line
        first = re.sub(r"^(?:name)\s*:\s*", "", first, flags=_I)
        if _EMAIL_RE.search(first) or _URL_RE.search(first) or _PHONE_RE.search(first):
            return None
        words = first.split()
        if 1 <= len(words) <= 6 and all(
            w[:1].isupper() or w[:1] in "'-" or w.lower() in _NAME_PARTICLES for w in words
        ):
            return first.title() if first.isupper() else first
        return None
    return None


def parse_resume(
    text: str, *, source: str | None = None, warnings: Iterable[InputWarning] = ()
) -> Resume:
    """Parse a resume's visible text into a :class:`Resume`.

    Reads name (first line), contact, summary, roles (several header layouts and date-range styles),
    skills, education and certifications. Raises :class:`ParseError` "no work experience found" when
    no role can be read.
    """
    name_ = source or "<text>"
    sections = _sections(text, _RESUME_SECTIONS)
    header = [ln for ln in sections[0].lines if ln.strip()]
    name = _resume_name(header)
    summary_parts: list[str] = []
    roles: list[Role] = []
    skills: list[str] = []
    education: list[Education] = []
    certifications: list[str] = []
    for section in sections[1:]:
        if section.kind == "experience":
            for entry in _entries(section.lines):
                role = _role_from_entry(entry)
                if role is not None:
                    roles.append(role)
        elif section.kind == "education":
            for entry in _entries(section.lines):
                edu = _education_from_entry(entry)
                if edu is not None:
                    education.append(edu)
        elif section.kind == "skills":
            skills += _skills(section.lines)
        elif section.kind == "summary":
            summary_parts += [_clean(ln) for ln in section.lines if ln.strip()]
        elif section.kind == "certifications":
            certifications += [_clean(ln) for ln in section.lines if _clean(ln)]
    if not summary_parts:
        # A sentence-like paragraph under the name and contact lines is a summary.
        for line in header[1:]:
            clean = _clean(line)
            if (
                len(clean.split()) >= 8
                and not _EMAIL_RE.search(clean)
                and not _URL_RE.search(clean)
            ):
                summary_parts.append(clean)
    if not roles:
        roles = _roles_without_heading(text)
    if not roles:
        raise ParseError(
            "no work experience found (add an 'Experience' section with your roles)", source=name_
        )
    return Resume(
        name=name,
        contact=_contact(header, text, name),
        summary=" ".join(summary_parts) or None,
        roles=roles,
        skills=skills,
        education=education,
        certifications=_dedupe(certifications),
        text=text,
        source=name_,
        warnings=list(warnings),
    )


def _roles_without_heading(text: str) -> list[Role]:
    """Roles from a resume with no recognisable Experience heading: entries whose header has a date range."""
    roles: list[Role] = []
    for entry in _entries(text.splitlines()):
        if any(_RANGE_RE.search(h) for h in entry.header):
            role = _role_from_entry(entry)
            if role is not None and role.title and _JOB_NOUN.search(role.title or ""):
                roles.append(role)
    return roles
