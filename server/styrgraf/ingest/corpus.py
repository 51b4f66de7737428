"""The evaluation corpus (``tests/corpus/``): documents written for the project with their
gold, and its split into a development half and a test half, made once.

The split is a function of the documents' ids and kinds and a fixed seed, so that a test
can check that ``split.json`` is what the function made and was not edited by hand.
"""
from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

from styrgraf import resources
from styrgraf.ingest.gold import GoldActor, GoldDocument, GoldFact

SPLIT_SEED = 20261205
HALVES = ("dev", "test")


class CorpusError(ValueError):
    """The corpus folder is missing or a gold file is malformed (the message names it)."""


def corpus_dir() -> Path:
    """``tests/corpus`` of a checkout, or the copy an installed wheel carries."""
    try:
        return resources.resource_dir("corpus")
    except FileNotFoundError:
        return resources.resource_dir("tests") / "corpus"


def load_document(gold_file: Path) -> GoldDocument:
    """One gold file and the text beside it (``documents/ID.txt``)."""
    text_file = gold_file.parent.parent / "documents" / f"{gold_file.stem}.txt"
    try:
        data = json.loads(gold_file.read_text(encoding="utf-8"))
        text = text_file.read_text(encoding="utf-8")
        actors = {a["id"]: GoldActor(a["id"], a["label"], a["class"], list(a.get("mentions", [])))
                  for a in data["actors"]}
        facts = [GoldFact(f["subject"], f["relation"], f["object"], f["quote"], f.get("modality"))
                 for f in data["facts"]]
    except FileNotFoundError as error:
        raise CorpusError(f"{error.filename}: no such file") from None
    except json.JSONDecodeError as error:
        raise CorpusError(f"{gold_file}:{error.lineno}:{error.colno}: not JSON: {error.msg}") from None
    except (KeyError, TypeError) as error:
        raise CorpusError(f"{gold_file}: missing or malformed field {error}") from None
    organisation = data.get("organisation") or {}
    return GoldDocument(data.get("id", gold_file.stem), data.get("kind", "other"), text, actors, facts,
                        data.get("metadata") or {}, organisation.get("kind"))


def load_corpus(folder: Path | None = None) -> list[GoldDocument]:
    """Every document of a corpus folder (``gold/*.json`` with ``documents/*.txt``)."""
    folder = folder or corpus_dir()
    if not (folder / "gold").is_dir():
        raise CorpusError(f"{folder}: not a corpus folder (no gold/ in it)")
    return [load_document(path) for path in sorted((folder / "gold").glob("*.json"))]


def make_split(documents: dict[str, str], seed: int = SPLIT_SEED) -> dict[str, list[str]]:
    """Halve each kind at random (a fixed seed): ``documents`` maps id to kind; of an odd
    number the development half gets the extra one."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for doc_id, kind in sorted(documents.items()):
        by_kind[kind].append(doc_id)
    chooser = random.Random(seed)
    split = {"dev": [], "test": []}
    for kind in sorted(by_kind):
        ids = by_kind[kind]
        chooser.shuffle(ids)
        half = (len(ids) + 1) // 2
        split["dev"] += sorted(ids[:half])
        split["test"] += sorted(ids[half:])
    return {half: sorted(ids) for half, ids in split.items()}


def read_split(folder: Path | None = None) -> dict[str, list[str]]:
    """The recorded split of a corpus folder; a folder without one is all test (a corpus
    kept apart from the project, which no rule was written from)."""
    folder = folder or corpus_dir()
    path = folder / "split.json"
    if not path.is_file():
        return {"dev": [], "test": sorted(p.stem for p in (folder / "gold").glob("*.json"))}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {half: list(data.get(half, [])) for half in HALVES}


def halves(folder: Path | None = None) -> dict[str, list[GoldDocument]]:
    """The corpus's documents by half."""
    folder = folder or corpus_dir()
    split = read_split(folder)
    where = {doc_id: half for half, ids in split.items() for doc_id in ids}
    out: dict[str, list[GoldDocument]] = {half: [] for half in HALVES}
    for document in load_corpus(folder):
        if document.id not in where:
            raise CorpusError(f"{folder / 'split.json'}: {document.id} is in neither half")
        out[where[document.id]].append(document)
    return out
