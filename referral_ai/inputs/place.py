"""Where a posting's job is, read from its prose when no header or label says.

A careful reader finds the place in sentences as well as in labels: an office "in the heart of
Berlin", "move to Hamilton and work in person", "our office at 253 Broadway, in Manhattan", a
postal address in the page's footer, "Turin is a vibrant city", a university named for its city
followed by its country ("University of Geneva, Switzerland"). Each rule here is one such shape;
the caller records which one found the place (a ``FieldNote``) and how sure it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from referral_ai.inputs.lexicon import _COUNTRY, _I

# A place name in running text: capitalised words, none of them a sentence's function word.
_NAME = r"[A-Z][a-zA-Z'\u00c0-\u017f-]+(?:[ \t]+[A-Z][a-zA-Z'\u00c0-\u017f-]+){0,2}"
_NOT_A_PLACE = re.compile(
    r"^(?:The|Our|We|You|Your|This|That|It|Remote|Home|Office|Apply|Europe|North|South|East|West|"
    r"Northern|Southern|Eastern|Western|Central|English|Python|Java|JavaScript)$"
)
_STREET = (
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Drive|Lane|Boulevard|Blvd\.|Square|Broadway|"
    r"Stra(?:ß|ss)e|Rua|Via|Calle|Avenida|Weg|Platz|Gasse|Allee|Laan|Straat|Plein)"
)


@dataclass(frozen=True)
class Place:
    value: str
    source: str
    confidence: float


_PROSE_PLACES: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (
        # "join our teams in our office in the heart of Berlin"
        re.compile(
            rf"\b(?:office|offices|campus|studio|based|located)[ \t]+(?:[a-z]+[ \t]+){{0,2}}in[ \t]+the[ \t]+"
            rf"(?:heart|centre|center|middle)[ \t]+of[ \t]+(?P<p>{_NAME})"
        ),
        "office the text places in a city",
        0.6,
    ),
    (
        # "This position will require work from our office at 253 Broadway, in Manhattan."
        re.compile(
            rf"\boffices?[ \t]+at[ \t]+\d{{1,5}}[ \t]+(?:[A-Z][\w.'-]*[ \t]+){{0,3}}[A-Z][\w.'-]*,[ \t]*"
            rf"(?:in[ \t]+)?(?P<p>{_NAME})"
        ),
        "address of the office the text names",
        0.6,
    ),
    (
        # "may be asked later to move to Hamilton and work in person"
        re.compile(
            rf"\b(?:move|relocate|come)[ \t]+to[ \t]+(?P<p>{_NAME})(?=[ \t]+(?:and|to|for)\b|[.,;])"
        ),
        "place the text asks the candidate to move to",
        0.5,
    ),
    (
        # "Modern central London office", "our downtown Toronto office"
        re.compile(rf"\b(?:central|downtown)[ \t]+(?P<p>{_NAME})[ \t]+(?:office|offices|campus)\b"),
        "office the text names",
        0.5,
    ),
    (
        # "Turin is a vibrant and liveable city in Northern Italy"
        re.compile(
            rf"(?<![\w'])(?P<p>{_NAME})\]?(?:\([^()\s]*\))?[ \t]+is[ \t]+(?:a|an)[ \t]+"
            rf"(?:[a-z,-]+[ \t]+){{0,5}}(?:city|town)[ \t]+(?:in|on|of|by)\b"
        ),
        "city the text describes",
        0.5,
    ),
    (
        # "Hevnly sprouted in the garden of London's silicon roundabout"
        re.compile(
            rf"\bin[ \t]+(?:the[ \t]+[a-z]+[ \t]+of[ \t]+)?(?P<p>{_NAME})'s[ \t]+(?:[a-z]+[ \t]+){{0,2}}"
            r"(?:roundabout|district|quarter|centre|center|heart|downtown|neighbou?rhood|hub|tech\s+scene)\b"
        ),
        "city the opening sentence puts the employer in",
        0.4,
    ),
)

# "Rua da Quinta Grande 6, Oeiras." / "5600 Main Street, Springfield." (inline postal address)
_INLINE_ADDRESS = re.compile(
    rf"(?:\b{_STREET}[ \t]+(?:[\w\u00c0-\u017f]+[ \t]+){{0,4}}\d{{1,5}}[A-Za-z]?|"
    rf"\b\d{{1,5}}[ \t]+(?:[A-Z][\w\u00c0-\u017f.-]*[ \t]+){{0,4}}{_STREET}),[ \t]*"
    rf"(?:\d{{4}}(?:-\d{{3}})?[ \t]+)?(?P<p>{_NAME})(?=[ \t]*(?:[.;\n]|,[ \t]*{_COUNTRY}\b|$))"
)
# A footer address: a street line, then "Singapore 117545" or "80539 München" on its own line.
_STREET_WORD = re.compile(rf"\b{_STREET}(?!\w)")
_POSTCODE_LINE = re.compile(
    rf"^(?:(?P<a>{_NAME})[ \t]+(?:[A-Z]{{1,2}}\d[\dA-Z]?[ \t]*\d[A-Z]{{2}}|\d{{4,6}})|"
    rf"(?:[A-Z]{{1,2}}-)?\d{{4,6}}[ \t]+(?P<b>{_NAME}))$"
)
_ADDRESS_TAIL = re.compile(rf"(?:(?<![ \t])[ \t]{{2,}}|,[ \t]*)(?P<a>{_NAME})[ \t]+\d{{4,6}}$")
# "remote-first team", "The position is 100% remote", "distributed remotely worldwide"
_REMOTE_PROSE = re.compile(
    r"\b(?:remote[- ]first|fully[- ]remote|100%[ \t]+remote|distributed[ \t]+remotely|"
    r"position[ \t]+is[ \t]+(?:fully[ \t]+)?remote)\b",
    _I,
)
_REGION_ONLY = re.compile(r"^(?:global|worldwide|anywhere|international|world)$", _I)
_HOW_REMOTE = re.compile(r"\b(?P<how>(?:100%|fully)[ \t]+remote)\b", _I)
_JOB_REMOTE = re.compile(
    r"\b(?:position|role|job)[ \t]+is[ \t]+(?P<how>(?:100%|fully)[ \t]+remote)\b", _I
)
_COUNTRY_LABEL = re.compile(
    rf"^\s*(?:[-*][ \t]+)?(?:\*\*)?country(?:\*\*)?\s*:\s*(?:\*\*)?(?P<v>{_COUNTRY})\b", _I
)
# A university named for its city: "University of Geneva", "Umeå University", "Universität Wien".
_CITY_UNIVERSITY = re.compile(
    r"^(?:the[ \t]+)?(?:(?:University|Universit[éàä]t?|Universidad|Universidade|Universiteit)"
    r"[ \t]+(?:of[ \t]+|de[ \t]+|di[ \t]+)?(?P<a>[A-Z][a-z\u00c0-\u017f-]+)|"
    r"(?P<b>[A-Z][a-z\u00c0-\u017f-]+)[ \t]+(?:University|Universitet|Universität))$"
)


def _usable(place: str, avoid: Sequence[str]) -> bool:
    words = place.split()
    if not words or any(_NOT_A_PLACE.match(w) for w in words[:1]):
        return False
    low = place.lower()
    # the employer's own name is not a place, though a city inside it may be ("University of Turin")
    return not any(a and (low == a.lower() or a.lower() in low) for a in avoid)


def prose_place(text: str, avoid: Sequence[str] = ()) -> Place | None:
    """The first place a sentence of ``text`` puts the job in; names in ``avoid`` (the employer,
    the title) are never taken for a place."""
    for pattern, source, confidence in _PROSE_PLACES:
        for m in pattern.finditer(text):
            place = m.group("p").strip()
            if _usable(place, avoid):
                return Place(place, source, confidence)
    inline = _INLINE_ADDRESS.search(text)
    if inline and _usable(inline.group("p"), avoid):
        return Place(inline.group("p"), "city of a postal address in the text", 0.6)
    address = postal_address(text)
    if address and _usable(address[0], avoid):
        return Place(address[0], "city of the postal address on the page", 0.6)
    if _REMOTE_PROSE.search(text):
        return Place("Remote", "the text says the work is remote", 0.5)
    return None


# "This is a remote role", "The position is fully remote": the job itself is remote, which an
# office or headquarters named elsewhere ("Our HQ is located in Canada") does not change.
_REMOTE_ROLE = re.compile(
    r"\b(?:this|the)[ \t]+(?:is[ \t]+an?[ \t]+)?(?:fully[ \t]+|100%[ \t]+)?remote[ \t]+"
    r"(?:role|position|job|opportunity)\b|"
    r"\b(?:this|the)[ \t]+(?:role|position|job)[ \t]+is[ \t]+(?:fully[ \t]+|100%[ \t]+)?remote\b",
    _I,
)


def remote_role(text: str) -> Place | None:
    """'Remote' when a sentence says the job itself is remote ("This is a remote role")."""
    if _REMOTE_ROLE.search(text):
        return Place("Remote", "the text says the role is remote", 0.6)
    return None


def _street_line(line: str) -> bool:
    """A line of a postal address that gives the street: a street word and a number."""
    return any(c.isdigit() for c in line) and bool(_STREET_WORD.search(line))


def _addressee(lines: Sequence[str], at: int) -> str | None:
    """The line above an address's street, when it is a name (no digits, e-mail or link)."""
    above = lines[at - 1] if at > 0 else None
    if above and (len(above) > 120 or re.search(r"\d|@|https?:", above)):
        return None
    return above


def postal_address(text: str) -> tuple[str, str | None] | None:
    """A postal address written as lines ('<addressee>' / 'MD4 5 Science Drive 2' / 'Singapore
    117545', or run together on one line): its city, and the addressee above the street."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for i, line in enumerate(lines):
        tail = _ADDRESS_TAIL.search(line)
        if tail and _street_line(line[: tail.start()]):
            return tail.group("a"), _addressee(lines, i)
        m = _POSTCODE_LINE.match(line) if i else None
        street = next((j for j in range(i - 1, max(-1, i - 3), -1) if _street_line(lines[j])), None)
        if m and street is not None:
            return m.group("a") or m.group("b"), _addressee(lines, street)
    return None


def with_country(place: str, text: str) -> str:
    """'Oeiras' with the posting's 'Country: Portugal' label: 'Oeiras, Portugal'."""
    if re.search(rf",\s*{_COUNTRY}\b", place):
        return place
    for line in text.splitlines()[:80]:
        m = _COUNTRY_LABEL.match(line)
        if m and m.group("v").lower() != place.lower():
            return f"{place}, {m.group('v')}"
    return place


def remote_detail(place: str, text: str) -> str:
    """'Global' from a header when the text says 'The position is 100% remote':
    'Global (100% remote)' (a region alone does not say whether an office is involved)."""
    if not _REGION_ONLY.match(place.strip()):
        return place
    m = _JOB_REMOTE.search(text) or _HOW_REMOTE.search(text)
    return f"{place} ({m.group('how')})" if m else place


def university_city(company: str | None, place: str | None, text: str) -> Place | None:
    """'University of Geneva, Switzerland' or '(Umeå University, Umeå Plant Science Centre,
    Sweden)': a university named for its city, written with its country, is in that city.
    Only a country (or nothing) must be known so far; the bare name ('University of Stavanger')
    with no country after it is not read as a place."""
    if not company:
        return None
    m = _CITY_UNIVERSITY.match(company.strip())
    if not m:
        return None
    city = m.group("a") or m.group("b")
    if re.fullmatch(_COUNTRY, city) or (place and not re.fullmatch(_COUNTRY, place)):
        return None
    chain = re.search(
        re.escape(company.strip())
        + rf"(?:,[ \t]*[^,.;:\n()]{{1,60}}){{0,2}},[ \t]*(?P<c>{_COUNTRY})\b",
        text,
    )
    if not chain or (place and chain.group("c") != place):
        return None
    return Place(
        f"{city}, {chain.group('c')}",
        "city a university is named for, written with its country",
        0.6,
    )


__all__ = [
    "Place",
    "postal_address",
    "prose_place",
    "remote_detail",
    "remote_role",
    "university_city",
    "with_country",
]
