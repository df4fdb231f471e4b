"""Run snippets, each in its own process under a timeout, reusing cached successes."""

from __future__ import annotations

import datetime
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sidebyside import cache
from sidebyside.config import SNIPPET_ENV, Config
from sidebyside.discover import Snippet
from sidebyside.errors import SnippetError
from sidebyside.execution import Forked, FreshProcess, RunRequest
from sidebyside.key import environment_digest, snippet_key
from sidebyside.processes import network_prefix
from sidebyside.results import Result
from sidebyside.shards import recorded_times

log = logging.getLogger("sidebyside.run")
Strategy = FreshProcess | Forked


def _execute(config: Config, snippet: Snippet, key: str, strategy: Strategy) -> Result:
    relative = snippet.path.relative_to(config.root).as_posix()
    framework = config.framework(snippet.framework)
    with tempfile.TemporaryDirectory(prefix="sidebyside-") as scratch:
        workdir = Path(scratch) / "work"
        workdir.mkdir()
        request = RunRequest(
            snippet=snippet.path,
            record=Path(scratch) / "record.json",
            probe=framework.probe,
            exports=snippet.exports,
            workdir=workdir,
            stdout=Path(scratch) / "stdout.txt",
            stderr=Path(scratch) / "stderr.txt",
            timeout=snippet.timeout,
            modules=framework.preload if snippet.preload else (),
        )
        outcome = strategy.run(request)
        stdout = request.stdout.read_text(errors="replace")
        stderr = request.stderr.read_text(errors="replace")
        if outcome.leftovers:
            log.warning("%s [%s]: ended the processes it left running", relative, snippet.framework)
        if outcome.status is None:
            reason = f"timed out after {snippet.timeout:g} s and was stopped"
            raise SnippetError(relative, snippet.framework, reason, stderr + stdout)
        if outcome.status != 0:
            reason = f"failed with exit status {outcome.status}"
            raise SnippetError(relative, snippet.framework, reason, stderr or stdout)
        data = json.loads(request.record.read_text())
        result = Result(
            topic=snippet.topic,
            framework=snippet.framework,
            path=relative,
            key=key,
            stdout=stdout,
            stderr=stderr,
            seconds=round(outcome.seconds, 3),
            date=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            run_info=data["run_info"],
            exports=data["exports"],
            files=sorted(
                p.relative_to(workdir).as_posix() for p in workdir.rglob("*") if p.is_file()
            ),
        )
        return cache.store(config, result, workdir)


def strategy_for(config: Config) -> Strategy:
    """Return how `config` runs snippets: forks of a fork server, or fresh processes."""
    env = {**os.environ, **SNIPPET_ENV}
    prefix = network_prefix(config.offline)
    return Forked(prefix, env) if config.preload else FreshProcess(prefix, env)


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
    key = snippet_key(config, snippet)
    if use_cache and (stored := cache.load(config, key)) is not None:
        return stored
    if strategy is None:
        strategy = FreshProcess(network_prefix(config.offline), {**os.environ, **SNIPPET_ENV})
    return _execute(config, snippet, key, strategy)


def run_all(
    config: Config,
    snippets: list[Snippet],
    use_cache: bool = True,
    on_done: Callable[[Snippet], None] | None = None,
    stop: threading.Event | None = None,
) -> tuple[dict[str, Result], dict[str, SnippetError]]:
    """Run `snippets` in `config.jobs` parallel processes; return results and failures by id.

    Unless `config.preload` is off (SIDEBYSIDE_PRELOAD=0), snippets of a framework with
    `preload` modules run in forks of a fork server that imported them once. A snippet whose
    `requires` names a module this environment lacks is left out of both results and
    failures: it is not run here. `on_done(snippet)` is called as each snippet finishes;
    once `stop` is set, no further snippet starts (nor appears in the results).
    """
    snippets = [s for s in snippets if not s.absent]
    environment_digest.cache_clear()  # Inputs or versions may have changed since the last call.
    results: dict[str, Result] = {}
    failures: dict[str, SnippetError] = {}
    strategy = strategy_for(config)

    def one(snippet: Snippet) -> None:
        if stop is not None and stop.is_set():
            return
        try:
            results[snippet.id] = run_snippet(config, snippet, use_cache, strategy)
        except SnippetError as error:
            failures[snippet.id] = error
        if on_done is not None:
            on_done(snippet)

    try:
        with ThreadPoolExecutor(max_workers=max(1, config.jobs)) as threads:
            # Longest first (by the time the cache recorded, else the timeout): the slow
            # snippets start early and the fast ones fill in.
            times = recorded_times(config)
            order = sorted(snippets, key=lambda s: -times.get(s.id, s.timeout))
            list(threads.map(one, order))
    finally:
        strategy.close()
    return results, failures
