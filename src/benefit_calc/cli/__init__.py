"""``benefit-calc``: the command line. ``common`` holds the options and the error guard, ``main`` the group, the
``simulate`` and ``rules`` commands, ``analysis`` the sweep, compare, explain and report commands, ``serve`` the
HTTP API and the batch command, ``site`` the static site that runs the engine in the browser."""

from benefit_calc.cli import analysis  # noqa: F401  (registers sweep, compare, explain and report on ``main``)
from benefit_calc.cli import serve  # noqa: F401  (registers serve and batch on ``main``)
from benefit_calc.cli import site  # noqa: F401  (registers site build on ``main``)
from benefit_calc.cli.main import main

__all__ = ["main"]
