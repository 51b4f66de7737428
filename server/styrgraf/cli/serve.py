"""``styrgraf serve``: the explorer, the JSON API and the SPARQL endpoint over one core,
under waitress (a fixed number of threads), with a flag for every limit."""
from __future__ import annotations

import errno
import signal
import socket

import click

from styrgraf.cli.common import store_options

# The defaults are those of core.Limits and web.DEFAULTS (a test checks that they agree).
DEFAULT_PORT = 8000


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 takes a free one (the port is printed).")
@click.option("--timeout", default=5.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds a SPARQL query may run before it is stopped (HTTP 503).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 32),
              help="Processes that run queries in parallel.")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(1),
              help="Rows (or triples) a query may return before it is refused (HTTP 400).")
@click.option("--queue-wait", default=2.0, show_default=True, type=click.FloatRange(0, 600),
              help="Seconds a query waits for a free worker before HTTP 503.")
@click.option("--max-query-length", default=100_000, show_default=True, type=click.IntRange(1),
              help="Characters in one query (HTTP 413 above).")
@click.option("--max-body", default=1_000_000, show_default=True, type=click.IntRange(1),
              help="Bytes in a request body; a larger Content-Length is refused (HTTP 413) before the body is read.")
@click.option("--allow-service", "allowed_services", multiple=True, default=(), metavar="URL",
              help="A SERVICE endpoint queries may call (repeatable). Default: none, so a query makes "
                   "no outbound request.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 128),
              help="Threads of the HTTP server (waitress): requests handled at once.")
@store_options
def serve(host, port, timeout, workers, max_rows, queue_wait, max_query_length, max_body, allowed_services, threads,
          store):
    """Serve the explorer, the JSON API and the SPARQL endpoint.

    Example: styrgraf serve --port 8080 --timeout 10 --data data/
    """
    from styrgraf.core import Limits
    check_port(host, port)  # a busy port is said at once, not after loading the data
    limits = Limits(timeout=timeout, workers=workers, max_rows=max_rows, queue_wait=queue_wait,
                    allowed_services=frozenset(allowed_services))
    core = store.open(limits, validate=True)
    try:
        from styrgraf.web import create_app
        app = create_app({"CORE": core, "MAX_QUERY_LENGTH": max_query_length, "MAX_CONTENT_LENGTH": max_body,
                          "ALLOWED_SERVICES": tuple(allowed_services)})
        server = listen(app, host, port, threads, max_body)
        announce(core, host, bound_port(server, port))
        signal.signal(signal.SIGTERM, _stop)  # stop cleanly (and stop the query workers) on SIGTERM
        server.run()
    finally:
        core.close()


def _stop(_signum, _frame):
    raise SystemExit(0)


def _busy(host: str, port: int, error: OSError):
    from styrgraf.errors import BadRequest
    if error.errno == errno.EADDRINUSE:
        return BadRequest(f"cannot listen on {host}:{port}: the port is in use; choose another with --port N, "
                          "or --port 0 for a free one")
    return BadRequest(f"cannot listen on {host}:{port}: {error.strerror or error}")


def check_port(host: str, port: int) -> None:
    """Refuse a port that is in use, or an address this machine does not have (exit 2)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        from styrgraf.errors import BadRequest
        raise BadRequest(f"cannot listen on {host}: {error.strerror}") from None
    if port == 0:
        return
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress does
        try:
            probe.bind(address)
        except OSError as error:
            raise _busy(host, port, error) from None


def listen(app, host: str, port: int, threads: int, max_body: int = 1_000_000):
    """A waitress server bound to host:port (port 0: a free one) that refuses a body over
    ``max_body`` bytes from its Content-Length, before reading it, and whose own error
    answers carry the security headers."""
    import waitress

    from styrgraf.web.security import harden
    try:  # waitress refuses a Content-Length >= max_request_body_size, so one more byte
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="styrgraf",
                                        max_request_body_size=max_body + 1)
    except OSError as error:
        raise _busy(host, port, error) from None
    harden(server)
    return server


def bound_port(server, asked: int) -> int:
    """The port the server really listens on (the free one taken for --port 0)."""
    listening = getattr(server, "effective_listen", None)
    if listening:
        return listening[0][1]
    return getattr(server, "effective_port", asked)


def announce(core, host: str, port: int) -> None:
    """Say what is served and where."""
    base = f"http://{f'[{host}]' if ':' in host else host}:{port}"
    click.echo(f"Serving {len(core.store)} triples: {core.describe_store()}.")
    click.echo(f"Explorer:        {base}/")
    click.echo(f"SPARQL endpoint: {base}/sparql")
    click.echo(f"Saved queries:   {base}/api/queries")
    click.echo("Stop with Ctrl-C.", err=True)
