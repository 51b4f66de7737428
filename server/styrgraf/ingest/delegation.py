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
from dataclasses import dataclass

from styrgraf.ingest import flat_rows, segments, tables
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

    @property
    def delegate(self) -> Term:
        return self.delegates[0]


def rows(text: str, terms: list[Term], order: bool = False) -> list[Row]:
    """The delegation rows of every table whose header names a delegate and a matter; in a
    delegation order also rows flattened to lines with no header left ("1.2 Matter Post")."""
    found: list[Row] = []
    columns: dict[str, int] | None = None
    blocks = segments.blocks(text)
    for at, block in enumerate(blocks):
        if line_row(block.text):
            run = columns is not None or (order and any(line_row(b.text) for b in blocks[max(0, at - 1):at + 2:2]))
            cells = flat_rows.split_line(block.text, terms) if run else None
            row = read_row(cells, terms) if cells else None
            if row is not None:
                row.start, row.end = block.start, block.end
                found.append(row)
            continue
        if block.kind == "heading" and columns is not None and not tables.line_header(block.text):
            continue  # a section line between rows ("B Ekonomi") keeps the table open
        if tables.line_header(block.text):
            columns = tables.line_header(block.text)
            continue
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
        row = read_row(cells_by_role(cells, columns) if piped else cells_by_kind(cells, columns, terms), terms)
        if row is not None:
            row.start, row.end = block.start, block.end
            found.append(row)
    return found


def line_row(body: str) -> bool:
    """A block that may be a row flattened to one line: a row number, then no sentence."""
    return tables.is_line_row(body) and " | " not in body and "\n" not in body and len(body) <= 300 and \
        not re.search(r"[.!?:]\s+[A-ZÅÄÖ]", body)


def read_row(cell: dict[str, str], terms: list[Term]) -> Row | None:
    """One row's delegation from its cells by role, or None when its delegate names no post.
    A delegate cell may name several ("Förvaltningschef/enhetschef", "Ekonomichef
    (controller)"): the first is the delegate, the rest stand in as substitutes do."""
    delegates: list[Term] = []
    for name in split_posts(cell.get("delegate", "")) + split_posts(cell.get("substitute", "")):
        term = post_term(name, terms)
        if term is not None and term.key not in {d.key for d in delegates}:
            delegates.append(term)
    if not delegates or not split_posts(cell.get("delegate", "")) or \
            post_term(split_posts(cell["delegate"])[0], terms) is None:
        return None
    report = find_mentions(cell.get("report", ""), terms)
    return Row(0, 0, delegates, cell.get("matter", ""), cell.get("law") or None, cell.get("note") or None,
               report[0].term if report else None)


def split_posts(cell: str) -> list[str]:
    """The posts a cell lists: "A/B", "A, B", "A eller B", "A (B)", "A med B som ersättare"."""
    cell = re.sub(r"\s+som\s+ersättare\b|\bersättare\s*:?", " ", cell, flags=re.I)
    parts = re.split(r"\s*(?:/|,|;|\(|\)|\beller\b|(?<!-)\s\boch\b|\bmed\b)\s*", cell)
    return [p.strip() for p in parts if p and p.strip() and p.strip() not in _EMPTY]


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
