"""The same candidates from the text, PDF and DOCX renditions of every corpus document
(issue #19's target: at least 95 % alike). The PDF has running headers, footers, page
numbers and words hyphenated at line ends; the DOCX has headings, lists and real tables.
This measures reading, not rules: both halves are rendered (the evaluator's use of the
test half), and no rule is written from the result."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ingest"))
import builders  # noqa: E402

from styrgraf.ingest import corpus  # noqa: E402
from styrgraf.ingest.normalise import normalise  # noqa: E402
from styrgraf.ingest.pipeline import ingest_text  # noqa: E402
from styrgraf.ingest.readers import read  # noqa: E402

TARGET = 0.95


def keys(text: str) -> set[tuple]:
    """What a curator sees of each candidate: parties by label, relation, quote."""
    return {(c.subject.label.lower(), c.predicate, c.object.label.lower(), " ".join(c.quote.split()))
            for c in ingest_text(text, "x").candidates}


def agreement(folder: Path, tmp: Path) -> dict[str, float]:
    """Per format, the share of the text rendition's candidates (and the format's) that both
    give: |text ∩ format| / |text ∪ format| over the whole corpus."""
    both = {"pdf": 0, "docx": 0}
    union = {"pdf": 0, "docx": 0}
    for document in corpus.load_corpus(folder):
        text = normalise(document.text)
        expected = keys(text)
        for fmt, build in (("pdf", builders.build_pdf), ("docx", builders.build_docx)):
            found = keys(normalise(read(build(text, tmp / f"{document.id}.{fmt}"))))
            both[fmt] += len(expected & found)
            union[fmt] += len(expected | found)
    return {fmt: both[fmt] / union[fmt] if union[fmt] else 1.0 for fmt in both}


@pytest.mark.slow
def test_the_same_candidates_from_text_pdf_and_docx(tmp_path):
    figures = agreement(corpus.corpus_dir(), tmp_path)
    print(f"renditions alike: PDF {figures['pdf']:.3f}, DOCX {figures['docx']:.3f}")
    assert figures["pdf"] >= TARGET and figures["docx"] >= TARGET, figures


if __name__ == "__main__":  # python tests/test_ingest_renditions.py: the README's figures
    import tempfile
    with tempfile.TemporaryDirectory() as scratch:
        print(agreement(corpus.corpus_dir(), Path(scratch)))
