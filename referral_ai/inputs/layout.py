"""Which header fragment of each experience entry is the job title and which the employer,
chosen for all the entries of a resume together.

A resume writes its entries in one layout: if the first entries put the employer on the line
above the title (or in bold, or after a dash), so do the others. Reading each entry alone, a
title-word or organisation-word vocabulary decides only where it knows the words; read together,
the entries that the vocabulary does decide say where the title and the employer sit, and that
place decides the others. This module holds that reading and nothing about words: the caller
gives each fragment its title and organisation evidence (:class:`Fragment`), and its *slot*,
where it sits in its entry (the line's place relative to the dated line, the order on the line,
the line's font). :func:`read_entries` returns, for each entry, the reading with the best score
over the whole resume, and how far ahead it is of the next best reading (:attr:`Reading.margin`):
a reading that is not clearly ahead is a doubt, not a fact.

The score of a reading (title fragment ``t``, employer fragment ``e``) of one entry is

    title(t) + org(e) - NEAR * (line distance of t and e) + the template's bonus,

and the template an entry is read with is the pair of slots (title slot, employer slot) that
maximises the sum, over the *other* entries of the resume, of each one's best score with the
template (an entry alone has no template, and never confirms its own reading). A fragment in the template's slot
gets :data:`SLOT_BONUS`; a slot matches on its place and order, or on its font and order.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

# What sitting in the resume's title (or employer) slot is worth, in the units of the evidence:
# less than a job noun's full weight (5), more than a weak title word (2), so a clear word still
# beats the template and the template beats no words at all.
SLOT_BONUS = 1.5
# Per line between the title and the employer: the employer is next to its title.
NEAR = 0.5
# A reading with no title, or no employer, starts this far behind.
MISSING = 2.0
# A reading less than this far ahead of the next one (with another title) is a doubt.
DOUBT_MARGIN = 1.0


@dataclass(frozen=True)
class Slot:
    """Where a fragment sits in its entry: ``place`` of its line (``"dated"``, ``("above", n)``,
    ``("below", n)`` or any hashable the caller uses), ``order`` on that line (0 first), and the
    line's ``font`` (None when the format has none)."""

    place: Hashable
    order: int
    font: Hashable | None = None

    def matches(self, other: Slot) -> bool:
        """Same place and order, or (fonts known) the same font and order."""
        if self.order != other.order:
            return False
        return self.place == other.place or (self.font is not None and self.font == other.font)


@dataclass(frozen=True)
class Fragment:
    """One header fragment of an entry: its text, slot, line index and evidence."""

    text: str
    slot: Slot
    line: int
    title: float  # how much it reads as a job title (job nouns), negative when it does not
    org: float  # how much it reads as an organisation (org words, a place beside it)


@dataclass(frozen=True)
class Reading:
    """The title and employer of one entry (indexes into its fragments, None for missing), the
    reading's score, how far it leads the best reading with another title, and whether the
    resume's template placed it."""

    title: int | None
    employer: int | None
    score: float
    margin: float
    templated: bool

    @property
    def doubtful(self) -> bool:
        """Not clearly ahead of another reading."""
        return self.margin < DOUBT_MARGIN


_Pair = tuple[int | None, int | None]


def _pairs(n: int) -> list[_Pair]:
    """Every reading of an entry of ``n`` fragments, in document order (title first, then the
    employer after it, then before it; then the readings with one of them missing): ties go to
    the earlier reading."""
    out: list[_Pair] = []
    for t in range(n):
        out += [(t, e) for e in range(t + 1, n)]
        out += [(t, e) for e in range(t)]
    # A lone fragment with no evidence either way names the employer.
    return out + [(None, e) for e in range(n)] + [(t, None) for t in range(n)]


def _evidence(frags: Sequence[Fragment], pair: _Pair) -> float:
    t, e = pair
    score = frags[t].title if t is not None else -MISSING
    score += frags[e].org if e is not None else -MISSING
    if t is not None and e is not None:
        score -= NEAR * abs(frags[t].line - frags[e].line)
    return score


def _bonus(frags: Sequence[Fragment], pair: _Pair, template: tuple[Slot, Slot] | None) -> float:
    if template is None:
        return 0.0
    t, e = pair
    bonus = SLOT_BONUS if t is not None and frags[t].slot.matches(template[0]) else 0.0
    return bonus + (SLOT_BONUS if e is not None and frags[e].slot.matches(template[1]) else 0.0)


def _scored(frags: Sequence[Fragment]) -> list[tuple[_Pair, float]]:
    return [(p, _evidence(frags, p)) for p in _pairs(len(frags))]


def _best(
    frags: Sequence[Fragment],
    scored: Sequence[tuple[_Pair, float]],
    template: tuple[Slot, Slot] | None,
) -> tuple[_Pair, float, float]:
    """The best reading of one entry with ``template``, its score, and its lead over the best
    reading with another title."""
    with_bonus = [(p, s + _bonus(frags, p, template)) for p, s in scored]
    pick, top = max(with_bonus, key=lambda x: x[1])  # max keeps the first of equal scores
    title_text = frags[pick[0]].text if pick[0] is not None else None
    rivals = [
        s
        for p, s in with_bonus
        if (frags[p[0]].text if p[0] is not None else None) != title_text
        and (p[0] is not None or pick[0] is not None)
    ]
    return pick, top, top - max(rivals, default=float("-inf"))


def _templates(entries: Sequence[Sequence[Fragment]]) -> list[tuple[Slot, Slot]]:
    """Every (title slot, employer slot) some entry could fill, in document order."""
    found: dict[tuple[Slot, Slot], None] = {}
    for frags in entries:
        for t, e in _pairs(len(frags)):
            if t is not None and e is not None:
                found[(frags[t].slot, frags[e].slot)] = None
    return list(found)


def template_of(
    entries: Sequence[Sequence[Fragment]], leave_out: int | None = None
) -> tuple[Slot, Slot] | None:
    """The (title slot, employer slot) that gives the entries (but ``leave_out``) the best total
    score; None when no other entry has both a title and an employer to place."""
    return _template_table(entries)(leave_out)


def _template_table(
    entries: Sequence[Sequence[Fragment]],
) -> Callable[[int | None], tuple[Slot, Slot] | None]:
    """The best template for the entries without any one of them: each entry's best score under
    each template is worked out once, and the totals without entry i are the totals minus its
    own."""
    scored = [_scored(frags) for frags in entries]
    candidates = _templates(entries)
    table = [
        [
            _best(frags, sc, tpl)[1] if frags else 0.0
            for frags, sc in zip(entries, scored, strict=True)
        ]
        for tpl in candidates
    ]
    totals = [sum(row) for row in table]

    def best_without(i: int | None) -> tuple[Slot, Slot] | None:
        others = [j for j in range(len(entries)) if j != i and entries[j]]
        usable = [
            k for k, tpl in enumerate(candidates) if any(_fills(entries[j], tpl) for j in others)
        ]
        if not usable:
            return None
        k = max(usable, key=lambda k: totals[k] - (table[k][i] if i is not None else 0.0))
        return candidates[k]

    return best_without


def _fills(frags: Sequence[Fragment], template: tuple[Slot, Slot]) -> bool:
    """Whether an entry has fragments in both of the template's slots."""
    return any(f.slot.matches(template[0]) for f in frags) and any(
        f.slot.matches(template[1]) for f in frags
    )


def read_entries(entries: Sequence[Sequence[Fragment]]) -> list[Reading]:
    """Each entry's title and employer, read with the template the *other* entries of the
    resume agree on (see the module): an entry never confirms its own reading."""
    best_without = _template_table(entries)
    out: list[Reading] = []
    for i, frags in enumerate(entries):
        if not frags:
            out.append(Reading(None, None, float("-inf"), 0.0, False))
            continue
        template = best_without(i)
        (t, e), score, margin = _best(frags, _scored(frags), template)
        templated = _bonus(frags, (t, e), template) > 0
        out.append(Reading(t, e, score, margin, templated))
    return out
