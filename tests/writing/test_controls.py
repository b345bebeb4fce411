"""The controls people reach for: Style, cold applications, salary, and the offline wording slips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

import referral_ai as ra
from referral_ai.style import length_bounds
from referral_ai.validators._text import word_count
from referral_ai.validators.rules import LENGTH_LIMITS, check_length

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / "posting.md"
RESUME = ROOT / "examples" / "resume.md"


@pytest.fixture(scope="module")
def posting() -> ra.JobPosting:
    return ra.load_posting(POSTING)


@pytest.fixture(scope="module")
def resume() -> ra.Resume:
    return ra.load_resume(RESUME)


@pytest.fixture
def ctx(posting: ra.JobPosting, resume: ra.Resume) -> ra.DraftContext:
    return ra.build_context(posting, resume, ra.Referral(contact="Dana", introducer="Sam Ortiz"))


def letter(ctx: ra.DraftContext, style: ra.Style | None = None) -> ra.Draft:
    return ra.compose("cover letter", ctx, ra.OfflineWriter(), style=style, allow_invalid=True)


# --------------------------------------------------------------------------- Style


def test_style_enums_take_any_case_and_list_the_valid_values() -> None:
    assert ra.Style(tone="Warm", formality="CASUAL").tone is ra.Tone.warm
    with pytest.raises(ValidationError) as exc:
        ra.Style(tone="angry")
    message = str(exc.value)
    assert "unknown tone 'angry'" in message
    assert all(repr(t.value) in message for t in ra.Tone)
    with pytest.raises(ValidationError, match="valid: 'formal', 'neutral', 'casual'"):
        ra.Style(formality="stiff")


@pytest.mark.parametrize("length", [0, 59, 1001])
def test_a_length_outside_the_range_is_refused(length: int) -> None:
    with pytest.raises(ValidationError, match="length"):
        ra.Style(length=length)


def test_the_voice_sample_is_never_in_the_repr() -> None:
    style = ra.Style(voice_sample="I keep my private diary in plain text.")
    assert "diary" not in repr(style) and "diary" not in str(style)
    assert "voice_sample=<" in repr(style)


@pytest.mark.parametrize("target", [120, 180, 260])
def test_offline_cover_letter_lands_near_the_length_asked(
    ctx: ra.DraftContext, target: int
) -> None:
    draft = letter(ctx, ra.Style(length=target))
    low, high = length_bounds(target)
    assert low <= word_count(draft.body) <= high
    assert draft.report is not None and "length" not in draft.report.codes()


def test_lengths_change_the_offline_letter(ctx: ra.DraftContext) -> None:
    short, long = letter(ctx, ra.Style(length=120)), letter(ctx, ra.Style(length=260))
    assert word_count(short.body) < word_count(long.body)


def test_a_length_the_evidence_cannot_reach_is_reported_not_padded(ctx: ra.DraftContext) -> None:
    draft = letter(ctx, ra.Style(length=900))
    assert draft.report is not None
    issue = next(i for i in draft.report.issues if i.code == "length")
    assert "about 900" in issue.message and issue.severity is ra.Severity.warning


def test_length_rule_checks_target_plus_or_minus_tolerance() -> None:
    low, high = length_bounds(200)
    kind = ra.DraftKind.cover_letter
    assert check_length(" ".join(["w"] * 200), kind, 200) == []
    assert check_length(" ".join(["w"] * low), kind, 200) == []
    assert check_length(" ".join(["w"] * high), kind, 200) == []
    assert "at least" in check_length(" ".join(["w"] * (low - 1)), kind, 200)[0].message
    assert "under" in check_length(" ".join(["w"] * (high + 1)), kind, 200)[0].message
    # without a style length a short letter is fine, and the kind's limit holds
    assert check_length(" ".join(["w"] * 50), kind) == []
    assert check_length(" ".join(["w"] * (LENGTH_LIMITS[kind] + 1)), kind)


def test_for_emails_the_length_is_an_upper_bound() -> None:
    kind = ra.DraftKind.follow_up
    assert check_length(" ".join(["w"] * 30), kind, 100) == []  # short is fine
    assert check_length(" ".join(["w"] * 101), kind, 100)
    # never above the kind's own limit
    assert check_length(" ".join(["w"] * (LENGTH_LIMITS[kind] + 1)), kind, 900)


def test_validate_takes_the_style(posting: ra.JobPosting) -> None:
    text = "Dear Dana,\n\n" + " ".join(["word"] * 80) + "\n\nSincerely,\nRiley Chen"
    plain = ra.validate(text, posting=posting, kind="cover_letter")
    styled = ra.validate(text, posting=posting, kind="cover_letter", style=ra.Style(length=300))
    assert "length" not in plain.codes() and "length" in styled.codes()


@pytest.mark.parametrize("tone", list(ra.Tone))
def test_each_tone_closes_the_letter_differently_and_passes(
    ctx: ra.DraftContext, tone: ra.Tone
) -> None:
    draft = letter(ctx, ra.Style(tone=tone))
    assert draft.report is not None and draft.report.ok, draft.report
    closings = {
        t: letter(ctx, ra.Style(tone=t)).body.split("\n\n")[-2].rsplit(". ", 1)[-1] for t in ra.Tone
    }
    assert len(set(closings.values())) == len(ra.Tone)
    assert "Senior Analytics Engineer role (BH-2417)" in closings[tone]  # the ask names the role


@pytest.mark.parametrize("tone", list(ra.Tone))
def test_each_tone_asks_for_the_referral_without_a_generic_ask(
    ctx: ra.DraftContext, tone: ra.Tone
) -> None:
    for kind in ("follow_up", "reminder"):
        draft = ra.compose(kind, ctx, ra.OfflineWriter(), style=ra.Style(tone=tone))
        assert draft.report is not None and draft.report.ok
        assert re.search(
            r"refer(?:ring)? me for the Senior Analytics Engineer role \(BH-2417\)", draft.body
        )


def test_formality_sets_the_greeting_and_closing(ctx: ra.DraftContext) -> None:
    formal = ra.compose("follow_up", ctx, ra.OfflineWriter(), style=ra.Style(formality="formal"))
    casual = ra.compose("cover_letter", ctx, ra.OfflineWriter(), style=ra.Style(formality="casual"))
    assert formal.body.startswith("Dear Dana,") and "Kind regards,\nRiley Chen" in formal.body
    assert casual.body.startswith("Hi Dana") and "Best,\nRiley Chen" in casual.body
    default = ra.compose("cover_letter", ctx, ra.OfflineWriter())
    assert default.body.startswith("Dear Dana Whitfield,") and "Sincerely," in default.body


def test_offline_says_it_does_not_imitate_a_voice(ctx: ra.DraftContext) -> None:
    draft = letter(ctx, ra.Style(voice_sample="Short sentences. I like them."))
    assert any("voice sample" in n for n in draft.notes)
    assert "Short sentences" not in draft.body


def test_an_email_over_the_style_length_is_shortened(ctx: ra.DraftContext) -> None:
    full = ra.compose("follow_up", ctx, ra.OfflineWriter())
    n = word_count(full.body)
    short = ra.compose(
        "follow_up", ctx, ra.OfflineWriter(), style=ra.Style(length=n - 5), allow_invalid=True
    )
    assert word_count(short.body) < n
    assert "refer me for the Senior Analytics Engineer role (BH-2417)" in short.body


# --------------------------------------------------------------------------- cold applications


@pytest.mark.parametrize("referral", [None, ra.Referral(), ra.Referral(contact=None)])
def test_a_cold_application_drafts_every_kind_without_errors(
    posting: ra.JobPosting, resume: ra.Resume, referral: ra.Referral | None
) -> None:
    ctx = ra.build_context(posting, resume, referral)
    assert ctx.cold
    drafts = ra.compose_all(ctx, ra.OfflineWriter())
    for d in drafts.values():
        assert d.report is not None and d.report.ok, (d.kind, d.report)
        assert "introduc" not in d.body.lower() or d.kind is ra.DraftKind.intro_request
        assert "None" not in d.text


def test_the_cold_follow_up_goes_to_the_hiring_contact_and_asks_about_the_role(
    posting: ra.JobPosting, resume: ra.Resume
) -> None:
    ctx = ra.build_context(posting, resume)
    d = ra.compose("follow_up", ctx, ra.OfflineWriter())
    assert posting.contact == "Dana Whitfield"
    assert d.to == "Dana Whitfield" and d.body.startswith("Dear Dana Whitfield,")
    assert d.subject and d.subject.startswith("Application for Senior Analytics Engineer (BH-2417)")
    assert "refer" not in d.body.lower() and "thank" not in d.body.lower().split("\n\n")[1]
    assert "conversation about the Senior Analytics Engineer role (BH-2417)" in d.body
    assert d.blurb is None  # nobody forwards it
    reminder = ra.compose("reminder", ctx, ra.OfflineWriter())
    assert "my application for" in reminder.body and "refer" not in reminder.body.lower()


def test_without_any_hiring_contact_the_cold_follow_up_greets_the_hiring_manager(
    posting: ra.JobPosting, resume: ra.Resume
) -> None:
    ctx = ra.build_context(posting.model_copy(update={"contact": None}), resume)
    d = ra.compose("follow_up", ctx, ra.OfflineWriter())
    assert d.body.startswith("Dear Hiring Manager,") and d.to is None


def test_generic_ask_still_bites_in_a_cold_email(posting: ra.JobPosting) -> None:
    text = "Subject: Application\n\nDear Hiring Manager,\n\nPlease keep me in mind for any openings.\n\nRiley Chen"
    report = ra.validate(text, posting=posting, referral=ra.Referral())
    assert "generic-ask" in report.codes()


# --------------------------------------------------------------------------- salary


def test_salary_given_to_build_context_is_stated_where_the_posting_asks(
    posting: ra.JobPosting, resume: ra.Resume
) -> None:
    assert any(m.material is ra.Material.salary_expectations for m in posting.required_materials)
    ctx = ra.build_context(posting, resume, salary="USD 150,000-165,000 base")
    assert ctx.salary_expectations == "USD 150,000-165,000 base"
    drafts = ra.compose_all(ctx, ra.OfflineWriter(), kinds=["cover_letter", "follow_up"])
    assert "My salary expectation is USD 150,000-165,000 base." in drafts["cover_letter"].body
    assert "Salary expectations: USD 150,000-165,000 base" in drafts["follow_up"].body
    assert all(d.report is not None and d.report.ok for d in drafts.values())


def test_no_salary_means_no_figure_and_an_honest_promise(
    posting: ra.JobPosting, resume: ra.Resume
) -> None:
    body = ra.compose("cover_letter", ra.build_context(posting, resume), ra.OfflineWriter()).body
    assert "I will include my salary expectations in my application, as the posting asks." in body
    assert "$" not in body and "USD" not in body


def test_a_blank_salary_is_a_clear_error(posting: ra.JobPosting, resume: ra.Resume) -> None:
    with pytest.raises(ValueError, match="salary is empty"):
        ra.build_context(posting, resume, salary="  ")


# --------------------------------------------------------------------------- wording slips


def test_the_contact_the_posting_names_in_full_is_one_person(ctx: ra.DraftContext) -> None:
    # referral contact "Dana", posting contact "Dana Whitfield": not "Sam introduced me to Dana"
    body = ra.compose("cover_letter", ctx, ra.OfflineWriter()).body
    assert body.startswith("Dear Dana Whitfield,")
    assert "introduced me to Dana" not in body
    assert "Sam Ortiz suggested I reach out to you about" in body


def test_a_different_contact_is_still_named(posting: ra.JobPosting, resume: ra.Resume) -> None:
    ctx = ra.build_context(posting, resume, ra.Referral(contact="Lee Park", introducer="Sam Ortiz"))
    body = ra.compose("cover_letter", ctx, ra.OfflineWriter()).body
    assert body.startswith("Dear Dana Whitfield,")
    assert "Sam Ortiz introduced me to Lee Park" in body


def test_the_forwardable_blurb_does_not_point_at_a_posting_its_reader_never_saw(
    ctx: ra.DraftContext,
) -> None:
    for kind in ("follow_up", "intro_request"):
        d = ra.compose(kind, ctx, ra.OfflineWriter())
        assert d.blurb and "posting" not in d.blurb.lower()
        assert "Riley's skills include" in d.blurb


def test_the_missing_material_message_reads_for_plural_materials(posting: ra.JobPosting) -> None:
    report = ra.validate("Subject: x\n\nHi Dana,\n\nHello.\n\nRiley Chen", posting=posting)
    messages = [i.message for i in report.issues if i.code == "missing-material"]
    assert any("requires your salary expectations" in m for m in messages)
    assert not any("requires a salary" in m for m in messages)


def test_compose_takes_a_style_dict_and_refuses_anything_else(ctx: ra.DraftContext) -> None:
    draft = ra.compose("cover_letter", ctx, ra.OfflineWriter(), style={"tone": "warm"})
    assert "could we find a time?" in draft.body
    with pytest.raises(TypeError, match=r"style must be a referral_ai.Style"):
        ra.compose("cover_letter", ctx, ra.OfflineWriter(), style="warm")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="unknown tone"):
        ra.compose("cover_letter", ctx, ra.OfflineWriter(), style={"tone": "grumpy"})


@pytest.mark.parametrize("kind", ["follow_up", "intro_request"])
@pytest.mark.parametrize("cold", [False, True])
def test_every_email_with_a_blurb_or_proofs_shortens_for_a_style_length(
    posting: ra.JobPosting, resume: ra.Resume, kind: str, cold: bool
) -> None:
    referral = None if cold else ra.Referral(contact="Dana", introducer="Sam Ortiz")
    ctx = ra.build_context(posting, resume, referral)
    n = word_count(ra.compose(kind, ctx, ra.OfflineWriter()).body)
    short = ra.compose(
        kind, ctx, ra.OfflineWriter(), style=ra.Style(length=n - 5), allow_invalid=True
    )
    assert word_count(short.body) < n
    assert short.report is not None and not short.report.errors
