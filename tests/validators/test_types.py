"""The Annotated types reject bad text inside a BaseModel with our message."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from referral_ai.models import JobPosting
from referral_ai.types import NoPlaceholders, SpecificAsk, ask_for


class Email(BaseModel):
    ask: SpecificAsk
    body: NoPlaceholders


def test_good_values_pass_unchanged() -> None:
    e = Email(
        ask="Would you refer me for the Operations Analyst role (Req 5512)?",
        body="Hi Priya, thanks!",
    )
    assert e.ask.endswith("(Req 5512)?")


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("ask", "Please keep me in mind for any openings.", "generic-ask"),
        ("ask", "Could you pass my resume to whoever is hiring?", "generic-ask"),
        ("body", "Hi [Name], I'd love to join [Company].", "placeholder"),
        ("body", "I have XX years of experience.", "placeholder"),
    ],
)
def test_bad_values_raise_validation_error_with_our_message(
    field: str, value: str, needle: str
) -> None:
    data = {"ask": "Would you refer me for the Operations Analyst role?", "body": "Hello."} | {
        field: value
    }
    with pytest.raises(ValidationError) as exc:
        Email(**data)
    (err,) = exc.value.errors()
    assert err["loc"] == (field,)
    assert needle in err["msg"]


def test_ask_for_requires_the_posting_title(sample_posting: JobPosting) -> None:
    class Ask(BaseModel):
        text: ask_for(sample_posting)  # type: ignore[valid-type]

    assert Ask(text="Would you refer me for the Senior Data Engineer role (Req R-4821)?").text
    with pytest.raises(ValidationError) as exc:
        Ask(text="Would you refer me for the Data Analyst role?")
    msg = exc.value.errors()[0]["msg"]
    assert "missing-role" in msg and "Senior Data Engineer role (Req R-4821" in msg
    with pytest.raises(ValidationError) as exc:
        Ask(text="Let me know about any openings.")
    assert "Senior Data Engineer" in exc.value.errors()[0]["msg"]


def test_types_keep_a_plain_string_schema() -> None:
    schema = Email.model_json_schema()
    assert schema["properties"]["ask"]["type"] == "string"
