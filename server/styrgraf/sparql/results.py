"""SPARQL results: materialised once, then written in any of the registered formats.

One registry serves the endpoint, the saved-query API and the CLI, so every surface
offers the same formats with the same media types.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from styrgraf.errors import BadRequest, NotAcceptable
from styrgraf.vocab import compact_name


class ResultLimitExceeded(BadRequest):
    """A result has more rows than the configured cap."""

    def __init__(self, limit: int):
        super().__init__(f"the result has more than {limit} rows; add LIMIT or narrow the query",
                         sv=f"svaret har fler än {limit} rader; lägg till LIMIT eller avgränsa frågan")
        self.limit = limit


# Characters of term text one answer may hold. The row cap alone does not bound memory:
# twenty BIND (CONCAT(?v, ?v) AS ?w) make a 10 MB string, and 200 rows of it took 2 GB
# in the worker within two seconds (JSON of it more than 8 GB).
MAX_TEXT = 64 * 2**20


class ResultTooLarge(BadRequest):
    """A result holds more text than ``MAX_TEXT`` characters."""

    def __init__(self, limit: int):
        super().__init__(f"the result holds more than {limit // 2**20} M characters of text; "
                         "select fewer or shorter values",
                         sv=f"svaret innehåller mer än {limit // 2**20} miljoner tecken text; "
                         "välj färre eller kortare värden")
        self.limit = limit


@dataclass
class Outcome:
    """A query's materialised result: solutions, a boolean or triples."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # variable -> Oxigraph term
    boolean: bool | None = None
    triples: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


def materialise(result, max_rows: int | None = None, max_text: int | None = MAX_TEXT) -> Outcome:
    """Read an Oxigraph result fully, refusing more than ``max_rows`` rows or more than
    ``max_text`` characters of term text (``ResultLimitExceeded``, ``ResultTooLarge``)."""
    if isinstance(result, ox.QueryBoolean):
        return Outcome(kind="ask", boolean=bool(result))
    text = 0
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            if max_rows is not None and len(rows) >= max_rows:
                raise ResultLimitExceeded(max_rows)
            row = {v: solution[v] for v in variables if solution[v] is not None}
            text += sum(len(term.value) for term in row.values())
            if max_text is not None and text > max_text:
                raise ResultTooLarge(max_text)
            rows.append(row)
        return Outcome(kind="select", variables=variables, rows=rows)
    triples = []
    for triple in result:
        if max_rows is not None and len(triples) >= max_rows:
            raise ResultLimitExceeded(max_rows)
        text += len(triple.subject.value) + len(triple.predicate.value) + len(triple.object.value)
        if max_text is not None and text > max_text:
            raise ResultTooLarge(max_text)
        triples.append(triple)
    return Outcome(kind="graph", triples=triples)


# --- Term helpers ------------------------------------------------------------------------

def term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def term_plain(term) -> str:
    """A term as plain text (CSV): IRIs and literals by value, blank nodes as _:id."""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def term_short(term) -> str:
    """A term for people reading a table: prefixed names, bare literals."""
    if isinstance(term, ox.NamedNode):
        return compact_name(term.value)
    return term_plain(term)


# --- Serialisers ---------------------------------------------------------------------------

def _json(outcome: Outcome) -> bytes:
    if outcome.kind == "ask":
        return json.dumps({"head": {}, "boolean": outcome.boolean}).encode()
    body = {
        "head": {"vars": outcome.variables},
        "results": {"bindings": [{v: term_json(t) for v, t in row.items()} for row in outcome.rows]},
    }
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _xml(outcome: Outcome) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out.extend(f"<variable name={quoteattr(v)}/>" for v in outcome.variables)
    out.append("</head>\n")
    if outcome.kind == "ask":
        out.append(f"<boolean>{'true' if outcome.boolean else 'false'}</boolean>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    out.append("<results>\n")
    for row in outcome.rows:
        out.append("<result>")
        for var, term in row.items():
            out.append(f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


# Characters XML 1.0 cannot carry at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(value: str) -> str:
    """Escaped text for XML; a character XML 1.0 cannot hold makes the format unusable."""
    bad = _NOT_XML.search(value)
    if bad:
        raise NotAcceptable(f"the result holds the character U+{ord(bad.group()):04X}, which XML cannot carry; "
                            "ask for JSON, CSV or TSV (a graph: Turtle, N-Triples or JSON-LD) instead")
    return escape(value)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(_xml_text(term.language))}>{_xml_text(term.value)}</literal>"
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{_xml_text(term.value)}</literal>"
    return f"<literal>{_xml_text(term.value)}</literal>"


def _csv(outcome: Outcome) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if outcome.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if outcome.boolean else "false"])
    else:
        writer.writerow(outcome.variables)
        for row in outcome.rows:
            writer.writerow([term_plain(row[v]) if v in row else "" for v in outcome.variables])
    return buffer.getvalue().encode("utf-8")


def _tsv(outcome: Outcome) -> bytes:
    lines = ["\t".join(f"?{v}" for v in outcome.variables)]
    if outcome.kind == "ask":
        lines = ["?boolean", "true" if outcome.boolean else "false"]
    for row in outcome.rows:
        lines.append("\t".join(str(row[v]) if v in row else "" for v in outcome.variables))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _graph_writer(fmt: ox.RdfFormat) -> Callable[[Outcome], bytes]:
    def write(outcome: Outcome) -> bytes:
        if fmt == ox.RdfFormat.RDF_XML:
            for triple in outcome.triples:
                for term in (triple.subject, triple.predicate, triple.object):
                    _xml_text(term.value)
        return ox.serialize(outcome.triples, format=fmt) or b""
    return write


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    kinds: tuple[str, ...]
    write: Callable[[Outcome], bytes]
    extension: str

    def __reduce__(self):  # formats cross the executor's pipe by name
        return (format_named, (self.name,))


def format_named(name: str) -> "Format":
    return FORMATS[name]


FORMATS: dict[str, Format] = {f.name: f for f in [
    Format("json", "application/sparql-results+json", ("select", "ask"), _json, "srj"),
    Format("xml", "application/sparql-results+xml", ("select", "ask"), _xml, "srx"),
    Format("csv", "text/csv", ("select", "ask"), _csv, "csv"),
    Format("tsv", "text/tab-separated-values", ("select", "ask"), _tsv, "tsv"),
    Format("turtle", "text/turtle", ("graph",), _graph_writer(ox.RdfFormat.TURTLE), "ttl"),
    Format("ntriples", "application/n-triples", ("graph",), _graph_writer(ox.RdfFormat.N_TRIPLES), "nt"),
    Format("jsonld", "application/ld+json", ("graph",), _graph_writer(ox.RdfFormat.JSON_LD), "jsonld"),
    Format("rdfxml", "application/rdf+xml", ("graph",), _graph_writer(ox.RdfFormat.RDF_XML), "rdf"),
]}

# Media types clients send that mean one of the above.
ALIASES = {
    "application/json": "json", "text/json": "json",
    "application/xml": "xml", "text/xml": "xml",
    "text/plain": "ntriples", "application/x-turtle": "turtle", "text/n3": "turtle",
    "application/json+ld": "jsonld",
}
DEFAULT_FORMAT = {"select": "json", "ask": "json", "graph": "turtle"}


def formats_for(kind: str) -> list[Format]:
    return [f for f in FORMATS.values() if kind in f.kinds]


def serialise(outcome: Outcome, name: str) -> bytes:
    """Write an outcome in a registered format.

    Raises:
        KeyError: unknown format, or one that does not fit the result kind.
    """
    fmt = FORMATS[name]
    if outcome.kind not in fmt.kinds:
        raise KeyError(name)
    return fmt.write(outcome)


def table(outcome: Outcome) -> str:
    """A plain-text table for the terminal."""
    if outcome.kind == "ask":
        return "true" if outcome.boolean else "false"
    if outcome.kind == "graph":
        return serialise(outcome, "turtle").decode("utf-8")
    header = outcome.variables
    rows = [[term_short(r[v]) if v in r else "" for v in header] for r in outcome.rows]
    widths = [min(60, max([len(h)] + [len(row[i]) for row in rows])) for i, h in enumerate(header)]
    def fit(text: str, width: int) -> str:
        return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)
    lines = ["  ".join(fit(h, w) for h, w in zip(header, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(fit(c, w) for c, w in zip(row, widths)) for row in rows)
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)
