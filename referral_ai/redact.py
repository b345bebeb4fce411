"""The one place credentials are taken out of text before it is shown.

:func:`redact` is used for every error message, report, ``repr`` and log line that may hold a URL, a
request or a server's answer; :func:`redact_url` is the same for a single URL. What is removed:

- the secrets passed in (the API key actually sent), every key this library has handed to an SDK
  client (:func:`remember`), and the values of ``OPENAI_API_KEY`` / ``AZURE_OPENAI_API_KEY``
  (newer SDKs add the ``Authorization`` header at send time, so an error's request no longer
  carries the key),
- a key a server echoes after ``API key provided:`` / ``API key:`` (OpenAI's own wording),
- user-info in URLs: ``http://user:PASSWORD@host/v1`` → ``http://***@host/v1``,
- credential-looking query parameters: ``?api-key=…``, ``&token=…``, ``&sig=…``,
- ``Authorization``-like headers in any spelling (``Authorization: Basic …``,
  ``'api-key': '…'``, ``x-api-key=…``, ``Proxy-Authorization``, ``Cookie``),
- ``Bearer …`` tokens and ``sk-…`` keys anywhere.

:class:`RedactingFilter` applies :func:`redact` to log records; it is installed on the loggers of
the HTTP libraries under the SDK (which log request URLs) and on ``referral_ai``'s own.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

__all__ = ["MASK", "RedactingFilter", "install_log_filter", "redact", "redact_url", "remember"]

MASK = "***"

_USERINFO_RE = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]{0,15}://)[^/\s@'\"<>?#]{1,512}@")
_QUERY_RE = re.compile(
    r"(?i)([?&;](?:api[-_]?key|key|token|access[-_]?token|auth|password|passwd|secret|sig|signature)=)"
    r"[^&#\s'\"]+"
)
_HEADER_RE = re.compile(
    r"(?i)\b((?:proxy-)?authorization|x-api-key|api[-_]key|openai[-_]api[-_]key|set-cookie|cookie)"
    r"([\"']?\s{0,8}[:=]\s{0,8}[\"']?)"
    r"(?:(bearer|basic|token|digest)\s+)?"
    r"[^\s'\",}]+"
)
_BEARER_RE = re.compile(r"(?i)\b(bearer\s+)[^\s'\",}]+")
_KEY_RE = re.compile(r"\b(sk-[A-Za-z0-9_\-*]{3,})")
_ECHOED_RE = re.compile(r"(?i)\b(api key(?: provided)?:\s{0,8})[^\s'\",}]*[^\s'\",}.;]")
#: environment variables the SDK reads its key from
_KEY_VARIABLES = ("OPENAI_API_KEY", "AZURE_OPENAI_API_KEY")
_REMEMBERED: set[str] = set()


#: shortest remembered or environment key removed: shorter ones are placeholders ("EMPTY",
#: "ollama") whose removal would only garble messages
_MIN_REMEMBERED = 8


def remember(secret: str | None) -> None:
    """Have every later :func:`redact` remove ``secret``: called with each API key this library hands
    to an SDK client, so a server echoing it in any wording is caught (kept in memory only)."""
    if secret and len(secret) >= _MIN_REMEMBERED and MASK not in secret:
        _REMEMBERED.add(secret)


def _known_keys() -> list[str]:
    found = [os.environ.get(name) or "" for name in _KEY_VARIABLES]
    return [*_REMEMBERED, *(k for k in found if len(k) >= _MIN_REMEMBERED)]


def _header(m: re.Match[str]) -> str:
    scheme = f"{m.group(3)} " if m.group(3) else ""
    return f"{m.group(1)}{m.group(2)}{scheme}{MASK}"


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every credential replaced by ``***`` (see the module doc); ``secrets`` are
    strings to remove wherever they appear (ignored when shorter than 4 characters)."""
    for secret in (*secrets, *_known_keys()):
        if secret and len(secret) >= 4 and MASK not in secret and secret in text:
            text = text.replace(secret, MASK)
    text = _ECHOED_RE.sub(lambda m: f"{m.group(1)}{MASK}", text)
    text = _USERINFO_RE.sub(lambda m: f"{m.group(1)}{MASK}@", text)
    text = _QUERY_RE.sub(lambda m: f"{m.group(1)}{MASK}", text)
    text = _HEADER_RE.sub(_header, text)
    text = _BEARER_RE.sub(lambda m: f"{m.group(1)}{MASK}", text)
    return _KEY_RE.sub("sk-" + MASK, text)


def redact_url(url: str | None) -> str:
    """A URL fit to show: user-info and credential query parameters removed (``""`` for ``None``)."""
    return redact(str(url)) if url is not None else ""


def _redact_arg(value: Any) -> Any:
    if isinstance(value, (str, int, float)) or value is None:
        return value if not isinstance(value, str) else redact(value)
    return redact(str(value))  # URLs, requests, headers objects: shown through str()


class RedactingFilter(logging.Filter):
    """A logging filter that redacts a record's message and arguments (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redact_arg(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _redact_arg(v) for k, v in record.args.items()}
        return True


_FILTER = RedactingFilter()
#: loggers that may show URLs or requests: the SDK's and its HTTP libraries' (each logs to these
#: names directly), and ours.
LOGGERS = (
    "httpx",
    "httpx2",
    "httpcore",
    "httpcore2",
    "openai",
    "openai._base_client",
    "referral_ai",
    "referral_ai.writers.openai_writer",
    "referral_ai.retry",
    "referral_ai.doctor",
    "referral_ai.batch",
)


def install_log_filter() -> None:
    """Put :class:`RedactingFilter` on :data:`LOGGERS` (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
