"""``/``: the organisations with their documents, counts and validation status, filtered
by county, kind, status and name, one page at a time (311 organisations nationally)."""
from __future__ import annotations

from flask import render_template, url_for

from styrgraf.errors import BadRequest
from styrgraf.explorer import coverage, listing
from styrgraf.store.loading import display_path
from styrgraf.web import core, params
from styrgraf.validation.findings import SEVERITIES
from styrgraf.web.i18n import current_language, finding_key
from styrgraf.web.pages import blueprint, cache

def validation_counts(served) -> dict | None:
    """Finding counts per organisation key, once per report (None while it is computed)."""
    report = served.report.get()
    if report is None:
        return None

    def count():
        files = {p.stem: display_path(p) for p in getattr(served.store, "data_files", [])}
        if files:
            return report.by_organisation(files)
        # a store loaded elsewhere: its findings name no file, so each goes by its node; an
        # organisation is validated when it has documents (the registry alone is no unit) or findings
        known = set(served.organisation_keys())
        counts = {o["key"]: {s: 0 for s in SEVERITIES} for o in served.organisations() if o["documents"]}
        for finding in report.findings:
            key = finding_key(finding)
            if key in known:
                counts.setdefault(key, {s: 0 for s in SEVERITIES})[finding.severity] += 1
        return counts

    return cache.remembered((served, report), ("validation-counts",), count)


def _choice(name: str, allowed) -> str | None:
    value = params.single(name)
    if value is not None and value not in allowed:
        raise BadRequest(f"parameter {name!r} must be one of {', '.join(allowed)}, not {value[:40]!r}")
    return value


def with_status(served) -> list[dict]:
    """The organisations (copies), each with its finding counts and status."""
    counts = validation_counts(served)
    orgs = served.organisations()
    for org in orgs:
        org["validation"] = None if counts is None else counts.get(org["key"])
        org["status"] = listing.status_of(org["validation"]) if counts is not None else "pending"
        if not org["documents"] and org["validation"] is None:
            org["status"] = "none"  # in the registry, nothing of its own to validate
    orgs.sort(key=lambda o: not o["documents"])  # those the graph holds documents for first, each by name
    return orgs


@blueprint.get("/")
def home():
    """Never waits for the report: while it is computed the page says so."""
    served = core()
    orgs = with_status(served)
    text = params.single("q")
    if text is not None and len(text) > 100:
        raise BadRequest("parameter 'q' must be at most 100 characters")
    chosen = {"county": _choice("county", [*listing.COUNTIES, listing.UNKNOWN]),
              "kind": _choice("kind", listing.KINDS), "status": _choice("status", listing.STATUSES), "q": text}
    page = listing.listing(orgs, county=chosen["county"], kind=chosen["kind"], status=chosen["status"], text=text,
                           page=params.integer("page", 1, 1, 1_000_000))
    lang = current_language()
    counties = sorted(((code, listing.county_name(code, lang), n) for code, n in page["counties"].items()
                       if code != listing.UNKNOWN), key=lambda c: c[1])
    report = served.coverage()
    return render_template("home.html", page=page, chosen={k: v for k, v in chosen.items() if v},
                           coverage=report, bars=coverage.bars(report),
                           counties=counties, unknown_county=page["counties"].get(listing.UNKNOWN, 0),
                           county_names={code: names[0 if lang == "sv" else 1] for code, names in listing.COUNTIES.items()},
                           all_count=len(orgs), report_state=served.report.state, source=served.describe_store(),
                           endpoint=url_for("sparql.endpoint", _external=True))
