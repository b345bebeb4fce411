"""What reading an input yields (:class:`Loaded`), the limits, and the last step every reader shares."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from referral_ai.errors import InputError
from referral_ai.inputs.formats import _ACCEPTED_HINT, _FORMATS
from referral_ai.inputs.formats import Kind as Kind
from referral_ai.inputs.hidden import strip_invisible
from referral_ai.models import InputWarning

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""Largest file (or bytes / text input) accepted: 10 MB."""

MAX_TEXT_CHARS = 200_000
"""Largest extracted text accepted: 200,000 characters (a long posting or resume is under 30,000)."""


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Loaded:
    """The visible text of one input, where it came from, its format and what was removed from it.

    ``fmt`` is one of ``text``, ``markdown``, ``html``, ``docx``, ``pdf``, ``json``. ``data`` is the
    parsed JSON Resume for ``json`` inputs; for ``html`` it may hold ``{"title": ...}`` (the first
    ``<h1>`` or the ``<title>``); otherwise ``None``.
    """

    text: str
    source: str
    fmt: str
    warnings: list[InputWarning] = field(default_factory=list)
    data: dict[str, Any] | None = None


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue  # at most one blank line in a row, none at the start
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


def _check_kind(loaded: Loaded, *, kind: Kind) -> Loaded:
    if loaded.fmt not in _FORMATS[kind]:
        raise InputError(
            f"{loaded.fmt} is not accepted for a {kind}; use {_ACCEPTED_HINT[kind]}",
            source=loaded.source,
        )
    return loaded


def _finish(
    text: str,
    *,
    name: str,
    fmt: str,
    kind: Kind,
    warnings: list[InputWarning],
    data: dict[str, Any] | None = None,
) -> Loaded:
    text, invisible = strip_invisible(text)
    text = _normalise(text)
    if not text.strip():
        if fmt == "pdf":
            raise InputError(
                "no text layer; it may be a scanned image - export it with text or paste the text",
                source=name,
            )
        raise InputError("no visible text (the input is empty or only whitespace)", source=name)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}", source=name
        )
    return _check_kind(
        Loaded(text=text, source=name, fmt=fmt, warnings=[*warnings, *invisible], data=data),
        kind=kind,
    )
