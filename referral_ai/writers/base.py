"""The writer protocol: anything that turns a :class:`DraftContext` into a :class:`Draft`.

Two implementations ship: :class:`referral_ai.writers.offline.OfflineWriter` (deterministic, no model) and
the OpenAI-compatible model writer. :func:`referral_ai.compose.compose` drives either one through the
validate / re-ask loop, passing the previous attempt's validator errors back as ``feedback``.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from referral_ai.models import Draft, DraftContext, DraftKind

__all__ = ["Writer"]


@runtime_checkable
class Writer(Protocol):
    """Writes one document of a given kind for one application.

    ``name`` is recorded in ``Draft.writer`` ("offline" or the model's name). ``feedback`` is the text of
    :meth:`referral_ai.models.Report.as_feedback` from a rejected previous attempt; a writer may use it to
    correct itself or ignore it, but must accept it.
    """

    name: str

    def draft(self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None) -> Draft:
        """Write a draft of ``kind`` for ``ctx`` (blocking)."""
        ...

    async def adraft(
        self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None
    ) -> Draft:
        """Write a draft of ``kind`` for ``ctx`` (asyncio)."""
        ...
