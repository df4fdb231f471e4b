"""Measure how long builds and tests take: `python tools/bench.py [--skip-tests]`.

Times, in one run: a plain build (snippet execution off), a cold build (empty cache), a warm
build (nothing changed), a build after one snippet changed, a `mkdocs serve` rebuild after one
markdown page changed, and the full test suite on the warm cache. Writes the report that
`benchmark_report` in pyproject.toml names, which the Speed page shows.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sidebyside.config import load_config

CHANGED_SNIPPET = Path("snippets/autograd/pt.py")
CHANGED_PAGE = Path("docs/index.md")
SERVE_TIMEOUT = 600


def _timed(command: list[str], env: dict, cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def _serve_rebuild(root: Path, env: dict) -> tuple[float, str]:
    """Start `mkdocs serve`, edit one page, and return the rebuild time and its log."""
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", "127.0.0.1:8799"]
    server = subprocess.Popen(
        command, cwd=root, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    try:
        _read_until(server, "Serving on", SERVE_TIMEOUT)
        page = root / CHANGED_PAGE
        original = page.read_text()
        start = time.perf_counter()
        page.write_text(original + "\n")
        try:
            rebuild = _read_until(server, "Documentation built in", SERVE_TIMEOUT)
            seconds = time.perf_counter() - start
        finally:
            page.write_text(original)
        return seconds, rebuild
    finally:
        server.terminate()
        server.wait(timeout=30)


def _read_until(server: subprocess.Popen, needle: str, timeout: float) -> str:
    """Return the server's log up to the line holding `needle`; exit when it does not come."""
    lines: list[str] = []
    timer = threading.Timer(timeout, server.kill)
    timer.start()
    try:
        for line in server.stderr:
            lines.append(line)
            if needle in line:
                return "".join(lines)
    finally:
        timer.cancel()
    sys.exit(f"mkdocs serve never logged {needle!r}:\n{''.join(lines)[-3000:]}")


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print and store them."""
    parser = argparse.ArgumentParser(prog="python tools/bench.py")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    args = parser.parse_args(argv)
    config = load_config()
    root = config.root
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d"]
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SIDEBYSIDE_CACHE": f"{scratch}/cache"}
        site = f"{scratch}/site"
        plain_env = {**env, "SIDEBYSIDE_EXECUTE": "0"}
        # The better of two: the first may still be filling the notebook rendering cache.
        seconds["plain"] = min(_timed([*build, site], plain_env, root) for _ in range(2))
        seconds["cold"] = _timed([*build, site], env, root)
        seconds["warm"] = _timed([*build, site], env, root)
        snippet = root / CHANGED_SNIPPET
        original = snippet.read_text()
        try:
            snippet.write_text(original + "# A change to the file, not to its output.\n")
            seconds["one_snippet_changed"] = _timed([*build, site], env, root)
            own = json.loads(
                (
                    Path(env["SIDEBYSIDE_CACHE"]) / _key(config, CHANGED_SNIPPET) / "result.json"
                ).read_text()
            )["seconds"]
        finally:
            snippet.write_text(original)
        seconds["changed_snippet_own_run"] = own
        seconds["serve_markdown_rebuild"], serve_log = _serve_rebuild(root, env)
        if not args.skip_tests:
            seconds["tests"] = _timed([sys.executable, "-m", "pytest", "-q", "-x"], env, root)
    ran = re.search(r"sidebyside: (\d+) snippet\(s\) run", serve_log)
    plain = seconds["plain"]
    targets = {
        "warm build <= 1.5 x plain": seconds["warm"] <= 1.5 * plain,
        "one snippet changed <= plain + its run + 2 s": seconds["one_snippet_changed"]
        <= plain + own + 2,
        "markdown edit in serve runs no snippet": bool(ran) and ran.group(1) == "0",
        "cold build < 300 s": seconds["cold"] < 300,
    }
    if "tests" in seconds:
        targets["test suite < 300 s"] = seconds["tests"] < 300
    report = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "ratio_to_plain": {k: round(v / plain, 2) for k, v in seconds.items()},
        "targets": targets,
    }
    out = config.benchmark_report
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
    for name, value in seconds.items():
        print(f"{name:<26} {value:8.2f} s  {value / plain:6.2f} x plain")
    for name, ok in targets.items():
        print(f"{'met ' if ok else 'MISSED'} {name}")
    print(f"written to {out}")
    return 0 if all(targets.values()) else 1


def _key(config, relative: Path) -> str:
    from sidebyside.discover import discover
    from sidebyside.key import snippet_key

    topic = discover(config)[relative.parent.name]
    snippet = next(s for s in topic.snippets.values() if s.path == config.root / relative)
    return snippet_key(config, snippet)


if __name__ == "__main__":
    sys.exit(main())
