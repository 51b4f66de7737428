"""Walk the README's ten-minute tour in Chromium and retake its pictures (tour-*.png).

    .venv/bin/styrgraf serve --port 0            # prints its URL
    .venv/bin/python docs/tour.py http://127.0.0.1:PORT docs/img

Debian's Chromium through Playwright, as the browser tests drive it (no downloaded
browser). Each step does what the README tells a visitor to do; the script fails where
the page does not answer as the README says (a selector that never appears, a wrong
number of rows), and prints any console error or script error it met. The graph pictures
(graph-kungsor.png, graph-blekinge.png) come from
``STYRGRAF_SCREENSHOTS=docs/img pytest tests/test_browser_graph.py -k elk``."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import launch, wait_until

DIRECTOR = "https://w3id.org/styrgraf/id/kungsor/kommundirektor"
ROWS = "#yasgui .tabPanel.active .yasr table.dataTable tbody tr"
TYPED = "SELECT ?d WHERE { ?d a sg:Director ; sg:inOrganisation kungsor:kommunen }"


def rows(page, count: int) -> None:
    wait_until(page, f"document.querySelectorAll('{ROWS}').length === {count}")
    page.wait_for_timeout(400)


def home_graph_quote(page, base: str, out: Path) -> None:
    """Steps 1–3: the home page and its coverage by county, Kungsör's graph, the director's details, a quote."""
    page.goto(base + "/?lang=sv")
    page.screenshot(path=out / "tour-home.png")
    page.locator("#coverage").screenshot(path=out / "tour-coverage.png")
    page.click("#coverage-chart a[data-county='19']")  # Västmanland: Kungsör's county
    page.wait_for_selector("tr[data-org=kungsor]")
    page.click("tr[data-org=kungsor] a.button")
    page.wait_for_selector("#cy[data-ready=true]")
    page.evaluate(f"styrgrafGraph.getElementById('{DIRECTOR}').emit('tap'); null")
    page.wait_for_selector("#details a.quote")
    page.screenshot(path=out / "tour-graph-details.png")
    page.locator("#details a.quote", has_text="oppositionens ledare").first.click()
    page.wait_for_selector("#document-text")
    page.wait_for_timeout(500)
    page.screenshot(path=out / "tour-quote.png")


def queries(page, out: Path) -> None:
    """Steps 4–5: a saved query with a parameter from the form; a query typed without prefixes."""
    page.click("header.top nav a[href='/query']")
    page.wait_for_selector("#yasgui[data-ready=true]")
    page.wait_for_selector(ROWS)
    page.select_option("#saved", "cq01-director-reports-to")
    form = page.locator("#saved-cq01-director-reports-to")
    form.locator("input[name=org]").fill("kommun-a:kommunen")
    form.locator("button.run-saved").click()
    rows(page, 1)
    page.screenshot(path=out / "tour-query.png")
    page.click("#yasgui .addTab")
    page.evaluate("styrgrafYasgui.getTab().getYasqe().setValue('')")
    page.click("#yasgui .tabPanel.active .CodeMirror")
    page.keyboard.type(TYPED, delay=30)
    wait_until(page, "styrgrafYasgui.getTab().getYasqe().getValue().includes('PREFIX kungsor:')")
    page.evaluate("styrgrafYasgui.getTab().getYasqe().query()")
    rows(page, 1)
    page.screenshot(path=out / "tour-prefixes.png")


def compare_and_english(page, base: str, out: Path) -> None:
    """Steps 6–7: Kungsör and Blekinge side by side; Blekinge's graph in English."""
    page.click("header.top nav a[href='/compare']")
    for box in page.locator("#compare-form input[type=checkbox]").all():
        box.set_checked(box.get_attribute("value") in ("kungsor", "blekinge"))
    page.click("#compare-run")
    page.wait_for_selector("#compare-areas")
    page.screenshot(path=out / "tour-compare.png")
    page.goto(base + "/org/blekinge")
    page.wait_for_selector("#cy[data-ready=true]")
    page.click("#lang-switch")
    page.wait_for_selector("#cy[data-ready=true]")
    page.wait_for_timeout(500)
    page.screenshot(path=out / "tour-english.png")
    page.goto(base + "/?lang=sv")  # leave the remembered language as the tour found it


def main(base: str, out: str) -> int:
    """Take the pictures; print what the console said; 1 when a script threw."""
    from playwright.sync_api import sync_playwright
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    said: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(viewport={"width": 1500, "height": 950}).new_page()
        page.on("console", lambda m: m.type == "error" and said.append(f"console: {m.text}"))
        page.on("pageerror", lambda error: said.append(f"script error: {error}"))
        home_graph_quote(page, base.rstrip("/"), folder)
        queries(page, folder)
        compare_and_english(page, base.rstrip("/"), folder)
        browser.close()
    print("\n".join(said) or f"the tour's pictures are in {folder}")
    return 1 if any(s.startswith("script error") for s in said) else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
