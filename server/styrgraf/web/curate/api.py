"""The curation app's JSON API. Every change names the version of the state it was made
on (``version``, also sent as the ETag); under the log's lock the server checks that
version, checks the input, appends one decision and answers the new state. A tab that
missed a change gets 409 with the current state, so it never overwrites silently."""
from __future__ import annotations

import json

from flask import Blueprint, jsonify, request

from styrgraf.web.curate import checks
from styrgraf.web.curate import save as saving
from styrgraf.web.curate.app import folder
from styrgraf.web.curate import terms
from styrgraf.web.curate.checks import Invalid
from styrgraf.web.curate.log import DecisionLog, document_version, replay
from styrgraf.ingest.drafts import read_draft
from styrgraf.ingest.nodes import slug
from styrgraf.ingest.segments import blocks
from styrgraf.web.i18n import current_language

blueprint = Blueprint("curate_api", __name__, url_prefix="/api/<key>")
MAX_IDS = 10_000


def load(key: str) -> dict:
    """The draft ``KEY``, or 404 (before anything is written)."""
    path = folder() / "drafts" / f"{key}.json"
    if slug(key) != key or not path.is_file():
        raise Invalid(f"no draft {key[:80]!r} in {folder() / 'drafts'}", status=404)
    return read_draft(path)


def decision_log(key: str) -> DecisionLog:
    return DecisionLog(folder() / "drafts" / f"{key}.decisions.jsonl")


def body() -> dict:
    """The request's JSON object, or 400 (a body that is not JSON, or not an object)."""
    try:
        parsed = json.loads(request.get_data(cache=True) or b"null")
    except (ValueError, RecursionError):
        raise Invalid("the body is not JSON: send a JSON object") from None
    return checks.obj(parsed)


def answer(data: dict, version: str):
    response = jsonify(data)
    response.headers["ETag"] = f'"{version}"'
    return response


def view(key: str, draft: dict, current: dict) -> dict:
    """The state a page shows: text, candidates, notes, metadata, the vocabulary's terms in
    the page's language, and the version."""
    return {"key": key, "version": current["version"], "text": draft["text"], "document": draft["document"],
            "metadata": current["metadata"], "decisions": current["decisions"],
            "items": sorted(current["items"].values(), key=lambda i: (i["start"], i["id"])),
            "notes": list(current["notes"].values()), "nodes": nodes_of(draft, current),
            "blocks": [{"start": b.start, "end": b.end, "kind": b.kind} for b in blocks(draft["text"])],
            "stale": current["stale"][-50:], "staleCount": len(current["stale"]), **terms.page_terms(current_language())}


def nodes_of(draft: dict, current: dict) -> list[dict]:
    """Every node a curator can pick: the draft's and those made while curating."""
    nodes = {iri: {"iri": iri, "label": n["label"], "labelEn": n.get("labelEn") or "", "class": n["class"]}
             for iri, n in draft["nodes"].items()}
    for item in current["items"].values():
        for role in ("subject", "object"):
            nodes.setdefault(item[role]["iri"], {"labelEn": "", **{k: item[role][k] for k in ("iri", "label", "class")}})
    return sorted(nodes.values(), key=lambda n: (n["class"], n["label"]))


def change(key: str, decide):
    """Check the version, then ``decide(draft, current, body)`` -> a log entry (or None),
    appended under the lock; answer the new state."""
    given = body()
    draft = load(key)
    log = decision_log(key)
    with log.locked():
        current = replay(draft, log.entries())
        check_version(key, draft, current, given)
        entry = decide(draft, current, given)
        if entry is not None:
            log.append({**entry, "doc": document_version(draft)})
        current = replay(draft, log.entries())
    return answer(view(key, draft, current), current["version"])


def check_version(key: str, draft: dict, current: dict, given: dict) -> None:
    if not isinstance(given.get("version"), str):
        raise Invalid("version is missing: send the version (text) of the state the change was made on", "version")
    if given["version"] != current["version"]:
        raise Invalid("the draft changed since this page read it (in another tab, or a new ingest): "
                      "the page now shows the current state; make the change again if it still holds",
                      "version", status=409, state=view(key, draft, current))


@blueprint.get("/state")
def state(key):
    draft = load(key)
    current = replay(draft, decision_log(key).entries())
    return answer(view(key, draft, current), current["version"])


@blueprint.post("/decide")
def decide(key):
    def entry(draft, current, given):
        item = current["items"].get(given.get("id")) if isinstance(given.get("id"), str) else None
        if item is None:
            raise Invalid("give the id of a candidate on the page", "id")
        edit = checks.edit(draft, given.get("edit") or {}, item)
        return {"op": "decide", "id": item["id"], "key": item["key"], "status": checks.status(given.get("status")),
                "edit": edit}
    return change(key, entry)


@blueprint.post("/batch")
def batch(key):
    def entry(draft, current, given):
        ids = given.get("ids")
        if not isinstance(ids, list) or len(ids) > MAX_IDS:
            raise Invalid("ids must be a list of candidate ids", "ids")
        unknown = [i for i in ids if not isinstance(i, str) or i not in current["items"]]
        if unknown:
            raise Invalid(f"ids: no candidate {str(unknown[0])[:40]!r} on the page", "ids")
        return {"op": "batch", "ids": ids, "keys": [current["items"][i]["key"] for i in ids],
                "status": checks.status(given.get("status"))}
    return change(key, entry)


@blueprint.post("/add")
def add(key):
    def entry(draft, current, given):
        item = checks.edit(draft, given)
        for field in ("subject", "predicate", "object", "quote"):
            if field not in item:
                raise Invalid(f"an assertion needs a subject, a relation, an object and a passage ({field})", field,
                              sv="ett belägg behöver subjekt, relation, objekt och ett citat")
        ident = f"a{current['adds'] + 1:03d}"
        return {"op": "add", "id": ident, "item": {**item, "key": f"add:{ident}"}}
    return change(key, entry)


@blueprint.post("/note")
def note(key):
    def entry(draft, current, given):
        start, end = checks.span(draft, given)
        reason, reason_en = checks.note_reason(given)
        return {"op": "unnote" if given.get("remove") else "note", "start": start, "end": end, "reason": reason,
                "reasonEn": reason_en}
    return change(key, entry)


@blueprint.post("/metadata")
def metadata(key):
    def entry(draft, current, given):
        nodes = {n["iri"]: n for n in nodes_of(draft, current)}
        return {"op": "metadata", "fields": checks.metadata(given.get("fields"), nodes)}
    return change(key, entry)


@blueprint.post("/undo")
def undo(key):
    def entry(draft, current, given):
        if not current["decisions"]:
            raise Invalid("nothing to undo", sv="det finns inget att ångra")
        return {"op": "undo"}
    return change(key, entry)


@blueprint.post("/check")
def check(key):
    draft = load(key)
    return jsonify(saving.check(folder(), draft, replay(draft, decision_log(key).entries()), current_language()))


@blueprint.post("/save")
def save(key):
    given = body()
    draft = load(key)
    log = decision_log(key)
    with log.locked():
        current = replay(draft, log.entries())
        check_version(key, draft, current, given)
        return jsonify(saving.save(folder(), draft, current, current_language()))
