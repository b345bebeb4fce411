"""Word (.docx) export: a business letter for the cover letter, a readable copy of each email.

Both writers build the document with python-docx, set the page size, margins and font explicitly, fill
the document properties (author = the candidate, a real title; nothing says "python-docx"), and write it
either to a binary stream or atomically to a path (never replacing a file unless ``overwrite=True``).
"""

from __future__ import annotations

import copy
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
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Inches, Mm, Pt
from docx.styles.style import ParagraphStyle

from referral_ai.errors import InputError
from referral_ai.export.text import needs_blurb_section
from referral_ai.files import atomic_write
from referral_ai.models import Draft, DraftContext, DraftKind, Resume
from referral_ai.writers.offline import person

__all__ = [
    "STYLE_NAMES",
    "Dest",
    "PageSize",
    "add_linked_text",
    "human_date",
    "letter_parts",
    "load_template",
    "new_document",
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


def human_date(d: Date, page: str = "letter") -> str:
    """The date as a letter on this paper writes it: "November 25, 2026" (Letter, US usage) or
    "25 November 2026" (A4: British and international usage)."""
    if page == "a4":
        return f"{d.day} {d:%B} {d.year}"
    return f"{d:%B} {d.day}, {d.year}"


_human_date = human_date

# Named paragraph styles of the built-in design (a user restyles them in Word): name -> (size delta,
# bold, italic, space before, space after, keep with next, border below).
_NAMED: dict[str, tuple[float, bool, bool, float, float, bool, bool]] = {
    "Letterhead Name": (7, True, False, 0, 2, True, False),
    "Letterhead Contact": (0, False, False, 0, 0, True, False),
    "Letterhead Rule": (0, False, False, 0, 12, False, True),
    "Letter Date": (0, False, False, 0, 12, False, False),
    "Recipient": (0, False, False, 0, 0, True, False),
    "Salutation": (0, False, False, 0, 8, True, False),
    "Letter Body": (0, False, False, 0, 8, False, False),
    "Closing": (0, False, False, 4, 24, True, False),
    "Signature": (0, False, False, 0, 0, False, False),
    "Email Header": (0, False, False, 0, 2, True, False),
    "Email Body": (0, False, False, 0, 8, False, False),
    "Resume Name": (8, True, False, 0, 0, True, False),
    "Resume Contact": (-1, False, False, 0, 4, True, False),
    "Resume Heading": (0.5, True, False, 9, 3, True, True),
    "Resume Role": (0, True, False, 5, 0, True, False),
    "Resume Detail": (-0.5, False, True, 0, 1, True, False),
    "Resume Text": (0, False, False, 0, 3, False, False),
}
#: The named paragraph styles every document uses (Word shows them in its Styles pane).
STYLE_NAMES: tuple[str, ...] = (*_NAMED, "Resume Bullet")


def _sid(name: str) -> str:
    return name.replace(" ", "")


def _add_named_styles(doc: Any, font_size: float) -> None:
    """Add the design's named styles that ``doc`` lacks (based on its Normal, so a user's
    template keeps its font and colours)."""
    have = {s.name for s in doc.styles}
    for name, (delta, bold, italic, before, after, keep, border) in _NAMED.items():
        if name in have:
            continue
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.element.set(qn("w:styleId"), _sid(name))
        st.base_style = doc.styles["Normal"]
        st.quick_style = True
        if delta:
            st.font.size = Pt(font_size + delta)
        st.font.bold = bold or None
        st.font.italic = italic or None
        pf = st.paragraph_format
        pf.space_before = Pt(before)
        pf.space_after = Pt(after)
        if keep:
            pf.keep_with_next = True
        if border:
            _bottom_border_el(st.element.get_or_add_pPr())
    if "Resume Bullet" not in have:
        st = doc.styles.add_style("Resume Bullet", WD_STYLE_TYPE.PARAGRAPH)
        st.element.set(qn("w:styleId"), "ResumeBullet")
        try:
            st.base_style = doc.styles["List Bullet"]
        except KeyError:
            st.base_style = doc.styles["Normal"]
        st.quick_style = True
        st.paragraph_format.space_after = Pt(1)


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
    _add_named_styles(doc, font_size)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@functools.lru_cache(maxsize=8)
def _parsed_template(page: PageSize, font: str, font_size: float) -> tuple[Any, dict[int, Any]]:
    """The lean starting document (:func:`_template`) parsed once, and the parts its copies share.

    :func:`new_document` hands out deep copies, so the original is never written to. A document
    writes only to its body (the main part and its relationships) and its properties: the other
    parts (styles, settings, theme, numbering, font table, app properties) are shared by every
    copy instead of copied, and compressed once (:func:`referral_ai.export.opc.freeze`). Returns
    the document and the ``deepcopy`` memo that shares those parts.
    """
    from docx.opc.parts.coreprops import CorePropertiesPart

    from referral_ai.export import opc

    doc = Document(io.BytesIO(_template(page, font, font_size)))
    shared = [
        part
        for part in doc.part.package.iter_parts()
        if part is not doc.part and not isinstance(part, CorePropertiesPart)
    ]
    opc.freeze(shared)
    return doc, {id(part): part for part in shared}


_TEMPLATE_LIMIT = 20 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Placeholders a docxtpl letter template may use ({{ name }}, ...); ``body`` is required.
TEMPLATE_FIELDS: frozenset[str] = frozenset(
    {
        "name", "email", "phone", "location", "links", "contact", "date", "recipient", "company",
        "address", "salutation", "body", "closing", "signature", "title", "role", "subject",
    }
)  # fmt: skip


def _template_bytes(path: Path) -> bytes:
    """The template's bytes, checked: a readable, unencrypted .docx (one-line errors)."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the template: {exc.strerror or exc}", source=shown) from None
    if len(data) > _TEMPLATE_LIMIT:
        raise InputError("the template is over 20 MB; is it a letter template?", source=shown)
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            "password-protected (or old .doc) template: save it as an unprotected .docx",
            source=shown,
        )
    if not data.startswith(b"PK"):
        raise InputError(
            "the template is not a .docx file (corrupt or another format)", source=shown
        )
    return data


def _uses_placeholders(data: bytes) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
            return any(re.search(rb"\{\{|\{%", z.read(n)) for n in parts)
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return False


def load_template(path: str | os.PathLike[str], values: dict[str, Any] | None = None) -> Any:
    """Open the user's template as a python-docx Document (a letterhead: styles, header, footer).

    A docxtpl template (``{{ name }}`` ... placeholders) is rendered with ``values``; an unknown
    placeholder is an error naming it, and so is a letter template without ``{{ body }}`` (when
    ``values`` has a body). Raises :class:`~referral_ai.errors.InputError` for a corrupt,
    password-protected or unreadable template.
    """
    p = Path(path)
    data = _template_bytes(p)
    if _uses_placeholders(data):
        from docxtpl import DocxTemplate  # type: ignore[import-untyped]

        try:
            tpl = DocxTemplate(io.BytesIO(data))
            declared = set(tpl.get_undeclared_template_variables())
        except Exception as exc:  # jinja2 syntax errors, broken parts
            raise InputError(
                f"cannot read the template's placeholders ({exc})", source=str(p)
            ) from None
        unknown = sorted(declared - TEMPLATE_FIELDS)
        if unknown:
            raise InputError(
                f"unknown placeholder(s) {', '.join('{{ ' + u + ' }}' for u in unknown)}; "
                f"use {', '.join(sorted(TEMPLATE_FIELDS))}",
                source=str(p),
            )
        if values is not None and "body" in values and "body" not in declared:
            raise InputError(
                "the template has no {{ body }} placeholder for the letter", source=str(p)
            )
        try:
            tpl.render(values or {f: "" for f in TEMPLATE_FIELDS}, autoescape=True)
        except Exception as exc:
            raise InputError(f"cannot fill the template ({exc})", source=str(p)) from None
        return tpl.docx
    try:
        return Document(io.BytesIO(data))
    except Exception:  # BadZipFile, KeyError (no document part), XML errors
        raise InputError("the template is not a readable .docx (corrupt?)", source=str(p)) from None


def _clear_body(doc: Any) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != f"{_W}sectPr":
            body.remove(child)


def new_document(
    *,
    page: PageSize,
    font: str = "Calibri",
    font_size: float = 11,
    template: Path | None = None,
    values: dict[str, Any] | None = None,
) -> Any:
    """A blank document: the built-in design, or the user's ``template`` (its styles, header and
    footer, placeholders there filled from ``values``; its body removed), with the page size set
    and the named styles present."""
    if page not in _PAGE_SIZES:
        raise ValueError(f"page must be 'letter' or 'a4', not {page!r}")
    if template is None:
        doc, shared = _parsed_template(page, font, float(font_size))
        return copy.deepcopy(doc, dict(shared))
    doc = load_template(template, values)
    _clear_body(doc)
    _fit_template(doc, page, font_size)
    return doc


def _fit_template(doc: Any, page: PageSize, font_size: float) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = _PAGE_SIZES[page]
    _add_named_styles(doc, font_size)


_new_document = new_document


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
    """Save ``doc`` to a binary stream, or atomically to a path (returned). The package is
    written by :func:`referral_ai.export.opc.package_bytes` (the template's parts are copied
    compressed), the same members ``doc.save`` writes."""
    from referral_ai.export.opc import package_bytes

    data = package_bytes(doc.part.package)
    if isinstance(dest, (str, os.PathLike)):
        return atomic_write(dest, data, overwrite=overwrite)
    dest.write(data)
    return None


# Web addresses in running text: with a scheme, "www.", or a bare "host.tld/path" (github.com/jo).
_URL_RE = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"]+"
    # A bare host is tried from the first letter or digit of its dotted run only (after at most 2
    # dashes, or after "..", where labels restart), so a long run is not rescanned from each label.
    r"|\b(?:(?<![A-Za-z0-9.-])|(?<=\.)(?<![A-Za-z0-9-]\.)|(?<=-)(?<![A-Za-z0-9.-]-)|(?<=--)(?<![A-Za-z0-9.-]--))"
    r"(?:[A-Za-z0-9-]+\.)+(?:com|org|net|io|dev|me|co|app|ai|page|site|uk|de)/[^\s<>\"]*",
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


_R, _RPR, _T, _TAB, _BR = qn("w:r"), qn("w:rPr"), qn("w:t"), qn("w:tab"), qn("w:br")
_BOLD, _COLOR, _U, _VAL = qn("w:b"), qn("w:color"), qn("w:u"), qn("w:val")
_SPACE = qn("xml:space")


def _run(parent: Any, text: str, *, bold: bool = False, link: bool = False) -> None:
    """Append a ``w:r`` with ``text`` to ``parent`` (tabs and newlines as ``w:tab`` / ``w:br``,
    like python-docx's ``run.text``), built with lxml directly: a letter has dozens of runs, and
    python-docx's ``add_run`` costs far more per run than the XML it makes."""
    from lxml import etree

    r = etree.SubElement(parent, _R)
    if bold or link:
        rpr = etree.SubElement(r, _RPR)
        if bold:
            etree.SubElement(rpr, _BOLD)
        if link:
            etree.SubElement(rpr, _COLOR).set(_VAL, _LINK_COLOR)
            etree.SubElement(rpr, _U).set(_VAL, "single")
    for i, line in enumerate(text.replace("\r\n", "\n").split("\n")):
        if i:
            etree.SubElement(r, _BR)
        for j, part in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, _TAB)
            if part:
                t = etree.SubElement(r, _T)
                t.text = part
                if part != part.strip():
                    t.set(_SPACE, "preserve")


_P, _PPR, _PSTYLE, _SPACING, _AFTER = (
    qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:spacing"), qn("w:after")
)  # fmt: skip
_SECT_PR = qn("w:sectPr")


def _para(doc: Any, style_id: str | None = None, *, space_after: float | None = None) -> Any:
    """A new empty paragraph at the end of the body (before its section properties), in the style
    of id ``style_id``, with ``space_after`` points after it: the XML python-docx's
    ``add_paragraph`` + ``style`` + ``paragraph_format.space_after`` make, built with lxml directly
    (those calls cost several times the XML they make, a letter has dozens of paragraphs)."""
    from docx.text.paragraph import Paragraph
    from lxml import etree

    body = doc.element.body
    p = body.makeelement(_P, {})
    if style_id is not None or space_after is not None:
        ppr = etree.SubElement(p, _PPR)
        if style_id is not None:
            etree.SubElement(ppr, _PSTYLE).set(_VAL, style_id)
        if space_after is not None:
            etree.SubElement(ppr, _SPACING).set(_AFTER, str(Pt(space_after).twips))
    sect = body.find(_SECT_PR)
    if sect is not None:
        sect.addprevious(p)
    else:
        body.append(p)
    return Paragraph(p, doc._body)


def _line_break(paragraph: Any) -> None:
    """A line break (``w:br``) at the end of ``paragraph``, as ``add_run().add_break()`` makes."""
    from lxml import etree

    etree.SubElement(etree.SubElement(paragraph._p, _R), _BR)


def _hyperlink(paragraph: Any, text: str, target: str, *, bold: bool = False) -> None:
    """Append ``text`` to ``paragraph`` as a clickable link to ``target`` (an external relationship)."""
    from lxml import etree

    r_id = paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True)
    link = etree.SubElement(paragraph._p, qn("w:hyperlink"))
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    _run(link, text, bold=bold, link=True)


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
            _run(paragraph._p, text[pos:start], bold=bold)
        url = text[start:end]
        target = url if re.match(r"https?://", url, re.IGNORECASE) else "https://" + url
        _hyperlink(paragraph, url, target, bold=bold)
        pos = end
    if pos < len(text):
        _run(paragraph._p, text[pos:], bold=bold)


def _add_lines(
    doc: Any, lines: Iterable[str], *, space_after: float = 0, bold_first: bool = False
) -> None:
    for i, line in enumerate(lines):
        add_linked_text(_para(doc, space_after=space_after), line, bold=bold_first and i == 0)


def _add_text_paragraph(doc: Any, text: str, *, space_after: float | None = None) -> None:
    """One paragraph; single newlines inside ``text`` become line breaks; "- " lines become bullets."""
    lines = text.split("\n")
    items = [i for i, line in enumerate(lines) if line.startswith(("- ", "* "))]
    if items and items == list(range(len(lines) - len(items), len(lines))):
        # Optional lead-in line(s), then a "- " list: a paragraph and real bullets.
        if items[0] > 0:
            _add_text_paragraph(doc, "\n".join(lines[: items[0]]), space_after=2)
        style_id = _style_id(doc, "List Bullet")  # by id: python-docx's by-name lookup is slow
        for i in items:
            add_linked_text(_para(doc, style_id), lines[i][2:].strip())
        return
    p = _para(doc, space_after=space_after)
    for i, line in enumerate(lines):
        add_linked_text(p, line)
        if i < len(lines) - 1:
            _line_break(p)


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
    _bottom_border_el(paragraph._p.get_or_add_pPr())


_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _bottom_border_el(ppr: Any) -> None:
    p_bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "808080")):
        bottom.set(qn(key), value)
    p_bdr.append(bottom)
    # schema order: pBdr comes before shd, tabs, spacing, ind, jc, rPr ...
    later = {qn(t) for t in _AFTER_PBDR}
    for i, child in enumerate(ppr):
        if child.tag in later:
            ppr.insert(i, p_bdr)
            return
    ppr.append(p_bdr)


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
        r"(?<!\s)\s*\((?:hybrid|remote|on-?site|in[- ]office)[^)]*\)",
        "",
        location,
        flags=re.IGNORECASE,
    )
    cleaned = re.sub(
        r"(?<!\s)\s*[-\u2013\u2014/|]\s*(?:hybrid|remote|on-?site)\b.*$",
        "",
        cleaned,
        flags=re.IGNORECASE,
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


def _styled(doc: Any, text: str, style: str, *, bold: bool = False) -> Any:
    """A paragraph of ``text`` (links clickable) in the named style (set by id: fast)."""
    p = _para(doc, _sid(style))
    if text:
        add_linked_text(p, text, bold=bold)
    return p


def _styled_text(doc: Any, text: str, style: str) -> None:
    """Like :func:`_add_text_paragraph` ("- " lists as bullets, line breaks kept) in ``style``."""
    lines = text.split("\n")
    items = [i for i, line in enumerate(lines) if line.startswith(("- ", "* "))]
    if items and items == list(range(len(lines) - len(items), len(lines))):
        if items[0] > 0:
            _styled_text(doc, "\n".join(lines[: items[0]]), style)
        style_id = _style_id(doc, "List Bullet")
        for i in items:
            add_linked_text(_para(doc, style_id), lines[i][2:].strip())
        return
    p = _para(doc, _sid(style))
    for i, line in enumerate(lines):
        add_linked_text(p, line)
        if i < len(lines) - 1:
            _line_break(p)


def person_values(resume: Resume) -> dict[str, str]:
    """The candidate's own fields, for a template's letterhead placeholders."""
    c = resume.contact
    return {
        "name": _candidate(resume),
        "email": c.email or "",
        "phone": c.phone or "",
        "location": c.location or "",
        "links": " \u00b7 ".join(c.links[:2]),
        "contact": _contact_line(resume),
    }


def letter_values(draft: Draft, ctx: DraftContext, *, day: Date, page: PageSize) -> dict[str, Any]:
    """What a letter shows, by placeholder name (see :data:`TEMPLATE_FIELDS`)."""
    posting = ctx.posting
    name = _candidate(ctx.resume)
    salutation, body, closing, signature = letter_parts(draft.body)
    recipient = person(draft.to) or person(posting.contact) or person(ctx.referral.contact) or ""
    if not salutation:
        salutation = f"Dear {recipient}," if recipient else "Dear Hiring Manager,"
    c = ctx.resume.contact
    return {
        "name": name,
        "email": c.email or "",
        "phone": c.phone or "",
        "location": c.location or "",
        "links": " \u00b7 ".join(c.links[:2]),
        "contact": _contact_line(ctx.resume),
        "date": human_date(day, page),
        "recipient": recipient,
        "company": posting.company or "",
        "address": _place(posting.location) or "",
        "salutation": salutation,
        "paragraphs": body,
        "body": "\n\n".join(body),
        "closing": closing or "Sincerely,",
        "signature": signature or name,
        "title": posting.title,
        "role": posting.title,
        "subject": draft.subject or "",
    }


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
    template: str | os.PathLike[str] | None = None,
) -> Path | None:
    """Write ``draft`` (a cover letter) as a business letter .docx to ``dest`` (a path or binary stream).

    Layout: letterhead (candidate name; email · phone · location · links), date (``date``, default
    today; "November 25, 2026" on Letter, "25 November 2026" on A4), recipient block (contact,
    company, city), salutation, body paragraphs, closing ("Sincerely," unless the draft has its own)
    and signature (the candidate's name). Every paragraph has a named style (Letterhead Name, Letter
    Date, Recipient, Salutation, Letter Body, Closing, Signature) to restyle in Word.
    ``template``: the user's .docx. A plain one lends its styles, header and footer (the letterhead
    is then left to its header when it has one); a docxtpl one (``{{ body }}`` and the other
    :data:`TEMPLATE_FIELDS`) is filled in. ``page`` is ``"letter"`` (default) or ``"a4"``. Returns
    the path written, or None for a stream. Raises :class:`~referral_ai.errors.OutputExistsError`
    if the path exists and ``overwrite`` is false, :class:`~referral_ai.errors.InputError` for a
    bad template.
    """
    day, stamp = _when(date)
    posting = ctx.posting
    values = letter_values(draft, ctx, day=day, page=page)
    name = values["name"]
    title = f"Cover letter \u2014 {posting.title}" + (
        f", {posting.company}" if posting.company else ""
    )
    tpl = Path(template) if template is not None else None
    if tpl is not None and _uses_placeholders(_template_bytes(tpl)):
        from docxtpl import Listing

        filled = dict(values)
        filled["body"] = Listing("\a".join(values["paragraphs"]))
        doc = load_template(tpl, filled)
        _fit_template(doc, page, font_size)
        _set_properties(doc, author=name, title=title, subject=posting.title, when=stamp)
        return _emit(doc, dest, overwrite)

    doc = new_document(page=page, font=font, font_size=font_size, template=tpl)
    has_header = tpl is not None and any(
        p.text.strip() for s in doc.sections for p in s.header.paragraphs
    )
    if not has_header:
        if name:
            _styled(doc, name, "Letterhead Name")
        if values["contact"]:
            _styled(doc, values["contact"], "Letterhead Contact")
        _styled(doc, "", "Letterhead Rule")  # a thin rule under the letterhead
    _styled(doc, values["date"], "Letter Date")
    block = [line for line in (values["recipient"], posting.company, values["address"]) if line]
    for i, line in enumerate(block):
        p = _styled(doc, line, "Recipient")
        if i == len(block) - 1:
            p.paragraph_format.space_after = Pt(12)
    _styled_text(doc, values["salutation"], "Salutation")
    for para in values["paragraphs"]:
        _styled_text(doc, para, "Letter Body")
    closing_p = _styled(doc, values["closing"], "Closing")
    if values["signature"]:
        _styled_text(doc, values["signature"], "Signature")
    else:
        closing_p.paragraph_format.space_after = Pt(0)
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
    template: str | os.PathLike[str] | None = None,
) -> Path | None:
    """Write an email draft as a .docx: To / Subject / Attachments lines, the body (and the blurb once).

    The header lines show the recipient (name and address when known), the subject and every
    attachment with its file name or note. The body follows paragraph by paragraph ("- " lists become
    bullets). A paste-ready blurb that the body does not already contain is added under its own heading
    so it can be copied on its own; a blurb the body already shows is not repeated. Same
    ``dest``/``overwrite``/``page``/``template`` rules as :func:`write_letter_docx` (a template
    lends its styles, header and footer). Styles: Email Header, Email Body.
    """
    _, stamp = _when(date)
    posting = ctx.posting
    name = _candidate(ctx.resume)
    values = {
        **person_values(ctx.resume),
        "date": human_date(_when(date)[0], page),
        "subject": draft.subject or "",
        "title": posting.title,
        "role": posting.title,
        "company": posting.company or "",
    }
    doc = new_document(
        page=page,
        font=font,
        font_size=font_size,
        template=Path(template) if template else None,
        values=values,
    )

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
        p = _para(doc, _sid("Email Header"), space_after=12 if i == len(header) - 1 else None)
        _run(p._p, f"{label}: ", bold=True)
        add_linked_text(p, value)

    for para in _paragraphs(draft.body):
        _styled_text(doc, para, "Email Body")

    if draft.blurb and needs_blurb_section(draft):
        _run(_para(doc, _style_id(doc, "Heading 2"))._p, "Blurb (paste-ready)")
        _styled_text(doc, draft.blurb, "Email Body")

    title = f"{_KIND_LABEL[draft.kind]} \u2014 {posting.title}" + (
        f", {posting.company}" if posting.company else ""
    )
    _set_properties(
        doc, author=name, title=title, subject=draft.subject or posting.title, when=stamp
    )
    return _emit(doc, dest, overwrite)
