"""Uføretrygd: one calendar year's figures for one client, and the year's entitlement after income.

The rule in plain words (folketrygdloven §§ 12-9, 12-14, 12-15, 12-16; values in ``rules/no/uforetrygd.yaml``):

* Inntekt før uførhet (IFU) is never below the minimum of § 12-9 andre ledd (``min_ifu_g``): 3.5 G, and before
  2026 3.3 G for someone living with a spouse, partner or cohabitant. A lower IFU on the vedtak is raised for the
  year. IFU, IEU and the full benefit are held in G at the case's start and follow G.
* Bunnfradrag (inntektsgrense until 1 July 2026) = IEU + fribeløp. The fribeløp is 0.4 G a year, 1 G in VTA, and
  from 2026 1 G from the month two years after the uføretrygd was granted; a year with both is weighted by month.
  Which G turns it into kroner is not public: ``free_amount_g_reading`` (by default each month's own G).
* Reduksjonsprosent = the full benefit / IFU, to two decimals of a percent, at most 70 % from 2026 (§ 12-14
  andre ledd). Income above the bunnfradrag reduces the year's uføretrygd by it; with income above the
  inntektstak, 80 % of IFU, nothing is paid for the year (§ 12-14 tredje ledd; the right rests).
* Barnetillegg (særkullsbarn, § 12-15, § 12-16): 0.4 G a year per child under 18, less 50 % of the income
  (uføretrygd included) above 3.1 G (+0.4 G per extra child); uføretrygd and barnetillegg at most 95 % of IFU.

``pending`` gives the rules as NAV's monthly payments used them before a change came into force
(``applied_late``): for each parameter named there, the value of the day before the change.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Mapping

import attrs

from benefit_calc.core import calendar as cal
from benefit_calc.core.errors import RulesError
from benefit_calc.core.money import dec as _d
from benefit_calc.case.benefits import Uforetrygd
from benefit_calc.rules.load import Ruleset

FILE = "uforetrygd.yaml"
READING = "uforetrygd.free_amount_g_reading"
READINGS = ("january", "month_weighted", "may")  # the G of 1 January, each month's own G, the G from 1 May
LATE = "uforetrygd.applied_late"
HOW = ("at_once", "spread")
ZERO, TWELVE = Decimal(0), Decimal(12)

Pending = frozenset[tuple[str, date]]  # (parameter, the day whose value NAV's payments still used)


def months_of(year: int) -> list[date]:
    return [date(year, m, 1) for m in range(1, 13)]


@attrs.frozen
class YearRules:
    """A calendar year's figures for one client: G, limits, the reduksjonsprosent and the unreduced amounts."""

    year: int
    g: Decimal  # month-weighted G of the year
    g_month: tuple[Decimal, ...]  # each month's G
    unreduced: tuple[Decimal, ...]  # uføretrygd per month before income (12 months)
    bt_unreduced: tuple[Decimal, ...]  # barnetillegg per month before income
    children: int  # most children with barnetillegg in a month of the year
    limit: Decimal  # bunnfradrag: IEU + the fribeløp by the rules' reading of G
    share: Decimal  # reduksjonsprosent as a fraction
    ceiling: Decimal  # inntektstak (80 % of IFU)
    ifu: Decimal  # IFU in kroner at the month-weighted G, raised to the minimum
    free_g: Decimal  # fribeløp in G, weighted by month
    reading: str  # which G the fribeløp uses (READINGS)
    ieu: Decimal  # IEU in kroner at the month-weighted G
    free_kr: Mapping[str, Decimal]  # the fribeløp in kroner by each reading of G
    ifu_given: Decimal  # the IFU of the case in kroner at the month-weighted G, before the minimum

    def with_reading(self, reading: str) -> "YearRules":
        """The same year with the fribeløp in kroner by another reading of G."""
        return attrs.evolve(self, limit=self.ieu + self.free_kr[reading], reading=reading)


def late_changes(rules: Ruleset, day: date) -> tuple[date, dict[str, tuple[int, str]]]:
    """``applied_late`` in force on ``day``: its valid-from date and, per parameter, (paid_from_month, earlier_months)."""
    entry = rules.param(LATE).at(day)

    def make() -> dict[str, tuple[int, str]]:
        out: dict[str, tuple[int, str]] = {}
        for name, how in entry.value.items():
            key = f"applied_late.{name}"
            if f"uforetrygd.{name}" not in rules.parameters:
                raise RulesError(FILE, key, f"{name!r} is not a parameter of uforetrygd")
            month, way = (how.get("paid_from_month"), how.get("earlier_months")) if isinstance(how, Mapping) else (0, "")
            if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12 or way not in HOW:
                raise RulesError(FILE, key, "is {paid_from_month: a month 1–12, earlier_months: at_once or spread}")
            out[name] = (month, way)
        return out
    return entry.valid_from, rules.cached(("uforetrygd_late", entry.valid_from), make, shared=True)


def pending_in(rules: Ruleset, month: date) -> Pending:
    """The changes NAV's monthly payment for ``month`` did not use yet, each with the day whose value it used."""
    since, late = late_changes(rules, month)
    return frozenset((f"uforetrygd.{name}", since - cal.ONE_DAY) for name, (m, _) in late.items()
                     if month < date(since.year, m, 1))


def year_rules(rules: Ruleset, ut: Uforetrygd, children: tuple[date, ...], start: date, year: int,
               partner: bool = False, pending: Pending = frozenset()) -> YearRules:
    """The figures of ``year`` (see the module docstring); amounts held in G at ``start`` follow G."""
    return rules.cached(("uforetrygd_year", ut, children, start, year, partner, pending),  # type: ignore[no-any-return]
                        lambda: _year_rules(rules, ut, children, start, year, partner, pending))


def _year_rules(rules: Ruleset, ut: Uforetrygd, children: tuple[date, ...], start: date, year: int,
                partner: bool, pending: Pending) -> YearRules:
    before = dict(pending)

    def rule(name: str, day: date) -> object:
        return rules.value(name, before.get(name, day))

    g_start = _d(rules.value("grunnbelop.g", start))
    months = months_of(year)
    g_month = [_d(rules.value("grunnbelop.g", m)) for m in months]
    g = sum(g_month, ZERO) / TWELVE
    full_g, given_g, ieu_g = _d(ut.full_benefit) / g_start, _d(ut.ifu) / g_start, _d(ut.ieu or 0) / g_start
    minimum = rule("uforetrygd.min_ifu_g", months[0])
    ifu_g = max(given_g, _d(minimum["married" if partner else "single"]))  # type: ignore[index]
    degree = _d(ut.degree) / 100
    granted = ut.granted.replace(day=1)  # paid from the month it is granted from, not before
    unreduced = tuple(full_g * gm * degree / TWELVE if m >= granted else ZERO for m, gm in zip(months, g_month))
    free = [_free_in(rules, ut, m, rule) for m in months]
    free_g = sum(free, ZERO) / TWELVE
    free_kr = {"january": free_g * g_month[0], "may": free_g * g_month[-1],
               "month_weighted": sum((f * gm for f, gm in zip(free, g_month)), ZERO) / TWELVE}
    reading = str(rules.value(READING, months[0]))
    if reading not in free_kr:
        raise RulesError(FILE, "free_amount_g_reading", f"{reading!r} is not one of {', '.join(READINGS)}")
    cap = _d(rule("uforetrygd.reduction_share_cap", months[0]))
    share = min(cap, (full_g / ifu_g).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    ifu = ifu_g * g
    kids = []
    bt = []
    for m, gm in zip(months, g_month):
        n = 0
        if children and ut.barnetillegg is not False:  # no barnetillegg rule read without children
            n = cal.children_under(children, int(rules.value("uforetrygd.barnetillegg_max_age", m)), m)
        kids.append(n)
        bt.append(n * _d(rules.value("uforetrygd.barnetillegg_per_child_g", m)) * gm / TWELVE if n and m >= granted
                  else ZERO)
    ceiling = _d(rules.value("uforetrygd.income_ceiling_share", months[0])) * ifu
    return YearRules(year, g, tuple(g_month), unreduced, tuple(bt), max(kids), ieu_g * g + free_kr[reading], share,
                     ceiling, ifu, free_g, reading, ieu_g * g, free_kr, given_g * g)


def _free_in(rules: Ruleset, ut: Uforetrygd, m: date, rule: Callable[[str, date], object]) -> Decimal:
    """The fribeløp in G for month ``m``: 1 G in VTA; the higher one from the month two years after the grant."""
    if ut.vta:
        return _d(rules.value("uforetrygd.free_amount_vta_g", m))
    needed = rules.param("uforetrygd.months_for_higher_free_amount")
    enough = needed.values[0].valid_from <= m and cal.add_months(ut.granted.replace(day=1), int(needed.value(m))) <= m
    return _d(rule("uforetrygd.free_amount_after_two_years_g", m) if enough else rules.value("uforetrygd.free_amount_g", m))



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
