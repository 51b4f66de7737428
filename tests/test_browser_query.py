"""The query page in Chromium: YASGUI opens on an answered example, a saved query runs
with a parameter typed into the form and gives the right rows, the permalink keeps the
saved query and its parameters, and a query written without PREFIX lines gets them."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from browser_support import wait_until

pytestmark = pytest.mark.browser
ROWS = "#yasgui .tabPanel.active .yasr table.dataTable tbody tr"






def rows(page) -> int:
    page.wait_for_selector(ROWS)
    return page.locator(ROWS).count()


def test_opens_on_an_answered_example(page):
    page.goto(page.base + "/query")
    page.wait_for_selector("#yasgui[data-ready=true]")
    assert "sg:Director" in page.evaluate("styrgrafYasgui.getTab().getYasqe().getValue()")
    text = page.evaluate("styrgrafYasgui.getTab().getYasqe().getValue()")
    answer = page.request.post(page.base + "/query/run", form={"query": text, "format": "json"}).json()
    assert rows(page) == len(answer["results"]["bindings"]) >= 3


def test_saved_query_with_a_parameter_from_the_form(page):
    page.goto(page.base + "/query")
    page.wait_for_selector("#yasgui[data-ready=true]")
    page.select_option("#saved", "cq01-director-reports-to")
    form = page.locator("#saved-cq01-director-reports-to")
    assert "direktören svarar inför" in form.text_content()
    form.locator("button.run-saved").click()
    every = rows(page)
    assert every >= 3
    form.locator("input[name=org]").fill("kommun-a:kommunen")
    with page.expect_response(lambda r: "/query/run" in r.url):
        form.locator("button.run-saved").click()
    wait_until(page, f"document.querySelectorAll('{ROWS}').length === 1")
    assert "kommun-a" in page.text_content(ROWS)
    link = page.get_attribute("#permalink", "href")
    args = parse_qs(urlparse(link).query)
    assert args["saved"] == ["cq01-director-reports-to"] and args["org"] == ["kommun-a:kommunen"]
    assert "query" not in args  # the saved text, unchanged: the link names it
    csv = page.request.get(page.base + page.get_attribute("#download-csv", "href")).text()
    assert csv.startswith("org,") and csv.count("\n") == 2
    page.goto(page.base + link)
    page.wait_for_selector("#yasgui[data-ready=true]")
    assert rows(page) == 1
    assert page.input_value("#saved-cq01-director-reports-to input[name=org]") == "kommun-a:kommunen"


def test_prefixes_are_added_as_they_are_used(page):
    page.goto(page.base + "/query")
    page.wait_for_selector("#yasgui[data-ready=true]")
    page.select_option("#saved", "cq01-director-reports-to")
    page.click("#yasgui .addTab")
    # the new tab is no saved query: the saved query's form beside it goes away
    wait_until(page, "document.getElementById('saved-cq01-director-reports-to').hidden")
    page.evaluate("styrgrafYasgui.getTab().getYasqe().setValue('')")
    page.click("#yasgui .tabPanel.active .CodeMirror")
    # typed as a person types: the completers run (none may ask another host: the page's
    # guard fails the test on any request that leaves 127.0.0.1)
    page.keyboard.type("SELECT ?d WHERE { ?d a sg:Director ; sg:inOrganisation kungsor:kommunen }", delay=20)
    wait_until(page, "styrgrafYasgui.getTab().getYasqe().getValue().includes('PREFIX kungsor:')")
    page.wait_for_timeout(400)
    text = page.evaluate("styrgrafYasgui.getTab().getYasqe().getValue()")
    assert text.count("PREFIX sg:") == 1 and text.count("PREFIX kungsor:") == 1, text
    assert "PREFIX sg: <https://w3id.org/styrgraf/def#>" in text
    assert "PREFIX kungsor: <https://w3id.org/styrgraf/id/kungsor/>" in text
    page.evaluate("styrgrafYasgui.getTab().getYasqe().query()")
    wait_until(page, f"document.querySelectorAll('{ROWS}').length === 1")
    assert "kommundirektor" in page.text_content(ROWS)
