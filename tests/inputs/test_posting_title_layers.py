"""Posting titles chosen across layers (structured data, front matter, page title, headings,
labels, the body's sentences), shape by shape. All texts are made up for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from referral_ai.errors import InputError, ParseError
from referral_ai.inputs import load_posting
from referral_ai.inputs.posting import PROSE_TITLE, parse_posting
from referral_ai.inputs.report import with_review
from referral_ai.models import JobPosting

_BODY = "\n\nRequirements\n- 3+ years of Python\n- Experience with SQL\n"


def _title_note(posting: object) -> str:
    note = posting.report.note("title")  # type: ignore[attr-defined]
    assert note is not None
    return str(note.source)


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("We're looking for a strong software engineer to help us build a data platform.",
         "Software Engineer"),
        ("Northwind Books is seeking an experienced and motivated bookkeeper who enjoys order.",
         "Bookkeeper"),
        ("Come join our team as a field technician based in Leeds.", "Field Technician"),
        ("As a Product Designer, you will shape how people buy tickets.", "Product Designer"),
        ("We are hiring a talented data analyst, remote within the EU.", "Data Analyst"),
    ],
)  # fmt: skip
def test_a_title_only_in_prose_is_read_with_a_blocking_doubt(sentence: str, title: str) -> None:
    posting = with_review(parse_posting(sentence + _BODY, source="job.txt"))
    assert posting.title == title
    assert _title_note(posting) == PROSE_TITLE
    doubts = [d for d in posting.report.blocking if d.field == "title"]
    assert len(doubts) == 1  # the parser's, not also the review's placeholder
    assert "read from prose" in doubts[0].message
    assert f'--title "{title}"' in doubts[0].fix


def test_prose_that_names_no_job_is_still_no_title() -> None:
    with pytest.raises(ParseError, match="no job title found"):
        parse_posting(
            "We are looking for someone great to join our team and make an impact.\n"
            "We are looking for a better way to plan our week.\n",
            source="job.txt",
        )


_SCRIPTED_PAGE = """<!doctype html><html><head><title>Careers</title>{meta}</head>
<body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript>
</body></html>"""
_LD = """<script type="application/ld+json">{"@context": "https://schema.org",
"@type": "JobPosting", "title": "Warehouse Supervisor",
"hiringOrganization": {"@type": "Organization", "name": "Brightline Freight"},
"jobLocation": {"@type": "Place", "address": {"addressLocality": "Reno",
"addressRegion": "NV", "addressCountry": "US"}},
"description": "&lt;p&gt;Lead a shift of twelve.&lt;/p&gt;&lt;h3&gt;Requirements&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Two years supervising a warehouse team&lt;/li&gt;&lt;li&gt;Forklift certification&lt;/li&gt;&lt;/ul&gt;"}
</script>"""


def _page(tmp_path: Path, meta: str) -> Path:
    path = tmp_path / "job.html"
    path.write_text(_SCRIPTED_PAGE.format(meta=meta), encoding="utf-8")
    return path


def test_a_page_with_an_empty_body_is_read_from_its_json_ld(tmp_path: Path) -> None:
    posting = load_posting(_page(tmp_path, _LD))
    assert (posting.title, posting.company) == ("Warehouse Supervisor", "Brightline Freight")
    assert posting.location == "Reno, NV, US"
    assert posting.requirements == [
        "Two years supervising a warehouse team",
        "Forklift certification",
    ]
    (note,) = [d for d in posting.report.doubts if d.field == "text"]
    assert "page body was empty" in note.message and "JSON-LD" in note.message
    assert not note.blocking


def test_a_page_with_an_empty_body_is_read_from_its_og_meta(tmp_path: Path) -> None:
    meta = (
        '<meta property="og:title" content="Line Cook at Harbor Diner">'
        '<meta property="og:description" content="Harbor Diner is hiring a line cook for '
        'weekend shifts. You have two years of kitchen experience.">'
    )
    posting = load_posting(_page(tmp_path, meta))
    assert (posting.title, posting.company) == ("Line Cook", "Harbor Diner")
    assert any("og: meta" in d.message for d in posting.report.doubts)


def test_a_page_with_an_empty_body_and_no_structured_data_is_still_an_error(
    tmp_path: Path,
) -> None:
    with pytest.raises(InputError, match="no visible text"):
        load_posting(_page(tmp_path, ""))


@pytest.mark.parametrize(
    "headline",
    ["Research position available", "We are recruiting!", "Field analyst job description",
     "Join our team", "Now Hiring!", "Careers"],
)  # fmt: skip
def test_the_role_the_text_names_ranks_above_an_announcing_front_matter_title(
    headline: str, tmp_path: Path
) -> None:
    path = tmp_path / "job.md"
    path.write_text(
        f"---\ntitle: {headline}\n---\n\nThe Okafor lab is looking to hire a postdoctoral "
        "associate to study soil microbes.\n" + _BODY,
        encoding="utf-8",
    )
    posting = load_posting(path)
    assert posting.title == "Postdoctoral Associate"
    assert "announces the post" in _title_note(posting)
    assert not [d for d in with_review(posting).report.blocking if d.field == "title"]


def test_an_about_heading_ranks_below_the_role_and_two_roles_are_doubted_by_name() -> None:
    one = parse_posting(
        "About Brightwater Coach\n\nAt Brightwater Coach we build fitness tools.\n\n"
        "We are seeking an experienced Platform Architect to scale our systems." + _BODY
    )
    assert one.title == "Platform Architect"
    two = with_review(
        parse_posting(
            "About Brightwater Coach\n\nWe are looking for a Senior Data Engineer who loves "
            "pipelines.\n\nWe are seeking an experienced Platform Architect to scale our systems."
            + _BODY
        )
    )
    (doubt,) = [d for d in two.report.blocking if d.field == "title"]
    assert "Senior Data Engineer" in doubt.message and "Platform Architect" in doubt.message


def test_a_post_title_label_ranks_above_a_front_matter_job_description_title(
    tmp_path: Path,
) -> None:
    path = tmp_path / "job.md"
    path.write_text(
        "---\ntitle: Web platform job description\n---\n\nPOST TITLE:     Web Platform\n"
        "GRADE: B\n\nThe Digital Tools Unit is part of the Ministry of Maps. We build tools.\n"
        + _BODY,
        encoding="utf-8",
    )
    posting = load_posting(path)
    assert posting.title == "Web Platform"
    assert posting.company == "Ministry of Maps"  # the parent, not the unit the page names
    assert posting.department == "Digital Tools Unit"


def test_a_page_title_with_a_job_word_is_read_without_it_and_agreement_lifts_the_doubt() -> None:
    facts = {"title_page": {"value": "Surveyor Job", "source": "<title>", "confidence": 0.4}}
    agreed = parse_posting(
        "Mapworks Ltd\n\nMapworks Ltd is hiring a surveyor to measure our city." + _BODY,
        facts=facts,
    )
    assert agreed.title == "Surveyor"
    assert "the text names the same job" in _title_note(agreed)
    assert not [d for d in with_review(agreed).report.blocking if d.field == "title"]


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("Job-ID 58986", "job id", "58986"),
        ("Job-ID: 58986", "job id", "58986"),
        ("Job ID: LK-2207", "job id", "LK-2207"),
        ("Please apply by e-mail quoting reference 4471 in the subject.", "reference", "4471"),
        ("Send your CV quoting the reference HR/26/118.", "reference", "HR/26/118"),
    ],
)
def test_identifiers_outside_the_usual_labels_keep_their_label(
    line: str, label: str, value: str
) -> None:
    posting = parse_posting(f"Senior Data Analyst\n\n{line}\n" + _BODY)
    assert posting.req_id == value
    assert [(i.label, i.value) for i in posting.identifiers] == [(label, value)]


def test_quoting_references_as_letters_is_no_identifier() -> None:
    posting = parse_posting(
        "Senior Data Analyst\n\nSend two references quoting reference letters.\n" + _BODY
    )
    assert posting.req_id is None


def test_a_deadline_with_a_space_before_its_comma_keeps_its_year() -> None:
    posting = parse_posting(
        "Senior Data Analyst\n\nApplication deadline: Friday, May 2nd , 2025\n" + _BODY
    )
    assert posting.deadline is not None and "2025" in posting.deadline


def _ld_page(tmp_path: Path, title: str, place: dict[str, str], body: str) -> Path:
    import json

    node = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "hiringOrganization": {"@type": "Organization", "name": "Harbourside Care"},
        "jobLocation": {"@type": "Place", "address": place},
    }
    path = tmp_path / "job.html"
    path.write_text(
        '<html><head><script type="application/ld+json">'
        + json.dumps(node)
        + f"</script></head><body><main>{body}</main></body></html>",
        encoding="utf-8",
    )
    return path


_CARE_BODY = (
    "<p>Harbourside Care runs three homes.</p><h3>Requirements</h3>"
    "<ul><li>A nursing registration</li><li>Two years on a ward</li></ul>"
)


def test_a_board_suffix_on_the_structured_title_is_dropped_when_the_page_shows_the_plain_one(
    tmp_path: Path,
) -> None:
    page = _ld_page(
        tmp_path,
        "Staff Nurse - North West Other",
        {"addressLocality": "Kendal", "addressCountry": "GB"},
        "<h1>Staff Nurse</h1>" + _CARE_BODY,
    )
    posting = load_posting(page)
    assert posting.title == "Staff Nurse"
    assert "suffix dropped" in _title_note(posting)


def test_a_structured_title_the_page_contradicts_is_doubted_naming_both(tmp_path: Path) -> None:
    page = _ld_page(
        tmp_path,
        "Kitchen Porter",
        {"addressLocality": "Kendal", "addressCountry": "GB"},
        "<h1>Staff Nurse</h1>" + _CARE_BODY,
    )
    posting = with_review(load_posting(page))
    (doubt,) = [d for d in posting.report.blocking if d.field == "title"]
    assert "Kitchen Porter" in doubt.message and "Staff Nurse" in doubt.message


def test_the_visible_location_keeps_its_form_and_wins_over_a_contradicting_region(
    tmp_path: Path,
) -> None:
    def springfield(shown: str) -> JobPosting:
        place = {"addressLocality": "Springfield", "addressRegion": "IL", "addressCountry": "US"}
        return load_posting(
            _ld_page(
                tmp_path, "Staff Nurse", place, f"<h1>Staff Nurse</h1><p>{shown}</p>" + _CARE_BODY
            )
        )

    same = springfield("Location: Springfield, IL 62701")
    assert same.location == "Springfield, IL 62701"
    assert not [d for d in same.report.doubts if d.field == "location"]
    other = springfield("Our home in Springfield, MO is hiring.")
    assert other.location == "Springfield, MO"
    (doubt,) = [d for d in other.report.doubts if d.field == "location"]
    assert "Springfield, IL, US" in doubt.message


@pytest.mark.parametrize(
    "label",
    ["Company Name :- Brightline Freight", "Institution/Company:\nBrightline Freight",
     "Name of the Company : Brightline Freight", "Company name: Brightline Freight"],
)  # fmt: skip
def test_company_labels_in_their_other_spellings(label: str) -> None:
    posting = parse_posting(f"Senior Data Analyst\n\n{label}\n" + _BODY)
    assert posting.company == "Brightline Freight"
    note = posting.report.note("company")
    assert note is not None and note.confidence >= 0.9


@pytest.mark.parametrize(
    "markup",
    ["::: {.section .level2 #tools}", "{.section .job}", ":::", "{% include header.html %}",
     '{{< figure src="team.jpg" >}}'],
)  # fmt: skip
def test_a_markup_line_is_never_the_title(markup: str) -> None:
    posting = parse_posting(
        f"{markup}\n\n## Data Engineer {{#data-engineer}}\n\nWe build tools." + _BODY
    )
    assert posting.title == "Data Engineer"


def test_a_title_suffix_listing_areas_stays_in_the_title() -> None:
    posting = parse_posting(
        "Platform Engineer - Open Source, Dev Tools\n\nQuarry Labs builds developer tools." + _BODY
    )
    assert posting.title == "Platform Engineer - Open Source, Dev Tools"
    assert posting.company != "Open Source, Dev Tools"


def test_a_department_written_as_the_organisation_s_loses_the_possessive() -> None:
    posting = parse_posting(
        "Data Analyst\n\nCompany: Northwind Legal Aid\n\n"
        "Join NLA's Housing Rights Practice Group as a data analyst.\n" + _BODY
    )
    assert posting.department == "Housing Rights Practice Group"


def test_a_location_label_with_a_note_in_brackets_and_a_deadline_for_applying() -> None:
    posting = parse_posting(
        "Senior Data Analyst\n\nJob Location (If Exact Address Unknown or Multiple Locations):\t"
        "Leeds\n\nThe deadline for applying to this role is Sunday 19th July 2026, end of day.\n"
        + _BODY
    )
    assert posting.location == "Leeds"
    assert posting.deadline is not None and "July 2026" in posting.deadline


def test_a_site_owner_named_by_the_page_title_and_its_copyright_is_offered_doubted() -> None:
    facts = {
        "title_page": {"value": "Tarvo", "source": "<title>", "confidence": 0.4},
        "copyright_holder": {"value": "Tarvo", "source": "footer copyright", "confidence": 0.3},
    }
    posting = with_review(
        parse_posting("Software Engineer\n\n- Job Type: Full time\n" + _BODY, facts=facts)
    )
    assert posting.company == "Tarvo"
    assert [d.field for d in posting.report.blocking] == ["company"]
