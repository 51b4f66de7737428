"""The registry of Sweden's municipalities and regions (``data/registry/registry.ttl``):
their official codes and names, and what people type resolved to one of them.

``resolve`` takes a code (``1960``), a key (``kungsor``) or a name in any case
(``Kungsör``, ``kungsör kommun``, ``Region Blekinge``) and returns the registry's entry,
or raises ``NotFound`` with the nearest names. ``org_option`` is the rule of
``styrgraf ingest --org``. No store, no Flask, no click: the registry is read straight
from its Turtle (a few milliseconds).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from styrgraf import resources
from styrgraf.errors import BadRequest, NotFound
from styrgraf.lookup import did_you_mean, suggest
from styrgraf.vocab import ID_BASE, SG

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
KINDS = {str(SG) + "Municipality": "Municipality", str(SG) + "Region": "Region"}
SUFFIXES = (" kommun", " municipality", " stad")


@dataclass(frozen=True)
class Entry:
    """One municipality or region of the registry."""

    iri: str
    kind: str          # Municipality or Region
    code: str          # SCB's kommunkod (four digits) or länskod (two)
    county: str        # the county's code
    name_sv: str
    name_en: str
    other_names: tuple[str, ...] = ()
    wikidata: str | None = None

    @property
    def key(self) -> str:
        return self.iri[len(ID_BASE):].split("/", 1)[0]

    def shown(self) -> str:
        return f"{self.name_sv} ({self.code})"


def registry_files(data_dir: Path | None = None) -> list[Path]:
    """The registry's Turtle in ``data_dir/registry/``, else the shipped one."""
    for base in ([Path(data_dir)] if data_dir else []) + [resources.data_dir()]:
        found = sorted((base / "registry").glob("*.ttl"))
        if found:
            return found
    return []


def load(data_dir: Path | None = None) -> tuple[Entry, ...]:
    """The registry's entries, by code (regions first: two digits)."""
    return _load(tuple(str(p) for p in registry_files(data_dir)))


@lru_cache(maxsize=4)
def _load(paths: tuple[str, ...]) -> tuple[Entry, ...]:
    facts: dict[str, dict[str, list[str]]] = {}
    for path in paths:
        for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
            if isinstance(quad.subject, ox.NamedNode):
                value = quad.object.value
                if isinstance(quad.object, ox.Literal) and quad.object.language:
                    value = f"{quad.object.language}|{value}"
                facts.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, []).append(value)
    return tuple(sorted((_entry(iri, p) for iri, p in facts.items() if _kind(p)), key=lambda e: e.code))


def _kind(props: dict[str, list[str]]) -> str | None:
    return next((KINDS[t] for t in props.get(RDF_TYPE, []) if t in KINDS), None)


def _entry(iri: str, props: dict[str, list[str]]) -> Entry:
    def text(prop: str, lang: str) -> list[str]:
        return [v.split("|", 1)[1] for v in props.get(prop, []) if v.startswith(lang + "|")]

    code = props.get(str(SG) + "municipalityCode", [""])[0]
    wikidata = next((v for v in props.get(SKOS + "exactMatch", []) if "wikidata.org" in v), None)
    name_sv = (text(SKOS + "prefLabel", "sv") or text(RDFS_LABEL, "sv") or [code])[0]
    name_en = (text(SKOS + "prefLabel", "en") or text(RDFS_LABEL, "en") or [name_sv])[0]
    county = props.get(str(SG) + "county", [""])[0].rsplit("/", 1)[-1]
    return Entry(iri, _kind(props), code, county, name_sv, name_en,
                 tuple(text(SKOS + "altLabel", "sv")), wikidata)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _stripped(text: str) -> str:
    folded = _fold(text)
    for suffix in SUFFIXES:
        if folded.endswith(suffix):
            return folded[: -len(suffix)].strip()
    return folded


def _index(entries: tuple[Entry, ...]) -> list[dict[str, list[Entry]]]:
    """Forms -> entries, in order of precedence: codes and keys, official names, then
    the names without "kommun", short and other names and their slugs."""
    from styrgraf.ingest.nodes import slug
    tiers: list[dict[str, list[Entry]]] = [{}, {}, {}]
    for entry in entries:
        forms = [{entry.code, entry.key}, {_fold(entry.name_sv), _fold(entry.name_en)},
                 {_stripped(entry.name_sv), _stripped(entry.name_en)}
                 | {_fold(n) for n in entry.other_names} | {slug(n) for n in entry.other_names}]
        for tier, names in zip(tiers, forms):
            for name in names:
                if entry not in tier.setdefault(name, []):
                    tier[name].append(entry)
    return tiers


def resolve(text: str, entries: tuple[Entry, ...] | None = None) -> Entry:
    """The entry a code, key or name stands for.

    Raises:
        NotFound: nothing in the registry has that code or name (with the nearest ones).
        BadRequest: the name fits several (e.g. "habo": Habo or Håbo); the message lists them.
    """
    entries = load() if entries is None else entries
    wanted = _fold(text)
    if wanted.isdigit() and len(wanted) == 3:
        wanted = "0" + wanted  # 484 for 0484: a code read as a number
    for tier in _index(entries):
        found = tier.get(wanted) or tier.get(_stripped(wanted))
        if found and len(found) == 1:
            return found[0]
        if found:
            choices = " or ".join(e.shown() for e in found)
            raise BadRequest(f"{text[:80]!r} fits {choices}: give the code",
                             sv=f"{text[:80]!r} passar {choices.replace(' or ', ' och ')}: ange koden")
    raise NotFound(f"no municipality or region in the registry has the code or name {text[:80]!r}"
                   + did_you_mean(nearest(text, entries)),
                   sv=f"ingen kommun eller region i registret har koden eller namnet {text[:80]!r}"
                   + did_you_mean(nearest(text, entries), "sv"))


def nearest(text: str, entries: tuple[Entry, ...], cutoff: float = 0.6) -> list[str]:
    """The entries closest to ``text`` by code or name, shown as "Namn (kod)"."""
    by_form: dict[str, Entry] = {}
    for tier in _index(entries):
        for form, found in tier.items():
            by_form.setdefault(form, found[0])
    close = [by_form[f.casefold()] for f in suggest(_fold(text), by_form)
             if _similar(_fold(text), f) >= cutoff]
    return list(dict.fromkeys(e.shown() for e in close))[:3]


def _similar(a: str, b: str) -> float:
    import difflib
    return difflib.SequenceMatcher(None, a, b.casefold()).ratio()


@dataclass(frozen=True)
class OrgChoice:
    """What ``ingest --org`` resolved to: the key to write under, the organisation's
    name and kind, and its registry entry (None for one outside the registry)."""

    key: str
    name: str | None
    kind: str | None
    entry: Entry | None


def org_option(value: str, *, name: str | None, kind: str | None, out_dir: Path) -> OrgChoice:
    """The organisation ``styrgraf ingest --org VALUE`` means: a key with a curated file in
    ``out_dir`` as it is; else a code or name of the registry (the documents land on its
    organisation); else a new key for an organisation outside the registry, refused when
    it is a near miss of a registry name and no ``--name`` says it is meant.

    Raises:
        NotFound, BadRequest: nothing fits (with the nearest names); exit 2 on the CLI.
    """
    from styrgraf.ingest.nodes import KEY_RULE, is_key, slug
    value = value.strip()
    if is_key(value) and (Path(out_dir) / f"{value}.ttl").is_file():
        return OrgChoice(value, name, kind, None)
    entries = load(out_dir)
    try:
        entry = resolve(value, entries)
    except NotFound as error:
        near = nearest(value, entries, cutoff=0.8)
        if is_key(value) and not value.isdigit() and (name or not near):
            return OrgChoice(value, name, kind, None)
        if is_key(value) and not value.isdigit():
            raise NotFound(f"{value!r} is not in the registry{did_you_mean(near)} For an organisation "
                           "outside the registry, give its name with --name.") from None
        outside = "" if value.isdigit() else (f" An organisation outside the registry takes a key: {KEY_RULE}; "
                                              f"try --org {slug(value)} --name {value!r}.")
        raise NotFound(error.message + outside) from None
    return OrgChoice(entry.key, name or entry.name_sv, kind or entry.kind.lower(), entry)


def cli_org(value: str, name: str | None, kind: str | None, out_dir: Path, fail) -> tuple[str, str | None, str | None]:
    """``org_option`` for the CLI: (key, name, kind), or ``fail(message)`` (exit 2)."""
    try:
        choice = org_option(value, name=name, kind=kind, out_dir=out_dir)
    except (NotFound, BadRequest) as error:
        return fail(f"--org: {error.message}")
    return choice.key, choice.name, choice.kind
