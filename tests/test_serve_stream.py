"""`mkdocs serve` streams: pages at once with outputs pending, then outputs as runs finish."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from miniproject import MiniProject, alive

SLOW_PT = 'import time\ntime.sleep(3)\nprint("hello from pt")\nvalue = 1.0\n'
FAILING_TF = 'raise RuntimeError("tf snippet broke on purpose")\n'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(mini: MiniProject) -> tuple[subprocess.Popen, str, object]:
    """Start `mkdocs serve` for `mini`; return the process, its address and its log file."""
    port = _free_port()
    log = mini.root.parent / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=mini.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    return server, f"http://127.0.0.1:{port}/", log


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode()
    except OSError:
        return None


@pytest.fixture
def served(tmp_path):
    """A mini project with a slow and a failing snippet, served by `mkdocs serve`."""
    mini = MiniProject(tmp_path / "project")
    mini.snippet("pt.py", SLOW_PT)
    mini.snippet("tf.py", FAILING_TF)
    started = time.perf_counter()
    server, url, log = _serve(mini)
    try:
        yield mini, url, started, server, log
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def _wait_for(url: str, ready, log, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    page = None
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and ready(page):
            return page
        time.sleep(0.3)
    pytest.fail(
        f"{url}: not ready within {timeout:g} s; last page:\n{page}\nlog:\n{log.read_text()}"
    )


def test_serve_shows_pending_outputs_then_results_and_failures(served):
    mini, url, started, server, log = served
    first = _wait_for(url, lambda page: "sbs-example" in page, log)
    first_page = time.perf_counter() - started
    assert first.count("Output pending") == 2, "both runs should be pending on the first page"
    assert "livereload" in first, "serve pages reload themselves when a rebuild is done"

    def arrived(page: str) -> bool:
        return "hello from pt" in page and "This run failed" in page

    last = _wait_for(url, arrived, log)
    assert "Output pending" not in last, "an output is still marked pending after all runs"
    assert "tf snippet broke on purpose" in last, "the failure's message belongs on the page"
    assert "snippets/demo/tf.py" in last, "the failure names the file that failed"
    print(f"first page {first_page:.1f} s, last output {time.perf_counter() - started:.1f} s")

    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("mkdocs serve did not stop within 20 s of SIGTERM: a background run holds it")


def test_the_same_failure_still_fails_the_build(tmp_path):
    mini = MiniProject(tmp_path / "project")
    mini.snippet("tf.py", FAILING_TF)
    built = mini.build()
    assert built.returncode != 0, "mkdocs build passed with a failing snippet"
    assert "snippets/demo/tf.py" in built.stderr and "tensorflow" in built.stderr, built.stderr


def test_stopping_the_server_ends_its_background_runs(tmp_path, monkeypatch):
    mini = MiniProject(tmp_path / "project", timeout=900)
    started = tmp_path / "started.pid"  # The run names its process: it runs a copy of the file.
    monkeypatch.setenv("PID_FILE", str(started))
    mini.snippet(
        "pt.py",
        "import os\nimport time\n\n"
        "with open(os.environ['PID_FILE'], 'w') as out:\n    print(os.getpid(), file=out)\n"
        "time.sleep(600)\nvalue = 1.0\n",
    )
    server, url, log = _serve(mini)
    try:
        _wait_for(url, lambda page: "Output pending" in page, log)
        snippet = str(mini.root / "snippets" / "demo" / "pt.py")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (started.is_file() and started.read_text()):
            time.sleep(0.2)
        assert started.is_file(), f"the background never started {snippet}:\n{log.read_text()}"
        pid = int(started.read_text())
        assert alive(pid), f"the background run of {snippet} is not running"
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pytest.fail(f"mkdocs serve did not stop within 20 s of SIGTERM:\n{log.read_text()}")
        time.sleep(0.5)
        assert not alive(pid), f"{snippet} still runs after the server stopped"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
