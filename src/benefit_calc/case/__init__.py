"""The case (input contract ``benefit-calc/case@1``): its classes and parsing (``model``), the benefits on the
client's decision letters (``benefits``), the bounds of every field (``bounds``) and the field readers (``fields``)."""

from benefit_calc.case.model import SCHEMA, Case, WorkStep, load_case, parse_case, read_case_text

__all__ = ["SCHEMA", "Case", "WorkStep", "load_case", "parse_case", "read_case_text"]
