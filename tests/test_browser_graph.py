"""The organisation graphs in Chromium, for every layout: no two labels overlap, the
assembly is above the employees, the whole graph is in the window when it opens (one
organisation or several, wide or narrow windows), the picture takes the width until
something is chosen, the chain highlight draws nodes whole; legends in the page's
language; named boxes; relation kinds in a colour-blind-safe palette."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_support import wait_until

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("STYRGRAF_SCREENSHOTS")  # a folder: write the README's pictures there
LAYOUTS = ["elk", "fcose", "rows"]
ID = "https://w3id.org/styrgraf/id/"






def open_graph(page, path, layout="elk"):
    page.goto(page.base + path)
    page.wait_for_selector("#cy[data-ready=true]")
    if layout != "elk":
        page.select_option("#layout", layout)
        page.wait_for_selector("#cy[data-ready=true]")


OVERLAPS = """() => {
  const boxes = styrgrafGraph.nodes().filter(n => !n.data('isOrg')).map(n => [n.id(), n.boundingBox({includeLabels: true})]);
  const hits = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i][1], b = boxes[j][1];
    if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) hits.push([boxes[i][0], boxes[j][0]]);
  }
  return hits; }"""
LEVELS = """() => { const y = c => styrgrafGraph.nodes().filter(n => n.data('cls') === c).map(n => n.position('y'));
  return {assembly: Math.max(...y('Assembly')), below: Math.min(...y('Employee').concat(y('Manager'), y('HeadOfAdministration')))}; }"""
OUT_OF_VIEW = """() => { const w = styrgrafGraph.width(), h = styrgrafGraph.height();
  return styrgrafGraph.nodes().filter(n => { const b = n.renderedBoundingBox({includeLabels: false});
    return b.x1 < -1 || b.y1 < -1 || b.x2 > w + 1 || b.y2 > h + 1; }).map(n => n.id()); }"""


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", ["/org/kungsor", "/org/blekinge", "/graph?org=kommun-a&org=blekinge"])
def test_every_layout_is_readable(page, path, layout):
    open_graph(page, path, layout)
    assert page.evaluate(OVERLAPS) == []
    levels = page.evaluate(LEVELS)
    assert levels["assembly"] < levels["below"], levels
    assert page.evaluate(OUT_OF_VIEW) == []
    if SCREENSHOTS and layout == "elk" and path.startswith("/org/"):
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.locator("#cy").screenshot(path=str(Path(SCREENSHOTS) / f"graph-{path.rsplit('/', 1)[-1]}.png"))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_chain_highlight_draws_nodes_whole(page, layout):
    open_graph(page, "/org/blekinge", layout)
    director = ID + "blekinge/direktor"
    before = page.evaluate(f"styrgrafGraph.getElementById('{director}').renderedWidth()")
    page.evaluate(f"styrgrafGraph.getElementById('{director}').emit('tap'); null")
    page.click("#show-chain")
    wait_until(page, "styrgrafGraph.nodes('.chain').length >= 3")
    chain = page.evaluate("styrgrafGraph.nodes('.chain').map(n => n.id().split('/').pop()).sort()")
    assert chain == ["direktor", "landstingsdirektor", "landstingsstyrelsen"]
    widths = page.evaluate("styrgrafGraph.nodes('.chain').map(n => n.width())")
    assert min(widths) >= 20, widths
    assert page.evaluate(f"styrgrafGraph.getElementById('{director}').renderedWidth()") == pytest.approx(before)
    page.click("#clear")
    assert page.evaluate("styrgrafGraph.nodes('.chain').length") == 0


def test_legends_boxes_channels_and_the_clear_button(page):
    open_graph(page, "/graph?org=kommun-a&org=blekinge")
    assert page.text_content("#clear").strip() == "Rensa markeringar"
    assert "svarar inför" in page.text_content("#legend") and "reportsTo" not in page.text_content("#legend")
    classes = page.text_content("#class-legend")
    assert "fullmäktige" in classes and "Assembly" not in classes
    captions = page.evaluate("styrgrafGraph.nodes('[?isOrg]').map(n => n.data('label'))")
    assert captions == ["Kommun A (namn okänt)", "Region Blekinge"]  # the registry's name (skos:prefLabel) captions
    channels = page.evaluate("styrgrafGraph.edges('[kind = \"communicatesWith\"]').length")
    before = int(page.text_content("#edge-count"))
    page.uncheck("#toggle-channels")
    assert int(page.text_content("#edge-count")) == before - channels
    assert not page.is_checked("input[data-kind=communicatesWith]")
    page.check("#toggle-channels")
    assert int(page.text_content("#edge-count")) == before


def test_details_speak_the_pages_language(page):
    page.goto(page.base + "/org/kungsor?lang=en")
    page.wait_for_selector("#cy[data-ready=true]")
    page.evaluate(f"styrgrafGraph.getElementById('{ID}kungsor/kommundirektor').emit('tap'); null")
    details = page.text_content("#details")
    assert "Type: director" in details and "Director" not in details
    assert "reports to" in page.text_content("#legend")


@pytest.mark.parametrize("width", [1366, 820])
@pytest.mark.parametrize("path", ["/org/kungsor", "/graph?org=kommun-a&org=blekinge"])
def test_picture_takes_the_width_until_something_is_chosen_and_opens_fitted(page, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_graph(page, path)
    assert page.locator("#details").is_hidden()
    before = page.locator("#cy").bounding_box()["width"]
    assert before > width * (0.7 if width < 1000 else 0.75), before
    assert page.evaluate(OUT_OF_VIEW) == []
    for key in [k for k in ("kommun-a", "blekinge", "kungsor") if k in path]:  # every organisation in sight
        assert page.evaluate(f"styrgrafGraph.nodes().filter(n => n.data('org') === '{key}').length") > 0
    page.evaluate("styrgrafGraph.nodes().filter(n => !n.data('isOrg'))[0].emit('tap'); null")
    page.wait_for_selector("#details h3")
    if width >= 1000:  # the details open beside the picture, both inside the window
        cy, details = page.locator("#cy").bounding_box(), page.locator("#details").bounding_box()
        assert cy["width"] < before and cy["x"] + cy["width"] <= details["x"] and details["x"] + details["width"] <= width
    page.click("#details button.close")
    assert page.locator("#details").is_hidden()
    page.evaluate("styrgrafGraph.zoom(5); null")
    page.click("#fit")
    assert page.evaluate(OUT_OF_VIEW) == []


def test_relation_kinds_have_colour_blind_safe_colours(page):
    open_graph(page, "/org/kungsor")
    okabe_ito = {"#0072B2", "#D55E00", "#CC79A7", "#009E73", "#E69F00", "#56B4E9", "#000000", "#999999"}
    kinds = page.evaluate("[...new Set(styrgrafGraph.edges().map(e => e.data('kind')))]")
    colours = {k: page.evaluate(f"styrgrafStyle.colour('{k}')") for k in kinds}
    assert set(colours.values()) <= okabe_ito, colours
    marks = {(colours[k], page.evaluate(f"styrgrafStyle.arrow('{k}')")) for k in kinds}
    assert len(marks) == len(kinds)  # colour and arrowhead tell every kind apart
    assert page.evaluate("styrgrafGraph.edges('[kind = \"communicatesWith\"]')[0].style('line-style')") == "dashed"
