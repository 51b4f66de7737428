"""The analysts' saved-query library: ``queries/*.rq`` with a comment header.

Header lines at the top of each file::

    # title@sv: Vem svarar direktören inför?
    # title@en: Whom does the director report to?
    # description@sv: En eller flera meningar för listan.
    # description@en: One or more sentences for the list.
    # param@sv: org iri Organisationen (t.ex. kungsor:kommunen); alla om fältet lämnas tomt.
    # param@en: org iri The organisation (e.g. kungsor:kommunen); all when left out.

A line without a language (``# description:``, ``# param:``) counts as English; a key
repeated in the same language continues the text. Every shipped query has both
languages (a test checks it). Pages show ``title_for(lang)``, ``description_for(lang)``
and, for each parameter, ``description_for(lang)``; each falls back to the other
language when one is missing.

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
LANGUAGES = ("sv", "en")
HEADER = re.compile(r"#\s*([a-z]+)(?:@([a-z]{2}))?\s*:\s*(.*)$")


def _in_language(texts: dict[str, str], lang: str) -> str:
    """The text in ``lang``, else in the other language, else empty."""
    for candidate in (lang, *LANGUAGES):
        if texts.get(candidate):
            return texts[candidate]
    return next(iter(texts.values()), "")


class QueryNotFound(LookupError):
    """No saved query has that name."""


class ParameterError(ValueError):
    """A parameter is unknown or its value does not fit its type (``message_sv``: the
    same in Swedish, for the pages)."""

    def __init__(self, message: str, *, sv: str | None = None):
        super().__init__(message)
        self.message_sv = sv


@dataclass
class Parameter:
    name: str
    type: str
    descriptions: dict[str, str] = field(default_factory=dict)

    @property
    def description(self) -> str:
        """The English description (what the API and older templates show)."""
        return _in_language(self.descriptions, "en")

    def description_for(self, lang: str) -> str:
        """The description in ``lang`` (``sv`` or ``en``), else in the other language."""
        return _in_language(self.descriptions, lang)

    def term(self, value: str):
        """The RDF term for a value given as text."""
        value = value.strip()
        if self.type == "iri":
            iri = expand_name(value)
            if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", iri, re.I):
                raise ParameterError(f"parameter {self.name!r} needs an IRI or prefixed name, not {value!r}",
                                     sv=f"parametern {self.name!r} måste vara en IRI eller ett prefixat namn, "
                                     f"inte {value!r}")
            try:
                return ox.NamedNode(iri)
            except ValueError as error:  # passes the pattern but is no IRI (http://[, urn:x%)
                raise ParameterError(f"parameter {self.name!r} needs an IRI, not {value[:200]!r}: {error}",
                                     sv=f"parametern {self.name!r} måste vara en IRI, inte {value[:200]!r}") from None
        if self.type == "date":
            try:
                if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):  # not 20240101 (ISO's basic form)
                    raise ValueError(value)
                dt.date.fromisoformat(value)
            except ValueError:
                raise ParameterError(f"parameter {self.name!r} needs a date (YYYY-MM-DD), not {value!r}",
                                     sv=f"parametern {self.name!r} måste vara ett datum (ÅÅÅÅ-MM-DD), "
                                     f"inte {value!r}") from None
            return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?[0-9]{1,18}", value):  # ASCII digits, a 64-bit range
                raise ParameterError(f"parameter {self.name!r} needs an integer, not {value!r}",
                                     sv=f"parametern {self.name!r} måste vara ett heltal, inte {value!r}")
            return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        return ox.Literal(value)


@dataclass
class SavedQuery:
    name: str
    path: Path
    text: str
    title: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    parameters: list[Parameter] = field(default_factory=list)

    @property
    def description(self) -> str:
        """The English description (what the API and older templates show)."""
        return _in_language(self.descriptions, "en")

    def title_for(self, lang: str) -> str:
        """The title in ``lang`` (``sv`` or ``en``), else in the other language, else the name."""
        return _in_language(self.title, lang) or self.name

    def description_for(self, lang: str) -> str:
        """The description in ``lang`` (``sv`` or ``en``), else in the other language."""
        return _in_language(self.descriptions, lang)

    def bind(self, values: dict[str, str]) -> dict:
        """Turn ``name -> text`` into ``variable -> term`` for the declared parameters.

        Raises:
            ParameterError: an undeclared parameter or a value of the wrong type.
        """
        declared = {p.name: p for p in self.parameters}
        bindings = {}
        for name, value in values.items():
            if name not in declared:
                known = ", ".join(declared)
                raise ParameterError(f"query {self.name!r} has no parameter {name!r} (it takes: {known or 'none'})",
                                     sv=f"frågan {self.name!r} har ingen parameter {name!r} "
                                     f"({'den tar: ' + known if known else 'den tar inga parametrar'})")
            if value is not None and str(value).strip() != "":
                bindings[name] = declared[name].term(str(value))
        return bindings

    def summary(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "descriptions": self.descriptions,
            "parameters": [{"name": p.name, "type": p.type, "description": p.description,
                            "descriptions": p.descriptions} for p in self.parameters],
            "query": self.text,
        }


def parse(path: Path) -> SavedQuery:
    """Read one ``.rq`` file and its header.

    Raises:
        ValueError: a ``param`` line without a name and a known type, or one language
            giving a parameter a different type from the other.
    """
    text = path.read_text(encoding="utf-8")
    query = SavedQuery(name=path.stem, path=path, text=text)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = HEADER.match(line)
        if not match:
            continue
        key, lang, value = match.group(1), match.group(2) or "en", match.group(3).strip()
        if key == "title":
            query.title[lang] = value
        elif key == "description":
            query.descriptions[lang] = (query.descriptions.get(lang, "") + " " + value).strip()
        elif key == "param":
            _add_parameter(query, value, lang, f"{path}:{number}")
    return query


def _add_parameter(query: SavedQuery, value: str, lang: str, where: str) -> None:
    """Declare a parameter, or give a declared one its description in another language."""
    parts = value.split(None, 2)
    if len(parts) < 2 or parts[1] not in PARAM_TYPES:
        raise ValueError(f"{where}: a param line needs 'name type description', type one of {PARAM_TYPES}")
    name, kind, description = parts[0], parts[1], parts[2] if len(parts) > 2 else ""
    known = next((p for p in query.parameters if p.name == name), None)
    if known is None:
        query.parameters.append(Parameter(name, kind, {lang: description}))
    elif known.type != kind:
        raise ValueError(f"{where}: parameter {name!r} is {known.type} in one language and {kind} in another")
    else:
        known.descriptions[lang] = (known.descriptions.get(lang, "") + " " + description).strip()


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
