"""The offline writer: deterministic drafts from the resume, the posting and the fit, no model.

Every sentence is assembled from facts the inputs state: the posting's exact title, req id, link,
company and deadline; the referral's names; the resume's own bullets (quoted verbatim, or turned into a
first/third-person sentence by lowercasing the leading verb: "Migrated 40 jobs..." -> "I migrated 40
jobs..."), its employers and titles, and the skills both the resume and the posting name. A requirement
without evidence is simply not mentioned. Nothing is a placeholder: a missing name becomes "Hello,".

Materials the posting requires are all addressed (see :func:`material_attachments`): files the candidate
sends are listed as attachments; materials that are not files (salary expectations, screening answers,
work authorization...) get an honest note of how they will be provided, never an invented figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import PurePath

from referral_ai.inputs.language import foreign_resume
from referral_ai.inputs.materials import application_route
from referral_ai.inputs.report import role_named
from referral_ai.matching import required_years
from referral_ai.models import (
    FILE_MATERIALS,
    Attachment,
    Draft,
    DraftContext,
    DraftKind,
    Evidence,
    Fit,
    JobPosting,
    Material,
    MaterialRequirement,
    RequirementMatch,
    Resume,
    Role,
)
from referral_ai.style import Formality, Tone, length_bounds
from referral_ai.validators._text import word_count

__all__ = [
    "OfflineWriter",
    "attachment_lines",
    "candidate_name",
    "display_name",
    "first_name",
    "material_attachments",
    "role_reference",
    "same_person",
    "suggested_filename",
    "the_role",
]


def _words(text: str) -> frozenset[str]:
    """A set of whitespace-separated words (keeps long word lists readable)."""
    return frozenset(text.split())


# Past-tense verbs that open resume bullets without ending in "-ed".
_IRREGULAR_PAST = _words(
    """
    built led wrote ran made grew drove taught won sold began brought held kept spoke cut set put oversaw
    rebuilt rewrote overhauled took gave saw shipped bought chose found met sent spent split upheld
    was
    """
)
# Base-form verbs that open present-tense bullets ("Lead a team of 5").
_BASE_VERBS = _words(
    """
    analyze analyse architect automate build coach coordinate create define deliver deploy design develop
    direct drive establish grow handle implement improve lead maintain manage mentor migrate model monitor
    negotiate operate optimize optimise orchestrate organize oversee own partner plan present produce
    prototype publish recruit reduce research review run scale ship streamline supervise support teach test
    train write
    """
)
# Further verbs that open responsibilities ("Partner with ...", "Review ...").
_DUTY_VERBS = _words(
    """
    act advise assist collaborate communicate conduct contribute ensure evaluate identify lead
    liaise prepare provide raise report respond serve set track work
    """
)
_NOT_PAST = frozenset(
    {"seed", "need", "speed", "feed", "red", "bed", "shed", "embed", "proceed", "exceed"}
)
_HONORIFICS = frozenset(
    {"dr", "dr.", "prof", "prof.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "mx", "mx."}
)
_LEAD_INS = re.compile(
    r"^(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*(?:years?|yrs?)\s*"
    r"(?:of\s+)?(?:(?:professional|industry|hands-on|relevant|proven)\s+)?(?:experience\s+)?"
    r"(?:(?:in|with|of|as|on|doing)\s+)?|(?:(?:strong|solid|proven|demonstrated|deep|excellent|good|"
    r"hands-on|professional|practical|extensive)\s+)*(?:(?:experience|expertise|knowledge|familiarity|"
    r"proficiency|background|skills?|track record)\s+(?:with|in|of|using|building)\s+)?)",
    re.IGNORECASE,
)
_NOUN_PHRASE_SUMMARY = re.compile(
    r"^[A-Z][a-z\-]+(?: [a-z][a-z\-]+){0,3} (?:with|who|specializing|specialising|focused)\b"
)
_COMMON_LEADS = _words(
    """
    a an the ability at least advanced bachelor's bachelors master's masters degree excellent exceptional
    experience expertise familiarity knowledge proficiency understanding working written verbal clear
    comfort comfortable track record background skill skills fluency fluent high demonstrated proven
    strong solid deep practical hands-on professional prior previous relevant some basic exposure
    """
)
_LINK_WORDS = re.compile(r"\b(link|url|github|gitlab|online|website|site)\b", re.IGNORECASE)
#: A posting sentence saying a material goes in the application form, portal or system.
_FORM_WORDS = re.compile(
    r"\b(?:form|portal|online|system|questionnaire|when (?:you )?apply)\b", re.IGNORECASE
)
#: Hosts whose links in a resume count as a code sample / a portfolio.
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "sr.ht")
PORTFOLIO_HOSTS = ("behance.net", "dribbble.com", "portfolio", "carbonmade", "cargo.site")


_COVER_LETTER_MAX_EVIDENCE = 3
# The longest resume line a draft states as one sentence (a longer one is a paragraph or a misread).
_MAX_CLAIM_WORDS = 45
# A resume line without a verb shorter than this is a heading or an area of work, not a claim.
_MIN_FRAGMENT_WORDS = 6
# Where one sentence ends and another starts inside a line ("... our product. My goal is ...");
# "U.S. Army" is not one (the word before the stop must be three lower-case letters or more).
_SENTENCE_BREAK = re.compile(r"[a-z]{3}[.!?] +[A-Z]")
# The note of a non-file material the posting says goes in its application form.
_FORM_NOTE = "addressed in the application form"
_WITH_APPLICATION = "I will provide them with my application"
#: A references note when the posting allows them on request.
ON_REQUEST = "available on request"
_ON_REQUEST_RE = re.compile(r"\b(?:up)?on request\b", re.IGNORECASE)


# --------------------------------------------------------------------------- small helpers


def role_reference(posting: JobPosting) -> str:
    """The exact role as an ask names it: ``"Senior Data Engineer (R-4821)"``; the title alone without an id.

    A purely numeric id is written ``"(Req 4821)"`` so it reads as an id. A title written all in
    capitals is shown as a sentence shows it (see :func:`display_name`).
    """
    title = display_name(posting.title)
    return f"{title} ({_req_label(posting)})" if posting.req_id else title


def _req_label(posting: JobPosting) -> str:
    rid = (posting.req_id or "").strip()
    return rid if any(c.isalpha() for c in rid) else f"Req {rid}"


# Words that already say "a post": a title holding one needs no "role" after it.
_POSITION_NOUNS = _words(
    """
    position positions role roles fellowship fellowships scholarship scholarships professorship
    professorships studentship studentships vacancy vacancies opening openings
    """
)


def the_role(posting: JobPosting) -> str:
    """The role as a sentence names it: ``"the Senior Data Engineer role (R-4821)"``.

    A title that already names a post ("Postdoctoral position in ...", "Design Fellowship") gets no
    "role"; a title with a colon in it ("Postdoc: A Prototype ...") is quoted, so the sentence still
    reads ("the “Postdoc: A Prototype ...” role").
    """
    title = display_name(posting.title)
    words = {w.strip(".,;:()").casefold() for w in title.split()}
    if ": " in title:
        phrase = f"the \u201c{title}\u201d" + ("" if words & _POSITION_NOUNS else " role")
    else:
        phrase = f"the {title}" + ("" if words & _POSITION_NOUNS else " role")
    return f"{phrase} ({_req_label(posting)})" if posting.req_id else phrase


# Short words a capitalised name keeps in lower case ("Department of Mathematics").
_SMALL_WORDS = _words(
    "a an and as at by de del der des di du for from in la le of on or the to und y"
)


def display_name(text: str | None) -> str:
    """A title, employer or name written all in capitals ("MIDDLEBURY COLLEGE, DEPARTMENT OF
    MATHEMATICS") as a sentence shows it ("Middlebury College, Department of Mathematics").

    Only text with at least two words of four letters or more, every letter a capital, is changed:
    short words that are not small words stay as written (acronyms: "UK", "CHC"), so "NASA" or
    "SANOFI CHC UK" stay as they are. Anything else is returned as given (stripped).
    """
    text = (text or "").strip()
    letters = [c for c in text if c.isalpha()]
    long_words = [w for w in text.split() if sum(c.isalpha() for c in w) >= 4]
    if not letters or len(long_words) < 2 or not all(c.isupper() for c in letters):
        return text
    out: list[str] = []
    for i, word in enumerate(text.split()):
        core = word.strip(".,;:()&/-")
        if i and core.lower() in _SMALL_WORDS:
            out.append(word.lower())
        elif sum(c.isalpha() for c in core) <= 3:
            out.append(word)
        else:
            out.append(re.sub(r"[A-Z]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), word))
    return " ".join(out)


def _title_in_prose(title: str | None) -> str:
    """A resume title inside a sentence: capitals as a sentence shows them, and "A | B" as "A / B"."""
    return display_name(title).replace(" | ", " / ")


def candidate_name(resume: Resume) -> str | None:
    """The candidate's name as the resume states it, or None."""
    name = (resume.name or resume.contact.name or "").strip()
    return name or None


def person(name: str | None) -> str | None:
    """``name`` when it is a person's name; None for blanks and e-mail addresses (never greet those)."""
    if not name or not name.strip() or "@" in name:
        return None
    return name.strip()


def first_name(full: str | None) -> str | None:
    """How to greet someone: the first name, or honorific + surname ("Mr. Brooks") when it has one."""
    if not full or not full.strip():
        return None
    parts = full.split()
    if parts[0].lower() in _HONORIFICS:
        return formal_name(full)
    return parts[0]


def formal_name(full: str | None) -> str | None:
    """How a letter addresses someone: "Mr. Alan Brooks" → "Mr. Brooks"; names without an honorific as given."""
    if not full or not full.strip():
        return None
    parts = full.split()
    if parts[0].lower() in _HONORIFICS and len(parts) > 2:
        return f"{parts[0]} {parts[-1]}"
    return full.strip()


def suggested_filename(kind: DraftKind | str, ctx: DraftContext, ext: str) -> str:
    """A file name for an exported document: ``Jordan-Lee-Senior-Data-Engineer-CoverLetter.docx``.

    The output plan's naming (:mod:`referral_ai.export.plan`), so a draft lists the files under the
    names they are saved under. ``ext`` is given with or without the dot.
    """
    from referral_ai.export.plan import document_name

    return document_name(ctx, kind, ext)


def _at_company(posting: JobPosting) -> str:
    return f" at {_the(display_name(posting.company))}" if posting.company else ""


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(text: str) -> str:
    text = text.strip().rstrip(";,:")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _clean_bullet(text: str) -> str:
    return re.sub(r"^[\s\-\u2022*\u00b7\u25aa\u25cf]+", "", text).strip().rstrip(".;, ")


def _verb_form(word: str) -> str | None:
    """``"past"`` or ``"base"`` when ``word`` is a verb that can open a first-person sentence, else None."""
    low = word.lower()
    if not word[:1].isupper() and not word[:1].islower():
        return None
    if word[1:] and not word[1:].islower():
        return None  # "ETL", "iOS": not a verb
    if low in _IRREGULAR_PAST or (low.endswith("ed") and len(low) > 4 and low not in _NOT_PAST):
        return "past"
    if low.replace("-", "") in _BASE_VERBS:
        return "base"
    return None


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in tuple("aeiou"):
        return verb[:-1] + "ies"
    return verb + "s"


def _is_current(role: Role) -> bool:
    return bool(role.end and re.search(r"present|current|now|today", role.end, re.IGNORECASE))


def _role_for(resume: Resume, ev: Evidence) -> Role | None:
    for role in resume.roles:
        if ev.text.strip() in (b.strip() for b in role.bullets) and role.employer == ev.employer:
            return role
    return None


def _claim(ev: Evidence, resume: Resume, subject: str | None) -> str | None:
    """One sentence stating ``ev``: first person when ``subject`` is None, else third person.

    Returns None when the line cannot be stated without changing its words (third person only).
    """
    text = _clean_bullet(ev.text)
    if (
        not text
        or "\n" in text
        or len(text.split()) > _MAX_CLAIM_WORDS
        or _SENTENCE_BREAK.search(text)
    ):
        return None  # a block of lines or a paragraph: not one line to state in a sentence
    if ev.section == "role":
        role = _role_for(resume, ev)
        if role is not None and not role_named(resume, role):
            return (
                None  # its title or employer is a misread (a web address, a heading): never named
            )
        where = _at_employer(ev.employer)
        words = text.split(maxsplit=1)
        form = _verb_form(words[0])
        rest = words[1] if len(words) > 1 else ""
        if words[0] == "I" and subject is None:
            return _sentence(f"{where}{text}" if where else text)
        if form == "past":
            who = "I" if subject is None else subject
            return _sentence(f"{where}{who} {words[0].lower()} {rest}".rstrip())
        if form == "base" and role is not None and _is_current(role):
            verb = words[0].lower()
            if subject is None:
                return _sentence(f"{where}I {verb} {rest}".rstrip())
            return _sentence(f"{where}{subject} {_third_person(verb)} {rest}".rstrip())
        if subject is not None:
            return None
        if where and _GERUND.match(text):  # "Building & maintaining pipelines ..."
            doing = f"{text[0].lower()}{text[1:]}"
            if where.startswith("In my "):  # "My freelance work included building ..."
                return _sentence(f"My {where[6:].rstrip(', ')} included {doing}")
            return _sentence(f"{where}my work included {doing}")
        if len(text.split()) < _MIN_FRAGMENT_WORDS:
            return None  # "Web App and API Protection": a heading or an area, not something done
        if where.startswith("In my "):  # "From my freelance work as Designer: ..."
            title = f" as {_title_in_prose(ev.title)}" if ev.title else ""
            return _sentence(f"From my {where[6:].rstrip(', ')}{title}: {text}")
        label = ", ".join(p for p in (_title_in_prose(ev.title), display_name(ev.employer)) if p)
        return _sentence(f"From my work{' as ' + label if label else ''}: {text}")
    if ev.section == "summary":
        if resume.summary_voice == "third":
            return None  # someone else's words about the candidate: never quoted as theirs
        if text.split(maxsplit=1)[0] == "I":
            return _sentence(text) if subject is None else None
        if _NOUN_PHRASE_SUMMARY.match(text) and not _verb_form(text.split(maxsplit=1)[0]):
            # "Analytics engineer with six years ..." -> "I am an analytics engineer with six years ..."
            phrase = text[0].lower() + text[1:]
            article = "an" if phrase[0] in "aeiou" else "a"
            who = "I am" if subject is None else f"{subject} is"
            return _sentence(f"{who} {article} {phrase}")
        first = text.split(maxsplit=1)
        if " | " not in text and _verb_form(first[0]) == "past" and len(first) > 1:
            # "Managed media budgets ..." -> "I managed media budgets ..."
            who = "I" if subject is None else subject
            return _sentence(f"{who} {first[0].lower()} {first[1]}")
        return None  # a headline or a fragment: not a sentence a person would write
    if subject is not None:
        return None
    if ev.section == "certifications":
        return _sentence(f"My certifications include {text}")
    if ev.section == "education":
        return _sentence(f"My education: {text}")
    if ev.section == "projects":
        # "TriageMate (Hackathon) | Github | Devpost": the project's name, not its links
        name = (ev.title or "").split(" | ", 1)[0].strip()
        where = f" {name}" if name else ""
        words = text.split(maxsplit=1)
        if _verb_form(words[0]) == "past":
            rest = words[1] if len(words) > 1 else ""
            return _sentence(f"In my project{where}, I {words[0].lower()} {rest}".rstrip())
        return _sentence(f"From my project{where}: {text}")
    return None


def _reference(ev: Evidence, requirement: str, resume: Resume, subject: str | None) -> str | None:
    """``ev`` referred to, never quoted, for a resume in another language than the letter: the
    skills the line shares with the posting item, as the resume writes them, and where the work was
    done ("My work at Globex involved Python and SQL."). None when the line shares no skill."""
    from referral_ai.validators.skills import find_skills

    in_line = [ev.text[start:end] for _, start, end in find_skills(ev.text)]
    named = _skills_in_text(dict.fromkeys([*resume.skills, *in_line]), ev.text)
    shared = _listable(dict.fromkeys(_skills_in_text(named, requirement)))
    if not shared:
        return None
    what = _join(shared[:3])
    owner = "My" if subject is None else f"{subject}'" if subject.endswith("s") else f"{subject}'s"
    if ev.section == "role":
        role = _role_for(resume, ev)
        if role is not None and not role_named(resume, role):
            return None
        employer = display_name(ev.employer)
        where = f" at {employer}" if employer and employer.lower() not in _SELF_EMPLOYED else ""
        return f"{owner} work{where} involved {what}."
    if ev.section == "projects":
        name = (ev.title or "").split(" | ", 1)[0].strip()
        return f"{owner} project{' ' + name if name else ''} involved {what}."
    if ev.section == "education":
        return f"{owner} studies covered {what}."
    return None


# A bullet opening with a gerund ("Building ...", "Working registers ...").
_GERUND = re.compile(
    r"^(?!(?:String|Spring|Offering|Morning|Evening|Bring|King|Ring|Thing|Sing|Wing|Ping|Swing|"
    r"Sting|Ceiling|Beijing|Viking)\b)[A-Z][a-z]+ing\b"
)


def _proper_nouns(text: str) -> set[str]:
    """Words written with a capital in the middle of a sentence ("Apache", "Snowflake"): names, kept as is."""
    found: set[str] = set()
    for line in text.splitlines():
        for m in re.finditer(r"(?<=[a-z0-9,;:()] )([A-Z][A-Za-z0-9+#.\-]*)", line):
            found.add(m.group(1))
    return found


def _topic(requirement: str, posting_text: str = "") -> str:
    """A posting item without its years / "experience with" lead-in: "Apache Airflow or a similar orchestrator".

    The first word is lowercased unless it is a name (a known tool, or capitalised mid-sentence in the
    posting), so the topic reads inside a sentence.
    """
    text = requirement.strip().rstrip(".;")
    stripped = _LEAD_INS.sub("", text, count=1).strip()
    if len(stripped) < 3:
        stripped = text
    first = stripped.split(maxsplit=1)[0]
    if first[:1].isupper() and first[1:].islower():
        from referral_ai.matching import TECH_TERMS, normalize

        is_name = any(t in TECH_TERMS for t in normalize(first)) or first in _proper_nouns(
            posting_text
        )
        if (
            first.lower() in _COMMON_LEADS
            or first.lower().endswith(("ing", "ed", "ly"))
            or not is_name
        ):
            stripped = first.lower() + stripped[len(first) :]
    return stripped


# How a requirement that is not a noun phrase starts: "You have ...", "Must be ...", "Ability to ...".
_HAVE_LEAD = re.compile(
    r"^(?:you(?:'ll| will)? (?:have|bring)|you've got|(?:you )?must have|(?:you )?should have|have|"
    r"(?:(?:the )?(?:(?:ideal|successful|qualified|strong|preferred) )?(?:candidates?|applicants?) "
    r"(?:(?:must|should|will) )?(?:have|has|possess|possesses|demonstrate|demonstrates|bring|brings))|"
    r"we(?:'re| are)? (?:(?:particularly|especially|also) )?(?:interested in|seek(?:ing)?|looking for) "
    r"(?:candidates|applicants|someone|people|individuals) (?:who (?:have|has)|with)|"
    r"we(?:'re| are) looking for|looking for|"
    r"(?:the )?(?:minimum |basic )?(?:requirements|qualifications) (?:include|are))\s+",
    re.IGNORECASE,
)
# A list item's joining word at its end ("...; and", "..., or"): the list's, not the requirement's.
_LIST_JOINER = re.compile(r"[;,]\s*(?:and|or)$", re.IGNORECASE)
_BE_LEAD = re.compile(
    r"^(?:you(?:'re| are|'ll be| will be)|(?:you )?must be|(?:you )?should be|be)\s+", re.IGNORECASE
)
# Adjectives that describe a person ("Comfortable on call", "Able to travel"): "someone comfortable ...".
_PERSON_ADJECTIVES = _words(
    """
    able capable comfortable confident eager familiar fluent happy keen motivated proficient ready
    skilled versed willing experienced passionate detail-oriented organized organised
    """
)
_PREPOSITIONS = _words("in with on at to about around when working using for across")
_DEGREE_WORDS = _words("bachelor's bachelors master's masters degree doctorate")
_DEGREE_ACRONYMS = re.compile(r"^(?:B\.?[AS]c?|M\.?[AS]c?|MBA|MFA|PhD|BEng|MEng|JD|MD|CPA)\b")
_AN_LETTERS = frozenset("AEFHILMNORSX")
# Lead-ins for the requirements a letter restates, in turn; nice-to-haves have their own.
_REQUIREMENT_LEADS = ("You ask for", "The role also calls for", "You also want")


def _restate(requirement: str, posting_text: str = "") -> str:
    """A posting requirement as a phrase that follows "You ask for", with every word it states kept.

    "4+ years in analytics engineering" stays as written (years included); a leading capital is
    lowercased unless the word is a name ("Expert SQL" -> "expert SQL", "Python" stays); "You have X" and
    "Must have X" become "X" ("Have shipped X": "someone who has shipped X"); "You are comfortable on call" and "Comfortable on call" become "someone
    comfortable on call"; "Write clean SQL" becomes "someone who can write clean SQL"; "Bachelor's
    degree ..." gets its article.
    """
    text = requirement.strip().rstrip(".;:,").replace("\u2019", "'")
    text = _LIST_JOINER.sub("", text).rstrip(".;:,")
    label = _LABEL_PREFIX.match(text)
    if label and len(text) - label.end() >= 12:  # "Education: Masters degree in ..." -> the item
        text = text[label.end() :]
    person_phrase = False
    m = _HAVE_LEAD.match(text)
    if m and len(text) > m.end():
        text = text[m.end() :]
        if _verb_form(text.split(maxsplit=1)[0]) == "past":  # "Have shipped ..."
            return f"someone who has {_lower_first(text, posting_text)}"
    else:
        m = _BE_LEAD.match(text)
        if m and len(text) > m.end():
            text, person_phrase = text[m.end() :], True
    words = text.split()
    if not words:
        return requirement.strip()
    first = words[0]
    low = first.lower()
    if _DEGREE_ACRONYMS.match(first):
        article = "an" if first[0] in _AN_LETTERS else "a"
        return f"{article} {text}"
    text = _lower_first(text, posting_text)
    if low in _DEGREE_WORDS:
        return f"a {text}"
    if low == "ability":
        return f"the {text}"
    second = words[1].lower() if len(words) > 1 else ""
    if person_phrase or (low in _PERSON_ADJECTIVES and (second in _PREPOSITIONS or not second)):
        return f"someone {text}"
    if low in _BASE_VERBS or low in _DUTY_VERBS:
        return f"someone who can {text}"
    return text


# A list item's own label before the requirement ("Education: ...", "Required skills: ...").
_LABEL_PREFIX = re.compile(r"^[A-Za-z][A-Za-z/&]*(?: [A-Za-z/&]+){0,4}: +(?=[A-Za-z0-9])")


def _lower_first(text: str, posting_text: str) -> str:
    """``text`` with its first word lowercased, unless that word is a name (a known tool, an acronym,
    or capitalised mid-sentence in the posting)."""
    first, *rest = text.split(maxsplit=2)
    if not (first[:1].isupper() and (first[1:].islower() or first == "A")):
        return text  # "SQL", "PCI", "dbt", "4+", "C": as written
    if rest and rest[0][:1].isupper() and rest[0][1:].isalpha() and rest[0][1:].islower():
        return text  # a name in title case ("Large Language Model (LLM)"): as written
    from referral_ai.matching import TECH_TERMS, normalize

    is_name = any(t in TECH_TERMS for t in normalize(first)) or first in _proper_nouns(posting_text)
    if is_name and first.lower() not in _COMMON_LEADS and not first.lower().endswith(("ing", "ly")):
        return text
    return first.lower() + text[len(first) :]


# Words that open a duty written as a whole sentence ("A Correctional Nurse performs ...").
_SENTENCE_OPENERS = _words("a an the this these you we our they he she it each")
# Further verbs a duty can open with in the third person ("Curates and updates ...").
_MORE_DUTY_VERBS = _words(
    """
    administer assess collect compile curate draft edit facilitate oversee perform process schedule
    update carry solve tackle learn participate troubleshoot debug document investigate translate
    """
)


def _base_of(verb: str) -> str | None:
    """The base form of a third-person verb ("curates" -> "curate", "carries" -> "carry"), if known."""
    known = _BASE_VERBS | _DUTY_VERBS | _MORE_DUTY_VERBS
    for stem in (verb[:-3] + "y" if verb.endswith("ies") else "", verb[:-2], verb[:-1]):
        if stem and verb.endswith("s") and stem in known:
            return stem
    return None


def _duty_sentence(duty: str) -> str | None:
    """A posting's responsibility as the letter's lead-in to the evidence for it, or None when the
    duty is a whole sentence of its own (its words cannot be fitted into one without changing them).

    "build data pipelines" -> "The role is to build data pipelines."; "curates and updates data" ->
    "The person in this role curates and updates data."; "data quality" -> "The role includes data
    quality."
    """
    label = _LABEL_PREFIX.match(duty)
    if label and len(duty) - label.end() >= 12:  # "Solve Complex Problems: Tackle ..." -> the duty
        duty = _lower_first(duty[label.end() :], "")
    words = duty.split()
    if not words:
        return None
    first = words[0].lower().split("/", 1)[0]  # "coordinate/work closely with ..."
    if first in _SENTENCE_OPENERS:
        return None
    if first in _BASE_VERBS or first in _DUTY_VERBS or first in _MORE_DUTY_VERBS:
        return f"The role is to {duty}."
    if _base_of(first):
        return f"The person in this role {duty}."
    return f"The role includes {duty}."


def _requirement_sentence(lead: str, requirement: str, claim: str, posting: JobPosting) -> str:
    """ "You ask for X; I am ..." (a first-person claim joins with a semicolon), else two sentences.

    Two sentences too when the joined one would read as a generic ask: the posting's "or a similar
    role" beside the resume's "keen on data quality" is a job topic with an ask cue.
    """
    if claim.startswith("I "):
        joined = f"{lead} {requirement}; {claim}"
        if not _job_seeking(joined, posting):
            return joined
    return f"{lead} {requirement}. {claim}"


def _job_seeking(sentence: str, posting: JobPosting) -> bool:
    """True when a resume line stated as a sentence reads as seeking jobs in general ("I would like to
    work in the following areas: ..."): the ``generic-ask`` rule's own test, so no draft carries one."""
    from referral_ai.validators.asks import is_generic_ask

    return is_generic_ask(sentence, posting)


def _injection_free(text: str) -> bool:
    from referral_ai.inputs.injection import find_injected_instructions

    return not find_injected_instructions(text)


def _ordered_matches(fit: Fit) -> list[RequirementMatch]:
    order = {"requirement": 0, "nice_to_have": 1, "responsibility": 2}
    return sorted(fit.matches, key=lambda m: order[m.kind])


def _strength(ev: Evidence) -> float:
    """How good a line is as evidence in prose: its score, plus a bonus for role bullets and numbers."""
    bonus = 0.25 if ev.section == "role" else 0.0
    if ev.section == "role" and any(c.isdigit() for c in ev.text):
        bonus += 0.05  # a quantified bullet says more than an unquantified one
    return ev.score + bonus


_YEARS_WORDS = re.compile(r"\b(?:\d+\+?|[a-z]+)\s+years?\b", re.IGNORECASE)


def _pick_evidence(
    ctx: DraftContext, limit: int, *, subject: str | None = None, by_strength: bool = False
) -> list[tuple[RequirementMatch, Evidence, str]]:
    """Up to ``limit`` (posting item, evidence, sentence) triples, each resume line used once.

    Posting order (requirements, then nice-to-haves, then responsibilities) by default; with
    ``by_strength`` the strongest evidence for any requirement comes first (for the short blurb).
    Skills-section lines are never used as sentences, and posting items that carry an instruction to
    an AI are skipped.
    """
    picked: list[tuple[RequirementMatch, Evidence, str]] = []
    used: set[str] = set()
    foreign = foreign_resume(ctx.posting, ctx.resume)

    def state(m: RequirementMatch, ev: Evidence) -> str | None:
        if foreign:  # its lines are in another language than the letter: referred to, not pasted
            return _reference(ev, m.requirement, ctx.resume, subject)
        return _claim(ev, ctx.resume, subject)

    matches = [
        m for m in _ordered_matches(ctx.fit) if m.evidence and _injection_free(m.requirement)
    ]
    if by_strength:
        pool = [m for m in matches if m.kind == "requirement"] or matches
        ranked = sorted(
            ((m, e) for m in pool for e in m.evidence if e.section != "skills"),
            key=lambda me: -_strength(me[1]),
        )
        for m, ev in ranked:
            if len(picked) >= limit:
                break
            sentence = state(m, ev) if ev.text not in used else None
            if sentence and _injection_free(ev.text) and not _job_seeking(sentence, ctx.posting):
                picked.append((m, ev, sentence))
                used.add(ev.text)
        return picked
    for m in matches:
        if len(picked) >= limit:
            break
        wants_years = required_years(m.requirement) is not None
        candidates = sorted(
            (e for e in m.evidence if e.section != "skills" and e.text not in used),
            # A years requirement is best answered by the line stating the years ("eight years of ...").
            key=lambda e: (not (wants_years and _YEARS_WORDS.search(e.text)), -_strength(e)),
        )
        for ev in candidates:
            sentence = state(m, ev)
            if sentence and _injection_free(ev.text) and not _job_seeking(sentence, ctx.posting):
                picked.append((m, ev, sentence))
                used.add(ev.text)
                break
    return picked


_PLAIN_GAPS = 2
"""How many unmet requirements the plain sentence about a poor fit names."""

_PLAIN_GAP_CHARS = 90
"""A restated requirement longer than this is a paragraph, not a phrase to name."""


def _requirements_unsure(posting: JobPosting) -> bool:
    """No requirement was read, or the parse raised a doubt about them."""
    return not posting.requirements or any(d.field == "requirements" for d in posting.report.doubts)


def poor_fit_sentence(ctx: DraftContext) -> str | None:
    """For a poor fit (:attr:`~referral_ai.models.Fit.verdict`), one first-person sentence saying so
    plainly and naming what the resume does not show, instead of padding; None otherwise.

    A gap is stated only against requirements read with no doubt: when the posting gave none (the
    verdict then weighs duties) or the parse doubts them, nothing is said about gaps, since "my
    resume shows little of what you ask for" would be said of what no one asked for."""
    if ctx.fit.verdict != "poor" or _requirements_unsure(ctx.posting):
        return None
    gaps = [
        _restate(m.requirement, ctx.posting.text)
        for m in ctx.fit.matches
        if m.kind == "requirement" and not m.met and _injection_free(m.requirement)
    ]
    named = [g for g in gaps if len(g) <= _PLAIN_GAP_CHARS and "\n" not in g][:_PLAIN_GAPS]
    if not named:
        return "To be plain about the fit: my resume shows little of what you ask for."
    return f"To be plain about the fit: of what you ask for, my resume does not show {', nor '.join(named)}."


def _skills_in_text(skills: Iterable[str], text: str) -> list[str]:
    low = text.lower()
    return [
        s
        for s in skills
        if re.search(r"(?<![a-z0-9])" + re.escape(s.lower()) + r"(?![a-z0-9])", low)
    ]


def _in_progress(end: str | None) -> bool:
    """An education entry still under way: "Present", "expected 2027", or a year after this one."""
    if not end:
        return False
    if re.search(r"present|current|now|expected|anticipated|ongoing", end, re.IGNORECASE):
        return True
    year = re.search(r"(?:19|20)\d{2}", end)
    return year is not None and int(year.group(0)) > date.today().year


def _the(institution: str) -> str:
    """ "University of Lagos" reads "the University of Lagos" inside a sentence, and so do the "X of Y"
    names of public bodies ("the City of Los Angeles", "the Department for Education", "the Museum of
    Fine Arts"); a company's own name ("Bank of America") is left as it is."""
    if re.match(
        r"(?:University|Institute|College|School|Academy|Department|Ministry|Office|City|County|State|"
        r"Museum|Library|Council|Province|Commonwealth|Government)\s+(?:of|for)\b",
        institution,
    ):
        return "the " + institution
    return institution


def _background_sentence(resume: Resume, subject: str | None) -> str | None:
    """What the candidate brings when the resume lists no jobs (a student, a new graduate, a career
    changer): their latest education, else the projects they list. Every word comes from the resume.

    First person: a sentence ("I am studying Computer Science at the University of Lagos (B.Sc.).").
    Third person: a relative clause for the blurb's opener ("who studied History at ...").
    """
    edu = next((e for e in resume.education if e.institution), None)
    if edu is not None and edu.institution:
        subject_of = edu.field or (edu.degree if edu.degree and not edu.field else None)
        degree = edu.degree if edu.field else None
        ongoing = _in_progress(edu.end)
        where = _the(edu.institution)
        what = f"{subject_of} at {where}" if subject_of else f"at {where}"
        bracket = ", ".join(p for p in (degree, None if ongoing else edu.end) if p)
        tail = f" ({bracket})" if bracket else ""
        if subject is None:
            verb = "I am studying" if ongoing else "I studied"
            return f"{verb} {what}{tail}."
        return f"who {'is studying' if ongoing else 'studied'} {what}{tail}"
    names = [p.name for p in resume.projects if p.name]
    if names:
        listed = _join(names[:3])
        if subject is None:
            return f"My projects include {listed}."
        return f"whose projects include {listed}"
    return None


def _listable(skills: Iterable[str]) -> list[str]:
    """The matched skills a draft lists: a single plain lower-case word ("team", "communication")
    is a common word both texts happen to use, not a skill, unless the skills vocabulary knows it
    ("dbt")."""
    from referral_ai.validators.skills import find_skills

    return [
        s for s in skills if not (s.isalpha() and s.islower() and " " not in s) or find_skills(s)
    ]


def _current_role_sentence(resume: Resume, subject: str | None) -> str | None:
    """The latest role, or with no roles at all what the candidate brings instead."""
    if not resume.roles:
        return _background_sentence(resume, subject)
    role = resume.roles[0]
    if role is None or not role.title or not role.employer or not role_named(resume, 0):
        return None
    title = _role_at(role.title, role.employer)
    if subject is None:
        if _is_current(role):
            return f"My current role is {title}."
        return f"My most recent role was {title}."
    if _is_current(role):
        return f"currently {title}"
    return f"most recently {title}"


# Employers that say the candidate worked for themselves: "UX Designer (freelance)", never "at Freelance".
_SELF_EMPLOYED = frozenset(
    {"freelance", "freelancer", "self-employed", "self employed", "independent"}
)


def _role_at(title: str | None, employer: str | None) -> str:
    """A role in a sentence: "Data Engineer at Globex"; "UX/UI Designer (freelance)" for self-employment."""
    shown = display_name(employer)
    if shown.lower() in _SELF_EMPLOYED:
        return f"{_title_in_prose(title)} ({shown.lower()})"
    return f"{_title_in_prose(title)} at {shown}"


def _at_employer(employer: str | None) -> str:
    """The lead of a sentence about work for ``employer``: "At Globex, "; "In my freelance work, "."""
    if not employer:
        return ""
    shown = display_name(employer)
    if shown.lower() in _SELF_EMPLOYED:
        return f"In my {shown.lower()} work, "
    return f"At {shown}, "


def _education_sentence(resume: Resume, subject: str) -> str | None:
    """The first education entry with a degree and an institution, as the resume gives them:
    "Sami's education: PhD, Ecology, University of Oxford." None when there is none."""
    for edu in resume.education:
        degree, where = (edu.degree or "").strip(), display_name(edu.institution)
        if not degree or not where or any(c.isdigit() or c in "@|" for c in degree + where):
            continue
        field = (edu.field or "").strip()
        joiner = " " if field[:1].islower() or field.lower().startswith("candidate") else ", "
        what = (
            f"{degree}{joiner}{field}" if field and field.lower() not in degree.lower() else degree
        )
        owner = f"{subject}'" if subject.endswith("s") else f"{subject}'s"
        return _sentence(f"{owner} education: {what}, {where}")
    return None


# --------------------------------------------------------------------------- materials


def resume_link(resume: Resume, hosts: tuple[str, ...]) -> str | None:
    """The first link of the resume on one of ``hosts`` (a GitHub profile, a Behance page), if any."""
    for link in resume.contact.links:
        if any(h in link.lower() for h in hosts):
            return link
    return None


def _chosen_material(req: MaterialRequirement, resume: Resume) -> Material:
    """For "a portfolio or code sample": the alternative the resume links to, else the first named."""
    for option in req.options:
        if option is Material.code_sample and resume_link(resume, CODE_HOSTS):
            return option
        if option is Material.portfolio and resume_link(resume, PORTFOLIO_HOSTS):
            return option
    return req.material


_THROUGH = "I will complete it through "
"""How an application form's note names the system the posting names."""


def application_form_note(source: str) -> str:
    """How the application form is provided, read from the posting's sentence ``source``: through
    the system it names ("I will complete it through Interfolio"), else with the application. The
    letter, the emails' Attachments lists and the output plan all use this one note."""
    route = application_route(source)
    return f"{_THROUGH}{route}" if route else "I will complete it with my application"


def material_note(mat: Material, source: str, ctx: DraftContext) -> str:
    """How a required material that is not a file is provided, read from the posting's sentence
    ``source``, honestly: no figure or answer is ever invented. The salary expectations the candidate
    gave (``ctx.salary_expectations``) are the note, verbatim; otherwise the note says the material is
    addressed in the application form when the posting says it goes there, else that the candidate
    will provide it with the application. The offline writer's attachment notes and the output plan's
    (the emails' Attachments lists) both come from here."""
    salary = _salary(ctx)
    if mat is Material.salary_expectations and salary:
        return salary
    if mat is Material.application_form:
        return application_form_note(source)
    if mat is Material.references:
        return ON_REQUEST if _ON_REQUEST_RE.search(source) else _WITH_APPLICATION
    if mat is Material.certifications:
        return (
            "listed on my resume"
            if ctx.resume.certifications
            else "copies sent with my application"
        )
    if mat is Material.availability:
        return "I will confirm my availability to start in my application"
    if mat is Material.work_authorization:
        return "I will confirm it in my application"
    return _FORM_NOTE if _FORM_WORDS.search(source) else _WITH_APPLICATION


def material_attachments(ctx: DraftContext) -> list[Attachment]:
    """How each required material is provided, one :class:`Attachment` per material (posting order).

    - Files: the resume (under its own file name when the resume was read from a file), the cover
      letter (under :func:`suggested_filename`), and materials only the candidate has (portfolio, code or
      writing sample, transcripts, statements, reference letters, video) with no file name: the candidate
      attaches their own. When the posting asks for a *link* and the resume lists a matching one (GitHub
      for a code sample, a portfolio site for a portfolio) that link is given.
    - "X or Y" requirements (``alternatives``) are met once, preferring the option the resume links to.
    - Not files: salary expectations, screening answers, application form, work authorization,
      availability and references get a note. Salary expectations the candidate gave
      (``ctx.salary_expectations``) are the note, verbatim. No figure or answer is ever invented: when the
      posting says they go in the application form, the note says so; otherwise the note says the
      candidate will provide them with the application.
    """
    if ctx.attachments is not None:  # the output plan's: what the set carries, and the rest
        return list(ctx.attachments)
    atts: list[Attachment] = []
    seen: set[Material] = set()
    resume = ctx.resume
    required: list[MaterialRequirement] = list(ctx.fit.required_materials) or list(
        ctx.posting.required_materials
    )
    for req in required:
        mat = _chosen_material(req, resume)
        if mat in seen or req.material in seen:
            continue
        seen.update({mat, req.material})
        if mat in (Material.resume, Material.cv):
            src = resume.source or ""
            name = (
                PurePath(src).name
                if src and not src.startswith("<") and PurePath(src).suffix
                else None
            )
            atts.append(Attachment(material=mat, filename=name))
        elif mat is Material.cover_letter:
            atts.append(
                Attachment(
                    material=mat, filename=suggested_filename(DraftKind.cover_letter, ctx, "docx")
                )
            )
        elif (
            mat is Material.code_sample
            and _LINK_WORDS.search(req.source)
            and resume_link(resume, CODE_HOSTS)
        ):
            atts.append(Attachment(material=mat, note=f"see {resume_link(resume, CODE_HOSTS)}"))
        elif mat is Material.portfolio and resume_link(resume, PORTFOLIO_HOSTS):
            atts.append(
                Attachment(material=mat, note=f"see {resume_link(resume, PORTFOLIO_HOSTS)}")
            )
        elif mat in FILE_MATERIALS:
            atts.append(Attachment(material=mat))
        else:  # not a file: a note
            atts.append(Attachment(material=mat, note=material_note(mat, req.source, ctx)))
    return atts


def _salary(ctx: DraftContext) -> str | None:
    """The candidate's own salary expectations, as given (outer spaces and a final full stop removed)."""
    text = (ctx.salary_expectations or "").strip().rstrip(".").strip()
    return text or None


def _attachment_label(att: Attachment) -> str:
    label = att.material.label
    return label[:1].upper() + label[1:]


def attachment_lines(attachments: list[Attachment]) -> list[str]:
    """Bullet lines for an email: ``"- Resume (Jordan_Lee_resume.pdf)"``, ``"- Salary expectations: ..."``."""
    lines: list[str] = []
    for att in attachments:
        if att.filename:
            lines.append(f"- {_attachment_label(att)} ({att.filename})")
        elif att.note:
            lines.append(f"- {_attachment_label(att)}: {att.note}")
        else:
            lines.append(f"- {_attachment_label(att)}")
    return lines


# Where a letter says a non-file material is provided, and the phrase saying it.
_FORM, _APPLICATION = "form", "application"
_PROMISES: dict[Material, str] = {
    Material.salary_expectations: "include my salary expectations",
    Material.screening_questions: "answer the screening questions",
    Material.references: "provide my references (names and contact details)",
    Material.availability: "confirm my availability to start",
    Material.work_authorization: "confirm my work authorization",
    Material.certifications: "send copies of my certifications",
}
_AS_ASKED = ", as the posting asks"


def _single_place(mat: Material, where: str) -> str:
    """Where one promise is kept, as the end of its sentence."""
    if where == _FORM:
        return "in the application form"
    if mat in (Material.references, Material.certifications):
        return "with my application"
    return "in my application"


def _note_sentences(atts: list[Attachment], salary: str | None) -> list[str]:
    """How a letter says the materials that are not files are provided, as whole first-person sentences.

    The candidate's own salary figure is one sentence ("My salary expectation is ..."); a file the
    output plan says is not attached is sent later ("I will send my transcripts with my
    application."); references on request say so; the rest are promises grouped by where they are kept: "In the application form I will answer the screening
    questions and give my salary expectations, as the posting asks." One promise alone reads "I will
    include my salary expectations in my application, as the posting asks."
    """
    from referral_ai.export.plan import NOT_ATTACHED

    sentences: list[str] = []
    groups: dict[str, list[tuple[Material, str]]] = {_FORM: [], _APPLICATION: []}
    for att in atts:
        mat, note = att.material, att.note or ""
        if note.startswith(NOT_ATTACHED):  # the plan: a file the candidate sends later
            later = note.removeprefix(NOT_ATTACHED)
            sentences.append(
                _sentence(re.sub(r"\b(?:them|it)\b", f"my {mat.label}", later, count=1))
            )
        elif mat is Material.references and note == ON_REQUEST:
            sentences.append(f"My {mat.label} are available on request.")
        elif mat is Material.salary_expectations and salary:
            sentences.append(f"My salary expectation is {salary}.")
        elif mat is Material.certifications and note == "listed on my resume":
            sentences.append("My certifications are listed on my resume.")
        elif mat is Material.application_form:
            route = note[len(_THROUGH) :] if note.startswith(_THROUGH) else None
            # the portal or system the posting names, so the reader sees the route was followed
            sentences.append(
                f"I will complete the application form through {route}."
                if route
                else "I will complete the application form."
            )
        elif mat in _PROMISES:
            where = _FORM if note == _FORM_NOTE else _APPLICATION
            phrase = _PROMISES[mat]
            if mat is Material.salary_expectations and where == _FORM:
                phrase = "give my salary expectations"
            groups[where].append((mat, phrase))
        else:
            sentences.append(_sentence(f"{_attachment_label(att)}: {note}"))
    for where, items in groups.items():
        if not items:
            continue
        asked = _AS_ASKED if any(m is Material.salary_expectations for m, _ in items) else ""
        if len(items) == 1:
            mat, phrase = items[0]
            sentences.append(f"I will {phrase} {_single_place(mat, where)}{asked}.")
        else:
            lead = "In the application form" if where == _FORM else "With my application"
            sentences.append(f"{lead} I will {_join([p for _, p in items])}{asked}.")
    return sentences


def _materials_sentence(atts: list[Attachment], salary: str | None = None) -> str | None:
    """Sentences for a letter naming how every required material is provided.

    Files (and links) are one "With this letter I am sending ..." sentence; the other materials are
    whole sentences (see :func:`_note_sentences`): "My salary expectation is USD 150,000-165,000 base.",
    "I will include my salary expectations in my application, as the posting asks." ``salary`` is the candidate's own
    figure, stated verbatim; without it no figure is ever written.
    """
    if not atts:
        return None
    files = [
        a.material.label for a in atts if a.note is None and a.material is not Material.cover_letter
    ]
    links = [
        f"my {a.material.label} ({a.note})" for a in atts if a.note and a.note.startswith("see ")
    ]
    notes = _note_sentences([a for a in atts if a.note and not a.note.startswith("see ")], salary)
    sent = [f"my {f}" for f in files] + links
    parts = [f"With this letter I am sending {_join(sent)}."] if sent else []
    parts += notes
    return " ".join(parts) if parts else None


# --------------------------------------------------------------------------- the writer


def _too_long(draft: Draft, ctx: DraftContext) -> bool:
    """Is the email over the limit a style's length sets for it (never when no length is asked)?"""
    from referral_ai.validators.rules import LENGTH_LIMITS

    if ctx.style is None or ctx.style.length is None:
        return False
    return word_count(draft.body) > min(ctx.style.length, LENGTH_LIMITS[draft.kind])


def _tidy(text: str) -> str:
    """Remove the doubled full stop a name ending in "." leaves before a sentence end ("Co.."), and
    the space some typography puts before a colon or comma ("Veille Techno : Next.js")."""
    text = re.sub(r"(?<![.\s])\.\.(?=\s|$|\))", ".", text)
    return re.sub(r"(?<=\w)[ \t]+([,;:])(?=[ \t])", r"\1", text)


# How each tone closes a cover letter: the one ask, naming the role ({role} is "the X role (R-1)").
_LETTER_ASKS: dict[Tone, str] = {
    Tone.neutral: "Could we arrange a conversation about {role}{at}?",
    Tone.warm: "I would enjoy talking with you about {role}{at}; could we find a time?",
    Tone.confident: "I would like to discuss what I would bring to {role}{at}; could we set up a "
    "conversation this week or next?",
    Tone.enthusiastic: "I am excited about {role}{at}, and I would welcome a conversation about it "
    "at your convenience.",
}
# How each tone asks the contact for the referral.
_REFERRAL_ASKS: dict[Tone, str] = {
    Tone.neutral: "Would you be willing to refer me for {role}?",
    Tone.warm: "Would you be comfortable referring me for {role}? I would be grateful for it.",
    Tone.confident: "Would you refer me for {role}?",
    Tone.enthusiastic: "I would love the chance to work on this team; would you be willing to "
    "refer me for {role}?",
}
# How each tone asks a hiring contact, in a cold application, for the one next step.
_COLD_ASKS: dict[Tone, str] = {
    Tone.neutral: "Could we arrange a short conversation about {role}?",
    Tone.warm: "I would enjoy a short conversation about {role}; could we find a time?",
    Tone.confident: "Could we set up a short conversation about {role} this week or next?",
    Tone.enthusiastic: "I am excited about {role}; could we arrange a short conversation about it?",
}
# Closings by formality: (letter, email).
_CLOSINGS: dict[Formality, tuple[str, str]] = {
    Formality.formal: ("Sincerely,", "Kind regards,"),
    Formality.neutral: ("Best regards,", "Best regards,"),
    Formality.casual: ("Best,", "Thanks,"),
}
_VOICE_NOTE = "the offline writer does not imitate a voice sample (a model writer does: --model or OpenAIWriter)"
_MAX_LETTER_EVIDENCE = 8


def same_person(a: str | None, b: str | None) -> bool:
    """True when two names can be the same person: one's words are all in the other's, honorifics
    aside ("Dana" and "Dana Whitfield", "Dr. Whitfield" and "Dana Whitfield")."""
    if not a or not b:
        return False

    def words(name: str) -> set[str]:
        return {w.strip(".,").lower() for w in name.split() if w.lower() not in _HONORIFICS}

    x, y = words(a), words(b)
    return bool(x and y) and (x <= y or y <= x)


def _tone(ctx: DraftContext) -> Tone:
    return ctx.style.tone if ctx.style is not None else Tone.neutral


def _formality(ctx: DraftContext) -> Formality | None:
    return ctx.style.formality if ctx.style is not None else None


class OfflineWriter:
    """Deterministic drafts with no model: the default writer, and the baseline the validators accept.

    ``feedback`` is accepted and ignored: the same context always gives the same draft. A
    :class:`~referral_ai.style.Style` in the context is honoured: ``formality`` picks the greeting and
    closing, ``tone`` the closing ask, and ``length`` how much evidence the cover letter states (the
    count closest to the target); a voice sample is not imitated (a note on the draft says so).
    """

    name: str = "offline"

    def draft(self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None) -> Draft:
        """Write a draft of ``kind`` (cover letter, follow-up, intro request, reminder) for ``ctx``."""
        kind = DraftKind(kind)
        if kind is DraftKind.cover_letter:
            draft = self._sized_cover_letter(ctx)
        elif kind is DraftKind.follow_up:
            draft = self._cold_follow_up(ctx) if ctx.cold else self._follow_up(ctx)
            if _too_long(draft, ctx):  # a style's length: one proof of fit fewer
                draft = (
                    self._cold_follow_up(ctx, evidence=1)
                    if ctx.cold
                    else self._follow_up(ctx, blurb_sentences=2)
                )
        elif kind is DraftKind.intro_request:
            draft = self._intro_request(ctx)
            if _too_long(draft, ctx):
                draft = self._intro_request(ctx, blurb_sentences=2)
        else:
            draft = self._reminder(ctx)
        notes = list(draft.notes)
        if ctx.style is not None and ctx.style.voice_sample:
            notes.append(_VOICE_NOTE)
        return draft.model_copy(
            update={
                "body": _tidy(draft.body),
                "subject": _tidy(draft.subject) if draft.subject else None,
                "blurb": _tidy(draft.blurb) if draft.blurb else None,
                "notes": notes,
            }
        )

    async def adraft(
        self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None
    ) -> Draft:
        """Same as :meth:`draft` (no I/O to await); exists to satisfy the :class:`Writer` protocol."""
        return self.draft(kind, ctx, feedback=feedback)

    # ---------------------------------------------------------------- pieces

    @staticmethod
    def _sign_off(ctx: DraftContext, closing: str, *, letter: bool = False) -> str:
        formality = _formality(ctx)
        if formality is not None:
            closing = _CLOSINGS[formality][0 if letter else 1]
        name = candidate_name(ctx.resume)
        return f"{closing}\n{name}" if name else closing

    @staticmethod
    def _greeting(ctx: DraftContext, name: str | None, *, formal: bool) -> str:
        """``formal`` is the kind's usual; a style's formality replaces it."""
        formality = _formality(ctx) or (Formality.formal if formal else Formality.casual)
        if formality is Formality.formal:
            return f"Dear {formal_name(name)}," if name else "Dear Hiring Manager,"
        short = first_name(name)
        if formality is Formality.neutral:
            return f"Hello {short}," if short else "Hello,"
        return f"Hi {short}," if short else "Hello,"

    @staticmethod
    def _link(posting: JobPosting) -> str:
        return f" ({posting.url})" if posting.url else ""

    def _blurb(self, ctx: DraftContext, *, introduced: bool = True, sentences_max: int = 3) -> str:
        """Two or three third-person sentences a contact can paste into a referral form.

        ``introduced`` is False for the intro request: the introduction has not happened yet, so the
        blurb never says "<introducer> made the introduction".
        """
        posting, resume = ctx.posting, ctx.resume
        full = candidate_name(resume)
        short = first_name(full) if full and first_name(full) != full else full
        who = full or "The candidate"
        role_bits = _current_role_sentence(resume, subject=who)
        opener = f"{who}, {role_bits}, is applying" if role_bits else f"{who} is applying"
        sentences = [f"{opener} for {the_role(posting)}{_at_company(posting)}."]
        picked = _pick_evidence(ctx, 1, subject=short or "the candidate", by_strength=True)
        if picked:
            sentences.append(picked[0][2])
        skills = [
            s
            for s in _listable(ctx.fit.matched_skills)
            if not any(_skills_in_text([s], p[2]) for p in picked)
        ]
        if skills:
            # read by someone who never saw the posting: the skills, not where they were named
            owner = f"{short}'s" if short else "The candidate's"
            sentences.append(f"{owner} skills include {_join(skills[:5])}.")
        if len(sentences) < 2:
            studied = _education_sentence(resume, short or who)
            if studied:
                sentences.append(studied)
        if len(sentences) < 2 and introduced and person(ctx.referral.introducer):
            sentences.append(f"{person(ctx.referral.introducer)} made the introduction.")
        if len(sentences) < 2:
            sentences.append(f"{short or who} would welcome a referral for {the_role(posting)}.")
        return " ".join(sentences[:sentences_max])

    # ---------------------------------------------------------------- kinds

    def _sized_cover_letter(self, ctx: DraftContext) -> Draft:
        """The cover letter; with a style length, the evidence count that comes closest to it."""
        target = ctx.style.length if ctx.style is not None else None
        if target is None:
            return self._cover_letter(ctx)
        low, high = length_bounds(target)
        best: tuple[tuple[int, int], Draft] | None = None
        for n in range(1, _MAX_LETTER_EVIDENCE + 1):
            for skills in (True, False):
                draft = self._cover_letter(ctx, evidence=n, skills=skills)
                words = word_count(draft.body)
                key = (0 if low <= words <= high else 1, abs(words - target))
                if best is None or key < best[0]:
                    best = (key, draft)
        assert best is not None
        return best[1]

    def _cover_letter(
        self, ctx: DraftContext, *, evidence: int = _COVER_LETTER_MAX_EVIDENCE, skills: bool = True
    ) -> Draft:
        posting, referral = ctx.posting, ctx.referral
        contact = person(referral.contact)
        recipient = person(posting.contact) or contact
        at = _at_company(posting)
        introducer = person(referral.introducer)
        if introducer and recipient and same_person(recipient, contact):
            opening = f"{introducer} suggested I reach out to you about {the_role(posting)}{at}."
        elif introducer and contact:
            opening = (
                f"{introducer} introduced me to {contact} and suggested I apply for "
                f"{the_role(posting)}{at}."
            )
        else:
            opening = f"I am applying for {the_role(posting)}{at}."
        current = _current_role_sentence(ctx.resume, None)
        paragraphs = [" ".join(p for p in (opening, current) if p)]

        plain = poor_fit_sentence(ctx)
        picked = _pick_evidence(ctx, min(evidence, 1) if plain else evidence)
        evidence_sentences: list[str] = []
        asked = 0
        for m, _ev, sentence in picked:
            if m.kind == "requirement":
                lead = _REQUIREMENT_LEADS[asked % len(_REQUIREMENT_LEADS)]
                asked += 1
                evidence_sentences.append(
                    _requirement_sentence(
                        lead, _restate(m.requirement, posting.text), sentence, posting
                    )
                )
                continue
            if m.kind == "nice_to_have":
                evidence_sentences.append(
                    _requirement_sentence(
                        "As a plus, you list",
                        _restate(m.requirement, posting.text),
                        sentence,
                        posting,
                    )
                )
                continue
            else:
                duty = _duty_sentence(_topic(m.requirement, posting.text))
                evidence_sentences.append(f"{duty} {sentence}" if duty else sentence)
        said = " ".join(evidence_sentences)
        listed = (
            [s for s in _listable(ctx.fit.matched_skills) if not _skills_in_text([s], said)]
            if skills
            else []
        )
        if len(evidence_sentences) > 2:
            half = max(2, (len(evidence_sentences) + 1) // 2)
            paragraphs.append(" ".join(evidence_sentences[:half]))
            paragraphs.append(" ".join(evidence_sentences[half:]))
        elif evidence_sentences:
            paragraphs.append(said)
        if listed:
            skill_sentence = f"My resume also lists {_join(listed[:6])}, which your posting names."
            if len(paragraphs) > 1:
                paragraphs[-1] += " " + skill_sentence
            else:
                paragraphs.append(skill_sentence)
        if plain:
            paragraphs.append(plain)

        closing = []
        materials = _materials_sentence(material_attachments(ctx), _salary(ctx))
        if materials:
            closing.append(materials)
        closing.append(_LETTER_ASKS[_tone(ctx)].format(role=the_role(posting), at=at))
        paragraphs.append(" ".join(closing))

        body = "\n\n".join(
            [
                self._greeting(ctx, recipient, formal=True),
                *paragraphs,
                self._sign_off(ctx, "Sincerely,", letter=True),
            ]
        )
        return Draft(kind=DraftKind.cover_letter, body=body, to=recipient, writer=self.name)

    def _follow_up(self, ctx: DraftContext, *, blurb_sentences: int = 3) -> Draft:
        posting, referral = ctx.posting, ctx.referral
        role = role_reference(posting)
        name = candidate_name(ctx.resume)
        at = _at_company(posting)
        subject = f"Referral for {role}" + ("" if posting.req_id else at)
        if name:
            subject += f" \u2014 {name}"
            if person(referral.introducer):
                subject += f", introduced by {person(referral.introducer)}"
        elif person(referral.introducer):
            subject += f" \u2014 introduced by {person(referral.introducer)}"
        contact = person(referral.contact)
        thanks = (
            f"Thank you, and thanks to {person(referral.introducer)} for introducing us. "
            if person(referral.introducer)
            else ""
        )
        intro = f"{thanks}I am applying for {the_role(posting)}{at}{self._link(posting)}."
        ask = _REFERRAL_ASKS[_tone(ctx)].format(role=the_role(posting))
        plain = poor_fit_sentence(ctx)
        blurb = self._blurb(ctx, sentences_max=blurb_sentences)
        parts = [
            self._greeting(ctx, contact, formal=False),
            f"{intro} {plain}" if plain else intro,
            ask,
            f"A blurb you can paste or forward:\n{blurb}",
        ]
        return self._email(ctx, DraftKind.follow_up, subject, parts, contact, "Thank you,", blurb)

    def _email(
        self,
        ctx: DraftContext,
        kind: DraftKind,
        subject: str,
        parts: list[str],
        to: str | None,
        closing: str,
        blurb: str | None = None,
    ) -> Draft:
        """An email that carries files: ``parts``, then the Attachments block (one line per
        material the posting asks for), then the sign-off."""
        atts = material_attachments(ctx)
        if atts:
            parts = [*parts, "Attachments:\n" + "\n".join(attachment_lines(atts))]
        parts = [*parts, self._sign_off(ctx, closing)]
        return Draft(
            kind=kind,
            subject=subject,
            body="\n\n".join(parts),
            to=to,
            blurb=blurb,
            attachments=atts,
            writer=self.name,
        )

    def _cold_follow_up(self, ctx: DraftContext, *, evidence: int = 2) -> Draft:
        """A cold application's follow-up: to the hiring contact (or team), the exact role, the
        strongest evidence in the first person, one ask about this role, the attachments. Nobody is
        thanked for an introduction and no referral is asked for: there is nobody to give one."""
        posting = ctx.posting
        role = role_reference(posting)
        name = candidate_name(ctx.resume)
        at = _at_company(posting)
        subject = f"Application for {role}" + ("" if posting.req_id else at)
        if name:
            subject += f" \u2014 {name}"
        recipient = person(posting.contact)
        intro = f"I am applying for {the_role(posting)}{at}{self._link(posting)}."
        current = _current_role_sentence(ctx.resume, None)
        plain = poor_fit_sentence(ctx)
        picked = _pick_evidence(ctx, min(evidence, 1) if plain else evidence, by_strength=True)
        # who the candidate is (a summary line) before what they did
        fit = [t[2] for t in sorted(picked, key=lambda t: t[1].section != "summary")]
        if plain:
            fit.append(plain)
        ask = _COLD_ASKS[_tone(ctx)].format(role=the_role(posting))
        parts = [
            self._greeting(ctx, recipient, formal=True),
            " ".join(p for p in (intro, current) if p),
        ]
        if fit:
            parts.append(" ".join(fit))
        parts.append(ask)
        return self._email(ctx, DraftKind.follow_up, subject, parts, recipient, "Kind regards,")

    def _intro_request(self, ctx: DraftContext, *, blurb_sentences: int = 3) -> Draft:
        """A short note to a friend: the exact role (id, link), one ask, a paragraph to forward."""
        posting, referral = ctx.posting, ctx.referral
        role = role_reference(posting)
        at = _at_company(posting)
        contact = person(referral.contact)
        target = contact or person(posting.contact) or "the hiring manager"
        subject = f"Introduction to {target} \u2014 {role}{at}"
        applying = f"I am applying for {the_role(posting)}{at}{self._link(posting)}."
        ask = f"Would you be willing to introduce me to {target} about it?"
        name = candidate_name(ctx.resume)
        short = first_name(name) if name else None
        forward = self._blurb(ctx, introduced=False, sentences_max=blurb_sentences)
        closing_line = (
            f"{short or name} would like to ask {target} for a referral for {the_role(posting)}."
            if (short or name)
            else None
        )
        shortened = blurb_sentences < 3  # a style's length: no extra line
        if closing_line and not shortened and forward.count(". ") < 2 and "referral" not in forward:
            forward = f"{forward} {closing_line}"
        to_whom = f" to {first_name(contact)}" if contact else ""
        parts = [
            self._greeting(ctx, person(referral.introducer), formal=False),
            f"{applying} {ask}",
            f"If so, here is a paragraph you can forward{to_whom}:\n{forward}",
        ]
        introducer = person(referral.introducer)
        return self._email(
            ctx, DraftKind.intro_request, subject, parts, introducer, "Thanks,", forward
        )

    def _reminder(self, ctx: DraftContext) -> Draft:
        posting, referral = ctx.posting, ctx.referral
        role = role_reference(posting)
        at = _at_company(posting)
        if ctx.cold:  # to the hiring contact about the application: no referral to ask for
            contact = person(posting.contact)
            subject = f"Following up: my application for {role}{at}"
            lines = [
                f"A short reminder of my application for {the_role(posting)}{at}{self._link(posting)}.",
                _COLD_ASKS[_tone(ctx)].format(role=the_role(posting)),
            ]
        else:
            contact = person(referral.contact)
            subject = f"Following up: referral for {role}{at}"
            lines = [
                f"A short reminder of my note about {the_role(posting)}{at}{self._link(posting)}.",
                _REFERRAL_ASKS[_tone(ctx)].format(role=the_role(posting)),
            ]
        if posting.deadline and not ctx.cold:  # the hiring contact knows their own deadline
            lines.append(
                f"The posting lists {posting.deadline.strip().rstrip('.')} as the application deadline."
            )
        body = "\n\n".join(
            [
                self._greeting(ctx, contact, formal=ctx.cold),
                " ".join(lines),
                self._sign_off(ctx, "Kind regards," if ctx.cold else "Thank you,"),
            ]
        )
        return Draft(
            kind=DraftKind.reminder, subject=subject, body=body, to=contact, writer=self.name
        )
