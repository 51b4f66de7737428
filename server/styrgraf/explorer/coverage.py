"""Coverage at a glance, per county: how many of its municipalities and region the graph
holds documents for, how many documents of which kinds, and how many are due for review.

Plain data from the core's organisations, one query for the documents' kinds and one
run of the saved query ``cq12-document-review-status`` (the same statuses every surface
shows); the home page draws it, ``/api/coverage`` serves it as JSON. Nothing here knows
the web.
"""
from __future__ import annotations

import datetime as dt

from styrgraf.explorer import listing
from styrgraf.vocab import SG

SG_NS = str(SG)
KINDS_OF_DOCUMENTS = f"""PREFIX sg: <{SG_NS}>
SELECT ?doc ?type ?synthetic WHERE {{ ?doc a sg:GoverningDocument .
  OPTIONAL {{ ?doc sg:documentType ?type }} OPTIONAL {{ ?doc sg:synthetic ?synthetic }} }}"""
REVIEW_QUERY = "cq12-document-review-status"
DUE = ("overdue", "expired", "old")  # cq12's statuses that call for a review now
UNKNOWN = listing.UNKNOWN


def document_facts(select) -> tuple[dict[str, str], int]:
    """Each document's kind (``Instruction``, … or ``unknown``) and how many are synthetic."""
    kinds, synthetic = {}, 0
    for row in select(KINDS_OF_DOCUMENTS).rows:
        kinds[row["doc"].value] = row["type"].value.rsplit("#", 1)[-1] if "type" in row else "unknown"
        synthetic += "synthetic" in row and row["synthetic"].value in ("true", "1")
    return kinds, synthetic


def review_statuses(run_saved, as_of: dt.date) -> dict[str, str]:
    """Each document's cq12 status as of ``as_of``.

    Args:
        run_saved: ``(name, {param: value}) -> Outcome``: runs a saved query.
    """
    outcome = run_saved(REVIEW_QUERY, {"asOf": as_of.isoformat()})
    return {row["document"].value: row["status"].value for row in outcome.rows if "status" in row}


def _empty(code: str, names: tuple[str, str] | None) -> dict:
    return {"code": code, "name": names[0] if names else None, "name_en": names[1] if names else None,
            "municipalities": 0, "regions": 0, "organisations": 0, "with_documents": 0, "documents": 0,
            "by_kind": {}, "due": 0, "members": []}


def coverage(orgs: list[dict], kinds: dict[str, str], statuses: dict[str, str], *,
             as_of: dt.date, synthetic: int = 0) -> dict:
    """Per county (SCB's order; organisations without a code under ``unknown``): counts of
    organisations, of those with documents, of documents by kind and of documents due.

    Args:
        orgs: the core's organisations (``Styrgraf.organisations()``).
        kinds: document IRI -> kind (``document_facts``); statuses: IRI -> cq12 status.

    Returns:
        ``counties`` (list), ``unknown`` (or None), ``totals``, ``kinds`` (every kind
        seen, sorted), ``as_of``, ``synthetic`` (documents marked sg:synthetic).
    """
    counties = {code: _empty(code, names) for code, names in listing.COUNTIES.items()}
    unknown = _empty(UNKNOWN, None)
    totals = _empty("all", None)
    for org in orgs:
        row = counties.get(org.get("county") or "", unknown)
        documents = [d["iri"] for d in org["documents"]]
        due = sum(statuses.get(d) in DUE for d in documents)
        for target in (row, totals):
            target["organisations"] += 1
            target["municipalities" if org["kind"] == "Municipality" else "regions"] += 1
            target["with_documents"] += bool(documents)
            target["documents"] += len(documents)
            target["due"] += due
            for document in documents:
                kind = kinds.get(document, "unknown")
                target["by_kind"][kind] = target["by_kind"].get(kind, 0) + 1
        row["members"].append({"key": org["key"], "iri": org["iri"], "label": org["label"],
                               "label_en": org.get("label_en"), "code": org.get("code"),
                               "documents": len(documents), "due": due})
    seen = sorted({k for c in [*counties.values(), unknown] for k in c["by_kind"]})
    return {"counties": list(counties.values()), "unknown": unknown if unknown["organisations"] else None,
            "totals": totals, "kinds": seen, "as_of": as_of.isoformat(), "synthetic": synthetic}


def compute(served, as_of: dt.date | None = None) -> dict:
    """``coverage`` for a served graph (``core.Styrgraf``), as of ``as_of`` (today)."""
    as_of = as_of or dt.date.today()
    saved = served.queries[REVIEW_QUERY]

    def run_saved(name, values):
        return served.select(saved.text, served.bind(saved, values))

    kinds, synthetic = document_facts(served.select)
    return coverage(served.organisations(), kinds, review_statuses(run_saved, as_of), as_of=as_of,
                    synthetic=synthetic)


def bars(report: dict, width: int = 320) -> list[dict]:
    """The bar chart's geometry, one bar a county: the share of its organisations with
    documents (filled) of all (outline), and the documents due (a mark), in pixels."""
    largest = max((c["organisations"] for c in report["counties"]), default=1) or 1
    drawn = []
    for n, county in enumerate(report["counties"]):
        drawn.append({**{k: county[k] for k in ("code", "name", "name_en", "organisations", "with_documents",
                                                "documents", "due")},
                      "y": 4 + n * 22, "total_width": round(width * county["organisations"] / largest, 1),
                      "covered_width": round(width * county["with_documents"] / largest, 1)})
    return drawn
