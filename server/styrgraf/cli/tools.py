"""``styrgraf bench`` and ``styrgraf synth``: the figures and the synthetic nation
(``styrgraf.tools``, which owns the measuring and the printing)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from styrgraf.cli.common import data_option, say


@click.command()
@click.option("--orgs", "counts", multiple=True, type=click.IntRange(1, 5000),
              help="Synthetic organisations to measure at (repeatable; default 10, 100 and 311).")
@data_option("Measure these Turtle files or folders instead of synthetic data (repeatable).")
@click.option("--jobs", default=2, show_default=True, type=click.IntRange(1, 64), help="Processes for validation.")
@click.option("--rdflib-budget", default=60.0, show_default=True, type=click.FloatRange(1, 3600),
              help="Seconds each query may spend on plain rdflib, the baseline (at least one run).")
@click.option("--no-http", is_flag=True, help="Skip the HTTP load tests.")
@click.option("--no-virtuoso", is_flag=True, help="Skip Virtuoso even when it is installed.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also write the figures as JSON here.")
def bench(counts, data, jobs, rdflib_budget, no_http, no_virtuoso, json_out):
    """Measure load, queries, validation, networkx and HTTP; print the figures with ratios.

    Example: styrgraf bench --orgs 10 --orgs 311 --json bench.json
    """
    from styrgraf.tools import bench as benchmarks
    figures = benchmarks.measure(counts, data, jobs=jobs, rdflib_budget=rdflib_budget, http=not no_http,
                                 with_virtuoso=not no_virtuoso, echo=click.echo, say=say)
    if json_out:
        json_out.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")


@click.command()
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("--orgs", "count", default=311, show_default=True, type=click.IntRange(1, 5000),
              help="How many organisations (municipalities and regions in Sweden's proportion).")
@click.option("--seed", default=1, show_default=True, type=int, help="Seed: the same seed gives the same files.")
@click.option("--faults", is_flag=True, help="Inject a reporting cycle, a fake quote and an upward delegation.")
def synth(out_dir, count, seed, faults):
    """Write a synthetic national dataset (Turtle + source texts) to OUT_DIR.

    Example: styrgraf synth --orgs 311 /tmp/national
    """
    from styrgraf.errors import BadRequest
    from styrgraf.tools import synth as synthetic
    with click.progressbar(length=count, label="Synthesising", file=sys.stderr) as bar:
        try:
            result = synthetic.synthesise(count, out_dir, seed=seed, faults=faults, progress=lambda _key: bar.update(1))
        except FileExistsError as error:
            raise BadRequest(str(error)) from None
    click.echo(f"{len(result.organisations)} organisations, {result.documents} documents, "
               f"{result.triples} triples in {out_dir}")
    for fault in result.faults:
        click.echo(f"fault: {fault.kind} in {fault.organisation} ({fault.shape} must name {fault.focus})")


@click.command("bench-ingest")
@click.option("--pages", default=300, show_default=True, type=click.IntRange(0, 5000),
              help="Pages of the generated text-layer PDF (0: no PDF).")
@click.option("--size", "size_kb", default=1000, show_default=True, type=click.IntRange(1, 100_000),
              help="kB of text in each shape.")
@click.option("--shape", "shapes", multiple=True, type=click.Choice(["seeds", "run-on", "list", "table"]),
              help="Text shapes to ingest (repeatable; default all four).")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also write the figures as JSON here.")
def bench_ingest(pages, size_kb, shapes, json_out):
    """Time and peak memory of `styrgraf ingest` on a long PDF and large texts, beside the targets.

    Example: styrgraf bench-ingest --pages 300 --size 1000 --json bench-ingest.json
    """
    from styrgraf.tools import bench_ingest as benchmark
    figures = benchmark.measure(pages, size_kb, tuple(shapes) or benchmark.SHAPES, echo=click.echo)
    click.echo(json.dumps(figures, ensure_ascii=False, indent=1))
    if json_out:
        json_out.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
