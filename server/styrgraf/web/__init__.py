"""The web application: SPARQL endpoint, JSON API and explorer over one ``Styrgraf`` core."""
from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from styrgraf.core import Limits, Styrgraf

DEFAULTS: dict[str, Any] = {
    "DATA_PATHS": None,          # Turtle files or folders; None means ./data in a checkout, else the shipped data
    "CORE": None,                # a Styrgraf to serve (tests, `styrgraf serve`); else one is opened from the rest
    "STORE": None,               # a store to serve instead of loading DATA_PATHS
    "STORE_DIR": None,           # keep the store on disk here; reopened as it is after a restart
    "RELOAD": False,             # with STORE_DIR: load DATA_PATHS again even if the store exists
    "STORE_URL": None,           # serve from an external SPARQL 1.1 store's query endpoint
    "QUERY_TIMEOUT": 5.0,        # seconds a query may run before it is stopped
    "MAX_ROWS": 10_000,          # result rows (or triples) a query may return
    "MAX_QUERY_LENGTH": 100_000, # characters in one query
    "QUERY_WORKERS": 2,          # processes that run queries (2 cores on the target machine)
    "QUEUE_WAIT": 2.0,           # seconds a query waits for a free worker before 503
    "ALLOWED_SERVICES": (),      # SERVICE endpoints queries may call (none: no outbound requests)
    "VALIDATE": True,            # compute the validation report in the background
    "MAX_CONTENT_LENGTH": 1_000_000,
}


def core() -> Styrgraf:
    """The core the current app serves."""
    return current_app.extensions["styrgraf"]


def _open_core(config) -> Styrgraf:
    limits = Limits(timeout=config["QUERY_TIMEOUT"], workers=config["QUERY_WORKERS"], max_rows=config["MAX_ROWS"],
                    queue_wait=config["QUEUE_WAIT"], allowed_services=frozenset(config["ALLOWED_SERVICES"]))
    if config["STORE"] is not None:  # not `or`: a store's truth value is its size
        return Styrgraf(config["STORE"], limits, validate=config["VALIDATE"])
    return Styrgraf.open(config["DATA_PATHS"], store_dir=config["STORE_DIR"], store_url=config["STORE_URL"],
                         reload=config["RELOAD"], limits=limits, validate=config["VALIDATE"])


def create_app(config: dict | None = None) -> Flask:
    """Build the application: take or open the core once (store, query workers, derived
    views), register the blueprints. Nothing is loaded at import time."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.extensions["styrgraf"] = app.config["CORE"] or _open_core(app.config)

    from styrgraf.web import analysis_api, api, endpoint, errors, pages, query_page, security
    errors.register(app)
    security.register(app)
    app.register_blueprint(analysis_api.blueprint)
    app.register_blueprint(query_page.blueprint)
    app.register_blueprint(endpoint.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(pages.blueprint)
    return app
