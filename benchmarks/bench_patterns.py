"""How every regular expression in referral_ai/inputs/ grows on adversarial text (8x the length).

    python benchmarks/bench_patterns.py [--all]

Patterns are collected, not listed: every compiled pattern a module of ``referral_ai.inputs`` holds
(at module level, or in a tuple / list / dict there) and every ``re.*(r"literal", ...)`` call in its
source. Each is run with ``finditer`` over long runs of the characters that make patterns backtrack,
ending in a character no pattern expects (\x01). Python's ``re`` has no step counter, so growth is
CPU time: the long run is 8x the short one; a linear pattern does ~8x the work (the baseline, a
plain ``\\w+`` scan, is printed beside), a quadratic one ~64x. Printed: every pattern whose growth
is over MAX_GROWTH (``--all``: every pattern measured), with the run that shows it, and whether its
use is bounded (applied only to short strings) or known. Timings are never asserted in tests: the
tests feed the crafted inputs of each family and assert only that they finish cleanly.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from collections.abc import Iterator
from pathlib import Path

import referral_ai.inputs as inputs_pkg

SMALL, BIG = 750, 6_000  # 8x the length: a linear pattern does ~8x the work, a quadratic ~64x
NOISE_S = 0.004  # below this much CPU time on the long run, nothing is measured as slow
MAX_GROWTH = 25  # allowed work ratio between the two lengths

# Runs that make backtracking patterns slow: each is repeated to the length, then "\x01" ends it.
UNITS = (
    " ",
    "\t ",
    "1-",
    "a.",
    "a@",
    "<!--",
    "Aa",
    "-",
    "1",
    "www.",
    "(",
    "A\n",
)

# Patterns only ever applied to input whose length is bounded before the pattern sees it; a
# super-linear cost on a bounded input is a bounded cost. Each entry says where the bound comes from.
BOUNDED_USE = {
    # reading._looks_like_path: fullmatch on a single line of at most 260 characters
    r"[^\n]*\.(?:pdf|docx?|txt|md|markdown|html?|json|rtf|odt|pages|png|jpe?g)": "<= 260 chars",
    r"[^\n]*\.[A-Za-z][A-Za-z0-9]{0,4}": "<= 260 chars",
    # materials._LIST_GAP: fullmatch on the gap between two mentions (one start: linear)
    r"[\s,]*(?:(?:and|or|and/or|&|/|plus)\s+)?(?:(?:a|an|the|your|any|some|one|two|three|\d+)\s+)?"
    r"(?:[\w-]+\s+){0,2}": "one start",
    # materials: re.match on the 4 characters after a mention
    r"\s*(?:to\b|:)": "<= 4 chars",
    # reading._MARKDOWN_BLOCK_RE: .match() at the start of each line only (one start: linear)
    r"[ \t]{0,8}(?:#{1,6}[ \t]|[*+-][ \t]+\S|\d{1,3}[.)][ \t]+\S|[=-]{3,}[ \t]*$)": "one start",
}


# Super-linear on a long run (measured when this test was written) and not yet rewritten: each is run
# and reported as xfail with its owner, so the list shrinks as they are fixed; a pattern that is not
# listed here and backtracks fails. Most are "\s+word$" / "\s*(" shapes: anchoring the run's start,
# "(?<!\s)\s+...", makes them linear with the same matches under search / finditer / sub.
KNOWN_SUPERLINEAR = {
    r"\s*\([^)]*\)": "posting.py (posting engineer)",
    r"\([^)]*\)": "materials.py re.sub between mentions (posting engineer)",
    r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})": "posting.py (posting engineer)",
    r"\s+(?:of|and|the|de|for|&)$": "posting.py (posting engineer)",
    r"\s*\(([^)]*)\)\s*$": "posting.py (posting engineer)",
    r"^(?P<t>.+?)\s+(?:at|@)\s+(?P<c>[A-Z].+)$": "posting.py (posting engineer)",
    r"(\s+[|\u2013\u2014]\s+|\s+-\s+|\s*\u00b7\s*)": "posting.py (posting engineer)",
    r"\s+[|\u2013\u2014\u00b7-]\s+": "posting.py (posting engineer)",
    r"(?P<c>[A-Z][\w'&.-]*(?:[ \t]+[A-Z][\w'&.-]*){0,4})[ \t]+(?:is|are|has|was|[a-z]{3,}s)\b": (
        "posting.py (posting engineer)"
    ),
    r"\s+[|\u2013\u2014\u00b7-]\s+|\s*;\s*": "posting.py (posting engineer)",
    r"\s+[|\u2013\u2014]\s+|\s+-\s+|\s*\u00b7\s*": "posting.py (posting engineer)",
    r"\s*\((?P<d>[A-Z][\w&'-]*(?:\s+[A-Z&][\w&'-]*){0,3})\)$": "posting.py (posting engineer)",
    r"\s+(?:in|of|for|and|&|on|or)$": "posting.py (posting engineer)",
}


def _walk(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield value
    elif depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _walk(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _walk(item, depth + 1)


def _inline_patterns(source: str) -> Iterator[tuple[int, str, int]]:
    """(line, pattern, flags) of every ``re.<fn>("literal", ...)`` call in ``source``."""
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
        flags = 0
        for arg in [*node.args[1:], *(k.value for k in node.keywords)]:
            if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name):
                if arg.value.id == "re" and arg.attr in {"I", "IGNORECASE"}:
                    flags |= re.I
                if arg.value.id == "re" and arg.attr in {"M", "MULTILINE"}:
                    flags |= re.M
        yield node.lineno, node.args[0].value, flags


def _collect() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    for info in pkgutil.iter_modules(inputs_pkg.__path__):
        module = importlib.import_module(f"referral_ai.inputs.{info.name}")
        for attr, value in vars(module).items():
            for pattern in _walk(value):
                found.setdefault((pattern.pattern, pattern.flags), (f"{info.name}.{attr}", pattern))
        source = Path(str(module.__file__)).read_text(encoding="utf-8")
        for line, text, flags in _inline_patterns(source):
            try:
                pattern = re.compile(text, flags)
            except re.error:
                continue
            found.setdefault((pattern.pattern, pattern.flags), (f"{info.name}:{line}", pattern))
    return sorted(found.values(), key=lambda item: item[0])


PATTERNS = _collect()


def _cpu(pattern: re.Pattern[str], text: str) -> float:
    started = time.process_time()
    for _ in pattern.finditer(text):
        pass
    return time.process_time() - started


def _run(unit: str, length: int) -> str:
    return unit * (length // len(unit)) + "\x01"


def growth(pattern: re.Pattern[str]) -> list[tuple[str, float, float]]:
    """(run, short s, long s) for each run on which ``pattern`` grows more than MAX_GROWTH."""
    slow = []
    for unit in UNITS:
        big = _cpu(pattern, _run(unit, BIG))
        if big < NOISE_S:
            continue
        small = max(_cpu(pattern, _run(unit, SMALL)), 1e-4)
        if big > MAX_GROWTH * small:
            big = min(big, _cpu(pattern, _run(unit, BIG)))  # measured twice: noise is not growth
            small = max(small, _cpu(pattern, _run(unit, SMALL)))
            if big > MAX_GROWTH * small:
                slow.append((unit, small, big))
    return slow


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--all", action="store_true", help="print every pattern, not only slow ones")
    args = ap.parse_args(argv)
    base = re.compile(r"\w+")
    b_small, b_big = _cpu(base, _run("Aa", SMALL * 40)), _cpu(base, _run("Aa", BIG * 40))
    print(
        f"{len(PATTERNS)} patterns; baseline \\w+ over 8x the text: {b_big / max(b_small, 1e-6):.1f}x"
    )
    flagged = 0
    for name, pattern in PATTERNS:
        slow = [] if pattern.pattern in BOUNDED_USE else growth(pattern)
        if not slow and not args.all:
            continue
        flagged += bool(slow)
        status = (
            f"bounded use ({BOUNDED_USE[pattern.pattern]})"
            if pattern.pattern in BOUNDED_USE
            else f"known: {KNOWN_SUPERLINEAR[pattern.pattern]}"
            if pattern.pattern in KNOWN_SUPERLINEAR
            else "SUPER-LINEAR"
            if slow
            else "linear"
        )
        runs = "; ".join(f"{u!r}: {s:.3f}s -> {b:.3f}s ({b / s:.0f}x)" for u, s, b in slow)
        print(f"{name:<40} {status:<32} {runs}")
    unknown = (
        sum(
            1
            for _, p in PATTERNS
            if p.pattern not in BOUNDED_USE and p.pattern not in KNOWN_SUPERLINEAR and growth(p)
        )
        if flagged
        else 0
    )
    print(f"{flagged} pattern(s) grow more than {MAX_GROWTH}x; {unknown} of them not known")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
