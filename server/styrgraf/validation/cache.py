"""``styrgraf validate --changed``: what the last run learnt, kept in a JSON file.

For each file: the hash of its content and of the source texts it cites, and what
grouping needs of it (``units.FileFacts``), so that an unchanged file is not even
parsed. A file whose size and modification time (in nanoseconds) are as recorded is
taken as unchanged without reading it, as git does; otherwise its content is hashed.
For each unit: the hashes of its files, the date and settings it was validated with,
and its findings. Everything is keyed by the hash of the shapes, the ontology and
styrgraf's version: new rules, new cache.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from styrgraf import __version__, resources
from styrgraf.validation.findings import Finding
from styrgraf.validation.units import FileFacts


log = logging.getLogger(__name__)
FORMAT = b"3"  # of the cache file: part of its key, so that an older file is not misread
DAMAGED = (KeyError, TypeError, IndexError, ValueError, AttributeError)


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def _key(path: str) -> str:
    return os.path.abspath(path)  # not resolve(): its system calls cost more than all the rest


class _Stamp:
    """A file's recorded size, modification time and content hash."""

    @staticmethod
    def of(path: Path) -> list:
        stat = path.stat()
        return [stat.st_size, stat.st_mtime_ns, _digest(path.read_bytes())]

    @staticmethod
    def same(path: Path, recorded: list) -> bool:
        try:
            stat = path.stat()
        except OSError:
            return False
        if [stat.st_size, stat.st_mtime_ns] == recorded[:2]:
            return True
        return stat.st_size == recorded[0] and _digest(path.read_bytes()) == recorded[2]


class ValidationCache:
    """Per-file facts and per-unit findings of earlier runs; written atomically."""

    def __init__(self, path: Path | str = Path(".styrgraf-cache") / "validation.json"):
        self.path = Path(path)
        self.rules = _digest(resources.shapes_file().read_bytes(), resources.ontology_file().read_bytes(),
                             __version__.encode(), FORMAT)
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            stored = {}
        except (OSError, ValueError) as error:
            log.warning("the validation cache %s cannot be read (%s); every file is validated anew", self.path, error)
            stored = {}
        fresh = stored.get("rules") == self.rules
        self.files: dict = stored.get("files", {}) if fresh else {}
        self.units: dict = stored.get("units", {}) if fresh else {}
        self.hits = 0
        self.dirty = not fresh

    def unchanged(self, path: Path | str) -> FileFacts | None:
        """The facts of a file whose content and sources are as they were, else None."""
        try:
            return self._unchanged(path)
        except DAMAGED as error:  # a cache file edited by hand: a miss, never a crash
            log.warning("the validation cache's entry for %s is damaged (%s); the file is validated anew", path, error)
            return None

    def _unchanged(self, path: Path | str) -> FileFacts | None:
        entry = self.files.get(_key(str(path)))
        if not entry or not _Stamp.same(Path(path), entry["stamp"]):
            return None
        sources = Path(path).parent / "sources"
        if not all(_Stamp.same(sources / name, stamp) for name, stamp in entry["sources"].items()):
            return None
        self.hits += 1
        return FileFacts.from_dict(str(path), entry["facts"])

    def put_file(self, facts: FileFacts) -> None:
        """Remember a file just validated (its content and sources as they are now)."""
        path = Path(facts.path)
        sources = {name: _Stamp.of(path.parent / "sources" / name) for name in facts.sources
                   if (path.parent / "sources" / name).is_file()}
        self.files[_key(facts.path)] = {"stamp": _Stamp.of(path), "sources": sources, "facts": facts.as_dict()}
        self.dirty = True

    def _unit_entry(self, paths: list[str], as_of: dt.date, old_after: str, nodes: bool) -> tuple[str, dict]:
        keys = sorted(_key(p) for p in paths)
        members = [(self.files.get(k) or {}).get("stamp", [None] * 3)[2] for k in keys]
        return "\n".join(keys), {"members": members, "as_of": as_of.isoformat(), "old_after": old_after, "nodes": nodes}

    def findings(self, paths: list[str], as_of: dt.date, old_after: str, nodes: bool,
                 shape_labels: dict[str, dict[str, str]]) -> list[Finding] | None:
        """The findings of a unit whose files are all unchanged and that was validated the
        same way; else None."""
        try:
            return self._findings(paths, as_of, old_after, nodes, shape_labels)
        except DAMAGED:
            return None

    def _findings(self, paths, as_of, old_after, nodes, shape_labels) -> list[Finding] | None:
        key, expected = self._unit_entry(paths, as_of, old_after, nodes)
        entry = self.units.get(key)
        if entry is None or None in expected["members"]:
            return None
        if any(entry.get(name) != value for name, value in expected.items()):
            return None
        return [Finding.from_compact(f, shape_labels) for f in entry["findings"]]

    def put_unit(self, paths: list[str], as_of: dt.date, old_after: str, nodes: bool, findings: list[Finding]) -> None:
        key, entry = self._unit_entry(paths, as_of, old_after, nodes)
        self.units[key] = {**entry, "findings": [f.compact() for f in findings]}
        self.dirty = True

    def save(self) -> None:
        """Write the cache if anything changed (atomically: a reader never sees half)."""
        if not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".validation-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"rules": self.rules, "files": self.files, "units": self.units}, out,
                      ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, self.path)
        self.dirty = False
