"""``simulate``: the case's situation and work plan → what lands in the account, month by month.

The simulation runs in named phases (docs/architecture.md §2), each a short function here: the schemes of the
wages and before-tax phases (:func:`_before_tax`), the tax phase — withholding on each payment, the year's
assessment and its settlement the following year (:func:`_tax`) —, the after-tax schemes (:func:`_after_tax`),
the month rows (:func:`_month_rows`) and, for a detailed run, the warnings and explanations (:func:`_detailed`).
Which schemes run, in which order, and which payments each may read come from the registry; the engine names
no scheme.

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
from benefit_calc.case.declare import inputs, key
from benefit_calc.case.model import Case, WorkStep
from benefit_calc.core.errors import CaseError
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.result.model import MonthRow, Result, Settlement, Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.rules.model import tracing
from benefit_calc.schemes.context import Context, SchemeOutput
from benefit_calc.schemes.declare import Scheme
from benefit_calc.words import Text
from benefit_calc.words.laws import legal_part
from benefit_calc.words.formats import Day, Month

NONE: frozenset[str] = frozenset()
# what each scheme may read: the payment kinds of the schemes it declares it needs (None: every payment)
VISIBLE: dict[str, frozenset[str] | None] = {
    s.id: None if set(registry.READS[s.id]) >= {t.id for t in registry.SCHEMES[:i]} else
    frozenset(k for t in registry.READS[s.id] for k in registry.BY_ID[t].payments) for i, s in enumerate(registry.SCHEMES)}
# where the month table puts each kind of payment: (its own column, in the wages as feriepenger, the index of the
# month statistic it is counted in or -1)
ROW_OF: dict[str, tuple[bool, bool, int]] = {
    k: (p.row == "benefits", p.row == "holiday_pay", registry.COUNTED.index(p.counted_in) if p.counted_in else -1)
    for k, p in registry.PAYS.items()}
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


def check_rule_dates(rules: Ruleset, case: Case) -> None:
    """Refuse a date of the case that reaches a rule before the rule's first value (the fields' declared
    ``reaches``), naming the field and the first day allowed — not a rules error from deep in a scheme."""
    for name in case.client.benefits.names():
        _check_dates(rules, getattr(case.client.benefits, name), f"client.benefits.{name}")


def _check_dates(rules: Ruleset, obj: Any, path: str) -> None:
    for a, i in inputs(type(obj)):
        value, where = getattr(obj, a.name), f"{path}.{key(a, i)}"
        if value is None:
            continue
        if i.of is not None:
            _check_dates(rules, value, where)
        for name, years in i.reaches:
            param = rules.parameters[name]
            first = param.values[0].valid_from
            earliest = date(first.year + years, 1, 1) if years else first
            if value < earliest:
                raise CaseError.of(where, "before_rules", value=Day(value), first=Day(earliest),
                                   rule=_Labels(dict(param.label)))


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
                  if not rules.param(n).register and rules.param(n).values[0].valid_from <= end)
    return attrs.evolve(e, used=e.used + extra)


@attrs.frozen
class _Frame:
    """The calendar of one run: the whole years simulated, the case's months, the hours worked each day."""

    plan: tuple[WorkStep, ...]
    first_day: date  # 1 January of the start year
    last_day: date  # 31 December of the last month's year
    horizon: tuple[date, ...]  # the case's months
    hours_on: cal.DailyHours
    anchor: date  # a Monday that starts one of the client's meldeperioder


class _Run:
    """One simulation's state: the rules, the case, its frame, and the parameters each scheme read (detailed runs)."""

    def __init__(self, rules: Ruleset, case: Case, frame: _Frame, detail: bool) -> None:
        self.rules, self.case, self.frame, self.detail = rules, case, frame, detail
        self.reads: dict[str, set[str]] = {}
        self.warnings: list[Warning] = []
        self.notes: list[str] = []
        self.ran: set[str] = set()  # the schemes that have run, whose payments are in the list given to the next

    def context(self, scheme: Scheme, payments: Sequence[Payment]) -> Context:
        """The context ``scheme`` runs in: it sees the payments of the schemes it needs, and pays as declared."""
        kinds, reads, f = VISIBLE[scheme.id], registry.READS[scheme.id], self.frame
        if not reads:
            earlier: tuple[Payment, ...] = ()
        elif kinds is None or self.ran <= reads:  # every payment so far is one it needs: no need to look
            earlier = tuple(payments)
        else:
            earlier = tuple(p for p in payments if p.scheme in kinds)
        self.ran.add(scheme.id)
        return Context(self.rules, self.case, f.hours_on, f.first_day, f.last_day, f.horizon, f.anchor, earlier,
                       self.detail, f.plan, scheme)

    def traced(self, part: str, work: Callable[[], Any]) -> Any:
        if not self.detail:
            return work()
        with tracing() as r:
            out = work()
        self.reads.setdefault(part, set()).update(r)
        return out

    def collect(self, out: SchemeOutput) -> None:
        self.warnings += out.warnings
        self.notes += out.notes


def _frame(case: Case, plan: tuple[WorkStep, ...]) -> _Frame:
    first_day = date(case.start.year, 1, 1)
    last_month = cal.add_months(case.start, case.months - 1)
    last_day = date(last_month.year, 12, 31)
    horizon = tuple(cal.add_months(case.start, i) for i in range(case.months))
    return _Frame(plan, first_day, last_day, horizon, cal.DailyHours(plan, first_day, last_day),
                  case.meldeperiode_start or cal.default_anchor(case.start))


def _framing_notes(case: Case, frame: _Frame) -> list[str]:
    """What the result assumes about the calendar: the tax year before the start and after the last month, and the
    meldeperioder when the case does not give them."""
    notes: list[str] = []
    if case.start > frame.first_day:
        notes.append(Text("note.tax_year_before_start", year=case.start.year, start=Month(case.start)))
    if frame.horizon[-1].month != 12:
        notes.append(Text("note.tax_year_continued", year=frame.horizon[-1].year))
    if case.meldeperiode_start is None and registry.MELDEKORT & set(case.client.benefits.names()):
        notes.append(Text("note.meldeperiode_default", day=Day(frame.anchor)))
    return notes


def _before_tax(run: _Run) -> tuple[list[Payment], list[SchemeOutput]]:
    """The wages and every before-tax scheme the case has, in the registry's order; the payments in date order."""
    payments: list[Payment] = []
    outputs = []
    for scheme in registry.active(run.case, registry.WAGES) + registry.active(run.case, registry.BEFORE_TAX):
        ctx = run.context(scheme, payments)
        out = run.traced(scheme.id, lambda: scheme.run(ctx))
        outputs.append(out)
        payments += out.payments
        run.collect(out)
    payments.sort(key=BY_DATE)
    return payments, outputs


def _after_tax(run: _Run, payments: list[Payment], withheld: list[int], settlements: Sequence[Settlement]
               ) -> tuple[list[Payment], list[int]]:
    """The schemes that need the net income (sosialhjelp), their tax-free payments merged in date order."""
    for scheme in registry.active(run.case, registry.AFTER_TAX):
        ctx = run.context(scheme, payments)
        out = run.traced(scheme.id, lambda: scheme.run(ctx, withheld, settlements))
        run.collect(out)
        pairs = list(zip(payments, withheld)) + [(p, 0) for p in out.payments]  # tax-free: nothing withheld
        pairs.sort(key=PAIR_BY_DATE)  # two sorted runs: the sort merges them in one pass
        payments, withheld = [p for p, _ in pairs], [w for _, w in pairs]
    return payments, withheld


def _month_rows(case: Case, frame: _Frame, payments: Sequence[Payment], withheld: Sequence[int],
                settlements: Sequence[Settlement], partner_net: dict[date, int]) -> list[MonthRow]:
    """One row per month of the case: each payment in the part of the row its declaration names."""
    rows = []
    dates = [p.paid_on for p in payments]  # in order: a month's payments are one slice
    settle_by_month: dict[date, int] = defaultdict(int)
    for s in settlements:
        settle_by_month[s.month] += s.amount
    shown = dict.fromkeys(registry.shown_payments(case), 0)
    row_of, counted_names, hi = ROW_OF, registry.COUNTED, 0
    for m in frame.horizon:
        lo = bisect_left(dates, m, hi)
        hi = bisect_left(dates, cal.add_months(m, 1), lo)
        wages = holiday = taxable = 0
        counts = [0] * len(counted_names)
        benefits = dict(shown)
        for p in payments[lo:hi]:
            amount, kind = p.amount, p.scheme
            own_column, feriepenger, counted = row_of[kind]
            if own_column:
                benefits[kind] = benefits.get(kind, 0) + amount
            else:
                wages += amount
                if feriepenger:
                    holiday += amount
            if p.taxable:
                taxable += amount
            if counted >= 0:
                counts[counted] += 1
        tw, st = sum(withheld[lo:hi]), settle_by_month.get(m, 0)
        rows.append(MonthRow(month=m, hours=float(frame.hours_on.in_month(m)), wages=wages, holiday_pay=holiday,
                             benefits=benefits, taxable_income=taxable, tax_withheld=tw, settlements=st,
                             disposable=wages + sum(benefits.values()) - tw + st, payment_index=tuple(range(lo, hi)),
                             partner_net=partner_net.get(m, 0), **dict(zip(counted_names, counts))))
    return rows


def _detailed(run: _Run, plan: Sequence[WorkStep], payments: list[Payment]) -> list[Payment]:
    """A detailed run's last step: the warnings in order (plausibility, rule values not set yet, the schemes') and
    each payment's explanation with every parameter its scheme read."""
    rules, horizon = run.rules, run.frame.horizon
    everything = frozenset().union(*run.reads.values())
    projected = rules.cached(("projected", everything, horizon),  # the same reads give the same words
                             lambda: tuple(_projected_warnings(rules, set(everything), horizon)), shared=True)
    run.warnings = plausibility.warnings(rules, run.case, plan) + list(projected) + run.warnings
    names = {part: frozenset(r) for part, r in run.reads.items()}
    return [p.explained_by(partial(_explained, p.explanation, rules, names.get(registry.PART_OF[p.scheme], NONE),
                                   p.earned_to)) for p in payments]


def simulate(rules: Ruleset, case: Case, work: Sequence[WorkStep] | None = None, detail: bool = True) -> Result:
    """Simulate ``case`` (with ``work`` instead of the case's work plan, if given) under ``rules``.

    ``detail=False`` gives the amounts only (no meldeperiode rows, warnings or notes): what an hours sweep needs.
    """
    plan = tuple(case.work if work is None else work)
    check_supported_period(rules, case)
    check_rule_dates(rules, case)
    check_combinations(case)
    zones.check_supported(rules, case)
    frame = _frame(case, plan)
    run = _Run(rules, case, frame, detail)
    payments, outputs = _before_tax(run)
    tax_ctx = run.context(registry.TAX_SCHEME, payments)
    tax = run.traced(registry.TAX_SCHEME.id, lambda: registry.TAX_SCHEME.run(tax_ctx, outputs))
    run.warnings += tax.warnings
    settlements = [s for o in outputs for s in o.settlements] + tax.settlements  # NAV's etteroppgjør, then tax
    payments, withheld = _after_tax(run, payments, tax.withheld, settlements)
    rows = _month_rows(case, frame, payments, withheld, settlements, tax.partner_net)
    period_rows = tuple(sorted((r for o in outputs for r in o.periods), key=lambda r: (r.paid_on, r.benefit)))
    if detail:
        payments = _detailed(run, plan, payments)
        notes = _framing_notes(case, frame) + run.notes
    else:
        period_rows, run.warnings, notes = (), [], []
    return Result(ruleset=rules.stamp(), start=case.start, months_count=case.months, months=tuple(rows),
                  periods=period_rows, years=tuple(tax.years), settlements=tuple(settlements),
                  warnings=tuple(run.warnings), notes=tuple(notes), payments=tuple(payments), withheld=tuple(withheld),
                  meldeperiode_start=frame.anchor)
