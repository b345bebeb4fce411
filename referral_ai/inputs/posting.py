"""Parse a job posting's text into a :class:`JobPosting`, without a model."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from referral_ai.errors import ParseError
from referral_ai.inputs.materials import extract_materials
from referral_ai.inputs.vocabulary import (
    _COMPANY_SUFFIX,
    _EMAIL_RE,
    _I,
    _JOB_NOUN,
    _LOCATION_LABEL,
    _LOCATION_RE,
    _MD_MARKUP,
    _MONTH,
    _URL_RE,
    _WORK_MODE_RE,
    _clean,
    _dedupe,
    _heading_text,
    _is_bullet,
    _items,
    _section_words,
    _sections,
)
from referral_ai.models import InputWarning, JobPosting

# --------------------------------------------------------------------------- posting

_POSTING_SECTIONS: list[tuple[str, re.Pattern[str]]] = [
    (
        "nice",
        _section_words(
            r"(?:preferred|desired|desirable|bonus|additional|nice[- ]to[- ]have|good[- ]to[- ]have)\s*"
            r"(?:qualifications|skills|requirements|experience|points|points\s+if\s+you\s+have)?"
            r"(?:\s+(?:and|&)\s+(?:experience|qualifications|skills))?(?:\s*\(.*\))?",
            r"nice[- ]to[- ]haves?(?:\s*\(.*\))?",
            r"bonus(?:\s+points)?(?:\s+if\s+you(?:\s+have)?)?",
            r"(?:it'?s\s+)?a\s+plus\s+if\s+you(?:\s+have)?|pluses|extra\s+credit|ideally(?:,\s+you(?:\s+also)?\s+have)?",
            r"(?:it\s+)?would\s+be\s+(?:great|nice)\s+if\s+you(?:\s+have)?|we'?d\s+love\s+(?:it\s+)?if\s+you(?:\s+also)?(?:\s+have)?",
            r"what\s+(?:would\s+)?(?:make|makes)\s+you\s+stand\s+out",
        ),
    ),
    (
        "requirements",
        _section_words(
            r"(?:minimum|basic|required|key|essential|core|must[- ]have)?\s*(?:qualifications|requirements|skills"
            r"(?:\s+(?:and|&)\s+(?:experience|qualifications))?)",
            r"requirements?\s+(?:and|&)\s+qualifications",
            r"what\s+you(?:'ll|\s+will)?\s+(?:bring|need|have)(?:\s+to\s+the\s+table)?",
            r"what\s+we(?:'re|\s+are)\s+looking\s+for",
            r"who\s+you\s+are|about\s+you|you\s+have|you\s+are|you(?:\s+might|\s+may|'ll|\s+will)?\s+be\s+a\s+(?:great\s+|good\s+|strong\s+)?fit\s+if"
            r"(?:\s+you(?:\s+have)?)?",
            r"must[- ]haves?|must\s+have|your\s+(?:background|experience|profile|skills)",
            r"experience(?:\s+(?:and|&)\s+skills)?|skills\s+(?:and|&)\s+experience|requirements?",
            r"(?:the\s+)?ideal\s+candidate|is\s+this\s+you\??|we\s+need\s+someone\s+who",
            r"you(?:'ll|\s+will)?\s+need|you\s+must\s+have|required|minimum|must|essentials?|"
            r"(?:required|minimum|basic)\s+(?:experience|education|skills)",
        ),
    ),
    (
        "responsibilities",
        _section_words(
            r"(?:key\s+|main\s+|core\s+|primary\s+|job\s+|your\s+)?(?:responsibilities|duties)",
            r"what\s+you(?:'ll|\s+will)\s+(?:do|be\s+doing|work\s+on|own)",
            r"(?:the|your|this)\s+role|in\s+this\s+role(?:,?\s+you\s+will)?|the\s+job|the\s+work|the\s+opportunity",
            r"day[- ]to[- ]day|a\s+day\s+in\s+the\s+life|you\s+will|you'll|your\s+impact|what\s+the\s+job\s+involves",
            r"role\s+(?:overview|description)|position\s+(?:summary|overview|description)",
            r"what\s+you(?:'ll|\s+will)\s+achieve|outcomes",
        ),
    ),
    (
        "apply",
        _section_words(
            r"how\s+to\s+apply|to\s+apply|applying|apply(?:\s+now)?|application(?:\s+(?:process|instructions|materials|requirements))?",
            r"(?:required\s+)?materials|what\s+to\s+(?:send|submit|include)|submission\s+(?:requirements|guidelines)",
        ),
    ),
    (
        "other",
        _section_words(
            r"about(?:\s+.{1,40})?|benefits|perks(?:\s+(?:and|&)\s+benefits)?|compensation(?:\s+(?:and|&)\s+benefits)?",
            r"salary|pay(?:\s+range)?|what\s+we\s+offer|why\s+(?:join\s+)?us|why\s+.{1,30}|who\s+we\s+are|our\s+team",
            r"the\s+team|equal\s+opportunity(?:\s+employer)?|eeo(?:\s+statement)?|location|working\s+here|culture",
            r"our\s+(?:mission|values|benefits|culture|story)|overview|summary|details|job\s+details|position\s+details",
            r"company|contact|questions|logistics|timeline|interview\s+process|the\s+process|hiring\s+process",
            r"job\s+description|description|job\s+summary|about\s+the\s+(?:job|role|position)",
            # ATS page furniture copied with the text (iCIMS "Options", Greenhouse "Apply for this Job").
            r"options|share(?:\s+this\s+(?:job|posting))?|similar\s+jobs|"
            r"apply\s+for\s+this\s+(?:job|position|role)(?:\s+online)?",
        ),
    ),
]

_TITLE_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:job\s+title|position(?:\s+title)?|role(?:\s+title)?|title|job|opening|vacancy)(?:\*\*)?\s*[:\-\u2013\u2014]\s*(?:\*\*)?(?P<v>.+?)(?:\*\*)?\s*$",
    _I,
)
_COMPANY_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:company|employer|organi[sz]ation|hiring\s+(?:company|organi[sz]ation)|department)(?:\*\*)?\s*[:\u2013\u2014]\s*(?:\*\*)?(?P<v>.+?)(?:\*\*)?\s*$",
    _I,
)
_REQ_LABEL = re.compile(
    r"\b(?:req(?:uisition)?\.?(?:\s*(?:id|no\.?|number|#))?|job\s*(?:id|no\.?|number|code|ref(?:erence)?|#)|"
    r"posting\s*(?:id|no\.?|number|#)|vacancy\s*(?:id|no\.?|number|#)|reference\s*(?:id|no\.?|number|code|#)|"
    r"ref\.?\s*(?:no\.?|#|number)|position\s*(?:id|no\.?|number|#))\s*[:#.]?\s*#?\s*(?P<v>[A-Z0-9][A-Z0-9_./-]{0,24}[A-Z0-9])\b",
    _I,
)
_REQ_TOKEN = re.compile(r"\b(?P<v>(?:JR|REQ|R|JOB|J|VAC)[-_ ]?\d{3,}(?:[-_]\d+)?)\b")
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
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4})"
)
_DEADLINE_RES = [
    re.compile(
        r"\b(?:deadline|closing\s+date|apply\s+by\s+date|application\s+deadline|applications?\s+(?:close|closes|due|"
        r"deadline)|posting\s+closes|closes)\b\s*(?:is|on|:|-)?\s*(?:(?:on\s+)?(?:\w+day,?\s+))?(?P<d>"
        + _DATE
        + r")",
        _I,
    ),
    re.compile(
        r"\b(?:apply|submit|send|applications?\s+(?:must|should)\s+be\s+(?:received|submitted))\b(?:[^.\n]|\.(?=\S)){0,80}?"
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
    r"^(?:job\s+(?:description|posting|details|opening)|careers?|jobs?|we(?:'re|\s+are)\s+hiring!?|"
    r"now\s+hiring|open\s+positions?|about(?:\s+us)?|overview|apply(?:\s+now|\s+for\s+this\s+(?:job|position|role))?)$",
    _I,
)
_HIRING_RE = re.compile(
    r"\b(?:hiring|looking\s+for|seeking|recruiting|searching\s+for)\s+(?:an?\s+|our\s+(?:next|first|new)\s+)?"
    r"(?P<t>(?:(?:[A-Z]|[a-z]+[A-Z])[\w/&+.-]*\s+){0,5}?(?:[A-Z]|[a-z]+[A-Z])[\w/&+.-]*)(?=\s+(?:to|who|with|in|at|for|based|that)\b|[.,!]|$)",
)


def _label_value(lines: Sequence[str], pattern: re.Pattern[str]) -> str | None:
    for line in lines:
        m = pattern.match(re.sub(r"^\s*#{1,6}\s*", "", line))
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
        r"(?P<c>(?:[A-Z0-9][\w'&.\u00c0-\u017f-]*|&|of|and|the|de|for)(?:[ \t]+(?:[A-Z0-9][\w'&.\u00c0-\u017f-]*|&|of|and|the|de|for)){0,5})",
        text.strip(),
    )
    if not m:
        return None
    name = m.group("c").strip()
    name = re.sub(r"\s+(?:of|and|the|de|for|&)$", "", name).rstrip(",")
    if name.endswith(".") and not re.search(
        r"\b(?:Co|Inc|Ltd|Corp|Bros|L\.?L\.?C|S\.A|N\.A)\.$", name
    ):
        name = name.rstrip(".")
    if not name or name.lower() in {"we", "our", "the", "us", "you", "this", "a", "an", "it"}:
        return None
    return name


def _split_title(title: str) -> tuple[str, str | None, str | None]:
    """Split 'Title — Company' / 'Title at Company' / 'Title (Remote)' into (title, company, location)."""
    company: str | None = None
    location: str | None = None
    paren = re.search(r"\s*\(([^)]*)\)\s*$", title)
    if paren and (
        _WORK_MODE_RE.match(paren.group(1)) or _LOCATION_RE.fullmatch(paren.group(1).strip())
    ):
        location = paren.group(1).strip()
        title = title[: paren.start()].strip()
    at = re.match(r"^(?P<t>.+?)\s+(?:at|@)\s+(?P<c>[A-Z].+)$", title)
    if at and _JOB_NOUN.search(at.group("t")):
        return at.group("t").strip(), at.group("c").strip(), location
    pieces = re.split(r"(\s+[|\u2013\u2014]\s+|\s+-\s+|\s*\u00b7\s*)", title)
    if len(pieces) > 1:
        head = pieces[0].strip()
        kept = head
        for sep, part in zip(pieces[1::2], pieces[2::2], strict=True):
            part = part.strip()
            if not part:
                continue
            if _LOCATION_RE.fullmatch(part) or _WORK_MODE_RE.match(part):
                location = location or part
            elif company is None and _JOB_NOUN.search(head) and _looks_like_company(part):
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
    words = part.split()
    return len(words) >= 2 and all(w[:1].isupper() or w in {"&", "of"} for w in words)


# Workday / iCIMS pages put a field's label on its own line and the value on the next one.
_FIELD_LABELS: list[tuple[str | None, re.Pattern[str]]] = [
    ("Job Title", re.compile(r"(?:job\s+posting|posting|job|position)\s+title|title", _I)),
    ("Company", re.compile(r"company(?:\s+name)?|employer|organi[sz]ation|hiring\s+company", _I)),
    (
        "Location",
        re.compile(r"(?:job\s+|work\s+|primary\s+)?locations?", _I),
    ),
    (
        "Job ID",
        re.compile(
            r"(?:job\s+)?requisition\s+(?:id|number|#)|req(?:\.|uisition)?\s*(?:id|#|number)|"
            r"job\s+(?:id|number|code)|id",
            _I,
        ),
    ),
    (
        None,
        re.compile(
            r"time\s+type|posted(?:\s+on)?|(?:job\s+)?category|(?:position|job|employment|worker)\s+type|"
            r"job\s+family|department",
            _I,
        ),
    ),
]


def _field_label(line: str) -> tuple[str, str] | None:
    """(canonical label, label as written) when ``line`` is only a field label ("job requisition id")."""
    text = line.strip().rstrip(":").strip()
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
    if text.endswith((".", "!", "?")) and len(text.split()) > 4:
        return False
    return any(c.isalpha() for c in text) and bool(_JOB_NOUN.search(text) or len(text.split()) <= 6)


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
        parts = [p.strip() for p in re.split(r"\s+[|\u2013\u2014\u00b7-]\s+", clean)]
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
            r"^About\s+(?!us\b|you\b|the\s+(?:role|team|job|position|opportunity|company)\b|this\b|our\b|the\s+role\b)(?P<c>.+)$",
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
            r"(?P<c>[A-Z][\w'&.-]*(?:[ \t]+[A-Z][\w'&.-]*){0,4})[ \t]+(?:is|are|has|was|[a-z]{3,}s)\b",
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
        m = re.search(pattern, head, re.M) or re.search(pattern, text, re.M)
        if m:
            name = _company_name(m.group("c"))
            if (
                name
                and not _JOB_NOUN.search(name)
                and name.lower() not in {"we", "you", "our team", "this role"}
            ):
                return name
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


def _find_location(lines: Sequence[str], title_location: str | None) -> str | None:
    label = _label_value(lines[:60], _LOCATION_LABEL)
    if label:
        # iCIMS writes "US-CA-San Jose": country-state-city.
        icims = re.fullmatch(r"([A-Z]{2})-([A-Z]{2,3})-([A-Za-z .'\u00c0-\u017f-]+)", label)
        if icims:
            country, region, city = icims.groups()
            return f"{city.strip()}, {region if country == 'US' else region + ', ' + country}"
        return label
    if title_location:
        return title_location
    for line in lines[1:6]:
        clean = _clean(line)
        if _URL_RE.search(clean) or _EMAIL_RE.search(clean):
            continue
        if _LOCATION_RE.fullmatch(clean):
            return clean  # "Remote - US" as a whole, before splitting at the dash
        for part in re.split(r"\s+[|\u2013\u2014\u00b7-]\s+|\s*;\s*", clean):
            part = part.strip()
            if _LOCATION_RE.fullmatch(part):
                return part
    return None


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
# A requirement that says it is optional ("Experience with Dovetail a plus", "MBA preferred").
_PREFERENCE_END = re.compile(
    r"(?:\b(?:is\s+|are\s+)?an?\s+(?:plus|bonus|big\s+plus)|\bpreferred|\bdesired|\bnice[- ]to[- ]have|"
    r"\(\s*(?:preferred|a\s+plus|nice[- ]to[- ]have|bonus|optional)\s*\))[.!]?$",
    _I,
)


def _split_preferences(items: list[str]) -> tuple[list[str], list[str]]:
    """(requirements, nice-to-haves): items ending in "a plus" / "preferred" are nice-to-haves.

    "Advanced Excel; SQL a plus" is split at the semicolon: "Advanced Excel" stays required.
    """
    required: list[str] = []
    nice: list[str] = []
    for item in items:
        parts = [p.strip() for p in item.split(";")] if ";" in item else [item]
        if not any(_PREFERENCE_END.search(p) for p in parts):
            required.append(item)
            continue
        for part in parts:
            if part:
                (nice if _PREFERENCE_END.search(part) else required).append(part)
    return required, nice


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


def parse_posting(
    text: str,
    *,
    source: str | None = None,
    warnings: Iterable[InputWarning] = (),
    title_hint: str | None = None,
) -> JobPosting:
    """Parse a job posting's visible text into a :class:`JobPosting`.

    ``title_hint`` (e.g. an HTML page's ``<h1>``) is used when no "Job Title:" label is found.
    Fields the text does not state are ``None``/empty. Raises :class:`ParseError` "no job title found"
    when nothing looks like a title.
    """
    name = source or "<text>"
    lines = [ln.rstrip() for ln in text.splitlines()]
    nonblank = _join_field_labels([ln for ln in lines if ln.strip()])
    raw_title, title_line = _find_title(nonblank, title_hint)
    if not raw_title:
        raise ParseError(
            "no job title found (add a first line or a 'Job Title:' line)", source=name
        )
    title, title_company, title_location = _split_title(_clean(raw_title))
    plain = _MD_MARKUP.sub("", text)
    if not title:
        raise ParseError(
            "no job title found (add a first line or a 'Job Title:' line)", source=name
        )

    requirements: list[str] = []
    nice: list[str] = []
    responsibilities: list[str] = []
    for section in _sections(text, _POSTING_SECTIONS):
        items = _items(section.lines)
        if section.kind == "requirements":
            requirements += items
        elif section.kind == "nice":
            nice += items
        elif section.kind == "responsibilities":
            responsibilities += items
    requirements, moved = _split_preferences(requirements)
    company = _find_company(nonblank, text, title_company) or _company_above_title(
        nonblank, title_line
    )
    if company and title_company is None:
        # "Data Engineer - Acme" when the posting names Acme elsewhere: the suffix is the company.
        suffix = re.search(
            r"(?:\s+[|\u2013\u2014-]\s+|\s*\u00b7\s*|\s+at\s+)" + re.escape(company) + r"\s*$",
            title,
        )
        if suffix and suffix.start() > 0:
            title = title[: suffix.start()].strip()
    return JobPosting(
        title=title,
        company=company,
        location=_find_location(nonblank, title_location),
        req_id=_find_req_id(_MD_MARKUP.sub("", "\n".join(nonblank))),
        url=_find_url(text),
        requirements=_dedupe(requirements),
        nice_to_haves=_dedupe([*moved, *nice]) if moved else _dedupe(nice),
        responsibilities=_dedupe(responsibilities),
        materials=extract_materials(text),
        contact=_find_contact(plain),
        deadline=_find_deadline(plain),
        text=text,
        source=name,
        warnings=list(warnings),
    )
