"""Rules: the dated parameters (``model``), loading and overlays (``load``), the unit vocabulary (``units``) and the
checks of a value by kind, unit and shape (``checks``)."""

from benefit_calc.rules.load import default_rules_dir, load_rules
from benefit_calc.rules.model import Bracket, DatedValue, Parameter, Reference, Ruleset, tracing

__all__ = ["Bracket", "DatedValue", "Parameter", "Reference", "Ruleset", "default_rules_dir", "load_rules", "tracing"]
