"""Shared by the curation tests: drafts made by `styrgraf ingest`, and the curation app
under waitress on a free port of 127.0.0.1 (real HTTP, real threads)."""
from __future__ import annotations

import threading
from pathlib import Path

import requests
from click.testing import CliRunner

from styrgraf import resources
from styrgraf.cli import main

SOURCES = resources.data_dir() / "sources"
SEED_A = SOURCES / "000_ca168a8a641b938f.txt"  # Kommun A's instruction to the director
SEED_B = SOURCES / "002_699a49e14bf7f377.txt"
TOKEN = "test-token-123"


def ingest(folder: Path, source: Path, org: str = "kommun-a"):
    outcome = CliRunner().invoke(main, ["ingest", str(source), "--org", org, "--out", str(folder)])
    assert outcome.exit_code == 0, outcome.output
    return outcome


class Served:
    """`styrgraf curate`'s server for ``folder`` in a thread, until ``close``."""

    def __init__(self, folder: Path):
        from styrgraf.web.curate.server import make_server
        self.server = make_server(folder, TOKEN, threads=4)
        self.base = f"http://127.0.0.1:{self.server.effective_port}"
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while self.running:  # one poll at a time, so that close() stops it between polls
            self.server.asyncore.loop(timeout=0.05, map=self.server._map, count=1)

    def close(self):
        self.running = False
        self.thread.join()
        self.server.close()

    def state(self, key: str = "kommun-a") -> dict:
        response = self.get(f"/api/{key}/state")
        assert response.status_code == 200, response.text
        return response.json()

    def get(self, path: str, **kwargs):
        return requests.get(f"{self.base}{path}", params={"token": TOKEN}, timeout=30, **kwargs)

    def post(self, path: str, body=None, *, data=None, headers=None, token: str = TOKEN):
        return requests.post(f"{self.base}{path}", params={"token": token}, json=body, data=data,
                             headers=headers, timeout=60)
