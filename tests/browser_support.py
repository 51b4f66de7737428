"""Shared by the browser tests: Debian's Chromium through Playwright, and a page that
fails its test when a request leaves 127.0.0.1 or a script throws."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def launch(playwright):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: .ci/run installs Debian's chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)


class GuardedPage:
    """A new page in its own context; ``check()`` fails on foreign requests or script errors."""

    def __init__(self, browser, base: str, **context):
        self.context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True, **context)
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.base = base

    def _guard(self, route):
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or url.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()
        assert self.foreign == [], f"requests left 127.0.0.1: {self.foreign}"
        assert self.errors == [], f"JavaScript errors: {self.errors}"


def wait_until(page, expression: str, timeout: float = 15.0):
    """Poll a JavaScript expression until it is truthy (page.wait_for_function evaluates
    strings with eval, which the pages' Content-Security-Policy forbids)."""
    import time
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} s: {expression}")
        page.wait_for_timeout(100)
