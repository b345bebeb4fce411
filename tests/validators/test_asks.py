"""generic-ask: unspecified-job asks are errors; asks about one named job and non-asks are not."""

from __future__ import annotations

import pytest

from referral_ai.models import JobPosting, Severity
from referral_ai.validators import find_generic_asks, is_generic_ask, names_specific_role

GENERIC = [
    "Let me know if any openings come up.",
    "Please keep me in mind if anything opens up on your side.",
    "Could you pass my resume along to whoever handles hiring?",
    "I'm interested in any engineering roles you might have.",
    "Do you know of anything in marketing that I could apply for?",
    "I would love to work at Contoso in any capacity.",
    "What kinds of roles is your team looking to fill this year?",
    "Is your company hiring at the moment?",
    "If there's an opening on the data side, I'd be thrilled to hear about it.",
    "Could you keep an eye out for any product management opportunities for me?",
    "I'm open to anything at Fabrikam.",
    "Would you forward my CV to your recruiting team in case there's a match?",
    "Do you know anyone at Initech who is looking for engineers?",
    "Would your manager be hiring again soon?",
    "If your team ever expands, I'd love to be the first call.",
    "Would you happen to know of jobs in your department?",
    "Could you get my resume in front of your recruiting team?",
]
SPECIFIC = [
    "Would you be willing to forward my application for the Senior Data Engineer role (Req 4821) to the hiring manager?",
    "Could you put in a word for me for the Account Executive, Mid-Market role in Chicago?",
    "Would you be comfortable recommending me to the recruiter for the Operations Analyst role on the logistics team?",
    "Could you refer me for the Site Reliability Engineer opening, requisition R-10293?",
    "I'd be grateful if you could pass my materials for the Junior Copywriter role (https://careers.example.com/jobs/7731) to Marcus.",
    "Please keep me in mind for the Senior Accountant role (Req 30219).",
]
NONE = [
    "Happy to answer any questions about my fit for the Senior Data Engineer role.",
    "I'm excited about the opportunities the new Austin office will create for the payments team.",
    "Please let me know if any of the attached files don't open.",
    "Thank you so much for the introduction, Sam.",
    "If anything in my resume is unclear, I'm glad to explain.",
    "Is there anything I should know about the hiring process?",
    "I'm open to any feedback on how I present my experience.",
    "Whatever you think is best for the referral form works for me.",
    "I sent my application to the hiring manager yesterday.",
    "Could you tell me who the recruiter is?",
    "Could you share how long the hiring process usually takes?",
    "Would you pass this along to the hiring manager for the position?",
    "I'd be thrilled to contribute to a team that is growing this fast.",
    "I'd love to help as your company is growing.",
    "My resume and cover letter for the role are attached.",
    "",
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [(s, ["generic-ask"]) for s in GENERIC] + [(s, []) for s in SPECIFIC + NONE],
)
def test_generic_ask_table(sentence: str, expected: list[str]) -> None:
    assert [i.code for i in find_generic_asks(sentence)] == expected
    assert is_generic_ask(sentence) is bool(expected)


def test_span_covers_the_generic_sentence_only() -> None:
    text = "Thanks for the intro, Sam. Please keep me in mind for any roles. Talk soon."
    (issue,) = find_generic_asks(text)
    assert text[issue.start : issue.end] == "Please keep me in mind for any roles."
    assert issue.severity is Severity.error
    assert issue.target == "body"
    assert "any roles" in issue.message


def test_suggestion_names_the_exact_posting(sample_posting: JobPosting) -> None:
    (issue,) = find_generic_asks("Let me know about any openings at Northwind.", sample_posting)
    assert (
        "the Senior Data Engineer role (Req R-4821, https://careers.northwind.example/jobs/4821)"
        in issue.suggestion
    )


def test_posting_title_makes_a_vague_ask_specific(sample_posting: JobPosting) -> None:
    sentence = "Please keep me in mind for the senior data engineer opening."
    assert is_generic_ask(sentence)  # lower-case title, no posting: not recognisably one job
    assert not is_generic_ask(sentence, sample_posting)


def test_a_named_role_does_not_excuse_asking_for_any_other_role(sample_posting: JobPosting) -> None:
    sentence = "I applied for the Senior Data Engineer role, but I'm open to any other roles too."
    assert is_generic_ask(sentence, sample_posting)


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("the Product Designer II opening", True),
        ("the Data Scientist, Growth application", True),
        ("job ID 22-0417", True),
        ("see https://jobs.example.com/1", True),
        ("the Marketing team", False),
        ("the Clinical Research Coordinator team", True),
        ("any role in marketing", False),
    ],
)
def test_names_specific_role(sentence: str, named: bool) -> None:
    assert names_specific_role(sentence) is named


# wordings by kind of ask, beyond the table above: text-speak, formal British, a third party's need,
# a role family by likeness, a referral "for anything", a wish with no role in mind
GENERIC_WORDINGS = [
    "lmk if ur team is hiring",
    "r u guys hiring rn?",
    "hey could u put in a good word for me w/ ur recruiter? open to whatever",
    "Should any opportunities arise within your department, I would be delighted to be considered.",
    "I wondered whether your firm might be recruiting graduates this autumn.",
    "Might there be scope for someone with my experience in your team?",
    "Does your company take on interns?",
    "Would your department have any need of a lab technician next term?",
    "Would you be open to referring me for roles like yours?",
    "Happy to be referred for anything at Google, honestly.",
    "I'd be much obliged if you could put my name forward for whatever might be appropriate.",
    "Anything remote would be amazing.",
    "got any contract work going at the moment?",
    "When your team next opens headcount, could you let me know?",
    "Any chance you could get me an interview at Shopify?",
    "Would it be possible to be referred without a specific posting?",
    "would be super grateful if u could pass my cv around",
    "if ur boss ever needs a data person pls think of me",
    "Would there be any harm in you sharing my CV with your team leads?",
    "Who's still hiring on your side?",
    "Please keep your ears open for me.",
    "Could you let HR know I'm interested?",
    "Could you have a word with your line manager about taking me on?",
    "Mind if I send you my CV in case something turns up?",
    "tbh id take anything at figma lol",
    "I'd appreciate hearing about any hiring plans your group has for next quarter.",
    "Should your team find itself short-staffed, I'd be happy to step in.",
    "I'm keen to hear about graduate schemes at your firm.",
]
NOT_GENERIC_WORDINGS = [
    "Keep me posted on the Staff Engineer (R-99) decision.",
    "I saw the team is hiring for the Staff Engineer role and applied.",
    "I'd love a chance to interview for the Associate Product Manager role (APM-2025).",
    "If the role is still open, would you refer me?",
    "When I was hiring at Globex, I reviewed hundreds of applicants.",
    "Let me know if you need help with anything on your end.",
    "Would you be willing to introduce me to the hiring manager about it?",
    "I would welcome the opportunity to interview with your team.",
    "I'm hiring a contractor to redo my kitchen, funnily enough.",
    "The opening keynote was great.",
    "Any questions, let me know.",
    "I have experience in R and SQL, and I'd love your advice on the portfolio.",
    "Let me know if anything with the referral form is unclear.",
    "Your team's recent hiring announcement on LinkedIn was great to see.",
    "Let me know if you need a person to contact for references.",
    "If you're in a position to help, I'd be grateful.",
    "Applicants must provide copies of relevant certifications (if applicable) and a current resume.",
    "I hope the hiring sprint hasn't been too exhausting.",
    "If you need someone to speak at your meetup, I'd be glad to help.",
    "Is there a job id 4410 on the posting?",
    "Whatever time suits you is fine by me.",
    "Could you take a second pair of eyes to my cover letter for the Data Analyst role (R-2231)?",
]


@pytest.mark.parametrize("sentence", GENERIC_WORDINGS)
def test_generic_wordings(sentence: str) -> None:
    assert is_generic_ask(sentence), sentence


@pytest.mark.parametrize("sentence", NOT_GENERIC_WORDINGS)
def test_not_generic_wordings(sentence: str) -> None:
    assert not is_generic_ask(sentence), sentence


def test_text_speak_message_quotes_the_spelled_out_words() -> None:
    (issue,) = find_generic_asks("Thanks!! lmk if ur team is hiring")
    assert issue.start == len("Thanks!! ")
    assert "is hiring" in issue.message


@pytest.mark.parametrize("title", ["Registered Nurse - Other", "Other Healthcare Support Worker"])
def test_the_postings_own_title_is_never_an_unspecified_job(title: str) -> None:
    # a job board's category word ("Other") inside the given title is the job's name, not a quantifier
    posting = JobPosting(title=title, text=f"{title}\n\nWe are hiring.")
    letter = f"I am writing about the {title} position. Would you refer me for the {title} role?"
    assert find_generic_asks(letter, posting) == []
    # near miss: a quantifier outside the title is still generic
    (issue,) = find_generic_asks(
        f"Could you refer me for the {title} role or any other roles?", posting
    )
    assert issue.code == "generic-ask"
    assert not find_generic_asks(issue.suggestion or "", posting)  # its fix line passes
