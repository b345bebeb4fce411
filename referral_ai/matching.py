"""Lexical, deterministic matching of a resume against a job posting.

:func:`match` finds, for every requirement, nice-to-have and responsibility of a posting, the resume lines
(role bullets, summary sentences, skills, certifications, education) that evidence it. Text is normalised
(lowercase, a light suffix-stripping stemmer, stop words, and synonyms for common tech/business terms such
as ``k8s``/``kubernetes``), tokens are computed once per resume line, and every line is scored against every
posting item. No model, no randomness: the same inputs give the same :class:`~referral_ai.models.Fit`.

A shared term counts for how rare it is in English at large (:mod:`referral_ai.word_rarity`: "team" or
"data" little, a tool or "phlebotomy" fully); a phrase of two adjacent terms in common counts extra; one
word in common, or little weight in common, is not evidence. A tool or proper noun the item names must be
named by the line; "X or a similar Y" is met by X alone. Skills-list and education entries evidence only
the tools or degree they name (a skills entry at most partially); a degree requirement is met only by an
education entry of that degree or a higher one. :func:`fit_verdict` sums the requirements up as a
strong, partial or poor fit (``Fit.verdict``), which the writers state plainly when it is poor.

Years-of-experience requirements ("5+ years building pipelines") are checked against what the resume
states: the dates of the roles whose lines evidence the requirement, or an explicit "six years of
experience" in the resume's summary. When the resume's dates show fewer years, the requirement is a gap;
when the resume gives no dates, nothing is invented and the evidence is kept with a capped score.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from referral_ai.models import (
    STRENGTH_BANDS,
    Evidence,
    EvidenceSection,
    Fit,
    FitVerdict,
    JobPosting,
    RequirementMatch,
    Resume,
    Role,
)
from referral_ai.word_rarity import informativeness

__all__ = [
    "fit_verdict",
    "match",
    "normalize",
    "required_years",
    "resume_years",
    "stem",
    "verdict_summary",
]


def _words(text: str) -> frozenset[str]:
    """A set of whitespace-separated words (keeps long word lists readable)."""
    return frozenset(text.split())


Section = EvidenceSection
Kind = Literal["requirement", "nice_to_have", "responsibility"]

MAX_EVIDENCE = 3
"""At most this many evidence items per posting item, best first."""

MIN_SCORE = 0.35
"""Evidence below this score is dropped: the matcher's threshold (tuned on the labelled dev pairs of
``benchmarks/bench_matching.py``)."""

MIN_MASS = 0.9
"""The least weight a line must share with an item (about one rare word, or a phrase, or three
middling words): "team" (0.2) plus "data" (0.33) is coincidence."""

PHRASE_WEIGHT = 0.5
"""Added for each phrase of two adjacent item terms that the line has too."""

ITEM_MASS = 2.0
"""A long item is met in part by a line that shares this much weight with it."""

DEGREE_MET = 0.6
"""The score of an education line whose degree meets a degree requirement, before its field counts."""

# Canonical form -> aliases (lowercase). Multi-word aliases are matched as phrases before tokenising.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "kubernetes": ("k8s", "kube"),
    "postgresql": ("postgres", "psql", "pgsql"),
    "javascript": ("js", "ecmascript"),
    "typescript": ("ts",),
    "machinelearning": ("ml", "machine learning", "machine-learning"),
    "artificialintelligence": ("ai", "artificial intelligence"),
    "nlp": ("natural language processing",),
    "golang": ("go lang", "go-lang"),
    "aws": ("amazon web services",),
    "gcp": ("google cloud platform", "google cloud"),
    "azure": ("microsoft azure",),
    "cicd": (
        "ci/cd",
        "ci cd",
        "continuous integration",
        "continuous delivery",
        "continuous deployment",
    ),
    "airflow": ("apache airflow",),
    "kafka": ("apache kafka",),
    "spark": ("apache spark", "pyspark"),
    "etl": ("elt", "extract transform load"),
    "dataviz": ("data visualization", "data visualisation"),
    "sql": ("t-sql", "tsql"),
    "mssql": ("sql server", "ms sql", "microsoft sql server"),
    "nodejs": ("node.js", "node js", "node"),
    "react": ("react.js", "reactjs"),
    "dotnet": (".net", "dot net"),
    "csharp": ("c#",),
    "cplusplus": ("c++", "cpp"),
    "b2b": ("business to business", "business-to-business"),
    "b2c": ("business to consumer", "business-to-consumer"),
    "crm": ("customer relationship management",),
    "seo": ("search engine optimization", "search engine optimisation"),
    "kpi": ("kpis", "key performance indicators", "key performance indicator"),
    "okr": ("okrs", "objectives and key results"),
    "productmanagement": ("product management",),
    "ux": ("user experience",),
    "ui": ("user interface",),
    "qa": ("quality assurance",),
    "restapi": ("restful apis", "restful api", "restful", "rest apis", "rest api"),
    "llm": ("llms", "large language model", "large language models"),
    "saas": ("software as a service",),
    "gtm": ("go-to-market", "go to market"),
}

# Terms that are always "key" (tools, languages, platforms): evidence for a posting item that names one
# must name one too. Canonical forms from SYNONYMS are key as well.
TECH_TERMS: frozenset[str] = frozenset(
    {
        "python",
        "java",
        "scala",
        "kotlin",
        "rust",
        "ruby",
        "php",
        "perl",
        "swift",
        "r",
        "matlab",
        "julia",
        "sql",
        "nosql",
        "mysql",
        "sqlite",
        "oracle",
        "mongodb",
        "redis",
        "cassandra",
        "dynamodb",
        "elasticsearch",
        "snowflake",
        "bigquery",
        "redshift",
        "databricks",
        "dbt",
        "hadoop",
        "hive",
        "flink",
        "beam",
        "presto",
        "trino",
        "looker",
        "tableau",
        "powerbi",
        "excel",
        "salesforce",
        "hubspot",
        "sap",
        "jira",
        "docker",
        "terraform",
        "helm",
        "ansible",
        "jenkins",
        "github",
        "gitlab",
        "git",
        "linux",
        "bash",
        "pandas",
        "numpy",
        "pytorch",
        "tensorflow",
        "sklearn",
        "scikit",
        "django",
        "flask",
        "fastapi",
        "angular",
        "vue",
        "graphql",
        "grpc",
        "html",
        "css",
        "figma",
        "sketch",
        "photoshop",
        "lambda",
        "s3",
        "ec2",
        "kinesis",
        "pubsub",
        "rabbitmq",
        "celery",
        "dagster",
        "prefect",
        "luigi",
        "openai",
        "langchain",
        "xgboost",
        "lightgbm",
        "airbyte",
        "fivetran",
        "debezium",
        "iceberg",
        "delta",
        "ga4",
        "marketo",
        "netsuite",
        "quickbooks",
        "workday",
        "zendesk",
        "shopify",
        "cpa",
        "pmp",
        "scrum",
        "agile",
        "kanban",
        "sox",
        "gaap",
        "ifrs",
        "hipaa",
        "gdpr",
    }
    | set(SYNONYMS)
)

STOP_WORDS: frozenset[str] = _words(
    """
    a about above across after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either etc few for from further
    had has have having he her here hers him his how i if in into is it its itself just least like me more
    most much must my myself no nor not of off on once only or other our ours out over own per plus same
    she should so some such than that the their them then there these they this those through to too under
    until up upon us very via was we were what when where which while who whom why will with within without
    would you your yours yourself
    experience experienced ability able strong solid proven excellent good great demonstrated deep
    knowledge familiarity familiar proficiency proficient skill skills understanding using use used
    similar related relevant equivalent preferred required requirement requirements including include
    includes etc e g ie eg year years yr yrs least minimum new well across comfortable hands
    """
)

# Common irregular past forms on resumes -> base form (so "built" evidences "building").
IRREGULAR: dict[str, str] = {
    "built": "build",
    "led": "lead",
    "wrote": "write",
    "written": "write",
    "ran": "run",
    "made": "make",
    "grew": "grow",
    "grown": "grow",
    "drove": "drive",
    "driven": "drive",
    "taught": "teach",
    "won": "win",
    "sold": "sell",
    "began": "begin",
    "begun": "begin",
    "brought": "bring",
    "bought": "buy",
    "thought": "think",
    "spoke": "speak",
    "spoken": "speak",
    "chose": "choose",
    "chosen": "choose",
    "oversaw": "oversee",
    "overseen": "oversee",
    "held": "hold",
    "kept": "keep",
    "met": "meet",
    "found": "find",
    "shipped": "ship",
    "data": "data",
    "analyses": "analysis",
    "analysed": "analyze",
    "analyzed": "analyze",
}

_NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
}

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ational", "ate"),
    ("izations", "ize"),
    ("ization", "ize"),
    ("isation", "ize"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("tions", "t"),
    ("tion", "t"),
    ("ments", ""),
    ("ment", ""),
    ("ings", ""),
    ("ing", ""),
    ("ied", "y"),
    ("ies", "y"),
    ("ers", ""),
    ("er", ""),
    ("ors", ""),
    ("or", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
)

_DERIVATIONAL: tuple[tuple[str, str], ...] = (("ment", ""), ("er", ""), ("or", ""))

_WORD_RE = re.compile(r"[a-z0-9][a-z0-9+#]*(?:[.\-/][a-z0-9+#]+)*")
_YEARS_RE = re.compile(
    r"\b(?P<n>\d{1,2}|"
    + "|".join(_NUMBER_WORDS)
    + r")\s*\+?\s*(?:\(\d{1,2}\)\s*)?(?:or more\s+|plus\s+)?"
    r"(?:years?|yrs?)\b",
    re.IGNORECASE,
)
_DATE_RE = re.compile(
    r"(?:(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?(?P<year>(?:19|20)\d{2})"
    r"(?:[-/.](?P<mnum>\d{1,2}))?",
    re.IGNORECASE,
)
_MONTH_FIRST_RE = re.compile(r"\b(?P<mnum>\d{1,2})[/.](?P<year>(?:19|20)\d{2})\b")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_PRESENT = re.compile(r"\b(present|current|now|today|ongoing)\b", re.IGNORECASE)
_NUMERIC = re.compile(r"[\d.,+%$#]+")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def _build_phrase_re() -> tuple[re.Pattern[str], dict[str, str]]:
    alias_to_canon: dict[str, str] = {}
    for canon, aliases in SYNONYMS.items():
        for alias in aliases:
            alias_to_canon[alias] = canon
    # Longest first so "google cloud platform" wins over "google cloud".
    ordered = sorted(alias_to_canon, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![a-z0-9])(?:" + "|".join(re.escape(a) for a in ordered) + r")(?![a-z0-9+#])"
    )
    return pattern, alias_to_canon


_PHRASE_RE, _ALIAS_TO_CANON = _build_phrase_re()
_PROTECTED = TECH_TERMS | set(IRREGULAR.values())


@functools.lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """Reduce a lowercase word to a crude stem ("pipelines" -> "pipelin", "modelled" -> "model").

    Deterministic suffix stripping, good enough to make inflections meet; not a linguistic stemmer.
    Known tech terms, numbers and short words are returned unchanged. Memoised per word.
    """
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word in _PROTECTED or len(word) <= 3 or not word.isalpha():
        return word
    stripped = False
    suffixes = _SUFFIXES
    for _ in range(2):  # a second, derivational pass: "engineering" -> "engineer" -> "engin"
        for suffix, repl in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                if suffix == "s" and word.endswith(("ss", "us", "is")):
                    continue
                word = word[: -len(suffix)] + repl
                stripped = True
                break
        else:
            break
        suffixes = _DERIVATIONAL
    if stripped and len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiosz":
        word = word[:-1]  # modell -> model, cutt -> cut
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]  # migrate -> migrat (meets "migrated" / "migration")
    return word


_PLAIN_STEM = stem.__wrapped__
"""The stemmer without its memo: the vocabulary table's 38k words would evict the resume's words."""

_DEGREE_LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (4, re.compile(r"\bph\.?\s?d\b|\bdoctora(?:l|te)\b|\bd\.?\s?phil\b|\bed\.?d\b", re.IGNORECASE)),
    (
        3,
        re.compile(
            r"\bmaster(?:['\u2019]?s)?\b|\bm\.\s?sc?\.?(?!\w)|\bm\.a\.|\bmsc\b|\bmba\b|\bm\.?\s?phil\b"
            r"|\bm\.?\s?eng\b",
            re.IGNORECASE,
        ),
    ),
    (
        2,
        re.compile(
            r"\bbachelor(?:['\u2019]?s)?\b|\bb\.\s?sc?\.?(?!\w)|\bb\.a\.|\bbsc\b|\bb\.?\s?eng\b"
            r"|\bundergraduate degree\b|\b(?:a|an|university|college|relevant|related)\s+degree\b"
            r"|\bdegree in\b",
            re.IGNORECASE,
        ),
    ),
    (1, re.compile(r"\bassociate(?:['\u2019]?s)? degree\b", re.IGNORECASE)),
)

_BARE_DEGREES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (3, re.compile(r"\b(?:MS|MA|MEng)\b")),
    (2, re.compile(r"\b(?:BS|BA|BEng|AB)\b")),
)
"""Unpunctuated abbreviations, read as degrees only on an education line ("MS Office" is no degree)."""

_DEGREE_TERMS = _words(
    "degre bachel bachelor master phd doctoral doctorate msc bsc mba ph d b s m sc"
)
"""Tokens that name a degree rather than its field (the field decides how well a degree fits)."""

_SOFT_SKILL = re.compile(
    r"communicat|team ?work|team player|in a team|interpersonal|organi[sz]ation(?:al)? skills|"
    r"\borgani[sz]ed\b|motivat|independen|self-start|detail-oriented|attention to detail|"
    r"collaborat|multi-?task|time management|fast-paced|enthusias|passion|proactive|flexib|adaptab|"
    r"problem[- ]solving|\benglish\b|written and (?:oral|spoken|verbal)|\bverbal\b|work ethic|"
    r"conscientious|willingness|eager",
    re.IGNORECASE,
)


def degree_level(text: str, *, education: bool = False) -> int:
    """The highest degree ``text`` names: 4 doctorate, 3 master's, 2 bachelor's (or "a degree in"),
    1 associate's, 0 none. ``education``: an education line, where a bare "MS" or "BA" is a degree."""
    patterns = (*_DEGREE_LEVELS, *_BARE_DEGREES) if education else _DEGREE_LEVELS
    return max((level for level, rx in patterns if rx.search(text)), default=0)


def soft_skill(text: str) -> bool:
    """True when a posting item asks for a trait ("excellent communication", "work independently",
    "fluent English") rather than a skill a resume line can show: no tool or proper noun is named."""
    return bool(_SOFT_SKILL.search(text)) and not any(t in TECH_TERMS for t in normalize(text))


def normalize(text: str) -> list[str]:
    """Tokens of ``text``: lowercase, synonyms folded to one canonical form, stop words dropped, stemmed.

    Order is kept and duplicates are not removed. Numbers are kept (so "40" meets "40").
    """
    low = text.lower().replace("\u2019", "'")
    low = _PHRASE_RE.sub(lambda m: f" {_ALIAS_TO_CANON[m.group(0)]} ", low)
    out: list[str] = []
    for raw in _WORD_RE.findall(low):
        out.extend(_word_tokens(raw))
    return out


@functools.lru_cache(maxsize=16384)
def _word_tokens(raw: str) -> tuple[str, ...]:
    """The tokens one raw word of :func:`normalize` yields (none, one, or its parts); memoised."""
    word = raw.strip(".-/")
    if word.endswith("'s"):
        word = word[:-2]
    if not word or word in STOP_WORDS:
        return ()
    canon = _ALIAS_TO_CANON.get(word)
    if canon is not None:
        return (canon,)
    if "/" in word or ("-" in word and not any(c.isdigit() for c in word)):
        # "batch/streaming", "data-driven": index the parts as well.
        return tuple(
            _ALIAS_TO_CANON.get(part) or stem(part)
            for part in re.split(r"[/-]", word)
            if part and part not in STOP_WORDS
        )
    return (stem(word),)


KEY_WEIGHT = 0.6
"""A resume skill or capitalised word is a key (evidence must name it) only when it is at least this
rare in English: "Python" and "Salesforce" are, "Protection", "Minimum" and "Work" are not."""


def _key_terms(text: str, extra_keys: frozenset[str], tokens: Sequence[str]) -> set[str]:
    """Tokens of ``text`` (normalised: ``tokens``) that name a tool, language or proper noun (which
    evidence must then name): a known tool, or a resume skill or capitalised word (not the item's
    first) that is a rare word."""
    keys: set[str] = set()
    for tok in tokens:
        if tok in TECH_TERMS or (tok in extra_keys and term_weight(tok) >= KEY_WEIGHT):
            keys.add(tok)
    # Capitalised words that do not start the item (proper nouns: "Kubernetes", "Salesforce", "SQL").
    words = re.findall(r"[A-Za-z][A-Za-z0-9+#.\-]*", text)
    for i, w in enumerate(words):
        if i == 0 and not w.isupper():
            continue
        if w[0].isupper():
            for tok in (t for raw in _WORD_RE.findall(w.lower()) for t in _word_tokens(raw)):
                if not tok.isdigit() and (w.isupper() or term_weight(tok) >= KEY_WEIGHT):
                    keys.add(tok)
    return keys


# --------------------------------------------------------------------------- years of experience


def required_years(text: str) -> int | None:
    """The number of years a requirement asks for ("5+ years ..." -> 5; "five years" -> 5), else None."""
    m = _YEARS_RE.search(text)
    if not m:
        return None
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _NUMBER_WORDS.get(n)


def _parse_point(text: str | None, *, today: date, end: bool) -> float | None:
    """A role date as a fractional year (``2021`` -> 2021.0, ``Mar 2021`` -> 2021.17), or None."""
    if not text:
        return None
    if _PRESENT.search(text):
        return today.year + (today.month - 1) / 12
    m = _MONTH_FIRST_RE.search(text)
    if m:
        return int(m.group("year")) + (min(max(int(m.group("mnum")), 1), 12) - 1) / 12
    m = _DATE_RE.search(text)
    if not m:
        return None
    year = int(m.group("year"))
    if m.group("mon"):
        return year + (_MONTHS[m.group("mon").lower()[:3]] - 1) / 12
    if m.group("mnum"):
        return year + (min(max(int(m.group("mnum")), 1), 12) - 1) / 12
    # A bare year: its start for a start date, its start too for an end date (conservative: "2018-2021" = 3).
    return float(year)


def resume_years(roles: Iterable[Role], *, today: date | None = None) -> float | None:
    """Years covered by ``roles`` according to their stated dates (overlaps counted once).

    Returns None when no role states a usable start date: nothing is inferred. A role with a start but no
    end counts only when its end says "Present"/"Current"; an open end otherwise contributes nothing.
    """
    today = today or date.today()
    spans: list[tuple[float, float]] = []
    any_dated = False
    for role in roles:
        start = _parse_point(role.start, today=today, end=False)
        if start is None:
            continue
        any_dated = True
        finish = _parse_point(role.end, today=today, end=True)
        if finish is None or finish < start:
            continue
        spans.append((start, finish))
    if not any_dated:
        return None
    spans.sort()
    total = 0.0
    cur_start: float | None = None
    cur_end = 0.0
    for s, e in spans:
        if cur_start is None or s > cur_end:
            if cur_start is not None:
                total += cur_end - cur_start
            cur_start, cur_end = s, e
        else:
            cur_end = max(cur_end, e)
    if cur_start is not None:
        total += cur_end - cur_start
    return total


def _stated_years(text: str) -> int | None:
    """Years the resume states in words ("six years of experience"), else None."""
    best: int | None = None
    for m in _YEARS_RE.finditer(text):
        tail = text[m.end() : m.end() + 20].lower()
        if "experience" not in tail and "of " not in tail[:4]:
            continue
        n = m.group("n").lower()
        value = int(n) if n.isdigit() else _NUMBER_WORDS.get(n)
        if value is not None and (best is None or value > best):
            best = value
    return best


# --------------------------------------------------------------------------- resume lines


@dataclass(frozen=True)
class _Line:
    text: str
    section: Section
    role_index: int | None
    employer: str | None
    title: str | None
    tokens: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    """Adjacent tokens ("machin learn", "content design"): a phrase in common says more than its words."""
    degree: int
    """The highest degree level the line names (:func:`degree_level`), 0 when none."""


_SECTION_WEIGHT: dict[str, float] = {
    "role": 1.0,
    "summary": 0.9,
    "certifications": 0.9,
    "education": 0.8,
    "projects": 0.9,
    "skills": 0.7,
}

_LISTED: frozenset[str] = frozenset({"skills", "education"})
"""Sections whose entries name things rather than show them done."""

SKILLS_CAP = 0.45
"""A skills-list entry names a tool; it does not show it used: at most partial evidence."""


def _education_line(edu_degree: str | None, edu_field: str | None, institution: str | None) -> str:
    degree = " ".join(p for p in (edu_degree, edu_field) if p)
    return ", ".join(p for p in (degree, institution) if p)


_index_lock = threading.Lock()
_index_cache: dict[bytes, tuple[list[_Line], frozenset[str]]] = {}
_INDEX_MAX = 32


def _resume_index(resume: Resume) -> tuple[list[_Line], frozenset[str]]:
    """The resume's normalised lines and skill tokens: built once per resume content, then shared by
    every posting matched against it (a batch matches one resume against many postings)."""
    key = resume.__pydantic_serializer__.to_json(resume)  # models are mutable: key on content
    with _index_lock:
        hit = _index_cache.get(key)
    if hit is not None:
        return hit
    built = (
        _resume_lines(resume),
        frozenset(t for s in resume.skills for t in normalize(s)),
    )
    with _index_lock:
        _index_cache[key] = built
        while len(_index_cache) > _INDEX_MAX:
            del _index_cache[next(iter(_index_cache))]
    return built


def _resume_lines(resume: Resume) -> list[_Line]:
    lines: list[_Line] = []

    def add(
        text: str,
        section: Section,
        idx: int | None = None,
        role: Role | None = None,
        title: str | None = None,
    ) -> None:
        text = text.strip()
        if not text:
            return
        seq = normalize(text)
        if seq:
            lines.append(
                _Line(
                    text,
                    section,
                    idx,
                    role.employer if role else None,
                    role.title if role else title,
                    frozenset(seq),
                    frozenset(itertools.pairwise(seq)),
                    degree_level(text, education=True) if section == "education" else 0,
                )
            )

    for i, role in enumerate(resume.roles):
        for bullet in role.bullets:
            add(bullet, "role", i, role)
    if resume.summary:
        for sentence in _SENTENCE_RE.split(resume.summary.strip()):
            add(sentence, "summary")
    for cert in resume.certifications:
        add(cert, "certifications")
    for edu in resume.education:
        add(_education_line(edu.degree, edu.field, edu.institution), "education")
        for detail in edu.details:
            add(detail, "education")
    for project in resume.projects:
        # a project's evidence carries its name where a role's carries the job title
        if project.description:
            add(project.description, "projects", title=project.name)
        for highlight in project.highlights:
            add(highlight, "projects", title=project.name)
    for skill in resume.skills:
        add(skill, "skills")
    return lines


# --------------------------------------------------------------------------- scoring


def _weights(tokens: Sequence[str], keys: set[str]) -> dict[str, float]:
    """Each distinct term of a posting item and what sharing it says: 1 for a tool or proper noun the
    item names, else how rare the word is in English (:func:`~referral_ai.word_rarity.informativeness`)."""
    weights: dict[str, float] = {}
    for tok in tokens:
        if _NUMERIC.fullmatch(tok):
            continue  # "5+" in "5+ years" is handled as years, not as a term
        weights[tok] = 1.0 if tok in keys or tok in TECH_TERMS else term_weight(tok)
    return weights


def term_weight(token: str) -> float:
    """What a shared (normalised) term says: how rare it is in general English, 0.05..1."""
    return informativeness(token, _PLAIN_STEM)


@dataclass(frozen=True)
class _Item:
    """A posting item prepared for scoring: its terms and weights, phrases, keys, degree level."""

    weights: dict[str, float]
    pairs: frozenset[tuple[str, str]]
    keys: set[str]
    total: float
    degree: int
    head: _Item | None
    """The item without the alternative it allows (:func:`_head`), scored too; the better counts."""


_ALTERNATIVE_TAIL = re.compile(
    r"[\s,(]*\bor\s+(?:another\b|(?:(?:an?|any|some)\s+)?(?:closely\s+)?"
    r"(?:similar|other|comparable|equivalent|related)\b).*$",
    re.IGNORECASE | re.DOTALL,
)
"""An alternative the item allows ("Airflow or a similar scheduler", "Snowflake or another cloud
warehouse", "Python (or similar)"): a line naming the first need not name the rest."""


def _head(text: str) -> str | None:
    """The item before an allowed alternative, when it has one and names something before it."""
    head = _ALTERNATIVE_TAIL.sub("", text).strip()
    return head if head and head != text.strip() else None


def _prepare(text: str, skill_keys: frozenset[str]) -> _Item:
    tokens = normalize(text)
    keys = _key_terms(text, skill_keys, tokens)
    weights = _weights(tokens, keys)
    kept = [t for t in tokens if t in weights]
    head = _head(text)
    prepared_head = _prepare(head, skill_keys) if head else None
    return _Item(
        weights=weights,
        pairs=frozenset(itertools.pairwise(kept)),
        keys=keys,
        total=sum(weights.values()),
        degree=degree_level(text),
        head=prepared_head if prepared_head is not None and prepared_head.weights else None,
    )


def _score(item: _Item, line: _Line) -> tuple[float, list[str]]:
    """The better of the item's score and its head's (the item without an allowed alternative)."""
    best = _score_one(item, line)
    if item.head is not None:
        head = _score_one(item.head, line)
        if head[0] > best[0]:
            return head
    return best


def _score_one(item: _Item, line: _Line) -> tuple[float, list[str]]:
    """How well ``line`` evidences ``item``, 0..1, and the item's terms it shares.

    The shared terms' weight (rare words count, common ones hardly), plus each shared phrase of two
    adjacent terms, over the item's weight, capped at :data:`ITEM_MASS` so that one clause of a long
    item can be met. Never evidence: a line without a tool or proper noun the item names, less than
    :data:`MIN_MASS` in common, a single word in common with an item of more than two terms (unless
    it names the item's tool), a degree requirement met by a lower degree or by a line that is not
    education, or a skills or education entry that names none of the item's tools.
    """
    weights = item.weights
    if item.degree:
        if line.degree < item.degree:
            return 0.0, []  # a degree is evidenced by that degree or a higher one, nothing else
        field = [t for t in weights if t in line.tokens and t not in _DEGREE_TERMS]
        wanted = sum(w for t, w in weights.items() if t not in _DEGREE_TERMS)
        share = min(1.0, sum(weights[t] for t in field) / min(wanted, ITEM_MASS)) if wanted else 1.0
        # the degree is met; how much of the field it shares decides the rest
        return (DEGREE_MET + (1 - DEGREE_MET) * share) * _SECTION_WEIGHT[line.section], field
    matched = [t for t in weights if t in line.tokens]
    if not matched:
        return 0.0, []
    named = any(t in item.keys for t in matched)
    if item.keys and not named:
        return 0.0, []  # the item names a tool/proper noun; a line without it is not evidence
    if not named and len(matched) < 2 and len(weights) > 2:
        return 0.0, []  # one word in common is coincidence, however rare
    if not named and line.section in _LISTED:
        return 0.0, []  # a skills or education entry evidences the tool or degree it names, no more
    mass = sum(weights[t] for t in matched)
    phrases = sum(1 for p in item.pairs if p in line.pairs)
    if mass + PHRASE_WEIGHT * phrases < MIN_MASS:
        return 0.0, []  # words in common, not evidence
    raw = min(1.0, (mass + PHRASE_WEIGHT * phrases) / min(item.total, ITEM_MASS))
    score = raw * _SECTION_WEIGHT[line.section]
    if line.section == "skills":
        score = min(score, SKILLS_CAP)
    return score, matched


def _match_item(
    text: str,
    kind: Kind,
    lines: list[_Line],
    resume: Resume,
    skill_keys: frozenset[str],
    today: date,
) -> RequirementMatch:
    prepared = _prepare(text, skill_keys)
    weights = prepared.weights
    scored: list[tuple[float, int, _Line, list[str]]] = []
    if weights:
        for order, line in enumerate(lines):
            score, matched = _score(prepared, line)
            if score >= MIN_SCORE:
                scored.append((score, order, line, matched))

    years_needed = required_years(text)
    years_note: str | None = None
    if years_needed is not None:
        relevant_roles = sorted(
            {ln.role_index for _, _, ln, _ in scored if ln.role_index is not None}
        )
        if not weights:  # "5+ years of experience": every role counts
            relevant_roles = list(range(len(resume.roles)))
        dated = resume_years((resume.roles[i] for i in relevant_roles), today=today)
        stated = _stated_years(resume.summary or "")
        if not weights and stated is not None:
            # The whole requirement is a number of years; the summary sentence stating it is the evidence.
            for order, line in enumerate(lines):
                if line.section == "summary" and _stated_years(line.text) is not None:
                    scored.append((0.9, order, line, [f"{stated} years"]))
        best_years = max(
            (y for y in (dated, float(stated) if stated is not None else None) if y is not None),
            default=None,
        )
        if best_years is None:
            # The resume states no dates: keep lexical evidence, but do not let it look like a full match.
            scored = [(min(s, 0.5), o, ln, m) for s, o, ln, m in scored]
        elif best_years + 1e-9 < years_needed:
            scored = []  # the resume's own dates show fewer years than asked: a gap, not evidence
        else:
            years_note = f"{math.floor(best_years + 1e-9)}+ years"
            if not weights and dated is not None:
                for order, line in enumerate(lines):
                    if line.role_index in relevant_roles and line.section == "role":
                        scored.append((0.6, order, line, []))
                        break

    best: dict[str, tuple[float, int, _Line, list[str]]] = {}
    for item in scored:
        prev = best.get(item[2].text)
        if prev is None or item[0] > prev[0]:
            best[item[2].text] = item
    ranked = sorted(best.values(), key=lambda it: (-it[0], it[1]))[:MAX_EVIDENCE]
    evidence = [
        Evidence(
            text=line.text,
            employer=line.employer,
            title=line.title,
            section=line.section,
            score=round(min(max(score, 0.0), 1.0), 4),
            matched_terms=[*matched, *([years_note] if years_note else [])],
        )
        for score, _, line, matched in ranked
    ]
    return RequirementMatch(requirement=text, kind=kind, evidence=evidence)


def _matched_skills(posting: JobPosting, resume: Resume) -> list[str]:
    corpus = " \n".join(
        [
            posting.title,
            posting.text,
            *posting.requirements,
            *posting.nice_to_haves,
            *posting.responsibilities,
        ]
    )
    tokens = normalize(corpus)
    posting_tokens = set(tokens)
    sequence = f" {' '.join(tokens)} "
    out: list[str] = []
    seen: set[str] = set()
    for skill in resume.skills:
        toks = normalize(skill)
        key = " ".join(toks)
        if not toks or key in seen:
            continue
        if len(toks) == 1:
            # one word: the posting names it, and it says something ("Python", not "support")
            named = toks[0] in posting_tokens and (
                toks[0] in TECH_TERMS or term_weight(toks[0]) >= KEY_WEIGHT
            )
        else:
            # several words: the posting names them together, in this order ("end user support" is
            # not named by a posting that says "end", "user" and "support" apart)
            named = f" {key} " in sequence
        if named:
            seen.add(key)
            out.append(skill)
    return out


def match(posting: JobPosting, resume: Resume, *, today: date | None = None) -> Fit:
    """Match ``resume`` against ``posting``: evidence per posting item, matched skills, required materials.

    Every requirement, nice-to-have and responsibility gets a :class:`RequirementMatch` (in posting order)
    with up to three :class:`Evidence` lines, best first, each quoting the resume verbatim (education
    entries are "degree field, institution"). Requirements without evidence are ``Fit.gaps``. ``today``
    fixes what "Present" means in role dates (default: the current date). Deterministic and model-free.
    """
    today = today or date.today()
    lines, skill_keys = _resume_index(resume)
    matches: list[RequirementMatch] = []
    for kind, items in (
        ("requirement", posting.requirements),
        ("nice_to_have", posting.nice_to_haves),
        ("responsibility", posting.responsibilities),
    ):
        for item in items:
            if item.strip():
                matches.append(_match_item(item.strip(), kind, lines, resume, skill_keys, today))  # type: ignore[arg-type]
    return Fit(
        matches=matches,
        matched_skills=_matched_skills(posting, resume),
        required_materials=list(posting.required_materials),
    )


# --------------------------------------------------------------------------- the overall verdict

_CREDIT: dict[str, float] = {"strong": 1.0, "partial": 0.6, "weak": 0.3, "gap": 0.0}
"""What a requirement of each strength counts towards the verdict."""

VERDICT_BANDS: tuple[tuple[float, FitVerdict], ...] = ((0.4, "strong"), (0.15, "partial"))
"""Lowest credit (mean of :data:`_CREDIT` over the requirements) of a strong and a partial fit;
below, poor. Set on the dev pairs of ``benchmarks/bench_matching.py``."""


def _judged(fit: Fit) -> list[RequirementMatch]:
    """The items a verdict weighs: the requirements (or every item when the posting lists none),
    less the traits (:func:`soft_skill`) while others remain: resume lines show skills, and a word in
    common says nothing of a trait either way."""
    items = _weighed(fit)
    return [m for m in items if not soft_skill(m.requirement)] or items


def _weighed(fit: Fit) -> list[RequirementMatch]:
    return [m for m in fit.matches if m.kind == "requirement"] or list(fit.matches)


def fit_verdict(fit: Fit) -> FitVerdict:
    """``strong`` / ``partial`` / ``poor`` from how well the requirements are evidenced; ``unknown``
    when the posting gave nothing to weigh (no requirement, duty or nice-to-have was read)."""
    judged = _judged(fit)
    if not judged:
        return "unknown"
    credit = sum(_CREDIT[m.strength] for m in judged) / len(judged)
    return next((name for low, name in VERDICT_BANDS if credit >= low), "poor")


def verdict_summary(fit: Fit) -> str:
    """One plain line: the verdict and the count behind it ("poor fit: 1 of 7 requirements evidenced,
    none strongly")."""
    verdict = fit_verdict(fit)
    if verdict == "unknown":
        return "fit unknown: no requirements were read from the posting"
    judged = _judged(fit)
    what = "requirements" if any(m.kind == "requirement" for m in judged) else "posting items"
    met = sum(m.met for m in judged)
    strong_low = STRENGTH_BANDS[0][0]
    strongly = sum(m.score >= strong_low for m in judged)
    tail = f"{strongly} strongly" if strongly else "none strongly"
    traits = len(_weighed(fit)) - len(judged)
    aside = f" ({traits} trait{'s' if traits != 1 else ''} such as communication not weighed)"
    return (
        f"{verdict} fit: {met} of {len(judged)} {what} evidenced, {tail}{aside if traits else ''}"
    )
