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
