"""Where things live in the explorer: page URLs, anchors and short names. The only copy:
templates get these functions, and the JSON the front end reads carries their results."""
from __future__ import annotations

import re
from urllib.parse import quote

from styrgraf.vocab import ID_BASE, SG

SG_NS = str(SG)


def local(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or the last ``/``)."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def page_url(iri: str) -> str:
    """Where the explorer shows a resource."""
    if iri.startswith(ID_BASE):
        return "/id/" + quote(iri[len(ID_BASE):], safe="/")
    if iri.startswith(SG_NS):
        return "/def/" + quote(iri[len(SG_NS):], safe="")
    return "/resource?iri=" + quote(iri, safe="")


def anchor_id(assertion: str) -> str:
    """The HTML id of an assertion's highlight in its document page."""
    return "q-" + re.sub(r"[^A-Za-z0-9_-]", "-", local(assertion))


def evidence_url(evidence: dict) -> str:
    """The document page scrolled to the sentence that states a relation."""
    return page_url(evidence["document"]) + "#" + anchor_id(evidence["assertion"])
