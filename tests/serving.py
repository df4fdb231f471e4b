"""One local static server for the tests: quiet, on a free port, recording each requested path."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging; record each GET path in the class's `requested` list."""

    requested: list[str] = []

    def do_GET(self) -> None:
        self.requested.append(self.path)
        super().do_GET()

    def log_message(self, *args) -> None:
        pass


@dataclass(frozen=True)
class Served:
    """A running server: its base URL, the paths asked for so far, and its handler class."""

    url: str
    requested: list[str]
    handler: type[QuietHandler]


@contextlib.contextmanager
def serve(folder: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[Served]:
    """Serve `folder` on 127.0.0.1 at a free port until the block ends."""
    own = type("Handler", (handler,), {"requested": []})
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(own, directory=str(folder))
    )
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield Served(f"http://127.0.0.1:{httpd.server_address[1]}/", own.requested, own)
    finally:
        httpd.shutdown()
        httpd.server_close()
