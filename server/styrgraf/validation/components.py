"""SHACL Core constraint components as SPARQL, so that they run in Oxigraph like the
SHACL-SPARQL constraints.

Each value-type component (``sh:class``, ``sh:datatype``, ...) becomes a boolean SPARQL
expression over ``?value`` that holds when the value node conforms; the count
components (``sh:minCount``, ``sh:qualifiedMinCount``, ...) become grouped queries over
the focus nodes. The semantics follow the SHACL specification (section 4) as pyshacl
implements it; ``tests/test_core_validation_differential.py`` compares the two.
"""
from __future__ import annotations

import pyoxigraph as ox

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# XSD datatypes whose lexical forms SPARQL can check with a cast (ill-typed: a violation).
CASTABLE = {"integer", "decimal", "float", "double", "boolean", "date", "dateTime", "time"}

NODE_KINDS = {
    "IRI": "isIRI(?value)", "BlankNode": "isBlank(?value)", "Literal": "isLiteral(?value)",
    "BlankNodeOrIRI": "!isLiteral(?value)", "BlankNodeOrLiteral": "!isIRI(?value)",
    "IRIOrLiteral": "!isBlank(?value)",
}

# Components whose test is on each value node; the name is the sh: local name.
VALUE_COMPONENTS = ("class", "datatype", "nodeKind", "minLength", "maxLength", "pattern", "languageIn", "in")
COUNT_COMPONENTS = ("minCount", "maxCount")


class ComponentError(ValueError):
    """A component whose parameter cannot be compiled (the caller names the shape)."""


def string_literal(text: str) -> str:
    """A SPARQL string literal for ``text``."""
    return str(ox.Literal(text))


def _integer(term) -> int:
    if not isinstance(term, ox.Literal) or not term.value.lstrip("-").isdigit():
        raise ComponentError(f"needs an integer, not {term}")
    return int(term.value)


def _iri(term) -> str:
    if not isinstance(term, ox.NamedNode):
        raise ComponentError(f"needs an IRI, not {term}")
    return term.value


def conforms(component: str, parameter, extra: dict | None = None) -> str:
    """A SPARQL expression that is true when ``?value`` conforms to one component.

    Args:
        component: the sh: local name (one of VALUE_COMPONENTS).
        parameter: the component's parameter (for ``languageIn`` and ``in``, a list).
        extra: other parameters of the shape (``flags`` for ``pattern``).

    Raises:
        ComponentError: the parameter does not fit the component.
    """
    if component == "class":
        return f"EXISTS {{ ?value <{RDF_TYPE}>/<{SUBCLASS}>* <{_iri(parameter)}> }}"
    if component == "datatype":
        datatype = _iri(parameter)
        test = f"(isLiteral(?value) && datatype(?value) = <{datatype}>"
        if datatype.startswith(XSD) and datatype[len(XSD):] in CASTABLE:
            test += f" && COALESCE(isLiteral(<{datatype}>(STR(?value))), false)"
        return test + ")"
    if component == "nodeKind":
        kind = _iri(parameter)
        if not kind.startswith(SH) or kind[len(SH):] not in NODE_KINDS:
            raise ComponentError(f"unknown node kind {parameter}")
        return NODE_KINDS[kind[len(SH):]]
    if component in ("minLength", "maxLength"):
        operator = ">=" if component == "minLength" else "<="
        return f"(!isBlank(?value) && STRLEN(STR(?value)) {operator} {_integer(parameter)})"
    if component == "pattern":
        flags = (extra or {}).get("flags")
        flag_text = f", {string_literal(flags.value)}" if flags is not None else ""
        return f"(!isBlank(?value) && REGEX(STR(?value), {string_literal(parameter.value)}{flag_text}))"
    if component == "languageIn":
        tests = " || ".join(f"langMatches(lang(?value), {string_literal(tag.value)})" for tag in parameter)
        return f"(isLiteral(?value) && ({tests or 'false'}))"
    if component == "in":
        tests = " || ".join(f"sameTerm(?value, {term})" for term in parameter)
        return f"({tests or 'false'})"
    raise ComponentError(f"sh:{component} is not a value-type component")


def value_query(path: str | None, test: str) -> str:
    """The value nodes of the focus nodes (``?this``) that fail ``test``; ``path`` None
    means a node shape, whose one value node is the focus node itself. ``{values}``
    marks where the focus nodes are bound."""
    values = f"?this {path} ?value ." if path else "BIND (?this AS ?value)"
    return f"SELECT ?this ?value WHERE {{ {{values}} {values} FILTER (!({test})) }}"


def count_query(path: str, low: int | None, high: int | None, test: str | None = None) -> str:
    """Focus nodes with fewer than ``low`` or more than ``high`` value nodes (those that
    pass ``test``, for the qualified counts)."""
    condition = f" FILTER ({test})" if test else ""
    if low is not None:
        body = f"OPTIONAL {{ ?this {path} ?value .{condition} }}"
        having = f"COUNT(DISTINCT ?value) < {low}"
    else:
        body = f"?this {path} ?value .{condition}"
        having = f"COUNT(DISTINCT ?value) > {high}"
    return f"SELECT ?this WHERE {{ {{values}} {body} }} GROUP BY ?this HAVING ({having})"


def count(component: str, parameter) -> tuple[int | None, int | None]:
    """(low, high) bounds of sh:minCount / sh:maxCount / the qualified ones."""
    bound = _integer(parameter)
    return (bound, None) if component.lower().endswith("mincount") else (None, bound)


def default_message(component: str, parameter, path: str | None) -> dict[str, str]:
    """A plain message for a constraint that has no sh:message of its own."""
    where = f" ({path})" if path else ""
    return {"en": f"Does not satisfy sh:{component} {parameter}{where}.",
            "sv": f"Uppfyller inte sh:{component} {parameter}{where}."}
