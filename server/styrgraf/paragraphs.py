"""Every paragraph of a source text accounted for: it yields assertions, or a
``sg:ParagraphNote`` says in one line why it carries no governance fact.

A paragraph is a run of text between blank lines (the explorer's document page shows
the same split). A note names its paragraph by the paragraph's opening words
(``sg:quote``, verbatim); it explains every paragraph that no assertion quotes and
whose text, whitespace collapsed, begins with those words at a word boundary. Where
several notes fit, the longest opening wins. Nothing here knows the web or the store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.DOTALL)


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


def _opens_with(paragraph: str, opening: str) -> bool:
    if not opening or not paragraph.startswith(opening):
        return False
    return len(paragraph) == len(opening) or not paragraph[len(opening)].isalnum()


def note_for(paragraph: str, notes: list[Note]) -> Note | None:
    """The note that explains a paragraph (by its opening words), or None."""
    text = collapse(paragraph)
    fitting = [n for n in notes if _opens_with(text, collapse(n.opening))]
    return max(fitting, key=lambda n: len(collapse(n.opening)), default=None)


def account_for_paragraphs(text: str, quotes: list[str], notes: list[Note]) -> list[dict]:
    """Each paragraph of ``text`` with what accounts for it.

    Args:
        text: the source text.
        quotes: the quotes of the assertions (and rules) derived from the text.
        notes: the paragraph notes of the text's document.

    Returns:
        One dict per paragraph, in order: ``start``, ``end``, ``text``, ``supported``
        (some quote overlaps it), ``note`` (the explaining Note when unsupported, else
        None) and ``accounted`` (supported or noted).
    """
    flat, index = _collapsed_index(text)
    covered = [False] * len(text)
    for quote in quotes:
        wanted = collapse(quote)
        at = flat.find(wanted) if wanted else -1
        while at >= 0:
            for i in range(index[at], index[at + len(wanted) - 1] + 1):
                covered[i] = True
            at = flat.find(wanted, at + 1)
    out = []
    for start, end in spans(text):
        supported = any(covered[start:end])
        note = None if supported else note_for(text[start:end], notes)
        out.append({"start": start, "end": end, "text": text[start:end], "supported": supported,
                    "note": note, "accounted": supported or note is not None})
    return out


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
