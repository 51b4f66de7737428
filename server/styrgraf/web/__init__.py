"""The web application: SPARQL endpoint, JSON API and explorer over one loaded graph."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from styrgraf.sparql import queries
from styrgraf.sparql.executor import QueryExecutor
from styrgraf.store import open_store

DEFAULTS: dict[str, Any] = {
    "DATA_PATHS": None,          # Turtle files or folders; None means the shipped data/
    "STORE": None,               # a GraphStore to serve instead of loading DATA_PATHS
    "STORE_DIR": None,           # keep the store on disk here; reopened as it is after a restart
    "RELOAD": False,             # with STORE_DIR: load DATA_PATHS again even if the store exists
    "STORE_URL": None,           # serve from an external SPARQL 1.1 store's query endpoint
    "QUERY_TIMEOUT": 5.0,        # seconds a query may run before it is stopped
    "MAX_ROWS": 10_000,          # result rows (or triples) a query may return
    "MAX_QUERY_LENGTH": 100_000, # characters in one query
    "QUERY_WORKERS": 2,          # processes that run queries (2 cores on the target machine)
    "MAX_CONTENT_LENGTH": 1_000_000,
}


@dataclass
class Core:
    """What every view needs: the loaded store and the query executor."""

    store: object  # a GraphStore or a RemoteStore (store.open_store decides)
    executor: QueryExecutor
    queries: dict  # name -> queries.SavedQuery, read once at start


def core() -> Core:
    return current_app.extensions["styrgraf"]


def create_app(config: dict | None = None) -> Flask:
    """Build the application: load (or take) the store once, start the query workers,
    register the blueprints. Nothing is loaded at import time."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    store = app.config["STORE"]
    if store is None:  # not `or`: a store's truth value is its size, a remote one's a query
        store = open_store(app.config["DATA_PATHS"], app.config["STORE_DIR"], app.config["STORE_URL"],
                           app.config["RELOAD"])
    executor = QueryExecutor(store, workers=app.config["QUERY_WORKERS"], timeout=app.config["QUERY_TIMEOUT"],
                             max_rows=app.config["MAX_ROWS"])
    app.extensions["styrgraf"] = Core(store=store, executor=executor, queries=queries.library())

    from styrgraf.web import analysis_api, api, endpoint, errors, pages, query_page, status
    status.start(store)
    errors.register(app)
    app.register_blueprint(analysis_api.blueprint)
    app.register_blueprint(query_page.blueprint)
    app.register_blueprint(endpoint.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(pages.blueprint)
    return app
