"""Where the job is and which unit hires, read from a posting's sentences (``inputs/place.py``,
``inputs/unit.py``): one snippet per shape, written for the test (invented employers and places)."""

from __future__ import annotations

from pathlib import Path

from referral_ai.inputs import load_posting, parse_posting
from referral_ai.models import JobPosting


def _note(posting: JobPosting, field: str) -> str:
    return next(n.source for n in posting.report.fields if n.field == field)


REQS = """
Requirements
- A degree in a related field
- Clear written English
"""

# --------------------------------------------------------------------------- places


def test_an_office_in_the_heart_of_a_city_is_the_location() -> None:
    p = parse_posting(
        "Interaction Designer\n\nWe are looking for someone to join our teams in our office in the "
        "heart of Lindholm. You will work in our small Research team.\n" + REQS
    )
    assert p.location == "Lindholm"
    assert "office" in _note(p, "location")


def test_moving_to_a_city_later_is_the_location() -> None:
    p = parse_posting(
        "Research Fellow\n\nThe Quillfield Institute has openings. Selected candidates will start "
        "remotely, but may be asked later to move to Brackton and work in person.\n" + REQS
    )
    assert p.location == "Brackton"


def test_an_office_street_address_gives_its_city() -> None:
    p = parse_posting(
        "Staff Counsel\n\nThis position will require work from our office at 410 Harbor Street, "
        "in Easthaven. Staff must be vaccinated.\n" + REQS
    )
    assert p.location == "Easthaven"


def test_a_city_the_text_describes_is_the_location() -> None:
    p = parse_posting(
        "Postdoc on Dialogue Models\n\nThe position is at the University of Velmora.\n\n"
        "[Ardesca](https://example.org/ardesca) is a lively and affordable city in the north, "
        "close to the mountains.\n" + REQS
    )
    assert p.location == "Ardesca"


def test_a_postal_address_in_running_text_gives_the_city_and_a_country_label_its_country() -> None:
    p = parse_posting(
        "Science Manager\n\n- Country: Portugal\n\nThe work will be carried out at the institute's "
        "campus, Rua do Pinhal Velho 12, Alvorada.\n" + REQS
    )
    assert p.location == "Alvorada, Portugal"


def test_a_university_named_for_its_city_and_written_with_its_country() -> None:
    p = parse_posting(
        "Associate Professor in Logic, University of Karsby, Sweden\n\n"
        "The University of Karsby invites applications for an associate professorship.\n" + REQS
    )
    assert p.company == "University of Karsby"
    assert p.location == "Karsby, Sweden"
    assert "named for" in _note(p, "location")


def test_a_university_named_for_a_city_but_no_place_written_gives_no_location() -> None:
    # the name alone is not read as a place: the text never says where the job is
    p = parse_posting(
        "Postdoctoral Fellow in History\n\nThe project will be carried out at the University of "
        "Karsby, which invites applications.\n" + REQS
    )
    assert p.location is None


def test_remote_first_prose_is_remote_and_a_bare_region_keeps_how_remote() -> None:
    p = parse_posting(
        "Platform Engineer\n\nJoin our well-funded remote-first team building developer tools.\n"
        + REQS
    )
    assert p.location == "Remote"
    q = parse_posting(
        "Community Lead\n\nLocation: Global\n\nWe are a small non-profit. The position is 100% "
        "remote, with meetings in several time zones.\n" + REQS
    )
    assert q.location == "Global (100% remote)"


def test_a_possessive_city_in_the_opening_sentence() -> None:
    p = parse_posting(
        "Frontend Developer\n\nPlumtree grew up in the garden of Marlow's tech district, a short "
        "walk from the station.\n" + REQS
    )
    assert p.location == "Marlow"


def test_the_employer_is_never_read_as_its_own_place() -> None:
    # "Ardent Works is a ... company" is not "a city"; nothing else names a place
    p = parse_posting(
        "Data Analyst\n\nArdent Works is a small and friendly company in the energy sector.\n"
        + REQS
    )
    assert p.location is None


FOOTER_PAGE = """<html><head><title>Join us</title></head><body>
<nav><a href="/">Home</a> <a href="/people">People</a></nav>
<main><h1>Research Fellow</h1>
<p>We welcome motivated postdoctoral fellows. Interested candidates should send a CV.</p>
<h2>Requirements</h2><ul><li>PhD in Microbiology</li><li>Clear written English</li></ul>
</main>
<footer><p>Cell Surface Biology Laboratory<br>12 Harbour Drive 3<br>Port Ellis 118822</p>
<p>&copy; Eastmoor University. All rights reserved.</p></footer>
</body></html>"""


def test_a_footer_postal_address_gives_the_place_and_the_lab(tmp_path: Path) -> None:
    page = tmp_path / "join.html"
    page.write_text(FOOTER_PAGE, encoding="utf-8")
    p = load_posting(page)
    assert p.location == "Port Ellis"
    assert p.department == "Cell Surface Biology Laboratory"
    assert "footer" in _note(p, "department")


# --------------------------------------------------------------------------- units


def test_a_lab_at_the_employer_is_the_department() -> None:
    p = parse_posting(
        "Postdoctoral Fellowship\n\n[The Quantitative Ecology Lab](https://example.org) at "
        "Northmoor University has postdoctoral positions in epidemiology. Northmoor University "
        "is an equal opportunity employer.\n" + REQS
    )
    assert p.company == "Northmoor University"
    assert p.department == "Quantitative Ecology Lab"


def test_a_group_of_a_department_of_the_employer_is_the_smaller_unit() -> None:
    p = parse_posting(
        "Post-doc on Speech Models\n\nThe team includes fellows from the [Spoken Language (SL)]"
        "(https://example.org) group of the Computer Science Department of the University of "
        "Velmora. The University of Velmora funds the post.\n" + REQS
    )
    assert p.department == "Spoken Language (SL) group"


def test_a_unit_that_hosts_the_job() -> None:
    p = parse_posting(
        "Postdoc position on Formal Proofs\n\nThe University of Karsby will fill a postdoc "
        "position. The postdoc will be hosted at the Mathematical Institute.\n" + REQS
    )
    assert p.department == "Mathematical Institute"


def test_the_team_the_job_joins() -> None:
    p = parse_posting(
        "Learning Lead\n\nBrightline Capital is looking for a Learning Lead to join our People "
        "Operations team. Brightline Capital builds payment software.\n" + REQS
    )
    assert p.department == "People Operations team"


def test_a_team_named_for_a_thing_the_text_names_alone_is_that_thing() -> None:
    p = parse_posting(
        "Senior Editor\n\nHandle manuscripts and take part in the daily life of the Field Ecology "
        "Letters team; contribute to the publishing of Field Ecology Letters.\n" + REQS
    )
    assert p.department == "Field Ecology Letters"


def test_two_units_that_seek_applications_together() -> None:
    p = parse_posting(
        "Two Postdoctoral Fellowships\n\nThe Chair of Logic (Professor Ann Roe) at the Faculty of "
        "Philosophy and the Centre for Formal Reasoning (CFR) at Karsby University seek "
        "applications for the following positions.\n" + REQS
    )
    assert p.department == "Chair of Logic; Centre for Formal Reasoning (CFR)"


def test_an_organisation_field_joining_a_project_and_its_owner() -> None:
    p = parse_posting(
        "---\ntitle: Designer to improve the reader app\nrole: UX designer\n"
        "organization: OWL - The Lantern Society\n---\n\nThe [Open Web Library (OWL)]"
        "(https://owl.example.org),\na project under The Lantern Society that lends e-books, is "
        "seeking a UX designer.\n" + REQS
    )
    assert p.company == "The Lantern Society"
    assert p.department == "Open Web Library (OWL)"
    assert "project" in _note(p, "company")
    assert not [d for d in p.report.doubts if d.field == "company" and d.blocking]
