"""``styrgraf validate --changed``: findings kept per organisation file, keyed by the
hash of its content (the Turtle and the source texts it cites) and of the shapes, the
ontology and styrgraf's version. An unchanged file is not validated again."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from styrgraf import __version__, resources


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


class ValidationCache:
    """A JSON file of per-organisation findings; written atomically."""

    def __init__(self, path: Path | str = Path(".styrgraf-cache") / "validation.json"):
        self.path = Path(path)
        self.rules = _digest(resources.shapes_file().read_bytes(), resources.ontology_file().read_bytes(),
                             __version__.encode())
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        self.entries: dict = stored.get("entries", {}) if stored.get("rules") == self.rules else {}
        self.hits = 0

    @staticmethod
    def _sources(path: Path, names) -> dict[str, str] | None:
        hashes = {}
        for name in names:
            source = path.parent / "sources" / name
            if not source.is_file():
                return None
            hashes[name] = _digest(source.read_bytes())
        return hashes

    def lookup(self, path: Path, as_of: dt.date, old_after: str):
        """The cached (findings, facts, index) of an unchanged file, without parsing it."""
        entry = self.entries.get(str(Path(path).resolve()))
        if not entry or entry["as_of"] != as_of.isoformat() or entry["old_after"] != old_after:
            return None
        if entry["file"] != _digest(Path(path).read_bytes()) or self._sources(Path(path), entry["sources"]) != entry["sources"]:
            return None
        self.hits += 1
        facts = list(ox.parse(input="\n".join(f"{line} ." for line in entry["facts"]).encode("utf-8"),
                              format=ox.RdfFormat.N_TRIPLES)) if entry["facts"] else []
        return entry["raw"], facts, entry["index"]

    def put(self, path: Path, source_names: list[str], as_of: dt.date, old_after: str, raw: list, facts: list,
            index: dict) -> None:
        self.entries[str(Path(path).resolve())] = {
            "file": _digest(Path(path).read_bytes()), "sources": self._sources(Path(path), source_names) or {},
            "as_of": as_of.isoformat(), "old_after": old_after, "raw": raw, "facts": [str(t) for t in facts],
            "index": index}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".validation-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"rules": self.rules, "entries": self.entries}, out)
        os.replace(temporary, self.path)
