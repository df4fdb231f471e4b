"""Helpers several test modules share: a quiet local HTTP server, and Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without a log line per request."""

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve_folder(
    folder: Path, handler: type[QuietHandler] = QuietHandler
) -> Iterator[http.server.ThreadingHTTPServer]:
    """Serve `folder` on a free local port while the block runs; yield the server."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def url_of(server: http.server.ThreadingHTTPServer) -> str:
    """Return the base URL of a server that `serve_folder` started."""
    return f"http://127.0.0.1:{server.server_address[1]}/"


def chromium_or_skip() -> str:
    """Return Debian's chromium, or skip the calling test module with how to install it."""
    found = shutil.which("chromium")
    if found is None:
        pytest.skip(
            "chromium not found: install Debian's package (sudo apt-get install chromium) to run "
            "the browser tests; never a downloaded browser",
            allow_module_level=True,
        )
    return found


@contextlib.contextmanager
def launched_chromium(executable: str):
    """Launch headless Chromium with Playwright for the block; yield the browser."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
