"""``simulate``: the case's situation and work plan → what lands in the account, month by month.

Order within the simulation (docs/architecture.md §2): calendar → wages → period benefits (AAP) → tax withheld on each
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
from functools import partial
from typing import Any, Callable, Sequence

import attrs

from benefit_calc.schemes import plausibility
from benefit_calc.engine import registry
from benefit_calc.schemes import zones
from benefit_calc.core import calendar as cal
from benefit_calc.schemes import tax as tax_mod
from benefit_calc.case.model import Case, WorkStep
from benefit_calc.core.errors import CaseError
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.result.model import MonthRow, Result, Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.rules.model import tracing
from benefit_calc.schemes.context import Context
from benefit_calc.schemes.wages import wage_payments
from benefit_calc.words import Text
from benefit_calc.words.laws import legal_part
from benefit_calc.words.formats import Day, Month

BENEFITS = frozenset(registry.BENEFIT_PAYMENTS)
PART_OF = {pay: s.id for s in registry.SCHEMES for pay in s.payments}  # payment kind → the scheme that read for it
NONE: frozenset[str] = frozenset()
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


def _projected_warnings(rules: Ruleset, reads: set[str], months: Sequence[date]) -> list[Warning]:
    """One warning per rule file whose values used in the case's months are not set yet (projected): every
    parameter the simulation read, not a chosen few. The rules are named in words (their labels)."""
    found: dict[tuple[date, str], list[str]] = {}  # (first month, rule file) → parameters
    for name in sorted(reads):
        p = rules.param(name)
        day = p.first_projected(months)
        if day is not None:
            found.setdefault((day, name.split(".", 1)[0]), []).append(name)
    out = []
    for (day, _), names in sorted(found.items()):
        params = [rules.param(n) for n in names]
        labels = {lang: ", ".join(p.label_in(lang) for p in params) for lang in ("nb", "nn", "en")}
        source = params[0].references[0].title if params[0].references else ""
        out.append(Warning.of("projected_rule", day, legal_part(source),  # the law, not NAV's code or a web page
                              month=Month(day), name=_Labels(labels)))
    return out


class _Labels(Text):
    """A list of parameter labels that is already in each language (see :class:`benefit_calc.words.Text`)."""

    def __new__(cls, labels: dict[str, str]) -> "_Labels":
        self = str.__new__(cls, labels["nb"])
        self.key, self.args, self.labels = "", {}, labels
        return self

    def in_(self, lang: str = "nb") -> str:
        return self.labels.get(lang, self.labels["nb"])

    def __reduce__(self) -> Any:
        return (_Labels, (self.labels,))


def _explained(explanation: Any, rules: Ruleset, names: frozenset[str], end: date) -> Explanation:
    """The payment's explanation with every parameter its scheme read (the value in force at the end of the earning
    period), after the ones the scheme named itself."""
    e = explanation if isinstance(explanation, Explanation) else explanation()
    have = {u.name for u in e.used}
    extra = tuple(used(rules, n, end) for n in sorted(names - have)
                  if not n.startswith("kommunenummer.") and rules.param(n).values[0].valid_from <= end)
    return attrs.evolve(e, used=e.used + extra)


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
        notes.append(Text("note.tax_year_before_start", year=case.start.year, start=Month(case.start)))
    if detail and last_month.month != 12:
        notes.append(Text("note.tax_year_continued", year=last_month.year))

    reads: dict[str, set[str]] = {}  # the parameters each part read (detailed runs only)

    def traced(part: str, work: Callable[[], Any]) -> Any:
        if not detail:
            return work()
        with tracing() as r:
            out = work()
        reads.setdefault(part, set()).update(r)
        return out

    payments: list[Payment] = [p for p in traced("lonn", lambda: wage_payments(rules, plan, first_day,
                                                                               last_day.replace(day=1)))
                               if first_day <= p.paid_on <= last_day]

    hours_on = cal.DailyHours(plan, first_day, last_day)
    anchor = case.meldeperiode_start or cal.default_anchor(case.start)
    if detail and case.meldeperiode_start is None and registry.MELDEKORT & set(case.client.benefits.names()):
        notes.append(Text("note.meldeperiode_default", day=Day(anchor)))
    check_combinations(case)
    zones.check_supported(rules, case)
    outputs = []
    months, earlier = tuple(horizon), tuple(payments)
    for scheme in registry.active(case):
        ctx = Context(rules, case, hours_on, first_day, last_day, months, anchor, earlier, detail)
        out = traced(scheme.id, lambda: scheme.run(ctx))
        outputs.append(out)
        if out.payments:
            payments += out.payments
            earlier = tuple(payments)
        warnings += out.warnings
        notes += out.notes
    payments.sort(key=BY_DATE)
    card_income = tax_mod.card_incomes(payments, first_day.year, sum(o.without_work() for o in outputs))
    withheld = traced("skatt", lambda: tax_mod.withhold(rules, case, payments, card_income))
    years, settlements = traced("skatt", lambda: tax_mod.assess(rules, case, payments, withheld))
    settlements = [s for o in outputs for s in o.settlements] + settlements
    if detail:
        warnings += traced("skatt", lambda: tax_mod.warnings(rules, case, years))
    for scheme in registry.active(case, registry.AFTER_TAX):  # needs net income: runs after withholding
        ctx = Context(rules, case, hours_on, first_day, last_day, months, anchor, tuple(payments), detail)
        out = traced(scheme.id, lambda: scheme.run(ctx, withheld, settlements))
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
        rows.append(MonthRow(month=m, hours=float(hours_on.in_month(m)), wages=wages, holiday_pay=holiday,
                             benefits=benefits, taxable_income=taxable, tax_withheld=tw, settlements=st,
                             disposable=wages + sum(benefits.values()) - tw + st, aap_payments=n_aap,
                             payment_index=tuple(range(lo, hi)),
                             partner_net=tax_mod.partner_net(rules, case, m) if partner else 0))
    period_rows = tuple(sorted((r for o in outputs for r in o.periods), key=lambda r: (r.paid_on, r.benefit)))
    if detail:
        everything = frozenset().union(*reads.values())
        projected = rules.cached(("projected", everything, tuple(horizon)),  # the same reads give the same words
                                 lambda: tuple(_projected_warnings(rules, set(everything), horizon)), shared=True)
        warnings = plausibility.warnings(rules, case, plan) + list(projected) + warnings
        names = {part: frozenset(r) for part, r in reads.items()}
        new = tuple.__new__
        payments = [new(Payment, (*p[:7], partial(_explained, p[7], rules, names.get(PART_OF.get(p[0], "lonn"), NONE),
                                                  p[6]), p[8])) for p in payments]
    else:
        period_rows, warnings, notes = (), [], []
    return Result(ruleset=rules.stamp(), start=case.start, months_count=case.months, months=tuple(rows),
                  periods=period_rows, years=tuple(years), settlements=tuple(settlements), warnings=tuple(warnings),
                  notes=tuple(notes), payments=tuple(payments), withheld=tuple(withheld), meldeperiode_start=anchor)
