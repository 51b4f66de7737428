"""Ingest reads PDF (text layer, two columns, hyphenation, headers and footers, a scanned
page), DOCX (headings, lists, a delegation table) and HTML built from the seed texts, and
gets the seed's normalised text back, and the same candidates from every format."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ingest"))
import builders  # noqa: E402

from styrgraf import resources  # noqa: E402
from styrgraf.ingest import pdf as pdf_reader  # noqa: E402
from styrgraf.ingest.errors import IngestError  # noqa: E402
from styrgraf.ingest.normalise import normalise  # noqa: E402
from styrgraf.ingest.pipeline import ingest_text  # noqa: E402
from styrgraf.ingest.readers import read  # noqa: E402

SEEDS = sorted(p.name for p in (resources.data_dir() / "sources").glob("*.txt"))


def seed_text(name: str) -> str:
    return normalise((resources.data_dir() / "sources" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every seed as PDF (page 2 in two columns), DOCX and HTML."""
    folder = tmp_path_factory.mktemp("formats")
    made = {}
    for name in SEEDS:
        text = seed_text(name)
        stem = folder / Path(name).stem
        made[name] = {
            "pdf": builders.build_pdf(text, stem.with_suffix(".pdf"), columns_page=2),
            "docx": builders.build_docx(text, stem.with_suffix(".docx")),
            "html": builders.build_html(text, stem.with_suffix(".html")),
        }
    return made


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
@pytest.mark.parametrize("name", SEEDS)
def test_extracted_text_equals_the_source_after_normalisation(built, name, fmt):
    assert normalise(read(built[name][fmt])) == seed_text(name)


def test_pdf_has_what_extraction_breaks(built):
    """The fixture really has running headers, page numbers and hyphenated line ends."""
    import pypdf
    raw = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(built[SEEDS[0]]["pdf"])).pages)
    assert raw.count("Kommunens författningssamling") >= 3
    assert "Sida 2 av" in raw
    assert any(line.rstrip().endswith("-") and line.rstrip()[-2].isalpha() for line in raw.splitlines())
    assert "Sida" not in normalise(read(built[SEEDS[0]]["pdf"]))


def test_scanned_page_is_read_by_ocr(tmp_path):
    text = seed_text(SEEDS[0])
    path = builders.build_pdf(text, tmp_path / "scan.pdf", scanned_page=2)
    import pypdf
    assert pypdf.PdfReader(str(path)).pages[1].extract_text().strip() == ""  # no text layer
    assert normalise(read(path)) == text


def test_scan_without_tesseract_says_what_to_install(tmp_path, monkeypatch):
    path = builders.build_pdf(seed_text(SEEDS[1]), tmp_path / "scan.pdf", scanned_page=1)
    monkeypatch.setattr(pdf_reader.shutil, "which", lambda name: None)
    with pytest.raises(IngestError, match="tesseract-ocr-swe"):
        read(path)


@pytest.mark.parametrize("name", [SEEDS[0], SEEDS[3]])
def test_same_candidates_from_every_format(built, name):
    def candidates(text):
        return [c.to_json() for c in ingest_text(text, "x").candidates]

    expected = candidates(seed_text(name))
    assert expected
    for fmt in ("pdf", "docx", "html"):
        assert candidates(normalise(read(built[name][fmt]))) == expected, fmt


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_delegation_table_rows_become_delegations(tmp_path, fmt):
    text = seed_text(SEEDS[0])
    build = builders.build_docx if fmt == "docx" else builders.build_html
    path = build(text, tmp_path / f"delegation.{fmt}", table=builders.DELEGATION_TABLE)
    stored = normalise(read(path))
    assert stored.endswith(normalise(builders.table_text(builders.DELEGATION_TABLE)))
    result = ingest_text(stored, "x")
    rows = [c for c in result.candidates if c.rule == "delegationstabell"]
    assert [(c.object.cls, c.scope) for c in rows] == [
        ("Chair", "Beslut i brådskande ärenden"),
        ("Director", "Anställning av förvaltningschef"),
        ("HeadOfAdministration", "Beslut om lönesättning för enhetschefer"),
    ]
    assert all(c.predicate == "delegatesTo" and c.subject.cls == "ExecutiveBoard" for c in rows)
    assert all(stored[c.start:c.end] == c.quote and " | " in c.quote for c in rows)
    assert rows[0].legal_basis == "http://rinfo.lagrummet.se/publ/sfs/2017:725#k_6-p_39"


@pytest.mark.parametrize("content,suffix,reason", [
    (b"%PDF-1.4 broken", ".pdf", "not a readable PDF"),
    (b"PK\x03\x04 not a zip", ".docx", "not a readable Word"),
    (b"\xd0\xcf\x11\xe0", ".doc", "old Word format"),
])
def test_unreadable_files_are_named(tmp_path, content, suffix, reason):
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=reason) as error:
        read(path)
    assert str(path) in str(error.value)
