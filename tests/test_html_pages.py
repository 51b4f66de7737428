"""Server-rendered pages in-process: the home page's validation status comes from the
report computed in the background at start, never on the request's path."""
from __future__ import annotations

import pyoxigraph as ox

from styrgraf.store import GraphStore
from styrgraf.web import status


def test_home_shows_each_organisations_validation_status(client):
    html = client.get("/").get_data(as_text=True)
    row = html[html.index('data-org="kungsor"'):]
    row = row[:row.index("</tr>")]
    assert "0 överträdelser" in row and 'class="status warn"' in row
    assert html.count('class="status ') == 5


def test_report_is_computed_once_in_the_background(app):
    store = app.extensions["styrgraf"].store
    first = status.report(store)
    assert first is not None and first.count("Violation") == 0
    assert status.report(store) is first


def test_a_store_without_source_files_has_an_empty_report():
    store = GraphStore(store=ox.Store())
    status.start(store)
    assert status.report(store).findings == []
