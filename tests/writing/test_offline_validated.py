"""The validators (another module) accept every offline draft: the offline writer is the baseline."""

from __future__ import annotations

import pytest

from referral_ai.models import DraftContext, DraftKind
from referral_ai.validators import validate
from referral_ai.writers.offline import OfflineWriter


@pytest.mark.parametrize("kind", list(DraftKind))
@pytest.mark.parametrize("fixture", ["matched_ctx", "sample_ctx", "many_materials_ctx"])
def test_offline_drafts_have_no_validator_errors(
    kind: DraftKind, fixture: str, writer: OfflineWriter, request: pytest.FixtureRequest
) -> None:
    ctx: DraftContext = request.getfixturevalue(fixture)
    draft = writer.draft(kind, ctx)
    report = validate(draft, posting=ctx.posting, resume=ctx.resume, referral=ctx.referral)
    if ctx.resume.name:
        assert report.errors == [], str(report)
    else:  # a resume with no name: the draft would go out unsigned, and only that is wrong
        assert {i.code for i in report.errors} == {"unsigned"}, str(report)
