"""The HTTP API: a thin ASGI front end (Starlette) over the same functions as the CLI (:mod:`present.outputs`).

Safe by default: bodies of at most 1 MB read as JSON through the same safe loader and bounds as case files; a
time limit per request; no CORS unless origins are configured; nothing of a request (body, case value, result)
is logged; stateless — what the engine remembers from a case is dropped when its request is answered
(:meth:`Ruleset.forget_cases`), only rule lookups by date stay. docs/api.md describes the endpoints.
"""

from __future__ import annotations

import gc
import hashlib
import os
import signal
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
TIME_LIMIT = 30.0  # seconds a request may compute (a 1000-case list takes about 5 s)
_JSON = "application/json"


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON (orjson: a result of 30 kB in 0.1 ms instead of 0.7 ms; the same data as ``json``)."""
    return orjson.dumps(data)


_ALARM = hasattr(signal, "setitimer")


class _Overtime(TimeoutError):
    pass


def _overtime(signum: int, frame: Any) -> None:
    raise _Overtime


def _within(seconds: float, work: Callable[[], Any]) -> Any:
    """``work()`` on this (the main) thread, stopped by SIGALRM after ``seconds`` with :class:`TimeoutError`. A
    worker process answers one request at a time (CPU-bound work under the GIL), so computing inline blocks
    nothing that could run meanwhile, and it saves the hop to a thread and back."""
    previous = signal.signal(signal.SIGALRM, _overtime)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _State:
    """What one worker process keeps: the rules (immutable) and overlaid rulesets by their content's hash."""

    def __init__(self, rules: Ruleset, time_limit: float) -> None:
        self.rules, self.time_limit = rules, time_limit
        self.overlaid: OrderedDict[str, Ruleset] = OrderedDict()
        self.limiter = anyio.CapacityLimiter(1)  # CPU-bound work: one at a time per process (add workers to scale)

    def with_overlays(self, docs: list[tuple[str, Any]]) -> Ruleset:
        if not docs:
            return self.rules
        key = hashlib.sha256(dumps(docs)).hexdigest()
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


async def _body(request: Request, lang: str) -> Any:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise pb.Problem(413, "too-large", text("api.body_too_large", lang, kb=MAX_BODY // 1000))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise pb.Problem(413, "too-large", text("api.body_too_large", lang, kb=MAX_BODY // 1000))
        chunks.append(chunk)
    return safe_load.parse(b"".join(chunks), max_bytes=MAX_BODY, max_nodes=MAX_VALUES, json_only=True)


def _shape(field: str, lang: str, key: str, **args: Any) -> pb.Problem:
    return pb.Problem(422, "bad-request", f"{field}: {text(f'api.{key}', lang, **args)}", field, key)


def _fields(data: Any, lang: str, allowed: Sequence[str], required: Sequence[str] = ("case",), where: str = ""
            ) -> dict[str, Any]:
    """The request object: a mapping with only ``allowed`` keys and every ``required`` one."""
    if not isinstance(data, dict):
        raise _shape(where or "body", lang, "not_object", allowed=", ".join(allowed))
    for k in data:
        if k not in allowed:
            raise _shape(f"{where}{k}"[:120], lang, "unknown_key", allowed=", ".join(allowed))
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
        docs.append((label, item))
    return docs


def _hours(raw: Any, lang: str) -> tuple[float, ...]:
    """The hours levels of a sweep: the CLI's text form, or a JSON list of numbers; checked as the CLI checks them."""
    from benefit_calc.analysis.sweep import MAX_STEPS, checked_hours, parse_hours

    if raw is None:
        return parse_hours("0:40:1")
    if isinstance(raw, str) and len(raw) <= 200:
        return parse_hours(raw)
    if isinstance(raw, list) and len(raw) <= MAX_STEPS and all(
            isinstance(h, (int, float)) and not isinstance(h, bool) for h in raw):
        return checked_hours(tuple(float(h) for h in raw))
    raise _shape("hours", lang, "hours")


class Api:
    """The endpoints, bound to one worker's state."""

    def __init__(self, state: _State) -> None:
        self.s = state

    async def _compute(self, request: Request, work: Callable[[str, Any], Any], media: str = _JSON) -> Response:
        lang = _lang(request)
        try:
            data = await _body(request, lang)

            def run() -> Any:
                try:
                    return work(lang, data)
                finally:
                    self.s.rules.forget_cases()
                    for r in self.s.overlaid.values():
                        r.forget_cases()

            if _ALARM and threading.current_thread() is threading.main_thread():
                out = _within(self.s.time_limit, run)  # inline: no thread hop; the alarm stops it on time
            else:  # e.g. under a test client, whose event loop runs in a thread of its own
                with anyio.fail_after(self.s.time_limit):
                    out = await anyio.to_thread.run_sync(run, limiter=self.s.limiter, abandon_on_cancel=True)
            return _answer(out, lang, media=media)
        except TimeoutError:  # the alarm (inline) or anyio's fail_after (in a thread)
            return _problem(pb.Problem(503, "timeout", text("api.timeout", lang, seconds=f"{self.s.time_limit:g}")),
                            lang)
        except Exception as exc:  # noqa: BLE001 — every error becomes a problem; nothing is logged
            return _problem(pb.from_error(exc, lang), lang)

    def _one(self, lang: str, data: Any, allowed: Sequence[str] = ("case", "overlays"),
             required: Sequence[str] = ("case",)) -> tuple[Ruleset, Any, dict[str, Any]]:
        return read_request(lang, data, self.s.with_overlays, allowed, required)

    async def simulate(self, request: Request) -> Response:
        def work(lang: str, data: Any) -> Any:
            if isinstance(data, list):
                if not 0 < len(data) <= MAX_BATCH:
                    raise _shape("body", lang, "too_many", count=len(data), max=MAX_BATCH)
                return [self._batch_item(lang, item, f"[{i}].") for i, item in enumerate(data)]
            rules, case, _ = self._one(lang, data)
            return outputs.simulate_data(rules, case)
        return await self._compute(request, work)

    def _batch_item(self, lang: str, item: Any, where: str) -> dict[str, Any]:
        return batch_item(self.s.rules, lang, item, where, self.s.with_overlays)

    async def sweep(self, request: Request) -> Response:
        def work(lang: str, data: Any) -> Any:
            rules, case, req = self._one(lang, data, ("case", "overlays", "hours", "wage"))
            wage = req.get("wage")
            if wage is not None and (isinstance(wage, bool) or not isinstance(wage, (int, float))):
                raise _shape("wage", lang, "wage")
            return outputs.sweep_data(rules, case, _hours(req.get("hours"), lang), wage, lang)
        return await self._compute(request, work)

    async def compare(self, request: Request) -> Response:
        def work(lang: str, data: Any) -> Any:
            rules, case, _ = self._one(lang, data)
            return outputs.compare_data(rules, case, lang)
        return await self._compute(request, work)

    async def explain(self, request: Request) -> Response:
        def work(lang: str, data: Any) -> Any:
            rules, case, req = self._one(lang, data, ("case", "overlays", "month"), ("case", "month"))
            return outputs.explain_data(rules, case, req["month"], lang)
        return await self._compute(request, work)

    async def report(self, request: Request) -> Response:
        def work(lang: str, data: Any) -> Any:
            rules, case, _ = self._one(lang, data)
            return outputs.report_pdf(rules, case, lang)
        return await self._compute(request, work, "application/pdf")

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
    spec = openapi(rules.version)
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
