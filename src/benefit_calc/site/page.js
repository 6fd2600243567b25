// page.js — the page: a language, a case, a button, and the month table of the answer (docs/browser.md).
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let words = null;
  let lang = "nb";
  let state = { key: "loading", args: {} };
  const say = (key, args) => {
    state = { key, args: args || {} };
    if (!words) return;
    $("status").textContent = words[lang][key].replace(/\{(\w+)\}/g, (_, k) => String(state.args[k]));
  };
  const kr = (x) => new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { maximumFractionDigits: 0 }).format(x);

  function relabel() {
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll("[data-words]")) el.textContent = words[lang][el.dataset.words];
    document.title = words[lang].title;
    say(state.key, state.args);
  }

  async function table(result) {
    const names = [];
    for (const m of result.months) for (const n of Object.keys(m.benefits || {})) if (!names.includes(n)) names.push(n);
    const labels = await window.benefitCalc.labels(names, { lang });
    const c = labels.columns;
    const t = document.createElement("table");
    t.createCaption().textContent = words[lang].caption;
    const head = t.createTHead().insertRow();
    for (const h of [c.month, c.hours, c.wages, ...names.map((n) => labels.benefits[n]), c.tax, c.settle, c.disposable]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = h;
      head.appendChild(th);
    }
    const body = t.createTBody();
    for (const m of result.months) {
      const row = body.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = m.month.slice(0, 7);
      row.appendChild(th);
      const cells = [String(m.hours), kr(m.wages), ...names.map((n) => kr((m.benefits || {})[n] || 0)),
                     kr(m.tax_withheld), kr(m.settlements), kr(m.disposable)];
      for (const v of cells) row.insertCell().textContent = v;
    }
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.tabIndex = 0;  // a wide table scrolls with the keyboard too
    wrap.appendChild(t);
    $("out").replaceChildren(wrap);
  }

  async function run() {
    $("run").disabled = true;
    say("working");
    try {
      await table(await window.benefitCalc.simulate($("case").value, { lang }));
      say("done");
    } catch (e) {
      $("out").replaceChildren();
      say("error", { message: e.message });
    } finally {
      $("run").disabled = false;
    }
  }

  fetch("words.json").then((r) => r.json()).then((w) => {
    words = w;
    lang = $("lang").value;
    relabel();
  });
  $("lang").addEventListener("change", () => { lang = $("lang").value; if (words) relabel(); });
  $("run").addEventListener("click", run);
  window.benefitCalc.onprogress = (p) => { if (p.step !== "ready") say("step", { step: `${p.done + 1}/${p.total}` }); };
  window.benefitCalc.ready.then(() => { say("ready"); $("run").disabled = false; },
                                (e) => say("load_error", { message: e.message }));
})();
