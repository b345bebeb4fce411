"""Crafted hostile inputs of every family end, and end either parsed or with a one-line InputError.

Each input is generated here (in tmp_path, small on disk: bombs are compressed). The assertion is
the outcome, never the time: speed is measured in benchmarks/bench_hostile_inputs.py. "Clean" means
the call returns, or raises :class:`InputError` (``ParseError`` included) whose message is one line
naming the input; no other exception type, no traceback.
"""

from __future__ import annotations

import io
import json
import os
import random
import socket
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from referral_ai.errors import InputError
from referral_ai.inputs import load_posting, load_resume, read_text
from referral_ai.inputs.archive import MAX_BINARY_BYTES, MAX_MEMBERS, open_zip
from referral_ai.inputs.email import read_email, read_eml_bytes
from referral_ai.inputs.loaded import read_file_bytes
from referral_ai.inputs.pdf import MAX_PDF_FILE_PAGES

# The crafted PDFs are the benchmark's own builders (one definition of each hostile input).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_hostile_inputs import pdf_deep_pages, pdf_pages, pdf_pages_in_object_streams

ROOT = Path(__file__).resolve().parents[2]
POSTING = (ROOT / "examples" / "posting.md").read_text(encoding="utf-8")
RESUME = (ROOT / "examples" / "resume.md").read_text(encoding="utf-8")


def clean(fn: Callable[[], Any]) -> Any:
    """Call ``fn``: its result, or the InputError it raised (checked to be one line)."""
    try:
        return fn()
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and message.strip(), repr(message)
        assert "Traceback" not in message
        return exc


def posting_or_error(source: Any) -> Any:
    return clean(lambda: load_posting(source))


def resume_or_error(source: Any) -> Any:
    return clean(lambda: load_resume(source))


# --------------------------------------------------------------------------- text families

HTML_HEAD = "<html><body><h1>Senior Analytics Engineer</h1><p>Bramble Health</p>"

HTML_CASES = {
    "unclosed divs": HTML_HEAD + "<div>x" * 8_000,
    "nested divs": HTML_HEAD + "<div>" * 5_000 + "text" + "</div>" * 5_000,
    "comment openers": HTML_HEAD + "<!--" * 20_000,
    "unclosed styled paragraphs": HTML_HEAD + '<p style="color:#fff">a' * 4_000,
    "space run in html": HTML_HEAD + " " * 60_000 + "x</p>",
    "unclosed attribute quote": HTML_HEAD + '<a href="' + "x" * 60_000,
    "script never closed": HTML_HEAD + "<script>" + "var a = 1;" * 6_000,
    "style never closed": HTML_HEAD + "<style>" + ".a{color:red}" * 5_000,
}


@pytest.mark.parametrize("case", sorted(HTML_CASES))
def test_html_families_end_cleanly(case: str, tmp_path: Path) -> None:
    path = tmp_path / "posting.html"
    path.write_text(HTML_CASES[case], encoding="utf-8")
    result = posting_or_error(path)
    if not isinstance(result, InputError):
        assert result.title  # parsed: the visible heading is still there


def _with_run(run: str) -> str:
    return POSTING + "\n" + run + "\n" + POSTING[:400]


TEXT_RUNS = {
    "spaces": " " * 60_000 + "x",
    "tabs and spaces": " \t" * 30_000 + "x",
    "blank lines": "\n \n" * 20_000,
    "hyphenated digits": "1-" * 30_000,
    "dotted letters": "a." * 30_000,
    "at signs": "a@" * 30_000,
    "bullet dashes": "- " * 30_000,
    "www": "www." * 15_000,
    "urls": "http://a" * 8_000,
    "pipes": "| " * 30_000,
    "capitalised words": "Aa " * 20_000,
    "open parens": "(" * 60_000,
    "date ranges": "Jan 2020 - " * 6_000,
    "address pieces": "aa@aa." * 10_000,
    "one huge line": "word " * 30_000,
    "percent fences": "%" * 60_000,
    "headings": "#" * 60_000,
    "nul-free control runs": "\x0b\x0c" * 100,
}


@pytest.mark.parametrize("case", sorted(TEXT_RUNS))
def test_posting_text_runs_end_cleanly(case: str, tmp_path: Path) -> None:
    path = tmp_path / "posting.txt"
    path.write_text(_with_run(TEXT_RUNS[case]), encoding="utf-8")
    posting_or_error(path)  # parsed, or one line (too long, binary, not English, no title...)


@pytest.mark.parametrize("case", ["spaces", "tabs and spaces", "hyphenated digits", "date ranges"])
def test_resume_text_runs_end_cleanly(case: str) -> None:
    resume_or_error(RESUME + "\n" + TEXT_RUNS[case] + "\n")


def test_control_characters_end_cleanly() -> None:
    text = POSTING.replace(" ", " \x01\x02\x1b", 50)
    posting_or_error(text.encode())
    posting_or_error(text)


def test_invalid_utf8_is_decoded_or_refused_in_one_line() -> None:
    junk = bytes(random.Random(1).randrange(128, 256) for _ in range(3_000))
    assert isinstance(posting_or_error(POSTING.encode() + junk), InputError)
    # a few stray bytes: read as Windows-1252 with a warning
    posting = posting_or_error(POSTING.encode() + b"\n\xe9t\xe9 \x93quoted\x94\n")
    assert not isinstance(posting, InputError)
    assert any(w.code == "encoding" for w in posting.warnings)


def test_mixed_encodings_end_cleanly() -> None:
    data = "caf\u00e9 ".encode() * 50 + "caf\u00e9 ".encode("cp1252") * 50 + POSTING.encode()
    posting_or_error(data)


def test_surrogate_escaped_text_is_read_as_its_bytes() -> None:
    # what Python makes of non-UTF-8 bytes on stdin / argv (errors="surrogateescape")
    raw = POSTING.encode() + b"\nCaf\xe9 au lait\n"
    text = raw.decode("utf-8", "surrogateescape")
    posting = load_posting(text)
    assert "Caf\u00e9" in posting.text
    posting.text.encode("utf-8")  # writable later: no surrogates left
    assert any(w.code == "encoding" for w in posting.warnings)


def test_lone_surrogate_text_is_one_line_error() -> None:
    error = clean(lambda: read_text(POSTING + "\ud800\n", kind="posting"))
    assert isinstance(error, InputError) and "surrogate" in str(error)


# --------------------------------------------------------------------------- JSON Resume


def test_json_resume_nested_thousands_deep(tmp_path: Path) -> None:
    path = tmp_path / "resume.json"
    path.write_text('{"basics": {"name": "R C"}, "work": ' + "[" * 50_000 + "]" * 50_000 + "}")
    error = resume_or_error(path)
    assert isinstance(error, InputError)


def test_json_resume_numbers_where_strings_belong(tmp_path: Path) -> None:
    path = tmp_path / "resume.json"
    doc = {
        "basics": {"name": 42, "email": ["x"], "phone": {"a": 1}, "location": 7},
        "work": [
            {"name": 3, "position": 4.5, "startDate": 2020, "highlights": [1, {"a": 2}, None]},
            {"company": ["Acme"], "position": None, "summary": True},
            17,
        ],
        "education": [{"institution": 1, "studyType": [2]}],
        "skills": [{"name": 5, "keywords": "SQL"}],
    }
    path.write_text(json.dumps(doc))
    resume_or_error(path)


def test_json_with_surrogate_escapes_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "resume.json"
    path.write_text(
        json.dumps(
            {
                "basics": {"name": "Riley \ud800Chen"},
                "work": [{"name": "Acme", "position": "Analyst \udfff", "startDate": "2020-01"}],
            },
            ensure_ascii=True,
        )
    )
    result = resume_or_error(path)
    if not isinstance(result, InputError):
        result.text.encode("utf-8")


# --------------------------------------------------------------------------- zip containers

_CT = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Default Extension="png" ContentType="image/png"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)
_DOC_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>'
    b"</Relationships>"
)
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document(body: bytes = b"") -> bytes:
    paras = b"".join(
        b"<w:p><w:r><w:t>" + line.encode() + b"</w:t></w:r></w:p>"
        for line in RESUME.splitlines()
        if line.strip() and "<" not in line and "&" not in line
    )
    return (
        b"<?xml version='1.0'?><w:document "
        + _W
        + b"><w:body>"
        + paras
        + body
        + b"</w:body></w:document>"
    )


def _zip(members: dict[str, bytes], *, stream: tuple[str, bytes, int] | None = None) -> bytes:
    """A deflated zip; ``stream=(name, chunk, repeat)`` writes a member without holding it whole."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
        if stream:
            name, chunk, repeat = stream
            with zf.open(name, "w", force_zip64=True) as out:
                for _ in range(repeat):
                    out.write(chunk)
    return buf.getvalue()


def _docx(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "resume.docx"
    path.write_bytes(data)
    return path


def test_docx_bomb_fails_fast_from_the_directory(tmp_path: Path) -> None:
    # ~60 KB on disk that declares 60 MB of document.xml
    data = _zip(
        {"[Content_Types].xml": _CT, "_rels/.rels": _RELS},
        stream=("word/document.xml", b"<w:p/>" * 100_000, 100),
    )
    assert len(data) < 500_000
    error = resume_or_error(_docx(tmp_path, data))
    assert isinstance(error, InputError) and "MB" in str(error)


def test_docx_whose_directory_lies_stops_at_the_declared_size(tmp_path: Path) -> None:
    body = _document(b"<w:p/>" * 2_000_000)
    data = bytearray(
        _zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": body})
    )
    # rewrite document.xml's uncompressed size to 1 KB in the local header and the directory
    for sig, size_off, name_len_off, name_off in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        pos = data.find(sig)
        while pos != -1:
            n = int.from_bytes(data[pos + name_len_off : pos + name_len_off + 2], "little")
            if data[pos + name_off : pos + name_off + n] == b"word/document.xml":
                data[pos + size_off : pos + size_off + 4] = (1024).to_bytes(4, "little")
            pos = data.find(sig, pos + 4)
    error = resume_or_error(_docx(tmp_path, bytes(data)))
    assert isinstance(error, InputError)


def test_docx_with_too_many_members(tmp_path: Path) -> None:
    members = {"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": _document()}
    members.update({f"customXml/item{i}.xml": b"<a/>" for i in range(MAX_MEMBERS + 10)})
    error = resume_or_error(_docx(tmp_path, _zip(members)))
    assert isinstance(error, InputError) and "members" in str(error)


def test_docx_with_a_huge_compressible_image_is_refused(tmp_path: Path) -> None:
    data = _zip(
        {
            "[Content_Types].xml": _CT,
            "_rels/.rels": _RELS,
            "word/_rels/document.xml.rels": _DOC_RELS,
            "word/document.xml": _document(),
        },
        stream=("word/media/image1.png", b"\0" * (1 << 20), 64),
    )
    error = resume_or_error(_docx(tmp_path, data))
    assert isinstance(error, InputError) and "zip bomb" in str(error)


def test_docx_with_a_large_real_image_reads_the_text_without_inflating_the_image(
    tmp_path: Path,
) -> None:
    image = b"\x89PNG" + random.Random(5).randbytes(2 * MAX_BINARY_BYTES)
    data = _zip(
        {
            "[Content_Types].xml": _CT,
            "_rels/.rels": _RELS,
            "word/_rels/document.xml.rels": _DOC_RELS,
            "word/document.xml": _document(),
            "word/media/image1.png": image,
        }
    )
    package, names = open_zip(data, name="resume.docx", ext=".docx")
    assert "word/media/image1.png" in names
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        assert zf.read("word/media/image1.png") == b""  # handed to the reader empty
        assert zf.read("word/document.xml") == _document()
    loaded = read_text(_docx(tmp_path, data), kind="resume")
    assert loaded.fmt == "docx" and "Riley Chen" in loaded.text


def test_encrypted_or_corrupt_zip_members_are_one_line(tmp_path: Path) -> None:
    data = bytearray(
        _zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": _document()})
    )
    pos = data.find(b"PK\x03\x04", data.find(b"word/document.xml") - 40)
    data[pos + 6] |= 1  # the "encrypted" flag in the local header
    cpos = data.find(b"PK\x01\x02")
    while cpos != -1:
        data[cpos + 8] |= 1
        cpos = data.find(b"PK\x01\x02", cpos + 4)
    assert isinstance(resume_or_error(_docx(tmp_path, bytes(data))), InputError)
    assert isinstance(resume_or_error(_docx(tmp_path, b"PK\x03\x04" + b"\0" * 200)), InputError)


# --------------------------------------------------------------------------- PDF


@pytest.mark.parametrize(
    ("case", "build"),
    [
        ("many pages", lambda: pdf_pages(3_000)),
        ("broken xref", lambda: pdf_pages(50, broken_xref=True)),
        ("page count lies", lambda: pdf_pages(2).replace(b"/Count 2", b"/Count 99999999")),
        (
            "page tree 2k deep",
            lambda: pdf_deep_pages(2_000),
        ),
        ("truncated", lambda: pdf_pages(5)[:400]),
        ("header only", lambda: b"%PDF-1.7\n" + b"\0" * 1000),
    ],
)
def test_pdf_families_end_cleanly(case: str, build: Callable[[], bytes], tmp_path: Path) -> None:
    path = tmp_path / "posting.pdf"
    path.write_bytes(build())
    posting_or_error(path)


def test_a_pdf_of_thousands_of_pages_is_refused_in_one_line_before_its_page_tree(
    tmp_path: Path,
) -> None:
    path = tmp_path / "posting.pdf"
    path.write_bytes(pdf_pages(MAX_PDF_FILE_PAGES + 1))
    with pytest.raises(InputError, match=f"over {MAX_PDF_FILE_PAGES:,} pages") as info:
        load_posting(path)
    assert "\n" not in str(info.value)
    # At the limit the file is read: its first MAX_PDF_PAGES pages, with a notice.
    path.write_bytes(pdf_pages(MAX_PDF_FILE_PAGES))
    loaded = read_text(path, kind="posting")
    assert "Senior Analytics Engineer" in loaded.text
    assert any(w.code == "truncated" for w in loaded.warnings)


def test_pages_inside_compressed_object_streams_count_toward_the_refusal(tmp_path: Path) -> None:
    """PDF 1.5 object streams hide the page dictionaries from the raw bytes; they count too."""
    path = tmp_path / "posting.pdf"
    data = pdf_pages_in_object_streams(MAX_PDF_FILE_PAGES + 1)
    assert b"/Type /Page " not in data  # every page dictionary is compressed
    path.write_bytes(data)
    with pytest.raises(InputError, match=f"over {MAX_PDF_FILE_PAGES:,} pages") as info:
        load_posting(path)
    assert "\n" not in str(info.value)
    path.write_bytes(pdf_pages_in_object_streams(20_000))
    with pytest.raises(InputError, match=f"over {MAX_PDF_FILE_PAGES:,} pages"):
        load_posting(path)
    path.write_bytes(pdf_pages_in_object_streams(MAX_PDF_FILE_PAGES))
    loaded = read_text(path, kind="posting")
    assert "Senior Analytics Engineer" in loaded.text
    assert any(w.code == "truncated" for w in loaded.warnings)


# --------------------------------------------------------------------------- special files


def test_fifo_without_a_writer_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "posting.txt"
    os.mkfifo(fifo)
    error = posting_or_error(fifo)
    assert isinstance(error, InputError) and "FIFO" in str(error)


def test_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "posting.txt"
    link.symlink_to("/dev/zero")
    error = posting_or_error(link)
    assert isinstance(error, InputError) and "device" in str(error)


def test_socket_directory_and_broken_link_are_refused(tmp_path: Path) -> None:
    sock_path = tmp_path / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(sock_path))
        assert "socket" in str(posting_or_error(sock_path))
    finally:
        sock.close()
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert "directory" in str(posting_or_error(folder))
    broken = tmp_path / "gone.md"
    broken.symlink_to(tmp_path / "nothing-here.md")
    assert "broken symbolic link" in str(posting_or_error(broken))


def test_bounded_read_stops_at_the_cap_whatever_the_size_says(tmp_path: Path) -> None:
    # /proc files say they are 0 bytes long; the read is bounded all the same
    error = clean(lambda: read_file_bytes("/proc/self/maps", limit=16))
    assert isinstance(error, InputError) and "limit" in str(error)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5_000)
    assert "limit" in str(clean(lambda: read_file_bytes(big, limit=4_000)))
    assert read_file_bytes(big, limit=5_000) == b"x" * 5_000


# --------------------------------------------------------------------------- .eml


def _eml(body: str, *, headers: str = "From: a@example.com\nSubject: Following up\n") -> bytes:
    return (headers + "Content-Type: text/plain; charset=utf-8\n\n" + body).encode()


def test_eml_reads_subject_and_body(tmp_path: Path) -> None:
    path = tmp_path / "mail.eml"
    path.write_bytes(_eml("Thanks for the introduction.\n"))
    text = read_email(path)
    assert text.startswith("Subject: Following up\n\n") and "introduction" in text


@pytest.mark.parametrize(
    ("case", "data"),
    [
        ("random bytes", random.Random(7).randbytes(50_000)),
        ("text without headers", b"Hello there, this is not a message at all.\n" * 20),
        ("binary body", _eml("").replace(b"\n\n", b"\n\n" + bytes(range(256)) * 40)),
        ("unknown charset", _eml("hi").replace(b"utf-8", b"x-no-such-charset")),
        ("empty", b""),
    ],
)
def test_eml_that_is_not_an_email_is_one_line(case: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "mail.eml"
    path.write_bytes(data)
    result = clean(lambda: read_email(path))
    if case == "unknown charset" and not isinstance(result, InputError):
        return  # decoded as ASCII: fine
    assert isinstance(result, InputError), case


def test_eml_size_caps(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import referral_ai.inputs.email as email_mod

    monkeypatch.setattr(email_mod, "MAX_EML_BYTES", 10_000)
    path = tmp_path / "big.eml"
    path.write_bytes(_eml("x " * 20_000))
    assert "limit" in str(clean(lambda: read_email(path)))
    monkeypatch.setattr(email_mod, "MAX_EML_BYTES", 10_000_000)
    monkeypatch.setattr(email_mod, "MAX_BODY_CHARS", 1_000)
    assert "limit" in str(clean(lambda: read_eml_bytes(_eml("word " * 1_000))))


def test_eml_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "mail.eml"
    os.mkfifo(fifo)
    assert "FIFO" in str(clean(lambda: read_email(fifo)))
    folder = tmp_path / "folder.eml"
    folder.mkdir()
    assert "directory" in str(clean(lambda: read_email(folder)))


_CLI = "import sys; from referral_ai.cli import main; sys.exit(main())"


def test_cli_check_on_random_bytes_eml_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "mail.eml"
    path.write_bytes(random.Random(3).randbytes(20_000))
    proc = subprocess.run(
        [sys.executable, "-c", _CLI, "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "not an email" in lines[0] and "Traceback" not in proc.stderr
