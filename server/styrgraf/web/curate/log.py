"""The curator's decisions: appended to a log file as they are made (one JSON object a
line, flushed and synced), replayed into the current state. A crash or a closed tab
loses nothing; ``undo`` is itself a logged decision that cancels the one before it.

Every decision belongs to one version of the document: it carries the hash of the stored
text it was made on (``doc``) and names a candidate by its span and triple (``key``),
never by its number. Replayed on another version (a new document, a new rendition, a
re-ingest that proposes other candidates), a decision is stale: listed, never applied.
"""
from __future__ import annotations

import contextlib
import copy
import fcntl
import hashlib
import json
import os
import time
from pathlib import Path

STATUSES = ("proposed", "accepted", "rejected")


def document_version(draft: dict) -> str:
    """The version of a draft's document: the hash of its stored text."""
    return hashlib.sha256(draft["text"].encode("utf-8")).hexdigest()[:16]


def candidate_key(candidate: dict) -> str:
    """A candidate's name across ingests of one text: its span and its triple."""
    triple = f"{candidate['subject']['iri']}|{candidate['predicate']}|{candidate['object']['iri']}"
    return f"{candidate['start']}-{candidate['end']}-{hashlib.sha256(triple.encode('utf-8')).hexdigest()[:8]}"


class DecisionLog:
    """``DIR/drafts/KEY.decisions.jsonl``: every decision on one draft key, in order."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._out = None

    @contextlib.contextmanager
    def locked(self):
        """Hold the log for one read-check-append: other threads and processes wait."""
        with open(self.path, "a+b") as out:
            fcntl.flock(out, fcntl.LOCK_EX)
            self._out = out
            try:
                yield self
            finally:
                self._out = None
                fcntl.flock(out, fcntl.LOCK_UN)

    def append(self, entry: dict) -> dict:
        """Write one decision durably before anyone is told it was made (under ``locked``).
        A last line cut short by a crash is ended first, so it cannot swallow this one."""
        if self._out is None:
            raise RuntimeError("append only while the log is locked")
        entry = {**entry, "at": time.strftime("%Y-%m-%dT%H:%M:%S")}
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
        out = self._out
        out.seek(0, os.SEEK_END)
        if out.tell() > 0:
            out.seek(-1, os.SEEK_END)
            if out.read(1) != b"\n":
                line = b"\n" + line
        out.write(line)
        out.flush()
        os.fsync(out.fileno())
        return entry

    def entries(self) -> list[dict]:
        """The decisions so far; a line cut short by a crash (or any line that is not a
        JSON object) is skipped."""
        if not self.path.is_file():
            return []
        out = []
        for line in self.path.read_bytes().decode("utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(entry, dict):
                out.append(entry)
        return out


def etag(draft: dict, entries: list[dict]) -> str:
    """What a change must have been made on: the document's version and the log's length."""
    return f"{document_version(draft)}-{len(entries)}"


def replay(draft: dict, entries: list[dict]) -> dict:
    """The state after this document version's decisions: each candidate's status and
    edits, added assertions, paragraph notes and metadata, and the stale decisions."""
    version = document_version(draft)
    keys = {candidate_key(c): c["id"] for c in draft["candidates"]}
    stale = [_stale(e, "an earlier version of the document") for e in entries if e.get("doc") != version]
    effective: list[dict] = []
    for entry in entries:
        if entry.get("doc") != version:
            continue
        if entry.get("op") == "undo":
            if effective:
                effective.pop()
        else:
            effective.append(entry)
    items = {c["id"]: {"status": "proposed", **copy.deepcopy(c), "key": k} for k, c in
             ((candidate_key(c), c) for c in draft["candidates"])}
    state = {"items": items, "notes": {}, "metadata": copy.deepcopy(draft["document"]), "decisions": len(effective),
             "stale": stale, "version": etag(draft, entries), "adds": sum(e.get("op") == "add" for e in entries
                                                                          if e.get("doc") == version)}
    for entry in effective:
        try:
            apply(state, entry, keys)
        except (KeyError, TypeError, ValueError, AttributeError):
            stale.append(_stale(entry, "an entry this version cannot read"))
    return state


def _stale(entry: dict, why: str) -> dict:
    return {"op": entry.get("op"), "id": entry.get("id"), "at": entry.get("at"), "why": why}


def _ident(items: dict, keys: dict[str, str], key) -> str | None:
    """The item a key names: a candidate by its span and triple, an addition by its id."""
    if not isinstance(key, str):
        return None
    if key.startswith("add:"):
        return key[4:] if key[4:] in items else None
    return keys.get(key)


def apply(state: dict, entry: dict, keys: dict[str, str]) -> None:
    """One decision on the state."""
    op = entry.get("op")
    items = state["items"]
    if op == "decide":
        ident = _ident(items, keys, entry.get("key"))
        if ident is None:
            state["stale"].append(_stale(entry, "a candidate this version does not propose"))
            return
        items[ident].update(entry.get("edit") or {})
        items[ident]["status"] = entry["status"]
    elif op == "batch":
        for key in entry.get("keys", []):
            ident = _ident(items, keys, key)
            if ident is not None:
                items[ident]["status"] = entry["status"]
    elif op == "add":
        items[entry["id"]] = {**entry["item"], "id": entry["id"], "status": "accepted", "rule": "curator", "score": 1.0}
    elif op == "note":
        state["notes"][str(entry["start"])] = {"start": entry["start"], "end": entry["end"], "reason": entry["reason"],
                                               "reasonEn": entry.get("reasonEn") or ""}
    elif op == "unnote":
        state["notes"].pop(str(entry["start"]), None)
    elif op == "metadata":
        state["metadata"].update(entry.get("fields") or {})
