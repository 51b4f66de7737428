"""Delegation orders are tables: number, matter, delegate, remarks, sometimes the law.
Each row is a delegation from the document's body to the delegate, with the matter as
its scope and the row as the quote."""
from __future__ import annotations

import re
from dataclasses import dataclass

from styrgraf.ingest import segments
from styrgraf.ingest.lexicon import Term, find_mentions

DELEGATE = re.compile(r"delegat|beslutande|delegerad till|beslutsfattare|befattning", re.I)
MATTER = re.compile(r"ärende|beslut(?!ande)|ärendetyp|ärendegrupp|beskrivning|befogenhet", re.I)
LAW = re.compile(r"lagrum|lag|författning|stöd", re.I)
NOTE = re.compile(r"anm|kommentar|villkor|notering", re.I)


@dataclass
class Row:
    """One delegation row: where it is, who receives it, what and under which law."""

    start: int
    end: int
    delegate: Term
    matter: str
    law: str | None
    note: str | None


def rows(text: str, terms: list[Term]) -> list[Row]:
    """The delegation rows of every table whose header names a delegate column."""
    found: list[Row] = []
    columns: dict[str, int] | None = None
    for block in segments.blocks(text):
        if block.kind != "row":
            columns = None
            continue
        cells = [c.strip() for c in re.split(r" ?\| ?", block.text)]
        header = header_columns(cells)
        if header:
            columns = header
            continue
        if columns is None or len(cells) <= columns["delegate"]:
            continue
        mentions = find_mentions(cells[columns["delegate"]], terms)
        if not mentions:
            continue
        matter = cells[columns["matter"]] if "matter" in columns and columns["matter"] < len(cells) else ""
        law = cells[columns["law"]] if "law" in columns and columns["law"] < len(cells) else None
        note = cells[columns["note"]] if "note" in columns and columns["note"] < len(cells) else None
        found.append(Row(block.start, block.end, mentions[0].term, matter, law or None, note or None))
    return found


def header_columns(cells: list[str]) -> dict[str, int] | None:
    """The column of each role if this row is a delegation table's header."""
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if len(cell) > 40:
            return None
        for name, pattern in (("delegate", DELEGATE), ("law", LAW), ("note", NOTE), ("matter", MATTER)):
            if name not in columns and pattern.search(cell):
                columns[name] = i
                break
    return columns if "delegate" in columns and "matter" in columns else None
