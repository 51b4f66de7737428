"""Request parameters read and checked at the edge: a bad value is a 400 that names the
parameter, before anything reaches the core."""
from __future__ import annotations

import pyoxigraph as ox
from flask import request

from styrgraf import lookup
from styrgraf.errors import BadRequest
from styrgraf.vocab import parse_iri


def single(name: str, *, required: bool = False, default: str | None = None) -> str | None:
    """One value of a query-string parameter (given twice is an error)."""
    values = request.args.getlist(name)
    if len(values) > 1:
        raise BadRequest(f"parameter {name!r} is given {len(values)} times; give it once",
                         sv=f"parametern {name!r} anges {len(values)} gånger; ange den en gång")
    if not values or values[0] == "":
        if required:
            raise BadRequest(f"parameter {name!r} is required", sv=f"parametern {name!r} måste anges")
        return default
    return values[0]


def integer(name: str, default: int, low: int, high: int) -> int:
    """An integer in [low, high]; digits only (no '²', no 5,000-digit numbers)."""
    text = single(name)
    if text is None:
        return default
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or not low <= int(text) <= high:
        raise BadRequest(f"parameter {name!r} must be a whole number from {low} to {high}, not {text[:40]!r}",
                         sv=f"parametern {name!r} måste vara ett heltal från {low} till {high}, inte {text[:40]!r}")
    return int(text)


def iri(value: str, name: str) -> ox.NamedNode:
    """An IRI parameter as a bound term (malformed → 400 naming the parameter)."""
    return parse_iri(value, f"parameter {name!r}", f"parametern {name!r}")


def graph_iris(values: list[str], name: str) -> list[str]:
    """Dataset IRIs (default-graph-uri, named-graph-uri), each checked."""
    return [iri(value, name).value for value in values]


def organisations(core, names: list[str], *, at_least: int = 0) -> list[str]:
    """Organisation keys (``kungsor``) or IRIs, each known; unknown → 404 with the known ones."""
    known = core.organisation_keys()
    keys = lookup.organisations(names, core.organisations())
    if len(keys) < at_least:
        example = "&org=".join(known[:max(1, at_least)])
        raise BadRequest(f"choose at least {at_least} organisation{'s' if at_least > 1 else ''} with ?org=KEY "
                         f"(e.g. ?org={example})",
                         sv=f"välj minst {at_least} organisation{'er' if at_least > 1 else ''} med ?org=NYCKEL "
                         f"(t.ex. ?org={example})")
    return keys
