"""Parse a job posting or a resume into the models, deterministically and without a model.

Heuristics read headings, labels ("Job Title:", "Req ID:"), bullets and date ranges. A field the text
does not state is ``None`` (or empty), never guessed. The front doors :func:`load_posting` and
:func:`load_resume` read any supported input (see :mod:`referral_ai.sources`), parse it and attach
warnings: hidden text removed while reading, and instructions addressed to an AI
(:func:`referral_ai.injection.find_injected_instructions`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from referral_ai.errors import ParseError
from referral_ai.materials import extract_materials
from referral_ai.models import Contact, Education, InputWarning, JobPosting, Resume, Role
from referral_ai.sources import Loaded, read_text

__all__ = [
    "load_posting",
    "load_resume",
    "parse_posting",
    "parse_resume",
    "resume_from_json_resume",
]

_I = re.IGNORECASE

# --------------------------------------------------------------------------- shared vocabulary

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_SEASON = r"(?:Spring|Summer|Fall|Autumn|Winter)"
_POINT = rf"(?:(?:{_MONTH}|{_SEASON})\s+\d{{4}}|\d{{1,2}}/\d{{4}}|\d{{4}}[-/.]\d{{1,2}}(?:[-/.]\d{{1,2}})?|\d{{4}})"
_OPEN_END = r"(?:Present|Current|Currently|Now|Today|Ongoing|To\s+date)"
_RANGE_RE = re.compile(
    rf"(?P<start>{_POINT})\s*(?:[-\u2013\u2014~]+|\bto\b|\buntil\b|\bthrough\b)\s*(?P<end>{_POINT}|{_OPEN_END})\b",
    _I,
)
_SINGLE_DATE_RE = re.compile(
    rf"\b(?P<start>(?:{_MONTH}|{_SEASON})\s+\d{{4}}|(?:19|20)\d{{2}})\b", _I
)
_EMAIL_RE = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
_PHONE_RE = re.compile(
    r"(?<![\w/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w/])"
)
_URL_RE = re.compile(r"\bhttps?://[^\s<>()\"'\]]+|\bwww\.[^\s<>()\"'\]]+", _I)
_BARE_LINK_RE = re.compile(
    r"\b(?:linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com|medium\.com|substack\.com)/[^\s|,;()]+",
    _I,
)
_US_STATE = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|"
    r"OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|ON|BC|QC|AB)"
)
_PLACE = r"[A-Z][a-zA-Z.'\u00c0-\u017f-]+(?:\s+[A-Z][a-zA-Z.'\u00c0-\u017f-]+){0,2}"
_COUNTRY = (
    r"(?:USA|US|United\s+States|UK|United\s+Kingdom|Canada|Germany|France|Spain|Portugal|Netherlands|Ireland|"
    r"India|Australia|New\s+Zealand|Singapore|Japan|Brazil|Mexico|Poland|Sweden|Denmark|Norway|Finland|Italy|"
    r"Switzerland|Austria|Belgium|Kenya|Nigeria|South\s+Africa|Israel)"
)
_LOCATION_RE = re.compile(
    rf"(?:{_PLACE},\s*(?:{_US_STATE}\b|{_COUNTRY}\b)(?:\s*\((?i:hybrid|remote|on-?site|in[- ]office)[^)]*\))?|"
    rf"\b(?:Remote|Hybrid|On-?site)(?:\s*(?:\(|[-\u2013,]\s*)(?:{_PLACE}|{_COUNTRY}|US|EU|UK|Americas|EMEA|APAC|worldwide|anywhere)[^)\n|]*\)?)?)",
)
_WORK_MODE_RE = re.compile(
    r"^\(?\s*(?:remote|hybrid|on-?site|in[- ]office|full[- ]time|part[- ]time|contract)\b[^)]*\)?$",
    _I,
)
_COMPANY_SUFFIX = re.compile(
    r"\b(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|GmbH|PLC|LLP|University|College|Institute|Hospital|"
    r"Foundation|Agency|Association|Society|Museum|Council|Bank)\b|"
    r"\b(?:Co|AG|S\.A|SAS|BV|Labs?|Technologies|Tech|Group|Company|Logistics|Health|Healthcare|Systems|Solutions|"
    r"Studios?|Media|Partners|Software|Analytics|Capital|Ventures|Holdings|Industries|Consulting|Networks|"
    r"Games|Robotics|Energy|Foods|Pharmaceuticals|Bio|Therapeutics|Insurance|Press|Publishing|Library|Trust|"
    r"Fund|Schools?|District|Refrigeration|Supply|Outfitters|Motors|Airlines|Bakery|Brewing|Clinic|Stores?)"
    r"\.?\s*$",
)
_JOB_NOUN = re.compile(
    r"\b(?:engineer(?:ing)?|developer|programmer|architect|scientist|analyst|manager|director|designer|writer|"
    r"editor|producer|lead|head|chief|officer|vp|vice\s+president|president|founder|co-?founder|consultant|"
    r"specialist|coordinator|administrator|admin|assistant|associate|intern|internship|fellow|researcher|"
    r"professor|lecturer|instructor|teacher|tutor|nurse|physician|doctor|therapist|pharmacist|accountant|"
    r"auditor|controller|recruiter|sourcer|representative|rep|agent|advisor|adviser|strategist|marketer|"
    r"technician|operator|mechanic|electrician|planner|buyer|clerk|cashier|supervisor|superintendent|"
    r"foreman|owner|partner|principal|counsel|attorney|lawyer|paralegal|librarian|curator|archivist|"
    r"journalist|reporter|copywriter|photographer|illustrator|animator|artist|chef|cook|driver|"
    r"secretary|receptionist|bookkeeper|economist|statistician|mathematician|generalist|steward|"
    r"ambassador|advocate|evangelist|owner|sre|devops|qa|tester|ux|ui|cto|ceo|cfo|coo|cmo|cio|"
    r"freelance(?:r)?|contractor|volunteer|trainee|apprentice|postdoc(?:toral)?|manager|handler|"
    r"counselor|counsellor|caseworker|worker|aide|educator|coach|trainer|facilitator|investigator|"
    r"underwriter|actuary|broker|banker|trader|estimator|inspector|surveyor|hygienist|dentist|"
    r"veterinarian|scrum\s+master|product\s+owner)s?\b",
    _I,
)
_SEPARATORS = re.compile(
    r"\s*(?:\s\|\s|\s[\u2013\u2014]\s|\s-\s|\s@\s|\s+at\s+|\t+|\s{3,}|\s\u00b7\s|\s\u2022\s|,\s+)\s*"
)
_BULLET_RE = re.compile(
    r"^\s*(?:[-*+\u2022\u00b7\u25aa\u25e6\u2023\u2013\u2014\u25cf\u25cb\u27a2\u2192>]|\d{1,2}[.)])\s+"
)
_MD_MARKUP = re.compile(r"(\*\*|__|`)")


def _clean(line: str) -> str:
    """Remove bullet markers and Markdown emphasis, collapse whitespace."""
    line = _BULLET_RE.sub("", line.strip())
    line = _MD_MARKUP.sub("", line)
    line = re.sub(r"(?<!\w)[*_](\S[^*_]*?)[*_](?!\w)", r"\1", line)
    line = re.sub(r"\[([^\]]+)\]\((https?://[^)]+)\)", r"\1 (\2)", line)  # [text](url)
    return " ".join(line.split()).strip()


def _is_bullet(line: str) -> bool:
    return bool(_BULLET_RE.match(line))


def _heading_text(line: str) -> str:
    s = line.strip()
    s = re.sub(r"^#{1,6}\s*", "", s)
    s = _MD_MARKUP.sub("", s).strip()
    s = s.strip("*_=").strip()
    return s.rstrip(":").strip()


@dataclass
class _Section:
    heading: str | None
    kind: str
    lines: list[str] = field(default_factory=list)


def _looks_like_heading(line: str, vocabulary: Sequence[tuple[str, re.Pattern[str]]]) -> str | None:
    """The section kind when ``line`` is a heading from ``vocabulary``, else None."""
    raw = line.strip()
    if not raw or _is_bullet(raw):
        return None
    text = _heading_text(raw)
    if not text or len(text.split()) > 10 or len(text) > 70:
        return None
    explicit = raw.startswith("#") or (raw.startswith("**") and raw.rstrip(":").endswith("**"))
    for kind, pattern in vocabulary:
        if pattern.fullmatch(text):
            return kind  # "You might be a fit if you have": a known heading may run to ten words
    if len(text.split()) > 7 or len(text) > 60:
        return None
    # An unknown ALL-CAPS line is a heading when it has two words or more ("IDEO" is an employer).
    if explicit or (text.isupper() and len(text.split()) >= 2) or raw.endswith(":"):
        return "other"
    return None


def _sections(text: str, vocabulary: Sequence[tuple[str, re.Pattern[str]]]) -> list[_Section]:
    sections = [_Section(None, "header")]
    for raw in text.splitlines():
        line = raw.rstrip()
        if _RULE.fullmatch(line.strip()):
            continue  # "-----" / "=====" (a rule or a setext heading underline)
        kind = _looks_like_heading(line, vocabulary)
        if kind == "other" and len(sections) == 1 and not any(x.strip() for x in sections[0].lines):
            kind = None  # the first line ("# Riley Chen", "# Senior Analytics Engineer") is content
        if kind is not None:
            # "Requirements: Python, SQL" on one line: a heading with its first item.
            sections.append(_Section(_heading_text(line), kind))
            continue
        label = re.match(
            r"^\s*(?:\*\*)?([A-Za-z][A-Za-z '&/-]{2,40}?)(?:\*\*)?\s*:(?:\*\*)?\s+(\S.*)$", line
        )
        if label and not _is_bullet(line):
            lk = next((k for k, p in vocabulary if p.fullmatch(label.group(1).strip())), None)
            if lk is not None and lk != "other":
                sections.append(_Section(label.group(1).strip(), lk, [label.group(2)]))
                continue
        sections[-1].lines.append(line)
    return sections


_RULE = re.compile(r"[=\-_*~#\u2500\u2014]{3,}")


def _items(lines: Iterable[str]) -> list[str]:
    """Bullets and sentences of a section, cleaned; hard-wrapped bullet lines are joined.

    A prose paragraph that follows a bullet list after a blank line is not part of the list
    (it is usually the next, unheaded part of the posting, e.g. how to apply).
    """
    out: list[str] = []
    paragraph: list[str] = []
    last_was_bullet = False
    seen_bullets = False
    gap_after_bullets = False

    def flush() -> None:
        if paragraph:
            joined = " ".join(paragraph)
            paragraph.clear()
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", joined):
                sentence = _clean(sentence)
                if len(sentence) > 2:
                    out.append(sentence)

    for raw in lines:
        if not raw.strip():
            flush()
            gap_after_bullets = gap_after_bullets or seen_bullets
            last_was_bullet = False
            continue
        if _is_bullet(raw):
            flush()
            seen_bullets = True
            item = _clean(raw)
            if item:
                out.append(item)
            last_was_bullet = True
            continue
        if last_was_bullet and out and raw.startswith((" ", "\t")) and raw.strip()[:1].islower():
            out[-1] = f"{out[-1]} {_clean(raw)}"  # continuation of a wrapped bullet
            continue
        if gap_after_bullets or _APPLY_LINE.match(raw.strip()):
            break  # the list is over: what follows is another part of the posting
        last_was_bullet = False
        line = raw.strip()
        if (
            paragraph
            and not _CONTINUES_LINE.search(paragraph[-1])
            and (line[:1].isupper() or line[:1].isdigit())
        ):
            flush()  # lines pasted without bullets: "Build the plan" / "Own the forecast"
        paragraph.append(line)
    flush()
    return out


_APPLY_LINE = re.compile(
    r"^(?:to\s+apply|how\s+to\s+apply|apply\b|submit\b|send\b|e-?mail\s+(?:your|us)\b|"
    r"please\s+(?:submit|send|apply|include|email|e-mail|attach|upload)\b|interested\b|"
    r"applications?\s+(?:close|are\s+due|must|should|will)\b|candidates\s+should\s+(?:submit|send|apply))",
    _I,
)
# A line that does not end a sentence continues on the next one ("... with 12" / "business units").
_CONTINUES_LINE = re.compile(
    r"(?:[,;:(/&+-]|\b(?:and|or|a|an|the|of|to|with|for|in|on|at|by|as|from|your|our))$", _I
)


def _section_words(*words: str) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(words) + r")", _I)


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
_LOCATION_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:location|locations|based\s+in|office|work\s+location|where)(?:\*\*)?\s*[:\u2013\u2014]\s*(?:\*\*)?(?P<v>.+?)(?:\*\*)?\s*$",
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


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


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


# --------------------------------------------------------------------------- JSON Resume


def _str(v: Any) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


def _list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else []


def _dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def resume_from_json_resume(
    data: dict[str, Any],
    *,
    source: str | None = None,
    text: str | None = None,
    warnings: Iterable[InputWarning] = (),
) -> Resume:
    """Map a JSON Resume (jsonresume.org schema) to a :class:`Resume`.

    ``basics`` → name/contact/summary, ``work`` (name → employer, position → title, startDate,
    endDate, summary + highlights → bullets), ``education``, ``skills`` (name + keywords),
    ``certificates``. ``text`` defaults to a plain rendering. Raises :class:`ParseError` when there is
    no ``work`` entry.
    """
    from referral_ai.sources import json_resume_text

    name_ = source or "<json>"
    basics = _dict(data.get("basics"))
    loc = _dict(basics.get("location"))
    location = (
        ", ".join(
            p
            for p in (
                _str(loc.get("city")),
                _str(loc.get("region")) or _str(loc.get("countryCode")),
            )
            if p
        )
        or None
    )
    links = [
        u
        for u in [_str(basics.get("url"))]
        + [_str(_dict(p).get("url")) for p in _list(basics.get("profiles"))]
        if u
    ]
    contact = Contact(
        name=_str(basics.get("name")),
        email=_str(basics.get("email")),
        phone=_str(basics.get("phone")),
        location=location,
        links=links,
    )
    roles: list[Role] = []
    for item in _list(data.get("work")):
        item = _dict(item)
        bullets = [s for s in [_str(item.get("summary"))] if s] + [
            h for h in (_str(x) for x in _list(item.get("highlights"))) if h
        ]
        employer = _str(item.get("name")) or _str(item.get("company"))
        title = _str(item.get("position"))
        if not (employer or title):
            continue
        start = _str(item.get("startDate"))
        roles.append(
            Role(
                employer=employer,
                title=title,
                start=start,
                end=_str(item.get("endDate")) or ("Present" if start else None),
                location=_str(item.get("location")),
                bullets=bullets,
            )
        )
    if not roles:
        raise ParseError(
            "no work experience found (the JSON Resume has no 'work' entries)", source=name_
        )
    education = [
        Education(
            institution=_str(e.get("institution")),
            degree=_str(e.get("studyType")),
            field=_str(e.get("area")),
            start=_str(e.get("startDate")),
            end=_str(e.get("endDate")),
            details=[c for c in (_str(x) for x in _list(e.get("courses"))) if c],
        )
        for e in map(_dict, _list(data.get("education")))
        if _str(e.get("institution")) or _str(e.get("studyType"))
    ]
    skills: list[str] = []
    for s in map(_dict, _list(data.get("skills"))):
        name = _str(s.get("name"))
        if name:
            skills.append(name)
        skills += [k for k in (_str(x) for x in _list(s.get("keywords"))) if k]
    certifications = []
    for c in map(_dict, _list(data.get("certificates"))):
        cert = _str(c.get("name"))
        if cert:
            issuer = _str(c.get("issuer"))
            certifications.append(f"{cert} ({issuer})" if issuer else cert)
    return Resume(
        name=contact.name,
        contact=contact,
        summary=_str(basics.get("summary")),
        roles=roles,
        skills=_dedupe(skills),
        education=education,
        certifications=certifications,
        text=text if text is not None else json_resume_text(data),
        source=name_,
        warnings=list(warnings),
    )


# --------------------------------------------------------------------------- front doors


def _all_warnings(loaded: Loaded) -> list[InputWarning]:
    from referral_ai.injection import find_injected_instructions

    warnings = list(loaded.warnings)
    warnings += find_injected_instructions(loaded.text)
    # An instruction hidden from the reader is worth naming as such, too.
    for hidden in loaded.warnings:
        if hidden.code == "hidden-text" and hidden.excerpt:
            for found in find_injected_instructions(hidden.excerpt):
                warnings.append(
                    found.model_copy(update={"message": f"(in hidden text) {found.message}"})
                )
    return warnings


def load_posting(source: str | os.PathLike[str] | bytes) -> JobPosting:
    """Read a posting from a file path, bytes or text (see :func:`referral_ai.sources.read_text`) and parse it.

    The posting's ``warnings`` hold hidden text removed while reading and instructions addressed to an
    AI. Raises :class:`InputError` (unreadable) or :class:`ParseError` (no job title).
    """
    loaded = read_text(source, kind="posting")
    hint = loaded.data.get("title") if loaded.fmt == "html" and loaded.data else None
    return parse_posting(
        loaded.text,
        source=loaded.source,
        warnings=_all_warnings(loaded),
        title_hint=hint if isinstance(hint, str) else None,
    )


def load_resume(source: str | os.PathLike[str] | bytes) -> Resume:
    """Read a resume from a file path, bytes, text or JSON Resume and parse it.

    The resume's ``warnings`` hold hidden text removed while reading and instructions addressed to an
    AI. Raises :class:`InputError` (unreadable) or :class:`ParseError` (no work experience).
    """
    loaded = read_text(source, kind="resume")
    if loaded.fmt == "json" and loaded.data is not None:
        return resume_from_json_resume(
            loaded.data, source=loaded.source, text=loaded.text, warnings=_all_warnings(loaded)
        )
    return parse_resume(loaded.text, source=loaded.source, warnings=_all_warnings(loaded))
