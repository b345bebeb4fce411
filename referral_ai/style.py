"""How a draft should sound and how long it should be: :class:`Style`.

A style is given to :func:`referral_ai.compose.compose` (``style=``) or the CLI (``--tone``,
``--formality``, ``--length``, ``--voice FILE``) and honoured by both writers:

* the offline writer picks its greeting, closing and closing ask by ``formality`` and ``tone``, and
  keeps the cover letter near ``length`` words by choosing how much evidence it states;
* the model writer states the style in the prompt (a ``<style>`` block, with the voice sample as data);
* the ``length`` rule checks the result (:func:`referral_ai.validators.rules.check_length`).

``length`` is the cover letter's target in words (within :data:`LENGTH_TOLERANCE`); for the emails,
which stay short, it is an upper bound (never above their own limits,
:data:`referral_ai.validators.rules.LENGTH_LIMITS`).

The string enums accept any case (``"Warm"``) and an unknown value is an error that lists the
valid ones. The :class:`Style` model itself is defined with the other pydantic models in
:mod:`referral_ai.models` and imported from here on first use, so what needs only the tones,
formalities and lengths (the CLI's options, ``referral-ai check``) starts without pydantic.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from referral_ai._lazy import lazy_exports

if TYPE_CHECKING:
    from referral_ai.models import Style

__all__ = [
    "LENGTH_RANGE",
    "LENGTH_TOLERANCE",
    "VOICE_SAMPLE_MAX_CHARS",
    "Formality",
    "Style",
    "Tone",
    "length_bounds",
]

LENGTH_TOLERANCE = 0.15
"""How far a cover letter may be from ``Style.length``: this share of it, and at least 20 words."""
_MIN_SLACK = 20
LENGTH_RANGE = (60, 1000)
"""The word counts a ``Style.length`` may ask for (a letter under 60 words says nothing)."""
VOICE_SAMPLE_MAX_CHARS = 4000
"""A voice sample longer than this is refused (a paragraph or two is enough to hear a voice)."""


class _Choice(str, Enum):
    """A string enum that accepts any case and says which values exist when given another."""

    @classmethod
    def _missing_(cls, value: object) -> _Choice:
        if isinstance(value, str) and len(value) <= 40:
            key = value.strip().lower()
            for member in cls:
                if member.value == key:
                    return member
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        valid = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"unknown {cls.__name__.lower()} {shown}; valid: {valid}")


class Tone(_Choice):
    """How the draft sounds. ``neutral`` is the default."""

    neutral = "neutral"
    warm = "warm"
    confident = "confident"
    enthusiastic = "enthusiastic"


class Formality(_Choice):
    """How formal the greeting, closing and wording are. Unset: each kind's usual (a formal letter,
    friendly emails)."""

    formal = "formal"
    neutral = "neutral"
    casual = "casual"


TONE_GUIDE: dict[Tone, str] = {
    Tone.neutral: "plain and businesslike",
    Tone.warm: "friendly and personal, while staying specific",
    Tone.confident: "direct and assured: state what the candidate did and will do, without hedging",
    Tone.enthusiastic: "visibly keen on this role and company, shown through specifics, not adjectives",
}
"""What each tone means, in the words a model writer is given."""

FORMALITY_GUIDE: dict[Formality, str] = {
    Formality.formal: "formal: 'Dear' and the full name, no contractions, 'Sincerely' or 'Kind regards'",
    Formality.neutral: "neutral: polite and plain, few contractions, 'Best regards'",
    Formality.casual: "casual: first names, contractions are fine, 'Thanks' or 'Best'",
}
"""What each formality means, in the words a model writer is given."""


def length_bounds(target: int) -> tuple[int, int]:
    """The word counts a cover letter aimed at ``target`` words may have: ``target`` ± tolerance."""
    slack = max(_MIN_SLACK, round(target * LENGTH_TOLERANCE))
    return max(1, target - slack), target + slack


__getattr__, __dir__ = lazy_exports(__name__, {"Style": "referral_ai.models"}, globals())
