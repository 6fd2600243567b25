"""Schemathesis: property-based tests generated from the API's own OpenAPI document, with a fixed example budget.

Every operation gets requests made from the schema (valid ones and, from the negative phase, ones that break it);
each must be answered without a server error, with a response that matches the schema (status code documented,
content type, headers, body shape), and with every other check: a request that breaks the schema is refused
(negative_data_rejection) and one that fits it is accepted (positive_data_acceptance) — except for the refusals the
document itself lists as beyond a JSON Schema (``schema.BEYOND_SCHEMA``: rules between fields, an overlay's
values against its rule), told apart by the problem's type and code: a refusal with a code of a rule the document
does state for one field (``schema.SCHEMA_CODES``: a bound, a kind, a pattern, an unknown field) always fails.
The budget keeps CI bounded; raise ``EXAMPLES`` locally for a longer hunt.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis

from schemathesis.core.failures import FailureGroup
from schemathesis.openapi.checks import RejectedPositiveData

from benefit_calc.api.app import create_app
from benefit_calc.api.schema import SCHEMA_CODES

EXAMPLES = 25  # per operation and phase
APP = create_app()
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_every_answer_matches_the_schema(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, response.text[:500] + " " + json.dumps(case.body)
    try:
        case.validate_response(response)  # every check, positive_data_acceptance and negative_data_rejection too
    except FailureGroup as group:
        rest = [f for f in group.exceptions if not (isinstance(f, RejectedPositiveData) and documented(response))]
        if rest:
            raise FailureGroup(rest, group.message) from None


def documented(response: Any) -> bool:
    """A schema-valid request refused for a reason the document lists as beyond a JSON Schema."""
    if response.status_code != 422:
        return False
    p = response.json()
    kind = p["type"].rpartition(":")[2]
    return (kind == "bad-case" and p["code"] not in SCHEMA_CODES) or kind in ("bad-overlay", "cannot-calculate") \
        or (kind == "bad-request" and p["code"] in ("overlay_kind", "hours_levels"))
