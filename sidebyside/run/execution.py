"""How a snippet's process is started and ended: two strategies behind one `run(request)`.

- `FreshProcess` starts a new interpreter per snippet;
- `Forked` forks it from a fork server that imported the framework once (forkserver.py),
  and runs it in a fresh process when no other run shares that server or the server dies.

Both run the launcher (launch.py) on a `RunRequest`, optionally inside a network namespace
with loopback only (`processes.network_prefix`), and end the snippet's whole process group when it
ends, so that no process a snippet started outlives it.
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from sidebyside.run.forkserver import ForkServerError, ForkServerPool
from sidebyside.run.processes import LAUNCHER, end_group, track

# The launcher stops a run at its timeout; the runner steps in only this much later.
GRACE_SECONDS = 30.0


@dataclass(frozen=True)
class RunRequest:
    """One snippet run: what to run, where, with which exports, under which timeout."""

    snippet: Path  # The copy in `workdir` that runs.
    record: Path  # Where the launcher writes sections, exports and run info (JSON).
    probe: Path
    exports: tuple[str, ...]
    workdir: Path  # Holds only the copies; every file the snippet writes here is kept.
    stdout: Path
    stderr: Path
    timeout: float
    modules: tuple[str, ...] = ()  # What a fork server imports first; () for a fresh process.
    sections: tuple[tuple[int, int], ...] | None = None  # Code lines; None: run as a script.
    prelude: str = ""  # Run first, output recorded apart (the notebook's version cell).
    copies: tuple[str, ...] = ()  # Files the runner put in `workdir`: not the run's own.
    env: dict[str, str] = field(default_factory=dict)  # This run's HOME, TMPDIR, ...
    notes: Path | None = None  # Where the launcher's supervisor says what it stopped or ended.
    limits: dict[str, float] = field(default_factory=dict)  # seconds, memory, processes.
    read_only: tuple[str, ...] = ()  # Folders the run may read but never change.

    def message(self) -> dict:
        """Return the request the launcher reads (a file, or one JSON line to a fork server)."""
        return dict(
            snippet=str(self.snippet),
            record=str(self.record),
            probe=str(self.probe),
            exports=list(self.exports),
            cwd=str(self.workdir),
            stdout=str(self.stdout),
            stderr=str(self.stderr),
            sections=None if self.sections is None else [list(s) for s in self.sections],
            prelude=self.prelude,
            copies=list(self.copies),
            env=self.env,
            notes=str(self.notes or self.record.with_name("notes.json")),
            limits=self.limits,
            read_only=list(self.read_only),
        )

    @property
    def deadline(self) -> float:
        """Seconds after which the runner stops the run itself, should its supervisor not."""
        return self.timeout + GRACE_SECONDS


@dataclass(frozen=True)
class Outcome:
    """How a run ended: exit status (None: timed out and stopped), run time, leftovers."""

    status: int | None
    seconds: float
    leftovers: bool = False  # Processes the snippet started were still running at its end.


class FreshProcess:
    """Run each snippet in a new interpreter."""

    def __init__(self, prefix: tuple[str, ...], env: dict[str, str], python: Path) -> None:
        self.prefix, self.env, self.python = prefix, env, python

    def run(self, request: RunRequest) -> Outcome:
        """Run `request` and return its outcome."""
        started = time.perf_counter()
        spec = request.record.with_name("request.json")
        spec.write_text(json.dumps(request.message()))
        with open(request.stdout, "wb") as out, open(request.stderr, "wb") as err:
            # Files, not pipes: a process the snippet leaves behind cannot hold the run open.
            process = subprocess.Popen(
                [*self.prefix, str(self.python), str(LAUNCHER), "--request", str(spec)],
                cwd=request.workdir,
                env={**self.env, **request.env},
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,  # Its own process group, ended as a whole.
            )
            track(process.pid)
            try:
                status = process.wait(timeout=request.deadline)
            except subprocess.TimeoutExpired:
                end_group(process.pid)
                process.wait()
                return Outcome(None, time.perf_counter() - started)
        seconds = time.perf_counter() - started
        return Outcome(status, seconds, leftovers=end_group(process.pid))

    def close(self) -> None:
        """Nothing to stop: each process ended with its snippet."""


class Forked:
    """Run each snippet in a fork of a server that imported `request.modules` once.

    `shared` names the module sets worth a server; a snippet whose set is not among them
    runs in a fresh process.
    """

    def __init__(
        self,
        prefix: tuple[str, ...],
        env: dict[str, str],
        python: Path,
        shared: frozenset[tuple[str, ...]],
    ) -> None:
        self.pool = ForkServerPool(prefix, env, python)
        self.fallback = FreshProcess(prefix, env, python)
        self.shared = shared

    def run(self, request: RunRequest) -> Outcome:
        """Run `request` in a fork; fresh if it has no server's worth of modules or it dies."""
        if not request.modules or request.modules not in self.shared:
            return self.fallback.run(request)
        server = self.pool.acquire(request.modules)  # Before the clock: not the snippet's time.
        started = time.perf_counter()
        try:
            status, pid = server.run(request.message(), request.deadline)
        except ForkServerError:
            server.close()
            return self.fallback.run(request)
        seconds = time.perf_counter() - started
        self.pool.release(request.modules, server)
        return Outcome(status, seconds, leftovers=status is not None and end_group(pid))

    def close(self) -> None:
        """Stop every fork server."""
        self.pool.close()
