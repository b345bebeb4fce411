"""States, provinces and territories, defined once: US states (and DC), Canadian provinces and
territories, Australian states and territories, with their postal codes and names.

Postings write one place several ways ("Seattle, WA", "Seattle, Washington", "Seattle, WA, US",
schema.org's "Seattle, Washington, United States"). :func:`place_key` reads a place into one
comparable form (town, then the region as ``country:code``, the country dropped when the region
implies it); :func:`same_place` compares two places by it; :func:`short_region` prints a place
with each region it names as its postal code ("Seattle, Washington, US" -> "Seattle, WA, US"),
the way US, Canadian and Australian addresses write it. The lexicon's region patterns are built
from :data:`REGION_CODES` and :data:`REGION_NAMES`, so every parser knows the same regions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "REGION_CODES",
    "REGION_NAMES",
    "Region",
    "codes_in",
    "find_region",
    "place_key",
    "same_place",
    "short_region",
]


@dataclass(frozen=True)
class Region:
    country: str
    """ISO 3166-1 alpha-2 code of the country: ``US``, ``CA`` or ``AU``."""
    code: str
    """The postal abbreviation: ``WA``, ``BC``, ``NSW``."""
    name: str


_TABLE: tuple[tuple[str, str, str], ...] = (
    ("US", "AL", "Alabama"), ("US", "AK", "Alaska"), ("US", "AZ", "Arizona"),
    ("US", "AR", "Arkansas"), ("US", "CA", "California"), ("US", "CO", "Colorado"),
    ("US", "CT", "Connecticut"), ("US", "DE", "Delaware"), ("US", "DC", "District of Columbia"),
    ("US", "FL", "Florida"), ("US", "GA", "Georgia"), ("US", "HI", "Hawaii"),
    ("US", "ID", "Idaho"), ("US", "IL", "Illinois"), ("US", "IN", "Indiana"),
    ("US", "IA", "Iowa"), ("US", "KS", "Kansas"), ("US", "KY", "Kentucky"),
    ("US", "LA", "Louisiana"), ("US", "ME", "Maine"), ("US", "MD", "Maryland"),
    ("US", "MA", "Massachusetts"), ("US", "MI", "Michigan"), ("US", "MN", "Minnesota"),
    ("US", "MS", "Mississippi"), ("US", "MO", "Missouri"), ("US", "MT", "Montana"),
    ("US", "NE", "Nebraska"), ("US", "NV", "Nevada"), ("US", "NH", "New Hampshire"),
    ("US", "NJ", "New Jersey"), ("US", "NM", "New Mexico"), ("US", "NY", "New York"),
    ("US", "NC", "North Carolina"), ("US", "ND", "North Dakota"), ("US", "OH", "Ohio"),
    ("US", "OK", "Oklahoma"), ("US", "OR", "Oregon"), ("US", "PA", "Pennsylvania"),
    ("US", "RI", "Rhode Island"), ("US", "SC", "South Carolina"), ("US", "SD", "South Dakota"),
    ("US", "TN", "Tennessee"), ("US", "TX", "Texas"), ("US", "UT", "Utah"),
    ("US", "VT", "Vermont"), ("US", "VA", "Virginia"), ("US", "WA", "Washington"),
    ("US", "WV", "West Virginia"), ("US", "WI", "Wisconsin"), ("US", "WY", "Wyoming"),
    ("US", "PR", "Puerto Rico"),
    ("CA", "AB", "Alberta"), ("CA", "BC", "British Columbia"), ("CA", "MB", "Manitoba"),
    ("CA", "NB", "New Brunswick"), ("CA", "NL", "Newfoundland and Labrador"),
    ("CA", "NS", "Nova Scotia"), ("CA", "NT", "Northwest Territories"), ("CA", "NU", "Nunavut"),
    ("CA", "ON", "Ontario"), ("CA", "PE", "Prince Edward Island"), ("CA", "QC", "Quebec"),
    ("CA", "SK", "Saskatchewan"), ("CA", "YT", "Yukon"),
    ("AU", "ACT", "Australian Capital Territory"), ("AU", "NSW", "New South Wales"),
    ("AU", "NT", "Northern Territory"), ("AU", "QLD", "Queensland"),
    ("AU", "SA", "South Australia"), ("AU", "TAS", "Tasmania"), ("AU", "VIC", "Victoria"),
    ("AU", "WA", "Western Australia"),
)  # fmt: skip
_REGIONS = tuple(Region(*row) for row in _TABLE)
# Other spellings a posting uses for a region's name.
_ALIASES = {
    "québec": ("CA", "QC"),
    "washington dc": ("US", "DC"),
    "washington d.c": ("US", "DC"),
    "d.c": ("US", "DC"),
}

REGION_CODES: tuple[str, ...] = tuple(dict.fromkeys(r.code for r in _REGIONS))
"""Every postal code in the table, once (``WA`` and ``NT`` name a region in two countries)."""
REGION_NAMES: tuple[str, ...] = tuple(r.name for r in _REGIONS)

# Country names and codes as postings write them, to one code.
_COUNTRIES = {
    "us": "US", "usa": "US", "u.s.": "US", "u.s.a.": "US", "united states": "US",
    "united states of america": "US", "america": "US",
    "ca": "CA", "can": "CA", "canada": "CA",
    "au": "AU", "aus": "AU", "australia": "AU",
    "uk": "GB", "u.k.": "GB", "gb": "GB", "united kingdom": "GB", "great britain": "GB",
}  # fmt: skip
_COUNTRY_ORDER = ("US", "CA", "AU")  # a bare code shared by two countries ("WA") is read so


def codes_in(*countries: str) -> frozenset[str]:
    """The postal codes of the regions of ``countries`` (``codes_in("US", "CA")``)."""
    return frozenset(r.code for r in _REGIONS if r.country in countries)


def _country(text: str) -> str | None:
    return _COUNTRIES.get(" ".join(text.casefold().split()))


def find_region(text: str, country: str | None = None) -> Region | None:
    """The region ``text`` names ("WA", "Washington", "New South Wales"), else None. A code two
    countries share ("WA", "NT") is read in ``country`` when given (``"AU"``), else in the US,
    then Canada, then Australia; a name is never ambiguous ("Western Australia")."""
    word = " ".join(text.strip().rstrip(".").split())
    if not word:
        return None
    low = word.casefold()
    alias = _ALIASES.get(low)
    for r in _REGIONS:
        if r.name.casefold() == low or (r.country, r.code) == alias:
            return r
    if not re.fullmatch(r"[A-Z]{2,3}", word):
        return None  # a code is written in capitals: "or" and "in" name no state
    found = [r for r in _REGIONS if r.code == word]
    if country:
        found = [r for r in found if r.country == country] or found
    found.sort(key=lambda r: _COUNTRY_ORDER.index(r.country))
    return found[0] if found else None


def _parts(place: str) -> list[str]:
    """The comma-separated parts of a place, a country run on after a region split off
    ("North Vancouver, BC Canada" -> "North Vancouver", "BC", "Canada")."""
    out: list[str] = []
    for part in place.split(","):
        part = " ".join(part.split())
        run_on = re.fullmatch(r"(?P<r>[A-Z]{2,3})\s+(?P<c>[A-Za-z. ]{2,30})", part)
        if run_on and _country(run_on.group("c")) and find_region(run_on.group("r")):
            out += [run_on.group("r"), run_on.group("c")]
        elif part:
            out.append(part)
    return out


def place_key(place: str) -> tuple[str, ...]:
    """One comparable form of a place: its parts casefolded, a region as ``country:code`` and a
    country as its code, the country dropped when a region already implies it."""
    parts = _parts(place)
    countries = [c for c in (_country(p) for p in parts) if c]
    hint = countries[-1] if countries else None
    key: list[str] = []
    implied: set[str] = set()
    for i, part in enumerate(parts):
        region = find_region(part, hint) if i else None  # the first part is the town
        if region is not None:
            key.append(f"{region.country}:{region.code}")
            implied.add(region.country)
            continue
        country = _country(part) if i else None
        key.append(country or " ".join(part.casefold().split()))
    return tuple(k for k in key if k not in implied)


def same_place(a: str | None, b: str | None) -> bool:
    """Whether two written places name the same place ("Seattle, WA" and "Seattle, Washington,
    USA"); two empty places are the same."""
    if not a or not b:
        return not a and not b
    return place_key(a) == place_key(b)


def short_region(place: str) -> str:
    """``place`` with each region it names after the town written as its postal code
    ("Seattle, Washington, United States" -> "Seattle, WA, United States"); other parts as
    written."""
    parts = [p.strip() for p in place.split(",")]
    countries = [c for c in (_country(p) for p in parts) if c]
    hint = countries[-1] if countries else None
    out = [parts[0]]
    for part in parts[1:]:
        region = find_region(part, hint)
        out.append(region.code if region is not None and len(part) > len(region.code) else part)
    return ", ".join(out)
