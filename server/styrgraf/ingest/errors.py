"""The one error ingest raises for input it cannot read."""
from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """An input file that cannot be read, with its path and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
