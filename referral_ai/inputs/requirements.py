"""Requirements, nice-to-haves and duties of a job posting: what the candidate must bring, read
from the posting's sections and prose, without a model."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from referral_ai.inputs.lexicon import (
    _I,
    _clean,
    _is_bullet,
    _items,
    _section_words,
    _sections,
)

_POSTING_SECTIONS: list[tuple[str, re.Pattern[str]]] = [
    (
        "nice",
        _section_words(
            r"(?:preferred|desired|desirable|bonus|additional|nice[- ]to[- ]have|good[- ]to[- ]have)\s*"
            r"(?:qualifications|skills|requirements|experience|points|points\s+if\s+you\s+have)?"
            r"(?:\s+(?:and|&)\s+(?:experience|qualifications|skills))?(?:\s*\(.*\))?",
            r"nice[- ]to[- ]haves?(?:\s*\(.*\))?",
            r"bonus(?:\s+points)?(?:\s+if\s+you(?:\s+also)?(?:\s+(?:have|bring))?)?",
            r"(?:it'?s\s+)?a\s+plus\s+if\s+you(?:\s+have)?|pluses|extra\s+credit|ideally(?:,\s+you(?:\s+also)?\s+have)?",
            r"(?:it\s+)?would\s+be\s+(?:great|nice|a\s+plus)\s+if\s+you(?:\s+(?:have|had|know|are\s+(?:familiar|experienced)\s+with))?|we'?d\s+love\s+(?:it\s+)?if\s+you(?:\s+also)?(?:\s+have)?",
            r"what\s+(?:would\s+)?(?:make|makes)\s+you\s+stand\s+out",
        ),
    ),
    (
        "requirements",
        _section_words(
            r"(?:(?:minimum|basic|required|key|essential|core|must[- ]have)\s*)?(?:qualifications|requirements|skills"
            r"(?:\s+(?:and|&)\s+(?:experience|qualifications))?)",
            r"requirements?\s+(?:and|&)\s+qualifications",
            # "What you will bring to Acme", "What you'll need to succeed"
            r"what\s+you(?:'ll|\s+will)?\s+(?:bring|need|have)(?:\s+to\s+(?:the\s+table|succeed|[\w&.' -]{1,40}))?",
            r"what\s+we\s+(?:look\s+for|need|expect|want)(?:\s+(?:in|from)\s+you|\s+to\s+see)?",
            r"what\s+we(?:'re|\s+are)\s+looking\s+for",
            r"who\s+you\s+are|about\s+you|you\s+have|you\s+are|you(?:\s+might|\s+may|'ll|\s+will)?\s+be\s+a\s+(?:great\s+|good\s+|strong\s+)?fit\s+if"
            r"(?:\s+you(?:\s+have)?)?",
            r"must[- ]haves?|must\s+have|your\s+(?:background|experience|profile|skills)",
            r"experience(?:\s+(?:and|&)\s+skills)?|skills\s+(?:and|&)\s+experience|requirements?",
            r"(?:the\s+)?ideal\s+candidate|is\s+this\s+you\??|we\s+need\s+someone\s+who",
            r"you(?:'ll|\s+will)?\s+need|you\s+must\s+have|required|minimum|must|essentials?|"
            r"(?:required|minimum|basic)\s+(?:experience|education|skills)",
            r"you(?:'ll|\s+will)\s+fit\s+(?:right\s+)?in\s+if(?:\s+you(?:\s+have)?)?|(?:qualification|eligibility)\s+requirements",
            # "Experience, Skills, & Qualifications", "Knowledge, skills and abilities"
            r"(?:(?:experience|skills?|qualifications|knowledge|abilities|competenc(?:y|ies)|education|profile)"
            r"\s*(?:,|&|and|/)?\s*(?:&\s*|and\s+)?){2,4}",
            r"(?:required|desired\s+)?(?:candidate\s+)?profile|eligibility|who\s+(?:we(?:'re|\s+are)\s+looking\s+for|can\s+apply)",
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
            r"salary|pay(?:\s+range)?(?:\s+transparency)?|what\s+we\s+offer|why\s+(?:join\s+)?us|why\s+.{1,30}|who\s+we\s+are|our\s+team",
            r"the\s+team|equal\s+opportunity(?:\s+employer)?|eeo(?:\s+statement)?|location|working\s+here|culture",
            r"our\s+(?:mission|values|benefits|culture|story)|overview|summary|details|job\s+details|position\s+details",
            r"(?:additional|further|more|other)\s+information",
            r"company|contact|questions|logistics|timeline|interview\s+process|the\s+process|hiring\s+process",
            r"job\s+description|description|job\s+summary|about\s+the\s+(?:job|role|position)",
            # ATS page furniture copied with the text (iCIMS "Options", Greenhouse "Apply for this Job").
            r"options|share(?:\s+this\s+(?:job|posting))?|similar\s+jobs|"
            r"apply\s+for\s+this\s+(?:job|position|role)(?:\s+online)?",
        ),
    ),
]

# A requirement that says it is optional ("Experience with Dovetail a plus", "MBA preferred").
_PREFERENCE_END = re.compile(
    r"(?:\b(?:is\s+|are\s+)?an?\s+(?:(?:big|huge|great|strong|definite|real)\s+)?(?:plus|bonus|advantage)|"
    r"\bprefer(?:r)?ed|\bdesired|\bnice[- ]to[- ]have|"
    r"\(\s*(?:preferred|a\s+plus|nice[- ]to[- ]have|bonus|optional)\s*\)|"
    r"\b(?:preferred|desirable|welcome|an?\s+(?:plus|advantage)),?\s+but\s+not\s+(?:strictly\s+)?"
    r"(?:required|essential|mandatory|necessary))[.!]?$",
    _I,
)


# "Deep understanding of databases is a must, PostgreSQL is a plus": the item is still required.
_STILL_REQUIRED = re.compile(r"\b(?:is|are)\s+(?:a\s+)?must\b|\(required\)|\bmandatory\b", _I)


# "Strong knowledge of Linux, familiarity with different distros is a plus": the plus is a clause of
# its own after a requirement; not "Experience with Python, Java, or Go is a plus" (one list).
_PREFERENCE_TAIL = re.compile(
    r"^[^,;]*\b(?:knowledge|experience|understanding|skills?|degree|proficiency|command|background)\b[^,;]*,\s+"
    r"(?!(?:or|and|&|and/or)\b)(?:[\w'/-]+\s+){3,}(?:is|are)\s+(?:an?\s+)?(?:\w+\s+)?(?:plus|bonus|advantage)[.!]?$",
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
        if (
            _STILL_REQUIRED.search(item)
            or _PREFERENCE_TAIL.search(item)
            or not any(_PREFERENCE_END.search(p) for p in parts)
        ):
            required.append(item)
            continue
        for part in parts:
            if part:
                (nice if _PREFERENCE_END.search(part) else required).append(part)
    return required, nice


_BOILERPLATE = re.compile(
    r"\b(?:equal\s+(?:employment\s+)?opportunit|affirmative\s+action|do(?:es)?\s+not\s+discriminate|"
    r"without\s+regard\s+to|regardless\s+of\s+(?:race|gender|age|sex|disabilit|background)|"
    r"reasonable\s+accommodations?|disability\s+accommodation|background\s+(?:check|screening|investigation)|"
    r"selective\s+service|conditions?\s+of\s+employment|drug\s+(?:and\s+alcohol\s+)?(?:test|screen)|e-?verify|"
    r"review\s+of\s+applications|applications\s+will\s+be\s+(?:reviewed|accepted|considered)|"
    r"(?:will\s+)?continue\s+until\s+(?:the\s+position\s+is\s+)?filled|benefits?\s+(?:package|coverage|include)|"
    r"salary\s+(?:scale|range|in\s+accordance)|pension|paid\s+(?:time\s+off|leave|holidays)|"
    r"veteran\s+status|sexual\s+orientation|national\s+origin|women\s+and\s+minorit|"
    r"encouraged\s+to\s+apply|freedom\s+of\s+information|export\s+control|eligible\s+list|"
    r"is\s+(?:proud\s+to\s+be\s+)?an?\s+equal|commensurate\s+with|invited\s+(?:to|for)\s+(?:an?\s+)?interview|"
    r"funding\s+(?:is\s+)?available|here(?:'s|\s+is)\s+what\s+we(?:'re|\s+are)\s+looking\s+for|"
    r"(?:please|briefly)\s+(?:briefly\s+)?address|placed\s+(?:in|into)\s+(?:one\s+of\s+)?(?:three\s+)?categories|"
    r"(?:applicants|candidates|applications|you)\s+will\s+be\s+(?:rated|evaluated|assessed|ranked|screened|placed\s+in)|"
    r"determination\s+is\s+made|sponsorship\s+is\s+not\s+(?:available|offered|provided)|"
    r"(?:unable|not\s+able|not\s+in\s+a\s+position)\s+to\s+(?:offer\s+|provide\s+)?(?:visa\s+)?sponsor|"
    r"(?:actual|starting)\s+(?:base\s+)?(?:salary|pay|wage)|benefit\s+(?:plans|programs))",
    _I,
)
_PROSE_REQUIREMENT = re.compile(
    r"\b(?:you\s+(?:have|bring|hold|possess|are\s+(?:an?\s+|comfortable|fluent|experienced|proficient|familiar|able)|"
    r"will\s+(?:have|bring|need)|should\s+(?:have|hold|be)|must\s+(?:have|hold|be)|need\s+to\s+have)|"
    r"we(?:'re|\s+are)\s+looking\s+for\s+(?:someone|a\s+(?:candidate|person)|candidates|people|applicants)\s+(?:who|with)|"
    r"(?:the|an?)\s+(?:ideal|successful|right|strong|qualified)\s+(?:candidate|applicant|person)\s+(?:will|has|is|should|must|would)|"
    r"(?:applicants?|candidates?)\s+(?:should|must|will)\s+(?:have|hold|possess|be|demonstrate)|"
    r"(?:requires?|required\s+to\s+have|requirements?\s+include)\b|"
    r"(?:we\s+seek|seeking)\s+(?:applicants|candidates)\s+with)",
    _I,
)
_ASKS_TO_SEND = re.compile(
    r"\b(?:submit|send|upload|attach|enclose|e-?mail|apply|application|include\s+(?:a|your))\b", _I
)


# What the employer says about itself, its offer and the job's duties: not what the candidate must
# bring ("We respect technical mastery and give you autonomy", "The person in this role participates
# in ...", "Acme is a leading ...", "You will have a noticeable impact").
_ABOUT_US = re.compile(
    r"^(?:at\s+[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3},?\s+)?(?:we|we're|we've|we'll|we'd|our|us)\b|"
    r"^(?:join|come\s+(?:and\s+)?(?:join|work)|for\s+more\s+information)\b",
    _I,
)
_ASKS_OF_YOU = re.compile(
    r"\b(?:look(?:ing)?\s+for|seek(?:ing)?|requires?|required|expect(?:s|ing)?|need|want|ask|ideal|must|should|"
    r"candidates?|applicants?|you\s+(?:have|bring|hold|possess|are|will\s+need))\b",
    _I,
)
_COMPANY_INTRO = re.compile(
    r"^(?!(?:A|An)\s)(?:[A-Z][\w&.'-]*)(?:\s+(?:[A-Z][\w&.'-]*|of|for|and|&)){0,5}\s+(?:is|are|was|has\s+been)\s+"
    r"(?!(?:a|an)\s+(?:must|plus|bonus|requirement|prerequisite|asset|advantage)\b)"
    r"(?!the\s+(?:minimum|key|main|most|only|ideal|right|first)\b)"
    r"(?:a|an|the|one\s+of|proud|committed|dedicated|founded|headquartered|based|home\s+to|on\s+a\s+mission)\b|"
    r"\b(?:was|were)\s+founded\b|\bheadquartered\s+in\b",
)
_DUTY = re.compile(
    r"^(?:in\s+this\s+(?:role|position|post),?\s+you(?:'ll|\s+will)|"
    r"(?:(?:the|this)\s+(?:person|individual|incumbent|post-?holder|employee|role|position|post|job|opportunity)|"
    r"(?:(?:the|a)\s+)?(?:successful|selected)\s+(?:candidate|applicant)s?)\s+(?:in\s+this\s+(?:role|position|post)\s+)?"
    r"(?:will\s+(?:also\s+)?(?:be\s+expected\s+to\s+)?)?"
    r"(?:participates?|works?|leads?|reports?|joins?|collaborates?|supports?|manages?|oversees?|coordinates?|"
    r"serves?|provides?|acts?|is\s+responsible|be\s+responsible|be\s+part|be\s+based|is\s+based|offers?|start|"
    r"relocate|move|teach|involves?|includes?|sits|is\s+(?:a|an|part)\b)|"
    r"you(?:'ll|\s+will)\s+(?:also\s+)?(?:be\s+responsible|be\s+part|be\s+working|work|join|report|collaborate|"
    r"lead|get|receive|enjoy|own|drive|help|build|partner|have\s+(?:the\s+)?(?:opportunity|chance|freedom)|"
    r"have\s+(?:a|an)\s+(?:\w+\s+){0,2}(?:impact|influence|say)))\b",
    _I,
)
_BENEFIT = re.compile(
    r"^(?:competitive|generous|attractive)\s+(?:\w+\s+)?(?:salary|pay|compensation|benefits|package)|"
    r"\b(?:health|dental|vision|medical|life)\s+(?:insurance|coverage|benefits|plans?)\b|\b401\s*\(?k\)?|"
    r"\bstock\s+options\b|\bannual\s+leave\b|\bvacation\s+(?:days|time)\b|\bparental\s+leave\b|"
    r"\bflexible\s+(?:working|hours|schedules?|work\s+arrangements?)\b|\bwe\s+offer\b|"
    r"\bcompensation\s+packages?\b|\b(?:hourly|pay)\s+(?:rate|range)\b|\bperformance\s+bonus\b|"
    r"^(?:compensation|salary|pay|wages?|benefits)\b[^.:]{0,30}:|"
    r"[$\u00a3\u20ac]\s?\d[\d,.]*\s*[kK]?\s*(?:/|per\s+)\s*(?:hour|hr|year|yr|annum|month)\b",
    _I,
)


# A material to send is not a requirement ("CV with a list of projects and publications"), nor is a
# label that describes the post ("Research Field: Biological sciences", "Job Type: Full-time").
_MATERIAL_ITEM = re.compile(
    r"^(?:an?\s+|your\s+)?(?:(?:detailed|full|current|up-to-date|short|brief)\s+)?(?:CV|C\.V\.|curriculum\s+vitae|r[e\u00e9]sum[e\u00e9]|"
    r"cover(?:ing)?\s+letter|letters?\s+of\s+(?:motivation|reference|recommendation|interest)|transcripts?|"
    r"(?:research|teaching|personal|diversity)\s+statement|writing\s+samples?|names\s+of\s+(?:two|three|\d)\s+referees)\b",
    _I,
)
_POST_LABEL = re.compile(
    r"^(?:research\s+field|field|job\s+type|contract(?:\s+type)?|type\s+of\s+contract|hours(?:\s+per\s+week)?|"
    r"working\s+hours|location|department|start(?:ing)?\s+date|reference(?:\s+number)?|job\s+(?:id|number)|"
    r"salary|funding(?:\s+programme)?|country|city|company|employer|organi[sz]ation)\s*:",
    _I,
)


# A condition on the reader, not something to bring ("If you have followed up again and still no
# response, it's probably a bad fit").
_CONDITION = re.compile(r"^(?:if|when|once|unless)\b", _I)


def asked_of_you(item: str) -> bool:
    """Whether a requirement item asks something of the candidate, rather than describing the
    employer, its culture, its benefits, the job's duties, the post itself or a material to send
    ("We respect technical mastery ...", "The person in this role participates in ...", "Acme is a
    leading ...", "Research Field: Biology", "CV with a list of publications")."""
    text = _clean(item)
    if _DUTY.search(text) or _BENEFIT.search(text) or _COMPANY_INTRO.search(text):
        return False
    if _MATERIAL_ITEM.search(text) or _POST_LABEL.search(text) or _CONDITION.search(text):
        return False
    return not (_ABOUT_US.search(text) and not _ASKS_OF_YOU.search(text))


def _not_boilerplate(items: Iterable[str]) -> list[str]:
    """Requirements without boilerplate, list leads ("... looking for:"), bare sub-headings and
    what the employer says about itself or the duties (:func:`asked_of_you`)."""
    return [
        i
        for i in items
        if not _BOILERPLATE.search(i)
        and not i.rstrip().endswith(":")
        and not (len(i.split()) <= 3 and not re.search(r"[.\d]", i) and "/" in i)
        and asked_of_you(i)
    ]


def _prose_requirements(sections: Sequence[Any]) -> list[str]:
    """Requirements written as prose, anywhere but under nice-to-have and how-to-apply headings;
    a sentence ending in a colon ("Successful candidates should demonstrate that:") brings the
    bullets under it."""
    out: list[str] = []
    for section in sections:
        if section.kind in {"nice", "apply"}:
            continue
        taking = False
        for line in section.lines:
            if _is_bullet(line):
                if taking:
                    item = _clean(line)
                    if item and not _BOILERPLATE.search(item) and asked_of_you(item):
                        out.append(item)
                continue
            if line.strip():
                clean = _clean(line)
                taking = (
                    clean.endswith(":")
                    and bool(
                        _PROSE_REQUIREMENT.search(clean)
                        or re.search(r"\b(?:demonstrate|show)\b", clean, _I)
                    )
                    and not _ASKS_TO_SEND.search(clean)
                )
        # paragraph by paragraph: an unpunctuated header line ("School of Public Health, ...") is
        # not the start of the next paragraph's sentence
        joined = "\n".join(
            "" if not ln.strip() else _clean(ln)
            for ln in section.lines
            if not ln.lstrip().startswith("#") and not ln.rstrip().endswith(":")
        )
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", joined) if p.strip()]
        for sentence in (s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", p)):
            sentence = sentence.strip()
            if (
                12 <= len(sentence) <= 400
                and _PROSE_REQUIREMENT.search(sentence)
                and not _ASKS_TO_SEND.search(sentence)
                and not _BOILERPLATE.search(sentence)
                and asked_of_you(sentence)
            ):
                out.append(sentence)
    return out


def _heading_notes_removed(text: str) -> str:
    """Section headings without a long note in parentheses, so the heading words are read:
    "### About You (Must Haves - what the person must have, most important first)" -> "### About You"."""
    out = []
    for line in text.split("\n"):
        if line.startswith("#"):
            paren = line.find(" (")
            if paren > 0 and line.rstrip().endswith(")") and len(line[:paren].split()) <= 7:
                line = line[:paren].rstrip()
        out.append(line)
    return "\n".join(out)


# A posting whose line breaks were lost: one long line with its bullets inline ("... Requirements
# • 5+ years of SQL • Strong Python • ...", "... - 5+ years of SQL - Strong Python - ...").
_INLINE_BULLET = re.compile(
    r"\s+[\u2022\u25aa\u25cf\u2023\u27a2\u00b7]\s*(?=\S)|\s+\*\s+(?=[A-Z0-9])"
)
_INLINE_DASH = re.compile(r"\s+[-\u2013\u2014]\s+(?=[A-Z0-9])")
_INLINE_ITEM = re.compile(f"{_INLINE_BULLET.pattern}|{_INLINE_DASH.pattern}")
_LONG_LINE = 200
"""A line longer than this, with several inline bullets, is a list whose line breaks were lost."""
_HEADING_WORDS = 8
_STRONG_HEADING = re.compile(
    r"(?:requirements|qualifications|responsibilities|duties|benefits|perks|skills)", _I
)


def _tail_heading(segment: str) -> tuple[str, str] | None:
    """(text, heading) when ``segment`` ends with a known section heading ("... our mission.
    What you'll bring"); a one-word heading only after a sentence end or when it can only be one."""
    words = segment.split()
    for n in range(min(_HEADING_WORDS, len(words)), 0, -1):
        tail = " ".join(words[-n:]).rstrip(":")
        head = " ".join(words[:-n])
        if not tail[:1].isupper():
            continue
        if n == 1 and not (head.endswith((".", "!", "?", ":")) or _STRONG_HEADING.fullmatch(tail)):
            continue
        if any(pattern.fullmatch(tail) for _, pattern in _POSTING_SECTIONS):
            return head, tail
    return None


def _reflowed(text: str) -> str:
    """Lines that hold a whole list inline (line breaks lost) split into a bullet per item, with a
    section heading that ends the text before a bullet on its own line; other lines unchanged."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= _LONG_LINE or (
            len(_INLINE_BULLET.findall(line)) < 2 and len(_INLINE_DASH.findall(line)) < 3
        ):
            out.append(line)
            continue
        for i, segment in enumerate(_INLINE_ITEM.split(line)):
            segment = segment.strip()
            if not segment:
                continue
            found = _tail_heading(segment)
            text_part, heading = found if found else (segment, None)
            if text_part:
                out.append(f"- {text_part}" if i else text_part)
            if heading:
                out += ["", f"{heading}:"]
    return "\n".join(out)


# "We're looking for someone who will:" heads duties, not requirements.
_WHO_WILL = re.compile(r"\bwho\s+will\s*:?$", _I)
# Inline markup left in Markdown ("<u>Essential"): the words are read, the tags are not.
_INLINE_TAG = re.compile(r"</?(?:u|b|i|em|strong|span|br|p|div|font)\b[^<>]{0,80}>", _I)
# An item cut after an abbreviation ("... languages, e.g." / "Python, JavaScript") or inside
# parentheses ("storage systems (NAS," / "SAN, RAID)") or mid-phrase ("experience with" / "Object
# Store concepts") is one item.
_ENDS_MID_PHRASE = re.compile(r"(?<=[\w)])\s+(?:with|of|the|a|an|including|such\s+as)$", _I)
_ENDS_ABBREVIATION = re.compile(r"\b(?:e\.\s?g|i\.\s?e|incl|esp|approx|min|ca|vs|cf|viz)\.$", _I)


def _rejoined(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if out and (
            _ENDS_ABBREVIATION.search(out[-1])
            or _ENDS_MID_PHRASE.search(out[-1])
            or out[-1].count("(") > out[-1].count(")")
        ):
            out[-1] = f"{out[-1]} {item}"
        else:
            out.append(item)
    return out


def find_requirements(text: str) -> tuple[list[str], list[str], list[str]]:
    """(requirements, nice-to-haves, responsibilities) of a posting's text, in the posting's order.

    Boilerplate is left out; when no requirements section holds any, requirements written as prose
    are used; items that say they are optional ("a plus", "preferred") move to the nice-to-haves.
    """
    text = _INLINE_TAG.sub("", text)
    sections = _sections(_reflowed(_heading_notes_removed(text)), _POSTING_SECTIONS)
    for section in sections:
        if section.heading and _WHO_WILL.search(section.heading):
            section.kind = "responsibilities"
            continue
        # "A successful candidate has:" / "You'll fit right in if:" written as a lead line
        if (
            section.kind == "other"
            and section.heading
            and _PROSE_REQUIREMENT.search(section.heading)
        ):
            section.kind = "requirements"
    requirements: list[str] = []
    nice: list[str] = []
    responsibilities: list[str] = []
    for section in sections:
        items = _rejoined(_items(section.lines))
        if section.kind == "requirements":
            requirements += items
        elif section.kind == "nice":
            nice += items
        elif section.kind == "responsibilities":
            responsibilities += items
    requirements = _not_boilerplate(requirements)
    if not requirements:
        requirements = _prose_requirements(sections)
    requirements, moved = _split_preferences(requirements)
    return requirements, [*moved, *nice], responsibilities
