// worker.js — loads Pyodide and benefit_calc from this site's own folder and answers {simulate, sweep} messages
// with the result JSON (the same as the CLI's --format json). Written by `benefit-calc site build`.
// A module worker: Pyodide refuses classic workers ("Classic web workers are not supported").
import { loadPyodide } from "./pyodide/pyodide.mjs";

const WHEELS = {{wheels}};      // wheels/… installed with micropip, deps=False: the build chose every one
const MICROPIP = {{micropip}};
const base = new URL("./", self.location.href).href;

const PY = `
import json
from benefit_calc.case.model import load_case
from benefit_calc.core.errors import BenefitCalcError, CaseError
from benefit_calc.rules.load import load_rules
from benefit_calc.present.outputs import simulate_data, sweep_data

_rules = None


def _the_rules():
    global _rules
    if _rules is None:
        _rules = load_rules()
    return _rules


def _labels(names, lang):
    from benefit_calc.analysis.cliffs import component_label
    from benefit_calc.words import text
    cols = {k: text("month_table." + k, lang) for k in ("month", "hours", "wages", "tax", "settle", "disposable")}
    return {"columns": cols, "benefits": {n: component_label(n, lang) for n in names}}


def answer(op, text, lang, hours, wage):
    """(True, the result as JSON text) or (False, {kind, message} as JSON text)."""
    try:
        if op == "labels":
            data = _labels(json.loads(text), lang)
        elif op == "simulate":
            data = simulate_data(_the_rules(), load_case(text))
        elif op == "sweep":
            from benefit_calc.analysis.sweep import parse_hours
            levels = parse_hours(hours if isinstance(hours, str) else ",".join(str(h) for h in hours)) \\
                if hours is not None else parse_hours("0:40:1")
            data = sweep_data(_the_rules(), load_case(text), levels, wage, lang)
        else:
            raise ValueError(op)
        return True, json.dumps(data, ensure_ascii=False)
    except CaseError as exc:
        error = {"kind": "case", "message": exc.message(lang, path=True)}
    except BenefitCalcError as exc:
        error = {"kind": "rules", "message": str(exc)}
    except Exception as exc:  # a bug of ours: its type, not the case's values
        error = {"kind": "internal", "message": type(exc).__name__}
    return False, json.dumps(error, ensure_ascii=False)
`;

let answer = null;
const timings = {};
const progress = (step, done, total) => postMessage({ type: "progress", step, done, total });

const loaded = (async () => {
  const t0 = performance.now();
  progress("pyodide", 0, 3);
  const py = await loadPyodide({ indexURL: base + "pyodide/" });
  timings.pyodide_ms = Math.round(performance.now() - t0);
  progress("wheels", 1, 3);
  const t1 = performance.now();
  await py.loadPackage(base + "wheels/" + MICROPIP);
  const micropip = py.pyimport("micropip");
  await micropip.install.callKwargs(WHEELS.map((w) => base + "wheels/" + w), { deps: false });
  timings.install_ms = Math.round(performance.now() - t1);
  progress("benefit_calc", 2, 3);
  const t2 = performance.now();
  py.runPython(PY);
  answer = py.globals.get("answer");
  // read the rules now (about 1 s), not in the first calculation
  py.runPython("_the_rules()");
  timings.import_ms = Math.round(performance.now() - t2);
  timings.ready_ms = Math.round(performance.now() - t0);
  const versions = JSON.parse(py.runPython(
    "import sys, json, importlib.metadata as md; json.dumps({'python': sys.version.split()[0], " +
    "'benefit_calc': md.version('benefit-calc')})"));
  versions.pyodide = py.version;
  progress("ready", 3, 3);
  postMessage({ type: "ready", timings, versions });
})().catch((e) => {
  postMessage({ type: "load-error", message: String((e && e.message) || e) });
  throw e;
});

self.onmessage = async (ev) => {
  const m = ev.data;
  try {
    await loaded;
  } catch (e) {
    postMessage({ type: "answer", id: m.id, ok: false, error: { kind: "load", message: String((e && e.message) || e) } });
    return;
  }
  // undefined, not null, becomes None in Python (null is pyodide.ffi.jsnull)
  const r = answer(m.op, m.text, m.lang, m.hours ?? undefined, m.wage ?? undefined);
  const [ok, text] = r.toJs();
  r.destroy();
  // the result goes back as JSON text, parsed once on the page's side
  if (ok) postMessage({ type: "answer", id: m.id, ok: true, json: text });
  else postMessage({ type: "answer", id: m.id, ok: false, error: JSON.parse(text) });
};
