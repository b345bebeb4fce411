"""Parse a resume's text into a :class:`Resume`, without a model."""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from referral_ai.errors import ParseError
from referral_ai.inputs.education import EduLine, entry_spans, read_spans
from referral_ai.inputs.language import note_language
from referral_ai.inputs.layout import Fragment, Reading, Slot, read_entries
from referral_ai.inputs.lexicon import (
    _BARE_LINK_RE,
    _COMPANY_SUFFIX,
    _COUNTRY,
    _EMAIL_RE,
    _I,
    _JOB_NOUN,
    _LOCATION_LABEL,
    _LOCATION_RE,
    _MONTH,
    _OPEN_END,
    _PHONE_RE,
    _PLACE,
    _RANGE_RE,
    _RULE,
    _SEASON,
    _SEPARATORS,
    _SINGLE_DATE_RE,
    _UNIT_WORD,
    _URL_RE,
    _US_STATE,
    _WORK_MODE_RE,
    _clean,
    _dedupe,
    _heading_text,
    _is_bullet,
    _looks_like_heading,
    _Section,
    _section_words,
)
from referral_ai.models import (
    Contact,
    Doubt,
    Education,
    FieldNote,
    InputWarning,
    ParseReport,
    Project,
    Resume,
    Role,
)

# --------------------------------------------------------------------------- resume

# Unpaid and extracurricular work, a section of its own ("Volunteer and Fundraising",
# "Leadership & Activities"): its entries are not jobs.
_ACTIVITY = (
    r"(?:volunteer(?:ing|\s+experience|\s+work)?|fundraising|community\s+(?:service|involvement|"
    r"engagement|work)|outreach|activities|extracurricular(?:\s+activities)?|leadership)"
)
_RESUME_SECTIONS: list[tuple[str, re.Pattern[str]]] = [
    (
        "experience",
        _section_words(
            r"(?:(?:professional|work|relevant|employment|career|industry|selected|technical|other|additional|"
            r"teaching|research|academic|recent|previous|prior|past|former|current)\s+){0,2}"
            r"(?:experience|employment|work\s+history|employment\s+history|career\s+history|history)",
            # "Professional Teaching & Writing Experience", "Clinical Nursing Experience"; the
            # look-ahead spans at most what the words after it can match (3 words and "experience")
            r"(?!.{0,120}\b(?:volunteer\w*|leadership|projects?|community|extracurricular|campus|"
            r"international|travel)\b)(?:[A-Z][a-z]{2,20}\s+(?:(?:and|&)\s+)?){1,3}(?:experience|employment)",
            r"experience\s+(?:and|&)\s+(?:projects|leadership)|work|career|positions(?:\s+held)?|professional\s+background|"
            r"(?:(?:academic|professional|research|current|previous|university)\s+)?(?:appointments|positions)",
        ),
    ),
    (
        "education",
        _section_words(
            r"education(?:\s+(?:and|&)\s+(?:training|certifications?))?|academic\s+(?:background|history)|"
            r"(?:earned\s+|academic\s+)?degrees?|training"
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
            rf"interests|hobbies|{_ACTIVITY}(?:\s+(?:and|&)\s+{_ACTIVITY})?|references?|"
            r"affiliations|memberships|patents|talks|speaking|courses|coursework|contact(?:\s+information)?|links",
        ),
    ),
]
# The headings of a LinkedIn export (or a resume) written in French, Spanish, Portuguese or German.
_RESUME_SECTIONS += [
    (
        "experience",
        _section_words(
            r"exp\u00e9riences?(?:\s+professionnelles?)?|experiencia(?:\s+(?:laboral|profesional))?|"
            r"experi\u00eancia(?:\s+profissional)?|berufserfahrung|berufliche\s+erfahrung|"
            r"(?:beruflicher\s+)?werdegang|berufspraxis|praxiserfahrung|arbeitserfahrung|"
            r"berufliche\s+t\u00e4tigkeiten|experiencia\s+de\s+trabajo|experi\u00eancias?(?:\s+profissionais)?"
        ),
    ),
    (
        "education",
        _section_words(
            r"(?:formation|formaci\u00f3n|forma\u00e7\u00e3o)(?:\s+acad\u00e9mique|\s+acad\u00e9mica|"
            r"\s+acad\u00eamica)?|\u00e9ducation|educaci\u00f3n|educa\u00e7\u00e3o|istruzione|opleidingen?|utbildning|uddannelse|ausbildung|(?:schul)?bildung|bildungsweg|"
            r"bildungsabschl\u00fcsse|studium|\u00e9tudes|dipl\u00f4mes|estudios|escolaridade"
        ),
    ),
    (
        "skills",
        _section_words(
            r"(?:principales\s+)?comp\u00e9tences|aptitudes(?:\s+principales)?|habilidades|kenntnisse"
        ),
    ),
    (
        "other",
        _section_words(
            r"coordonn\u00e9es|contactar|kontakt|langues|idiomas|l\u00ednguas|sprachen|referees"
        ),
    ),
    # A personal-details block ("Personal details", French "\u00c9tat civil", German "Pers\u00f6nliche
    # Daten"): its heading is never the name, though the name may be inside it.
    (
        "other",
        _section_words(
            r"personal\s+(?:details|information|data|particulars)|[e\u00e9]tat\s+civil|"
            r"informations\s+personnelles|donn\u00e9es\s+personnelles|datos\s+personales|"
            r"pers\u00f6nliche\s+(?:daten|angaben)"
        ),
    ),
]
# Chinese headings: work / internship experience, education, skills, projects and self-assessment.
_RESUME_SECTIONS += [
    (
        "experience",
        _section_words(r"(?:\u5de5\u4f5c|\u5b9e\u4e60|\u804c\u4e1a)(?:\u7ecf\u5386|\u7ecf\u9a8c)"),
    ),
    ("education", _section_words(r"\u6559\u80b2(?:\u7ecf\u5386|\u80cc\u666f)|\u5b66\u5386")),
    (
        "skills",
        _section_words(r"(?:\u4e13\u4e1a|\u4e2a\u4eba)?\u6280\u80fd|\u4e2a\u4eba\u4f18\u52bf"),
    ),
    (
        "other",
        _section_words(
            r"(?:\u9879\u76ee|\u79d1\u7814)\u7ecf\u5386|\u81ea\u6211\u8bc4\u4ef7|\u83b7\u5956\u60c5\u51b5|\u8363\u8a89"
        ),
    ),
]
_DEGREE_RE = re.compile(
    r"\b(?:B\.?\s?S\.?c?\.?|B\.?\s?A\.?|B\.?\s?Eng\.?|B\.?\s?Tech|BBA|M\.?\s?S\.?c?\.?|M\.?\s?A\.?|M\.?\s?Eng\.?|MBA|M\.?\s?Ed\.?|"
    r"MFA|MPH|MPA|Ph\.?\s?D\.?|Ed\.?D\.?|J\.?D\.?|M\.?D\.?|LL\.?[BM]\.?|A\.?A\.?S?\.?|A\.?S\.?|"
    r"Bachelor(?:['\u2019]?s)?(?:\s+of\s+[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|and|&)){0,3})?|"
    r"Master(?:['\u2019]?s)?(?:\s+of\s+[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|and|&)){0,3})?|"
    r"Doctor(?:ate)?(?:\s+of\s+\w+)?|Associate(?:'s)?(?:\s+(?:of|in)\s+\w+(?:\s+\w+)?)?|Diploma|Certificate|"
    r"High\s+School\s+Diploma|GED|BSc|MSc|BEng|MEng|BFA|BS|BA|MS|MA|PhD)(?=[\s,.;:|)]|$)",
)
_INSTITUTION_RE = re.compile(
    r"(?<!-)\b(?:University|Universit\u00e9|Universidad|College|Institute|Institution|School|Academy|Polytechnic|Conservatory|"
    r"Bootcamp|Seminary|Hochschule|Universit\u00e4t)\b|\b(?-i:MIT|UCLA|NYU|UC\s+\w+|ETH|EPFL|KTH|LSE|UCL|HTL|HTBLA|HAK)\b",
)


def _split_header_parts(line: str) -> list[str]:
    return [p.strip(" ,;|") for p in _SEPARATORS.split(line) if p and p.strip(" ,;|")]


# A tab or two spaces are tried only at the start of a run of spaces (the same matches, linear).
_LOCATION_TAIL = re.compile(
    rf"(?:\s[|\u2013\u2014\u00b7-]\s|,\s|(?<!\s)\t|(?<!\s)\s\s|\()\s*(?P<loc>{_LOCATION_RE.pattern})\)?\s*$"
)


_TRAILING_DATE_RE = re.compile(
    rf"(?:(?<!\s)\s*[|,\u2013\u2014(]\s*|\s-\s|(?<!\s)\s+)(?P<d>(?:{_MONTH}|{_SEASON})\s+\d{{4}}|\d{{1,2}}/\d{{4}}|(?:19|20)\d{{2}})\)?\s*$",
    _I,
)

_OPEN_RANGE_TAIL = re.compile(
    rf"\s(?P<d>(?:{_MONTH}\s+)?(?:19|20)\d{{2}})\s?[-\u2013\u2014]\s*$",
    _I,
)


def _take_dates(line: str) -> tuple[str, str | None, str | None]:
    """Remove a date range (or single date) from ``line``; return the rest and (start, end)."""
    m = _RANGE_RE.search(line)
    if m:
        # "Feb 2019-present: Analyst, ...": the colon after the dates is not part of the title
        rest = (line[: m.start()] + " " + line[m.end() :].removeprefix(":")).strip()
        return _tidy(rest), _tidy_date(m.group("start")), _tidy_date(m.group("end"))
    open_range = _OPEN_RANGE_TAIL.search(line)
    if open_range and open_range.start() > 0:
        # "Software developer<tab>2016-": a range left open is a role still held.
        return _tidy(line[: open_range.start()]), _tidy_date(open_range.group("d")), None
    single = _TRAILING_DATE_RE.search(line)
    if single and single.start() > 0:
        # "Design Intern    Summer 2017": one date at the end of a header line is both start and end.
        date = _tidy_date(single.group("d"))
        return _tidy(line[: single.start()]), date, date
    return line, None, None


def _tidy(s: str) -> str:
    s = re.sub(r"\(\s*\)|\[\s*\]", "", s)
    s = re.sub(r"\s\.$", "", s)  # "City - May 2018 to June 2019." without its dates
    for _ in range(4):
        s = s.strip(" ,;|-\u2013\u2014\t\u2022\u00b7")
        if s.endswith(")") and s.count(")") > s.count("("):
            s = s[:-1]
        elif s.startswith("(") and s.count("(") > s.count(")"):
            s = s[1:]
        else:
            break
    return s.strip(" ,;|-\u2013\u2014\t\u2022\u00b7")


def _tidy_date(s: str) -> str:
    s = " ".join(s.split())
    s = re.sub(rf"^({_MONTH}),\s*(\d{{4}})$", r"\1 \2", s, flags=_I)  # "May, 2019"
    return "Present" if re.fullmatch(_OPEN_END, s, _I) else s


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


# --------------------------------------------------------------------------- role blocks

# Words that make a header fragment read as a job title, beyond the shared job nouns.
_EXTRA_TITLE = re.compile(
    r"\b(?:draftsman|draftsperson|babysitter|nanny|barista|server|bartender|host(?:ess)?|"
    r"co-?\s?owner|teaching\s+assistant|research\s+assistant|scholar|staff|crew|"
    r"member|team|management|employee|volunteer|co-?ordinator|"
    # content work: "Content Creator", "Writer & Publisher", "Podcast Host"
    r"creator|publisher|presenter|blogger|podcaster|influencer|leader|"
    # German and French job words, written in resumes in those languages
    r"\w*praktik(?:um|ant(?:in)?)|werkstudent(?:in)?|monteur(?:in)?|\w*ingenieur(?:in)?|"
    r"\w*entwickler(?:in)?|mitarbeiter(?:in)?|\w*leiter(?:in)?|berater(?:in)?|stagiaire|stage|"
    r"alternante?|graphiste|webdesigneuse|d\u00e9veloppeu(?:r|se)|ing\u00e9nieure?|charg\u00e9e?|"
    r"employ\u00e9e?|assistante?|vendeu(?:r|se)|responsable|consultante?|"
    # Spanish and Portuguese
    r"gerente|jef[ea]|analista|ingenier[oa]|engenheir[oa]|desarrollador(?:a)?|desenvolvedor(?:a)?|"
    r"asistente|assistente|consultor(?:a)?|coordinador(?:a)?|coordenador(?:a)?|directora?|"
    r"diretora?|t\u00e9cnic[oa]|docente|profesora?|professora|auxiliar|encargad[oa]|"
    r"practicante|pasante|becari[oa]|estagi\u00e1ri[oa]|vendedora?|programador(?:a)?)\b",
    _I,
)
# Words that make a fragment read as an organisation (anywhere in it, not only at the end).
_ORG_WORD = re.compile(
    r"\b(?:Inc|LLC|Ltd|Limited|Corp|Corporation|GmbH|PLC|LLP|S\.?A|AG|BV|Pty|Co|Company|"
    r"University|Universit\u00e9|Universidad|College|Institute|School|Academy|Hospital|Clinic|"
    r"Foundation|Agency|Association|Society|Museum|Council|Bank|Club|Center|Centre|Library|"
    r"Libraries|Department|Ministry|Office|Government|Authority|Church|Boutique|Store|Restaurant|"
    r"Hotel|Group|Labs?|Technologies|Systems|Solutions|Services|Consulting|Partners|Media|Designs?|"
    r"Manufacturing|Environmental|Studios?|Press|Publishing|Software|Analytics|Capital|Ventures|"
    r"Holdings|Industries|Networks|Cloud|Digital|Communications|Telecommunications|Production|"
    r"Productions|Carpentry|Education|Policy|Auditing|Trust|Fund|District|Enterprises?|"
    # the same words in German, French, Spanish, Italian and Portuguese
    r"Universit\u00e4t|Universit\u00e0|Universidade|Institut|Hochschule|Klinik(?:um)?|Stiftung|Verein|"
    r"Ministerium|Gesellschaft|\u00c9cole|Soci\u00e9t\u00e9|Minist\u00e8re|Fundaci\u00f3n|Ministerio|Empresa"
    r")\b|\u516c\u53f8|\u5927\u5b66|\u5b66\u9662|\u96c6\u56e2|\u94f6\u884c|\u533b\u9662|\u7814\u7a76\u6240",
    _I,
)
_STRONG_SEP = re.compile(
    # "Provo \u2014Shift Manager": an em dash parts the fields however it is spaced.
    r"\s*(?:\s\|\|?\s|\s?\|\|?\s?|\s[\u2013\u2014]\s|\s\u2014|\u2014\s|(?<=\w)\u2014(?=[A-Z])|"
    r"\s-\s|\s-(?=[A-Z][a-z])|\s:\s|(?<=\w):\s|\s@\s|\s+at\s+|\t+|\s{3,}|"
    r"\s\u00b7\s|\s\u2022\s)\s*"
)
_STREET = re.compile(
    r"^\d{1,6}\s+[\w.' ]{2,40}?\b(?:st|street|rd|road|dr|drive|ave|avenue|blvd|boulevard|ln|lane|way|"
    r"ct|court|pl|place|hwy|highway|pkwy)\b\.?(?:,.*)?$|"
    r"^[A-Z][\w.']{1,20}(?:\s[\w.']{1,20}){0,2}\s(?:rd|road|st|street|ave|avenue|blvd|dr|drive|ln|lane)\.?$",
    _I,
)
# A Chinese job title: its ending names the job (-师 engineer/teacher, 经理 manager, 主程 lead
# programmer, 实习生 intern, 护士 nurse, 会计 accountant, 组长 team lead, 负责人 person in charge ...);
# a level or product name in Latin letters may come first ("P3-3 高级…工程师", "中级Unity…工程师").
_CJK_TITLE = re.compile(
    r"(?=[\w(])[\w+#. -]{0,20}"
    r"(?:\u5e08|\u7ecf\u7406|\u4e3b\u7ba1|\u603b\u76d1|\u4e13\u5458|"
    r"\u52a9\u7406|\u987e\u95ee|\u4e3b\u4efb|\u603b\u88c1|\u5458|\u4e3b\u7a0b|\u5b9e\u4e60\u751f|"
    r"\u62a4\u58eb|\u4f1a\u8ba1|\u7ec4\u957f|\u8d1f\u8d23\u4eba|\u7f16\u8f91|\u7b56\u5212)$"
)
# A title given with its label: "Cargo: Repositora", "Position: Analyst", "Funktion: Leiter".
_TITLE_LABEL = re.compile(
    r"^[-\u2022\u25cf*\s]*(?:job\s+title|title|position|role|cargo|puesto|fun\u00e7\u00e3o|funci\u00f3n|"
    r"funktion|poste|fonction)\s*:\s*(?P<t>\S.{1,80})$",
    _I,
)
_LABEL_LINE = re.compile(
    r"^(?:manager|mentor|supervisor|advisor|adviser|reference|referee|contact|reporting\s+to|pi)\s*:",
    _I,
)
# LinkedIn's "2 years 1 month", also as its French, Spanish, Portuguese or German exports write it.
_SPAN = (
    r"(?:\d{1,2}\s+(?:years?|yrs?|months?|mos?|ans?|mois|a\u00f1os?|anos?|mes(?:es)?|meses|"
    r"Jahre?|Monate?)\s*){1,2}"
)
_DURATION = re.compile(rf"\(\s*{_SPAN}\)|\(\s*less\s+than\s+a\s+year\s*\)", _I)
# The time spent at an employer, on a line of its own under its name ("Acme" / "3 years 2 months" /
# "Title" / "dates (1 year)"): a total, not a header line.
_TENURE_LINE = re.compile(rf"\s*{_SPAN}|\s*less\s+than\s+a\s+year\s*", _I)
_PAGE_LINE = re.compile(
    r"^\s*(?:page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|\d{1,3}\s*/\s*\d{1,3}|\d{1,2})\s*$", _I
)
_CITY_TAIL = re.compile(
    rf",\s*(?P<loc>{_PLACE}\s*,\s*(?:{_US_STATE}\b|[A-Z][a-z]{{1,2}}\.|{_COUNTRY}\b|[A-Z][a-z]+|[A-Z]{{2}}\b)(?:\s*,\s*{_COUNTRY})?)\s*$"
)
_CJK_RANGE = re.compile(
    r"(?P<start>(?:19|20)\d{2}[./\-\u5e74]\d{1,2}\u6708?)\s*[-\u2013\u2014~\uff5e\u81f3]+\s*"
    r"(?P<end>(?:19|20)\d{2}[./\-\u5e74]\d{1,2}\u6708?|\u81f3\u4eca|\u73b0\u5728|\u76ee\u524d)"
)
# A full-width comma between two Chinese (or Latin) fields of an entry header.
_CJK_FIELDS = re.compile(r"(?<=[\u4e00-\u9fff\w)\uff09]) ?\uff0c ?(?=\S)")
_LEAD_TERM = re.compile(
    rf"^(?P<start>{_SEASON}(?:\s*/\s*{_SEASON})?\s+(?:semester\s+|term\s+|quarter\s+)?(?:19|20)\d{{2}})\s*[:\u2013\u2014-]\s+(?=\S)",
    _I,
)
_OPEN_START = re.compile(r"^(?P<start>(?:19|20)\d{2})\s*[-\u2013\u2014]\s*(?=[A-Za-z])")
_LEAD_YEAR = re.compile(r"^(?P<start>(?:19|20)\d{2})\s+(?=[A-Z\u201c\"])")
_YEARS_ONLY = re.compile(r"^(?:(?:19|20)\d{2}\s*,\s*){1,5}(?:19|20)\d{2}$")
_FROM_LABEL = re.compile(r"^(?:from|dates?|period)\s*:\s*", _I)
_VERB_START = re.compile(r"^[A-Z][a-z]{2,}(?:ed|ing)\s+(?:[a-z]|&)")


def _dates_of(line: str) -> tuple[str, str | None, str | None]:
    """The line without its dates (and durations), and (start, end); (line, None, None) when it has none."""
    line = _DURATION.sub("", line)
    stripped = _FROM_LABEL.sub("", line.strip())
    m = _CJK_RANGE.search(stripped)
    if m:
        end = m.group("end")
        rest = _tidy(stripped[: m.start()] + " " + stripped[m.end() :])
        return rest, _tidy_date(m.group("start")), ("Present" if not end[:1].isdigit() else end)
    if _YEARS_ONLY.match(stripped):
        years = re.findall(r"(?:19|20)\d{2}", stripped)
        return "", years[0], years[-1]
    single = _SINGLE_DATE_RE.fullmatch(stripped.strip(" ()"))
    if single:  # "June 2023" on its own line: one date, not "June" beside the year 2023
        return "", single.group("start"), single.group("start")
    rest, start, end = _take_dates(stripped)
    if start:
        return rest, start, end
    term = _LEAD_TERM.match(stripped)
    if term:
        # "Fall/Spring Semester 2016: Tutor": the term is when the job was held.
        year = re.search(r"(?:19|20)\d{2}", term.group("start"))
        when = year.group(0) if year else term.group("start")
        return _tidy(stripped[term.end() :]), when, when
    m2 = _OPEN_START.match(stripped) or _LEAD_YEAR.match(stripped)
    if m2:
        return _tidy(stripped[m2.end() :]), m2.group("start"), None
    return line, None, None


def _is_location(text: str) -> bool:
    t = text.strip(" ,;|")
    if _ORG_WORD.search(t) and not _LOCATION_RE.fullmatch(t):
        return False
    return bool(
        t
        and (
            _LOCATION_RE.fullmatch(t)
            or _WORK_MODE_RE.match(t)
            or _STREET.match(t)
            or re.fullmatch(
                rf"{_PLACE},\s*(?:{_US_STATE}|{_COUNTRY}|[A-Z][a-z]{{1,2}}\.|[A-Z]{{2}})", t
            )
            or re.fullmatch(rf"{_PLACE},\s*{_PLACE},\s*(?:{_COUNTRY}|[A-Z][a-z]{{3,}})", t)
            or re.fullmatch(r"(?:various|multiple)\s+locations|remote", t, _I)
        )
    )


def _place_line(text: str) -> bool:
    """A short line that reads as a place: a known location shape, or a few capitalised words with
    no job or organisation word and no digits ("Freetown, Western Area, Sierra Leone")."""
    if _is_location(text):
        return True
    words = text.replace(",", " ").split()
    return bool(
        1 <= len(words) <= 6
        and not re.search(r"\d|[|@:()]", text)
        and all(w[:1].isupper() for w in words)
        and not _JOB_NOUN.search(text)
        and not _EXTRA_TITLE.search(text)
        and not _ORG_WORD.search(text)
    )


def _is_sentence(text: str) -> bool:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    if cjk and (cjk > 30 or text.endswith(("\u3002", "\uff1b", "\uff0c"))):
        return True
    words = text.split()
    longest = max((len(p.split()) for p in _STRONG_SEP.split(text)), default=0)
    ends = text.endswith(".") and not re.search(r"\b[A-Z][a-z]?\.$", text)
    if longest > 12 or len(words) > 16 or (ends and len(words) >= 7):
        return True
    if text[:1].islower():
        # "gis technician \u2022 xcel energy" (typed in lower case, set in small caps): short
        # fragments joined by separators are a header line, not a sentence's continuation.
        parts = [p for p in _STRONG_SEP.split(text) if p.strip()]
        return not (len(parts) >= 2 and longest <= 6)
    return bool(
        len(words) >= 4 and _VERB_START.match(text) and not _JOB_NOUN.search(" ".join(words[:4]))
    )


# Academic job abbreviations, in capitals only ("RA & TA", "GSI"): research/teaching assistant.
_TITLE_ABBREV = re.compile(r"(?:G?RA|G?TA|GSI|GRA|GTA)")


def _without_final_paren(s: str) -> str:
    """``s`` without a final "(...)" and the blanks before it (re.sub of "\\s*\\([^)]*\\)$" from the
    start of the blanks), found right to left so a run of '(' is not rescanned from each one."""
    end = len(s) - s.endswith("\n")  # "$" also matches before a final newline
    if not end or s[end - 1] != ")":
        return s
    opened = s.find("(", s.rfind(")", 0, end - 1) + 1, end - 1)
    if opened < 0:
        return s
    return s[: len(s[:opened].rstrip())] + s[end:]


_PAREN_LOC = re.compile(r"(?P<loc>[^()]{2,60})\)?$")


def _paren_tail(line: str) -> tuple[str, str] | None:
    """(head, loc) of "head (loc)" with the blanks between dropped: the last '(' opens loc (loc holds
    none), and head is the shortest one-line start before the blanks (as "^(.+?)\\s*\\(" did)."""
    opened = line.rfind("(")
    loc = _PAREN_LOC.match(line, opened + 1) if opened > 0 else None
    cut = max(1, len(line[:opened].rstrip()))
    if loc is None or cut > opened or "\n" in line[:cut]:
        return None
    return line[:cut], loc.group("loc")


def _title_score(unit: str) -> int:
    score = 0
    if _CJK_TITLE.fullmatch(unit.strip()):
        return 5
    core = _without_final_paren(unit)
    core = re.sub(r"(?<!\s)(?:\s+(?:I{1,3}|IV|V|VI|Sr\.?|Jr\.?|\d))+$", "", core)
    last = core.split()[-1:] or [""]
    if (
        _JOB_NOUN.fullmatch(last[0])
        or _EXTRA_TITLE.fullmatch(last[0])
        or _TITLE_ABBREV.fullmatch(last[0])
    ):
        score += 5
    elif _JOB_NOUN.search(unit):
        score += 3
    elif _EXTRA_TITLE.search(unit):
        score += 2
    head = core.split(", ")[0].split()
    if _ORG_WORD.search(unit) and not (
        len(head) >= 2 and _JOB_NOUN.fullmatch(head[-1]) and not _ORG_WORD.search(head[-1])
    ):
        # An organisation word counts against a title unless it only qualifies the job noun
        # that ends the title's first phrase ("Software Engineer, Cloud Migration").
        score -= 3
    if unit.isupper() and len(unit) > 4:
        score -= 1
    if len(unit.split()) > 9:
        score -= 3
    return score


# A web address without its scheme ("ivank-design.com", "linkedin.com/in/...").
_DOMAIN = re.compile(r"(?<![\w-])-*\w[\w-]*\.(?:com|org|net|io|dev|me|co|edu|gov|app|ai)\b", _I)


# "Sociality.io", "Booking.com": a capitalised name that is a domain, as a company names itself
# (a contact link is written in lower case, "github.com/ada"); kept when the header has nothing
# else beside the title, and doubted as an address.
_NAMED_DOMAIN = re.compile(r"[A-Z][A-Za-z0-9-]{1,40}\.(?:com|io|ai|co|net|org|app)")


def _junk_unit(unit: str) -> bool:
    return bool(
        not unit.strip(" .,;:-")
        or _EMAIL_RE.search(unit)
        or _URL_RE.search(unit)
        or _DOMAIN.search(unit)
        or _PHONE_RE.search(unit)
        or _LABEL_LINE.match(unit)
        or _is_location(unit)
    )


@dataclass
class _Block:
    header: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    bullets: list[str] = field(default_factory=list)
    line: int | None = None
    follows_dated: bool = False
    loose: int | None = None  # index in bullets of the first header-like line with no date
    dated_text: str = ""  # what the dated line says besides its dates
    duration: bool = False  # "(2 years 3 months)" after the dates: a position (LinkedIn)
    before: int = 0  # how many header lines came before the dated line
    place: str | None = None  # a place aligned right of an undated header line ("Acme<tab>Oslo")


_LEADING_RANGE = re.compile(
    rf"^\s*(?:{_MONTH}\s+)?(?:19|20)\d{{2}}\s*[-\u2013\u2014]+\s*(?:(?:{_MONTH}\s+)?(?:19|20)\d{{2}}|present|current|now|today)\b\s*\S",
    _I,
)


def _header_with_dates(line: str) -> bool:
    """A line with a date range whose other words read as a header, not prose."""
    rest, start, _ = _dates_of(_clean(line))
    return bool(start) and not _is_sentence(rest)


def _column(lines: Sequence[str]) -> tuple[int, bool]:
    """The widest line, and whether the text looks wrapped at a column width (PDF): several lines
    come within a few characters of the widest."""
    widths = [len(" ".join(r.split())) for r in lines if r.strip()]
    widest = max(widths, default=0)
    return widest, 60 <= widest <= 160 and sum(w >= 0.9 * widest for w in widths) >= 3


_DOTTED_FIELDS = re.compile(
    r"^(?P<d>[^.\n]{4,40}?)\.\s+(?P<t>[^.\n]{2,90}?)\.\s+(?P<r>[^\n]{3,300}?)\.?\s*$"
)


def _dotted_fields(line: str) -> str:
    """ "2015 - 2018. Senior Fellow, Unit. School, University, Country.": the years, the title and
    the employer written as sentences, read as "years  title | employer" (a unit after the title,
    behind a comma, is left with the employer's units out of the title)."""
    m = _DOTTED_FIELDS.match(line.strip())
    if m is None:
        return line
    rest, start, end = _dates_of(m.group("d"))
    title = m.group("t").strip()
    first = title.split(", ")[0]
    if (
        not start
        or rest
        or not (_title_score(first) > 0 or _JOB_NOUN.search(first))
        or _is_sentence(title)
    ):
        return line
    when = m.group("d") if end != start or "-" in m.group("d") else f"{start} - {start}"
    return f"{when} {first} | {_organisation(m.group('r'))}"


# A date range run into the next word ("May 2019 - August 2019Assistant Operator"): the line
# break a Markdown converter or a text box dropped.
_GLUED_DATE = re.compile(
    rf"(?P<d>[-\u2013\u2014]\s?(?i:(?:{_MONTH}\s)?(?:19|20)\d{{2}}|present|current))(?=[A-Z][a-z])"
)
# A wrapped line goes on with a word that cannot start a header ("University" / "of Arizona").
_RUNS_ON = re.compile(r"^(?:of|and|for|in|at|the|de|&)\s")


def _heads_dated_line(line: str, after: Sequence[str]) -> bool:
    """A short line without a full stop right above a dated header line: the employer line of the
    next entry ("Globex" / "Analyst  2016 - 2019"), not the end of the bullet before it."""
    nxt = next((x.strip() for x in after if x.strip()), "")
    return (
        len(line.split()) <= 6
        and not line.rstrip().endswith(".")
        and not _is_bullet(nxt)
        and bool(_dates_of(_clean(nxt))[1])
    )


_MD_HEADING_MARK = re.compile(r"^#{1,6}\s+(?=\S)")


def _prepared_lines(lines: Sequence[str], fonts: Mapping[str, Hashable] | None = None) -> list[str]:
    """Section lines with page furniture dropped, lone bullet glyphs and wrapped lines joined (a
    line set in another font than the one before it does not continue it)."""
    out: list[str] = []
    glyph = False
    fonts = fonts or {}
    # Text wrapped at a column width (PDF): several lines come within a few characters of the widest.
    widest, wrapped_column = _column(lines)
    last_width = 0
    for at, raw in enumerate(lines):
        s = _GLUED_DATE.sub(r"\g<d> ", _dotted_fields(raw.strip()))
        # "### Tech Lead | Acme": inside a section a Markdown sub-heading heads an entry.
        s = _MD_HEADING_MARK.sub("", s)
        if _CJK_FIELDS.search(s) and not _is_bullet(s) and _dates_of(s)[1]:
            # "Employer\uff0cTitle\uff0c2025.08~2025.12": full-width commas part a Chinese header's fields
            s = _CJK_FIELDS.sub(" | ", s)
        if not s or _PAGE_LINE.match(s) or _TENURE_LINE.fullmatch(s):
            continue
        font, last_font = fonts.get(_font_key(s)), fonts.get(_font_key(out[-1])) if out else None
        same_font = font is None or last_font is None or font == last_font
        if re.fullmatch(r"[\u2022\u25cf\u25aa\u25e6\u27a2\u2023\u00b7*\-\u2013]", s):
            glyph = True
            continue
        if glyph:
            s = f"- {s}"
            glyph = False
        width, last_width = last_width, len(" ".join(s.split()))
        if (
            out
            and wrapped_column
            and same_font
            and _is_bullet(out[-1])
            and not _is_bullet(s)
            and width >= 0.85 * widest
            and not re.search(r"[.!?;:]$", out[-1])
            and not _dates_of(_clean(s))[1]
            and "\t" not in s  # a line with a right-aligned part is a header, not wrapped text
            and not _heads_dated_line(s, lines[at + 1 :])
        ):
            # A bullet that fills the column and stops mid-sentence wraps onto the next line,
            # even when that line starts with a capital ("... the Azure and IBM" / "OpenShift ...").
            out[-1] = f"{out[-1]} {s}"
            continue
        if out and same_font and re.search(r"[a-z]-$", out[-1]) and s[:1].islower():
            out[-1] = f"{out[-1][:-1]}{s}"  # "Forest Man-" / "agement": a word broken at a hyphen
            continue
        if out and (
            (
                (
                    (
                        s[:1].islower()
                        and not _is_bullet(s)
                        and not _header_with_dates(s)
                        # a contact line ("linkedin.com/in/...") is not a sentence going on
                        and not _DOMAIN.match(s)
                        and not _EMAIL_RE.match(s)
                    )
                    or re.search(r"(?:,|\s[\u2013\u2014&/-])$", out[-1])
                )
                and not _dates_of(out[-1])[1]
            )
            or (same_font and _RUNS_ON.match(s))
        ):
            out[-1] = f"{out[-1]} {s}"
            continue
        out.append(s)
    return out


def _role_blocks(lines: Sequence[str], fonts: Mapping[str, Hashable] | None = None) -> list[_Block]:
    """Group an experience section into roles, anchored on the lines that carry dates.

    A run is a stretch of header-like lines between descriptions. When a run starts with a dated
    line, each dated line opens a role and the lines after it belong to it ("2019 - Lecturer" /
    "EMPLOYER" / "City"); otherwise the lines before each dated line belong to it ("Employer" /
    "Title" / "Dates"). A dated line with no header of its own keeps the previous employer.
    """
    prepared = _prepared_lines(lines, fonts)
    widest, wrapped_column = _column(prepared)
    kinds: list[str] = []
    for at, s in enumerate(prepared):
        if _is_bullet(s):
            rest, start, _ = _dates_of(_clean(s))
            if (
                kinds
                and kinds[-1] == "H"
                and start
                and rest
                and not _is_sentence(rest)
                and (
                    _title_score(_clean(prepared[at - 1])) > 0
                    or (
                        _title_score(rest) > 0
                        and _ORG_WORD.search(prepared[at - 1])
                        and not prepared[at - 1].rstrip().endswith(":")
                    )
                )
            ):
                # "**Title**" / "  * Employer, City, 01/2020 - 12/2022", or "Employer, Unit" /
                # "  * Title (2019 - 2022)": a dated item right under a header line is part of
                # that header.
                kinds.append("D")
            else:
                kinds.append("B")
            continue
        text = _clean(s)
        rest, start, _ = _dates_of(text)
        if start and not _is_sentence(rest):
            kinds.append("D")
        elif _is_sentence(text):
            kinds.append("B")
        else:
            kinds.append("H")
    if "D" not in kinds:
        return []
    blocks: list[_Block] = []
    i = 0
    n = len(prepared)
    pending_desc: list[str] = []
    while i < n:
        if kinds[i] == "B":
            text = _clean(prepared[i])
            if blocks:
                blocks[-1].bullets.append(text)
            else:
                pending_desc.append(text)
            i += 1
            continue
        j = i
        while j < n and kinds[j] != "B":
            j += 1
        run = list(range(i, j))
        dated = [k for k in run if kinds[k] == "D"]
        if not dated:
            # Header-like lines with no date: descriptions of the role above (unmarked bullets).
            if blocks:
                if blocks[-1].loose is None:
                    blocks[-1].loose = len(blocks[-1].bullets)
                blocks[-1].bullets += [_clean(prepared[k]) for k in run]
            i = j
            continue
        post = kinds[run[0]] == "D"
        for idx, d in enumerate(dated):
            if post:
                stop = dated[idx + 1] if idx + 1 < len(dated) else j
                extra = [k for k in range(d + 1, stop)]
                pre: list[int] = []
            else:
                begin = dated[idx - 1] + 1 if idx else i
                if idx and d - begin >= 3 and _place_line(_clean(prepared[begin])):
                    # "Dates (2 years)" / "City, Region" / "Next Employer" / "Title" / "Dates":
                    # the place under the dates belongs to the role above.
                    blocks[-1].header.append(_clean(prepared[begin]))
                    begin += 1
                pre = list(range(max(begin, d - 3), d))
                extra = list(range(d + 1, j)) if idx + 1 == len(dated) else []
            rest, start, end = _dates_of(_clean(prepared[d]))
            header, place = [], None
            for k in pre:
                text, right = _right_place(prepared[k])
                header.append(text)
                place = place or right
            if rest:
                header.append(rest)
            trailing = []
            for k in extra:
                text, right = (
                    _right_place(prepared[k])
                    if "\t" in prepared[k]
                    else (_clean(prepared[k]), None)
                )
                trailing.append(text)
                place = place or right
            block = _Block(
                header=header,
                start=start,
                end=end,
                line=d,
                follows_dated=bool(idx and not pre),
                dated_text=rest,
                duration=bool(_DURATION.search(prepared[d])),
                before=len(pre),
                place=place,
            )
            # Lines after the dates: location and header lines; a long tail is description.
            # After a complete "Employer / Title / Dates" header they open the next role.
            complete = not post and all(_title_employer(block.header)[:2])
            if (
                post
                and trailing
                and block.header
                and _LEADING_RANGE.match(prepared[d])
                and (
                    re.search(r"(?:\s(?:of|and|for|the|in|at|to|on|with|&)|,)$", prepared[d])
                    or (wrapped_column and len(" ".join(prepared[d].split())) >= 0.85 * widest)
                )
            ):
                # "2017 - 2020  Title, Department of" / "X, University of Y": a line that opens
                # with its dates runs on like prose, so it wraps like prose.
                glue = ", " if prepared[d].rstrip().endswith(",") else " "
                block.header[-1] = f"{block.header[-1]}{glue}{trailing.pop(0)}"
            if post and trailing and _complete_line(block.header):
                # "03/2018 - 07/2018  Intern, Acme Ltd, City." names title and employer on the
                # dated line: the lines under it describe the work.
                block.loose = 0
                block.bullets += trailing
                trailing = []
            for t in trailing:
                if complete and _ORG_WORD.search(t) and _title_score(t) <= 0:
                    if block.loose is None:
                        block.loose = len(block.bullets)
                    block.bullets.append(t)
                elif len(block.header) < 4 and not _is_sentence(t):
                    block.header.append(t)
                else:
                    block.bullets.append(t)
            if not block.header and blocks and blocks[-1].loose is not None and not idx:
                # "Employer, City" / "Title responsible for ..." / "From: 2007-2010": the header
                # lines sit above the description, before the dates.
                prev = blocks[-1]
                assert prev.loose is not None
                taken = prev.bullets[prev.loose :]
                del prev.bullets[prev.loose :]
                prev.loose = None
                block.header = taken[:1]
                block.bullets = taken[1:] + block.bullets
            blocks.append(block)
        i = j
    return blocks


def _complete_line(header: Sequence[str]) -> bool:
    """One header line of three or more comma fragments that gives a title and an employer."""
    if len(header) != 1 or header[0].count(", ") < 2:
        return False
    title, employer, _ = _title_employer(header)
    return bool(title and employer and _title_score(title) > 0)


_RIGHT_PART = re.compile(r"\t\s*(?P<right>[^\t]{2,40})$")


def _right_place(line: str) -> tuple[str, str | None]:
    """An undated header line and the place aligned right of it after a tab ("Acme Ltd<tab>Oslo").

    In the common two-column header ("Employer<tab>City" over "Title<tab>Dates") the right
    column holds the place; a short fragment of capitalised words that is neither a job title
    nor an organisation is taken for it. Otherwise the line is returned as it is, with no place.
    """
    m = _RIGHT_PART.search(line.strip())
    if m is None:
        return _clean(line), None
    right, left = _clean(m.group("right")), _clean(line.strip()[: m.start()])
    words = right.replace(",", " ").split()
    if left and _is_location(right) and "," in right:
        return left, right  # "Equity Research Intern<tab>Shanghai, CN"
    if (
        left
        and 1 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not re.search(r"\d|@|/", right)
        and not _ORG_WORD.search(right)
        and not _JOB_NOUN.search(right)
        and _title_score(right) <= 0
        and not _title_score(left) > 0
    ):
        return left, right
    # Two columns that are not a place: "Employer<tab>Title" keeps its two fragments apart.
    return _clean(re.sub(r"\t+", " | ", line.strip())), None


# The kind of engagement, written before a title ("Vollzeit: Monteur") or after it in brackets
# ("Product Designer (Contract)"): not part of the title.
_ENGAGEMENT = (
    r"(?:full|part)[\s-]?time|freelance|contract(?:or)?|temporary|seasonal|permanent|"
    r"vollzeit|teilzeit|werkvertrag|temps\s+(?:plein|partiel)|cdi|cdd"
)
_ENGAGEMENT_LEAD = re.compile(rf"^(?:{_ENGAGEMENT})\s*:\s*(?=\S)", _I)
# (?<!\s): a run of spaces is tried from its first space only (linear; the same matches)
_ENGAGEMENT_TAIL = re.compile(rf"(?<!\s)\s*\((?:{_ENGAGEMENT})\)$", _I)
_LINK_PAREN = re.compile(r"(?<!\s)\s*\(?(?:https?://|www\.)[^\s)]{0,300}\)?")


_COUNTRY_TAIL = re.compile(rf",\s*(?P<c>{_COUNTRY})$")
# A title ended by a full stop, its last word not an abbreviation ("Dr.", "St.", "U.S.").
_TITLE_DOT = re.compile(r"^(?P<t>[^.|\t]{3,80}?(?:[a-z]{3}|\b[IVX]{1,4}|\)))\.\s+(?=[A-Z])")


_EMPLOYMENT_KIND = re.compile(
    r"(?:(?:full|part)[\s-]?time|co-?op|contract(?:or)?|temporary|seasonal|casual|permanent)"
    r"(?:[\s,/-]{1,3}(?:(?:full|part)[\s-]?time|co-?op|contract|temporary|seasonal|internships?|"
    r"positions?|roles?|jobs?|work|employment|placements?)){0,3}",
    _I,
)


def _kind_of_work(header: Sequence[str]) -> str | None:
    """The header part that only says the kind of work ("Part-time", "Full-time co-op positions")."""
    for line in header:
        for part in _STRONG_SEP.split(line):
            for piece in part.split(", "):
                if _EMPLOYMENT_KIND.fullmatch(piece.strip(" .,")):
                    return piece.strip(" .,")
    return None


_AT_PLACE = re.compile(r"(?:(?<=[\w.])|\s)@(?P<loc>[A-Z][^@|\t\d]{1,60})$")


def _units(header: Sequence[str]) -> tuple[list[tuple[int, str]], str | None, set[int]]:
    """Header fragments (line index, text), the location, and the lines a location was cut from."""
    units: list[tuple[int, str]] = []
    location: str | None = None
    located: set[int] = set()
    spare: list[tuple[int, str]] = []  # a company named as a domain, dropped as a contact link
    several = len([h for h in header if not _is_location(h)]) > 1
    for li, line in enumerate(header):
        line = _tidy(_LINK_PAREN.sub("", line).replace("\u201c", "").replace("\u201d", ""))
        line = _ENGAGEMENT_LEAD.sub("", line)
        if not line or _LABEL_LINE.match(line):
            continue
        paren = _paren_tail(line)
        if paren and _is_location(paren[1]):
            location = location or paren[1].strip()
            line = paren[0]
        elif paren and paren[1][:1].islower() and len(paren[1].split()) >= 2:
            line = paren[0]  # "Analyst, Team, Org (generally working in R)": an aside
        at_place = _AT_PLACE.search(line)
        if at_place and at_place.start() > 0:
            # "Acme @Istanbul, Turkey" / "Acme@Berlin": an '@' glued to a capitalised place.
            location = location or at_place.group("loc").strip()
            line = line[: at_place.start()].strip()
            located.add(li)
        dotted = _TITLE_DOT.match(line)
        if dotted and _title_score(dotted.group("t")) > 0:
            # "Research Associate. Laboratory of X, University of Y" (moderncv): a full stop
            # after the title separates it from the employer.
            line = f"{dotted.group('t')} | {line[dotted.end() :]}"
        if _is_location(line):
            location = location or line
            continue
        parts = [p.strip(" ,;|") for p in _STRONG_SEP.split(line) if p and p.strip(" ,;|")]
        for k in range(len(parts) - 1, 0, -1):
            joined = f"{parts[k - 1]} at {parts[k]}"
            if joined in line and _org_part(parts[k - 1]) and _title_score(parts[k - 1]) <= 0:
                parts[k - 1 : k + 1] = [joined]  # "University of Colorado at Boulder"
        if not several and len(parts) == 1:
            # One line, one fragment: "Title, Employer" / "Employer, City, ST".
            tail = _CITY_TAIL.search(parts[0])
            if tail:
                location = location or tail.group("loc")
                parts = [parts[0][: tail.start()]]
                located.add(li)
            comma = [p.strip() for p in parts[0].split(", ") if p.strip()]
            if len(comma) >= 2:
                parts = comma
        for k, p in enumerate(parts):
            tail = _CITY_TAIL.search(p)
            if tail and tail.start() > 0:
                location = location or tail.group("loc")
                p = p[: tail.start()].strip(" ,")
                located.add(li)
            country = _COUNTRY_TAIL.search(p)
            if (
                country
                and not several
                and k
                and _title_score(parts[0]) > 0
                and not any(u for j, u in units if j == li and _org_part(u))
            ):
                # "Title - Employer, Country" on an entry's one line: what stands where the
                # employer stands is the employer, with its country beside it.
                location = location or country.group("c")
                p = p[: country.start()]
                located.add(li)
            elif _is_location(p):
                location = location or p
                located.add(li)
                continue
            if _EMPLOYMENT_KIND.fullmatch(p.strip(" .")):
                continue  # "Full-time co-op positions": the kind of work, neither title nor employer
            if _junk_unit(p):
                if _NAMED_DOMAIN.fullmatch(p.strip()):
                    spare.append((li, p.strip()))
                continue
            units.append((li, p.strip(" ,;")))
    if len(units) == 1 and spare:
        units = sorted([*units, spare[0]])
    return units, location, located


# A unit inside an organisation, named after the organisation ("Chair of X", "Dept. of Y").
_SUBUNIT = re.compile(
    r"^(?:Chair|Dept\.?|Department|Division|Faculty|Section|Unit|Program(?:me)?|Lab(?:oratory)?|"
    r"School|Institute|Cent(?:er|re)|Group|Office)\s+(?:of|for)\s",
    _I,
)


# A fragment naming a part of an organisation: "Department of X", "Better Government Lab",
# "College of Arts and Humanities", "Liaoning Branch"; the shared unit table and "X of/for Y" shapes.
_UNIT_OF = re.compile(
    r"\b(?:School|College|Faculty|Department|Dept\.?|Division|Cent(?:er|re)|Institute|Office|"
    r"Lab(?:oratory)?|Program(?:me)?)\s+(?:of|for)\s|"
    r"^(?:Institut|Lehrstuhl|Abteilung|Fakult\u00e4t|Fachbereich|Laboratoire|D\u00e9partement)\s+"
    r"(?:f\u00fcr|de|des|du|d')\b|"
    r"\b(?:Branch|Campus|Division|Cent(?:er|re)|Lab(?:oratory)?|Office)$",
    _I,
)
_SUFFIX_ONLY = re.compile(
    r"(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Co|GmbH|PLC|LLP|AG|S\.?A|SAS|BV|Pty)\.?", _I
)
_ABBREVIATED_ORG = re.compile(r"[A-Z][A-Z&]{1,7}")
# A trailing place after an employer: one to three capitalised words, no capitals-only word.
_PLACE_WORD = r"[A-Z][a-z\u00c0-\u017f'.]+(?:-[A-Z]?[a-z\u00c0-\u017f'.]+){0,3}"
_PLAIN_PLACE = re.compile(rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}}")


def _comma_parts(text: str) -> list[str]:
    """``text`` split at ", " outside brackets, a bare company suffix kept with the name before it."""
    parts: list[str] = []
    depth, last = 0, 0
    for i, ch in enumerate(text):
        depth += (ch in "([") - (ch in ")]")
        if ch == "," and depth <= 0 and text[i + 1 : i + 2] == " ":
            parts.append(text[last:i].strip())
            last = i + 1
    parts.append(text[last:].strip())
    out: list[str] = []
    for part in parts:
        if out and _SUFFIX_ONLY.fullmatch(part):
            out[-1] = f"{out[-1]}, {part}"
        elif part:
            out.append(part)
    return out


def _unit_part(part: str) -> bool:
    return bool(_UNIT_WORD.search(part) or _UNIT_OF.search(part))


def _org_part(part: str) -> bool:
    return bool(
        _ORG_WORD.search(part) or _COMPANY_SUFFIX.search(part) or _ABBREVIATED_ORG.fullmatch(part)
    )


def _trailing_place(part: str) -> bool:
    part = part.removesuffix(".")
    return bool(
        re.fullmatch(_COUNTRY, part)
        or _is_location(part)
        or (
            _PLAIN_PLACE.fullmatch(part)
            and not _org_part(part)
            and not _unit_part(part)
            and _title_score(part) <= 0
        )
    )


def _organisation(employer: str | None) -> str | None:
    """The employer as a reader names it: from the organisation on, without a place after it.

    "Better Government Lab, Georgetown University, McCourt School of Public Policy" starts at the
    university (the lab before it is a unit); "College of Arts and Humanities, UCF" is UCF;
    "TANUKI, Toronto" and "Business & Decision, Belgium" lose the place. Units written after the
    organisation stay as written ("Middlebury College, Department of Mathematics").
    """
    if not employer:
        return employer
    parts = _comma_parts(employer)
    street = next(
        (k for k, part in enumerate(parts) if k and (part.isdigit() or _STREET.match(part))), None
    )
    if street:
        del parts[street:]  # "This Church, 45, Opebi Road, Lagos": an address after the name
    while len(parts) >= 2:
        if len(parts) >= 3 and _is_location(", ".join(parts[-2:])):
            del parts[-2:]  # "Employer, City, ST"
        elif _trailing_place(parts[-1]):
            parts.pop()
        else:
            break
    orgs = [k for k, part in enumerate(parts) if _org_part(part)]
    # The last organisation that is not a unit: "Games and Interactive Media, UCF" is UCF.
    first_org = next((k for k in orgs[::-1] if not _unit_part(parts[k])), orgs[0] if orgs else None)
    if first_org:
        parts = parts[first_org:]
    return ", ".join(parts) or employer


def _fragments(
    units: Sequence[tuple[int, str]],
    located: set[int],
    slot_of: Callable[[int, int], Slot] | None = None,
) -> list[Fragment]:
    """The layout model's view of an entry's header units: each unit's slot (by default its line
    and order on the line) and its evidence as a title and as an organisation (an organisation
    word or company suffix, a place written beside it)."""
    frags: list[Fragment] = []
    for li, text in units:
        order = sum(1 for k, _ in units[: len(frags)] if k == li)
        title = _title_score(text)
        org = (
            3.0 * _org_part(text)
            - 1.5 * _unit_part(text)  # a unit of the organisation, not the employer itself
            + (1.0 if li in located else 0.0)
            - max(0, title)
        )
        slot = slot_of(li, order) if slot_of else Slot(li, order)
        frags.append(Fragment(text=text, slot=slot, line=li, title=title, org=org))
    return frags


def _title_employer(
    header: Sequence[str], reading: Reading | None = None
) -> tuple[str | None, str | None, str | None]:
    """The title, employer and location of an entry's header lines, as ``reading`` (the layout
    model's choice for the whole resume) places them, or as the entry read alone."""
    units, location, located = _units(header)
    if not units:
        return None, None, location
    for li, raw_line in enumerate(header):
        at = re.search(r"\s@\s", raw_line)
        if not at:
            continue
        before = _tidy(raw_line[: at.start()])
        after = [u for k, u in units if k == li and raw_line.find(u) > at.start()]
        if before and after and _title_score(before) > 0:
            # "Title @ Employer": the sign says which is which.
            return before, after[0], location
    if reading is None or (reading.title is None and reading.employer is None):
        reading = read_entries([_fragments(units, located)])[0]
    if reading.title is None:
        return None, units[reading.employer or 0][1], location
    pick = reading.title
    scores = [_title_score(u) for _, u in units]
    best = scores[pick]
    title = units[pick][1]
    # A title with " | " inside: neighbouring fragments of the same line that are titles too.
    same_line = [
        k
        for k in range(len(units))
        if k != pick
        and units[k][0] == units[pick][0]
        and abs(k - pick) == 1
        and scores[k] >= 2
        and " | ".join(units[x][1] for x in sorted((k, pick))) in header[units[pick][0]]
    ]
    if same_line and best >= 3:
        joined = sorted([pick, *same_line])
        title = " | ".join(units[k][1] for k in joined)
        used = set(joined)
    else:
        used = {pick}
    others = [k for k in range(len(units)) if k not in used]
    employer = None
    if others:
        org = [k for k in others if _ORG_WORD.search(units[k][1])]
        title_li = units[pick][0]
        employer_k = (
            reading.employer
            if reading.employer in others
            # The employer line sits next to the title line; lines further off are leftovers.
            else min(org or others, key=lambda k: (abs(units[k][0] - title_li), k))
        )
        employer = units[employer_k][1]
        employer_li = units[employer_k][0]
        on_line = [k for k in range(len(units)) if units[k][0] == employer_li]
        if (
            employer_li != title_li
            and len(on_line) >= 2
            and all(_title_score(units[k][1]) <= 0 for k in on_line)
            and not any(_ORG_WORD.search(units[k][1]) for k in on_line)
            and not (_place_line(units[on_line[-1]][1]) and "," in units[on_line[-1]][1])
            and employer_li not in located
            # "Acme AI \u2013 open-source guitar pedal startup": what the employer is, not its name
            and not _WHAT_IT_IS.search(units[on_line[-1]][1])
        ):
            # "Org - Programme Name (ABC) Country" on its own line, the title on another: the
            # whole line names the employer.
            raw = header[employer_li]
            a, b = raw.find(units[on_line[0]][1]), raw.find(units[on_line[-1]][1])
            if 0 <= a <= b:
                employer = _tidy(raw[a : b + len(units[on_line[-1]][1])])
                others = [k for k in others if k not in on_line[1:]]
        tail = [
            k
            for k in others
            if units[k][0] == title_li and k > pick and units[k][0] != units[employer_k][0]
        ]
        if (
            org
            and units[employer_k][0] != title_li
            and tail == [pick + 1]
            and not _ORG_WORD.search(units[pick + 1][1])
            and _title_score(units[pick + 1][1]) <= 0
        ):
            # "Employer" / "Teacher - Immersion Spanish  2023": with the employer on its own line,
            # what follows the title on its line qualifies the title.
            raw = header[title_li]
            a, b = raw.find(title), raw.find(units[pick + 1][1])
            if 0 <= a < b:
                title = raw[a : b + len(units[pick + 1][1])].strip()
                others = [k for k in others if k != pick + 1]
        line_of = units[others[0]][0]
        if (
            len(others) >= 2
            and max(used) < others[0]
            and all(units[k][0] == line_of for k in others)
            and (
                line_of == title_li
                or (
                    all(
                        k == others[0]
                        or _ORG_WORD.search(units[k][1])
                        or _SUBUNIT.search(units[k][1])
                        for k in others
                    )
                    and (
                        _ORG_WORD.search(units[others[0]][1])
                        or _SUBUNIT.search(units[others[1]][1])
                    )
                )
            )
            and others == list(range(others[0], others[0] + len(others)))
        ):
            # "Title, School of X, University of Y" / "Professor, English, UCF": the units after
            # the title are one employer, named from the unit to the organisation (which
            # ``_organisation`` keeps).
            employer = ", ".join(units[k][1] for k in others)
    return title, employer, location


# The end of a phrase saying what kind of organisation the employer is.
_WHAT_IT_IS = re.compile(
    r"\b(?:start-?up|company|firm|agency|consultancy|non-?profit|platform|app|studio|marketplace)s?$",
    _I,
)


_TITLE_IN_SENTENCE = re.compile(
    r"^(?P<t>[A-Z][\w-]*(?:\s[\w-]+){0,3}?)\s+(?:responsible\s+for|in\s+charge\s+of|overseeing)\b"
)


# "Working as Customer Service Assistant at Acme Ltd ...": the title, stated in a sentence that
# names the employer of the header above it.
_AS_TITLE_AT = re.compile(
    r"^(?:I\s+(?:am\s+|was\s+)?)?(?:work(?:ed|ing)?|employed|serv(?:ed|ing)|hired|joined)\s+as\s+"
    r"(?:an?\s+|the\s+)?(?P<t>[A-Z][\w&/-]*(?:\s[A-Za-z&/-][\w&/-]*){0,5}?)\s+(?:at|for|with)\s+(?P<e>\S.{0,80})",
    _I,
)


_MEMBERSHIP = re.compile(
    r"(?:(?:affiliate|associate|full|life|student|board)\s+)?(?:member|membership)|affiliate|alumn(?:us|a|i)",
    _I,
)
# An activity listed among jobs: a job simulation or virtual experience programme (Forage,
# anywhere in the header), or a workshop, bootcamp or hackathon taken part in (ending the title).
_SIMULATION = re.compile(
    r"\b(?:job\s+simulation|virtual\s+(?:experience|internship)\s+program(?:me)?)s?\b", _I
)
_VOLUNTEER_TITLE = re.compile(r"(?:[\w&/-]{1,30}\s){0,3}volunteers?", _I)
_EVENT_TITLE = re.compile(r".*\b(?:workshop|bootcamp|boot\s+camp|hackathon|webinar)s?", _I)


def _slot_of(block: _Block, fonts: Mapping[str, Hashable]) -> Callable[[int, int], Slot]:
    """Where a header line of ``block`` sits, for the layout model: the dated line, or so many
    lines above or below it; with the line's font when the reader gave one."""
    dated = block.before if block.dated_text else None

    def slot(li: int, order: int) -> Slot:
        if li == dated:
            place: Hashable = "dated"
        elif li < block.before:
            place = ("above", block.before - li)
        else:
            place = ("below", li - block.before + (dated is None))
        return Slot(place, order, fonts.get(_font_key(block.header[li])))

    return slot


def _font_key(line: str) -> str:
    return " ".join(_clean(line).split())[:40].casefold()


def _line_fonts(layout_lines: object) -> dict[str, Hashable]:
    """A reader's line styles (size, bold) by the start of each line's text."""
    fonts: dict[str, Hashable] = {}
    for ln in layout_lines if isinstance(layout_lines, list) else []:
        if isinstance(ln, dict) and isinstance(ln.get("text"), str):
            fonts.setdefault(_font_key(ln["text"]), (ln.get("size"), bool(ln.get("bold"))))
    return fonts


def _roles_from_blocks(
    blocks: Sequence[_Block], fonts: Mapping[str, Hashable] | None = None
) -> tuple[list[Role], dict[int, str]]:
    """The roles of an experience section's blocks, and the roles (by index) whose title and
    employer the layout model could not tell apart with confidence, with what it hesitated on."""
    entries = []
    for b in blocks:
        units, _, located = _units(b.header)
        entries.append(_fragments(units, located, _slot_of(b, fonts or {})))
    readings = read_entries(entries)
    roles: list[Role] = []
    unsure: dict[int, str] = {}
    previous: Role | None = None
    previous_duration = False  # the previous role's dates carry a duration (LinkedIn)
    shared: str | None = None  # an employer named on a line of its own, above its titles
    for b, reading, frags in zip(blocks, readings, entries, strict=True):
        title_from_item = False
        title, employer, location = _title_employer(b.header, reading)
        location = location or b.place
        labelled = next(
            (m for m in map(_TITLE_LABEL.match, [*b.header, *b.bullets[:1]]) if m), None
        )
        if labelled is not None:
            # "Employer - dates" / "Cargo: Title": the label says which line is the title.
            others = [h for h in b.header if not _TITLE_LABEL.match(h)]
            named = [u for _, u in _units(others)[0] if not u.endswith(":")] if others else []
            title = _tidy(labelled.group("t")).rstrip(".")
            employer = named[0] if named else None
            title_from_item = True
            b.bullets = [x for x in b.bullets if not _TITLE_LABEL.match(x)]
        if (
            employer is None
            and title
            and b.bullets
            and len(b.bullets[0].split()) <= 8
            and _ORG_WORD.search(b.bullets[0])
            and not _is_sentence(b.bullets[0])
            and not _LABEL_LINE.match(b.bullets[0])
            and ":" not in b.bullets[0]
        ):
            # "Fall 2016: Tutor" / "  * Springfield University" / "  * Duties: ...": the first
            # item under a title-only header names the employer.
            employer = b.bullets[0]
            b.bullets = b.bullets[1:]
        if employer is None and title and shared and len(_units(b.header)[0]) == 1:
            employer = shared  # "Employer" / "Title  2023 - Present" ... / "Title  2019 - 2022"
        elif employer and title:
            # Shared only in the "Employer" / "Title  dates" shape: the title is on the dated line.
            own = [h for h in b.header if employer in h]
            separate = own and all(title not in h for h in own)
            shared = employer if separate and title in b.dated_text else None
        else:
            shared = None
        if title is None and employer is not None and b.bullets:
            m = _TITLE_IN_SENTENCE.match(b.bullets[0])
            if m and (_JOB_NOUN.search(m.group("t")) or _EXTRA_TITLE.search(m.group("t"))):
                title = m.group("t")
            said = _AS_TITLE_AT.match(b.bullets[0])
            if (
                title is None
                and said
                and said.group("e").casefold().startswith(employer.casefold().rstrip("."))
            ):
                title, title_from_item = _tidy(said.group("t")), True
        first = b.bullets[0] if b.bullets else ""
        if first and not first.endswith("."):
            # "Adjunct Instructor \u2013 Course A & Course B (Hybrid)": the role before the dash.
            first = _tidy(_STRONG_SEP.split(first)[0])
        if (
            (title is None or _title_score(title) <= 0)
            and first
            and len(first.split()) <= 6
            and (_title_score(first) >= 3 or _JOB_NOUN.match(first))
            and not _is_sentence(first)
            and ":" not in first
        ):
            # "2016  Employer, Unit, City" / "- Internship in Consulting": the title is the one
            # short item under an employer-only header.
            units = _units(b.header)[0]
            if units:
                title, employer = first, units[0][1]
                b.bullets = b.bullets[1:]
                title_from_item = True
        if (
            employer is None
            and previous is not None
            and title
            and (b.follows_dated or (b.duration and previous_duration))
        ):
            # Several titles under one employer; LinkedIn names it once, above the first
            # title, and gives every position its duration ("Title" / "dates (1 year)").
            employer = previous.employer
        if (
            title is None
            and employer is not None
            and _title_score(employer) > 0
            and not b.header[1:]
        ):
            title, employer = employer, None
        units_here = [u for li, u in _units(b.header)[0] if li < b.before]
        if (
            b.duration
            and not b.dated_text
            and len(units_here) >= 2
            and (title is None or _title_score(title) <= 0)
        ):
            # LinkedIn: "Employer" / "Title" / "dates (duration)" / "place"; only positions
            # carry a duration, so the order decides when the words do not.
            employer, title = units_here[-2], units_here[-1]
            title_from_item = True
        if (
            _MEMBERSHIP.fullmatch(title or "")
            or _EVENT_TITLE.fullmatch(title or "")
            # "Research Volunteer", "Volunteer": unpaid work listed among the jobs
            or _VOLUNTEER_TITLE.fullmatch(title or "")
            or any(_SIMULATION.search(h) for h in b.header)
        ) or (
            re.fullmatch(r"(?:senior\s+)?fellow", title or "", _I)
            and re.search(r"\b(?:Association|Society|Academy|Alumni|Network)\b", employer or "", _I)
        ):
            continue  # a membership, an activity or an honorary fellowship, not a job
        kind = _kind_of_work(b.header)
        if kind and len(units_here) == 1 and (employer is None or title is None):
            # "Employer" / "Full-time co-op positions, 2013 - 2016": the kind of work says it is a
            # job, and the other line is where it was; no job title is written.
            title, employer = None, title or employer
            unsure[len(roles)] = (
                f"no job title found for the role at '{employer}' (the resume gives only "
                f"'{kind}'); this role will not be named in your letters"
            )
            roles.append(
                Role(
                    title=None,
                    employer=_organisation(employer),
                    start=b.start,
                    end=b.end,
                    location=location,
                    bullets=list(b.bullets),
                )
            )
            previous, previous_duration = roles[-1], b.duration
            continue
        if (
            not title
            or (_title_score(title) <= 0 and not title_from_item)
            or re.match(r"^\d", title)
        ):
            continue  # a project, an award or a course, not a job
        role = Role(
            title=_ENGAGEMENT_TAIL.sub("", title),
            employer=_organisation(employer),
            start=b.start,
            end=b.end,
            location=location,
            bullets=list(b.bullets),
        )
        if (
            reading.doubtful
            and reading.title is not None
            and employer is not None
            and title == frags[reading.title].text
        ):
            unsure[len(roles)] = (
                f"not sure whether '{role.title}' is the job title and '{role.employer}' the "
                "employer, "
                "or the other way round; this role will not be named in your letters"
            )
        roles.append(role)
        previous, previous_duration = role, b.duration
    return roles, unsure


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


def _degree_from_school(line: str) -> str:
    """ "Bachelor of Arts in English from Boston University" written as "Boston University | Bachelor
    of Arts in English": a degree named first, then the school it is from."""
    at = line.lower().find(" from ")
    if at <= 0:
        return line
    left, right = line[:at].strip(), line[at + 6 :].strip()
    if (_DEGREE_RE.search(left) or _DEGREE_WORDS.search(left)) and _INSTITUTION_ANY.search(right):
        return f"{right} | {left}"
    return line


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


_INSTITUTION_ANY = re.compile(
    rf"{_INSTITUTION_RE.pattern}|\bEducation\s+System\b|\bHigh\s+School\b|\bCampus\b|"
    # the word for a school in other languages (Malay, Indonesian, Italian, Portuguese, Dutch,
    # Scandinavian, Polish, German, French, Spanish), and a misspelt "Univercity"
    # ("Pre-university education" and "Dipl\u00f4me Universitaire de Technologie" name no school)
    r"(?<!-)(?<!Dipl\u00f4me\s)(?<!Diplome\s)\b(?:Univer[cs]it\w*|Uniwersytet\w*|Institut[eo]?|Istituto|"
    r"Politecnico|Polit\u00e9cnico|Polytechnique|Escuela|Escola|\u00c9cole|Ecole|Lyc\u00e9e|Liceo|"
    r"Gymnasium|Hogeschool|Sekolah|Akademi\w*|Academia|Colegio|Col\u00e9gio|Coll\u00e8ge|"
    # a faculty named alone ("Facult\u00e9 des Sciences, Agadir"), and German compounds of "Schule"
    # (Hochschule, Fachschule, Berufsschule)
    r"Facult\u00e9|Facultad|Faculdade|Fakult\u00e4t|\w*schule)\b|"
    # "Georgia Tech", "Virginia Tech": a place's institute of technology by its short name
    r"(?<=[a-z]\s)Tech\b|"
    # "\u5927\u5b66" (university), not "\u5927\u5b66\u751f" (university students, in a contest's name)
    # or "\u5927\u5b66\u7ec4" (the university division of a contest)
    r"\u5927\u5b66(?![\u751f\u7ec4])|\u5b66\u9662|\u5b66\u6821",
    _I,
)
_DEGREE_WORDS = re.compile(
    r"\b(?:degree|diploma|certificat\w+|program(?:me)?|bachelors?|masters?|associates?|doctorate|"
    r"f\.?\s?sc|matric\w*|a[- ]levels?|hsc|ssc|gcse|"
    # the degrees of other languages: Spanish, Portuguese, French, German, Italian, Polish
    r"bachiller(?:ato)?|bacharel(?:ado)?|licenciad[oa]|licenciatura|licence|licencjat|magist(?:er|ra)\w*|"
    r"laurea|dipl(?:\u00f4|o)me|diplom(?:a|ado)?|deug|dut|bts|baccalaur\u00e9at|abitur|matura|"
    r"staatsexamen|t\u00e9cnico|technicien|ensino\s+(?:m\u00e9dio|superior|fundamental)|ingeniero|ing\u00e9nieur)\b|"
    r"\u4e13\u4e1a|\u5b66\u58eb|\u7855\u58eb|\u535a\u58eb|\u672c\u79d1",
    _I,
)
_EDU_SKIP = re.compile(
    r"^(?:relevant\s+|core\s+)?(?:course\s*work|courses|gpa|cgpa|grade|honou?rs|awards?|thesis|minor|"
    r"activities|maintaining|expected|graduat\w+|modules?|subjects|projects?\s+completed|"
    r"schwerpunkte?|ranking|toefl|ielts|gre)\b|\bc?gpa\b",
    _I,
)


_UNIVERSITY = re.compile(r"\b(?:Universit\w*|College)\b", _I)


# "X University. PhD in Y (2020)": a full stop between the institution and its degree.
_INST_STOP = re.compile(r"^(?P<inst>[^.\n]{3,100})\.\s+(?=\S)")


def _edu_lines(lines: Sequence[str]) -> list[str]:
    """Education lines with a wrapped institution joined ("X University &" / "Y University"),
    and "Institution. Degree" written "Institution, Degree"."""
    out: list[str] = []
    for line in lines:
        stop = _INST_STOP.match(line)
        if (
            stop
            and _INSTITUTION_RE.search(stop.group("inst"))
            and _DEGREE_RE.match(line[stop.end() :])
        ):
            line = f"{stop.group('inst')}, {line[stop.end() :]}"
        if (
            out
            and re.search(r"(?:\s&|\sand|,)$", out[-1])
            and not _is_bullet(line)
            and not _dates_of(_clean(line))[1]
        ):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return out


_INST_COUNTRY = re.compile(rf",\s*{_COUNTRY}\s*$")
_EduItem = tuple[str, str, str | None, str | None, str | None]


def _schools_by_structure(items: list[_EduItem]) -> list[_EduItem]:
    """A school whose name carries no school word ("SMK Paya Rumput", "Sprogcenter Aalborg"): in an
    Education section, a plain line carrying the entry's date range, next to a degree line that has no
    institution line of its own, is the institution."""
    out = list(items)
    for k, (kind, text, _deg, start, end) in enumerate(items):
        # a range ("2015 - 2016"), not one date: a licence or an award carries one date
        if kind != "P" or not start or not re.search(r"[A-Z]", text) or ":" in text:
            continue
        before = items[k - 1][0] if k else ""
        after = items[k + 1][0] if k + 1 < len(items) else ""
        # the degree line's own institution would sit on its other side
        # (a degree line with dates of its own is an entry of its own, not this line's)
        lonely_after = (
            after == "G"
            and not (items[k + 1][3] or items[k + 1][4])
            and (k + 2 >= len(items) or items[k + 2][0] != "I")
        )
        lonely_before = (
            before == "G"
            and not (items[k - 1][3] or items[k - 1][4])
            and (k < 2 or items[k - 2][0] != "I")
        )
        if lonely_after or lonely_before:
            tail = _CITY_TAIL.search(text)
            name = text[: tail.start()].strip(" ,") if tail and tail.start() > 0 else text
            out[k] = ("I", name, None, start, end)
    return out


def _without_town(inst: str) -> str:
    """A one-word town (or "St. X") after the institution's name is where it is, not part of it:
    "Lindenwood University, St. Charles". "University of Maryland, College Park" stays, and so
    does a longer address ("KIPS Education System, Colony Town"), as the corpus gold keeps it."""
    parts = _comma_parts(inst)
    while (
        len(parts) >= 2
        and (len(parts[-1].split()) == 1 or re.match(r"(?:St|Ste|Ft|Mt)\.\s\S+$", parts[-1]))
        and _trailing_place(parts[-1])
        and not _INSTITUTION_ANY.search(parts[-1])
        and _INSTITUTION_ANY.search(", ".join(parts[:-1]))
    ):
        parts.pop()
    return ", ".join(parts)


# "School of Business" under "Miami University": a part of the institution on the line below it.
_SCHOOL_UNIT = re.compile(
    r"^(?:The\s+)?(?:[A-Z][\w.'&-]*\s+){0,3}(?:School|College|Faculty|Department)\s+of\s", _I
)


def _institution_units_dropped(items: list[_EduItem], dates_open: bool) -> list[_EduItem]:
    """An institution line right under another with no degree of its own that names a school or
    faculty "of" something is the first one's unit ("Miami University" / "Farmer School of
    Business"); a plain short name over a line of dates alone is an institution (LinkedIn's
    "Beaconhouse" / "\u00b7 (2023 - 2024)", "Bloc" / "2019-2020"), unless the section's dates open
    its entries (``dates_open``): then those dates open the next entry."""
    out: list[_EduItem] = []
    for k, item in enumerate(items):
        kind, text, degree, _start, _end = item
        if (
            kind == "I"
            and degree is None
            and out
            and out[-1][0] == "I"
            and _SCHOOL_UNIT.match(text)
            and not _UNIVERSITY.search(text.split(" of ")[0] + " ")
        ):
            continue
        following = items[k + 1] if k + 1 < len(items) else None
        if (
            kind == "P"
            and not dates_open
            and following is not None
            and following[0] == "D"
            and following[3]
            and (not out or out[-1][0] != "I")
            and _keyword_kind(text) is None
            and 1 <= len(text.split()) <= 4
            and text[:1].isupper()
            and not re.search(r"\d|[:;,]", text)
            and not _is_location(text)
            and _title_score(text) <= 0
        ):
            out.append(("I", text, None, following[3], following[4]))
            continue
        out.append(item)
    return out


# A unit of a university named with it ("Faculty of Engineering, University of Lagos").
_FACULTY = re.compile(
    r"(?:School|Faculty|Department|Dept\.?|Division|Cent(?:er|re)|Institute|College)\s+(?:of|for)\s",
    _I,
)


def _degree_named(text: str) -> bool:
    """A degree's name or the word for one ("BSc", "Masters in X", "master\u2019s degree")."""
    return bool(_DEGREE_RE.search(text) or _DEGREE_WORDS.search(text))


def _degree_first(part: str) -> list[str]:
    """A comma part that opens with a degree and goes on with the institution ("B.A. Bates
    College"), as the two parts; any other part as it is."""
    m = _DEGREE_RE.match(part)
    rest = part[m.end() :].strip(" .") if m else ""
    if (
        m
        and rest[:1].isupper()
        and not _INSTITUTION_ANY.match(rest)
        and _INSTITUTION_ANY.search(rest)
    ):
        return [part[: m.end()].strip(), rest]
    return [part] if part else []


def _education_entries(lines: Sequence[str]) -> list[Education]:
    """Education entries anchored on institution lines, paired with the degree before or after."""
    return _education_read(lines)[0]


def _entries_by_layout(items: list[_EduItem]) -> set[int]:
    """Cut the items into entries at their dates and read each entry's institution and degree
    with the layout the other entries agree on (:mod:`.education`): a plain line in the
    institution's place becomes the institution, and an institution takes the degree and the
    dates of its own entry. Returns the items whose institution is a doubt: placed by the layout
    alone, with no school word (a reading not clearly ahead places nothing)."""
    lines = [EduLine(kind, bool(s or e)) for kind, _t, _d, s, e in items]
    spans = entry_spans(lines)
    unsure: set[int] = set()
    if spans is None:
        return unsure
    for span, reading in zip(spans, read_spans(lines, spans), strict=True):
        own = [k for k in span if items[k][0] == "I"]
        dated = next(items[k] for k in span if items[k][3] or items[k][4])
        at = own[0] if len(own) == 1 else None
        if (
            not own
            and reading.templated
            and not reading.doubtful
            and reading.institution is not None
            and items[reading.institution][0] == "P"
        ):
            at = reading.institution
            items[at] = ("I", items[at][1], None, items[at][3], items[at][4])
            unsure.add(at)
        if at is None:
            continue
        kind, text, degree, start, end = items[at]
        g = reading.degree
        if degree is None and g is not None and g != at and items[g][0] in {"G", "P"}:
            degree = items[g][2] or items[g][1]
        if not (start or end):
            start, end = dated[3], dated[4]
        items[at] = (kind, text, degree, start, end)
    return unsure


_GRADE = r"\d(?:\.\d{1,3})?(?:\s?/\s?\d(?:\.\d{1,3})?)?"
_GRADE_FIELD = re.compile(rf"\s?\|\s?(?:c?gpa:?\s?{_GRADE}|{_GRADE}\s?c?gpa)\s?(?=\||$)", _I)


def _education_read(lines: Sequence[str]) -> tuple[list[Education], set[int]]:
    """Education entries, and the indexes of those whose institution is a doubt."""
    items: list[_EduItem] = []  # kind, text, degree, s, e
    previous_plain: str | None = None
    for raw in _edu_lines(_prepared_lines(lines)):
        # "2018 -  <tab> Degree": an open range before a tab stop.
        raw = re.sub(r"^((?:19|20)\d{2})\s*[-\u2013\u2014]\s*\t+", "\\1 \u2013 ", raw)
        # "09/2010 -<tab>07/2011": a range across a tab stop
        raw = re.sub(r"([-\u2013\u2014])[ \t]*\t[ \t]*(?=(?:\d{1,2}/)?(?:19|20)\d{2})", "\\1 ", raw)
        # "2022<tab>Degree, University": one year before a tab stop is when the entry ended
        raw = re.sub(r"^\s*((?:19|20)\d{2})[ \t]*\t[ \t]*(\S.*)$", "\\2, \\1", raw)
        # a tab stop, and a full-width comma between Chinese fields, separate the entry's parts
        text = _clean(_LINK_PAREN.sub("", re.sub(r"\t|\uff0c", " | ", raw)))
        # "Degree | University (GPA 3.9)": the grade in brackets is a detail of the entry, and so
        # is a bracket holding a separator ("(A - excellent)", "(Specialization: X)").
        text = re.sub(
            r"(?<!\s)\s*[(\[]\s*(?:c?gpa|grade|average)\b[^()\[\]]{0,40}[)\]]", "", text, flags=_I
        )
        # (a bracket holding a year range is the entry's dates, kept)
        text = re.sub(
            r"(?<!\s)\s*\((?![^()]{0,60}(?:19|20)\d{2})(?=[^()]{0,60}(?:\s[-\u2013|]\s|:\s))[^()]{1,60}\)",
            "",
            text,
        )
        # "Diploma in Computer Science, CGPA: 3.76": the grade after the degree is a detail too
        text = re.sub(
            r"[,;|]\s*c?gpa\s*:?\s*\d(?:[.,]\d{1,3})?(?:\s*/\s*\d(?:[.,]\d{1,3})?)?\s*$",
            "",
            text,
            flags=_I,
        )
        # "University <tab> 4.0 GPA | Aug. 2021 - Jun. 2025": a grade as a field of its own
        text = _GRADE_FIELD.sub("", text)
        text = re.sub(r"\s\u2022\s(?:\s*\u2022\s)+", " \u2022 ", text)
        rest, start, end = _dates_of(text)
        if start and start == end:
            start = None
        if start or end:
            rest = rest.rstrip(" :")  # "... Academy: 2018-2023": the colon that led to the dates
        rest = _degree_from_school(rest)
        # "2010-2013. Doctor of Philosophy (PhD), Zoology, ...": the full stop after the years
        rest = _tidy(re.sub(r"\s\u00b7\s*$|^\u00b7\s*|^\.\s+", "", rest))
        # "(2023 \u2013 2027 Expected)": what is left of the dates' bracket
        rest = _tidy(
            re.sub(r"(?<!\s)\s*\(\s*(?:expected|anticipated|present)?\s*\)", "", rest, flags=_I)
        )
        if (
            not rest
            or (len(rest) <= 2 and not start)
            or _EDU_SKIP.search(rest)
            or (_is_location(rest) and not _INSTITUTION_ANY.search(rest))
            or (
                # "2020-2024 <tab> College Station, TX" under the school: its dates and place
                (start or end)
                and items
                and items[-1][0] == "I"
                and _LOCATION_RE.fullmatch(rest) is not None
                and not _UNIT_OF.search(rest)
            )
        ):
            previous_plain = None
            if start or end:
                items.append(("D", "", None, start, end))
            continue
        label = re.match(r"^(?:major|degree|programme|program|field)\s*:\s*(.+)$", rest, _I)
        if label:
            items.append(("G", label.group(1).strip(), label.group(1).strip(), start, end))
            continue
        if _is_sentence(rest) and len(rest.split()) > 10 and not _degree_named(rest):
            previous_plain = None  # "I had an excellent education at the X school ..."
            continue
        parts = [_tidy(p) for p in _STRONG_SEP.split(rest) if _tidy(p)]
        # "High School Diploma \u2014 Centennial High School": the degree names a school too
        inst = next(
            (p for p in parts if _INSTITUTION_ANY.search(p) and not _DEGREE_RE.fullmatch(p)),
            next((p for p in parts if _INSTITUTION_ANY.search(p)), None),
        )
        degree_part = next(
            (
                p
                for p in parts
                if p is not inst
                and (_DEGREE_RE.search(p) or not _INSTITUTION_ANY.search(p))
                and not _is_location(p)  # "University | City, Country": the place is no degree
            ),
            None,
        )
        if (
            inst is not None
            and items
            and items[-1][0] == "I"
            and items[-1][2] is None
            and _DEGREE_RE.match(rest)
            and _UNIT_OF.search(inst)
            and not _UNIVERSITY.search(inst)
        ):
            # "Carnegie Mellon University" / "Masters in HCI, School of Computer Science": a line
            # opening with the degree under a school that has none names a unit of that school.
            degree_line = next((p for p in parts if not _is_location(p)), rest)
            items.append(("G", degree_line, degree_line, start, end))
            previous_plain = None
            continue
        if inst is not None and _degree_named(inst) and len(parts) == 1:
            # "Degree, Faculty of X, University of Y, 2016" (also with ";"), "B.A. College, Field"
            commas = [c for part in re.split(r"[,;]", inst) for c in _degree_first(part.strip())]
            named = [c for c in commas if _INSTITUTION_ANY.search(c)]
            # The university is the institution, not its unit; a part naming the degree is not
            # the institution ("Diploma of Imperial College").
            plain = [c for c in named if not _degree_named(c)] or named
            ci = next((c for c in plain if _UNIVERSITY.search(c)), plain[0] if plain else None)
            cd = next((c for c in commas if c is not ci and _degree_named(c)), None)
            if ci and cd:
                after = commas[commas.index(ci) + 1] if commas.index(ci) + 1 < len(commas) else ""
                if re.search(r"\b(?:Branch|Campus)$", after):
                    commas.remove(after)
                    ci = f"{ci}, {after}"
                    commas[commas.index(ci.split(", ")[0])] = ci
                inst, degree_part = (
                    ci,
                    ", ".join(
                        c
                        for c in commas
                        if c not in {ci} and not re.fullmatch(r"(?:19|20)\d{2}", c.strip(" ."))
                    ),
                )
        if inst is not None:
            inst = _tidy(inst)
            paren = re.search(r"(?<!\s)\s*(?:,\s*)?\(([^()]{2,60})\)\s*$", inst)
            if paren and (
                _is_location(paren.group(1))
                or re.fullmatch(r"(?:[A-Z][a-z]+\s){1,3}[A-Z]{2}", paren.group(1))
            ):
                inst = inst[: paren.start()]  # "University of X (City, ST)", "(Seattle WA)"
            at = parts.index(inst) if inst in parts else -1
            campus = parts[at + 1] if 0 <= at < len(parts) - 1 else ""
            if (
                campus
                and f"{inst} \u2013 {campus}" in rest
                and len(campus.split()) <= 3
                and not re.search(r"\d", campus)
                and not _is_location(campus)
                and not _INSTITUTION_ANY.search(campus)
                and not _DEGREE_RE.search(campus)
            ):
                inst = f"{inst} \u2013 {campus}"  # "University of X \u2013 Campus"
                if degree_part == campus:
                    degree_part = next(
                        (
                            p
                            for p in parts
                            if p not in {inst, campus, parts[at]} and _DEGREE_RE.search(p)
                        ),
                        None,
                    )
            tail = _CITY_TAIL.search(inst)
            if tail and tail.start() > 0 and _INSTITUTION_ANY.search(inst[: tail.start()]):
                inst = inst[: tail.start()].strip(" ,")
            country = _INST_COUNTRY.search(inst)
            if country and _INSTITUTION_ANY.search(inst[: country.start()]):
                inst = inst[: country.start()]  # "X University, Kenya"
            inst = _without_town(inst)
            units = [c.strip() for c in inst.split(", ")]
            if len(units) > 1 and any(_FACULTY.match(c) for c in units):
                # "University of Lagos, Faculty of Engineering": the university, not its unit
                inst = next(
                    (c for c in units if _UNIVERSITY.search(c) and not _FACULTY.match(c)), inst
                )
            if (
                previous_plain
                and re.match(r"^(?:Community\s+)?(?:College|University|Institute|School)\b", inst)
                and not re.match(r"^(?:College|University|Institute|School)\s+of\b", inst)
                and "," not in previous_plain
                and len(previous_plain.split()) <= 4
                and items
                and items[-1][0] == "P"
            ):
                items.pop()
                inst = f"{previous_plain} {inst}"
            items.append(
                (
                    "I",
                    inst,
                    degree_part if degree_part and degree_part != inst else None,
                    start,
                    end,
                )
            )
            previous_plain = None
            continue
        if _DEGREE_RE.search(rest) or _DEGREE_WORDS.search(rest):
            items.append(("G", rest, rest, start, end))
            previous_plain = None
            continue
        if _is_sentence(rest) or len(rest.split()) > 8:
            previous_plain = None
            continue
        if not _is_bullet(raw.strip()):  # a listed course or subject is a detail
            items.append(("P", rest, None, start, end))
        previous_plain = rest
    dates_open = bool(items) and bool(items[0][3] or items[0][4])
    unsure_items = _entries_by_layout(items)
    items = _schools_by_structure(items)
    items = _institution_units_dropped(items, dates_open)
    insts = [k for k, it in enumerate(items) if it[0] == "I"]
    degs = [k for k, it in enumerate(items) if it[0] == "G"]
    if not insts:
        return [], set()
    degree_first = bool(degs) and degs[0] < insts[0]
    out: list[Education] = []
    for n, k in enumerate(insts):
        _, inst, degree, start, end = items[k]
        if degree is None:
            if degree_first:
                lo = insts[n - 1] + 1 if n else 0
                window = range(lo, k)
            else:
                hi = insts[n + 1] if n + 1 < len(insts) else len(items)
                window = range(k + 1, hi)
            g = next((items[x] for x in window if items[x][0] == "G"), None)
            if g is not None:
                degree = g[2]
                start, end = start or g[3], end or g[4]
        field_ = None
        if degree:
            dm = _DEGREE_RE.match(degree) or re.match(
                r"(?:Bachelors?|Masters?|Associates?)(?=\s+(?:in|of)\s)", degree, _I
            )
            fm = (
                re.match(r"^[\s,\u2013\u2014-]*(?:in|of|:)?\s*(.+)$", degree[dm.end() :])
                if dm
                else None
            )
            if dm and fm and fm.group(1).strip(" .,"):
                degree, field_ = dm.group(0).strip(), fm.group(1).strip(" .,")
        out.append(Education(institution=inst, degree=degree, field=field_, start=start, end=end))
    return out, {n for n, k in enumerate(insts) if k in unsure_items}


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


# A document's label, never its owner's name: 'Resume', 'Curriculum Vitae', 'One-page CV',
# 'Resume of', 'Lebenslauf'.
_DOCUMENT_LABEL = re.compile(
    r"(?:(?:my|short|full|academic|(?:one|two|1|2)[- ]?pages?)\s+)?"
    r"(?:r[e\u00e9]sum[e\u00e9]|curriculum\s+vitae|cv|c\.v\.|vita|lebenslauf)(?:\s+of)?",
    _I,
)
# Letters after the name ('Ada King B.Sc.', 'Ada King, PhD'): left out of the signing name.
_POST_NOMINALS = re.compile(
    r"(?:,?\s+(?:B\.?\s?Sc|M\.?\s?Sc|B\.?\s?Eng|M\.?\s?Eng|B\.?\s?A|M\.?\s?A|Ph\.?\s?D|D\.?\s?Phil|"
    r"MBA|M\.?D|MPH|MSW|J\.?D|LL\.?B|LL\.?M|CPA|PMP|P\.?\s?Eng|RN)\.?){1,3}$"
)
# Honorifics before the name ('Dr. Ada King', 'Prof. Dr. Hans M\u00fcller'): a letter is signed
# with the name alone, so they are left out of the signing name as the letters after it are.
_HONORIFICS = r"Dr|Prof|Mr|Mrs|Ms|Mx|Miss|Rev|Herr|Frau|Mme|Mlle|Dra|Sra|Srta"
_HONORIFIC = re.compile(rf"^(?:(?:{_HONORIFICS})\.?\s+){{1,3}}(?=\S)")
_HONORIFIC_BEFORE = re.compile(rf"(?:(?:^|\s)(?:{_HONORIFICS})\.?){{1,3}}\s*$")


def _resume_name(header: Sequence[str]) -> str | None:
    for raw in header:
        line = _heading_text(raw)
        if not line or _DOCUMENT_LABEL.fullmatch(line):
            continue
        first = _split_header_parts(line)[0] if _split_header_parts(line) else line
        first = re.sub(r"^(?:name)\s*:\s*", "", first, flags=_I)
        if _EMAIL_RE.search(first) or _URL_RE.search(first) or _PHONE_RE.search(first):
            return None
        words = first.split()
        if 1 <= len(words) <= 6 and all(
            w[:1].isupper() or w[:1] in "'-" or w.lower() in _NAME_PARTICLES for w in words
        ):
            return _name_case(first)
        return None
    return None


# --------------------------------------------------------------------------- sections and markup

_OTHER_WORDS = re.compile(
    r"\b(?:volunteer\w*|projects?|awards?|honou?rs|scholarships?|publications?|presentations?|"
    r"conferences?|affiliations?|memberships?|activities|extracurriculars?|interests|hobbies|"
    r"references?|referees?|papers|talks|workshops|grants?|service|languages?|patents|courses|coursework|"
    r"leadership|contact|links|research|development|highlights|achievements|accomplishments|"
    r"books|chapters|articles|proceedings|exhibitions|editorial|funding|mentorship|supervision|"
    r"\u9879\u76ee|\u81ea\u6211\u8bc4\u4ef7)\b",
    _I,
)
_SECTION_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "experience",
        re.compile(
            r"\b(?:experience|employment|work\s+history|career\s+history|positions|internships?)\b|"
            r"\bexp\u00e9riences?\b|\bexperi(?:encia|\u00eancia)\b|\b(?:berufs)?erfahrung\b|"
            r"\u5de5\u4f5c\u7ecf[\u5386\u9a8c]|\u5de5\u4f5c\u5c65\u5386|\u5b9e\u4e60\u7ecf\u5386",
            _I,
        ),
    ),
    (
        "education",
        re.compile(
            r"\beducation\b|\u6559\u80b2|"
            r"\b(?:formation|\u00e9ducation|educaci\u00f3n|formaci\u00f3n|forma\u00e7\u00e3o|ausbildung)\b",
            _I,
        ),
    ),
    (
        "skills",
        re.compile(
            r"\b(?:skills|competencies|technologies|tools)\b|\u6280\u80fd|"
            r"\b(?:comp\u00e9tences|aptitudes|habilidades|kenntnisse)\b",
            _I,
        ),
    ),
    ("summary", re.compile(r"\b(?:summary|profile|objective|overview|about)\b", _I)),
    ("certifications", re.compile(r"\bcertifi\w+|licen[cs]es?\b", _I)),
]


# Section words that do not also name organisations ("Research In Motion", "X Development").
_STRONG_OTHER = re.compile(
    r"\b(?:volunteer\w*|projects?|awards?|honou?rs|scholarships?|publications?|presentations?|"
    r"conferences?|affiliations?|memberships?|activities|extracurriculars?|interests|hobbies|"
    r"references?|referees?|papers|talks|workshops|languages?|patents|courses|coursework|books|chapters|"
    r"articles|proceedings|exhibitions|funding|mentorship|supervision)\b",
    _I,
)


def _keyword_kind(text: str) -> str | None:
    """The section kind a heading's words name, or None when it names no section."""
    if re.search(r"\bvolunteer", text, _I):
        return "other"
    for kind, pattern in _SECTION_WORDS:
        if pattern.search(text):
            if (
                kind == "experience"
                and re.search(r"\b(?:projects?|leadership|volunteer\w*)\b", text, _I)
                and not re.search(r"\bwork\b|\bprofessional\b", text, _I)
            ):
                return "other"
            return kind
    if _OTHER_WORDS.search(text):
        return "other"
    return None


# An ALL-CAPS section label, then the first line of the section's content on the same line.
_INLINE_HEADING = re.compile(
    r"^\s*(?P<h>[A-Z][A-Z&/]+(?: [A-Z&/]+){0,2})(?:\s*\|\s*|\t| )(?P<rest>\S.*)$"
)


def _resume_sections(text: str, hinted: Sequence[str] = ()) -> list[_Section]:
    """Split a resume into sections: known headings, ALL-CAPS or styled lines naming a section.

    Inside Experience and Education an ALL-CAPS line that names no section is content (an
    employer in small caps), not a heading. Consecutive heading lines are one heading.
    """
    hints = {" ".join(h.split()).casefold() for h in hinted}
    sections = [_Section(None, "header")]
    levels = [0]  # the Markdown level of each section's heading (0: not a '#' heading)
    all_lines = text.splitlines()
    for at, raw in enumerate(all_lines):
        line = raw.rstrip()
        stripped = line.strip()
        if _RULE.fullmatch(stripped):
            continue
        inline = _INLINE_HEADING.match(line)
        inline_kind = (
            next((k for k, p in _RESUME_SECTIONS if p.fullmatch(inline.group("h"))), None)
            if inline and re.search(r"[a-z]", inline.group("rest"))
            else None
        )
        cell_label = inline is not None and bool(re.match(r"\s*\||\t", line[inline.end("h") :]))
        if inline is not None and (
            inline_kind not in {None, "other"} or (inline_kind == "other" and cell_label)
        ):
            # "EDUCATION  University of X  2018": the section's label in a left column, on the
            # entry's first line (and repeated on each row of a table's merged label cell).
            last = sections[-1]
            if last.heading is None or last.heading.casefold() != inline.group("h").casefold():
                sections.append(_Section(inline.group("h"), inline_kind))
                levels.append(0)
            sections[-1].lines.append(inline.group("rest"))
            continue
        heading = _heading_text(line)
        kind = None
        styled = False
        if stripped and not _is_bullet(stripped) and len(heading) <= 70 and heading:
            known = _looks_like_heading(line, _RESUME_SECTIONS)
            caps = (
                heading.isupper()
                and len(heading.split()) <= 7
                and not re.search(r"\d|@|\bwww\.|https?:", heading)
            )
            styled = " ".join(heading.split()).casefold() in hints
            words = _keyword_kind(heading)
            current = sections[-1].kind
            if known and known != "other":
                kind = known
            elif (caps or styled) and words:
                kind = words
            elif known == "other" and current not in {"experience", "education"}:
                kind = words if words else "other"
            elif known == "other" and words:
                kind = words
            elif (
                (caps or styled)
                and current not in {"experience", "education", "header"}
                and (len(heading.split()) >= 2 or styled)
            ):
                kind = "other"
            if len(sections) == 1 and _DOCUMENT_LABEL.fullmatch(heading):
                kind = None
            if (
                kind is not None
                and len(sections) == 1
                and not words
                and not _RESUME_SECTIONS_FULL(heading)
                and _name_candidate(line) is not None
            ):
                kind = None  # the name at the top, not a heading
            if (
                kind is not None
                and current in {"experience", "education"}
                and not _RESUME_SECTIONS_FULL(heading)
            ):
                following = next((x for x in all_lines[at + 1 : at + 3] if x.strip()), "")
                before = next(
                    (x for x in reversed(all_lines[max(0, at - 2) : at]) if x.strip()), ""
                )
                strong = words not in {None, "other"} or bool(_STRONG_OTHER.search(heading))
                after_dates = _dates_of(_clean(before))[1] and not _is_bullet(before.strip())
                if (_dates_of(_clean(following))[1] and not strong) or (
                    after_dates and not _STRONG_OTHER.search(heading)
                ):
                    kind = None  # "EMPLOYER NAME" above a dated line is content
                if current == "education" and stripped.endswith(":"):
                    kind = None  # "Core Courses:", "Projects completed:": a list in the entry
                hashes = len(stripped) - len(stripped.lstrip("#"))
                if 0 < levels[-1] < hashes:
                    # "## Experience" / "### Project Engineer | Wipro": a deeper Markdown heading
                    # inside the section heads one of its entries, whatever words it has.
                    kind = None
            hashes = len(stripped) - len(stripped.lstrip("#"))
            if kind is None and 0 < hashes <= levels[-1] and not _is_bullet(stripped):
                # "## Experience" ... "## Open Source Impact": a heading of the same Markdown
                # level ends the section, whatever words it has.
                kind = words or "other"
        if (
            kind is not None
            and sections[-1].heading is not None
            and kind == sections[-1].kind
            and heading.casefold() == sections[-1].heading.casefold()
        ):
            # "EXPERIENCE" again between the entries: a table's merged label cell, repeated on
            # each row it spans, does not open a new section (an entry would lose its title).
            continue
        if kind is not None:
            last = sections[-1]
            if (
                len(sections) > 1
                and not any(x.strip() for x in last.lines)
                and last.heading is not None
                and not _RESUME_SECTIONS_FULL(last.heading)
                and not (styled and " ".join(last.heading.split()).casefold() in hints)
            ):
                # Two heading lines in a row are one heading, unless both are marked as
                # headings (styles, Markdown underlines): then the first section is empty.
                merged = f"{last.heading} {heading}"
                last.heading = merged
                # "SERVICE" / "ASSOCIATE EDITOR POSITIONS": the first line already named it.
                last.kind = (
                    last.kind if _keyword_kind(last.heading) else (_keyword_kind(merged) or kind)
                )
                continue
            sections.append(_Section(heading, kind))
            levels.append(len(stripped) - len(stripped.lstrip("#")))
            continue
        label = re.match(r"^\s*([A-Za-z][A-Za-z '&/-]{2,40}?)\s*:\s+(\S.*)$", line)
        if label and not _is_bullet(line):
            lk = next((k for k, p in _RESUME_SECTIONS if p.fullmatch(label.group(1).strip())), None)
            if lk is not None and lk not in {"other", "experience", "education"}:
                sections.append(_Section(label.group(1).strip(), lk, [label.group(2)]))
                levels.append(0)
                continue
        sections[-1].lines.append(line)
    return sections


def _RESUME_SECTIONS_FULL(heading: str) -> bool:
    return any(p.fullmatch(heading) for _, p in _RESUME_SECTIONS)


_FRONT_MATTER = re.compile(r"\A---\s*\n.{0,4000}?\n---\s*\n", re.S)
_TOML_FRONT = re.compile(r"\A\+\+\+\s*\n.{0,4000}?\n\+\+\+\s*\n", re.S)
_TEMPLATE_TAG = re.compile(r"\{%[^%\n]{0,300}%\}|\{\{[^}\n]{0,300}\}\}")
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|br|tr|table|section|header|footer|small|dl|dt|dd|blockquote)\b[^>]{0,500}>",
    _I,
)
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")
# A Markdown autolink: an e-mail or web address in angle brackets.
_AUTOLINK = re.compile(
    r"<(?:mailto:)?(?P<a>[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}|https?://[^\s<>]{1,2000})>",
    _I,
)


_LINKED_HEADING = re.compile(
    r"^(?P<h>#{1,6}\s{1,4})\[(?P<t>[^\]\n]{1,120})\]\([^()\s]{1,2000}\)\s*$"
)


def _unmark(text: str) -> str:
    """Markdown resume text without front matter, template tags, inline HTML or escapes."""
    import html as _html

    text = _FRONT_MATTER.sub("", text, count=1)
    text = _TOML_FRONT.sub("", text, count=1)
    text = _TEMPLATE_TAG.sub("", text)
    if "<" in text:
        # "<ada@example.com>": an address, not a tag; bracketed as a contact beside a name is
        text = _AUTOLINK.sub(r"(\g<a>)", text)
        text = re.sub(r"<li\b[^>]{0,500}>", "\n- ", text, flags=_I)
        text = _BLOCK_TAG.sub("\n", text)
        text = _ANY_TAG.sub("", text)
        text = _html.unescape(text)
    text = re.sub(r"\\([|*_#\[\]()`-])", r"\1", text)
    out: list[str] = []
    raw_lines = text.splitlines()
    for at, raw in enumerate(raw_lines):
        line = raw.rstrip()
        # "# [Ada King](https://ada.example)": a heading that is only a link names its text.
        line = _LINKED_HEADING.sub(r"\g<h>\g<t>", line)
        # "* **Title**" / "  * *Employer, City* || *Dates*": an emphasised bullet is a header line.
        m = re.match(r"^\s*[-*+]\s+(?=[*_])(.*)$", line)
        if m and _only_emphasis(m.group(1).strip()):
            line = m.group(1)
        top = re.match(r"^[-*+]\s+(\S.{0,200})$", line)
        if top and len(top.group(1).split()) <= 12:
            following = next((x for x in raw_lines[at + 1 : at + 3] if x.strip()), "")
            if re.match(r"^\s{2,}[-*+]\s", following):
                # A short top-level item with nested items under it heads an entry
                # ("* Fall 2016: Tutor" / "  * University" / "  * Duties: ...").
                line = top.group(1)
        out.append(line.strip() if not _is_bullet(line) else line)
    return "\n".join(out)


# --------------------------------------------------------------------------- contact and name

_PHONE_ANY = re.compile(
    r"(?<![\w/.])\+\d{8,14}(?![\w/])|"
    # "+44 07400123456", "+43 699 12345678": a country code, then groups of any length.
    r"(?<![\w/.])\+\d{1,3}(?:[\s.-]\d{2,12}){1,4}(?![\w/])|"
    # "09171234567": one run of digits (a phone only on a contact line, see _phone_ok).
    r"(?<![\w/.+])\d{9,12}(?![\w/])|"
    # "+49 \u2013 (30) 89789 \u2013 353": dashes between the groups of an international number.
    r"(?<![\w/.])\+\d{1,3}\s?[\u2013\u2014-]\s?\(\d{1,4}\)\s?\d{2,6}(?:\s?[\u2013\u2014-]\s?\d{2,6}){1,3}(?![\w/])|"
    r"(?<![\w/.])(?:\+\d{1,3}[\s.-]{0,2})?(?:\(\d{1,4}\)[\s.-]{0,2})?\d{2,5}(?:[\s.-]{1,2}\d{2,5}){1,4}(?![\w/])"
)
_EMAIL_TAIL = re.compile(r"^[a-z]{1,3}$")


# "jane.doe [at] example [dot] com", "jane(at)example.com": only the bracketed words are decoded;
# a bare "jane at example dot com" could be prose and is left alone.
_OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.%+-])(?P<user>[A-Za-z0-9._%+-]{1,64})\s?[\[(<{]\s?at\s?[\])>}]\s?"
    r"(?P<domain>[A-Za-z0-9-]{1,63}(?:(?:\s?[\[(<{]\s?dot\s?[\])>}]\s?|\.)[A-Za-z0-9-]{1,63}){1,4})"
    r"(?![\w-])(?!\.\w)",
    _I,
)
_BRACKETED_DOT = re.compile(r"\s?[\[(<{]\s?dot\s?[\])>}]\s?", _I)


def _obfuscated_email(line: str) -> str | None:
    """The address a bracketed "[at]" / "[dot]" form spells, when it spells exactly one."""
    found = list(_OBFUSCATED_EMAIL.finditer(line))
    if len(found) != 1:
        return None
    m = found[0]
    domain = _BRACKETED_DOT.sub(".", m.group("domain"))
    address = f"{m.group('user')}@{domain}"
    return address if _EMAIL_RE.fullmatch(address) else None


def _find_email(text: str) -> tuple[str | None, int | None]:
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = _EMAIL_RE.search(line)
        if not m:
            decoded = _obfuscated_email(line)
            if decoded is not None:
                return decoded, i + 1
            continue
        email = m.group(0)
        # "name@gmail.co" / "m": an address wrapped at the line end.
        if m.end() >= len(line.rstrip()) and i + 1 < len(lines):
            nxt = lines[i + 1].strip()
            if _EMAIL_TAIL.match(nxt) and len(email.rsplit(".", 1)[-1]) <= 3:
                email += nxt
        return email, i + 1
    return None, None


def _phone_ok(candidate: str, *, local: bool = False) -> bool:
    """Whether ``candidate`` reads as a phone number; ``local``: it is on a contact line, where
    a short local number ("9399-3436") is one too (elsewhere it may be a page range)."""
    digits = re.sub(r"\D", "", candidate)
    if not 7 <= len(digits) <= 15:
        return False
    if re.fullmatch(r"(?:19|20)\d{2}\s*[-\u2013]\s*(?:19|20)\d{2}", candidate.strip()):
        return False
    if re.fullmatch(
        r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}", candidate.strip()
    ):
        return False  # a date ("2019-04-01", "20.10.1990")
    groups = re.findall(r"\d+", candidate)
    if len(groups) == 1 and not candidate.startswith("+"):
        # One run of digits ("09171234567") is a phone only on a contact line.
        return local and 9 <= len(digits) <= 12
    if local and re.fullmatch(r"\d{3,4}-\d{4}", candidate.strip()):
        return True  # "9399-3436", "555-0123": a local number written with a hyphen
    # "28214 1704": a postcode and a street number, not a phone.
    return bool(re.search(r"^\+|\(", candidate.strip())) or len(groups) >= 3


# A line that is a contact line: an e-mail, a separator between items, or a phone label.
_CONTACT_LINE = re.compile(r"@|[|\u2022\u00b7]|\b(?:phone|tel|mobile|cell|tlf|telefon[o]?)\b", _I)


_WORD_START = re.compile(r"(^|[-'\u2019(\"\u201c])(\w)")


def _name_case(name: str) -> str:
    """A name set in capitals ("HANNAH CORNER", a designed resume's letterhead) as a person signs
    a letter with it ("Hannah Corner"); a name with any lower-case letter stays as written."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return name
    words: list[str] = []
    for i, word in enumerate(name.split(" ")):
        low = word.lower()
        if i and low in _NAME_PARTICLES:  # "Ludwig van Beethoven", "Maria de la Cruz"
            words.append(low)
        else:
            words.append(_WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), low))
    return " ".join(words)


def _find_phone(block: Sequence[str], *, local: bool = False) -> tuple[str | None, int | None]:
    for i, line in enumerate(block):
        dates = _RANGE_RE.search(line)
        if (
            dates
            and re.search(r"\b(?:19|20)\d{2}\b|[A-Za-z]", dates.group(0))
            and not re.search(r"\(\d{3}\)|\+\d", line)
        ):
            continue  # a line with dates on it ("9399-3436" is not a range of years)
        for cell in line.replace("\u2011", "-").split("\t"):  # a TAB is a column break
            for m in _PHONE_ANY.finditer(cell):
                cand = " ".join(m.group(0).split())
                if _phone_ok(cand, local=local and bool(_CONTACT_LINE.search(line))):
                    return cand, i + 1
    return None, None


# A nickname or pronouns beside the name: 'Ada (Addie) King', 'Robert "Bob" Lee', '(she/her)'.
_NICKNAME = re.compile(
    r"\s(?:\([^()\d@\n]{1,30}\)|[\"\u201c][^\"\u201c\u201d\d@\n]{1,30}[\"\u201d])(?=\s)"
)
_PRONOUNS = re.compile(r"/|\b(?:she|he|her|him|they|them|pronouns?)\b", _I)


def _without_asides(name: str) -> str:
    """The name as its owner writes it in a letter: pronouns and a trailing aside ('Ada Okafor
    (Addie)') dropped; a nickname inside the name ('Ada (Addie) Okafor') kept, as it is part of
    how the name is written."""
    padded = f" {name} "

    def aside(m: re.Match[str]) -> str:
        trailing = not padded[m.end() :].strip()
        return " " if trailing or _PRONOUNS.search(m.group(0)) else m.group(0)

    return " ".join(_NICKNAME.sub(aside, padded).split())


# A parenthesised or bracketed aside at the end of a line: '(ada@example.com)', '<ada.dev>'.
_CONTACT_BESIDE = re.compile(r"(?<!\s)\s*[(\[<][^()\[\]<>\n]{1,80}[)\]>]\s*$")
# The label of a profile link, never a name: 'Google Scholar', 'LinkedIn', 'Personal website'.
_LINK_LABEL = re.compile(
    r"(?:google\s+scholar|linked\s?in|git\s?hub|git\s?lab|orcid|research\s?gate|academia\.edu|"
    r"stack\s?overflow|behance|dribbble|twitter|mastodon|bluesky|instagram|facebook|"
    r"(?:personal\s+|my\s+)?(?:website|web\s?site|homepage|home\s+page|portfolio|blog))"
    r"(?:\s+(?:profile|page))?",
    _I,
)


def _name_candidate(raw: str) -> str | None:
    line = _heading_text(raw)
    if not line:
        return None
    first = _split_header_parts(line)[0] if _split_header_parts(line) else line
    first = re.sub(r"^(?:name)\s*:\s*", "", first, flags=_I).strip()
    # 'Ada King (ada@example.com)': the contact beside the name is not part of it.
    first = _CONTACT_BESIDE.sub(
        lambda m: "" if _EMAIL_RE.search(m.group(0)) or _URL_RE.search(m.group(0)) else m.group(0),
        first,
    ).strip()
    if " / " in first and (_EMAIL_RE.search(first) or _PHONE_ANY.search(first)):
        first = first.split(" / ", 1)[0].strip()  # 'Ada King / ada@example.com / 07700 900123'
    first = _without_asides(first)
    first = _HONORIFIC.sub("", _POST_NOMINALS.sub("", first).strip())
    if _LINK_LABEL.fullmatch(first):
        return None
    if _EMAIL_RE.search(first) or _URL_RE.search(first) or _PHONE_ANY.search(first):
        return None
    if re.search(r"(?<![\w-])-*\w[\w-]*\.(?:com|org|net|io|dev|me)\b|\d", first, _I):
        return None
    if _keyword_kind(first) or _RESUME_SECTIONS_FULL(first):
        return None
    if _DOCUMENT_LABEL.fullmatch(first) or re.fullmatch(r"contact(?:\s+me)?", first, _I):
        return None
    if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", first):
        return first
    words = first.split()
    if not 2 <= len(words) <= 5 or _JOB_NOUN.search(first) or _ORG_WORD.search(first):
        return None
    if words[0].lower() in {"the", "a", "an", "dear", "page"}:
        return None
    if all(
        w.lstrip('("\u201c')[:1].isupper() or w[:1] in "'-" or w.lower() in _NAME_PARTICLES
        for w in words
    ):
        return _name_case(first)
    return None


_NAME_LABEL = re.compile(r"^\s*(?:full\s+)?name\s*(?::|\t|\s{2,})\s*(?P<v>\S[^\t\n]{0,80})$", _I)


# A name given in two labelled lines: 'First name: Ada' / 'Last name: King' (French 'Pr\u00e9nom' /
# 'Nom', German 'Vorname' / 'Nachname', Spanish 'Nombre' / 'Apellidos').
_GIVEN_LABEL = re.compile(
    r"^\s*(?:first\s+name|given\s+names?|forenames?|pr\u00e9noms?|vorname|nombres?)\s*(?::|\t|\s{2,})"
    r"\s*(?P<v>\S[^\t\n]{0,60})$",
    _I,
)
_FAMILY_LABEL = re.compile(
    r"^\s*(?:last\s+name|family\s+name|surname|nom(?:\s+de\s+famille)?|nachname|familienname|"
    r"apellidos?)\s*(?::|\t|\s{2,})\s*(?P<v>\S[^\t\n]{0,60})$",
    _I,
)


def _labelled_name(sections: Sequence[_Section]) -> str | None:
    """The name a 'Name: ...' line (or a first-name and a last-name line) gives, outside a
    References section."""
    for section in sections:
        if section.heading and _REFEREE_HEADING.search(section.heading):
            continue
        given = family = None
        for line in section.lines:
            m = _NAME_LABEL.match(line)
            cand = _name_candidate(m.group("v")) if m else None
            if cand:
                return cand
            g, f = _GIVEN_LABEL.match(line), _FAMILY_LABEL.match(line)
            given = g.group("v").strip() if g and given is None else given
            family = f.group("v").strip() if f and family is None else family
            if given and family:
                return _name_candidate(f"{given} {family}")
    return None


def _name_key(name: str) -> str:
    """A name folded for comparison: case, accents kept, punctuation and word order ignored."""
    return " ".join(sorted(re.sub(r"[^\w]+", " ", name.casefold()).split()))


# Letters: in a name set in spaced-out letters, a word this long may be two run together
# ("Ranjitraj"); the user is asked once rather than letters signed with a wrong name.
_LONG_NAME_WORD = 9


def _find_name(
    header: Sequence[str], layout_name: str | None, text: str
) -> tuple[str | None, str, int | None, float]:
    if layout_name:
        cand = _name_candidate(layout_name)
        if cand:
            line = next((i + 1 for i, ln in enumerate(text.splitlines()) if cand in ln), None)
            return cand, "largest text at the top (layout)", line, 0.9
    lines = text.splitlines()
    if len(header) >= 3 and all(
        re.fullmatch(r"[^\W\d_][\w'\u2019-]{0,30}", h.strip()) for h in header[:2]
    ):
        # "CHRIS" / "OH" over the contact lines: a first and a last name set on two lines (a
        # name cell of two paragraphs, a stacked heading).
        joined = _name_candidate(f"{header[0].strip()} {header[1].strip()}")
        if joined and (_EMAIL_RE.search(header[2]) or _PHONE_ANY.search(header[2])):
            line = next(
                (k + 1 for k, ln in enumerate(lines) if ln.strip() == header[0].strip()), None
            )
            return joined, "two one-word lines at the top, over the contact lines", line, 0.6
    for i, raw in enumerate(header[:12]):
        if re.match(r"^\s*(?:last\s+)?updated\b", raw, _I):
            continue
        cand = _name_candidate(raw)
        if cand:
            line = next((k + 1 for k, ln in enumerate(lines) if ln.strip() == raw.strip()), None)
            where = (
                "'# ' heading" if raw.lstrip().startswith("#") else "a name-like line at the top"
            )
            return cand, where, line, 0.8 if i < 2 else 0.6
    # No name above the first heading ("Contact" first): an ALL-CAPS name near the top, or a
    # name-like line next to the e-mail or phone.
    top = [ln for ln in lines if ln.strip()][:25]
    for i, raw in enumerate(top):
        cand = _name_candidate(raw)
        if not cand:
            continue
        near = " ".join(top[max(0, i - 2) : i + 3])
        if _heading_text(raw).isupper() or _EMAIL_RE.search(near) or _PHONE_RE.search(near):
            line = next((k + 1 for k, ln in enumerate(lines) if ln.strip() == raw.strip()), None)
            # Nothing marks it as the name but its place: doubted (LOW_CONFIDENCE in report.py).
            return cand, "a name-like line near the contact details", line, 0.45
    return None, "", None, 0.0


_THIRD_PERSON = re.compile(
    r"^(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s+(?:is|has|was|brings|holds|specializes|specialises|"
    r"works|leads|helps)\b|\b(?:she|he)\s+(?:is|has|was|brings|holds|specializes|specialises|works|"
    r"leads|helps)\b|\b(?:her|his)\s+(?:work|experience|expertise|career|background|passion)\b",
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|my|me)\b")


def summary_voice(summary: str | None, name: str | None) -> Literal["first", "third", "none"]:
    """'third' for a summary about the candidate ("Jane is a seasoned..."), 'first', or 'none'."""
    if not summary:
        return "none"
    if _FIRST_PERSON.search(summary):
        return "first"
    first_name = name.split()[0] if name else None
    if _THIRD_PERSON.search(summary) or (
        first_name
        and re.search(
            rf"(?<![\w/.-]){re.escape(first_name)}(?:'s\b|\s+(?:is|has|was|brings|holds|works|leads)\b)",
            summary,
        )
    ):
        return "third"
    return "first"


def _setext_headings(text: str) -> list[str]:
    """Markdown setext headings: a text line underlined by a line of '=' (or '-' after a line
    that is not a list item)."""
    out: list[str] = []
    lines = text.splitlines()
    for prev, line in itertools.pairwise(lines):
        under = line.strip()
        title = prev.strip()
        if not title or len(title) > 70 or _is_bullet(title):
            continue
        if re.fullmatch(r"={3,}", under) or re.fullmatch(r"-{3,}", under):
            out.append(_heading_text(title))
    return out


_SPACED_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})\s{0,3}/\s{1,3}((?:19|20)\d{2})\b|\b(\d{1,2})\s{1,3}/\s{0,3}((?:19|20)\d{2})\b"
)
_LEADERS = re.compile(
    r"[ \t]{0,40}(?:\u2026|\.(?=[.\u2026])|\u00b7(?=\u00b7)){3,}[.\u2026\u00b7]?[ \t]{0,40}"
)


_DOTTED_MONTH_YEAR = re.compile(
    r"(?<![\d.])(0?[1-9]|1[0-2])\.((?:19|20)\d{2})(?=\s*(?:[-\u2013\u2014]|to\b|until\b)|\s*$)|"
    r"(?<=[-\u2013\u2014] )(0?[1-9]|1[0-2])\.((?:19|20)\d{2})\b|(?<=[-\u2013\u2014])(0?[1-9]|1[0-2])\.((?:19|20)\d{2})\b"
)


_SHARED_YEAR = re.compile(
    rf"\b(?P<a>{_MONTH})\s{{0,3}}(?:-|\u2013|\u2014|to)\s{{0,3}}(?P<b>{_MONTH}),?\s{{1,3}}(?P<y>(?:19|20)\d{{2}})\b",
    _I,
)


# "octubre de 2019", "outubro de 2019", "marzo del 2016": Spanish and Portuguese join the month
# and the year with "de".
_MONTH_DE_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+del?\s+(?P<y>(?:19|20)\d{{2}})\b", _I)
# "Mar 19 - Jun 21", "Mar '19 - Present": a month with a two-digit year, in a range only (a lone
# "May 19" may be a day of May).
_SHORT_YEAR = rf"(?P<{{0}}>{_MONTH})\s?['\u2019]?(?P<{{0}}y>\d{{{{2}}}})(?![\d,:/]|\.\d)"
_SHORT_YEAR_RANGE = re.compile(
    _SHORT_YEAR.format("a")
    + r"(?P<sep>\s*(?:[-\u2013\u2014]+|\bto\b|\buntil\b)\s*)"
    + rf"(?:{_SHORT_YEAR.format('b')}|(?P<open>{_OPEN_END})\b)",
    _I,
)


# A range written with the word for "to" ("01/2019 bis 03/2021", "10/2022 at\u00e9 2023",
# "marzo 2016 hasta 2019", "2019 au 2021"): a dash, as the range patterns read it.
_RANGE_WORD = re.compile(
    rf"(?P<a>(?:{_MONTH}\s+)?\d{{1,2}}/(?:19|20)\d{{2}}|(?:{_MONTH}\s+)?(?:19|20)\d{{2}})\s+"
    r"(?:bis|at\u00e9|hasta|au|tot|al|a|\u00e0)\s+(?=(?:\d{1,2}/)?(?:19|20)\d{2}\b|"
    rf"(?:{_MONTH})\s|{_OPEN_END})",
    _I,
)
# "01/10/2021 bis 31/03/2022" (day, month, year): the months and years, as dated lines give
# them; "10\\2022" written with a backslash.
_DMY = r"(?:0?[1-9]|[12]\d|3[01])[/.](?P<{0}m>0?[1-9]|1[0-2])[/.](?P<{0}y>(?:19|20)\d{{2}})"
_DMY_RANGE = re.compile(
    rf"(?<![\d/.]){_DMY.format('a')}\s*(?:[-\u2013\u2014]+|\b(?:bis|to|until|at\u00e9|au|hasta)\b)"
    rf"\s*(?:{_DMY.format('b')}\b|(?P<open>{_OPEN_END})\b)",
    _I,
)
_BACKSLASH_DATE = re.compile(r"(?<![\d\\])(\d{1,2})\\((?:19|20)\d{2})\b")


def _slash_date(m: re.Match[str]) -> str:
    """ "10\\2022" as "10/2022"; "15\\2023", no month, as its year."""
    return f"{m.group(1)}/{m.group(2)}" if 1 <= int(m.group(1)) <= 12 else m.group(2)


def _month_years(m: re.Match[str]) -> str:
    end = m.group("open") or f"{m.group('bm')}/{m.group('by')}"
    return f"{m.group('am')}/{m.group('ay')} \u2013 {end}"


def _full_year(yy: str) -> str:
    """A two-digit year in a resume: this century up to next year, else the last."""
    pivot = (datetime.date.today().year + 1) % 100
    return f"{20 if int(yy) <= pivot else 19}{yy}"


def _long_years(m: re.Match[str]) -> str:
    end = m.group("open") or f"{m.group('b')} {_full_year(m.group('by'))}"
    return f"{m.group('a')} {_full_year(m.group('ay'))}{m.group('sep')}{end}"


def _normalise_layout(text: str) -> str:
    """Typed layout the date and header patterns should not see: dot leaders between a header and its
    dates ("Employer ......... 2019") become a tab, "08 / 2024" and "08.2024 - 09.2024" become
    "08/2024", "octubre de 2019" "octubre 2019" and "Mar 19 - Jun 21" "Mar 2019 - Jun 2021"."""
    text = _LEADERS.sub("\t", text)
    text = _MONTH_DE_YEAR.sub(r"\g<m> \g<y>", text)
    text = _BACKSLASH_DATE.sub(_slash_date, text)
    text = _DMY_RANGE.sub(_month_years, text)
    text = _RANGE_WORD.sub("\\g<a> \u2013 ", text)
    text = _SHORT_YEAR_RANGE.sub(_long_years, text)
    # "June to July, 2014": one year for both months.
    text = _SHARED_YEAR.sub(
        lambda m: f"{m.group('a')} {m.group('y')} \u2013 {m.group('b')} {m.group('y')}", text
    )
    text = _DOTTED_MONTH_YEAR.sub(lambda m: "/".join(g for g in m.groups() if g is not None), text)
    return _SPACED_MONTH_YEAR.sub(
        lambda m: f"{m.group(1) or m.group(3)}/{m.group(2) or m.group(4)}", text
    )


NOTHING_TO_DRAFT_FROM = (
    "nothing to draft from: no jobs, education, projects or skills found (put each under its "
    "heading, e.g. 'Experience' with one line per job: 'Analyst, Acme Corp  2019 - 2022', "
    "'Education', 'Projects', 'Skills'; or give a JSON Resume from jsonresume.org)"
)
"""The one error for a resume with nothing a letter could draw on (every reader raises it)."""

_PROJECTS_HEADING = re.compile(r"\bprojects?\b", _I)


def _projects(lines: Sequence[str]) -> list[Project]:
    """A Projects section's entries: a name line (its dates taken off), then its description lines."""
    found: list[Project] = []
    for entry in _entries(lines):
        if not entry.header:
            if found:
                found[-1].highlights.extend(entry.bullets)
            continue
        name, start, end = _dates_of(entry.header[0])
        if start and start == end:
            start = None  # one date ("2024"): when it was done, not a range
        name = _clean(name).strip(" ,;:|\u2013\u2014-")
        links = [m.group(0) for h in entry.header for m in _URL_RE.finditer(h)]
        rest = [h for h in entry.header[1:] if not _URL_RE.fullmatch(h.strip())]
        if start is None:
            for h in rest:
                left, start, end = _dates_of(h)
                if start is not None:
                    rest = [x if x != h else left for x in rest]
                    break
        description = " ".join(x for x in rest if x.strip()) or None
        if not name and not entry.bullets:
            continue
        found.append(
            Project(
                name=name or None,
                description=description,
                start=start,
                end=end,
                url=links[0] if links else None,
                highlights=list(entry.bullets),
            )
        )
    return found


_ALSO_CERTIFICATES = re.compile(r"\b(?:certif\w*|licen[cs]\w*|training|courses)\b", _I)
_ACADEMIC = re.compile(
    r"\b(?:Universit\w*|Universidad|College|School|Polytechnic|Hochschule|Gymnasium|Lyc\u00e9e|"
    r"Conservatory|Institute\s+of\s+Technology)\b|\u5927\u5b66|\u5b66\u9662",
    _I,
)


def parse_resume(
    text: str,
    *,
    source: str | None = None,
    warnings: Iterable[InputWarning] = (),
    layout: Mapping[str, Any] | None = None,
    fmt: str | None = None,
) -> Resume:
    """Parse a resume's visible text into a :class:`Resume`.

    Reads name, contact, summary, roles (many header layouts and date styles, anchored on dated
    lines), skills, education and certifications. ``layout`` holds a reader's layout hints
    (``{"name": ..., "headings": [...]}``: the largest text at the top, lines styled or sized as
    headings). A resume with no roles (a student, a career changer) parses, and the review doubts it
    without blocking; :class:`ParseError` (:data:`NOTHING_TO_DRAFT_FROM`) only when there are no
    roles, education, projects, skills, summary or certifications.
    """
    name_ = source or "<text>"
    if fmt == "markdown" or (
        fmt in {"html", "text", None}
        and ("<" in text or text.startswith(("---", "+++")) or "{%" in text or "\\|" in text)
    ):
        text_for_parse = _unmark(text)
    else:
        text_for_parse = text
    text_for_parse = _normalise_layout(text_for_parse)
    hints = layout or {}
    hinted = [h for h in hints.get("headings") or [] if isinstance(h, str)]
    if fmt in {"markdown", "text", None}:
        hinted += _setext_headings(text_for_parse)
    layout_name = hints.get("name") if isinstance(hints.get("name"), str) else None
    sections = _resume_sections(text_for_parse, hinted)
    header = [ln for ln in sections[0].lines if ln.strip()]
    name, name_source, name_line, name_conf = _find_name(header, layout_name, text_for_parse)
    labelled = _labelled_name(sections)
    if labelled is not None:
        if name is None or name_conf < 0.5:
            # A labelled name beats a line taken only for its place near the contact details.
            name, name_source, name_conf = labelled, "a 'Name' line", 0.8
            name_line = next(
                (i + 1 for i, ln in enumerate(text_for_parse.splitlines()) if labelled in ln), None
            )
        elif _name_key(labelled) != _name_key(name):
            # Two names (a bilingual resume, or a name line that is not the top line): the user
            # says which one signs the letters.
            name_source += f"; a 'Name' line gives '{labelled}'"
            name_conf = min(name_conf, 0.4)
    summary_parts: list[str] = []
    roles: list[Role] = []
    skills: list[str] = []
    education: list[Education] = []
    certifications: list[str] = []
    projects: list[Project] = []
    fonts = _line_fonts(hints.get("lines"))
    unsure_roles: dict[int, str] = {}
    unsure_edu: set[int] = set()  # education entries whose institution only its place names
    for section in sections[1:]:
        if section.kind == "experience":
            blocks = _role_blocks(section.lines, fonts)
            found, unsure = _roles_from_blocks(blocks, fonts) if blocks else ([], {})
            unsure_roles |= {len(roles) + k: why for k, why in unsure.items()}
            if not blocks:
                for entry in _entries(section.lines):
                    role = _role_from_entry(entry)
                    if role is not None and role.title and _title_score(role.title) > 0:
                        found.append(role)
            roles += found
        elif section.kind == "education":
            found_edu, unsure_at = _education_read(section.lines)
            unsure_edu |= {id(found_edu[k]) for k in unsure_at}
            if section.heading and _ALSO_CERTIFICATES.search(section.heading):
                # "Certifications and Education": an entry with no degree at a body that is not
                # a university, college or school is a certificate, not a degree.
                for edu in found_edu:
                    if _degree_named(edu.degree or "") or _ACADEMIC.search(edu.institution or ""):
                        education.append(edu)
                    else:
                        parts = [edu.degree, edu.field, edu.institution]
                        certifications.append(", ".join(p for p in parts if p))
            else:
                education += found_edu
        elif section.kind == "skills":
            skills += _skills(section.lines)
        elif section.kind == "summary":
            summary_parts += [_clean(ln) for ln in section.lines if ln.strip()]
        elif section.kind == "certifications":
            certifications += [_clean(ln) for ln in section.lines if _clean(ln)]
        elif section.heading and _PROJECTS_HEADING.search(section.heading):
            projects += _projects(_prepared_lines(section.lines, fonts))
    if not summary_parts:
        for line in header[1:]:
            clean = _clean(line)
            if (
                len(clean.split()) >= 8
                and not _EMAIL_RE.search(clean)
                and not _URL_RE.search(clean)
            ):
                summary_parts.append(clean)
    if not roles:
        roles = _roles_without_heading(text_for_parse)
    if not roles:
        # No Experience heading at all: dated blocks anywhere with both a job title and an
        # employer that reads as an organisation (Chinese resumes often have no heading).
        roles = [
            r
            for r in _roles_from_blocks(_role_blocks(text_for_parse.splitlines(), fonts), fonts)[0]
            if r.employer and _ORG_WORD.search(r.employer) and _title_score(r.title or "") >= 3
        ]
    if not (roles or education or projects or skills or summary_parts or certifications):
        raise ParseError(NOTHING_TO_DRAFT_FROM, source=name_)
    # Contact lines: the header, and the top of the page (a sidebar or a heading may come first).
    # Referees' contact details are not the candidate's: a References section is skipped.
    referee_lines = _own_contact_dropped(
        _referee_lines(sections, text_for_parse.splitlines()), text_for_parse.splitlines()
    )
    own_text = "\n".join(
        ln if i not in referee_lines else "" for i, ln in enumerate(text_for_parse.splitlines())
    )
    top = [ln for ln in own_text.splitlines() if ln.strip()][:25]
    contact_block = list(header) + [ln for ln in top if ln not in header]
    email, email_line = _find_email("\n".join(contact_block))
    email_where, email_conf = "e-mail address in the contact lines", 0.95
    if email is None:
        email, email_line = _find_email(own_text)
        email_where, email_conf = "e-mail address further down, not in the contact lines", 0.6
    phone, phone_line = _find_phone(contact_block, local=True)
    phone_where, phone_conf = "phone number in the contact lines", 0.8
    if phone is None:
        phone_where, phone_conf = "a line that is mostly a phone number, further down", 0.55
        # A sidebar read after the main column: a line that is mostly a phone number.
        all_lines = own_text.splitlines()
        for i, ln in enumerate(all_lines):
            on_line, _ = _find_phone([ln])
            if on_line and (
                len(on_line) >= 0.5 * len(ln.strip(" ()|\u2022\t"))
                or re.search(r"\b(?:phone|tel|mobile|cell)\b|@", ln, _I)
            ):
                phone, phone_line = on_line, i + 1
                break
    template_contact = [v for v in (email, phone) if v and _template_contact(v)]
    email = None if email in template_contact else email
    phone = None if phone in template_contact else phone
    contact = _contact(header, text_for_parse, name)
    contact = contact.model_copy(update={"email": email, "phone": phone})
    name = _name_case(name) if name else name
    summary = " ".join(summary_parts) or None
    report = ParseReport()
    if name:
        report.fields.append(
            FieldNote(field="name", source=name_source, line=name_line, confidence=name_conf)
        )
        written = next((ln for ln in text_for_parse.splitlines() if name in ln), "")
        after = _POST_NOMINALS.search(written.split(name, 1)[-1].split("\t")[0].rstrip())
        if after:  # 'Ada King B.Sc.': the letters are not part of the signing name
            report.fields[-1].source += f"; '{after.group(0).strip(' ,')}' after the name left out"
        before = _HONORIFIC_BEFORE.search(written.split(name, 1)[0]) if name in written else None
        if before:  # 'Dr. Ada King': the honorific is not part of the signing name either
            report.fields[-1].source += f"; '{before.group(0).strip()}' before the name left out"
        if (
            hints.get("name_spaced") is True
            and layout_name
            and _name_key(name) == _name_key(layout_name)
            and (len(name.split()) == 1 or max(len(t) for t in name.split()) >= _LONG_NAME_WORD)
        ):
            # Letters drawn apart: the reader joined them into words by their gaps, and one
            # long word may be a first and last name run together ("Ranjitraj").
            report.doubts.append(
                Doubt(
                    field="name",
                    message=f"the name '{name}' is set in spaced-out letters and may be several "
                    "words run together",
                    fix='pass your name as it should sign the letters: --name "First Last"',
                    blocking=True,
                )
            )
    else:
        report.doubts.append(
            Doubt(
                field="name",
                message="no name found at the top of the resume",
                fix='--name "Your Name"',
                blocking=True,
            )
        )
    for placeholder in template_contact:
        field = "email" if "@" in placeholder else "phone"
        report.doubts.append(
            Doubt(
                field=field,
                message=f"the {'e-mail address' if field == 'email' else 'phone number'} "
                f"'{placeholder}' looks like a template placeholder; it is not used",
                fix="write your own in the resume, or in the JSON Resume "
                "(referral-ai parse RESUME --json-resume)",
            )
        )
    lost = [w for w in hints.get("lost_letters") or [] if isinstance(w, str)]
    if lost:  # the PDF reader could not tell which ligature its text layer dropped
        shown = ", ".join(f"'{w}'" for w in lost[:5]) + (", ..." if len(lost) > 5 else "")
        report.doubts.append(
            Doubt(
                field="text",
                message=f"the PDF's text layer lost letters; check the spelling of {shown}",
                fix="correct the words in the JSON Resume (referral-ai parse RESUME --json-resume)"
                ", or export the PDF again from Word or LibreOffice",
                blocking=True,
            )
        )
    if email:
        report.fields.append(
            FieldNote(field="email", source=email_where, line=email_line, confidence=email_conf)
        )
    if phone:
        report.fields.append(
            FieldNote(field="phone", source=phone_where, line=phone_line, confidence=phone_conf)
        )
    lines = text_for_parse.splitlines()
    for k, role in enumerate(roles):
        line_no = next(
            (i + 1 for i, ln in enumerate(lines) if role.title and role.title in ln), None
        )
        conf = 0.85 if role.title and role.employer else 0.5
        report.fields.append(
            FieldNote(
                field=f"roles[{k}]",
                source="dated header lines in Experience",
                line=line_no,
                confidence=conf,
            )
        )
        for what, value in (("employer", role.employer), ("title", role.title)):
            if value and (
                _URL_RE.search(value)
                or re.search(r"(?<![\w-])-*\w[\w-]*\.(?:com|org|net|io|dev|me)\b", value, _I)
            ):
                report.doubts.append(
                    Doubt(
                        field=f"roles[{k}].{what}",
                        message=f"'{value}' looks like a web address, not an {what}",
                        fix="correct the role in the JSON Resume (referral-ai parse RESUME --json-resume)",
                    )
                )
        if k in unsure_roles:
            report.doubts.append(
                Doubt(
                    field=f"roles[{k}]",
                    message=unsure_roles[k],
                    fix="correct the role in the JSON Resume (referral-ai parse RESUME --json-resume)",
                )
            )
        if role.employer is None:
            report.doubts.append(
                Doubt(
                    field=f"roles[{k}].employer",
                    message=f"no employer found for the role '{role.title}'",
                    fix="correct the role in the JSON Resume (referral-ai parse RESUME --json-resume)",
                )
            )
    for k, edu in enumerate(education):
        if id(edu) in unsure_edu:
            report.doubts.append(
                Doubt(
                    field=f"education[{k}].institution",
                    message=f"'{edu.institution}' is read as the school only by where it sits "
                    "in the entry (where the other entries name theirs); it has no school word",
                    fix="correct the entry in the JSON Resume (referral-ai parse RESUME --json-resume)",
                )
            )
    return Resume(
        name=name,
        contact=contact,
        summary=summary,
        summary_voice=summary_voice(summary, name),
        language=note_language(text_for_parse, report),
        roles=roles,
        skills=skills,
        education=education,
        projects=projects,
        certifications=_dedupe(certifications),
        text=text,
        source=name_,
        warnings=list(warnings),
        report=report,
    )


_STAR_OR_TEXT = re.compile(r"[*_]+|[^*_]+")
_EMPHASIS_SEP = re.compile(r"[\s|,\u2013\u2014-]+")


def _only_emphasis(text: str) -> bool:
    r"""Whether ``text`` is emphasised parts only, separators between them ("**Title** | *Employer*"):
    what ``(?:[*_]{1,2}[^*_]+[*_]{1,2}[\s|,\u2013\u2014-]*)+`` fullmatches, read in one pass over
    its runs of marks and of text (the pattern split a run of 3-4 marks two ways at every part: 2^n
    on a line of n parts)."""
    states = {"start"}  # where the reading can be: start, opened, text, closed, separated
    for run in _STAR_OR_TEXT.findall(text):
        marks = run[0] in "*_"
        after: set[str] = set()
        for state in states:
            if marks and state in ("start", "separated") and len(run) <= 2:
                after.add("opened")
            elif marks and state == "text":
                if len(run) <= 2:
                    after.add("closed")
                if 2 <= len(run) <= 4:
                    after.add("opened")  # this part's closing marks and the next one's opening
            elif not marks and state == "opened":
                after.add("text")
            elif not marks and state == "closed" and _EMPHASIS_SEP.fullmatch(run):
                after.add("separated")
        states = after
    return bool(states & {"closed", "separated"})


# An unfilled template's contact line: 'myemail@email.com', 'your.name@example.com',
# '(000) 123-4567', '555-555-5555'.
_TEMPLATE_EMAIL = re.compile(
    r"(?:my|your|first|user|you|name|email|john\.?doe|jane\.?doe)[._-]?"
    r"(?:e-?mail|name|last|lastname|surname)?@(?:e-?mail|example|domain|mail|company|website)\."
    r"(?:com|org|net)",
    _I,
)


def _template_contact(value: str) -> bool:
    if "@" in value:
        return bool(_TEMPLATE_EMAIL.fullmatch(value))
    digits = re.sub(r"\D", "", value)
    return bool(
        re.fullmatch(r"(\d)\1+", digits)
        or digits.endswith("1234567890")
        or (digits.endswith("1234567") and digits[:-7].strip("0") in {"", "1", "123"})
        or re.search(r"\b555\D{0,3}555\D{0,3}\d{4}\b", value)
    )


_REFEREE_HEADING = re.compile(r"\b(?:referen\w*|referees?)\b", _I)


def _referee_lines(sections: Sequence[_Section], lines: Sequence[str]) -> list[tuple[int, str]]:
    """(index, text) of the lines under a References / Referees heading, in document order."""
    out: list[tuple[int, str]] = []
    at = 0
    for section in sections:
        inside = bool(section.heading and _REFEREE_HEADING.search(section.heading))
        if section.heading is not None:
            # Move past the heading line itself.
            while at < len(lines) and section.heading not in lines[at]:
                at += 1
            at += 1
        for line in section.lines:
            while at < len(lines) and lines[at] != line:
                at += 1
            if at < len(lines):
                if inside:
                    out.append((at, line))
                at += 1
    return out


def _own_contact_dropped(referees: list[tuple[int, str]], lines: Sequence[str]) -> set[int]:
    """The referees' line indexes, less a block that opens with bare contact lines after a blank
    line: a sidebar read after the main column ("(435) 469-1870" / "ada@example.com" under the
    last referee) has no referee's name over it, so it is the candidate's own."""
    out = {at for at, _ in referees}
    for at in sorted(out):
        if at == 0 or lines[at - 1].strip():
            continue
        block = []
        k = at
        while k < len(lines) and lines[k].strip():
            block.append(k)
            k += 1
        if block and all(
            _EMAIL_RE.search(lines[i]) or _find_phone([lines[i]])[0] for i in block[:2]
        ):
            out -= set(block)
    return out


def _roles_without_heading(text: str) -> list[Role]:
    """Roles from a resume with no recognisable Experience heading: entries whose header has a date range."""
    roles: list[Role] = []
    for entry in _entries(text.splitlines()):
        if any(_RANGE_RE.search(h) for h in entry.header):
            role = _role_from_entry(entry)
            if role is not None and role.title and _JOB_NOUN.search(role.title or ""):
                roles.append(role)
    return roles
