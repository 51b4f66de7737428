"""PDF text with its layout: lines in reading order (two columns read one after the
other), blank lines at paragraph gaps and around headings, pages separated by form
feeds; a page without a text layer is read by Tesseract OCR (Swedish) when installed."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from styrgraf.ingest.errors import IngestError
from styrgraf.ingest.limits import Reading

OCR_HELP = ("has pages without a text layer (a scan); reading them needs Tesseract OCR with Swedish: "
            "apt-get install tesseract-ocr tesseract-ocr-swe")


@dataclass
class Fragment:
    x: float
    y: float
    size: float
    bold: bool
    text: str


def read_pdf(path: Path, reading: Reading | None = None) -> str:
    """The text of a PDF, page by page (form feeds between pages); a scanned page that
    cannot be read is skipped and said in ``reading.notes``.

    Raises:
        IngestError: the file is not a readable PDF, is over a limit, or needs OCR and
            Tesseract is missing.
    """
    import pypdf
    reading = reading or Reading()
    limits = reading.limits
    try:
        with configured(pypdf, limits.max_bytes):
            reader = pypdf.PdfReader(str(path))
            count = len(reader.pages)
            if count > limits.max_pages:
                raise IngestError(path, f"has {count} pages, over the limit of {limits.max_pages} (--max-pages)")
            pages = []
            for number, page in enumerate(reader.pages, 1):
                pages.append(page_text(page, path, number, reading))
                if reading.progress:
                    reading.progress(number, count)
    except (IngestError, MemoryError):
        raise
    except RecursionError:
        raise IngestError(path, "not a readable PDF: nested too deeply (a reference chain or a loop)") from None
    except Exception as error:  # pypdf raises many kinds on a broken or hostile file
        raise IngestError(path, f"not a readable PDF: {describe(error)}") from None
    return "\f".join(pages)


@contextmanager
def configured(pypdf, max_bytes: int):
    """pypdf's own limits (pypdf 7 and later) set to --max-size: what a stream, an image
    or a filter may unpack to."""
    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:
        yield
        return
    sizes = ("maximum_declared_stream_length", "array_based_stream_maximum_output_length",
             "jbig2_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
             "zlib_maximum_output_length", "brotli_maximum_output_length", "image_maximum_buffer_size")
    known = {f for f in getattr(pypdf.Configuration, "__dataclass_fields__", {})}
    with apply(**{name: max_bytes for name in sizes if name in known}):
        yield


def describe(error: Exception) -> str:
    """An exception as a short reason: its kind and the first line of its message."""
    message = (str(error).splitlines() or [""])[0][:200]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def page_text(page, path: Path, number: int = 1, reading: Reading | None = None) -> str:
    """One page: its text layer in reading order, or OCR when it has none."""
    fragments: list[Fragment] = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (tm[3] * cm[3]) or 1
        name = str((font or {}).get("/BaseFont", ""))
        for line in text.split("\n"):
            if line.strip():
                fragments.append(Fragment(x, y, abs(size * scale), "Bold" in name, line))

    page.extract_text(visitor_text=visit)
    if not fragments:
        return ocr_page(page, path, number, reading or Reading())
    width = float(page.mediabox.width)
    return layout(fragments, width)


def layout(fragments: list[Fragment], width: float) -> str:
    """Order fragments into lines and columns; mark paragraph gaps and headings."""
    middle = width / 2
    right = [f for f in fragments if f.x > middle - 5]
    left = [f for f in fragments if f.x <= middle - 5]
    body = statistics.median([f.size for f in fragments])
    if len(right) >= 3 and len(left) >= 3:
        # the columns' band; what lies clearly above or below it (running headers and
        # footers) is read across the page. Columns may start a line or two apart.
        slack = 2.5 * body
        low = max(min(f.y for f in right), min(f.y for f in left)) - slack
        high = min(max(f.y for f in right), max(f.y for f in left)) + slack
        above = [f for f in fragments if f.y > high]
        below = [f for f in fragments if f.y < low]
        inside_left = [f for f in left if low <= f.y <= high]
        inside_right = [f for f in right if low <= f.y <= high]
        groups = [above, inside_left, inside_right, below]
    else:
        groups = [fragments]
    out: list[str] = []
    for group in groups:
        out.extend(column_lines(group, body))
        out.append("")
    return "\n".join(out)


def column_lines(fragments: list[Fragment], body: float) -> list[str]:
    """Lines of one column, top to bottom, with blank lines at gaps and around headings."""
    rows: list[list[Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: (-f.y, f.x)):
        if rows and abs(rows[-1][0].y - fragment.y) < 2:
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    # a gap wider than one and a half lines of type is a paragraph break
    gaps = [rows[i][0].y - rows[i + 1][0].y for i in range(len(rows) - 1)]
    lines: list[str] = []
    was_heading = False
    for i, row in enumerate(rows):
        text = " ".join(f.text.strip() for f in sorted(row, key=lambda f: f.x))
        heading = row[0].bold or row[0].size > body * 1.1
        gap = gaps[i - 1] if i > 0 else 0
        # a heading is a block of its own; a heading set on two lines stays one block
        if i > 0 and (gap > 1.5 * max(row[0].size, rows[i - 1][0].size) or heading != was_heading):
            lines.append("")
        lines.append(text)
        was_heading = heading
    return lines


def ocr_page(page, path: Path, number: int, reading: Reading) -> str:
    """Run Tesseract (Swedish) on the images of a page that has no text layer; an image
    that cannot be decoded, or that Tesseract does not finish in time, skips the page."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)  # a JPEG may declare 4 G pixels
            images = [image.image for image in page.images]
    except (IngestError, MemoryError):
        raise
    except Exception as error:  # JBIG2 without jbig2dec, a bomb, a broken image: this page only
        reading.notes.append(f"page {number} skipped: its scan cannot be decoded ({describe(error)})")
        return ""
    if not images:
        return ""
    tesseract = shutil.which("tesseract")
    if tesseract is None or "swe" not in languages(tesseract):
        raise IngestError(path, OCR_HELP)
    texts = []
    with tempfile.TemporaryDirectory() as folder:
        for n, image in enumerate(images):
            target = Path(folder) / f"page{n}.png"
            image.save(target)
            # one OpenMP thread: Tesseract's threads fight each other on small machines (8x slower)
            try:
                done = subprocess.run([tesseract, str(target), "stdout", "-l", "swe", "--psm", "4"],
                                      capture_output=True, text=True, timeout=reading.limits.ocr_timeout,
                                      env={**os.environ, "OMP_THREAD_LIMIT": "1"})
            except subprocess.TimeoutExpired:
                reading.notes.append(f"page {number} skipped: OCR took longer than "
                                     f"{reading.limits.ocr_timeout:g} s (--ocr-timeout)")
                return ""
            if done.returncode != 0:
                reading.notes.append(f"page {number} skipped: OCR failed: {done.stderr.strip()[:200]}")
                return ""
            texts.append(done.stdout)
    return "\n\n".join(texts)


def languages(tesseract: str) -> set[str]:
    """The languages Tesseract has data for."""
    done = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30)
    return {line.strip() for line in (done.stdout + done.stderr).splitlines()[1:]}
