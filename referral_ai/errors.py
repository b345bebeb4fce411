"""Every error referral_ai raises derives from :class:`ReferralAIError`.

The tree::

    ReferralAIError
    ├── InputError                 a file or text the user gave cannot be used (carries ``source``)
    │   └── ParseError             readable, but not a posting / resume (no title, no roles)
    │       └── DoubtfulParseError a field the letters state is doubtful (carries ``doubts``)
    ├── OutputExistsError          a write would overwrite a file the user did not ask to replace
    ├── OutputError                an output location cannot be written (carries ``path``)
    ├── TemplateError              a prompt file is missing, malformed, or lacks a variable
    ├── BudgetError                even the essentials of a prompt do not fit the model's context
    ├── ModelError                 the model endpoint failed (after the retry policy gave up)
    │   ├── ModelConnectionError   unreachable, refused, timed out
    │   ├── ModelHTTPError         answered with an HTTP error (``status_code``, ``body``)
    │   └── ModelOutputError       answered, but the output is unusable (truncated, malformed)
    └── DraftRejectedError         every attempt failed validation (carries ``report``, ``attempts``, ``usage``)

Messages never contain API keys or resume contents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from referral_ai.models import Doubt, Report, Usage


class ReferralAIError(Exception):
    """Base class of every error raised by referral_ai."""


class InputError(ReferralAIError):
    """An input file or text cannot be used; ``source`` names it."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        shown = source.translate(_ESCAPED) if source else source  # a name with a newline: one line
        super().__init__(f"{shown}: {message}" if shown else message)


_ESCAPED = {c: "\\n" if c == 10 else "\\r" if c == 13 else f"\\x{c:02x}" for c in [*range(32), 127]}


class ParseError(InputError):
    """The input was read but is not a recognisable posting or resume."""


class DoubtfulParseError(ParseError):
    """Drafting would state a field the parser doubts (name, title, company); ``doubts`` say which."""

    def __init__(self, message: str, *, doubts: list[Doubt], source: str | None = None) -> None:
        self.doubts = doubts
        super().__init__(message, source=source)


class OutputExistsError(ReferralAIError):
    """Writing would replace an existing file; pass ``overwrite=True`` to replace it.

    The message speaks to a Python caller (``overwrite=True``); the CLI says ``--force`` instead
    (:meth:`for_cli`).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: already exists (pass overwrite=True to replace it)")

    def for_cli(self) -> str:
        """The same message for a command-line user."""
        return f"{self.path}: already exists (pass --force to replace it)"


class OutputError(ReferralAIError):
    """An output location cannot be written: a file where a folder belongs, read-only, full disk..."""

    def __init__(self, message: str, *, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class TemplateError(ReferralAIError):
    """A prompt template is missing, malformed or is missing variables."""


class BudgetError(ReferralAIError):
    """The essential parts of a prompt do not fit the model's context window."""


class ModelError(ReferralAIError):
    """The model endpoint failed and the retry policy gave up."""


class ModelConnectionError(ModelError):
    """The endpoint could not be reached (refused, DNS, timeout)."""


class ModelHTTPError(ModelError):
    """The endpoint answered with an HTTP error status."""

    def __init__(self, message: str, *, status_code: int, body: Any = None) -> None:
        self.status_code = status_code
        self.body = body
        super().__init__(message)


class ModelOutputError(ModelError):
    """The endpoint answered, but its output is unusable (truncated, malformed, empty)."""


class DraftRejectedError(ReferralAIError):
    """Every attempt failed validation; carries the last report, every attempt's text and usage."""

    def __init__(self, message: str, *, report: Report, attempts: list[str], usage: Usage) -> None:
        self.report = report
        self.attempts = attempts
        self.usage = usage
        super().__init__(message)
