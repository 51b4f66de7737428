"""The package's layout holds: no import cycle between modules (counting only imports
made when a module loads), the core and the storage layers import neither Flask nor
click, tools are used by the CLI and tests only, and the README's architecture section
names every module."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "server" / "styrgraf"
README = Path(__file__).resolve().parents[1] / "README.md"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py") if "static" not in p.parts}


def _load_time_imports(path: Path, known: set[str]) -> set[str]:
    """Modules of the package imported at load time (not inside functions)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        found |= {n for n in names if n in known}
    return found


def _graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for target in _load_time_imports(path, set(modules)):
            if target != name and not name.startswith(target + "."):  # a package's own __init__
                graph.add_edge(name, target)
    return graph


def test_no_import_cycle():
    cycles = list(nx.simple_cycles(_graph()))
    assert cycles == [], f"import cycles: {cycles[:5]}"


def test_core_layers_know_neither_flask_nor_click():
    for name, path in _modules().items():
        if name.startswith(("styrgraf.web", "styrgraf.cli", "styrgraf.ingest", "styrgraf.tools")):
            continue
        text = path.read_text(encoding="utf-8")
        assert "import flask" not in text and "from flask" not in text, name
        assert "import click" not in text and "from click" not in text, name


def test_tools_are_not_used_by_the_core_or_the_web_layer():
    graph = _graph()
    for name in graph:
        if name.startswith(("styrgraf.tools", "styrgraf.cli")):
            continue
        assert not any(t.startswith("styrgraf.tools") for t in graph.successors(name)), name


def _named_in_readme() -> set[str]:
    """The module paths the README's architecture tree names: a line ending a name in
    "/" opens a folder for the lines indented below it; every "x.py" on a line (also in
    its description) is a module of the folder the line is in."""
    import re
    text = README.read_text(encoding="utf-8")
    tree = text[text.index("## Architecture"):].split("```")[1]
    named, folders = set(), []  # folders: (indent, path)
    for line in tree.splitlines()[1:]:
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        while folders and folders[-1][0] >= indent:
            folders.pop()
        base = "/".join(f for _, f in folders[1:])
        first = line.split()[0]
        here = f"{base}/{first.rstrip('/')}".strip("/") if first.endswith("/") else base
        named |= {f"{here}/{m}".strip("/") for m in re.findall(r"[\w]+\.py", line)}
        if first.endswith("/"):
            folders.append((indent, first.rstrip("/")))
    return named


def test_readme_architecture_names_every_module():
    named = _named_in_readme()
    missing = [path.relative_to(PACKAGE).as_posix() for path in _modules().values()
               if path.name not in ("__init__.py", "__main__.py") and path.relative_to(PACKAGE).as_posix() not in named]
    assert missing == [], f"modules the README's architecture section does not name: {missing}"
    stale = sorted(n for n in named if not (PACKAGE / n).is_file() and not n.endswith("__init__.py"))
    assert stale == [], f"the README names modules that do not exist: {stale}"


def test_modules_and_functions_are_small_enough_to_read_in_one_sitting():
    too_long = []
    for name, path in _modules().items():
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > 300:
            too_long.append(f"{name}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60:
                too_long.append(f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert too_long == [], too_long
