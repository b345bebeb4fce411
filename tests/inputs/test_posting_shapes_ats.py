"""Posting shapes from ATS page dumps, job-board templates, government bulletins and reposts (second
development pass), each reproduced by a small snippet written for the test."""

from __future__ import annotations

from pathlib import Path

from referral_ai.inputs import load_posting, parse_posting

# --------------------------------------------------------------------------- ids in addresses

SCRAPED_FRONT_MATTER = """---
source_url: {url}
title: Systems Analyst
company: Northfield College
location: Springfield, IL
---

Northfield College is seeking a Systems Analyst to support the registrar's office.

Requirements:
* Three years of experience with SQL.
"""


def _scraped(tmp_path: Path, url: str) -> str | None:
    path = tmp_path / "job.md"
    path.write_text(SCRAPED_FRONT_MATTER.format(url=url), encoding="utf-8")
    p = load_posting(path)
    assert p.url == url
    return p.req_id


def test_the_id_in_a_scraped_posting_s_source_url(tmp_path: Path) -> None:
    assert _scraped(tmp_path, "https://jobs.northfield.example/hr/view/48213") == "48213"
    assert (
        _scraped(tmp_path, "https://www.acme.example/careers?gh_jid=551234&gh_src=x1") == "551234"
    )
    assert _scraped(tmp_path, "https://acme.icims.com/jobs/2207/systems-analyst/job") == "2207"
    assert (
        _scraped(tmp_path, "https://acme.breezy.hr/p/0a1b2c3d4e5f-systems-analyst")
        == "0a1b2c3d4e5f"
    )
    # a site's page that is not a careers site: its numbers are not a requisition
    assert _scraped(tmp_path, "https://blog.example.org/2031/04/1234/systems-analyst") is None


def test_a_taleo_job_parameter_in_an_apply_link() -> None:
    text = (
        "Systems Analyst\n\nNorthfield College invites applications.\n\n"
        "Apply at https://nf.taleo.net/careersection/staff/jobdetail.ftl?job=31000072Q&tz=GMT\n"
    )
    assert parse_posting(text).req_id == "31000072Q"
