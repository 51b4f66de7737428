"""Tables in extracted text: the columns of a delegation table's header, and tables that
extraction flattened to one cell per line.

A table comes in two forms. Word and HTML give rows as one line, "cell | cell | cell";
a PDF gives the header's cells one per line, then each row as its number on a line of
its own followed by its cells, one per line, with empty cells dropped or shown as "–".
``partition`` finds the second form in a page's lines so that ``normalise`` keeps each
row together (one block, one cell per line) instead of joining cells into prose.
"""
from __future__ import annotations

import re

# The role of a header cell, first match wins: "Vidaredelegering" and "Delegationsärende"
# name no delegate, "Anmäls till" no note.
ROLES: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(pattern, re.I)) for name, pattern in (
    ("redelegation", r"^vidare"),
    ("substitute", r"^ersättare|^vid (?:förfall|frånvaro)|^ställföreträdare"),
    ("number", r"^(?:nr|nummer|num|punkt|löp(?:nummer|nr)|id|ref|#)\.?$"),
    ("report", r"^anmäl(?:s|an|ning)|^återrapport"),
    ("law", r"lagrum|lagstöd|författning|^lag\b|rättslig grund|^stöd|^lag(?:/|\s)"),
    ("note", r"^anm(?:\.|ärkning)|kommentar|villkor|notering|begränsning|^övrigt|^not\b|^förtydligande"),
    ("delegate", r"delegat(?!ion)|^beslutande|delegera(?:d|s) till|beslutsfattare|befattning|^beslutar$|"
                 r"^beslutsnivå|^ansvarig$"),
    ("matter", r"ärende|^beslut|beskrivning|befogenhet|område$|^delegation(?:en)?(?: avser)?$|^avser$|^uppgift|^frågor$"),
    ("substitute", r"ersättare"),
))
_ROW_NUMBER = re.compile(r"^(?:[A-ZÅÄÖ]{0,2}\d{1,3}(?:\.\d{1,3}){0,3}\.?|[A-ZÅÄÖ]\.\d{1,3})$")
# a section line inside a table: "2. Ekonomi", "B Personal"
_SECTION = re.compile(r"^(?:\d{1,2}\.?|[A-ZÅÄÖ])\s+[A-ZÅÄÖ][\wåäö-]*(?:\s+[\wåäö-]+){0,5}$")
_PAGE_MARK = re.compile(r"^\s*(?:\d{1,4}\s+)?(?:sida|sidan|page|s\.)\s+\d{1,4}\s*(?:av|/|of|\()\s*\d{1,4}\)?\s*$", re.I)


def role(cell: str) -> str | None:
    """The column a header cell names, or None."""
    cell = cell.strip()
    if not cell or len(cell) > 40:
        return None
    return next((name for name, pattern in ROLES if pattern.search(cell)), None)


def header_columns(cells: list[str]) -> dict[str, int] | None:
    """The column of each role if these cells are a delegation table's header (it names a
    delegate column and a matter column, and every named cell is short)."""
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if len(cell.strip()) > 40:
            return None
        name = role(cell)
        if name and name not in columns:
            columns[name] = i
    return columns if "delegate" in columns and "matter" in columns else None


def is_row_number(line: str) -> bool:
    """A line that is only a row's number: "1.1", "12", "A3", "B.2"."""
    return bool(_ROW_NUMBER.match(line.strip()))


def is_cell_block(body: str) -> bool:
    """A stored block that is a flattened table's header or row (one cell per line)."""
    lines = body.split("\n")
    if len(lines) < 2:
        return False
    return is_row_number(lines[0]) or header_columns(lines) is not None and all(len(x) <= 40 for x in lines)


_LINE_ROW = re.compile(r"^\s*(?:[A-ZÅÄÖ]?\d{1,3}(?:\.\d{1,3}){1,3}|[A-ZÅÄÖ]\d{1,3})\s+\S")
_LOOSE_ROW = re.compile(r"^\s*(?:[A-ZÅÄÖ]?\d{1,3}(?:\.\d{1,3}){0,3}\.?|[A-ZÅÄÖ]\d{1,3})\s+[A-ZÅÄÖ]")


def line_header(line: str) -> dict[str, int] | None:
    """A header written on one line, its cells separated by spaces ("Nr Ärende Delegat
    Lagrum"): at least three words name columns, and most of its words do."""
    words = line.split()
    if not 3 <= len(words) <= 12 or len(line) > 90 or "|" in line or re.search(r"[.,;:]\s*$", line):
        return None
    named = [w for w in words if role(w)]
    return header_columns(words) if len(named) >= 3 and len(named) >= 0.6 * len(words) else None


def is_line_row(line: str, loose: bool = False) -> bool:
    """A line that opens with a row's number and goes on with the row: "1.2 Yttrande …";
    ``loose`` (under a header): also a plain number, "12 Yttrande …"."""
    return bool(_LINE_ROW.match(line) or (loose and _LOOSE_ROW.match(line)))


def line_rows_end(lines: list[str], i: int) -> int:
    """Where rows written one a line, from line ``i``, end: a header line and at least one
    row, or at least two rows in a row; 0 when there are none. A line that opens with
    no number continues the row above (a cell wrapped by the page)."""
    header = bool(line_header(lines[i]))
    j = i + 1 if header else i
    if j == i and (i > 0 and lines[i - 1].strip() and is_line_row(lines[i - 1])):
        return 0
    rows = 0
    while j < len(lines) and lines[j].strip() and (is_line_row(lines[j], header) or rows):
        rows += is_line_row(lines[j], header)
        j += 1
    return j if rows >= (1 if j > i and line_header(lines[i]) else 2) else 0


def line_blocks(lines: list[str]) -> list[str]:
    """Rows written one a line as blocks: the header, then each row (wrapped lines joined)."""
    blocks: list[str] = []
    header = bool(lines) and bool(line_header(lines[0]))
    for line in lines:
        line = " ".join(line.split())
        if blocks and not is_line_row(line, header) and not line_header(line):
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(line)
    return blocks


def partition(lines: list[str]) -> list[tuple[list[str], bool]]:
    """Split a text's lines into runs of ordinary text and flattened tables (flag True)."""
    out: list[tuple[list[str], bool]] = []
    i = start = 0
    while i < len(lines):
        length = header_length(lines, i)
        ends = line_rows_end(lines, i) if not length and lines[i].strip() else 0
        if not length and not ends:
            i += 1
            continue
        end = ends or table_end(lines, i + length)
        if i > start:
            out.append((lines[start:i], False))
        out.append((lines[i:end], True))
        i = start = end
    if start < len(lines):
        out.append((lines[start:], False))
    return out


def header_length(lines: list[str], i: int) -> int:
    """How many lines from ``i`` are a header written one cell per line (0 if none)."""
    if i > 0 and lines[i - 1].strip():
        return 0
    if line_header(lines[i]):  # the header on one line, the cells below one a line
        following = [x.strip() for x in lines[i + 1:i + 6] if x.strip()][:2]
        if following and _SECTION.match(following[0]):
            following = following[1:]
        return 1 if following and is_row_number(following[0]) else 0
    j = i
    while j < len(lines) and lines[j].strip() and role(lines[j]):
        j += 1
    return j - i if j - i >= 3 and header_columns([x.strip() for x in lines[i:j]]) else 0


def table_end(lines: list[str], i: int) -> int:
    """Where a flattened table that continues at line ``i`` ends: at a blank line unless a
    row number follows it (after any page marks and one section line)."""
    while i < len(lines):
        if not lines[i].strip():
            following = [x.strip() for x in lines[i:] if x.strip() and not _PAGE_MARK.match(x)][:2]
            if following and _SECTION.match(following[0]):
                following = following[1:]
            if not following or not is_row_number(following[0]):
                return i
        i += 1
    return i


def row_blocks(lines: list[str]) -> list[str]:
    """A flattened table as stored blocks: the header, section lines, then each row with
    its cells one per line. Page marks inside the table are dropped."""
    if not header_length(["", *lines], 1):
        return line_blocks(lines)
    cells = [" ".join(x.split()) for x in lines]
    cells = [x for x in cells if x and not _PAGE_MARK.match(x)]
    width = 1 if line_header(cells[0]) else 0
    while not line_header(cells[0]) and width < len(cells) and role(cells[width]):
        width += 1
    blocks = ["\n".join(cells[:width])]
    current: list[str] = []
    for at, cell in enumerate(cells[width:], start=width):
        following = cells[at + 1] if at + 1 < len(cells) else ""
        section = _SECTION.match(cell) and (is_row_number(following) or not following)
        if is_row_number(cell) or section:
            if current:
                blocks.append("\n".join(current))
            current = [] if section else [cell]
            if section:
                blocks.append(cell)
            continue
        current.append(cell)
    if current:
        blocks.append("\n".join(current))
    return blocks
