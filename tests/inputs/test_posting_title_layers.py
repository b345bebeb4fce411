"""Posting titles chosen across layers (structured data, front matter, page title, headings,
labels, the body's sentences), shape by shape. All texts are made up for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from referral_ai.errors import InputError, ParseError
from referral_ai.inputs import load_posting
from referral_ai.inputs.posting import PROSE_TITLE, parse_posting
from referral_ai.inputs.report import with_review

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
