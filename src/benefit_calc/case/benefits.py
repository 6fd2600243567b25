"""The benefits a client has, as on their vedtak (``client.benefits`` in the case file), and their parsing.

Every class is frozen; every error names the field. Absent optional fields stay ``None`` and the scheme uses
the default it documents (and says so in the result), never a silent legal value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from benefit_calc.case import fields as f
from benefit_calc.case.bounds import FIRST_DATE, LAST_DATE
from benefit_calc.core.errors import CaseError
from benefit_calc.core.safe_load import show

REPORTING = ("on_job_start", "never")  # or a month YYYY-MM


@attrs.frozen(cache_hash=True)
class Opptrapping:
    """An approved period of stepping up work (§ 11-23 sjette ledd) in which the AAP work limit is higher."""

    start: date
    months: int


@attrs.frozen(cache_hash=True)
class Aap:
    """AAP as on the client's vedtak: the grunnlag in G (or kroner) and the options that change the payment."""

    basis_g: float | None = None
    basis: float | None = None
    yrkesskade: bool | None = None
    arbeidsevne: float | None = None  # fastsatt arbeidsevne, percent
    opptrapping: Opptrapping | None = None
    until: date | None = None  # last day with a right to AAP, if known
    barnetillegg: bool | None = None  # default true for each child under 18 in the household
    granted: date | None = None  # first day of the AAP period: the maximum period (§ 11-12) counts from it
    days_used: int | None = None  # weekdays of the period used before the case starts (default: all since granted)
    # § 11-28 fjerde ledd: beside graded uføretrygd, the grunnlag may come from the part-time income before the
    # arbeidsevne was further reduced, scaled up to a full position (the higher grunnlag counts)
    further_reduced: date | None = None  # the day the arbeidsevne was further reduced
    incomes_before: tuple[float, ...] = ()  # pensjonsgivende income in the 3 calendar years before it, newest first


@attrs.frozen(cache_hash=True)
class Dagpenger:
    """Dagpenger: the grunnlag (kroner, or G) and the fastsatt vanlig arbeidstid (FVA) in hours a week."""

    normal_hours_per_week: float
    basis: float | None = None
    basis_g: float | None = None
    until: date | None = None
    egenandel: bool | None = None  # true for a new claim: 3 × dagsats deducted first; default false (already paid)
    barnetillegg: bool | None = None
    # how long (§ 4-15): the weeks of the vedtak, or the earlier income that decides them; stønadsdager used before
    granted: date | None = None  # the prøvingsdato: its G decides the threshold (default: the start)
    weeks: int | None = None
    income_12_months: float | None = None
    income_36_months: float | None = None
    days_used: int | None = None


@attrs.frozen(cache_hash=True)
class Tiltakspenger:
    """Tiltakspenger while in a labour-market measure (IPS counts): days a meldeperiode as in the vedtak."""

    days_per_period: int | None = None  # default: every weekday (10)
    until: date | None = None
    barnetillegg: bool | None = None


@attrs.frozen(cache_hash=True)
class Uforetrygd:
    """Uføretrygd as on the vedtak: uføregrad, IFU/IEU, the full (100 %) yearly benefit and when it was granted."""

    degree: float  # uføregrad, percent
    ifu: float  # inntekt før uførhet, kroner a year (oppjustert to the start)
    full_benefit: float  # uføretrygd at 100 % a year, kroner, before any reduction for income
    granted: date
    ieu: float | None = None  # inntekt etter uførhet, kroner a year; default 0
    vta: bool | None = None  # varig tilrettelagt arbeid: fribeløp 1 G
    reports_income: str | date | None = None  # on_job_start (default) | never | a month
    barnetillegg: bool | None = None  # default true for each child under 18


@attrs.frozen(cache_hash=True)
class Overgangsstonad:
    """Overgangsstønad for a single parent; ``expected_income`` is the yearly income on the vedtak, as NAV set it on
    ``expected_income_from`` (default: the case's start month). NAV G-omregner it on each 1 May after that day.
    ``first_granted`` (default: the case's start) decides whether the old rules or those of 1 July 2026 apply;
    ``special_care``: a child needs special care (særlig tilsyn), which keeps the stønad under the new rules."""

    expected_income: float | None = None  # default 0
    reports_income: str | date | None = None
    until: date | None = None
    expected_income_from: date | None = None  # default: the case's start
    first_granted: date | None = None  # the day the stønad was first granted; default: the case's start
    special_care: bool | None = None  # a child needs special care (særlig tilsyn); default false


@attrs.frozen(cache_hash=True)
class Kvalifiseringsstonad:
    until: date | None = None
    barnetillegg: bool | None = None


@attrs.frozen(cache_hash=True)
class Bostotte:
    """The household applies for bostøtte every month; heating add-on unless heating is paid through the rent."""

    heating_in_rent: bool | None = None


@attrs.frozen(cache_hash=True)
class Sosialhjelp:
    """The household applies for økonomisk stønad every month (need − net resources, krone for krone)."""

    income_month: str | None = None  # same_month (default) | next_month: which month's stønad an income reduces
    other_costs_per_month: float | None = None  # accepted costs besides rent and electricity (insurance, …); default 0
    shared_housing: bool | None = None  # the client shares a home with others (bofellesskap rate); default false


@attrs.frozen(cache_hash=True)
class Benefits:
    aap: Aap | None = None
    dagpenger: Dagpenger | None = None
    tiltakspenger: Tiltakspenger | None = None
    uforetrygd: Uforetrygd | None = None
    overgangsstonad: Overgangsstonad | None = None
    kvalifiseringsstonad: Kvalifiseringsstonad | None = None
    bostotte: Bostotte | None = None
    sosialhjelp: Sosialhjelp | None = None

    def names(self) -> list[str]:
        return [a.name for a in attrs.fields(Benefits) if getattr(self, a.name) is not None]


B = "client.benefits"


def _basis(m: Any, path: str, scheme: str) -> tuple[float | None, float | None]:
    raw_g = m.get("basis_g")
    if f.is_number(raw_g) and raw_g >= 1000:  # kroner typed where G is chosen: the usual slip
        raise CaseError.of(f"{path}.basis_g", "basis_g_kroner", value=f"{raw_g:g}")
    basis_g = f.number(m, "basis_g", path, f"{B}.{scheme}.basis_g")
    basis = f.number(m, "basis", path, f"{B}.{scheme}.basis")
    if (basis_g is None) == (basis is None):
        raise CaseError.of(f"{path}.basis_g", "basis_one_of")
    return basis_g, basis


def _reporting(m: Any, path: str, scheme: str) -> str | date | None:
    value = m.get("reports_income")
    if value is None or value in REPORTING:
        return value
    month = f.parse_month(value)
    if month is None or not FIRST_DATE <= month <= LAST_DATE:
        raise CaseError.of(f"{path}.reports_income", "reports_income", value=show(value), first=FIRST_DATE.year,
                           last=LAST_DATE.year)
    return month


def _aap(raw: Any, path: str) -> Aap:
    m = f.mapping(raw, path, ("basis_g", "basis", "yrkesskade", "arbeidsevne", "opptrapping", "until", "barnetillegg",
                              "granted", "days_used", "further_reduced", "incomes_before"))
    basis_g, basis = _basis(m, path, "aap")
    opp = None
    if m.get("opptrapping") is not None:
        p = f"{path}.opptrapping"
        op = f.mapping(m["opptrapping"], p, ("from", "months"))
        opp = Opptrapping(f.month(op, "from", p, f"{B}.aap.opptrapping.from"),  # type: ignore[arg-type]
                          f.integer(op, "months", p, f"{B}.aap.opptrapping.months") or 0)
    return Aap(basis_g, basis, f.boolean(m, "yrkesskade", path, f"{B}.aap.yrkesskade"),
               f.number(m, "arbeidsevne", path, f"{B}.aap.arbeidsevne"), opp, f.day(m, "until", path, f"{B}.aap.until"),
               f.boolean(m, "barnetillegg", path, f"{B}.aap.barnetillegg"), f.day(m, "granted", path, f"{B}.aap.granted"),
               f.integer(m, "days_used", path, f"{B}.aap.days_used"),
               f.day(m, "further_reduced", path, f"{B}.aap.further_reduced"), _incomes_before(m, path))


def _incomes_before(m: Any, path: str) -> tuple[float, ...]:
    """Up to 3 yearly incomes in kroner, newest first; given together with ``further_reduced``."""
    p = f"{path}.incomes_before"
    raw = f.items(m.get("incomes_before"), p, f"{B}.aap.incomes_before", "up to 3 yearly incomes in kroner")
    out = tuple(f.number({f"incomes_before[{i}]": v}, f"incomes_before[{i}]", path, f"{B}.aap.incomes_before[]")
                for i, v in enumerate(raw))
    if bool(out) != (m.get("further_reduced") is not None):
        raise CaseError.of(p if not out else f"{path}.further_reduced", "further_reduced_pair")
    return out  # type: ignore[return-value]


def _dagpenger(raw: Any, path: str) -> Dagpenger:
    m = f.mapping(raw, path, ("basis", "basis_g", "normal_hours_per_week", "until", "egenandel", "barnetillegg",
                              "granted", "weeks", "income_12_months", "income_36_months", "days_used"))
    basis_g, basis = _basis(m, path, "dagpenger")
    hours = f.number(m, "normal_hours_per_week", path, f"{B}.dagpenger.normal_hours_per_week")
    return Dagpenger(hours or 0, basis, basis_g, f.day(m, "until", path, f"{B}.dagpenger.until"),
                     f.boolean(m, "egenandel", path, f"{B}.dagpenger.egenandel"),
                     f.boolean(m, "barnetillegg", path, f"{B}.dagpenger.barnetillegg"),
                     f.day(m, "granted", path, f"{B}.dagpenger.granted"), f.integer(m, "weeks", path, f"{B}.dagpenger.weeks"),
                     f.number(m, "income_12_months", path, f"{B}.dagpenger.income_12_months"),
                     f.number(m, "income_36_months", path, f"{B}.dagpenger.income_36_months"),
                     f.integer(m, "days_used", path, f"{B}.dagpenger.days_used"))


def _tiltakspenger(raw: Any, path: str) -> Tiltakspenger:
    m = f.mapping(raw, path, ("days_per_period", "until", "barnetillegg"))
    return Tiltakspenger(f.integer(m, "days_per_period", path, f"{B}.tiltakspenger.days_per_period"),
                         f.day(m, "until", path, f"{B}.tiltakspenger.until"),
                         f.boolean(m, "barnetillegg", path, f"{B}.tiltakspenger.barnetillegg"))


def _uforetrygd(raw: Any, path: str) -> Uforetrygd:
    m = f.mapping(raw, path, ("degree", "ifu", "ieu", "full_benefit", "granted", "vta", "reports_income", "barnetillegg"))
    u = f"{B}.uforetrygd"
    degree = f.number(m, "degree", path, f"{u}.degree")
    ifu = f.number(m, "ifu", path, f"{u}.ifu")
    full = f.number(m, "full_benefit", path, f"{u}.full_benefit")
    granted = f.day(m, "granted", path, f"{u}.granted")
    ieu = f.number(m, "ieu", path, f"{u}.ieu")
    if ieu is not None and ifu is not None and ieu >= ifu:
        raise CaseError.of(f"{path}.ieu", "ieu_below_ifu", ieu=f"{ieu:g}", ifu=f"{ifu:g}")
    return Uforetrygd(degree or 0, ifu or 0, full or 0, granted, ieu,  # type: ignore[arg-type]
                      f.boolean(m, "vta", path, f"{u}.vta"), _reporting(m, path, "uforetrygd"),
                      f.boolean(m, "barnetillegg", path, f"{u}.barnetillegg"))


def _overgangsstonad(raw: Any, path: str) -> Overgangsstonad:
    m = f.mapping(raw, path, ("expected_income", "reports_income", "until", "expected_income_from", "first_granted",
                              "special_care"))
    return Overgangsstonad(f.number(m, "expected_income", path, f"{B}.overgangsstonad.expected_income"),
                           _reporting(m, path, "overgangsstonad"), f.day(m, "until", path, f"{B}.overgangsstonad.until"),
                           f.day(m, "expected_income_from", path, f"{B}.overgangsstonad.expected_income_from"),
                           f.day(m, "first_granted", path, f"{B}.overgangsstonad.first_granted"),
                           f.boolean(m, "special_care", path, f"{B}.overgangsstonad.special_care"))


def _kvalifiseringsstonad(raw: Any, path: str) -> Kvalifiseringsstonad:
    m = f.mapping(raw, path, ("until", "barnetillegg"))
    return Kvalifiseringsstonad(f.day(m, "until", path, f"{B}.kvalifiseringsstonad.until"),
                                f.boolean(m, "barnetillegg", path, f"{B}.kvalifiseringsstonad.barnetillegg"))


def _bostotte(raw: Any, path: str) -> Bostotte:
    m = f.mapping(raw, path, ("heating_in_rent",))
    return Bostotte(f.boolean(m, "heating_in_rent", path, f"{B}.bostotte.heating_in_rent"))


def _sosialhjelp(raw: Any, path: str) -> Sosialhjelp:
    m = f.mapping(raw, path, ("income_month", "other_costs_per_month", "shared_housing"))
    return Sosialhjelp(f.choice(m, "income_month", path, f"{B}.sosialhjelp.income_month"),
                       f.number(m, "other_costs_per_month", path, f"{B}.sosialhjelp.other_costs_per_month"),
                       f.boolean(m, "shared_housing", path, f"{B}.sosialhjelp.shared_housing"))


PARSERS = {"aap": _aap, "dagpenger": _dagpenger, "tiltakspenger": _tiltakspenger, "uforetrygd": _uforetrygd,
           "overgangsstonad": _overgangsstonad, "kvalifiseringsstonad": _kvalifiseringsstonad, "bostotte": _bostotte,
           "sosialhjelp": _sosialhjelp}


def parse_benefits(raw: Any, path: str = B) -> Benefits:
    m = f.mapping(raw, path, tuple(PARSERS))
    return Benefits(**{k: fn(m[k], f"{path}.{k}") for k, fn in PARSERS.items() if m.get(k) is not None})
