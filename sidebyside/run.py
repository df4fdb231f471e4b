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
from sidebyside.config import Config
from sidebyside.discover import Snippet
from sidebyside.errors import SnippetError
from sidebyside.key import environment_digest, snippet_key
from sidebyside.offline import command_prefix
from sidebyside.results import Result

LAUNCHER = Path(__file__).with_name("launch.py")

# The environment every snippet runs in; CONTRIBUTING.md documents it for readers.
SNIPPET_ENV = {
    "PYTHONHASHSEED": "0",
    "PYTHONUNBUFFERED": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "MPLBACKEND": "Agg",
    "TF_CPP_MIN_LOG_LEVEL": "2",
}


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _execute(config: Config, snippet: Snippet, key: str) -> Result:
    relative = snippet.path.relative_to(config.root).as_posix()
    probe = config.framework(snippet.framework).probe
    with tempfile.TemporaryDirectory(prefix="sidebyside-") as scratch:
        workdir, record = Path(scratch) / "work", Path(scratch) / "record.json"
        workdir.mkdir()
        command = [
            *command_prefix(),
            *(sys.executable, str(LAUNCHER), str(snippet.path), str(record), str(probe)),
        ]
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, *snippet.exports],
            cwd=workdir,
            env={**os.environ, **SNIPPET_ENV},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # Lets a timeout stop the snippet's own child processes.
        )
        try:
            stdout, stderr = process.communicate(timeout=snippet.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            stdout, stderr = process.communicate()
            reason = f"timed out after {snippet.timeout:g} s and was stopped"
            raise SnippetError(relative, snippet.framework, reason, stderr + stdout) from None
        finally:
            _kill_group(process)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            reason = f"failed with exit status {process.returncode}"
            raise SnippetError(relative, snippet.framework, reason, stderr or stdout)
        data = json.loads(record.read_text())
        result = Result(
            topic=snippet.topic,
            framework=snippet.framework,
            path=relative,
            key=key,
            stdout=stdout,
            stderr=stderr,
            returncode=process.returncode,
            seconds=round(seconds, 3),
            date=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            run_info=data["run_info"],
            exports=data["exports"],
            files=sorted(
                p.relative_to(workdir).as_posix() for p in workdir.rglob("*") if p.is_file()
            ),
        )
        return cache.store(config, result, workdir)


def run_snippet(config: Config, snippet: Snippet, use_cache: bool = True) -> Result:
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
    return _execute(config, snippet, key)


def run_all(
    config: Config, snippets: list[Snippet], use_cache: bool = True
) -> tuple[dict[str, Result], dict[str, SnippetError]]:
    """Run `snippets` in `config.jobs` parallel processes; return results and failures by id."""
    environment_digest.cache_clear()  # Inputs or versions may have changed since the last call.
    results: dict[str, Result] = {}
    failures: dict[str, SnippetError] = {}

    def one(snippet: Snippet) -> None:
        try:
            results[snippet.id] = run_snippet(config, snippet, use_cache)
        except SnippetError as error:
            failures[snippet.id] = error

    with ThreadPoolExecutor(max_workers=max(1, config.jobs)) as pool:
        list(pool.map(one, snippets))
    return results, failures
