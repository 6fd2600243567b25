"""What every command shares: the language, rules and overlay options, and the guard that turns our own errors
into one plain sentence with the contract's exit codes (0 success, 1 calculation or rules error, 2 bad input)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import click

from benefit_calc.core import safe_load
from benefit_calc.core.errors import BenefitCalcError, CaseError, RulesError
from benefit_calc.rules.load import load_rules
from benefit_calc.rules.model import Ruleset
from benefit_calc.words import LANGS, text


class Fail(click.ClickException):
    def __init__(self, message: str, code: int, lang: str = "nb") -> None:
        super().__init__(message)
        self.exit_code = code
        self.lang = lang

    def show(self, file: Any = None) -> None:
        click.echo(f"{text('cli.error', self.lang)}: {self.format_message()}", err=True)


LANG = click.option("--lang", type=click.Choice(list(LANGS)), default="nb", show_default=True,
                    help="Language of the text: bokmål (nb), nynorsk (nn) or English (en).")


def guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our own errors into one-line messages with the contract's exit codes."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = kwargs.get("lang") or "nb"
        try:
            return fn(*args, **kwargs)
        except CaseError as exc:
            raise Fail(exc.message(lang, path=True), 2, lang) from None
        except BenefitCalcError as exc:
            raise Fail(str(exc), 1, lang) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # a bug of ours: one plain line, no traceback (and no case values)
            raise Fail(text("cli.internal", lang, what=type(exc).__name__), 1, lang) from None
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


def rules_from(rules_dir: str | None, overlays: tuple[str, ...]) -> Ruleset:
    bounded_overlays(overlays)
    return load_rules(rules_dir, overlays)


def bounded_overlays(overlays: tuple[str, ...]) -> None:
    """Refuse an overlay larger than a rule file may be, reading no more of it than that and one byte: the rules
    loader trusts the size the system gives, which is 0 for ``/dev/zero``, a pipe or a FIFO (issue 21, item 10).
    An overlay that cannot be opened is left for the loader to name."""
    for overlay in overlays:
        try:
            data = safe_load.read_bounded(overlay, safe_load.MAX_BYTES)
        except OSError:
            continue
        if len(data) > safe_load.MAX_BYTES:
            raise RulesError(Path(overlay).name, "",
                             f"is larger than {safe_load.MAX_BYTES // 1000} kB; a rule file is far smaller")


FORMATS = click.Choice(["table", "json", "csv"])
RULES_OPT = click.option("--rules", "rules_dir", type=click.Path(file_okay=False), default=None,
                          help="Folder with rule files (default: the bundled rules).")
OVERLAY_OPT = click.option("--overlay", "overlays", multiple=True, type=click.Path(dir_okay=False),
                            help="An extra rule file laid over the rules (may be repeated).")
