"""Load, validate and query the dated rule files in ``rules/``.

A rule file is a YAML mapping from parameter name to a parameter (docs/architecture.md §4)::

    minimum_annual:
      description: Lowest yearly AAP for a person aged 25 or over, in G.
      unit: G
      reference: [{title: Folketrygdloven § 11-20, url: https://lovdata.no/...}]
      values:
        2010-01-01: 2.0
        2024-07-01: {value: 2.041, reference: https://www.regjeringen.no/...}
      verified: 2026-11-20

The optional top-level key ``meta`` describes the file. A parameter may say ``kind`` (``number`` — the
default —, ``brackets``, ``table``, ``list`` or ``text``) and ``renewed: MM-DD`` when its value is normally
set anew every year on that day (G on 05-01, tax on 01-01): dates from the next such day after the last
value on are *projected* and results computed with them carry a warning.

Only this module reads files below the front ends. A loaded :class:`Ruleset` is immutable and cheap to query.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping

import attrs

from benefit_calc.core import safe_load
from benefit_calc.rules import units
from benefit_calc.rules import checks as value_checks
from benefit_calc.core.errors import RulesError
from benefit_calc.core.safe_load import show
from benefit_calc.rules.model import Bracket, DatedValue, FrozenDict, Parameter, Reference, Ruleset

__all__ = ["Bracket", "DatedValue", "Parameter", "Reference", "Ruleset", "default_rules_dir", "load_rules",
           "overlaid"]

KINDS = ("number", "brackets", "table", "list", "text")
_PARAM_KEYS = {"description", "unit", "reference", "values", "verified", "kind", "renewed", "note", "positive",
               "optional_keys", "label", "threshold_unit", "rate_unit", "register", "shape"}
LABEL_LANGS = ("nb", "nn", "en")
_OVERLAY_PARAM_KEYS = _PARAM_KEYS | {"new"}  # ``new: true``: the overlay adds this parameter on purpose
_INDEX_KEYS = {"id", "version", "description", "files", "supported"}
_OVERLAY_KEYS = {"parameters", "meta"}
MAX_RULE_NODES = 50_000  # values in one rule file (the largest bundled file has about 1 200)
_FILE_NAME = re.compile(r"^[a-z0-9_]+\.yaml$")
_VALUE_KEYS = {"value", "reference", "status", "note"}


# ----------------------------------------------------------------------------------------------- loading


def default_rules_dir() -> Path:
    """The bundled rules: ``benefit_calc/_rules`` in an installed wheel, ``rules/`` in a checkout."""
    package = Path(__file__).resolve().parent.parent  # benefit_calc
    for candidate in (package / "_rules", package.parent.parent / "rules"):
        if (candidate / "no" / "ruleset.yaml").is_file():
            return candidate
    raise RulesError("rules/no/ruleset.yaml", "", "the bundled rules were not found next to the package")


def _read_yaml(path: Path, label: str) -> tuple[Any, bytes]:
    try:
        raw = safe_load.read_bounded(path)  # never more than the limit + 1 byte: /dev/zero or a FIFO says size 0
    except OSError as exc:
        raise RulesError(label, "", f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > safe_load.MAX_BYTES:
        raise RulesError(label, "", f"is larger than {safe_load.MAX_BYTES // 1000} kB; a rule file is far smaller")
    try:
        return safe_load.parse(raw, max_nodes=MAX_RULE_NODES), raw
    except safe_load.DocumentError as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise RulesError(label, "", f"{exc.problem}{where}") from None


def _as_date(raw: Any, file: str, key: str) -> date:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise RulesError(file, key, f"{show(raw)} is not a date (write YYYY-MM-DD)")


def _references(raw: Any, file: str, key: str) -> tuple[Reference, ...]:
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    out = []
    for i, item in enumerate(items):
        if isinstance(item, str) and item.strip():
            out.append(Reference(title=item, url=item if item.startswith("http") else ""))
        elif isinstance(item, Mapping) and isinstance(item.get("title"), str) and item["title"].strip():
            out.append(Reference(title=item["title"], url=str(item.get("url") or "")))
        else:
            raise RulesError(file, f"{key}[{i}]", "a reference is a URL or {title, url} with a non-empty title")
    return tuple(out)


def _parse_parameter(name: str, raw: Any, file: str, partial: bool = False, base: "Parameter | None" = None,
                     overlay: bool = False, full: str = "", names: Any = ()) -> dict[str, Any]:
    """Check one parameter's mapping; return the fields for :class:`Parameter` (or a partial overlay). ``full`` is
    its ``file.parameter`` name, which finds its shape (:data:`checks.SHAPES`); ``names`` the parameter names known
    (a shape may name other parameters)."""
    if not isinstance(raw, Mapping):
        raise RulesError(file, name, "a parameter is a mapping with description, unit, reference, values, verified")
    unknown = set(raw) - (_OVERLAY_PARAM_KEYS if overlay else _PARAM_KEYS)
    if unknown:
        raise RulesError(file, f"{name}.{value_checks.key_text(sorted(map(str, unknown))[0])}",
                         f"unknown key; allowed: {', '.join(sorted(_PARAM_KEYS))}")
    base_kind = base.kind if base is not None else "number"
    kind = raw.get("kind", base_kind)
    if kind not in KINDS:
        raise RulesError(file, f"{name}.kind", f"{show(kind)} is not one of {', '.join(KINDS)}")
    raw = _bracket_units(raw, kind, file, name)
    required = ("values",) if partial else ("description", "label", "unit", "reference", "values", "verified")
    for key in required:
        if raw.get(key) in (None, ""):
            raise RulesError(file, f"{name}.{key}", "is missing" + (" (brackets give threshold_unit and rate_unit)"
                                                                  if key == "unit" and kind == "brackets" else ""))
    unit = raw.get("unit", base.unit if base is not None else "")
    if base is not None and unit != base.unit:
        raise RulesError(file, f"{name}.unit", f"{show(unit)} differs from the bundled parameter's unit {base.unit!r}; "
                         "an overlay gives values in the same unit")
    if not isinstance(unit, str) or units.unknown_unit(unit, kind):
        raise RulesError(file, f"{name}.unit", units.unknown_unit(unit, kind) if isinstance(unit, str) else "must be text")
    positive = _flag(raw, base, file, name, "positive")
    register = _flag(raw, base, file, name, "register", bundled_only=True)
    shape_name = raw.get("shape", base.shape if base is not None else "")
    if shape_name and (shape_name not in value_checks.NAMED_SHAPES or (base is not None and shape_name != base.shape)):
        raise RulesError(file, f"{name}.shape", f"{show(shape_name)} is not one of "
                         f"{', '.join(sorted(value_checks.NAMED_SHAPES))} (set in the bundled rules only)")
    optional = raw.get("optional_keys", list(base.optional_keys) if base is not None else [])
    if not isinstance(optional, list) or not all(isinstance(k, str) for k in optional) or (
            base is not None and tuple(optional) != base.optional_keys):
        raise RulesError(file, f"{name}.optional_keys", "is a list of the table keys an overlay may add "
                         "(set in the bundled rules only)")
    if partial and kind != base_kind:
        raise RulesError(file, f"{name}.kind", f"{show(kind)} does not match the bundled parameter's kind {base_kind!r}")
    values_raw = raw["values"]
    if not isinstance(values_raw, Mapping) or not values_raw:
        raise RulesError(file, f"{name}.values", "must map valid-from dates to values")
    values: list[DatedValue] = []
    for when, entry in values_raw.items():
        key = f"{name}.values.{when}"
        valid_from = _as_date(when, file, key)
        refs: tuple[Reference, ...] = ()
        status, note = "in_force", ""
        if isinstance(entry, Mapping) and "value" in entry:
            extra = set(entry) - _VALUE_KEYS
            if extra:
                raise RulesError(file, f"{key}.{value_checks.key_text(sorted(map(str, extra))[0])}",
                                 f"unknown key; allowed: {', '.join(sorted(_VALUE_KEYS))}")
            refs = _references(entry.get("reference"), file, f"{key}.reference")
            status = entry.get("status", "in_force")
            if status not in ("in_force", "projected"):
                raise RulesError(file, f"{key}.status", f"{show(status)} is not in_force or projected")
            note = str(entry.get("note") or "")
            entry = entry["value"]
        if values and valid_from <= values[-1].valid_from:
            raise RulesError(file, key, "valid-from dates must be in rising order")
        checked = value_checks.check_value(kind, entry, file, key)
        shape = value_checks.SHAPES.get(full) or value_checks.NAMED_SHAPES.get(shape_name)
        value_checks.check_domain(checked, kind, unit, positive, file, key, shaped=shape is not None)
        if base is not None and kind == "table":
            value_checks.same_shape(base.values[-1].value, checked, file, key, base.optional_keys)
        if shape is not None:
            value_checks.check_shape(shape, checked, file, key, names)
        values.append(DatedValue(valid_from, checked, refs, status, note))
    out: dict[str, Any] = {"kind": kind, "values": tuple(values), "positive": positive,
                           "optional_keys": tuple(optional), "register": register, "shape": shape_name}
    if "reference" in raw:
        out["references"] = _references(raw["reference"], file, f"{name}.reference")
        if not out["references"] and not partial:
            raise RulesError(file, f"{name}.reference", "needs at least one source")
    if "verified" in raw:
        out["verified"] = _as_date(raw["verified"], file, f"{name}.verified")
    if "renewed" in raw:
        text = str(raw["renewed"])
        try:
            month, day = (int(p) for p in text.split("-"))
            date(2000, month, day)
        except ValueError:
            raise RulesError(file, f"{name}.renewed", f"{show(text)} is not a day of the year (write MM-DD)") from None
        out["renewed"] = (month, day)
    for key in ("description", "note"):
        if key in raw:
            if not isinstance(raw[key], str):
                raise RulesError(file, f"{name}.{key}", "must be text")
            out[key] = raw[key]
    if "unit" in raw:
        out["unit"] = unit
    if "label" in raw:
        out["label"] = _label(raw["label"], file, f"{name}.label")
    return out


def _flag(raw: Mapping[str, Any], base: Parameter | None, file: str, name: str, key: str,
          bundled_only: bool = False) -> bool:
    """A true/false key of a parameter (``positive``, ``register``), by default the bundled parameter's."""
    value = raw.get(key, getattr(base, key) if base is not None else False)
    if not isinstance(value, bool) or (bundled_only and base is not None and value != getattr(base, key)):
        raise RulesError(file, f"{name}.{key}", "must be true or false" + (
            " (set in the bundled rules only)" if bundled_only else ""))
    return value


def _bracket_units(raw: Mapping[str, Any], kind: str, file: str, name: str) -> Mapping[str, Any]:
    """Brackets name their two units apart (``threshold_unit``, ``rate_unit``); kept together as ``unit``."""
    if "threshold_unit" not in raw and "rate_unit" not in raw:
        return raw
    if kind != "brackets":
        raise RulesError(file, f"{name}.threshold_unit", "only brackets have threshold_unit and rate_unit")
    if "unit" in raw:
        raise RulesError(file, f"{name}.unit", "brackets give threshold_unit and rate_unit instead of unit")
    parts = [raw.get("threshold_unit"), raw.get("rate_unit")]
    if not all(isinstance(p, str) and p for p in parts):
        raise RulesError(file, f"{name}.rate_unit", "brackets give both threshold_unit and rate_unit")
    return {**{k: v for k, v in raw.items() if k not in ("threshold_unit", "rate_unit")}, "unit": ", ".join(parts)}


def _label(raw: Any, file: str, key: str) -> FrozenDict:
    """A parameter's name for people, in bokmål, nynorsk and English: ``{nb: …, nn: …, en: …}``."""
    if not isinstance(raw, Mapping) or set(raw) != set(LABEL_LANGS) or not all(
            isinstance(v, str) and v.strip() for v in raw.values()):
        raise RulesError(file, key, f"a label is {{{', '.join(f'{lang}: text' for lang in LABEL_LANGS)}}}")
    return FrozenDict({lang: raw[lang] for lang in LABEL_LANGS})


def _parse_file(path: Path, label: str) -> tuple[dict[str, Parameter], bytes, str]:
    """The file's parameters, its bytes and its legal basis (``meta.legal_basis``, "" if none)."""
    data, raw = _read_yaml(path, label)
    if not isinstance(data, Mapping):
        raise RulesError(label, "", "must be a mapping of parameter names")
    stem = path.stem
    params = {}
    meta = data.get("meta")
    basis = meta.get("legal_basis", "") if isinstance(meta, Mapping) else ""
    if not isinstance(basis, str):
        raise RulesError(label, "meta.legal_basis", "must be text")
    names = {f"{stem}.{name}" for name in data if isinstance(name, str)}
    for name, body in data.items():
        if name == "meta":
            continue
        if not isinstance(name, str) or not name.isidentifier():
            raise RulesError(label, value_checks.key_text(name), "a parameter name is a lower-case identifier")
        fields = _parse_parameter(name, body, label, full=f"{stem}.{name}", names=names)
        params[f"{stem}.{name}"] = Parameter(name=f"{stem}.{name}", file=label, **fields)
    return params, raw, basis.strip()


def _apply_overlay(params: dict[str, Parameter], path: Path) -> bytes:
    """Merge an overlay file (see :func:`_apply_overlay_data`); its bytes, read once."""
    data, raw = _read_yaml(path, path.name)
    _apply_overlay_data(params, data, path.name)
    return raw


def _apply_overlay_data(params: dict[str, Parameter], data: Any, label: str) -> None:
    """Merge an overlay: each entry replaces a parameter's values from the overlay's first date on.

    An overlay may only change parameters that exist (a misspelt name would otherwise add an unused parameter and
    the what-if would silently do nothing) unless the entry says ``new: true``.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("parameters"), Mapping):
        raise RulesError(label, "parameters", "an overlay needs a 'parameters' mapping of file.parameter names")
    unknown = [k for k in data if k not in _OVERLAY_KEYS]
    if unknown:
        raise RulesError(label, value_checks.key_text(unknown[0]), f"unknown key; an overlay has {' and '.join(sorted(_OVERLAY_KEYS))}")
    touched = set()
    for full, body in data["parameters"].items():
        touched.add(full)
        if not isinstance(full, str) or "." not in full:
            raise RulesError(label, f"parameters.{value_checks.key_text(full)}",
                             "name the parameter as file.parameter, e.g. aap.max_work_share")
        base = params.get(full)
        if base is None and not (isinstance(body, Mapping) and body.get("new") is True):
            close = difflib.get_close_matches(full, list(params), n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            raise RulesError(label, f"parameters.{full[:80]}", f"no such parameter in the rules; {hint}"
                             "(to add a parameter on purpose, give it 'new: true' and every key a rule file has)")
        fields = _parse_parameter(f"parameters.{full}", body, label, partial=base is not None, base=base, overlay=True,
                                  full=full, names=params)
        if base is None:
            params[full] = Parameter(name=full, file=label, **fields)
            continue
        first = fields["values"][0].valid_from
        kept = tuple(v for v in base.values if v.valid_from < first)
        overlay_values = tuple(
            attrs.evolve(v, references=v.references or fields.get("references", ()) or (Reference(f"overlay {label}"),))
            for v in fields["values"]
        )
        params[full] = attrs.evolve(
            base,
            values=kept + overlay_values,
            file=f"{base.file} + {label}",
            verified=fields.get("verified", base.verified),
        )
    value_checks.check_between(params, touched, label, "parameters.")


def _supported(raw: Any, label: str) -> tuple[date, date] | None:
    """``supported: {from: YYYY-MM, to: YYYY-MM}``: the first and last month a case may start in."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or set(raw) != {"from", "to"}:
        raise RulesError(label, "supported", "must be {from: YYYY-MM, to: YYYY-MM}")
    out = []
    for key in ("from", "to"):
        text = str(raw[key])
        try:
            year, month = (int(p) for p in text.split("-"))
            out.append(date(year, month, 1))
        except ValueError:
            raise RulesError(label, f"supported.{key}", f"{show(raw[key])} is not a month (write YYYY-MM)") from None
    if out[0] > out[1]:
        raise RulesError(label, "supported", "from must not be after to")
    return out[0], out[1]


def overlaid(rules: Ruleset, documents: Iterable[tuple[str, Any]]) -> Ruleset:
    """``rules`` with overlays given as parsed documents, ``(label, data)`` — e.g. from an HTTP request — checked
    exactly as overlay files are (errors name the label, key and problem). The stamp adds each document's
    canonical JSON to the base rules' sha256."""
    import json

    params = dict(rules.parameters)
    digest = hashlib.sha256(rules.sha256.encode())
    names = list(rules.overlays)
    for label, data in documents:
        _apply_overlay_data(params, data, label)
        digest.update(json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode())
        names.append(label)
    return Ruleset(id=rules.id, version=rules.version, sha256=digest.hexdigest(), parameters=FrozenDict(params),
                   overlays=tuple(names), directory=rules.directory, supported=rules.supported,
                   legal_basis=rules.legal_basis)


def _rule_files(index: Mapping[str, Any], folder: Path, label: str) -> list[str]:
    """The rule files of the ruleset: those ``files`` lists, or without the list every other ``.yaml`` file in the
    folder (a new rule file needs no other edit), each a plain name in the folder."""
    if "files" not in index:
        files, where = sorted(p.name for p in folder.glob("*.yaml") if p.name != "ruleset.yaml"), "in the folder"
    else:
        files, where = index["files"], "files"
        if not isinstance(files, list) or not files or not all(isinstance(f, str) for f in files):
            raise RulesError(label, "files", "must be a list of file names")
        if len(set(files)) != len(files):
            raise RulesError(label, "files", "names a file twice")
    for i, name in enumerate(files):
        if not _FILE_NAME.match(name):  # a plain name in this folder: no paths, no "..", nothing outside
            raise RulesError(label, f"files[{i}]" if where == "files" else show(name),
                             f"{show(name)} is not a rule file name in this folder "
                             "(lower-case letters, digits and _ , ending .yaml)")
    return files


def load_rules(directory: str | Path | None = None, overlays: Iterable[str | Path] = (), country: str = "no") -> Ruleset:
    """Load and validate every rule file of ``country`` (and any overlays); errors name file, key and problem."""
    root = Path(directory) if directory is not None else default_rules_dir()
    folder = root / country if (root / country / "ruleset.yaml").is_file() else root
    index_label = f"{folder.name}/ruleset.yaml"
    index, index_raw = _read_yaml(folder / "ruleset.yaml", index_label)
    if not isinstance(index, Mapping):
        raise RulesError(index_label, "", "must be a mapping with id, version and files")
    unknown = [k for k in index if k not in _INDEX_KEYS]
    if unknown:
        raise RulesError(index_label, value_checks.key_text(unknown[0]), f"unknown key; allowed: {', '.join(sorted(_INDEX_KEYS))}")
    for key in ("id", "version"):
        if not index.get(key):
            raise RulesError(index_label, key, "is missing")
    files = _rule_files(index, folder, index_label)
    supported = _supported(index.get("supported"), index_label)
    digest = hashlib.sha256(index_raw)
    params: dict[str, Parameter] = {}
    bases: dict[str, str] = {}
    for name in files:
        file_params, raw, bases[Path(name).stem] = _parse_file(folder / name, f"{folder.name}/{name}")
        digest.update(name.encode() + b"\0" + raw)
        params.update(file_params)
    value_checks.check_between(params)
    overlay_names = []
    for overlay in overlays:
        path = Path(overlay)
        digest.update(_apply_overlay(params, path))
        overlay_names.append(path.name)
    return Ruleset(
        id=str(index["id"]),
        version=str(index["version"]),
        sha256=digest.hexdigest(),
        parameters=FrozenDict(params),
        overlays=tuple(overlay_names),
        directory=str(folder),
        supported=supported,
        legal_basis=FrozenDict(bases),
    )
