"""The ``styrgraf`` command line: one module per command group, each command a thin
layer over the core (``styrgraf.core.Styrgraf``) or the validation and tools modules.

- ``common``: the one error handler, the store options shared by query, analyse and
  serve, and which data a command uses;
- ``output``: tables that fit the terminal, CSV and JSON;
- ``validate``, ``query`` (query, queries), ``serve``, ``analyse``, ``push``,
  ``tools`` (bench, bench-ingest, synth).

Imports stay light at the top of every module (click and the standard library):
``styrgraf validate`` starts without Flask, networkx or pyshacl.
"""
from __future__ import annotations

import click

from styrgraf import __version__
# The modules, not their commands: ``styrgraf.cli.serve`` stays the module (tests patch it).
from styrgraf.cli import analyse, push, query, serve, tools, validate
from styrgraf.cli.common import Group


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="styrgraf")
def main():
    """styrgraf: the governance graph of Swedish municipalities and regions.

    In a checkout (a folder with data/ and ontology/) the commands use ./data; elsewhere
    the data shipped with the package. Each says on stderr which data it uses.
    """


for command in (validate.validate, query.list_queries, query.query, serve.serve, analyse.analyse, push.push,
                tools.bench, tools.bench_ingest, tools.synth):
    main.add_command(command)

from styrgraf.ingest.commands import curate, ingest  # noqa: E402  (ingest registers its own commands)
main.add_command(ingest)
main.add_command(curate)
