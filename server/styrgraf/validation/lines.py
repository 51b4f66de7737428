"""Where a finding's node is written in its Turtle file: the line of the statement that
describes it, so that a report (GitHub annotations, JUnit, text) points at the line.

Oxigraph's parser gives no positions, so the file is read again as text and cut into
its top-level statements (strings, IRIs and comments blanked first). A statement's
subject gives the line of an IRI or a labelled blank node; a statement with anonymous
blank nodes (``[] a sg:Assertion ; …``, ``x:ks sg:hasResponsibility [ … ]``) is parsed on
its own, and each of its blank nodes matched by what it says to one of the file's; any
other blank node takes the line of the node it hangs from.
"""
from __future__ import annotations

import bisect
import re
import urllib.parse
from dataclasses import replace
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from styrgraf.store import loading
from styrgraf.validation.findings import Finding
from styrgraf.validation.sparql_text import blank

_DIRECTIVE = re.compile(r"(@?prefix|@?base)\s", re.IGNORECASE)
_VISIBLE = re.compile(r"\S")
_STRUCTURE = re.compile(r"[\[\]()]|\.(?=\s|\Z)")  # brackets, and a dot that ends a statement
_PREFIX = re.compile(r"@?prefix\s+([^\s:]*):\s*<([^>]*)>", re.IGNORECASE)


def statements(text: str) -> list[tuple[int, str]]:
    """(line, text) of each top-level statement of a Turtle document."""
    code = blank(text)
    newlines = [m.start() for m in re.finditer("\n", text)]
    found, position = [], 0
    while (first := _VISIBLE.search(code, position)) is not None:
        start = first.start()
        if code[start] != "@" and _DIRECTIVE.match(code, start):  # SPARQL-style PREFIX or BASE: no dot
            end = text.find(">", start)
            end = len(text) - 1 if end < 0 else end
            found.append((start, text[start:end + 1]))
            position = end + 1
            continue
        depth, end = 0, len(code)
        for token in _STRUCTURE.finditer(code, start):
            if token.group(0) in "[(":
                depth += 1
            elif token.group(0) in "])":
                depth -= 1
            elif depth <= 0:
                end = token.start()
                break
        found.append((start, text[start:end]))
        position = end + 1
    return [(bisect.bisect_left(newlines, start) + 1, body) for start, body in found]


class LineIndex:
    """The line of each node a file describes."""

    def __init__(self, curated: loading.CuratedFile):
        text = Path(curated.path).read_text(encoding="utf-8")
        base, prefixes, declarations = Path(curated.path).resolve().as_uri(), {}, [f"@base <{Path(curated.path).resolve().as_uri()}> ."]
        self.lines: dict[str, int] = {}
        self.parent: dict[str, ox.Term] = {}
        found: dict[frozenset, list[int]] = {}
        scope = loading.blank_prefix(Path(curated.path))
        for line, body in statements(text):
            declared = _PREFIX.match(body)
            if declared:
                prefixes[declared.group(1)] = urllib.parse.urljoin(base, declared.group(2))
                declarations.append(body if body.lstrip().upper().startswith("PREFIX") else body + " .")
                continue
            key = _subject_key(body.split(None, 1)[0] if body.split() else "", prefixes, base, scope)
            if key is not None:
                self.lines.setdefault(key, line)
            if "[" in body and "[" in blank(body):
                for signature in _signatures(_parse("\n".join(declarations + [body + " ."]))).values():
                    found.setdefault(signature, []).append(line)
        self._blank_lines(curated.triples, found)

    def _blank_lines(self, triples: list[ox.Triple], found: dict[frozenset, list[int]]) -> None:
        """Each anonymous blank node gets the line of the statement whose own blank node
        has the same description; any other blank node, its parent's."""
        for t in triples:
            if isinstance(t.object, ox.BlankNode):
                self.parent.setdefault(t.object.value, t.subject)
        for node, signature in _signatures(triples).items():
            if found.get(signature):
                self.lines.setdefault("_:" + node, found[signature].pop(0))

    def line(self, term: ox.Term) -> int | None:
        """The line that describes ``term``, or None when this file does not."""
        seen = set()
        while term is not None and str(term) not in seen:
            key = str(term) if isinstance(term, ox.BlankNode) else term.value
            if key in self.lines:
                return self.lines[key]
            seen.add(str(term))
            term = self.parent.get(term.value) if isinstance(term, ox.BlankNode) else None
        return None


def _parse(turtle: str) -> list[ox.Triple]:
    try:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)]
    except (SyntaxError, ValueError):  # a statement that needs more context than its prefixes: no line
        return []


def _signatures(triples: Iterable[ox.Triple]) -> dict[str, frozenset]:
    """Each blank node's description, its blank neighbours left anonymous."""
    described: dict[str, set] = {}

    def name(term):
        return "_" if isinstance(term, ox.BlankNode) else str(term)
    for t in triples:
        if isinstance(t.subject, ox.BlankNode):
            described.setdefault(t.subject.value, set()).add(("out", t.predicate.value, name(t.object)))
        if isinstance(t.object, ox.BlankNode):
            described.setdefault(t.object.value, set()).add(("in", t.predicate.value, name(t.subject)))
    return {node: frozenset(facts) for node, facts in described.items()}


def _subject_key(token: str, prefixes: dict[str, str], base: str, scope: str) -> str | None:
    if token.startswith("<") and token.endswith(">"):
        return urllib.parse.urljoin(base, token[1:-1])
    if token.startswith("_:"):
        return f"_:{scope}{token[2:]}"
    if ":" in token and not token.startswith(("[", "(", '"', "'")):
        prefix, local = token.split(":", 1)
        if prefix in prefixes:
            return prefixes[prefix] + local.replace("\\", "")
    return None


def with_lines(findings: Iterable[Finding], files: list[loading.CuratedFile]) -> list[Finding]:
    """The findings, each with the line of its focus node in its file (where known)."""
    by_shown = {loading.display_path(f.path): f for f in files}
    indexes: dict[str, LineIndex | None] = {}
    done = []
    for finding in findings:
        curated = by_shown.get(finding.file or "")
        if curated is None:
            done.append(finding)
            continue
        if finding.file not in indexes:
            try:
                indexes[finding.file] = LineIndex(curated)
            except (OSError, UnicodeDecodeError):  # a file given already parsed, since gone
                indexes[finding.file] = None
        index = indexes[finding.file]
        term = ox.BlankNode(finding.focus[2:]) if finding.focus.startswith("_:") else ox.NamedNode(finding.focus)
        done.append(replace(finding, line=index.line(term)) if index is not None else finding)
    return done
