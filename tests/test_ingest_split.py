"""The evaluation corpus keeps its split: the test half is read by the evaluator alone.

Mechanically, over every phrase: each string in the ingest modules (rules, lexicon,
clause readers, metadata, delegation tables) and in the ingest tests is cut into the
words its regular expressions and sentences spell; a word (or the stem of one, "anställ")
or a run of words that occurs in a test-half document must also occur in a seed, a
development-half document or ``general-vocabulary.txt`` (written before the corpus).
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from styrgraf import resources
from styrgraf.ingest import corpus
from styrgraf.ingest.normalise import normalise
from styrgraf.vocab import SG

ROOT = Path(__file__).resolve().parent.parent
INGEST = ROOT / "server" / "styrgraf" / "ingest"
CORPUS = ROOT / "tests" / "corpus"
WORD = re.compile(r"[a-zåäöéü]+")
MAX_RUN = 6
REGEX_NOISE = re.compile(r"\(\?P<\w+>|\(\?[:!=]|\(\?<[!=]|\\[bBsSwWdD]|\[[^\]]*\]|\{\d*,?\d*\}|[*+?.^$\\]")


def code_phrases(paths) -> set[tuple[str, ...]]:
    """Every run of words spelt by a string constant of the given Python files."""
    out: set[tuple[str, ...]] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for piece in re.split(r"[|()]", REGEX_NOISE.sub(" ", node.value.lower())):
                    words = tuple(w for w in WORD.findall(piece))
                    out.update(words[i:j] for i in range(len(words))
                               for j in range(i + 1, min(len(words), i + MAX_RUN) + 1))
    return out


def text_ngrams(texts) -> tuple[set[tuple[str, ...]], set[str]]:
    """The word runs (up to MAX_RUN words) and the words of some texts."""
    runs: set[tuple[str, ...]] = set()
    words: set[str] = set()
    for text in texts:
        tokens = WORD.findall(text.lower())
        words.update(tokens)
        runs.update(tuple(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 2, min(len(tokens), i + MAX_RUN) + 1))
    return runs, words


def leaks(phrases, test_texts, allowed_texts) -> list[str]:
    """Phrases that occur in a test text and in no allowed text (a word also as a stem)."""
    test_runs, test_words = text_ngrams(test_texts)
    allowed_runs, allowed_words = text_ngrams(allowed_texts)
    out = []
    for phrase in phrases:
        if len(phrase) > 1:
            if phrase in test_runs and phrase not in allowed_runs:
                out.append(" ".join(phrase))
        elif len(phrase[0]) >= 4:
            stem = phrase[0]
            if any(w.startswith(stem) for w in test_words) and not any(w.startswith(stem) for w in allowed_words):
                out.append(stem)
    return sorted(out)


def _texts(documents) -> list[str]:
    return [d.text for d in documents]


@pytest.fixture(scope="module")
def halves():
    return corpus.halves(CORPUS)


def allowed(halves) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in (resources.data_dir() / "sources").glob("*.txt")]
    general = (CORPUS / "general-vocabulary.txt").read_text(encoding="utf-8")
    general = "\n".join(line.split("#")[0] for line in general.splitlines())
    return seeds + _texts(halves["dev"]) + [line for line in general.splitlines() if line.strip()]


PRE_SPLIT = CORPUS / "phrases-before-split.txt"
PRE_SPLIT_COMMIT = "291c926"


def reading_code(root: Path = ROOT) -> list[Path]:
    """The ingest modules that read documents (not the curation app) and the ingest tests."""
    modules = [p for p in (root / "server" / "styrgraf" / "ingest").rglob("*.py") if "curate" not in p.parts]
    return sorted(modules) + sorted((root / "tests").glob("test_ingest_*.py"))


def pre_split_phrases() -> set[str]:
    lines = PRE_SPLIT.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_no_rule_lexicon_entry_or_test_names_a_phrase_only_a_test_document_has(halves):
    found = leaks(code_phrases(reading_code()), _texts(halves["test"]), allowed(halves))
    found = [phrase for phrase in found if phrase not in pre_split_phrases()]
    assert found == [], f"phrases only test-half documents have: {found[:40]}"


def test_the_pre_split_phrases_are_what_the_code_held_then(tmp_path):
    """Every allowed pre-split phrase was in the code at the commit before the corpus."""
    import subprocess
    names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", PRE_SPLIT_COMMIT],
                           capture_output=True, text=True, check=True).stdout.split()
    for name in names:
        if (name.startswith("server/styrgraf/ingest/") and "/curate/" not in name or
                name.startswith("tests/test_ingest_")) and name.endswith(".py"):
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(subprocess.run(["git", "-C", str(ROOT), "show", f"{PRE_SPLIT_COMMIT}:{name}"],
                                             capture_output=True, text=True, check=True).stdout)
    then = {" ".join(p) for p in code_phrases(reading_code(tmp_path))}
    assert pre_split_phrases() and pre_split_phrases() <= then


def test_the_leak_check_finds_a_leak(halves):
    """A phrase taken from a test document (and from no allowed text) is caught."""
    test_runs, _ = text_ngrams(_texts(halves["test"]))
    allowed_runs, _ = text_ngrams(allowed(halves))
    private = sorted(r for r in test_runs - allowed_runs if len(r) == 3)[0]
    assert leaks({private}, _texts(halves["test"]), allowed(halves)) == [" ".join(private)]
    stems = {w[:6] for d in halves["test"] for w in WORD.findall(d.text.lower()) if len(w) > 8}
    _, allowed_words = text_ngrams(allowed(halves))
    lone = sorted(s for s in stems if not any(w.startswith(s) for w in allowed_words))[0]
    assert leaks({(lone,)}, _texts(halves["test"]), allowed(halves)) == [lone]


def test_the_split_is_the_one_made_once_by_its_function():
    recorded = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    kinds = {d.id: d.kind for d in corpus.load_corpus(CORPUS)}
    ids = set(recorded["dev"]) | set(recorded["test"])
    assert ids == set(kinds), "every corpus document is in the split, and nothing else"
    assert not set(recorded["dev"]) & set(recorded["test"])
    assert corpus.make_split(kinds, recorded["seed"]) == {"dev": recorded["dev"], "test": recorded["test"]}
    assert len(kinds) >= 40
    for kind in set(kinds.values()):
        assert {h for h in ("dev", "test") for d in recorded[h] if kinds[d] == kind} == {"dev", "test"}, kind


def _vocabulary():
    import rdflib
    from rdflib.namespace import RDF, RDFS, OWL
    graph = rdflib.Graph().parse(resources.ontology_file())
    relations = {str(p).split("#")[-1] for p in graph.subjects(RDF.type, SG.EvidencedProperty)}
    classes = {str(c).split("#")[-1] for c in graph.transitive_subjects(RDFS.subClassOf, SG.Actor)}
    return relations, classes


def test_every_gold_fact_is_verbatim_and_names_known_actors_and_relations(halves):
    relations, classes = _vocabulary()
    for document in halves["dev"] + halves["test"]:
        flat = " ".join(normalise(document.text).split())
        assert all(a.cls in classes for a in document.actors.values()), document.id
        for fact in document.facts:
            assert " ".join(fact.quote.split()) in flat, (document.id, fact.quote)
            assert fact.relation in relations, (document.id, fact.relation)
            assert fact.subject in document.actors, (document.id, fact.subject)
            assert fact.relation == "hasResponsibility" or fact.object in document.actors, (document.id, fact.object)
            assert fact.modality in ("Obligation", "Permission", "Prohibition"), (document.id, fact.quote)
        decided = document.metadata.get("decidedBy")
        assert decided is None or decided in document.actors, document.id


def test_a_corpus_without_split_is_all_test(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "documents").mkdir()
    (tmp_path / "gold" / "x.json").write_text(json.dumps({"id": "x", "kind": "instruktion", "actors": [], "facts": []}))
    (tmp_path / "documents" / "x.txt").write_text("Text.")
    assert [d.id for d in corpus.halves(tmp_path)["test"]] == ["x"]


def test_a_malformed_gold_file_is_named(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "documents").mkdir()
    (tmp_path / "gold" / "x.json").write_text('{"id": "x",\n "actors": [}')
    (tmp_path / "documents" / "x.txt").write_text("Text.")
    with pytest.raises(corpus.CorpusError, match=r"x.json:2:\d+: not JSON"):
        corpus.load_corpus(tmp_path)
