"""Where a test run's time goes: the runtime environment, the snippet runs, the site build, the
reader check, the browser tests and every other test.

The session fixtures time their own work; each test's time, less the fixture work it waited
for, goes to the phase of its file. `SIDEBYSIDE_TEST_PHASES=<file>` writes the figures as JSON
(`nox -s bench` reads them); the terminal summary prints them in one line.
"""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

PHASES_ENV = "SIDEBYSIDE_TEST_PHASES"
# Test files whose time is a phase of its own; every other file is "other tests".
FILE_PHASES = {
    "test_reader.py": "reader",
    "test_browser.py": "browser",
    "test_offline_site.py": "browser",
}


class Phases:
    """Seconds per phase of one pytest session."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._fixture_seconds = 0.0
        self._start = time.monotonic()

    @contextlib.contextmanager
    def fixture(self, phase: str) -> Iterator[None]:
        """Count the block's time for `phase` and not for the test that waited on it."""
        start = time.monotonic()
        try:
            yield
        finally:
            spent = time.monotonic() - start
            self.seconds[phase] += spent
            self._fixture_seconds += spent

    @contextlib.contextmanager
    def test(self, path: Path) -> Iterator[None]:
        """Count one test's set-up, call and tear-down for its file's phase."""
        start, fixtures = time.monotonic(), self._fixture_seconds
        try:
            yield
        finally:
            spent = time.monotonic() - start - (self._fixture_seconds - fixtures)
            self.seconds[FILE_PHASES.get(path.name, "other tests")] += spent

    def report(self) -> dict:
        """Return the session's wall time and the seconds per phase, rounded."""
        return {
            "pytest": round(time.monotonic() - self._start, 1),
            "phases": {name: round(value, 1) for name, value in self.seconds.items()},
        }

    def summary(self) -> str:
        """One line: each phase's seconds, then the session's."""
        report = self.report()
        parts = [f"{name} {value:.0f} s" for name, value in report["phases"].items()]
        return f"time per phase: {', '.join(parts)}; pytest {report['pytest']:.0f} s"
