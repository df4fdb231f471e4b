"""`mkdocs serve` without waiting: snippets run in the background while pages are served.

A serve build takes what the cache holds and marks every other output as pending; this
module's one `Background` runner runs the pending snippets in a thread of the serve process,
and touches a file that `mkdocs serve` watches, so that the site rebuilds and open pages
reload as outputs arrive (their notebooks with them: they take the runs' outputs). A failed
run is kept (by its cache key) and shown on its page until the file changes. `mkdocs build`
never streams: it runs everything first and fails on the first error, as always.

The plugin keeps one `Background` for the life of the server (MkDocs keeps the plugin instance
across serve rebuilds).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sidebyside.run import cache
from sidebyside.core.config import Config
from sidebyside.core.discover import Snippet, Topic, all_snippets
from sidebyside.core.errors import SnippetError
from sidebyside.run.key import snippet_key
from sidebyside.run.processes import end_all
from sidebyside.core.results import Result
from sidebyside.run.runner import run_all

log = logging.getLogger("mkdocs.plugins.sidebyside")
TRIGGER = ".serve/outputs-arrived"  # Under the cache folder; `mkdocs serve` watches its folder.
# Seconds between two rebuild requests while outputs keep arriving: at least this, and at
# least three times the last build, so that the site stays responsive (MkDocs holds every
# request during a rebuild) and the runs keep most of the machine.
NOTIFY_EVERY = 60.0


@dataclass
class Snapshot:
    """What one serve build shows: stored results, failures, and the ids still pending."""

    results: dict[str, Result] = field(default_factory=dict)
    failures: dict[str, SnippetError] = field(default_factory=dict)
    pending: set[str] = field(default_factory=set)


class Background:
    """Run snippets in a background thread and ask `mkdocs serve` to rebuild as they finish."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: dict[str, Snippet] = {}  # By cache key: waiting to run.
        self._running: set[str] = set()
        self._failed: dict[str, SnippetError] = {}  # By cache key.
        self._thread: threading.Thread | None = None
        self._last_notice = time.monotonic()
        self.last_build = 0.0  # Seconds the last serve build took (the plugin measures it).
        self.trigger: Path | None = None
        self.idle = threading.Event()  # Set when nothing is queued or running.
        self.idle.set()
        self.stopped = threading.Event()  # Set when the server shuts down.

    def stop(self) -> None:
        """Start nothing more and end the runs under way: the server is shutting down."""
        self.stopped.set()
        with self._lock:
            self._queue.clear()
        if ended := end_all():
            log.info("sidebyside: ended %d background run(s) at shutdown", ended)

    def watch_folder(self, config: Config) -> Path:
        """Return the folder `mkdocs serve` should watch (created, with its trigger file)."""
        self.trigger = config.cache / TRIGGER
        self.trigger.parent.mkdir(parents=True, exist_ok=True)
        self.trigger.touch()
        return self.trigger.parent

    def snapshot(self, config: Config, topics: dict[str, Topic]) -> Snapshot:
        """Return what the cache holds for `topics`; queue the snippets it lacks."""
        shot = Snapshot()
        with self._lock:
            for snippet in all_snippets(topics):
                if snippet.absent:
                    continue
                key, stored = cache.lookup(config, snippet)
                if stored is not None:
                    shot.results[snippet.id] = stored
                elif key in self._failed:
                    shot.failures[snippet.id] = self._failed[key]
                else:
                    shot.pending.add(snippet.id)
                    if key not in self._running:
                        self._queue[key] = snippet
        return shot

    def start(self, config: Config) -> None:
        """Start running what is queued, unless a run is under way (it takes the queue next).

        The plugin calls this once a build is done, so that runs never delay a page.
        """
        with self._lock:
            if self._queue and (self._thread is None or not self._thread.is_alive()):
                self.idle.clear()
                self._thread = threading.Thread(
                    target=self._work, args=(config,), name="sidebyside-background", daemon=True
                )
                self._thread.start()

    def _work(self, config: Config) -> None:
        while True:
            with self._lock:
                batch, self._queue = self._queue, {}
                self._running = set(batch)
                if not batch:
                    self._running = set()
                    self.idle.set()
                    return
            log.info("sidebyside: running %d snippet(s) in the background", len(batch))
            started = time.perf_counter()
            snippets = list(batch.values())
            results, failures = run_all(config, snippets, on_done=self._arrived, stop=self.stopped)
            if self.stopped.is_set():
                self.idle.set()
                return
            with self._lock:
                for key, snippet in batch.items():
                    if snippet.id in failures:
                        self._failed[key] = failures[snippet.id]
            log.info(
                "sidebyside: background runs done in %.0f s: %d passed, %d failed",
                time.perf_counter() - started,
                len(results),
                len(failures),
            )
            self._notify(force=True)  # The outputs are in: the rebuild shows them.

    def _arrived(self, snippet: Snippet) -> None:
        self._notify(force=False)

    def _notify(self, force: bool) -> None:
        """Touch the trigger file (not again within NOTIFY_EVERY seconds, unless `force`)."""
        now = time.monotonic()
        wait = max(NOTIFY_EVERY, 3 * self.last_build)
        if self.trigger is None or (not force and now - self._last_notice < wait):
            return
        self._last_notice = now
        self.trigger.write_text(str(time.time()))

