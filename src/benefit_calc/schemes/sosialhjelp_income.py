"""The household's net resources a month, as sosialhjelp counts them (sosialtjenesteloven § 18), and their parts.

Every krone of net income reduces the stønad: wages and feriepenger, each benefit (barnetrygd excepted:
``sosialhjelp.not_counted``), bostøtte, less the tax withheld on them, a tax refund, and the partner's net income.
Income paid in a month counts for that month's stønad, or the next month's with ``income_month: next_month``. The
parts are kept for the explanation, so a person sees what the counted sum is made of.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from datetime import date
from typing import Sequence

import attrs

from benefit_calc.case.model import Case
from benefit_calc.core import calendar as cal
from benefit_calc.result.model import Settlement
from benefit_calc.result.payments import Payment
from benefit_calc.result.texts import Joined
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes.tax import partner_net
from benefit_calc.words import Text
from benefit_calc.words.formats import Num

WAGES = "wages"  # what an employer pays (wages and feriepenger) is one part: lønn


@attrs.frozen
class Counted:
    """Each month's counted net resources, the client's net wages among them (detailed runs), and the parts:
    gross by kind (``wages``, a benefit's scheme name, ``refund``, ``partner``) and ``tax`` (withheld, ≥ 0)."""

    total: Counter[date]
    wages: Counter[date]
    parts: dict[date, dict[str, int]]


def counted_income(rules: Ruleset, case: Case, payments: Sequence[Payment], withheld: Sequence[int],
                   settlements: Sequence[Settlement], months: Sequence[date], detail: bool = True) -> Counted:
    """Net resources counted for each month's stønad (see the module docstring). ``payments`` are in date order
    (as the engine keeps them), with ``withheld`` the tax on each."""
    sh = case.client.benefits.sosialhjelp
    lag = 1 if sh is not None and sh.income_month == "next_month" else 0
    counted: Counter[date] = Counter()
    wages: Counter[date] = Counter()
    parts: dict[date, dict[str, int]] = {}
    dates = [p.paid_on for p in payments]  # in date order: a month's payments are one slice
    hi = 0
    for m in cal.months_between(dates[0].replace(day=1), dates[-1]) if dates else ():
        lo = bisect_left(dates, m, hi)
        hi = bisect_left(dates, cal.add_months(m, 1), lo)
        if lo == hi:
            continue
        skip = frozenset(rules.value("sosialhjelp.not_counted", m))
        target = cal.add_months(m, lag) if lag else m
        counted[target] = sum([p.amount - w for p, w in zip(payments[lo:hi], withheld[lo:hi]) if p.scheme not in skip])
        if detail:  # the net wages, for the warning that names them
            wages[target] = sum([p.amount - w for p, w in zip(payments[lo:hi], withheld[lo:hi]) if p.payer == "employer"])
        month = parts.setdefault(target, {})  # the parts, for the explanation (a sweep's too: the same words)
        for p, w in zip(payments[lo:hi], withheld[lo:hi]):
            if p.scheme in skip:
                continue
            kind = WAGES if p.payer == "employer" else p.scheme
            month[kind] = month.get(kind, 0) + p.amount
            month["tax"] = month.get("tax", 0) + w
    for s in settlements:
        if s.amount > 0:  # a tax refund is means at hand; restskatt is a debt the stønad does not cover
            target = cal.add_months(s.month, lag)
            counted[target] += s.amount
            parts.setdefault(target, {})["refund"] = parts.get(target, {}).get("refund", 0) + s.amount
    if case.household.partner is not None:
        first = date(case.start.year, 1, 1)  # before the simulated years: as in January (the partner's pay is the same)
        for m in months:
            net = partner_net(rules, case, max(cal.add_months(m, -lag), first))
            counted[m] += net
            if net:
                parts.setdefault(m, {})["partner"] = net
    return Counted(counted, wages, parts)


ORDER = ("refund", "partner")  # after the client's own payments, in this order


def parts_text(parts: dict[str, int]) -> Text:
    """The counted sum's parts in words, in every language: ``lønn 8 000 kr + AAP 12 000 kr + bostøtte 2 415 kr −
    skattetrekk 4 264 kr`` (each benefit by its name; nothing when nothing is counted)."""
    own = [k for k in parts if k not in ORDER and k != "tax" and parts[k]]
    items = [Text("explain.sosialhjelp.counted.part", part=Text(f"part.{k}"), amount=Num(parts[k])) for k in own]
    items += [Text(f"explain.sosialhjelp.counted.{k}", amount=Num(parts[k])) for k in ORDER if parts.get(k)]
    if not items:
        return Text("explain.sosialhjelp.counted.nothing")
    joined = Joined(tuple(items), " + ")
    if parts.get("tax"):
        return Text("explain.sosialhjelp.counted.with_tax", parts=joined, tax=Num(parts["tax"]))
    return Text("explain.sosialhjelp.counted.without_tax", parts=joined)
