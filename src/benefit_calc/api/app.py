"""The HTTP API: a thin ASGI front end (Starlette) over the same functions as the CLI (:mod:`present.outputs`).

Safe by default: bodies of at most 1 MB read as JSON through the same safe loader and bounds as case files; a
work budget per request (:data:`WORK_BUDGET` months of calculation, refused before anything is calculated) and a
time limit; calculations on two worker threads (a light and a heavy lane), so the event loop answers /health while
they run; no CORS unless origins are configured; nothing of a request (body, case value, result)
is logged; stateless — what the engine remembers from a case is dropped when its request is answered
(:meth:`Ruleset.forget_cases`), only rule lookups by date stay. docs/api.md describes the endpoints.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import os
import threading
from collections import OrderedDict
from typing import Any, Callable, Sequence

import anyio
import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from benefit_calc.api import problems as pb
from benefit_calc.api.schema import openapi
from benefit_calc.api.views import docs_page, parameter_data, supported
from benefit_calc.case.model import parse_case
from benefit_calc.core import safe_load
from benefit_calc.present import outputs
from benefit_calc.rules.load import MAX_RULE_NODES, load_rules, overlaid
from benefit_calc.rules.model import Ruleset
from benefit_calc.words import text

MAX_BODY = 1_000_000  # bytes
MAX_BATCH = 1000  # cases in one POST /simulate list
MAX_VALUES = 100_000  # values in one body: a list of 1 000 cases has about 30 000 (a case file alone: 20 000)
MAX_OVERLAYS = 5
TIME_LIMIT = 30.0  # seconds a request may compute (the largest within the work budget takes about 4 s)
# The work budget: months calculated in one request, summed over every calculation it asks for — a case's months
# for each case of a list, (1 + scenarios) x months for compare and report, levels x months for a sweep. Checked
# before anything is calculated; one five-year case costs about 15 ms and, as an answer, about 0.3 MB.
WORK_BUDGET = 15_000  # 250 five-year cases, 1 000 fifteen-month cases, a 201-level sweep of 60 months
MAX_WAITING = 64  # requests waiting for a lane (each holds only its body, at most 1 MB); more are answered 503
MAX_WAITING_HEAVY = 8  # of them, large ones waiting for the heavy lane
LIGHT = 600  # months of work (ten five-year cases, about 0.15 s) calculated on the light lane; more on the heavy one
HEAVY = 2_000  # months of work after which the answer's memory is handed back to the system (gc + malloc_trim)
_JSON = "application/json"
_BIG = 10**18  # integers of at most 18 digits: orjson writes only those in [-2**63, 2**64), and float() takes them


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON (orjson: a result of 30 kB in 0.1 ms instead of 0.7 ms; the same data as ``json``)."""
    return orjson.dumps(data)


class _Overtime(BaseException):
    """Raised inside the calculation thread when its time is up (a BaseException: no ``except Exception`` in the
    engine swallows it)."""


try:
    _LIBC: Any = ctypes.CDLL("libc.so.6")
    _LIBC.malloc_trim.argtypes = [ctypes.c_size_t]
except (OSError, AttributeError):  # not glibc: freed memory goes back as the allocator sees fit
    _LIBC = None


def release_memory() -> None:
    """Give the memory a large answer used back to the system: collect cycles, then let glibc return freed pages."""
    gc.collect()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


class _Deadline:
    """Stops the calculation running on this thread after ``seconds``: a timer raises :class:`_Overtime` in the
    thread (``PyThreadState_SetAsyncExc``, delivered between two bytecodes of the pure-Python engine). ``finish``
    makes sure an exception fired just as the work ended never escapes into the thread pool."""

    def __init__(self, seconds: float) -> None:
        self.ident, self.lock = threading.get_ident(), threading.Lock()
        self.active, self.fired = True, False
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _fire(self) -> None:
        with self.lock:
            if self.active:
                self.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.ident), ctypes.py_object(_Overtime))

    def finish(self) -> bool:
        """True when the time ran out (the caller then answers 503)."""
        self.timer.cancel()
        with self.lock:
            self.active = False
            if self.fired:  # clear it if it has not been delivered yet
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.ident), None)
            return self.fired


def _timed(seconds: float, work: Callable[[], Any]) -> Any:
    """``work()`` on this (a worker) thread, stopped with :class:`TimeoutError` after ``seconds``."""
    try:
        deadline = _Deadline(seconds)
        try:
            out = work()
        finally:
            over = deadline.finish()
        if over:
            raise TimeoutError
        return out
    except _Overtime:
        raise TimeoutError from None


class _State:
    """What one worker process keeps: the rules (immutable) and overlaid rulesets by their content's hash, each
    lane with its own (so what one lane's calculation remembers is neither seen nor forgotten by the other's)."""

    def __init__(self, rules: Ruleset, time_limit: float) -> None:
        self.base, self.time_limit = rules, time_limit
        self.lane_rules = {"light": rules, "heavy": rules.with_own_caches()}
        self._here = threading.local()  # the lane the current thread calculates for
        self.overlaid: OrderedDict[tuple[str, str], Ruleset] = OrderedDict()
        # CPU-bound work runs on worker threads, one per lane (add workers to scale): the light lane parses bodies
        # and calculates small requests, the heavy lane one large calculation at a time. The event loop stays free,
        # so /health and the reading of other requests never wait behind a calculation.
        self.light, self.heavy = anyio.CapacityLimiter(1), anyio.CapacityLimiter(1)

    @property
    def lane(self) -> str:
        return getattr(self._here, "lane", "light")

    @property
    def rules(self) -> Ruleset:
        """The rules of the lane this thread calculates for (the loaded rules on the event loop)."""
        return self.lane_rules[self.lane]

    def enter(self, lane: str) -> None:
        self._here.lane = lane

    def forget_cases(self) -> None:
        """Drop what this lane's rules remember of cases (``Ruleset.forget_cases``), overlaid ones too."""
        lane = self.lane
        self.lane_rules[lane].forget_cases()
        for (owner, _), r in list(self.overlaid.items()):
            if owner == lane:
                r.forget_cases()

    def with_overlays(self, docs: list[tuple[str, Any]]) -> Ruleset:
        if not docs:
            return self.rules
        # dumps is safe here: _overlays refused the integers orjson cannot write
        key = (self.lane, hashlib.sha256(dumps(docs)).hexdigest())
        got = self.overlaid.get(key)
        if got is None:
            got = self.overlaid[key] = overlaid(self.rules, docs)
            if len(self.overlaid) > 32:
                self.overlaid.popitem(last=False)
        return got


def _lang(request: Request) -> str:
    return pb.language(request.headers.get("accept-language"), request.query_params.get("lang"))


def _answer(data: Any, lang: str, status: int = 200, media: str = _JSON) -> Response:
    body = data if isinstance(data, bytes) else dumps(data)
    return Response(body, status, media_type=media, headers={"Content-Language": lang})


def _problem(p: pb.Problem, lang: str) -> Response:
    return Response(dumps(p.to_dict(lang)), p.status, media_type=pb.MEDIA, headers={"Content-Language": lang})


async def _body(request: Request, lang: str) -> bytes:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise pb.Problem(413, "too-large", text("api.body_too_large", lang, kb=MAX_BODY // 1000))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise pb.Problem(413, "too-large", text("api.body_too_large", lang, kb=MAX_BODY // 1000))
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(body: bytes) -> Any:
    return safe_load.parse(body, max_bytes=MAX_BODY, max_nodes=MAX_VALUES, json_only=True)


def _too_big(data: Any, where: str) -> str | None:
    """The place of the first integer in ``data`` too large to be a rule value (18 digits or more), else None."""
    todo = [(data, where)]
    while todo:
        item, at = todo.pop()
        if isinstance(item, int) and not isinstance(item, bool):
            if not -_BIG < item < _BIG:
                return at
        elif isinstance(item, dict):
            todo.extend((v, f"{at}.{str(k)[:80]}") for k, v in item.items())
        elif isinstance(item, list):
            todo.extend((v, f"{at}[{i}]") for i, v in enumerate(item))
    return None


def _huge(number: Any) -> bool:
    return isinstance(number, int) and not -_BIG < number < _BIG


def _months(case: Any) -> int:
    """The months a case asks for, read before it is parsed (a bad value costs nothing: the parser refuses it)."""
    months = case.get("months") if isinstance(case, dict) else None
    return months if isinstance(months, int) and not isinstance(months, bool) and 0 < months <= 60 else 0


def _budget(work: int, lang: str, field: str, what: str, **numbers: Any) -> int:
    """``work``, the months of calculation a request asks for; refused, before anything is calculated, over
    :data:`WORK_BUDGET`."""
    if work > WORK_BUDGET:
        raise pb.Problem(413, "too-much-work", text(f"server_limits.{what}", lang, work=work, budget=WORK_BUDGET,
                                                    **numbers), field, "work_budget")
    return work


def _shape(field: str, lang: str, key: str, **args: Any) -> pb.Problem:
    return pb.Problem(422, "bad-request", f"{field}: {text(f'api.{key}', lang, **args)}", field, key)


def _fields(data: Any, lang: str, allowed: Sequence[str], required: Sequence[str] = ("case",), where: str = ""
            ) -> dict[str, Any]:
    """The request object: a mapping with only ``allowed`` keys and every ``required`` one."""
    if not isinstance(data, dict):
        raise _shape(where or "body", lang, "not_object", allowed=", ".join(allowed))
    for k in data:
        if k not in allowed:
            raise _shape(f"{where}{safe_load.show_key(k)}"[:120], lang, "unknown_key", allowed=", ".join(allowed))
    for k in required:
        if data.get(k) is None:
            raise _shape(f"{where}{k}", lang, "required")
    return data


def _overlays(raw: Any, lang: str, where: str = "") -> list[tuple[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _shape(f"{where}overlays", lang, "not_a_list")
    if len(raw) > MAX_OVERLAYS:
        raise _shape(f"{where}overlays", lang, "too_many", count=len(raw), max=MAX_OVERLAYS)
    docs = []
    for i, item in enumerate(raw):
        label = f"{where}overlays[{i}]"
        if isinstance(item, str):
            try:
                item = safe_load.parse(item, max_nodes=MAX_RULE_NODES)
            except safe_load.DocumentError as exc:
                raise pb.Problem(422, "bad-overlay", text("api.overlay", lang, problem=pb.document_text(exc, lang)),
                                 label, exc.key or None) from None
        if not isinstance(item, dict):
            raise _shape(label, lang, "overlay_kind")
        place = _too_big(item, label)
        if place is not None:
            raise pb.Problem(422, "bad-overlay", text("api.overlay", lang, problem=text(
                "server_limits.too_big_number", lang)), place, "too_big_number")
        docs.append((label, item))
    return docs


def _hours(raw: Any, lang: str) -> tuple[float, ...]:
    """The hours levels of a sweep: the CLI's text form, or a JSON list of numbers; checked as the CLI checks them."""
    from benefit_calc.analysis.sweep import MAX_STEPS, checked_hours, parse_hours

    if raw is None:
        return parse_hours("0:40:1")
    if isinstance(raw, str) and len(raw) <= 200:
        return parse_hours(raw)  # a range is counted before its levels are made ("0:100:0.0000001" is 10⁹ levels)
    if isinstance(raw, list) and len(raw) <= MAX_STEPS and all(
            isinstance(h, (int, float)) and not isinstance(h, bool) and not _huge(h) for h in raw):
        return checked_hours(tuple(float(h) for h in raw))
    raise _shape("hours", lang, "hours")


class Api:
    """The endpoints, bound to one worker's state."""

    def __init__(self, state: _State) -> None:
        self.s = state

    async def _compute(self, request: Request, cost: Callable[[str, Any], int], work: Callable[[str, Any], Any],
                       media: str = _JSON) -> Response:
        """Read the body (on the event loop); parse it and weigh its work (``cost``: months of calculation, refused
        over :data:`WORK_BUDGET`) on the light lane; calculate on the light lane when it costs at most
        :data:`LIGHT`, else on the heavy one — each lane one thread, so a worker runs at most one large calculation
        and a small request never waits behind one. The event loop stays free for /health throughout."""
        lang = _lang(request)
        try:
            body = await _body(request, lang)
            waiting = self.s.light.statistics().tasks_waiting + self.s.heavy.statistics().tasks_waiting
            if waiting >= MAX_WAITING:
                raise pb.Problem(503, "busy", text("server_limits.busy", lang, waiting=waiting))

            def weigh() -> tuple[Any, int]:
                data = _parse(body)
                return data, cost(lang, data)

            data, months = await anyio.to_thread.run_sync(weigh, limiter=self.s.light)
            if months > LIGHT:
                data = None  # parsed again on the heavy lane: a request waiting there holds only its body's bytes
                if self.s.heavy.statistics().tasks_waiting >= MAX_WAITING_HEAVY:
                    raise pb.Problem(503, "busy", text("server_limits.busy", lang, waiting=MAX_WAITING_HEAVY))

            lane = "light" if months <= LIGHT else "heavy"

            def run() -> Any:
                self.s.enter(lane)
                try:
                    return work(lang, _parse(body) if data is None else data)
                finally:
                    self.s.forget_cases()
                    if months >= HEAVY:
                        release_memory()

            out = await anyio.to_thread.run_sync(_timed, self.s.time_limit, run,
                                                 limiter=self.s.light if lane == "light" else self.s.heavy)
            return _answer(out, lang, media=media)
        except TimeoutError:  # the deadline stopped the calculation
            return _problem(pb.Problem(503, "timeout", text("api.timeout", lang, seconds=f"{self.s.time_limit:g}")),
                            lang)
        except Exception as exc:  # noqa: BLE001 — every error becomes a problem; nothing is logged
            return _problem(pb.from_error(exc, lang), lang)

    def _one(self, lang: str, data: Any, allowed: Sequence[str] = ("case", "overlays"),
             required: Sequence[str] = ("case",)) -> tuple[Ruleset, Any, dict[str, Any]]:
        return read_request(lang, data, self.s.with_overlays, allowed, required)

    async def simulate(self, request: Request) -> Response:
        def cost(lang: str, data: Any) -> int:
            if isinstance(data, list):
                months = sum(_months(item.get("case")) for item in data[:MAX_BATCH] if isinstance(item, dict))
                return _budget(months, lang, "body", "list", cases=len(data))
            return _months(data.get("case")) if isinstance(data, dict) else 0

        def work(lang: str, data: Any) -> Any:
            if isinstance(data, list):
                if not 0 < len(data) <= MAX_BATCH:
                    raise _shape("body", lang, "too_many", count=len(data), max=MAX_BATCH)
                # each answer written at once: the list holds bytes, not the results' objects
                return b"[" + b",".join(dumps(self._batch_item(lang, item, f"[{i}].")) for i, item in
                                         enumerate(data)) + b"]"
            rules, case, _ = self._one(lang, data)
            return outputs.simulate_data(rules, case)
        return await self._compute(request, cost, work)

    def _batch_item(self, lang: str, item: Any, where: str) -> dict[str, Any]:
        return batch_item(self.s.rules, lang, item, where, self.s.with_overlays)

    async def sweep(self, request: Request) -> Response:
        def cost(lang: str, data: Any) -> int:
            if not isinstance(data, dict):
                return 0
            months = _months(data.get("case"))
            try:
                levels = len(_hours(data.get("hours"), lang))
            except Exception:  # noqa: BLE001 — a bad hours field is refused, with its field, by the work itself
                return 0
            return _budget(levels * months, lang, "hours", "sweep", levels=levels, months=months)

        def work(lang: str, data: Any) -> Any:
            rules, case, req = self._one(lang, data, ("case", "overlays", "hours", "wage"))
            wage = req.get("wage")
            if wage is not None and (isinstance(wage, bool) or not isinstance(wage, (int, float)) or _huge(wage)):
                raise _shape("wage", lang, "wage")
            return outputs.sweep_data(rules, case, _hours(req.get("hours"), lang), wage, lang)
        return await self._compute(request, cost, work)

    @staticmethod
    def _plans(lang: str, data: Any) -> int:
        """The cost of a request that calculates the work plan and every scenario (compare, report)."""
        case = data.get("case") if isinstance(data, dict) else None
        scenarios = case.get("scenarios") if isinstance(case, dict) else None
        plans, months = 1 + (len(scenarios) if isinstance(scenarios, list) else 0), _months(case)
        return _budget(plans * months, lang, "case.scenarios", "plans", plans=plans, months=months)

    async def compare(self, request: Request) -> Response:
        def work(lang: str, data: Any) -> Any:
            rules, case, _ = self._one(lang, data)
            return outputs.compare_data(rules, case, lang)
        return await self._compute(request, self._plans, work)

    async def explain(self, request: Request) -> Response:
        def cost(lang: str, data: Any) -> int:
            return _months(data.get("case")) if isinstance(data, dict) else 0

        def work(lang: str, data: Any) -> Any:
            rules, case, req = self._one(lang, data, ("case", "overlays", "month"), ("case", "month"))
            return outputs.explain_data(rules, case, req["month"], lang)
        return await self._compute(request, cost, work)

    async def report(self, request: Request) -> Response:
        def work(lang: str, data: Any) -> Any:
            rules, case, _ = self._one(lang, data)
            return outputs.report_pdf(rules, case, lang)
        return await self._compute(request, self._plans, work, "application/pdf")

    async def rules(self, request: Request) -> Response:
        r = self.s.rules
        params = [{"name": n, "file": p.file, "unit": p.unit, "kind": p.kind, "label": dict(p.label),
                   "description": p.description} for n, p in sorted(r.parameters.items())]
        return _answer({**r.stamp(), "supported": supported(r), "parameters": params}, _lang(request))

    async def rule(self, request: Request) -> Response:
        lang = _lang(request)
        name = request.path_params["name"]
        p = self.s.rules.parameters.get(name)
        if p is None:
            return _problem(pb.Problem(404, "not-found", text("api.no_rule", lang, name=name[:100])), lang)
        return _answer(parameter_data(p), lang)

    async def health(self, request: Request) -> Response:
        return _answer({"status": "ok", "rules": self.s.rules.stamp()}, _lang(request))


def read_request(lang: str, data: Any, with_overlays: Callable[[list[tuple[str, Any]]], Ruleset],
                 allowed: Sequence[str] = ("case", "overlays"), required: Sequence[str] = ("case",), where: str = ""
                 ) -> tuple[Ruleset, Any, dict[str, Any]]:
    """(the rules with the request's overlays, the parsed case, the request object) of one request object."""
    req = _fields(data, lang, allowed, required, where)
    rules = with_overlays(_overlays(req.get("overlays"), lang, where))
    return rules, parse_case(req["case"]), req


def batch_item(rules: Ruleset, lang: str, item: Any, where: str = "",
               with_overlays: Callable[[list[tuple[str, Any]]], Ruleset] | None = None) -> dict[str, Any]:
    """One case of a list (``POST /simulate`` with a list, ``benefit-calc batch``): ``{"result": …}`` or
    ``{"problem": …}`` — one item's problem does not stop the others. ``item`` is a request object
    (``{"case": …, "overlays": […]}``)."""
    try:
        ruleset, case, _ = read_request(lang, item, with_overlays or (
            lambda docs: overlaid(rules, docs) if docs else rules), where=where)
        return {"result": outputs.simulate_data(ruleset, case)}
    except TimeoutError:  # the request's time is up: the whole list stops
        raise
    except Exception as exc:  # noqa: BLE001
        return {"problem": pb.from_error(exc, lang, where).to_dict(lang)}


def create_app(rules_dir: str | None = None, cors_origins: Sequence[str] = (), time_limit: float | None = None
               ) -> Starlette:
    """The ASGI app. Settings come from the arguments or, for ``benefit-calc serve --workers N`` (each worker
    builds its own app), from ``BENEFIT_CALC_RULES``, ``BENEFIT_CALC_CORS`` and ``BENEFIT_CALC_TIME_LIMIT``."""
    rules_dir = rules_dir or os.environ.get("BENEFIT_CALC_RULES") or None
    cors = list(cors_origins) or [o for o in os.environ.get("BENEFIT_CALC_CORS", "").split(",") if o]
    limit = time_limit or float(os.environ.get("BENEFIT_CALC_TIME_LIMIT") or TIME_LIMIT)
    rules = load_rules(rules_dir)
    api = Api(_State(rules, limit))
    numbers = sorted(rules.param("kommunenummer.numbers").values[-1].value)
    spec = openapi(rules.version, sorted(rules.parameters), rules.supported, numbers)
    spec_body, docs = dumps(spec), docs_page(spec)
    gc.freeze()  # the rules and the code live as long as the process: the collector need not walk them again

    async def spec_route(request: Request) -> Response:
        return Response(spec_body, media_type=_JSON)

    async def docs_route(request: Request) -> Response:
        return HTMLResponse(docs)

    async def not_found(request: Request, exc: HTTPException) -> Response:
        lang = _lang(request)
        if exc.status_code == 405:
            allowed = exc.headers.get("Allow", "") if exc.headers else ""
            p = pb.Problem(405, "method-not-allowed", text("api.method", lang, method=request.method, allowed=allowed))
            resp = _problem(p, lang)
            resp.headers["Allow"] = allowed
            return resp
        return _problem(pb.Problem(exc.status_code if exc.status_code >= 400 else 404, "not-found",
                                   text("api.not_found", lang, path=request.url.path[:100])), lang)

    async def internal(request: Request, exc: Exception) -> Response:
        lang = _lang(request)
        return _problem(pb.Problem(500, "internal", text("api.internal", lang, what=type(exc).__name__)), lang)

    routes = [Route("/simulate", api.simulate, methods=["POST"]), Route("/sweep", api.sweep, methods=["POST"]),
              Route("/compare", api.compare, methods=["POST"]), Route("/explain", api.explain, methods=["POST"]),
              Route("/report", api.report, methods=["POST"]), Route("/rules", api.rules, methods=["GET"]),
              Route("/rules/{name:path}", api.rule, methods=["GET"]), Route("/health", api.health, methods=["GET"]),
              Route("/openapi.json", spec_route, methods=["GET"]), Route("/docs", docs_route, methods=["GET"])]
    middleware = [Middleware(CORSMiddleware, allow_origins=cors, allow_methods=["GET", "POST"],
                             allow_headers=["Content-Type", "Accept-Language"])] if cors else []
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={HTTPException: not_found, Exception: internal})
