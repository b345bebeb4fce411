"""Each scoring rule of the matcher with a hit and a near miss, the overall verdict, and how a poor fit
is said: plainly in the offline letter and follow-up, and printed by ``fit`` and in the notebook view."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from referral_ai.cli import main
from referral_ai.compose import build_context
from referral_ai.matching import (
    MIN_SCORE,
    SKILLS_CAP,
    degree_level,
    fit_verdict,
    match,
    normalize,
    soft_skill,
    term_weight,
    verdict_summary,
)
from referral_ai.models import (
    DraftKind,
    Evidence,
    Fit,
    JobPosting,
    Referral,
    RequirementMatch,
    Resume,
    Role,
)
from referral_ai.word_rarity import informativeness
from referral_ai.writers.offline import OfflineWriter

from .conftest import TODAY

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _best(requirement: str, bullets: list[str], **resume: object) -> Evidence | None:
    posting = JobPosting(title="Role", requirements=[requirement])
    cv = Resume.model_validate(
        {"roles": [Role(employer="Acme", title="Clerk", bullets=bullets)], **resume}
    )
    evidence = match(posting, cv, today=TODAY).matches[0].evidence
    return evidence[0] if evidence else None


# --------------------------------------------------------------------------- term weighting


def test_term_weight_follows_general_english_not_the_documents() -> None:
    assert term_weight("team") < 0.3 and term_weight("support") < 0.3  # everyday words
    assert term_weight("phlebotomi") == 1.0  # not in the table: rarer than its rarest word
    assert term_weight("venipunctur") == 1.0
    assert 0.6 < term_weight("python") <= 1.0
    assert informativeness("the", str) < 0.1


def test_common_words_in_common_are_not_evidence() -> None:
    # near miss: "team", "support" and "data" are shared, nothing else
    assert _best("Support the team with data requests", ["Supported the sales team's data"]) is None
    # hit: the rare words of the requirement are in the line
    hit = _best(
        "Phlebotomy and venipuncture for outpatients",
        ["Performed venipuncture and phlebotomy for 30 patients a day"],
    )
    assert hit is not None and hit.score >= 0.6
    assert set(normalize("phlebotomy venipuncture")) <= set(hit.matched_terms)


def test_one_rare_word_alone_is_not_evidence_for_a_longer_item() -> None:
    # near miss: only "assimilation" is shared with a five-term item
    assert (
        _best(
            "Extend the assimilation system to remote sensing inputs",
            ["Led the cultural assimilation workshop"],
        )
        is None
    )
    # hit: two of its rarer terms
    assert (
        _best(
            "Extend the assimilation system to remote sensing inputs",
            ["Built a data assimilation pipeline for remote sensing products"],
        )
        is not None
    )


def test_a_shared_phrase_counts_more_than_the_same_words_apart() -> None:
    req = "User research for content design"
    together = _best(req, ["Led content design for the benefits service"])
    assert together is not None and together.score >= MIN_SCORE
    # near miss: the same two words, not as the phrase, are too little in common
    assert _best(req, ["Led the design of content for the benefits service"]) is None


# --------------------------------------------------------------------------- keys and alternatives


def test_a_resume_skill_is_a_required_key_only_when_it_is_a_rare_word() -> None:
    posting = JobPosting(
        title="Analyst", requirements=["Protect patient records under HIPAA and PHI rules"]
    )
    # "Protection" is a resume skill, but a common word: it does not stand in for HIPAA
    resume = Resume(
        skills=["Web Application Protection"],
        roles=[Role(employer="F5", bullets=["Sold web app protection to hospitals"])],
    )
    assert match(posting, resume, today=TODAY).gaps == [posting.requirements[0]]
    # hit: the line names the key term itself
    resume = Resume(roles=[Role(employer="F5", bullets=["Audited patient records for HIPAA"])])
    assert match(posting, resume, today=TODAY).gaps == []


def test_an_allowed_alternative_need_not_be_named() -> None:
    hit = _best("Experience with Looker or another BI semantic layer", ["Built Looker dashboards"])
    assert hit is not None and hit.score >= 0.6
    # near miss: the alternative's words alone, without the tool, are no evidence
    assert (
        _best("Experience with Looker or another BI semantic layer", ["Defined a semantic layer"])
        is None
    )


# --------------------------------------------------------------------------- sections


def test_a_skills_entry_is_at_most_partial_and_only_for_what_it_names() -> None:
    posting = JobPosting(
        title="Dev",
        requirements=["Strong Python for data pipelines", "Excellent communication skills"],
    )
    resume = Resume(skills=["Python", "Communication"])
    python, talk = match(posting, resume, today=TODAY).matches
    assert python.met and python.evidence[0].section == "skills"
    assert python.evidence[0].score <= SKILLS_CAP
    assert not talk.met  # "Communication" in a list shows nothing


def test_an_education_entry_evidences_a_degree_not_a_duty() -> None:
    posting = JobPosting(title="Analyst", requirements=["Analyse statistics for research projects"])
    resume = Resume.model_validate(
        {"education": [{"institution": "UW", "degree": "B.S.", "field": "Statistics"}]}
    )
    assert match(posting, resume, today=TODAY).gaps == posting.requirements


# --------------------------------------------------------------------------- requirement kinds


def test_degree_levels() -> None:
    assert degree_level("PhD in Biomedical Sciences") == 4
    assert degree_level("a doctoral degree in ecology") == 4
    assert degree_level("Masters degree in engineering") == 3
    assert degree_level("you must have a bachelor\u2019s degree or equivalent") == 2
    assert degree_level("Associate\u2019s degree, St. Charles") == 1
    assert degree_level("Proficiency in MS Office") == 0  # not a master's
    assert degree_level("MS Statistics, UVic", education=True) == 3
    assert degree_level("Five years of nursing") == 0


def _degree_fit(requirement: str, degree: str, field: str) -> RequirementMatch:
    posting = JobPosting(title="Postdoc", requirements=[requirement])
    resume = Resume.model_validate(
        {
            "education": [{"institution": "State University", "degree": degree, "field": field}],
            "roles": [Role(employer="Lab", bullets=["Wrote my PhD thesis on statistics"])],
        }
    )
    return match(posting, resume, today=TODAY).matches[0]


def test_a_degree_is_met_by_that_degree_or_a_higher_one_from_education() -> None:
    same = _degree_fit("PhD in statistics or a related field", "Ph.D.", "Statistics")
    assert same.met and same.evidence[0].section == "education" and same.strength == "strong"
    other = _degree_fit("PhD in statistics or a related field", "Ph.D.", "Accountancy")
    assert other.met and other.strength == "partial"  # the degree, not the field
    # near miss: a bachelor's for a doctorate, and a role bullet that mentions a PhD
    lower = _degree_fit("PhD in statistics or a related field", "B.S.", "Statistics")
    assert not lower.met
    higher = _degree_fit("Bachelor's degree in statistics", "M.S.", "Statistics")
    assert higher.met


def test_soft_skills_are_recognised() -> None:
    assert soft_skill("Excellent communication and organizational skills.")
    assert soft_skill("Ability to work in a team.")
    assert soft_skill("Very good written and oral English language skills.")
    assert not soft_skill("Communication of results in Python notebooks")  # names a tool
    assert not soft_skill("Production experience with dbt")


# --------------------------------------------------------------------------- verdict


def _fit(*scores: float | None) -> Fit:
    return Fit(
        matches=[
            RequirementMatch(
                requirement=f"req {i}",
                evidence=[] if s is None else [Evidence(text=f"line {i}", score=s)],
            )
            for i, s in enumerate(scores)
        ]
    )


def test_verdict_bands() -> None:
    assert fit_verdict(_fit(0.9, 0.8, None, 0.5)) == "strong"
    assert fit_verdict(_fit(0.9, None, None, None)) == "partial"
    assert fit_verdict(_fit(0.36, None, None, None, None)) == "poor"
    assert fit_verdict(_fit(None, None)) == "poor"
    assert fit_verdict(Fit()) == "unknown"
    assert Fit().verdict == "unknown"
    assert verdict_summary(_fit(0.9, None, None)) == (
        "partial fit: 1 of 3 requirements evidenced, 1 strongly"
    )
    assert verdict_summary(_fit(None, None)) == (
        "poor fit: 0 of 2 requirements evidenced, none strongly"
    )
    assert verdict_summary(Fit()).startswith("fit unknown")
    # a trait is not weighed: one strong requirement of two, not of three
    traits = _fit(0.9, None)
    traits.matches.append(RequirementMatch(requirement="Excellent communication skills"))
    assert fit_verdict(traits) == "strong"
    assert verdict_summary(traits) == (
        "strong fit: 1 of 2 requirements evidenced, 1 strongly "
        "(1 trait such as communication not weighed)"
    )


def test_the_sample_pair_is_a_strong_fit(sample_posting: JobPosting, sample_resume: Resume) -> None:
    fit = match(sample_posting, sample_resume, today=TODAY)
    assert fit.verdict == "strong"
    assert all(e.score >= MIN_SCORE for m in fit.matches for e in m.evidence)


# --------------------------------------------------------------------------- said plainly

_POOR_RESUME = Resume(
    name="Ada Stone",
    roles=[
        Role(
            title="Golf Course Manager",
            employer="Pine Club",
            start="2015",
            end="Present",
            bullets=[
                "Managed the greens crew of 12 through the summer season",
                "Wrote SQL queries against the booking system",
            ],
        )
    ],
)


def _drafts(resume: Resume, referral: Referral) -> dict[DraftKind, str]:
    from referral_ai.inputs import load_posting

    posting = load_posting(EXAMPLES / "posting.md")
    ctx = build_context(posting, resume, referral)
    return {k: OfflineWriter().draft(k, ctx).body for k in DraftKind}


@pytest.mark.parametrize("referral", [Referral(contact="Dana Whitfield"), Referral()])
def test_a_poor_fit_is_said_plainly_and_not_padded(referral: Referral) -> None:
    drafts = _drafts(_POOR_RESUME, referral)
    letter = drafts[DraftKind.cover_letter]
    assert "To be plain about the fit: of what you ask for, my resume does not show" in letter
    assert "4+ years in analytics engineering" in letter  # the unmet requirement it names
    # one line of evidence at most (the SQL one); the crew line evidences nothing and is not used
    assert letter.count("You ask for") <= 1
    assert "greens crew" not in letter
    assert "To be plain about the fit" in drafts[DraftKind.follow_up]


def test_a_strong_fit_is_not_called_poor() -> None:
    from referral_ai.inputs import load_resume

    drafts = _drafts(load_resume(EXAMPLES / "resume.md"), Referral(contact="Dana Whitfield"))
    assert all("To be plain about the fit" not in body for body in drafts.values())


def test_the_fit_command_prints_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fit", str(EXAMPLES / "posting.md"), str(EXAMPLES / "resume.md")])
    out = capsys.readouterr().out
    assert code == 0
    first = out.splitlines()[0]
    assert "strong fit:" in first and "of 6 requirements evidenced" in first


def test_the_notebook_view_leads_with_the_verdict() -> None:
    tree = lxml.html.fromstring(_fit(None, None)._repr_html_())
    verdict = tree.find_class("ra-verdict")[0]
    assert "ra-fit-poor" in verdict.get("class", "")
    assert verdict.text_content() == "Poor fit: 0 of 2 requirements evidenced, none strongly"


# --------------------------------------------------------------------------- skills the posting names


@pytest.mark.parametrize(
    ("skills", "named"),
    [
        (["Python", "Kubernetes"], ["Python", "Kubernetes"]),  # tools the posting names
        (["End user support"], []),  # its words are in the posting, but apart
        (["Technical support"], ["Technical support"]),  # the posting says it, in this order
        (["Support", "Team"], []),  # everyday words say nothing even when the posting uses them
        (["Ruby"], []),  # a tool the posting does not name
    ],
)
def test_matched_skills_are_named_by_the_posting_not_assembled_from_its_words(
    skills: list[str], named: list[str]
) -> None:
    posting = JobPosting(
        title="Support Engineer",
        text="You will support the team, help each end of the product and every user. "
        "Technical support experience with Python and Kubernetes.",
        requirements=["Technical support experience with Python and Kubernetes"],
    )
    cv = Resume.model_validate(
        {"roles": [Role(employer="Acme", title="Clerk", bullets=["Did things"])], "skills": skills}
    )
    assert match(posting, cv, today=TODAY).matched_skills == named
