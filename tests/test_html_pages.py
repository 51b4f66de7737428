"""Server-rendered pages in-process: the home page's validation status comes from the
report computed in the background at start, never on the request's path."""
from __future__ import annotations

import pyoxigraph as ox

from styrgraf.core import Styrgraf
from styrgraf.store import GraphStore


def test_home_shows_each_organisations_validation_status(app, client):
    app.extensions["styrgraf"].report.get(wait=None)  # this test is about the finished report
    html = client.get("/").get_data(as_text=True)
    row = html[html.index('data-org="kungsor"'):]
    row = row[:row.index("</tr>")]
    assert "0 överträdelser" in row and 'class="status warn"' in row
    assert html.count('class="status ') == 5


def test_report_is_computed_once_in_the_background(app):
    served = app.extensions["styrgraf"]
    first = served.report.get(wait=None)
    assert first is not None and first.count("Violation") == 0
    assert served.report.get() is first and served.report.state == "ready"


def test_a_store_without_source_files_is_validated_from_what_it_holds():
    served = Styrgraf(GraphStore(store=ox.Store()), validate=True, warm=False)
    try:
        report = served.report.get(wait=None)
        assert served.report.state == "ready" and report.conforms and report.findings == []
    finally:
        served.close()
    off = Styrgraf(GraphStore(store=ox.Store()), validate=False, warm=False)
    try:
        assert off.report.state == "unavailable" and off.report.get(wait=None) is None
    finally:
        off.close()


def test_pages_answer_while_the_report_is_computed(app_factory, store):
    import threading
    served_app = app_factory(store)
    served = served_app.extensions["styrgraf"]
    gate = threading.Event()
    served.report._report, served.report._thread = None, threading.Thread(target=gate.wait)
    served.report._thread.start()
    try:
        client = served_app.test_client()
        home = client.get("/")
        assert home.status_code == 200 and 'class="status validating"' in home.get_data(as_text=True)
        page = client.get("/validation")
        assert page.status_code == 200 and page.headers.get("Refresh") == "5"
    finally:
        gate.set()
