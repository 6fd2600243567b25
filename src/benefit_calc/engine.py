"""``simulate``: the case's situation and work plan → what lands in the account, month by month.

Order within the simulation (DESIGN §2): calendar → wages → period benefits (AAP) → tax withheld on each
payment → the year's assessment and its settlement the following year → month totals.

The engine simulates whole calendar years (from 1 January of the start year to 31 December of the last
simulated month's year) so that each year's tax assessment sees the whole year. Before the case's start the
client is assumed to be in the same situation as at the start, without work; the result says so in ``notes``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from operator import attrgetter
from datetime import date
from typing import Sequence

from . import plausibility, registry, zones
from . import calendar as cal
from . import tax as tax_mod
from .case import Case, WorkStep
from .errors import CaseError
from .payments import Payment
from .result import MonthRow, Result, Warning
from .rules import Ruleset
from .scheme import Context
from .wages import wage_payments
from .money import fmt
from .words import Text, has

BENEFITS = frozenset(registry.BENEFIT_PAYMENTS)
BY_DATE = attrgetter("paid_on", "scheme")  # payments in date order (scheme name breaks ties)


def PAIR_BY_DATE(pair: tuple[Payment, int]) -> tuple[date, str]:  # noqa: N802 — a key like BY_DATE
    return BY_DATE(pair[0])  # type: ignore[no-any-return]


def check_combinations(case: Case) -> None:
    """Refuse benefits the law does not pay together (or combinations this version does not model), naming them
    (the pairs are declared in the registry; why is ``combo.<a>_<b>`` in the word catalogue)."""
    have = set(case.client.benefits.names())
    for a, b in registry.EXCLUDED:
        if a in have and b in have:
            raise CaseError.of(f"client.benefits.{a}", "not_combinable", other=Text(f"field.client.benefits.{b}"),
                               why=Text(f"combo.{a}_{b}"))


def check_supported_period(rules: Ruleset, case: Case) -> None:
    """Refuse a case that starts outside the months the rules support (``ruleset.yaml`` ``supported``), naming ``start``."""
    if rules.supported is None:
        return
    first, last = rules.supported
    if not first <= case.start <= last:
        raise CaseError.of("start", "start_unsupported", month=f"{case.start:%Y-%m}", first=f"{first:%Y-%m}",
                           last=f"{last:%Y-%m}")


def _projected_warnings(rules: Ruleset, names: Sequence[str], months: Sequence[date]) -> list[Warning]:
    out = []
    for name in names:
        p = rules.param(name)
        first = next((m for m in months if p.is_projected(m)), None)
        if first is not None:
            last = p.at(first)
            label = f"param.{name.replace('.', '_')}"
            value = last.value if not isinstance(last.value, (int, float)) else fmt(last.value)
            out.append(Warning.of("projected_rule", first, p.references[0].title if p.references else "",
                                  month=f"{first:%m.%Y}", name=Text(label) if has(label) else name, value=value,
                                  valid_from=f"{last.valid_from:%d.%m.%Y}"))
    return out


def simulate(rules: Ruleset, case: Case, work: Sequence[WorkStep] | None = None, detail: bool = True) -> Result:
    """Simulate ``case`` (with ``work`` instead of the case's work plan, if given) under ``rules``.

    ``detail=False`` gives the amounts only (no meldeperiode rows, warnings or notes): what an hours sweep needs.
    """
    plan = tuple(case.work if work is None else work)
    check_supported_period(rules, case)
    first_day = date(case.start.year, 1, 1)
    last_month = cal.add_months(case.start, case.months - 1)
    last_day = date(last_month.year, 12, 31)
    horizon = [cal.add_months(case.start, i) for i in range(case.months)]
    notes: list[str] = []
    warnings: list[Warning] = []
    if detail and case.start > first_day:
        notes.append(Text("note.tax_year_before_start", year=case.start.year, start=f"{case.start:%m.%Y}"))
    if detail and last_month.month != 12:
        notes.append(Text("note.tax_year_continued", year=last_month.year))

    payments: list[Payment] = [p for p in wage_payments(rules, plan, first_day, last_day.replace(day=1))
                               if first_day <= p.paid_on <= last_day]

    hours_on = cal.DailyHours(plan, first_day, last_day)
    anchor = case.meldeperiode_start or cal.default_anchor(case.start)
    if detail and case.meldeperiode_start is None and registry.MELDEKORT & set(case.client.benefits.names()):
        notes.append(Text("note.meldeperiode_default", day=f"{anchor:%d.%m.%Y}"))
    check_combinations(case)
    zones.check_supported(rules, case)
    outputs = []
    months, earlier = tuple(horizon), tuple(payments)
    for scheme in registry.active(case):
        out = scheme.run(Context(rules, case, hours_on, first_day, last_day, months, anchor, earlier, detail))
        outputs.append(out)
        if out.payments:
            payments += out.payments
            earlier = tuple(payments)
        warnings += out.warnings
        notes += out.notes
    payments.sort(key=BY_DATE)
    card_income = tax_mod.card_incomes(payments, first_day.year, sum(o.without_work() for o in outputs))
    withheld = tax_mod.withhold(rules, case, payments, card_income)
    years, settlements = tax_mod.assess(rules, case, payments, withheld)
    settlements = [s for o in outputs for s in o.settlements] + settlements
    if detail:
        warnings += tax_mod.warnings(rules, case, years)
    for scheme in registry.active(case, registry.AFTER_TAX):  # needs net income: runs after withholding
        ctx = Context(rules, case, hours_on, first_day, last_day, months, anchor, tuple(payments), detail)
        out = scheme.run(ctx, withheld, settlements)
        warnings += out.warnings
        pairs = list(zip(payments, withheld))
        pairs += [(p, 0) for p in out.payments]  # tax-free: nothing withheld
        pairs.sort(key=PAIR_BY_DATE)  # two sorted runs: the sort merges them in one pass
        payments, withheld = [p for p, _ in pairs], [w for _, w in pairs]

    # month rows (only the case's horizon)
    rows = []
    dates = [p.paid_on for p in payments]  # in order: a month's payments are one slice
    settle_by_month: dict[date, int] = defaultdict(int)
    for s in settlements:
        settle_by_month[s.month] += s.amount
    shown = dict.fromkeys(registry.shown_payments(case), 0)
    partner = case.household.partner is not None
    hi = 0
    for m in horizon:
        lo = bisect_left(dates, m, hi)
        hi = bisect_left(dates, cal.add_months(m, 1), lo)
        wages = holiday = taxable = n_aap = 0
        tw = sum(withheld[lo:hi])
        benefits = dict(shown)
        for p in payments[lo:hi]:
            amount, scheme = p.amount, p.scheme
            if p.payer == "employer":
                wages += amount
                if scheme == "holiday_pay":
                    holiday += amount
            elif scheme in BENEFITS:
                benefits[scheme] = benefits.get(scheme, 0) + amount
            if p.taxable:
                taxable += amount
            if scheme == "aap":
                n_aap += 1
        st = settle_by_month.get(m, 0)
        rows.append(MonthRow(m, float(hours_on.in_month(m)), wages, holiday, benefits, taxable, tw, st,
                             wages + sum(benefits.values()) - tw + st, n_aap, tuple(range(lo, hi)),
                             tax_mod.partner_net(rules, case, m) if partner else 0))
    period_rows = tuple(sorted((r for o in outputs for r in o.periods), key=lambda r: (r.paid_on, r.benefit)))
    names = ["grunnbelop.g", "skatt.personfradrag"]
    if case.client.benefits.aap is not None:
        names.append("aap.barnetillegg_per_day")
    if detail:
        warnings = plausibility.warnings(rules, case, plan) + _projected_warnings(rules, names, horizon) + warnings
    else:
        period_rows, warnings, notes = (), [], []
    return Result(rules.stamp(), case.start, case.months, tuple(rows), period_rows, tuple(years),
                  tuple(settlements), tuple(warnings), tuple(notes), tuple(payments), tuple(withheld), anchor)
