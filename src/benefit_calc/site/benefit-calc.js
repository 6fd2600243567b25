// benefit-calc.js — the embedding API (docs/browser.md). Everything runs in a Web Worker (worker.js) from this
// site's own folder; nothing is fetched from anywhere else.
//
//   await window.benefitCalc.ready                          // resolves with {timings, versions} when loaded
//   await window.benefitCalc.simulate(caseTextOrObject, {lang})       // the result contract (CLI --format json)
//   await window.benefitCalc.sweep(caseTextOrObject, {lang, hours, wage})  // as `benefit-calc sweep --format json`
//   window.benefitCalc.onprogress = (p) => { p.step, p.done, p.total }
//   window.benefitCalc.state                                // "loading", "ready" or "failed"
//
// An error rejects with an Error whose .kind is "case" (bad input; .message in the language asked for),
// "rules", "internal" or "load" (the engine could not be loaded).
(function () {
  "use strict";
  const here = document.currentScript ? document.currentScript.src : location.href;
  const worker = new Worker(new URL("worker.js", here), { type: "module" });
  const pending = new Map();
  let next = 1;
  let readyResolve, readyReject;
  const api = {
    onprogress: null,
    state: "loading",  // then "ready" or "failed"
    progress: { step: "start", done: 0, total: 1 },
    timings: null,
    ready: new Promise((res, rej) => { readyResolve = res; readyReject = rej; }),
  };
  function failure(e) {
    const err = new Error(e.message);
    err.kind = e.kind;
    return err;
  }
  worker.onmessage = (ev) => {
    const m = ev.data;
    if (m.type === "progress") {
      api.progress = m;
      if (typeof api.onprogress === "function") api.onprogress(m);
    } else if (m.type === "ready") {
      api.timings = m.timings;
      api.state = "ready";
      readyResolve({ timings: m.timings, versions: m.versions });
    } else if (m.type === "load-error") {
      api.state = "failed";
      readyReject(failure({ kind: "load", message: m.message }));
    } else if (m.type === "answer") {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if (m.ok) p.resolve(JSON.parse(m.json));
      else p.reject(failure(m.error));
    }
  };
  worker.onerror = (ev) => {
    api.state = "failed";
    readyReject(failure({ kind: "load", message: ev.message || "worker.js failed" }));
  };
  api.ready.catch(() => {});  // a page that never awaits ready does not get an unhandled rejection
  function call(op, kase, opts) {
    opts = opts || {};
    const text = typeof kase === "string" ? kase : JSON.stringify(kase);
    const id = next++;
    return api.ready.then(() => new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, text, lang: opts.lang || "nb",
                           hours: opts.hours === undefined ? null : opts.hours,
                           wage: opts.wage === undefined ? null : opts.wage });
    }));
  }
  api.simulate = (kase, opts) => call("simulate", kase, opts);
  api.sweep = (kase, opts) => call("sweep", kase, opts);
  api.labels = (names, opts) => call("labels", JSON.stringify(names || []), opts);
  window.benefitCalc = api;
})();
