"""The ``styrgraf`` command line: one module per command group, each command a thin
layer over the core (``styrgraf.core.Styrgraf``) or the validation and tools modules.

- ``common``: the one error handler, the store options shared by query, analyse and
  serve, and which data a command uses;
- ``output``: tables that fit the terminal, CSV and JSON;
- ``validate``, ``query`` (query, queries), ``serve``, ``analyse``, ``push``,
  ``tools`` (bench, synth).

Imports stay light at the top of every module (click and the standard library):
``styrgraf validate`` starts without Flask, networkx or pyshacl.
"""
from __future__ import annotations

import click

from styrgraf import __version__
from styrgraf.cli.analyse import analyse
from styrgraf.cli.common import Group
from styrgraf.cli.push import push
from styrgraf.cli.query import list_queries, query
from styrgraf.cli.serve import serve
from styrgraf.cli.tools import bench, synth
from styrgraf.cli.validate import validate


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="styrgraf")
def main():
    """styrgraf: the governance graph of Swedish municipalities and regions.

    In a checkout (a folder with data/ and ontology/) the commands use ./data; elsewhere
    the data shipped with the package. Each says on stderr which data it uses.
    """


for command in (validate, list_queries, query, serve, analyse, push, bench, synth):
    main.add_command(command)

from styrgraf.ingest.commands import curate, ingest  # noqa: E402  (ingest registers its own commands)
main.add_command(ingest)
main.add_command(curate)
