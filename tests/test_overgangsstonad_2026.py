"""The 1 July 2026 change to overgangsstønad: benefit_calc.schemes.overgangsstonad_2026.

Sources (see the rule file's ``new_rules_in_force`` and ``new_rules_child_age_limit_months``): NAV's familie-ef-sak
@ c6029f3d (2026-08-21) — the 2026 søknad («Jeg har barn under 14 måneder», «Barnet trenger særlig tilsyn»),
``EksternSøknadService`` (an earlier innvilget overgangsstønad keeps the old søknad and rules), ``OppgaveBeskrivelse``
(«Forskrift om overgangsregler … fra 1. juli 2026») — and the hearing of 16 October 2025. The enacted law text was
not read; both rule values are projected. No source gives figures for a case, so the amounts here are the stønad
the unchanged formula gives (25 603 kr a month from May 2026 with no income, see test_overgangsstonad.py); what these
tests check is the months it is paid in and what the client is told.
"""

from __future__ import annotations

from datetime import date

import pytest

from benefit_calc import parse_case, simulate
from benefit_calc.core.errors import CaseError
from benefit_calc.rules.load import load_rules
from benefit_calc.schemes import overgangsstonad_2026 as os26

RULES = load_rules()
FULL = 25603  # full stønad a month from May 2026 (G 136 549 × 2.25 / 12, half even)


def case(start: str, months: int, children: list[str], **os_: object) -> dict:
    return {"start": start, "months": months,
            "client": {"birth_date": "1990-01-02", "benefits": {"overgangsstonad": os_}},
            "household": {"children": [{"birth_date": b} for b in children]}, "work": []}


def run(data: dict):
    return simulate(RULES, parse_case(data))


def paid(res) -> dict[date, int]:
    return {m.month: m.benefits["overgangsstonad"] for m in res.months}


def codes(res) -> list[str]:
    return [w.code for w in res.warnings if w.code.startswith("overgangsstonad_2026")]


def test_the_new_rules_apply_from_1_july_2026_with_14_months():
    assert os26.in_force_from(RULES) == date(2026, 7, 1)
    assert RULES.value("overgangsstonad.new_rules_child_age_limit_months", date(2026, 7, 1)) == 14
    assert RULES.value("overgangsstonad.new_rules_in_force", date(2026, 6, 30)) == 0


def test_granted_after_1_july_stops_from_the_month_the_child_turns_14_months():
    """A child born 15.10.2025 turns 14 months on 15.12.2026: paid August–November, nothing from December; the
    warning comes in November, the last month paid, and says the new rules apply and when the stønad ends."""
    res = run(case("2026-08", 8, ["2025-10-15"], first_granted="2026-08-01"))
    by = paid(res)
    assert [by[date(2026, m, 1)] for m in (8, 9, 10, 11)] == [FULL] * 4
    assert [by[m] for m in by if m >= date(2026, 12, 1)] == [0] * 4
    assert not [p for p in res.payments if p.scheme == "overgangsstonad" and p.earned_from >= date(2026, 12, 1)]
    ends = [w for w in res.warnings if w.code == "overgangsstonad_2026_ends"]
    assert len(ends) == 1 and ends[0].month == date(2026, 11, 1)
    assert "faller bort fra desember 2026" in ends[0].message
    assert "nye regler" in ends[0].message and "14 måneder" in ends[0].message
    assert "ends from December 2026" in ends[0].message_en
    assert "fell bort frå desember 2026" in ends[0].message_nn
    assert any("Siste måned med stønad i beregningen er november 2026" in n for n in res.notes)


def test_granted_before_1_july_keeps_the_old_rules():
    """First granted in 2024: the old rules go on after 1 July 2026 (forskrift om overgangsregler), so a child of
    four still gives the stønad every month; the warning in July says which rules apply."""
    res = run(case("2026-05", 12, ["2022-03-01"], first_granted="2024-03-01"))
    assert set(paid(res).values()) == {FULL}
    old = [w for w in res.warnings if w.code == "overgangsstonad_2026_old_rules"]
    assert len(old) == 1 and old[0].month == date(2026, 7, 1)
    assert "Fra 01.07.2026 gjelder nye regler" in old[0].message
    assert "Du fikk stønaden før 01.07.2026 (innvilget 01.03.2024), så du beholder de gamle reglene" in old[0].message
    assert "you keep the old rules" in old[0].message_en
    assert codes(res) == ["overgangsstonad_2026_old_rules"]


def test_the_old_code_paid_under_the_new_rules_too():
    """The same child of four, granted in September 2026: the new rules give nothing from the first month (the old
    code paid 25 603 kr every month); the warning says the stønad ends from September."""
    res = run(case("2026-09", 6, ["2022-03-01"], first_granted="2026-09-01"))
    assert set(paid(res).values()) == {0}
    ends = [w for w in res.warnings if w.code == "overgangsstonad_2026_ends"]
    assert len(ends) == 1 and ends[0].month == date(2026, 9, 1)
    assert "ingen av barna er under 14 måneder i september 2026, så stønaden faller bort fra september 2026" \
        in ends[0].message


def test_special_care_keeps_the_stonad_under_the_new_rules():
    res = run(case("2026-09", 6, ["2022-03-01"], first_granted="2026-09-01", special_care=True))
    assert set(paid(res).values()) == {FULL}
    assert codes(res) == []
    assert any("særlig tilsyn, så stønaden fortsetter" in n for n in res.notes)


def test_unknown_first_granted_before_july_is_taken_as_the_old_rules():
    res = run(case("2026-01", 12, ["2022-03-01"]))
    assert set(paid(res).values()) - {24405} == {FULL}
    assert codes(res) == ["overgangsstonad_2026_old_rules"]
    assert any("regner med at det var før 01.07.2026: da gjelder de gamle reglene" in n for n in res.notes)


def test_unknown_first_granted_is_taken_as_the_old_rules_also_in_a_case_after_july():
    """A case starting after July 2026 is of someone who has the stønad now: taken as granted before (most were),
    so it does not stop at 14 months — and the note says how to get the new rules' answer. (The helper's first
    default, the case's start month, stopped the stønad of every current recipient with a child over 14 months.)"""
    res = run(case("2026-10", 6, ["2026-01-20"]))  # turns 14 months on 20.03.2027
    assert set(paid(res).values()) == {FULL}
    assert any("regner med at det var før 01.07.2026" in n and "fyll inn datoen" in n for n in res.notes)
    stated = run(case("2026-10", 6, ["2026-01-20"], first_granted="2026-09-15"))
    assert paid(stated)[date(2027, 3, 1)] == 0  # granted after: the new rules, stops at 14 months


def test_the_youngest_child_counts():
    """Two children: the older one is past 14 months, the one born 10.06.2026 turns 14 months in August 2027."""
    res = run(case("2026-07", 18, ["2020-05-05", "2026-06-10"], first_granted="2026-07-01"))
    by = paid(res)
    assert by[date(2027, 7, 1)] > 0 and by[date(2027, 8, 1)] == 0


@pytest.mark.parametrize(("born", "first", "stop"), [
    (["2025-10-15"], "2026-07-01", "2026-12-01"),          # turns 14 months in December 2026
    (["2025-05-31"], "2026-07-01", "2026-07-01"),          # turned 14 months in July 2026: nothing from July
    (["2025-06-01"], "2026-07-01", "2026-08-01"),          # turns 14 months on 01.08.2026
    (["2025-10-15", "2026-11-02"], "2026-07-01", "2028-01-01"),  # a child born before the first stops: the next counts
    (["2027-03-01"], "2026-07-01", "2026-07-01"),          # a child not yet born does not count
])
def test_first_without_young_child(born, first, stop):
    ctx = type("Ctx", (), {"case": parse_case(case("2026-07", 12, born))})()
    assert os26.first_without_young_child(ctx, date.fromisoformat(first), 14) == date.fromisoformat(stop)


def test_nothing_changes_for_a_case_that_ends_before_the_new_rules():
    res = run(case("2025-01", 6, ["2022-03-01"], first_granted="2025-01-01"))
    assert codes(res) == [] and not any("01.07.2026" in n for n in res.notes)


def test_the_fields_are_read_and_written_back():
    c = parse_case(case("2026-08", 3, ["2025-10-15"], first_granted="2026-08-01", special_care=False))
    os_ = c.client.benefits.overgangsstonad
    assert (os_.first_granted, os_.special_care) == (date(2026, 8, 1), False)
    assert parse_case(c.to_dict()) == c
    with pytest.raises(CaseError) as e:
        parse_case(case("2026-08", 3, ["2025-10-15"], first_granted="2026-02-30"))
    assert "client.benefits.overgangsstonad.first_granted" in str(e.value.field)
    with pytest.raises(CaseError) as e:
        parse_case(case("2026-08", 3, ["2025-10-15"], special_care="ja"))
    assert "client.benefits.overgangsstonad.special_care" in str(e.value.field)
