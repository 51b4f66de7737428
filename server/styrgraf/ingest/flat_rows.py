"""A delegation row flattened to one line of running text, as a PDF leaves it when its
cells lose their borders: "1.4 Yttrande över remisser Avdelningschef Handläggare 6 kap.
3 § OSL Efter samråd". The cells are found again by what they are: the matter opens the
row and runs until a capitalised word begins a post (not one after a preposition, which
belongs to the matter: "… till Inspektionen"); a second post right after is the
substitute; a law reference is the law; the rest is the note."""
from __future__ import annotations

import re

from styrgraf.ingest.lexicon import Term, find_mentions
from styrgraf.ingest.posts import post_term

_NUMBER = re.compile(r"^\s*(?:[A-ZÅÄÖ]?\d{1,3}(?:\.\d{1,3}){0,3}\.?|[A-ZÅÄÖ]\d{1,3})\s+")
_TOKEN = re.compile(r"\S+")
_LAW = re.compile(r"(?:\d{1,2}\s*kap\.\s*)?\d{1,3}\s*(?:[a-z]\s*)?§(?:\s*[A-ZÅÄÖ]{2,6}\b)?|"
                  r"\b[A-ZÅÄÖa-zåäö]+lagen\b(?:\s*\(\d{4}:\d+\))?|\b[A-ZÅÄÖ]{2,5}\s+\d{1,2}:\d{1,3}")
_PREPOSITIONS = {"i", "till", "av", "för", "från", "hos", "med", "mot", "om", "på", "vid", "enligt", "inom", "över",
                 "under", "åt", "och", "eller"}
_DASH = re.compile(r"^\s*[–—-]\s*")


def split_line(body: str, terms: list[Term]) -> dict[str, str] | None:
    """The cells of a one-line row (its number dropped), or None when no post follows a matter."""
    body = _NUMBER.sub("", body, count=1)
    tokens = list(_TOKEN.finditer(body))
    for i, token in enumerate(tokens[1:], start=1):
        word = token.group(0)
        before = tokens[i - 1].group(0).lower().strip(",")
        if not word[:1].isupper() or before in _PREPOSITIONS or word.isupper() and len(word) > 5:
            continue
        span = post_span(body, token.start(), terms)
        if span is None:
            continue
        cells = {"matter": body[:token.start()].strip(" ,"), "delegate": body[token.start():span].strip()}
        rest_cells(body[span:], terms, cells)
        return cells
    return None


def post_span(body: str, at: int, terms: list[Term]) -> int | None:
    """Where a post that begins at ``at`` ends: a lexicon mention, or the longest run of up
    to five words the post reader accepts."""
    rest = body[at:]
    law = _LAW.search(rest)
    limit = law.start() if law else len(rest)
    mentions = find_mentions(rest[:limit], terms)
    if mentions and mentions[0].start == 0:
        owned = mentions[1:2] if mentions[0].genitive and len(mentions) > 1 else []
        if owned and not rest[mentions[0].end:owned[0].start].strip():
            return at + owned[0].end
        if not mentions[0].genitive:
            return at + mentions[0].end
    words = list(_TOKEN.finditer(rest[:limit]))
    for size in range(min(5, len(words)), 0, -1):
        end = words[size - 1].end()
        term = post_term(rest[:end], terms)
        if term is not None and term.key.startswith("post-"):
            return at + end
    return None


def rest_cells(rest: str, terms: list[Term], cells: dict[str, str]) -> None:
    """Substitute, law and note from what follows the delegate."""
    if _DASH.match(rest):
        rest = _DASH.sub("", rest, count=1)
    else:
        first = re.match(r"\s*(\S)", rest)
        if first and first.group(1).isupper():
            span = post_span(rest, first.start(1), terms)
            if span is not None:
                cells["substitute"] = rest[first.start(1):span].strip()
                rest = rest[span:]
    law = _LAW.search(rest)
    if law:
        cells["law"] = law.group(0)
        rest = rest[:law.start()] + rest[law.end():]
    note = _DASH.sub("", " ".join(rest.split())).strip(" ,")
    if note:
        cells["note"] = note
