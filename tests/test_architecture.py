"""The package's layers (docs/architecture.md): lower layers never import higher ones, no module imports itself in
a circle, and no private name is imported from another module. A code-health test: it reads the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).parent.parent / "src" / "benefit_calc"
LAYERS = {"core": 0, "words": 0, "rules": 1, "case": 2, "result": 3, "schemes": 4, "engine": 5, "analysis": 6,
          "present": 7, "app": 8, "api": 8, "cli": 9}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PKG.rglob("*.py"):
        parts = path.relative_to(PKG).with_suffix("").parts
        name = ".".join(("benefit_calc", *parts))
        out[name.removesuffix(".__init__")] = path
    return out


MODULES = _modules()


def _imports(path: Path, top_level_only: bool = False) -> list[tuple[str, list[str]]]:
    """(module imported, names imported) for every ``import``/``from … import`` of benefit_calc in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out = []
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("benefit_calc"):
            out.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names if a.name.startswith("benefit_calc")]
    return out


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_lower_layers_never_import_higher_ones(module: str) -> None:
    mine = _layer(module)
    if mine is None:  # the package itself: the public API gathers from every layer
        return
    for target, names in _imports(MODULES[module]):
        for full in [target, *(f"{target}.{n}" for n in names)]:
            theirs = _layer(full) if full in MODULES or full == target else None
            assert theirs is None or theirs <= mine, f"{module} (layer {mine}) imports {full} (layer {theirs})"


def test_no_import_cycles_between_modules() -> None:
    graph = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for target, names in _imports(path):
            for full in (target, *(f"{target}.{n}" for n in names)):
                if full in MODULES and full != module and not module.startswith(full + "."):
                    graph[module].add(full)
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for n in graph[m]:
            if state.get(n) == 1:
                raise AssertionError("import cycle: " + " → ".join(trail[trail.index(n):] + [n]))
            if not state.get(n):
                visit(n, trail + [n])
        state[m] = 2

    for m in graph:
        if not state.get(m):
            visit(m, [m])


def test_no_private_name_is_imported_from_another_module() -> None:
    for module, path in MODULES.items():
        for target, names in _imports(path):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            assert not private, f"{module} imports {private} from {target}"
