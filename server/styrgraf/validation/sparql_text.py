"""The text of a SHACL-SPARQL constraint: the pre-binding rules of SHACL (section 5.6),
and where ``VALUES ?this`` goes so that ``$this`` is bound to the focus nodes before the
query's OPTIONALs and filters are evaluated, as pre-binding requires."""
from __future__ import annotations

import re

# String literals, IRIs and comments, which may contain anything: blanked before looking
# for keywords and braces.
_OPAQUE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
                     r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'" r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_FORBIDDEN = {"MINUS": "uses MINUS", "SERVICE": "uses SERVICE (a federated query)",
              "VALUES": "uses VALUES (styrgraf binds $this with VALUES)",
              "LIMIT": "uses LIMIT (it would limit all focus nodes together)",
              "OFFSET": "uses OFFSET (it would skip across all focus nodes together)"}


class PreBindingError(ValueError):
    """A query that cannot have ``$this`` pre-bound, with the reason."""


def blank(text: str) -> str:
    """``text`` with its strings, IRIs and comments replaced by spaces (same length)."""
    return _OPAQUE.sub(lambda m: " " * len(m.group(0)), text)


def check(select: str) -> None:
    """Refuse what SHACL's pre-binding forbids, and queries styrgraf cannot read.

    Raises:
        PreBindingError: with the reason.
    """
    code = blank(select)
    words = code.upper()
    if not re.match(r"\s*SELECT\b", words):
        raise PreBindingError("is not a SELECT query")
    for keyword, reason in _FORBIDDEN.items():
        if re.search(rf"\b{keyword}\b", words):
            raise PreBindingError(reason)
    if re.search(r"\bAS\s+[?$]this\b", code, re.IGNORECASE):
        raise PreBindingError("assigns $this with AS")
    special = re.search(r"[?$](shapesGraph|currentShape)\b", code)
    if special:
        raise PreBindingError(f"uses ${special.group(1)}, which styrgraf does not pre-bind")
    for number, match in enumerate(re.finditer(r"\bSELECT\b", words)):
        projection = re.split(r"\bWHERE\b|\{", code[match.end():], maxsplit=1, flags=re.IGNORECASE)[0]
        if not re.search(r"[?$]this\b|\*", projection):
            raise PreBindingError("does not project $this" if number == 0 else "has a sub-select that does not project $this")


def with_values_slot(select: str) -> str:
    """The query with ``{values}`` at the start of its WHERE group (checked first).

    Raises:
        PreBindingError: the query breaks a pre-binding rule or has no WHERE group.
    """
    check(select)
    code = blank(select)
    depth = 0
    for position, char in enumerate(code):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "{" and depth == 0:
            return select[:position + 1] + " {values} " + select[position + 1:]
    raise PreBindingError("has no WHERE group")
