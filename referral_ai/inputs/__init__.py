"""Reading postings and resumes: one module per format, the posting and resume parsers, materials
and injected-instruction detection.

The front doors are :func:`load_posting` and :func:`load_resume` (any supported input → parsed
model); :func:`read_text` gives the visible text only. The formats are one table,
:mod:`referral_ai.inputs.formats`.
"""

from referral_ai.inputs.json_resume import json_resume_text, resume_from_json_resume
from referral_ai.inputs.load import load_posting, load_resume
from referral_ai.inputs.loaded import MAX_INPUT_BYTES, MAX_TEXT_CHARS, Loaded
from referral_ai.inputs.posting import parse_posting
from referral_ai.inputs.reading import read_text
from referral_ai.inputs.resume import parse_resume

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
