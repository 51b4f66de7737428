"""Governance analyses over a networkx view of the graph (``network``): chains of
command, structure, bypasses, routes, what-if, centrality, comparison; and exports."""
from styrgraf.analysis.governance import (UP_KINDS, accountability, bypasses, centrality, chain, check_contacts,
                                          compare, cycles, route, structure, what_if)

__all__ = ["UP_KINDS", "accountability", "bypasses", "centrality", "chain", "check_contacts", "compare", "cycles",
           "route", "structure", "what_if"]
