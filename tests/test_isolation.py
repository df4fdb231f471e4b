"""Nothing a snippet starts outlives it, nothing it writes reaches the project, and no output,
memory or process count can take the build down; settings errors are one line."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time

import pytest
from miniproject import (
    BUILD_MARK,
    MiniProject,
    alive,
    assert_fails_then_recovers,
    left_running,
    live_processes,
)

from sidebyside.content.render import SHOWN_LINES, Renderer
from sidebyside.core.discover import discover
from sidebyside.core.errors import SnippetError
from sidebyside.run.runner import run_snippet

LINUX = sys.platform.startswith("linux")


@pytest.fixture
def mini(tmp_path):
    return MiniProject(tmp_path / "project", timeout=20)


def _run(config, framework="pytorch"):
    return run_snippet(config, discover(config)["demo"].snippets[framework], use_cache=False)


@pytest.mark.skipif(not LINUX, reason="child subreapers and /proc are Linux's")
def test_detached_processes_end_with_the_run(mini):
    mini.snippet(
        "pt.py",
        """\
        import os
        import subprocess

        # A new session, and a daemon that forks twice: both leave the process group.
        sleeper = subprocess.Popen(["sleep", "777"], start_new_session=True)
        read, write = os.pipe()
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.write(write, str(os.getpid()).encode())
                os.execvp("sleep", ["sleep", "778"])
            os._exit(0)
        os.wait()
        daemon = int(os.read(read, 32))
        print(sleeper.pid, daemon)
        """,
    )
    result = _run(mini.config)
    pids = [int(p) for p in result.stdout.split()]
    time.sleep(0.2)
    assert not [p for p in pids if alive(p)], (
        f"snippets/demo/pt.py [pytorch]: processes {pids} outlived the run; the launcher's "
        "supervisor (sidebyside/run/launch.py) must end every descendant"
    )


@pytest.mark.skipif(not LINUX or os.geteuid() != 0, reason="mount namespaces need root here")
def test_the_project_is_read_only_to_a_snippet(mini, monkeypatch):
    monkeypatch.setenv("PROJECT_ROOT", str(mini.root))
    mini.snippet(
        "pt.py",
        """\
        import os
        from pathlib import Path

        # Next to its own file: the run's folder, which it may write.
        (Path(__file__).parent / "junk.txt").write_text("mine")
        Path(os.environ["PROJECT_ROOT"], "docs", "JUNK.md").write_text("not mine")
        """,
    )
    with pytest.raises(SnippetError) as info:
        _run(mini.config)
    message = str(info.value)
    assert "Read-only file system" in message and "docs/JUNK.md" in message, message
    assert not (mini.root / "docs" / "JUNK.md").exists(), "a snippet changed the project"
    assert not (mini.root / "snippets" / "demo" / "junk.txt").exists()
    mini.snippet("pt.py", 'from pathlib import Path\n\nPath("junk.txt").write_text("mine")\n')
    assert _run(mini.config).files == ["junk.txt"], "the run's own folder must stay writable"


def test_a_flood_of_output_is_stored_capped_and_shown_shortened(mini):
    mini.snippet("pt.py", "for i in range(400_000):\n    print(f'line {i}')\n")
    config = dataclasses.replace(mini.config, output_limit=0.1)
    result = _run(config)
    assert len(result.stdout.encode()) < 0.11 * 2**20, "the stored output is not capped"
    lines = result.stdout.splitlines()
    assert lines[0] == "line 0" and lines[-1] == "line 399999", "first and last lines kept"
    assert any("lines left out" in line for line in lines), "no line says what was left out"
    shown = Renderer(config, discover(config), {result.id: result}, "index.md").output(result)
    body = shown.split("```", 2)[1]
    assert len(body.splitlines()) <= SHOWN_LINES + 2, "the page shows the whole output"
    assert "lines not shown here" in body and "[The whole stored output](" in shown


@pytest.mark.skipif(not LINUX, reason="the supervisor reads /proc")
def test_a_run_over_the_memory_limit_fails_clearly(mini):
    mini.snippet("pt.py", "import time\n\nblock = b'x' * 600_000_000\ntime.sleep(5)\n")
    config = dataclasses.replace(mini.config, memory_limit=0.3)
    with pytest.raises(SnippetError) as info:
        _run(config)
    assert "exceeded the memory limit of 0.3 GB" in str(info.value), str(info.value)


@pytest.mark.skipif(not LINUX, reason="the supervisor reads /proc")
def test_a_run_over_the_process_limit_fails_clearly(mini):
    mini.snippet(
        "pt.py",
        "import subprocess\nimport time\n\n"
        "sleepers = [subprocess.Popen(['sleep', '30']) for _ in range(12)]\ntime.sleep(5)\n",
    )
    config = dataclasses.replace(mini.config, process_limit=8)
    with pytest.raises(SnippetError) as info:
        _run(config)
    assert "started more than 8 processes" in str(info.value), str(info.value)


def _one_line_error(completed: subprocess.CompletedProcess, *expected: str) -> None:
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0, output
    assert "Traceback" not in output, f"a traceback instead of one line:\n{output}"
    for text in expected:
        assert text in output, f"{text!r} missing from:\n{output}"


def test_a_broken_topic_toml_is_one_line(mini):
    (mini.root / "snippets" / "demo" / "topic.toml").write_text('title = "Demo\n')
    ran = subprocess.run(
        [sys.executable, "-m", "sidebyside", "run"],
        cwd=mini.root,
        capture_output=True,
        text=True,
        check=False,
    )
    _one_line_error(ran, "snippets/demo/topic.toml", "line 1", "column")


def test_an_unknown_environment_variable_stops_the_build_in_one_line(mini, monkeypatch):
    monkeypatch.setenv("SIDEBYSIDE_JOBZ", "2")
    _one_line_error(mini.build(), "SIDEBYSIDE_JOBZ", "did you mean SIDEBYSIDE_JOBS?")


@pytest.mark.parametrize(
    ("directive", "expected"),
    [
        ('{{ example("dmeo") }}', "no snippet topic 'dmeo'\"; did you mean 'demo'?"),
        ('{{ example("demo", colour=1) }}', "unexpected keyword argument 'colour'"),
        ('{{ exampel("demo") }}', "unknown directive 'exampel'; did you mean 'example'?"),
    ],
    ids=["topic", "argument", "directive"],
)
def test_page_directives_are_checked_before_any_snippet_runs(mini, directive, expected):
    mini.page(directive + "\n")
    built = mini.build()
    _one_line_error(built, "docs/index.md: line 1", expected)
    assert not list((mini.root / ".cache").glob("*/result.json")), "a snippet ran first"


# ---- The same faults in a whole build: one message, nothing left behind, then recovery. ----

FAULTS = {
    "writes-the-project": (
        "from pathlib import Path\n\nPath('{root}/docs/JUNK.md').write_text('x')\n",
        "Read-only file system",
    ),
    "memory": ("import time\n\nblock = b'x' * 600_000_000\ntime.sleep(5)\n", "memory limit"),
    "processes": (
        "import subprocess\nimport time\n\n"
        "sleepers = [subprocess.Popen(['sleep', '30']) for _ in range(12)]\ntime.sleep(5)\n",
        "started more than 8 processes",
    ),
}


@pytest.mark.skipif(not LINUX or os.geteuid() != 0, reason="the full isolation is Linux's, as root")
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_build_fails_on_a_fault_then_recovers(tmp_path, fault):
    mini = MiniProject(tmp_path / "project", timeout=20)
    pyproject = mini.root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            "distributions = []", "distributions = []\nmemory_limit = 0.3\nprocess_limit = 8"
        )
    )
    good = (mini.root / "snippets" / "demo" / "tf.py").read_text()
    code, needle = FAULTS[fault]
    mini.snippet("tf.py", code.replace("{root}", str(mini.root)))
    assert_fails_then_recovers(mini, needle, lambda: mini.snippet("tf.py", good))


@pytest.mark.skipif(not LINUX, reason="child subreapers and /proc are Linux's")
def test_build_with_a_detached_process_passes_and_leaves_nothing(tmp_path):
    mini = MiniProject(tmp_path / "project", timeout=20)
    mini.snippet(
        "tf.py",
        "import subprocess\n\n"
        "subprocess.Popen(['sleep', '779'], start_new_session=True)\nprint('hello from tf')\n",
    )
    running = live_processes()
    built = mini.build()
    assert built.returncode == 0, built.stderr
    left = left_running(running, mini)
    assert not left, f"the build left processes running: {left}"


def test_the_leftover_check_sees_a_builds_processes_and_no_others(tmp_path):
    mini = MiniProject(tmp_path / "project")
    mini.snippet("tf.py", f"import os\n\nprint(os.environ.get('{BUILD_MARK}'))\n")
    built = mini.build()
    assert built.returncode == 0, built.stderr
    page = (mini.root / "site" / "index.html").read_text()
    assert str(mini.root) in page, f"a snippet's process does not carry {BUILD_MARK}"
    running = live_processes()
    marked = {**os.environ, BUILD_MARK: str(mini.root)}
    ours = subprocess.Popen(["sleep", "781"], env=marked, start_new_session=True)
    other = subprocess.Popen(["sleep", "782"], start_new_session=True)
    try:
        left = left_running(running, mini, wait=0.5)
        assert left == {ours.pid: "sleep 781"}, f"expected only the build's process: {left}"
    finally:
        for process in (ours, other):
            process.kill()
            process.wait()


def test_a_broken_topic_toml_fails_the_build_then_recovers(tmp_path):
    mini = MiniProject(tmp_path / "project", timeout=20)
    meta = mini.root / "snippets" / "demo" / "topic.toml"
    meta.write_text('title = "Demo\n')
    assert_fails_then_recovers(mini, "topic.toml: invalid TOML", lambda: meta.unlink())
