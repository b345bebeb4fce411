"""Parse a job posting's text into a :class:`JobPosting`, without a model."""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from referral_ai.errors import ParseError
from referral_ai.inputs.lexicon import (
    _ATS_HOST,
    _BULLET_RE,
    _COMPANY_SUFFIX,
    _COUNTRY,
    _EMAIL_RE,
    _I,
    _JOB_NOUN,
    _LOCATION_RE,
    _MD_MARKUP,
    _MONTH,
    _PLACE,
    _REGION_NAME,
    _UNIT_WORD,
    _URL_RE,
    _US_STATE,
    _WORK_MODE_RE,
    _clean,
    _dedupe,
    _heading_text,
    _is_bullet,
)
from referral_ai.inputs.materials import extract_materials
from referral_ai.inputs.place import (
    prose_place,
    remote_detail,
    remote_role,
    university_city,
    with_country,
)
from referral_ai.inputs.regions import find_region, short_region
from referral_ai.inputs.requirements import find_requirements
from referral_ai.inputs.unit import (
    hosted_unit,
    joint_units,
    named_team,
    parent_of,
    project_of,
    team_unit,
    unit_at,
)
from referral_ai.models import (
    Doubt,
    FieldNote,
    Identifier,
    InputWarning,
    JobPosting,
    ParseReport,
)

# --------------------------------------------------------------------------- posting

_TITLE_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:job\s+title|post\s+title|position(?:\s+(?:title|name|designation))?|role(?:\s+(?:title|name))?|job\s+name|title|job|opening|vacancy)(?:\*\*)?\s*[:\-\u2013\u2014]\s*(?:\*\*)?(?P<v>\S(?:.*\S)?)\s*$",
    _I,
)
# How a posting labels its employer: "Company:", "Company Name :-", "Institution/Company:",
# "Name of the Organisation:" (the inline labels below and the lone ones of _FIELD_LABELS).
_COMPANY_WORDS = (
    r"(?:(?:company|employer|organi[sz]ation|institution)"
    r"(?:\s*/\s*(?:company|employer|organi[sz]ation|institution))?|hiring\s+(?:company|organi[sz]ation|agency)|"
    r"agency)(?:\s+name)?|name\s+of\s+(?:the\s+)?(?:company|employer|organi[sz]ation)"
)
_COMPANY_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:"
    + _COMPANY_WORDS
    + r")(?:\*\*)?\s*(?::-?|[\u2013\u2014])\s*(?:\*\*)?(?P<v>\S(?:.*\S)?)\s*$",
    _I,
)
# Label patterns end in "\S(?:.*\S)?" (not ".+?\s*$"), so a long run of spaces is read once.
_LOCATION_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:location|locations|location\s+type|based\s+in|office|(?:work|duty|job|primary)\s+location|"
    r"duty\s+station|work\s+site|where)(?:[ \t]*\([^()\n]{1,80}\))?(?:\*\*)?\s*[:\u2013\u2014]\s*"
    r"(?:\*\*)?(?P<v>\S(?:.*\S)?)\s*$",
    _I,
)
# "Sub Department: Data & Analytics" under "Department: HQ - Technology": the narrower unit hires.
_SUB_DEPARTMENT_LABEL = re.compile(
    r"^\s*(?:\*\*)?sub[- ]?(?:department|division|team)(?:\*\*)?\s*[:\u2013\u2014]\s*(?:\*\*)?"
    r"(?P<v>\S(?:.*\S)?)\s*$",
    _I,
)
# A postal address in the header: "5600 Avenida Encinas, Carlsbad, CA 92008, USA" -> "Carlsbad, CA".
_ADDRESS_PLACE = re.compile(
    rf"^\s*\d{{1,6}}[ \t]+[^,\n]{{2,60}},[ \t]*(?P<city>[A-Z][\w.'\u00c0-\u017f-]*(?:[ \t]+[A-Z][\w.'\u00c0-\u017f-]*){{0,3}}),"
    rf"[ \t]*(?P<st>{_US_STATE})[ \t]+\d{{5}}(?:-\d{{4}})?\b"
)
# A location that goes on as prose: "Remote, preference for working hours that ..." -> "Remote".
_LOCATION_PROSE = re.compile(r",[ \t]+(?=[a-z]{3,}[ \t]+[a-z]{2,})")
_DEPARTMENT_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:department|dept\.?|faculty|school|unit|division|team|lab|laboratory|research\s+group|institute)"
    r"(?:\*\*)?\s*[:\u2013\u2014]\s*(?:\*\*)?(?P<v>\S(?:.*\S)?)\s*$",
    _I,
)
_REQ_LABEL = re.compile(
    r"\b(?:req(?:uisition)?\.?(?:\s*(?:id|no\.?|number|#))?|job[\s-]*(?:id|no\.?|number|code|ref(?:erence)?|#)|"
    r"(?<=quoting\s)(?:the\s+)?(?:job\s+)?reference(?=\s+[A-Z]{0,6}[-/]?\d)|"
    r"posting\s*(?:id|no\.?|number|#)|vacancy\s*(?:id|no\.?|number|#)|reference\s*(?:id|no\.?|number|code|#)|"
    r"ref\.?\s*(?:no\.?|#|number)|position\s*(?:id|no\.?|number|#)|class\s*code|job\s+class(?:\s+code)?|"
    r"announcement\s*(?:id|no\.?|number|#)|competition\s*(?:id|no\.?|number|#)|job\s+opening\s+id|opening\s+id|"
    r"search\s*(?:#|no\.|number)|application\s*(?:id|no\.?|number|#)|(?<=complete\s)application(?=\s*\[?#))"
    r"\s*[:#.]?\s*\[?#?\s*(?P<v>[A-Z0-9](?:[A-Z0-9_.-]|/(?=\d)){0,24}[A-Z0-9])\b",
    _I,
)
_REQ_TOKEN = re.compile(r"(?<![A-Za-z0-9])(?P<v>(?:JR|REQ|R|JOB|J|VAC)[-_ ]?\d{3,}(?:[-_]\d+)?)\b")
_CONTACT_NAME = r"(?P<name>(?:Dr\.?\s+|Mr\.?\s+|Ms\.?\s+|Mx\.?\s+|Prof\.?\s+)?[A-Z][a-z'\u00c0-\u017f-]+(?:\s+[A-Z][a-z'\u00c0-\u017f-]+){1,2})"
_CONTACT_RES = [
    re.compile(
        r"\b(?i:contact(?:\s+person)?|hiring\s+(?:manager|contact|lead)|recruiter|recruiting\s+contact|"
        r"talent\s+partner|point\s+of\s+contact|reports?\s+to)\s*[:,]?\s+" + _CONTACT_NAME + r"\b"
    ),
    re.compile(
        r"\b(?i:questions?|inquiries|enquiries)\b[^.\n]{0,40}?\b(?i:to|contact|email|ask)\s+"
        + _CONTACT_NAME
        + r"\b",
    ),
    re.compile(
        r"\b(?i:contact|email|reach\s+out\s+to|send\s+(?:it|them|your\s+\w+(?:\s+\w+){0,6})\s+to|addressed\s+to)\s+"
        + _CONTACT_NAME
        + r"\s*(?:\(|at\s|,\s|<)[^)\n]{0,10}@",
    ),
]
_CONTACT_EMAIL = re.compile(
    r"\b(?:questions?|inquiries|enquiries|contact)\b[^.\n]{0,50}?(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})",
    _I,
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s?,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4})"
)
_DEADLINE_RES = [
    re.compile(
        r"\b(?:deadline(?:\s+for\s+(?:the\s+)?applications?|\s+for\s+applying(?:\s+to\s+this\s+(?:role|position|job|post))?)?|"
        r"closing\s+date(?:\s+for\s+(?:the\s+)?(?:receipt\s+of\s+)?applications?)?|apply\s+by\s+date|application\s+deadline|"
        r"applications?\s+(?:close|closes|due|deadline)|posting\s+closes|closes)\b\s*(?:is|on|:|-)?\s*(?:\*\*|__)?(?:the\s+)?"
        r"(?:(?:on\s+)?(?:\w+day,?\s+))?(?P<d>" + _DATE + r")",
        _I,
    ),
    re.compile(
        r"\b(?:apply|submit|submitted|send|applications?\s+(?:must|should)\s+be\s+(?:received|submitted))\b(?:[^.\n]|\.(?=\S)){0,200}?"
        r"\b(?:by|before|no\s+later\s+than|until)\s+(?:\w+day,?\s+)?(?P<d>" + _DATE + r")",
        _I,
    ),
    re.compile(
        r"\b(?:review(?:ed)?|accept(?:ing|ed)?|considered)\b[^.\n]{0,40}?\b(?:until|through|by)\s+(?P<d>"
        + _DATE
        + r")",
        _I,
    ),
]
_JOB_URL_HINT = re.compile(
    r"job|career|position|opening|vacanc|posting|requisition|/req|apply|recruit|greenhouse|lever\.co|"
    r"workday|ashbyhq|smartrecruiters|icims|workable|bamboohr|jobvite|taleo|teamtailor|personio",
    _I,
)
_NOT_A_TITLE = re.compile(
    r"^(?:(?:job\s+)?(?:description|posting|details|opening)|careers?|jobs?|we(?:'re|\s+are)\s+hiring!?|"
    r"now\s+hiring|open\s+positions?|about(?:\s+us)?|overview|apply(?:\s+now|\s+for\s+this\s+(?:job|position|role))?)$",
    _I,
)
_HIRING_RE = re.compile(
    r"\b(?:hiring|looking\s+for|seeking|recruiting|searching\s+for)\s+(?:an?\s+|our\s+(?:next|first|new)\s+)?"
    r"(?P<t>(?:(?:[A-Z]|[a-z]+[A-Z])[\w/&+.-]*\s+){0,5}?(?:[A-Z]|[a-z]+[A-Z])[\w/&+.-]*)(?=\s+(?:to|who|with|in|at|for|based|that)\b|[.,!]|$)",
)


# A job board's fixed template writes its labels as identifiers ("POSITION_NAME:", "job_title:").
_SNAKE_LABEL = re.compile(r"^(?P<k>[ \t]*[A-Za-z]{2,20}(?:_[A-Za-z]{2,20}){1,4})(?=[ \t]*:)")


def _label_value(lines: Sequence[str], pattern: re.Pattern[str]) -> str | None:
    for line in lines:
        line = _SNAKE_LABEL.sub(lambda k: k.group("k").replace("_", " "), line)
        # "## Title: X", "> Department: X" (a Markdown heading or blockquote around the label)
        m = pattern.match(_BULLET_RE.sub("", re.sub(r"^\s*(?:#{1,6}|>{1,3})\s*", "", line)))
        if m:
            value = _clean(m.group("v")).strip(" ")
            if not re.search(r"\b(?:Co|Inc|Ltd|Corp|Bros|L\.?L\.?C|S\.A|N\.A)\.$", value):
                value = value.rstrip(" .")  # keep the dot of "Lakeshore Foods Inc."
            if value:
                return value
    return None


def _company_name(text: str) -> str | None:
    """A company name at the start of ``text``: capitalised words, '&', and a known suffix."""
    m = re.match(
        r"(?P<c>(?:[A-Z0-9][\w'&.\u00c0-\u017f-]*|[a-z]{1,3}[A-Z][\w'&.\u00c0-\u017f-]*|&|of|and|the|de|for)(?:[ \t]+(?:[A-Z0-9][\w'&.\u00c0-\u017f-]*|&|of|and|the|de|for)){0,5})",
        text.strip(),
    )
    if not m:
        return None
    name = m.group("c").strip()
    name = re.sub(r"(?<!\s)\s+(?:of|and|the|de|for|&)$", "", name).rstrip(",")
    if name.endswith(".") and not re.search(
        r"\b(?:Co|Inc|Ltd|Corp|Bros|L\.?L\.?C|S\.A|N\.A)\.$", name
    ):
        name = name.rstrip(".")
    if not name or name.lower() in {"we", "our", "the", "us", "you", "this", "a", "an", "it"}:
        return None
    return name


_WORKPLACE_WORD = re.compile(r"\b(?:remote|hybrid|on-?site|HQ|headquarters)\b", _I)


def _place_note(part: str) -> bool:
    """'London HQ or Remote (within 2 hrs of London)': where the job is, as a board's title
    writes it after the job ("Title : Place"), with no job in it."""
    return (
        bool(_WORKPLACE_WORD.search(part))
        and not _JOB_NOUN.search(part)
        and bool(re.match(rf"(?:{_PLACE}|{_COUNTRY}|Remote|Hybrid)\b", part))
    )


_ADDRESSED = re.compile(r"(?<![\w'-])(?i:your|our|us|we|you)(?![\w'-])")


def _split_title(title: str, *, no_company: bool = False) -> tuple[str, str | None, str | None]:
    """Split 'Title — Company' / 'Title at Company' / 'Title (Remote)' into (title, company, location).

    ``no_company``: the posting names its employer for sure and it is not the suffix, so a
    'Title - Expert Use' suffix is part of the title."""
    company: str | None = None
    location: str | None = None
    paren = re.search(r"(?<!\s)\s*\(([^()]*)\)\s*$", title)
    if paren and (
        _WORK_MODE_RE.match(paren.group(1)) or _LOCATION_RE.fullmatch(paren.group(1).strip())
    ):
        location = paren.group(1).strip()
        title = title[: paren.start()].strip()
    at = re.match(r"^(?P<t>.+?)(?<!\s)\s+(?:at|At|@)\s+(?P<c>[A-Z].+)$", title)
    if at and _JOB_NOUN.search(at.group("t")):
        return at.group("t").strip(), at.group("c").strip(), location
    # "Southern Poverty Law Center: Data Analyst" (a job board's "Employer: Title")
    lead = re.match(r"^(?P<c>[^:\n]{3,80}):[ \t]+(?P<t>\S.*)$", title)
    if (
        lead
        and not no_company
        and _looks_like_company(lead.group("c"))
        # "Serve Your City: Be our Engineer" is a slogan addressed to the reader, not an employer
        and not _ADDRESSED.search(lead.group("c"))
        and not _JOB_NOUN.search(lead.group("c"))
        and _JOB_NOUN.search(lead.group("t"))
    ):
        return lead.group("t").strip(), lead.group("c").strip(), location
    pieces = re.split(r"((?<!\s)(?:\s+[|\u2013\u2014:]\s+|\s+-\s+|\s*\u00b7\s*))", title)
    if len(pieces) > 1:
        head = pieces[0].strip()
        kept = head
        for sep, part in zip(pieces[1::2], pieces[2::2], strict=True):
            part = part.strip()
            if not part:
                continue
            if _LOCATION_RE.fullmatch(part) or _WORK_MODE_RE.match(part) or _place_note(part):
                location = location or part
            elif (
                company is None
                and not no_company
                and _JOB_NOUN.search(head)
                and _looks_like_company(part)
            ):
                company = part
            else:
                kept += sep + part  # "Senior Data Engineer - Payments": a team stays in the title
        title = kept
    return title.strip(" -\u2013\u2014|,"), company, location


_TEAM_WORDS = re.compile(
    r"\b(?:team|squad|platform|department|division|unit|org|organi[sz]ation|practice|office|pod|tribe|"
    r"guild|function|infrastructure|engineering|product|marketing|sales|operations|finance)\s*$",
    _I,
)


def _looks_like_company(part: str) -> bool:
    """A title suffix that names a company: a company suffix, or a capitalised multi-word name that is
    not a team ("Payments Platform", "Data Team") and not itself a job title."""
    if _JOB_NOUN.search(part) or _TEAM_WORDS.search(part):
        return bool(_COMPANY_SUFFIX.search(part)) and not _TEAM_WORDS.search(part)
    if _COMPANY_SUFFIX.search(part):
        return True
    if "," in part:
        return False  # "Open Source, Dev Tools": the areas of the job, not one name
    words = part.split()
    return len(words) >= 2 and all(w[:1].isupper() or w in {"&", "of"} for w in words)


# Workday / iCIMS pages put a field's label on its own line and the value on the next one.
_FIELD_LABELS: list[tuple[str | None, re.Pattern[str]]] = [
    ("Job Title", re.compile(r"(?:job\s+posting|posting|job|position)\s+title|title", _I)),
    (
        "Company",
        re.compile(_COMPANY_WORDS, _I),
    ),
    (
        "Location",
        re.compile(r"(?:job\s+|work\s+|primary\s+|main\s+)?locations?", _I),
    ),
    (
        "Job ID",
        re.compile(
            r"(?:job\s+)?requisition\s+(?:id|number|#)|req(?:\.|uisition)?\s*(?:id|#|number)|"
            r"job\s+(?:id|number|code)|position\s+id|id",
            _I,
        ),
    ),
    ("Department", re.compile(r"department|dept\.?|faculty|school", _I)),
    (
        None,
        re.compile(
            r"time\s+type|posted(?:\s+on)?|(?:job\s+)?category|(?:position|job|employment|worker)\s+type|"
            r"job\s+family",
            _I,
        ),
    ),
]


def _field_label(line: str) -> tuple[str, str] | None:
    """(canonical label, label as written) when ``line`` is only a field label ("job requisition id")."""
    text = _heading_text(line) if line.lstrip().startswith("#") else line.strip()
    text = text.rstrip(":").strip()
    for canonical, pattern in _FIELD_LABELS:
        if pattern.fullmatch(text):
            return canonical or text, text
    return None


def _join_field_labels(lines: Sequence[str]) -> list[str]:
    """Non-blank lines with a lone field label joined to the value under it ("Company: Acme Inc.").

    Title, company, location and id labels get one spelling the label patterns know ("ID" becomes
    "Job ID", "Job Locations" becomes "Location"); a value is one line of at most 80 characters
    that is not itself a label.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        label = _field_label(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if label and nxt is not None and len(nxt.strip()) <= 80 and not _field_label(nxt):
            out.append(f"{label[0]}: {nxt.strip()}")
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _find_title(lines: Sequence[str], title_hint: str | None) -> tuple[str | None, int | None]:
    """The title and the index of the line it came from (None for labels, hints and sentences)."""
    label = _label_value(lines[:40], _TITLE_LABEL)
    if label:
        return label, None
    if title_hint and _plausible_title(title_hint):
        return _clean(title_hint), None
    # A bullet is an item of a list, never the job's title.
    candidates = [ln for ln in lines if ln.strip() and not _is_bullet(ln)][:8]
    # A line naming a job ("Senior Data Engineer") beats a first line that is the company's name.
    for i, line in enumerate(candidates[:4]):
        text = _heading_text(line)
        if _plausible_title(text) and _JOB_NOUN.search(text):
            return text, i
    if candidates and _plausible_title(_heading_text(candidates[0])):
        return _heading_text(candidates[0]), 0
    for line in candidates:
        m = _HIRING_RE.search(_clean(line))
        if m and _JOB_NOUN.search(m.group("t")):
            return m.group("t").strip(), None
    return None, None


def _plausible_title(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 120 or len(text.split()) > 14:
        return False
    if _NOT_A_TITLE.match(text) or _URL_RE.search(text) or _EMAIL_RE.search(text):
        return False
    if re.match(
        r"^(?:company|location|req|requisition|job\s+id|department|salary|posted|date|category|"
        r"(?:position|job|time|employment|worker)\s+type|job\s+family|id\s*:)",
        text,
        _I,
    ):
        return False
    if (
        text.endswith((".", "!", "?"))
        and len(text.split()) > 4
        and not re.search(r"(?:\b[A-Z]\.){2,3}$|\b(?:Sr|Jr|Inc|Ltd|Co)\.$", text)  # "U.S.", "Sr."
    ):
        return False
    return any(c.isalpha() for c in text) and bool(_JOB_NOUN.search(text) or len(text.split()) <= 6)


# "University of Tennessee at Chattanooga", "University of Texas at Austin": the "at" is inside
# the name, so what follows it is not the employer on its own.
_INSIDE_A_NAME = re.compile(
    r"\bUniversit(?:y|ies)[ \t]+of(?:[ \t]+[A-Z][\w'-]*){1,3}[ \t]+at[ \t]+$"
)


def _find_company(lines: Sequence[str], text: str, title_company: str | None) -> str | None:
    label = _label_value(lines[:60], _COMPANY_LABEL)
    if label:
        return label
    if title_company:
        return title_company
    # "Northwind Logistics - Denver, CO" on the line under the title.
    for line in lines[1:4]:
        clean = _clean(line)
        # Greenhouse: "at Lumen Labs (View all jobs)" under the title.
        at = re.fullmatch(r"at\s+(?P<c>[^()]+?)\s*(?:\((?i:view\s+all\s+jobs)\))?", clean)
        if at:
            name = _company_name(at.group("c"))
            if name and name == at.group("c") and not _JOB_NOUN.search(name):
                return name
        parts = [p.strip() for p in re.split(r"(?<!\s)\s+[|\u2013\u2014\u00b7-]\s+", clean)]
        if (
            len(parts) >= 2
            and any(_LOCATION_RE.fullmatch(p) or _WORK_MODE_RE.match(p) for p in parts[1:])
            and not (_WORK_MODE_RE.match(parts[0]) or _LOCATION_RE.fullmatch(parts[0]))
        ):  # "Hybrid - Seattle, WA" names no company
            name = _company_name(parts[0])
            if name and name in {parts[0], parts[0].rstrip(".,")} and not _JOB_NOUN.search(name):
                return parts[0]
    for line in lines:
        heading = _heading_text(line)
        m = re.match(
            r"^About\s+(?!(?i:us\b|you\b|the\s+(?:role|team|job|position|opportunity|company|benefits)\b|this\b|our\b))(?P<c>.+)$",
            heading,
        )
        if m and len(heading.split()) <= 7 and not heading.endswith("."):
            name = _company_name(m.group("c"))
            if name:
                return name
    # "About Us" / "Who we are" / "Overview", then "Cobalt Health builds software for ...".
    for i, line in enumerate(lines[:-1]):
        if not re.fullmatch(
            r"about\s+us|who\s+we\s+are|about\s+the\s+company|(?:company\s+)?overview|our\s+company",
            _heading_text(line),
            _I,
        ):
            continue
        m = re.match(
            r"(?<![\w'&.-])(?P<c>[A-Z][\w'&.-]*(?:[ \t]+[A-Z][\w'&.-]*){0,4})[ \t]+(?:is|are|has|was|[a-z]{3,}s)\b",
            _clean(lines[i + 1]),
        )
        if m:
            name = _company_name(m.group("c"))
            if (
                name
                and name == m.group("c")
                and not _JOB_NOUN.search(name)
                and name.lower() not in {"we", "our team", "this role", "the team"}
            ):
                return name
    head = "\n".join(lines[:15])
    for pattern in (
        r"(?:^|\.[ \t])[ \t]*(?P<c>[A-Z][\w'&.-]*(?:[ \t]+[A-Z][\w'&.-]*){0,4})[ \t]+is[ \t]+(?:hiring|looking|seeking|recruiting|growing)\b",
        r"\b(?:[Jj]oin|[Aa]t)[ \t]+(?P<c>[A-Z][\w'&.-]*(?:[ \t]+(?:[A-Z][\w'&.-]*|&|of)){0,4})(?=[,!.]|[ \t]+(?:as|and|where|we|is|in|on|to)\b|[ \t]*$)",
        r"\bwork[ \t]+(?:at|for)[ \t]+(?P<c>[A-Z][\w'&.-]*(?:[ \t]+[A-Z][\w'&.-]*){0,4})",
        r"^(?P<c>[A-Z][\w'&.-]*(?:[ \t]+[A-Z][\w'&.-]*){0,4})[ \t]+is[ \t]+an?[ \t]+",
    ):
        m = next(
            (
                found
                for where in (head, text)
                for found in re.finditer(pattern, where, re.M)
                if not _INSIDE_A_NAME.search(where[max(0, found.start() - 80) : found.start("c")])
            ),
            None,
        )
        if m:
            name = _company_name(m.group("c"))
            chained = _affiliation_chain(m.string[m.start("c") : m.start("c") + 300])[0]
            if chained:
                return chained
            if (
                name
                and not _JOB_NOUN.search(name)
                and name.lower() not in {"we", "you", "our team", "this role"}
            ):
                return name
    return None


def _affiliation_chain(rest: str) -> tuple[str | None, str | None]:
    """'at Networks and Distributed Systems group, Department of Informatics, University of Oslo,
    Norway': the job is in a unit of an organisation listed after it; (organisation, place after
    it)."""
    sentence = re.split(r"\.(?:\s|$)|;|\n[ \t]*\n", rest, maxsplit=1)[0]
    pieces = [" ".join(p.split()) for p in sentence.split(",")]
    first = re.sub(r"(?<!\s)\s*\([^()]*\)", "", pieces[0])
    if len(pieces) < 2 or not (
        _unit_like(first) or re.search(r"\b(?:group|lab|laboratory|team|section)$", first, _I)
    ):
        return None, None
    at = next((i for i, p in enumerate(pieces[1:], 1) if _org_like(p) and not _is_place(p)), None)
    if at is None:
        return None, None
    place = ", ".join(pieces[at + 1 :]).strip()
    return pieces[at], (place if place and _is_place(place) else None)


def _chain_location(text: str) -> str | None:
    """The place an opening affiliation chain ends in ('... University of Oslo, Norway.')."""
    head = text[:3000]
    for m in re.finditer(r"\b(?:at|in)[ \t]+(?=[A-Z])", head):
        place = _affiliation_chain(head[m.end() : m.end() + 300])[1]
        if place:
            return place
    return None


def _company_above_title(lines: Sequence[str], title_line: int | None) -> str | None:
    """The first line when the title was found below it and that line is just a name ("Northwind Logistics")."""
    if not title_line:
        return None
    first = _heading_text(lines[0])
    name = _company_name(first)
    if (
        name == first
        and len(first.split()) <= 5
        and not _JOB_NOUN.search(first)
        and not _NOT_A_TITLE.match(first)
    ):
        return name
    return None


_STREET = re.compile(r"^\d{1,6}[A-Za-z]?[ \t]+\S|^(?:PO|P\.O\.)[ \t]+Box\b", _I)
_POSTCODE = re.compile(
    r"^(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]+\d[A-Z]{2}|\d{4,6}(?:-\d{4})?|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)$"
)


def _town_of_address(value: str) -> str | None:
    """A labelled location that is a postal address ("University of Oxford, Oxford e-Research
    Centre, 7 Keble Road, Oxford, OX1 3QG, UK") -> its town and country ("Oxford, UK"): the
    organisation, the unit, the street and the postcode are not the place."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if len(parts) < 3 or not any(_STREET.match(p) for p in parts):
        return None
    street = max(i for i, p in enumerate(parts) if _STREET.match(p))
    # "CA 92008" is the state and its ZIP code; "OX1 3QG" a postcode alone
    rest = [re.sub(r"[ \t]+\d{5}(?:-\d{4})?$", "", p) for p in parts[street + 1 :]]
    rest = [p for p in rest if not _POSTCODE.match(p)]
    if not rest or not re.fullmatch(_PLACE, rest[0]) or _org_like(rest[0]) or _unit_like(rest[0]):
        return None
    if len(rest) > 1 and re.fullmatch(_US_STATE, rest[1]):
        return f"{rest[0]}, {rest[1]}"
    country = rest[-1] if len(rest) > 1 and re.fullmatch(_COUNTRY, rest[-1]) else None
    return f"{rest[0]}, {country}" if country else rest[0]


def _find_location(lines: Sequence[str], title_location: str | None) -> str | None:
    label = _label_value(lines[:60], _LOCATION_LABEL)
    if label:
        # iCIMS writes "US-CA-San Jose": country-state-city.
        icims = re.fullmatch(r"([A-Z]{2})-([A-Z]{2,3})-([A-Za-z .'\u00c0-\u017f-]+)", label)
        if icims:
            country, region, city = icims.groups()
            return f"{city.strip()}, {region if country == 'US' else region + ', ' + country}"
        prose = _LOCATION_PROSE.search(label)
        label = label[: prose.start()] if prose else label
        return _town_of_address(label) or label
    if title_location:
        return title_location
    for line in lines[:8]:
        address = _ADDRESS_PLACE.match(_clean(line))
        if address:
            return f"{address.group('city')}, {address.group('st')}"
    for line in lines[1:6]:
        clean = _heading_text(_clean(line))
        if _URL_RE.search(clean) or _EMAIL_RE.search(clean):
            continue
        if _LOCATION_RE.fullmatch(clean):
            return clean  # "Remote - US" as a whole, before splitting at the dash
        for part in re.split(r"(?<!\s)(?:\s+[|\u2013\u2014\u00b7-]\s+|\s*;\s*)", clean):
            part = part.strip()
            if _LOCATION_RE.fullmatch(part):
                return part
    return None


def _structured_place_checked(
    structured: str, lines: Sequence[str], text: str
) -> tuple[str, str, float, bool] | None:
    """A structured-data place ("Springfield, IL, US") checked against the page: (place, source,
    confidence, contradicted), or None when the page says nothing about it.

    The page's own "Location:" line is kept in its visible form when it names the same town
    ("Springfield, IL 62701"), and wins, doubted, when it names another; a town the text writes
    with another region ("Springfield, Missouri" against "Springfield, IL") is a contradiction too.
    """
    if ";" in structured or structured.casefold() == "remote":
        return None  # several places, or a work mode: nothing one line could confirm
    town, _, rest = structured.partition(",")
    town, region = town.strip(), rest.split(",")[0].strip()
    visible = _find_location(lines, None)
    if visible and town.casefold() in visible.casefold():
        return (
            visible,
            "location in the header (the structured data names the same town)",
            0.9,
            False,
        )
    if visible and _LOCATION_RE.fullmatch(visible.strip()):
        return visible, "location in the header (the structured data names another)", 0.5, True
    if not region or not town:
        return None
    for m in re.finditer(
        rf"\b{re.escape(town)},[ \t]+(?P<r>[A-Z][\w.]*(?:[ \t]+[A-Z][a-z]+)?)", text
    ):
        written = m.group("r").rstrip(".")
        if _other_region(written, region):
            source = "place the text writes (the structured data names another region)"
            return f"{town}, {written}", source, 0.5, True
    return None


def _other_region(a: str, b: str) -> bool:
    """True when two written regions ("MO" / "Illinois", "Oregon" / "Maine") name different
    states, provinces or territories of the one table (:mod:`referral_ai.inputs.regions`); a
    region the table does not know is compared as written only against another unknown one."""
    ra, rb = find_region(a), find_region(b)
    if ra is not None and rb is not None:
        return (ra.country, ra.code) != (rb.country, rb.code)
    if ra is not None or rb is not None or min(len(a), len(b)) < 4:
        return False
    return a.casefold() != b.casefold()


def _find_req_id(text: str) -> str | None:
    for m in _REQ_LABEL.finditer(text):
        value = m.group("v")
        if any(c.isdigit() for c in value):
            return value
    token = _REQ_TOKEN.search(text)
    return token.group("v") if token else None


_POLICY_URL = re.compile(
    r"accessib|privacy|accommodat|/eeo|equal-opportunity|cookie|/terms|/legal|/benefits", _I
)


def _find_url(text: str) -> str | None:
    urls = [m.group(0).rstrip(".,;:!?)]'\"") for m in _URL_RE.finditer(text)]
    for url in urls:
        if _POLICY_URL.search(url):
            continue  # the careers site's accessibility / privacy page is not the job
        if _JOB_URL_HINT.search(url) and url.lower().startswith("http"):
            return url
    return None


def _find_contact(text: str) -> str | None:
    for pattern in _CONTACT_RES:
        m = pattern.search(text)
        if m:
            name = m.group("name").strip()
            if not _JOB_NOUN.search(name.split()[-1]) and name.split()[0].lower() not in {
                "the",
                "our",
                "your",
                "us",
            }:
                return name
    m = _CONTACT_EMAIL.search(text)
    return m.group("email") if m else None


def _find_deadline(text: str) -> str | None:
    for pattern in _DEADLINE_RES:
        m = pattern.search(text)
        if m:
            return m.group("d").strip().rstrip(".,")
    return None


# --------------------------------------------------------------------------- structured facts

Fact = tuple[Any, str, float]
"""(value, source in words, confidence) of one fact about the posting."""


def _normal_facts(facts: Mapping[str, Any] | None) -> dict[str, Fact]:
    """Facts in one shape: ``{"field": (value, source, confidence)}``.

    Accepts the readers' shape (``{"field": {"value": v, "source": s, "confidence": c}}``, see
    :mod:`referral_ai.inputs.html`) and bare values (``{"title": "Data Engineer"}``, source
    "given facts", confidence 0.9). Empty values are dropped.
    """
    out: dict[str, Fact] = {}
    for name, entry in (facts or {}).items():
        if isinstance(entry, Mapping) and "value" in entry:
            value = entry.get("value")
            source = str(entry.get("source") or "given facts")
            try:
                confidence = float(entry.get("confidence", 0.9))
            except (TypeError, ValueError):
                confidence = 0.5
        else:
            value, source, confidence = entry, "given facts", 0.9
        if isinstance(value, str):
            value = " ".join(value.split())
        if value in (None, "", [], {}):
            continue
        out[str(name)] = (value, source, max(0.0, min(1.0, confidence)))
    return out


def merge_facts(*layers: Mapping[str, Any] | None) -> dict[str, Any]:
    """Several readers' facts in one mapping: per field, the most confident entry wins
    (identifiers are pooled). Entries keep the readers' ``{"value", "source", "confidence"}`` shape."""
    merged: dict[str, Any] = {}
    for layer in layers:
        for name, (value, source, confidence) in _normal_facts(layer).items():
            entry = {"value": value, "source": source, "confidence": confidence}
            if name == "identifiers" and name in merged and isinstance(value, list):
                pooled = list(merged[name]["value"])
                pooled += [v for v in value if v not in pooled]
                merged[name] = {**merged[name], "value": pooled}
            elif name not in merged or confidence > float(merged[name]["confidence"]):
                merged[name] = entry
    return merged


# --------------------------------------------------------------------------- titles

# Nouns that name a post without naming a person ("Professorship", "Postdoctoral position").
_POST_NOUN = re.compile(
    r"\b(?:professorships?|fellowships?|scholarships?|assistantships?|studentships?|lectureships?|"
    r"traineeships?|residency|residencies|positions?|posts?|chairs?|vacanc(?:y|ies)|post-?docs?|"
    r"openings?|roles?|jobs?)\b",
    _I,
)
_GENERIC_TITLE = re.compile(
    r"^(?:(?:open|current|available|vacant|academic|research|job|career|staff)\s+)?(?:positions?|openings?|"
    r"opportunities|vacanc(?:y|ies)|jobs?|careers?)(?:\s+(?:archives?|list(?:ing)?s?|board|page|openings))?"
    r"(?:\s*(?:[:|\u2013\u2014-]|at|@)\s*.{0,60})?$|^(?:join\s+(?:us|our\s+team)|work\s+with\s+us|we(?:'re|\s+are)\s+hiring!?|"
    r"home|news|blog|people|team|publications?|research|contact(?:\s+us)?|about(?:\s+us)?|no\s+title(?:\s+specified)?)$|"
    r"^(?:vacancies|openings|jobs|positions|opportunities|careers)\b|^about\s+(?:the\s+)?(?:job|role|position|team|company)$",
    _I,
)
_ORG_WORD = re.compile(
    r"\b(?:Universit(?:y|ies|é|at|ät|à|a|e|eit)|College|Hospital|Foundation|Ministry|Museum|"
    r"Society|Association|Academy|Corporation|Inc|LLC|Ltd|Limited|GmbH|AG|PLC|LLP|S\.A|"
    r"Government|Institute|Institut|Observatory|City\s+of|County\s+of|State\s+of|Max\s+Planck|"
    r"Department\s+for)\b|"
    r"\b(?:Service|Agency|Council|Commission|Authority|Trust|Bank|Library|Company|Corporation)(?:\s*\([A-Z]{2,8}\))?$"
)
_ABBREVIATION = re.compile(r"[A-Z][A-Z&]{1,7}")
_TITLE_SYNTAX = re.compile(r"^\s*(?:title|name)\s*[=:]\s*(?P<q>[\"']?)(?P<t>.*?)(?P=q)\s*$", _I)
_TITLE_WRAPPERS = [
    # "Hiring our next Community Manager", "We're hiring: Data Engineer", "Now hiring Line Cooks"
    re.compile(
        r"^(?:we(?:'re|\s+are)\s+|now\s+|is\s+)?(?:hiring|recruiting|looking\s+for|seeking)\s*[:!\u2013\u2014-]?\s*"
        r"(?:an?\s+|our\s+(?:next|first|new)\s+|the\s+|a\s+new\s+)?(?P<t>.+?)[.!]?$",
        _I,
    ),
    # "Applications for Assistant Professor Position Now Open", "Call for applications: X"
    re.compile(
        r"^(?:call\s+for\s+)?applications?\s+(?:are\s+)?(?:now\s+)?(?:invited\s+|open\s+|sought\s+)?"
        r"(?:for|to)\s*:?\s*(?:an?\s+|the\s+)?(?P<t>.+?)(?:\s+(?:are\s+|is\s+)?(?:now\s+)?open(?:ed)?)?[.!]?$",
        _I,
    ),
    re.compile(
        r"^(?:call\s+for\s+applications|job\s+(?:opening|posting|offer|advert)|vacancy|open\s+position|"
        r"opportunity|new\s+position)\s*[:\u2013\u2014-]\s*(?P<t>.+)$",
        _I,
    ),
    # "Serve Your City: Be our Neighborhood Services Engineer", "Become our next Data Lead"
    re.compile(
        r"^(?:[^:\n]{1,60}:\s*)?(?:be|become|join\s+us\s+as)\s+(?:our|an?|the)\s+"
        r"(?:next\s+|new\s+|first\s+)?(?P<t>.+?)[.!?]?$",
        _I,
    ),
    # "Position in Chicago as a full-time Data Scientist"
    re.compile(
        r"^(?i:an?\s+)?(?i:open\s+|new\s+)?(?i:position|opening|job|vacancy)\s+(?:in|at)\s+(?P<loc>[A-Z][^,]{1,40}?)\s+"
        r"(?:as|for)\s+(?:an?\s+)?(?:(?:full|part)[- ]time\s+)?(?P<t>.+)$",
    ),
]
_POSITION_WORDS = {"position", "post", "vacancy", "opening", "role", "job"}
# The gender note German and Dutch postings add to a title: "(f/m)", "(m/w/d)", "(all genders)".
_GENDER_MARKER = re.compile(
    r"(?<![ \t])[ \t]*\((?:[fmwdx]{1,3}(?:[ \t]*/[ \t]*[fmwdx]{1,3}){1,3}|all[ \t]+genders|gn|d/f/m)\)",
    _I,
)
# A title that goes on as a sentence: "Designer to improve the UI of our app", "Engineer who ...".
_SENTENCE_TAIL = re.compile(
    r"\s(?:to\s+(?!the\b|a\b|an\b|our\b)[a-z]{3,}|who|which|will|that\s+[a-z]+s)\s", _I
)


def _position_suffix(text: str) -> tuple[str, str | None] | None:
    """'Science Manager position at X' -> ('Science Manager', 'X'); 'X position' -> ('X', None)."""
    words = text.split()
    for i in range(1, len(words)):
        if words[i].lower() not in _POSITION_WORDS:
            continue
        rest = words[i + 1 :]
        if not rest:
            return " ".join(words[:i]), None
        if len(rest) > 1 and rest[0].lower() in {"at", "with"}:
            return " ".join(words[:i]), " ".join(rest[1:])
    return None


@dataclass
class _TitleParts:
    title: str
    company: str | None = None
    department: str | None = None
    location: str | None = None
    # the wrapper named it a job ("Bioinformatician Job"), though no job word is in the title
    named_a_job: bool = False


def _org_like(part: str) -> bool:
    return bool(_ORG_WORD.search(part)) and not _UNIT_WORD.search(part)


def _unit_like(part: str) -> bool:
    return bool(_UNIT_WORD.search(part))


def _is_place(part: str) -> bool:
    part = part.strip()
    return bool(
        _LOCATION_RE.fullmatch(part) or re.fullmatch(_COUNTRY, part) or _WORK_MODE_RE.match(part)
    )


def _names_a_job(text: str) -> bool:
    return bool(_JOB_NOUN.search(text) or _POST_NOUN.search(text))


def _singular(title: str) -> str:
    """'Postdocs' -> 'Postdoc': a page named after its one kind of job names the job."""
    head, _, last = title.rpartition(" ")
    if len(last) > 4 and last.endswith("s") and not last.endswith("ss") and " and " not in title:
        single = last[:-1]
        if _JOB_NOUN.fullmatch(single) and not re.match(
            r"\d|(?i:two|three|four|five|six|several)\b", title
        ):
            return f"{head} {single}".strip()
    return title


# A team's discipline named where the job's person is meant ("Forward Deployment Engineering").
_DISCIPLINE_PERSON = {
    "engineering": "engineer", "design": "designer", "development": "developer",
    "research": "researcher", "analytics": "analyst", "management": "manager",
    "marketing": "marketer", "operations": "operator",
}  # fmt: skip
_GLUED_DASH = re.compile(r"(?<=[\w)])-[ \t]+|[ \t]+[-|\u2013\u2014][ \t]+")


def _board_header_title(title: str, company: str, text: str) -> str | None:
    """The job in a board's header line that opens with the employer ("Adobe - Forward
    Deployment Engineering (AI/ML)- SJ- Hybrid - Full-Time"): the employer and the trailing
    place, city code and work mode are dropped; a team's discipline there gives way to the
    person the text names ("As a Forward Deployed Engineer")."""
    lead = re.match(rf"{re.escape(company)}[ \t]+[-|\u2013\u2014][ \t]+(?=\S)", title)
    if not lead:
        return None
    pieces = [p.strip() for p in _GLUED_DASH.split(title[lead.end() :]) if p.strip()]
    kept: list[str] = []
    for piece in pieces:
        if kept and (
            _is_place(piece) or re.fullmatch(r"[A-Z]{2,3}", piece) or _WORK_MODE_RE.match(piece)
        ):
            break  # "SJ", "Hybrid", "Full-Time": where and how, not the job
        kept.append(piece)
    job = " - ".join(kept)
    if not job or not _names_a_job(job):
        return None
    base = re.sub(r"[ \t]*\([^()]*\)$", "", job)
    words = base.split()
    person = _DISCIPLINE_PERSON.get(words[-1].lower()) if len(words) >= 2 else None
    if person:
        for role in _prose_roles(text):
            said = role.split()
            if said[0].lower() == words[0].lower() and said[-1].lower() == person:
                return role
    return job


_SITES_NOTE = re.compile(
    r"(?:multiple|various|several|many|all|two|three|four)[ \t]+"
    r"(?:locations|sites|campuses|branches|offices)",
    _I,
)


def _unwrap_title(raw: str) -> _TitleParts:
    """The job title inside a wrapper, with the organisation, unit and place the wrapper names.

    Unwraps front-matter syntax (``title = "..."``), quotes, site or organisation names joined
    with ``|`` / dashes ("Umeå University | Postdoc in X"), announcement wrappers ("Hiring our
    next X", "Applications for X Now Open", "X position at Y", "Position in Chicago as a Data
    Scientist") and "Title, Unit, Organisation[, Country]" headings.
    """
    text = _clean(raw[:400]).strip()  # a title is short; a long line is not unwrapped whole
    m = _TITLE_SYNTAX.match(text)
    if m:
        text = m.group("t")
    text = text.strip().strip("\"'\u201c\u201d\u2018\u2019").strip()
    text = _GENDER_MARKER.sub("", text).strip().rstrip(":").strip()  # "Designer (f/m)", "Title:"
    parts = _TitleParts(text)
    # "Org | Title" / "Title | Org" / "Title - Site": keep the piece that names a job.
    pieces = [
        p.strip() for p in re.split(r"(?<!\s)(?:\s+[|\u2013\u2014]\s+|\s+-\s+|\s*\u00b7\s*)", text)
    ]
    if len(pieces) > 1:
        jobs = [p for p in pieces if _names_a_job(p) and not _org_like(p)]
        others = [p for p in pieces if p not in jobs]
        if len(jobs) == 1 and others and all(_org_like(o) or _is_place(o) for o in others):
            for o in others:
                if _is_place(o):
                    parts.location = parts.location or o
                elif _unit_like(o):
                    parts.department = parts.department or o
                else:
                    parts.company = parts.company or o
            text = jobs[0]
    for pattern in _TITLE_WRAPPERS:
        m = pattern.match(text)
        if m and _names_a_job(m.group("t")):
            text = m.group("t").strip()
            if "loc" in m.groupdict() and m.group("loc"):
                parts.location = parts.location or m.group("loc").strip()
            break
    suffix = _position_suffix(text)
    if suffix and _JOB_NOUN.search(suffix[0]):
        text = suffix[0].strip()
        org = (suffix[1] or "").strip()
        if org:
            if _unit_like(org):
                parts.department = parts.department or org
            else:
                parts.company = parts.company or org
    # "Tenure-Track Assistant Professorship, LPS, University of California, Irvine"
    commas = [p.strip() for p in text.split(",")]
    if len(commas) > 1 and _names_a_job(commas[0]):
        org_at = next((i for i, p in enumerate(commas[1:], 1) if _org_like(p)), None)
        if org_at is not None:
            head = commas[:org_at]
            title_parts = [head[0]]
            for extra in head[1:]:
                if _ABBREVIATION.fullmatch(extra) or _unit_like(extra):
                    parts.department = parts.department or extra
                else:
                    title_parts.append(extra)
            org = commas[org_at]
            for tail in commas[org_at + 1 :]:
                if _is_place(tail):
                    parts.location = parts.location or tail
                else:
                    org = f"{org}, {tail}"
            text = ", ".join(title_parts)
            parts.company = parts.company or org
    text = re.sub(r"^\d{1,3}\s+(?=[A-Z])", "", text)  # "3 Post-Doc Positions in HCI"
    paren = re.search(r"(?<!\s)\s*\((?P<d>[A-Z][\w&'-]*(?:\s+[A-Z&][\w&'-]*){0,3})\)$", text)
    # A civil-service class title set in capitals carries its qualifier in capitals too
    # ("ACCOUNT CLERK II (BILINGUAL)"): part of the title, not a unit.
    shouted = bool(paren and text.isupper() and not _unit_like(paren.group("d")))
    if paren and _SITES_NOTE.fullmatch(paren.group("d")):
        text = text[: paren.start()].strip()  # "Librarian (Multiple Locations)": where, not a unit
    elif paren and not (_names_a_job(paren.group("d")) or _is_place(paren.group("d")) or shouted):
        parts.department = parts.department or paren.group("d")  # "Manager (Marketing Campaigns)"
        text = text[: paren.start()].strip()
    at = re.match(r"^(?P<t>.+?)(?<!\s)\s+(?:at|At|@)\s+(?P<c>[A-Z].+)$", text)
    if at and _names_a_job(at.group("t")) and not _JOB_NOUN.search(at.group("c")):
        text = at.group("t").strip()
        if _unit_like(at.group("c")):
            parts.department = parts.department or at.group("c").strip()
        else:
            parts.company = parts.company or at.group("c").strip()
    job_word = re.search(r"(?<=\w)\s+(?i:job|jobs|vacancy|opening)$", text)
    if job_word and re.search(r"(?:ian|ist|er|or|ant|ent)s?$", text[: job_word.start()], _I):
        text = text[: job_word.start()]  # "Bioinformatician Job" (a page title): the job's name
        parts.named_a_job = True
    parts.title = _singular(text.strip(" -\u2013\u2014|,:;"))
    return parts


def _usable_title(text: str | None) -> bool:
    if not text:
        return False
    if re.search(r"(?<!\S)(?:in|of|for|and|at|the|with|to|on|&)$", text.strip(), _I):
        return False  # "Tenure-Track Position in": a field cut off at a length limit
    shaped = _plausible_title(text) or (
        _names_a_job(text) and _plausible_title(" ".join(text.split()[:6]).rstrip(".!?"))
        and len(text.split()) <= 14 and not text.endswith((".", "!", "?"))
    )  # fmt: skip
    return bool(shaped and not _GENERIC_TITLE.match(text.strip()) and not _URL_RE.search(text))


def _looks_like_person(text: str) -> bool:
    """'Kathlén Kohn', 'Manuel Pulido': two or three capitalised words naming no job."""
    words = text.split()
    return (
        2 <= len(words) <= 3
        and all(re.fullmatch(r"[A-Z][a-z'\u00c0-\u017f-]+\.?", w) for w in words)
        and not _names_a_job(text)
        and not _ORG_WORD.search(text)
    )


_BOLD_LEAD = re.compile(
    r"^\s*(?:[-*+]\s+|\d{1,2}[.)]\s+)?\*\*(?P<t>[^*\n]{3,120}?)\*\*\s*[.:]?(?:\s|$)"
)
_HIRING_PROSE = re.compile(
    r"\b(?:hiring|looking\s+for|seeking|recruiting|searching\s+for|seeks)\s+(?:an?\s+|our\s+(?:next|first|new)\s+)?"
    r"(?:(?:[a-z][\w-]*,?\s+(?:and\s+)?){0,4}?)"
    r"(?P<t>(?:(?:[A-Z]|[a-z]+[A-Z])[\w/&+.-]*\s+){0,5}?(?:[A-Z]|[a-z]+[A-Z])[\w/&+.-]*)"
    r"(?=\s+(?:to|who|with|in|at|for|based|that|on)\b|[.,!]|$)",
)


_TITLE_WORD = r"(?:[A-Z][\w'-]*|in|of|for|and|&|on|or)"
_SENTENCE_TITLE = re.compile(
    r"\b(?:applications?|applicants?|candidates?|interest|(?:position|opening|vacancy)\s+(?:available|open))"
    r"\s+for\s+(?:an?\s+|the\s+|one\s+|two\s+|\d+\s+)?"
    r"(?:(?:position|post|job)\s+as\s+(?:an?\s+)?)?"
    rf"(?P<t>[A-Z][\w'-]*(?:\s+{_TITLE_WORD}){{0,8}})"
    r"(?:\s+(?:position|post|role|vacancy|opening))?(?:\s+(?:at|with)\s+(?:the\s+)?"
    rf"(?P<org>[A-Z][\w'&.-]*(?:\s+(?:[A-Z][\w'&.-]*|of|for|and)){{0,6}}))?(?=[\s,.;:]|$)"
)
_SENTENCE_TITLE_LOWER = re.compile(
    r"\b(?:applications?|applicants?|candidates?|interest|invitation)\s+for\s+(?:an?|the|one)\s+"
    r"(?P<t>(?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*)(?=\s+(?:with|to|in|at|for|position|who)\b|[.,;])"
)


_AVAILABLE_POST = re.compile(
    r"\b(?i:an?|one)\s+(?P<t>(?:[a-z][\w-]*\s+){1,3}?(?:position|post|opening|vacancy))\s+(?:is|has\s+become)\s+"
    r"(?:now\s+)?(?:available|open)\b"
)


_SUBJECT_TITLE = re.compile(
    r"(?:^|(?<=\n))[ \t]*The[ \t]+(?P<t>[A-Z][\w'&/-]*(?:[ \t]+[A-Z][\w'&/-]*){0,6})[ \t]+"
    r"(?:will\s+(?:be\s+responsible|lead|own|report|work|manage|support)|is\s+responsible)\b"
)


def _sentence_title(text: str) -> tuple[str, str | None] | None:
    """The job as the opening sentences name it ("invites applications for a Postdoctoral Research
    Fellowship position at Harvard University", "a position as Postdoctoral Fellow in X", "an
    invitation ... for a postdoctoral research associate"): (title, organisation or None)."""
    head = _masked(text[:3000])
    for m in _SENTENCE_TITLE.finditer(head):
        title = m.group("t").strip()
        title = re.sub(r"(?<!\s)\s+(?:in|of|for|and|&|on|or)$", "", title)
        if _names_a_job(title) and _plausible_title(title) and not _GENERIC_TITLE.match(title):
            return title, (m.group("org") or None)
    pos = 0
    while (low := _SENTENCE_TITLE_LOWER.search(head, pos)) is not None:
        if _JOB_NOUN.fullmatch(low.group("t").split()[-1]):
            t = low.group("t").strip()
            return t[:1].upper() + t[1:], None
        pos = low.start() + 1
    subject = _SUBJECT_TITLE.search(head)  # "The Senior Sales Insights Manager will be ..."
    if subject and _JOB_NOUN.fullmatch(subject.group("t").split()[-1]):
        return subject.group("t"), None
    post = _AVAILABLE_POST.search(head)  # "A postdoctoral position is available in the X lab"
    if post:
        t = post.group("t")
        return t[:1].upper() + t[1:], None
    return None


# The role a body sentence names when nothing else gives a title: "We're looking for a strong
# software engineer to ...", "join us as a Data Analyst", "Acme is seeking a nurse who ...",
# "As a Product Designer, you ...", "The Analyst will ...". Lower-case words are allowed, so the
# result is offered with a blocking doubt (see ``PROSE_TITLE``), never taken as sure.
_PROSE_WORD = r"[A-Za-z](?:[\w/&+.'-]*[\w+])?"
_PROSE_ROLE = re.compile(
    r"(?:\b(?i:looking\s+for|(?:looking|wanting|hoping|seeking)\s+to\s+(?:hire|recruit|appoint)|hiring|seeking|seeks|searching\s+for|recruiting|in\s+search\s+of|"
    r"(?:join|joining)\s+(?:us|our\s+\w+(?:\s+\w+)?|the\s+\w+(?:\s+\w+)?)\s+as|"
    r"(?:would|will)\s+(?:love|like)\s+to\s+(?:meet|hear\s+from|welcome))\s+"
    r"(?i:an?|our\s+(?:next|first|new)|one|two|several)\s+"
    rf"(?P<t>(?:{_PROSE_WORD},?\s+){{0,6}}{_PROSE_WORD})"
    r"(?=\s+(?:to|who|with|in|at|for|based|that|on|and|or|like|whose|from|(?:is|are)\s+\w+)\b|"
    r"\s*[.,!;:()]|\s*$))"
    r"|(?:(?:^|(?<=[.!?]\s))As\s+(?:an?|our|the)\s+"
    rf"(?P<as>(?:{_PROSE_WORD}\s+){{0,5}}?{_PROSE_WORD}),\s+you\b)"
    r"|(?:(?:^|(?<=[.!?]\s))The\s+successful\s+|(?:^|(?<=[.!?]\s))The\s+)"
    rf"(?P<the>(?:{_PROSE_WORD}\s+){{0,5}}?{_PROSE_WORD})\s+will\s+(?!be\s+(?:given|offered|paid))",
    re.MULTILINE,
)
# Praise and hedges before a role ("a strong", "an experienced and motivated"): not the title's.
_PRAISE = re.compile(
    r"^(?:(?:strong|talented|passionate|experienced|motivated|self-motivated|skilled|driven|"
    r"enthusiastic|creative|curious|great|brilliant|dedicated|highly|exceptional|outstanding|"
    r"dynamic|energetic|amazing|awesome|superb|capable|organi[sz]ed|detail-oriented|proactive|"
    r"versatile|seasoned|hands-on|friendly|rockstar|ninja|star|results-driven|hard-working|"
    r"hardworking|reliable|committed|ambitious|thoughtful|excellent|fantastic|world-class|"
    r"qualified|suitable|successful|new|additional|permanent|full-time|part-time|remote|and)"
    r",?[ \t]+)+",
    _I,
)
_PROSE_STOP = re.compile(r"to|who|with|in|at|for|based|that|on|or|like|whose|from|is|are|and", _I)
PROSE_TITLE = "a sentence of the posting (the title was read from prose)"
"""The title's source when only a body sentence named the job: drafting stops until --title."""


def _prose_title(text: str) -> str | None:
    """The job a body sentence names ("We're looking for a strong software engineer to ..." ->
    "Software Engineer"), cleaned: praise dropped, words capitalised as a title is; else None."""
    return next(_prose_roles(text), None)


# Who a posting's sentences name besides the job: "The hiring manager will review ...".
_NOT_THE_ROLE = re.compile(r"(?:hiring|line|recruiting)\s+manager|recruiters?|hiring\s+team", _I)


def _prose_roles(text: str) -> Iterator[str]:
    """Every job the opening sentences name, cleaned as :func:`_prose_title` does, in order."""
    head = _masked(text[:4000])
    for m in _PROSE_ROLE.finditer(head):
        raw = m.group("t") or m.group("as") or m.group("the") or ""
        words = _PRAISE.sub("", raw.strip()).split()
        cut = next((k for k, w in enumerate(words) if _PROSE_STOP.fullmatch(w)), len(words))
        words = words[:cut]  # "Director of Data Science to lead ..." -> "Director of Data Science"
        # the words up to the job noun that ends the role ("data engineering manager who ..."),
        # nothing after it ("engineer and a designer" is two roles: the first is kept)
        end = next(
            (
                k + 1
                for k, w in enumerate(words)
                if _JOB_NOUN.fullmatch(w.strip(","))
                and not (k + 1 < len(words) and _JOB_NOUN.fullmatch(words[k + 1].strip(",")))
            ),
            0,
        )
        if end and words[end : end + 1] == ["of"] and len(words) - end <= 4:
            end = len(words)  # "Head of Product", "Director of Data Science"
        words = [w.strip(",") for w in words[:end]]
        if (
            not words
            or len(words) > 6
            or words[0].lower() in {"person", "people", "team", "someone"}
        ):
            continue
        title = " ".join(w if w[:1].isupper() or w.lower() in {"of", "and", "for", "&"} else w.capitalize()
                         for w in words)  # fmt: skip
        if (
            _plausible_title(title)
            and not _GENERIC_TITLE.match(title)
            and not _NOT_THE_ROLE.fullmatch(title)
        ):
            yield title


def _refine_title(parts: _TitleParts, text: str) -> tuple[_TitleParts, bool]:
    """A heading-derived title the opening sentence names more fully ("Postdoctoral Fellowship
    Position" -> "Postdoctoral Research Fellowship"; "Postdoctoral Fellowship in X" -> "Postdoctoral
    Fellow in X" when the sentence calls the job that): the sentence's wording wins."""
    found = _sentence_title(text)
    if not found:
        return parts, False
    title, org = found
    if org and _unit_like(org):
        parts.department = parts.department or org
        org = None
    words = {w.lower() for w in re.findall(r"[\w'-]+", parts.title)}
    own = words - {"position", "post", "role"}
    theirs = {w.lower() for w in re.findall(r"[\w'-]+", title)}
    close = difflib.SequenceMatcher(None, parts.title.lower(), title.lower()).ratio() >= 0.85
    # "Postdoc position in X" (a headline about a post) when the text names the job's title
    headline = bool(words & {"position", "post", "opening", "vacancy"}) and _JOB_NOUN.search(title)
    if title.lower() != parts.title.lower() and own and (own < theirs or close or headline):
        place = parts.location or _split_title(parts.title)[2]  # "... (Melbourne, Australia)"
        return _TitleParts(title, parts.company or org, parts.department, place), True
    if org and not parts.company:
        parts.company = org
    return parts, False


_KIND_OF_POSTS = re.compile(r"(?<![\w-])(?i:opportunities|openings|vacancies|jobs|careers)$")
_KIND_OF_POST = re.compile(
    r"(?<![\w.'-])(?:[A-Z][\w.'-]*\s+){1,4}(?i:positions?|posts?|studentships?|openings?|vacanc(?:y|ies))"
)


# "# [Learning & Development Lead](https://board.example/apply/...)": a job board links its
# heading to the application; the heading's words are the title.
_LINKED_LINE = re.compile(
    r"^(?P<h>[ \t]*(?:#{1,6}[ \t]*)?)\[(?P<t>[^\]\n]{1,200})\]\([^)\s]{1,500}\)[ \t]*$"
)


def _title_text(line: str) -> str:
    return _heading_text(_LINKED_LINE.sub(r"\g<h>\g<t>", _HEADING_ATTRIBUTES.sub("", line)))


# A line that is only markup: a pandoc fenced div or attribute block ("::: {.section .job}",
# "{.section}"), a template or shortcode tag ("{% include x %}", "{{< figure >}}"). Never a title.
_MARKUP_LINE = re.compile(
    r"^\s*(?::{3,}\s*(?:\{[^{}\n]*\}|[\w-]+)?\s*$|\{[.#][^{}\n]*\}\s*$|\{[%{<].*[%}>]\}\s*$)"
)
# Pandoc attributes after a heading's text: "## Senior Engineer {#senior-engineer .job}".
_HEADING_ATTRIBUTES = re.compile(r"\s*\{[.#][^{}\n]*\}\s*$")


def _text_title(lines: Sequence[str]) -> tuple[str | None, int | None, str]:
    """A title from the text itself: (title, index into ``lines``, how it was found)."""
    label = _label_value(lines[:40], _TITLE_LABEL)
    if label and _plausible_title(_clean(label)):
        idx = next((i for i, ln in enumerate(lines[:40]) if label in ln), None)
        return label, idx, "'Job Title:' label"
    candidates = [
        (i, ln)
        for i, ln in enumerate(lines)
        if ln.strip()
        and not _MARKUP_LINE.match(ln)
        and not _is_bullet(ln)
        and not re.match(r"^\s*(?:\*\*\s*)?(?:url|link|source)\s*:", ln, _I)
        and not _PAGE_CHROME.match(_clean(ln))
    ][:8]
    for i, line in candidates[:4]:
        text = _title_text(line)
        if _usable_title(text) and _JOB_NOUN.search(text) and not _looks_like_nav(text):
            return text, i, "first heading naming a job"
    above = _title_above_fields(lines)
    if above is not None:
        return _heading_text(lines[above]), above, "line above the job's fields"
    for i, line in candidates[:3]:
        # "Open positions" then "PhD positions": a heading naming a kind of post
        text = _title_text(line)
        if _usable_title(text) and _KIND_OF_POST.fullmatch(text):
            return text, i, "heading naming a kind of post"
    for i, line in enumerate(lines[:30]):
        m = _BOLD_LEAD.match(line)
        if m and _JOB_NOUN.search(m.group("t")) and _plausible_title(m.group("t")):
            return m.group("t").strip(), i, "bold lead of a listing"
    for i, line in enumerate(lines[:20]):
        for pattern in (_HIRING_RE, _HIRING_PROSE):
            m = pattern.search(_clean(line))
            if m and _JOB_NOUN.search(m.group("t")):
                return m.group("t").strip(), i, "hiring sentence"
    if candidates:
        i, line = candidates[0]
        text = _title_text(line)
        if (
            _usable_title(text)
            and not _looks_like_person(text)
            and not _looks_like_nav(text)
            and not re.search(r"\b(?:lab|laboratory|group)\s*$", text, _I)  # a lab's banner
        ):
            return text, i, "first line"
    return None, None, ""


# What a careers page prints around the job when it is saved as text (iCIMS, Workday, Taleo,
# njoyn): skip links, sign-in prompts, search and alert buttons. Never a title.
_PAGE_CHROME = re.compile(
    r"^\s*(?:skip\s+to\s+(?:the\s+)?(?:main\s+)?content|back\s+to\s+\S.{0,60}|"
    r"returning\s+(?:candidate|applicant|user)s?\??|(?:log|sign)\s+(?:back\s+)?in!?|"
    r"(?:create|build)\s+(?:your\s+|a\s+)?profile(?:\s*\|\s*sign\s+in)?|"
    r"search\s+(?:careers?|jobs|all\s+jobs|career\s+opportunities)|my\s+(?:profile|account|applications?)|"
    r"activate\s+(?:career\s+|job\s+)?alerts|(?:find\s+)?similar\s+(?:jobs|career\s+opportunities)|"
    r"find\s+similar\s+\S.{0,40}|(?:main\s+)?menu|toggle\s+navigation|job\s+alerts?|"
    r"view\s+all\s+jobs|(?:visit\s+)?(?:global\s+)?career\s+sites?)\s*$",
    _I,
)
# The fields an ATS page prints right under the job's title ("Job Locations US-WA-Seattle",
# "ID REQ-2031-0042", "Category:", "Main location:", "Position ID:").
_HEADER_FIELD = re.compile(
    r"^\s*(?i:job\s+locations?|(?:main\s+|primary\s+|work\s+)?locations?(?:\(s\))?|category|job\s+category|"
    r"(?:job|position|posting)\s+id|id|req(?:uisition)?(?:\s+id|\s+number|\s*#)?|job\s+requisition\s+id|"
    r"employment\s+type|job\s+type|time\s+type|posted(?:\s+on|\s+date)?|job\s+family)"
    r"(?:\s*:|\s+(?=[A-Z0-9]))"
)


def _title_above_fields(lines: Sequence[str]) -> int | None:
    """The line above the first block of header fields of a saved careers page, when it names a job
    (menus, country and language lists come before it)."""
    for i, line in enumerate(lines[:250]):
        if not _HEADER_FIELD.match(_clean(line)):
            continue
        for j in range(i - 1, max(i - 3, -1), -1):
            text = _heading_text(lines[j])
            if not text or _PAGE_CHROME.match(text):
                continue
            if _usable_title(text) and _JOB_NOUN.search(text) and not _looks_like_nav(text):
                return j
            break
        return None
    return None


def _looks_like_nav(text: str) -> bool:
    """'Open Positions: PostDoc Openings | PhD Openings', 'Home | People | Jobs': a menu line."""
    return text.count("|") >= 2 or bool(re.match(r"^[^:]{1,30}:\s*[^|]+\|", text))


def _job_words(text: str) -> set[str]:
    """The job nouns ``text`` names, stemmed ("Engineering" and "Engineers" are "engineer")."""
    return {re.sub(r"(?:ing|s)$", "", m.group(0).lower()) for m in _JOB_NOUN.finditer(text)}


def _glued_tail(title: str) -> str | None:
    """The title without a capitalised word glued after its job ("UX Designer Wikipedia" ->
    "UX Designer"), or None when the title ends in its job, a level or a joined qualifier."""
    tail = re.search(r"(?<=\w)\s+(?P<w>[A-Z][\w.-]*)$", title)
    if (
        tail is None
        or re.search(r"\s[-|,/\u2013\u2014:]|[(]", title)
        or _names_a_job(tail.group("w"))
        or re.fullmatch(
            r"[IVX]{1,4}|\d+|[A-Z]{1,3}|Jr|Sr|Senior|Junior|Lead|Principal|Staff", tail.group("w")
        )
    ):
        return None
    before = title[: tail.start()]
    return before if before.split() and _JOB_NOUN.search(before.split()[-1]) else None


def _title_agreement(parts: _TitleParts, raw: str, heading: str | None, heading_how: str) -> float:
    """How far a title taken from page metadata (front matter, a page title) can be trusted given
    what the text itself shows: 1.0, or 0.45 (doubted) when

    - the text's own first heading names a different job, or names it more fully ("Postdoc in X"
      above a heading "Research Associate / Fellow (Postdoc) position on X"): the metadata is
      the page's, not the job's;
    - one word is left after a headline wrapper ("Postdoc Opening at the University of X" ->
      "Postdoc"): the headline named a kind of post, not the job's title;
    - a word follows the job that is neither a job word nor joined by a preposition
      ("UX Designer Wikipedia"): a site or project name glued to the title.
    """
    if heading and heading_how == "first heading naming a job" and heading != raw:
        own, theirs = _job_words(parts.title), _job_words(_unwrap_title(heading).title)
        if theirs and (not own & theirs or own < theirs):
            return 0.45  # another job, or the same one named more fully
    wrapped = parts.title.lower().rstrip("s") != _clean(raw).strip().lower().rstrip("s")
    if (
        len(parts.title.split()) == 1
        and wrapped
        and (_POST_NOUN.search(raw) or _TITLE_WRAPPERS[0].match(_clean(raw)))
    ):
        return 0.45
    if _glued_tail(parts.title):
        return 0.45
    return 1.0


# A headline that announces a post rather than naming it ("Web operations job description",
# "Postdoctoral position available", "We're hiring!", "We are recruiting!", "Join our team",
# "Now Hiring!", "Careers"), or an "About ..." heading over the organisation: the role the text
# names ranks above it.
_ANNOUNCEMENT = re.compile(
    r"^about\s+\S|^(?:we(?:'re|\s+are)\s+(?:hiring|recruiting|looking|growing)|now\s+hiring|"
    r"join\s+(?:us|our\s+team|the\s+team)|careers?|work\s+with\s+us|open\s+positions?)\s*[!.]?$"
    r"|\b(?:job\s+description|job\s+(?:ad|advert|posting)|positions?\s+(?:available|open)|"
    r"(?:is|are)\s+hiring|vacanc(?:y|ies)\s+available)\s*[!.]?$",
    _I,
)


def _announcement(title: str) -> bool:
    return bool(_ANNOUNCEMENT.search(_clean(title).strip()))


def _body_roles(body: str) -> list[str]:
    """The distinct jobs the opening sentences name ("invites applications for a X", "we are
    looking for a Y to ..."), in order; one that contains another counts once."""
    found = [t for t, _ in filter(None, [_sentence_title(body)])] + list(_prose_roles(body))
    distinct: list[str] = []
    for role in found:
        key = role.casefold()
        if not any(key in d.casefold() or d.casefold() in key for d in distinct):
            distinct.append(role)
    return distinct


def _role_over_announcement(
    announced: str, body: str
) -> tuple[_TitleParts | None, str, int | None, float] | None:
    """The role the text names, taken over an announcement-style headline; doubted (naming the
    candidates) when the text names more than one job."""
    roles = _body_roles(body)
    if not roles:
        return None
    source = f"the role the text names (the headline {announced!r} announces the post)"
    if len(roles) > 1:
        others = ", ".join(repr(r) for r in roles[1:4])
        return _TitleParts(roles[0]), f"{source}; the text also names {others}", None, 0.45
    return _TitleParts(roles[0]), source, None, 0.7


_BOARD_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+(?=\S)")


# "North West Other", "Greater London", "Central": a job board's region after a title
_COMPASS_REGION = re.compile(
    r"(?:North|South|East|West|Central|Greater|Inner|Outer|Mid|Northern|Southern|Eastern|Western)"
    r"(?:[\s-]+[A-Z][\w-]*){0,3}"
)


def _region_suffix(tail: str, facts: dict[str, Fact]) -> bool:
    """Whether a structured title's suffix names a place: a compass region, a place, a state or
    province of the table, or words of the posting's structured location."""
    if _names_a_job(tail):
        return False
    place = str(facts["location"][0]).casefold() if "location" in facts else ""
    words = set(re.findall(r"[\w'-]+", tail.casefold()))
    return bool(
        _COMPASS_REGION.fullmatch(tail)
        or _is_place(tail)
        or find_region(tail)
        or (place and words and words <= set(re.findall(r"[\w'-]+", place)))
    )


def _checked_against_page(
    parts: _TitleParts,
    source: str,
    conf: float,
    shown: Sequence[str],
    body: str,
    facts: dict[str, Fact],
) -> tuple[_TitleParts, str, int | None, float]:
    """A structured-data title as the page shows it: a job board's suffix ("Nurse - North West
    Other", "Nurse | Jobboard") dropped when the page's heading, title or label shows the plain
    title and never the suffixed one; a suffix naming a region the text never writes after the
    title is dropped too, with less confidence; one naming another organisation than the
    employer is doubted; doubted, naming both, when the page's heading names another job and the
    text never writes the structured one."""
    written = re.search(rf"(?<![\w-]){re.escape(parts.title)}(?![\w-])", body, _I)
    cut = _BOARD_SUFFIX.search(parts.title)
    if cut and not written:
        head = parts.title[: cut.start()].strip()
        tail = parts.title[cut.end() :].strip()
        if any(_clean(s).strip().casefold() == head.casefold() for s in shown):
            parts.title = head
            return (
                parts,
                f"{source}, its job board's suffix dropped (the page shows it so)",
                None,
                conf,
            )
        if _region_suffix(tail, facts):
            parts.title = head
            source = f"{source}, its job board's region suffix {tail!r} dropped"
            return parts, source, None, min(conf, 0.7)
        employer = str(facts["company"][0]).casefold() if "company" in facts else ""
        if (
            _looks_like_company(tail)
            and not _names_a_job(tail)
            and tail.casefold() not in employer
            and tail.casefold() not in body.casefold()
        ):
            source = f"{source}; it ends in {tail!r}, which may be the job board's or site's name"
            return parts, source, None, 0.45
    heading = next((s for s in shown if _names_a_job(s)), None)
    if (
        heading
        and not written
        and _job_words(heading)
        and not _job_words(heading) & _job_words(parts.title)
    ):
        source = f"{source}; the page's heading names {_clean(heading).strip()!r}"
        return parts, source, None, 0.45
    return parts, source, None, conf


def _choose_title(
    lines: Sequence[str], facts: dict[str, Fact], title_hint: str | None
) -> tuple[_TitleParts | None, str, int | None, float]:
    """(title parts, source, line index into ``lines``, confidence)."""
    tried: list[tuple[str, str, float]] = []
    if "title" in facts:
        value, source, conf = facts["title"]
        tried.append((str(value), source, conf))
    label_value, label_idx, label_how = _text_title(lines)
    hint_sources = [
        (facts[k][0], facts[k][1], facts[k][2])
        for k in ("title_heading", "title_page")
        if k in facts
    ]
    if (
        title_hint
        and all(str(title_hint) != str(h[0]) for h in hint_sources)
        and all(str(title_hint) != t[0] for t in tried)
    ):
        hint_sources.insert(0, (title_hint, "page heading", 0.7))
    # 1. schema.org and other confident facts, checked against the page; 2. a 'Job Title:' label.
    body = "\n".join(lines)
    shown = [str(h[0]) for h in hint_sources] + ([label_value] if label_value else [])
    for value, source, conf in tried:
        if conf >= 0.9:
            parts = _unwrap_title(value)
            if _usable_title(parts.title):
                return _checked_against_page(parts, source, conf, shown, body, facts)
    if label_value and label_how == "'Job Title:' label":
        return _unwrap_title(label_value), label_how, label_idx, 0.9
    # 3. front matter and headings that name a job, unwrapped.
    ranked = sorted([*tried, *((str(v), s, c) for v, s, c in hint_sources)], key=lambda t: -t[2])
    role = _unwrap_title(str(facts["title_role"][0])) if "title_role" in facts else None
    announced: str | None = None
    for value, source, conf in ranked:
        if _announcement(value):
            announced = announced or value
            continue
        parts = _unwrap_title(value)
        if _usable_title(parts.title) and (_names_a_job(parts.title) or parts.named_a_job):
            if _SENTENCE_TAIL.search(f" {parts.title} "):
                if role is not None and _JOB_NOUN.search(role.title) and _usable_title(role.title):
                    return (
                        role,
                        f"{facts['title_role'][1]} role (the title is a sentence)",
                        None,
                        0.7,
                    )
                conf = min(conf, 0.45)
            prefix = _glued_tail(parts.title)
            if prefix and re.search(rf"(?<![\w/-]){re.escape(prefix)}(?![\w/-])", body):
                # "UX Designer Wikipedia" in the metadata, "As a UX Designer, you ..." in the text
                parts.title = prefix
                source += ", worded as the text names the job"
            agreement = _title_agreement(parts, value, label_value, label_how)
            if agreement < 0.5 and label_value and label_how == "first heading naming a job":
                # the metadata names one job ("Python/Django Developer"), the text's heading and
                # its opening sentence another ("Software Development Engineer"): the text's
                roles = [r.casefold() for r in _body_roles(body)]
                # "Skilljar - Software Development Engineer": the piece the sentence names
                shown_job = next(
                    (
                        _TitleParts(piece.strip())
                        for piece in _BOARD_SUFFIX.split(_unwrap_title(label_value).title)
                        if piece.strip().casefold() in roles and _usable_title(piece.strip())
                    ),
                    None,
                )
                if shown_job is not None:
                    how = f"{label_how}, which the opening sentence names too ({source} says {value!r})"
                    return shown_job, how, label_idx, 0.75
            conf = min(conf, 0.85, agreement)
            if conf < 0.5 and [r.casefold() for r in _body_roles(body)] == [parts.title.casefold()]:
                # a weak layer (the page's <title>) and the text's own sentence name one job
                conf, source = 0.75, f"{source}, and the text names the same job"
            return parts, source, None, conf
    # 4. the role the text names, above an announcement ("We're hiring!", "About Acme")
    if label_value and _announcement(label_value):
        announced, label_value = announced or label_value, None
    if announced and not (label_value and _names_a_job(label_value)):
        over = _role_over_announcement(announced, body)
        if over:
            return over
    # 5. the text: headings, a listing's bold lead, a hiring sentence, the first line.
    if label_value:
        parts = _unwrap_title(label_value)
        if _usable_title(parts.title):
            conf = 0.75 if _names_a_job(parts.title) else 0.45
            return parts, label_how, label_idx, conf
    for value, source, conf in ranked:
        parts = _unwrap_title(value)
        if _usable_title(parts.title) and not _looks_like_person(parts.title):
            return parts, source, None, min(conf, 0.4)
    found = _sentence_title("\n".join(lines))
    if found:
        return _TitleParts(found[0], found[1]), "opening sentence naming the job", None, 0.6
    prose = _prose_title("\n".join(lines))
    if prose:
        return _TitleParts(prose), PROSE_TITLE, None, 0.3
    return None, "", None, 0.0


# --------------------------------------------------------------------------- organisation, unit

_SUBJECT_VERBS = (
    r"(?:invites?|seeks?|is\s+seeking|are\s+seeking|is\s+hiring|are\s+hiring|is\s+looking|are\s+looking|"
    r"announces?|hereby\s+announces?|is\s+recruiting|are\s+recruiting|has\s+(?:an?\s+)?(?:opening|vacancy)|"
    r"offers?|is\s+offering|welcomes?|is\s+tasked|opens?|is\s+pleased|are\s+pleased|seek|is\s+an?|are\s+an?|"
    # "The City and County of X is committed to equal employment opportunity": the employer's pledge
    r"is\s+committed\s+to\s+(?:equal|diversity|equity|inclusion|non-?discrimination))"
)
_NAME = r"(?:[A-Z][\w'&.\u00c0-\u017f-]*|[a-z]{1,3}[A-Z][\w'&.-]*)"
_NAME_RUN = rf"{_NAME}(?:[ \t]+(?:{_NAME}|of|and|for|the|de|la|du|&)){{0,7}}"
_SUBJECT_RE = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*(?:The[ \t]+)?(?P<s>{_NAME_RUN}(?:[ \t]*\([^()\n]{{1,60}}\))?"
    rf"(?:,?[ \t]+(?:in|at|of)[ \t]+(?:the[ \t]+)?{_NAME_RUN}(?:[ \t]*\([^()\n]{{1,60}}\))?){{0,3}})"
    rf"[ \t]+{_SUBJECT_VERBS}\b",
    re.M,
)
_ORG_MENTION = re.compile(
    rf"(?<![\w'&.\u00c0-\u017f-])(?:The[ \t]+)?(?:(?:City|County|State|Province|Government)(?:[ \t]+and[ \t]+(?:City|County))?[ \t]+of[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,2}}|Universit(?:y|é|at|ät|à|a|eit)[ \t]+(?:of[ \t]+)?{_NAME}(?:[ \t]+{_NAME}){{0,3}}(?:[ \t]+at[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,2}})?(?:,[ \t]+(?!the\b){_NAME}(?=[ \t]*[.,;)]))?|"
    rf"(?:Department|Ministry)[ \t]+(?:for|of)[ \t]+{_NAME}(?:[ \t]+(?:and[ \t]+)?{_NAME}){{0,3}}(?=[ \t]*[.,;)])|"
    rf"{_NAME}(?:[ \t]+(?:{_NAME}|and|&)){{0,4}}[ \t]+(?:University|College|Hospital|Institute|Foundation|Society|Museum|Library)\b(?:[ \t]+(?:of|for)[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,3}})?)"
)


# "... to join her lab in the Department of Biostatistics at Tarnby-Hill University.": the unit
# and the organisation a sentence names, when its subject is a person.
_UNIT_AT_ORG = re.compile(
    rf"\b(?:in|within|joining|join)[ \t]+the[ \t]+(?P<u>(?:Department|School|Faculty|Division|Institute)"
    rf"[ \t]+(?:of|for)[ \t]+{_NAME_RUN})[ \t]+at[ \t]+(?:the[ \t]+)?(?P<o>{_NAME_RUN})(?=[ \t]*[.,;)]|[ \t]*$)",
    re.M,
)
_WRAPPED = re.compile(r"(?<=[\w,])[ \t]*\n(?=[a-z])")


def _split_subject(subject: str) -> tuple[str | None, str | None]:
    """'The Bettencourt Laboratory in the Department of Ecology at The University of Chicago' ->
    (organisation, unit). A subject that is only a unit gives (None, unit)."""
    pieces = re.split(r"(?<![\s,])(,?\s+(?:in|at)\s+)(?=(?:the\s+)?[A-Z])", subject)
    chunks = [pieces[0]]
    for sep, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        if _INSIDE_A_NAME.search(chunks[-1] + sep):  # "University of Texas at Tyler" is one name
            chunks[-1] += sep + piece
        else:
            chunks.append(piece)
    chunks = [c.strip(" ,") for c in chunks]
    # "Department of Philosophy and Religion of the University of X": unit of organisation
    for i, chunk in enumerate(list(chunks)):
        for of in re.finditer(r"(?<!\s)\s+of\s+(?=(?:the\s+)?[A-Z])", chunk):
            left, right = chunk[: of.start()], re.sub(r"^the\s+", "", chunk[of.end() :], flags=_I)
            if _unit_like(left) and _ORG_WORD.match(right) and not _unit_like(right):
                chunks[i : i + 1] = [left, right]
                break
    org = next((c for c in reversed(chunks) if _org_like(c)), None)
    unit = next((c for c in chunks if _unit_like(c) and c != org), None)
    if org is None and len(chunks) == 1 and not _unit_like(chunks[0]):
        org = chunks[0]
    if org and (
        org.split()[0].lower() in _PRONOUNS
        or re.match(r"(?:Prof|Dr|Mr|Ms|Mrs|Professor)\b", org)
        or _looks_like_person(re.sub(r"(?<!\s)\s*\([^()]*\)", "", org))
        or "( )" in org
    ):
        org = None
    return org, unit


_PRONOUNS = {
    "we",
    "our",
    "you",
    "your",
    "this",
    "they",
    "it",
    "he",
    "she",
    "i",
    "these",
    "that",
    "there",
}


def _masked(text: str) -> str:
    return _EMAIL_RE.sub(" ", _URL_RE.sub(" ", text))


def _common_word(name: str, text: str) -> bool:
    """'Diversity' is a word the text also writes in lower case, so not a name (a web or e-mail
    address spelling it in lower case, "go.acme.com/careers", does not count)."""
    return " " not in name and bool(
        re.search(rf"(?<![\w.@/-]){re.escape(name.lower())}\b(?![.@-]\w)", text)
    )


def _domain_names(text: str) -> list[str]:
    """Second-level labels of the e-mail and web domains the posting gives ("hevnly" for play@hevnly.com)."""
    out: list[str] = []
    for m in re.finditer(
        r"@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)|https?://([A-Za-z0-9.-]+)(\S*)", text
    ):
        if m.group(2) and not (
            _ATS_HOST.search(m.group(2))
            or re.match(r"(?:jobs|careers|apply|recruiting)\.", m.group(2), _I)
            or re.search(
                r"/(?:jobs?|careers?|apply|openings?|vacanc\w*|positions?)(?:[/?#]|$)",
                m.group(3) or "",
                _I,
            )
        ):
            continue  # a link to a funder or a paper is not the employer's
        host = (m.group(1) or m.group(2) or "").lower().split(".")
        labels = [
            h
            for h in host
            if h not in {"www", "jobs", "careers", "apply", "mail", "com", "org", "net", "io", "co"}
            and h not in {"boards", "job-boards", "hire", "app"}
            and not _ATS_HOST.search(
                h
            )  # an applicant-tracking system's own name is not the employer
        ]
        for label in labels[:2]:
            if len(label) >= 4 and label not in out:
                out.append(label)
    return out


def _corroborated(org: str, text: str, facts: dict[str, Fact]) -> bool:
    """A weakly found organisation another source names too: the posting's web or e-mail domain
    ("uk-essen.de" for University Hospital Essen), the page's copyright holder or its title."""
    words = {w.lower() for w in re.findall(r"[\w\u00c0-\u017f]+", org)}
    if any(part in words for label in _domain_names(text) for part in label.split("-")):
        return True
    low = org.lower()
    initials = "".join(w[0] for w in org.split() if w[:1].isalpha())  # "DfE"
    for key in ("copyright_holder", "title_page", "site_name"):
        other = str(facts[key][0]) if key in facts else ""
        if (len(low) >= 4 and low in other.lower()) or (
            len(initials) >= 3 and initials in other.split()
        ):
            return True
    return False


_ABBREVIATED = re.compile(r"(?P<a>[A-Z][A-Z&]{1,7})(?P<t>-[A-Z][\w'\u00c0-\u017f]+)?")


def _written_out(company: str, text: str) -> str | None:
    """The full name an abbreviated employer stands for, when the text writes it: "NEON" for "The
    National Ecological Observatory Network (NEON)", "UW-Madison" for "the University of
    Wisconsin-Madison" (the capitalised words' initials spell the letters, the tail is the same)."""
    m = _ABBREVIATED.fullmatch(company.strip())
    if not m:
        return None
    letters, tail = m.group("a").replace("&", ""), m.group("t") or ""
    for found in re.finditer(
        rf"(?<![\w'&.\u00c0-\u017f-])(?P<n>{_NAME_RUN}){re.escape(tail)}(?![\w-])", text[:20000]
    ):
        name = re.sub(r"^The[ \t]+", "", found.group("n"))
        words = name.split()
        if len(words) >= 2 and "".join(w[0] for w in words if w[:1].isupper()) == letters:
            return name + tail
    return None


def _own_sentence(mention: str) -> str | None:
    """An organisation mention cut at a sentence's end inside it ("University of Velmora. The
    University" names Velmora's university, then starts a sentence; "UK. The University" names
    none): None when what is left is not a name of two words or more."""
    first = re.split(r"(?<=[a-z]{2}|[A-Z]{2})\.[ \t]+", mention)[0]
    return first if len(re.sub(r"^The[ \t]+", "", first).split()) >= 2 else None


def _mention_containing(name: str, masked: str) -> str | None:
    """The organisation mention ("University of Rochester") the text writes around ``name``
    ("Rochester"), if one contains it as whole words."""
    for m in _ORG_MENTION.finditer(masked[:8000]):
        mention = re.sub(r"^The[ \t]+", "", m.group(0))
        if mention != name and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", mention):
            return mention
    return None


_HEADER_SEP = re.compile(r"(?<!\s)(?:\s+[|\u2013\u2014-]\s+)")


def _name_before_title(
    lines: Sequence[str], title: str
) -> tuple[str, str, float, str | None] | None:
    """The employer a job board's header line names before the job: "Safi - Product Engineer -
    London - Full-time - https://www.safi.co". Sure when the line's own link is the name's domain."""
    want = {" ".join(t.split()).casefold() for t in (title, _split_title(title)[0])}
    for line in lines:
        pieces = [p.strip() for p in _HEADER_SEP.split(_clean(line))]
        if len(pieces) < 3:
            continue
        for i in range(1, len(pieces)):
            if pieces[i].casefold() not in want:
                continue
            name = pieces[i - 1]
            words = name.split()
            if not (
                1 <= len(words) <= 4
                and all(w[:1].isupper() or w[:1].isdigit() or w in {"&", "of"} for w in words)
                and not _JOB_NOUN.search(name)
                and not _is_place(name)
                and not _ADDRESSED.search(name)
            ):
                return None
            own = any(
                label.replace("-", "") == name.replace(" ", "").casefold()
                for label in _line_domains(line)
            )
            return name, "name before the job in a board's header line", 0.7 if own else 0.45, None
    return None


def _line_domains(line: str) -> list[str]:
    """The second-level labels of the web addresses in one line ("safi" for https://www.safi.co)."""
    out = []
    for m in re.finditer(r"https?://(?:www\.)?([A-Za-z0-9-]+)\.", line):
        out.append(m.group(1).lower())
    return out


def _choose_company(
    lines: Sequence[str],
    text: str,
    facts: dict[str, Fact],
    title_parts: _TitleParts,
    title_company: str | None,
    title_line: int | None,
) -> tuple[str | None, str, float, str | None]:
    """(company, source, confidence, a unit found on the way)."""
    unit: str | None = None
    if "company" in facts and facts["company"][2] >= 0.85:
        return str(facts["company"][0]), facts["company"][1], facts["company"][2], None
    label = _label_value(lines[:60], _COMPANY_LABEL)
    if label:
        return label, "'Company:' label", 0.9, None
    if "company" in facts:
        return str(facts["company"][0]), facts["company"][1], facts["company"][2], None
    subtitle = str(facts["subtitle"][0]) if "subtitle" in facts else ""
    if _org_like(subtitle) and len(subtitle.split()) <= 8 and not _names_a_job(subtitle):
        return subtitle, f"{facts['subtitle'][1]} subtitle naming an organisation", 0.7, None
    if title_parts.company:
        return title_parts.company, "organisation named in the title", 0.8, None
    start = title_line + 1 if title_line is not None else 0
    for line in lines[start : start + 3]:
        pieces = [p.strip() for p in _heading_text(_clean(line)).split(",")]
        if (
            2 <= len(pieces) <= 3
            and _org_like(pieces[0])
            and not _URL_RE.search(line)
            and all(re.fullmatch(rf"{_PLACE}|{_COUNTRY}", p) for p in pieces[1:])
        ):
            title_parts.location = title_parts.location or ", ".join(pieces[1:])
            return pieces[0], "organisation line under the title", 0.8, None
    header = _name_before_title(lines[:8], title_parts.title)
    if header:
        return header
    masked = _masked(text)
    # a hard-wrapped paragraph ("... of the University of Tennessee\nat Chattanooga invites") is read
    # as one line: a line break before a lower-case word continues the sentence
    for m in _SUBJECT_RE.finditer(_WRAPPED.sub(" ", masked[:6000])):
        org, found_unit = _split_subject(m.group("s"))
        unit = unit or found_unit
        if (
            org
            and not _JOB_NOUN.search(org)
            and not _common_word(org, masked)
            and not _is_place(org)
            and (_org_like(org) or re.search(r"\([A-Z]{2,8}\)", org) or masked.count(org) >= 2)
        ):
            return org, "sentence naming the employer", 0.75, unit
    for m in _UNIT_AT_ORG.finditer(_WRAPPED.sub(" ", masked[:3000])):
        org = m.group("o").strip()
        if not re.search(r"\b(?:Co|Inc|Ltd|Corp|Bros|L\.?L\.?C|S\.A|N\.A)\.$", org):
            org = org.rstrip(".")  # the sentence's full stop, not "Acme Inc."
        if not (_is_place(org) or _looks_like_person(org) or _JOB_NOUN.search(org)):
            unit = unit or m.group("u").strip()
            return org, "organisation a sentence places the unit at", 0.7, unit
    # "Senior Engineer - Open Source, Dev Tools": a title's suffix is the employer only when the
    # posting names it too; otherwise the web or e-mail domain's name is tried before it
    named = bool(title_company) and bool(
        re.search(rf"(?<![\w-]){re.escape(title_company or '')}(?![\w-])", masked)
    )
    if title_company and not _unit_like(title_company) and named:
        return title_company, "organisation named in the title", 0.7, unit
    for domain in _domain_names(text):
        runs = [
            m.group(1)
            for m in re.finditer(
                rf"(?<![\w.@/-])((?i:{re.escape(domain)})(?:[ \t]+[A-Z][\w&'\u00c0-\u017f-]*){{0,3}})(?!['\w@-])",
                masked,
            )
            if m.group(1)[:1].isupper()
            or m.group(1)[:1].isdigit()  # "2i2c", "37signals"
            or re.match(r"[a-z]{1,3}[A-Z]", m.group(1))
        ]
        if runs:
            best = max(dict.fromkeys(runs), key=lambda r: (runs.count(r) + (r != runs[0]), len(r)))
            best = " ".join(w for w in best.split() if not _JOB_NOUN.fullmatch(w)) or best
            # "Rochester" for rochester.edu inside "the University of Rochester": the whole name
            whole = _mention_containing(best, masked)
            best = whole or best
            dotted = re.search(
                rf"(?<![\w.@/-]){re.escape(best)}\.(?:io|ai|com|co|app|dev|org|net)(?![\w.-])",
                masked,
            )
            if dotted and re.search(rf"[@/.]{re.escape(dotted.group(0))}\b", text, _I):
                best = dotted.group(0)  # "Forestry.io" as the text names it, its domain too
            return (
                best,
                "name in the text that is also the posting's web or e-mail domain",
                0.65,
                unit,
            )
    if title_company and not _unit_like(title_company):
        return title_company, "organisation named in the title but nowhere in the text", 0.45, unit
    if "copyright_holder" in facts:
        org, found_unit = _split_subject(
            re.sub(r",\s*", " at ", str(facts["copyright_holder"][0]), count=1)
        )
        if org and _org_like(org):
            # a site's owner, who is the employer only when the posting itself names them too
            conf = (
                0.55
                if re.search(rf"\b{re.escape(org)}\b", masked)
                or _corroborated(
                    org, text, {k: v for k, v in facts.items() if k != "copyright_holder"}
                )
                else 0.45
            )
            return org, facts["copyright_holder"][1], conf, unit or found_unit
    found = _find_company(lines, text, None) or _company_above_title(lines, title_line)
    if found:
        if _unit_like(found):
            unit = unit or found
        elif (
            not _is_place(found)
            and not _common_word(found, masked)
            and found.split()[0].lower() not in _PRONOUNS
        ):
            # an employer is named more than once; a name the text gives once may be a partner's
            base = re.sub(
                r"(?<!\s)\s+(?:Group|Inc\.?|Ltd\.?|LLC|Limited|Corp(?:oration|\.)?)$", "", found
            )
            conf = 0.6 if masked.count(base) >= 2 else 0.45
            return found, "company named in the text", conf, unit
    # a hard-wrapped paragraph ("the whole of the University\nof Sheffield") names it as one line
    joined = _WRAPPED.sub(" ", masked)
    written = [
        w for w in (_own_sentence(m.group(0)) for m in _ORG_MENTION.finditer(joined[:8000])) if w
    ]
    # "The City of X" and "the City of X" are one organisation, counted once
    orgs = [re.sub(r"^The[ \t]+", "", o) for o in written]
    if orgs:
        # "University of Texas" counted inside "University of Texas at Austin" is not named there
        counts = {o: joined.count(o) for o in dict.fromkeys(orgs)}
        own = {
            o: n - sum(counts[b] for b in counts if b != o and o in b) for o, n in counts.items()
        }
        ranked = sorted(counts, key=lambda o: (-own[o], orgs.index(o)))
        best = ranked[0]
        # one mention, or a tie, is as likely a partner, a funder or a parent as the employer
        clear = own[best] >= 2 and (len(ranked) == 1 or own[ranked[1]] < own[best])
        sure = clear or _corroborated(best, text, facts)
        best = written[orgs.index(best)]  # as the text first writes it
        return best, "organisation the text names most", 0.55 if sure else 0.45, unit
    for key in ("copyright_holder", "site_name"):
        if key in facts:
            org, found_unit = _split_subject(re.sub(r",\s*", " at ", str(facts[key][0]), count=1))
            unit = unit or found_unit
            if org and _org_like(org):
                return org, facts[key][1], min(facts[key][2], 0.4), unit
    holder = str(facts["copyright_holder"][0]) if "copyright_holder" in facts else ""
    if holder and any(
        k in facts and str(facts[k][0]).casefold() == holder.casefold()
        for k in ("title_page", "site_name")
    ):
        # "Jatri" as the page's <title> and its footer's copyright holder: the site's owner,
        # the employer on its own careers page (on a job board it is the board): offered, doubted
        return holder, "the page's title and its copyright holder", 0.45, unit
    return None, "", 0.0, unit


_UNIT_MENTION = re.compile(
    r"(?:(?:^|(?<=\n))[ \t]*(?:(?i:the)[ \t]+)?|,[ \t]+|\b(?:at|in|within|join|joins|of|from|our)[ \t]+(?:the[ \t]+)?|"
    r"(?<=\w)'s[ \t]+)"  # "the University of Melbourne's School of Computing"
    rf"(?P<u>(?i:Department|Dept\.|Faculty|School|Division|Unit|Centre|Center|Institute)[ \t]+(?i:of|for)[ \t]+(?:the[ \t]+)?"
    rf"{_NAME}(?:[ \t]+(?:{_NAME}|and|&|of|for|AND|OF|FOR)){{0,6}}|(?:(?:{_NAME}|&)[ \t]+){{1,4}}(?:Lab|Laboratory|Group|Team|team|lab|laboratory|group))\b",
    re.M,
)


def _initials(unit: str) -> str:
    words = re.findall(
        r"[A-Z][\w'-]*",
        re.sub(
            r"^(?:the\s+)?(?:department|faculty|school|unit|centre|center)\s+(?:of|for)\s+",
            "",
            unit,
            flags=_I,
        ),
    )
    return "".join(w[0] for w in words)


_PARENT_UNIT = re.compile(r"^(?:the\s+)?(?:faculty|school|college)\s+of\b", _I)


def _unit_mentions(text: str, company: str | None) -> list[str]:
    out: list[str] = []
    for m in _UNIT_MENTION.finditer(text):
        unit = re.sub(r"^(?:our|the|about)\s+", "", m.group("u"), flags=_I).strip()
        if _org_like(unit):
            continue  # "Department for Education" is the employer
        unit = re.split(r"\.\s", unit, maxsplit=1)[0].strip()
        if len(unit.split()) < 2 or (company and (unit in company or company in unit)):
            continue
        if unit not in out:
            out.append(unit)
    return out


def _with_parent(unit: str, mentions: Sequence[str], text: str = "") -> str:
    """'Unit for X' and 'Faculty of Y' named together: 'Unit for X (Faculty of Y)'; a unit the
    text follows with its parent in parentheses ("Department of X (Y University, Y Centre,
    Country)") gets that centre."""
    inside = ""
    open_at = unit.find("(")
    if open_at > 0 and unit.endswith(")") and "," in unit[open_at:]:
        # "Department of X (Y University, Y Centre, Country)" as one subject
        unit, inside = unit[:open_at].rstrip(), unit[open_at + 1 : -1]
    elif text and "(" not in unit:
        idx = text.find(unit + " (")
        if idx >= 0:
            close = text.find(")", idx + len(unit) + 2, idx + len(unit) + 200)
            inside = text[idx + len(unit) + 2 : close] if close > 0 else ""
    centre = next(
        (
            part.strip()
            for part in inside.split(",")
            if re.search(r"\b(?:Cent(?:re|er)|Institute|Faculty|School)\b", part)
            and not _org_like(part.strip())
        ),
        None,
    )
    if centre:
        return f"{unit} ({centre})"
    if _PARENT_UNIT.match(unit):
        child = next((m for m in mentions if m != unit and not _PARENT_UNIT.match(m)), None)
        return f"{child} ({unit})" if child else unit
    parent = next((m for m in mentions if m != unit and _PARENT_UNIT.match(m)), None)
    return f"{unit} ({parent})" if parent else unit


_WORKS_WITH = re.compile(
    r"\b(?:with|alongside|members\s+of|supports?|supporting|partners?\s+with)\b[^.;:\n]{0,80}$", _I
)


_APPOSITIVE = re.compile(r"(?P<c>[^,]{2,80}),[ \t]+(?:a|an)[ \t]+\S.*")
_POSSESSIVE = re.compile(r"(?P<o>[^,]{3,80}?)['\u2019]s[ \t]+(?P<u>\S.*)")
_UNIT_NOUN = re.compile(
    r"\b(?:Group|Lab|Laboratory|Team|Institute|Centre|Center|Department|School|Unit|Faculty)\b"
)
_AT_ORG = re.compile(
    r"\bat[ \t]+(?:the[ \t]+)?(?P<o>[A-Z][\w'.-]*(?:[ \t]+(?:[A-Z][\w'.-]*|of|and|for|&)){0,6})"
)


def _employer_and_unit(company: str, text: str) -> tuple[str, str | None, str] | None:
    """(organisation, unit or None, how) when a company value names more than the employer:
    "Caperna, a Moderna Therapeutics Venture Company" (a description after the name),
    "Newcastle University's Biostatistics Research Group (BRG)" (a unit of the organisation), or
    a unit ("Center for Applied Earth Science and Engineering Research") the text's sentence
    places at an organisation ("... based out of the Herff College of Engineering at the
    University of Memphis"); else None."""
    m = _APPOSITIVE.fullmatch(company)
    if m and not _unit_like(m.group("c")):
        return m.group("c").strip(), None, "the name before the company's description"
    m = _POSSESSIVE.fullmatch(company)
    if (
        m
        and _org_like(m.group("o"))
        and len(m.group("u").split()) >= 2
        and (_unit_like(m.group("u")) or _UNIT_NOUN.search(m.group("u")))
    ):
        return m.group("o").strip(), m.group("u").strip(), "organisation whose unit the text names"
    if not _unit_like(company) or _org_like(company):
        return None
    flat = " ".join(_masked(text[:8000]).split())
    at = flat.find(company)
    if at < 0:
        return None
    sentence = re.split(r"(?<=[a-z)])\.(?:\s|$)", flat[at:], maxsplit=1)[0]
    orgs = [o.group("o").rstrip(".,") for o in _AT_ORG.finditer(sentence)]
    org = next((o for o in reversed(orgs) if _org_like(o) and not _unit_like(o)), None)
    if org is None:
        return None
    abbreviation = re.match(r"[ \t]*(\([A-Z]{2,10}\))", flat[at + len(company) :])
    unit = f"{company} {abbreviation.group(1)}" if abbreviation else company
    return org, unit, "organisation the text places the unit at"


def _works_with(text: str, unit: str) -> bool:
    at = text.find(unit)
    return at > 0 and bool(_WORKS_WITH.search(text[max(0, at - 80) : at]))


def _opening_unit(text: str, company: str | None) -> str | None:
    """'UI Health Care Information Systems (HCIS) is seeking an Application Developer' when the
    employer is named for sure elsewhere (University of Iowa): a part of it is hiring."""
    if not company:
        return None
    m = _SUBJECT_RE.search(_WRAPPED.sub(" ", _masked(text[:3000])))
    if not m:
        return None
    subject = re.sub(r"^the\s+", "", m.group("s").strip(), flags=_I)
    bare = re.sub(r"(?<!\s)\s*\([^()]*\)$", "", subject)
    if (
        company.lower() in subject.lower()
        or subject.lower() in company.lower()
        or _org_like(bare)
        or _JOB_NOUN.fullmatch(bare.split()[-1])
        or _looks_like_person(bare)
        or len(bare.split()) < 2
        or bare.split()[0].lower() in _PRONOUNS
        or not re.match(
            r"(?<![ \t])[ \t]*(?:is|are)\s+(?:seeking|hiring|looking|recruiting)\b",
            m.string[m.end("s") :],
        )
    ):
        return None
    return subject


def _choose_department(
    lines: Sequence[str], text: str, facts: dict[str, Fact], title_parts: _TitleParts,
    found_unit: str | None, company: str | None,
) -> tuple[str | None, str, float]:  # fmt: skip
    """The unit (department, faculty, school, lab, centre, team) that is hiring, with its parent
    faculty or school when the header names both; only the header region and sentences naming
    the employer are read (a partner centre further down is not the unit)."""
    if "department" in facts:
        return str(facts["department"][0]), facts["department"][1], facts["department"][2]
    label = _label_value(lines[:60], _SUB_DEPARTMENT_LABEL) or _label_value(
        lines[:60], _DEPARTMENT_LABEL
    )
    if label and not _URL_RE.search(label):
        return label, "'Department:' label", 0.9
    joint = joint_units(text)
    if joint:
        return joint.value, joint.source, joint.confidence
    header = _masked("\n".join(lines[:12]))
    # "work closely with ... other members of the Development Team": a team the job works with
    mentions = [m for m in _unit_mentions(header, company) if not _works_with(header, m)]
    team_headings = {
        h.lower()
        for h in (_heading_text(ln) for ln in lines)
        if len(h) <= 80 and re.search(r"\b(?:team|group|squad)$", h, _I)
    }
    if len(team_headings) >= 2:
        # "About the Warehouse Engineering Team", "About the Merchandising Engineering Team": the
        # posting hires for several teams, so no one of them is the unit
        mentions = []
    abbreviation = title_parts.department
    if abbreviation and _ABBREVIATION.fullmatch(abbreviation):
        # "LPS" in the title, "the Department of Logic and Philosophy of Science" in the text
        spelled = next(
            (
                m
                for m in _unit_mentions(_masked(text[:6000]), company)
                if _initials(m) == abbreviation
            ),
            None,
        )
        if spelled:
            return (
                _with_parent(spelled, mentions),
                "unit named in the text (abbreviated in the title)",
                0.7,
            )
    if title_parts.department and not _ABBREVIATION.fullmatch(title_parts.department):
        return _with_parent(title_parts.department, mentions), "unit named in the title", 0.7
    if found_unit and not (
        len(team_headings) >= 2 and any(found_unit.lower() in h for h in team_headings)
    ):
        unit = re.sub(r"^the\s+", "", found_unit, flags=_I)
        return _with_parent(unit, mentions, text), "sentence naming the unit", 0.6
    opening = _opening_unit(text, company)
    if opening:
        return opening, "unit the opening sentence says is hiring", 0.5
    if mentions:
        specific = next((m for m in mentions if not _PARENT_UNIT.match(m)), mentions[0])
        return _with_parent(specific, mentions, text), "unit named in the header", 0.5
    if title_parts.department:
        return title_parts.department, "unit named in the title", 0.5
    found = unit_at(text, company) or hosted_unit(text) or team_unit(text, company)
    if found:
        return found.value, found.source, found.confidence
    addressee = str(facts["footer_addressee"][0]) if "footer_addressee" in facts else ""
    if re.search(r"\b(?:Lab|Laboratory|Group|Department|Institute|Centre|Center)$", addressee):
        return addressee, facts["footer_addressee"][1], 0.5
    return None, "", 0.0


# --------------------------------------------------------------------------- identifiers

# Job boards that list other employers' jobs: their listing number is not the employer's requisition.
_AGGREGATOR_HOST = re.compile(
    r"euraxess|indeed\.|linkedin\.|glassdoor|monster\.|ziprecruiter|simplyhired|academicpositions|"
    r"jobs\.ac\.uk|higheredjobs|chronicle\.com|nature\.com/naturecareers|devex|idealist",
    _I,
)
_URL_ID_RES = [
    # Workday ends a posting's path in "<Title>_<requisition>" ("Software-Engineer_R58-1")
    re.compile(r"myworkdayjobs\.com/[^?#\s]*_(?P<v>(?:[A-Z]{1,4}[-_]?)?\d+(?:-\d+)?)(?=[/?#]|$)"),
    # Lever and Ashby number a posting with a UUID ("jobs.lever.co/acme/61b17ebe-8a00-...")
    re.compile(
        r"(?:jobs\.lever\.co|jobs\.ashbyhq\.com)/[^/\s]+/"
        r"(?P<v>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b",
        _I,
    ),
    re.compile(r"[_/-](?P<v>(?:JR|REQ|R|JOB|J|VAC)[-_]?\d{3,}(?:[-_]\d+)?)(?=[/?#_.-]|$)", _I),
    _JOB_PATH_ID := re.compile(
        r"/(?:jobs?|lediga-jobb|vacanc(?:y|ies)|positions?|openings?|stellen\w*|requisitions?|postings?|"
        r"job-?details?|jobdetail|careers/job)/(?P<v>\d{4,})(?=[/?#_.-]|$)",
        _I,
    ),
    re.compile(r"\b(?:job|req|requisition|posting|vacancy)_?id[:=](?P<v>[A-Za-z0-9-]{3,40})", _I),
    # Greenhouse embeds ("?gh_jid=4012345"), Taleo job details ("jobdetail.ftl?job=1800004K")
    re.compile(
        r"[?&](?:gh_jid|jobid|jid|pvl_num|(?:job|posting|vacancy|req)_?(?:no|num))=(?P<v>[A-Za-z0-9-]{3,40})",
        _I,
    ),
    # a careers site's job page named by its ATS id ("careers.acme.com/us/en/job/ACMUSR16335EXTENUS/Lead-X")
    re.compile(r"/job/(?P<v>(?=[A-Z]{0,39}\d)(?=\d{0,39}[A-Z])[A-Z0-9]{8,40})/[A-Za-z]"),
    re.compile(r"jobdetail\.ftl\?(?:[^#\s]{0,200}&)?job=(?P<v>[A-Za-z0-9]{3,40})", _I),
    # CoreHR job specifications ("erq_jobspec_version_4.jobspec?p_id=079269")
    re.compile(r"\.jobspec\?(?:[^#\s]{0,200}&)?p_id=(?P<v>\d{3,12})", _I),
]
# A careers site of its own ("jobs.example.edu/.../view/70717") numbers its postings in the path;
# an ATS host's posting slug starts with its id ("acme.breezy.hr/p/991373e44205-accounting-manager").
_CAREERS_HOST = re.compile(r"^https?://(?:jobs|careers|career|recruiting|employment)\.[^/\s]+/", _I)
_CAREERS_PATH_ID = re.compile(r"/(?P<v>\d{4,10})(?=[/?#]|$)")
_ATS_SLUG_ID = re.compile(r"/p/(?P<v>(?=[a-f]{0,11}\d)[0-9a-f]{8,16})-[a-z]")
_ID_LABELS = [
    ("requisition", re.compile(r"req", _I)),
    ("class code", re.compile(r"class", _I)),
    ("announcement", re.compile(r"announcement", _I)),
    ("vacancy", re.compile(r"vacanc", _I)),
    ("reference", re.compile(r"ref", _I)),
    ("position", re.compile(r"position", _I)),
    ("posting", re.compile(r"posting", _I)),
    ("competition", re.compile(r"competition", _I)),
    ("search", re.compile(r"search", _I)),
    ("job id", re.compile(r"", _I)),
]


def _identifiers(
    text: str, joined: str, facts: dict[str, Fact]
) -> tuple[list[Identifier], str | None, str, int | None]:
    """(every identifier with its label, the one an ask should name, how it was found, its line)."""
    found: list[tuple[Identifier, str, int | None, int]] = []  # (id, source, line, rank)

    def add(label: str, value: str, source: str, line: int | None, rank: int) -> None:
        value = value.strip().rstrip(".,;:")
        if value and all(x.value != value for x, *_ in found):
            found.append((Identifier(label=label, value=value), source, line, rank))

    if "identifiers" in facts and isinstance(facts["identifiers"][0], list):
        for item in facts["identifiers"][0]:
            if isinstance(item, Mapping) and item.get("value"):
                add(
                    str(item.get("label") or "job id"),
                    str(item["value"]),
                    facts["identifiers"][1],
                    None,
                    0,
                )
    for line in joined.splitlines():  # field labels joined to their values ("Job ID: 2026-5567")
        plain = _MD_MARKUP.sub("", line)
        for m in _REQ_LABEL.finditer(plain):
            value = m.group("v")
            if not any(c.isdigit() for c in value):
                continue
            written = m.group(0)[: m.start("v") - m.start()].lower()
            label = next(lab for lab, p in _ID_LABELS if p.search(written))
            add(label, value, "labelled id in the text", _line_number(text, value), 1)
    lines = text.splitlines()
    addresses: list[tuple[str, int | None, str]] = []
    if "url" in facts:  # the posting's own address, from front matter or the page
        addresses.append((str(facts["url"][0]), None, "id in the posting's address"))
    for n, line in enumerate(lines, 1):
        addresses += [(u.group(0), n, "id in the application link") for u in _URL_RE.finditer(line)]
    for raw, at_line, how in addresses:
        address = raw.rstrip(".,;:!?)]'\"")[:2000]
        if _AGGREGATOR_HOST.search(address) or _POLICY_URL.search(address):
            continue
        for pattern in _URL_ID_RES:
            um = pattern.search(address)
            if um:
                # a bare number under /jobs/ on an employer's own site ranks below an ATS's id
                rank = 2 if (_ATS_HOST.search(address) or pattern is not _JOB_PATH_ID) else 3
                add("job id", um.group("v"), how, at_line, rank)
                break
        else:
            um = (_CAREERS_PATH_ID.search(address) if _CAREERS_HOST.match(address) else None) or (
                _ATS_SLUG_ID.search(address) if _ATS_HOST.search(address) else None
            )
            if um:
                add("job id", um.group("v"), how, at_line, 3)
    if not found:
        for n, line in enumerate(lines, 1):
            token = _REQ_TOKEN.search(_MD_MARKUP.sub("", line))
            if token:
                add("requisition", token.group("v"), "requisition-like token", n, 4)
                break
    if not found:
        return [], None, "", None
    best = min(found, key=lambda f: f[3])
    return [f[0] for f in found], best[0].value, best[1], best[2]


# --------------------------------------------------------------------------- dates

_MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for m in names
}  # fmt: skip
_DAY_FIRST_HINT = re.compile(
    r"[£€]|\b(?:GBP|EUR|AUD|NZD|INR)\b|\.(?:uk|au|nz|ie|eu|de|fr|es|it|nl|se|no|dk|fi|pt|be|ch|at|in|za)\b|"
    r"\b(?:United\s+Kingdom|England|Scotland|Wales|Ireland|Australia|New\s+Zealand|Europe|India)\b"
)


def _iso(written: str, text: str) -> str | None:
    """ISO ``YYYY-MM-DD`` for a written date; numeric D/M vs M/D is read with the posting's locale
    (a £/€ sign or a European/Commonwealth domain means day first; otherwise a value over 12 decides;
    else month first)."""
    if len(written) > 60:
        return None  # a written date is short
    s = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", written.strip().rstrip(".,"))
    s = re.sub(r"^\w+day,?\s+", "", s, flags=_I)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", s):
        d, mo, y = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", s):
        a, b, y = (int(g) for g in m.groups())
        y = y + 2000 if y < 100 else y
        if a > 12 or (b <= 12 and _DAY_FIRST_HINT.search(text)):
            d, mo = a, b
        else:
            mo, d = a, b
    elif m := re.fullmatch(r"(?<![A-Za-z])([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", s):
        mo, d, y = _MONTHS.get(m.group(1).lower(), 0), int(m.group(2)), int(m.group(3))
    elif m := re.fullmatch(r"(\d{1,2})\s+(?:of\s+)?([A-Za-z]+)\.?,?\s+(\d{4})", s):
        d, mo, y = int(m.group(1)), _MONTHS.get(m.group(2).lower(), 0), int(m.group(3))
    else:
        return None
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _deadline(text: str, facts: dict[str, Fact]) -> tuple[str | None, str, int | None, float]:
    """(deadline, source, line, confidence). Unambiguous dates are kept as written ("January 6,
    2025"); numeric day/month dates, which readers misread across locales, are given as ISO."""
    if "deadline" in facts:
        value = str(facts["deadline"][0])
        return (_iso(value, text) or value), facts["deadline"][1], None, facts["deadline"][2]
    found = _written_deadline(text)
    if found is None:
        # "subtitle: Deadline 10th April 2022": a front-matter line that states the closing date
        for key in ("subtitle", "description"):
            value = str(facts[key][0]) if key in facts else ""
            written = _written_deadline(value)
            if written is not None:
                date, how, _, conf = written
                return date, f"{how} ({facts[key][1]} {key})", None, min(conf, 0.8)
    return found or (None, "", None, 0.0)


def _written_deadline(text: str) -> tuple[str | None, str, int | None, float] | None:
    """(deadline, source, line, confidence) of the first closing date ``text`` states."""
    for pattern in _DEADLINE_RES:
        m = pattern.search(text)
        if m:
            written = m.group("d").strip().rstrip(".,")
            line = text.count("\n", 0, m.start("d")) + 1
            if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2,4}", written):
                iso = _iso(written, text)
                return iso, f"closing date, written {written!r}", line, 0.7 if iso else 0.3
            if re.search(r"\d\s*(?:st|nd|rd|th)?\s+of\s+", written, _I) and _iso(written, text):
                # "the 15th of October 2012": given as ISO, a form every reader parses
                return _iso(written, text), f"closing date, written {written!r}", line, 0.85
            return written, "closing date in the text", line, 0.85
    return None


# --------------------------------------------------------------------------- the parser


def _line_number(text: str, needle: str | None) -> int | None:
    if not needle:
        return None
    idx = text.find(needle)
    if idx < 0:
        idx = text.lower().find(needle.lower())
    return text.count("\n", 0, idx) + 1 if idx >= 0 else None


def _strip_closing_hashes(text: str) -> str:
    """ATX headings' optional closing hashes removed ("## Title ##" -> "## Title"); linear."""
    out = []
    for line in text.split("\n"):
        if line.startswith("#"):
            body = line.rstrip()
            stripped = body.rstrip("#")
            if stripped != body and stripped.endswith((" ", "\t")) and stripped.lstrip("#").strip():
                line = stripped.rstrip()
        out.append(line)
    return "\n".join(out)


_OPENING_PLACE = re.compile(
    r"\b(?:based|located|living|situated|headquartered|offices?)\s+(?:[\w-]+\s+){0,6}?in\s+(?:the\s+)?"
    r"(?:[a-z]{3,15}\s+)?"  # "based in tropical Singapore"
    rf"(?P<p>{_COUNTRY}\b|{_PLACE},\s*(?:{_US_STATE}|{_REGION_NAME}|{_COUNTRY})\b)"
)


# "based in our New York newsroom", "based at Acme Foundation's Washington D.C. office"
_OFFICE_PLACE = re.compile(
    r"\b(?:based|located|work(?:ing)?)\s+(?:in|at|out\s+of|from)\s+"
    r"(?:our|the|(?:[A-Z][\w&.-]*[ \t]+){0,3}[A-Z][\w&.-]*'s?)[ \t]+"
    r"(?P<p>[A-Z][a-zA-Z.'\u00c0-\u017f-]+(?:[ \t]+[A-Z][a-zA-Z.'\u00c0-\u017f-]+){0,2})[ \t]+"
    r"(?:office|offices|newsroom|headquarters|HQ|campus|studio|bureau)\b"
)


def _opening_location(text: str) -> str | None:
    """'Both labs are located at the campus in Saarbrücken, Germany', 'you are living in the
    Netherlands', 'based in our New York newsroom': a place the text puts the job in."""
    m = _OPENING_PLACE.search(_masked(text[:3000]))
    if m:
        return m.group("p").strip()
    office = _OFFICE_PLACE.search(text[:10000])
    return office.group("p").strip() if office else None


_BARE_RANK = re.compile(
    r"(?:(?:tenure[- ]track|tenured|full|associate|assistant|ordinary|extraordinary|visiting|adjunct|"
    r"senior|junior|university|or|and|/)\s*){0,5}(?:professor|lecturer|reader)s?",
    _I,
)
_POST_IN_FIELD = re.compile(
    r"\b(?:professor(?:ship)?s?|lecturer(?:ship)?s?|faculty\s+position|tenure[- ]track\s+position)\s+"
    r"(?:in|of)\s+(?!the\b|our\b|a\b|an\b|this\b|which\b|order\b|addition\b)"
    r"(?P<f>[A-Za-z][\w-]*(?:\s+(?:[A-Za-z][\w-]*)){0,3})",
    _I,
)


def _rank_without_field(title: str, text: str) -> str | None:
    """The field the text names for a post whose title is only an academic rank, else None."""
    if not _BARE_RANK.fullmatch(title.strip()):
        return None
    m = _POST_IN_FIELD.search(text[:6000])
    return m.group(0) if m else None


def _check_language(text: str, name: str) -> str | None:
    from referral_ai.inputs.language import detect_language, language_name

    guess = detect_language(text, settle=True)  # only whether it is readable English matters here
    if not guess.readable:
        raise ParseError(
            f"this posting is in {language_name(guess.code)}; referral_ai reads English-language "
            "postings only",
            source=name,
        )
    return "en" if guess.judged else None


_NO_TITLE = "no job title found (add a first line or a 'Job Title:' line, or give it: --title)"


def parse_posting(
    text: str,
    *,
    source: str | None = None,
    warnings: Iterable[InputWarning] = (),
    title_hint: str | None = None,
    facts: Mapping[str, Any] | None = None,
) -> JobPosting:
    """Parse a job posting's visible text into a :class:`JobPosting`.

    ``facts`` are structured facts a reader found (schema.org ``JobPosting``, front matter; the shape
    is documented in :mod:`referral_ai.inputs.html`: ``{"field": {"value", "source",
    "confidence"}}``); they are preferred to what the text suggests. ``title_hint`` (e.g. an HTML
    page's ``<h1>``) is used when neither facts nor a "Job Title:" label give the title. Fields the
    posting does not state are ``None``/empty; each header field set gets a ``FieldNote`` in
    ``report``. Raises :class:`ParseError` when nothing looks like a title, or when the posting is in
    a language the parser does not read (the message names it).
    """
    name = source or "<text>"
    language = _check_language(text, name)
    written = text
    # "## Senior Developer ##": closing hashes are markup; a curly apostrophe reads as a straight one
    text = _strip_closing_hashes(text).replace("\u2019", "'")
    known = _normal_facts(facts)
    lines = [ln.rstrip() for ln in text.splitlines()]
    nonblank = _join_field_labels([ln for ln in lines if ln.strip()])
    notes: list[FieldNote] = []
    doubts: list[Doubt] = []

    parts, title_source, title_idx, title_conf = _choose_title(nonblank, known, title_hint)
    if parts is None:
        raise ParseError(_NO_TITLE, source=name)
    parts, refined = _refine_title(parts, text)
    if refined:
        title_source += ", worded as the opening sentence names the job"
    title, title_company, title_location = _split_title(parts.title)
    if not title:
        raise ParseError(_NO_TITLE, source=name)
    title_line = title_idx if title_source in {"first line", "first heading naming a job"} else None
    field_named = _rank_without_field(title, text)
    if field_named:
        # "Assistant Professor" when the text says "a tenure-track position in complex systems"
        title_conf = min(title_conf, 0.45)
        title_source += f", a bare rank though the text names the post's field ({field_named!r})"
    if _KIND_OF_POSTS.search(title):
        # "Post-doctoral opportunities": a headline over a kind of post, not the job's title
        title_conf = min(title_conf, 0.45)
        title_source += ", a heading over a kind of post (no one job's title)"
    notes.append(
        FieldNote(
            field="title", source=title_source, line=_line_number(text, title),
            confidence=title_conf,
        )
    )  # fmt: skip
    if title_conf < 0.5:
        # a title read only from a sentence stops drafting here; others are reviewed later
        prose = title_source == PROSE_TITLE
        doubts.append(
            Doubt(
                field="title",
                message=f"the title was read from prose ({title!r}): confirm with --title"
                if prose
                else f"the title {title!r} may not be the job's title (found as {title_source})",
                fix=f'--title "{title}" if it is right, or the real title',
                blocking=prose,
            )
        )

    if "body_empty" in known:
        doubts.append(
            Doubt(
                field="text",
                message=f"the page body was empty: the posting was read from its "
                f"{known['body_empty'][0]} (check it against the live page)",
                fix="save the page again once it has loaded, or paste its text",
                blocking=False,
            )
        )

    requirements, nice, responsibilities = find_requirements(text)
    if not requirements:
        doubts.append(
            Doubt(
                field="requirements",
                message="no requirements found",
                fix="check the posting: its qualifications may be in a linked document",
            )
        )

    company, company_source, company_conf, found_unit = _choose_company(
        nonblank, text, known, parts, title_company, title_line
    )
    if company:
        company = company.strip().rstrip(",;:")
        if company.startswith("the ") and _ORG_WORD.match(company[4:]):
            company = company[4:]  # "the University of Melbourne" taken from inside a sentence
        short = company[: -len(" Group")].rstrip() if company.endswith(" Group") else company
        bare = len(re.findall(r"\b" + re.escape(short) + r"\b(?!\s+Group)", text))
        if short != company and bare and bare >= len(re.findall(re.escape(company), text)):
            # "About Springer Nature Group" when the text says "Springer Nature" as often; not
            # "Harvest" when the text writes "Harvest Group" more often than "Harvest"
            company = short
        longer = re.findall(
            r"\b"
            + re.escape(company)
            + r"[ \t]+(Group|Inc\.|Ltd\.|LLC|Limited|Corporation|GmbH|PLC)"
            r"(?![\w-])",
            text,
        )
        if longer and len(longer) > len(re.findall(r"\b" + re.escape(company) + r"\b", text)) / 2:
            # "Harvest" from "Our heart at Harvest is ..." when the text writes "Harvest Group"
            # more often than the bare name
            company = f"{company} {max(set(longer), key=longer.count)}"
        notes.append(
            FieldNote(
                field="company", source=company_source, line=_line_number(text, company),
                confidence=company_conf,
            )
        )  # fmt: skip
    if (
        company
        and title_company
        and company_conf >= 0.85
        and not re.search(r"\b" + re.escape(title_company) + r"\b", company, _I)
        and not re.search(r"\b" + re.escape(company) + r"\b", title_company, _I)
    ):
        # the employer is named for sure elsewhere and is not this suffix: the suffix is the job's
        title, title_company, title_location = _split_title(parts.title, no_company=True)
    if company and title_company is None:
        # "Data Engineer - Acme" when the posting names Acme elsewhere: the suffix is the company.
        suffix = re.search(
            r"(?:\s+[|\u2013\u2014-]\s+|\s*\u00b7\s*|\s+at\s+)" + re.escape(company) + r"\s*$",
            title,
        )
        if suffix and suffix.start() > 0:
            title = title[: suffix.start()].strip()
        header = _board_header_title(title, company, text)
        if header:
            # "Adobe - Forward Deployment Engineering (AI/ML)- SJ- Hybrid": a board's header line
            title = header
            notes = [
                n.model_copy(
                    update={"source": n.source + ", the job's part of a board's header line"}
                )
                if n.field == "title"
                else n
                for n in notes
            ]
    town = re.search(r"(?<=\S)\s+in\s+(?P<p>[A-Z][\w\u00c0-\u017f-]+)$", title)
    if (
        company
        and town
        and _org_like(company)
        and re.search(rf"(?<![\w-]){re.escape(town.group('p'))}$", company)
        and company != town.group("p")
    ):
        # "Postdoc position on X in Bonn" at the University of Bonn: the place is the job's
        # location; the title stays as the posting writes it (the gold of set 4 keeps "in Bonn")
        title_location = title_location or town.group("p")
    if company and len(company.split()) == 2 and _org_like(company):
        # "University Bonn" where the text also writes "University of Bonn": the form with "of"
        first, last = company.split()
        full = f"{first} of {last}"
        with_of = len(re.findall(rf"\b{re.escape(full)}\b", text))
        if with_of and with_of >= len(re.findall(rf"\b{re.escape(company)}\b", text)):
            company = full

    written_out = _written_out(company, text) if company else None
    if written_out:
        # "NEON" from a title wrapper, when the text writes "The National Ecological Observatory
        # Network (NEON)": the employer's name as the text gives it in full
        company = written_out
    split = _employer_and_unit(company, text) if company else None
    if split:
        # "Caperna, a Moderna Therapeutics Venture Company", "Newcastle University's Biostatistics
        # Research Group (BRG)", a research centre the text places at a university
        company, unit, how = split
        found_unit = found_unit or unit
        notes = [n for n in notes if n.field != "company"]
        notes.append(
            FieldNote(
                field="company", source=how, line=_line_number(text, company),
                confidence=min(company_conf, 0.8),
            )
        )  # fmt: skip
    project = (project_of(company, text) or parent_of(company, text)) if company else None
    if project:
        # "OONI - The Tor Project", and the text says OONI is "a project under The Tor Project"
        company, found_unit = project
        notes = [n for n in notes if n.field != "company"]
        notes.append(
            FieldNote(
                field="company", source="organisation the text says the unit or project belongs to",
                line=_line_number(text, company), confidence=0.7,
            )
        )  # fmt: skip
    department, dept_source, dept_conf = _choose_department(
        nonblank, text, known, parts, found_unit, company
    )
    if department:
        department = named_team(department, text)
    owner = re.match(
        r"^(?P<o>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})'s\s+(?P<u>\S.*)$", department or ""
    )
    if owner and company and owner.group("o") in {company, _initials(company)}:
        department = owner.group("u")  # "SPLC's Children's Rights Practice Group": the unit's name
    if department:
        notes.append(
            FieldNote(
                field="department", source=dept_source, line=_line_number(text, department),
                confidence=dept_conf,
            )
        )  # fmt: skip

    location: str | None
    if "location" in known:
        location, loc_source, loc_conf = (
            str(known["location"][0]).strip(" ,;"), known["location"][1], known["location"][2]
        )  # fmt: skip
        # "Seattle, Washington, US" from schema.org: regions printed as their codes, one form
        location = "; ".join(short_region(p.strip()) for p in location.split(";"))
        checked = _structured_place_checked(location, nonblank, text)
        if checked is not None:
            location, loc_source, loc_conf, contradicted = checked
            if contradicted:
                doubts.append(
                    Doubt(
                        field="location",
                        message=f"the page's structured data gives the place as "
                        f"{known['location'][0]!r}, but the page shows {location!r}: the page's "
                        "is used",
                        fix=f'--location "{location}" if it is right, or the real place',
                    )
                )
    else:
        location = _find_location(nonblank, title_location or parts.location)
        loc_source, loc_conf = "location in the header", 0.7
        if location and location == (title_location or parts.location):
            loc_source = "place named in the title"
    if not location:
        remote = remote_role(_MD_MARKUP.sub("", text[:6000]))
        if remote:
            location, loc_source, loc_conf = remote.value, remote.source, remote.confidence
    if not location:
        location = _opening_location(text)
        loc_source, loc_conf = "place the opening paragraphs name", 0.5
    if not location:
        location = _chain_location(text)
        loc_source, loc_conf = "place after the organisation the job is at", 0.5
    city = university_city(company, location, text)
    if city:
        location, loc_source, loc_conf = city.value, city.source, city.confidence
    if not location:
        found = prose_place(text, [company or "", title])
        if found:
            location = with_country(found.value, text)
            loc_source, loc_conf = found.source, found.confidence
    if not location and "footer_place" in known:
        location, loc_source, loc_conf = (str(known["footer_place"][0]), *known["footer_place"][1:])
    if location:
        location = remote_detail(location, text)
        notes.append(
            FieldNote(
                field="location", source=loc_source, line=_line_number(text, location),
                confidence=loc_conf,
            )
        )  # fmt: skip

    identifiers, req_id, req_source, req_line = _identifiers(text, "\n".join(nonblank), known)
    if req_id:
        notes.append(FieldNote(field="req_id", source=req_source, line=req_line, confidence=0.8))

    deadline, dl_source, dl_line, dl_conf = _deadline(_MD_MARKUP.sub("", text), known)
    if deadline:
        notes.append(
            FieldNote(field="deadline", source=dl_source, line=dl_line, confidence=dl_conf)
        )

    url = str(known["url"][0]) if "url" in known else _find_url(text)
    plain = _MD_MARKUP.sub("", text)
    return JobPosting(
        title=title,
        company=company or None,
        department=department,
        location=location or None,
        req_id=req_id,
        identifiers=identifiers,
        language=language,
        url=url,
        requirements=_dedupe(requirements),
        nice_to_haves=_dedupe(nice),
        responsibilities=_dedupe(responsibilities),
        materials=extract_materials(text),
        contact=_find_contact(plain),
        deadline=deadline,
        text=written,
        source=name,
        warnings=list(warnings),
        report=ParseReport(fields=notes, doubts=doubts),
    )
