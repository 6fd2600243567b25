"""rules.updates and ``benefit-calc rules check-updates`` (issue 19): official files a maintainer downloaded —
NAV's grunnbeløp JSON, SSB's KLASS 131, Skatteetaten's trekkrutine Konstanter.java — against the rules, and renewal
dates passed without a new value. The files here are made from the rules' own values (and changed where a test
needs a difference), in the files' published shapes; no published file is copied."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from benefit_calc.cli.main import main
from benefit_calc.rules.load import load_rules
from benefit_calc.rules.updates import UpdateFileError, findings_in, staleness

RULES = load_rules()
G_2026 = {"dato": "2026-05-01", "grunnbeløp": 136549, "grunnbeløpPerMåned": 11379, "gjennomsnittPerÅr": 134419,
          "omregningsfaktor": 1.049088}


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["rules", "check-updates", *args])


def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode())
    return str(path)


def konstanter(year: int, **changed: float) -> bytes:
    """A trekkrutine Konstanter.java in Skatteetaten's shape, with the rules' values for ``year`` (or ``changed``)."""
    day = date(year, 1, 1)
    v = {"PERSONFRADRAG": RULES.value("skatt.personfradrag", day),
         "FELLES_SKATT_VANLIG": RULES.value("skatt.fellesskatt", day) * 100,
         "SKATTORE": RULES.value("skatt.skattore", day) * 100,
         "AVG_FRI_TRYGDEAVGIFT": RULES.value("skatt.trygdeavgift_lower_limit", day),
         "MAX_MINSTE_FRADRAG": RULES.value("skatt.minstefradrag_max", day),
         "MINSTE_FRAD_PROSENT": RULES.value("skatt.minstefradrag_rate", day) * 100}
    for k, b in enumerate(RULES.value("skatt.trinnskatt", day), start=1):
        v[f"TRINN{k}"], v[f"PROSENT_TRINN{k}"] = b.threshold, b.rate * 100
    v.update(changed)
    longs = ",\n".join(f"            {k} = {round(x)}L" for k, x in v.items() if float(x).is_integer() and "PROSENT" not in k
                       and k not in ("FELLES_SKATT_VANLIG", "SKATTORE"))
    doubles = ",\n".join(f"            {k} = {x:.2f}d" for k, x in v.items() if "PROSENT" in k
                         or k in ("FELLES_SKATT_VANLIG", "SKATTORE"))
    return (f"package no.skatteetaten.fastsetting.formueinntekt.forskudd.trekkrutine{year};\n\npublic class Konstanter "
            f"{{\n\n    static final long\n{longs};\n\n    static final double\n{doubles};\n}}\n").encode()


def test_a_grunnbelop_file_that_agrees_exits_0(tmp_path: Path) -> None:
    result = run(write(tmp_path, "g.json", G_2026), "--files-only")
    assert result.exit_code == 0, result.output
    assert "✓ grunnbelop.g fra 01.05.2026: 136549 — stemmer med g.json" in result.output
    assert "Reglene stemmer (2 kontroller)." in result.output


def test_a_new_g_in_the_history_list_is_named_with_what_to_do(tmp_path: Path) -> None:
    history = [G_2026, {**G_2026, "dato": "2027-05-01", "grunnbeløp": 141234, "gjennomsnittPerÅr": 139672}]
    result = run(write(tmp_path, "historikk.json", history), "--files-only", "--lang", "nn")
    assert result.exit_code == 1
    assert "grunnbelop.g: historikk.json har 141234 frå 01.05.2027, nyare enn reglane" in result.output
    assert "2 ting å gjere." in result.output


def test_a_value_that_differs_is_said_with_both_values() -> None:
    found = findings_in(RULES, json.dumps({**G_2026, "grunnbeløp": 136550}).encode(), "g.json")
    assert [(f.kind, f.ours, f.theirs) for f in found if f.parameter == "grunnbelop.g"] == [("differs", 136549, 136550)]


def test_klass_131_against_the_municipality_table(tmp_path: Path) -> None:
    table = dict(RULES.param("kommunenummer.numbers").values[-1].value)
    codes = [{"code": c, "name": n, "level": "1"} for c, n in table.items() if c != "2100"]
    assert [f.kind for f in findings_in(RULES, json.dumps({"codes": codes}).encode(), "klass.json")] == ["agrees"]
    codes[0] = {**codes[0], "name": "Nytt namn"}
    codes.append({"code": "9999", "name": "Ny kommune", "level": "1"})
    result = run(write(tmp_path, "klass.json", {"codes": codes}), "--files-only")
    assert result.exit_code == 1 and "+9999 Ny kommune" in result.output and "→ Nytt namn" in result.output


def test_a_konstanter_file_for_a_year_the_rules_hold_agrees_and_a_new_year_is_newer() -> None:
    same = findings_in(RULES, konstanter(2026), "Konstanter.java")
    assert len(same) == 7 and all(f.kind == "agrees" for f in same), [f for f in same if f.kind != "agrees"]
    new = findings_in(RULES, konstanter(2026, PERSONFRADRAG=116000), "Konstanter.java")
    assert [(f.parameter, f.kind, f.theirs) for f in new if f.to_do] == [("skatt.personfradrag", "differs", 116000)]
    later = findings_in(RULES, konstanter(2030), "Konstanter.java")
    assert {f.kind for f in later} == {"newer"}  # 2030: every value is after the rules' last


def test_renewal_dates_passed_without_a_new_value_are_stale() -> None:
    names = {f.parameter for f in staleness(RULES, date(2030, 2, 1)) if f.kind == "stale"}
    assert {"skatt.personfradrag", "grunnbelop.g_average"} <= names and "grunnbelop.g" in names
    assert "grunnbelop.g" not in {f.parameter for f in staleness(RULES, date(2026, 12, 7))}


@pytest.mark.parametrize(("data", "words"), [
    (b'{"x": 1}', "grunnbeløp-post må ha"), (b"not json", "verken JSON eller en Konstanter.java"),
    (b'{"codes": "x"}', "KLASS-fil må ha en liste"), (b"class Konstanter { }", "trekkrutineÅÅÅÅ"),
    (b'[' * 100 + b']' * 100, "verken JSON"), ('{"dato": "i mai", "grunnbeløp": 1}'.encode(), "er ikke en dato"),
    ('{"dato": "2026-05-01", "grunnbeløp": "mye"}'.encode(), "er ikke et tall"), (b" " * 2_000_001, "større enn 2 MB"),
])
def test_a_file_of_no_known_kind_is_refused_in_words_with_exit_2(tmp_path: Path, data: bytes, words: str) -> None:
    result = run(write(tmp_path, "fil.json", data))
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output, result.output


def test_update_file_errors_are_benefit_calc_errors() -> None:
    with pytest.raises(UpdateFileError) as exc:
        findings_in(RULES, b"[]", "tom.json")
    assert isinstance(exc.value, ValueError)


def test_values_from_before_the_rules_first_date_are_not_things_to_do(tmp_path: Path) -> None:
    """NAV's history goes back to 1967; the rules start in 2019 on purpose."""
    history = [G_2026, {"dato": "1967-01-01", "grunnbeløp": 5400, "gjennomsnittPerÅr": 5400}]
    result = run(write(tmp_path, "g.json", history), "--files-only")
    assert result.exit_code == 0 and "2 eldre verdier er ikke sammenlignet" in result.output, result.output
