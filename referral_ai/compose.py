"""Draft, validate, re-ask: the loop that turns a writer's attempts into a draft that passes the checks.

:func:`compose` asks a :class:`~referral_ai.writers.base.Writer` for a draft, runs
:func:`referral_ai.validators.validate` on it and, while it has errors, asks again with the report's
errors as feedback (:meth:`~referral_ai.models.Report.as_feedback`), at most ``max_reasks`` times.

* The returned draft carries its ``report`` and the ``usage`` summed over every attempt.
* When every attempt fails, :class:`~referral_ai.errors.DraftRejectedError` carries the last report,
  the text of every attempt and the total usage; with ``allow_invalid=True`` the last draft is
  returned instead, its report showing the errors.
* An attempt whose output is unusable (:class:`~referral_ai.errors.ModelOutputError`: truncated even
  after the writer's own larger-``max_tokens`` retry, JSON without a body...) counts as a failed
  attempt and is re-asked with a note saying what went wrong. If no attempt produced a draft at all,
  the last such error is raised (a :class:`~referral_ai.writers.openai_writer.DraftOutputError`
  carrying the total usage when the writer reported it).
* A writer that returns exactly the same text again (the deterministic offline writer does) is not
  asked again: another attempt could not change anything.

Connection and HTTP errors (other :class:`~referral_ai.errors.ModelError` subclasses) propagate:
the retry layer has already retried them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from referral_ai.errors import DraftRejectedError, ModelOutputError
from referral_ai.models import (
    Draft,
    DraftContext,
    DraftKind,
    Fit,
    JobPosting,
    Referral,
    Report,
    Resume,
    Usage,
)
from referral_ai.style import Style
from referral_ai.writers.base import Writer

if TYPE_CHECKING:
    from referral_ai.validators.context import Prepared

__all__ = [
    "ALL_KINDS",
    "Validator",
    "acompose",
    "acompose_all",
    "build_context",
    "check_draft",
    "compose",
    "compose_all",
    "prepare_checks",
]

ALL_KINDS: tuple[DraftKind, ...] = (
    DraftKind.cover_letter,
    DraftKind.follow_up,
    DraftKind.intro_request,
    DraftKind.reminder,
)

Validator = Callable[..., Report]
"""``validate(draft, *, posting=, resume=, referral=, kind=, facts=, style=) -> Report`` (see :mod:`referral_ai.validators`)."""


def build_context(
    posting: JobPosting,
    resume: Resume,
    referral: Referral | None = None,
    *,
    salary: str | None = None,
    style: Style | None = None,
    fit: Fit | None = None,
) -> DraftContext:
    """Match ``resume`` against ``posting`` (:func:`referral_ai.matching.match`) and bundle everything.

    No ``referral`` (or ``Referral()`` without a contact) is a cold application: the follow-up goes
    to the hiring manager or recruiter, and nobody is thanked for an introduction. ``salary`` is your
    own answer for a posting that asks for salary expectations (stated verbatim, never invented);
    ``style`` the default :class:`~referral_ai.style.Style` of every draft of this context. ``fit``:
    the match of this very posting and resume, already made (a batch matches a posting once for
    every item that shares it).
    """
    from referral_ai.inputs.language import language_doubt
    from referral_ai.matching import match

    if salary is not None and not salary.strip():
        raise ValueError(
            "salary is empty; give your figure (e.g. 'USD 150,000-165,000 base') or None"
        )
    doubt = language_doubt(posting, resume)
    if doubt is not None and doubt not in resume.report.doubts:  # said where the pair is known
        report = resume.report.model_copy(update={"doubts": [*resume.report.doubts, doubt]})
        resume = resume.model_copy(update={"report": report})
    return DraftContext(
        posting=posting,
        resume=resume,
        referral=referral if referral is not None else Referral(),
        fit=fit if fit is not None else match(posting, resume),
        salary_expectations=salary.strip() if salary else None,
        style=style,
    )


def _styled(ctx: DraftContext, style: Style | Mapping[str, object] | None) -> DraftContext:
    """``ctx`` with ``style`` (a :class:`Style`, or its fields as a mapping, validated)."""
    if style is None:
        return ctx
    if isinstance(style, Mapping):
        style = Style.model_validate(style)
    if not isinstance(style, Style):
        raise TypeError(
            f"style must be a referral_ai.Style (e.g. Style(tone='warm', length=250)) or a dict of "
            f"its fields, not {type(style).__name__}"
        )
    return ctx.model_copy(update={"style": style})


def _default_validator() -> Validator:
    from referral_ai.validators import validate

    return validate


def _unusable_feedback(exc: ModelOutputError) -> str:
    return (
        "The previous answer could not be used: "
        f"{exc}. Answer with the complete JSON object only, and keep the draft within the length asked."
    )


def check_draft(
    validator: Validator,
    draft: Draft,
    ctx: DraftContext,
    kind: DraftKind,
    *,
    prepared: Prepared | None = None,
) -> Report:
    """``validator``'s report on ``draft`` of ``kind`` for ``ctx`` (its posting, resume, referral,
    the candidate's own facts and style): the one way every driver calls a validator.
    ``prepared`` (:func:`prepare_checks` of ``ctx``, for a validator that takes it, as
    :func:`referral_ai.validators.validate` does) gives those inputs keyed once for many checks."""
    if prepared is not None:
        return validator(draft, kind=kind, style=ctx.style, prepared=prepared)
    return validator(
        draft,
        posting=ctx.posting,
        resume=ctx.resume,
        referral=ctx.referral,
        kind=kind,
        facts=_facts(ctx),
        style=ctx.style,
    )


def _facts(ctx: DraftContext) -> list[str]:
    """What the candidate states besides the resume, which a check counts as grounded."""
    return [f for f in (ctx.salary_expectations,) if f]


def prepare_checks(ctx: DraftContext) -> Prepared:
    """``ctx``'s inputs prepared once for :func:`check_draft` with the default validator
    (:func:`referral_ai.validators.prepare`): for the drafts of one item and their re-asks."""
    from referral_ai.validators import prepare

    return prepare(ctx.posting, ctx.resume, ctx.referral, _facts(ctx))


@dataclass
class _Loop:
    """State of one compose run, shared by the sync and async drivers."""

    kind: DraftKind
    ctx: DraftContext
    validator: Validator
    max_reasks: int
    allow_invalid: bool
    usage: Usage = field(default_factory=Usage)
    attempts: list[str] = field(default_factory=list)
    last: Draft | None = None
    error: ModelOutputError | None = None
    feedback: str | None = None
    done: bool = False

    @property
    def budget(self) -> int:
        return self.max_reasks + 1

    def failed_output(self, exc: ModelOutputError) -> None:
        """An attempt produced no usable draft."""
        self.usage = self.usage + getattr(exc, "usage", Usage())
        self.error = exc
        self.feedback = _unusable_feedback(exc)

    def got(self, draft: Draft) -> Draft | None:
        """Validate ``draft``; return the final draft when it passes, else set up the re-ask."""
        return self.take(draft, check_draft(self.validator, draft, self.ctx, self.kind))

    def take(self, draft: Draft, report: Report) -> Draft | None:
        """``draft`` judged by ``report``: the final draft when it passes, else set up the re-ask."""
        self.usage = self.usage + draft.usage
        repeated = bool(self.attempts) and draft.text == self.attempts[-1]
        self.attempts.append(draft.text)
        notes = list(draft.notes)
        if len(self.attempts) > 1:
            notes.append(f"{len(self.attempts)} attempts")
        self.last = draft.model_copy(update={"report": report, "usage": self.usage, "notes": notes})
        self.error = None
        if report.ok:
            return self.last
        self.feedback = report.as_feedback()
        if repeated:  # the writer cannot do better: stop asking
            self.done = True
        return None

    def finish(self) -> Draft:
        """The outcome once no attempt passed."""
        if self.last is None:
            assert self.error is not None
            from referral_ai.writers.openai_writer import DraftOutputError

            if isinstance(self.error, DraftOutputError):
                self.error.usage = self.usage  # every attempt's cost, not just the last
            raise self.error
        if self.allow_invalid:
            return self.last
        report = self.last.report or Report()
        n = len(self.attempts)
        raise DraftRejectedError(
            f"the {self.kind.value.replace('_', ' ')} failed validation after {n} attempt(s): "
            + ", ".join(sorted({i.code for i in report.errors})),
            report=report,
            attempts=list(self.attempts),
            usage=self.usage,
        )


def compose(
    kind: DraftKind | str,
    ctx: DraftContext,
    writer: Writer,
    *,
    max_reasks: int = 2,
    allow_invalid: bool = False,
    validator: Validator | None = None,
    style: Style | Mapping[str, object] | None = None,
) -> Draft:
    """Draft ``kind`` with ``writer``, validate, and re-ask with feedback until it passes.

    ``kind`` may be a string (``"cover_letter"``, ``"cover letter"``, ``"follow-up"``); an unknown
    one is a ``ValueError`` listing the valid kinds (see :class:`~referral_ai.models.DraftKind`). At most ``1 + max_reasks`` writer calls. Returns the passing draft (``report`` set, ``usage``
    summed over attempts). Raises :class:`~referral_ai.errors.DraftRejectedError` when no attempt
    passes, unless ``allow_invalid`` (then the last draft is returned with its failing report).
    ``validator`` replaces :func:`referral_ai.validators.validate` (tests, custom rules). ``style``
    (a :class:`~referral_ai.style.Style`) replaces ``ctx.style`` for this draft: both writers honour
    it and the ``length`` rule checks it.
    """
    if max_reasks < 0:
        raise ValueError("max_reasks must be 0 or more")
    ctx = _styled(ctx, style)
    loop = _Loop(DraftKind(kind), ctx, validator or _default_validator(), max_reasks, allow_invalid)
    for _ in range(loop.budget):
        try:
            draft = writer.draft(loop.kind, ctx, feedback=loop.feedback)
        except ModelOutputError as exc:
            loop.failed_output(exc)
            continue
        final = loop.got(draft)
        if final is not None:
            return final
        if loop.done:
            break
    return loop.finish()


async def acompose(
    kind: DraftKind | str,
    ctx: DraftContext,
    writer: Writer,
    *,
    max_reasks: int = 2,
    allow_invalid: bool = False,
    validator: Validator | None = None,
    validate_in_thread: bool = False,
    style: Style | Mapping[str, object] | None = None,
    check: Callable[[Draft], Awaitable[Report]] | None = None,
) -> Draft:
    """Asyncio :func:`compose`, drafting with ``writer.adraft``.

    ``validate_in_thread=True`` runs the validator in a worker thread (``asyncio.to_thread``), so the
    event loop keeps serving other requests in flight meanwhile (the validator must then be safe to
    call from another thread, as :func:`referral_ai.validators.validate` is). ``check``, when given,
    is awaited for each attempt's report instead (:mod:`referral_ai.batch` validates in a worker
    process that holds the item's context; it must judge as :func:`check_draft` does).
    """
    import asyncio  # here, so importing referral_ai (and `referral-ai check`) does not load it

    if max_reasks < 0:
        raise ValueError("max_reasks must be 0 or more")
    ctx = _styled(ctx, style)
    loop = _Loop(DraftKind(kind), ctx, validator or _default_validator(), max_reasks, allow_invalid)
    for _ in range(loop.budget):
        try:
            draft = await writer.adraft(loop.kind, ctx, feedback=loop.feedback)
        except ModelOutputError as exc:
            loop.failed_output(exc)
            continue
        if check is not None:
            final = loop.take(draft, await check(draft))
        elif validate_in_thread:
            final = await asyncio.to_thread(loop.got, draft)
        else:
            final = loop.got(draft)
        if final is not None:
            return final
        if loop.done:
            break
    return loop.finish()


def compose_all(
    ctx: DraftContext,
    writer: Writer,
    kinds: Iterable[DraftKind | str] = ALL_KINDS,
    *,
    max_reasks: int = 2,
    allow_invalid: bool = False,
    validator: Validator | None = None,
    style: Style | Mapping[str, object] | None = None,
) -> dict[DraftKind, Draft]:
    """:func:`compose` each of ``kinds`` (default: all four) in order; the first rejection raises."""
    return {
        DraftKind(k): compose(
            k,
            ctx,
            writer,
            max_reasks=max_reasks,
            allow_invalid=allow_invalid,
            validator=validator,
            style=style,
        )
        for k in kinds
    }


async def acompose_all(
    ctx: DraftContext,
    writer: Writer,
    kinds: Iterable[DraftKind | str] = ALL_KINDS,
    *,
    max_reasks: int = 2,
    allow_invalid: bool = False,
    validator: Validator | None = None,
    style: Style | Mapping[str, object] | None = None,
) -> dict[DraftKind, Draft]:
    """:func:`acompose` each of ``kinds`` concurrently; raises the first error after all finish."""
    wanted = [DraftKind(k) for k in kinds]
    jobs: list[Awaitable[Draft]] = [
        acompose(
            k,
            ctx,
            writer,
            max_reasks=max_reasks,
            allow_invalid=allow_invalid,
            validator=validator,
            style=style,
        )
        for k in wanted
    ]
    import asyncio

    results = await asyncio.gather(*jobs, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return {k: r for k, r in zip(wanted, results, strict=True) if isinstance(r, Draft)}
