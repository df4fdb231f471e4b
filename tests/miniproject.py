"""A throwaway project with plain-Python 'frameworks', for fast fault-injection tests."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sidebyside.core.config import load_config

# In the environment of every build of a mini project, and so of every process it starts.
BUILD_MARK = "MINIPROJECT_BUILD"

PYPROJECT = """
[tool.sidebyside]
snippets = "snippets"
cache = ".cache"
timeout = {timeout}
inputs = ["data"]
distributions = []

[[tool.sidebyside.frameworks]]
name = "pytorch"
label = "PyTorch"
file = "pt.py"
probe = "probe.py"

[[tool.sidebyside.frameworks]]
name = "tensorflow"
label = "TensorFlow"
file = "tf.py"
probe = "probe.py"
"""

MKDOCS = """
site_name: Mini
theme:
  name: material
  font: false
strict: true
validation:
  anchors: warn
plugins:
  - search
  - sidebyside
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.details
  - pymdownx.highlight:
      line_spans: __span
  - pymdownx.superfences:
      custom_fences:
        - name: sbs
          class: sbs-code
          format: !!python/name:sidebyside.site.fence.format_snippet
          validator: !!python/name:sidebyside.site.fence.validate
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.snippets:
      base_path: [!relative $config_dir]
      check_paths: true
"""


class MiniProject:
    """Write snippets, run them and build the site of a project under `root`."""

    def __init__(self, root: Path, timeout: float = 20, preload: str = "") -> None:
        self.root = root
        (root / "data").mkdir(parents=True)
        (root / "data" / "input.txt").write_text("42\n")
        pyproject = PYPROJECT.format(timeout=timeout)
        if preload:  # The "pytorch" framework preloads this module, found via PYTHONPATH.
            preloaded = f'probe = "probe.py"\npreload = ["{preload}"]'
            pyproject = pyproject.replace('probe = "probe.py"', preloaded, 1)
        (root / "pyproject.toml").write_text(pyproject)
        (root / "probe.py").write_text('RUN_INFO = {"version": "python", "device": "cpu"}\n')
        (root / "mkdocs.yml").write_text(MKDOCS)
        (root / "docs").mkdir()
        self.page('{{ example("demo") }}\n')
        self.snippet("pt.py", 'print("hello from pt")\nvalue = 1.0\n')
        self.snippet("tf.py", 'print("hello from tf")\nvalue = 1.0\n')

    @property
    def config(self):
        """The project's configuration, read afresh."""
        return load_config(self.root)

    def snippet(self, name: str, code: str, topic: str = "demo") -> Path:
        """Write `snippets/<topic>/<name>`."""
        path = self.root / "snippets" / topic / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code))
        return path

    def page(self, markdown: str, name: str = "index.md") -> None:
        """Write a page under docs/."""
        (self.root / "docs" / name).write_text(markdown)

    def build(self) -> subprocess.CompletedProcess:
        """Run `mkdocs build --strict` and return the finished process."""
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
            env={"NO_MKDOCS_2_WARNING": "1", **os.environ, BUILD_MARK: str(self.root)},
        )


def alive(pid: int) -> bool:
    """Tell whether process `pid` is running (a zombie is not)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def live_processes() -> set[int]:
    """Return the ids of the live user processes on this machine (none where there is no /proc).

    Kernel threads (children of kthreadd, pid 2) come and go on their own: they are left out.
    """
    found = set()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            state, parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, IndexError, ValueError):
            continue
        if state != "Z" and parent != "2" and entry.name != "2":
            found.add(int(entry.name))
    return found


def _started_by(pid: int, mini: MiniProject) -> bool:
    """Tell whether process `pid` descends from a build of `mini` (its environment says so)."""
    try:
        environ = (Path("/proc") / str(pid) / "environ").read_bytes()
    except OSError:
        return False
    return f"{BUILD_MARK}={mini.root}".encode() in environ.split(b"\0")


def left_running(before: set[int], mini: MiniProject, wait: float = 3.0) -> dict[int, str]:
    """Return the processes a build of `mini` started since `before` that are still running
    after `wait` seconds at most (one that is just exiting gets the time to), with their
    command lines.

    A build's processes inherit its environment, which names `mini` (`BUILD_MARK`), so a
    process the rest of the machine starts meanwhile is not taken for a leftover.
    """
    deadline = time.monotonic() + wait

    def started() -> set[int]:
        return {pid for pid in live_processes() - before if _started_by(pid, mini)}

    while (new := started()) and time.monotonic() < deadline:
        time.sleep(0.1)
    found = {}
    for pid in sorted(new):
        try:
            found[pid] = (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue  # Gone meanwhile.
    return {pid: line.decode(errors="replace").strip() for pid, line in found.items()}


def checkout_files(root: Path) -> dict[str, bytes]:
    """Return every file of the project at `root` (its build and cache left out), by path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not {".cache", "site"} & set(p.relative_to(root).parts)
    }


def assert_fails_then_recovers(mini, needle, undo, shown="hello from tf"):
    """Build with a fault in `mini`: it must fail naming `needle`, leave no process running
    and no file of the project changed; after `undo()`, the next build passes and shows the
    fresh output `shown` (nothing stale)."""
    before, running = checkout_files(mini.root), live_processes()
    broken = mini.build()
    assert broken.returncode != 0, "the build passed with a fault in it"
    assert needle in broken.stderr, f"build error does not mention {needle!r}:\n{broken.stderr}"
    assert checkout_files(mini.root) == before, "the failed build changed the project's files"
    left = left_running(running, mini)
    assert not left, f"the failed build left processes running: {left}"
    undo()
    fixed = mini.build()
    assert fixed.returncode == 0, f"the build stayed red after the fix:\n{fixed.stderr}"
    page = (mini.root / "site" / "index.html").read_text()
    assert shown in page, f"the page after the fix does not show the fresh output {shown!r}"
