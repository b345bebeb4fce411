"""What a rule found, before it becomes a :class:`~referral_ai.models.Issue`, and the one printed form
of a list of them.

The rules build plain :class:`Finding` records (no pydantic, so ``referral-ai check`` starts without
loading the models); :func:`~referral_ai.validators.validate` and the public rule functions turn them
into ``Issue`` objects at the API boundary. :func:`report_text` is what both ``str(report)`` and
``referral-ai check`` print.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from referral_ai.kinds import Severity

if TYPE_CHECKING:
    from referral_ai.models import Issue

__all__ = ["Finding", "IssueLike", "report_text", "shorten", "to_issues"]

Target = Literal["body", "subject", "posting", "resume"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a rule found: the fields of :class:`~referral_ai.models.Issue`, without validation."""

    code: str
    severity: Severity
    message: str
    start: int = 0
    end: int = 0
    suggestion: str = ""
    target: Target = "body"

    def issue(self) -> Issue:
        """The :class:`~referral_ai.models.Issue` with these fields (built without validating them
        again: a rule's finding is valid by construction)."""
        from referral_ai.models import Issue

        return Issue.model_construct(
            code=self.code,
            severity=self.severity,
            message=self.message,
            start=self.start,
            end=self.end,
            suggestion=self.suggestion,
            target=self.target,
        )


def to_issues(findings: Iterable[Finding]) -> list[Issue]:
    """``findings`` as :class:`~referral_ai.models.Issue` objects, in order."""
    return [f.issue() for f in findings]


class IssueLike(Protocol):
    """What :func:`report_text` reads of an issue (a :class:`Finding` or an ``Issue``)."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def message(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def suggestion(self) -> str: ...
    @property
    def target(self) -> Target: ...


def shorten(value: str | None, limit: int = 60) -> str | None:
    """``value`` cut to ``limit`` characters (with an ellipsis), for short reprs."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1].rstrip() + "\u2026"


def _quoted(issue: IssueLike, checked: Mapping[str, tuple[str, int, int]]) -> str:
    text_span = checked.get(issue.target)
    if text_span is None or issue.end <= issue.start:
        return issue.target
    text, start, end = text_span
    if issue.start <= start and issue.end >= len(text[:end].rstrip()):
        return f"the whole {issue.target}"
    words = " ".join(text[issue.start : issue.end].split())
    return f"{issue.target} \u201c{shorten(words, 60)}\u201d"


def report_text(
    issues: Sequence[IssueLike], checked: Mapping[str, tuple[str, int, int]] | None = None
) -> str:
    """The report as a person reads it: one line per issue (severity, code, the words it is about,
    message, then its fix), and the counts. ``checked`` maps a target to (text, start, end of the
    target's part of it), what the spans index (see :attr:`~referral_ai.models.Report.checked_texts`);
    without it an issue names only its target."""
    if not issues:
        return "No issues found."
    shown = checked or {}
    rows = [
        f"{i.severity.value:<7} {i.code:<22} {_quoted(i, shown)}: {i.message}"
        + (f"\n        fix: {i.suggestion}" if i.suggestion else "")
        for i in issues
    ]
    errors = sum(1 for i in issues if i.severity is Severity.error)
    return "\n".join(rows) + f"\n{errors} error(s), {len(issues) - errors} warning(s)"
