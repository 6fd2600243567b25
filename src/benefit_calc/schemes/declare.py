"""How a scheme declares itself: one :class:`Scheme` at the foot of its module, named ``SCHEME``.

The declaration is the single source of a scheme's facts. The engine finds every declaration in the package
(:mod:`benefit_calc.engine.registry`), runs them in their phase and order, gives each only the payments of the
schemes it ``needs``, and stamps each payment's ``taxable``, ``payer`` and ``frequency`` from :class:`Pays` — a
scheme says *what kind* of payment it makes, never who pays it or whether it is taxed. The analysis reads its
cliffs, tapers and timing rules from here; the month table its columns and counts.

Words for people are in the word catalogue, by the ids declared here: ``component.<kind>`` names each kind of
payment, ``field.client.benefits.<input>`` the benefit on the form, ``combo.<a>_<b>`` why two are not paid
together, ``cliff.rule.<rule>`` the rule behind a cliff. The scheme's legal basis is its rule file's
``meta.legal_basis`` (``rules/no/<file>.yaml``); an explanation cites the paragraphs it applies.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

import attrs

from benefit_calc.result.payments import Explanation, Payment

# the phases, in the order they run: wages; benefits that need gross income only; tax withheld and assessed;
# benefits that need the net income (sosialhjelp)
WAGES, BEFORE_TAX, TAX, AFTER_TAX = "wages", "before_tax", "tax", "after_tax"
PHASES = (WAGES, BEFORE_TAX, TAX, AFTER_TAX)
PAYERS = ("employer", "nav", "husbanken", "kommune")
_new = tuple.__new__
# what a scheme may need (besides scheme ids): every scheme before it that makes a taxable payment, or every one
TAXABLE, EVERYTHING = "taxable", "everything"


@attrs.frozen
class Pays:
    """One kind of payment a scheme makes (``Payment.scheme``): taxable or not, who pays it, the withholding
    period (``14-day`` for a meldekort benefit), where the month table puts it (``benefits``: a column of its own;
    ``wages`` or ``holiday_pay``: in the wages) and the month statistic it is counted in (``aap_payments``)."""

    kind: str
    taxable: bool
    payer: str
    frequency: str = "monthly"
    row: str = "benefits"
    counted_in: str = ""

    def __attrs_post_init__(self) -> None:
        if self.payer not in PAYERS or self.frequency not in ("monthly", "14-day") or \
                self.row not in ("benefits", "wages", "holiday_pay"):
            raise ValueError(f"Pays({self.kind!r}): payer {self.payer!r}, frequency {self.frequency!r} or row "
                             f"{self.row!r} is not one the engine knows")


@attrs.frozen
class Scheme:
    """One scheme: what it pays, when it runs, what it needs, and what the analysis may say about it.

    ``run(ctx)`` gives a :class:`benefit_calc.schemes.context.SchemeOutput` (``run(ctx, withheld, settlements)``
    after tax; the tax phase's ``run(ctx, payments, outputs)`` gives a ``TaxOutput``)."""

    id: str
    run: Callable[..., Any]
    pays: tuple[Pays, ...]
    order: int  # its place in its phase (and its columns' place in the month table); gaps leave room
    phase: str = BEFORE_TAX
    rhythm: str = "monthly"  # "meldekort" (per 14-day meldeperiode) or "monthly"
    input: str | None = None  # the field of client.benefits that switches it on; None: always runs
    needs: tuple[str, ...] = ()  # schemes whose payments it reads (ids, TAXABLE or EVERYTHING); they run before it
    excludes: tuple[str, ...] = ()  # schemes it is never paid together with (why: combo.<id>_<other>)
    # (component, rule parameter, rule in cliff.rule.<rule>): the rule behind a drop led by the component
    cliffs: tuple[tuple[str, str, str], ...] = ()
    tapers: tuple[tuple[str, str, str], ...] = ()  # the same where the component tapers off gradually (a plateau)
    timing: tuple[tuple[str, str, str], ...] = ()  # (reason, component, rule): a timing drop's own rule
    has_end: bool = False  # the case may give the last day (``until``)
    # the rule files (rules/no/<file>.yaml) that hold its parameters, besides the shared ones; empty: <id>
    rule_files: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    # (name, case data) households ``rules validate`` runs besides its own probes, for a rule they would not reach
    # (a municipality of its own); case-file data as in analysis/coverage.py, "{start}"-style dates filled in there
    probes: tuple[tuple[str, Any], ...] = ()
    _stamps: dict[str, tuple[bool, str, str]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_stamps", {p.kind: (p.taxable, p.payer, p.frequency) for p in self.pays})

    @property
    def payments(self) -> tuple[str, ...]:
        """The kinds of payment it makes."""
        return tuple(p.kind for p in self.pays)

    @property
    def parameter_files(self) -> tuple[str, ...]:
        """The rule files of its own parameters: its declared ``rule_files``, or the file named like the scheme."""
        return self.rule_files or (self.id,)

    def pay(self, kind: str, paid_on: date, amount: int, earned_from: date, earned_to: date,
            explanation: Explanation | Callable[[], Explanation]) -> Payment:
        """A payment of a declared ``kind``, stamped with what the declaration says of it (a KeyError for a kind
        not declared is a bug in the scheme)."""
        taxable, payer, frequency = self._stamps[kind]
        # tuple.__new__ is Payment(...) without the named tuple's own __new__ call: a sweep makes thousands
        return _new(Payment, (kind, paid_on, amount, taxable, payer, earned_from, earned_to, explanation, frequency))
