"""Barnetrygd and kontantstøtte: income-independent and tax-free, paid month by month.

The rule in plain words (barnetrygdloven §§ 2, 9, 10; kontantstøtteloven §§ 2, 7; rates by date in
``rules/no/barnetrygd.yaml`` and ``rules/no/kontantstotte.yaml``, as in NAV's familie-ba-sak and familie-ks-sak):

* Barnetrygd per child from the month after birth until the month before the child turns 18 (a higher rate
  for children under 6 until August 2024), plus the Finnmarkstillegg per child in Finnmark and Nord-Troms from
  October 2025. A provider living alone with children gets utvidet barnetrygd (one
  a household), and with full overgangsstønad and a child under 3 also småbarnstillegg.
* Kontantstøtte per child in the age window (from the month after the first birthday until the month before the
  second; from August 2024 the months the child is 13 to 19 months old), reduced by agreed barnehage hours.
* Neither depends on income, so neither changes when the client starts to work — they are shown so the month
  table has the household's whole income.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from benefit_calc.core import calendar as cal
from benefit_calc.schemes.overgangsstonad import full_month
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.schemes import paydays
from benefit_calc.schemes.context import Context, SchemeOutput
from benefit_calc.schemes.zones import in_tiltakssone
from benefit_calc.words.formats import Month
from benefit_calc.schemes.declare import Pays, Scheme

LAW_BT = "Barnetrygdloven §§ 2, 9 og 10"
LAW_KS = "Kontantstøtteloven §§ 2 og 7"


def months_old(birth: date, month: date) -> int:
    """Whole months from the birth month to ``month`` (0 in the birth month)."""
    return (month.year - birth.year) * 12 + month.month - birth.month


def barnehage_share(rules: object, hours: float | None, month: date) -> float:
    bands = rules.value("kontantstotte.barnehage_share", month)  # type: ignore[attr-defined]
    h = hours or 0.0
    share = 1.0
    for lower, value in sorted(((float(k), float(v)) for k, v in bands.items())):
        if h >= lower:
            share = value
    return share


def _explain(rule: str, key: str, law: str, rules: object, names: tuple[str, ...], month: date, children: int = 0
             ) -> Explanation:
    return Explanation.of(rule, law, tuple(used(rules, n, month) for n in names), key=key,  # type: ignore[arg-type]
                          month=Month(month), children=children)


def run(ctx: Context) -> SchemeOutput:
    if ctx.case.client.benefits.overgangsstonad is None:  # then nothing here depends on work: compute once per case
        key = ("family", ctx.case.household, ctx.first_day, ctx.last_day)
        return ctx.rules.cached(key, lambda: _run(ctx))  # type: ignore[no-any-return]
    return _run(ctx)


def _run(ctx: Context) -> SchemeOutput:
    rules, case = ctx.rules, ctx.case
    kids = case.household.children
    if not kids:
        return SchemeOutput()
    utvidet = case.household.utvidet_barnetrygd
    if utvidet is None:
        utvidet = case.household.partner is None
    os_by_month = {p.earned_from: p.amount for p in ctx.earlier if p.scheme == "overgangsstonad"}
    payments = []

    def first_month_at(birth: date, param: str) -> date:
        """The month a child reaches the age in ``param`` (these ages have one value since 2019)."""
        return cal.birthday(birth, int(rules.value(param, ctx.first_day))).replace(day=1)

    limits = [(c, first_month_at(c.birth_date, "barnetrygd.max_age"), first_month_at(c.birth_date, "barnetrygd.under_6_age"),
               first_month_at(c.birth_date, "barnetrygd.smabarnstillegg_age")) for c in kids]
    zone = partial(in_tiltakssone, rules, case.household.municipality)
    month = ctx.first_day
    while month <= ctx.last_day:
        day = paydays.monthly(rules, "barnetrygd", month, int(rules.value("barnetrygd.payment_day", month)))
        end = cal.add_months(month, 1) - cal.ONE_DAY
        bt = 0
        entitled = []
        ordinary = int(rules.value("barnetrygd.ordinary", month))
        finnmark = int(rules.value("barnetrygd.finnmarkstillegg", month)) if zone(month) else 0
        for c, adult, six, three in limits:
            if not c.birth_date < month < adult:
                continue
            bt += (int(rules.value("barnetrygd.under_6", month)) if month < six else ordinary) + finnmark
            entitled.append((c, three))
        variant = "month" + ("_finnmark" if finnmark and entitled else "")
        if entitled and utvidet:
            bt += int(rules.value("barnetrygd.utvidet", month))
            variant += "_utvidet"
            small = any(month < three for _, three in entitled)
            if small and os_by_month.get(month, 0) >= full_month(rules, month):
                bt += int(rules.value("barnetrygd.smabarnstillegg", month))
                variant += "_smabarnstillegg"
        if bt:
            payments.append(ctx.pay("barnetrygd", day, bt, month, end, partial(
                _explain, "barnetrygd.month", f"explain.barnetrygd.{variant}", LAW_BT, rules,
                ("barnetrygd.ordinary", "barnetrygd.utvidet", "barnetrygd.finnmarkstillegg"), month, len(entitled))))
        ks = 0.0
        for c in kids:
            age = months_old(c.birth_date, month)
            if int(rules.value("kontantstotte.age_from_months", month)) <= age < int(rules.value("kontantstotte.age_to_months", month)):
                ks += float(rules.value("kontantstotte.rate", month)) * barnehage_share(rules, c.barnehage_hours_per_week, month)
        if ks:
            ks_day = paydays.monthly(rules, "kontantstotte", month, int(rules.value("kontantstotte.payment_day", month)))
            payments.append(ctx.pay("kontantstotte", ks_day, int(ks + 0.5), month, end, partial(
                _explain, "kontantstotte.month", "explain.kontantstotte.month", LAW_KS, rules, ("kontantstotte.rate",),
                month)))
        month = cal.add_months(month, 1)
    return SchemeOutput(tuple(payments))


SCHEME = Scheme("family", run, (Pays("barnetrygd", False, "nav"), Pays("kontantstotte", False, "nav")), order=80,
                needs=("overgangsstonad",), rule_files=("barnetrygd", "kontantstotte", "overgangsstonad"))  # småbarnstillegg
