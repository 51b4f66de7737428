"""Run the curation app on 127.0.0.1 with a token, and print the URL to open."""
from __future__ import annotations

import secrets
from pathlib import Path

import click


def run(folder: Path, port: int = 0, token: str | None = None) -> None:
    """Serve the curation app for ``folder`` until interrupted (local only)."""
    import waitress
    from styrgraf.ingest.curate.app import MAX_BODY, create_app
    from styrgraf.web.security import harden
    token = token or secrets.token_urlsafe(16)
    app = create_app(Path(folder), token)
    # waitress refuses a body from its Content-Length before reading it (it refuses at >= the size)
    server = waitress.create_server(app, host="127.0.0.1", port=port, threads=4, max_request_body_size=MAX_BODY + 1)
    harden(server)
    click.echo(f"Curate the drafts in {folder}: http://127.0.0.1:{server.effective_port}/?token={token}", err=True)
    click.echo("Every decision is logged as it is made; Ctrl-C stops the server.", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
