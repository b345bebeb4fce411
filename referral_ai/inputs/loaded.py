"""What reading an input yields (:class:`Loaded`), the limits, and the last step every reader shares."""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from referral_ai.errors import InputError
from referral_ai.inputs.formats import _ACCEPTED_HINT, _FORMATS
from referral_ai.inputs.formats import Kind as Kind
from referral_ai.inputs.hidden import strip_invisible

if TYPE_CHECKING:
    from referral_ai.models import InputWarning  # pydantic: imported where a warning is made

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""Largest file (or bytes / text input) accepted: 10 MB."""

MAX_TEXT_CHARS = 200_000
"""Largest extracted text accepted: 200,000 characters (a long posting or resume is under 30,000)."""


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_CHUNK = 1024 * 1024


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


def _check_kind(loaded: Loaded, *, kind: Kind) -> Loaded:
    if loaded.fmt not in _FORMATS[kind]:
        raise InputError(
            f"{loaded.fmt} is not accepted for a {kind}; use {_ACCEPTED_HINT[kind]}",
            source=loaded.source,
        )
    return loaded


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
    if _SURROGATE_RE.search(text):  # "\ud800" escapes in JSON: not writable as UTF-8 later
        from referral_ai.models import InputWarning

        text = _SURROGATE_RE.sub("\ufffd", text)
        warnings = [
            *warnings,
            InputWarning(
                code="encoding",
                message="invalid characters (lone surrogates) replaced by U+FFFD",
                excerpt="",
            ),
        ]
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


# --------------------------------------------------------------------------- reading a file, bounded

_NOT_A_FILE = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a block device, not a file"),
)


def _not_a_file(mode: int) -> str | None:
    for test, message in _NOT_A_FILE:
        if test(mode):
            return message
    return None if stat.S_ISREG(mode) else "is not a regular file"


def file_problem(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot be read as a regular file ("file not found", "is a FIFO ..."), or None."""
    try:
        return _not_a_file(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return "is a broken symbolic link" if os.path.islink(path) else "file not found"
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"


def _too_large(size: int, limit: int) -> str:
    return f"file is {size / 1024 / 1024:.1f} MB; the limit is {limit / 1024 / 1024:g} MB"


def read_file_bytes(path: str | os.PathLike[str], *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them, or :class:`InputError` in one line.

    Only regular files are read (symlinks are followed): a directory, FIFO, socket or device (say a
    symlink to ``/dev/zero``) is refused from ``os.stat`` before anything is opened. The file is
    opened non-blocking (a FIFO swapped in after the check cannot hang the open), checked again on
    the open descriptor, and read with a bounded read of ``limit + 1`` bytes, so a file that grows
    while it is read or lies about its size cannot exhaust memory.
    """
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except (FileNotFoundError, NotADirectoryError) as exc:
        is_link = os.path.islink(name)
        raise InputError(
            "is a broken symbolic link" if is_link else "file not found", source=name
        ) from exc
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", source=name) from exc
    why = _not_a_file(st.st_mode)
    if why:
        raise InputError(why, source=name)
    if st.st_size > limit:
        raise InputError(_too_large(st.st_size, limit), source=name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(name, flags)
    except OSError as exc:
        if exc.errno in (errno.ENXIO, errno.EWOULDBLOCK):
            raise InputError("is not a regular file", source=name) from exc
        raise InputError(f"cannot read the file ({exc.strerror or exc})", source=name) from exc
    try:
        why = _not_a_file(os.fstat(fd).st_mode)
        if why:
            raise InputError(why, source=name)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", source=name) from exc
    finally:
        os.close(fd)
    if size > limit:
        raise InputError(f"file grew past the limit of {limit / 1024 / 1024:g} MB", source=name)
    return b"".join(chunks)


def decode_text_argument(text: str, *, name: str = "<text>") -> bytes | None:
    """``None`` when ``text`` encodes as UTF-8; else its original bytes, for a byte-level decode.

    Text read with ``errors="surrogateescape"`` (Python's default for command-line arguments and
    a non-UTF-8 standard input) carries undecodable bytes as lone surrogates, which would fail
    only later, when a draft is written. They are turned back into the bytes they came from, so the
    reader can decode them (Windows-1252 with a warning) or refuse them in one line. A lone
    surrogate that does not stand for a byte raises :class:`InputError`.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return None
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError as exc:
        raise InputError(
            "the text contains invalid characters (lone surrogates); save it as UTF-8",
            source=name,
        ) from exc
