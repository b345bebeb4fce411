"""A .docx package (an OPC zip of XML parts) as bytes, reusing the compressed bytes of known parts.

python-docx's ``Document.save`` serializes and deflates every part each time, one :mod:`zipfile`
entry after another. The documents we write start from one built-in template, and only the body
(``word/document.xml``), its relationships and the document properties differ between two of them:
the styles, theme, settings, numbering and font-table parts are the template's, unchanged.
:func:`package_bytes` writes the members ``Document.save`` writes, in the same order and deflated
the same way, but

- takes the members of a *frozen* part (:func:`freeze`: a template part that documents share and
  never write to) as they were compressed once, and
- reuses the compressed bytes of a member whose bytes it compressed recently (the content types
  and the package relationships repeat from one document to the next).

Every member carries the same fixed time stamp, so the same document gives the same bytes.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterable
from typing import Any, NamedTuple

from referral_ai.recent import Recent

__all__ = ["freeze", "package_bytes"]


class _Member(NamedTuple):
    """One zip member: its name and its deflated bytes with what the zip headers say of them."""

    name: bytes
    crc: int
    size: int
    data: bytes


# 1980-01-01 00:00:00, the first date a zip header can hold (DOS date: day 1, month 1, year 0)
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1
_VERSION = 20  # "2.0": deflate
_MADE_BY = (3 << 8) | _VERSION  # made on Unix, as zipfile writes it there
_MODE = 0o600 << 16  # the file mode zipfile.writestr gives a member
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")

_FROZEN: dict[int, tuple[Any, tuple[_Member, ...]]] = {}
_RECENT: Recent[tuple[str, bytes], _Member] = Recent(64)
_LOCK = threading.Lock()


def _deflated(name: str, data: bytes) -> _Member:
    """``data`` as the member ``name``, deflated as zipfile does (zlib's default level, raw)."""
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    return _Member(name.encode("utf-8"), zlib.crc32(data), len(data), packed)


def _member(name: str, data: bytes) -> _Member:
    """The member ``name`` holding ``data``, from the recent ones when it was compressed lately."""
    return _RECENT.made((name, data), lambda: _deflated(name, data))


def _own_members(part: Any) -> tuple[_Member, ...]:
    """A part's member and, when it has relationships, its ``.rels`` member (as ``save`` writes)."""
    members = [_deflated(part.partname.membername, part.blob)]
    if len(part.rels):
        members.append(_deflated(part.partname.rels_uri.membername, part.rels.xml))
    return tuple(members)


def freeze(parts: Iterable[Any]) -> None:
    """Compress ``parts`` (python-docx parts) once: :func:`package_bytes` copies their members as
    they are now. Only for parts nothing writes to again (a template's shared parts); the parts
    are kept alive here, so their identity stays theirs."""
    for part in parts:
        part.before_marshal()
        members = _own_members(part)
        with _LOCK:
            _FROZEN[id(part)] = (part, members)


def _content_types(parts: list[Any]) -> bytes:
    """``[Content_Types].xml`` for ``parts``, as python-docx's save composes it."""
    from docx.opc.pkgwriter import _ContentTypesItem

    blob: bytes = _ContentTypesItem.from_parts(parts).blob  # type: ignore[no-untyped-call]
    return blob


def package_bytes(package: Any) -> bytes:
    """The package (a python-docx ``OpcPackage``) as the bytes of a .docx file."""
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

    parts = list(package.iter_parts())
    members = [
        _member(CONTENT_TYPES_URI.membername, _content_types(parts)),
        _member(PACKAGE_URI.rels_uri.membername, package.rels.xml),
    ]
    for part in parts:
        frozen = _FROZEN.get(id(part))
        if frozen is not None and frozen[0] is part:
            members.extend(frozen[1])
            continue
        part.before_marshal()
        members.append(_member(part.partname.membername, part.blob))
        if len(part.rels):
            members.append(_member(part.partname.rels_uri.membername, part.rels.xml))
    return _zip(members)


def _zip(members: list[_Member]) -> bytes:
    """A zip archive of ``members`` (deflated, no data descriptors, no comment)."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for m in members:
        head = _LOCAL.pack(
            0x04034B50, _VERSION, 0, zlib.DEFLATED, _DOS_TIME, _DOS_DATE,
            m.crc, len(m.data), m.size, len(m.name), 0,
        )  # fmt: skip
        entry = _CENTRAL.pack(
            0x02014B50, _MADE_BY, _VERSION, 0, zlib.DEFLATED, _DOS_TIME, _DOS_DATE,
            m.crc, len(m.data), m.size, len(m.name), 0, 0, 0, 0, _MODE, offset,
        )  # fmt: skip
        central += (entry, m.name)
        out += (head, m.name, m.data)
        offset += len(head) + len(m.name) + len(m.data)
    directory = b"".join(central)
    end = _END.pack(0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join(out) + directory + end
