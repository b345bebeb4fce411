"""Time and memory of reading crafted hostile inputs, beside a plain file of the same size.

Run: python benchmarks/bench_hostile_inputs.py [--timeout SECONDS] [--only FAMILY[,FAMILY]] [--json]

Every case is generated into a temporary folder (small on disk: bombs are compressed) and read in a
fresh child process (``load_posting`` / ``load_resume``; ``.eml`` through ``referral-ai check``), with a
wall-clock timeout and an address-space limit so that a bomb cannot take the machine down. Each case
is printed beside reading a plain text file of the same size in the same run: wall seconds, CPU
seconds of the read (user + system: what the reader costs, whatever else the machine is running),
the ratio of CPU seconds to the plain file's, peak resident memory (VmHWM) of both, and how the case
ended (parsed, a one-line ``InputError``, another exception, killed by the timeout or the memory
limit). Then the slowest case per family (by CPU seconds). Both children pay the same one-off cost
of importing referral_ai and loading the language model (inside the read, on the first posting).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import socket
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MEMORY_LIMIT = 3 * 1024**3  # address-space limit of each child (bytes)

# --------------------------------------------------------------------------- the child


def _peak_kb() -> int:
    """This process's peak resident memory in KB (VmHWM: ru_maxrss survives exec from the parent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(kind: str, path: str) -> None:
    """Read one input and print one JSON line: seconds, peak RSS, outcome."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    import contextlib

    from referral_ai.errors import InputError, ParseError
    from referral_ai.inputs import load_posting, load_resume

    if kind == "check":
        from referral_ai import cli
    base_rss = _peak_kb()
    started = time.perf_counter()
    cpu_started = time.process_time()
    try:
        if kind == "check":
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()) as err,
            ):
                code = cli.main(["check", path])
            lines = [ln for ln in err.getvalue().splitlines() if ln.strip()]
            if code == 2 and len(lines) == 1:
                outcome = "InputError"
            elif code in (0, 1):
                outcome = "ok"
            else:
                outcome = f"exit {code}" + (" traceback" if "Traceback" in err.getvalue() else "")
        else:
            (load_posting if kind == "posting" else load_resume)(path)
            outcome = "ok"
    except ParseError:  # read fine; the text is just not a posting / resume
        outcome = "read (ParseError)"
        message = ""
    except InputError as exc:
        outcome = "InputError" if "\n" not in str(exc) else "InputError (multi-line)"
        message = str(exc)
    except MemoryError:
        outcome = "MemoryError"
    except RecursionError:
        outcome = "RecursionError"
    except Exception as exc:
        outcome = type(exc).__name__
    else:
        message = ""
    secs = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak = _peak_kb()
    print(
        json.dumps(
            {
                "secs": secs,
                "cpu_secs": cpu,
                "rss_mb": peak / 1024,
                "extra_mb": (peak - base_rss) / 1024,
                "outcome": outcome,
                "message": message[:160] if outcome.startswith("InputError") else "",
            }
        )
    )


# --------------------------------------------------------------------------- case builders


def _posting_text(size: int) -> bytes:
    """A plain posting of about ``size`` bytes (the example posting, repeated)."""
    base = (EXAMPLES / "posting.md").read_bytes() + b"\n\n"
    out = (base * (size // len(base) + 1))[:size]
    return out


def _docx_zip(
    members: dict[str, bytes | tuple[int, bytes]],
    *,
    tail: tuple[str, int, bytes, bytes] | None = None,
) -> bytes:
    """A zip with the given members; a ``(repeat, chunk)`` value is streamed compressed.

    ``tail=(name, repeat, chunk, end)`` streams ``chunk * repeat + end`` after the ``(1, head)`` of
    the member ``name``, so a bomb is never whole in memory while it is built."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, value in members.items():
            if isinstance(value, tuple):
                repeat, chunk = value
                with zf.open(name, "w", force_zip64=True) as out:
                    for _ in range(repeat):
                        out.write(chunk)
                    if tail and tail[0] == name:
                        for _ in range(tail[1]):
                            out.write(tail[2])
                        out.write(tail[3])
            else:
                zf.writestr(name, value)
    return buf.getvalue()


_CT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Default Extension="png" ContentType="image/png"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)
_DOC_RELS_IMAGE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>'
    b"</Relationships>"
)
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOC_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ' + _W + b"><w:body>"
)
_DOC_TAIL = b"</w:body></w:document>"


def _para(text: str) -> bytes:
    return b"<w:p><w:r><w:t>" + text.encode() + b"</w:t></w:r></w:p>"


def _docx_body() -> bytes:
    return b"".join(
        _para(line) for line in (EXAMPLES / "posting.md").read_text().splitlines() if line.strip()
    )


def docx_bomb(expanded: int) -> bytes:
    """word/document.xml that inflates to about ``expanded`` bytes (empty paragraphs)."""
    chunk = b"<w:p><w:r><w:t> </w:t></w:r></w:p>" * 2000
    return _docx_zip(
        {
            "[Content_Types].xml": _CT,
            "_rels/.rels": _RELS,
            "word/document.xml": (1, _DOC_HEAD + _docx_body()),
        },
        tail=("word/document.xml", max(1, expanded // len(chunk)), chunk, _DOC_TAIL),
    )


def docx_huge_image(expanded: int) -> bytes:
    return _docx_zip(
        {
            "[Content_Types].xml": _CT,
            "_rels/.rels": _RELS,
            "word/_rels/document.xml.rels": _DOC_RELS_IMAGE,
            "word/document.xml": _DOC_HEAD + _docx_body() + _DOC_TAIL,
            "word/media/image1.png": (expanded // (1 << 20), b"\x89PNG" + b"\0" * ((1 << 20) - 4)),
        }
    )


def docx_big_real_image(size: int) -> bytes:
    """An incompressible image of ``size`` bytes: a real document, not a bomb; never inflated."""
    return _docx_zip(
        {
            "[Content_Types].xml": _CT,
            "_rels/.rels": _RELS,
            "word/_rels/document.xml.rels": _DOC_RELS_IMAGE,
            "word/document.xml": _DOC_HEAD + _docx_body() + _DOC_TAIL,
            "word/media/image1.png": b"\x89PNG" + random.Random(3).randbytes(size),
        }
    )


def docx_many_members(count: int) -> bytes:
    members: dict[str, bytes | tuple[int, bytes]] = {
        "[Content_Types].xml": _CT,
        "_rels/.rels": _RELS,
        "word/document.xml": _DOC_HEAD + _docx_body() + _DOC_TAIL,
    }
    for i in range(count):
        members[f"customXml/item{i}.xml"] = b"<a/>"
    return _docx_zip(members)


def docx_lying_directory(expanded: int) -> bytes:
    """The central directory says document.xml is 1 KB; it inflates to ``expanded`` bytes."""
    body = _DOC_HEAD + _docx_body() + b"<w:p/>" * (expanded // 6) + _DOC_TAIL
    data = bytearray(
        _docx_zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": body})
    )
    # patch the uncompressed size in the local header and the central directory entry
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = 0
        while (pos := data.find(sig, pos)) != -1:
            name_len_off = 26 if sig == b"PK\x03\x04" else 28
            name_len = int.from_bytes(data[pos + name_len_off : pos + name_len_off + 2], "little")
            name_off = 30 if sig == b"PK\x03\x04" else 46
            if data[pos + name_off : pos + name_off + name_len] == b"word/document.xml":
                size = int.from_bytes(data[pos + off : pos + off + 4], "little")
                if size != 0xFFFFFFFF:
                    data[pos + off : pos + off + 4] = (1024).to_bytes(4, "little")
            pos += 4
    return bytes(data)


def _pdf(objects: list[bytes], *, broken_xref: bool = False) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % (off + (7 if broken_xref else 0))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref + (3 if broken_xref else 0),
    )
    return bytes(out)


# Objects 1-4 of the page builders (catalog, page tree, font, content) and the page dictionary
# every page object repeats; pages are objects 5, 6, ...
_FIRST_PAGE = 5
_PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
    b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
)


def _page_tree(count: int) -> list[bytes]:
    text = b"BT /F1 11 Tf 72 720 Td (Senior Analytics Engineer at Bramble Health) Tj ET"
    kids = b" ".join(b"%d 0 R" % (_FIRST_PAGE + i) for i in range(count))
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
    ]


def pdf_pages(count: int, *, broken_xref: bool = False) -> bytes:
    """``count`` pages sharing one small content stream and font."""
    return _pdf([*_page_tree(count), *[_PAGE] * count], broken_xref=broken_xref)


def pdf_pages_in_object_streams(count: int, *, per_stream: int = 100) -> bytes:
    """``count`` pages like :func:`pdf_pages`, each page dictionary inside a compressed object
    stream (PDF 1.5 ``/Type /ObjStm``, ``per_stream`` to a stream) and a cross-reference stream:
    no ``/Type /Page`` is in the file's raw bytes."""
    first_page, page = _FIRST_PAGE, _PAGE
    direct = _page_tree(count)
    n_streams = -(-count // per_stream)
    stream_ids = [first_page + count + k for k in range(n_streams)]
    where: dict[int, tuple[int, int]] = {}  # page object -> (its object stream, index in it)
    for k, stream_id in enumerate(stream_ids):
        ids = range(first_page + k * per_stream, first_page + min(count, (k + 1) * per_stream))
        header = b" ".join(b"%d %d" % (obj, i * (len(page) + 1)) for i, obj in enumerate(ids))
        body = b"\n".join([page] * len(ids))
        packed = zlib.compress(header + b"\n" + body)
        direct.append(
            b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(ids), len(header) + 1, len(packed))
            + packed
            + b"\nendstream"
        )
        where.update({obj: (stream_id, i) for i, obj in enumerate(ids)})
    out = bytearray(b"%PDF-1.5\n")
    offsets: dict[int, int] = {}
    direct_ids = [1, 2, 3, 4, *stream_ids]
    for obj, body in zip(direct_ids, direct, strict=True):
        offsets[obj] = len(out)
        out += b"%d 0 obj\n" % obj + body + b"\nendobj\n"
    xref_id = stream_ids[-1] + 1 if stream_ids else first_page + count
    offsets[xref_id] = len(out)
    rows = bytearray(b"\x00" + bytes(4) + b"\xff\xff")  # object 0: free
    for obj in range(1, xref_id + 1):
        if obj in offsets:
            rows += b"\x01" + offsets[obj].to_bytes(4, "big") + bytes(2)
        else:
            stream_id, index = where[obj]
            rows += b"\x02" + stream_id.to_bytes(4, "big") + index.to_bytes(2, "big")
    packed = zlib.compress(bytes(rows))
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
        b"/Length %d >>\nstream\n"
        % (xref_id, xref_id + 1, len(packed))
        + packed
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_id]
    return bytes(out)


def pdf_deep_pages(depth: int) -> bytes:
    """A page tree nested ``depth`` levels deep (each /Pages node has one kid)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for i in range(depth):
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (3 + i))
    objects.append(b"<< /Type /Page /MediaBox [0 0 612 792] >>")
    return _pdf(objects)


def eml_big(size: int) -> bytes:
    head = (
        b"From: a@example.com\r\nTo: b@example.com\r\nSubject: Following up\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    )
    line = b"Thanks again for the introduction, I would love to talk about the role.\r\n"
    return head + line * (size // len(line))


def json_deep(depth: int) -> bytes:
    return (
        b'{"basics": {"name": "Riley Chen"}, "work": '
        + b"[" * depth
        + b"]" * depth
        + b', "skills": []}'
    )


def json_wrong_types() -> bytes:
    return json.dumps(
        {
            "basics": {"name": 42, "email": ["x"], "phone": {"a": 1}, "location": 7},
            "work": [
                {"name": 3, "position": 4.5, "startDate": 2020, "highlights": [1, {"a": 2}, None]},
                {"company": ["Acme"], "position": None, "summary": True},
                17,
            ],
            "education": [{"institution": 1, "studyType": [2]}],
            "skills": [{"name": 5, "keywords": "SQL"}],
        }
    ).encode()


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    kind: str  # posting | resume | check
    build: Callable[[Path], Path]


def _file(name: str, data: Callable[[], bytes]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data())
        return path

    return build


def _fifo(folder: Path) -> Path:
    path = folder / "fifo.txt"
    os.mkfifo(path)
    return path


def _zero_link(folder: Path) -> Path:
    path = folder / "zero.txt"
    path.symlink_to("/dev/zero")
    return path


def _socket(folder: Path) -> Path:
    path = folder / "sock.txt"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    _KEEP.append(s)
    return path


def _directory(folder: Path) -> Path:
    path = folder / "folder.md"
    path.mkdir()
    return path


_KEEP: list[socket.socket] = []

_HTML_HEAD = "<html><body><h1>Senior Analytics Engineer</h1><p>Bramble Health</p>"


def _posting_with(run: str) -> Callable[[], bytes]:
    return lambda: _posting_text(4000) + run.encode() + b"\n" + _posting_text(1000)


CASES: list[Case] = [
    # HTML families (the html engineer's reader; measured here from the outside)
    Case(
        "html",
        "unclosed <div> x31k",
        "posting",
        _file("u.html", lambda: (_HTML_HEAD + "<div>x" * 31_000).encode()),
    ),
    Case(
        "html",
        "nested <div> x10k",
        "posting",
        _file(
            "n.html", lambda: (_HTML_HEAD + "<div>" * 10_000 + "text" + "</div>" * 10_000).encode()
        ),
    ),
    Case(
        "html",
        "'<!--' x48k",
        "posting",
        _file("c.html", lambda: (_HTML_HEAD + "<!--" * 48_000).encode()),
    ),
    Case(
        "html",
        "unclosed <p style> x8k",
        "posting",
        _file("s.html", lambda: (_HTML_HEAD + '<p style="color:#fff">a' * 8_000).encode()),
    ),
    Case(
        "html",
        "spaces x150k in html",
        "posting",
        _file("w.html", lambda: (_HTML_HEAD + " " * 150_000 + "x</p>").encode()),
    ),
    # text families
    Case(
        "whitespace", "spaces x150k", "posting", _file("sp.txt", _posting_with(" " * 150_000 + "x"))
    ),
    Case(
        "whitespace",
        "tabs+spaces x150k",
        "posting",
        _file("tb.txt", _posting_with(" \t" * 75_000 + "x")),
    ),
    Case(
        "whitespace",
        "blank lines x100k",
        "posting",
        _file("bl.txt", _posting_with("\n \n" * 50_000)),
    ),
    Case("separators", "'1-' x60k", "posting", _file("d.txt", _posting_with("1-" * 60_000))),
    Case("separators", "'a.' x60k", "posting", _file("p.txt", _posting_with("a." * 60_000))),
    Case("separators", "'a@' x60k", "posting", _file("at.txt", _posting_with("a@" * 60_000))),
    Case(
        "separators", "'- ' bullets x60k", "posting", _file("b.txt", _posting_with("- " * 60_000))
    ),
    Case("separators", "'www.' x30k", "posting", _file("www.txt", _posting_with("www." * 30_000))),
    Case(
        "separators",
        "'http://a' x20k",
        "posting",
        _file("h.txt", _posting_with("http://a" * 20_000)),
    ),
    Case("separators", "'| ' x60k", "posting", _file("pipe.txt", _posting_with("| " * 60_000))),
    Case("separators", "'Aa ' x40k", "posting", _file("aa.txt", _posting_with("Aa " * 40_000))),
    Case("separators", "'(' x100k", "posting", _file("par.txt", _posting_with("(" * 100_000))),
    Case(
        "long line",
        "one 190k-char line",
        "posting",
        _file("ll.txt", lambda: _posting_text(3000) + ("word " * 38_000).encode()),
    ),
    Case(
        "long line",
        "resume: one 190k-char line",
        "resume",
        _file(
            "lr.txt",
            lambda: (EXAMPLES / "resume.md").read_bytes() + ("Jan 2020 - " * 17_000).encode(),
        ),
    ),
    Case(
        "encoding",
        "control characters",
        "posting",
        _file("cc.txt", lambda: _posting_text(3000).replace(b" ", b" \x01\x02\x1b", 200)),
    ),
    Case(
        "encoding",
        "invalid UTF-8",
        "posting",
        _file(
            "iu.txt",
            lambda: (
                _posting_text(3000)
                + bytes(random.Random(1).randrange(128, 256) for _ in range(4000))
            ),
        ),
    ),
    Case(
        "encoding",
        "mixed UTF-8 and cp1252",
        "posting",
        _file(
            "mx.txt",
            lambda: (
                "caf\u00e9 na\u00efve ".encode() * 100
                + "caf\u00e9 ".encode("cp1252") * 100
                + _posting_text(3000)
            ),
        ),
    ),
    Case(
        "json",
        "JSON Resume nested 100k deep",
        "resume",
        _file("deep.json", lambda: json_deep(100_000)),
    ),
    Case("json", "JSON Resume wrong types", "resume", _file("types.json", json_wrong_types)),
    Case(
        "zip",
        "docx bomb (document.xml -> 1 GB)",
        "resume",
        _file("bomb.docx", lambda: docx_bomb(1 << 30)),
    ),
    Case(
        "zip",
        "docx lying directory (-> 200 MB)",
        "resume",
        _file("lie.docx", lambda: docx_lying_directory(200 << 20)),
    ),
    Case(
        "zip",
        "docx with a 1 GB image",
        "resume",
        _file("img.docx", lambda: docx_huge_image(1 << 30)),
    ),
    Case(
        "zip",
        "docx with an 8 MB real image",
        "resume",
        _file("real.docx", lambda: docx_big_real_image(8 << 20)),
    ),
    Case(
        "zip",
        "docx with 60k members",
        "resume",
        _file("many.docx", lambda: docx_many_members(60_000)),
    ),
    Case("pdf", "PDF with 20k pages", "posting", _file("pages.pdf", lambda: pdf_pages(20_000))),
    Case(
        "pdf",
        "PDF with 20k pages in object streams",
        "posting",
        _file("objstm.pdf", lambda: pdf_pages_in_object_streams(20_000)),
    ),
    Case(
        "pdf",
        "PDF broken xref, 2k pages",
        "posting",
        _file("xref.pdf", lambda: pdf_pages(2_000, broken_xref=True)),
    ),
    Case(
        "pdf", "PDF page tree 5k deep", "posting", _file("deep.pdf", lambda: pdf_deep_pages(5_000))
    ),
    Case("eml", ".eml 60 MB (check)", "check", _file("big.eml", lambda: eml_big(60 << 20))),
    Case("eml", ".eml 8 MB (check)", "check", _file("mid.eml", lambda: eml_big(8 << 20))),
    Case(
        "eml",
        "random bytes .eml (check)",
        "check",
        _file("rand.eml", lambda: random.Random(2).randbytes(200_000)),
    ),
    Case("special", "FIFO without a writer", "posting", _fifo),
    Case("special", "symlink to /dev/zero", "posting", _zero_link),
    Case("special", "unix socket", "posting", _socket),
    Case("special", "directory", "posting", _directory),
]


# --------------------------------------------------------------------------- the parent


def _run(kind: str, path: Path, timeout: float) -> dict[str, object]:
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return {
            "secs": timeout,
            "cpu_secs": float("nan"),
            "rss_mb": float("nan"),
            "outcome": f"TIMEOUT >{timeout:g}s",
        }
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        what = "killed (memory limit?)" if proc.returncode < 0 else f"crashed rc={proc.returncode}"
        tail = proc.stderr.strip().splitlines()[-1:] if proc.stderr.strip() else []
        return {
            "secs": time.perf_counter() - started,
            "cpu_secs": float("nan"),
            "rss_mb": float("nan"),
            "outcome": what + (f": {tail[0][:80]}" if tail else ""),
        }
    result: dict[str, object] = json.loads(lines[-1])
    return result


def _num(row: dict[str, object], key: str) -> float:
    value = row.get(key)
    number = float(value) if isinstance(value, (int, float)) else float("nan")
    return number if number == number else -1.0  # NaN (killed, timed out) sorts first


def _line(row: dict[str, object]) -> str:
    def f(key: str) -> float:
        value = row.get(key)
        return float(value) if isinstance(value, (int, float)) else float("nan")

    ratio = f("cpu_secs") / max(f("plain_cpu_secs"), 1e-3)
    return (
        f"{f('disk_kb'):>9.0f} KB {f('secs'):>7.2f} s wall  cpu {f('cpu_secs'):>6.2f} s"
        f" / plain {f('plain_cpu_secs'):>5.2f} s  x{ratio:>6.1f}"
        f"  {f('rss_mb'):>5.0f} MB / plain {f('plain_rss_mb'):>4.0f} MB  {row['outcome']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--only", default="", help="comma-separated families")
    parser.add_argument("--json", action="store_true", help="one JSON line per case")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    only = {f.strip() for f in args.only.split(",") if f.strip()}
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for case in CASES:
            if only and case.family not in only:
                continue
            path = case.build(folder)
            st = path.lstat()
            size = path.stat().st_size if stat.S_ISREG(os.stat(path).st_mode) else 0
            result = _run(case.kind, path, args.timeout)
            plain = folder / f"plain-{len(rows)}.txt"
            plain.write_bytes(_posting_text(max(size, 2000)))
            base = _run("posting" if case.kind != "resume" else "resume", plain, args.timeout)
            plain.unlink()
            row = {
                "family": case.family,
                "case": case.name,
                "disk_kb": (st.st_size if stat.S_ISREG(st.st_mode) else 0) / 1024,
                **result,
                "plain_secs": base["secs"],
                "plain_cpu_secs": base["cpu_secs"],
                "plain_rss_mb": base["rss_mb"],
            }
            rows.append(row)
            if args.json:
                print(json.dumps(row), flush=True)
            else:
                print(f"  {case.family:<11}{case.name:<36}{_line(row)}", flush=True)
    for s in _KEEP:
        s.close()
    if not args.json:
        print(
            "\nslowest case per family by CPU seconds (wall s, CPU s vs the plain file, ratio, "
            "peak RSS vs the plain file):"
        )
        families: dict[str, dict[str, object]] = {}
        for row in rows:
            fam = str(row["family"])
            if fam not in families or _num(row, "cpu_secs") > _num(families[fam], "cpu_secs"):
                families[fam] = row
        for fam, row in families.items():
            print(f"  {fam:<11}{row['case']!s:<36}{_line(row)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
