"""Read a PDF, Word (DOCX), HTML or plain-text file into text with its structure:
headings and paragraphs as blocks, list items as "- item", table rows as
"cell | cell". ``normalise`` then gives the stored form."""
from __future__ import annotations

from pathlib import Path

from styrgraf.ingest.errors import IngestError
from styrgraf.ingest.pdf import read_pdf



def read(path: Path) -> str:
    """The text of a document by its file type (.pdf, .docx, .html/.htm, anything else as text).

    Raises:
        IngestError: the file is missing, unreadable, or not of the type its name says.
    """
    path = Path(path)
    if not path.is_file():
        raise IngestError(path, "no such file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix == ".docx":
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
            blocks.append(" | ".join(cells))
            continue
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(f"- {text}" if element.tag == "li" else text)
    return "\n\n".join(blocks)
