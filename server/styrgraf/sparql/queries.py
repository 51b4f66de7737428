"""The analysts' saved-query library: ``queries/*.rq`` with a comment header.

Header lines at the top of each file (all optional but ``title``)::

    # title@sv: Vem svarar direktören inför?
    # title@en: Whom does the director report to?
    # description: One sentence for the list.
    # param: org iri  The organisation (e.g. kungsor:kommunen); all when left out.

Parameters are bound as RDF terms through Oxigraph's substitutions (SEP-0007), never by
pasting text into the query.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from styrgraf import resources
from styrgraf.vocab import expand_name

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
PARAM_TYPES = ("iri", "string", "date", "integer")


class QueryNotFound(LookupError):
    """No saved query has that name."""


class ParameterError(ValueError):
    """A parameter is unknown or its value does not fit its type."""


@dataclass
class Parameter:
    name: str
    type: str
    description: str

    def term(self, value: str):
        """The RDF term for a value given as text."""
        value = value.strip()
        if self.type == "iri":
            iri = expand_name(value)
            if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", iri, re.I):
                raise ParameterError(f"parameter {self.name!r} needs an IRI or prefixed name, not {value!r}")
            return ox.NamedNode(iri)
        if self.type == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ParameterError(f"parameter {self.name!r} needs a date (YYYY-MM-DD), not {value!r}") from None
            return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", value):
                raise ParameterError(f"parameter {self.name!r} needs an integer, not {value!r}")
            return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        return ox.Literal(value)


@dataclass
class SavedQuery:
    name: str
    path: Path
    text: str
    title: dict[str, str] = field(default_factory=dict)
    description: str = ""
    parameters: list[Parameter] = field(default_factory=list)

    def bind(self, values: dict[str, str]) -> dict:
        """Turn ``name -> text`` into ``variable -> term`` for the declared parameters.

        Raises:
            ParameterError: an undeclared parameter or a value of the wrong type.
        """
        declared = {p.name: p for p in self.parameters}
        bindings = {}
        for name, value in values.items():
            if name not in declared:
                known = ", ".join(declared) or "none"
                raise ParameterError(f"query {self.name!r} has no parameter {name!r} (it takes: {known})")
            if value is not None and str(value).strip() != "":
                bindings[name] = declared[name].term(str(value))
        return bindings

    def summary(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "parameters": [{"name": p.name, "type": p.type, "description": p.description} for p in self.parameters],
            "query": self.text,
        }


def parse(path: Path) -> SavedQuery:
    """Read one ``.rq`` file and its header."""
    text = path.read_text(encoding="utf-8")
    query = SavedQuery(name=path.stem, path=path, text=text)
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = re.match(r"#\s*([a-z]+)(?:@([a-z]{2}))?\s*:\s*(.*)$", line)
        if not match:
            continue
        key, lang, value = match.groups()
        if key == "title":
            query.title[lang or "en"] = value.strip()
        elif key == "description":
            query.description = (query.description + " " + value.strip()).strip()
        elif key == "param":
            parts = value.split(None, 2)
            if len(parts) < 2 or parts[1] not in PARAM_TYPES:
                raise ValueError(f"{path}: a param line needs 'name type description', type one of {PARAM_TYPES}")
            query.parameters.append(Parameter(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    return query


def library(folder: Path | None = None) -> dict[str, SavedQuery]:
    """All saved queries by name, sorted."""
    folder = folder or resources.queries_dir()
    return {p.stem: parse(p) for p in sorted(folder.glob("*.rq"))}


def find(name_or_file: str, folder: Path | None = None) -> SavedQuery:
    """A saved query by name, or any ``.rq`` file by path.

    Raises:
        QueryNotFound: neither a saved query nor a readable file.
    """
    if NAME.match(name_or_file):
        saved = library(folder).get(name_or_file)
        if saved is not None:
            return saved
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return parse(path)
    raise QueryNotFound(f"no saved query or .rq file named {name_or_file!r}")
