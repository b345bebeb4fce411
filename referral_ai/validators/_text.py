"""Text helpers shared by the rules: sentence spans, title normalisation, word counts.

Everything here is linear in the length of the text and uses precompiled patterns.
"""

from __future__ import annotations

import functools
import re
import threading
from typing import NamedTuple


class Span(NamedTuple):
    """A sentence (or bullet, or line) of a text: ``text[start:end]``."""

    start: int
    end: int
    text: str


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "inc",
        "ltd",
        "co",
        "corp",
        "llc",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "vs",
        "no",
        "nos",
        "dept",
        "approx",
        "est",
        "al",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thurs",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.s.a",
        "b.s",
        "b.a",
        "m.s",
        "m.a",
        "ph.d",
        "m.b.a",
        "b.sc",
        "m.sc",
        "b.eng",
        "m.eng",
        "b.tech",
        "m.tech",
        "ave",
        "blvd",
        "mt",
        "ft",
        "ca",
        "min",
        "max",
        "etc",
    ]
)
_FINAL_ABBREVIATIONS = frozenset({"inc", "ltd", "co", "corp", "llc", "etc", "est", "al", "approx"})
# A list marker and the blanks after it; the indent before it is skipped by _bullet (one start)
_BULLET = re.compile(r"(?:[-*\u2022\u2023\u25e6\u25aa\u2013\u2014>]|\d{1,3}[.)]|[a-z][.)])[ \t]+")
_TERMINAL = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)")
_TOKEN_WINDOW = 24  # an abbreviation or initial before a dot is read from at most this many chars
_TOKEN_BEFORE = re.compile(rf"[\w.]{{1,{_TOKEN_WINDOW}}}$")
_LINE = re.compile(r"[^\n]*\n?")
_NONSPACE = re.compile(r"\S")
_WORD = re.compile(r"\S+")
_MAX_SENTENCE = (
    4000  # longer runs without punctuation are cut at whitespace so one "sentence" stays small
)


def _ends_sentence(text: str, m: re.Match[str], block_start: int) -> bool:
    """Is the punctuation run ``m`` a sentence end (not an abbreviation, initial or decimal)?"""
    if "." not in m.group() or "!" in m.group() or "?" in m.group():
        return True
    before = _TOKEN_BEFORE.search(text, max(block_start, m.start() - _TOKEN_WINDOW), m.start())
    token = before.group().lower().lstrip(".") if before else ""
    nxt = _NONSPACE.search(text, m.end(), m.end() + 3)
    if token in _ABBREVIATIONS:
        # "Northwind Inc. We ..." ends a sentence; "e.g. Python" and "Dr. Lee" do not
        return token in _FINAL_ABBREVIATIONS and bool(nxt and nxt.group().isupper())
    if len(token) == 1 and token.isalpha():  # an initial: "J. Lee"
        return False
    return not (nxt and (nxt.group().islower() or nxt.group().isdigit()))


def _bullet(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The list marker ``text[start:end]`` begins with, after any indent of blanks."""
    end = len(text) if end is None else end
    while start < end and text[start] in " \t":
        start += 1
    return _BULLET.match(text, start, end)


def _split_block(text: str, start: int, end: int, out: list[Span]) -> None:
    """Split ``text[start:end]`` (no forced breaks inside) into sentences."""
    s = start
    bullet = _bullet(text, start, end)
    if bullet:  # "1. First item": the marker's dot is not a sentence end
        start = bullet.end()
    for m in _TERMINAL.finditer(text, start, end):
        if _ends_sentence(text, m, start):
            _emit(text, s, m.end(), out)
            s = m.end()
    _emit(text, s, end, out)


def _emit(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    b = _bullet(text, start, end)
    if b and b.end() < end:
        start = b.end()
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start, start + _MAX_SENTENCE)
        if cut <= start:
            cut = start + _MAX_SENTENCE
        out.append(Span(start, cut, text[start:cut]))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Span(start, end, text[start:end]))


_split_lock = threading.Lock()
_split_cache: dict[str, tuple[Span, ...]] = {}
_SPLIT_CACHE_MAX = 1024


def split_sentences(text: str) -> list[Span]:
    """Sentences, bullets and short lines of ``text`` with their character spans (cached by text; see
    :func:`_split_sentences`)."""
    hit = _split_cache.get(text)
    if hit is None:
        hit = tuple(_split_sentences(text))
        with _split_lock:
            if len(_split_cache) >= _SPLIT_CACHE_MAX:
                _split_cache.clear()
            _split_cache[text] = hit
    return list(hit)


def _split_sentences(text: str) -> list[Span]:
    """Sentences, bullets and short lines of ``text`` with their character spans.

    Handles abbreviations ("e.g.", "Dr.", "B.S."), initials, decimals, URLs and email addresses
    (their dots are not followed by a space), bullet lists (each bullet is its own unit, its marker
    left out of the span) and hard-wrapped lines (a long line without final punctuation continues on
    the next line when that starts in lower case). Text without punctuation is one unit per line; a
    very long unit is cut at whitespace every few thousand characters.
    """
    out: list[Span] = []
    block_start: int | None = None
    prev_len = 0
    prev_last = ""
    for lm in _LINE.finditer(text):
        ls = lm.start()
        line = lm.group()
        stripped = line.strip()
        if not stripped:
            if block_start is not None:
                _split_block(text, block_start, ls, out)
                block_start = None
            prev_len = 0
            continue
        joins = (
            block_start is not None
            and prev_len >= 40
            and prev_last not in ".!?:;"
            and not _bullet(line)
            and (stripped[0].islower() or stripped[0].isdigit())
        )
        if not joins:
            if block_start is not None:
                _split_block(text, block_start, ls, out)
            block_start = ls
        prev_len = len(stripped)
        prev_last = stripped[-1]
    if block_start is not None:
        _split_block(text, block_start, len(text), out)
    return out


_NORM_SUB = re.compile(r"[^\w+#]+")
_ABBREV_WORDS = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "mgr": "manager",
    "eng": "engineer",
    "engr": "engineer",
    "assoc": "associate",
    "asst": "assistant",
    "dir": "director",
    "vp": "vice president",
    "ii": "2",
    "iii": "3",
    "iv": "4",
}


@functools.lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Lower case, punctuation to single spaces, common title abbreviations expanded ("Sr." → "senior").

    The result is padded with a space at each end so ``" " + normalize(needle).strip() + " "`` can be
    searched with ``in`` for a whole-word match.
    """
    words = _NORM_SUB.sub(" ", text.lower()).split()
    if _ABBREV_WORDS.keys().isdisjoint(words):  # most text: no word to expand
        return " " + " ".join(words) + " "
    return " " + " ".join(_ABBREV_WORDS.get(w, w) for w in words) + " "


def contains_phrase(haystack_norm: str, needle: str) -> bool:
    """Whole-word, case- and punctuation-insensitive ``needle in haystack`` (haystack already normalised)."""
    n = normalize(needle)
    return bool(n.strip()) and n in haystack_norm


_TITLE_PAREN = re.compile(r"(?<!\s)\s*[(\[][^()\[\]]*[)\]]\s*$")
_TITLE_TAIL = re.compile(
    r"(?<!\s)\s+[-\u2013\u2014|/:]\s+(?=[^-\u2013\u2014|]*\b(?:remote|hybrid|on-?site|in-?office|contract|full[- ]time|"
    r"part[- ]time|temporary|temp|fixed[- ]term|permanent|intern(?:ship)?|[A-Z][a-z]+,\s*[A-Z]{2})\b).*$",
    re.IGNORECASE,
)


def title_variants(title: str) -> list[str]:
    """The title as posted, plus its core without a trailing "(Remote)" / " - Denver, CO" / " | Contract"."""
    return list(_title_variants(title))


@functools.lru_cache(maxsize=1024)
def _title_variants(title: str) -> tuple[str, ...]:
    out = [title.strip()]
    core = _TITLE_PAREN.sub("", title).strip()
    core = _TITLE_TAIL.sub("", core).strip()
    if core and core != out[0]:
        out.append(core)
    return tuple(out)


def title_named(text_norm: str, title: str) -> bool:
    """Does the normalised text name ``title`` (or its core, see :func:`title_variants`)?"""
    return any(contains_phrase(text_norm, t) for t in _title_variants(title))


def word_count(text: str) -> int:
    """Words as a person counts them (runs of non-space characters: ``str.split`` and ``\\S+`` agree on
    what a space is)."""
    return len(text.split())


def nth_word_start(text: str, n: int) -> int:
    """Character offset where the ``n``-th word (0-based) of ``text`` starts, or ``len(text)``."""
    for i, m in enumerate(_WORD.finditer(text)):
        if i == n:
            return m.start()
    return len(text)
