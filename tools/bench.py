"""Measure how long builds, serving and tests take: `python tools/bench.py [--skip-tests]`.

Times, in one run: a plain build (snippet execution off; from empty caches, then with the
notebook rendering cache filled), a cold build (empty caches), a warm
build (nothing changed), a build after one snippet changed, a `mkdocs serve` rebuild after one
markdown page changed, a streaming `mkdocs serve` on an empty cache (first page, last output),
the set-up of a second nox session, and README's test command (`nox -s lint tests`) in a fresh
clone with empty caches and then again with everything in place, each split into phases
(environments and lint, snippet runs, site build, reader, browser, other tests). From the cold
build's cache it also derives the scheduling efficiency of its run phases, the shard balance for
2, 4 and 8 machines, and whether a copy of the project at another path reuses the cache. Writes
the report that `benchmark_report` in pyproject.toml names, which the Speed page shows.

`python tools/bench.py --environments` measures the environments instead (and keeps the rest of
the report): the site's own tools, those with the test tools and frameworks, and the runtime set
the snippets run with, each created from an empty and from a warm package cache, with its
download and its size on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from phases import PHASES_ENV  # noqa: E402

from sidebyside.core.config import load_config
from sidebyside.core.discover import all_snippets, discover
from sidebyside.core.files import timestamp
from sidebyside.run.key import snippet_key
from sidebyside.run.shards import ideal_seconds, recorded_times, split

# The browser tests' share of a warm test run on 2026-12-07, before each page was loaded once
# for all its checks (axe-core 323 s, the crawl 137 s, line length 33 s, alignment 26 s, ...).
BROWSER_BEFORE = 600.0
CHANGED_SNIPPET = Path("snippets/autograd/pt.py")
CHANGED_PAGE = Path("docs/index.md")
SERVE_TIMEOUT = 600
STREAM_TIMEOUT = 3600
STREAM_PORT = 8797
# What a clone holds (tests/test_cache_relocation.py copies the same).
CLONED = ("docs", "snippets", "sidebyside", "mnist_data", "tests", "tools")
CLONED_FILES = ("pyproject.toml", "constraints.txt", "mkdocs.yml", "noxfile.py", "README.md")
_RUN_PHASE = re.compile(
    r"(\d+) snippet\(s\) run, \d+ from the cache; run phase ([\d.]+) s, "
    r"run times add up to ([\d.]+) s over (\d+) job"
)


def _timed(command: list[str], env: dict, cwd: Path) -> tuple[float, str]:
    """Run `command`; return its wall time and its log (stderr). Exit if it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start, done.stderr


def _serve(root: Path, env: dict, port: int) -> tuple[subprocess.Popen, list[tuple[float, str]]]:
    """Start `mkdocs serve`; return it and its log lines with their arrival times."""
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=root, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    lines: list[tuple[float, str]] = []

    def read() -> None:
        for line in server.stderr:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()
    return server, lines


def _wait_line(lines, needle: str, after: float, timeout: float) -> float:
    """Return when a log line holding `needle` arrived after `after`; exit on timeout."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for at, line in list(lines):
            if at >= after and needle in line:
                return at
        time.sleep(0.1)
    sys.exit(f"mkdocs serve never logged {needle!r}:\n{''.join(line for _, line in lines)[-3000:]}")


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _serve_rebuild(root: Path, env: dict) -> tuple[float, str]:
    """Start `mkdocs serve` on a warm cache, edit one page; return the rebuild time and log."""
    server, lines = _serve(root, env, 8799)
    try:
        _wait_line(lines, "Serving on", 0, SERVE_TIMEOUT)
        page = root / CHANGED_PAGE
        original = page.read_text()
        start = time.perf_counter()
        page.write_text(original + "\n")
        try:
            done = _wait_line(lines, "Documentation built in", start, SERVE_TIMEOUT)
        finally:
            page.write_text(original)
        return done - start, "".join(line for at, line in lines if at >= start)
    finally:
        _stop(server)


def _stream(root: Path, env: dict) -> tuple[float, float]:
    """Serve on an empty cache; return seconds to the first page and to the last output shown."""
    start = time.perf_counter()
    server, lines = _serve(root, env, STREAM_PORT)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{STREAM_PORT}/", timeout=5):
                    break
            except OSError:
                if time.perf_counter() - start > SERVE_TIMEOUT or server.poll() is not None:
                    sys.exit(
                        "mkdocs serve never served a page:\n" + "".join(line for _, line in lines)
                    )
                time.sleep(0.1)
        first = time.perf_counter() - start
        runs_done = _wait_line(lines, "background runs done", start, STREAM_TIMEOUT)
        # The last output is on the pages once the rebuild after the runs is built.
        shown = _wait_line(lines, "Documentation built in", runs_done, SERVE_TIMEOUT)
        return first, shown - start
    finally:
        _stop(server)


def _relocated(config, root: Path, scratch: Path, cache: Path) -> tuple[int, int, float]:
    """Copy the project and its cache elsewhere; return (missing, snippets, seconds to check)."""
    clone = scratch / "relocated" / "clone"
    for name in CLONED:
        shutil.copytree(root / name, clone / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in CLONED_FILES:
        shutil.copy2(root / name, clone / name)
    copied = scratch / "relocated" / "cache"
    shutil.copytree(cache, copied, ignore=shutil.ignore_patterns(".tmp-*", ".serve"))
    env = {**os.environ, "SIDEBYSIDE_CACHE": str(copied), "PYTHONPATH": str(clone)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sidebyside", "missing"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    missing = re.search(r"(\d+) missing", done.stdout)
    count = sum(1 for s in all_snippets(discover(config)) if not s.absent)
    return (int(missing.group(1)) if missing else -1), count, seconds


def _nox() -> str | None:
    return shutil.which("nox") or shutil.which("nox", path=os.defpath)


def _test_command(clone: Path, scratch: Path, label: str) -> dict:
    """Run README's test command (`nox -s lint tests`) in `clone`; return its time per phase.

    The phases come from the test session (tests/phases.py); "environments and lint" is the
    rest of the command: nox, the shared environment, npm and ruff.
    """
    nox = _nox()
    if nox is None:
        sys.exit("nox is not installed: README's test command needs it")
    phases = scratch / f"phases-{label}.json"
    # The command as a reader types it: not from inside this session's environment.
    site_bin = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != site_bin)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "SIDEBYSIDE_CACHE")},
        "PATH": path,
        PHASES_ENV: str(phases),
    }
    start = time.perf_counter()
    done = subprocess.run(
        [nox, "-s", "lint", "tests"], cwd=clone, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"README's test command failed ({label}):\n{done.stdout[-4000:]}")
    report = json.loads(phases.read_text())
    return {
        "wall": round(wall, 1),
        "pytest": report["pytest"],
        "phases": {"environments and lint": round(wall - report["pytest"], 1), **report["phases"]},
    }


def _second_session(root: Path) -> float | None:
    """Seconds `nox -s env` takes when the shared environment is up to date (None: no nox)."""
    nox = _nox()
    if nox is None:
        return None
    subprocess.run([nox, "-s", "env"], cwd=root, capture_output=True, check=True)  # Up to date.
    start = time.perf_counter()
    subprocess.run([nox, "-s", "env"], cwd=root, capture_output=True, check=True)
    return time.perf_counter() - start


def _size(folder: Path) -> int:
    """Bytes of the files under `folder`."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def _environment(
    root: Path, requirements: list[str], wheels: list[str], scratch: Path
) -> dict[str, float]:
    """Create one environment twice, from an empty and then a warm package cache.

    `wheels` lists what it installs from the registry (the download, measured apart).
    """
    cache = scratch / "pip-cache"
    figures = {}
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-cache-dir",
         "-d", str(scratch / "wheels"), "-c", str(root / "constraints.txt"), *wheels],
        check=True, capture_output=True,
    )  # fmt: skip
    figures["download_gb"] = round(_size(scratch / "wheels") / 1e9, 2)
    for phase in ("empty_cache_s", "warm_cache_s"):
        venv = scratch / "venv"
        shutil.rmtree(venv, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
             "--cache-dir", str(cache), "-c", str(root / "constraints.txt"), *requirements],
            cwd=root, check=True, capture_output=True,
        )  # fmt: skip
        figures[phase] = round(time.perf_counter() - start, 1)
    figures["disk_gb"] = round(_size(scratch / "venv") / 1e9, 2)
    return figures


def environments(config) -> dict:
    """Measure each environment the project creates; return the report's `environments` part."""
    pyproject = tomllib.loads((config.root / "pyproject.toml").read_text())
    project = pyproject["project"]
    site, extras = project["dependencies"], project["optional-dependencies"]
    runtime = pyproject["dependency-groups"]["reader"]
    wanted = {
        "site tools (`nox -s serve`, `nox -s build`)": (["-e", "."], site),
        "site and test tools with the frameworks (`nox -s tests`)": (
            ["-e", ".[test,frameworks]"],
            [*site, *extras["test"], *extras["frameworks"]],
        ),
        "runtime, where every snippet runs (`.cache/reader-env`)": (runtime, runtime),
    }
    measured = {}
    for name, (requirements, wheels) in wanted.items():
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "env"
            measured[name] = _environment(config.root, requirements, wheels, folder)
            print(f"{name}: {measured[name]}", flush=True)
    stamp = timestamp()
    return {"date": stamp, "torch": _pinned(config.root, "torch"), "measured": measured}


def _pinned(root: Path, name: str) -> str:
    """Return the version constraints.txt pins for distribution `name`."""
    for line in (root / "constraints.txt").read_text().splitlines():
        if line.lower().startswith(f"{name}=="):
            return line.split("==")[1]
    return "unpinned"


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print and store them."""
    parser = argparse.ArgumentParser(prog="python tools/bench.py")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    parser.add_argument("--environments", action="store_true", help="measure the environments only")
    args = parser.parse_args(argv)
    config = load_config()
    out = config.benchmark_report
    previous = json.loads(out.read_text()) if out.is_file() else {}
    if args.environments:
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps({**previous, "environments": environments(config)}, indent=1))
        print(f"written to {out}")
        return 0
    root = config.root
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d"]
    seconds: dict[str, float] = {}
    figures: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as scratch:
        cache = Path(scratch) / "cache"
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SIDEBYSIDE_CACHE": str(cache),
            "NOTEBOOK_CACHE": f"{scratch}/notebooks",  # mkdocs-jupyter's; empty for the cold.
        }
        site = f"{scratch}/site"
        plain_env = {**env, "SIDEBYSIDE_EXECUTE": "0", "NOTEBOOK_CACHE": f"{scratch}/plain-nb"}
        # From empty caches, as the cold build starts (every notebook rendered), then with the
        # notebook rendering cache filled, as the warm build finds it.
        seconds["plain_empty_caches"] = _timed([*build, site], plain_env, root)[0]
        seconds["plain"] = _timed([*build, site], plain_env, root)[0]
        seconds["cold"], cold_log = _timed([*build, site], env, root)
        seconds["warm"] = _timed([*build, site], env, root)[0]
        snippet = root / CHANGED_SNIPPET
        original = snippet.read_text()
        try:
            snippet.write_text(original + "# A change to the file, not to its output.\n")
            seconds["one_snippet_changed"], changed_log = _timed([*build, site], env, root)
            own = json.loads((cache / _key(config, CHANGED_SNIPPET) / "result.json").read_text())[
                "seconds"
            ]
        finally:
            snippet.write_text(original)
        seconds["changed_snippet_own_run"] = own
        # Its notebook takes that run's outputs: nothing executes a second time.
        if " 1 snippet(s) run," not in changed_log:
            sys.exit(f"the build after one change did not run exactly it:\n{changed_log[-3000:]}")
        seconds["serve_markdown_rebuild"], serve_log = _serve_rebuild(root, env)
        missing, total, check_seconds = _relocated(config, root, Path(scratch), cache)
        seconds["relocated_clone_check"] = check_seconds
        figures["relocated clone"] = f"{missing} of {total} snippets to run again"
        times = recorded_times(load_config(root, cache=cache))
        snippets = [s for s in all_snippets(discover(config)) if s.id in times]
        balance = {}
        for n in (2, 4, 8):
            largest = max(share.seconds for share in split(snippets, times, n))
            balance[n] = largest / ideal_seconds(snippets, times, n)
            figures[f"shard balance, N = {n}"] = (
                f"largest share {largest:.0f} s, {balance[n]:.2f} x the ideal"
            )
        stream_env = {**env, "SIDEBYSIDE_CACHE": f"{scratch}/stream-cache"}
        seconds["serve_first_page"], seconds["serve_last_output"] = _stream(root, stream_env)
        if (second := _second_session(root)) is not None:
            seconds["second_session_setup"] = second
        if not args.skip_tests:
            # A fresh clone of the committed project with empty caches, then the same again.
            clone = Path(scratch) / "clone"
            subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
            tests = {"fresh clone": _test_command(clone, Path(scratch), "fresh")}
            tests["warm"] = _test_command(clone, Path(scratch), "warm")
            seconds["tests_fresh_clone"] = tests["fresh clone"]["wall"]
            seconds["tests_warm"] = tests["warm"]["wall"]
    runs = _RUN_PHASE.search(cold_log)
    if runs is None:
        sys.exit(f"the cold build did not log its run phase:\n{cold_log[-3000:]}")
    jobs = int(runs.group(4))
    phase_wall = float(runs.group(2))
    run_sum = float(runs.group(3))
    efficiency = run_sum / jobs / phase_wall
    # A cold build starts from empty caches: its bound adds a plain build that starts so too.
    bound = 1.15 * run_sum / jobs + seconds["plain_empty_caches"]
    figures["cold build run phase"] = (
        f"{runs.group(1)} snippets in {phase_wall:.0f} s, each executed once (the notebooks "
        f"take their outputs); run times add up to {run_sum:.0f} s over {jobs} jobs"
    )
    figures["cold build scheduling efficiency"] = f"{efficiency:.2f} (run times / jobs / wall)"
    # In serve, a build runs nothing itself; missing outputs would run in the background.
    ran = re.search(
        r"sidebyside: (running \d+ snippet\(s\) in the background|[1-9]\d* snippet\(s\) run)",
        serve_log,
    )
    plain = seconds["plain"]
    targets = {
        "warm build <= 1.5 x plain": seconds["warm"] <= 1.5 * plain,
        "one snippet changed <= warm + its run + 2 s": seconds["one_snippet_changed"]
        <= seconds["warm"] + own + 2,
        "markdown edit in serve runs no snippet": "Documentation built" in serve_log and not ran,
        f"cold build <= 1.15 x run times / jobs + plain from empty caches ({bound:.0f} s)": (
            seconds["cold"] <= bound
        ),
        "serve: first page within 20 s": seconds["serve_first_page"] <= 20,
        "relocated clone runs nothing again": missing == 0,
        "shards within 20% of the ideal (N = 2, 4, 8)": all(b <= 1.2 for b in balance.values()),
    }
    if "second_session_setup" in seconds:
        targets["second session set-up within 10 s"] = seconds["second_session_setup"] <= 10
    if not args.skip_tests:
        targets["README test command, fresh clone, empty caches: <= 25 min"] = (
            seconds["tests_fresh_clone"] <= 25 * 60
        )
        targets["warm test run (nothing changed) <= 8 min"] = seconds["tests_warm"] <= 8 * 60
        browser = tests["warm"]["phases"].get("browser", 0)
        targets[
            f"browser tests, warm run: <= a third of {BROWSER_BEFORE:.0f} s (the warm run "
            "before one visit per page)"
        ] = browser <= BROWSER_BEFORE / 3
    report = {
        "date": timestamp(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "ratio_to_plain": {k: round(v / plain, 2) for k, v in seconds.items()},
        "figures": figures,
        "targets": targets,
    }
    if not args.skip_tests:
        report["tests"] = tests
    if "environments" in previous:  # Measured on their own (--environments).
        report["environments"] = previous["environments"]
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
    for name, value in seconds.items():
        print(f"{name:<26} {value:8.2f} s  {value / plain:6.2f} x plain")
    for name, text in figures.items():
        print(f"{name:<34} {text}")
    for name, ok in targets.items():
        print(f"{'met ' if ok else 'MISSED'} {name}")
    print(f"written to {out}")
    return 0 if all(targets.values()) else 1


def _key(config, relative: Path) -> str:
    topic = discover(config)[relative.parent.name]
    snippet = next(s for s in topic.snippets.values() if s.path == config.root / relative)
    return snippet_key(config, snippet)


if __name__ == "__main__":
    sys.exit(main())
