"""The language model is unpacked once into the user's cache folder and read from there after."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from referral_ai.inputs import language

TEXTS = [
    "We are hiring a senior analytics engineer to build and own our data pipelines.",
    "Nous recherchons un ingénieur de données pour rejoindre notre équipe à Paris.",
    "Wir suchen eine Entwicklerin mit Erfahrung in Python und verteilten Systemen.",
    (Path(__file__).resolve().parents[2] / "examples" / "posting.md").read_text(encoding="utf-8"),
]


def _packaged() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def test_the_cached_model_classifies_exactly_as_the_packaged_one(tmp_path: Path) -> None:
    first = language._from_cache(tmp_path)  # unpacks
    (folder,) = [p for p in tmp_path.iterdir()]
    assert folder.name.startswith("langid-") and not folder.name.startswith(".")
    again = language._from_cache(tmp_path)  # reads the unpacked arrays
    packaged = _packaged()
    for text in TEXTS:
        expected = packaged.classify(text)  # type: ignore[attr-defined]
        assert first.classify(text) == expected
        assert again.classify(text) == expected
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]  # no staging folder left


def test_an_unwritable_cache_falls_back_to_the_packaged_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    language._identifier.cache_clear()
    try:
        guess = language.detect_language(TEXTS[1] * 10)
    finally:
        language._identifier.cache_clear()
    assert guess.code == "fr" and not guess.readable
    assert blocked.read_text().startswith("a file")


def test_the_cache_folder_follows_xdg_cache_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", os.sep + "somewhere")
    assert language._cache_root() == Path(os.sep, "somewhere", "referral_ai")
