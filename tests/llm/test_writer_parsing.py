"""parse_output: the extraction every structured mode's answer goes through."""

from __future__ import annotations

import json

import pytest

from referral_ai.writers.openai_writer import DraftOutputError, parse_output


def test_plain_json() -> None:
    out = parse_output(json.dumps({"subject": "S", "body": "B", "blurb": None, "attachments": []}))
    assert (out.subject, out.body, out.blurb, out.attachments) == ("S", "B", None, [])


def test_first_balanced_object_amid_chatter_with_braces_in_strings() -> None:
    text = 'Here you go {not json} then {"subject": "Re: {role}", "body": "Hi } there"} trailing'
    out = parse_output(text)
    assert out.subject == "Re: {role}" and out.body == "Hi } there"


def test_wrapped_and_aliased_keys() -> None:
    assert parse_output('{"draft": {"Subject": "S", "email": "Hello"}}').body == "Hello"
    assert parse_output('{"subject": "S", "letter": "Dear Ms Raman"}').body == "Dear Ms Raman"


def test_attachments_as_plain_strings_and_null_words() -> None:
    out = parse_output(
        '{"subject": "null", "body": "B", "blurb": "N/A", "attachments": ["resume", "cover letter"]}'
    )
    assert out.subject is None and out.blurb is None
    assert [a.material for a in out.attachments] == ["resume", "cover letter"]


def test_prose_with_bold_subject_line() -> None:
    out = parse_output("**Subject:** Senior Data Engineer (Req R-4821)\n\nHi Priya,\nThanks.")
    assert out.subject == "Senior Data Engineer (Req R-4821)"
    assert out.body == "Hi Priya,\nThanks."


def test_subject_far_down_is_part_of_the_body() -> None:
    text = "Hi Priya,\n\nline\nline\nline\nSubject: not a header"
    out = parse_output(text)
    assert out.subject is None and out.body == text


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("   ", "empty"),
        ('{"subject": "S", "blurb": "x"}', "no non-empty 'body'"),
        ('{"subject": "S", "body": ""}', "no non-empty 'body'"),
        ('{"subject": "S", "body": "unterminated', "malformed"),
        ('```json\n{"body": "x"\n```', "malformed"),
        ("Subject: only a subject", "no body"),
    ],
)
def test_unusable_answers(text: str, needle: str) -> None:
    with pytest.raises(DraftOutputError, match=needle):
        parse_output(text)
