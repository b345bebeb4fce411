"""The lexicon the posting and resume parsers share: patterns for dates, contacts, places, job nouns and
company suffixes, and the heading, section and bullet splitting built on them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from referral_ai.inputs.regions import REGION_CODES, REGION_NAMES

_I = re.IGNORECASE

# --------------------------------------------------------------------------- shared patterns

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    # The months a LinkedIn export or a resume writes in French, Spanish, Portuguese or German
    # ("janvier 2021 - aujourd'hui", "marzo 2019 - actualidad", "März 2020 - heute").
    r"janvier|f[\u00e9e]vrier|mars|avril|mai|juin|juillet|ao[\u00fbu]t|septembre|octobre|novembre|"
    r"d[\u00e9e]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?ptiembre|octubre|"
    r"noviembre|diciembre|janeiro|fevereiro|mar[\u00e7c]o|maio|junho|julho|setembro|outubro|"
    r"novembro|dezembro|Januar|Februar|M[\u00e4a]rz|Juni|Juli|Oktober|Dezember)\.?"
)
_SEASON = r"(?:Spring|Summer|Fall|Autumn|Winter)"
# "May 2019", and "May, 2019" / "June,2018" (a comma after the month, some templates' style).
_POINT = rf"(?:(?:{_MONTH}|{_SEASON})(?:,\s*|\s+)\d{{4}}|\d{{1,2}}/\d{{4}}|\d{{4}}[-/.]\d{{1,2}}(?:[-/.]\d{{1,2}})?|\d{{4}})"
_OPEN_END = (
    r"(?:Present|Current|Currently|Now|Today|Ongoing|To\s+date|"
    r"Pr\u00e9sent|aujourd[\u2019']hui|actualidad|presente|atual|heute)"
)
_RANGE_RE = re.compile(
    rf"(?P<start>{_POINT})\s*(?:[-\u2013\u2014~]+|\bto\b|\buntil\b|\bthrough\b)\s*(?P<end>{_POINT}|{_OPEN_END})\b",
    _I,
)
_SINGLE_DATE_RE = re.compile(
    rf"\b(?P<start>(?:{_MONTH}|{_SEASON})\s+\d{{4}}|(?:19|20)\d{{2}})\b", _I
)
_EMAIL_RE = re.compile(r"\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b")
_PHONE_RE = re.compile(
    r"(?<![\w/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w/])"
)
_URL_RE = re.compile(r"\bhttps?://[^\s<>()\"'\]]+|\bwww\.[^\s<>()\"'\]]+", _I)
_BARE_LINK_RE = re.compile(
    r"\b(?:linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com|medium\.com|substack\.com)/[^\s|,;()]+",
    _I,
)
# State, province and territory codes and names (US, Canada, Australia): the one table is
# referral_ai.inputs.regions.
_US_STATE = "(?:" + "|".join(sorted(REGION_CODES, key=len, reverse=True)) + ")"
_REGION_NAME = (
    "(?:"
    + "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(REGION_NAMES, key=len, reverse=True)
    )
    + ")"
)
_PLACE = r"[A-Z][a-zA-Z.'\u00c0-\u017f-]+(?:\s+[A-Z][a-zA-Z.'\u00c0-\u017f-]+){0,2}"
_COUNTRY = (
    r"(?:USA|US|United\s+States|UK|United\s+Kingdom|Canada|Germany|France|Spain|Portugal|Netherlands|Ireland|"
    r"India|Australia|New\s+Zealand|Singapore|Japan|Brazil|Mexico|Poland|Sweden|Denmark|Norway|Finland|Italy|"
    r"Switzerland|Austria|Belgium|Kenya|Nigeria|South\s+Africa|Israel)"
)
_LOCATION_RE = re.compile(
    rf"(?:(?<![a-zA-Z.'\u00c0-\u017f-]){_PLACE},\s*(?:{_US_STATE}\b|{_REGION_NAME}\b|{_COUNTRY}\b)(?:\s*\((?i:hybrid|remote|on-?site|in[- ]office)[^)]*\))?|"
    rf"\b(?:Remote|Hybrid|On-?site)(?:\s*(?:\(|[-\u2013,]\s*)(?:{_PLACE}|{_COUNTRY}|US|EU|UK|Americas|EMEA|APAC|worldwide|anywhere)[^)\n|]*\)?)?)",
)
# Applicant-tracking systems and public job portals, by a piece of their host name.
_ATS_HOST = re.compile(
    r"myworkdayjobs|workday|greenhouse|lever\.co|jobvite|icims|smartrecruiters|taleo|successfactors|varbi|"
    r"jobbnorge|recruitee|workable|ashbyhq|bamboohr|teamtailor|personio|pageuppeople|oraclecloud|"
    r"applytojob|breezy|jazzhr|rippling|dayforce|ultipro|paylocity|adp\.com|csod|peopleadmin|interfolio|"
    r"academicjobsonline|mathjobs|governmentjobs|usajobs",
    _I,
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
    # An em dash is a separator even when a space is missing on one side ("Provo \u2014Manager").
    r"\s*(?:\s\|\s|\s[\u2013\u2014]\s|\s\u2014|\u2014\s|\s-\s|\s@\s|\s+at\s+|\t+|\s{3,}|\s\u00b7\s|\s\u2022\s|,\s+)\s*"
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


_LOCATION_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:location|locations|based\s+in|office|work\s+location|where)(?:\*\*)?\s*[:\u2013\u2014]\s*(?:\*\*)?(?P<v>.+?)(?:\*\*)?\s*$",
    _I,
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


# A unit inside an organisation (department, faculty, lab, office ...), named at either end of a
# fragment: the posting parser keeps it out of the company, the resume parser out of the employer.
_UNIT_WORD = re.compile(
    r"^(?:the\s+)?(?:department(?!\s+for\b)|dept\.?|faculty|school|division|unit|program(?:me)?|chair|section|"
    r"group|team|lab|laboratory|office)\b|"
    r"\b(?:department|dept\.?|faculty|lab|laboratory|(?:research|working|interaction|study|lab)\s+group|team|unit|"
    r"division|programme)\s*$|"
    r"^(?:the\s+)?(?:cent(?:er|re)|institute)\s+(?:for|of)\b",
    _I,
)
