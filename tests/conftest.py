"""Shared fixtures: the project's configuration and one cached run of every snippet."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from phases import PHASES_ENV, Phases
from serving import serve

from sidebyside.core.config import load_config
from sidebyside.core.discover import all_snippets, discover
from sidebyside.run import runtime
from sidebyside.run.runner import run_all

ROOT = Path(__file__).resolve().parents[1]
CONFIG = load_config(ROOT)
TOPICS = discover(CONFIG)
SNIPPETS = all_snippets(TOPICS)
GPU_ENV = "SIDEBYSIDE_REQUIRE_GPU"
SITE_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PHASES = Phases()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-gpu",
        action="store_true",
        default=CONFIG.require_gpu,
        help=f"fail, rather than skip, when a framework sees no GPU (or set {GPU_ENV}=1)",
    )
    parser.addoption(
        "--no-visit-cache",
        action="store_true",
        help="load every page in the browser tests, also those whose stored visit found "
        "nothing and still holds (tests/visit_cache.py)",
    )


def _torch_compiler_first(runtest):
    """Wrap a Markdown code block's run: load torch's compiler stack before the block runs.

    pytest-codeblocks runs every block in this one process, so a block that creates a torch
    optimizer (which imports torch._dynamo and, with torch's CUDA build, Triton and its LLVM)
    after an earlier block imported TensorFlow (another LLVM) would abort the whole test run
    with "LLVM ERROR: inconsistency in registered CommandLine options". A reader runs one block
    in a fresh process, where that order never arises. Question 24 shows the conflict.
    """

    def run():
        import torch._dynamo  # noqa: F401

        runtest()

    return run


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.suffix == ".md":
            item.runtest = _torch_compiler_first(item.runtest)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    with PHASES.test(item.path):
        return (yield)


def pytest_terminal_summary(terminalreporter) -> None:
    terminalreporter.write_line(PHASES.summary())
    if out := os.environ.get(PHASES_ENV):
        Path(out).write_text(json.dumps(PHASES.report(), indent=1))


@pytest.fixture(scope="session")
def require_gpu(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--require-gpu"))


@pytest.fixture(scope="session")
def runs(request: pytest.FixtureRequest):
    """Run every snippet once (cached results are reused), in parallel.

    The runner's progress lines (done/total, elapsed, time left) reach the terminal while the
    runs go on, past pytest's output capture: a cold run takes minutes.
    """
    capture = request.config.pluginmanager.getplugin("capturemanager")
    runner = logging.getLogger("sidebyside")
    with capture.global_and_fixture_disabled():
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("\n%(message)s"))
        runner.addHandler(handler)
        runner.setLevel(logging.INFO)
        try:
            with PHASES.fixture("runtime environment"):
                runtime.python(CONFIG)
            with PHASES.fixture("snippet runs"):
                return run_all(CONFIG, SNIPPETS)
        finally:
            runner.removeHandler(handler)


@pytest.fixture(scope="session")
def site(runs, tmp_path_factory):
    """Build the real site strictly into a temporary folder, reusing the snippet runs."""
    results, failures = runs
    if failures:
        pytest.fail("snippets failed; see test_snippet:\n" + "\n".join(map(str, failures.values())))
    out = tmp_path_factory.mktemp("site")
    with PHASES.fixture("site build"):
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


@pytest.fixture(scope="session")
def served_site(site):
    """Serve the built site once for the session; yield its base URL."""
    with serve(site) as server:
        yield server.url


UNIT = Path(__file__).resolve().parent / "unit"
FRAMEWORKS = ("torch", "tensorflow", "keras", "jax")


@pytest.fixture(autouse=True)
def unit_tests_import_no_framework(request):
    """Fail the unit test (tests/unit) during which a framework got imported, in any order."""
    if UNIT not in request.node.path.parents:
        yield
        return
    before = {m for m in FRAMEWORKS if m in sys.modules}
    yield
    loaded = sorted(m for m in FRAMEWORKS if m in sys.modules and m not in before)
    assert not loaded, (
        f"{request.node.nodeid} imported {loaded}: keep framework code out of tests/unit"
    )
