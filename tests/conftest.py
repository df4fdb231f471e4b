"""Shared fixtures: the project's configuration and one cached run of every snippet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sidebyside.config import load_config
from sidebyside.discover import all_snippets, discover
from sidebyside.run import run_all

ROOT = Path(__file__).resolve().parents[1]
CONFIG = load_config(ROOT)
TOPICS = discover(CONFIG)
SNIPPETS = all_snippets(TOPICS)
GPU_ENV = "SIDEBYSIDE_REQUIRE_GPU"
SITE_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-gpu",
        action="store_true",
        default=CONFIG.require_gpu,
        help=f"fail, rather than skip, when a framework sees no GPU (or set {GPU_ENV}=1)",
    )


@pytest.fixture(scope="session")
def require_gpu(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--require-gpu"))


@pytest.fixture(scope="session")
def runs():
    """Run every snippet once (cached results are reused), in parallel."""
    return run_all(CONFIG, SNIPPETS)


@pytest.fixture(scope="session")
def site(runs, tmp_path_factory):
    """Build the real site strictly into a temporary folder, reusing the snippet runs."""
    results, failures = runs
    if failures:
        pytest.fail("snippets failed; see test_snippet:\n" + "\n".join(map(str, failures.values())))
    out = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=SITE_ENV,
    )
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.stderr[-4000:]}"
    return out
