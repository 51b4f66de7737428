"""Document and resource pages in Chromium: every quote a visitor can follow lands on an
orange passage, and assertions say their modality, hedges, hearsay and legal basis."""
from __future__ import annotations

import pytest

from styrgraf.links import anchor_id, page_url

pytestmark = pytest.mark.browser

DOCUMENTS = """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX sg: <https://w3id.org/styrgraf/def#>
SELECT ?d (GROUP_CONCAT(STR(?a); separator=" ") AS ?as) WHERE {
  ?a a sg:Assertion ; prov:wasDerivedFrom ?d } GROUP BY ?d ORDER BY ?d"""
ORANGE = "rgb(255, 207, 64)"


def test_every_quote_anchor_lands_on_an_orange_passage(page, store):
    rows = [(s["d"].value, s["as"].value) for s in store.query(DOCUMENTS)]
    checked, missed = 0, []
    for document, assertions in rows:
        page.goto(page.base + page_url(document))
        page.wait_for_selector("#document-text")
        for assertion in assertions.split():
            anchor = anchor_id(assertion)
            colour = page.evaluate("""id => { location.hash = id; const target = document.querySelector(':target');
                // the passage the anchor names: the mark holding it, or else the first mark after it
                const mark = target && [...document.querySelectorAll('#document-text mark')].find(m => m.contains(target)
                    || (target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING));
                return mark ? getComputedStyle(mark).backgroundColor : null; }""", anchor)
            checked += 1
            if colour != ORANGE:
                missed.append((document.rsplit("/", 1)[-1], anchor, colour))
    assert checked > 300
    assert missed == [], f"{len(missed)} of {checked} anchors do not land on an orange passage: {missed[:5]}"
