"""Read a job posting or a resume from a file, bytes or text, and return only what a person would see.

The format is decided by the content (magic bytes, zip members, markup) as well as the file extension,
so a ``.txt`` that is really a PDF is read as a PDF. Text hidden from a human reader (white or tiny
runs in a .docx, white/invisible text in a PDF, ``display:none`` and friends in HTML, zero-width and
bidi-control characters anywhere) is removed from the text and reported as an ``InputWarning`` with
code ``"hidden-text"``. Anything that cannot be used raises :class:`~referral_ai.errors.InputError`
with a one-line message that names the input and the problem.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from referral_ai.errors import InputError
from referral_ai.models import InputWarning

__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_TEXT_CHARS",
    "Loaded",
    "json_resume_text",
    "read_text",
    "strip_invisible",
]

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""Largest file (or bytes / text input) accepted: 10 MB."""

MAX_TEXT_CHARS = 200_000
"""Largest extracted text accepted: 200,000 characters (a long posting or resume is under 30,000)."""

Kind = Literal["posting", "resume"]

_EXCERPT = 80

_FORMATS: dict[str, tuple[str, ...]] = {
    "posting": ("text", "markdown", "html", "docx", "pdf"),
    "resume": ("text", "markdown", "html", "docx", "pdf", "json"),
}
_ACCEPTED_HINT = {
    "posting": ".txt, .md, .html, .docx or .pdf",
    "resume": ".txt, .md, .docx, .pdf or JSON Resume (.json)",
}

_TEXT_EXTS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
_HTML_EXTS = {".html", ".htm", ".xhtml"}

# Zero-width, word-joiner, BOM and bidi-control characters: invisible, but read by a model.
_INVISIBLE_CHARS = (
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/non-joiner/joiner, LRM, RLM
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible math operators
    "\ufeff"  # BOM / zero-width no-break space
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
)
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE_CHARS}]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# Magic numbers of formats that are never a posting or a resume.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls/.ppt)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg media file"),
)


@dataclass(frozen=True)
class Loaded:
    """The visible text of one input, where it came from, its format and what was removed from it.

    ``fmt`` is one of ``text``, ``markdown``, ``html``, ``docx``, ``pdf``, ``json``. ``data`` is the
    parsed JSON Resume for ``json`` inputs; for ``html`` it may hold ``{"title": ...}`` (the first
    ``<h1>`` or the ``<title>``); otherwise ``None``.
    """

    text: str
    source: str
    fmt: str
    warnings: list[InputWarning] = field(default_factory=list)
    data: dict[str, Any] | None = None


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


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue  # at most one blank line in a row, none at the start
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


# --------------------------------------------------------------------------- entry point


def read_text(source: str | os.PathLike[str] | bytes, *, kind: Kind) -> Loaded:
    """Read a posting or resume from a path, raw bytes or a text string and return its visible text.

    A ``str`` that names an existing file is read as that file; a ``str`` with a newline or longer than
    260 characters is text; a short single-line ``str`` that looks like a file name but does not exist
    is an error. ``kind`` decides which formats are accepted (JSON Resume only for ``"resume"``).
    Raises :class:`InputError` (missing, directory, empty, binary/unsupported, too large, corrupt,
    undecodable, PDF without a text layer, JSON that is not a JSON Resume).
    """
    if kind not in _FORMATS:
        raise ValueError(f"kind must be 'posting' or 'resume', not {kind!r}")
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _read_bytes(bytes(source), name="<bytes>", ext="", kind=kind)
    if isinstance(source, str) and not _looks_like_path(source):
        return _read_string(source, kind=kind)
    return _read_file(Path(os.fspath(source)), kind=kind)


def _looks_like_path(s: str) -> bool:
    if "\n" in s or len(s) > 260 or not s.strip():
        return False
    if os.path.exists(s):
        return True
    stripped = s.strip()
    # A short single line that ends like a file name ("resume.pdf", "./jobs/post.md") is a path;
    # with a document extension it is a path even with spaces ("My Resume.pdf").
    if re.fullmatch(
        r"[^\n]*\.(?:pdf|docx?|txt|md|markdown|html?|json|rtf|odt|pages|png|jpe?g)", stripped, re.I
    ):
        return True
    return bool(re.fullmatch(r"[^\n]*\.[A-Za-z][A-Za-z0-9]{0,4}", stripped)) and (
        " " not in stripped or "/" in stripped or "\\" in stripped
    )


def _read_string(text: str, *, kind: Kind) -> Loaded:
    name = "<text>"
    if not text.strip():
        raise InputError("the text is empty", source=name)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}", source=name
        )
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{") and _parse_json_object(stripped) is not None:
        return _finish_json(stripped, name=name, kind=kind, warnings=[])
    if _looks_like_html(stripped):
        return _finish_html(text, name=name, kind=kind, warnings=[])
    return _finish_plain(text, name=name, fmt="text", kind=kind, warnings=[])


def _read_file(path: Path, *, kind: Kind) -> Loaded:
    name = str(path)
    if not path.exists():
        raise InputError("file not found", source=name)
    if path.is_dir():
        raise InputError("is a directory, not a file", source=name)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                f"file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_INPUT_BYTES // 1024 // 1024} MB",
                source=name,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", source=name) from exc
    return _read_bytes(data, name=name, ext=path.suffix.lower(), kind=kind)


# --------------------------------------------------------------------------- sniffing


def _read_bytes(data: bytes, *, name: str, ext: str, kind: Kind) -> Loaded:
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"input is {len(data) / 1024 / 1024:.1f} MB; the limit is {MAX_INPUT_BYTES // 1024 // 1024} MB",
            source=name,
        )
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(
            "file is empty" if name != "<bytes>" else "the input is empty", source=name
        )
    hint = _ACCEPTED_HINT[kind]

    if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        return _check_kind(_read_pdf(data, name=name), kind=kind)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _check_kind(_read_zip(data, name=name, ext=ext, kind=kind), kind=kind)
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"this is {what}, not a text document; use {hint}", source=name)
    if ext == ".pdf":
        raise InputError("corrupt PDF: the file does not start with a %PDF header", source=name)
    if ext in {".docx", ".docm", ".dotx"}:
        raise InputError("corrupt .docx: the file is not a zip archive", source=name)
    if ext in {".xlsx", ".pptx", ".odt", ".doc", ".xls", ".png", ".jpg", ".jpeg", ".gif", ".zip"}:
        raise InputError(f"unsupported format ({ext}); use {hint}", source=name)

    text, warnings = _decode(data, name=name, hint=hint)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}", source=name
        )
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.strip():
        raise InputError("file is empty (only whitespace)", source=name)
    if ext == ".json" or (stripped.startswith("{") and _parse_json_object(stripped) is not None):
        return _finish_json(stripped, name=name, kind=kind, warnings=warnings)
    if ext in _HTML_EXTS or (ext not in _TEXT_EXTS and _looks_like_html(stripped)):
        return _finish_html(text, name=name, kind=kind, warnings=warnings)
    if (
        ext in _TEXT_EXTS
        and _looks_like_html(stripped)
        and stripped[:15].lower().startswith(("<!doctype", "<html"))
    ):
        return _finish_html(text, name=name, kind=kind, warnings=warnings)
    fmt = _TEXT_EXTS.get(ext, "text")
    return _finish_plain(text, name=name, fmt=fmt, kind=kind, warnings=warnings)


def _check_kind(loaded: Loaded, *, kind: Kind) -> Loaded:
    if loaded.fmt not in _FORMATS[kind]:
        raise InputError(
            f"{loaded.fmt} is not accepted for a {kind}; use {_ACCEPTED_HINT[kind]}",
            source=loaded.source,
        )
    return loaded


def _decode(data: bytes, *, name: str, hint: str) -> tuple[str, list[InputWarning]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise InputError(f"undecodable UTF-16 text ({exc.reason})", source=name) from exc
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(f"binary data, not text; use {hint}", source=name)
    controls = sum(1 for b in sample if b < 0x20 and b not in (9, 10, 12, 13))
    if controls > max(2, len(sample) // 200):
        raise InputError(f"binary data, not text; use {hint}", source=name)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            "undecodable text: not UTF-8, UTF-16 or Windows-1252; save it as UTF-8", source=name
        ) from exc
    non_ascii = sum(1 for c in text if ord(c) > 127)
    if non_ascii > len(text) * 0.3:
        raise InputError(f"binary data, not text; use {hint}", source=name)
    warning = InputWarning(
        code="encoding",
        message="not valid UTF-8; read as Windows-1252 (cp1252) - check accented characters",
        excerpt=_excerpt(
            next((ln for ln in text.splitlines() if any(ord(c) > 127 for c in ln)), "")
        ),
    )
    return text, [warning]


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    tags = re.findall(
        r"</?(?:p|div|li|ul|ol|h[1-6]|br|body|span|section|table|tr|td|a)\b[^>]*>", head
    )
    # Markdown with a little inline HTML stays Markdown; a page or fragment starts with a tag.
    return head.startswith("<") and len(tags) >= 3


def _parse_json_object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


# --------------------------------------------------------------------------- plain text / markdown

_HTML_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)


def _finish_plain(
    text: str, *, name: str, fmt: str, kind: Kind, warnings: list[InputWarning]
) -> Loaded:
    warnings = list(warnings)
    if fmt == "markdown" or name == "<text>":
        # HTML comments are not rendered in Markdown: a classic place to hide instructions.
        for m in _HTML_COMMENT_RE.finditer(text):
            if m.group(1).strip():
                warnings.append(
                    _hidden("removed an HTML comment (not shown when rendered)", m.group(1))
                )
        text = _HTML_COMMENT_RE.sub("", text)
        text = _strip_inline_hidden_html(text, warnings)
    return _finish(text, name=name, fmt=fmt, kind=kind, warnings=warnings)


_INLINE_ELEMENT_RE = re.compile(
    # Only elements that can hide text are candidates: <script>/<style>/<template>, or a tag whose
    # attributes mention "hidden" or set a style. Bodies are bounded so unclosed tags stay cheap.
    r"<(?P<tag>script|style|template|[a-zA-Z][\w-]*(?=[^<>]*(?:hidden|style\s*=)))\b"
    r"(?P<attrs>[^<>]*)>(?P<body>.{0,20000}?)</(?P=tag)\s*>",
    re.S | re.I,
)
_STYLE_ATTR_RE = re.compile(r"\bstyle\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)


def _strip_inline_hidden_html(text: str, warnings: list[InputWarning]) -> str:
    """Remove inline HTML that Markdown renders invisibly (display:none, hidden, <script>...)."""

    def replace(m: re.Match[str]) -> str:
        tag, attrs, body = m.group("tag").lower(), m.group("attrs"), m.group("body")
        why: str | None = None
        if tag in {"script", "style", "template"}:
            why = f"a <{tag}> element"
        elif re.search(r"(?:^|\s)hidden(?:\s|=|$)", attrs, re.I):
            why = "the hidden attribute"
        elif re.search(r"aria-hidden\s*=\s*[\"']?true", attrs, re.I):
            why = 'aria-hidden="true"'
        else:
            style = _STYLE_ATTR_RE.search(attrs)
            if style:
                why = _style_hidden(style.group(1) or style.group(2) or "")
        if why is None:
            return m.group(0)
        if body.strip():
            warnings.append(
                _hidden(f"removed inline HTML hidden with {why}", re.sub(r"<[^>]+>", " ", body))
            )
        return "\x00"

    previous = None
    while previous != text:  # nested hidden elements
        previous = text
        text = _INLINE_ELEMENT_RE.sub(replace, text)
    return re.sub(r"[ \t]*\x00(?:[ \t]*\x00)*[ \t]*", " ", text)


def _finish(
    text: str,
    *,
    name: str,
    fmt: str,
    kind: Kind,
    warnings: list[InputWarning],
    data: dict[str, Any] | None = None,
) -> Loaded:
    text, invisible = strip_invisible(text)
    text = _normalise(text)
    if not text.strip():
        if fmt == "pdf":
            raise InputError(
                "no text layer; it may be a scanned image - export it with text or paste the text",
                source=name,
            )
        raise InputError("no visible text (the input is empty or only whitespace)", source=name)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}", source=name
        )
    return _check_kind(
        Loaded(text=text, source=name, fmt=fmt, warnings=[*warnings, *invisible], data=data),
        kind=kind,
    )


# --------------------------------------------------------------------------- JSON Resume


def _finish_json(text: str, *, name: str, kind: Kind, warnings: list[InputWarning]) -> Loaded:
    if kind != "resume":
        raise InputError(
            f"JSON is accepted only for resumes (JSON Resume); give the posting as {_ACCEPTED_HINT[kind]}",
            source=name,
        )
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise InputError(f"invalid JSON ({exc})", source=name) from exc
    if not isinstance(value, dict) or not (
        isinstance(value.get("basics"), dict) or isinstance(value.get("work"), list)
    ):
        raise InputError(
            "JSON is not a JSON Resume (expected a 'basics' object or a 'work' list; see jsonresume.org/schema)",
            source=name,
        )
    data, invisible = _clean_json(value)
    rendered = json_resume_text(data)
    loaded = _finish(rendered, name=name, fmt="json", kind=kind, warnings=list(warnings), data=data)
    if invisible:
        return Loaded(
            text=loaded.text,
            source=loaded.source,
            fmt=loaded.fmt,
            warnings=[*loaded.warnings, *invisible],
            data=loaded.data,
        )
    return loaded


def _clean_json(value: dict[str, Any]) -> tuple[dict[str, Any], list[InputWarning]]:
    warnings: list[InputWarning] = []

    def clean(v: Any) -> Any:
        if isinstance(v, str):
            text, found = strip_invisible(v)
            if found and not warnings:
                warnings.extend(found)
            return text
        if isinstance(v, list):
            return [clean(x) for x in v]
        if isinstance(v, dict):
            return {str(k): clean(x) for k, x in v.items()}
        return v

    cleaned: dict[str, Any] = clean(value)
    return cleaned, warnings


def _s(v: Any) -> str:
    return v.strip() if isinstance(v, str) else ""


def _dates(item: dict[str, Any]) -> str:
    start, end = _s(item.get("startDate")), _s(item.get("endDate"))
    if start and end:
        return f"{start} - {end}"
    if start:
        return f"{start} - Present"
    return end


def json_resume_text(data: dict[str, Any]) -> str:
    """Render a JSON Resume (jsonresume.org schema) as plain resume text, section by section."""
    lines: list[str] = []
    basics = data.get("basics") if isinstance(data.get("basics"), dict) else {}
    assert isinstance(basics, dict)
    if _s(basics.get("name")):
        lines.append(_s(basics.get("name")))
    if _s(basics.get("label")):
        lines.append(_s(basics.get("label")))
    loc = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    assert isinstance(loc, dict)
    place = ", ".join(p for p in (_s(loc.get("city")), _s(loc.get("region"))) if p)
    contact = [x for x in (_s(basics.get("email")), _s(basics.get("phone")), place) if x]
    if contact:
        lines.append(" | ".join(contact))
    links = [_s(basics.get("url"))]
    for prof in basics.get("profiles") or []:
        if isinstance(prof, dict):
            links.append(_s(prof.get("url")))
    if any(links):
        lines.append(" | ".join(x for x in links if x))
    if _s(basics.get("summary")):
        lines += ["", "Summary", _s(basics.get("summary"))]

    def section(title: str, items: Any, render: Callable[[dict[str, Any]], list[str]]) -> None:
        entries = [i for i in items or [] if isinstance(i, dict)] if isinstance(items, list) else []
        if entries:
            lines.extend(["", title])
            for entry in entries:
                lines.extend(render(entry))

    def work(item: dict[str, Any]) -> list[str]:
        head = " | ".join(
            x
            for x in (
                _s(item.get("name")) or _s(item.get("company")),
                _s(item.get("position")),
                _dates(item),
            )
            if x
        )
        out = [head] if head else []
        if _s(item.get("location")):
            out.append(_s(item.get("location")))
        if _s(item.get("summary")):
            out.append(_s(item.get("summary")))
        out += [f"- {_s(h)}" for h in item.get("highlights") or [] if _s(h)]
        return out

    def education(item: dict[str, Any]) -> list[str]:
        head = " | ".join(
            x
            for x in (
                _s(item.get("institution")),
                _s(item.get("studyType")),
                _s(item.get("area")),
                _dates(item),
            )
            if x
        )
        return [head] if head else []

    def skill(item: dict[str, Any]) -> list[str]:
        words = [_s(k) for k in item.get("keywords") or [] if _s(k)]
        label = _s(item.get("name"))
        if label and words:
            return [f"{label}: {', '.join(words)}"]
        return [label or ", ".join(words)] if (label or words) else []

    def certificate(item: dict[str, Any]) -> list[str]:
        text = " - ".join(
            x for x in (_s(item.get("name")), _s(item.get("issuer")), _s(item.get("date"))) if x
        )
        return [text] if text else []

    section("Experience", data.get("work"), work)
    section(
        "Volunteer", data.get("volunteer"), lambda i: work({**i, "name": i.get("organization")})
    )
    section("Education", data.get("education"), education)
    section("Skills", data.get("skills"), skill)
    section("Certifications", data.get("certificates"), certificate)
    return "\n".join(lines)


# --------------------------------------------------------------------------- zip containers (docx)


def _read_zip(data: bytes, *, name: str, ext: str, kind: Kind) -> Loaded:
    hint = _ACCEPTED_HINT[kind]
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        what = "corrupt .docx" if ext in {".docx", ".docm", ".dotx"} else "corrupt zip archive"
        raise InputError(f"{what} ({exc})", source=name) from exc
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


_NEAR_WHITE = 0xF0
_MIN_PT = 4.0


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


def _fill_is_dark(fill: str | None) -> bool:
    if not fill or fill.lower() == "auto" or not re.fullmatch(r"[0-9A-Fa-f]{6}", fill):
        return False
    r, g, b = (int(fill[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b < 200


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

    def paragraph_text(p: Paragraph) -> str:
        visible: list[str] = []
        hidden: list[tuple[str, str]] = []
        for item in p.iter_inner_content():
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
                for block in cell.iter_inner_content():
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
    try:
        if document.sections:
            header = document.sections[0].header
            if not header.is_linked_to_previous or header.paragraphs:
                for p in header.paragraphs:
                    text = paragraph_text(p)
                    if text:
                        lines.append(text)
                for t in header.tables:
                    lines.extend(table_lines(t))
                if lines:
                    lines.append("")
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                text = paragraph_text(block)
                lines.append(text)
            else:
                lines.append("")
                lines.extend(table_lines(block))
        # Text boxes (sidebars in many resume templates) are not body paragraphs; read them too, once
        # (Word stores a DrawingML box and a VML fallback copy of the same text).
        from docx.oxml.ns import qn

        for box in document.element.body.iter(qn("w:txbxContent")):
            if any(anc.tag.endswith("}Fallback") for anc in box.iterancestors()):
                continue
            box_lines = [paragraph_text(Paragraph(p, document)) for p in box.iter(qn("w:p"))]
            if any(box_lines):
                lines.append("")
                lines.extend(box_lines)
    except (KeyError, ValueError, AttributeError) as exc:
        raise InputError(f"corrupt .docx ({type(exc).__name__}: {exc})", source=name) from exc
    return _finish("\n".join(lines), name=name, fmt="docx", kind=kind, warnings=warnings)


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


# --------------------------------------------------------------------------- HTML

_HIDDEN_CLASSES = {
    "hidden",
    "d-none",
    "invisible",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol", "dl",
    "dt", "dd", "table", "thead", "tbody", "tr", "blockquote", "pre", "form", "fieldset", "figure",
    "figcaption", "address", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body", "html",
}  # fmt: skip
_DROP_TAGS = {
    "script",
    "style",
    "template",
    "noscript",
    "head",
    "iframe",
    "object",
    "svg",
    "canvas",
}
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


def _css_hidden_selectors(css: str) -> dict[str, str]:
    """Map simple selectors (``.cls``, ``#id``) in a stylesheet to why their rules hide text."""
    out: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        why = _style_hidden(body)
        if not why:
            continue
        for sel in selectors.split(","):
            m = re.fullmatch(r"[a-z0-9]*([.#][\w-]+)", sel.strip(), re.I)
            if m:
                out[m.group(1)] = why
    return out


def _finish_html(text: str, *, name: str, kind: Kind, warnings: list[InputWarning]) -> Loaded:
    try:
        return _read_html(text, name=name, kind=kind, warnings=warnings)
    except RecursionError as exc:
        raise InputError("the HTML is nested too deeply to read", source=name) from exc


def _read_html(text: str, *, name: str, kind: Kind, warnings: list[InputWarning]) -> Loaded:
    from bs4 import BeautifulSoup, Comment, Tag
    from bs4.element import NavigableString

    soup = BeautifulSoup(text, "html.parser")
    warnings = list(warnings)
    css_rules: dict[str, str] = {}
    for style in soup.find_all("style"):
        css_rules.update(_css_hidden_selectors(style.get_text()))

    page_title = ""
    if soup.title is not None:
        page_title = " ".join(soup.title.get_text().split())

    dropped_code = 0
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if str(comment).strip():
            warnings.append(
                _hidden("removed an HTML comment (not shown in a browser)", str(comment))
            )
        comment.extract()
    for tag in soup.find_all(["script", "style", "template"]):
        content = tag.get_text()
        if tag.name == "template" and content.strip():
            warnings.append(
                _hidden("removed a <template> element (not shown in a browser)", content)
            )
        elif content.strip():
            dropped_code += 1
        tag.decompose()
    if dropped_code:
        warnings.append(
            InputWarning(
                code="hidden-text",
                message=f"removed {dropped_code} <script>/<style> element(s) (code, not shown as text)",
            )
        )

    def hidden_reason(tag: Tag) -> str | None:
        if tag.has_attr("hidden"):
            return "the hidden attribute"
        if str(tag.get("aria-hidden", "")).lower() == "true":
            return 'aria-hidden="true"'
        if tag.name == "input" and str(tag.get("type", "")).lower() == "hidden":
            return "a hidden input"
        style = tag.get("style")
        if isinstance(style, str):
            why = _style_hidden(style)
            if why == "white text" and _html_dark_background(tag):
                why = None  # white on a dark background is visible
            if why:
                return why
        raw_classes: Any = tag.get("class") or []
        classes: list[str] = (
            raw_classes.split() if isinstance(raw_classes, str) else [str(c) for c in raw_classes]
        )
        for cls in classes:
            if f".{cls}" in css_rules:
                return f"CSS .{cls} {{{css_rules[f'.{cls}']}}}"
            if cls.lower() in _HIDDEN_CLASSES:
                return f"class {cls!r}"
        tag_id = tag.get("id")
        if isinstance(tag_id, str) and f"#{tag_id}" in css_rules:
            return f"CSS #{tag_id} {{{css_rules[f'#{tag_id}']}}}"
        return None

    for tag in list(soup.find_all(True)):
        if tag.decomposed or tag.parent is None:
            continue
        why = hidden_reason(tag)
        if why:
            content = tag.get_text(" ")
            if content.strip():
                warnings.append(_hidden(f"removed text hidden with {why}", content))
            tag.decompose()

    h1 = soup.find("h1")
    title = " ".join(h1.get_text(" ").split()) if isinstance(h1, Tag) else page_title

    parts: list[str] = []

    def opening(node: Any) -> tuple[str, str]:
        """Text to emit before a tag's children and after them."""
        name_ = node.name
        if name_ == "br":
            return "\n", ""
        if name_ == "li":
            return "\n- ", ""
        before = " | " if name_ in {"td", "th"} else ""
        after = ""
        if name_ in _BLOCK_TAGS:
            gap = "\n\n" if name_ in {"p", "h1", "h2", "h3", "h4", "h5", "h6"} else "\n"
            before, after = before + gap, gap
        if name_ == "a":
            href = node.get("href")
            label = node.get_text(" ").strip()
            if isinstance(href, str) and href.startswith("http") and href not in label and label:
                after = f" ({href})" + after
            elif (
                isinstance(href, str) and href.startswith("mailto:") and "@" not in label and label
            ):
                after = f" ({href.removeprefix('mailto:').split('?')[0]})" + after
        return before, after

    # An explicit stack, not recursion: deeply nested pages must not hit the recursion limit.
    body = soup.body if soup.body is not None else soup
    stack: list[Any] = list(reversed(list(body.children)))
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            parts.append(node)  # a closing marker pushed below
            continue
        if isinstance(node, NavigableString):
            parts.append(re.sub(r"\s+", " ", str(node)))
            continue
        if not isinstance(node, Tag) or node.name in _DROP_TAGS:
            continue
        before, after = opening(node)
        parts.append(before)
        stack.append(after)
        stack.extend(reversed(list(node.children)))
    raw = "".join(parts)
    lines = []
    for line in raw.split("\n"):
        line = re.sub(r"[ \t]+", " ", line).strip()
        line = re.sub(r"^\|\s*", "", line)
        if line == "-":
            continue
        lines.append(line)
    data = {"title": title} if title else None
    return _finish("\n".join(lines), name=name, fmt="html", kind=kind, warnings=warnings, data=data)
