"""The data behind the explorer's pages, as plain Python (no Flask): organisations,
graph elements for Cytoscape, resource descriptions and documents with their quotes.
Queries go through a ``select`` callable (the core's guarded executor) with bound terms."""
from styrgraf.explorer.document import document, document_notes
from styrgraf.explorer.elements import LEVELS, elements
from styrgraf.explorer.organisations import organisations
from styrgraf.explorer.resource import Relation, describe, resource_triples

__all__ = ["LEVELS", "Relation", "describe", "document", "document_notes", "elements",
           "organisations", "resource_triples"]
