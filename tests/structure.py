"""The structure's limits, checked by `make lint` (``python -m tests.structure``) and by the suite.

- no function or method of ``sitegen/`` with a cyclomatic complexity over MAX_COMPLEXITY (radon)
- no module of ``sitegen/`` over MAX_LINES lines
- no import cycle between sitegen's modules (imports under ``TYPE_CHECKING`` count too)
- no ``global`` statement in ``sitegen/``: state lives in objects, never in modules

The import direction between the stages is import-linter's contract in pyproject.toml.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sitegen"
MAX_COMPLEXITY = 15
MAX_LINES = 400


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _functions(blocks: list) -> Iterator[tuple[str, int, int]]:  # type: ignore[type-arg]
    """Every function, method and nested function radon measured (a class's total is not one)."""
    for block in blocks:
        if hasattr(block, "methods"):
            continue  # radon lists a class's methods again as functions of their own
        yield block.fullname, block.lineno, block.complexity
        yield from _functions(list(getattr(block, "closures", [])))


def too_complex() -> list[str]:
    out = []
    for path in modules().values():
        for name, line, complexity in _functions(cc_visit(path.read_text(encoding="utf-8"))):
            if complexity > MAX_COMPLEXITY:
                out.append(f"{path.relative_to(ROOT)}:{line}: {name} has complexity {complexity} (> {MAX_COMPLEXITY})")
    return out


def too_long() -> list[str]:
    out = []
    for path in modules().values():
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES:
            out.append(f"{path.relative_to(ROOT)}: {count} lines (> {MAX_LINES})")
    return out


def globals_used() -> list[str]:
    out = []
    for path in modules().values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Global):
                out.append(f"{path.relative_to(ROOT)}:{node.lineno}: global {', '.join(node.names)}")
    return out


def import_graph() -> dict[str, set[str]]:
    names = modules()
    graph: dict[str, set[str]] = {name: set() for name in names}
    for name, path in names.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                if target in names and target != name and target != "sitegen":
                    graph[name].add(target)
    return graph


def cycles() -> list[str]:
    graph = import_graph()
    out: list[str] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                out.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return [f"import cycle: {cycle}" for cycle in out]


def violations() -> list[str]:
    return too_complex() + too_long() + globals_used() + cycles()


def main() -> int:
    found = violations()
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
