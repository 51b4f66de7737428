"""The structure of a normalised text: blocks (headings, paragraphs, list items, table
rows) and the sentences of a block, each with its character span in the stored text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from styrgraf.ingest import tables

_ABBREVIATIONS = r"(?:t\.ex|bl\.a|d\.v\.s|dvs|s\.k|m\.m|kap|resp|ca|jfr|nr|p|st|t\.o\.m|fr\.o\.m|o\.d|m\.fl|T\.ex)"
_SENTENCE = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[A-ZÅÄÖ0-9\"”(])")
# The rules read a block sentence by sentence and compare every mention of a block with
# every sentence, so a block's size bounds their work. A longer block (a page-long
# paragraph without a full stop, thousands of lines a PDF ran together) is read as pieces
# of at most this many characters, cut at a sentence end or a space; the stored text is
# not changed. The longest block of the seeds and the evaluation corpus has 3,045.
MAX_BLOCK = 4000
# One rule's clause pattern costs the square of a sentence's length; a longer "sentence"
# (no full stop for a page) is read as clauses of at most this many characters. The
# seeds and the corpus have 2,312 sentences, 3 of them longer.
MAX_SENTENCE = 1000


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
        kind = kind_of(body)
        if len(body) <= MAX_BLOCK:
            out.append(Block(match.start(), match.end(), kind, body))
            continue
        for n, (start, end) in enumerate(pieces(body, MAX_BLOCK)):
            # a piece after the first does not begin with an item's "- "
            out.append(Block(match.start() + start, match.start() + end, kind if n == 0 or kind == "row" else "paragraph",
                             body[start:end]))
    return out


def pieces(body: str, limit: int) -> list[tuple[int, int]]:
    """Spans of at most ``limit`` characters covering ``body``: each cut after the last
    line or sentence end in the second half of the piece, else at its last semicolon,
    comma or space, else hard."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(body) - start > limit:
        window = body[start:start + limit]
        at = max(window.rfind("\n", limit // 2), window.rfind(". ", limit // 2) + 1)
        for mark in ("; ", ", ", " "):
            if at <= 0:
                at = window.rfind(mark, limit // 2) + len(mark) - 1
        cut = start + (at + 1 if at > 0 else limit)  # after the space: a piece starts with a word
        spans.append((start, cut))
        start = cut
    spans.append((start, len(body)))
    return spans


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
        # only the end of the text before the match: a copy of all of it made sentences quadratic
        before = body[max(0, match.start() - 24):match.start() + 1]
        if re.search(rf"(?<![\wåäö]){_ABBREVIATIONS}\.[\"”]?$", before, re.I) or re.search(r"\b\d{1,2}\.$", before):
            continue
        spans.append((start + last, start + match.start() + (1 if body[match.start()] in "\"”" else 0)))
        last = match.end()
    spans.append((start + last, start + len(body)))
    return [(a + s, a + e) for a, b in spans if b > a
            for s, e in (pieces(text_of(block, a, b), MAX_SENTENCE) if b - a > MAX_SENTENCE else [(0, b - a)])]


def text_of(block: Block, start: int, end: int) -> str:
    """The text of an absolute span inside a block."""
    return block.text[start - block.start:end - block.start]


def contents_items(text: str) -> set[int]:
    """Where the items of a table of contents start: a list item whose words are those of
    a heading further on ("- Arbetsgivaransvar" above the section "Arbetsgivaransvar")."""
    found = blocks(text)
    headings = {words_of(b.text): b.start for b in found if b.kind == "heading"}
    return {b.start for b in found if b.kind == "item" and headings.get(words_of(b.text[2:]), -1) > b.start}


def words_of(body: str) -> str:
    """A block's words, lower-case, without punctuation: what two copies of a title share."""
    return " ".join(re.findall(r"[\wåäö]+", body.lower()))
