"""A synthetic national dataset for benchmarks and scale tests.

Each synthetic organisation is built from the five curated ones, used as templates: it
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
    return loading.read_files()


def _kind_of(template: loading.CuratedFile) -> dict[str, str]:
    """Local name -> class local name for the template's actors."""
    classes = {}
    actors = {t.subject.value for t in template.triples if t.predicate == IN_ORG}
    for t in template.triples:
        if t.predicate == RDF_TYPE and t.subject.value in actors:
            classes[t.subject.value] = t.object.value.rsplit("#", 1)[-1]
    return {node: cls for node, cls in classes.items() if cls not in NOT_ACTORS}


def _mapper(template: loading.CuratedFile, key: str) -> tuple[Callable, str]:
    """A function that rewrites the template's IRIs into organisation ``key``."""
    base = f"{ID_BASE}{template.key}/"
    classes = _kind_of(template)
    org_iri = next(t.subject.value for t in template.triples
                   if t.predicate == RDF_TYPE and t.object.value in (SG_NS + "Municipality", SG_NS + "Region"))

    def rewrite(term):
        if not isinstance(term, ox.NamedNode) or not term.value.startswith(base):
            return term
        local = term.value[len(base):]
        if term.value == org_iri:
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


# Sweden's counties (SCB codes) with their number of municipalities (290 in all): a
# synthetic organisation gets a code of SCB's shape in a county, in these proportions.
COUNTY_MUNICIPALITIES = {"01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5,
                         "12": 33, "13": 6, "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7,
                         "23": 8, "24": 15, "25": 14}


def organisation_codes(count: int) -> dict[str, str]:
    """SCB-shaped codes for ``organisation_keys(count)``: four digits for a
    municipality (its county's two first), two for a region (its county)."""
    keys = organisation_keys(count)
    municipalities = [k for k, region in keys if not region]
    counties = list(COUNTY_MUNICIPALITIES)
    bounds, total = [], 0
    for county in counties:
        total += COUNTY_MUNICIPALITIES[county]
        bounds.append(total)
    codes, seen = {}, {}
    for i, key in enumerate(municipalities):
        share = (i + 0.5) / len(municipalities) * total
        county = counties[next(n for n, bound in enumerate(bounds) if share < bound)]
        seen[county] = seen.get(county, 0) + 1
        codes[key] = f"{county}{seen[county]:02d}"
    for i, (key, region) in enumerate(k for k in keys if k[1]):
        codes[key] = counties[i % len(counties)]
    return codes


def organisation_keys(count: int) -> list[tuple[str, bool]]:
    """(key, is_region) for ``count`` organisations in Sweden's proportion (290 + 21)."""
    regions = max(1, round(count * 21 / 311)) if count > 1 else 0
    municipalities = count - regions
    return [(f"kommun-{i:03d}", False) for i in range(1, municipalities + 1)] + \
           [(f"region-{i:02d}", True) for i in range(1, regions + 1)]


def build_organisation(templates, key: str, is_region: bool, rng: random.Random,
                       code: str | None = None) -> tuple[list, dict[str, str]]:
    """The triples of one synthetic organisation and its source texts by file name
    (``code``: its SCB-shaped code, ``organisation_codes``; default its number)."""
    chosen = [t for t in templates if rng.random() < INCLUDE_PROBABILITY] or [rng.choice(templates)]
    org = ox.NamedNode(f"{ID_BASE}{key}/organisation")
    number = key.split("-")[1]
    kind = "Region" if is_region else "Municipality"
    triples = [
        ox.Triple(org, RDF_TYPE, ox.NamedNode(SG_NS + kind)),
        ox.Triple(org, LABEL, ox.Literal(f"Syntetisk {'region' if is_region else 'kommun'} {number}", language="sv")),
        ox.Triple(org, LABEL, ox.Literal(f"Synthetic {'region' if is_region else 'municipality'} {number}", language="en")),
        ox.Triple(org, ox.NamedNode(SG_NS + "municipalityCode"), ox.Literal(code or number)),
    ]
    texts = {}
    for template in chosen:
        rewrite, template_org = _mapper(template, key)
        for t in template.triples:
            if t.subject.value == template_org:
                continue  # the template organisation's own description is not copied
            obj = t.object
            if t.predicate == SOURCE_FILE:
                name = f"{key}-{template.key}.txt"
                obj = ox.Literal(name)
                source = next(iter(template.texts.values()))
                texts[name] = (f"Syntetiskt styrdokument för {key} (mall: {template.key}).\n"
                               f"Texten nedan är mallens, ordagrant.\n\n{source}")
            triples.append(ox.Triple(rewrite(t.subject), t.predicate, rewrite(obj)))
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
        for node, cls, label in ((board, "ExecutiveBoard", "styrelse"), (assembly, "Assembly", "fullmäktige")):
            triples += [ox.Triple(node, RDF_TYPE, ox.NamedNode(SG_NS + cls)), ox.Triple(node, LABEL, ox.Literal(label, language="sv")),
                        ox.Triple(node, IN_ORG, ox.NamedNode(ns + "organisation"))]
        triples += evidenced(board, ox.NamedNode(SG_NS + "delegatesTo"), assembly, "fault-delegation")
        return triples, Fault(key, kind, "DelegationDownward", board.value)
    raise ValueError(f"unknown fault {kind!r}")


FAULT_KINDS = ("reporting-cycle", "fake-quote", "upward-delegation")


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
    keys = organisation_keys(count)
    codes = organisation_codes(count)
    fault_at = {keys[i][0]: FAULT_KINDS[i] for i in range(min(len(FAULT_KINDS), len(keys)))} if faults else {}
    prefixes = {**PREFIXES}
    for index, (key, is_region) in enumerate(keys):
        rng = random.Random(f"{seed}:{key}")
        triples, texts = build_organisation(templates, key, is_region, rng, codes[key])
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
