"""The structure of a normalised text: blocks (headings, paragraphs, list items, table
rows) and the sentences of a block, each with its character span in the stored text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from styrgraf.ingest import tables

_ABBREVIATIONS = r"(?:t\.ex|bl\.a|d\.v\.s|dvs|s\.k|m\.m|kap|resp|ca|jfr|nr|p|st|t\.o\.m|fr\.o\.m|o\.d|m\.fl|T\.ex)"
_SENTENCE = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[A-ZÅÄÖ0-9\"”(])")


@dataclass(frozen=True)
class Block:
    """One block of the stored text; ``text == stored[start:end]``."""

    start: int
    end: int
    kind: str  # heading | paragraph | item | row
    text: str

    @property
    def body_start(self) -> int:
        """Where the content begins (after an item's "- ")."""
        return self.start + 2 if self.kind == "item" else self.start


def blocks(text: str) -> list[Block]:
    """The blocks of a normalised text, in order."""
    out: list[Block] = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        body = match.group(0)
        out.append(Block(match.start(), match.end(), kind_of(body), body))
    return out


def kind_of(body: str) -> str:
    """Heading, paragraph, list item or table row, from the block's own text."""
    if body.startswith("- "):
        return "item"
    if " | " in body or tables.is_cell_block(body):  # "cell | cell", or a flattened row's cells one a line
        return "row"
    if len(body) < 90 and "\n" not in body and not body.rstrip().endswith((".", "!", "?", ";", ",", ":")) \
            and not body[:1].islower():
        return "heading"
    return "paragraph"


def sentences(block: Block) -> list[tuple[int, int]]:
    """Sentence spans of a block (absolute offsets), not split after abbreviations."""
    start = block.body_start
    body = block.text[start - block.start:]
    spans: list[tuple[int, int]] = []
    last = 0
    for match in _SENTENCE.finditer(body):
        before = body[:match.start() + 1]
        if re.search(rf"(?<![\wåäö]){_ABBREVIATIONS}\.[\"”]?$", before, re.I) or re.search(r"\b\d{1,2}\.$", before):
            continue
        spans.append((start + last, start + match.start() + (1 if body[match.start()] in "\"”" else 0)))
        last = match.end()
    spans.append((start + last, start + len(body)))
    return [(a, b) for a, b in spans if b > a]


def contents_items(text: str) -> set[int]:
    """Where the items of a table of contents start: a list item whose words are those of
    a heading further on ("- Arbetsgivaransvar" above the section "Arbetsgivaransvar")."""
    found = blocks(text)
    headings = {words_of(b.text): b.start for b in found if b.kind == "heading"}
    return {b.start for b in found if b.kind == "item" and headings.get(words_of(b.text[2:]), -1) > b.start}


def words_of(body: str) -> str:
    """A block's words, lower-case, without punctuation: what two copies of a title share."""
    return " ".join(re.findall(r"[\wåäö]+", body.lower()))
