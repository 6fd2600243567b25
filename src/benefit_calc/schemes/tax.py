"""Income tax (skatt): withholding on each payment and the year's assessment, with the settlement the year after;
its rule file is ``rules/no/skatt.yaml``.

The rule in plain words (skatteloven §§ 6-32, 15-4; folketrygdloven § 23-3; skattebetalingsloven kap. 5;
Stortingets skattevedtak — rates by year in ``rules/no/skatt.yaml``):

* Assessment (one person, wages and wage-like benefits such as AAP, no other deductions): minstefradrag 46 % of
  the income up to its maximum; 22 % tax on the income less minstefradrag and personfradrag; trinnskatt on the
  gross income by brackets; trygdeavgift at the wage rate, but nothing up to the lower limit and at most 25 % of
  the income above it. Each part is rounded to whole kroner.
* Withholding by table (tabelltrekk) is Skatteetaten's own routine, in :mod:`benefit_calc.tax_table`; here is
  which payer uses it, and the June and December rules.
* Only one payer may use the table; other payers withhold a percentage. A frikort means no withholding up to
  its limit, then 50 % of the excess.
* The difference between the tax assessed for a year and the tax withheld is refunded or charged (restskatt)
  the following year.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Sequence

import attrs

from benefit_calc.case.model import Case
from benefit_calc.core.money import dec as _d, kroner as _kr
from benefit_calc.result.payments import Payment
from benefit_calc.result.model import Settlement, Warning, YearRow
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes.context import Context, SchemeOutput
from benefit_calc.schemes.declare import EVERYTHING, TAX, Scheme
from benefit_calc.schemes.tax_table import jround, table_deduction, table_withholding, trinnskatt  # noqa: F401 (re-exported)
from benefit_calc.schemes.zones import in_tiltakssone
from benefit_calc.words.formats import Num

LAW = "Skatteloven §§ 6-32 og 15-4; folketrygdloven § 23-3; skattebetalingsloven kap. 5"


@attrs.frozen
class Assessment:
    income: int
    minstefradrag: int
    alminnelig_inntekt: int
    alminnelig_tax: int
    trinnskatt: int
    trygdeavgift: int

    @property
    def total(self) -> int:
        return self.alminnelig_tax + self.trinnskatt + self.trygdeavgift


def assess_income(rules: Ruleset, year: int, income: int, finnmark: bool = False) -> Assessment:
    """The year's tax on ``income`` of wages and wage-like benefits (see the module docstring).

    In the tiltakssone (``finnmark``) the finnmarksfradrag is added to the personfradrag, fellesskatt is lower,
    and in 2023 trinn 3 was lower too (skatteloven § 15-5; Stortingets skattevedtak).
    """
    return rules.cached(("assess", year, income, finnmark), lambda: _assess_income(rules, year, income, finnmark))  # type: ignore[no-any-return]


def _assess_income(rules: Ruleset, year: int, income: int, finnmark: bool) -> Assessment:
    day = date(year, 1, 1)
    v = lambda name: rules.value(f"skatt.{name}", day)  # noqa: E731
    p = _d(income)
    mf = min(_kr(p * _d(v("minstefradrag_rate"))), int(v("minstefradrag_max")))
    fradrag = int(v("personfradrag")) + (int(v("finnmarksfradrag")) if finnmark else 0)
    alminnelig = max(0, income - mf - fradrag)
    rate = _d(v("skattore")) + _d(v("fellesskatt_finnmark") if finnmark else v("fellesskatt"))
    brackets = v("trinnskatt")
    if finnmark and len(brackets) > 2 and v("trinnskatt_step3_finnmark_reduction"):
        b3 = brackets[2]
        brackets = (*brackets[:2], attrs.evolve(b3, rate=_d(b3.rate) - _d(v("trinnskatt_step3_finnmark_reduction"))),
                    *brackets[3:])
    trinn = _kr(sum(((_d(min(income, brackets[i + 1].threshold) if i + 1 < len(brackets) else income) - _d(b.threshold))
                     * _d(b.rate) for i, b in enumerate(brackets) if income > b.threshold), Decimal(0)))
    limit = int(v("trygdeavgift_lower_limit"))
    trygd = 0 if income <= limit else min(_kr(p * _d(v("trygdeavgift_rate"))),
                                          _kr((p - limit) * _d(v("trygdeavgift_phase_in"))))
    return Assessment(income, mf, alminnelig, _kr(_d(alminnelig) * rate), trinn, trygd)


# ------------------------------------------------------------------------------------------ tables


# ------------------------------------------------------------------------------------------ per payment


def _payer_modes(case: Case, payments: Sequence[Payment]) -> tuple[str, str]:
    """(mode for the benefit's payer, mode for the employer): each "table" or "percent". By default NAV (or the
    municipality, for kvalifiseringsstønad) has the table card when it pays the client a taxable benefit, the employer
    otherwise."""
    has_nav = any(p.taxable and p.payer in ("nav", "kommune") for p in payments)
    mode = case.tax.withholding or ("table_on_benefits" if has_nav else "table_on_wages")
    return ("table", "percent") if mode == "table_on_benefits" else ("percent", "table")


def card_percent(rules: Ruleset, case: Case, year: int, card_income: int) -> float:
    """The percentage on the tax card: as given, else the tax on ``card_income`` in whole percent, rounded up.

    ``card_income`` is the income the card was made from: the first year, the income without work (the card the
    client has when the job starts); later years, the previous year's taxable income.
    """
    if case.tax.percent is not None:
        return float(case.tax.percent)
    if card_income <= 0:
        return 0.0
    finnmark = in_tiltakssone(rules, case.household.municipality, date(year, 1, 1))
    return float(math.ceil(assess_income(rules, year, card_income, finnmark).total * 100 / card_income))


def default_table(rules: Ruleset, case: Case, year: int, card_income: int) -> int:
    """The table assumed when the case gives none: the plain table, or in the tiltakssone the ordinary table whose
    extra deduction gives about the same tax as the zone's rules on the income the card was made from (rounded
    down to the table step, so a little too much is withheld rather than too little). An assumption: Skatteetaten
    sets the table from what it knows; the client's own tax card wins."""
    day = date(year, 1, 1)
    base = int(rules.value("skatt.default_table", day))
    if not in_tiltakssone(rules, case.household.municipality, day):
        return base
    ordinary = assess_income(rules, year, card_income).total
    zone = assess_income(rules, year, card_income, True).total
    rate = _d(rules.value("skatt.skattore", day)) + _d(rules.value("skatt.fellesskatt", day))
    extra = max(_d(rules.value("skatt.finnmarksfradrag", day)), (_d(ordinary - zone)) / rate if rate else Decimal(0))
    for dv in reversed(rules.param("skatt.table_numbering").values):
        if dv.valid_from <= day:
            n = dv.value
            steps = min(int(extra // int(n["amount_step"])), (int(n["deduction_last"]) - int(n["base"])) // int(n["number_step"]))
            return int(n["base"]) + steps * int(n["number_step"]) if steps > 0 else base
    return base


def card_incomes(payments: Sequence[Payment], first_year: int, income_without_work: int) -> dict[int, int]:
    """Income each year's tax card is assumed made from (see :func:`card_percent`)."""
    by_year: dict[int, int] = defaultdict(int)
    for p in payments:
        if p.taxable:
            by_year[p.paid_on.year] += p.amount
    last = max(by_year, default=first_year)
    return {first_year: income_without_work, **{y: by_year.get(y - 1, 0) for y in range(first_year + 1, last + 1)}}


_SPECIAL_MONTHS = {6: "june", 12: "december"}


def withhold(rules: Ruleset, case: Case, payments: Sequence[Payment], card_income: dict[int, int]) -> list[int]:
    """Tax withheld on each payment (same order as ``payments``, which are in date order)."""
    nav_mode, employer_mode = _payer_modes(case, payments)
    holiday_months = {(p.payer, p.paid_on.year, p.paid_on.month) for p in payments if p.scheme == "holiday_pay"}
    count_in_month: dict[tuple[str, int, int], int] = defaultdict(int)
    paid_so_far: dict[int, int] = defaultdict(int)
    table_cache: dict[tuple[int, int, str, int], int] = {}  # tax rules are yearly: same amount, same trekk
    percents: dict[int, float] = {}
    tables: dict[int, int] = {}
    yearly: dict[tuple[str, int], object] = {}

    def rule(name: str, year: int) -> object:  # every withholding rule here is set per calendar year
        key = (name, year)
        if key not in yearly:
            yearly[key] = rules.value(f"skatt.{name}", date(year, 1, 1))
        return yearly[key]

    out = []
    frikort, own_table = case.tax.frikort, case.tax.table
    for p in payments:
        if not p.taxable:
            out.append(0)
            continue
        day = p.paid_on
        year = day.year
        if frikort:
            limit = int(rule("frikort_limit", year))  # type: ignore[call-overload]
            before = paid_so_far[year]
            paid_so_far[year] += p.amount
            over = max(0, paid_so_far[year] - max(limit, before))
            out.append(jround(over * float(rule("frikort_excess_rate", year))))  # type: ignore[arg-type]
            continue
        if (employer_mode if p.payer == "employer" else nav_mode) == "percent":
            percent = percents.get(year)
            if percent is None:
                percent = percents[year] = card_percent(rules, case, year, card_income.get(year, 0))
            out.append(jround(p.amount * percent / 100))
            continue
        month_name = _SPECIAL_MONTHS.get(day.month)
        if month_name:  # only June and December count payments
            count_in_month[(p.scheme, year, day.month)] += 1
        table = own_table or tables.get(year)
        if table is None:
            table = tables[year] = default_table(rules, case, year, card_income.get(year, 0))
        period = "14-day" if p.frequency == "14-day" else "monthly"
        cache_key = (table, p.amount, period, year)
        trekk = table_cache.get(cache_key)
        if trekk is None:  # the same amount on the same table in the same year: the same trekk, in any run
            # shared: a cell of Skatteetaten's public withholding table (table, amount, period, year), nothing
            # that tells whose payment it was; it outlives a server's request as the published table would
            trekk = table_cache[cache_key] = rules.cached(
                ("trekk", *cache_key), lambda: table_withholding(rules, table, p.amount, period, day), shared=True)
        if month_name:  # June and December have their own rules; other months take the table as it is
            special = rule("withholding_calendar", year).get(p.scheme) if p.payer != "employer" else None  # type: ignore[attr-defined]
            if special is not None and f"{month_name}_free_payments" in special:
                if count_in_month[(p.scheme, year, day.month)] <= int(special[f"{month_name}_free_payments"]):
                    trekk = 0
            elif special is not None:
                trekk = jround(trekk * float(special[f"{month_name}_share"]))
            elif (p.payer, year, 6) in holiday_months and day.month == 6:
                trekk = 0  # the holiday-pay month is trekkfri on the table
            elif day.month == 12:
                trekk = jround(trekk * float(rule("december_table_share", year)))  # type: ignore[arg-type]
        out.append(trekk)
    return out


def assess(rules: Ruleset, case: Case, payments: Sequence[Payment], withheld: Sequence[int]
           ) -> tuple[list[YearRow], list[Settlement]]:
    """Each calendar year's assessment and the settlement it brings the year after."""
    income: dict[int, int] = defaultdict(int)
    taken: dict[int, int] = defaultdict(int)
    for p, w in zip(payments, withheld):
        if p.taxable:
            y = p.paid_on.year
            income[y] += p.amount
            taken[y] += w
    years, settlements = [], []
    end = case.end
    for year in range(case.start.year, (end.year if end.month > 1 else end.year - 1) + 1):
        a = assess_income(rules, year, income[year], in_tiltakssone(rules, case.household.municipality, date(year, 1, 1)))
        diff = taken[year] - a.total
        day = date(year + 1, 1, 1)
        if abs(diff) < int(rules.value("skatt.settlement_minimum", day)):
            diff = 0
        years.append(YearRow(year, income[year], a.total, taken[year], diff,
                             {"minstefradrag": a.minstefradrag, "alminnelig_inntekt": a.alminnelig_inntekt,
                              "skatt_alminnelig_inntekt": a.alminnelig_tax, "trinnskatt": a.trinnskatt,
                              "trygdeavgift": a.trygdeavgift}))
        if diff > 0:
            month = date(year + 1, int(rules.value("skatt.settlement_refund_month", day)), 1)
            settlements.append(Settlement("skatt", year, diff, month, case.start <= month < end))
        elif diff < 0:
            months = [int(m) for m in rules.value("skatt.settlement_restskatt_months", day)]
            share, rest = divmod(-diff, len(months))
            for i, m in enumerate(months):
                month = date(year + 1, m, 1)
                amount = share + (rest if i == 0 else 0)
                settlements.append(Settlement("skatt", year, -amount, month, case.start <= month < end))
    return years, settlements


def partner_net(rules: Ruleset, case: Case, month: date) -> int:
    """The partner's income after withholding on the ordinary monthly table (an estimate: the partner's own
    settlement, June/December rules and tax card are not modelled)."""
    partner = case.household.partner
    if partner is None:
        return 0

    def make() -> int:
        gross = int(partner.income_per_month or 0)
        table = int(rules.value("skatt.default_table", month))
        return gross - table_withholding(rules, table, gross, "monthly", month) + int(partner.tax_free_per_month or 0)
    return rules.cached(("partner_net", partner, month), make)  # type: ignore[no-any-return]


def warnings(rules: Ruleset, case: Case, years: Sequence[YearRow]) -> list[Warning]:
    return [_restskatt(y.year, -y.settlement) for y in years if y.settlement < 0]


@lru_cache(maxsize=4096)
def _restskatt(year: int, amount: int) -> Warning:
    """The restskatt warning (frozen, so shared): made on every run, an hours sweep too, so made once per amount."""
    return Warning.of("restskatt", None, LAW, year=year, amount=Num(amount), next_year=year + 1)


@attrs.frozen
class TaxOutput:
    """What the tax phase gives: the tax withheld on each payment (in the payments' order), the year rows, the
    settlements the year after, its warnings, and the partner's net income in each month of the case."""

    withheld: list[int]
    years: list[YearRow]
    settlements: list[Settlement]
    warnings: list[Warning]
    partner_net: dict[date, int]


def run(ctx: Context, outputs: Sequence[SchemeOutput]) -> TaxOutput:
    """Withhold tax on every payment so far (``ctx.earlier``, in date order), assess each year and settle it the
    year after. The tax card is made from the first year's income had the client not worked (the schemes'
    ``without_work``)."""
    rules, case, payments = ctx.rules, ctx.case, ctx.earlier
    card_income = card_incomes(payments, ctx.first_day.year, sum(o.without_work() for o in outputs))
    withheld = withhold(rules, case, payments, card_income)
    years, settlements = assess(rules, case, payments, withheld)
    partner = {m: partner_net(rules, case, m) for m in ctx.horizon} if case.household.partner is not None else {}
    return TaxOutput(withheld, years, settlements, warnings(rules, case, years) if ctx.detail else [], partner)


SCHEME = Scheme("tax", run, (), order=0, phase=TAX, needs=(EVERYTHING,), rule_files=("skatt",),
                cliffs=(("tax", "skatt.trinnskatt", "tax"),
                        ("settlements", "skatt.settlement_restskatt_months", "settlements"),
                        ("settlements_after_horizon", "skatt.settlement_restskatt_months", "settlements_after_horizon")),
                timing=(("tax", "tax", "tax_withholding"),))
