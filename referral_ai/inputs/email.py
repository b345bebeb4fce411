"""Read an email someone wrote (to ``check`` it): an ``.eml`` message or any text document.

One place reads ``.eml``: bounded in size (:data:`MAX_EML_BYTES` on disk, :data:`MAX_BODY_CHARS` of
body text), only from a regular file, and refused in one line when it is not a message at all
(random bytes named ``.eml``: no header block, a binary body).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from referral_ai.errors import InputError
from referral_ai.inputs.loaded import MAX_TEXT_CHARS, read_file_bytes

if TYPE_CHECKING:
    from email.message import EmailMessage

__all__ = ["MAX_BODY_CHARS", "MAX_EML_BYTES", "read_email", "read_eml_bytes"]

MAX_EML_BYTES = 25 * 1024 * 1024
"""Largest .eml read: room for a cover letter and a resume attached (base64 adds a third)."""

MAX_BODY_CHARS = MAX_TEXT_CHARS
"""Largest body text checked (an email is a few thousand characters)."""

_HEADERS = (
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "content-type",
    "reply-to",
    "sender",
    "received",
    "return-path",
)


def read_email(source: str | os.PathLike[str]) -> str:
    """The text of an email to check, from a file: an ``.eml`` message or a text document.

    An ``.eml`` gives ``"Subject: ...\\n\\n" + body`` (the plain-text part, else the HTML part read
    as visible text) plus a line naming its attachments. Any other file is read as a text document
    (:func:`referral_ai.inputs.read_text`). Raises :class:`InputError` with one line: not a regular
    file, too large, not an email, no readable body.
    """
    path = Path(os.fspath(source))
    if path.suffix.lower() == ".eml":
        return read_eml_bytes(read_file_bytes(path, limit=MAX_EML_BYTES), name=str(path))
    from referral_ai.export.text import from_markdown
    from referral_ai.inputs.reading import read_text

    text = read_text(path, kind="posting").text
    return from_markdown(text) or text  # a draft's own .md: its subject and body, unrendered


def read_eml_bytes(data: bytes, *, name: str = "<eml>") -> str:
    """:func:`read_email` for the bytes of an ``.eml`` message."""
    if len(data) > MAX_EML_BYTES:
        raise InputError(
            f"the message is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_EML_BYTES // 1024 // 1024} MB",
            source=name,
        )
    if not data.strip():
        raise InputError("the .eml is empty", source=name)
    if not _has_header_block(data):
        raise InputError(
            "not an email message (no header block such as From:, To: or Subject:)", source=name
        )
    # the stdlib's email package is imported for an .eml only (a text email is read without it)
    from email import policy
    from email.message import EmailMessage
    from email.parser import BytesParser

    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as exc:  # the parser is lenient; anything it raises is a broken message
        raise InputError(f"cannot parse the .eml ({type(exc).__name__})", source=name) from exc
    if not isinstance(msg, EmailMessage):  # pragma: no cover - policy.default gives EmailMessage
        raise InputError("cannot parse the .eml", source=name)
    body = _body_text(msg, name=name)
    try:
        attached = [str(p.get_filename()) for p in msg.iter_attachments() if p.get_filename()]
        subject = str(msg["subject"] or "")
    except Exception as exc:  # malformed headers
        raise InputError(f"malformed .eml headers ({type(exc).__name__})", source=name) from exc
    head = f"Subject: {subject}\n\n" if subject.strip() else ""
    tail = ("\n\nAttached: " + ", ".join(attached)) if attached else ""
    return head + body + tail


def _has_header_block(data: bytes) -> bool:
    """True when the message starts with RFC 5322 header lines and at least one known header."""
    head = data[:65536]
    end = min((i for i in (head.find(b"\r\n\r\n"), head.find(b"\n\n")) if i != -1), default=-1)
    if end <= 0:
        return False
    known = 0
    for raw in head[:end].splitlines():
        if raw[:1] in (b" ", b"\t"):
            continue  # a folded continuation line
        field, colon, _ = raw.partition(b":")
        if not colon or not field or any(c < 33 or c > 126 for c in field):
            return False  # not a header line: "Name: value" with a printable name
        if field.decode("ascii").lower() in _HEADERS:
            known += 1
    return known > 0


def _body_text(msg: EmailMessage, *, name: str) -> str:
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
        if part is None:
            raise InputError("the .eml has no plain-text body", source=name)
        content = part.get_content()
    except InputError:
        raise
    except (LookupError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InputError(
            f"the .eml body cannot be decoded ({type(exc).__name__})", source=name
        ) from exc
    if not isinstance(content, str):
        raise InputError("the .eml has no plain-text body", source=name)
    if len(content) > MAX_BODY_CHARS:
        raise InputError(
            f"the body is {len(content):,} characters; the limit is {MAX_BODY_CHARS:,}",
            source=name,
        )
    if _looks_binary(content):
        raise InputError("the .eml body is binary data, not text", source=name)
    if part.get_content_subtype() == "html":
        from referral_ai.inputs.reading import read_text

        return read_text(content.encode("utf-8", "replace"), kind="posting").text
    return content


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    bad = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f") or c == "\ufffd")
    return bad > max(2, len(sample) // 100)
