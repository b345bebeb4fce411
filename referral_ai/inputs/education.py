"""Education entries read together: where each entry starts and ends, and which of its lines is
the institution and which the degree, chosen for all the entries of the section together.

A resume writes its education in one layout, as it does its jobs: if the entries whose
institution has a school word (University, Hochschule, Lyc\u00e9e ...) put it on the line under the
degree, an entry whose institution has none ("IFSP", "Sprachzentrum", "UFRST Le Havre") puts it
there too. This module holds that reading and nothing about words: the caller gives each line of
the section its kind (:class:`EduLine`: school words, degree words, a plain line, dates alone)
and whether it carries the entry's dates.

- :func:`entry_spans` cuts the section into entries at the dated lines: when the section opens
  with a dated line, each dated line opens an entry; when it ends with one, each closes one.
  Any other shape is not cut (None), and the caller reads it line by line.
- :func:`read_spans` reads each entry with the roles' layout model (:mod:`.layout`): the
  institution plays the job title (so the reading's margin, and its doubt, is about the
  institution) and the degree the employer, a line's *slot* is its distance from the entry's
  dated line, and the template the *other* entries agree on places a plain line as the
  institution or the degree. A reading not clearly ahead of one with another institution is a
  doubt.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from .layout import Fragment, Slot, read_entries

INSTITUTION = "I"  # names an institution (a school word)
DEGREE = "G"  # names a degree, and no institution
PLAIN = "P"  # a short line that names neither
DATES = "D"  # the entry's dates alone

# What a line's kind says of it, in the layout model's units (a job noun is 5, the template's
# slot 1.5): a school word or a degree word decides; a plain line is open to the template.
_DEGREE_EVIDENCE = {INSTITUTION: -3.0, DEGREE: 3.0, PLAIN: 0.0}
_INSTITUTION_EVIDENCE = {INSTITUTION: 3.0, DEGREE: -3.0, PLAIN: 0.0}


@dataclass(frozen=True)
class EduLine:
    """One line of an Education section: its kind and whether it carries dates."""

    kind: str
    dated: bool


@dataclass(frozen=True)
class EduReading:
    """One entry's institution and degree lines (indexes into the section's lines, None when
    the entry has none), whether the other entries' layout placed them, and whether the reading
    is a doubt (not clearly ahead of another)."""

    institution: int | None
    degree: int | None
    templated: bool
    doubtful: bool


def entry_spans(lines: Sequence[EduLine]) -> list[range] | None:
    """The section's entries as ranges of line indexes, cut at the dated lines; None when the
    dates do not open (or close) every entry, or there are fewer than two."""
    dated = [k for k, line in enumerate(lines) if line.dated]
    if len(dated) < 2:
        return None
    if dated[0] == 0:
        bounds = [*dated, len(lines)]
        return [range(a, b) for a, b in itertools.pairwise(bounds)]
    if all(line.kind in {PLAIN, DATES} for line in lines[dated[-1] + 1 :]):
        starts = [0] + [d + 1 for d in dated[:-1]]
        return [range(s, d + 1) for s, d in zip(starts, dated, strict=True)]
    return None


def read_spans(lines: Sequence[EduLine], spans: Sequence[range]) -> list[EduReading]:
    """Each entry's institution and degree, read with the layout the other entries agree on."""
    entries: list[list[Fragment]] = []
    for span in spans:
        dated_at = next(k for k in span if lines[k].dated)
        entries.append(
            [
                Fragment(
                    text=str(k),
                    slot=Slot(place=k - dated_at, order=0),
                    line=k,
                    title=_INSTITUTION_EVIDENCE[lines[k].kind],
                    org=_DEGREE_EVIDENCE[lines[k].kind],
                )
                for k in span
                if lines[k].kind != DATES
            ]
        )
    # A layout is one some entry shows with a school word; entries of plain lines alone agree on
    # any template equally, and place nothing.
    named = [any(lines[k].kind == INSTITUTION for k in span) for span in spans]
    out: list[EduReading] = []
    for i, (frags, reading) in enumerate(zip(entries, read_entries(entries), strict=True)):
        anchored = any(n for j, n in enumerate(named) if j != i)
        out.append(
            EduReading(
                institution=frags[reading.title].line if reading.title is not None else None,
                degree=frags[reading.employer].line if reading.employer is not None else None,
                templated=reading.templated and anchored,
                doubtful=reading.doubtful,
            )
        )
    return out
