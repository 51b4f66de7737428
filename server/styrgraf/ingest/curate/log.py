"""The curator's decisions: appended to a log file as they are made (one JSON object a
line, flushed and synced), replayed into the current state. A crash or a closed tab
loses nothing; ``undo`` is itself a logged decision that cancels the one before it."""
from __future__ import annotations

import copy
import json
import os
import time
from pathlib import Path

STATUSES = ("proposed", "accepted", "rejected")


class DecisionLog:
    """``DIR/drafts/KEY.decisions.jsonl``: every decision on one draft, in order."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def append(self, entry: dict) -> dict:
        """Write one decision durably before anyone is told it was made."""
        entry = {**entry, "at": time.strftime("%Y-%m-%dT%H:%M:%S")}
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True)
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(line + "\n")
            out.flush()
            os.fsync(out.fileno())
        return entry

    def entries(self) -> list[dict]:
        """The decisions so far; a last line cut short by a crash is ignored."""
        if not self.path.is_file():
            return []
        out = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return out


def replay(draft: dict, entries: list[dict]) -> dict:
    """The state after the decisions: each candidate's status and edits, added
    assertions, paragraph notes and metadata."""
    effective: list[dict] = []
    for entry in entries:
        if entry.get("op") == "undo":
            if effective:
                effective.pop()
        else:
            effective.append(entry)
    items = {c["id"]: {"status": "proposed", **copy.deepcopy(c)} for c in draft["candidates"]}
    state = {"items": items, "notes": {}, "metadata": copy.deepcopy(draft["document"]), "decisions": len(effective)}
    for entry in effective:
        apply(state, entry)
    return state


def apply(state: dict, entry: dict) -> None:
    """One decision on the state."""
    op = entry.get("op")
    items = state["items"]
    if op == "decide" and entry.get("id") in items:
        item = items[entry["id"]]
        item.update(entry.get("edit") or {})
        item["status"] = entry["status"]
    elif op == "batch":
        for ident in entry.get("ids", []):
            if ident in items:
                items[ident]["status"] = entry["status"]
    elif op == "add":
        items[entry["id"]] = {**entry["item"], "id": entry["id"], "status": "accepted", "rule": "curator", "score": 1.0}
    elif op == "note":
        state["notes"][str(entry["start"])] = {"start": entry["start"], "end": entry["end"], "reason": entry["reason"]}
    elif op == "unnote":
        state["notes"].pop(str(entry["start"]), None)
    elif op == "metadata":
        state["metadata"].update(entry.get("fields") or {})
