"""Virtuoso Open Source (Debian's ``virtuoso-opensource``) on 127.0.0.1 with a temporary
database: for the tests and for ``styrgraf bench``. Never used to serve by itself."""
from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def available() -> bool:
    return shutil.which("virtuoso-t") is not None and SYSTEM_INI.is_file()


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class VirtuosoServer:
    """Start ``virtuoso-t`` in a temporary folder; stop it and remove the folder on exit."""

    def __init__(self, startup_seconds: float = 120, max_rows: int = 10_000_000):
        self.max_rows = max_rows  # ResultSetMaxRows: where Virtuoso cuts an answer (saying so in a header)
        self.folder = Path(tempfile.mkdtemp(prefix="styrgraf-virtuoso-"))
        self.sql_port, self.http_port = free_port(), free_port()
        self.startup_seconds = startup_seconds
        self.process = None

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def update_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"  # digest auth, dba/dba in a new database

    def _ini(self) -> Path:
        text = SYSTEM_INI.read_text(encoding="utf-8")
        text = text.replace("/var/lib/virtuoso-opensource-7/db/", f"{self.folder}/")
        lines = []
        section = None
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith("["):
                section = stripped
            if stripped.startswith("ServerPort") and section == "[Parameters]":
                line = f"ServerPort = 127.0.0.1:{self.sql_port}"
            elif stripped.startswith("ServerPort") and section == "[HTTPServer]":
                line = f"ServerPort = 127.0.0.1:{self.http_port}"
            elif stripped.startswith("MaxQueryExecutionTime"):
                line = "MaxQueryExecutionTime = 60"
            elif stripped.startswith("ResultSetMaxRows"):  # 10,000 by default: a nation's views need more
                line = f"ResultSetMaxRows = {self.max_rows}"
            lines.append(line)
            if stripped == "[Parameters]":
                # push switches every graph in one transaction: a nation's switch logs more
                # than the default limit (50 MB), which aborts it ("log after image size")
                lines.append("TransactionAfterImageLimit = 2000000000")
        ini = self.folder / "virtuoso.ini"
        ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return ini

    def __enter__(self) -> "VirtuosoServer":
        if not available():
            raise RuntimeError("Virtuoso is not installed (Debian package virtuoso-opensource)")
        log = open(self.folder / "stdout.log", "wb")
        self.process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(self._ini())],
                                        cwd=self.folder, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.startup_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t stopped: {(self.folder / 'stdout.log').read_text()[-800:]}")
            try:
                with urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise RuntimeError(f"Virtuoso did not start within {self.startup_seconds:g} s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
