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
            r"(?:it\s+)?would\s+be\s+(?:great|nice)\s+if\s+you(?:\s+have)?|we'?d\s+love\s+(?:it\s+)?if\s+you(?:\s+also)?(?:\s+have)?",
            r"what\s+(?:would\s+)?(?:make|makes)\s+you\s+stand\s+out",
        ),
    ),
    (
        "requirements",
        _section_words(
            r"(?:(?:minimum|basic|required|key|essential|core|must[- ]have)\s*)?(?:qualifications|requirements|skills"
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
    r"(?:please|briefly)\s+(?:briefly\s+)?address)",
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


def _not_boilerplate(items: Iterable[str]) -> list[str]:
    """Requirements without boilerplate, list leads ("... looking for:") and bare sub-headings."""
    return [
        i
        for i in items
        if not _BOILERPLATE.search(i)
        and not i.rstrip().endswith(":")
        and not (len(i.split()) <= 3 and not re.search(r"[.\d]", i) and "/" in i)
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
                    if item and not _BOILERPLATE.search(item):
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
        joined = " ".join(
            _clean(ln)
            for ln in section.lines
            if ln.strip() and not ln.lstrip().startswith("#") and not ln.rstrip().endswith(":")
        )
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", joined):
            sentence = sentence.strip()
            if (
                12 <= len(sentence) <= 400
                and _PROSE_REQUIREMENT.search(sentence)
                and not _ASKS_TO_SEND.search(sentence)
                and not _BOILERPLATE.search(sentence)
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


def find_requirements(text: str) -> tuple[list[str], list[str], list[str]]:
    """(requirements, nice-to-haves, responsibilities) of a posting's text, in the posting's order.

    Boilerplate is left out; when no requirements section holds any, requirements written as prose
    are used; items that say they are optional ("a plus", "preferred") move to the nice-to-haves.
    """
    sections = _sections(_heading_notes_removed(text), _POSTING_SECTIONS)
    for section in sections:
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
        items = _items(section.lines)
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
