"""A posting URL: fetched from a server on 127.0.0.1 started here, with every bound exercised."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from referral_ai.errors import InputError
from referral_ai.inputs import url as url_mod
from referral_ai.inputs.reading import read_text
from referral_ai.inputs.url import fetch, is_url

JOB_PAGE = (
    "<!doctype html><html><head><title>Staff Writer | Acme Careers</title>"
    '<script type="application/ld+json">'
    + json.dumps(
        {
            "@type": "JobPosting",
            "title": "Staff Writer",
            "hiringOrganization": {"name": "Acme Media"},
            "identifier": {"@type": "PropertyValue", "name": "Req ID", "value": "R-77"},
        }
    )
    + "</script></head><body><nav>Home Jobs About</nav><h1>Staff Writer</h1>"
    "<p>Acme Media is hiring a staff writer to report and write features for our magazine.</p>"
    "<h2>Requirements</h2><ul><li>Five years of editing experience</li><li>AP style</li></ul>"
    "<p>Apply with a resume and two writing samples.</p></body></html>"
)

Route = Callable[[BaseHTTPRequestHandler], None]


def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str, **headers: str) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in headers.items():
        h.send_header(k.replace("_", "-"), v)
    h.end_headers()
    h.wfile.write(body)


def _trickle(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    try:
        for _ in range(100):
            h.wfile.write(b"<p>x</p>")
            h.wfile.flush()
            time.sleep(0.2)
    except OSError:
        pass  # the client gave up, as it should


def _endless(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    chunk = b"<p>" + b"a" * 65536 + b"</p>"
    try:
        for _ in range(1000):
            h.wfile.write(chunk)
    except OSError:
        pass


def _pdf(h: BaseHTTPRequestHandler) -> None:
    from tests.inputs.conftest import build_pdf

    body = build_pdf(["Staff Writer", "Acme Media", "Requirements", "- AP style"])
    _send(h, 200, body, "application/pdf")


ROUTES: dict[str, Route] = {
    "/job": lambda h: _send(h, 200, JOB_PAGE.encode(), "text/html; charset=utf-8"),
    "/gzip": lambda h: _send(
        h, 200, gzip.compress(JOB_PAGE.encode()), "text/html", Content_Encoding="gzip"
    ),
    "/moved": lambda h: _send(h, 302, b"", "text/html", Location="/job"),
    "/loop-a": lambda h: _send(h, 302, b"", "text/html", Location="/loop-b"),
    "/loop-b": lambda h: _send(h, 302, b"", "text/html", Location="/loop-a"),
    "/missing": lambda h: _send(h, 404, b"<h1>Not found</h1>", "text/html"),
    "/broken": lambda h: _send(h, 503, b"down", "text/plain"),
    "/image": lambda h: _send(h, 200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
    "/empty-page": lambda h: _send(
        h, 200, b"<html><body><div id='app'>Loading...</div></body></html>", "text/html"
    ),
    "/pdf": _pdf,
    "/trickle": _trickle,
    "/endless": _endless,
}
for i in range(8):
    ROUTES[f"/hop{i}"] = lambda h, i=i: _send(h, 302, b"", "text/html", Location=f"/hop{i + 1}")


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            return
        route = ROUTES.get(self.path)
        if route is None:
            _send(self, 404, b"", "text/plain")
        else:
            route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_is_url() -> None:
    assert is_url("https://jobs.example/123") and is_url("http://127.0.0.1:8000/job")
    assert not is_url("jobs/posting.html") and not is_url("ftp://x/y") and not is_url("https://")


def test_fetched_page_is_read_like_a_saved_one(server: str) -> None:
    loaded = read_text(f"{server}/job", kind="posting")
    assert loaded.fmt == "html" and loaded.source == f"{server}/job"
    assert loaded.text.splitlines()[0] == "Staff Writer"
    assert "Home Jobs About" not in loaded.text
    assert loaded.data is not None
    facts = loaded.data["facts"]
    assert facts["company"]["value"] == "Acme Media"
    assert facts["url"] == {"value": f"{server}/job", "source": "fetched URL", "confidence": 0.8}


def test_load_posting_takes_a_url(server: str) -> None:
    from referral_ai.inputs.load import load_posting

    posting = load_posting(f"{server}/job")
    assert posting.title == "Staff Writer"


def test_redirect_followed_and_gzip_undone(server: str) -> None:
    assert read_text(f"{server}/moved", kind="posting").text.startswith("Staff Writer")
    assert read_text(f"{server}/gzip", kind="posting").text.startswith("Staff Writer")


def test_pdf_url_is_read_by_the_pdf_reader(server: str) -> None:
    loaded = read_text(f"{server}/pdf", kind="posting")
    assert loaded.fmt == "pdf" and "Staff Writer" in loaded.text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop-a", "redirects in a loop"),
        ("/hop0", "more than 5 redirects"),
        ("/missing", "answered 404"),
        ("/broken", "answered 503"),
        ("/huge", r"50\.0 MB; the limit is 10 MB"),
        ("/image", r"not a document \(image/png\)"),
        ("/empty-page", "almost no text"),
    ],
)
def test_bad_answers_are_one_line_errors(server: str, path: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        read_text(f"{server}{path}", kind="posting")
    assert "\n" not in str(info.value) and f"{server}{path}" in str(info.value)


def test_streamed_body_stops_at_the_cap(server: str) -> None:
    with pytest.raises(InputError, match="larger than 1 MB"):
        fetch(f"{server}/endless", max_bytes=1024 * 1024)


def test_trickling_server_is_cut_at_the_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match="timed out"):
        fetch(f"{server}/trickle", deadline=1.0, read_timeout=0.5)
    assert time.monotonic() - started < 15  # far below the 20 s the server would take


def test_module_bounds_apply_to_read_text(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(url_mod, "TOTAL_DEADLINE", 0.8)
    with pytest.raises(InputError, match="timed out"):
        read_text(f"{server}/trickle", kind="posting")


def test_offline_or_unreachable_is_one_line() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again below: nothing listens there
    with pytest.raises(InputError, match="cannot reach the server") as info:
        read_text(f"http://127.0.0.1:{port}/job", kind="posting")
    assert "\n" not in str(info.value)


def test_password_in_url_is_not_shown() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError) as info:
        read_text(f"http://user:s3cret@127.0.0.1:{port}/job", kind="posting")
    assert "s3cret" not in str(info.value)


def test_cli_posting_argument_takes_a_url(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    from referral_ai.cli import main

    assert main(["materials", f"{server}/job"]) == 0
    out = capsys.readouterr().out
    assert "resume" in out.lower() and "writing sample" in out.lower()


def test_cli_unreachable_url_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    from referral_ai.cli import main

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["materials", f"http://127.0.0.1:{port}/job"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach the server" in err[0]
