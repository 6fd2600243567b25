"""The result, compare and report tabs (and the pieces the job seeker's flow reuses)."""

from __future__ import annotations

import html
from datetime import date
from typing import Any, Sequence

import attrs
import streamlit as st

from benefit_calc.present.summary import actions, case_text, month_table, month_table_text, spreadsheet_csv
from benefit_calc.present.charts import month_chart, sweep_chart
from benefit_calc.analysis.cliffs import timing_cliffs
from benefit_calc.analysis.compare import compare, explain, explain_text
from benefit_calc.analysis.sentences import no_cliff_ahead, settlement_groups, settlement_parts
from benefit_calc.words.formats import amount
from benefit_calc.words.laws import legal_in
from benefit_calc.words import in_lang, text
from benefit_calc.app.common import day_text, kr, lang, public_rules, month_name, num, signed_kr, t

SMALL_CLIFF = 100  # kroner a month: a cliff that costs less is folded away (a presentation threshold, not a rule)


@attrs.frozen
class Computed:
    """Everything the pages show, from one run of the engine."""

    case: Any
    result: Any
    head: Any
    sweep: Any
    cliffs: Sequence[Any]
    rules: Any


def html_table(rows: list[dict[str, Any]], caption: str, first_is_header: bool = True) -> str:
    """A real HTML table with a caption and column headers (a screen reader can name and walk it)."""
    if not rows:
        return ""
    cols = list(rows[0])
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in cols)
    body = []
    for r in rows:
        cells = []
        for k, c in enumerate(cols):
            value = html.escape(str(r.get(c, "")))
            cells.append(f'<th scope="row">{value}</th>' if k == 0 and first_is_header else f"<td>{value}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<div class="bc-table" tabindex="0" role="region" aria-label="{html.escape(caption)}"><table>'
            f"<caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


def plan_text(case: Any) -> str:
    """The work plan in one sentence: every step, so no step is hidden (the job seeker's answer shows it)."""
    steps = []
    for step in case.work:
        pay = (t("plan_pay_hour", wage=amount(step.hourly_wage, lang())) if step.hourly_wage is not None else
               t("plan_pay_month", salary=kr(step.monthly_salary or 0)))
        steps.append(t("plan_step", hours=num(step.hours_per_week), month=month_name(step.start), pay=pay))
    return t("plan_is", steps="; ".join(steps)) if steps else t("plan_none")


def headline(c: Computed, big: bool = True) -> None:
    """The answer first: better or worse off a month, after tax, with the plan against no work."""
    per = c.head.per_month
    word = t("better") if per >= 0 else t("worse")
    value = f"{signed_kr(per)} {t('per_month')}"
    st.markdown(f'<div class="bc-headline" role="status"><span class="bc-label">{html.escape(t("headline"))}</span>'
                f'<span class="bc-value">{html.escape(value)}</span></div>', unsafe_allow_html=True)
    st.markdown(f"**{c.head.compared(lang())}**")  # where the difference comes from: the no-work baseline
    if not any(step.hours_per_week for step in c.case.work):  # "+0 kr" is the answer to no plan, said as such
        st.info(t("no_plan_yet"))
    st.write(t("headline_text", word=word, amount=kr(abs(per)), total=kr(abs(c.head.total)), months=c.head.months))


def _cliff_text(c: Any) -> str:
    """The cliff in words: what happens, the rule and its law, and what to do. The same for the counsellor, who sits
    with the client: the rule parameter (``aap.max_work_share``) is for the CLI's and the API's answers, not a
    sentence on the screen; the rule's sources are under Kilder."""
    return f"{c.message} {c.action}"


def _big(x: Any, months: int) -> bool:
    return x.kind == "cliff" and x.hours_from is not None and abs(x.loss) / max(1, months) >= SMALL_CLIFF


def next_cliff_box(c: Computed, here: float, counsellor: bool = True) -> None:
    """The next cliff above the plan's hours that costs at least ``SMALL_CLIFF`` a month (smaller ones are listed,
    folded, under Compare — a tab only the counsellor's view has, so only it is pointed to)."""
    ahead = [x for x in c.cliffs if _big(x, c.case.months) and x.hours_from >= here]
    below = [x for x in c.cliffs if _big(x, c.case.months) and x.hours_from < here]
    if ahead:
        first = min(ahead, key=lambda x: x.hours_from)
        st.info(f"**{t('next_cliff')}:** {first.message} {first.action}")
        st.caption(t("cliff_means"))
    else:
        st.info(no_cliff_ahead(here, max(c.sweep.hours), kr(SMALL_CLIFF), lang())
                + (" " + t("cliffs_below_one" if len(below) == 1 else "cliffs_below", n=len(below))
                   if below and counsellor else ""))


# said right under the headline, not only in the list further down: a benefit that stops changes everything after
# it, and a plan outside the case's months or a wage no job pays makes the headline mean something else
BESIDE_HEADLINE = ("aap_ends_quota", "aap_ends_age", "dagpenger_ends", "work_outside_case", "work_none_in_case",
                   "plausible_wage", "plausible_wage_level", "plausible_hours")


def benefit_ends_box(c: Computed) -> None:
    """What changes how the headline reads, beside it: a benefit that ends, work the months do not cover, a wage
    or hours that look mistyped — each with what to do."""
    for w in c.result.warnings:
        if w.code in BESIDE_HEADLINE:
            action = w.action_in(lang())
            st.warning(f"**{month_name(w.month)}:** {w.message_in(lang())}" + (f" {action}" if action else ""),
                       icon="⚠️")


def _month_rows(c: Computed) -> list[dict[str, Any]]:
    """The month table with the household's money (and the same without work) right after the month, seen first
    on a phone; written the language's way."""
    rows = month_table(c.result, lang(), c.head.baseline)
    without = text("month_table.baseline", lang())
    out = []
    for row in month_table_text(rows, lang()):
        keys = [k for k in row if k != without]
        first, last = keys[0], keys[-1]
        out.append({first: row[first], last: row[last], **({without: row[without]} if without in row else {}),
                    **{k: row[k] for k in keys[1:-1]}})
    return out


def result_tab(c: Computed, counsellor: bool) -> None:
    headline(c)
    benefit_ends_box(c)
    here = float(c.case.work[-1].hours_per_week) if c.case.work else 0.0
    next_cliff_box(c, here, counsellor)
    st.header(t("chart"))
    summary = chart_summary(c.result)
    st.caption(summary)
    st.vega_lite_chart({**month_chart(c.result, lang(), c.head.baseline), "description": summary}, width="stretch")
    st.markdown(html_table(_month_rows(c), t("table_title")), unsafe_allow_html=True)
    if counsellor and c.result.periods:
        with st.expander(t("periods")):
            rows = [{t("period"): f"{day_text(p.start)}–{day_text(p.end)}", t("benefit"): t(f"b_{p.benefit}"),
                     t("hours_col"): num(p.hours), t("work_share"): f"{num(p.work_share * 100, 0)} %",
                     t("paid_share"): f"{num(p.payment_rate * 100, 0)} %", t("amount"): kr(p.amount),
                     t("paid_on"): day_text(p.paid_on)} for p in c.result.periods]
            st.markdown(html_table(rows, t("periods")), unsafe_allow_html=True)
    warnings_list(c.result, counsellor)
    settlements(c.result)
    if counsellor:
        with st.expander(t("explain")):
            names = {m.month: month_name(m.month) for m in c.result.months}  # in this run's language
            month = st.selectbox(t("month"), list(names), key="explain_month", format_func=names.__getitem__)
            st.text(explain_text(explain(c.result, month, lang())))


def chart_summary(result: Any) -> str:
    """One sentence that says what the month chart shows (its text alternative)."""
    months = result.months
    low = min(months, key=lambda m: m.household_disposable)
    high = max(months, key=lambda m: m.household_disposable)
    avg = round(sum(m.household_disposable for m in months) / len(months))
    return t("chart_alt", avg=kr(avg), high=kr(high.household_disposable), high_month=month_name(f"{high.month:%Y-%m}"),
             low=kr(low.household_disposable), low_month=month_name(f"{low.month:%Y-%m}"))


def warnings_list(result: Any, counsellor: bool, skip: Sequence[str] = ()) -> None:
    st.header(t("warnings"))
    shown = [w for w in result.warnings if w.code not in skip and (counsellor or not w.code.startswith("projected"))]
    # what happens to the person, month by month; the counsellor's caveats about estimated rules last
    shown.sort(key=lambda w: (w.code.startswith("projected"), w.month or date.min))
    if not shown:
        st.write(t("no_warnings"))
    for w in shown:
        with st.container(border=True):
            when = f"**{month_name(w.month)}:** " if w.month else ""
            st.markdown(f"{when}{w.message_in(lang())}")
            if w.action_in(lang()):
                st.markdown(f"**{t('todo')}:** {w.action_in(lang())}")
    sources_fold(shown, counsellor)


def sources_fold(shown: Sequence[Any], counsellor: bool) -> None:
    """The legal sources behind the warnings, behind a fold ("Kilder", "Kjelder", "Sources"): for the client the
    laws in the language's own form, each once; for the counsellor each warning's whole reference."""
    if counsellor:
        lines = [f"{month_name(w.month) + ': ' if w.month else ''}{w.reference_in(lang())}" for w in shown]
    else:
        lines = []
        for w in shown:
            law = legal_in(w.reference, lang())
            if law and law not in lines:
                lines.append(law)
    if lines:
        with st.expander(t("sources_fold")):
            for line in lines:
                st.markdown(f"• {line}")


def settlements(result: Any) -> None:
    if not result.settlements:
        return
    st.header(t("settlements"))
    st.caption(t("settlements_mean"))
    for scheme, year, kind, parts in settlement_groups(result.settlements):
        args = {"scheme": t(f"scheme_{scheme}"), "year": year, "amount": kr(abs(sum(s.amount for s in parts)))}
        if len(parts) > 1:  # restskatt in two parts: one line says both
            st.write("• " + t("settle_claim_split", **args,
                              parts=settlement_parts(parts, kr, month_name, lang())))
        else:
            key = {"paid": "settle_paid", "refund": "settle_refund", "owe": "settle_claim"}[kind]
            st.write("• " + t(key, **args, month=month_name(parts[0].month)))


def compare_tab(c: Computed, problems: dict[int, str], editor: Any) -> None:
    here = float(c.case.work[-1].hours_per_week) if c.case.work else 0.0
    st.header(t("scenarios"))
    st.caption(t("scenarios_help"))
    editor(problems)
    if c.case.scenarios:
        cmp = compare(c.rules, c.case)
        names = [t("plan") if k == 0 else n for k, n in enumerate(cmp.names)]
        base = cmp.total(cmp.results[0])
        rows = [{t("alternative"): n, t("sum_col"): kr(cmp.total(r)), t("diff_col"): signed_kr(cmp.total(r) - base)}
                for n, r in zip(names, cmp.results)]
        st.markdown(html_table(rows, t("scenario_totals")), unsafe_allow_html=True)
        months = [{t("month"): month_name(f"{m.month:%Y-%m}"),
                   **{n: kr(r.months[i].household_disposable) for n, r in zip(names, cmp.results)}}
                  for i, m in enumerate(cmp.results[0].months)]
        st.markdown(html_table(months, t("scenario_months")), unsafe_allow_html=True)
    st.header(t("sweep"))
    st.caption(t("here_is", h=num(here)))
    st.vega_lite_chart({**sweep_chart(c.sweep, here, c.cliffs, lang()), "description": t("sweep_alt", h=num(here))},
                       width="stretch")
    big = [x for x in c.cliffs if _big(x, c.case.months) or x.kind != "cliff"]
    small = [x for x in c.cliffs if x not in big]
    for x in big:
        with st.container(border=True):
            st.markdown(("🔻 " if x.kind == "cliff" else "➖ ") + _cliff_text(x))
    if small:
        with st.expander(t("small_cliffs", n=len(small), kr=kr(SMALL_CLIFF))):
            for x in small:
                st.markdown("• " + _cliff_text(x))
    drops = timing_cliffs(c.rules, c.result, lang())
    if drops:
        st.header(t("timing"))
        for d in drops:
            with st.container(border=True):
                st.markdown(f"{d.message} {d.action}")


def downloads(c: Computed, dropped: int = 0) -> None:
    """The report (PDF), the month table and the case file, each made from the case as it is on the screen. The PDF
    is one button: it is made when it is clicked (in Streamlit's download thread, with rule caches of its own), so it
    can never be older than the screen."""
    saved = case_text(c.case)
    st.session_state["_case_text"] = saved  # what the download button serves (the tests read it back)
    language, shared = lang(), public_rules()  # read here: the download thread has no Streamlit session

    def make_pdf() -> bytes:
        from benefit_calc.present.report import build_pdf
        return build_pdf(c.case, c.result, c.head, language, rules=shared.with_own_caches())

    st.session_state["_pdf_maker"] = make_pdf  # the tests call it: the PDF of the case on the screen
    st.download_button(t("download_pdf"), make_pdf, t("pdf_file"), "application/pdf", key="dl_pdf", type="primary",
                       help=t("download_pdf_help"))
    st.download_button(t("download_csv"), spreadsheet_csv(month_table(c.result, lang(), c.head.baseline), lang()),
                       t("csv_file"), "text/csv", key="dl_csv", help=t("download_csv_help"))
    st.download_button(t("download_case"), saved, "sak.yaml", "application/x-yaml", key="dl_case")
    if dropped:
        st.caption(t("case_without_invalid", n=dropped))


def report_tab(c: Computed, counsellor: bool, dropped: int) -> None:
    st.header(t("actions"))
    for k, a in enumerate(actions(c.case, c.result, lang())):
        st.checkbox(f"{a.who}: {a.what}" + (f" — {a.when}" if a.when else ""), key=f"todo_{k}_{hash(a)}")
    downloads(c, dropped)
    notes = [in_lang(n, lang()) for n in c.result.notes]
    if notes:
        with st.expander(t("assumptions")):
            for n in notes:
                st.markdown(f"• {n}")
