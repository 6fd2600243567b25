"""The result (output contract ``benefit-calc/result@1``, ``model``) and the payments it is made of, each with the
explanation of its amount (``payments``)."""

from benefit_calc.result.model import MonthRow, PeriodRow, Result, Settlement, Warning, YearRow
from benefit_calc.result.payments import Explanation, Payment, Used

__all__ = ["Explanation", "MonthRow", "Payment", "PeriodRow", "Result", "Settlement", "Used", "Warning", "YearRow"]
