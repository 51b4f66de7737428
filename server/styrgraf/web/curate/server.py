"""Run the curation app on 127.0.0.1 with a token, and print the URL to open."""
from __future__ import annotations

import secrets
from pathlib import Path

import click


def make_server(folder: Path, token: str, port: int = 0, threads: int = 4):
    """A waitress server for the curation app on 127.0.0.1:port (0: a free one), with the
    body limit refused from Content-Length and the security headers on its own errors."""
    import waitress

    from styrgraf.web.curate.app import MAX_BODY, create_app
    from styrgraf.web.security import harden
    app = create_app(Path(folder), token)
    # waitress refuses a Content-Length >= max_request_body_size, so one more byte
    server = waitress.create_server(app, host="127.0.0.1", port=port, threads=threads,
                                    max_request_body_size=MAX_BODY + 1, ident="styrgraf curate")
    harden(server)
    return server


def run(folder: Path, port: int = 0, token: str | None = None) -> None:
    """Serve the curation app for ``folder`` until interrupted (local only)."""
    token = token or secrets.token_urlsafe(16)
    server = make_server(folder, token, port)
    click.echo(f"Curate the drafts in {folder}: http://127.0.0.1:{server.effective_port}/?token={token}", err=True)
    click.echo("Every decision is logged as it is made; Ctrl-C stops the server.", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
