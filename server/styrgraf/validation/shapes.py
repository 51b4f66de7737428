"""``ontology/shapes.ttl`` compiled once per process into SPARQL checks.

Every constraint becomes one SELECT query that finds its results for all of a shape's
focus nodes at once, ``{values}`` marking where ``?this`` is bound to them (the engine
binds it from its focus graph; ``Shape.focus_pattern`` from the targets): the
SHACL-SPARQL constraints as written, the core components through ``components``. The
focus nodes are never written into a query, so blank nodes are focus nodes like any
other. Anything the compiler does not implement (``sh:node``,
``sh:or``, a SPARQL query that breaks the pre-binding rules, ...) is refused by name with
a ``ShapesError``: styrgraf never validates a silent subset of the shapes.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from styrgraf import resources
from styrgraf.store import loading
from styrgraf.validation import components, sparql_text
from styrgraf.validation.checks import Check, Shape, Shapes
from styrgraf.validation.components import RDF_TYPE, SH, SUBCLASS
from styrgraf.validation.graph import RDF_FIRST, ShapesGraph

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
CLASSES = {"http://www.w3.org/2000/01/rdf-schema#Class", "http://www.w3.org/2002/07/owl#Class"}
SGS_SCOPE, SGS_GLOBAL = "https://w3id.org/styrgraf/shapes#scope", "https://w3id.org/styrgraf/shapes#Global"
SEVERITIES = ("Violation", "Warning", "Info")
KNOWN_TYPES = {SH + n for n in ("NodeShape", "PropertyShape", "SPARQLConstraint", "SPARQLTarget", "PrefixDeclaration")}
IGNORED = ("name", "description", "order", "group", "message", "severity", "deactivated")  # handled or non-validating
PATHS = {"inversePath": "^{}", "alternativePath": None, "zeroOrMorePath": "{}*", "oneOrMorePath": "{}+",
         "zeroOrOnePath": "{}?"}


class ShapesError(loading.DataError):
    """The shapes file uses SHACL that styrgraf does not implement, or is malformed."""


class _Compiler:
    def __init__(self, path: Path):
        self.path = path
        self.graph = ShapesGraph(loading.parse_turtle(path))

    def fail(self, node, reason: str):
        raise ShapesError(self.path, f"{_short(self.graph.owner(node))}: {reason}")

    def prefixes(self, node) -> str:
        lines = []
        for ontology in self.graph.objects(node, SH + "prefixes"):
            for declaration in self.graph.objects(ontology, SH + "declare"):
                prefix, namespace = (self.graph.value(declaration, SH + p) for p in ("prefix", "namespace"))
                lines.append(f"PREFIX {prefix.value}: <{namespace.value}>")
        return "\n".join(lines) + "\n"

    def severity(self, node) -> str:
        term = self.graph.value(node, SH + "severity")
        name = term.value[len(SH):] if term is not None and term.value.startswith(SH) else "Violation"
        if term is not None and (not term.value.startswith(SH) or name not in SEVERITIES):
            self.fail(node, f"severity {term} is not sh:Violation, sh:Warning or sh:Info")
        return name

    def messages(self, node) -> tuple[tuple[str, str], ...]:
        return tuple((m.language or "en", m.value) for m in self.graph.objects(node, SH + "message"))

    def deactivated(self, node) -> bool:
        flag = self.graph.value(node, SH + "deactivated")
        return flag is not None and flag.value == "true"

    def sparql_path(self, node) -> str:
        if isinstance(node, ox.NamedNode):
            return f"<{node.value}>"
        if self.graph.value(node, RDF_FIRST) is not None:
            return "(" + "/".join(self.sparql_path(step) for step in self.graph.items(node)) + ")"
        for name, form in PATHS.items():
            inner = self.graph.value(node, SH + name)
            if inner is not None:
                if form is None:
                    return "(" + "|".join(self.sparql_path(step) for step in self.graph.items(inner)) + ")"
                return form.format("(" + self.sparql_path(inner) + ")")
        self.fail(node, "a property path that is not a SHACL path")

    def targets(self, shape) -> tuple[tuple[str, ...], tuple[str, ...], str]:
        """The target queries (each with its prefixes), the sh:targetNode terms, and the
        PREFIX lines the SPARQL targets need."""
        g = self.graph
        prologue = ""
        queries = [f"SELECT DISTINCT ?this WHERE {{ ?this <{RDF_TYPE}>/<{SUBCLASS}>* <{c.value}> }}"
                   for c in g.objects(shape, SH + "targetClass")]
        if any(t.value in CLASSES for t in g.out.get(shape, {}).get(RDF_TYPE, [])):
            queries.append(f"SELECT DISTINCT ?this WHERE {{ ?this <{RDF_TYPE}>/<{SUBCLASS}>* <{shape.value}> }}")
        queries += [f"SELECT DISTINCT ?this WHERE {{ ?this <{p.value}> ?o }}" for p in g.objects(shape, SH + "targetSubjectsOf")]
        queries += [f"SELECT DISTINCT ?this WHERE {{ ?s <{p.value}> ?this }}" for p in g.objects(shape, SH + "targetObjectsOf")]
        for target in g.objects(shape, SH + "target"):
            kinds = {t.value for t in g.objects(target, RDF_TYPE)}
            select = g.value(target, SH + "select")
            if kinds != {SH + "SPARQLTarget"} or select is None:
                self.fail(shape, "only sh:SPARQLTarget targets with sh:select are implemented")
            prologue += self.prefixes(target)
            queries.append(self.prefixes(target) + select.value)
        nodes = tuple(str(n) for n in g.objects(shape, SH + "targetNode"))
        return tuple(queries), nodes, prologue

    def value_checks(self, node, shape_iri: str, severity: str, path: str | None, messages) -> list[Check]:
        g = self.graph
        checks = []
        extra = {"flags": g.value(node, SH + "flags")}
        for name in components.VALUE_COMPONENTS:
            for parameter in g.objects(node, SH + name):
                argument = g.items(parameter) if name in ("languageIn", "in") else parameter
                try:
                    test = components.conforms(name, argument, extra)
                except components.ComponentError as error:
                    self.fail(node, f"sh:{name} {error}")
                checks.append(Check(shape_iri, severity, components.value_query(path, test),
                                    messages or _pairs(components.default_message(name, parameter, path)), path))
        return checks

    def qualified_test(self, node) -> str:
        inner = self.graph.value(node, SH + "qualifiedValueShape")
        disjoint = self.graph.value(node, SH + "qualifiedValueShapesDisjoint")
        if disjoint is not None and disjoint.value == "true":
            self.fail(node, "sh:qualifiedValueShapesDisjoint is not implemented")
        tests = [components.conforms(name, self.graph.items(p) if name in ("languageIn", "in") else p,
                                     {"flags": self.graph.value(inner, SH + "flags")})
                 for name in components.VALUE_COMPONENTS for p in self.graph.objects(inner, SH + name)]
        return " && ".join(tests) or "true"

    def property_checks(self, node, shape_iri: str) -> list[Check]:
        g = self.graph
        if self.deactivated(node):
            g.ignore(node)
            return []
        path = self.sparql_path(g.value(node, SH + "path") or self.fail(node, "a property shape without sh:path"))
        severity, messages = self.severity(node), self.messages(node)
        result_path = path[1:-1] if path.startswith("<") else path
        checks = self.value_checks(node, shape_iri, severity, path, messages)
        bounds = [(n, p, None) for n in components.COUNT_COMPONENTS for p in g.objects(node, SH + n)]
        if g.value(node, SH + "qualifiedValueShape") is not None:
            test = self.qualified_test(node)
            bounds += [(n, p, test) for n in ("qualifiedMinCount", "qualifiedMaxCount") for p in g.objects(node, SH + n)]
        for name, parameter, test in bounds:
            try:
                low, high = components.count(name, parameter)
            except components.ComponentError as error:
                self.fail(node, f"sh:{name} {error}")
            checks.append(Check(shape_iri, severity, components.count_query(path, low, high, test),
                                messages or _pairs(components.default_message(name, parameter, path)), result_path))
        return [Check(c.shape, c.severity, c.query, c.messages, result_path) for c in checks]

    def sparql_checks(self, shape, severity: str) -> list[Check]:
        checks = []
        for constraint in self.graph.objects(shape, SH + "sparql"):
            if self.deactivated(constraint):
                self.graph.ignore(constraint)
                continue
            select = self.graph.value(constraint, SH + "select")
            if select is None:
                self.fail(shape, "a sh:sparql constraint without sh:select (ASK validators are not implemented)")
            try:
                query = sparql_text.with_values_slot(select.value)
            except sparql_text.PreBindingError as error:
                self.fail(shape, f"its SPARQL constraint {error}")
            checks.append(Check(shape.value, severity, self.prefixes(constraint) + query,
                                self.messages(constraint), value_is_focus=True))
        return checks

    def shape(self, node) -> Shape:
        g = self.graph
        severity = self.severity(node)
        targets, nodes, prologue = self.targets(node)
        if self.deactivated(node):
            g.ignore(node)
        checks = [] if self.deactivated(node) else (
            self.value_checks(node, node.value, severity, None, self.messages(node))
            + self.sparql_checks(node, severity)
            + [c for p in g.objects(node, SH + "property") for c in self.property_checks(p, node.value)])
        scope = g.out.get(node, {}).get(SGS_SCOPE, [])
        self.agree(node, prologue, checks)
        return Shape(node.value, {l.language or "en": l.value for l in g.out.get(node, {}).get(RDFS_LABEL, [])},
                     severity, "global" if any(s.value == SGS_GLOBAL for s in scope) else "organisation",
                     targets, nodes, tuple(checks), prologue,
                     tuple(_without_prologue(query) for query in targets))

    def agree(self, node, prologue: str, checks: list[Check]) -> None:
        """The targets' prefixes go before every check's own: a prefix both declare must
        name the same namespace."""
        declared = dict(_PREFIX.findall(prologue))
        for check in checks:
            for prefix, namespace in _PREFIX.findall(check.query):
                if declared.get(prefix, namespace) != namespace:
                    self.fail(node, f"its target and a constraint declare the prefix {prefix!r} differently")

    def compile(self) -> Shapes:
        g = self.graph
        roots = set(g.subjects(RDF_TYPE, ox.NamedNode(SH + "NodeShape")))
        for predicate in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target"):
            roots |= set(g.subjects(SH + predicate))
        for root in roots:
            if not isinstance(root, ox.NamedNode):
                self.fail(root, "a node shape must be named (an IRI) so that findings can name it")
        compiled = tuple(self.shape(root) for root in sorted(roots, key=lambda n: n.value))
        self.refuse_the_rest()
        for shape in compiled:
            self.parse(shape)
        return Shapes(self.path, compiled)

    def parse(self, shape: Shape) -> None:
        """Have Oxigraph parse every query now, so that a typo names its shape."""
        empty = ox.Store()
        for query in shape.targets + tuple(shape.bind(check, True) for check in shape.checks):
            try:
                empty.query(query)
            except SyntaxError as error:
                self.fail(ox.NamedNode(shape.iri), f"a SPARQL query does not parse: {error}")

    def refuse_the_rest(self) -> None:
        """Every SHACL triple must have been understood: name the first that was not."""
        g = self.graph
        for t in g.triples:
            if t.predicate.value == SH + "declare":
                continue  # prefix declarations are read where a query uses them
            if t.predicate.value == RDF_TYPE and t.object.value.startswith(SH) and t.object.value not in KNOWN_TYPES:
                self.fail(t.subject, f"{_short(t.object.value)} is not implemented by styrgraf's validation")
            if t.predicate.value.startswith(SH) and (t.subject, t.predicate.value) not in g.used:
                local = t.predicate.value[len(SH):]
                if local not in IGNORED and local not in ("prefix", "namespace", "prefixes", "select"):
                    where = " on a property or nested shape" if isinstance(t.subject, ox.BlankNode) else ""
                    self.fail(t.subject, f"sh:{local}{where} is not implemented by styrgraf's validation")


_PREFIX = re.compile(r"^PREFIX ([^:\s]*): <([^>]*)>$", re.MULTILINE)


def _without_prologue(query: str) -> str:
    """A target query without the PREFIX lines ``prefixes`` wrote before it."""
    return _PREFIX.sub("", query).strip()


def _pairs(messages: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(messages.items())


def _short(iri: str) -> str:
    for prefix, namespace in (("sh", SH), ("sgs", "https://w3id.org/styrgraf/shapes#")):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def compile_shapes(path: Path | str) -> Shapes:
    """Compile a shapes file.

    Raises:
        ShapesError: it uses SHACL that styrgraf does not implement (named), or is malformed.
        loading.DataError: it cannot be read or parsed.
    """
    return _Compiler(Path(path)).compile()


@lru_cache(maxsize=1)
def installed() -> Shapes:
    """The installed ``ontology/shapes.ttl``, compiled once per process."""
    return compile_shapes(resources.shapes_file())


def catalogue() -> list[dict]:
    """Every named shape with its labels, severity and scope, for docs and the UI."""
    return [{"shape": s.iri, "label": s.label, "severity": s.severity, "scope": s.scope}
            for s in installed().shapes]
