r"""Checks a query's text before any parser sees it: how deeply it nests and which
remote endpoints it would make the server call (``SERVICE``).

This is a small lexer, not a parser, written without recursion so that no input can
exhaust the stack: Oxigraph's and rdflib's parsers are recursive, and a query nested a
few thousand levels deep overflows them (a crash, not an error). Strings, IRIs and
comments are skipped the way SPARQL's tokenizer reads them, so braces or the word
SERVICE inside a literal or an IRI neither count nor trigger. Where the lexer cannot
tell what the parser will read, it counts: brackets inside ``<...>`` count (``?x<((?y))>``
is a comparison to Oxigraph, not an IRI), and an escaped character outside a string
(``ex:a\#b``, ``<http://x\u0041#>``) is never the start of a comment or a string.
"""
from __future__ import annotations

import re

from styrgraf.errors import BadRequest

MAX_DEPTH = 64
# Oxigraph's parser recurses once per binary operator in a chain (a || b || c ...):
# about 20,000 of them overflow its stack. Counted per character (|| is two).
MAX_OPERATORS = 4_000
OPEN, CLOSE = "{([", "})]"
OPERATORS = set("|&+-*/^=!<>")
_IRI_OPERATORS = set("&+*^=!")
# SPARQL 1.1 terminals that can hold brackets or the word SERVICE without meaning them.
_SKIP = re.compile(r"""
    (?P<long>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
  | (?P<short>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<escape>\\[^{}()\[\]])
  | (?P<comment>\#[^\n\r]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-.]*(?::[A-Za-z0-9_\-.%]*)?)
  | (?P<var>[?$][A-Za-z0-9_]+)
""", re.X | re.S)


class QueryRefused(BadRequest):
    """The query is refused before parsing (too deep, or it would call out)."""


def check(text: str, *, max_depth: int = MAX_DEPTH, allowed_services: frozenset[str] | set[str] = frozenset(),
          max_operators: int = MAX_OPERATORS) -> None:
    """Refuse a query that nests deeper than ``max_depth``, chains more than
    ``max_operators`` operators, or names a SERVICE that is not in ``allowed_services``
    (absolute IRIs). A variable SERVICE is always refused.

    Raises:
        QueryRefused: with the line and column of the offending place.
    """
    depth, operators, position, length = 0, 0, 0, len(text)
    expect_service = False
    while position < length:
        char = text[position]
        if char in OPEN:
            depth += 1
            if depth > max_depth:
                raise _too_deep(text, position, max_depth)
            position += 1
            continue
        if char in CLOSE:
            depth = max(0, depth - 1)
            position += 1
            continue
        if char in OPERATORS and not (char == "<" and _SKIP.match(text, position)):
            operators += 1
            if operators > max_operators:
                raise _too_many(text, position, max_operators)
            position += 1
            continue
        match = _SKIP.match(text, position)
        if match is None:
            position += 1
            continue
        kind = match.lastgroup
        if kind == "iri":
            depth, operators = _inside_iri(text, match.start(), match.end(), depth, operators, max_depth,
                                           max_operators)
        if expect_service and kind in ("iri", "var"):
            _check_service(text, position, match.group(), kind, allowed_services)
            expect_service = False
        elif kind == "word":
            word = match.group().upper()
            if word == "SERVICE":
                expect_service = True
            elif expect_service and word != "SILENT":
                _check_service(text, position, match.group(), "word", allowed_services)
                expect_service = False
        position = match.end()
    if expect_service:
        raise QueryRefused("SERVICE without an endpoint: outbound requests are not made by this server",
                           sv="SERVICE utan tjänst: den här servern gör inga anrop till andra tjänster")


def _inside_iri(text: str, start: int, end: int, depth: int, operators: int, max_depth: int,
               max_operators: int) -> tuple[int, int]:
    """Brackets and the operators no IRI needs many of, counted inside ``<...>`` too:
    after an operand Oxigraph reads ``<`` as less-than, so ``?x<(((?y)))>`` nests as
    deeply as its parentheses and ``?a<?b&&?c&&...>`` is a chain. (``/`` and ``-`` are
    left out: every IRI has them.)"""
    for position in range(start, end):
        char = text[position]
        if char in OPEN:
            depth += 1
            if depth > max_depth:
                raise _too_deep(text, position, max_depth)
        elif char in CLOSE:
            depth = max(0, depth - 1)
        elif char in _IRI_OPERATORS:
            operators += 1
            if operators > max_operators:
                raise _too_many(text, position, max_operators)
    return depth, operators


def _too_deep(text: str, position: int, max_depth: int) -> QueryRefused:
    return QueryRefused(f"the query is nested too deeply ({_where(text, position)}): more than "
                        f"{max_depth} levels of {{ }}, ( ) or [ ] are not accepted",
                        sv=f"frågan är för djupt nästlad ({_where(text, position, 'sv')}): mer än "
                        f"{max_depth} nivåer av {{ }}, ( ) eller [ ] tas inte emot")


def _too_many(text: str, position: int, max_operators: int) -> QueryRefused:
    return QueryRefused(f"the query has more than {max_operators} operators ({_where(text, position)}); "
                        "split it or use VALUES / IN",
                        sv=f"frågan har fler än {max_operators} operatorer ({_where(text, position, 'sv')}); "
                        "dela upp den eller använd VALUES / IN")


def _check_service(text: str, position: int, target: str, kind: str, allowed) -> None:
    if kind == "iri" and target[1:-1] in allowed:
        return
    if allowed:
        hint = "allowed endpoints: " + ", ".join(sorted(allowed))
        hint_sv = "tillåtna tjänster: " + ", ".join(sorted(allowed))
    else:
        hint = "this server makes no outbound requests (an operator can allow endpoints with --allow-service)"
        hint_sv = "den här servern gör inga anrop till andra tjänster (driften kan tillåta tjänster med --allow-service)"
    raise QueryRefused(f"SERVICE {target} is refused ({_where(text, position)}): {hint}",
                       sv=f"SERVICE {target} avvisas ({_where(text, position, 'sv')}): {hint_sv}")


def _where(text: str, position: int, lang: str = "en") -> str:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return f"rad {line}, kolumn {column}" if lang == "sv" else f"line {line}, column {column}"
