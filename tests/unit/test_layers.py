"""The package's layers: core <- run, core <- content, and site on top of both."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sidebyside"
# What each layer may import from the project and from MkDocs.
ALLOWED = {
    "core": {"core"},
    "run": {"core", "run"},
    "content": {"core", "content"},
    "site": {"core", "run", "content", "site", "mkdocs"},
}


def imports(path: Path) -> set[str]:
    """Return the layers (and `mkdocs`) that a module imports, at any depth in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "mkdocs":
                found.add("mkdocs")
            elif parts[0] == "sidebyside" and len(parts) > 1 and parts[1] in ALLOWED:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer):
    wrong = {
        path.relative_to(PACKAGE.parent).as_posix(): sorted(imports(path) - ALLOWED[layer])
        for path in sorted((PACKAGE / layer).glob("*.py"))
        if imports(path) - ALLOWED[layer]
    }
    assert not wrong, f"{layer}/ may import only {sorted(ALLOWED[layer])}; these do not: {wrong}"


def test_the_check_sees_a_forbidden_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from sidebyside.run import runner\n    import mkdocs.config\n")
    assert imports(module) == {"run", "mkdocs"}


def _module_graph() -> dict[str, set[str]]:
    """Return, for each module of the package, the project modules it imports (any depth)."""
    modules = {
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts): path
        for path in PACKAGE.rglob("*.py")
    }
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for candidate in [node.module, *(f"{node.module}.{a.name}" for a in node.names)]:
                    if candidate in modules and not candidate.endswith("__init__"):
                        found.add(candidate)
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name in modules}
        graph[name] = found - {name}
    return graph


def test_no_module_imports_itself_back():
    graph = _module_graph()
    state: dict[str, str] = {}  # "open" while on the path, "done" after.

    def cycle_from(name: str, path: list[str]) -> list[str] | None:
        state[name] = "open"
        for nxt in sorted(graph[name]):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := cycle_from(nxt, [*path, nxt])):
                return found
        state[name] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (found := cycle_from(start, [start])):
            pytest.fail("import cycle: " + " -> ".join(found))


def test_the_cycle_check_sees_a_cycle(monkeypatch):
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    monkeypatch.setattr(sys.modules[__name__], "_module_graph", lambda: graph)
    with pytest.raises(pytest.fail.Exception, match="a -> b -> c -> a"):
        test_no_module_imports_itself_back()
