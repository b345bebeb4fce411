"""Links in exported .docx files are real hyperlinks: read back, each has the address as its target."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from referral_ai.export.docx import add_linked_text, write_email_docx, write_letter_docx
from referral_ai.models import DraftContext, DraftKind
from referral_ai.writers.offline import OfflineWriter

POSTING_URL = "https://careers.northwind.example/jobs/4821"
GITHUB = "https://github.com/jordanlee-data"


def _links(buf: io.BytesIO) -> list[tuple[str, str]]:
    """(visible text, target address) of every hyperlink in the document body."""
    buf.seek(0)
    return [(h.text, h.address) for p in docx.Document(buf).paragraphs for h in p.hyperlinks]


def _raw_targets(buf: io.BytesIO) -> set[str]:
    """Targets of the document's external hyperlink relationships, read from the package XML."""
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        xml = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    ids = set(re.findall(r'<w:hyperlink [^>]*r:id="([^"]+)"', xml))
    targets: set[str] = set()
    for rel in re.findall(r"<Relationship [^>]*/>", rels):
        rid = re.search(r'Id="([^"]+)"', rel)
        if rid and rid.group(1) in ids:
            assert 'TargetMode="External"' in rel
            assert rel.count("relationships/hyperlink") == 1
            target = re.search(r'Target="([^"]+)"', rel)
            assert target
            targets.add(target.group(1))
    return targets


@pytest.mark.parametrize("kind", [DraftKind.follow_up, DraftKind.intro_request, DraftKind.reminder])
def test_email_links_are_clickable(
    kind: DraftKind, writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    buf = io.BytesIO()
    write_email_docx(writer.draft(kind, matched_ctx), matched_ctx, buf)
    links = _links(buf)
    assert (POSTING_URL, POSTING_URL) in links
    assert all(text == address for text, address in links)
    assert POSTING_URL in _raw_targets(buf)
    buf.seek(0)
    texts = [p.text for p in docx.Document(buf).paragraphs]
    # The sentence still reads as written, its closing bracket and full stop outside the link.
    assert any(f"({POSTING_URL})" in t for t in texts)


def test_follow_up_code_sample_link_in_header_and_bullet(
    writer: OfflineWriter, matched_ctx: DraftContext
) -> None:
    buf = io.BytesIO()
    write_email_docx(writer.draft(DraftKind.follow_up, matched_ctx), matched_ctx, buf)
    targets = [address for _, address in _links(buf)]
    assert targets.count(GITHUB) == 2  # the Attachments header line and the "Code sample" bullet
    buf.seek(0)
    bullets = [p for p in docx.Document(buf).paragraphs if p.style.name == "List Bullet"]
    code = next(p for p in bullets if p.text.startswith("Code sample"))
    assert code.text == f"Code sample: see {GITHUB}"
    assert [h.address for h in code.hyperlinks] == [GITHUB]


def test_letter_links_are_clickable(writer: OfflineWriter, matched_ctx: DraftContext) -> None:
    buf = io.BytesIO()
    write_letter_docx(writer.draft(DraftKind.cover_letter, matched_ctx), matched_ctx, buf)
    buf.seek(0)
    paragraphs = docx.Document(buf).paragraphs
    letterhead = paragraphs[1]
    assert [h.address for h in letterhead.hyperlinks] == [GITHUB]
    assert letterhead.text.endswith(f"\u00b7 {GITHUB}")
    body_links = [h.address for p in paragraphs[2:] for h in p.hyperlinks]
    assert GITHUB in body_links  # "my code sample (see https://github.com/...)"
    assert GITHUB in _raw_targets(buf)


def test_add_linked_text_keeps_the_words_and_links_every_address() -> None:
    doc = docx.Document()
    p = doc.add_paragraph()
    text = "See www.example.org/work, https://x.example/a_(b) and github.com/jo. Mail me at jo@example.com."
    add_linked_text(p, text)
    assert p.text == text
    assert [(h.text, h.address) for h in p.hyperlinks] == [
        ("www.example.org/work", "https://www.example.org/work"),
        ("https://x.example/a_(b)", "https://x.example/a_(b)"),
        ("github.com/jo", "https://github.com/jo"),
    ]


def test_text_without_links_is_one_plain_run() -> None:
    doc = docx.Document()
    p = doc.add_paragraph()
    add_linked_text(p, "Resume (Jordan_Lee_resume.pdf); no links here.", bold=True)
    assert p.hyperlinks == []
    assert [r.text for r in p.runs] == ["Resume (Jordan_Lee_resume.pdf); no links here."]
    assert p.runs[0].bold is True
