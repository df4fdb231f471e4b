"""The runner fails loudly, names the culprit, and never caches or shows a failed run."""

from __future__ import annotations

import json
import logging
import re

import pytest
from miniproject import MiniProject

from sidebyside.core.discover import all_snippets, discover
from sidebyside.core.errors import SnippetError
from sidebyside.run import cache
from sidebyside.run.key import snippet_key
from sidebyside.run.runner import run_all, run_snippet


@pytest.fixture
def mini(tmp_path):
    return MiniProject(tmp_path / "project", timeout=3)


def run(mini, framework="pytorch", topic="demo"):
    config = mini.config
    return run_snippet(config, discover(config)[topic].snippets[framework])


def fail_message(mini, framework="pytorch"):
    with pytest.raises(SnippetError) as info:
        run(mini, framework)
    return str(info.value)


def test_success_records_output_and_is_cached(mini):
    first = run(mini)
    assert first.stdout == "hello from pt\n" and not first.cached
    assert first.device == "cpu" and first.exports == {}
    assert run(mini).cached


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1 / 0\n", "ZeroDivisionError"),
        ("def broken(:\n", "SyntaxError"),
        ("import sys\nprint('bad input', file=sys.stderr)\nsys.exit(3)\n", "bad input"),
        ("while True:\n    pass\n", "timed out after 3 s"),
    ],
    ids=["raises", "syntax-error", "stderr-exit-3", "hangs"],
)
def test_failure_names_file_framework_and_cause(mini, code, expected):
    run(mini, "tensorflow")  # A warm cache for the good version...
    mini.snippet("tf.py", code)
    message = fail_message(mini, "tensorflow")  # ...never masks the broken one.
    assert "snippets/demo/tf.py [tensorflow]" in message
    assert expected in message
    assert (
        cache.load(
            mini.config,
            snippet_key(mini.config, discover(mini.config)["demo"].snippets["tensorflow"]),
        )
        is None
    )
    mini.snippet("tf.py", 'print("fixed")\n')
    assert run(mini, "tensorflow").stdout == "fixed\n"


def test_nonzero_exit_reports_status(mini):
    mini.snippet("pt.py", "import sys\nsys.exit(3)\n")
    assert "exit status 3" in fail_message(mini)


def test_missing_file(mini):
    config = mini.config
    snippet = discover(config)["demo"].snippets["pytorch"]
    snippet.path.unlink()
    with pytest.raises(SnippetError, match=r"snippets/demo/pt.py \[pytorch\] is missing"):
        run_snippet(config, snippet)


def test_timeout_stops_child_processes(mini, tmp_path):
    marker = tmp_path / "child-alive"
    mini.snippet(
        "pt.py",
        f"""
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c",
            "import time, pathlib; time.sleep(5); pathlib.Path({str(marker)!r}).touch()"])
        while True:
            pass
        """,
    )
    assert "timed out" in fail_message(mini)
    import time

    time.sleep(6)
    assert not marker.exists(), "a child of a timed-out snippet survived the timeout"


@pytest.mark.parametrize("change", ["snippet", "helper", "data", "lock"])
def test_key_changes_with_what_the_snippet_depends_on(mini, change):
    (mini.root / "helper.py").write_text("SCALE = 2\n")
    mini.snippet("pt.py", "import helper\nprint(helper.SCALE)\n")
    config = mini.config
    snippet = discover(config)["demo"].snippets["pytorch"]
    before = snippet_key(config, snippet)
    edits = {
        "snippet": lambda: mini.snippet("pt.py", "import helper\nprint(helper.SCALE * 2)\n"),
        "helper": lambda: (mini.root / "helper.py").write_text("SCALE = 3\n"),
        "data": lambda: (mini.root / "data" / "input.txt").write_text("43\n"),
        "lock": lambda: (mini.root / "constraints.txt").write_text("torch==9.9\n"),
    }
    edits[change]()
    from sidebyside.run.key import environment_digest

    environment_digest.cache_clear()
    assert snippet_key(config, snippet) != before, f"changing the {change} kept the cache key"


def test_exports_are_recorded(mini):
    mini.snippet("pt.py", "import array\nvalue = [1.5, 2.5]\nnested = {'a': (1, 2)}\n")
    (mini.root / "snippets" / "demo" / "topic.toml").write_text(
        'export = ["nested"]\n[compare]\nvalue = 0\n'
    )
    result = run(mini)
    assert result.exports == {"nested": {"a": [1, 2]}, "value": [1.5, 2.5]}


def test_missing_export_fails(mini):
    (mini.root / "snippets" / "demo" / "topic.toml").write_text("[compare]\nnot_there = 0\n")
    assert "does not define the exported name(s) ['not_there']" in fail_message(mini)


def test_failure_names_file_line_and_section(mini):
    mini.snippet(
        "pt.py",
        """\
        x = 1

        # Second section: this one breaks.
        y = x + 1
        raise ValueError("broken on purpose")

        # Third section, never reached.
        print(y)
        """,
    )
    message = fail_message(mini)
    for expected in (
        "snippets/demo/pt.py [pytorch] failed with exit status 1",
        "at snippets/demo/pt.py:5 in section 2 of 3 (lines 4-5: 'y = x + 1')",
        'File "snippets/demo/pt.py", line 5',  # The traceback names the repository's file.
        "ValueError: broken on purpose",
    ):
        assert expected in message, f"{expected!r} missing from:\n{message}"


def test_a_hang_names_the_section_it_hung_in(mini):
    mini.snippet("pt.py", "x = 1\n\n# Then wait.\nimport time\n\ntime.sleep(60)\n")
    message = fail_message(mini)
    assert "timed out after 3 s" in message and "in section 2 of 2" in message, message


def test_each_file_executes_once_per_build(tmp_path, monkeypatch):
    """A cold build runs each file once (page, notebook and downloads share that run)."""
    counts = tmp_path / "executions.txt"
    monkeypatch.setenv("EXECUTIONS", str(counts))
    mini = MiniProject(tmp_path / "project")
    for name in ("pt.py", "tf.py"):
        mini.snippet(
            name,
            f"""\
            import os

            # Count this execution.
            with open(os.environ["EXECUTIONS"], "a") as log:
                print("{name}", file=log)
            print("ran")
            """,
        )
    first = mini.build()
    assert first.returncode == 0, first.stderr
    assert sorted(counts.read_text().split()) == ["pt.py", "tf.py"], counts.read_text()
    (notebook,) = (mini.root / "site").rglob("pt.ipynb")
    cells = json.loads(notebook.read_text())["cells"]
    printed = ["".join(o.get("text", "")) for c in cells for o in c.get("outputs", [])]
    assert "ran\n" in printed, f"{notebook}: the run's output is not in the notebook: {printed}"
    mini.page('{{ example("demo") }}\n\nAn edited page.\n')
    again = mini.build()
    assert again.returncode == 0, again.stderr
    assert sorted(counts.read_text().split()) == ["pt.py", "tf.py"], "a page edit ran a file"


def test_each_run_logs_a_progress_line(mini, caplog):
    """One line up front, then one per finished run: done/total, elapsed, time left."""
    mini.snippet("pt.py", "print('second')\n", topic="second")
    config = mini.config
    with caplog.at_level(logging.INFO, logger="sidebyside.run.runner"):
        results, failures = run_all(config, all_snippets(discover(config)))
    assert len(results) == 3 and not failures, failures
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("sidebyside:")]
    start = r"sidebyside: running 3 snippet\(s\), about \S+ on \d+ job\(s\)"
    assert lines and re.fullmatch(start, lines[0]), f"no opening progress line: {lines}"
    done = r"sidebyside: \[(\d)/3\] \S+ ok · \S+ elapsed · about \S+ left"
    counts = [int(m[1]) for line in lines[1:] if (m := re.fullmatch(done, line))]
    assert counts == [1, 2, 3], f"expected one line per finished run, 1/3 to 3/3: {lines}"
