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


@pytest.mark.parametrize("lang,shall,may,according,basis", [
    ("sv", "ska", "får", "enligt", "KL 7 kap. 1 §"),
    ("en", "shall", "may", "according to", "Local Government Act ch. 7 § 1")])
def test_resource_page_says_modality_hedges_hearsay_and_legal_basis(page, lang, shall, may, according, basis):
    page.goto(f"{page.base}/id/kungsor/kommundirektor?lang={lang}")
    page.wait_for_selector(".relation-group")
    modals = set(page.locator(".evidence .modal").all_text_contents())
    assert shall in modals
    hearsay = page.locator(".evidence .hearsay").first
    assert hearsay.text_content().strip().startswith(according)
    assert hearsay.locator("a").get_attribute("href") == "/id/kungsor/instruktion-kommundirektor"
    law = page.locator(".evidence .legal-basis", has_text=basis).first
    assert law.locator("q.law").text_content()  # the section's gist from the vocabulary
    page.goto(f"{page.base}/id/kungsor/medborgare?lang={lang}")
    assert "i första hand" in page.locator(".evidence .qualifier").all_text_contents()[0]
    assert may in set(page.locator(".evidence .modal").all_text_contents())


def test_attending_as_a_duty_is_not_called_a_right(page):
    """sg:attends reads "deltar i"; a right to attend is a får, a duty a ska (the modality)."""
    page.goto(f"{page.base}/def/attends")
    assert "närvarorätt i" not in page.text_content("#resource-label")


def test_graph_details_panel_shows_what_each_assertion_says(page):
    page.goto(f"{page.base}/org/kungsor?lang=en")
    page.wait_for_selector("#cy[data-ready=true]")
    page.evaluate("styrgrafGraph.getElementById('https://w3id.org/styrgraf/id/kungsor/kommundirektor').emit('tap'); null")
    page.wait_for_selector("#details .evidence .modal")
    details = page.locator("#details")
    assert "shall" in details.locator(".modal").all_text_contents()
    assert details.locator(".hearsay a").first.get_attribute("href").startswith("/id/kungsor/")
    assert details.locator(".legal-basis q.law").count() > 0
    quote = details.locator("a.quote").first
    assert quote.get_attribute("href").startswith("/id/kungsor/riktlinje-samspel#q-")
    assert details.locator("#node-page").get_attribute("href") == "/id/kungsor/kommundirektor"
