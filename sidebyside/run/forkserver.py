"""Fork servers: processes that imported a framework once and fork one child per snippet.

The import cost is paid once per server instead of once per snippet; each snippet still runs in
a process of its own, forked from the same just-imported state (`launch.py --fork-server`).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from sidebyside.run.processes import LAUNCHER, end_group, track

START_TIMEOUT = 120


class ForkServerError(RuntimeError):
    """A fork server died or stopped answering; the runner falls back to a fresh process."""


class ForkServer:
    """One process holding imported `modules`, running one snippet at a time in a fork."""

    def __init__(
        self, modules: tuple[str, ...], prefix: tuple[str, ...], env: dict, python: Path
    ) -> None:
        # A home and temporary folder of its own: what the modules note at import (Keras its
        # ~/.keras) points there, never at the user's; each run then gets its own as well.
        self.home = Path(tempfile.mkdtemp(prefix="sidebyside-server-"))
        (self.home / "tmp").mkdir()
        own = {"HOME": str(self.home), "TMPDIR": str(self.home / "tmp")}
        self.process = subprocess.Popen(
            [*prefix, str(python), str(LAUNCHER), "--fork-server", *modules],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**env, **own},
            cwd="/",
        )
        self._buffer = b""
        self._message(START_TIMEOUT)  # {"ready": true} once the modules are imported.

    def _message(self, timeout: float) -> dict | None:
        """Return the next JSON line, or None when `timeout` seconds pass first."""
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(fd, 4096)
            if not chunk:
                raise ForkServerError("the fork server exited")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def run(self, request: dict, timeout: float) -> tuple[int | None, int]:
        """Run one request; return its exit status (None: timed out, killed) and its pid.

        The child leads its own process group (of the same id), which the caller ends.
        """
        try:
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
        except BrokenPipeError as exc:
            raise ForkServerError("the fork server exited") from exc
        started = self._message(START_TIMEOUT)
        if started is None:
            raise ForkServerError("the fork server did not fork")
        track(started["pid"])
        finished = self._message(timeout)
        if finished is not None:
            return finished["status"], started["pid"]
        end_group(started["pid"])
        self._message(START_TIMEOUT)
        return None, started["pid"]

    def close(self) -> None:
        """Stop the server and remove its home."""
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.home, ignore_errors=True)


class ForkServerPool:
    """Idle fork servers per set of modules, started on demand and reused across snippets."""

    def __init__(self, prefix: tuple[str, ...], env: dict, python: Path) -> None:
        self.prefix, self.env, self.python = prefix, env, python
        self._idle: dict[tuple[str, ...], list[ForkServer]] = {}
        self._all: list[ForkServer] = []
        self._lock = threading.Lock()

    def acquire(self, modules: tuple[str, ...]) -> ForkServer:
        """Return an idle server for `modules`, starting one when none is idle."""
        with self._lock:
            if self._idle.get(modules):
                return self._idle[modules].pop()
        server = ForkServer(modules, self.prefix, self.env, self.python)
        with self._lock:
            self._all.append(server)
        return server

    def release(self, modules: tuple[str, ...], server: ForkServer) -> None:
        """Give a healthy server back for reuse."""
        with self._lock:
            self._idle.setdefault(modules, []).append(server)

    def close(self) -> None:
        """Stop every server."""
        for server in self._all:
            server.close()
