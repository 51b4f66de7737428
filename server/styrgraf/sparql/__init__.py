"""SPARQL: running a read-only query (``engine``), result formats (``results``), the
guarded executor every request goes through (``executor``) and the saved queries."""
from styrgraf.sparql.engine import QueryFailed, QuerySyntaxError, UpdateRefused, execute, is_update
from styrgraf.sparql.results import ResultLimitExceeded

__all__ = ["QueryFailed", "QuerySyntaxError", "ResultLimitExceeded", "UpdateRefused", "execute", "is_update"]
