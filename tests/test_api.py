"""The HTTP API (benefit_calc.api): every endpoint's contract, languages and error statuses; the same JSON as the
CLI and the library for every example; the OpenAPI document describes what is really sent and answered; nothing of
a request is logged or kept. Schemathesis (property-based tests from our own OpenAPI) is in test_api_schema.py."""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's TestClient warns that it prefers httpx2
    from starlette.testclient import TestClient

from benefit_calc import load_rules, parse_case, simulate
from benefit_calc.api.app import MAX_BODY, WORK_BUDGET, create_app
from benefit_calc.api.problems import language
from benefit_calc.api.schema import case_schema, openapi
from benefit_calc.cli import main

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
RULES = load_rules()
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def as_json(path: Path) -> dict[str, Any]:
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), raise_server_exceptions=False)


CASE = as_json(ROOT / "examples" / "aap-naer-grensen.yaml")
HOURLY = as_json(ROOT / "examples" / "aap-ung-minsteytelse.yaml")


# ------------------------------------------------------------------------------------------------ contracts


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_api_cli_and_library_give_the_same_json(client: TestClient, path: Path) -> None:
    api = client.post("/simulate", json={"case": as_json(path)})
    assert api.status_code == 200 and api.headers["content-type"] == "application/json"
    cli = CliRunner().invoke(main, ["simulate", str(path), "--format", "json"])
    assert cli.exit_code == 0, cli.output
    library = json.loads(json.dumps(simulate(RULES, parse_case(as_json(path))).to_dict(), ensure_ascii=False))
    assert api.json() == json.loads(cli.output) == library
    jsonschema.validate(api.json(), openapi("x")["components"]["schemas"]["Result"])


def _analysis_requests() -> list[Any]:
    """Every example through sweep and explain (its first month), and compare where it has scenarios."""
    out = []
    for path in EXAMPLES:
        data = as_json(path)
        out.append(pytest.param(path, "sweep", ["--hours", "0:20:10", "--lang", "en"], {"hours": "0:20:10"},
                                id=f"sweep-{path.stem}"))
        out.append(pytest.param(path, "explain", ["--month", data["start"], "--lang", "nn"], {"month": data["start"]},
                                id=f"explain-{path.stem}"))
        if data.get("scenarios"):
            out.append(pytest.param(path, "compare", ["--lang", "nb"], {}, id=f"compare-{path.stem}"))
    return out


@pytest.mark.parametrize("path,endpoint,args,extra", _analysis_requests())
def test_analysis_endpoints_match_the_cli(client: TestClient, path: Path, endpoint: str, args: list[str],
                                          extra: dict) -> None:
    lang = args[args.index("--lang") + 1]
    api = client.post(f"/{endpoint}", json={"case": as_json(path), **extra}, headers={"Accept-Language": lang})
    cli = CliRunner().invoke(main, [endpoint, str(path), "--format", "json", *args])
    if api.status_code != 200:  # e.g. a sweep of a plan paid by the month: the same refusal, the same field
        assert api.status_code == 422 and cli.exit_code == 2, (api.text, cli.output)
        assert api.json()["field"].split(".")[-1] in cli.output
        return
    assert api.headers["content-language"] == lang
    assert cli.exit_code == 0, cli.output
    assert api.json() == json.loads(cli.output)


def test_a_list_gives_one_answer_each_in_order(client: TestClient) -> None:
    bad = {**CASE, "start": "2019-01"}
    r = client.post("/simulate", json=[{"case": CASE}, {"case": bad}, {"case": HOURLY}])
    assert r.status_code == 200
    out = r.json()
    assert [list(x) for x in out] == [["result"], ["problem"], ["result"]]
    assert out[1]["problem"]["field"] == "[1].case.start" and out[1]["problem"]["status"] == 422
    assert out[2]["result"] == client.post("/simulate", json={"case": HOURLY}).json()


def test_the_batch_command_answers_a_line_each_like_the_api(tmp_path: Path) -> None:
    lines = [json.dumps(CASE), json.dumps({"case": HOURLY}), "{not json", json.dumps({"start": "2026-01"})]
    src = tmp_path / "cases.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["batch", str(src), "--jobs", "2", "--lang", "en"])
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.output.splitlines()]
    assert [x["line"] for x in out] == [1, 2, 3, 4]
    library = json.loads(json.dumps(simulate(RULES, parse_case(CASE)).to_dict(), ensure_ascii=False))
    assert out[0]["result"] == library
    assert out[2]["problem"]["status"] == 400 and out[3]["problem"]["field"] == "case.months"
    assert out[3]["problem"]["detail"].startswith("Number of months")


def test_overlays_in_the_body_work_as_overlay_files(client: TestClient, tmp_path: Path) -> None:
    overlay = {"parameters": {"aap.max_work_share": {"values": {"2026-01-01": 0.8}}}}
    api = client.post("/simulate", json={"case": CASE, "overlays": [overlay]})
    (tmp_path / "o.yaml").write_text(yaml.safe_dump(overlay), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps(CASE), encoding="utf-8")
    cli = CliRunner().invoke(main, ["simulate", str(tmp_path / "c.json"), "--format", "json", "--overlay",
                                    str(tmp_path / "o.yaml")])
    a, c = api.json(), json.loads(cli.output)
    assert a["months"] == c["months"] and a["months"] != client.post("/simulate", json={"case": CASE}).json()["months"]
    as_text = client.post("/simulate", json={"case": CASE, "overlays": [yaml.safe_dump(overlay)]}).json()
    assert as_text["months"] == a["months"]


def test_rules_endpoints(client: TestClient) -> None:
    r = client.get("/rules").json()
    assert r["version"] == RULES.version and r["sha256"] == RULES.sha256
    assert len(r["parameters"]) == len(RULES.parameters)
    g = client.get("/rules/grunnbelop.g").json()
    assert {"valid_from": "2026-05-01", "value": 136549} .items() <= g["values"][-1].items()
    assert g["label"]["en"] and g["references"]
    brackets = client.get("/rules/skatt.trinnskatt").json()["values"][-1]["value"]
    assert isinstance(brackets, list) and {"threshold", "rate"} <= set(brackets[0])
    assert client.get("/health").json()["rules"]["version"] == RULES.version


def test_the_openapi_document_and_the_docs_page(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1") and {"/simulate", "/sweep", "/compare", "/explain", "/report", "/rules",
                                                  "/rules/{name}", "/health"} <= set(spec["paths"])
    page = client.get("/docs")
    assert page.status_code == 200 and "/openapi.json" in page.text and "POST /simulate" in page.text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_fits_the_case_schema(path: Path) -> None:
    jsonschema.validate(as_json(path), case_schema())


def test_the_case_schema_refuses_what_the_parser_refuses() -> None:
    schema = case_schema()
    for bad in ({**CASE, "monthz": 3}, {**CASE, "months": 0}, {**CASE, "start": "2026-13"},
                {**CASE, "work": [{"from": "2026-01", "hours_per_week": 101}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_the_report_is_a_pdf(client: TestClient) -> None:
    r = client.post("/report", json={"case": CASE}, headers={"Accept-Language": "en"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf" and r.content[:5] == b"%PDF-"


# ------------------------------------------------------------------------------------------------ languages


@pytest.mark.parametrize("header,lang", [("nb", "nb"), ("nn-NO", "nn"), ("en-GB,en;q=0.9", "en"), ("no", "nb"),
                                         ("de, nn;q=0.5, en;q=0.8", "en"), ("", "nb"), ("fr", "nb"),
                                         ("en;q=0, nn", "nn"), ("x" * 5000, "nb")])
def test_accept_language(header: str, lang: str) -> None:
    assert language(header) == lang


@pytest.mark.parametrize("lang,word", [("nb", "Antall måneder"), ("nn", "Tal på månader"),
                                       ("en", "Number of months")])
def test_a_bad_case_is_422_with_the_field_in_the_language(client: TestClient, lang: str, word: str) -> None:
    r = client.post("/simulate", json={"case": {**CASE, "months": 0}}, headers={"Accept-Language": lang})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    p = r.json()
    assert p["field"] == "case.months" and p["code"] == "below" and p["lang"] == lang and p["status"] == 422
    assert p["detail"].startswith(word) and p["type"] == "urn:benefit-calc:bad-case"


# ------------------------------------------------------------------------------------------------ errors


@pytest.mark.parametrize("body,status,kind,field", [
    (b"{bad", 400, "bad-json", None),
    (b"", 400, "bad-json", None),
    (b"\xff\xfe", 400, "bad-json", None),
    (b'{"case": 1, "case": 2}', 400, "bad-json", None),
    (b"[" * 30 + b"]" * 30, 400, "bad-json", None),
    (b'"a string"', 422, "bad-request", "body"),
    (b'{"kase": {}}', 422, "bad-request", "kase"),
    (b'{"overlays": []}', 422, "bad-request", "case"),
    (b'{"case": {}, "overlays": {"a": 1}}', 422, "bad-request", "overlays"),
    (b'{"case": {}, "overlays": [1]}', 422, "bad-request", "overlays[0]"),
    (b'{"case": {}, "overlays": ["a: [1"]}', 422, "bad-overlay", "overlays[0]"),
    (b'{"case": {"start": "2026-01", "months": 3, "client": {"birth_date": "1990-01-01"}}, '
     b'"overlays": [{"parameters": {"nope.nope": {"values": {"2026-01-01": 1}}}}]}', 422, "bad-overlay",
     "overlays[0].parameters.nope.nope"),
    (b'{"case": {"start": "2026-01", "months": 3}}', 422, "bad-case", "case.client"),
    (b'{"case": []}', 422, "bad-case", "case"),
])
def test_bad_bodies_get_the_right_status_and_field(client: TestClient, body: bytes, status: int, kind: str,
                                                   field: str | None) -> None:
    r = client.post("/simulate", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status, r.text
    p = r.json()
    assert r.headers["content-type"] == "application/problem+json"
    assert p["type"] == f"urn:benefit-calc:{kind}" and p["field"] == field and p["detail"]
    assert "Traceback" not in r.text


def test_too_large_is_413_before_it_is_read(client: TestClient) -> None:
    r = client.post("/simulate", content=b" " * (MAX_BODY + 1))
    assert r.status_code == 413 and r.json()["type"] == "urn:benefit-calc:too-large"
    many = json.dumps({"case": CASE, "overlays": [{"parameters": {}, "meta": list(range(120_000))}]})
    assert client.post("/simulate", content=many.encode()).status_code == 413


def test_not_found_and_wrong_method(client: TestClient) -> None:
    r = client.get("/nowhere", headers={"Accept-Language": "en"})
    assert r.status_code == 404 and r.json()["detail"].startswith("/nowhere does not exist")
    r = client.get("/simulate")
    assert r.status_code == 405 and r.headers["allow"] == "POST" and r.json()["status"] == 405
    assert client.get("/rules/no.such.rule").status_code == 404


def test_sweep_and_explain_name_their_own_fields(client: TestClient) -> None:
    r = client.post("/sweep", json={"case": HOURLY, "hours": "a lot"})
    assert r.status_code == 422 and r.json()["field"] == "hours"
    r = client.post("/sweep", json={"case": HOURLY, "hours": [0, 10, 1000]})
    assert r.status_code == 422 and r.json()["field"] == "hours"
    r = client.post("/sweep", json={"case": HOURLY, "wage": "200"}, headers={"Accept-Language": "en"})
    assert r.status_code == 422 and r.json()["field"] == "wage" and "hourly wage" in r.json()["detail"]
    r = client.post("/explain", json={"case": HOURLY})
    assert r.status_code == 422 and r.json()["field"] == "month"
    r = client.post("/explain", json={"case": HOURLY, "month": "mars"})
    assert r.status_code == 422 and r.json()["field"] == "month"


@pytest.mark.parametrize("endpoint,extra", [("simulate", {}), ("sweep", {"hours": "0,10"}), ("compare", {}),
                                            ("explain", {"month": "2026-03"}), ("report", {})])
@pytest.mark.parametrize("overlay,place", [
    ({"parameters": {}, "note": 2**64}, "overlays[0].note"),  # even under a key the overlay does not have
    ({"parameters": {"aap.max_work_share": {"values": {"2026-01-01": -(10**30)}}}},
     "overlays[0].parameters.aap.max_work_share.values.2026-01-01"),
    ("parameters: {}\nmeta: [1, 18446744073709551616]\n", "overlays[0].meta[1]"),  # as YAML text
])
def test_a_huge_integer_in_an_overlay_is_a_422_naming_its_place(client: TestClient, endpoint: str, extra: dict,
                                                                 overlay: Any, place: str) -> None:
    body = json.dumps({"case": CASE, "overlays": [overlay], **extra})  # json writes integers of any size
    r = client.post(f"/{endpoint}", content=body.encode(), headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", r.text
    p = r.json()
    assert p["type"] == "urn:benefit-calc:bad-overlay" and p["field"] == place and p["code"] == "too_big_number"


def test_huge_integers_in_a_list_item_or_a_sweep_are_problems_not_500(client: TestClient) -> None:
    r = client.post("/simulate", content=json.dumps([{"case": CASE, "overlays": [{"parameters": {}, "x": 2**70}]}]
                                                    ).encode())
    assert r.status_code == 200 and r.json()[0]["problem"]["field"] == "[0].overlays[0].x"
    for extra, field in (({"wage": 10**400}, "wage"), ({"hours": [10**400]}, "hours"), ({"hours": "0:inf:1"}, "hours")):
        r = client.post("/sweep", content=json.dumps({"case": HOURLY, **extra}).encode())
        assert r.status_code == 422 and r.json()["field"] == field, r.text


def _five_years(n: int, months: int = 60) -> list[dict[str, Any]]:
    """``n`` different cases of ``months`` months (birth dates differ: the engine remembers nothing between them)."""
    return [{"case": {**HOURLY, "months": months, "client": {
        **HOURLY["client"], "birth_date": f"19{50 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}"}}} for i in range(n)]


def test_a_range_of_too_many_hours_is_refused_before_it_is_made(client: TestClient) -> None:
    """``0:100:0.0000001`` is 10⁹ levels: counted, not made (it took minutes and gigabytes before)."""
    r = client.post("/sweep", json={"case": HOURLY, "hours": "0:100:0.0000001"}, headers={"Accept-Language": "en"})
    assert r.status_code == 422 and r.json()["field"] == "hours" and r.json()["code"] == "hours_levels"
    assert "1000000001 levels" in r.json()["detail"] and "1 to 201" in r.json()["detail"]


def test_the_work_budget_refuses_a_request_up_front(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from benefit_calc.api import app as app_module

    assert WORK_BUDGET == 15_000  # docs/api.md states it
    r = client.post("/simulate", json=_five_years(251), headers={"Accept-Language": "en"})
    assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"
    p = r.json()
    assert p["type"] == "urn:benefit-calc:too-much-work" and p["field"] == "body" and p["code"] == "work_budget"
    assert "15060 months" in p["detail"] and "251 cases" in p["detail"] and "at most 15000" in p["detail"]
    assert p["title"] == "The request asks for too much calculation"
    monkeypatch.setattr(app_module, "WORK_BUDGET", 100)
    r = client.post("/sweep", json={"case": HOURLY, "hours": "0:40:1"}, headers={"Accept-Language": "nn"})
    assert r.status_code == 413 and r.json()["field"] == "hours" and "41 timenivå" in r.json()["detail"]
    r = client.post("/compare", json={"case": {**CASE, "scenarios": [{"name": "a", "work": []}] * 20}})
    assert r.status_code == 413 and r.json()["field"] == "case.scenarios"
    assert client.post("/simulate", json={"case": HOURLY}).status_code == 200  # 12 months: within


def test_the_schema_states_what_the_parser_accepts() -> None:
    """Dates and months the parser refuses, an empty overlay text, a start outside the rules' months and an
    unknown municipality do not fit the document; null for a field that is not required does, as for the parser."""
    doc = openapi("x", sorted(RULES.parameters), RULES.supported,
                  sorted(RULES.param("kommunenummer.numbers").values[-1].value))
    schemas = doc["components"]["schemas"]

    def fits(schema: dict[str, Any], value: Any) -> bool:
        resolver = {"$defs": schemas, **schema}
        text = json.dumps(resolver).replace("#/components/schemas/", "#/$defs/")
        return jsonschema.Draft202012Validator(json.loads(text)).is_valid(value)

    case = schemas["Case"]
    assert fits(case, CASE) and fits(case, {**CASE, "household": None, "work": None})
    client_ = CASE["client"]
    for bad in ({**CASE, "client": {**client_, "birth_date": "0000-00-00"}},
                {**CASE, "client": {**client_, "birth_date": "2026-02-30"}},
                {**CASE, "client": {**client_, "birth_date": "1899-12-31"}},
                {**CASE, "start": "0000-01"}, {**CASE, "start": "2019-01"},
                {**CASE, "household": {"municipality": "0000"}}, {**CASE, "schema": None}):
        assert not fits(case, bad), bad
        assert TestClient(create_app()).post("/simulate", json={"case": bad}).status_code == 422
    assert fits(case, {**CASE, "client": {**client_, "birth_date": "2000-02-29"}})
    overlay = schemas["Overlay"]
    for bad in ("", {}, {"parameters": {}, "other": 1}, {"parameters": {"no.such": {"values": {"2026-01-01": 1}}}}):
        assert not fits(overlay, bad), bad
    assert fits(overlay, {"parameters": {"aap.max_work_share": {"values": {"2026-01-01": 0.8}}}})


def test_a_case_in_the_first_supported_month_is_calculated(client: TestClient) -> None:
    case = {"start": "2023-01", "months": 1, "client": {"birth_date": "1990-01-01", "benefits": {
        "sosialhjelp": {"income_month": "next_month"}}},
        "household": {"partner": {"birth_date": "1990-01-01", "income_per_month": 0.0}}, "tax": {"table": 6000}}
    assert client.post("/simulate", json={"case": case}).status_code == 200


def test_a_request_over_the_time_limit_is_503() -> None:
    slow = TestClient(create_app(time_limit=0.001), raise_server_exceptions=False)
    r = slow.post("/sweep", json={"case": HOURLY, "hours": "0:100:1"}, headers={"Accept-Language": "en"})
    assert r.status_code == 503 and r.json()["type"] == "urn:benefit-calc:timeout"


# ------------------------------------------------------------------------------------------------ safe by default


def test_cors_is_off_unless_configured() -> None:
    closed = TestClient(create_app())
    r = closed.get("/health", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in r.headers
    opened = TestClient(create_app(cors_origins=["https://example.org"]))
    r = opened.get("/health", headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "https://example.org"


def test_nothing_of_a_request_is_logged_or_kept(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    secret = {**CASE, "client": {**CASE["client"], "birth_date": "1977-07-07"},
              "household": {**CASE.get("household", {}), "rent_per_month": 12345.67}}
    with caplog.at_level(logging.DEBUG):
        assert client.post("/simulate", json={"case": secret}).status_code == 200
        client.post("/simulate", json={"case": {**secret, "months": -7}})
        client.post("/simulate", content=b'{"case": {"start": "1977-07"')
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "1977" not in logged and "12345" not in logged


def test_the_engine_forgets_each_case_after_its_request() -> None:
    app = create_app()
    c = TestClient(app)
    assert c.post("/simulate", json={"case": HOURLY}).status_code == 200
    api = next(r.endpoint for r in app.routes if r.path == "/simulate").__self__  # type: ignore[attr-defined]
    assert len(api.s.rules._lru) == 0 and len(api.s.rules._shared) > 0
    heavy = api.s.lane_rules["heavy"]  # a list of more than 600 months is calculated on the heavy lane
    assert heavy is not api.s.rules and len(heavy._shared) == 0
    assert c.post("/simulate", json=_five_years(11)).status_code == 200
    assert len(heavy._lru) == 0 and len(heavy._shared) > 0
    overlay = {"parameters": {"aap.max_work_share": {"values": {"2026-01-01": 0.8}}}}
    r = c.post("/simulate", json=[{**item, "overlays": [overlay]} for item in _five_years(11)])
    assert r.status_code == 200 and all("result" in x for x in r.json())
    assert all(len(o._lru) == 0 for o in api.s.overlaid.values()) and {k[0] for k in api.s.overlaid} == {"heavy"}


def _serve(tmp_path_factory: pytest.TempPathFactory, *args: str) -> Any:
    """``benefit-calc serve ARGS`` as a user starts it, on a free port: yields (url, log file, process)."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path_factory.mktemp("server") / "server.log"
    out = log.open("wb")
    proc = subprocess.Popen([sys.executable, "-c", "from benefit_calc.cli import main; main()", "serve", "--port",
                             str(port), *args], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{url}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(8):  # each on a new connection: the kernel spreads them, so every worker has done one
            # (a worker's first calculation imports the engine; on a busy machine that alone can near the limit)
            _post(f"{url}/simulate", json.dumps({"case": HOURLY}).encode())
        yield url, log, proc
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        out.close()


@pytest.fixture(scope="module")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``benefit-calc serve --workers 2 --time-limit 1`` (each worker on its own socket)."""
    for url, log, _ in _serve(tmp_path_factory, "--workers", "2", "--time-limit", "1"):
        yield url, log


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``benefit-calc serve`` with its defaults: one worker process, the time limit 30 s."""
    yield from _serve(tmp_path_factory)


def _post(url: str, body: bytes) -> tuple[int, bytes]:
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_a_real_server_stops_a_request_at_its_time_limit(real_server: Any) -> None:
    url, _ = real_server
    cases = _five_years(1000, 15)  # all different, the work budget's 15 000 months: 2–5 s, over the 1 s limit
    status, body = _post(f"{url}/simulate", json.dumps(cases).encode())
    assert status == 503 and json.loads(body)["type"] == "urn:benefit-calc:timeout"
    status, body = _post(f"{url}/simulate", json.dumps({"case": HOURLY}).encode())  # the worker answers again
    assert status == 200 and json.loads(body)["months"]


def test_the_server_log_holds_no_request(real_server: Any) -> None:
    """A real server's whole output after a few requests holds no case value, body, path or result."""
    import time

    url, log = real_server
    secret = {**HOURLY, "client": {**HOURLY["client"], "birth_date": "1977-07-07"}}
    assert _post(f"{url}/simulate", json.dumps({"case": secret}).encode())[0] == 200
    assert _post(f"{url}/simulate", b'{"case": {"months": 98765}}')[0] == 422
    assert _post(f"{url}/simulate", b"{1977-07-07")[0] == 400
    time.sleep(0.5)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "1977" not in text and "98765" not in text and "/simulate" not in text


def _raw(url: str, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are; the answer's status, headers and body (the server closes the connection)."""
    import socket

    host, port = url.rsplit("//", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize("data,status", [
    (b"POST /simulate HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400),
    (b"GET /health HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 100_000 + b"\r\n\r\n", 431),
    (b"GET /health?q=" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: a\r\n" % i for i in range(3000)) + b"\r\n", 431),
    (b"NOT HTTP AT ALL\r\n\r\n", 400),
    (b"POST /simulate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
], ids=["negative-content-length", "long-header", "long-query", "many-headers", "garbage", "length-and-chunked"])
def test_malformed_http_is_a_problem_and_not_logged(real_server: Any, data: bytes, status: int) -> None:
    import time

    url, log = real_server
    before = log.read_bytes()
    got, headers, body = _raw(url, data)
    assert got == status and headers["content-type"] == "application/problem+json"
    p = json.loads(body)
    assert p["status"] == status and p["type"] == "urn:benefit-calc:bad-http"
    _raw(url, b"GET /health HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade, close\r\n\r\n")
    time.sleep(0.3)
    assert log.read_bytes() == before  # not a line per request: nothing at all


def test_health_and_a_small_request_answer_while_a_heavy_one_runs(one_worker: Any) -> None:
    """One worker: /health (three times) and a one-year case are answered before the heaviest list the budget allows
    is (before, the calculation held the event loop and every request waited for it: each answer came after the
    heavy one's); then the worker's memory is back under 200 MB. Order, not time, is asserted."""
    import threading
    import time
    import urllib.request
    from pathlib import Path

    url, _, proc = one_worker
    body = json.dumps(_five_years(1000, 15)).encode()  # the work budget: 2–5 s of calculation
    answered: list[tuple[str, float, int]] = []

    def heavy() -> None:
        req = urllib.request.Request(f"{url}/simulate", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as r:
            answered.append(("heavy", time.monotonic(), r.status))  # the head comes when the calculation is done
            r.read()

    t = threading.Thread(target=heavy)
    t.start()
    time.sleep(0.5)  # the heavy request is sent and being calculated (a wait, not a measurement)
    for _ in range(3):
        answered.append(("health", time.monotonic(), _get(f"{url}/health")))
    status = _post(f"{url}/simulate", json.dumps({"case": HOURLY}).encode())[0]
    answered.append(("small", time.monotonic(), status))
    t.join()
    assert [(name, status) for name, _, status in sorted(answered, key=lambda x: x[1])] == [
        ("health", 200)] * 3 + [("small", 200), ("heavy", 200)]
    rss = next(line for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines() if line.startswith("VmRSS"))
    assert int(rss.split()[1]) < 200 * 1024  # kB


def _get(url: str) -> int:
    import urllib.request

    with urllib.request.urlopen(url, timeout=60) as r:
        return r.status


def test_an_unknown_key_in_a_request_is_named_escaped(client: TestClient) -> None:
    """Issue 21 item 8 for the API: a key with a terminal escape or a zero-width space is named escaped, so a log
    viewer or terminal showing the problem cannot be driven by it and ``case\\u200b`` cannot pass for ``case``."""
    for key, shown in (("\x1b[2Jcase", "'\\x1b[2Jcase'"), ("case\u200b", "'case\\u200b'")):
        r = client.post("/simulate", json={key: {}, "case": {}})
        problem = r.json()
        assert r.status_code == 422 and problem["field"] == shown, problem
        assert "\x1b" not in r.text and "\u200b" not in r.text
