"""Ligature glyphs a PDF's text layer lost, and the letters they stood for.

Google Docs (Skia) and some Word exports draw "ft", "ti", "ffi" ... as one ligature glyph and map
it to nothing (U+0000, an empty string or no entry: pdfminer's ``(cid:NN)``). A plain reading
then gives "So ware", "Consul ng" and "e ciency". The glyph is still drawn, with its width, where
the letters were: the PDF reader keeps it in the word as a placeholder (one per font and glyph,
from :meth:`LostGlyphs.mark`) and :meth:`LostGlyphs.restore` decides afterwards, over the whole
document, which letters each placeholder stands for:

- only ligatures whose letters' widths in the same font add up to about the glyph's width;
- only where a ligature can be: the PDF reader keeps a placeholder only where it touches a letter
  before it or a lower-case letter after it (an unmapped bullet standing apart is dropped, as
  before);
- one glyph is one ligature throughout the document: a candidate is counted for each word it
  makes a word of the shipped English word table (:func:`referral_ai.word_rarity.is_word`), and
  against for each word that another candidate makes a known word and it does not. A glyph is
  decided when one candidate is counted for more often than any other and against at most a
  third as often; "Software" then decides "Softer" and a name (no reading of it is a word) too.

A glyph that is not decided is written as U+FFFD, and the words holding it are returned, so that
the resume parser can say which words to check instead of writing broken words.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from referral_ai.word_rarity import is_word

__all__ = ["CANDIDATES", "LostGlyphs", "is_mark"]

CANDIDATES = ("ff", "fi", "fl", "ffi", "ffl", "ft", "ti", "tt", "tti")
"""The ligatures fonts draw as one glyph in body text, which text layers lose."""

_FIRST = 0xF0000  # supplementary private use area A: never text in a resume
_LAST = 0xFFFFD
_PLACEHOLDER = "[\U000f0000-\U000ffffd]"
_TOKEN = re.compile(rf"(?:[^\W\d_]|{_PLACEHOLDER})+")
_HAS = re.compile(_PLACEHOLDER)
_WIDTH_LOW, _WIDTH_HIGH = 0.85, 1.12  # glyph width over the letters' widths
_TEXT_FONT_LETTERS = 3  # lower-case letters a font must draw for a lost glyph to be a ligature
_MAX_COMBOS = 64  # candidate combinations tried for one word with several lost glyphs
UNKNOWN = "\ufffd"


@dataclass(slots=True)
class LostGlyphs:
    """The glyphs of one document that were drawn but mapped to no text."""

    _marks: dict[tuple[int, int], str] = field(default_factory=dict)
    _fits: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _fonts: list[Any] = field(default_factory=list)  # keeps the fonts (and their ids) alive
    marked: int = 0  # glyphs drawn with a placeholder

    def mark(self, font: Any, cid: int) -> str | None:
        """The placeholder for glyph ``cid`` of ``font`` (None: not a ligature's width)."""
        key = (id(font), cid)
        mark = self._marks.get(key)
        if mark is None:
            if _FIRST + len(self._marks) > _LAST:
                return None
            fits = _fitting(font, cid)
            if not fits:
                return None
            mark = chr(_FIRST + len(self._marks))
            self._marks[key] = mark
            self._fits[mark] = fits
            self._fonts.append(font)
        self.marked += 1
        return mark

    def restore(self, texts: Iterable[str]) -> tuple[dict[int, str], list[str]]:
        """A translation table for the placeholders in ``texts``, and the words (lost letters
        shown as '?') where a glyph could not be decided."""
        if not self._marks:
            return {}, []
        tokens = [m.group(0) for t in texts for m in _TOKEN.finditer(t) if _HAS.search(m.group(0))]
        decided: dict[str, str] = {}
        while True:
            votes: dict[str, dict[str, list[int]]] = {}
            for token in tokens:
                _vote(token, decided, self._fits, votes)
            news = {p: best for p, c in votes.items() if (best := _winner(c)) is not None}
            if not news:
                break
            decided.update(news)
        in_text = {ch for t in tokens for ch in t if _HAS.fullmatch(ch)}
        table: dict[int, str] = {}
        for mark in self._fits:
            letters = decided.get(mark)
            if letters is None:
                letters = UNKNOWN if mark in in_text else ""
            table[ord(mark)] = letters
        doubtful: list[str] = []
        for token in tokens:
            word = token.translate(table)
            if UNKNOWN in word:
                shown = word.replace(UNKNOWN, "?")
                if shown not in doubtful:
                    doubtful.append(shown)
        return table, doubtful


def is_mark(text: str) -> bool:
    """Is ``text`` a placeholder from :meth:`LostGlyphs.mark`?"""
    return len(text) == 1 and _FIRST <= ord(text) <= _LAST


def _fitting(font: Any, cid: int) -> tuple[str, ...]:
    """The candidates whose letters (in ``font``) are about as wide as glyph ``cid``; all of
    them when the font does not give the letters' widths. None in a font that draws no
    lower-case text (a math extension font's big brackets touch letters too)."""
    codes = _codes(font)
    if sum(1 for ch in codes if "a" <= ch <= "z") < _TEXT_FONT_LETTERS:
        return ()
    try:
        width = float(font.char_width(cid))
    except Exception:  # a font pdfminer cannot measure: the width says nothing
        return CANDIDATES
    if width <= 0:
        return ()
    letters: dict[str, float] = {}
    for ch in "filt":
        if ch in codes:
            with contextlib.suppress(Exception):  # an unmeasurable glyph is left out
                letters[ch] = float(font.char_width(codes[ch]))
    out = []
    for cand in CANDIDATES:
        if not all(ch in letters for ch in cand):
            out.append(cand)
            continue
        total = sum(letters[ch] for ch in cand)
        if total > 0 and _WIDTH_LOW <= width / total <= _WIDTH_HIGH:
            out.append(cand)
    return tuple(out)


def _codes(font: Any) -> dict[str, int]:
    """The glyph code of each character ``font``'s text map gives (its first glyph): its
    ToUnicode map if it has one, else its encoding."""
    umap = getattr(font, "unicode_map", None)
    pairs = list(getattr(umap, "cid2unichr", {}).items()) if umap is not None else []
    if not pairs:
        pairs = list((getattr(font, "cid2unicode", None) or {}).items())
    codes: dict[str, int] = {}
    for code, text in pairs:
        if isinstance(text, str) and len(text) == 1:
            codes.setdefault(text, int(code))
    return codes


def _vote(
    token: str,
    decided: dict[str, str],
    fits: dict[str, tuple[str, ...]],
    votes: dict[str, dict[str, list[int]]],
) -> None:
    """Count, for each undecided glyph of ``token`` and each candidate, whether some known word
    reads it so (``[for, against]``): a token no choice makes a word (a name) says nothing."""
    open_ = sorted({ch for ch in token if _HAS.fullmatch(ch) and ch not in decided})
    if not open_:
        return
    base = "".join(decided.get(ch, ch) for ch in token)
    choices = [fits.get(p, ()) for p in open_]
    combos = 1
    for c in choices:
        combos *= max(len(c), 1)
    if combos > _MAX_COMBOS:
        return
    known: list[tuple[str, ...]] = []
    for combo in itertools.product(*choices):
        word = base
        for p, letters in zip(open_, combo, strict=True):
            word = word.replace(p, letters)
        if is_word(word):
            known.append(combo)
    if not known:
        return
    for k, p in enumerate(open_):
        readings = {combo[k] for combo in known}
        tally = votes.setdefault(p, {})
        for letters in fits.get(p, ()):
            tally.setdefault(letters, [0, 0])[0 if letters in readings else 1] += 1


def _winner(tally: dict[str, list[int]]) -> str | None:
    """The candidate more words read than any other, with at most a third as many words
    (that can be read) against it."""
    ranked = sorted(tally.items(), key=lambda kv: -kv[1][0])
    if not ranked or ranked[0][1][0] == 0:
        return None
    best, (pro, con) = ranked[0]
    if len(ranked) > 1 and ranked[1][1][0] == pro:
        return None
    return best if 3 * con <= pro else None
