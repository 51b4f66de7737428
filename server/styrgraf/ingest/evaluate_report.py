"""The evaluation as people read it (Markdown tables, development beside test) and as
tools read it (JSON). ``styrgraf ingest --evaluate`` prints these; the README's tables
are this output."""
from __future__ import annotations

from styrgraf.ingest.evaluate import METADATA_FIELDS, Report, Score


def _cells(score: Score | None) -> list[str]:
    if score is None or (not score.candidates and not score.gold):
        return ["–"] * 4
    precision = f"{score.precision:.2f}" if score.candidates else "–"
    return [str(score.candidates), precision, str(score.gold), f"{score.recall:.2f}"]


def side_by_side(title: str, left: Report, right: Report, rows: str = "doc_kinds") -> list[str]:
    """One table: a row per document kind (or relation), the two reports' scores side by
    side, and a total row."""
    a, b = left.mode.split(", ")[-1], right.mode.split(", ")[-1]
    head = f"| {'kind' if rows == 'doc_kinds' else 'relation'} | documents {a} | candidates {a} | precision {a} " \
           f"| gold {a} | recall {a} | documents {b} | candidates {b} | precision {b} | gold {b} | recall {b} |"
    lines = [f"**{title}**", "", head, "|" + "---|" * 11]
    groups_l, groups_r = getattr(left, rows), getattr(right, rows)
    keys = sorted(set(groups_l) | set(groups_r), key=lambda k: (-(groups_l.get(k, Score()).gold
                                                                   + groups_r.get(k, Score()).gold), k))
    for key in keys:
        n_l = _count(left, key) if rows == "doc_kinds" else ""
        n_r = _count(right, key) if rows == "doc_kinds" else ""
        lines.append(f"| {key} | {n_l} | " + " | ".join(_cells(groups_l.get(key))) + f" | {n_r} | "
                     + " | ".join(_cells(groups_r.get(key))) + " |")
    lines.append(f"| **all** | {len(left.documents)} | " + " | ".join(_bold(_cells(left.total)))
                 + f" | {len(right.documents)} | " + " | ".join(_bold(_cells(right.total))) + " |")
    return lines


def _count(report: Report, kind: str) -> int:
    return sum(1 for k in report.document_kinds.values() if k == kind)


def _bold(cells: list[str]) -> list[str]:
    return [f"**{c}**" if i in (1, 3) and c != "–" else c for i, c in enumerate(cells)]


def metadata_line(report: Report) -> str:
    """How often each metadata field was right, and all four together."""
    n = len(report.metadata)
    parts = [f"{name} {round(report.metadata_right(name) * n)}/{n}" for name in METADATA_FIELDS]
    return (f"Metadata ({report.mode}): " + ", ".join(parts)
            + f"; all four right in {round(report.metadata_right('all') * n)}/{n}. "
            + f"Quotes outside the stored text: {report.quotes_outside}.")


def per_document(report: Report) -> list[str]:
    """A row per document: candidates, precision, gold, recall."""
    lines = [f"**{report.mode}: per document**", "", "| document | kind | candidates | precision | gold | recall |",
             "|---|---|---|---|---|---|"]
    for key, score in sorted(report.documents.items()):
        lines.append(f"| {key} | {report.document_kinds.get(key, '')} | " + " | ".join(_cells(score)) + " |")
    return lines


def as_json(reports: list[Report]) -> dict:
    """Every report's totals, document kinds, relations, documents and metadata."""
    def score(s: Score) -> dict:
        return {"candidates": s.candidates, "matched_candidates": s.matched_candidates, "precision": s.precision,
                "gold": s.gold, "matched_gold": s.matched_gold, "recall": s.recall}
    return {r.mode: {"all": score(r.total),
                     "kinds": {k: score(s) for k, s in sorted(r.doc_kinds.items())},
                     "relations": {k: score(s) for k, s in sorted(r.kinds.items())},
                     "documents": {k: score(s) for k, s in sorted(r.documents.items())},
                     "metadata": {name: r.metadata_right(name) for name in (*METADATA_FIELDS, "all")},
                     "quotes_outside": r.quotes_outside, "gold_quotes_not_found": r.gold_not_found}
            for r in reports}
