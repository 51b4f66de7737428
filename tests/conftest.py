"""Shared fixtures: the shipped graph is loaded once per session and never written."""
from __future__ import annotations

import datetime as dt

import pytest

from styrgraf import loading, validation
from styrgraf.store import GraphStore

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def shipped_files():
    return loading.read_files()


@pytest.fixture(scope="session")
def store(shipped_files):
    graph_store = GraphStore(store=__import__("pyoxigraph").Store())
    graph_store.replace(shipped_files)
    return graph_store


@pytest.fixture(scope="session")
def shipped_report(shipped_files):
    return validation.validate_files(shipped_files, as_of=AS_OF)
