"""Reading a query's text as far as the stores need: its dataset clauses, and binding
variables as RDF terms in a VALUES block (SPARQL 1.1, 10.2), which is how they reach an
external store (the protocol has no other way to pass them) and how the embedded store
binds the variables Oxigraph's ``substitutions`` refuse (those not projected).

The block goes first in the query's outer WHERE group, where its join binds the
variables before anything else in the group, as Oxigraph's ``substitutions`` do (a
trailing VALUES clause would be joined only after GROUP BY, where it no longer binds
a variable that is not a group key). Where the outer group cannot take it (the group
is a sub-select, or ``CONSTRUCT WHERE``), the block trails the query.
"""
from __future__ import annotations

import re

import pyoxigraph as ox

IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}


def values_block(substitutions: dict, one_block: bool = False) -> str:
    """``VALUES ?a { <x> } VALUES ?b { "y" }`` with each term written by Oxigraph
    (N-Triples): one block a variable, the same single solution as one block of all
    (Virtuoso 7.2 fails on some queries given one block of several constants:
    "ssg_print_rvr_fixed_val(): no SPART_VARR_FIXED"); with ``one_block``,
    ``VALUES (?a ?b) { (<x> "y") }``: a query may end in one VALUES clause only.

    Raises:
        ValueError: a value is a blank node (VALUES cannot carry one).
    """
    names = sorted(substitutions)
    for name in names:
        if not isinstance(substitutions[name], (ox.NamedNode, ox.Literal)):
            raise ValueError(f"?{name}: only IRIs and literals can be bound in a query to an external store")
    if one_block:
        terms = " ".join(str(substitutions[n]) for n in names)
        return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"
    return " ".join(f"VALUES ?{name} {{ {substitutions[name]} }}" for name in names)


def bind(text: str, substitutions: dict | None) -> str:
    """The query with ``substitutions`` (variable name -> pyoxigraph term) bound."""
    if not substitutions:
        return text
    at = where_group(text)
    if at is None:
        return f"{text}\n{values_block(substitutions, one_block=True)}"
    return f"{text[:at]} {values_block(substitutions)}\n{text[at:]}"


def _skip_string(text: str, i: int) -> int:
    """The index after the string literal starting at ``i``."""
    quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else text[i]
    i += len(quote)
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(quote, i):
            return i + len(quote)
        else:
            i += 1
    return i


def _tokens(text: str):
    """(position, token) for braces, parentheses and keywords outside strings, IRIs
    and comments; variables and prefixed names are not keywords."""
    i = 0
    while i < len(text):
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif char in "\"'":
            i = _skip_string(text, i)
        elif char == "<" and (match := IRIREF.match(text, i)):
            i = match.end()
        elif char in "{}()":
            yield i, char
            i += 1
        elif char in "?$":
            match = WORD.match(text, i + 1)
            i = match.end() if match else i + 1
        elif match := WORD.match(text, i):
            prefixed = match.end() < len(text) and text[match.end()] == ":"
            if not prefixed and (i == 0 or text[i - 1] != ":"):
                yield i, match.group().upper()
            i = match.end()
        else:
            i += 1


def has_dataset(text: str) -> bool:
    """True when the query names its dataset (``FROM`` or ``FROM NAMED``)."""
    depth = 0
    for _position, token in _tokens(text):
        if token in "{}":
            depth += 1 if token == "{" else -1
        elif token == "FROM" and depth == 0:
            return True
    return False


def where_group(text: str) -> int | None:
    """The index just after the ``{`` opening the query's outer WHERE group, or None
    when a VALUES block cannot go there."""
    braces = parens = 0
    form = None
    after_where = template = False
    tokens = _tokens(text)
    for position, token in tokens:
        if token in "()":
            parens += 1 if token == "(" else -1
        elif token == "{":
            if braces == 0 and parens == 0 and form and (after_where or form != "CONSTRUCT"):
                following = next(tokens, (None, None))[1]
                return None if following == "SELECT" else position + 1
            template = template or (braces == 0 and form == "CONSTRUCT")
            braces += 1
        elif token == "}":
            braces -= 1
        elif braces == 0 and parens == 0:
            if token in FORMS and form is None:
                form = token
            elif token == "WHERE" and form:
                if form == "CONSTRUCT" and not template:
                    return None  # CONSTRUCT WHERE { template }: no VALUES inside
                after_where = True
    return None
