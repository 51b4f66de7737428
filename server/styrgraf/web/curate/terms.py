"""The vocabulary's terms as the curation page names them: every relation, class,
modality, document type, provision and metadata field by its label in the page's
language (``styrgraf.vocab.vocabulary()``, read once from ``ontology/styrgraf.ttl``), and
the page's own words (``texts``). The page never shows a local name."""
from __future__ import annotations

from styrgraf.vocab import vocabulary
from styrgraf.web.curate.texts import TEXTS
from styrgraf.web.i18n import term_label

DCT = "http://purl.org/dc/terms/"
# The metadata fields the form offers, each by the property it is saved as.
FIELDS = {"title": DCT + "title", "documentType": "documentType", "decidedBy": "decidedBy", "issued": DCT + "issued",
          "created": DCT + "created", "decisionReference": "decisionReference", "identifier": DCT + "identifier",
          "validFrom": "validFrom", "validUntil": "validUntil", "lastReviewed": "lastReviewed",
          "reviewInterval": "reviewInterval", "status": "status"}


def page_terms(lang: str) -> dict:
    """What the page needs to name things in ``lang``: plain {name, label} lists."""
    terms = vocabulary()
    return {
        "lang": lang,
        "predicates": [{"name": t.name, "label": t.label(lang)} for t in terms.relations],
        "classes": [{"name": t.name, "label": t.label(lang)} for t in terms.classes],
        "modalities": [{"name": t.name.lower(), "label": t.label(lang)} for t in terms.modalities],
        "documentTypes": [{"name": t.name, "label": t.label(lang)} for t in terms.document_types],
        "provisions": [{"iri": t.iri, "label": t.label(lang),
                        "text": t.comment_en if lang == "en" else t.comment_sv} for t in terms.provisions],
        "fields": [[name, term_label(iri, lang)] for name, iri in FIELDS.items()],  # in the form's order
        "words": TEXTS[lang],
    }

