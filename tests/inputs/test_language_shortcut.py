"""English paragraphs are told by their function words before the language identifier is loaded:
the shortcut never says English where the identifier says otherwise, and leaves other languages
(and short or doubtful paragraphs) to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from referral_ai.inputs import language
from referral_ai.inputs.reading import read_text

ENGLISH = (
    "We are looking for a data analyst who will join our team and work with the clinics on "
    "the reports that they use every week."
)
OTHERS = (
    # words that are English too ("a", "in", "is", "of", "for", "we", "to") are not counted
    "Wir suchen eine Person, die in unserem Team arbeitet und für die Berichte der Kliniken "
    "verantwortlich ist.",
    "Nous cherchons une personne pour rejoindre notre équipe et travailler avec les cliniques "
    "sur les rapports.",
    "Buscamos a una persona para el equipo de datos que trabaje con las clínicas en los informes.",
    "We zoeken een analist voor het team die met de klinieken aan de rapporten werkt, is dat iets?",
    "Vi søker en analytiker for teamet som skal arbeide med klinikkene og rapportene hver uke.",
)


def test_plain_english_is_english_without_the_identifier() -> None:
    assert language._plainly_english(ENGLISH)


@pytest.mark.parametrize("text", OTHERS)
def test_other_languages_are_left_to_the_identifier(text: str) -> None:
    assert not language._plainly_english(text)


def test_short_paragraphs_are_left_to_the_identifier() -> None:
    assert not language._plainly_english("The data and the team.")


def test_an_english_posting_does_not_load_the_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> object:
        raise AssertionError("the identifier was loaded")

    monkeypatch.setattr(language, "_identifier", refuse)
    guess = language.detect_language("\n\n".join([ENGLISH] * 4))
    assert guess.code == "en" and guess.english_share == 1.0


def test_a_french_posting_is_still_french() -> None:
    guess = language.detect_language("\n\n".join([OTHERS[1]] * 6))
    assert guess.code == "fr" and guess.english_share == 0.0


def test_the_shortcut_agrees_with_the_identifier_on_real_documents(real_corpus: Path) -> None:
    decided = 0
    ident = language._identifier()
    for kind, folder in (("posting", "postings"), ("resume", "resumes")):
        for path in sorted((real_corpus / folder).iterdir()):
            try:
                text = read_text(path, kind=kind).text  # type: ignore[arg-type]
            except Exception:  # the encrypted resume: nothing to read
                continue
            for paragraph in language._paragraphs(text):
                if language._plainly_english(paragraph):
                    decided += 1
                    assert ident.classify(paragraph)[0] == "en", (path.name, paragraph[:80])
    assert decided >= 100  # the shortcut decides a good share (350 of 700 paragraphs when written)


def test_settle_stops_once_english_carries_over_half(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join([ENGLISH] * 3 + [OTHERS[1]])  # three English paragraphs, one French
    exact = language.detect_language(text)
    assert exact.code == "en" and 0.5 < exact.english_share < 1.0

    def refuse() -> object:
        raise AssertionError("the identifier was loaded")

    monkeypatch.setattr(language, "_identifier", refuse)
    settled = language.detect_language(text, settle=True)
    assert settled.code == "en" and settled.readable
    assert settled.english_share == pytest.approx(
        exact.english_share
    )  # the French part is not English
    with pytest.raises(AssertionError, match="identifier"):
        language.detect_language(text)  # without settle, every paragraph is classified


def test_reading_the_example_posting_does_not_need_the_identifier(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from referral_ai.inputs import load_posting

    def refuse() -> object:
        raise AssertionError("the identifier was loaded")

    monkeypatch.setattr(language, "_identifier", refuse)
    posting = load_posting(Path(__file__).resolve().parents[2] / "examples" / "posting.md")
    assert posting.language == "en"
