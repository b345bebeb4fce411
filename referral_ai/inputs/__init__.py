"""Reading postings and resumes: one module per format, the posting and resume parsers, materials
and injected-instruction detection.

The front doors are :func:`load_posting` and :func:`load_resume` (any supported input → parsed
model); :func:`read_text` gives the visible text only. The formats are one table,
:mod:`referral_ai.inputs.formats`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from referral_ai._lazy import lazy_exports as _lazy_exports

if TYPE_CHECKING:
    from referral_ai.inputs.json_resume import json_resume_text, resume_from_json_resume
    from referral_ai.inputs.load import load_posting, load_resume
    from referral_ai.inputs.loaded import MAX_INPUT_BYTES, MAX_TEXT_CHARS, Loaded
    from referral_ai.inputs.posting import parse_posting
    from referral_ai.inputs.reading import read_text
    from referral_ai.inputs.resume import parse_resume

# Imported on first use, so that a light submodule (``formats``, ``report``) does not load every
# reader; no public name here is also a submodule's name.
_LAZY = {
    "MAX_INPUT_BYTES": "referral_ai.inputs.loaded",
    "MAX_TEXT_CHARS": "referral_ai.inputs.loaded",
    "Loaded": "referral_ai.inputs.loaded",
    "json_resume_text": "referral_ai.inputs.json_resume",
    "load_posting": "referral_ai.inputs.load",
    "load_resume": "referral_ai.inputs.load",
    "parse_posting": "referral_ai.inputs.posting",
    "parse_resume": "referral_ai.inputs.resume",
    "read_text": "referral_ai.inputs.reading",
    "resume_from_json_resume": "referral_ai.inputs.json_resume",
}


__getattr__, __dir__ = _lazy_exports(__name__, _LAZY, globals())


__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_TEXT_CHARS",
    "Loaded",
    "json_resume_text",
    "load_posting",
    "load_resume",
    "parse_posting",
    "parse_resume",
    "read_text",
    "resume_from_json_resume",
]
