"""Uføretrygd: the yearly entitlement after income, paid monthly from the income NAV knows, settled a year later.

The rule in plain words (folketrygdloven §§ 12-9, 12-14, 12-15, 12-16; values in ``rules/no/uforetrygd.yaml``):

* Before income: uføretrygd a year = the full (100 %) benefit × uføregrad; it follows G (each month's G).
* Income above the inntektsgrense / bunnfradrag — IEU + 0.4 G a year (1 G in VTA; from 2026 1 G after two
  years with uføretrygd) — reduces the year's uføretrygd by the reduksjonsprosent (kompensasjonsgrad): the full
  benefit / IFU, in percent with two decimals, at most 70 % from 2026. With income above 80 % of IFU nothing is
  paid for the year (the right rests, hvilende rett).
* NAV pays from the income the client has reported as expected. When the client reports a change, the new
  year's amount less what is already paid is spread over the rest of the year, from the month after the report,
  never above the unreduced monthly amount. Paid by the 20th of each month.
* Etteroppgjør: in the autumn of the next year NAV recomputes the year from the actual income (pensjonsgivende
  inntekt: wages and feriepenger) and pays out or claims the difference.
* Barnetillegg (særkullsbarn): 0.4 G a year per child under 18, less 50 % of the income (uføretrygd included)
  above 3.1 G (+0.4 G per extra child); uføretrygd and barnetillegg together at most 95 % of IFU.

Which G the yearly limits use is not public (NAV's Pesys): this model uses the month-weighted G of the year.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

import attrs

from benefit_calc.core import calendar as cal
from benefit_calc.core.money import dec as _d, fmt, kroner as _kr
from benefit_calc.case.benefits import Uforetrygd
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.result.model import Settlement, Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes import paydays
from benefit_calc.schemes.context import Context, SchemeOutput
from benefit_calc.words import Text

LAW = "Folketrygdloven §§ 12-14 til 12-16"
ZERO, ONE, TWELVE = Decimal(0), Decimal(1), Decimal(12)




def _months(year: int) -> list[date]:
    return [date(year, m, 1) for m in range(1, 13)]


@attrs.frozen
class YearRules:
    """A calendar year's figures for one client: G, limits, the reduksjonsprosent and the unreduced amounts."""

    year: int
    g: Decimal  # month-weighted G of the year
    unreduced: tuple[Decimal, ...]  # uføretrygd per month before income (12 months)
    bt_unreduced: tuple[Decimal, ...]  # barnetillegg per month before income
    children: int  # most children with barnetillegg in a month of the year
    limit: Decimal  # inntektsgrense / bunnfradrag
    share: Decimal  # reduksjonsprosent as a fraction
    ceiling: Decimal  # inntektstak (80 % of IFU)
    ifu: Decimal
    free_g: Decimal


def year_rules(rules: Ruleset, ut: Uforetrygd, children: tuple[date, ...], start: date, year: int) -> YearRules:
    """The figures of ``year`` (see the module docstring); amounts held in G at ``start`` follow G."""
    g_start = _d(rules.value("grunnbelop.g", start))
    months = _months(year)
    g_month = [_d(rules.value("grunnbelop.g", m)) for m in months]
    g = sum(g_month, ZERO) / TWELVE
    full_g, ifu_g, ieu_g = _d(ut.full_benefit) / g_start, _d(ut.ifu) / g_start, _d(ut.ieu or 0) / g_start
    degree = _d(ut.degree) / 100
    granted = ut.granted.replace(day=1)  # paid from the month it is granted from, not before
    unreduced = tuple(full_g * gm * degree / TWELVE if m >= granted else ZERO for m, gm in zip(months, g_month))
    # fribeløp: month-weighted (the higher one from the month two years after the grant, from 2026)
    free = []
    for m in months:
        if ut.vta:
            free.append(_d(rules.value("uforetrygd.free_amount_vta_g", m)))
            continue
        higher = _d(rules.value("uforetrygd.free_amount_after_two_years_g", m))
        needed = rules.param("uforetrygd.months_for_higher_free_amount")
        enough = needed.values[0].valid_from <= m and cal.add_months(ut.granted.replace(day=1), int(needed.value(m))) <= m
        free.append(higher if enough else _d(rules.value("uforetrygd.free_amount_g", m)))
    free_g = sum(free, ZERO) / TWELVE
    cap = _d(rules.value("uforetrygd.reduction_share_cap", months[0]))
    share = min(cap, (full_g / ifu_g).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    ifu = ifu_g * g
    kids = []
    bt = []
    for m, gm in zip(months, g_month):
        max_age = int(rules.value("uforetrygd.barnetillegg_max_age", m))
        n = cal.children_under(children, max_age, m) if ut.barnetillegg is not False else 0
        kids.append(n)
        bt.append(n * _d(rules.value("uforetrygd.barnetillegg_per_child_g", m)) * gm / TWELVE if m >= granted else ZERO)
    return YearRules(year, g, unreduced, tuple(bt), max(kids), (ieu_g + free_g) * g, share,
                     _d(rules.value("uforetrygd.income_ceiling_share", months[0])) * ifu, ifu, free_g)


def entitlement(rules: Ruleset, yr: YearRules, income: Decimal) -> tuple[Decimal, Decimal]:
    """(uføretrygd, barnetillegg) for the year with ``income`` of pensjonsgivende inntekt."""
    full = sum(yr.unreduced, ZERO)
    if income > yr.ceiling:
        ut = ZERO
    else:
        ut = max(ZERO, full - max(ZERO, income - yr.limit) * yr.share)
    bt_full = sum(yr.bt_unreduced, ZERO)
    if not bt_full:
        return ut, ZERO
    day = date(yr.year, 1, 1)
    free = (_d(rules.value("uforetrygd.barnetillegg_free_amount_g", day)) + max(0, yr.children - 1)
            * _d(rules.value("uforetrygd.barnetillegg_free_amount_extra_child_g", day))) * yr.g
    bt = max(ZERO, bt_full - _d(rules.value("uforetrygd.barnetillegg_reduction_share", day)) * max(ZERO, income + ut - free))
    cap = _d(rules.value("uforetrygd.barnetillegg_cap_share_of_ifu", day)) * yr.ifu - full
    return ut, min(bt, max(ZERO, cap))


def report_month(ctx: Context, ut: Uforetrygd) -> date | None:
    """The month the client tells NAV the expected income (None: never)."""
    if ut.reports_income == "never":
        return None
    if isinstance(ut.reports_income, date):
        return ut.reports_income
    first_job = next((s.start for s in ctx.case.work if s.hours_per_week), None)
    return first_job


def _explain(rules: Ruleset, scheme: str, m: date, unreduced: Decimal, expected: Decimal, limit: Decimal,
             share: Decimal) -> Explanation:
    return Explanation.of(f"uforetrygd.{scheme}", LAW,
                          (used(rules, "grunnbelop.g", m), used(rules, "uforetrygd.free_amount_g", m),
                           used(rules, "uforetrygd.reduction_share_cap", m),
                           used(rules, "uforetrygd.income_ceiling_share", m)),
                          month=f"{m:%m.%Y}", unreduced=fmt(_kr(unreduced)), expected=fmt(_kr(expected)), year=m.year,
                          limit=fmt(_kr(limit)), share=f"{share * 100:.2f}")


def run(ctx: Context) -> SchemeOutput:
    ut = ctx.case.client.benefits.uforetrygd
    if ut is None:
        return SchemeOutput()
    rules = ctx.rules
    children = tuple(c.birth_date for c in ctx.case.household.children)
    reported = report_month(ctx, ut)
    payments: list[Payment] = []
    settlements: list[Settlement] = []
    warnings: list[Warning] = []
    day_no = int(rules.value("uforetrygd.payment_day", ctx.first_day))
    for year in range(ctx.first_day.year, ctx.last_day.year + 1):
        yr = year_rules(rules, ut, children, ctx.case.start, year)
        actual = _d(ctx.earned_in_year(year))
        paid = {"uforetrygd": ZERO, "barnetillegg_uforetrygd": ZERO}  # before rounding each month to kroner
        cut = {"uforetrygd": ZERO, "barnetillegg_uforetrygd": ZERO}
        for i, m in enumerate(_months(year)):
            knows = reported is not None and (m > reported)
            expected = actual if knows else ZERO
            target = dict(zip(("uforetrygd", "barnetillegg_uforetrygd"), entitlement(rules, yr, expected)))
            for scheme, unreduced in (("uforetrygd", yr.unreduced), ("barnetillegg_uforetrygd", yr.bt_unreduced)):
                reduction_left = sum(unreduced, ZERO) - target[scheme] - cut[scheme]
                amount = min(unreduced[i], max(ZERO, unreduced[i] - reduction_left / (12 - i)))
                kr = _kr(amount)
                paid[scheme] += amount
                cut[scheme] += unreduced[i] - amount
                if kr:
                    payments.append(Payment(
                        scheme, paydays.monthly(rules, "uforetrygd", m, day_no), kr, True, "nav", m, cal.add_months(m, 1) - cal.ONE_DAY,
                        partial(_explain, rules, scheme, m, unreduced[i], expected, yr.limit, yr.share)))
        owed = dict(zip(("uforetrygd", "barnetillegg_uforetrygd"), entitlement(rules, yr, actual)))
        when = date(year + 1, int(rules.value("uforetrygd.etteroppgjor_month", date(year + 1, 1, 1))), 1)
        for scheme in ("uforetrygd", "barnetillegg_uforetrygd"):
            diff = _kr(owed[scheme] - paid[scheme])
            if diff:
                settlements.append(Settlement(scheme, year, diff, when, ctx.in_horizon(when)))
        if actual > yr.ceiling and any(ctx.in_horizon(m) for m in _months(year)):
            warnings.append(Warning.of("uforetrygd_income_ceiling", date(year, 1, 1), "Folketrygdloven §§ 12-10 og 12-14",
                                       year=year, income=fmt(_kr(actual)), ceiling=fmt(_kr(yr.ceiling))))
        claim = _kr(owed["uforetrygd"] - paid["uforetrygd"])
        if claim < 0 and ctx.in_horizon(when):
            warnings.append(Warning.of("uforetrygd_etteroppgjor", when, "Folketrygdloven § 12-14", year=year,
                                       month=f"{when:%m.%Y}", claim=fmt(-claim), income=fmt(_kr(actual))))

    def without_work() -> int:
        yr = year_rules(rules, ut, children, ctx.case.start, ctx.first_day.year)
        return _kr(sum(entitlement(rules, yr, ZERO), ZERO))

    notes = []
    if ctx.detail:  # notes only with the details (not in an hours sweep)
        if reported is None:
            notes.append(Text("note.uforetrygd_not_reported"))
        else:
            notes.append(Text("note.uforetrygd_reported", month=f"{reported:%m.%Y}"))
        notes.append(Text("note.uforetrygd_g"))
    return SchemeOutput(tuple(payments), (), tuple(warnings), tuple(settlements), tuple(notes), without_work)
