"""``ungrounded-claim``: something claimed for the candidate that the resume does not show.

Only sentences about the candidate are checked: those in the first person ("I", "my", "we"), or naming
the candidate (a blurb: "Jordan built ..."). In them, each of these must be grounded:

* **numbers** — every figure must appear in the resume, compared by value: "35%" = "35 percent",
  "2 million" = "2,000,000" = "2M", "six years" = "6 years". "N years" is also grounded when the resume's
  dated roles span at least N years. Not claims: dates and times, durations of a call ("15 minutes"),
  counts of attachments ("two writing samples"), links, emails, phone numbers, req ids.
* **organisations** — capitalised names after "at / with / for / from / joined" (employers, schools,
  clients) must be in the resume, the posting or the referral (people named in the introduction).
* **job titles** claimed as the candidate's ("as a Staff Engineer", "I'm a Data Scientist").
* **degrees** (B.S., BA, MSc, Master's, MBA, PhD, ...) — by family, so "Bachelor's" matches "B.S.".
* **certifications** ("AWS Certified ...", "PMP", "certified in ...").
* **skills** from a fixed vocabulary (:mod:`referral_ai.validators.skills`) — must be in the resume.

Anything that appears in the posting is also accepted when the sentence is about the posting or the
company ("your team", "the role", the company's name): that is a statement about them, not a claim.
"""

from __future__ import annotations

import datetime as _dt
import re
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from referral_ai.findings import Finding, to_issues
from referral_ai.kinds import Severity
from referral_ai.prefilter import Gated, dispatch, split_branches
from referral_ai.validators._text import (
    Span,
    contains_phrase,
    normalize,
    split_sentences,
    title_named,
    title_variants,
)
from referral_ai.validators.asks import _REQ_ID, _ROLE_WORDS, _URL
from referral_ai.validators.context import InputContext, input_context
from referral_ai.validators.skills import find_skills, skill_in

if TYPE_CHECKING:
    from referral_ai.models import Issue, JobPosting, Referral, Resume

__all__ = ["find_ungrounded_claims", "resume_grounding_text", "ungrounded_claims"]

_I = re.IGNORECASE

# --------------------------------------------------------------------------- grounding texts


def resume_grounding_text(resume: Resume) -> str:
    """All of a resume that can ground a claim: its text plus every structured field."""
    parts: list[str] = [resume.text, resume.name or "", resume.summary or ""]
    parts += [resume.contact.location or "", *resume.contact.links]
    for r in resume.roles:
        parts += [
            r.employer or "",
            r.title or "",
            r.start or "",
            r.end or "",
            r.location or "",
            *r.bullets,
        ]
    for e in resume.education:
        parts += [
            e.institution or "",
            e.degree or "",
            e.field or "",
            e.start or "",
            e.end or "",
            *e.details,
        ]
    parts += resume.skills + resume.certifications
    return "\n".join(p for p in parts if p)


def _posting_text(posting: JobPosting) -> str:
    parts = [
        posting.text,
        posting.title,
        posting.company or "",
        posting.location or "",
        posting.req_id or "",
    ]
    parts += posting.requirements + posting.nice_to_haves + posting.responsibilities
    parts += [posting.contact or "", posting.deadline or "", posting.url or ""]
    return "\n".join(p for p in parts if p)


def _referral_text(referral: Referral | None) -> str:
    if referral is None:
        return ""
    return "\n".join(
        p for p in (referral.contact, referral.introducer or "", referral.note or "") if p
    )


# --------------------------------------------------------------------------- numbers

_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_MULT = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
    "billion": 1e9, "hundred": 1e2,
}  # fmt: skip
_NUMBER = Gated(
    r"(?<![\w.,/:-])[$\u00a3\u20ac]?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<mult>k|m|mm|mn|bn|b|thousand|million|billion)\b)?(?:\s*(?:%|percent\b|per\s*cent\b|x\b|\+))?(?![\w/])"
    r"|(?<![\w-])(?P<word>"
    + "|".join(_WORD_NUMBERS)
    + r")(?:[\s-]+(?P<wmult>thousand|million|billion))?\b",
    _I,
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|wed|thu|fri)"
)
# Text masked before numbers are read: links, emails, phones, req ids, dates, times.
_MASK = Gated(
    _URL.source + r"|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+|\+?\d[\d\s().-]{7,}\d"
    r"|" + _REQ_ID.source + r"|\b" + _MONTHS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"\b(?:,?\s+\d{4})?"
    r"|\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b",
    _I,
)
_NOT_A_CLAIM_AFTER = re.compile(
    r"(?<!\s)\s*(?:[\w-]{1,40}\s+)?(?:minutes?|mins?|hours?\s+(?:of\s+your|call|chat)|sentences?|lines?|paragraphs?|pages?|"
    r"attachments?|files?|documents?|samples?|writing\s+samples?|references?|letters?|links?|questions?|"
    r"calls?|chats?|business\s+days|days?\s+(?:ago|from\s+now)|weeks?\s+(?:ago|from\s+now)|quick)\b",
    _I,
)
_YEARS_AFTER = re.compile(r"(?:\+|(?<!\s))\s*(?:full[- ])?years?\b", _I)


def _value(m: re.Match[str]) -> float:
    if m.group("word"):
        v = float(_WORD_NUMBERS[m.group("word").lower()])
        mult = m.group("wmult")
    else:
        v = float(m.group("num").replace(",", ""))
        mult = m.group("mult")
    if mult:
        v *= _MULT[mult.lower()]
    return round(v, 6)


def _masked(text: str) -> str:
    return _MASK.sub(lambda m: " " * len(m.group()), text)


def _number_values(text: str) -> set[float]:
    masked_text = text  # resume: dates and ids are facts too, keep them
    return {_value(m) for m in _NUMBER.finditer(masked_text)}


_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_PRESENT = re.compile(r"present|current|now|today", _I)


def _career_years(resume: Resume) -> int:
    years: list[int] = []
    for r in resume.roles:
        for v in (r.start, r.end):
            if not v:
                continue
            if _PRESENT.search(v):
                years.append(_dt.date.today().year)
            years += [int(y) for y in _YEAR.findall(v)]
    return max(years) - min(years) if years else 0


# --------------------------------------------------------------------------- entities

_ORG = re.compile(
    r"(?<![\w])(?i:at|with|for|from|joined|joining|left|leaving|consulted\s+for|interned\s+at|graduated\s+from|"
    r"studied\s+at)\s+(?:the\s+)?(?P<org>[A-Z][\w&.'\u2019-]*(?:\s+(?!I\b|I'|I\u2019)(?:[A-Z][\w&.'\u2019-]*|of|&|and|de|for)){0,5})"
)
_ORG_SKIP = re.compile(
    r"^(?:I|I'm|I've|I'd|Me|My|Our|Your|You|We|It|This|That|The|A|An|Req|Requisition|Job|Subject|Dear|Hi|"
    r"CEO|CFO|CTO|COO|CIO|CMO|CPO|CRO|VP|SVP|EVP|HR|IT|PM|QA|Board|Director|Manager|Head|"
    r"Hello|Thanks|Thank|Best|Regards|Please|" + _MONTHS + r")$",
    _I,
)
# Capitalised words after "with / for / from" that are not organisations: departments, places, quarters.
_NOT_ORG = re.compile(
    r"^(?:(?:Product|Design|Engineering|Marketing|Sales|Finance|Operations|Ops|Legal|Support|Data|Research|"
    r"Security|Leadership|Executive|Customer\s+Success|Success|Analytics|Growth|Platform|Infrastructure|IT|HR|"
    r"People|Recruiting|Talent|Compliance|Risk|Strategy|Partnerships|Procurement|Facilities|Accounting)"
    r"(?:\s*(?:,|and|&)\s*)?)+$|^(?:Q[1-4]|H[12]|FY\d{2,4}|U\.S\.?(?:A\.?)?|U\.K\.?|US|USA|UK|EU)$"
)
_TITLE_CLAIM = Gated(
    r"(?:\b(?i:as)\s+(?:an?|the|their|our|its|my)\s+|\bI(?:'m|\u2019m|\s+am|\s+was|'ve\s+been|\s+have\s+been|"
    r"\s+worked\s+as|\s+served\s+as)\s+(?:an?\s+|the\s+)?)(?P<title>(?:(?!(?i:for|to|the|a|an|in|on|at|of|with|"
    r"into|applying|apply|interested|excited|joining|join|writing|reaching|hoping|looking|keen|eager|ready|happy|"
    r"thrilled|delighted|glad|here|now|also|currently|still)\b)[\w/&-]+\s+){0,3}?(?i:"
    + "|".join(sorted(_ROLE_WORDS, key=lambda w: (-len(w), w)))  # one order in every process
    + r"))\b"
)
# Just before "as the ...": the job applied for, not one held
_ASPIRATION = re.compile(
    r"\b(?:apply(?:ing)?|join(?:ing)?|start(?:ing)?|contribut(?:e|ing)|considered|interview(?:ing)?|return(?:ing)?|"
    r"come\s+on\s+board|step(?:ping)?\s+in|(?:be|being)\s+(?:hired|brought\s+on))(?:\s+\w+){0,3}\s+as\b",
    _I,
)
# Before a skill: a negation or an aspiration, so the skill is not claimed.
_NOT_CLAIMED = re.compile(
    r"(?:n['\u2019]t\b|\b(?:not|never|no|without|yet\s+to|learn(?:ing)?|eager\s+to|excited\s+to|hope\s+to|hoping\s+to|"
    r"want\s+to|would\s+love\s+to|new\s+to|ramp(?:ing)?\s+up\s+(?:on|in)|grow\s+into|pick(?:ing)?\s+up)\b)[^.;!?]{0,30}$",
    _I,
)
_HELD = re.compile(
    r"\b(?:was|am|'m|\u2019m|been|worked|working|served|serving|employed|promoted|hired|currently|previously|"
    r"spent|joined)\b[^.!?]{0,30}$",
    _I,
)
_DEGREE = re.compile(
    r"(?P<deg>\bB\.\s?[SA]\.|\bB\.?Sc\.?|\bB\.?Eng\.?|\bB\.?Tech\b|\bM\.\s?[SA]\.|\bM\.?Sc\.?|\bM\.?Eng\.?|"
    r"\bM\.?B\.?A\b|\bPh\.?\s?D\b\.?|\bD\.?Phil\b|\b[BM][SA](?=\s+(?:in|degree)\b)|\bJ\.D\.|\bM\.D\.|"
    r"\b[Bb]achelor(?:'s|\u2019s|s)?\b|\b[Mm]aster(?:'s|\u2019s|s)\b|\bMaster\b(?=\s+(?:of|in|degree))|"
    r"\b[Dd]octorate\b|\b[Dd]octoral\s+degree\b|\b[Aa]ssociate(?:'s|\u2019s)\s+degree\b)"
)


def _degree_family(token: str) -> str:
    t = re.sub(r"[^a-z]", "", token.lower())
    if t.startswith("bachelor") or t in {"bs", "ba", "bsc", "beng", "btech"}:
        return "bachelor"
    if t.startswith("master") or t in {"ms", "ma", "msc", "meng"}:
        return "master"
    if t == "mba":
        return "mba"
    if t in {"phd", "dphil"} or t.startswith("doctor"):
        return "doctorate"
    if t.startswith("associate"):
        return "associate"
    return t


def _degree_families(text: str) -> set[str]:
    return {_degree_family(m.group("deg")) for m in _DEGREE.finditer(text)}


_CERT = Gated(
    r"\b(?P<cert>(?:AWS|Azure|Google|GCP|Salesforce|Cisco|Microsoft|Oracle|Certified)\s+(?:[A-Z][\w+-]*\s+){0,5}"
    r"(?:Certified|Certification|Certificate|Associate|Professional|Practitioner|Specialist|Architect|Administrator|"
    r"Developer|Engineer)\b|(?:PMP|CPA|CFA|CISSP|CCNA|CCNP|CKA|CKAD|PHR|SPHR|SHRM-CP|SHRM-SCP|CSM|FRM|ACCA|CIMA|"
    r"CISA|CISM|CompTIA\s+\w+\+?|ITIL|PRINCE2|Six\s+Sigma\s+(?:Green|Black|Yellow)\s+Belt)\b|"
    r"[Cc]ertified\s+(?:[A-Z][\w+-]*\s*){1,5})"
)

# --------------------------------------------------------------------------- sentences

_FIRST_PERSON = re.compile(
    r"\b(?:I|I'm|I've|I'd|I'll|I\u2019m|I\u2019ve|I\u2019d|(?i:me|my|mine|myself|we|our|us))\b"
)
_THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|him)\b", _I)
_ABOUT_THEM_WORDS = split_branches(
    r"you|your|yours|posting|job\s+description|listing|advert|ad|the\s+role|this\s+role|that\s+role|the\s+position|"
    r"this\s+position|the\s+opening|the\s+team|your\s+team|requirements?|req|requires?|required|ask(?:s|ed)?\s+for|"
    r"looking\s+for|mentions?|lists?|preferred|nice\s+to\s+have"
)
_ABOUT_THEM = re.compile(r"\b" + dispatch(_ABOUT_THEM_WORDS, _I) + r"\b", _I)
_SALUTATION = re.compile(
    r"^\s*(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening))\b[^.!?]{0,60}[,:!]?\s*$",
    _I,
)
_SIGN_OFF = re.compile(
    r"^\s*(?:best|regards|best\s+regards|kind\s+regards|warm\s+regards|thanks|thank\s+you|many\s+thanks|cheers|"
    r"sincerely|yours\s+sincerely|yours\s+truly|respectfully|with\s+thanks|all\s+the\s+best)\b[^.!?]{0,40}$",
    _I,
)
_SUBJECT_LINE = re.compile(r"^\s*(?:subject|re|fwd?|to|from|cc|date)\s*:", _I)


def _is_claim(sentence: str, names: Iterable[str]) -> bool:
    if _SALUTATION.match(sentence) or _SIGN_OFF.match(sentence) or _SUBJECT_LINE.match(sentence):
        return False
    if _FIRST_PERSON.search(sentence):
        return True
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence) for n in names) and bool(
        re.search(
            r"\b(?:has|had|is|was|built|led|worked|holds?|earned|spent|managed|designed|wrote|shipped|"
            r"created|delivered|grew|cut|reduced|increased|improved|migrated|launched|owns?|ran)\b",
            sentence,
            _I,
        )
        or _THIRD_PERSON.search(sentence)
    )


class _ResumeGround:
    """What the resume (plus the candidate's extra facts) grounds: built once per resume content."""

    __slots__ = ("career_years", "degrees", "names", "norm", "numbers", "raw", "years")

    def __init__(self, resume: Resume, facts: Sequence[str]) -> None:
        self.raw = "\n".join([resume_grounding_text(resume), *facts])
        self.norm = normalize(self.raw)
        self.numbers = frozenset(_number_values(self.raw))
        self.career_years = _career_years(resume)
        self.years = frozenset(
            _value(m) for m in _NUMBER.finditer(self.raw) if _YEARS_AFTER.match(self.raw, m.end())
        )
        self.degrees = frozenset(
            _degree_families(self.raw)
            | {_degree_family(e.degree) for e in resume.education if e.degree}
        )
        name = (resume.name or "").strip()
        self.names = tuple(n for n in {name, name.split()[0] if name else ""} if len(n) >= 2)


_resume_lock = threading.Lock()
_resume_cache: dict[tuple[bytes, tuple[str, ...], _dt.date], _ResumeGround] = {}
_RESUME_CACHE_MAX = 32


def _resume_grounds(resume: Resume, facts: tuple[str, ...], ctx: InputContext) -> _ResumeGround:
    """:class:`_ResumeGround` for ``resume`` and ``facts``, shared by every draft validated against the
    same resume whatever the posting (the key is the resume's content; today's date is in the key
    because career years count a role that ends "Present" up to today)."""
    key = (ctx.resume_key, facts, _dt.date.today())
    with _resume_lock:
        hit = _resume_cache.get(key)
    if hit is not None:
        return hit
    built = _ResumeGround(resume, facts)
    with _resume_lock:
        _resume_cache[key] = built
        while len(_resume_cache) > _RESUME_CACHE_MAX:
            del _resume_cache[next(iter(_resume_cache))]
    return built


class _Grounds:
    """Normalised grounding texts and derived facts, shared by every validation with the same resume,
    posting, referral and facts (see :func:`_grounds`), with the findings of each sentence seen."""

    def __init__(
        self,
        resume: Resume,
        posting: JobPosting | None,
        referral: Referral | None,
        facts: Sequence[str],
        ctx: InputContext,
    ) -> None:
        r = _resume_grounds(resume, tuple(facts), ctx)
        self.resume_raw = r.raw
        self.resume = r.norm
        self.posting_raw = _posting_text(posting) if posting else ""
        self.posting = normalize(self.posting_raw)
        self.referral = normalize(_referral_text(referral))
        self.resume_numbers = r.numbers
        self.posting_numbers = _number_values(self.posting_raw)
        self.career_years = r.career_years
        self.resume_years = r.years
        self.resume_degrees = r.degrees
        self.posting_degrees = _degree_families(self.posting_raw)
        self.company = posting.company if posting else None
        self.title = posting.title if posting else None
        self.names = list(r.names)
        self.sentence_cache: dict[str, list[_Finding]] = {}

    def about_them(self, sentence: str) -> bool:
        if _ABOUT_THEM.search(sentence):
            return True
        norm = normalize(sentence)
        return bool(
            (self.company and contains_phrase(norm, self.company))
            or (self.title and title_named(norm, self.title))
        )

    def is_posting_own(self, phrase: str) -> bool:
        """Is ``phrase`` the posting's own title (or its core) or company?"""
        n = normalize(phrase).strip()
        if not n:
            return False
        own = [*(title_variants(self.title) if self.title else []), self.company or ""]
        return any(o and normalize(o).strip() == n for o in own)

    def phrase_grounded(self, phrase: str, about_them: bool, *, allow_posting: bool = True) -> bool:
        if contains_phrase(self.resume, phrase) or contains_phrase(self.referral, phrase):
            return True
        return allow_posting and about_them and contains_phrase(self.posting, phrase)


def _grounds(
    resume: Resume,
    posting: JobPosting | None,
    referral: Referral | None,
    facts: Sequence[str],
    ctx: InputContext,
) -> _Grounds:
    """:class:`_Grounds` for these inputs, built once per input context and day (career years count a
    role that ends "Present" up to today)."""
    return ctx.memo(
        ("ungrounded-claim", _dt.date.today()),
        lambda: _Grounds(resume, posting, referral, facts, ctx),
    )


def _issue(kind: str, token: str, start: int, end: int, suggestion: str) -> Finding:
    return Finding(
        code="ungrounded-claim",
        severity=Severity.error,
        message=f"\u201c{token}\u201d is claimed for you ({kind}), but your resume doesn't show it.",
        start=start,
        end=end,
        suggestion=suggestion,
    )


_Finding = tuple[str, str, int, int, str]  # kind, token, start, end (in the sentence), suggestion


def _check_sentence(s: Span, g: _Grounds, seen: set[tuple[str, str]]) -> list[Finding]:
    found = g.sentence_cache.get(s.text)
    if found is None:
        found = _sentence_findings(s.text, g) if _is_claim(s.text, g.names) else []
        if len(g.sentence_cache) >= _SENTENCE_CACHE_MAX:
            g.sentence_cache.clear()
        g.sentence_cache[s.text] = found
    issues: list[Finding] = []
    for kind, token, a, b, suggestion in found:
        key = (kind, token.lower())
        if key not in seen:
            seen.add(key)
            issues.append(_issue(kind, token, s.start + a, s.start + b, suggestion))
    return issues


_SENTENCE_CACHE_MAX = 2048


def _sentence_findings(text: str, g: _Grounds) -> list[_Finding]:
    """What one sentence claims that its grounds don't show (cached per sentence and grounds)."""
    about = g.about_them(text)
    issues: list[_Finding] = []

    def add(kind: str, token: str, a: int, b: int, suggestion: str) -> None:
        issues.append((kind, token, a, b, suggestion))

    cert_spans: list[tuple[int, int]] = []
    for m in _CERT.finditer(text):
        cert = m.group("cert").strip()
        cert_spans.append((m.start("cert"), m.start("cert") + len(cert)))
        if g.phrase_grounded(cert, about):
            continue
        add(
            "a certification",
            cert,
            m.start("cert"),
            m.start("cert") + len(cert),
            "Name only certifications your resume lists.",
        )

    skill_spans: list[tuple[int, int]] = []
    for name, a, b in find_skills(text):
        skill_spans.append((a, b))
        if any(a < e and sc < b for sc, e in cert_spans):
            continue  # part of a certification's name, judged as the certification
        if skill_in(name, g.resume_raw) or (about and skill_in(name, g.posting_raw)):
            continue
        if contains_phrase(g.referral, text[a:b]):
            continue
        if _NOT_CLAIMED.search(text, max(0, a - 50), a):
            continue  # "I haven't used Kubernetes", "eager to learn Rust": not a claim
        add(
            "a skill", text[a:b], a, b, f"Remove {name}, or name a skill your resume lists instead."
        )

    masked = _masked(text)
    for m in _NUMBER.finditer(masked):
        if m.group("word") is None and not any(c.isdigit() for c in m.group()):
            continue
        if _NOT_A_CLAIM_AFTER.match(masked, m.end()):
            continue
        v = _value(m)
        if about and v in g.posting_numbers:
            continue
        if _YEARS_AFTER.match(masked, m.end()):
            # "N years" is grounded by the same figure in years, or by the resume's dated roles
            if v in g.resume_years or 0 < v <= g.career_years:
                continue
        elif v in g.resume_numbers:
            continue
        token = m.group().strip()
        add(
            "a number",
            token,
            m.start(),
            m.end(),
            "Use the figure exactly as your resume states it, or leave it out.",
        )

    for m in _ORG.finditer(text):
        org = re.sub(r"(?<!\s)(?:\s+(?:of|&|and|de|for))+$", "", m.group("org")).rstrip(".,'\u2019")
        org = re.sub(r"(?:'s|\u2019s)$", "", org)
        first = org.split()[0]
        if _ORG_SKIP.match(first) or len(org) < 2 or _NOT_ORG.match(org):
            continue
        a, b = m.start("org"), m.start("org") + len(org)
        if any(a < e and sa < b for sa, e in skill_spans):
            continue
        if g.phrase_grounded(org, about, allow_posting=True) or (
            len(first) >= 3 and g.phrase_grounded(first, about, allow_posting=True)
        ):
            continue
        # an organisation named in the posting is about them even in a first-person sentence
        if contains_phrase(g.posting, org):
            continue
        add(
            "an employer, school or organisation",
            org,
            a,
            b,
            f"Remove \u201c{org}\u201d unless it is on your resume; add it there first if it is true.",
        )

    for m in _TITLE_CLAIM.finditer(text):
        title = m.group("title")
        if any(m.start("title") < e and sc < m.end("title") for sc, e in cert_spans):
            continue
        words = title.split()
        if len(words) < 2 and not title[:1].isupper():
            continue
        # "I was a ...", "worked as ...": a title held, so the posting's own title does not ground it
        held = _HELD.search(text, max(0, m.start("title") - 40), m.start("title")) is not None
        if held and _ASPIRATION.search(text, max(0, m.start() - 30), m.start() + 3):
            held = False  # "I'm excited to apply as the Designer": the job wanted, not one held
        if not held and g.is_posting_own(title):
            continue  # the posting's own title or company is about the job, not a claim about you
        if g.phrase_grounded(title, about, allow_posting=not held):
            continue
        add(
            "a job title",
            title,
            m.start("title"),
            m.end("title"),
            "Use the job title exactly as your resume gives it.",
        )

    for m in _DEGREE.finditer(text):
        fam = _degree_family(m.group("deg"))
        if fam in g.resume_degrees or (about and fam in g.posting_degrees):
            continue
        add(
            "a degree",
            m.group("deg"),
            m.start("deg"),
            m.end("deg"),
            "Name only the degrees on your resume.",
        )

    return issues


def find_ungrounded_claims(
    text: str,
    resume: Resume,
    posting: JobPosting | None = None,
    *,
    referral: Referral | None = None,
    spans: list[Span] | None = None,
    facts: Sequence[str] = (),
    context: InputContext | None = None,
) -> list[Issue]:
    """``ungrounded-claim`` errors: numbers, employers, titles, degrees, certifications or skills claimed
    for the candidate in ``text`` that ``resume`` doesn't show.

    Uses the resume's text and all its structured fields. Things in the ``posting`` are accepted in
    sentences about the posting or company; names in the ``referral`` and anything in ``facts`` (what the
    candidate supplied besides the resume, such as a salary figure) are always accepted. One issue per
    distinct token (its first occurrence), spanning that token. ``context`` is
    :func:`~referral_ai.validators.context.input_context` of these inputs, when the caller has it.
    """
    return to_issues(
        ungrounded_claims(
            text, resume, posting, referral=referral, spans=spans, facts=facts, context=context
        )
    )


def ungrounded_claims(
    text: str,
    resume: Resume,
    posting: JobPosting | None = None,
    *,
    referral: Referral | None = None,
    spans: list[Span] | None = None,
    facts: Sequence[str] = (),
    context: InputContext | None = None,
) -> list[Finding]:
    """:func:`find_ungrounded_claims` as :class:`~referral_ai.findings.Finding` records."""
    ctx = context or input_context(posting, resume, referral, facts)
    g = _grounds(resume, posting, referral, facts, ctx)
    seen: set[tuple[str, str]] = set()
    issues: list[Finding] = []
    for s in spans if spans is not None else split_sentences(text):
        issues += _check_sentence(s, g, seen)
    issues.sort(key=lambda i: i.start)
    return issues
