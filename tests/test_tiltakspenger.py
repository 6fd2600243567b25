"""Tiltakspenger: a flat daily rate per day in the measure, paid per meldeperiode (benefit_calc.tiltakspenger).

Sources (see /work/notes/ut_kvp_tp_findings.md, section C):

* TP-SATS = navikt/tiltakspenger-libs ``satser/src/main/kotlin/satser/Satser.kt`` @ a3c93f82:
  ``Sats(Periode(1.januar(2023), 31.desember(2023)), 268, 201, 52, 39)``, 2024 285 / 53, 2025 298 / 55,
  2026 312 / 56 (sats, satsRedusert, satsBarnetillegg, satsBarnetilleggRedusert); rates change on 1 January.
* N-TP = nav.no "Stønader ved tiltak": «Tiltakspenger er en skattefri stønad».
* N-TP-MK = nav.no "Slik fyller du ut meldekortet – tiltakspenger": «kan du arbeide ubegrenset ved siden av
  tiltaket, uten at du får trekk i tiltakspengene»; TP-BREV (tiltakspenger-saksbehandling-api, hjemmel
  LønnFraAndre): «Lønn fra arbeid utenom tiltaksdeltakelsen har ikke betydning for din rett til tiltakspenger».
* TP-BREV / TP-UFORE: no tiltakspenger alongside other livsoppholdsytelser (tiltakspengeforskriften § 7).

The sums over a meldeperiode (days × rate) are worked out here from the Satser.kt daily rates.
"""

from __future__ import annotations

from datetime import date

import pytest

from benefit_calc import parse_case, simulate
from benefit_calc.core.errors import CaseError
from benefit_calc.rules.load import load_rules

RULES = load_rules()

CHILD = "2015-06-01"  # under 16 in every year tested


def tp_case(start: str, anchor: str, *, months: int = 2, work: list | None = None, children: tuple[str, ...] = (),
            **tiltakspenger: object) -> dict:
    return {"start": start, "months": months, "meldeperiode_start": anchor,
            "client": {"birth_date": "1990-01-02", "benefits": {"tiltakspenger": dict(tiltakspenger)}},
            "household": {"children": [{"birth_date": b} for b in children]}, "work": work or []}


def run(data: dict):
    return simulate(RULES, parse_case(data))


def periods(res) -> dict[date, object]:
    return {p.start: p for p in res.periods if p.benefit == "tiltakspenger"}


def tp_payments(res) -> list:
    return [p for p in res.payments if p.scheme == "tiltakspenger"]


@pytest.mark.parametrize(
    ("anchor", "rate", "barnetillegg"),
    [
        # TP-SATS: Sats(Periode(1.januar(2023), 31.desember(2023)), 268, 201, 52, 39)
        ("2023-03-06", 268, 52),
        # TP-SATS: Sats(Periode(1.januar(2024), 31.desember(2024)), 285, 214, 53, 40)
        ("2024-03-04", 285, 53),
        # TP-SATS: Sats(Periode(1.januar(2025), 31.desember(2025)), 298, 224, 55, 41)
        ("2025-03-03", 298, 55),
        # TP-SATS: Sats(Periode(1.januar(2026), 31.desember(9999)), 312, 234, 56, 42)
        ("2026-03-02", 312, 56),
    ],
    ids=["2023", "2024", "2025", "2026"],
)
def test_rate_by_year(anchor, rate, barnetillegg):
    """A meldeperiode with 10 weekdays in one year pays 10 × the year's sats; a child under 16 adds 10 × the
    barnetillegg sats; paid two days after the period (rule payment_lag_days, an assumption)."""
    monday = date.fromisoformat(anchor)
    plain = periods(run(tp_case(anchor[:7], anchor)))[monday]
    assert (plain.amount, plain.barnetillegg, plain.dagsats) == (10 * rate, 0, rate)
    assert plain.paid_on == date.fromordinal(monday.toordinal() + 15)
    with_child = periods(run(tp_case(anchor[:7], anchor, children=(CHILD,))))[monday]
    assert (with_child.amount, with_child.barnetillegg) == (10 * (rate + barnetillegg), 10 * barnetillegg)


def test_period_over_new_year_mixes_rates_day_by_day():
    """TP-SATS rates change on 1 January. The period 29.12.2025–11.01.2026 has 3 weekdays in 2025 and 7 in 2026:
    3 × 298 + 7 × 312 = 3078; with one child 3 × (298 + 55) + 7 × (312 + 56) = 3635 (barnetillegg 165 + 392 = 557)."""
    plain = periods(run(tp_case("2025-12", "2025-12-01")))[date(2025, 12, 29)]
    assert plain.amount == 3078
    kid = periods(run(tp_case("2025-12", "2025-12-01", children=(CHILD,))))[date(2025, 12, 29)]
    assert (kid.amount, kid.barnetillegg) == (3635, 557)
    # the periods on either side are pure 2025 and pure 2026
    by = periods(run(tp_case("2025-12", "2025-12-01")))
    assert by[date(2025, 12, 15)].amount == 2980 and by[date(2026, 1, 12)].amount == 3120


def test_barnetillegg_stops_at_16():
    """Barnetillegg for children under 16 (rule barnetillegg_max_age; the age limit is marked UNVERIFIED in the rule
    file, so this follows the rule file). A child born 11.03.2010 turns 16 on Wednesday 11.03.2026: 7 weekdays of
    the period from 02.03 get 312 + 56, 3 get 312 → 3512 (barnetillegg 392)."""
    p = periods(run(tp_case("2026-03", "2026-03-02", children=("2010-03-11",))))[date(2026, 3, 2)]
    assert (p.amount, p.barnetillegg) == (3512, 392)


def test_barnetillegg_false():
    p = periods(run(tp_case("2026-03", "2026-03-02", children=(CHILD,), barnetillegg=False)))[date(2026, 3, 2)]
    assert (p.amount, p.barnetillegg) == (3120, 0)


def test_days_per_period_limits_the_days():
    # vedtak with 8 days a meldeperiode: 8 × 312 = 2496 in every period
    by = periods(run(tp_case("2026-03", "2026-03-02", days_per_period=8)))
    assert {p.amount for p in by.values()} == {2496}
    # 3 days with a child: 3 × (312 + 56)
    kid = periods(run(tp_case("2026-03", "2026-03-02", days_per_period=3, children=(CHILD,))))[date(2026, 3, 2)]
    assert kid.amount == 3 * 368


def test_until_stops_it():
    """Right to Wednesday 01.04.2026: the period 30.03–12.04 pays 30.03, 31.03 and 01.04 = 3 × 312 = 936
    (fewer than days_per_period 8), and nothing later."""
    res = run(tp_case("2026-03", "2026-03-02", months=3, days_per_period=8, until="2026-04-01"))
    by = periods(res)
    assert by[date(2026, 3, 30)].amount == 936
    assert max(by) == date(2026, 3, 30)
    assert max(p.paid_on for p in tp_payments(res)) == date(2026, 4, 14)
    assert next(m for m in res.months if m.month == date(2026, 5, 1)).benefits["tiltakspenger"] == 0


def test_tax_free():
    """N-TP: «Tiltakspenger er en skattefri stønad»: nothing withheld, no taxable income."""
    res = run(tp_case("2026-03", "2026-03-02", months=3, children=(CHILD,)))
    assert tp_payments(res) and not any(p.taxable for p in tp_payments(res))
    for m in res.months:
        assert m.benefits["tiltakspenger"] > 0
        assert (m.taxable_income, m.tax_withheld) == (0, 0)
        assert m.disposable == sum(m.benefits.values())  # nothing withheld (barnetrygd, if modelled, is tax-free too)
    # March 2026: periods 16.02, 02.03 and 16.03 are paid 03.03, 17.03 and 31.03: 3 × 10 × (312 + 56)
    assert res.months[0].benefits["tiltakspenger"] == 3 * 3680
    assert all(y.taxable_income == 0 and y.tax_assessed == 0 for y in res.years)


def test_work_outside_the_measure_does_not_reduce_it():
    """N-TP-MK «kan du arbeide ubegrenset ved siden av tiltaket, uten at du får trekk i tiltakspengene»; TP-BREV
    «Lønn fra arbeid utenom tiltaksdeltakelsen har ikke betydning for din rett til tiltakspenger». Full-time work
    (37.5 h a week) leaves every period at 10 × 312; the result says that the model does not reduce it."""
    job = [{"from": "2026-03", "hours_per_week": 37.5, "hourly_wage": 250}]
    res = run(tp_case("2026-03", "2026-03-02", months=3, work=job))
    by = periods(res)
    assert {p.amount for p in by.values()} == {3120}
    assert by[date(2026, 3, 2)].hours == 75
    assert any("Tiltakspenger er ikke redusert for lønnet arbeid utenfor tiltaket" in n for n in res.notes)
    # the wages are taxed, the tiltakspenger are not
    april = next(m for m in res.months if m.month == date(2026, 4, 1))
    assert april.taxable_income == april.wages > 0 and april.benefits["tiltakspenger"] == 2 * 3120
    without = run(tp_case("2026-03", "2026-03-02", months=3))
    assert not any("Tiltakspenger" in n for n in without.notes)


@pytest.mark.parametrize(
    "other",
    [
        {"aap": {"basis_g": 4}},
        {"dagpenger": {"basis": 400000, "normal_hours_per_week": 37.5}},
        {"uforetrygd": {"degree": 50, "ifu": 400000, "full_benefit": 260320, "granted": "2020-01-01"}},
        {"kvalifiseringsstonad": {}},
    ],
    ids=["aap", "dagpenger", "uforetrygd", "kvalifiseringsstonad"],
)
def test_not_combined_with_other_livsopphold(other):
    """TP-BREV: «Deltakere som har rett til andre pengestøtter til livsopphold, har ikke samtidig rett til å få
    tiltakspenger» (tiltakspengeforskriften § 7 første ledd; KVP § 7 tredje ledd); TP-UFORE for uføretrygd."""
    data = tp_case("2026-03", "2026-03-02")
    data["client"]["benefits"].update(other)
    with pytest.raises(CaseError, match="tiltakspenger"):
        run(data)
