"""Reading a hand-written email: an optional ``Subject:`` line, the body, and the attachments it mentions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from referral_ai.kinds import DraftKind, Material
from referral_ai.prefilter import Gated

if TYPE_CHECKING:
    from referral_ai.models import Attachment, Draft

__all__ = [
    "Attached",
    "ParsedEmail",
    "attached_materials",
    "draft_from_text",
    "email_attachments",
    "parse_email",
]

_I = re.IGNORECASE
# The Subject: line, after any other header lines a written email opens with ("To: Sam Lee", as a
# drafted email's .docx does); those are not part of the body.
_SUBJECT = re.compile(
    r"\A(?:[ \t\r\n]*(?:to|from|cc|bcc|date|reply-to)[ \t]*:[^\n]*\n)*"
    r"[ \t\r\n]*subject[ \t]*:[ \t]*(?P<subject>[^\n]*)\n?",
    _I,
)
_ATTACH_CUE = Gated(
    r"\b(?:attach\w*|enclos\w*|please\s+find|find\s+(?:my|the)|here\s+(?:is|are)|I(?:'ve|\s+have)\s+(?:added|included|"
    r"linked|uploaded|sent|submitted)|included|linked|link\s+to|links?\s+(?:below|above)|(?:is|are)\s+below)\b",
    _I,
)
_FILENAME = Gated(
    r"(?<![\w.,()-])[\w(-][\w().,-]{0,120}\.(?:pdf|docx?|odt|rtf|txt|md|zip|pptx?|key|xlsx?|csv|png|jpe?g|mp4|mov)\b",
    _I,
)


class ParsedEmail(NamedTuple):
    """An email split into subject and body, with where each starts in the original text."""

    subject: str | None
    subject_start: int
    body: str
    body_start: int


def parse_email(text: str) -> ParsedEmail:
    """Split ``text`` into an optional leading ``Subject: ...`` line and the body (blank lines after it dropped)."""
    m = _SUBJECT.match(text)
    if not m:
        return ParsedEmail(None, 0, text, 0)
    subject = m.group("subject").strip()
    body_start = m.end()
    while body_start < len(text) and text[body_start] in "\r\n":
        body_start += 1
    return ParsedEmail(subject or None, m.start("subject"), text[body_start:], body_start)


_mentioned_cache: dict[str, frozenset[Material]] = {}
_MENTIONED_MAX = 4096


def mentioned(text: str) -> frozenset[Material]:
    """:func:`referral_ai.inputs.materials.mentioned_materials`, cached by text (an email re-checked on
    every keystroke re-reads only what changed)."""
    hit = _mentioned_cache.get(text)
    if hit is None:
        from referral_ai.inputs.materials import mentioned_materials

        hit = frozenset(mentioned_materials(text))
        if len(_mentioned_cache) >= _MENTIONED_MAX:
            _mentioned_cache.clear()
        _mentioned_cache[text] = hit
    return hit


class Attached(NamedTuple):
    """A material an email attaches: the fields of :class:`~referral_ai.models.Attachment`, without
    pydantic (what :func:`~referral_ai.validators.validate` reads of a hand-written email)."""

    material: Material
    filename: str | None = None
    note: str | None = None


def email_attachments(body: str) -> list[Attachment]:
    """The materials an email's ``body`` attaches, encloses or links (see :func:`draft_from_text`)."""
    from referral_ai.models import Attachment

    return [
        Attachment(**{k: v for k, v in a._asdict().items() if v is not None})
        for a in attached_materials(body)
    ]


def attached_materials(body: str) -> list[Attached]:
    """:func:`email_attachments` as :class:`Attached` records."""
    from referral_ai.validators._text import split_sentences

    mentioned_materials = mentioned

    found: dict[Material, Attached] = {}
    for s in split_sentences(body):
        if "." not in s.text and not _ATTACH_CUE.search(s.text):
            continue
        names = [f.group().strip() for f in _FILENAME.finditer(s.text)]
        for name in names:
            for mat in sorted(
                mentioned_materials(re.sub(r"[_.-]+", " ", name)), key=lambda x: x.value
            ):
                found.setdefault(mat, Attached(mat, filename=name))
        if _ATTACH_CUE.search(s.text):
            for mat in sorted(mentioned_materials(s.text), key=lambda x: x.value):
                found.setdefault(mat, Attached(mat, note="mentioned in the email"))
    return list(found.values())


def draft_from_text(text: str, kind: DraftKind = DraftKind.follow_up) -> Draft:
    """A :class:`~referral_ai.models.Draft` from a hand-written email.

    A leading ``Subject: ...`` line becomes the subject; materials named in sentences that attach,
    enclose or link them ("Attached are my resume and portfolio", "my code sample is linked below") or
    as file names ("Jordan_Lee_Resume.pdf") become ``attachments``. ``writer`` is ``"human"``.
    """
    from referral_ai.models import Draft

    parsed = parse_email(text)
    return Draft(
        kind=kind,
        body=parsed.body,
        subject=parsed.subject,
        attachments=email_attachments(parsed.body),
        writer="human",
    )
