"""One sentence generator for what more hours do to the household's money: every cliff, plateau and sweep text.

A :class:`Change` holds the numbers — two hours levels, and the gross wages and every other part of disposable
income over the period at each — and :func:`describe` says them in words. Every amount, share, direction and hours
range in the sentences comes from that one set of numbers, so they cannot contradict each other:

* the head says what wages and the household's money do: "får 2 000 kr mindre" only when the household's money
  falls, "beholder bare 645 kr (6 øre per krone)" only when it rises by less than ``PLATEAU_KEEP`` of the wage rise,
  where the øre are ``round(100 × kept / gross)``;
* the breakdown says where each extra krone goes, in amounts that add up exactly to what is not kept
  (100 øre − the kept øre): in øre while the household keeps something, in kroner ("går 1,05 kr bort") only when it
  loses more than it earns; a part that gives money back (less tax withheld, more sosialhjelp) is said to come
  back, never dropped, and the parts under ``SMALL_ORE`` are said together as "andre poster";
* the hours range goes upwards: a :class:`Change` whose hours do not rise, or whose wages do not, is refused
  (:class:`SentenceError`).

Numbers are written the language's way (``words.formats``): 18,75 timer, 1,05 kr, 12 000 kr (nb); 18.75 (en).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Mapping

import attrs

from benefit_calc.core.errors import BenefitCalcError
from benefit_calc.words import has, text
from benefit_calc.words.formats import number

if TYPE_CHECKING:
    from benefit_calc.analysis.sweep import SweepStep

PLATEAU_KEEP = 0.10  # presentation threshold, not a legal value: "keeps less than 10 øre of each krone"
SMALL_ORE = 5  # øre of each krone: a part that takes (or gives) less is said together with the other small ones
HOURS_DECIMALS = 4  # a sweep's hours levels have at most 4 decimals (sweep.parse_hours): each is written exactly
OTHER = "other"  # the name of the small parts said together
NO_LEVEL = ("tax", "settlements", "settlements_after_horizon", "partner")  # parts not said as "goes from … to …"


class SentenceError(BenefitCalcError):
    """A change that no sentence can describe truthfully (hours or wages that do not rise)."""


def component_label(name: str, lang: str = "nb") -> str:
    """What a part of the money is called as a column heading or chart legend ("Bostøtte", "Lønn")."""
    key = f"component.{name}"
    return text(key, lang) if has(key) else name


def part_name(name: str, lang: str) -> str:
    """What a part of the money is called inside a sentence ("bostøtte", "lønn")."""
    if name == OTHER:
        return text("cliff.other_parts", lang)
    key = f"part.{name}"
    return text(key, lang) if has(key) else name


@attrs.frozen
class Change:
    """What happens to the household's money over the period from ``hours_from`` to ``hours_to`` hours a week.

    ``wages`` is the client's gross wages over the period at each level; ``parts`` every other part of the
    household's disposable income over the period at each level (before, after), as it adds to the money: a
    benefit, tax as minus the tax withheld, settlements, the partner's net income."""

    hours_from: float
    hours_to: float
    months: int
    wages: tuple[int, int]
    parts: Mapping[str, tuple[int, int]] = attrs.field(factory=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        if not self.hours_from < self.hours_to:
            raise SentenceError(f"an hours range must go upwards: {self.hours_from:g} to {self.hours_to:g}")
        if self.gross <= 0:
            raise SentenceError(f"wages do not rise from {self.hours_from:g} to {self.hours_to:g} hours")
        if self.months < 1:
            raise SentenceError("a change covers at least one month")

    @classmethod
    def between(cls, a: SweepStep, b: SweepStep) -> Change:
        """The change from sweep step ``a`` to step ``b`` (settlements after the period included, as in the
        steps' totals)."""
        from benefit_calc.analysis.sweep import LATER

        names = dict.fromkeys([*(n for n in (*a.parts, *b.parts) if n != "wages"), LATER])
        return cls(a.hours, b.hours, len(a.months), (a.earnings(), b.earnings()),
                   {n: (a.part(n), b.part(n)) for n in names})

    @property
    def gross(self) -> int:
        """How much more gross wage over the period."""
        return self.wages[1] - self.wages[0]

    def taken(self, name: str) -> int:
        """Kroner part ``name`` takes over the period (negative: it gives)."""
        before, after = self.parts[name]
        return before - after

    @property
    def net(self) -> int:
        """How much more the household has over the period (negative: less)."""
        return self.gross - sum(self.taken(n) for n in self.parts)

    @property
    def kept_ore(self) -> int:
        """Øre the household keeps of each extra krone of wages."""
        return round(100 * self.net / self.gross)

    def shares(self) -> dict[str, int]:
        """Øre of each extra krone each part takes (negative: gives), the small parts together as ``OTHER``, rounded
        so they add up exactly to ``100 − kept_ore`` (largest remainders); parts that round to nothing left out."""
        exact = {n: 100 * self.taken(n) / self.gross for n in self.parts if self.taken(n)}
        named = {n: v for n, v in exact.items() if abs(v) >= SMALL_ORE}
        rest = sum(v for n, v in exact.items() if n not in named)
        values = list(named.items()) + ([(OTHER, rest)] if rest else [])
        whole = [math.floor(v) for _, v in values]
        short = 100 - self.kept_ore - sum(whole)
        order = sorted(range(len(values)), key=lambda k: values[k][1] - whole[k], reverse=True)
        for k in range(abs(short)):  # 0 ≤ short ≤ len(values) by construction; the loop is safe either way
            whole[order[k % len(order)]] += 1 if short > 0 else -1
        return {n: w for (n, _), w in zip(values, whole) if w}


LATER_PAYMENTS = ("dagpenger_ferietillegg",)  # settlements that are money paid out, not a refund or a claim


def settlement_name(scheme: str, year: int, lang: str = "nb") -> str:
    """A settlement by its name: "Skatteoppgjøret for 2026", "Etteroppgjøret for uføretrygd for 2026", or its own
    name where it has one ("Ferietillegget på dagpengene for 2026": ``settlement.<scheme>``)."""
    if has(f"settlement.{scheme}"):
        return text(f"settlement.{scheme}", lang, year=year)
    return text("settlement.other", lang, part=part_name(scheme, lang), year=year)


def settlement_groups(settlements: Any) -> list[tuple[str, int, str, tuple[Any, ...]]]:
    """The settlements as a person reads them: ``(scheme, year, kind, parts)``, kind ``paid`` (money paid out,
    :data:`LATER_PAYMENTS`), ``refund`` or ``owe``. A claim paid in parts (restskatt: two months) is one group —
    the same sentence twice a month apart reads as a duplicate —; every other settlement is its own."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for i, s in enumerate(settlements):
        kind = "paid" if s.scheme in LATER_PAYMENTS else "refund" if s.amount > 0 else "owe"
        groups.setdefault((s.scheme, s.year, kind) + (() if kind == "owe" else (i,)), []).append(s)
    return [(key[0], key[1], key[2], tuple(parts)) for key, parts in groups.items()]


def settlement_parts(parts: Any, amount: Any, month: Any, lang: str = "nb") -> str:
    """"17 635 kr i august 2027 og 17 634 kr i september 2027": each part with ``amount(kroner)`` and
    ``month(first day)`` written by the caller's own formatting."""
    each = [text("settlement.part", lang, amount=amount(abs(s.amount)), month=month(s.month)) for s in parts]
    return f" {text('settlement.and', lang)} ".join((", ".join(each[:-1]), each[-1]))


def hours(h: float, lang: str = "nb") -> str:
    """Hours a week as a sentence says them: 18,75 (nb, nn), 18.75 (en); as many decimals as a sweep level has."""
    return number(h, lang, HOURS_DECIMALS)


def _amount(ore: int, in_kr: bool, lang: str) -> str:
    if in_kr:
        return text("cliff.kroner", lang, n=number(ore / 100, lang, 2, fixed=True))
    return text("cliff.ore", lang, n=number(ore, lang, 0))


def _list(items: list[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return text("cliff.list_and", lang, items=", ".join(items[:-1]), last=items[-1])


def head(change: Change, lang: str = "nb") -> str:
    """The first sentence without its end: hours range, wage rise and what the household's money does."""
    net, gross = change.net, change.gross
    args = {"h0": hours(change.hours_from, lang), "h1": hours(change.hours_to, lang), "gross": number(gross, lang, 0)}
    if net < 0:
        return text("cliff.change.loss", lang, loss=number(-net, lang, 0), avg=number(-net / change.months, lang, 0),
                    **args)
    if net == 0:
        return text("cliff.change.nothing", lang, **args)
    if net > gross:
        return text("cliff.change.more", lang, kept=number(net, lang, 0), **args)
    key = "kept_only" if net < PLATEAU_KEEP * gross else "kept"
    return text(f"cliff.change.{key}", lang, kept=number(net, lang, 0), ore=number(change.kept_ore, lang, 0), **args)


def breakdown(change: Change, lang: str = "nb") -> str:
    """Where each extra krone of wages goes, part by part; "" when nothing goes and nothing comes."""
    shares = change.shares()
    taken = 100 - change.kept_ore
    in_kr = change.net < 0  # the household loses more than it earns: say kroner per krone, not øre
    takes = sorted(((o, n) for n, o in shares.items() if o > 0), key=lambda x: (-x[0], x[1] == OTHER))
    gives = sorted(((-o, n) for n, o in shares.items() if o < 0), key=lambda x: (-x[0], x[1] == OTHER))

    def said(rows: list[tuple[int, str]]) -> str:
        return _list([text("cliff.breakdown_item", lang, amount=_amount(o, in_kr, lang), part=part_name(n, lang))
                      for o, n in rows], lang)

    if not takes and not gives:
        return ""
    if taken < 0:
        extra = _amount(-taken, False, lang)
        if takes:
            return text("cliff.breakdown_more_items", lang, extra=extra, back=said(gives), items=said(takes))
        return text("cliff.breakdown_more", lang, extra=extra, back=said(gives))
    key = "cliff.breakdown_over" if in_kr else "cliff.breakdown"
    args = {"taken": _amount(taken, in_kr, lang), "items": said(takes)}
    return text(f"{key}_back", lang, back=said(gives), **args) if gives else text(key, lang, **args)


def level(change: Change, name: str, lang: str = "nb") -> str:
    """"AAP går fra 11 363 til 5 817 kr i måneden i snitt." for a benefit that goes down; "" otherwise."""
    if name not in change.parts or name in NO_LEVEL:
        return ""
    before, after = change.parts[name]
    if not before > after >= 0:
        return ""
    part = part_name(name, lang)
    return text("cliff.change.level", lang, part=part[:1].upper() + part[1:],
                before=number(before / change.months, lang, 0), after=number(after / change.months, lang, 0))


def describe(change: Change, lang: str = "nb", what: str = "", lost: str = "") -> str:
    """Everything one change says: the head (with ``what`` the rule does, after a colon), how the benefit ``lost``
    goes down a month, and where each extra krone goes."""
    first = text("cliff.change.because", lang, head=head(change, lang), what=what) if what else \
        text("cliff.change.plain", lang, head=head(change, lang))
    return " ".join(s for s in (first, level(change, lost, lang) if lost else "", breakdown(change, lang)) if s)


def no_cliff_ahead(here: float, top: float, small: str, lang: str = "nb") -> str:
    """The app's words when no cliff costing ``small`` (already written: "500 kr") a month or more lies above the
    plan's ``here`` hours a week, in a sweep that goes up to ``top`` hours: a range only while ``here < top``."""
    h, t = hours(here, lang), hours(top, lang)
    if here < top:
        return text("app.no_cliff_up_to", lang, h=h, top=t, kr=small)
    return text("app.no_cliff_above_sweep", lang, h=h, top=t)
