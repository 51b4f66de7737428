"""A synthetic national dataset for benchmarks and scale tests, built on the registry.

The organisations are the registry's (``data/registry``): real names, codes and counties
(all 311 at N = 311, else a spread in Sweden's proportion of municipalities and
regions), and the registry is written beside them. Their documents are made up: each
document carries ``sg:synthetic true`` and every label and title the templates give is
marked "(syntetisk)"/"(synthetic)", so a page or a query answer never passes it off as
real. Each synthetic organisation is built from the five curated ones, used as templates: it
takes most of the five documents (chosen per organisation by a seeded generator), with
their organs, posts, relations, responsibilities and evidence, merged into one
organisation so that the organs and posts every document names (fullmäktige, styrelse,
direktör, förvaltningschef, …) are one node each. Every document gets a synthetic source
text that contains its template's text, so every quote stays verbatim and the whole
graph validates. With ``faults`` a few organisations get an injected fault that
validation must find: a reporting cycle, a fake quote, an upward delegation.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from styrgraf.store import loading
from styrgraf.vocab import ID_BASE, PREFIXES, SG

SG_NS = str(SG)
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
IN_ORG = ox.NamedNode(SG_NS + "inOrganisation")
SOURCE_FILE = ox.NamedNode(SG_NS + "sourceFile")
QUOTE = ox.NamedNode(SG_NS + "quote")
DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
ASSERTION = ox.NamedNode(SG_NS + "Assertion")
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# Nodes that are one and the same organ or post whichever document names them.
UNIFIED = {
    "Assembly": "fullmaktige", "ExecutiveBoard": "styrelse", "Director": "kommundirektor",
}
RENAMED = {("blekinge", "ordforande"): "kso"}  # Blekinge's "ordförande" is the board's chair
INCLUDE_PROBABILITY = 0.85
NOT_ACTORS = {"GoverningDocument", "ChannelRule"}


@dataclass
class Fault:
    organisation: str
    kind: str
    shape: str
    focus: str


@dataclass
class SynthResult:
    organisations: list[str] = field(default_factory=list)
    triples: int = 0
    documents: int = 0
    faults: list[Fault] = field(default_factory=list)


def _templates() -> list[loading.CuratedFile]:
    """The five curated files (not the registry: it describes organisations, no documents)."""
    return [f for f in loading.read_files() if f.path.parent.name != "registry"]


def _kind_of(template: loading.CuratedFile) -> dict[str, str]:
    """Local name -> class local name for the template's actors."""
    classes = {}
    actors = {t.subject.value for t in template.triples if t.predicate == IN_ORG}
    for t in template.triples:
        if t.predicate == RDF_TYPE and t.subject.value in actors:
            classes[t.subject.value] = t.object.value.rsplit("#", 1)[-1]
    return {node: cls for node, cls in classes.items() if cls not in NOT_ACTORS}


def _mapper(template: loading.CuratedFile, key: str, org_target: str | None = None) -> tuple[Callable, str]:
    """A function that rewrites the template's IRIs into organisation ``key`` (its node:
    ``org_target``, the registry's IRI)."""
    base = f"{ID_BASE}{template.key}/"
    classes = _kind_of(template)
    org_iri = next(t.subject.value for t in template.triples
                   if t.predicate == RDF_TYPE and t.object.value in (SG_NS + "Municipality", SG_NS + "Region"))

    def rewrite(term):
        if not isinstance(term, ox.NamedNode) or not term.value.startswith(base):
            return term
        local = term.value[len(base):]
        if term.value == org_iri:
            if org_target:
                return ox.NamedNode(org_target)
            new = "organisation"
        elif term.value in classes and classes[term.value] in UNIFIED:
            new = UNIFIED[classes[term.value]]
        elif (template.key, local) in RENAMED:
            new = RENAMED[(template.key, local)]
        elif term.value in classes:
            new = local
        else:
            new = f"{template.key}-{local}"
        return ox.NamedNode(f"{ID_BASE}{key}/{new}")

    return rewrite, org_iri


def chosen_entries(count: int) -> list:
    """``count`` organisations of the registry in Sweden's proportion (290 + 21), spread
    evenly over the codes (so over the counties): all of them at 311."""
    from styrgraf import registry
    entries = registry.load()
    regions = [e for e in entries if e.kind == "Region"]
    municipalities = [e for e in entries if e.kind == "Municipality"]
    wanted_regions = min(len(regions), max(1, round(count * 21 / 311)) if count > 1 else 0)
    wanted_municipalities = min(len(municipalities), count - wanted_regions)

    def spread(items, n):
        return [items[int(i * len(items) / n)] for i in range(n)] if n else []

    return spread(municipalities, wanted_municipalities) + spread(regions, wanted_regions)


def organisation_codes(count: int) -> dict[str, str]:
    """Key -> SCB code of the organisations ``synthesise(count, …)`` writes."""
    return {e.key: e.code for e in chosen_entries(count)}


def organisation_keys(count: int) -> list[tuple[str, bool]]:
    """(key, is_region) of the organisations ``synthesise(count, …)`` writes."""
    return [(e.key, e.kind == "Region") for e in chosen_entries(count)]


MARK = {"sv": " (syntetisk)", "en": " (synthetic)"}
MARKED = {LABEL, ox.NamedNode("http://purl.org/dc/terms/title")}
SYNTHETIC = ox.NamedNode(SG_NS + "synthetic")
TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
SKOS_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
COUNTY = ox.NamedNode(SG_NS + "county")


def organisation_node(entry) -> list:
    """The organisation's node as the registry states it (a file of its own is complete
    for validation; the registry's copy is dropped when both are loaded)."""
    org = ox.NamedNode(entry.iri)
    names = [ox.Literal(entry.name_sv, language="sv"), ox.Literal(entry.name_en, language="en")]
    return ([ox.Triple(org, RDF_TYPE, ox.NamedNode(SG_NS + entry.kind))]
            + [ox.Triple(org, p, n) for p in (LABEL, SKOS_PREF) for n in names]
            + [ox.Triple(org, ox.NamedNode(SG_NS + "municipalityCode"), ox.Literal(entry.code)),
               ox.Triple(org, COUNTY, ox.NamedNode(f"{ID_BASE}lan/{entry.county}"))])


def _marked(t: ox.Triple) -> ox.Triple:
    """A label or title the templates give, marked as synthetic in its language."""
    if t.predicate in MARKED and isinstance(t.object, ox.Literal) and t.object.language in MARK:
        return ox.Triple(t.subject, t.predicate, ox.Literal(t.object.value + MARK[t.object.language],
                                                            language=t.object.language))
    return t


def build_organisation(templates, entry, rng: random.Random) -> tuple[list, dict[str, str]]:
    """The triples of one synthetic organisation of the registry (``entry``) and its
    source texts by file name."""
    chosen = [t for t in templates if rng.random() < INCLUDE_PROBABILITY] or [rng.choice(templates)]
    key = entry.key
    triples = organisation_node(entry)
    texts = {}
    for template in chosen:
        rewrite, template_org = _mapper(template, key, entry.iri)
        for t in template.triples:
            if t.subject.value == template_org:
                continue  # the template organisation's own description is not copied
            obj = t.object
            if t.predicate == SOURCE_FILE:
                name = f"{key}-{template.key}.txt"
                obj = ox.Literal(name)
                source = next(iter(template.texts.values()))
                texts[name] = (f"Syntetiskt styrdokument för {entry.name_sv} (mall: {template.key}).\n"
                               f"Texten nedan är mallens, ordagrant; organisationens namn och kod är verkliga, "
                               f"texten gäller inte den.\n\n{source}")
                triples.append(ox.Triple(rewrite(t.subject), SYNTHETIC, TRUE))
            triples.append(_marked(ox.Triple(rewrite(t.subject), t.predicate, rewrite(obj))))
    return list(dict.fromkeys(triples)), texts


def _inject(kind: str, key: str, triples: list, rng: random.Random) -> tuple[list, Fault]:
    """Add one fault to an organisation's triples; say which shape must name which node."""
    ns = f"{ID_BASE}{key}/"
    actors = sorted({t.subject.value for t in triples if t.predicate == IN_ORG and t.subject.value.startswith(ns)})
    assertions = [t for t in triples if t.predicate == QUOTE]
    quote_of = {t.subject: t.object for t in assertions}
    derived = {t.subject: t.object for t in triples if t.predicate == DERIVED}
    if kind == "fake-quote":
        victim = sorted(quote_of, key=lambda n: n.value)[rng.randrange(len(quote_of))]
        triples = [t if not (t.subject == victim and t.predicate == QUOTE) else
                   ox.Triple(victim, QUOTE, ox.Literal("Detta står inte i någon källa och är påhittat för testet."))
                   for t in triples]
        return triples, Fault(key, kind, "QuoteIsVerbatim", victim.value)
    some = sorted(quote_of, key=lambda n: n.value)[0]
    document, real_quote = derived[some], quote_of[some]

    def evidenced(subject, predicate, obj, name):
        a = ox.NamedNode(ns + name)
        return [ox.Triple(subject, predicate, obj), ox.Triple(a, RDF_TYPE, ASSERTION),
                ox.Triple(a, ox.NamedNode(RDF + "subject"), subject), ox.Triple(a, ox.NamedNode(RDF + "predicate"), predicate),
                ox.Triple(a, ox.NamedNode(RDF + "object"), obj), ox.Triple(a, DERIVED, document),
                ox.Triple(a, QUOTE, real_quote)]

    if kind == "reporting-cycle":
        first, second = (ox.NamedNode(a) for a in rng.sample([a for a in actors if not a.endswith(("fullmaktige", "styrelse"))], 2))
        reports = ox.NamedNode(SG_NS + "reportsTo")
        triples += evidenced(first, reports, second, "fault-cycle-1") + evidenced(second, reports, first, "fault-cycle-2")
        return triples, Fault(key, kind, "NoReportingCycle", first.value)
    if kind == "upward-delegation":
        board, assembly = ox.NamedNode(ns + UNIFIED["ExecutiveBoard"]), ox.NamedNode(ns + UNIFIED["Assembly"])
        org = next(t.subject for t in triples if t.predicate == RDF_TYPE
                   and t.object.value in (SG_NS + "Municipality", SG_NS + "Region"))
        for node, cls, label in ((board, "ExecutiveBoard", "styrelse"), (assembly, "Assembly", "fullmäktige")):
            triples += [ox.Triple(node, RDF_TYPE, ox.NamedNode(SG_NS + cls)), ox.Triple(node, LABEL, ox.Literal(label, language="sv")),
                        ox.Triple(node, IN_ORG, org)]
        triples += evidenced(board, ox.NamedNode(SG_NS + "delegatesTo"), assembly, "fault-delegation")
        return triples, Fault(key, kind, "DelegationDownward", board.value)
    raise ValueError(f"unknown fault {kind!r}")


FAULT_KINDS = ("reporting-cycle", "fake-quote", "upward-delegation")


def _copy_registry(out_dir: Path) -> None:
    """The registry beside the synthetic organisations: the nation is all of Sweden's."""
    from styrgraf import registry
    (out_dir / "registry").mkdir(exist_ok=True)
    for path in registry.registry_files():
        (out_dir / "registry" / path.name).write_bytes(path.read_bytes())


def synthesise(count: int, out_dir: Path, seed: int = 1, faults: bool = False,
               progress: Callable[[str], None] | None = None) -> SynthResult:
    """Write ``count`` organisations to ``out_dir`` (Turtle + sources/), deterministically.

    Raises:
        FileExistsError: ``out_dir`` already holds Turtle files (nothing is overwritten).
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.glob("*.ttl")):
        raise FileExistsError(f"{out_dir} already holds .ttl files; choose an empty folder")
    (out_dir / "sources").mkdir(parents=True, exist_ok=True)
    templates = sorted(_templates(), key=lambda t: t.key)
    result = SynthResult()
    entries = chosen_entries(count)
    fault_at = {entries[i].key: FAULT_KINDS[i] for i in range(min(len(FAULT_KINDS), len(entries)))} if faults else {}
    prefixes = {**PREFIXES}
    _copy_registry(out_dir)
    for entry in entries:
        key = entry.key
        rng = random.Random(f"{seed}:{key}")
        triples, texts = build_organisation(templates, entry, rng)
        if key in fault_at:
            triples, fault = _inject(fault_at[key], key, triples, rng)
            result.faults.append(fault)
        for name, text in texts.items():
            (out_dir / "sources" / name).write_text(text, encoding="utf-8")
        body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={**prefixes, key.replace("-", ""): f"{ID_BASE}{key}/"})
        (out_dir / f"{key}.ttl").write_bytes(body)
        result.organisations.append(key)
        result.triples += len(triples)
        result.documents += len(texts)
        if progress:
            progress(key)
    (out_dir / "faults.json").write_text(json.dumps([f.__dict__ for f in result.faults], indent=2), encoding="utf-8")
    return result
