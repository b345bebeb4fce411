"""Word .docx: paragraphs, tables and text boxes, with runs hidden by format removed."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from referral_ai.errors import InputError
from referral_ai.inputs.archive import open_zip
from referral_ai.inputs.formats import _ACCEPTED_HINT
from referral_ai.inputs.hidden import _MIN_PT, _NEAR_WHITE, _fill_is_dark, _hidden
from referral_ai.inputs.loaded import Kind, Loaded, _finish

if TYPE_CHECKING:
    from referral_ai.models import InputWarning  # pydantic: imported where a warning is made

# --------------------------------------------------------------------------- zip containers (docx)


def _read_zip(data: bytes, *, name: str, ext: str, kind: Kind) -> Loaded:
    hint = _ACCEPTED_HINT[kind]
    # sizes checked from the directory first; a .docx comes back rebuilt with bounded parts
    data, names = open_zip(data, name=name, ext=ext)
    if "word/document.xml" in names:
        return _read_docx(data, name=name, kind=kind)
    if any(n.startswith("xl/") for n in names):
        raise InputError(
            f"this is an Excel workbook (.xlsx), not a document; use {hint}", source=name
        )
    if any(n.startswith("ppt/") for n in names):
        raise InputError(
            f"this is a PowerPoint file (.pptx), not a document; use {hint}", source=name
        )
    if "content.xml" in names:
        raise InputError(
            f"OpenDocument files (.odt) are not supported; save as .docx or .pdf ({hint})",
            source=name,
        )
    if ext in {".docx", ".docm", ".dotx"}:
        raise InputError("corrupt .docx: word/document.xml is missing", source=name)
    raise InputError(f"this is a zip archive, not a document; use {hint}", source=name)


def _docx_color_hidden(color: Any) -> str | None:
    """Return a reason when a python-docx ColorFormat is white or near-white."""
    if color is None:
        return None
    try:
        rgb = color.rgb
    except (AttributeError, ValueError):
        rgb = None
    if rgb is not None and all(int(c) >= _NEAR_WHITE for c in rgb):
        return f"white text (color {rgb})"
    try:
        theme = color.theme_color
    except (AttributeError, ValueError):
        theme = None
    if theme is not None and getattr(theme, "name", "") in {"BACKGROUND_1", "LIGHT_1"}:
        return "white text (theme background color)"
    return None


def _font_hidden(font: Any) -> str | None:
    if font is None:
        return None
    if font.hidden or getattr(font, "spec_vanish", None):
        return "hidden text (w:vanish)"
    size = font.size
    if size is not None and size.pt < _MIN_PT:
        return f"tiny text ({size.pt:g}pt)"
    return _docx_color_hidden(
        font.color if font.color is not None and font.color.type is not None else None
    )


def _style_chain(style: Any) -> Iterator[Any]:
    seen = 0
    while style is not None and seen < 10:
        yield style
        style = getattr(style, "base_style", None)
        seen += 1


_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _dark_background(run: Any, paragraph: Any) -> bool:
    """True when the run sits on a dark shading or highlight (run, paragraph, table cell): white text shows."""
    rpr = run._r.rPr
    if rpr is not None:
        highlight = rpr.find(f"{_W_NS}highlight")
        if highlight is not None and highlight.get(f"{_W_NS}val") not in {None, "none", "white"}:
            return True
        shd = rpr.find(f"{_W_NS}shd")
        if shd is not None and _fill_is_dark(shd.get(f"{_W_NS}fill")):
            return True
    ppr = paragraph._p.pPr
    if ppr is not None:
        shd = ppr.find(f"{_W_NS}shd")
        if shd is not None and _fill_is_dark(shd.get(f"{_W_NS}fill")):
            return True
    for ancestor in paragraph._p.iterancestors(f"{_W_NS}tc", f"{_W_NS}tbl"):
        props = (
            ancestor.find(f"{_W_NS}tcPr")
            if ancestor.tag == f"{_W_NS}tc"
            else ancestor.find(f"{_W_NS}tblPr")
        )
        shd = props.find(f"{_W_NS}shd") if props is not None else None
        if shd is not None and _fill_is_dark(shd.get(f"{_W_NS}fill")):
            return True
    return False


def _run_hidden(run: Any, paragraph: Any) -> str | None:
    """Why a run is hidden from a reader (its own formatting, its style, the paragraph style), or None.

    White text on a dark shading, highlight or table-cell fill is visible and is not reported.
    """
    reason = _run_hidden_by_format(run, paragraph)
    if reason and reason.startswith("white text") and _dark_background(run, paragraph):
        return None
    return reason


def _run_hidden_by_format(run: Any, paragraph: Any) -> str | None:
    reason = _font_hidden(run.font)
    if reason:
        return reason
    # Only formatting the run does not override is inherited from its styles.
    for style in [*_style_chain(getattr(run, "style", None)), *_style_chain(paragraph.style)]:
        font = getattr(style, "font", None)
        if font is None:
            continue
        if run.font.hidden is None and font.hidden:
            return "hidden text (w:vanish in style)"
        if run.font.size is None and font.size is not None and font.size.pt < _MIN_PT:
            return f"tiny text ({font.size.pt:g}pt in style)"
        if run.font.color.type is None and font.color.type is not None:
            why = _docx_color_hidden(font.color)
            if why:
                return why + " in style"
    return None


def _read_docx(data: bytes, *, name: str, kind: Kind) -> Loaded:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - python-docx is a hard dependency
        raise InputError("python-docx is not installed", source=name) from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"corrupt .docx ({type(exc).__name__}: {exc})", source=name) from exc
    except Exception as exc:  # lxml XMLSyntaxError and friends
        raise InputError(f"corrupt .docx ({type(exc).__name__})", source=name) from exc

    from docx.table import Table
    from docx.text.hyperlink import Hyperlink
    from docx.text.paragraph import Paragraph

    warnings: list[InputWarning] = []
    # Layout hints for the resume parser (same shape as the PDF reader's Loaded.data["layout"]).
    styled: list[tuple[str, float, bool, bool, bool]] = []  # text, size, bold, title, heading

    def note_style(p: Paragraph, line: str) -> None:
        style_name = (p.style.name if p.style is not None and p.style.name else "").lower()
        runs = [r for r in p.runs if r.text.strip()]
        sizes = [r.font.size.pt for r in runs if r.font.size is not None]
        if not sizes:
            for st in _style_chain(p.style):
                font = getattr(st, "font", None)
                if font is not None and font.size is not None:
                    sizes = [font.size.pt]
                    break
        bold = bool(runs) and all(
            r.bold or (r.bold is None and p.style is not None and p.style.font.bold) for r in runs
        )
        styled.append(
            (
                line,
                max(sizes) if sizes else 11.0,  # Word's default body size when none is set
                bool(bold),
                style_name in {"title", "name"} or style_name.startswith("title"),
                style_name.startswith("heading") or style_name in {"section", "section heading"},
            )
        )

    def paragraph_text(p: Paragraph) -> str:
        visible: list[str] = []
        hidden: list[tuple[str, str]] = []
        for item in _inline_items(p):
            runs = item.runs if isinstance(item, Hyperlink) else [item]
            chunk: list[str] = []
            for run in runs:
                why = _run_hidden(run, p)
                if why:
                    if run.text.strip():
                        hidden.append((why, run.text))
                else:
                    chunk.append(run.text)
            text = "".join(chunk)
            if isinstance(item, Hyperlink) and text.strip():
                address = item.address
                if address and address not in text and address.startswith(("http", "mailto:")):
                    text = f"{text} ({address.removeprefix('mailto:')})"
            visible.append(text)
        if hidden:
            reasons = sorted({why for why, _ in hidden})
            warnings.append(
                _hidden(
                    f"removed {'; '.join(reasons)} from the .docx", " ".join(t for _, t in hidden)
                )
            )
        line = "".join(visible).strip()
        if not line:
            return ""
        style_name = (p.style.name if p.style is not None and p.style.name else "").lower()
        is_list = "list" in style_name or (p._p.pPr is not None and p._p.pPr.numPr is not None)
        if is_list and not line.startswith(("-", "•", "*")):
            line = f"- {line}"
        else:
            note_style(p, line)
        return line

    def table_lines(table: Table) -> list[str]:
        out: list[str] = []
        for row in table.rows:
            cells: list[list[str]] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue  # merged cells repeat
                seen.add(id(cell._tc))
                lines: list[str] = []
                for block in _block_items(cell._tc, cell):
                    if isinstance(block, Paragraph):
                        text = paragraph_text(block)
                        if text:
                            lines.append(text)
                    else:
                        lines.extend(table_lines(block))
                if lines:
                    cells.append(lines)
            if cells and all(len(c) == 1 for c in cells):
                out.append(" | ".join(c[0] for c in cells))
            else:
                for c in cells:
                    out.extend(c)
            out.append("")
        return out

    lines: list[str] = []
    footer_lines: list[str] = []
    try:
        # Headers and footers (first-page ones too) often carry the name or the contact line.
        seen_parts: set[int] = set()
        for section in document.sections[:3]:
            for part, out in (
                (section.first_page_header, lines),
                (section.header, lines),
                (section.first_page_footer, footer_lines),
                (section.footer, footer_lines),
            ):
                try:
                    if part.is_linked_to_previous:
                        continue
                    element = part._element
                except (AttributeError, KeyError, ValueError):
                    continue
                if id(element) in seen_parts:
                    continue
                seen_parts.add(id(element))
                for block in _block_items(element, part):
                    if isinstance(block, Paragraph):
                        text = paragraph_text(block)
                        if text and text not in out:
                            out.append(text)
                    else:
                        out.extend(table_lines(block))
        if lines:
            lines.append("")
        for block in _block_items(document.element.body, document._body):
            if isinstance(block, Paragraph):
                text = paragraph_text(block)
                lines.append(text)
            else:
                lines.append("")
                lines.extend(table_lines(block))
        # Text boxes (sidebars in many resume templates) are not body paragraphs; read them too, once
        # (Word stores a DrawingML box and a VML fallback copy of the same text).
        from docx.oxml.ns import qn

        body_text = {ln for ln in lines if ln}
        for box in document.element.body.iter(qn("w:txbxContent")):
            if any(anc.tag.endswith("}Fallback") for anc in box.iterancestors()):
                continue
            if any(anc.tag == qn("w:txbxContent") for anc in box.iterancestors()):
                continue  # a box inside a box: read with its parent
            box_lines = [paragraph_text(Paragraph(p, document)) for p in box.iter(qn("w:p"))]
            # The same box stored twice (a group copy, or a VML shape outside mc:Fallback).
            fresh = [b for b in box_lines if b]
            if fresh and all(b in body_text for b in fresh):
                continue
            if any(box_lines):
                lines.append("")
                lines.extend(box_lines)
                body_text.update(fresh)
        if footer_lines:
            lines.append("")
            lines.extend(ln for ln in footer_lines if ln not in body_text)
    except (KeyError, ValueError, AttributeError) as exc:
        raise InputError(f"corrupt .docx ({type(exc).__name__}: {exc})", source=name) from exc
    return _finish(
        "\n".join(lines),
        name=name,
        fmt="docx",
        kind=kind,
        warnings=warnings,
        data={"layout": _layout_hints(styled)},
    )


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Elements that wrap runs or blocks without being text themselves: content controls (Word
# templates put the name, e-mail and dates in them), custom XML, smart tags, tracked insertions.
_WRAPPERS = {f"{_W}sdt", f"{_W}customXml", f"{_W}smartTag", f"{_W}ins", f"{_W}fldSimple"}


def _unwrapped(element: Any) -> Iterator[Any]:
    """Children of ``element`` with wrapper elements opened.

    A content control showing its placeholder is read too: Word prints the placeholder text
    (templates use it for their section headings).
    """
    for child in element:
        if child.tag in _WRAPPERS:
            if child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    yield from _unwrapped(content)
            else:
                yield from _unwrapped(child)
        else:
            yield child


def _inline_items(p: Any) -> Iterator[Any]:
    """A paragraph's runs and hyperlinks in order, including those inside content controls."""
    from docx.text.hyperlink import Hyperlink
    from docx.text.run import Run

    for child in _unwrapped(p._p):
        if child.tag == f"{_W}r":
            yield Run(child, p)
        elif child.tag == f"{_W}hyperlink":
            yield Hyperlink(child, p)


def _block_items(element: Any, parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body, cell, header or footer in order, inside content controls too."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in _unwrapped(element):
        if child.tag == f"{_W}p":
            yield Paragraph(child, parent)
        elif child.tag == f"{_W}tbl":
            yield Table(child, parent)


def _layout_hints(styled: list[tuple[str, float, bool, bool, bool]]) -> dict[str, Any]:
    """``{"name", "headings", "lines"}`` from paragraph styles, bold runs and run sizes.

    The name is a Title-styled paragraph near the top, else the largest short line among the
    first ones when it is clearly larger than the body. Headings are Heading-styled paragraphs,
    and short bold or ALL-CAPS lines set apart from the body.
    """
    import re

    sizes = sorted(sz for _, sz, _, _, _ in styled if sz)
    body = sizes[len(sizes) // 2] if sizes else 0.0
    name = None
    top = styled[:8]
    titled = [t for t, _, _, is_title, _ in top if is_title and len(t.split()) <= 6]
    if titled:
        name = titled[0]
    elif top and body:
        biggest = max(top, key=lambda x: x[1])
        if biggest[1] >= body * 1.4 and 1 < len(biggest[0].split()) <= 6:
            name = biggest[0]
    headings: list[str] = []
    for text, size, bold, _title, is_heading in styled:
        short = len(text.split()) <= 6 and len(text) <= 60 and not re.search(r"\d{4}|@", text)
        if text == name or not short:
            continue
        if is_heading or (
            (bold or (body and size >= body * 1.15) or text.isupper())
            and not re.search(r"[,.;|\t]", text)
        ):
            headings.append(text)
    lines = [
        {"text": t, "size": sz, "bold": b, "caps": t.isupper(), "page": 1, "heading": t in headings}
        for t, sz, b, _, _ in styled
    ]
    return {"name": name, "headings": headings, "lines": lines}


# --------------------------------------------------------------------------- encrypted Office files

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


def check_encrypted_office(data: bytes, *, name: str) -> None:
    """Raise a one-line :class:`InputError` when ``data`` is a password-protected Office document.

    Word saves an encrypted .docx as an OLE compound file holding ``EncryptionInfo`` and
    ``EncryptedPackage`` streams; their names sit in the file's directory, so a bounded byte
    search finds them without a compound-file parser.
    """
    if not data.startswith(_OLE_MAGIC):
        return
    head = data[: 4 * 1024 * 1024]
    if any(stream in head for stream in _ENCRYPTED_STREAMS):
        raise InputError(
            "password-protected .docx: it is encrypted and cannot be read; open it in Word, "
            "remove the password (File > Info > Protect Document), save, and try again",
            source=name,
        )
