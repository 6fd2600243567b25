"""Errors as RFC 9457 problem details, in the request's language, with the field's path and the right status.

Nothing here writes a case value, a body or a stack trace anywhere: an error we did not expect becomes a 500
problem that names only the exception's type.
"""

from __future__ import annotations

from typing import Any

from benefit_calc.core.errors import BenefitCalcError, CaseError, RulesError
from benefit_calc.core.safe_load import DocumentError
from benefit_calc.words import LANGS, has, in_lang, text

MEDIA = "application/problem+json"
_TOO_LARGE = {"too_big", "too_many"}


class Problem(Exception):
    """An answer that is a problem: status, kind (``urn:benefit-calc:<kind>``), detail, and the field's path."""

    def __init__(self, status: int, kind: str, detail: str, field: str | None = None, code: str | None = None
                 ) -> None:
        super().__init__(detail)
        self.status, self.kind, self.detail, self.field, self.code = status, kind, detail, field, code

    def to_dict(self, lang: str) -> dict[str, Any]:
        title = f"api.title.{self.kind}" if has(f"api.title.{self.kind}") else f"server_limits.title.{self.kind}"
        return {"type": f"urn:benefit-calc:{self.kind}", "title": text(title, lang),
                "status": self.status, "detail": self.detail, "field": self.field, "code": self.code, "lang": lang}


def language(header: str | None, query: str | None = None) -> str:
    """The first of nb, nn, en the client accepts (``?lang=`` first, then ``Accept-Language`` by its q-values);
    ``no`` and ``nb-NO`` are bokmål, ``nn-NO`` nynorsk, ``en-GB`` English; bokmål when none fits."""
    if query in LANGS:
        return query  # type: ignore[return-value]
    best, best_q = "nb", -1.0
    for i, part in enumerate((header or "")[:500].split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        base = tag.strip().lower().split("-")[0]
        lang = {"no": "nb", "nb": "nb", "nn": "nn", "en": "en"}.get(base)
        if lang and q > best_q and q > 0:
            best, best_q = lang, q - i * 1e-6  # equal q: the earlier one wins
    return best


def document_text(exc: DocumentError, lang: str) -> str:
    """What is wrong with a document (a body, an overlay's text), in ``lang`` (``doc.<key>`` in the catalogue)."""
    if exc.key and has(f"doc.{exc.key}"):
        return text(f"doc.{exc.key}", lang, **{k: in_lang(v, lang) for k, v in exc.values.items()})
    return exc.problem


REQUEST_FIELDS = ("month", "hours", "wage")  # fields of the request itself; every other field is in its case


def from_error(exc: BaseException, lang: str, where: str = "") -> Problem:
    """The problem for an exception raised while answering a request (``where``: the item's place in a list)."""
    if isinstance(exc, Problem):
        return exc
    if isinstance(exc, DocumentError):
        status = 413 if exc.key in _TOO_LARGE else 400
        return Problem(status, "too-large" if status == 413 else "bad-json",
                       text("api.body", lang) + " " + document_text(exc, lang), None, exc.key or None)
    if isinstance(exc, CaseError):
        inside = exc.field.split(".")[0].split("[")[0] not in REQUEST_FIELDS
        field = f"{where}case.{exc.field}" if inside and exc.field else f"{where}{exc.field or 'case'}"
        return Problem(422, "bad-case", exc.message(lang), field, exc.key or None)
    if isinstance(exc, RulesError) and "overlays[" in exc.file:  # the client's own overlay
        field = f"{exc.file}.{exc.key}" if exc.key else exc.file
        return Problem(422, "bad-overlay", text("api.overlay", lang, problem=exc.problem), field, None)
    if isinstance(exc, RulesError):  # the server's rules lack something: ours to fix (names file and key only)
        return Problem(500, "rules", str(exc), None, None)
    if isinstance(exc, BenefitCalcError):  # a calculation the law does not allow for this case
        return Problem(422, "cannot-calculate", str(exc), None, None)
    return Problem(500, "internal", text("api.internal", lang, what=type(exc).__name__), None, None)
