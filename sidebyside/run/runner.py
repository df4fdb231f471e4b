"""Run snippets, each in its own process under a timeout, reusing cached successes.

A snippet runs once per build, as a reader's copy would: in an empty folder holding a copy of
the file (and of the project modules it imports), with the runtime environment's interpreter
(runtime.py), a HOME and temporary folder of its own, section by section (sections.py). That
one run gives the page its output, the notebook its cell outputs and the gallery its figures.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sidebyside.core.config import SNIPPET_ENV, Config
from sidebyside.core.discover import Snippet
from sidebyside.core.errors import SnippetError
from sidebyside.core.files import timestamp
from sidebyside.core.results import Result
from sidebyside.core.sections import (
    Section,
    imported_modules,
    parse,
    runs_as_script,
    version_code,
)
from sidebyside.run import cache, runtime
from sidebyside.run.execution import Forked, FreshProcess, RunRequest
from sidebyside.run.key import environment_digest
from sidebyside.run.processes import network_prefix
from sidebyside.run.shards import recorded_times

log = logging.getLogger("sidebyside.run.runner")
Strategy = FreshProcess | Forked
# Shared by every run, outside the (read-only) project: Matplotlib's font cache, built once.
MATPLOTLIB_CACHE = Path(tempfile.gettempdir()) / f"sidebyside-matplotlib-{os.getuid()}"
_said: set[str] = set()  # What this process already warned about once.


def code_sections(code: str) -> tuple[list[Section], bool]:
    """Return the code sections of `code` and whether it runs as one script.

    A file that does not parse runs as a script, which reports its syntax error.
    """
    try:
        return [s for s in parse(code) if s.kind == "code"], runs_as_script(code)
    except SyntaxError:
        return [], True


def _copy_helpers(config: Config, code: str, workdir: Path) -> list[str]:
    """Copy the project modules `code` imports next to it, as a reader's download gets them."""
    copied = []
    try:
        names = imported_modules(code)
    except SyntaxError:
        return copied
    for name in sorted(names):
        package, module = config.root / name, config.root / f"{name}.py"
        if (package / "__init__.py").is_file():
            if len(list(package.glob("*.py"))) == 1:  # A one-file package: one module.
                shutil.copy(package / "__init__.py", workdir / f"{name}.py")
                copied.append(f"{name}.py")
            else:
                shutil.copytree(package, workdir / name, ignore=shutil.ignore_patterns("*.gz"))
                copied.append(name)
        elif module.is_file():
            shutil.copy(module, workdir / f"{name}.py")
            copied.append(f"{name}.py")
    return copied


def _where(sections: list[Section], failed: dict | None, relative: str) -> str:
    """Say where a run failed: `FILE:LINE` and the section, from the launcher's record."""
    if not failed:
        return ""
    line = failed.get("line")
    place = f" at {relative}:{line}" if line else f" in {relative}"
    index = failed.get("section", 0)
    if sections and 0 <= index < len(sections):
        place += f" in {sections[index].label(index + 1, len(sections))}"
    return place


def _split(text: str, spans: list[tuple[int, int]]) -> list[str]:
    data = text.encode()
    return [data[a:b].decode(errors="replace") for a, b in spans]


def capped(text: str, limit: int) -> tuple[str, int]:
    """Return `text` cut to about `limit` bytes (first and last lines), and the lines left out."""
    if len(text.encode()) <= limit:
        return text, 0
    lines = text.splitlines(keepends=True)
    head, tail, size = [], [], 0
    while lines and size + len(lines[0].encode()) <= limit // 2:
        size += len(lines[0].encode())
        head.append(lines.pop(0))
    while lines and size + len(lines[-1].encode()) <= limit:
        size += len(lines[-1].encode())
        tail.insert(0, lines.pop())
    return "".join(head) + OMITTED.format(count=len(lines)) + "".join(tail), len(lines)


# The line standing for what a capped output leaves out.
OMITTED = "[... {count} lines left out: the output was longer than the runner stores ...]\n"


def _warn_once(notes: dict) -> None:
    """Say once per process what this system cannot contain (macOS, containers)."""
    for key, what in (
        ("uncontained", "processes a snippet detaches cannot be ended with it"),
        ("unprotected", "snippets could change the project's files"),
    ):
        if notes.get(key) and key not in _said:
            _said.add(key)
            log.warning("sidebyside: %s here: %s", what, notes[key])


def _limit_reason(config: Config, snippet: Snippet, limit: str | None) -> str | None:
    return {
        "seconds": f"timed out after {snippet.timeout:g} s and was stopped",
        "memory": f"exceeded the memory limit of {config.memory_limit:g} GB and was stopped",
        "processes": f"started more than {config.process_limit} processes and was stopped",
    }.get(limit or "")


def _execute(config: Config, snippet: Snippet, key: str, strategy: Strategy) -> Result:
    relative = snippet.path.relative_to(config.root).as_posix()
    framework = config.framework(snippet.framework)
    code = snippet.path.read_text()
    sections, script = code_sections(code)
    with tempfile.TemporaryDirectory(prefix="sidebyside-") as scratch:
        workdir, home = Path(scratch) / "work", Path(scratch) / "home"
        for folder in (workdir, home, home / "tmp"):
            folder.mkdir()
        copy = workdir / snippet.path.name
        shutil.copy(snippet.path, copy)
        copies = [copy.name, *_copy_helpers(config, code, workdir)]
        env = {
            "HOME": str(home),
            "TMPDIR": str(home / "tmp"),
            "MPLCONFIGDIR": str(MATPLOTLIB_CACHE),
            **{name: str(path) for name, path in config.env_paths},
        }
        request = RunRequest(
            snippet=copy,
            record=Path(scratch) / "record.json",
            probe=framework.probe,
            exports=snippet.exports,
            workdir=workdir,
            stdout=Path(scratch) / "stdout.txt",
            stderr=Path(scratch) / "stderr.txt",
            timeout=snippet.timeout,
            modules=preloaded(config, snippet),
            sections=None if script else tuple((s.first, s.last) for s in sections),
            prelude=version_code(framework.preload),
            copies=tuple(copies),
            env=env,
            notes=Path(scratch) / "notes.json",
            limits={
                "seconds": snippet.timeout,
                "memory": config.memory_limit * 2**30,
                "processes": config.process_limit,
            },
            read_only=(str(config.root),),
        )
        outcome = strategy.run(request)
        stdout = request.stdout.read_text(errors="replace")
        stderr = request.stderr.read_text(errors="replace")
        record, notes = _read_json(request.record), _read_json(request.notes)
        _warn_once(notes)
        shown = stderr.replace(str(copy), relative)  # Tracebacks name the repository's file.
        named = [] if script else sections  # A script is one run, not sections.
        if outcome.leftovers or notes.get("ended"):
            log.warning("%s [%s]: ended the processes it left running", relative, snippet.framework)
        limited = _limit_reason(config, snippet, notes.get("limit"))
        if outcome.status is None or limited:
            reason = limited or f"timed out after {snippet.timeout:g} s and was stopped"
            where = _where(named, record.get("failed"), relative)
            raise SnippetError(relative, snippet.framework, reason + where, shown + stdout)
        if outcome.status != 0:
            reason = f"failed with exit status {outcome.status}"
            where = _where(named, record.get("failed"), relative)
            raise SnippetError(relative, snippet.framework, reason + where, shown or stdout)
        parts = record["sections"]
        limit = int(config.output_limit * 2**20)
        outs = [capped(t, limit)[0] for t in _split(stdout, [tuple(p["stdout"]) for p in parts])]
        errs = [capped(t, limit)[0] for t in _split(stderr, [tuple(p["stderr"]) for p in parts])]
        (stdout, left_out), (stderr, _) = capped(stdout, limit), capped(stderr, limit)
        if left_out:
            log.warning(
                "%s [%s]: printed more than %g MB; the stored output leaves %d lines out",
                relative, snippet.framework, config.output_limit, left_out,
            )  # fmt: skip
        for name in copies:  # What the runner put there is not the run's own.
            target = workdir / name
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
        result = Result(
            topic=snippet.topic,
            framework=snippet.framework,
            path=relative,
            key=key,
            stdout=stdout,
            stderr=stderr,
            seconds=round(outcome.seconds, 3),
            date=timestamp(),
            run_info=record["run_info"],
            exports=record["exports"],
            files=sorted(
                p.relative_to(workdir).as_posix() for p in workdir.rglob("*") if p.is_file()
            ),
            prelude=record["prelude"],
            sections=[
                {"stdout": o, "stderr": e, "figures": p["figures"], "result": p["result"]}
                for o, e, p in zip(outs, errs, parts, strict=True)
            ],
            script=script,
        )
        return cache.store(config, result, workdir)


def snippet_env(python: Path) -> dict[str, str]:
    """Return the environment snippets start with: this one, the runner's own packages left out.

    The interpreter's folder comes first on PATH (a snippet that starts `tensorboard` gets the
    runtime's), and this process's virtual environment is not named.
    """
    own = str(Path(sys.prefix) / "bin")
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != own]
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    if "PYTHONPATH" in os.environ and python == Path(sys.executable):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]  # The runner's own interpreter: as it is.
    return {**env, "PATH": os.pathsep.join([str(python.parent), *path]), **SNIPPET_ENV}


def _read_json(path: Path | None) -> dict:
    try:
        return json.loads(path.read_text()) if path else {}
    except (OSError, ValueError):
        return {}


def preloaded(config: Config, snippet: Snippet) -> tuple[str, ...]:
    """Return the modules a fork server imports before forking `snippet` (() for none)."""
    return config.framework(snippet.framework).preload if snippet.preload else ()


def strategy_for(config: Config, snippets: list[Snippet]) -> Strategy:
    """Return how `config` runs `snippets`: forks of a fork server, or fresh processes.

    Of `snippets` (the ones about to run), those whose preloaded modules no other one shares
    run in a fresh process: a server would import them for that one run, and the run's
    recorded time then includes the import it costs. Creates the runtime environment first
    when it is missing (runtime.py).
    """
    python = runtime.python(config)
    env, prefix = snippet_env(python), network_prefix(config.no_network)
    if not config.preload:
        return FreshProcess(prefix, env, python)
    counts = Counter(preloaded(config, s) for s in snippets)
    shared = frozenset(modules for modules, n in counts.items() if modules and n > 1)
    return Forked(prefix, env, python, shared)


def run_snippet(
    config: Config, snippet: Snippet, use_cache: bool = True, strategy: Strategy | None = None
) -> Result:
    """Return the result of `snippet`, from the cache when its key is stored, else by running it.

    Raises SnippetError when the file is missing, raises, exits non-zero or times out; such a
    run is never stored.
    """
    relative = snippet.path.relative_to(config.root).as_posix()
    if not snippet.path.is_file():
        raise SnippetError(relative, snippet.framework, "is missing: no such file")
    key, stored = cache.lookup(config, snippet)
    if use_cache and stored is not None:
        return stored
    if strategy is None:
        python = runtime.python(config)
        strategy = FreshProcess(network_prefix(config.no_network), snippet_env(python), python)
    return _execute(config, snippet, key, strategy)


class Progress:
    """Log one line per finished run: done/total, elapsed and the time left, estimated.

    The time left adds up the expected seconds of the runs still to finish: a snippet's
    recorded run time when the cache has one (`recorded`), else the mean run time of the runs
    finished so far, or its `expected` guess until one has finished.
    """

    def __init__(self, expected: dict[str, float], jobs: int, recorded: set[str]) -> None:
        self.expected, self.jobs, self.recorded = expected, max(1, jobs), recorded
        self.waiting = set(expected)
        self.measured: list[float] = []
        self.started = time.monotonic()
        self._lock = threading.Lock()
        if expected:
            log.info(
                "sidebyside: running %d snippet(s), about %s on %d job(s)",
                len(expected), _duration(self.seconds_left() / self.jobs), self.jobs,
            )  # fmt: skip

    def seconds_left(self) -> float:
        """Return the expected run seconds of the snippets not finished yet, all jobs summed."""
        mean = sum(self.measured) / len(self.measured) if self.measured else None
        return sum(
            self.expected[s] if s in self.recorded or mean is None else mean for s in self.waiting
        )

    def finished(self, snippet_id: str, outcome: str, seconds: float | None = None) -> None:
        """Note that `snippet_id` finished (`outcome`: "ok" or "FAILED") and log a line.

        `seconds` is its run time (None when unknown, as for a failure).
        """
        with self._lock:
            self.waiting.discard(snippet_id)
            if seconds is not None:
                self.measured.append(seconds)
            elapsed = time.monotonic() - self.started
            log.info(
                "sidebyside: [%d/%d] %s %s · %s elapsed · about %s left",
                len(self.expected) - len(self.waiting), len(self.expected), snippet_id,
                outcome, _duration(elapsed), _duration(self.seconds_left() / self.jobs),
            )  # fmt: skip


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest:02d}s" if minutes else f"{rest}s"


def run_all(
    config: Config,
    snippets: list[Snippet],
    use_cache: bool = True,
    on_done: Callable[[Snippet], None] | None = None,
    stop: threading.Event | None = None,
) -> tuple[dict[str, Result], dict[str, SnippetError]]:
    """Run `snippets` in `config.jobs` parallel processes; return results and failures by id.

    Unless `config.preload` is off (SIDEBYSIDE_PRELOAD=0), snippets of a framework with
    `preload` modules run in forks of a fork server that imported them once, where two or
    more of those to run share them. A snippet whose `requires` names a module this
    environment lacks is left out of both results and failures: it is not run here.
    `on_done(snippet)` is called as each snippet finishes; once `stop` is set, no further
    snippet starts (nor appears in the results). Each run that executes logs a progress line.
    """
    snippets = [s for s in snippets if not s.absent]
    environment_digest.cache_clear()  # Inputs or versions may have changed since the last call.
    results: dict[str, Result] = {}
    failures: dict[str, SnippetError] = {}
    times = recorded_times(config)
    pending: list[Snippet] = []
    for snippet in snippets:
        stored = None
        if use_cache and snippet.path.is_file():
            _, stored = cache.lookup(config, snippet)
        if stored is None:
            pending.append(snippet)
        else:
            results[snippet.id] = stored
            if on_done is not None:
                on_done(snippet)
    if not pending:
        return results, failures
    progress = Progress(
        {s.id: times.get(s.id, s.timeout / 4) for s in pending}, config.jobs, set(times)
    )
    strategy = strategy_for(config, pending)

    def one(snippet: Snippet) -> None:
        if stop is not None and stop.is_set():
            return
        try:
            results[snippet.id] = run_snippet(config, snippet, False, strategy)
            progress.finished(snippet.id, "ok", results[snippet.id].seconds)
        except SnippetError as error:
            failures[snippet.id] = error
            progress.finished(snippet.id, "FAILED")
        if on_done is not None:
            on_done(snippet)

    try:
        with ThreadPoolExecutor(max_workers=max(1, config.jobs)) as threads:
            # Longest first (by the time the cache recorded, else the timeout): the slow
            # snippets start early and the fast ones fill in.
            order = sorted(pending, key=lambda s: -times.get(s.id, s.timeout))
            list(threads.map(one, order))
    finally:
        strategy.close()
    return results, failures
