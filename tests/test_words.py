"""The word catalogue (benefit_calc.words): every text in bokmål, nynorsk and English, with the same arguments."""

from __future__ import annotations

import pytest

from benefit_calc.words import LANGS, Text, catalogue, fields_of, text


def test_every_key_is_in_every_language() -> None:
    keys = {lang: set(catalogue(lang)) for lang in LANGS}
    for lang in LANGS:
        assert keys[lang] == keys["nb"], (lang, sorted(keys[lang] ^ keys["nb"])[:10])


@pytest.mark.parametrize("key", sorted(catalogue("nb")))
def test_the_languages_agree_on_the_arguments(key: str) -> None:
    wanted = fields_of(catalogue("nb")[key])
    for lang in LANGS:
        assert fields_of(catalogue(lang)[key]) == wanted, (lang, key)
        assert catalogue(lang)[key].strip(), (lang, key)


def test_a_text_is_its_bokmal_string_and_can_change_language() -> None:
    key = next(k for k, v in catalogue("nb").items() if not fields_of(v))
    t = Text(key)
    assert t == text(key, "nb") and t.in_("en") == text(key, "en") and t.all()["nn"] == text(key, "nn")
    import copy
    import pickle
    assert copy.deepcopy(t).in_("en") == t.in_("en") and pickle.loads(pickle.dumps(t)).key == key
