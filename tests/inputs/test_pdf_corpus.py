"""The PDF reader on the real resumes in ../shared/corpus/real (read there, never copied here).

The layout hints are what the resume parser builds on: the name hint must be the candidate's
name on every real PDF, never a heading, and reading must never raise.
"""

from __future__ import annotations

import json
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
