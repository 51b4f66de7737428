"""``styrgraf bench-ingest``: time and peak memory of ``styrgraf ingest`` on large and
awkward documents (issue #23), each ingested by a fresh ``styrgraf ingest`` process
exactly as a curator runs it: a 300-page text-layer PDF, and texts of a given size in
the shapes that made ingest superlinear (the seeds repeated, one paragraph without a full
stop, a long list, a long table). Prints each figure beside its target."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from styrgraf import resources

PDF_SECONDS, PDF_MB, RATE_KB_S = 30.0, 500.0, 100.0  # issue #23's targets
SHAPES = ("seeds", "run-on", "list", "table")


def seed_text() -> str:
    """The shipped seed documents, one after the other."""
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((resources.data_dir() / "sources").glob("*.txt")))


def shaped(shape: str, size: int) -> str:
    """About ``size`` characters of text in one shape."""
    seeds = seed_text()
    if shape == "seeds":
        return (seeds * (size // len(seeds) + 1))[:size]
    if shape == "run-on":  # one paragraph, no full stop anywhere
        words = re.sub(r"[.!?]", "", seeds).split()
        return " ".join(words * (size // len(" ".join(words)) + 1))[:size]
    lines = [line.strip() for line in seeds.splitlines() if 30 < len(line.strip()) < 200]
    if shape == "list":  # one list of short lines, as a PDF or an e-mail gives it
        out = [f"- {lines[n % len(lines)][:46]}" for n in range(size // 50)]
        return "Kommunstyrelsen ansvarar för följande uppgifter:\n" + "\n".join(out) + "\n"
    if shape == "table":  # a delegation table of many rows
        return "\n\n".join(f"{n}. | Beslut enligt {lines[n % len(lines)][:40]} | 6 kap. 37 § KL | "
                           f"Förvaltningschef | Anmäls till nämnden" for n in range(size // 110)) + "\n"
    raise ValueError(f"no shape {shape!r}: one of {', '.join(SHAPES)}")


def write_pdf(path: Path, pages: int) -> int:
    """A text-layer PDF of ``pages`` A4 pages from the seeds (a running header and page
    numbers, as a municipality's PDF has); returns its characters of text."""
    try:
        from fpdf import FPDF
    except ImportError:
        raise SystemExit("styrgraf bench-ingest: generating the PDF needs fpdf2 (pip install -e '.[test]')") from None
    blocks = [b.strip() for b in seed_text().split("\n\n") if b.strip()]
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    written, n = 0, 0
    while True:
        block = blocks[n % len(blocks)].encode("latin-1", "replace").decode("latin-1")
        pdf.set_font("Helvetica", size=10)
        height = 5 * len(pdf.multi_cell(0, 5, block, dry_run=True, output="LINES")) if pdf.page_no() else 999
        if pdf.page_no() == 0 or pdf.get_y() + height > 277:
            if pdf.page_no() == pages:
                break
            pdf.add_page()
            pdf.set_font("Helvetica", size=8)
            pdf.cell(0, 6, f"Delegeringsordning för kommunstyrelsen - sida {pdf.page_no()} av {pages}")
            pdf.ln(10)
            pdf.set_font("Helvetica", size=10)
            if 5 * len(pdf.multi_cell(0, 5, block, dry_run=True, output="LINES")) > 250:
                n += 1  # a block longer than a page is left out
                continue
        pdf.multi_cell(0, 5, block)
        pdf.ln(3)
        written += len(block)
        n += 1
    pdf.output(str(path))
    return written


def run_ingest(path: Path, out: Path) -> dict:
    """``styrgraf ingest PATH`` in a fresh process: wall seconds, the peak memory of the
    process and its reading child (MB), and the exit code."""
    command = [sys.executable, "-m", "styrgraf.cli", "ingest", str(path), "--org", "bench", "--out", str(out),
               "--format", "json"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    candidates = output.count(b'"predicate"')
    cpu = usage.ru_utime + usage.ru_stime  # with the reading child: on a shared machine, what the work took
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1),
            "exit": process.returncode, "candidates": candidates}


def measure(pages: int, size_kb: int, shapes: tuple[str, ...], echo: Callable[[str], None]) -> dict:
    """Ingest the PDF and each shape; the figures and the targets, met or not."""
    figures: dict = {"machine": machine(), "runs": []}
    echo(f"load average {figures['machine']['load']}: figures are wall time on this machine as it is now")
    with tempfile.TemporaryDirectory(prefix="styrgraf-bench-ingest-") as scratch:
        scratch = Path(scratch)
        inputs = []
        if pages:
            pdf = scratch / f"delegering-{pages}.pdf"
            chars = write_pdf(pdf, pages)
            inputs.append((f"PDF, {pages} pages", pdf, chars))
        for shape in shapes:
            path = scratch / f"{shape}.txt"
            path.write_text(shaped(shape, size_kb * 1000), encoding="utf-8")
            inputs.append((f"text, {shape}", path, len(path.read_text(encoding="utf-8"))))
        for label, path, chars in inputs:
            run = {"input": label, "bytes": path.stat().st_size, "characters": chars,
                   **run_ingest(path, scratch / "out")}
            run["kb_per_s"] = round(chars / 1000 / run["seconds"], 1)
            run["kb_per_cpu_s"] = round(chars / 1000 / max(run["cpu_seconds"], 0.01), 1)
            run["targets"] = verdicts(run, pdf=label.startswith("PDF"))
            figures["runs"].append(run)
            echo(line(run))
    return figures


def verdicts(run: dict, pdf: bool) -> dict:
    """Each target of issue #23 this run answers to: met, or not."""
    out = {f"≥ {RATE_KB_S:g} kB/s": run["kb_per_s"] >= RATE_KB_S}
    if pdf:
        out[f"< {PDF_SECONDS:g} s"] = run["seconds"] < PDF_SECONDS
        out[f"< {PDF_MB:g} MB"] = run["peak_mb"] < PDF_MB
    return out


def line(run: dict) -> str:
    targets = ", ".join(f"{name} {'met' if ok else 'NOT MET'}" for name, ok in run["targets"].items())
    return (f"{run['input']:<18} {run['characters']:>9,} chars {run['seconds']:>6.1f} s ({run['cpu_seconds']:.1f} s CPU) "
            f"{run['peak_mb']:>5.0f} MB {run['kb_per_s']:>6.1f} kB/s ({run['kb_per_cpu_s']:.1f} a CPU second) "
            f"{run['candidates']:>5} candidates, exit {run['exit']} ({targets})")


def machine() -> dict:
    """What the figures were measured on."""
    import platform
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
