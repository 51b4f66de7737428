"""``/``: the organisations with their documents, counts and validation status."""
from __future__ import annotations

from flask import render_template, url_for

from styrgraf.store.loading import display_path
from styrgraf.web import core
from styrgraf.web.pages import blueprint


@blueprint.get("/")
def home():
    """Never waits for the report: while it is computed the page says so."""
    served = core()
    orgs = served.organisations()
    report = served.report.get()
    counts = {}
    if report is not None:
        counts = report.by_organisation({p.stem: display_path(p) for p in getattr(served.store, "data_files", [])})
    for org in orgs:
        org["validation"] = counts.get(org["key"]) if report is not None else None
    return render_template("home.html", organisations=orgs, report_state=served.report.state,
                           source=served.describe_store(), endpoint=url_for("sparql.endpoint", _external=True))
