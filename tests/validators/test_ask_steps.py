"""generic-ask in named steps: whose request, what it asks for, whether it binds to one job, statements."""

from __future__ import annotations

import pytest

from referral_ai.validators import classify_ask, find_generic_asks

# step 1: only the writer's own requests count (hits: the writer asks; near-misses: someone else's words)
STEP1 = [
    ("Could you put in a good word for me?", True),
    ("He called me up and asked if I could put in a good word for him at work.", False),
    ("Would you keep me in mind if anything opens up?", True),
    ("You shouldn't inquire about a job or if they know of any openings.", False),
    ("You should keep me in mind for any openings!", True),
    ("It's not about getting a job, it's to get advice.", False),
    ("I see you have some job openings that you are making decisions on.", False),
    ("I saw an opening on your team and wondered if you could help.", True),
    (
        "If you're told, \u201cwe're not hiring now,\u201d it's not up to someone else to call you.",
        False,
    ),
]


@pytest.mark.parametrize(("sentence", "generic"), STEP1)
def test_step1_only_the_writers_request_counts(sentence: str, generic: bool) -> None:
    v = classify_ask(sentence)
    assert v.generic is generic
    if not generic:
        assert v.step.startswith("1")


# step 2: what is asked for (a referral / word put in / interview / work with no job named)
STEP2 = [
    ("Would you be able to refer me please", True),
    ("Would you vouch for me?", True),
    ("Would you feel comfortable telling your hiring manager about me?", True),
    ("Could you help me get an interview at Spark Foundry?", True),
    ("Would you have 15 minutes for a quick call this week?", False),
    ("Could you send me the slides from your talk?", False),
    ("Would you be open to connecting?", False),
]


@pytest.mark.parametrize(("sentence", "generic"), STEP2)
def test_step2_what_the_sentence_asks_for(sentence: str, generic: bool) -> None:
    v = classify_ask(sentence)
    assert v.generic is generic
    if generic:
        assert v.step.startswith("2") and v.pattern and v.matched


# step 3: binding to one job turns a vague ask into a specific one
STEP3 = [
    ("Could you refer me for the Backend Engineer role?", False),
    ("Could you please refer me for the Senior Backend Engineer role? Job ID JR-48210.", False),
    ("I'd be grateful if you could refer me for the role.", False),
    ("Could you refer me for a role on your team?", True),
    ("Could you refer me for a job opening at your company?", True),
]


@pytest.mark.parametrize(("sentence", "generic"), STEP3)
def test_step3_binding_to_one_job(sentence: str, generic: bool) -> None:
    assert classify_ask(sentence).generic is generic


# step 4: a job-seeking statement counts only when the email has no specific ask
STEP4 = [
    ("I'm seeking a new role. Thanks for reading.", 1),
    ("I might be interested in a new challenge. Let me know which day suits you.", 1),
    ("I'm seeking a new role. Could you refer me for the Data Analyst role (Req 4410)?", 0),
    ("I've been busy looking for another job. I'd be a strong candidate for this position.", 0),
    ("Looking for a referral at your company", 1),
]


@pytest.mark.parametrize(("email", "n"), STEP4)
def test_step4_statements_count_only_without_a_specific_ask(email: str, n: int) -> None:
    issues = find_generic_asks(email)
    assert len(issues) == n
    if n:
        assert "step 4" in issues[0].message or "step 2" in issues[0].message


QUOTED = [
    ("Thanks for the intro!\n\nOn Tue, Dana wrote:\n> Keep me in mind if anything opens up.\n", 0),
    ("Thanks!\n> Let me know if any openings come up.\n", 0),
    ("Let me know if any openings come up.\n\nOn Tue, Dana wrote:\n> Sure.\n", 1),
]


@pytest.mark.parametrize(("email", "n"), QUOTED)
def test_quoted_reply_chain_is_not_the_writers(email: str, n: int) -> None:
    assert len(find_generic_asks(email)) == n


def test_issue_names_step_and_pattern() -> None:
    (issue,) = find_generic_asks("Please keep me in mind if anything opens up.")
    assert "step 2" in issue.message and "pattern vague-ask#" in issue.message


# step 3 also binds: a capitalised title after "a"/"an", a named group referred back to, a pronoun for the
# job an earlier sentence named
BINDS = [
    ("I'd love to be considered for a Senior Data Engineer position at Northwind.", False),
    ("Could you refer me for a Product Designer role at Figma?", False),
    ("Could you refer me for a Data role at Figma?", True),
    ("Could you refer me for a Data Science team role?", True),
    ("Would you refer me for either of the two roles above?", False),
    ("Could you refer me for both of those positions?", False),
    ("Could you refer me to any of the roles on your team?", True),
    ("Would you be willing to introduce me to the hiring manager about it?", False),
]


@pytest.mark.parametrize(("sentence", "generic"), BINDS)
def test_step3_more_ways_to_bind(sentence: str, generic: bool) -> None:
    assert classify_ask(sentence).generic is generic


# a referral in other words, and help (a forward, an introduction) that counts only when the email names no job
OTHER_WORDS = [
    ("Would you be willing to speak up for me with the hiring manager?", 1),
    ("Could you name me as your referral when I apply?", 1),
    ("Could you introduce me to the hiring manager?", 1),
    ("I saw the Data Analyst role (R-4410). Could you introduce me to the hiring manager?", 0),
    ("Could you forward my resume to the team lead?", 1),
    (
        "I applied for the Data Analyst role (R-4410). Could you forward my resume to the team lead?",
        0,
    ),
    ("I was laid off last month and am looking for work.", 1),
    ("I'd be grateful if you could vouch for me for the Data Analyst role (R-4410).", 0),
]


@pytest.mark.parametrize(("email", "n"), OTHER_WORDS)
def test_asks_in_other_words(email: str, n: int) -> None:
    assert len(find_generic_asks(email)) == n


MORE = [
    ("I think I'd be a great fit at your company.", True),
    ("I think I'd be a great fit for the Data Analyst role (R-4410).", False),
    ("Would you be open to a 15-minute call to discuss how I might contribute to your team?", True),
    ("I'm happy to help out friends, and friends of friends, in their job search.", False),
    ("Has anyone here received a referral request from a stranger?", False),
    ("Could you give me a referral?", True),
]


@pytest.mark.parametrize(("sentence", "generic"), MORE)
def test_fit_claims_calls_and_other_peoples_jobs(sentence: str, generic: bool) -> None:
    assert classify_ask(sentence).generic is generic


def test_every_issue_on_the_real_sets_names_its_step_and_pattern() -> None:
    import json
    import re
    from pathlib import Path

    from referral_ai.validators.asks import (
        STEP_ASKS,
        STEP_SPEAKER,
        STEP_STATEMENT,
        generic_ask_findings,
    )

    data = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
    texts = [
        json.loads(line)["text"]
        for path in sorted(data.glob("asks-real*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    findings = [f for t in texts for f in generic_ask_findings(t)]
    assert len(findings) > 50
    steps = set()
    for issue, verdict in findings:
        assert verdict.step in (STEP_SPEAKER, STEP_ASKS, STEP_STATEMENT), verdict
        assert re.fullmatch(r"[a-z-]+(?:#\d+)?", verdict.pattern), verdict
        assert f"step {verdict.step}, pattern {verdict.pattern})" in issue.message
        steps.add(verdict.step[0])
    assert steps >= {"2", "4"}  # asks and statements both fire on real text


# shapes from the third real set (asks-real3), made-up sentences of the same shape: hits and near-misses
SLOTS = [
    # a template's slot for the job title names one job (step 3)
    ("Could you pass my resume along to the hiring manager for the [Job Title] opening?", False),
    ("I'd be grateful for a referral to the {{position}} role.", False),
    ("Would you refer me for the position of {}?", False),
    ("I spotted the (Role Name) opening and hope you'd put in a referral.", False),
    # ... but not a slot for a kind of job, nor one before a plural
    ("I'm hoping to find [Type of role] work at your company, could you refer me?", True),
    ("I'm exploring {role} opportunities and would love a referral.", True),
    ("I'm a [title] by trade, would you refer me?", True),
    # a titled job at no particular employer is a family of jobs
    ("I'm hunting for a Staff Platform Engineer role at a late-stage startup.", True),
    ("I'm hunting for a Staff Platform Engineer role at Northwind Logistics.", False),
]


@pytest.mark.parametrize(("sentence", "generic"), SLOTS)
def test_title_slots_and_titles_at_no_particular_employer(sentence: str, generic: bool) -> None:
    assert classify_ask(sentence).generic is generic


REAL3_SHAPES = [
    # a job-seeking statement that names the job it is about
    ("I've been exploring new roles and spotted the Payroll Analyst opening (R-2231).", False),
    ("I've been exploring new roles and would love to hear about any at your firm.", True),
    ("I found your name while researching openings at Northwind.", True),
    ("I'm researching options for a new database.", False),
    # the writer's own search is a statement, a third party's need is an ask
    ("Not sure if it helps, but I'm looking for analyst roles in Leeds.", True),
    ("Do you know if anyone on your team is looking for analysts?", True),
    # "referring me" with no job
    ("Would you feel okay referring me?", True),
    ("Would you feel okay referring me for the Payroll Analyst role?", False),
    # a call to discuss how the writer fits, no job named
    ("Open to discussing how I could bring my analytics chops to your group?", True),
    ("Open to discussing how I could bring my analytics chops to the Payroll Analyst role?", False),
    ("If there's a group where this background might fit, I'd love a pointer.", True),
    ("I'd love a pointer on where this background is most valued in the industry.", False),
    # "your next hire" is the job being filled now; "new hires" are any
    ("Could we chat about what you want in your next hire?", False),
    ("Could we chat about what you look for in new hires?", True),
    # wanting in, or value claimed for a team, with no job named
    ("Really keen to join your analytics team.", True),
    ("I'm hoping to get on board with you all!", True),
    ("My background could add value to your research group.", True),
    ("I'd love to join your team's webinar next week.", False),
    ("I'd love to join the team for lunch on Friday.", False),
    ("This tool could add value to your team's workflow.", False),
]


@pytest.mark.parametrize(("sentence", "generic"), REAL3_SHAPES)
def test_statements_calls_and_teams_from_the_third_real_set(sentence: str, generic: bool) -> None:
    assert classify_ask(sentence).generic is generic


NOT_MINE = [
    # step 1: an offer of people, the reader's own search, a condition with nobody asking, a note
    ("Glad to introduce you to a couple of strong designers if you're ever hiring.", False),
    (
        "Happy to connect you with my old team lead, and if you're hiring, I'd love to be considered.",
        True,
    ),
    ("I hear you're still looking for a marketing job?", False),
    ("I'm still looking for a marketing job, know of anything?", True),
    ("If your team is hiring designers, the portfolio review form closes Friday.", False),
    ("If your team is hiring designers, please pass my name along.", True),
    ("If any roles in your group open up, please forward them.", True),
    ("If anything opens up on your side, keep an eye out for me.", True),
    ("If anything opens up, keep an eye out.", True),
    ("Promised to forward my CV to their talent team.", False),
    ("Could you forward my CV to your talent team?", True),
]


@pytest.mark.parametrize(("sentence", "generic"), NOT_MINE)
def test_offers_other_searches_bare_conditions_and_notes(sentence: str, generic: bool) -> None:
    v = classify_ask(sentence)
    assert v.generic is generic
    if not generic and v.step:
        assert v.step.startswith("1"), v


EMAIL_LEVEL = [
    # a bare referral, one unnamed opening, or a search statement count only when the email names no job
    ("I applied for the Payroll Analyst role (R-2231). Would you feel okay referring me?", 0),
    ("Would you feel okay referring me?", 1),
    (
        "I spotted an opening at Northwind that I'd love to apply for. "
        "Here is the posting: https://jobs.northwind.example/2231",
        0,
    ),
    ("I spotted an opening at Northwind that I'd love to apply for.", 1),
    (
        "I'm exploring new opportunities this spring. Could you refer me for the Payroll Analyst role (R-2231)?",
        0,
    ),
    ("I'm exploring new opportunities this spring. Any advice?", 1),
    # an ask about unspecified jobs still counts beside a named one
    (
        "I applied for the Payroll Analyst role (R-2231). Please keep me in mind for anything else too.",
        1,
    ),
]


@pytest.mark.parametrize(("email", "n"), EMAIL_LEVEL)
def test_unnamed_help_and_statements_are_judged_by_the_whole_email(email: str, n: int) -> None:
    assert len(find_generic_asks(email)) == n
