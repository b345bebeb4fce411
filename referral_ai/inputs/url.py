"""A posting given as a URL: fetched once, bounded, then read like a file of the same content.

``load_posting("https://…")`` and the CLI's POSTING argument come here (through
:func:`referral_ai.inputs.reading.read_text`). The fetch uses the HTTP library the openai SDK brings
(``httpx2``, or ``httpx`` before openai 3) and is bounded every way a server can stretch it:

- connect and read timeouts (:data:`CONNECT_TIMEOUT`, :data:`READ_TIMEOUT`) and one total deadline
  (:data:`TOTAL_DEADLINE`) for connect, redirects and the whole body, checked after every chunk, so a
  server trickling a byte at a time is cut off (at most one read timeout after the deadline);
- at most :data:`MAX_REDIRECTS` redirects, a loop named as a loop;
- a size cap (the readers' ``MAX_INPUT_BYTES``): a ``Content-Length`` above it is refused before the
  body is read, and a body streamed past it is stopped at the cap;
- content types: HTML, XHTML and text are read as such; a PDF or Word document (by type or by its
  first bytes) is read by the same readers as a file, by content sniffing; images, audio, video,
  archives and other binary types are refused.

Every failure is one :class:`~referral_ai.errors.InputError` line naming the URL (user-info removed):
offline or unreachable, timeout, redirect loop, 4xx/5xx, too large, not a document, and a page with
almost no text (a page built by JavaScript, a login wall, or no job in it).
"""

from __future__ import annotations

import dataclasses
import re
import time
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from referral_ai.errors import InputError
from referral_ai.inputs.loaded import MAX_INPUT_BYTES, Kind, Loaded

CONNECT_TIMEOUT = 10.0
"""Seconds to connect to the server."""
READ_TIMEOUT = 10.0
"""Seconds to wait for each chunk of the answer."""
TOTAL_DEADLINE = 30.0
"""Seconds for the whole fetch: connect, every redirect and the whole body."""
MAX_REDIRECTS = 5
"""Redirects followed before giving up."""
MIN_WORDS = 30
"""A fetched page with fewer visible words than this (and no schema.org JobPosting) is refused."""

_URL_RE = re.compile(r"\Ahttps?://[^\s/?#]{1,253}(?:[/?#]\S{0,4000})?\Z", re.I)
_TEXT_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
}
_DOCUMENT_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
_SNIFF_TYPES = {"application/octet-stream", "binary/octet-stream", ""}
_REFUSED_PREFIXES = ("image/", "audio/", "video/", "font/", "model/")


def is_url(source: object) -> bool:
    """True for an ``http://`` or ``https://`` address given as a string."""
    return isinstance(source, str) and bool(_URL_RE.match(source.strip()))


def _shown(url: str) -> str:
    """The URL as messages show it: user-info (a password) removed."""
    parts = urlsplit(url)
    if "@" in parts.netloc:
        parts = parts._replace(netloc=parts.netloc.rsplit("@", 1)[1])
    return urlunsplit(parts)


def _transport() -> Any:
    try:
        import httpx2 as transport
    except ImportError:  # pragma: no cover - depends on the installed openai major version
        import httpx as transport  # type: ignore[no-redef,import-not-found,unused-ignore]
    return transport


def fetch(
    url: str,
    *,
    connect_timeout: float | None = None,
    read_timeout: float | None = None,
    deadline: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int | None = None,
) -> tuple[bytes, str, str]:
    """GET ``url`` within the bounds above (each overridable); return (body, content type, final URL)."""
    connect_timeout = CONNECT_TIMEOUT if connect_timeout is None else connect_timeout
    read_timeout = READ_TIMEOUT if read_timeout is None else read_timeout
    deadline = TOTAL_DEADLINE if deadline is None else deadline
    max_bytes = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    max_redirects = MAX_REDIRECTS if max_redirects is None else max_redirects
    t = _transport()
    shown = _shown(url.strip())
    started = time.monotonic()

    def left() -> float:
        remaining = deadline - (time.monotonic() - started)
        if remaining <= 0:
            raise InputError(f"timed out: no complete answer within {deadline:g} s", source=shown)
        return remaining

    seen: list[str] = []
    current = url.strip()
    headers = {
        "User-Agent": "referral-ai (reading one job posting)",
        "Accept": "text/html,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        with t.Client(follow_redirects=False, headers=headers) as client:
            while True:
                remaining = left()
                timeout = t.Timeout(
                    connect=min(connect_timeout, remaining),
                    read=min(read_timeout, remaining),
                    write=min(read_timeout, remaining),
                    pool=min(connect_timeout, remaining),
                )
                with client.stream("GET", current, timeout=timeout) as response:
                    if response.status_code in (301, 302, 303, 307, 308):
                        target = response.headers.get("location")
                        if not target:
                            raise InputError(
                                f"the server redirected ({response.status_code}) without a location",
                                source=shown,
                            )
                        seen.append(current)
                        current = urljoin(current, target)
                        if current in seen:
                            raise InputError("the address redirects in a loop", source=shown)
                        if len(seen) > max_redirects:
                            raise InputError(f"more than {max_redirects} redirects", source=shown)
                        if not current.lower().startswith(("http://", "https://")):
                            raise InputError(
                                "the server redirected to an address that is not http(s)",
                                source=shown,
                            )
                        continue
                    if response.status_code >= 400:
                        phrase = response.reason_phrase or ""
                        raise InputError(
                            f"the server answered {response.status_code} {phrase}".rstrip(),
                            source=shown,
                        )
                    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    if ctype.startswith(_REFUSED_PREFIXES) or ctype in {
                        "application/zip",
                        "application/gzip",
                        "application/x-tar",
                        "application/json",
                        "application/javascript",
                    }:
                        raise InputError(
                            f"not a document ({ctype}); give the address of the job page",
                            source=shown,
                        )
                    length = response.headers.get("content-length", "")
                    if length.isdigit() and int(length) > max_bytes:
                        raise InputError(
                            f"the page is {int(length) / 1024 / 1024:.1f} MB; "
                            f"the limit is {max_bytes // 1024 // 1024} MB",
                            source=shown,
                        )
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_raw():
                        size += len(chunk)
                        if size > max_bytes:
                            raise InputError(
                                f"the page is larger than {max_bytes // 1024 // 1024} MB (stopped reading)",
                                source=shown,
                            )
                        chunks.append(chunk)
                        left()
                    body = b"".join(chunks)
                    encoding = response.headers.get("content-encoding", "").lower()
                    if encoding and encoding != "identity":
                        body = _decompress(body, encoding, max_bytes=max_bytes, source=shown)
                    return body, ctype, current
    except InputError:
        raise
    except t.TimeoutException as exc:
        raise InputError(f"timed out ({type(exc).__name__})", source=shown) from exc
    except t.TooManyRedirects as exc:  # pragma: no cover - redirects are followed by hand
        raise InputError(f"more than {max_redirects} redirects", source=shown) from exc
    except (t.ConnectError, t.NetworkError) as exc:
        raise InputError(
            "cannot reach the server (offline, or the address is wrong); "
            "check the address or save the page and give the file",
            source=shown,
        ) from exc
    except (t.InvalidURL, t.UnsupportedProtocol) as exc:
        raise InputError(f"not a usable address ({exc})", source=shown) from exc
    except t.HTTPError as exc:
        raise InputError(f"the download failed ({type(exc).__name__})", source=shown) from exc


def _decompress(body: bytes, encoding: str, *, max_bytes: int, source: str) -> bytes:
    """Undo gzip/deflate content-encoding, never inflating past the cap (a compression bomb)."""
    import zlib

    if encoding not in {"gzip", "x-gzip", "deflate"}:
        raise InputError(f"unsupported content-encoding {encoding!r}", source=source)
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    d = zlib.decompressobj(wbits)
    try:
        out = d.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise InputError("the compressed page is corrupt", source=source) from exc
    if len(out) > max_bytes or d.unconsumed_tail:
        raise InputError(
            f"the page is larger than {max_bytes // 1024 // 1024} MB once decompressed",
            source=source,
        )
    return out


def read_url(url: str, *, kind: Kind) -> Loaded:
    """Fetch ``url`` and read it as a document of its content (HTML, text, PDF or .docx)."""
    from referral_ai.inputs.reading import _read_bytes

    shown = _shown(url.strip())
    body, ctype, final = fetch(url)
    if ctype in _DOCUMENT_TYPES:
        ext = _DOCUMENT_TYPES[ctype]
    elif ctype in _TEXT_TYPES:
        ext = ".html" if "html" in ctype and body.lstrip()[:5] != b"%PDF-" else ""
    elif ctype in _SNIFF_TYPES or ctype.startswith("text/"):
        ext = ""
    else:
        raise InputError(
            f"not a document ({ctype}); give the address of the job page", source=shown
        )
    loaded = _read_bytes(body, name=shown, ext=ext, kind=kind)
    data = dict(loaded.data or {})
    facts = dict(data.get("facts") or {})
    if "url" not in facts:
        facts["url"] = {"value": _shown(final), "source": "fetched URL", "confidence": 0.8}
    data["facts"] = facts
    if loaded.fmt == "html" and "title" not in facts and len(loaded.text.split()) < MIN_WORDS:
        raise InputError(
            f"the page has almost no text ({len(loaded.text.split())} words) and no job data: "
            "it may need a browser (JavaScript) or a login, or hold no job; "
            "save the page from your browser or paste the posting",
            source=shown,
        )
    return dataclasses.replace(loaded, data=data)
