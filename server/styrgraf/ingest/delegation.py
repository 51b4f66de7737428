"""Delegation orders as tables: number, matter, delegate, substitute, law, note, in any
order and wording of the header. Each row is a delegation from the delegating body to
the delegate, and to the substitute (ersättare) when the row names one, with the matter
as its scope and the row as the quote.

Rows come as "cell | cell" lines (Word, HTML, a text table) or, from a PDF, as blocks of
one cell a line (``tables.py``), where empty cells may be missing: there the number and
the matter are read by position and the later cells by what they are (a post, a law, a
note).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from styrgraf.ingest import segments, tables
from styrgraf.ingest.lexicon import Term, find_mentions
from styrgraf.ingest.posts import post_term

_LAW = re.compile(r"§|\bkap\.|\d{4}:\d|\blag(?:en)?\b|lagen\b|[a-zåäö]+lagen\b|\b[A-ZÅÄÖ]{2,5}\b\s*$")
_EMPTY = {"", "–", "-", "—", "x", "X"}


@dataclass
class Row:
    """One delegation row: where it is, who receives it (the delegate, then substitutes),
    what, under which law, and to whom its decisions are reported."""

    start: int
    end: int
    delegates: list[Term]
    matter: str
    law: str | None
    note: str | None
    report_to: Term | None = None
    cells: list[str] = field(default_factory=list)

    @property
    def delegate(self) -> Term:
        return self.delegates[0]


def rows(text: str, terms: list[Term]) -> list[Row]:
    """The delegation rows of every table whose header names a delegate and a matter."""
    found: list[Row] = []
    columns: dict[str, int] | None = None
    for block in segments.blocks(text):
        if block.kind == "heading" and columns is not None:
            continue  # a section line between rows ("B Ekonomi") keeps the table open
        if block.kind != "row":
            columns = None
            continue
        piped = " | " in block.text
        cells = [c.strip() for c in re.split(r" ?\| ?", block.text)] if piped else block.text.split("\n")
        header = tables.header_columns(cells)
        if header:
            columns = header
            continue
        if columns is None:
            continue
        row = read_row(cells, columns, terms, piped)
        if row is not None:
            row.start, row.end = block.start, block.end
            found.append(row)
    return found


def read_row(cells: list[str], columns: dict[str, int], terms: list[Term], piped: bool) -> Row | None:
    """One row's delegation, or None when its delegate cell names no post."""
    cell = cells_by_role(cells, columns) if piped else cells_by_kind(cells, columns, terms)
    delegate = post_term(cell.get("delegate", ""), terms)
    if delegate is None:
        return None
    delegates = [delegate]
    for name in re.split(r"\s*(?:,|;|/|\beller\b|\boch\b(?= [A-ZÅÄÖ]))\s*", cell.get("substitute", "")):
        substitute = post_term(name, terms)
        if substitute is not None and substitute.key not in {d.key for d in delegates}:
            delegates.append(substitute)
    report = find_mentions(cell.get("report", ""), terms)
    return Row(0, 0, delegates, cell.get("matter", ""), cell.get("law") or None, cell.get("note") or None,
               report[0].term if report else None, cells)


def cells_by_role(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    """A "cell | cell" row: each role's cell by its column."""
    out = {name: cells[i] for name, i in columns.items() if i < len(cells) and cells[i] not in _EMPTY}
    if "law" not in out and _LAW.search(out.get("note", "")):  # a law in the note's column
        out["law"] = out.pop("note")
    return out


def cells_by_kind(cells: list[str], columns: dict[str, int], terms: list[Term]) -> dict[str, str]:
    """A flattened row (empty cells may be missing): number and matter by position, then
    the delegate; later cells by what they are: a post right after the delegate is the
    substitute when the header has that column, a law goes to the law, the rest to the note."""
    cells = cells[1:] if tables.is_row_number(cells[0]) else cells
    out = {"matter": cells[0]} if cells else {}
    if len(cells) < 2:
        return out
    out["delegate"] = cells[1]
    for at, cell in enumerate(cells[2:]):
        if cell in _EMPTY:
            continue
        if at == 0 and "substitute" in columns and not _LAW.search(cell) and post_term(cell, terms) is not None:
            out["substitute"] = cell
        elif _LAW.search(cell) and "law" not in out:
            out["law"] = cell
        else:
            out["note"] = f"{out['note']} {cell}" if "note" in out else cell
    return out
