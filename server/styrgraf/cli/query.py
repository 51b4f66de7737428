"""``styrgraf query`` and ``styrgraf queries``: the saved-query library and any SPARQL
file, run through the core (the same guarded executor as the endpoint)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from styrgraf.cli import output
from styrgraf.cli.common import store_options

RESULT_FORMATS = ("json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml")  # results.FORMATS (a test checks)


@click.command("queries")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of the titles.")
@output.format_option()
def list_queries(lang, fmt):
    """List the saved queries with their titles and parameters.

    Example: styrgraf queries --lang en
    """
    from styrgraf.sparql import queries
    library = queries.library()
    if fmt == "json":
        click.echo(json.dumps([saved.summary() for saved in library.values()], indent=2, ensure_ascii=False))
        return
    rows = [{"name": saved.name, "title": saved.title_for(lang),
             "parameters": " ".join(f"{p.name}:{p.type}" for p in saved.parameters)} for saved in library.values()]
    click.echo(output.to_csv(rows) if fmt == "csv" else output.dict_table(rows, output.terminal_width()), nl=fmt != "csv")


@click.command()
@click.argument("name_or_file")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter declared in the query's header (repeatable); an organisation by key or IRI.")
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(("table",) + RESULT_FORMATS),
              help="table for the terminal (fitted to its width; whole cells when piped), or a SPARQL result "
                   "format (csv, json, turtle, …).")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds the query may run before it is stopped (exit 3).")
@click.option("--max-rows", default=100_000, show_default=True, type=click.IntRange(1),
              help="Rows (or triples) the answer may hold before the query is refused (exit 2).")
@store_options
def query(name_or_file, params, fmt, timeout, max_rows, store):
    """Run a saved query (by name) or a .rq file against the graph.

    Example: styrgraf query cq01-director-reports-to --param org=kungsor
    """
    from styrgraf.core import Limits
    saved = find_query(name_or_file)
    values = parse_params(params, saved)
    core = store.open(Limits(timeout=timeout, workers=1, max_rows=max_rows, queue_wait=timeout))
    try:
        bindings = core.bind(saved, values)
        if fmt == "table":
            click.echo(outcome_table(core.select(saved.text, bindings)))
        else:
            click.echo(answer_text(core, saved.text, fmt, bindings), nl=False)
    finally:
        core.close()


def find_query(name_or_file: str):
    """A saved query by name (did you mean …?) or a ``.rq`` file by path."""
    from styrgraf import lookup
    from styrgraf.errors import NotFound
    from styrgraf.sparql import queries
    if name_or_file.endswith(".rq") or "/" in name_or_file:
        path = Path(name_or_file)
        if not path.is_file():
            raise NotFound(f"{name_or_file}: no such query file")
        try:
            return queries.parse(path)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise NotFound(f"{name_or_file}: cannot be read ({error})") from None
    return lookup.saved_query(name_or_file, queries.library())


def parse_params(items, saved) -> dict[str, str]:
    """``NAME=VALUE`` pairs, each a parameter the query declares."""
    from styrgraf.errors import BadRequest
    values = {}
    for item in items:
        if "=" not in item:
            raise BadRequest(f"--param needs NAME=VALUE, not {item!r}")
        key, value = item.split("=", 1)
        values[key.strip()] = value
    saved.bind({k: "" for k in values})  # an undeclared name is refused before the data is loaded
    return values


def outcome_table(outcome) -> str:
    """A result for the terminal: a table of short names, ``true``/``false``, or Turtle."""
    from styrgraf.sparql import results
    if outcome.kind != "select":
        return results.table(outcome)
    header = outcome.variables
    rows = [[results.term_short(r[v]) if v in r else "" for v in header] for r in outcome.rows]
    return output.table(header, rows, output.terminal_width()) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"


def answer_text(core, text: str, fmt: str, bindings: dict) -> str:
    """The answer serialised in ``fmt``; a format that does not fit the result is bad input."""
    from styrgraf.errors import BadRequest, NotAcceptable
    try:
        return core.query(text, [fmt], substitutions=bindings).body.decode("utf-8")
    except NotAcceptable as error:
        raise BadRequest(f"format {fmt!r} does not fit this query's result: {error}") from None
