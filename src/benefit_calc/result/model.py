"""The result of a simulation (contract ``benefit-calc/result@1``, docs/architecture.md §5) and its JSON, CSV and table forms."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import attrs

from benefit_calc.case.fields import month_text
from benefit_calc.result.payments import Payment
from benefit_calc.words import Text, in_lang
from benefit_calc.words.laws import reference_in

SCHEMA = "benefit-calc/result@1"


@attrs.frozen
class MonthRow:
    """What lands in the account in one month. ``disposable`` = wages + benefits − tax withheld + settlements."""

    month: date
    hours: float
    wages: int  # wages and feriepenger paid this month
    holiday_pay: int  # the feriepenger part of ``wages``
    benefits: dict[str, int]
    taxable_income: int
    tax_withheld: int
    settlements: int  # tax refund (+) or restskatt (−) due this month
    disposable: int
    aap_payments: int  # how many AAP payments land this month (3 in some months)
    payment_index: tuple[int, ...]  # indexes into Result.payments
    partner_net: int = 0  # the partner's income after estimated withholding (0 without a partner)

    @property
    def household_disposable(self) -> int:
        return self.disposable + self.partner_net

    def to_dict(self) -> dict[str, Any]:
        return {"month": month_text(self.month), "hours": round(self.hours, 2), "wages": self.wages,
                "holiday_pay": self.holiday_pay, "benefits": dict(self.benefits),
                "taxable_income": self.taxable_income, "tax_withheld": self.tax_withheld,
                "settlements": self.settlements, "disposable": self.disposable, "aap_payments": self.aap_payments,
                "partner_net": self.partner_net, "household_disposable": self.household_disposable}


@attrs.frozen
class PeriodRow:
    benefit: str
    start: date
    end: date
    hours: float
    work_share: float
    payment_rate: float
    amount: int
    paid_on: date
    barnetillegg: int
    dagsats: float
    limits: tuple[float, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"benefit": self.benefit, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "hours": round(self.hours, 2), "work_share": self.work_share, "payment_rate": self.payment_rate,
                "amount": self.amount, "paid_on": self.paid_on.isoformat(), "barnetillegg": self.barnetillegg,
                "dagsats": self.dagsats, "work_limit": max(self.limits, default=0.0)}


@attrs.frozen
class YearRow:
    """A calendar year's assessment: taxable income, the tax assessed and withheld, and the difference."""

    year: int
    taxable_income: int
    tax_assessed: int
    tax_withheld: int
    settlement: int  # + refund to the client, − restskatt
    parts: dict[str, int]  # alminnelig_inntekt (22 %), trinnskatt, trygdeavgift

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "taxable_income": self.taxable_income, "tax_assessed": self.tax_assessed,
                "tax_withheld": self.tax_withheld, "settlement": self.settlement, "tax_parts": dict(self.parts)}


@attrs.frozen
class Settlement:
    scheme: str
    year: int
    amount: int  # + paid to the client, − owed by the client
    month: date
    in_horizon: bool

    def to_dict(self) -> dict[str, Any]:
        return {"scheme": self.scheme, "year": self.year, "amount": self.amount, "month": month_text(self.month),
                "in_horizon": self.in_horizon}


@attrs.frozen
class Warning:
    """Something the person should know: what happens, its legal source, and what they can do."""

    code: str
    month: date | None
    message: str  # bokmål
    reference: str
    action: str = ""
    message_en: str = ""  # English
    action_en: str = ""
    message_nn: str = ""  # nynorsk
    action_nn: str = ""

    @classmethod
    def of(cls, code: str, month: date | None, reference: str, /, key: str = "", **args: Any) -> "Warning":
        """A warning whose words come from the catalogue: ``warning.<code>`` (or ``key``) with ``.message`` and
        ``.action`` in every language, filled with ``args`` (already formatted)."""
        key = key or f"warning.{code}"
        m, a = (Text(f"{key}.message", **args), Text(f"{key}.action", **args))
        return cls(code, month, m, reference, a, m.in_("en"), a.in_("en"), m.in_("nn"), a.in_("nn"))

    def message_in(self, lang: str = "nb") -> str:
        return {"en": self.message_en, "nn": self.message_nn}.get(lang, "") or self.message

    def action_in(self, lang: str = "nb") -> str:
        return {"en": self.action_en, "nn": self.action_nn}.get(lang, "") or self.action

    def reference_in(self, lang: str = "nb") -> str:
        """The legal reference in ``lang``'s own form (Sosialtenestelova § 18, the Social Services Act § 18)."""
        return reference_in(self.reference, lang)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "month": month_text(self.month) if self.month else None,
                "message": self.message, "reference": self.reference, "action": self.action,
                "reference_nn": self.reference_in("nn"), "reference_en": self.reference_in("en"),
                "message_en": self.message_en, "action_en": self.action_en,
                "message_nn": self.message_nn, "action_nn": self.action_nn}


@attrs.frozen
class Result:
    ruleset: dict[str, Any]
    start: date
    months_count: int
    months: tuple[MonthRow, ...]
    periods: tuple[PeriodRow, ...]
    years: tuple[YearRow, ...]
    settlements: tuple[Settlement, ...]
    warnings: tuple[Warning, ...]
    notes: tuple[str, ...]
    payments: tuple[Payment, ...]  # every payment of the simulated calendar years, in date order
    withheld: tuple[int, ...]  # tax withheld on each payment
    meldeperiode_start: date

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "ruleset": self.ruleset,
            "months": [m.to_dict() for m in self.months],
            "periods": [p.to_dict() for p in self.periods],
            "years": [y.to_dict() for y in self.years],
            "settlements": [s.to_dict() for s in self.settlements],
            "warnings": [w.to_dict() for w in self.warnings],
            "notes": list(self.notes),
            "notes_nn": [in_lang(n, "nn") for n in self.notes],
            "notes_en": [in_lang(n, "en") for n in self.notes],
            "meldeperiode_start": self.meldeperiode_start.isoformat(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def benefit_names(self) -> list[str]:
        names: list[str] = []
        for m in self.months:
            names += [k for k in m.benefits if k not in names]
        return names

    def to_csv(self) -> str:
        out = io.StringIO()
        names = self.benefit_names()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["month", "hours", "wages", "holiday_pay", *names, "taxable_income", "tax_withheld",
                    "settlements", "disposable", "partner_net", "household_disposable"])
        for m in self.months:
            w.writerow([month_text(m.month), round(m.hours, 2), m.wages, m.holiday_pay,
                        *[m.benefits.get(n, 0) for n in names], m.taxable_income, m.tax_withheld, m.settlements,
                        m.disposable, m.partner_net, m.household_disposable])
        return out.getvalue()

    def total(self, key: str) -> int:
        return sum(getattr(m, key) for m in self.months)

    def later_settlements(self) -> int:
        """Settlements of the simulated years that fall after the horizon (e.g. next year's restskatt)."""
        last = self.months[-1].month
        return sum(s.amount for s in self.settlements if not s.in_horizon and s.month >= last)

    def household_total(self) -> int:
        """The household's disposable income over the horizon plus the settlements that come after it."""
        return self.total("household_disposable") + self.later_settlements()

    def payments_in(self, month: date) -> list[tuple[Payment, int]]:
        row = next(m for m in self.months if m.month == month)
        return [(self.payments[i], self.withheld[i]) for i in row.payment_index]
