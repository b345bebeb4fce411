"""The PDF reader on the real resumes in ../shared/corpus/real (read there, never copied here).

The layout hints are what the resume parser builds on: the name hint must be the candidate's
name on every real PDF, never a heading, and reading must never raise.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from referral_ai.inputs.pdf import _read_pdf


def _gold(corpus: Path) -> list[dict[str, object]]:
    path = corpus / "resumes.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if str(r["file"]).endswith(".pdf")]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_corpus_has_pdf_resumes(real_corpus: Path) -> None:
    assert len(_gold(real_corpus)) >= 8


@pytest.mark.parametrize("index", range(8))
def test_name_hint_on_real_pdfs(index: int, real_corpus: Path) -> None:
    gold = _gold(real_corpus)
    if index >= len(gold):
        pytest.fail(f"expected at least {index + 1} PDF resumes in the corpus")
    row = gold[index]
    loaded = _read_pdf(
        (real_corpus / "resumes" / str(row["file"])).read_bytes(), name=str(row["file"])
    )
    assert loaded.data is not None
    layout = loaded.data["layout"]
    assert _norm(layout["name"] or "") == _norm(str(row["name"])), row["file"]
    assert _norm(str(row["name"])) not in {_norm(h) for h in layout["headings"]}
    text_lines = {ln.strip() for ln in loaded.text.splitlines()}
    assert all(h in text_lines for h in layout["headings"])
    assert [ln["text"] for ln in layout["lines"]] == [
        ln for ln in loaded.text.splitlines() if ln.strip()
    ]


def test_no_word_on_a_real_pdf_is_broken_where_a_ligature_was(real_corpus: Path) -> None:
    # "So ware", "Consul ng", "tra c": two pieces, not both words, that a ligature's letters
    # join into a word. Google Docs exports map their ligature glyphs to nothing.
    from referral_ai.inputs.ligatures import CANDIDATES
    from referral_ai.word_rarity import is_word

    pair = re.compile(r"(?<![A-Za-z])(?=([A-Za-z]+) ([a-z]+)(?![A-Za-z]))")
    broken: list[str] = []
    texts: dict[str, str] = {}
    for row in _gold(real_corpus):
        name = str(row["file"])
        loaded = _read_pdf((real_corpus / "resumes" / name).read_bytes(), name=name)
        assert loaded.data is not None
        assert loaded.data["layout"]["lost_letters"] == [], name
        assert "\ufffd" not in loaded.text, name
        texts[name] = loaded.text
        for m in pair.finditer(loaded.text):
            a, b = m.groups()
            if not (is_word(a) and is_word(b)) and any(is_word(a + c + b) for c in CANDIDATES):
                broken.append(f"{name}: {a} {b}")
    assert broken == []
    # The Google Docs export in the corpus lost its "ffi" glyph ("tra c" before).
    google = [t for n, t in texts.items() if "google-docs" in n and "traffic" in t]
    assert google, "the Google Docs resume reads 'traffic'"
