"""Running SPARQL over the store: one function for the endpoint, the saved queries and
the CLI, with the same errors everywhere."""
from __future__ import annotations

from typing import Sequence

from rdflib.plugins.sparql.parser import parseUpdate

from styrgraf.sparql import messages
from styrgraf.errors import BadRequest, StoreFailed
from styrgraf.sparql.results import Outcome, ResultLimitExceeded, materialise
from styrgraf.store import GraphStore

__all__ = ["QueryFailed", "QuerySyntaxError", "UpdateRefused", "execute", "ResultLimitExceeded"]


class QuerySyntaxError(BadRequest):
    """The text is not a SPARQL 1.1 query; the message carries the parser's position."""


class QueryFailed(StoreFailed):
    """The store could not evaluate a well-formed query (an external store's error)."""


class UpdateRefused(BadRequest):
    """The text is a SPARQL Update; this service is read-only."""


def is_update(text: str) -> bool:
    """True when the text parses as SPARQL 1.1 Update (parsed only, never run)."""
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any parse failure means "not an update"
        return False
    return True


def execute(store: GraphStore, text: str, *, default_graphs: Sequence[str] | None = None,
            named_graphs: Sequence[str] | None = None, substitutions: dict | None = None,
            max_rows: int | None = None, base_iri: str | None = None) -> Outcome:
    """Run a read-only query and materialise its result.

    Raises:
        UpdateRefused: the text is an update (INSERT, DELETE, LOAD, CLEAR, ...).
        QuerySyntaxError: the text does not parse; the message names line and column.
        ResultLimitExceeded: more than ``max_rows`` rows.
    """
    try:
        result = store.query(text, default_graphs=default_graphs, named_graphs=named_graphs,
                             substitutions=substitutions, base_iri=base_iri)
    except SyntaxError as error:
        if is_update(text):
            raise UpdateRefused("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...) "
                                "is refused and nothing was changed",
                                sv="den här tjänsten kan bara läsas: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, …) "
                                "avvisas och ingenting ändrades") from None
        parser_says = str(error.msg if hasattr(error, "msg") else error)
        raise QuerySyntaxError(messages.explain(text, parser_says),
                               sv=messages.explain(text, parser_says, "sv")) from None
    return materialise(result, max_rows=max_rows)
