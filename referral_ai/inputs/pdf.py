"""PDF: the text layer in the order a person reads it, with text a reader cannot see removed.

Read with pdfminer.six (the engine under pdfplumber), keeping every character's position, size,
font and colour, then laid out: lines rebuilt from character positions, two-column regions (a
sidebar, LaTeX two-column CVs) read one column after the other, label/date columns kept on their
row, duplicated text layers read once, letter-spaced headings joined, page furniture dropped.

Layout hints for the resume parser, in ``Loaded.data["layout"]`` (always present for a PDF)::

    {
        "name": str | None,       # largest text near the top of page 1 that is not a section
                                  # heading, a document title ("Resume") or a contact line: one
                                  # line of Loaded.text or one tab-separated part of it (a name
                                  # set on two stacked lines is joined with a space); None when
                                  # nothing stands out
        "name_spaced": bool,      # the name's letters are drawn apart ("R A N J I T  R A J") and
                                  # were joined into words by their gaps, so its word breaks are
                                  # a reading, not characters of the file
        "headings": list[str],    # lines set as section headings (all-caps short lines that are
                                  # bold, larger or letter-spaced; mixed-case short lines clearly
                                  # larger than the body), in document order; each is exactly one
                                  # line of Loaded.text (stripped). A hint, not a verdict: entry
                                  # titles in a heading-like style can appear too
        "lines": list[dict],      # every line of Loaded.text that carries text, in order:
                                  # {"text": str, "size": float (points, rounded to 0.1),
                                  #  "bold": bool, "caps": bool, "page": int (1-based),
                                  #  "heading": bool}
        "pages": int,             # pages read (at most MAX_PDF_PAGES)
        "lost_letters": list[str],  # words where a ligature glyph the text layer maps to nothing
                                  # could not be told ("So?ware"; written with U+FFFD); the
                                  # ones that could are restored in the text ("Software")
    }

Within a line, text that sits far apart on the page (a right-aligned date, a date column on the
left) is separated by one tab: ``"Senior Analyst\tJan 2020 - Present"``. A blank line separates
blocks read apart (a sidebar, each column of a two-column region) and pages.

Hidden text (reported as ``hidden-text`` warnings, never in the text): render mode 3 (except an
OCR layer over a scanned page image, which is the page's text), render mode 7 (clipping) with
nothing painted through it after, tiny
glyphs, white or background-coloured glyphs, glyphs outside the page box, and glyphs covered by
an opaque shape or image drawn after them. Bounds: MAX_PDF_PAGES pages (a ``truncated`` warning
says so), a file of over MAX_PDF_FILE_PAGES pages refused in one line, MAX_PDF_STREAM_BYTES per
decompressed stream, MAX_PDF_SECONDS per document.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import math
import re
import statistics
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from referral_ai.errors import InputError
from referral_ai.inputs.hidden import _INVISIBLE_RE, _MIN_PT, _NEAR_WHITE, _hidden
from referral_ai.inputs.ligatures import LostGlyphs, is_mark
from referral_ai.inputs.loaded import Loaded, _finish
from referral_ai.models import InputWarning

MAX_PDF_PAGES = 40
"""Pages read from one PDF (a resume is 1-4 pages; a long academic CV is read up to this)."""

MAX_PDF_FILE_PAGES = 1_000
"""A PDF with more page objects than this is refused before its page tree is parsed: no posting or
resume is that long, and parsing the tree of a 20,000-page file alone takes seconds."""

_PAGE_OBJECT = re.compile(rb"/Type\s{0,8}/Page(?![A-Za-z])")  # counted in the raw file

MAX_PDF_STREAM_BYTES = 32 * 1024 * 1024
"""Largest decompressed stream (page content, font, image) accepted: a zip bomb stops here."""

MAX_PDF_SECONDS = 30.0
"""Wall-clock budget for reading one PDF."""

_MAX_CHARS = 400_000  # characters drawn in the whole document (the text limit is 200,000)

_PASSWORD = "password-protected PDF: remove the password or export an unprotected copy"
_NO_TEXT = "no text layer; it may be a scanned image - export it with text or paste the text"


class _PdfLimit(Exception):
    """A limit on work per document was reached (message is the user-facing reason)."""


# ------------------------------------------------------------------ bounded decompression


class _BoundedDecompressor:
    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._out = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        chunk: bytes = self._inner.decompress(data, MAX_PDF_STREAM_BYTES + 1 - self._out)
        self._out += len(chunk)
        if self._out > MAX_PDF_STREAM_BYTES or self._inner.unconsumed_tail:
            raise _PdfLimit(_too_big())
        return chunk

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _too_big() -> str:
    return f"a PDF stream expands past {MAX_PDF_STREAM_BYTES // (1024 * 1024)} MB; not read"


class _BoundedZlib:
    """What pdfminer sees as ``zlib``: the same functions, with decompressed size bounded."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
        d = zlib.decompressobj(wbits)
        out = d.decompress(data, MAX_PDF_STREAM_BYTES + 1)
        if len(out) > MAX_PDF_STREAM_BYTES or d.unconsumed_tail:
            raise _PdfLimit(_too_big())
        if not d.eof:
            raise zlib.error("incomplete or truncated stream")
        return out + d.flush()

    @staticmethod
    def decompressobj(*args: Any, **kwargs: Any) -> Any:
        return _BoundedDecompressor(zlib.decompressobj(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:  # pragma: no cover - other zlib names
        return getattr(zlib, name)


def _pdfminer() -> Any:
    """Import pdfminer and bound its zlib use (once; idempotent)."""
    import pdfminer.pdftypes as pdftypes

    if not isinstance(getattr(pdftypes, "zlib", None), _BoundedZlib):
        setattr(pdftypes, "zlib", _BoundedZlib())  # noqa: B010 - pdfminer reads its own global
    return pdftypes


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence pdfminer/pdfplumber/pypdf loggers while reading (repair notices are noise)."""
    loggers = [logging.getLogger(n) for n in ("pdfminer", "pdfplumber", "pypdf")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


# ------------------------------------------------------------------ what is drawn


@dataclass(slots=True)
class _Ch:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    base: float  # baseline
    size: float
    bold: bool
    lum: float | None  # fill luminance 0..1 (None: unknown colour space)
    mode: int  # text render mode
    idx: int  # drawing order on the page
    space: bool = False  # a literal space character
    icon: bool = False  # a glyph from an icon font or the private-use area (not text)


@dataclass(slots=True)
class _Fill:
    idx: int
    x0: float
    y0: float
    x1: float
    y1: float
    lum: float | None  # None: an image (colour unknown)
    opaque: bool


def _lum(color: Any, ncs: Any = None) -> float | None:
    """Luminance (0 black .. 1 white) of a pdfminer colour, or None if it cannot be told."""
    try:
        if isinstance(color, (int, float)):
            ncomp = getattr(ncs, "ncomponents", 1)
            return float(color) if ncomp == 1 else None
        vals = [float(v) for v in color]
    except (TypeError, ValueError):
        return None
    if len(vals) == 1:
        return vals[0]
    if len(vals) == 3:
        r, g, b = vals
        return 0.299 * r + 0.587 * g + 0.114 * b
    if len(vals) == 4:
        c, m, y, k = vals
        r, g, b = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
        return 0.299 * r + 0.587 * g + 0.114 * b
    return None


_JUNK_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]+|\(cid:\d{1,6}\)")
_ICON_FONT_RE = re.compile(r"(?i)dingbat|wingding|webding|fontawesome|awesome|icons?\b|symbol$")
_PUA_RE = re.compile("[\ue000-\uf8ff]+")
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultra|[-,]b[d]?$", re.I)


def _make_device(rsrcmgr: Any, deadline: float) -> Any:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar

    class _Device(PDFPageAggregator):
        """Records render mode and fill alpha on what is drawn, and checks the time budget."""

        def __init__(self) -> None:
            super().__init__(rsrcmgr, laparams=None)
            self.mode = 0
            self.alpha = 1.0
            self.count = 0
            self.bold_fonts: dict[int, bool] = {}
            self.lost = LostGlyphs()

        def _tick(self) -> None:
            self.count += 1
            if self.count % 2048 == 0:
                if time.monotonic() > deadline:
                    raise _PdfLimit(f"reading took over {MAX_PDF_SECONDS:.0f} s; stopped")
                if self.count > _MAX_CHARS * 4:
                    raise _PdfLimit("the PDF draws too many objects; stopped")

        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            self.mode = int(textstate.render or 0)
            super().render_string(textstate, seq, ncs, graphicstate)

        def render_char(
            self,
            matrix: Any,
            font: Any,
            fontsize: float,
            scaling: float,
            rise: float,
            cid: int,
            ncs: Any,
            graphicstate: Any,
        ) -> float:
            self._tick()
            adv: float = super().render_char(
                matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
            )
            item = self.cur_item._objs[-1]
            if isinstance(item, LTChar):
                item.mode = self.mode  # type: ignore[attr-defined]
                if not font.is_vertical():  # the glyph's box before its matrix (as pdfminer)
                    low = font.get_descent() * fontsize + rise
                    item.local = (low, fontsize)  # type: ignore[attr-defined]
                text = item._text
                if not text or text == "\ufffd" or _JUNK_RE.fullmatch(text):
                    mark = self.lost.mark(font, cid)  # a ligature the text map lost?
                    if mark is not None:
                        item._text = mark
                key = id(font)
                bold = self.bold_fonts.get(key)
                if bold is None:
                    bold = _font_is_bold(font)
                    self.bold_fonts[key] = bold
                item.bold = bold  # type: ignore[attr-defined]
            return adv

        def paint_path(
            self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any
        ) -> None:
            self._tick()
            before = len(self.cur_item._objs)
            super().paint_path(gstate, stroke, fill, evenodd, path)
            for item in self.cur_item._objs[before:]:
                item.alpha = self.alpha  # type: ignore[attr-defined]

        def render_image(self, name: str, stream: Any) -> None:
            self._tick()
            super().render_image(name, stream)
            if self.cur_item._objs:
                self.cur_item._objs[-1].alpha = self.alpha  # type: ignore[attr-defined]

    return _Device()


def _font_is_bold(font: Any) -> bool:
    name = str(getattr(font, "fontname", "") or "")
    name = name.split("+", 1)[-1]
    if _BOLD_RE.search(name):
        return True
    desc = getattr(font, "descriptor", None) or {}
    try:
        if float(desc.get("FontWeight", 0) or 0) >= 600:
            return True
        return bool(int(desc.get("Flags", 0) or 0) & (1 << 18))
    except (TypeError, ValueError, AttributeError):
        return False


def _make_interpreter(rsrcmgr: Any, device: Any) -> Any:
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    class _Interp(PDFPageInterpreter):
        """Tracks fill alpha and blend mode from ExtGState (pdfminer ignores ``gs``)."""

        def __init__(self) -> None:
            super().__init__(rsrcmgr, device)
            self._alphas: list[float] = []

        def subinterp(self) -> Any:
            sub = _make_interpreter(rsrcmgr, device)
            return sub

        def do_q(self) -> None:
            self._alphas.append(device.alpha)
            super().do_q()

        def do_Q(self) -> None:
            if self._alphas:
                device.alpha = self._alphas.pop()
            super().do_Q()

        def do_gs(self, name: Any) -> None:
            try:
                states = resolve1(self.resources.get("ExtGState")) or {}
                gs = resolve1(states.get(literal_name(name))) or {}
                ca = gs.get("ca")
                if ca is not None:
                    device.alpha = float(resolve1(ca))
                bm = resolve1(gs.get("BM"))
                if bm is not None:
                    bm_name = literal_name(bm[0] if isinstance(bm, list) and bm else bm)
                    if bm_name not in ("Normal", "Compatible"):
                        device.alpha = min(device.alpha, 0.5)
                if (
                    gs.get("SMask") not in (None,)
                    and literal_name(resolve1(gs.get("SMask"))) != "None"
                ):
                    device.alpha = min(device.alpha, 0.5)
            except Exception:  # a malformed ExtGState changes nothing
                return

    return _Interp()


_Rule = tuple[float, float, float]  # a horizontal rule: x0, x1, y


_Turn = Callable[[float, float], tuple[float, float]]


def _quarter(m: Any) -> int:
    """Direction of a glyph's baseline in quarter turns (0: left to right, 1: upwards, ...)."""
    a, b, c, d = (float(v) for v in m[:4])
    if a * d - b * c <= 0:
        return -1  # mirrored
    if abs(a) >= abs(b):
        return 0 if a > 0 else 2
    return 1 if b > 0 else 3


def _turn(q: int) -> _Turn:
    """The map that turns quarter-direction ``q`` back to left-to-right."""
    if q == 1:
        return lambda x, y: (y, -x)
    if q == 2:
        return lambda x, y: (-x, -y)
    if q == 3:
        return lambda x, y: (-y, x)
    return lambda x, y: (x, y)


def _turn_box(
    t: _Turn, x0: float, y0: float, x1: float, y1: float
) -> tuple[float, float, float, float]:
    """The box around the box (x0, y0, x1, y1) turned by ``t`` (all four corners: a turn by an
    angle other than a quarter moves each corner differently)."""
    corners = [t(x0, y0), t(x1, y1), t(x0, y1), t(x1, y0)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)


_SKEW = math.radians(1.0)  # text this far off a quarter turn is turned back by its own angle


def _by_angle(angle: float) -> _Turn:
    """The map that turns text drawn at ``angle`` (radians, counter-clockwise) back to level."""
    cos, sin = math.cos(angle), math.sin(angle)
    return lambda x, y: (x * cos + y * sin, y * cos - x * sin)


def _glyph_box(obj: Any, t: _Turn) -> tuple[float, float, float, float] | None:
    """The glyph's own box (advance by font size, from its matrix) turned level by ``t``: for
    text at an angle, the turned page box of a glyph would be far wider than the glyph."""
    local = getattr(obj, "local", None)
    if local is None:
        return None
    low, size = local
    a, b, c, d, e, f = (float(v) for v in obj.matrix)
    corners = [
        t(a * x + c * y + e, b * x + d * y + f) for x in (0.0, obj.adv) for y in (low, low + size)
    ]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _collect(ltpage: Any) -> tuple[list[_Ch], list[_Fill], list[_Ch], list[_Rule], _Turn]:
    """Characters (in the page's main direction, and others apart), filled shapes, horizontal
    rules, and the turn that made the main direction level, left to right: a quarter turn, or
    the text's own angle when it is drawn at a slant (a diagonal design, a skewed scan's OCR)."""
    from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage

    raw: list[tuple[int, Any, int]] = []
    shapes: list[tuple[int, Any]] = []
    stack: list[Iterator[Any]] = [iter(ltpage._objs)]
    idx = 0
    turns = [0, 0, 0, 0]
    while stack:
        try:
            obj = next(stack[-1])
        except StopIteration:
            stack.pop()
            continue
        idx += 1
        if isinstance(obj, LTFigure):
            stack.append(iter(obj._objs))
        elif isinstance(obj, LTChar):
            q = _quarter(obj.matrix)
            raw.append((idx, obj, q))
            if q >= 0 and obj.get_text().strip():
                turns[q] += 1
        elif isinstance(obj, (LTCurve, LTImage)):
            shapes.append((idx, obj))
    main = max(range(4), key=lambda q: (turns[q], q == 0))
    t = _turn(main)
    angles = sorted(
        math.atan2(float(obj.matrix[1]), float(obj.matrix[0])) for _, obj, q in raw if q == main
    )
    slant = 0.0
    if angles:
        median = angles[len(angles) // 2]
        slant = (median - main * math.pi / 2 + math.pi) % (2 * math.pi) - math.pi
        if abs(slant) >= _SKEW:
            t = _by_angle(median)
    chars: list[_Ch] = []
    rotated: list[_Ch] = []
    for i, obj, q in raw:
        text = obj.get_text()
        own = _glyph_box(obj, t) if q == main and abs(slant) >= _SKEW else None
        x0, y0, x1, y1 = own or _turn_box(t, obj.x0, obj.y0, obj.x1, obj.y1)
        m = obj.matrix
        ch = _Ch(
            text=text,
            x0=x0,
            x1=x1,
            y0=y0,
            y1=y1,
            base=t(float(m[4]), float(m[5]))[1],
            size=(y1 - y0) if q == main else float(obj.size),
            bold=bool(getattr(obj, "bold", False)),
            lum=_lum(obj.graphicstate.ncolor, obj.ncs),
            mode=int(getattr(obj, "mode", 0)),
            idx=i,
            space=not text.strip(),
            icon=bool(_ICON_FONT_RE.search(obj.fontname) or _PUA_RE.fullmatch(text)),
        )
        (chars if q == main else rotated).append(ch)
    fills: list[_Fill] = []
    rules: list[_Rule] = []
    for i, obj in shapes:
        x0, y0, x1, y1 = _turn_box(t, obj.x0, obj.y0, obj.x1, obj.y1)
        if isinstance(obj, LTImage):
            attrs = getattr(obj.stream, "attrs", {}) or {}
            masked = bool(obj.imagemask) or "SMask" in attrs or "Mask" in attrs
            opaque = not masked and getattr(obj, "alpha", 1.0) >= 0.99
            fills.append(_Fill(i, x0, y0, x1, y1, None, opaque))
        elif (
            y1 - y0 <= 2.5
            and x1 - x0 >= 60
            and (getattr(obj, "stroke", False) or getattr(obj, "fill", False))
        ):
            rules.append((x0, x1, (y0 + y1) / 2))
        elif getattr(obj, "fill", False):
            lum = _lum(getattr(obj, "non_stroking_color", None))
            fills.append(_Fill(i, x0, y0, x1, y1, lum, getattr(obj, "alpha", 1.0) >= 0.99))
    return chars, fills, rotated, rules, t


# ------------------------------------------------------------------ hidden text

_CELL = 24.0  # grid cell (points) for looking up the shapes under or over a character


class _FillGrid:
    def __init__(self, fills: list[_Fill]) -> None:
        self.cells: dict[tuple[int, int], list[_Fill]] = {}
        for f in fills:
            if f.x1 - f.x0 < 0.5 or f.y1 - f.y0 < 0.5:
                continue
            cx0, cx1 = int(f.x0 // _CELL), int(f.x1 // _CELL)
            cy0, cy1 = int(f.y0 // _CELL), int(f.y1 // _CELL)
            if (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > 4096:  # far larger than a page: clip
                cx0, cx1, cy0, cy1 = max(cx0, -2), min(cx1, 60), max(cy0, -2), min(cy1, 60)
            for cx in range(cx0, cx1 + 1):
                for cy in range(cy0, cy1 + 1):
                    self.cells.setdefault((cx, cy), []).append(f)

    def at(self, x: float, y: float) -> list[_Fill]:
        return self.cells.get((int(x // _CELL), int(y // _CELL)), [])


def _why_hidden(
    ch: _Ch, grid: _FillGrid, box: tuple[float, float, float, float], scan: bool = False
) -> str | None:
    """Why a reader cannot see ``ch`` (None: visible). ``scan``: the page is a scanned image
    with an OCR text layer (:func:`_is_scan`)."""
    cx, cy = (ch.x0 + ch.x1) / 2, (ch.y0 + ch.y1) / 2
    lum = ch.lum
    if ch.mode == 7:
        # Clipping text (a design tool's export): what is painted next shows through the
        # letters' shapes, in the paint's colour. Nothing painted: nothing is seen.
        paints = [
            f
            for f in grid.at(cx, cy)
            if f.idx > ch.idx and f.x0 <= cx <= f.x1 and f.y0 <= cy <= f.y1
        ]
        if not paints:
            return "invisible text (render mode 7)"
        lum = min(paints, key=lambda f: f.idx).lum
    if ch.mode == 3 and not (
        scan
        and any(
            f.lum is None and f.idx < ch.idx and f.x0 <= cx <= f.x1 and f.y0 <= cy <= f.y1
            for f in grid.at(cx, cy)
        )
    ):
        return "invisible text (render mode 3)"
    if 0 < ch.size < _MIN_PT:
        return f"tiny text ({ch.size:.1f}pt)"
    bx0, by0, bx1, by1 = box
    if not (bx0 <= cx <= bx1 and by0 <= cy <= by1):
        return "text outside the page"
    # Shrunk box of the glyph: a shape drawn later over most of it hides it (clipping text:
    # the first paint after it is what draws it, and the ones after that cover it).
    w, h = (ch.x1 - ch.x0) * 0.2, (ch.y1 - ch.y0) * 0.2
    gx0, gy0, gx1, gy1 = ch.x0 + w, ch.y0 + h, ch.x1 - w, ch.y1 - h
    under: _Fill | None = None
    for f in grid.at(cx, cy):
        if f.idx > ch.idx:
            if (
                ch.mode != 7
                and f.opaque
                and f.x0 <= gx0
                and f.y0 <= gy0
                and f.x1 >= gx1
                and f.y1 >= gy1
            ):
                return "text covered by a shape drawn over it"
        elif f.x0 <= cx <= f.x1 and f.y0 <= cy <= f.y1 and (under is None or f.idx > under.idx):
            under = f
    if lum is None or ch.space or ch.mode == 3:  # an OCR layer's colour is not seen
        return None
    if under is None:
        background = 1.0  # the paper
    elif under.lum is None or not under.opaque:
        return None  # on an image or a translucent shape: cannot tell, assume visible
    else:
        background = under.lum
    if abs(lum - background) < 0.06 or (
        background >= _NEAR_WHITE / 255 and lum >= _NEAR_WHITE / 255
    ):
        return "white text" if lum >= _NEAR_WHITE / 255 else "text the colour of its background"
    return None


def _page_box(page: Any, ltpage: Any) -> tuple[float, float, float, float]:
    """The visible page area in the coordinates characters are given in.

    pdfminer draws a page in device space: the media box moved to the origin and turned by the
    page's /Rotate. The crop box is applied when the page is not turned.
    """
    try:
        px0, py0, px1, py1 = (float(v) for v in ltpage.bbox)
    except (TypeError, ValueError, AttributeError):
        return (-1e9, -1e9, 1e9, 1e9)
    try:
        mx0, my0, mx1, my1 = (float(v) for v in page.mediabox)
        cx0, cy0, cx1, cy1 = (float(v) for v in (page.cropbox or page.mediabox))
        rotate = int(page.rotate or 0) % 360
    except (TypeError, ValueError):
        return (px0, py0, px1, py1)
    if rotate:
        return (px0, py0, px1, py1)
    ox, oy = min(mx0, mx1), min(my0, my1)
    x0, x1 = max(px0, min(cx0, cx1) - ox), min(px1, max(cx0, cx1) - ox)
    y0, y1 = max(py0, min(cy0, cy1) - oy), min(py1, max(cy0, cy1) - oy)
    if x1 - x0 < 10 or y1 - y0 < 10:  # a degenerate crop box: use the media box
        return (px0, py0, px1, py1)
    return (x0, y0, x1, y1)


_SCAN_COVER = 0.5  # an image under the text covering this share of the page: a scan
_SCAN_INVISIBLE = 0.95  # share of a scanned page's letters in the invisible OCR layer


def _is_scan(chars: list[_Ch], fills: list[_Fill], box: tuple[float, float, float, float]) -> bool:
    """Is the page a scanned image with an OCR text layer over it: an image drawn first over
    half the page, and (almost) every letter invisible (render mode 3)? Such a layer is the
    page's text as the scan shows it. Invisible text on a page with visible text stays hidden."""
    letters = [ch for ch in chars if not ch.space]
    invisible = [ch for ch in letters if ch.mode == 3]
    if not invisible or len(invisible) < _SCAN_INVISIBLE * len(letters):
        return False
    first = min(ch.idx for ch in invisible)
    area = max((box[2] - box[0]) * (box[3] - box[1]), 1.0)
    return any(
        f.lum is None
        and f.idx < first
        and (min(f.x1, box[2]) - max(f.x0, box[0])) * (min(f.y1, box[3]) - max(f.y0, box[1]))
        >= _SCAN_COVER * area
        for f in fills
    )


def _hidden_chunks(hidden: list[tuple[_Ch, str]]) -> list[tuple[str, str]]:
    """Group hidden characters (drawing order) into (reason, text) runs for the report."""
    out: list[tuple[str, list[_Ch]]] = []
    for ch, why in hidden:
        last = out[-1][1][-1] if out else None
        if (
            out
            and last is not None
            and out[-1][0] == why
            and ch.idx - last.idx <= 40
            and abs(ch.base - last.base) <= 0.5 * max(ch.size, last.size)
        ):
            out[-1][1].append(ch)
        else:
            out.append((why, [ch]))
    chunks: list[tuple[str, str]] = []
    for why, chs in out:
        words = _words_of_row(sorted(chs, key=lambda c: c.idx), ordered=True)
        text = " ".join(w.text for w in words)
        text = " ".join(_INVISIBLE_RE.sub("", text).split())
        if text:
            chunks.append((why, text))
    return chunks


class _Drawn:
    """Characters by text and place, to find one drawn again at (almost) the same place."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, int, int], _Ch] = {}

    def add(self, ch: _Ch) -> None:
        self.seen.setdefault((ch.text, int(ch.x0 // 2), int(ch.base // 2)), ch)

    def find(self, ch: _Ch) -> _Ch | None:
        kx, ky = int(ch.x0 // 2), int(ch.base // 2)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                other = self.seen.get((ch.text, kx + dx, ky + dy))
                if (
                    other is not None
                    and abs(other.x0 - ch.x0) < 1.6
                    and abs(other.base - ch.base) < 1.6
                    and abs(other.size - ch.size) < 0.6
                ):
                    return other
        return None


def _dedupe(chars: list[_Ch]) -> list[_Ch]:
    """Drop a character drawn again at (almost) the same place: fake bold, duplicated layers."""
    drawn = _Drawn()
    out: list[_Ch] = []
    for ch in chars:
        if ch.space:
            out.append(ch)
            continue
        dup = drawn.find(ch)
        if dup is not None:
            if abs(dup.x0 - ch.x0) > 0.05 or abs(dup.base - ch.base) > 0.05:
                dup.bold = True  # drawn twice slightly offset: fake bold
            continue
        drawn.add(ch)
        out.append(ch)
    return out


def _not_copies(hidden: list[tuple[_Ch, str]], visible: list[_Ch]) -> list[tuple[_Ch, str]]:
    """Hidden characters without the invisible copies of visible ones: a second, invisible text
    layer over the same text (a text PDF run through OCR again) hides nothing."""
    if not any(ch.mode in (3, 7) for ch, _ in hidden):
        return hidden
    drawn = _Drawn()
    for ch in visible:
        drawn.add(ch)
    return [(ch, why) for ch, why in hidden if ch.mode not in (3, 7) or drawn.find(ch) is None]


# ------------------------------------------------------------------ words and rows


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    base: float
    size: float
    bold: bool
    single: bool  # one letter drawn alone (letter-spaced heading candidate)
    spaced: bool  # its row has literal space characters
    lum: float | None = None
    lspaced: bool = False  # letters drawn apart and joined ("E X P E R I E N C E")


def _rows_of_chars(chars: list[_Ch]) -> list[list[_Ch]]:
    """Cluster characters into rows by baseline (top of the page first)."""
    rows: list[list[_Ch]] = []
    ref = 0.0
    ref_size = 0.0
    for ch in sorted(chars, key=lambda c: -c.base):
        if rows and abs(ch.base - ref) <= 0.35 * min(ch.size, ref_size) + 0.3:
            rows[-1].append(ch)
            if ch.size > ref_size and not ch.space:
                ref_size = ch.size
        else:
            rows.append([ch])
            ref, ref_size = ch.base, ch.size
    return rows


def _advances(row: list[_Ch]) -> list[_Ch]:
    """The row's glyphs as wide as the pen moves, where the font's widths are not: a font with
    no widths (an export from a design tool) gives every glyph the font size as its width, so
    each glyph overlaps the next by half and spaces seem to lie under the letters before them."""
    chars = sorted(row, key=lambda c: (c.x0, c.idx))
    pairs = [
        (a, b)
        for a, b in itertools.pairwise(chars)
        if b.x0 > a.x0 and a.x1 > a.x0 and abs(a.base - b.base) < 0.3 * max(a.size, 1.0)
    ]
    if len(pairs) < 4:
        return row
    ratios = sorted((b.x0 - a.x0) / (a.x1 - a.x0) for a, b in pairs)
    if ratios[len(ratios) // 2] >= _OVERLAP_RATIO:
        return row
    for a, b in pairs:
        if b.x0 < a.x1:
            a.x1 = b.x0
    return chars


_OVERLAP_RATIO = 0.8  # the pen moves less than this share of the glyph widths: widths are wrong


_GUTTER = 2.0  # a gap this many font sizes wide parts a row into stretches (columns)


def _words_of_row(chars: list[_Ch], *, ordered: bool = False) -> list[_Word]:
    """Split a row's characters into words: at literal spaces and at gaps."""
    if not ordered:
        chars = sorted(chars, key=lambda c: (c.x0, c.idx))
    spaced = any(c.space for c in chars)
    words: list[_Word] = []
    cur: list[_Ch] = []

    def flush() -> None:
        if not cur:
            return
        text = "".join(c.text for c in cur)
        sizes = [c.size for c in cur]
        size = max(set(sizes), key=sizes.count) if len(sizes) > 1 else sizes[0]
        lums = [c.lum for c in cur if c.lum is not None]
        words.append(
            _Word(
                text=text,
                x0=min(c.x0 for c in cur),
                x1=max(c.x1 for c in cur),
                base=statistics.median(c.base for c in cur) if len(cur) > 2 else cur[0].base,
                size=size,
                bold=sum(c.bold for c in cur) * 2 > len(cur),
                single=len(cur) == 1 and text.isalnum(),
                spaced=spaced,
                lum=lums[0] if lums else None,
            )
        )
        cur.clear()

    # Literal spaces count in their own stretch of the row only (the row cut at gaps as wide as a
    # column gutter): a row across two columns can have spaces in one and none in the other
    # (Google Docs drops them in some fonts: 'North' and 'Sanpete' a quarter em apart), where
    # the gaps alone break the words.
    stretch: list[int] = []
    spaced_stretch: set[int] = set()
    for k, ch in enumerate(chars):
        if k and ch.x0 - chars[k - 1].x1 > _GUTTER * max(ch.size, chars[k - 1].size):
            stretch.append(stretch[-1] + 1)
        else:
            stretch.append(stretch[-1] if k else 0)
        if ch.space:
            spaced_stretch.add(stretch[-1])

    prev: _Ch | None = None
    for i, ch in enumerate(chars):
        if ch.space and prev is not None and ch.x0 < prev.x1 - 0.5 * (prev.x1 - prev.x0):
            continue  # a space drawn under the letter before it ("A ppointments"): no break
        if ch.space:
            flush()
            prev = None
            continue
        if prev is not None:
            gap = ch.x0 - prev.x1
            # A row with literal spaces breaks words at them, so a gap there is kerning unless it is
            # wide; but a visible gap where the weight changes is a word break even so (a name set
            # "RANJIT" in black and "RAJ NAHAK" in regular, 0.2 em apart, with no space glyph).
            wide = 0.55 if stretch[i] in spaced_stretch and ch.bold == prev.bold else 0.12
            limit = wide * min(ch.size, prev.size)
            if gap > limit or abs(ch.base - prev.base) > 0.5 * min(ch.size, prev.size):
                flush()
        cur.append(ch)
        prev = ch
    flush()
    return _join_letter_spacing(words)


def _join_letter_spacing(words: list[_Word]) -> list[_Word]:
    """Join runs of single letters drawn apart ("E X P E R I E N C E") into words."""
    out: list[_Word] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and words[j].single:
            j += 1
        if j - i >= 3:
            run = words[i:j]
            gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(run)]
            ref = max(min(gaps), 0.0)
            size = max(w.size for w in run)
            cut = _word_gap(gaps, size) or max(ref * 1.8, ref + 0.25 * size)
            if max(gaps) > 2.5 * size:  # too far apart to be one spaced-out word
                out.extend(run)
                i = j
                continue
            group = [run[0]]
            for gap, w in zip(gaps, run[1:], strict=True):
                if gap > cut:
                    out.append(_merge(group))
                    group = []
                group.append(w)
            out.append(_merge(group))
            i = j
        else:
            out.append(words[i])
            i += 1
    return out


def _word_gap(gaps: Sequence[float], size: float) -> float | None:
    """Where spaced-out letters break into words, read from their own gaps: letter gaps cluster
    tightly and the fewer word gaps stand clearly above them, even when a word gap is only half
    as wide again as a letter gap ("R A N J I T   R A J"). None when the gaps form one cluster,
    or a cut would leave a letter standing alone."""
    ordered = sorted(gaps)
    best: tuple[float, float] | None = None
    for k in range(1, len(ordered)):
        low, high = ordered[:k], ordered[k:]
        jump = high[0] - low[-1]
        if len(high) >= len(low) or jump < _WORD_JUMP * size or jump < low[-1] - low[0]:
            continue
        if best is None or jump > best[0]:
            best = (jump, (low[-1] + high[0]) / 2)
    if best is None:
        return None
    cut = best[1]
    breaks = [i for i, g in enumerate(gaps) if g > cut]
    pieces = [b - a for a, b in itertools.pairwise([-1, *breaks, len(gaps)])]
    return cut if min(pieces) >= 2 else None


_WORD_JUMP = 0.08  # a word gap stands this share of the font size above the letter gaps


def _merge(group: list[_Word]) -> _Word:
    first = group[0]
    return _Word(
        text="".join(w.text for w in group),
        x0=first.x0,
        x1=group[-1].x1,
        base=first.base,
        size=max(w.size for w in group),
        bold=first.bold,
        single=False,
        spaced=first.spaced,
        lum=first.lum,
        lspaced=len(group) >= 2,
    )


# ------------------------------------------------------------------ reading order

_BIN = 2.0  # points per bit in a row's coverage mask
_MAX_DEPTH = 4


@dataclass(slots=True)
class _Line:
    words: list[_Word]
    text: str
    x0: float
    x1: float
    base: float
    size: float
    bold: bool
    right: float = 0.0  # right edge of the block the line sits in
    page: int = 0
    blank_before: bool = False
    ruled: bool = False  # a long horizontal rule runs just under, through or over it


def _rows_of_words(words: list[_Word]) -> list[list[_Word]]:
    rows: list[list[_Word]] = []
    ref, ref_size = 0.0, 0.0
    for w in sorted(words, key=lambda w: -w.base):
        if rows and abs(w.base - ref) <= 0.35 * min(w.size, ref_size) + 0.3:
            rows[-1].append(w)
            ref_size = max(ref_size, w.size)
        else:
            rows.append([w])
            ref, ref_size = w.base, w.size
    for row in rows:
        row.sort(key=lambda w: w.x0)
    return rows


def _mask(row: list[_Word], origin: float) -> int:
    m = 0
    for w in row:
        a = max(int((w.x0 - origin) // _BIN), 0)
        b = max(int((w.x1 - origin) // _BIN), a)
        m |= ((1 << (b - a + 1)) - 1) << a
    return m


_GAP_CACHE: dict[int, re.Pattern[str]] = {}


def _gaps(mask: int, min_bins: int, edges: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Interior runs of empty bins, as (start, end) bit indexes: at least ``min_bins`` wide, or
    narrower (one bin) where the run ends at a column edge (``edges``: bits where many rows
    start)."""
    if mask == 0:
        return []
    bits = format(mask, "b")[::-1]  # bit 0 first
    lo = bits.find("1")
    hi = bits.rfind("1")
    want = min(min_bins, 1) if edges else min_bins
    pattern = _GAP_CACHE.get(want)
    if pattern is None:
        pattern = _GAP_CACHE.setdefault(want, re.compile(f"0{{{want},}}"))
    out = []
    for m in pattern.finditer(bits, lo, hi + 1):
        start, end = m.start(), m.end()
        if end - start >= min_bins or end in edges or end - 1 in edges:
            out.append((start, end))
    return out


def _edges(rows: list[list[_Word]], origin: float) -> frozenset[int]:
    """Bits where a quarter of the rows (at least four) start a word: a column's left edge."""
    counts: dict[int, int] = {}
    for row in rows:
        for b in {int((w.x0 - origin) // _BIN) for w in row}:
            counts[b] = counts.get(b, 0) + 1
    least = max(4, len(rows) // 4)
    return frozenset(b for b, n in counts.items() if n >= least and b > 2)


def _overlapping(gaps: list[tuple[int, int]], gutter: tuple[int, int]) -> tuple[int, int] | None:
    best = None
    for g in gaps:
        wider = best is None or (g[1] - g[0]) > (best[1] - best[0])
        if g[0] < gutter[1] and gutter[0] < g[1] and wider:
            best = g
    return best


def _layout(
    words: list[_Word],
    rules: list[_Rule],
    depth: int = 0,
    known: list[tuple[float, float]] | None = None,
) -> list[_Line | None]:
    """Lines in reading order; ``None`` marks the end of a block (a blank line).

    ``known`` collects the gutters read as two columns (on earlier pages too): a band split at
    the same place is read as columns again (a template repeats from page to page).
    """
    if known is None:
        known = []
    if not words:
        return []
    rows = _rows_of_words(words)
    sizes = sorted(w.size for w in words)
    body = sizes[len(sizes) // 2]
    origin = min(w.x0 for w in words)
    min_bins = max(int(max(18.0, 1.8 * body) // _BIN), 4)
    masks = [_mask(r, origin) for r in rows]
    edges = _edges(rows, origin) | {
        int((k1 - origin) // _BIN) for _, k1 in known if k1 - origin > 3 * _BIN
    }

    bands: list[tuple[list[int], tuple[int, int] | None]] = []
    cur: list[int] = []
    acc = 0
    gutter: tuple[int, int] | None = None
    for i, m in enumerate(masks):
        if not cur:
            cur, acc = [i], m
            gs = _gaps(m, min_bins, edges)
            gutter = max(gs, key=lambda g: g[1] - g[0]) if gs else None
            continue
        new = acc | m
        gs = _gaps(new, min_bins, edges)
        if gutter is None:
            # No gutter yet: one may open between this row and the last rows of the band.
            g = max(gs, key=lambda g: g[1] - g[0]) if gs else None
            if g is not None:
                cur.append(i)
                acc, gutter = new, g
                continue
            tail, k = m, len(cur)
            found: tuple[int, int] | None = None
            while k > 0 and len(cur) - k < 60:
                tail |= masks[cur[k - 1]]
                tgs = _gaps(tail, min_bins, edges)
                if not tgs:
                    break
                k -= 1
                found = max(tgs, key=lambda g: g[1] - g[0])
            if found is not None:
                bands.append((cur[:k], None))
                cur = [*cur[k:], i]
                acc, gutter = tail, found
                continue
            cur.append(i)
            acc = new
            continue
        g = _overlapping(gs, gutter)
        if (
            g is not None
            and not _rule_between(rules, rows[cur[-1]][0].base, rows[i][0].base, g, origin)
            and _may_extend(rows, masks, rules, cur, i, g, origin, min_bins, edges)
        ):
            cur.append(i)
            acc, gutter = new, g
            continue
        bands.append((cur, gutter))
        cur, acc = [i], m
        gs1 = _gaps(m, min_bins, edges)
        gutter = max(gs1, key=lambda g: g[1] - g[0]) if gs1 else None
    if cur:
        bands.append((cur, gutter))
    bands = [b for b in bands if b[0]]

    out: list[_Line | None] = []
    for idxs, gut in bands:
        band_rows = [rows[i] for i in idxs]
        if gut is not None and depth < _MAX_DEPTH and len(idxs) >= 2:
            split = origin + gut[0] * _BIN, origin + gut[1] * _BIN
            left = [w for r in band_rows for w in r if w.x1 <= split[0] + _BIN]
            right = [w for r in band_rows for w in r if w.x1 > split[0] + _BIN]
            kind = _band_kind(band_rows, split, narrow=gut[1] - gut[0] < min_bins, known=known)
            if kind == "table":
                # A date or label column beside the entries does not rule out a sidebar beside
                # them both ("2019  Title ... | About me"): another gutter of the band that reads
                # as two columns is split first, and each side finds its own table.
                sidebar = _column_gutter(
                    band_rows, [masks[i] for i in idxs], gut, origin, min_bins, known
                )
                if sidebar is not None:
                    split, kind = sidebar, "columns"
                    left = [w for r in band_rows for w in r if w.x1 <= split[0] + _BIN]
                    right = [w for r in band_rows for w in r if w.x1 > split[0] + _BIN]
            if kind == "columns":
                known.append(split)
                _extend_block(out, _layout(left, rules, depth + 1, known))
                _extend_block(out, _layout(right, rules, depth + 1, known))
                continue
            if kind == "table":
                _extend_block(out, _emit_rows(band_rows, tab_at=split), block=False)
                continue
        _extend_block(out, _emit_rows(band_rows), block=False)
    return out


def _column_gutter(
    rows: list[list[_Word]],
    masks: list[int],
    used: tuple[int, int],
    origin: float,
    min_bins: int,
    known: list[tuple[float, float]],
) -> tuple[float, float] | None:
    """A second gutter of a band (full width, apart from ``used``) whose two sides read as
    columns, widest first; None when there is none."""
    union = 0
    for m in masks:
        union |= m
    others = [g for g in _gaps(union, min_bins) if g[1] <= used[0] or g[0] >= used[1]]
    for g in sorted(others, key=lambda g: g[0] - g[1]):
        split = origin + g[0] * _BIN, origin + g[1] * _BIN
        if _band_kind(rows, split, known=known) == "columns":
            return split
    return None


def _extend_block(out: list[_Line | None], lines: list[_Line | None], block: bool = True) -> None:
    if not lines:
        return
    if block and out and out[-1] is not None:
        out.append(None)
    out.extend(lines)
    if block and out[-1] is not None:
        out.append(None)


def _rule_between(
    rules: list[_Rule], upper: float, lower: float, g: tuple[int, int], origin: float
) -> bool:
    """Is a horizontal rule drawn across the gutter between two rows (a section break)?"""
    g0, g1 = origin + g[0] * _BIN, origin + g[1] * _BIN
    return any(lower < y < upper and x0 < g0 and x1 > g1 for x0, x1, y in rules)


def _may_extend(
    rows: list[list[_Word]],
    masks: list[int],
    rules: list[_Rule],
    cur: list[int],
    i: int,
    g: tuple[int, int],
    origin: float,
    min_bins: int,
    edges: frozenset[int],
) -> bool:
    """May row ``i`` join the column band ``cur`` (split at gutter ``g``)?

    A row on one side only, below the point where the other side has ended, joins only as the
    continuation of its column: close to the row above and not larger than that column's text.
    """
    split = origin + g[0] * _BIN + _BIN
    row = rows[i]
    on_left = all(w.x1 <= split for w in row)
    on_right = all(w.x1 > split for w in row)
    if not (on_left or on_right):
        return True
    other = [w for j in cur for w in rows[j] if (w.x1 <= split) != on_left]
    base = row[0].base
    if not other or base >= min(w.base for w in other) - 0.5 * row[0].size:
        return True
    # Does the other side go on below (before a row or a rule closes the gutter)?
    cur_g = g
    for j in range(i + 1, min(len(rows), i + 80)):
        if _rule_between(rules, rows[j - 1][0].base, rows[j][0].base, cur_g, origin):
            break
        fence = (1 << max(cur_g[0] - 1, 0)) | (1 << cur_g[1])
        narrowed = _overlapping(_gaps(masks[j] | fence, min_bins, edges), cur_g)
        if narrowed is None:
            break
        cur_g = narrowed
        cut = origin + cur_g[0] * _BIN + _BIN
        if any((w.x1 <= cut) != on_left for w in rows[j]):
            return True
    same = [w for j in cur for w in rows[j] if (w.x1 <= split) == on_left]
    if not same:
        return False
    size = max(w.size for w in row)
    lowest = min(same, key=lambda w: w.base)
    same_sizes = sorted(w.size for w in same)
    usual = max(max(w.size for w in other), same_sizes[len(same_sizes) // 2])
    return lowest.base - base <= 2.6 * max(size, lowest.size) and size <= 1.15 * usual


def _band_kind(
    rows: list[list[_Word]],
    split: tuple[float, float],
    narrow: bool = False,
    known: list[tuple[float, float]] | None = None,
) -> str:
    """``columns`` (read one side, then the other), ``table`` (rows kept whole) or ``rows``."""
    cut = split[0] + _BIN
    left_rows = [r for r in rows if any(w.x1 <= cut for w in r)]
    right_rows = [r for r in rows if any(w.x1 > cut for w in r)]
    if not left_rows or not right_rows:
        return "rows"
    l_top, l_bot = max(r[0].base for r in left_rows), min(r[0].base for r in left_rows)
    r_top, r_bot = max(r[0].base for r in right_rows), min(r[0].base for r in right_rows)
    if min(l_top, r_top) < max(l_bot, r_bot):  # one side wholly above the other: not side by side
        return "rows"
    both = sum(1 for r in rows if any(w.x1 <= cut for w in r) and any(w.x1 > cut for w in r))
    left_w = max(w.x1 for r in left_rows for w in r if w.x1 <= cut) - min(
        w.x0 for r in left_rows for w in r if w.x1 <= cut
    )
    right_w = max(w.x1 for r in right_rows for w in r if w.x1 > cut) - min(
        w.x0 for r in right_rows for w in r if w.x1 > cut
    )
    narrow_rows = left_rows if left_w <= right_w else right_rows
    total = max(w.x1 for r in rows for w in r) - min(w.x0 for r in rows for w in r)
    if known and any(k0 < split[1] and split[0] < k1 for k0, k1 in known):
        return "columns"
    if narrow and min(left_w, right_w) < 0.25 * total:
        return "rows"  # a narrow gap beside bullets or a short label: not two columns
    if len(left_rows) < 2 or len(right_rows) < 2:
        return "table" if both else "rows"
    if min(left_w, right_w) <= 0.36 * total and both >= 0.6 * len(narrow_rows):
        # A narrow side paired row by row with the other: dates or labels beside entries
        # (right-aligned, all with digits, or a label column on the left), unless it reads as
        # a column of its own (left-aligned entries of words, as in a two-column CV).
        narrow_is_left = left_w <= right_w
        parts = [[w for w in r if (w.x1 <= cut) == narrow_is_left] for r in narrow_rows]
        ends = [max(w.x1 for w in p) for p in parts if p]
        if not narrow_is_left and max(ends) - min(ends) <= 3.0:
            return "table"
        if all(any(ch.isdigit() for w in p for ch in w.text) for p in parts if p):
            return "table"
        if narrow_is_left and both >= 0.8 * len(narrow_rows):
            return "table"
        if both == len(narrow_rows) and len(narrow_rows) <= 4:
            return "table"  # a few rows split at a tab stop ("Employer    City, ST")
    return "columns"


def _emit_rows(
    rows: list[list[_Word]], tab_at: tuple[float, float] | None = None
) -> list[_Line | None]:
    out: list[_Line | None] = []
    right = max(w.x1 for r in rows for w in r) if rows else 0.0
    for row in rows:
        parts: list[str] = []
        last: _Word | None = None
        for w in row:
            if last is not None:
                gap = w.x0 - last.x1
                big = gap > 1.8 * max(min(w.size, last.size), 4.0)
                across = tab_at is not None and last.x1 <= tab_at[0] + _BIN < w.x1
                parts.append("\t" if big or across else " ")
            parts.append(w.text)
            last = w
        sized: dict[float, int] = {}
        for w in row:
            sized[round(w.size, 1)] = sized.get(round(w.size, 1), 0) + len(w.text)
        size = max(sized, key=lambda s: sized[s])
        line = _Line(
            words=row,
            text="".join(parts),
            x0=row[0].x0,
            x1=row[-1].x1,
            base=row[0].base,
            size=size,
            bold=all(w.bold for w in row),
            right=right,
        )
        out.append(line)
    return out


# ------------------------------------------------------------------ page furniture and URLs

_PAGE_NO_RE = re.compile(
    r"(?i)^[-\u2013\u2014\s]*(?:page\s*)?\d{1,3}(?:\s*(?:/|of|von|de|sur)\s*\d{1,3})?[-\u2013\u2014\s]*$"
)
_MARGIN = 0.08  # top and bottom share of the page where headers and footers sit


def _segments(row: list[_Word]) -> list[list[_Word]]:
    segs: list[list[_Word]] = []
    for w in row:
        if segs and w.x0 - segs[-1][-1].x1 <= 1.8 * max(min(w.size, segs[-1][-1].size), 4.0):
            segs[-1].append(w)
        else:
            segs.append([w])
    return segs


def _drop_furniture(
    words: list[_Word], box: tuple[float, float, float, float], seen: set[str], first: bool
) -> list[_Word]:
    """Remove page numbers, and headers/footers already seen on an earlier page."""
    height = box[3] - box[1]
    top, bottom = box[3] - _MARGIN * height, box[1] + _MARGIN * height
    drop: set[int] = set()
    for row in _rows_of_words(words):
        if bottom < row[0].base < top:
            continue
        for seg in _segments(row):
            text = " ".join(w.text for w in seg)
            key = re.sub(r"\d+", "#", text.casefold())
            if _PAGE_NO_RE.match(text) or (not first and key in seen):
                drop.update(id(w) for w in seg)
            seen.add(key)
    return [w for w in words if id(w) not in drop] if drop else words


_URLISH_RE = re.compile(
    r"(?i)^(?:\(?(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.?|[\w-]+(?:\.[\w-]+)+/\S*)$"
)
_URL_TAIL_RE = re.compile(r"^[\w./~%#?=&+-]{1,80}$")
_DOMAIN_RE = re.compile(r"(?i)[a-z0-9]\.[a-z]{2,}(?:/|$)")
_URL_START_RE = re.compile(r"(?i)^(?:https?:|www\.)|@")
_ENDS_AT_TLD_RE = re.compile(r"(?i)\.[a-z]{2,24}$")  # "...@gmail.com": a whole address


def _join_wrapped_urls(lines: list[_Line | None]) -> list[_Line | None]:
    """Rejoin a web or e-mail address that wrapped onto the next line of its block."""
    out: list[_Line | None] = []
    for line in lines:
        prev = out[-1] if out else None
        if line is None or prev is None or line.blank_before or not line.words:
            out.append(line)
            continue
        head = line.words[0]
        last = prev.text.rsplit(None, 1)[-1] if prev.text.strip() else ""
        if (
            _URLISH_RE.match(last)
            and _URL_TAIL_RE.match(head.text)
            and not _URL_START_RE.search(head.text)
            and not _DOMAIN_RE.search(head.text)
            and (head.text[:1].islower() or head.text[:1].isdigit() or last[-1:] in "/-_.=?&")
            and not (head.text[:1].isdigit() and _ENDS_AT_TLD_RE.search(last))  # then a phone
            and abs(line.x0 - prev.x0) < 0.6 * prev.size
            and abs(line.size - prev.size) < 0.6
            and prev.x1 + (head.x1 - head.x0) > prev.right - 1.0
        ):
            prev.text += head.text
            prev.x1 = max(prev.x1, head.x1)
            rest = line.text[len(head.text) :].lstrip(" \t")
            if not rest:
                continue
            line.text = rest
            line.words = line.words[1:]
        out.append(line)
    return out


# ------------------------------------------------------------------ layout hints

_NOT_NAMES = frozenset(
    {
        "contact",
        "contact information",
        "contact details",
        "resume",
        "résumé",
        "curriculum vitae",
        "cv",
        "profile",
        "summary",
        "about me",
        "personal details",
    }
)
_CAPS_RE = re.compile(r"[^\W\d_]")


# Typographic ligatures a PDF's text layer keeps as one glyph ("Kaﬀe", "ﬁeld"): read as letters.
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
    # Kangxi radicals a CJK font maps its ideographs to ("\u2f24" for "\u5927"): the ideographs.
    | {
        cp: unicodedata.normalize("NFKC", chr(cp))
        for cp in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6))
        if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
    }
)


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ")
    text = unicodedata.normalize("NFC", _INVISIBLE_RE.sub("", text))
    return text.rstrip()


def _is_caps(text: str) -> bool:
    letters = _CAPS_RE.findall(text)
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _name_like(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 60 or re.search(r"\d|@|://|www\.|\|", t):
        return False
    if t.rstrip(":").casefold().strip(" .") in _NOT_NAMES or t.endswith(":"):
        return False
    tokens = t.split()
    if not 1 <= len(tokens) <= 6:
        return False
    if re.fullmatch(r"[A-Z]{1,3}", t):
        return False  # a monogram ('EP', the initials set as a logo), not the name
    letters = sum(ch.isalpha() for ch in t)
    return letters >= 2 and letters >= 0.7 * len(t.replace(" ", ""))


def _heading_shape(text: str) -> bool:
    t = text.strip()
    if not t or "\t" in t or len(t) > 48 or len(t.split()) > 6:
        return False
    if re.search(r"\d|@|://|www\.|\||[,;.]$| [\u2014\u2013-] |,", t.rstrip(":")):
        return False
    return t[0].isalpha()


@dataclass
class _Hints:
    name: str | None = None
    name_spaced: bool = False  # the name is set in spaced-out letters, joined into words
    headings: list[str] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)


def _hints(pages: list[tuple[list[_Line], float]]) -> _Hints:
    """Name, section headings and per-line style from the laid-out lines of every page."""
    all_lines = [
        (ln, p) for p, (lines, _) in enumerate(pages, 1) for ln in lines if ln.text.strip()
    ]
    hints = _Hints()
    if not all_lines:
        return hints
    weight: dict[float, int] = {}
    for ln, _ in all_lines:
        key = round(ln.size * 2) / 2
        weight[key] = weight.get(key, 0) + len(ln.text)
    body = float(max(weight, key=lambda s: weight[s]))
    # Share of heading-shaped lines in each (size, weight) style: a style mostly used for long
    # or punctuated lines (entries, paragraphs) is not a heading style.
    shaped: dict[tuple[float, bool], list[int]] = {}
    for ln, _ in all_lines:
        counts = shaped.setdefault((round(ln.size * 2) / 2, ln.bold), [0, 0])
        counts[0] += _heading_shape(ln.text)
        counts[1] += 1

    # Name: the largest name-shaped text in the top part of page 1.
    first_lines, top_limit = pages[0]
    name_line: _Line | None = None
    name_rest: _Line | None = None  # the name's second line ('ADA' / 'KING')
    best: tuple[float, str] | None = None
    for i, ln in enumerate(first_lines):
        if ln.base < top_limit:
            continue
        for part_words in _segments(ln.words):
            text = _clean(" ".join(w.text for w in part_words))
            size = max(w.size for w in part_words)
            if size < 1.15 * body or not _name_like(text):
                continue
            style_key = (round(ln.size * 2) / 2, ln.bold)
            alike = sum(
                1
                for other, _ in all_lines
                if other is not ln
                and (round(other.size * 2) / 2, other.bold) == style_key
                and _heading_shape(other.text)
                and abs(other.base - ln.base) > 2 * ln.size
            )
            if alike >= 2:
                continue  # the style of the section headings, not of a name
            if best is None or size > best[0] + 0.1:
                best = (size, text)
                name_line, name_rest = ln, None
                nxt = first_lines[i + 1] if i + 1 < len(first_lines) else None
                if (
                    nxt is not None
                    and len(text.split()) <= 2
                    and abs(nxt.size - size) < 0.05 * size
                    and abs(nxt.x0 - part_words[0].x0) < 0.5 * size
                    and 0 < ln.base - nxt.base < 1.6 * size
                    and _name_like(nxt.text)
                ):
                    best = (size, f"{text} {_clean(nxt.text).strip()}")
                    name_rest = nxt
    hints.name = best[1].strip() if best else None
    hints.name_spaced = any(
        w.lspaced for ln in (name_line, name_rest) if ln is not None for w in ln.words
    )

    # Headings: short lines set apart. Capitals count with weight, size or letter-spacing;
    # mixed case only when clearly larger (or bold and larger, in a document with no capital
    # headings). Two sizes of capital headings: the larger are sections, the smaller entries
    # inside them (employers in capitals).
    caps_marked: list[tuple[_Line, float]] = []
    mixed_large: list[_Line] = []
    mixed_bold: list[_Line] = []
    for k, (ln, _) in enumerate(all_lines):
        if ln is name_line or ln is name_rest or not _heading_shape(ln.text):
            continue
        nxt = all_lines[k + 1][0] if k + 1 < len(all_lines) else None
        if (
            nxt is not None
            and abs(nxt.size - ln.size) < 0.3
            and abs(nxt.x0 - ln.x0) < ln.size
            and 0 < ln.base - nxt.base < 1.5 * ln.size
            and not _heading_shape(nxt.text)
        ):
            continue  # the first line of a wrapped paragraph in the same style
        prv = all_lines[k - 1][0] if k else None
        if (
            prv is not None
            and abs(prv.size - ln.size) < 0.3
            and abs(prv.x0 - ln.x0) < ln.size
            and 0 < prv.base - ln.base < 1.5 * ln.size
            and not _heading_shape(prv.text)
        ):
            continue  # the last line of a wrapped paragraph
        style = shaped[(round(ln.size * 2) / 2, ln.bold)]
        headline = prv is not None and prv is name_line and 0 < prv.base - ln.base < 1.2 * prv.size
        mixed_ok = not headline and style[0] >= 0.7 * style[1]
        spaced = any(w.lspaced for w in ln.words)
        if spaced or (
            _is_caps(ln.text) and ln.size >= 0.95 * body and (ln.bold or ln.size >= 1.08 * body)
        ):
            caps_marked.append((ln, 99.0 if spaced else round(ln.size * 2) / 2))
        elif (mixed_ok and ln.size >= 1.2 * body) or (
            ln.ruled and not headline and ln.size >= 0.95 * body
        ):
            mixed_large.append(ln)
        elif mixed_ok and ln.bold and ln.size >= 1.05 * body and len(ln.text.split()) <= 3:
            mixed_bold.append(ln)
    tiers = {s for _, s in caps_marked}
    repeated = [s for s in tiers if sum(1 for _, t in caps_marked if t == s) >= 2 and s < 99]
    top = max(repeated) if repeated else None
    heading_ids = {id(ln) for ln, s in caps_marked if top is None or s >= top}
    caps_headings = sum(1 for ln, s in caps_marked if top is None or s >= top)
    # Sections set in capitals or marked by rules: other mixed-case lines are entries.
    ruled = sum(1 for ln in mixed_large if ln.ruled)
    marked_tier = caps_headings >= 3 or ruled >= 2  # sections told apart by capitals or rules
    heading_ids |= {id(ln) for ln in mixed_large if ln.ruled or not marked_tier}
    if not caps_marked and not marked_tier:
        heading_ids |= {id(ln) for ln in mixed_bold}
    for ln, page in all_lines:
        text = _clean(ln.text)
        if not text.strip():
            continue
        is_heading = id(ln) in heading_ids
        if is_heading:
            hints.headings.append(text.strip())
        hints.lines.append(
            {
                "text": text,
                "size": round(ln.size, 1),
                "bold": ln.bold,
                "caps": _is_caps(text),
                "page": page,
                "heading": is_heading,
            }
        )
    return hints


# ------------------------------------------------------------------ the reader


def _read_pdf(data: bytes, *, name: str) -> Loaded:
    try:
        _pdfminer()
    except ImportError as exc:  # pragma: no cover - pdfminer.six is a hard dependency
        raise InputError("pdfminer.six is not installed", source=name) from exc
    with _quiet():
        try:
            return _read(data, name=name)
        except InputError:
            raise
        except _PdfLimit as exc:
            raise InputError(str(exc), source=name) from exc
        except RecursionError as exc:
            raise InputError("corrupt PDF: objects nested too deeply", source=name) from exc
        except MemoryError as exc:
            raise InputError("PDF too large to read", source=name) from exc
        except Exception as exc:
            raise InputError(f"corrupt PDF ({type(exc).__name__})", source=name) from exc


def _open(data: bytes, name: str) -> Any:
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        return PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(_PASSWORD, source=name) from exc
    except _PdfLimit:
        raise
    except Exception as exc:
        raise InputError(f"corrupt PDF ({type(exc).__name__})", source=name) from exc


def _count_pages(data: bytes, limit: int) -> int:
    """Page objects (``/Type /Page``) in ``data``, counted up to ``limit + 1``."""
    return sum(1 for _ in itertools.islice(_PAGE_OBJECT.finditer(data), limit + 1))


def _pages_in_object_streams(doc: Any, limit: int) -> int:
    """Page objects inside compressed object streams (PDF 1.5), which the raw bytes do not show,
    counted up to ``limit + 1``: each object stream the cross-reference names is decompressed (as
    bounded as any stream, and kept: the page tree reads its objects from it next) and its page
    objects counted. Before the page tree is walked, which for 20,000 pages takes seconds."""
    from pdfminer.pdftypes import PDFStream

    streams: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            try:
                stream_id = xref.get_pos(objid)[0]
            except Exception:  # an entry pdfminer cannot place is not counted
                continue
            if stream_id is not None:
                streams.add(int(stream_id))
    count = 0
    for stream_id in sorted(streams):
        try:
            stream = doc.getobj(stream_id)
            data = stream.get_data() if isinstance(stream, PDFStream) else b""
        except _PdfLimit:
            raise
        except Exception:  # a broken object stream: pdfminer reports it when it is read
            continue
        count += _count_pages(data, limit - count)
        if count > limit:
            break
    return count


def _page_count(doc: Any) -> int | None:
    from pdfminer.pdftypes import resolve1

    try:
        return int(resolve1(resolve1(doc.catalog["Pages"])["Count"]))
    except Exception:
        return None


def _read(data: bytes, *, name: str) -> Loaded:
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    deadline = time.monotonic() + MAX_PDF_SECONDS
    too_many = InputError(
        f"the PDF has over {MAX_PDF_FILE_PAGES:,} pages; export the pages that hold the posting"
        " or resume",
        source=name,
    )
    pages_in_file = _count_pages(data, MAX_PDF_FILE_PAGES)
    if pages_in_file > MAX_PDF_FILE_PAGES:
        raise too_many
    doc = _open(data, name)
    if _pages_in_object_streams(doc, MAX_PDF_FILE_PAGES - pages_in_file) + pages_in_file > (
        MAX_PDF_FILE_PAGES
    ):
        raise too_many
    rsrcmgr = PDFResourceManager(caching=True)
    device = _make_device(rsrcmgr, deadline)
    interp = _make_interpreter(rsrcmgr, device)

    warnings: list[InputWarning] = []
    pages: list[tuple[list[_Line], float]] = []
    texts: list[str] = []
    seen_margin: set[str] = set()
    known: list[tuple[float, float]] = []
    orphan: _Line | None = None
    invisible: list[str] = []
    drawn = 0
    read = 0
    more = False
    try:
        page_iter = iter(PDFPage.create_pages(doc))
    except Exception as exc:
        raise InputError(f"corrupt PDF ({type(exc).__name__})", source=name) from exc
    while True:
        try:
            page = next(page_iter)
        except StopIteration:
            break
        except _PdfLimit:
            raise
        except Exception as exc:
            if read:
                break  # a broken page tree after readable pages: keep what was read
            raise InputError(f"corrupt PDF ({type(exc).__name__})", source=name) from exc
        if read >= MAX_PDF_PAGES:
            more = True
            break
        read += 1
        try:
            interp.process_page(page)
            ltpage = device.get_result()
        except (_PdfLimit, InputError):
            raise
        except Exception as exc:
            raise InputError(
                f"corrupt PDF: cannot read page {read} ({type(exc).__name__})", source=name
            ) from exc
        box = _page_box(page, ltpage)
        lines, top, chunks, inv, n = _page_lines(ltpage, box, seen_margin, read == 1, known)
        if orphan is not None:
            lines = [orphan, *lines]
            orphan = None
        orphan = _pop_orphan(lines, box)
        drawn += n
        if drawn > _MAX_CHARS:
            raise InputError(
                f"the PDF draws over {_MAX_CHARS:,} characters; the limit is {_MAX_CHARS:,}",
                source=name,
            )
        invisible.extend(inv)
        for why, chunk in chunks:
            warnings.append(_hidden(f"removed {why} from the PDF", chunk))
        pages.append(([ln for ln in lines if ln is not None], top))
        texts.append(_page_text(lines))
    if orphan is not None and pages:
        pages[-1][0].append(orphan)
        texts[-1] = f"{texts[-1]}\n{orphan.text}"
    if not read:
        raise InputError("corrupt PDF: it has no pages", source=name)
    if more:
        total = _page_count(doc)
        of = f" of {total}" if total else ""
        warnings.append(
            InputWarning(
                code="truncated",
                message=f"read the first {MAX_PDF_PAGES}{of} pages of the PDF; the rest was not read",
            )
        )
    texts, lost_letters, warnings = _restore_ligatures(device.lost, texts, pages, warnings)
    text = "\n\n".join(t for t in texts if t.strip())
    unmapped = sum(1 for c in invisible if not c) + device.lost.marked
    invisible = [c for c in invisible if c]
    if unmapped and not text.strip():
        raise InputError(
            "the PDF's fonts do not say which letters they draw, so no text can be read;"
            " export it again (with fonts embedded as text) or paste the text",
            source=name,
        )
    if invisible:
        names = sorted({f"U+{ord(c):04X}" for c in invisible})
        warnings.append(
            _hidden(
                f"removed {len(invisible)} invisible character(s) ({', '.join(names[:6])}"
                f"{', ...' if len(names) > 6 else ''}): zero-width / bidi-control characters"
                " hide or reorder text",
                text.strip().split("\n", 1)[0],
            )
        )
    if not text.strip():
        raise InputError(_NO_TEXT, source=name)
    hints = _hints(pages)
    layout = {
        "name": hints.name,
        "name_spaced": hints.name_spaced,
        "headings": hints.headings,
        "lines": hints.lines,
        "pages": read,
        "lost_letters": lost_letters,
    }
    return _finish(
        text, name=name, fmt="pdf", kind="resume", warnings=warnings, data={"layout": layout}
    )


def _restore_ligatures(
    lost: LostGlyphs,
    texts: list[str],
    pages: list[tuple[list[_Line], float]],
    warnings: list[InputWarning],
) -> tuple[list[str], list[str], list[InputWarning]]:
    """The letters of lost ligature glyphs put back in the text, the lines and the warnings; and
    the words whose letters could not be told (see :mod:`referral_ai.inputs.ligatures`)."""
    table, doubtful = lost.restore(texts)
    if not table:
        return texts, doubtful, warnings
    for lines, _ in pages:
        for line in lines:
            line.text = line.text.translate(table)
            for word in line.words:
                word.text = word.text.translate(table)
    warnings = [
        w.model_copy(update={"excerpt": w.excerpt.translate(table)}) if w.excerpt else w
        for w in warnings
    ]
    return [t.translate(table) for t in texts], doubtful, warnings


def _page_lines(
    ltpage: Any,
    box: tuple[float, float, float, float],
    seen: set[str],
    first: bool,
    known: list[tuple[float, float]],
) -> tuple[list[_Line | None], float, list[tuple[str, str]], list[str], int]:
    chars, fills, rotated, rules, turn = _collect(ltpage)
    box = _turn_box(turn, *box)
    grid = _FillGrid(fills)
    scan = _is_scan(chars, fills, box)
    visible: list[_Ch] = []
    hidden: list[tuple[_Ch, str]] = []
    invisible: list[str] = []
    for ch in chars:
        if _INVISIBLE_RE.fullmatch(ch.text):
            invisible.append(ch.text[0])
            continue
        if _JUNK_RE.fullmatch(ch.text):
            invisible.append("")  # control characters, unmapped glyphs ("(cid:12)")
            continue
        why = _why_hidden(ch, grid, box, scan)
        if why is None:
            if not ch.icon:
                ch.text = ch.text.translate(_LIGATURES)
                visible.append(ch)
        elif not ch.space:
            hidden.append((ch, why))
    visible = _dedupe(visible)
    hidden = _not_copies(hidden, visible)
    if any(is_mark(ch.text) for ch in visible):
        kept = _in_words(visible)
        invisible.extend("" for _ in range(len(visible) - len(kept)))  # unmapped, not letters
        visible = kept
    words: list[_Word] = []
    for row in _rows_of_chars(visible):
        words.extend(_words_of_row(_advances(row)))
    words = [w for w in words if w.text.strip()]
    words = _drop_furniture(words, box, seen, first)
    lines = _layout(words, rules, known=known)
    lines = _join_wrapped_urls(lines)
    _mark_ruled(lines, rules)
    extra: list[_Ch] = []
    for ch in rotated:
        if _INVISIBLE_RE.fullmatch(ch.text):
            continue
        why = _why_hidden(ch, grid, box, scan)
        if why is None:
            extra.append(ch)
        elif not ch.space:
            hidden.append((ch, why))
    if extra:
        text = " ".join("".join(c.text for c in extra).split())
        if text:
            w = _Word(text, 0.0, 0.0, 0.0, extra[0].size, False, False, True)
            lines.append(None)
            lines.append(_Line([w], text, 0.0, 0.0, -1e9, extra[0].size, False))
    top = box[3] - 0.45 * (box[3] - box[1])
    hidden.sort(key=lambda item: item[0].idx)
    return lines, top, _hidden_chunks(hidden), invisible, len(chars) + len(rotated)


def _in_words(chars: list[_Ch]) -> list[_Ch]:
    """``chars`` without the lost glyphs (see :mod:`referral_ai.inputs.ligatures`) that cannot be
    ligatures: a ligature touches a letter before it or a lower-case letter after it (on its
    row), and nothing else than letters. An unmapped bullet or icon standing apart, or a run of
    glyphs a font maps to nothing at all, is dropped."""
    out: list[_Ch] = []
    for row in _rows_of_chars(chars):
        row.sort(key=lambda c: (c.x0, c.idx))
        for k, ch in enumerate(row):
            if not is_mark(ch.text):
                out.append(ch)
                continue
            near = 0.15 * ch.size
            prv = row[k - 1] if k else None
            nxt = row[k + 1] if k + 1 < len(row) else None
            before = prv is not None and not prv.space and ch.x0 - prv.x1 < near
            after = nxt is not None and not nxt.space and nxt.x0 - ch.x1 < near
            letter_before = before and prv is not None and prv.text.isalpha()
            letter_after = after and nxt is not None and nxt.text.islower()
            bad_before = before and not letter_before and not (prv and is_mark(prv.text))
            bad_after = after and not letter_after and not (nxt and is_mark(nxt.text))
            if (letter_before or letter_after) and not bad_before and not bad_after:
                out.append(ch)
    return out


def _mark_ruled(lines: list[_Line | None], rules: list[_Rule]) -> None:
    """Mark the short line each long horizontal rule belongs to (the nearest one, just under,
    through or over it)."""
    real = [ln for ln in lines if ln is not None]
    for x0, x1, y in rules:
        best: tuple[float, _Line] | None = None
        for line in real:
            mid = line.base + 0.35 * line.size
            dist = abs(y - mid)
            if dist > 1.6 * line.size or x0 > line.x0 + line.size or x1 < line.x1 - line.size:
                continue
            if best is None or dist < best[0]:
                best = (dist, line)
        if best is not None and x1 - x0 >= 3 * max(best[1].x1 - best[1].x0, 1.0):
            best[1].ruled = True


def _pop_orphan(lines: list[_Line | None], box: tuple[float, float, float, float]) -> _Line | None:
    """A heading left alone at the foot of a column whose entries start on the next page."""
    limit = box[1] + 0.15 * (box[3] - box[1])
    for i, line in enumerate(lines):
        if line is None or i == 0 or lines[i - 1] is None:
            continue
        if i + 1 < len(lines) and lines[i + 1] is not None:
            continue
        if line.base < limit and _heading_shape(line.text) and (_is_caps(line.text) or line.bold):
            del lines[i]
            return line
    return None


def _page_text(lines: list[_Line | None]) -> str:
    out: list[str] = []
    for line in lines:
        if line is None:
            if out and out[-1]:
                out.append("")
            continue
        if line.blank_before and out and out[-1]:
            out.append("")
        out.append(line.text)
    return "\n".join(out).strip("\n")
