"""Which language a posting or a resume is written in (py3langid, offline), and what follows.

The parser reads English postings only. A posting is read as English when English paragraphs carry
a fair share of its text, so a bilingual posting whose English part is the posting ("English
version (unofficial)" followed by the official French one) is read; one written in another
language is declined with a one-line message naming it, never answered with an English letter built
on nothing. Paragraphs are classified one by one (a language model over a whole bilingual text
picks whichever half is longer), weighted by their length; short texts are not judged.

A resume in another language than the posting is read (names, dates and employers read the same),
its language recorded (:func:`note_language`), and drafting is told so (:func:`language_doubt`): the
letters are written in the posting's language, so its lines are referred to, never pasted into them
(:func:`foreign_resume`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from referral_ai.models import Doubt, JobPosting, ParseReport, Resume

__all__ = [
    "READ_LANGUAGES",
    "LanguageGuess",
    "detect_language",
    "foreign_resume",
    "language_doubt",
    "language_name",
    "letter_language",
    "note_language",
]

READ_LANGUAGES = frozenset({"en"})
"""ISO 639-1 codes of the languages the posting parser reads."""

_MIN_LETTERS = 200
"""Texts with fewer letters than this are not judged (too little to tell, and usually a test snippet)."""
_MIN_PARAGRAPH = 40
_ENGLISH_SHARE = 0.3
"""English paragraphs carrying at least this share of the letters make the posting English."""
_MAX_CHARS = 60_000

_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay",
    "nb": "Norwegian", "nl": "Dutch", "nn": "Norwegian", "no": "Norwegian", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "th": "Thai",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh": "Chinese",
}  # fmt: skip

_URL_OR_MAIL = re.compile(r"(?<!\S)\S*?(?:https?://|www\.|@)\S*")  # from a token start: linear
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")

#: Words only English among the languages the identifier knows (no "a", "in", "is", "of", "for",
#: "we", "to": Romance, Dutch, German, Nordic or Slavic words too). A paragraph of at least
#: ``_PLAIN_WORDS`` words where they make ``_PLAIN_SHARE`` of the words is English without asking
#: the identifier (typical English prose: over 0.1, "the" alone ~0.05; other languages: ~0).
_ENGLISH_ONLY = frozenset(
    {
        "the",
        "and",
        "you",
        "your",
        "with",
        "will",
        "this",
        "that",
        "are",
        "have",
        "from",
        "which",
        "our",
    }
)
_PLAIN_WORDS = 12
_PLAIN_SHARE = 0.08


@dataclass(frozen=True)
class LanguageGuess:
    """The main language of a text, the share of its letters in English, and whether it was judged."""

    code: str | None
    english_share: float
    judged: bool

    @property
    def readable(self) -> bool:
        """True when the parser reads this text (English enough, or too short to judge)."""
        return (
            not self.judged or self.english_share >= _ENGLISH_SHARE or self.code in READ_LANGUAGES
        )


def language_name(code: str | None) -> str:
    """'German' for 'de'; the code itself when the name is not known."""
    if not code:
        return "an unknown language"
    return _NAMES.get(code, code)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        return _from_cache(_cache_root())
    except Exception:  # no cache (unwritable home, another py3langid layout): the packaged model
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# The packaged model is LZMA-compressed: unpacking it costs ~0.5-1 s of CPU and a 68 MB temporary
# file in every process that reads a posting, more than reading the posting. It is unpacked once
# into the user's cache folder (one .npy per array, written to a temporary folder renamed into
# place, so a reader never sees half a cache) and mapped from there, giving the same arrays.
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "referral_ai"


def _from_cache(root: Path) -> Any:
    import numpy as np
    from py3langid import modelio
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    source = Path(MODEL_DIR) / MODEL_FILE
    st = source.stat()
    folder = root / f"langid-{version('py3langid')}-{st.st_size}-{st.st_mtime_ns}"
    if not folder.is_dir():
        ptc, pc, classes, nextmove, row, output = modelio.load_model(source)
        values = (ptc, pc, classes, nextmove, row, output)
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".langid-", dir=root))
        try:
            for name, value in zip(_ARRAYS, values, strict=True):
                np.save(staging / f"{name}.npy", np.asarray(value), allow_pickle=False)
            os.replace(staging, folder)
        except OSError:
            if not folder.is_dir():
                raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    a = {n: np.load(folder / f"{n}.npy", mmap_mode="r", allow_pickle=False) for n in _ARRAYS}
    return LanguageIdentifier(
        np.asarray(a["ptc"]),
        np.asarray(a["pc"]),
        a["classes"].tolist(),
        modelio._to_array(np.asarray(a["nextmove"])),
        a["output"].tolist(),
        norm_probs=True,
        tk_row=modelio._to_array(np.asarray(a["row"])),
    )


def _paragraphs(text: str) -> list[str]:
    parts = re.split(r"\n[ \t]*\n", text[:_MAX_CHARS])
    out: list[str] = []
    for part in parts:
        part = _URL_OR_MAIL.sub(" ", part)
        if len(_LETTER.findall(part)) >= _MIN_PARAGRAPH:
            out.append(part)
    if not out and len(_LETTER.findall(text[:_MAX_CHARS])) >= _MIN_PARAGRAPH:
        out = [_URL_OR_MAIL.sub(" ", text[:_MAX_CHARS])]
    return out


def _plainly_english(paragraph: str) -> bool:
    """Whether ``paragraph`` is English by its function words alone (see ``_ENGLISH_ONLY``): the
    identifier is asked about the others only (on the real corpus it agreed on every paragraph this
    decides, about half of them; loading it costs ~0.35 s per process, classifying ~0.6 ms)."""
    words = _WORD.findall(paragraph)
    if len(words) < _PLAIN_WORDS:
        return False
    hits = sum(1 for w in words if w.lower() in _ENGLISH_ONLY)
    return hits >= _PLAIN_SHARE * len(words)


def detect_language(text: str, *, settle: bool = False) -> LanguageGuess:
    """The main language of ``text`` and the share of its letters in English paragraphs.

    With ``settle``, English paragraphs told by their words (:func:`_plainly_english`) that carry
    over half the letters settle it without the identifier: English is then the main language
    whatever the rest is, and ``english_share`` is the share they carry (a lower bound)."""
    paragraphs = _paragraphs(text)
    letters = [len(_LETTER.findall(p)) for p in paragraphs]
    total = sum(letters)
    if total < _MIN_LETTERS:
        return LanguageGuess(code=None, english_share=1.0, judged=False)
    plain = [_plainly_english(p) for p in paragraphs]
    plain_letters = sum(n for n, is_plain in zip(letters, plain, strict=True) if is_plain)
    if settle and 2 * plain_letters > total:
        return LanguageGuess(code="en", english_share=plain_letters / total, judged=True)
    weight: dict[str, int] = {}
    for paragraph, n, is_plain in zip(paragraphs, letters, plain, strict=True):
        code = "en" if is_plain else str(_identifier().classify(paragraph)[0])
        weight[code] = weight.get(code, 0) + n
    main = max(weight, key=lambda c: weight[c])
    return LanguageGuess(code=main, english_share=weight.get("en", 0) / total, judged=True)


# --------------------------------------------------------------------------- resumes


def note_language(text: str, report: ParseReport) -> str | None:
    """The main language of a resume's ``text`` (None when too short to judge), noted in ``report``."""
    from referral_ai.models import FieldNote

    guess = detect_language(text)
    if not guess.judged or guess.code is None:
        return None
    share = guess.english_share if guess.code == "en" else 1.0 - guess.english_share
    report.fields.append(
        FieldNote(
            field="language",
            source="language identification over the resume's paragraphs (py3langid)",
            confidence=round(min(1.0, max(0.0, share)), 2),
        )
    )
    return guess.code


def letter_language(posting: JobPosting) -> str:
    """The language the letters for ``posting`` are written in (its ISO 639-1 code)."""
    # The letters are written in the posting's language; a posting too short to judge was read as
    # English (the only language the parser reads).
    return posting.language or "en"


def foreign_resume(posting: JobPosting, resume: Resume) -> bool:
    """True when ``resume`` is written in another language than the letters for ``posting``."""
    return resume.language is not None and resume.language != letter_language(posting)


def language_doubt(posting: JobPosting, resume: Resume) -> Doubt | None:
    """The note drafting gives when the resume's language is not the letters' (never blocking)."""
    from referral_ai.models import Doubt

    if not foreign_resume(posting, resume):
        return None
    theirs, ours = language_name(resume.language), language_name(letter_language(posting))
    return Doubt(
        field="language",
        message=f"the resume is in {theirs} and the posting in {ours}: the letters are written in "
        f"{ours} and refer to your experience without quoting the resume's {theirs} lines",
        fix=f"for letters that quote your own lines, pass a resume in {ours} (or a JSON Resume "
        "with your lines translated: referral-ai parse RESUME --json-resume > resume.json)",
    )
