"""The rules cover every month a case may start in (benefit_calc.coverage, run by `rules validate`)."""

from __future__ import annotations

from datetime import date

import attrs

from benefit_calc import load_rules
from benefit_calc.analysis.coverage import PROBES, check, probe_case

RULES = load_rules()


def test_the_bundled_rules_cover_every_supported_month_and_nearly_every_parameter() -> None:
    gaps, read = check(RULES)
    assert gaps == []
    assert set(RULES.parameters) - read <= {"grunnbelop.g_average", "kommunenummer.renumbered_2024"}


def test_a_missing_value_is_reported_with_probe_and_month() -> None:
    early = attrs.evolve(RULES, supported=(date(2022, 1, 1), date(2022, 1, 1)))
    gaps, _ = check(early)
    assert gaps and all(g.start == date(2022, 1, 1) for g in gaps)
    assert any("no value on 2022-" in g.problem for g in gaps)


def test_probes_are_valid_cases_in_every_year() -> None:
    from benefit_calc import parse_case

    for name in PROBES:
        for year in (2023, 2030, 2035):
            parse_case(probe_case(name, date(year, 1, 1)))
