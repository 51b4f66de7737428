"""An assertion as the explorer shows it beside its quote, in the page's language: what
the clause says in words (ska / får / får inte), the hedges and alternatives the source
itself states, whom it reports ("enligt …", hearsay), and its legal basis with the gist
of the Kommunallagen section (from the vocabulary). The graph's details panel and the
resource pages both show this one shape."""
from __future__ import annotations

from styrgraf.links import evidence_url, page_url
from styrgraf.vocab import vocabulary

# The modal verb a Swedish clause uses for each modality, and its English counterpart.
MODAL_WORDS = {"sv": {"Obligation": "ska", "Permission": "får", "Prohibition": "får inte"},
               "en": {"Obligation": "shall", "Permission": "may", "Prohibition": "may not"}}


def _provision(iri: str, labels: dict, lang: str) -> dict:
    known = next((t for t in vocabulary().provisions if t.iri == iri), None)
    label = (known.label(lang) if known else None) or labels.get(lang) or labels.get("sv") or iri
    text = (known.comment_en if lang == "en" else known.comment_sv) if known else ""
    return {"iri": iri, "label": label, "text": text, "url": page_url(iri)}


def shown(item: dict, lang: str = "sv") -> dict:
    """One evidence item (``analysis.evidence``) with what a page prints of it."""
    modality = item.get("modality") or "Obligation"
    return {**item, "url": evidence_url(item),
            "modal": MODAL_WORDS.get(lang, MODAL_WORDS["sv"]).get(modality, ""),
            "modality_label": vocabulary().term(modality, lang),
            "modality_name": modality,
            "qualifiers": item.get("qualifiers") or [], "alternatives": item.get("alternatives") or [],
            "hearsay": [{"iri": h["iri"], "url": page_url(h["iri"]),
                         "label": h.get(lang) or h.get("sv") or h["iri"].rsplit("/", 1)[-1]}
                        for h in item.get("hearsay") or []],
            "legal_basis": [_provision(p["iri"], p, lang) for p in item.get("legal_basis") or []]}
