"""The fixed kinds of referral_ai: materials an application asks for, the documents it writes, how
serious an issue is.

Plain enums without pydantic, so what only checks a text (``referral-ai check``) starts without
loading the models; :mod:`referral_ai.models` re-exports them.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["FILE_MATERIALS", "DraftKind", "Material", "Severity"]


class Material(str, Enum):
    """Something an application asks the candidate to send."""

    resume = "resume"
    cv = "cv"
    cover_letter = "cover_letter"
    portfolio = "portfolio"
    writing_sample = "writing_sample"
    code_sample = "code_sample"
    references = "references"
    reference_letters = "reference_letters"
    transcripts = "transcripts"
    teaching_statement = "teaching_statement"
    research_statement = "research_statement"
    diversity_statement = "diversity_statement"
    salary_expectations = "salary_expectations"
    application_form = "application_form"
    screening_questions = "screening_questions"
    certifications = "certifications"
    work_authorization = "work_authorization"
    availability = "availability"
    video = "video"

    @property
    def label(self) -> str:
        """Human wording, e.g. ``"writing sample"``."""
        return _MATERIAL_LABELS.get(self, self.value.replace("_", " "))


_MATERIAL_LABELS: dict[Material, str] = {
    Material.cv: "CV",
    Material.references: "references (names and contact details)",
    Material.reference_letters: "reference letters",
    Material.salary_expectations: "salary expectations",
    Material.screening_questions: "answers to the screening questions",
    Material.work_authorization: "work authorization",
}


FILE_MATERIALS: frozenset[Material] = frozenset(
    {
        Material.resume,
        Material.cv,
        Material.cover_letter,
        Material.portfolio,
        Material.writing_sample,
        Material.code_sample,
        Material.reference_letters,
        Material.transcripts,
        Material.teaching_statement,
        Material.research_statement,
        Material.diversity_statement,
        Material.video,
    }
)
"""Materials sent as files (or links) with the application; the rest are answers or notes."""


class DraftKind(str, Enum):
    """The documents referral_ai writes.

    ``DraftKind(value)`` is the one parser of kinds, and every function taking a kind accepts a
    string: case, spaces and hyphens do not matter (``"cover_letter"``, ``"Cover letter"``,
    ``"cover-letter"``); an unknown kind is a ``ValueError`` listing the valid ones.
    """

    cover_letter = "cover_letter"
    follow_up = "follow_up"
    intro_request = "intro_request"
    reminder = "reminder"

    @classmethod
    def _missing_(cls, value: object) -> DraftKind:
        if isinstance(value, str) and len(value) <= 40:
            key = "".join(ch for ch in value.lower() if ch.isalnum())
            for kind in cls:
                if kind.value.replace("_", "") == key:
                    return kind
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        valid = ", ".join(repr(k.value) for k in cls)
        raise ValueError(
            f"unknown kind {shown}; valid kinds: {valid} (spaces or hyphens also work, "
            "e.g. 'cover letter')"
        )


class Severity(str, Enum):
    """``error`` blocks sending; ``warning`` informs."""

    error = "error"
    warning = "warning"
