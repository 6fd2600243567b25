"""The app's words (app_text.py): both languages have every text, and the plain variants exist in both."""

from __future__ import annotations

from benefit_calc.app_text import PLAIN, TEXT


def test_both_languages_have_every_text() -> None:
    assert set(TEXT) == {"nb", "en"} and set(TEXT["nb"]) == set(TEXT["en"])
    assert all(TEXT[lang][k] for lang in TEXT for k in TEXT[lang])
    assert len(TEXT["nb"]["tabs"]) == len(TEXT["en"]["tabs"]) == 5


def test_plain_words_replace_existing_texts_in_both_languages() -> None:
    assert set(PLAIN["nb"]) == set(PLAIN["en"]) and set(PLAIN["nb"]) <= set(TEXT["nb"])
    assert all(PLAIN[lang][k] != TEXT[lang][k] for lang in PLAIN for k in PLAIN[lang])
