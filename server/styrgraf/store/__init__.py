"""Stores: the embedded Oxigraph store (in memory or on disk) and an external SPARQL 1.1
store, behind one protocol (``Store``); ``open_store`` decides which one serves."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from styrgraf.store.oxigraph import MANIFEST, GraphStore

__all__ = ["GraphStore", "MANIFEST", "open_store"]


def open_store(data: Iterable[Path | str] | None = None, store_dir: Path | str | None = None,
               store_url: str | None = None, reload: bool = False, user: str | None = None,
               password: str | None = None):
    """The one place that decides which store serves: an external SPARQL 1.1 store at
    ``store_url``, an Oxigraph store on disk in ``store_dir``, or (default) an Oxigraph
    store in memory loaded from ``data``."""
    if store_url:
        from styrgraf.store.remote import RemoteStore
        return RemoteStore(query_url=store_url, user=user, password=password)
    if store_dir:
        return GraphStore.open_or_load(store_dir, data, reload)
    return GraphStore.load(data)
