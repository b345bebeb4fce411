"""How every regular expression in referral_ai grows on adversarial text (8x the length).

    python benchmarks/bench_patterns.py [--all]

Patterns are collected, not listed, by ``referral_ai.regex_audit.collect`` (the discovery the
structural test tests/test_regex_shapes.py uses): every compiled pattern a module of the package
holds and every ``re.*(r"literal", ...)`` call in its source. Each is run with ``finditer`` over
long runs of the characters that make patterns backtrack, ending in a character no pattern expects
(\x01). Python's ``re`` has no step counter, so growth is CPU time: the long run is 8x the short
one; a linear pattern does ~8x the work (the baseline, a plain ``\\w+`` scan, is printed beside), a
quadratic one ~64x. A pattern already slower than SLOW_SHORT_S on the short run is reported without
running the long one (a cubic pattern would take minutes). Printed: every pattern whose growth is
over MAX_GROWTH (``--all``: every pattern measured), with the run that shows it, whether its use is
bounded (applied only to short strings) or known, and the backtracking shapes its parse tree has
(``regex_audit.backtracking_shapes``); then how many patterns have each shape. Timings are never
asserted in tests.
"""

from __future__ import annotations

import re
import time
from collections import Counter

from referral_ai.regex_audit import backtracking_shapes, collect

SMALL, BIG = 750, 6_000  # 8x the length: a linear pattern does ~8x the work, a quadratic ~64x
NOISE_S = 0.004  # below this much CPU time on the long run, nothing is measured as slow
MAX_GROWTH = 25  # allowed work ratio between the two lengths
SLOW_SHORT_S = 0.05  # a linear pattern scans 750 characters far faster than this

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


PATTERNS = [(f.where, f.pattern) for f in collect()]


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
        small = max(_cpu(pattern, _run(unit, SMALL)), 1e-4)
        if small > SLOW_SHORT_S:  # the long run would take 64x (quadratic) to 512x (cubic)
            slow.append((unit, small, float("nan")))
            continue
        big = _cpu(pattern, _run(unit, BIG))
        if big < NOISE_S:
            continue
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
    flagged = unknown = 0
    for name, pattern in PATTERNS:
        slow = [] if pattern.pattern in BOUNDED_USE else growth(pattern)
        flagged += bool(slow)
        unknown += bool(slow) and pattern.pattern not in KNOWN_SUPERLINEAR
        if not slow and not args.all:
            continue
        status = (
            f"bounded use ({BOUNDED_USE[pattern.pattern]})"
            if pattern.pattern in BOUNDED_USE
            else f"known: {KNOWN_SUPERLINEAR[pattern.pattern]}"
            if pattern.pattern in KNOWN_SUPERLINEAR
            else "SUPER-LINEAR"
            if slow
            else "linear"
        )
        runs = "; ".join(
            f"{u!r}: {s:.3f}s -> {b:.3f}s ({b / s:.0f}x)"
            if b == b
            else f"{u!r}: {s:.3f}s at {SMALL} chars (long run not tried)"
            for u, s, b in slow
        )
        shapes = "; ".join(backtracking_shapes(pattern)) or "no backtracking shape"
        print(f"{name:<40} {status:<32} {runs}\n{'':<40} shape: {shapes}", flush=True)
    print(f"{flagged} pattern(s) grow more than {MAX_GROWTH}x; {unknown} of them not known")
    kinds = Counter(
        shape.split(":")[0] for _, p in PATTERNS for shape in set(backtracking_shapes(p))
    )
    print(
        "backtracking shapes (regex_audit): "
        + (", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items())) or "none")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
