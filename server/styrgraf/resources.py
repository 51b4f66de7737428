"""Where the shipped vocabulary, data and query library live.

An installed wheel carries them under ``styrgraf/_resources``; a source checkout (or an
editable install) has them at the top of the repository. Everything else asks here.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder ``ontology``, ``data`` or ``queries`` that this install uses."""
    for base in (_PACKAGE / "_resources", _PACKAGE.parent.parent):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"styrgraf's {name}/ folder is missing from this installation")


def ontology_file() -> Path:
    return resource_dir("ontology") / "styrgraf.ttl"


def shapes_file() -> Path:
    return resource_dir("ontology") / "shapes.ttl"


def data_dir() -> Path:
    return resource_dir("data")


def queries_dir() -> Path:
    return resource_dir("queries")

