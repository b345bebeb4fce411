"""What counts as hidden from a human reader, in every format, and how a removal is reported."""

from __future__ import annotations

import re
from typing import Any

from referral_ai.models import InputWarning

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


_WHITE_RE = re.compile(
    r"color\s*:\s*(?:white|#f[0-9a-f]f[0-9a-f]f[0-9a-f]\b|#fff\b|"
    r"#f[0-9a-f]f[0-9a-f]f[0-9a-f](?:[0-9a-f]{2})?\b|rgba?\(\s*(?:24\d|25[0-5])\s*,\s*(?:24\d|25[0-5])\s*,\s*(?:24\d|25[0-5])\b)",
    re.I,
)


def _style_hidden(style: str) -> str | None:
    s = style.lower().replace(" ", "")
    decls = {}
    for decl in s.split(";"):
        if ":" in decl:
            k, v = decl.split(":", 1)
            decls[k] = v.removesuffix("!important")
    if decls.get("display") == "none":
        return "display:none"
    if decls.get("visibility") in {"hidden", "collapse"}:
        return "visibility:hidden"
    if re.fullmatch(r"0+(?:\.0+)?(?:px|pt|em|rem|%)?", decls.get("font-size", "x")):
        return "font-size:0"
    if re.fullmatch(r"0+(?:\.0+)?%?", decls.get("opacity", "x")):
        return "opacity:0"
    color = decls.get("color")
    if color is not None and _WHITE_RE.search(f"color:{color}"):
        return "white text"
    if (
        re.fullmatch(r"0+(?:px)?", decls.get("max-height", decls.get("height", "x")))
        and decls.get("overflow") == "hidden"
    ):
        return "zero-size box"
    if re.fullmatch(r"-\d{3,}(?:px|em)", decls.get("left", decls.get("text-indent", "x"))):
        return "positioned off-screen"
    return None


_BG_RE = re.compile(r"background(?:-color)?\s*:\s*([^;]+)", re.I)


_NAMED_DARK = {
    "black",
    "navy",
    "darkblue",
    "darkgreen",
    "maroon",
    "purple",
    "darkslategray",
    "midnightblue",
    "teal",
    "darkred",
    "indigo",
}


def _html_dark_background(tag: Any) -> bool:
    """True when the element or an ancestor sets a dark inline background."""
    node = tag
    while node is not None and getattr(node, "name", None):
        style = node.get("style") if hasattr(node, "get") else None
        if isinstance(style, str):
            m = _BG_RE.search(style)
            if m:
                value = m.group(1).strip().lower()
                hexm = re.search(r"#([0-9a-f]{6}|[0-9a-f]{3})\b", value)
                rgb = re.search(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)", value)
                if hexm:
                    h = hexm.group(1)
                    h = "".join(c * 2 for c in h) if len(h) == 3 else h
                    return _fill_is_dark(h)
                if rgb:
                    r, g, b = (int(x) for x in rgb.groups())
                    return 0.299 * r + 0.587 * g + 0.114 * b < 200
                return any(word in value.split() for word in _NAMED_DARK)
        node = node.parent
    return False
