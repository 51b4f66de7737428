"""Score ingest against the hand-curated seeds: precision and recall per document and
per relation kind, all rules and leave-one-document-out, and the metadata.

A candidate matches a curated assertion when subject, predicate and object agree (for
``hasResponsibility`` the object only has to be a responsibility: ingest proposes new
responsibility nodes) and the two quotes overlap in the stored text.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import RDF

from styrgraf import resources
from styrgraf.ingest.pipeline import ingest_text
from styrgraf.ingest.normalise import normalise
from styrgraf.ingest.rules import RULES
from styrgraf.vocab import SG

PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
DATES = {"issued": DCT.issued, "created": DCT.created, "valid_from": SG.validFrom, "valid_until": SG.validUntil,
         "last_reviewed": SG.lastReviewed}


@dataclass
class Score:
    """Counts for precision and recall."""

    matched_candidates: int = 0
    candidates: int = 0
    matched_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched_candidates / self.candidates if self.candidates else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    def add(self, other: "Score") -> None:
        self.matched_candidates += other.matched_candidates
        self.candidates += other.candidates
        self.matched_gold += other.matched_gold
        self.gold += other.gold


@dataclass
class Report:
    """Scores per document and per relation kind, and the metadata checks."""

    mode: str
    documents: dict[str, Score] = field(default_factory=dict)
    kinds: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    metadata: dict[str, dict[str, bool]] = field(default_factory=dict)

    @property
    def total(self) -> Score:
        total = Score()
        for score in self.documents.values():
            total.add(score)
        return total


def seeds(data_dir: Path | None = None) -> list[tuple[str, Path, Path]]:
    """(key, curated file, source text) of each shipped seed document."""
    data_dir = data_dir or resources.data_dir()
    out = []
    for curated in sorted(data_dir.glob("*.ttl")):
        graph = rdflib.Graph().parse(curated, format="turtle")
        for source in graph.objects(None, SG.sourceFile):
            out.append((curated.stem, curated, data_dir / "sources" / str(source)))
    return out


def evaluate(data_dir: Path | None = None, leave_one_out: bool = False) -> Report:
    """Ingest every seed and score it against its curated file."""
    report = Report("leave-one-document-out" if leave_one_out else "all rules")
    for key, curated, source in seeds(data_dir):
        rules = [r for r in RULES if not leave_one_out or not r.seen or r.seen - {key}]
        text = normalise(source.read_text(encoding="utf-8"))
        result = ingest_text(text, key, curated=curated, rules=rules, source_file=source.name)
        graph = rdflib.Graph().parse(curated, format="turtle")
        gold = gold_assertions(graph)
        report.documents[key] = score_document(result.candidates, gold, text, report.kinds)
        report.metadata[key] = metadata_checks(result.metadata, graph)
    return report


def gold_assertions(graph: rdflib.Graph) -> list[tuple[str, str, str, str, bool]]:
    """(subject, predicate local name, object, quote, object is a responsibility) per assertion."""
    out = []
    for assertion in graph.subjects(RDF.type, SG.Assertion):
        s, p, o = (graph.value(assertion, term) for term in (RDF.subject, RDF.predicate, RDF.object))
        quote = graph.value(assertion, SG.quote)
        if None in (s, p, o, quote):
            continue
        responsibility = (o, RDF.type, SG.Responsibility) in graph or any(
            (o, RDF.type, c) in graph for c in (SG.ReservedMatter,))
        out.append((str(s), str(p).split("#")[-1], str(o), str(quote), responsibility))
    return out


def span(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote is in the text, whitespace collapsed on both sides."""
    collapsed = " ".join(quote.split())
    at = text.find(collapsed)
    return (at, at + len(collapsed)) if at >= 0 else None


def score_document(candidates, gold, text: str, kinds) -> Score:
    """Match one document's candidates with its curated assertions."""
    flat = " ".join(text.split())
    gold_spans = [span(flat, g[3]) for g in gold]
    matched_gold: set[int] = set()
    score = Score(candidates=len(candidates), gold=len(gold))
    for c in candidates:
        c_span = span(flat, c.quote)
        hit = False
        for i, (s, p, o, _, responsibility) in enumerate(gold):
            same_object = (c.object.cls == "Responsibility" and responsibility) if p == "hasResponsibility" else o == c.object.iri
            g_span = gold_spans[i]
            if s == c.subject.iri and p == c.predicate and same_object and c_span and g_span \
                    and c_span[0] < g_span[1] and g_span[0] < c_span[1]:
                matched_gold.add(i)
                hit = True
        score.matched_candidates += hit
        kinds[c.predicate].candidates += 1
        kinds[c.predicate].matched_candidates += hit
    score.matched_gold = len(matched_gold)
    for i, g in enumerate(gold):
        kinds[g[1]].gold += 1
        kinds[g[1]].matched_gold += i in matched_gold
    return score


def metadata_checks(metadata, graph: rdflib.Graph) -> dict[str, bool]:
    """Whether the deciding body and each date agree with the curated document."""
    document = next(graph.subjects(RDF.type, SG.GoverningDocument))
    decided = graph.value(document, SG.decidedBy)
    body_ok = (metadata.decided_by.iri if metadata.decided_by else None) == (str(decided) if decided else None)
    dates_ok = all((getattr(metadata, name) or None) == (str(graph.value(document, p)) if graph.value(document, p) else None)
                   for name, p in DATES.items())
    return {"decidedBy": body_ok, "dates": dates_ok}


def table(report: Report) -> list[str]:
    """The report as Markdown table lines (documents, then relation kinds)."""
    lines = [f"**{report.mode}**", "", "| document | candidates | precision | curated | recall |", "|---|---|---|---|---|"]
    for key, s in sorted(report.documents.items()):
        lines.append(f"| {key} | {s.candidates} | {s.precision:.2f} | {s.gold} | {s.recall:.2f} |")
    t = report.total
    lines.append(f"| **all** | {t.candidates} | **{t.precision:.2f}** | {t.gold} | **{t.recall:.2f}** |")
    lines += ["", "| relation | candidates | precision | curated | recall |", "|---|---|---|---|---|"]
    for kind, s in sorted(report.kinds.items(), key=lambda kv: -kv[1].gold):
        lines.append(f"| {kind} | {s.candidates} | {s.precision:.2f} | {s.gold} | {s.recall:.2f} |")
    ok = Counter()
    for checks in report.metadata.values():
        ok.update(k for k, v in checks.items() if v)
    n = len(report.metadata)
    lines += ["", f"Metadata: deciding body right in {ok['decidedBy']}/{n} documents, all dates right in {ok['dates']}/{n}."]
    return lines
