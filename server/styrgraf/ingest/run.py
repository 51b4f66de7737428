"""One ``styrgraf ingest`` of one document, within its limits: check the key and the
output folder at the edge, read and propose in a capped child process (with a progress
bar for long PDFs), then write the draft's files under the output folder."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from styrgraf.ingest.errors import IngestError
from styrgraf.ingest.limits import Limits, Reading, in_child, output_folder
from styrgraf.ingest.model import IngestResult

PROGRESS_PAGES = 5  # a progress bar for documents longer than this


@dataclass
class Ingested:
    """What an ingest wrote: the result, the files (stored text, draft, JSON) and the
    pages skipped."""

    result: IngestResult
    files: list[Path]
    notes: list[str] = field(default_factory=list)


def ingest_document(path: Path, org: str, out_dir: Path, *, name: str | None = None, kind: str | None = None,
                    limits: Limits | None = None, progress: bool = True) -> Ingested:
    """Ingest ``path`` for organisation ``org`` into ``out_dir`` (see ``pipeline.ingest_file``).

    Raises:
        IngestError: the key, the output folder or the document is refused, or reading
            passed a limit; nothing is written then.
    """
    from styrgraf.ingest.nodes import KEY_RULE, is_key, slug
    if not is_key(org):
        raise IngestError(f"--org {org}", f"not a key: a key is {KEY_RULE}; try --org {slug(org)}")
    limits = limits or Limits()
    folder = output_folder(out_dir)
    path = Path(path)
    if not path.is_file():
        raise IngestError(path, "no such file")
    curated = folder / f"{org}.ttl"

    def work():
        from styrgraf.ingest.drafts import render_draft
        from styrgraf.ingest.pipeline import ingest_file
        reading = Reading(limits, progress=page_bar() if progress else None)
        result = ingest_file(path, org, name=name, kind=kind, curated=curated if curated.is_file() else None,
                             reading=reading)
        if not result.text.strip():
            detail = "; ".join(reading.notes) or "the document holds no text"
            raise IngestError(path, f"no text could be read: {detail}")
        return result, render_draft(result, folder), reading.notes

    result, files, notes = in_child(work, limits, path)
    from styrgraf.ingest.turtle import write_atomic
    for target, text in files.items():
        write_atomic(target, text)
    return Ingested(result, list(files), notes)


def page_bar():
    """``progress(done, total)`` drawing a bar on stderr once a PDF has more than a few pages."""
    state: dict = {}

    def progress(done: int, total: int) -> None:
        if total <= PROGRESS_PAGES:
            return
        if "bar" not in state:
            state["bar"] = click.progressbar(length=total, label="Reading pages", file=sys.stderr)
            state["bar"].__enter__()
        state["bar"].update(1)
        if done == total:
            state["bar"].__exit__(None, None, None)

    return progress


def limit_options(command):
    """The flags of ``Limits`` (README, "Security and limits"); the command gets them as
    ``max_pages``, ``max_size``, ``max_memory``, ``ocr_timeout`` and ``time_limit``."""
    default = Limits()
    options = [
        click.option("--max-pages", type=click.IntRange(1), default=default.max_pages, show_default=True,
                     help="Most pages a PDF may have."),
        click.option("--max-size", type=click.IntRange(1), default=default.max_size_mb, show_default=True,
                     help="Most MB the file, or anything in it unpacked (a stream, a DOCX part, the text), may be."),
        click.option("--max-memory", type=click.IntRange(64), default=default.max_memory_mb, show_default=True,
                     help="Most MB of memory reading may take (the reading process's address space)."),
        click.option("--ocr-timeout", type=click.FloatRange(0.01), default=default.ocr_timeout, show_default=True,
                     help="Seconds OCR may spend on one scanned page; a slower page is skipped and said."),
        click.option("--time-limit", type=click.FloatRange(0.1), default=default.time_limit, show_default=True,
                     help="Seconds the whole reading may take."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def limits_of(max_pages: int, max_size: int, max_memory: int, ocr_timeout: float, time_limit: float) -> Limits:
    """The Limits the flags of ``limit_options`` give."""
    return Limits(max_pages, max_size, max_memory, ocr_timeout, time_limit)
