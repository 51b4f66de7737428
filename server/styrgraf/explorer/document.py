"""A document page's data: the source text in paragraphs of segments, each segment
knowing which assertions quote it, and the notes on paragraphs that carry no fact."""
from __future__ import annotations

import re

import pyoxigraph as ox

from styrgraf import paragraphs as paragraphs_mod
from styrgraf.vocab import SG

SG_NS = str(SG)
TEXT = f"SELECT ?t WHERE {{ ?iri <{SG_NS}text> ?t }} LIMIT 1"
QUOTES = f"""PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?a ?q WHERE {{
    ?a prov:wasDerivedFrom ?iri ; <{SG_NS}quote> ?q
    FILTER NOT EXISTS {{ ?a a <{SG_NS}ParagraphNote> }} }} ORDER BY ?a"""
NOTES = f"""PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?n ?q ?r WHERE {{
    ?n a <{SG_NS}ParagraphNote> ; prov:wasDerivedFrom ?iri ; <{SG_NS}quote> ?q ; <{SG_NS}reason> ?r }}"""


def _collapsed(text: str) -> tuple[str, list[int]]:
    """The text with whitespace runs collapsed to one space, and for each character of
    it the index of the original character."""
    out, index = [], []
    previous_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if previous_space:
                continue
            out.append(" ")
            index.append(i)
            previous_space = True
        else:
            out.append(ch)
            index.append(i)
            previous_space = False
    return "".join(out), index


def document(select, iri: ox.NamedNode) -> dict | None:
    """A document's text split into paragraphs of segments, each segment knowing which
    assertions quote it; paragraphs no quote touches are marked as unsupported, with
    their note; a quoted paragraph carries the notes of its unquoted sentences."""
    rows = select(TEXT, {"iri": iri}).rows
    if not rows:
        return None
    text = rows[0]["t"].value
    quotes = select(QUOTES, {"iri": iri}).rows
    notes = document_notes(select, iri)
    collapsed, index = _collapsed(text)
    cover: list[set[str]] = [set() for _ in text]
    anchors: dict[int, list[str]] = {}
    missing = []
    for q in quotes:
        assertion, quote = q["a"].value, re.sub(r"\s+", " ", q["q"].value).strip()
        start = collapsed.find(quote)
        if start < 0:
            missing.append(assertion)
            continue
        begin, end = index[start], index[start + len(quote) - 1] + 1
        anchors.setdefault(begin, []).append(assertion)
        for i in range(begin, end):
            cover[i].add(assertion)
    accounts = paragraphs_mod.account_for_paragraphs(text, [q["q"].value for q in quotes], notes)
    paragraphs = []
    for number, match in enumerate(re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.S)):
        segments = []
        start = match.start()
        current = frozenset(cover[start])
        seg_start = start
        for i in range(match.start(), match.end() + 1):
            here = frozenset(cover[i]) if i < match.end() else None
            if here != current or i in anchors and i != seg_start:
                segments.append({"text": text[seg_start:i], "assertions": sorted(current),
                                 "anchors": anchors.get(seg_start, [])})
                seg_start, current = i, here
        supported = any(s["assertions"] for s in segments)
        note = None if supported else paragraphs_mod.note_for(text[match.start():match.end()], notes)
        # the reasons for the sentences of a quoted paragraph that no quote touches
        sentence_notes = [{"iri": row["note"].iri, "reason": row["note"].reason}
                          for row in accounts[number]["sentences"] if supported and row["note"]]
        paragraphs.append({"segments": segments, "supported": supported, "sentence_notes": sentence_notes,
                           "note": {"iri": note.iri, "reason": note.reason} if note else None})
    return {"iri": iri.value, "paragraphs": paragraphs, "quote_count": len(quotes), "unmatched": missing}


def document_notes(select, iri: ox.NamedNode) -> list:
    """The document's paragraph notes (why a paragraph carries no governance fact)."""
    notes: dict[str, paragraphs_mod.Note] = {}
    for row in select(NOTES, {"iri": iri}).rows:
        note = notes.setdefault(row["n"].value, paragraphs_mod.Note(row["n"].value, row["q"].value, {}))
        note.reason[row["r"].language or "sv"] = row["r"].value
    return list(notes.values())

