"""Read a PDF, Word (DOCX), HTML or plain-text file into text with its structure:
headings and paragraphs as blocks, list items as "- item", table rows as
"cell | cell". ``normalise`` then gives the stored form."""
from __future__ import annotations

import zipfile
from pathlib import Path

from styrgraf.ingest.errors import IngestError
from styrgraf.ingest.limits import Limits, Reading
from styrgraf.ingest.pdf import read_pdf

MAX_PARTS = 10_000  # files in one DOCX (a real one has a few dozen)


def read(path: Path, reading: Reading | None = None) -> str:
    """The text of a document by its file type (.pdf, .docx, .html/.htm, anything else as text).

    Raises:
        IngestError: the file is missing, unreadable, not of the type its name says, or
            over a limit of ``reading.limits`` (the file or its text over --max-size).
    """
    path = Path(path)
    reading = reading or Reading()
    if not path.is_file():
        raise IngestError(path, "no such file")
    limit = reading.limits.max_bytes
    if path.stat().st_size > limit:
        raise IngestError(path, f"is {path.stat().st_size / 2**20:,.0f} MB, over the limit of "
                                f"{reading.limits.max_size_mb} MB (--max-size)")
    text = read_by_type(path, reading)
    if len(text) > limit:
        raise IngestError(path, f"holds {len(text):,} characters of text, over the limit of "
                                f"{reading.limits.max_size_mb} MB (--max-size)")
    return text


def read_by_type(path: Path, reading: Reading) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(path, reading)
    if suffix == ".docx":
        check_zip(path, reading.limits)
        return read_docx(path)
    if suffix in (".html", ".htm", ".xhtml"):
        return read_html(path)
    if suffix == ".doc":
        raise IngestError(path, "old Word format (.doc): save it as .docx or PDF first")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        try:
            return path.read_text(encoding="cp1252")
        except UnicodeDecodeError as error:
            raise IngestError(path, f"not UTF-8 or Windows-1252 text: {error}") from None
    except OSError as error:
        raise IngestError(path, f"cannot read: {error}") from None


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a DOCX whose parts unpack past --max-size (a zip bomb), before any is read:
    zipfile reads a part only up to the size its entry declares."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise IngestError(path, f"not a readable Word (.docx) file: {error}") from None
    if len(parts) > MAX_PARTS:
        raise IngestError(path, f"a Word file of {len(parts):,} parts, over {MAX_PARTS:,}: not a document")
    unpacked = sum(p.file_size for p in parts)
    if unpacked > limits.max_bytes:
        raise IngestError(path, f"unpacks to {unpacked / 2**20:,.0f} MB, over the limit of {limits.max_size_mb} MB "
                                "(--max-size): a zip bomb, or a document far larger than a governing document")


def read_docx(path: Path) -> str:
    """Paragraphs, list items and table rows of a Word document, in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises zipfile, KeyError or its own errors
        raise IngestError(path, f"not a readable Word (.docx) file: {error}") from None
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            if not text:
                continue
            style = (item.style.name if item.style is not None else "").lower()
            numbered = item._p.pPr is not None and item._p.pPr.numPr is not None
            blocks.append(f"- {text}" if ("list" in style or numbered) and not text.startswith("- ") else text)
        elif isinstance(item, Table):
            for row in item.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                while len(cells) > 1 and not cells[-1]:
                    cells.pop()  # a Word table pads a short row with empty cells: they say nothing
                blocks.append(" | ".join(cells))
    return "\n\n".join(blocks)


def read_html(path: Path) -> str:
    """Block elements of an HTML page as blocks; list items and table rows marked."""
    import lxml.html
    try:
        root = lxml.html.fromstring(path.read_bytes())
    except (lxml.etree.ParserError, ValueError, OSError) as error:
        raise IngestError(path, f"not a readable HTML page: {error}") from None
    for bad in root.xpath("//script|//style|//noscript|//template|//nav|//head|//header|//footer|//aside"):
        bad.drop_tree()  # the site's chrome, not the document
    content = root.xpath("//main|//article")
    root = content[0] if content else root
    blocks: list[str] = []
    for element in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "caption", "pre"):
        if element.tag != "tr" and any(a.tag in ("li", "tr", "p") for a in element.iterancestors()):
            continue  # nested: its text is part of the enclosing block
        if element.tag == "tr":
            cells = [" ".join(c.text_content().split()) for c in element.iterchildren("td", "th")]
            while len(cells) > 1 and not cells[-1]:
                cells.pop()  # empty trailing cells say nothing (a Word table pads its rows the same way)
            blocks.append(" | ".join(cells))
            continue
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(f"- {text}" if element.tag == "li" else text)
    return "\n\n".join(blocks)
