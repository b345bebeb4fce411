"""Non-ASCII headers of the .eml read back exactly as written.

Each message is parsed again with :mod:`email.parser` and ``policy.default`` (a reader that follows
RFC 2047: whitespace between two encoded-words is not text), and the raw header is decoded a second
way, by :func:`email.header.decode_header` on the unfolded line. The stock folder of CPython
3.10-3.13 moved the space between two words out of the encoded-words in front of the next line, so
one reader lost the space ("façadeCafé") and another showed two.
"""

# ruff: noqa: RUF001  (Greek letters and full-width brackets are the point of these subjects)
from __future__ import annotations

import email
import random
import re
from email import policy
from email.header import decode_header, make_header
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

import pytest

from referral_ai.export.eml import build_eml
from referral_ai.models import Draft, DraftContext, DraftKind
from referral_ai.writers.offline import OfflineWriter

SUBJECTS = [
    "Café Développeur — Referral",
    "Référence pour le poste de Développeur Full-Stack Senior (Équipe Plateforme), Société"
    " Générale Assurances — Paris La Défense, CDI",
    "Empfehlung: Softwareentwickler (m/w/d) für Bürokommunikation bei der Stadtverwaltung"
    " München — Grüße von Jürgen Müller-Lüdenscheidt",
    "Рекомендация — Старший инженер данных в отдел аналитики, Москва, Ленинградский проспект",
    "ご紹介のお願い — シニアデータエンジニア職（プラットフォームチーム）について、よろしくお願いいたします",
    "推荐 — 高级数据工程师 (平台团队), 北京 海淀区",
    "Σύσταση για τη θέση Μηχανικού Λογισμικού στην Αθήνα — ευχαριστώ πολύ",
    "Giới thiệu: Kỹ sư dữ liệu cao cấp tại Thành phố Hồ Chí Minh — cảm ơn anh chị",
    "Zoë — Data 🚀 Engineer, Ølstykke façade naïve Straße Ångström Générale Société Équipe",
    "Referral: (Paris) façade Ångström München Senior エンジニア Referral Générale 工程师 "
    "エンジニア Développeur Café Café naïve 日本語 Ølstykke 数据 エンジニア the мир — —",
]

NAMES = [
    "Zoë Ångström",
    "José María García-López",
    "Nguyễn Thị Minh Khai",
    "王小明",
    "Ólafur Ragnar Grímsson",
    'Renée "Ren" O\'Brien, Jr.',
    "Αλέξανδρος Παπαδόπουλος",
]
# Longer than one encoded-word (75 characters): split where RFC 2047 allows.
LONG_NAME = "Maximiliane Sophie-Charlotte von Müller-Lüdenscheidt zu Schönbrunn-Ötztal"

FILENAMES = [
    "Lettre de motivation — Zoë Ångström.pdf",
    "履歴書_山田太郎_シニアデータエンジニア_プラットフォームチーム_2026年11月.docx",
    'Zoë\'s CV; final (v2) "draft" — Développeur Full-Stack Senior, Société Générale.pdf',
    "Resume-Jordan-Lee-Senior-Data-Engineer-Northwind-Logistics-2026-11-25-final-final.pdf",
]


def _with_subject(draft: Draft, subject: str) -> Draft:
    return draft.model_copy(update={"subject": subject})


def _parsed(msg: EmailMessage) -> tuple[EmailMessage, bytes]:
    raw = msg.as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed, raw


def _raw_header(raw: bytes, name: str) -> str:
    """The header's value as written, unfolded (CRLF before a continuation removed)."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    found = re.search(rf"^{name}:[ \t]?([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", head, re.M)
    assert found, f"no {name} header"
    return found.group(1).replace("\r\n", "")


def _strictly_decoded(value: str) -> str:
    return str(make_header(decode_header(value)))


def _well_formed(raw: bytes) -> None:
    head = raw.split(b"\r\n\r\n", 1)[0]
    for line in head.split(b"\r\n"):
        assert len(line) <= 78, line
        assert not line.startswith((b"  ", b" \t", b"\t")), f"extra folding whitespace: {line!r}"
    for word in re.findall(rb"=\?[^?]+\?[bqBQ]\?[^?]*\?=", head):
        assert len(word) <= 75, word  # RFC 2047's limit for one encoded-word


@pytest.fixture
def follow_up(writer: OfflineWriter, matched_ctx: DraftContext) -> Draft:
    return writer.draft(DraftKind.follow_up, matched_ctx)


@pytest.mark.parametrize("subject", SUBJECTS)
def test_a_non_ascii_subject_reads_back_exactly(
    subject: str, follow_up: Draft, matched_ctx: DraftContext
) -> None:
    msg, raw = _parsed(build_eml(_with_subject(follow_up, subject), matched_ctx, []))
    assert msg["Subject"] == subject
    assert _strictly_decoded(_raw_header(raw, "Subject")) == subject
    _well_formed(raw)


def test_random_subjects_read_back_exactly(follow_up: Draft, matched_ctx: DraftContext) -> None:
    """Words of several scripts in random orders and lengths (1-40 words): the stock folder lost
    or doubled a space on about one in six of these."""
    words = (  # noqa: SIM905 - a sentence of words reads better than a column of them
        "Café Développeur — Referral Équipe Société Générale Zoë Ångström 日本語 エンジニア Привет "
        "мир a the Senior Full-Stack (Paris) Data, 数据 工程师 Straße München Ølstykke ñandú naïve "
        'façade O\'Brien "quoted" Smith, Jr. x@y <z> ; :'
    ).split()
    rng = random.Random(7)
    wrong = []
    for _ in range(300):
        subject = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        msg, raw = _parsed(build_eml(_with_subject(follow_up, subject), matched_ctx, []))
        _well_formed(raw)
        if msg["Subject"] != subject:
            wrong.append((subject, str(msg["Subject"])))
    assert wrong == []


def test_an_ascii_subject_is_not_encoded(follow_up: Draft, matched_ctx: DraftContext) -> None:
    subject = "Referral for the Senior Data Engineer role (R-4821) at Northwind Logistics, Denver"
    msg, raw = _parsed(build_eml(_with_subject(follow_up, subject), matched_ctx, []))
    assert msg["Subject"] == subject
    assert b"=?" not in raw.split(b"\r\n\r\n", 1)[0]


@pytest.mark.parametrize("name", [*NAMES, LONG_NAME])
def test_non_ascii_display_names_read_back_exactly(
    name: str, follow_up: Draft, matched_ctx: DraftContext
) -> None:
    sender = Address(display_name=name, username="zoe", domain="example.fr")
    recipient = Address(display_name=name[::-1], username="priya", domain="northwind.example")
    msg, raw = _parsed(build_eml(follow_up, matched_ctx, [], sender=sender, to=recipient))
    _well_formed(raw)
    assert msg["From"].addresses[0].addr_spec == "zoe@example.fr"
    assert msg["To"].addresses[0].addr_spec == "priya@northwind.example"
    assert _strictly_decoded(_raw_header(raw, "From")) == f"{name} <zoe@example.fr>"
    if name != LONG_NAME:  # Python's address parser puts a space between two encoded-words
        assert msg["From"].addresses[0].display_name == name
        assert msg["To"].addresses[0].display_name == name[::-1]
    assert msg["Message-ID"].endswith("@example.fr>")


def test_the_candidate_and_contact_from_the_context_keep_their_accents(
    follow_up: Draft, matched_ctx: DraftContext
) -> None:
    resume = matched_ctx.resume.model_copy(update={"name": "Zoë Ångström"})
    referral = matched_ctx.referral.model_copy(update={"contact": "Søren Ødegård"})
    ctx = matched_ctx.model_copy(update={"resume": resume, "referral": referral})
    draft = follow_up.model_copy(update={"to": None})
    msg, raw = _parsed(build_eml(draft, ctx, []))
    _well_formed(raw)
    assert msg["From"].addresses[0].display_name == "Zoë Ångström"
    assert msg["To"].addresses[0].display_name == "Søren Ødegård"
    assert msg["To"].addresses[0].addr_spec == "priya@northwind.example"


def test_several_recipients_keep_their_names(follow_up: Draft, matched_ctx: DraftContext) -> None:
    to = 'Søren Ødegård <soren@example.dk>, "Smith, Jo" <jo@example.org>, Zoë <z@example.fr>'
    msg, raw = _parsed(build_eml(follow_up, matched_ctx, [], to=to))
    _well_formed(raw)
    assert [(a.display_name, a.addr_spec) for a in msg["To"].addresses] == [
        ("Søren Ødegård", "soren@example.dk"),
        ("Smith, Jo", "jo@example.org"),
        ("Zoë", "z@example.fr"),
    ]


@pytest.mark.parametrize("filename", FILENAMES)
def test_non_ascii_attachment_names_read_back_exactly(
    filename: str, tmp_path: Path, follow_up: Draft, matched_ctx: DraftContext
) -> None:
    path = tmp_path / filename
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    msg, raw = _parsed(build_eml(follow_up, matched_ctx, [path]))
    (part,) = list(msg.iter_attachments())
    assert part.get_filename() == filename
    assert part.get_content() == path.read_bytes()
    disposition = re.search(rb"Content-Disposition:.*?\r\n(?![ \t])", raw, re.S)
    assert disposition is not None
    for line in disposition.group(0).split(b"\r\n"):
        assert len(line) <= 78, line


def test_messages_that_share_headers_each_read_back_their_own(
    follow_up: Draft, matched_ctx: DraftContext
) -> None:
    """Headers repeated from one message to the next are parsed and folded once (shared by the
    messages): each message still reads back its own, and a shared header folded for one line
    ending is folded again for another."""
    first = build_eml(_with_subject(follow_up, SUBJECTS[1]), matched_ctx, [])
    second = build_eml(_with_subject(follow_up, SUBJECTS[2]), matched_ctx, [])
    again = build_eml(_with_subject(follow_up, SUBJECTS[1]), matched_ctx, [])
    assert first["Subject"] is again["Subject"]  # shared, not parsed again
    for msg, subject in ((first, SUBJECTS[1]), (second, SUBJECTS[2]), (again, SUBJECTS[1])):
        parsed, raw = _parsed(msg)
        assert parsed["Subject"] == subject
        _well_formed(raw)
    lf = again.as_bytes(policy=again.policy.clone(linesep="\n"))
    assert b"\r\n" not in lf and b"\nSubject: " in lf


def test_the_boundary_never_occurs_in_the_body(
    tmp_path: Path, follow_up: Draft, matched_ctx: DraftContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from referral_ai.export import eml

    taken = "=" * 15 + "5".zfill(19) + "=="
    draft = follow_up.model_copy(update={"body": f"Hi,\n\n--{taken}\n\nJordan"})
    draws = iter([5, 6])
    monkeypatch.setattr(eml.secrets, "randbelow", lambda _n: next(draws))
    path = tmp_path / "resume.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    msg, _ = _parsed(build_eml(draft, matched_ctx, [path]))
    assert msg.get_boundary() == "=" * 15 + "6".zfill(19) + "=="
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None and f"--{taken}" in body.get_content()
    assert [p.get_content() for p in msg.iter_attachments()] == [path.read_bytes()]
