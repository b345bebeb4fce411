"""acompose(validate_in_thread=True): the validator runs off the event loop, with the same outcome."""

from __future__ import annotations

import asyncio
import threading

import pytest

from referral_ai.compose import acompose
from referral_ai.errors import DraftRejectedError
from referral_ai.models import Draft, DraftContext, DraftKind, Issue, Report, Severity
from referral_ai.writers.offline import OfflineWriter


def test_validator_runs_in_a_worker_thread_and_the_draft_passes(sample_ctx: DraftContext) -> None:
    seen: list[int] = []

    def validator(draft: Draft, **_: object) -> Report:
        seen.append(threading.get_ident())
        return Report()

    async def run() -> tuple[Draft, int]:
        draft = await acompose(
            DraftKind.follow_up,
            sample_ctx,
            OfflineWriter(),
            validator=validator,
            validate_in_thread=True,
        )
        return draft, threading.get_ident()

    draft, loop_thread = asyncio.run(run())
    assert draft.report is not None and draft.report.ok
    assert seen and all(t != loop_thread for t in seen)


def test_rejection_is_the_same_in_a_worker_thread(sample_ctx: DraftContext) -> None:
    def fails(draft: Draft, **_: object) -> Report:
        return Report(
            issues=[Issue(code="generic-ask", severity=Severity.error, message="generic")]
        )

    for in_thread in (False, True):
        with pytest.raises(DraftRejectedError) as info:
            asyncio.run(
                acompose(
                    DraftKind.follow_up,
                    sample_ctx,
                    OfflineWriter(),
                    validator=fails,
                    validate_in_thread=in_thread,
                )
            )
        # the offline writer repeats itself, so the loop stops after the second identical attempt
        assert len(info.value.attempts) == 2
        assert [i.code for i in info.value.report.errors] == ["generic-ask"]
