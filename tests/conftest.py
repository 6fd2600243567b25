"""Scheme tests written as YAML (``tests/schemes/*.yaml``): a case, what to expect, and where the figure comes from.

Each entry of a file becomes one test, so a rules maintainer adds a published figure without writing Python::

    - name: Kontantstøtte for a child born 15.01.2024 is paid February to August 2025
      source: NAV familie-ks-sak (2025 law), forskyvning example
      case: {start: 2025-01, months: 9, client: {birth_date: 1990-01-01}, household: {children: [...]}}
      overlays: [overlays/what-if.yaml]     # optional, next to the YAML file
      expect:
        months:   {2025-02: {kontantstotte: 7500, disposable: 9468}}   # any month-row field or benefit
        periods:  [{benefit: aap, start: 2024-01-01, amount: 12400}]    # meldeperioder by start day; fields as in the JSON result
        payments: [{scheme: wages, paid_on: 2024-03-20, amount: 50000, withheld: 14774}]  # withheld: optional
        settlements: [{scheme: dagpenger_ferietillegg, year: 2026, month: 2027-05, amount: 4245}]  # after the horizon too
        years:    [{year: 2024, taxable_income: 600000, tax_assessed: 150134, trinnskatt: 13728}]  # the skatteoppgjør
        warnings: [aap_work_limit]                                      # codes that must be there

``withheld`` is the tax withheld on that payment (``Result.withheld``, parallel to ``Result.payments``). A year's
fields are those of the JSON result's ``years`` (taxable_income, tax_assessed, tax_withheld, settlement) and the
keys of its ``tax_parts`` (minstefradrag, alminnelig_inntekt, skatt_alminnelig_inntekt, trinnskatt, trygdeavgift).

Every expectation is checked; the test's failure message names the entry, the field and both values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

SCHEME_TESTS = Path(__file__).parent / "schemes"
MONTH_FIELDS = ("hours", "wages", "holiday_pay", "taxable_income", "tax_withheld", "settlements", "disposable",
                "partner_net", "household_disposable", "aap_payments")


def pytest_collect_file(parent: Any, file_path: Path) -> Any:
    if file_path.suffix == ".yaml" and file_path.parent == SCHEME_TESTS:
        return SchemeFile.from_parent(parent, path=file_path)
    return None


class SchemeFile(pytest.File):
    def collect(self) -> Iterator["SchemeItem"]:
        from benefit_calc.core.safe_load import parse

        entries = parse(self.path.read_bytes())
        if not isinstance(entries, list):
            raise ValueError(f"{self.path.name}: a scheme test file is a list of entries")
        for i, entry in enumerate(entries):
            missing = {"name", "source", "case", "expect"} - set(entry)
            if missing:
                raise ValueError(f"{self.path.name}[{i}]: missing {', '.join(sorted(missing))}")
            yield SchemeItem.from_parent(self, name=entry["name"], entry=entry)


class SchemeItem(pytest.Item):
    def __init__(self, *, entry: dict[str, Any], **kw: Any) -> None:
        super().__init__(**kw)
        self.entry = entry

    def runtest(self) -> None:
        from benefit_calc import load_rules, parse_case, simulate

        overlays = [self.path.parent / o for o in self.entry.get("overlays", [])]
        rules = load_rules(overlays=overlays)
        result = simulate(rules, parse_case(self.entry["case"]))
        expect = self.entry["expect"]
        rows = {f"{m.month:%Y-%m}": m for m in result.months}
        for month, fields in (expect.get("months") or {}).items():
            assert str(month) in rows, f"month {month} is not in the result (it has {', '.join(rows)})"
            row = rows[str(month)]
            for field, want in fields.items():
                got = getattr(row, field) if field in MONTH_FIELDS else row.benefits.get(field, 0)
                assert got == want, f"{month} {field}: got {got}, expected {want} ({self.entry['source']})"
        periods = {(p.benefit, p.start.isoformat()): p.to_dict() for p in result.periods}  # as in the JSON result
        for want in expect.get("periods") or []:
            key = (want["benefit"], str(want["start"]))
            assert key in periods, f"no {key[0]} meldeperiode starts on {key[1]} (have {sorted(periods)})"
            for field, value in want.items():
                if field not in ("benefit", "start"):
                    assert field in periods[key], f"a period has no field {field!r} (it has {sorted(periods[key])})"
                    got = periods[key][field]
                    assert got == value, f"{want['benefit']} {want['start']} {field}: got {got}, expected {value}"
        for want in expect.get("payments") or []:
            found = [(p.amount, w) for p, w in zip(result.payments, result.withheld, strict=True)
                     if p.scheme == want["scheme"] and p.paid_on.isoformat() == str(want["paid_on"])]
            got = [amount for amount, _ in found]
            assert got == [want["amount"]], f"{want['scheme']} {want['paid_on']}: got {got}, expected {want['amount']}"
            if "withheld" in want:
                withheld = found[0][1]
                assert withheld == want["withheld"], \
                    f"{want['scheme']} {want['paid_on']} withheld: got {withheld}, expected {want['withheld']}"
        for want in expect.get("settlements") or []:  # {scheme, year, amount, month}; after the horizon too
            found = [s.amount for s in result.settlements
                     if s.scheme == want["scheme"] and s.year == want["year"] and f"{s.month:%Y-%m}" == str(want["month"])]
            assert found == [want["amount"]], f"{want['scheme']} {want['year']}: got {found}, expected {want['amount']}"
        years = {y.year: {**y.to_dict(), **y.parts} for y in result.years}  # the tax_parts' keys as fields
        for want in expect.get("years") or []:
            assert want["year"] in years, f"year {want['year']} is not in the result (it has {sorted(years)})"
            have = years[want["year"]]
            for field, value in want.items():
                if field != "year":
                    assert field in have, f"a year has no field {field!r} (it has {sorted(have)})"
                    got = have[field]
                    assert got == value, f"{want['year']} {field}: got {got}, expected {value}"
        codes = {w.code for w in result.warnings}
        for code in expect.get("warnings") or []:
            assert code in codes, f"warning {code} missing (have {sorted(codes)})"

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"{self.path.name}: {self.name} — {self.entry['source']}"

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        return f"{self.name}\n  source: {self.entry['source']}\n  {excinfo.value}"
