"""The formats referral_ai reads: one table, used by the readers, the CLI, batch and the docs."""

from __future__ import annotations

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
