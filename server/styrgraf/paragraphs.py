"""Every sentence of a source text accounted for: an assertion quotes it, or a
``sg:ParagraphNote`` says in one line why it carries no governance fact.

A paragraph is a run of text between blank lines (the explorer's document page shows
the same split); a sentence ends at ``.``, ``!`` or ``?`` before a capital letter (not a
digit: "7 kap. 1 §"), or where a new line starts a list item. A sentence is quoted when
some quote overlaps it. A note names what it explains by opening words (``sg:quote``,
verbatim, matched whitespace collapsed and at a word boundary): a sentence that begins
with them (three words or more, or the whole sentence), or a whole paragraph that begins
with them and of which no sentence is quoted. Where several notes fit, the longest opening wins. Accounting by paragraph let
a paragraph pass once any quote touched it, and with it the sentences no one had read.
Nothing here knows the web or the store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.DOTALL)
# Where a sentence ends inside a paragraph: after . ! ? (and a closing quote or bracket)
# before a capital, or at a line break before a list item.
SENTENCE_END = re.compile(r"(?<=[.!?])(?P<close>[\"”')]?)\s+(?=[\"”(]?[A-ZÅÄÖÉ])"
                          r"|\s*\n\s*(?=[•·\-–*\uf0b7]\s|\d+[.)]\s)")


@dataclass(frozen=True)
class Note:
    """One ``sg:ParagraphNote``: its IRI, opening words and reason in each language."""

    iri: str
    opening: str
    reason: dict


def collapse(text: str) -> str:
    """Runs of whitespace as one space, trimmed (how quotes are compared)."""
    return re.sub(r"\s+", " ", text).strip()


def spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the text's paragraphs, in order."""
    return [(m.start(), m.end()) for m in PARAGRAPH.finditer(text)]


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    found, begin = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        found.append((begin, match.start() + len(match.group("close") or "")))
        begin = match.end()
    found.append((begin, end))
    return [(a, b) for a, b in found if text[a:b].strip()]


def _opens_with(paragraph: str, opening: str) -> bool:
    if not opening or not paragraph.startswith(opening):
        return False
    return len(paragraph) == len(opening) or not paragraph[len(opening)].isalnum()


def note_for(paragraph: str, notes: list[Note]) -> Note | None:
    """The note that explains a paragraph (by its opening words), or None."""
    text = collapse(paragraph)
    fitting = [n for n in notes if _opens_with(text, collapse(n.opening))]
    return max(fitting, key=lambda n: len(collapse(n.opening)), default=None)


def _sentence_note(sentence: str, notes: list[Note]) -> Note | None:
    """The note that explains one sentence: its opening begins the sentence and is the
    whole sentence or three words or more (a one-word lead-in such as "Kommundirektören"
    explains its own paragraph, not every sentence that starts with the word)."""
    text = collapse(sentence)
    fitting = [n for n in notes if _opens_with(text, collapse(n.opening))
               and (collapse(n.opening) == text or len(n.opening.split()) >= 3)]
    return max(fitting, key=lambda n: len(collapse(n.opening)), default=None)


def account_for_paragraphs(text: str, quotes: list[str], notes: list[Note]) -> list[dict]:
    """Each paragraph of ``text``, and each of its sentences, with what accounts for it.

    Args:
        text: the source text.
        quotes: the quotes of the assertions (and rules) derived from the text.
        notes: the paragraph notes of the text's document.

    Returns:
        One dict per paragraph, in order: ``start``, ``end``, ``text``, ``supported``
        (some quote overlaps it), ``note`` (the note that explains the whole paragraph
        when no quote does, else None), ``sentences`` (each a dict of ``start``, ``end``,
        ``text``, ``supported``, ``note``, ``accounted``) and ``accounted`` (every
        sentence quoted or noted).
    """
    covered = _covered(text, quotes)
    out = []
    for start, end in spans(text):
        rows = [{"start": a, "end": b, "text": text[a:b], "supported": any(covered[a:b])}
                for a, b in sentences(text, start, end)]
        supported = any(row["supported"] for row in rows)
        whole = None if supported else note_for(text[start:end], notes)
        for row in rows:
            row["note"] = None if row["supported"] else (_sentence_note(row["text"], notes) or whole)
            row["accounted"] = row["supported"] or row["note"] is not None
        out.append({"start": start, "end": end, "text": text[start:end], "supported": supported,
                    "note": whole, "sentences": rows, "accounted": all(row["accounted"] for row in rows)})
    return out


def _covered(text: str, quotes: list[str]) -> list[bool]:
    """For each character of ``text``, whether a quote (whitespace collapsed) covers it."""
    flat, index = _collapsed_index(text)
    covered = [False] * len(text)
    for quote in quotes:
        wanted = collapse(quote)
        at = flat.find(wanted) if wanted else -1
        while at >= 0:
            for i in range(index[at], index[at + len(wanted) - 1] + 1):
                covered[i] = True
            at = flat.find(wanted, at + 1)
    return covered


def _collapsed_index(text: str) -> tuple[str, list[int]]:
    out, index, space = [], [], False
    for i, ch in enumerate(text):
        if ch.isspace():
            if space:
                continue
            out.append(" ")
            space = True
        else:
            out.append(ch)
            space = False
        index.append(i)
    return "".join(out), index
