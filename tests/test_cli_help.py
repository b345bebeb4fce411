"""`--help` explains every option, and says what the code does (the list columns, the kinds written)."""

from __future__ import annotations

import argparse

from referral_ai.batch import _COLUMNS
from referral_ai.cli import build_parser


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_option_of_every_command_has_a_help_text() -> None:
    bare = [
        f"{name} {'/'.join(a.option_strings) or a.dest}"
        for name, command in _commands().items()
        for a in command._actions
        if not a.help
    ]
    assert bare == []


def test_batch_help_names_every_column_a_list_may_have() -> None:
    description = " ".join((_commands()["batch"].description or "").split())
    assert [c for c in _COLUMNS if c not in description] == []


def test_draft_and_batch_say_the_same_about_the_intro_request_of_a_cold_application() -> None:
    def kinds_help(name: str) -> str:
        (action,) = [a for a in _commands()[name]._actions if "--kinds" in a.option_strings]
        return action.help or ""

    for name in ("draft", "batch"):
        assert "all but the intro request" in kinds_help(name), name


def test_the_readme_names_every_option() -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    unnamed = [
        f"{name} {a.option_strings[0]}"  # the first spelling; an alias ("--page-size") may go unnamed
        for name, command in _commands().items()
        for a in command._actions
        if a.option_strings
        and a.option_strings[0] not in ("-h", "--help")
        and not re.search(re.escape(a.option_strings[0]) + r"(?![\w-])", readme)
    ]
    assert unnamed == [], "add these options to the README's 'Command line' section"
