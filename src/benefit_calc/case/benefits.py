"""The benefits a client has, as on their vedtak (``client.benefits`` in the case file): each declared once.

Every class is frozen; every error names the field. Absent optional fields stay ``None`` and the scheme uses
the default it documents (and says so in the result), never a silent legal value.

Each field is made by :func:`benefit_calc.case.declare.field` (or ``day``, ``flag``): its kind, unit and limits are
its row in ``case/bounds.py`` (and so the OpenAPI schema), ``fields.declared`` reads it, and its ``Widget`` is how
the app's form shows it. What a field cannot say alone is a hook below: kroner typed where G is chosen, a
reporting month, and the rules between fields (``CHECKS``). docs/input.md §2a says how to declare one.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Mapping

import attrs

from benefit_calc.case.declare import FIRST_DATE, LAST_DATE, MONEY_YEAR, Bound, Check, Input, Widget, day, field, flag
from benefit_calc.case.values import is_number, parse_month
from benefit_calc.core.errors import CaseError
from benefit_calc.core.safe_load import show

REPORTING = ("on_job_start", "never")  # or a month YYYY-MM


# ------------------------------------------------------------------------------------------------ the hooks


def _kroner_slip(value: Any, where: str) -> None:
    """Kroner typed where G is chosen: the usual slip, named before the limit of 20 G."""
    if is_number(value) and value >= 1000:
        raise CaseError.of(where, "basis_g_kroner", value=f"{value:g}")


def _one_basis(v: Mapping[str, Any], path: str) -> None:
    if (v["basis_g"] is None) == (v["basis"] is None):
        raise CaseError.of(f"{path}.basis_g", "basis_one_of")


def _reporting(value: Any, where: str, b: Bound) -> str | date | None:
    """One of the choices, or the month the income is reported from."""
    if value is None or value in b.options:
        return value  # type: ignore[no-any-return]
    month = parse_month(value)
    if month is None or not FIRST_DATE <= month <= LAST_DATE:
        raise CaseError.of(where, "reports_income", value=show(value), first=FIRST_DATE.year, last=LAST_DATE.year)
    return month


def _incomes_with_day(v: Mapping[str, Any], path: str) -> None:
    """``incomes_before`` and ``further_reduced`` are given together."""
    if bool(v["incomes_before"]) != (v["further_reduced"] is not None):
        raise CaseError.of(f"{path}.further_reduced" if v["incomes_before"] else f"{path}.incomes_before",
                           "further_reduced_pair")


def _ieu_below_ifu(v: Mapping[str, Any], path: str) -> None:
    ieu, ifu = v["ieu"], v["ifu"]
    if ieu is not None and ifu is not None and ieu >= ifu:
        raise CaseError.of(f"{path}.ieu", "ieu_below_ifu", ieu=f"{ieu:g}", ifu=f"{ifu:g}")


def _until(name: str) -> Widget:
    """The last day with a right, in the counsellor's form (the benefits with ``has_end`` in the registry)."""
    return Widget(f"{name}_until", 99, label="until", help=True, counsellor=True)


def _reports(prefix: str) -> Widget:
    return Widget(f"{prefix}_reports", 50, "choice", label="reports", default="on_job_start", months=True,
                  names="rep_")


# ---------------------------------------------------------------------------------------------- the benefits


@attrs.frozen(cache_hash=True)
class Opptrapping:
    """An approved period of stepping up work (§ 11-23 sjette ledd) in which the AAP work limit is higher."""

    start: date = field("month", "month", date(1900, 1, 1), date(2100, 12, 1), required=True, key="from",
                        reaches=(("aap.opptrapping_max_months", 0),),
                        form=Widget("aap_opp_from", 1, "month", row="opp", col=0))
    months: int = field("integer", "months", 1, 60, required=True,
                        form=Widget("aap_opp_months", 2, default=6, row="opp", col=1))


@attrs.frozen(cache_hash=True)
class Aap:
    """AAP as on the client's vedtak: the grunnlag in G (or kroner) and the options that change the payment."""

    CHECKS: ClassVar = (Check(("basis_g", "basis"), _one_basis),
                        Check(("further_reduced", "incomes_before"), _incomes_with_day))

    basis_g: float | None = field("number", "G", 0, 20, before=_kroner_slip, form=Widget("aap", 10, "basis"))
    basis: float | None = field("number", "kr/year", 0, MONEY_YEAR)
    yrkesskade: bool | None = flag(Widget("aap_yrkesskade", 20, counsellor=True, row="a", col=0))
    arbeidsevne: float | None = field(  # fastsatt arbeidsevne, percent
        "number", "percent", 0, 100,
        form=Widget("aap_arbeidsevne", 21, help=True, counsellor=True, zero_is_none=True, row="a", col=1))
    opptrapping: Opptrapping | None = field("mapping", of=Opptrapping,
                                            form=Widget("aap_opp", 30, "mapping", help=True, counsellor=True))
    until: date | None = day(form=_until("aap"))  # last day with a right to AAP, if known
    barnetillegg: bool | None = flag()  # default true for each child under 18 in the household
    # first day of the AAP period: the maximum period (§ 11-12) counts from it
    granted: date | None = day(form=Widget("aap_granted", 40, help=True, counsellor=True, row="g", col=0),
                               reaches=(("aap.ordinary_quota_weekdays", 0),))
    # weekdays of the period used before the case starts (default: all since granted)
    days_used: int | None = field("integer", "days", 0, 2000, form=Widget(
        "aap_days_used", 41, help=True, counsellor=True, optional=True, row="g", col=1))
    # § 11-28 fjerde ledd: beside graded uføretrygd, the grunnlag may come from the part-time income before the
    # arbeidsevne was further reduced, scaled up to a full position (the higher grunnlag counts)
    further_reduced: date | None = day(  # the day the arbeidsevne was further reduced: its 3 years before count
        reaches=(("aap.basis_cap_g", 0), ("grunnbelop.g_average", 3)))
    # pensjonsgivende income in the 3 calendar years before it, newest first
    incomes_before: tuple[float, ...] = field("list", "count", 0, 3, default=(), what="up to 3 yearly incomes in kroner",
                                              item=Input("number", "kr/year", 0, MONEY_YEAR))


@attrs.frozen(cache_hash=True)
class Dagpenger:
    """Dagpenger: the grunnlag (kroner, or G) and the fastsatt vanlig arbeidstid (FVA) in hours a week."""

    FILE_ORDER: ClassVar = ("basis", "basis_g", "normal_hours_per_week", "until", "egenandel", "barnetillegg",
                            "granted", "weeks", "income_12_months", "income_36_months", "days_used")
    CHECKS: ClassVar = (Check(("basis", "basis_g"), _one_basis),)

    normal_hours_per_week: float = field("number", "hours/week", 0.5, 100, required=True,
                                         form=Widget("dp_hours", 20, default=37.5))
    basis: float | None = field("number", "kr/year", 0, MONEY_YEAR)
    basis_g: float | None = field("number", "G", 0, 20, before=_kroner_slip,
                                  form=Widget("dp", 10, "basis", caption="dp_help_letter"))
    until: date | None = day(form=_until("dagpenger"))
    egenandel: bool | None = flag()  # true for a new claim: 3 × dagsats deducted first; default false (already paid)
    barnetillegg: bool | None = flag()
    # how long (§ 4-15): the weeks of the vedtak, or the earlier income that decides them; stønadsdager used before
    # the prøvingsdato: its G decides the threshold (default: the start)
    granted: date | None = day(form=Widget("dp_granted", 31, help=True, counsellor=True, row="w", col=1),
                               reaches=(("dagpenger.short_period_weeks", 0), ("dagpenger.long_period_threshold_g", 0),
                                        ("grunnbelop.g", 0)))
    weeks: int | None = field("integer", "weeks", 1, 104, form=Widget(
        "dp_weeks", 30, "choice", help=True, counsellor=True, default="unknown", options=("unknown", 52, 104),
        absent="unknown", names="dp_weeks_", row="w", col=0))
    income_12_months: float | None = field("number", "kr", 0, MONEY_YEAR)
    income_36_months: float | None = field("number", "kr", 0, 3 * MONEY_YEAR)
    days_used: int | None = field("integer", "days", 0, 520)


@attrs.frozen(cache_hash=True)
class Tiltakspenger:
    """Tiltakspenger while in a labour-market measure (IPS counts): days a meldeperiode as in the vedtak."""

    days_per_period: int | None = field("integer", "days", 1, 14,  # default: every weekday (10)
                                        form=Widget("tp_days", 10, default=10, help=True))
    until: date | None = day(form=_until("tiltakspenger"))
    barnetillegg: bool | None = flag()


@attrs.frozen(cache_hash=True)
class Uforetrygd:
    """Uføretrygd as on the vedtak: uføregrad, IFU/IEU, the full (100 %) yearly benefit and when it was granted."""

    FILE_ORDER: ClassVar = ("degree", "ifu", "ieu", "full_benefit", "granted", "vta", "reports_income", "barnetillegg")
    CHECKS: ClassVar = (Check(("ifu", "ieu"), _ieu_below_ifu),)

    degree: float = field("number", "percent", 1, 100, required=True,  # uføregrad, percent
                          form=Widget("ut_degree", 10, default=100, caption="ut_help", row="u", col=0))
    # inntekt før uførhet, kroner a year (oppjustert to the start)
    ifu: float = field("number", "kr/year", 1, MONEY_YEAR, required=True, form=Widget("ut_ifu", 11, low=0, row="u"))
    # uføretrygd at 100 % a year, kroner, before any reduction for income
    full_benefit: float = field("number", "kr/year", 0, MONEY_YEAR, required=True,
                                form=Widget("ut_full", 12, row="u", col=1))
    granted: date = day(required=True, form=Widget("ut_granted", 13, row="u", col=1))
    ieu: float | None = field("number", "kr/year", 0, MONEY_YEAR,  # inntekt etter uførhet, kroner a year; default 0
                              form=Widget("ut_ieu", 14, counsellor=True, zero_is_none=True, row="u"))
    vta: bool | None = flag(Widget("ut_vta", 15, counsellor=True, row="u", col=1))  # varig tilrettelagt arbeid: 1 G
    # on_job_start (default) | never | a month
    reports_income: str | date | None = field("choice", options=REPORTING, read=_reporting, form=_reports("ut"))
    barnetillegg: bool | None = flag()  # default true for each child under 18


@attrs.frozen(cache_hash=True)
class Overgangsstonad:
    """Overgangsstønad for a single parent; ``expected_income`` is the yearly income on the vedtak, as NAV set it on
    ``expected_income_from`` (default: the case's start month). NAV G-omregner it on each 1 May after that day.
    ``first_granted`` (default: the case's start) decides whether the old rules or those of 1 July 2026 apply;
    ``special_care``: a child needs special care (særlig tilsyn), which keeps the stønad under the new rules."""

    expected_income: float | None = field("number", "kr/year", 0, MONEY_YEAR,  # default 0
                                          form=Widget("os_expected", 10, help=True))
    reports_income: str | date | None = field("choice", options=REPORTING, read=_reporting, form=_reports("os"))
    until: date | None = day(form=_until("overgangsstonad"))
    # default: the case's start
    expected_income_from: date | None = day(form=Widget("os_expected_from", 20, help=True, counsellor=True))
    # the day the stønad was first granted; default: the case's start
    first_granted: date | None = day(form=Widget("os_first_granted", 30, help=True))
    # a child needs special care (særlig tilsyn); default false
    special_care: bool | None = flag(Widget("os_special_care", 40, help=True))


@attrs.frozen(cache_hash=True)
class Kvalifiseringsstonad:
    until: date | None = day(form=_until("kvalifiseringsstonad"))
    barnetillegg: bool | None = flag()


@attrs.frozen(cache_hash=True)
class Bostotte:
    """The household applies for bostøtte every month; heating add-on unless heating is paid through the rent."""

    heating_in_rent: bool | None = flag(Widget("bs_heating", 10))


@attrs.frozen(cache_hash=True)
class Sosialhjelp:
    """The household applies for økonomisk stønad every month (need − net resources, krone for krone)."""

    # same_month (default) | next_month: which month's stønad an income reduces
    income_month: str | None = field("choice", options=("same_month", "next_month"), form=Widget(
        "sh_income_month", 10, help=True, default="same_month", names="im_"))
    # accepted costs besides rent and electricity (insurance, …); default 0
    other_costs_per_month: float | None = field("number", "kr/month", 0, 1_000_000,
                                                form=Widget("sh_other", 20, help=True))
    # the client shares a home with others (bofellesskap rate); default false
    shared_housing: bool | None = flag(Widget("sh_shared", 30))


@attrs.frozen(cache_hash=True)
class Benefits:
    """The benefits on the client's letters; each is read as its declared class."""

    aap: Aap | None = field("mapping", of=Aap)
    dagpenger: Dagpenger | None = field("mapping", of=Dagpenger)
    tiltakspenger: Tiltakspenger | None = field("mapping", of=Tiltakspenger)
    uforetrygd: Uforetrygd | None = field("mapping", of=Uforetrygd)
    overgangsstonad: Overgangsstonad | None = field("mapping", of=Overgangsstonad)
    kvalifiseringsstonad: Kvalifiseringsstonad | None = field("mapping", of=Kvalifiseringsstonad)
    bostotte: Bostotte | None = field("mapping", of=Bostotte)
    sosialhjelp: Sosialhjelp | None = field("mapping", of=Sosialhjelp)

    def names(self) -> list[str]:
        return [a.name for a in attrs.fields(Benefits) if getattr(self, a.name) is not None]
