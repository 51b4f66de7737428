"""The compiled shapes: each check a SPARQL query, each shape its targets and checks, and
how a check's query is bound to its shape's focus nodes (SHACL's pre-binding)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Check:
    """One constraint as a query: rows with ``?this`` (and ``?value``, ``?path``, ...)."""

    shape: str  # the node shape a finding names
    severity: str
    query: str  # "{values}" marks where the focus nodes are bound
    messages: tuple[tuple[str, str], ...]  # (language, template)
    path: str | None = None  # the result path of a property shape
    value_is_focus: bool = False  # a node shape's SPARQL constraint: no ?value means $this


@dataclass(frozen=True)
class Shape:
    """A node shape: how to find its focus nodes, and its checks."""

    iri: str
    label: dict
    severity: str
    scope: str  # "global" (may cross organisations) or "organisation": documentation only
    targets: tuple[str, ...]  # SELECT queries returning ?this (with their prefixes)
    nodes: tuple[str, ...]  # sh:targetNode, as N-Triples terms
    checks: tuple[Check, ...]
    prologue: str = ""  # the targets' PREFIX lines, which bind() puts before a check's query
    selects: tuple[str, ...] = ()  # the target queries without their prologue

    def focus_pattern(self, with_nodes: bool) -> str:
        """A group that binds ``?this`` to each focus node once: the targets as
        sub-selects (their other variables stay inside), and ``sh:targetNode``."""
        branches = [f"{{ SELECT ?this WHERE {{ {select} }} }}" for select in self.selects]
        if with_nodes and self.nodes:
            branches.append("{ VALUES ?this { " + " ".join(self.nodes) + " } }")
        union = " UNION ".join(branches) or "{ VALUES ?this { } }"
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    def bind(self, check: Check, with_nodes: bool) -> str:
        """``check``'s query with ``?this`` pre-bound to the shape's focus nodes."""
        return self.prologue + check.query.replace("{values}", self.focus_pattern(with_nodes), 1)


@dataclass(frozen=True)
class Shapes:
    path: Path
    shapes: tuple[Shape, ...]

    def target_nodes(self) -> set[str]:
        """The IRIs named by sh:targetNode (a unit that mentions one validates it)."""
        return {node[1:-1] for shape in self.shapes for node in shape.nodes if node.startswith("<")}
