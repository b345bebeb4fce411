"""Regions, identifiers and closing dates as real postings write them: one table of hits and
near-misses per rule (snippets written for the test; employers and places invented or generic)."""

from __future__ import annotations

import pytest

from referral_ai.inputs import parse_posting
from referral_ai.inputs.regions import find_region, place_key, same_place, short_region

REQS = """
Requirements
- A degree in a related field
- Clear written English
"""

# --------------------------------------------------------------------------- the region table


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Seattle, WA", "Seattle, Washington"),
        ("Seattle, WA", "Seattle, Washington, United States"),
        ("Storrs, Connecticut, USA", "Storrs, CT"),
        ("North Vancouver, BC Canada", "North Vancouver, British Columbia"),
        ("Halifax, NS, Canada", "Halifax, Nova Scotia"),
        ("Sydney, NSW", "Sydney, New South Wales, Australia"),
        ("Perth, WA, Australia", "Perth, Western Australia"),
        ("Washington, DC", "Washington, District of Columbia, USA"),
    ],
)
def test_one_place_written_two_ways_is_the_same_place(a: str, b: str) -> None:
    assert same_place(a, b) and same_place(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Portland, OR", "Portland, ME"),  # two states
        ("Springfield, Missouri", "Springfield, IL"),
        ("Perth, WA", "Perth, Western Australia"),  # a bare "WA" is Washington
        ("London, ON", "London, UK"),
        ("Seattle, WA", "Tacoma, WA"),
    ],
)
def test_different_places_are_not_the_same(a: str, b: str) -> None:
    assert not same_place(a, b)


@pytest.mark.parametrize(
    ("text", "country", "code"),
    [
        ("Washington", None, ("US", "WA")),
        ("WA", None, ("US", "WA")),
        ("WA", "AU", ("AU", "WA")),
        ("Québec", None, ("CA", "QC")),
        ("NT", None, ("CA", "NT")),
        ("Northern Territory", None, ("AU", "NT")),
        ("Tasmania", None, ("AU", "TAS")),
    ],
)
def test_find_region(text: str, country: str | None, code: tuple[str, str]) -> None:
    region = find_region(text, country)
    assert region is not None and (region.country, region.code) == code


@pytest.mark.parametrize("text", ["or", "in", "Wa", "Berlin", "ZZ", ""])
def test_words_that_are_no_region(text: str) -> None:
    assert find_region(text) is None


def test_regions_print_as_their_codes_and_other_parts_as_written() -> None:
    assert short_region("Seattle, Washington, United States") == "Seattle, WA, United States"
    assert short_region("Sydney, New South Wales, Australia") == "Sydney, NSW, Australia"
    assert short_region("Austin, TX") == "Austin, TX"
    assert short_region("Berlin, Germany") == "Berlin, Germany"
    assert place_key("Cambridge, MA, USA") == ("cambridge", "US:MA")


def test_a_schema_org_place_is_printed_with_the_region_code() -> None:
    facts = {
        "location": {"value": "Seattle, Washington, US", "source": "JSON-LD", "confidence": 0.9}
    }
    p = parse_posting("Data Engineer\n\nWe build tools.\n" + REQS, facts=facts)
    assert p.location == "Seattle, WA, US"


def test_a_page_naming_the_same_state_by_name_does_not_contradict_the_code() -> None:
    facts = {"location": {"value": "Springfield, IL, US", "source": "JSON-LD", "confidence": 0.9}}
    same = parse_posting(
        "Data Engineer\n\nOur office in Springfield, Illinois is new.\n" + REQS, facts=facts
    )
    assert not [d for d in same.report.doubts if d.field == "location"]
    other = parse_posting(
        "Data Engineer\n\nOur office in Springfield, Missouri is new.\n" + REQS, facts=facts
    )
    assert [d for d in other.report.doubts if d.field == "location"]
    assert other.location == "Springfield, Missouri"


def test_a_title_suffix_naming_a_state_in_full_is_the_location() -> None:
    p = parse_posting("Python Software Engineer - Atlanta, Georgia\n\nWe build tools.\n" + REQS)
    assert p.title == "Python Software Engineer"
    assert p.location == "Atlanta, Georgia"


# --------------------------------------------------------------------------- identifiers


@pytest.mark.parametrize(
    ("line", "req_id"),
    [
        (
            "Apply: https://acme.wd1.myworkdayjobs.com/en-US/Acme/job/Boston---MA/Software-Engineer_R58-1",
            "R58-1",
        ),
        (
            "Apply: https://acme.wd5.myworkdayjobs.com/en-US/External/details/Data-Analyst_JR28059",
            "JR28059",
        ),
        (
            "Apply: https://jobs.lever.co/acme/61b17ebe-8a00-485f-bc22-83302d979a32",
            "61b17ebe-8a00-485f-bc22-83302d979a32",
        ),
        ("Please submit your resume by email. (Search # 2016210)", "2016210"),
    ],
)
def test_identifiers_in_links_and_labels(line: str, req_id: str) -> None:
    p = parse_posting(f"Software Engineer\n\n{line}\n" + REQS)
    assert p.req_id == req_id


@pytest.mark.parametrize(
    "line",
    [
        "Apply: https://jobs.lever.co/acme/not-a-uuid-at-all",  # a slug, no id
        "Apply: https://acme.wd1.myworkdayjobs.com/en-US/Acme/job/Boston---MA/Software-Engineer",
        "Our research searches 2016 archives for patterns.",  # "search" is no label here
    ],
)
def test_near_misses_give_no_identifier(line: str) -> None:
    assert parse_posting(f"Software Engineer\n\n{line}\n" + REQS).req_id is None


# --------------------------------------------------------------------------- closing dates


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Closing date for applications is 31st March 2016.", "31st March 2016"),
        ("Closing date for applications\nSeptember 15th, 2020\n", "September 15th, 2020"),
        (
            "Please submit a cover letter, resume, as well as the names and contact information "
            "of three references in Word or PDF format by November 29, 2015.",
            "November 29, 2015",
        ),
    ],
)
def test_closing_dates_in_prose(text: str, deadline: str) -> None:
    p = parse_posting(f"Software Developer\n\n{text}\n" + REQS)
    assert p.deadline == deadline


@pytest.mark.parametrize(
    "text",
    [
        "You are meticulous and able to set and meet deadlines.",
        "The closing date for the project is not yet known.",
        "Please submit your code in Python; the anticipated start date is January 2016.",
    ],
)
def test_sentences_that_state_no_closing_date(text: str) -> None:
    assert parse_posting(f"Software Developer\n\n{text}\n" + REQS).deadline is None


def test_a_front_matter_subtitle_stating_the_deadline_is_read() -> None:
    facts = {"subtitle": {"value": "Deadline 10th April 2022", "source": "front matter"}}
    p = parse_posting("Lecturer in Biostatistics\n\nTwo posts.\n" + REQS, facts=facts)
    assert p.deadline == "10th April 2022"
    note = next(n for n in p.report.fields if n.field == "deadline")
    assert "subtitle" in note.source and note.confidence <= 0.8


def test_a_subtitle_stating_no_date_gives_no_deadline() -> None:
    facts = {"subtitle": {"value": "Join a growing team", "source": "front matter"}}
    p = parse_posting("Lecturer in Biostatistics\n\nTwo posts.\n" + REQS, facts=facts)
    assert p.deadline is None
