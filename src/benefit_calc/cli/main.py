"""``benefit-calc``: the command group, ``simulate`` and the ``rules`` commands (docs/architecture.md, "Front ends").

Exit 0 on success, 1 on a calculation or rules error, 2 on bad usage or bad input. Errors go to stderr as one
plain sentence (``Error: …``); no traceback for our own errors.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from benefit_calc.case.model import load_case
from benefit_calc.core.errors import BenefitCalcError
from benefit_calc.case.fields import month_text
from benefit_calc.result.model import Result
from benefit_calc.words import formats, has, text
from benefit_calc.words.laws import legal_in
from benefit_calc.cli.common import FORMATS, LANG, OVERLAY_OPT, RULES_OPT, Fail, guard, rules_from
from benefit_calc.rules.load import load_rules


def _kr(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def format_table(result: Result, lang: str = "nb") -> str:
    """A plain-text month table, with meldeperioder and warnings below it, in ``lang`` (nb, nn or en): columns and
    benefits named in words from the catalogue, shares in percent."""
    from benefit_calc.analysis.cliffs import component_label
    from benefit_calc.analysis.sentences import settlement_name
    from benefit_calc.words import in_lang

    def t(key: str, **args: Any) -> str:
        return text(f"cli.table.{key}", lang, **args)

    def col(key: str) -> str:
        return text(f"month_table.{key}", lang)
    names = result.benefit_names()
    head = [col("month"), col("hours"), col("wages"), *(component_label(n, lang) for n in names), col("tax"),
            col("settle"), col("disposable")]
    rows = [[month_text(m.month), f"{m.hours:g}", _kr(m.wages), *[_kr(m.benefits.get(n, 0)) for n in names],
             _kr(m.tax_withheld), _kr(m.settlements), _kr(m.disposable)] for m in result.months]
    rows.append([t("sum"), f"{sum(m.hours for m in result.months):g}", _kr(result.total("wages")),
                 *[_kr(sum(m.benefits.get(n, 0) for m in result.months)) for n in names],
                 _kr(result.total("tax_withheld")), _kr(result.total("settlements")), _kr(result.total("disposable"))])
    lines = _columns([head, *rows])
    if result.periods:
        period_head = [t(f"period_head.{k}") for k in ("benefit", "period", "hours", "work", "paid_share", "amount",
                                                         "paid_on")]
        periods = [[component_label(p.benefit, lang), f"{p.start:%d.%m.%Y}–{p.end:%d.%m.%Y}", f"{p.hours:g}",
                    _percent(p.work_share), _percent(p.payment_rate), _kr(p.amount), f"{p.paid_on:%d.%m.%Y}"]
                   for p in result.periods]
        lines += ["", t("periods")] + ["  " + line for line in _columns([period_head, *periods], left=1)]
    others = [s for s in result.settlements if s.scheme != "skatt"]
    if others:
        lines += ["", t("others")]
        for s in others:
            name = settlement_name(s.scheme, s.year, lang)
            line = t("other_paid" if s.amount > 0 else "other_claimed", name=name, amount=_kr(abs(s.amount)),
                     month=month_text(s.month))
            lines.append("  " + line + ("" if s.in_horizon else " " + t("after_period")))
    if result.years:
        lines += ["", t("years")]
        for y in result.years:
            lines.append("  " + t("year_refund" if y.settlement >= 0 else "year_owe", year=y.year,
                                  income=_kr(y.taxable_income), tax=_kr(y.tax_assessed), withheld=_kr(y.tax_withheld),
                                  amount=_kr(abs(y.settlement))))
    if result.warnings:
        lines += ["", t("warnings")]
        for w in result.warnings:
            action, law = w.action_in(lang), legal_in(w.reference, lang)  # the law in the language, none: nothing
            lines.append(f"  [{month_text(w.month) if w.month else '-'}] {w.message_in(lang)}" + (f" ({law})" if law else "")
                         + (" " + t("advice", action=action) if action else ""))
    if result.notes:
        lines += ["", t("notes")] + [f"  - {in_lang(n, lang)}" for n in result.notes]
    stamp = result.ruleset
    lines += ["", t("ruleset", id=stamp["id"], version=stamp["version"], sha=stamp["sha256"][:12])
              + (", " + t("overlays", names=", ".join(stamp["overlays"])) if stamp["overlays"] else "")]
    return "\n".join(lines)


def _percent(share: float) -> str:
    """A share as a percent, the same in every language: 0.59 → "59 %"."""
    return f"{share * 100:.0f} %"


def _columns(rows: list[list[str]], left: int = 0) -> list[str]:
    """Rows as lines of columns, right-aligned (the first ``left`` columns left-aligned), with a rule under the head."""
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(c).ljust(w) if i < left else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))
                       ).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="benefit-calc")
def main() -> None:
    """Month-by-month money for people on Norwegian benefits who start working."""


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@LANG
@RULES_OPT
@OVERLAY_OPT
@guard
def simulate(case_file: str, fmt: str, lang: str, rules_dir: str | None, overlays: tuple[str, ...]) -> None:
    """Simulate CASE_FILE month by month."""
    from benefit_calc.engine.simulate import simulate as run
    from benefit_calc.present.outputs import simulate_data

    case = load_case(Path(case_file))
    rules = rules_from(rules_dir, overlays)
    if fmt == "json":
        click.echo(json.dumps(simulate_data(rules, case), ensure_ascii=False, indent=2))
        return
    result = run(rules, case)
    click.echo(result.to_csv().rstrip("\n") if fmt == "csv" else format_table(result, lang))


@main.group()
def rules() -> None:
    """List, show, validate and compare the rule files."""


def _value_text(value: Any, lang: str = "nb") -> str:
    if isinstance(value, tuple) and value and hasattr(value[0], "threshold"):
        return ", ".join(text("cli.rules.bracket", lang, rate=f"{b.rate:g}", threshold=_kr(b.threshold)) for b in value)
    return json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (dict, tuple, list)) else str(value)


def _r(key: str, lang: str, **args: Any) -> str:
    return text(f"cli.rules.{key}", lang, **args)


@rules.command("list")
@RULES_OPT
@LANG
@guard
def rules_list(rules_dir: str | None, lang: str = "nb") -> None:
    """Every parameter with its current value."""
    rs = rules_from(rules_dir, ())
    today = date.today()
    for name, p in sorted(rs.parameters.items()):
        v = p.values[-1] if p.values[-1].valid_from <= today else p.at(today)
        click.echo(f"{name:45} {_value_text(v.value, lang):>20} {p.unit:10} {_r('from', lang, date=v.valid_from.isoformat())}")


@rules.command("show")
@click.argument("name")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Show the value on this date.")
@RULES_OPT
@LANG
@guard
def rules_show(name: str, on: Any, rules_dir: str | None, lang: str = "nb") -> None:
    """One parameter: description, source and dated values."""
    p = rules_from(rules_dir, ()).param(name)
    click.echo(f"{p.name} ({p.unit}) — {p.file}\n{p.description}")
    for r in p.references:
        click.echo("  " + _r("source", lang, title=r.title, url=r.url).rstrip())
    if on is not None:
        v = p.at(on.date())
        click.echo(_r("at_date", lang, date=on.date().isoformat(), value=_value_text(v.value, lang),
                      since=v.valid_from.isoformat())
                   + (" — " + _r("projected", lang) if p.is_projected(on.date()) else ""))
        return
    for v in p.values:
        status = _r(f"status.{v.status}", lang) if has(f"cli.rules.status.{v.status}") else v.status
        click.echo(f"  {v.valid_from.isoformat()}: {_value_text(v.value, lang)}"
                   + (f"  [{status}]" if v.status != "in_force" else ""))
    click.echo("  " + _r("checked", lang, date=p.verified.isoformat() if p.verified else "-"))


@rules.command("validate")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@LANG
@guard
def rules_validate(directory: str | None, lang: str = "nb") -> None:
    """Check every rule file by form and meaning, and that the engine finds every value it reads on every month a
    case may start in; exit 1 naming file, key and problem if not."""
    from benefit_calc.analysis.coverage import check

    rs = load_rules(directory)
    gaps, read = check(rs)
    if gaps:
        for gap in gaps[:20]:
            click.echo(_r("gap", lang, probe=gap.probe, month=f"{gap.start:%Y-%m}", problem=gap.problem), err=True)
        raise Fail(_r("gaps", lang, n=len(gaps), first=f"{rs.supported[0]:%Y-%m}", last=f"{rs.supported[1]:%Y-%m}")
                    if rs.supported else _r("no_months", lang), 1, lang)
    unused = sorted(set(rs.parameters) - read)
    click.echo(_r("ok", lang, n=len(rs.parameters), read=len(read), first=f"{rs.supported[0]:%Y-%m}",
                  last=f"{rs.supported[1]:%Y-%m}", id=rs.id, version=rs.version, sha=rs.sha256))
    if unused:
        click.echo(_r("unused", lang, names=", ".join(unused)))


@rules.command("diff")
@click.option("--from", "d1", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--to", "d2", required=True, type=click.DateTime(["%Y-%m-%d"]))
@RULES_OPT
@LANG
@guard
def rules_diff(d1: Any, d2: Any, rules_dir: str | None, lang: str = "nb") -> None:
    """Parameters whose value differs between two dates."""
    rs = rules_from(rules_dir, ())
    a, b = d1.date(), d2.date()
    changed = 0
    for name, p in sorted(rs.parameters.items()):
        try:
            va, vb = p.value(a), p.value(b)
        except BenefitCalcError:
            continue
        if va != vb:
            changed += 1
            click.echo(f"{name}: {_value_text(va, lang)} → {_value_text(vb, lang)}")
    click.echo(_r("changed", lang, n=changed, first=a.isoformat(), last=b.isoformat()))


@rules.command("check-updates")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, exists=True))
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day to judge renewal dates against (default: today).")
@click.option("--files-only", is_flag=True, help="Compare the files only; skip the renewal-date check.")
@RULES_OPT
@LANG
@guard
def rules_check_updates(files: tuple[str, ...], today: Any, files_only: bool, rules_dir: str | None,
                        lang: str = "nb") -> None:
    """Compare official files a maintainer downloaded (NAV's grunnbeløp JSON, SSB's KLASS 131 JSON, Skatteetaten's
    trekkrutine Konstanter.java) with the rules, and list renewal dates passed without a new value; exit 1 when
    there is something to do, 0 when the rules agree."""
    from benefit_calc.core.safe_load import read_bounded
    from benefit_calc.rules.updates import MAX_FILE, UpdateFileError, findings_in, staleness

    rs = rules_from(rules_dir, ())
    found = []
    for f in files:
        try:
            found += findings_in(rs, read_bounded(f, MAX_FILE), Path(f).name)  # refused there when longer
        except UpdateFileError as exc:
            raise Fail(exc.message(lang), 2, lang) from None
    if not files_only:
        found += staleness(rs, today.date() if today else date.today())
    before = [x for x in found if x.kind == "before"]
    found = [x for x in found if x.kind != "before"]
    for x in found:
        args = {"name": x.parameter, "day": formats.day(x.day, lang) if x.day else "-", "source": x.source,
                "ours": (formats.day(x.ours, lang) if isinstance(x.ours, date) else _value_text(x.ours, lang))
                if x.ours is not None else "-",
                "theirs": _value_text(tuple(x.theirs) if isinstance(x.theirs, list) else x.theirs, lang)}
        click.echo(("✓ " if not x.to_do else "✗ ") + _u(x.kind, lang, **args))
    if before:
        click.echo(_u("before", lang, n=len(before)))
    todo = sum(x.to_do for x in found)
    click.echo(_u("summary_todo_one" if todo == 1 else "summary_todo", lang, n=todo) if todo else
               _u("summary_ok", lang, n=len(found)))
    if todo:
        raise click.exceptions.Exit(1)


def _u(key: str, lang: str, **args: Any) -> str:
    return text(f"cli.updates.{key}", lang, **args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
