"""Score ingest against gold: strict precision and recall per document, per document kind
and per relation kind, and the metadata, on the seeds and on the evaluation corpus.

The resolver is never given a curated file: proposed nodes are matched to the gold's
actors by their wording or class (``GoldDocument.actors_of``), as they would be for an
organisation the project has never seen. A candidate matches a gold fact when subject,
predicate and object agree (for ``hasResponsibility`` the object need only be a
responsibility) and the two quotes overlap in the stored text.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from styrgraf import resources
from styrgraf.ingest import corpus
from styrgraf.ingest.gold import GoldDocument, base_form, from_curated
from styrgraf.ingest.normalise import normalise
from styrgraf.ingest.pipeline import ingest_text
from styrgraf.ingest.rules import RULES, Rule

METADATA_FIELDS = ("title", "documentType", "decidedBy", "issued")


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
    """One run: scores per document, per document kind and per relation, the metadata
    checks, and the quotes that were not a span of the stored text (always 0)."""

    mode: str
    documents: dict[str, Score] = field(default_factory=dict)
    document_kinds: dict[str, str] = field(default_factory=dict)
    doc_kinds: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    kinds: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    metadata: dict[str, dict[str, bool]] = field(default_factory=dict)
    quotes_outside: int = 0
    gold_not_found: int = 0
    rules_used: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def total(self) -> Score:
        total = Score()
        for score in self.documents.values():
            total.add(score)
        return total

    def metadata_right(self, name: str) -> float:
        """The share of documents whose field ``name`` (or "all") was right."""
        if not self.metadata:
            return 0.0
        ok = [all(c.values()) if name == "all" else c[name] for c in self.metadata.values()]
        return sum(ok) / len(ok)


def seed_documents(data_dir: Path | None = None) -> list[GoldDocument]:
    """The shipped seeds as gold documents (their curated files and source texts)."""
    import rdflib
    from styrgraf.vocab import SG
    data_dir = data_dir or resources.data_dir()
    out = []
    for curated in sorted(data_dir.glob("*.ttl")):
        graph = rdflib.Graph().parse(curated, format="turtle")
        for source in graph.objects(None, SG.sourceFile):
            out.append(from_curated(curated.stem, curated, data_dir / "sources" / str(source)))
    return out


def evaluate_seeds(data_dir: Path | None = None, held_out: bool = False) -> Report:
    """The seeds with every rule, or held out: a rule is off for a seed whose wording it
    was written from (``Rule.seen``), even when other seeds also have that wording."""
    report = Report("seeds, held out" if held_out else "seeds, all rules")
    for document in seed_documents(data_dir):
        rules = [r for r in RULES if not (held_out and document.id in r.seen)]
        score_into(report, document, rules)
    return report


def evaluate_corpus(folder: Path | None = None) -> dict[str, Report]:
    """The evaluation corpus, one report per half (development, test)."""
    out = {}
    for half, documents in corpus.halves(folder).items():
        report = Report(f"corpus, {half}")
        for document in documents:
            score_into(report, document, RULES)
        out[half] = report
    return out


def score_into(report: Report, document: GoldDocument, rules: list[Rule]) -> None:
    """Ingest one gold document (no curated file) and add its scores to the report."""
    text = normalise(document.text)
    result = ingest_text(text, f"eval-{document.id}", rules=rules, kind=document.organisation_kind,
                         source_file=f"{document.id}.txt")
    report.quotes_outside += sum(1 for c in result.candidates if text[c.start:c.end] != c.quote)
    score = score_document(result.candidates, document, text, report.kinds)
    report.gold_not_found += sum(1 for f in document.facts if span(" ".join(text.split()), f.quote) is None)
    report.documents[document.id] = score
    report.document_kinds[document.id] = document.kind
    report.rules_used[document.id] = frozenset(r.name for r in rules)
    report.doc_kinds[document.kind].add(score)
    report.metadata[document.id] = metadata_checks(result.metadata, document)


def span(flat: str, quote: str) -> tuple[int, int] | None:
    """Where a quote is in a whitespace-collapsed text, whitespace collapsed in it too."""
    collapsed = " ".join(quote.split())
    at = flat.find(collapsed)
    return (at, at + len(collapsed)) if at >= 0 else None


def score_document(candidates, document: GoldDocument, text: str, kinds) -> Score:
    """Match one document's candidates with its gold facts."""
    flat = " ".join(text.split())
    facts = document.facts
    gold_spans = [span(flat, f.quote) for f in facts]
    matched_gold: set[int] = set()
    score = Score(candidates=len(candidates), gold=len(facts))
    for c in candidates:
        c_span = span(flat, c.quote)
        subjects = document.actors_of(c.subject)
        objects = set() if c.predicate == "hasResponsibility" else document.actors_of(c.object)
        hit = False
        for i, fact in enumerate(facts):
            if fact.relation != c.predicate or fact.subject not in subjects:
                continue
            same_object = c.object.cls == "Responsibility" if fact.relation == "hasResponsibility" \
                else fact.object in objects
            g_span = gold_spans[i]
            if same_object and c_span and g_span and c_span[0] < g_span[1] and g_span[0] < c_span[1]:
                matched_gold.add(i)
                hit = True
        score.matched_candidates += hit
        kinds[c.predicate].candidates += 1
        kinds[c.predicate].matched_candidates += hit
    score.matched_gold = len(matched_gold)
    for i, fact in enumerate(facts):
        kinds[fact.relation].gold += 1
        kinds[fact.relation].matched_gold += i in matched_gold
    return score


def metadata_checks(metadata, document: GoldDocument) -> dict[str, bool]:
    """Whether title, type, deciding body and decision date agree with the gold."""
    gold = document.metadata
    decided = gold.get("decidedBy")
    found_body = document.actors_of(metadata.decided_by) if metadata.decided_by else set()
    return {
        "title": _title(metadata.title) == _title(gold.get("title")),
        "documentType": (metadata.document_type or None) == (gold.get("documentType") or None),
        "decidedBy": (decided in found_body) if decided else metadata.decided_by is None,
        "issued": (metadata.issued or None) == (gold.get("issued") or None),
    }


def _title(title: str | None) -> str:
    return re.sub(r"[\s.:;,–-]+$", "", " ".join((title or "").split())).casefold()


__all__ = ["Score", "Report", "evaluate_seeds", "evaluate_corpus", "score_document", "metadata_checks",
           "seed_documents", "base_form", "METADATA_FIELDS"]
