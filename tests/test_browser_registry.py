"""Coverage and the registry in Chromium, on the shipped graph: the home page's chart has
a bar a county and leads to that county's organisations; an organisation without
documents has a page that says so and how to add one; the words follow the language.
With STYRGRAF_SCREENSHOTS=DIR the README's picture of the coverage is retaken."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from browser_support import GuardedPage
from conftest import make_app
from styrgraf.store import GraphStore

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served():
    application = make_app(GraphStore.load(), VALIDATE=False)
    import waitress
    server = waitress.create_server(application, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    application.extensions["styrgraf"].executor.close()


@pytest.fixture
def page(browser, served):
    guarded = GuardedPage(browser, served, locale="sv-SE")
    yield guarded.page
    guarded.close()


def test_the_coverage_chart_leads_to_a_county(page):
    page.goto(page.base + "/?lang=sv")
    bars = page.locator("#coverage-chart rect.bar-total")
    assert bars.count() == 21
    covered = page.locator("#coverage-chart a[data-county='19'] rect.bar-covered")
    assert covered.get_attribute("data-covered") == "1" and covered.bounding_box()["width"] > 0
    assert page.locator("#coverage-chart a[data-county='01'] rect.bar-covered").bounding_box()["width"] == 0
    shots = os.environ.get("STYRGRAF_SCREENSHOTS")
    if shots:
        page.locator("#coverage").screenshot(path=str(Path(shots) / "tour-coverage.png"))
    page.click("#coverage-chart a[data-county='19']")
    page.wait_for_url("**/?county=19")
    keys = page.evaluate("[...document.querySelectorAll('table.orgs tbody tr')].map(r => r.dataset.org)")
    assert len(keys) == 11 and "kungsor" in keys  # Västmanland's ten municipalities and its region
    assert page.locator("#filter-county").input_value() == "19"


def test_an_organisation_without_documents_says_how_to_add_one(page):
    page.goto(page.base + "/?county=19&lang=sv")
    page.click("tr[data-org=koping-1983] td a")
    page.wait_for_selector("#registry-no-documents")
    assert page.text_content("#registry-name") == "Köpings kommun"
    assert page.text_content("#registry-code") == "1983"
    assert "styrgraf ingest DOKUMENT.pdf --org 1983 --out data" in page.text_content("#registry-no-documents")
    assert page.get_attribute("#wikidata-link", "href") == "http://www.wikidata.org/entity/Q42009"
    page.click("#lang-switch")
    page.wait_for_selector("#registry-no-documents")
    assert "Official name" in page.text_content("#registry-facts")
    assert page.text_content("#registry-name") == "Köping Municipality"
    page.goto(page.base + "/?lang=sv")  # leave the remembered language as it was
