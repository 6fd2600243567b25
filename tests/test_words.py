"""The word catalogue (benefit_calc.words): every text in bokmål, nynorsk and English, with the same arguments."""

from __future__ import annotations

import pytest

import benefit_calc.words as words_module
from benefit_calc.engine.registry import SCHEMES
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


# A scheme's own words: words/schemes/<id>.yaml, each text {nb: …, nn: …, en: …} side by side

# what each scheme file's keys may name it by: its id, its payments, its case input, the app's short prefix for its
# form fields (app.dp_…), and the rule file's Norwegian name (lonn, skatt)
NAMES = {s.id: {s.id, *s.payments, *([s.input] if s.input else [])} for s in SCHEMES}
NAMES["dagpenger"] |= {"app.dp_"}
NAMES["tiltakspenger"] |= {"app.tp_"}
NAMES["uforetrygd"] |= {"app.ut_"}
NAMES["overgangsstonad"] |= {"app.os_"}
NAMES["bostotte"] |= {"app.bs_"}
NAMES["sosialhjelp"] |= {"app.sh_", "explain_barnetrygd_not_counted"}  # what sosialhjelp does not count
NAMES["wages"] |= {"lonn"}
NAMES["tax"] |= {"skatt", "withholding", "app.wh_"}
SCHEME_FILES = sorted((words_module.HERE / "schemes").glob("*.yaml"))


def _scheme_keys(path) -> list[str]:
    out: dict[str, str] = {}
    words_module._flatten(words_module.parse(path.read_bytes(), max_nodes=100_000), "", out, f"schemes/{path.name}",
                          "nb")
    return list(out)


def test_there_is_a_words_file_for_every_scheme_and_no_other() -> None:
    assert {p.stem for p in SCHEME_FILES} == set(NAMES)


@pytest.mark.parametrize("path", SCHEME_FILES, ids=lambda p: p.stem)
def test_each_key_of_a_scheme_file_names_its_scheme(path) -> None:
    keys = _scheme_keys(path)
    assert keys
    strays = [k for k in keys if not any(name in k for name in NAMES[path.stem])]
    assert not strays, (path.name, strays)


def test_a_schemes_payments_and_form_label_are_in_its_own_file() -> None:
    for s in SCHEMES:
        keys = set(_scheme_keys(words_module.HERE / "schemes" / f"{s.id}.yaml"))
        wanted = {f"component.{p}" for p in s.payments} | ({f"field.client.benefits.{s.input}"} if s.input else set())
        wanted |= {f"combo.{s.id}_{other}" for other in s.excludes}
        assert wanted <= keys, (s.id, sorted(wanted - keys))


@pytest.fixture
def words_in(tmp_path, monkeypatch):
    """A catalogue read from a temporary folder: nb/, nn/, en/ with one shared file each, and schemes/."""
    for lang in LANGS:
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "app.yaml").write_text(f"app:\n  title: Tittel {lang}\n", encoding="utf-8")
    (tmp_path / "schemes").mkdir()
    monkeypatch.setattr(words_module, "HERE", tmp_path)
    catalogue.cache_clear()
    yield tmp_path
    catalogue.cache_clear()


def test_a_scheme_file_gives_each_language_its_text(words_in) -> None:
    (words_in / "schemes" / "aap.yaml").write_text(
        "component:\n  aap: {nb: AAP nb, nn: AAP nn, en: AAP en}\n"
        "warning:\n  aap_x:\n    message:\n      nb: >-\n        Lang\n        tekst\n      nn: B\n      en: C\n",
        encoding="utf-8")
    assert catalogue("nb")["component.aap"] == "AAP nb" and catalogue("en")["component.aap"] == "AAP en"
    assert catalogue("nb")["warning.aap_x.message"] == "Lang tekst" and catalogue("nn")["app.title"] == "Tittel nn"


@pytest.mark.parametrize("leaf", ["{nb: A, nn: B}", "{nb: A, nn: B, en: C, de: D}", "{nb: A, nn: B, en: [C]}",
                                  "A"])
def test_a_scheme_text_without_all_three_languages_names_file_and_key(words_in, leaf: str) -> None:
    (words_in / "schemes" / "bostotte.yaml").write_text(f"component:\n  bostotte: {leaf}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"words/schemes/bostotte\.yaml: component\.bostotte .*nb, nn and en"):
        catalogue("nb")


def test_a_key_in_a_scheme_file_and_a_language_file_is_written_twice(words_in) -> None:
    (words_in / "schemes" / "aap.yaml").write_text("app:\n  title: {nb: A, nn: B, en: C}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"app\.title is written twice .*schemes/aap\.yaml"):
        catalogue("en")
