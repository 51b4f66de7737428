"""`styrgraf bench-ingest` measures what it says: a PDF of the pages asked for and each
text shape, each ingested by a fresh process that succeeds, with the targets judged from
the figures (a small run; the figures themselves are in the README)."""
from __future__ import annotations

import json

import pypdf
from click.testing import CliRunner

from styrgraf.cli import main
from styrgraf.tools import bench_ingest


def test_each_shape_is_the_shape_it_names():
    assert "." not in bench_ingest.shaped("run-on", 20_000) and len(bench_ingest.shaped("run-on", 20_000)) == 20_000
    listed = bench_ingest.shaped("list", 20_000).splitlines()
    assert len(listed) == 401 and all(line.startswith("- ") for line in listed[1:])
    assert all(" | " in row for row in bench_ingest.shaped("table", 20_000).split("\n\n") if row.strip())


def test_the_pdf_has_the_pages_asked_for(tmp_path):
    chars = bench_ingest.write_pdf(tmp_path / "x.pdf", 7)
    reader = pypdf.PdfReader(str(tmp_path / "x.pdf"))
    assert len(reader.pages) == 7 and chars > 7 * 1000
    assert "sida 7 av 7" in reader.pages[6].extract_text()


def test_a_small_run_ingests_every_input_and_judges_the_targets(tmp_path):
    outcome = CliRunner().invoke(main, ["bench-ingest", "--pages", "6", "--size", "20", "--shape", "run-on",
                                        "--shape", "list", "--json", str(tmp_path / "b.json")])
    assert outcome.exit_code == 0, outcome.output
    figures = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    runs = figures["runs"]
    assert [r["input"] for r in runs] == ["PDF, 6 pages", "text, run-on", "text, list"]
    for run in runs:
        assert run["exit"] == 0 and run["candidates"] > 0 and run["peak_mb"] > 20
        assert run["kb_per_s"] == round(run["characters"] / 1000 / run["seconds"], 1)
        assert run["targets"]["≥ 100 kB/s"] == (run["kb_per_s"] >= 100)
    assert set(runs[0]["targets"]) == {"≥ 100 kB/s", "< 30 s", "< 500 MB"}
    assert figures["machine"]["cores"] >= 1
