"""`styrgraf ingest` on hostile and unlucky input (issue #23): every write under --out,
keys checked at the edge, hostile PDFs and Word files refused with exit 2 naming the file
and the reason, within the limits of their flags; a scan that cannot be read is skipped
and said, not fatal. Through the CLI, as a curator runs it."""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ingest"))
import builders  # noqa: E402
import hostile  # noqa: E402

from styrgraf import resources  # noqa: E402
from styrgraf.cli import main  # noqa: E402
from styrgraf.ingest.normalise import normalise  # noqa: E402

SEED = resources.data_dir() / "sources" / "000_ca168a8a641b938f.txt"


def ingest(*args: str):
    return CliRunner().invoke(main, ["ingest", *args])


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def refused(outcome, *reasons: str) -> None:
    assert outcome.exit_code == 2, outcome.output
    assert "Traceback" not in outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    for reason in reasons:
        assert reason in outcome.output, outcome.output


@pytest.mark.parametrize("org", ["../../../x", "/tmp/abs", "a b", 'q"uote', "{brace}", "back\\slash", "k" * 200, ""])
def test_a_key_is_checked_before_anything_is_read_or_written(tmp_path, org):
    out = tmp_path / "out" / "deep"
    outcome = ingest(str(SEED), "--org", org, "--out", str(out))
    refused(outcome, "lower-case letters a-z, digits and single hyphens" if org else "--org KEY is required")
    assert files_under(tmp_path) == set()


@pytest.mark.parametrize("where,reason", [
    ("file", "is not a folder"), ("file/below", "is not a folder"),
    ("/proc", "kernel folder"), ("/proc/self", "kernel folder"), ("/sys", "kernel folder"),
    ("/dev/shm", "kernel folder"),
])
def test_out_must_be_a_folder_that_can_be_written(tmp_path, where, reason):
    (tmp_path / "file").write_text("not a folder")
    out = where if where.startswith("/") else str(tmp_path / where)
    refused(ingest(str(SEED), "--org", "kommun-x", "--out", out), out, reason)
    assert files_under(tmp_path) == {tmp_path / "file"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_out_is_refused(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    refused(ingest(str(SEED), "--org", "kommun-x", "--out", str(locked / "data")), "no permission")


def test_a_sources_folder_linked_outside_is_not_written_through(tmp_path):
    outside, out = tmp_path / "outside", tmp_path / "out"
    outside.mkdir()
    out.mkdir()
    (out / "sources").symlink_to(outside)
    refused(ingest(str(SEED), "--org", "kommun-x", "--out", str(out)), "resolves outside")
    assert files_under(outside) == set() and not (out / "drafts").exists()


HOSTILE_PDFS = [
    ("parent_cycle", [], "cyclic page references"),
    ("self_length", [], "self reference"),
    ("huge_length", [], "exceeds maximum allowed length"),
    ("reference_chain", [], "no text could be read"),
    ("flate_bomb", ["--max-size", "10"], "Limit reached while decompressing"),
    ("jbig2", [], "page 1 skipped: its scan cannot be decoded"),
    ("huge_jpeg", [], "DecompressionBombError"),
]


@pytest.mark.parametrize("name,flags,reason", HOSTILE_PDFS, ids=[h[0] for h in HOSTILE_PDFS])
def test_a_hostile_pdf_is_refused_in_bounded_time(tmp_path, name, flags, reason):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(getattr(hostile, name)())
    started = time.monotonic()
    outcome = ingest(str(path), "--org", "kommun-x", "--out", str(tmp_path / "out"), "--time-limit", "60", *flags)
    refused(outcome, f"{path}: ", reason)
    assert time.monotonic() - started < 30
    assert not (tmp_path / "out").exists()


def test_too_many_pages_is_refused_before_any_is_read(tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(hostile.simple(pages=12))
    refused(ingest(str(path), "--org", "kommun-x", "--out", str(tmp_path / "out"), "--max-pages", "10"),
            "has 12 pages, over the limit of 10 (--max-pages)")
    assert ingest(str(path), "--org", "kommun-x", "--out", str(tmp_path / "out")).exit_code == 0


def test_a_docx_zip_bomb_is_refused_from_its_directory(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(hostile.docx_bomb(400_000))  # 24 MB of paragraphs in 70 kB
    assert path.stat().st_size < 200_000
    refused(ingest(str(path), "--org", "kommun-x", "--out", str(tmp_path / "out"), "--max-size", "10"),
            "unpacks to 23 MB, over the limit of 10 MB (--max-size)")


def test_memory_past_the_cap_ends_reading_not_the_machine(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(hostile.docx_bomb(1_000_000))  # 58 MB of XML: python-docx needs several times that
    outcome = ingest(str(path), "--org", "kommun-x", "--out", str(tmp_path / "out"), "--max-memory", "200")
    refused(outcome, str(path), "memory cap of 200 MB (--max-memory)")
    assert not (tmp_path / "out").exists()


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Kommunstyrelsen ansvarar för ekonomin.\n\n" * 60_000)
    refused(ingest(str(path), "--org", "kommun-x", "--out", str(tmp_path / "out"), "--max-size", "1"),
            "is 2 MB, over the limit of 1 MB (--max-size)")


def test_reading_past_the_time_limit_is_stopped(tmp_path):
    started = time.monotonic()
    refused(ingest(str(SEED), "--org", "kommun-x", "--out", str(tmp_path / "out"), "--time-limit", "0.2"),
            f"{SEED}: reading took longer than 0.2 s (--time-limit)")
    assert time.monotonic() - started < 10 and not (tmp_path / "out").exists()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract-ocr-swe")
def test_a_scanned_page_ocr_cannot_finish_is_skipped_and_said(tmp_path):
    text = normalise((resources.data_dir() / "sources" / "004_7f8de12c7d5fb8e5.txt").read_text(encoding="utf-8"))
    path = builders.build_pdf(text, tmp_path / "scan.pdf", scanned_page=2)
    outcome = CliRunner().invoke(main, ["ingest", str(path), "--org", "kommun-x", "--out", str(tmp_path / "out"),
                                        "--ocr-timeout", "0.01"])
    assert outcome.exit_code == 0, outcome.output
    assert f"{path}: page 2 skipped: OCR took longer than 0.01 s (--ocr-timeout)" in outcome.output
    stored = next((tmp_path / "out" / "sources").glob("*.txt")).read_text(encoding="utf-8")
    assert "Kommunfullmäktige" in stored or "kommunstyrelsen" in stored.lower()  # the other pages were read


def test_a_scan_only_pdf_whose_page_is_skipped_is_refused(tmp_path):
    text = normalise((resources.data_dir() / "sources" / "001_9be35e0d9921b007.txt").read_text(encoding="utf-8"))
    path = builders.build_pdf(text, tmp_path / "scan.pdf", scanned_page=1, per_page=100)
    if shutil.which("tesseract") is None:
        pytest.skip("needs tesseract-ocr-swe")
    refused(ingest(str(path), "--org", "kommun-x", "--out", str(tmp_path / "out"), "--ocr-timeout", "0.01"),
            "no text could be read: page 1 skipped: OCR took longer than 0.01 s")
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract-ocr-swe")
def test_a_scanned_page_is_read_within_the_memory_cap(tmp_path):
    text = normalise((resources.data_dir() / "sources" / "004_7f8de12c7d5fb8e5.txt").read_text(encoding="utf-8"))
    path = builders.build_pdf(text, tmp_path / "scan.pdf", scanned_page=2)
    outcome = ingest(str(path), "--org", "kommun-x", "--out", str(tmp_path / "out"))
    assert outcome.exit_code == 0 and "skipped" not in outcome.output, outcome.output
    stored = next((tmp_path / "out" / "sources").glob("*.txt")).read_text(encoding="utf-8")
    second = builders.blocks_of(text)[14][1]  # the first block of page 2, read by Tesseract
    assert " ".join(second.split()[:4]) in stored
