"""Shared fixtures: the shipped graph is loaded once per session and never written."""
from __future__ import annotations

import datetime as dt
import threading

import pytest

from styrgraf.store import loading
from styrgraf import validation
from styrgraf.store import GraphStore
from styrgraf.web import create_app

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def shipped_files():
    return loading.read_files()


@pytest.fixture(scope="session")
def store():
    return GraphStore.load()


@pytest.fixture(scope="session")
def shipped_report(shipped_files):
    return validation.validate_files(shipped_files, as_of=AS_OF)


def make_app(store, **config):
    settings = {"STORE": store, "QUERY_TIMEOUT": 5.0, "QUERY_WORKERS": 2, "QUEUE_WAIT": 10.0}
    settings.update(config)
    return create_app(settings)


@pytest.fixture(scope="module")
def app_factory():
    """Build apps on other stores or settings; their workers stop when the module's tests
    are done (not at the end of the session: in a shuffled order a module's fixtures are
    built again each time its tests come back, and every app holds forked workers)."""
    made = []

    def build(store, **config):
        application = make_app(store, **config)
        made.append(application)
        return application

    yield build
    for application in made:
        application.extensions["styrgraf"].executor.close()


@pytest.fixture(scope="session")
def app(store):
    """The web app over the shipped graph (read-only; shared by the session)."""
    application = make_app(store)
    yield application
    application.extensions["styrgraf"].executor.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(app):
    """The app under waitress on a free port of 127.0.0.1: real HTTP for real clients."""
    import waitress
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright (no browser download), one per test module."""
    from playwright.sync_api import sync_playwright

    from browser_support import launch
    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    """A Swedish page on the shipped graph that fails its test on a foreign request or a
    script error (``browser_support.GuardedPage``)."""
    from browser_support import GuardedPage
    guarded = GuardedPage(browser, live_server, locale="sv-SE")
    yield guarded.page
    guarded.close()


@pytest.fixture
def executor(store):
    """Build query executors over the shipped graph; their workers stop after the test."""
    from styrgraf.sparql.executor import QueryExecutor
    made = []

    def build(**options):
        built = QueryExecutor(store, **options)
        made.append(built)
        return built

    yield build
    for built in made:
        built.close()
