"""The unit that hires (lab, group, team, institute, chair), read from a posting's sentences.

Labels ("Department:") and the header are read first by :mod:`referral_ai.inputs.posting`; these
rules are what a reader finds further down: "The Theoretical Biology Lab at McMaster University
has positions", "the postdoc will be hosted at the Mathematical Institute", "join our People
Operations team", several units that "seek applications" together. Each returns the unit and the
shape that found it, so the caller can record it (a ``FieldNote``) with a modest confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINK = re.compile(r"\[([^\]\n]{1,200})\]\([^)\s]{0,500}\)")
_W = r"[A-Z][\w.'\u00c0-\u017f-]*"
# A unit's name: capitalised words (with "and", "of", "for", "&" between them and an
# abbreviation in parentheses), ending in the kind of unit it is.
_UNIT_KIND = r"(?:Lab|Laboratory|Group|Team|Institute|Centre|Center|Chair|Unit|Department|lab|laboratory|group|team)"
_UNIT_NAME = (
    rf"(?!The\b){_W}(?:[ \t]+(?:{_W}|and|of|for|&|\([A-Z][\w.&-]{{1,12}}\))){{0,7}}[ \t]+{_UNIT_KIND}"
    rf"(?:[ \t]+(?:of|for)[ \t]+(?!the\b){_W}(?:[ \t]+(?:{_W}|and|&)){{0,5}})?"
    r"(?:[ \t]+\([A-Z][\w.&-]{1,12}\))?"
)
_NAMED_UNIT = (
    rf"(?:(?:Department|School|Faculty|Institute|Centre|Center|Chair)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?"
    rf"{_W}(?:[ \t]+(?:{_W}|and|of|&)){{0,6}}(?:[ \t]+\([A-Z][\w.&-]{{1,12}}\))?|{_UNIT_NAME})"
)
# "<unit> at/of [the] <employer>", with a parent unit between: "group of the Computer Science
# Department of the University of Turin"
_UNIT_AT = (
    rf"(?P<u>{_NAMED_UNIT})(?:[ \t]+\((?:{_W}[ \t]*){{1,4}}\))?(?:[ \t]+(?:of|at|in)[ \t]+the[ \t]+{_NAMED_UNIT})?"
    r"[ \t]+(?:at|of|in)[ \t]+(?:the[ \t]+)?"
)
_HOSTED = re.compile(
    rf"\b(?:hosted|based|housed|located|carried[ \t]+out)[ \t]+(?:at|in|within|by)[ \t]+the[ \t]+(?P<u>{_NAMED_UNIT}|"
    rf"{_W}(?:[ \t]+{_W}){{0,3}}[ \t]+(?:Institute|Department|Centre|Center|School|Faculty))\b"
)
# "join our People Operations team", "to work within its IT Department", "working in our small UX team", "AISI's Security
# Engineering team", "Within NYC Opportunity, the Enterprise Data Solutions team"
_TEAM = re.compile(
    r"\b(?:join|joining|in|on|within|to)[ \t]+(?:our|its|the|[A-Z][\w&.-]*'s)[ \t]+(?:(?:small|new|growing|core|"
    r"wider|global|central)[ \t]+)?(?P<u>(?:[A-Z][\w&.-]*[ \t]+(?:(?:&|and)[ \t]+)?){1,5}"
    # "the Research Software Engineering (RSE) group", "the Curatorial Affairs and Collections department"
    r"(?:\([A-Z]{2,8}\)[ \t]+)?(?:team|Team|Department|department|Division|group|Group))\b"
    r"|\bWithin[ \t]+[A-Z][^,\n]{1,60},[ \t]+the[ \t]+(?P<v>(?:[A-Z][\w&.-]*[ \t]+){1,5}team)\b"
)
# The subject of a plural "seek applications": "The Chair of X (Professor Y) at the Faculty of Z
# and the Munich Center for W (MCMP) at U seek applications"
_JOINT = re.compile(
    r"(?:^|(?<=[.\n>]))[ \t]*(?:The|the)[ \t]+(?P<s>[^.;:\n]{10,400}?(?:\n[^.;:\n]{1,200}?){0,4})[ \t\n]+"
    r"(?:seek|invite|are[ \t]+seeking|are[ \t]+looking|are[ \t]+hiring|offer)[ \t]+(?:applications|candidates|\w+)",
)
_PERSON_NOTE = re.compile(r"\((?:Prof\.?|Professor|Dr\.?|PI|director|headed|led)\b[^()]*\)", re.I)


@dataclass(frozen=True)
class Unit:
    value: str
    source: str
    confidence: float


def _plain(text: str) -> str:
    """Markdown links read as their words ("[The Theoretical Biology Lab](url) at ...")."""
    return _LINK.sub(r"\1", text)


def _unit_of(piece: str) -> str | None:
    m = re.match(
        rf"[ \t]*(?:the[ \t]+)?(?:newly[ \t]+established[ \t]+)?(?P<u>{_NAMED_UNIT})", piece
    )
    return m.group("u").strip() if m else None


def joint_units(text: str) -> Unit | None:
    """Two units that hire together, as one subject: 'U1; U2'."""
    flat = _plain(text[:4000])
    for m in _JOINT.finditer(flat):
        subject = " ".join(_PERSON_NOTE.sub("", m.group("s")).split())
        pieces = subject.split(" and the ")
        if len(pieces) != 2:
            continue
        units = [_unit_of(re.sub(r"^the[ \t]+", "", p)) for p in pieces]
        if all(units) and not any(re.match(r"(?:Faculty|School)\b", u or "") for u in units):
            return Unit(
                "; ".join(u for u in units if u), "units the opening says hire together", 0.5
            )
    return None


def unit_at(text: str, company: str | None) -> Unit | None:
    """'The Theoretical Biology Lab at McMaster University', 'the Formal and Computational
    Semantics lab (FACTS.lab) at the University of Rochester': a unit of the employer."""
    if not company:
        return None
    flat = _plain(text[:6000])
    m = re.search(_UNIT_AT + re.escape(company), flat)
    if m:
        return Unit(m.group("u").strip(), "unit the text places at the employer", 0.6)
    return None


def hosted_unit(text: str) -> Unit | None:
    """'The postdoc will be hosted at the Mathematical Institute'."""
    m = _HOSTED.search(_plain(text[:6000]))
    return Unit(m.group("u").strip(), "unit the text says hosts the job", 0.6) if m else None


def team_unit(text: str, company: str | None) -> Unit | None:
    """'join our People Operations team': the team the job joins."""
    for m in _TEAM.finditer(_plain(text[:6000])):
        team = " ".join((m.group("u") or m.group("v")).split())
        name = team[: -len(" team")] if team.lower().endswith(" team") else team
        if company and (name.lower() in company.lower() or company.lower() in name.lower()):
            continue
        return Unit(team, "team the text says the job joins", 0.5)
    return None


def named_team(unit: str, text: str) -> str:
    """'Nature Neuroscience team' when the text also names Nature Neuroscience on its own (a
    journal, a product): the unit is that thing, and 'team' only says who works on it."""
    words = unit.split()
    if len(words) < 3 or words[-1].lower() != "team":
        return unit
    name = " ".join(words[:-1])
    alone = re.findall(rf"(?<![\w/-]){re.escape(name)}(?![\w/-])(?![ \t]+team)", text, re.I)
    return name if alone else unit


_PROJECT_OF = r"(?:a|an)[ \t]+(?:project|programme|program|initiative|division|unit)[ \t]+(?:of|under|within|at|by)[ \t]+"


def project_of(company: str, text: str) -> tuple[str, str] | None:
    """'OONI - The Tor Project' where the text says 'The Open Observatory of Network Interference
    (OONI), a project under The Tor Project': the organisation hires, and the project is its unit
    (returned as ``(organisation, unit)``)."""
    halves = re.split(r" [-|/\u2013\u2014] ", " ".join(company.split()), maxsplit=1)
    if len(halves) != 2 or not halves[0] or not halves[1]:
        return None
    part, org = halves
    flat = " ".join(_plain(text[:6000]).split())
    spelled = re.search(
        rf"(?:The[ \t]+|the[ \t]+)?(?P<u>{_W}(?:[ \t]+(?:{_W}|of|and|for|&)){{0,8}})[ \t]+\({re.escape(part)}\),?"
        rf"[ \t]+{_PROJECT_OF}{re.escape(org)}\b",
        flat,
    )
    if spelled:
        return org, f"{spelled.group('u')} ({part})"
    if re.search(rf"\b{re.escape(part)}\b,?[ \t]+{_PROJECT_OF}{re.escape(org)}\b", flat):
        return org, part
    return None


_PART_OF = (
    r"(?:,[ \t]+|[ \t]+is[ \t]+|[ \t]+\([A-Z]{2,8}\)[ \t]+is[ \t]+|[ \t]+\([A-Z]{2,8}\),[ \t]+)"
    r"(?:a[ \t]+)?(?:part|(?:an?[ \t]+)?(?:directorate|division|unit|business[ \t]+unit|agency|"
    r"department|subsidiary))[ \t]+(?:of|within)[ \t]+(?:the[ \t]+)?"
)


def parent_of(company: str, text: str) -> tuple[str, str] | None:
    """The hiring organisation and its unit when the text says one is part of the other:
    'Government Digital Service' where the text says 'The Government Digital Service is part of
    the Cabinet Office' (or 'GDS, part of the Cabinet Office') gives the parent; 'Cabinet Office'
    where it says the same gives the unit. Returned as ``(organisation, unit)``."""
    flat = re.sub(r"[ \t]+", " ", _plain(text[:6000]))  # a name never runs across lines
    name = rf"{_W}(?:[ \t]+(?:{_W}|of|and|for|&)){{0,6}}"
    for m in re.finditer(rf"(?P<u>{name}){_PART_OF}(?P<p>{name})", flat):
        unit = re.split(r"(?:^|[ \t])(?:The|the)[ \t]+", m.group("u"))[
            -1
        ]  # "The Unit", "B The Unit"
        parent = re.split(r"(?<=\w)[.,;:](?:[ \t]|$)", m.group("p"))[0]  # "Cabinet Office. Our job"
        parent = re.sub(r"(?:[ \t]+(?:of|and|for|&))+$", "", parent).rstrip(".,")
        if parent.split()[0] in {"Fortune", "Our", "This"} or parent.casefold() == unit.casefold():
            continue
        if unit.casefold() == company.casefold() or parent.casefold() == company.casefold():
            return parent, unit
    return None
