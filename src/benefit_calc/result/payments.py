"""What lands in the account: one :class:`Payment` per payout, each with the explanation of its amount."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Mapping, NamedTuple

import attrs

from benefit_calc.rules.load import Ruleset
from benefit_calc.rules.units import value_text
from benefit_calc.words import Text
from benefit_calc.words.laws import legal_in, reference_in


@attrs.frozen
class Used:
    """One parameter value a calculation used: name, value, the date it was in force from, its source."""

    name: str
    value: Any
    valid_from: date
    reference: str
    label: Mapping[str, str] = attrs.field(factory=dict, eq=False)  # the parameter's name for people: {nb, nn, en}
    unit: str = ""
    kind: str = "number"

    def label_in(self, lang: str = "nb") -> str:
        return self.label.get(lang) or self.label.get("nb") or self.name

    def shown_in(self, lang: str = "nb") -> str:
        """The value as a person reads it (``136 549 kr i året``, ``66 %``), by the parameter's unit."""
        return value_text(self.value, self.unit, self.kind, lang) if self.unit else str(self.value)

    def law_in(self, lang: str = "nb") -> str:
        """The laws the parameter's source names, in ``lang`` — what a person is shown; ``reference`` (the whole
        source: NAV's code, web pages, notes) is for the counsellor."""
        return legal_in(self.reference, lang)

    def to_dict(self, lang: str = "nb") -> dict[str, Any]:
        value = self.value
        if isinstance(value, tuple):
            value = [attrs.asdict(v) if attrs.has(type(v)) else v for v in value]
        return {"name": self.name, "value": value, "valid_from": self.valid_from.isoformat(), "reference": self.reference,
                "label": self.label_in(lang), "unit": self.unit, "shown": self.shown_in(lang), "law": self.law_in(lang)}


def used(rules: Ruleset, name: str, day: date) -> Used:
    """Record which value of ``name`` was in force on ``day``, where it comes from, and its name for people."""
    p = rules.param(name)
    v = p.at(day)
    refs = v.references or p.references
    return Used(name, v.value, v.valid_from, refs[0].title if refs else "", label=p.label, unit=p.unit, kind=p.kind)


@attrs.frozen
class Explanation:
    """Why an amount is what it is: the rule in plain words, the numbers and the parameter values used."""

    rule: str
    text: str  # bokmål
    reference: str
    used: tuple[Used, ...] = ()
    text_en: str = ""  # English
    text_nn: str = ""  # nynorsk

    @classmethod
    def of(cls, rule: str, reference: str, used: tuple[Used, ...], /, key: str = "", **args: Any) -> "Explanation":
        """An explanation whose words come from the catalogue (``explain.<rule>`` or ``key``), in every language."""
        t = Text(key or f"explain.{rule}", **args)
        return cls(rule, t, reference, used, t.in_("en"), t.in_("nn"))

    def text_in(self, lang: str = "nb") -> str:
        """The text in ``lang`` (bokmål when there is none in it)."""
        return {"en": self.text_en, "nn": self.text_nn}.get(lang, "") or self.text

    def to_dict(self, lang: str = "nb") -> dict[str, Any]:
        return {"rule": self.rule, "text": self.text_in(lang), "reference": reference_in(self.reference, lang),
                "parameters": [u.to_dict(lang) for u in self.used]}


class Payment(NamedTuple):
    """A gross amount paid to the client on ``paid_on`` (earned in ``earned_from``–``earned_to``).

    Immutable like the frozen attrs classes elsewhere, but a named tuple: a simulation makes about a hundred
    payments and an hours sweep forty times that, and a named tuple is made in 0.6 µs against 1.1 µs for a frozen
    attrs instance (measured; 8 % of the Python work of a simulation).
    """

    scheme: str
    paid_on: date
    amount: int
    taxable: bool
    payer: str  # "employer", "nav", "husbanken" or "kommune"
    earned_from: date
    earned_to: date
    explanation: Explanation | Callable[[], Explanation]  # or a function that makes it, when asked (cheap sweeps)
    frequency: str = "monthly"  # "monthly" or "14-day": which withholding table period applies

    def explained_by(self, explanation: Explanation | Callable[[], Explanation]) -> "Payment":
        """The same payment with another explanation (a simulation does this per payment: ``tuple.__new__`` is the
        named tuple made without its own ``__new__`` call, four times faster than ``_replace``)."""
        return tuple.__new__(Payment, (*self[:7], explanation, self[8]))

    def explain(self) -> Explanation:
        """The explanation of this amount: the rule, the numbers and the parameter values used."""
        e = self.explanation
        return e if isinstance(e, Explanation) else e()
