"""The rules model: dated parameters and the immutable :class:`Ruleset` that answers "what value on this day".

Loading and validating the files is in :mod:`benefit_calc.rules`.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import attrs

from benefit_calc.core.errors import RulesError


# the parameter reads of the work in progress, when someone asks (:func:`tracing`); per thread and task
_TRACE: ContextVar["set[str] | None"] = ContextVar("benefit_calc_trace", default=None)


def note_reads(names: Iterable[str]) -> None:
    """Count ``names`` as read by the work in progress: for a memo of one's own, whose hits skip the reads its
    misses made (see :class:`benefit_calc.schemes.aap.AapRates`)."""
    trace = _TRACE.get()
    if trace is not None:
        trace.update(names)


@contextmanager
def tracing() -> Iterator[set[str]]:
    """Record the name of every parameter read by the work inside the block, cached work included (by name: a
    scheme that remembers its own results reads a value once, on its first day); nested blocks also add to the
    enclosing one."""
    outer = _TRACE.get()
    reads: set[str] = set()
    token = _TRACE.set(reads)
    try:
        yield reads
    finally:
        _TRACE.reset(token)
        if outer is not None:
            outer.update(reads)


@attrs.frozen
class Reference:
    """A legal or documentary source: a title and an address."""

    title: str
    url: str = ""


@attrs.frozen
class DatedValue:
    """One value of a parameter, in force from ``valid_from`` until the next value."""

    valid_from: date
    value: Any
    references: tuple[Reference, ...] = ()
    status: str = "in_force"
    note: str = ""


@attrs.frozen
class Bracket:
    """One step of a bracket schedule: ``rate`` applies to the part of the base above ``threshold``."""

    threshold: float
    rate: float


@attrs.frozen
class Parameter:
    """A named, dated legal parameter such as ``aap.minimum_annual``."""

    name: str
    file: str
    description: str
    unit: str
    kind: str
    references: tuple[Reference, ...]
    values: tuple[DatedValue, ...]
    verified: date | None = None
    renewed: tuple[int, int] | None = None
    note: str = ""
    positive: bool = False  # the engine divides by it: every value must be above 0
    optional_keys: tuple[str, ...] = ()  # table keys an overlay may add (e.g. sosialhjelp.rates single_with_children)
    register: bool = False  # a register looked up (the municipality list), not a rule that shapes an amount
    shape: str = ""  # a named shape of its entries (rules.checks.NAMED_SHAPES), where rules.checks.SHAPES has none
    label: Mapping[str, str] = attrs.field(factory=dict, eq=False)  # the name for people: {nb, nn, en}
    _dates: tuple[date, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_dates", tuple(v.valid_from for v in self.values))

    def at(self, day: date) -> DatedValue:
        """The value in force on ``day``; an error naming file, parameter and date before the first value."""
        i = bisect.bisect_right(self._dates, day) - 1
        if i < 0:
            raise RulesError(
                self.file,
                self.name.split(".", 1)[-1],
                f"no value on {day.isoformat()}; the first value is from {self._dates[0].isoformat()}",
            )
        return self.values[i]

    def value(self, day: date) -> Any:
        return self.at(day).value

    def label_in(self, lang: str = "nb") -> str:
        """The parameter's name for people in ``lang`` (its dotted name if it has none)."""
        return self.label.get(lang) or self.label.get("nb") or self.name

    def projected_from(self) -> date | None:
        """First date on which the last value is only a projection (next expected renewal), if any."""
        if self.renewed is None:
            return None
        last = self._dates[-1]
        month, day = self.renewed
        candidate = date(last.year, month, day)
        if candidate <= last:
            candidate = date(last.year + 1, month, day)
        return candidate

    def first_projected(self, months: "Sequence[date]") -> date | None:
        """The first of ``months`` (sorted first days) on which the value used is projected, if any: only the dates
        where a projection can begin are looked at (a value marked projected, the next renewal after the last)."""
        starts = {v.valid_from for v in self.values if v.status == "projected"}
        renewal = self.projected_from()
        if renewal is not None:
            starts.add(renewal)
        for start in sorted(starts):
            i = bisect.bisect_left(months, start)
            if i < len(months) and self.is_projected(months[i]):
                return months[i]
        return None

    def is_projected(self, day: date) -> bool:
        """True when the value used on ``day`` is marked projected or is carried past its next renewal."""
        if self.at(day).status == "projected":
            return True
        start = self.projected_from()
        return start is not None and day >= start

    def changes_between(self, start: date, end: date) -> list[DatedValue]:
        """Values that come into force in ``(start, end]``."""
        return [v for v in self.values if start < v.valid_from <= end]


@attrs.frozen
class Ruleset:
    """All parameters of a country, with the stamp that identifies exactly which rules produced a result."""

    id: str
    version: str
    sha256: str
    parameters: Mapping[str, Parameter]
    overlays: tuple[str, ...] = ()
    directory: str = ""
    supported: tuple[date, date] | None = None  # first and last month a case may start in (``ruleset.yaml``)
    legal_basis: Mapping[str, str] = attrs.field(factory=dict, eq=False)  # rule file → its ``meta.legal_basis``
    # (name, day) → value: the engine asks for the same values thousands of times a simulation (a sweep runs
    # dozens); the parameters never change, so remembering answers is safe
    _memo: dict[tuple[str, date], Any] = attrs.field(factory=dict, init=False, repr=False, eq=False)
    # results of pure functions of these rules and part of a case (see :meth:`cached`), least recently used last out
    _lru: "OrderedDict[Any, Any]" = attrs.field(factory=OrderedDict, init=False, repr=False, eq=False)
    # names of the parameters asked for (with those in ``_memo``: every parameter read; see :meth:`read`)
    _asked: set[str] = attrs.field(factory=set, init=False, repr=False, eq=False)
    # the parameter reads each ``cached`` entry made, where a trace was open (see :func:`tracing`)
    _reads: dict[Any, frozenset[str]] = attrs.field(factory=dict, init=False, repr=False, eq=False)
    # the same for work keyed by nothing of a person (``cached(..., shared=True)``): kept by :meth:`forget_cases`
    _shared: "OrderedDict[Any, Any]" = attrs.field(factory=OrderedDict, init=False, repr=False, eq=False)
    _shared_reads: dict[Any, frozenset[str]] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def param(self, name: str) -> Parameter:
        self._asked.add(name)
        trace = _TRACE.get()
        if trace is not None:
            trace.add(name)
        try:
            return self.parameters[name]
        except KeyError:
            file = name.split(".", 1)[0] + ".yaml"
            raise RulesError(file, name.split(".", 1)[-1], "this parameter is not defined") from None

    def value(self, name: str, day: date) -> Any:
        key = (name, day)
        trace = _TRACE.get()
        if trace is not None:
            trace.add(name)
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = self.param(name).at(day).value
            return value

    def read(self) -> set[str]:
        """The names of every parameter these rules (this copy, see :meth:`with_own_caches`) have been asked for."""
        return self._asked | {name for name, _ in self._memo}

    def modelled_from(self, file: str) -> date:
        """The first day on which every parameter of rule file ``file`` (e.g. ``bostotte``) has a value."""
        prefix = f"{file}."
        return self.cached(("modelled_from", file), lambda: max(
            (p.values[0].valid_from for n, p in self.parameters.items() if n.startswith(prefix)), default=date.min),
            shared=True)

    def cached(self, key: Any, make: Callable[[], Any], size: int = 4096, shared: bool = False) -> Any:
        """``make()`` remembered under ``key``: for work that depends only on these rules and the (hashable, frozen)
        parts of a case named in ``key`` — e.g. what stays the same across the steps of an hours sweep. While a
        :func:`tracing` is open, the parameter reads ``make()`` made are remembered with it and count again on
        every later hit (an entry made untraced is made again, traced, the first time a trace needs it).

        ``shared=True`` marks work whose key holds nothing of a person (payment days, rule lookups by date): it
        survives :meth:`forget_cases`, which a server calls after each request."""
        store, reads_of = (self._shared, self._shared_reads) if shared else (self._lru, self._reads)
        trace = _TRACE.get()
        try:
            store.move_to_end(key)
            value = store[key]
            if trace is not None:
                reads = reads_of.get(key)
                if reads is None:
                    with tracing() as inner:
                        make()
                    reads = reads_of[key] = frozenset(inner)
                trace.update(reads)
            return value
        except KeyError:
            if trace is None:
                value = make()
            else:
                with tracing() as inner:
                    value = make()
                reads_of[key] = frozenset(inner)
                trace.update(inner)
            store[key] = value
            if len(store) > size:
                try:
                    old, _ = store.popitem(last=False)
                    reads_of.pop(old, None)
                except KeyError:  # emptied meanwhile by forget_cases
                    pass
            return value

    def forget_cases(self) -> None:
        """Drop everything remembered from parts of a case (what :meth:`cached` keeps without ``shared``): a server
        calls this when a request is answered, so no one's case outlives its request. Rule lookups stay."""
        self._lru.clear()
        self._reads.clear()

    def with_own_caches(self) -> "Ruleset":
        """The same rules with empty caches of their own — e.g. one per app session, so results remembered for
        one person's case (keyed by parts of it) are never kept where another session's work runs."""
        return attrs.evolve(self)

    def stamp(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "sha256": self.sha256, "overlays": list(self.overlays)}


def freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return FrozenDict({str(k): freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


class FrozenDict(dict):  # type: ignore[type-arg]
    """A dict that refuses to change, so a loaded Ruleset stays immutable."""

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("rule values are read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _refuse  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))
