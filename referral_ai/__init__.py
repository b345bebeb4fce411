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

Every public name is imported on first use (so ``referral-ai check`` starts without loading the
parsers, the exporters or the openai SDK).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from referral_ai._lazy import keep_over_submodules as _keep_over_submodules
from referral_ai._lazy import lazy_exports as _lazy_exports

if TYPE_CHECKING:
    from referral_ai.batch import run_batch
    from referral_ai.compose import acompose, acompose_all, build_context, compose, compose_all
    from referral_ai.doctor import diagnose
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
    from referral_ai.estimate import DocumentEstimate, Estimate, estimate
    from referral_ai.export.docx import write_email_docx, write_letter_docx
    from referral_ai.export.eml import build_eml, write_eml
    from referral_ai.export.plan import OutputPlan, plan_outputs, write_outputs
    from referral_ai.export.reword import Rewording, reword_resume
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
    from referral_ai.style import Formality, Style, Tone
    from referral_ai.validators import RULES, draft_from_text, validate
    from referral_ai.writers.base import Writer
    from referral_ai.writers.offline import OfflineWriter
    from referral_ai.writers.openai_writer import OpenAIWriter

__version__ = "0.1.0"

__all__ = [  # noqa: RUF022 - plain sorted(), guarded by tests/test_exported_members.py
    "Attachment",
    "BudgetError",
    "DocumentEstimate",
    "Doubt",
    "Draft",
    "DraftContext",
    "DraftKind",
    "DraftRejectedError",
    "Estimate",
    "FieldNote",
    "Fit",
    "Formality",
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
    "OutputPlan",
    "ParseError",
    "ParseReport",
    "RULES",
    "Referral",
    "ReferralAIError",
    "Report",
    "Resume",
    "Rewording",
    "Severity",
    "Style",
    "TemplateError",
    "Tone",
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
    "estimate",
    "extract_materials",
    "load_posting",
    "load_resume",
    "match",
    "parse_posting",
    "parse_resume",
    "plan_outputs",
    "reword_resume",
    "run_batch",
    "to_markdown",
    "to_plain",
    "validate",
    "write_email_docx",
    "write_eml",
    "write_letter_docx",
    "write_outputs",
]

# Every public name is imported on first use: `import referral_ai` (and so every command line start-up)
# pays only for what it touches.
_LAZY = {
    "Attachment": "referral_ai.models",
    "BudgetError": "referral_ai.errors",
    "Doubt": "referral_ai.models",
    "Draft": "referral_ai.models",
    "DraftContext": "referral_ai.models",
    "DraftKind": "referral_ai.models",
    "DraftRejectedError": "referral_ai.errors",
    "FieldNote": "referral_ai.models",
    "Fit": "referral_ai.models",
    "Identifier": "referral_ai.models",
    "InputError": "referral_ai.errors",
    "Issue": "referral_ai.models",
    "JobPosting": "referral_ai.models",
    "Material": "referral_ai.models",
    "MaterialRequirement": "referral_ai.models",
    "ModelConnectionError": "referral_ai.errors",
    "ModelError": "referral_ai.errors",
    "ModelHTTPError": "referral_ai.errors",
    "ModelOutputError": "referral_ai.errors",
    "OfflineWriter": "referral_ai.writers.offline",
    "OutputError": "referral_ai.errors",
    "OutputExistsError": "referral_ai.errors",
    "ParseError": "referral_ai.errors",
    "ParseReport": "referral_ai.models",
    "RULES": "referral_ai.validators",
    "Referral": "referral_ai.models",
    "ReferralAIError": "referral_ai.errors",
    "Report": "referral_ai.models",
    "Resume": "referral_ai.models",
    "Rewording": "referral_ai.export.reword",
    "Severity": "referral_ai.models",
    "TemplateError": "referral_ai.errors",
    "Usage": "referral_ai.models",
    "Writer": "referral_ai.writers.base",
    "acompose": "referral_ai.compose",
    "acompose_all": "referral_ai.compose",
    "build_context": "referral_ai.compose",
    "build_eml": "referral_ai.export.eml",
    "compose": "referral_ai.compose",
    "compose_all": "referral_ai.compose",
    "draft_from_text": "referral_ai.validators",
    "extract_materials": "referral_ai.inputs.materials",
    "load_posting": "referral_ai.inputs",
    "load_resume": "referral_ai.inputs",
    "match": "referral_ai.matching",
    "parse_posting": "referral_ai.inputs",
    "parse_resume": "referral_ai.inputs",
    "reword_resume": "referral_ai.export.reword",
    "to_markdown": "referral_ai.export.text",
    "to_plain": "referral_ai.export.text",
    "validate": "referral_ai.validators",
    "write_email_docx": "referral_ai.export.docx",
    "write_eml": "referral_ai.export.eml",
    "write_letter_docx": "referral_ai.export.docx",
    "OutputPlan": "referral_ai.export.plan",
    "plan_outputs": "referral_ai.export.plan",
    "write_outputs": "referral_ai.export.plan",
    "OpenAIWriter": "referral_ai.writers.openai_writer",
    "run_batch": "referral_ai.batch",
    "diagnose": "referral_ai.doctor",
    "DocumentEstimate": "referral_ai.estimate",
    "Estimate": "referral_ai.estimate",
    "estimate": "referral_ai.estimate",
    "Formality": "referral_ai.style",
    "Style": "referral_ai.style",
    "Tone": "referral_ai.style",
}


__getattr__, __dir__ = _lazy_exports(__name__, _LAZY, globals())
# the functions ``compose`` and ``estimate`` share their names with submodules: loading such a module must
# not replace the function
_keep_over_submodules(__name__, {"compose", "estimate"})
