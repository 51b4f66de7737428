"""The ``styrgraf ingest`` and ``styrgraf curate`` commands (registered in the CLI's main group)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from styrgraf.ingest.run import limit_options

EXIT_BAD_INPUT = 2


def _fail(message: str, code: int = EXIT_BAD_INPUT):
    click.echo(f"styrgraf: {message}", err=True)
    sys.exit(code)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--org", help="The organisation: an SCB code (1960), a name (Kungsör, \"kungsör kommun\") or a key "
              "(kungsor); a new key for one outside the registry.")
@click.option("--name", help="The organisation's name, for a new organisation (e.g. \"Kungsörs kommun\").")
@click.option("--kind", type=click.Choice(["municipality", "region"]), help="Municipality or region (default: guessed from the text).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
              help="Folder for sources/ and drafts/ (and later the curated KEY.ttl).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Summary for people, or the candidates as JSON for other tools.")
@click.option("--evaluate", is_flag=True,
              help="Score ingest on the seeds and on the evaluation corpus (development and test half).")
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path),
              help="With --evaluate: a corpus folder (gold/, documents/, split.json) instead of the shipped one; "
                   "one without split.json is all test, e.g. real documents kept apart from the project.")
@click.option("--per-document", is_flag=True, help="With --evaluate: a row per document as well.")
@limit_options
def ingest(files, org, name, kind, out_dir, fmt, evaluate, corpus_dir, per_document, **limits):
    """Propose a draft graph from a PDF, Word, HTML or text document.

    Example: styrgraf ingest instruktion.pdf --org kungsor --out data
    """
    if evaluate:
        return _evaluate(fmt, corpus_dir, per_document)
    from styrgraf.ingest.errors import IngestError
    from styrgraf.ingest.run import ingest_document, limits_of
    if not files:
        _fail("give a document to ingest (PDF, DOCX, HTML or text), or --evaluate")
    if not org:
        _fail("--org KEY is required: the organisation's key, e.g. --org kungsor")
    if len(files) > 1:
        _fail("one document per run: each document is one draft (run ingest once per file)")
    from styrgraf.registry import cli_org
    org, name, kind = cli_org(org, name, kind, out_dir, _fail)
    try:
        done = ingest_document(files[0], org, out_dir, name=name, kind=kind, limits=limits_of(**limits))
    except IngestError as error:
        _fail(str(error))
    for note in done.notes:
        click.echo(f"styrgraf: {files[0]}: {note}", err=True)
    result, (source, ttl, _) = done.result, done.files
    earlier = earlier_decisions(out_dir, org, result.text)
    if fmt == "json":
        payload = result.to_json()
        payload["document"]["sourceFile"] = str(source)
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    meta = result.metadata
    click.echo(f"{files[0]}: {meta.title or '(no title found)'} ({meta.document_type or 'type unknown'})")
    click.echo(f"  decided by {meta.decided_by.label if meta.decided_by else '(not stated)'}, "
               f"issued {meta.issued or '-'}, case {meta.identifier or '-'}, status {meta.status or '-'}")
    new = sum(1 for n in result.nodes.values() if n.new)
    click.echo(f"  {len(result.candidates)} candidates, {len(result.nodes)} nodes ({new} new)")
    click.echo(f"  stored text: {source}\n  draft:       {ttl}\n  next:        styrgraf curate {out_dir}")
    if earlier:
        click.echo(f"  the earlier draft for {org} was another text: its {earlier} decisions stay in the log, "
                   "shown as stale and never applied to this one")


def earlier_decisions(out_dir: Path, org: str, text: str) -> int:
    """How many logged decisions were made on another text than ``text`` (a new document
    or a new rendition replaces the draft; its decisions do not carry over)."""
    from styrgraf.web.curate.log import DecisionLog, document_version
    version = document_version({"text": text})
    entries = DecisionLog(out_dir / "drafts" / f"{org}.decisions.jsonl").entries()
    return sum(1 for e in entries if e.get("doc") != version)


def _evaluate(fmt: str, corpus_dir: Path | None, per_document: bool):
    from styrgraf.ingest import evaluate_report as show
    from styrgraf.ingest.corpus import CorpusError
    from styrgraf.ingest.evaluate import evaluate_corpus, evaluate_seeds
    try:
        halves = evaluate_corpus(corpus_dir)
    except CorpusError as error:
        _fail(str(error))
    seeds = [evaluate_seeds(), evaluate_seeds(held_out=True)]
    reports = [*seeds, halves["dev"], halves["test"]]
    if fmt == "json":
        click.echo(json.dumps(show.as_json(reports), indent=1))
        return
    tables = [show.side_by_side("Corpus by document kind: development half beside test half", halves["dev"], halves["test"]),
              show.side_by_side("Corpus by relation", halves["dev"], halves["test"], rows="kinds"),
              show.side_by_side("Seeds: every rule beside held out (rules written from a seed off for it)", *seeds)]
    if per_document:
        tables += [show.per_document(r) for r in reports]
    for lines in tables:
        click.echo("\n".join(lines) + "\n")
    for report in reports:
        click.echo(show.metadata_line(report))


@click.command()
@click.argument("folder", type=click.Path(path_type=Path), default=Path("data"))
@click.option("--port", default=0, type=click.IntRange(0, 65535), help="Port on 127.0.0.1 (default: a free one).")
@click.option("--token", envvar="STYRGRAF_CURATE_TOKEN", help="Token for the URL (default: a random one).")
def curate(folder, port, token):
    """Curate the drafts in FOLDER in the browser (local only; prints the URL with its token).

    Example: styrgraf curate data
    """
    from styrgraf.web.curate.server import run
    drafts = folder / "drafts"
    if not drafts.is_dir() or not any(drafts.glob("*.json")):
        _fail(f"{drafts} holds no draft: run `styrgraf ingest FILE --org KEY --out {folder}` first")
    run(folder, port=port, token=token)
