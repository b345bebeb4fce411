"""Open a zip container (.docx) with its size checked before, and while, anything is inflated.

A zip's central directory says how many members it has and how large each one inflates; a zip bomb
says "1 MB" on disk and "3 GB" inflated, or lies about either. :func:`open_zip` refuses an archive
whose directory alone is out of bounds (too many members, a text part larger than
:data:`MAX_PART_BYTES`, more than :data:`MAX_EXPANDED_BYTES` in all, an expansion ratio beyond
:data:`MAX_RATIO`) without inflating a byte, then inflates only the parts a document reader needs
(XML and relationships), in chunks, stopping as soon as a part grows past what its entry declared or
past the caps. Images, fonts and embedded objects are never inflated beyond :data:`MAX_BINARY_BYTES`;
a larger one is handed to the reader as an empty part (the text readers never look at them). What
the reader gets is a rebuilt, uncompressed package of bounded size.
"""

from __future__ import annotations

import io
import zipfile

from referral_ai.errors import InputError

__all__ = [
    "MAX_BINARY_BYTES",
    "MAX_EXPANDED_BYTES",
    "MAX_MEMBERS",
    "MAX_PART_BYTES",
    "MAX_RATIO",
    "MAX_TEXT_PARTS_BYTES",
    "open_zip",
]

MAX_MEMBERS = 2_000
"""Most members a .docx may have (a long resume with images has under 100)."""

MAX_PART_BYTES = 16 * 1024 * 1024
"""Largest inflated XML part (``word/document.xml`` of a long, heavily formatted resume is ~2 MB)."""

MAX_TEXT_PARTS_BYTES = 32 * 1024 * 1024
"""Most inflated bytes of XML parts read in all."""

MAX_EXPANDED_BYTES = 512 * 1024 * 1024
"""Most bytes the directory may declare for all members together (images included)."""

MAX_RATIO = 100
"""Largest expansion ratio (declared inflated size / archive size) once more than 8 MB is declared.

Real documents are XML (5-20x) plus already-compressed images (~1x); a bomb is 1,000x or more."""

MAX_BINARY_BYTES = 256 * 1024
"""Largest image / embedded part inflated; larger ones are replaced by an empty part."""

_RATIO_FLOOR = 8 * 1024 * 1024
_CHUNK = 64 * 1024
_TEXT_SUFFIXES = (".xml", ".rels")
_DOCX_EXTS = {".docx", ".docm", ".dotx"}


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


def _declared_entries(data: bytes) -> int | None:
    """The entry count in the end-of-central-directory record, read without parsing the directory."""
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if pos == -1 or pos + 12 > len(data):
        return None
    count = int.from_bytes(data[pos + 10 : pos + 12], "little")
    return None if count == 0xFFFF else count  # 0xFFFF: the real count is in the zip64 record


def open_zip(data: bytes, *, name: str, ext: str = "") -> tuple[bytes, set[str]]:
    """Check a zip archive from its directory and return ``(package, member names)``.

    For a Word document (it has ``word/document.xml``) ``package`` is a rebuilt archive holding the
    XML parts inflated under the caps and every larger binary part emptied; for any other zip it is
    ``data`` unchanged (only its names are needed to say what it is). Raises :class:`InputError`
    with one line for a corrupt, encrypted or oversized archive.
    """
    what = "corrupt .docx" if ext in _DOCX_EXTS else "corrupt zip archive"
    declared = _declared_entries(data)
    if declared is not None and declared > MAX_MEMBERS:
        raise InputError(
            f"the archive has {declared:,} members; the limit is {MAX_MEMBERS:,}", source=name
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{what} ({exc})", source=name) from exc
    except (NotImplementedError, RuntimeError, KeyError, IndexError) as exc:
        raise InputError(f"{what} ({type(exc).__name__})", source=name) from exc
    if len(infos) > MAX_MEMBERS:
        raise InputError(
            f"the archive has {len(infos):,} members; the limit is {MAX_MEMBERS:,}", source=name
        )
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        return data, names

    total = sum(max(0, i.file_size) for i in infos)
    if total > MAX_EXPANDED_BYTES or (
        total > _RATIO_FLOOR and total > MAX_RATIO * max(1, len(data))
    ):
        raise InputError(
            f"the archive would inflate from {_mb(len(data))} to {_mb(total)} "
            "(a zip bomb?); not read",
            source=name,
        )
    for info in infos:
        if _is_text_part(info.filename) and info.file_size > MAX_PART_BYTES:
            raise InputError(
                f"{info.filename} inflates to {_mb(info.file_size)}; the limit is "
                f"{_mb(MAX_PART_BYTES)}",
                source=name,
            )
    return _rebuild(zf, infos, name=name, what=what), names


def _is_text_part(member: str) -> bool:
    return member.lower().endswith(_TEXT_SUFFIXES)


def _rebuild(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], *, name: str, what: str) -> bytes:
    out = io.BytesIO()
    text_total = 0
    seen: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dest:
        for info in infos:
            if info.filename in seen or info.is_dir():
                continue
            seen.add(info.filename)
            if _is_text_part(info.filename):
                limit = min(MAX_PART_BYTES, MAX_TEXT_PARTS_BYTES - text_total)
                blob = _inflate(zf, info, limit=limit, name=name, what=what)
                text_total += len(blob)
            elif info.file_size <= MAX_BINARY_BYTES:
                blob = _inflate(zf, info, limit=MAX_BINARY_BYTES, name=name, what=what)
            else:
                blob = b""  # an image or embedded object the text readers never look at
            dest.writestr(info.filename, blob)
    return out.getvalue()


def _inflate(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int, name: str, what: str
) -> bytes:
    """A member's bytes, inflated in chunks; stops past ``limit`` or past its declared size."""
    bound = min(limit, info.file_size)
    parts: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                if size > bound:
                    raise InputError(
                        f"{info.filename} inflates to more than its directory says or the "
                        f"limit allows ({_mb(bound)}); not read",
                        source=name,
                    )
                parts.append(chunk)
    except InputError:
        raise
    except RuntimeError as exc:  # "File ... is encrypted, password required"
        raise InputError("encrypted .docx; remove the password and try again", source=name) from exc
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(f"{what} ({info.filename}: {exc})", source=name) from exc
    except Exception as exc:  # zlib.error and friends
        raise InputError(f"{what} ({info.filename}: {type(exc).__name__})", source=name) from exc
    return b"".join(parts)
