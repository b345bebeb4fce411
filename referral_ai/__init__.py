"""referral_ai: turn an introduction into a referral.

From a job posting and a resume, write a tailored cover letter and a specific-role follow-up email
(plus the request-for-introduction and reminder emails), check them against the referral advice,
and export them as .docx / .eml / Markdown::

    import referral_ai as ra

    posting = ra.load_posting("posting.pdf")
    resume = ra.load_resume("resume.docx")
    ctx = ra.build_context(posting, resume, ra.Referral(contact="Dana Whitfield", introducer="Sam"))
    drafts = ra.compose_all(ctx, ra.OfflineWriter())          # or ra.OpenAIWriter(model=...)
    ra.write_letter_docx(drafts[ra.DraftKind.cover_letter], ctx, "cover-letter.docx")

The model-facing names (``OpenAIWriter``, ``run_batch``, ``diagnose``) are imported on first use, so
the offline path never pays for importing the openai SDK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from referral_ai.compose import acompose, acompose_all, build_context, compose, compose_all
from referral_ai.errors import (
    BudgetError,
    DraftRejectedError,
    InputError,
    ModelConnectionError,
    ModelError,
    ModelHTTPError,
    ModelOutputError,
    OutputError,
    OutputExistsError,
    ParseError,
    ReferralAIError,
    TemplateError,
)
from referral_ai.export.docx import write_email_docx, write_letter_docx
from referral_ai.export.eml import build_eml, write_eml
from referral_ai.export.text import to_markdown, to_plain
from referral_ai.inputs import load_posting, load_resume, parse_posting, parse_resume
from referral_ai.inputs.materials import extract_materials
from referral_ai.matching import match
from referral_ai.models import (
    Attachment,
    Doubt,
    Draft,
    DraftContext,
    DraftKind,
    FieldNote,
    Fit,
    Identifier,
    Issue,
    JobPosting,
    Material,
    MaterialRequirement,
    ParseReport,
    Referral,
    Report,
    Resume,
    Severity,
    Usage,
)
from referral_ai.validators import RULES, draft_from_text, validate
from referral_ai.writers.base import Writer
from referral_ai.writers.offline import OfflineWriter

if TYPE_CHECKING:
    from referral_ai.batch import run_batch
    from referral_ai.doctor import diagnose
    from referral_ai.writers.openai_writer import OpenAIWriter

__version__ = "0.1.0"

__all__ = [  # noqa: RUF022 - plain sorted(), guarded by tests/test_exported_members.py
    "Attachment",
    "BudgetError",
    "Doubt",
    "Draft",
    "DraftContext",
    "DraftKind",
    "DraftRejectedError",
    "FieldNote",
    "Fit",
    "Identifier",
    "InputError",
    "Issue",
    "JobPosting",
    "Material",
    "MaterialRequirement",
    "ModelConnectionError",
    "ModelError",
    "ModelHTTPError",
    "ModelOutputError",
    "OfflineWriter",
    "OpenAIWriter",
    "OutputError",
    "OutputExistsError",
    "ParseError",
    "ParseReport",
    "RULES",
    "Referral",
    "ReferralAIError",
    "Report",
    "Resume",
    "Severity",
    "TemplateError",
    "Usage",
    "Writer",
    "__version__",
    "acompose",
    "acompose_all",
    "build_context",
    "build_eml",
    "compose",
    "compose_all",
    "diagnose",
    "draft_from_text",
    "extract_materials",
    "load_posting",
    "load_resume",
    "match",
    "parse_posting",
    "parse_resume",
    "run_batch",
    "to_markdown",
    "to_plain",
    "validate",
    "write_email_docx",
    "write_eml",
    "write_letter_docx",
]

_LAZY = {
    "OpenAIWriter": "referral_ai.writers.openai_writer",
    "run_batch": "referral_ai.batch",
    "diagnose": "referral_ai.doctor",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'referral_ai' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
