"""The explorer in a real browser: Playwright driving Debian's Chromium against the app
under waitress on 127.0.0.1. Any request that leaves 127.0.0.1 fails the test."""
from __future__ import annotations

import os
import shutil
from urllib.parse import urlparse

import pytest

from browser_support import wait_until

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = os.environ.get("STYRGRAF_SCREENSHOTS")  # a folder: write the README's pictures there




@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True, locale="sv-SE")
    foreign: list[str] = []

    def guard(route):
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or url.hostname == "127.0.0.1":
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.base = live_server
    yield page
    context.close()
    assert foreign == [], f"requests left 127.0.0.1: {foreign}"
    assert errors == [], f"JavaScript errors: {errors}"


def open_graph(page, key):
    page.goto(f"{page.base}/org/{key}")
    page.wait_for_selector("#cy[data-ready=true]")
    wait_until(page, "document.getElementById('bypass-summary').textContent.length > 0")


@pytest.mark.parametrize("path,selector", [
    ("/", "table.orgs"),
    ("/org/kungsor", "#cy[data-ready=true]"),
    ("/graph?org=kommun-a&org=blekinge", "#cy[data-ready=true]"),
    ("/id/kungsor/kommundirektor", ".relation-group"),
    ("/id/kungsor/riktlinje-samspel", "#document-text mark"),
    ("/def/Director", "#resource-label"),
    ("/resource?iri=http%3A%2F%2Frinfo.lagrummet.se%2Fpubl%2Fsfs%2F2017%3A725%23k_7-p_1", "#resource-label"),
    ("/query", "#yasgui[data-ready=true] .CodeMirror"),
    ("/help/sparql", "#endpoint-url"),
    ("/help/api", "#api-queries"),
    ("/validation", "#validation-summary"),
    ("/compare", "#compare-form"),
    ("/compare?org=kungsor&org=blekinge", "#compare-areas"),
])
def test_every_page_kind_opens(page, path, selector):
    response = page.goto(page.base + path)
    assert response.status == 200
    page.wait_for_selector(selector)


def test_home_to_graph_toggle_details_quote_document(page):
    page.goto(page.base + "/")
    page.click("tr[data-org=kungsor] a.button")
    page.wait_for_selector("#cy[data-ready=true]")
    assert page.url.endswith("/org/kungsor")
    before = int(page.text_content("#edge-count"))
    channels = page.evaluate("styrgrafGraph.edges('[kind = \"communicatesWith\"]').length")
    assert channels > 20
    page.uncheck("input[data-kind=communicatesWith]")
    assert int(page.text_content("#edge-count")) == before - channels
    page.check("input[data-kind=communicatesWith]")
    assert int(page.text_content("#edge-count")) == before
    # click the director's node on the canvas
    box = page.locator("#cy").bounding_box()
    point = page.evaluate("""() => { const n = styrgrafGraph.getElementById('https://w3id.org/styrgraf/id/kungsor/kommundirektor');
                                     styrgrafGraph.center(n); return n.renderedPosition(); }""")
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#details a.quote")
    assert "kommundirektör" in page.text_content("#details h3")
    quote = page.locator("#details a.quote").first
    quoted = quote.text_content().strip("“”")
    quote.click()
    page.wait_for_selector("#document-text")
    anchor = urlparse(page.url).fragment
    assert anchor.startswith("q-")
    marked = page.evaluate(f"document.getElementById('{anchor}').closest('mark').textContent")
    assert " ".join(quoted.split())[:40] in " ".join(marked.split()) or " ".join(marked.split()) in " ".join(quoted.split())
    assert page.locator("#document-text p.unsupported").count() > 0


def test_chain_and_what_if_on_the_picture(page):
    open_graph(page, "blekinge")
    page.evaluate("styrgrafGraph.getElementById('https://w3id.org/styrgraf/id/blekinge/direktor').emit('tap'); null")
    page.click("#show-chain")
    wait_until(page, "styrgrafGraph.nodes('.chain').length >= 3")
    chain = page.evaluate("styrgrafGraph.nodes('.chain').map(n => n.id().split('/').pop()).sort()")
    assert chain == ["direktor", "landstingsdirektor", "landstingsstyrelsen"]
    page.evaluate("styrgrafGraph.getElementById('https://w3id.org/styrgraf/id/blekinge/landstingsdirektor').emit('tap'); null")
    page.click("#what-if")
    wait_until(page, "styrgrafGraph.nodes('.cut').length > 0")
    cut = page.evaluate("styrgrafGraph.nodes('.cut').map(n => n.id().split('/').pop())")
    assert "forvaltningschef" in cut


def test_labels_do_not_overlap_and_pictures_are_saved(page, tmp_path):
    for key in ("kungsor", "blekinge"):
        open_graph(page, key)
        overlaps = page.evaluate("""() => {
            const boxes = styrgrafGraph.nodes().filter(n => !n.data('isOrg')).map(n => [n.id(), n.boundingBox({includeLabels: true})]);
            const hits = [];
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i][1], b = boxes[j][1];
              if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) hits.push([boxes[i][0], boxes[j][0]]);
            }
            return hits; }""")
        assert overlaps == [], overlaps
        levels = page.evaluate("""() => { const y = c => styrgrafGraph.nodes().filter(n => n.data('cls') === c).map(n => n.position('y'));
                                          return {top: Math.min(...y('Assembly')), bottom: Math.max(...y('Employee').concat(y('Manager')))}; }""")
        assert levels["top"] < levels["bottom"]
        with page.expect_download() as download:
            page.click("#save-png")
        png = tmp_path / f"{key}.png"
        download.value.save_as(png)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with page.expect_download() as download:
            page.click("#save-svg")
        svg = tmp_path / f"{key}.svg"
        download.value.save_as(svg)
        assert b"<svg" in svg.read_bytes()[:400]


@pytest.mark.parametrize("path,status,text", [
    ("/query?query=", 400, "empty"),
    ("/query?query=SELECT%20*%20WHERE%20%7B", 400, "a closing `}` is missing"),
    ("/query?query=SELECT%20%3Fd%20WHERE%20%7B%20%3Fd%20a%20sg%3ADirector%20%7D", 400,
     "unknown prefix `sg:` — add `PREFIX sg: <https://w3id.org/styrgraf/def#>` (at 1:35)"),
    ("/query?query=" + "x" * 100_100, 413, "limit"),
    ("/id/kungsor/nobody", 404, "knows nothing"),
    ("/org/atlantis", 404, "no organisation"),
    ("/query?saved=cq99", 404, "no saved query"),
])
def test_bad_input_gives_a_clear_page(page, path, status, text):
    # the English wording (errors come in the page's language; the Swedish ones are
    # tested in test_html_error_language.py and test_browser_language.py)
    response = page.goto(page.base + path + ("&" if "?" in path else "?") + "lang=en")
    assert response.status == status
    body = page.text_content("body").replace("`", "")  # code in a message is set as <code>, not `…`
    assert text.replace("`", "") in body and "Traceback" not in body


def test_language_switch(page):
    page.goto(page.base + "/")
    assert "Organisationer" in page.text_content("table.orgs thead")
    page.click("#lang-switch")
    page.wait_for_load_state()
    assert "Organisations" in page.text_content("table.orgs thead")
    page.goto(page.base + "/org/kungsor")  # the choice is remembered, and labels follow it
    page.wait_for_selector("#cy[data-ready=true]")
    label = page.evaluate("styrgrafGraph.getElementById('https://w3id.org/styrgraf/id/kungsor/medarbetare').data('label')")
    assert label == "employee"
