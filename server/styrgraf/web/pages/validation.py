"""``/validation``: the SHACL report grouped by severity and shape. While the report is
computed in the background the page says so and refreshes itself; it never waits."""
from __future__ import annotations

from flask import render_template

from styrgraf import validation
from styrgraf.web import core
from styrgraf.web.pages import blueprint


@blueprint.get("/validation")
def validation_page():
    served = core()
    report = served.report.get()
    if report is None:
        return render_template("validation.html", report=None, groups={}, severities=validation.SEVERITIES,
                               report_state=served.report.state, report_error=_why(served)), \
            (200 if served.report.state == "pending" else 503), \
            ({"Refresh": "5"} if served.report.state == "pending" else {})
    groups: dict = {}
    for finding in report.findings:
        groups.setdefault(finding.severity, {}).setdefault(finding.shape, []).append(finding)
    return render_template("validation.html", report=report, groups=groups, severities=validation.SEVERITIES,
                           report_state="ready", report_error=None)


def _why(served) -> str | None:
    if served.report.state == "unavailable":
        return ("validation runs where the data files are (styrgraf validate); "
                "this server reads an external store")
    return served.report.error
