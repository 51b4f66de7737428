"""The ``styrgraf`` command line: one module per command group, each command a thin
layer over the core (``styrgraf.core.Styrgraf``) or the validation and tools modules.

- ``common``: the one error handler, the store options shared by query, analyse and
  serve, and which data a command uses;
- ``output``: tables that fit the terminal, CSV and JSON;
- ``validate``, ``query`` (query, queries), ``serve``, ``analyse``, ``push``,
  ``tools`` (bench, bench-ingest, synth), ``ingest`` (ingest, curate).

Imports stay light at the top of every module (click and the standard library):
``styrgraf validate`` starts without Flask, networkx or pyshacl.
"""
from __future__ import annotations

import click

from styrgraf import __version__
# The modules, not their commands: ``styrgraf.cli.serve`` stays the module (tests patch it).
from styrgraf.cli import analyse, ingest, push, query, serve, tools, validate
from styrgraf.cli.common import LOG_LEVELS, Group, configure_logging


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="styrgraf")
@click.option("--log-level", type=click.Choice(LOG_LEVELS, case_sensitive=False), default="WARNING",
              show_default=True, help="Log to stderr from this level: background failures, replaced query "
              "workers and refused queries are WARNING/ERROR; loads, reloads and refusals of bad queries INFO.")
def main(log_level):
    """styrgraf: the governance graph of Swedish municipalities and regions.

    Where there is a ./data folder the commands use it; elsewhere the data shipped with
    the package. Each says on stderr which data it uses.

    Example: styrgraf --log-level INFO serve --port 8080
    """
    configure_logging(log_level)


for command in (validate.validate, query.list_queries, query.query, serve.serve, analyse.analyse, push.push,
                tools.bench, tools.bench_ingest, tools.synth, ingest.ingest, ingest.curate):
    main.add_command(command)
