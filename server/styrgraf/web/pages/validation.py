"""``/validation``: the SHACL report per organisation, by severity and shape. While the
report is computed in the background the page says so and refreshes itself; it never
waits. Findings are grouped here once (the template loops over groups, not over
organisations × findings: 311 organisations nationally)."""
from __future__ import annotations

from flask import render_template, request

from styrgraf import validation
from styrgraf.web import core
from styrgraf.web.i18n import current_language, finding_key, texts
from styrgraf.web.pages import blueprint, cache


def sections(findings: list) -> list[dict]:
    """Findings by severity (in ``SEVERITIES`` order), then by shape (sorted), each
    group's findings in report order; with the count per severity."""
    by_severity: dict[str, dict[str, list]] = {}
    for finding in findings:
        by_severity.setdefault(finding.severity, {}).setdefault(finding.shape, []).append(finding)
    return [{"severity": severity, "count": sum(map(len, by_severity[severity].values())),
             "shapes": sorted(by_severity[severity].items())}
            for severity in validation.SEVERITIES if severity in by_severity]


def by_organisation(report, orgs: list[dict], lang: str) -> tuple[list[dict], list[dict]]:
    """One section per organisation (by name in the page's language) and the findings
    that belong to none."""
    own: dict[str, list] = {o["key"]: [] for o in orgs}
    others = []
    for finding in report.findings:
        key = finding_key(finding)
        (own[key] if key in own else others).append(finding)
    name = {o["key"]: (o["label_en"] if lang == "en" and o["label_en"] else o["label"]) for o in orgs}
    organisations = [{"key": key, "name": name[key], "groups": sections(own[key]),
                      "counts": {s: sum(f.severity == s for f in own[key]) for s in validation.SEVERITIES}}
                     for key in sorted(own, key=lambda k: name[k].casefold())]
    return organisations, sections(others)


@blueprint.get("/validation")
def validation_page():
    served = core()
    report = served.report.get()
    if report is None:
        return render_template("validation.html", report=None, organisations=[], others=[],
                               report_state=served.report.state, report_error=_why(served)), \
            (200 if served.report.state == "pending" else 503), \
            ({"Refresh": "5"} if served.report.state == "pending" else {})
    lang = current_language()

    def render():
        organisations, others = by_organisation(report, served.organisations(), lang)
        return render_template("validation.html", report=report, organisations=organisations, others=others,
                               report_state="ready", report_error=None,
                               focus_labels=english_labels(served, report.findings) if lang == "en" else {})
    # The same report gives the same page (311 organisations' sections): rendered once
    return cache.remembered((served, report), ("validation", lang, request.full_path), render)


ENGLISH = """SELECT ?x ?l WHERE { VALUES ?x { %s } ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l
    FILTER (LANG(?l) = "en") }"""


def english_labels(served, findings) -> dict[str, str]:
    """The English labels of the findings' focus nodes (one query, a thousand at a time;
    the report carries the Swedish ones)."""
    import pyoxigraph as ox
    iris = sorted({f.focus for f in findings if f.focus.startswith(("http://", "https://"))})
    labels: dict[str, str] = {}
    for start in range(0, len(iris), 1000):
        terms = []
        for iri in iris[start:start + 1000]:
            try:
                terms.append(str(ox.NamedNode(iri)))
            except ValueError:
                continue
        if terms:
            labels.update((row["x"].value, row["l"].value) for row in served.select(ENGLISH % " ".join(terms)).rows)
    return labels


def _why(served) -> str | None:
    t = texts()
    if served.report.state == "unavailable":
        return t["validation_off"]
    return f"{t['validation_failed']}: {served.report.error}" if served.report.error else None
