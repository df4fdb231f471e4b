"""Run snippets, each in its own process under a timeout, reusing cached successes."""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sidebyside import cache
from sidebyside.config import SNIPPET_ENV, Config
from sidebyside.discover import Snippet
from sidebyside.errors import SnippetError
from sidebyside.key import environment_digest, snippet_key
from sidebyside.offline import command_prefix
from sidebyside.results import Result
from sidebyside.zygote import Zygote, ZygoteError, ZygotePool

LAUNCHER = Path(__file__).with_name("launch.py")
PRELOAD_ENV = "SIDEBYSIDE_PRELOAD"


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _fresh_process(argv: list[str], workdir: Path, timeout: float) -> tuple[str, str, int | None]:
    """Run the launcher in a new interpreter; return stdout, stderr and status (None: timeout)."""
    process = subprocess.Popen(
        [*command_prefix(), sys.executable, str(LAUNCHER), *argv],
        cwd=workdir,
        env={**os.environ, **SNIPPET_ENV},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # Lets a timeout stop the snippet's own child processes.
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        status = process.returncode
    except subprocess.TimeoutExpired:
        _kill_group(process)
        stdout, stderr = process.communicate()
        status = None
    finally:
        _kill_group(process)
    return stdout, stderr, status


def _forked(
    pool: ZygotePool,
    zygote: Zygote,
    modules: tuple[str, ...],
    argv: list[str],
    workdir: Path,
    timeout: float,
) -> tuple[str, str, int | None]:
    """Run the launcher in a fork of a zygote that already imported `modules`."""
    out, err = workdir.parent / "stdout.txt", workdir.parent / "stderr.txt"
    snippet, record, probe, *exports = argv
    request = dict(snippet=snippet, record=record, probe=probe, exports=exports)
    request |= dict(cwd=str(workdir), stdout=str(out), stderr=str(err))
    try:
        status = zygote.run(request, timeout)
    except ZygoteError:
        zygote.close()
        return _fresh_process(argv, workdir, timeout)
    pool.release(modules, zygote)
    return out.read_text(errors="replace"), err.read_text(errors="replace"), status


def _execute(config: Config, snippet: Snippet, key: str, pool: ZygotePool | None) -> Result:
    relative = snippet.path.relative_to(config.root).as_posix()
    framework = config.framework(snippet.framework)
    with tempfile.TemporaryDirectory(prefix="sidebyside-") as scratch:
        workdir, record = Path(scratch) / "work", Path(scratch) / "record.json"
        workdir.mkdir()
        argv = [str(snippet.path), str(record), str(framework.probe), *snippet.exports]
        timeout, modules = snippet.timeout, framework.preload
        if pool is not None and modules and snippet.preload:
            zygote = pool.acquire(modules)  # Before the clock: its import is not the snippet's.
            started = time.perf_counter()
            stdout, stderr, status = _forked(pool, zygote, modules, argv, workdir, timeout)
        else:
            started = time.perf_counter()
            stdout, stderr, status = _fresh_process(argv, workdir, timeout)
        seconds = time.perf_counter() - started
        if status is None:
            reason = f"timed out after {snippet.timeout:g} s and was stopped"
            raise SnippetError(relative, snippet.framework, reason, stderr + stdout)
        if status != 0:
            reason = f"failed with exit status {status}"
            raise SnippetError(relative, snippet.framework, reason, stderr or stdout)
        data = json.loads(record.read_text())
        result = Result(
            topic=snippet.topic,
            framework=snippet.framework,
            path=relative,
            key=key,
            stdout=stdout,
            stderr=stderr,
            returncode=status,
            seconds=round(seconds, 3),
            date=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            run_info=data["run_info"],
            exports=data["exports"],
            files=sorted(
                p.relative_to(workdir).as_posix() for p in workdir.rglob("*") if p.is_file()
            ),
        )
        return cache.store(config, result, workdir)


def run_snippet(
    config: Config, snippet: Snippet, use_cache: bool = True, pool: ZygotePool | None = None
) -> Result:
    """Return the result of `snippet`, from the cache when its key is stored, else by running it.

    Raises SnippetError when the file is missing, raises, exits non-zero or times out; such a
    run is never stored.
    """
    relative = snippet.path.relative_to(config.root).as_posix()
    if not snippet.path.is_file():
        raise SnippetError(relative, snippet.framework, "is missing: no such file")
    key = snippet_key(config, snippet)
    if use_cache and (stored := cache.load(config, key)) is not None:
        return stored
    return _execute(config, snippet, key, pool)


def run_all(
    config: Config, snippets: list[Snippet], use_cache: bool = True
) -> tuple[dict[str, Result], dict[str, SnippetError]]:
    """Run `snippets` in `config.jobs` parallel processes; return results and failures by id.

    Unless SIDEBYSIDE_PRELOAD=0, snippets of a framework with `preload` modules run in forks of
    a process that imported them once (see zygote.py). A snippet whose `requires` names a module
    this environment lacks is left out of both results and failures: it is not run here.
    """
    snippets = [s for s in snippets if not s.absent]
    environment_digest.cache_clear()  # Inputs or versions may have changed since the last call.
    results: dict[str, Result] = {}
    failures: dict[str, SnippetError] = {}
    preload = os.environ.get(PRELOAD_ENV, "1") != "0"
    zygotes = ZygotePool(command_prefix(), {**os.environ, **SNIPPET_ENV}) if preload else None

    def one(snippet: Snippet) -> None:
        try:
            results[snippet.id] = run_snippet(config, snippet, use_cache, zygotes)
        except SnippetError as error:
            failures[snippet.id] = error

    try:
        with ThreadPoolExecutor(max_workers=max(1, config.jobs)) as threads:
            # Longest timeouts first: the slow snippets start early and the fast ones fill in.
            list(threads.map(one, sorted(snippets, key=lambda s: -s.timeout)))
    finally:
        if zygotes is not None:
            zygotes.close()
    return results, failures
