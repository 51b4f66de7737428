"""Properties of `styrgraf ingest` and the curation app over generated input (issue #23):
text in several encodings, HTML nested and truncated, DOCX and PDF built, truncated and
mutated, odd keys and odd output paths. Whatever comes in: exit 0 or 2, no traceback,
nothing written outside --out, every draft written parses, every quote is a span of the
stored text. ``STYRGRAF_FUZZ_EXAMPLES`` sets the examples per property (default 25)."""
from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
import rdflib
import requests
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ingest"))
import hostile  # noqa: E402

from curate_support import SEED_A, Served, ingest  # noqa: E402
from styrgraf import resources  # noqa: E402
from styrgraf.cli import main  # noqa: E402

EXAMPLES = int(os.environ.get("STYRGRAF_FUZZ_EXAMPLES", "25"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
SENTENCES = sorted({s.strip() + "." for p in (resources.data_dir() / "sources").glob("*.txt")
                    for s in p.read_text(encoding="utf-8").split(".") if 20 < len(s.strip()) < 160})


@pytest.fixture(scope="module", autouse=True)
def warm():
    """Load the lemma dictionary once, so that each forked reading child has it."""
    import simplemma
    simplemma.lemmatize("kommunen", lang="sv")


pieces = st.one_of(st.sampled_from(SENTENCES), st.text(max_size=40),
                   st.sampled_from(["\n", "\n\n", "- ", "• ", " | ", "\f", "1. ", "Innehåll\n", "\u00ad", "\r\n",
                                    "(KD)", "6 kap. 37 § KL", "…… 3\n"]))
texts = st.lists(pieces, max_size=30).map("".join)


@st.composite
def html(draw, depth: int = 0):
    tag = draw(st.sampled_from(["div", "p", "ul", "li", "table", "tr", "td", "h2", "script", "main", "span"]))
    inner = draw(st.lists(st.one_of(texts.map(lambda t: t.replace("<", "&lt;")),
                                    html(depth + 1) if depth < 6 else st.just("")), max_size=4))
    return f"<{tag}>{''.join(inner)}</{tag}>"


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph("".join(ch for ch in text if ch.isprintable() or ch in "\t\n"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(sentences: list[str]) -> bytes:
    lines = b" ".join(b"(" + s.encode("latin-1", "replace").replace(b"\\", b"").replace(b"(", b"").replace(b")", b"")
                      + b") Tj 0 -14 Td" for s in sentences)
    return hostile.pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
                        3: hostile.FONT, 4: hostile.stream(b"BT /F1 12 Tf 72 760 Td " + lines + b" ET"),
                        5: hostile.page()})


@st.composite
def documents(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["txt", "html", "docx", "pdf", "hostile"]))
    if kind == "txt":
        encoding = draw(st.sampled_from(["utf-8", "cp1252", "utf-16"]))
        return "doc.txt", draw(texts).encode(encoding, "replace")
    if kind == "html":
        data = f"<html><body>{draw(html())}</body></html>".encode()
    elif kind == "docx":
        data = docx_bytes(draw(st.lists(st.one_of(st.sampled_from(SENTENCES), texts), max_size=12)))
    elif kind == "pdf":
        data = pdf_bytes(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=20)))
    else:
        name = draw(st.sampled_from(["parent_cycle", "self_length", "huge_length", "jbig2", "huge_jpeg"]))
        data, kind = getattr(hostile, name)(), "pdf"
    damage = draw(st.sampled_from(["none", "truncate", "flip"]))
    if damage == "truncate":
        data = data[:draw(st.integers(0, len(data)))]
    elif damage == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    return f"doc.{kind}", data


def snapshot(root: Path, skip: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and skip not in p.parents}


def check_outcome(outcome, out: Path, org: str) -> None:
    """Exit 0 or 2 without a traceback; after 0, a draft that parses and quotes its text."""
    assert outcome.exit_code in (0, 2), outcome.output
    assert "Traceback" not in outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), repr(outcome.exception)
    if outcome.exit_code:
        assert outcome.output.startswith("styrgraf: ") or "Error:" in outcome.output, outcome.output
        return
    rdflib.Graph().parse(out / "drafts" / f"{org}.ttl", format="turtle")
    draft = json.loads((out / "drafts" / f"{org}.json").read_text(encoding="utf-8"))
    stored = (out / "sources" / draft["document"]["sourceFile"]).read_text(encoding="utf-8")
    assert stored == draft["text"]
    for candidate in draft["candidates"]:
        assert stored[candidate["start"]:candidate["end"]] == candidate["quote"]


@SETTINGS
@given(document=documents())
def test_any_document_gives_exit_0_or_2_and_a_draft_true_to_its_text(document):
    name, data = document
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / name).write_bytes(data)
        out = root / "out"
        before = snapshot(root, out)
        outcome = CliRunner().invoke(main, ["ingest", str(root / name), "--org", "kommun-x", "--out", str(out),
                                            "--time-limit", "120", "--max-memory", "1024"])
        check_outcome(outcome, out, "kommun-x")
        assert snapshot(root, out) == before  # the input is untouched; nothing beside out/


odd_keys = st.one_of(st.text(max_size=60), st.sampled_from(["../x", "/abs", "a b", "x/../../y", ".", "..", "k" * 200,
                                                            "kommun-x", "a--b", "-a", "a\x00b", "ä"]))
odd_outs = st.sampled_from(["out", "out/../out2", "../escape", "a file", "a file/below", "/proc", "/sys/x",
                            "out/./deep/../deeper", "ütf/ålder"])


@SETTINGS
@given(org=odd_keys, out=odd_outs)
def test_odd_keys_and_out_paths_write_only_under_out(org, out):
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch) / "base"
        base.mkdir()
        (base / "a file").write_text("x")
        source = base / "doc.txt"
        source.write_text(SEED_A.read_text(encoding="utf-8"), encoding="utf-8")
        target = out if out.startswith("/") else str(base / out)
        before = snapshot(Path(scratch), Path("/nonexistent"))
        outcome = CliRunner().invoke(main, ["ingest", str(source), "--org", org, "--out", target])
        assert outcome.exit_code in (0, 2) and "Traceback" not in outcome.output, outcome.output
        after = snapshot(Path(scratch), Path("/nonexistent"))
        written = {p for p in after if p not in before}
        folder = Path(os.path.abspath(target)).resolve()
        assert all(folder in p.resolve().parents for p in written), written
        if outcome.exit_code == 0:
            check_outcome(outcome, folder, org)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("curate") / "data"
    ingest(folder, SEED_A)
    server = Served(folder)
    yield server, folder
    server.close()


@SETTINGS
@given(key=st.one_of(st.text(max_size=40), st.sampled_from(["..", "../kommun-a", "%2e%2e", "kommun-a/../kommun-a"])),
       route=st.sampled_from(["state", "save", "check", "decide", "note"]))
def test_any_draft_name_is_404_or_served_and_writes_nothing_outside(served, key, route):
    server, folder = served
    outside = folder.parent
    before = {p for p in outside.rglob("*") if folder not in p.parents and p != folder}
    path = f"/api/{requests.utils.quote(key, safe='')}/{route}"
    response = server.get(path) if route == "state" else server.post(path, {"version": "x"})
    assert response.status_code in (200, 400, 404, 405, 409), (key, response.status_code, response.text[:200])
    assert response.headers["Content-Type"].startswith("application/json")
    assert {p for p in outside.rglob("*") if folder not in p.parents and p != folder} == before
