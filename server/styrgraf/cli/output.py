"""How commands print rows: a table that fits the terminal (cells wrapped, never cut),
the full text when the output is piped, or CSV and JSON for other tools."""
from __future__ import annotations

import json
import shutil
import sys
import textwrap

import click

FORMATS = ("table", "csv", "json")
GAP = "  "
MIN_COLUMN = 8


def terminal_width() -> int | None:
    """The terminal's width in columns, or None when stdout is not a terminal (piped:
    then tables keep every cell whole on one line)."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size((100, 24)).columns


def format_option(choices=FORMATS, default: str = "table"):
    """``--format``: a table for people, CSV for spreadsheets, JSON for tools."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
                        help="table for the terminal (fitted to its width; whole cells when piped), "
                             "csv for spreadsheets, json for tools.")


def _fit_widths(natural: list[int], width: int) -> list[int]:
    """Column widths whose sum (with the gaps) fits ``width``: columns narrower than a
    common cap keep their width, the wider ones are cut to the largest cap that fits."""
    room = width - len(GAP) * (len(natural) - 1)
    if sum(natural) <= room:
        return list(natural)
    floor = MIN_COLUMN if MIN_COLUMN * len(natural) <= room else max(1, room // len(natural))
    floors = [min(n, floor) for n in natural]
    if sum(floors) >= room:  # a very narrow terminal, or very many columns
        return floors
    low, high = floor, max(natural)
    while low < high:  # the largest cap whose widths fit
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for f, n in zip(floors, natural)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [max(f, min(n, low)) for f, n in zip(floors, natural)]
    spare = room - sum(widths)
    for i, n in enumerate(natural):  # what the cap leaves over goes to the columns still cut
        if spare > 0 and n > widths[i]:
            widths[i] += 1
            spare -= 1
    return widths


def _cell_lines(text: str, width: int | None) -> list[str]:
    if width is None or len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def table(header: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """Rows as a plain-text table. With ``width`` (a terminal) long cells wrap onto more
    lines within their column; without (piped) every cell is whole on one line."""
    cells = [[" ".join(str(c).split()) for c in row] for row in rows]  # a cell never breaks a table's line
    natural = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(header)]
    widths = _fit_widths(natural, width) if width else natural
    lines = _lines(header, widths, width)
    lines.append(GAP.join("-" * w for w in widths))
    for row in cells:
        lines += _lines(row, widths, width)
    return "\n".join(lines)


def _lines(row: list[str], widths: list[int], width: int | None) -> list[str]:
    wrapped = [_cell_lines(cell, w if width else None) for cell, w in zip(row, widths)]
    return [GAP.join((parts[n] if n < len(parts) else "").ljust(w) for parts, w in zip(wrapped, widths)).rstrip()
            for n in range(max(len(parts) for parts in wrapped))]


def dict_table(rows: list[dict], width: int | None = None) -> str:
    """Dicts (all with the first one's keys) as a table; ``(no rows)`` when empty."""
    if not rows:
        return "(no rows)"
    header = list(rows[0])
    from styrgraf.analysis.exports import cell  # lazily: exports imports networkx
    return table(header, [[cell(row.get(h, "")) for h in header] for row in rows], width)


def to_csv(rows: list[dict]) -> str:
    """Dicts as CSV with a header line (the same writer as the API's)."""
    from styrgraf.analysis.exports import to_csv as write
    return write(rows)


def emit(fmt: str, result, rows: list[dict]) -> None:
    """Print an analysis: ``result`` whole as JSON, or its flat ``rows`` as CSV or a table."""
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(to_csv(rows), nl=False)
    else:
        click.echo(dict_table(rows, terminal_width()))
