"""``styrgraf push``: load the curated files into an external SPARQL 1.1 store, with a
progress bar that counts the triples each request sends."""
from __future__ import annotations

import sys

import click

from styrgraf.cli.common import data_option, data_paths, describe_data, say, user_options


@click.command()
@click.argument("url")
@data_option("Turtle files or folders to push instead of ./data or the shipped data (repeatable).")
@click.option("--query-url", help="The store's query endpoint, to check what was staged (default: URL).")
@click.option("--batch", default=1000, show_default=True, type=click.IntRange(1, 100_000),
              help="Triples per INSERT DATA request (Virtuoso refuses requests of much more than 1,500).")
@user_options("the update endpoint")
def push(url, data, query_url, batch, user, password):
    """Load the graph into a SPARQL 1.1 store through its update endpoint URL.

    One named graph per organisation and per document's assertions; the live graphs are
    switched to the new ones in one request once all are in, so a failed push leaves
    the old data in place.

    Example: styrgraf push http://127.0.0.1:8890/sparql-auth --query-url http://127.0.0.1:8890/sparql --user dba
    """
    from styrgraf.store import loading
    from styrgraf.store.push import push as push_graphs
    from styrgraf.store.remote import RemoteStore
    remote = RemoteStore(query_url=query_url or url, update_url=url, user=user, password=password)
    say(f"Data: {describe_data(data)}")
    bar = Progress()
    try:
        result = push_graphs(remote, data_paths(data), batch=batch, progress=bar.update)
    except loading.DataError as error:
        raise loading.DataErrors(error.errors, note="Nothing was sent.") from None
    finally:
        bar.close()
    click.echo(f"{result['triples']} triples in {result['graphs']} graphs from {result['files']} files pushed to {url}.")


class Progress:
    """A progress bar over the triples sent, shown once the first request is answered
    (the total is known only after the files are read)."""

    def __init__(self):
        self._bar = None
        self._sent = 0

    def update(self, sent: int, total: int) -> None:
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="Pushing triples", file=sys.stderr,
                                          show_pos=True).__enter__()
        self._bar.update(sent - self._sent)
        self._sent = sent

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
