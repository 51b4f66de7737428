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



def local_data() -> Path | None:
    """``./data`` when the working directory has that folder (a styrgraf checkout or a
    data maintainer's own repository), else None: curators work on their own files, not
    on the copy inside an installed package."""
    here = Path.cwd() / "data"
    return here if here.is_dir() else None


def default_data() -> Path:
    """The data a command uses when given none: ``./data`` when there is one, else the
    data shipped with the package (``data_dir()``).

    Raises:
        FileNotFoundError: neither exists.
    """
    return local_data() or data_dir()
