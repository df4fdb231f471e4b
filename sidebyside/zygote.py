"""Fork snippets from processes that imported their framework once (zygotes).

The import cost is paid once per worker instead of once per snippet; each snippet still runs in
a process of its own, forked from the same just-imported state.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

LAUNCHER = Path(__file__).with_name("launch.py")
START_TIMEOUT = 120


class ZygoteError(RuntimeError):
    """A zygote process died or stopped answering; the runner falls back to a fresh process."""


class Zygote:
    """One process holding imported `modules`, running one snippet at a time in a fork."""

    def __init__(self, modules: tuple[str, ...], prefix: tuple[str, ...], env: dict) -> None:
        self.process = subprocess.Popen(
            [*prefix, sys.executable, str(LAUNCHER), "--zygote", *modules],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
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
                raise ZygoteError("the zygote process exited")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def run(self, request: dict, timeout: float) -> int | None:
        """Run one request; return the exit status, or None when it timed out and was killed."""
        try:
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
        except BrokenPipeError as exc:
            raise ZygoteError("the zygote process exited") from exc
        started = self._message(START_TIMEOUT)
        if started is None:
            raise ZygoteError("the zygote did not fork")
        finished = self._message(timeout)
        if finished is not None:
            return finished["status"]
        try:
            os.killpg(started["pid"], signal.SIGKILL)  # The child leads its own group.
        except ProcessLookupError:
            pass
        self._message(START_TIMEOUT)
        return None

    def close(self) -> None:
        """Stop the zygote."""
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class ZygotePool:
    """Idle zygotes per set of modules, created on demand and reused across snippets."""

    def __init__(self, prefix: tuple[str, ...], env: dict) -> None:
        self.prefix, self.env = prefix, env
        self._idle: dict[tuple[str, ...], list[Zygote]] = {}
        self._all: list[Zygote] = []
        self._lock = threading.Lock()

    def acquire(self, modules: tuple[str, ...]) -> Zygote:
        """Return an idle zygote for `modules`, starting one when none is idle."""
        with self._lock:
            if self._idle.get(modules):
                return self._idle[modules].pop()
        zygote = Zygote(modules, self.prefix, self.env)
        with self._lock:
            self._all.append(zygote)
        return zygote

    def release(self, modules: tuple[str, ...], zygote: Zygote) -> None:
        """Give a healthy zygote back for reuse."""
        with self._lock:
            self._idle.setdefault(modules, []).append(zygote)

    def close(self) -> None:
        """Stop every zygote."""
        for zygote in self._all:
            zygote.close()
