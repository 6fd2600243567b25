"""Are the rules current? Official machine-readable files a maintainer has downloaded, compared with the rules.

``benefit-calc rules check-updates FILE…`` reads each file, recognises what it is and compares it:

* **NAV's grunnbeløp JSON** — the single object of NAV's grunnbeløp API (``dato``, ``grunnbeløp``,
  ``grunnbeløpPerMåned``, ``gjennomsnittPerÅr``, ``omregningsfaktor``) or the list its history endpoint gives:
  ``grunnbelop.g`` from ``dato`` and ``grunnbelop.g_average`` from 1 January of that year.
* **SSB's KLASS 131** (Standard for kommuneinndeling) as JSON — ``{"codes": [{"code", "name", …}]}`` from the
  ``codes``/``codesAt`` endpoints, or ``classificationItems`` from a version: ``kommunenummer.numbers``.
* **Skatteetaten's trekkrutine ``Konstanter.java``** for a year (the year from its package name,
  ``trekkrutine2027``): personfradrag, trinnskatt, fellesskatt, skattøre, trygdeavgift, minstefradrag, each from
  1 January of that year.

and, for every parameter with a yearly renewal date, whether that date has passed without a new value
(``stale``) or the last check was before it. Each finding says what to do, in words (``cli.updates.*``). Pure
functions of the rules, the files' bytes and a day; the command's exit code is 1 when anything is to be done.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable, Mapping

import attrs

from benefit_calc.core.errors import BenefitCalcError
from benefit_calc.core.safe_load import parse
from benefit_calc.rules.model import Bracket, Parameter, Ruleset
from benefit_calc.words import text

# Konstanter.java name → (parameter, how the file's number becomes ours): a percentage becomes a fraction
KONSTANTER = {
    "PERSONFRADRAG": ("skatt.personfradrag", 1), "FELLES_SKATT_VANLIG": ("skatt.fellesskatt", 100),
    "FELLES_SKATT_FINNMARK": ("skatt.fellesskatt_finnmark", 100), "SKATTORE": ("skatt.skattore", 100),
    "AVG_FRI_TRYGDEAVGIFT": ("skatt.trygdeavgift_lower_limit", 1), "TRYGDE_PROSENT": ("skatt.trygdeavgift_phase_in", 100),
    "HOY_TRYGDEAVG_PROSENT": ("skatt.trygdeavgift_rate", 100), "MAX_MINSTE_FRADRAG": ("skatt.minstefradrag_max", 1),
    "MINSTE_FRAD_PROSENT": ("skatt.minstefradrag_rate", 100),
    "MAX_ANV_MINSTE_FRADRAG": ("skatt.table_minstefradrag_max", 1),
    "ANV_MINSTE_FRAD_PROSENT": ("skatt.table_minstefradrag_rate", 100),
}
BRACKETS = 5  # TRINN1…TRINN5 with PROSENT_TRINN1…5: skatt.trinnskatt
MAX_FILE = 2_000_000  # bytes: KLASS 131 with every version is well under this


class UpdateFileError(BenefitCalcError):
    """A file that is none of the kinds ``check-updates`` knows, or that cannot be read: ``problem`` is a word key
    (``cli.updates.problem.<problem>``) filled with ``values``, so the message is in the user's language."""

    def __init__(self, file: str, problem: str, **args: Any) -> None:
        super().__init__(f"{file}: {problem} {args}")
        self.file, self.problem, self.values = file, problem, args

    def message(self, lang: str = "nb") -> str:
        return f"{self.file}: {text(f'cli.updates.problem.{self.problem}', lang, **self.values)}"


@attrs.frozen
class Finding:
    """One thing the rules and an official file say about a parameter. ``kind``: ``agrees``, ``differs`` (the
    rules have another value for that date), ``newer`` (the file has a date after the rules' last value),
    ``missing`` (a date between the rules' values that they do not hold), ``confirm`` (the rules' value for that
    date is marked projected and the file confirms it), ``stale`` (a renewal date has passed without a new value),
    ``unchecked`` (the last check was before the last renewal date), ``before`` (a date before the rules' first
    value: not compared, the rules do not reach back so far)."""

    kind: str
    parameter: str
    day: date | None
    ours: Any = None
    theirs: Any = None
    source: str = ""

    @property
    def to_do(self) -> bool:
        return self.kind not in ("agrees", "before")


def _value_on(p: Parameter, day: date) -> tuple[Any, date | None, str]:
    """(value, its valid-from, its status) on ``day``, or (None, None, "") before the first value."""
    try:
        v = p.at(day)
    except BenefitCalcError:
        return None, None, ""
    return v.value, v.valid_from, v.status


def compare(rules: Ruleset, name: str, day: date, theirs: Any, source: str) -> Finding:
    """The file's value ``theirs`` for parameter ``name`` from ``day``, against the rules."""
    p = rules.param(name)
    ours, since, status = _value_on(p, day)
    same = ours is not None and _same(ours, theirs)
    if since is None:  # before the rules' first value: the rules do not reach back so far, on purpose
        return Finding("before", name, day, None, theirs, source)
    if since == day:
        kind = ("confirm" if status == "projected" else "agrees") if same else "differs"
    elif day > p.values[-1].valid_from:
        kind = "newer"  # a value for a date after our last: add it (even when unchanged, it is no longer projected)
    else:
        kind = "agrees" if same else "missing"  # unchanged since an earlier date of ours, or a date we lack
    return Finding(kind, name, day, ours, theirs, source)


def _same(ours: Any, theirs: Any) -> bool:
    if isinstance(ours, tuple) and ours and isinstance(ours[0], Bracket):
        return [(round(b.threshold), round(b.rate, 6)) for b in ours] == [(round(t), round(r, 6)) for t, r in theirs]
    if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)):
        return abs(float(ours) - float(theirs)) < 1e-9
    return bool(ours == theirs)


# ---------------------------------------------------------------------------------------------- the kinds of file


def _g(rules: Ruleset, data: Any, source: str) -> list[Finding]:
    records = data if isinstance(data, list) else [data]
    if not records:
        raise UpdateFileError(source, "not_kind")
    out = []
    for r in records:
        if not isinstance(r, Mapping) or "dato" not in r or "grunnbeløp" not in r:
            raise UpdateFileError(source, "g_record")
        day = _date(r["dato"], source)
        out.append(compare(rules, "grunnbelop.g", day, _number(r["grunnbeløp"], source), source))
        if "gjennomsnittPerÅr" in r:
            out.append(compare(rules, "grunnbelop.g_average", date(day.year, 1, 1),
                               _number(r["gjennomsnittPerÅr"], source), source))
    return out


def _klass(rules: Ruleset, data: Mapping[str, Any], source: str) -> list[Finding]:
    items = data.get("codes") if "codes" in data else data.get("classificationItems")
    if not isinstance(items, list):
        raise UpdateFileError(source, "klass_list")
    theirs = {}
    for item in items:
        if not isinstance(item, Mapping) or not isinstance(item.get("code"), str):
            raise UpdateFileError(source, "klass_item")
        if str(item.get("level", "1")) == "1":
            theirs[item["code"]] = str(item.get("name", ""))
    p = rules.param("kommunenummer.numbers")
    latest = p.values[-1]
    ours = dict(latest.value)
    ours.pop("2100", None)  # Svalbard: kept in our table on purpose (see kommunenummer.yaml), not in KLASS 131
    theirs.pop("2100", None)
    if ours == theirs:
        return [Finding("agrees", p.name, latest.valid_from, len(ours), len(theirs), source)]
    added = sorted(set(theirs) - set(ours))
    gone = sorted(set(ours) - set(theirs))
    renamed = sorted(c for c in set(ours) & set(theirs) if ours[c] != theirs[c])
    changes = ([f"+{c} {theirs[c]}" for c in added] + [f"−{c} {ours[c]}" for c in gone]
               + [f"{c} {ours[c]} → {theirs[c]}" for c in renamed])
    return [Finding("differs", p.name, latest.valid_from, len(ours), "; ".join(changes[:12])
                    + (f" (+{len(changes) - 12})" if len(changes) > 12 else ""), source)]


_CONST = re.compile(r"\b([A-Z][A-Z0-9_]*)\s*=\s*(-?\d+(?:\.\d+)?)[LdDfF]?\s*[,;]")


def _konstanter(rules: Ruleset, text: str, source: str) -> list[Finding]:
    year = re.search(r"trekkrutine(\d{4})", text)
    if not year:
        raise UpdateFileError(source, "no_year")
    day = date(int(year.group(1)), 1, 1)
    values = {name: float(number) for name, number in _CONST.findall(text)}
    out = []
    for const, (name, scale) in KONSTANTER.items():
        if const in values:
            theirs = values[const] / scale
            out.append(compare(rules, name, day, int(theirs) if theirs.is_integer() and scale == 1 else theirs, source))
    steps = [(values.get(f"TRINN{k}"), values.get(f"PROSENT_TRINN{k}")) for k in range(1, BRACKETS + 1)]
    if all(t is not None and r is not None for t, r in steps):
        out.append(compare(rules, "skatt.trinnskatt", day, [(t, r / 100) for t, r in steps], source))  # type: ignore[operator]
    if not out:
        raise UpdateFileError(source, "no_constant")
    return out


def findings_in(rules: Ruleset, data: bytes, source: str) -> list[Finding]:
    """What the file ``source`` (its bytes ``data``) says against the rules; :class:`UpdateFileError` when it is not
    a file of a kind this knows."""
    if len(data) > MAX_FILE:
        raise UpdateFileError(source, "too_large", mb=MAX_FILE // 1_000_000)
    head = data[:4000].decode("utf-8", errors="replace")
    if "class Konstanter" in head or "trekkrutine" in head:
        return _konstanter(rules, data.decode("utf-8", errors="replace"), source)
    try:
        parsed = parse(data, json_only=True)
    except BenefitCalcError:
        raise UpdateFileError(source, "not_json") from None
    if isinstance(parsed, Mapping) and ("codes" in parsed or "classificationItems" in parsed):
        return _klass(rules, parsed, source)
    if isinstance(parsed, (Mapping, list)):
        return _g(rules, parsed, source)
    raise UpdateFileError(source, "not_kind")


def staleness(rules: Ruleset, today: date, names: Iterable[str] | None = None) -> list[Finding]:
    """Parameters with a yearly renewal date (``renewed``) that has passed by ``today`` without a value from it
    (``stale``), or whose last check (``verified``) was before that date (``unchecked``)."""
    out = []
    for name in sorted(names if names is not None else rules.parameters):
        p = rules.param(name)
        if p.renewed is None:
            continue
        month, day_ = p.renewed
        due = date(today.year, month, day_)
        if due > today:
            due = date(today.year - 1, month, day_)
        real = [v.valid_from for v in p.values if v.status != "projected"]
        if not real or real[-1] < due:
            out.append(Finding("stale", name, due, real[-1] if real else None, None, p.file))
        elif p.verified is None or p.verified < due:
            out.append(Finding("unchecked", name, due, p.verified, None, p.file))
    return out


def _date(value: Any, source: str) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise UpdateFileError(source, "not_date", value=str(value)[:40]) from None


def _number(value: Any, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UpdateFileError(source, "not_number", value=str(value)[:40])
    return value
