"""What counts as hidden from a human reader, in every format, and how a removal is reported."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from referral_ai.models import InputWarning  # pydantic: imported where a warning is made


_EXCERPT = 80


# Zero-width, word-joiner, BOM and bidi-control characters: invisible, but read by a model.
_INVISIBLE_CHARS = (
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/non-joiner/joiner, LRM, RLM
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible math operators
    "\ufeff"  # BOM / zero-width no-break space
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
)


_INVISIBLE_RE = re.compile(f"[{_INVISIBLE_CHARS}]+")


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[: _EXCERPT - 1].rstrip() + "…"


def _hidden(message: str, text: str) -> InputWarning:
    from referral_ai.models import InputWarning

    return InputWarning(code="hidden-text", message=message, excerpt=_excerpt(text))


def strip_invisible(text: str) -> tuple[str, list[InputWarning]]:
    """Remove zero-width and bidi-control characters; return the clean text and a warning if any were found.

    The warning's excerpt is the (cleaned) line where the first such character was found.
    """
    matches = list(_INVISIBLE_RE.finditer(text))
    if not matches:
        return text, []
    count = sum(m.end() - m.start() for m in matches)
    first = matches[0].start()
    line_start = text.rfind("\n", 0, first) + 1
    line_end = text.find("\n", first)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    clean = _INVISIBLE_RE.sub("", text)
    names = sorted({f"U+{ord(c):04X}" for m in matches for c in m.group()})
    warning = _hidden(
        f"removed {count} invisible character(s) ({', '.join(names[:6])}"
        f"{', ...' if len(names) > 6 else ''}): zero-width / bidi-control characters hide or reorder text",
        _INVISIBLE_RE.sub("", line),
    )
    return clean, [warning]


_NEAR_WHITE = 0xF0


_MIN_PT = 4.0


def _fill_is_dark(fill: str | None) -> bool:
    if not fill or fill.lower() == "auto" or not re.fullmatch(r"[0-9A-Fa-f]{6}", fill):
        return False
    r, g, b = (int(fill[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b < 200


# --------------------------------------------------------------------------- CSS (HTML, Markdown)

_NAMED_COLOURS: dict[str, tuple[int, int, int]] = {
    "white": (255, 255, 255), "snow": (255, 250, 250), "ivory": (255, 255, 240),
    "ghostwhite": (248, 248, 255), "whitesmoke": (245, 245, 245), "floralwhite": (255, 250, 240),
    "mintcream": (245, 255, 250), "azure": (240, 255, 255), "aliceblue": (240, 248, 255),
    "seashell": (255, 245, 238), "honeydew": (240, 255, 240), "lavenderblush": (255, 240, 245),
    "linen": (250, 240, 230), "oldlace": (253, 245, 230), "cornsilk": (255, 248, 220),
    "black": (0, 0, 0), "navy": (0, 0, 128), "darkblue": (0, 0, 139), "darkgreen": (0, 100, 0),
    "maroon": (128, 0, 0), "purple": (128, 0, 128), "darkslategray": (47, 79, 79),
    "darkslategrey": (47, 79, 79), "midnightblue": (25, 25, 112), "teal": (0, 128, 128),
    "darkred": (139, 0, 0), "indigo": (75, 0, 130), "gray": (128, 128, 128), "grey": (128, 128, 128),
    "red": (255, 0, 0), "blue": (0, 0, 255), "green": (0, 128, 0),
}  # fmt: skip

_WHITE: tuple[int, int, int] = (255, 255, 255)
_COLOUR_DISTANCE = 24
"""Text within this distance (largest channel difference) of its background is unreadable."""

_HEX_RE = re.compile(r"#([0-9a-f]{3,8})")
_FUNC_RE = re.compile(r"(rgba?|hsla?)\(([^()]{0,80})\)")
_NUM_RE = re.compile(r"-?\d{0,6}(?:\.\d{1,6})?")


def _num(token: str) -> float | None:
    token = token.strip().removesuffix("%").removesuffix("deg")
    if not token or not _NUM_RE.fullmatch(token) or token in {"-", ".", "-."}:
        return None
    return float(token)


def _hsl_to_rgb(h: float, s: float, light: float) -> tuple[int, int, int]:
    import colorsys

    r, g, b = colorsys.hls_to_rgb((h % 360) / 360, light, s)
    return round(r * 255), round(g * 255), round(b * 255)


def css_colour(value: str) -> tuple[int, int, int, float] | None:
    """An (r, g, b, alpha) for a CSS colour (hex, rgb()/rgba()/hsl()/hsla() in either syntax, a name).

    ``transparent`` is black with alpha 0. ``None`` for anything else (``inherit``, images, ...).
    """
    v = value.strip().lower().removesuffix("!important").strip()
    if v == "transparent":
        return (0, 0, 0, 0.0)
    if v in _NAMED_COLOURS:
        return (*_NAMED_COLOURS[v], 1.0)
    m = _HEX_RE.fullmatch(v)
    if m:
        h = m.group(1)
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        if len(h) not in (6, 8):
            return None
        alpha = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha)
    m = _FUNC_RE.fullmatch(v)
    if not m:
        return None
    func, args = m.groups()
    parts = [p for p in re.split(r"[\s,/]+", args.strip()) if p]
    if len(parts) not in (3, 4):
        return None
    nums = [_num(p) for p in parts]
    if any(n is None for n in nums):
        return None
    a = 1.0
    if len(parts) == 4:
        a = float(nums[3] or 0) / (100 if parts[3].endswith("%") else 1)
    if func.startswith("rgb"):
        rgb = [
            float(n or 0) * (2.55 if p.endswith("%") else 1)
            for n, p in zip(nums[:3], parts[:3], strict=True)
        ]
        r, g, b = (max(0, min(255, round(x))) for x in rgb)
        return (r, g, b, a)
    sat, light = (float(n or 0) / 100 for n in nums[1:3])
    return (*_hsl_to_rgb(float(nums[0] or 0), max(0, min(1, sat)), max(0, min(1, light))), a)


def _close(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) <= _COLOUR_DISTANCE


def css_background(style: str) -> tuple[int, int, int] | bool | None:
    """The solid background colour a style sets; ``False`` if it sets an image or gradient; else None."""
    decls = _declarations(style)
    value = decls.get("background-color") or decls.get("background")
    if value is None:
        return None
    if "url(" in value or "gradient(" in value or "image-set(" in value:
        return False
    for token in [value, *value.split()]:
        c = css_colour(token)
        if c is not None:
            return c[:3] if c[3] > 0.5 else None
    return None


def _declarations(style: str) -> dict[str, str]:
    decls: dict[str, str] = {}
    for decl in style.lower().split(";"):
        if ":" in decl:
            k, v = decl.split(":", 1)
            decls[k.strip()] = " ".join(v.replace("!important", " ").split())
    return decls


_LENGTH_RE = re.compile(r"(-?\d{1,9}(?:\.\d{1,9})?|-?\.\d{1,9})(px|pt|em|rem|%|vw|vh|ch|ex)?")


def _length_px(value: str | None) -> float | None:
    """A CSS length in CSS pixels (em/rem at 16px), or None when it is not a plain length."""
    if value is None:
        return None
    m = _LENGTH_RE.fullmatch(value.strip())
    if not m:
        return None
    n, unit = float(m.group(1)), m.group(2) or "px"
    if n == 0:
        return 0.0
    factor = {"px": 1.0, "pt": 4 / 3, "em": 16.0, "rem": 16.0, "%": 0.16, "ch": 8.0, "ex": 8.0}
    return n * factor[unit] if unit in factor else None


_CLIP_ZERO_RE = re.compile(r"rect\(\s*(?:[01](?:px)?\s*,?\s*){4}\)")
_CLIP_PATH_RE = re.compile(
    r"(?:inset\(\s*(?:50|100)%|circle\(\s*0|ellipse\(\s*0|polygon\(\s*(?:0(?:px|%)?\s*){2}(?:,\s*(?:0(?:px|%)?\s*){2}){1,7}\))"
)
_SCALE_ZERO_RE = re.compile(
    r"(?:^|\s)(?:scale[xy3d]?\(\s*0(?:\.0+)?\s*[,)]|matrix\(\s*0(?:\.0+)?\s*,\s*0(?:\.0+)?\s*,\s*0(?:\.0+)?\s*,\s*0(?:\.0+)?\s*,)"
)

_TINY_FONT_PX = 2.0
_OFF_SCREEN_PX = -999.0


def _style_hidden(
    style: str, *, background: tuple[int, int, int] | bool | None = None
) -> str | None:
    """Why a CSS declaration block (an inline ``style`` or a rule body) hides its text, or None.

    ``background`` is the colour the text is drawn on (white when None; ``False`` when it is an image,
    so no colour is judged unreadable). A background the block sets itself takes precedence.
    """
    decls = _declarations(style)
    if decls.get("display") == "none":
        return "display:none"
    if decls.get("visibility") in {"hidden", "collapse"}:
        return "visibility:hidden"
    size = _length_px(decls.get("font-size"))
    if size is not None and size <= _TINY_FONT_PX:
        return "font-size:0" if size <= 0 else f"a tiny font ({decls['font-size']})"
    opacity = _num(decls.get("opacity", "x"))
    if opacity is not None and opacity / (100 if decls["opacity"].endswith("%") else 1) <= 0.05:
        return "opacity:0"
    own_bg = css_background(style)
    bg = background if own_bg is None else own_bg
    colour = css_colour(decls.get("color", "")) if "color" in decls else None
    if colour is not None:
        if colour[3] <= 0.05:
            return "transparent text"
        if bg is not False:
            ground = _WHITE if bg is None or bg is True else bg
            if _close(colour[:3], ground):
                return (
                    "white text"
                    if ground == _WHITE or min(ground) >= 200
                    else "text the colour of its background"
                )
    if _SCALE_ZERO_RE.search(decls.get("transform", "")):
        return "transform:scale(0)"
    clip = decls.get("clip", "")
    if _CLIP_ZERO_RE.match(clip) or _CLIP_PATH_RE.match(decls.get("clip-path", "")):
        return "a clip (screen-reader-only text)"
    overflow_hidden = decls.get("overflow") in {"hidden", "clip"}
    for dim in ("height", "max-height", "width", "max-width"):
        px = _length_px(decls.get(dim))
        if px is not None and px <= 1 and overflow_hidden:
            return "zero-size box"
    for prop in ("left", "top", "text-indent", "margin-left", "margin-top", "right"):
        px = _length_px(decls.get(prop))
        if px is not None and px <= _OFF_SCREEN_PX:
            return "positioned off-screen"
    return None


# --------------------------------------------------------------------------- <style> selectors

_MAX_CSS_RULES = 2000
_COMPOUND_RE = re.compile(r"([a-z][a-z0-9-]{0,40}|\*)?((?:[.#][a-z0-9_-]{1,80}){0,8})", re.I)


@dataclass(frozen=True)
class Compound:
    """One simple compound selector: ``tag.cls1.cls2#id`` (every part optional)."""

    tag: str | None
    classes: frozenset[str]
    id: str | None

    def matches(self, tag: str, classes: frozenset[str] | set[str], id_: str | None) -> bool:
        return (
            (self.tag is None or self.tag == tag)
            and self.classes <= classes
            and (self.id is None or self.id == id_)
        )


@dataclass(frozen=True)
class CssRule:
    """A selector (compounds, outermost first, joined by descendant or child combinators) and its effect.

    ``hides`` is why the rule hides text (or None); ``background`` the solid colour it paints
    (``False`` for an image), ``colour`` its text colour block (for judging against a background).
    """

    parts: tuple[Compound, ...]
    hides: str | None
    background: tuple[int, int, int] | bool | None
    body: str
    selector: str


_BRACES_RE = re.compile(r"[{};]")


def _css_blocks(css: str) -> list[tuple[str, str]]:
    """(selector list, declarations) of every top-level rule; @media/@supports/... blocks skipped.

    One linear scan (comments removed first with ``str.find``), so a crafted stylesheet stays cheap.
    """
    out: list[str] = []
    i = 0
    while True:
        j = css.find("/*", i)
        if j < 0:
            out.append(css[i:])
            break
        out.append(css[i:j])
        k = css.find("*/", j + 2)
        if k < 0:
            break
        i = k + 2
    text = " ".join(out)
    blocks: list[tuple[str, str]] = []
    depth, start, prelude = 0, 0, ""
    for m in _BRACES_RE.finditer(text):
        pos, ch = m.start(), m.group()
        if ch == "{":
            if depth == 0:
                prelude, start = text[start:pos], pos + 1
            depth += 1
        elif ch == "}":
            if depth == 0:
                start = pos + 1
                continue
            depth -= 1
            if depth == 0:
                if not prelude.strip().startswith("@"):
                    blocks.append((prelude, text[start:pos]))
                start = pos + 1
            if len(blocks) >= _MAX_CSS_RULES:
                break
        elif ch == ";" and depth == 0:
            start = pos + 1  # @import ...; @charset ...;
    return blocks


def _parse_selector(sel: str) -> tuple[Compound, ...] | None:
    """Compounds of a descendant/child selector, or None for anything else (pseudo-classes, ...)."""
    tokens = sel.replace(">", " ").split()
    if not tokens or len(tokens) > 8:
        return None
    parts: list[Compound] = []
    for tok in tokens:
        m = _COMPOUND_RE.fullmatch(tok)
        if not m or not tok:
            return None
        tag = m.group(1)
        classes: set[str] = set()
        id_: str | None = None
        for piece in re.findall(r"[.#][^.#]+", m.group(2) or ""):
            if piece[0] == ".":
                classes.add(piece[1:])
            else:
                id_ = piece[1:]
        parts.append(Compound(None if tag in (None, "*") else tag.lower(), frozenset(classes), id_))
    return tuple(parts)


def css_rules(css: str) -> list[CssRule]:
    """The rules of a stylesheet that hide text or paint a background, with simple selectors only.

    Class, id, tag, compound (``p.a.b``, ``div#x``) and descendant/child (``.a .b``, ``.a > p``)
    selectors are kept; rules inside ``@media`` and similar blocks (they apply only sometimes) and
    selectors with pseudo-classes or attribute tests are left out.
    """
    rules: list[CssRule] = []
    for selectors, body in _css_blocks(css):
        hides = _style_hidden(body)
        bg = css_background(body)
        if hides is None and bg is None and "color" not in _declarations(body):
            continue
        for sel in selectors.split(","):
            parts = _parse_selector(sel.strip())
            if parts is not None:
                rules.append(CssRule(parts, hides, bg, body, " ".join(sel.split())))
    return rules[:_MAX_CSS_RULES]
