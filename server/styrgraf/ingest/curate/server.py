"""Run the curation app on 127.0.0.1 with a token, and print the URL to open."""
from __future__ import annotations

import secrets
from pathlib import Path

import click


def run(folder: Path, port: int = 0, token: str | None = None) -> None:
    """Serve the curation app for ``folder`` until interrupted (local only)."""
    import waitress
    from styrgraf.ingest.curate.app import create_app
    token = token or secrets.token_urlsafe(16)
    app = create_app(Path(folder), token)
    server = waitress.create_server(app, host="127.0.0.1", port=port, threads=4)
    click.echo(f"Curate the drafts in {folder}: http://127.0.0.1:{server.effective_port}/?token={token}", err=True)
    click.echo("Every decision is logged as it is made; Ctrl-C stops the server.", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
