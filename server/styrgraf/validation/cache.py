"""``styrgraf validate --changed``: what the last run learnt, kept in a JSON file.

For each file: the hash of its content and of the source texts it cites, and what
grouping needs of it (``units.FileFacts``), so that an unchanged file is not even
parsed. For each unit: the hashes of its files, the date and settings it was validated
with, and its findings. Everything is keyed by the hash of the shapes, the ontology and
styrgraf's version: new rules, new cache.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

from styrgraf import __version__, resources
from styrgraf.validation.findings import Finding
from styrgraf.validation.units import FileFacts


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def _key(path: Path | str) -> str:
    return str(Path(path).resolve())


class ValidationCache:
    """Per-file facts and per-unit findings of earlier runs; written atomically."""

    def __init__(self, path: Path | str = Path(".styrgraf-cache") / "validation.json"):
        self.path = Path(path)
        self.rules = _digest(resources.shapes_file().read_bytes(), resources.ontology_file().read_bytes(),
                             __version__.encode())
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        fresh = stored.get("rules") == self.rules
        self.files: dict = stored.get("files", {}) if fresh else {}
        self.units: dict = stored.get("units", {}) if fresh else {}
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

    def unchanged(self, path: Path | str) -> FileFacts | None:
        """The facts of a file whose content and sources are as they were, else None."""
        entry = self.files.get(_key(path))
        if not entry:
            return None
        path = Path(path)
        if entry["digest"] != _digest(path.read_bytes()) or self._sources(path, entry["sources"]) != entry["sources"]:
            return None
        self.hits += 1
        return FileFacts.from_dict(str(path), entry["facts"])

    def put_file(self, facts: FileFacts) -> None:
        """Remember a file just validated (its content and sources as they are now)."""
        path = Path(facts.path)
        self.files[_key(path)] = {"digest": _digest(path.read_bytes()),
                                  "sources": self._sources(path, facts.sources) or {}, "facts": facts.as_dict()}

    def _unit_entry(self, paths: list[str], as_of: dt.date, old_after: str, nodes: bool) -> tuple[str, dict]:
        key = "\n".join(sorted(_key(p) for p in paths))
        members = {_key(p): self.files.get(_key(p), {}).get("digest") for p in paths}
        return key, {"members": members, "as_of": as_of.isoformat(), "old_after": old_after, "nodes": nodes}

    def findings(self, paths: list[str], as_of: dt.date, old_after: str, nodes: bool) -> list[Finding] | None:
        """The findings of a unit whose files are all unchanged and that was validated the
        same way; else None."""
        key, expected = self._unit_entry(paths, as_of, old_after, nodes)
        entry = self.units.get(key)
        if entry is None or None in expected["members"].values():
            return None
        if any(entry.get(name) != value for name, value in expected.items()):
            return None
        return [Finding.from_dict(f) for f in entry["findings"]]

    def put_unit(self, paths: list[str], as_of: dt.date, old_after: str, nodes: bool, findings: list[Finding]) -> None:
        key, entry = self._unit_entry(paths, as_of, old_after, nodes)
        self.units[key] = {**entry, "findings": [f.as_dict() for f in findings]}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".validation-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"rules": self.rules, "files": self.files, "units": self.units}, out)
        os.replace(temporary, self.path)
