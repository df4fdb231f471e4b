"""The snippet cache travels: a copy of the project at another path runs nothing again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import CONFIG, ROOT
from miniproject import MiniProject

# What a clone holds: the tracked folders and files, not environments, caches or builds.
CLONED = ("docs", "snippets", "sidebyside", "mnist_data", "tests", "tools")
CLONED_FILES = ("pyproject.toml", "constraints.txt", "mkdocs.yml", "noxfile.py", "README.md")


def _build(root) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_a_moved_mini_project_reuses_its_cache(tmp_path):
    mini = MiniProject(tmp_path / "here")
    first = _build(mini.root)
    assert first.returncode == 0, first.stderr
    assert "2 snippet(s) run, 0 from the cache" in first.stderr, first.stderr
    moved = tmp_path / "elsewhere" / "deeper"
    shutil.copytree(mini.root, moved)
    shutil.rmtree(mini.root)  # Nothing may point back at the first checkout.
    again = _build(moved)
    assert again.returncode == 0, again.stderr
    assert "0 snippet(s) run, 2 from the cache" in again.stderr, (
        f"the cache copied to {moved} was not reused:\n{again.stderr}"
    )
    # The notebooks take their outputs from those cached runs: nothing executes again.
    assert "2 notebook(s) written with their runs' outputs, none executed" in again.stderr, (
        f"the notebooks in {moved} did not get the cached runs' outputs:\n{again.stderr}"
    )


def test_a_copy_of_this_project_elsewhere_finds_every_run_and_notebook(site, tmp_path):
    """After the real build (`site`), a copy at another path with the cache copied is complete."""
    clone = tmp_path / "clone"
    for name in CLONED:
        shutil.copytree(ROOT / name, clone / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in CLONED_FILES:
        shutil.copy2(ROOT / name, clone / name)
    cache = tmp_path / "copied-cache"
    shutil.copytree(CONFIG.cache, cache, ignore=shutil.ignore_patterns(".tmp-*", ".serve"))
    env = {**os.environ, "SIDEBYSIDE_CACHE": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = str(clone)  # The clone's runner and loader, not this checkout's.
    missing = subprocess.run(
        [sys.executable, "-m", "sidebyside", "missing"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env=env,
    )
    assert missing.returncode == 0, (
        f"a copy of the project at {clone} would run these again (the cache key depends on "
        f"where the checkout lies):\n{missing.stdout}{missing.stderr}"
    )
    assert "0 missing" in missing.stdout
