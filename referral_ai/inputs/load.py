"""Parse a job posting or a resume into the models, deterministically and without a model.

Heuristics read headings, labels ("Job Title:", "Req ID:"), bullets and date ranges. A field the text
does not state is ``None`` (or empty), never guessed. The front doors :func:`load_posting` and
:func:`load_resume` read any supported input (see :mod:`referral_ai.inputs.reading`), parse it and attach
warnings: hidden text removed while reading, and instructions addressed to an AI
(:func:`referral_ai.inputs.injection.find_injected_instructions`).
"""

from __future__ import annotations

import os

from referral_ai.inputs.json_resume import resume_from_json_resume
from referral_ai.inputs.loaded import Loaded
from referral_ai.inputs.posting import merge_facts, parse_posting
from referral_ai.inputs.reading import read_text
from referral_ai.inputs.report import with_review
from referral_ai.inputs.resume import parse_resume
from referral_ai.inputs.saved import read_saved_posting
from referral_ai.models import InputWarning, JobPosting, Resume

# --------------------------------------------------------------------------- front doors


def _all_warnings(loaded: Loaded) -> list[InputWarning]:
    from referral_ai.inputs.injection import find_injected_instructions

    warnings = list(loaded.warnings)
    warnings += find_injected_instructions(loaded.text)
    # An instruction hidden from the reader is worth naming as such, too.
    for hidden in loaded.warnings:
        if hidden.code == "hidden-text" and hidden.excerpt:
            for found in find_injected_instructions(hidden.excerpt):
                warnings.append(
                    found.model_copy(update={"message": f"(in hidden text) {found.message}"})
                )
    return warnings


def load_posting(source: str | os.PathLike[str] | bytes, *, title: str | None = None) -> JobPosting:
    """Read a posting from a file path, bytes or text (see :func:`referral_ai.inputs.read_text`) and parse it.

    ``title`` is the job title as the user states it (the CLI's ``--title``): the parser takes it as
    the most certain fact, so a posting whose text never sets its title apart (prose only, no heading
    or "Job Title:" line) can still be read.

    A posting saved by ``referral-ai parse POSTING --json`` (and perhaps corrected by hand) is read
    back as it is. The posting's ``warnings`` hold hidden text removed while reading and
    instructions addressed to an AI; ``report.doubts`` what the parser is unsure of (see
    :mod:`referral_ai.inputs.report`). Raises :class:`InputError` (unreadable) or
    :class:`ParseError` (no job title, or a language the parser does not read: the message names
    it).
    """
    saved = read_saved_posting(source)
    return with_review(saved if saved is not None else _read_posting(source, title=title))


def _read_posting(
    source: str | os.PathLike[str] | bytes, *, title: str | None = None
) -> JobPosting:
    """Read and parse a posting document (the posting reader's part of the front door)."""
    loaded = read_text(source, kind="posting")
    data = loaded.data or {}
    hint = data.get("title")
    # Structured facts the reader found (schema.org JobPosting in a page, front matter in
    # Markdown): the parser prefers them to what the prose suggests.
    facts = merge_facts(
        data.get("facts") if isinstance(data.get("facts"), dict) else None,
        data.get("front_matter") if isinstance(data.get("front_matter"), dict) else None,
        {"title": {"value": title, "source": "the title you gave", "confidence": 1.0}}
        if title and title.strip()
        else None,
    )
    return parse_posting(
        loaded.text,
        source=loaded.source,
        warnings=_all_warnings(loaded),
        title_hint=hint if isinstance(hint, str) else None,
        facts=facts,
    )


def load_resume(source: str | os.PathLike[str] | bytes) -> Resume:
    """Read a resume from a file path, bytes, text or JSON Resume and parse it.

    The resume's ``warnings`` hold hidden text removed while reading and instructions addressed to an
    AI; ``report.doubts`` what the parser is unsure of (see :mod:`referral_ai.inputs.report`).
    Raises :class:`InputError` (unreadable) or :class:`ParseError` (no work experience).
    """
    return with_review(_read_resume(source))


def _read_resume(source: str | os.PathLike[str] | bytes) -> Resume:
    """Read and parse a resume document (the resume reader's part of the front door)."""
    loaded = read_text(source, kind="resume")
    if loaded.fmt == "json" and loaded.data is not None:
        return resume_from_json_resume(
            loaded.data, source=loaded.source, text=loaded.text, warnings=_all_warnings(loaded)
        )
    layout = loaded.data.get("layout") if loaded.data else None
    return parse_resume(
        loaded.text,
        source=loaded.source,
        warnings=_all_warnings(loaded),
        layout=layout if isinstance(layout, dict) else None,
        fmt=loaded.fmt,
    )
