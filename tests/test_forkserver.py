"""Snippets forked from a preloaded process behave like fresh processes and share nothing."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest
from miniproject import MiniProject

from sidebyside.core.discover import all_snippets, discover
from sidebyside.core.errors import SnippetError
from sidebyside.run.runner import run_all

STATE = """
import os
import statemod

statemod.seen.append("{name}")
print(f"seen: {{statemod.seen}}")
# The run's parent is its supervisor (launch.py), forked by the server: its parent.
with open(f"/proc/{{os.getppid()}}/stat") as stat:
    server = stat.read().rsplit(")", 1)[1].split()[1]
print(f"parent: {{server}}, self: {{os.getpid()}}")
"""


@pytest.fixture
def mini(tmp_path, monkeypatch):
    project = MiniProject(tmp_path / "project", timeout=3, preload="statemod")
    (project.root / "statemod.py").write_text("seen = []\n")
    monkeypatch.setenv("PYTHONPATH", str(project.root))
    monkeypatch.setenv("SIDEBYSIDE_JOBS", "1")  # One fork server runs every snippet, one by one.
    return project


def run(mini):
    config = mini.config
    return run_all(config, all_snippets(discover(config)))


def test_forked_snippets_share_no_state(mini):
    for name in ("one", "two", "three"):
        mini.snippet("pt.py", STATE.format(name=name), topic=name)
        mini.snippet("tf.py", "print('fine')\n", topic=name)
    (mini.root / "snippets" / "demo" / "pt.py").unlink()
    results, failures = run(mini)
    assert not failures, failures
    outputs = [results[f"{n}[pytorch]"].stdout.splitlines() for n in ("one", "two", "three")]
    assert [o[0] for o in outputs] == ["seen: ['one']", "seen: ['two']", "seen: ['three']"]
    parents = {o[1].split(",")[0] for o in outputs}
    selves = {o[1].split(",")[1] for o in outputs}
    assert len(parents) == 1, f"not forked from one preloaded process: {parents}"
    assert len(selves) == 3, "two snippets ran in the same process"


def test_forked_timeout_and_crash_are_reported_and_the_worker_survives(mini):
    mini.snippet("pt.py", "while True:\n    pass\n", topic="hang")
    mini.snippet("pt.py", "import ctypes\nctypes.string_at(0)\n", topic="crash")
    mini.snippet("pt.py", "print('after')\n", topic="zafter")
    results, failures = run(mini)
    assert "snippets/hang/pt.py [pytorch] timed out after 3 s" in str(failures["hang[pytorch]"])
    assert "exit status -11" in str(failures["crash[pytorch]"])
    assert results["zafter[pytorch]"].stdout == "after\n"
    assert isinstance(failures["hang[pytorch]"], SnippetError)


# Whether the run's supervisor (its parent) was forked by a fork server.
WHERE = """
import os

with open(f"/proc/{os.getppid()}/stat") as stat:
    supervisor_parent = stat.read().rsplit(")", 1)[1].split()[1]
with open(f"/proc/{supervisor_parent}/cmdline", "rb") as cmdline:
    print("fork server" if b"--fork-server" in cmdline.read() else "no server")
"""


@pytest.mark.parametrize("count", [1, 2])
def test_a_server_starts_only_for_modules_two_runs_share(mini, count):
    (mini.root / "snippets" / "demo" / "pt.py").unlink()
    for n in range(count):
        mini.snippet("pt.py", WHERE, topic=f"where{n}")
    results, failures = run(mini)
    assert not failures, failures
    expected = "fork server" if count > 1 else "no server"
    shown = {results[f"where{n}[pytorch]"].stdout.strip() for n in range(count)}
    assert shown == {expected}, (
        f"{count} snippet(s) preloading the same modules ran with {shown}: a lone one should "
        "run in a fresh process (a server would import them for one run), two share a server"
    )


LEFTOVER = """
import subprocess

subprocess.Popen(["sleep", "{seconds}"])
print("started a child and exited")
"""


def _sleepers(seconds: int) -> list[int]:
    """Return the pids of `sleep SECONDS` processes still running."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                argv = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if argv[:2] == [b"sleep", str(seconds).encode()]:
                found.append(int(proc.name))
    return found


@pytest.mark.parametrize("preload", ["1", "0"], ids=["fork-server", "fresh-process"])
def test_processes_a_snippet_leaves_behind_are_ended_and_logged(mini, monkeypatch, caplog, preload):
    seconds = 600 + int(preload) * 7 + os.getpid() % 50  # Unique to this test run.
    monkeypatch.setenv("SIDEBYSIDE_PRELOAD", preload)
    mini.snippet("pt.py", LEFTOVER.format(seconds=seconds), topic="leaves")
    with caplog.at_level(logging.WARNING, logger="sidebyside.run.runner"):
        results, failures = run(mini)
    assert "leaves[pytorch]" in results, failures
    deadline = time.monotonic() + 5
    while _sleepers(seconds) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _sleepers(seconds), "a process the snippet started outlived the run"
    assert "snippets/leaves/pt.py [pytorch]: ended the processes it left running" in caplog.text
