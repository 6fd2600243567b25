"""Uføretrygd: the yearly entitlement after income, paid monthly from the income NAV knows, settled a year later.

The rule in plain words (folketrygdloven §§ 12-9, 12-14 til 12-16; the year's figures — minimum IFU, bunnfradrag,
reduksjonsprosent, inntektstak, barnetillegg — in :mod:`benefit_calc.schemes.uforetrygd_year`; values in
``rules/no/uforetrygd.yaml``):

* Before income: uføretrygd a year = the full (100 %) benefit × uføregrad; it follows G (each month's G).
* NAV pays from the income the client has reported as expected. When the client reports a change, the new
  year's amount less what is already paid is spread over the rest of the year, from the month after the report,
  never above the unreduced monthly amount. Paid by the 20th of each month.
* A change with effect from 1 January that came into force later (``applied_late``: the minimum IFU of 3.5 G and
  the 70 % cap from July 2026, the 1 G fribeløp from October 2026) is used in the payments from that month on;
  the months before are paid by the old value. Then NAV pays what the months before paid too little at once
  ("etterbetalt i juli") or raises the rest of the year's payments, never above the unreduced amount, and leaves
  the rest to the etteroppgjør (the 1 G, OktBunnfradrag).
* Etteroppgjør: in the autumn of the next year NAV recomputes the year from the actual income (pensjonsgivende
  inntekt: wages and feriepenger) by the rules in effect, and pays out or claims the difference.

Which G the etteroppgjør uses for the fribeløp is not public: ``free_amount_g_reading`` chooses it, and the
result says in words which G it used and what the year's uføretrygd is with the others.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial
from typing import Mapping, Sequence

import attrs

from benefit_calc.core import calendar as cal
from benefit_calc.core.money import dec as _d, kroner as _kr
from benefit_calc.case.benefits import Uforetrygd
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.result.model import Settlement, Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes import paydays
from benefit_calc.schemes.context import Context, SchemeOutput
from benefit_calc.schemes.uforetrygd_year import (LATE, READINGS, ZERO, YearRules, entitlement, late_changes, 
                                                  months_of, pending_in, year_rules)
from benefit_calc.words import Text
from benefit_calc.words.formats import Month, Num
from benefit_calc.schemes.declare import Pays, Scheme

LAW = "Folketrygdloven §§ 12-14 til 12-16"
SCHEMES = ("uforetrygd", "barnetillegg_uforetrygd")


@attrs.frozen
class YearPaid:
    """What NAV pays in a year before rounding: each month's amount and the back pay paid with it, by scheme."""

    months: tuple[Mapping[str, Decimal], ...]
    back: tuple[Mapping[str, Decimal], ...]

    def total(self, scheme: str) -> Decimal:
        return sum((m[scheme] for m in self.months), ZERO) + sum((b[scheme] for b in self.back), ZERO)


def pay_year(rules: Ruleset, views: Sequence[YearRules], at_once: Sequence[bool], expected: Sequence[Decimal]) -> YearPaid:
    """Month i is paid by the rules ``views[i]`` from the year's income ``expected[i]``: the year's entitlement less
    what is paid already, spread over the months left, never above the month's unreduced amount. Where
    ``at_once[i]``, the months before are first paid again by ``views[i]`` and what they paid too little comes with
    month i (what they paid too much is left to the spreading and the etteroppgjør)."""
    paid = dict.fromkeys(SCHEMES, ZERO)
    cut = dict.fromkeys(SCHEMES, ZERO)
    months: list[Mapping[str, Decimal]] = []
    back: list[Mapping[str, Decimal]] = []
    for i, yr in enumerate(views):
        unreduced = dict(zip(SCHEMES, (yr.unreduced, yr.bt_unreduced)))
        extra = dict.fromkeys(SCHEMES, ZERO)
        if at_once[i] and i:
            again = pay_year(rules, [yr] * i, [False] * i, expected[:i])
            for s in SCHEMES:
                total = again.total(s)
                if total > paid[s]:
                    extra[s], paid[s], cut[s] = total - paid[s], total, sum(unreduced[s][:i], ZERO) - total
        target = dict(zip(SCHEMES, entitlement(rules, yr, expected[i])))
        month = {}
        for s in SCHEMES:
            u = unreduced[s]
            reduction_left = sum(u, ZERO) - target[s] - cut[s]
            month[s] = min(u[i], max(ZERO, u[i] - reduction_left / (12 - i)))
            paid[s] += month[s]
            cut[s] += u[i] - month[s]
        months.append(month)
        back.append(extra)
    return YearPaid(tuple(months), tuple(back))


def _back_pay_month(rules: Ruleset, month: date) -> bool:
    """Whether NAV paid the months before ``month`` again at once in it (``applied_late``: at_once)."""
    since, late = late_changes(rules, month)
    return any(way == "at_once" and month == date(since.year, m, 1) > since for m, way in late.values())


def report_month(ctx: Context, ut: Uforetrygd) -> date | None:
    """The month the client tells NAV the expected income (None: never)."""
    if ut.reports_income == "never":
        return None
    if isinstance(ut.reports_income, date):
        return ut.reports_income
    first_job = next((s.start for s in ctx.case.work if s.hours_per_week), None)
    return first_job


def _explain(rules: Ruleset, scheme: str, m: date, unreduced: Decimal, expected: Decimal, limit: Decimal,
             share: Decimal, late: bool) -> Explanation:
    """The month's amount; ``late``: paid by a rule of the day before a change (``applied_late``)."""
    names = ("grunnbelop.g", "uforetrygd.free_amount_g", "uforetrygd.free_amount_g_reading", "uforetrygd.min_ifu_g",
             "uforetrygd.reduction_share_cap", "uforetrygd.income_ceiling_share") + ((LATE,) if late else ())
    return Explanation.of(f"uforetrygd.{scheme}", LAW, tuple(used(rules, name, m) for name in names),
                          month=Month(m), unreduced=Num(_kr(unreduced)), expected=Num(_kr(expected)), year=m.year,
                          limit=Num(_kr(limit)), share=Num(float(share * 100), 2))


def _explain_back(rules: Ruleset, scheme: str, m: date) -> Explanation:
    return Explanation.of(f"uforetrygd_back_pay.{scheme}", LAW, (used(rules, LATE, m),),
                          first=Month(date(m.year, 1, 1)), last=Month(cal.add_months(m, -1)), year=m.year)


def _reading_warning(rules: Ruleset, yr: YearRules, actual: Decimal) -> Warning | None:
    """Which G the fribeløp used, and the year's uføretrygd with each reading (None when they agree)."""
    ut = {r: entitlement(rules, yr.with_reading(r), actual)[0] for r in READINGS}
    if max(ut.values()) - min(ut.values()) < 1:
        return None
    return Warning.of("uforetrygd_fribelop_g", date(yr.year, 1, 1), "Folketrygdloven § 12-14 (bunnfradrag)",
                      year=yr.year, used=Text(f"note.uforetrygd_g_reading.{yr.reading}"),
                      g_january=Num(_kr(yr.g_month[0])), g_month_weighted=Num(_kr(yr.g)), g_may=Num(_kr(yr.g_month[-1])),
                      **{f"ut_{r}": Num(_kr(v)) for r, v in ut.items()},
                      lower=Num(_kr(ut[yr.reading] - min(ut.values()))), higher=Num(_kr(max(ut.values()) - ut[yr.reading])))


def _late_note(rules: Ruleset, yr: YearRules, late: Sequence[bool], expected: Sequence[Decimal],
               year_paid: YearPaid) -> list[Text]:
    """A note when NAV's late use of a change (``applied_late``) made the year's payments differ."""
    if not any(late) or pay_year(rules, [yr] * 12, [False] * 12, expected) == year_paid:
        return []
    last = max(m for m, is_late in zip(months_of(yr.year), late) if is_late)
    return [Text("note.uforetrygd_applied_late", year=yr.year, month=Month(cal.add_months(last, 1)))]


def run(ctx: Context) -> SchemeOutput:
    """Uføretrygd and barnetillegg paid month by month, and the etteroppgjør of each simulated year."""
    ut = ctx.case.client.benefits.uforetrygd
    if ut is None:
        return SchemeOutput()
    rules = ctx.rules
    children = tuple(c.birth_date for c in ctx.case.household.children)
    partner = ctx.case.household.partner is not None
    reported = report_month(ctx, ut)
    payments: list[Payment] = []
    settlements: list[Settlement] = []
    warnings: list[Warning] = []
    notes: list[Text] = []
    day_no = int(rules.value("uforetrygd.payment_day", ctx.first_day))
    raised = False
    for year in range(ctx.first_day.year, ctx.last_day.year + 1):
        months = months_of(year)
        yr = year_rules(rules, ut, children, ctx.case.start, year, partner)
        views = [year_rules(rules, ut, children, ctx.case.start, year, partner, p) if p else yr
                 for p in (pending_in(rules, m) for m in months)]
        actual = _d(ctx.earned_in_year(year))
        expected = [actual if reported is not None and m > reported else ZERO for m in months]
        year_paid = pay_year(rules, views, [_back_pay_month(rules, m) for m in months], expected)
        late = [v is not yr and v != yr for v in views]  # months paid by a rule of the day before a change
        for i, m in enumerate(months):
            payday = paydays.monthly(rules, "uforetrygd", m, day_no)
            for scheme, unreduced in zip(SCHEMES, (views[i].unreduced, views[i].bt_unreduced)):
                kr = _kr(year_paid.months[i][scheme])
                if kr:
                    payments.append(ctx.pay(
                        scheme, payday, kr, m, cal.add_months(m, 1) - cal.ONE_DAY,
                        partial(_explain, rules, scheme, m, unreduced[i], expected[i], views[i].limit, views[i].share,
                                late[i])))
                back = _kr(year_paid.back[i][scheme])
                if back:
                    payments.append(ctx.pay(scheme, payday, back, months[0], m - cal.ONE_DAY,
                                            partial(_explain_back, rules, scheme, m)))
        owed = dict(zip(SCHEMES, entitlement(rules, yr, actual)))
        when = date(year + 1, int(rules.value("uforetrygd.etteroppgjor_month", date(year + 1, 1, 1))), 1)
        for scheme in SCHEMES:
            diff = _kr(owed[scheme] - year_paid.total(scheme))
            if diff:
                settlements.append(Settlement(scheme, year, diff, when, ctx.in_horizon(when)))
        shown = any(ctx.in_horizon(m) for m in months)
        if actual > yr.ceiling and shown:
            warnings.append(Warning.of("uforetrygd_income_ceiling", date(year, 1, 1), "Folketrygdloven §§ 12-10 og 12-14",
                                       year=year, income=Num(_kr(actual)), ceiling=Num(_kr(yr.ceiling))))
        claim = _kr(owed["uforetrygd"] - year_paid.total("uforetrygd"))
        if claim < 0 and ctx.in_horizon(when):
            warnings.append(Warning.of("uforetrygd_etteroppgjor", when, "Folketrygdloven § 12-14", year=year,
                                       month=Month(when), claim=Num(-claim), income=Num(_kr(actual))))
        if ctx.detail and shown:
            if not raised and yr.ifu - yr.ifu_given >= 1:
                raised = True
                warnings.append(Warning.of("uforetrygd_min_ifu", date(year, 1, 1), "Folketrygdloven § 12-9 andre ledd",
                                           year=year, given=Num(_kr(yr.ifu_given)), minimum=Num(_kr(yr.ifu)),
                                           ceiling=Num(_kr(yr.ceiling))))
            warnings.extend(w for w in (_reading_warning(rules, yr, actual),) if w is not None)
            notes.extend(_late_note(rules, yr, late, expected, year_paid))

    def without_work() -> int:
        yr = year_rules(rules, ut, children, ctx.case.start, ctx.first_day.year, partner)
        return _kr(sum(entitlement(rules, yr, ZERO), ZERO))

    if ctx.detail:  # notes only with the details (not in an hours sweep)
        if reported is None:
            notes.insert(0, Text("note.uforetrygd_not_reported"))
        else:
            notes.insert(0, Text("note.uforetrygd_reported", month=Month(reported)))
        used_g = year_rules(rules, ut, children, ctx.case.start, ctx.first_day.year, partner).reading
        notes.insert(1, Text("note.uforetrygd_g", used=Text(f"note.uforetrygd_g_reading.{used_g}")))
    # a year's warnings are dated January; a case starting later in the year shows them in its first month
    first = ctx.horizon[0]
    warnings = [attrs.evolve(w, month=first) if w.month is not None and w.month < first else w for w in warnings]
    return SchemeOutput(tuple(payments), (), tuple(warnings), tuple(settlements), tuple(notes), without_work)


SCHEME = Scheme("uforetrygd", run, (Pays("uforetrygd", True, "nav"), Pays("barnetillegg_uforetrygd", True, "nav")),
                order=40, input="uforetrygd", needs=("wages",),
                cliffs=(("uforetrygd", "uforetrygd.income_ceiling_share", "uforetrygd"),
                        ("barnetillegg_uforetrygd", "uforetrygd.barnetillegg_reduction_share", "barnetillegg_uforetrygd")))
