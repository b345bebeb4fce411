"""Word (.docx) export: a business letter for the cover letter, a readable copy of each email.

Both writers build the document with python-docx, set the page size, margins and font explicitly, fill
the document properties (author = the candidate, a real title; nothing says "python-docx"), and write it
either to a binary stream or atomically to a path (never replacing a file unless ``overwrite=True``).
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Iterable
from datetime import date as Date
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Literal

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Inches, Mm, Pt
from docx.styles.style import ParagraphStyle

from referral_ai.export.text import needs_blurb_section
from referral_ai.files import atomic_write
from referral_ai.models import Draft, DraftContext, DraftKind, Resume
from referral_ai.writers.offline import person

__all__ = [
    "Dest",
    "PageSize",
    "add_linked_text",
    "letter_parts",
    "write_email_docx",
    "write_letter_docx",
]

PageSize = Literal["letter", "a4"]
Dest = str | os.PathLike[str] | IO[bytes]

_PAGE_SIZES: dict[str, tuple[Any, Any]] = {
    "letter": (Inches(8.5), Inches(11)),
    "a4": (Mm(210), Mm(297)),
}
_SALUTATION_RE = re.compile(
    r"^(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening)|to whom it may concern)\b[^\n]{0,80}$",
    re.IGNORECASE,
)
_CLOSING_RE = re.compile(
    r"^(?:sincerely|yours sincerely|sincerely yours|yours faithfully|yours truly|best regards|kind regards|"
    r"warm regards|warmest regards|regards|best|all the best|many thanks|thank you|thanks|with thanks|"
    r"with appreciation|respectfully|cheers)[,.!]?$",
    re.IGNORECASE,
)
_KIND_LABEL = {
    DraftKind.cover_letter: "Cover letter",
    DraftKind.follow_up: "Follow-up email",
    DraftKind.intro_request: "Introduction request",
    DraftKind.reminder: "Reminder email",
}


# --------------------------------------------------------------------------- shared pieces


def _human_date(d: Date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


_KEEP_STYLES = frozenset(
    {
        "Normal",
        "DefaultParagraphFont",
        "TableNormal",
        "NoList",
        "ListBullet",
        "Heading2",
        "Heading2Char",
    }
)
_DROP_RELS = ("stylesWithEffects", "thumbnail", "customXml")


@functools.lru_cache(maxsize=8)
def _template(page: PageSize, font: str, font_size: float) -> bytes:
    """A lean starting document, built once per (page, font, size) and reused.

    python-docx's bundled template carries two 430 KB style sheets (styles + stylesWithEffects), a
    thumbnail of another document and a bibliography part. We keep only the styles we use (no latent
    styles), drop the rest, and set the page size, 1-inch margins and ``font`` in the Normal style.
    Parsing and saving this template is several times faster, and the files are smaller.
    """
    doc = Document()
    pkg = doc.part.package
    for owner in (doc.part, pkg):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _DROP_RELS:
                owner.rels.pop(r_id)
    styles = doc.styles.element
    for child in list(styles):
        tag = child.tag
        if tag == f"{_W}latentStyles" or (
            tag == f"{_W}style" and child.get(f"{_W}styleId") not in _KEEP_STYLES
        ):
            styles.remove(child)

    section = Section(doc.element.body.sectPr, doc.part)
    section.page_width, section.page_height = _PAGE_SIZES[page]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    section.header_distance = Inches(0.5)
    section.footer_distance = Inches(0.5)
    normal = ParagraphStyle(_style_element(doc, "Normal"))
    normal.font.name = font
    normal.font.size = Pt(font_size)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(8)
    pf.line_spacing = 1.08
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _new_document(*, page: PageSize, font: str, font_size: float) -> Any:
    """A blank document with explicit page size, 1-inch margins and ``font`` in the Normal style."""
    if page not in _PAGE_SIZES:
        raise ValueError(f"page must be 'letter' or 'a4', not {page!r}")
    return Document(io.BytesIO(_template(page, font, float(font_size))))


def _set_properties(doc: Any, *, author: str, title: str, subject: str, when: datetime) -> None:
    """Fill every core property so nothing of the template (``python-docx``) remains."""
    cp = doc.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = title
    cp.subject = subject
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.content_status = ""
    cp.identifier = ""
    cp.language = "en-US"
    cp.version = ""
    cp.revision = 1
    cp.created = when
    cp.modified = when
    cp.last_printed = when


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STYLE_IDS = {"Normal": "Normal", "List Bullet": "ListBullet", "Heading 2": "Heading2"}


def _style_element(doc: Any, style_id: str) -> Any:
    el = doc.styles.element.find(f"{_W}style[@{_W}styleId='{style_id}']")
    if el is None:  # not the python-docx default template
        raise KeyError(style_id)
    return el


def _style_id(doc: Any, name: str) -> str:
    """The id of paragraph style ``name`` in the default template (checked to exist)."""
    style_id = _STYLE_IDS.get(name)
    if style_id is None or doc.styles.element.find(f"{_W}style[@{_W}styleId='{style_id}']") is None:
        return str(doc.styles[name].style_id)
    return style_id


def _emit(doc: Any, dest: Dest, overwrite: bool) -> Path | None:
    """Save ``doc`` to a binary stream, or atomically to a path (returned)."""
    if isinstance(dest, (str, os.PathLike)):
        buf = io.BytesIO()
        doc.save(buf)
        return atomic_write(dest, buf.getvalue(), overwrite=overwrite)
    doc.save(dest)
    return None


# Web addresses in running text: with a scheme, "www.", or a bare "host.tld/path" (github.com/jo).
_URL_RE = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"]+"
    r"|\b(?:[A-Za-z0-9-]+\.)+(?:com|org|net|io|dev|me|co|app|ai|page|site|uk|de)/[^\s<>\"]*",
    re.IGNORECASE,
)
_LINK_COLOR = "0563C1"  # Word's own hyperlink blue


def _url_span(match: re.Match[str]) -> tuple[int, int]:
    """The span of a URL without the sentence punctuation after it ("...4821)." -> "...4821")."""
    start, end = match.span()
    text = match.string
    while end > start:
        last = text[end - 1]
        if last in ".,;:!?'\"" or (
            last == ")" and text[start:end].count("(") < text[start:end].count(")")
        ):
            end -= 1
        else:
            break
    return start, end


def _hyperlink(paragraph: Any, text: str, target: str, *, bold: bool = False) -> None:
    """Append ``text`` to ``paragraph`` as a clickable link to ``target`` (an external relationship)."""
    r_id = paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    if bold:
        rpr.append(OxmlElement("w:b"))
    color = OxmlElement("w:color")
    color.set(qn("w:val"), _LINK_COLOR)
    rpr.append(color)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.append(underline)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def add_linked_text(paragraph: Any, text: str, *, bold: bool = False) -> None:
    """Append ``text`` to a python-docx paragraph, every web address in it a clickable hyperlink.

    Addresses with a scheme link to themselves; "www.x.org" and "github.com/jo" link to ``https://``
    plus the address. Punctuation ending the sentence after an address stays outside the link. The
    paragraph's text (``paragraph.text``) reads exactly as ``text``.
    """
    pos = 0
    for m in _URL_RE.finditer(text):
        start, end = _url_span(m)
        if end <= start:
            continue
        if start > pos:
            paragraph.add_run(text[pos:start]).bold = bold or None
        url = text[start:end]
        target = url if re.match(r"https?://", url, re.IGNORECASE) else "https://" + url
        _hyperlink(paragraph, url, target, bold=bold)
        pos = end
    if pos < len(text):
        paragraph.add_run(text[pos:]).bold = bold or None


def _add_lines(
    doc: Any, lines: Iterable[str], *, space_after: float = 0, bold_first: bool = False
) -> None:
    for i, line in enumerate(lines):
        p = doc.add_paragraph()
        add_linked_text(p, line, bold=bold_first and i == 0)
        p.paragraph_format.space_after = Pt(space_after)


def _add_text_paragraph(doc: Any, text: str, *, space_after: float | None = None) -> None:
    """One paragraph; single newlines inside ``text`` become line breaks; "- " lines become bullets."""
    lines = text.split("\n")
    items = [i for i, line in enumerate(lines) if line.startswith(("- ", "* "))]
    if items and items == list(range(len(lines) - len(items), len(lines))):
        # Optional lead-in line(s), then a "- " list: a paragraph and real bullets.
        if items[0] > 0:
            _add_text_paragraph(doc, "\n".join(lines[: items[0]]), space_after=2)
        style_id = _style_id(doc, "List Bullet")
        for i in items:
            p = doc.add_paragraph()
            add_linked_text(p, lines[i][2:].strip())
            p._p.style = (
                style_id  # by id: python-docx's by-name lookup re-scans the styles every call
            )
        return
    p = doc.add_paragraph()
    for i, line in enumerate(lines):
        add_linked_text(p, line)
        if i < len(lines) - 1:
            p.add_run().add_break(WD_BREAK.LINE)
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)


def _paragraphs(body: str) -> list[str]:
    return [p.strip("\n") for p in re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n")) if p.strip()]


def letter_parts(body: str) -> tuple[str | None, list[str], str | None, str | None]:
    """Split a letter body into (salutation, body paragraphs, closing, signature).

    The salutation is a short first paragraph starting "Dear"/"Hello"/"Hi"...; the closing is a last
    paragraph whose first line is "Sincerely,"/"Best regards,"/"Thank you,"... (its other lines are the
    signature). Parts that are not there are None; the body paragraphs are everything else, in order.
    """
    paras = _paragraphs(body)
    salutation = None
    if paras and "\n" not in paras[0] and _SALUTATION_RE.match(paras[0].strip()):
        salutation = paras.pop(0).strip()
    closing = signature = None
    if paras:
        last_lines = [line.strip() for line in paras[-1].split("\n") if line.strip()]
        if last_lines and _CLOSING_RE.match(last_lines[0]):
            paras.pop()
            closing = last_lines[0]
            signature = "\n".join(last_lines[1:]) or None
        elif len(last_lines) == 1 and len(paras) >= 2:
            prev_lines = [line.strip() for line in paras[-2].split("\n") if line.strip()]
            if (
                len(prev_lines) == 1
                and _CLOSING_RE.match(prev_lines[0])
                and len(last_lines[0]) <= 60
            ):
                closing, signature = prev_lines[0], last_lines[0]
                del paras[-2:]
    return salutation, paras, closing, signature


def _bottom_border(paragraph: Any) -> None:
    p_bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "808080")):
        bottom.set(qn(key), value)
    p_bdr.append(bottom)
    paragraph._p.get_or_add_pPr().append(p_bdr)


def _candidate(resume: Resume) -> str:
    return (resume.name or resume.contact.name or "").strip()


def _contact_line(resume: Resume) -> str:
    c = resume.contact
    parts = [p.strip() for p in (c.email, c.phone, c.location) if p and p.strip()]
    parts += [link.strip() for link in c.links[:2] if link.strip()]
    return " \u00b7 ".join(parts)


def _place(location: str | None) -> str | None:
    """A posting location as an address line: "Denver, CO (hybrid)" -> "Denver, CO"."""
    if not location:
        return None
    cleaned = re.sub(
        r"\s*\((?:hybrid|remote|on-?site|in[- ]office)[^)]*\)", "", location, flags=re.IGNORECASE
    )
    cleaned = re.sub(
        r"\s*[-\u2013\u2014/|]\s*(?:hybrid|remote|on-?site)\b.*$", "", cleaned, flags=re.IGNORECASE
    )
    cleaned = cleaned.strip(" ,;")
    if not cleaned or cleaned.lower() in {"remote", "hybrid", "anywhere"}:
        return None
    return cleaned


def _when(d: Date | None) -> tuple[Date, datetime]:
    if d is None:
        now = datetime.now(timezone.utc).replace(microsecond=0)
        return now.date(), now
    if isinstance(d, datetime):
        stamp = d if d.tzinfo else d.replace(tzinfo=timezone.utc)
        return d.date(), stamp.replace(microsecond=0)
    return d, datetime(d.year, d.month, d.day, 12, 0, tzinfo=timezone.utc)


# --------------------------------------------------------------------------- the letter


def write_letter_docx(
    draft: Draft,
    ctx: DraftContext,
    dest: Dest,
    *,
    overwrite: bool = False,
    date: Date | None = None,
    page: PageSize = "letter",
    font: str = "Calibri",
    font_size: float = 11,
) -> Path | None:
    """Write ``draft`` (a cover letter) as a business letter .docx to ``dest`` (a path or binary stream).

    Layout: letterhead (candidate name; email · phone · location · links), date (``date``, default
    today), recipient block (contact, company, city), salutation, body paragraphs, closing
    ("Sincerely," unless the draft has its own) and signature (the candidate's name). The salutation and
    closing are taken from the draft when it has them (see :func:`letter_parts`), otherwise written.
    ``page`` is ``"letter"`` (default) or ``"a4"``; margins are 1 inch. Returns the path written, or
    None for a stream. Raises :class:`~referral_ai.errors.OutputExistsError` if the path exists and
    ``overwrite`` is false.
    """
    day, stamp = _when(date)
    posting = ctx.posting
    name = _candidate(ctx.resume)
    salutation, body, closing, signature = letter_parts(draft.body)
    recipient = person(draft.to) or person(posting.contact) or person(ctx.referral.contact) or ""

    doc = _new_document(page=page, font=font, font_size=font_size)
    if name:
        p = doc.add_paragraph()
        run = p.add_run(name)
        run.bold = True
        run.font.size = Pt(font_size + 7)
        p.paragraph_format.space_after = Pt(2)
    contact_line = _contact_line(ctx.resume)
    if contact_line:
        _add_lines(doc, [contact_line], space_after=0)
    rule = doc.add_paragraph()  # a thin rule under the letterhead
    rule.paragraph_format.space_after = Pt(12)
    _bottom_border(rule)

    _add_lines(doc, [_human_date(day)], space_after=12)
    block = [line for line in (recipient, posting.company, _place(posting.location)) if line]
    if block:
        _add_lines(doc, block[:-1], space_after=0)
        _add_lines(doc, block[-1:], space_after=12)

    if not salutation:
        salutation = f"Dear {recipient}," if recipient else "Dear Hiring Manager,"
    _add_text_paragraph(doc, salutation)
    for para in body:
        _add_text_paragraph(doc, para)

    closing_p = doc.add_paragraph(closing or "Sincerely,")
    closing_p.paragraph_format.space_before = Pt(4)
    closing_p.paragraph_format.space_after = Pt(24) if (signature or name) else Pt(0)
    if signature or name:
        _add_text_paragraph(doc, signature or name, space_after=0)

    title = f"Cover letter \u2014 {posting.title}" + (
        f", {posting.company}" if posting.company else ""
    )
    _set_properties(doc, author=name, title=title, subject=posting.title, when=stamp)
    return _emit(doc, dest, overwrite)


# --------------------------------------------------------------------------- emails


def _recipient_line(draft: Draft, ctx: DraftContext) -> str | None:
    ref = ctx.referral
    if draft.kind is DraftKind.intro_request:
        name, email = ref.introducer, ref.introducer_email
    else:
        name, email = (draft.to or ref.contact), ref.contact_email
    name = person(name)
    if name and email:
        return f"{name} <{email}>"
    return name or email


def _attachments_line(draft: Draft) -> str | None:
    items: list[str] = []
    for att in draft.attachments:
        label = att.material.label
        label = label[:1].upper() + label[1:]
        if att.filename:
            items.append(f"{label} ({att.filename})")
        elif att.note:
            items.append(f"{label}: {att.note}")
        else:
            items.append(label)
    return "; ".join(items) if items else None


def write_email_docx(
    draft: Draft,
    ctx: DraftContext,
    dest: Dest,
    *,
    overwrite: bool = False,
    date: Date | None = None,
    page: PageSize = "letter",
    font: str = "Calibri",
    font_size: float = 11,
) -> Path | None:
    """Write an email draft as a .docx: To / Subject / Attachments lines, the body (and the blurb once).

    The header lines show the recipient (name and address when known), the subject and every
    attachment with its file name or note. The body follows paragraph by paragraph ("- " lists become
    bullets). A paste-ready blurb that the body does not already contain is added under its own heading
    so it can be copied on its own; a blurb the body already shows is not repeated. Same
    ``dest``/``overwrite``/``page`` rules as :func:`write_letter_docx`.
    """
    _, stamp = _when(date)
    posting = ctx.posting
    name = _candidate(ctx.resume)
    doc = _new_document(page=page, font=font, font_size=font_size)

    header: list[tuple[str, str]] = []
    to = _recipient_line(draft, ctx)
    if to:
        header.append(("To", to))
    if draft.subject:
        header.append(("Subject", draft.subject))
    atts = _attachments_line(draft)
    if atts:
        header.append(("Attachments", atts))
    for i, (label, value) in enumerate(header):
        p = doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        add_linked_text(p, value)
        p.paragraph_format.space_after = Pt(12 if i == len(header) - 1 else 2)

    for para in _paragraphs(draft.body):
        _add_text_paragraph(doc, para)

    if draft.blurb and needs_blurb_section(draft):
        heading = doc.add_paragraph("Blurb (paste-ready)")
        heading._p.style = _style_id(doc, "Heading 2")
        _add_text_paragraph(doc, draft.blurb)

    title = f"{_KIND_LABEL[draft.kind]} \u2014 {posting.title}" + (
        f", {posting.company}" if posting.company else ""
    )
    _set_properties(
        doc, author=name, title=title, subject=draft.subject or posting.title, when=stamp
    )
    return _emit(doc, dest, overwrite)
