"""What one ``styrgraf ingest`` may cost, and where it may write.

A document from e-mail or a municipality's website may be hostile or just unlucky: a
PDF whose page tree loops, a compressed stream that unpacks to gigabytes, a Word file
whose few kilobytes hold millions of paragraphs, a scan Tesseract cannot finish. Reading
runs in a child process with an address-space cap (``resource.setrlimit``) and a wall
clock; pages, sizes and OCR have limits of their own; every limit has a flag and a
default (README, "Security and limits"). Every write is resolved under its folder.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from styrgraf.ingest.errors import IngestError

MB = 1024 * 1024
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")
MAX_IMAGE_PIXELS = 60_000_000  # a scanned A4 page at 600 dpi has 35 M; a JPEG may declare 4 G


@dataclass(frozen=True)
class Limits:
    """The limits of one ingest (each is a flag of ``styrgraf ingest``)."""

    max_pages: int = 1000         # pages in one PDF
    max_size_mb: int = 100        # the file, and what any part of it unpacks to
    max_memory_mb: int = 2048     # address space the reading may add to the command's own
    ocr_timeout: float = 120.0    # seconds Tesseract may spend on one page image
    time_limit: float = 900.0     # seconds for the whole reading

    @property
    def max_bytes(self) -> int:
        return self.max_size_mb * MB


@dataclass
class Reading:
    """One document's reading: its limits, what was skipped (notes for the curator) and
    an optional ``progress(done, total)`` for pages."""

    limits: Limits = field(default_factory=Limits)
    notes: list[str] = field(default_factory=list)
    progress: Callable[[int, int], None] | None = None


def output_folder(out_dir: Path) -> Path:
    """``out_dir`` made absolute, or an IngestError if nothing can be written under it.

    Refused: a path that is a file (or has a file on the way), the kernel's folders
    (/proc, /sys, /dev) and a folder this user may not write to.
    """
    folder = Path(os.path.abspath(out_dir))
    real = folder.resolve()
    if any(real == Path(s) or Path(s) in real.parents for s in SYSTEM_FOLDERS):
        raise IngestError(out_dir, "--out is a kernel folder (/proc, /sys, /dev): give a folder for the drafts")
    existing = next((p for p in (real, *real.parents) if p.exists()), Path("/"))
    if not existing.is_dir():
        raise IngestError(out_dir, f"--out is not a folder: {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise IngestError(out_dir, f"--out cannot be written: no permission to write in {existing}")
    return folder


def under(folder: Path, *parts: str) -> Path:
    """``folder/parts…``, refused (IngestError) unless it resolves inside ``folder``."""
    root = Path(folder).resolve()
    path = root.joinpath(*parts).resolve()
    if root not in path.parents:
        raise IngestError(Path(folder).joinpath(*parts), f"resolves outside {folder}: nothing is written there")
    return path


def in_child(work: Callable[[], object], limits: Limits, path: Path) -> object:
    """Run ``work()`` in a forked child capped at ``limits``; return what it returns.

    Raises:
        IngestError: the work raised one, ran out of memory or time, or died (names
            the file and the limit that stopped it).
    """
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows): in this process, capped by time only in OCR
        return work()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, limits, send, str(path)), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(limits.time_limit):
            raise IngestError(path, f"reading took longer than {limits.time_limit:g} s (--time-limit): stopped")
        kind, value = pickle.loads(receive.recv_bytes())
    except (EOFError, OSError):
        child.join(5)
        raise IngestError(path, f"the reading process died (exit {child.exitcode}), most likely at the memory cap of "
                                f"{limits.max_memory_mb} MB (--max-memory); nothing was written") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "error":
        raise IngestError(*value)
    return value


def _child(work, limits: Limits, send, path: str) -> None:
    """The child: cap the address space, run, send ("ok", result) or ("error", (path, reason))."""
    cap = vm_size() + limits.max_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    capped = f"the memory cap of {limits.max_memory_mb} MB (--max-memory)"
    try:
        payload = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps(("error", (path, f"reading needs more than {capped}; nothing was written")))
    except Exception as error:  # a hostile file raises whatever the library meets first
        path, reason = (error.path, error.reason) if isinstance(error, IngestError) else (path, reason_of(error))
        if vm_size("VmPeak") > 0.9 * cap:  # a library that ran out of memory may say anything ("unknown error")
            reason += f"; reading reached {capped}"
        payload = pickle.dumps(("error", (path, reason)))
    send.send_bytes(payload)
    send.close()


def reason_of(error: Exception) -> str:
    """An unexpected exception as a reason: its kind, message and where it was raised."""
    if isinstance(error, RecursionError):
        return "cannot be read: nested too deeply (a reference chain or a loop)"
    where = traceback.extract_tb(error.__traceback__)[-1]
    return f"cannot be read: {type(error).__name__}: {str(error)[:200]} (in {Path(where.filename).name}:{where.lineno})"


def vm_size(field: str = "VmSize") -> int:
    """This process's address space (``VmSize``) or its peak (``VmPeak``) in bytes; 0
    where /proc is not there."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
