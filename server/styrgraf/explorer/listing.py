"""The home page's list of organisations at national scale: filtered by county, kind,
validation status and name, one page at a time, with the counts each filter would give.
Plain functions over the core's organisations (computed once per store); nothing here
queries the store."""
from __future__ import annotations

import math

PAGE_SIZE = 50
GRAPH_LIMIT = 60  # organisations drawn in one graph from the list (a large county: 49)
STATUSES = ("violations", "warnings", "ok", "pending", "none")  # none: a registry organisation without documents
KINDS = ("Municipality", "Region")

# Statistics Sweden's county codes (länskoder) and names.
COUNTIES = {
    "01": ("Stockholms län", "Stockholm County"), "03": ("Uppsala län", "Uppsala County"),
    "04": ("Södermanlands län", "Södermanland County"), "05": ("Östergötlands län", "Östergötland County"),
    "06": ("Jönköpings län", "Jönköping County"), "07": ("Kronobergs län", "Kronoberg County"),
    "08": ("Kalmar län", "Kalmar County"), "09": ("Gotlands län", "Gotland County"),
    "10": ("Blekinge län", "Blekinge County"), "12": ("Skåne län", "Skåne County"),
    "13": ("Hallands län", "Halland County"), "14": ("Västra Götalands län", "Västra Götaland County"),
    "17": ("Värmlands län", "Värmland County"), "18": ("Örebro län", "Örebro County"),
    "19": ("Västmanlands län", "Västmanland County"), "20": ("Dalarnas län", "Dalarna County"),
    "21": ("Gävleborgs län", "Gävleborg County"), "22": ("Västernorrlands län", "Västernorrland County"),
    "23": ("Jämtlands län", "Jämtland County"), "24": ("Västerbottens län", "Västerbotten County"),
    "25": ("Norrbottens län", "Norrbotten County"),
}
UNKNOWN = "unknown"  # the county filter's value for organisations without a code


def county_name(code: str | None, lang: str = "sv") -> str | None:
    """``Västmanlands län`` for ``19``; None for an unknown code."""
    names = COUNTIES.get(code or "")
    return None if names is None else names[0 if lang == "sv" else 1]


def status_of(counts: dict | None) -> str:
    """``violations``, ``warnings`` or ``ok`` by an organisation's finding counts
    (notes do not count against it); ``pending`` while there is no report."""
    if counts is None:
        return "pending"
    if counts.get("Violation"):
        return "violations"
    return "warnings" if counts.get("Warning") else "ok"


def _matches(org: dict, county, kind, status, text) -> bool:
    return ((county is None or (org.get("county") or UNKNOWN) == county)
            and (kind is None or org["kind"] == kind)
            and (status is None or org["status"] == status)
            and (not text or text in org["label"].casefold() or text in (org.get("label_en") or "").casefold()))


def listing(orgs: list[dict], *, county: str | None = None, kind: str | None = None, status: str | None = None,
            text: str | None = None, page: int = 1, size: int | None = None) -> dict:
    """One page of the organisations that pass every filter, and the facets.

    Args:
        orgs: the core's organisations, each with ``status`` (``status_of``) set.
        county: a county code or ``UNKNOWN``; kind: ``Municipality`` or ``Region``;
            status: one of ``STATUSES``; text: part of the name (any case).
        page: 1-based; a page past the end gives the last page. size: per page
            (default ``PAGE_SIZE``).

    Returns:
        ``items`` (this page), ``total`` (all that pass), ``page``, ``pages``, and
        ``counties``/``kinds``/``statuses``: value -> how many pass the other filters.
    """
    text = text.casefold().strip() if text else None
    size = size or PAGE_SIZE
    chosen = [o for o in orgs if _matches(o, county, kind, status, text)]
    pages = max(1, math.ceil(len(chosen) / size))
    page = min(max(page, 1), pages)
    facets = {"counties": {}, "kinds": {}, "statuses": {}}
    for org in orgs:
        if _matches(org, None, kind, status, text):
            key = org.get("county") or UNKNOWN
            facets["counties"][key] = facets["counties"].get(key, 0) + 1
        if _matches(org, county, None, status, text):
            facets["kinds"][org["kind"]] = facets["kinds"].get(org["kind"], 0) + 1
        if _matches(org, county, kind, None, text):
            facets["statuses"][org["status"]] = facets["statuses"].get(org["status"], 0) + 1
    return {"items": chosen[(page - 1) * size:page * size], "total": len(chosen), "page": page, "pages": pages,
            "all_keys": [o["key"] for o in chosen] if len(chosen) <= GRAPH_LIMIT else None, **facets}
