"""The curation app: a small Flask app of its own, for one folder of drafts, on
127.0.0.1 only, every request carrying the token printed with its URL. Never part of
``styrgraf serve``."""
from __future__ import annotations

import hmac
from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, jsonify, render_template, request

from styrgraf.ingest.curate import save as saving
from styrgraf.ingest.curate.log import STATUSES, DecisionLog, replay
from styrgraf.ingest.drafts import read_draft
from styrgraf.ingest.nodes import slug
from styrgraf.ingest.segments import blocks
from styrgraf.vocab import ID_BASE

PREDICATES = list(saving.RELATIONS)
CLASSES = ["Assembly", "ExecutiveBoard", "Committee", "CrisisCommittee", "WorkingCommittee", "AdministrativeUnit",
           "MunicipalCompany", "FederationOfMunicipalities", "Director", "Chair", "HeadOfAdministration", "Manager",
           "Employee", "ElectedRepresentative", "OppositionLeader", "CompanyCEO", "ExternalParty", "Responsibility"]
EDITABLE = ("subject", "predicate", "object", "start", "end", "quote", "modality", "condition", "scope", "legalBasis")


blueprint = Blueprint("curate", __name__)


def create_app(folder: Path, token: str) -> Flask:
    """The app for the drafts in ``folder/drafts``; ``token`` guards every request."""
    app = Flask(__name__)
    app.config.update(FOLDER=Path(folder), TOKEN=token)
    app.register_blueprint(blueprint)
    return app


def _folder() -> Path:
    return current_app.config["FOLDER"]


@blueprint.before_app_request
def guard():
    given = request.args.get("token") or request.headers.get("X-Curate-Token") or ""
    if not hmac.compare_digest(given, current_app.config["TOKEN"]):
        abort(403)

@blueprint.app_errorhandler(400)
@blueprint.app_errorhandler(403)
@blueprint.app_errorhandler(404)
def error(exc):
    return jsonify({"error": exc.description, "status": exc.code}), exc.code

@blueprint.get("/")
def home():
    keys = sorted(p.stem for p in (_folder() / "drafts").glob("*.json"))
    return render_template("curate_home.html", keys=keys, token=current_app.config["TOKEN"])

@blueprint.get("/draft/<key>")
def page(key):
    draft = load(key)
    return render_template("curate.html", key=key, token=current_app.config["TOKEN"], title=draft["document"].get("title") or key)

@blueprint.get("/api/<key>/state")
def state(key):
    return jsonify(view(key))

@blueprint.post("/api/<key>/decide")
def decide(key):
    body = request.get_json(force=True, silent=True) or {}
    draft = load(key)
    current = replay(draft, log(key).entries())
    if body.get("id") not in current["items"] or body.get("status") not in STATUSES:
        abort(400, "give a known candidate id and a status (proposed, accepted, rejected)")
    edit = checked_edit(draft, body.get("edit") or {})
    log(key).append({"op": "decide", "id": body["id"], "status": body["status"], "edit": edit})
    return jsonify(view(key))

@blueprint.post("/api/<key>/batch")
def batch(key):
    body = request.get_json(force=True, silent=True) or {}
    if body.get("status") not in STATUSES or not isinstance(body.get("ids"), list):
        abort(400, "give ids (a list) and a status")
    log(key).append({"op": "batch", "ids": body["ids"], "status": body["status"]})
    return jsonify(view(key))

@blueprint.post("/api/<key>/add")
def add(key):
    body = request.get_json(force=True, silent=True) or {}
    draft = load(key)
    item = checked_edit(draft, body)
    if not all(k in item for k in ("subject", "predicate", "object", "quote")):
        abort(400, "an assertion needs subject, predicate, object and a passage")
    count = sum(1 for e in log(key).entries() if e.get("op") == "add")
    log(key).append({"op": "add", "id": f"a{count + 1:03d}", "item": item})
    return jsonify(view(key))

@blueprint.post("/api/<key>/note")
def note(key):
    body = request.get_json(force=True, silent=True) or {}
    if not isinstance(body.get("start"), int) or not isinstance(body.get("end"), int):
        abort(400, "give the paragraph's start and end")
    op = "unnote" if body.get("remove") else "note"
    log(key).append({"op": op, "start": body["start"], "end": body["end"], "reason": body.get("reason", "")})
    return jsonify(view(key))

@blueprint.post("/api/<key>/metadata")
def metadata(key):
    fields = (request.get_json(force=True, silent=True) or {}).get("fields") or {}
    log(key).append({"op": "metadata", "fields": {k: (v or None) for k, v in fields.items()}})
    return jsonify(view(key))

@blueprint.post("/api/<key>/undo")
def undo(key):
    log(key).append({"op": "undo"})
    return jsonify(view(key))

@blueprint.post("/api/<key>/check")
def check(key):
    draft = load(key)
    return jsonify(saving.check(_folder(), draft, replay(draft, log(key).entries())))

@blueprint.post("/api/<key>/save")
def save(key):
    draft = load(key)
    return jsonify(saving.save(_folder(), draft, replay(draft, log(key).entries())))

def load(key: str) -> dict:
    path = _folder() / "drafts" / f"{key}.json"
    if slug(key) != key.lower() or not path.is_file():
        abort(404, f"no draft {key!r} in {_folder() / 'drafts'}")
    return read_draft(path)

def log(key: str) -> DecisionLog:
    return DecisionLog(_folder() / "drafts" / f"{key}.decisions.jsonl")

def view(key: str) -> dict:
    draft = load(key)
    current = replay(draft, log(key).entries())
    return {"key": key, "text": draft["text"], "document": draft["document"], "metadata": current["metadata"],
            "items": sorted(current["items"].values(), key=lambda i: (i["start"], i["id"])),
            "notes": list(current["notes"].values()), "nodes": nodes_of(draft, current),
            "blocks": [{"start": b.start, "end": b.end, "kind": b.kind} for b in blocks(draft["text"])],
            "predicates": PREDICATES, "classes": CLASSES, "decisions": current["decisions"]}



def nodes_of(draft: dict, current: dict) -> list[dict]:
    """Every node a curator can pick: the draft's and those made while curating."""
    nodes = {iri: {"iri": iri, "label": n["label"], "class": n["class"]} for iri, n in draft["nodes"].items()}
    for item in current["items"].values():
        for role in ("subject", "object"):
            nodes.setdefault(item[role]["iri"], {k: item[role][k] for k in ("iri", "label", "class")})
    return sorted(nodes.values(), key=lambda n: (n["class"], n["label"]))


def checked_edit(draft: dict, edit: dict) -> dict:
    """An edit a curator sent, checked: the quote verbatim (its span recomputed from the
    stored text), known predicate and class, new nodes named by the identifier scheme."""
    edit = {k: v for k, v in edit.items() if k in EDITABLE}
    text = draft["text"]
    if "quote" in edit or "start" in edit:
        quote = edit.get("quote")
        if quote is None:
            start, end = int(edit["start"]), int(edit["end"])
            if not 0 <= start < end <= len(text):
                abort(400, "the passage is outside the text")
            quote = text[start:end]
        quote = quote.strip()
        at = text.find(quote, max(0, int(edit.get("start", 0)) - len(quote))) if quote else -1
        at = at if at >= 0 else text.find(quote)
        if not quote or at < 0:
            abort(400, "the quote is not verbatim in the stored text")
        edit.update(quote=quote, start=at, end=at + len(quote))
    if "predicate" in edit and edit["predicate"] not in PREDICATES:
        abort(400, f"unknown predicate {edit['predicate']!r}")
    for role in ("subject", "object"):
        if role in edit:
            edit[role] = checked_node(draft, edit[role])
    if edit.get("predicate") == "hasResponsibility" and edit.get("object", {}).get("class") not in (None, "Responsibility"):
        abort(400, "hasResponsibility points at a responsibility")
    return edit


def checked_node(draft: dict, node: dict) -> dict:
    """A picked node, or a new one named in the organisation's namespace."""
    if not isinstance(node, dict) or not node.get("label") or node.get("class") not in CLASSES:
        abort(400, "a node needs a label and a known class")
    iri = node.get("iri") or f"{ID_BASE}{draft['org']}/{'ansvar-' if node['class'] == 'Responsibility' else ''}{slug(node['label'])}"
    if not iri.startswith(f"{ID_BASE}{draft['org']}/"):
        abort(400, "a node belongs to the organisation's namespace")
    return {"iri": iri, "label": node["label"], "class": node["class"], "new": iri not in draft["nodes"]}
