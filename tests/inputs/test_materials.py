"""materials.extract_materials / mentioned_materials: asks, negations, optional, alternatives, dedup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referral_ai.inputs.materials import extract_materials, mentioned_materials, split_sentences
from referral_ai.models import Material as M

REQ, OPT = True, False

# Sentences written for these tests (not in benchmarks/data/materials.jsonl).
CASES: list[tuple[str, dict[M, bool]]] = [
    (
        "Please submit a CV, a cover letter and three references.",
        {M.cv: REQ, M.cover_letter: REQ, M.references: REQ},
    ),
    ("Portfolio required.", {M.portfolio: REQ}),
    ("Writing sample (optional).", {M.writing_sample: OPT}),
    (
        "No cover letter needed, answer the screening questions instead.",
        {M.screening_questions: REQ},
    ),
    ("A cover letter is not required.", {}),
    ("Have three referees send letters.", {M.reference_letters: REQ}),
    ("Include your salary expectations.", {M.salary_expectations: REQ}),
    ("You must be authorized to work in the US.", {}),
    # pay-transparency boilerplate states the employer's range; it asks the applicant nothing
    ("The expected salary range for this role is $90,000 to $120,000.", {}),
    ("This range represents the expected salary range for new hires in Colorado.", {}),
    ("The expected base salary for this position is $75k, plus equity.", {}),
    ("Please state your expected salary range.", {M.salary_expectations: REQ}),
    (
        "Applicants must submit proof of eligibility to work in the United States.",
        {M.work_authorization: REQ},
    ),
    (
        "Send your resume highlighting your experience, plus a portfolio.",
        {M.resume: REQ, M.portfolio: REQ},
    ),
    (
        "To be considered, email your CV and a brief statement of interest.",
        {M.cv: REQ, M.cover_letter: REQ},
    ),
    (
        "We kindly request a resume and two references; cover letters are optional.",
        {M.resume: REQ, M.references: REQ, M.cover_letter: OPT},
    ),
    ("A portfolio is a must.", {M.portfolio: REQ}),
    ("Please share 2-3 samples of your writing, ideally published.", {M.writing_sample: REQ}),
    ("No need to send a CV - your LinkedIn profile is enough.", {}),
    ("Candidates should be prepared to provide references if shortlisted.", {}),
    (
        "Applicants who do not include salary requirements will not be considered.",
        {M.salary_expectations: REQ},
    ),
    ("Letters of reference are not necessary at this stage.", {}),
    ("You will build a portfolio of B2B accounts.", {}),
    (
        "Please let us know your expected salary and notice period.",
        {M.salary_expectations: REQ, M.availability: REQ},
    ),
    (
        "Submit the following: (1) cover letter, (2) CV, (3) teaching philosophy statement.",
        {M.cover_letter: REQ, M.cv: REQ, M.teaching_statement: REQ},
    ),
    ("Must have a valid driver's license.", {}),
    ("The program resumes in January after the holiday break.", {}),
    ("Optional - a short video telling us about yourself.", {M.video: OPT}),
    ("Official transcripts will be required before an offer is made.", {}),
    ("Experience writing research proposals is essential.", {}),
    (
        "Please complete the application form and attach copies of your certificates.",
        {M.application_form: REQ, M.certifications: REQ},
    ),
    (
        "To apply, submit a letter of introduction, your resume, a copy of your teaching credential, "
        "and three letters of recommendation.",
        {M.cover_letter: REQ, M.resume: REQ, M.certifications: REQ, M.reference_letters: REQ},
    ),
    ("Include your teaching credential.", {M.certifications: REQ}),
    ("Candidates must hold a valid teaching credential.", {}),
    (
        "Research statement and DEI statement are welcome.",
        {M.research_statement: OPT, M.diversity_statement: OPT},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_extract_materials(text: str, expected: dict[M, bool]) -> None:
    got = {r.material: r.required for r in extract_materials(text)}
    assert got == expected
    for req in extract_materials(text):
        assert req.source == text  # the posting's own sentence


def test_alternatives_are_one_requirement() -> None:
    [req] = extract_materials("Please include a portfolio or a code sample.")
    assert req.material is M.portfolio and req.required
    assert req.alternatives == [M.code_sample]
    [req] = extract_materials("Send a resume/CV to jobs@acme.example.")
    assert req.material is M.resume and req.alternatives == [M.cv]


def test_negated_list_drops_every_item() -> None:
    assert extract_materials("Please do not send a cover letter or references.") == []


def test_dedup_required_wins_and_keeps_source_sentence() -> None:
    text = (
        "References are optional at first. Later in this posting: please submit three references."
    )
    reqs = extract_materials(text)
    assert [(r.material, r.required) for r in reqs] == [(M.references, True)]
    assert reqs[0].source == "Later in this posting: please submit three references."


def test_apply_section_bullets_and_hard_wrapped_lines() -> None:
    text = (
        "Senior Designer\n\nRequirements\n- 5 years of product design\n- A strong portfolio of shipped work\n\n"
        "How to apply\n- Resume\n- Portfolio link\n- Writing sample (optional)\n\n"
        "Questions? Please send them\nto the recruiter along with your salary expectations.\n"
    )
    got = {r.material: r.required for r in extract_materials(text)}
    assert got == {
        M.resume: REQ,
        M.portfolio: REQ,
        M.writing_sample: OPT,
        M.salary_expectations: REQ,
    }


def test_split_sentences_tracks_headings() -> None:
    units = list(split_sentences("# How to apply\nSend a CV. Add a note.\n- Portfolio\n"))
    assert units == [
        ("Send a CV.", "How to apply", False),
        ("Add a note.", "How to apply", False),
        ("Portfolio", "How to apply", True),
    ]


MENTIONS: list[tuple[str, set[M]]] = [
    ("Attached are my resume and portfolio.", {M.resume, M.cv, M.portfolio}),
    ("My salary expectation is $140k.", {M.salary_expectations}),
    ("My references: Ana Ruiz (ana@example.com).", {M.references}),
    ("I've answered the screening questions.", {M.screening_questions}),
    ("Code: https://github.com/jlee/kit", {M.code_sample}),
    ("I don't have a portfolio yet.", set()),
    ("I can start in March.", {M.availability}),
    ("I'm excited about the Staff Writer role.", set()),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS, ids=[m[0][:30] for m in MENTIONS])
def test_mentioned_materials(text: str, expected: set[M]) -> None:
    assert mentioned_materials(text) == expected


def test_benchmark_set_is_well_formed_and_large_enough() -> None:
    path = Path(__file__).parents[2] / "benchmarks" / "data" / "materials.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    postings = [i for i in items if i["kind"] == "posting"]
    assert len(postings) >= 60
    for item in postings:
        for name, status in item["expected"].items():
            assert M(name) and status in {"required", "optional"}


@pytest.mark.parametrize(
    "text",
    ["Send a short cover note with your CV.", "Include a letter of introduction and your CV."],
)
def test_cover_letter_synonyms(text: str) -> None:
    assert {r.material for r in extract_materials(text)} == {M.cover_letter, M.cv}


def test_mentioned_materials_in_file_names() -> None:
    text = "Attachments: Riley_Chen_resume.pdf, Riley_Chen_cover_letter.docx, code-sample.zip"
    assert mentioned_materials(text) == {M.resume, M.cv, M.cover_letter, M.code_sample}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The posting asks for a cover letter and three references.", set()),
        ("The role requires a portfolio, which I have attached.", {M.portfolio}),
        ("You asked for salary expectations: $140,000 base.", {M.salary_expectations}),
    ],
)
def test_restating_a_requirement_is_not_meeting_it(text: str, expected: set[M]) -> None:
    assert mentioned_materials(text) == expected


# Layouts copied from ATS pages: unpunctuated lines, headings, URLs, e-mails, parentheses.
ATS_CASES: list[tuple[str, dict[M, bool]]] = [
    (  # a line break between unpunctuated list lines ends the sentence; "a plus" stays on its line
        "What You'll Bring:\n\n5+ years in FP&A or corporate finance\nAdvanced Excel; SQL a plus\n"
        "Submit your resume and a cover letter explaining your interest in outdoor retail.",
        {M.resume: REQ, M.cover_letter: REQ},
    ),
    (  # a URL in parentheses does not hide the ask
        "Apply at our careers site (https://jobs.quillfeather.example/openings/QF-0093) with your "
        "resume and a short cover letter.",
        {M.resume: REQ, M.cover_letter: REQ},
    ),
    (  # words inside a URL are not materials
        "Apply at https://jobs.example/resume-upload/portfolio with your CV.",
        {M.cv: REQ},
    ),
    ("Email your CV (PDF preferred) to talent@northwind.example.", {M.cv: REQ}),
    (
        "Submit a resume, a cover letter, and (if applicable) a link to your GitHub.",
        {M.resume: REQ, M.cover_letter: REQ, M.code_sample: OPT},
    ),
    (
        "Applicants must provide copies of relevant certifications (if applicable) and a current resume.",
        {M.certifications: OPT, M.resume: REQ},
    ),
    (
        "Please upload: resume, cover letter, and transcripts (for recent graduates only).",
        {M.resume: REQ, M.cover_letter: REQ, M.transcripts: OPT},
    ),
    (
        "Apply online at https://jobs.lever.co/brightloom/abc-123 - include your resume and a short "
        "note on why you're interested (optional).",
        # applying online through an ATS form is part of the application (application_form)
        {M.application_form: REQ, M.resume: REQ, M.cover_letter: OPT},
    ),
    (
        "Required\nResume\nOptional\nCover letter\nPortfolio",
        {M.resume: REQ, M.cover_letter: OPT, M.portfolio: OPT},
    ),
    (
        "What you'll bring\nStrong SQL skills\nPython a plus\nWhat to submit\nResume\nA one-page cover letter",
        {M.resume: REQ, M.cover_letter: REQ},
    ),
    (
        "Experience with React and TypeScript\nGitHub profile a plus\n"
        "Submit your resume and cover letter at https://acme.example/apply.",
        {M.code_sample: OPT, M.resume: REQ, M.cover_letter: REQ},
    ),
    (  # "is" after a list: only the nearest material is optional
        "Submit your resume, and a portfolio is a plus.",
        {M.resume: REQ, M.portfolio: OPT},
    ),
    (  # "are" after a list: every item of it
        "A portfolio and writing samples are welcome.",
        {M.portfolio: OPT, M.writing_sample: OPT},
    ),
    (  # a leading marker speaks about what follows it, not the material before it
        "Send your resume and, if you'd like, a portfolio.",
        {M.resume: REQ, M.portfolio: OPT},
    ),
    (  # hard-wrapped prose (next line in lower case) is still one sentence
        "Please send your resume and a cover letter that explains\nwhy you want to join, plus "
        "a portfolio if you have one.",
        {M.resume: REQ, M.cover_letter: REQ, M.portfolio: OPT},
    ),
    (
        "Cover letter preferred\nResume required\nSend both to recruiting@oakline.example",
        {M.cover_letter: OPT, M.resume: REQ},
    ),
]


@pytest.mark.parametrize(("text", "expected"), ATS_CASES, ids=[c[0][:40] for c in ATS_CASES])
def test_extract_materials_ats_layouts(text: str, expected: dict[M, bool]) -> None:
    assert {r.material: r.required for r in extract_materials(text)} == expected


def test_unpunctuated_lines_are_sentences_and_sources() -> None:
    text = "Advanced Excel\nSQL a plus\nSubmit your resume through Workday"
    units = [u[0] for u in split_sentences(text)]
    assert "Submit your resume through Workday" in units
    [req] = extract_materials(text)
    assert req.source == "Submit your resume through Workday" and req.required


def test_sample_postings_materials() -> None:
    data = Path(__file__).parent / "data"
    workday = extract_materials((data / "posting_workday.txt").read_text(encoding="utf-8"))
    assert {r.material: r.required for r in workday} == {M.resume: REQ, M.cover_letter: REQ}
    assert workday[0].source.startswith("Submit your resume")


# Written with the 'ats2' benchmark split, after its first run.
ATS2_CASES: list[tuple[str, dict[M, bool]]] = [
    (  # a negation right before a later item of the list is that item's own
        "Apply through LinkedIn Easy Apply (resume only, no cover letter needed).",
        {M.resume: REQ},
    ),
    (
        "Required Application Materials\nResume\nCover Letter\n"
        "Optional Application Materials\nWriting Sample\nList of References",
        {M.resume: REQ, M.cover_letter: REQ, M.writing_sample: OPT, M.references: OPT},
    ),
    (  # a trailing condition belongs to the last item only
        "Include: resume, cover letter, and a portfolio if applicable",
        {M.resume: REQ, M.cover_letter: REQ, M.portfolio: OPT},
    ),
    ("Please do not send a cover letter or references.", {}),  # a list negated as a whole
    # a negation about another material, in parentheses, is not about the resume
    ("Submit resume (cover letter not required)", {M.resume: REQ}),
    ("A cover letter and resume are not required.", {}),
]


@pytest.mark.parametrize(("text", "expected"), ATS2_CASES, ids=[c[0][:40] for c in ATS2_CASES])
def test_extract_materials_ats2(text: str, expected: dict[M, bool]) -> None:
    assert {r.material: r.required for r in extract_materials(text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a duty that starts with an ask verb is not a "send us" heading
            "Responsibilities\nProvide technical leadership to the team\n"
            "Maintain reference documentation and runbooks",
            {},
        ),
        (  # "Required:" inside qualifications heads skills, not documents to send
            "Qualifications\nRequired:\nA portfolio of shipped mobile apps\nPreferred:\n"
            "Published writing samples",
            {},
        ),
        ("Please include:\nResume\nCover letter", {M.resume: REQ, M.cover_letter: REQ}),
        ("Submit the following:\nResume\nTwo references", {M.resume: REQ, M.references: REQ}),
    ],
)
def test_headings_that_ask_and_headings_that_do_not(text: str, expected: dict[M, bool]) -> None:
    assert {r.material: r.required for r in extract_materials(text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "upon request" in the next statement does not defer the resume and portfolio
            "Apply online with your resume and portfolio (links are fine) Cobalt Health provides "
            "reasonable accommodations upon request.",
            {M.application_form: REQ, M.resume: REQ, M.portfolio: REQ},
        ),
        ("References will be requested from finalists; send your CV now.", {M.cv: REQ}),
        ("Please provide references only if shortlisted.", {}),
    ],
)
def test_deferral_binds_to_its_clause(text: str, expected: dict[M, bool]) -> None:
    assert {r.material: r.required for r in extract_materials(text)} == expected


# --------------------------------------------------------------------------- apply links, conditions


def test_to_apply_visit_a_careers_address_is_the_application_form() -> None:
    found = extract_materials(
        "For further details and to apply, please visit https://careers.example.org/job/4411/fellow "
        "For questions contact the PI."
    )
    assert {m.material for m in found} == {M.application_form}


def test_to_apply_see_our_application_page_is_the_application_form() -> None:
    found = extract_materials(
        "For more information and to apply, see our application page for this job."
    )
    assert {m.material for m in found} == {M.application_form}


def test_a_material_asked_only_of_some_applicants_is_not_required() -> None:
    found = extract_materials(
        "Please send a cover letter and resume. If you are less than 2 years out of college, please "
        "also include a transcript."
    )
    required = {m.material for m in found if m.required}
    assert required == {M.cover_letter, M.resume}
    assert M.transcripts not in required


def test_if_you_are_interested_is_not_a_condition_on_the_materials() -> None:
    found = extract_materials("If you are interested, please send your CV and a cover letter.")
    assert {m.material for m in found if m.required} == {M.cv, M.cover_letter}


# --------------------------------------------------------------------------- unseen shapes (issue 7)


def _required(text: str) -> dict[M, bool]:
    return {m.material: m.required for m in extract_materials(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Please send a CV and cover letter to hr@example.org, quoting reference DE/9564.",
        "Applications, quoting reference HR-221, should be sent with a CV to hr@example.org.",
        "Please send a CV to hr@example.org, quoting the job reference 4411 in the subject line.",
        "Contact: Sam Lee\nReference: Caterer\nJob ID: 102078113\nPlease send a CV.",
    ],
)
def test_a_reference_number_is_not_a_request_for_references(text: str) -> None:
    assert M.references not in _required(text)
    assert _required(text).get(M.cv) is True


@pytest.mark.parametrize(
    "text",
    [
        "Please send a CV and the names of two references.",
        "Please provide three references with your CV.",
        "How to apply\n- CV\n- References: names and contact details of two referees\n",
    ],
)
def test_references_asked_for_are_still_read(text: str) -> None:
    assert _required(text).get(M.references) is True


@pytest.mark.parametrize(
    ("text", "sent"),
    [
        ("To apply, send a CV and two references to jobs@example.org.", True),
        ("Email your resume and references to https://example.org/apply today.", True),
        ("Send your CV and references to the hiring manager.", True),
        ("Please send a CV and three references to us.", True),
        ("Please send a CV. Your thesis should contain references to the literature.", False),
        ("Please send a CV. The report adds references to our earlier work.", False),
    ],
)
def test_references_sent_to_an_address_are_references(text: str, sent: bool) -> None:
    """ "references to <address>" says where they go; "references to the literature" is citing."""
    assert (M.references in _required(text)) is sent
    assert _required(text).get(M.cv) is not None or _required(text).get(M.resume) is True


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "Include a cover letter, a resume, and links to two or three projects you are proud of.",
            2,
        ),
        ("Send us a short note and links to three things you have built.", 3),
        ("Please apply with a resume and links to your best projects.", None),
    ],
)
def test_links_to_projects_are_a_portfolio(text: str, count: int | None) -> None:
    found = {r.material: r for r in extract_materials(text)}
    assert found[M.portfolio].required and found[M.portfolio].count == count


@pytest.mark.parametrize(
    "text",
    [
        "Please send a CV. The role involves adding links to projects on our intranet.",
        "Please send a CV. You will maintain links to partner projects.",
    ],
)
def test_links_to_projects_as_a_duty_are_not_a_portfolio(text: str) -> None:
    assert M.portfolio not in _required(text)


@pytest.mark.parametrize(
    "text", ["Apply with Indeed", "Apply on company site", "Easy Apply", "Apply with LinkedIn"]
)
def test_job_board_apply_buttons_are_the_application_form(text: str) -> None:
    assert _required(text) == {M.application_form: True}
    # the button as a line of the copied page
    assert _required(f"Data Analyst\nNorthwind\n{text}\nSave job\n\nWe are hiring.") == {
        M.application_form: True
    }


def test_apply_now_alone_is_not_a_material() -> None:
    # near miss: a bare button names no system or form
    assert _required("Apply now") == {}


@pytest.mark.parametrize(
    "text",
    [
        "Apply through Interfolio with a CV and a cover letter.",
        "Submit your application via Workday by 1 May.",
        "Application Method:\tWaterlooWorks",
    ],
)
def test_a_named_application_system_is_the_application_form(text: str) -> None:
    assert _required(text).get(M.application_form) is True


def test_a_system_named_as_a_skill_is_not_the_application_form() -> None:
    # near miss: Workday as a tool the team uses
    assert _required("Our team runs Workday and Greenhouse daily. Please send a CV.") == {
        M.cv: True
    }


GREENHOUSE_FORM = """Apply for this Job
* Required
First Name *
Last Name *
Email *
Resume/CV *
Attach
Dropbox
Enter manually
Cover Letter
Attach
Dropbox
LinkedIn Profile
Website
"""


def test_an_embedded_form_gives_required_and_optional_file_fields() -> None:
    found = {m.material: m for m in extract_materials(GREENHOUSE_FORM)}
    assert set(found) == {M.resume, M.cover_letter}
    assert found[M.resume].required and found[M.resume].alternatives == [M.cv]
    assert not found[M.cover_letter].required


def test_lever_form_with_heavy_asterisks_and_an_optional_mark() -> None:
    text = (
        "Submit your application\nResume/CV \u2731\nATTACH RESUME/CV\nFull name\u2731\n"
        "Email\u2731\nPortfolio URL\nCover letter (optional)\nUpload a file\n"
    )
    assert _required(text) == {M.resume: True, M.cover_letter: False}


def test_starred_skills_without_a_form_are_not_file_fields() -> None:
    # near miss: a list of material names with no form around it
    assert _required("How we hire\nWe read every resume.\nCover letter\nPortfolio\n") == {}


@pytest.mark.parametrize(
    "text",
    [
        "Candidates must submit self-attested copies of degrees and mark sheets with the application.",
        "Please upload your CV and grade cards of all semesters.",
    ],
)
def test_degree_copies_and_mark_sheets_are_transcripts(text: str) -> None:
    assert _required(text).get(M.transcripts) is True


@pytest.mark.parametrize(
    "text",
    [
        "Send a CV. Copies of certificates are to be produced at the time of joining.",
        "Send a CV. Transcripts will be required upon appointment.",
        "Send a CV. References will be requested at a later stage.",
        "Send a CV. References available upon request.",
        "Send a CV. Shortlisted candidates will be asked for three letters of recommendation.",
    ],
)
def test_later_items_stay_out_of_what_is_sent_now(text: str) -> None:
    assert _required(text) == {M.cv: True}


def test_the_employers_start_date_is_not_a_request_for_availability() -> None:
    assert _required("Expected starting date is no later than October 2031. Send a CV.") == {
        M.cv: True
    }


def test_answer_to_the_following_question_is_a_screening_question() -> None:
    text = "Please include your resume and the answer to the following question: why us?"
    assert _required(text).get(M.screening_questions) is True


def test_an_application_label_with_a_link_is_the_application_form() -> None:
    text = (
        "Position details and application: [http://go.example.edu/5soi](http://go.example.edu/5soi)"
    )
    assert _required(text) == {M.application_form: True}
    # near miss: a deadline label is no form
    assert _required("Application deadline: 1 May 2031") == {}


def test_an_apply_link_to_a_form_service_is_the_application_form() -> None:
    text = "Apply For System Engineer (https://docs.google.com/forms/d/e/1FAIpQ/viewform)"
    assert _required(text) == {M.application_form: True}
    assert _required("Apply here: https://forms.gle/abc123") == {M.application_form: True}
    # near miss: a form service link that is not for applying
    assert _required("Our survey: https://forms.gle/abc123. Send a CV.") == {M.cv: True}


# The application_form convention (docs/materials.md), how-to-apply sentences from real postings,
# and items asked for later; each with a near miss.
APPLY_CASES: list[tuple[str, dict[M, bool]]] = [
    (
        "Follow the URL provided to apply to the job posting on our site.",
        {M.application_form: True},
    ),
    ("Follow the link below to apply.", {M.application_form: True}),
    ("Follow the URL to read about our team.", {}),  # no "apply": a link to read
    (
        "To apply, visit the `University of Memphis Work Forum`_.",
        {M.application_form: True},
    ),
    ("To apply, visit our office in person with your resume.", {M.resume: True}),
    ("Apply via Greenhouse with your resume.", {M.application_form: True, M.resume: True}),
    ("Apply now", {}),  # a bare button label is page furniture
    (
        "Please submit a cover letter and resume. An official transcript will be required if an "
        "invitation for an on-campus interview is extended.",
        {M.cover_letter: True, M.resume: True},
    ),
    (
        "Please submit a cover letter and an official transcript.",
        {M.cover_letter: True, M.transcripts: True},
    ),
    (
        "How to apply?\nCandidates can send their CV and the Application Form to jobs@example.org.",
        {M.cv: True, M.application_form: True},
    ),
    ("Applicants may also submit a portfolio.", {M.portfolio: False}),
    ("You can include a portfolio.", {M.portfolio: False}),
]


@pytest.mark.parametrize(("text", "expected"), APPLY_CASES, ids=[c[0][:40] for c in APPLY_CASES])
def test_how_to_apply_sentences(text: str, expected: dict[M, bool]) -> None:
    assert {r.material: r.required for r in extract_materials(text)} == expected
