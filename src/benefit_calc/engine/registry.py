"""The schemes, each declared once: what it is, who pays, how, when it runs and what it cannot be combined with.

The engine (which schemes run, in which phase, what is refused together), the analysis (cliffs), the charts and
the app read this table; nothing else lists schemes. Not yet from here: each scheme still writes its payments'
``payer`` and ``taxable`` itself, and tax withholding reads those (issue 20 is to stamp them from this table; the
two disagree for kvalifiseringsstønad: "kommune" here, "nav" on its payments). Adding a scheme is one :class:`Scheme` here, its module with a ``run(ctx)``, its rule file, its case
input (``case/benefits.py`` and ``case/bounds.py``) and its words in the catalogue (``docs/adding-a-scheme.md``).

Words for people are in the catalogue, not here: ``component.<payment>`` names each kind of payment in every
language, ``field.client.benefits.<input>`` names the benefit on the form, ``combo.<a>_<b>`` says why two are not
paid together.
"""

from __future__ import annotations

from typing import Any, Callable

import attrs

from benefit_calc.schemes import aap_timeline
from benefit_calc.schemes import bostotte
from benefit_calc.schemes import dagpenger
from benefit_calc.schemes import family
from benefit_calc.schemes import kvalifiseringsstonad
from benefit_calc.schemes import overgangsstonad
from benefit_calc.schemes import sosialhjelp
from benefit_calc.schemes import tiltakspenger
from benefit_calc.schemes import uforetrygd

BEFORE_TAX, AFTER_TAX = "before_tax", "after_tax"


@attrs.frozen
class Scheme:
    """One scheme. ``run(ctx)`` gives its payments (``run(ctx, withheld, settlements)`` for an after-tax scheme)."""

    id: str
    run: Callable[..., Any]
    payments: tuple[str, ...]  # the kinds of payment it makes (Payment.scheme), e.g. uføretrygd and its barnetillegg
    legal_basis: str
    payer: str  # nav | husbanken | kommune
    taxable: bool
    rhythm: str  # "meldekort" (per 14-day meldeperiode) or "monthly"
    input: str | None  # the field of client.benefits that switches it on; None: from the household (barnetrygd)
    phase: str = BEFORE_TAX  # AFTER_TAX: needs the tax withheld (sosialhjelp needs net income)
    excludes: tuple[str, ...] = ()  # schemes it is never paid together with (why: combo.<id>_<other>)
    cliffs: tuple[tuple[str, str, str], ...] = ()  # (payment, rule parameter, rule in cliff.rule.<rule>) per cliff
    has_end: bool = False  # the case may give the last day (``until``)
    # the rule files (rules/no/<file>.yaml) that hold its parameters, besides the shared SHARED_RULE_FILES; empty: <id>
    rule_files: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    @property
    def parameter_files(self) -> tuple[str, ...]:
        """The rule files of its own parameters: its declared ``rule_files``, or the file named like the scheme."""
        return self.rule_files or (self.id,)


SHARED_RULE_FILES = ("grunnbelop", "kommuner", "utbetaling")  # G; the municipality's zone and cap group; payment days


SCHEMES: tuple[Scheme, ...] = (  # in the order they run; each sees the payments of those before it
    Scheme("aap", aap_timeline.run, ("aap",), "Folketrygdloven kapittel 11", "nav", True, "meldekort", "aap",
           excludes=("dagpenger",), cliffs=(("aap", "aap.max_work_share", "aap_limit"),), has_end=True),
    Scheme("dagpenger", dagpenger.run, ("dagpenger", "dagpenger_ferietillegg"), "Folketrygdloven kapittel 4", "nav", True, "meldekort",
           "dagpenger", cliffs=(("dagpenger", "dagpenger.max_work_share", "dagpenger_limit"),), has_end=True),
    Scheme("tiltakspenger", tiltakspenger.run, ("tiltakspenger",), "Tiltakspengeforskriften", "nav", False,
           "meldekort", "tiltakspenger", excludes=("aap", "dagpenger", "uforetrygd", "kvalifiseringsstonad"),
           has_end=True),
    Scheme("uforetrygd", uforetrygd.run, ("uforetrygd", "barnetillegg_uforetrygd"), "Folketrygdloven kapittel 12",
           "nav", True, "monthly", "uforetrygd", cliffs=(("uforetrygd", "uforetrygd.income_ceiling_share", "uforetrygd"),
                   ("barnetillegg_uforetrygd", "uforetrygd.barnetillegg_reduction_share", "barnetillegg_uforetrygd"))),
    Scheme("overgangsstonad", overgangsstonad.run, ("overgangsstonad",), "Folketrygdloven kapittel 15", "nav", True,
           "monthly", "overgangsstonad", cliffs=(("overgangsstonad", "overgangsstonad.reduction_share", "overgangsstonad"),), has_end=True),
    Scheme("kvalifiseringsstonad", kvalifiseringsstonad.run, ("kvalifiseringsstonad",),
           "Sosialtjenesteloven §§ 29–39", "kommune", True, "monthly", "kvalifiseringsstonad",
           excludes=("aap", "uforetrygd"), cliffs=(("kvalifiseringsstonad", "kvalifiseringsstonad.full_time_hours_per_week",
                                               "kvalifiseringsstonad"),), has_end=True),
    Scheme("bostotte", bostotte.run, ("bostotte",), "Bustøttelova; forskrift om bustøtte", "husbanken", False,
           "monthly", "bostotte", cliffs=(("bostotte", "bostotte.egenandel_steps", "bostotte"),)),
    Scheme("family", family.run, ("barnetrygd", "kontantstotte"), "Barnetrygdloven; kontantstøtteloven", "nav", False,
           "monthly", None, rule_files=("barnetrygd", "kontantstotte")),
    Scheme("sosialhjelp", sosialhjelp.run, ("sosialhjelp",), "Sosialtjenesteloven § 18", "kommune", False, "monthly",
           "sosialhjelp", phase=AFTER_TAX, cliffs=(("sosialhjelp", "sosialhjelp.rates", "sosialhjelp"),)),
)
BY_ID = {s.id: s for s in SCHEMES}

BENEFIT_PAYMENTS: tuple[str, ...] = tuple(p for s in SCHEMES for p in s.payments)  # the month table's columns
INPUTS: tuple[str, ...] = tuple(s.input for s in SCHEMES if s.input)  # the benefits a case can have
MELDEKORT: frozenset[str] = frozenset(s.id for s in SCHEMES if s.rhythm == "meldekort")
WITH_END: tuple[str, ...] = tuple(s.input for s in SCHEMES if s.has_end and s.input)
EXCLUDED: tuple[tuple[str, str], ...] = tuple((s.id, other) for s in SCHEMES for other in s.excludes)
CLIFF_CAUSES: dict[str, tuple[str, str]] = {pay: (param, rule) for s in SCHEMES for pay, param, rule in s.cliffs}


def active(case: Any, phase: str = BEFORE_TAX) -> list[Scheme]:
    """The schemes of ``phase`` that apply to ``case`` (a benefit it has, or one from the household)."""
    have = set(case.client.benefits.names())
    return [s for s in SCHEMES if s.phase == phase and (s.input is None or s.input in have)]


def shown_payments(case: Any) -> tuple[str, ...]:
    """The payment columns a case shows from its first month (the benefits it has), before any is paid."""
    have = set(case.client.benefits.names())
    return tuple(p for s in SCHEMES if s.input in have for p in s.payments)
