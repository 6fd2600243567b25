"""``benefit-calc``: the command line (DESIGN §7).

Exit 0 on success, 1 on a calculation or rules error, 2 on bad usage or bad input. Errors go to stderr as one
plain sentence (``Error: …``); no traceback for our own errors.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, Callable

import click

from .case import load_case
from .errors import BenefitCalcError, CaseError
from .fields import month_text
from .result import Result
from .words import LANGS, text
from .rules import Ruleset, load_rules


class _Fail(click.ClickException):
    def __init__(self, message: str, code: int, lang: str = "nb") -> None:
        super().__init__(message)
        self.exit_code = code
        self.lang = lang

    def show(self, file: Any = None) -> None:
        click.echo(f"{text('cli.error', self.lang)}: {self.format_message()}", err=True)


LANG = click.option("--lang", type=click.Choice(list(LANGS)), default="nb", show_default=True,
                    help="Language of the text: bokmål (nb), nynorsk (nn) or English (en).")


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our own errors into one-line messages with the contract's exit codes."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = kwargs.get("lang") or "nb"
        try:
            return fn(*args, **kwargs)
        except CaseError as exc:
            raise _Fail(exc.message(lang, path=True), 2, lang) from None
        except BenefitCalcError as exc:
            raise _Fail(str(exc), 1, lang) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # a bug of ours: one plain line, no traceback (and no case values)
            raise _Fail(text("cli.internal", lang, what=type(exc).__name__), 1, lang) from None
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


def _rules(rules_dir: str | None, overlays: tuple[str, ...]) -> Ruleset:
    return load_rules(rules_dir, overlays)


def _kr(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def format_table(result: Result) -> str:
    """A plain-text month table, with meldeperioder and warnings below it."""
    names = result.benefit_names()
    head = ["Måned", "Timer", "Lønn", *names, "Skattetrekk", "Oppgjør", "Disponibelt"]
    rows = [[month_text(m.month), f"{m.hours:g}", _kr(m.wages), *[_kr(m.benefits.get(n, 0)) for n in names],
             _kr(m.tax_withheld), _kr(m.settlements), _kr(m.disposable)] for m in result.months]
    rows.append(["Sum", f"{sum(m.hours for m in result.months):g}", _kr(result.total("wages")),
                 *[_kr(sum(m.benefits.get(n, 0) for m in result.months)) for n in names],
                 _kr(result.total("tax_withheld")), _kr(result.total("settlements")), _kr(result.total("disposable"))])
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(str(c).rjust(w) for c, w in zip(r, widths)) for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if result.periods:
        lines += ["", "Meldeperioder:", "  ytelse         periode                  timer  arbeid  utbetalt%   beløp  utbetales"]
        for p in result.periods:
            lines.append(f"  {p.benefit:13}  {p.start:%d.%m.%Y}–{p.end:%d.%m.%Y}  {p.hours:6g}  {p.work_share * 100:5.0f} %"
                         f"  {p.payment_rate * 100:7.0f} %  {_kr(p.amount):>6}  {p.paid_on:%d.%m.%Y}")
    others = [s for s in result.settlements if s.scheme != "skatt"]
    if others:
        lines += ["", "Etteroppgjør og krav fra NAV:"]
        lines += [f"  {s.scheme} for {s.year}: {'utbetales' if s.amount > 0 else 'kreves tilbake'} {_kr(abs(s.amount))} kr "
                  f"i {month_text(s.month)}" + ("" if s.in_horizon else " (etter perioden)") for s in others]
    if result.years:
        lines += ["", "Skatteoppgjør:"]
        for y in result.years:
            what = "til gode" if y.settlement >= 0 else "restskatt"
            lines.append(f"  {y.year}: inntekt {_kr(y.taxable_income)}, skatt {_kr(y.tax_assessed)}, trukket "
                         f"{_kr(y.tax_withheld)} → {what} {_kr(abs(y.settlement))} kr")
    if result.warnings:
        lines += ["", "Varsler:"]
        lines += [f"  [{month_text(w.month) if w.month else '-'}] {w.message} ({w.reference})"
                  + (f" Råd: {w.action}" if w.action else "") for w in result.warnings]
    if result.notes:
        lines += ["", "Forutsetninger:"] + [f"  - {n}" for n in result.notes]
    stamp = result.ruleset
    lines += ["", f"Regelverk {stamp['id']} {stamp['version']} (sha256 {stamp['sha256'][:12]}…)"
              + (f", overlegg: {', '.join(stamp['overlays'])}" if stamp["overlays"] else "")]
    return "\n".join(lines)


FORMATS = click.Choice(["table", "json", "csv"])
_rules_opt = click.option("--rules", "rules_dir", type=click.Path(file_okay=False), default=None,
                          help="Folder with rule files (default: the bundled rules).")
_overlay_opt = click.option("--overlay", "overlays", multiple=True, type=click.Path(dir_okay=False),
                            help="An extra rule file laid over the rules (may be repeated).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="benefit-calc")
def main() -> None:
    """Month-by-month money for people on Norwegian benefits who start working."""


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@LANG
@_rules_opt
@_overlay_opt
@_guard
def simulate(case_file: str, fmt: str, lang: str, rules_dir: str | None, overlays: tuple[str, ...]) -> None:
    """Simulate CASE_FILE month by month."""
    from .engine import simulate as run

    case = load_case(Path(case_file))
    result = run(_rules(rules_dir, overlays), case)
    click.echo(result.to_json() if fmt == "json" else result.to_csv().rstrip("\n") if fmt == "csv"
               else format_table(result))


@main.group()
def rules() -> None:
    """List, show, validate and compare the rule files."""


def _value_text(value: Any) -> str:
    if isinstance(value, tuple) and value and hasattr(value[0], "threshold"):
        return ", ".join(f"{b.rate:g} over {_kr(b.threshold)}" for b in value)
    return json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (dict, tuple, list)) else str(value)


@rules.command("list")
@_rules_opt
@_guard
def rules_list(rules_dir: str | None) -> None:
    """Every parameter with its current value."""
    rs = _rules(rules_dir, ())
    today = date.today()
    for name, p in sorted(rs.parameters.items()):
        v = p.values[-1] if p.values[-1].valid_from <= today else p.at(today)
        click.echo(f"{name:45} {_value_text(v.value):>20} {p.unit:10} fra {v.valid_from.isoformat()}")


@rules.command("show")
@click.argument("name")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Show the value on this date.")
@_rules_opt
@_guard
def rules_show(name: str, on: Any, rules_dir: str | None) -> None:
    """One parameter: description, source and dated values."""
    p = _rules(rules_dir, ()).param(name)
    click.echo(f"{p.name} ({p.unit}) — {p.file}\n{p.description}")
    for r in p.references:
        click.echo(f"  kilde: {r.title} {r.url}".rstrip())
    if on is not None:
        v = p.at(on.date())
        click.echo(f"{on.date().isoformat()}: {_value_text(v.value)} (fra {v.valid_from.isoformat()})"
                   + (" — anslag" if p.is_projected(on.date()) else ""))
        return
    for v in p.values:
        click.echo(f"  {v.valid_from.isoformat()}: {_value_text(v.value)}" + (f"  [{v.status}]" if v.status != "in_force" else ""))
    click.echo(f"  sist kontrollert: {p.verified.isoformat() if p.verified else '-'}")


@rules.command("validate")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@_guard
def rules_validate(directory: str | None) -> None:
    """Check every rule file by form and meaning, and that the engine finds every value it reads on every month a
    case may start in; exit 1 naming file, key and problem if not."""
    from .coverage import check

    rs = load_rules(directory)
    gaps, read = check(rs)
    if gaps:
        for gap in gaps[:20]:
            click.echo(f"{gap.probe}, start {gap.start:%Y-%m}: {gap.problem}", err=True)
        raise _Fail(f"{len(gaps)} probe runs failed: the rules do not cover every supported month "
                    f"({rs.supported[0]:%Y-%m} to {rs.supported[1]:%Y-%m})" if rs.supported else
                    "the rules say no supported months", 1)
    unused = sorted(set(rs.parameters) - read)
    click.echo(f"OK: {len(rs.parameters)} parameters ({len(read)} read by the engine's probe cases from "
               f"{rs.supported[0]:%Y-%m} to {rs.supported[1]:%Y-%m}), ruleset {rs.id} {rs.version}, sha256 {rs.sha256}")
    if unused:
        click.echo(f"Not read by any probe: {', '.join(unused)}")


@rules.command("diff")
@click.option("--from", "d1", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--to", "d2", required=True, type=click.DateTime(["%Y-%m-%d"]))
@_rules_opt
@_guard
def rules_diff(d1: Any, d2: Any, rules_dir: str | None) -> None:
    """Parameters whose value differs between two dates."""
    rs = _rules(rules_dir, ())
    a, b = d1.date(), d2.date()
    changed = 0
    for name, p in sorted(rs.parameters.items()):
        try:
            va, vb = p.value(a), p.value(b)
        except BenefitCalcError:
            continue
        if va != vb:
            changed += 1
            click.echo(f"{name}: {_value_text(va)} → {_value_text(vb)}")
    click.echo(f"{changed} parameters changed between {a.isoformat()} and {b.isoformat()}")


from . import cli_analysis  # noqa: E402,F401  (registers sweep, compare, explain and report on ``main``)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
