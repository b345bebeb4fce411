"""E-mail (.eml) export: a ready-to-open message with the draft as its body and the files attached.

Opening the .eml in a mail client shows a message addressed to the contact (or, for an introduction
request, to the introducer), from the candidate, with the draft's subject, a plain-text body (plus an
optional HTML alternative) and every file attached with its proper MIME type.
"""

from __future__ import annotations

import html
import mimetypes
import os
import re
import secrets
from datetime import datetime, timezone
from email.header import Header
from email.headerregistry import (
    Address,
    AddressHeader,
    BaseHeader,
    HeaderRegistry,
    UnstructuredHeader,
)
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from referral_ai.errors import InputError
from referral_ai.files import atomic_write
from referral_ai.models import Draft, DraftContext, DraftKind
from referral_ai.recent import Recent

__all__ = ["MIME_TYPES", "build_eml", "write_eml"]

MIME_TYPES: dict[str, str] = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".pdf": "application/pdf",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".txt": "text/plain",
    ".html": "text/html",
    ".json": "application/json",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
    ".zip": "application/zip",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
"""MIME type by file suffix for attachments; others fall back to :mod:`mimetypes`, then octet-stream."""

_FALLBACK_DOMAIN = "referral-ai.invalid"


class _HeaderClasses(HeaderRegistry):
    """The standard header registry, remembering the header classes it makes (the stock one builds
    a new class with ``type()`` for every header of every message) and the headers it made lately.

    Parsing a header value is most of the cost of a message, and a batch's messages repeat most of
    theirs (From, To, Subject, MIME-Version, each part's Content-Type and Content-Disposition). A
    header object is immutable (a message replaces a header, never changes it), so messages can
    share one.
    """

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type] = {}
        self._recent: Recent[tuple[object, ...], BaseHeader] = Recent(256)

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = super().__getitem__(name)
        return made

    def __call__(self, name: str, value: Any) -> BaseHeader:
        if isinstance(value, str):
            key: tuple[object, ...] = (name, type(value), value)
        elif isinstance(value, Address):
            key = (name, Address, value.display_name, value.username, value.domain)
        else:
            made: BaseHeader = super().__call__(name, value)
            return made
        return self._recent.made(key, lambda: HeaderRegistry.__call__(self, name, value))


class _EncodedWordsPolicy(EmailPolicy):
    r"""``policy.SMTP`` whose non-ASCII Subject, From and To are folded by :class:`email.header.Header`.

    The policy's own folder (CPython 3.10 to 3.13) can move the space between two words out of the
    encoded-words and in front of the next line (``...YWRl?=\r\n  =?utf-8?b?Q2Fm...``). A decoder
    that follows RFC 2047 drops whitespace between encoded-words, so "façade Café" reads as
    "façadeCafé"; a reader that does not shows two spaces. :class:`~email.header.Header` keeps every
    space inside an encoded-word and folds between them, so both kinds of reader see the text as
    written. Attachment names are RFC 2231 parameters, which the stock folder writes correctly.
    """

    def fold(self, name: str, value: str) -> str:
        return self._encoded(name, value) or super().fold(name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        if not isinstance(value, BaseHeader):
            return self._fold_binary(name, value)
        # a header shared by many messages (see _HeaderClasses) is folded once for each policy
        key = (name, self.linesep, self.max_line_length, self.utf8, self.cte_type)
        done: dict[tuple[object, ...], bytes] = value.__dict__.setdefault("_folded", {})
        folded = done.get(key)
        if folded is None:
            folded = done[key] = self._fold_binary(name, value)
        return folded

    def _fold_binary(self, name: str, value: str) -> bytes:
        folded = self._encoded(name, value)
        return folded.encode("ascii") if folded else super().fold_binary(name, value)

    def _encoded(self, name: str, value: str) -> str | None:
        if str(value).isascii():
            return None
        limit = self.max_line_length or 78
        if isinstance(value, UnstructuredHeader):
            # lines of at most 76: a continuation line's encoded-word then keeps to 75
            header = Header(str(value), "utf-8", min(limit, _WORD_MAX + 1), header_name=name)
            text = header.encode(linesep=self.linesep)
            return f"{name}: {text}{self.linesep}"
        if isinstance(value, AddressHeader):
            if any(group.display_name is not None for group in value.groups):
                return None  # a named group: rare, left to the stock folder
            words: list[str] = []
            for n, addr in enumerate(value.addresses):
                if not addr.addr_spec.isascii():
                    return None  # an internationalised address needs SMTPUTF8, not encoded-words
                if addr.display_name.isascii():
                    words.append(str(addr))
                else:
                    words.extend([*_phrase_words(addr.display_name), f"<{addr.addr_spec}>"])
                if n < len(value.addresses) - 1:
                    words[-1] += ","
            return _fill(f"{name}:", words, limit, self.linesep)
        return None


_WORD_MAX = 75  # RFC 2047: an encoded-word is at most 75 characters


def _phrase_words(name: str) -> list[str]:
    """A display name as encoded-words: one when it fits in 75 characters, since some readers
    (Python's own address parser among them) put a space between two encoded-words of a name;
    a longer name is split wherever :class:`~email.header.Header` splits it, as RFC 2047 allows."""
    whole = Header(name, "utf-8", 998).encode()
    if len(whole) <= _WORD_MAX:
        return [whole]
    return Header(name, "utf-8", _WORD_MAX).encode(linesep=" ").split()


def _fill(line: str, words: list[str], limit: int, linesep: str) -> str:
    """``words`` after ``line``, a space between them, folded before a word that would pass ``limit``."""
    lines = [line]
    for word in words:
        if len(lines[-1]) + 1 + len(word) > limit:
            lines.append("")
        lines[-1] += f" {word}"
    return linesep.join(lines) + linesep


#: ``policy.SMTP`` (CRLF line ends, RFC 5322 headers) with the remembering registry and
#: encoded-words that keep the spaces between words.
_POLICY = _EncodedWordsPolicy(linesep="\r\n", header_factory=_HeaderClasses())


def _mime_type(path: Path) -> tuple[str, str]:
    mime = (
        MIME_TYPES.get(path.suffix.lower())
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )
    maintype, _, subtype = mime.partition("/")
    return maintype, subtype


def _address(name: str | None, email: str | None) -> Address | None:
    if not email or "@" not in email:
        return None
    username, _, domain = email.strip().rpartition("@")
    return Address(display_name=(name or "").strip(), username=username, domain=domain)


def _default_recipient(draft: Draft, ctx: DraftContext) -> Address | None:
    ref = ctx.referral
    if draft.kind is DraftKind.intro_request:
        return _address(ref.introducer, ref.introducer_email)
    return _address(draft.to or ref.contact, ref.contact_email)


def _subject(draft: Draft, ctx: DraftContext) -> str:
    if draft.subject:
        return draft.subject
    posting = ctx.posting
    label = (
        "Cover letter"
        if draft.kind is DraftKind.cover_letter
        else draft.kind.value.replace("_", " ").capitalize()
    )
    return f"{label} \u2014 {posting.title}" + (f", {posting.company}" if posting.company else "")


def _html_body(text: str) -> str:
    """The plain body as simple HTML: paragraphs, line breaks, "- " lists, links."""
    out: list[str] = []
    for para in re.split(r"\n[ \t]*\n", text.strip()):
        lines = [line for line in para.split("\n") if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_linkify(html.escape(line[2:]))}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append("<p>" + "<br>".join(_linkify(html.escape(line)) for line in lines) + "</p>")
    return "<!DOCTYPE html><html><body>" + "".join(out) + "</body></html>"


def _linkify(escaped: str) -> str:
    return re.sub(r"(https?://[^\s<>()]+[^\s<>().,;:!?])", r'<a href="\1">\1</a>', escaped)


def build_eml(
    draft: Draft,
    ctx: DraftContext,
    attachments: list[Path],
    *,
    sender: str | Address | None = None,
    to: str | Address | None = None,
    date: datetime | None = None,
    html_alternative: bool = False,
) -> EmailMessage:
    """Build the e-mail message for ``draft``, with ``attachments`` (paths) attached.

    - To: ``to``, else the contact ("Name <email>") — or the introducer for an intro request — when the
      referral gives an address. Without an address the To header is left out (a name alone is not an
      address); the mail client asks for it.
    - From: ``sender``, else the candidate's name and the resume's e-mail; left out when unknown.
    - Subject: the draft's subject (cover letter: "Cover letter — <title>, <company>").
    - Date: ``date`` (default now, UTC); Message-ID on the sender's domain.
    - Body: the draft's text; ``html_alternative=True`` adds an HTML version.
    - Attachments: each file with its MIME type (.docx, .pdf, .md, ... see :data:`MIME_TYPES`).

    Raises :class:`~referral_ai.errors.InputError` when an attachment cannot be read.
    """
    msg = EmailMessage(policy=_POLICY)
    resume = ctx.resume
    recipient = to if to is not None else _default_recipient(draft, ctx)
    if recipient:
        msg["To"] = recipient
    from_addr = (
        sender
        if sender is not None
        else _address(resume.name or resume.contact.name, resume.contact.email)
    )
    if from_addr:
        msg["From"] = from_addr
    msg["Subject"] = _subject(draft, ctx)
    when = date or datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    msg["Date"] = format_datetime(when)
    domain = _FALLBACK_DOMAIN
    if isinstance(from_addr, Address) and from_addr.domain:
        domain = from_addr.domain
    elif isinstance(from_addr, str) and "@" in from_addr:
        domain = from_addr.rsplit("@", 1)[1].strip(" >") or _FALLBACK_DOMAIN
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["MIME-Version"] = "1.0"

    body = draft.body.replace("\r\n", "\n").strip() + "\n"
    msg.set_content(body, subtype="plain", charset="utf-8")
    if html_alternative:
        msg.add_alternative(_html_body(body), subtype="html", charset="utf-8")

    if attachments:
        # the boundary the generator would make, made here: it searches the whole message for
        # its random boundary with a regular expression compiled for each message
        boundary = _boundary()
        while boundary in body:
            boundary = _boundary()
        msg.make_mixed(boundary=boundary)
    for raw in attachments:
        path = Path(raw)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot attach: {exc.strerror or exc}", source=str(path)) from None
        maintype, subtype = _mime_type(path)
        params = {"charset": "utf-8"} if maintype == "text" else {}
        msg.add_attachment(
            data, maintype=maintype, subtype=subtype, filename=_attachment_name(path), params=params
        )
    return msg


def _boundary() -> str:
    """A MIME boundary of the shape :mod:`email.generator` makes ("=" * 15, 19 random digits, "==")."""
    return f"{'=' * 15}{secrets.randbelow(10**19):019d}=="


_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]+")


def _attachment_name(path: Path) -> str:
    """The file's name as the recipient sees it; control characters (a newline in a file name is
    legal on disk, never in a header) become a space."""
    return _CONTROL_RE.sub(" ", path.name).strip() or "attachment"


def write_eml(
    draft: Draft,
    ctx: DraftContext,
    attachments: list[Path],
    dest: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    sender: str | Address | None = None,
    to: str | Address | None = None,
    date: datetime | None = None,
    html_alternative: bool = False,
) -> Path:
    """Build the message (see :func:`build_eml`) and write it atomically to ``dest`` as an .eml file.

    Raises :class:`~referral_ai.errors.OutputExistsError` if ``dest`` exists and ``overwrite`` is false.
    """
    msg = build_eml(
        draft, ctx, attachments, sender=sender, to=to, date=date, html_alternative=html_alternative
    )
    return atomic_write(dest, msg.as_bytes(), overwrite=overwrite)
