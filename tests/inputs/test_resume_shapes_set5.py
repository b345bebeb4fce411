"""Resume header shapes met on held-out set 5: a document label above the name, letters after the
name, a phone beside other digits in a TAB-separated line, an unfilled template's contact line.

Every snippet is written for the test and reproduces a *shape*, never a real document's text.
"""

from __future__ import annotations

import pytest

from referral_ai.inputs import parse_resume

_ROLE = "\nExperience\nAnalyst, Acme Corp  2019 - 2022\n- Built the reports.\n"


@pytest.mark.parametrize(
    "label", ["One-page CV", "Curriculum Vitae", "Resume of", "Lebenslauf", "Two page resume"]
)
def test_a_document_label_above_the_name_is_not_the_name(label: str) -> None:
    resume = parse_resume(f"{label}\nAda Okafor\nada@okafor.example\n{_ROLE}")
    assert resume.name == "Ada Okafor"


@pytest.mark.parametrize(
    ("line", "letters"),
    [
        ("Ada Okafor B.Sc.", "B.Sc."),
        ("Ada Okafor, PhD", "PhD"),
        ("Ada Okafor MBA", "MBA"),
        ("Ada Okafor, M.Sc., PMP", "M.Sc., PMP"),
    ],
)
def test_letters_after_the_name_are_left_out_and_noted(line: str, letters: str) -> None:
    resume = parse_resume(f"{line}\nada@okafor.example\n{_ROLE}")
    assert resume.name == "Ada Okafor"
    [note] = [f for f in resume.report.fields if f.field == "name"]
    assert f"'{letters}' after the name left out" in note.source


def test_a_label_over_a_name_line_joined_with_slashes() -> None:
    resume = parse_resume(
        f"One-page CV\nAda Okafor / ada@okafor.example (ada@okafor.example) / 07700900123\n{_ROLE}"
    )
    assert resume.name == "Ada Okafor" and resume.contact.email == "ada@okafor.example"


def test_a_name_that_only_looks_like_letters_is_kept() -> None:
    assert parse_resume(f"Ada Mba\nada@okafor.example\n{_ROLE}").name == "Ada Mba"


def test_a_phone_stops_at_the_tab_before_a_date() -> None:
    resume = parse_resume(
        f"Ada Okafor\nMain Street 4, Graz\t+43 660 1234567\t24. 07. 2002\n{_ROLE}"
    )
    assert resume.contact.phone == "+43 660 1234567"


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("(000) 123-4567 | myemail@email.com", "both"),
        ("555-555-5555 | your.name@example.com", "both"),
        ("123-456-7890", "phone"),
    ],
)
def test_an_unfilled_template_contact_line_is_a_doubt_not_the_contact(
    line: str, field: str
) -> None:
    resume = parse_resume(f"Ada Okafor\n{line}\n{_ROLE}")
    assert resume.contact.phone is None
    doubts = [d for d in resume.report.doubts if "template placeholder" in d.message]
    assert {d.field for d in doubts} == ({"email", "phone"} if field == "both" else {"phone"})
    if field == "both":
        assert resume.contact.email is None


def test_a_real_contact_line_is_not_a_placeholder() -> None:
    resume = parse_resume(f"Ada Okafor\n+1 (212) 555-0148 | ada@okafor.example\n{_ROLE}")
    assert resume.contact.email == "ada@okafor.example"
    assert resume.contact.phone == "+1 (212) 555-0148"
    assert not [d for d in resume.report.doubts if "placeholder" in d.message]
