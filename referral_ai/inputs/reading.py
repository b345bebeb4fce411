"""Read a job posting or a resume from a file, bytes or text, and return only what a person would see.

The format is decided by the content (magic bytes, zip members, markup) as well as the file extension,
so a ``.txt`` that is really a PDF is read as a PDF. Text hidden from a human reader (white or tiny
runs in a .docx, white/invisible text in a PDF, ``display:none`` and friends in HTML, zero-width and
bidi-control characters anywhere) is removed from the text and reported as an ``InputWarning`` with
code ``"hidden-text"``. Anything that cannot be used raises :class:`~referral_ai.errors.InputError`
with a one-line message that names the input and the problem.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from referral_ai.errors import InputError
from referral_ai.inputs.formats import (
    _ACCEPTED_HINT,
    _BINARY_MAGIC,
    _FORMATS,
    _HTML_EXTS,
    _TEXT_EXTS,
)
from referral_ai.inputs.hidden import _excerpt
from referral_ai.inputs.loaded import (
    MAX_INPUT_BYTES,
    MAX_TEXT_CHARS,
    Kind,
    Loaded,
    _check_kind,
    decode_text_argument,
    read_file_bytes,
)
from referral_ai.inputs.plain import _finish_plain
from referral_ai.inputs.url import is_url

if TYPE_CHECKING:
    from referral_ai.models import InputWarning  # pydantic: imported where a warning is made

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
    if isinstance(source, str) and is_url(source):  # a posting URL (inputs/url.py)
        from referral_ai.inputs.url import read_url

        return read_url(source, kind=kind)
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
    raw = decode_text_argument(text, name=name)
    if raw is not None:  # undecodable bytes carried as surrogates: decode them as bytes
        return _read_bytes(raw, name=name, ext="", kind=kind)
    if not text.strip():
        raise InputError("the text is empty", source=name)
    if len(text) > MAX_TEXT_CHARS and not _looks_like_html(text.lstrip()):
        raise InputError(
            f"the text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}", source=name
        )
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{") and _parse_json_object(stripped) is not None:
        from referral_ai.inputs.json_resume import _finish_json

        return _finish_json(stripped, name=name, kind=kind, warnings=[])
    if _looks_like_html(stripped):
        from referral_ai.inputs.html import _finish_html

        return _finish_html(text, name=name, kind=kind, warnings=[])
    return _finish_plain(text, name=name, fmt="text", kind=kind, warnings=[])


def _read_file(path: Path, *, kind: Kind) -> Loaded:
    # regular files only (no FIFO, device, socket, directory), a bounded read of at most the cap
    data = read_file_bytes(path, limit=MAX_INPUT_BYTES)
    return _read_bytes(data, name=str(path), ext=path.suffix.lower(), kind=kind)


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

    # each format's reader is imported when a document of that format comes (a text file starts fast)
    if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        from referral_ai.inputs.pdf import _read_pdf

        return _check_kind(_read_pdf(data, name=name), kind=kind)
    from referral_ai.inputs.docx import _read_zip, check_encrypted_office

    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _check_kind(_read_zip(data, name=name, ext=ext, kind=kind), kind=kind)
    check_encrypted_office(data, name=name)  # a password-protected .docx is an OLE file
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
    # An HTML page is judged by its visible text (checked after reading); its markup by bytes.
    if len(text) > MAX_TEXT_CHARS and not (ext in _HTML_EXTS or _looks_like_html(text.lstrip())):
        raise InputError(
            f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}", source=name
        )
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.strip():
        raise InputError("file is empty (only whitespace)", source=name)
    # A posting saved as .md/.txt that opens with "{" is a page with JSON front matter (Hugo),
    # not a JSON Resume: the plain reader takes its fields and text.
    json_page = kind == "posting" and ext in _TEXT_EXTS
    if ext == ".json" or (
        not json_page and stripped.startswith("{") and _parse_json_object(stripped) is not None
    ):
        from referral_ai.inputs.json_resume import _finish_json

        return _finish_json(stripped, name=name, kind=kind, warnings=warnings)
    if (ext in _HTML_EXTS or (ext not in _TEXT_EXTS and _looks_like_html(stripped))) or (
        ext in _TEXT_EXTS
        and _looks_like_html(stripped)
        and stripped[:15].lower().startswith(("<!doctype", "<html"))
    ):
        from referral_ai.inputs.html import _finish_html

        return _finish_html(text, name=name, kind=kind, warnings=warnings)
    fmt = _TEXT_EXTS.get(ext, "text")
    return _finish_plain(text, name=name, fmt=fmt, kind=kind, warnings=warnings)


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
    from referral_ai.models import InputWarning

    warning = InputWarning(
        code="encoding",
        message="not valid UTF-8; read as Windows-1252 (cp1252) - check accented characters",
        excerpt=_excerpt(
            next((ln for ln in text.splitlines() if any(ord(c) > 127 for c in ln)), "")
        ),
    )
    return text, [warning]


_GENERATOR_TITLE_RE = re.compile(r"\A[^\n<]{1,300}\n[ \t]*%{3,}[ \t]*\n")
_MARKDOWN_BLOCK_RE = re.compile(
    r"[ \t]{0,8}(?:#{1,6}[ \t]|[*+-][ \t]+\S|\d{1,3}[.)][ \t]+\S|[=-]{3,}[ \t]*$)"
)
_HTML_TAG_RE = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|br|body|span|section|table|tr|td|a|article|main|header|nav)\b[^<>]{0,500}>"
)


def _looks_like_html(text: str) -> bool:
    """True for a page or an HTML fragment, sniffed from the content, whatever the extension.

    A document type or ``<html>`` start, or a start with a tag and at least three HTML tags in the
    first 2,000 characters. A site generator's fragment (a title line, a ``%%%`` line, then HTML)
    counts too. Markdown with a little inline HTML stays Markdown (it does not start with a tag).
    """
    m = _GENERATOR_TITLE_RE.match(text[:400])
    if m:
        text = text[m.end() :].lstrip()
    head = text[:2000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in head:
        return True
    if head.startswith(("<!doctype html", "<html")):
        return True
    if not (head.startswith("<") and len(_HTML_TAG_RE.findall(head)) >= 3):
        return False
    # A Markdown body that merely opens with a tag (a download link, a badge) stays Markdown:
    # its blocks are Markdown syntax (headings, setext underlines, list items) on lines of their own.
    lines = text[:4000].splitlines()
    markdown = sum(1 for ln in lines if "<" not in ln and _MARKDOWN_BLOCK_RE.match(ln))
    tagged = sum(1 for ln in lines if ln.lstrip().startswith("<"))
    return not (markdown >= 3 and markdown * 2 >= tagged)


def _parse_json_object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    except RecursionError:
        return {}  # an object nested too deep: the JSON reader says so in one line
    return value if isinstance(value, dict) else None
