"""No import circle anywhere in the repository's own code, imports inside functions included,
and nothing outside tests/ imports from tests/. (import-linter checks the layers of webapp/;
this covers the bench, the tools and the scripts too.)"""

import ast
from pathlib import Path

from ..helpers import ROOT

# Folders whose files import each other by bare name (`python bench/main.py` puts its own
# folder first on sys.path), and packages imported by dotted name.
SCRIPT_FOLDERS = ("bench", "scripts")
PACKAGES = ("webapp", "tools")


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    if relative.parts[0] in SCRIPT_FOLDERS:
        return f"{relative.parts[0]}:{relative.name}"
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources() -> dict[str, Path]:
    files = [ROOT / "app.py", ROOT / "gunicorn.conf.py"]
    for folder in (*SCRIPT_FOLDERS, *PACKAGES):
        files += sorted((ROOT / folder).rglob("*.py"))
    return {module_name(path): path for path in files}


def imported(path: Path, name: str, known: set[str]) -> set[str]:
    """The first-party modules `path` imports, at any depth of its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    folder = name.partition(":")[0] if ":" in name else None
    targets = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for candidate in candidates:
            if folder and f"{folder}:{candidate}" in known:
                targets.add(f"{folder}:{candidate}")
            elif candidate in known or candidate.partition(".")[0] == "tests":
                targets.add(candidate)
    targets.discard(name)
    return targets


def import_graph() -> dict[str, set[str]]:
    modules = sources()
    known = set(modules)
    return {name: imported(path, name, known) for name, path in modules.items()}


def circle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle, as the list of modules along it, or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            # A package's own __init__ imported by its modules is how Python packages work.
            if node.startswith(target + "."):
                continue
            if state.get(target) == "open":
                return path[path.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_circle():
    assert circle_in(import_graph()) is None


def test_nothing_outside_tests_imports_from_tests():
    offenders = {
        name: sorted(t for t in targets if t.partition(".")[0] == "tests")
        for name, targets in import_graph().items()
    }
    assert not {name: found for name, found in offenders.items() if found}


def test_the_graph_sees_imports_and_circles():
    """The checks above pass on a graph they cannot read; make sure they read this one."""
    graph = import_graph()
    assert "bench:run" in graph["bench:main"] and "bench:production" in graph["bench:main"]
    assert "tools.push_service" in graph["bench:production"]
    assert "webapp.core.api" in graph["webapp"]
    assert circle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
