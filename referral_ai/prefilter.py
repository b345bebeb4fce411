"""Skipping a regular expression on text it cannot match: the literals every match must contain.

Python's ``re`` tries every branch of an alternation at every position of the text, so a rule written
as dozens of phrases (``\\b(?:keep|bear)\\s+me\\s+in\\s+mind\\b|...``) costs dozens of attempts per
character. Most phrases contain a word that must appear in any text they match ("mind"): when the text
does not contain it, the phrase cannot match and is not run. The needles of all gated patterns are
found in a text by one scan (an Aho-Corasick automaton of them), cached by text, so a rule that runs many
patterns over a sentence pays for one.

:func:`needles` reads a pattern's parse tree and returns such a set of lower-cased strings (every match
contains at least one of them), or ``None`` when it finds none. :class:`Gated` wraps one compiled
pattern and runs it only on text containing a needle; :class:`Branches` searches a tuple of patterns
exactly as their alternation ``(?P<p1>...)|(?P<p2>...)|...`` would (the leftmost match, the first
branch listed at that position), running only the branches whose needles occur. Results are identical
to the plain patterns': a needle is a necessary condition, never a guess. Text whose lower-casing is
not exact for ``re.IGNORECASE`` (a character such as the long s U+017F, which matches "s") runs every
pattern.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

from ahocorasick_rs import AhoCorasick

if sys.version_info >= (3, 11):
    from re import _parser as _sre  # type: ignore[attr-defined,unused-ignore]
else:  # pragma: no cover - Python 3.10
    import sre_parse as _sre

__all__ = [
    "Anchored",
    "Branches",
    "Gated",
    "PatternSet",
    "dispatch",
    "fold",
    "needle_table",
    "needles",
    "requirements",
    "split_branches",
    "starts",
]

_ASCII_LETTER = re.compile(r"[a-z]", re.IGNORECASE)
_unsafe_chars: dict[str, bool] = {}


def _unsafe(ch: str) -> bool:
    """Does ``re.IGNORECASE`` let ``ch`` (not ASCII) match an ASCII letter its ``lower()`` is not?"""
    hit = _unsafe_chars.get(ch)
    if hit is None:
        low = ch.lower()
        # a letter re.IGNORECASE matches to an ASCII one, or a digit \d matches that is not 0-9
        hit = (bool(_ASCII_LETTER.fullmatch(ch)) and not (len(low) == 1 and low.isascii())) or (
            ch.isdecimal()
        )
        if len(_unsafe_chars) < 4096:
            _unsafe_chars[ch] = hit
    return hit


def fold(text: str) -> str | None:
    """``text`` lower-cased, for needle tests; ``None`` when lower-casing is not exact for it (then every
    pattern must run)."""
    if not text.isascii() and any(_unsafe(c) for c in set(text) if not c.isascii()):
        return None
    return text.lower()


Scan = Callable[[str], frozenset[str]]
"""The needles a lower-cased text contains, found in one pass."""


def _scanner(words: set[str]) -> Scan:
    """One Aho-Corasick automaton of ``words`` (``ahocorasick-rs``, compiled Rust): every needle of a
    text, overlapping ones included, in one pass; some five times faster than one ``re`` trie
    alternation of the same 700 needles, and built in a millisecond instead of compiled in twenty."""
    if not words:
        return lambda low: frozenset()
    automaton = AhoCorasick(sorted(words))
    find = automaton.find_matches_as_strings
    return lambda low: frozenset(find(low, overlapping=True))


class _Index:
    """Every needle of every gated pattern, found in a text in one scan (cached by text).

    Patterns register when they are created and give their needles when the scan is first built, so
    importing a module that defines them parses nothing.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._members: list[Gated | Branches | PatternSet] = []
        # the scan (None until built), and a generation the cache entries carry
        self._state: tuple[Scan | None, int] = (None, 0)
        self._cache: dict[str, tuple[int, frozenset[str] | None]] = {}

    def members(self) -> list[Gated | Branches | PatternSet]:
        with self._lock:
            return list(self._members)

    def add(self, member: Gated | Branches | PatternSet) -> None:
        with self._lock:
            self._members.append(member)
            self._state = (None, self._state[1] + 1)

    def _scan(self) -> tuple[Scan, int]:
        state = self._state
        scan = state[0]
        if scan is None:
            with self._lock:
                scan, generation = self._state
                if scan is None:
                    words = {n for m in self._members for found in m.needle_sets() for n in found}
                    scan = _scanner(words)
                    self._state = (scan, generation)
                return scan, generation
        return scan, state[1]

    def known(self, text: str) -> frozenset[str] | Literal[False] | None:
        """:meth:`present` for ``text`` when it is known already, else False (nothing is scanned)."""
        hit = self._cache.get(text)
        return hit[1] if hit is not None and hit[0] == self._state[1] else False

    def present(self, text: str) -> frozenset[str] | None:
        """The needles ``text`` contains; ``None`` when lower-casing is not exact for it."""
        scan, generation = self._state
        if scan is None:
            scan, generation = self._scan()
        hit = self._cache.get(text)
        if hit is not None and hit[0] == generation:
            return hit[1]
        low = fold(text)
        found = None if low is None else scan(low)
        if len(self._cache) >= _CACHE_MAX:
            self._cache.clear()
        self._cache[text] = (generation, found)
        return found


_CACHE_MAX = 512
_INDEX = _Index()


def _literal_char(code: int) -> str | None:
    """The character as a needle sees it (lower case), or None when lower-casing it is not exact."""
    ch = chr(code)
    if (
        ch.isascii() or ch.lower() == ch.upper()
    ):  # ASCII, or a character without case (quotes, dashes)
        return ch.lower()
    return None


def _score(needles: frozenset[str]) -> tuple[int, int]:
    """How selective a needle set is: its shortest needle longest, then the fewest needles; a needle of
    blanks and common punctuation only (",", "-") counts as length 0, since most sentences have one
    (of ``\\d{1,3}(?:,\\d{3})+``'s needle sets, the digits, not the comma)."""
    return (min(len(n) if n.strip(_COMMON_MARKS) else 0 for n in needles), -len(needles))


_COMMON_MARKS = " \t\n,.;:-'()/"


def _seq(items: Any) -> list[frozenset[str]]:
    """Needle sets every match of the sequence ``items`` contains one of each of, the most selective first."""
    candidates: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is _sre.LITERAL:
            ch = _literal_char(av)
            if ch is not None:
                run += ch
                continue
        if run:
            candidates.append(frozenset([run]))
            run = ""
        found: frozenset[str] | None = None
        if op is _sre.SUBPATTERN:
            found = _first(_seq(av[-1]))
        elif op is _sre.BRANCH:
            parts = [_first(_seq(p)) for p in av[1]]
            if all(p is not None for p in parts):
                found = frozenset().union(*parts)  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(
            _sre, "POSSESSIVE_REPEAT", None
        ):
            found = _first(_seq(av[2])) if av[0] >= 1 else None
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            found = _first(_seq(av))
        elif op is _sre.IN:
            found = _digits(av)
        # else: positions, classes, any character, look-arounds, back references: no needle
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset([run]))
    return sorted(candidates, key=_score, reverse=True)


_DIGITS = frozenset("0123456789")


def _digits(members: Any) -> frozenset[str] | None:
    """The digits a character class of digits only (``\\d``, ``[0-9]``, ``[13]``) matches, else None."""
    out: set[str] = set()
    for op, av in members:
        if op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            out |= _DIGITS
        elif op is _sre.RANGE and 48 <= av[0] <= av[1] <= 57:
            out |= {chr(c) for c in range(av[0], av[1] + 1)}
        elif op is _sre.LITERAL and 48 <= av <= 57:
            out.add(chr(av))
        else:
            return None
    return frozenset(out) or None


def _first(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    return candidates[0] if candidates else None


def requirements(pattern: str, flags: int = 0, most: int = 2) -> list[frozenset[str]]:
    """Up to ``most`` needle sets (the most selective first): every match of ``pattern`` contains at
    least one needle of each set. Empty when none is found.

    Read from the parse tree: a run of literal characters, a class of digits (its digits), or the union
    over an alternation's branches (each must have needles), or what a repeat of at least one or a group
    contains. Needles are lower case and never shorten what matches; they are only tested.
    """
    try:
        tree = _sre.parse(pattern, flags)
    except Exception:  # pragma: no cover - a pattern re accepts always parses
        return []
    distinct: list[frozenset[str]] = []  # the same set twice ("\\d+:\\d+") tests nothing more
    for found in _seq(tree):
        if found not in distinct:
            distinct.append(found)
    # a needle that contains another of its set is implied by it
    return [
        frozenset(n for n in found if not any(o != n and o in n for o in found))
        for found in distinct[:most]
    ]


def needles(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The most selective of :func:`requirements`: strings at least one of which every match of
    ``pattern`` contains, or ``None``."""
    found = requirements(pattern, flags, most=1)
    return found[0] if found else None


# --------------------------------------------------------------------------- the needle table

Key = tuple[int, str]
"""A pattern as the table knows it: (flags, source)."""

_table: dict[Key, tuple[tuple[str, ...], ...]] | None = None


def _requirements(source: str, flags: int) -> list[frozenset[str]]:
    """:func:`requirements` of ``source``, read from the table generated into
    :mod:`referral_ai._needle_table` (deriving the needles of some 450 patterns from their parse trees
    took about a third of a check's start-up); derived here for a pattern the table does not have yet
    (``python scripts/update_needle_table.py`` adds it; a test says when the table is stale)."""
    global _table
    if _table is None:
        try:
            from referral_ai._needle_table import TABLE
        except ImportError:  # pragma: no cover - the table ships with the package
            TABLE = {}
        _table = TABLE
    hit = _table.get((flags, source))
    if hit is None:
        return requirements(source, flags)
    return [frozenset(found) for found in hit]


def needle_table(package: str = "referral_ai") -> str:
    """The source of :mod:`referral_ai._needle_table`: :func:`requirements` of every pattern that a
    module of ``package`` gates, derived from its parse tree now (``scripts/update_needle_table.py``
    writes it; a test compares it with the file)."""
    import importlib
    import pkgutil

    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if not info.name.endswith("._needle_table"):
            importlib.import_module(info.name)
    keys = sorted({k for m in _INDEX.members() for k in m.table_keys()})
    rows = [
        f"    {(int(k[0]), k[1])!a}: {tuple(tuple(sorted(found)) for found in requirements(k[1], k[0]))!a},"
        for k in keys
    ]
    return (
        '"""Generated by ``python scripts/update_needle_table.py`` from the patterns the package gates:\n'
        '(flags, source) -> :func:`referral_ai.prefilter.requirements` of it. Do not edit."""\n\n'
        "TABLE: dict[tuple[int, str], tuple[tuple[str, ...], ...]] = {\n"
        + "\n".join(rows)
        + "\n}\n"
    )


_UNREAD: Any = object()


class Gated:
    """A compiled pattern run only on text that contains a needle of each of its :func:`requirements`.

    A pattern that is an alternation at its top level (``A|B|C``, up to :data:`_BRANCHES_MAX`
    branches) is also tested branch by branch: it runs only when some branch finds a needle of each of
    that branch's own requirements (``\\d+%|https?://\\S+`` needs a digit or "http", and a text with
    neither skips it).
    """

    __slots__ = ("_branch_needles", "_compiled", "_few", "_needles", "flags", "source")

    def __init__(self, pattern: re.Pattern[str] | str, flags: int = 0) -> None:
        """``pattern`` compiled, or its source and ``flags``: then it is compiled the first time a text
        may match it (a short check compiles few of the package's patterns; the needle table gives the
        needles without compiling)."""
        if isinstance(pattern, str):
            self.source = pattern
            # the flags re.compile gives a str pattern (re.UNICODE unless re.ASCII), the table's key
            self.flags = int(flags) | (0 if flags & re.ASCII else re.UNICODE)
            self._compiled: re.Pattern[str] | None = None
        else:
            self.source, self.flags, self._compiled = pattern.pattern, pattern.flags, pattern
        self._needles: list[frozenset[str]] = _UNREAD
        self._branch_needles: tuple[tuple[frozenset[str], ...], ...] | None = None
        self._few: tuple[str, ...] = ()
        _INDEX.add(self)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now, the first time)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.source, self.flags)
        return compiled

    def compiled(self) -> tuple[re.Pattern[str], ...]:
        """The pattern (for :mod:`referral_ai.regex_audit`, which checks every pattern the package has)."""
        return (self.pattern,)

    def table_keys(self) -> list[Key]:
        """The patterns whose needles this reads (the table's keys): the whole and its branches."""
        flags, source = self.flags, self.source
        branches = split_branches(source)
        return [(flags, source)] + (
            [(flags, b) for b in branches] if 2 <= len(branches) <= _BRANCHES_MAX else []
        )

    def needle_sets(self) -> list[frozenset[str]]:
        if self._needles is _UNREAD:
            self._branch_needles = _branch_requirements(self.source, self.flags)
            self._needles = _requirements(self.source, self.flags)
            sets = self._needles + [r for b in self._branch_needles or () for r in b]
            every = {n for r in sets for n in r}
            self._few = tuple(sorted(every)) if len(every) <= _FEW else ()
        return self._needles + [r for b in self._branch_needles or () for r in b]

    def may_match(self, text: str) -> bool:
        """False only when no match is possible anywhere in ``text``."""
        if self._needles is _UNREAD:
            self.needle_sets()
        hit = _INDEX._cache.get(text)  # what _INDEX.known(text) reads, without the call (hot path)
        if hit is not None and hit[0] == _INDEX._state[1]:
            found = hit[1]
        elif self._few:
            # a text no pattern has asked about yet (a whole email, say): this pattern's needles are
            # tested directly, cheaper than one scan for every pattern's needles
            low = fold(text)
            found = None if low is None else frozenset(n for n in self._few if n in low)
        else:
            found = _INDEX.present(text)
        if found is None:
            return True
        for needles in self._needles:
            if needles.isdisjoint(found):
                return False
        branches = self._branch_needles
        if branches is None:
            return True
        for branch in branches:
            for r in branch:
                if r.isdisjoint(found):
                    break
            else:
                return True
        return False

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.search(text, pos, endpos) if self.may_match(text) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.match(text, pos, endpos) if self.may_match(text) else None

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, pos, endpos) if self.may_match(text) else iter(())

    def sub(self, repl: Any, text: str) -> str:
        return self.pattern.sub(repl, text) if self.may_match(text) else text


_BRANCHES_MAX = 16
"""Top-level alternations of at most this many branches are gated branch by branch."""
_FEW = 8
"""A pattern with at most this many needles tests a text not scanned yet by ``in`` (see may_match)."""


def _branch_requirements(source: str, flags: int) -> tuple[tuple[frozenset[str], ...], ...] | None:
    """Each top-level branch's :func:`requirements`; None when the pattern is not such an alternation,
    has too many branches, or a branch has no needle (it may match anywhere)."""
    branches = split_branches(source)
    if not 2 <= len(branches) <= _BRANCHES_MAX:
        return None
    out = tuple(tuple(_requirements(b, flags)) for b in branches)
    return out if all(out) else None


class PatternSet:
    """Compiled patterns tested together: :meth:`candidates` names those that may match a text, from
    one needle scan of it (cheaper than asking each pattern)."""

    __slots__ = ("_always", "_by_needle", "_more", "patterns")

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self._always: list[int] = []
        self._by_needle: dict[str, list[int]] | None = None
        self._more: list[list[frozenset[str]]] = []
        _INDEX.add(self)

    def compiled(self) -> tuple[re.Pattern[str], ...]:
        """The patterns (for :mod:`referral_ai.regex_audit`)."""
        return self.patterns

    def table_keys(self) -> list[Key]:
        """The patterns whose needles this reads (the table's keys)."""
        return [(p.flags, p.pattern) for p in self.patterns]

    def needle_sets(self) -> list[frozenset[str]]:
        if self._by_needle is None:
            by_needle: dict[str, list[int]] = {}
            for i, p in enumerate(self.patterns):
                found = _requirements(p.pattern, p.flags)
                self._more.append(found[1:])
                if not found:
                    self._always.append(i)
                for n in found[0] if found else ():
                    by_needle.setdefault(n, []).append(i)
            self._by_needle = by_needle
        return [frozenset(self._by_needle)] + [r for more in self._more for r in more]

    def candidates(self, text: str) -> list[int]:
        """Indices (in order) of the patterns that may match somewhere in ``text``."""
        present = _INDEX.present(text)  # builds the scan, and so reads the needles, on first use
        if present is None:
            return list(range(len(self.patterns)))
        by_needle = self._by_needle or {}
        wanted = set(self._always)
        for needle in by_needle.keys() & present:  # the needles both have, found in C
            wanted.update(by_needle[needle])
        more = self._more
        return [i for i in sorted(wanted) if all(not r.isdisjoint(present) for r in more[i])]


class Branches:
    """Patterns searched as their alternation would be, each run only when its needles occur.

    :meth:`search` returns ``(n, match)``: ``n`` (from 1) is the branch the alternation
    ``(?P<p1>b1)|(?P<p2>b2)|...`` reports, ``match`` that branch's match, the same span. Each branch is
    compiled the first time a text may match it (a short check compiles few of them).
    """

    __slots__ = ("_always", "_branches", "_by_needle", "_compiled", "_flags", "_whole")

    def __init__(self, branches: Sequence[str], flags: int = 0) -> None:
        self._branches = tuple(branches)
        self._flags = flags
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self._branches)
        self._whole: re.Pattern[str] | None = None
        self._always: list[int] = []
        self._by_needle: dict[str, list[int]] | None = None
        _INDEX.add(self)

    def table_keys(self) -> list[Key]:
        """The patterns whose needles this reads (the table's keys)."""
        return [(self._flags, b) for b in self._branches]

    def needle_sets(self) -> list[frozenset[str]]:
        if self._by_needle is None:
            by_needle: dict[str, list[int]] = {}
            for i, b in enumerate(self._branches):
                found = next(iter(_requirements(b, self._flags)), None)
                if found is None:
                    self._always.append(i)
                else:
                    for n in found:
                        by_needle.setdefault(n, []).append(i)
            self._by_needle = by_needle
        return [frozenset(self._by_needle)]

    def compiled(self) -> tuple[re.Pattern[str], ...]:
        """Every branch, compiled (for :mod:`referral_ai.regex_audit`)."""
        return tuple(self._branch(i) for i in range(len(self._branches)))

    def _branch(self, i: int) -> re.Pattern[str]:
        compiled = self._compiled[i]
        if compiled is None:
            compiled = self._compiled[i] = re.compile(self._branches[i], self._flags)
        return compiled

    def search(self, text: str) -> tuple[int, re.Match[str]] | None:
        present = _INDEX.present(text)  # builds the scan, and so reads the needles, on first use
        if present is None:
            if self._whole is None:
                self._whole = re.compile(
                    "|".join(f"(?P<p{n}>{b})" for n, b in enumerate(self._branches, 1)),
                    self._flags,
                )
            m = self._whole.search(text)
            return (int((m.lastgroup or "p0")[1:]), m) if m else None
        by_needle = self._by_needle or {}
        wanted = set(self._always)
        for needle in by_needle.keys() & present:  # the needles both have, found in C
            wanted.update(by_needle[needle])
        best: tuple[int, re.Match[str]] | None = None
        for i in sorted(wanted):
            m = self._branch(i).search(text)
            if m is not None and (best is None or m.start() < best[1].start()):
                best = (i + 1, m)
        return best


def split_branches(source: str) -> list[str]:
    """The top-level branches of a pattern's source (``"a|(b|c)"`` -> ``["a", "(b|c)"]``)."""
    out: list[str] = []
    depth = 0
    in_class = False
    start = i = 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if source.startswith("^", i + 1):
                i += 1
            if source.startswith("]", i + 1):
                i += 1  # "[]...]": a leading "]" is a member
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    out.append(source[start:])
    return out


# --------------------------------------------------------------------------- first-character dispatch

_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_CLASS_MAX = 8  # a class of more characters than this ("[a-z]") is not dispatched on


def _first_chars(items: Any, flags: int) -> set[str] | None:
    """The characters a match of the sequence ``items`` may start with (lower case under
    ``re.IGNORECASE``), each ASCII or without case; None when they are not such a small known set."""
    fold_case = bool(flags & re.IGNORECASE)
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # "\b", look-arounds: the character after them starts the match
        if op is _sre.BRANCH:
            if all(all(o in _ZERO_WIDTH for o, _ in b) for b in av[1]):
                continue  # "(?:(?<=in )|(?<=with ))": zero-width whichever branch
            out: set[str] = set()
            for b in av[1]:
                found = _first_chars(b, flags)
                if found is None:
                    return None
                out |= found
            return out
        if op is _sre.SUBPATTERN:
            if av[1] or av[2]:  # (?i:...) and the like change how the character is matched
                return None
            if av[-1].getwidth()[0] == 0:
                return None  # the group may match nothing: the match starts after it
            return _first_chars(av[-1], flags)
        if op is _sre.LITERAL:
            chars = [chr(av)]
        elif op is _sre.IN:
            chars = []
            for o, a in av:
                if o is _sre.LITERAL:
                    chars.append(chr(a))
                elif o is _sre.RANGE and a[1] - a[0] < _CLASS_MAX:
                    chars += [chr(c) for c in range(a[0], a[1] + 1)]
                else:
                    return None
            if len(chars) > _CLASS_MAX:
                return None
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            return _first_chars(av[2], flags)
        else:
            return None
        if not all(c.isascii() or c.lower() == c.upper() for c in chars):
            return None  # a cased letter beyond ASCII may match under another one's key
        return {c.lower() if fold_case else c for c in chars}
    return None


def dispatch(alternatives: Sequence[str], flags: int = 0) -> str:
    """``(?:A|B|...)`` for ``alternatives``, written so that at each position only the alternatives that
    can start with its character are tried: ``(?:(?=a)(?:A|...)|(?=b)(?:B|...)|...)``.

    It matches exactly what the plain alternation matches, and picks the same alternative: at any
    position the alternatives tried are those that could match there, in the order given. ``re`` tries
    every alternative of a long list (a vocabulary of 200 words) at every position; here it tries one
    guard per first character, then the few alternatives behind the one that fits. When an
    alternative's first character is not a small known set of ASCII or caseless characters (or it
    captures a group and could start with several), the plain alternation is returned. Numbered groups
    may be numbered differently (use names). ``flags`` are those the result is compiled with.
    """
    plain = "(?:" + "|".join(alternatives) + ")"
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        try:
            tree = _sre.parse(alt, flags)
        except re.error:
            return plain
        chars = _first_chars(tree, flags)
        if not chars or (len(chars) > 1 and tree.state.groups > 1):
            return plain
        for c in sorted(chars):
            groups.setdefault(c, []).append(alt)
    if len(groups) < 2:
        return plain
    return "(?:" + "|".join(f"(?={re.escape(c)})(?:{'|'.join(g)})" for c, g in groups.items()) + ")"


# --------------------------------------------------------------------------- where a match can start

_START_LEN = 4
"""Characters of a match's start that :func:`starts` reads."""
_STARTS_MAX = 512
"""More start strings than this (or as many steps of reading them) and a pattern is not anchored."""


def starts(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-cased strings one of which every match of ``pattern`` begins with (its first
    characters, at most :data:`_START_LEN`), or None when they are not a small set of literals (the
    pattern may start with a class such as ``\\s`` or ``\\w``, or match the empty string).

    Read from the parse tree: look-arounds, ``\\b`` and ``^`` match no character and are passed
    over; an alternation, an optional or repeated part, and a class of a few literal characters
    each give their alternatives. A start string never claims more than the pattern matches: the
    text at a match's start, lower-cased, begins with one of them.
    """
    try:
        tree = _sre.parse(pattern, flags)
    except Exception:  # pragma: no cover - a pattern re accepts always parses
        return None
    if tree.getwidth()[0] == 0:
        return None  # an empty match may be anywhere
    found: set[str] = set()
    stack: list[tuple[str, list[Any]]] = [("", tree.data)]
    steps = 0
    while stack:
        steps += 1
        if steps > 8 * _STARTS_MAX or len(found) > _STARTS_MAX:
            return None
        prefix, rest = stack.pop()
        if len(prefix) >= _START_LEN or not rest:
            found.add(prefix)
            continue
        (op, av), tail = rest[0], rest[1:]
        if op in _ZERO_WIDTH:
            stack.append((prefix, tail))
        elif op is _sre.LITERAL:
            ch = _literal_char(av)
            if ch is None:
                found.add(prefix)
            else:
                stack.append((prefix + ch, tail))
        elif op is _sre.IN:
            chars = _class_chars(av)
            if chars is None:
                found.add(prefix)
            else:
                stack.extend((prefix + ch, tail) for ch in chars)
        elif op is _sre.BRANCH:
            stack.extend((prefix, [*alt, *tail]) for alt in av[1])
        elif op is _sre.SUBPATTERN:
            stack.append((prefix, [*av[-1], *tail]))
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            stack.append((prefix, [*av, *tail]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(
            _sre, "POSSESSIVE_REPEAT", None
        ):
            low, high, item = av
            if high == 0:
                stack.append((prefix, tail))
                continue
            again = (op, (max(low - 1, 0), high if high == _sre.MAXREPEAT else high - 1, item))
            stack.append((prefix, [*item, again, *tail]))  # once more
            if low == 0:
                stack.append((prefix, tail))  # or not at all
        else:  # any character, a category, a back reference: the start ends here
            found.add(prefix)
    if "" in found:
        return None
    # a start that begins with another start is implied by it
    return frozenset(s for s in found if not any(o != s and s.startswith(o) for o in found))


def _class_chars(members: Any) -> list[str] | None:
    """The characters a class of a few literal characters matches (lower case), else None."""
    out: list[str] = []
    for op, av in members:
        if op is _sre.LITERAL:
            chars = [av]
        elif op is _sre.RANGE and av[1] - av[0] < _CLASS_MAX:
            chars = list(range(av[0], av[1] + 1))
        else:
            return None
        for code in chars:
            ch = _literal_char(code)
            if ch is None:
                return None
            out.append(ch)
    return sorted(set(out)) if len(out) <= _CLASS_MAX else None


_BLANKS = " \t\n\r\f\v"


class Anchored:
    """Patterns run only where a match of each can start: :meth:`matches` gives, for every
    pattern, exactly the matches ``pattern.finditer(text)`` gives.

    The :func:`starts` of all the patterns are found in the text by one Aho-Corasick scan; a
    pattern is then tried (``pattern.match(text, pos)``, which sees the text before ``pos`` for
    ``\\b``, ``^`` and look-behinds) only at the positions where one of its starts occurs, left to
    right, skipping positions inside the previous match, as ``finditer`` does. A pattern without
    such starts (or with one that begins with a blank), and text whose lower-casing is not exact for ``re.IGNORECASE`` (see :func:`fold`),
    runs plainly.
    """

    __slots__ = ("_lock", "_owners", "_plain", "_scan", "patterns")

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self._lock = threading.Lock()
        self._scan: AhoCorasick | None = None
        self._owners: list[list[int]] = []
        self._plain: frozenset[int] = frozenset()

    def compiled(self) -> tuple[re.Pattern[str], ...]:
        """The patterns (for :mod:`referral_ai.regex_audit`)."""
        return self.patterns

    def _build(self) -> AhoCorasick | None:
        with self._lock:
            if self._scan is None:
                owners: dict[str, list[int]] = {}
                plain = set()
                for i, p in enumerate(self.patterns):
                    found = starts(p.pattern, p.flags)
                    if found is None or any(s[0] in _BLANKS for s in found):
                        found = None  # a start at every space tests nearly every position
                        plain.add(i)
                    for s in found or ():
                        owners.setdefault(s, []).append(i)
                words = sorted(owners)
                self._owners = [owners[w] for w in words]
                self._plain = frozenset(plain)
                self._scan = AhoCorasick(words) if words else AhoCorasick(["\x00"])
            return self._scan

    def matches(self, text: str) -> tuple[tuple[re.Match[str], ...], ...]:
        """For each pattern (in order), the matches ``pattern.finditer(text)`` gives."""
        scan = self._scan or self._build()
        low = fold(text)
        if low is None or len(low) != len(text) or scan is None:
            return tuple(tuple(p.finditer(text)) for p in self.patterns)
        at: list[set[int]] = [set() for _ in self.patterns]
        owners = self._owners
        for word, start, _ in scan.find_matches_as_indexes(low, overlapping=True):
            if word < len(owners):
                for i in owners[word]:
                    at[i].add(start)
        out: list[tuple[re.Match[str], ...]] = []
        for i, pattern in enumerate(self.patterns):
            if i in self._plain:
                out.append(tuple(pattern.finditer(text)))
                continue
            found: list[re.Match[str]] = []
            end = 0
            match = pattern.match
            for pos in sorted(at[i]):
                if pos < end:
                    continue
                m = match(text, pos)
                if m is not None:
                    found.append(m)
                    end = m.end()  # never empty: a pattern that can match nothing runs plainly
            out.append(tuple(found))
        return tuple(out)
