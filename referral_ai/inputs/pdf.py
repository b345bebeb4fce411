"""PDF: the text layer in the order a person reads it, with text a reader cannot see removed.

Read with pdfminer.six (the engine under pdfplumber), keeping every character's position, size,
font and colour, then laid out: lines rebuilt from character positions, two-column regions (a
sidebar, LaTeX two-column CVs) read one column after the other, label/date columns kept on their
row, duplicated text layers read once, letter-spaced headings joined, page furniture dropped.

Layout hints for the resume parser, in ``Loaded.data["layout"]`` (always present for a PDF)::

    {
        "name": str | None,       # largest text near the top of page 1 that is not a section
                                  # heading or a contact line; exactly one line of Loaded.text
        "headings": list[str],    # lines set as section headings (larger, bold, letter-spaced
                                  # or all-caps short lines), in document order; each is exactly
                                  # one line of Loaded.text
        "lines": list[dict],      # every line of Loaded.text that carries text, in order:
                                  # {"text": str, "size": float (points, rounded to 0.1),
                                  #  "bold": bool, "caps": bool, "page": int (1-based),
                                  #  "heading": bool}
        "pages": int,             # pages read (at most MAX_PDF_PAGES)
    }

Within a line, text that sits far apart on the page (a right-aligned date, a date column on the
left) is separated by one tab: ``"Senior Analyst\tJan 2020 – Present"``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
from collections.abc import Iterator
from typing import Any

from referral_ai.errors import InputError
from referral_ai.inputs.hidden import _MIN_PT, _NEAR_WHITE, _hidden
from referral_ai.inputs.loaded import Loaded, _finish
from referral_ai.models import InputWarning

# --------------------------------------------------------------------------- PDF


def _read_pdf(data: bytes, *, name: str) -> Loaded:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a hard dependency
        raise InputError("pypdf is not installed", source=name) from exc
    with _quiet_pypdf():
        return _read_pdf_quietly(data, name=name, reader_cls=PdfReader, read_error=PdfReadError)


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's logger while reading (its repair notices are not the user's business)."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_pdf_quietly(data: bytes, *, name: str, reader_cls: Any, read_error: Any) -> Loaded:
    PdfReader, PdfReadError = reader_cls, read_error
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:
                raise InputError(
                    "encrypted PDF; remove the password and try again", source=name
                ) from exc
            if not ok:
                raise InputError("encrypted PDF; remove the password and try again", source=name)
        pages = list(reader.pages)
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise InputError(f"corrupt PDF ({type(exc).__name__}: {exc})", source=name) from exc
    except Exception as exc:
        raise InputError(f"corrupt PDF ({type(exc).__name__})", source=name) from exc
    if not pages:
        raise InputError("corrupt PDF: it has no pages", source=name)

    warnings: list[InputWarning] = []
    texts: list[str] = []
    for page in pages:
        try:
            text, hidden = _pdf_page_text(page)
        except Exception as exc:
            raise InputError(
                f"corrupt PDF: cannot read a page ({type(exc).__name__})", source=name
            ) from exc
        for why, chunk in hidden:
            warnings.append(_hidden(f"removed {why} from the PDF", chunk))
        texts.append(text)
    return _finish_pdf("\n\n".join(texts), name=name, warnings=warnings)


def _finish_pdf(text: str, *, name: str, warnings: list[InputWarning]) -> Loaded:
    if not text.strip():
        raise InputError(
            "no text layer; it may be a scanned image - export it with text or paste the text",
            source=name,
        )
    # Kind is checked by the caller; pdf is accepted for both kinds.
    return _finish(text, name=name, fmt="pdf", kind="resume", warnings=warnings)


def _matrix_scale(m: Any) -> float:
    try:
        return math.sqrt(abs(float(m[0]) * float(m[3]) - float(m[1]) * float(m[2])))
    except (TypeError, IndexError):
        return 1.0


def _pdf_page_text(page: Any) -> tuple[str, list[tuple[str, str]]]:
    """Extract a page's text and the chunks drawn invisibly (white fill, render mode 3/7, tiny size)."""
    state: dict[str, Any] = {"fill": None, "mode": 0, "size": 12.0}
    stack: list[dict[str, Any]] = []
    counts = {"hidden": 0, "visible": 0}
    last_why = [""]
    hidden_chunks: list[tuple[str, str]] = []

    # Filled shapes and images drawn on the page: white text on them is visible (a dark banner).
    backgrounds: list[tuple[float, float, float, float]] = []
    pending_rects: list[tuple[float, float, float, float]] = []
    shaded = [False]

    def to_page(x: float, y: float, cm: Any) -> tuple[float, float]:
        a, b, c, d, e, f = (float(v) for v in cm)
        return a * x + c * y + e, b * x + d * y + f

    def box(x: float, y: float, w: float, h: float, cm: Any) -> tuple[float, float, float, float]:
        (x1, y1), (x2, y2) = to_page(x, y, cm), to_page(x + w, y + h, cm)
        return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)

    def on_background(cm: Any, tm: Any) -> bool:
        if shaded[0]:
            return True
        x, y = to_page(float(tm[4]), float(tm[5]), cm)
        return any(
            x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1 for x0, y0, x1, y1 in backgrounds
        )

    def why_hidden(cm: Any, tm: Any) -> str | None:
        if state["mode"] in (3, 7):
            return "invisible text (render mode 3)"
        fill = state["fill"]
        if fill is not None and fill >= _NEAR_WHITE / 255 and not on_background(cm, tm):
            return "white text"
        effective = float(state["size"]) * _matrix_scale(tm) * _matrix_scale(cm)
        if 0 < effective < _MIN_PT:
            return f"tiny text ({effective:.1f}pt)"
        return None

    def before(op: bytes, args: Any, cm: Any, tm: Any) -> None:
        if op == b"re" and len(args) == 4:
            rx, ry, rw, rh = (float(v) for v in args)
            pending_rects.append(box(rx, ry, rw, rh, cm))
        elif op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            fill = state["fill"]
            if fill is None or fill < _NEAR_WHITE / 255:
                backgrounds.extend(pending_rects)
            pending_rects.clear()
        elif op in (b"n", b"S", b"s"):
            pending_rects.clear()
        elif op == b"Do":
            backgrounds.append(box(0.0, 0.0, 1.0, 1.0, cm))  # an image or form: may be a background
        elif op == b"sh":
            shaded[0] = True
        if op == b"q":
            stack.append(dict(state))
        elif op == b"Q":
            if stack:
                state.update(stack.pop())
        elif op in (b"g", b"sc", b"scn") and len(args) == 1:
            state["fill"] = float(args[0])
        elif op in (b"rg", b"sc", b"scn") and len(args) == 3:
            state["fill"] = min(float(a) for a in args)
        elif op in (b"k", b"sc", b"scn") and len(args) == 4:
            c, m, y, k = (float(a) for a in args)
            state["fill"] = 1.0 - max(c, m, y, k)
        elif op == b"Tr" and args:
            state["mode"] = int(args[0])
        elif op == b"Tf" and len(args) >= 2:
            state["size"] = float(args[1])
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            why = why_hidden(cm, tm)
            if why:
                counts["hidden"] += 1
                last_why[0] = why
            else:
                counts["visible"] += 1

    pieces: list[tuple[str, bool]] = []  # every piece pypdf emits, and whether it was drawn hidden

    def on_text(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text.strip():
            pieces.append((text, False))
            return
        is_hidden = bool(counts["hidden"] and not counts["visible"])
        if is_hidden:
            hidden_chunks.append((last_why[0], text))
        pieces.append((text, is_hidden))
        counts.update(hidden=0, visible=0)

    text = page.extract_text(visitor_operand_before=before, visitor_text=on_text) or ""
    if not hidden_chunks:
        return text, []
    if "".join(p for p, _ in pieces) == text:
        # The page text is exactly the emitted pieces: drop the hidden ones where they are.
        return "".join(p for p, h in pieces if not h), list(hidden_chunks)
    # Otherwise remove each hidden chunk from the assembled text, in order.
    out: list[str] = []
    cursor = 0
    removed: list[tuple[str, str]] = []
    for why, chunk in hidden_chunks:
        at = text.find(chunk, cursor)
        if at == -1:
            continue
        out.append(text[cursor:at])
        cursor = at + len(chunk)
        removed.append((why, chunk))
    out.append(text[cursor:])
    return "".join(out), removed
