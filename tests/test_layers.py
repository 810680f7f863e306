"""The helper package's layers: each module imports only from its own layer or the layers below.

Bottom to top: data -> analyses -> audit -> present -> build. The imports are read from the
source with ``ast`` (nothing is imported), so the test also sees imports inside functions.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "compendium"
LAYERS = ["data", "analyses", "audit", "present", "build"]


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    """The layer index of ``compendium.<layer>...``; ``python -m compendium`` is the command line's
    (build); None for the package root, which imports nothing."""
    parts = module.split(".")
    if parts[1:] == ["__main__"]:
        return LAYERS.index("build")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return None
    return LAYERS.index(parts[1])


def imported_modules(path: Path, package_root: Path = PACKAGE) -> list[tuple[int, str]]:
    """``(line, module)`` for every import of the compendium package in ``path``, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path, package_root).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "compendium"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "compendium":
                continue
            for alias in node.names:  # `from compendium.present import glue` imports a module, not a name
                candidate = f"{target}.{alias.name}"
                is_module = any((package_root.parent / candidate.replace(".", "/")).with_suffix(s).exists() for s in (".py", ""))
                found.append((node.lineno, candidate if is_module else target))
    return found


def upward_imports(package: Path = PACKAGE) -> list[str]:
    """Every import, anywhere in the package, of a layer above the importing module's."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        own = layer_of(module_name(path, package))
        for line, target in imported_modules(path, package):
            theirs = layer_of(target)
            if theirs is None:
                continue
            if own is None:
                problems.append(f"{path.relative_to(package.parent)}:{line} imports {target}: the package root imports no layer")
            elif theirs > own:
                problems.append(f"{path.relative_to(package.parent)}:{line} imports {target}, "
                                f"a layer above ({LAYERS[own]} may import only {', '.join(LAYERS[:own + 1])})")
    return list(dict.fromkeys(problems))  # one line per importing line and module, not per imported name


def import_cycles(package: Path = PACKAGE) -> list[list[str]]:
    """Cycles among the package's modules (module-level and function-level imports alike)."""
    graph = {}
    modules = {module_name(p, package): p for p in package.rglob("*.py")}
    for name, path in modules.items():
        graph[name] = {t for _, t in imported_modules(path, package) if t in modules and t != name}
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return cycles


def test_every_module_belongs_to_a_layer():
    stray = [module_name(p) for p in PACKAGE.rglob("*.py") if layer_of(module_name(p)) is None and p.parent != PACKAGE]
    assert stray == [], f"modules outside the layers {LAYERS}: {stray}"


def test_no_module_imports_a_layer_above_its_own():
    assert upward_imports() == []


def test_no_import_cycles():
    assert import_cycles() == []


def test_the_check_catches_an_upward_import(tmp_path):
    """A copy of the package with one wrong import (an analysis drawing a figure) fails, naming it."""
    import shutil

    copy = tmp_path / "compendium"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    analysis = copy / "analyses" / "stats.py"
    source = analysis.read_text(encoding="utf-8")
    analysis.write_text(source + "\n\ndef _draw():\n    from compendium.present import figure_style\n", encoding="utf-8")
    added = sorted(set(upward_imports(copy)) - set(upward_imports(PACKAGE)))
    assert len(added) == 1, added
    assert added[0].startswith("compendium/analyses/stats.py:") and "compendium.present.figure_style" in added[0]
    assert "analyses may import only data, analyses" in added[0]


def test_the_check_catches_a_cycle(tmp_path):
    import shutil

    copy = tmp_path / "compendium"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    errors = copy / "data" / "errors.py"
    errors.write_text(errors.read_text(encoding="utf-8") + "\nfrom compendium.data import paths\n", encoding="utf-8")
    paths_module = copy / "data" / "paths.py"
    paths_module.write_text(paths_module.read_text(encoding="utf-8") + "\nfrom compendium.data import errors\n",
                            encoding="utf-8")
    assert any({"compendium.data.errors", "compendium.data.paths"} <= set(c) for c in import_cycles(copy))


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_says_what_belongs_there(layer):
    doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "import" in doc, f"compendium.{layer}: the package docstring must say what belongs there and what it may import"
