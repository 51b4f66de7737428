"""Normalise extracted text into the form ingest stores and quotes from.

The stored form: one block per paragraph, heading, list item ("- text") or table row
("cell | cell"), blocks separated by one blank line. What extraction breaks is mended:
lines wrapped mid-sentence, words hyphenated at line ends, page headers, footers and
numbers (pages are separated by form feeds), tables of contents, bullet glyphs lost by
a PDF's fonts. ``normalise`` is idempotent: normalising stored text changes nothing.
"""
from __future__ import annotations

import re
from collections import Counter

import simplemma

from styrgraf.ingest import tables

# Bullets as documents write them, including the private-use glyphs of Symbol and
# Wingdings fonts that survive text extraction (U+F0B7 and friends).
BULLETS = "•◦▪▫●○■□❖✓✔➢►▶–—\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf0e0\uf06e"
_BULLET = re.compile(rf"^\s*(?:[-*]\s+)?[{BULLETS}]\s*|^\s*[-*]\s+")
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|[a-zåäö][.)])\s+")
_PAGE_NUMBER = re.compile(r"^\s*(?:(?:sida|page)\s+)?\d{1,4}(?:\s*(?:\(|av|/|of)\s*\d{1,4}\)?)?\s*$", re.I)
_TOC_LINE = re.compile(r"(?:\.{3,}|…+|\t)\s*\d{1,3}\s*$")
_TOC_HEAD = re.compile(r"^\s*(?:innehåll|innehållsförteckning)\s*$", re.I)
_CONJUNCTIONS = {"och", "eller", "samt", "respektive", "resp", "till"}
_SENTENCE_END = (".", "!", "?", ":", ";")


def normalise(text: str) -> str:
    """Return the stored form of an extracted text (see the module's docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "").replace("\u00a0", " ")
    text = re.sub(r"[\u200b\ufeff]", "", text)
    pages = text.split("\f")
    if len(pages) > 1:
        pages = strip_running_lines(pages)
    lines: list[str] = []
    for page in pages:
        lines.extend(page.split("\n"))
        lines.append("")
    lines = drop_toc(lines)
    vocabulary = vocabulary_of(text)
    blocks: list[str] = []
    for run, is_table in tables.partition(lines):  # a table flattened to one cell a line keeps its rows
        blocks += tables.row_blocks(run) if is_table else join_blocks(split_blocks(run), vocabulary)
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def strip_running_lines(pages: list[str]) -> list[str]:
    """Drop page numbers and the header and footer lines that repeat on most pages."""
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    edges: Counter[str] = Counter()
    for page in pages:
        seen = [line for line in page.split("\n") if line.strip()]
        for line in set(seen[:3] + seen[-3:]):
            edges[key(line)] += 1
    threshold = max(2, (len(pages) + 1) // 2)
    running = {k for k, n in edges.items() if n >= threshold}
    cleaned = []
    for page in pages:
        kept = page.split("\n")
        content = [i for i, line in enumerate(kept) if line.strip()]
        edge = set(content[:3] + content[-3:])
        kept = [line for i, line in enumerate(kept)
                if not (i in edge and (key(line) in running or _PAGE_NUMBER.match(line)))]
        cleaned.append("\n".join(kept))
    return cleaned


def drop_toc(lines: list[str]) -> list[str]:
    """Remove a table of contents: its heading and the lines that end in a page number."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _TOC_HEAD.match(lines[i]):
            j = i + 1
            entries = 0
            while j < len(lines) and (not lines[j].strip() or _TOC_LINE.search(lines[j])):
                entries += bool(lines[j].strip())
                j += 1
            if entries >= 2:
                i = j
                continue
        out.append(lines[i])
        i += 1
    return out


def split_blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into blocks at blank lines and at list items."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            if current:
                blocks.append(current)
            current = []
            continue
        if line in ("–", "—") and current:  # an empty table cell left on its own line, not a bullet
            current.append(line)
            continue
        if " | " in line:  # a table row is a block of its own
            if current:
                blocks.append(current)
            blocks.append([line])
            current = []
            continue
        item = _BULLET.match(raw)
        if item or (_NUMBERED.match(line) and current):
            if current:
                blocks.append(current)
            current = []
            if item:
                rest = " ".join(raw[item.end():].split())
                line = f"- {rest}" if rest else ""
            if not line:
                continue
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def join_blocks(blocks: list[list[str]], vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """Unwrap each block's lines; join a block that continues the sentence before it."""
    out: list[str] = []
    for block in blocks:
        texts = unwrap(block, vocabulary)
        for text in texts:
            if out and continues(out[-1], text):
                out[-1] = join_lines(out[-1], text, vocabulary)
            else:
                out.append(text)
    return out


def unwrap(lines: list[str], vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """Join the lines of one block into paragraphs; short label/value lines stay apart."""
    longest = max(len(line) for line in lines)
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1].rsplit("\n", 1)[-1]
        short = len(previous) < 40 and longest < 60 and not line[:1].islower()
        ended = previous.endswith(_SENTENCE_END) and (len(previous) < 0.7 * longest or heading_like(line))
        if short and not previous.endswith(("-", ",")):
            out.append(line)  # a key/value list such as a document's header
        elif ended:
            out.append(line)
        else:
            out[-1] = join_lines(out[-1], line, vocabulary)
    return out


def heading_like(line: str) -> bool:
    """A short line that starts with a capital and has no closing punctuation."""
    return len(line) < 60 and line[:1].isupper() and not line.endswith(_SENTENCE_END + (",",))


def continues(before: str, after: str) -> bool:
    """Does ``after`` (a new block) continue the unfinished sentence of ``before``?"""
    last = before.rsplit("\n", 1)[-1]
    if last.endswith(_SENTENCE_END) or " | " in last or len(last) < 40 or not after[:1].islower():
        return False
    return not _NUMBERED.match(after)


def join_lines(first: str, second: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Join two wrapped lines, mending a word hyphenated at the line end."""
    match = re.search(r"(\w+)-$", first)
    if match and second[:1].isalpha():
        head = match.group(1)
        tail_word = re.match(r"\w+", second)
        tail = tail_word.group(0) if tail_word else ""
        if keep_hyphen(head, tail, vocabulary):
            return f"{first} {second}" if tail.lower() in _CONJUNCTIONS else f"{first}{second}"
        return f"{first[:-1]}{second}"
    return f"{first} {second}"


def keep_hyphen(head: str, tail: str, vocabulary: frozenset[str] = frozenset()) -> bool:
    """Whether a hyphen at a line end belongs to the text ("statliga- och", "KS-beslut").

    The document itself decides first (does it write the word with the hyphen, or
    closed, elsewhere?); otherwise the hyphen was the typesetter's and goes.
    """
    if not tail or tail.lower() in _CONJUNCTIONS:
        return True
    if f"{head}-{tail}".lower() in vocabulary:
        return True
    if (head + tail).lower() in vocabulary or simplemma.is_known((head + tail).lower(), lang="sv"):
        return False
    return (tail[0].isupper() and not head.isupper()) or (head.isupper() and len(head) <= 4 and not tail.isupper())


def vocabulary_of(text: str) -> frozenset[str]:
    """The words of a text, hyphenated compounds included, lower-cased."""
    return frozenset(w.lower() for w in re.findall(r"\w+(?:-\w+)*", text))
