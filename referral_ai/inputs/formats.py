"""The formats referral_ai reads: one table, used by the readers, the CLI, batch and the docs.

A new format is one row here and one reader module in this package. The format of an input is
decided by its content as well as its extension (see :mod:`referral_ai.inputs.reading`); the
extensions below are what a folder is scanned for and what messages name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["posting", "resume"]


@dataclass(frozen=True)
class Format:
    """One readable format: its name (``Loaded.fmt``), extensions, and which inputs may use it."""

    name: str
    label: str
    extensions: tuple[str, ...]
    posting: bool
    resume: bool
    note: str = ""

    def accepts(self, kind: Kind) -> bool:
        """True when a ``kind`` input may be given in this format."""
        return self.posting if kind == "posting" else self.resume


FORMATS: tuple[Format, ...] = (
    Format("text", "plain text", (".txt", ".text"), posting=True, resume=True),
    Format(
        "markdown",
        "Markdown",
        (".md", ".markdown"),
        posting=True,
        resume=True,
        note="YAML or TOML front matter is read as fields",
    ),
    Format(
        "html",
        "HTML page",
        (".html", ".htm", ".xhtml"),
        posting=True,
        resume=True,
        note="a saved job page or a posting URL; schema.org JobPosting data is read first",
    ),
    Format("docx", "Word document", (".docx",), posting=True, resume=True),
    Format("pdf", "PDF with a text layer", (".pdf",), posting=True, resume=True),
    Format(
        "json",
        "JSON",
        (".json",),
        posting=True,
        resume=True,
        note="a JSON Resume; a posting only as saved by `referral-ai parse POSTING --json`",
    ),
)
"""Every format, in the order messages list them."""


def accepted(kind: Kind) -> tuple[str, ...]:
    """The format names a ``kind`` input may have."""
    return tuple(f.name for f in FORMATS if f.accepts(kind))


def accepted_hint(kind: Kind) -> str:
    """The extensions a ``kind`` input may have, for messages: ".txt, .md, .html, .docx or .pdf"."""
    exts = [f.extensions[0] for f in FORMATS if f.accepts(kind)]
    exts[exts.index(".json")] = (
        "JSON Resume (.json)" if kind == "resume" else "a saved posting (.json)"
    )
    return ", ".join(exts[:-1]) + " or " + exts[-1]


def suffixes(kind: Kind) -> frozenset[str]:
    """Every extension of the formats a ``kind`` input may have (what a folder is scanned for)."""
    return frozenset(e for f in FORMATS if f.accepts(kind) for e in f.extensions)


# The readers' view: a saved posting (.json) is read by the front door, never as a document.
_FORMATS: dict[str, tuple[str, ...]] = {
    "posting": tuple(n for n in accepted("posting") if n != "json"),
    "resume": accepted("resume"),
}
_ACCEPTED_HINT = {"posting": accepted_hint("posting"), "resume": accepted_hint("resume")}
_TEXT_EXTS = {e: f.name for f in FORMATS if f.name in {"text", "markdown"} for e in f.extensions}
_HTML_EXTS = set(next(f for f in FORMATS if f.name == "html").extensions)


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


def formats_markdown() -> str:
    """The table of formats as Markdown (``docs/formats.md`` is this, checked by the tests)."""
    rows = [
        "| format | extensions | posting | resume | notes |",
        "|---|---|---|---|---|",
    ]
    for f in FORMATS:
        mark = {True: "yes", False: "-"}
        rows.append(
            f"| {f.label} | {' '.join(f.extensions)} | {mark[f.posting]} | {mark[f.resume]} | {f.note} |"
        )
    return (
        "# Formats referral_ai reads\n\n"
        "Generated from `referral_ai/inputs/formats.py` (the one table the readers, the CLI and batch "
        "use); a test keeps this page current. The format is decided by the content as well as the "
        "extension. A posting may also be given as an `https://` URL.\n\n" + "\n".join(rows) + "\n"
    )
