"""``benefit-calc sweep | compare | explain | report`` (docs/architecture.md §5): the analysis and report commands, registered on the
main group."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from benefit_calc.case.model import load_case
from benefit_calc.cli.common import FORMATS, LANG, OVERLAY_OPT, RULES_OPT, guard, rules_from
from benefit_calc.cli.main import main
from benefit_calc.core.errors import CaseError
from benefit_calc.case.fields import month_text
from benefit_calc.words import text


def _pct(rate: object) -> str:
    value = getattr(rate, "rate", None)
    return "-" if value is None else f"{value * 100:.0f} %"


def sweep_table(sw: object, cliffs: list, lang: str) -> str:
    """The sweep as a plain-text table in ``lang`` (nb, nn or en), with its cliffs and plateaus in words below it."""
    from benefit_calc.analysis.cliffs import component_label
    from benefit_calc.analysis.sentences import hours
    from benefit_calc.analysis.sweep import Sweep
    from benefit_calc.words.formats import number
    assert isinstance(sw, Sweep)
    months = len(sw.months)
    head = [text(f"sweep.{k}", lang) for k in ("hours", "wages", "disposable", "ptr", "emtr", "largest")]
    rows = []
    for i, s in enumerate(sw.steps):
        e = sw.emtr(i)
        top = max(e.parts.items(), key=lambda kv: kv[1]) if e and e.parts else None
        rows.append([hours(s.hours, lang), number(s.earnings() / months, lang, 0), number(s.total / months, lang, 0),
                     _pct(sw.ptr(i) if i else None), _pct(e),
                     f"{component_label(top[0], lang)} {top[1] * 100:.0f} %" if top else "-"])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(text("sweep.note", lang, wage=number(sw.wage, lang), months=months))
    if cliffs:
        lines += ["", text("sweep.cliffs", lang)]
        for c in cliffs:
            lines.append(f"  [{text(f'cliff.kind.{c.kind}', lang)}] {c.message}")
            lines.append(f"      {c.action}")
    return "\n".join(lines)


def sweep_csv(sw: object) -> str:
    from benefit_calc.analysis.sweep import LATER, Sweep
    assert isinstance(sw, Sweep)
    names = list(dict.fromkeys(n for s in sw.steps for n in s.parts)) + [LATER]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["hours", *names, "disposable", "ptr", "emtr"])
    for i, s in enumerate(sw.steps):
        e = sw.emtr(i)
        p = sw.ptr(i)
        w.writerow([s.hours, *(s.part(n) for n in names), s.total,
                    "" if p.rate is None else round(p.rate, 4), "" if e is None or e.rate is None else round(e.rate, 4)])
    return out.getvalue()


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--hours", "hours_text", default="0:40:1", show_default=True,
              help="Hours a week to try: start:stop:step (stop included) or a list 0,10,20.")
@click.option("--wage", type=float, default=None, help="Hourly wage (default: the work plan's first hourly wage).")
@click.option("--format", "fmt_", type=FORMATS, default="table", show_default=True)
@LANG
@RULES_OPT
@OVERLAY_OPT
@guard
def sweep(case_file: str, hours_text: str, wage: float | None, fmt_: str, lang: str, rules_dir: str | None,
          overlays: tuple[str, ...]) -> None:
    """Disposable income, PTR and EMTR (by scheme) for each number of hours a week, with cliffs explained."""
    from benefit_calc.analysis.cliffs import rate_cliffs
    from benefit_calc.analysis.sweep import parse_hours, sweep as run
    from benefit_calc.present.outputs import sweep_data

    rules = rules_from(rules_dir, overlays)
    case = load_case(Path(case_file))
    if fmt_ == "json":
        click.echo(json.dumps(sweep_data(rules, case, parse_hours(hours_text), wage, lang), ensure_ascii=False,
                              indent=2))
        return
    sw = run(rules, case, parse_hours(hours_text), wage)
    cliffs = rate_cliffs(rules, sw, lang)
    if fmt_ == "csv":
        click.echo(sweep_csv(sw).rstrip("\n"))
    else:
        click.echo(sweep_table(sw, cliffs, lang))


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt_", type=FORMATS, default="table", show_default=True)
@LANG
@RULES_OPT
@OVERLAY_OPT
@guard
def compare(case_file: str, fmt_: str, lang: str, rules_dir: str | None, overlays: tuple[str, ...]) -> None:
    """The work plan against each scenario in the case, month by month and in total, with timing cliffs."""
    from benefit_calc.analysis.cliffs import timing_cliffs
    from benefit_calc.analysis.compare import compare as run
    from benefit_calc.present.outputs import compare_data

    rules = rules_from(rules_dir, overlays)
    if fmt_ == "json":
        click.echo(json.dumps(compare_data(rules, load_case(Path(case_file)), lang), ensure_ascii=False, indent=2))
        return
    cmp = run(rules, load_case(Path(case_file)))
    timing = {n: timing_cliffs(rules, r, lang) for n, r in zip(cmp.names, cmp.results)}
    if fmt_ == "csv":
        click.echo(cmp.to_csv().rstrip("\n"))
    else:
        lines = [cmp.to_table(lang)]
        shown = dict(zip(cmp.names, cmp.names_in(lang)))  # the work plan by its name in ``lang``
        for name, cliffs in timing.items():
            if cliffs:
                lines += ["", text("compare.sudden_drops", lang, name=shown[name])]
                lines += [f"  {c.message} {c.action}" for c in cliffs]
        click.echo("\n".join(lines))


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--month", "month_text_", required=True, help="The month to explain, YYYY-MM.")
@click.option("--format", "fmt_", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG
@RULES_OPT
@OVERLAY_OPT
@guard
def explain(case_file: str, month_text_: str, fmt_: str, lang: str, rules_dir: str | None,
            overlays: tuple[str, ...]) -> None:
    """Every amount in one month with the rule, the parameter values used and the legal reference."""
    from benefit_calc.analysis.compare import explain_text
    from benefit_calc.present.outputs import explain_data

    rules = rules_from(rules_dir, overlays)
    data = explain_data(rules, load_case(Path(case_file)), month_text_, lang)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt_ == "json" else explain_text(data))


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Where to write the PDF.")
@LANG
@RULES_OPT
@OVERLAY_OPT
@guard
def report(case_file: str, output: str, lang: str, rules_dir: str | None, overlays: tuple[str, ...]) -> None:
    """The client's report as a PDF: headline, inputs, month table, changes, risks, action list, settlements."""
    from benefit_calc.present.outputs import report_pdf

    pdf = report_pdf(rules_from(rules_dir, overlays), load_case(Path(case_file)), lang)
    try:
        Path(output).write_bytes(pdf)
    except OSError as exc:
        raise CaseError.of("output", "cannot_write", path=output, why=exc.strerror or str(exc)) from None
    click.echo(f"{output}: {len(pdf) // 1000} kB, {lang}")


__all__ = ["sweep", "compare", "explain", "report", "month_text"]
