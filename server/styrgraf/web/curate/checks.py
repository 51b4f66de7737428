"""What a curator sends, checked when it is entered: every field of every request, against
the stored text and the vocabulary. A bad value is refused with 400 naming the field, so
the page can show the message beside it; nothing unchecked reaches the log."""
from __future__ import annotations

import datetime
import re

from styrgraf.web.curate.log import STATUSES
from styrgraf.ingest.nodes import slug
from styrgraf.vocab import ID_BASE, vocabulary

EDITABLE = ("subject", "predicate", "object", "start", "end", "quote", "modality", "condition", "scope", "legalBasis")
DATES = ("issued", "created", "validFrom", "validUntil", "lastReviewed")
TEXTS = {"title": 300, "identifier": 100, "decisionReference": 200}
METADATA = (*TEXTS, *DATES, "documentType", "reviewInterval", "status", "decidedBy")
DURATION = re.compile(r"^P(?=\d)(\d+Y)?(\d+M)?(\d+D)?$")
LONGEST = 2000  # characters of a condition, scope or reason


class Invalid(Exception):
    """A request the app refuses: a status, a message (in English, and in Swedish where a
    curator can meet it on the page), and the field it concerns."""

    def __init__(self, message: str, field: str | None = None, status: int = 400, state: dict | None = None,
                 sv: str | None = None):
        super().__init__(message)
        self.message, self.field, self.status, self.state, self.sv = message, field, status, state, sv

    def text(self, lang: str | None) -> str:
        return self.sv if lang == "sv" and self.sv else self.message


# What a Swedish message calls a field the page offers (metadata fields by their labels)
FIELD_SV = {"quote": "citatet", "condition": "villkoret", "scope": "omfattningen", "reason": "skälet",
            "reasonEn": "skälet på engelska", "subject": "subjektet", "object": "objektet", "title": "titeln",
            "identifier": "diarienumret", "decisionReference": "paragrafen", "issued": "utfärdad",
            "created": "upprättad", "validFrom": "gäller från", "validUntil": "gäller till",
            "lastReviewed": "senast aktualiserad", "reviewInterval": "aktualiseringsintervallet",
            "documentType": "dokumenttypen", "decidedBy": "beslutad av", "status": "status"}


def _sv(field: str | None) -> str:
    return FIELD_SV.get(field or "", field or "fältet")


def obj(value, field: str | None = None) -> dict:
    """A JSON object, or 400."""
    if not isinstance(value, dict):
        raise Invalid(f"{field or 'the body'} must be a JSON object", field)
    return value


def integer(value, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"{field} must be a whole number", field)
    return value


def text(value, field: str, limit: int = LONGEST, *, optional: bool = True) -> str | None:
    """A string of at most ``limit`` characters (None or "" for an empty optional field)."""
    if value is None or (optional and value == ""):
        if optional:
            return None
        raise Invalid(f"{field} is required", field, sv=f"{_sv(field)}: fältet måste fyllas i")
    if not isinstance(value, str):
        raise Invalid(f"{field} must be text", field, sv=f"{_sv(field)} ska vara text")
    if len(value) > limit:
        raise Invalid(f"{field} is longer than {limit} characters", field,
                      sv=f"{_sv(field)} är längre än {limit} tecken")
    return value


def status(value) -> str:
    if value not in STATUSES:
        raise Invalid(f"status must be one of {', '.join(STATUSES)}", "status")
    return value


def edit(draft: dict, given, current: dict | None = None) -> dict:
    """An edit a curator sent, checked: the quote verbatim (its span recomputed from the
    stored text), a relation, node classes, modality and legal basis from the vocabulary,
    new nodes named by the identifier scheme. ``current`` is the item being edited."""
    given = obj(given, "edit")
    out = {k: v for k, v in given.items() if k in EDITABLE}
    if "quote" in out or "start" in out:
        out.update(passage(draft["text"], out))
    if "predicate" in out and out["predicate"] not in vocabulary().relation_names():
        raise Invalid(f"unknown relation {str(out['predicate'])[:80]!r}: choose one of the vocabulary's "
                      f"{len(vocabulary().relations)} relations", "predicate",
                      sv=f"okänd relation: välj en av vokabulärens {len(vocabulary().relations)} relationer")
    for role in ("subject", "object"):
        if role in out:
            out[role] = node(draft, out[role], role)
    modalities = [t.name.lower() for t in vocabulary().modalities]  # sg:Obligation is sent as "obligation"
    if "modality" in out and out["modality"] not in (None, *modalities):
        raise Invalid(f"modality must be one of {', '.join(modalities)}", "modality",
                      sv="modaliteten är skyldighet, befogenhet eller förbud")
    for field in ("condition", "scope"):
        if field in out:
            out[field] = text(out[field], field)
    if "legalBasis" in out:
        out["legalBasis"] = legal_basis(out["legalBasis"], (current or {}).get("legalBasis"))
    predicate = out.get("predicate", (current or {}).get("predicate"))
    target = out.get("object", (current or {}).get("object")) or {}
    if predicate == "hasResponsibility" and target.get("class") not in (None, "Responsibility"):
        raise Invalid("hasResponsibility points at a responsibility", "object",
                      sv=f"”{vocabulary().term('hasResponsibility')}” pekar på ett ansvar, inte på ett organ eller "
                         "en befattning: välj ett ansvar eller en ny nod av slaget ansvar")
    if predicate and predicate != "hasResponsibility" and target.get("class") == "Responsibility":
        raise Invalid(f"{predicate} points at an organ or a post, not at a responsibility", "object",
                      sv=f"”{vocabulary().term(predicate)}” pekar på ett organ eller en befattning, inte på ett ansvar: "
                         "välj objektet i listan eller en ny nod av ett annat slag")
    return out


def passage(stored: str, given: dict) -> dict:
    """The quote and its span in the stored text (the quote wins over the span)."""
    start = integer(given["start"], "start") if given.get("start") is not None else None
    quote = given.get("quote")
    if quote is None:
        end = integer(given.get("end"), "end")
        if start is None or not 0 <= start < end <= len(stored):
            raise Invalid("the passage is outside the text", "quote", sv="stycket ligger utanför texten")
        quote = stored[start:end]
    quote = (text(quote, "quote", len(stored) or 1) or "").strip()
    at = stored.find(quote, max(0, (start or 0) - len(quote))) if quote else -1
    at = at if at >= 0 else stored.find(quote)
    if not quote or at < 0:
        raise Invalid("the quote is not verbatim in the stored text", "quote",
                      sv="citatet står inte ordagrant i den lagrade texten")
    return {"quote": quote, "start": at, "end": at + len(quote)}


def node(draft: dict, given, field: str) -> dict:
    """A picked node, or a new one named in the organisation's namespace."""
    given = obj(given, field)
    label = text(given.get("label"), field, 200, optional=False).strip()
    label_en = (text(given.get("labelEn"), field, 200) or "").strip()
    if not label or given.get("class") not in vocabulary().class_names():
        raise Invalid(f"{field}: a node needs a label and a known class", field,
                      sv=f"{_sv(field)}: en nod behöver en benämning och ett slag ur vokabulären")
    iri = given.get("iri")
    if iri is not None and not isinstance(iri, str):
        raise Invalid(f"{field}: the IRI must be text", field)
    prefix = f"{ID_BASE}{draft['org']}/"
    iri = iri or f"{prefix}{'ansvar-' if given['class'] == 'Responsibility' else ''}{slug(label)}"
    local = iri[len(prefix):]
    if iri not in draft["nodes"] and (not iri.startswith(prefix) or not local or slug(local, 200) != local):
        raise Invalid(f"{field}: a node belongs to the organisation's namespace ({prefix}…)", field,
                      sv=f"{_sv(field)}: en nod hör till organisationens namnrymd ({prefix}…)")
    known = draft["nodes"].get(iri, {})
    return {"iri": iri, "label": label, "labelEn": label_en or known.get("labelEn") or "", "class": given["class"],
            "new": iri not in draft["nodes"]}


def legal_basis(value, proposed: str | None) -> str | None:
    """A provision of Kommunallagen the vocabulary describes (or the one ingest proposed)."""
    if value in (None, ""):
        return None
    if value == proposed or value in vocabulary().provision_iris():
        return value
    raise Invalid("legal basis: choose a provision of Kommunallagen (SFS 2017:725) from the list", "legalBasis",
                  sv="rättslig grund: välj en paragraf i kommunallagen (SFS 2017:725) ur listan")


def metadata(given, nodes: dict | None = None) -> dict:
    """The document's metadata fields, each checked; "" clears a field. The deciding body
    (``decidedBy``) is the IRI of one of ``nodes`` (IRI -> node), kept with its label."""
    fields = obj(given, "fields")
    out = {}
    for name, value in fields.items():
        if name not in METADATA:
            raise Invalid(f"unknown metadata field {str(name)[:60]!r}", str(name)[:60])
        if name == "decidedBy":
            out[name] = decider(value, nodes or {})
            continue
        value = text(value, name, TEXTS.get(name, 100))
        if value is not None:
            value = value.strip() or None
        if value is not None:
            check_metadata_value(name, value)
        out[name] = value
    return out


def decider(value, nodes: dict) -> dict | None:
    """The body that decided the document: one of the organisation's nodes, or none."""
    value = text(value, "decidedBy", 4096)
    if value is None:
        return None
    if value not in nodes or nodes[value].get("class") == "Responsibility":
        raise Invalid("decidedBy: choose the deciding body among the organisation's organs and posts", "decidedBy",
                      sv="beslutad av: välj det beslutande organet bland organisationens organ och befattningar")
    return {"iri": value, "label": nodes[value]["label"]}


def note_reason(given: dict) -> tuple[str, str]:
    """A paragraph note's reason in Swedish and English (both optional; the defaults are
    "inget styrfaktum" and "no governance fact")."""
    reason = text(given.get("reason"), "reason") or ""
    reason_en = text(given.get("reasonEn"), "reasonEn") or ""
    return reason.strip(), reason_en.strip()


def check_metadata_value(name: str, value: str) -> None:
    if name in DATES:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise Invalid(f"{name}: give a date as YYYY-MM-DD", name, sv=f"{_sv(name)}: ange ett datum som ÅÅÅÅ-MM-DD") \
                from None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise Invalid(f"{name}: give a date as YYYY-MM-DD", name, sv=f"{_sv(name)}: ange ett datum som ÅÅÅÅ-MM-DD")
    elif name == "documentType" and value not in vocabulary().document_type_names():
        raise Invalid("document type: choose one of the vocabulary's document types", name,
                      sv="dokumenttyp: välj en av vokabulärens dokumenttyper")
    elif name == "reviewInterval" and not DURATION.match(value):
        raise Invalid("reviewInterval: give a duration such as P1Y, P2Y or P6M", name,
                      sv="aktualiseringsintervall: ange en tidslängd som P1Y (1 år), P2Y eller P6M (6 månader)")
    elif name == "status" and value not in ("proposal", "decided"):
        raise Invalid("status: proposal or decided", name, sv="status: förslag eller beslutad")


def span(draft: dict, given: dict) -> tuple[int, int]:
    """A paragraph's start and end in the stored text."""
    start, end = integer(given.get("start"), "start"), integer(given.get("end"), "end")
    if not 0 <= start < end <= len(draft["text"]):
        raise Invalid("the paragraph is outside the text", "start", sv="stycket ligger utanför texten")
    return start, end
