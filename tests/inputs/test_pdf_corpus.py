"""The PDF reader on the real resumes in ../shared/corpus/real (read there, never copied here).

The layout hints are what the resume parser builds on: the name hint must be the candidate's
name on every real PDF, never a heading, and reading must never raise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referral_ai.inputs.pdf import _read_pdf

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "real"


def _gold() -> list[dict[str, object]]:
    path = CORPUS / "resumes.jsonl"
    if not path.is_file():
        pytest.fail(f"the real corpus is missing: expected {path.resolve()} (see its README)")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if str(r["file"]).endswith(".pdf")]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_corpus_has_pdf_resumes() -> None:
    assert len(_gold()) >= 8


@pytest.mark.parametrize("index", range(8))
def test_name_hint_on_real_pdfs(index: int) -> None:
    gold = _gold()
    if index >= len(gold):
        pytest.fail(f"expected at least {index + 1} PDF resumes in the corpus")
    row = gold[index]
    loaded = _read_pdf((CORPUS / "resumes" / str(row["file"])).read_bytes(), name=str(row["file"]))
    assert loaded.data is not None
    layout = loaded.data["layout"]
    assert _norm(layout["name"] or "") == _norm(str(row["name"])), row["file"]
    assert _norm(str(row["name"])) not in {_norm(h) for h in layout["headings"]}
    text_lines = {ln.strip() for ln in loaded.text.splitlines()}
    assert all(h in text_lines for h in layout["headings"])
    assert [ln["text"] for ln in layout["lines"]] == [
        ln for ln in loaded.text.splitlines() if ln.strip()
    ]
