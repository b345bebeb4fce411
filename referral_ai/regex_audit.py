"""Every regular expression referral_ai compiles, and the shapes of them that backtrack.

:func:`collect` finds the patterns without a list of them: every compiled pattern a module of the
package holds (at module level or in a class, directly or in a tuple / list / set / dict there) and
every ``re.<fn>("literal", ...)`` call in a module's source (its flags read from the call).
:func:`backtracking_shapes` reads a pattern's parse tree (``re._parser``, the parser ``re`` itself
uses) and names the shapes whose backtracking grows faster than the input:

- **nested**: an unbounded repeat inside another unbounded repeat, where the inner one can end an
  iteration of the outer one and the next iteration can start with a character the inner one ends
  with (``(\\w+\\s*)+``, ``(a|a+)*``): a run of that character splits in exponentially many ways.
- **nested** also: an optional or bounded part inside an unbounded repeat that trades characters
  the same way (``(?:\\d{1,3},?)+``, and ``(?:aa|a)+``, which ``re`` factors to ``a(?:a|)``).
- **overlapping alternatives**: inside an unbounded repeat, two alternatives that can start with
  the same character and leave something the next part can take (``(?:\\w|\\d\\d)+``): a run is
  split between them in exponentially many ways.
- **adjacent**: two unbounded repeats with only optional items between them whose characters
  overlap (``\\s*\\s+``, ``\\w+\\.?\\w+``): a run of the shared character splits in n ways at each
  start, n² per start.

- **repeat at the start** (counted, not rejected): an unbounded repeat a match can start with,
  followed by something that can fail (``\\s+of$``): a search rescans the run from each of its
  positions, n² on a run of n; harmless on the short strings most such patterns see.

Possessive repeats and atomic groups never backtrack and are not counted. ``re`` merges
single-character alternatives into one set (``(?:\\w|\\d)+`` is ``[\\w\\d]+``: linear) and factors a
prefix every alternative shares, so the tree read here is the one that runs. ``(a|ab)*c`` is not
exponential ('ab' is never two iterations); it is counted as a repeat at the start. The benchmark ``benchmarks/bench_patterns.py`` measures growth on text;
the test ``tests/test_regex_shapes.py`` rejects these shapes in the codebase.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from referral_ai.prefilter import Branches, Gated, PatternSet

if sys.version_info >= (3, 11):  # pragma: no cover - the names moved; the parser is the same
    from re import _compiler as sre_compile
    from re import _constants as sre_constants
    from re import _parser as sre_parse
else:  # pragma: no cover
    import sre_compile
    import sre_constants
    import sre_parse

__all__ = [
    "ALLOWED",
    "ALTERNATIVES",
    "ENFORCED",
    "Allowed",
    "Found",
    "backtracking_shapes",
    "collect",
]

_UNBOUNDED = sre_constants.MAXREPEAT
# Python 3.11+: a++ and (?>...), which never backtrack
_POSSESSIVE: object = getattr(sre_constants, "POSSESSIVE_REPEAT", object())
_ATOMIC: object = getattr(sre_constants, "ATOMIC_GROUP", object())
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)  # the ones that backtrack
_REPEAT_KINDS = (*_REPEATS, _POSSESSIVE)
_LINE_ENDS = (sre_constants.AT_END, sre_constants.AT_END_LINE)
_LINE_STARTS = (sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_LINE)
_STRING_EDGES = (sre_constants.AT_END_STRING, sre_constants.AT_BEGINNING_STRING)
NESTED = "nested"
ADJACENT = "adjacent"
ADJACENT_AT_START = "adjacent at the start"
ALTERNATIVES = "overlapping alternatives"
LEADING = "repeat at the start"
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
_ONE_CHAR = (
    sre_constants.LITERAL,
    sre_constants.NOT_LITERAL,
    sre_constants.ANY,
    sre_constants.IN,
)
# Characters a set is probed with: overlap between two sets is overlap on these.
_PROBES = tuple(chr(c) for c in range(256)) + tuple(
    "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u00b7\u200b\u2028\u3000\u0416\u4e2d\u0131\u017f"
)

Item = tuple[Any, Any]


@dataclass(frozen=True)
class Found:
    """A pattern and where it was found (``module.attribute`` or ``module:line``)."""

    where: str
    pattern: re.Pattern[str]


# --------------------------------------------------------------------------- discovery


def _walk(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield value
    elif depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _walk(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _walk(item, depth + 1)
    elif depth == 0 and isinstance(value, type):
        for item in vars(value).values():
            yield from _walk(item, depth + 1)
    elif isinstance(value, (Gated, Branches, PatternSet)):  # patterns run behind a needle check
        for item in value.compiled():
            yield from _walk(item, depth + 1)


def _flags(node: ast.expr, module: ModuleType) -> int | None:
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "re"
        and isinstance(getattr(re, node.attr, None), int)
    ):
        return int(getattr(re, node.attr))
    if isinstance(node, ast.Name) and isinstance(getattr(module, node.id, None), int):
        return int(getattr(module, node.id))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _flags(node.left, module), _flags(node.right, module)
        return None if left is None or right is None else left | right
    return None


def _inline(module: ModuleType) -> Iterator[tuple[int, re.Pattern[str]]]:
    """(line, pattern) of every ``re.<fn>("literal", ...)`` call in ``module``'s source."""
    source = Path(str(module.__file__)).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            continue
        # re.compile(p, flags) / re.search(p, s, flags) / re.sub(p, r, s, count, flags) / flags=
        positional = {"compile": 1, "sub": 4, "subn": 4, "split": 3}.get(node.func.attr, 2)
        candidates = [k.value for k in node.keywords if k.arg == "flags"]
        if len(node.args) > positional:
            candidates.append(node.args[positional])
        flags = 0
        for arg in candidates:
            flags |= _flags(arg, module) or 0
        try:
            yield node.lineno, re.compile(node.args[0].value, flags)
        except (re.error, TypeError, ValueError):
            continue


def collect(package: str = "referral_ai") -> list[Found]:
    """Every distinct (pattern, flags) the modules of ``package`` compile, sorted by where."""
    root = importlib.import_module(package)
    modules = [root] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}.")
    ]
    found: dict[tuple[str, int], Found] = {}
    for module in modules:
        short = module.__name__.removeprefix(f"{package}.")
        for attr, value in vars(module).items():
            for pattern in _walk(value):
                found.setdefault(
                    (pattern.pattern, pattern.flags), Found(f"{short}.{attr}", pattern)
                )
        for line, pattern in _inline(module):
            found.setdefault((pattern.pattern, pattern.flags), Found(f"{short}:{line}", pattern))
    return sorted(found.values(), key=lambda f: f.where)


# --------------------------------------------------------------------------- shapes


def _seq(state: Any, items: Sequence[Item]) -> Any:
    return sre_parse.SubPattern(state, list(items))


class _Hashable:
    """Wraps a parse-tree item for the cache, which keys on its repr."""

    def __init__(self, item: Item) -> None:
        self.item = item
        self.key = repr(item)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Hashable) and other.key == self.key


@lru_cache(maxsize=4096)
def _charset(key: _Hashable, flags: int) -> frozenset[str]:
    """The probe characters one single-character item matches (compiled by ``re`` itself)."""
    state = sre_parse.State()
    state.flags = flags
    matcher = sre_compile.compile(_seq(state, [key.item]), flags)
    return frozenset(ch for ch in _PROBES if matcher.match(ch))


class _Shapes:
    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.tree = sre_parse.parse(pattern.pattern, pattern.flags)
        self.state = self.tree.state
        self.found: list[str] = []
        # Repeats a match can start with (no anchor or look-behind before them): search and
        # finditer try them from every position of a run.
        self.leading = {
            id(r) for r, _ in self.edge_repeats(self.tree.data, pattern.flags, False, True)
        }

    # ------------------------------------------------------------ facts about items

    def first(
        self, items: Sequence[Item], flags: int, reverse: bool = False
    ) -> tuple[frozenset[str], bool]:
        """Characters a match of ``items`` can start (``reverse``: end) with, and whether the
        items can match nothing and let the characters around them meet. An end anchor lets only
        a line break through (``$``) or nothing (``\\Z``)."""
        out: set[str] = set()
        for item in reversed(items) if reverse else items:
            chars, through = self.first_of(item, flags, reverse)
            out |= chars
            if not through:
                return frozenset(out), False
        return frozenset(out), True

    def first_of(self, item: Item, flags: int, reverse: bool) -> tuple[frozenset[str], bool]:
        op, av = item
        if op in _ONE_CHAR:
            return _charset(_Hashable(item), flags), False
        if op in _REPEAT_KINDS:
            if av[1] == 0:
                return frozenset(), True
            chars, through = self.first(av[2], flags, reverse)
            return chars, through or av[0] == 0
        if op is sre_constants.SUBPATTERN:
            return self.first(av[3], (flags | av[1]) & ~av[2], reverse)
        if op is _ATOMIC:
            return self.first(av, flags, reverse)
        if op in (sre_constants.BRANCH, sre_constants.GROUPREF_EXISTS):
            alts = av[1] if op is sre_constants.BRANCH else [a for a in av[1:] if a is not None]
            results = [self.first(alt, flags, reverse) for alt in alts]
            through = any(t for _, t in results) or (
                op is not sre_constants.BRANCH and len(alts) < 2
            )
            return frozenset().union(*(c for c, _ in results)), through
        if op is sre_constants.AT:
            ends = _LINE_ENDS if not reverse else _LINE_STARTS
            if av in ends:
                return frozenset("\n"), False
            if av in _STRING_EDGES:
                return frozenset(), False
            return frozenset(), True
        if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            return frozenset(), True
        return frozenset(_PROBES), True  # a back-reference: anything, possibly nothing

    def walk(
        self,
        items: Sequence[Item],
        flags: int,
        after: Sequence[Item],
        pick: Callable[[Item, int], bool],
        into_repeat: Callable[[Any], bool],
    ) -> Iterator[tuple[Item, int, list[Item]]]:
        """Every item of ``items`` (inside groups and alternatives, and inside the repeats
        ``into_repeat`` lets in) that ``pick`` takes, with its flags and the items that follow it."""
        for k, item in enumerate(items):
            op, av = item
            rest = [*items[k + 1 :], *after]
            if pick(item, flags):
                yield item, flags, rest
            if op in _REPEATS and into_repeat(av):
                yield from self.walk(av[2], flags, rest, pick, into_repeat)
            elif op is sre_constants.SUBPATTERN:
                yield from self.walk(av[3], (flags | av[1]) & ~av[2], rest, pick, into_repeat)
            elif op is sre_constants.BRANCH:
                for alt in av[1]:
                    yield from self.walk(alt, flags, rest, pick, into_repeat)
            elif op is sre_constants.GROUPREF_EXISTS:
                for alt in av[1:]:
                    if alt is not None:
                        yield from self.walk(alt, flags, rest, pick, into_repeat)

    def repeats(
        self, items: Sequence[Item], flags: int, after: Sequence[Item]
    ) -> Iterator[tuple[Item, int, list[Item]]]:
        """Every backtracking unbounded repeat in ``items`` with the items that follow it."""
        return self.walk(
            items,
            flags,
            after,
            lambda item, _: item[0] in _REPEATS and item[1][1] == _UNBOUNDED,
            lambda av: av[1] > 0,
        )

    def edge_repeats(
        self, items: Sequence[Item], flags: int, at_end: bool, guarded: bool = False
    ) -> Iterator[tuple[Item, int]]:
        """Backtracking unbounded repeats that can end (``at_end``) or start ``items``;
        ``guarded``: an anchor or look-behind before a repeat stops the search."""
        for item in reversed(items) if at_end else items:
            op, av = item
            if guarded and (
                op is sre_constants.AT
                or (op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and av[0] < 0)
            ):
                return
            if op in _REPEATS and av[1] == _UNBOUNDED:
                yield item, flags
            if op in _REPEATS and av[1] > 0:
                yield from self.edge_repeats(av[2], flags, at_end, guarded)
            elif op is sre_constants.SUBPATTERN:
                yield from self.edge_repeats(av[3], (flags | av[1]) & ~av[2], at_end, guarded)
            elif op is sre_constants.BRANCH:
                for alt in av[1]:
                    yield from self.edge_repeats(alt, flags, at_end, guarded)
            elif op is sre_constants.GROUPREF_EXISTS:
                for alt in av[1:]:
                    if alt is not None:
                        yield from self.edge_repeats(alt, flags, at_end, guarded)
            if not self.first_of(item, flags, at_end)[1]:
                return

    # ------------------------------------------------------------ the walk

    def visit(self, items: Sequence[Item], flags: int) -> None:
        for i, (op, av) in enumerate(items):
            if op in _REPEATS:
                if av[1] == _UNBOUNDED:
                    self.nested(av[2], flags)
                    self.alternatives(av[2], flags)
                self.visit(av[2], flags)
            elif op is _POSSESSIVE:
                self.visit(av[2], flags)
            elif op is sre_constants.SUBPATTERN:
                self.visit(av[3], (flags | av[1]) & ~av[2])
            elif op is sre_constants.BRANCH:
                for alt in av[1]:
                    self.visit(alt, flags)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                self.visit(av[1], flags)
            elif op is _ATOMIC:
                self.visit(av, flags)
            elif op is sre_constants.GROUPREF_EXISTS:
                for alt in av[1:]:
                    if alt is not None:
                        self.visit(alt, flags)
            self.adjacent(items, i, flags)

    def leading_repeat(self) -> None:
        """A repeat a match can start with, followed by something that can fail: search and
        finditer rescan the rest of a run from each of its positions (n² on a run)."""
        for item, flags, rest in self.repeats(self.tree.data, self.tree.state.flags, []):
            if id(item) in self.leading and (not self.first(rest, flags)[1] or _asserts(rest)):
                chars = self.first(item[1][2], flags)[0]
                self.found.append(
                    f"{LEADING}: an unbounded repeat over {_show(chars)} that a match can start "
                    "with, then something that can fail"
                )
                return

    def variable(
        self, items: Sequence[Item], flags: int, after: Sequence[Item]
    ) -> Iterator[tuple[Item, int, list[Item]]]:
        """Items of ``items`` that match more or fewer characters without an unbounded repeat: an
        alternation with an empty alternative (``(?:aa|a)``, which ``re`` factors to ``a(?:a|)``),
        ``x?``, ``x{1,3}``; each with the items that follow it."""

        def varies(item: Item, item_flags: int) -> bool:
            op, av = item
            if op is sre_constants.BRANCH:
                return any(self.first(alt, item_flags)[1] for alt in av[1])
            return op in _REPEATS and av[0] < av[1] < _UNBOUNDED

        return self.walk(items, flags, after, varies, lambda av: av[1] < _UNBOUNDED)

    def alternatives(self, body: Sequence[Item], flags: int) -> None:
        """Inside an unbounded repeat, an alternation whose alternatives can start with the same
        character (``(?:\\w|\\d\\d)+``): a run of it is split between them in exponentially many ways.
        Alternatives of one character each ``re`` merges into a set, and equal-width ones whose
        characters differ at some position never match the same text; neither is counted."""
        branches = self.walk(
            body, flags, [], lambda item, _: item[0] is sre_constants.BRANCH, lambda _: False
        )
        for item, item_flags, rest in branches:
            follow, _ = self.first([*rest, *body], item_flags)
            alts = [alt for alt in item[1][1] if not all(op in _ZERO_WIDTH for op, _ in alt)]
            for i, one in enumerate(alts):
                for other in alts[i + 1 :]:
                    shared = self.first(one, item_flags)[0] & self.first(other, item_flags)[0]
                    # the longer one's rest must be something the next part can take instead
                    rest_taken = (_chars(one, item_flags) | _chars(other, item_flags)) & follow
                    if shared and rest_taken and not self.disjoint(one, other, item_flags):
                        self.found.append(
                            f"{ALTERNATIVES}: two alternatives inside an unbounded repeat can "
                            f"both start with {_show(shared)}"
                        )
                        return

    def disjoint(self, one: Sequence[Item], other: Sequence[Item], flags: int) -> bool:
        """At some position of both alternatives' leading single characters no character fits both
        ("any\\s+" and "all\\s+"): they never match the same text, nor one a start of the other."""
        for a, b in zip(one, other, strict=False):  # up to the shorter one
            if a[0] not in _ONE_CHAR or b[0] not in _ONE_CHAR:
                return False
            if not _charset(_Hashable(a), flags) & _charset(_Hashable(b), flags):
                return True
        return False

    def nested(self, body: Sequence[Item], flags: int) -> None:
        """An inner repeat whose last character can also begin what follows it in the same
        iteration or the next one: a run of that character splits in exponentially many ways."""
        for inner, inner_flags, rest in self.repeats(body, flags, []):
            follow, _ = self.first([*rest, *body], flags)
            shared = self.first(inner[1][2], inner_flags, reverse=True)[0] & follow
            if shared:
                self.found.append(
                    f"{NESTED}: an unbounded repeat over {_show(shared)} inside an unbounded "
                    "repeat, and what follows it can start with the same character"
                )
                return
        for item, item_flags, rest in self.variable(body, flags, []):
            follow, _ = self.first([*rest, *body], flags)
            shared = self.first([item], item_flags, reverse=True)[0] & follow
            if shared:
                self.found.append(
                    f"{NESTED}: an optional or bounded part over {_show(shared)} inside an "
                    "unbounded repeat, and what follows it can start with the same character"
                )
                return

    def adjacent(self, items: Sequence[Item], i: int, flags: int) -> None:
        tails = list(self.edge_repeats([items[i]], flags, at_end=True))
        if not tails:
            return
        for j in range(i + 1, len(items)):
            for head, head_flags in self.edge_repeats([items[j]], flags, at_end=False):
                for tail, tail_flags in tails:
                    shared = (
                        self.first(tail[1][2], tail_flags, reverse=True)[0]
                        & self.first(head[1][2], head_flags)[0]
                    )
                    if shared:
                        kind = ADJACENT_AT_START if id(tail) in self.leading else ADJACENT
                        self.found.append(
                            f"{kind}: two unbounded repeats over {_show(shared)} with only "
                            "optional items between them"
                        )
                        return
            if not self.first_of(items[j], flags, False)[1]:
                return


def _chars(items: Sequence[Item], flags: int) -> frozenset[str]:
    """Every probe character any single-character item in ``items`` matches, at any depth."""
    out: set[str] = set()
    for item in items:
        op, av = item
        if op in _ONE_CHAR:
            out |= _charset(_Hashable(item), flags)
        elif op in _REPEAT_KINDS:
            out |= _chars(av[2], flags)
        elif op is sre_constants.SUBPATTERN:
            out |= _chars(av[3], (flags | av[1]) & ~av[2])
        elif op is sre_constants.BRANCH:
            for alt in av[1]:
                out |= _chars(alt, flags)
        elif op is _ATOMIC:
            out |= _chars(av, flags)
    return frozenset(out)


def _show(chars: frozenset[str]) -> str:
    sample = "".join(sorted(chars)[:6])
    return f"{sample!r}{'...' if len(chars) > 6 else ''}"


def backtracking_shapes(pattern: re.Pattern[str]) -> list[str]:
    """The catastrophic-backtracking shapes in ``pattern`` (empty when it has none)."""
    shapes = _Shapes(pattern)
    shapes.visit(shapes.tree.data, pattern.flags)
    shapes.leading_repeat()
    return list(dict.fromkeys(shapes.found))


def _asserts(items: Sequence[Item]) -> bool:
    """Whether ``items`` hold an anchor, a look-around or a back-reference (each can fail)."""
    for op, av in items:
        if op in (*_ZERO_WIDTH, sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS):
            return True
        children = (
            [av[2]]
            if op in _REPEAT_KINDS
            else [av[3]]
            if op is sre_constants.SUBPATTERN
            else av[1]
            if op is sre_constants.BRANCH
            else [av]
            if op is _ATOMIC
            else []
        )
        if any(_asserts(child) for child in children):
            return True
    return False


# --------------------------------------------------------------------------- the policy

ENFORCED = (NESTED, ALTERNATIVES, ADJACENT_AT_START)
"""The shapes no pattern may have: exponential (nested, overlapping alternatives), or quadratic at
each of the n starts a search tries (adjacent at the start). Adjacent repeats behind an anchor or a required character
cost n² once per occurrence; they are counted by the benchmark, not rejected."""


@dataclass(frozen=True)
class Allowed:
    """Why a pattern with an enforced shape still does bounded work, and the check of it."""

    bound: str
    holds: Callable[[re.Pattern[str]], bool]


def _long_runs_match(pattern: re.Pattern[str]) -> bool:
    """Every run of 3 or more whitespace characters matches at its start, so a failing attempt
    backtracks over at most 2 characters of a run."""
    spaces = [ch for ch in _PROBES if ch.isspace()]
    return all(
        (m := pattern.match(run + "\x01")) is not None and m.end() >= len(run)
        for ch in spaces
        for n in (3, 4, 97)
        for run in (ch * n, (ch + " ") * n)
    )


ALLOWED: dict[str, Allowed] = {
    # "\s*(?:\s\|\s|...|\s{3,}|...)\s*": the \s{3,} alternative takes any longer run
    "inputs.lexicon._SEPARATORS": Allowed(
        "a failing attempt sees <= 2 whitespace", _long_runs_match
    ),
    "inputs.resume._STRONG_SEP": Allowed(
        "a failing attempt sees <= 2 whitespace", _long_runs_match
    ),
}
"""Patterns with an enforced shape whose work is bounded anyway, keyed by where they are found."""
