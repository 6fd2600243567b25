"""The one sentence generator for cliffs, plateaus and sweeps (analysis/sentences.py): the words agree with the
numbers they describe, in every language.

The sentences are read back with regular expressions made from the word catalogue's own templates, so a reading
fails when the words and the numbers part ways, whatever the language.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from benefit_calc import load_case
from benefit_calc.analysis.cliffs import rate_cliffs
from benefit_calc.analysis.sentences import (PLATEAU_KEEP, Change, SentenceError, breakdown, describe, no_cliff_ahead,
                                             part_name)
from benefit_calc.analysis.sweep import sweep
from benefit_calc.core.errors import BenefitCalcError
from benefit_calc.rules.load import load_rules
from benefit_calc.words import LANGS, catalogue, text
from tests.strategies import changes

RULES = load_rules()
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
HEADS = ("loss", "nothing", "kept_only", "kept", "more")
BREAKDOWNS = ("breakdown_over_back", "breakdown_back", "breakdown_more_items", "breakdown_over", "breakdown",
              "breakdown_more")  # the longer forms first: the short ones would also match them
RANGES = {"nb": r"[Ff]ra (\S+) (?:opp )?til (\S+) timer", "nn": r"[Ff]rå (\S+) (?:opp )?til (\S+) timar",
          "en": r"[Ff]rom (\S+) (?:up )?to (\S+) hours"}


def pattern(key: str, lang: str) -> str:
    """The template ``key`` as a regular expression: its words literally, each ``{name}`` a group."""
    out = []
    for literal, name, _, _ in string.Formatter().parse(catalogue(lang)[key]):
        out.append(re.escape(literal))
        if name:
            out.append(f"(?P<{name}>.+?)")
    return "".join(out)


def num(s: str, lang: str) -> float:
    """A number as the language writes it: 12 000 · 1,05 (nb, nn); 12,000 · 1.05 (en)."""
    return float(s.replace(",", "") if lang == "en" else s.replace(" ", "").replace(",", "."))


def amount_ore(s: str, lang: str) -> tuple[int, str]:
    """("80 øre" | "0,80 kr") → (80, "øre" | "kr")."""
    for unit, key in (("øre", "cliff.ore"), ("kr", "cliff.kroner")):
        m = re.fullmatch(pattern(key, lang), s)
        if m:
            return round(num(m["n"], lang) * (1 if unit == "øre" else 100)), unit
    raise AssertionError(f"not an amount: {s!r}")


def items(s: str, lang: str) -> list[tuple[str, int, str]]:
    """"80 øre i AAP, 21 øre i X og 7 øre i Y" → [(part, øre, unit), …]."""
    joined = re.fullmatch(pattern("cliff.list_and", lang), s)
    rows = [*joined["items"].split(", "), joined["last"]] if joined else [s]
    out = []
    for row in rows:
        m = re.fullmatch(pattern("cliff.breakdown_item", lang), row)
        assert m, (row, s)
        ore, unit = amount_ore(m["amount"], lang)
        out.append((m["part"], ore, unit))
    return out


def read(message: str, lang: str) -> dict[str, Any]:
    """What a cliff or plateau message says, read back: the head's numbers and the breakdown's amounts."""
    heads = [(k, m) for k in HEADS if (m := re.match(pattern(f"cliff.change.{k}", lang) + r"(?=: |\.(?: |$))", message))]
    assert len(heads) == 1, (message, [k for k, _ in heads])
    key, m = heads[0]
    out: dict[str, Any] = {"head": key, **{k: num(v, lang) for k, v in m.groupdict().items()}}
    for k in BREAKDOWNS:
        b = re.search(pattern(f"cliff.{k}", lang)[:-2] + r"\.(?= |$)", message)  # [:-2]: the template's escaped "."
        if b:
            out["breakdown"] = k
            found = b.groupdict()
            for name in ("taken", "extra"):
                if name in found:
                    out[name], out[f"{name}_unit"] = amount_ore(found[name], lang)
            out["items"] = items(found["items"], lang) if "items" in found else []
            out["back"] = items(found["back"], lang) if "back" in found else []
            break
    return out


def check(message: str, change: Change, lang: str) -> None:
    """The message says exactly the change's numbers, with the direction words their signs call for."""
    r = read(message, lang)
    net, gross = change.net, change.gross
    assert r["h0"] == round(change.hours_from, 4) < r["h1"] == round(change.hours_to, 4), message
    assert r["gross"] == gross, message
    if net < 0:
        assert r["head"] == "loss" and r["loss"] == -net and abs(r["avg"] - (-net) / change.months) <= 0.5, message
    elif net == 0:
        assert r["head"] == "nothing", message
    elif net > gross:
        assert r["head"] == "more" and r["kept"] == net, message
    else:
        assert r["head"] == ("kept_only" if net < PLATEAU_KEEP * gross else "kept"), message
        assert r["kept"] == net and r["ore"] == round(100 * r["kept"] / gross), message  # Y == round(100·X/gross)
    if "breakdown" not in r:
        assert change.kept_ore == 100 and change.shares() == {}, message  # nothing goes, to the øre
        return
    taken_parts = sum(o for _, o, _ in r["items"]) - sum(o for _, o, _ in r["back"])
    named = [p for p, _, _ in r["items"] + r["back"]]
    assert len(named) == len(set(named)) and all(o > 0 for _, o, _ in r["items"] + r["back"]), message
    if "taken" in r:
        # kroner go away ("går 1,05 kr bort") only when the household keeps nothing: it loses
        assert (r["taken_unit"] == "kr") == (net < 0), message
        assert r["taken"] == 100 - change.kept_ore == taken_parts, message
        if r["taken_unit"] == "øre":
            assert r["taken"] <= 100, message
        assert {u for _, _, u in r["items"] + r["back"]} <= {r["taken_unit"]}, message
    else:  # the household gets more than the wage rise
        assert net > 0 and r["extra"] == change.kept_ore - 100 == -taken_parts, message
    if net > 0:  # a positive share kept and more than a krone gone never come together
        assert r.get("taken_unit") != "kr", message


@settings(max_examples=300, deadline=None)
@given(changes())
def test_every_sentence_says_the_numbers_it_describes(data: dict[str, Any]) -> None:
    change = Change(**data)
    lost = next(iter(change.parts), "")
    for lang in LANGS:
        check(describe(change, lang, what=text("cliff.rule.sosialhjelp.what", lang), lost=lost), change, lang)
        check(describe(change, lang), change, lang)


@settings(max_examples=200, deadline=None)
@given(changes())
def test_the_breakdown_amounts_add_up_to_what_is_not_kept(data: dict[str, Any]) -> None:
    change = Change(**data)
    shares = change.shares()
    assert sum(shares.values()) == 100 - change.kept_ore
    assert all(v for v in shares.values())


def test_the_users_sentence_no_longer_contradicts_itself() -> None:
    """Issue 18.5: "beholder bare 1 033 kr (4 øre per krone)" came with "går 1,08 kr bort": the breakdown left out
    the tax withheld, which went down (12 øre of each krone came back). The numbers of aap-barn-opptrapping, 0→1 h."""
    change = Change(0, 1, 24, (0, 24121), {"aap": (19252, 0), "tax": (-1000, 1861), "settlements": (0, -1736),
                                            "settlements_after_horizon": (0, -4961)})
    said = describe(change, "nb")
    assert "men husstanden beholder bare 1 033 kr (4 øre per krone)." in said
    assert "går 96 øre bort: 80 øre i AAP, 21 øre i skatteoppgjør etter perioden og 7 øre i skatteoppgjør i " \
           "perioden, men 12 øre i skatt kommer tilbake." in said
    assert "kr bort" not in said
    check(said, change, "nb")


def test_a_household_that_loses_says_kroner_and_one_that_keeps_says_ore() -> None:
    loses = breakdown(Change(22, 23, 10, (0, 10_000), {"aap": (60_000, 0), "tax": (-2000, -5000)}), "nb")
    assert loses.startswith("Her taper husstanden mer enn den tjener") and "går 6,30 kr bort" in loses
    assert "6,00 kr i AAP og 0,30 kr i skatt" in loses
    barely = Change(5, 6, 10, (0, 1000), {"aap": (1001, 0)})  # loses 1 kr: 100.1 øre of each krone, rounded 100
    assert "får 1 kr mindre" in describe(barely, "nb") and "går 1,00 kr bort: 1,00 kr i AAP" in breakdown(barely, "nb")
    check(describe(barely, "nb"), barely, "nb")
    keeps = breakdown(Change(22.5, 23.75, 10, (0, 10_000), {"aap": (6000, 0), "tax": (-5000, -8000)}), "en")
    assert keeps == "Of each extra krone of wages, 90 øre goes: 60 øre in AAP and 30 øre in tax."
    small = Change(5, 6, 10, (0, 10_000), {"aap": (8000, 0), "bostotte": (300, 0), "sosialhjelp": (200, 100)})
    assert breakdown(small, "nb") == f"Av hver ekstra krone i lønn går 84 øre bort: 80 øre i AAP og 4 øre i " \
                                     f"{part_name('other', 'nb')}."  # 3 and 1 øre: too small to name one by one
    assert "18,75" in describe(Change(18.75, 20, 1, (0, 1000), {}), "nb") and \
        "18.75" in describe(Change(18.75, 20, 1, (0, 1000), {}), "en")


@pytest.mark.parametrize("hours_from, hours_to, wages", [(10, 10, (0, 100)), (20, 10, (0, 100)), (10, 20, (100, 100))])
def test_a_change_that_goes_nowhere_has_no_sentence(hours_from: float, hours_to: float, wages: tuple[int, int]) -> None:
    with pytest.raises(SentenceError) as raised:
        Change(hours_from, hours_to, 1, wages, {})
    assert isinstance(raised.value, BenefitCalcError)


def ranges(sentence: str, lang: str) -> list[tuple[float, float]]:
    """Every hours range a sentence states ("fra 5 opp til 40 timer", "From 22 to 23 hours")."""
    return [(num(a, lang), num(b, lang)) for a, b in re.findall(RANGES[lang], sentence)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_apps_no_cliff_ahead_words_state_no_range_that_runs_backwards(lang: str) -> None:
    """Issue 18.5: at a plan of 75 hours the app said "fra 75 opp til 40 timer i uka" (the sweep goes to 40)."""
    old_call = text("app.no_cliff_ahead", lang, h="75", kr="500 kr")  # the app's call as it is today
    assert all(a < b for a, b in ranges(old_call, lang)), old_call
    above = no_cliff_ahead(75, 40, "500 kr", lang)
    assert ranges(above, lang) == [] and "75" in above and "40" in above
    assert no_cliff_ahead(40, 40, "500 kr", lang) == text("app.no_cliff_above_sweep", lang, h="40", top="40")
    below = no_cliff_ahead(12.5, 40, "500 kr", lang)
    assert ranges(below, lang) == [(12.5, 40)] and "500 kr" in below


def _sweep(path: Path, levels: list[float]) -> Any:
    case = load_case(path)
    wage = None if any(s.hourly_wage for s in case.work) else 220.0  # a plan with a monthly salary: an hourly wage
    return sweep(RULES, case, levels, wage)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_cliff_of_every_example_says_its_own_numbers_in_every_language(path: Path) -> None:
    sw = _sweep(path, [float(h) for h in range(0, 41)])
    by_hours = {h: s for h, s in zip(sw.hours, sw.steps)}
    for lang in LANGS:
        for c in rate_cliffs(RULES, sw, lang):
            assert c.hours_from < c.hours_to
            assert all(a < b for a, b in ranges(c.message + " " + c.action, lang)), c.message
            change = Change.between(by_hours[c.hours_from], by_hours[c.hours_to])
            check(c.message, change, lang)
            assert c.loss == (-change.net if c.kind == "cliff" else change.gross - change.net)


def test_a_sweep_in_any_order_gives_rising_ranges() -> None:
    sw = _sweep(EXAMPLES[0], [40, 0, 23, 22, 22, 10, 31, 30, 5])
    found = rate_cliffs(RULES, sw, "nb")
    assert found and all(c.hours_from < c.hours_to for c in found)
    assert all(a < b for c in found for a, b in ranges(c.message, "nb"))
