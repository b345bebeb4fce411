"""Plain-text and Markdown renderings of a draft (for the terminal, notes, or a .md file)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from referral_ai.kinds import DraftKind

if TYPE_CHECKING:  # `check` reads a draft's .md through this module and starts without pydantic
    from referral_ai.models import Attachment, Draft

__all__ = ["from_markdown", "needs_blurb_section", "to_markdown", "to_plain"]

_KIND_TITLE = {
    DraftKind.cover_letter: "Cover letter",
    DraftKind.follow_up: "Follow-up email",
    DraftKind.intro_request: "Introduction request",
    DraftKind.reminder: "Reminder email",
}
# Characters that would turn ordinary text into Markdown syntax.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=]|\d+[.)](?=\s)|-(?=\S))", re.MULTILINE)
_MD_ESCAPED = re.compile(r"\\([\\`*_\[\]<>|#+=\d-])")
"""A character :func:`_escape` escaped (the backslash it put before it)."""
_SUBJECT_LEAD = "**Subject:** "
_ATTACHMENTS_HEADING = "**Attachments**"
_BLURB_HEADING = "## Blurb (paste-ready)"


def _escape(text: str) -> str:
    """Escape Markdown syntax characters, leaving URLs and "- " list items readable."""
    parts = re.split(r"(https?://\S+)", text)
    escaped = [
        p if p.startswith(("http://", "https://")) else _MD_INLINE.sub(r"\\\1", p) for p in parts
    ]
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), "".join(escaped))


def _normalise(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text.replace("\r\n", "\n").strip())


def _squash(text: str) -> str:
    return " ".join(text.split())


def needs_blurb_section(draft: Draft) -> bool:
    """True when the draft has a blurb that its body does not already contain.

    Exporters show the blurb once: inside the body when the writer put it there ("A blurb you can paste
    or forward: ..."), otherwise as a separate paste-ready section. Whitespace differences (line breaks)
    do not count as a difference.
    """
    blurb = _squash(draft.blurb or "")
    return bool(blurb) and blurb not in _squash(draft.body)


def _attachment_text(att: Attachment) -> str:
    label = att.material.label
    label = label[:1].upper() + label[1:]
    if att.filename:
        return f"{label} ({att.filename})"
    return f"{label}: {att.note}" if att.note else label


def to_plain(draft: Draft) -> str:
    """The draft as a person reads it: "Subject: ..." (emails), a blank line, the body; ends with a newline.

    The body already lists attachments and the blurb when the writer put them there; nothing is added
    or repeated.
    """
    head = f"Subject: {draft.subject}\n\n" if draft.subject else ""
    return head + _normalise(draft.body) + "\n"


def to_markdown(draft: Draft) -> str:
    """The draft as Markdown: a heading, the subject, the body (escaped), and the blurb as a quote.

    Lines of the body that are "- " lists stay Markdown lists; everything else is escaped so that
    resume text like ``C#`` or ``*nix`` shows as written. The blurb (follow-up, intro request) is added
    at the end as a block quote ready to copy only when the body does not already contain it (see
    :func:`needs_blurb_section`); attachments are listed when the body does not already list them.
    """
    out = [f"# {_KIND_TITLE[draft.kind]}", ""]
    if draft.subject:
        out += [f"{_SUBJECT_LEAD}{_escape(draft.subject)}", ""]
    body = _normalise(draft.body)
    for para in body.split("\n\n"):
        lines = para.split("\n")
        rendered = [
            "- " + _escape(line[2:])
            if line.startswith("- ")
            else _escape(line) + ("  " if i < len(lines) - 1 else "")
            for i, line in enumerate(lines)
        ]
        out += [*rendered, ""]
    if draft.attachments and not all(_attachment_text(a) in body for a in draft.attachments):
        out += [_ATTACHMENTS_HEADING, ""]
        out += [f"- {_escape(_attachment_text(a))}" for a in draft.attachments]
        out.append("")
    if draft.blurb and needs_blurb_section(draft):
        out += [_BLURB_HEADING, ""]
        out += ["> " + _escape(line) if line else ">" for line in draft.blurb.strip().split("\n")]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def from_markdown(text: str) -> str | None:
    """The draft in a Markdown file :func:`to_markdown` wrote, read back as :func:`to_plain` gives
    it (``Subject: ...``, then the body unescaped, with its attachments list), or None when ``text``
    does not open with a draft's heading. ``check`` reads a draft's .md with it, so its subject is
    read and the rendering's heading, escapes and paste-ready blurb are not taken for the email.
    """
    lines = text.replace("\r\n", "\n").strip().split("\n")
    if lines[0].rstrip() not in {f"# {title}" for title in _KIND_TITLE.values()}:
        return None
    subject: str | None = None
    body: list[str] = []
    for line in lines[1:]:
        line = line.rstrip()
        if line == _BLURB_HEADING:
            break  # a blurb to paste elsewhere, not part of the email
        if subject is None and not any(body) and line.startswith(_SUBJECT_LEAD):
            subject = _MD_ESCAPED.sub(r"\1", line[len(_SUBJECT_LEAD) :]).strip()
        elif line == _ATTACHMENTS_HEADING:
            body.append("Attachments:")  # its list follows, without the blank line between
        elif line or body[-1:] != ["Attachments:"]:
            body.append(_MD_ESCAPED.sub(r"\1", line))
    head = f"Subject: {subject}\n\n" if subject else ""
    return head + _normalise("\n".join(body)) + "\n"
