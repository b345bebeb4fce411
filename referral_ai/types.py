"""Pydantic ``Annotated`` string types that enforce the referral advice inside structured outputs.

Use them as field types of a model that an LLM fills (``response_format`` / ``json_schema``) or that a
user edits, and pydantic rejects text that breaks the rules with our own message::

    from pydantic import BaseModel
    from referral_ai.types import NoPlaceholders, SpecificAsk, ask_for

    class Email(BaseModel):
        ask: SpecificAsk          # no "any openings", "keep me in mind", ...
        body: NoPlaceholders      # no "[Company Name]", "{name}", "XX", ...

    Ask = ask_for(posting)        # also requires the posting's exact title

The validators run after pydantic's own ``str`` validation; the error is a ``ValueError`` raised inside
them, which pydantic reports as a ``ValidationError`` whose message is the rule's.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator

from referral_ai.models import JobPosting
from referral_ai.validators._text import normalize, title_named
from referral_ai.validators.asks import find_generic_asks, role_phrase
from referral_ai.validators.rules import find_placeholders

__all__ = [
    "NoPlaceholders",
    "SpecificAsk",
    "ask_for",
    "check_no_placeholders",
    "check_specific_ask",
]


def check_specific_ask(value: str) -> str:
    """Return ``value`` unchanged, or raise ``ValueError`` if a sentence in it is a generic ask."""
    issues = find_generic_asks(value)
    if issues:
        i = issues[0]
        raise ValueError(f"generic-ask: {i.message} {i.suggestion}")
    return value


def check_no_placeholders(value: str) -> str:
    """Return ``value`` unchanged, or raise ``ValueError`` if it contains unfilled template text."""
    issues = find_placeholders(value)
    if issues:
        raise ValueError(f"placeholder: {issues[0].message}")
    return value


SpecificAsk = Annotated[str, AfterValidator(check_specific_ask)]
"""A string with no generic ask in it (code ``generic-ask``)."""

NoPlaceholders = Annotated[str, AfterValidator(check_no_placeholders)]
"""A string with no unfilled template text (code ``placeholder``)."""


def ask_for(posting: JobPosting) -> Any:
    """An ``Annotated[str, ...]`` type for an ask about ``posting``: not generic, and naming its exact title.

    The returned object is a type annotation (use it as a field type); a generic sentence is judged
    with the posting in mind, so the suggestion quotes its title and req id.
    """

    def check(value: str) -> str:
        issues = find_generic_asks(value, posting)
        if issues:
            i = issues[0]
            raise ValueError(f"generic-ask: {i.message} {i.suggestion}")
        if not title_named(normalize(value), posting.title):
            raise ValueError(
                f"missing-role: the ask must name the job exactly, e.g. 'Would you be willing to refer me for "
                f"{role_phrase(posting)}?'"
            )
        return value

    return Annotated[str, AfterValidator(check)]
